"""The `tf.metrics` namespace (TF 1.15's streaming metrics)."""

from . import _namespaces
from .ops import metrics_impl as _impl
from .ops import metrics_more as _more
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
_namespaces.fill(globals(), "metrics", {
    k: getattr(_impl, k) for k in (
        "true_positives_at_thresholds", "false_positives_at_thresholds",
        "true_negatives_at_thresholds", "false_negatives_at_thresholds",
        "precision_at_thresholds", "recall_at_thresholds", "mean_relative_error",
        "percentage_below", "mean_tensor", "mean_cosine_distance", "mean_iou",
        "mean_per_class_accuracy")} | {k: getattr(_more, k) for k in _more.__all__})
