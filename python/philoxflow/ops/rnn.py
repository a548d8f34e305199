"""`tf.nn.dynamic_rnn`, `bidirectional_dynamic_rnn` and `static_rnn` (TF 1.15's
`rnn.py`), op for op: the time-major transpose, the zero state, the input and
output TensorArrays, and TF's while loop (with `maximum_iterations`) whose body
reads a step, calls the cell (copying finished sequences through with Select
when `sequence_length` is given) and writes the output."""

from __future__ import annotations

from ..framework import dtypes as _dtypes
from ..framework.constant_op import constant, convert_to_tensor
from ..framework.ops import control_dependencies, get_default_graph
from ..framework.tensor_shape import Dimension, TensorShape, dimension_value
from . import _grad_ops, array_ops, math_ops
from . import variable_scope as vs
from .control_flow_ops import Assert
from .gen import apply_op
from .rnn_cell_impl import _concat, _flatten, _map, assert_like_rnncell, partial_shape
from .tensor_array_ops import TensorArray
from .while_loop import _pack_as, while_loop


def _transpose_batch_time(x):
    shape = x.shape
    if shape.rank is not None and shape.rank < 2:
        return x
    x_rank = array_ops.rank(x)
    x_t = array_ops.transpose(x, array_ops.concat(([1, 0], array_ops.range(2, x_rank)), 0))
    if shape.rank is not None:
        dims = shape.as_list()
        x_t.set_shape([dims[1], dims[0]] + dims[2:])
    return x_t


def _best_effort_input_batch_size(flat_input):
    for x in flat_input:
        shape = x.shape
        if shape.rank is None:
            continue
        if shape.rank < 2:
            raise ValueError(f"Expected input tensor {x} to have rank at least 2")
        b = shape.as_list()[1]
        if b is not None:
            return b
    return array_ops.shape(flat_input[0])[1]


def _infer_state_dtype(explicit_dtype, state):
    if explicit_dtype is not None:
        return _dtypes.as_dtype(explicit_dtype)
    flat = _flatten(state)
    if not flat:
        raise ValueError("Unable to infer dtype from empty state.")
    return flat[0].dtype


def _rnn_step(time, sequence_length, zero_output, state, call_cell):
    """TF's `_rnn_step` with `skip_conditionals=True`: outputs past a sequence's end are
    zeros and its state is carried through (Select against `time >= sequence_length`)."""
    flat_state = _flatten(state)
    flat_zero = _flatten(zero_output)
    copy_cond = time >= sequence_length

    def copy_one(old, new):
        if isinstance(old, TensorArray) or old.shape.rank == 0:
            return new
        return _grad_ops.select(copy_cond, old, new)
    new_output, new_state = call_cell()
    new_state, new_output = _flatten(new_state), _flatten(new_output)
    outs = [copy_one(z, o) for z, o in zip(flat_zero, new_output)]
    states = [copy_one(s, n) for s, n in zip(flat_state, new_state)]
    for o, z in zip(outs, flat_zero):
        o.set_shape(z.shape)
    for s, f in zip(states, flat_state):
        if not isinstance(s, TensorArray):
            s.set_shape(f.shape)
    return _pack_as(zero_output, outs), _pack_as(state, states)


def dynamic_rnn(cell, inputs, sequence_length=None, initial_state=None, dtype=None,
                parallel_iterations=None, swap_memory=False, time_major=False, scope=None):
    assert_like_rnncell("cell", cell)
    with vs.variable_scope(scope or "rnn"):
        flat_input = _flatten(inputs)
        if not time_major:
            flat_input = [convert_to_tensor(x) for x in flat_input]
            flat_input = tuple(_transpose_batch_time(x) for x in flat_input)
        parallel_iterations = parallel_iterations or 32
        if sequence_length is not None:
            sequence_length = math_ops.cast(sequence_length, _dtypes.int32)
            if sequence_length.shape.rank not in (None, 1):
                raise ValueError("sequence_length must be a vector of length batch_size, but "
                                 f"saw shape: {sequence_length.shape}")
            sequence_length = array_ops.identity(sequence_length, name="sequence_length")
        batch_size = _best_effort_input_batch_size(flat_input)
        if initial_state is not None:
            state = initial_state
        else:
            if not dtype:
                raise ValueError("If there is no initial_state, you must give a dtype.")
            state = cell.get_initial_state(inputs=None, batch_size=batch_size, dtype=dtype) \
                if hasattr(cell, "get_initial_state") else cell.zero_state(batch_size, dtype)
        if sequence_length is not None:
            x_shape = array_ops.shape(sequence_length)
            packed = array_ops.stack([batch_size])
            check = Assert(math_ops.reduce_all(math_ops.equal(x_shape, packed)),
                           [f"Expected shape for Tensor {sequence_length.name} is ", packed,
                            " but saw shape: ", x_shape])
            with control_dependencies([check]):
                sequence_length = array_ops.identity(sequence_length, name="CheckSeqLen")
        inputs = _pack_as(inputs, list(flat_input))
        outputs, final_state = _dynamic_rnn_loop(cell, inputs, state, parallel_iterations,
                                                 swap_memory, sequence_length, dtype)
        if not time_major:
            outputs = _map(_transpose_batch_time, outputs)
        return outputs, final_state


def _dynamic_rnn_loop(cell, inputs, initial_state, parallel_iterations, swap_memory,
                      sequence_length=None, dtype=None):
    state = initial_state
    flat_input = _flatten(inputs)
    flat_output_size = _flatten(cell.output_size)
    input_shape = array_ops.shape(flat_input[0])
    time_steps = input_shape[0]
    batch_size = _best_effort_input_batch_size(flat_input)
    got = [x.shape.with_rank_at_least(3) for x in flat_input]
    const_time_steps, const_batch_size = got[0].as_list()[:2]
    for shape in got:
        if not shape[2:].is_fully_defined():
            raise ValueError("Input size (depth of inputs) must be accessible via shape "
                             "inference, but saw value None.")
    state_dtype = _infer_state_dtype(dtype, state)

    def zero_array(size):
        shape = array_ops.stack(_concat(batch_size, size))
        out = array_ops.zeros(shape, state_dtype)
        static = partial_shape(shape)
        if static is not None:
            out.set_shape(static)
        return out
    flat_zero_output = tuple(zero_array(s) for s in flat_output_size)
    zero_output = _pack_as(cell.output_size, list(flat_zero_output))
    if sequence_length is not None:
        math_ops.reduce_min(sequence_length)  # TF's min (unused with skip_conditionals)
        max_sequence_length = math_ops.reduce_max(sequence_length)
    else:
        max_sequence_length = time_steps
    time = constant(0, dtype=_dtypes.int32, name="time")
    g = get_default_graph()
    with g.name_scope("dynamic_rnn") as base_name:
        pass
    output_ta = tuple(
        TensorArray(dtype=state_dtype, size=time_steps,
                    element_shape=TensorShape([const_batch_size]).concatenate(
                        _size_shape(out)), tensor_array_name=base_name + f"output_{i}")
        for i, out in enumerate(flat_output_size))
    input_ta = tuple(
        TensorArray(dtype=x.dtype, size=time_steps, element_shape=x.shape[1:],
                    tensor_array_name=base_name + f"input_{i}")
        for i, x in enumerate(flat_input))
    input_ta = tuple(ta.unstack(x) for ta, x in zip(input_ta, flat_input))

    def time_step(time, output_ta_t, state):
        input_t = tuple(ta.read(time) for ta in input_ta)
        for x, shape in zip(input_t, got):
            x.set_shape(shape[1:])
        input_t = _pack_as(inputs, list(input_t))

        def call_cell():
            return cell(input_t, state)
        if sequence_length is not None:
            output, new_state = _rnn_step(time, sequence_length, zero_output, state,
                                          call_cell)
        else:
            output, new_state = call_cell()
        output = _flatten(output)
        output_ta_t = tuple(ta.write(time, out) for ta, out in zip(output_ta_t, output))
        return (time + 1, output_ta_t, new_state)

    loop_bound = math_ops.minimum(time_steps, math_ops.maximum(1, max_sequence_length))
    _, output_final_ta, final_state = while_loop(
        cond=lambda time, *_: time < loop_bound, body=time_step,
        loop_vars=(time, output_ta, state), parallel_iterations=parallel_iterations,
        maximum_iterations=time_steps, swap_memory=swap_memory)
    final_outputs = tuple(ta.stack() for ta in output_final_ta)
    for out, size in zip(final_outputs, flat_output_size):
        static = _concat([const_time_steps, const_batch_size], size, static=True)
        if static is not None:
            out.set_shape(static)
    return _pack_as(cell.output_size, list(final_outputs)), final_state


def _size_shape(size):
    return TensorShape(size) if not hasattr(size, "shape") else TensorShape(None)


def bidirectional_dynamic_rnn(cell_fw, cell_bw, inputs, sequence_length=None,
                              initial_state_fw=None, initial_state_bw=None, dtype=None,
                              parallel_iterations=None, swap_memory=False, time_major=False,
                              scope=None):
    assert_like_rnncell("cell_fw", cell_fw)
    assert_like_rnncell("cell_bw", cell_bw)
    time_axis, batch_axis = (0, 1) if time_major else (1, 0)

    def reverse(x):
        if sequence_length is not None:
            return apply_op("ReverseSequence", None,
                            [(x, "input", None), (sequence_length, "seq_lengths", None)],
                            dtype=x.dtype, shape=x.shape,
                            attrs={"seq_dim": time_axis, "batch_dim": batch_axis})
        return apply_op("ReverseV2", None, [(x, "tensor", None),
                                            ([time_axis], "axis", _dtypes.int32)],
                        dtype=x.dtype, shape=x.shape)
    with vs.variable_scope(scope or "bidirectional_rnn"):
        with vs.variable_scope("fw") as fw_scope:
            output_fw, state_fw = dynamic_rnn(
                cell_fw, inputs, sequence_length, initial_state_fw, dtype,
                parallel_iterations, swap_memory, time_major, scope=fw_scope)
        with vs.variable_scope("bw") as bw_scope:
            inputs_reverse = _map(reverse, inputs)
            tmp, state_bw = dynamic_rnn(
                cell_bw, inputs_reverse, sequence_length, initial_state_bw, dtype,
                parallel_iterations, swap_memory, time_major, scope=bw_scope)
    output_bw = reverse(tmp)
    return (output_fw, output_bw), (state_fw, state_bw)


def static_rnn(cell, inputs, initial_state=None, dtype=None, sequence_length=None, scope=None):
    assert_like_rnncell("cell", cell)
    if not isinstance(inputs, (list, tuple)):
        raise TypeError("inputs must be a sequence")
    if not inputs:
        raise ValueError("inputs must not be empty")
    outputs = []
    with vs.variable_scope(scope or "rnn") as varscope:
        first = inputs
        while isinstance(first, (list, tuple)):
            first = first[0]
        first = convert_to_tensor(first)
        if first.shape.rank != 1:
            fixed = first.shape.with_rank_at_least(2).as_list()[0]
            for x in _flatten(inputs):  # TF checks every input's batch and known depth
                shape = convert_to_tensor(x).shape.with_rank_at_least(2)
                Dimension(fixed).merge_with(shape.dims[0])
                for i, size in enumerate(shape.as_list()[1:]):
                    if size is None:
                        raise ValueError(f"Input size (dimension {i} of inputs) must be "
                                         "accessible via shape inference, but saw value None.")
        else:
            fixed = first.shape.as_list()[0]
        batch_size = fixed if dimension_value(fixed) else array_ops.shape(first)[0]
        if initial_state is not None:
            state = initial_state
        else:
            if not dtype:
                raise ValueError("If no initial_state is provided, dtype must be specified")
            state = cell.get_initial_state(inputs=None, batch_size=batch_size, dtype=dtype)
        if sequence_length is not None:
            sequence_length = convert_to_tensor(sequence_length, name="sequence_length")
            if sequence_length.shape.rank not in (None, 1):
                raise ValueError("sequence_length must be a vector of length batch_size")

            def zero(size):
                out = array_ops.zeros(array_ops.stack(_concat(batch_size, size)),
                                      _infer_state_dtype(dtype, state))
                out.set_shape(TensorShape(_concat(dimension_value(fixed), size, static=True)))
                return out
            zero_output = _pack_as(cell.output_size,
                                   [zero(s) for s in _flatten(cell.output_size)])
            sequence_length = math_ops.cast(sequence_length, _dtypes.int32)
            bounds = (math_ops.reduce_min(sequence_length),
                      math_ops.reduce_max(sequence_length))
        for time, x in enumerate(inputs):
            if time > 0:
                varscope.reuse_variables()
            if sequence_length is not None:
                output, state = _rnn_step_cond(time, sequence_length, bounds, zero_output,
                                               state, lambda x=x, state=state: cell(x, state))
            else:
                output, state = cell(x, state)
            outputs.append(output)
        return outputs, state


def _rnn_step_cond(time, sequence_length, bounds, zero_output, state, call_cell):
    """TF's `_rnn_step` with its conditionals (static_rnn): past the longest sequence the
    state is carried and the output is zeros; below the shortest everything is computed;
    in between, finished sequences copy theirs through (Select)."""
    from .control_flow_ops import cond

    flat_state, flat_zero = _flatten(state), _flatten(zero_output)
    copy_cond = time >= sequence_length

    def copy_one(old, new):
        if isinstance(old, TensorArray) or old.shape.rank == 0:
            return new
        return _grad_ops.select(copy_cond, old, new)

    def maybe_copy():
        new_output, new_state = call_cell()
        flat_out, flat_new = _flatten(new_output), _flatten(new_state)
        return cond(time < bounds[0], lambda: flat_out + flat_new,
                    lambda: ([copy_one(z, o) for z, o in zip(flat_zero, flat_out)]
                             + [copy_one(s, n) for s, n in zip(flat_state, flat_new)]))
    final = cond(time >= bounds[1], lambda: list(flat_zero) + list(flat_state), maybe_copy)
    outs, states = final[:len(flat_zero)], final[len(flat_zero):]
    for o, z in zip(outs, flat_zero):
        o.set_shape(z.shape)
    for s, f in zip(states, flat_state):
        if not isinstance(s, TensorArray):
            s.set_shape(f.shape)
    return _pack_as(zero_output, outs), _pack_as(state, states)



def static_bidirectional_rnn(cell_fw, cell_bw, inputs, initial_state_fw=None,
                             initial_state_bw=None, dtype=None, sequence_length=None,
                             scope=None):
    """Forward and backward `static_rnn`s, their outputs concatenated step by step."""
    assert_like_rnncell("cell_fw", cell_fw)
    assert_like_rnncell("cell_bw", cell_bw)
    if not isinstance(inputs, (list, tuple)):
        raise TypeError("inputs must be a sequence")
    if not inputs:
        raise ValueError("inputs must not be empty")
    if sequence_length is not None:
        raise NotImplementedError("static_bidirectional_rnn with sequence_length")
    with vs.variable_scope(scope or "bidirectional_rnn"):
        with vs.variable_scope("fw") as fw_scope:
            output_fw, state_fw = static_rnn(cell_fw, inputs, initial_state_fw, dtype,
                                             scope=fw_scope)
        with vs.variable_scope("bw") as bw_scope:
            tmp, state_bw = static_rnn(cell_bw, list(reversed(inputs)), initial_state_bw,
                                       dtype, scope=bw_scope)
    output_bw = list(reversed(tmp))
    outputs = [array_ops.concat([fw, bw], 1) for fw, bw in zip(output_fw, output_bw)]
    return outputs, state_fw, state_bw


def static_state_saving_rnn(cell, inputs, state_saver, state_name, sequence_length=None,
                            scope=None):
    """`static_rnn` from the saver's states, saving the final state (the last output and
    the state are Identities behind the saves)."""
    from ..python.util import nest

    state_size = cell.state_size
    state_is_tuple = nest.is_sequence(state_size)
    if state_is_tuple != nest.is_sequence(state_name):
        raise ValueError("state_name should be the same type as cell.state_size.  "
                         "state_name: %s, cell.state_size: %s" % (str(state_name),
                                                                  str(state_size)))
    if state_is_tuple:
        names_flat, sizes_flat = nest.flatten(state_name), nest.flatten(state_size)
        if len(names_flat) != len(sizes_flat):
            raise ValueError("#elems(state_name) != #elems(state_size): %d vs. %d"
                             % (len(names_flat), len(sizes_flat)))
        initial_state = nest.pack_sequence_as(state_size,
                                              [state_saver.state(s) for s in names_flat])
    else:
        initial_state = state_saver.state(state_name)
    outputs, state = static_rnn(cell, inputs, initial_state=initial_state,
                                sequence_length=sequence_length, scope=scope)
    if state_is_tuple:
        flat_state = nest.flatten(state)
        save_state = [state_saver.save_state(n, s)
                      for n, s in zip(nest.flatten(state_name), flat_state)]
    else:
        save_state = [state_saver.save_state(state_name, state)]
    with control_dependencies(save_state):
        last_output = outputs[-1]
        outputs[-1] = nest.pack_sequence_as(
            last_output, [array_ops.identity(o) for o in nest.flatten(last_output)])
        if state_is_tuple:
            state = nest.pack_sequence_as(state, [array_ops.identity(s) for s in flat_state])
        else:
            state = array_ops.identity(state)
    return outputs, state
