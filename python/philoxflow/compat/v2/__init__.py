"""`import philoxflow.compat.v2 as tf`: TensorFlow 2.21 as TF 2 code runs it (eager).

The same functions as the graph targets, bound to `_target.TF2_EAGER`: outside
`tf.function` their default graph is the eager graph (`philoxflow.eager.execute`),
which runs each op they build at once on the Rust kernels and returns eager tensors;
inside `tf.function` they build a function graph by TF 2.x's graph rules.
"""

import sys as _sys
import types as _types

import philoxflow as _pf
from philoxflow import _target
from philoxflow.client.session import Session as _Session
from philoxflow.data.dataset_ops import DatasetV1 as _DatasetV1  # tf.data (issue 19)
from philoxflow.eager import context as _context
from philoxflow.eager import def_function as _def_function
from philoxflow.eager import execute as _execute  # noqa: F401 - registers the eager graph
from philoxflow.eager import generator as _generator
from philoxflow.eager import variables as _variables
from philoxflow.framework.ops import Graph as _Graph
from philoxflow.ops.init_ops import Initializer as _Initializer

from . import array as _array
from . import linalg as _linalg
from . import math as _math
from . import nn as _nn
from . import random as _random

_T = _target.TF2_EAGER


_CLASSES = (_Graph, _Session, _Initializer, _generator.Generator, _variables.Variable,
            _DatasetV1)  # tf.data (issue 19)


def _bound_module(mod, name):
    return _target.bind_namespace(mod, name, _T, classes=_CLASSES)


_ns = _target.bind_namespace(
    _pf, __name__, _T, classes=_CLASSES,
    overrides={"random": _bound_module(_random, __name__ + ".random"),
               "math": _bound_module(_math, __name__ + ".math"),
               "nn": _bound_module(_nn, __name__ + ".nn"),
               "linalg": _bound_module(_linalg, __name__ + ".linalg")},
    skip=("contrib", "compat", "layers", "keras", "set_random_seed", "Session", "placeholder",
          "get_variable", "variable_scope", "InteractiveSession", "reset_default_graph",
          "get_default_graph", "placeholder_with_default"))
class _CompatV1:
    """`tf.compat.v1` seen from TF 2 code: the graph-mode namespace, except that its
    `set_random_seed` sets the eager global seed (TF 2 runs it eagerly)."""

    def __getattr__(self, name):
        if name == "set_random_seed":
            return _random.set_seed
        import philoxflow.compat.v1 as v1

        return getattr(v1, name)


_ns.compat = _types.SimpleNamespace(v1=_CompatV1(), v2=_ns)
# --- TF 2.x API beyond the graph namespaces (issue 18)
_ns.function = _target._in_target(_T, _def_function.function)
_ns.executing_eagerly = _context.executing_eagerly
_ns.TensorSpec = _def_function.TensorSpec
for _name in ("where", "reduce_all", "reduce_any"):
    setattr(_ns, _name, _target._in_target(_T, getattr(_array, _name)))
_ns.Variable = _target._bind_class(_variables.Variable, _T)


def __getattr__(name):
    # tf.keras loads on first use (it imports this namespace).
    if name == "keras":
        return _target.keras(_T)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_ns.__getattr__ = __getattr__
_ns.__path__ = __path__  # noqa: F821 - a package's own path
_ns.__file__ = __file__
_sys.modules[__name__] = _ns
