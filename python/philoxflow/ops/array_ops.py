"""Array ops (`array_ops.py`): constants and sequences, shapes, placeholders, reshaping,
slicing and indexing, built as TensorFlow 1.15 builds them.

`zeros`, `ones`, `fill`, `*_like`, `linspace`, `range`, `slice` and `broadcast_to`
compute; reshaping and gathering ops are built for graph structure with TF's
static shapes (Reshape, StridedSlice on vectors and Pack compute too, since shapes
computed from tensors feed random ops).
"""

from __future__ import annotations

import builtins
import functools
import operator
import sys

import numpy as np

from ..framework import dtypes as _dtypes
from ..framework.constant_op import constant, convert_to_tensor
from ..framework.ops import Tensor, _graph_of, get_default_graph, name_scope
from ..framework.tensor_shape import TensorShape, as_shape_strict, dimension_value
from . import array_kernels
from .gen import apply_op
from .math_ops import cast


def shape_tensor(shape):
    """TF's `tensor_util.shape_tensor`: lists become int32 (int64 if needed) tensors."""
    dtype = None
    if isinstance(shape, (tuple, list)):
        if not shape:
            dtype = _dtypes.int32
        else:
            shape = tuple(dimension_value(d) for d in shape)
    return convert_to_tensor(shape, dtype=dtype, name="shape")


def static_shape_of(shape):
    """The static shape a shape argument (list, TensorShape or tensor) denotes."""
    if isinstance(shape, TensorShape):
        return shape
    if isinstance(shape, Tensor):
        v = _constant_value(shape)
        if v is not None:
            return TensorShape([int(d) for d in np.ravel(v)])
        if shape.op.type == "Shape":  # TF's shape inference reads a Shape's input shape
            return shape.op.inputs[0].shape
        if shape.op.type == "Pack" and shape.shape.rank == 1:  # and a Pack's constant parts
            dims = []
            for part in shape.op.inputs:
                pv = _constant_value(part)
                dims.append(None if pv is None or np.ndim(pv) or int(pv) < 0 else int(pv))
            return TensorShape(dims)
        n = shape.shape.as_list()[0] if shape.shape.rank == 1 else None
        return TensorShape(None if n is None else [None] * n)
    if isinstance(shape, (list, tuple)):
        return TensorShape([d if isinstance(dimension_value(d), (int, np.integer, type(None)))
                            else None for d in map(dimension_value, shape)])
    return TensorShape([int(shape)])


def _constant_value(t):
    """TF's `tensor_util.constant_value` for Consts (and Shapes of known shapes)."""
    if not isinstance(t, Tensor):
        return None
    op = t.op
    if op.type == "Const":
        return op.get_attr("value")
    if op.type == "Shape" and op.inputs[0].shape.is_fully_defined():
        return np.array(op.inputs[0].shape.as_list(), dtype=np.int32)
    if op.type == "Pack":
        vals = [_constant_value(i) for i in op.inputs]
        if all(v is not None for v in vals):
            return np.stack(vals)
    if op.type == "StridedSlice" and not any(
            op.get_attr(m) for m in ("ellipsis_mask", "new_axis_mask")):
        # Slices of a constant vector (`tf.shape(x)[i]`, `[1:2]`), as TF's shape
        # inference evaluates them.
        src = _constant_value(op.inputs[0])
        b, e, st = (_constant_value(i) for i in op.inputs[1:4])
        if src is not None and np.ndim(src) == 1 and b is not None and e is not None \
                and st is not None and np.size(b) == 1:
            b, e, st = int(np.ravel(b)[0]), int(np.ravel(e)[0]), int(np.ravel(st)[0])
            if op.get_attr("shrink_axis_mask") == 1:
                return np.asarray(src[b]) if -len(src) <= b < len(src) else None
            if op.get_attr("shrink_axis_mask") == 0 and st != 0:
                return np.asarray(src[None if op.get_attr("begin_mask") & 1 else b:
                                      None if op.get_attr("end_mask") & 1 else e:st])
    if op.type == "ConcatV2":
        vals = [_constant_value(i) for i in op.inputs[:-1]]
        axis = _constant_value(op.inputs[-1])
        if all(v is not None for v in vals) and axis is not None:
            return np.concatenate(vals, int(axis))
    return None


constant_value = _constant_value


# ----------------------------------------------------------------- placeholders, shapes

def placeholder(dtype, shape=None, name=None):
    """`tf.placeholder`: a value fed at run time through `feed_dict`."""
    from ..framework.op_def_library import _make_attr

    dtype = _make_attr("Placeholder", {"name": "dtype", "type": "type"}, dtype)
    if shape is not None:
        shape = _shape_attr(shape)
    g = get_default_graph()
    if g._target.seed_rule != "last_id":
        return g._create_op("Placeholder", (), name or "Placeholder", dtype=dtype, shape=shape,
                            attrs={"dtype": dtype}).outputs[0]
    with g.name_scope(name or "Placeholder") as scope:  # the generated wrapper's scope
        return g._create_op("Placeholder", (), scope, dtype=dtype, shape=shape,
                            attrs={"dtype": dtype}).outputs[0]


def placeholder_with_default(input, shape, name=None):  # noqa: A002 - TF's name
    """`tf.placeholder_with_default`: `input` unless fed."""
    from ..framework.op_def_library import apply_op_helper

    return apply_op_helper("PlaceholderWithDefault", name=name, input=input,
                           shape=TensorShape(None) if shape is None else shape).outputs[0]


def _shape_attr(shape):
    """A `shape` attr as TF's op builder converts it (`_MakeShape`)."""
    from ..framework.op_def_library import _make_attr

    return _make_attr("Placeholder", {"name": "shape", "type": "shape"}, shape)


def identity(input, name=None):  # noqa: A002 - TF's name
    """`tf.identity`: the generated wrapper (its name scope, its `input` conversion)."""
    from ..framework.op_def_library import apply_op_helper

    return apply_op_helper("Identity", name=name, input=input).outputs[0]


def stop_gradient(input, name=None):  # noqa: A002 - TF's name
    with name_scope(name, "StopGradient", [input]) as scope:
        x = convert_to_tensor(input, name="input")
        return get_default_graph()._create_op("StopGradient", (x,), scope, dtype=x.dtype,
                                              shape=x.shape).outputs[0]


def shape(input, name=None, out_type=_dtypes.int32):  # noqa: A002 - TF's name
    """`tf.shape`: a Const when the static shape is fully defined (TF's optimize path)."""
    g = _graph_of(input)
    with g.as_default(), name_scope(name, "Shape", [input]) as scope:
        x = convert_to_tensor(input)
        out = _dtypes.as_dtype(out_type)
        fits = x.shape.is_fully_defined() and all(
            d <= np.iinfo(out.as_numpy_dtype).max for d in x.shape.as_list())
        if fits:
            return constant(np.array(x.shape.as_list(), dtype=out.as_numpy_dtype), name=scope)
        return g._create_op("Shape", (x,), scope, dtype=out,
                            attrs={"out_type": out}).outputs[0]


def size(input, name=None, out_type=_dtypes.int32):  # noqa: A002 - TF's name
    with name_scope(name, "Size", [input]) as scope:
        x = convert_to_tensor(input)
        out_type = _dtypes.as_dtype(out_type)
        if x.shape.is_fully_defined():
            return constant(np.array(x.shape.num_elements(), dtype=out_type.as_numpy_dtype),
                            name=scope)
        return get_default_graph()._create_op("Size", (x,), scope, dtype=out_type,
                                              shape=[]).outputs[0]


def rank(input, name=None):  # noqa: A002 - TF's name
    with name_scope(name, "Rank", [input]) as scope:
        x = convert_to_tensor(input)
        if x.shape.rank is not None:
            return constant(np.array(x.shape.rank, dtype=np.int32), name=scope)
        return get_default_graph()._create_op("Rank", (x,), scope, dtype=_dtypes.int32,
                                              shape=[], attrs={"T": x.dtype}).outputs[0]


# ----------------------------------------------------------------- constants and sequences

def fill(dims, value, name=None):
    """`tf.fill`: a tensor of shape `dims` filled with the scalar `value`."""
    from ..framework.op_def_library import apply_op_helper

    return apply_op_helper("Fill", name=name, dims=dims, value=value).outputs[0]


def _small(dims):
    """TF's `_constant_if_small` test `np.prod(shape) < 1000` (exact ints; a shape
    NumPy cannot multiply is not small)."""
    out = 1
    try:
        for d in dims:
            if not isinstance(d, (int, np.integer, float, np.floating)):
                return False
            out *= d
    except (TypeError, ValueError):
        return False
    return out < 1000


def _filled(shape, dtype, x, name, default):
    """TF 1.15's zeros/ones: a Const under 1000 elements, else Fill of a shape tensor."""
    dtype = _dtypes.as_dtype(dtype)
    x = builtins.bool(x) if dtype.is_bool else x
    if dtype == _dtypes.string:
        if x:  # TF's `ones` converts 1 to a string constant, which fails
            raise TypeError(f"Expected string, but got {x!r} of type '{type(x).__name__}'.")
        x = ""  # TF's zero string
    with name_scope(name, default, [shape]) as scope:
        g = get_default_graph()
        if not isinstance(shape, Tensor):
            if isinstance(shape, TensorShape) and not shape.is_fully_defined() or (
                    isinstance(shape, np.ndarray) and shape.ndim > 1) or shape is None or (
                    isinstance(shape, (str, bytes))):
                # TF's small-constant and TensorShape attempts fail; the fallback raises
                # (or builds a Fill whose shape function does)
                shape = convert_to_tensor(shape, dtype=_dtypes.int32)
            else:
                if isinstance(shape, np.ndarray):
                    shape = [int(d) for d in shape.ravel()] if shape.ndim else int(shape)
                dims = list(shape.as_list()) if isinstance(shape, TensorShape) else (
                    list(shape) if isinstance(shape, (list, tuple)) else [shape])
                dims = [dimension_value(d) for d in dims]
                shape = None
                if any(isinstance(d, Tensor) for d in dims):
                    # TF's _constant_if_small multiplies the list (building Mul and Less
                    # ops) before the comparison fails on a tensor; then it packs.
                    if dims:
                        functools.reduce(operator.mul, dims) < 1000  # noqa: B015 - TF's ops
                elif _small(dims) and len(dims) <= 32:
                    # (NumPy cannot hold a Const of TF's higher ranks: those go to Fill.)
                    try:
                        return constant(x, dtype=dtype, shape=dims, name=scope)
                    except ValueError:
                        pass  # (a negative dimension): TF's fallback, a Fill
                else:
                    # TF goes through TensorShape(shape) for int64-if-needed semantics
                    try:
                        known = as_shape_strict(dims).as_list()
                        if any(d is None for d in known):
                            raise ValueError(known)
                        shape = constant(np.array(known, dtype=np.int64 if builtins.max(
                            known, default=0) >= 2**31 else np.int32), name="shape_as_tensor")
                    except (TypeError, ValueError):
                        pass
                if shape is None:
                    shape = convert_to_tensor(dims, dtype=_dtypes.int32)
        if shape.shape.rank == 0:
            shape = reshape(shape, [-1])
        value = constant(x, dtype=dtype)
        out = g._create_op("Fill", (shape, value), scope).outputs[0]
        return out


def zeros(shape, dtype=_dtypes.float32, name=None):
    return _filled(shape, dtype, 0, name, "zeros")


def ones(shape, dtype=_dtypes.float32, name=None):
    return _filled(shape, dtype, 1, name, "ones")


def zeros_like(tensor, dtype=None, name=None, optimize=True):
    g = _graph_of(tensor)
    with g.as_default(), name_scope(name, "zeros_like", [tensor]) as scope:
        tensor = convert_to_tensor(tensor, name="tensor")
        if optimize and tensor.shape.is_fully_defined():
            return zeros(tensor.shape, dtype=dtype or tensor.dtype, name=scope)
        if dtype is not None and _dtypes.as_dtype(dtype) != tensor.dtype:
            return zeros(shape(tensor), dtype=dtype, name=scope)
        return g._create_op("ZerosLike", (tensor,), scope).outputs[0]


def ones_like(tensor, dtype=None, name=None, optimize=True):
    g = _graph_of(tensor)
    with g.as_default(), name_scope(name, "ones_like", [tensor]) as scope:
        tensor = convert_to_tensor(tensor, name="tensor")
        if g._target.uniform_skips_unit_scaling and tensor.shape.is_fully_defined():
            # TF 2.x's shape_internal (no out_type): `Shape/shape_as_tensor`.
            with name_scope(None, "Shape"):
                dims = constant(np.array(tensor.shape.as_list(), dtype=np.int32),
                                name="shape_as_tensor")
        else:
            dims = shape(tensor)
        out = ones(dims, dtype=dtype or tensor.dtype, name=scope)
        out.set_shape(tensor.shape)
        return out


def linspace(start, stop, num, name=None, axis=0):
    """`tf.linspace`: TF's LinSpace op for scalar start/stop; TF 2.x's n-d linspace for
    start/stop of rank >= 1 or another axis (TF 1.15 has only the scalar op)."""
    nd = axis != 0 or any(v.shape.rank not in (None, 0) if isinstance(v, Tensor)
                          else np.ndim(v) > 0 for v in (start, stop))
    if nd and get_default_graph()._target.uniform_skips_unit_scaling:
        from ..stateless_extra import linspace_nd

        return linspace_nd(start, stop, num, name=name, axis=axis)
    if axis != 0:
        raise ValueError("TF 1.15's linspace has no axis argument")
    with name_scope(name, "LinSpace", [start, stop]) as scope:
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
            dtype = builtins.max((a.dtype for a in args), key=order.index)
        args = [cast(a, dtype) for a in args]
        return get_default_graph()._create_op("Range", tuple(args), scope,
                                              shape=_range_shape(args)).outputs[0]


def _range_shape(args):
    """TF's Range shape function: the length when start, limit and delta are constants."""
    import math

    vals = [_constant_value(a) for a in args]
    if any(v is None or np.ndim(v) != 0 for v in vals):
        return TensorShape([None])
    start, limit, delta = (v.item() for v in vals)
    if delta == 0 or (delta > 0 and start > limit) or (delta < 0 and start < limit):
        return TensorShape([None])
    if isinstance(start, int) and isinstance(limit, int) and isinstance(delta, int):
        n = (abs(limit - start) + abs(delta) - 1) // abs(delta)
    else:
        n = math.ceil(abs((limit - start) / delta))
    return TensorShape([int(n)])


def slice(input_, begin, size, name=None):  # noqa: A001 - TF's name
    """`tf.slice`: `size[i] == -1` takes the rest of dimension i."""
    g = _graph_of(input_)
    with g.as_default(), name_scope(name, "Slice", [input_, begin, size]) as scope:
        x = convert_to_tensor(input_, name="input")
        begin = convert_to_tensor(begin, name="begin")
        size = convert_to_tensor(size, name="size", dtype=begin.dtype)
        out = g._create_op("Slice", (x, begin, size), scope).outputs[0]
        shape = _slice_op_shape(x.shape, _partial_value(begin), _constant_value(size))
        if shape is not None and shape.rank is not None and out.shape.as_list() != \
                shape.as_list():
            # TF's shape function: a size of -1 is the rest of the dimension after `begin`
            # (unknown when `begin` is); the core's inference is overridden.
            out._shape = shape
            g._c.refine_shape(out.op._id, [-1 if d is None else d for d in shape.as_list()])
        return out


def _partial_value(t):
    """Per-element constant values of a vector (None where unknown): TF's shape
    inference reads the constant parts of a packed vector."""
    v = _constant_value(t)
    if v is not None:
        return [int(e) for e in np.ravel(v)]
    if t.op.type == "Pack":
        parts = [_constant_value(i) for i in t.op.inputs]
        return [None if p is None or np.ndim(p) else int(p) for p in parts]
    return None


def _slice_op_shape(in_shape, begin, size):
    if size is None or np.ndim(size) != 1:
        return None
    dims = []
    for i, sz in enumerate(np.ravel(size)):
        sz = int(sz)
        if sz != -1:
            dims.append(sz)
            continue
        d = in_shape.as_list()[i] if in_shape.rank is not None else None
        b = None if begin is None else begin[i]
        dims.append(None if d is None or b is None else d - b)
    return TensorShape(dims)


def broadcast_to(input, shape, name=None):  # noqa: A002 - TF's name
    """`tf.broadcast_to`: the generated wrapper."""
    from ..framework.op_def_library import apply_op_helper

    return apply_op_helper("BroadcastTo", name=name, input=input, shape=shape).outputs[0]


# ----------------------------------------------------------------- reshaping (structure)

def reshape(tensor, shape, name=None):
    """`tf.reshape`: the generated wrapper (both inputs converted in the op's scope); the
    static shape and its errors are Reshape's shape function's."""
    from ..framework.op_def_library import apply_op_helper

    return apply_op_helper("Reshape", name=name, tensor=tensor, shape=shape).outputs[0]


def transpose(a, perm=None, name="transpose", conjugate=False):
    with name_scope(name, "transpose", [a]) as scope:
        a = convert_to_tensor(a, name="a")
        if perm is None:
            if not a.shape.rank:
                from .math_ops import _binary

                r = rank(a)
                # TF calls the generated `_range` here (after rank - 1): an op named
                # `Range`, no scope
                last = _binary("Sub", "sub", r, 1)
                rng = apply_op("Range", None, [(0, "start", _dtypes.int32),
                                               (r, "limit", None),
                                               (1, "delta", _dtypes.int32)],
                               dtype=_dtypes.int32, shape=[None])
                perm = last - rng
            else:
                r = a.shape.rank
                perm = (r - 1) - np.arange(r, dtype=np.int32)
        out = TensorShape(None)
        pv = perm if not isinstance(perm, Tensor) else _constant_value(perm)
        if pv is not None and a.shape.rank is not None:
            dims = a.shape.as_list()
            out = TensorShape([dims[int(p)] for p in np.ravel(pv)])
        perm_dtype = None if isinstance(perm, Tensor) else _dtypes.int32  # Tperm: int32/64
        return apply_op("Transpose", scope, [(a, "x", None), (perm, "perm", perm_dtype)],
                        dtype=a.dtype, shape=out)


def concat(values, axis, name="concat"):
    """`tf.concat`: a ConcatV2 whose non-tensor values become `values_i` constants."""
    if not isinstance(values, (list, tuple)):
        values = [values]
    g = _graph_of(values)
    if len(values) == 1:
        with g.as_default(), name_scope(name):
            convert_to_tensor(axis, name="concat_dim", dtype=_dtypes.int32)
            # TF names the Identity `name` again, inside the scope: `concat/concat`.
            return identity(values[0], name=name)
    with g.as_default(), g.name_scope(name) as scope:
        first = next((v for v in values if isinstance(v, Tensor) or
                      hasattr(v, "_as_graph_tensor")), None)
        dtype = None if first is None else convert_to_tensor(first).dtype
        values = [convert_to_tensor(v, dtype=dtype, name=f"values_{i}")
                  for i, v in enumerate(values)]
        ax = convert_to_tensor(axis, dtype=_dtypes.int32, name="axis")
        out = TensorShape(None)
        if isinstance(axis, int) and all(v.shape.rank is not None for v in values):
            r = values[0].shape.rank
            a = axis % r
            dims = list(values[0].shape.as_list())
            tot = [v.shape.as_list()[a] for v in values]
            dims[a] = None if any(t is None for t in tot) else builtins.sum(tot)
            for i in builtins.range(r):
                if i != a and dims[i] is None:
                    dims[i] = next((v.shape.as_list()[i] for v in values
                                    if v.shape.as_list()[i] is not None), None)
            out = TensorShape(dims)
        return g._create_op("ConcatV2", list(values) + [ax], scope, dtype=values[0].dtype,
                            shape=out, attrs={"N": len(values)}).outputs[0]


def expand_dims(input, axis=None, name=None, dim=None):  # noqa: A002 - TF's name
    axis = dim if axis is None else axis
    if not isinstance(input, Tensor):
        # A Python value is converted inside the op's scope (`ExpandDims/input`), a
        # variable read there (`ExpandDims/ReadVariableOp`).
        with name_scope(name, "ExpandDims") as scope:
            return expand_dims(convert_to_tensor(input, name="input"), axis, name=scope)
    x = convert_to_tensor(input)
    out = TensorShape(None)
    if x.shape.rank is not None and isinstance(axis, int):
        dims = x.shape.as_list()
        a = axis if axis >= 0 else axis + len(dims) + 1
        out = TensorShape(dims[:a] + [1] + dims[a:])
    return apply_op("ExpandDims", name, [(x, "input", None), (axis, "dim", _dtypes.int32)],
                    dtype=x.dtype, shape=out)


def squeeze(input, axis=None, name=None, squeeze_dims=None):  # noqa: A002 - TF's name
    axis = squeeze_dims if axis is None else axis
    if isinstance(axis, int):
        axis = [axis]
    x = convert_to_tensor(input)
    out = TensorShape(None)
    if x.shape.rank is not None:
        dims = x.shape.as_list()
        r = len(dims)
        if axis:
            drop = {a % r for a in axis}
            for a in drop:
                if dims[a] not in (1, None):
                    raise ValueError(f"Can not squeeze dim[{a}], expected a dimension of 1, "
                                     f"got {dims[a]} for 'Squeeze' with input shapes: {x.shape}.")
            out = TensorShape([d for i, d in enumerate(dims) if i not in drop])
        elif None in dims:
            out = TensorShape(None)  # an unknown dimension might be 1
        else:
            out = TensorShape([d for d in dims if d != 1])
    return apply_op("Squeeze", name, [(x, "input", None)], dtype=x.dtype, shape=out,
                    attrs={"squeeze_dims": list(axis or [])})


def stack(values, axis=0, name="stack"):
    if axis == 0:
        try:
            return convert_to_tensor(values, name=name)
        except (TypeError, ValueError):
            pass
    values = [convert_to_tensor(v) for v in values]
    with name_scope(name) as scope:
        first = values[0].shape
        out = TensorShape(None)
        if first.rank is not None:
            dims = first.as_list()
            a = axis if axis >= 0 else axis + len(dims) + 1
            out = TensorShape(dims[:a] + [len(values)] + dims[a:])
        return get_default_graph()._create_op("Pack", values, scope, ints=[axis], shape=out,
                                              attrs={"axis": axis}).outputs[0]


def gather(params, indices, validate_indices=None, name=None, axis=None, batch_dims=0):
    """`tf.gather` (TF's generated GatherV2: params, indices and axis converted in its scope;
    `batch_dims` reaches the op only where the axis is not a constant 0, as in TF 1.15)."""
    ax = batch_dims if axis is None else axis
    axis_value = _constant_value(ax) if isinstance(ax, Tensor) else ax
    attrs = {"batch_dims": batch_dims} if batch_dims and axis_value != 0 else None
    if getattr(params, "_is_resource", False) and isinstance(ax, int) and ax == 0:
        return params.sparse_read(indices, name=name)  # TF: a resource variable's gather
    with name_scope(name, "GatherV2", [params, indices]) as scope:
        p = convert_to_tensor(params, name="params")
        idx = convert_to_tensor(indices, name="indices")
        return apply_op("GatherV2", scope, [(p, "params", None), (idx, "indices", None),
                                            (ax, "axis", _dtypes.int32)],
                        dtype=p.dtype, attrs=attrs)


def one_hot(indices, depth, on_value=None, off_value=None, axis=None, dtype=None, name=None):
    """`tf.one_hot`: given on/off values are converted once to find the dtype, then
    again by the generated wrapper, as TF 1.15 does."""
    with name_scope(name, "one_hot", [indices, depth, on_value, off_value, axis,
                                      dtype]) as scope:
        dtype = _dtypes.as_dtype(dtype) if dtype is not None else None
        on_dtype = convert_to_tensor(on_value).dtype if on_value is not None else None
        off_dtype = convert_to_tensor(off_value).dtype if off_value is not None else None
        if on_value is not None or off_value is not None:
            if dtype is not None:
                for d, what in ((on_dtype, "on_value"), (off_dtype, "off_value")):
                    if d is not None and d != dtype:
                        raise TypeError(f"dtype {d.name} of {what} does not match dtype "
                                        f"parameter {dtype.name}")
            else:
                dtype = on_dtype if on_value is not None else off_dtype
        elif dtype is None:
            dtype = _dtypes.float32
        if on_value is None:
            on_value = convert_to_tensor(1, dtype, name="on_value")
            on_dtype = dtype
        if off_value is None:
            off_value = convert_to_tensor(0, dtype, name="off_value")
            off_dtype = dtype
        if on_dtype != off_dtype:
            raise TypeError(f"dtype {on_dtype.name} of on_value does not match dtype "
                            f"{off_dtype.name} of off_value")
        idx = convert_to_tensor(indices, name="indices") if not isinstance(
            indices, Tensor) else indices
        out = TensorShape(None)
        if idx.shape.rank is not None and isinstance(depth, int):
            dims = idx.shape.as_list()
            a = len(dims) if axis in (None, -1) else axis
            out = TensorShape(dims[:a] + [depth] + dims[a:])
        return apply_op("OneHot", scope, [(indices, "indices", None),
                                          (depth, "depth", _dtypes.int32),
                                          (on_value, "on_value", dtype),
                                          (off_value, "off_value", dtype)],
                        dtype=dtype, shape=out, attrs={"axis": -1 if axis is None else axis})


def tile(input, multiples, name=None):  # noqa: A002 - TF's name
    """`tf.tile`: the generated wrapper (multiples prefer int32, Tile's shape function)."""
    from ..framework.op_def_library import apply_op_helper

    return apply_op_helper("Tile", name=name, input=input, multiples=multiples).outputs[0]


def pad(tensor, paddings, mode="CONSTANT", name=None, constant_values=0):
    """`tf.pad`: Pad, PadV2 (a non-zero constant) or MirrorPad, with TF's static-shape
    restoration from partly constant paddings."""
    from ..framework import op_def_library, tensor_util

    mode = mode.upper()
    apply = op_def_library.apply_op_helper
    if mode == "CONSTANT":
        if not isinstance(constant_values, Tensor) and np.all(np.equal(constant_values, 0)):
            op = apply("Pad", name=name, input=tensor, paddings=paddings)
        else:
            op = apply("PadV2", name=name, input=tensor, paddings=paddings,
                       constant_values=constant_values)
    elif mode in ("REFLECT", "SYMMETRIC"):
        op = apply("MirrorPad", name=name, input=tensor, paddings=paddings, mode=mode)
    else:
        raise ValueError(f"Unknown padding mode: {mode}")
    result = op.outputs[0]
    if len(op.inputs) < 2:  # an eager op: its value carries the shape
        return result
    p = op.inputs[1]
    known = tensor_util.constant_value(p, partial=True) if isinstance(p, Tensor) else None
    x_shape = op.inputs[0].shape
    if x_shape.rank is not None and not result.shape.is_fully_defined() and known is not None:
        new = []
        for padding, dim in zip(known, x_shape.as_list()):
            if padding is None or dim is None or any(v is None for v in padding):
                new.append(None)
            else:
                new.append(int(sum(padding)) + dim)
        result.set_shape(new)
    return result


# ----------------------------------------------------------------- strided slices

def _slice_shape(in_shape, begin, end, strides, masks):
    """Static output shape of a StridedSlice with constant arguments (the shape function's
    `slice_shape`), or unknown."""
    from ..framework.array_shapes import slice_shape

    if in_shape.rank is None or begin is None or end is None or strides is None:
        return TensorShape(None)
    out = slice_shape(None, in_shape.as_list(), begin, end, strides, masks)
    return TensorShape(out) if out is not None else TensorShape(None)


def strided_slice(input_, begin, end, strides=None, begin_mask=0, end_mask=0, ellipsis_mask=0,
                  new_axis_mask=0, shrink_axis_mask=0, var=None, name=None):
    x = convert_to_tensor(input_)
    masks = [begin_mask, end_mask, ellipsis_mask, new_axis_mask, shrink_axis_mask]
    if strides is None:
        strides = ones_like(begin)  # TF: built before the op's scope
    with name_scope(name, "StridedSlice", [x]) as scope:
        b = convert_to_tensor(begin, name="begin")
        e = convert_to_tensor(end, name="end")
        s = convert_to_tensor(strides, name="strides")
        out = _slice_shape(x.shape, _constant_value(b), _constant_value(e),
                           _constant_value(s), masks)
        n = b.shape.as_list()[0] if b.shape.rank == 1 else None
        if out.rank is None and x.shape.rank is not None and n is not None \
                and not ellipsis_mask and not new_axis_mask and n <= x.shape.rank:
            # Unknown bounds: TF's shape function still knows the rank.
            out = TensorShape([None for i in builtins.range(n) if not shrink_axis_mask & (1 << i)]
                              + x.shape.as_list()[n:])
        g = get_default_graph()
        op = g._create_op(
            "StridedSlice", (x, b, e, s), scope, shape=out, ints=masks,
            attrs=dict(zip(["begin_mask", "end_mask", "ellipsis_mask", "new_axis_mask",
                            "shrink_axis_mask"], masks)))
        if not array_kernels.rust_runs_strided_slice(x, b, e, s, masks):
            g._py_ops.add(op._id)  # Python's kernel computes it (values of fed tensors)
        return op.outputs[0]


def _slice_helper(tensor, slice_spec, var=None):
    """`tensor[...]` as TF's `_slice_helper` builds it (stacked begin/end/strides)."""
    if not isinstance(slice_spec, (list, tuple)):
        slice_spec = [slice_spec]
    begin, end, strides = [], [], []
    masks = [0, 0, 0, 0, 0]
    for index, s in enumerate(slice_spec):
        if isinstance(s, builtins.slice):
            if s.start is not None and (isinstance(s.start, Tensor) or s.start != sys.maxsize):
                begin.append(s.start)
            else:
                begin.append(0)
                masks[0] |= 1 << index
            if s.stop is not None and (isinstance(s.stop, Tensor) or s.stop != sys.maxsize):
                end.append(s.stop)
            else:
                end.append(0)
                masks[1] |= 1 << index
            strides.append(1 if s.step is None else s.step)
        elif s is Ellipsis:
            begin.append(0)
            end.append(0)
            strides.append(1)
            masks[2] |= 1 << index
        elif s is None:
            begin.append(0)
            end.append(0)
            strides.append(1)
            masks[3] |= 1 << index
        else:
            if isinstance(s, Tensor):
                if not s.dtype.is_integer:
                    raise TypeError("Only integers, slices (`:`), ellipsis (`...`), "
                                    "tf.newaxis (`None`) and scalar tf.int32/tf.int64 tensors "
                                    "are valid indices")
                end.append(s + 1)
            elif isinstance(s, (int, np.integer)) and not isinstance(s, (bool, np.bool_)):
                end.append(int(s) + 1)
            else:
                raise TypeError("Only integers, slices (`:`), ellipsis (`...`), tf.newaxis "
                                f"(`None`) and scalar tf.int32/tf.int64 tensors are valid "
                                f"indices, got {s!r}")
            begin.append(s)
            strides.append(1)
            masks[4] |= 1 << index
    with name_scope(None, "strided_slice", [tensor] + begin + end + strides) as scope:
        if begin:
            pb, pe, ps = stack(begin), stack(end), stack(strides)
        else:
            pb = pe = ps = constant([], dtype=_dtypes.int32)
        return strided_slice(tensor, pb, pe, ps, *masks, name=scope)


Tensor.__getitem__ = _slice_helper
