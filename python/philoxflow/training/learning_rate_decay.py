"""Learning-rate schedules of `tf.train` (TF 1.15's `learning_rate_decay.py`, which
calls the Keras schedules once with the global step in graph mode): each opens its
schedule's name scope and converts and casts its parameters as TF does."""

from __future__ import annotations

import math

from ..framework.constant_op import constant, convert_to_tensor
from ..framework.ops import name_scope
from ..ops import math_ops
from ..ops.gen import apply_op


def _gen_unary(op_type, x, name=None):
    """A generated unary wrapper: a Python input becomes `<Op>/x` inside its scope."""
    return apply_op(op_type, name, [(x, "x", None)],
                    dtype=None if not hasattr(x, "dtype") else x.dtype)


def _pow(x, y, name=None):
    with name_scope(name, "Pow", [x]) as scope:
        x = convert_to_tensor(x)
        return apply_op("Pow", scope, [(x, "x", None), (y, "y", x.dtype)], dtype=x.dtype,
                        shape=x.shape)


def _need_step(global_step, what):
    if global_step is None:
        raise ValueError(f"global_step is required for {what}.")


def _progress(learning_rate, step, decay_steps, decay_rate, staircase):
    """The exponential and inverse-time decays' start (in their scope): the learning rate,
    the rate in its dtype and `step / decay_steps` (floored for a staircase)."""
    lr = convert_to_tensor(learning_rate, name="initial_learning_rate")
    dtype = lr.dtype
    decay_steps = math_ops.cast(decay_steps, dtype)
    decay_rate = math_ops.cast(decay_rate, dtype)
    p = math_ops.cast(step, dtype) / decay_steps
    if staircase:
        p = math_ops.floor(p)
    return lr, decay_rate, p


def _exponential(learning_rate, step, decay_steps, decay_rate, staircase, name,
                 default="ExponentialDecay"):
    with name_scope(name or default) as scope:
        lr, decay_rate, p = _progress(learning_rate, step, decay_steps, decay_rate, staircase)
        return math_ops.multiply(lr, _pow(decay_rate, p), name=scope)


def exponential_decay(learning_rate, global_step, decay_steps, decay_rate, staircase=False,
                      name=None):
    _need_step(global_step, "exponential_decay")
    return _exponential(learning_rate, global_step, decay_steps, decay_rate, staircase, name)


def natural_exp_decay(learning_rate, global_step, decay_steps, decay_rate, staircase=False,
                      name=None):
    _need_step(global_step, "natural_exp_decay")
    rate = _gen_unary("Exp", _gen_unary("Neg", decay_rate))
    return _exponential(learning_rate, global_step, decay_steps, rate, staircase, name)


def inverse_time_decay(learning_rate, global_step, decay_steps, decay_rate, staircase=False,
                       name=None):
    _need_step(global_step, "inverse_time_decay")
    with name_scope(name or "InverseTimeDecay") as scope:
        lr, decay_rate, p = _progress(learning_rate, global_step, decay_steps, decay_rate,
                                      staircase)
        one = math_ops.cast(constant(1), lr.dtype)
        denom = math_ops.add(one, math_ops.multiply(decay_rate, p))
        return math_ops.divide(lr, denom, name=scope)


def polynomial_decay(learning_rate, global_step, decay_steps, end_learning_rate=0.0001,
                     power=1.0, cycle=False, name=None):
    _need_step(global_step, "polynomial_decay")
    with name_scope(name or "PolynomialDecay") as scope:
        lr = convert_to_tensor(learning_rate, name="initial_learning_rate")
        dtype = lr.dtype
        end_lr = math_ops.cast(end_learning_rate, dtype)
        power_t = math_ops.cast(power, dtype)
        step = math_ops.cast(global_step, dtype)
        steps = math_ops.cast(decay_steps, dtype)
        if cycle:
            from ..ops.control_flow_ops import cond

            multiplier = cond(math_ops.equal(step, 0), lambda: 1.0,
                              lambda: _gen_unary("Ceil", step / decay_steps))
            steps = math_ops.multiply(steps, multiplier)
        else:
            step = math_ops.minimum(step, decay_steps)
        p = math_ops.divide(step, steps)
        return math_ops.add(math_ops.multiply(lr - end_lr, _pow(1 - p, power_t)), end_lr,
                            name=scope)


def cosine_decay(learning_rate, global_step, decay_steps, alpha=0.0, name=None):
    _need_step(global_step, "cosine decay")
    with name_scope(name or "CosineDecay"):
        lr = convert_to_tensor(learning_rate, name="initial_learning_rate")
        dtype = lr.dtype
        decay_steps = math_ops.cast(decay_steps, dtype)
        step = math_ops.minimum(math_ops.cast(global_step, dtype), decay_steps)
        fraction = step / decay_steps
        cos = _gen_unary("Cos", constant(math.pi) * fraction)
        cosine_decayed = 0.5 * (1.0 + cos)
        decayed = (1 - alpha) * cosine_decayed + alpha
        return math_ops.multiply(lr, decayed)


def piecewise_constant(x, boundaries, values, name=None):
    """`values[i]` while `boundaries[i-1] < x <= boundaries[i]` (a `tf.case` of conds)."""
    from ..framework import dtypes as _dtypes
    from ..ops._grad_ops import logical_and
    from ..ops.control_flow_ops import case

    if len(boundaries) != len(values) - 1:
        raise ValueError("The length of boundaries should be 1 less than the length of "
                         "values")
    # (TF 1.15's wrapper converts and casts before the schedule opens its scope.)
    boundaries = [convert_to_tensor(b) for b in boundaries]
    values = [convert_to_tensor(v) for v in values]
    x = convert_to_tensor(x)
    for i, b in enumerate(boundaries):
        if b.dtype.base_dtype != x.dtype.base_dtype:
            if b.dtype == _dtypes.int32 and x.dtype == _dtypes.int64:
                boundaries[i] = math_ops.cast(b, x.dtype)
            else:
                raise ValueError(f"Boundaries ({b.dtype.base_dtype}) must have the same "
                                 f"dtype as x ({x.dtype.base_dtype}).")
    for v in values[1:]:
        if v.dtype.base_dtype != values[0].dtype.base_dtype:
            raise ValueError("Values must have elements all with the same dtype "
                             f"({values[0].dtype.base_dtype} vs {v.dtype.base_dtype}).")
    with name_scope(name or "PiecewiseConstant"):
        pairs = [(x <= boundaries[0], lambda: values[0]),
                 (x > boundaries[-1], lambda: values[-1])]
        for low, high, v in zip(boundaries[:-1], boundaries[1:], values[1:-1]):
            pairs.append((logical_and(x > low, x <= high, name="and"), lambda v=v: v))
        return case(pairs, lambda: values[0], exclusive=True)


def piecewise_constant_decay(x, boundaries, values, name=None):
    """`tf.train.piecewise_constant_decay`: `piecewise_constant`'s other TF 1.15 name."""
    return piecewise_constant(x, boundaries, values, name=name)


def cosine_decay_restarts(learning_rate, global_step, first_decay_steps, t_mul=2.0, m_mul=1.0,
                          alpha=0.0, name=None):
    """SGDR: cosine decay with warm restarts (Keras' CosineDecayRestarts, one call)."""
    from ..ops.control_flow_ops import cond

    with name_scope(name or "SGDRDecay") as scope:
        lr = convert_to_tensor(learning_rate, name="initial_learning_rate")
        dtype = lr.dtype
        first_decay_steps = math_ops.cast(first_decay_steps, dtype)
        alpha = math_ops.cast(alpha, dtype)
        t_mul = math_ops.cast(t_mul, dtype)
        m_mul = math_ops.cast(m_mul, dtype)
        completed_fraction = math_ops.cast(global_step, dtype) / first_decay_steps

        def compute_step(completed_fraction, geometric=False):
            if geometric:
                i_restart = _gen_unary("Floor", _gen_unary(
                    "Log", 1.0 - completed_fraction * (1.0 - t_mul)) / _gen_unary("Log", t_mul))
                sum_r = (1.0 - t_mul ** i_restart) / (1.0 - t_mul)
                completed_fraction = (completed_fraction - sum_r) / t_mul ** i_restart
            else:
                i_restart = _gen_unary("Floor", completed_fraction)
                completed_fraction -= i_restart
            return i_restart, completed_fraction

        i_restart, completed_fraction = cond(
            math_ops.equal(t_mul, 1.0),
            lambda: compute_step(completed_fraction, geometric=False),
            lambda: compute_step(completed_fraction, geometric=True))
        m_fac = m_mul ** i_restart
        cosine_decayed = 0.5 * m_fac * (1.0 + _gen_unary(
            "Cos", constant(math.pi) * completed_fraction))
        decayed = (1 - alpha) * cosine_decayed + alpha
        return math_ops.multiply(lr, decayed, name=scope)


def _linear_cosine(learning_rate, global_step, decay_steps, num_periods, alpha, beta, name,
                   default, noise=None):
    """Linear cosine decay, with Keras' NoisyLinearCosineDecay noise when `noise` is given
    as `(initial_variance, variance_decay)`."""
    from ..ops.random_ops import random_normal

    with name_scope(name or default) as scope:
        lr = convert_to_tensor(learning_rate, name="initial_learning_rate")
        dtype = lr.dtype
        decay_steps = math_ops.cast(decay_steps, dtype)
        if noise is not None:
            initial_variance = math_ops.cast(noise[0], dtype)
            variance_decay = math_ops.cast(noise[1], dtype)
        num_periods = math_ops.cast(num_periods, dtype)
        alpha = math_ops.cast(alpha, dtype)
        beta = math_ops.cast(beta, dtype)
        step = math_ops.minimum(math_ops.cast(global_step, dtype), decay_steps)
        linear_decayed = (decay_steps - step) / decay_steps
        if noise is not None:
            variance = initial_variance / math_ops.pow(1.0 + step, variance_decay)
            std = math_ops.sqrt(variance)
            linear_decayed = linear_decayed + random_normal(linear_decayed.shape, stddev=std)
        completed_fraction = step / decay_steps
        fraction = 2.0 * num_periods * completed_fraction
        cosine_decayed = 0.5 * (1.0 + _gen_unary("Cos", constant(math.pi) * fraction))
        decayed = (alpha + linear_decayed) * cosine_decayed + beta
        return math_ops.multiply(lr, decayed, name=scope)


def linear_cosine_decay(learning_rate, global_step, decay_steps, num_periods=0.5, alpha=0.0,
                        beta=0.001, name=None):
    """`tf.train.linear_cosine_decay`."""
    return _linear_cosine(learning_rate, global_step, decay_steps, num_periods, alpha, beta,
                          name, "LinearCosineDecay")


def noisy_linear_cosine_decay(learning_rate, global_step, decay_steps, initial_variance=1.0,
                              variance_decay=0.55, num_periods=0.5, alpha=0.0, beta=0.001,
                              name=None):
    """`tf.train.noisy_linear_cosine_decay`: a graph-seeded normal noise term, as TF's."""
    return _linear_cosine(learning_rate, global_step, decay_steps, num_periods, alpha, beta,
                          name, "NoisyLinearCosineDecay", (initial_variance, variance_decay))
