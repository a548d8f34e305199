"""Shape functions of TF 1.15's image, patch and sequence ops without kernels here
(`core/ops/image_ops.cc`, `array_ops.cc`, `nn_ops.cc`, `ctc_ops.cc`, `string_ops.cc`)."""

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


