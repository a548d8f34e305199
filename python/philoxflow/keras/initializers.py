"""`tf.keras.initializers` of TF 1.15: TF 1.x's `init_ops` classes under Keras's names,
with Keras's own defaults for the random ones (stddev and range 0.05)."""

from __future__ import annotations

from ..framework import dtypes as _dtypes
from ..ops import init_ops as _init_ops
from ..ops.init_ops import (
    Constant,
    GlorotNormal,
    GlorotUniform,
    Initializer,
    Ones,
    VarianceScaling,
    Zeros,
    he_normal,
    he_uniform,
    lecun_normal,
    lecun_uniform,
)
from ..ops.init_ops_orthogonal import Identity, Orthogonal
from ._serialization import deserialize_object, serialize_object


class TruncatedNormal(_init_ops.TruncatedNormal):
    def __init__(self, mean=0.0, stddev=0.05, seed=None, dtype=_dtypes.float32):
        super().__init__(mean=mean, stddev=stddev, seed=seed, dtype=dtype)


class RandomUniform(_init_ops.RandomUniform):
    def __init__(self, minval=-0.05, maxval=0.05, seed=None, dtype=_dtypes.float32):
        super().__init__(minval=minval, maxval=maxval, seed=seed, dtype=dtype)


class RandomNormal(_init_ops.RandomNormal):
    def __init__(self, mean=0.0, stddev=0.05, seed=None, dtype=_dtypes.float32):
        super().__init__(mean=mean, stddev=stddev, seed=seed, dtype=dtype)


zero = zeros = Zeros
one = ones = Ones
constant = Constant
uniform = random_uniform = RandomUniform
normal = random_normal = RandomNormal
truncated_normal = TruncatedNormal
identity = Identity
orthogonal = Orthogonal
glorot_normal = GlorotNormal
glorot_uniform = GlorotUniform


def serialize(initializer):
    return serialize_object(initializer)


def deserialize(config, custom_objects=None):
    return deserialize_object(config, globals(), custom_objects, "initializer")


def get(identifier):
    """An initializer from a name (`"glorot_uniform"`, `"he_normal"`), a config dict or
    a callable (TF 1.15's `keras.initializers.get`)."""
    if identifier is None:
        return None
    if isinstance(identifier, dict):
        return deserialize(identifier)
    if isinstance(identifier, str):
        if identifier in ("he_normal", "he_uniform", "lecun_normal", "lecun_uniform"):
            return deserialize({"class_name": identifier, "config": {}})
        return deserialize(identifier)
    if callable(identifier):
        return identifier
    raise ValueError("Could not interpret initializer identifier: " + str(identifier))


__all__ = ["Constant", "GlorotNormal", "GlorotUniform", "Identity", "Initializer", "Ones",
           "Orthogonal", "RandomNormal", "RandomUniform", "TruncatedNormal", "VarianceScaling",
           "Zeros", "constant", "deserialize", "get", "glorot_normal", "glorot_uniform",
           "he_normal", "he_uniform", "identity", "lecun_normal", "lecun_uniform", "normal",
           "ones", "orthogonal", "random_normal", "random_uniform", "serialize",
           "truncated_normal", "uniform", "zeros"]

_is_namespace = True

from .._api_names import module_getattr as _module_getattr  # noqa: E402

__getattr__ = _module_getattr("keras.initializers", __name__)
