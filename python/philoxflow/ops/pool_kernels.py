"""TF's CPU kernels of FractionalMaxPool and FractionalAvgPool as Python kernels
(`fractional_max_pool_op.cc`, `fractional_avg_pool_op.cc`, `fractional_pool_common.cc`).

The pooling sequences come from the op's Philox stream, per session as TF's kernel
instance holds it: with `deterministic`, drawn once (fresh entropy for seed = seed2 = 0)
and reused; otherwise seeds must be 0 and each run draws new ones. Each sequence
reserves its blocks (`ReserveSamples32`): one for the pseudo-random `u` (a double from
two words), ceil(n / 4) for the random one (TF's `RandomShuffle`: swap i with
i + word % (n - i)). Max pooling is exact; average pooling adds each window's columns in TF's
order, then divides by the count, in the dtype.
"""

from __future__ import annotations

import math
import secrets

import numpy as np

from .. import _core, errors
from ..framework.py_kernels import kernel


class _Words:
    """SimplePhilox / SingleSampleAdapter: uint32 words from a reserved block on."""

    def __init__(self, seed, seed2, block):
        self._core = _core.TFPhiloxCore.at_run(seed % (1 << 64), seed2 % (1 << 64), 1, block)
        self._buf = np.empty(0, np.uint32)
        self._pos = 0

    def __call__(self) -> int:
        if self._pos == len(self._buf):
            self._buf = self._core.raw(4)
            self._pos = 0
        self._pos += 1
        return int(self._buf[self._pos - 1])


class _Generator:
    def __init__(self, seed, seed2):
        self.seed, self.seed2 = seed, seed2
        self.next_block = 0

    def reserve32(self, samples):
        words = _Words(self.seed, self.seed2, self.next_block)
        self.next_block += (samples + 3) // 4
        return words


def _sequence(n_in, n_out, gen, pseudo_random):
    """GeneratePoolingSequence: the cumulative pooling boundaries (n_out + 1)."""
    if pseudo_random:
        alpha = n_in / n_out
        k = n_in // n_out
        max_u = min((k + 2) / alpha - 1, (n_in + 1 - k) / alpha - (n_out - 1))
        words = gen.reserve32(2)
        x0, x1 = words(), words()
        bits = np.uint64((1023 << 52) | ((x0 & 0xFFFFF) << 32) | x1)
        u = (float(bits.view(np.float64)) - 1.0) * max_u
        cum = [1] + [int(math.ceil(alpha * (i + u))) for i in range(1, n_out)] + [n_in + 1]
        diff = [cum[i + 1] - cum[i] for i in range(n_out)]
    else:
        k, spots = n_in // n_out, n_in % n_out
        diff = [k + 1 if i < spots else k for i in range(n_out)]
        words = gen.reserve32(len(diff))
        n = len(diff)
        for i in range(n - 1):  # TF's RandomShuffle: exactly n - 1 words
            j = i + words() % (n - i)
            diff[i], diff[j] = diff[j], diff[i]
    out = [0]
    for d in diff:
        out.append(out[-1] + d)
    return out


def _setup(ctx, op, x):
    if x.ndim != 4:
        raise errors.InvalidArgumentError(None, op, "tensor_in must be 4-dimensional")
    ratio = [float(r) for r in op.get_attr("pooling_ratio")]
    out_size = [int(math.floor(d / r)) for d, r in zip(x.shape, np.float32(ratio))]
    det = bool(op.get_attr("deterministic"))
    seed, seed2 = int(op.get_attr("seed")), int(op.get_attr("seed2"))
    state = ctx.state.setdefault(("FractionalPool", op._id), {})
    if not det and (seed or seed2):
        raise errors.InvalidArgumentError(
            None, op, "Both seed and seed2 should be 0 if deterministic is false.")
    if "gen" not in state:
        if seed == 0 and seed2 == 0:
            seed, seed2 = secrets.randbits(64), secrets.randbits(64)
        state["gen"] = _Generator(seed, seed2)
    pseudo = bool(op.get_attr("pseudo_random"))
    if det and "seqs" in state:
        rows, cols = state["seqs"]
    else:
        rows = _sequence(x.shape[1], out_size[1], state["gen"], pseudo)
        cols = _sequence(x.shape[2], out_size[2], state["gen"], pseudo)
        if det:
            state["seqs"] = (rows, cols)
    return out_size, rows, cols, bool(op.get_attr("overlapping"))


def _windows(x, rows, cols, overlapping):
    """(hs, ws, [(h, w) input positions in TF's loop order]) for every output cell."""
    h_max, w_max = x.shape[1] - 1, x.shape[2] - 1
    for hs in range(len(rows) - 1):
        h_end = min(rows[hs + 1] if overlapping else rows[hs + 1] - 1, h_max)
        for ws in range(len(cols) - 1):
            w_end = min(cols[ws + 1] if overlapping else cols[ws + 1] - 1, w_max)
            yield hs, ws, [(h, w) for h in range(rows[hs], h_end + 1)
                           for w in range(cols[ws], w_end + 1)]


@kernel("FractionalMaxPool")
def _fractional_max_pool(ctx, op, ins):
    x = np.asarray(ins[0])
    out_size, rows, cols, overlapping = _setup(ctx, op, x)
    lowest = np.finfo(x.dtype).min if x.dtype.kind == "f" else np.iinfo(x.dtype).min
    out = np.full(out_size, lowest, dtype=x.dtype)
    for hs, ws, cells in _windows(x, rows, cols, overlapping):
        for h, w in cells:
            out[:, hs, ws, :] = np.maximum(out[:, hs, ws, :], x[:, h, w, :])
    return [out, np.array(rows, np.int64), np.array(cols, np.int64)]


@kernel("FractionalAvgPool")
def _fractional_avg_pool(ctx, op, ins):
    x = np.asarray(ins[0])
    out_size, rows, cols, overlapping = _setup(ctx, op, x)
    out = np.zeros(out_size, dtype=x.dtype)
    for hs, ws, cells in _windows(x, rows, cols, overlapping):
        acc = np.zeros((x.shape[0], x.shape[3]), dtype=x.dtype)
        for h, w in cells:
            acc = (acc + x[:, h, w, :]).astype(x.dtype)
        n = x.dtype.type(len(cells))
        if x.dtype.kind == "f":
            out[:, hs, ws, :] = (acc / n).astype(x.dtype)
        else:  # C++ integer division truncates toward zero
            out[:, hs, ws, :] = np.sign(acc) * (np.abs(acc) // n)
    return [out, np.array(rows, np.int64), np.array(cols, np.int64)]
