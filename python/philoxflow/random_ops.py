"""TF's random ops and seed functions (`random_ops.py`, `random_seed.py`).

Each wrapper builds the same ops TensorFlow builds (including the arithmetic
that scales and shifts raw samples, rounded in the output dtype), with seeds
resolved by the Rust graph's `get_seed`.
"""

from __future__ import annotations

from . import dtypes as _dtypes
from .framework import (
    Tensor,
    TensorShape,
    add,
    convert_to_tensor,
    get_default_graph,
    multiply,
    name_scope,
)

DEFAULT_GRAPH_SEED = 87654321


def set_random_seed(seed):
    """`tf.compat.v1.set_random_seed`: the default graph's graph-level seed."""
    get_default_graph().seed = seed


def get_seed(op_seed):
    """`random_seed.get_seed`: the `(seed, seed2)` an op gets; `(None, None)` if unseeded.

    Counts ops without an op seed on the default graph, as TensorFlow 2.x does.
    """
    return get_default_graph()._c.resolve_seed(op_seed)


def _seed_attrs(op_seed):
    s1, s2 = get_seed(op_seed)
    return (0, 0) if s1 is None else (s1, s2)


def _shape_tensor(shape):
    """TF's `shape_util.shape_tensor`: lists become int32 (int64 if needed) constants."""
    dtype = None
    if isinstance(shape, TensorShape):
        shape = shape.as_list()
    if isinstance(shape, (tuple, list)):
        if not shape:
            dtype = _dtypes.int32
        else:
            shape = tuple(getattr(d, "value", d) for d in shape)
    return convert_to_tensor(shape, dtype=dtype, name="shape")


def _float_dtype(dtype, accepted):
    dtype = _dtypes.as_dtype(dtype)
    if dtype not in accepted:
        raise ValueError(f"Argument `dtype` got invalid value {dtype}. Accepted dtypes are "
                         f"{accepted}.")
    return dtype


_UNIFORM_DTYPES = (_dtypes.float16, _dtypes.bfloat16, _dtypes.float32, _dtypes.float64,
                   _dtypes.int32, _dtypes.int64)


def random_uniform(shape, minval=0, maxval=None, dtype=_dtypes.float32, seed=None, name=None):
    """Uniform values in `[minval, maxval)` (TF's `random_uniform`)."""
    dtype = _float_dtype(dtype, _UNIFORM_DTYPES)
    if maxval is None:
        if dtype.is_integer:
            raise ValueError("Must specify maxval for integer dtype %r" % dtype)
        maxval = 1
    with name_scope(name, "random_uniform", [shape, minval, maxval]) as scope:
        g = get_default_graph()
        shape = _shape_tensor(shape)
        # As TF: exact Python ints 0 and 1 skip the scaling ops entirely.
        minval_is_zero = isinstance(minval, int) and minval == 0
        maxval_is_one = isinstance(maxval, int) and maxval == 1
        if not minval_is_zero or not maxval_is_one or dtype.is_integer:
            minval = convert_to_tensor(minval, dtype=dtype, name="min")
            maxval = convert_to_tensor(maxval, dtype=dtype, name="max")
        seeds = _seed_attrs(seed)
        if dtype.is_integer:
            return g._create_op("RandomUniformInt", (shape, minval, maxval), scope,
                                seeds=seeds).outputs[0]
        result = g._create_op("RandomUniform", (shape,), "RandomUniform", dtype=dtype,
                              seeds=seeds).outputs[0]
        if minval_is_zero:
            if not maxval_is_one:
                result = multiply(result, maxval)
        else:
            result = add(result * (maxval - minval), minval, name=scope)
        return result


def _normal_like(op_type, default_name, shape, mean, stddev, dtype, seed, name):
    with name_scope(name, default_name, [shape, mean, stddev]) as scope:
        g = get_default_graph()
        shape_t = _shape_tensor(shape)
        mean_t = convert_to_tensor(mean, dtype=dtype, name="mean")
        stddev_t = convert_to_tensor(stddev, dtype=dtype, name="stddev")
        seeds = _seed_attrs(seed)
        rnd = g._create_op(op_type, (shape_t,), op_type, dtype=dtype, seeds=seeds).outputs[0]
        mul = rnd * stddev_t
        return add(mul, mean_t, name=scope)


def random_normal(shape, mean=0.0, stddev=1.0, dtype=_dtypes.float32, seed=None, name=None):
    """Normal values: TF's Box-Muller samples times `stddev` plus `mean`."""
    return _normal_like("RandomStandardNormal", "random_normal", shape, mean, stddev,
                        _dtypes.as_dtype(dtype), seed, name)


def truncated_normal(shape, mean=0.0, stddev=1.0, dtype=_dtypes.float32, seed=None,
                     name=None):
    """Normal values redrawn outside two standard deviations, times `stddev` plus `mean`."""
    return _normal_like("TruncatedNormal", "truncated_normal", shape, mean, stddev,
                        _dtypes.as_dtype(dtype), seed, name)


def _is_tensor(x):
    return isinstance(x, Tensor)
