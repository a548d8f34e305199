"""`tf.train.Optimizer` (TF 1.15's `optimizer.py`): `minimize` = `compute_gradients`
(`tf.gradients` gated per op) + `apply_gradients`, which makes the slots in an
init scope, opens the optimizer's name scope, converts its hyper-parameters
(`_prepare`), builds each variable's update in `update_<var>` and groups them
(`_finish`), then, given a global step, increments it after the updates.

Constructing an optimizer builds nothing, so module-level defaults such as
`optimizer=tf.train.AdamOptimizer()` work at import time.
"""

from __future__ import annotations

from ..framework.constant_op import convert_to_tensor
from ..framework.indexed_slices import IndexedSlices
from ..framework.ops import (
    GraphKeys,
    Tensor,
    colocate_with,
    control_dependencies,
    get_collection_ref,
    get_default_graph,
    name_scope,
)
from ..ops import control_flow_ops
from ..ops.gradients_impl import gradients
from ..ops.variables import _InitScope, trainable_variables
from ..ops.while_loop import _flatten  # TF's nest.flatten (sorted dict keys)
from . import slot_creator, state_ops


def _var_key(var):
    return var.op.name


class Optimizer:
    """Base class of TF 1.x optimizers."""

    GATE_NONE = 0
    GATE_OP = 1
    GATE_GRAPH = 2

    def __init__(self, use_locking, name):
        if not name:
            raise ValueError("Must specify the optimizer name")
        self._use_locking = use_locking
        self._name = name
        self._slots: dict = {}
        self._non_slot_dict: dict = {}

    def get_name(self):
        return self._name

    # -- the three public steps
    def minimize(self, loss, global_step=None, var_list=None, gate_gradients=GATE_OP,
                 aggregation_method=None, colocate_gradients_with_ops=False, name=None,
                 grad_loss=None):
        grads_and_vars = self.compute_gradients(
            loss, var_list=var_list, gate_gradients=gate_gradients,
            aggregation_method=aggregation_method,
            colocate_gradients_with_ops=colocate_gradients_with_ops, grad_loss=grad_loss)
        vars_with_grad = [v for g, v in grads_and_vars if g is not None]
        if not vars_with_grad:
            raise ValueError(
                "No gradients provided for any variable, check your graph for ops that do "
                "not support gradients, between variables %s and loss %s."
                % ([str(v) for _, v in grads_and_vars], loss))
        return self.apply_gradients(grads_and_vars, global_step=global_step, name=name)

    def compute_gradients(self, loss, var_list=None, gate_gradients=GATE_OP,
                          aggregation_method=None, colocate_gradients_with_ops=False,
                          grad_loss=None):
        if callable(loss):
            raise NotImplementedError("callable losses are for eager execution")
        if gate_gradients not in (Optimizer.GATE_NONE, Optimizer.GATE_OP,
                                  Optimizer.GATE_GRAPH):
            raise ValueError("gate_gradients must be one of: Optimizer.GATE_NONE, "
                             f"Optimizer.GATE_OP, Optimizer.GATE_GRAPH.  Not {gate_gradients}")
        self._assert_valid_dtypes([loss])
        if var_list is None:
            var_list = trainable_variables() + get_collection_ref("trainable_resource_variables")
        else:
            var_list = _flatten(var_list)
        var_list = var_list + list(get_default_graph().get_collection("streaming_model_ports"))
        if not var_list:
            raise ValueError("No variables to optimize.")
        var_refs = [state_ops.ref(v) for v in var_list]
        grads = gradients(loss, var_refs, grad_ys=grad_loss,
                          gate_gradients=(gate_gradients == Optimizer.GATE_OP),
                          aggregation_method=aggregation_method,
                          colocate_gradients_with_ops=colocate_gradients_with_ops)
        if gate_gradients == Optimizer.GATE_GRAPH:
            grads = control_flow_ops.tuple_op(grads)
        grads_and_vars = list(zip(grads, var_list))
        self._assert_valid_dtypes([v for g, v in grads_and_vars if g is not None])
        return grads_and_vars

    def apply_gradients(self, grads_and_vars, global_step=None, name=None):
        grads_and_vars = tuple(grads_and_vars)
        if not grads_and_vars:
            raise ValueError("No variables provided.")
        converted = []
        for g, v in grads_and_vars:
            if g is not None and not isinstance(g, IndexedSlices):
                g = convert_to_tensor(g)
                if not isinstance(g, Tensor):
                    raise TypeError(f"Gradient must be a Tensor, IndexedSlices, or None: {g}")
            converted.append((g, v))
        var_list = [v for g, v in converted if g is not None]
        if not var_list:
            raise ValueError("No gradients provided for any variable: %s."
                             % ([str(v) for _, v in converted],))
        graph = get_default_graph()
        with _InitScope(graph):
            self._create_slots(var_list)
        update_ops = []
        with name_scope(name, self._name) as scope:
            self._prepare()
            for grad, var in converted:
                if grad is None:
                    continue
                # TF colocates each update with its variable: the update ops take the
                # variable's device (one `group_deps` NoOp when all updates share it).
                with name_scope("update_" + var.op.name), colocate_with(var.op):
                    if isinstance(grad, IndexedSlices):
                        update_ops.append(self._apply_sparse_duplicate_indices(grad, var))
                    else:
                        update_ops.append(self._apply_dense(grad, var))
            if global_step is None:
                apply_updates = self._finish(update_ops, scope)
            else:
                with control_dependencies([self._finish(update_ops, "update")]):
                    if getattr(global_step, "_is_resource", False):
                        # TF: an AssignAddVariableOp named by the scope (no read back).
                        one = convert_to_tensor(1, dtype=global_step.dtype)
                        apply_updates = get_default_graph()._create_op(
                            "AssignAddVariableOp", (global_step.handle, one), scope,
                            dtype=global_step.dtype, attrs={"dtype": global_step.dtype})
                    else:
                        apply_updates = state_ops.assign_add(global_step, 1, name=scope)
            if isinstance(apply_updates, Tensor):
                apply_updates = apply_updates.op
            train_op = get_collection_ref(GraphKeys.TRAIN_OP
                                          if hasattr(GraphKeys, "TRAIN_OP") else "train_op")
            if apply_updates not in train_op:
                train_op.append(apply_updates)
            return apply_updates

    # -- slots
    def get_slot(self, var, name):
        named = self._slots.get(name)
        if not named:
            return None
        return named.get(_var_key(var))

    def get_slot_names(self):
        return sorted(self._slots)

    def variables(self):
        out = [v for d in self._slots.values() for v in d.values()]
        out += list(self._non_slot_dict.values())
        return sorted(out, key=lambda v: v.name)

    def _slot_dict(self, slot_name):
        return self._slots.setdefault(slot_name, {})

    def _zeros_slot(self, var, slot_name, op_name):
        named = self._slot_dict(slot_name)
        if _var_key(var) not in named:
            named[_var_key(var)] = slot_creator.create_zeros_slot(var, op_name)
        return named[_var_key(var)]

    def _get_or_make_slot(self, var, val, slot_name, op_name):
        named = self._slot_dict(slot_name)
        if _var_key(var) not in named:
            named[_var_key(var)] = slot_creator.create_slot(var, val, op_name)
        return named[_var_key(var)]

    def _get_or_make_slot_with_initializer(self, var, initializer, shape, dtype, slot_name,
                                           op_name):
        named = self._slot_dict(slot_name)
        if _var_key(var) not in named:
            named[_var_key(var)] = slot_creator.create_slot_with_initializer(
                var, initializer, shape, dtype, op_name)
        return named[_var_key(var)]

    def _create_non_slot_variable(self, initial_value, name, colocate_with):
        from ..ops.variables import Variable

        key = (name, colocate_with.graph)
        v = self._non_slot_dict.get(key)
        if v is None:
            v = Variable(initial_value, name=name, trainable=False,
                         use_resource=bool(getattr(colocate_with, "_is_resource", False)))
            self._non_slot_dict[key] = v
        return v

    def _get_non_slot_variable(self, name, graph=None):
        return self._non_slot_dict.get((name, graph or get_default_graph()))

    # -- what subclasses override
    def _create_slots(self, var_list):
        pass

    def _prepare(self):
        pass

    def _apply_dense(self, grad, var):
        raise NotImplementedError()

    def _apply_sparse_duplicate_indices(self, grad, var):
        values, indices = _deduplicate_indexed_slices(grad.values, grad.indices)
        return self._apply_sparse(IndexedSlices(values, indices, grad.dense_shape), var)

    def _apply_sparse(self, grad, var):
        raise NotImplementedError()

    def _finish(self, update_ops, name_scope):
        return control_flow_ops.group(*update_ops, name=name_scope)

    def _call_if_callable(self, param):
        return param() if callable(param) else param

    def _assert_valid_dtypes(self, tensors):
        valid = {"float16", "bfloat16", "float32", "float64", "complex64", "complex128"}
        for t in tensors:
            dtype = t.dtype.base_dtype
            if dtype.name not in valid:
                raise ValueError(f"Invalid type {dtype!r} for {t.name}, expected: "
                                 f"{sorted(valid)}.")


def _deduplicate_indexed_slices(values, indices):
    from ..ops import _grad_ops
    from ..ops.array_ops import shape

    unique_indices, new_positions = _grad_ops.unique(indices)
    summed = _grad_ops.unsorted_segment_sum(values, new_positions, shape(unique_indices)[0])
    return summed, unique_indices
