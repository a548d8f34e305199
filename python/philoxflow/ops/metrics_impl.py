"""TF 1.15's `tf.metrics` (`metrics_impl.py`): streaming metrics as TF builds them.

Each metric opens a variable scope, makes its accumulators as local, untrainable
"metric variables" (`Initializer/zeros`, VariableV2, Assign, read), and returns a
value tensor and an update op; the ops, names and order are TF 1.15's (default
distribution strategy: values are read through `Identity`).
"""

from __future__ import annotations

from ..framework import dtypes as _dtypes
from ..framework.constant_op import convert_to_tensor
from ..framework.ops import GraphKeys, add_to_collections, control_dependencies
from . import array_ops, check_ops, math_ops
from .array_ops_ext import where
from .math_ops_ext import logical_and
from .state_ops import assign_add
from .variable_scope import variable_scope
from .variables import Variable


def _div(x, y, name=None):
    """TF 1.15's metrics divide with `math_ops.div`, TF 2.21's with `math_ops.divide`."""
    from ..framework.ops import get_default_graph

    if get_default_graph()._target.uniform_skips_unit_scaling:
        return math_ops.divide(x, y, name=name)
    return math_ops.div(x, y, name=name)

METRIC_VARIABLES = "metric_variables"


def metric_variable(shape, dtype, validate_shape=True, name=None):
    return Variable(lambda: array_ops.zeros(shape, dtype), trainable=False,
                    collections=[GraphKeys.LOCAL_VARIABLES, METRIC_VARIABLES],
                    validate_shape=validate_shape, name=name)


def _collect(value, collections):
    if collections:
        add_to_collections(collections, value)
    return value


def _value_and_update(compute, values, updates, metrics_collections, updates_collections):
    """TF's metric tail: `compute(*values, "value")` then `compute(*updates, "update_op")`,
    each added to its collections."""
    value = _collect(compute(*values, "value"), metrics_collections)
    update_op = compute(*updates, "update_op")
    _collect(update_op, updates_collections)
    return value, update_op


def _safe_ratio(numerator, denominator, name):
    """`div_no_nan(numerator, maximum(denominator, 0))`, TF's mean ratio."""
    return math_ops.div_no_nan(numerator, math_ops.maximum(denominator, 0), name=name)


def _accumulate(values, total, count, summed, num_values, metrics_collections,
                updates_collections):
    """`mean` and `mean_tensor`: add `summed` to `total`, then (after `values`)
    `num_values` to `count`; the value and the update are their safe ratios."""
    update_total = assign_add(total, summed)
    with control_dependencies([values]):
        update_count = assign_add(count, num_values)
    return _value_and_update(_safe_ratio, (total, count), (update_total, update_count),
                             metrics_collections, updates_collections)


def _remove_squeezable_dimensions(predictions, labels, weights):
    predictions = convert_to_tensor(predictions)
    if labels is not None:
        with_scope = _squeeze_pair(labels, predictions)
        labels, predictions = with_scope
        if not predictions.shape.is_compatible_with(labels.shape):
            raise ValueError(f"Shapes {predictions.shape} and {labels.shape} are incompatible")
    if weights is None:
        return predictions, labels, None
    weights = convert_to_tensor(weights)
    wr, pr = weights.shape.rank, predictions.shape.rank
    if wr == 0:
        return predictions, labels, weights
    if pr is None or wr is None:
        raise NotImplementedError("philoxflow's metrics need weights and predictions of "
                                  "known rank")
    if wr - pr == 1:
        weights = array_ops.squeeze(weights, [-1])
    elif pr - wr == 1:
        weights = array_ops.expand_dims(weights, [-1])
    return predictions, labels, weights


def _squeeze_pair(labels, predictions):
    """TF's `confusion_matrix.remove_squeezable_dimensions` (ranks known)."""
    from ..framework.ops import name_scope

    with name_scope(None, "remove_squeezable_dimensions", [labels, predictions]):
        predictions = convert_to_tensor(predictions)
        labels = convert_to_tensor(labels)
        pr, lr = predictions.shape.rank, labels.shape.rank
        if pr is None or lr is None:
            raise NotImplementedError("philoxflow's metrics need labels and predictions of "
                                      "known rank")
        if pr - lr == 1:
            predictions = array_ops.squeeze(predictions, [-1])
        elif pr - lr == -1:
            labels = array_ops.squeeze(labels, [-1])
        return labels, predictions


def mean(values, weights=None, metrics_collections=None, updates_collections=None, name=None):
    with variable_scope(name, "mean", (values, weights)):
        values = math_ops.cast(values, _dtypes.float32)
        total = metric_variable([], _dtypes.float32, name="total")
        count = metric_variable([], _dtypes.float32, name="count")
        if weights is None:
            num_values = math_ops.cast(array_ops.size(values), _dtypes.float32)
        else:
            raise NotImplementedError("philoxflow's tf.metrics take no weights yet (TF's "
                                      "weights_broadcast_ops is not reproduced)")
        return _accumulate(values, total, count, math_ops.reduce_sum(values), num_values,
                           metrics_collections, updates_collections)


def accuracy(labels, predictions, weights=None, metrics_collections=None,
             updates_collections=None, name=None):
    predictions, labels, weights = _remove_squeezable_dimensions(predictions, labels, weights)
    if labels.dtype != predictions.dtype:
        predictions = math_ops.cast(predictions, labels.dtype)
    is_correct = math_ops.cast(math_ops.equal(predictions, labels), _dtypes.float32)
    return mean(is_correct, weights, metrics_collections, updates_collections,
                name or "accuracy")


def _count_condition(values, weights, metrics_collections, updates_collections):
    check_ops.assert_type(values, _dtypes.bool)
    count = metric_variable([], _dtypes.float32, name="count")
    values = math_ops.cast(values, _dtypes.float32)
    if weights is not None:
        raise NotImplementedError("philoxflow's counting metrics take no weights yet "
                                  "(TF's assert_rank_in is not reproduced)")
    value = _collect(array_ops.identity(count), metrics_collections)
    update_op = assign_add(count, math_ops.reduce_sum(values))
    _collect(update_op, updates_collections)
    return value, update_op


def _condition_metric(default, want_label, want_pred):
    def metric(labels, predictions, weights=None, metrics_collections=None,
               updates_collections=None, name=None):
        with variable_scope(name, default, (predictions, labels, weights)):
            predictions, labels, weights = _remove_squeezable_dimensions(
                math_ops.cast(predictions, dtype=_dtypes.bool),
                math_ops.cast(labels, dtype=_dtypes.bool), weights)
            hit = logical_and(math_ops.equal(labels, want_label),
                              math_ops.equal(predictions, want_pred))
            return _count_condition(hit, weights, metrics_collections, updates_collections)

    metric.__name__ = metric.__qualname__ = default
    metric.__doc__ = f"`tf.metrics.{default}`."
    return metric


true_positives = _condition_metric("true_positives", True, True)
false_positives = _condition_metric("false_positives", False, True)
false_negatives = _condition_metric("false_negatives", True, False)
true_negatives = _condition_metric("true_negatives", False, False)
for _m in (true_positives, false_positives, false_negatives, true_negatives):
    _m.__module__ = __name__
del _m


def _ratio_metric(default, second):
    def metric(labels, predictions, weights=None, metrics_collections=None,
               updates_collections=None, name=None):
        with variable_scope(name, default, (predictions, labels, weights)):
            predictions, labels, weights = _remove_squeezable_dimensions(
                math_ops.cast(predictions, dtype=_dtypes.bool),
                math_ops.cast(labels, dtype=_dtypes.bool), weights)
            tp, tp_update = true_positives(labels, predictions, weights)
            other, other_update = second(labels, predictions, weights)

            def compute(a, b, op_name):
                return where(math_ops.greater(a + b, 0), _div(a, a + b), 0, op_name)

            return _value_and_update(compute, (tp, other), (tp_update, other_update),
                                     metrics_collections, updates_collections)

    metric.__name__ = metric.__qualname__ = default
    metric.__module__ = __name__
    metric.__doc__ = f"`tf.metrics.{default}`."
    return metric


precision = _ratio_metric("precision", false_positives)
recall = _ratio_metric("recall", false_negatives)


def mean_squared_error(labels, predictions, weights=None, metrics_collections=None,
                       updates_collections=None, name=None):
    predictions, labels, weights = _remove_squeezable_dimensions(predictions, labels, weights)
    err = math_ops.squared_difference(labels, predictions)
    return mean(err, weights, metrics_collections, updates_collections,
                name or "mean_squared_error")


def mean_absolute_error(labels, predictions, weights=None, metrics_collections=None,
                        updates_collections=None, name=None):
    predictions, labels, weights = _remove_squeezable_dimensions(predictions, labels, weights)
    err = math_ops.abs(predictions - labels)
    return mean(err, weights, metrics_collections, updates_collections,
                name or "mean_absolute_error")


def root_mean_squared_error(labels, predictions, weights=None, metrics_collections=None,
                            updates_collections=None, name=None):
    predictions, labels, weights = _remove_squeezable_dimensions(predictions, labels, weights)
    mse, update_mse = mean_squared_error(labels, predictions, weights, None, None,
                                         name or "root_mean_squared_error")
    rmse = _collect(math_ops.sqrt(mse), metrics_collections)
    update_op = math_ops.sqrt(update_mse)
    _collect(update_op, updates_collections)
    return rmse, update_op


def _confusion_matrix_at_thresholds(labels, predictions, thresholds, weights=None,
                                    includes=None):
    """TF 1.15's tp/fn/tn/fp counts at each threshold: [thresholds, predictions] grids."""
    from ..framework.constant_op import constant
    from .math_ops_ext import logical_not

    includes = ("tp", "fn", "tn", "fp") if includes is None else includes
    for inc in includes:
        if inc not in ("tp", "fn", "tn", "fp"):
            raise ValueError(f"Invalid key: {inc}.")
    with control_dependencies([
            check_ops.assert_greater_equal(predictions,
                                           math_ops.cast(0.0, dtype=predictions.dtype),
                                           message="predictions must be in [0, 1]"),
            check_ops.assert_less_equal(predictions,
                                        math_ops.cast(1.0, dtype=predictions.dtype),
                                        message="predictions must be in [0, 1]")]):
        predictions, labels, weights = _remove_squeezable_dimensions(
            math_ops.cast(predictions, _dtypes.float32),
            math_ops.cast(labels, dtype=_dtypes.bool), weights)
    if weights is not None:
        raise NotImplementedError("philoxflow's tf.metrics take no weights yet")
    n = len(thresholds)
    preds_2d = array_ops.reshape(predictions, [-1, 1])
    labels_2d = array_ops.reshape(math_ops.cast(labels, dtype=_dtypes.bool), [1, -1])
    num_predictions = preds_2d.shape.as_list()[0]
    if num_predictions is None:
        num_predictions = array_ops.shape(preds_2d)[0]
    thresh_tiled = array_ops.tile(array_ops.expand_dims(constant(thresholds), [1]),
                                  array_ops.stack([1, num_predictions]))
    pred_is_pos = math_ops.greater(array_ops.tile(array_ops.transpose(preds_2d), [n, 1]),
                                   thresh_tiled)
    if "fn" in includes or "tn" in includes:
        pred_is_neg = logical_not(pred_is_pos)
    label_is_pos = array_ops.tile(labels_2d, [n, 1])
    if "fp" in includes or "tn" in includes:
        label_is_neg = logical_not(label_is_pos)
    values, updates = {}, {}
    for key, var_name, a, b in (("tp", "true_positives", "label_is_pos", "pred_is_pos"),
                                ("fn", "false_negatives", "label_is_pos", "pred_is_neg"),
                                ("tn", "true_negatives", "label_is_neg", "pred_is_neg"),
                                ("fp", "false_positives", "label_is_neg", "pred_is_pos")):
        if key not in includes:
            continue
        var = metric_variable([n], _dtypes.float32, name=var_name)
        grids = locals()
        hit = math_ops.cast(logical_and(grids[a], grids[b]), _dtypes.float32)
        updates[key] = assign_add(var, math_ops.reduce_sum(hit, 1))
        values[key] = var
    return values, updates


def auc(labels, predictions, weights=None, num_thresholds=200, metrics_collections=None,
        updates_collections=None, curve="ROC", name=None, summation_method="trapezoidal",
        thresholds=None):
    """`tf.metrics.auc` (ROC or PR; trapezoidal, minoring or majoring sums)."""
    with variable_scope(name, "auc", (labels, predictions, weights)):
        if curve not in ("ROC", "PR"):
            raise ValueError(f"curve must be either ROC or PR, {curve} unknown")
        if curve == "PR" and summation_method == "careful_interpolation":
            raise NotImplementedError("philoxflow does not build the interpolated PR-AUC yet")
        kepsilon = 1e-7
        if thresholds is not None:
            thresholds = sorted(thresholds)
            num_thresholds = len(thresholds) + 2
        else:
            thresholds = [(i + 1) * 1.0 / (num_thresholds - 1)
                          for i in range(num_thresholds - 2)]
        thresholds = [0.0 - kepsilon] + thresholds + [1.0 + kepsilon]
        values, updates = _confusion_matrix_at_thresholds(labels, predictions, thresholds,
                                                          weights)
        epsilon = 1.0e-6
        k = num_thresholds

        def compute(tp, fn, tn, fp, op_name):
            rec = _div(tp + epsilon, tp + fn + epsilon)
            if curve == "ROC":
                x, y = _div(fp, fp + tn + epsilon), rec
            else:
                x, y = rec, _div(tp + epsilon, tp + fp + epsilon)
            if summation_method not in ("trapezoidal", "careful_interpolation", "minoring",
                                        "majoring"):
                raise ValueError(f"Invalid summation_method: {summation_method}")
            dx = x[:k - 1] - x[1:]  # TF computes the x steps before the heights
            if summation_method == "minoring":
                h = math_ops.minimum(y[:k - 1], y[1:])
            elif summation_method == "majoring":
                h = math_ops.maximum(y[:k - 1], y[1:])
            else:
                h = (y[:k - 1] + y[1:]) / 2.
            return math_ops.reduce_sum(math_ops.multiply(dx, h), name=op_name)

        keys = ("tp", "fn", "tn", "fp")
        return _value_and_update(compute, [values[k] for k in keys], [updates[k] for k in keys],
                                 metrics_collections, updates_collections)


def _at_thresholds(default, key):
    def metric(labels, predictions, thresholds, weights=None, metrics_collections=None,
               updates_collections=None, name=None):
        with variable_scope(name, default, (predictions, labels, weights)):
            values, updates = _confusion_matrix_at_thresholds(labels, predictions, thresholds,
                                                              weights=weights, includes=(key,))
            value = _collect(array_ops.identity(values[key]), metrics_collections)
            _collect(updates[key], updates_collections)
            return value, updates[key]

    metric.__name__ = metric.__qualname__ = f"{default}_at_thresholds"
    metric.__module__ = __name__
    metric.__doc__ = f"`tf.metrics.{default}_at_thresholds`."
    return metric


true_positives_at_thresholds = _at_thresholds("true_positives", "tp")
false_positives_at_thresholds = _at_thresholds("false_positives", "fp")
true_negatives_at_thresholds = _at_thresholds("true_negatives", "tn")
false_negatives_at_thresholds = _at_thresholds("false_negatives", "fn")


def _ratio_at_thresholds(default, other, prefix):
    def metric(labels, predictions, thresholds, weights=None, metrics_collections=None,
               updates_collections=None, name=None):
        with variable_scope(name, default, (predictions, labels, weights)):
            values, updates = _confusion_matrix_at_thresholds(labels, predictions, thresholds,
                                                              weights, includes=("tp", other))
            epsilon = 1e-7

            def compute(tp, x, suffix):
                return _div(tp, epsilon + tp + x, name=f"{prefix}_{suffix}")

            return _value_and_update(compute, (values["tp"], values[other]),
                                     (updates["tp"], updates[other]), metrics_collections,
                                     updates_collections)

    metric.__name__ = metric.__qualname__ = default
    metric.__module__ = __name__
    metric.__doc__ = f"`tf.metrics.{default}`."
    return metric


precision_at_thresholds = _ratio_at_thresholds("precision_at_thresholds", "fp", "precision")
recall_at_thresholds = _ratio_at_thresholds("recall_at_thresholds", "fn", "recall")


def mean_relative_error(labels, predictions, normalizer, weights=None,
                        metrics_collections=None, updates_collections=None, name=None):
    predictions, labels, weights = _remove_squeezable_dimensions(predictions, labels, weights)
    normalizer, predictions = _squeeze_pair(normalizer, predictions)
    if not predictions.shape.is_compatible_with(normalizer.shape):
        raise ValueError(f"Shapes {predictions.shape} and {normalizer.shape} are incompatible")
    errors = where(math_ops.equal(normalizer, 0.0), array_ops.zeros_like(labels),
                   _div(math_ops.abs(labels - predictions), normalizer))
    return mean(errors, weights, metrics_collections, updates_collections,
                name or "mean_relative_error")


def percentage_below(values, threshold, weights=None, metrics_collections=None,
                     updates_collections=None, name=None):
    below = math_ops.cast(math_ops.less(values, threshold), _dtypes.float32)
    return mean(below, weights, metrics_collections, updates_collections,
                name or "percentage_below_threshold")


def mean_tensor(values, weights=None, metrics_collections=None, updates_collections=None,
                name=None):
    with variable_scope(name, "mean", (values, weights)):
        values = math_ops.cast(values, _dtypes.float32)
        total = metric_variable(values.shape, _dtypes.float32, name="total_tensor")
        count = metric_variable(values.shape, _dtypes.float32, name="count_tensor")
        num_values = array_ops.ones_like(values)
        if weights is not None:
            raise NotImplementedError("philoxflow's tf.metrics take no weights yet")
        return _accumulate(values, total, count, values, num_values, metrics_collections,
                           updates_collections)


def mean_cosine_distance(labels, predictions, dim, weights=None, metrics_collections=None,
                         updates_collections=None, name=None):
    predictions, labels, weights = _remove_squeezable_dimensions(predictions, labels, weights)
    radial = math_ops.reduce_sum(math_ops.multiply(predictions, labels), axis=[dim],
                                 keepdims=True)
    mean_distance, update_op = mean(radial, weights, None, None,
                                    name or "mean_cosine_distance")
    mean_distance = _collect(math_ops.subtract(1.0, mean_distance), metrics_collections)
    update_op = _collect(math_ops.subtract(1.0, update_op), updates_collections)
    return mean_distance, update_op


def _streaming_confusion_matrix(labels, predictions, num_classes, weights=None):
    from .confusion_matrix import confusion_matrix

    total_cm = metric_variable([num_classes, num_classes], _dtypes.float64,
                               name="total_confusion_matrix")
    predictions = math_ops.cast(predictions, _dtypes.int64)
    labels = math_ops.cast(labels, _dtypes.int64)
    num_classes = math_ops.cast(num_classes, _dtypes.int64)
    if predictions.shape.rank > 1:
        predictions = array_ops.reshape(predictions, [-1])
    if labels.shape.rank > 1:
        labels = array_ops.reshape(labels, [-1])
    if weights is not None and weights.shape.rank > 1:
        weights = array_ops.reshape(weights, [-1])
    current = confusion_matrix(labels, predictions, num_classes, weights=weights,
                               dtype=_dtypes.float64)
    return total_cm, assign_add(total_cm, current)


def mean_iou(labels, predictions, num_classes, weights=None, metrics_collections=None,
             updates_collections=None, name=None):
    from .gen import apply_op

    with variable_scope(name, "mean_iou", (predictions, labels, weights)):
        if not predictions.shape.is_compatible_with(labels.shape):
            raise ValueError(f"Shapes {predictions.shape} and {labels.shape} are incompatible")
        total_cm, update_op = _streaming_confusion_matrix(labels, predictions, num_classes,
                                                          weights)
        f32 = _dtypes.float32
        sum_row = math_ops.cast(math_ops.reduce_sum(total_cm, 0), f32)
        sum_col = math_ops.cast(math_ops.reduce_sum(total_cm, 1), f32)
        cm = convert_to_tensor(total_cm)
        diag = math_ops.cast(apply_op("DiagPart", None, [(cm, "input", None)], dtype=cm.dtype,
                                      shape=[num_classes]), f32)
        denominator = sum_row + sum_col - diag
        valid = math_ops.reduce_sum(math_ops.cast(math_ops.not_equal(denominator, 0),
                                                  dtype=f32))
        denominator = where(math_ops.greater(denominator, 0), denominator,
                            array_ops.ones_like(denominator))
        iou = _div(diag, denominator)
        value = where(math_ops.greater(valid, 0),
                      math_ops.reduce_sum(iou, name="mean_iou") / valid, 0)
        _collect(value, metrics_collections)
        _collect(update_op, updates_collections)
        return value, update_op


def mean_per_class_accuracy(labels, predictions, num_classes, weights=None,
                            metrics_collections=None, updates_collections=None, name=None):
    from .state_ops import scatter_add

    with variable_scope(name, "mean_accuracy", (predictions, labels, weights)):
        labels = math_ops.cast(labels, _dtypes.int64)
        if labels.shape.rank > 1:
            labels = array_ops.reshape(labels, [-1])
        if predictions.shape.rank > 1:
            predictions = array_ops.reshape(predictions, [-1])
        if not predictions.shape.is_compatible_with(labels.shape):
            raise ValueError(f"Shapes {predictions.shape} and {labels.shape} are incompatible")
        total = metric_variable([num_classes], _dtypes.float32, name="total")
        count = metric_variable([num_classes], _dtypes.float32, name="count")
        ones = array_ops.ones([array_ops.size(labels)], _dtypes.float32)
        if labels.dtype != predictions.dtype:
            predictions = math_ops.cast(predictions, labels.dtype)
        is_correct = math_ops.cast(math_ops.equal(predictions, labels), _dtypes.float32)
        if weights is not None:
            if weights.shape.rank > 1:
                weights = array_ops.reshape(weights, [-1])
            weights = math_ops.cast(weights, _dtypes.float32)
            is_correct *= weights
            ones *= weights
        update_total = scatter_add(total, labels, ones)
        update_count = scatter_add(count, labels, is_correct)
        per_class = _safe_ratio(count, total, None)
        value = _collect(math_ops.reduce_mean(per_class, name="mean_accuracy"),
                         metrics_collections)
        update_op = _safe_ratio(update_count, update_total, "update_op")
        _collect(update_op, updates_collections)
        return value, update_op
