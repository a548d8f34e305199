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


def _global(name, rank, reduce):
    return type(name, (_GlobalPooling,), {"rank": rank, "reduce": staticmethod(reduce),
                                          "__module__": __name__})


GlobalAveragePooling1D = _global("GlobalAveragePooling1D", 1, K.mean)
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
