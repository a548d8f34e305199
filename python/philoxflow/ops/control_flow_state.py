"""Gradients through TF 1.x while loops (`control_flow_state.py`), as TF 1.15 builds them.

For each forward loop on the gradient's path a `_GradLoopState` adds a forward
iteration counter (`f_count`) to the forward loop and builds a gradient loop counting
back down (`b_count`). Each forward tensor a gradient op reads is pushed on a stack
in the forward loop (`f_acc`, StackPushV2) and popped in the gradient loop
(StackPopV2, with a `b_sync` ControlTrigger); loop invariants' gradients are summed
by accumulator loops (`b_acc`). Nested loops are not reproduced.
"""

from __future__ import annotations

from ..framework import dtypes as _dtypes
from ..framework.constant_op import constant
from ..framework.tensor_shape import TensorShape
from .gen import apply_op
from .while_loop import WhileContext, output_context, while_context_of

_EXITS = ("Exit", "RefExit")


def is_loop_exit(op):
    return op.type in _EXITS


def is_loop_switch(op):
    from .control_flow_ops import get_context

    return op.type in ("Switch", "RefSwitch") and isinstance(get_context(op), WhileContext)


def _loop_constant_enter(t):
    op = t.op
    while op.type in ("Switch", "RefSwitch", "Identity", "RefIdentity"):
        op = op.inputs[0].op
    if op.type in ("Enter", "RefEnter") and op._attrs.get("is_constant", False):
        return op
    return None


class GradLoopState:
    def __init__(self, forward_ctxt, outer_grad_state):
        if outer_grad_state is not None or forward_ctxt.outer is not None:
            raise NotImplementedError("gradients of while loops nested in loops or conds")
        self.outer_grad_state = None
        self.history_map: dict = {}
        self.switch_map: dict = {}
        self.unused_exits: list = []
        self.deferred_exits: list = []
        self.forward_loop_exits = list(forward_ctxt.loop_exits)
        self.pending_exits_count = len(forward_ctxt.loop_exits)
        self.forward_context = forward_ctxt
        cnt, self.forward_index = forward_ctxt.add_forward_loop_counter(None)
        self.grad_context = WhileContext(
            maximum_iterations=forward_ctxt.maximum_iterations,
            parallel_iterations=forward_ctxt.parallel_iterations,
            back_prop=forward_ctxt.back_prop, swap_memory=forward_ctxt.swap_memory,
            name=forward_ctxt.name, grad_state=self)
        self.grad_index = self.grad_context.add_backprop_loop_counter(cnt, None)
        self._forward_sync = None
        self._grad_sync = None

    def forward_sync(self):
        if self._forward_sync is None:
            from .control_flow_ops import set_context

            g = self.forward_context.graph
            with g.control_dependencies(None):
                self._forward_sync = apply_op("ControlTrigger", "f_sync", [], outputs=[],
                                              dtype=_dtypes.float32)
            set_context(self._forward_sync, self.forward_context)
            self.forward_index.op._control_inputs.append(self._forward_sync)
        return self._forward_sync

    def grad_sync(self):
        if self._grad_sync is None:
            from .control_flow_ops import set_context

            g = self.grad_context.graph
            with g.control_dependencies(None):
                self._grad_sync = apply_op("ControlTrigger", "b_sync", [], outputs=[],
                                           dtype=_dtypes.float32)
            set_context(self._grad_sync, self.grad_context)
            self.grad_index.op._control_inputs.append(self._grad_sync)
        return self._grad_sync

    def add_forward_accumulator(self, value, dead_branch=False):
        """A stack of `value`'s values, pushed once per forward iteration."""
        g = value.graph
        cur = g._thread.cond_context
        # (Everything here is built free of the caller's control dependencies.)
        with g.control_dependencies(None):
            if cur is not None:
                cur.enter()
            try:
                max_size = constant(-1, _dtypes.int32)
                acc = apply_op("StackV2", "f_acc", [(max_size, "max_size", None)],
                               outputs=[(_dtypes.resource, TensorShape([2]))],
                               attrs={"elem_type": value.dtype.base_dtype,
                                      "stack_name": ""})
            finally:
                if cur is not None:
                    cur.exit()
            enter_acc = self.forward_context.add_value(acc)
            value_ctxt = output_context(value.op)
            if value_ctxt is not self.forward_context:
                raise NotImplementedError("loop gradients through a cond inside the loop")
            self.forward_context.enter()
            try:
                push = apply_op("StackPushV2", None, [(enter_acc, "handle", None),
                                                      (value, "elem", None)],
                                dtype=value.dtype, shape=value.shape,
                                attrs={"swap_memory": self.forward_context.swap_memory})
            finally:
                self.forward_context.exit()
        self.forward_index.op._control_inputs.append(push.op)
        push.op._control_inputs.append(self.forward_index.op._inputs[0].op)
        return acc

    def add_backprop_accumulated_value(self, history_value, value, dead_branch=False):
        """The popped value of `history_value`'s stack in the gradient loop."""
        g = value.graph
        with g.control_dependencies(None):
            self.grad_context.enter()
            try:
                pop = apply_op("StackPopV2", None, [(history_value, "handle", None)],
                               outputs=[(value.dtype.base_dtype, TensorShape(None))],
                               attrs={"elem_type": value.dtype.base_dtype})
                pop.set_shape(value.shape)
            finally:
                self.grad_context.exit()
        if self.grad_context.parallel_iterations > 1:
            self.grad_sync()._control_inputs.append(pop.op)
        return pop

    def get_real_value(self, value):
        """The gradient loop's copy of the forward tensor `value`."""
        real = self.history_map.get(value.name)
        if real is None:
            cur_value, history_value = value, None
            enter_op = _loop_constant_enter(cur_value)
            if enter_op is not None:
                real = self.grad_context.add_value(enter_op.inputs[0])
            elif cur_value.op.type == "Const":
                real = constant(cur_value.op.get_attr("value"), dtype=cur_value.dtype)
            else:
                self.grad_context.exit()
                try:
                    history_value = self.add_forward_accumulator(cur_value)
                finally:
                    self.grad_context.enter()
                real = self.add_backprop_accumulated_value(history_value, cur_value)
            self.history_map[value.name] = real
        return real


class ControlFlowState:
    """The GradLoopStates of one `tf.gradients` call, by forward loop."""

    def __init__(self):
        self.map: dict = {}

    def get_grad_state(self, op, before):
        if before and is_loop_exit(op):
            from .control_flow_ops import get_context

            fwd = get_context(op).outer
            fwd = fwd.get_while_context() if fwd is not None else None
        else:
            fwd = while_context_of(op)
        return self.map.get(id(fwd)) if fwd is not None else None

    def process_unused_loop_exits(self, pending, to_ops_set):
        loop_exits = []
        for gs in self.map.values():
            for y in gs.forward_loop_exits:
                if pending[id(y.op)] == 0:
                    gs.pending_exits_count -= 1
                    if id(y.op) not in to_ops_set:
                        gs.unused_exits.append(y)
                    if gs.pending_exits_count == 0:
                        loop_exits.extend(gs.unused_exits)
            for y in gs.forward_context.loop_enters:
                if pending[id(y.op)] == 0:
                    pending[id(y.op)] = 1
        return loop_exits

    def enter_grad_while_context(self, op, before):
        gs = self.get_grad_state(op, before)
        if gs is not None:
            gs.grad_context.enter()

    def exit_grad_while_context(self, op, before):
        gs = self.get_grad_state(op, before)
        if gs is not None:
            gs.grad_context.exit()

    def add_while_context(self, op, between_list, between):
        fwd = while_context_of(op)
        if id(fwd) not in self.map:
            gs = GradLoopState(fwd, None)
            self.map[id(fwd)] = gs
            for y in gs.forward_loop_exits:
                if id(y.op) not in between:
                    between.add(id(y.op))
                    between_list.append(y.op)

    def zeros_like_for_exit(self, val):
        from .array_ops import zeros, zeros_like

        if val.shape.is_fully_defined():
            return zeros(val.shape.as_list(), val.dtype)
        return zeros_like(val, optimize=False)

    def zeros_like(self, op, index):
        """Zeros for an unused output of a loop op, inside the gradient loop."""
        from .array_ops import zeros
        from .gradients_impl import _zeros_like_outside_loop
        from .math_grad import _shape_op

        if is_loop_switch(op):
            return None
        gs = self.map.get(id(while_context_of(op)))
        if gs is None:
            return _zeros_like_outside_loop(op, index)
        if op.type in ("Switch", "RefSwitch"):
            raise NotImplementedError("loop gradients through a cond inside the loop")
        from .control_flow_ops import get_context

        val = op.outputs[index]
        if val.shape.is_fully_defined():
            return constant(0, shape=val.shape.as_list(), dtype=val.dtype)
        op_ctxt = get_context(op)
        op_ctxt.enter()
        try:
            zeros_shape = _shape_op(val)
        finally:
            op_ctxt.exit()
        gs.grad_context.exit()
        try:
            history = gs.add_forward_accumulator(zeros_shape)
        finally:
            gs.grad_context.enter()
        shape = gs.add_backprop_accumulated_value(history, zeros_shape)
        return zeros(shape, val.dtype)

    def post_processing(self):
        from .array_ops import zeros
        from .math_grad import _shape_op

        for gs in self.map.values():
            for b_merge in gs.switch_map.values():
                ins = b_merge.op._inputs
                if ins[0] is ins[1]:
                    g = b_merge.graph
                    shape = ins[0].shape
                    if shape.is_fully_defined():
                        gs.grad_context.enter()
                        try:
                            val = constant(0, dtype=ins[0].dtype, shape=shape.as_list())
                            nxt = _next_iteration(g, val)
                        finally:
                            gs.grad_context.exit()
                    else:
                        enter_grad = ins[0].op._inputs[0]
                        val = zeros(_shape_op(enter_grad))
                        gs.grad_context.enter()
                        try:
                            nxt = _next_iteration(g, val)
                        finally:
                            gs.grad_context.exit()
                    b_merge.op._inputs[1] = nxt


def _next_iteration(g, v):
    from .while_loop import _op

    return _op(g, "NextIteration", [v], "NextIteration", [(v.dtype, v.shape)]).outputs[0]


def maybe_create_control_flow_state(between_list, between):
    state = None
    for op in between_list:
        if is_loop_exit(op):
            if state is None:
                state = ControlFlowState()
            state.add_while_context(op, between_list, between)
    return state
