"""`import philoxflow.compat.v1 as tf`: TensorFlow 2.21's `tf.compat.v1` in graph mode.

The same functions as `philoxflow` (TF 1.15), bound to the TF 2.21 target: graphs
made here follow TF 2.x's seed rule and construction choices (`_target.TF2`).
TF 2.21 has no `tf.contrib`, and its `tf.compat.v1.layers` needs Keras 2.
"""

import sys as _sys
import types as _types

import philoxflow as _pf
from philoxflow import _target
from philoxflow.client.session import Session as _Session
from philoxflow.data.dataset_ops import DatasetV1 as _DatasetV1  # tf.data (issue 19)
from philoxflow.framework.ops import Graph as _Graph
from philoxflow.framework.sparse_tensor import SparseTensor as _SparseTensor  # issue 16
from philoxflow.ops.init_ops import Initializer as _Initializer

# --- training (issue 17): optimizers, Savers, averages and TensorArrays build in TF 2.21's
# graph when used from this namespace
from philoxflow.ops.tensor_array_ops import TensorArray as _TensorArray
from philoxflow.ops.variable_scope import variable_scope as _variable_scope
from philoxflow.ops.variables import Variable as _Variable
from philoxflow.training.moving_averages import ExponentialMovingAverage as _EMA
from philoxflow.training.optimizer import Optimizer as _Optimizer
from philoxflow.training.saver import Saver as _Saver

_TRAINING_CLASSES = (_Optimizer, _Saver, _EMA, _TensorArray)
# --- end training (issue 17)


class _NoKeras2Layers:
    """`tf.compat.v1.layers` of TF 2.21 without Keras 2: every layer raises."""

    def __getattr__(self, name):
        raise AttributeError(f"`{name}` is not available with Keras 3.")


_ns = _target.bind_namespace(
    _pf, __name__, _target.TF2,
    classes=(_Graph, _Session, _Variable, _Initializer, _variable_scope,
             _DatasetV1, _SparseTensor) + _TRAINING_CLASSES,  # tf.data (issue 19), training (17)
    overrides={"layers": _NoKeras2Layers()},
    skip=("contrib", "compat", "keras"))
_ns.compat = _types.SimpleNamespace(v1=_ns)  # TF 2.x: tf.compat.v1.compat.v1 is itself
# --- issue 16: the build constants of TensorFlow 2.21 (philoxflow's top level has 1.15.5's)
_ns.VERSION, _ns.GIT_VERSION, _ns.COMPILER_VERSION = (
    "2.21.0", "v2.21.0-rc1-5-ga481b10260d", "Clang 18.1.8")
_ns.GRAPH_DEF_VERSION = 2474
_ns.CXX11_ABI_FLAG = 1  # TF 2.21's wheel (TF 1.15.5's: 0)


def __getattr__(name):
    # TF 2.21's tf.compat.v1.keras is Keras 3, as its tf.keras (`_target.keras`).
    if name == "keras":
        return _target.keras(_target.TF2)
    return _missing(name)


_missing = _ns.__getattr__
_ns.__getattr__ = __getattr__
_ns.__path__ = __path__  # noqa: F821 - a package's own path
_ns.__file__ = __file__
_sys.modules[__name__] = _ns
