"""`keras.layers`: the layers whose randomness Keras 3 defines (Dense's initial weights,
Dropout's masks)."""

from __future__ import annotations

import philoxflow.compat.v2 as tf

from . import initializers
from . import random as _random


class Layer:
    def __init__(self, name=None, **kwargs):
        self.name = name
        self.built = False

    def build(self, input_shape):
        self.built = True

    def __call__(self, inputs, *args, **kwargs):
        if not self.built:
            self.build(tf.convert_to_tensor(inputs).shape)
        return self.call(inputs, *args, **kwargs)


class Dense(Layer):
    """Weights as Keras 3 makes them: `kernel` then `bias` from their initializers (the
    default GlorotUniform takes its seed from Python's `random` when the layer is made)."""

    def __init__(self, units, activation=None, use_bias=True,
                 kernel_initializer="glorot_uniform", bias_initializer="zeros", **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.use_bias = use_bias
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)

    def build(self, input_shape):
        d = list(input_shape)[-1]
        self.kernel = _random.KerasVariable(self.kernel_initializer((d, self.units)),
                                            name="kernel")
        self.bias = (_random.KerasVariable(self.bias_initializer((self.units,)), name="bias")
                     if self.use_bias else None)
        self.built = True

    def call(self, inputs):
        out = tf.matmul(inputs, self.kernel.value)
        return out + self.bias.value if self.bias is not None else out


class Dropout(Layer):
    """`keras.layers.Dropout`: stateless dropout on its SeedGenerator's next seed."""

    def __init__(self, rate, noise_shape=None, seed=None, **kwargs):
        super().__init__(**kwargs)
        if not 0 <= rate <= 1:
            raise ValueError(f"Invalid value received for argument `rate`. Expected a float "
                             f"value between 0 and 1. Received: rate={rate}")
        self.rate, self.noise_shape, self.seed = rate, noise_shape, seed
        if rate > 0:
            self.seed_generator = _random.SeedGenerator(seed)
        self.built = True

    def call(self, inputs, training=False):
        if training and self.rate > 0:
            return _random.dropout(inputs, self.rate, noise_shape=self.noise_shape,
                                   seed=self.seed_generator)
        return inputs
