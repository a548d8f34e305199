"""`tf.distributions`: TF 1.15's distributions namespace (the `Distribution` base,
`Normal`, `Categorical`, `Bernoulli`, KL divergences); the other distributions say they
are not implemented."""

from ._api_names import module_getattr
from .ops.distributions import (  # noqa: F401 - the namespace's names
    FULLY_REPARAMETERIZED,
    NOT_REPARAMETERIZED,
    Bernoulli,
    Categorical,
    Distribution,
    Normal,
    RegisterKL,
    ReparameterizationType,
    kl_divergence,
)

__getattr__ = module_getattr("distributions", __name__)
