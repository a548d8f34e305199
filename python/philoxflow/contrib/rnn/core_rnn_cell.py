"""`tf.contrib.rnn`'s cell wrappers from `core_rnn_cell.py` (TF 1.15): embedding, input
and output projections, over TF's `_Linear` (variables `kernel`/`bias` in the current
variable scope)."""

from __future__ import annotations

import math

from ...framework import dtypes
from ...framework.constant_op import constant
from ...framework.ops import device, name_scope
from ...ops import array_ops, math_ops, nn_ops
from ...ops import variable_scope as vs
from ...ops.init_ops import constant_initializer, random_uniform_initializer
from ...ops.rnn_cell_impl import RNNCell, _is_seq, assert_like_rnncell

__all__ = ["EmbeddingWrapper", "InputProjectionWrapper", "OutputProjectionWrapper"]

_BIAS_VARIABLE_NAME = "bias"
_WEIGHTS_VARIABLE_NAME = "kernel"


class _Linear:
    """`sum_i(args[i] @ W[i]) + b`: W and b made at construction in the current scope."""

    def __init__(self, args, output_size, build_bias, bias_initializer=None,
                 kernel_initializer=None):
        self._build_bias = build_bias
        if args is None or (_is_seq(args) and not args):
            raise ValueError("`args` must be specified")
        self._is_sequence = _is_seq(args)
        if not self._is_sequence:
            args = [args]
        total_arg_size = 0
        shapes = [a.shape for a in args]
        for shape in shapes:
            if shape.ndims != 2:
                raise ValueError("linear is expecting 2D arguments: %s" % shapes)
            if shape.dims[1].value is None:
                raise ValueError("linear expects shape[1] to be provided for shape %s, but "
                                 "saw %s" % (shape, shape[1]))
            total_arg_size += shape.dims[1].value
        dtype = args[0].dtype
        with vs.variable_scope(vs.get_variable_scope()) as outer_scope:
            self._weights = vs.get_variable(_WEIGHTS_VARIABLE_NAME,
                                            [total_arg_size, output_size], dtype=dtype,
                                            initializer=kernel_initializer)
            if build_bias:
                with vs.variable_scope(outer_scope) as inner_scope:
                    inner_scope.set_partitioner(None)
                    if bias_initializer is None:
                        bias_initializer = constant_initializer(0.0, dtype=dtype)
                    self._biases = vs.get_variable(_BIAS_VARIABLE_NAME, [output_size],
                                                   dtype=dtype, initializer=bias_initializer)

    def __call__(self, args):
        if not self._is_sequence:
            args = [args]
        if len(args) == 1:
            res = math_ops.matmul(args[0], self._weights)
        else:
            one = constant(1, dtype=dtypes.int32)
            res = math_ops.matmul(array_ops.concat(args, one), self._weights)
        if self._build_bias:
            res = nn_ops.bias_add(res, self._biases)
        return res


class _WrapsCell(RNNCell):
    """A wrapper of `self._cell`: the wrapped cell's sizes and zero state (in
    `<Wrapper>ZeroState`). Also the base of contrib's Highway and Compiled wrappers, which
    (as in TF) do not check their cell."""

    @property
    def state_size(self):
        return self._cell.state_size

    @property
    def output_size(self):
        return self._cell.output_size

    def zero_state(self, batch_size, dtype):
        with name_scope(type(self).__name__ + "ZeroState", values=[batch_size]):
            return self._cell.zero_state(batch_size, dtype)


class _CellWrapper(_WrapsCell):
    def __init__(self, cell, reuse=None):
        super().__init__(_reuse=reuse)
        assert_like_rnncell("cell", cell)
        self._cell = cell


class EmbeddingWrapper(_CellWrapper):
    """Embeds integer inputs (an `embedding` variable on the CPU) before the cell."""

    def __init__(self, cell, embedding_classes, embedding_size, initializer=None, reuse=None):
        super().__init__(cell, reuse)
        if embedding_classes <= 0 or embedding_size <= 0:
            raise ValueError("Both embedding_classes and embedding_size must be > 0: %d, %d."
                             % (embedding_classes, embedding_size))
        self._embedding_classes = embedding_classes
        self._embedding_size = embedding_size
        self._initializer = initializer

    def call(self, inputs, state):
        with device("/cpu:0"):
            if self._initializer:
                initializer = self._initializer
            elif vs.get_variable_scope().initializer:
                initializer = vs.get_variable_scope().initializer
            else:
                sqrt3 = math.sqrt(3)  # Uniform(-sqrt(3), sqrt(3)) has variance 1.
                initializer = random_uniform_initializer(-sqrt3, sqrt3)
            data_type = state[0].dtype if isinstance(state, tuple) else state.dtype
            embedding = vs.get_variable("embedding",
                                        [self._embedding_classes, self._embedding_size],
                                        initializer=initializer, dtype=data_type)
            embedded = nn_ops.embedding_lookup(embedding, array_ops.reshape(inputs, [-1]))
            return self._cell(embedded, state)


class InputProjectionWrapper(_CellWrapper):
    """A linear projection (and optional activation) of the inputs before the cell."""

    def __init__(self, cell, num_proj, activation=None, input_size=None, reuse=None):
        super().__init__(cell, reuse)
        self._num_proj = num_proj
        self._activation = activation
        self._linear = None

    def call(self, inputs, state):
        if self._linear is None:
            self._linear = _Linear(inputs, self._num_proj, True)
        projected = self._linear(inputs)
        if self._activation:
            projected = self._activation(projected)
        return self._cell(projected, state)


class OutputProjectionWrapper(_CellWrapper):
    """A linear projection (and optional activation) of the cell's output."""

    def __init__(self, cell, output_size, activation=None, reuse=None):
        super().__init__(cell, reuse)
        if output_size < 1:
            raise ValueError("Parameter output_size must be > 0: %d." % output_size)
        self._output_size = output_size
        self._activation = activation
        self._linear = None

    @property
    def output_size(self):
        return self._output_size

    def call(self, inputs, state):
        output, res_state = self._cell(inputs, state)
        if self._linear is None:
            self._linear = _Linear(output, self._output_size, True)
        projected = self._linear(output)
        if self._activation:
            projected = self._activation(projected)
        return projected, res_state
