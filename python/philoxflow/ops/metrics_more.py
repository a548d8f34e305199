"""More of `tf.metrics` (`metrics_impl.py`): sensitivity at a specificity and
specificity at a sensitivity, over TF's confusion counts at thresholds."""

from __future__ import annotations

from ..framework import dtypes as _dtypes
from . import math_ops
from .math_ops_ext import argmin, cumsum
from .metrics_impl import _confusion_matrix_at_thresholds, _value_and_update
from .variable_scope import variable_scope

__all__ = ["sensitivity_at_specificity", "specificity_at_sensitivity"]

_KEYS = ("tp", "tn", "fp", "fn")


def _thresholds(num_thresholds, top):
    kepsilon = 1e-7
    inner = [(i + 1) * 1.0 / (num_thresholds - 1) for i in range(num_thresholds - 2)]
    return [0.0 - kepsilon] + inner + [top]


def sensitivity_at_specificity(labels, predictions, specificity, weights=None,
                               num_thresholds=200, metrics_collections=None,
                               updates_collections=None, name=None):
    """`tf.metrics.sensitivity_at_specificity`."""
    if specificity < 0 or specificity > 1:
        raise ValueError("`specificity` must be in the range [0, 1].")
    with variable_scope(name, "sensitivity_at_specificity", (predictions, labels, weights)):
        kepsilon = 1e-7
        values, updates = _confusion_matrix_at_thresholds(
            labels, predictions, _thresholds(num_thresholds, 1.0 + kepsilon), weights)

        def compute(tp, tn, fp, fn, op_name):
            specificities = math_ops.div(tn, tn + fp + kepsilon)
            idx = argmin(math_ops.abs(specificities - specificity), 0)
            idx = math_ops.cast(idx, _dtypes.int32)
            return math_ops.div(tp[idx], tp[idx] + fn[idx] + kepsilon, op_name)

        return _value_and_update(compute, [values[k] for k in _KEYS],
                                 [updates[k] for k in _KEYS], metrics_collections,
                                 updates_collections)


def specificity_at_sensitivity(labels, predictions, sensitivity, weights=None,
                               num_thresholds=200, metrics_collections=None,
                               updates_collections=None, name=None):
    """`tf.metrics.specificity_at_sensitivity`."""
    if sensitivity < 0 or sensitivity > 1:
        raise ValueError("`sensitivity` must be in the range [0, 1].")
    with variable_scope(name, "specificity_at_sensitivity", (predictions, labels, weights)):
        kepsilon = 1e-7
        values, updates = _confusion_matrix_at_thresholds(
            labels, predictions, _thresholds(num_thresholds, 1.0 - kepsilon), weights)

        def compute(tp, tn, fp, fn, op_name):
            sensitivities = math_ops.div(tp, tp + fn + kepsilon)
            min_val = math_ops.reduce_min(math_ops.abs(sensitivities - sensitivity))
            at_min = math_ops.equal(math_ops.abs(sensitivities - sensitivity), min_val)
            at_min = cumsum(math_ops.cast(at_min, _dtypes.int64))
            idx = math_ops.cast(math_ops.argmax(at_min, 0), _dtypes.int32)
            return math_ops.div(tn[idx], tn[idx] + fp[idx] + kepsilon, op_name)

        return _value_and_update(compute, [values[k] for k in _KEYS],
                                 [updates[k] for k in _KEYS], metrics_collections,
                                 updates_collections)
