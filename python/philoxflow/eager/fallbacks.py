"""Eager values of ops the Rust core builds for structure only (no kernel yet), where
NumPy gives TF's result exactly: data movement (concat, transpose, gather, pad, ...),
comparisons, and reductions whose result does not depend on summation order (max/min,
all/any, integer sums) and `Sqrt` (correctly rounded in both). Float sums/means,
matmul, softmax and other ops whose bits depend on TF's evaluation order stay
unimplemented: a raise, never a close value. So do `Tanh`, and `Log`/`Exp` of eight or
more float32 values: TF's CPU kernels compute full SIMD packets with Eigen's own
polynomials, whose last bits differ from NumPy's and libm's; fewer values than a packet
go through the C library's `logf`/`expf` (measured against TF 2.21), as here.
"""

from __future__ import annotations

import numpy as np

from .. import errors


def _axis(a):
    a = np.asarray(a)
    return tuple(int(i) for i in a.ravel()) if a.ndim else int(a)


def _unary(f):
    def run(vals, attrs):
        x = np.asarray(vals[0])
        with np.errstate(all="ignore"):  # log(0) = -inf, as TF gives it
            if x.dtype == np.float16:
                return f(x.astype(np.float32)).astype(np.float16)
            return f(x)
    return run


def _libm_f32(fname):
    """Eigen's scalar path (shorter than one packet): glibc's float function."""
    import ctypes
    import ctypes.util

    f = getattr(ctypes.CDLL(ctypes.util.find_library("m") or "libm.so.6"), fname)
    f.restype, f.argtypes = ctypes.c_float, [ctypes.c_float]

    def run(vals, attrs):
        x = np.asarray(vals[0])
        if x.dtype != np.float32 or x.size >= 8:
            raise errors.UnimplementedError(
                None, None, f"philoxflow computes {fname[:-1]} eagerly only for fewer than 8 "
                            "float32 values (TF uses Eigen's polynomials beyond)")
        return np.array([f(float(v)) for v in x.ravel()], np.float32).reshape(x.shape)
    return run


def _squeeze(vals, attrs):
    x = vals[0]
    dims = [int(d) % max(x.ndim, 1) for d in (attrs or {}).get("squeeze_dims") or []]
    if not dims:
        return np.squeeze(x)
    for d in dims:
        if x.shape[d] != 1:
            raise errors.InvalidArgumentError(
                None, None, f"Can not squeeze dim[{d}], expected a dimension of 1, got "
                            f"{x.shape[d]}")
    return np.squeeze(x, axis=tuple(dims))


def _gather(vals, attrs):
    params, idx, axis = vals[0], np.asarray(vals[1]), int(vals[2])
    n = params.shape[axis]
    bad = (idx < 0) | (idx >= n)
    if bad.any():
        i = np.argwhere(bad)[0]
        raise errors.InvalidArgumentError(
            None, None, f"indices{list(i)} = {int(idx[tuple(i)])} is not in [0, {n})")
    return np.take(params, idx, axis=axis)


def _one_hot(vals, attrs):
    idx, depth, on, off = vals[0], int(vals[1]), vals[2], vals[3]
    axis = (attrs or {}).get("axis", -1)
    hot = np.asarray(idx)[..., None] == np.arange(depth)
    out = np.where(hot, on, off).astype(np.asarray(on).dtype)
    if axis != -1:
        out = np.moveaxis(out, -1, axis)
    return out


def _reduce(f):
    def run(vals, attrs):
        x = np.asarray(vals[0])
        keep = bool((attrs or {}).get("keep_dims", False))
        return f(x, axis=_axis(vals[1]), keepdims=keep).astype(x.dtype)
    return run


def _arg(f):
    def run(vals, attrs):
        return f(np.asarray(vals[0]), axis=int(vals[1]))
    return run


#: op type -> f(input values, attrs) -> value (cast to the op's output dtype after).
FALLBACKS = {
    "Sqrt": _unary(np.sqrt), "Abs": _unary(np.abs), "Sign": _unary(np.sign),
    "Log": _libm_f32("logf"), "Exp": _libm_f32("expf"),
    "Ceil": _unary(np.ceil), "Round": _unary(np.round),
    "Relu": lambda v, a: np.maximum(v[0], np.zeros((), np.asarray(v[0]).dtype)),
    "ConcatV2": lambda v, a: np.concatenate(v[:-1], axis=int(v[-1])),
    "Transpose": lambda v, a: np.transpose(v[0], [int(i) for i in np.ravel(v[1])]),
    "ExpandDims": lambda v, a: np.expand_dims(v[0], int(np.ravel(v[1])[0])),
    "Squeeze": _squeeze,
    "Tile": lambda v, a: np.tile(v[0], [int(i) for i in np.ravel(v[1])]),
    "Pad": lambda v, a: np.pad(v[0], np.asarray(v[1]).astype(np.int64)),
    "PadV2": lambda v, a: np.pad(v[0], np.asarray(v[1]).astype(np.int64),
                                 constant_values=v[2]),
    "GatherV2": _gather,
    "OneHot": _one_hot,
    "ArgMax": _arg(np.argmax), "ArgMin": _arg(np.argmin),
    "Where": lambda v, a: np.argwhere(v[0]).astype(np.int64),
    "Equal": lambda v, a: np.equal(v[0], v[1]),
    "NotEqual": lambda v, a: np.not_equal(v[0], v[1]),
    "LogicalAnd": lambda v, a: np.logical_and(v[0], v[1]),
    "LogicalOr": lambda v, a: np.logical_or(v[0], v[1]),
    "LogicalNot": lambda v, a: np.logical_not(v[0]),
    "All": _reduce(np.all), "Any": _reduce(np.any),
    # Sum/Mean/Prod/Max/Min have Rust kernels (kernels/reduce.rs): their
    # UnimplementedError (a case TF's bits cannot be reproduced) must stand.
}
#: Ops whose NumPy fallback would misread bfloat16 (uint16 bits).
NOT_FOR_BFLOAT16 = {"ArgMax", "ArgMin", "Relu", "Sqrt", "Abs",
                    "Sign", "Ceil", "Round"}
