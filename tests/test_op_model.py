"""The op model: TF 1.15's op definitions as data, the generic builder (`tf.raw_ops`),
TF's shape functions, and shapes computed through ops without kernels at run time.

`data/op_model/graphs.jsonl` holds TF 1.15's op lists with output shapes (or errors)
for the programs of `scripts/ref_op_model.py`; `data/op_model/shapes.jsonl` is the
shared corpus of static shapes, dtypes and activation-shaped random tensors.
"""

from __future__ import annotations

import json
import pathlib

import numpy as np
import pytest

import philoxflow as tf
from philoxflow.framework import op_def_library

from reference import differences, op_outputs, run_program

DATA = pathlib.Path(__file__).parent / "data" / "op_model"


def _load(name):
    with open(DATA / name) as f:
        return [json.loads(line) for line in f if line.strip()]


GRAPHS = _load("graphs.jsonl")
RUNTIME = _load("runtime.jsonl")
SHAPES = _load("shapes.jsonl")


def _build(src):
    scope = {}
    exec(compile(src, "<case>", "exec"), scope)
    try:
        g = scope["main"](tf, np)
    except Exception as e:  # noqa: BLE001 - compared with what TF raised
        return {"error": [type(e).__name__, str(e).split("\n")[0]]}
    return {"ops": [[op.name, op.type, op_outputs(op)] for op in g.get_operations()]}


@pytest.mark.parametrize("case", GRAPHS, ids=[c["name"] for c in GRAPHS])
def test_graphs_with_shapes_equal_tf115(case):
    got = _build(case["program"])
    if "error" in case:
        assert got.get("error") == case["error"]
        return
    assert "error" not in got, got["error"]
    want = case["ops"]
    for w, g in zip(want, got["ops"]):
        assert g == w
    assert len(got["ops"]) == len(want)


def test_every_tf115_op_type_is_defined():
    names = op_def_library.op_types()
    assert len(names) == 1227
    d = op_def_library.op_def("ConcatV2")
    assert [a["name"] for a in d["inputs"]] == ["values", "axis"]
    assert {a["name"]: a.get("default") for a in d["attrs"]}["Tidx"] == "int32"
    assert op_def_library.op_def("RandomUniform")["stateful"]
    assert "BatchMatMulV2" in dir(tf.raw_ops)


def test_raw_ops_build_every_op_type_by_name():
    # Each op type is reachable by name (its definition drives the wrapper).
    for name in op_def_library.op_types():
        assert callable(getattr(tf.raw_ops, name))
    with pytest.raises(AttributeError):
        tf.raw_ops.NoSuchOp  # noqa: B018


def test_get_attr_types():
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [None, 4])
        y = tf.raw_ops.MatMul(a=x, b=tf.ones([4, 2]), transpose_b=False)
        assert y.op.get_attr("T") == tf.float32
        assert y.op.get_attr("transpose_a") is False
        c = tf.raw_ops.Conv2D(input=tf.placeholder(tf.float32, [1, 8, 8, 2]),
                              filter=tf.ones([3, 3, 2, 4]), strides=[1, 1, 1, 1],
                              padding="SAME")
        assert c.op.get_attr("padding") == b"SAME"
        assert c.op.get_attr("strides") == [1, 1, 1, 1]
        assert c.op.get_attr("data_format") == b"NHWC"
        p = tf.raw_ops.PlaceholderWithDefault(input=tf.ones([2]), shape=[None])
        assert p.op.get_attr("shape") == tf.TensorShape([None])
        s = tf.raw_ops.Shape(input=x, out_type=tf.int64)
        assert s.op.get_attr("out_type") == tf.int64 and s.dtype == tf.int64


def test_raw_ops_outputs_structure():
    with tf.Graph().as_default():
        u = tf.raw_ops.Unique(x=tf.constant([1, 2, 2]))
        assert u._fields == ("y", "idx")
        parts = tf.raw_ops.Split(axis=0, value=tf.ones([4]), num_split=2)
        assert isinstance(parts, list) and len(parts) == 2
        assert isinstance(tf.raw_ops.NoOp(), tf.Operation)


def _known_gaps():
    path = pathlib.Path(__file__).parent / "data" / "op_model" / "known_gaps.txt"
    lines = [ln for ln in path.read_text().splitlines() if ln and not ln.startswith("#")]
    return dict(ln.split("\t", 1) for ln in lines)


KNOWN_GAPS = _known_gaps()


@pytest.mark.parametrize("case", SHAPES, ids=[c["name"] for c in SHAPES])
def test_shapes_corpus(case):
    """Every case passes bit for bit, except the listed gaps (which must still fail:
    a gap that passes is taken off the list)."""
    try:
        values = run_program(case["program"], tf)
        problems = differences(case, values)
    except Exception as e:  # noqa: BLE001 - a gap may fail in any way
        problems = [f"{type(e).__name__}: {str(e)[:120]}"]
    if case["name"] in KNOWN_GAPS:
        assert problems, f"{case['name']} passes now: remove it from known_gaps.txt"
        pytest.xfail(KNOWN_GAPS[case["name"]])
    assert not problems, problems[:3]


@pytest.mark.parametrize("case", RUNTIME, ids=[c["name"] for c in RUNTIME])
def test_values_shaped_through_ops_without_kernels(case):
    # Random tensors shaped by activations of a fed batch: bit-exact, with TF's
    # per-run sample reservations (several runs, changing batch sizes).
    assert differences(case, run_program(case["program"], tf)) == []


def test_values_of_ops_without_kernels_still_raise():
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [None, 3])
        h = tf.layers.dense(x, 4)
        d = tf.nn.dropout(h, rate=0.5)
        feed = {x: np.ones([2, 3], np.float32)}
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            assert sess.run(tf.shape(d), feed).tolist() == [2, 4]
            for t in (h, d, h + 1.0):
                with pytest.raises(tf.errors.UnimplementedError, match="'dense/MatMul'"):
                    sess.run(t, feed)


def test_shape_errors_at_run_time_are_invalid_argument():
    with tf.Graph().as_default():
        a = tf.placeholder(tf.float32, [None, 3])
        b = tf.placeholder(tf.float32, [None, 3])
        s = tf.shape(tf.raw_ops.MatMul(a=a, b=b, transpose_b=True) + a[:, :1])
        with tf.Session() as sess:
            ones = np.ones([2, 3], np.float32)
            assert sess.run(s, {a: ones, b: ones}).tolist() == [2, 2]
            with pytest.raises(tf.errors.InvalidArgumentError):
                sess.run(tf.shape(tf.raw_ops.MatMul(a=a, b=b)), {a: ones, b: ones})


def test_integer_values_computed_for_kernelless_ops_keep_their_rank():
    """A scalar reduction of integers (computed exactly in NumPy) is a scalar."""
    import philoxflow as tf

    g = tf.Graph()
    with g.as_default():
        s = tf.reduce_sum(tf.range(5))
        m = tf.reduce_max(tf.reshape(tf.range(6), [2, 3]), axis=1)
        with tf.Session() as sess:
            a, b = sess.run([s, m])
    assert a.shape == () and a == 10
    assert b.shape == (2,) and list(b) == [2, 5]


def test_activation_shaped_noise_behind_a_cond_runs_through_value_less_shapes():
    """Batch norm with a `training` placeholder builds a cond (run in Python); the
    dropout mask and noise shaped by its output still compute, and the activation's
    value still raises, naming an op without a kernel."""
    import numpy as np

    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(7)
        x = tf.placeholder(tf.float32, [None, 3])
        training = tf.placeholder_with_default(True, [])
        bn = tf.layers.batch_normalization(tf.layers.dense(x, 5), training=training)
        noise = tf.random_normal(tf.shape(bn))
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            a = sess.run(noise, {x: np.ones([4, 3], np.float32)})
            b = sess.run(noise, {x: np.ones([2, 3], np.float32), training: False})
            with pytest.raises(tf.errors.UnimplementedError, match="has no kernel"):
                sess.run(bn, {x: np.ones([4, 3], np.float32)})
    assert a.shape == (4, 5) and b.shape == (2, 5)
    assert not np.array_equal(a[:2], b)  # the second run draws the next samples


def test_reference_dtypes_as_tf115():
    """A variable's ref outputs have TF's `float32_ref` (checked against TF 1.15): not equal
    to `float32`, whose properties it has, and which accepts it (not the reverse)."""
    import pickle

    with tf.Graph().as_default():
        v = tf.Variable(tf.ones([3, 4]))
        i = tf.Variable(3)
        ref = tf.as_dtype("float32_ref")
        assert v.dtype is ref and v.op.outputs[0].dtype is ref and i.dtype.name == "int32_ref"
        assert v.dtype != tf.float32 and v.dtype.base_dtype == tf.float32
        assert tf.float32.is_compatible_with(v.dtype) and not v.dtype.is_compatible_with(
            tf.float32)
        assert (v.dtype.is_floating, i.dtype.is_integer, v.dtype.size) == (True, True, 4)
        assert repr(v.dtype) == "tf.float32_ref" and pickle.loads(pickle.dumps(ref)) is ref
        assert tf.assign(v, tf.zeros([3, 4])).dtype is ref
        for t in (v.value(), v.read_value(), tf.identity(v), tf.cast(i, v.dtype),
                  tf.zeros([2], dtype=v.dtype)):
            assert t.dtype == tf.float32
    import philoxflow.compat.v1 as tf2

    with tf2.Graph().as_default():  # TF 2.21's compat.v1 variables are resource variables
        assert tf2.Variable(1.0).dtype == tf2.get_variable("w", [2]).dtype == tf2.float32
