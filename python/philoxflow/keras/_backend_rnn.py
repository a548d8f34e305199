"""`tf.keras.backend.rnn` of TF 1.15 (graph mode): the step function over time, either
unrolled in Python or in a `while_loop` over TensorArrays (the first step is also built
once before the loop, as TF does, to learn the output's dtype and shape)."""

from __future__ import annotations

from ..framework.constant_op import constant
from ..ops import array_ops
from ..ops.array_ops_ext import unstack
from ..ops.tensor_array_ops import TensorArray


def _flatten(x):
    if isinstance(x, (list, tuple)):
        return [y for v in x for y in _flatten(v)]
    return [x]


def _swap_batch_timestep(t):
    axes = list(range(len(t.shape)))
    axes[0], axes[1] = 1, 0
    return array_ops.transpose(t, axes)


def rnn(step_function, inputs, initial_states, go_backwards=False, mask=None, constants=None,
        unroll=False, input_length=None, time_major=False, zero_output_for_mask=False):
    """Returns (last output, outputs, new states), as TF 1.15's `K.rnn`."""
    from ..framework import dtypes as _dtypes
    from ..ops import math_ops
    from ..ops.while_loop import while_loop
    from . import backend as K

    if isinstance(inputs, (list, tuple)):
        raise NotImplementedError("philoxflow: Keras RNNs over nested inputs")
    if not time_major:
        inputs = _swap_batch_timestep(inputs)
    time_steps = inputs.shape.as_list()[0]
    batch = inputs.shape.as_list()[1]
    time_steps_t = array_ops.shape(inputs)[0]
    inputs.shape.with_rank_at_least(3)
    if mask is not None:
        if mask.dtype != _dtypes.bool:
            mask = math_ops.cast(mask, _dtypes.bool)
        if len(mask.shape) == 2:
            mask = K.expand_dims(mask)
        if not time_major:
            mask = _swap_batch_timestep(mask)
        if unroll:
            raise NotImplementedError("philoxflow: masked unrolled Keras RNNs")

    def expand_mask(mask_t, input_t, fixed_dim=1):
        for _ in range(len(input_t.shape) - len(mask_t.shape)):
            mask_t = array_ops.expand_dims(mask_t, -1)
        return array_ops.tile(mask_t, [1] * fixed_dim + input_t.shape.as_list()[fixed_dim:])
    constants = list(constants or [])
    if unroll:
        if not time_steps:
            raise ValueError("Unrolling requires a fixed number of timesteps.")
        states = tuple(initial_states)
        steps = unstack(inputs)
        if go_backwards:
            steps.reverse()
        successive_outputs = []
        for i in range(time_steps):
            output, states = step_function(steps[i], tuple(states) + tuple(constants))
            successive_outputs.append(output)
        last_output, new_states = successive_outputs[-1], states
        outputs = array_ops.stack(successive_outputs)
    else:
        states = tuple(initial_states)
        input_ta = TensorArray(dtype=inputs.dtype, size=time_steps_t,
                               tensor_array_name="input_ta_0")
        if go_backwards:
            from ..ops._grad_ops import reverse

            input_ta = input_ta.unstack(reverse(inputs, [0]))
        else:
            input_ta = input_ta.unstack(inputs)
        output_time_zero, _ = step_function(inputs[0], tuple(initial_states) + tuple(constants))
        output_ta = TensorArray(dtype=output_time_zero.dtype, size=time_steps_t,
                                element_shape=output_time_zero.shape,
                                tensor_array_name="output_ta_0")
        time = constant(0, dtype="int32", name="time")
        if mask is not None:
            return _masked_loop(step_function, inputs, mask, go_backwards, input_ta, output_ta,
                                output_time_zero, time, time_steps_t, states, constants,
                                input_length, zero_output_for_mask, expand_mask, time_steps,
                                batch, time_major)

        def _step(time, output_ta_t, *states):
            current_input = input_ta.read(time)
            output, new_states = step_function(current_input, tuple(states) + tuple(constants))
            for state, new_state in zip(_flatten(states), _flatten(new_states)):
                if hasattr(new_state, "set_shape"):
                    new_state.set_shape(state.shape)
            output_ta_t = output_ta_t.write(time, output)
            return (time + 1, output_ta_t) + tuple(new_states)

        final = while_loop(cond=lambda time, *_: time < time_steps_t, body=_step,
                           loop_vars=(time, output_ta) + states,
                           maximum_iterations=input_length, parallel_iterations=32,
                           swap_memory=True)
        new_states = final[2:]
        outputs = final[1].stack()
        last_output = outputs[-1]
    return _finish(last_output, outputs, new_states, time_steps, batch, time_major)


def _finish(last_output, outputs, new_states, time_steps, batch, time_major):
    shape = outputs.shape.as_list()
    shape[0], shape[1] = time_steps, batch
    outputs.set_shape(shape)
    if not time_major:
        outputs = _swap_batch_timestep(outputs)
    return last_output, outputs, new_states


def _masked_loop(step_function, inputs, mask, go_backwards, input_ta, output_ta,
                 output_time_zero, time, time_steps_t, states, constants, input_length,
                 zero_output_for_mask, expand_mask, time_steps, batch, time_major):
    """The loop of a masked RNN: a masked step keeps the previous output (or zeros) and
    states (`where` on the tiled mask), as TF 1.15's `K.rnn`."""
    from ..ops.array_ops_ext import where
    from ..ops.while_loop import while_loop

    if not states:
        raise ValueError("No initial states provided! When using masking in an RNN, you "
                         "should provide initial states (and your step function should "
                         "return as its first state at time `t` the output at time `t-1`).")
    if go_backwards:
        from ..ops._grad_ops import reverse

        mask = reverse(mask, [0])
    mask_ta = TensorArray(dtype="bool", size=time_steps_t, tensor_array_name="mask_ta")
    mask_ta = mask_ta.unstack(mask)
    zero_output = array_ops.zeros_like(output_time_zero)

    def _step(time, output_ta_t, prev_output, *states):
        current_input = input_ta.read(time)
        mask_t = mask_ta.read(time)
        output, new_states = step_function(current_input, tuple(states) + tuple(constants))
        keep = zero_output if zero_output_for_mask else prev_output
        new_output = where(expand_mask(mask_t, output), output, keep)
        flat_state, flat_new = _flatten(states), _flatten(new_states)
        for state, new_state in zip(flat_state, flat_new):
            if hasattr(new_state, "set_shape"):
                new_state.set_shape(state.shape)
        tiled = [expand_mask(mask_t, s) for s in flat_state]
        final = tuple(where(m, s, ps) for m, s, ps in zip(tiled, flat_new, flat_state))
        output_ta_t = output_ta_t.write(time, new_output)
        return (time + 1, output_ta_t, new_output) + final

    final = while_loop(cond=lambda time, *_: time < time_steps_t, body=_step,
                       loop_vars=(time, output_ta, zero_output) + tuple(states),
                       maximum_iterations=input_length, parallel_iterations=32,
                       swap_memory=True)
    outputs = final[1].stack()
    return _finish(outputs[-1], outputs, final[3:], time_steps, batch, time_major)
