"""More `tf.layers` convolutions (TF 1.15, Keras's layers underneath): SeparableConv1D,
its functional form, and `InputSpec` (Conv3DTranspose is in convolutional.py)."""

from __future__ import annotations

from ..framework.constant_op import convert_to_tensor
from ..ops import array_ops, nn_ops
from .convolutional import SeparableConv2D, _separable_apply

__all__ = ["SeparableConv1D", "separable_conv1d", "InputSpec"]


class InputSpec:
    """Keras's `InputSpec`: the dtype, shape, ndim and axes a layer accepts (no ops)."""

    def __init__(self, dtype=None, shape=None, ndim=None, max_ndim=None, min_ndim=None,
                 axes=None):
        self.dtype = dtype
        self.shape = shape
        self.ndim = len(shape) if shape is not None else ndim
        self.max_ndim = max_ndim
        self.min_ndim = min_ndim
        self.axes = axes or {}

    def __repr__(self):
        spec = [("dtype=" + str(self.dtype)) if self.dtype else "",
                ("shape=" + str(self.shape)) if self.shape else "",
                ("ndim=" + str(self.ndim)) if self.ndim else "",
                ("max_ndim=" + str(self.max_ndim)) if self.max_ndim else "",
                ("min_ndim=" + str(self.min_ndim)) if self.min_ndim else "",
                ("axes=" + str(self.axes)) if self.axes else ""]
        return "InputSpec(%s)" % ", ".join(x for x in spec if x)


class SeparableConv1D(SeparableConv2D):
    """`tf.layers.SeparableConv1D`: Keras expands to 2-D, `nn.separable_conv2d`, squeezes."""

    rank = 1

    def __init__(self, filters, kernel_size, strides=1, padding="valid",
                 data_format="channels_last", dilation_rate=1, depth_multiplier=1, **kwargs):
        super().__init__(filters, kernel_size, strides=strides, padding=padding,
                         data_format=data_format, dilation_rate=dilation_rate,
                         depth_multiplier=depth_multiplier, **kwargs)

    def call(self, inputs):
        from ..ops.nn_impl import separable_conv2d

        inputs = convert_to_tensor(inputs)
        if self.padding == "causal":
            left = self.dilation_rate[0] * (self.kernel_size[0] - 1)
            inputs = array_ops.pad(inputs, [[0, 0], [left, 0], [0, 0]])
        strides = (1,) + self.strides * 2 + (1,)
        inputs = array_ops.expand_dims(inputs, 1)
        dw = array_ops.expand_dims(self.depthwise_kernel, 0)
        pw = array_ops.expand_dims(self.pointwise_kernel, 0)
        padding = "valid" if self.padding == "causal" else self.padding
        outputs = separable_conv2d(inputs, dw, pw, strides=strides, padding=padding.upper(),
                                   rate=(1,) + self.dilation_rate, data_format="NHWC")
        if self.use_bias:
            outputs = nn_ops.bias_add(outputs, self.bias, data_format="NHWC")
        outputs = array_ops.squeeze(outputs, [1])
        if self.activation is not None:
            return self.activation(outputs)
        return outputs


def separable_conv1d(inputs, filters, kernel_size, strides=1, padding="valid",
                     data_format="channels_last", dilation_rate=1, depth_multiplier=1,
                     activation=None, use_bias=True, depthwise_initializer=None,
                     pointwise_initializer=None, bias_initializer=None,
                     depthwise_regularizer=None, pointwise_regularizer=None,
                     bias_regularizer=None, activity_regularizer=None,
                     depthwise_constraint=None, pointwise_constraint=None,
                     bias_constraint=None, trainable=True, name=None, reuse=None):
    """`tf.layers.separable_conv1d` (TF 1.15)."""
    return _separable_apply(SeparableConv1D, inputs, filters, kernel_size, strides, padding,
                            data_format, dilation_rate, depth_multiplier, activation,
                            use_bias, depthwise_initializer, pointwise_initializer,
                            bias_initializer, trainable, name, reuse)
