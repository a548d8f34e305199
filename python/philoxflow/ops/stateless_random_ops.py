"""TF's stateless random ops (`stateless_random_ops.py`): the same values for the same
`seed` tensor in every session; seeds are inputs, never resolved from the graph."""

from __future__ import annotations

from ..framework import dtypes as _dtypes
from ..framework.constant_op import convert_to_tensor
from ..framework.ops import get_default_graph, name_scope
from .array_ops import shape_tensor as _shape_tensor
from .math_ops import _add_scoped
from .random_ops import _categorical, _check_dtype, seed_input_dtype


def _seed_tensor(seed):
    """The seed input. Unsigned NumPy seeds become int64 with the value TF's kernels
    read: uint64 bits as they are, uint32 zero-extended."""
    import numpy as np

    if isinstance(seed, (np.ndarray, np.generic)) and np.asarray(seed).dtype.kind == "u":
        a = np.asarray(seed)
        seed = a.view(np.int64) if a.dtype.itemsize == 8 else a.astype(np.int64)
    return convert_to_tensor(seed, name="seed")


def _stateless(op_type, shape, seed, dtype, extra=()):
    g = get_default_graph()
    shape = _shape_tensor(shape)
    return g._create_op(op_type, (shape, _seed_tensor(seed)) + tuple(extra), op_type,
                        dtype=dtype).outputs[0]


def _tf1(g=None):
    return not (g or get_default_graph())._target.uniform_skips_unit_scaling


def _stateless_v1(op_type, shape, seed, dtype, extra=(), name=None):
    """TF 1.15's generated stateless wrapper: the op's own scope, its seed Const inside."""
    from .gen import apply_op

    seed = _unsigned_to_int64(seed)
    inputs = [(shape, "shape", None), (seed, "seed", seed_input_dtype(seed))]
    inputs += [(t, n, None) for t, n in extra]
    return apply_op(op_type, name, inputs, dtype=dtype)


def _unsigned_to_int64(seed):
    import numpy as np

    if isinstance(seed, (np.ndarray, np.generic)) and np.asarray(seed).dtype.kind == "u":
        a = np.asarray(seed)
        return a.view(np.int64) if a.dtype.itemsize == 8 else a.astype(np.int64)
    return seed


_STATELESS_UNIFORM_DTYPES = (_dtypes.float16, _dtypes.bfloat16, _dtypes.float32,
                             _dtypes.float64, _dtypes.int32, _dtypes.int64, _dtypes.uint32,
                             _dtypes.uint64)


def stateless_random_uniform(shape, seed, minval=0, maxval=None, dtype=_dtypes.float32,
                             name=None, alg="auto_select"):
    """`tf.random.stateless_uniform`: the same values for the same `seed`, in every session."""
    if _tf1():  # TF 1.15's checks: its dtypes, then maxval for integers
        dtype = _check_dtype(dtype, _STATELESS_UNIFORM_DTYPES[:6])
        if maxval is None and dtype.is_integer:
            raise ValueError("Must specify maxval for integer dtype %r" % dtype)
    dtype = _check_dtype(dtype, _STATELESS_UNIFORM_DTYPES)
    unsigned = dtype in (_dtypes.uint32, _dtypes.uint64)
    if dtype.is_integer:
        if (minval is None) != (maxval is None):
            raise ValueError(f"For integer `dtype` argument {dtype}, argument `minval` and "
                             "`maxval` must be both None or not None. Got `minval`="
                             f"{minval} and `maxval`={maxval}.")
        if minval is not None and unsigned:
            raise ValueError(f"Argument `dtype` got invalid value {dtype} when argument "
                             "`minval` is not None. Please don't use unsigned integers in "
                             "this case.")
    if unsigned:
        raise TypeError(f"philoxflow does not support tensors of dtype {dtype.name}")
    if not dtype.is_integer and maxval is None:
        maxval = 1
    _check_alg(alg)
    with name_scope(name, "stateless_random_uniform", [shape, seed, minval, maxval]) as scope:
        if _tf1():
            # TF 1.15: shape, min, max, then the V1 op (ints: named by the scope).
            shape = _shape_tensor(shape)
            if dtype.is_integer and minval is None:
                raise ValueError("Must specify maxval for integer dtype %r" % dtype)
            minval = convert_to_tensor(minval, dtype=dtype, name="min")
            maxval = convert_to_tensor(maxval, dtype=dtype, name="max")
            if dtype.is_integer:
                return _stateless_v1("StatelessRandomUniformInt", shape, seed, None,
                                     ((minval, "minval"), (maxval, "maxval")), name=scope)
            rnd = _stateless_v1("StatelessRandomUniform", shape, seed, dtype)
            return _add_scoped(rnd * (maxval - minval), minval, scope)
        if dtype.is_integer and minval is None:
            return _stateless("StatelessRandomUniformFullIntV2", shape, seed, dtype)
        minval = convert_to_tensor(minval, dtype=dtype, name="min")
        maxval = convert_to_tensor(maxval, dtype=dtype, name="max")
        if dtype.is_integer:
            return _stateless("StatelessRandomUniformIntV2", shape, seed, None, (minval, maxval))
        rnd = _stateless("StatelessRandomUniformV2", shape, seed, dtype)
        return _add_scoped(rnd * (maxval - minval), minval, scope)


def _check_alg(alg):
    if isinstance(alg, str):  # TF's convert_alg_to_int canonicalises names
        canon = alg.strip().lower().replace("-", "").replace("_", "")
        alg = {"philox": 1, "threefry": 2, "autoselect": 3}.get(canon, alg)
    if alg == 2 and not isinstance(alg, bool):
        # TF derives a one-word counter for ThreeFry, which its CPU kernels reject
        from .. import errors

        raise errors.InvalidArgumentError(
            None, None, "counter must be a vector with length at least 2; got shape: [1]. "
            "(Note that batched counters are not supported yet.)")
    if alg not in (1, 3, None):
        raise ValueError(f"Argument `alg` got unsupported value {alg}. philoxflow supports "
                         "'auto_select' and 'philox' (the CPU algorithm).")


def _stateless_normal_like(op_type, default, shape, seed, mean, stddev, dtype, name, alg):
    dtype = _dtypes.as_dtype(dtype)
    _check_alg(alg)
    with name_scope(name, default, [shape, seed, mean, stddev]) as scope:
        if _tf1():
            shape = _shape_tensor(shape)
        mean = convert_to_tensor(mean, dtype=dtype, name="mean")
        stddev = convert_to_tensor(stddev, dtype=dtype, name="stddev")
        if _tf1():
            rnd = _stateless_v1(op_type[:-2], shape, seed, dtype)
        else:
            rnd = _stateless(op_type, shape, seed, dtype)
        return _add_scoped(rnd * stddev, mean, scope)


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


def stateless_multinomial(logits, num_samples, seed, output_dtype=_dtypes.int64, name=None):
    """`tf.random.stateless_multinomial` (TF 1.x's name): stateless_categorical's op in
    its own scope."""
    with name_scope(name, "stateless_multinomial", [logits, seed]):
        return _categorical("StatelessMultinomial", logits, num_samples, output_dtype,
                            seed=seed)
