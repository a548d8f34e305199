"""`tf.train` (TF 1.15): optimizers, global steps, learning-rate schedules, moving
averages and clipping helpers, built op for op as TF 1.15 builds them."""

from .training.adam import AdamOptimizer
from .training.gradient_descent import GradientDescentOptimizer, MomentumOptimizer
from .training.optimizer import Optimizer
from .training.training_util import (
    create_global_step,
    get_global_step,
    get_or_create_global_step,
    global_step,
)

_is_namespace = True

__all__ = ["AdamOptimizer", "GradientDescentOptimizer", "MomentumOptimizer", "Optimizer",
           "create_global_step", "get_global_step", "get_or_create_global_step",
           "global_step"]
