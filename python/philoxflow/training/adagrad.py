"""`tf.train.AdagradOptimizer`, `AdagradDAOptimizer`, `AdadeltaOptimizer` (TF 1.15)."""

from __future__ import annotations

from ..framework.constant_op import constant, convert_to_tensor
from ..ops.array_ops import identity
from ..ops.init_ops import constant_initializer
from ..ops.math_ops import cast
from . import state_ops
from .optimizer import Optimizer


class AdagradOptimizer(Optimizer):
    """`accumulator` slots initialised to `initial_accumulator_value`; ApplyAdagrad."""

    def __init__(self, learning_rate, initial_accumulator_value=0.1, use_locking=False,
                 name="Adagrad"):
        if initial_accumulator_value <= 0.0:
            raise ValueError("initial_accumulator_value must be positive: %s"
                             % initial_accumulator_value)
        super().__init__(use_locking, name)
        self._learning_rate = learning_rate
        self._initial_accumulator_value = initial_accumulator_value

    def _create_slots(self, var_list):
        for v in var_list:
            dt = v.dtype.base_dtype
            if not v.shape.is_fully_defined():
                raise NotImplementedError("Adagrad slots of variables with unknown shapes")
            init = constant_initializer(self._initial_accumulator_value, dtype=dt)
            self._get_or_make_slot_with_initializer(v, init, v.shape, dt, "accumulator",
                                                    self._name)

    def _prepare(self):
        self._learning_rate_tensor = convert_to_tensor(
            self._call_if_callable(self._learning_rate), name="learning_rate")

    def _apply_dense(self, grad, var):
        acc = self.get_slot(var, "accumulator")
        lr = cast(self._learning_rate_tensor, var.dtype.base_dtype)
        return state_ops.apply("ApplyAdagrad", var, [(acc, "accum"), (lr, "lr"),
                                                     (grad, "grad")], self._use_locking)

    def _apply_sparse(self, grad, var):
        acc = self.get_slot(var, "accumulator")
        lr = cast(self._learning_rate_tensor, var.dtype.base_dtype)
        return state_ops.apply("SparseApplyAdagrad", var,
                               [(acc, "accum"), (lr, "lr"), (grad.values, "grad"),
                                (grad.indices, "indices")], self._use_locking)


class AdagradDAOptimizer(Optimizer):
    """Adagrad dual averaging: gradient and squared-gradient accumulators (slots from
    constants) and the global step read once per `_prepare` and once per update."""

    def __init__(self, learning_rate, global_step, initial_gradient_squared_accumulator_value=0.1,
                 l1_regularization_strength=0.0, l2_regularization_strength=0.0,
                 use_locking=False, name="AdagradDA"):
        if initial_gradient_squared_accumulator_value <= 0.0:
            raise ValueError("initial_gradient_squared_accumulator_value must be positive: %s"
                             % initial_gradient_squared_accumulator_value)
        super().__init__(use_locking, name)
        self._learning_rate = learning_rate
        self._initial_gradient_squared_accumulator_value = \
            initial_gradient_squared_accumulator_value
        self._l1_regularization_strength = l1_regularization_strength
        self._l2_regularization_strength = l2_regularization_strength
        self._global_step = global_step

    def _create_slots(self, var_list):
        for v in var_list:
            dt = v.dtype.base_dtype
            g_val = constant(0.0, shape=v.shape.as_list(), dtype=dt)
            gg_val = constant(self._initial_gradient_squared_accumulator_value,
                              shape=v.shape.as_list(), dtype=dt)
            self._get_or_make_slot(v, g_val, "gradient_accumulator", self._name)
            self._get_or_make_slot(v, gg_val, "gradient_squared_accumulator", self._name)

    def _prepare(self):
        self._learning_rate_tensor = convert_to_tensor(self._learning_rate,
                                                       name="learning_rate")
        self._global_step_on_worker = identity(self._global_step) + 1

    def _apply_dense(self, grad, var):
        g_acc = self.get_slot(var, "gradient_accumulator")
        gg_acc = self.get_slot(var, "gradient_squared_accumulator")
        step = identity(self._global_step_on_worker)
        dt = var.dtype.base_dtype
        return state_ops.apply(
            "ApplyAdagradDA", var,
            [(g_acc, "gradient_accumulator"), (gg_acc, "gradient_squared_accumulator"),
             (grad, "grad"), (cast(self._learning_rate_tensor, dt), "lr"),
             (cast(self._l1_regularization_strength, dt), "l1"),
             (cast(self._l2_regularization_strength, dt), "l2"), (step, "global_step")],
            self._use_locking)

    def _apply_sparse(self, grad, var):
        g_acc = self.get_slot(var, "gradient_accumulator")
        gg_acc = self.get_slot(var, "gradient_squared_accumulator")
        step = identity(self._global_step_on_worker)
        dt = var.dtype.base_dtype
        return state_ops.apply(
            "SparseApplyAdagradDA", var,
            [(g_acc, "gradient_accumulator"), (gg_acc, "gradient_squared_accumulator"),
             (grad.values, "grad"), (grad.indices, "indices"),
             (cast(self._learning_rate_tensor, dt), "lr"),
             (cast(self._l1_regularization_strength, dt), "l1"),
             (cast(self._l2_regularization_strength, dt), "l2"), (step, "global_step")],
            self._use_locking)


class AdadeltaOptimizer(Optimizer):
    """`accum` and `accum_update` zero slots; ApplyAdadelta."""

    def __init__(self, learning_rate=0.001, rho=0.95, epsilon=1e-8, use_locking=False,
                 name="Adadelta"):
        super().__init__(use_locking, name)
        self._lr, self._rho, self._epsilon = learning_rate, rho, epsilon

    def _create_slots(self, var_list):
        for v in var_list:
            self._zeros_slot(v, "accum", self._name)
            self._zeros_slot(v, "accum_update", self._name)

    def _prepare(self):
        c = self._call_if_callable
        self._lr_t = convert_to_tensor(c(self._lr), name="lr")
        self._rho_t = convert_to_tensor(c(self._rho), name="rho")
        self._epsilon_t = convert_to_tensor(c(self._epsilon), name="epsilon")

    def _args(self, var):
        dt = var.dtype.base_dtype
        return [(self.get_slot(var, "accum"), "accum"),
                (self.get_slot(var, "accum_update"), "accum_update"),
                (cast(self._lr_t, dt), "lr"), (cast(self._rho_t, dt), "rho"),
                (cast(self._epsilon_t, dt), "epsilon")]

    def _apply_dense(self, grad, var):
        return state_ops.apply("ApplyAdadelta", var, self._args(var) + [(grad, "grad")],
                               self._use_locking)

    def _apply_sparse(self, grad, var):
        return state_ops.apply("SparseApplyAdadelta", var, self._args(var)
                               + [(grad.values, "grad"), (grad.indices, "indices")],
                               self._use_locking)
