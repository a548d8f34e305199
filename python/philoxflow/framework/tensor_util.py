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
