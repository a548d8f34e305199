"""Export TensorFlow 1.15's registered op definitions as philoxflow's op data.

Run with TF 1.15's Python (never a dependency of philoxflow):

    /work/venvs/tf1/bin/python scripts/export_op_defs.py \
        --out python/philoxflow/framework/op_defs.json.gz

Each op becomes `{"inputs": [arg...], "outputs": [arg...], "attrs": [attr...],
"stateful": bool}` with an arg `{"name", "type"?, "type_attr"?, "number_attr"?,
"type_list_attr"?, "is_ref"?}` (dtypes by TF's names) and an attr `{"name", "type",
"default"?, "allowed"?, "minimum"?}`; defaults as plain JSON (dtypes by name, shapes as a
dims list or null for unknown rank).
"""

import argparse
import gzip
import json


def _dtype_name(tf, enum):
    return tf.as_dtype(enum).name


def _attr_value(tf, value, kind):
    """An AttrValue as JSON, read by the attr's declared type."""
    which = value.WhichOneof("value")
    if which is None:
        return None
    if which == "list":
        lst = value.list
        if kind == "list(type)":
            return [_dtype_name(tf, t) for t in lst.type]
        if kind == "list(int)":
            return list(lst.i)
        if kind == "list(float)":
            return list(lst.f)
        if kind == "list(string)":
            return [s.decode("latin-1") for s in lst.s]
        if kind == "list(bool)":
            return list(lst.b)
        if kind == "list(shape)":
            return [_shape(s) for s in lst.shape]
        return []
    if which == "type":
        return _dtype_name(tf, value.type)
    if which == "shape":
        return _shape(value.shape)
    if which == "s":
        return value.s.decode("latin-1")
    if which in ("i", "f", "b"):
        return getattr(value, which)
    if which == "tensor":
        from tensorflow.python.framework import tensor_util

        arr = tensor_util.MakeNdarray(value.tensor)
        return {"tensor": arr.tolist(), "dtype": arr.dtype.name}
    return None


def _shape(proto):
    if proto.unknown_rank:
        return None
    return [d.size for d in proto.dim]


def _arg(tf, a):
    out = {"name": a.name}
    if a.type:
        out["type"] = _dtype_name(tf, a.type)
    for key in ("type_attr", "number_attr", "type_list_attr"):
        if getattr(a, key):
            out[key] = getattr(a, key)
    if a.is_ref:
        out["is_ref"] = True
    return out


def _attr(tf, a):
    out = {"name": a.name, "type": a.type}
    if a.HasField("default_value"):
        out["default"] = _attr_value(tf, a.default_value, a.type)
    if a.HasField("allowed_values"):
        kind = "list(type)" if a.type in ("type", "list(type)") else "list(string)"
        out["allowed"] = _attr_value(tf, a.allowed_values, kind)
    if a.has_minimum:
        out["minimum"] = a.minimum
    return out


def _python_api(tf):
    """For each `tf.raw_ops` function: its generated wrapper's name, its parameters (the
    API-def names, which may differ from the op definition's), their defaults, and which
    op-definition argument each parameter is (read from the wrapper's source)."""
    import inspect
    import re

    out = {}
    for name in dir(tf.raw_ops):
        if name.startswith("_"):
            continue
        raw = getattr(tf.raw_ops, name)
        try:
            sig = inspect.signature(raw)
            inner = re.search(r"return (\w+)\(", inspect.getsource(raw)).group(1)
            gen = inspect.getmodule(raw).__dict__[inner]
            src = inspect.getsource(gen)
        except (TypeError, OSError, AttributeError, KeyError):
            continue
        call = re.search(r"_apply_op_helper\(\s*\"\w+\",(.*?)\)\n", src, re.S)
        mapping = {}
        if call:
            for k, v in re.findall(r"(\w+)=(\w+)", call.group(1)):
                if k != "name":
                    mapping[v] = k
        params = []
        for p in sig.parameters.values():
            if p.name == "name":
                continue
            entry = {"name": p.name, "arg": mapping.get(p.name, p.name)}
            if p.default is not inspect.Parameter.empty:
                entry["has_default"] = True
            params.append(entry)
        out[name] = {"function": inner, "params": params}
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    import tensorflow as tf
    from tensorflow.python.framework import op_def_registry

    assert tf.__version__ == "1.15.5", tf.__version__
    ops = {}
    for name, op in sorted(op_def_registry.get_registered_ops().items()):
        entry = {"inputs": [_arg(tf, a) for a in op.input_arg],
                 "outputs": [_arg(tf, a) for a in op.output_arg],
                 "attrs": [_attr(tf, a) for a in op.attr]}
        if op.is_stateful:
            entry["stateful"] = True
        if op.allows_uninitialized_input:
            entry["allows_uninitialized_input"] = True
        ops[name] = entry
    for name, api in _python_api(tf).items():
        if name in ops:
            ops[name]["python"] = api
    data = json.dumps({"tensorflow": tf.__version__, "ops": ops}, sort_keys=True,
                      separators=(",", ":")).encode()
    # mtime=0: the same registry gives the same bytes.
    with open(args.out, "wb") as f, gzip.GzipFile(fileobj=f, mode="wb", mtime=0) as gz:
        gz.write(data)
    print(f"{len(ops)} ops -> {args.out}")


if __name__ == "__main__":
    main()
