"""TF's generated op wrappers, made from their signatures (`gen_wrappers.json`).

Most of `tf.math`, much of `tf.linalg` and some of `tf.nn` are TF's generated
wrappers: one op, named after its type (or `name`), its Python operands converted
inside that name scope under the input's argument name. `gen_wrappers.json`
(written by `scripts/gen_op_wrappers.py` from TF 1.15's op registry) lists, for
each such public name, the op type, the parameters, the input and output dtypes
and how the static shape follows; `apply_op` builds the op. Names philoxflow
implements by hand (kernels in Rust, or composite wrappers) take precedence.
"""

from __future__ import annotations

import functools
import inspect
import json
import os

from ..framework import dtypes as _dtypes
from ..framework.constant_op import convert_to_tensor
from ..framework.ops import _graph_of
from ..framework.tensor_shape import TensorShape

_P = inspect.Parameter
_DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "gen_wrappers.json")


def _broadcast(a, b):
    from .math_ops import _broadcast_shape

    return _broadcast_shape(a, b)


# Ops TF 2.x wraps in a Python function with its own name scope (measured with TF 2.21;
# TF 1.15 exports the generated wrapper itself).
_TF2_SCOPED = {"BesselI0e": "bessel_i0e", "BesselI1e": "bessel_i1e", "Xdivy": "xdivy"}


def _shape(rule, tensors):
    """The static shape TF's shape function gives, for the rules the table names."""
    if not tensors:
        return None
    if rule == "same":
        return tensors[0].shape
    if rule == "broadcast":
        return _broadcast(tensors[0].shape, tensors[1].shape)
    if rule == "merge":  # all non-scalar inputs have one shape
        out = TensorShape(None)
        for t in tensors:
            if t.shape.rank != 0:
                out = out.merge_with(t.shape)
        return out
    data = tensors[0].shape
    if rule == "segment" and data.rank is not None:
        return TensorShape([None]).concatenate(data[1:])
    if rule == "unsorted_segment" and data.rank is not None:
        from .array_ops import _constant_value

        ids, n = tensors[1].shape, _constant_value(tensors[2])
        if ids.rank is not None:
            return TensorShape([None if n is None else int(n)]).concatenate(data[ids.rank:])
    return None


def _make(rec: dict):
    params = rec["params"]
    sig = inspect.Signature(
        [_P(p["name"], _P.POSITIONAL_OR_KEYWORD,
            default=_P.empty if p.get("required") or p["kind"] != "attr" else p["default"])
         for p in params] + [_P("name", _P.POSITIONAL_OR_KEYWORD, default=None)])

    def wrapper(*args, **kwargs):
        b = sig.bind(*args, **kwargs)
        b.apply_defaults()
        values = b.arguments
        g = _graph_of(*[values[p["name"]] for p in params if p["kind"] != "attr"])
        types, attrs = {}, {}
        for p in params:
            v = values[p["name"]]
            if p["kind"] == "attr":
                if isinstance(v, _dtypes.DType) or (p["arg"] in rec["type_defaults"]
                                                    and v is not None):
                    v = _dtypes.as_dtype(v)
                    types[p["arg"]] = v
                attrs[p["arg"]] = v
        outer = rec.get("scope") or (_TF2_SCOPED.get(rec["op"])
                                     if g._target.uniform_skips_unit_scaling else None)
        if outer:  # the public function's own scope, the op named after its type inside
            with g.as_default(), g.name_scope(values["name"] or outer):
                values["name"] = None
                return _build(rec, params, values, types, attrs, g)
        return _build(rec, params, values, types, attrs, g)

    wrapper.__signature__ = sig
    wrapper.__name__ = wrapper.__qualname__ = rec["names"][0].rsplit(".", 1)[-1]
    wrapper.__doc__ = f"TF's generated wrapper of the `{rec['op']}` op."
    return wrapper


def _build(rec, params, values, types, attrs, g):
    """Convert the inputs in the op's name scope, then create the op."""
    tensors = []
    with g.as_default(), g.name_scope(values["name"] or rec["op"]) as scope:
        for p in params:
            if p["kind"] == "attr":
                continue
            v, ta = values[p["name"]], p["type_attr"]
            items = list(v) if p["kind"] == "list" else [v]
            conv = []
            for i, item in enumerate(items):
                dtype = types.get(ta) if ta else _dtypes.as_dtype(p["type"])
                hint = rec["type_defaults"].get(ta) if ta and dtype is None else None
                arg = p["arg"] if p["kind"] == "input" else f"{p['arg']}_{i}"
                t = convert_to_tensor(item, dtype=dtype, name=arg, preferred_dtype=hint)
                if ta and ta not in types:
                    types[ta] = t.dtype
                conv.append(t)
            tensors.extend(conv)
        outs = []
        for o in rec["outputs"]:
            ta = o["type_attr"]
            dt = types.get(ta) or (_dtypes.as_dtype(rec["type_defaults"][ta])
                                   if ta in rec["type_defaults"] else None)
            outs.append((dt or _dtypes.as_dtype(o["type"]), None))
        if outs:
            outs[0] = (outs[0][0], _shape(rec["shape"], tensors))
        outs = [(d, TensorShape(None) if s is None else s) for d, s in outs]
        op = g._create_op(rec["op"], tensors, scope, attrs=attrs,
                          dtype=outs[0][0] if len(outs) == 1 else None,
                          shape=outs[0][1] if len(outs) == 1 else None,
                          outputs=outs if len(outs) > 1 else None,
                          **_kernel_ints(rec["op"], attrs))
    res = op.outputs
    return op if not res else res[0] if len(res) == 1 else res


def _kernel_ints(op_type, attrs):
    """The attributes a Rust kernel reads as integers (the string ops'), with defaults."""
    from ..framework import op_def_library

    conv = op_def_library._STRING_ATTRS.get(op_type)
    if conv is None:
        return {}
    return {"ints": conv({k: v for k, v in attrs.items() if v is not None})}


@functools.lru_cache(maxsize=None)
def _all() -> dict:
    with open(_DATA) as f:
        data = json.load(f)
    out: dict = {}
    for rec in data.values():
        fn = _make(rec)
        for n in rec["names"]:
            ns, _, short = n.rpartition(".")
            out.setdefault(ns, {})[short] = fn
    return out


def module_names(module: str) -> dict:
    """The generated wrappers of TF's `module` (`gen_math_ops`), by their Python names."""
    with open(_DATA) as f:
        data = json.load(f)
    made = {id(fn): fn for ns in _all().values() for fn in ns.values()}
    out = {}
    for key, rec in data.items():
        mod, _, fn_name = key.partition(".")
        if mod != module:
            continue
        ns, _, short = rec["names"][0].rpartition(".")
        fn = _all().get(ns, {}).get(short)
        if fn is not None and id(fn) in made:
            out[fn_name] = fn
    return out


def names(namespace: str) -> dict:
    """The generated wrappers TF 1.15 exports in `namespace` ("" is the top level)."""
    return dict(_all().get(namespace, {}))


def install(namespace: str, module_globals: dict) -> None:
    """Add the namespace's generated wrappers that the module does not define itself."""
    for key, fn in names(namespace).items():
        module_globals.setdefault(key, fn)
