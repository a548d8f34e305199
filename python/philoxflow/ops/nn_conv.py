"""TF 1.15's dilated convolutions through space-to-batch (`nn_ops.convolution`,
`atrous_conv2d`, `with_space_to_batch`), for inputs of known spatial shape.

With a rate above 1 TF builds: a `dilation_rate` Const, the filter-shape and base
padding Consts (SAME), `required_space_to_batch_paddings` (folded to Consts when the
shapes are known), SpaceToBatchND, the VALID convolution, BatchToSpaceND. A rate of
1 builds the convolution alone.
"""

from __future__ import annotations

import numpy as np

from ..framework import dtypes as _dtypes
from ..framework.constant_op import convert_to_tensor
from ..framework.ops import Tensor, name_scope
from ..framework.tensor_shape import TensorShape
from . import array_ops, nn_ops
from .gen import apply_op


def space_to_batch(input, paddings, block_size=None, name=None, block_shape=None):  # noqa: A002
    """`tf.space_to_batch` (v1): SpaceToBatchND with a block of two sides (TF's int64
    array, converted to the attr's default int32 as TF's preferred dtype)."""
    block_size = block_shape if block_size is None else block_size
    x = convert_to_tensor(input)
    pv = array_ops._constant_value(paddings) if isinstance(paddings, Tensor) else paddings
    return _space_to_batch(x, np.array([block_size, block_size], np.int64), paddings,
                           name=name, static=None if pv is None else np.asarray(pv))


def batch_to_space(input, crops, block_size, name=None, block_shape=None):  # noqa: A002
    """`tf.batch_to_space` (v1): BatchToSpaceND with a block of two sides (int32, as in
    `space_to_batch`)."""
    block_size = block_shape if block_size is None else block_size
    x = convert_to_tensor(input)
    cv = array_ops._constant_value(crops) if isinstance(crops, Tensor) else crops
    return _batch_to_space(x, np.array([block_size, block_size], np.int64), crops,
                           name=name, static=None if cv is None else np.asarray(cv))


def _space_to_batch(x, block, paddings, name=None, static="same", block_dtype=_dtypes.int32):
    pads = paddings if isinstance(static, str) else static
    shape = None
    if x.shape.rank is not None and pads is not None:
        d = x.shape.as_list()
        n = len(block)
        sp = [None if d[1 + i] is None else (d[1 + i] + int(pads[i][0])
                                              + int(pads[i][1])) // int(block[i])
              for i in range(n)]
        shape = TensorShape([None if d[0] is None else d[0] * int(np.prod(block))] + sp
                            + d[1 + n:])
    return apply_op("SpaceToBatchND", name, [(x, "input", None),
                                             (block, "block_shape", block_dtype),
                                             (paddings, "paddings",
                                              None if isinstance(paddings, Tensor)
                                              else _dtypes.int32)],
                    dtype=x.dtype, shape=shape)


def _batch_to_space(x, block, crops, name=None, static="same", block_dtype=_dtypes.int32):
    cr = crops if isinstance(static, str) else static
    shape = None
    if x.shape.rank is not None and cr is not None:
        d = x.shape.as_list()
        n = len(block)
        sp = [None if d[1 + i] is None else d[1 + i] * int(block[i]) - int(cr[i][0])
              - int(cr[i][1]) for i in range(n)]
        shape = TensorShape([None if d[0] is None else d[0] // int(np.prod(block))] + sp
                            + d[1 + n:])
    return apply_op("BatchToSpaceND", name, [(x, "input", None),
                                             (block, "block_shape", block_dtype),
                                             (crops, "crops",
                                              None if isinstance(crops, Tensor)
                                              else _dtypes.int32)],
                    dtype=x.dtype, shape=shape)


def _required_paddings(input_shape, block_shape, base_paddings):
    """TF's `required_space_to_batch_paddings` with every shape known (folded)."""
    with name_scope(None, "required_space_to_batch_paddings", [input_shape, block_shape]):
        inp = convert_to_tensor(input_shape, dtype=_dtypes.int32, name="input_shape")
        block = convert_to_tensor(block_shape, dtype=_dtypes.int32, name="block_shape")
        base = convert_to_tensor(base_paddings, dtype=_dtypes.int32, name="base_paddings")
        cb, ci, cp = (array_ops._constant_value(t) for t in (block, inp, base))
        if cb is None or ci is None or cp is None:
            raise NotImplementedError("philoxflow builds dilated convolutions for known "
                                      "spatial shapes only")
        start, end = cp[:, 0], cp[:, 1]
        full = ci + start + end
        extra = (cb - full % cb) % cb
        end = end + extra
        n = len(cb)
        paddings = array_ops.stack([[int(start[i]), int(end[i])] for i in range(n)],
                                   name="paddings")
        crops = array_ops.stack([[0, int(extra[i])] for i in range(n)], name="crops")
        return array_ops._constant_value(paddings), array_ops._constant_value(crops)


def with_space_to_batch(inp, dilation_rate, padding, op, filter_shape=None,
                        spatial_dims=None, data_format=None):
    """TF's `_WithSpaceToBatch` (channels last): `op(input, padding)` is the VALID op."""
    rate = convert_to_tensor(dilation_rate, _dtypes.int32, name="dilation_rate")
    const_rate = array_ops._constant_value(rate)
    n = int(rate.shape.as_list()[0])
    spatial_dims = list(range(1, n + 1)) if spatial_dims is None else list(spatial_dims)
    if const_rate is not None:
        if np.any(const_rate < 1):
            raise ValueError("dilation_rate must be positive")
        if np.all(const_rate == 1):
            return op(inp, padding)
    else:
        raise NotImplementedError("philoxflow builds dilated convolutions for constant rates")
    if padding == "SAME":
        if filter_shape is None:
            raise ValueError("filter_shape must be specified for SAME padding")
        fs = convert_to_tensor(filter_shape, name="filter_shape")
        cfs = array_ops._constant_value(fs)
        if cfs is None:
            raise NotImplementedError("philoxflow builds dilated convolutions for known "
                                      "filter shapes only")
        spatial = cfs[:n]
        dilated = spatial + (spatial - 1) * (const_rate - 1)
        extra = dilated - 1
        start = extra // 2
        base = array_ops.stack([[start[i], extra[i] - start[i]] for i in range(n)])
    elif padding == "VALID":
        base = np.zeros([n, 2], np.int32)
    else:
        raise ValueError(f"Invalid padding method {padding!r}")
    in_shape = inp.shape.as_list() if inp.shape.rank is not None else None
    if in_shape is None or any(in_shape[i] is None for i in spatial_dims):
        raise NotImplementedError("philoxflow builds dilated convolutions for known spatial "
                                  "shapes only")
    paddings, crops = _required_paddings([in_shape[i] for i in spatial_dims], rate, base)
    block = np.asarray(const_rate, np.int32)
    converted = _space_to_batch(inp, block, paddings)
    result = op(converted, "VALID")
    return _batch_to_space(result, block, crops)


def convolution(input, filter, padding, strides=None, dilation_rate=None,  # noqa: A002
                name=None, data_format=None, filters=None, dilations=None):
    """`tf.nn.convolution` (channels last): the plain op named `convolution`, or the
    space-to-batch construction for dilation rates above 1."""
    filter = filters if filter is None else filter
    dilation_rate = dilations if dilation_rate is None else dilation_rate
    if data_format is not None and data_format.startswith("NC"):
        raise NotImplementedError("philoxflow's convolution is channels-last only")
    x = input if isinstance(input, Tensor) else convert_to_tensor(input)
    # (a resource variable is read by the convolution op, inside its scope)
    f = filter if isinstance(filter, Tensor) or hasattr(filter, "_as_graph_tensor") \
        else convert_to_tensor(filter)
    rank = x.shape.rank if x.shape.rank is not None else f.shape.rank
    if rank is None:
        raise ValueError("rank of input or filter must be known")
    n = rank - 2
    if not 1 <= n <= 3:
        raise ValueError(f"Input tensor must be of rank 3, 4 or 5 but was {n + 2}.")
    st = nn_ops._ints([1] if strides is None else strides, n + 2, "strides")
    dl = nn_ops._ints([1] if dilation_rate is None else dilation_rate, n + 2, "dilations")
    convs = {1: None, 2: nn_ops.conv2d, 3: nn_ops.conv3d}
    with name_scope(name, "convolution", [input, filter]) as scope:
        if all(d == 1 for d in dl):
            if n == 1:
                return nn_ops.conv1d(x, f, st[1], padding, name=scope)
            return convs[n](x, f, st, padding, name=scope)
        if any(s > 1 for s in st[1:-1]):
            raise ValueError("strides > 1 not supported in conjunction with dilation_rate > 1")
        if n != 2:
            raise NotImplementedError("philoxflow builds dilated 2-D convolutions only")
        return with_space_to_batch(x, np.array(dl[1:-1], np.int32), padding,
                                   lambda inp, pad: convs[n](inp, f, st, pad, name=scope),
                                   filter_shape=f.shape)


def atrous_conv2d(value, filters, rate, padding, name=None):
    return convolution(value, filters, padding, dilation_rate=np.broadcast_to(rate, (2,)),
                       name=name)


def conv3d_transpose(value=None, filter=None, output_shape=None, strides=None,  # noqa: A002
                     padding="SAME", data_format="NDHWC", name=None, input=None,  # noqa: A002
                     filters=None, dilations=None):
    """`tf.nn.conv3d_transpose`: Conv3DBackpropInputV2 (sizes, filter, out_backprop)."""
    value = input if value is None else value
    filter = filters if filter is None else filter
    with name_scope(name, "conv3d_transpose", [value, filter, output_shape]) as scope:
        data_format = data_format or "NDHWC"
        if data_format.startswith("NC"):
            raise NotImplementedError("philoxflow's conv3d_transpose is channels-last only")
        st = nn_ops._ints(strides, 5, "strides")
        dl = nn_ops._ints([1] if dilations is None else dilations, 5, "dilations")
        sizes = output_shape if isinstance(output_shape, Tensor) else None
        shape = array_ops.static_shape_of(output_shape) if sizes is None else \
            array_ops.static_shape_of(sizes)
        x = convert_to_tensor(value) if isinstance(value, Tensor) else None
        return apply_op("Conv3DBackpropInputV2", scope, [
            (output_shape, "input_sizes", _dtypes.int32 if sizes is None else None),
            (filter, "filter", None if x is None else x.dtype),
            (value, "out_backprop", None if x is None else x.dtype)],
            dtype=None if x is None else x.dtype, shape=shape,
            attrs={"strides": st, "padding": padding, "data_format": data_format,
                   "dilations": dl})


def max_pool_with_argmax(input, ksize, strides, padding, data_format="NHWC",  # noqa: A002
                         Targmax=None, name=None, output_dtype=None,  # noqa: N803
                         include_batch_in_index=False):
    if data_format != "NHWC":
        raise ValueError("Data formats other than 'NHWC' are not yet supported")
    targmax = _dtypes.as_dtype(output_dtype or Targmax or _dtypes.int64)
    x = convert_to_tensor(input) if isinstance(input, Tensor) else None
    k, st = list(ksize), list(strides)
    shape = None
    if x is not None and x.shape.rank == 4:
        d = x.shape.as_list()
        shape = TensorShape([d[0]] + [nn_ops._spatial(d[1 + i], k[1 + i], st[1 + i], padding)
                                      for i in range(2)] + [d[3]])
    dtype = None if x is None else x.dtype
    return tuple(apply_op("MaxPoolWithArgmax", name, [(input, "input", None)],
                          outputs=[(dtype, shape), (targmax, shape)],
                          attrs={"ksize": k, "strides": st, "padding": padding,
                                 "Targmax": targmax,
                                 "include_batch_in_index": include_batch_in_index}))


def pool(input, window_shape, pooling_type, padding, dilation_rate=None, strides=None,  # noqa: A002
         name=None, data_format=None, dilations=None):
    """`tf.nn.pool` (channels last): MaxPool/AvgPool (3D) in a `max_pool`/`avg_pool` scope,
    through `with_space_to_batch` (its `dilation_rate` Const; SpaceToBatchND for rates
    above 1)."""
    dilation_rate = dilations if dilation_rate is None else dilation_rate
    if data_format is not None and data_format.startswith("NC"):
        raise NotImplementedError("philoxflow's pool is channels-last only")
    with name_scope(name, f"{pooling_type.lower()}_pool", [input]) as scope:
        x = convert_to_tensor(input, name="input")
        n = len(window_shape)
        if n < 1 or n > 3:
            raise ValueError("It is required that 1 <= num_spatial_dims <= 3.")
        if x.shape.rank not in (None, n + 2):
            raise ValueError(f"Shape {x.shape} must have rank {n + 2}")
        strides = np.array([1] * n if strides is None else strides, np.int32)
        rate = np.array([1] * n if dilation_rate is None else dilation_rate, np.int32)
        if padding == "SAME" and np.any(rate > 1):
            raise ValueError("pooling with SAME padding is not implemented for "
                             "dilation_rate > 1")
        if np.any(strides > window_shape):
            raise ValueError("strides > window_shape not supported due to inconsistency "
                             "between CPU and GPU implementations")
        ops = {("MAX", 1): nn_ops.max_pool, ("MAX", 2): nn_ops.max_pool,
               ("MAX", 3): nn_ops.max_pool3d, ("AVG", 1): nn_ops.avg_pool,
               ("AVG", 2): nn_ops.avg_pool, ("AVG", 3): nn_ops.avg_pool3d}
        if (pooling_type, n) not in ops:
            raise ValueError(f"{n}-D {pooling_type} pooling is not supported.")
        window = [1] + list(window_shape) + [1]
        st = [1] + [int(s) for s in strides] + [1]
        if n == 1:
            window, st = [1] + window, [1] + st

        def op(inp, pad):
            if n == 1:
                inp = array_ops.expand_dims(inp, 1)
            result = ops[(pooling_type, n)](inp, window, st, pad, name=scope)
            return array_ops.squeeze(result, [1]) if n == 1 else result

        return with_space_to_batch(x, rate, padding, op, filter_shape=list(window_shape))


def conv2d_backprop_input(input_sizes, filter=None, out_backprop=None, strides=None,  # noqa: A002
                          padding=None, use_cudnn_on_gpu=True, data_format="NHWC",
                          dilations=(1, 1, 1, 1), name=None, filters=None):
    filter = filters if filter is None else filter
    x = out_backprop if isinstance(out_backprop, Tensor) else None
    sizes = input_sizes if isinstance(input_sizes, Tensor) else None
    shape = array_ops.static_shape_of(input_sizes)
    return apply_op("Conv2DBackpropInput", name, [
        (input_sizes, "input_sizes", None if sizes is not None else _dtypes.int32),
        (filter, "filter", None if x is None else x.dtype),
        (out_backprop, "out_backprop", None if x is None else x.dtype)],
        dtype=None if x is None else x.dtype, shape=shape,
        attrs={"strides": list(strides), "padding": padding, "explicit_paddings": [],
               "use_cudnn_on_gpu": use_cudnn_on_gpu, "data_format": data_format,
               "dilations": list(dilations)})


def conv2d_backprop_filter(input, filter_sizes, out_backprop, strides, padding,  # noqa: A002
                           use_cudnn_on_gpu=True, data_format="NHWC",
                           dilations=(1, 1, 1, 1), name=None):
    x = input if isinstance(input, Tensor) else None
    sizes = filter_sizes if isinstance(filter_sizes, Tensor) else None
    return apply_op("Conv2DBackpropFilter", name, [
        (input, "input", None), (filter_sizes, "filter_sizes",
                                 None if sizes is not None else _dtypes.int32),
        (out_backprop, "out_backprop", None if x is None else x.dtype)],
        dtype=None if x is None else x.dtype, shape=array_ops.static_shape_of(filter_sizes),
        attrs={"strides": list(strides), "padding": padding, "explicit_paddings": [],
               "use_cudnn_on_gpu": use_cudnn_on_gpu, "data_format": data_format,
               "dilations": list(dilations)})


def histogram_fixed_width(values, value_range, nbins=100, dtype=_dtypes.int32, name=None):
    with name_scope(name, "histogram_fixed_width", [values, value_range, nbins]) as scope:
        v = convert_to_tensor(values) if isinstance(values, Tensor) else None
        n = nbins if isinstance(nbins, int) else array_ops._constant_value(nbins)
        return apply_op("HistogramFixedWidth", scope, [
            (values, "values", None), (value_range, "value_range",
                                       None if v is None else v.dtype),
            (nbins, "nbins", _dtypes.int32)], dtype=_dtypes.as_dtype(dtype),
            shape=[None if n is None else int(n)], attrs={"dtype": _dtypes.as_dtype(dtype)})
