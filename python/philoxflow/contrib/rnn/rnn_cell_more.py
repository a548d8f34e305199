"""More `tf.contrib.rnn` cells (TF 1.15 `contrib/rnn/python/ops/rnn_cell.py`):
convolutional LSTMs, SRU, the independently recurrent cells (IndRNN, IndyGRU,
IndyLSTM), the phased LSTM and the attention wrapper."""

from __future__ import annotations

from ...framework import dtypes
from ...framework.constant_op import constant
from ...framework.tensor_shape import TensorShape, dimension_value
from ...ops import array_ops, math_ops, nn_ops, random_ops
from ...ops import variable_scope as vs
from ...ops.array_ops_ext import split, where
from ...ops.init_ops import constant_initializer, random_uniform_initializer, zeros_initializer
from ...ops.rnn_cell_impl import (
    _BIAS_VARIABLE_NAME,
    _WEIGHTS_VARIABLE_NAME,
    LayerRNNCell,
    LSTMStateTuple,
    RNNCell,
    _flatten,
    _input_depth,
    _is_seq,
    assert_like_rnncell,
)
from .core_rnn_cell import _Linear

__all__ = ["ConvLSTMCell", "Conv1DLSTMCell", "Conv2DLSTMCell", "Conv3DLSTMCell", "SRUCell",
           "IndRNNCell", "IndyGRUCell", "IndyLSTMCell", "PhasedLSTMCell",
           "AttentionCellWrapper", "GLSTMCell"]


def _conv(args, filter_size, num_features, bias, bias_start=0.0):
    """A SAME convolution of the concatenated args (`kernel`, `biases` variables)."""
    shapes = [a.shape.as_list() for a in args]
    rank = len(shapes[0])
    depth = 0
    for shape in shapes:
        if len(shape) not in (3, 4, 5):
            raise ValueError("Conv Linear expects 3D, 4D or 5D arguments: %s" % str(shapes))
        if len(shape) != rank:
            raise ValueError("Conv Linear expects all args to be of same Dimension: %s"
                             % str(shapes))
        depth += shape[-1]
    dtype = args[0].dtype
    conv_op, strides = {3: (nn_ops.conv1d, 1), 4: (nn_ops.conv2d, [1] * 4),
                        5: (nn_ops.conv3d, [1] * 5)}[rank]
    kernel = vs.get_variable("kernel", filter_size + [depth, num_features], dtype=dtype)
    x = args[0] if len(args) == 1 else array_ops.concat(axis=rank - 1, values=args)
    res = conv_op(x, kernel, strides, padding="SAME")
    if not bias:
        return res
    return res + vs.get_variable("biases", [num_features], dtype=dtype,
                                 initializer=constant_initializer(bias_start, dtype=dtype))


class ConvLSTMCell(RNNCell):
    """An LSTM whose gates are convolutions (Shi et al., 2015)."""

    def __init__(self, conv_ndims, input_shape, output_channels, kernel_shape, use_bias=True,
                 skip_connection=False, forget_bias=1.0, initializers=None,
                 name="conv_lstm_cell"):
        super().__init__(name=name)
        if conv_ndims != len(input_shape) - 1:
            raise ValueError("Invalid input_shape {} for conv_ndims={}.".format(input_shape,
                                                                               conv_ndims))
        self._conv_ndims = conv_ndims
        self._input_shape = input_shape
        self._output_channels = output_channels
        self._kernel_shape = list(kernel_shape)
        self._use_bias = use_bias
        self._forget_bias = forget_bias
        self._skip_connection = skip_connection
        total = output_channels + (input_shape[-1] if skip_connection else 0)
        state_size = TensorShape(input_shape[:-1] + [output_channels])
        self._state_size = LSTMStateTuple(state_size, state_size)
        self._output_size = TensorShape(input_shape[:-1] + [total])

    @property
    def output_size(self):
        return self._output_size

    @property
    def state_size(self):
        return self._state_size

    def call(self, inputs, state, scope=None):
        cell, hidden = state
        new_hidden = _conv([inputs, hidden], self._kernel_shape, 4 * self._output_channels,
                           self._use_bias)
        input_gate, new_input, forget_gate, output_gate = split(
            value=new_hidden, num_or_size_splits=4, axis=self._conv_ndims + 1)
        new_cell = math_ops.sigmoid(forget_gate + self._forget_bias) * cell
        new_cell += math_ops.sigmoid(input_gate) * math_ops.tanh(new_input)
        output = math_ops.tanh(new_cell) * math_ops.sigmoid(output_gate)
        if self._skip_connection:
            output = array_ops.concat([output, inputs], axis=-1)
        return output, LSTMStateTuple(new_cell, output)


def _conv_lstm(ndims):
    class Cell(ConvLSTMCell):
        def __init__(self, name="conv_%dd_lstm_cell" % ndims, **kwargs):
            super().__init__(conv_ndims=ndims, name=name, **kwargs)

    Cell.__name__ = Cell.__qualname__ = "Conv%dDLSTMCell" % ndims
    Cell.__doc__ = "A %d-D convolutional LSTM cell." % ndims
    return Cell


Conv1DLSTMCell = _conv_lstm(1)
Conv2DLSTMCell = _conv_lstm(2)
Conv3DLSTMCell = _conv_lstm(3)


class SRUCell(LayerRNNCell):
    """The simple recurrent unit (Lei et al., 2017)."""

    def __init__(self, num_units, activation=None, reuse=None, name=None, **kwargs):
        super().__init__(_reuse=reuse, name=name, **kwargs)
        self._num_units = num_units
        self._activation = activation or math_ops.tanh

    @property
    def state_size(self):
        return self._num_units

    @property
    def output_size(self):
        return self._num_units

    def build(self, inputs_shape):
        depth = _input_depth(inputs_shape, 1)
        self._kernel = self.add_weight(_WEIGHTS_VARIABLE_NAME, shape=[depth, 4 * self._num_units])
        self._bias = self.add_weight(_BIAS_VARIABLE_NAME, shape=[2 * self._num_units],
                                     initializer=zeros_initializer)
        self.built = True

    def call(self, inputs, state):
        u = math_ops.matmul(inputs, self._kernel)
        x_bar, f_intermediate, r_intermediate, x_tx = split(value=u, num_or_size_splits=4,
                                                            axis=1)
        f_r = math_ops.sigmoid(nn_ops.bias_add(
            array_ops.concat([f_intermediate, r_intermediate], 1), self._bias))
        f, r = split(value=f_r, num_or_size_splits=2, axis=1)
        c = f * state + (1.0 - f) * x_bar
        h = r * self._activation(c) + (1.0 - r) * x_tx
        return h, c


def _recurrent_init(dtype):
    return random_uniform_initializer(minval=-1, maxval=1, dtype=dtype)


class IndRNNCell(LayerRNNCell):
    """The independently recurrent cell (Li et al., 2018): a diagonal recurrence."""

    def __init__(self, num_units, activation=None, reuse=None, name=None, dtype=None):
        super().__init__(_reuse=reuse, name=name, dtype=dtype)
        self._num_units = num_units
        self._activation = activation or math_ops.tanh

    @property
    def state_size(self):
        return self._num_units

    @property
    def output_size(self):
        return self._num_units

    def build(self, inputs_shape):
        depth = _input_depth(inputs_shape, 1)
        self._kernel_w = self.add_weight("%s_w" % _WEIGHTS_VARIABLE_NAME,
                                         shape=[depth, self._num_units])
        self._kernel_u = self.add_weight("%s_u" % _WEIGHTS_VARIABLE_NAME,
                                         shape=[1, self._num_units],
                                         initializer=_recurrent_init(self.dtype))
        self._bias = self.add_weight(_BIAS_VARIABLE_NAME, shape=[self._num_units],
                                     initializer=zeros_initializer(dtype=self.dtype))
        self.built = True

    def call(self, inputs, state):
        gate_inputs = math_ops.matmul(inputs, self._kernel_w) + state * self._kernel_u
        output = self._activation(nn_ops.bias_add(gate_inputs, self._bias))
        return output, output


class IndyGRUCell(LayerRNNCell):
    """A GRU whose recurrent weights are diagonal."""

    def __init__(self, num_units, activation=None, reuse=None, kernel_initializer=None,
                 bias_initializer=None, name=None, dtype=None):
        super().__init__(_reuse=reuse, name=name, dtype=dtype)
        self._num_units = num_units
        self._activation = activation or math_ops.tanh
        self._kernel_initializer = kernel_initializer
        self._bias_initializer = bias_initializer

    @property
    def state_size(self):
        return self._num_units

    @property
    def output_size(self):
        return self._num_units

    def build(self, inputs_shape):
        depth = _input_depth(inputs_shape, 1)
        n, w, b = self._num_units, _WEIGHTS_VARIABLE_NAME, _BIAS_VARIABLE_NAME
        self._gate_kernel_w = self.add_weight("gates/%s_w" % w, shape=[depth, 2 * n],
                                              initializer=self._kernel_initializer)
        self._gate_kernel_u = self.add_weight("gates/%s_u" % w, shape=[1, 2 * n],
                                              initializer=_recurrent_init(self.dtype))
        self._gate_bias = self.add_weight(
            "gates/%s" % b, shape=[2 * n],
            initializer=self._bias_initializer if self._bias_initializer is not None
            else constant_initializer(1.0, dtype=self.dtype))
        self._candidate_kernel_w = self.add_weight("candidate/%s" % w, shape=[depth, n],
                                                   initializer=self._kernel_initializer)
        self._candidate_kernel_u = self.add_weight("candidate/%s_u" % w, shape=[1, n],
                                                   initializer=_recurrent_init(self.dtype))
        self._candidate_bias = self.add_weight(
            "candidate/%s" % b, shape=[n],
            initializer=self._bias_initializer if self._bias_initializer is not None
            else zeros_initializer(dtype=self.dtype))
        self.built = True

    def call(self, inputs, state):
        gate_inputs = math_ops.matmul(inputs, self._gate_kernel_w) + (
            array_ops.tile(state, [1, 2]) * self._gate_kernel_u)
        value = math_ops.sigmoid(nn_ops.bias_add(gate_inputs, self._gate_bias))
        r, u = split(value=value, num_or_size_splits=2, axis=1)
        r_state = r * state
        candidate = math_ops.matmul(inputs, self._candidate_kernel_w) + (
            r_state * self._candidate_kernel_u)
        c = self._activation(nn_ops.bias_add(candidate, self._candidate_bias))
        new_h = u * state + (1 - u) * c
        return new_h, new_h


class IndyLSTMCell(LayerRNNCell):
    """An LSTM whose recurrent weights are diagonal."""

    def __init__(self, num_units, forget_bias=1.0, activation=None, reuse=None,
                 kernel_initializer=None, bias_initializer=None, name=None, dtype=None):
        super().__init__(_reuse=reuse, name=name, dtype=dtype)
        self._num_units = num_units
        self._forget_bias = forget_bias
        self._activation = activation or math_ops.tanh
        self._kernel_initializer = kernel_initializer
        self._bias_initializer = bias_initializer

    @property
    def state_size(self):
        return LSTMStateTuple(self._num_units, self._num_units)

    @property
    def output_size(self):
        return self._num_units

    def build(self, inputs_shape):
        depth = _input_depth(inputs_shape, 1)
        n = 4 * self._num_units
        self._kernel_w = self.add_weight("%s_w" % _WEIGHTS_VARIABLE_NAME, shape=[depth, n],
                                         initializer=self._kernel_initializer)
        self._kernel_u = self.add_weight("%s_u" % _WEIGHTS_VARIABLE_NAME, shape=[1, n],
                                         initializer=_recurrent_init(self.dtype))
        self._bias = self.add_weight(
            _BIAS_VARIABLE_NAME, shape=[n],
            initializer=self._bias_initializer if self._bias_initializer is not None
            else zeros_initializer(dtype=self.dtype))
        self.built = True

    def call(self, inputs, state):
        sigmoid = math_ops.sigmoid
        one = constant(1, dtype=dtypes.int32)
        c, h = state
        gate_inputs = math_ops.matmul(inputs, self._kernel_w)
        gate_inputs += array_ops.tile(h, [1, 4]) * self._kernel_u
        gate_inputs = nn_ops.bias_add(gate_inputs, self._bias)
        i, j, f, o = split(value=gate_inputs, num_or_size_splits=4, axis=one)
        forget_bias = constant(self._forget_bias, dtype=f.dtype)
        new_c = math_ops.add(math_ops.multiply(c, sigmoid(math_ops.add(f, forget_bias))),
                             math_ops.multiply(sigmoid(i), self._activation(j)))
        new_h = math_ops.multiply(self._activation(new_c), sigmoid(o))
        return new_h, LSTMStateTuple(new_c, new_h)


def _random_exp_initializer(minval, maxval, seed=None, dtype=dtypes.float32):
    def _initializer(shape, dtype=dtype, partition_info=None):
        return math_ops.exp(random_ops.random_uniform(
            shape, math_ops.log(minval), math_ops.log(maxval), dtype, seed=seed))
    return _initializer


class PhasedLSTMCell(RNNCell):
    """The phased LSTM (Neil et al., 2016): inputs are `(time, x)`; a periodic gate with
    trained period, phase and open ratio."""

    def __init__(self, num_units, use_peepholes=False, leak=0.001, ratio_on=0.1,
                 trainable_ratio_on=True, period_init_min=1.0, period_init_max=1000.0,
                 reuse=None):
        super().__init__(_reuse=reuse)
        self._num_units = num_units
        self._use_peepholes = use_peepholes
        self._leak = leak
        self._ratio_on = ratio_on
        self._trainable_ratio_on = trainable_ratio_on
        self._period_init_min = period_init_min
        self._period_init_max = period_init_max
        self._linear1 = self._linear2 = self._linear3 = None

    @property
    def state_size(self):
        return LSTMStateTuple(self._num_units, self._num_units)

    @property
    def output_size(self):
        return self._num_units

    def _mod(self, x, y):
        return array_ops.stop_gradient(math_ops.floormod(x, y) - x) + x

    def _get_cycle_ratio(self, time, phase, period):
        phase = math_ops.cast(phase, dtype=time.dtype)
        period = math_ops.cast(period, dtype=time.dtype)
        cycle_ratio = self._mod(time - phase, period) / period
        return math_ops.cast(cycle_ratio, dtype=dtypes.float32)

    def call(self, inputs, state):
        c_prev, h_prev = state
        time, x = inputs
        in_mask_gates = [x, h_prev] + ([c_prev] if self._use_peepholes else [])
        with vs.variable_scope("mask_gates"):
            if self._linear1 is None:
                self._linear1 = _Linear(in_mask_gates, 2 * self._num_units, True)
            mask_gates = math_ops.sigmoid(self._linear1(in_mask_gates))
            input_gate, forget_gate = split(axis=1, num_or_size_splits=2, value=mask_gates)
        with vs.variable_scope("new_input"):
            if self._linear2 is None:
                self._linear2 = _Linear([x, h_prev], self._num_units, True)
            new_input = math_ops.tanh(self._linear2([x, h_prev]))
        new_c = c_prev * forget_gate + input_gate * new_input
        in_out_gate = [x, h_prev] + ([new_c] if self._use_peepholes else [])
        with vs.variable_scope("output_gate"):
            if self._linear3 is None:
                self._linear3 = _Linear(in_out_gate, self._num_units, True)
            output_gate = math_ops.sigmoid(self._linear3(in_out_gate))
        new_h = math_ops.tanh(new_c) * output_gate
        period = vs.get_variable("period", [self._num_units],
                                 initializer=_random_exp_initializer(self._period_init_min,
                                                                     self._period_init_max))
        phase = vs.get_variable("phase", [self._num_units],
                                initializer=random_uniform_initializer(0.,
                                                                       period.initial_value))
        ratio_on = vs.get_variable("ratio_on", [self._num_units],
                                   initializer=constant_initializer(self._ratio_on),
                                   trainable=self._trainable_ratio_on)
        cycle_ratio = self._get_cycle_ratio(time, phase, period)
        k_up = 2 * cycle_ratio / ratio_on
        k_down = 2 - k_up
        k_closed = self._leak * cycle_ratio
        k = where(cycle_ratio < ratio_on, k_down, k_closed)
        k = where(cycle_ratio < 0.5 * ratio_on, k_up, k)
        new_c = k * new_c + (1 - k) * c_prev
        new_h = k * new_h + (1 - k) * h_prev
        return new_h, LSTMStateTuple(new_c, new_h)


class AttentionCellWrapper(RNNCell):
    """Attention over the cell's last `attn_length` outputs (Bahdanau-style)."""

    def __init__(self, cell, attn_length, attn_size=None, attn_vec_size=None,
                 input_size=None, state_is_tuple=True, reuse=None):
        super().__init__(_reuse=reuse)
        assert_like_rnncell("cell", cell)
        if _is_seq(cell.state_size) and not state_is_tuple:
            raise ValueError("Cell returns tuple of states, but the flag state_is_tuple is not "
                             "set. State size is: %s" % str(cell.state_size))
        if attn_length <= 0:
            raise ValueError("attn_length should be greater than zero, got %s"
                             % str(attn_length))
        attn_size = cell.output_size if attn_size is None else attn_size
        self._state_is_tuple = state_is_tuple
        self._cell = cell
        self._attn_vec_size = attn_size if attn_vec_size is None else attn_vec_size
        self._input_size = input_size
        self._attn_size = attn_size
        self._attn_length = attn_length
        self._linear1 = self._linear2 = self._linear3 = None

    @property
    def state_size(self):
        size = (self._cell.state_size, self._attn_size, self._attn_size * self._attn_length)
        return size if self._state_is_tuple else sum(list(size))

    @property
    def output_size(self):
        return self._attn_size

    def call(self, inputs, state):
        if self._state_is_tuple:
            state, attns, attn_states = state
        else:
            states = state
            n = self._cell.state_size
            state = array_ops.slice(states, [0, 0], [-1, n])
            attns = array_ops.slice(states, [0, n], [-1, self._attn_size])
            attn_states = array_ops.slice(states, [0, n + self._attn_size],
                                          [-1, self._attn_size * self._attn_length])
        attn_states = array_ops.reshape(attn_states, [-1, self._attn_length, self._attn_size])
        input_size = self._input_size
        if input_size is None:
            input_size = inputs.shape.as_list()[1]
        if self._linear1 is None:
            self._linear1 = _Linear([inputs, attns], input_size, True)
        inputs = self._linear1([inputs, attns])
        cell_output, new_state = self._cell(inputs, state)
        new_state_cat = array_ops.concat(_flatten(new_state), 1) if self._state_is_tuple \
            else new_state
        new_attns, new_attn_states = self._attention(new_state_cat, attn_states)
        with vs.variable_scope("attn_output_projection"):
            if self._linear2 is None:
                self._linear2 = _Linear([cell_output, new_attns], self._attn_size, True)
            output = self._linear2([cell_output, new_attns])
        new_attn_states = array_ops.concat([new_attn_states, array_ops.expand_dims(output, 1)],
                                           1)
        new_attn_states = array_ops.reshape(new_attn_states,
                                            [-1, self._attn_length * self._attn_size])
        new_state = (new_state, new_attns, new_attn_states)
        if not self._state_is_tuple:
            new_state = array_ops.concat(list(new_state), 1)
        return output, new_state

    def _attention(self, query, attn_states):
        with vs.variable_scope("attention"):
            k = vs.get_variable("attn_w", [1, 1, self._attn_size, self._attn_vec_size])
            v = vs.get_variable("attn_v", [self._attn_vec_size])
            hidden = array_ops.reshape(attn_states, [-1, self._attn_length, 1, self._attn_size])
            hidden_features = nn_ops.conv2d(hidden, k, [1, 1, 1, 1], "SAME")
            if self._linear3 is None:
                self._linear3 = _Linear(query, self._attn_vec_size, True)
            y = array_ops.reshape(self._linear3(query), [-1, 1, 1, self._attn_vec_size])
            s = math_ops.reduce_sum(v * math_ops.tanh(hidden_features + y), [2, 3])
            a = nn_ops.softmax(s)
            d = math_ops.reduce_sum(
                array_ops.reshape(a, [-1, self._attn_length, 1, 1]) * hidden, [1, 2])
            new_attns = array_ops.reshape(d, [-1, self._attn_size])
            new_attn_states = array_ops.slice(attn_states, [0, 1, 0], [-1, -1, -1])
            return new_attns, new_attn_states


class GLSTMCell(RNNCell):
    """The group LSTM (Kuchaiev & Ginsburg, 2017): the input and recurrent state split
    into groups, one `_Linear` per group."""

    def __init__(self, num_units, initializer=None, num_proj=None, number_of_groups=1,
                 forget_bias=1.0, activation=math_ops.tanh, reuse=None):
        super().__init__(_reuse=reuse)
        self._num_units = num_units
        self._initializer = initializer
        self._num_proj = num_proj
        self._forget_bias = forget_bias
        self._activation = activation
        self._number_of_groups = number_of_groups
        if num_units % number_of_groups != 0:
            raise ValueError("num_units must be divisible by number_of_groups")
        if num_proj:
            if num_proj % number_of_groups != 0:
                raise ValueError("num_proj must be divisible by number_of_groups")
            self._group_shape = [int(num_proj / number_of_groups),
                                 int(num_units / number_of_groups)]
        else:
            self._group_shape = [int(num_units / number_of_groups)] * 2
        out = num_proj if num_proj else num_units
        self._state_size = LSTMStateTuple(num_units, out)
        self._output_size = out
        self._linear1 = [None] * number_of_groups
        self._linear2 = None

    @property
    def state_size(self):
        return self._state_size

    @property
    def output_size(self):
        return self._output_size

    def _get_input_for_group(self, inputs, group_id, group_size):
        return array_ops.slice(inputs, [0, group_id * group_size],
                               [self._batch_size, group_size],
                               name="GLSTM_group%d_input_generation" % group_id)

    def call(self, inputs, state):
        c_prev, m_prev = state
        self._batch_size = dimension_value(inputs.shape[0]) or array_ops.shape(inputs)[0]
        input_size = dimension_value(inputs.shape[1])
        if input_size is None:
            raise ValueError("input size must be statically known")
        if input_size % self._number_of_groups != 0:
            raise ValueError("input size (%d) must be divisible by number_of_groups (%d)"
                             % (input_size, self._number_of_groups))
        input_group_size = int(input_size / self._number_of_groups)
        dtype = inputs.dtype
        with vs.variable_scope(vs.get_variable_scope(), initializer=self._initializer):
            parts = [[], [], [], []]
            for group_id in range(self._number_of_groups):
                with vs.variable_scope("group%d" % group_id):
                    x_g = array_ops.concat([
                        self._get_input_for_group(inputs, group_id, input_group_size),
                        self._get_input_for_group(m_prev, group_id, self._group_shape[0])],
                        axis=1)
                    if self._linear1[group_id] is None:
                        self._linear1[group_id] = _Linear(x_g, 4 * self._group_shape[1], False)
                    for p, t in zip(parts, split(self._linear1[group_id](x_g), 4, 1)):
                        p.append(t)
            biases = [vs.get_variable(name="bias_" + g, shape=[self._num_units], dtype=dtype,
                                      initializer=constant_initializer(0.0, dtype=dtype))
                      for g in "ijfo"]
            i, j, f, o = [nn_ops.bias_add(array_ops.concat(p, axis=1), b)
                          for p, b in zip(parts, biases)]
        c = math_ops.sigmoid(f + self._forget_bias) * c_prev + \
            math_ops.sigmoid(i) * math_ops.tanh(j)
        m = math_ops.sigmoid(o) * self._activation(c)
        if self._num_proj is not None:
            with vs.variable_scope("projection"):
                if self._linear2 is None:
                    self._linear2 = _Linear(m, self._num_proj, False)
                m = self._linear2(m)
        return m, LSTMStateTuple(c, m)
