"""`keras.random` of Keras 3 on its TensorFlow backend (TF 2.21's `tf.keras`).

Keras draws every random tensor from a stateless TF op: an int seed `s` is the seed
`[s, 0]`; a `SeedGenerator` hands out its state `[seed, n]` and counts `n` up; an
unseeded call uses the global SeedGenerator (made on first use from Python's
`random.randint(1, 10**9)`, advanced by `(state + 1) * 5387 % 933199`). The int64
seed becomes int32 by `floormod(seed, 2**31 - 2)` before the op (`_cast_seed`).
"""

from __future__ import annotations

import random as _python_random

import numpy as np

import philoxflow.compat.v2 as tf

_GLOBAL = {"seed_generator": None, "seed": None}
_FLOATX = "float32"


class KerasVariable:
    """Keras 3's backend Variable: `.value` is a property (a tf.Variable's is a method)."""

    def __init__(self, initial_value, dtype=None, trainable=True, name=None):
        self._var = tf.Variable(initial_value, dtype=dtype, trainable=trainable, name=name)
        self.name = name

    @property
    def value(self):
        return self._var.value()

    def assign(self, value):
        return self._var.assign(value)

    def numpy(self):
        return self._var.numpy()

    def __array__(self, dtype=None, copy=None):
        return self._var.__array__(dtype)

    @property
    def dtype(self):
        return self._var.dtype

    @property
    def shape(self):
        return self._var.shape

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self._var, name)


class SeedGenerator:
    """`keras.random.SeedGenerator`: a `[seed, counter]` int64 state variable."""

    def __init__(self, seed=None, name=None, **kwargs):
        self.name = name or "seed_generator"
        self._initial_seed = seed
        if seed is None:
            seed = make_default_seed()
        if not isinstance(seed, int):
            raise ValueError(f"Argument `seed` must be an integer. Received: seed={seed}")
        self.state = KerasVariable(tf.constant([seed, 0], dtype=tf.int64), trainable=False,
                                   name="seed_generator_state")

    def next(self, ordered=True):
        value = self.state.value * 1
        if ordered:
            self.state.assign(self.state.value + tf.constant([0, 1], dtype=tf.int64))
        else:
            self.state.assign((self.state.value + 1) * 5387 % 933199)
        return value


def make_default_seed() -> int:
    return _python_random.randint(1, int(1e9))


def global_seed_generator() -> SeedGenerator:
    if _GLOBAL["seed_generator"] is None:
        _GLOBAL["seed_generator"] = SeedGenerator()
    return _GLOBAL["seed_generator"]


def draw_seed(seed):
    """Keras's `draw_seed`: the int64 `[2]` seed a random op gets."""
    if isinstance(seed, SeedGenerator):
        return seed.next()
    if isinstance(seed, int):
        return tf.constant([seed, 0], dtype=tf.int64)
    if seed is None:
        return global_seed_generator().next(ordered=False)
    raise ValueError("Argument `seed` must be either an integer or an instance of "
                     f"`SeedGenerator`. Received: seed={seed} (of type {type(seed)})")


def _cast_seed(seed):
    if seed.dtype == tf.int32:
        return seed
    return tf.cast(tf.math.floormod(seed, 2**31 - 2), "int32")


def _seed(seed):
    return _cast_seed(draw_seed(seed))


def normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None):
    return tf.random.stateless_normal(shape=shape, mean=mean, stddev=stddev,
                                      dtype=dtype or _FLOATX, seed=_seed(seed))


def uniform(shape, minval=0.0, maxval=1.0, dtype=None, seed=None):
    dtype = dtype or _FLOATX
    seed = _seed(seed)
    return tf.random.stateless_uniform(shape=shape, minval=tf.cast(minval, dtype),
                                       maxval=tf.cast(maxval, dtype), dtype=dtype, seed=seed)


def truncated_normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None):
    return tf.random.stateless_truncated_normal(shape=shape, mean=mean, stddev=stddev,
                                                dtype=dtype or _FLOATX, seed=_seed(seed))


def categorical(logits, num_samples, dtype="int32", seed=None):
    out = tf.random.stateless_categorical(logits, num_samples, seed=_seed(seed))
    return tf.cast(out, dtype)


def randint(shape, minval, maxval, dtype="int32", seed=None):
    inter = dtype if tf.as_dtype(dtype).name in ("int32", "int64") else "int64"
    out = tf.random.stateless_uniform(shape=shape, minval=minval, maxval=maxval, dtype=inter,
                                      seed=_seed(seed))
    return tf.cast(out, dtype)


def dropout(inputs, rate, noise_shape=None, seed=None):
    if rate == 1.0:
        return tf.zeros_like(inputs)
    if rate == 0.0:
        return inputs
    seed = _seed(seed)
    if noise_shape is None:
        noise_shape = tf.shape(inputs)
    else:
        full = np.asarray(tf.shape(inputs))
        noise_shape = [int(full[i]) if v is None else v for i, v in enumerate(noise_shape)]
    return tf.nn.experimental.stateless_dropout(inputs, rate=rate, noise_shape=noise_shape,
                                                seed=seed)


def shuffle(x, axis=0, seed=None):
    seed = _seed(seed)
    x = tf.convert_to_tensor(x)
    keys = tf.random.stateless_uniform(shape=[x.shape[axis]], seed=seed)
    order = np.argsort(np.asarray(keys), kind="stable")
    return tf.constant(np.take(np.asarray(x), order, axis=axis), dtype=x.dtype)


def gamma(shape, alpha, dtype=None, seed=None):
    dtype = dtype or _FLOATX
    return tf.random.stateless_gamma(shape, alpha=alpha, dtype=dtype, seed=_seed(seed))


def binomial(shape, counts, probabilities, dtype=None, seed=None):
    dtype = dtype or _FLOATX
    seed = _seed(seed)
    out = tf.random.stateless_binomial(shape=shape, seed=seed, counts=counts,
                                       probs=probabilities, output_dtype=dtype)
    return tf.cast(out, dtype)


def beta(shape, alpha, beta, dtype=None, seed=None):
    """Keras's beta: `Ga / (Ga + Gb)` of two stateless gammas, seeds `s` and `s + 12`."""
    dtype = dtype or _FLOATX
    seed_1 = _seed(seed)
    seed_2 = seed_1 + 12
    alpha = tf.broadcast_to(tf.convert_to_tensor(alpha, dtype=dtype), shape)
    beta = tf.broadcast_to(tf.convert_to_tensor(beta, dtype=dtype), shape)
    gamma_a = tf.cast(tf.random.stateless_gamma(shape=shape, seed=seed_1, alpha=alpha,
                                                dtype=dtype), dtype)
    gamma_b = tf.cast(tf.random.stateless_gamma(shape=shape, seed=seed_2, alpha=beta,
                                                dtype=dtype), dtype)
    return gamma_a / (gamma_a + gamma_b)
