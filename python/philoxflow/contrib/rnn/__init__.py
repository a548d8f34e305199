"""`tf.contrib.rnn` (TF 1.15): the core RNN cells and `static_rnn` under their contrib
names (TF 1.15 re-exports them from `rnn_cell_impl`, as `tf.nn.rnn_cell` does), and
contrib's own cells, wrappers and stacked bidirectional RNNs."""

from ...ops.rnn import (  # noqa: F401 - re-exported
    _best_effort_input_batch_size as best_effort_input_batch_size,
)
from ...ops.rnn import (  # noqa: F401 - re-exported
    _transpose_batch_time as transpose_batch_time,
)
from ...ops.rnn import (  # noqa: F401 - re-exported
    bidirectional_dynamic_rnn,
    static_bidirectional_rnn,
    static_rnn,
    static_state_saving_rnn,
)
from ...ops.rnn_cell import *  # noqa: F403 - the cells of tf.nn.rnn_cell
from ...ops.rnn_cell import __all__ as _cells
from ...ops.rnn_cell_impl import LayerRNNCell  # noqa: F401 - re-exported
from .block_ops import (
    FusedRNNCell,
    FusedRNNCellAdaptor,
    GRUBlockCell,
    GRUBlockCellV2,
    LSTMBlockCell,
    LSTMBlockFusedCell,
    LSTMBlockWrapper,
    TimeReversedFusedRNN,
)
from .core_rnn_cell import EmbeddingWrapper, InputProjectionWrapper, OutputProjectionWrapper
from .grid_lstm import BidirectionalGridLSTMCell, GridLSTMCell
from .rnn import stack_bidirectional_dynamic_rnn, stack_bidirectional_rnn
from .rnn_cell_lstm import (
    CompiledWrapper,
    CoupledInputForgetGateLSTMCell,
    HighwayWrapper,
    IntersectionRNNCell,
    LayerNormBasicLSTMCell,
    NASCell,
    TimeFreqLSTMCell,
    UGRNNCell,
)
from .rnn_cell_more import (
    AttentionCellWrapper,
    Conv1DLSTMCell,
    Conv2DLSTMCell,
    Conv3DLSTMCell,
    ConvLSTMCell,
    GLSTMCell,
    IndRNNCell,
    IndyGRUCell,
    IndyLSTMCell,
    PhasedLSTMCell,
    SRUCell,
)

_is_namespace = True
# contrib's own names (the core cells' names are added to this below)
__all__ = ["bidirectional_dynamic_rnn", "static_bidirectional_rnn", "static_rnn",
           "static_state_saving_rnn", "best_effort_input_batch_size", "transpose_batch_time",
           "LayerRNNCell", "EmbeddingWrapper", "InputProjectionWrapper",
           "OutputProjectionWrapper", "stack_bidirectional_dynamic_rnn",
           "stack_bidirectional_rnn", "CoupledInputForgetGateLSTMCell", "HighwayWrapper",
           "IntersectionRNNCell", "LayerNormBasicLSTMCell", "NASCell", "UGRNNCell",
           "AttentionCellWrapper", "Conv1DLSTMCell", "Conv2DLSTMCell", "Conv3DLSTMCell",
           "ConvLSTMCell", "IndRNNCell", "IndyGRUCell", "IndyLSTMCell", "PhasedLSTMCell",
           "SRUCell", "GLSTMCell", "TimeFreqLSTMCell", "CompiledWrapper", "FusedRNNCell",
           "FusedRNNCellAdaptor", "GRUBlockCell", "GRUBlockCellV2", "LSTMBlockCell",
           "LSTMBlockFusedCell", "LSTMBlockWrapper", "TimeReversedFusedRNN", "GridLSTMCell",
           "BidirectionalGridLSTMCell"]
__all__ = sorted(set(__all__) | set(_cells))
