"""Input pipelines and training loops build TF 1.15's graphs, op for op: queues, readers,
Example parsing, string ops, `tf.train` input producers and batching, schedules, hooks
and monitored sessions.

The programs and TF 1.15's graphs (op names and types, static shapes of the returned
tensors, the attributes of every non-constant op, plain values) are in
tests/data/io/tf1.jsonl, written by scripts/ref_io.py.
"""

import json
import pathlib
import sys

import numpy as np
import pytest

import philoxflow

DATA = pathlib.Path(__file__).parent / "data" / "io"


def _records(name):
    with open(DATA / name) as f:
        return [json.loads(line) for line in f]


def _norm(v):
    """An attribute value as the recorder writes TF's (dtypes by name, shapes as lists)."""
    if isinstance(v, philoxflow.DType):
        return v.name
    if isinstance(v, philoxflow.TensorShape):
        return None if v.rank is None else v.as_list()
    if isinstance(v, bytes):
        return v.decode("latin-1")
    if isinstance(v, (list, tuple)):
        return [_norm(x) for x in v]
    if isinstance(v, float):
        return round(v, 7)
    return v


def _run(source, want_attrs):
    tf = philoxflow
    g = tf.Graph()
    with g.as_default():
        env = {"tf": tf, "np": np, "sys": sys}
        try:
            exec(source, env)
        except Exception as e:  # noqa: BLE001 - compared with TF's error
            return {"error": [type(e).__name__, str(e).split("\n")[0]]}
        out = [t for t in env.get("out", []) if t is not None]
    attrs = {}
    for name, keys in want_attrs.items():
        try:
            op = g.get_operation_by_name(name)
        except KeyError:
            continue
        attrs[name] = {}
        for k in keys:
            try:
                attrs[name][k] = _norm(op.get_attr(k))
            except (ValueError, KeyError) as e:
                attrs[name][k] = f"<missing: {e}>"
    return {
        "ops": [[op.name, op.type] for op in g.get_operations()],
        "shapes": [[t.name, None if t.shape.rank is None else t.shape.as_list()] for t in out],
        "attrs": attrs,
        "devices": {op.name: op.device for op in g.get_operations() if op.device},
        "vals": json.loads(json.dumps(env.get("vals", []), default=_norm)),
    }


def _strings_run():
    """Whether this build's sessions hold string values (the Rust core's string tensors)."""
    g = philoxflow.Graph()
    with g.as_default():
        c = philoxflow.reshape(philoxflow.constant(["a", "b"]), [2, 1])
        try:
            with philoxflow.Session() as sess:
                sess.run(c)
        except philoxflow.errors.UnimplementedError:
            return False
    return True


def _param(rec):
    if rec["name"].startswith("needs_strings_"):
        return pytest.param(rec, marks=pytest.mark.skipif(
            not _strings_run(), reason="string tensors do not run in this build"))
    return rec


@pytest.mark.parametrize("rec", [_param(r) for r in _records("tf1.jsonl")],
                         ids=lambda r: r["name"])
def test_tf1_graphs(rec):
    got = _run(rec["source"], rec.get("attrs", {}))
    for key in ("error", "ops", "shapes", "attrs", "devices", "vals"):
        assert got.get(key) == rec.get(key), key
