"""`tf.contrib.layers` initializers (TF 1.15's `initializers.py`)."""

from ...ops.init_ops import contrib_variance_scaling_initializer as variance_scaling_initializer
from ...ops.init_ops import xavier_initializer

xavier_initializer_conv2d = xavier_initializer

__all__ = ["xavier_initializer", "xavier_initializer_conv2d", "variance_scaling_initializer"]
