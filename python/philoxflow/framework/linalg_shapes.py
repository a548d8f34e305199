"""Shape functions of the ops the orthogonal and identity initializers build
(`core/ops/linalg_ops.cc`, `array_ops.cc` of TF 1.15): Qr, DiagPart, MatrixDiag,
MatrixSetDiag, ScatterNd."""

from __future__ import annotations

from .common_shapes import register


def _min(a, b):
    return None if a is None or b is None else min(a, b)


@register("Qr")
def _qr(ctx):
    s = ctx.with_rank_at_least(ctx.input(0), 2)
    if s is None:
        return [None, None]
    *batch, m, n = s
    if ctx.attr("full_matrices", False):
        return [batch + [m, m], batch + [m, n]]
    p = _min(m, n)
    return [batch + [m, p], batch + [p, n]]


@register("DiagPart")
def _diag_part(ctx):
    s = ctx.input(0)
    if s is None:
        return [None]
    if len(s) % 2:
        ctx.error(f"Input must have even rank <= 6, input rank is {len(s)}")
    half = len(s) // 2
    out = []
    for a, b in zip(s[:half], s[half:]):
        if a is not None and b is not None and a != b:
            ctx.error(f"Dimensions must be equal, but are {a} and {b}")
        out.append(a if a is not None else b)
    return [out]


@register("MatrixDiag")
def _matrix_diag(ctx):
    s = ctx.with_rank_at_least(ctx.input(0), 1)
    return [None if s is None else s + [s[-1]]]


@register("MatrixSetDiag")
def _matrix_set_diag(ctx):
    s = ctx.with_rank_at_least(ctx.input(0), 2)
    return [s]


@register("ScatterNd")
def _scatter_nd(ctx):
    return [ctx.shape_from_tensor(2)]
