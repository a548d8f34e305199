"""Gradients of math ops as TF 2.21 builds them (its `math_grad.py`), for graphs whose
target has `v2_gradients_and_control_flow`; other op types use `math_grad.py`'s.

What TF 2.x changed: a broadcasting binary op computes both input gradients first,
then `_ReduceGradientArgs` infers the reduction axes from the static shapes (no
`BroadcastGradientArgs` unless a dimension is unknown on either side) and reduces
with `keepdims=True`, skipping an input whose axes are empty and whose rank is not
smaller; `reduced_shape` folds to a NumPy array for constant shapes and axes; Sum's
general gradient broadcasts (`BroadcastTo`) instead of tiling.
"""

from __future__ import annotations

import numpy as np

from ..framework import dtypes as _dtypes
from ..framework.constant_op import constant
from ..framework.ops import Tensor, colocate_with, control_dependencies, get_default_graph
from . import _grad_ops as _g
from . import array_ops, math_ops
from .gradients_impl import RegisterGradientV2
from .math_grad import (
    _attr,
    _constant_value,
    _mul,
    _realdiv,
    _shape_tuple,
    _sum_all_grad,
    broadcast_gradient_args,
)


def _infer_reduction_axes(xs, ys):
    """TF's `_InferGradientReductionAxes`: per-input broadcast axes, or None if dynamic."""
    if xs is None or ys is None:
        return None, None
    b = max(len(xs), len(ys))
    x_axes, y_axes = [], []
    for axis in range(b):
        xd = 1 if axis < b - len(xs) else xs[axis - (b - len(xs))]
        yd = 1 if axis < b - len(ys) else ys[axis - (b - len(ys))]
        if xd == 1 and yd != 1:
            x_axes.append(axis)
        elif yd == 1 and xd != 1:
            y_axes.append(axis)
        elif xd is None or yd is None:
            return None, None
    return x_axes, y_axes


def smart_broadcast_gradient_args(x, y):
    """TF 2.x's `SmartBroadcastGradientArgs`: ((shape, axes, must_reduce) per input)."""
    sx = array_ops.shape(x)
    sy = array_ops.shape(y)
    xs, ys = _shape_tuple(x), _shape_tuple(y)
    x_axes, y_axes = _infer_reduction_axes(xs, ys)
    if x_axes is None or y_axes is None:
        x_axes, y_axes = broadcast_gradient_args(sx, sy)
        return (sx, x_axes, True), (sy, y_axes, True)
    return ((sx, x_axes, bool(x_axes) or len(xs) < len(ys)),
            (sy, y_axes, bool(y_axes) or len(ys) < len(xs)))


def _reduce_arg(grad, shape_axes_must):
    shape, axes, must = shape_axes_must
    if grad is not None and must:
        grad = math_ops.reduce_sum(grad, axes, keepdims=True)
        grad = array_ops.reshape(grad, shape)
    return grad


def reduce_gradient_args(x, y, gx, gy):
    """TF 2.x's `_ReduceGradientArgs`."""
    if gx is not None or gy is not None:
        bx, by = smart_broadcast_gradient_args(x, y)
        gx = _reduce_arg(gx, bx)
        gy = _reduce_arg(gy, by)
    return gx, gy


def _fully_equal(x, y, grad):
    xs = _shape_tuple(x)
    return (isinstance(grad, Tensor) and xs == _shape_tuple(y) and xs == _shape_tuple(grad)
            and xs is not None and None not in xs)


@RegisterGradientV2("Add")
@RegisterGradientV2("AddV2")
def _add_grad(op, grad):
    x, y = op.inputs
    if _fully_equal(x, y, grad):
        return grad, grad
    return reduce_gradient_args(x, y, grad, grad)


@RegisterGradientV2("Sub")
def _sub_grad(op, grad):
    x, y = op.inputs
    if _fully_equal(x, y, grad):
        return grad, -grad
    return reduce_gradient_args(x, y, grad, -grad)


@RegisterGradientV2("Mul")
def _mul_grad(op, grad):
    x, y = op.inputs
    if _fully_equal(x, y, grad) and grad.dtype in (_dtypes.int32, _dtypes.float32):
        return _mul(grad, y), _mul(grad, x)
    return reduce_gradient_args(x, y, _mul(grad, y), _mul(x, grad))


def _div_grad(div):
    def grad_fn(op, grad):
        x, y = op.inputs
        gx = div(grad, y)
        gy = grad * div(div(-x, y), y)
        return reduce_gradient_args(x, y, gx, gy)
    return grad_fn


RegisterGradientV2("Div")(_div_grad(math_ops.divide))
RegisterGradientV2("RealDiv")(_div_grad(_realdiv))
RegisterGradientV2("DivNoNan")(_div_grad(math_ops.div_no_nan))


def _max_min_grad(op, grad, selector):
    x, y = op.inputs
    zeros = array_ops.zeros_like(grad)
    xmask = selector(x, y)
    from .array_ops_ext import where_v2

    gx = where_v2(xmask, grad, zeros)
    gy = where_v2(xmask, zeros, grad)
    return reduce_gradient_args(x, y, gx, gy)


@RegisterGradientV2("Maximum")
def _maximum_grad(op, grad):
    return _max_min_grad(op, grad, math_ops.greater_equal)


@RegisterGradientV2("Minimum")
def _minimum_grad(op, grad):
    return _max_min_grad(op, grad, math_ops.less_equal)


@RegisterGradientV2("SquaredDifference")
def _squared_difference_grad(op, grad):
    x, y = op.inputs
    with control_dependencies([grad]):
        x_grad = _g.scalar_mul(2.0, grad) * (x - y)
    if _fully_equal(x, y, grad):
        return x_grad, -x_grad
    return reduce_gradient_args(x, y, x_grad, -x_grad)


@RegisterGradientV2("Pow")
def _pow_grad(op, grad):
    x, y = op.inputs
    gx = grad * y * math_ops.pow(x, y - 1)
    mask = x > 0
    safe_x = _g.select(mask, x, array_ops.ones_like(x))
    log_x = _g.select(mask, math_ops.log(safe_x), array_ops.zeros_like(x))
    gy = grad * op.outputs[0] * log_x
    return reduce_gradient_args(x, y, gx, gy)


# ----------------------------------------------------------------- reductions

_PY_FOLDED = frozenset({"Const", "Range", "Cast", "Concat", "ConcatV2", "Pack", "Unpack",
                        "Split", "Fill", "Equal", "NotEqual", "StopGradient", "Identity"})


def py_constant_value(t):
    """TF's Python `tensor_util.constant_value`: folds only the op types it knows
    (Shape/Size/Rank of static shapes, Const, Pack, Cast, ...), never arithmetic."""
    from ..framework.tensor_util import constant_value

    def foldable(x):
        ty = x.op.type
        if ty in ("Shape", "Size", "Rank"):
            return True
        return ty in _PY_FOLDED and all(foldable(i) for i in x.op.inputs)
    return constant_value(t) if isinstance(t, Tensor) and foldable(t) else None


def reduced_shape(input_shape, axes):
    """TF 2.x's `math_ops.reduced_shape`: a NumPy array when both are constants."""
    from ..framework.constant_op import convert_to_tensor

    cs = input_shape if not isinstance(input_shape, Tensor) else py_constant_value(input_shape)
    if cs is not None:
        ca = axes if not isinstance(axes, Tensor) else py_constant_value(axes)
        if ca is not None:
            out = np.array(cs, dtype=np.int32)
            out[np.array(ca, dtype=np.int32)] = 1
            return out
    axes = convert_to_tensor(axes)
    input_rank = array_ops.size(input_shape, out_type=axes.dtype)
    axes = (axes + input_rank) % input_rank
    axes_shape = array_ops.shape(axes)
    r = array_ops.range(input_rank)
    ones = array_ops.ones(axes_shape, dtype=input_shape.dtype)
    rank = input_shape.shape[0] if input_shape.shape.rank == 1 else None
    return _g.apply_list_op("DynamicStitch", None, [([r, axes], "indices", None),
                                                    ([input_shape, ones], "data", None)],
                            dtype=input_shape.dtype, shape=[getattr(rank, "value", rank)])


def _safe_shape_div(x, y):
    return x // math_ops.maximum(y, 1)


def _as_tuple(t):
    from ..framework.tensor_util import constant_value

    v = constant_value(t) if isinstance(t, Tensor) else t
    return tuple(int(d) for d in np.reshape(v, -1))


@RegisterGradientV2("Sum")
def _sum_grad(op, grad):
    in_shape = _shape_tuple(op.inputs[0])
    if in_shape is not None:
        axes = _constant_value(op.inputs[1])
        if axes is not None:
            rank = len(in_shape)
            if np.array_equal(axes, np.arange(rank)):
                return [_sum_all_grad(op, grad, in_shape), None]
            if None not in in_shape:
                g = get_default_graph()
                cache = g.__dict__.setdefault("_reduced_shape_cache_v2", {})
                key = (in_shape, tuple(int(a) for a in np.reshape(axes, -1)))
                if key not in cache:
                    kept = _as_tuple(reduced_shape(in_shape, key[1]))
                    cache[key] = (kept, _as_tuple(_safe_shape_div(in_shape, kept)))
                kept, scaling = cache[key]
                grad = array_ops.reshape(grad, kept)
                return [array_ops.tile(grad, scaling), None]
    input_shape = array_ops.shape(op.inputs[0])
    if not _attr(op, "keep_dims", False):
        with colocate_with(input_shape):
            kept = reduced_shape(input_shape, op.inputs[1])
        grad = array_ops.reshape(grad, kept)
    return [array_ops.broadcast_to(grad, input_shape), None]


@RegisterGradientV2("Mean")
def _mean_grad(op, grad):
    sum_grad = _sum_grad(op, grad)[0]
    ins, outs = _shape_tuple(op.inputs[0]), _shape_tuple(op.outputs[0])
    if ins is not None and outs is not None and None not in ins and None not in outs:
        factor = int(np.prod(ins, dtype=np.int64)) // max(int(np.prod(outs, dtype=np.int64)),
                                                          1)
        factor = constant(factor, dtype=sum_grad.dtype)
    else:
        input_shape = array_ops.shape(op.inputs[0])
        input_rank = array_ops.size(input_shape)
        axes = math_ops.cast(op.inputs[1], input_rank.dtype)
        axes = (axes + input_rank) % input_rank
        factor = math_ops.reduce_prod(array_ops.gather(input_shape, axes))
    return math_ops.truediv(sum_grad, math_ops.cast(factor, sum_grad.dtype)), None


@RegisterGradientV2("Max")
@RegisterGradientV2("Min")
def _min_or_max_grad(op, grad):
    input_shape = array_ops.shape(op.inputs[0])
    y = op.outputs[0]
    if not _attr(op, "keep_dims", False):
        kept = reduced_shape(input_shape, op.inputs[1])
        y = array_ops.reshape(y, kept)
        grad = array_ops.reshape(grad, kept)
    else:
        kept = array_ops.shape(y)
    indicators = math_ops.cast(math_ops.equal(y, op.inputs[0]), grad.dtype)
    num_selected = array_ops.reshape(math_ops.reduce_sum(indicators, op.inputs[1]), kept)
    return [math_ops.divide(indicators, num_selected) * grad, None]


# ----------------------------------------------------------------- array ops

@RegisterGradientV2("StridedSlice")
def _strided_slice_grad(op, grad):
    """TF 2.x passes the statically known shape, begin, end and strides as new
    constants (`StridedSliceGrad/shape`, ...)."""
    from .gen import apply_op

    begin, end, strides = op.inputs[1:4]
    x = array_ops.shape(op.inputs[0], out_type=begin.dtype)
    args = []
    for t in (x, begin, end, strides):
        v = py_constant_value(t)
        args.append(t if v is None else v)
    attrs = {k: op._attrs.get(k, 0) for k in ("begin_mask", "end_mask", "ellipsis_mask",
                                               "new_axis_mask", "shrink_axis_mask")}
    out = apply_op("StridedSliceGrad", None,
                   [(args[0], "shape", begin.dtype), (args[1], "begin", begin.dtype),
                    (args[2], "end", begin.dtype), (args[3], "strides", begin.dtype),
                    (grad, "dy", None)],
                   dtype=grad.dtype, shape=op.inputs[0].shape, attrs=attrs)
    return out, None, None, None


@RegisterGradientV2("SelectV2")
def _select_v2_grad(op, grad):
    from .array_ops_ext import where_v2

    c, x, y = op.inputs
    z = op.outputs[0]
    zeros = array_ops.zeros([], dtype=grad.dtype.base_dtype)
    gx = where_v2(c, grad, zeros)
    gy = where_v2(c, zeros, grad)
    gx, _ = reduce_gradient_args(x, z, gx, None)
    gy, _ = reduce_gradient_args(y, z, gy, None)
    return None, gx, gy


@RegisterGradientV2("Reshape")
def _reshape_grad(op, grad):
    """TF 2.x: with one unknown dimension the input shape is a list with -1 (no Shape
    op); else the input's Shape."""
    from .array_grad import _dense

    shape = op.inputs[0].shape
    if shape.rank is not None and not shape.is_fully_defined():
        dims = shape.as_list()
        unknown = [i for i, d in enumerate(dims) if d is None]
        if len(unknown) == 1 and 0 not in dims:
            dims[unknown[0]] = -1
            return [array_ops.reshape(_dense(grad), dims), None]
    return [array_ops.reshape(_dense(grad), array_ops.shape(op.inputs[0])), None]


@RegisterGradientV2("SparseSoftmaxCrossEntropyWithLogits")
def _sparse_xent_grad(op, grad_loss, grad_grad):
    """TF 2.x: no PreventGradient (second derivatives: the softmax's, not reproduced)."""
    from .nn_grad import _broadcast_mul, _is_zero

    if grad_grad is not None and not _is_zero(grad_grad):
        raise NotImplementedError("second derivatives of sparse softmax cross entropy")
    return _broadcast_mul(grad_loss, op.outputs[1]), None
