"""`tf.random.experimental.stateless_shuffle` and `index_shuffle` (eager), whose kernels
the Rust core lacks: Python replicas of TF's integer algorithms, so bit-exact.

- `StatelessShuffle`: TF's shuffle (`shuffle_common.h`, as `RandomShuffle`) on the
  seed's generator: for `i` in `0..n-1`, swap row `i` with row `i + w % (n - i)`, `w`
  the next 32-bit word of the Philox stream (words of a block in order).
- `RandomIndexShuffle` (`random_index_shuffle.cc`): a Simon-like Feistel cipher with 4
  rounds over a block of `max(ceil(log2(max_index)) rounded up to even, 16)` bits,
  keyed by `[498247692, seed0, seed1]` as uint32, repeated until the value is at most
  `max_index` (cycle walking).
"""

from __future__ import annotations

import math

import numpy as np

from .binomial import philox_for_seed


def permutation(n, gen):
    perm = list(range(n))
    words = []
    for i in range(n - 1):
        if not words:
            words = gen.next()[::-1]
        w = words.pop()
        j = i + w % (n - i)
        perm[i], perm[j] = perm[j], perm[i]
    return perm


def stateless_shuffle(value, seed):
    """Rows of `value` (an array) permuted as TF's StatelessShuffle permutes them."""
    value = np.asarray(value)
    if value.ndim == 0 or value.size <= 1 or value.shape[0] <= 1:
        return value.copy()
    return value[permutation(value.shape[0], philox_for_seed(seed))]


def _rotl(x, r, w):
    m = (1 << w) - 1
    return ((x << r) | (x >> (w - r))) & m


def _rotr(x, r, w):
    m = (1 << w) - 1
    return ((x >> r) | (x << (w - r))) & m


def _f(x, w):
    return (_rotl(x, 1, w) & _rotl(x, 8, w)) ^ _rotl(x, 2, w)


def index_shuffle_one(index, key, max_index, rounds=4):
    if max_index == 0:
        return 0
    b = int(math.ceil(math.log2(max_index)))
    b = max(b + b % 2, 16)
    if b > 64:
        b = 64
    w = b // 2
    m = (1 << w) - 1
    c = 0xFFFFFFFC & m
    z = 0x7369F885192C0EF5 & m
    rk = [k & m for k in key]
    for i in range(3, rounds):
        rk.append(c ^ (z & 1) ^ rk[i - 3] ^ _rotr(rk[i - 1], 3, w) ^ _rotr(rk[i - 1], 4, w))
        z >>= 1
    new = index
    while True:
        left, right = (new >> w) & m, new & m
        for i in range(0, len(rk), 2):
            left ^= _f(right, w)
            left ^= rk[i]
            right ^= _f(left, w)
            right ^= rk[i + 1]
        new = (left << w) | right
        if new <= max_index:
            return new


def index_shuffle(index, seed, max_index):
    """`RandomIndexShuffle` with TF's seed padding `[498247692] + seed`, rounds 4."""
    index, max_index = np.asarray(index), np.asarray(max_index)
    seed = np.asarray(seed)
    pad = np.full((1,) + seed.shape[1:], 498247692, seed.dtype)
    seed = np.concatenate([pad, seed]) if seed.ndim == 1 else seed
    num = max(index.size, max_index.size, seed.size // 3)
    if not (seed.shape == (3,) or seed.shape == (num, 3)):
        from .. import errors
        raise errors.InvalidArgumentError(
            None, None, f"Seed must be a vector of size [3] or a matrix of size [{num}, 3] "
                        f"but got [{','.join(map(str, seed.shape))}].")
    out = np.zeros(num, index.dtype)
    for i in range(num):
        ix = int(index.ravel()[i] if index.ndim else index) & 0xFFFFFFFFFFFFFFFF
        mx = int(max_index.ravel()[i] if max_index.ndim else max_index) & 0xFFFFFFFFFFFFFFFF
        if mx < ix:
            from .. import errors
            raise errors.InvalidArgumentError(
                None, None, f"max_index must be >= index, but {mx} < {ix}")
        row = seed.reshape(-1, 3)[0 if seed.ndim == 1 else i]
        key = [int(v) & 0xFFFFFFFF for v in row]
        out[i] = np.array(index_shuffle_one(ix, key, mx)).astype(np.uint64).astype(
            index.dtype)
    if index.ndim == 0 and seed.ndim == 1 and max_index.ndim == 0:
        return out.reshape(())
    return out
