"""`tf.contrib.rnn` (TF 1.15): the core RNN cells and `static_rnn` under their contrib
names (TF 1.15 re-exports them from `rnn_cell_impl`, as `tf.nn.rnn_cell` does)."""

from ...ops.rnn import (  # noqa: F401 - re-exported
    bidirectional_dynamic_rnn,
    static_bidirectional_rnn,
    static_rnn,
)
from ...ops.rnn_cell import *  # noqa: F403 - the cells of tf.nn.rnn_cell
from ...ops.rnn_cell import __all__ as _cells

_is_namespace = True
__all__ = sorted([*_cells, "bidirectional_dynamic_rnn", "static_bidirectional_rnn",
                  "static_rnn"])
