"""`tf.keras.metrics` of TF 1.15: the metric functions (accuracies, and the loss
functions Keras also exports as metrics); the stateful `Metric` classes are not
implemented."""

from __future__ import annotations

from ..framework.constant_op import convert_to_tensor
from ..ops import array_ops, math_ops, math_ops_ext
from . import backend as K
from ._serialization import deserialize_object, serialize_object
from .losses import (  # noqa: F401 - TF exports them as metrics too
    KLD,
    MAE,
    MAPE,
    MSE,
    MSLE,
    binary_crossentropy,
    categorical_crossentropy,
    cosine_proximity,
    hinge,
    kld,
    kullback_leibler_divergence,
    mae,
    mape,
    mean_absolute_error,
    mean_absolute_percentage_error,
    mean_squared_error,
    mean_squared_logarithmic_error,
    mse,
    msle,
    poisson,
    sparse_categorical_crossentropy,
    squared_hinge,
)

cosine = cosine_proximity


def binary_accuracy(y_true, y_pred, threshold=0.5):
    threshold = math_ops.cast(threshold, y_pred.dtype)
    y_pred = math_ops.cast(y_pred > threshold, y_pred.dtype)
    return K.mean(math_ops.equal(y_true, y_pred), axis=-1)


def categorical_accuracy(y_true, y_pred):
    return math_ops.cast(math_ops.equal(math_ops.argmax(y_true, axis=-1),
                                        math_ops.argmax(y_pred, axis=-1)), K.floatx())


def _squeeze_labels(y_true, y_pred):
    y_pred_rank = convert_to_tensor(y_pred).shape.rank
    y_true_rank = convert_to_tensor(y_true).shape.rank
    if y_true_rank is not None and y_pred_rank is not None and \
            len(K.int_shape(y_true)) == len(K.int_shape(y_pred)):
        y_true = array_ops.squeeze(y_true, [-1])
    return y_true


def sparse_categorical_accuracy(y_true, y_pred):
    y_true = _squeeze_labels(y_true, y_pred)
    y_pred = math_ops.argmax(y_pred, axis=-1)
    if K.dtype(y_pred) != K.dtype(y_true):
        y_pred = math_ops.cast(y_pred, K.dtype(y_true))
    return math_ops.cast(math_ops.equal(y_true, y_pred), K.floatx())


def top_k_categorical_accuracy(y_true, y_pred, k=5):
    return math_ops.cast(math_ops_ext.in_top_k(y_pred, math_ops.argmax(y_true, axis=-1), k),
                         K.floatx())


def sparse_top_k_categorical_accuracy(y_true, y_pred, k=5):
    y_true = _squeeze_labels(y_true, y_pred)
    return math_ops.cast(math_ops_ext.in_top_k(y_pred, math_ops.cast(y_true, "int32"), k),
                         K.floatx())


def serialize(metric):
    return serialize_object(metric)


def deserialize(config, custom_objects=None):
    return deserialize_object(config, globals(), custom_objects, "metric function")


def get(identifier):
    if isinstance(identifier, (dict, str)):
        return deserialize(identifier)
    if callable(identifier):
        return identifier
    raise ValueError("Could not interpret metric function identifier: " + str(identifier))


_is_namespace = True

from .._api_names import module_getattr as _module_getattr  # noqa: E402

__getattr__ = _module_getattr("keras.metrics", __name__)
