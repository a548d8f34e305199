"""Gradients of nn ops (TF's `nn_grad.py`), op for op as TF 1.15 builds them."""

from __future__ import annotations

from ..framework import dtypes as _dtypes
from ..framework.tensor_shape import TensorShape
from . import _grad_ops as _g
from . import array_ops, math_ops, nn_ops
from .gen import apply_op
from .gradients_impl import NotDifferentiable, RegisterGradient


def _attr(op, name, default=None):
    try:
        return op.get_attr(name)
    except ValueError:
        return default


def _act_grad(op_type, use_output, extra=()):
    def grad_fn(op, grad):
        other = op.outputs[0] if use_output else op.inputs[0]
        attrs = {a: _attr(op, a) for a in extra}
        return apply_op(op_type, None, [(grad, "gradients", None),
                                        (other, "outputs" if use_output else "features", None)],
                        dtype=grad.dtype, shape=grad.shape, attrs=attrs or None)
    return grad_fn


RegisterGradient("Relu")(_act_grad("ReluGrad", True))
RegisterGradient("Relu6")(_act_grad("Relu6Grad", True))
RegisterGradient("Elu")(_act_grad("EluGrad", True))
RegisterGradient("Selu")(_act_grad("SeluGrad", True))
RegisterGradient("Softsign")(_act_grad("SoftsignGrad", False))


@RegisterGradient("Softplus")
def _softplus_grad(op, grad):
    return grad * math_ops.sigmoid(op.inputs[0])
RegisterGradient("LeakyRelu")(_act_grad("LeakyReluGrad", False, ("alpha",)))


@RegisterGradient("BiasAdd")
def _bias_add_grad(op, grad):
    fmt = _attr(op, "data_format")
    n = grad.shape.as_list()[1 if fmt == "NCHW" else -1] if grad.shape.rank else None
    attrs = {"data_format": fmt} if fmt is not None else None
    return grad, apply_op("BiasAddGrad", None, [(grad, "out_backprop", None)], dtype=grad.dtype,
                          shape=[n], attrs=attrs)


@RegisterGradient("Softmax")
def _softmax_grad(op, grad):
    softmax = op.outputs[0]
    sum_channels = math_ops.reduce_sum(grad * softmax, -1, keepdims=True)
    return (grad - sum_channels) * softmax


@RegisterGradient("LogSoftmax")
def _log_softmax_grad(op, grad):
    softmax = math_ops.exp(op.outputs[0])
    return grad - math_ops.reduce_sum(grad, -1, keepdims=True) * softmax


def _broadcast_mul(vec, mat):
    return array_ops.expand_dims(vec, -1) * mat


@RegisterGradient("SoftmaxCrossEntropyWithLogits")
def _xent_grad(op, grad_loss, grad_grad):
    grad = _broadcast_mul(grad_loss, op.outputs[1])
    logits = op.inputs[0]
    if grad_grad is not None and not _is_zero(grad_grad):
        raise NotImplementedError("second derivatives of softmax cross entropy")
    return grad, _broadcast_mul(grad_loss, -nn_ops.log_softmax(logits))


def _is_zero(g):
    if g.op.type in ("ZerosLike", "Zeros"):
        return True
    v = array_ops.constant_value(g)
    return v is not None and (v == 0).all()


@RegisterGradient("SparseSoftmaxCrossEntropyWithLogits")
def _sparse_xent_grad(op, grad_0, _):
    sg = _g.prevent_gradient(
        op.outputs[1],
        message="Currently there is no way to take the second derivative of "
        "sparse_softmax_cross_entropy_with_logits due to the fused implementation's "
        "interaction with tf.gradients()")
    return _broadcast_mul(grad_0, sg), None


@RegisterGradient("L2Loss")
def _l2_loss_grad(op, grad):
    return op.inputs[0] * grad


def _conv_attrs(op):
    keys = ("dilations", "strides", "padding", "explicit_paddings", "use_cudnn_on_gpu",
            "data_format")
    return {k: _attr(op, k) for k in keys if _attr(op, k) is not None}


def _shape_n(tensors):
    return _g.apply_list_op("ShapeN", None, [(list(tensors), "input", None)],
                    outputs=[(_dtypes.int32, [t.shape.rank]) for t in tensors])


@RegisterGradient("Conv2D")
def _conv2d_grad(op, grad):
    attrs = _conv_attrs(op)
    s0, s1 = _shape_n([op.inputs[0], op.inputs[1]])
    return [apply_op("Conv2DBackpropInput", None, [(s0, "input_sizes", None),
                                                   (op.inputs[1], "filter", None),
                                                   (grad, "out_backprop", None)],
                     dtype=grad.dtype, shape=op.inputs[0].shape, attrs=attrs),
            apply_op("Conv2DBackpropFilter", None, [(op.inputs[0], "input", None),
                                                    (s1, "filter_sizes", None),
                                                    (grad, "out_backprop", None)],
                     dtype=grad.dtype, shape=op.inputs[1].shape, attrs=attrs)]


@RegisterGradient("Conv2DBackpropInput")
def _conv2d_backprop_input_grad(op, grad):
    attrs = _conv_attrs(op)
    return [None,
            apply_op("Conv2DBackpropFilter", None,
                     [(grad, "input", None), (array_ops.shape(op.inputs[1]), "filter_sizes", None),
                      (op.inputs[2], "out_backprop", None)],
                     dtype=grad.dtype, shape=op.inputs[1].shape, attrs=attrs),
            apply_op("Conv2D", None, [(grad, "input", None), (op.inputs[1], "filter", None)],
                     dtype=grad.dtype, shape=op.inputs[2].shape, attrs=attrs)]


@RegisterGradient("DepthwiseConv2dNative")
def _depthwise_conv2d_grad(op, grad):
    attrs = _conv_attrs(op)
    return [apply_op("DepthwiseConv2dNativeBackpropInput", None,
                     [(array_ops.shape(op.inputs[0]), "input_sizes", None),
                      (op.inputs[1], "filter", None), (grad, "out_backprop", None)],
                     dtype=grad.dtype, shape=op.inputs[0].shape, attrs=attrs),
            apply_op("DepthwiseConv2dNativeBackpropFilter", None,
                     [(op.inputs[0], "input", None),
                      (array_ops.shape(op.inputs[1]), "filter_sizes", None),
                      (grad, "out_backprop", None)],
                     dtype=grad.dtype, shape=op.inputs[1].shape, attrs=attrs)]


@RegisterGradient("Conv3D")
def _conv3d_grad(op, grad):
    attrs = _conv_attrs(op)
    return [apply_op("Conv3DBackpropInputV2", None,
                     [(array_ops.shape(op.inputs[0]), "input_sizes", None),
                      (op.inputs[1], "filter", None), (grad, "out_backprop", None)],
                     dtype=grad.dtype, shape=op.inputs[0].shape, attrs=attrs),
            apply_op("Conv3DBackpropFilterV2", None,
                     [(op.inputs[0], "input", None),
                      (array_ops.shape(op.inputs[1]), "filter_sizes", None),
                      (grad, "out_backprop", None)],
                     dtype=grad.dtype, shape=op.inputs[1].shape, attrs=attrs)]


def _pool_attrs(op):
    return {k: _attr(op, k) for k in ("ksize", "strides", "padding", "data_format")}


@RegisterGradient("MaxPool")
def _max_pool_grad(op, grad):
    return apply_op("MaxPoolGrad", None, [(op.inputs[0], "orig_input", None),
                                          (op.outputs[0], "orig_output", None),
                                          (grad, "grad", None)],
                    dtype=grad.dtype, shape=op.inputs[0].shape, attrs=_pool_attrs(op))


@RegisterGradient("AvgPool")
def _avg_pool_grad(op, grad):
    s = array_ops.shape(op.inputs[0])
    return apply_op("AvgPoolGrad", None, [(s, "orig_input_shape", None), (grad, "grad", None)],
                    dtype=grad.dtype, shape=op.inputs[0].shape, attrs=_pool_attrs(op))


@RegisterGradient("FusedBatchNormV3")
def _fused_batch_norm_v3_grad(op, *grad):
    x, scale = op.inputs[0], op.inputs[1]
    is_training = _attr(op, "is_training", True)
    attrs = {"epsilon": _attr(op, "epsilon", 1e-4),
             "data_format": _attr(op, "data_format", "NHWC"), "is_training": is_training}
    if attrs["data_format"] in ("NCHW", b"NCHW") and not is_training:
        raise NotImplementedError("gradients of inference-mode NCHW fused batch norm")
    if not is_training:
        attrs["data_format"] = "NHWC"
    # Training reads the batch statistics the op saved; inference, the population ones.
    r1, r2 = (op.outputs[3], op.outputs[4]) if is_training else (op.inputs[3], op.inputs[4])
    c = scale.shape
    # TF's shape function: the two reserve-space outputs are empty when training, else [C].
    r = TensorShape([0]) if is_training else c
    outs = apply_op("FusedBatchNormGradV3", None,
                    [(grad[0], "y_backprop", None), (x, "x", None), (scale, "scale", None),
                     (r1, "reserve_space_1", None), (r2, "reserve_space_2", None),
                     (op.outputs[5], "reserve_space_3", None)],
                    outputs=[(x.dtype, x.shape), (scale.dtype, c), (scale.dtype, c),
                             (scale.dtype, r), (scale.dtype, r)],
                    attrs=attrs)
    return outs if is_training else outs[:3] + [None, None]


for _t in ("RandomUniform", "RandomStandardNormal", "TruncatedNormal", "RandomUniformInt",
           "RandomShuffle", "Multinomial", "RandomGamma", "RandomPoisson", "RandomPoissonV2",
           "StatelessRandomUniform", "StatelessRandomNormal", "StatelessTruncatedNormal"):
    NotDifferentiable(_t)



from . import nn_grad_bn  # noqa: E402,F401 - registers the second-order batch norm gradients
