"""`keras.initializers` of Keras 3 (TF backend): each call with an int seed draws from
the stateless ops at seed `[seed, 0]`, so repeated calls give the same values; an
unseeded initializer takes `random.randint(1, 10**9)` from Python's `random` when made."""

from __future__ import annotations

import math

import numpy as np

import philoxflow.compat.v2 as tf

from ...ops import eigen_qr as _qr
from ...ops import init_ops as _init_ops
from . import random as _random


class Initializer:
    def __call__(self, shape, dtype=None):
        raise NotImplementedError


class Zeros(Initializer):
    def __call__(self, shape, dtype=None):
        return tf.zeros(shape, dtype=dtype or _random._FLOATX)


class Ones(Initializer):
    def __call__(self, shape, dtype=None):
        return tf.ones(shape, dtype=dtype or _random._FLOATX)


class Constant(Initializer):
    def __init__(self, value=0.0):
        self.value = value

    def __call__(self, shape, dtype=None):
        return tf.fill(shape, tf.cast(self.value, dtype or _random._FLOATX))


class RandomInitializer(Initializer):
    def __init__(self, seed=None):
        self._init_seed = seed
        if seed is None:
            seed = _random.make_default_seed()
        elif not isinstance(seed, (int, _random.SeedGenerator)):
            raise ValueError("`seed` argument should be an instance of "
                             "`keras.random.SeedGenerator()` or an integer. "
                             f"Received: seed={seed}")
        self.seed = seed


class RandomNormal(RandomInitializer):
    def __init__(self, mean=0.0, stddev=0.05, seed=None):
        self.mean, self.stddev = mean, stddev
        super().__init__(seed)

    def __call__(self, shape, dtype=None):
        return _random.normal(shape, self.mean, self.stddev, dtype=dtype, seed=self.seed)


class TruncatedNormal(RandomInitializer):
    def __init__(self, mean=0.0, stddev=0.05, seed=None):
        self.mean, self.stddev = mean, stddev
        super().__init__(seed)

    def __call__(self, shape, dtype=None):
        return _random.truncated_normal(shape, self.mean, self.stddev, dtype=dtype,
                                        seed=self.seed)


class RandomUniform(RandomInitializer):
    def __init__(self, minval=-0.05, maxval=0.05, seed=None):
        self.minval, self.maxval = minval, maxval
        super().__init__(seed)

    def __call__(self, shape, dtype=None):
        return _random.uniform(shape, self.minval, self.maxval, dtype=dtype, seed=self.seed)


def compute_fans(shape, input_axes=None, output_axes=None):
    shape = tuple(shape)
    if input_axes is not None and output_axes is not None:
        return (int(np.prod([shape[a] for a in input_axes])),
                int(np.prod([shape[a] for a in output_axes])))
    # (the receptive-field rule both Keras versions share with TF 1.x's init_ops)
    return _init_ops._compute_fans(shape)


class VarianceScaling(RandomInitializer):
    def __init__(self, scale=1.0, mode="fan_in", distribution="truncated_normal", seed=None,
                 input_axes=None, output_axes=None):
        if scale <= 0.0:
            raise ValueError(f"Argument `scale` must be positive float. Received: scale={scale}")
        if mode not in {"fan_in", "fan_out", "fan_avg"}:
            raise ValueError(f"Invalid `mode` argument: {mode}.")
        distribution = distribution.lower()
        if distribution == "normal":
            distribution = "truncated_normal"
        if distribution not in {"uniform", "truncated_normal", "untruncated_normal"}:
            raise ValueError(f"Invalid `distribution` argument: {distribution}.")
        self.scale, self.mode, self.distribution = scale, mode, distribution
        self.input_axes, self.output_axes = input_axes, output_axes
        super().__init__(seed)

    def __call__(self, shape, dtype=None):
        scale = self.scale
        fan_in, fan_out = compute_fans(shape, self.input_axes, self.output_axes)
        if self.mode == "fan_in":
            scale /= max(1.0, fan_in)
        elif self.mode == "fan_out":
            scale /= max(1.0, fan_out)
        else:
            scale /= max(1.0, (fan_in + fan_out) / 2.0)
        if self.distribution == "truncated_normal":
            stddev = math.sqrt(scale) / 0.87962566103423978
            return _random.truncated_normal(shape, 0.0, stddev, dtype=dtype, seed=self.seed)
        if self.distribution == "untruncated_normal":
            return _random.normal(shape, 0.0, math.sqrt(scale), dtype=dtype, seed=self.seed)
        limit = math.sqrt(3.0 * scale)
        return _random.uniform(shape, -limit, limit, dtype=dtype, seed=self.seed)


def _variance(name, scale, mode, distribution):
    def __init__(self, seed=None, input_axes=None, output_axes=None):
        VarianceScaling.__init__(self, scale, mode, distribution, seed, input_axes,
                                 output_axes)
    return type(name, (VarianceScaling,), {"__init__": __init__})


GlorotUniform = _variance("GlorotUniform", 1.0, "fan_avg", "uniform")
GlorotNormal = _variance("GlorotNormal", 1.0, "fan_avg", "truncated_normal")
LecunNormal = _variance("LecunNormal", 1.0, "fan_in", "truncated_normal")
LecunUniform = _variance("LecunUniform", 1.0, "fan_in", "uniform")
HeNormal = _variance("HeNormal", 2.0, "fan_in", "truncated_normal")
HeUniform = _variance("HeUniform", 2.0, "fan_in", "uniform")


class Orthogonal(RandomInitializer):
    """A normal matrix's Q factor (`tf.linalg.qr`, replicated in `ops/eigen_qr.py`), its
    columns' signs fixed by R's diagonal, times `gain`."""

    def __init__(self, gain=1.0, seed=None):
        self.gain = gain
        super().__init__(seed)

    def __call__(self, shape, dtype=None):
        if len(shape) < 2:
            raise ValueError("The tensor to initialize must be at least two-dimensional. "
                             f"Received: shape={shape} of rank {len(shape)}.")
        rows = int(np.prod(shape[:-1]))
        cols = shape[-1]
        a = np.asarray(_random.normal((max(cols, rows), min(cols, rows)), seed=self.seed,
                                      dtype=dtype))
        q, r = _qr.batched_qr(a)
        q = q * np.sign(np.diag(r)).astype(q.dtype)
        if rows < cols:
            q = q.T
        return tf.constant(q.reshape(shape)) * self.gain


class Identity(Initializer):
    """`gain * eye(shape)` (2-D)."""

    def __init__(self, gain=1.0):
        self.gain = gain

    def __call__(self, shape, dtype=None):
        if len(shape) != 2:
            raise ValueError("Identity matrix initializer can only be used for 2D matrices. "
                             f"Received: shape={shape} of rank {len(shape)}.")
        dtype = tf.as_dtype(dtype or _random._FLOATX)
        return tf.constant(np.eye(*shape, dtype=dtype.as_numpy_dtype)) * self.gain


def _snake(name):
    import re

    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


_CLASSES = (Constant, Identity, Ones, Zeros, GlorotNormal, GlorotUniform, HeNormal,
            HeUniform, LecunNormal, LecunUniform, Orthogonal, RandomNormal, RandomUniform,
            TruncatedNormal, VarianceScaling)
_ALIASES = {c.__name__: c for c in _CLASSES}
_ALIASES.update({_snake(c.__name__): c for c in _CLASSES})
_ALIASES.update({"IdentityInitializer": Identity, "normal": RandomNormal, "one": Ones,
                 "OrthogonalInitializer": Orthogonal, "uniform": RandomUniform,
                 "zero": Zeros})


def get(identifier):
    """`keras.initializers.get`: a name makes a new instance (an unseeded random one draws
    its seed from Python's `random` now)."""
    if identifier is None or isinstance(identifier, Initializer) or callable(identifier):
        return identifier
    cls = _ALIASES.get(identifier)
    if cls is None:
        raise ValueError(f"Could not interpret initializer identifier: {identifier}")
    return cls()


glorot_uniform, glorot_normal = GlorotUniform, GlorotNormal
he_normal, he_uniform, lecun_normal, lecun_uniform = HeNormal, HeUniform, LecunNormal, LecunUniform
random_normal, random_uniform, truncated_normal = RandomNormal, RandomUniform, TruncatedNormal
zeros, ones, orthogonal, constant, identity = Zeros, Ones, Orthogonal, Constant, Identity
