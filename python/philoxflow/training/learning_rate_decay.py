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


def _exponential(learning_rate, step, decay_steps, decay_rate, staircase, name,
                 default="ExponentialDecay"):
    with name_scope(name or default) as scope:
        lr = convert_to_tensor(learning_rate, name="initial_learning_rate")
        dtype = lr.dtype
        decay_steps = math_ops.cast(decay_steps, dtype)
        decay_rate = math_ops.cast(decay_rate, dtype)
        p = math_ops.cast(step, dtype) / decay_steps
        if staircase:
            p = math_ops.floor(p)
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
        lr = convert_to_tensor(learning_rate, name="initial_learning_rate")
        dtype = lr.dtype
        decay_steps = math_ops.cast(decay_steps, dtype)
        decay_rate = math_ops.cast(decay_rate, dtype)
        p = math_ops.cast(global_step, dtype) / decay_steps
        if staircase:
            p = math_ops.floor(p)
        one = math_ops.cast(constant(1), dtype)
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
