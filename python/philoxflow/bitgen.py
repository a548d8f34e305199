"""TensorFlow's Philox4x32-10 stream as a NumPy BitGenerator.

    import numpy as np
    import philoxflow as tf

    rng = np.random.Generator(tf.TFPhilox(87654321, 1))
    rng.standard_normal(3)        # any NumPy distribution, fed by TF's stream

The raw 32-bit words (`random_raw`) are those of TensorFlow's
`PhiloxRandom(seed, seed2)`: key words from `seed`, counter words 2-3 from
`seed2`, block after block, each block's four words in order. NumPy's 64-bit
draws take two consecutive words, the first as the low half (how NumPy's own
Philox splits a 64-bit output into two 32-bit ones, and how TF's int64 uniform
combines them); doubles are the top 53 bits of such a u64, as in NumPy.

The stream itself lives in Rust (`_core.TFPhiloxCore`), which hands NumPy a
`bitgen_t` capsule; this class adds NumPy's Python-level protocol.
"""

from __future__ import annotations

import collections
import math
import operator
from typing import Any, Dict, Mapping, NoReturn, Optional, Sequence, Tuple, Union

import numpy as np
from numpy.random import BitGenerator
from numpy.random.bit_generator import SeedlessSeedSequence

from . import _core

__all__ = ["TFPhilox"]

_U32 = 1 << 32
_U64 = 1 << 64
_U128 = 1 << 128
_NAME = "TFPhilox"

# Fields of NumPy's `bit_generator.ctypes` / `.cffi` interface.
_Interface = collections.namedtuple(
    "_Interface",
    ["state_address", "state", "next_uint64", "next_uint32", "next_double", "bit_generator"],
)


def _seed_word(value: Any, name: str) -> int:
    """A TF seed attr (int64, or its uint64 reading) as the uint64 Philox takes."""
    try:
        v = operator.index(value)
    except TypeError:
        raise TypeError(f"{name} must be an integer, got {type(value).__name__}") from None
    if not -(1 << 63) <= v < _U64:
        raise ValueError(f"{name} must be in [-2**63, 2**64), got {v}")
    return v % _U64


def _words(value: Any, n: int, name: str) -> Tuple[int, ...]:
    """`n` 32-bit words from a state entry, checked."""
    arr = np.asarray(value)
    if arr.shape != (n,) or not (arr.dtype.kind in "iu" or arr.dtype == object):
        raise ValueError(f"state {name!r} must be {n} unsigned 32-bit words, got {value!r}")
    out = tuple(operator.index(w) for w in arr.tolist())
    if any(not 0 <= w < _U32 for w in out):
        raise ValueError(f"state {name!r} must be {n} unsigned 32-bit words, got {value!r}")
    return out


def _shape(size: Union[int, Sequence[int]]) -> Tuple[int, ...]:
    dims: Tuple[int, ...]
    try:
        dims = (operator.index(size),)  # type: ignore[arg-type]
    except TypeError:
        dims = tuple(operator.index(d) for d in size)  # type: ignore[union-attr]
    if any(d < 0 for d in dims):
        raise ValueError("negative dimensions are not allowed")
    return dims


def _random_source(graph: Any, op: Any) -> Tuple[Any, int, Tuple[int, int]]:
    """`op` if it is a stateful random op, else the one such op among its inputs'
    ancestors (so `random_normal`'s `* stddev + mean` output names its op)."""
    seen = set()
    found = []
    todo = [op]
    while todo:
        o = todo.pop()
        if o.name in seen:
            continue
        seen.add(o.name)
        op_id = graph.op_by_name(o.name)
        seeds = None if op_id is None else graph.op_seeds(op_id)
        if seeds is not None:
            found.append((o, op_id, seeds))
        else:
            todo.extend(t.op for t in o.inputs)
    if len(found) != 1:
        what = "no stateful random op" if not found else "several stateful random ops (" + (
            ", ".join(f"'{o.name}'" for o, _, _ in found) + "); pass one of them")
        raise ValueError(f"'{op.name}' ({op.type}) comes from {what}")
    return found[0]


class TFPhilox(BitGenerator):
    """TensorFlow's Philox4x32-10 stream for `(seed, seed2)` as a NumPy BitGenerator.

    `seed` and `seed2` are TF's op attrs (the pair `tf.get_seed` resolves):
    integers in [-2**63, 2**64), read as uint64 as TF's `GuardedPhiloxRandom`
    reads them. `TFPhilox.from_op(t, run=k)` starts where run `k` of the
    random op behind `t` starts in a fresh session.

    `advance(n)` skips `n` 128-bit blocks as TF's `Skip` does; `jumped()`
    moves 2**64 blocks, which adds one to counter words 2-3, so
    `TFPhilox(s, s2).jumped()` is `TFPhilox(s, s2 + 1)`.
    """

    def __init__(self, seed: int, seed2: int = 0) -> None:
        # TF's streams come from (seed, seed2) alone, not from a SeedSequence.
        super().__init__(SeedlessSeedSequence())  # type: ignore[arg-type]
        self._set_core(_core.TFPhiloxCore(_seed_word(seed, "seed"), _seed_word(seed2, "seed2")))

    def _set_core(self, core: Any) -> None:
        self._core = core
        self._capsule = core.capsule()
        self._interfaces: Dict[str, Any] = {}

    @classmethod
    def from_op(cls, tensor: Any, run: int = 0) -> "TFPhilox":
        """The stream where run `run` (0: the first) of `tensor`'s op starts in a new session.

        `tensor` is a stateful random op's output or the op itself, or a value
        computed from exactly one such op (`random_normal`'s `* stddev + mean`).
        Each run reserves a fixed number of blocks of the op's stream, known
        from its static shapes (`256 * n` for `n` outputs of the uniform and
        normal ops), so run `k` starts `k` such reservations in.
        """
        op = getattr(tensor, "op", tensor)
        graph = op.graph._c  # the Rust graph behind the tf.Graph
        op, op_id, seeds = _random_source(graph, op)
        if seeds == (0, 0):
            raise ValueError(
                f"'{op.name}' has seed = seed2 = 0: every session draws fresh OS entropy "
                "for it, so its stream is not known in advance; set a graph or op seed")
        per_run = graph.op_blocks_per_run(op_id)
        if per_run is None:
            raise ValueError(
                f"the static shapes of '{op.name}' are not fully known, so neither is how "
                "many samples each run reserves")
        run = operator.index(run)
        if run < 0:
            raise ValueError(f"run must be >= 0, got {run}")
        bg = cls(*seeds)
        bg._set_core(_core.TFPhiloxCore.at_run(
            seeds[0] % _U64, seeds[1] % _U64, per_run, run))
        return bg

    @property
    def capsule(self) -> Any:
        """PyCapsule "BitGenerator" with the `bitgen_t` NumPy's Generator calls."""
        return self._capsule

    @property
    def state(self) -> Dict[str, Any]:
        """`counter` (next block) and `key` as uint32 words, the current block, its next word."""
        with self.lock:
            counter, key, buffer, pos = self._core.get_state()
        return {
            "bit_generator": _NAME,
            "state": {
                "counter": np.array(counter, dtype=np.uint32),
                "key": np.array(key, dtype=np.uint32),
            },
            "buffer": np.array(buffer, dtype=np.uint32),
            "buffer_pos": pos,
        }

    @state.setter
    def state(self, value: Mapping[str, Any]) -> None:
        if not isinstance(value, Mapping):
            raise TypeError("state must be a dict")
        if value.get("bit_generator") != _NAME:
            raise ValueError(f"state must be for a {_NAME} PRNG")
        try:
            inner = value["state"]
            counter = _words(inner["counter"], 4, "counter")
            key = _words(inner["key"], 2, "key")
            buffer = _words(value["buffer"], 4, "buffer")
            pos = operator.index(value["buffer_pos"])
        except (KeyError, TypeError) as e:
            raise ValueError(f"malformed {_NAME} state: {e!r}") from None
        if not 0 <= pos <= 4:
            raise ValueError(f"state 'buffer_pos' must be 0..4, got {pos}")
        with self.lock:
            self._core.set_state(counter, key, buffer, pos)

    def advance(self, delta: int) -> "TFPhilox":
        """Skip `delta` blocks (0 <= delta < 2**128) as TF's `Skip` does; returns self.

        The low 64 bits of `delta` go through TF's `Skip(count)` word arithmetic,
        the high 64 bits are added to counter words 2-3 (wrapping at 2**128). The
        rest of the current block is dropped, as NumPy's `advance` drops buffered
        output.
        """
        d = operator.index(delta)
        if not 0 <= d < _U128:
            raise ValueError(f"delta must be in [0, 2**128), got {d}")
        with self.lock:
            self._core.advance(d)
        return self

    def jumped(self, jumps: int = 1) -> "TFPhilox":
        """A copy moved `jumps * 2**64` blocks on (counter words 2-3 + `jumps`)."""
        j = operator.index(jumps)
        if j < 0:
            raise ValueError(f"jumps must be >= 0, got {j}")
        bg = type(self)(0)
        bg.state = self.state
        return bg.advance((j % _U64) << 64)

    def random_raw(  # type: ignore[override]  # overloads in bitgen.pyi
        self, size: Optional[Union[int, Sequence[int]]] = None, output: bool = True
    ) -> Union[int, np.ndarray, None]:
        """TF's 32-bit words, as uint64 (NumPy's `random_raw` convention)."""
        shape = None if size is None else _shape(size)
        n = 1 if shape is None else math.prod(shape)
        with self.lock:
            out = self._core.raw(n, bool(output))
        if out is None:
            return None
        return int(out[0]) if shape is None else out.reshape(shape)

    def spawn(self, n_children: int) -> NoReturn:
        raise TypeError(
            f"{_NAME} streams come from TF seeds, not from a SeedSequence, and do not "
            "spawn; use jumped() or another seed2")

    def _benchmark(self, cnt: int, method: str = "uint64") -> None:
        """NumPy's bit generator benchmark hook (the base one reads no capsule)."""
        rng = np.random.Generator(self)
        if method == "uint64":
            rng.integers(0, _U64, size=cnt, dtype=np.uint64)
        elif method == "double":
            rng.random(cnt)
        else:
            raise ValueError("Unknown method")

    def _interface(self, kind: str) -> Any:
        if kind in self._interfaces:
            return self._interfaces[kind]
        import ctypes  # only for these rarely used views

        c = ctypes
        get = c.pythonapi.PyCapsule_GetPointer
        get.restype, get.argtypes = c.c_void_p, [c.py_object, c.c_char_p]
        address = get(self._capsule, b"BitGenerator")
        fields = [("state", c.c_void_p)] + [
            (name, c.c_void_p) for name in ("next_uint64", "next_uint32", "next_double",
                                            "next_raw")]
        struct: Any = type("bitgen_t", (c.Structure,), {"_fields_": fields})
        raw = struct.from_address(address)
        u64, u32, dbl = c.c_uint64, c.c_uint32, c.c_double
        if kind == "ctypes":
            iface = _Interface(
                raw.state,
                c.c_void_p(raw.state),
                c.CFUNCTYPE(u64, c.c_void_p)(raw.next_uint64),
                c.CFUNCTYPE(u32, c.c_void_p)(raw.next_uint32),
                c.CFUNCTYPE(dbl, c.c_void_p)(raw.next_double),
                c.c_void_p(address),
            )
        else:
            import cffi  # ImportError without it, as NumPy's cffi property

            ffi = cffi.FFI()
            iface = _Interface(
                raw.state,
                ffi.cast("void *", raw.state),
                ffi.cast("uint64_t (*)(void *)", raw.next_uint64),
                ffi.cast("uint32_t (*)(void *)", raw.next_uint32),
                ffi.cast("double (*)(void *)", raw.next_double),
                ffi.cast("void *", address),
            )
        self._interfaces[kind] = iface
        return iface

    @property
    def ctypes(self) -> Any:
        """NumPy's ctypes interface (state, next_uint64/32, next_double, bitgen_t)."""
        return self._interface("ctypes")

    @property
    def cffi(self) -> Any:
        """NumPy's CFFI interface; needs the cffi package."""
        return self._interface("cffi")

    def __reduce__(self) -> Tuple[Any, ...]:
        return type(self), (0,), self.state

    def __setstate__(self, state: Mapping[str, Any]) -> None:
        self.state = state

    def __repr__(self) -> str:
        s = self.state
        key = [hex(int(w)) for w in s["state"]["key"]]
        counter = [hex(int(w)) for w in s["state"]["counter"]]
        return f"TFPhilox(key={key}, counter={counter}, buffer_pos={s['buffer_pos']})"
