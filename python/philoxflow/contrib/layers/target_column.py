"""TF 1.15's deprecated target columns (`contrib/layers/python/layers/target_column.py`):
the loss, predictions and evaluation metrics of regression, multi-class and binary SVM
heads. contrib's `streaming_*` metrics are `tf.metrics`' under other names."""

from __future__ import annotations

from ... import metrics as _metrics
from ...framework import dtypes
from ...framework.ops import control_dependencies, name_scope
from ...ops import array_ops, math_ops, nn_impl, nn_ops
from ...ops.control_flow_ops import Assert

__all__ = ["regression_target", "multi_class_target", "binary_svm_target", "ProblemType",
           "get_default_binary_metrics_for_eval"]


def regression_target(label_name=None, weight_column_name=None, label_dimension=1):
    return _RegressionTargetColumn(loss_fn=_mean_squared_loss, label_name=label_name,
                                   weight_column_name=weight_column_name,
                                   label_dimension=label_dimension)


def multi_class_target(n_classes, label_name=None, weight_column_name=None):
    if n_classes < 2:
        raise ValueError("n_classes must be > 1 for classification.")
    loss_fn = _log_loss_with_two_classes if n_classes == 2 else _softmax_cross_entropy_loss
    return _MultiClassTargetColumn(loss_fn=loss_fn, n_classes=n_classes, label_name=label_name,
                                   weight_column_name=weight_column_name)


def binary_svm_target(label_name=None, weight_column_name=None):
    return _BinarySvmTargetColumn(label_name=label_name, weight_column_name=weight_column_name)


class ProblemType:
    UNSPECIFIED = 0
    CLASSIFICATION = 1
    LINEAR_REGRESSION = 2
    LOGISTIC_REGRESSION = 3


class _TargetColumn:
    def __init__(self, loss_fn, num_label_columns, label_name, weight_column_name,
                 problem_type):
        if not loss_fn:
            raise ValueError("loss_fn must be provided")
        if num_label_columns is None:
            raise ValueError("num_label_columns must be provided")
        self._loss_fn = loss_fn
        self._num_label_columns = num_label_columns
        self._label_name = label_name
        self._weight_column_name = weight_column_name
        self._problem_type = problem_type

    def logits_to_predictions(self, logits, proba=False):
        raise NotImplementedError()

    def get_eval_ops(self, features, logits, labels, metrics=None):
        raise NotImplementedError

    @property
    def label_name(self):
        return self._label_name

    @property
    def weight_column_name(self):
        return self._weight_column_name

    @property
    def num_label_columns(self):
        return self._num_label_columns

    @property
    def problem_type(self):
        return self._problem_type

    def get_weight_tensor(self, features):
        if not self._weight_column_name:
            return None
        return array_ops.reshape(
            math_ops.cast(features[self._weight_column_name], dtypes.float32), shape=(-1,))

    def _weighted_loss(self, loss, weight_tensor):
        return math_ops.multiply(array_ops.reshape(loss, shape=(-1,)),
                                 array_ops.reshape(weight_tensor, shape=(-1,)))

    def training_loss(self, logits, target, features, name="training_loss"):
        target = target[self.name] if isinstance(target, dict) else target
        loss_unweighted = self._loss_fn(logits, target)
        weight_tensor = self.get_weight_tensor(features)
        if weight_tensor is None:
            return math_ops.reduce_mean(loss_unweighted, name=name)
        return math_ops.reduce_mean(self._weighted_loss(loss_unweighted, weight_tensor),
                                    name=name)

    def loss(self, logits, target, features):
        target = target[self.name] if isinstance(target, dict) else target
        loss_unweighted = self._loss_fn(logits, target)
        weight_tensor = self.get_weight_tensor(features)
        if weight_tensor is None:
            return math_ops.reduce_mean(loss_unweighted, name="loss")
        loss_weighted = self._weighted_loss(loss_unweighted, weight_tensor)
        return math_ops.div(math_ops.reduce_sum(loss_weighted),
                            math_ops.cast(math_ops.reduce_sum(weight_tensor), dtypes.float32),
                            name="loss")


class _RegressionTargetColumn(_TargetColumn):
    def __init__(self, loss_fn, label_name, weight_column_name, label_dimension):
        super().__init__(loss_fn=loss_fn, num_label_columns=label_dimension,
                         label_name=label_name, weight_column_name=weight_column_name,
                         problem_type=ProblemType.LINEAR_REGRESSION)

    def logits_to_predictions(self, logits, proba=False):
        if self.num_label_columns == 1:
            return array_ops.squeeze(logits, axis=[1])
        return logits

    def get_eval_ops(self, features, logits, labels, metrics=None):
        result = {"loss": _metrics.mean(self.loss(logits, labels, features))}
        if metrics:
            predictions = self.logits_to_predictions(logits, proba=False)
            result.update(_run_metrics(predictions, labels, metrics,
                                       self.get_weight_tensor(features)))
        return result


class _MultiClassTargetColumn(_TargetColumn):
    def __init__(self, loss_fn, n_classes, label_name, weight_column_name):
        if n_classes < 2:
            raise ValueError("n_classes must be >= 2")
        super().__init__(loss_fn=loss_fn, num_label_columns=1 if n_classes == 2 else n_classes,
                         label_name=label_name, weight_column_name=weight_column_name,
                         problem_type=ProblemType.CLASSIFICATION)

    def logits_to_predictions(self, logits, proba=False):
        if self.num_label_columns == 1:
            logits = array_ops.concat([array_ops.zeros_like(logits), logits], 1)
        if proba:
            return nn_ops.softmax(logits)
        return math_ops.argmax(logits, 1)

    def _default_eval_metrics(self):
        if self._num_label_columns == 1:
            return get_default_binary_metrics_for_eval(thresholds=[.5])
        return {}

    def get_eval_ops(self, features, logits, labels, metrics=None):
        result = {"loss": _metrics.mean(self.loss(logits, labels, features))}
        if metrics is None:
            metrics = {("accuracy", "classes"): _streaming_accuracy}
        predictions = math_ops.sigmoid(logits)
        labels_float = math_ops.cast(labels, dtypes.float32)
        for metric_name, metric_op in self._default_eval_metrics().items():
            result[metric_name] = metric_op(predictions, labels_float)
        class_metrics, proba_metrics = {}, {}
        for name, metric_op in metrics.items():
            if isinstance(name, tuple):
                if len(name) != 2:
                    raise ValueError("Ignoring metric {}. It returned a tuple with len {}, "
                                     "expected 2.".format(name, len(name)))
                if name[1] not in ["classes", "probabilities"]:
                    raise ValueError("Ignoring metric {}. The 2nd element of its name should "
                                     "be either 'classes' or 'probabilities'.".format(name))
                (class_metrics if name[1] == "classes" else proba_metrics)[name[0]] = metric_op
            elif isinstance(name, str):
                class_metrics[name] = metric_op
            else:
                raise ValueError("Ignoring metric {}. Its name is not in the correct form."
                                 .format(name))
        if class_metrics:
            result.update(_run_metrics(self.logits_to_predictions(logits, proba=False), labels,
                                       class_metrics, self.get_weight_tensor(features)))
        if proba_metrics:
            result.update(_run_metrics(self.logits_to_predictions(logits, proba=True), labels,
                                       proba_metrics, self.get_weight_tensor(features)))
        return result


def _hinge_loss(logits, labels):
    """contrib.losses' (v1) hinge loss: `relu(1 - (2 * labels - 1) * logits)`."""
    with name_scope(None, "hinge_loss", [logits, labels]):
        logits.shape.assert_is_compatible_with(labels.shape)
        labels = math_ops.cast(labels, dtypes.float32)
        all_ones = array_ops.ones_like(labels)
        labels = math_ops.subtract(2 * labels, all_ones)
        return nn_ops.relu(math_ops.subtract(all_ones, math_ops.multiply(labels, logits)))


class _BinarySvmTargetColumn(_MultiClassTargetColumn):
    def __init__(self, label_name, weight_column_name):
        def loss_fn(logits, target):
            check = Assert(math_ops.less_equal(array_ops.rank(target), 2),
                           ["target's shape should be either [batch_size, 1] or "
                            "[batch_size]"])
            with control_dependencies([check]):
                target = array_ops.reshape(target, shape=[array_ops.shape(target)[0], 1])
            return _hinge_loss(logits, target)

        super().__init__(loss_fn=loss_fn, n_classes=2, label_name=label_name,
                         weight_column_name=weight_column_name)

    def logits_to_predictions(self, logits, proba=False):
        if proba:
            raise ValueError("logits to probabilities is not supported for "
                             "_BinarySvmTargetColumn")
        logits = array_ops.concat([array_ops.zeros_like(logits), logits], 1)
        return math_ops.argmax(logits, 1)


def _mean_squared_loss(logits, target):
    if len(target.shape) == 1:
        target = array_ops.expand_dims(target, axis=1)
    logits.shape.assert_is_compatible_with(target.shape)
    return math_ops.squared_difference(logits, math_ops.cast(target, dtypes.float32))


def _log_loss_with_two_classes(logits, target):
    if len(target.shape) == 1:
        target = array_ops.expand_dims(target, axis=1)
    return nn_impl.sigmoid_cross_entropy_with_logits(
        labels=math_ops.cast(target, dtypes.float32), logits=logits)


def _softmax_cross_entropy_loss(logits, target):
    if not target.dtype.is_integer:
        raise ValueError("Target's dtype should be integer Instead got %s." % target.dtype)
    if len(target.shape) == 2:
        target = array_ops.squeeze(target, axis=[1])
    return nn_ops.sparse_softmax_cross_entropy_with_logits(labels=target, logits=logits)


def _run_metrics(predictions, labels, metrics, weights):
    result = {}
    labels = math_ops.cast(labels, predictions.dtype)
    for name, metric in (metrics or {}).items():
        result[name] = metric(predictions, labels, weights=weights) if weights is not None \
            else metric(predictions, labels)
    return result


class _MetricKeys:
    AUC = "auc"
    PREDICTION_MEAN = "labels/prediction_mean"
    TARGET_MEAN = "labels/actual_target_mean"
    ACCURACY_BASELINE = "accuracy/baseline_target_mean"
    ACCURACY_MEAN = "accuracy/threshold_%f_mean"
    PRECISION_MEAN = "precision/positive_threshold_%f_mean"
    RECALL_MEAN = "recall/positive_threshold_%f_mean"


def _streaming_accuracy(predictions, labels, weights=None):
    """contrib's `streaming_accuracy` (predictions first)."""
    return _metrics.accuracy(labels=labels, predictions=predictions, weights=weights)


def _float_weights_or_none(weights):
    return None if weights is None else math_ops.cast(weights, dtypes.float32)


def _labels_streaming_mean(unused_predictions, labels, weights=None):
    return _metrics.mean(labels, weights=weights)


def _predictions_streaming_mean(predictions, unused_labels, weights=None):
    return _metrics.mean(predictions, weights=weights)


def _streaming_auc(predictions, labels, weights=None):
    return _metrics.auc(labels=labels, predictions=predictions,
                        weights=_float_weights_or_none(weights))


def _accuracy_at_threshold(threshold):
    def _accuracy_metric(predictions, labels, weights=None):
        threshold_predictions = math_ops.cast(math_ops.greater_equal(predictions, threshold),
                                              dtypes.float32)
        return _metrics.accuracy(labels=labels, predictions=threshold_predictions,
                                 weights=weights)
    return _accuracy_metric


def _streaming_at_threshold(metrics_fn, threshold):
    def _streaming_metrics(predictions, labels, weights=None):
        value, update_op = metrics_fn(labels=labels, predictions=predictions,
                                      thresholds=[threshold],
                                      weights=_float_weights_or_none(weights))
        return array_ops.squeeze(value), update_op
    return _streaming_metrics


def get_default_binary_metrics_for_eval(thresholds):
    """Mean prediction and label, baseline accuracy, AUC, and accuracy, precision and
    recall at each threshold."""
    metrics = {_MetricKeys.PREDICTION_MEAN: _predictions_streaming_mean,
               _MetricKeys.TARGET_MEAN: _labels_streaming_mean,
               _MetricKeys.ACCURACY_BASELINE: _labels_streaming_mean,
               _MetricKeys.AUC: _streaming_auc}
    for threshold in thresholds:
        metrics[_MetricKeys.ACCURACY_MEAN % threshold] = _accuracy_at_threshold(threshold)
        metrics[_MetricKeys.PRECISION_MEAN % threshold] = _streaming_at_threshold(
            _metrics.precision_at_thresholds, threshold)
        metrics[_MetricKeys.RECALL_MEAN % threshold] = _streaming_at_threshold(
            _metrics.recall_at_thresholds, threshold)
    return metrics
