"""Gradients of TF 1.x control flow (`control_flow_grad.py`) for `tf.cond`: a branch's
Switch sums its two output gradients with a Merge (`cond_grad`), the cond's Merge
routes its gradient back through a Switch on the cond's predicate. Gradients through
`tf.while_loop` frames (TF's GradLoopState and stacks) are not reproduced."""

from __future__ import annotations

from .control_flow_ops import _CondContext, _merge, _switch, get_context
from .gradients_impl import RegisterGradient


def _no_loop_gradients(op):
    raise NotImplementedError(
        f"philoxflow does not build this loop gradient (op {op.name!r}, type {op.type})")


def _output_context(op):
    ctx = get_context(op)
    if ctx is not None and op.type in ("Exit", "RefExit"):
        ctx = getattr(ctx, "outer", None)
    return ctx


def _grad_context():
    from ..framework.ops import get_default_graph

    return get_default_graph()._thread.cond_context


def _next_iteration(v):
    from .while_loop import _op

    return _op(v.graph, "NextIteration", [v], "NextIteration", [(v.dtype, v.shape)]).outputs[0]


@RegisterGradient("Switch")
@RegisterGradient("RefSwitch")
def _switch_grad(op, *grad):
    from .while_loop import WhileContext

    ctx = get_context(op)
    if isinstance(ctx, WhileContext):
        grad_ctxt = _grad_context()
        merge_grad = grad_ctxt.grad_state.switch_map.get(id(op))
        if merge_grad is not None:
            if grad[1] is not None:  # the back edge of the gradient loop
                merge_grad.op._inputs[1] = _next_iteration(grad[1])
            return None, None
        if grad[0] is not None:
            merge_grad = _merge([grad[0], grad[0]], name="b_switch")[0]
            grad_ctxt.grad_state.switch_map[id(op)] = merge_grad
            return merge_grad, None
        return None, None
    if isinstance(ctx, _CondContext):
        if grad[1 - ctx.branch] is None:
            return None, None
        return _merge(list(grad), name="cond_grad")[0], None
    if ctx is None:
        false_grad = _switch(grad[0], op.inputs[1])[0]
        true_grad = _switch(grad[1], op.inputs[1])[1]
        return _merge([false_grad, true_grad])[0], None
    return _no_loop_gradients(op)


@RegisterGradient("Merge")
@RegisterGradient("RefMerge")
def _merge_grad(op, grad, _):
    from .while_loop import WhileContext

    ctx = _output_context(op.inputs[0].op)
    if isinstance(ctx, WhileContext):
        return list(_switch(grad, _grad_context().pivot))
    if isinstance(ctx, _CondContext):
        grad_ctxt = _grad_context()
        if grad_ctxt is not None and getattr(grad_ctxt, "grad_state", None) is not None:
            return _no_loop_gradients(op)
        return list(_switch(grad, ctx.pred, name="cond_grad"))
    if ctx is None:
        from .math_ops import equal

        conds = [equal(op.outputs[1], i) for i in range(len(op.inputs))]
        return [_switch(grad, c)[1] for c in conds]
    return _no_loop_gradients(op)


@RegisterGradient("Exit")
@RegisterGradient("RefExit")
def _exit_grad(op, grad):
    from .while_loop import enter

    grad_ctxt = _grad_context()
    if not grad_ctxt.back_prop:
        return None
    if get_context(op).grad_state is not None:
        raise TypeError("Second-order gradient for while loops not supported.")
    from ..framework.indexed_slices import IndexedSlices

    if isinstance(grad, IndexedSlices):
        return _no_loop_gradients(op)
    grad_ctxt.add_name(grad.name)
    grad_ctxt.enter()
    try:
        result = enter(grad, grad_ctxt.name, False, grad_ctxt.parallel_iterations,
                       name="b_exit")
    finally:
        grad_ctxt.exit()
    grad_ctxt.loop_enters.append(result)
    return result


@RegisterGradient("NextIteration")
@RegisterGradient("RefNextIteration")
def _next_iteration_grad(_, grad):
    return grad


@RegisterGradient("Enter")
@RegisterGradient("RefEnter")
def _enter_grad(op, grad):
    from ..framework.indexed_slices import IndexedSlices
    from .while_loop import _op

    grad_ctxt = _grad_context()
    if grad_ctxt is None or not grad_ctxt.back_prop or grad_ctxt.grad_state is None:
        return grad
    if op.get_attr("is_constant"):
        if isinstance(grad, IndexedSlices):
            return grad_ctxt.add_backprop_indexed_slices_accumulator(op, grad)
        return grad_ctxt.add_backprop_accumulator(op, grad)
    result = _op(grad.graph, "Exit", [grad], "Exit", [(grad.dtype, grad.shape)]).outputs[0]
    grad_ctxt.loop_exits.append(result)
    grad_ctxt.exit_result([result])
    return result


@RegisterGradient("LoopCond")
def _loop_cond_grad(_):
    return None
