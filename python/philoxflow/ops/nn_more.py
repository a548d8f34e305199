"""More of `tf.nn` (`nn_ops.py`, `nn_impl.py`, `ctc_ops.py`): transposed and
morphological convolutions, fractional pooling, CTC losses and decoders, and the
distribution-strategy loss scaling — built op for op as TF 1.15 does.

Fractional pools take `seed`/`seed2` as given (TF 1.15 passes them to the op without
the graph seed). Their kernels, CTC's and the morphological ones are not reproduced.
"""

from __future__ import annotations

import collections.abc

from ..framework import dtypes as _dtypes
from ..framework.constant_op import convert_to_tensor
from ..framework.ops import Tensor, control_dependencies, get_default_graph, name_scope
from ..framework.sparse_tensor import SparseTensor
from ..framework.tensor_shape import TensorShape
from . import (
    array_ops,
    array_ops_ext,
    math_ops,
    pool_kernels,  # noqa: F401 - registers the kernels
)
from .gen import apply_op_helper

__all__ = [
    "conv1d_transpose", "conv_transpose", "atrous_conv2d_transpose", "dilation2d",
    "erosion2d", "fractional_max_pool", "fractional_avg_pool", "compute_average_loss",
    "scale_regularization_loss", "ctc_loss", "ctc_loss_v2", "ctc_greedy_decoder",
    "ctc_beam_search_decoder", "ctc_beam_search_decoder_v2", "collapse_repeated",
    "ctc_unique_labels",
]


def _get_sequence(value, n, channel_index, name):
    if value is None:
        value = [1]
    elif not isinstance(value, collections.abc.Sized):
        value = [value]
    current_n = len(value)
    if current_n == n + 2:
        return value
    if current_n == 1:
        value = list((value[0],) * n)
    elif current_n == n:
        value = list(value)
    else:
        raise ValueError("{} should be of length 1, {} or {} but was {}".format(
            name, n, n + 2, current_n))
    return [1, 1] + value if channel_index == 1 else [1] + value + [1]


def conv1d_transpose(input, filters, output_shape, strides, padding="SAME",  # noqa: A002
                     data_format="NWC", dilations=None, name=None):
    """`tf.nn.conv1d_transpose`: Conv2DBackpropInput over an inserted height of 1."""
    with name_scope(name, "conv1d_transpose", [input, filters, output_shape]) as name:
        if data_format is None or data_format == "NWC":
            data_format, spatial_start_dim, channel_index = "NHWC", 1, 2
        elif data_format == "NCW":
            data_format, spatial_start_dim, channel_index = "NCHW", 2, 1
        else:
            raise ValueError('data_format must be "NWC" or "NCW".')
        strides = [1] + _get_sequence(strides, 1, channel_index, "stride")
        dilations = [1] + _get_sequence(dilations, 1, channel_index, "dilations")
        input = array_ops.expand_dims(input, spatial_start_dim)
        filters = array_ops.expand_dims(filters, 0)
        if not isinstance(output_shape, Tensor):
            output_shape = list(output_shape)
        output_shape = array_ops.concat([output_shape[:spatial_start_dim], [1],
                                         output_shape[spatial_start_dim:]], 0)
        result = apply_op_helper("Conv2DBackpropInput", name, input_sizes=output_shape,
                                 filter=filters, out_backprop=input, strides=strides,
                                 padding=padding, data_format=data_format,
                                 dilations=dilations)
        return array_ops.squeeze(result, spatial_start_dim)


def _conv_transpose_nd(n, op_type, scope, default_format):
    def fn(input, filters, output_shape, strides, padding="SAME",  # noqa: A002
           data_format=None, dilations=None, name=None):
        with name_scope(name, scope, [input, filters, output_shape]) as name:
            data_format = data_format or default_format
            channel_index = 1 if data_format.startswith("NC") else n + 1
            strides = _get_sequence(strides, n, channel_index, "strides")
            dilations = _get_sequence(dilations, n, channel_index, "dilations")
            return apply_op_helper(op_type, name, input_sizes=output_shape, filter=filters,
                                   out_backprop=input, strides=strides, padding=padding,
                                   data_format=data_format, dilations=dilations)
    return fn


_CONV_TRANSPOSE = (conv1d_transpose,
                   _conv_transpose_nd(2, "Conv2DBackpropInput", "conv2d_transpose", "NHWC"),
                   _conv_transpose_nd(3, "Conv3DBackpropInputV2", "conv3d_transpose",
                                      "NDHWC"))


def conv_transpose(input, filters, output_shape, strides, padding="SAME",  # noqa: A002
                   data_format=None, dilations=None, name=None):
    """`tf.nn.conv_transpose`: the 1-, 2- or 3-D transposed convolution by rank."""
    with name_scope(name, "conv_transpose", [input, filters, output_shape]) as name:
        if isinstance(output_shape, Tensor):
            n = output_shape.shape[0].value - 2
        elif isinstance(output_shape, collections.abc.Sized):
            n = len(output_shape) - 2
        else:
            raise ValueError("output_shape must be a tensor or sized collection.")
        if not 1 <= n <= 3:
            raise ValueError("output_shape must be of length 3, 4 or 5 but was {}."
                             .format(n + 2))
        return _CONV_TRANSPOSE[n - 1](input, filters, output_shape, strides, padding=padding,
                                      data_format=data_format, dilations=dilations,
                                      name=name)


def atrous_conv2d_transpose(value, filters, output_shape, rate, padding, name=None):
    """`tf.nn.atrous_conv2d_transpose`: SpaceToBatch, Conv2DBackpropInput, BatchToSpace."""
    from .nn_conv import batch_to_space, space_to_batch
    from .nn_ops import conv2d_transpose

    with name_scope(name, "atrous_conv2d_transpose", [value, filters, output_shape]) as name:
        value = convert_to_tensor(value, name="value")
        filters = convert_to_tensor(filters, name="filters")
        if not value.shape.dims[3].is_compatible_with(filters.shape[3]):
            raise ValueError("value's input channels does not match filters' input channels, "
                             "{} != {}".format(value.shape[3], filters.shape[3]))
        if rate < 1:
            raise ValueError("rate {} cannot be less than one".format(rate))
        if rate == 1:
            return conv2d_transpose(value, filters, output_shape, strides=[1, 1, 1, 1],
                                    padding=padding, data_format="NHWC")
        output_shape_ = convert_to_tensor(output_shape, name="output_shape")
        if not output_shape_.shape.is_compatible_with(TensorShape([4])):
            raise ValueError("output_shape must have shape (4,), got {}".format(
                output_shape_.shape))
        if isinstance(output_shape, tuple):
            output_shape = list(output_shape)
        if padding == "SAME":
            if filters.shape.is_fully_defined():
                filter_shape = filters.shape.as_list()
            else:
                filter_shape = array_ops.shape(filters)
            fh, fw = filter_shape[0], filter_shape[1]
            pad_h = fh + (fh - 1) * (rate - 1) - 1
            pad_w = fw + (fw - 1) * (rate - 1) - 1
            pad_top, pad_left = pad_h // 2, pad_w // 2
            pad_bottom, pad_right = pad_h - pad_top, pad_w - pad_left
        elif padding == "VALID":
            pad_top = pad_bottom = pad_left = pad_right = 0
        else:
            raise ValueError("padding must be either VALID or SAME: {}".format(padding))
        in_height = output_shape[1] + pad_top + pad_bottom
        in_width = output_shape[2] + pad_left + pad_right
        pad_bottom_extra = (rate - in_height % rate) % rate
        pad_right_extra = (rate - in_width % rate) % rate
        value = space_to_batch(input=value,
                               paddings=[[0, pad_bottom_extra], [0, pad_right_extra]],
                               block_size=rate)
        input_sizes = [rate * rate * output_shape[0], (in_height + pad_bottom_extra) // rate,
                       (in_width + pad_right_extra) // rate, output_shape[3]]
        value = apply_op_helper("Conv2DBackpropInput", None, input_sizes=input_sizes,
                                filter=filters, out_backprop=value, strides=[1, 1, 1, 1],
                                padding="VALID", data_format="NHWC")
        crops = [[pad_top, pad_bottom + pad_bottom_extra], [pad_left, pad_right + pad_right_extra]]
        return batch_to_space(input=value, crops=crops, block_size=rate)


def dilation2d(input, filter=None, strides=None, rates=None, padding=None,  # noqa: A002
               name=None, filters=None, dilations=None):
    """`tf.nn.dilation2d` (v1): one Dilation2D op."""
    filter = filters if filter is None else filter  # noqa: A001
    rates = dilations if rates is None else rates
    return apply_op_helper("Dilation2D", name, input=input, filter=filter, strides=strides,
                           rates=rates, padding=padding)


def erosion2d(value, kernel, strides, rates, padding, name=None):
    """`tf.nn.erosion2d`: -dilation2d(-value, reversed kernel)."""
    from .image_ops import reverse

    with name_scope(name, "erosion2d", [value, kernel]) as name:
        return math_ops.negative(apply_op_helper(
            "Dilation2D", name, input=math_ops.negative(value),
            filter=reverse(kernel, [0, 1]), strides=strides, rates=rates, padding=padding))


def _fractional(op_type):
    def fn(value, pooling_ratio, pseudo_random=False, overlapping=False,
           deterministic=False, seed=0, seed2=0, name=None):
        return apply_op_helper(op_type, name, value=value, pooling_ratio=pooling_ratio,
                               pseudo_random=pseudo_random, overlapping=overlapping,
                               deterministic=deterministic, seed=seed, seed2=seed2)
    fn.__doc__ = (f"`tf.nn.{op_type}` (v1): (output, row and column pooling sequences); "
                  "`seed`/`seed2` go to the op as given.")
    return fn


fractional_max_pool = _fractional("FractionalMaxPool")
fractional_avg_pool = _fractional("FractionalAvgPool")


def compute_average_loss(per_example_loss, sample_weight=None, global_batch_size=None):
    """`tf.nn.compute_average_loss` (one replica): sum / global batch size."""
    per_example_loss = convert_to_tensor(per_example_loss)
    input_dtype = per_example_loss.dtype
    rank = per_example_loss.shape.rank
    deps = []
    if rank == 0:
        raise ValueError("Invalid value passed for `per_example_loss`. Expected a tensor with "
                         "at least rank 1, received: {}".format(per_example_loss))
    if rank is None:
        from .check_ops import assert_greater_equal

        deps = [assert_greater_equal(
            array_ops.rank(per_example_loss), math_ops.cast(1, dtype=_dtypes.int32),
            message="Invalid value passed for `per_example_loss`. Expected a tensor with at "
                    "least rank 1.")]
    with control_dependencies(deps):
        if sample_weight is not None:
            raise NotImplementedError("compute_average_loss with sample_weight: TF's "
                                      "weights_broadcast_ops are not reproduced yet")
        per_example_loss = math_ops.cast(per_example_loss, input_dtype)
        if get_default_graph()._target.uniform_skips_unit_scaling:
            # TF 2.x (`nn_impl_distribute.py`): the batch size is checked, then div_no_nan
            from .check_ops import assert_integer, assert_non_negative, assert_scalar

            if global_batch_size is None:
                global_batch_size = array_ops.shape(per_example_loss)[0] * 1
            assert_scalar(global_batch_size, message="global_batch_size must be scalar.")
            assert_integer(global_batch_size, message="global_batch_size must be an integer.")
            assert_non_negative(global_batch_size,
                                message="global_batch_size must be non-negative.")
            loss = math_ops.reduce_sum(per_example_loss)
            return math_ops.div_no_nan(loss, math_ops.cast(global_batch_size, input_dtype))
        if global_batch_size is None:
            batch = array_ops.shape(per_example_loss)[0]
            global_batch_size = math_ops.cast(batch * 1, input_dtype)
        return math_ops.reduce_sum(per_example_loss) / global_batch_size


def scale_regularization_loss(regularization_loss):
    """`tf.nn.scale_regularization_loss` (one replica): sum / 1."""
    return math_ops.reduce_sum(regularization_loss) / 1


# ----------------------------------------------------------------- CTC

def _get_dim(tensor, i):
    d = tensor.shape[i].value if tensor.shape.rank is not None else None
    return d or array_ops.shape(tensor)[i]


def ctc_loss(labels, inputs=None, sequence_length=None, preprocess_collapse_repeated=False,
             ctc_merge_repeated=True, ignore_longer_outputs_than_inputs=False, time_major=True,
             logits=None):
    """`tf.nn.ctc_loss` (v1): one CTCLoss op of sparse labels."""
    if not isinstance(labels, SparseTensor):
        raise TypeError("Expected labels (first argument) to be a SparseTensor")
    inputs = logits if inputs is None else inputs
    if not time_major:
        inputs = array_ops.transpose(inputs, [1, 0, 2])
    loss, _ = apply_op_helper(
        "CTCLoss", None, inputs=inputs, labels_indices=labels.indices,
        labels_values=labels.values, sequence_length=sequence_length,
        preprocess_collapse_repeated=preprocess_collapse_repeated,
        ctc_merge_repeated=ctc_merge_repeated,
        ignore_longer_outputs_than_inputs=ignore_longer_outputs_than_inputs)
    return loss


def ctc_loss_v2(labels, logits, label_length, logit_length, logits_time_major=True,
                unique=None, blank_index=None, name=None):
    """`tf.nn.ctc_loss_v2` with SparseTensor labels (the CTCLoss op, the blank class
    moved last). Dense labels need TF's `ctc_loss_dense` (not reproduced)."""
    if not isinstance(labels, SparseTensor):
        raise NotImplementedError("philoxflow builds ctc_loss_v2 of SparseTensor labels only")
    if blank_index is None:
        raise ValueError("blank_index must be given when using SparseTensor labels.")
    if blank_index < 0:
        blank_index += _get_dim(logits, 2)
    if blank_index != _get_dim(logits, 2) - 1:
        logits = array_ops.concat([logits[:, :, :blank_index], logits[:, :, blank_index + 1:],
                                   logits[:, :, blank_index:blank_index + 1]], axis=2)
        labels = SparseTensor(labels.indices, array_ops_ext.where(
            labels.values < blank_index, labels.values, labels.values - 1),
            labels.dense_shape)
    return ctc_loss(labels=labels, inputs=logits, sequence_length=logit_length,
                    time_major=logits_time_major)


def ctc_greedy_decoder(inputs, sequence_length, merge_repeated=True):
    """`tf.nn.ctc_greedy_decoder`: ([SparseTensor], log probabilities)."""
    ix, val, shape, log_probs = apply_op_helper(
        "CTCGreedyDecoder", None, inputs=inputs, sequence_length=sequence_length,
        merge_repeated=merge_repeated)
    return [SparseTensor(ix, val, shape)], log_probs


def ctc_beam_search_decoder(inputs, sequence_length, beam_width=100, top_paths=1,
                            merge_repeated=True):
    """`tf.nn.ctc_beam_search_decoder`: `top_paths` SparseTensors, log probabilities."""
    outs = apply_op_helper("CTCBeamSearchDecoder", None, inputs=inputs,
                           sequence_length=sequence_length, beam_width=beam_width,
                           top_paths=top_paths, merge_repeated=merge_repeated)
    k = top_paths
    ixs, vals, shapes, log_probs = outs[:k], outs[k:2 * k], outs[2 * k:3 * k], outs[3 * k]
    return [SparseTensor(i, v, s) for i, v, s in zip(ixs, vals, shapes)], log_probs


def ctc_beam_search_decoder_v2(inputs, sequence_length, beam_width=100, top_paths=1):
    return ctc_beam_search_decoder(inputs, sequence_length=sequence_length,
                                   beam_width=beam_width, top_paths=top_paths,
                                   merge_repeated=False)


def collapse_repeated(labels, seq_length, name=None):
    """`tf.nn.collapse_repeated`: repeated labels merged, through masks and ScatterNd."""
    from .array_ops_ext import boolean_mask, sequence_mask

    with name_scope(name, "collapse_repeated_labels", [labels, seq_length]):
        labels = convert_to_tensor(labels, name="labels")
        seq_length = convert_to_tensor(seq_length, name="seq_length")
        label_mask = array_ops.concat(
            [array_ops.ones_like(labels[:, :1], _dtypes.bool),
             math_ops.not_equal(labels[:, 1:], labels[:, :-1])], axis=1)
        maxlen = _get_dim(labels, 1)
        seq_mask = sequence_mask(seq_length, maxlen=maxlen)
        from .math_ops_ext import logical_and

        label_mask = logical_and(label_mask, seq_mask)
        new_seq_len = math_ops.reduce_sum(math_ops.cast(label_mask, _dtypes.int32), axis=1)
        new_maxlen = math_ops.reduce_max(new_seq_len)
        idx_mask = sequence_mask(new_seq_len, maxlen=new_maxlen)
        flat_labels = array_ops.reshape(labels, [-1])
        flat_label_mask = array_ops.reshape(label_mask, [-1])
        flat_idx_mask = array_ops.reshape(idx_mask, [-1])
        idx = array_ops.range(_get_dim(flat_idx_mask, 0))
        flat = apply_op_helper(
            "ScatterNd", None,
            indices=array_ops.expand_dims(boolean_mask(idx, flat_idx_mask), axis=1),
            updates=boolean_mask(flat_labels, flat_label_mask),
            shape=array_ops.shape(flat_idx_mask))
        new_shape = [_get_dim(labels, 0), new_maxlen]
        return array_ops.reshape(flat, new_shape), math_ops.cast(new_seq_len, seq_length.dtype)


def ctc_unique_labels(labels, name=None):
    """`tf.nn.ctc_unique_labels`: a map_fn of Unique over the rows."""
    from .functional_ops import map_fn

    with name_scope(name, "ctc_unique_labels", [labels]):
        labels = convert_to_tensor(labels, name="labels")

        def _unique(x):
            y, idx = array_ops_ext.unique(x)
            y = array_ops.pad(y, [[0, _get_dim(idx, 0) - _get_dim(y, 0)]])
            return [math_ops.cast(y, _dtypes.int64), idx]

        return map_fn(_unique, labels, dtype=[_dtypes.int64, _dtypes.int32])
