"""Second-order gradients of fused batch norm (TF 1.15's `_FusedBatchNormGradGrad`):
TF differentiates `_BatchNormGrad`, batch norm's gradient written with ordinary ops,
with a `GradientTape` in graph mode, so a gradient penalty through a batch-normed
critic (WGAN-GP, DRAGAN) builds the ops the tape's backward pass builds."""

from __future__ import annotations

from ..framework import dtypes as _dtypes
from . import _grad_ops as _g
from . import array_ops, math_ops
from .gradients_impl import RegisterGradient


def _fmt(op):
    f = op.get_attr("data_format")
    return f.encode() if isinstance(f, str) else f


def _batch_norm_grad(grad_y, x, scale, pop_mean, pop_var, epsilon, data_format,
                     is_training=True):
    """TF's `nn_grad._BatchNormGrad`: (grad_x, grad_scale, grad_offset)."""
    x_dtype = x.dtype.base_dtype
    if x_dtype == _dtypes.float16:
        # float16 math is too imprecise: TF computes in float32.
        x = math_ops.cast(x, _dtypes.float32)
        grad_y = math_ops.cast(grad_y, _dtypes.float32)
    if is_training:
        if data_format == b"NHWC":
            keepdims = False
            reduce_axis = [0, 1, 2]
        else:
            keepdims = True
            reduce_axis = [0, 2, 3]
            shape = [1, array_ops.size(scale), 1, 1]
            scale = array_ops.reshape(scale, shape)
        mean_grad_y = math_ops.reduce_mean(grad_y, reduce_axis, keepdims=keepdims)
        mean_x = math_ops.reduce_mean(x, reduce_axis, keepdims=keepdims)
        var_x = math_ops.reduce_mean(
            math_ops.squared_difference(x, array_ops.stop_gradient(mean_x)),
            reduce_axis, keepdims=keepdims)
        grad_y_offset = grad_y - mean_grad_y
        x_offset = x - mean_x
        mean = math_ops.reduce_mean(grad_y * x_offset, axis=reduce_axis, keepdims=keepdims)
        grad_x = scale * math_ops.rsqrt(var_x + epsilon) * (
            grad_y_offset - _g.reciprocal(var_x + epsilon) * mean * x_offset)
        grad_scale = math_ops.rsqrt(var_x + epsilon) * math_ops.reduce_sum(
            grad_y * x_offset, axis=reduce_axis, keepdims=keepdims)
        if data_format == b"NCHW":
            grad_scale = array_ops.squeeze(grad_scale)
        grad_offset = math_ops.reduce_sum(grad_y, axis=reduce_axis)
        return math_ops.cast(grad_x, x_dtype), grad_scale, grad_offset
    if data_format == b"NHWC":
        reduce_axis = [0, 1, 2]
    else:
        reduce_axis = [0, 2, 3]
        shape = [1, array_ops.size(pop_mean), 1, 1]
        pop_mean = array_ops.reshape(pop_mean, shape)
        pop_var = array_ops.reshape(pop_var, shape)
        scale = array_ops.reshape(scale, shape)
    grad_offset = math_ops.reduce_sum(grad_y, axis=reduce_axis)
    var_rsqrt = math_ops.rsqrt(pop_var + epsilon)
    grad_scale = math_ops.reduce_sum(grad_y * (x - pop_mean) * var_rsqrt, axis=reduce_axis)
    grad_x = grad_y * scale * var_rsqrt
    return math_ops.cast(grad_x, x_dtype), grad_scale, grad_offset


@RegisterGradient("FusedBatchNormGrad")
@RegisterGradient("FusedBatchNormGradV2")
def _fused_batch_norm_grad_grad(op, *grad):
    """Gradients for FusedBatchNormGrad's y_backprop, x and scale."""
    from ..eager.backprop import GradientTape

    data_format = _fmt(op)
    epsilon = op.get_attr("epsilon")
    is_training = op.get_attr("is_training")
    grad_y, x, scale, pop_mean, pop_var = op.inputs[:5]
    with GradientTape() as tape:
        tape.watch(grad_y)
        tape.watch(x)
        tape.watch(scale)
        grad_x, grad_scale, grad_offset = _batch_norm_grad(
            grad_y, x, scale, pop_mean, pop_var, epsilon, data_format, is_training)
        grad_initial = [grad[0], grad[1], grad[2]]
    grad_grad_y, grad_x, grad_scale = tape.gradient(
        [grad_x, grad_scale, grad_offset], [grad_y, x, scale], grad_initial)
    return grad_grad_y, grad_x, grad_scale, None, None


@RegisterGradient("FusedBatchNormGradV3")
def _fused_batch_norm_grad_grad_v3(op, *grad):
    return _fused_batch_norm_grad_grad(op, *grad)[:3] + (None, None, None)
