"""`tf.train.ExponentialMovingAverage` and `assign_moving_average` (TF 1.15's
`moving_averages.py`): each average is a slot `<var>/ExponentialMovingAverage`
initialised from the variable's `initialized_value()` (a cond on
IsVariableInitialized, as TF 1.15 builds it), updated by AssignSub."""

from __future__ import annotations

from ..framework import dtypes as _dtypes
from ..framework.constant_op import convert_to_tensor
from ..framework.ops import GraphKeys, add_to_collection, get_default_graph, name_scope
from ..ops import control_flow_ops, math_ops
from ..ops.variables import Variable, _InitScope, trainable_variables
from . import slot_creator, state_ops


def assign_moving_average(variable, value, decay, zero_debias=True, name=None):
    """`variable -= (variable - value) * (1 - decay)` (zero_debias is not reproduced)."""
    if zero_debias:
        raise NotImplementedError("assign_moving_average with zero_debias=True")
    with name_scope(name, "AssignMovingAvg", [variable, value, decay]) as scope:
        decay = convert_to_tensor(1.0 - decay, name="decay")
        if decay.dtype != variable.dtype.base_dtype:
            decay = math_ops.cast(decay, variable.dtype.base_dtype)
        return state_ops.assign_sub(variable, (variable - value) * decay, name=scope)


class ExponentialMovingAverage:
    def __init__(self, decay, num_updates=None, zero_debias=False,
                 name="ExponentialMovingAverage"):
        self._decay = decay
        self._num_updates = num_updates
        self._zero_debias = zero_debias
        self._name = name
        self._averages: dict = {}

    @property
    def name(self):
        return self._name

    def apply(self, var_list=None):
        if var_list is None:
            var_list = trainable_variables()
        floats = ("bfloat16", "float16", "float32", "float64")
        for var in var_list:
            if var.dtype.base_dtype.name not in floats:
                raise TypeError(f"The variables must be half, float, or double: {var.name}")
            if id(var) not in self._averages:
                with _InitScope(get_default_graph()):
                    if isinstance(var, Variable):
                        # TF 2.x builds this cond itself (a resource variable's
                        # initialized_value() is unimplemented there).
                        init = Variable.initialized_value(var)
                        avg = slot_creator.create_slot(var, init, self._name)
                        add_to_collection(GraphKeys.MOVING_AVERAGE_VARIABLES, var)
                    else:
                        if self._zero_debias:
                            raise NotImplementedError("zero-debiased averages of tensors")
                        avg = slot_creator.create_zeros_slot(var, self._name)
                self._averages[id(var)] = (var, avg)
        with name_scope(self._name) as scope:
            decay = convert_to_tensor(self._decay, name="decay")
            if self._num_updates is not None:
                num_updates = math_ops.cast(self._num_updates, _dtypes.float32,
                                            name="num_updates")
                decay = math_ops.minimum(decay, (1.0 + num_updates) / (10.0 + num_updates))
            updates = [assign_moving_average(self._averages[id(v)][1], v, decay,
                                             zero_debias=False) for v in var_list]
            return control_flow_ops.group(*updates, name=scope)

    def average(self, var):
        entry = self._averages.get(id(var))
        return None if entry is None else entry[1]

    def average_name(self, var):
        if id(var) in self._averages:
            return self._averages[id(var)][1].op.name
        return var.op.name + "/" + self._name

    def variables_to_restore(self, moving_avg_variables=None):
        from ..ops.variables import global_variables

        out = {}
        if moving_avg_variables is None:
            moving_avg_variables = trainable_variables() + get_default_graph().get_collection(
                GraphKeys.MOVING_AVERAGE_VARIABLES)
        for v in moving_avg_variables:
            out[self.average_name(v)] = v
        for v in global_variables():
            if v.op.name not in [x.op.name for x in out.values()] and \
                    v.op.name not in out:
                out[v.op.name] = v
        return out
