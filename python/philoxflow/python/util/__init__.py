"""`tensorflow.python.util`: `nest` and TF's deprecation switches."""

from . import deprecation, nest  # noqa: F401
