"""`tf.train.RMSPropOptimizer` (TF 1.15): `rms` slots initialised to ones, `momentum`
(and `mg` when centered) zeros; ApplyRMSProp / ApplyCenteredRMSProp."""

from __future__ import annotations

from ..framework.constant_op import convert_to_tensor
from ..ops.init_ops import ones_initializer
from ..ops.math_ops import cast
from . import state_ops
from .optimizer import Optimizer


class RMSPropOptimizer(Optimizer):
    def __init__(self, learning_rate, decay=0.9, momentum=0.0, epsilon=1e-10,
                 use_locking=False, centered=False, name="RMSProp"):
        super().__init__(use_locking, name)
        self._learning_rate, self._decay = learning_rate, decay
        self._momentum, self._epsilon, self._centered = momentum, epsilon, centered

    def _create_slots(self, var_list):
        for v in var_list:
            dt = v.dtype.base_dtype
            if not v.shape.is_fully_defined():
                raise NotImplementedError("RMSProp slots of variables with unknown shapes")
            self._get_or_make_slot_with_initializer(v, ones_initializer(dtype=dt), v.shape, dt,
                                                    "rms", self._name)
            if self._centered:
                self._zeros_slot(v, "mg", self._name)
            self._zeros_slot(v, "momentum", self._name)

    def _prepare(self):
        c = self._call_if_callable
        self._learning_rate_tensor = convert_to_tensor(c(self._learning_rate),
                                                       name="learning_rate")
        self._decay_tensor = convert_to_tensor(c(self._decay), name="decay")
        self._momentum_tensor = convert_to_tensor(c(self._momentum), name="momentum")
        self._epsilon_tensor = convert_to_tensor(c(self._epsilon), name="epsilon")

    def _hyper(self, var):
        dt = var.dtype.base_dtype
        return [(cast(self._learning_rate_tensor, dt), "lr"), (cast(self._decay_tensor, dt), "rho"),
                (cast(self._momentum_tensor, dt), "momentum"),
                (cast(self._epsilon_tensor, dt), "epsilon")]

    def _apply_dense(self, grad, var):
        rms = self.get_slot(var, "rms")
        mom = self.get_slot(var, "momentum")
        if self._centered:
            mg = self.get_slot(var, "mg")
            return state_ops.apply("ApplyCenteredRMSProp", var,
                                   [(mg, "mg"), (rms, "ms"), (mom, "mom")] + self._hyper(var)
                                   + [(grad, "grad")], self._use_locking)
        return state_ops.apply("ApplyRMSProp", var, [(rms, "ms"), (mom, "mom")]
                               + self._hyper(var) + [(grad, "grad")], self._use_locking)

    def _apply_sparse(self, grad, var):
        rms = self.get_slot(var, "rms")
        mom = self.get_slot(var, "momentum")
        tail = [(grad.values, "grad"), (grad.indices, "indices")]
        if self._centered:
            mg = self.get_slot(var, "mg")
            return state_ops.apply("SparseApplyCenteredRMSProp", var,
                                   [(mg, "mg"), (rms, "ms"), (mom, "mom")] + self._hyper(var)
                                   + tail, self._use_locking)
        return state_ops.apply("SparseApplyRMSProp", var, [(rms, "ms"), (mom, "mom")]
                               + self._hyper(var) + tail, self._use_locking)
