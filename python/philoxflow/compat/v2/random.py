"""`tf.random` of TF 2.x (`import philoxflow.compat.v2 as tf`): the v2 signatures over
the same builders as the graph targets; in eager mode each op they build runs at once."""

from __future__ import annotations

import types as _types

import numpy as np

from ... import errors as _errors
from ... import random as _v1
from ...eager import binomial as _binomial
from ...eager import context as _context
from ...eager import shuffle as _shuffle
from ...eager import truncated as _truncated
from ...eager.generator import (  # noqa: F401 - tf.random names
    Algorithm,
    Generator,
    _shape_list,
    create_rng_state,
    get_global_generator,
    set_global_generator,
)
from ...eager.tensor import EagerTensor
from ...framework import dtypes as _dtypes
from ...framework.constant_op import convert_to_tensor
from ...framework.ops import get_default_graph
from ...ops import random_ops as _random_ops
from ...ops.array_ops import stack

categorical = _v1.categorical
gamma = _v1.gamma
normal = _v1.normal
shuffle = _v1.shuffle
truncated_normal = _v1.truncated_normal
uniform = _v1.uniform
stateless_categorical = _v1.stateless_categorical
stateless_crop = _v1.stateless_crop
stateless_gamma = _v1.stateless_gamma
stateless_poisson = _v1.stateless_poisson


def _alg(alg):
    """`alg` as the graph builders take it (`tf.random.Algorithm` members as their ids)."""
    return alg.value if isinstance(alg, Algorithm) else alg


def stateless_normal(shape, seed, mean=0.0, stddev=1.0, dtype=_dtypes.float32, name=None,
                     alg="auto_select"):
    """`tf.random.stateless_normal`."""
    return _v1.stateless_normal(shape, seed, mean, stddev, dtype, name, _alg(alg))


def stateless_truncated_normal(shape, seed, mean=0.0, stddev=1.0, dtype=_dtypes.float32,
                               name=None, alg="auto_select"):
    """`tf.random.stateless_truncated_normal`."""
    return _v1.stateless_truncated_normal(shape, seed, mean, stddev, dtype, name, _alg(alg))


def stateless_uniform(shape, seed, minval=0, maxval=None, dtype=_dtypes.float32, name=None,
                      alg="auto_select"):
    """`tf.random.stateless_uniform`; uint32/uint64 full-range draws in eager mode are the
    int32/int64 kernel's bits (TF's kernel draws the same words)."""
    dtype, alg = _dtypes.as_dtype(dtype), _alg(alg)
    signed = {"uint32": _dtypes.int32, "uint64": _dtypes.int64}.get(dtype.name)
    if signed is not None and minval is None and maxval is None:
        out = _v1.stateless_uniform(shape, seed, None, None, dtype=signed, name=name, alg=alg)
        if isinstance(out, EagerTensor):
            return EagerTensor(out._value.view(dtype.as_numpy_dtype), dtype)
    return _v1.stateless_uniform(shape, seed, minval, maxval, dtype=dtype, name=name, alg=alg)


def split(seed, num=2, alg="auto_select"):
    """`tf.random.split` / `experimental.stateless_split`: `num` new seeds, the full-range
    stateless draw of shape `[num, 2]` in the seed's dtype."""
    seed = convert_to_tensor(seed)
    return stateless_uniform([num, 2], seed, None, None, dtype=seed.dtype, alg=alg)


def fold_in(seed, data, alg="auto_select"):
    """`tf.random.fold_in` / `experimental.stateless_fold_in`: `[draw(seed), data]`."""
    data = convert_to_tensor(data)
    seed1 = stateless_uniform([], seed, None, None, dtype=data.dtype, alg=alg)
    return stack([seed1, data])


def stateless_binomial(shape, seed, counts, probs, output_dtype=_dtypes.int32, name=None):
    """`tf.random.stateless_binomial` (eager): TF's BTRS/inversion sampler on the seed's
    generator (`eager/binomial.py`)."""
    if not _context.executing_eagerly():
        raise _errors.UnimplementedError(None, None, "philoxflow runs StatelessRandomBinomial "
                                         "in eager mode only")
    probs = convert_to_tensor(probs, dtype_hint=_dtypes.float32, name="probs")
    counts = convert_to_tensor(counts, dtype_hint=probs.dtype, name="counts")
    if counts.dtype != probs.dtype:
        raise TypeError(f"Input 'probs' of 'StatelessRandomBinomial' Op has type "
                        f"{probs.dtype.name} that does not match type {counts.dtype.name} of "
                        "argument 'counts'.")
    seed = np.asarray(convert_to_tensor(seed)).astype(np.int64).reshape(-1)
    out = _binomial.binomial(_shape_list(shape), np.asarray(counts), np.asarray(probs),
                             _binomial.philox_for_seed(seed), output_dtype.as_numpy_dtype
                             if isinstance(output_dtype, _dtypes.DType)
                             else _dtypes.as_dtype(output_dtype).as_numpy_dtype)
    return EagerTensor(out, _dtypes.as_dtype(output_dtype))


def _eager_only(what):
    if not _context.executing_eagerly():
        raise _errors.UnimplementedError(None, None, f"philoxflow runs {what} in eager mode "
                                                     "only")


def stateless_shuffle(value, seed, alg="auto_select", name=None):
    """`tf.random.experimental.stateless_shuffle` (eager): TF's shuffle of the rows on
    the seed's generator (`eager/shuffle.py`)."""
    _eager_only("StatelessShuffle")
    if _alg(alg) not in (1, 3, "philox", "auto_select", None):
        raise _errors.InvalidArgumentError(None, None, f"Unsupported algorithm id: {alg}")
    value = convert_to_tensor(value, name="value")
    seed = np.asarray(convert_to_tensor(seed)).astype(np.int64).reshape(-1)
    return EagerTensor(_shuffle.stateless_shuffle(value._value, seed), value.dtype)


def index_shuffle(index, seed, max_index):
    """`tf.random.experimental.index_shuffle` (eager)."""
    _eager_only("RandomIndexShuffle")
    index = convert_to_tensor(index)
    seed = convert_to_tensor(seed)
    max_index = convert_to_tensor(max_index, dtype=index.dtype)
    return EagerTensor(_shuffle.index_shuffle(index._value, seed._value, max_index._value),
                       index.dtype)


def stateless_parameterized_truncated_normal(shape, seed, means=0.0, stddevs=1.0,
                                            minvals=-2.0, maxvals=2.0, name=None):
    """`tf.random.stateless_parameterized_truncated_normal` (eager): TF's three rejection
    samplers on the seed's generator (`eager/truncated.py`)."""
    _eager_only("StatelessParameterizedTruncatedNormal")
    params = [convert_to_tensor(v, name=n) for v, n in
              ((means, "means"), (stddevs, "stddevs"), (minvals, "minvals"),
               (maxvals, "maxvals"))]
    dtype = params[0].dtype
    for p in params[1:]:
        if p.dtype != dtype:
            raise TypeError(f"Input 'stddevs' of 'StatelessParameterizedTruncatedNormal' Op "
                            f"has type {p.dtype.name} that does not match type {dtype.name} "
                            "of argument 'means'.")
    if dtype.name not in ("float16", "float32", "float64"):
        raise TypeError(f"Value passed to parameter 'means' has DataType {dtype.name} not in "
                        "list of allowed values: float16, float32, float64")
    seed = np.asarray(convert_to_tensor(seed)).astype(np.int64).reshape(-1)
    out = _truncated.parameterized_truncated_normal(
        _shape_list(shape), _binomial.philox_for_seed(seed), *[p._value for p in params])
    return EagerTensor(out, dtype)


experimental = _types.ModuleType("philoxflow.compat.v2.random.experimental")
experimental.stateless_split = split
experimental.stateless_fold_in = fold_in
experimental.stateless_shuffle = stateless_shuffle
experimental.index_shuffle = index_shuffle
experimental.Generator = Generator
experimental.Algorithm = Algorithm
experimental.create_rng_state = create_rng_state
experimental.get_global_generator = get_global_generator
experimental.set_global_generator = set_global_generator
experimental._is_namespace = True


def set_seed(seed) -> None:
    """`tf.random.set_seed`: the eager context's global seed (fresh op-seed draws and a
    cleared kernel cache), or the graph seed of the function being traced."""
    g = get_default_graph()
    if getattr(g, "_is_func_graph", False):
        g.seed = seed
    else:
        _context.set_global_seed(seed)


def poisson(shape, lam, dtype=_dtypes.float32, seed=None, name=None):
    """`tf.random.poisson` (v2 argument order: shape first)."""
    return _random_ops.random_poisson(lam, shape, dtype=dtype, seed=seed, name=name)


_is_namespace = True
