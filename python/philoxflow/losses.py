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

# --- the rest of TF 1.15's tf.losses (issue 16)
from .ops.losses_ext import (  # noqa: E402
    absolute_difference,
    cosine_distance,
    get_regularization_loss,
    hinge_loss,
    huber_loss,
    log_loss,
    mean_pairwise_squared_error,
    sigmoid_cross_entropy,
)

__all__ += ["absolute_difference", "cosine_distance", "get_regularization_loss", "hinge_loss",
            "huber_loss", "log_loss", "sigmoid_cross_entropy", "mean_pairwise_squared_error"]
from . import _namespaces  # noqa: E402

_namespaces.fill(globals(), "losses")
