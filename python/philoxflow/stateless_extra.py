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

from .framework import dtypes as _dtypes
from .framework.constant_op import constant, convert_to_tensor
from .framework.ops import get_default_graph, name_scope
from .framework.tensor_shape import TensorShape
from .ops import array_ops
from .ops.array_ops import broadcast_to, ones, slice
from .ops.math_ops import maximum, multiply
from .ops.stateless_random_ops import _seed_tensor, stateless_random_uniform

__all__ = ["stateless_random_gamma", "stateless_random_poisson", "stateless_random_crop",
           "identity_initializer", "linspace_nd"]


def _create(op_type, inputs, name, **kw):
    return get_default_graph()._create_op(op_type, tuple(inputs), name, **kw).outputs[0]


def _static_shape(t, what):
    if not t.shape.is_fully_defined():
        raise ValueError(f"philoxflow's {what} needs a statically known shape")
    return tuple(t.shape.as_list())


def stateless_random_gamma(shape, seed, alpha, beta=None, dtype="float32", name=None):
    """`tf.random.stateless_gamma`: `shape` must end with `broadcast(alpha, beta)`'s shape."""
    dtype = _dtypes.as_dtype(dtype)
    with name_scope(name, "stateless_random_gamma", [shape, seed, alpha, beta]):
        shape = convert_to_tensor(shape, name="shape",
                                     dtype=None if not isinstance(shape, (list, tuple)) or shape
                                     else _dtypes.int32)
        alpha = convert_to_tensor(alpha, dtype=dtype, name="alpha")
        beta = convert_to_tensor(beta if beta is not None else 1, name="beta", dtype=dtype)
        bshape = list(np.broadcast_shapes(_static_shape(alpha, "stateless_gamma"),
                                          _static_shape(beta, "stateless_gamma")))
        alpha_b = alpha if bshape == alpha.shape.as_list() else broadcast_to(alpha, bshape)
        seed = _seed_tensor(seed)
        rnd = _create("StatelessRandomGammaV3", (shape, seed, alpha_b), "StatelessRandomGammaV3")
        tiny = np.finfo(dtype.as_numpy_dtype).tiny  # a NumPy scalar of the dtype, as TF passes
        return maximum(tiny, rnd / beta)


def stateless_random_poisson(shape, seed, lam, dtype="int32", name=None):
    """`tf.random.stateless_poisson`: `shape` must end with `lam`'s shape."""
    with name_scope(name, "stateless_random_poisson", [shape, seed, lam]):
        shape = convert_to_tensor(shape, name="shape",
                                     dtype=None if not isinstance(shape, (list, tuple)) or shape
                                     else _dtypes.int32)
        seed = _seed_tensor(seed)
        lam = convert_to_tensor(lam, name="lam")
        return _create("StatelessRandomPoisson", (shape, seed, lam), "StatelessRandomPoisson",
                       dtype=_dtypes.as_dtype(dtype))


def stateless_random_crop(value, size, seed, name=None):
    """`tf.image.stateless_random_crop`: offsets `stateless_uniform(int32) % (shape - size + 1)`."""
    with name_scope(name, "random_crop", [value, size]) as scope:
        value = convert_to_tensor(value, name="value")
        size = convert_to_tensor(size, dtype=_dtypes.int32, name="size")
        shape = array_ops.shape(value)
        limit = shape - size + 1
        offset = stateless_random_uniform(array_ops.shape(shape), dtype=size.dtype,
                                             maxval=size.dtype.max, seed=seed) % limit
        return slice(value, offset, size, name=scope)


class identity_initializer:  # noqa: N801 - TF's name
    """TF's v1 `Identity` initializer: `gain * eye(rows, cols)` for 2-D shapes."""

    def __init__(self, gain=1.0, dtype="float32"):
        self.gain = gain
        self.dtype = _dtypes.as_dtype(dtype)
        if not self.dtype.is_floating:
            raise ValueError(f"Expected floating point type, got {self.dtype}.")

    def __call__(self, shape, dtype=None, partition_info=None):
        shape = list(shape.as_list() if isinstance(shape, TensorShape) else shape)
        if len(shape) != 2:
            raise ValueError("Identity matrix initializer can only be used for 2D matrices.")
        dtype = _dtypes.as_dtype(dtype or self.dtype)
        rows, cols = (int(d) for d in shape)
        with name_scope(None, "eye", []):
            diag = ones([min(rows, cols)], dtype=dtype)
            if rows == cols:
                with name_scope(None, "diag", []):
                    k = constant(0, _dtypes.int32, name="k")
                    nr = constant(-1, _dtypes.int32, name="num_rows")
                    nc = constant(-1, _dtypes.int32, name="num_cols")
                    pad = constant(0, dtype, name="padding_value")
                eye = _create("MatrixDiagV3", (diag, k, nr, nc, pad), "diag")
            else:
                zeros = array_ops.zeros([rows, cols], dtype=dtype)
                with name_scope(None, "set_diag", []):
                    k = constant(0, _dtypes.int32, name="k")
                eye = _create("MatrixSetDiagV3", (zeros, diag, k), "set_diag")
        return multiply(constant(self.gain, dtype), eye)

    def get_config(self):
        return {"gain": self.gain, "dtype": self.dtype.name}


def linspace_nd(start, stop, num, name=None, axis=0):
    """`tf.linspace` of TF 2.21 for start/stop of any broadcastable shapes (integers give
    float64); `num` is cast to int32 as TF does."""
    with name_scope(name, "linspace", [start, stop]) as scope:
        start = convert_to_tensor(start, name="start")
        stop = convert_to_tensor(stop, name="stop", dtype=start.dtype)
        num = convert_to_tensor(num, name="num")
        if not num.dtype.is_integer:
            raise TypeError(f"num must be an integer, got {num.dtype.name}")
        return _create("LinSpace", (start, stop, num), scope, ints=[int(axis)])
