"""Gradients of the TensorArray v3 ops (TF's `tensor_array_grad.py`): each reads or
writes the gradient TensorArray of the forward one (`TensorArrayGrad`), keyed by the
`gradients` scope the backward pass runs in."""

from __future__ import annotations

from .gradients_impl import NotDifferentiable, RegisterGradient
from .tensor_array_ops import TensorArray


def _grad_source(t):
    tokens = t.name.split("/")
    pos = [i for i, x in enumerate(tokens) if x.startswith("gradients")]
    if not pos:
        raise ValueError("Expected op/tensor name to start with gradients (excluding scope), "
                         f"got: {t.name}.")
    return "/".join(tokens[:pos[-1] + 1])


def _handle_element_shape(handle):
    """The `element_shape` the forward TensorArrayV3 was made with (through the loop's
    Enters): TF's shape functions read it from the handle's shape data."""
    op = handle.op
    while op.type in ("Enter", "RefEnter", "Identity") and op.inputs:
        op = op.inputs[0].op
    return op.get_attr("element_shape") if op.type == "TensorArrayV3" else None


def _grad_array(dtype, handle, flow, grad):
    """The gradient TensorArray of the forward one `handle`, named from `grad`'s scope;
    reads and gathers of it get the forward array's element shape, as TF's shape
    functions give them."""
    ga = TensorArray(dtype=dtype, handle=handle, flow=flow).grad(
        source=_grad_source(grad), flow=flow)
    shape = _handle_element_shape(handle)
    if shape is not None:
        ga._element_shape = [shape]
        ga._from_handle_data = True
    return ga


@RegisterGradient("TensorArrayReadV3")
def _read_grad(op, grad):
    handle, index, flow = op.inputs
    ga = _grad_array(op.outputs[0].dtype, handle, flow, grad)
    return [None, None, ga.write(index, grad).flow]


@RegisterGradient("TensorArrayWriteV3")
def _write_grad(op, flow):
    handle, index, value = op.inputs[0], op.inputs[1], op.inputs[2]
    ga = _grad_array(value.dtype, handle, flow, flow)
    return [None, None, ga.read(index), flow]


@RegisterGradient("TensorArrayGatherV3")
def _gather_grad(op, grad):
    handle, indices, flow = op.inputs
    ga = _grad_array(op.outputs[0].dtype, handle, flow, grad)
    return [None, None, ga.scatter(indices, grad).flow]


@RegisterGradient("TensorArrayScatterV3")
def _scatter_grad(op, flow):
    handle, indices, value = op.inputs[0], op.inputs[1], op.inputs[2]
    ga = _grad_array(value.dtype, handle, flow, flow)
    return [None, None, ga.gather(indices), flow]


for _t in ("TensorArrayV3", "TensorArraySizeV3", "TensorArrayCloseV3", "TensorArrayGradV3",
           "StackV2", "StackPushV2", "StackPopV2", "ControlTrigger"):
    NotDifferentiable(_t)
