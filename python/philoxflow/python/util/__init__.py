"""`tensorflow.python.util`: `nest`, `compat` and TF's deprecation switches."""

from . import compat, deprecation, nest, tf_inspect  # noqa: F401
