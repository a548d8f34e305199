"""The `tf.random` namespace (v1 names), as aliases of the ops elsewhere."""

from .random_ops import (
    categorical,
    multinomial,
    set_random_seed,
    stateless_categorical,
    stateless_truncated_normal,
    truncated_normal,
)
from .random_ops import random_crop as crop
from .random_ops import random_gamma as gamma
from .random_ops import random_normal as normal
from .random_ops import random_poisson as poisson
from .random_ops import random_shuffle as shuffle
from .random_ops import random_uniform as uniform
from .random_ops import set_random_seed as set_seed
from .random_ops import stateless_random_normal as stateless_normal
from .random_ops import stateless_random_uniform as stateless_uniform

__all__ = ["categorical", "multinomial", "crop", "gamma", "poisson", "shuffle", "normal",
           "uniform", "truncated_normal", "set_random_seed", "set_seed", "stateless_uniform",
           "stateless_normal", "stateless_truncated_normal", "stateless_categorical"]
from .stateless_extra import stateless_random_gamma as stateless_gamma, stateless_random_poisson as stateless_poisson, stateless_random_crop as stateless_crop  # noqa: E501,E402,F401,I001
