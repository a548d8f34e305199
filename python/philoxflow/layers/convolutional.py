"""`tf.layers` convolutions (TF 1.15): Conv1D/2D/3D, Conv2DTranspose, SeparableConv2D."""

from __future__ import annotations

from ..framework import dtypes as _dtypes
from ..framework.constant_op import convert_to_tensor
from ..framework.ops import name_scope
from ..framework.tensor_shape import TensorShape
from ..ops import array_ops, nn_ops
from ..ops.init_ops import zeros_initializer
from .base import Layer
from .core import activation as _activation


def _tuple(v, n):
    return tuple([int(v)] * n) if isinstance(v, int) else tuple(int(x) for x in v)


def conv_output_length(length, k, padding, stride, dilation=1):
    if length is None:
        return None
    k = k + (k - 1) * (dilation - 1)
    if padding == "same":
        out = length
    elif padding == "valid":
        out = length - k + 1
    else:
        out = length + k - 1
    return (out + stride - 1) // stride


class _Conv(Layer):
    rank = 2

    def __init__(self, filters, kernel_size, strides=1, padding="valid",
                 data_format="channels_last", dilation_rate=1, activation=None, use_bias=True,
                 kernel_initializer=None, bias_initializer=None, kernel_regularizer=None,
                 bias_regularizer=None, activity_regularizer=None, kernel_constraint=None,
                 bias_constraint=None, trainable=True, name=None, **kwargs):
        super().__init__(trainable=trainable, name=name,
                         activity_regularizer=activity_regularizer, **kwargs)
        self.kernel_constraint, self.bias_constraint = kernel_constraint, bias_constraint
        self.data_format = data_format or "channels_last"
        if self.data_format not in ("channels_last", "channels_first"):
            raise ValueError("The `data_format` argument must be one of \"channels_first\", "
                             f"\"channels_last\". Received: {data_format}")
        if self.data_format == "channels_first" and self.rank != 2:
            raise NotImplementedError("philoxflow: channels_first is implemented for 2-D "
                                      "convolutions only")
        self.filters = int(filters)
        self.kernel_size = _tuple(kernel_size, self.rank)
        self.strides = _tuple(strides, self.rank)
        self.padding = padding.lower()
        self.dilation_rate = _tuple(dilation_rate, self.rank)
        self.activation = _activation(activation)
        self.use_bias = use_bias
        self.kernel_initializer = kernel_initializer
        self.bias_initializer = bias_initializer or zeros_initializer()
        self.kernel_regularizer, self.bias_regularizer = kernel_regularizer, bias_regularizer

    def _channel_axis(self):
        return 1 if self.data_format == "channels_first" else -1

    def build(self, input_shape):
        input_shape = TensorShape(input_shape)
        input_dim = input_shape.as_list()[self._channel_axis()]
        if input_dim is None:
            raise ValueError("The channel dimension of the inputs should be defined. Found "
                             "`None`.")
        self.kernel = self.add_weight("kernel", self.kernel_size + (input_dim, self.filters),
                                      initializer=self.kernel_initializer,
                                      regularizer=self.kernel_regularizer,
                                      constraint=self.kernel_constraint)
        self.bias = self.add_weight("bias", (self.filters,), initializer=self.bias_initializer,
                                    regularizer=self.bias_regularizer,
                                    constraint=self.bias_constraint) if self.use_bias else None
        # nn_ops.Convolution converts its dilation rate when the layer is built.
        self._dilation_rate_t = convert_to_tensor(list(self.dilation_rate), dtype=_dtypes.int32,
                                                  name="dilation_rate")
        self.built = True

    def compute_output_shape(self, input_shape):
        dims = TensorShape(input_shape).as_list()
        first = self.data_format == "channels_first"
        spatial = dims[2:] if first else dims[1:-1]
        space = [conv_output_length(d, k, self.padding, s, r) for d, k, s, r in
                 zip(spatial, self.kernel_size, self.strides, self.dilation_rate)]
        if first:
            return TensorShape([dims[0], self.filters] + space)
        return TensorShape([dims[0]] + space + [self.filters])

    def _conv(self, inputs):
        pad = "VALID" if self.padding == "causal" else self.padding.upper()
        if any(r > 1 for r in self.dilation_rate) and self.data_format == "channels_last":
            # nn_ops.Convolution: space-to-batch around the VALID convolution at rate 1
            from ..ops.nn_conv import with_space_to_batch

            ones = (1,) * self.rank
            return with_space_to_batch(inputs, self._dilation_rate_t, pad,
                                       lambda x, p: self._plain_conv(x, p, ones),
                                       filter_shape=self.kernel.shape)
        return self._plain_conv(inputs, pad, self.dilation_rate)

    def _plain_conv(self, inputs, pad, rate):
        if self.rank == 1:
            return nn_ops.conv1d(inputs, self.kernel, self.strides[0], pad, dilations=rate[0])
        if self.rank == 2 and self.data_format == "channels_first":
            return nn_ops.conv2d(inputs, self.kernel, (1, 1) + self.strides, pad,
                                 data_format="NCHW", dilations=(1, 1) + rate)
        if self.rank == 2:
            return nn_ops.conv2d(inputs, self.kernel, (1,) + self.strides + (1,), pad,
                                 dilations=(1,) + rate + (1,))
        return nn_ops.conv3d(inputs, self.kernel, (1,) + self.strides + (1,), pad,
                             dilations=(1,) + rate + (1,))

    def call(self, inputs):
        inputs = convert_to_tensor(inputs)
        if self.padding == "causal":  # Keras's Conv1D pads on the left
            left = self.dilation_rate[0] * (self.kernel_size[0] - 1)
            inputs = array_ops.pad(inputs, [[0, 0], [left, 0], [0, 0]])
        outputs = self._conv(inputs)
        if self.use_bias:
            outputs = nn_ops.bias_add(outputs, self.bias, data_format="NCHW"
                                      if self.data_format == "channels_first" else "NHWC")
        if self.activation is not None:
            return self.activation(outputs)
        return outputs


class Conv1D(_Conv):
    rank = 1


class Conv2D(_Conv):
    rank = 2


class Conv3D(_Conv):
    rank = 3


class Conv2DTranspose(_Conv):
    rank = 2

    def build(self, input_shape):
        if self.data_format == "channels_first":
            raise NotImplementedError(f"philoxflow: {type(self).__name__} with "
                                      "data_format='channels_first' is not implemented yet")
        input_dim = TensorShape(input_shape).as_list()[-1]
        if input_dim is None:
            raise ValueError("The channel dimension of the inputs should be defined. Found "
                             "`None`.")
        self.kernel = self.add_weight("kernel", self.kernel_size + (self.filters, input_dim),
                                      initializer=self.kernel_initializer,
                                      regularizer=self.kernel_regularizer)
        self.bias = self.add_weight("bias", (self.filters,), initializer=self.bias_initializer,
                                    regularizer=self.bias_regularizer) if self.use_bias else None
        self.built = True

    def _length(self, n, k, s):
        if self.padding == "valid":
            return n * s + max(k - s, 0)
        if self.padding == "full":
            return n * s - (s + k - 2)
        return n * s

    def call(self, inputs):
        inputs = convert_to_tensor(inputs)
        shape = array_ops.shape(inputs)
        batch, height, width = shape[0], shape[1], shape[2]
        (kh, kw), (sh, sw) = self.kernel_size, self.strides
        out_h, out_w = self._length(height, kh, sh), self._length(width, kw, sw)
        output_shape = array_ops.stack((batch, out_h, out_w, self.filters))
        if output_shape[0] is None:  # Keras's backend indexes the shape tensor here
            pass
        outputs = nn_ops.conv2d_transpose(inputs, self.kernel, output_shape,
                                          (1,) + self.strides + (1,),
                                          padding=self.padding.upper())
        ish = inputs.shape.as_list()

        def static(n, k, s):
            return None if n is None else self._length(n, k, s)
        outputs.set_shape([ish[0], static(ish[1], kh, sh), static(ish[2], kw, sw),
                           self.filters])
        if self.use_bias:
            outputs = nn_ops.bias_add(outputs, self.bias, data_format="NHWC")
        if self.activation is not None:
            return self.activation(outputs)
        return outputs


class Conv3DTranspose(Conv2DTranspose):
    """Keras's `Conv3DTranspose` (TF 1.15): the output shape stacked from the input's
    dynamic shape, then `conv3d_transpose` (Conv3DBackpropInputV2) and BiasAdd."""

    rank = 3

    def call(self, inputs):
        from ..framework.op_def_library import apply_op_helper

        inputs = convert_to_tensor(inputs)
        shape = array_ops.shape(inputs)
        batch, dims = shape[0], [shape[1], shape[2], shape[3]]
        out = [self._length(n, k, s) for n, k, s in zip(dims, self.kernel_size, self.strides)]
        output_shape = array_ops.stack((batch, *out, self.filters))
        with name_scope(None, "conv3d_transpose", [inputs, self.kernel, output_shape]) as sc:
            outputs = apply_op_helper("Conv3DBackpropInputV2", sc, input_sizes=output_shape,
                                      filter=self.kernel, out_backprop=inputs,
                                      strides=[1, *self.strides, 1],
                                      padding=self.padding.upper(), data_format="NDHWC",
                                      dilations=[1, 1, 1, 1, 1]).outputs[0]
        ish = inputs.shape.as_list()
        outputs.set_shape([ish[0]] + [None if n is None else self._length(n, k, s)
                                      for n, k, s in zip(ish[1:4], self.kernel_size,
                                                         self.strides)] + [self.filters])
        if self.use_bias:
            outputs = nn_ops.bias_add(outputs, self.bias, data_format="NHWC")
        if self.activation is not None:
            return self.activation(outputs)
        return outputs


class SeparableConv2D(_Conv):
    rank = 2

    def __init__(self, filters, kernel_size, strides=(1, 1), padding="valid",
                 data_format="channels_last", dilation_rate=(1, 1), depth_multiplier=1,
                 activation=None, use_bias=True, depthwise_initializer=None,
                 pointwise_initializer=None, bias_initializer=None, **kwargs):
        kwargs.pop("kernel_initializer", None)
        super().__init__(filters, kernel_size, strides=strides, padding=padding,
                         data_format=data_format, dilation_rate=dilation_rate,
                         activation=activation, use_bias=use_bias,
                         bias_initializer=bias_initializer, **kwargs)
        self.depth_multiplier = int(depth_multiplier)
        self.depthwise_initializer = depthwise_initializer
        self.pointwise_initializer = pointwise_initializer

    def build(self, input_shape):
        if self.data_format == "channels_first":
            raise NotImplementedError(f"philoxflow: {type(self).__name__} with "
                                      "data_format='channels_first' is not implemented yet")
        input_dim = TensorShape(input_shape).as_list()[-1]
        if input_dim is None:
            raise ValueError("The channel dimension of the inputs should be defined. Found "
                             "`None`.")
        self.depthwise_kernel = self.add_weight(
            "depthwise_kernel", self.kernel_size + (input_dim, self.depth_multiplier),
            initializer=self.depthwise_initializer)
        self.pointwise_kernel = self.add_weight(
            "pointwise_kernel", (1,) * self.rank + (self.depth_multiplier * input_dim,
                                                    self.filters),
            initializer=self.pointwise_initializer)
        self.bias = self.add_weight("bias", (self.filters,), initializer=self.bias_initializer,
                                    ) if self.use_bias else None
        self.built = True

    def call(self, inputs):
        from ..framework.ops import name_scope

        x = convert_to_tensor(inputs)
        with name_scope(None, "separable_conv2d", [x]) as scope:
            dw = convert_to_tensor(self.depthwise_kernel, name="depthwise_filter")
            pw = convert_to_tensor(self.pointwise_kernel, name="pointwise_filter")
            array_ops.shape(dw)
            convert_to_tensor(list(self.dilation_rate), dtype=_dtypes.int32,
                              name="dilation_rate")
            depthwise = nn_ops.depthwise_conv2d_native(
                x, dw, (1,) + self.strides + (1,), self.padding.upper(), name="depthwise")
            outputs = nn_ops.conv2d(depthwise, pw, [1, 1, 1, 1], "VALID", name=scope)
        if self.use_bias:
            outputs = nn_ops.bias_add(outputs, self.bias, data_format="NHWC")
        if self.activation is not None:
            return self.activation(outputs)
        return outputs


def _conv_fn(cls):
    def layer_fn(inputs, filters, kernel_size, strides=1, padding="valid",
                 data_format="channels_last", dilation_rate=1, activation=None, use_bias=True,
                 kernel_initializer=None, bias_initializer=None, kernel_regularizer=None,
                 bias_regularizer=None, activity_regularizer=None, kernel_constraint=None,
                 bias_constraint=None, trainable=True, name=None, reuse=None):
        layer = cls(filters, kernel_size, strides=strides, padding=padding,
                    data_format=data_format, dilation_rate=dilation_rate,
                    activation=activation, use_bias=use_bias,
                    kernel_initializer=kernel_initializer,
                    bias_initializer=bias_initializer or zeros_initializer(),
                    kernel_regularizer=kernel_regularizer, bias_regularizer=bias_regularizer,
                    trainable=trainable, name=name, _scope=name, _reuse=reuse)
        return layer.apply(inputs)
    layer_fn.__doc__ = f"`tf.layers.{cls.__name__.lower()}` (TF 1.15)."
    return layer_fn


conv1d = _conv_fn(Conv1D)
conv2d = _conv_fn(Conv2D)
conv3d = _conv_fn(Conv3D)
conv2d_transpose = _conv_fn(Conv2DTranspose)
conv3d_transpose = _conv_fn(Conv3DTranspose)


def separable_conv2d(inputs, filters, kernel_size, strides=(1, 1), padding="valid",
                     data_format="channels_last", dilation_rate=(1, 1), depth_multiplier=1,
                     activation=None, use_bias=True, depthwise_initializer=None,
                     pointwise_initializer=None, bias_initializer=None,
                     depthwise_regularizer=None, pointwise_regularizer=None,
                     bias_regularizer=None, activity_regularizer=None,
                     depthwise_constraint=None, pointwise_constraint=None,
                     bias_constraint=None, trainable=True, name=None, reuse=None):
    return _separable_apply(SeparableConv2D, inputs, filters, kernel_size, strides, padding,
                            data_format, dilation_rate, depth_multiplier, activation,
                            use_bias, depthwise_initializer, pointwise_initializer,
                            bias_initializer, trainable, name, reuse)


def _separable_apply(cls, inputs, filters, kernel_size, strides, padding, data_format,
                     dilation_rate, depth_multiplier, activation, use_bias,
                     depthwise_initializer, pointwise_initializer, bias_initializer, trainable,
                     name, reuse):
    """The functional separable convolutions' body (1-D and 2-D): the layer, applied."""
    layer = cls(filters, kernel_size, strides=strides, padding=padding,
                data_format=data_format, dilation_rate=dilation_rate,
                depth_multiplier=depth_multiplier, activation=activation,
                use_bias=use_bias, depthwise_initializer=depthwise_initializer,
                pointwise_initializer=pointwise_initializer,
                bias_initializer=bias_initializer or zeros_initializer(),
                trainable=trainable, name=name, _scope=name, _reuse=reuse)
    return layer.apply(inputs)
