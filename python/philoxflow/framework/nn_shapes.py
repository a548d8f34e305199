"""Shape functions of TF 1.15's neural-network ops (`core/ops/nn_ops.cc`, `image_ops.cc`)."""

from __future__ import annotations

from .common_shapes import register, scalar


def _fmt(ctx):
    f = ctx.attr("data_format", b"NHWC")
    return f.decode() if isinstance(f, bytes) else f


def _window(ctx, size, k, s, d, padding):
    """TF's `GetWindowedOutputSizeFromDims`."""
    if size is None or k is None:
        return None
    eff = (k - 1) * d + 1
    if padding == "VALID":
        out = (size - eff + s) // s
        if out < 0:
            ctx.error(f"Negative dimension size caused by subtracting {eff} from {size}")
        return out
    return (size + s - 1) // s


def _pad(ctx):
    p = ctx.attr("padding", b"VALID")
    return p.decode() if isinstance(p, bytes) else p


@register("BiasAdd", "BiasAddV1")
def _bias_add(ctx):
    x, b = ctx.input(0), ctx.with_rank(ctx.input(1), 1)
    if x is None:
        return [None]
    ctx.with_rank_at_least(x, 2)
    c = 1 if _fmt(ctx) == "NCHW" and ctx.op_type == "BiasAdd" else len(x) - 1
    out = list(x)
    out[c] = ctx.merge_dim(x[c], b[0])
    return [out]


def _conv(ctx, nd, depthwise=False, pool=False):
    x = ctx.with_rank(ctx.input(0), nd + 2)
    fmt = _fmt(ctx)
    first = fmt.startswith("NC")
    sp = list(range(2, 2 + nd)) if first else list(range(1, 1 + nd))
    cdim = 1 if first else nd + 1
    strides = [int(v) for v in ctx.attr("strides")]
    dil = [int(v) for v in ctx.attr("dilations", [1] * (nd + 2)) or [1] * (nd + 2)]
    if pool:
        ks = [int(v) for v in ctx.attr("ksize")]
        k = [ks[i] for i in sp]
        out_c = x[cdim]
    else:
        f = ctx.with_rank(ctx.input(1), nd + 2)
        k = f[:nd]
        ctx.merge_dim(x[cdim], f[nd])
        if depthwise:
            out_c = None if x[cdim] is None or f[nd + 1] is None else x[cdim] * f[nd + 1]
            if x[cdim] is None and f[nd] is not None and f[nd + 1] is not None:
                out_c = f[nd] * f[nd + 1]
        else:
            out_c = f[nd + 1]
    pad = _pad(ctx)
    outs = [_window(ctx, x[i], k[j], strides[i], 1 if pool else dil[i], pad)
            for j, i in enumerate(sp)]
    if first:
        return [[x[0], out_c] + outs]
    return [[x[0]] + outs + [out_c]]


register("Conv2D")(
    lambda ctx: _conv(ctx, 2))
register("Conv3D")(lambda ctx: _conv(ctx, 3))
register("DepthwiseConv2dNative")(lambda ctx: _conv(ctx, 2, depthwise=True))
register("MaxPool", "AvgPool")(lambda ctx: _conv(ctx, 2, pool=True))
register("MaxPool3D", "AvgPool3D")(lambda ctx: _conv(ctx, 3, pool=True))


@register("Conv2DBackpropInput", "Conv3DBackpropInputV2", "DepthwiseConv2dNativeBackpropInput")
def _conv_backprop_input(ctx):
    return [ctx.shape_from_tensor(0)]


@register("Conv2DBackpropFilter", "Conv3DBackpropFilterV2")
def _conv_backprop_filter(ctx):
    return [ctx.shape_from_tensor(1)]


@register("FusedBatchNorm", "FusedBatchNormV2", "FusedBatchNormV3")
def _fused_bn(ctx):
    x = ctx.with_rank(ctx.input(0), 4)
    c = x[1] if _fmt(ctx) == "NCHW" else x[3]
    for i in range(1, 3 if ctx.attr("is_training", True) else 5):
        s = ctx.with_rank(ctx.input(i), 1)
        c = ctx.merge_dim(c, s[0])
    y = list(x)
    y[1 if _fmt(ctx) == "NCHW" else 3] = c
    # V3's reserve_space_3 is left unknown by TF 1.15's shape function.
    return [y] + [[c]] * 4 + ([None] if ctx.op_type == "FusedBatchNormV3" else [])


@register("SoftmaxCrossEntropyWithLogits")
def _xent(ctx):
    f, lab = ctx.input(0), ctx.input(1)
    if f is not None and lab is not None and len(f) == 2 and len(lab) == 2:
        from .common_shapes import broadcast_shapes
        out = broadcast_shapes(ctx, f, lab)
        return [[out[0]], out]
    f = ctx.with_rank(f, 2)
    lab = ctx.with_rank(lab, 2)
    out = ctx.merge(f, lab)
    return [[out[0]], out]


@register("SparseSoftmaxCrossEntropyWithLogits")
def _sparse_xent(ctx):
    f = ctx.with_rank(ctx.input(0), 2)
    lab = ctx.with_rank(ctx.input(1), 1)
    b = ctx.merge_dim(f[0], lab[0])
    return [[b], [b, f[1]]]


@register("TopKV2", "TopK")
def _top_k(ctx):
    x = ctx.with_rank_at_least(ctx.input(0), 1)
    k = ctx.scalar_value(1) if ctx.op_type == "TopKV2" else int(ctx.attr("k"))
    if x is None:
        return [None, None]
    if k is not None and x[-1] is not None and x[-1] < k:
        ctx.error(f"input must have last dimension >= k = {k} but is {x[-1]}")
    out = x[:-1] + [k]
    return [out, out]


@register("InTopKV2", "InTopK")
def _in_top_k(ctx):
    p = ctx.with_rank(ctx.input(0), 2)
    t = ctx.with_rank(ctx.input(1), 1)
    return [[ctx.merge_dim(p[0], t[0])]]


@register("ResizeBilinear", "ResizeNearestNeighbor", "ResizeBicubic", "ResizeArea")
def _resize(ctx):
    x = ctx.with_rank(ctx.input(0), 4)
    size = ctx.value(1)
    if size is None:
        return [[x[0], None, None, x[3]]]
    h, w = (int(v) for v in size.ravel())
    return [[x[0], h, w, x[3]]]


@register("L2Loss")
def _l2(ctx):
    return scalar(ctx)


def _dim(s, i):
    return None if s is None else s[i]


@register("LSTMBlockCell")
def _lstm_block_cell(ctx):
    """Seven `[batch, cell_size]` outputs: batch from x, cell size from cs_prev."""
    x, cs_prev = ctx.with_rank(ctx.input(0), 2), ctx.with_rank(ctx.input(1), 2)
    return [[_dim(x, 0), _dim(cs_prev, 1)]] * 7


@register("GRUBlockCell")
def _gru_block_cell(ctx):
    x, h_prev = ctx.with_rank(ctx.input(0), 2), ctx.with_rank(ctx.input(1), 2)
    return [[_dim(x, 0), _dim(h_prev, 1)]] * 4


@register("BlockLSTM")
def _block_lstm(ctx):
    """Seven `[time, batch, cell_size]` outputs (cell size: the bias's length / 4)."""
    x = ctx.with_rank(ctx.input(1), 3)
    b = ctx.with_rank(ctx.input(8), 1)
    cell = _dim(b, 0)
    if cell is not None:
        if cell % 4:
            ctx.error(f"Dimension size must be evenly divisible by 4 but is {cell}")
        cell //= 4
    return [[_dim(x, 0), _dim(x, 1), cell]] * 7


@register("LSTMBlockCellGrad")
def _lstm_block_cell_grad(ctx):
    x, cs_prev = ctx.with_rank(ctx.input(0), 2), ctx.with_rank(ctx.input(1), 2)
    cell = _dim(cs_prev, 1)
    vec = [cell]
    return [cs_prev, [_dim(x, 0), None if cell is None else 4 * cell], vec, vec, vec]


@register("BlockLSTMGrad")
def _block_lstm_grad(ctx):
    return [ctx.input(i) for i in range(1, 9)]


@register("GRUBlockCellGrad")
def _gru_block_cell_grad(ctx):
    x, h_prev = ctx.with_rank(ctx.input(0), 2), ctx.with_rank(ctx.input(1), 2)
    cell = _dim(h_prev, 1)
    return [x, h_prev, [_dim(x, 0), cell], [_dim(x, 0), None if cell is None else 2 * cell]]


@register("BiasAddGrad")
def _bias_add_grad(ctx):
    """The bias's `[channels]`: the last dimension, or the third from last for NCHW."""
    x = ctx.with_rank_at_least(ctx.input(0), 2)
    if x is None:
        return [[None]]
    return [[x[-3] if _fmt(ctx) == "NCHW" and len(x) > 2 else x[-1]]]


# The string ops feature columns hash with: outputs shaped as their input.
register("StringToHashBucketFast", "StringToHashBucketStrong", "StringToHashBucket",
         "AsString")(lambda ctx: [ctx.input(0)])


@register("GenerateVocabRemapping")
def _generate_vocab_remapping(ctx):
    return [[ctx.attr("num_new_vocab")], []]


@register("LoadAndRemapMatrix")
def _load_and_remap_matrix(ctx):
    return [[ctx.attr("num_rows"), ctx.attr("num_cols")]]


@register("LRN")
def _lrn(ctx):
    return [ctx.with_rank(ctx.input(0), 4)]
