"""`tf.keras.activations` of TF 1.15: functions of one tensor (over `backend`), looked up
by name with `get`."""

from __future__ import annotations

from ..ops import math_ops, nn_impl, nn_ops
from . import backend as K
from ._serialization import deserialize_object, serialize_object


def softmax(x, axis=-1):
    rank = K.ndim(x)
    if rank == 2:
        return nn_ops.softmax(x)
    if rank is not None and rank > 2:
        e = math_ops.exp(x - math_ops.reduce_max(x, axis=axis, keepdims=True))
        s = math_ops.reduce_sum(e, axis=axis, keepdims=True)
        return e / s
    raise ValueError(f"Cannot apply softmax to a tensor that is 1D. Received input: {x}")


def elu(x, alpha=1.0):
    return K.elu(x, alpha)


def selu(x):
    alpha = 1.6732632423543772848170429916717
    scale = 1.0507009873554804934193349852946
    return scale * K.elu(x, alpha)


def softplus(x):
    return nn_ops.softplus(x)


def softsign(x):
    return nn_impl.softsign(x)


def relu(x, alpha=0.0, max_value=None, threshold=0):
    return K.relu(x, alpha=alpha, max_value=max_value, threshold=threshold)


def tanh(x):
    return math_ops.tanh(x)


def sigmoid(x):
    return math_ops.sigmoid(x)


def exponential(x):
    return math_ops.exp(x)


def hard_sigmoid(x):
    return K.hard_sigmoid(x)


def linear(x):
    return x


def serialize(activation):
    return serialize_object(activation)


def deserialize(name, custom_objects=None):
    return deserialize_object(name, globals(), custom_objects, "activation function")


def get(identifier):
    """An activation from a name or a callable; None is `linear` (builds nothing)."""
    if identifier is None:
        return linear
    if isinstance(identifier, str):
        return deserialize(identifier)
    if callable(identifier):
        return identifier
    if isinstance(identifier, dict):
        return deserialize(identifier)
    raise TypeError(f"Could not interpret activation function identifier: {identifier!r}")

_is_namespace = True

from .._api_names import module_getattr as _module_getattr  # noqa: E402

__getattr__ = _module_getattr("keras.activations", __name__)
