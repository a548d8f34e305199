"""Keras 3's recurrent layers' weights (`SimpleRNN`, `LSTM`, `GRU`): built as Keras
builds them (kernel, recurrent kernel, bias), with Python's `random` drawn in Keras's
construction order — SimpleRNN's cell makes its dropout SeedGenerator before its
initializers, LSTM's and GRU's after. Running the recurrences needs matmul kernels
philoxflow lacks."""

from __future__ import annotations

import philoxflow.compat.v2 as tf

from . import initializers
from . import random as _random
from .layers import Layer


def _var(value, name):
    return _random.KerasVariable(value, name=name)


class _Cell(Layer):
    gates = 1
    seed_first = False

    def __init__(self, units, kernel_initializer="glorot_uniform",
                 recurrent_initializer="orthogonal", bias_initializer="zeros",
                 use_bias=True, seed=None, **kwargs):
        super().__init__()
        self.units, self.use_bias = units, use_bias
        if self.seed_first:
            self.seed_generator = _random.SeedGenerator(seed)
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.recurrent_initializer = initializers.get(recurrent_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        if not self.seed_first:
            self.seed_generator = _random.SeedGenerator(seed)

    def _bias(self):
        return self.bias_initializer((self.units * self.gates,))

    def build(self, input_shape):
        n = self.units * self.gates
        self.kernel = _var(self.kernel_initializer((list(input_shape)[-1], n)), "kernel")
        self.recurrent_kernel = _var(self.recurrent_initializer((self.units, n)),
                                     "recurrent_kernel")
        self.bias = _var(self._bias(), "bias") if self.use_bias else None
        self.built = True

    @property
    def weights(self):
        return [w for w in (self.kernel, self.recurrent_kernel, self.bias) if w is not None]


class SimpleRNNCell(_Cell):
    seed_first = True


class LSTMCell(_Cell):
    gates = 4

    def __init__(self, units, unit_forget_bias=True, **kwargs):
        super().__init__(units, **kwargs)
        self.unit_forget_bias = unit_forget_bias

    def _bias(self):
        if not self.unit_forget_bias:
            return super()._bias()
        u = self.units
        return tf.concat([self.bias_initializer((u,)), initializers.Ones()((u,)),
                          self.bias_initializer((2 * u,))], 0)


class GRUCell(_Cell):
    gates = 3

    def __init__(self, units, reset_after=True, **kwargs):
        super().__init__(units, **kwargs)
        self.reset_after = reset_after

    def _bias(self):
        shape = (2, 3 * self.units) if self.reset_after else (3 * self.units,)
        return self.bias_initializer(shape)


class _RNN(Layer):
    cell_class = _Cell

    def __init__(self, units, return_sequences=False, return_state=False, **kwargs):
        super().__init__()
        self.cell = self.cell_class(units, **kwargs)

    def build(self, input_shape):
        self.cell.build((input_shape[0],) + tuple(input_shape[2:]))
        self.built = True

    def compute_output_shape(self, input_shape):
        return (input_shape[0], self.cell.units)

    @property
    def weights(self):
        return self.cell.weights

    @property
    def kernel(self):
        return self.cell.kernel

    @property
    def recurrent_kernel(self):
        return self.cell.recurrent_kernel

    @property
    def bias(self):
        return self.cell.bias


class SimpleRNN(_RNN):
    cell_class = SimpleRNNCell


class LSTM(_RNN):
    cell_class = LSTMCell


class GRU(_RNN):
    cell_class = GRUCell
