"""The `tf.metrics` namespace (TF 1.15's streaming metrics)."""

from . import _namespaces
from .ops.metrics_impl import (
    accuracy,
    auc,
    false_negatives,
    false_positives,
    mean,
    mean_absolute_error,
    mean_squared_error,
    precision,
    recall,
    root_mean_squared_error,
    true_negatives,
    true_positives,
)

_is_namespace = True
__all__ = ["accuracy", "auc", "false_negatives", "false_positives", "mean", "mean_absolute_error",
           "mean_squared_error", "precision", "recall", "root_mean_squared_error",
           "true_negatives", "true_positives"]
_namespaces.fill(globals(), "metrics")
