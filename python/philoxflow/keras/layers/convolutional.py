"""TF 1.15's `tf.keras.layers` convolutions, pooling and padding: `tf.layers`' shapes and
ops with Keras's constructors, plus the global poolings and zero paddings (backend ops)."""

from __future__ import annotations

from ...layers import convolutional as _conv
from ...layers import convolutional_more as _conv_more
from ...layers import pooling as _pool
from .. import backend as K
from ..engine.base_layer import Layer
from ._wrap import keras_layer

Conv1D = keras_layer(_conv.Conv1D)
Conv2D = keras_layer(_conv.Conv2D)
Conv3D = keras_layer(_conv.Conv3D)
Conv2DTranspose = keras_layer(_conv.Conv2DTranspose)
Conv3DTranspose = keras_layer(_conv.Conv3DTranspose)
SeparableConv1D = keras_layer(_conv_more.SeparableConv1D)
SeparableConv2D = keras_layer(_conv.SeparableConv2D)
Convolution1D, Convolution2D, Convolution3D = Conv1D, Conv2D, Conv3D
Convolution2DTranspose, Convolution3DTranspose = Conv2DTranspose, Conv3DTranspose
SeparableConvolution1D, SeparableConvolution2D = SeparableConv1D, SeparableConv2D

MaxPooling1D = keras_layer(_pool.MaxPooling1D, pool_size=2, strides=None)
MaxPooling2D = keras_layer(_pool.MaxPooling2D, pool_size=(2, 2), strides=None)
MaxPooling3D = keras_layer(_pool.MaxPooling3D, pool_size=(2, 2, 2), strides=None)
AveragePooling1D = keras_layer(_pool.AveragePooling1D, pool_size=2, strides=None)
AveragePooling2D = keras_layer(_pool.AveragePooling2D, pool_size=(2, 2), strides=None)
AveragePooling3D = keras_layer(_pool.AveragePooling3D, pool_size=(2, 2, 2), strides=None)
MaxPool1D, MaxPool2D, MaxPool3D = MaxPooling1D, MaxPooling2D, MaxPooling3D
AvgPool1D, AvgPool2D, AvgPool3D = AveragePooling1D, AveragePooling2D, AveragePooling3D


class _GlobalPooling(Layer):
    rank = 2
    reduce = staticmethod(K.mean)

    def __init__(self, data_format=None, **kwargs):
        super().__init__(**kwargs)
        self.data_format = data_format or K.image_data_format()

    def call(self, inputs):
        first = self.data_format == "channels_first"
        axes = list(range(2, 2 + self.rank)) if first else list(range(1, 1 + self.rank))
        return self.reduce(inputs, axis=axes[0] if self.rank == 1 else axes)


class _GlobalAveragePooling1D(_GlobalPooling):
    """With a mask: the mean over the unmasked steps (TF's masked average)."""

    rank = 1
    reduce = staticmethod(K.mean)

    def __init__(self, data_format=None, **kwargs):
        super().__init__(data_format=data_format, **kwargs)
        self.supports_masking = True

    def call(self, inputs, mask=None):
        from ...ops import array_ops, math_ops

        steps_axis = 1 if self.data_format == "channels_last" else 2
        if mask is None:
            return K.mean(inputs, axis=steps_axis)
        mask = math_ops.cast(mask, K.floatx())
        shape = inputs.shape.as_list()
        mask = array_ops.reshape(mask, [-1, shape[steps_axis], 1] if steps_axis == 1
                                 else [-1, 1, shape[steps_axis]])
        inputs *= mask
        return K.sum(inputs, axis=steps_axis) / math_ops.reduce_sum(mask, axis=steps_axis)

    def compute_mask(self, inputs, mask=None):
        return None


def _global(name, rank, reduce):
    return type(name, (_GlobalPooling,), {"rank": rank, "reduce": staticmethod(reduce),
                                          "__module__": __name__})


GlobalAveragePooling1D = type("GlobalAveragePooling1D", (_GlobalAveragePooling1D,),
                              {"__module__": __name__})
GlobalAveragePooling2D = _global("GlobalAveragePooling2D", 2, K.mean)
GlobalAveragePooling3D = _global("GlobalAveragePooling3D", 3, K.mean)
GlobalMaxPooling1D = _global("GlobalMaxPooling1D", 1, K.max)
GlobalMaxPooling2D = _global("GlobalMaxPooling2D", 2, K.max)
GlobalMaxPooling3D = _global("GlobalMaxPooling3D", 3, K.max)
GlobalAvgPool1D, GlobalAvgPool2D, GlobalAvgPool3D = (
    GlobalAveragePooling1D, GlobalAveragePooling2D, GlobalAveragePooling3D)
GlobalMaxPool1D, GlobalMaxPool2D, GlobalMaxPool3D = (
    GlobalMaxPooling1D, GlobalMaxPooling2D, GlobalMaxPooling3D)


def _pairs(padding, rank):
    """Keras's padding argument: an int, one int per dimension, or (before, after) pairs."""
    if isinstance(padding, int):
        return tuple((padding, padding) for _ in range(rank))
    if rank == 1:
        return (tuple(padding),)
    return tuple((p, p) if isinstance(p, int) else tuple(p) for p in padding)


class ZeroPadding1D(Layer):
    def __init__(self, padding=1, **kwargs):
        super().__init__(**kwargs)
        self.padding = _pairs(padding, 1)[0]

    def call(self, inputs):
        return K.temporal_padding(inputs, padding=self.padding)


class ZeroPadding2D(Layer):
    def __init__(self, padding=(1, 1), data_format=None, **kwargs):
        super().__init__(**kwargs)
        self.data_format = data_format or K.image_data_format()
        self.padding = _pairs(padding, 2)

    def call(self, inputs):
        return K.spatial_2d_padding(inputs, padding=self.padding, data_format=self.data_format)


class ZeroPadding3D(Layer):
    def __init__(self, padding=(1, 1, 1), data_format=None, **kwargs):
        super().__init__(**kwargs)
        self.data_format = data_format or K.image_data_format()
        self.padding = _pairs(padding, 3)

    def call(self, inputs):
        return K.spatial_3d_padding(inputs, padding=self.padding, data_format=self.data_format)


class UpSampling1D(Layer):
    def __init__(self, size=2, **kwargs):
        super().__init__(**kwargs)
        self.size = int(size)

    def call(self, inputs):
        return K.repeat_elements(inputs, self.size, axis=1)


class UpSampling2D(Layer):
    def __init__(self, size=(2, 2), data_format=None, interpolation="nearest", **kwargs):
        super().__init__(**kwargs)
        self.data_format = data_format or K.image_data_format()
        self.size = _conv._tuple(size, 2)
        if interpolation not in {"nearest", "bilinear"}:
            raise ValueError("`interpolation` argument should be one of `\"nearest\"` or "
                             "`\"bilinear\"`.")
        self.interpolation = interpolation

    def call(self, inputs):
        return K.resize_images(inputs, self.size[0], self.size[1], self.data_format,
                               interpolation=self.interpolation)


class UpSampling3D(Layer):
    def __init__(self, size=(2, 2, 2), data_format=None, **kwargs):
        super().__init__(**kwargs)
        self.data_format = data_format or K.image_data_format()
        self.size = _conv._tuple(size, 3)

    def call(self, inputs):
        return K.resize_volumes(inputs, self.size[0], self.size[1], self.size[2],
                                self.data_format)


class _Cropping(Layer):
    rank = 2

    def __init__(self, cropping=1, data_format=None, **kwargs):
        super().__init__(**kwargs)
        self.data_format = data_format or K.image_data_format()
        if self.data_format != "channels_last":
            raise NotImplementedError("philoxflow: channels_first cropping")
        self.cropping = _pairs(cropping, self.rank)

    def call(self, inputs):
        # Keras slices `inputs[:, a:-b, ...]` (an end of 0 means to the end)
        index = (slice(None),) + tuple(slice(a, -b if b else None)
                                       for a, b in self.cropping)
        return inputs[index + ((slice(None),) if self.rank > 1 else (slice(None),))]


class Cropping1D(_Cropping):
    rank = 1

    def __init__(self, cropping=(1, 1), **kwargs):
        super().__init__(cropping, **kwargs)


class Cropping2D(_Cropping):
    def __init__(self, cropping=((0, 0), (0, 0)), data_format=None, **kwargs):
        super().__init__(cropping, data_format, **kwargs)


class Cropping3D(_Cropping):
    rank = 3

    def __init__(self, cropping=((1, 1), (1, 1), (1, 1)), data_format=None, **kwargs):
        super().__init__(cropping, data_format, **kwargs)


class DepthwiseConv2D(Layer):
    def __init__(self, kernel_size, strides=(1, 1), padding="valid", depth_multiplier=1,
                 data_format=None, activation=None, use_bias=True,
                 depthwise_initializer="glorot_uniform", bias_initializer="zeros",
                 depthwise_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 depthwise_constraint=None, bias_constraint=None, **kwargs):
        from .. import activations, constraints, initializers, regularizers

        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        self.kernel_size = _conv._tuple(kernel_size, 2)
        self.strides = _conv._tuple(strides, 2)
        self.padding = padding.lower()
        self.depth_multiplier = depth_multiplier
        self.data_format = data_format or K.image_data_format()
        self.activation = activations.get(activation)
        self.use_bias = use_bias
        self.depthwise_initializer = initializers.get(depthwise_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.depthwise_regularizer = regularizers.get(depthwise_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.depthwise_constraint = constraints.get(depthwise_constraint)
        self.bias_constraint = constraints.get(bias_constraint)

    def build(self, input_shape):
        dims = input_shape.as_list()
        if len(dims) < 4:
            raise ValueError("Inputs to `DepthwiseConv2D` should have rank 4. Received input "
                             "shape:", str(input_shape))
        input_dim = dims[1 if self.data_format == "channels_first" else 3]
        if input_dim is None:
            raise ValueError("The channel dimension of the inputs to `DepthwiseConv2D` should "
                             "be defined. Found `None`.")
        self.depthwise_kernel = self.add_weight(
            shape=self.kernel_size + (input_dim, self.depth_multiplier),
            initializer=self.depthwise_initializer, name="depthwise_kernel",
            regularizer=self.depthwise_regularizer, constraint=self.depthwise_constraint)
        self.bias = self.add_weight(
            shape=(input_dim * self.depth_multiplier,), initializer=self.bias_initializer,
            name="bias", regularizer=self.bias_regularizer,
            constraint=self.bias_constraint) if self.use_bias else None
        self.built = True

    def call(self, inputs):
        from ...ops.nn_impl import depthwise_conv2d

        if self.data_format != "channels_last":
            raise NotImplementedError("philoxflow: channels_first DepthwiseConv2D")
        outputs = depthwise_conv2d(inputs, self.depthwise_kernel,
                                   strides=(1,) + self.strides + (1,),
                                   padding=self.padding.upper(), rate=(1, 1))
        if self.use_bias:
            outputs = K.bias_add(outputs, self.bias, data_format=self.data_format)
        return self.activation(outputs) if self.activation is not None else outputs
