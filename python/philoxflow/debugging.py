"""The `tf.debugging` namespace (assertions and numeric checks)."""

from . import _namespaces
from .ops.control_flow_ops import Assert

_is_namespace = True
_namespaces.fill(globals(), "debugging", {"Assert": Assert})
