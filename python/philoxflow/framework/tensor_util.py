"""Values known while building (`tensor_util.constant_value`) and shapes a shape tensor
denotes (`constant_value_as_shape`), as TF's shape functions read their inputs.

TF's C++ shape functions see an input's value through `EvaluateConstantTensor`, which
folds any small subgraph of constants (and `Shape`/`Size`/`Rank` of known shapes), and
a shape input partially through `ConstantPartialShape` (`Shape`, `Pack`, `ConcatV2`,
`StridedSlice` of a `Shape`). Here the common ops fold in NumPy and any other
deterministic op with a kernel whose inputs fold is evaluated by a session of its graph.
"""

from __future__ import annotations

import numpy as np

from .tensor_shape import TensorShape

_NP_BINARY = {
    "Add": np.add, "AddV2": np.add, "Sub": np.subtract, "Mul": np.multiply,
    "Maximum": np.maximum, "Minimum": np.minimum, "FloorDiv": np.floor_divide,
    "FloorMod": np.mod,
}
# Element limit of values folded while building (TF's kMaxTensorSize-like bound).
_MAX_FOLD = 1 << 16


def _np(t):
    return t.dtype.as_numpy_dtype if t.dtype.name not in ("string", "bfloat16") else None


def constant_value(t, partial=False):
    """The value of tensor `t` if it is known while building, else None. `partial`: a
    Pack (axis 0) of partly known values gives an object array with None for the
    unknown elements (TF's `constant_value(partial=True)`)."""
    from .ops import Tensor

    if not isinstance(t, Tensor):
        return None
    if partial and t.op.type == "Pack" and t.op.inputs and t.op.get_attr("axis") == 0:
        full = constant_value(t)
        if full is not None:
            return full
        vals = [constant_value(x, partial=True) for x in t.op.inputs]
        out = np.empty(len(vals), dtype=object)
        for i, v in enumerate(vals):
            out[i] = v
        try:
            return np.array([list(v) if isinstance(v, np.ndarray) and v.ndim else v
                             for v in vals], dtype=object)
        except ValueError:
            return out
    # Known values stay known as the graph grows (set_shape only refines): cache them.
    cache = t.graph.__dict__.setdefault("_const_cache", {})
    key = (t.op._id, t._index)
    v = cache.get(key)
    if v is None:
        v = _constant_value(t)
        if v is not None and np.size(v) > _MAX_FOLD:
            v = None
        if v is not None:
            cache[key] = v
    return v


def _constant_value(t):
    op = t.op
    ty = op.type
    ins = op.inputs
    if ty == "Const":
        return np.asarray(op.get_attr("value"))
    if ty in ("Shape", "Size", "Rank"):  # not ShapeN: TF 1.15 folds it in neither place
        s = ins[0].shape
        dt = t.dtype.as_numpy_dtype
        if ty == "Rank":
            return None if s.rank is None else np.array(s.rank, dt)
        if not s.is_fully_defined():
            # a constant-foldable input (BroadcastGradientArgs' indices) has a known shape
            v = constant_value(ins[0]) if ty in ("Shape", "Size") else None
            if v is None:
                return None
            s = TensorShape(np.shape(v))
        if ty == "Size":
            return np.array(s.num_elements(), dt)
        return np.array(s.as_list(), dt)
    if ty in ("Identity", "StopGradient", "Snapshot"):
        return constant_value(ins[0])
    if ty == "Cast":
        v = constant_value(ins[0])
        dt = _np(t)
        return None if v is None or dt is None else np.asarray(v).astype(dt)
    if ty == "Pack":
        vals = [constant_value(i) for i in ins]
        if any(v is None for v in vals):
            return None
        return np.stack(vals, axis=int(op.get_attr("axis"))).astype(_np(t))
    if ty in ("ConcatV2", "Concat"):
        vals = [constant_value(i) for i in ins]
        if any(v is None for v in vals):
            return None
        if ty == "ConcatV2":
            return np.concatenate(vals[:-1], axis=int(vals[-1]))
        return np.concatenate(vals[1:], axis=int(vals[0]))
    if ty == "Fill":
        dims, value = constant_value(ins[0]), constant_value(ins[1])
        if dims is None or value is None or np.prod(dims) > _MAX_FOLD:
            return None
        return np.full([int(d) for d in dims], value, dtype=_np(t))
    if ty == "Range":
        vals = [constant_value(i) for i in ins]
        if any(v is None for v in vals):
            return None
        return np.arange(vals[0], vals[1], vals[2], dtype=_np(t))
    if ty in ("Equal", "NotEqual"):
        a, b = constant_value(ins[0]), constant_value(ins[1])
        if a is None or b is None:
            return None
        return np.equal(a, b) if ty == "Equal" else np.not_equal(a, b)
    if ty in _NP_BINARY and t.dtype.is_integer:
        a, b = constant_value(ins[0]), constant_value(ins[1])
        if a is None or b is None:
            return None
        if ty in ("FloorDiv", "FloorMod") and np.any(np.asarray(b) == 0):
            return None
        return _NP_BINARY[ty](a, b).astype(_np(t))
    if ty == "Neg" and t.dtype.is_integer:
        a = constant_value(ins[0])
        return None if a is None else np.negative(a)
    if ty in ("Reshape", "ExpandDims", "Squeeze", "StridedSlice", "Slice", "Prod", "Sum",
              "GatherV2", "Tile", "Transpose", "Max", "Min", "Greater", "GreaterEqual",
              "Less", "LessEqual", "Select", "SelectV2"):
        return _fold_by_kernel(t)
    if ty == "ListDiff":  # tensordot's free axes (TF's shape refiner folds it)
        from .shape_arith import list_diff

        x, y = constant_value(ins[0]), constant_value(ins[1])
        if x is None or y is None or np.ndim(x) != 1:
            return None
        return list_diff(np.asarray(x), np.asarray(y))[t._index].astype(_np(t))
    if ty in ("DynamicStitch", "ParallelDynamicStitch") and t.dtype.is_integer:
        # reduced_shape's stitch of constant shapes (TF's refiner folds it)
        vals = [constant_value(i) for i in ins]
        if any(v is None for v in vals):
            return None
        n = len(vals) // 2
        idx = [np.ravel(v).astype(np.int64) for v in vals[:n]]
        data = [np.ravel(v) for v in vals[n:]]
        if any(i.size != d.size for i, d in zip(idx, data)):
            return None  # only scalar-element stitches are folded here
        size = max((int(i.max()) + 1 for i in idx if i.size), default=0)
        if any(i.size and i.min() < 0 for i in idx):
            return None
        out = np.zeros(size, dtype=_np(t))
        for i, d in zip(idx, data):
            out[i] = d
        return out
    if ty == "BroadcastGradientArgs":
        # TF's shape refiner folds it when both shapes are constants, so a gradient's
        # Sum over its reduction indices gets a static shape (second-order gradients
        # then see Const shapes)
        a, b = constant_value(ins[0]), constant_value(ins[1])
        if a is None or b is None:
            return None
        r = _broadcast_gradient_args([int(d) for d in np.ravel(a)],
                                     [int(d) for d in np.ravel(b)])
        return None if r is None else np.array(r[t._index], dtype=_np(t))
    return None


def _broadcast_gradient_args(sx, sy):
    """TF's BCast reduction indices (fewer_dims=false; equal shapes reduce nothing)."""
    if sx == sy:
        return [], []
    n = max(len(sx), len(sy))
    x = [1] * (n - len(sx)) + sx
    y = [1] * (n - len(sy)) + sy
    rx, ry = [], []
    for i, (dx, dy) in enumerate(zip(x, y)):
        if dx != dy and dx != 1 and dy != 1:
            return None  # incompatible: the kernel raises at run time
        if dx == 1:
            rx.append(i)
        if dy == 1:
            ry.append(i)
    return rx, ry


def _fold_by_kernel(t):
    """Evaluate an op on its inputs' folded values (integer shape arithmetic, in NumPy:
    exact, and no session is made while building)."""
    from . import shape_arith

    vals = [constant_value(i) for i in t.op.inputs]
    if any(v is None for v in vals) or len(t.op.outputs) != 1 or _np(t) is None:
        return None
    attrs = dict(t.op._attrs)
    for k in ("keep_dims", "squeeze_dims", "begin_mask", "end_mask", "ellipsis_mask",
              "new_axis_mask", "shrink_axis_mask", "axis"):
        if k not in attrs:
            try:
                attrs[k] = t.op.get_attr(k)
            except ValueError:
                pass
    return shape_arith.compute(t.op.type, vals, attrs, _np(t))


def constant_value_as_shape(t) -> TensorShape:
    """The (partial) shape a 1-D shape tensor denotes: TF's `constant_value_as_shape`
    and C++ `InferenceContext::MakeShapeFromShapeTensor` (-1 is an unknown dimension)."""
    from .ops import Tensor

    if not isinstance(t, Tensor):
        return TensorShape([int(d) for d in np.ravel(t)])
    if t.shape.rank == 0:
        v = constant_value(t)
        if v is not None and int(v) == -1:
            return TensorShape(None)
        return TensorShape(None)
    op = t.op
    if op.type == "Shape":
        return op.inputs[0].shape
    if op.type == "Pack":
        dims = []
        for i in op.inputs:
            v = constant_value(i)
            dims.append(None if v is None or int(v) < 0 else int(v))
        return TensorShape(dims)
    if op.type == "ConcatV2":
        out = TensorShape([])
        for i in op.inputs[:-1]:
            out = out.concatenate(constant_value_as_shape(i))
        return out
    if op.type == "StridedSlice" and op.inputs[0].op.type == "Shape":
        from .array_shapes import strided_slice_of_shape

        s = strided_slice_of_shape(op)
        if s is not None:
            return s
    v = constant_value(t)
    if v is not None:
        return TensorShape([None if int(d) < 0 else int(d) for d in np.ravel(v)])
    n = t.shape[0] if t.shape.rank == 1 else None
    n = getattr(n, "value", n)
    return TensorShape(None if n is None else [None] * n)


# Element-wise float ops whose results are one IEEE operation per element, rounded in
# the dtype (as numpy computes them): TF's C++ shape inference evaluates such constant
# subgraphs (`EvaluateConstantTensor` runs their kernels), Python's `constant_value` not.
_EXACT_FLOAT = {
    "RealDiv": np.divide, "Mul": np.multiply, "Add": np.add, "AddV2": np.add,
    "Sub": np.subtract, "Maximum": np.maximum, "Minimum": np.minimum,
}
_EXACT_UNARY = {"Floor": np.floor, "Round": np.round, "Neg": np.negative}


def evaluate_constant(t):
    """What a shape function's `input_tensor` sees: `constant_value`, or the value of a
    small constant subgraph of casts and exact float arithmetic (TF's C++
    `EvaluateConstantTensor`); None if not constant."""
    v = constant_value(t)
    if v is not None:
        return v
    op = t.op
    ty = op.type
    if ty not in _EXACT_FLOAT and ty not in _EXACT_UNARY and ty not in (
            "Cast", "Pack", "Identity") or _np(t) is None or len(op.outputs) != 1:
        return None
    vals = [evaluate_constant(i) for i in op.inputs]
    if any(x is None for x in vals) or any(np.size(x) > _MAX_FOLD for x in vals):
        return None
    dt = _np(t)
    with np.errstate(all="ignore"):
        if ty == "Cast":
            src = np.asarray(vals[0])
            if src.dtype.kind == "f" and np.dtype(dt).kind in "iu" and not np.all(
                    np.isfinite(src)):
                return None
            return src.astype(dt)
        if ty == "Identity":
            return np.asarray(vals[0])
        if ty == "Pack":
            return np.stack(vals, axis=int(op.get_attr("axis"))).astype(dt)
        if any(np.asarray(x).dtype != np.dtype(dt) for x in vals):
            return None
        if ty in _EXACT_UNARY:
            return np.asarray(_EXACT_UNARY[ty](vals[0]), dtype=dt)
        return np.asarray(_EXACT_FLOAT[ty](vals[0], vals[1]), dtype=dt)


# ------------------------------------------------ TF's make_tensor_proto, as NumPy values

_C_LONG = (-(2**63), 2**63)


def _flatten(values):
    """TF's `nest.flatten` of a constant's value (lists and tuples; dicts by sorted key)."""
    if isinstance(values, (list, tuple)):
        return [x for v in values for x in _flatten(v)]
    if isinstance(values, dict):
        return [x for k in sorted(values) for x in _flatten(values[k])]
    return [values]


def _tf1():
    """Whether the graph being built is TF 1.15's (else TF 2.21's words are used)."""
    from .ops import get_default_graph

    return get_default_graph()._target.seed_rule == "last_id"


def tf2_type_name(v):
    """`type(v).__name__` as TF 2.x prints it: a graph tensor is a `SymbolicTensor`."""
    from .ops import Tensor

    return "SymbolicTensor" if isinstance(v, Tensor) else type(v).__name__


def _check_failed(v, dtype):
    if not _tf1():
        if dtype is None:
            raise TypeError("Expected any non-tensor type, but got a tensor instead.")
        raise TypeError(f"Expected {dtype.name}, but got {v} of type '{tf2_type_name(v)}'.")
    if dtype is None:
        raise TypeError("List of Tensors when single Tensor expected")
    raise TypeError(f"Expected {dtype.name}, got {v!r} of type '{type(v).__name__}' instead.")


def assert_compatible(values, dtype):
    """TF's `_AssertCompatible`: every element is of a Python/NumPy kind the dtype takes
    (bools are ints; floats never become ints; only `bool` is a bool)."""
    import numbers

    from .ops import Tensor
    from .tensor_shape import Dimension

    if dtype is None or dtype.name in ("variant", "resource"):
        ok = lambda v: not isinstance(v, Tensor)  # noqa: E731
        dtype = None
    elif dtype.is_integer:
        ok = lambda v: isinstance(v, (numbers.Integral, np.integer, Dimension))  # noqa: E731
    elif dtype.is_floating:
        ok = lambda v: isinstance(v, (numbers.Real, np.integer, np.floating))  # noqa: E731
    elif dtype.is_complex:
        ok = lambda v: isinstance(v, (numbers.Complex, np.number))  # noqa: E731
    elif dtype.name == "string":
        ok = lambda v: isinstance(v, (bytes, str))  # noqa: E731
    elif dtype.name == "bool":
        ok = lambda v: isinstance(v, bool)  # noqa: E731
    else:
        ok = lambda v: not isinstance(v, Tensor)  # noqa: E731
    for v in _flatten(values):
        if not ok(v):
            _check_failed(v, dtype)


def dense_dims(values):
    """TF's `_GetDenseDimensions`: the shape a nested list claims by its first elements."""
    if not isinstance(values, (list, tuple)):
        return []
    if not values:
        return [0]
    return [len(values)] + dense_dims(values[0])


def _ragged_object_array(values):
    """What NumPy 1.x made of a ragged nested list (TF 1.15 ran on it): an object array
    over the leading dimensions that agree."""
    shape = []
    level = [values]
    while all(isinstance(v, (list, tuple)) for v in level) and level:
        n = {len(v) for v in level}
        if len(n) != 1:
            break
        shape.append(n.pop())
        level = [x for v in level for x in v]
    out = np.empty(shape, dtype=object)
    flat = out.reshape(-1) if out.ndim else out.reshape(1)
    for i, v in enumerate(level):
        flat[i] = v
    return out


def _wrap_int(v, np_dt, tf1=True):
    """NumPy 1.x's conversion of a Python int to an integer dtype: C `long` values wrap
    to the width, larger ones overflow (uint64 takes up to 2**64 - 1). `tf1=False`
    (TF 2.21's graphs): TF 2.21's `numpy_compat.np_array` is `np.array(v).astype(dtype)`,
    so every value NumPy holds as int64 or uint64 wraps to the width, whatever the dtype."""
    v = int(v)
    if not tf1:
        if not -2**63 <= v < 2**64:
            raise OverflowError("Python int too large to convert to C long")
    elif not _C_LONG[0] <= v < _C_LONG[1] and not (np_dt == np.uint64 and 0 <= v < 2**64):
        raise OverflowError("Python int too large to convert to C long")
    bits = np.dtype(np_dt).itemsize * 8
    v &= (1 << bits) - 1
    if np.dtype(np_dt).kind == "i" and v >= 1 << (bits - 1):
        v -= 1 << bits
    return v


def np_array(values, np_dt=None):
    """`np.array(values, dtype=np_dt)` as NumPy 1.x (TF 1.15's) computed it."""
    from .tensor_shape import Dimension

    tf1 = _tf1()
    if not tf1 and isinstance(values, (list, tuple)):
        try:  # NumPy 2 (TF 2.x's) refuses a ragged list, with or without a dtype
            np.array(values)
        except ValueError as e:
            if "inhomogeneous" in str(e):
                raise
    if np_dt is None:
        try:
            return np.array(values)
        except ValueError:
            return _ragged_object_array(values)
        except OverflowError:
            return np.array(values, dtype=object)
    np_dt = np.dtype(np_dt)
    if not tf1 and np.issubdtype(np_dt, np.number):
        # TF 2.x's numpy_compat.np_array: NumPy's own dtype, then a wrapping astype
        return np.array(values).astype(np_dt)
    if tf1 and isinstance(values, (list, tuple)):
        try:
            ragged = list(np.array(values, dtype=object).shape) != dense_dims(values)
        except ValueError:
            ragged = True
        if ragged and np_dt.kind == "c":  # NumPy 1.x's complex() of the sequence element
            seq = next((v for v in _ragged_object_array(values).ravel()
                        if isinstance(v, (list, tuple))), [])
            raise TypeError(f"must be real number, not {type(seq).__name__}")
        if ragged:  # NumPy 1.x's words for a ragged list given a dtype
            raise ValueError("setting an array element with a sequence.")
    if np_dt.kind in "iu":
        try:
            obj = np.array(values, dtype=object)
        except ValueError:
            obj = _ragged_object_array(values)
        flat = [_wrap_int(v, np_dt.type, tf1) if isinstance(v, int) else
                np.asarray(v).astype(np_dt) if isinstance(v, np.generic) else
                int(v) if isinstance(v, Dimension) else v for v in obj.ravel()]
        return np.array(flat, dtype=np_dt).reshape(obj.shape)
    return np.array(values, dtype=np_dt)


def _shape_prod(shape):
    """`np.prod(shape, dtype=np.int64)`; in TF 1.15's graphs as its NumPy 1.18 computed
    it: strings refused, a tensor in a list or an unknown TensorShape not an array."""
    if _tf1():
        from .ops import Tensor
        from .tensor_shape import TensorShape

        if (isinstance(shape, TensorShape) and shape.rank is None) or (
                isinstance(shape, (list, tuple)) and any(isinstance(d, Tensor) for d in shape)):
            raise ValueError("setting an array element with a sequence.")
        if isinstance(shape, (str, bytes)) or (isinstance(shape, (list, tuple)) and any(
                isinstance(d, (str, bytes)) for d in shape)):
            raise TypeError("cannot perform reduce with flexible type")
    return np.prod(shape, dtype=np.int64)


def _is_array_like(v):
    from .ops import Tensor

    if isinstance(v, Tensor):
        return False
    return callable(getattr(v, "__array__", None)) or isinstance(
        getattr(v, "__array_interface__", None), dict)


def make_tensor_value(values, dtype=None, shape=None, verify_shape=False,
                      allow_broadcast=False):
    """TF's `make_tensor_proto`, returning what the proto holds: (NumPy array of the
    given values, DType, shape list). Messages and error classes are TF 1.15's."""
    from . import dtypes as _dtypes

    if allow_broadcast and verify_shape:
        raise ValueError("allow_broadcast and verify_shape are not both allowed.")
    if dtype:
        dtype = _dtypes.as_dtype(dtype)
    np_dt = None
    # bfloat16 without ml_dtypes: values are computed as float32, rounded by the caller
    bf16 = dtype == _dtypes.bfloat16 and _dtypes._BFLOAT16_NP is None
    if bf16:
        np_dt = np.float32
    elif dtype is not None and dtype.name not in ("variant", "resource"):
        np_dt = dtype.as_numpy_dtype
    if _is_array_like(values):
        values = np.asarray(values)
    if isinstance(values, (np.ndarray, np.generic)):
        if np_dt is np.bool_ and values.dtype.kind in "US" and _tf1():
            # NumPy 1.x (TF 1.15's) read strings as bools through int()
            values = np.array([int(v.decode("latin-1") if isinstance(v, bytes) else v)
                               for v in np.ravel(values)]).reshape(np.shape(values))
        nparray = values.astype(np_dt) if np_dt is not None else np.asarray(values)
    else:
        if values is None:
            raise ValueError("None values not supported.")
        if shape is not None and _shape_prod(shape) == 0:
            nparray = np.empty(shape, dtype=np_dt)
        else:
            assert_compatible(values, dtype)
            nparray = np_array(values, np_dt)
            if list(nparray.shape) != dense_dims(values):
                if not _tf1():
                    raise ValueError(f"Expected values {values} to be a dense tensor with shape "
                                     f"{dense_dims(values)}, but got shape "
                                     f"{list(nparray.shape)}.")
                raise ValueError(f"Argument must be a dense tensor: {values} - got shape "
                                 f"{list(nparray.shape)}, but wanted {dense_dims(values)}.")
        if nparray.dtype == np.float64 and dtype is None:
            nparray = nparray.astype(np.float32)
        elif nparray.dtype == np.int64 and dtype is None:
            down = nparray.astype(np.int32)
            if np.array_equal(down, nparray):
                nparray = down
    try:
        numpy_dtype = _dtypes.bfloat16 if bf16 else _dtypes.as_dtype(nparray.dtype)
    except TypeError:
        raise TypeError(f"Unrecognized data type: {nparray.dtype}") from None
    if dtype is not None and dtype != numpy_dtype:
        if not _tf1():
            raise TypeError(f"`dtype` {dtype} is not compatible with {values} of dtype "
                            f"{nparray.dtype}.")
        raise TypeError(f"Incompatible types: {dtype!r} vs. {nparray.dtype}. "
                        f"Value is {values}")
    if shape is None:
        shape = list(nparray.shape)
    else:
        shape = [int(dim) for dim in shape]
        size = int(np.prod(shape, dtype=np.int64))
        got = "got" if _tf1() else "but got"
        if (allow_broadcast and nparray.shape not in ((1,), ()) and nparray.size != size) or (
                not allow_broadcast and verify_shape and nparray.shape != tuple(shape)):
            raise TypeError(f"Expected Tensor's shape: {tuple(shape)}, {got} {nparray.shape}.")
        if not allow_broadcast and nparray.size > size:
            if not _tf1():
                raise ValueError(f"Too many elements provided. Takes at most {size:d}, but got "
                                 f"{nparray.size:d}.")
            raise ValueError(f"Too many elements provided. Needed at most {size}, but "
                             f"received {nparray.size}")
    if numpy_dtype.name == "string":
        # TF's proto takes each element through compat.as_bytes
        given = isinstance(values, np.ndarray)
        for x in (nparray.ravel() if given else _flatten(values)):
            if not isinstance(x, (bytes, str, bytearray, np.str_, np.bytes_)):
                if not _tf1():
                    raise TypeError(f"Failed to convert elements of {values} to Tensor. Consider "
                                    f"casting elements to a supported type. See https://www."
                                    f"tensorflow.org/api_docs/python/tf/dtypes for supported "
                                    f"TF dtypes.")
                if given:
                    raise TypeError(f"Expected binary or unicode string, got {x!r}")
                raise TypeError(f"Failed to convert object of type {type(values)} to Tensor. "
                                f"Contents: {values}. Consider casting elements to a "
                                f"supported type.")
    return nparray, numpy_dtype, shape
