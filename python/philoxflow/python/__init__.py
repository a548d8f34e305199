"""TensorFlow's internal module paths (`tensorflow.python.*`) over philoxflow's modules.

TF 1.x model code imports TF's internals (`from tensorflow.python.ops import
array_ops`); after the text substitution these resolve here. Each module is an alias
(the philoxflow module itself, or a thin module re-exporting the philoxflow modules
that implement TF's one, `_alias.combine`): no code is copied.
"""

import importlib as _importlib
import importlib.abc as _abc
import importlib.util as _util
import sys as _sys

from . import client, framework, ops, platform, util  # noqa: F401 - the package's modules

# Whole philoxflow packages under TF's names (loaded when first asked for).
_PACKAGES = {"layers": "philoxflow.layers", "training": "philoxflow.training",
             "summary": "philoxflow.summary"}


class _PackageAliases(_abc.MetaPathFinder, _abc.Loader):
    """`import tensorflow.python.layers.core` (after the substitution): the submodules of
    `_PACKAGES` are philoxflow's own modules under TF's path."""

    def find_spec(self, fullname, path=None, target=None):
        parts = fullname.split(".")
        if parts[:2] != ["philoxflow", "python"] or len(parts) < 3 or parts[2] not in _PACKAGES:
            return None
        target_name = ".".join([_PACKAGES[parts[2]]] + parts[3:])
        if _util.find_spec(target_name) is None:
            return None
        return _util.spec_from_loader(fullname, self)

    def create_module(self, spec):
        return None  # a placeholder: exec_module puts philoxflow's module in its place

    def exec_module(self, module):
        parts = module.__name__.split(".")
        target = _importlib.import_module(".".join([_PACKAGES[parts[2]]] + parts[3:]))
        _sys.modules[module.__name__] = target  # the import returns it, unmodified


if not any(isinstance(f, _PackageAliases) for f in _sys.meta_path):
    _sys.meta_path.insert(0, _PackageAliases())  # before the path finder: no second copy


def __getattr__(name):
    if name in _PACKAGES:
        try:
            mod = _importlib.import_module(_PACKAGES[name])
        except ModuleNotFoundError:
            raise AttributeError(f"TensorFlow 1.15 has `tensorflow.python.{name}`, and "
                                 "philoxflow does not implement it yet") from None
        _sys.modules.setdefault(f"{__name__}.{name}", mod)
        return mod
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
