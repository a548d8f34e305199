"""`tf.train.FtrlOptimizer`, `ProximalGradientDescentOptimizer` and
`ProximalAdagradOptimizer` (TF 1.15)."""

from __future__ import annotations

from ..framework.constant_op import constant, convert_to_tensor
from ..ops.math_ops import cast
from . import state_ops
from .optimizer import Optimizer


def _prepare_l1_l2(self):
    """`_prepare` of FTRL and the proximal optimizers: learning rate, l1, l2 (in order)."""
    self._learning_rate_tensor = convert_to_tensor(self._learning_rate, name="learning_rate")
    self._l1_t = convert_to_tensor(self._l1, name="l1_regularization_strength")
    self._l2_t = convert_to_tensor(self._l2, name="l2_regularization_strength")


class FtrlOptimizer(Optimizer):
    """`accum` slots from a constant of `initial_accumulator_value`, `linear` zeros."""

    def __init__(self, learning_rate, learning_rate_power=-0.5, initial_accumulator_value=0.1,
                 l1_regularization_strength=0.0, l2_regularization_strength=0.0,
                 use_locking=False, name="Ftrl", accum_name=None, linear_name=None,
                 l2_shrinkage_regularization_strength=0.0):
        super().__init__(use_locking, name)
        if initial_accumulator_value < 0.0:
            raise ValueError("initial_accumulator_value %f needs to be positive or zero"
                             % initial_accumulator_value)
        if learning_rate_power > 0.0:
            raise ValueError("learning_rate_power %f needs to be negative or zero"
                             % learning_rate_power)
        self._learning_rate = learning_rate
        self._learning_rate_power = learning_rate_power
        self._initial_accumulator_value = initial_accumulator_value
        self._l1 = l1_regularization_strength
        self._l2 = l2_regularization_strength
        self._l2_shrinkage = l2_shrinkage_regularization_strength
        self._accum_name, self._linear_name = accum_name, linear_name

    def _create_slots(self, var_list):
        for v in var_list:
            val = constant(self._initial_accumulator_value, dtype=v.dtype.base_dtype,
                           shape=v.shape.as_list())
            self._get_or_make_slot(v, val, "accum", self._accum_name or self._name)
            self._zeros_slot(v, "linear", self._linear_name or self._name)

    def _prepare(self):
        _prepare_l1_l2(self)
        self._l2_shrinkage_t = convert_to_tensor(self._l2_shrinkage,
                                                 name="l2_shrinkage_regularization_strength")
        self._lr_power_t = convert_to_tensor(self._learning_rate_power,
                                             name="learning_rate_power")

    def _args(self, var, grad_args):
        dt = var.dtype.base_dtype
        args = [(self.get_slot(var, "accum"), "accum"), (self.get_slot(var, "linear"), "linear")]
        args += grad_args
        args += [(cast(self._learning_rate_tensor, dt), "lr"), (cast(self._l1_t, dt), "l1"),
                 (cast(self._l2_t, dt), "l2")]
        if self._l2_shrinkage > 0.0:
            args.append((cast(self._l2_shrinkage_t, dt), "l2_shrinkage"))
        args.append((cast(self._lr_power_t, dt), "lr_power"))
        return args

    def _apply_dense(self, grad, var):
        op = "ApplyFtrl" if self._l2_shrinkage <= 0.0 else "ApplyFtrlV2"
        return state_ops.apply(op, var, self._args(var, [(grad, "grad")]), self._use_locking)

    def _apply_sparse(self, grad, var):
        op = "SparseApplyFtrl" if self._l2_shrinkage <= 0.0 else "SparseApplyFtrlV2"
        return state_ops.apply(op, var, self._args(
            var, [(grad.values, "grad"), (grad.indices, "indices")]), self._use_locking)


class ProximalGradientDescentOptimizer(Optimizer):
    def __init__(self, learning_rate, l1_regularization_strength=0.0,
                 l2_regularization_strength=0.0, use_locking=False,
                 name="ProximalGradientDescent"):
        super().__init__(use_locking, name)
        self._learning_rate = learning_rate
        self._l1, self._l2 = l1_regularization_strength, l2_regularization_strength

    _prepare = _prepare_l1_l2

    def _apply_dense(self, grad, var):
        return state_ops.apply("ApplyProximalGradientDescent", var,
                               [(self._learning_rate_tensor, "alpha"), (self._l1_t, "l1"),
                                (self._l2_t, "l2"), (grad, "delta")], self._use_locking)

    def _apply_sparse(self, grad, var):
        return state_ops.apply("SparseApplyProximalGradientDescent", var,
                               [(self._learning_rate_tensor, "alpha"), (self._l1_t, "l1"),
                                (self._l2_t, "l2"), (grad.values, "grad"),
                                (grad.indices, "indices")], self._use_locking)


class ProximalAdagradOptimizer(Optimizer):
    def __init__(self, learning_rate, initial_accumulator_value=0.1,
                 l1_regularization_strength=0.0, l2_regularization_strength=0.0,
                 use_locking=False, name="ProximalAdagrad"):
        if initial_accumulator_value <= 0.0:
            raise ValueError("initial_accumulator_value must be positive: %s"
                             % initial_accumulator_value)
        super().__init__(use_locking, name)
        self._learning_rate = learning_rate
        self._initial_accumulator_value = initial_accumulator_value
        self._l1, self._l2 = l1_regularization_strength, l2_regularization_strength

    def _create_slots(self, var_list):
        for v in var_list:
            val = constant(self._initial_accumulator_value, shape=v.shape.as_list(),
                           dtype=v.dtype.base_dtype)
            self._get_or_make_slot(v, val, "accumulator", self._name)

    _prepare = _prepare_l1_l2

    def _apply_dense(self, grad, var):
        return state_ops.apply("ApplyProximalAdagrad", var,
                               [(self.get_slot(var, "accumulator"), "accum"),
                                (self._learning_rate_tensor, "lr"), (self._l1_t, "l1"),
                                (self._l2_t, "l2"), (grad, "grad")], self._use_locking)

    def _apply_sparse(self, grad, var):
        return state_ops.apply("SparseApplyProximalAdagrad", var,
                               [(self.get_slot(var, "accumulator"), "accum"),
                                (self._learning_rate_tensor, "lr"), (self._l1_t, "l1"),
                                (self._l2_t, "l2"), (grad.values, "grad"),
                                (grad.indices, "indices")], self._use_locking)
