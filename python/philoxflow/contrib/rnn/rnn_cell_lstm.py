"""`tf.contrib.rnn`'s LSTM-like cells (TF 1.15 `contrib/rnn/python/ops/rnn_cell.py`):
coupled input-forget gates, layer-normalized LSTM (with its seeded dropout), NAS,
UGRNN, Intersection RNN and the highway wrapper. Variables are made with
`get_variable` in the cell's scope, as TF's do."""

from __future__ import annotations

import math

from ...framework import dtypes
from ...framework.ops import GraphKeys, add_to_collection, get_collection
from ...framework.tensor_shape import TensorShape, dimension_value
from ...ops import array_ops, math_ops, nn_ops
from ...ops import variable_scope as vs
from ...ops.array_ops_ext import split
from ...ops.clip_ops import clip_by_value
from ...ops.init_ops import constant_initializer, zeros_initializer
from ...ops.rnn_cell_impl import LayerRNNCell, LSTMStateTuple, RNNCell, _map
from ..layers.normalization import layer_norm
from .core_rnn_cell import _Linear, _WrapsCell

__all__ = ["CoupledInputForgetGateLSTMCell", "HighwayWrapper", "LayerNormBasicLSTMCell",
           "NASCell", "UGRNNCell", "IntersectionRNNCell", "CompiledWrapper",
           "TimeFreqLSTMCell"]


def _get_sharded_variable(name, shape, dtype, num_shards):
    if num_shards > shape[0]:
        raise ValueError("Too many shards: shape=%s, num_shards=%d" % (shape, num_shards))
    unit = int(math.floor(shape[0] / num_shards))
    remaining = shape[0] - unit * num_shards
    return [vs.get_variable(name + "_%d" % i, [unit + (1 if i < remaining else 0)] + shape[1:],
                            dtype=dtype) for i in range(num_shards)]


def _get_concat_variable(name, shape, dtype, num_shards):
    """One variable, or its shards concatenated once (`<name>/concat`, cached in the
    CONCATENATED_VARIABLES collection)."""
    sharded = _get_sharded_variable(name, shape, dtype, num_shards)
    if len(sharded) == 1:
        return sharded[0]
    concat_name = name + "/concat"
    full_name = vs.get_variable_scope().name + "/" + concat_name + ":0"
    for value in get_collection(GraphKeys.CONCATENATED_VARIABLES):
        if value.name == full_name:
            return value
    concat = array_ops.concat(sharded, 0, name=concat_name)
    add_to_collection(GraphKeys.CONCATENATED_VARIABLES, concat)
    return concat


def _norm(g, b, inp, scope, dtype=None):
    """TF's cells' layer norm: `gamma`/`beta` made first, then `layer_norm` reusing them."""
    shape = inp.shape[-1:]
    with vs.variable_scope(scope):
        kw = {} if dtype is None else {"dtype": dtype}
        vs.get_variable("gamma", shape=shape, initializer=constant_initializer(g), **kw)
        vs.get_variable("beta", shape=shape, initializer=constant_initializer(b), **kw)
    return layer_norm(inp, reuse=True, scope=scope)


def _input_size(inputs):
    size = inputs.shape.with_rank(2).dims[1]
    if size.value is None:
        raise ValueError("Could not infer input size from inputs.get_shape()[-1]")
    return size


class CoupledInputForgetGateLSTMCell(RNNCell):
    """An LSTM whose input gate is one minus its forget gate."""

    def __init__(self, num_units, use_peepholes=False, initializer=None, num_proj=None,
                 proj_clip=None, num_unit_shards=1, num_proj_shards=1, forget_bias=1.0,
                 state_is_tuple=True, activation=math_ops.tanh, reuse=None, layer_norm=False,
                 norm_gain=1.0, norm_shift=0.0):
        super().__init__(_reuse=reuse)
        self._num_units = num_units
        self._use_peepholes = use_peepholes
        self._initializer = initializer
        self._num_proj = num_proj
        self._proj_clip = proj_clip
        self._num_unit_shards = num_unit_shards
        self._num_proj_shards = num_proj_shards
        self._forget_bias = forget_bias
        self._state_is_tuple = state_is_tuple
        self._activation = activation
        self._layer_norm = layer_norm
        self._norm_gain = norm_gain
        self._norm_shift = norm_shift
        out = num_proj or num_units
        self._state_size = LSTMStateTuple(num_units, out) if state_is_tuple \
            else num_units + out
        self._output_size = out

    @property
    def state_size(self):
        return self._state_size

    @property
    def output_size(self):
        return self._output_size

    def call(self, inputs, state):
        sigmoid = math_ops.sigmoid
        num_proj = self._num_units if self._num_proj is None else self._num_proj
        if self._state_is_tuple:
            c_prev, m_prev = state
        else:
            c_prev = array_ops.slice(state, [0, 0], [-1, self._num_units])
            m_prev = array_ops.slice(state, [0, self._num_units], [-1, num_proj])
        dtype = inputs.dtype
        input_size = _input_size(inputs)
        concat_w = _get_concat_variable("W", [input_size.value + num_proj, 3 * self._num_units],
                                        dtype, self._num_unit_shards)
        b = vs.get_variable("B", shape=[3 * self._num_units], initializer=zeros_initializer(),
                            dtype=dtype)
        lstm_matrix = math_ops.matmul(array_ops.concat([inputs, m_prev], 1), concat_w)
        if not self._layer_norm:
            lstm_matrix = nn_ops.bias_add(lstm_matrix, b)
        j, f, o = split(value=lstm_matrix, num_or_size_splits=3, axis=1)
        if self._layer_norm:
            j = _norm(self._norm_gain, self._norm_shift, j, "transform")
            f = _norm(self._norm_gain, self._norm_shift, f, "forget")
            o = _norm(self._norm_gain, self._norm_shift, o, "output")
        if self._use_peepholes:
            w_f_diag = vs.get_variable("W_F_diag", shape=[self._num_units], dtype=dtype)
            w_o_diag = vs.get_variable("W_O_diag", shape=[self._num_units], dtype=dtype)
            f_act = sigmoid(f + self._forget_bias + w_f_diag * c_prev)
        else:
            f_act = sigmoid(f + self._forget_bias)
        c = f_act * c_prev + (1 - f_act) * self._activation(j)
        if self._layer_norm:
            c = _norm(self._norm_gain, self._norm_shift, c, "state")
        if self._use_peepholes:
            m = sigmoid(o + w_o_diag * c) * self._activation(c)
        else:
            m = sigmoid(o) * self._activation(c)
        if self._num_proj is not None:
            w_proj = _get_concat_variable("W_P", [self._num_units, self._num_proj], dtype,
                                          self._num_proj_shards)
            m = math_ops.matmul(m, w_proj)
            if self._proj_clip is not None:
                m = clip_by_value(m, -self._proj_clip, self._proj_clip)
        new_state = LSTMStateTuple(c, m) if self._state_is_tuple \
            else array_ops.concat([c, m], 1)
        return m, new_state


class HighwayWrapper(_WrapsCell):
    """The cell's output mixed with its input by a (coupled) carry/transform gate."""

    def __init__(self, cell, couple_carry_transform_gates=True, carry_bias_init=1.0):
        super().__init__()
        self._cell = cell
        self._couple_carry_transform_gates = couple_carry_transform_gates
        self._carry_bias_init = carry_bias_init

    def _highway(self, inp, out):
        size = inp.shape.with_rank(2).dims[1].value
        carry_w = vs.get_variable("carry_w", [size, size])
        carry_b = vs.get_variable("carry_b", [size],
                                  initializer=constant_initializer(self._carry_bias_init))
        carry = math_ops.sigmoid(nn_ops.xw_plus_b(inp, carry_w, carry_b))
        if self._couple_carry_transform_gates:
            transform = 1 - carry
        else:
            tw = vs.get_variable("transform_w", [size, size])
            tb = vs.get_variable("transform_b", [size],
                                 initializer=constant_initializer(-self._carry_bias_init))
            transform = math_ops.sigmoid(nn_ops.xw_plus_b(inp, tw, tb))
        return inp * carry + out * transform

    def __call__(self, inputs, state, scope=None):
        outputs, new_state = self._cell(inputs, state, scope=scope)

        def check(inp, out):
            inp.shape.assert_is_compatible_with(out.shape)
            return inp

        _map(check, inputs, outputs)
        return _map(self._highway, inputs, outputs), new_state


class LayerNormBasicLSTMCell(RNNCell):
    """A basic LSTM with layer normalization of its gates and state, and recurrent
    dropout of the candidate (`dropout_prob_seed` is the dropout op's seed)."""

    def __init__(self, num_units, forget_bias=1.0, input_size=None, activation=math_ops.tanh,
                 layer_norm=True, norm_gain=1.0, norm_shift=0.0, dropout_keep_prob=1.0,
                 dropout_prob_seed=None, reuse=None):
        super().__init__(_reuse=reuse)
        self._num_units = num_units
        self._activation = activation
        self._forget_bias = forget_bias
        self._keep_prob = dropout_keep_prob
        self._seed = dropout_prob_seed
        self._layer_norm = layer_norm
        self._norm_gain = norm_gain
        self._norm_shift = norm_shift

    @property
    def state_size(self):
        return LSTMStateTuple(self._num_units, self._num_units)

    @property
    def output_size(self):
        return self._num_units

    def _norm(self, inp, scope, dtype=dtypes.float32):
        return _norm(self._norm_gain, self._norm_shift, inp, scope, dtype=dtype)

    def _linear(self, args):
        out_size = 4 * self._num_units
        weights = vs.get_variable("kernel", [args.shape[-1], out_size], dtype=args.dtype)
        out = math_ops.matmul(args, weights)
        if not self._layer_norm:
            out = nn_ops.bias_add(out, vs.get_variable("bias", [out_size], dtype=args.dtype))
        return out

    def call(self, inputs, state):
        c, h = state
        args = array_ops.concat([inputs, h], 1)
        concat = self._linear(args)
        dtype = args.dtype
        i, j, f, o = split(value=concat, num_or_size_splits=4, axis=1)
        if self._layer_norm:
            i = self._norm(i, "input", dtype=dtype)
            j = self._norm(j, "transform", dtype=dtype)
            f = self._norm(f, "forget", dtype=dtype)
            o = self._norm(o, "output", dtype=dtype)
        g = self._activation(j)
        if not isinstance(self._keep_prob, float) or self._keep_prob < 1:
            g = nn_ops.dropout(g, self._keep_prob, seed=self._seed)
        new_c = c * math_ops.sigmoid(f + self._forget_bias) + math_ops.sigmoid(i) * g
        if self._layer_norm:
            new_c = self._norm(new_c, "state", dtype=dtype)
        new_h = self._activation(new_c) * math_ops.sigmoid(o)
        return new_h, LSTMStateTuple(new_c, new_h)


class NASCell(LayerRNNCell):
    """The LSTM-like cell found by neural architecture search (Zoph & Le, 2017)."""

    _NAS_BASE = 8

    def __init__(self, num_units, num_proj=None, use_bias=False, reuse=None, **kwargs):
        super().__init__(_reuse=reuse, **kwargs)
        self._num_units = num_units
        self._num_proj = num_proj
        self._use_bias = use_bias
        out = num_proj if num_proj is not None else num_units
        self._state_size = LSTMStateTuple(num_units, out)
        self._output_size = out

    @property
    def state_size(self):
        return self._state_size

    @property
    def output_size(self):
        return self._output_size

    def build(self, inputs_shape):
        input_size = dimension_value(TensorShape(inputs_shape).with_rank(2)[1])
        if input_size is None:
            raise ValueError("Could not infer input size from inputs.get_shape()[-1]")
        num_proj = self._num_units if self._num_proj is None else self._num_proj
        base = self._NAS_BASE * self._num_units
        self.recurrent_kernel = self.add_weight("recurrent_kernel", [num_proj, base])
        self.kernel = self.add_weight("kernel", [input_size, base])
        if self._use_bias:
            self.bias = self.add_weight("bias", shape=[base], initializer=zeros_initializer)
        if self._num_proj is not None:
            self.projection_weights = self.add_weight("projection_weights",
                                                      [self._num_units, self._num_proj])
        self.built = True

    def call(self, inputs, state):
        sigmoid, tanh, relu = math_ops.sigmoid, math_ops.tanh, nn_ops.relu
        c_prev, m_prev = state
        m_matrix = math_ops.matmul(m_prev, self.recurrent_kernel)
        inputs_matrix = math_ops.matmul(inputs, self.kernel)
        if self._use_bias:
            m_matrix = nn_ops.bias_add(m_matrix, self.bias)
        m = split(axis=1, num_or_size_splits=self._NAS_BASE, value=m_matrix)
        x = split(axis=1, num_or_size_splits=self._NAS_BASE, value=inputs_matrix)
        layer1_0 = sigmoid(x[0] + m[0])
        layer1_1 = relu(x[1] + m[1])
        layer1_2 = sigmoid(x[2] + m[2])
        layer1_3 = relu(x[3] * m[3])
        layer1_4 = tanh(x[4] + m[4])
        layer1_5 = sigmoid(x[5] + m[5])
        layer1_6 = tanh(x[6] + m[6])
        layer1_7 = sigmoid(x[7] + m[7])
        l2_0 = tanh(layer1_0 * layer1_1)
        l2_1 = tanh(layer1_2 + layer1_3)
        l2_2 = tanh(layer1_4 * layer1_5)
        l2_3 = sigmoid(layer1_6 + layer1_7)
        l2_0 = tanh(l2_0 + c_prev)
        new_c = l2_0 * l2_1
        l3_1 = tanh(l2_2 + l2_3)
        new_m = tanh(new_c * l3_1)
        if self._num_proj is not None:
            new_m = math_ops.matmul(new_m, self.projection_weights)
        return new_m, LSTMStateTuple(new_c, new_m)


class UGRNNCell(RNNCell):
    """The update-gate RNN (Collins et al., 2016)."""

    def __init__(self, num_units, initializer=None, forget_bias=1.0,
                 activation=math_ops.tanh, reuse=None):
        super().__init__(_reuse=reuse)
        self._num_units = num_units
        self._initializer = initializer
        self._forget_bias = forget_bias
        self._activation = activation
        self._linear = None

    @property
    def state_size(self):
        return self._num_units

    @property
    def output_size(self):
        return self._num_units

    def call(self, inputs, state):
        _input_size(inputs)
        with vs.variable_scope(vs.get_variable_scope(), initializer=self._initializer):
            cell_inputs = array_ops.concat([inputs, state], 1)
            if self._linear is None:
                self._linear = _Linear(cell_inputs, 2 * self._num_units, True)
            g_act, c_act = split(axis=1, num_or_size_splits=2,
                                 value=self._linear(cell_inputs))
            c = self._activation(c_act)
            g = math_ops.sigmoid(g_act + self._forget_bias)
            new_state = g * state + (1.0 - g) * c
        return new_state, new_state


class IntersectionRNNCell(RNNCell):
    """The Intersection RNN (Collins et al., 2016): state through time, output through
    depth."""

    def __init__(self, num_units, num_in_proj=None, initializer=None, forget_bias=1.0,
                 y_activation=nn_ops.relu, reuse=None):
        super().__init__(_reuse=reuse)
        self._num_units = num_units
        self._initializer = initializer
        self._forget_bias = forget_bias
        self._num_input_proj = num_in_proj
        self._y_activation = y_activation
        self._linear1 = None
        self._linear2 = None

    @property
    def state_size(self):
        return self._num_units

    @property
    def output_size(self):
        return self._num_units

    def call(self, inputs, state):
        sigmoid, tanh = math_ops.sigmoid, math_ops.tanh
        input_size = _input_size(inputs)
        with vs.variable_scope(vs.get_variable_scope(), initializer=self._initializer):
            if input_size.value != self._num_units:
                if not self._num_input_proj:
                    raise ValueError("Must have input size == output size for Intersection "
                                     "RNN. To fix, num_in_proj should be set to num_units at "
                                     "cell init.")
                with vs.variable_scope("in_projection"):
                    if self._linear1 is None:
                        self._linear1 = _Linear(inputs, self._num_units, True)
                    inputs = self._linear1(inputs)
            n = self._num_units
            cell_inputs = array_ops.concat([inputs, state], 1)
            if self._linear2 is None:
                self._linear2 = _Linear(cell_inputs, 4 * n, True)
            rnn_matrix = self._linear2(cell_inputs)
            gh_act = rnn_matrix[:, :n]
            h_act = rnn_matrix[:, n:2 * n]
            gy_act = rnn_matrix[:, 2 * n:3 * n]
            y_act = rnn_matrix[:, 3 * n:4 * n]
            h = tanh(h_act)
            y = self._y_activation(y_act)
            gh = sigmoid(gh_act + self._forget_bias)
            gy = sigmoid(gy_act + self._forget_bias)
            new_state = gh * state + (1.0 - gh) * h
            new_y = gy * inputs + (1.0 - gy) * y
        return new_y, new_state


class CompiledWrapper(_WrapsCell):
    """The cell's ops marked for XLA as `tf.xla.experimental.jit_scope` marks them
    (`_XlaCompile`, `_XlaSeparateCompiledGradients`, `_XlaScope` attributes); stateful
    ops are left uncompiled unless `compile_stateful`."""

    def __init__(self, cell, compile_stateful=False):
        super().__init__()
        self._cell = cell
        self._compile_stateful = compile_stateful

    def __call__(self, inputs, state, scope=None):
        from ...framework.op_def_library import op_def
        from ...framework.ops import get_default_graph

        g = get_default_graph()
        counter = g.get_collection("_xla_scope")
        if not counter:
            counter = [0, 0]  # TF's _XlaScope(count, depth)
            g.add_to_collection("_xla_scope", counter)
        else:
            counter = counter[0]
        scope_name = None
        if counter[1] == 0:
            scope_name = ("jit_scope_%d" % counter[0]).encode()
            counter[0] += 1
        counter[1] += 1
        before = len(g.get_operations())
        try:
            return self._cell(inputs, state, scope=scope)
        finally:
            counter[1] -= 1
            for op in g.get_operations()[before:]:
                stateful = (op_def(op.type) or {}).get("stateful", False)
                op._attrs["_XlaCompile"] = bool(self._compile_stateful or not stateful)
                op._attrs["_XlaSeparateCompiledGradients"] = False
                if scope_name is not None:
                    op._attrs["_XlaScope"] = scope_name


class TimeFreqLSTMCell(RNNCell):
    """The time-frequency LSTM (Li et al., 2015): an LSTM stepped over frequency windows
    of the input, each window's state after the previous one's output."""

    def __init__(self, num_units, use_peepholes=False, cell_clip=None, initializer=None,
                 num_unit_shards=1, forget_bias=1.0, feature_size=None, frequency_skip=1,
                 reuse=None):
        super().__init__(_reuse=reuse)
        self._num_units = num_units
        self._use_peepholes = use_peepholes
        self._cell_clip = cell_clip
        self._initializer = initializer
        self._num_unit_shards = num_unit_shards
        self._forget_bias = forget_bias
        self._feature_size = feature_size
        self._frequency_skip = frequency_skip
        self._state_size = 2 * num_units
        self._output_size = num_units

    @property
    def output_size(self):
        return self._output_size

    @property
    def state_size(self):
        return self._state_size

    def call(self, inputs, state):
        sigmoid, tanh = math_ops.sigmoid, math_ops.tanh
        freq_inputs = self._make_tf_features(inputs)
        dtype = inputs.dtype
        n = self._num_units
        actual_input_size = freq_inputs[0].shape.as_list()[1]
        concat_w = _get_concat_variable("W", [actual_input_size + 2 * n, 4 * n], dtype,
                                        self._num_unit_shards)
        b = vs.get_variable("B", shape=[4 * n], initializer=zeros_initializer(), dtype=dtype)
        if self._use_peepholes:
            w_f_diag = vs.get_variable("W_F_diag", shape=[n], dtype=dtype)
            w_i_diag = vs.get_variable("W_I_diag", shape=[n], dtype=dtype)
            w_o_diag = vs.get_variable("W_O_diag", shape=[n], dtype=dtype)
        m_prev_freq = array_ops.zeros([inputs.shape.dims[0].value or inputs.shape[0], n], dtype)
        for fq, freq_input in enumerate(freq_inputs):
            c_prev = array_ops.slice(state, [0, 2 * fq * n], [-1, n])
            m_prev = array_ops.slice(state, [0, (2 * fq + 1) * n], [-1, n])
            cell_inputs = array_ops.concat([freq_input, m_prev, m_prev_freq], 1)
            lstm_matrix = nn_ops.bias_add(math_ops.matmul(cell_inputs, concat_w), b)
            i, j, f, o = split(value=lstm_matrix, num_or_size_splits=4, axis=1)
            if self._use_peepholes:
                c = sigmoid(f + self._forget_bias + w_f_diag * c_prev) * c_prev + \
                    sigmoid(i + w_i_diag * c_prev) * tanh(j)
            else:
                c = sigmoid(f + self._forget_bias) * c_prev + sigmoid(i) * tanh(j)
            if self._cell_clip is not None:
                c = clip_by_value(c, -self._cell_clip, self._cell_clip)
            if self._use_peepholes:
                m = sigmoid(o + w_o_diag * c) * tanh(c)
            else:
                m = sigmoid(o) * tanh(c)
            m_prev_freq = m
            if fq == 0:
                state_out = array_ops.concat([c, m], 1)
                m_out = m
            else:
                state_out = array_ops.concat([state_out, c, m], 1)
                m_out = array_ops.concat([m_out, m], 1)
        return m_out, state_out

    def _make_tf_features(self, input_feat):
        input_size = input_feat.shape.with_rank(2).dims[-1].value
        if input_size is None:
            raise ValueError("Cannot infer input_size from static shape inference.")
        num_feats = int((input_size - self._feature_size) / self._frequency_skip) + 1
        return [array_ops.slice(input_feat, [0, f * self._frequency_skip],
                                [-1, self._feature_size]) for f in range(num_feats)]
