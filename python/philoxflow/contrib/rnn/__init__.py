"""`tf.contrib.rnn` (TF 1.15): the core RNN cells and `static_rnn` under their contrib
names (TF 1.15 re-exports them from `rnn_cell_impl`)."""

from ...ops.rnn import bidirectional_dynamic_rnn, static_bidirectional_rnn, static_rnn
from ...ops.rnn_cell_impl import (
    BasicLSTMCell,
    BasicRNNCell,
    DropoutWrapper,
    GRUCell,
    LSTMCell,
    LSTMStateTuple,
    MultiRNNCell,
    ResidualWrapper,
    RNNCell,
)

_is_namespace = True
__all__ = ["BasicLSTMCell", "BasicRNNCell", "DropoutWrapper", "GRUCell", "LSTMCell",
           "LSTMStateTuple", "MultiRNNCell", "RNNCell", "ResidualWrapper",
           "bidirectional_dynamic_rnn", "static_bidirectional_rnn", "static_rnn"]
