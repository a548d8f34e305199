"""`tf.contrib.rnn`'s stacked bidirectional RNNs (TF 1.15 `contrib/rnn/python/ops/rnn.py`):
one bidirectional RNN per layer under `stack_bidirectional_rnn/cell_<i>`, each layer's
concatenated outputs the next one's inputs."""

from __future__ import annotations

from ...ops import array_ops
from ...ops import rnn as _rnn
from ...ops import variable_scope as vs

__all__ = ["stack_bidirectional_rnn", "stack_bidirectional_dynamic_rnn"]


def _check(cells_fw, cells_bw, initial_states_fw, initial_states_bw):
    if not cells_fw:
        raise ValueError("Must specify at least one fw cell for BidirectionalRNN.")
    if not cells_bw:
        raise ValueError("Must specify at least one bw cell for BidirectionalRNN.")
    if not isinstance(cells_fw, list):
        raise ValueError("cells_fw must be a list of RNNCells (one per layer).")
    if not isinstance(cells_bw, list):
        raise ValueError("cells_bw must be a list of RNNCells (one per layer).")
    if len(cells_fw) != len(cells_bw):
        raise ValueError("Forward and Backward cells must have the same depth.")
    for which, states, cells in (("fw", initial_states_fw, cells_fw),
                                 ("bw", initial_states_bw, cells_bw)):
        if states is not None and (not isinstance(states, list) or len(states) != len(cells)):
            raise ValueError("initial_states_%s must be a list of state tensors (one per "
                             "layer)." % which)


def _layers(cells_fw, cells_bw, initial_states_fw, initial_states_bw):
    for i, (cell_fw, cell_bw) in enumerate(zip(cells_fw, cells_bw)):
        yield (i, cell_fw, cell_bw, initial_states_fw[i] if initial_states_fw else None,
               initial_states_bw[i] if initial_states_bw else None)


def stack_bidirectional_rnn(cells_fw, cells_bw, inputs, initial_states_fw=None,
                            initial_states_bw=None, dtype=None, sequence_length=None,
                            scope=None):
    _check(cells_fw, cells_bw, initial_states_fw, initial_states_bw)
    states_fw, states_bw = [], []
    prev_layer = inputs
    with vs.variable_scope(scope or "stack_bidirectional_rnn"):
        for i, cell_fw, cell_bw, init_fw, init_bw in _layers(
                cells_fw, cells_bw, initial_states_fw, initial_states_bw):
            with vs.variable_scope("cell_%d" % i) as cell_scope:
                prev_layer, state_fw, state_bw = _rnn.static_bidirectional_rnn(
                    cell_fw, cell_bw, prev_layer, initial_state_fw=init_fw,
                    initial_state_bw=init_bw, sequence_length=sequence_length, dtype=dtype,
                    scope=cell_scope)
            states_fw.append(state_fw)
            states_bw.append(state_bw)
    return prev_layer, tuple(states_fw), tuple(states_bw)


def stack_bidirectional_dynamic_rnn(cells_fw, cells_bw, inputs, initial_states_fw=None,
                                    initial_states_bw=None, dtype=None, sequence_length=None,
                                    parallel_iterations=None, time_major=False, scope=None,
                                    swap_memory=False):
    _check(cells_fw, cells_bw, initial_states_fw, initial_states_bw)
    states_fw, states_bw = [], []
    prev_layer = inputs
    with vs.variable_scope(scope or "stack_bidirectional_rnn"):
        for i, cell_fw, cell_bw, init_fw, init_bw in _layers(
                cells_fw, cells_bw, initial_states_fw, initial_states_bw):
            with vs.variable_scope("cell_%d" % i):
                outputs, (state_fw, state_bw) = _rnn.bidirectional_dynamic_rnn(
                    cell_fw, cell_bw, prev_layer, initial_state_fw=init_fw,
                    initial_state_bw=init_bw, sequence_length=sequence_length,
                    parallel_iterations=parallel_iterations, dtype=dtype,
                    swap_memory=swap_memory, time_major=time_major)
                prev_layer = array_ops.concat(outputs, 2)
            states_fw.append(state_fw)
            states_bw.append(state_bw)
    return prev_layer, tuple(states_fw), tuple(states_bw)
