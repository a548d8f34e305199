"""Stateless gamma/Poisson/crop, the identity initializer and n-d linspace.

Each builds the ops whose bits TensorFlow 2.21 computes (see the Rust kernels
`stateless_extra`, `diag` and `linspace`): `tf.random.stateless_gamma` is
`Maximum(tiny, StatelessRandomGammaV3(shape, seed, broadcast alpha) / beta)`,
`tf.random.stateless_poisson` is `StatelessRandomPoisson(shape, seed, lam)`,
`tf.image.stateless_random_crop` is a stateless int32 uniform modulo
`shape - size + 1` then a `Slice`, `identity_initializer` is `gain * eye`
(`MatrixDiagV3` / `MatrixSetDiagV3` of ones), and `linspace_nd` is TF 2.21's
`linspace` for start/stop of any broadcastable shapes and an `axis`.
"""

from __future__ import annotations

import numpy as np

import philoxflow as tf
from philoxflow.ops.stateless_random_ops import _seed_tensor

__all__ = ["stateless_random_gamma", "stateless_random_poisson", "stateless_random_crop",
           "identity_initializer", "linspace_nd"]


def _create(op_type, inputs, name, **kw):
    return tf.get_default_graph()._create_op(op_type, tuple(inputs), name, **kw).outputs[0]


def _static_shape(t, what):
    if not t.shape.is_fully_defined():
        raise ValueError(f"philoxflow's {what} needs a statically known shape")
    return tuple(t.shape.as_list())


def stateless_random_gamma(shape, seed, alpha, beta=None, dtype="float32", name=None):
    """`tf.random.stateless_gamma`: `shape` must end with `broadcast(alpha, beta)`'s shape."""
    dtype = tf.as_dtype(dtype)
    with tf.name_scope(name, "stateless_random_gamma", [shape, seed, alpha, beta]):
        shape = tf.convert_to_tensor(shape, name="shape",
                                     dtype=None if not isinstance(shape, (list, tuple)) or shape
                                     else tf.int32)
        alpha = tf.convert_to_tensor(alpha, dtype=dtype, name="alpha")
        beta = tf.convert_to_tensor(beta if beta is not None else 1, name="beta", dtype=dtype)
        bshape = list(np.broadcast_shapes(_static_shape(alpha, "stateless_gamma"),
                                          _static_shape(beta, "stateless_gamma")))
        alpha_b = alpha if bshape == alpha.shape.as_list() else tf.broadcast_to(alpha, bshape)
        seed = _seed_tensor(seed)
        rnd = _create("StatelessRandomGammaV3", (shape, seed, alpha_b), "StatelessRandomGammaV3")
        tiny = np.finfo(dtype.as_numpy_dtype).tiny  # a NumPy scalar of the dtype, as TF passes
        return tf.maximum(tiny, rnd / beta)


def stateless_random_poisson(shape, seed, lam, dtype="int32", name=None):
    """`tf.random.stateless_poisson`: `shape` must end with `lam`'s shape."""
    with tf.name_scope(name, "stateless_random_poisson", [shape, seed, lam]):
        shape = tf.convert_to_tensor(shape, name="shape",
                                     dtype=None if not isinstance(shape, (list, tuple)) or shape
                                     else tf.int32)
        seed = _seed_tensor(seed)
        lam = tf.convert_to_tensor(lam, name="lam")
        return _create("StatelessRandomPoisson", (shape, seed, lam), "StatelessRandomPoisson",
                       dtype=tf.as_dtype(dtype))


def stateless_random_crop(value, size, seed, name=None):
    """`tf.image.stateless_random_crop`: offsets `stateless_uniform(int32) % (shape - size + 1)`."""
    with tf.name_scope(name, "random_crop", [value, size]) as scope:
        value = tf.convert_to_tensor(value, name="value")
        size = tf.convert_to_tensor(size, dtype=tf.int32, name="size")
        shape = tf.shape(value)
        limit = shape - size + 1
        offset = tf.random.stateless_uniform(tf.shape(shape), dtype=size.dtype,
                                             maxval=size.dtype.max, seed=seed) % limit
        return tf.slice(value, offset, size, name=scope)


class identity_initializer:  # noqa: N801 - TF's name
    """TF's v1 `Identity` initializer: `gain * eye(rows, cols)` for 2-D shapes."""

    def __init__(self, gain=1.0, dtype="float32"):
        self.gain = gain
        self.dtype = tf.as_dtype(dtype)
        if not self.dtype.is_floating:
            raise ValueError(f"Expected floating point type, got {self.dtype}.")

    def __call__(self, shape, dtype=None, partition_info=None):
        shape = list(shape.as_list() if isinstance(shape, tf.TensorShape) else shape)
        if len(shape) != 2:
            raise ValueError("Identity matrix initializer can only be used for 2D matrices.")
        dtype = tf.as_dtype(dtype or self.dtype)
        rows, cols = (int(d) for d in shape)
        with tf.name_scope(None, "eye", []):
            diag = tf.ones([min(rows, cols)], dtype=dtype)
            if rows == cols:
                with tf.name_scope(None, "diag", []):
                    k = tf.constant(0, tf.int32, name="k")
                    nr = tf.constant(-1, tf.int32, name="num_rows")
                    nc = tf.constant(-1, tf.int32, name="num_cols")
                    pad = tf.constant(0, dtype, name="padding_value")
                eye = _create("MatrixDiagV3", (diag, k, nr, nc, pad), "diag")
            else:
                zeros = tf.zeros([rows, cols], dtype=dtype)
                with tf.name_scope(None, "set_diag", []):
                    k = tf.constant(0, tf.int32, name="k")
                eye = _create("MatrixSetDiagV3", (zeros, diag, k), "set_diag")
        return tf.multiply(tf.constant(self.gain, dtype), eye)

    def get_config(self):
        return {"gain": self.gain, "dtype": self.dtype.name}


def linspace_nd(start, stop, num, name=None, axis=0):
    """`tf.linspace` of TF 2.21 for start/stop of any broadcastable shapes (integers give
    float64); `num` is cast to int32 as TF does."""
    with tf.name_scope(name, "linspace", [start, stop]) as scope:
        start = tf.convert_to_tensor(start, name="start")
        stop = tf.convert_to_tensor(stop, name="stop", dtype=start.dtype)
        num = tf.convert_to_tensor(num, name="num")
        if not num.dtype.is_integer:
            raise TypeError(f"num must be an integer, got {num.dtype.name}")
        return _create("LinSpace", (start, stop, num), scope, ints=[int(axis)])
