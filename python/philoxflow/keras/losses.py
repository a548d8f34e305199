"""`tf.keras.losses` of TF 1.15: the loss functions (per-sample values, over `backend`)
and the `Loss` classes, which reduce them in their name scope with Keras's
`compute_weighted_loss` (`weighted_loss/...`)."""

from __future__ import annotations

from ..framework import dtypes as _dtypes
from ..framework.constant_op import convert_to_tensor
from ..framework.ops import get_default_graph, name_scope
from ..layers.core import smart_cond
from ..ops import array_ops, math_ops, math_ops_ext, nn_impl, nn_ops
from ..ops.losses import _broadcast_weights
from . import backend as K
from ._serialization import deserialize_object, serialize_object


class _ReductionV2:
    """`tf.keras.losses._ReductionV2` (ReductionV2)."""

    AUTO = "auto"
    NONE = "none"
    SUM = "sum"
    SUM_OVER_BATCH_SIZE = "sum_over_batch_size"

    @classmethod
    def all(cls):
        return (cls.AUTO, cls.NONE, cls.SUM, cls.SUM_OVER_BATCH_SIZE)

    @classmethod
    def validate(cls, key):
        if key not in cls.all():
            raise ValueError("Invalid _ReductionV2 Key %s." % key)


def _prepare(y_true, y_pred):
    y_pred = convert_to_tensor(y_pred)
    return math_ops.cast(y_true, y_pred.dtype), y_pred


def mean_squared_error(y_true, y_pred):
    y_true, y_pred = _prepare(y_true, y_pred)
    return K.mean(math_ops.squared_difference(y_pred, y_true), axis=-1)


def mean_absolute_error(y_true, y_pred):
    y_true, y_pred = _prepare(y_true, y_pred)
    return K.mean(math_ops.abs(y_pred - y_true), axis=-1)


def mean_absolute_percentage_error(y_true, y_pred):
    y_true, y_pred = _prepare(y_true, y_pred)
    diff = math_ops.abs((y_true - y_pred) / K.clip(math_ops.abs(y_true), K.epsilon(), None))
    return 100.0 * K.mean(diff, axis=-1)


def mean_squared_logarithmic_error(y_true, y_pred):
    y_true, y_pred = _prepare(y_true, y_pred)
    first_log = math_ops.log(K.clip(y_pred, K.epsilon(), None) + 1.0)
    second_log = math_ops.log(K.clip(y_true, K.epsilon(), None) + 1.0)
    return K.mean(math_ops.squared_difference(first_log, second_log), axis=-1)


def _maybe_convert_labels(y_true):
    are_zeros = math_ops.equal(y_true, 0)
    are_ones = math_ops.equal(y_true, 1)
    is_binary = math_ops.reduce_all(math_ops_ext.logical_or(are_zeros, are_ones))
    return smart_cond(is_binary, lambda: 2.0 * y_true - 1.0, lambda: y_true)


def squared_hinge(y_true, y_pred):
    y_true, y_pred = _prepare(y_true, y_pred)
    y_true = _maybe_convert_labels(y_true)
    return K.mean(math_ops.square(math_ops.maximum(1.0 - y_true * y_pred, 0.0)), axis=-1)


def hinge(y_true, y_pred):
    y_true, y_pred = _prepare(y_true, y_pred)
    y_true = _maybe_convert_labels(y_true)
    return K.mean(math_ops.maximum(1.0 - y_true * y_pred, 0.0), axis=-1)


def categorical_hinge(y_true, y_pred):
    y_true, y_pred = _prepare(y_true, y_pred)
    pos = math_ops.reduce_sum(y_true * y_pred, axis=-1)
    neg = math_ops.reduce_max((1.0 - y_true) * y_pred, axis=-1)
    return math_ops.maximum(0.0, neg - pos + 1.0)


def huber_loss(y_true, y_pred, delta=1.0):
    y_pred = math_ops.cast(y_pred, dtype=K.floatx())
    y_true = math_ops.cast(y_true, dtype=K.floatx())
    error = math_ops.subtract(y_pred, y_true)
    abs_error = math_ops.abs(error)
    quadratic = math_ops.minimum(abs_error, delta)
    linear = math_ops.subtract(abs_error, quadratic)
    return math_ops.add(
        math_ops.multiply(convert_to_tensor(0.5, dtype=quadratic.dtype),
                          math_ops.multiply(quadratic, quadratic)),
        math_ops.multiply(delta, linear))


def logcosh(y_true, y_pred):
    y_true, y_pred = _prepare(y_true, y_pred)
    x = y_pred - y_true
    return K.mean(x + nn_ops.softplus(-2.0 * x) - math_ops.log(2.0), axis=-1)


def categorical_crossentropy(y_true, y_pred, from_logits=False, label_smoothing=0):
    y_true, y_pred = _prepare(y_true, y_pred)
    label_smoothing = convert_to_tensor(label_smoothing, dtype=K.floatx())

    def smooth():
        num_classes = math_ops.cast(array_ops.shape(y_true)[1], y_pred.dtype)
        return y_true * (1.0 - label_smoothing) + (label_smoothing / num_classes)
    y_true = smart_cond(label_smoothing, smooth, lambda: y_true)
    return K.categorical_crossentropy(y_true, y_pred, from_logits=from_logits)


def sparse_categorical_crossentropy(y_true, y_pred, from_logits=False, axis=-1):
    return K.sparse_categorical_crossentropy(y_true, y_pred, from_logits=from_logits,
                                             axis=axis)


def binary_crossentropy(y_true, y_pred, from_logits=False, label_smoothing=0):
    y_true, y_pred = _prepare(y_true, y_pred)
    label_smoothing = convert_to_tensor(label_smoothing, dtype=K.floatx())
    y_true = smart_cond(label_smoothing,
                        lambda: y_true * (1.0 - label_smoothing) + 0.5 * label_smoothing,
                        lambda: y_true)
    return K.mean(K.binary_crossentropy(y_true, y_pred, from_logits=from_logits), axis=-1)


def kullback_leibler_divergence(y_true, y_pred):
    y_true, y_pred = _prepare(y_true, y_pred)
    y_true = K.clip(y_true, K.epsilon(), 1)
    y_pred = K.clip(y_pred, K.epsilon(), 1)
    return math_ops.reduce_sum(y_true * math_ops.log(y_true / y_pred), axis=-1)


def poisson(y_true, y_pred):
    y_true, y_pred = _prepare(y_true, y_pred)
    return K.mean(y_pred - y_true * math_ops.log(y_pred + K.epsilon()), axis=-1)


def cosine_proximity(y_true, y_pred, axis=-1):
    y_true = nn_impl.l2_normalize(y_true, axis=axis)
    y_pred = nn_impl.l2_normalize(y_pred, axis=axis)
    return math_ops.reduce_sum(y_true * y_pred, axis=axis)


mse = MSE = mean_squared_error
mae = MAE = mean_absolute_error
mape = MAPE = mean_absolute_percentage_error
msle = MSLE = mean_squared_logarithmic_error
kld = KLD = kullback_leibler_divergence
cosine_similarity = cosine = cosine_proximity


def compute_weighted_loss(losses, sample_weight=None, reduction=_ReductionV2.SUM_OVER_BATCH_SIZE,
                          name=None):
    """Keras's `losses_utils.compute_weighted_loss`: float32 losses times the broadcast
    weights, summed (and divided by their number) under `weighted_loss`."""
    _ReductionV2.validate(reduction)
    if reduction == _ReductionV2.AUTO:
        reduction = _ReductionV2.SUM_OVER_BATCH_SIZE
    if sample_weight is None:
        sample_weight = 1.0
    with name_scope(name or "weighted_loss"):
        get_default_graph()._last_loss_reduction = reduction
        losses = convert_to_tensor(losses)
        input_dtype = losses.dtype
        losses = math_ops.cast(losses, _dtypes.float32)
        sample_weight = convert_to_tensor(math_ops.cast(sample_weight, _dtypes.float32))
        rank, w_rank = losses.shape.rank, sample_weight.shape.rank
        if w_rank is None or (w_rank != 0 and rank is None):
            raise NotImplementedError("philoxflow: Keras loss weights of unknown rank")
        if w_rank != 0 and w_rank - rank == 1:
            sample_weight = array_ops.squeeze(sample_weight, [-1])
        elif w_rank != 0 and rank - w_rank == 1:
            sample_weight = array_ops.expand_dims(sample_weight, [-1])
        weighted = math_ops.multiply(losses, _broadcast_weights(sample_weight, losses))
        loss = weighted
        if reduction != _ReductionV2.NONE:
            loss = math_ops.reduce_sum(weighted)
            if reduction == _ReductionV2.SUM_OVER_BATCH_SIZE:
                with name_scope("num_elements") as scope:
                    n = math_ops.cast(array_ops.size(weighted, name=scope),
                                      dtype=weighted.dtype)
                loss = math_ops.div_no_nan(math_ops.reduce_sum(loss), n, name="value")
        return math_ops.cast(loss, input_dtype)


class Loss:
    def __init__(self, reduction=_ReductionV2.AUTO, name=None):
        _ReductionV2.validate(reduction)
        self.reduction, self.name = reduction, name

    def __call__(self, y_true, y_pred, sample_weight=None):
        scope_name = "lambda" if self.name == "<lambda>" else self.name
        with name_scope(scope_name or type(self).__name__):
            losses = self.call(y_true, y_pred)
            reduction = (_ReductionV2.SUM_OVER_BATCH_SIZE if self.reduction == _ReductionV2.AUTO
                         else self.reduction)
            return compute_weighted_loss(losses, sample_weight, reduction=reduction)

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    def get_config(self):
        return {"reduction": self.reduction, "name": self.name}

    def call(self, y_true, y_pred):
        raise NotImplementedError("Must be implemented in subclasses.")


class LossFunctionWrapper(Loss):
    def __init__(self, fn, reduction=_ReductionV2.AUTO, name=None, **kwargs):
        super().__init__(reduction=reduction, name=name)
        self.fn, self._fn_kwargs = fn, kwargs

    def call(self, y_true, y_pred):
        return self.fn(y_true, y_pred, **self._fn_kwargs)


def _wrapper(class_name, fn, default_name, *params):
    """A `LossFunctionWrapper` subclass: `params` are (name, default) of `fn`'s options."""

    def __init__(self, *args, **kwargs):
        names = [p for p, _ in params] + ["reduction", "name"]
        values = dict(params, reduction=_ReductionV2.AUTO, name=default_name)
        values.update(zip(names, args))
        values.update(kwargs)
        options = {p: values[p] for p, _ in params}
        LossFunctionWrapper.__init__(self, fn, reduction=values["reduction"],
                                     name=values["name"], **options)
        for key, value in options.items():
            setattr(self, key, value)
    return type(class_name, (LossFunctionWrapper,), {"__init__": __init__,
                                                     "__module__": __name__})


MeanSquaredError = _wrapper("MeanSquaredError", mean_squared_error, "mean_squared_error")
MeanAbsoluteError = _wrapper("MeanAbsoluteError", mean_absolute_error, "mean_absolute_error")
MeanAbsolutePercentageError = _wrapper("MeanAbsolutePercentageError",
                                       mean_absolute_percentage_error,
                                       "mean_absolute_percentage_error")
MeanSquaredLogarithmicError = _wrapper("MeanSquaredLogarithmicError",
                                       mean_squared_logarithmic_error,
                                       "mean_squared_logarithmic_error")
BinaryCrossentropy = _wrapper("BinaryCrossentropy", binary_crossentropy, "binary_crossentropy",
                              ("from_logits", False), ("label_smoothing", 0))
CategoricalCrossentropy = _wrapper("CategoricalCrossentropy", categorical_crossentropy,
                                   "categorical_crossentropy", ("from_logits", False),
                                   ("label_smoothing", 0))
SparseCategoricalCrossentropy = _wrapper("SparseCategoricalCrossentropy",
                                         sparse_categorical_crossentropy,
                                         "sparse_categorical_crossentropy",
                                         ("from_logits", False))
Hinge = _wrapper("Hinge", hinge, "hinge")
SquaredHinge = _wrapper("SquaredHinge", squared_hinge, "squared_hinge")
CategoricalHinge = _wrapper("CategoricalHinge", categorical_hinge, "categorical_hinge")
Poisson = _wrapper("Poisson", poisson, "poisson")
LogCosh = _wrapper("LogCosh", logcosh, "logcosh")
KLDivergence = _wrapper("KLDivergence", kullback_leibler_divergence,
                        "kullback_leibler_divergence")
Huber = _wrapper("Huber", huber_loss, "huber_loss", ("delta", 1.0))
CosineSimilarity = _wrapper("CosineSimilarity", cosine_similarity, "cosine_similarity",
                            ("axis", -1))


def serialize(loss):
    return serialize_object(loss)


def deserialize(name, custom_objects=None):
    return deserialize_object(name, globals(), custom_objects, "loss function")


def get(identifier):
    if identifier is None:
        return None
    if isinstance(identifier, (str, dict)):
        return deserialize(identifier)
    if callable(identifier):
        return identifier
    raise ValueError("Could not interpret loss function identifier:", identifier)


_is_namespace = True

from .._api_names import module_getattr as _module_getattr  # noqa: E402

__getattr__ = _module_getattr("keras.losses", __name__)
