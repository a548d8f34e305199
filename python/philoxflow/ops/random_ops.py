"""TF's random ops and seed functions (`random_ops.py`, `random_seed.py`).

Each wrapper builds the same ops TensorFlow builds (including the arithmetic
that scales and shifts raw samples, rounded in the output dtype), with seeds
resolved by the Rust graph's `get_seed`.
"""

from __future__ import annotations

import numpy as np

from .. import _target
from ..framework import dtypes as _dtypes
from ..framework.constant_op import convert_to_tensor
from ..framework.op_def_library import apply_op_helper
from ..framework.ops import Tensor, control_dependencies, get_default_graph, name_scope
from ..framework.random_seed import seed_attrs
from .array_ops import broadcast_to, identity, shape_tensor, static_shape_of, zeros_like
from .array_ops import shape as _shape
from .array_ops import slice as _slice
from .math_ops import _add_scoped, maximum, multiply

_seed_attrs = seed_attrs
_shape_tensor = shape_tensor


def _check_dtype(dtype, accepted):
    dtype = _dtypes.as_dtype(dtype)
    if dtype not in accepted and _target.current().seed_rule == "last_id":
        raise ValueError(f"Invalid dtype {dtype!r}")  # TF 1.15's wording
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
        # TF 2.x: exact Python ints 0 and 1 skip the scaling ops entirely;
        # TF 1.15 always builds min, max and the scaling.
        shortcut = g._target.uniform_skips_unit_scaling
        minval_is_zero = shortcut and isinstance(minval, int) and minval == 0
        maxval_is_one = shortcut and isinstance(maxval, int) and maxval == 1
        if not minval_is_zero or not maxval_is_one or dtype.is_integer:
            minval = convert_to_tensor(minval, dtype=dtype, name="min")
            maxval = convert_to_tensor(maxval, dtype=dtype, name="max")
        seeds = _seed_attrs(seed)
        if dtype.is_integer:
            return g._create_op("RandomUniformInt", (shape, minval, maxval), scope,
                                seeds=seeds, shape=static_shape_of(shape)).outputs[0]
        result = g._create_op("RandomUniform", (shape,), "RandomUniform", dtype=dtype,
                              seeds=seeds, shape=static_shape_of(shape)).outputs[0]
        if minval_is_zero:
            if not maxval_is_one:
                result = multiply(result, maxval)
        else:
            result = _add_scoped(result * (maxval - minval), minval, scope)
        return result


def _normal_like(op_type, default_name, shape, mean, stddev, dtype, seed, name):
    if dtype is None:
        raise TypeError("Expected DataType for argument 'dtype' not None.")
    with name_scope(name, default_name, [shape, mean, stddev]) as scope:
        g = get_default_graph()
        shape_t = _shape_tensor(shape)
        mean_t = convert_to_tensor(mean, dtype=dtype, name="mean")
        stddev_t = convert_to_tensor(stddev, dtype=dtype, name="stddev")
        seeds = _seed_attrs(seed)
        rnd = g._create_op(op_type, (shape_t,), op_type, dtype=dtype, seeds=seeds,
                           shape=static_shape_of(shape_t)).outputs[0]
        mul = rnd * stddev_t
        return _add_scoped(mul, mean_t, scope)


def random_normal(shape, mean=0.0, stddev=1.0, dtype=_dtypes.float32, seed=None, name=None):
    """Normal values: TF's Box-Muller samples times `stddev` plus `mean`."""
    return _normal_like("RandomStandardNormal", "random_normal", shape, mean, stddev,
                        dtype and _dtypes.as_dtype(dtype), seed, name)


def truncated_normal(shape, mean=0.0, stddev=1.0, dtype=_dtypes.float32, seed=None,
                     name=None):
    """Normal values redrawn outside two standard deviations, times `stddev` plus `mean`."""
    return _normal_like("TruncatedNormal", "truncated_normal", shape, mean, stddev,
                        dtype and _dtypes.as_dtype(dtype), seed, name)


# ----------------------------------------------------------------- tier 2: stateful ops

def random_shuffle(value, seed=None, name=None):
    """Shuffle along the first dimension (TF's Fisher-Yates over Philox words)."""
    s1, s2 = _seed_attrs(seed)
    return apply_op_helper("RandomShuffle", name=name, value=value, seed=s1,
                           seed2=s2).outputs[0]


def random_crop(value, size, seed=None, name=None):
    """A random `size` window of `value`: offsets from an int32 uniform op modulo
    `shape - size + 1`, then a slice, exactly TF's composition."""
    from .control_flow_ops import Assert
    from .math_ops import reduce_all

    with name_scope(name, "random_crop", [value, size]) as scope:
        value = convert_to_tensor(value, name="value")
        size = convert_to_tensor(size, dtype=_dtypes.int32, name="size")
        shape = _shape(value)
        check = Assert(reduce_all(shape >= size), ["Need value.shape >= size, got ", shape, size],
                       summarize=1000)
        with control_dependencies([check]):
            shape = identity(shape, name="control_dependency")
        limit = shape - size + 1
        offset = random_uniform(_shape(shape), dtype=size.dtype, maxval=size.dtype.max,
                                seed=seed) % limit
        return _slice(value, offset, size, name=scope)


def seed_input_dtype(seed):
    """The dtype a stateless op's `seed` input converts to: Tseed's default int64 is the
    generated wrapper's preferred dtype for Python and NumPy integers (TF 1.15)."""
    if isinstance(seed, Tensor) or np.asarray(seed).dtype.kind not in "iu":
        return None
    return _dtypes.int64


def _categorical(op_type, logits, num_samples, dtype, seed_op=None, seed=None):
    """The Multinomial (seed attrs, resolved after `logits` as TF does) or
    StatelessMultinomial (seed tensor) op, by the generic op builder."""
    logits = convert_to_tensor(logits, name="logits")
    if _target.current().seed_rule != "last_id":  # TF 2.x checks the dtype first
        dtype = _check_dtype(dtype or _dtypes.int64, (_dtypes.int32, _dtypes.int64))
    kw = {}
    if seed_op is not None:
        kw["seed"], kw["seed2"] = _seed_attrs(seed_op[0])
    if seed is not None:
        kw["seed"] = seed
    return apply_op_helper(op_type, logits=logits, num_samples=num_samples,
                           output_dtype=dtype, **kw).outputs[0]


def _multinomial(logits, num_samples, seed, output_dtype):
    return _categorical("Multinomial", logits, num_samples, output_dtype, seed_op=(seed,))


def multinomial(logits, num_samples, seed=None, name=None, output_dtype=None):
    """`tf.multinomial`: class indices drawn from each row of unnormalised log-probabilities."""
    with name_scope(name, "multinomial", [logits]):
        return _multinomial(logits, num_samples, seed, output_dtype)


def categorical(logits, num_samples, dtype=None, seed=None, name=None):
    """`tf.random.categorical`: the same kernel as `multinomial`."""
    with name_scope(name, "categorical", [logits]):
        return _multinomial(logits, num_samples, seed, dtype)


def _tiny(dtype):
    """`np.finfo(dtype).tiny`, a NumPy scalar of the dtype (NumPy's ValueError for a dtype
    that is not inexact)."""
    if dtype == _dtypes.bfloat16 and _target.current().seed_rule == "last_id":
        # TF 1.15's own bfloat16 NumPy type is not inexact
        raise ValueError("data type <class 'bfloat16'> not inexact")
    if dtype == _dtypes.bfloat16 and _dtypes._BFLOAT16_NP is None:
        return np.float32(1.1754943508222875e-38)  # (RandomGamma refuses bfloat16 anyway)
    return np.finfo(dtype.as_numpy_dtype).tiny


def random_gamma(shape, alpha, beta=None, dtype=_dtypes.float32, seed=None, name=None):
    """Gamma samples of shape `shape + broadcast(alpha, beta).shape`, divided by `beta`
    and clamped below at the dtype's smallest normal, as TF does."""
    with name_scope(name, "random_gamma", [shape, alpha, beta]):
        g = get_default_graph()
        shape = convert_to_tensor(shape, name="shape", dtype=_dtypes.int32)
        alpha = convert_to_tensor(alpha, name="alpha", dtype=dtype)
        beta = convert_to_tensor(beta if beta is not None else 1, name="beta", dtype=dtype)
        known = alpha.shape.is_fully_defined() and beta.shape.is_fully_defined()
        if not g._target.uniform_skips_unit_scaling or not known:
            # TF 1.15 broadcasts by adding zeros of beta's shape (TF 2.x's BroadcastTo of
            # BroadcastArgs gives the same values when the shapes are known only at run time).
            alpha_b = alpha + zeros_like(beta)
            seeds = _seed_attrs(seed)
            tiny = _tiny(alpha.dtype)  # before the op, as TF evaluates maximum's arguments
            # ints [1]: TF 1.15's kernel (its alpha == 1 branch is -log(1 - u))
            tf1 = [1] if g._target.seed_rule == "last_id" else []
            sample = g._create_op("RandomGamma", (shape, alpha_b), "RandomGamma",
                                  seeds=seeds, ints=tf1).outputs[0]
            return maximum(tiny, sample / beta)
        a_shape, b_shape = alpha.shape, beta.shape
        bshape = list(np.broadcast_shapes(tuple(a_shape.as_list()), tuple(b_shape.as_list())))
        alpha_b = alpha if bshape == a_shape.as_list() else broadcast_to(alpha, bshape)
        seeds = _seed_attrs(seed)
        tiny = _tiny(alpha.dtype)  # before the op, as TF evaluates maximum's arguments
        sample = get_default_graph()._create_op("RandomGamma", (shape, alpha_b), "RandomGamma",
                                                seeds=seeds).outputs[0]
        return maximum(tiny, sample / beta)


def random_poisson(lam, shape, dtype=_dtypes.float32, seed=None, name=None):
    """`tf.random.poisson` (v1 argument order): samples of shape `shape + lam.shape`."""
    with name_scope(name, "random_poisson", [lam, shape]):
        shape = convert_to_tensor(shape, name="shape", dtype=_dtypes.int32)
        s1, s2 = _seed_attrs(seed)
        return apply_op_helper("RandomPoissonV2", shape=shape, rate=lam, dtype=dtype, seed=s1,
                               seed2=s2).outputs[0]


