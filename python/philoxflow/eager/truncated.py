"""`tf.random.stateless_parameterized_truncated_normal` (eager): a Python replica of
TF's `TruncatedNormalFunctorV2` (`parameterized_truncated_normal_op.cc`), which the
Rust core has no kernel for.

Per batch (a broadcast `(mean, stddev, minval, maxval)`) TF picks one of three
rejection samplers from the normalised bounds — normals when the bounds lie 1.3
standard deviations out on one side, uniforms on `[normMin, normMax]` when that range
is narrower than a cutoff, an exponential proposal otherwise — computing in the
output dtype with the C library's `expf`/`logf` (`exp`/`log` for float64; float16
through float). Samples are drawn block by block (one Philox block: 4 float32/float16
or 2 float64 values) from one generator that runs on across batches; a rejected value
costs its slot, a finished batch drops the rest of its block. The output layout is
`[samples..., batch...]`. TF splits large outputs across threads (each shard skips
ahead); this replica is the single-shard computation, exact for outputs TF runs in
one shard.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import math

import numpy as np

from .. import _core, errors

_LIBM = []


def _libm():
    """The C library's math (TF calls its `expf`/`logf`), loaded on first use."""
    if not _LIBM:
        lib = ctypes.CDLL(ctypes.util.find_library("m") or "libm.so.6")
        lib.expf.restype = lib.logf.restype = ctypes.c_float
        lib.expf.argtypes = lib.logf.argtypes = [ctypes.c_float]
        _LIBM.append(lib)
    return _LIBM[0]

_PER_BLOCK = {"float16": 4, "float32": 4, "float64": 2}
_MAX_ITERATIONS = 1000


def _exp(x):
    t = type(x)
    if t is np.float64:
        return np.float64(math.exp(x))
    return t(_libm().expf(float(x)))


def _log(x):
    t = type(x)
    if t is np.float64:
        return np.float64(math.log(x)) if x > 0 else np.float64(-math.inf)
    return t(_libm().logf(float(x)))


def _sqrt(x):
    t = type(x)
    return t(np.sqrt(np.float32(x) if t is np.float16 else x))


class _Blocks:
    """Successive Philox blocks of one generator, as values of a distribution."""

    def __init__(self, gen, dtype):
        self.gen, self.dtype, self.n = gen, dtype, _PER_BLOCK[dtype]

    def next(self, dist):
        c, k = self.gen.c, self.gen.k
        step = ("random", dist, self.dtype, [self.n], [0], [self.n], ("state", list(c),
                                                                       list(k)), 0, 0)
        vals = np.asarray(_core.eval_block([step], [self.n]))
        self.gen.skip(1)
        return [np.dtype(self.dtype).type(v) for v in vals]


def _fail(what):
    raise errors.InternalError(None, None, f"TruncatedNormal {what} rejection sampler failed "
                                           "to accept a sample.")


def parameterized_truncated_normal(shape, gen, means, stddevs, minvals, maxvals):
    """Samples of `shape` (ending with the parameters' broadcast shape) on `gen`."""
    params = [np.asarray(p) for p in (means, stddevs, minvals, maxvals)]
    dtype = params[0].dtype
    t = dtype.type
    bshape = np.broadcast_shapes(*[p.shape for p in params])
    shape = [int(d) for d in shape]
    lead = len(shape) - len(bshape)
    if lead < 0 or tuple(shape[lead:]) != tuple(bshape):
        raise errors.InvalidArgumentError(None, None,
                                          "Shape passed in must end with broadcasted shape.")
    flat = [np.broadcast_to(p, bshape).ravel() for p in params]
    nb = int(np.prod(bshape, dtype=np.int64))
    spb = int(np.prod(shape[:lead], dtype=np.int64))
    n = nb * spb
    out = np.zeros(n, dtype)
    blocks = _Blocks(gen, dtype.name)
    k13, zero, two, four = t(1.3), t(0), t(2), t(4)
    idx = 0
    while idx < n:
        b = idx // spb
        mean, stddev, minval, maxval = (f[b] for f in flat)
        if not (stddev > zero and minval < maxval and (np.isfinite(minval) or
                                                       np.isfinite(maxval))):
            raise errors.InvalidArgumentError(None, None, "Invalid parameters")
        iterations = 0
        if (np.isinf(minval) and minval < zero) or maxval < mean:
            minval, maxval, stddev = maxval, minval, -stddev
        norm_min = (minval - mean) / stddev
        norm_max = (maxval - mean) / stddev
        sqrt_factor = _sqrt(norm_min * norm_min + four)
        cutoff = two * _exp(t(0.5) + (norm_min * (norm_min - sqrt_factor)) / four) / (
            norm_min + sqrt_factor)
        diff = norm_max - norm_min
        s = idx % spb

        def emit(v, b=b, stddev=stddev, mean=mean):
            nonlocal s, idx, iterations
            out[s * nb + b] = v * stddev + mean
            s += 1
            idx += 1
            iterations = 0
            return s >= spb or idx >= n

        if (norm_min < -k13 and norm_max >= zero) or (norm_max > k13 and norm_min <= zero):
            while s < spb and idx < n:
                for v in blocks.next("normal"):
                    if norm_min <= v <= norm_max:
                        if emit(v):
                            break
                    else:
                        iterations += 1
                        if iterations > _MAX_ITERATIONS:
                            _fail("randn")
        elif diff < cutoff:
            plus = zero if norm_min < zero else norm_min * norm_min
            while s < spb and idx < n:
                z = [r * diff + norm_min for r in blocks.next("uniform")]
                g = [(plus - zi * zi) / two for zi in z]
                u = blocks.next("uniform")
                for zi, gi, ui in zip(z, g, u):
                    accept = ui <= _exp(gi)
                    if accept or iterations + 1 >= _MAX_ITERATIONS:
                        if not accept:
                            _fail("uniform")
                        if emit(zi):
                            break
                    else:
                        iterations += 1
        else:
            alpha = (norm_min + _sqrt(norm_min * norm_min + four)) / two
            while s < spb and idx < n:
                rand = blocks.next("uniform")
                for i in range(0, len(rand), 2):
                    z = -_log(rand[i]) / alpha + norm_min
                    x = alpha - z if norm_min < alpha else norm_min - alpha
                    g = _exp(-x * x / two)
                    accept = rand[i + 1] <= g and z < norm_max
                    if accept or iterations + 1 >= _MAX_ITERATIONS:
                        if not accept:
                            _fail("exponential distribution")
                        if emit(z):
                            break
                    else:
                        iterations += 1
    return out.reshape(shape)
