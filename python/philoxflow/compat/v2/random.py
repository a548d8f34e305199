"""`tf.random` of TF 2.x (`import philoxflow.compat.v2 as tf`): the v2 signatures over
the same builders as the graph targets; in eager mode each op they build runs at once."""

from __future__ import annotations

import types as _types

import numpy as np

from ... import errors as _errors
from ... import random as _v1
from ...eager import binomial as _binomial
from ...eager import context as _context
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


experimental = _types.ModuleType("philoxflow.compat.v2.random.experimental")
experimental.stateless_split = split
experimental.stateless_fold_in = fold_in
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
