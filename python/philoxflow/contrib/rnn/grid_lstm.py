"""`tf.contrib.rnn`'s grid LSTMs (TF 1.15 `contrib/rnn/python/ops/rnn_cell.py`,
Kalchbrenner et al.): an LSTM along time and one along frequency windows of the input,
per frequency block, optionally run both ways over the frequencies."""

from __future__ import annotations

import collections

from ...framework import dtypes
from ...framework.constant_op import constant
from ...framework.tensor_shape import dimension_value
from ...ops import array_ops, math_ops, nn_ops
from ...ops import variable_scope as vs
from ...ops.array_ops_ext import split
from ...ops.clip_ops import clip_by_value
from ...ops.init_ops import zeros_initializer
from ...ops.rnn_cell_impl import RNNCell
from .rnn_cell_lstm import _get_concat_variable

__all__ = ["GridLSTMCell", "BidirectionalGridLSTMCell"]


def _state_names(prefixes, blocks):
    names = ""
    for prefix in prefixes:
        for block_index, n in enumerate(blocks):
            for freq_index in range(n):
                p = "%sstate_f%02d_b%02d" % (prefix, freq_index, block_index)
                names += "%s_c, %s_m," % (p, p)
    return names.strip(",")


class GridLSTMCell(RNNCell):
    def __init__(self, num_units, use_peepholes=False, share_time_frequency_weights=False,
                 cell_clip=None, initializer=None, num_unit_shards=1, forget_bias=1.0,
                 feature_size=None, frequency_skip=None, num_frequency_blocks=None,
                 start_freqindex_list=None, end_freqindex_list=None,
                 couple_input_forget_gates=False, state_is_tuple=True, reuse=None):
        super().__init__(_reuse=reuse)
        self._num_units = num_units
        self._use_peepholes = use_peepholes
        self._share_time_frequency_weights = share_time_frequency_weights
        self._couple_input_forget_gates = couple_input_forget_gates
        self._state_is_tuple = state_is_tuple
        self._cell_clip = cell_clip
        self._initializer = initializer
        self._num_unit_shards = num_unit_shards
        self._forget_bias = forget_bias
        self._feature_size = feature_size
        self._frequency_skip = frequency_skip
        self._start_freqindex_list = start_freqindex_list
        self._end_freqindex_list = end_freqindex_list
        self._num_frequency_blocks = num_frequency_blocks
        if num_frequency_blocks is None:
            raise ValueError("Must specify num_frequency_blocks")
        self._total_blocks = sum(int(n) for n in num_frequency_blocks)
        if state_is_tuple:
            self._state_tuple_type = collections.namedtuple(
                "GridLSTMStateTuple", _state_names([""], num_frequency_blocks))
            self._state_size = self._state_tuple_type(
                *([num_units, num_units] * self._total_blocks))
        else:
            self._state_tuple_type = None
            self._state_size = num_units * self._total_blocks * 2
        self._output_size = num_units * self._total_blocks * 2

    @property
    def output_size(self):
        return self._output_size

    @property
    def state_size(self):
        return self._state_size

    @property
    def state_tuple_type(self):
        return self._state_tuple_type

    def call(self, inputs, state):
        batch_size = dimension_value(inputs.shape[0]) or array_ops.shape(inputs)[0]
        freq_inputs = self._make_tf_features(inputs)
        m_out_lst, state_out_lst = [], []
        for block in range(len(freq_inputs)):
            m, s = self._compute(freq_inputs[block], block, state, batch_size,
                                 state_is_tuple=self._state_is_tuple)
            m_out_lst.extend(m)
            state_out_lst.extend(s)
        state_out = self._state_tuple_type(*state_out_lst) if self._state_is_tuple \
            else array_ops.concat(state_out_lst, 1)
        return array_ops.concat(m_out_lst, 1), state_out

    def _diag(self, name, block, dtype):
        return vs.get_variable("%s_%d" % (name, block), shape=[self._num_units], dtype=dtype)

    def _compute(self, freq_inputs, block, state, batch_size, state_prefix="state",
                 state_is_tuple=True):
        sigmoid, tanh = math_ops.sigmoid, math_ops.tanh
        n = self._num_units
        num_gates = 3 if self._couple_input_forget_gates else 4
        dtype = freq_inputs[0].dtype
        input_size = freq_inputs[0].shape.as_list()[1]
        concat_w_f = _get_concat_variable("W_f_%d" % block, [input_size + 2 * n, num_gates * n],
                                          dtype, self._num_unit_shards)
        b_f = vs.get_variable("B_f_%d" % block, shape=[num_gates * n],
                              initializer=zeros_initializer(), dtype=dtype)
        share = self._share_time_frequency_weights
        coupled = self._couple_input_forget_gates
        if not share:
            concat_w_t = _get_concat_variable("W_t_%d" % block,
                                              [input_size + 2 * n, num_gates * n], dtype,
                                              self._num_unit_shards)
            b_t = vs.get_variable("B_t_%d" % block, shape=[num_gates * n],
                                  initializer=zeros_initializer(), dtype=dtype)
        d = {}
        if self._use_peepholes:
            names = ([] if coupled else ["W_F_diag_freqf", "W_F_diag_freqt"]) + [
                "W_I_diag_freqf", "W_I_diag_freqt", "W_O_diag_freqf", "W_O_diag_freqt"]
            if not share:
                names += ([] if coupled else ["W_F_diag_timef", "W_F_diag_timet"]) + [
                    "W_I_diag_timef", "W_I_diag_timet", "W_O_diag_timef", "W_O_diag_timet"]
            for name in names:
                d[name] = self._diag(name, block, dtype)
            if share:
                for g in "FIO":
                    for s in "ft":
                        key = "W_%s_diag_freq%s" % (g, s)
                        if key in d:
                            d["W_%s_diag_time%s" % (g, s)] = d[key]
        m_prev_freq = array_ops.zeros([batch_size, n], dtype)
        c_prev_freq = array_ops.zeros([batch_size, n], dtype)
        for freq_index in range(len(freq_inputs)):
            if state_is_tuple:
                prefix = "%s_f%02d_b%02d" % (state_prefix, freq_index, block)
                c_prev_time = getattr(state, prefix + "_c")
                m_prev_time = getattr(state, prefix + "_m")
            else:
                c_prev_time = array_ops.slice(state, [0, 2 * freq_index * n], [-1, n])
                m_prev_time = array_ops.slice(state, [0, (2 * freq_index + 1) * n], [-1, n])
            cell_inputs = array_ops.concat([freq_inputs[freq_index], m_prev_time, m_prev_freq],
                                           1)
            lstm_freq = nn_ops.bias_add(math_ops.matmul(cell_inputs, concat_w_f), b_f)
            if coupled:
                i_freq, j_freq, o_freq = split(value=lstm_freq, num_or_size_splits=3, axis=1)
                f_freq = None
            else:
                i_freq, j_freq, f_freq, o_freq = split(value=lstm_freq, num_or_size_splits=4,
                                                       axis=1)
            if share:
                i_time, j_time, f_time, o_time = i_freq, j_freq, f_freq, o_freq
            else:
                lstm_time = nn_ops.bias_add(math_ops.matmul(cell_inputs, concat_w_t), b_t)
                if coupled:
                    i_time, j_time, o_time = split(value=lstm_time, num_or_size_splits=3,
                                                   axis=1)
                    f_time = None
                else:
                    i_time, j_time, f_time, o_time = split(value=lstm_time,
                                                           num_or_size_splits=4, axis=1)
            peep = self._use_peepholes
            if peep:
                i_freq_g = sigmoid(i_freq + d["W_I_diag_freqf"] * c_prev_freq
                                   + d["W_I_diag_freqt"] * c_prev_time)
            else:
                i_freq_g = sigmoid(i_freq)
            if coupled:
                f_freq_g = 1.0 - i_freq_g
            elif peep:
                f_freq_g = sigmoid(f_freq + self._forget_bias + d["W_F_diag_freqf"] * c_prev_freq
                                   + d["W_F_diag_freqt"] * c_prev_time)
            else:
                f_freq_g = sigmoid(f_freq + self._forget_bias)
            c_freq = f_freq_g * c_prev_freq + i_freq_g * tanh(j_freq)
            if self._cell_clip is not None:
                c_freq = clip_by_value(c_freq, -self._cell_clip, self._cell_clip)
            if peep:
                i_time_g = sigmoid(i_time + d["W_I_diag_timef"] * c_prev_freq
                                   + d["W_I_diag_timet"] * c_prev_time)
            else:
                i_time_g = sigmoid(i_time)
            if coupled:
                f_time_g = 1.0 - i_time_g
            elif peep:
                f_time_g = sigmoid(f_time + self._forget_bias + d["W_F_diag_timef"] * c_prev_freq
                                   + d["W_F_diag_timet"] * c_prev_time)
            else:
                f_time_g = sigmoid(f_time + self._forget_bias)
            c_time = f_time_g * c_prev_time + i_time_g * tanh(j_time)
            if self._cell_clip is not None:
                c_time = clip_by_value(c_time, -self._cell_clip, self._cell_clip)
            if peep:
                m_freq = sigmoid(o_freq + d["W_O_diag_freqf"] * c_freq
                                 + d["W_O_diag_freqt"] * c_time) * tanh(c_freq)
                m_time = sigmoid(o_time + d["W_O_diag_timef"] * c_freq
                                 + d["W_O_diag_timet"] * c_time) * tanh(c_time)
            else:
                m_freq = sigmoid(o_freq) * tanh(c_freq)
                m_time = sigmoid(o_time) * tanh(c_time)
            m_prev_freq, c_prev_freq = m_freq, c_freq
            if freq_index == 0:
                state_out_lst, m_out_lst = [c_time, m_time], [m_time, m_freq]
            else:
                state_out_lst.extend([c_time, m_time])
                m_out_lst.extend([m_time, m_freq])
        return m_out_lst, state_out_lst

    def _make_tf_features(self, input_feat, slice_offset=0):
        input_size = input_feat.shape.with_rank(2).dims[-1].value
        if input_size is None:
            raise ValueError("Cannot infer input_size from static shape inference.")
        if slice_offset > 0:
            inputs = array_ops.pad(input_feat, constant([0, 0, 0, slice_offset], shape=[2, 2],
                                                        dtype=dtypes.int32), "CONSTANT")
        elif slice_offset < 0:
            inputs = array_ops.pad(input_feat, constant([0, 0, -slice_offset, 0], shape=[2, 2],
                                                        dtype=dtypes.int32), "CONSTANT")
            slice_offset = 0
        else:
            inputs = input_feat
        skip, size = self._frequency_skip, self._feature_size
        if not self._start_freqindex_list:
            if len(self._num_frequency_blocks) != 1:
                raise ValueError("Length of num_frequency_blocks is not 1, but instead is %d"
                                 % len(self._num_frequency_blocks))
            ranges = [(0, input_size)]
        else:
            if len(self._start_freqindex_list) != len(self._end_freqindex_list):
                raise ValueError("Length of start and end freqindex_list does not match %d %d",
                                 len(self._start_freqindex_list),
                                 len(self._end_freqindex_list))
            if len(self._num_frequency_blocks) != len(self._start_freqindex_list):
                raise ValueError("Length of num_frequency_blocks is not equal to "
                                 "start_freqindex_list %d %d", len(self._num_frequency_blocks),
                                 len(self._start_freqindex_list))
            ranges = list(zip(self._start_freqindex_list, self._end_freqindex_list))
        freq_inputs = []
        for b, (start, end) in enumerate(ranges):
            feats = int((end - start - size) / skip) + 1
            if feats != self._num_frequency_blocks[b]:
                raise ValueError("Invalid num_frequency_blocks, requires %d but gets %d, please "
                                 "check the input size and filter config are correct."
                                 % (self._num_frequency_blocks[b], feats))
            freq_inputs.append([array_ops.slice(inputs, [0, start + slice_offset + f * skip],
                                                [-1, size]) for f in range(feats)])
        return freq_inputs


class BidirectionalGridLSTMCell(GridLSTMCell):
    def __init__(self, num_units, use_peepholes=False, share_time_frequency_weights=False,
                 cell_clip=None, initializer=None, num_unit_shards=1, forget_bias=1.0,
                 feature_size=None, frequency_skip=None, num_frequency_blocks=None,
                 start_freqindex_list=None, end_freqindex_list=None,
                 couple_input_forget_gates=False, backward_slice_offset=0, reuse=None):
        super().__init__(num_units, use_peepholes, share_time_frequency_weights, cell_clip,
                         initializer, num_unit_shards, forget_bias, feature_size,
                         frequency_skip, num_frequency_blocks, start_freqindex_list,
                         end_freqindex_list, couple_input_forget_gates, True, reuse)
        self._backward_slice_offset = int(backward_slice_offset)
        self._state_tuple_type = collections.namedtuple(
            "BidirectionalGridLSTMStateTuple",
            _state_names(["fwd_", "bwd_"], self._num_frequency_blocks))
        self._state_size = self._state_tuple_type(
            *([num_units, num_units] * self._total_blocks * 2))
        self._output_size = 2 * num_units * self._total_blocks * 2

    def call(self, inputs, state):
        batch_size = dimension_value(inputs.shape[0]) or array_ops.shape(inputs)[0]
        fwd_inputs = self._make_tf_features(inputs)
        bwd_inputs = self._make_tf_features(inputs, self._backward_slice_offset) \
            if self._backward_slice_offset else fwd_inputs
        fwd_m, fwd_s, bwd_m, bwd_s = [], [], [], []
        with vs.variable_scope("fwd"):
            for block in range(len(fwd_inputs)):
                m, s = self._compute(fwd_inputs[block], block, state, batch_size,
                                     state_prefix="fwd_state", state_is_tuple=True)
                fwd_m.extend(m)
                fwd_s.extend(s)
        with vs.variable_scope("bwd"):
            for block in range(len(bwd_inputs)):
                m, s = self._compute(bwd_inputs[block][::-1], block, state, batch_size,
                                     state_prefix="bwd_state", state_is_tuple=True)
                bwd_m.extend(m)
                bwd_s.extend(s)
        return array_ops.concat(fwd_m + bwd_m, 1), self._state_tuple_type(*(fwd_s + bwd_s))
