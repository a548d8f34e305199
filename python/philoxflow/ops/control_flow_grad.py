"""Gradients of TF 1.x control flow (`control_flow_grad.py`) for `tf.cond`: a branch's
Switch sums its two output gradients with a Merge (`cond_grad`), the cond's Merge
routes its gradient back through a Switch on the cond's predicate. Gradients through
`tf.while_loop` frames (TF's GradLoopState and stacks) are not reproduced."""

from __future__ import annotations

from .control_flow_ops import _CondContext, _merge, _switch, get_context
from .gradients_impl import NotDifferentiable, RegisterGradient


def _no_loop_gradients(op):
    raise NotImplementedError(
        f"philoxflow does not build gradients through tf.while_loop (op {op.name!r}, type "
        f"{op.type})")


def _output_context(op):
    ctx = get_context(op)
    if ctx is not None and op.type in ("Exit", "RefExit"):
        ctx = getattr(ctx, "outer", None)
    return ctx


@RegisterGradient("Switch")
@RegisterGradient("RefSwitch")
def _switch_grad(op, *grad):
    ctx = get_context(op)
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
    ctx = _output_context(op.inputs[0].op)
    if isinstance(ctx, _CondContext):
        return list(_switch(grad, ctx.pred, name="cond_grad"))
    if ctx is None:
        from .math_ops import equal

        conds = [equal(op.outputs[1], i) for i in range(len(op.inputs))]
        return [_switch(grad, c)[1] for c in conds]
    return _no_loop_gradients(op)


for _t in ("Enter", "RefEnter", "Exit", "RefExit", "NextIteration", "RefNextIteration",
           "LoopCond"):
    RegisterGradient(_t)(lambda op, *grads: _no_loop_gradients(op))


def _no_tensor_array_gradients(op, *grads):
    raise NotImplementedError(
        f"philoxflow does not build TensorArray gradients (op {op.name!r}, type {op.type}); "
        "they come with gradients through tf.while_loop")


for _t in ("TensorArrayReadV3", "TensorArrayWriteV3", "TensorArrayGatherV3",
           "TensorArrayScatterV3", "TensorArrayConcatV3", "TensorArraySplitV3"):
    RegisterGradient(_t)(_no_tensor_array_gradients)
for _t in ("TensorArrayV3", "TensorArraySizeV3", "TensorArrayCloseV3"):
    NotDifferentiable(_t)
