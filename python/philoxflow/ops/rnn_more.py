"""`tf.nn.raw_rnn` and `tf.nn.static_state_saving_rnn` (TF 1.15's `rnn.py`)."""

from __future__ import annotations

from ..framework import dtypes as _dtypes
from ..framework.constant_op import constant, convert_to_tensor
from ..framework.ops import colocate_with, control_dependencies
from ..framework.tensor_shape import Dimension, TensorShape
from ..python.util import nest
from . import array_ops, math_ops
from . import variable_scope as vs
from .rnn import static_rnn
from .rnn_cell_impl import _concat, assert_like_rnncell
from .tensor_array_ops import TensorArray
from .while_loop import while_loop

__all__ = ["raw_rnn", "static_state_saving_rnn"]


def _maybe_tensor_shape(shape):
    from ..framework.ops import Tensor
    from ..framework.tensor_util import constant_value_as_shape

    return constant_value_as_shape(shape) if isinstance(shape, Tensor) else TensorShape(shape)


def raw_rnn(cell, loop_fn, parallel_iterations=None, swap_memory=False, scope=None):
    """`tf.nn.raw_rnn`: the cell in a while loop driven by `loop_fn`; returns the
    emitted TensorArrays, the final state and the final loop state."""
    from .array_ops_ext import where
    from .math_ops_ext import logical_not, logical_or

    assert_like_rnncell("cell", cell)
    if not callable(loop_fn):
        raise TypeError("loop_fn must be a callable")
    parallel_iterations = parallel_iterations or 32
    with vs.variable_scope(scope or "rnn"):
        time = constant(0, dtype=_dtypes.int32)
        (elements_finished, next_input, initial_state, emit_structure,
         init_loop_state) = loop_fn(time, None, None, None)
        flat_input = nest.flatten(next_input)
        loop_state = (init_loop_state if init_loop_state is not None
                      else constant(0, dtype=_dtypes.int32))
        shapes = [x.shape for x in flat_input]
        static_batch = Dimension(shapes[0][0].value if shapes[0].rank else None)
        for s in shapes:
            static_batch.merge_with(Dimension(s[0].value if s.rank else None))
        batch_size = const_batch_size = static_batch.value
        if batch_size is None:
            batch_size = array_ops.shape(flat_input[0])[0]
        nest.assert_same_structure(initial_state, cell.state_size)
        flat_state = [convert_to_tensor(s) for s in nest.flatten(initial_state)]
        state = nest.pack_sequence_as(initial_state, flat_state)
        if emit_structure is not None:
            flat_emit = nest.flatten(emit_structure)
            flat_emit_size = [e.shape if e.shape.is_fully_defined() else array_ops.shape(e)
                              for e in flat_emit]
            flat_emit_dtypes = [e.dtype for e in flat_emit]
        else:
            emit_structure = cell.output_size
            flat_emit_size = nest.flatten(emit_structure)
            flat_emit_dtypes = [flat_state[0].dtype] * len(flat_emit_size)
        flat_emit_ta = [
            TensorArray(dtype=dt, dynamic_size=True,
                        element_shape=TensorShape([const_batch_size]).concatenate(
                            _maybe_tensor_shape(size)),
                        size=0, name="rnn_output_%d" % i)
            for i, (dt, size) in enumerate(zip(flat_emit_dtypes, flat_emit_size))]
        emit_ta = nest.pack_sequence_as(emit_structure, flat_emit_ta)
        flat_zero = [array_ops.zeros(_concat(batch_size, size), dt)
                     for size, dt in zip(flat_emit_size, flat_emit_dtypes)]
        zero_emit = nest.pack_sequence_as(emit_structure, flat_zero)

        def condition(unused_time, elements_finished, *_):
            return logical_not(math_ops.reduce_all(elements_finished))

        def body(time, elements_finished, current_input, emit_ta, state, loop_state):
            next_output, cell_state = cell(current_input, state)
            nest.assert_same_structure(state, cell_state)
            nest.assert_same_structure(cell.output_size, next_output)
            next_time = time + 1
            (next_finished, next_input, next_state, emit_output,
             next_loop_state) = loop_fn(next_time, next_output, cell_state, loop_state)
            nest.assert_same_structure(state, next_state)
            nest.assert_same_structure(current_input, next_input)
            nest.assert_same_structure(emit_ta, emit_output)
            loop_state = loop_state if next_loop_state is None else next_loop_state

            def copy_some_through(current, candidate):
                def copy_fn(cur, cand):
                    if isinstance(cur, TensorArray) or cur.shape.rank == 0:
                        return cand
                    with colocate_with(cand):
                        return where(elements_finished, cur, cand)
                return nest.map_structure(copy_fn, current, candidate)

            emit_output = copy_some_through(zero_emit, emit_output)
            next_state = copy_some_through(state, next_state)
            emit_ta = nest.map_structure(lambda ta, e: ta.write(time, e), emit_ta, emit_output)
            elements_finished = logical_or(elements_finished, next_finished)
            return next_time, elements_finished, next_input, emit_ta, next_state, loop_state

        returned = while_loop(condition, body, loop_vars=[
            time, elements_finished, next_input, emit_ta, state, loop_state],
            parallel_iterations=parallel_iterations, swap_memory=swap_memory)
        emit_ta, final_state, final_loop_state = returned[-3:]
        if init_loop_state is None:
            final_loop_state = None
        return emit_ta, final_state, final_loop_state


def static_state_saving_rnn(cell, inputs, state_saver, state_name, sequence_length=None,
                            scope=None):
    """`tf.nn.static_state_saving_rnn`: static_rnn from the saver's states, saving the
    final ones before the last output and state are read."""
    state_size = cell.state_size
    is_tuple = nest.is_sequence(state_size)
    if is_tuple != nest.is_sequence(state_name):
        raise ValueError("state_name should be the same type as cell.state_size.  "
                         "state_name: %s, cell.state_size: %s" % (state_name, state_size))
    if is_tuple:
        names = nest.flatten(state_name)
        sizes = nest.flatten(state_size)
        if len(names) != len(sizes):
            raise ValueError("#elems(state_name) != #elems(state_size): %d vs. %d"
                             % (len(names), len(sizes)))
        initial_state = nest.pack_sequence_as(state_size, [state_saver.state(s) for s in names])
    else:
        initial_state = state_saver.state(state_name)
    outputs, state = static_rnn(cell, inputs, initial_state=initial_state,
                                sequence_length=sequence_length, scope=scope)
    if is_tuple:
        flat_state = nest.flatten(state)
        save = [state_saver.save_state(n, s) for n, s in zip(nest.flatten(state_name),
                                                               flat_state)]
    else:
        save = [state_saver.save_state(state_name, state)]
    with control_dependencies(save):
        last = outputs[-1]
        outputs[-1] = nest.pack_sequence_as(
            last, [array_ops.identity(o) for o in nest.flatten(last)])
        if is_tuple:
            state = nest.pack_sequence_as(state, [array_ops.identity(s) for s in flat_state])
        else:
            state = array_ops.identity(state)
    return outputs, state
