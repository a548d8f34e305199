"""TF 1.15's core graph-building namespaces build TF's graphs, op for op.

The programs and TF's graphs (op names and types, static shapes of the returned
tensors, devices) are in tests/data/api_core/tf1.jsonl (TF 1.15) and tf2.jsonl
(TF 2.21's compat.v1), written by scripts/ref_api_core.py.
"""

import json
import pathlib

import pytest

import philoxflow
import philoxflow.compat.v1 as tf2

DATA = pathlib.Path(__file__).parent / "data" / "api_core"


def _records(name):
    with open(DATA / name) as f:
        return [json.loads(line) for line in f]


def _run(tf, source):
    g = tf.Graph()
    with g.as_default():
        env = {"tf": tf}
        try:
            exec(source, env)
        except Exception as e:  # noqa: BLE001 - compared with TF's error
            return {"error": [type(e).__name__, str(e).split("\n")[0]]}
        out = [t for t in env.get("out", []) if t is not None]
    return {
        "ops": [[op.name, op.type] for op in g.get_operations()],
        "shapes": [[t.name, None if t.shape.rank is None else t.shape.as_list()] for t in out],
        "devices": {op.name: op.device for op in g.get_operations() if op.device},
    }


@pytest.mark.parametrize("rec", _records("tf1.jsonl"), ids=lambda r: r["name"])
def test_tf1_graphs(rec):
    got = _run(philoxflow, rec["source"])
    for key in ("error", "ops", "shapes", "devices"):
        assert got.get(key) == rec.get(key), key


# TF 2.21 builds these differently in ways outside this API layer (resource variables,
# cond v2's If, zeros_like/ones_like through Shape ops, MatrixDiagPartV3, its
# clip_by_global_norm): recorded, not yet reproduced.
TF2_NOT_YET = {"math_composite", "clip", "asserts", "nn_impl", "model_style"}


@pytest.mark.parametrize("rec", [pytest.param(r, marks=pytest.mark.xfail(
    reason="TF 2.21 difference not yet reproduced", strict=True))
    if r["name"] in TF2_NOT_YET else r for r in _records("tf2.jsonl")],
    ids=lambda r: r["name"])
def test_compat_v1_graphs(rec):
    got = _run(tf2, rec["source"])
    for key in ("error", "ops", "shapes", "devices"):
        assert got.get(key) == rec.get(key), key
