"""TF 1.15's op definitions as data, and the one generic op builder over them.

`op_defs.json.gz` is TF 1.15's own op registry (`scripts/export_op_defs.py` exports
it): for every op type its inputs and outputs (fixed dtype, `type_attr`,
`number_attr`, `type_list_attr`, ref), attributes (type, default, allowed values,
minimum) and statefulness. `apply_op_helper` builds any of those op types as TF's
`op_def_library._apply_op_helper` does: dtype attributes inferred from the inputs,
inputs converted to their attribute's dtype, defaults filled, TF's type-check errors
and messages; the static shapes come from the op's shape function
(`framework/shape_fns`).
"""

from __future__ import annotations

import gzip
import json
import os
import threading

import numpy as np

from . import dtypes as _dtypes
from .tensor_shape import TensorShape, as_shape_strict

_lock = threading.Lock()
_defs: dict | None = None


def _all() -> dict:
    global _defs
    if _defs is None:
        with _lock:
            if _defs is None:
                path = os.path.join(os.path.dirname(__file__), "op_defs.json.gz")
                with gzip.open(path, "rb") as f:
                    _defs = json.loads(f.read())["ops"]
    return _defs


def op_def(op_type: str) -> dict | None:
    """TF 1.15's definition of `op_type` (inputs, outputs, attrs), or None."""
    return _all().get(op_type)


_REF_OUTPUTS: dict = {}


def ref_outputs(op_type: str) -> frozenset:
    """Indices of `op_type`'s reference outputs (`is_ref` output args: VariableV2's,
    Assign's), whose tensors have TF's reference dtypes (`float32_ref`)."""
    refs = _REF_OUTPUTS.get(op_type)
    if refs is None:
        od = op_def(op_type)
        refs = _REF_OUTPUTS[op_type] = frozenset(
            i for i, o in enumerate(od["outputs"] if od else ()) if o.get("is_ref"))
    return refs


def op_types() -> list:
    """Every op type TF 1.15 registers."""
    return sorted(_all())


def _dt(name):
    """A DType by TF's name; dtypes philoxflow has no class for (resource, variant,
    quantized) are kept by name."""
    try:
        return _dtypes.as_dtype(name)
    except TypeError:
        return name


def _dt_name(d):
    return d if isinstance(d, str) else d.name


def _attr_def(od, name):
    for a in od["attrs"]:
        if a["name"] == name:
            return a
    raise TypeError(f"Inconsistent OpDef, missing attr '{name}'.")


def _satisfies(dtype, attr, param_name):
    allowed = attr.get("allowed")
    if allowed is not None and _dt_name(dtype) not in allowed:
        raise TypeError(f"Value passed to parameter '{param_name}' has DataType "
                        f"{_dt_name(dtype)} not in list of allowed values: {', '.join(allowed)}")


def check_input_dtypes(op_type, inputs):
    """TF's allowed-type check of `inputs` (tensors for the op's leading single inputs),
    for wrappers that build through `Graph._create_op` rather than `apply_op_helper`."""
    od = op_def(op_type)
    if od is None:
        return
    for arg, t in zip(od["inputs"], inputs):
        k = arg.get("type_attr")
        if k and not arg.get("number_attr"):
            _satisfies(t.dtype.base_dtype, _attr_def(od, k), arg["name"])


def _is_list(v):
    return isinstance(v, (list, tuple))


def _convert_ref(op_type, arg_name, value):
    """A ref input: a variable's ref tensor (TF's `as_ref=True` conversion)."""
    from .ops import Tensor

    ref = getattr(value, "_ref_tensor", None)
    if ref is not None:
        return ref()
    if isinstance(value, Tensor) and value.op.type in ("VariableV2", "Variable",
                                                        "TemporaryVariable"):
        return value
    if isinstance(value, Tensor):  # a ref output (a queue or accumulator handle)
        outs = (op_def(value.op.type) or {}).get("outputs", [])
        if value.value_index < len(outs) and outs[value.value_index].get("is_ref"):
            return value
    raise TypeError(f"'{op_type}' Op requires that input '{arg_name}' be a mutable tensor "
                    f"(e.g.: a tf.Variable)")


_NAME_ONLY_TYPES = frozenset({"qint8", "quint8", "qint16", "quint16", "qint32", "resource",
                              "variant"})


def _make_attr(op_type, a, value):
    """TF's `_Make*` checks of an attribute value; the value as `get_attr` returns it."""
    kind, key = a["type"], a["name"]
    if kind.startswith("list("):
        if not _is_list(value):
            raise TypeError("Expected list for attr " + key)
        if "minimum" in a and len(value) < a["minimum"]:
            raise ValueError(f"Attr '{key}' of '{op_type}' Op passed list of length "
                             f"{len(value)} less than minimum {a['minimum']}.")
        item = dict(a, type=kind[5:-1])
        item.pop("minimum", None)
        return [_make_attr(op_type, item, v) for v in value]
    if kind == "int":
        if isinstance(value, (str, bytes)):
            raise TypeError(f"Expected int for argument '{key}' not {value!r}.")
        try:
            out = int(value)
        except (ValueError, TypeError):
            raise TypeError(f"Expected int for argument '{key}' not {value!r}.") from None
        if "minimum" in a and out < a["minimum"]:
            raise ValueError(f"Attr '{key}' of '{op_type}' Op passed {out} less than minimum "
                             f"{a['minimum']}.")
        return out
    if kind == "float":
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.number)):
            if not isinstance(value, (bool, np.bool_)):
                raise TypeError(f"Expected float for argument '{key}' not {value!r}.")
        return float(value)
    if kind == "bool":
        if not isinstance(value, bool):
            raise TypeError(f"Expected bool for argument '{key}' not {value!r}.")
        return value
    if kind == "string":
        if not isinstance(value, (str, bytes)):
            raise TypeError(f"Expected string for argument '{key}' not {value!r}.")
        out = value.encode() if isinstance(value, str) else value
        allowed = a.get("allowed")
        if allowed is not None and out.decode("latin-1") not in allowed:
            listed = '", "'.join(allowed)
            raise ValueError(f"Attr '{key}' of '{op_type}' Op passed string "
                             f"'{out.decode('latin-1')}' not in: \"{listed}\".")
        return out
    if kind == "type":
        try:
            # a TF type name philoxflow has no DType for (quantized, resource) stays a name
            d = value if isinstance(value, str) and value in _NAME_ONLY_TYPES else \
                _dtypes.as_dtype(value)
        except TypeError:
            raise TypeError(f"Expected DataType for argument '{key}' not {value!r}.") from None
        _satisfies(d, a, key)
        return _dt(d) if isinstance(d, str) else d
    if kind == "shape":
        try:
            return as_shape_strict(value)
        except TypeError as e:
            raise TypeError(f"Error converting {key} to a TensorShape: {e}.") from None
        except ValueError as e:
            raise ValueError(f"Error converting {key} to a TensorShape: {e}.") from None
    return value  # tensor, func: kept as given


def _default(a):
    """An attribute's default, as `get_attr` returns it."""
    d = a["default"]
    kind = a["type"]
    if kind == "type":
        return _dt(d)
    if kind == "list(type)":
        return [_dt(x) for x in d]
    if kind == "shape":
        return TensorShape(d)
    if kind == "list(shape)":
        return [TensorShape(x) for x in d]
    if kind == "string":
        return d.encode("latin-1")
    if kind == "list(string)":
        return [x.encode("latin-1") for x in d]
    return d


def apply_op_helper(op_type: str, name: str | None = None, **keywords):
    """Build `op_type` from its TF 1.15 definition (TF's `_apply_op_helper`, with
    attributes left out taking their defaults, as the generated wrappers pass them).

    Returns the Operation."""
    from .constant_op import convert_to_tensor
    from .ops import Tensor, _graph_of

    od = op_def(op_type)
    if od is None:
        raise RuntimeError("Unrecognized Op name " + op_type)
    g = _graph_of(*[keywords.get(a["name"]) for a in od["inputs"]])
    defaults = {a["name"]: _dt(a["default"]) for a in od["attrs"]
                if a["type"] == "type" and "default" in a}
    attrs: dict = {}
    inferred: dict = {}
    inputs = []
    # Attributes given that inputs would infer: TF checks inputs against them.
    for a in od["attrs"]:
        if a["type"] == "type" and keywords.get(a["name"]) is not None and any(
                arg.get("type_attr") == a["name"] for arg in od["inputs"]):
            attrs[a["name"]] = _make_attr(op_type, a, keywords.pop(a["name"]))
            inferred[a["name"]] = "attr"
    with g.as_default(), g.name_scope(name or op_type) as scope:
        for arg in od["inputs"]:
            iname = arg["name"]
            if iname in keywords:
                values = keywords.pop(iname)
            elif iname + "_" in keywords:
                iname += "_"
                values = keywords.pop(iname)
            else:
                raise TypeError("No argument for input " + iname)
            type_attr = arg.get("type_attr")
            if "number_attr" in arg or "type_list_attr" in arg:
                if not _is_list(values):
                    raise TypeError(f"Expected list for '{iname}' argument to '{op_type}' Op, "
                                    f"not {values}.")
                dtype = _dt(arg["type"]) if "type" in arg else attrs.get(type_attr)
                if dtype is None and "number_attr" in arg:
                    dtype = next((v.dtype.base_dtype for v in values
                                  if isinstance(v, Tensor)), None)
                pref = defaults.get(type_attr) if dtype is None else None
                try:
                    conv = [convert_to_tensor(v, dtype=dtype, name=f"{arg['name']}_{k}",
                                              preferred_dtype=pref)
                            for k, v in enumerate(values)]
                    if "number_attr" in arg and len({v.dtype.base_dtype for v in conv}) > 1:
                        raise TypeError()
                except (TypeError, ValueError):
                    obs = []
                    for v in values:
                        try:
                            obs.append(convert_to_tensor(v).dtype.name)
                        except (TypeError, ValueError):
                            obs.append("<NOT CONVERTIBLE TO TENSOR>")
                    prefix = (f"Tensors in list passed to '{iname}' of '{op_type}' Op have "
                              f"types [{', '.join(obs)}]")
                    if "number_attr" not in arg:
                        raise TypeError(f"{prefix} that are invalid. Tensors: {values}") from None
                    if "type" in arg:
                        raise TypeError(f"{prefix} that do not match expected type "
                                        f"{_dt_name(dtype)}.") from None
                    if type_attr in attrs:
                        raise TypeError(f"{prefix} that do not match type {_dt_name(dtype)} "
                                        f"inferred from earlier arguments.") from None
                    raise TypeError(f"{prefix} that don't all match.") from None
                types = [v.dtype.base_dtype for v in conv]
                inputs.extend(conv)
                if "number_attr" in arg:
                    n_attr = arg["number_attr"]
                    if n_attr in attrs:
                        if len(conv) != attrs[n_attr]:
                            raise ValueError(
                                f"List argument '{iname}' to '{op_type}' Op with length "
                                f"{len(conv)} must match length {attrs[n_attr]} of argument "
                                f"'{inferred[n_attr]}'.")
                    else:
                        attrs[n_attr], inferred[n_attr] = len(conv), iname
                        mn = _attr_def(od, n_attr).get("minimum")
                        if mn is not None and len(conv) < mn:
                            raise ValueError(
                                f"List argument '{iname}' to '{op_type}' Op with length "
                                f"{len(conv)} shorter than minimum length {mn}.")
                    if type_attr and type_attr not in attrs:
                        if not types:
                            raise TypeError(
                                "Don't know how to infer type variable from empty input list "
                                f"passed to input '{iname}' of '{op_type}' Op.")
                        _satisfies(types[0], _attr_def(od, type_attr), iname)
                        attrs[type_attr], inferred[type_attr] = types[0], iname
                else:
                    tl = arg["type_list_attr"]
                    if tl in attrs:
                        if list(attrs[tl]) != types:
                            raise TypeError(
                                f"Input '{iname}' of '{op_type}' Op has type list of "
                                f"{', '.join(t.name for t in types)} that does not match type "
                                f"list {', '.join(_dt_name(t) for t in attrs[tl])} of argument "
                                f"'{inferred[tl]}'.")
                    else:
                        for t in types:
                            _satisfies(t, _attr_def(od, tl), iname)
                        attrs[tl], inferred[tl] = types, iname
                continue
            if arg.get("is_ref"):
                t = _convert_ref(op_type, iname, values)
                if "type" in arg and t.dtype.base_dtype != _dt(arg["type"]):
                    raise TypeError(f"Input '{iname}' of '{op_type}' Op has type "
                                    f"{t.dtype.name} that does not match expected type of "
                                    f"{arg['type']}.")
            else:
                dtype = _dt(arg["type"]) if "type" in arg else attrs.get(type_attr)
                pref = defaults.get(type_attr) if dtype is None else None
                if isinstance(dtype, str) or isinstance(pref, str):
                    t = values  # resource / variant inputs: tensors as given
                    if not isinstance(t, Tensor):
                        raise TypeError(f"Expected {dtype or pref} passed to parameter "
                                        f"'{arg['name']}' of op '{op_type}', got {values!r}")
                else:
                    if pref is not None and not _tf1_graph() and _attr_def(od, type_attr).get(
                            "allowed") and not isinstance(values, Tensor):
                        values = _infer_first(values, arg, _attr_def(od, type_attr))
                    t = _convert_single(op_type, arg, iname, values, dtype, pref, attrs,
                                        inferred, defaults)
            inputs.append(t)
            if type_attr:
                if type_attr in attrs:
                    if attrs[type_attr] != t.dtype.base_dtype:
                        raise TypeError(
                            f"Input '{iname}' of '{op_type}' Op has type {t.dtype.name} that "
                            f"does not match type {_dt_name(attrs[type_attr])} of argument "
                            f"'{inferred[type_attr]}'.")
                else:
                    _satisfies(t.dtype.base_dtype, _attr_def(od, type_attr), iname)
                    attrs[type_attr], inferred[type_attr] = t.dtype.base_dtype, iname
        # The other attributes: given, else their defaults (the generated wrappers').
        for a in od["attrs"]:
            key = a["name"]
            if key in attrs:
                if key in keywords:
                    raise TypeError(f"Should not specify value for inferred attr '{key}'.")
                continue
            if key in keywords or key + "_" in keywords:
                v = keywords.pop(key if key in keywords else key + "_")
            else:
                v = None
            if v is None:
                if "default" not in a:
                    raise TypeError("No argument for attr " + key)
                attrs[key] = _default(a)
            else:
                attrs[key] = _make_attr(op_type, a, v)
        if keywords:
            raise TypeError("apply_op() got unexpected keyword arguments: "
                            + ", ".join(sorted(keywords)))
        outputs = output_dtypes(od, attrs)
        return g._create_op(op_type, inputs, scope, attrs=attrs, outputs=outputs,
                            **_kernel_args(op_type, attrs))


def _tf1_graph():
    from .tensor_util import _tf1

    return _tf1()


def _infer_first(values, arg, attr):
    """TF 2.21's `_apply_op_helper` converts an input whose type attr has a default and an
    allowed list without the default first, and keeps that tensor when its dtype is
    allowed (so `[2**40]` stays int64 where int32 would wrap); TF 1.15 goes straight to
    the default."""
    from .constant_op import convert_to_tensor

    try:
        guess = convert_to_tensor(values, name=arg["name"])
    except (TypeError, ValueError):  # TF's ValueError path: _convert_single words it
        return values
    return guess if _dt_name(guess.dtype.base_dtype) in attr["allowed"] else values


def _convert_single(op_type, arg, iname, values, dtype, pref, attrs, inferred, defaults):
    from .constant_op import convert_to_tensor
    from .indexed_slices import IndexedSlices

    if isinstance(values, IndexedSlices):
        # TF's registered conversion: an UnsortedSegmentSum named after the input
        from ..ops.array_grad import convert_slices_to_dense

        return convert_slices_to_dense(values, name=arg["name"])
    try:
        return convert_to_tensor(values, dtype=dtype, name=arg["name"], preferred_dtype=pref)
    except TypeError as err:
        if dtype is None:
            raise
        raise TypeError(f"Expected {dtype.name} passed to parameter '{arg['name']}' of op "
                        f"'{op_type}', got {values!r} of type '{type(values).__name__}' "
                        f"instead. Error: {err}") from None
    except ValueError:
        try:
            observed = convert_to_tensor(values).dtype.name
        except ValueError as err:
            raise ValueError(f"Tried to convert '{iname}' to a tensor and failed. "
                             f"Error: {err}") from None
        prefix = f"Input '{iname}' of '{op_type}' Op has type {observed} that does not match"
        if "type" in arg:
            raise TypeError(f"{prefix} expected type of {arg['type']}.") from None
        k = arg["type_attr"]
        if k not in attrs and k in defaults:
            attrs[k] = defaults[k]
            inferred.setdefault(k, "Default in OpDef")
        raise TypeError(f"{prefix} type {_dt_name(attrs[k])} of argument "
                        f"'{inferred[k]}'.") from None


def output_dtypes(od: dict, attrs: dict) -> list:
    """`(dtype, None)` for each output tensor the definition gives, in order (shapes come
    from the shape function)."""
    out = []
    for arg in od["outputs"]:
        if "type_list_attr" in arg:
            out.extend((t, None) for t in attrs[arg["type_list_attr"]])
            continue
        d = _dt(arg["type"]) if "type" in arg else attrs[arg["type_attr"]]
        n = attrs[arg["number_attr"]] if "number_attr" in arg else 1
        out.extend((d, None) for _ in range(n))
    return out


# Ops whose Rust kernels take attributes as integers (`ints`) or seeds.
_INT_ATTRS = {
    "Pack": ("axis",),
    "StridedSlice": ("begin_mask", "end_mask", "ellipsis_mask", "new_axis_mask",
                     "shrink_axis_mask"),
    "All": ("keep_dims",), "Any": ("keep_dims",), "Sum": ("keep_dims",),
    "Mean": ("keep_dims",), "Max": ("keep_dims",), "Min": ("keep_dims",),
    "Prod": ("keep_dims",),
}


def _kernel_args(op_type, attrs):
    kw = {}
    if op_type in _INT_ATTRS:
        kw["ints"] = [int(attrs[k]) for k in _INT_ATTRS[op_type]]
    if "seed" in attrs and "seed2" in attrs:
        kw["seeds"] = (int(attrs["seed"]), int(attrs["seed2"]))
    if op_type in ("Placeholder", "VariableV2") and "shape" in attrs:
        kw["shape"] = attrs["shape"]
    if op_type == "Const" and "value" in attrs:
        kw["value"] = np.asarray(attrs["value"])
    if op_type in _STRING_ATTRS:
        kw["ints"] = _STRING_ATTRS[op_type](attrs)
    if not output_dtypes(op_def(op_type), attrs) and op_type not in _RUST_KNOWN:
        # An op without outputs (QueueEnqueueV2, PrintV2) is kept by the Rust graph for
        # structure only, under a dtype it holds no kernel for (as PrintV2's wrapper does).
        kw["dtype"] = "string"
    return kw


_RUST_KNOWN = frozenset(("NoOp", "Assert", "AssignVariableOp", "MakeIterator"))


def infer_attr(op, name):
    """A type, type-list or length attribute of `op` read off its inputs (or outputs) as
    TF's `_apply_op_helper` inferred it; None when the definition does not tie `name` to
    an argument (or the arguments cannot be matched to the tensors)."""
    od = op_def(op.type)
    if od is None:
        return None
    for args, tensors in ((od["inputs"], op.inputs), (od["outputs"], op.outputs)):
        lists = [a for a in args if "number_attr" in a or "type_list_attr" in a]
        if len(lists) > 1 and len({a.get("number_attr") for a in lists} - {None}) != 1:
            continue  # several lists of different lengths: not matched to the tensors
        if any("type_list_attr" in a for a in lists) and len(lists) > 1:
            continue
        rest = len(tensors) - (len(args) - len(lists))
        if rest < 0 or (lists and rest % len(lists)):
            continue
        n_list = rest // len(lists) if lists else 0
        pos = 0
        for a in args:
            n = n_list if a in lists else 1
            part = list(tensors[pos:pos + n])
            pos += n
            dts = [getattr(t.dtype, "base_dtype", t.dtype) for t in part]
            if a.get("type_attr") == name and dts:
                return dts[0]
            if a.get("number_attr") == name:
                return len(part)
            if a.get("type_list_attr") == name:
                return dts
    return None


def _bytes(v):
    return v.encode() if isinstance(v, str) else bytes(v)


# The string kernels' attributes as integers (`rust/src/kernels/strings.rs`).
_STRING_ATTRS = {
    "StringJoin": lambda a: list(_bytes(a.get("separator", b""))),
    "StringLength": lambda a: [int(_bytes(a.get("unit", b"BYTE")) == b"UTF8_CHAR")],
    "AsString": lambda a: [int(a.get("precision", -1)), int(bool(a.get("scientific"))),
                           int(bool(a.get("shortest"))), int(a.get("width", -1)),
                           (_bytes(a.get("fill", b"")) or b" ")[0]],
}
