"""`tf.train.AdamOptimizer` (TF 1.15): `beta1_power`/`beta2_power` non-slot variables,
`m`/`v` slots (`<var>/Adam`, `<var>/Adam_1`), ApplyAdam, then the powers' updates."""

from __future__ import annotations

from ..framework.constant_op import convert_to_tensor
from ..framework.ops import control_dependencies
from ..ops import control_flow_ops
from ..ops.math_ops import cast, sqrt
from . import state_ops
from .optimizer import Optimizer


class AdamOptimizer(Optimizer):
    def __init__(self, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8,
                 use_locking=False, name="Adam"):
        super().__init__(use_locking, name)
        self._lr, self._beta1, self._beta2, self._epsilon = learning_rate, beta1, beta2, epsilon
        self._lr_t = self._beta1_t = self._beta2_t = self._epsilon_t = None

    def _get_beta_accumulators(self):
        return (self._get_non_slot_variable("beta1_power"),
                self._get_non_slot_variable("beta2_power"))

    def _create_slots(self, var_list):
        first = min(var_list, key=lambda x: x.name)
        self._create_non_slot_variable(self._beta1, "beta1_power", first)
        self._create_non_slot_variable(self._beta2, "beta2_power", first)
        for v in var_list:
            self._zeros_slot(v, "m", self._name)
            self._zeros_slot(v, "v", self._name)

    def _prepare(self):
        c = self._call_if_callable
        self._lr_t = convert_to_tensor(c(self._lr), name="learning_rate")
        self._beta1_t = convert_to_tensor(c(self._beta1), name="beta1")
        self._beta2_t = convert_to_tensor(c(self._beta2), name="beta2")
        self._epsilon_t = convert_to_tensor(c(self._epsilon), name="epsilon")

    def _apply_dense(self, grad, var):
        m = self.get_slot(var, "m")
        v = self.get_slot(var, "v")
        b1p, b2p = self._get_beta_accumulators()
        dt = var.dtype.base_dtype
        args = [(m, "m"), (v, "v"), (cast(b1p, dt), "beta1_power"),
                (cast(b2p, dt), "beta2_power"), (cast(self._lr_t, dt), "lr"),
                (cast(self._beta1_t, dt), "beta1"), (cast(self._beta2_t, dt), "beta2"),
                (cast(self._epsilon_t, dt), "epsilon"), (grad, "grad")]
        return state_ops.apply("ApplyAdam", var, args, self._use_locking,
                               {"use_nesterov": False})

    def _apply_sparse(self, grad, var):
        b1p, b2p = self._get_beta_accumulators()
        dt = var.dtype.base_dtype
        b1p, b2p = cast(b1p, dt), cast(b2p, dt)
        lr_t, beta1_t = cast(self._lr_t, dt), cast(self._beta1_t, dt)
        beta2_t, epsilon_t = cast(self._beta2_t, dt), cast(self._epsilon_t, dt)
        lr = lr_t * sqrt(1 - b2p) / (1 - b1p)
        m = self.get_slot(var, "m")
        m_scaled = grad.values * (1 - beta1_t)
        m_t = state_ops.assign(m, m * beta1_t, use_locking=self._use_locking)
        with control_dependencies([m_t]):
            m_t = self._scatter_add(m, grad.indices, m_scaled)
        v = self.get_slot(var, "v")
        v_scaled = (grad.values * grad.values) * (1 - beta2_t)
        v_t = state_ops.assign(v, v * beta2_t, use_locking=self._use_locking)
        with control_dependencies([v_t]):
            v_t = self._scatter_add(v, grad.indices, v_scaled)
        v_sqrt = sqrt(v_t)
        var_update = state_ops.assign_sub(var, lr * m_t / (v_sqrt + epsilon_t),
                                          use_locking=self._use_locking)
        return control_flow_ops.group(var_update, m_t, v_t)

    def _scatter_add(self, x, indices, values):
        if getattr(x, "_is_resource", False):
            # TF's _resource_scatter_add: the scatter, then a read after it.
            from ..ops.resource_variable_ops import resource_scatter

            with control_dependencies([resource_scatter("ResourceScatterAdd", x, indices,
                                                        values)]):
                return x.value()
        return state_ops.scatter_add(x, indices, values, use_locking=self._use_locking)

    def _finish(self, update_ops, name_scope):
        with control_dependencies(update_ops):
            b1p, b2p = self._get_beta_accumulators()
            update_beta1 = b1p.assign(b1p * self._beta1_t, use_locking=self._use_locking)
            update_beta2 = b2p.assign(b2p * self._beta2_t, use_locking=self._use_locking)
        return control_flow_ops.group(*update_ops + [update_beta1, update_beta2],
                                      name=name_scope)
