"""TF 1.15's `tf.keras.layers` recurrent layers (V1: `keras/layers/recurrent.py`):
SimpleRNN, GRU and LSTM over their cells, run by `backend.rnn` (a `while_loop`, or
unrolled). The cell is built and called directly inside the RNN layer's scope, so its
weights are `lstm/kernel`, `lstm/recurrent_kernel`, `lstm/bias`."""

from __future__ import annotations

from ...ops import array_ops
from ...ops.array_ops_ext import split, unstack
from .. import activations, constraints, initializers, regularizers
from .. import backend as K
from ..engine.base_layer import Layer


def _zero_state(batch_size, state_size, dtype):
    def zeros(size):
        return array_ops.zeros([batch_size, size], dtype=dtype)
    if isinstance(state_size, (list, tuple)):
        return [zeros(s) for s in state_size]
    return zeros(state_size)


def _dropout_mask(ones, rate, training=None, count=1):
    def dropped():
        return K.dropout(ones, rate)
    if count > 1:
        return [K.in_train_phase(dropped, ones, training=training) for _ in range(count)]
    return K.in_train_phase(dropped, ones, training=training)


class _Cell(Layer):
    """The cells' shared arguments, weights and dropout masks (DropoutRNNCellMixin)."""

    def __init__(self, units, activation="tanh", use_bias=True,
                 kernel_initializer="glorot_uniform", recurrent_initializer="orthogonal",
                 bias_initializer="zeros", kernel_regularizer=None, recurrent_regularizer=None,
                 bias_regularizer=None, kernel_constraint=None, recurrent_constraint=None,
                 bias_constraint=None, dropout=0.0, recurrent_dropout=0.0, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.activation = activations.get(activation)
        self.use_bias = use_bias
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.recurrent_initializer = initializers.get(recurrent_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.recurrent_regularizer = regularizers.get(recurrent_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.recurrent_constraint = constraints.get(recurrent_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        self.dropout = min(1.0, max(0.0, dropout))
        self.recurrent_dropout = min(1.0, max(0.0, recurrent_dropout))
        self.state_size = self.output_size = units
        self._dropout_mask = self._recurrent_dropout_mask = None

    _gates = 1

    def _bias_initializer(self):
        return self.bias_initializer

    def build(self, input_shape):
        input_dim = input_shape.as_list()[-1] if hasattr(input_shape, "as_list") \
            else input_shape[-1]
        n = self.units * self._gates
        self.kernel = self.add_weight(shape=(input_dim, n), name="kernel",
                                      initializer=self.kernel_initializer,
                                      regularizer=self.kernel_regularizer,
                                      constraint=self.kernel_constraint)
        self.recurrent_kernel = self.add_weight(shape=(self.units, n), name="recurrent_kernel",
                                                initializer=self.recurrent_initializer,
                                                regularizer=self.recurrent_regularizer,
                                                constraint=self.recurrent_constraint)
        self.bias = self.add_weight(shape=self._bias_shape(), name="bias",
                                    initializer=self._bias_initializer(),
                                    regularizer=self.bias_regularizer,
                                    constraint=self.bias_constraint) if self.use_bias else None
        self.built = True

    def _bias_shape(self):
        return (self.units * self._gates,)

    def reset_dropout_mask(self):
        self._dropout_mask = None

    def reset_recurrent_dropout_mask(self):
        self._recurrent_dropout_mask = None

    def get_dropout_mask_for_cell(self, inputs, training, count=1):
        if self.dropout == 0:
            return None
        if self._dropout_mask is None:
            self._dropout_mask = _dropout_mask(array_ops.ones_like(inputs), self.dropout,
                                               training=training, count=count)
        return self._dropout_mask

    def get_recurrent_dropout_mask_for_cell(self, inputs, training, count=1):
        if self.recurrent_dropout == 0:
            return None
        if self._recurrent_dropout_mask is None:
            self._recurrent_dropout_mask = _dropout_mask(
                array_ops.ones_like(inputs), self.recurrent_dropout, training=training,
                count=count)
        return self._recurrent_dropout_mask

    def get_initial_state(self, inputs=None, batch_size=None, dtype=None):
        if inputs is not None:
            batch_size, dtype = array_ops.shape(inputs)[0], inputs.dtype
        return _zero_state(batch_size, self.state_size, dtype)


class SimpleRNNCell(_Cell):
    def call(self, inputs, states, training=None):
        prev_output = states[0]
        dp_mask = self.get_dropout_mask_for_cell(inputs, training)
        rec_dp_mask = self.get_recurrent_dropout_mask_for_cell(prev_output, training)
        h = K.dot(inputs * dp_mask if dp_mask is not None else inputs, self.kernel)
        if self.bias is not None:
            h = K.bias_add(h, self.bias)
        if rec_dp_mask is not None:
            prev_output = prev_output * rec_dp_mask
        output = h + K.dot(prev_output, self.recurrent_kernel)
        if self.activation is not None:
            output = self.activation(output)
        return output, [output]


class GRUCell(_Cell):
    _gates = 3

    def __init__(self, units, activation="tanh", recurrent_activation="hard_sigmoid",
                 implementation=1, reset_after=False, **kwargs):
        super().__init__(units, activation=activation, **kwargs)
        self.recurrent_activation = activations.get(recurrent_activation)
        self.implementation, self.reset_after = implementation, reset_after

    def _bias_shape(self):
        return (2, 3 * self.units) if self.reset_after else (3 * self.units,)

    def call(self, inputs, states, training=None):
        if self.implementation != 1:
            raise NotImplementedError("philoxflow: GRUCell implementation=2")
        u = self.units
        h_tm1 = states[0]
        dp_mask = self.get_dropout_mask_for_cell(inputs, training, count=3)
        rec_dp_mask = self.get_recurrent_dropout_mask_for_cell(h_tm1, training, count=3)
        if self.use_bias:
            input_bias, recurrent_bias = ((self.bias, None) if not self.reset_after
                                          else unstack(self.bias))
        dropping = 0.0 < self.dropout < 1.0
        inputs_z, inputs_r, inputs_h = ([inputs * m for m in dp_mask] if dropping
                                        else [inputs] * 3)
        x_z = K.dot(inputs_z, self.kernel[:, :u])
        x_r = K.dot(inputs_r, self.kernel[:, u:u * 2])
        x_h = K.dot(inputs_h, self.kernel[:, u * 2:])
        if self.use_bias:
            x_z = K.bias_add(x_z, input_bias[:u])
            x_r = K.bias_add(x_r, input_bias[u:u * 2])
            x_h = K.bias_add(x_h, input_bias[u * 2:])
        h_tm1_z, h_tm1_r, h_tm1_h = ([h_tm1 * m for m in rec_dp_mask]
                                     if 0.0 < self.recurrent_dropout < 1.0 else [h_tm1] * 3)
        recurrent_z = K.dot(h_tm1_z, self.recurrent_kernel[:, :u])
        recurrent_r = K.dot(h_tm1_r, self.recurrent_kernel[:, u:u * 2])
        if self.reset_after and self.use_bias:
            recurrent_z = K.bias_add(recurrent_z, recurrent_bias[:u])
            recurrent_r = K.bias_add(recurrent_r, recurrent_bias[u:u * 2])
        z = self.recurrent_activation(x_z + recurrent_z)
        r = self.recurrent_activation(x_r + recurrent_r)
        if self.reset_after:
            recurrent_h = K.dot(h_tm1_h, self.recurrent_kernel[:, u * 2:])
            if self.use_bias:
                recurrent_h = K.bias_add(recurrent_h, recurrent_bias[u * 2:])
            recurrent_h = r * recurrent_h
        else:
            recurrent_h = K.dot(r * h_tm1_h, self.recurrent_kernel[:, u * 2:])
        hh = self.activation(x_h + recurrent_h)
        h = z * h_tm1 + (1 - z) * hh
        return h, [h]


class LSTMCell(_Cell):
    _gates = 4

    def __init__(self, units, activation="tanh", recurrent_activation="hard_sigmoid",
                 unit_forget_bias=True, implementation=1, **kwargs):
        super().__init__(units, activation=activation, **kwargs)
        self.recurrent_activation = activations.get(recurrent_activation)
        self.unit_forget_bias, self.implementation = unit_forget_bias, implementation
        self.state_size = [units, units]

    def _bias_initializer(self):
        if not self.unit_forget_bias:
            return self.bias_initializer

        def bias_initializer(_, *args, **kwargs):
            return K.concatenate([
                self.bias_initializer((self.units,), *args, **kwargs),
                initializers.Ones()((self.units,), *args, **kwargs),
                self.bias_initializer((self.units * 2,), *args, **kwargs)])
        return bias_initializer

    def call(self, inputs, states, training=None):
        if self.implementation != 1:
            raise NotImplementedError("philoxflow: LSTMCell implementation=2")
        u = self.units
        h_tm1, c_tm1 = states[0], states[1]
        dp_mask = self.get_dropout_mask_for_cell(inputs, training, count=4)
        rec_dp_mask = self.get_recurrent_dropout_mask_for_cell(h_tm1, training, count=4)
        xs = ([inputs * m for m in dp_mask] if 0 < self.dropout < 1.0 else [inputs] * 4)
        k = split(self.kernel, num_or_size_splits=4, axis=1)
        x = [K.dot(a, b) for a, b in zip(xs, k)]
        if self.use_bias:
            b = split(self.bias, num_or_size_splits=4, axis=0)
            x = [K.bias_add(a, c) for a, c in zip(x, b)]
        hs = ([h_tm1 * m for m in rec_dp_mask] if 0 < self.recurrent_dropout < 1.0
              else [h_tm1] * 4)
        rk = self.recurrent_kernel
        i = self.recurrent_activation(x[0] + K.dot(hs[0], rk[:, :u]))
        f = self.recurrent_activation(x[1] + K.dot(hs[1], rk[:, u:u * 2]))
        c = f * c_tm1 + i * self.activation(x[2] + K.dot(hs[2], rk[:, u * 2:u * 3]))
        o = self.recurrent_activation(x[3] + K.dot(hs[3], rk[:, u * 3:]))
        h = o * self.activation(c)
        return h, [h, c]


def _flat(x):
    return [y for v in x for y in _flat(v)] if isinstance(x, (list, tuple)) else [x]


def _pack(structure, flat):
    """`nest.pack_sequence_as` for nested lists and tuples of sizes."""
    it = iter(flat)

    def pack(s):
        if isinstance(s, (list, tuple)):
            return type(s)(pack(v) for v in s)
        return next(it)
    return pack(structure)


class StackedRNNCells(Layer):
    """Cells run one after the other in one step: each cell's output is the next one's
    input; their states side by side (TF 1.15's `StackedRNNCells`)."""

    def __init__(self, cells, **kwargs):
        for cell in cells:
            if not hasattr(cell, "call"):
                raise ValueError("All cells must have a `call` method. received cells:", cells)
            if not hasattr(cell, "state_size"):
                raise ValueError("All cells must have a `state_size` attribute. received "
                                 "cells:", cells)
        self.cells = cells
        self.reverse_state_order = kwargs.pop("reverse_state_order", False)
        super().__init__(**kwargs)
        self._layers = list(cells)

    @property
    def state_size(self):
        cells = self.cells[::-1] if self.reverse_state_order else self.cells
        return tuple(c.state_size for c in cells)

    @property
    def output_size(self):
        last = self.cells[-1]
        if getattr(last, "output_size", None) is not None:
            return last.output_size
        size = last.state_size
        return size[0] if isinstance(size, (list, tuple)) else size

    def get_initial_state(self, inputs=None, batch_size=None, dtype=None):
        cells = self.cells[::-1] if self.reverse_state_order else self.cells
        return tuple(c.get_initial_state(inputs=inputs, batch_size=batch_size, dtype=dtype)
                     for c in cells)

    def reset_dropout_mask(self):
        for cell in self.cells:
            getattr(cell, "reset_dropout_mask", lambda: None)()

    def reset_recurrent_dropout_mask(self):
        for cell in self.cells:
            getattr(cell, "reset_recurrent_dropout_mask", lambda: None)()

    def call(self, inputs, states, constants=None, **kwargs):
        state_size = self.state_size[::-1] if self.reverse_state_order else self.state_size
        nested = _pack(state_size, _flat(states))
        new_nested = []
        for cell, cell_states in zip(self.cells, nested):
            cell_states = cell_states if isinstance(cell_states, (list, tuple)) \
                else [cell_states]
            inputs, cell_states = cell.call(inputs, cell_states, **kwargs)
            new_nested.append(cell_states)
        return inputs, _pack(state_size, _flat(new_nested))

    def build(self, input_shape):
        from ...framework.tensor_shape import TensorShape

        if isinstance(input_shape, list):
            input_shape = input_shape[0]
        dims = TensorShape(input_shape).as_list()
        for cell in self.cells:
            if not cell.built:
                cell.build(TensorShape(dims))
                cell.built = True
            out = getattr(cell, "output_size", None)
            if out is None:
                out = cell.state_size[0] if isinstance(cell.state_size, (list, tuple)) \
                    else cell.state_size
            dims = [dims[0], out]
        self.built = True


class RNN(Layer):
    def __init__(self, cell, return_sequences=False, return_state=False, go_backwards=False,
                 stateful=False, unroll=False, time_major=False, **kwargs):
        if isinstance(cell, (list, tuple)):
            cell = StackedRNNCells(cell)
        if stateful:
            raise NotImplementedError("philoxflow: stateful Keras RNNs")
        self.zero_output_for_mask = kwargs.pop("zero_output_for_mask", False)
        if "input_shape" not in kwargs and ("input_dim" in kwargs or "input_length" in kwargs):
            kwargs["input_shape"] = (kwargs.pop("input_length", None),
                                     kwargs.pop("input_dim", None))
        super().__init__(**kwargs)
        self.cell = cell
        self.return_sequences, self.return_state = return_sequences, return_state
        self.go_backwards, self.stateful, self.unroll = go_backwards, stateful, unroll
        self.time_major = time_major
        self.supports_masking = True

    def build(self, input_shape):
        if isinstance(input_shape, list):
            input_shape = input_shape[0]
        dims = tuple(input_shape.as_list())
        step_shape = dims[1:] if self.time_major else (dims[0],) + dims[2:]
        if not self.cell.built:
            from ...framework.tensor_shape import TensorShape

            self.cell.build(TensorShape(step_shape))
            self.cell.built = True
        self.built = True

    @property
    def trainable_weights(self):
        return self.cell.trainable_weights if self.trainable else []

    @property
    def non_trainable_weights(self):
        if not self.trainable:
            return self.cell.weights
        return self.cell.non_trainable_weights

    def compute_mask(self, inputs, mask):
        if isinstance(mask, list):
            mask = mask[0]
        output_mask = mask if self.return_sequences else None
        if self.return_state:
            n = len(_flat(self.cell.state_size))
            return [output_mask] + [None] * n
        return output_mask

    def get_initial_state(self, inputs):
        shape = array_ops.shape(inputs)
        batch_size = shape[1] if self.time_major else shape[0]
        state = self.cell.get_initial_state(inputs=None, batch_size=batch_size,
                                            dtype=inputs.dtype)
        return list(state) if isinstance(state, (list, tuple)) else [state]

    def call(self, inputs, mask=None, training=None, initial_state=None):
        if isinstance(self.cell, (_Cell, StackedRNNCells)):
            self.cell.reset_dropout_mask()
            self.cell.reset_recurrent_dropout_mask()
        if initial_state is None:
            initial_state = self.get_initial_state(inputs)
        timesteps = inputs.shape.as_list()[0 if self.time_major else 1]
        if self.unroll and timesteps is None:
            raise ValueError("Cannot unroll a RNN if the time dimension is undefined.")
        import inspect

        kwargs = {"training": training} if "training" in inspect.signature(
            self.cell.call).parameters else {}

        def step(x, states):
            output, new_states = self.cell.call(x, states, **kwargs)
            return output, new_states if isinstance(new_states, (list, tuple)) \
                else [new_states]
        if isinstance(mask, (list, tuple)):
            mask = mask[0]
        last_output, outputs, states = K.rnn(step, inputs, initial_state, mask=mask,
                                             go_backwards=self.go_backwards,
                                             unroll=self.unroll, time_major=self.time_major,
                                             zero_output_for_mask=self.zero_output_for_mask)
        output = outputs if self.return_sequences else last_output
        if self.return_state:
            return [output] + list(states)
        return output


def _layer(cell_cls, name):
    def __init__(self, units, return_sequences=False, return_state=False, go_backwards=False,
                 stateful=False, unroll=False, activity_regularizer=None, **kwargs):
        self._config = dict(kwargs, units=units, return_sequences=return_sequences,
                            return_state=return_state, go_backwards=go_backwards,
                            stateful=stateful, unroll=unroll,
                            activity_regularizer=activity_regularizer)
        cell_kwargs = {k: kwargs.pop(k) for k in list(kwargs) if k not in (
            "name", "dtype", "trainable", "input_shape", "batch_input_shape", "batch_size",
            "input_dim", "input_length", "time_major", "weights")}
        cell = cell_cls(units, dtype=kwargs.get("dtype"), **cell_kwargs)
        RNN.__init__(self, cell, return_sequences=return_sequences,
                     return_state=return_state, go_backwards=go_backwards, stateful=stateful,
                     unroll=unroll, **kwargs)
        self._activity_regularizer = regularizers.get(activity_regularizer)

    def units(self):
        return self.cell.units

    def _recreate(self, go_backwards=False):
        """A new layer of this configuration and name (Bidirectional's copies: TF's
        `from_config(get_config())`)."""
        config = dict(self._config, name=self.name)
        if go_backwards:
            config["go_backwards"] = not config["go_backwards"]
        return type(self)(**config)
    return type(name, (RNN,), {"__init__": __init__, "units": property(units),
                               "_recreate": _recreate, "__module__": __name__})


SimpleRNN = _layer(SimpleRNNCell, "SimpleRNN")
GRU = _layer(GRUCell, "GRU")
LSTM = _layer(LSTMCell, "LSTM")
