"""TF 1.15's core graph-building namespaces build TF's graphs, op for op.

The programs and TF's graphs (op names and types, every op's output dtypes and static
shapes, static shapes of the returned tensors, devices) are in tests/data/api_core/tf1.jsonl
(TF 1.15) and tf2.jsonl (TF 2.21's compat.v1), written by scripts/ref_api_core.py.
"""

import json
import pathlib
import sys

import numpy as np
import pytest

import philoxflow
import philoxflow.compat.v1 as tf2

from reference import first_difference, graph_outputs, random_seeds

DATA = pathlib.Path(__file__).parent / "data" / "api_core"


def _records(name):
    with open(DATA / name) as f:
        return [json.loads(line) for line in f]


def _run(tf, source):
    g = tf.Graph()
    with g.as_default():
        env = {"tf": tf, "np": np, "sys": sys}
        try:
            exec(source, env)
        except Exception as e:  # noqa: BLE001 - compared with TF's error
            return {"error": [type(e).__name__, str(e).split("\n")[0]]}
        out = [t for t in env.get("out", []) if t is not None]
    return {
        "ops": [[op.name, op.type] for op in g.get_operations()],
        "op_outputs": graph_outputs(g),
        "shapes": [[t.name, None if t.shape.rank is None else t.shape.as_list()] for t in out],
        "devices": {op.name: op.device for op in g.get_operations() if op.device},
        "seeds": random_seeds(g),
    }




@pytest.mark.parametrize("rec", _records("tf1.jsonl"), ids=lambda r: r["name"])
def test_tf1_graphs(rec):
    got = _run(philoxflow, rec["source"])
    _compare(got, rec)


def _compare(got, rec):
    assert "error" in rec or "op_outputs" in rec, "re-record: scripts/ref_api_core.py"
    for key in ("error", "ops", "op_outputs", "shapes", "devices", "seeds"):
        mine, theirs = got.get(key), rec.get(key)
        if key == "op_outputs" and mine and theirs:
            mine = list(zip(got["ops"], mine))
            theirs = list(zip(rec["ops"], theirs))
            assert mine == theirs, (key, first_difference(mine, theirs))
        assert mine == theirs, key


# TF 2.21 builds these differently in ways outside this API layer (resource variables,
# cond v2's If, zeros_like/ones_like through Shape ops, MatrixDiagPartV3, its
# clip_by_global_norm): recorded, not yet reproduced.
TF2_NOT_YET: set = set()


@pytest.mark.parametrize("rec", [pytest.param(r, marks=pytest.mark.xfail(
    reason="TF 2.21 difference not yet reproduced", strict=True))
    if r["name"] in TF2_NOT_YET else r for r in _records("tf2.jsonl")],
    ids=lambda r: r["name"])
def test_compat_v1_graphs(rec):
    _compare(_run(tf2, rec["source"]), rec)


def test_tensorflow_python_paths_are_aliases():
    """`from tensorflow.python.X import Y` resolves to philoxflow's modules (no copies)."""
    from philoxflow.ops import array_ops_ext, math_ops
    from philoxflow.python.framework import dtypes, ops
    from philoxflow.python.ops import array_ops, gen_math_ops, nn_ops
    from philoxflow.python.ops import math_ops as tf_math_ops
    from philoxflow.python.util import nest

    assert ops is philoxflow.framework.ops and dtypes is philoxflow.framework.dtypes
    assert array_ops.split is array_ops_ext.split and array_ops.reshape is philoxflow.reshape
    assert tf_math_ops.matmul is math_ops.matmul and tf_math_ops.cumsum is philoxflow.cumsum
    assert gen_math_ops.sin is philoxflow.math.sin and nn_ops.conv2d is philoxflow.nn.conv2d
    assert nest.flatten({"b": 1, "a": [2, (3, 4)]}) == [2, 3, 4, 1]
    assert nest.pack_sequence_as({"b": 0, "a": [0, 0]}, [1, 2, 3]) == {"b": 3, "a": [1, 2]}
    assert philoxflow.python.layers is philoxflow.layers
    from philoxflow.python.client import device_lib
    from philoxflow.python.util import compat

    assert [d.device_type for d in device_lib.list_local_devices()] == ["CPU"]
    assert compat.as_bytes("a") == b"a" and compat.as_text(b"a") == "a"


def test_missing_names_say_so():
    with pytest.raises(AttributeError, match=r"TensorFlow 1.15 has "
                                             r"`tf.nondifferentiable_batch_function`, and "
                                             r"philoxflow does not implement it yet"):
        philoxflow.nondifferentiable_batch_function  # noqa: B018
    with pytest.raises(AttributeError, match=r"has `tf.linalg.LinearOperatorCirculant3D`"):
        philoxflow.linalg.LinearOperatorCirculant3D  # noqa: B018
    with pytest.raises(AttributeError) as e:
        philoxflow.not_a_tf_name  # noqa: B018
    assert "TensorFlow 1.15" not in str(e.value)
    assert philoxflow.reduce_all is philoxflow.math.reduce_all
    with pytest.raises(AttributeError) as e:  # compat.v1: plain, no near-name suggestion
        tf2.reduce_alll  # noqa: B018
    import traceback

    err = e.value
    assert "Did you mean" not in "".join(
        traceback.format_exception(type(err), err, err.__traceback__))


def test_devices_build_no_ops():
    g = philoxflow.Graph()
    with g.as_default():
        with philoxflow.device("/cpu:0"):
            a = philoxflow.constant(1.0)
        with philoxflow.device(philoxflow.DeviceSpec(job="ps", task=0)):
            b = philoxflow.constant(2.0)
    assert len(g.get_operations()) == 2
    assert a.device == "/device:CPU:0" and b.op.device == "/job:ps/task:0"


def test_api_coverage_doc_is_current():
    """docs/api_coverage.md is what scripts/api_coverage_doc.py makes of the code."""
    import subprocess
    import sys

    root = pathlib.Path(__file__).resolve().parent.parent
    doc = root / "docs" / "api_coverage.md"
    script = root / "scripts" / "api_coverage_doc.py"
    if not script.exists():
        pytest.skip("outside the source tree (installed wheel)")
    # A fresh process: other tests' imports (compat.v2, keras) add names to namespaces.
    code = ("import importlib.util, sys; "
            f"spec = importlib.util.spec_from_file_location('d', {str(script)!r}); "
            "m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m); "
            "sys.stdout.write(m.render())")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert doc.read_text() == out, "run scripts/api_coverage_doc.py"


def test_summary_protos_and_file_writer_build_nothing():
    """Hand-built summaries (`tf.Summary(value=[...])`) and a FileWriter run unchanged."""
    g = philoxflow.Graph()
    with g.as_default():
        s = philoxflow.Summary(value=[philoxflow.Summary.Value(tag="loss", simple_value=1.5)])
        s.value.add(tag="acc", simple_value=0.5)
        writer = philoxflow.summary.FileWriter("/tmp/philoxflow_unused", g)
        writer.add_summary(s, 3)
        writer.add_session_log(philoxflow.SessionLog(status=philoxflow.SessionLog.START), 0)
        writer.flush()
        writer.close()
    assert [v.tag for v in s.value] == ["loss", "acc"] and s.value[1].simple_value == 0.5
    assert g.get_operations() == []
    assert philoxflow.summary.FileWriterCache.get("/tmp/x") is \
        philoxflow.summary.FileWriterCache.get("/tmp/x")
