"""TF 1.15's `tf.keras` in graph mode builds TF's graphs and initial values.

tests/data/keras1/tf1.jsonl (scripts/ref_keras1.py, TF 1.15.5) holds, per program of
TF 1.x-era Keras model code: the graph's ops (name, type, output dtypes and static
shapes), the random ops' seeds, the returned tensors' names and shapes, names the
program lists (weights, layers), and the initial weights and dropout outputs after
`global_variables_initializer()`, bit for bit.
"""

import json
import pathlib

import numpy as np
import pytest

import philoxflow

from reference import differences, first_difference, graph_outputs, random_seeds

DATA = pathlib.Path(__file__).parent / "data" / "keras1"
RECORDS = [json.loads(line) for line in open(DATA / "tf1.jsonl")]




def _run(tf, source):
    g = tf.Graph()
    with g.as_default():
        env = {"tf": tf, "np": np}
        try:
            exec(source, env)  # noqa: S102 - the recorded program
        except Exception as e:  # noqa: BLE001 - compared with TF's error
            return {"error": [type(e).__name__, str(e).split("\n")[0]]}, None
        out = [t for t in env.get("out", []) if t is not None]
        got = {
            "ops": [[op.name, op.type] for op in g.get_operations()],
            "op_outputs": graph_outputs(g),
            "shapes": [[t.name, None if t.shape.rank is None else t.shape.as_list()]
                       for t in out],
            "seeds": random_seeds(g),
            "names": [str(n) for n in env.get("names", [])],
        }
        values = None
        if env.get("fetch"):
            with tf.Session() as sess:
                sess.run(tf.global_variables_initializer())
                feed = {g.get_tensor_by_name(k): v for k, v in env.get("feed", {}).items()}
                values = sess.run(env["fetch"], feed)
    return got, values


@pytest.mark.parametrize("rec", RECORDS, ids=lambda r: r["name"])
def test_keras_graph(rec):
    got, values = _run(philoxflow, rec["source"])
    assert got.get("error") == rec.get("error")
    if "error" in rec:
        return
    mine = list(zip(got["ops"], got["op_outputs"]))
    theirs = list(zip(rec["ops"], rec["op_outputs"]))
    assert mine == theirs, first_difference(mine, theirs)
    for key in ("shapes", "seeds", "names"):
        assert got[key] == rec[key], (key, got[key], rec[key])
    if "values" in rec:
        assert not differences({"outputs": rec["values"]}, values)


def test_keras_is_the_targets():
    """`tf.keras` is TF 1.15's Keras for `philoxflow`, Keras 3 for TF 2.21's namespaces."""
    import philoxflow.compat.v1 as v1
    import philoxflow.compat.v2 as v2

    assert philoxflow.keras.__version__ == "2.2.4-tf"
    assert v2.keras is v1.keras
    assert v2.keras.layers.Dense is not philoxflow.keras.layers.Dense
    with pytest.raises(AttributeError, match="TensorFlow 1.15 has `tf.keras.layers.ConvLSTM2D`"):
        _ = philoxflow.keras.layers.ConvLSTM2D
    # (a namespace TF 1.15 has and philoxflow lacks says so too)
    with pytest.raises(AttributeError, match="TensorFlow 1.15 has `tf.keras.callbacks`"):
        _ = philoxflow.keras.callbacks
