"""`tensorflow.python.platform`: `tf_logging` (Python's logging) and `gfile`."""

from . import tf_logging  # noqa: F401
