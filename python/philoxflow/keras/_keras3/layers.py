"""`keras.layers`: the layers whose randomness Keras 3 defines (Dense's initial weights,
Dropout's masks)."""

from __future__ import annotations

import numpy as np

import philoxflow.compat.v2 as tf

from ...layers.convolutional import _tuple  # (both Keras versions' conv arguments)
from . import initializers
from . import random as _random


class Layer:
    def __init__(self, name=None, **kwargs):
        self.name = name
        self.built = False

    def build(self, input_shape):
        self.built = True

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def call(self, inputs, *args, **kwargs):
        return inputs

    #: Keras's default dtype policy: floating inputs are cast to float32 before `call`.
    compute_dtype = "float32"

    def __call__(self, inputs, *args, **kwargs):
        if isinstance(inputs, KerasTensor):
            # Functional API: build on the symbolic shape, record the layer.
            if not self.built:
                self.build(inputs.shape)
            return KerasTensor(self.compute_output_shape(inputs.shape),
                               inputs.layers + [self])
        x = tf.convert_to_tensor(inputs)
        if x.dtype.is_floating and x.dtype != tf.as_dtype(self.compute_dtype):
            x = tf.cast(x, self.compute_dtype)
        if not self.built:
            self.build(x.shape)
        return self.call(x, *args, **kwargs)

    @property
    def weights(self):
        names = ("kernel", "bias", "embeddings")
        return [getattr(self, n) for n in names if getattr(self, n, None) is not None]

    def get_weights(self):
        return [w.numpy() for w in self.weights]


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

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)[:-1] + (self.units,)

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




class _Conv(Layer):
    """Conv1D/2D/3D weights as Keras 3 builds them: kernel `kernel_size + (in // groups,
    filters)` then bias `(filters,)`."""

    rank = 2

    def __init__(self, filters, kernel_size, strides=1, padding="valid",
                 data_format=None, dilation_rate=1, groups=1, activation=None,
                 use_bias=True, kernel_initializer="glorot_uniform",
                 bias_initializer="zeros", **kwargs):
        super().__init__(**kwargs)
        self.filters, self.groups, self.use_bias = filters, groups, use_bias
        self.kernel_size = _tuple(kernel_size, self.rank)
        self.strides = _tuple(strides, self.rank)
        self.dilation_rate = _tuple(dilation_rate, self.rank)
        self.padding = padding.lower()
        self.data_format = data_format or "channels_last"
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)

    def compute_output_shape(self, input_shape):
        shape = list(input_shape)
        last = self.data_format == "channels_last"
        spatial = shape[1:-1] if last else shape[2:]
        out = []
        for d, k, st, dl in zip(spatial, self.kernel_size, self.strides, self.dilation_rate):
            if d is None:
                out.append(None)
                continue
            eff = (k - 1) * dl + 1
            out.append((d - eff) // st + 1 if self.padding == "valid" else -(-d // st))
        return tuple([shape[0]] + out + [self.filters]) if last else tuple(
            [shape[0], self.filters] + out)

    def build(self, input_shape):
        shape = list(input_shape)
        channels = shape[-1] if self.data_format == "channels_last" else shape[1]
        kshape = self.kernel_size + (channels // self.groups, self.filters)
        self.kernel = _random.KerasVariable(self.kernel_initializer(kshape), name="kernel")
        self.bias = (_random.KerasVariable(self.bias_initializer((self.filters,)), name="bias")
                     if self.use_bias else None)
        self.built = True


class Conv1D(_Conv):
    rank = 1


class Conv2D(_Conv):
    rank = 2


class Conv3D(_Conv):
    rank = 3


class Embedding(Layer):
    """Embedding weights `(input_dim, output_dim)` from `RandomUniform(-0.05, 0.05)` by
    default."""

    def __init__(self, input_dim, output_dim, embeddings_initializer="uniform", **kwargs):
        super().__init__(**kwargs)
        self.input_dim, self.output_dim = input_dim, output_dim
        self.embeddings_initializer = initializers.get(embeddings_initializer)

    def compute_output_shape(self, input_shape):
        return tuple(input_shape) + (self.output_dim,)

    def build(self, input_shape=None):
        self.embeddings = _random.KerasVariable(
            self.embeddings_initializer((self.input_dim, self.output_dim)), name="embeddings")
        self.built = True

    def call(self, inputs):
        return tf.gather(self.embeddings.value, inputs)


class _SeededLayer(Layer):
    def __init__(self, rate, seed=None, **kwargs):
        super().__init__(**kwargs)
        if not 0 <= rate <= 1:
            raise ValueError(f"Invalid value received for argument `rate`. Expected a float "
                             f"value between 0 and 1. Received: rate={rate}")
        self.rate, self.seed = rate, seed
        if rate > 0:
            self.seed_generator = _random.SeedGenerator(seed)
        self.built = True


class GaussianNoise(_SeededLayer):
    """`inputs + normal(shape, 0, stddev)` on the layer's SeedGenerator (training)."""

    def __init__(self, stddev, seed=None, **kwargs):
        super().__init__(stddev, seed, **kwargs)
        self.stddev = stddev

    def call(self, inputs, training=False):
        if training and self.stddev > 0:
            x = tf.convert_to_tensor(inputs)
            return x + _random.normal(tf.shape(x), 0.0, self.stddev, seed=self.seed_generator)
        return inputs


class GaussianDropout(_SeededLayer):
    """`inputs * normal(shape, 1, sqrt(rate / (1 - rate)))` (training)."""

    def call(self, inputs, training=False):
        if training and self.rate > 0:
            import math

            x = tf.convert_to_tensor(inputs)
            stddev = math.sqrt(self.rate / (1.0 - self.rate))
            return x * _random.normal(tf.shape(x), 1.0, stddev, seed=self.seed_generator)
        return inputs


class AlphaDropout(_SeededLayer):
    """SELU-preserving dropout: kept where `uniform >= rate`, else `alpha_p`, then
    `a * x + b` (training)."""

    def __init__(self, rate, noise_shape=None, seed=None, **kwargs):
        super().__init__(rate, seed, **kwargs)
        self.noise_shape = noise_shape

    def call(self, inputs, training=False):
        if not (training and self.rate > 0):
            return inputs
        x = tf.convert_to_tensor(inputs)
        shape = np.asarray(tf.shape(x))
        noise = shape if self.noise_shape is None else [
            int(shape[i]) if v is None else v for i, v in enumerate(self.noise_shape)]
        alpha = 1.6732632423543772848170429916717
        scale = 1.0507009873554804934193349852946
        alpha_p = -alpha * scale
        kept = tf.cast(_random.uniform(noise, seed=self.seed_generator) >= self.rate, x.dtype)
        a = ((1 - self.rate) * (1 + self.rate * alpha_p**2)) ** -0.5
        b = -a * alpha_p * self.rate
        y = x * kept + alpha_p * (1 - kept)
        return a * y + b


class _SpatialDropout(Dropout):
    def __init__(self, rate, data_format=None, seed=None, **kwargs):
        super().__init__(rate, seed=seed, **kwargs)
        self.data_format = data_format or "channels_last"

    def call(self, inputs, training=False):
        if training and self.rate > 0:
            x = tf.convert_to_tensor(inputs)
            shape = [int(d) for d in np.asarray(tf.shape(x))]
            if self.data_format == "channels_first":
                noise = shape[:2] + [1] * (len(shape) - 2)
            else:
                noise = [shape[0]] + [1] * (len(shape) - 2) + [shape[-1]]
            return _random.dropout(x, self.rate, noise_shape=noise, seed=self.seed_generator)
        return inputs


class SpatialDropout1D(_SpatialDropout):
    pass


class SpatialDropout2D(_SpatialDropout):
    pass


class SpatialDropout3D(_SpatialDropout):
    pass


class Flatten(Layer):
    def compute_output_shape(self, input_shape):
        rest = list(input_shape)[1:]
        n = None if any(d is None for d in rest) else int(np.prod(rest, dtype=np.int64))
        return (input_shape[0], n)

    def call(self, inputs):
        x = tf.convert_to_tensor(inputs)
        return tf.reshape(x, [x.shape[0], -1])


class KerasTensor:
    """A symbolic Keras tensor: its shape and the layers called to make it, in order."""

    def __init__(self, shape, layers=()):
        self.shape = tuple(shape)
        self.layers = list(layers)


class InputLayer(KerasTensor):
    """`keras.Input(shape)`: the batch dimension is None."""

    def __init__(self, shape=None, batch_size=None, dtype=None, name=None, **kwargs):
        super().__init__((batch_size,) + tuple(shape))
        self.dtype = dtype


def Input(shape=None, batch_size=None, dtype=None, name=None, **kwargs):  # noqa: N802
    return InputLayer(shape, batch_size, dtype, name)


def __getattr__(name):
    # The recurrent layers live in rnn.py (which imports this module).
    if name in ("SimpleRNN", "LSTM", "GRU", "SimpleRNNCell", "LSTMCell", "GRUCell"):
        from . import rnn

        return getattr(rnn, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
