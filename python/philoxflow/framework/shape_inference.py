"""Static and run-time shapes of new ops: TF's shape functions applied while an op is
built (`_infer_shapes`, with the op definition's attribute defaults), and the Rust
session's call-back for ops without a kernel (`_runtime_shape`: the op's shape this
run, by its shape function on the actual input shapes)."""

from __future__ import annotations

import re

import numpy as np

from .. import _core
from . import dtypes as _dtypes
from .tensor_shape import TensorShape


def _partial(shape):
    """Whether a static shape leaves something unknown (None: nothing given)."""
    return shape is None or not TensorShape(shape).is_fully_defined()


def _merge(first, second):
    """`first` refined by `second` (`first` where they conflict)."""
    if first is None:
        return second
    if second is None:
        return first
    try:
        return TensorShape(first).merge_with(TensorShape(second))
    except ValueError:
        return first


def _as_attr_value(op_type, name, value):
    """A recorded attribute as TF's `get_attr` gives it, by the attr's declared type:
    dtypes as DType, strings as bytes, shapes as TensorShape."""
    from .op_def_library import op_def

    kind = next((a["type"] for a in (op_def(op_type) or {"attrs": ()})["attrs"]
                 if a["name"] == name), None)
    try:
        if kind == "type" and not isinstance(value, _dtypes.DType):
            return _dtypes.as_dtype(value)
        if kind == "string" and isinstance(value, str):
            return value.encode()
        if kind == "list(string)" and isinstance(value, (list, tuple)):
            return [v.encode() if isinstance(v, str) else v for v in value]
        if kind == "shape" and not isinstance(value, TensorShape):
            return TensorShape(value)
        if kind in ("list(int)", "list(type)") and isinstance(value, tuple):
            return list(value)
    except (TypeError, ValueError):
        pass
    return value


def _with_defaults(op_type, attrs):
    """`attrs` completed with the defaults of TF 1.15's definition of `op_type`."""
    from . import op_def_library

    od = op_def_library.op_def(op_type)
    attrs = dict(attrs or {})
    if od is not None:
        for a in od["attrs"]:
            if a["name"] not in attrs and "default" in a:
                attrs[a["name"]] = op_def_library._default(a)
    return attrs


def _input_value(t):
    """An input's value as the shape refiner evaluates it: constant folding, and in TF
    2.x also `tf.shape(x)[i]` from x's known dimension i (TF 1.15's refiner does not)."""
    from . import tensor_util

    v = tensor_util.evaluate_constant(t)
    if v is not None or not t.graph._target.resource_variables:
        return v
    op = t.op
    if op.type != "StridedSlice" or op.inputs[0].op.type != "Shape":
        return None
    x = op.inputs[0].op.inputs[0].shape
    masks = [int(op.get_attr(k)) for k in ("begin_mask", "end_mask", "ellipsis_mask",
                                          "new_axis_mask", "shrink_axis_mask")]
    begin, strides = (tensor_util.constant_value(op.inputs[k]) for k in (1, 3))
    if (x.rank is None or masks != [0, 0, 0, 0, 1] or begin is None or strides is None
            or np.size(begin) != 1 or int(np.ravel(strides)[0]) != 1):
        return None
    i = int(np.ravel(begin)[0])
    i += x.rank if i < 0 else 0
    d = x.as_list()[i] if 0 <= i < x.rank else None
    return None if d is None else np.array(d, dtype=t.dtype.as_numpy_dtype)


def _check_input_types(op_type, inputs, dtype=None):
    """TF's op builder's check of each input's dtype against the allowed types of its
    type attr, for ops whose inputs are one tensor each (op_def_library's check): the
    wrappers that build such ops directly get it too. `dtype` (the output's) is checked
    against its type attr where no input sets that attr (`RandomStandardNormal`'s)."""
    from .op_def_library import _attr_def, _satisfies, check_input_dtypes, op_def

    od = op_def(op_type)
    out = od["outputs"][0].get("type_attr") if od and od["outputs"] and dtype else None
    if out and not any(a.get("type_attr") == out for a in od["inputs"]):
        d = dtype if isinstance(dtype, str) else _dtypes.as_dtype(dtype).base_dtype
        _satisfies(d, _attr_def(od, out), out)
    if od is None or len(od["inputs"]) != len(inputs) or any(
            "number_attr" in a or "type_list_attr" in a for a in od["inputs"]):
        return
    check_input_dtypes(op_type, inputs)


def _infer_shapes(op_type, name, inputs, attrs):
    """Output shapes by the op's shape function (lists), or None if it has none."""
    from . import common_shapes, tensor_util

    fn = common_shapes.get(op_type)
    if fn is None:
        return None

    def as_shape(t):
        s = tensor_util.constant_value_as_shape(t)
        return None if s.rank is None else s.as_list()

    ctx = common_shapes.InferenceContext(
        op_type, name, attrs,
        [None if t.shape.rank is None else t.shape.as_list() for t in inputs],
        [lambda t=t: _input_value(t) for t in inputs],
        [lambda t=t: as_shape(t) for t in inputs])
    try:
        # Shapes past TF's 254 dimensions stay unknown until run time (where TF rejects).
        return [None if s is not None and len(s) > 254 else s for s in fn(ctx)]
    except ValueError:
        raise
    except Exception:  # noqa: BLE001 - an input the function cannot read: unknown shapes
        return None


def _runtime_shape(graph_id, op_id, shapes, values):
    """The Rust session's call for an op without a kernel (or fed by one): its output
    shape this run, by TF's shape function on the actual input shapes; None if unknown."""
    from . import common_shapes
    from .ops import _graphs

    ref = _graphs.get(graph_id)
    g = ref() if ref is not None else None
    if g is None or op_id >= len(g._ops):
        return None
    op = g._ops[op_id]
    attrs = _with_defaults(op.type, op._attrs)
    out_dtype = op.outputs[0].dtype if op.outputs else None
    from . import shape_arith

    if out_dtype is not None and (out_dtype.is_integer or out_dtype.is_bool or (
            op.type in shape_arith.DATA_MOVES and (out_dtype.is_floating or out_dtype.is_complex
                                                   or out_dtype.name == "string")
            and out_dtype.name != "bfloat16")):
        v = shape_arith.compute(op.type, values, attrs, out_dtype.as_numpy_dtype, moves=True)
        if v is not None:
            return ("value", v)
    fn = common_shapes.get(op.type)
    if fn is None:
        return None
    ctx = common_shapes.InferenceContext(op.type, op.name, attrs,
                                         [list(s) for s in shapes], list(values))
    try:
        out = fn(ctx)
    except ValueError:
        raise
    except Exception:  # noqa: BLE001 - what a shape function cannot read stays unknown
        return None
    out = out[0] if out else None
    if out is None or any(d is None for d in out):
        return None
    return ("shape", [int(d) for d in out])


if hasattr(_core, "set_shape_callback"):
    _core.set_shape_callback(_runtime_shape)


_RUST_SHAPE_ERROR = re.compile(r"^(.*) for '\{\{node ([^}]*)\}\} = [^']*'(?: \(input '[^']*'\))?"
                               r"(?: with input shapes: .*)?$")
_RUST_SHAPE_VALUE = re.compile(r"^Dimension (-?\d+) must be >= -1 in the shape of '[^']*'$")
_TF1_SHAPE_ERROR = re.compile(r"^(.*) for '[^']*' \(op: '[^']*'\)( with input shapes: .*)$",
                              re.S)


def _shape_error_tf(op_type, name, inputs, attrs, err, tf1, seeds=None, dtype=None,
                    python=False):
    """A shape function's error as TF words it: `<why> for '<op name>' (op: '<type>') with
    input shapes: ...` (TF 1.15) or `<why> for '{{node <name>}} = <type>[<attrs>](<inputs>)'
    with input shapes: ...` (TF 2.x, node_summary). Where the op's Python shape function
    (common_shapes) rejects the inputs too, its error is raised instead of the Rust core's
    (`python`: the error is the Python function's). A shape value below -1 is worded as
    both TFs word it. Returns where the error stays as it is."""
    from .common_shapes import _debug

    msg = str(err)
    m = _RUST_SHAPE_VALUE.match(msg)
    if m:
        raise ValueError(f"Invalid value in tensor used for shape: {m.group(1)}") from None
    if tf1 and python:
        return
    if inputs and not python:
        try:
            _infer_shapes(op_type, name, inputs, attrs)
        except ValueError as e:
            if tf1:
                raise
            msg = str(e)
    shapes = ", ".join(_debug(None if t.shape.rank is None else t.shape.as_list())
                       for t in inputs)
    m = _RUST_SHAPE_ERROR.match(msg)
    if tf1:
        if m:
            raise ValueError(f"{m.group(1)} for '{m.group(2)}' (op: '{op_type}') with input "
                             f"shapes: {shapes}.") from None
        return
    from .node_summary import summarize

    m1 = _TF1_SHAPE_ERROR.match(msg)
    if m1:
        why, rest = m1.group(1), m1.group(2)
    elif m:
        why, rest = m.group(1), f" with input shapes: {shapes}."
    else:
        return
    raise ValueError(f"{why} for '{summarize(op_type, name, inputs, attrs, seeds, dtype)}'"
                     f"{rest}") from None
