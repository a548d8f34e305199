"""TensorFlow's internal module paths (`tensorflow.python.*`) over philoxflow's modules.

TF 1.x model code imports TF's internals (`from tensorflow.python.ops import
array_ops`); after the text substitution these resolve here. Each module is an alias
(the philoxflow module itself, or a thin module re-exporting the philoxflow modules
that implement TF's one, `_alias.combine`): no code is copied.
"""

import importlib as _importlib
import sys as _sys

from . import client, framework, ops, platform, util  # noqa: F401 - the package's modules

# Whole philoxflow packages under TF's names (loaded when first asked for).
_PACKAGES = {"layers": "philoxflow.layers", "training": "philoxflow.training",
             "summary": "philoxflow.summary"}


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
