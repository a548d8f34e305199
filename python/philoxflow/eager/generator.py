"""`tf.random.Generator` (`stateful_random_ops.py`) and the global generator.

The state is an int64 variable: Philox `[counter0, counter1, key]` (ThreeFry:
`[counter, key]`). A draw of `n` elements reads the state (TF's `RngReadAndSkip`),
advances the 128-bit counter by `256 * n` (as `PhiloxRandom::Skip`, whose carry out
of the second 32-bit word of the skip count is dropped, with the count wrapping in
uint64), and fills the output with the stateless V2 kernel on that key and counter
(`philox_from_key_counter`, run here through `_core.eval_block`).
"""

from __future__ import annotations

import enum
import os

import numpy as np

from .. import _core, errors
from ..framework import dtypes as _dtypes
from ..framework.constant_op import convert_to_tensor
from ..ops import math_ops
from .def_function import mark_state_use
from .tensor import EagerTensor
from .variables import Variable

_M32 = 0xFFFFFFFF
_M64 = 0xFFFFFFFFFFFFFFFF


class Algorithm(enum.Enum):
    """`tf.random.Algorithm`."""

    PHILOX = 1
    THREEFRY = 2
    AUTO_SELECT = 3


def unsupported_alg_error_msg(alg):
    return (f"Argument `alg` got unsupported value {alg}. Supported values are "
            f"{Algorithm.PHILOX.value} for the Philox algorithm, {Algorithm.THREEFRY.value}"
            f" for the ThreeFry algorithm, and {Algorithm.AUTO_SELECT.value} for "
            "auto-selection.")


def convert_alg_to_int(alg):
    """TF's `random_ops_util.convert_alg_to_int`."""
    if isinstance(alg, Algorithm):
        return alg.value
    if isinstance(alg, (int, np.integer)):
        return int(alg)
    if isinstance(alg, EagerTensor):
        return int(alg)
    if isinstance(alg, str):
        names = {"philox": 1, "threefry": 2, "auto_select": 3}
        if alg.lower() in names:
            return names[alg.lower()]
        raise ValueError(f"Unknown algorithm name: {alg}")
    raise TypeError(f"Can't convert argument `alg` (of value {alg} and type {type(alg)}) "
                    "to int.")


def _state_size(alg):
    if alg in (1, 3):
        return 3
    if alg == 2:
        return 2
    raise ValueError(unsupported_alg_error_msg(alg))


def _uint_to_int(n):
    if isinstance(n, int) and n > 2**63 - 1:
        n -= 2**64
    return n


def _to_state(t):
    """TF's `_convert_to_state_tensor`: Python ints above int64 wrap, then int64."""
    if isinstance(t, (EagerTensor, Variable)):
        return np.asarray(t).astype(np.int64)
    if isinstance(t, (list, tuple)):
        t = [_to_state(v) if isinstance(v, (list, tuple, EagerTensor)) else
             _uint_to_int(int(v)) if isinstance(v, (int, np.integer)) else v for v in t]
    elif isinstance(t, int):
        t = _uint_to_int(t)
    return np.asarray(t).astype(np.int64)


def _make_1d_state(size, seed):
    """TF's `_make_1d_state`: a Python int in 64-bit words, low first; anything else
    cast to int64, flattened, cut to `size` and left-padded with zeros."""
    if isinstance(seed, int):
        words = []
        for _ in range(size):
            words.append(seed & _M64)
            seed >>= 64
        seed = words
    s = _to_state(seed).reshape(-1)[:size]
    return np.concatenate([np.zeros(size - s.size, np.int64), s])


def create_rng_state(seed, alg):
    """`tf.random.create_rng_state`."""
    alg = convert_alg_to_int(alg)
    return EagerTensor(_make_1d_state(_state_size(alg), seed), _dtypes.int64)


def _skip(state, delta):
    """`RngReadAndSkip`: the counter after `delta` draws (TF's 32-bit-word Skip)."""
    c0, c1 = int(state[0]) & _M64, int(state[1]) & _M64
    w = [c0 & _M32, c0 >> 32, c1 & _M32, c1 >> 32]
    count = (int(delta) * 256) & _M64
    lo, hi = count & _M32, count >> 32
    w[0] = (w[0] + lo) & _M32
    if w[0] < lo:
        hi = (hi + 1) & _M32
    w[1] = (w[1] + hi) & _M32
    if w[1] < hi:
        w[2] = (w[2] + 1) & _M32
        if w[2] == 0:
            w[3] = (w[3] + 1) & _M32
    out = state.copy()
    out[0] = np.int64(_uint_to_int(w[0] | (w[1] << 32)))
    out[1] = np.int64(_uint_to_int(w[2] | (w[3] << 32)))
    return out


def _const(value, dtype):
    """An eager constant (built on the eager graph whichever namespace is calling)."""
    if isinstance(value, EagerTensor):
        if dtype is not None and value.dtype != dtype:
            raise ValueError(f"Tensor conversion requested dtype {dtype.name} for Tensor with "
                             f"dtype {value.dtype.name}: {value!r}")
        return value
    from .execute import EAGER_GRAPH
    with EAGER_GRAPH.as_default():
        return convert_to_tensor(value, dtype=dtype)


def _deferred_draw(shape, dtype, draw):
    """While a function is traced: a placeholder the function feeds at each call with
    `draw()` (the state is read and advanced when the function runs, in trace order)."""
    from ..framework import ops as _ops

    stack = _ops._stack.graphs
    if not (stack and getattr(stack[-1], "_is_func_graph", False)):
        return None
    g = stack[-1]
    op = _ops.Graph._create_op(g, "Placeholder", (), "generator_draw", dtype=dtype,
                               shape=shape)
    g.deferred.append((op, draw))
    return op.outputs[0]


def _shape_list(shape):
    if isinstance(shape, EagerTensor):
        return [int(d) for d in np.ravel(shape._value)]
    from ..framework.ops import Tensor
    from ..ops.array_ops import constant_value

    if isinstance(shape, Tensor):  # a function graph's tensor: its static value
        v = constant_value(shape)
        if v is None:
            raise errors.UnimplementedError(
                None, None, "philoxflow draws from a Generator inside tf.function only for "
                            "shapes known when the function is traced")
        return [int(d) for d in np.ravel(v)]
    return [int(d) for d in shape]


class Generator:
    """`tf.random.Generator`: a Philox stream whose state lives in a variable."""

    @classmethod
    def from_state(cls, state, alg):
        return cls(state=state, alg=alg)

    @classmethod
    def from_seed(cls, seed, alg=None):
        alg = convert_alg_to_int(1 if alg is None else alg)
        return cls(state=create_rng_state(seed, alg), alg=alg)

    @classmethod
    def from_non_deterministic_state(cls, alg=None):
        alg = convert_alg_to_int(1 if alg is None else alg)
        state = np.frombuffer(os.urandom(8 * _state_size(alg)), np.int64)
        return cls(state=state, alg=alg)

    @classmethod
    def from_key_counter(cls, key, counter, alg):
        alg = convert_alg_to_int(alg)
        counter = _to_state(counter).reshape(-1)
        if counter.size != _state_size(alg) - 1:
            raise ValueError(f"Shapes {list(counter.shape)} and [{_state_size(alg) - 1}] "
                             "are incompatible")
        key = _to_state(key).reshape([1])
        return cls(state=np.concatenate([counter, key]), alg=alg)

    def __init__(self, copy_from=None, state=None, alg=None):
        if copy_from is not None:
            self._alg = copy_from.algorithm
            state = np.asarray(copy_from.state).copy()
        else:
            if alg is None or state is None:
                raise AssertionError("state and alg must be given together")
            self._alg = convert_alg_to_int(alg)
            state = np.asarray(state) if isinstance(state, (EagerTensor, Variable)) else \
                _to_state(state)
        state = np.asarray(state, np.int64).reshape(-1)
        if state.size != _state_size(self._alg):
            raise ValueError(f"Shapes {list(state.shape)} and [{_state_size(self._alg)}] are "
                             "incompatible")
        self._state_var = Variable(EagerTensor(state, _dtypes.int64), trainable=False,
                                   name="random_generator/StateVar")

    # -- state
    @property
    def state(self):
        return self._state_var

    @property
    def algorithm(self):
        return self._alg

    @property
    def key(self):
        return EagerTensor(np.asarray(self._state_var)[-1], _dtypes.int64)

    def reset(self, state):
        self._set(_to_state(state).reshape(-1))

    def reset_from_seed(self, seed):
        self._set(_make_1d_state(_state_size(self._alg), seed))

    def reset_from_key_counter(self, key, counter):
        self._set(np.concatenate([_to_state(counter).reshape(-1),
                                  _to_state(key).reshape([1])]))

    def _set(self, state):
        if state.size != _state_size(self._alg):
            raise ValueError(f"Shapes {list(state.shape)} and [{_state_size(self._alg)}] are "
                             "incompatible")
        mark_state_use()
        self._state_var._value = EagerTensor(np.asarray(state, np.int64), _dtypes.int64)

    def skip(self, delta):
        """`RngReadAndSkip`: advance the counter; returns the state before."""
        mark_state_use()
        old = np.asarray(self._state_var._value._value)
        if self._alg == 2:
            raise errors.UnimplementedError(None, None, "ThreeFry is not supported on CPU")
        self._state_var._value = EagerTensor(_skip(old, delta), _dtypes.int64)
        return EagerTensor(old, _dtypes.int64)

    # -- draws
    def _draw(self, dist, shape, dtype, lo=0, hi=0):
        shape = _shape_list(shape)
        deferred = _deferred_draw(shape, dtype, lambda: self._draw(dist, shape, dtype, lo, hi))
        if deferred is not None:
            return deferred
        if any(d < 0 for d in shape):
            raise errors.InvalidArgumentError(None, None, f"Dimension {min(shape)} must be >= 0")
        if self._alg == 2:
            raise errors.UnimplementedError(
                None, None, "Unsupported algorithm id: 2")
        mark_state_use()
        old = self.skip(int(np.prod(shape, dtype=np.int64)))._value
        c0, c1, key = (int(v) & _M64 for v in old)
        counter = [c0 & _M32, c0 >> 32, c1 & _M32, c1 >> 32]
        gen = ("state", counter, [key & _M32, key >> 32])
        name = {"uint32": "int32", "uint64": "int64"}.get(dtype.name, dtype.name)
        step = ("random", dist, name, shape, [0] * len(shape), shape, gen, lo, hi)
        out = np.asarray(_core.eval_block([step], shape))
        if dtype.name in ("uint32", "uint64"):
            out = out.view(dtype.as_numpy_dtype)
        return EagerTensor(out, dtype)

    def normal(self, shape, mean=0.0, stddev=1.0, dtype=_dtypes.float32, name=None):
        dtype = _dtypes.as_dtype(dtype)
        mean, stddev = _const(mean, dtype), _const(stddev, dtype)
        rnd = self._draw("normal", shape, dtype)
        return math_ops.add(rnd * stddev, mean)

    def truncated_normal(self, shape, mean=0.0, stddev=1.0, dtype=_dtypes.float32, name=None):
        dtype = _dtypes.as_dtype(dtype)
        mean, stddev = _const(mean, dtype), _const(stddev, dtype)
        rnd = self._draw("truncated_normal", shape, dtype)
        return math_ops.add(rnd * stddev, mean)

    def uniform(self, shape, minval=0, maxval=None, dtype=_dtypes.float32, name=None):
        dtype = _dtypes.as_dtype(dtype)
        if dtype.is_integer:
            if (minval is None) != (maxval is None):
                raise ValueError(f"For integer dtype {dtype}, minval and maxval must be both "
                                 f"`None` or both non-`None`; got minval={minval} and "
                                 f"maxval={maxval}")
        elif maxval is None:
            maxval = 1
        if dtype.is_integer and minval is None:
            return self._draw("full_int", shape, dtype)
        minval, maxval = _const(minval, dtype), _const(maxval, dtype)
        if dtype.is_integer:
            lo, hi = int(minval), int(maxval)
            n = int(np.prod(_shape_list(shape), dtype=np.int64))
            if n and lo >= hi:
                raise errors.InvalidArgumentError(None, None,
                                                  f"Need minval < maxval, got {lo} >= {hi}")
            return self._draw("uniform_int", shape, dtype, lo, hi)
        rnd = self._draw("uniform", shape, dtype)
        return math_ops.add(rnd * (maxval - minval), minval)

    def uniform_full_int(self, shape, dtype=_dtypes.uint64, name=None):
        return self._draw("full_int", shape, _dtypes.as_dtype(dtype))

    def binomial(self, shape, counts, probs, dtype=_dtypes.int32, name=None):
        """`StatefulRandomBinomial`: TF's sampler on the state's generator; the state
        moves by `256 * num_batches * 2 * 100 * (samples_per_batch + 3) // 4`."""
        from . import binomial as _binomial

        dtype = _dtypes.as_dtype(dtype)
        deferred = _deferred_draw(_shape_list(shape), dtype,
                                  lambda: self.binomial(shape, counts, probs, dtype))
        if deferred is not None:
            return deferred
        counts, probs = np.asarray(_const(counts, None)), np.asarray(_const(probs, None))
        if counts.dtype != probs.dtype:
            raise TypeError("Input 'probs' of 'StatefulRandomBinomial' Op has type "
                            f"{probs.dtype} that does not match type {counts.dtype} of "
                            "argument 'counts'.")
        if self._alg != 1:
            raise errors.InvalidArgumentError(None, None,
                                              f"Unsupported algorithm id: {self._alg}")
        shape = _shape_list(shape)
        mark_state_use()
        old = np.asarray(self._state_var._value._value)
        c0, c1, key = (int(v) & _M64 for v in old)
        gen = _binomial.Philox([c0 & _M32, c0 >> 32, c1 & _M32, c1 >> 32],
                               [key & _M32, key >> 32])
        self._state_var._value = EagerTensor(
            _skip(old, _binomial.stateful_skip(shape, counts, probs)), _dtypes.int64)
        return EagerTensor(_binomial.binomial(shape, counts, probs, gen, dtype.as_numpy_dtype),
                           dtype)

    def make_seeds(self, count=1):
        keys = self.uniform_full_int([count], _dtypes.int64)._value
        return EagerTensor(np.stack([keys, np.zeros_like(keys)]), _dtypes.int64)

    def split(self, count=1):
        keys = self.uniform_full_int([count], _dtypes.int64)._value
        size = _state_size(self._alg)
        return [Generator(state=[0] * (size - 1) + [int(k)], alg=self._alg) for k in keys]


_global_generator = None


def get_global_generator():
    """`tf.random.get_global_generator`: made from OS entropy on first use."""
    global _global_generator
    if _global_generator is None:
        _global_generator = Generator.from_non_deterministic_state()
    return _global_generator


def set_global_generator(generator):
    """`tf.random.set_global_generator`."""
    global _global_generator
    _global_generator = generator
