"""The `tf.random` namespace (v1 names), as aliases of the ops elsewhere."""

from .framework.random_seed import get_seed, set_random_seed
from .framework.random_seed import set_random_seed as set_seed
from .ops.random_ops import categorical, multinomial, truncated_normal
from .ops.random_ops import random_crop as crop
from .ops.random_ops import random_gamma as gamma
from .ops.random_ops import random_normal as normal
from .ops.random_ops import random_poisson as poisson
from .ops.random_ops import random_shuffle as shuffle
from .ops.random_ops import random_uniform as uniform
from .ops.stateless_random_ops import (
           stateless_categorical,
           stateless_multinomial,
           stateless_truncated_normal,
)
from .ops.stateless_random_ops import stateless_random_normal as stateless_normal
from .ops.stateless_random_ops import stateless_random_uniform as stateless_uniform
from .stateless_extra import stateless_random_crop as stateless_crop
from .stateless_extra import stateless_random_gamma as stateless_gamma
from .stateless_extra import stateless_random_poisson as stateless_poisson

_is_namespace = True
__all__ = ["categorical", "multinomial", "crop", "gamma", "poisson", "shuffle", "normal",
           "uniform", "truncated_normal", "set_random_seed", "set_seed", "get_seed",
           "stateless_uniform", "stateless_normal", "stateless_truncated_normal",
           "stateless_categorical", "stateless_gamma", "stateless_poisson", "stateless_crop",
           "stateless_multinomial"]

# --- issue 16: the candidate samplers; a TF 1.15 name philoxflow lacks says so
from ._api_names import module_getattr as _module_getattr  # noqa: E402
from .ops.candidate_sampling_ops import (  # noqa: E402
    all_candidate_sampler,
    fixed_unigram_candidate_sampler,
    learned_unigram_candidate_sampler,
    log_uniform_candidate_sampler,
    uniform_candidate_sampler,
)

__all__ += ["all_candidate_sampler", "fixed_unigram_candidate_sampler",
            "learned_unigram_candidate_sampler", "log_uniform_candidate_sampler",
            "uniform_candidate_sampler"]
__getattr__ = _module_getattr("random", __name__)
