"""More of `tf.contrib.layers`' layers (TF 1.15 `contrib/layers/python/layers/layers.py`):
sequence/image reshapes, `spatial_softmax`, `dense_to_sparse`, `conv2d_in_plane`, the
`legacy_*` fully-connected layers and slim's `pool`."""

from __future__ import annotations

import functools

from ...framework import dtypes
from ...framework.constant_op import constant, convert_to_tensor
from ...framework.ops import GraphKeys, add_to_collections, name_scope
from ...framework.sparse_tensor import SparseTensor
from ...framework.tensor_shape import dimension_value
from ...layers import convolutional as conv_layers
from ...ops import array_ops, math_ops, nn_conv, nn_impl, nn_ops
from ...ops import variable_scope as vs
from ...ops.array_ops_ext import gather_nd, meshgrid, unstack, where
from ...ops.init_ops import (
    constant_initializer,
    ones_initializer,
)
from ..framework import variables as slim_vars
from ..framework.arg_scope import add_arg_scope
from . import utils
from .layers import (
    _XAVIER,
    _ZEROS,
    DATA_FORMAT_NCDHW,
    DATA_FORMAT_NCHW,
    DATA_FORMAT_NDHWC,
    DATA_FORMAT_NHWC,
    _build_variable_getter,
    _finish,
)

__all__ = ["images_to_sequence", "sequence_to_images", "spatial_softmax", "dense_to_sparse",
           "convolution2d_in_plane", "conv2d_in_plane", "convolution3d_transpose",
           "conv3d_transpose", "legacy_fully_connected",
           "legacy_linear", "legacy_relu", "pool"]


@add_arg_scope
def images_to_sequence(inputs, data_format=DATA_FORMAT_NHWC, outputs_collections=None,
                       scope=None):
    """`[batch, height, width, depth]` images to `[width, batch * height, depth]`."""
    if data_format not in (DATA_FORMAT_NCHW, DATA_FORMAT_NHWC):
        raise ValueError("data_format has to be either NCHW or NHWC.")
    with name_scope(scope, "ImagesToSequence", [inputs]) as sc:
        inputs = convert_to_tensor(inputs)
        if data_format.startswith("NC"):
            inputs = array_ops.transpose(inputs, [0, 2, 3, 1])
        _, _, width, depth = inputs.shape.as_list()
        s = array_ops.shape(inputs)
        batch_size, height = s[0], s[1]
        transposed = array_ops.transpose(inputs, [2, 0, 1, 3])
        outputs = array_ops.reshape(transposed, [width, batch_size * height, depth])
        return utils.collect_named_outputs(outputs_collections, sc, outputs)


@add_arg_scope
def sequence_to_images(inputs, height, output_data_format="channels_last",
                       outputs_collections=None, scope=None):
    """The inverse of `images_to_sequence`."""
    with name_scope(scope, "SequenceToImages", [inputs]) as sc:
        inputs = convert_to_tensor(inputs)
        width, num_batches, depth = inputs.shape.as_list()
        num_batches = -1 if num_batches is None else num_batches // height
        reshaped = array_ops.reshape(inputs, [width, num_batches, height, depth])
        perm = [1, 3, 2, 0] if output_data_format == "channels_first" else [1, 2, 0, 3]
        outputs = array_ops.transpose(reshaped, perm)
        return utils.collect_named_outputs(outputs_collections, sc, outputs)


@add_arg_scope
def spatial_softmax(features, temperature=None, name=None, variables_collections=None,
                    trainable=True, data_format="NHWC"):
    """The expected (x, y) position of each channel under a softmax over space."""
    with vs.variable_scope(name, "spatial_softmax"):
        shape = array_ops.shape(features)
        static_shape = features.shape
        if data_format == DATA_FORMAT_NHWC:
            height, width, num_channels = shape[1], shape[2], static_shape[3]
        elif data_format == DATA_FORMAT_NCHW:
            num_channels, height, width = static_shape[1], shape[2], shape[3]
        else:
            raise ValueError("data_format has to be either NCHW or NHWC.")
        channels = dimension_value(num_channels)
        if channels is None:
            raise ValueError("The num_channels dimension of the inputs to `spatial_softmax` "
                             "should be defined. Found `None`.")
        with name_scope("spatial_softmax_op", "spatial_softmax_op", [features]):
            pos_x, pos_y = meshgrid(array_ops.linspace(-1.0, 1.0, num=height),
                                    array_ops.linspace(-1.0, 1.0, num=width), indexing="ij")
            pos_x = array_ops.reshape(pos_x, [height * width])
            pos_y = array_ops.reshape(pos_y, [height * width])
            init = ones_initializer() if temperature is None \
                else constant_initializer(temperature)
            collections = utils.get_variable_collections(variables_collections,
                                                         "temperature") if trainable else None
            temperature = slim_vars.model_variable("temperature", shape=(),
                                                   dtype=dtypes.float32, initializer=init,
                                                   collections=collections,
                                                   trainable=trainable)
            if data_format == "NCHW":
                features = array_ops.reshape(features, [-1, height * width])
            else:
                features = array_ops.reshape(array_ops.transpose(features, [0, 3, 1, 2]),
                                             [-1, height * width])
            attention = nn_ops.softmax(features / temperature)
            expected_x = math_ops.reduce_sum(pos_x * attention, [1], keepdims=True)
            expected_y = math_ops.reduce_sum(pos_y * attention, [1], keepdims=True)
            expected_xy = array_ops.concat([expected_x, expected_y], 1)
            keypoints = array_ops.reshape(expected_xy, [-1, channels * 2])
            keypoints.set_shape([None, channels * 2])
    return keypoints


@add_arg_scope
def dense_to_sparse(tensor, eos_token=0, outputs_collections=None, scope=None):
    """A SparseTensor of the entries of `tensor` that are not `eos_token`."""
    with vs.variable_scope(scope, "dense_to_sparse", [tensor]) as sc:
        tensor = convert_to_tensor(tensor)
        indices = where(math_ops.not_equal(tensor, constant(eos_token, tensor.dtype)))
        values = gather_nd(tensor, indices)
        shape = array_ops.shape(tensor, out_type=dtypes.int64)
        outputs = SparseTensor(indices, values, shape)
        return utils.collect_named_outputs(outputs_collections, sc.name, outputs)


@add_arg_scope
def convolution2d_in_plane(inputs, kernel_size, stride=1, padding="SAME",
                           activation_fn=nn_ops.relu, normalizer_fn=None,
                           normalizer_params=None, weights_initializer=_XAVIER,
                           weights_regularizer=None, biases_initializer=_ZEROS,
                           biases_regularizer=None, reuse=None, variables_collections=None,
                           outputs_collections=None, trainable=True, scope=None):
    """One `[kh, kw, 1, 1]` filter applied to every channel (a tiled depthwise conv)."""
    with vs.variable_scope(scope, "ConvInPlane", [inputs], reuse=reuse) as sc:
        dtype = inputs.dtype.base_dtype
        kernel_h, kernel_w = utils.two_element_tuple(kernel_size)
        stride_h, stride_w = utils.two_element_tuple(stride)
        num_filters_in = utils.last_dimension(inputs.shape, min_rank=4)
        weights = slim_vars.model_variable(
            "weights", shape=[kernel_h, kernel_w, 1, 1], dtype=dtype,
            initializer=weights_initializer, regularizer=weights_regularizer,
            collections=utils.get_variable_collections(variables_collections, "weights"),
            trainable=trainable)
        depthwise_weights = array_ops.tile(weights, [1, 1, num_filters_in, 1])
        outputs = nn_impl.depthwise_conv2d(inputs, depthwise_weights,
                                           [1, stride_h, stride_w, 1], padding)
        if normalizer_fn is not None:
            outputs = normalizer_fn(outputs, **(normalizer_params or {}))
        elif biases_initializer is not None:
            biases = slim_vars.model_variable(
                "biases", shape=[num_filters_in], dtype=dtype,
                initializer=biases_initializer, regularizer=biases_regularizer,
                collections=utils.get_variable_collections(variables_collections, "biases"),
                trainable=trainable)
            outputs = nn_ops.bias_add(outputs, biases)
        if activation_fn is not None:
            outputs = activation_fn(outputs)
        return utils.collect_named_outputs(outputs_collections, sc.name, outputs)


conv2d_in_plane = convolution2d_in_plane


@add_arg_scope
def convolution3d_transpose(inputs, num_outputs, kernel_size, stride=1, padding="SAME",
                            data_format=DATA_FORMAT_NDHWC, activation_fn=nn_ops.relu,
                            normalizer_fn=None, normalizer_params=None,
                            weights_initializer=_XAVIER, weights_regularizer=None,
                            biases_initializer=_ZEROS, biases_regularizer=None, reuse=None,
                            variables_collections=None, outputs_collections=None,
                            trainable=True, scope=None):
    """`slim.conv3d_transpose`: a `Conv3DTranspose` layer with slim's variable names."""
    getter = _build_variable_getter({"bias": "biases", "kernel": "weights"})
    with vs.variable_scope(scope, "Conv3d_transpose", [inputs], reuse=reuse,
                           custom_getter=getter) as sc:
        if data_format not in (DATA_FORMAT_NCDHW, DATA_FORMAT_NDHWC):
            raise ValueError("data_format has to be either NCDHW or NDHWC.")
        if data_format == DATA_FORMAT_NCDHW:
            raise NotImplementedError("philoxflow: conv3d_transpose with NCDHW")
        inputs = convert_to_tensor(inputs)
        layer = conv_layers.Conv3DTranspose(
            filters=num_outputs, kernel_size=kernel_size, strides=stride, padding=padding,
            data_format="channels_last", activation=None,
            use_bias=not normalizer_fn and biases_initializer,
            kernel_initializer=weights_initializer, bias_initializer=biases_initializer,
            kernel_regularizer=weights_regularizer, bias_regularizer=biases_regularizer,
            trainable=trainable, name=sc.name, dtype=inputs.dtype.base_dtype, _scope=sc,
            _reuse=reuse)
        outputs = layer.apply(inputs)
        return _finish(outputs, layer, [layer.kernel], normalizer_fn, normalizer_params,
                       activation_fn, variables_collections, outputs_collections, sc.name)


conv3d_transpose = convolution3d_transpose


def legacy_fully_connected(x, num_output_units, activation_fn=None,
                           weight_init=_XAVIER, bias_init=_ZEROS,
                           name=None, weight_collections=(GraphKeys.WEIGHTS,),
                           bias_collections=(GraphKeys.BIASES,),
                           output_collections=(GraphKeys.ACTIVATIONS,), trainable=True,
                           weight_regularizer=None, bias_regularizer=None):
    """The pre-slim fully-connected layer: `weights`/`bias` by `get_variable`."""
    with vs.variable_scope(name, "fully_connected", [x]):
        x = convert_to_tensor(x)
        dims = x.shape.dims
        if dims is None:
            raise ValueError("dims of x must be known but is None")
        if len(dims) < 2:
            raise ValueError("rank of x must be at least 2 not: %d" % len(dims))
        num_input_units = dims[-1].value
        if num_input_units is None:
            raise ValueError("last dimension of x must be known but is None")
        dtype = x.dtype.base_dtype
        w = vs.get_variable("weights", shape=[num_input_units, num_output_units], dtype=dtype,
                            initializer=weight_init,
                            collections=set(list(weight_collections or [])
                                            + [GraphKeys.GLOBAL_VARIABLES]),
                            regularizer=weight_regularizer, trainable=trainable)
        x_2_dim = x if len(dims) <= 2 else array_ops.reshape(x, [-1, num_input_units])
        y = math_ops.matmul(x_2_dim, w)
        if bias_init is not None:
            b = vs.get_variable("bias", shape=[num_output_units], dtype=dtype,
                                initializer=bias_init,
                                collections=set(list(bias_collections or [])
                                                + [GraphKeys.GLOBAL_VARIABLES]),
                                regularizer=bias_regularizer, trainable=trainable)
            y = nn_ops.bias_add(y, b)
        if len(dims) > 2:
            out_shape = unstack(array_ops.shape(x))
            out_shape[-1] = num_output_units
            y = array_ops.reshape(y, array_ops.stack(out_shape))
            static_shape = x.shape.as_list()
            static_shape[-1] = num_output_units
            y.set_shape(static_shape)
        if activation_fn is not None:
            y = activation_fn(y)
        add_to_collections(list(output_collections or []) + [GraphKeys.ACTIVATIONS], y)
        return y


legacy_relu = functools.partial(legacy_fully_connected, activation_fn=nn_ops.relu)
legacy_linear = functools.partial(legacy_fully_connected, activation_fn=None)


@add_arg_scope
def pool(inputs, kernel_size, pooling_type, padding="VALID", data_format=None,
         dilation_rate=1, stride=1, outputs_collections=None, scope=None):
    """`tf.nn.pool` over every spatial dimension, in a `<type>_pool` name scope."""
    with name_scope(scope, "%s_pool" % pooling_type.lower(), [inputs]) as sc:
        inputs = convert_to_tensor(inputs)
        rank = inputs.shape.ndims
        if rank is None:
            raise ValueError("Rank of inputs must be known")
        if rank < 3:
            raise ValueError("Rank of inputs must be >= 3")
        n = rank - 2
        output = nn_conv.pool(input=inputs,
                              window_shape=utils.n_positive_integers(n, kernel_size),
                              pooling_type=pooling_type, padding=padding,
                              data_format=data_format,
                              dilation_rate=utils.n_positive_integers(n, dilation_rate),
                              strides=utils.n_positive_integers(n, stride), name=sc)
        return utils.collect_named_outputs(outputs_collections, sc, output)
