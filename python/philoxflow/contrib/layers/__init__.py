"""`tf.contrib.layers` (TF 1.15): initializers, `layer_norm` and `batch_norm`."""

from ...ops.init_ops import contrib_variance_scaling_initializer as variance_scaling_initializer
from ...ops.init_ops import xavier_initializer
from .normalization import batch_norm, layer_norm

xavier_initializer_conv2d = xavier_initializer

__all__ = ["variance_scaling_initializer", "xavier_initializer", "xavier_initializer_conv2d",
           "batch_norm", "layer_norm"]
