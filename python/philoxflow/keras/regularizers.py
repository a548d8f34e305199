"""`tf.keras.regularizers` of TF 1.15: L1/L2 penalties built as TF 1.15's Keras builds
them (`l * reduce_sum(abs(x))` added to a Python 0.)."""

from __future__ import annotations

import numpy as np

from ..ops import math_ops
from . import backend as K
from ._serialization import deserialize_object, serialize_object


class Regularizer:
    def __call__(self, x):
        return 0.0

    @classmethod
    def from_config(cls, config):
        return cls(**config)


class L1L2(Regularizer):
    def __init__(self, l1=0.0, l2=0.0):  # noqa: E741
        self.l1 = np.asarray(l1, dtype=K.floatx())
        self.l2 = np.asarray(l2, dtype=K.floatx())

    def __call__(self, x):
        if not self.l1 and not self.l2:
            return K.constant(0.0)
        regularization = 0.0
        if self.l1:
            regularization += self.l1 * math_ops.reduce_sum(math_ops.abs(x))
        if self.l2:
            regularization += self.l2 * math_ops.reduce_sum(math_ops.square(x))
        return regularization

    def get_config(self):
        return {"l1": float(self.l1), "l2": float(self.l2)}


def l1(l=0.01):  # noqa: E741 - Keras's argument name
    return L1L2(l1=l)


def l2(l=0.01):  # noqa: E741 - Keras's argument name
    return L1L2(l2=l)


def l1_l2(l1=0.01, l2=0.01):  # noqa: F811 - Keras's argument names
    return L1L2(l1=l1, l2=l2)


def serialize(regularizer):
    return serialize_object(regularizer)


def deserialize(config, custom_objects=None):
    return deserialize_object(config, globals(), custom_objects, "regularizer")


def get(identifier):
    if identifier is None:
        return None
    if isinstance(identifier, dict):
        return deserialize(identifier)
    if isinstance(identifier, str):
        if identifier in ("l1", "l2", "l1_l2"):
            return deserialize({"class_name": identifier, "config": {}})
        return deserialize(identifier)
    if callable(identifier):
        return identifier
    raise ValueError("Could not interpret regularizer identifier:", identifier)

_is_namespace = True

from .._api_names import module_getattr as _module_getattr  # noqa: E402

__getattr__ = _module_getattr("keras.regularizers", __name__)
