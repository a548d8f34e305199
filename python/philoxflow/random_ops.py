"""TF's random ops and seed functions (`random_ops.py`, `random_seed.py`).

Each wrapper builds the same ops TensorFlow builds (including the arithmetic
that scales and shifts raw samples, rounded in the output dtype), with seeds
resolved by the Rust graph's `get_seed`.
"""

from __future__ import annotations

from . import dtypes as _dtypes
from .framework import (
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


def _check_dtype(dtype, accepted):
    dtype = _dtypes.as_dtype(dtype)
    if dtype not in accepted:
        raise ValueError(f"Argument `dtype` got invalid value {dtype}. Accepted dtypes are "
                         f"{accepted}.")
    return dtype


_UNIFORM_DTYPES = (_dtypes.float16, _dtypes.bfloat16, _dtypes.float32, _dtypes.float64,
                   _dtypes.int32, _dtypes.int64)


def random_uniform(shape, minval=0, maxval=None, dtype=_dtypes.float32, seed=None, name=None):
    """Uniform values in `[minval, maxval)` (TF's `random_uniform`)."""
    dtype = _check_dtype(dtype, _UNIFORM_DTYPES)
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


# ----------------------------------------------------------------- tier 2: stateful ops

def random_shuffle(value, seed=None, name=None):
    """Shuffle along the first dimension (TF's Fisher-Yates over Philox words)."""
    g = get_default_graph()
    value = convert_to_tensor(value, name="value")
    seeds = _seed_attrs(seed)
    return g._create_op("RandomShuffle", (value,), name or "RandomShuffle",
                        seeds=seeds).outputs[0]


def random_crop(value, size, seed=None, name=None):
    """A random `size` window of `value`: offsets from an int32 uniform op modulo
    `shape - size + 1`, then a slice, exactly TF's composition."""
    from .array_ops import slice as _slice
    from .framework import shape as _shape

    with name_scope(name, "random_crop", [value, size]) as scope:
        value = convert_to_tensor(value, name="value")
        size = convert_to_tensor(size, dtype=_dtypes.int32, name="size")
        shape = _shape(value)
        limit = shape - size + 1
        offset = random_uniform(_shape(shape), dtype=size.dtype, maxval=size.dtype.max,
                                seed=seed) % limit
        return _slice(value, offset, size, name=scope)


def _categorical(op_type, logits, num_samples, dtype, seeds=None, seed=None):
    """The Multinomial (seeds attrs) or StatelessMultinomial (seed tensor) op."""
    logits = convert_to_tensor(logits, name="logits")
    dtype = _check_dtype(dtype or _dtypes.int64, (_dtypes.int32, _dtypes.int64))
    num_samples = convert_to_tensor(num_samples, dtype=_dtypes.int32, name="num_samples")
    inputs = (logits, num_samples) if seed is None else (logits, num_samples, _seed_tensor(seed))
    return get_default_graph()._create_op(op_type, inputs, op_type, dtype=dtype,
                                          seeds=seeds).outputs[0]


def _multinomial(logits, num_samples, seed, output_dtype):
    return _categorical("Multinomial", logits, num_samples, output_dtype,
                        seeds=_seed_attrs(seed))


def multinomial(logits, num_samples, seed=None, name=None, output_dtype=None):
    """`tf.multinomial`: class indices drawn from each row of unnormalised log-probabilities."""
    with name_scope(name, "multinomial", [logits]):
        return _multinomial(logits, num_samples, seed, output_dtype)


def categorical(logits, num_samples, dtype=None, seed=None, name=None):
    """`tf.random.categorical`: the same kernel as `multinomial`."""
    with name_scope(name, "categorical", [logits]):
        return _multinomial(logits, num_samples, seed, dtype)


def random_gamma(shape, alpha, beta=None, dtype=_dtypes.float32, seed=None, name=None):
    """Gamma samples of shape `shape + broadcast(alpha, beta).shape`, divided by `beta`
    and clamped below at the dtype's smallest normal, as TF does."""
    import numpy as np

    from .array_ops import broadcast_to
    from .framework import maximum

    dtype = _dtypes.as_dtype(dtype)
    with name_scope(name, "random_gamma", [shape, alpha, beta]):
        shape = convert_to_tensor(shape, name="shape", dtype=_dtypes.int32)
        alpha = convert_to_tensor(alpha, name="alpha", dtype=dtype)
        beta = convert_to_tensor(beta if beta is not None else 1, name="beta", dtype=dtype)
        a_shape, b_shape = alpha.shape, beta.shape
        if not (a_shape.is_fully_defined() and b_shape.is_fully_defined()):
            raise ValueError("philoxflow's random_gamma needs statically known alpha and "
                             "beta shapes")
        bshape = list(np.broadcast_shapes(tuple(a_shape.as_list()), tuple(b_shape.as_list())))
        alpha_b = alpha if bshape == a_shape.as_list() else broadcast_to(alpha, bshape)
        seeds = _seed_attrs(seed)
        sample = get_default_graph()._create_op("RandomGamma", (shape, alpha_b), "RandomGamma",
                                                seeds=seeds).outputs[0]
        tiny = float(np.finfo(dtype.as_numpy_dtype).tiny)
        return maximum(tiny, sample / beta)


def random_poisson(lam, shape, dtype=_dtypes.float32, seed=None, name=None):
    """`tf.random.poisson` (v1 argument order): samples of shape `shape + lam.shape`."""
    with name_scope(name, "random_poisson", [lam, shape]):
        shape = convert_to_tensor(shape, name="shape", dtype=_dtypes.int32)
        lam = convert_to_tensor(lam, name="rate")
        seeds = _seed_attrs(seed)
        return get_default_graph()._create_op("RandomPoissonV2", (shape, lam),
                                              "RandomPoissonV2", dtype=dtype,
                                              seeds=seeds).outputs[0]


# ----------------------------------------------------------------- tier 2: stateless ops

def _seed_tensor(seed):
    return convert_to_tensor(seed, name="seed")


def _stateless(op_type, shape, seed, dtype, extra=()):
    g = get_default_graph()
    shape = _shape_tensor(shape)
    return g._create_op(op_type, (shape, _seed_tensor(seed)) + tuple(extra), op_type,
                        dtype=dtype).outputs[0]


_STATELESS_UNIFORM_DTYPES = (_dtypes.float16, _dtypes.bfloat16, _dtypes.float32,
                             _dtypes.float64, _dtypes.int32, _dtypes.int64, _dtypes.uint32,
                             _dtypes.uint64)


def stateless_random_uniform(shape, seed, minval=0, maxval=None, dtype=_dtypes.float32,
                             name=None, alg="auto_select"):
    """`tf.random.stateless_uniform`: the same values for the same `seed`, in every session."""
    dtype = _check_dtype(dtype, _STATELESS_UNIFORM_DTYPES)
    if dtype in (_dtypes.uint32, _dtypes.uint64):
        raise TypeError(f"philoxflow does not support tensors of dtype {dtype.name}")
    if dtype.is_integer:
        if (minval is None) != (maxval is None):
            raise ValueError(f"For integer `dtype` argument {dtype}, argument `minval` and "
                             "`maxval` must be both None or not None. Got `minval`="
                             f"{minval} and `maxval`={maxval}.")
    elif maxval is None:
        maxval = 1
    _check_alg(alg)
    with name_scope(name, "stateless_random_uniform", [shape, seed, minval, maxval]) as scope:
        if dtype.is_integer and minval is None:
            return _stateless("StatelessRandomUniformFullIntV2", shape, seed, dtype)
        minval = convert_to_tensor(minval, dtype=dtype, name="min")
        maxval = convert_to_tensor(maxval, dtype=dtype, name="max")
        if dtype.is_integer:
            return _stateless("StatelessRandomUniformIntV2", shape, seed, None, (minval, maxval))
        rnd = _stateless("StatelessRandomUniformV2", shape, seed, dtype)
        return add(rnd * (maxval - minval), minval, name=scope)


def _check_alg(alg):
    if alg not in ("auto_select", "philox", 1, 3, None):
        raise ValueError(f"Argument `alg` got unsupported value {alg}. philoxflow supports "
                         "'auto_select' and 'philox' (the CPU algorithm).")


def _stateless_normal_like(op_type, default, shape, seed, mean, stddev, dtype, name, alg):
    dtype = _dtypes.as_dtype(dtype)
    _check_alg(alg)
    with name_scope(name, default, [shape, seed, mean, stddev]) as scope:
        mean = convert_to_tensor(mean, dtype=dtype, name="mean")
        stddev = convert_to_tensor(stddev, dtype=dtype, name="stddev")
        rnd = _stateless(op_type, shape, seed, dtype)
        return add(rnd * stddev, mean, name=scope)


def stateless_random_normal(shape, seed, mean=0.0, stddev=1.0, dtype=_dtypes.float32,
                            name=None, alg="auto_select"):
    """`tf.random.stateless_normal`."""
    return _stateless_normal_like("StatelessRandomNormalV2", "stateless_random_normal", shape,
                                  seed, mean, stddev, dtype, name, alg)


def stateless_truncated_normal(shape, seed, mean=0.0, stddev=1.0, dtype=_dtypes.float32,
                               name=None, alg="auto_select"):
    """`tf.random.stateless_truncated_normal`."""
    return _stateless_normal_like("StatelessTruncatedNormalV2", "stateless_truncated_normal",
                                  shape, seed, mean, stddev, dtype, name, alg)


def stateless_categorical(logits, num_samples, seed, dtype=_dtypes.int64, name=None):
    """`tf.random.stateless_categorical`: `multinomial`'s kernel on the seed's generator."""
    with name_scope(name, "stateless_categorical", [logits]):
        return _categorical("StatelessMultinomial", logits, num_samples, dtype, seed=seed)
