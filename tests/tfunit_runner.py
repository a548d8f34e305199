"""Runs one tfunit program and describes its graph and values, the same way under
TensorFlow (scripts/ref_tfunit.py records) and under philoxflow (tests/test_tfunit.py
compares). Python 3.7 compatible: TF 1.15's venv runs it.

A program sets `out` (tensors: static shapes recorded), `run` (ops run first, in order)
and `fetch` (a list of fetches, or strings evaluated and run for their effect).
"""
import numpy as np


def _value(v):
    a = np.asarray(v)
    if a.dtype == object:
        return {"dtype": "bytes", "value": [x.decode("latin-1") for x in a.ravel().tolist()],
                "shape": list(a.shape)}
    return {"dtype": a.dtype.name, "value": a.tolist(), "shape": list(a.shape)}


def run(tf, source):
    """The graph's [(name, type, device, colocation groups)], the static shapes of `out`,
    `devices` and each fetch's values (dtype and nested lists)."""
    g = tf.Graph()
    with g.as_default():
        env = {"tf": tf}
        exec(source, env)  # noqa: S102 - our own recorded programs
        rec = {"ops": [[op.name, op.type, op.device,
                        [c.decode() for c in op.colocation_groups()]]
                       for op in g.get_operations()],
               "shapes": [[t.name, t.shape.as_list() if t.shape.ndims is not None else None]
                          for t in env["out"]],
               "devices": env.get("devices", []), "values": []}
        with tf.Session() as sess:
            for op in env["run"]:
                sess.run(op)
            for f in env["fetch"]:
                if isinstance(f, str):
                    sess.run(eval(f, env))  # noqa: S307 - our own recorded programs
                    continue
                rec["values"].append([_value(v) for v in sess.run(f)])
    return rec
