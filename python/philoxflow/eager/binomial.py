"""TF's binomial sampler (`random_binomial_op.cc`: `StatelessRandomBinomial` and
`StatefulRandomBinomial`), which philoxflow's Rust core has no kernel for yet.

It is scalar double-precision code (binomial inversion for `n * p < 10`, Hormann's
BTRS otherwise) on `UniformDistribution<PhiloxRandom, double>`, so a Python replica is
bit-exact: Python's `math.log`/`log1p` are the C library's, as TF's `std::log` are.
Output element `i` (in the kernel's loop order: batch-major, then sample) runs on a
copy of the generator skipped by `256 * i` blocks (BTRS) or `42 * i` (inversion).
"""

from __future__ import annotations

import math

import numpy as np

_M32 = 0xFFFFFFFF
_MA, _MB = 0xD2511F53, 0xCD9E8D57
_WA, _WB = 0x9E3779B9, 0xBB67AE85


class Philox:
    """TF's `random::PhiloxRandom` (4x32, 10 rounds): `next()` is one 4-word block."""

    def __init__(self, counter, key):
        self.c = [int(w) & _M32 for w in counter]
        self.k = [int(w) & _M32 for w in key]

    def copy(self):
        return Philox(self.c, self.k)

    def skip(self, count):
        lo, hi = count & _M32, (count >> 32) & _M32
        c = self.c
        c[0] = (c[0] + lo) & _M32
        if c[0] < lo:
            hi = (hi + 1) & _M32
        c[1] = (c[1] + hi) & _M32
        if c[1] < hi:
            c[2] = (c[2] + 1) & _M32
            if c[2] == 0:
                c[3] = (c[3] + 1) & _M32

    def next(self):
        c, (k0, k1) = list(self.c), self.k
        for r in range(10):
            p0, p1 = _MA * c[0], _MB * c[2]
            c = [((p1 >> 32) ^ c[1] ^ k0) & _M32, p1 & _M32,
                 ((p0 >> 32) ^ c[3] ^ k1) & _M32, p0 & _M32]
            if r < 9:
                k0, k1 = (k0 + _WA) & _M32, (k1 + _WB) & _M32
        self.skip(1)
        return c


def philox_for_seed(seed):
    """TF's `GenerateKey`: a stateless op's generator from its int64 seed pair."""
    s0, s1 = (int(s) & 0xFFFFFFFFFFFFFFFF for s in seed)
    m = Philox([s0 & _M32, s0 >> 32, s1 & _M32, s1 >> 32], [0x3EC8F720, 0x02461E29]).next()
    return Philox([0, 0, m[2], m[3]], [m[0], m[1]])


def _uniform_doubles(gen):
    """`UniformDistribution<PhiloxRandom, double>`: two doubles from one block."""
    x = gen.next()
    out = []
    for i in (0, 1):
        bits = (1023 << 52) | ((x[2 * i] & 0xFFFFF) << 32) | x[2 * i + 1]
        out.append(float(np.array(bits, np.uint64).view(np.float64)) - 1.0)
    return out


class _Uniforms:
    """The kernel's UNIFORM macro: refill two at a time, hand out the last one first."""

    def __init__(self, gen):
        self.gen, self.buf = gen, []

    def __call__(self):
        if not self.buf:
            self.buf = _uniform_doubles(self.gen)
        return self.buf.pop()


def _inversion(count, prob, gen):
    u = _Uniforms(gen)
    geom_sum, num = 0.0, 0
    denom = math.log1p(-prob)
    while True:
        x = u()
        geom_sum += math.ceil(math.log(x) / denom) if x > 0 else math.inf
        if geom_sum > count:
            return float(num)
        num += 1


_TAIL = [0.0810614667953272, 0.0413406959554092, 0.0276779256849983, 0.02079067210376509,
         0.0166446911898211, 0.0138761288230707, 0.0118967099458917, 0.0104112652619720,
         0.00925546218271273, 0.00833056343336287]


def _stirling_tail(k):
    if k <= 9:
        return _TAIL[int(k)]
    kp1sq = (k + 1) * (k + 1)
    return (1.0 / 12 - (1.0 / 360 - 1.0 / 1260 / kp1sq) / kp1sq) / (k + 1)


def _btrs(count, prob, gen):
    stddev = math.sqrt(count * prob * (1 - prob))
    b = 1.15 + 2.53 * stddev
    a = -0.0873 + 0.0248 * b + 0.01 * prob
    c = count * prob + 0.5
    v_r = 0.92 - 4.2 / b
    r = prob / (1 - prob)
    alpha = (2.83 + 5.1 / b) * stddev
    m = math.floor((count + 1) * prob)
    uni = _Uniforms(gen)
    while True:
        u = uni()
        v = uni()
        u = u - 0.5
        us = 0.5 - abs(u)
        k = math.floor((2 * a / us + b) * u + c)
        if us >= 0.07 and v <= v_r:
            return float(k)
        if k < 0 or k > count:
            continue
        v = math.log(v * alpha / (a / (us * us) + b)) if v > 0 else -math.inf
        upper = ((m + 0.5) * math.log((m + 1) / (r * (count - m + 1)))
                 + (count + 1) * math.log((count - m + 1) / (count - k + 1))
                 + (k + 0.5) * math.log(r * (count - k + 1) / (k + 1))
                 + _stirling_tail(m) + _stirling_tail(count - m)
                 - _stirling_tail(k) - _stirling_tail(count - k))
        if v <= upper:
            return float(k)


def _one(count, prob, t, gen, index):
    """One output element: `count` and `prob` in the kernel's T (`t`, a NumPy type)."""
    dcount = float(count)
    if dcount <= 0.0 or prob <= 0:
        return 0.0
    if prob >= 1:
        return dcount
    if prob <= t(0.5):
        flip, p = False, float(prob)
        small = not (t(count) * t(prob) >= t(10))
    elif prob > t(0.5):
        q = t(t(1) - prob)
        flip, p = True, float(q)
        small = not (t(count) * q >= t(10))
    else:
        return math.nan
    g = gen.copy()
    g.skip((42 if small else 256) * index)
    x = _inversion(dcount, p, g) if small else _btrs(dcount, p, g)
    return dcount - x if flip else x


def binomial(shape, counts, probs, gen, out_dtype):
    """Samples of `shape` (ending with broadcast(counts, probs).shape) on `gen`."""
    counts, probs = np.asarray(counts), np.asarray(probs)
    t = counts.dtype.type
    bshape = np.broadcast_shapes(counts.shape, probs.shape)
    shape = [int(d) for d in shape]
    if tuple(shape[len(shape) - len(bshape):]) != tuple(bshape) or len(bshape) > len(shape):
        from .. import errors
        raise errors.InvalidArgumentError(None, None,
                                          "Shape passed in must end with broadcasted shape.")
    c = np.broadcast_to(counts, bshape).ravel()
    p = np.broadcast_to(probs, bshape).ravel()
    num_batches = int(np.prod(bshape, dtype=np.int64))
    spb = int(np.prod(shape[:len(shape) - len(bshape)], dtype=np.int64))
    out = np.zeros(num_batches * spb, np.float64)
    for i in range(num_batches * spb):
        b, s = divmod(i, spb)
        out[s * num_batches + b] = _one(c[b], p[b], t, gen, i)
    with np.errstate(invalid="ignore"):
        return out.reshape(shape).astype(out_dtype)


def stateful_skip(shape, counts, probs):
    """How far `StatefulRandomBinomial` moves its generator's state (in draws of 256)."""
    bshape = np.broadcast_shapes(np.shape(counts), np.shape(probs))
    shape = [int(d) for d in shape]
    num_batches = int(np.prod(bshape, dtype=np.int64))
    spb = int(np.prod(shape[:len(shape) - len(bshape)], dtype=np.int64))
    return num_batches * 2 * 100 * (spb + 3) // 4
