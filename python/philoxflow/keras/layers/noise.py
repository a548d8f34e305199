"""TF 1.15's `tf.keras.layers` noise layers and spatial dropouts: the noise ops built in
`backend.in_train_phase` (unseeded backend ops take NumPy-drawn seeds, as Keras's do)."""

from __future__ import annotations

import numpy as np

from ...ops import array_ops, math_ops
from .. import backend as K
from ..engine.base_layer import Layer
from .core import Dropout


class GaussianNoise(Layer):
    def __init__(self, stddev, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True
        self.stddev = stddev

    def call(self, inputs, training=None):
        def noised():
            return inputs + K.random_normal(shape=array_ops.shape(inputs), mean=0.0,
                                            stddev=self.stddev)
        return K.in_train_phase(noised, inputs, training=training)


class GaussianDropout(Layer):
    def __init__(self, rate, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True
        self.rate = rate

    def call(self, inputs, training=None):
        if 0 < self.rate < 1:
            def noised():
                stddev = np.sqrt(self.rate / (1.0 - self.rate))
                return inputs * K.random_normal(shape=array_ops.shape(inputs), mean=1.0,
                                                stddev=stddev)
            return K.in_train_phase(noised, inputs, training=training)
        return inputs


class AlphaDropout(Layer):
    def __init__(self, rate, noise_shape=None, seed=None, **kwargs):
        super().__init__(**kwargs)
        self.rate, self.noise_shape, self.seed = rate, noise_shape, seed
        self.supports_masking = True

    def call(self, inputs, training=None):
        if not 0.0 < self.rate < 1.0:
            return inputs
        noise_shape = self.noise_shape if self.noise_shape else array_ops.shape(inputs)

        def dropped_inputs(inputs=inputs, rate=self.rate, seed=self.seed):
            alpha = 1.6732632423543772848170429916717
            scale = 1.0507009873554804934193349852946
            alpha_p = -alpha * scale
            kept_idx = math_ops.greater_equal(K.random_uniform(noise_shape, seed=seed), rate)
            kept_idx = math_ops.cast(kept_idx, K.floatx())
            a = ((1 - rate) * (1 + rate * alpha_p ** 2)) ** -0.5
            b = -a * alpha_p * rate
            x = inputs * kept_idx + alpha_p * (1 - kept_idx)
            return a * x + b
        return K.in_train_phase(dropped_inputs, inputs, training=training)


class SpatialDropout1D(Dropout):
    def _get_noise_shape(self, inputs):
        shape = array_ops.shape(inputs)
        return (shape[0], 1, shape[2])


class SpatialDropout2D(Dropout):
    def __init__(self, rate, data_format=None, **kwargs):
        super().__init__(rate, **kwargs)
        self.data_format = data_format or K.image_data_format()

    def _get_noise_shape(self, inputs):
        shape = array_ops.shape(inputs)
        if self.data_format == "channels_first":
            return (shape[0], shape[1], 1, 1)
        return (shape[0], 1, 1, shape[3])


class SpatialDropout3D(Dropout):
    def __init__(self, rate, data_format=None, **kwargs):
        super().__init__(rate, **kwargs)
        self.data_format = data_format or K.image_data_format()

    def _get_noise_shape(self, inputs):
        shape = array_ops.shape(inputs)
        if self.data_format == "channels_first":
            return (shape[0], shape[1], 1, 1, 1)
        return (shape[0], 1, 1, 1, shape[4])
