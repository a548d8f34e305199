"""Gradients of math ops (TF's `math_grad.py`), op for op as TF 1.15 builds them.

TF 1.15's forward-compatibility horizon (2019-08-21) predates the `mul_no_nan`/
`xdivy` forms, so divisions, Exp and Log take the older `grad * y` forms.
Broadcasting binary ops with fully known shapes ask `BroadcastGradientArgs` once
per pair of shapes per graph (TF's `_bcast_grad_args_cache`), then reduce with
the constant indices.
"""

from __future__ import annotations

import numpy as np

from ..framework import dtypes as _dtypes
from ..framework.constant_op import constant
from ..framework.ops import control_dependencies, get_default_graph
from . import _grad_ops as _g
from . import array_ops, math_ops
from .gen import apply_op
from .gradients_impl import NotDifferentiable, RegisterGradient


def _attr(op, name, default=None):
    """An attribute the builder recorded, else TF's default."""
    try:
        return op.get_attr(name)
    except ValueError:
        return default


def _constant_value(t):
    """TF's `tensor_util.constant_value`, with the Range of constants it also folds."""
    if t.op.type == "Range":
        args = [_constant_value(i) for i in t.op.inputs]
        if all(a is not None for a in args):
            return np.arange(*[a.item() for a in map(np.asarray, args)])
        return None
    return array_ops.constant_value(t)


def _shape_tuple(t):
    return None if t.shape.rank is None else tuple(t.shape.as_list())


def _gen2(op_type, a, an, b, bn, shape=None, attrs=None):
    """A generated two-input op named after its type (TF's gen_*_ops wrappers)."""
    out_shape = shape if shape is not None else a.shape
    return apply_op(op_type, None, [(a, an, None), (b, bn, None)], dtype=a.dtype,
                    shape=out_shape, attrs=attrs)


def _bcast_reduce_indices(sx, sy):
    """BroadcastGradientArgs' values for static shapes."""
    if tuple(sx) == tuple(sy):
        return (), ()
    n = max(len(sx), len(sy))
    px = (1,) * (n - len(sx)) + tuple(sx)
    py = (1,) * (n - len(sy)) + tuple(sy)
    return (tuple(i for i in range(n) if px[i] == 1),
            tuple(i for i in range(n) if py[i] == 1))


def broadcast_gradient_args(s0, s1, name=None):
    """`gen_array_ops.broadcast_gradient_args`: the reduction indices of both inputs."""
    return apply_op("BroadcastGradientArgs", name, [(s0, "s0", _dtypes.int32),
                                                    (s1, "s1", _dtypes.int32)],
                    outputs=[(_dtypes.int32, [None]), (_dtypes.int32, [None])])


def _smart_bcast(x, y, grad):
    """TF's SmartBroadcastGradientArgs: ((sx, rx, must_reduce_x), (sy, ry, must_reduce_y))."""
    xs, ys_ = _shape_tuple(x), _shape_tuple(y)
    if xs is None or None in xs or ys_ is None or None in ys_:
        sx = _shape_op(x)
        sy = _shape_op(y)
        rx, ry = broadcast_gradient_args(sx, sy)
        return (sx, rx, True), (sy, ry, True)
    gs = _shape_tuple(grad)
    g = get_default_graph()
    cache = g.__dict__.setdefault("_bcast_grad_args_cache", {})
    key = (xs, ys_)
    if key not in cache:
        broadcast_gradient_args(list(xs), list(ys_))
        cache[key] = _bcast_reduce_indices(xs, ys_)
    rx, ry = cache[key]
    return (xs, rx, xs != gs), (ys_, ry, ys_ != gs)


def _shape_op(x):
    """`array_ops.shape_internal(x, optimize=False)`: always a Shape op."""
    return apply_op("Shape", None, [(x, "input", None)], dtype=_dtypes.int32,
                    shape=[x.shape.rank])


def _fully_equal(x, y, grad):
    xs = _shape_tuple(x)
    return (xs == _shape_tuple(y) and xs == _shape_tuple(grad) and xs is not None
            and None not in xs)


def _reduce_reshape(grad, r, s):
    return array_ops.reshape(math_ops.reduce_sum(grad, r), s)


@RegisterGradient("Add")
@RegisterGradient("AddV2")
def _add_grad(op, grad):
    x, y = op.inputs
    skip = _skipped(op)
    if 1 in skip and _shape_tuple(y) == ():
        return grad, None
    if _fully_equal(x, y, grad):
        return grad, grad
    (sx, rx, mx), (sy, ry, my) = _smart_bcast(x, y, grad)
    gx = None if 0 in skip else _reduce_reshape(grad, rx, sx) if mx else grad
    gy = None if 1 in skip else _reduce_reshape(grad, ry, sy) if my else grad
    return gx, gy


def _skipped(op):
    """The inputs a gradient tape needs no gradient for (TF's `op.skip_input_indices`,
    set on the tape's mock ops only)."""
    return getattr(op, "skip_input_indices", None) or ()


@RegisterGradient("Sub")
def _sub_grad(op, grad):
    x, y = op.inputs
    skip = _skipped(op)
    if 1 in skip and _shape_tuple(y) == ():
        return grad, None
    if _fully_equal(x, y, grad):
        return grad, -grad
    (sx, rx, mx), (sy, ry, my) = _smart_bcast(x, y, grad)
    gx = None if 0 in skip else _reduce_reshape(grad, rx, sx) if mx else grad
    gy = None if 1 in skip else _reduce_reshape(-grad, ry, sy) if my else -grad
    return gx, gy


def _mul(a, b):
    return _gen2("Mul", a, "x", b, "y", shape=math_ops._shape_hint(a, b))


@RegisterGradient("Mul")
def _mul_grad(op, grad):
    x, y = op.inputs
    skip = _skipped(op)
    if 1 in skip and _shape_tuple(y) == ():
        return _mul(grad, y), None
    if _fully_equal(x, y, grad) and grad.dtype in (_dtypes.int32, _dtypes.float32):
        return _mul(grad, y), _mul(grad, x)
    (sx, rx, mx), (sy, ry, my) = _smart_bcast(x, y, grad)
    gx = None if 0 in skip else _reduce_reshape(_mul(grad, y), rx, sx) if mx else _mul(grad, y)
    gy = None if 1 in skip else _reduce_reshape(_mul(x, grad), ry, sy) if my else _mul(x, grad)
    return gx, gy


def _div_grad(div):
    def grad_fn(op, grad):
        x, y = op.inputs
        sx = array_ops.shape(x)
        sy = array_ops.shape(y)
        rx, ry = broadcast_gradient_args(sx, sy)
        return (array_ops.reshape(math_ops.reduce_sum(div(grad, y), rx), sx),
                array_ops.reshape(math_ops.reduce_sum(grad * div(div(-x, y), y), ry), sy))
    return grad_fn


def _realdiv(a, b):
    return _gen2("RealDiv", a, "x", b, "y", shape=math_ops._shape_hint(a, b))


RegisterGradient("RealDiv")(_div_grad(_realdiv))


RegisterGradient("DivNoNan")(_div_grad(math_ops.div_no_nan))
RegisterGradient("Div")(_div_grad(math_ops.divide))


@RegisterGradient("Maximum")
def _maximum_grad(op, grad):
    return _max_min_grad(op, grad, math_ops.greater_equal)


@RegisterGradient("Minimum")
def _minimum_grad(op, grad):
    return _max_min_grad(op, grad, math_ops.less_equal)


def _max_min_grad(op, grad, selector):
    x, y = op.inputs
    sx = array_ops.shape(x)
    sy = array_ops.shape(y)
    gradshape = array_ops.shape(grad)
    zeros = array_ops.zeros(gradshape, grad.dtype)
    xmask = selector(x, y)
    rx, ry = broadcast_gradient_args(sx, sy)
    xgrad = _g.select(xmask, grad, zeros)
    gx = array_ops.reshape(math_ops.reduce_sum(xgrad, rx), sx)
    ygrad = _g.select(xmask, zeros, grad)
    gy = array_ops.reshape(math_ops.reduce_sum(ygrad, ry), sy)
    return gx, gy


@RegisterGradient("SquaredDifference")
def _squared_difference_grad(op, grad):
    x, y = op.inputs
    with control_dependencies([grad]):
        x_grad = _g.scalar_mul(2.0, grad) * (x - y)
    if _fully_equal(x, y, grad):
        return x_grad, -x_grad
    (sx, rx, mx), (sy, ry, my) = _smart_bcast(x, y, grad)
    gx = _reduce_reshape(x_grad, rx, sx) if mx else x_grad
    gy = -_reduce_reshape(x_grad, ry, sy) if my else -x_grad
    return gx, gy


# ----------------------------------------------------------------- unary

@RegisterGradient("Neg")
def _neg_grad(_, grad):
    return -grad


@RegisterGradient("Square")
def _square_grad(op, grad):
    x = op.inputs[0]
    with control_dependencies([grad]):
        two = constant(2.0, dtype=x.dtype)
        return math_ops.multiply(grad, math_ops.multiply(x, two))


def _y_grad(op_type):
    def grad_fn(op, grad):
        y = op.outputs[0]
        return _gen2(op_type, y, "y", grad, "dy")
    return grad_fn


def _y_grad_dep(op_type):
    def grad_fn(op, grad):
        y = op.outputs[0]
        with control_dependencies([grad]):
            return _gen2(op_type, y, "y", grad, "dy")
    return grad_fn


RegisterGradient("Sqrt")(_y_grad("SqrtGrad"))
RegisterGradient("Rsqrt")(_y_grad("RsqrtGrad"))
RegisterGradient("Tanh")(_y_grad_dep("TanhGrad"))
RegisterGradient("Sigmoid")(_y_grad_dep("SigmoidGrad"))


@RegisterGradient("Exp")
def _exp_grad(op, grad):
    y = op.outputs[0]
    with control_dependencies([grad]):
        return grad * y


@RegisterGradient("Log")
def _log_grad(op, grad):
    x = op.inputs[0]
    with control_dependencies([grad]):
        return grad * _g.reciprocal(x)


@RegisterGradient("Log1p")
def _log1p_grad(op, grad):
    # TF 1.15's forward-compatibility horizon predates its 2019-09-14 xdivy switch, so
    # it builds grad * reciprocal(1 + x), as TF 2.21 does
    x = op.inputs[0]
    with control_dependencies([grad]):
        return grad * _g.reciprocal(1 + x)


@RegisterGradient("Abs")
def _abs_grad(op, grad):
    return grad * _g.sign(op.inputs[0])


@RegisterGradient("Cast")
def _cast_grad(op, grad):
    floats = ("float16", "float32", "float64", "bfloat16", "complex64", "complex128")
    src = op.inputs[0].dtype.base_dtype
    if src.name in floats and grad.dtype.base_dtype.name in floats:
        return math_ops.cast(grad, src)
    return None


@RegisterGradient("MatMul")
def _matmul_grad(op, grad):
    ta, tb = _attr(op, "transpose_a", False), _attr(op, "transpose_b", False)
    a, b = op.inputs

    def mm(p, q, ta_=False, tb_=False):
        m = p.shape.as_list()[1 if ta_ else 0] if p.shape.rank == 2 else None
        n = q.shape.as_list()[0 if tb_ else 1] if q.shape.rank == 2 else None
        return apply_op("MatMul", None, [(p, "a", None), (q, "b", None)], dtype=p.dtype,
                        shape=[m, n], attrs={"transpose_a": ta_, "transpose_b": tb_})
    if not ta and not tb:
        return mm(grad, b, tb_=True), mm(a, grad, ta_=True)
    if not ta and tb:
        return mm(grad, b), mm(grad, a, ta_=True)
    if ta and not tb:
        return mm(b, grad, tb_=True), mm(a, grad)
    return mm(b, grad, True, True), mm(grad, a, True, True)


@RegisterGradient("BatchMatMulV2")
@RegisterGradient("BatchMatMul")
def _batch_matmul_grad(op, grad):
    x, y = op.inputs
    ax, ay = _attr(op, "adj_x", False), _attr(op, "adj_y", False)
    mm = math_ops.matmul
    if not ax:
        if not ay:
            gx, gy = mm(grad, y, adjoint_b=True), mm(x, grad, adjoint_a=True)
        else:
            gx, gy = mm(grad, y), mm(grad, x, adjoint_a=True)
    elif not ay:
        gx, gy = mm(y, grad, adjoint_b=True), mm(x, grad)
    else:
        gx, gy = mm(y, grad, adjoint_a=True, adjoint_b=True), mm(grad, x, adjoint_a=True,
                                                               adjoint_b=True)
    if op.type == "BatchMatMul":
        return gx, gy
    if not (x.shape.is_fully_defined() and y.shape.is_fully_defined()
            and x.shape == y.shape):
        sx = array_ops.shape(x)
        sy = array_ops.shape(y)
        rx, ry = broadcast_gradient_args(sx[:-2], sy[:-2])
        gx = array_ops.reshape(math_ops.reduce_sum(gx, rx), sx)
        gy = array_ops.reshape(math_ops.reduce_sum(gy, ry), sy)
    return gx, gy


# ----------------------------------------------------------------- reductions

def _reduced_shape(input_shape, axes):
    """TF's `math_ops.reduced_shape`: DynamicStitch of range(rank) and the axes, both
    cast to int32 first (a Python shape or axes becomes a `Cast/x` Const)."""
    from ..framework.tensor_util import constant_value

    input_shape = math_ops.cast(input_shape, _dtypes.int32)
    axes = math_ops.cast(axes, _dtypes.int32)
    # TF's shape refiner folds the stitch indices when the rank (Size of a shape vector
    # of static length) and the axes are constants: the output then has `rank` elements.
    rank = input_shape.shape[0] if input_shape.shape.rank == 1 else None
    rank = getattr(rank, "value", rank)
    known = rank is not None and constant_value(axes) is not None
    input_rank = array_ops.size(input_shape)
    axes = (axes + input_rank) % input_rank
    axes_shape = array_ops.shape(axes)
    r = array_ops.range(input_rank)
    ones = array_ops.fill(axes_shape, 1)
    return _g.apply_list_op("DynamicStitch", None, [([r, axes], "indices", None),
                                            ([input_shape, ones], "data", None)],
                    dtype=_dtypes.int32, shape=[rank if known else None])


def _safe_shape_div(x, y):
    return x // math_ops.maximum(y, 1)


def _kept_dims(shape, axes):
    r = len(shape)
    red = {int(a) % r for a in axes}
    kept = tuple(1 if i in red else d for i, d in enumerate(shape))
    return kept, tuple(d // max(k, 1) for d, k in zip(shape, kept))


def _sum_all_grad(op, grad, in_shape):
    """A reduction over every axis: the gradient reshaped to ones and tiled (TF's fast
    path, the same in TF 1.15 and 2.21)."""
    grad = array_ops.reshape(grad, [1] * len(in_shape))
    if None not in in_shape:
        input_shape = constant(list(in_shape), dtype=_dtypes.int32)
    else:
        input_shape = array_ops.shape(op.inputs[0])
    out = array_ops.tile(grad, input_shape)
    out.set_shape(op.inputs[0].shape)
    return out


@RegisterGradient("Sum")
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
                cache = g.__dict__.setdefault("_reduced_shape_cache", {})
                key = (in_shape, tuple(int(a) for a in np.reshape(axes, -1)))
                if key not in cache:
                    # TF evaluates each helper's ops to a tuple: the ops stay in the graph
                    _reduced_shape(list(in_shape), key[1])
                    kept_t, _ = _kept_dims(in_shape, key[1])
                    _safe_shape_div(list(in_shape), list(kept_t))
                    cache[key] = _kept_dims(in_shape, key[1])
                kept, scaling = cache[key]
                grad = array_ops.reshape(grad, list(kept))
                out = array_ops.tile(grad, list(scaling))
                return [out, None]
    input_shape = array_ops.shape(op.inputs[0])
    kept = _reduced_shape(input_shape, op.inputs[1])
    scaling = _safe_shape_div(input_shape, kept)
    grad = array_ops.reshape(grad, kept)
    return [array_ops.tile(grad, scaling), None]


@RegisterGradient("Mean")
def _mean_grad(op, grad):
    sum_grad = _sum_grad(op, grad)[0]
    ins, outs = _shape_tuple(op.inputs[0]), _shape_tuple(op.outputs[0])
    if ins is not None and outs is not None and None not in ins and None not in outs:
        factor = int(np.prod(ins, dtype=np.int64)) // max(int(np.prod(outs, dtype=np.int64)),
                                                          1)
        factor = constant(factor, dtype=sum_grad.dtype)
    else:
        s_in = array_ops.shape(op.inputs[0])
        s_out = array_ops.shape(op.outputs[0])
        factor = _safe_shape_div(math_ops.reduce_prod(s_in), math_ops.reduce_prod(s_out))
    return math_ops.truediv(sum_grad, math_ops.cast(factor, sum_grad.dtype)), None


@RegisterGradient("AddN")
def _add_n_grad(op, grad):
    return [grad] * len(op.inputs)


@RegisterGradient("Reciprocal")
def _reciprocal_grad(op, grad):
    return _gen2("ReciprocalGrad", op.outputs[0], "y", grad, "dy")


@RegisterGradient("Sign")
def _sign_grad(op, _):
    x = op.inputs[0]
    return array_ops.zeros(array_ops.shape(x), dtype=x.dtype)


@RegisterGradient("Floor")
@RegisterGradient("Ceil")
@RegisterGradient("Round")
@RegisterGradient("Rint")
def _no_grad_one(_, unused_grad):
    return [None]


@RegisterGradient("FloorDiv")
@RegisterGradient("TruncateDiv")
def _no_grad_two(_, unused_grad):
    return None, None


@RegisterGradient("Select")
def _select_grad(op, grad):
    c, x = op.inputs[0], op.inputs[1]
    zeros = array_ops.zeros_like(x)
    return None, _g.select(c, grad, zeros), _g.select(c, zeros, grad)


@RegisterGradient("Max")
@RegisterGradient("Min")
def _min_or_max_grad(op, grad):
    input_shape = array_ops.shape(op.inputs[0])
    kept = _reduced_shape(input_shape, op.inputs[1])
    y = array_ops.reshape(op.outputs[0], kept)
    grad = array_ops.reshape(grad, kept)
    indicators = math_ops.cast(math_ops.equal(y, op.inputs[0]), grad.dtype)
    num_selected = array_ops.reshape(math_ops.reduce_sum(indicators, op.inputs[1]), kept)
    return [math_ops.divide(indicators, num_selected) * grad, None]


@RegisterGradient("Pow")
def _pow_grad(op, grad):
    x, y = op.inputs
    (sx, rx, mx), (sy, ry, my) = _smart_bcast(x, y, grad)
    gx = grad * y * math_ops.pow(x, y - 1)
    if mx:
        gx = _reduce_reshape(gx, rx, sx)
    z = op.outputs[0]
    mask = x > 0
    safe_x = _g.select(mask, x, array_ops.ones_like(x))
    log_x = _g.select(mask, math_ops.log(safe_x), array_ops.zeros_like(x))
    gy = grad * z * log_x
    if my:
        gy = _reduce_reshape(gy, ry, sy)
    return gx, gy


@RegisterGradient("Erf")
def _erf_grad(op, grad):
    x = op.inputs[0]
    two_over_root_pi = constant(2 / np.sqrt(np.pi), dtype=grad.dtype)
    with control_dependencies([grad]):
        return grad * two_over_root_pi * math_ops.exp(-math_ops.square(x))


for _t in ("Less", "LessEqual", "Greater", "GreaterEqual", "Equal", "NotEqual", "LogicalAnd",
           "LogicalOr", "LogicalNot", "Range", "LinSpace", "ArgMax", "ArgMin", "IsFinite"):
    NotDifferentiable(_t)

