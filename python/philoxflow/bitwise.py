"""The `tf.bitwise` namespace (TF's generated wrappers)."""

from . import _namespaces

_is_namespace = True
_namespaces.fill(globals(), "bitwise")
