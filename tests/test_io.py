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
    if isinstance(v, np.ndarray):
        return v.tolist()
    if isinstance(v, dict) and "tensor" in v:  # a tensor-valued attribute (TF: TensorProto)
        return np.asarray(v["tensor"]).tolist()
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


def _kernel_outputs(op, inputs):
    """Run `op`'s Python kernel on `inputs` (values), outside a session run."""
    from philoxflow.framework import py_kernels

    sess = philoxflow.Session(graph=op.graph)
    try:
        return py_kernels.call_kernel(py_kernels.Context(sess), op, inputs)
    finally:
        sess.close()


def _const(t):
    """A constant input's value (string constants from their attribute)."""
    if t.op.type == "Const":
        return np.asarray(t.op.get_attr("value"), dtype=object if t.dtype == philoxflow.string
                          else t.dtype.as_numpy_dtype)
    with philoxflow.Session(graph=t.graph) as sess:
        return sess.run(t)


def _as_lists(d):
    return {k: (v.tolist() if hasattr(v, "tolist") else [v.indices.tolist(), v.values.tolist(),
            v.dense_shape.tolist()]) for k, v in sorted(d.items()) if k != "image"}


def test_parsing_kernels_give_tf_values():
    """The ParseSingleExample / ParseExample / DecodeRaw kernels on TF's serialized Examples
    give what TF 1.15 gave (the kernels run in sessions once string tensors run)."""
    tf = philoxflow
    rec = next(r for r in _records("tf1.jsonl") if r["name"] == "needs_strings_parse_run")
    data = [bytes.fromhex(h) for h in rec["vals"][0]]
    ex = tf.train.Example.FromString(data[0])
    assert ex.features.feature["label"].int64_list.value[:] == [3]
    g = tf.Graph()
    with g.as_default():
        features = {"label": tf.FixedLenFeature([], tf.int64),
                    "image": tf.FixedLenFeature([], tf.string),
                    "w": tf.FixedLenFeature([2, 2], tf.float32),
                    "missing": tf.FixedLenFeature([1], tf.float32, default_value=[-1.0]),
                    "ids": tf.VarLenFeature(tf.int64),
                    "seq": tf.FixedLenSequenceFeature([2], tf.float32, allow_missing=True)}
        s = tf.placeholder(tf.string, [])
        b = tf.placeholder(tf.string, [None])
        one = tf.parse_single_example(s, features)
        batch = tf.parse_example(b, features)
        raw = tf.decode_raw(tf.placeholder(tf.string, []), tf.uint8)
        raw16 = tf.decode_raw(tf.placeholder(tf.string, [1]), tf.int16, little_endian=False)

    def run(parsed, serialized):
        first = next(iter(parsed.values()))
        first = first.values if isinstance(first, tf.SparseTensor) else first
        op = first.op
        ins = [np.asarray(serialized, dtype=object)] + [
            _const(t) for t in op.inputs[1:]]
        outs = _kernel_outputs(op, ins)
        by_name = {}
        for k, v in parsed.items():
            if isinstance(v, tf.SparseTensor):
                by_name[k] = tf.SparseTensorValue(*[outs[t.value_index] for t in (
                    v.indices, v.values, v.dense_shape)])
            else:
                by_name[k] = outs[v.value_index]
        return by_name

    got_one = run(one, data[0])
    got_batch = run(batch, data)
    assert _as_lists(got_one) == rec["vals"][1]
    assert _as_lists(got_batch) == rec["vals"][2]
    image = got_one["image"].item()
    assert _kernel_outputs(raw.op, [np.asarray(image, dtype=object)])[0].tolist() == \
        rec["vals"][3]
    assert _kernel_outputs(raw16.op, [np.array([b"\x01\x02\x03\x04"], dtype=object)])[
        0].tolist() == rec["vals"][4]
    with pytest.raises(tf.errors.InvalidArgumentError, match="required but could not be found"):
        run(one, tf.train.Example().SerializeToString())


def test_missing_names_of_these_namespaces_say_so():
    for ns, name in ((philoxflow.train, "Checkpoint"), (philoxflow.data, "Options"),
                     (philoxflow.contrib.training, "weighted_resample")):
        with pytest.raises(AttributeError, match="TensorFlow 1.15 has `tf.*, and philoxflow "
                                                 "does not implement it yet"):
            getattr(ns, name)
    with pytest.raises(AttributeError) as e:
        philoxflow.train.not_a_tf_name  # noqa: B018
    assert "TensorFlow 1.15" not in str(e.value)
