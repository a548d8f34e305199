"""Gradients of array ops (TF's `array_grad.py`), op for op as TF 1.15 builds them."""

from __future__ import annotations

from ..framework import dtypes as _dtypes
from ..framework.indexed_slices import IndexedSlices
from ..framework.ops import Tensor
from . import _grad_ops as _g
from . import array_ops, math_ops
from .array_ops_ext import unstack
from .gen import apply_op
from .gradients_impl import NotDifferentiable, RegisterGradient


@RegisterGradient("Identity")
@RegisterGradient("PlaceholderWithDefault")
@RegisterGradient("RefIdentity")
def _id_grad(_, grad):
    return grad


def _reshape_to_input(op, grad):
    # TF densifies an IndexedSlices inside Reshape's scope, after the Shape
    shape = array_ops.shape(op.inputs[0])
    return array_ops.reshape(grad, shape)


def _dense(grad):
    """An IndexedSlices where a tensor is needed (TF warns and densifies)."""
    if isinstance(grad, IndexedSlices):
        return convert_slices_to_dense(grad)
    return grad


def convert_slices_to_dense(value, name=None):
    """TF's IndexedSlices to Tensor conversion: UnsortedSegmentSum of the values."""
    if value.dense_shape is None:
        raise ValueError(f"Tensor conversion requested for IndexedSlices without dense_shape: "
                         f"{value.name}")
    out = _g.unsorted_segment_sum(value.values, value.indices, value.dense_shape[0], name=name)
    dense = array_ops.constant_value(value.dense_shape)
    if dense is not None:
        out.set_shape([int(d) for d in dense])
    return out


@RegisterGradient("Reshape")
def _reshape_grad(op, grad):
    return [_reshape_to_input(op, grad), None]


@RegisterGradient("ExpandDims")
def _expand_dims_grad(op, grad):
    return [_reshape_to_input(op, grad), None]


@RegisterGradient("Squeeze")
def _squeeze_grad(op, grad):
    return _reshape_to_input(op, grad)


@RegisterGradient("Transpose")
def _transpose_grad(op, grad):
    p = op.inputs[1]
    return [array_ops.transpose(grad, _g.invert_permutation(p)), None]


@RegisterGradient("Pack")
def _pack_grad(op, grad):
    return unstack(grad, num=len(op.inputs), axis=op.get_attr("axis"))


@RegisterGradient("Unpack")
def _unpack_grad(op, *grads):
    return array_ops.stack(list(grads), axis=op.get_attr("axis"))


@RegisterGradient("StridedSlice")
def _strided_slice_grad(op, grad):
    begin, end, strides = op.inputs[1:4]
    x = array_ops.shape(op.inputs[0], out_type=begin.dtype)
    attrs = {k: op._attrs.get(k, 0) for k in ("begin_mask", "end_mask", "ellipsis_mask",
                                               "new_axis_mask", "shrink_axis_mask")}
    out = apply_op("StridedSliceGrad", None,
                   [(x, "shape", None), (begin, "begin", None), (end, "end", None),
                    (strides, "strides", None), (grad, "dy", None)],
                   dtype=grad.dtype, shape=op.inputs[0].shape, attrs=attrs)
    return out, None, None, None


@RegisterGradient("Tile")
def _tile_grad(op, grad):
    input_shape = array_ops.shape(op.inputs[0], out_type=op.inputs[1].dtype)
    split_shape = array_ops.reshape(
        array_ops.transpose(array_ops.stack([op.inputs[1], input_shape])), [-1])
    axes = array_ops.range(0, array_ops.size(split_shape), 2)
    input_grad = math_ops.reduce_sum(array_ops.reshape(grad, split_shape), axes)
    input_grad.set_shape(op.inputs[0].shape)
    return [input_grad, None]


@RegisterGradient("GatherV2")
def _gather_v2_grad(op, grad):
    params, indices, axis = op.inputs
    params_shape = array_ops.shape(params, out_type=_dtypes.int64)
    params_shape = math_ops.cast(params_shape, _dtypes.int32)
    indices_size = array_ops.expand_dims(array_ops.size(indices), 0)
    axis_static = array_ops.constant_value(axis)
    if axis_static != 0:
        raise NotImplementedError("gradients of gathers along axes other than 0")
    tail = params_shape[1:]
    values_shape = array_ops.concat([indices_size, tail], 0)
    values = array_ops.reshape(_dense(grad), values_shape)
    indices = array_ops.reshape(indices, indices_size)
    return [IndexedSlices(values, indices, params_shape), None, None]


@RegisterGradient("Slice")
def _slice_grad(op, grad):
    x, begin = op.inputs[0], op.inputs[1]
    input_rank = array_ops.rank(x)
    slice_size = array_ops.shape(op.outputs[0])
    shape = array_ops.stack([input_rank, 1])
    before_pad = array_ops.reshape(begin, shape)
    after_pad = array_ops.reshape(array_ops.shape(x) - slice_size - begin, shape)
    paddings = array_ops.concat([before_pad, after_pad], 1)
    return array_ops.pad(grad, paddings), None, None


@RegisterGradient("Split")
def _split_grad(op, *grads):
    return None, array_ops.concat(list(grads), op.inputs[0])


@RegisterGradient("SplitV")
def _split_v_grad(op, *grads):
    return [array_ops.concat(list(grads), op.inputs[2])] + [None] * (len(op.inputs) - 1)


@RegisterGradient("Pad")
@RegisterGradient("PadV2")
def _pad_grad(op, grad):
    x, a = op.inputs[0], op.inputs[1]
    pad_before = array_ops.slice(a, [0, 0], array_ops.stack([array_ops.rank(x), 1]))
    begin = array_ops.reshape(pad_before, [-1])
    sizes = array_ops.shape(x)
    x_grad = array_ops.slice(grad, begin, sizes)
    return (x_grad, None, None) if len(op.inputs) == 3 else (x_grad, None)


@RegisterGradient("ReverseV2")
def _reverse_v2_grad(op, grad):
    return apply_op("ReverseV2", None, [(grad, "tensor", None), (op.inputs[1], "axis", None)],
                    dtype=grad.dtype, shape=grad.shape), None


@RegisterGradient("ReverseSequence")
def _reverse_sequence_grad(op, grad):
    attrs = {"seq_dim": op.get_attr("seq_dim"), "batch_dim": op.get_attr("batch_dim")}
    return [apply_op("ReverseSequence", None, [(grad, "input", None),
                                               (op.inputs[1], "seq_lengths", None)],
                     dtype=grad.dtype, shape=grad.shape, attrs=attrs), None]


@RegisterGradient("Fill")
def _fill_grad(_, grad):
    return None, math_ops.reduce_sum(grad)


@RegisterGradient("ConcatV2")
def _concat_v2_grad(op, grad):
    inputs = op.inputs[:-1]
    if len(op.inputs) == 2:
        return [grad, None]
    if not isinstance(grad, Tensor):
        raise NotImplementedError("IndexedSlices gradients through concat")
    dim = op.inputs[-1]
    if dim.op.type == "Const":
        # A constant axis from another control-flow context is duplicated here
        # rather than entered (TF's _ConcatGradHelper).
        from .while_loop import output_context

        if output_context(grad.op) is not output_context(dim.op):
            from ..framework.constant_op import constant

            dim = constant(dim.op.get_attr("value"), dtype=dim.dtype)
    non_neg = dim % array_ops.rank(inputs[0])
    sizes, known = [], True
    for x in inputs:
        s = array_ops.shape(x)
        if s.op.type != "Const":
            known = False
            break
        sizes.append(s)
    if not known:
        sizes = _shape_n_of(inputs)
    offsets = _g.apply_list_op("ConcatOffset", None, [(non_neg, "concat_dim", None),
                                              (sizes, "shape", None)],
                       outputs=[(_dtypes.int32, s.shape) for s in sizes])
    offsets = offsets if isinstance(offsets, list) else [offsets]
    out = []
    for x, begin, size in zip(inputs, offsets, sizes):
        sl = array_ops.slice(grad, begin, size)
        sl.set_shape(x.shape)
        out.append(sl)
    return out + [None]


def _shape_n_of(tensors):
    outs = _g.apply_list_op("ShapeN", None, [(list(tensors), "input", None)],
                    outputs=[(_dtypes.int32, [t.shape.rank]) for t in tensors])
    return outs if isinstance(outs, list) else [outs]


for _t in ("StopGradient", "Const", "Shape", "ShapeN", "Rank", "Size", "ZerosLike", "OnesLike",
           "BroadcastGradientArgs", "OneHot", "InvertPermutation", "ConcatOffset", "Unique"):
    NotDifferentiable(_t)


@RegisterGradient("GatherNd")
def _gather_nd_grad(op, grad):
    """TF's `_GatherNdGrad`: IndexedSlices for one-column indices, else ScatterNd."""
    from .. import scatter_nd  # TF's generated wrapper (gen_wrappers)

    ref, indices = op.inputs
    ref_shape = array_ops.shape(ref, out_type=indices.dtype)
    if indices.shape.rank == 2 and indices.shape.as_list()[-1] == 1:
        return [IndexedSlices(grad, array_ops.squeeze(indices, axis=-1), ref_shape), None]
    return [scatter_nd(indices, grad, ref_shape), None]
