"""TF 2.21's compat.v1 graphs of control flow v2 and gradients, op for op and value for
value: `tf.cond` as If/StatelessIf over branch function graphs (reading variables,
random ops inside), `tf.while_loop`/`map_fn`/`foldl`/`scan` as While/StatelessWhile
with TensorList-backed TensorArrays (run by the While kernel), and TF 2.21's gradient
functions (static reduction axes, `ones` grad_ys, gradients inside a loop body of
outer tensors in `hessians`).

TF's records are in tests/data/control_flow_v2/tf2.jsonl, written by
scripts/ref_control_flow_v2.py; the programs are the records' `source`.
"""

import json
import pathlib

import numpy as np
import pytest

import philoxflow
import philoxflow.compat.v1 as tf2

DATA = pathlib.Path(__file__).parent / "data" / "control_flow_v2"


def _records():
    with open(DATA / "tf2.jsonl") as f:
        return [json.loads(line) for line in f]


def _run(tf, source):
    g = tf.Graph()
    with g.as_default():
        env = {"tf": tf, "np": np}
        exec(source, env)
        ops = [[op.name, op.type] for op in g.get_operations()]
        with tf.Session(graph=g) as sess:
            if "init" in env:
                sess.run(env["init"])
            vals = sess.run(env["fetch"], feed_dict=env.get("feed"))
    return ops, [[str(np.asarray(v).dtype), list(np.shape(v)), np.asarray(v).ravel().tolist()]
                 for v in vals]


@pytest.mark.parametrize("rec", _records(), ids=lambda r: r["name"])
def test_tf2_graphs_and_values(rec):
    ops, values = _run(tf2, rec["source"])
    assert ops == rec["ops"]
    assert values == rec["values"]


def test_tf1_keeps_control_flow_v1():
    """TF 1.15's graphs keep Switch/Merge conds and Enter/Exit loops."""
    g = philoxflow.Graph()
    with g.as_default():
        x = philoxflow.placeholder(philoxflow.float32, [3])
        philoxflow.cond(x[0] > 0, lambda: x, lambda: -x)
        philoxflow.while_loop(lambda i: i < 3, lambda i: i + 1, [0])
        ta = philoxflow.TensorArray(philoxflow.float32, size=2)
    types = {op.type for op in g.get_operations()}
    assert {"Switch", "Merge", "Enter", "Exit", "TensorArrayV3"} <= types
    assert not types & {"If", "StatelessIf", "While", "StatelessWhile", "TensorListReserve"}
    assert type(ta).__name__ == "TensorArray" and type(x).__name__ == "Tensor"


def test_tf2_graph_tensors_are_symbolic():
    g = tf2.Graph()
    with g.as_default():
        x = tf2.placeholder(tf2.float32, [3])
        y = tf2.cond(x[0] > 0, lambda: x, lambda: -x)
    assert type(y).__name__ == "SymbolicTensor"
    with tf2.Session(graph=g) as sess:
        assert sess.run(y, {x: [-1.0, 2.0, 3.0]}).tolist() == [1.0, -2.0, -3.0]
