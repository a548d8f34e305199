"""The `tf.nn` namespace."""

from .ops.math_ops import sigmoid, tanh
from .ops.nn_ops import (
    avg_pool,
    avg_pool3d,
    bias_add,
    conv1d,
    conv2d,
    conv2d_transpose,
    conv3d,
    depthwise_conv2d_native,
    dropout,
    elu,
    embedding_lookup,
    l2_loss,
    leaky_relu,
    log_softmax,
    max_pool,
    max_pool3d,
    moments,
    relu,
    relu6,
    selu,
    softmax,
    softmax_cross_entropy_with_logits,
    softmax_cross_entropy_with_logits_v2,
    softplus,
    sparse_softmax_cross_entropy_with_logits,
    xw_plus_b,
)

_is_namespace = True
__all__ = ["avg_pool", "avg_pool3d", "bias_add", "conv1d", "conv2d", "conv2d_transpose",
           "conv3d", "depthwise_conv2d_native", "dropout", "elu", "embedding_lookup", "l2_loss",
           "leaky_relu", "log_softmax", "max_pool", "max_pool3d", "moments", "relu", "relu6",
           "selu", "sigmoid", "softmax", "softmax_cross_entropy_with_logits",
           "softmax_cross_entropy_with_logits_v2", "softplus",
           "sparse_softmax_cross_entropy_with_logits", "tanh", "xw_plus_b"]

# --- sparse embeddings (issue 16: tf.nn.embedding_lookup_sparse)
from .ops.embedding_ops import (  # noqa: E402
    embedding_lookup_sparse,
    safe_embedding_lookup_sparse,
)

__all__ += ["embedding_lookup_sparse", "safe_embedding_lookup_sparse"]
