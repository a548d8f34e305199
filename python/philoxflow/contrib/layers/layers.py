"""`tf.contrib.layers` layers (TF 1.15's `contrib/layers/python/layers/layers.py`).

Each is arg-scoped and wraps a core `tf.layers` class inside its own variable
scope (`Conv`, `fully_connected`, ...) whose custom getter renames `kernel`/`bias`
to `weights`/`biases` and makes them model variables, as TF-slim does; then the
optional normalizer and activation, and `outputs_collections` aliases.
"""

from __future__ import annotations

from ...framework import dtypes as _dtypes
from ...framework.constant_op import convert_to_tensor
from ...framework.ops import GraphKeys, get_default_graph, name_scope
from ...layers import convolutional as conv_layers
from ...layers import core as core_layers
from ...layers import pooling as pool_layers
from ...ops import array_ops, math_ops, nn_ops
from ...ops import variable_scope as vs
from ...ops.init_ops import xavier_initializer, zeros_initializer
from ...ops.partitioned_variables import PartitionedVariable
from ..framework import variables as slim_vars
from ..framework.arg_scope import add_arg_scope
from .utils import collect_named_outputs, get_variable_collections

DATA_FORMAT_NCHW = "NCHW"
DATA_FORMAT_NHWC = "NHWC"
DATA_FORMAT_NCDHW = "NCDHW"
DATA_FORMAT_NDHWC = "NDHWC"

_relu = nn_ops.relu
# TF builds these defaults once, at import (one object each, shared by every call).
_XAVIER = xavier_initializer()
_ZEROS = zeros_initializer()


# ----------------------------------------------------------------- utils

def _model_variable_getter(getter, name, shape=None, dtype=None, initializer=None,
                           regularizer=None, trainable=True, collections=None,
                           caching_device=None, partitioner=None, rename=None,
                           use_resource=None, **_):
    short = name.split("/")[-1]
    if rename and short in rename:
        parts = name.split("/")
        parts[-1] = rename[short]
        name = "/".join(parts)
    return slim_vars.model_variable(
        name, shape=shape, dtype=dtype, initializer=initializer, regularizer=regularizer,
        collections=collections, trainable=trainable, caching_device=caching_device,
        partitioner=partitioner, custom_getter=getter, use_resource=use_resource)


def _build_variable_getter(rename=None):
    def layer_variable_getter(getter, *args, **kwargs):
        kwargs["rename"] = rename
        return _model_variable_getter(getter, *args, **kwargs)
    return layer_variable_getter


def _add_variable_to_collections(variable, collections_set, collections_name):
    collections = get_variable_collections(collections_set, collections_name) or []
    var_list = list(variable) if isinstance(variable, PartitionedVariable) else [variable]
    g = get_default_graph()
    for collection in collections:
        for v in var_list:
            if v not in g.get_collection(collection):
                g.add_to_collection(collection, v)


def _channels(data_format):
    return "channels_first" if data_format and data_format.startswith("NC") else \
        "channels_last"


def _finish(outputs, layer, weights, normalizer_fn, normalizer_params, activation_fn,
            variables_collections, outputs_collections, sc_name):
    for w in weights:
        _add_variable_to_collections(w, variables_collections, "weights")
    if getattr(layer, "bias", None) is not None:
        _add_variable_to_collections(layer.bias, variables_collections, "biases")
    if normalizer_fn is not None:
        outputs = normalizer_fn(outputs, **(normalizer_params or {}))
    if activation_fn is not None:
        outputs = activation_fn(outputs)
    return collect_named_outputs(outputs_collections, sc_name, outputs)


# ----------------------------------------------------------------- convolutions

@add_arg_scope
def convolution(inputs, num_outputs, kernel_size, stride=1, padding="SAME", data_format=None,
                rate=1, activation_fn=_relu, normalizer_fn=None, normalizer_params=None,
                weights_initializer=_XAVIER, weights_regularizer=None,
                biases_initializer=_ZEROS, biases_regularizer=None, reuse=None,
                variables_collections=None, outputs_collections=None, trainable=True,
                scope=None, conv_dims=None):
    """`slim.convolution`: N-d convolution (rank from the input) with weights, biases."""
    if data_format not in [None, "NWC", "NCW", "NHWC", "NCHW", "NDHWC", "NCDHW"]:
        raise ValueError(f"Invalid data_format: {data_format!r}")
    getter = _build_variable_getter({"bias": "biases", "kernel": "weights"})
    with vs.variable_scope(scope, "Conv", [inputs], reuse=reuse, custom_getter=getter) as sc:
        inputs = convert_to_tensor(inputs)
        rank = inputs.get_shape().ndims
        if conv_dims is not None and conv_dims + 2 != rank:
            raise ValueError(f"Convolution expects input with rank {conv_dims + 2}, got {rank}")
        classes = {3: conv_layers.Conv1D, 4: conv_layers.Conv2D, 5: conv_layers.Conv3D}
        if rank not in classes:
            raise ValueError("Convolution not supported for input with rank", rank)
        layer = classes[rank](
            filters=num_outputs, kernel_size=kernel_size, strides=stride, padding=padding,
            data_format=_channels(data_format), dilation_rate=rate, activation=None,
            use_bias=not normalizer_fn and biases_initializer,
            kernel_initializer=weights_initializer, bias_initializer=biases_initializer,
            kernel_regularizer=weights_regularizer, bias_regularizer=biases_regularizer,
            trainable=trainable, name=sc.name, dtype=inputs.dtype, _scope=sc, _reuse=reuse)
        outputs = layer.apply(inputs)
        return _finish(outputs, layer, [layer.kernel], normalizer_fn, normalizer_params,
                       activation_fn, variables_collections, outputs_collections, sc.name)


def _convolution_nd(conv_dims, doc):
    @add_arg_scope
    def conv(inputs, num_outputs, kernel_size, stride=1, padding="SAME", data_format=None,
             rate=1, activation_fn=_relu, normalizer_fn=None, normalizer_params=None,
             weights_initializer=_XAVIER, weights_regularizer=None,
             biases_initializer=_ZEROS, biases_regularizer=None, reuse=None,
             variables_collections=None, outputs_collections=None, trainable=True,
             scope=None):
        return convolution(inputs, num_outputs, kernel_size, stride, padding, data_format,
                           rate, activation_fn, normalizer_fn, normalizer_params,
                           weights_initializer, weights_regularizer, biases_initializer,
                           biases_regularizer, reuse, variables_collections,
                           outputs_collections, trainable, scope, conv_dims=conv_dims)
    conv.__name__ = conv.__qualname__ = f"convolution{conv_dims}d"
    conv.__doc__ = doc
    return conv


convolution1d = _convolution_nd(1, "`slim.conv1d`.")
convolution2d = _convolution_nd(2, "`slim.conv2d`.")
convolution3d = _convolution_nd(3, "`slim.conv3d`.")


@add_arg_scope
def convolution2d_transpose(inputs, num_outputs, kernel_size, stride=1, padding="SAME",
                            data_format=DATA_FORMAT_NHWC, activation_fn=_relu,
                            normalizer_fn=None, normalizer_params=None,
                            weights_initializer=_XAVIER, weights_regularizer=None,
                            biases_initializer=_ZEROS, biases_regularizer=None,
                            reuse=None, variables_collections=None, outputs_collections=None,
                            trainable=True, scope=None):
    """`slim.conv2d_transpose`."""
    getter = _build_variable_getter({"bias": "biases", "kernel": "weights"})
    with vs.variable_scope(scope, "Conv2d_transpose", [inputs], reuse=reuse,
                           custom_getter=getter) as sc:
        if data_format not in (DATA_FORMAT_NCHW, DATA_FORMAT_NHWC):
            raise ValueError("data_format has to be either NCHW or NHWC.")
        inputs = convert_to_tensor(inputs)
        layer = conv_layers.Conv2DTranspose(
            filters=num_outputs, kernel_size=kernel_size, strides=stride, padding=padding,
            data_format=_channels(data_format), activation=None,
            use_bias=not normalizer_fn and biases_initializer,
            kernel_initializer=weights_initializer, bias_initializer=biases_initializer,
            kernel_regularizer=weights_regularizer, bias_regularizer=biases_regularizer,
            trainable=trainable, name=sc.name, dtype=inputs.dtype, _scope=sc, _reuse=reuse)
        outputs = layer.apply(inputs)
        return _finish(outputs, layer, [layer.kernel], normalizer_fn, normalizer_params,
                       activation_fn, variables_collections, outputs_collections, sc.name)


def _two(v):
    return (int(v), int(v)) if isinstance(v, int) else tuple(int(x) for x in v)


@add_arg_scope
def separable_convolution2d(inputs, num_outputs, kernel_size, depth_multiplier=1, stride=1,
                            padding="SAME", data_format=DATA_FORMAT_NHWC, rate=1,
                            activation_fn=_relu, normalizer_fn=None, normalizer_params=None,
                            weights_initializer=_XAVIER,
                            pointwise_initializer=None, weights_regularizer=None,
                            biases_initializer=_ZEROS, biases_regularizer=None,
                            reuse=None, variables_collections=None, outputs_collections=None,
                            trainable=True, scope=None):
    """`slim.separable_conv2d` (`num_outputs=None`: depthwise only)."""
    if data_format not in (DATA_FORMAT_NCHW, DATA_FORMAT_NHWC):
        raise ValueError("data_format has to be either NCHW or NHWC.")
    getter = _build_variable_getter({"bias": "biases", "depthwise_kernel": "depthwise_weights",
                                     "pointwise_kernel": "pointwise_weights"})
    with vs.variable_scope(scope, "SeparableConv2d", [inputs], reuse=reuse,
                           custom_getter=getter) as sc:
        inputs = convert_to_tensor(inputs)
        if pointwise_initializer is None:
            pointwise_initializer = weights_initializer
        if num_outputs is None:
            outputs = _depthwise_only(inputs, kernel_size, depth_multiplier, stride, padding,
                                      data_format, rate, normalizer_fn, normalizer_params,
                                      weights_initializer, weights_regularizer,
                                      biases_initializer, biases_regularizer,
                                      variables_collections, trainable)
            if activation_fn is not None:
                outputs = activation_fn(outputs)
            return collect_named_outputs(outputs_collections, sc.name, outputs)
        layer = conv_layers.SeparableConv2D(
            filters=num_outputs, kernel_size=kernel_size, strides=stride, padding=padding,
            data_format=_channels(data_format), dilation_rate=_two(rate), activation=None,
            depth_multiplier=depth_multiplier,
            use_bias=not normalizer_fn and biases_initializer,
            depthwise_initializer=weights_initializer,
            pointwise_initializer=pointwise_initializer, bias_initializer=biases_initializer,
            depthwise_regularizer=weights_regularizer, pointwise_regularizer=weights_regularizer,
            bias_regularizer=biases_regularizer, trainable=trainable, name=sc.name,
            dtype=inputs.dtype, _scope=sc, _reuse=reuse)
        outputs = layer.apply(inputs)
        return _finish(outputs, layer, [layer.depthwise_kernel, layer.pointwise_kernel],
                       normalizer_fn, normalizer_params, activation_fn,
                       variables_collections, outputs_collections, sc.name)


def _depthwise_only(inputs, kernel_size, depth_multiplier, stride, padding, data_format, rate,
                    normalizer_fn, normalizer_params, weights_initializer, weights_regularizer,
                    biases_initializer, biases_regularizer, variables_collections, trainable):
    """slim's depthwise-only path: `depthwise_weights`, `nn.depthwise_conv2d`, biases."""
    kh, kw = _two(kernel_size)
    sh, sw = _two(stride)
    channels_first = data_format.startswith("NC")
    num_in = inputs.get_shape().as_list()[1 if channels_first else -1]
    if num_in is None:
        raise ValueError("dimension of shape must be known but is None")
    weights = slim_vars.model_variable(
        "depthwise_weights", shape=[kh, kw, num_in, depth_multiplier], dtype=inputs.dtype,
        initializer=weights_initializer, regularizer=weights_regularizer, trainable=trainable,
        collections=get_variable_collections(variables_collections, "weights"))
    strides = [1, 1, sh, sw] if channels_first else [1, sh, sw, 1]
    outputs = _depthwise_conv2d(inputs, weights, strides, padding, _two(rate), data_format)
    if normalizer_fn is not None:
        return normalizer_fn(outputs, **(normalizer_params or {}))
    if biases_initializer is not None:
        biases = slim_vars.model_variable(
            "biases", shape=[depth_multiplier * num_in], dtype=inputs.dtype,
            initializer=biases_initializer, regularizer=biases_regularizer,
            trainable=trainable,
            collections=get_variable_collections(variables_collections, "biases"))
        outputs = nn_ops.bias_add(outputs, biases, data_format=data_format)
    return outputs


def _depthwise_conv2d(inputs, filters, strides, padding, rate, data_format):
    """`tf.nn.depthwise_conv2d` at rate 1: `Shape` and `dilation_rate` constants, then
    the native op named after the scope (TF's with_space_to_batch shortcut)."""
    if tuple(rate) != (1, 1):
        raise NotImplementedError("philoxflow: depthwise_conv2d with rate > 1 "
                                  "(SpaceToBatchND path) is not implemented yet")
    with name_scope(None, "depthwise", [inputs, filters]) as scope:
        x = convert_to_tensor(inputs, name="tensor_in")
        f = convert_to_tensor(filters, name="filter_in")
        array_ops.shape(f)
        convert_to_tensor(list(rate), dtype=_dtypes.int32, name="dilation_rate")
        return nn_ops.depthwise_conv2d_native(x, f, strides, padding, data_format=data_format,
                                              name=scope)


# ----------------------------------------------------------------- dense and friends

@add_arg_scope
def fully_connected(inputs, num_outputs, activation_fn=_relu, normalizer_fn=None,
                    normalizer_params=None, weights_initializer=_XAVIER,
                    weights_regularizer=None, biases_initializer=_ZEROS,
                    biases_regularizer=None, reuse=None, variables_collections=None,
                    outputs_collections=None, trainable=True, scope=None):
    """`slim.fully_connected`: a Dense layer with slim's variable names."""
    if not isinstance(num_outputs, int) or isinstance(num_outputs, bool):
        raise ValueError(f"num_outputs type should be one of [<class 'int'>], got "
                         f"{type(num_outputs)}.")
    getter = _build_variable_getter({"bias": "biases", "kernel": "weights"})
    with vs.variable_scope(scope, "fully_connected", [inputs], reuse=reuse,
                           custom_getter=getter) as sc:
        inputs = convert_to_tensor(inputs)
        layer = core_layers.Dense(
            units=num_outputs, activation=None,
            use_bias=not normalizer_fn and biases_initializer,
            kernel_initializer=weights_initializer, bias_initializer=biases_initializer,
            kernel_regularizer=weights_regularizer, bias_regularizer=biases_regularizer,
            trainable=trainable, name=sc.name, dtype=inputs.dtype, _scope=sc, _reuse=reuse)
        outputs = layer.apply(inputs)
        return _finish(outputs, layer, [layer.kernel], normalizer_fn, normalizer_params,
                       activation_fn, variables_collections, outputs_collections, sc.name)


@add_arg_scope
def bias_add(inputs, activation_fn=None, initializer=_ZEROS, regularizer=None,
             reuse=None, variables_collections=None, outputs_collections=None, trainable=True,
             data_format=DATA_FORMAT_NHWC, scope=None):
    if data_format not in (DATA_FORMAT_NCHW, DATA_FORMAT_NHWC):
        raise ValueError("data_format has to be either NCHW or NHWC.")
    with vs.variable_scope(scope, "BiasAdd", [inputs], reuse=reuse) as sc:
        inputs = convert_to_tensor(inputs)
        rank = inputs.get_shape().ndims
        if rank is None:
            raise ValueError("Dims of shape must be known but is None")
        if rank != 4 and data_format == DATA_FORMAT_NCHW:
            raise ValueError("Data format NCHW only supports 4D Tensor")
        axis = 1 if data_format == DATA_FORMAT_NCHW else -1
        n = inputs.get_shape().as_list()[axis]
        if n is None:
            raise ValueError("`C` dimension must be known but is None")
        biases = slim_vars.model_variable(
            "biases", shape=[n], dtype=inputs.dtype, initializer=initializer,
            regularizer=regularizer,
            collections=get_variable_collections(variables_collections, "biases"),
            trainable=trainable)
        outputs = nn_ops.bias_add(inputs, biases, data_format=data_format)
        if activation_fn is not None:
            outputs = activation_fn(outputs)
        return collect_named_outputs(outputs_collections, sc.name, outputs)


@add_arg_scope
def dropout(inputs, keep_prob=0.5, noise_shape=None, is_training=True,
            outputs_collections=None, scope=None, seed=None):
    """`slim.dropout`: the core Dropout layer at `rate = 1 - keep_prob`."""
    with vs.variable_scope(scope, "Dropout", [inputs],
                           custom_getter=_model_variable_getter) as sc:
        inputs = convert_to_tensor(inputs)
        layer = core_layers.Dropout(rate=1 - keep_prob, noise_shape=noise_shape, seed=seed,
                                    name=sc.name, _scope=sc)
        outputs = layer.apply(inputs, training=is_training)
        return collect_named_outputs(outputs_collections, sc.name, outputs)


@add_arg_scope
def flatten(inputs, outputs_collections=None, scope=None):
    with name_scope(scope, "Flatten", [inputs]) as sc:
        inputs = convert_to_tensor(inputs)
        outputs = core_layers.flatten(inputs)
        return collect_named_outputs(outputs_collections, sc, outputs)


def _pool(cls, default, inputs, kernel_size, stride, padding, data_format,
          outputs_collections, scope, formats=(DATA_FORMAT_NCHW, DATA_FORMAT_NHWC)):
    """The 2-D and 3-D pooling functions: a pooling layer in a name scope (no variables)."""
    if data_format not in formats:
        raise ValueError(f"data_format has to be either {formats[0]} or {formats[1]}.")
    with name_scope(scope, default, [inputs]) as sc:
        inputs = convert_to_tensor(inputs)
        layer = cls(pool_size=kernel_size, strides=stride, padding=padding,
                    data_format=_channels(data_format), _scope=sc)
        outputs = layer.apply(inputs)
        return collect_named_outputs(outputs_collections, sc, outputs)


@add_arg_scope
def avg_pool2d(inputs, kernel_size, stride=2, padding="VALID", data_format=DATA_FORMAT_NHWC,
               outputs_collections=None, scope=None):
    return _pool(pool_layers.AveragePooling2D, "AvgPool2D", inputs, kernel_size, stride,
                 padding, data_format, outputs_collections, scope)


@add_arg_scope
def max_pool2d(inputs, kernel_size, stride=2, padding="VALID", data_format=DATA_FORMAT_NHWC,
               outputs_collections=None, scope=None):
    return _pool(pool_layers.MaxPooling2D, "MaxPool2D", inputs, kernel_size, stride,
                 padding, data_format, outputs_collections, scope)


_FORMATS_3D = (DATA_FORMAT_NCDHW, DATA_FORMAT_NDHWC)


@add_arg_scope
def avg_pool3d(inputs, kernel_size, stride=2, padding="VALID", data_format=DATA_FORMAT_NDHWC,
               outputs_collections=None, scope=None):
    return _pool(pool_layers.AveragePooling3D, "AvgPool3D", inputs, kernel_size, stride,
                 padding, data_format, outputs_collections, scope, _FORMATS_3D)


@add_arg_scope
def max_pool3d(inputs, kernel_size, stride=2, padding="VALID", data_format=DATA_FORMAT_NDHWC,
               outputs_collections=None, scope=None):
    return _pool(pool_layers.MaxPooling3D, "MaxPool3D", inputs, kernel_size, stride,
                 padding, data_format, outputs_collections, scope, _FORMATS_3D)


@add_arg_scope
def maxout(inputs, num_units, axis=-1, scope=None):
    """Max over groups of `channels // num_units` features along `axis`."""
    with vs.variable_scope(scope, "MaxOut", [inputs]):
        inputs = convert_to_tensor(inputs)
        shape = inputs.get_shape().as_list()
        channels = shape[axis]
        if channels % num_units:
            raise ValueError(f"number of features({channels}) is not a multiple of "
                             f"num_units({num_units})")
        shape[axis] = num_units
        shape += [channels // num_units]
        for i, d in enumerate(shape):
            if d is None:
                shape[i] = array_ops.shape(inputs)[i]
        return math_ops.reduce_max(array_ops.reshape(inputs, shape), -1, keepdims=False)


@add_arg_scope
def unit_norm(inputs, dim, epsilon=1e-7, scope=None):
    """`inputs / sqrt(epsilon + sum(inputs**2, dim))`, the lengths tiled back."""
    with vs.variable_scope(scope, "UnitNorm", [inputs]):
        if not inputs.get_shape():
            raise ValueError("The input rank must be known.")
        rank = len(inputs.get_shape().as_list())
        if dim < 0 or dim >= rank:
            raise ValueError("dim must be positive but smaller than the input rank.")
        lengths = math_ops.sqrt(epsilon + math_ops.reduce_sum(math_ops.square(inputs), dim,
                                                              True))
        multiples = []
        if dim > 0:
            multiples.append(array_ops.ones([dim], _dtypes.int32))
        # TF's strided_slice without strides builds `ones_like(begin)` first.
        sliced = array_ops.strided_slice(array_ops.shape(inputs), [dim], [dim + 1],
                                         array_ops.ones_like([dim]))
        sliced.set_shape([1])  # TF's shape function folds the ones_like strides
        multiples.append(sliced)
        if dim < rank - 1:
            multiples.append(array_ops.ones([rank - 1 - dim], _dtypes.int32))
        multiples = array_ops.concat(multiples, 0)
        multiples.set_shape([rank])
        tiled = array_ops.tile(lengths, multiples)
        if inputs.get_shape().is_fully_defined():
            tiled.set_shape(inputs.get_shape())  # TF folds the constant multiples
        return math_ops.div(inputs, tiled)


def embed_sequence(ids, vocab_size=None, embed_dim=None, unique=False, initializer=None,
                   regularizer=None, trainable=True, scope=None, reuse=None):
    """`[vocab_size, embed_dim]` model variable `embeddings`, looked up at `ids`."""
    if not (reuse or (vocab_size and embed_dim)):
        raise ValueError("Must specify vocab size and embedding dimension when not reusing. "
                         f"Got vocab_size={vocab_size} and embed_dim={embed_dim}")
    if unique:
        raise NotImplementedError("philoxflow: embed_sequence(unique=True) is not "
                                  "implemented yet")
    with vs.variable_scope(scope, "EmbedSequence", [ids], reuse=reuse):
        shape = [vocab_size, embed_dim]
        if reuse and vocab_size is None or embed_dim is None:
            shape = None
        embeddings = slim_vars.model_variable("embeddings", shape=shape,
                                              initializer=initializer,
                                              regularizer=regularizer, trainable=trainable)
        return nn_ops.embedding_lookup(embeddings, ids)


@add_arg_scope
def one_hot_encoding(labels, num_classes, on_value=1.0, off_value=0.0,
                     outputs_collections=None, scope=None):
    with name_scope(scope, "OneHotEncoding", [labels, num_classes]) as sc:
        labels = convert_to_tensor(labels)
        if labels.dtype == _dtypes.int32:
            labels = math_ops.to_int64(labels)
        outputs = array_ops.one_hot(labels, num_classes, on_value=on_value,
                                    off_value=off_value)
        return collect_named_outputs(outputs_collections, sc, outputs)


def _layer_name(layer, default):
    if hasattr(layer, "__name__"):
        return layer.__name__
    if hasattr(layer, "func") and hasattr(layer.func, "__name__"):
        return layer.func.__name__
    return default


def repeat(inputs, repetitions, layer, *args, **kwargs):
    """`slim.repeat`: `layer` applied `repetitions` times, scopes `<name>_<i>`."""
    scope = kwargs.pop("scope", None)
    with vs.variable_scope(scope, "Repeat", [inputs]):
        inputs = convert_to_tensor(inputs)
        if scope is None:
            scope = _layer_name(layer, "repeat")
        outputs = inputs
        for i in range(repetitions):
            kwargs["scope"] = scope + "_" + str(i + 1)
            outputs = layer(outputs, *args, **kwargs)
        return outputs


def stack(inputs, layer, stack_args, **kwargs):
    """`slim.stack`: `layer` once per entry of `stack_args`, scopes `<name>_<i>`."""
    scope = kwargs.pop("scope", None)
    if not isinstance(stack_args, (list, tuple)):
        raise ValueError("stack_args need to be a list or tuple")
    with vs.variable_scope(scope, "Stack", [inputs]):
        inputs = convert_to_tensor(inputs)
        if scope is None:
            scope = _layer_name(layer, "stack")
        outputs = inputs
        for i, layer_args in enumerate(stack_args):
            kwargs["scope"] = scope + "_" + str(i + 1)
            if not isinstance(layer_args, (list, tuple)):
                layer_args = [layer_args]
            outputs = layer(outputs, *layer_args, **kwargs)
        return outputs


@add_arg_scope
def softmax(logits, scope=None):
    with vs.variable_scope(scope, "softmax", [logits]):
        shape = logits.get_shape()
        if shape.ndims is None or shape.ndims < 2:
            raise ValueError(f"Invalid input {shape}, needs at least rank 2")
        n = shape.as_list()[-1]
        if n is None:
            raise ValueError("Inputs has undefined last dimension.")
        predictions = nn_ops.softmax(array_ops.reshape(logits, [-1, n]))
        predictions = array_ops.reshape(predictions, array_ops.shape(logits))
        predictions.set_shape(shape)
        return predictions


def _fc_with(activation_fn):
    def fc(*args, **kwargs):
        kwargs.setdefault("activation_fn", activation_fn)
        return fully_connected(*args, **kwargs)
    return fc


elu = _fc_with(nn_ops.elu)
relu = _fc_with(nn_ops.relu)
relu6 = _fc_with(nn_ops.relu6)
linear = _fc_with(None)

conv1d = convolution1d
conv2d = convolution2d
conv3d = convolution3d
conv2d_transpose = convolution2d_transpose
separable_conv2d = separable_convolution2d

__all__ = ["avg_pool2d", "bias_add", "conv1d", "conv2d", "conv3d", "conv2d_transpose",
           "convolution", "convolution1d", "convolution2d", "convolution3d",
           "convolution2d_transpose", "dropout", "elu", "flatten", "fully_connected", "linear",
           "max_pool2d", "one_hot_encoding", "relu", "relu6", "repeat", "separable_conv2d",
           "separable_convolution2d", "softmax", "stack", "GraphKeys", "avg_pool3d",
           "max_pool3d", "maxout", "unit_norm", "embed_sequence"]
