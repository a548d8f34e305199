"""Record TF 1.15's graphs and values for tests/realcode_programs.py.

    /path/to/tf1/python scripts/ref_realcode.py   # writes tests/data/realcode/programs.jsonl
"""
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests"))


def run_program(tf, fn):
    """Build one program in a fresh graph; its ops, static shapes and fetched values."""
    g = tf.Graph()
    with g.as_default():
        fetches, feeds, init = fn(tf)
        ops = [[op.name, op.type, [str(t.shape) for t in op.outputs]]
               for op in g.get_operations()]
        values = {}
        with tf.Session(graph=g) as s:
            if init:
                s.run(tf.global_variables_initializer())
            for k in sorted(fetches):
                t = fetches[k]
                if isinstance(t, tf.Operation):
                    continue
                v = s.run(t, feeds)
                values[k] = {"dtype": str(v.dtype), "shape": list(v.shape),
                             "hex": v.tobytes().hex()}
    return {"ops": ops, "values": values}


def main():
    import tensorflow as tf
    from realcode_programs import PROGRAMS
    out = os.path.join(ROOT, "tests", "data", "realcode", "programs.jsonl")
    with open(out, "w") as f:
        for name, fn in PROGRAMS.items():
            f.write(json.dumps(dict(name=name, **run_program(tf, fn))) + "\n")


if __name__ == "__main__":
    main()
