"""Python kernels the orthogonal initializers run: `Qr` (Eigen's HouseholderQR,
`eigen_qr.py`, where it is exact), `DiagPart`/`MatrixDiagPart`, `Sign`, `Transpose`,
`ScatterNd`, TF 1.15's `MatrixDiag`/`MatrixSetDiag` (`tf.eye`, the identity
initializer), and `Abs`. All but Qr move, pick or sign values (ScatterNd adds updates
into zeros in index order, as TF's CPU kernel does), so they are exact."""

from __future__ import annotations

import numpy as np

from .. import errors
from ..framework import linalg_shapes  # noqa: F401 - registers these ops' shape functions
from ..framework.py_kernels import kernel
from . import eigen_qr


@kernel("Qr")
def _qr(ctx, op, ins):
    a = np.asarray(ins[0])
    if a.ndim < 2:
        raise errors.InvalidArgumentError(None, op, f"Input must have rank >= 2, got {a.ndim}")
    return list(eigen_qr.batched_qr(a, bool(op._attrs.get("full_matrices", False)), op))


@kernel("DiagPart")
def _diag_part(ctx, op, ins):
    x = np.asarray(ins[0])
    if x.ndim % 2 or x.shape[:x.ndim // 2] != x.shape[x.ndim // 2:]:
        raise errors.InvalidArgumentError(
            None, op, f"Invalid shape {list(x.shape)}: dimensions must come in equal pairs")
    half = x.ndim // 2
    size = int(np.prod(x.shape[:half], dtype=np.int64))
    flat = x.reshape(size, size)
    return [np.ascontiguousarray(np.diagonal(flat)).reshape(x.shape[:half])]


@kernel("MatrixDiagPart")
def _matrix_diag_part(ctx, op, ins):
    x = np.asarray(ins[0])
    return [np.ascontiguousarray(np.diagonal(x, axis1=-2, axis2=-1))]


@kernel("MatrixDiag")
def _matrix_diag(ctx, op, ins):
    d = np.asarray(ins[0])
    n = d.shape[-1]
    out = np.zeros(d.shape + (n,), d.dtype)
    idx = np.arange(n)
    out[..., idx, idx] = d
    return [out]


@kernel("MatrixSetDiag")
def _matrix_set_diag(ctx, op, ins):
    x = np.array(ins[0], copy=True)
    d = np.asarray(ins[1])
    k = min(x.shape[-2:])
    if d.shape != x.shape[:-2] + (k,):
        raise errors.InvalidArgumentError(
            None, op, f"diagonal must have shape {list(x.shape[:-2]) + [k]}, got "
                      f"{list(d.shape)}")
    idx = np.arange(k)
    x[..., idx, idx] = d
    return [x]


@kernel("Sign")
def _sign(ctx, op, ins):
    """Eigen's sign: (x > 0) - (x < 0), so NaN and -0.0 give 0."""
    x = np.asarray(ins[0])
    return [((x > 0).astype(x.dtype) - (x < 0).astype(x.dtype)).astype(x.dtype)]


@kernel("Transpose")
def _transpose(ctx, op, ins):
    x = np.asarray(ins[0])
    perm = [int(p) for p in np.asarray(ins[1]).reshape(-1)]
    if sorted(perm) != list(range(x.ndim)):
        raise errors.InvalidArgumentError(
            None, op, f"transpose expects a vector of size {x.ndim}. But input(1) is a "
                      f"vector of size {len(perm)}")
    return [np.array(np.transpose(x, perm), order="C")]  # (0-d stays 0-d)


@kernel("Abs")
def _abs(ctx, op, ins):
    x = np.asarray(ins[0])
    return [np.abs(x).astype(x.dtype)]


@kernel("ScatterNd")
def _scatter_nd(ctx, op, ins):
    indices = np.asarray(ins[0])
    updates = np.asarray(ins[1])
    shape = [int(d) for d in np.asarray(ins[2]).reshape(-1)]
    out = np.zeros(shape, updates.dtype)
    depth = indices.shape[-1]
    idx = indices.reshape(-1, depth)
    upd = updates.reshape((idx.shape[0],) + tuple(shape[depth:]))
    for k, ix in enumerate(idx):
        if any(i < 0 or i >= d for i, d in zip(ix, shape)):
            raise errors.InvalidArgumentError(
                None, op, f"indices[{k}] = {list(ix)} does not index into shape {shape}")
        out[tuple(ix)] = out[tuple(ix)] + upd[k]
    return [out]
