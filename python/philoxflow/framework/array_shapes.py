"""Shape functions of TF 1.15's array, state, control-flow and random ops
(`core/ops/array_ops.cc`, `state_ops.cc`, `random_ops.cc`, ...)."""

from __future__ import annotations

import numpy as np

from .common_shapes import _debug, from_attr, register, scalar, shape_from_input, unchanged
from .tensor_shape import TensorShape

register("Placeholder", "VariableV2", "PlaceholderV2", "VarHandleOp")(from_attr("shape"))
register("RandomUniform", "RandomStandardNormal", "TruncatedNormal", "RandomUniformInt",
         "StatelessRandomUniform", "StatelessRandomNormal", "StatelessTruncatedNormal",
         "StatelessRandomUniformInt", "ParameterizedTruncatedNormal",
         "StatelessRandomUniformFullInt")(shape_from_input(0, strict=True))
register("Empty")(shape_from_input(0))


@register("Fill")
def _fill(ctx):
    """TF's Fill: a rank-1 shape and a scalar value; no dimension below zero."""
    ctx.with_rank(ctx.shapes[1], 0)
    out = shape_from_input(0, strict=True)(ctx)
    v = ctx.peek(0)
    if v is not None and np.any(np.asarray(v) < 0):
        ctx.error("Fill dimensions must be >= 0")
    return out
register("ReverseV2", "MatrixBandPart", "Reverse", "Roll",
         "RefIdentity")(unchanged)
register("Size", "Rank", "IsVariableInitialized", "VarIsInitializedOp")(scalar)


@register("Const")
def _const(ctx):
    v = ctx.attr("value")
    return [None if v is None else list(np.shape(v))]


@register("PlaceholderWithDefault")
def _placeholder_default(ctx):
    """The `shape` attr, which the default value's shape must merge with (TF's check)."""
    s = ctx.attr("shape")
    out = None if s is None or TensorShape(s).rank is None else TensorShape(s).as_list()
    x = ctx.input(0)
    if x is not None and out is not None:
        if len(x) != len(out):
            ctx.error(f"Shapes must be equal rank, but are {len(x)} and {len(out)}")
        for i, (a, b) in enumerate(zip(x, out)):
            if a is not None and b is not None and a != b:
                ctx.error(f"Dimension {i} in both shapes must be equal, but are {a} and {b}. "
                          f"Shapes are {_debug(x)} and {_debug(out)}.")
    return [out]


@register("Shape")
def _shape(ctx):
    s = ctx.input(0)
    return [[None if s is None else len(s)]]


@register("ShapeN")
def _shape_n(ctx):
    return [[None if s is None else len(s)] for s in ctx.shapes]


@register("Identity", "StopGradient", "Snapshot")
def _identity(ctx):
    return [ctx.input(0)]


@register("Reshape")
def _reshape(ctx):
    """TF's `SetOutputShapeForReshape`: a single unknown output dimension is inferred
    from a fully known input (or equals the input's single unknown one)."""
    x = ctx.input(0)
    out = shape_from_input(1, strict=True)(ctx)[0]
    if out is None or x is None:
        return [out]
    out = list(out)
    out_unknown = [i for i, d in enumerate(out) if d is None]
    in_unknown = [i for i, d in enumerate(x) if d is None]
    if len(out_unknown) > 1 or len(in_unknown) > 1:
        return [out]
    out_known = int(np.prod([d for d in out if d is not None], dtype=np.int64))
    in_known = int(np.prod([d for d in x if d is not None], dtype=np.int64))
    if not in_unknown and not out_unknown:
        if in_known != out_known:
            ctx.error(f"Cannot reshape a tensor with {in_known} elements to shape "
                      f"{_shape_str(out)} ({out_known} elements)")
    elif not in_unknown and out_known > 0:
        if in_known % out_known:
            ctx.error(f"Dimension size must be evenly divisible by {out_known} but is "
                      f"{in_known}")
        out[out_unknown[0]] = in_known // out_known
    elif in_unknown and out_unknown and in_known == out_known:
        out[out_unknown[0]] = x[in_unknown[0]]
    return [out]


def _shape_str(v):
    return "[" + ",".join(str(int(d)) for d in np.ravel(v)) + "]"


@register("ExpandDims")
def _expand_dims(ctx):
    x = ctx.input(0)
    v = ctx.value(1)
    if v is None or x is None:
        return [None]
    if np.size(v) != 1:
        ctx.error("'dim' input must be a tensor with a single value")
    d = int(np.ravel(v)[0])
    rank = len(x)
    if d < -1 - rank or d > rank:
        ctx.error(f"Invalid dimension: {d}")
    if d < 0:
        d += rank + 1
    return [x[:d] + [1] + x[d:]]


@register("Squeeze")
def _squeeze(ctx):
    x = ctx.input(0)
    if x is None:
        return [None]
    axes = [int(a) for a in ctx.attr("squeeze_dims", []) or []]
    rank = len(x)
    for a in axes:
        if a < -rank or a >= rank:
            ctx.error(f"Tried to squeeze dim index {a} for tensor with {rank} dimensions.")
    wanted = {a % rank for a in axes} if rank else set()
    out = []
    for i, d in enumerate(x):
        if wanted:
            if i in wanted:
                if d is not None and d != 1:
                    ctx.error(f"Can not squeeze dim[{i}], expected a dimension of 1, got {d}")
                continue
            out.append(d)
        else:
            if d is None:
                return [None]
            if d != 1:
                out.append(d)
    return [out]


@register("Transpose", "ConjugateTranspose")
def _transpose(ctx):
    x, p = ctx.input(0), ctx.input(1)
    v = ctx.value(1)
    rank = len(x) if x is not None else (p[0] if p is not None and len(p) == 1 else None)
    if v is None:
        return [None if rank is None else [None] * rank]
    perm = [int(i) for i in np.ravel(v)]
    if x is None:
        return [[None] * len(perm)]
    if len(perm) != len(x):
        ctx.error(f"Dimension must be {len(x)} but is {len(perm)}")
    for i in perm:
        if i < 0 or i >= len(x):
            ctx.error(f"perm dim {i} is out of range of input rank {len(x)}")
    return [[x[i] for i in perm]]


def _concat(ctx, values, axis_i):
    shapes = [ctx.input(i) for i in values]
    v = ctx.value(axis_i)
    if v is None:
        rank = next((len(s) for s in shapes if s is not None), None)
        for s in shapes:
            if s is not None and len(s) != rank:
                ctx.error(f"Shape must be rank {rank} but is rank {len(s)}")
        return [None if rank is None else [None] * rank]
    a = int(np.ravel(v)[0])
    rank = next((len(s) for s in shapes if s is not None), None)
    if rank is None:
        return [None]
    if a < -rank or a >= rank:
        ctx.error(f"ConcatOp : Expected concatenating dimensions in the range [{-rank}, "
                  f"{rank}), but got {a}")
    a %= rank
    out = None
    total = 0
    for s in shapes:
        if s is None:
            total = None
            continue
        if len(s) != rank:
            ctx.error(f"Shape must be rank {rank} but is rank {len(s)}")
        rest = s[:a] + s[a + 1:]
        out = rest if out is None else ctx.merge(out, rest)
        if total is not None:
            total = None if s[a] is None else total + s[a]
    return [out[:a] + [total] + out[a:]]


@register("ConcatV2")
def _concat_v2(ctx):
    return _concat(ctx, range(ctx.num_inputs - 1), ctx.num_inputs - 1)


@register("Concat")
def _concat_v1(ctx):
    return _concat(ctx, range(1, ctx.num_inputs), 0)


@register("Pack")
def _pack(ctx):
    """TF's Pack: the inputs' shapes merged from the last one back."""
    out = ctx.shapes[-1] if ctx.shapes else None
    for i in range(ctx.num_inputs - 2, -1, -1):
        out = ctx.merge(ctx.shapes[i], out, f"\n\tFrom merging shape {i} with other shapes.")
    if out is None:
        return [None]
    rank = len(out) + 1
    a = int(ctx.attr("axis", 0))
    if a < -rank or a >= rank:
        ctx.error(f"Invalid axis: {a}; must be in [{-rank},{rank})")
    a %= rank
    return [out[:a] + [ctx.num_inputs] + out[a:]]


@register("Unpack")
def _unpack(ctx):
    x = ctx.input(0)
    n = int(ctx.attr("num"))
    if x is None:
        return [None] * n
    a = int(ctx.attr("axis", 0))
    rank = len(x)
    if a < -rank or a >= rank:
        ctx.error(f"Invalid axis: {a}; must be in [{-rank},{rank})")
    a %= rank
    ctx.merge_dim(x[a], n)
    return [x[:a] + x[a + 1:]] * n


@register("Split")
def _split(ctx):
    n = int(ctx.attr("num_split"))
    x = ctx.input(1)
    a = ctx.scalar_value(0)
    if a is None or x is None:
        return [None if x is None else [None] * len(x)] * n
    rank = len(x)
    if a < -rank or a >= rank:
        ctx.error(f"Dimension must be in range [{-rank}, {rank}), but got {a}")
    a %= rank
    d = x[a]
    if d is not None and d % n:
        ctx.error(f"Dimension size must be evenly divisible by {n} but is {d}")
    return [x[:a] + [None if d is None else d // n] + x[a + 1:]] * n


@register("SplitV")
def _split_v(ctx):
    n = int(ctx.attr("num_split"))
    x = ctx.input(0)
    a = ctx.scalar_value(2)
    sizes = ctx.value(1)
    if x is None or a is None:
        return [None if x is None else [None] * len(x)] * n
    rank = len(x)
    a %= rank
    if sizes is None:
        return [x[:a] + [None] + x[a + 1:]] * n
    sizes = [int(s) for s in np.ravel(sizes)]
    if -1 in sizes and x[a] is not None:
        rest = sum(s for s in sizes if s != -1)
        sizes = [x[a] - rest if s == -1 else s for s in sizes]
    return [x[:a] + [None if s < 0 else s] + x[a + 1:] for s in sizes]


@register("Tile")
def _tile(ctx):
    x = ctx.input(0)
    m = ctx.with_rank(ctx.input(1), 1)
    if x is not None and m[0] is not None and m[0] != len(x):
        # TF reads multiples as a shape of the input's rank
        ctx.error(f"Shape must be rank {len(x)} but is rank {m[0]}")
    rank = len(x) if x is not None else m[0]
    v = ctx.peek(1)  # (read as a shape: a multiple below -1 is refused)
    for d in (() if v is None else np.ravel(v)):
        if int(d) < -1:
            raise ValueError(f"Invalid value in tensor used for shape: {int(d)}")
    mult = ctx.shape_from_tensor(1)
    if mult is None:
        return [None if rank is None else [None] * rank]
    if x is None:
        return [[None] * len(mult)]
    return [[None if d is None or k is None else d * k for d, k in zip(x, mult)]]


@register("Slice")
def _slice(ctx):
    b_shape = ctx.with_rank(ctx.shapes[1], 1)
    s_shape = ctx.with_rank(ctx.shapes[2], 1)
    if b_shape[0] is not None and s_shape[0] is not None and b_shape[0] != s_shape[0]:
        ctx.error(f"Dimension 0 in both shapes must be equal, but are {b_shape[0]} and "
                  f"{s_shape[0]}. Shapes are [{b_shape[0]}] and [{s_shape[0]}].")
    n = b_shape[0] if b_shape[0] is not None else s_shape[0]
    if n is not None:
        ctx.with_rank(ctx.shapes[0], n)
    x = ctx.input(0)
    b, s = ctx.value(1), ctx.value(2)
    n = ctx.input(1)[0] if ctx.input(1) is not None else None
    if x is None:
        if s is not None:
            return [[None if int(d) == -1 else int(d) for d in np.ravel(s)]]
        return [None if n is None else [None] * n]
    if s is None:
        return [[None] * len(x)]
    out = []
    for i, (d, sz) in enumerate(zip(x, np.ravel(s))):
        sz = int(sz)
        if sz == -1:
            bi = None if b is None else int(np.ravel(b)[i])
            out.append(None if d is None or bi is None else d - bi)
        else:
            out.append(sz)
    return [out]


@register("GatherV2", "ResourceGather", "Gather")
def _gather(ctx):
    if ctx.op_type == "ResourceGather":
        return [None]
    p, idx = ctx.input(0), ctx.input(1)
    a = 0 if ctx.op_type == "Gather" else ctx.scalar_value(2)
    bd = int(ctx.attr("batch_dims", 0) or 0)
    if p is None or idx is None:
        return [None]
    if a is None:
        return [[None] * (len(p) + len(idx) - 1 - bd)]
    rank = len(p)
    if a < -rank or a >= rank:
        ctx.error(f"Shape must be at least rank {a + 1} but is rank {rank}")
    a %= rank
    return [p[:a] + idx[bd:] + p[a + 1:]]


@register("OneHot")
def _one_hot(ctx):
    """TF's OneHot: a non-negative scalar depth, inserted at `axis` (-1: last)."""
    a = int(ctx.attr("axis", -1))
    if a < -1:
        ctx.error("axis must be >= -1")
    depth = ctx.dim_for_scalar_input(1)
    idx = ctx.input(0)
    if idx is None:
        return [None]
    pos = (a + len(idx) + 1) % (len(idx) + 1)
    return [idx[:pos] + [depth] + idx[pos:]]


@register("Pad", "PadV2", "MirrorPad")
def _pad(ctx):
    x, p = ctx.input(0), ctx.input(1)
    v = ctx.value(1)
    rank = len(x) if x is not None else (p[0] if p is not None else None)
    if v is None:
        return [None if rank is None else [None] * rank]
    v = np.asarray(v).reshape(-1, 2)
    if x is None:
        return [[None] * len(v)]
    if len(v) != len(x):
        ctx.error(f"Dimension must be {len(x)} but is {len(v)}")
    return [[None if d is None else d + int(a) + int(b) for d, (a, b) in zip(x, v)]]


@register("BroadcastTo")
def _broadcast_to(ctx):
    """TF's BroadcastTo: the shape input's shape, checked against the input's from the
    right (of no higher rank; a dimension above 1 must equal the output's)."""
    x, s = ctx.input(0), ctx.shapes[1]
    if x is not None and s is not None and len(s) == 1 and s[0] is not None:
        ctx.with_rank_at_most(x, s[0])  # (TF's first pass knows the output's rank alone)
    out = shape_from_input(1, strict=True)(ctx)[0]
    if out is None or x is None:
        return [out]
    ctx.with_rank_at_most(x, len(out))
    out = list(out)
    for i in range(1, len(x) + 1):
        if x[-i] is not None and x[-i] > 1:
            out[-i] = ctx.merge_dim(x[-i], out[-i])
    return [out]


@register("BroadcastArgs")
def _broadcast_args(ctx):
    a, b = ctx.input(0), ctx.input(1)
    if a is None or b is None or a[0] is None or b[0] is None:
        return [[None]]
    return [[max(a[0], b[0])]]


@register("Where")
def _where(ctx):
    x = ctx.input(0)
    return [[None, None if x is None else len(x)]]


@register("Unique")
def _unique(ctx):
    return [[None], ctx.input(0)]


@register("Switch", "RefSwitch")
def _switch(ctx):
    return [ctx.input(0), ctx.input(0)]


@register("Merge", "RefMerge")
def _merge(ctx):
    out = ctx.input(0)
    for s in ctx.shapes[1:]:
        if out is None or s is None or len(out) != len(s):
            out = None
            break
        out = [a if a == b else None for a, b in zip(out, s)]
    return [out, []]


@register("Assign")
def _assign(ctx):
    if ctx.attr("validate_shape", True):
        return [ctx.merge(ctx.input(0), ctx.input(1))]
    return [ctx.input(1)]


@register("AssignAdd", "AssignSub")
def _assign_add(ctx):
    return [ctx.merge(ctx.input(0), ctx.input(1))]


@register("Multinomial", "StatelessMultinomial")
def _multinomial(ctx):
    """TF's Multinomial: [batch, num_samples] from rank-2 logits and a scalar count."""
    logits = ctx.with_rank(ctx.input(0), 2)
    ctx.with_rank(ctx.input(1), 0)
    return [[logits[0], ctx.dim_for_scalar_input(1)]]


@register("RandomGamma", "RandomPoissonV2", "RandomPoisson")
def _random_gamma(ctx):
    s = ctx.shape_from_tensor(0)
    a = ctx.input(1)
    if s is None or a is None:
        return [None]
    return [s + a]


@register("SparseTensorDenseAdd")
def _sparse_tensor_dense_add(ctx):
    return [ctx.input(3)]  # the dense operand's shape, as TF's shape function


@register("ParallelConcat")
def _parallel_concat(ctx):
    shape = TensorShape(ctx.attr("shape"))
    if not shape.is_fully_defined():
        ctx.error("shape attr must be fully defined.")
    return [shape.as_list()]


@register("SparseToDense")
def _sparse_to_dense(ctx):
    return [ctx.shape_from_tensor(1)]


@register("DepthToSpace", "SpaceToDepth")
def _depth_space(ctx):
    x = ctx.with_rank(ctx.input(0), 4)
    b = int(ctx.attr("block_size"))
    n, h, w, c = x
    if ctx.op_type == "DepthToSpace":
        return [[n, None if h is None else h * b, None if w is None else w * b,
                 None if c is None else c // (b * b)]]
    return [[n, None if h is None else h // b, None if w is None else w // b,
             None if c is None else c * b * b]]


@register("StridedSlice")
def _strided_slice(ctx):
    x = ctx.input(0)
    strides = ctx.value(3)
    b_shape = ctx.input(1)
    if x is None or strides is None or b_shape is None or b_shape[0] is None:
        return [None]
    masks = [int(ctx.attr(k, 0)) for k in ("begin_mask", "end_mask", "ellipsis_mask",
                                          "new_axis_mask", "shrink_axis_mask")]
    return [slice_shape(ctx, x, ctx.value(1), ctx.value(2), strides, masks)]


def slice_shape(ctx, dims, begin, end, strides, masks):
    """TF's `ValidateStridedSliceOp` on a partial shape: a dimension is unknown where its
    size, begin or end (unmasked) is."""
    begin_m, end_m, ell_m, new_m, shrink_m = masks
    strides = [int(s) for s in np.ravel(strides)]
    n = len(strides)
    begin = None if begin is None else [int(v) for v in np.ravel(begin)]
    end = None if end is None else [int(v) for v in np.ravel(end)]
    out = []
    d = 0
    saw_ellipsis = False
    for i in range(n):
        if ell_m & (1 << i):
            if saw_ellipsis:
                continue
            saw_ellipsis = True
            later = sum(1 for j in range(i + 1, n) if not new_m & (1 << j))
            while d < len(dims) - later:
                out.append(dims[d])
                d += 1
            continue
        if new_m & (1 << i):
            out.append(1)
            continue
        if d >= len(dims):
            if ctx is not None:
                ctx.error(f"Index out of range using input dim {d}; input has only "
                          f"{len(dims)} dims")
            return None
        size, s = dims[d], strides[i]
        if s == 0:
            if ctx is not None:
                ctx.error(f"strides[{i}] must be non-zero")
            return None
        d += 1
        bi = None if begin is None else begin[i]
        ei = None if end is None else end[i]
        if shrink_m & (1 << i):
            if size is not None and bi is not None and ctx is not None:
                idx = bi + size if bi < 0 else bi
                if idx < 0 or idx >= size:
                    ctx.error(f"slice index {bi} of dimension {d - 1} out of bounds")
            continue
        if size is None:
            full = begin_m & (1 << i) and end_m & (1 << i) and s == 1
            out.append(None if not full else size)
            continue
        lo, hi = (0, size) if s > 0 else (-1, size - 1)
        if begin_m & (1 << i):
            b = 0 if s > 0 else size - 1
        elif bi is None:
            out.append(None)
            continue
        else:
            b = bi + (size if bi < 0 else 0)
            b = min(max(b, lo), hi)
        if end_m & (1 << i):
            e = size if s > 0 else -1
        elif ei is None:
            out.append(None)
            continue
        else:
            e = ei + (size if ei < 0 else 0)
            e = min(max(e, lo), hi)
        out.append(max(0, -(-(e - b) // s)) if s > 0 else max(0, -(-(b - e) // -s)))
    out.extend(dims[d:])
    return out


def strided_slice_of_shape(op):
    """`ConstantPartialShape` of `StridedSlice(Shape(x), ...)`: the sliced dims of x."""
    from .tensor_util import constant_value

    x = op.inputs[0].op.inputs[0].shape
    if x.rank is None:
        return None
    vals = [constant_value(i) for i in op.inputs[1:]]
    if any(v is None for v in vals) or np.size(vals[0]) != 1:
        return None
    masks = [int(op.get_attr(k)) for k in ("begin_mask", "end_mask", "ellipsis_mask",
                                          "new_axis_mask", "shrink_axis_mask")]
    if masks[2] or masks[3] or masks[4]:
        return None
    dims = x.as_list()
    idx = list(range(len(dims)))
    sel = slice_indices(idx, vals, masks)
    if sel is None:
        return None
    return TensorShape([dims[i] for i in sel])


def slice_indices(idx, vals, masks):
    b, e, s = (int(np.ravel(v)[0]) for v in vals)
    n = len(idx)
    start = None if masks[0] & 1 else b
    stop = None if masks[1] & 1 else e
    try:
        return idx[slice(start, stop, s)] if n else []
    except ValueError:
        return None
