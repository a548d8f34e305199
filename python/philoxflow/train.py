"""`tf.train` (TF 1.15): optimizers, global steps, learning-rate schedules, moving
averages and clipping helpers, built op for op as TF 1.15 builds them."""

from .training.adagrad import AdadeltaOptimizer, AdagradDAOptimizer, AdagradOptimizer
from .training.adam import AdamOptimizer
from .training.coordinator import Coordinator
from .training.ftrl import (
    FtrlOptimizer,
    ProximalAdagradOptimizer,
    ProximalGradientDescentOptimizer,
)
from .training.gradient_descent import GradientDescentOptimizer, MomentumOptimizer
from .training.learning_rate_decay import (
    cosine_decay,
    exponential_decay,
    inverse_time_decay,
    natural_exp_decay,
    piecewise_constant,
    polynomial_decay,
)
from .training.moving_averages import ExponentialMovingAverage
from .training.optimizer import Optimizer
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
from .training.training_util import (
    create_global_step,
    get_global_step,
    get_or_create_global_step,
    global_step,
)

_is_namespace = True

__all__ = [
    "AdadeltaOptimizer", "AdagradDAOptimizer", "AdagradOptimizer", "AdamOptimizer", "Coordinator",
    "ExponentialMovingAverage", "FtrlOptimizer", "GradientDescentOptimizer", "MomentumOptimizer",
    "NewCheckpointReader", "Optimizer", "ProximalAdagradOptimizer",
    "ProximalGradientDescentOptimizer", "RMSPropOptimizer", "Saver", "checkpoint_exists",
    "cosine_decay", "create_global_step", "exponential_decay", "get_global_step",
    "get_or_create_global_step", "global_step", "inverse_time_decay", "latest_checkpoint",
    "list_variables", "load_checkpoint", "natural_exp_decay", "piecewise_constant",
    "polynomial_decay", "update_checkpoint_state",
]
