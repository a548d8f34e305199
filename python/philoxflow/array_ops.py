"""Constants and sequences (`zeros`, `ones`, `fill`, `*_like`, `linspace`, `range`)
plus `slice` and `broadcast_to`, with TensorFlow's dtype rules."""

from __future__ import annotations

import builtins

from . import dtypes as _dtypes
from .framework import (
    Tensor,
    _graph_of,
    cast,
    convert_to_tensor,
    get_default_graph,
    name_scope,
)
from .random_ops import _shape_tensor


def fill(dims, value, name=None):
    """`tf.fill`: a tensor of shape `dims` filled with the scalar `value`."""
    with name_scope(name, "Fill", [dims, value]) as scope:
        dims = _shape_tensor(dims)
        value = convert_to_tensor(value, name="value")
        return get_default_graph()._create_op("Fill", (dims, value), scope).outputs[0]


def _filled(shape, dtype, x, name):
    dtype = _dtypes.as_dtype(dtype)
    if isinstance(shape, (list, tuple)) and all(isinstance(d, int) for d in shape):
        import numpy as np

        # As TF: small static shapes become a Const (which Grappler's algebraic
        # rewrites recognise as zeros/ones), larger ones a Fill.
        if int(np.prod(shape, dtype=np.int64)) < 1000:
            from .framework import constant

            return constant(x, dtype=dtype, shape=list(shape), name=name)
    with name_scope(name, name, [shape]) as scope:
        shape_t = _shape_tensor(shape)
        value = convert_to_tensor(x if not dtype.is_bool else builtins.bool(x), dtype=dtype,
                                  name="Const")
        return get_default_graph()._create_op("Fill", (shape_t, value), scope).outputs[0]


def zeros(shape, dtype=_dtypes.float32, name=None):
    return _filled(shape, dtype, 0, name or "zeros")


def ones(shape, dtype=_dtypes.float32, name=None):
    return _filled(shape, dtype, 1, name or "ones")


def _like(op_type, default, tensor, dtype, name):
    g = _graph_of(tensor)
    with g.as_default(), name_scope(name, default, [tensor]) as scope:
        tensor = convert_to_tensor(tensor, name="tensor")
        if dtype is not None and _dtypes.as_dtype(dtype) != tensor.dtype:
            return _filled(g._create_op("Shape", (tensor,), "Shape").outputs[0], dtype,
                           0 if op_type == "ZerosLike" else 1, scope)
        return g._create_op(op_type, (tensor,), scope).outputs[0]


def zeros_like(tensor, dtype=None, name=None, optimize=True):
    return _like("ZerosLike", "zeros_like", tensor, dtype, name)


def ones_like(tensor, dtype=None, name=None, optimize=True):
    return _like("OnesLike", "ones_like", tensor, dtype, name)


def linspace(start, stop, num, name=None, axis=0):
    """`tf.linspace` (scalar start/stop): TF 2.x's `start + k * delta`, last value `stop`.

    Integer endpoints give float64, as TF's true division does.
    """
    if axis != 0:
        raise ValueError("philoxflow's linspace supports axis=0 only")
    with name_scope(name, "linspace", [start, stop]) as scope:
        start = convert_to_tensor(start, name="start")
        stop = convert_to_tensor(stop, name="stop", dtype=start.dtype)
        if start.shape.rank not in (None, 0) or stop.shape.rank not in (None, 0):
            raise ValueError("philoxflow's linspace supports scalar start and stop only")
        num = convert_to_tensor(num, name="num")
        if not num.dtype.is_integer:
            raise TypeError(f"num must be an integer, got {num.dtype.name}")
        if start.dtype.is_integer:
            start, stop = cast(start, _dtypes.float64), cast(stop, _dtypes.float64)
        return get_default_graph()._create_op("LinSpace", (start, stop, num), scope).outputs[0]


lin_space = linspace


def range(start, limit=None, delta=1, dtype=None, name="range"):  # noqa: A001 - TF's name
    """`tf.range`: dtype from the widest argument (int32 < int64 < floats) unless given."""
    if limit is None:
        start, limit = 0, start
    with name_scope(name, "Range", [start, limit, delta]) as scope:
        args = []
        for v, n in ((start, "start"), (limit, "limit"), (delta, "delta")):
            args.append(v if isinstance(v, Tensor) else convert_to_tensor(v, dtype=dtype, name=n))
        if dtype is None:
            order = [_dtypes.int32, _dtypes.int64, _dtypes.float16, _dtypes.bfloat16,
                     _dtypes.float32, _dtypes.float64]
            dtype = max((a.dtype for a in args), key=order.index)
        args = [cast(a, dtype) for a in args]
        return get_default_graph()._create_op("Range", tuple(args), scope).outputs[0]


def slice(input_, begin, size, name=None):  # noqa: A001 - TF's name
    """`tf.slice`: `size[i] == -1` takes the rest of dimension i."""
    g = _graph_of(input_)
    with g.as_default(), name_scope(name, "Slice", [input_, begin, size]) as scope:
        x = convert_to_tensor(input_)
        begin = convert_to_tensor(begin, name="begin")
        size = convert_to_tensor(size, name="size", dtype=begin.dtype)
        return g._create_op("Slice", (x, begin, size), scope).outputs[0]


def broadcast_to(input, shape, name=None):  # noqa: A002 - TF's name
    g = _graph_of(input)
    with g.as_default(), name_scope(name, "BroadcastTo", [input, shape]) as scope:
        x = convert_to_tensor(input)
        return g._create_op("BroadcastTo", (x, _shape_tensor(shape)), scope).outputs[0]
