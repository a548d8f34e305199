"""`tf.random` of TF 2.x (`import philoxflow.compat.v2 as tf`): the v2 signatures over
the same builders as the graph targets; in eager mode each op they build runs at once."""

from __future__ import annotations

from ... import random as _v1
from ...eager import context as _context
from ...eager.generator import (  # noqa: F401 - tf.random names
    Algorithm,
    Generator,
    create_rng_state,
    get_global_generator,
    set_global_generator,
)
from ...framework import dtypes as _dtypes
from ...framework.ops import get_default_graph
from ...ops import random_ops as _random_ops

categorical = _v1.categorical
gamma = _v1.gamma
normal = _v1.normal
shuffle = _v1.shuffle
truncated_normal = _v1.truncated_normal
uniform = _v1.uniform
stateless_categorical = _v1.stateless_categorical
stateless_crop = _v1.stateless_crop
stateless_gamma = _v1.stateless_gamma
stateless_normal = _v1.stateless_normal
stateless_truncated_normal = _v1.stateless_truncated_normal
stateless_uniform = _v1.stateless_uniform


def set_seed(seed) -> None:
    """`tf.random.set_seed`: the eager context's global seed (fresh op-seed draws and a
    cleared kernel cache), or the graph seed of the function being traced."""
    g = get_default_graph()
    if getattr(g, "_is_func_graph", False):
        g.seed = seed
    else:
        _context.set_global_seed(seed)


def poisson(shape, lam, dtype=_dtypes.float32, seed=None, name=None):
    """`tf.random.poisson` (v2 argument order: shape first)."""
    return _random_ops.random_poisson(lam, shape, dtype=dtype, seed=seed, name=name)


_is_namespace = True
