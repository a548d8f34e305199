"""`tf.train` (TF 1.15): optimizers, global steps, learning-rate schedules, moving
averages and clipping helpers, built op for op as TF 1.15 builds them."""

from . import _api_names
from .training.adagrad import AdadeltaOptimizer, AdagradDAOptimizer, AdagradOptimizer
from .training.adam import AdamOptimizer
from .training.basic_session_run_hooks import (
    CheckpointSaverHook,
    CheckpointSaverListener,
    FeedFnHook,
    FinalOpsHook,
    GlobalStepWaiterHook,
    LoggingTensorHook,
    NanLossDuringTrainingError,
    NanTensorHook,
    SecondOrStepTimer,
    StepCounterHook,
    StopAtStepHook,
    SummarySaverHook,
)
from .training.checkpoint_management import (
    checkpoints_iterator,
    generate_checkpoint_state_proto,
    get_checkpoint_mtimes,
    get_checkpoint_state,
    load_variable,
    remove_checkpoint,
)
from .training.coordinator import Coordinator, LooperThread, basic_train_loop
from .training.device_setter import ClusterSpec, replica_device_setter
from .training.ftrl import (
    FtrlOptimizer,
    ProximalAdagradOptimizer,
    ProximalGradientDescentOptimizer,
)
from .training.gradient_descent import GradientDescentOptimizer, MomentumOptimizer
from .training.input import (
    batch,
    batch_join,
    input_producer,
    limit_epochs,
    match_filenames_once,
    maybe_batch,
    maybe_batch_join,
    maybe_shuffle_batch,
    maybe_shuffle_batch_join,
    range_input_producer,
    shuffle_batch,
    shuffle_batch_join,
    slice_input_producer,
    string_input_producer,
)
from .training.learning_rate_decay import (
    cosine_decay,
    cosine_decay_restarts,
    exponential_decay,
    inverse_time_decay,
    linear_cosine_decay,
    natural_exp_decay,
    noisy_linear_cosine_decay,
    piecewise_constant,
    piecewise_constant_decay,
    polynomial_decay,
)
from .training.monitored_session import (
    ChiefSessionCreator,
    MonitoredSession,
    MonitoredTrainingSession,
    Scaffold,
    SessionCreator,
    SingularMonitoredSession,
    WorkerSessionCreator,
)
from .training.moving_averages import ExponentialMovingAverage
from .training.optimizer import Optimizer
from .training.protos import (
    BytesList,
    ClusterDef,
    Example,
    Feature,
    FeatureList,
    FeatureLists,
    Features,
    FloatList,
    Int64List,
    JobDef,
    SaverDef,
    SequenceExample,
    ServerDef,
)
from .training.queue_runner import QueueRunner, add_queue_runner, start_queue_runners
from .training.rmsprop import RMSPropOptimizer
from .training.saver import (
    NewCheckpointReader,
    Saver,
    checkpoint_exists,
    latest_checkpoint,
    list_variables,
    load_checkpoint,
    update_checkpoint_state,
)
from .training.sdca_ops import VocabInfo, sdca_fprint, sdca_optimizer, sdca_shrink_l1
from .training.session_manager import SessionManager
from .training.session_run_hook import (
    SessionRunArgs,
    SessionRunContext,
    SessionRunHook,
    SessionRunValues,
)
from .training.supervisor import Supervisor
from .training.training_util import (
    assert_global_step,
    create_global_step,
    get_global_step,
    get_or_create_global_step,
    global_step,
)

_is_namespace = True

__all__ = [
    "AdadeltaOptimizer", "AdagradDAOptimizer", "AdagradOptimizer", "AdamOptimizer",
    "BytesList", "CheckpointSaverHook", "CheckpointSaverListener", "ChiefSessionCreator",
    "ClusterDef", "ClusterSpec", "Coordinator", "Example", "ExponentialMovingAverage",
    "Feature", "FeatureList", "FeatureLists", "Features", "FeedFnHook", "FinalOpsHook",
    "FloatList", "FtrlOptimizer", "GlobalStepWaiterHook", "GradientDescentOptimizer",
    "Int64List", "JobDef", "LoggingTensorHook", "LooperThread", "MomentumOptimizer",
    "MonitoredSession", "MonitoredTrainingSession", "NanLossDuringTrainingError",
    "NanTensorHook", "NewCheckpointReader", "Optimizer", "ProximalAdagradOptimizer",
    "ProximalGradientDescentOptimizer", "QueueRunner", "RMSPropOptimizer", "Saver", "SaverDef",
    "Scaffold", "SecondOrStepTimer", "SequenceExample", "ServerDef", "SessionCreator",
    "SessionManager", "SessionRunArgs", "SessionRunContext", "SessionRunHook",
    "SessionRunValues", "SingularMonitoredSession", "StepCounterHook", "StopAtStepHook",
    "SummarySaverHook", "Supervisor", "VocabInfo", "WorkerSessionCreator", "add_queue_runner",
    "assert_global_step", "basic_train_loop", "batch", "batch_join", "checkpoint_exists",
    "checkpoints_iterator", "cosine_decay", "cosine_decay_restarts", "create_global_step",
    "exponential_decay", "generate_checkpoint_state_proto", "get_checkpoint_mtimes",
    "get_checkpoint_state", "get_global_step", "get_or_create_global_step", "global_step",
    "input_producer", "inverse_time_decay", "latest_checkpoint", "limit_epochs",
    "linear_cosine_decay", "list_variables", "load_checkpoint", "load_variable",
    "match_filenames_once", "maybe_batch", "maybe_batch_join", "maybe_shuffle_batch",
    "maybe_shuffle_batch_join", "natural_exp_decay", "noisy_linear_cosine_decay",
    "piecewise_constant", "piecewise_constant_decay", "polynomial_decay",
    "range_input_producer", "remove_checkpoint", "replica_device_setter", "sdca_fprint",
    "sdca_optimizer", "sdca_shrink_l1", "shuffle_batch", "shuffle_batch_join",
    "slice_input_producer", "start_queue_runners", "string_input_producer",
    "update_checkpoint_state",
]

# A name TF 1.15 has here and philoxflow does not says so (issue 16).
__getattr__ = _api_names.module_getattr("train", __name__)
