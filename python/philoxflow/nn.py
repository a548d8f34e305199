"""The `tf.nn` namespace."""

# --- RNNs (issue 17)
from .ops import rnn_cell  # noqa: E402
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
from .ops.rnn import (  # noqa: E402
    bidirectional_dynamic_rnn,
    dynamic_rnn,
    static_bidirectional_rnn,
    static_rnn,
)

_is_namespace = True
__all__ = ["avg_pool", "avg_pool3d", "bias_add", "conv1d", "conv2d", "conv2d_transpose",
           "conv3d", "depthwise_conv2d_native", "dropout", "elu", "embedding_lookup", "l2_loss",
           "leaky_relu", "log_softmax", "max_pool", "max_pool3d", "moments", "relu", "relu6",
           "selu", "sigmoid", "softmax", "softmax_cross_entropy_with_logits",
           "softmax_cross_entropy_with_logits_v2", "softplus",
           "sparse_softmax_cross_entropy_with_logits", "tanh", "xw_plus_b",
           "rnn_cell", "dynamic_rnn", "bidirectional_dynamic_rnn", "static_rnn",
           "static_bidirectional_rnn"]

# --- sparse embeddings (issue 16: tf.nn.embedding_lookup_sparse)
from .ops.embedding_ops import (  # noqa: E402
    embedding_lookup_sparse,
    safe_embedding_lookup_sparse,
)

__all__ += ["embedding_lookup_sparse", "safe_embedding_lookup_sparse"]


# --- the rest of TF 1.15's tf.nn (issue 16): hand-written ops first, then generated wrappers
from . import _namespaces  # noqa: E402
from .ops import nn_impl as _nn_impl  # noqa: E402

_namespaces.fill(globals(), "nn", {"lrn": _nn_impl.lrn,
                                   "local_response_normalization": _nn_impl.lrn,
                                   "avg_pool2d": avg_pool})  # TF 1.15: the v1 avg_pool
