"""`tf.train.GradientDescentOptimizer` and `MomentumOptimizer` (TF 1.15)."""

from __future__ import annotations

from ..framework.constant_op import convert_to_tensor
from ..framework.indexed_slices import IndexedSlices
from ..ops.math_ops import cast
from . import state_ops
from .optimizer import Optimizer


class GradientDescentOptimizer(Optimizer):
    """`var -= learning_rate * grad` (ApplyGradientDescent; ScatterSub for slices)."""

    def __init__(self, learning_rate, use_locking=False, name="GradientDescent"):
        super().__init__(use_locking, name)
        self._learning_rate = learning_rate
        self._learning_rate_tensor = None

    def _prepare(self):
        lr = self._call_if_callable(self._learning_rate)
        self._learning_rate_tensor = convert_to_tensor(lr, name="learning_rate")

    def _apply_dense(self, grad, var):
        lr = cast(self._learning_rate_tensor, var.dtype.base_dtype)
        return state_ops.apply("ApplyGradientDescent", var, [(lr, "alpha"), (grad, "delta")],
                               self._use_locking)

    def _apply_sparse_duplicate_indices(self, grad, var):
        if getattr(var, "_is_resource", False):
            # TF's _resource_apply_sparse_duplicate_indices: a scatter-add of -grad * lr.
            # (TF 2.x scales by the learning-rate tensor, TF 1.15 by the Python value.)
            from ..ops.resource_variable_ops import _tf2, resource_scatter

            lr = (cast(self._learning_rate_tensor, grad.values.dtype.base_dtype)
                  if _tf2(var.graph) else self._learning_rate)
            return resource_scatter("ResourceScatterAdd", var, grad.indices,
                                    -grad.values * lr)
        delta = IndexedSlices(grad.values * cast(self._learning_rate_tensor,
                                                 var.dtype.base_dtype),
                              grad.indices, grad.dense_shape)
        return state_ops.scatter_sub(var, delta.indices, delta.values,
                                     use_locking=self._use_locking).op


class MomentumOptimizer(Optimizer):
    """`accum = accum * momentum + grad; var -= lr * accum` (Nesterov optional)."""

    def __init__(self, learning_rate, momentum, use_locking=False, name="Momentum",
                 use_nesterov=False):
        super().__init__(use_locking, name)
        self._learning_rate = learning_rate
        self._momentum = momentum
        self._use_nesterov = use_nesterov

    def _create_slots(self, var_list):
        for v in var_list:
            self._zeros_slot(v, "momentum", self._name)

    def _prepare(self):
        self._learning_rate_tensor = convert_to_tensor(
            self._call_if_callable(self._learning_rate), name="learning_rate")
        self._momentum_tensor = convert_to_tensor(self._call_if_callable(self._momentum),
                                                  name="momentum")

    def _apply_dense(self, grad, var):
        mom = self.get_slot(var, "momentum")
        dt = var.dtype.base_dtype
        return state_ops.apply(
            "ApplyMomentum", var,
            [(mom, "accum"), (cast(self._learning_rate_tensor, dt), "lr"), (grad, "grad"),
             (cast(self._momentum_tensor, dt), "momentum")],
            self._use_locking, {"use_nesterov": self._use_nesterov})

    def _apply_sparse(self, grad, var):
        mom = self.get_slot(var, "momentum")
        dt = var.dtype.base_dtype
        return state_ops.apply(
            "SparseApplyMomentum", var,
            [(mom, "accum"), (cast(self._learning_rate_tensor, dt), "lr"),
             (grad.values, "grad"), (grad.indices, "indices"),
             (cast(self._momentum_tensor, dt), "momentum")],
            self._use_locking, {"use_nesterov": self._use_nesterov})
