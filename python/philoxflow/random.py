"""The `tf.random` namespace (v1 names), as aliases of the ops elsewhere."""

from .random_ops import categorical, multinomial, set_random_seed, truncated_normal
from .random_ops import random_crop as crop
from .random_ops import random_gamma as gamma
from .random_ops import random_normal as normal
from .random_ops import random_poisson as poisson
from .random_ops import random_shuffle as shuffle
from .random_ops import random_uniform as uniform
from .random_ops import set_random_seed as set_seed

__all__ = ["categorical", "multinomial", "crop", "gamma", "poisson", "shuffle", "normal",
           "uniform", "truncated_normal", "set_random_seed", "set_seed"]
