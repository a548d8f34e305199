"""The `tf.math` namespace (TF 1.15's names, filled by `_namespaces.fill`)."""

from . import _namespaces
from .ops.math_ops import div_no_nan
from .ops.nn_ops import log_softmax, softmax

_is_namespace = True
_namespaces.fill(globals(), "math", {"log_softmax": log_softmax, "softmax": softmax,
                                     "divide_no_nan": div_no_nan})
