"""Record TF 1.15's graphs for the input-pipeline and training-loop programs
(tests/test_io.py checks philoxflow against them).

    /work/venvs/tf1/bin/python scripts/ref_io.py   # -> tests/data/io/tf1.jsonl

Programs use queues, readers, `tf.train` input producers and batching, Example parsing,
string ops, learning-rate schedules, hooks and monitored sessions the way TF 1.x model
code does. A record holds the program's source, the graph's [(op.name, op.type)], the
static shapes of the returned tensors (`out`), the seeds of random ops, the attributes of
the ops that are not constants (dtypes by name, shapes as lists, bytes as text), and any
plain values the program puts in `vals`; or the error class and message when TF raises.
"""
import json
import os
import sys

os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
OUT = os.path.join(os.path.dirname(HERE), "tests", "data", "io")

from io_programs import PROGRAMS  # noqa: E402

# Attributes TF sets that are not part of the op's definition, and bulky constants.
_SKIP_ATTRS = {"_class", "value", "_output_shapes", "f", "dataset_factory"}  # functions
# Ops of other areas whose attributes philoxflow does not keep as TF yet (StridedSlice's
# `Index`, SparseReorder's `T`): their op lists are compared, their attributes are not.
_SKIP_TYPES = {"Const", "StridedSlice", "SparseReorder"}


def norm(v):
    """An attribute value as JSON: dtypes by name, shapes as lists (None for unknown)."""
    if type(v).__name__ == "DType":
        return v.name
    if hasattr(v, "as_list") or type(v).__name__ == "TensorShape":
        return None if v.ndims is None else [d if d is None else int(d) for d in v.as_list()]
    if type(v).__name__ == "TensorProto":
        import tensorflow as tf

        return tf.make_ndarray(v).tolist()
    if type(v).__name__ == "TensorShapeProto":
        return None if v.unknown_rank else [None if d.size == -1 else d.size for d in v.dim]
    if isinstance(v, bytes):
        return v.decode("latin-1")
    if isinstance(v, (list, tuple)):
        return [norm(x) for x in v]
    if isinstance(v, float):
        return round(v, 7)
    if type(v).__name__ == "NameAttrList":
        return v.name
    return v


def attrs(g):
    out = {}
    for op in g.get_operations():
        if op.type in _SKIP_TYPES:
            continue
        keys = sorted(k for k in op.node_def.attr.keys() if k not in _SKIP_ATTRS)
        got = {}
        for k in keys:
            try:
                got[k] = norm(op.get_attr(k))
            except (ValueError, TypeError):
                continue
        if got:
            out[op.name] = got
    return out


def run(tf, source):
    g = tf.Graph()
    with g.as_default():
        import numpy as np

        env = {"tf": tf, "np": np, "sys": sys}
        try:
            exec(source, env)  # noqa: S102 - our own programs
        except Exception as e:  # noqa: BLE001 - the error is the record
            return {"error": [type(e).__name__, str(e).split("\n")[0]]}
        out = [t for t in env.get("out", []) if t is not None]
    return {
        "ops": [[op.name, op.type] for op in g.get_operations()],
        "shapes": [[t.name, None if t.shape.ndims is None else t.shape.as_list()] for t in out],
        "attrs": attrs(g),
        "devices": {op.name: op.device for op in g.get_operations() if op.device},
        "vals": json.loads(json.dumps(env.get("vals", []), default=norm)),
    }


def main():
    import tensorflow as tf

    tf.logging.set_verbosity(tf.logging.ERROR)
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "tf1.jsonl"), "w") as f:
        for name, source in PROGRAMS.items():
            rec = {"name": name, "source": source.strip("\n")}
            rec.update(run(tf, source))
            f.write(json.dumps(rec, sort_keys=True) + "\n")
            print(name, "error" in rec and rec["error"] or len(rec["ops"]))


if __name__ == "__main__":
    main()
