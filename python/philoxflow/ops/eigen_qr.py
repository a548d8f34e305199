"""`tf.linalg.qr` (reduced) as TF's CPU kernel computes it: Eigen's unblocked
`HouseholderQR` on a row-major matrix, then `householderQ() * Identity(m, k)`, in the
matrix's dtype with every product and sum rounded in turn (no fused multiply-adds).
The factorisation's reflector dot products are sequential sums; forming Q, they are
AVX-vectorised (8 float32 or 4 float64 lanes summed in a tree, the remainder added in
turn) — measured against TF 1.15 and TF 2.21 (the same bits). The orthogonal
initializers (TF 1.15's `init_ops.Orthogonal`, `ConvolutionDeltaOrthogonal`, Keras's
`Orthogonal`) need its bits.

Where it is exact: the reduced factorisation of a matrix with at least as many rows as
columns and fewer than 48 columns. Eigen's `HouseholderQR` runs blocks of 48 reflectors,
updating the trailing columns with `apply_block_householder_on_the_left` (a triangular
factor and two GEMMs through Eigen's cache-blocked GEBP kernel): a wide matrix's
trailing columns, or a 48th reflector, go through it, and `householderQ()` applies 48 or
more reflectors by blocks as well. The full (`full_matrices=True`) Q is `evalTo`'s
order. Those GEMM summation orders are not replicated: `batched_qr` raises
UnimplementedError there rather than give other low bits.
"""

from __future__ import annotations

import numpy as np

from .. import errors

#: Eigen's `HouseholderQR` block size (reflectors per block, blocked Q from this many).
BLOCK = 48


def _make_householder(col):
    """Eigen's `makeHouseholderInPlace`: (essential, tau, beta) of a column."""
    t = col.dtype.type
    c0 = col[0]
    tail_sq = t(0)
    for x in col[1:]:
        tail_sq = t(tail_sq + t(x * x))
    if len(col) == 1:
        tail_sq = t(0)
    if tail_sq <= np.finfo(col.dtype).tiny:
        return np.zeros(len(col) - 1, col.dtype), t(0), c0
    beta = t(np.sqrt(t(t(c0 * c0) + tail_sq)))
    if c0 >= 0:
        beta = -beta
    ess = np.array([t(x / t(c0 - beta)) for x in col[1:]], col.dtype)
    tau = t(t(beta - c0) / beta)
    return ess, tau, beta


def _dot_seq(e, col):
    t = col.dtype.type
    acc = t(0)
    for a, b in zip(e, col):
        acc = t(acc + t(a * b))
    return acc


def _lanes(e, col, start, p):
    """Packets of `p` lanes from `start` on, then the lanes' tree sum (Eigen's predux)."""
    t = col.dtype.type
    lanes = [t(0)] * p
    i = start
    while i + p <= len(e):
        for k in range(p):
            lanes[k] = t(lanes[k] + t(e[i + k] * col[i + k]))
        i += p
    while len(lanes) > 1:
        h = len(lanes) // 2
        lanes = [t(lanes[k] + lanes[k + h]) for k in range(h)]
    return lanes[0], i


def _dot_avx(e, col, half):
    """A dot product as Eigen's AVX row-major GEMV sums it: 32-byte packets (8 float32,
    4 float64) tree-summed; outputs handled one at a time (`half`) then also a 16-byte
    packet; the rest added in turn."""
    t = col.dtype.type
    p = 32 // col.dtype.itemsize
    acc, i = _lanes(e, col, 0, p)
    if half:
        h, i = _lanes(e, col, i, p // 2)
        acc = t(acc + h)
    for k in range(i, len(e)):
        acc = t(acc + t(e[k] * col[k]))
    return acc


def _single_rows(n):
    """Which of `n` GEMV outputs Eigen's kernel computes one at a time (after groups of
    8, 4 and 2)."""
    i = 0
    while i < n - 7:
        i += 8
    while i < n - 3:
        i += 4
    while i < n - 1:
        i += 2
    return set(range(i, n))


def _apply_left(m, ess, tau, dot=None):
    """Eigen's `applyHouseholderOnTheLeft` on the block `m` (in place)."""
    t = m.dtype.type
    if m.shape[0] == 1:
        m *= t(t(1) - tau)
        return
    if tau == 0:
        return
    rows, cols = m.shape
    tmp = np.zeros(cols, m.dtype)
    single = _single_rows(cols)
    for j in range(cols):
        d = _dot_seq(ess, m[1:, j]) if dot is None else dot(ess, m[1:, j], j in single)
        tmp[j] = t(d + m[0, j])
    for j in range(cols):
        m[0, j] = t(m[0, j] - t(tau * tmp[j]))
    for i in range(rows - 1):
        te = t(tau * ess[i])
        for j in range(cols):
            m[1 + i, j] = t(m[1 + i, j] - t(te * tmp[j]))


def qr(a):
    """Reduced (q, r) of a 2-D array, as `tf.linalg.qr(a)` gives them on CPU."""
    mat = np.array(a, copy=True)
    rows, cols = mat.shape
    size = min(rows, cols)
    taus = []
    for k in range(size):
        ess, tau, beta = _make_householder(mat[k:, k].copy())
        mat[k + 1:, k] = ess
        mat[k, k] = beta
        taus.append(tau)
        if cols - k - 1 > 0:
            block = mat[k:, k + 1:]
            _apply_left(block, ess, tau)
            mat[k:, k + 1:] = block
    q = np.eye(rows, size, dtype=mat.dtype)
    for k in reversed(range(size)):
        block = q[k:, :]
        _apply_left(block, mat[k + 1:, k], taus[k], _dot_avx)
        q[k:, :] = block
    r = np.triu(mat[:size, :])
    return q, r


def check_exact(rows, cols, full_matrices, op=None):
    """Raise UnimplementedError where the replica is not TF's algorithm (see above)."""
    why = None
    if full_matrices:
        why = "full_matrices=True (Eigen's evalTo order of the full Q)"
    elif cols > rows:
        why = "more columns than rows (Eigen's blocked update of the trailing columns)"
    elif cols >= BLOCK:
        why = f"{BLOCK} or more columns (Eigen's blocked Householder updates, GEMM order)"
    if why is not None:
        raise errors.UnimplementedError(
            None, op, f"philoxflow reproduces TF's Qr (Eigen's HouseholderQR) bit for bit only "
                      f"for the reduced factorisation of a matrix with rows >= columns and "
                      f"fewer than {BLOCK} columns; not for a {rows}x{cols} matrix with {why}")


def batched_qr(a, full_matrices=False, op=None):
    """(q, r) of each matrix in the last two dimensions of `a`, as TF's Qr kernel."""
    a = np.asarray(a)
    if a.ndim < 2:
        raise ValueError(f"Shape must be at least rank 2 but is rank {a.ndim}")
    rows, cols = a.shape[-2:]
    k = min(rows, cols)
    q = np.zeros(a.shape[:-1] + (k,), a.dtype)
    r = np.zeros(a.shape[:-2] + (k, cols), a.dtype)
    if a.size:
        check_exact(rows, cols, full_matrices, op)
    for idx in np.ndindex(*a.shape[:-2]):
        q[idx], r[idx] = qr(a[idx])
    return q, r
