"""`tf.contrib.rnn`'s block cells and fused RNNs (TF 1.15 `lstm_ops.py`, `gru_ops.py`,
`fused_rnn_cell.py`): `LSTMBlockCell`/`GRUBlockCell(V2)` build TF's one-op cells
(`LSTMBlockCell`, `GRUBlockCell`), `LSTMBlockFusedCell` one `BlockLSTM` over the whole
sequence; the fused-cell adaptors run ordinary cells."""

from __future__ import annotations

from ...framework import dtypes
from ...framework.constant_op import convert_to_tensor
from ...framework.op_def_library import apply_op_helper
from ...framework.tensor_shape import dimension_value
from ...layers.base import Layer
from ...ops import array_ops, math_ops
from ...ops import rnn as _rnn
from ...ops._grad_ops import reverse
from ...ops.array_ops_ext import gather_nd, reverse_sequence, sequence_mask, unstack
from ...ops.gradients_impl import RegisterGradient
from ...ops.init_ops import constant_initializer
from ...ops.rnn_cell_impl import LayerRNNCell, LSTMStateTuple

__all__ = ["LSTMBlockCell", "LSTMBlockWrapper", "LSTMBlockFusedCell", "GRUBlockCell",
           "GRUBlockCellV2", "FusedRNNCell", "FusedRNNCellAdaptor", "TimeReversedFusedRNN"]


class LSTMBlockCell(LayerRNNCell):
    """An LSTM computed by TF's fused `LSTMBlockCell` op (variables as `LSTMCell`'s)."""

    def __init__(self, num_units, forget_bias=1.0, cell_clip=None, use_peephole=False,
                 dtype=None, reuse=None, name="lstm_cell"):
        super().__init__(_reuse=reuse, dtype=dtype, name=name)
        self._num_units = num_units
        self._forget_bias = forget_bias
        self._use_peephole = use_peephole
        self._cell_clip = cell_clip if cell_clip is not None else -1

    @property
    def state_size(self):
        return LSTMStateTuple(self._num_units, self._num_units)

    @property
    def output_size(self):
        return self._num_units

    def build(self, inputs_shape):
        input_size = inputs_shape.dims[1].value
        if not input_size:
            raise ValueError("Expecting inputs_shape[1] to be set: %s" % str(inputs_shape))
        n = self._num_units
        self._kernel = self.add_weight("kernel", [input_size + n, n * 4])
        self._bias = self.add_weight("bias", [n * 4], initializer=constant_initializer(0.0))
        if self._use_peephole:
            self._w_i_diag = self.add_weight("w_i_diag", [n])
            self._w_f_diag = self.add_weight("w_f_diag", [n])
            self._w_o_diag = self.add_weight("w_o_diag", [n])
        self.built = True

    def call(self, inputs, state):
        if len(state) != 2:
            raise ValueError("Expecting state to be a tuple with length 2.")
        if self._use_peephole:
            wci, wcf, wco = self._w_i_diag, self._w_f_diag, self._w_o_diag
        else:
            wci = wcf = wco = array_ops.zeros([self._num_units], dtype=self.dtype)
        cs_prev, h_prev = state
        op = apply_op_helper("LSTMBlockCell", None, x=inputs, cs_prev=cs_prev, h_prev=h_prev,
                             w=self._kernel, wci=wci, wcf=wcf, wco=wco, b=self._bias,
                             forget_bias=self._forget_bias, cell_clip=self._cell_clip,
                             use_peephole=self._use_peephole)
        cs, h = op.outputs[1], op.outputs[6]
        return h, LSTMStateTuple(cs, h)


class LSTMBlockWrapper(Layer):
    """A time-major LSTM layer over a whole sequence, with `sequence_length` masking and
    the final state gathered per sequence (subclasses compute the cell states)."""

    @property
    def num_units(self):
        raise NotImplementedError

    def _call_cell(self, inputs, initial_cell_state, initial_output, dtype, sequence_length):
        raise NotImplementedError

    def call(self, inputs, initial_state=None, dtype=None, sequence_length=None):
        is_list = isinstance(inputs, list)
        if is_list:
            inputs = array_ops.stack(inputs)
        inputs_shape = inputs.shape.with_rank(3)
        if not inputs_shape[2]:
            raise ValueError("Expecting inputs_shape[2] to be set: %s" % inputs_shape)
        batch_size = inputs_shape.dims[1].value
        if batch_size is None:
            batch_size = array_ops.shape(inputs)[1]
        time_len = inputs_shape.dims[0].value
        if time_len is None:
            time_len = array_ops.shape(inputs)[0]
        if initial_state is None:
            if dtype is None:
                raise ValueError("Either initial_state or dtype needs to be specified")
            z = array_ops.zeros(array_ops.stack([batch_size, self.num_units]), dtype=dtype)
            initial_state = z, z
        else:
            if len(initial_state) != 2:
                raise ValueError("Expecting initial_state to be a tuple with length 2 or None")
            if dtype is None:
                dtype = initial_state[0].dtype
        if sequence_length is not None:
            sequence_length = convert_to_tensor(sequence_length)
        initial_cell_state, initial_output = initial_state
        cell_states, outputs = self._call_cell(inputs, initial_cell_state, initial_output,
                                               dtype, sequence_length)
        if sequence_length is not None:
            mask = array_ops.transpose(sequence_mask(sequence_length, time_len, dtype=dtype),
                                       [1, 0])
            mask = array_ops.tile(array_ops.expand_dims(mask, [-1]), [1, 1, self.num_units])
            outputs *= mask
            mod_cell_states = array_ops.concat(
                [array_ops.expand_dims(initial_cell_state, [0]), cell_states], 0)
            mod_outputs = array_ops.concat(
                [array_ops.expand_dims(initial_output, [0]), outputs], 0)
            final_cell_state = self._gather_states(mod_cell_states, sequence_length,
                                                   batch_size)
            final_output = self._gather_states(mod_outputs, sequence_length, batch_size)
        else:
            final_cell_state = cell_states[-1]
            final_output = outputs[-1]
        if is_list:
            outputs = unstack(outputs)
        return outputs, LSTMStateTuple(final_cell_state, final_output)

    def _gather_states(self, data, indices, batch_size):
        return gather_nd(data, array_ops.stack([indices, array_ops.range(batch_size)], axis=1))


class LSTMBlockFusedCell(LSTMBlockWrapper):
    """The whole sequence in one `BlockLSTM` op."""

    def __init__(self, num_units, forget_bias=1.0, cell_clip=None, use_peephole=False,
                 reuse=None, dtype=None, name="lstm_fused_cell"):
        super().__init__(_reuse=reuse, name=name, dtype=dtype)
        self._num_units = num_units
        self._forget_bias = forget_bias
        self._cell_clip = cell_clip if cell_clip is not None else -1
        self._use_peephole = use_peephole

    @property
    def num_units(self):
        return self._num_units

    def build(self, input_shape):
        input_size = input_shape.dims[2].value
        n = self._num_units
        self._kernel = self.add_weight("kernel", [input_size + n, n * 4])
        self._bias = self.add_weight("bias", [n * 4], initializer=constant_initializer(0.0))
        if self._use_peephole:
            self._w_i_diag = self.add_weight("w_i_diag", [n])
            self._w_f_diag = self.add_weight("w_f_diag", [n])
            self._w_o_diag = self.add_weight("w_o_diag", [n])
        self.built = True

    def _call_cell(self, inputs, initial_cell_state=None, initial_output=None, dtype=None,
                   sequence_length=None):
        time_len = inputs.shape.with_rank(3).dims[0].value
        if time_len is None:
            time_len = array_ops.shape(inputs)[0]
        if self._use_peephole:
            wci, wco, wcf = self._w_i_diag, self._w_o_diag, self._w_f_diag
        else:
            wci = wcf = wco = array_ops.zeros([self._num_units], dtype=dtype)
        if sequence_length is None:
            max_seq_len = math_ops.cast(time_len, dtypes.int64)
        else:
            max_seq_len = math_ops.cast(math_ops.reduce_max(sequence_length), dtypes.int64)
        op = apply_op_helper("BlockLSTM", None, seq_len_max=max_seq_len, x=inputs,
                             cs_prev=initial_cell_state, h_prev=initial_output, w=self._kernel,
                             wci=wci, wcf=wcf, wco=wco, b=self._bias,
                             forget_bias=self._forget_bias, cell_clip=self._cell_clip,
                             use_peephole=self._use_peephole)
        return op.outputs[1], op.outputs[6]


class GRUBlockCell(LayerRNNCell):
    """A GRU computed by TF's fused `GRUBlockCell` op (`w_ru`, `b_ru`, `w_c`, `b_c`)."""

    _names = ("w_ru", "b_ru", "w_c", "b_c")

    def __init__(self, num_units=None, cell_size=None, reuse=None, name="gru_cell"):
        super().__init__(_reuse=reuse, name=name)
        if (cell_size is None) == (num_units is None):
            raise ValueError("Exactly one of num_units or cell_size must be provided.")
        self._cell_size = num_units if num_units is not None else cell_size

    @property
    def state_size(self):
        return self._cell_size

    @property
    def output_size(self):
        return self._cell_size

    def build(self, input_shape):
        input_size = dimension_value(input_shape[1])
        if input_size is None:
            raise ValueError("Expecting input_size to be set.")
        n = self._cell_size
        w_ru, b_ru, w_c, b_c = self._names
        self._gate_kernel = self.add_weight(w_ru, [input_size + n, n * 2])
        self._gate_bias = self.add_weight(b_ru, [n * 2], initializer=constant_initializer(1.0))
        self._candidate_kernel = self.add_weight(w_c, [input_size + n, n])
        self._candidate_bias = self.add_weight(b_c, [n], initializer=constant_initializer(0.0))
        self.built = True

    def call(self, inputs, h_prev):
        cell_size = h_prev.shape.with_rank(2)[1]
        if cell_size != self._cell_size:
            raise ValueError("Shape of h_prev[1] incorrect: cell_size %i vs %s"
                             % (self._cell_size, cell_size))
        op = apply_op_helper("GRUBlockCell", None, x=inputs, h_prev=h_prev,
                             w_ru=self._gate_kernel, w_c=self._candidate_kernel,
                             b_ru=self._gate_bias, b_c=self._candidate_bias)
        new_h = op.outputs[3]
        return new_h, new_h


class GRUBlockCellV2(GRUBlockCell):
    """`GRUBlockCell` with `GRUCell`'s variable names (`gates/kernel`, ...)."""

    _names = ("gates/kernel", "gates/bias", "candidate/kernel", "candidate/bias")


class FusedRNNCell:
    """A cell run over a whole (time-major) sequence: `cell(inputs, initial_state, dtype,
    sequence_length, scope)` returns `(outputs, final_state)`."""

    def __call__(self, inputs, initial_state=None, dtype=None, sequence_length=None,
                 scope=None):
        raise NotImplementedError


class FusedRNNCellAdaptor(FusedRNNCell):
    """An ordinary cell as a fused one, through `static_rnn` or `dynamic_rnn`."""

    def __init__(self, cell, use_dynamic_rnn=False):
        self._cell = cell
        self._use_dynamic_rnn = use_dynamic_rnn

    def __call__(self, inputs, initial_state=None, dtype=None, sequence_length=None,
                 scope=None):
        is_list = isinstance(inputs, list)
        if self._use_dynamic_rnn:
            if is_list:
                inputs = array_ops.stack(inputs)
            outputs, state = _rnn.dynamic_rnn(self._cell, inputs,
                                              sequence_length=sequence_length,
                                              initial_state=initial_state, dtype=dtype,
                                              time_major=True, scope=scope)
            if is_list:
                outputs = unstack(outputs)
        else:
            if not is_list:
                inputs = unstack(inputs)
            outputs, state = _rnn.static_rnn(self._cell, inputs, initial_state=initial_state,
                                             dtype=dtype, sequence_length=sequence_length,
                                             scope=scope)
            if not is_list:
                outputs = array_ops.stack(outputs)
        return outputs, state


class TimeReversedFusedRNN(FusedRNNCell):
    """A fused cell run backwards in time (each sequence reversed within its length)."""

    def __init__(self, cell):
        self._cell = cell

    def _reverse(self, t, lengths):
        if isinstance(t, list):
            return list(reversed(t))
        if lengths is None:
            return reverse(t, [0])
        return reverse_sequence(t, lengths, 0, 1)

    def __call__(self, inputs, initial_state=None, dtype=None, sequence_length=None,
                 scope=None):
        inputs = self._reverse(inputs, sequence_length)
        outputs, state = self._cell(inputs, initial_state=initial_state, dtype=dtype,
                                    sequence_length=sequence_length, scope=scope)
        return self._reverse(outputs, sequence_length), state


# -------------------------------------------------------------- gradients (TF's)

def _bias_add_grad(x):
    return apply_op_helper("BiasAddGrad", None, out_backprop=x).outputs[0]


@RegisterGradient("LSTMBlockCell")
def _lstm_block_cell_grad(op, *grad):
    x, cs_prev, h_prev, w, wci, wcf, wco, b = op.inputs
    i, cs, f, o, ci, co, _ = op.outputs
    _, cs_grad, _, _, _, _, h_grad = grad
    batch_size = x.shape.with_rank(2).dims[0].value
    if batch_size is None:
        batch_size = -1
    input_size = x.shape.with_rank(2).dims[1].value
    if input_size is None:
        raise ValueError("input_size from `x` should not be None.")
    cell_size = cs_prev.shape.with_rank(2).dims[1].value
    if cell_size is None:
        raise ValueError("cell_size from `cs_prev` should not be None.")
    cs_prev_grad, dgates, wci_grad, wcf_grad, wco_grad = apply_op_helper(
        "LSTMBlockCellGrad", None, x=x, cs_prev=cs_prev, h_prev=h_prev, w=w, wci=wci, wcf=wcf,
        wco=wco, b=b, i=i, cs=cs, f=f, o=o, ci=ci, co=co, cs_grad=cs_grad, h_grad=h_grad,
        use_peephole=op.get_attr("use_peephole")).outputs
    xh_grad = math_ops.matmul(dgates, w, transpose_b=True)
    x_grad = array_ops.slice(xh_grad, (0, 0), (batch_size, input_size))
    h_prev_grad = array_ops.slice(xh_grad, (0, input_size), (batch_size, cell_size))
    xh = array_ops.concat([x, h_prev], 1)
    w_grad = math_ops.matmul(xh, dgates, transpose_a=True)
    b_grad = _bias_add_grad(dgates)
    return x_grad, cs_prev_grad, h_prev_grad, w_grad, wci_grad, wcf_grad, wco_grad, b_grad


@RegisterGradient("BlockLSTM")
def _block_lstm_grad(op, *grads):
    seq_len_max, x, cs_prev, h_prev, w, wci, wcf, wco, b = op.inputs
    i, cs, f, o, ci, co, h = op.outputs
    _, cs_grad, _, _, _, _, h_grad = grads
    outs = apply_op_helper(
        "BlockLSTMGrad", None, seq_len_max=seq_len_max, x=x, cs_prev=cs_prev, h_prev=h_prev,
        w=w, wci=wci, wcf=wcf, wco=wco, b=b, i=i, cs=cs, f=f, o=o, ci=ci, co=co, h=h,
        cs_grad=cs_grad, h_grad=h_grad, use_peephole=op.get_attr("use_peephole")).outputs
    return (None, *outs)


@RegisterGradient("GRUBlockCell")
def _gru_block_cell_grad(op, *grad):
    x, h_prev, w_ru, w_c, b_ru, b_c = op.inputs
    r, u, c, _ = op.outputs
    d_h = grad[3]
    d_x, d_h_prev, d_c_bar, d_r_bar_u_bar = apply_op_helper(
        "GRUBlockCellGrad", None, x=x, h_prev=h_prev, w_ru=w_ru, w_c=w_c, b_ru=b_ru, b_c=b_c,
        r=r, u=u, c=c, d_h=d_h).outputs
    x_h_prev = array_ops.concat([x, h_prev], 1)
    d_w_ru = math_ops.matmul(x_h_prev, d_r_bar_u_bar, transpose_a=True)
    d_b_ru = _bias_add_grad(d_r_bar_u_bar)
    x_h_prevr = array_ops.concat([x, h_prev * r], 1)
    d_w_c = math_ops.matmul(x_h_prevr, d_c_bar, transpose_a=True)
    d_b_c = _bias_add_grad(d_c_bar)
    return d_x, d_h_prev, d_w_ru, d_w_c, d_b_ru, d_b_c
