"""Regenerate `python/philoxflow/ops/gen_wrappers.json` with TensorFlow 1.15's Python.

    /work/venvs/tf1/bin/python scripts/gen_op_wrappers.py

TF's generated wrappers (`gen_*_ops.py`) are thin: a public function of one op
type whose Python parameters are the op's inputs and attrs. This script records,
for every public TF 1.15 name that is such a wrapper, what philoxflow's generic
wrapper needs to build the same op: the op type, the parameters (inputs or attrs,
in order, with defaults), the input dtypes (a type attr shared with an earlier
input, or a fixed type), the outputs' dtypes, and how the output's static shape
follows the inputs ("same" or "broadcast", found by building the op with
placeholders; otherwise unknown). The data is TF's op signatures, not its code.
"""
import inspect
import json
import os
import re

os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
import tensorflow as tf  # noqa: E402
from tensorflow.python.framework import op_def_registry  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NAMES = "/work/shared/tf-reference/tf1_api_names.txt"
NAMESPACES = {"(tf)", "math", "linalg", "nn", "bitwise", "debugging", "dtypes", "strings", "image",
              "random"}
OPS = op_def_registry.get_registered_ops()
TYPES = {1: "float32", 2: "float64", 3: "int32", 4: "uint8", 5: "int16", 6: "int8",
         7: "string", 8: "complex64", 9: "int64", 10: "bool", 14: "bfloat16", 17: "uint16",
         18: "complex128", 19: "float16", 22: "uint32", 23: "uint64"}


def op_type_of(fn):
    m = re.search(r'_apply_op_helper\(\s*"(\w+)"', inspect.getsource(fn))
    return m.group(1) if m else None


# Ops whose output has the first input's shape, whose other inputs are not of its
# dtype or shape (axes, attrs as inputs), so the probe below cannot find it.
SAME_SHAPE = {"ReverseV2", "CheckNumerics", "LRN", "MatrixBandPart", "TensorScatterAdd",
              "TensorScatterSub", "TensorScatterUpdate", "FakeQuantWithMinMaxVars",
              "FakeQuantWithMinMaxVarsPerChannel", "ClipByValue", "InvertPermutation"}
# Shape rules philoxflow's generic wrapper knows beyond "same" and "broadcast".
RULES = {"SegmentSum": "segment", "SegmentMean": "segment", "SegmentMax": "segment",
         "SegmentMin": "segment", "SegmentProd": "segment",
         "UnsortedSegmentSum": "unsorted_segment", "UnsortedSegmentMax": "unsorted_segment",
         "UnsortedSegmentMin": "unsorted_segment", "UnsortedSegmentProd": "unsorted_segment",
         "Betainc": "merge"}


def shape_rule(fn, op_def, params):
    """Build the op with float placeholders to see how its static shape follows."""
    if op_def.name in SAME_SHAPE:
        return "same"
    if op_def.name in RULES:
        return RULES[op_def.name]
    ins = [a for a in op_def.input_arg]
    if not ins or any(a.number_attr or a.type_list_attr for a in ins):
        return None
    tries = [(rule, shapes, want, dt) for dt in (tf.float32, tf.int32, tf.bool)
             for rule, shapes, want in (("same", [[2, None, 3]], [2, None, 3]),
                                        ("broadcast", [[2, 1], [3]], [2, 3]))]
    for rule, shapes, want, dtype in tries:
        if len(ins) != len(shapes):
            continue
        g = tf.Graph()
        try:
            with g.as_default():
                args = [tf.placeholder(dtype, s) for s in shapes]
                out = fn(*args)
                out = out[0] if isinstance(out, (list, tuple)) else out
                if out.shape.as_list() == want:
                    return rule
        except Exception:  # noqa: BLE001 - the op takes no float inputs of that shape
            continue
    return None


def outer_scope(fn, op_def):
    """The name scope a public function opens around its op (`bessel_i0e/BesselI0e`),
    found by building it; None when the op is named after its type."""
    ins = list(op_def.input_arg)
    if not ins or any(a.number_attr or a.type_list_attr for a in ins):
        return None
    for dtype in (tf.float32, tf.int32, tf.bool):
        g = tf.Graph()
        try:
            with g.as_default():
                fn(*[tf.placeholder(dtype, [2]) for _ in ins])
        except Exception:  # noqa: BLE001 - not this dtype
            continue
        last = g.get_operations()[-1].name
        return last.rsplit("/", 1)[0] if "/" in last else None
    return None


def record(fn):
    op_type = op_type_of(fn)
    if op_type is None or op_type not in OPS:
        return None
    op_def = OPS[op_type]
    inputs = {a.name: a for a in op_def.input_arg}
    attrs = {a.name: a for a in op_def.attr}
    params = []
    for p in inspect.signature(fn).parameters.values():
        if p.name == "name":
            continue
        key = p.name.rstrip("_")
        if key in inputs:
            a = inputs[key]
            if a.number_attr or a.type_list_attr:
                params.append({"name": p.name, "kind": "list", "arg": key,
                               "type_attr": a.type_attr or None,
                               "type": TYPES.get(a.type)})
            else:
                params.append({"name": p.name, "kind": "input", "arg": key,
                               "type_attr": a.type_attr or None, "type": TYPES.get(a.type)})
        elif key in attrs:
            d = None if p.default is inspect.Parameter.empty else p.default
            if isinstance(d, tf.DType):
                d = d.name
            params.append({"name": p.name, "kind": "attr", "arg": key, "default": d,
                           "required": p.default is inspect.Parameter.empty})
        else:
            return None
    outputs = []
    for a in op_def.output_arg:
        if a.number_attr or a.type_list_attr:
            return None
        outputs.append({"type_attr": a.type_attr or None, "type": TYPES.get(a.type)})
    defaults = {a.name: TYPES.get(a.default_value.type) for a in op_def.attr
                if a.type == "type" and a.HasField("default_value")}
    return {"op": op_type, "params": params, "outputs": outputs, "type_defaults": defaults,
            "shape": shape_rule(fn, op_def, params), "scope": outer_scope(fn, op_def)}


def main():
    out = {}
    for line in open(NAMES):
        n = line.strip()
        ns = n.rsplit(".", 1)[0] if "." in n else "(tf)"
        if ns not in NAMESPACES:
            continue
        obj = tf
        for part in n.split("."):
            obj = getattr(obj, part)
        mod = getattr(obj, "__module__", "") or ""
        if not mod.startswith("tensorflow.python.ops.gen_"):
            continue
        key = f"{mod.rsplit('.', 1)[1]}.{obj.__name__}"
        rec = out.get(key) or record(obj)
        if rec is None:
            continue
        rec.setdefault("names", [])
        if n not in rec["names"]:
            rec["names"].append(n)
        out[key] = rec
    path = os.path.join(ROOT, "python", "philoxflow", "ops", "gen_wrappers.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=0, sort_keys=True)
        f.write("\n")
    print(len(out), "wrappers ->", path)


if __name__ == "__main__":
    main()
