"""The `tf.losses` namespace (TF 1.x)."""

from .ops.losses import (
    Reduction,
    add_loss,
    compute_weighted_loss,
    get_losses,
    get_regularization_losses,
    get_total_loss,
    mean_squared_error,
    softmax_cross_entropy,
    sparse_softmax_cross_entropy,
)

_is_namespace = True
__all__ = ["Reduction", "add_loss", "compute_weighted_loss", "get_losses",
           "get_regularization_losses", "get_total_loss", "mean_squared_error",
           "softmax_cross_entropy", "sparse_softmax_cross_entropy"]
