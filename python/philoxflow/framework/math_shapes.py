"""Shape functions of TF 1.15's math ops (`core/ops/math_ops.cc`)."""

from __future__ import annotations

import numpy as np

from .common_shapes import broadcast, broadcast_shapes, cpp_str, register, scalar, unchanged

register(
    "Abs", "Acos", "Acosh", "Angle", "Asin", "Asinh", "Atan", "Atanh", "Ceil", "Conj", "Cos",
    "Cosh", "Digamma", "Erf", "Erfc", "Erfinv", "Exp", "Expm1", "Floor", "Imag", "Inv",
    "Invert", "IsFinite", "IsInf", "IsNan", "Lgamma", "Log", "Log1p", "LogicalNot", "Neg",
    "Real", "Reciprocal", "Rint", "Round", "Rsqrt", "Sigmoid", "Sign", "Sin", "Sinh", "Sqrt",
    "Square", "Tan", "Tanh", "Cast", "ClipByValue", "Cumsum", "Cumprod", "CumulativeLogsumexp",
    "ComplexAbs", "Ndtri", "BesselI0e", "BesselI1e", "RandomShuffle", "CheckNumerics",
    "PopulationCount", "StringLength", "AsString",
)(unchanged)


@register("StringJoin")
def _string_join(ctx):
    """TF's StringJoin shape: its non-scalar inputs' (one) shape, or a scalar."""
    out = []
    for i in range(ctx.num_inputs):
        s = ctx.input(i)
        if s is None:
            return [None]
        if s:
            if out and len(out) != len(s):
                raise ValueError(f"Shapes must be equal rank, but are {len(out)} and {len(s)}")
            out = [a if a is not None else b for a, b in zip(s, out or s)]
    return [out]

register(
    "Add", "AddV2", "Sub", "Mul", "Div", "RealDiv", "FloorDiv", "FloorMod", "Mod",
    "TruncateDiv", "TruncateMod", "Maximum", "Minimum", "Pow", "SquaredDifference", "Atan2",
    "DivNoNan", "MulNoNan", "Xdivy", "Xlogy", "Equal", "NotEqual", "Less", "LessEqual",
    "Greater", "GreaterEqual", "LogicalAnd", "LogicalOr", "BitwiseAnd", "BitwiseOr",
    "BitwiseXor", "LeftShift", "RightShift", "Igamma", "Igammac", "Zeta", "Polygamma",
    "ApproximateEqual", "Complex", "TruncatedDiv", "NextAfter", "Xlog1py",
)(broadcast)


@register("AddN", "AccumulateNV2")
def _add_n(ctx):
    out = None
    for s in ctx.shapes:
        out = ctx.merge(out, s)
    return [out]


@register("Sum", "Mean", "Max", "Min", "Prod", "All", "Any", "EuclideanNorm")
def _reduction(ctx):
    x, idx = ctx.input(0), ctx.input(1)
    ctx.with_rank_at_most(idx, 1)
    keep = bool(ctx.attr("keep_dims", False))
    if idx is not None and np.prod([d if d is not None else -1 for d in idx]) == 0:
        return [x]
    v = ctx.value(1)
    if v is None or x is None:
        if keep and x is not None:
            return [[None] * len(x)]
        return [None]
    rank = len(x)
    axes = set()
    for a in np.ravel(v):
        a = int(a)
        if a < -rank or a >= rank:
            ctx.error(f"Invalid reduction dimension {a} for input with {rank} dimensions.")
        axes.add(a % rank if rank else a)
    out = []
    for i, d in enumerate(x):
        if i in axes:
            if keep:
                out.append(1)
        else:
            out.append(d)
    return [out]


@register("ArgMax", "ArgMin")
def _arg_minmax(ctx):
    x = ctx.input(0)
    ctx.with_rank_at_most(ctx.input(1), 0)
    a = ctx.scalar_value(1)
    if a is None:
        if x is not None:
            if len(x) == 1:
                return [[]]
            return [[None] * (len(x) - 1)]
        return [None]
    if x is None:
        return [None]
    rank = len(x)
    if a < -rank or a >= rank:
        ctx.error(f"Dimension ({a}) must be in the range [{-rank}, {rank}), where {rank} is "
                  f"the number of dimensions in the input.")
    a %= rank
    return [x[:a] + x[a + 1:]]


@register("MatMul", "SparseMatMul")
def _matmul(ctx):
    a = ctx.with_rank(ctx.input(0), 2)
    b = ctx.with_rank(ctx.input(1), 2)
    ta, tb = ctx.attr("transpose_a", False), ctx.attr("transpose_b", False)
    m, k1 = (a[1], a[0]) if ta else (a[0], a[1])
    k2, n = (b[1], b[0]) if tb else (b[0], b[1])
    ctx.merge_dim(k1, k2)
    return [[m, n]]


@register("BatchMatMul", "BatchMatMulV2")
def _batch_matmul(ctx):
    a = ctx.with_rank_at_least(ctx.input(0), 2)
    b = ctx.with_rank_at_least(ctx.input(1), 2)
    if a is None or b is None:
        return [None]
    ax, ay = ctx.attr("adj_x", False), ctx.attr("adj_y", False)
    m = a[-1] if ax else a[-2]
    k1 = a[-2] if ax else a[-1]
    n = b[-2] if ay else b[-1]
    k2 = b[-1] if ay else b[-2]
    ctx.merge_dim(k1, k2)
    if ctx.op_type == "BatchMatMulV2":
        batch = broadcast_shapes(ctx, a[:-2], b[:-2])
    else:
        if len(a) != len(b):
            ctx.error(f"Shapes must be equal rank, but are {len(a)} and {len(b)}")
        batch = ctx.merge(a[:-2], b[:-2])
    return [list(batch) + [m, n]]


@register("Select")
def _select(ctx):
    c = ctx.input(0)
    out = ctx.merge(ctx.input(1), ctx.input(2))
    if c is None or out is None or len(c) == 0:
        return [out]
    if len(c) == 1 and len(out) > 1:
        ctx.merge_dim(c[0], out[0])  # checked, but TF's output is the data's shape
        return [out]
    return [ctx.merge(c, out)]


@register("SelectV2")
def _select_v2(ctx):
    te = broadcast_shapes(ctx, ctx.input(1), ctx.input(2))
    return [broadcast_shapes(ctx, ctx.input(0), te)]


@register("Range")
def _range(ctx):
    """TF's Range: scalar start, limit and delta (the rank error names which on its second
    line), and from constant ones the length, computed in the Tidx type as C++ does (a
    float length past int64 becomes its minimum, which no dimension takes)."""
    for i, what in enumerate(("start", "limit", "delta")):
        s = ctx.input(i)
        if s is not None and len(s) != 0:
            ctx.error(f"Shape must be rank 0 but is rank {len(s)}\n\t for '{what}'")
    vals = [ctx.value(i) for i in range(3)]
    if any(v is None for v in vals):
        return [[None]]
    start, limit, delta = (np.asarray(v)[()] for v in vals)
    if start > limit and delta > 0:
        ctx.error(f"Requires start <= limit when delta > 0: {cpp_str(start)}/{cpp_str(limit)}")
    if start < limit and delta < 0:
        ctx.error(f"Requires start >= limit when delta < 0: {cpp_str(start)}/{cpp_str(limit)}")
    if delta == 0:
        ctx.error("Requires delta != 0")
    if np.issubdtype(np.asarray(start).dtype, np.integer):
        n = (abs(int(limit) - int(start)) + abs(int(delta)) - 1) // abs(int(delta))
    else:
        with np.errstate(all="ignore"):
            f = np.ceil(np.abs((limit - start) / delta))
        from .ops import get_default_graph

        if f > 2**63 - 1 and get_default_graph()._target.seed_rule != "last_id":
            ctx.error(f"Requires ((limit - start) / delta) <= {2**63 - 1}")  # TF 2.x's check
        n = int(f) if np.isfinite(f) and abs(f) < 2.0**63 else -(2**63)
    if n < 0:
        raise ValueError(f"Dimension {n} must be >= 0")
    return [[n]]


@register("LinSpace")
def _linspace(ctx):
    n = ctx.scalar_value(2)
    return [[n]]


@register("L2Loss")
def _l2(ctx):
    return scalar(ctx)


@register("Bucketize", "ZerosLike", "OnesLike", "Relu", "Relu6", "Elu", "Selu", "Softplus",
          "Softsign", "LeakyRelu", "Softmax", "LogSoftmax", "StopGradient", "Identity",
          "PreventGradient", "Snapshot", "Enter", "Exit", "RefEnter", "RefExit",
          "NextIteration", "RefNextIteration", "RefIdentity", "DebugIdentity")
def _unchanged(ctx):
    return [ctx.input(0)]


@register("Einsum")
def _einsum(ctx):
    """Each output label's dimension from an input that knows it (the output's rank from
    the equation even for inputs of unknown rank); ellipses are left to run time."""
    eq = ctx.attr("equation")
    eq = (eq.decode() if isinstance(eq, bytes) else eq).replace(" ", "")
    if "->" not in eq or "." in eq:
        return [None]
    ins, out = eq.split("->")
    dims = {}
    for labels, shape in zip(ins.split(","), ctx.shapes):
        if shape is not None and len(shape) == len(labels):
            for label, d in zip(labels, shape):
                if d is not None:
                    dims.setdefault(label, d)
    return [[dims.get(label) for label in out]]
