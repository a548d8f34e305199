"""Shape functions of TF 1.15's image, patch, segment and sequence ops (`core/ops/image_ops.cc`,
`array_ops.cc`, `math_ops.cc`, `nn_ops.cc`, `ctc_ops.cc`, `string_ops.cc`)."""

from __future__ import annotations

from .common_shapes import broadcast_shapes, register, scalar
from .nn_shapes import _pad, _window


def _ints(ctx, i, n):
    """The `n` integers of input `i` if known, else `n` unknowns."""
    v = ctx.value(i)
    if v is None:
        return [None] * n
    return [int(x) for x in v.ravel()]


@register("CropAndResize")
def _crop_and_resize(ctx):
    x = ctx.with_rank(ctx.input(0), 4)
    boxes = ctx.with_rank(ctx.input(1), 2)
    ind = ctx.with_rank(ctx.input(2), 1)
    n = ctx.merge_dim(boxes[0], ind[0])
    h, w = _ints(ctx, 3, 2)
    return [[n, h, w, x[3]]]


@register("ExtractGlimpse")
def _glimpse(ctx):
    x = ctx.with_rank(ctx.input(0), 4)
    h, w = _ints(ctx, 1, 2)
    return [[x[0], h, w, x[3]]]


def _max_output(ctx, i):
    return ctx.scalar_value(i) if ctx.attr("pad_to_max_output_size", False) else None


register("NonMaxSuppression", "NonMaxSuppressionV2", "NonMaxSuppressionV3",
         "NonMaxSuppressionWithOverlaps")(lambda ctx: [[None]])
register("NonMaxSuppressionV4")(lambda ctx: [[_max_output(ctx, 2)], []])
register("NonMaxSuppressionV5")(
    lambda ctx: [[_max_output(ctx, 2)], [_max_output(ctx, 2)], []])


@register("CombinedNonMaxSuppression")
def _combined_nms(ctx):
    boxes = ctx.with_rank(ctx.input(0), 4)
    ctx.with_rank(ctx.input(1), 3)
    total = ctx.scalar_value(3)
    batch = boxes[0]
    return [[batch, total, 4], [batch, total], [batch, total], [batch]]


@register("DrawBoundingBoxes", "DrawBoundingBoxesV2")
def _draw(ctx):
    return [ctx.with_rank(ctx.input(0), 4)]


register("SampleDistortedBoundingBox", "SampleDistortedBoundingBoxV2")(
    lambda ctx: [[3], [3], [1, 1, 4]])


@register("ExtractImagePatches")
def _patches(ctx):
    x = ctx.with_rank(ctx.input(0), 4)
    k, s, r = (list(ctx.attr(a)) for a in ("ksizes", "strides", "rates"))
    if len(k) != 4 or len(s) != 4 or len(r) != 4:
        ctx.error("ExtractImagePatches requires the ksizes, strides and rates attributes "
                  "to contain 4 values")
    pad = _pad(ctx)
    rows = _window(ctx, x[1], k[1], s[1], r[1], pad)
    cols = _window(ctx, x[2], k[2], s[2], r[2], pad)
    depth = None if x[3] is None else k[1] * k[2] * x[3]
    return [[x[0], rows, cols, depth]]


def _decode(ctx):
    channels = ctx.attr("channels", 0)
    return [[None, None, channels if channels else None]]


register("DecodeJpeg", "DecodePng", "DecodeBmp")(_decode)


@register("DecodeAndCropJpeg")
def _decode_crop(ctx):
    channels = ctx.attr("channels", 0)
    _, _, h, w = _ints(ctx, 1, 4)
    return [[h, w, channels if channels else None]]
register("DecodeGif")(lambda ctx: [[None, None, None, 3]])
register("EncodeJpeg", "EncodePng", "EncodeJpegVariableQuality")(scalar)
register("ExtractJpegShape")(lambda ctx: [[3]])


@register("Substr")
def _substr(ctx):
    return [broadcast_shapes(ctx, ctx.input(0), ctx.input(1))]




# -- sequence and segment ops of the numeric names (`math_ops.cc`, `array_ops.cc`)

register("Bincount")(lambda ctx: [[None]])
register("ListDiff")(lambda ctx: [[None], [None]])


@register("SparseSegmentSum", "SparseSegmentMean", "SparseSegmentSqrtN")
def _sparse_segment(ctx):
    data = ctx.input(0)
    ctx.with_rank(ctx.input(1), 1)
    ctx.with_rank(ctx.input(2), 1)
    return [None if data is None else [None] + list(ctx.with_rank_at_least(data, 1)[1:])]


@register("SparseSegmentSumWithNumSegments", "SparseSegmentMeanWithNumSegments",
          "SparseSegmentSqrtNWithNumSegments")
def _sparse_segment_n(ctx):
    data = ctx.input(0)
    n = ctx.scalar_value(3)
    return [None if data is None else [n] + list(ctx.with_rank_at_least(data, 1)[1:])]


@register("DynamicPartition")
def _dynamic_partition(ctx):
    data, parts = ctx.input(0), ctx.input(1)
    n = ctx.attr("num_partitions")
    if data is None or parts is None:
        return [None] * n
    return [[None] + list(data[len(parts):])] * n


@register("EditDistance")
def _edit_distance(ctx):
    h, t = ctx.value(2), ctx.value(5)
    if h is None or t is None:
        s = ctx.input(2)
        return [None if s is None or s[0] is None else [None] * (s[0] - 1)]
    return [[int(max(a, b)) for a, b in zip(h.ravel()[:-1], t.ravel()[:-1])]]


@register("QuantizeV2")
def _quantize(ctx):
    return [ctx.input(0), [], []]


@register("UnsortedSegmentSum", "UnsortedSegmentMax", "UnsortedSegmentMin",
          "UnsortedSegmentProd")
def _unsorted_segment(ctx):
    data, ids = ctx.input(0), ctx.input(1)
    n = ctx.scalar_value(2)
    if data is None or ids is None:
        return [None]
    return [[n] + list(data[len(ids):])]


# -- nn: morphology, fractional pooling, CTC (`nn_ops.cc`, `ctc_ops.cc`)

@register("Dilation2D")
def _dilation2d(ctx):
    x = ctx.with_rank(ctx.input(0), 4)
    f = ctx.with_rank(ctx.input(1), 3)
    s, r = list(ctx.attr("strides")), list(ctx.attr("rates"))
    pad = _pad(ctx)
    rows = _window(ctx, x[1], f[0], s[1], r[1], pad)
    cols = _window(ctx, x[2], f[1], s[2], r[2], pad)
    return [[x[0], rows, cols, ctx.merge_dim(x[3], f[2])]]


@register("FractionalMaxPool", "FractionalAvgPool")
def _fractional_pool(ctx):
    x = ctx.with_rank(ctx.input(0), 4)
    ratio = list(ctx.attr("pooling_ratio"))
    out = [None if d is None else int(d / r) for d, r in zip(x, ratio)]
    return [out, [out[1]], [out[2]]]  # TF's static shape (the run's sequences have one more)


@register("CTCLoss")
def _ctc_loss(ctx):
    x = ctx.with_rank(ctx.input(0), 3)
    idx = ctx.with_rank(ctx.input(1), 2)
    vals = ctx.with_rank(ctx.input(2), 1)
    seq = ctx.with_rank(ctx.input(3), 1)
    ctx.merge_dim(idx[0], vals[0])
    batch = ctx.merge_dim(x[1], seq[0])
    return [[batch], [x[0], batch, x[2]]]


@register("CTCGreedyDecoder")
def _ctc_greedy(ctx):
    x = ctx.with_rank(ctx.input(0), 3)
    seq = ctx.with_rank(ctx.input(1), 1)
    batch = ctx.merge_dim(x[1], seq[0])
    return [[None, 2], [None], [2], [batch, 1]]


@register("CTCBeamSearchDecoder")
def _ctc_beam(ctx):
    x = ctx.with_rank(ctx.input(0), 3)
    seq = ctx.with_rank(ctx.input(1), 1)
    batch = ctx.merge_dim(x[1], seq[0])
    k = ctx.attr("top_paths")
    return [[None, 2]] * k + [[None]] * k + [[2]] * k + [[batch, k]]


@register("ScatterNd")
def _scatter_nd(ctx):
    return [ctx.shape_from_tensor(2)]


# -- linear algebra (`linalg_ops.cc`): batch dims broadcast only where TF's do


def _square(ctx, s):
    s = ctx.with_rank_at_least(s, 2)
    if s is None:
        return None
    n = ctx.merge_dim(s[-2], s[-1])
    return list(s[:-2]) + [n, n]


@register("Cholesky", "MatrixInverse")
def _square_fn(ctx):
    return [_square(ctx, ctx.input(0))]


@register("MatrixSolve", "MatrixTriangularSolve")
def _matrix_solve(ctx):
    lhs, rhs = _square(ctx, ctx.input(0)), ctx.with_rank_at_least(ctx.input(1), 2)
    if lhs is None or rhs is None:
        return [None]
    if len(lhs) != len(rhs):
        ctx.error(f"Shapes must be equal rank, but are {len(lhs)} and {len(rhs)}")
    batch = [ctx.merge_dim(a, b) for a, b in zip(lhs[:-2], rhs[:-2])]
    ctx.merge_dim(lhs[-2], rhs[-2])
    return [batch + [lhs[-1], rhs[-1]]]


@register("MatrixSolveLs")
def _matrix_solve_ls(ctx):
    lhs = ctx.with_rank_at_least(ctx.input(0), 2)
    rhs = ctx.with_rank_at_least(ctx.input(1), 2)
    if lhs is None or rhs is None:
        return [None]
    batch = [ctx.merge_dim(a, b) for a, b in zip(lhs[:-2], rhs[:-2])]
    ctx.merge_dim(lhs[-2], rhs[-2])
    return [batch + [lhs[-1], rhs[-1]]]


@register("TridiagonalMatMul")
def _tridiagonal_matmul(ctx):
    return [ctx.input(3)]


@register("TridiagonalSolve")
def _tridiagonal_solve(ctx):
    return [ctx.input(1)]


# -- set operations (`set_ops.cc`)

@register("DenseToDenseSetOperation", "DenseToSparseSetOperation",
          "SparseToSparseSetOperation")
def _set_operation(ctx):
    s = ctx.input(0)
    if ctx.op_type == "SparseToSparseSetOperation":
        s = ctx.input(2)
        r = None if s is None else s[0]
    else:
        r = None if s is None else len(s)
    return [[None, r], [None], [r]]


@register("SetSize")
def _set_size(ctx):
    return [None]


@register("MatrixDeterminant")
def _determinant(ctx):
    s = _square(ctx, ctx.input(0))
    return [None if s is None else s[:-2]]


@register("LogMatrixDeterminant")
def _log_determinant(ctx):
    s = _square(ctx, ctx.input(0))
    return [None if s is None else s[:-2]] * 2
