"""`tf.nn` of TF 2.x: `dropout` takes `rate`; `experimental.stateless_dropout` draws its
mask from `stateless_uniform` (what Keras 3's dropout calls)."""

from __future__ import annotations

import types as _types

from ...nn import *  # noqa: F403 - the v1 names
from ...ops.nn_ops import _dropout_where
from ...ops.nn_ops import dropout_v2 as dropout  # noqa: F401 - TF 2.x's tf.nn.dropout
from ...ops.stateless_random_ops import stateless_random_uniform


def stateless_dropout(x, rate, seed, rng_alg=None, noise_shape=None, name=None):
    """`tf.nn.experimental.stateless_dropout`: TF 2.21's `_dropout` with a stateless mask:
    `where_v2(uniform(seed) >= rate, x * (1 / (1 - rate)), 0)`."""
    alg = "auto_select" if rng_alg is None else rng_alg
    return _dropout_where(
        x, rate, noise_shape,
        lambda ns, dtype: stateless_random_uniform(ns, seed, dtype=dtype, alg=alg),
        lambda: None, name, "stateless_dropout")


experimental = _types.ModuleType("philoxflow.compat.v2.nn.experimental")
experimental.stateless_dropout = stateless_dropout
experimental._is_namespace = True
_is_namespace = True
