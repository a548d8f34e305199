"""The `tf.random` namespace (v1 names), as aliases of the ops elsewhere."""

from .random_ops import random_normal as normal
from .random_ops import random_uniform as uniform
from .random_ops import set_random_seed, truncated_normal
from .random_ops import set_random_seed as set_seed

__all__ = ["normal", "uniform", "truncated_normal", "set_random_seed", "set_seed"]
