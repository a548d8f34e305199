"""`tf.nn` of TF 2.x: `dropout` takes `rate`; `experimental.stateless_dropout` draws its
mask from `stateless_uniform` (what Keras 3's dropout calls)."""

from __future__ import annotations

import numbers
import types as _types

from ...framework.constant_op import constant, convert_to_tensor
from ...framework.ops import name_scope
from ...nn import *  # noqa: F403 - the v1 names
from ...ops.gen import apply_op
from ...ops.nn_ops import _noise_shape
from ...ops.nn_ops import dropout_v2 as dropout  # noqa: F401 - TF 2.x's tf.nn.dropout
from ...ops.stateless_random_ops import stateless_random_uniform


def stateless_dropout(x, rate, seed, rng_alg=None, noise_shape=None, name=None):
    """`tf.nn.experimental.stateless_dropout`: TF 2.21's `_dropout` with a stateless mask:
    `where_v2(uniform(seed) >= rate, x * (1 / (1 - rate)), 0)`."""
    with name_scope(name, "stateless_dropout", [x]):
        is_number = isinstance(rate, numbers.Real) and not isinstance(rate, bool)
        if is_number and (rate < 0 or rate >= 1):
            raise ValueError("`rate` must be a scalar tensor or a float in the range [0, 1). "
                             f"Received: rate={rate}")
        x = convert_to_tensor(x, name="x")
        if not x.dtype.is_floating:
            raise ValueError("`x.dtype` must be a floating point tensor as `x` will be "
                             f"scaled. Received: x_dtype={x.dtype}")
        if is_number and rate == 0:
            return x
        if not is_number:
            raise ValueError("philoxflow's stateless_dropout takes a Python float rate")
        scale = constant(1 / (1 - rate), dtype=x.dtype)
        ret = apply_op("Mul", None, [(x, "x", None), (scale, "y", None)])
        ns = _noise_shape(x, noise_shape)
        random_tensor = stateless_random_uniform(ns, seed, dtype=x.dtype,
                                                 alg="auto_select" if rng_alg is None
                                                 else rng_alg)
        keep_mask = random_tensor >= rate
        zero = constant(0, dtype=x.dtype)
        return apply_op("SelectV2", None, [(keep_mask, "condition", None), (ret, "t", None),
                                           (zero, "e", None)], dtype=x.dtype, shape=x.shape)


experimental = _types.ModuleType("philoxflow.compat.v2.nn.experimental")
experimental.stateless_dropout = stateless_dropout
experimental._is_namespace = True
_is_namespace = True
