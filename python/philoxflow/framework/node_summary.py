"""TF 2.x names the op in a shape function's error by its NodeDef, as C++'s
`SummarizeNodeDef` prints it: `{{node <name>}} = <type>[<attrs>](<inputs>)`, the
attributes sorted by name (the op definition's, with defaults and the type attributes
read off the inputs), the inputs by tensor name (`op` for output 0, `op:k` else). TF 1.15
names it `'<name>' (op: '<type>')` instead (common_shapes)."""

from __future__ import annotations

import types

import numpy as np

from . import dtypes as _dtypes
from .tensor_shape import TensorShape

# TF's DataType enum names where they are not DT_<NAME>
_DT = {"float32": "DT_FLOAT", "float64": "DT_DOUBLE", "float16": "DT_HALF"}


def _dt_enum(d):
    name = d if isinstance(d, str) else _dtypes.as_dtype(d).base_dtype.name
    return _DT.get(name, "DT_" + name.upper())


def _float(v):
    """`StrCat` of a float attr: the shortest of %.6g / %.9g that round-trips."""
    s = "%.6g" % v
    return s if np.float32(s) == np.float32(v) else "%.9g" % v


def _attr(kind, v):
    if kind.startswith("list(") and isinstance(v, (list, tuple)):
        return "[" + ", ".join(_attr(kind[5:-1], x) for x in v) + "]"
    if kind == "type":
        return _dt_enum(v)
    if kind == "bool":
        return "true" if v else "false"
    if kind == "int":
        return str(int(v))
    if kind == "float":
        return _float(float(v))
    if kind == "shape":
        s = TensorShape(v)
        if s.rank is None:
            return "<unknown>"
        return "[" + ",".join("?" if d is None else str(d) for d in s.as_list()) + "]"
    if kind == "string":
        b = v.encode() if isinstance(v, str) else bytes(v)
        return '"' + b.decode("latin-1").encode("unicode_escape").decode() + '"'
    return None


def summarize(op_type, name, inputs, attrs, seeds=None, dtype=None):
    """`{{node NAME}} = TYPE[ATTRS](INPUTS)` of the op being built."""
    from .op_def_library import infer_attr, op_def

    od = op_def(op_type)
    vals = dict(attrs or {})
    if seeds is not None:
        vals["seed"], vals["seed2"] = seeds
    stand_in = types.SimpleNamespace(
        type=op_type, inputs=list(inputs),
        outputs=[types.SimpleNamespace(dtype=_dtypes.as_dtype(dtype))] if dtype else [])
    parts = []
    for a in sorted(od["attrs"] if od else (), key=lambda a: a["name"]):
        v = infer_attr(stand_in, a["name"])  # (the inputs' types over a default)
        if v is None:
            v = vals.get(a["name"])
        text = None if v is None else _attr(a["type"], v)
        if text is not None:
            parts.append(f"{a['name']}={text}")
    names = [t.op.name if t.value_index == 0 else f"{t.op.name}:{t.value_index}"
             for t in inputs]
    return f"{{{{node {name}}}}} = {op_type}[{', '.join(parts)}]({', '.join(names)})"
