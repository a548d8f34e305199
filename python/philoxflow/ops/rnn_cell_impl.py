"""TF 1.15's RNN cells (`rnn_cell_impl.py`, `rnn_cell_wrapper_impl.py`), built op for
op: the cells are `tf.layers` layers, so their variables are made on the first
call under `<scope>/<cell name>/` (outside any while loop: a variable's init
scope leaves the loop's frame) and their ops under the call's name scope.

Layer cells (BasicRNNCell, BasicLSTMCell, LSTMCell, GRUCell) call the layer
directly; the others (MultiRNNCell) re-enter the current variable scope first
(TF's `RNNCell.__call__`, which opens a name scope named after it); wrappers
call their cell with no scope of their own.
"""

from __future__ import annotations

import collections
import hashlib
import numbers

import numpy as np

from ..framework import dtypes as _dtypes
from ..framework.constant_op import constant, convert_to_tensor
from ..framework.ops import Tensor, name_scope
from ..framework.tensor_shape import TensorShape, dimension_value
from ..layers.base import Layer
from . import array_ops, math_ops, nn_ops
from . import variable_scope as vs
from .array_ops_ext import split
from .clip_ops import clip_by_value
from .init_ops import constant_initializer, zeros_initializer

_BIAS_VARIABLE_NAME = "bias"
_WEIGHTS_VARIABLE_NAME = "kernel"

_LSTMStateTuple = collections.namedtuple("LSTMStateTuple", ("c", "h"))


class LSTMStateTuple(_LSTMStateTuple):
    """`(c, h)`: the LSTM's memory and output state."""

    __slots__ = ()

    @property
    def dtype(self):
        c, h = self
        if c.dtype != h.dtype:
            raise TypeError(f"Inconsistent internal state: {c.dtype} vs {h.dtype}")
        return c.dtype


def _is_seq(x):
    return isinstance(x, (list, tuple))


def _flatten(x):
    if _is_seq(x):
        return [y for e in x for y in _flatten(e)]
    return [x]


def _map(fn, *structs):
    """`nest.map_structure` over lists, tuples and namedtuples."""
    first = structs[0]
    if _is_seq(first):
        items = [_map(fn, *[s[i] for s in structs]) for i in range(len(first))]
        return type(first)(*items) if hasattr(first, "_fields") else type(first)(items)
    return fn(*structs)


def _concat(prefix, suffix, static=False):
    """TF's `rnn_cell_impl._concat`: `[batch] + state size` as a tensor or static list."""
    if isinstance(prefix, Tensor):
        p = prefix
        p_static = array_ops.constant_value(prefix)
        if p.shape.rank == 0:
            p = array_ops.expand_dims(p, 0)
        elif p.shape.rank != 1:
            raise ValueError(f"prefix tensor must be either a scalar or vector, but saw "
                             f"tensor: {p}")
    else:
        p = TensorShape(prefix)
        p_static = p.as_list() if p.rank is not None else None
        p = constant(p.as_list(), dtype=_dtypes.int32) if p.is_fully_defined() else None
    if isinstance(suffix, Tensor):
        s = suffix
        s_static = array_ops.constant_value(suffix)
        if s.shape.rank == 0:
            s = array_ops.expand_dims(s, 0)
    else:
        s = TensorShape(suffix)
        s_static = s.as_list() if s.rank is not None else None
        s = constant(s.as_list(), dtype=_dtypes.int32) if s.is_fully_defined() else None
    if static:
        if p_static is None or s_static is None:
            return None
        if np.ndim(p_static) == 0:  # a folded scalar batch size (`tf.shape(x)[0]`)
            p_list = [int(p_static)]
        elif not isinstance(p_static, list) or \
                any(not isinstance(v, (int, type(None))) for v in p_static):
            p_list = [int(v) for v in p_static]
        else:
            p_list = p_static
        return TensorShape(p_list).concatenate(s_static).as_list()
    if p is None or s is None:
        raise ValueError(f"Provided a prefix or suffix of None: {prefix} and {suffix}")
    return array_ops.concat((p, s), 0)


def partial_shape(t):
    """The static shape a 1-D shape tensor denotes, with None where an element is unknown
    (TF's shape inference evaluates Const, ConcatV2, ExpandDims and Pack partially)."""
    v = array_ops.constant_value(t)
    if v is not None:
        return [int(d) for d in v.reshape(-1)]
    op = t.op
    if op.type == "ConcatV2":
        parts = [partial_shape(i) for i in op.inputs[:-1]]
        return None if any(p is None for p in parts) else [d for p in parts for d in p]
    if op.type in ("ExpandDims", "Pack") and all(i.shape.rank == 0 for i in
                                                 op.inputs[:1 if op.type == "ExpandDims"
                                                           else None]):
        ins = op.inputs[:1] if op.type == "ExpandDims" else op.inputs
        out = []
        for i in ins:
            c = array_ops.constant_value(i)
            out.append(None if c is None else int(c))
        return out
    if t.shape.rank == 1 and t.shape.as_list()[0] is not None:
        return [None] * t.shape.as_list()[0]
    return None


def _zero_state_tensors(state_size, batch_size, dtype):
    def get_state_shape(s):
        c = _concat(batch_size, s)
        size = array_ops.zeros(c, dtype=dtype)
        c_static = _concat(batch_size, s, static=True)
        if c_static is None:
            c_static = partial_shape(c)  # what TF's Fill shape function infers
        if c_static is not None:
            size.set_shape(c_static)
        return size
    return _map(get_state_shape, state_size)


class RNNCell(Layer):
    """Abstract RNN cell (`tf.nn.rnn_cell.RNNCell`)."""

    def __init__(self, trainable=True, name=None, dtype=None, **kwargs):
        super().__init__(trainable=trainable, name=name, dtype=dtype, **kwargs)
        self._is_tf_rnn_cell = True

    def __call__(self, inputs, state, scope=None):
        if scope is not None:
            with vs.variable_scope(scope) as s:
                return Layer.__call__(self, inputs, state, scope=s)
        captured = getattr(self, "_rnncell_scope", None)
        if captured is None:
            captured = self._rnncell_scope = vs.get_variable_scope()
        with vs.variable_scope(captured):
            return Layer.__call__(self, inputs, state)

    @property
    def state_size(self):
        raise NotImplementedError("Abstract method")

    @property
    def output_size(self):
        raise NotImplementedError("Abstract method")

    def build(self, input_shape):
        self.built = True

    def get_initial_state(self, inputs=None, batch_size=None, dtype=None):
        if inputs is not None:
            inputs = convert_to_tensor(inputs)
            batch_size = dimension_value(inputs.shape[0])
            if batch_size is None:
                batch_size = array_ops.shape(inputs)[0]
            dtype = inputs.dtype
        if batch_size is None or dtype is None:
            raise ValueError("batch_size and dtype cannot be None while constructing initial "
                             f"state: batch_size={batch_size}, dtype={dtype}")
        return self.zero_state(batch_size, dtype)

    def zero_state(self, batch_size, dtype):
        with name_scope(type(self).__name__ + "ZeroState", values=[batch_size]):
            return _zero_state_tensors(self.state_size, batch_size, dtype)


class LayerRNNCell(RNNCell):
    """A cell that is a layer: called through the layer's own scopes only."""

    def __call__(self, inputs, state, scope=None, *args, **kwargs):
        return Layer.__call__(self, inputs, state, *args, scope=scope, **kwargs)


def _activation(a):
    from ..layers.core import activation

    return activation(a) or math_ops.tanh


class BasicRNNCell(LayerRNNCell):
    def __init__(self, num_units, activation=None, reuse=None, name=None, dtype=None,
                 **kwargs):
        super().__init__(_reuse=reuse, name=name, dtype=dtype, **kwargs)
        self._num_units = num_units
        self._activation = _activation(activation)

    @property
    def state_size(self):
        return self._num_units

    @property
    def output_size(self):
        return self._num_units

    def build(self, inputs_shape):
        depth = _input_depth(inputs_shape)
        self._kernel = self.add_weight(_WEIGHTS_VARIABLE_NAME,
                                       shape=[depth + self._num_units, self._num_units])
        self._bias = self.add_weight(_BIAS_VARIABLE_NAME, shape=[self._num_units],
                                     initializer=zeros_initializer(dtype=self.dtype))
        self.built = True

    def call(self, inputs, state):
        gate_inputs = math_ops.matmul(array_ops.concat([inputs, state], 1), self._kernel)
        gate_inputs = nn_ops.bias_add(gate_inputs, self._bias)
        output = self._activation(gate_inputs)
        return output, output


def _input_depth(inputs_shape, axis=-1):
    """The inputs' static depth (TF's core cells read dimension -1, contrib's cells 1)."""
    depth = dimension_value(TensorShape(inputs_shape)[axis])
    if depth is None:
        raise ValueError(f"Expected inputs.shape[-1] to be known, saw shape: {inputs_shape}")
    return depth


class GRUCell(LayerRNNCell):
    def __init__(self, num_units, activation=None, reuse=None, kernel_initializer=None,
                 bias_initializer=None, name=None, dtype=None, **kwargs):
        super().__init__(_reuse=reuse, name=name, dtype=dtype, **kwargs)
        self._num_units = num_units
        self._activation = _activation(activation)
        self._kernel_initializer = kernel_initializer
        self._bias_initializer = bias_initializer

    @property
    def state_size(self):
        return self._num_units

    @property
    def output_size(self):
        return self._num_units

    def build(self, inputs_shape):
        depth = _input_depth(inputs_shape)
        n = self._num_units
        self._gate_kernel = self.add_weight(f"gates/{_WEIGHTS_VARIABLE_NAME}",
                                            shape=[depth + n, 2 * n],
                                            initializer=self._kernel_initializer)
        self._gate_bias = self.add_weight(
            f"gates/{_BIAS_VARIABLE_NAME}", shape=[2 * n],
            initializer=self._bias_initializer if self._bias_initializer is not None
            else constant_initializer(1.0, dtype=self.dtype))
        self._candidate_kernel = self.add_weight(f"candidate/{_WEIGHTS_VARIABLE_NAME}",
                                                 shape=[depth + n, n],
                                                 initializer=self._kernel_initializer)
        self._candidate_bias = self.add_weight(
            f"candidate/{_BIAS_VARIABLE_NAME}", shape=[n],
            initializer=self._bias_initializer if self._bias_initializer is not None
            else zeros_initializer(dtype=self.dtype))
        self.built = True

    def call(self, inputs, state):
        gate_inputs = math_ops.matmul(array_ops.concat([inputs, state], 1), self._gate_kernel)
        gate_inputs = nn_ops.bias_add(gate_inputs, self._gate_bias)
        value = math_ops.sigmoid(gate_inputs)
        r, u = split(value, 2, axis=1)
        r_state = r * state
        candidate = math_ops.matmul(array_ops.concat([inputs, r_state], 1),
                                    self._candidate_kernel)
        candidate = nn_ops.bias_add(candidate, self._candidate_bias)
        c = self._activation(candidate)
        new_h = u * state + (1 - u) * c
        return new_h, new_h


class BasicLSTMCell(LayerRNNCell):
    def __init__(self, num_units, forget_bias=1.0, state_is_tuple=True, activation=None,
                 reuse=None, name=None, dtype=None, **kwargs):
        super().__init__(_reuse=reuse, name=name, dtype=dtype, **kwargs)
        self._num_units = num_units
        self._forget_bias = forget_bias
        self._state_is_tuple = state_is_tuple
        self._activation = _activation(activation)

    @property
    def state_size(self):
        n = self._num_units
        return LSTMStateTuple(n, n) if self._state_is_tuple else 2 * n

    @property
    def output_size(self):
        return self._num_units

    def build(self, inputs_shape):
        depth = _input_depth(inputs_shape)
        n = self._num_units
        self._kernel = self.add_weight(_WEIGHTS_VARIABLE_NAME, shape=[depth + n, 4 * n])
        self._bias = self.add_weight(_BIAS_VARIABLE_NAME, shape=[4 * n],
                                     initializer=zeros_initializer(dtype=self.dtype))
        self.built = True

    def call(self, inputs, state):
        one = constant(1, dtype=_dtypes.int32)
        if self._state_is_tuple:
            c, h = state
        else:
            c, h = split(state, 2, axis=one)
        gate_inputs = math_ops.matmul(array_ops.concat([inputs, h], 1), self._kernel)
        gate_inputs = nn_ops.bias_add(gate_inputs, self._bias)
        i, j, f, o = split(gate_inputs, 4, axis=one)
        forget_bias_tensor = constant(self._forget_bias, dtype=f.dtype)
        add, multiply, sigmoid = math_ops.add, math_ops.multiply, math_ops.sigmoid
        new_c = add(multiply(c, sigmoid(add(f, forget_bias_tensor))),
                    multiply(sigmoid(i), self._activation(j)))
        new_h = multiply(self._activation(new_c), sigmoid(o))
        if self._state_is_tuple:
            new_state = LSTMStateTuple(new_c, new_h)
        else:
            new_state = array_ops.concat([new_c, new_h], 1)
        return new_h, new_state


class LSTMCell(LayerRNNCell):
    def __init__(self, num_units, use_peepholes=False, cell_clip=None, initializer=None,
                 num_proj=None, proj_clip=None, num_unit_shards=None, num_proj_shards=None,
                 forget_bias=1.0, state_is_tuple=True, activation=None, reuse=None, name=None,
                 dtype=None, **kwargs):
        super().__init__(_reuse=reuse, name=name, dtype=dtype, **kwargs)
        if num_unit_shards is not None or num_proj_shards is not None:
            raise NotImplementedError("LSTMCell with sharded (partitioned) weights")
        self._num_units = num_units
        self._use_peepholes = use_peepholes
        self._cell_clip = cell_clip
        self._initializer = initializer
        self._num_proj = num_proj
        self._proj_clip = proj_clip
        self._forget_bias = forget_bias
        self._state_is_tuple = state_is_tuple
        self._activation = _activation(activation)

    @property
    def state_size(self):
        h = self._num_units if self._num_proj is None else self._num_proj
        return LSTMStateTuple(self._num_units, h) if self._state_is_tuple \
            else self._num_units + h

    @property
    def output_size(self):
        return self._num_units if self._num_proj is None else self._num_proj

    def build(self, inputs_shape):
        depth = _input_depth(inputs_shape)
        n = self._num_units
        h_depth = n if self._num_proj is None else self._num_proj
        self._kernel = self.add_weight(_WEIGHTS_VARIABLE_NAME, shape=[depth + h_depth, 4 * n],
                                       initializer=self._initializer)
        self._bias = self.add_weight(_BIAS_VARIABLE_NAME, shape=[4 * n],
                                     initializer=zeros_initializer(dtype=self.dtype))
        if self._use_peepholes:
            self._w_f_diag = self.add_weight("w_f_diag", shape=[n],
                                             initializer=self._initializer)
            self._w_i_diag = self.add_weight("w_i_diag", shape=[n],
                                             initializer=self._initializer)
            self._w_o_diag = self.add_weight("w_o_diag", shape=[n],
                                             initializer=self._initializer)
        if self._num_proj is not None:
            self._proj_kernel = self.add_weight(f"projection/{_WEIGHTS_VARIABLE_NAME}",
                                                shape=[n, self._num_proj],
                                                initializer=self._initializer)
        self.built = True

    def call(self, inputs, state):
        num_proj = self._num_units if self._num_proj is None else self._num_proj
        sigmoid = math_ops.sigmoid
        if self._state_is_tuple:
            c_prev, m_prev = state
        else:
            c_prev = array_ops.slice(state, [0, 0], [-1, self._num_units])
            m_prev = array_ops.slice(state, [0, self._num_units], [-1, num_proj])
        lstm_matrix = math_ops.matmul(array_ops.concat([inputs, m_prev], 1), self._kernel)
        lstm_matrix = nn_ops.bias_add(lstm_matrix, self._bias)
        i, j, f, o = split(lstm_matrix, 4, axis=1)
        if self._use_peepholes:
            c = (sigmoid(f + self._forget_bias + self._w_f_diag * c_prev) * c_prev
                 + sigmoid(i + self._w_i_diag * c_prev) * self._activation(j))
        else:
            c = sigmoid(f + self._forget_bias) * c_prev + sigmoid(i) * self._activation(j)
        if self._cell_clip is not None:
            c = clip_by_value(c, -self._cell_clip, self._cell_clip)
        if self._use_peepholes:
            m = sigmoid(o + self._w_o_diag * c) * self._activation(c)
        else:
            m = sigmoid(o) * self._activation(c)
        if self._num_proj is not None:
            m = math_ops.matmul(m, self._proj_kernel)
            if self._proj_clip is not None:
                m = clip_by_value(m, -self._proj_clip, self._proj_clip)
        new_state = LSTMStateTuple(c, m) if self._state_is_tuple \
            else array_ops.concat([c, m], 1)
        return m, new_state


class MultiRNNCell(RNNCell):
    def __init__(self, cells, state_is_tuple=True):
        super().__init__()
        if not cells:
            raise ValueError("Must specify at least one cell for MultiRNNCell.")
        if not _is_seq(cells):
            raise TypeError(f"cells must be a list or tuple, but saw: {cells}.")
        self._cells = list(cells)
        self._state_is_tuple = state_is_tuple
        if not state_is_tuple and any(_is_seq(c.state_size) for c in self._cells):
            raise ValueError("Some cells return tuples of states, but the flag state_is_tuple "
                             f"is not set.  State sizes are: "
                             f"{[c.state_size for c in self._cells]}")

    @property
    def state_size(self):
        if self._state_is_tuple:
            return tuple(c.state_size for c in self._cells)
        return sum(c.state_size for c in self._cells)

    @property
    def output_size(self):
        return self._cells[-1].output_size

    def zero_state(self, batch_size, dtype):
        with name_scope(type(self).__name__ + "ZeroState", values=[batch_size]):
            if self._state_is_tuple:
                return tuple(c.zero_state(batch_size, dtype) for c in self._cells)
            return _zero_state_tensors(self.state_size, batch_size, dtype)

    def call(self, inputs, state):
        cur_pos, cur_inp, new_states = 0, inputs, []
        for i, cell in enumerate(self._cells):
            with vs.variable_scope(f"cell_{i}"):
                if self._state_is_tuple:
                    if not _is_seq(state):
                        raise ValueError(f"Expected state to be a tuple of length "
                                         f"{len(self.state_size)}, but received: {state}")
                    cur_state = state[i]
                else:
                    cur_state = array_ops.slice(state, [0, cur_pos], [-1, cell.state_size])
                    cur_pos += cell.state_size
                cur_inp, new_state = cell(cur_inp, cur_state)
                new_states.append(new_state)
        new_states = tuple(new_states) if self._state_is_tuple \
            else array_ops.concat(new_states, 1)
        return cur_inp, new_states

    @property
    def trainable_weights(self):
        return [w for c in self._cells for w in c.trainable_weights]

    @property
    def weights(self):
        return [w for c in self._cells for w in c.weights]


class _RNNCellWrapper(RNNCell):
    """TF's `_RNNCellWrapperV1`: calls the wrapped cell with no scope of its own."""

    def __init__(self, cell, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.cell = cell

    def __call__(self, inputs, state, scope=None):
        return self._call_wrapped_cell(inputs, state, self.cell.__call__, scope=scope)

    @property
    def wrapped_cell(self):
        return self.cell

    @property
    def state_size(self):
        return self.cell.state_size

    @property
    def output_size(self):
        return self.cell.output_size

    def zero_state(self, batch_size, dtype):
        with name_scope(type(self).__name__ + "ZeroState", values=[batch_size]):
            return self.cell.zero_state(batch_size, dtype)

    @property
    def trainable_weights(self):
        return self.cell.trainable_weights

    @property
    def weights(self):
        return self.cell.weights


def _default_dropout_state_filter_visitor(substate):
    from .tensor_array_ops import TensorArray

    if isinstance(substate, LSTMStateTuple):
        return LSTMStateTuple(c=False, h=True)
    if isinstance(substate, TensorArray):
        return False
    return True


def _shallow(filter_fn, s):
    """`nest.get_traverse_shallow_structure`: bools at the leaves dropout visits."""
    r = filter_fn(s)
    if _is_seq(s) and r is True:
        items = [_shallow(filter_fn, e) for e in s]
        return type(s)(*items) if hasattr(s, "_fields") else type(s)(items)
    return r


def _map_up_to(shallow, fn, *structs):
    """`_enumerated_map_structure_up_to`: `fn(i, leaf, ...)` over the shallow leaves."""
    counter = [0]

    def walk(sh, *vals):
        if _is_seq(sh):
            items = [walk(sh[i], *[v[i] for v in vals]) for i in range(len(sh))]
            return type(sh)(*items) if hasattr(sh, "_fields") else type(sh)(items)
        r = fn(counter[0], *vals)
        counter[0] += 1
        return r
    return walk(shallow, *structs)


class DropoutWrapper(_RNNCellWrapper):
    """Dropout on a cell's inputs, states (not LSTM memory) and outputs."""

    def __init__(self, cell, input_keep_prob=1.0, output_keep_prob=1.0, state_keep_prob=1.0,
                 variational_recurrent=False, input_size=None, dtype=None, seed=None,
                 dropout_state_filter_visitor=None, **kwargs):
        super().__init__(cell, dtype=dtype, **kwargs)
        if dropout_state_filter_visitor is not None and not callable(
                dropout_state_filter_visitor):
            raise TypeError("dropout_state_filter_visitor must be callable")
        self._dropout_state_filter = (dropout_state_filter_visitor
                                      or _default_dropout_state_filter_visitor)
        with name_scope("DropoutWrapperInit"):
            for prob, attr in ((input_keep_prob, "input_keep_prob"),
                               (state_keep_prob, "state_keep_prob"),
                               (output_keep_prob, "output_keep_prob")):
                t = convert_to_tensor(prob)
                v = array_ops.constant_value(t)
                if v is not None:
                    if v < 0 or v > 1:
                        raise ValueError(f"Parameter {attr} must be between 0 and 1: {v}")
                    setattr(self, "_" + attr, float(v))
                else:
                    setattr(self, "_" + attr, t)
        self._variational_recurrent = variational_recurrent
        self._input_size = input_size
        self._seed = seed
        self._recurrent_input_noise = None
        self._recurrent_state_noise = None
        self._recurrent_output_noise = None
        if variational_recurrent:
            if dtype is None:
                raise ValueError("When variational_recurrent=True, dtype must be provided")
            from .random_ops import random_uniform

            def batch_noise(s, inner_seed):
                shape = array_ops.concat(([1], TensorShape(s).as_list()), 0)
                return random_uniform(shape, seed=inner_seed, dtype=dtype)
            if not isinstance(self._input_keep_prob, numbers.Real) or \
                    self._input_keep_prob < 1.0:
                if input_size is None:
                    raise ValueError("When variational_recurrent=True and input_keep_prob < "
                                     "1.0 or is unknown, input_size must be provided")
                self._recurrent_input_noise = _map_up_to(
                    input_size, lambda i, s: batch_noise(s, self._gen_seed("input", i)),
                    input_size)
            self._recurrent_state_noise = _map_up_to(
                cell.state_size, lambda i, s: batch_noise(s, self._gen_seed("state", i)),
                cell.state_size)
            self._recurrent_output_noise = _map_up_to(
                cell.output_size, lambda i, s: batch_noise(s, self._gen_seed("output", i)),
                cell.output_size)

    def _gen_seed(self, salt_prefix, index):
        if self._seed is None:
            return None
        text = (str(self._seed) + f"{salt_prefix}_{index}").encode("utf-8")
        return int(hashlib.md5(text).hexdigest()[:8], 16) & 0x7FFFFFFF

    def _dropout(self, values, salt_prefix, noise, keep_prob, shallow=None):
        shallow = values if shallow is None else shallow
        if not self._variational_recurrent:
            def drop(i, do, v):
                if not isinstance(do, bool) or do:
                    return nn_ops.dropout_v2(v, rate=1.0 - keep_prob,
                                             seed=self._gen_seed(salt_prefix, i))
                return v
            return _map_up_to(shallow, drop, shallow, values)

        def drop_v(i, do, v, n):
            if not isinstance(do, bool) or do:
                binary = math_ops.floor(keep_prob + n)
                ret = math_ops.div(v, keep_prob) * binary
                ret.set_shape(v.shape)
                return ret
            return v
        return _map_up_to(shallow, drop_v, shallow, values, noise)

    def _call_wrapped_cell(self, inputs, state, cell_call_fn, **kwargs):
        def should(p):
            return not isinstance(p, float) or p < 1
        if should(self._input_keep_prob):
            inputs = self._dropout(inputs, "input", self._recurrent_input_noise,
                                   self._input_keep_prob)
        output, new_state = cell_call_fn(inputs, state, **kwargs)
        if should(self._state_keep_prob):
            shallow = _shallow(self._dropout_state_filter, new_state)
            new_state = self._dropout(new_state, "state", self._recurrent_state_noise,
                                      self._state_keep_prob, shallow)
        if should(self._output_keep_prob):
            output = self._dropout(output, "output", self._recurrent_output_noise,
                                   self._output_keep_prob)
        return output, new_state


class ResidualWrapper(_RNNCellWrapper):
    """The cell's inputs added to its outputs."""

    def __init__(self, cell, residual_fn=None, **kwargs):
        super().__init__(cell, **kwargs)
        self._residual_fn = residual_fn

    def _call_wrapped_cell(self, inputs, state, cell_call_fn, **kwargs):
        outputs, new_state = cell_call_fn(inputs, state, **kwargs)

        def default(inputs, outputs):
            def add(inp, out):
                if not inp.shape.is_compatible_with(out.shape):
                    raise ValueError(f"Shapes {inp.shape} and {out.shape} are incompatible")
                return inp + out
            return _map(add, inputs, outputs)
        return (self._residual_fn or default)(inputs, outputs), new_state


class DeviceWrapper(_RNNCellWrapper):
    """Calls (and zero-states) the cell under `tf.device(device)`."""

    def __init__(self, cell, device, **kwargs):
        super().__init__(cell, **kwargs)
        self._device = device

    def zero_state(self, batch_size, dtype):
        from ..framework.ops import device

        with name_scope(type(self).__name__ + "ZeroState", values=[batch_size]):
            with device(self._device):
                return self.cell.zero_state(batch_size, dtype)

    def _call_wrapped_cell(self, inputs, state, cell_call_fn, **kwargs):
        from ..framework.ops import device

        with device(self._device):
            return cell_call_fn(inputs, state, **kwargs)


def assert_like_rnncell(cell_name, cell):
    ok = all(hasattr(cell, a) for a in ("output_size", "state_size", "zero_state")) and \
        callable(cell)
    if not ok:
        raise TypeError(f"The argument {cell_name!r} ({cell}) is not an RNNCell: "
                        "'output_size' property is missing, 'state_size' property is "
                        "missing, either 'zero_state' or 'get_initial_state' method is "
                        "required, is not callable.")

