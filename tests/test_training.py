"""Training graphs (issue 17): `tf.gradients`, `tf.train` optimizers and schedules
build TF 1.15's ops (names, types, order), so random tensors built after them draw
TF 1.15's numbers; the recorded programs live in `scripts/training_programs.py`."""

import numpy as np
import pytest

import philoxflow as tf
from philoxflow.framework import ops as _ops

from reference import DATA, assert_graph_equal, differences, load, run_program

ALL_CASES = load("training/programs.jsonl")
# While loops and RNNs are checked by test_rnn.py.
CASES = [c for c in ALL_CASES if not c["name"].startswith(("rnn/", "loop/"))]


def run_recording(program):
    made = []
    init = _ops.Graph.__init__

    def record(self, *a, **k):
        init(self, *a, **k)
        made.append(self)
    _ops.Graph.__init__ = record
    try:
        return run_program(program, tf), made
    finally:
        _ops.Graph.__init__ = init


def check_case(case):
    """The program's graphs equal TF 1.15's op for op (output dtypes and static shapes
    too); its values are TF 1.15's."""
    values, graphs = run_recording(case["program"])
    assert "graph_outputs" in case, "re-record: scripts/ref_training.py"
    assert len(graphs) == len(case["graphs"])
    for g, ops, outputs in zip(graphs, case["graphs"], case["graph_outputs"]):
        assert_graph_equal(g, ops, outputs)
    assert differences(case, values) == []


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_program_matches_tensorflow_1_15(case):
    check_case(case)


# ----------------------------------------------------------------- checkpoints

CKPT = DATA / "training" / "ckpt"


def _checkpoint_model():
    program = (CKPT.parent / "checkpoint_model.py.txt").read_text()
    g = tf.Graph()
    with g.as_default():
        scope = {"tf": tf, "np": np}
        exec(program, scope)
    return g, scope["saver"]


def test_saver_writes_tensorflow_1_15_checkpoint_bytes(tmp_path):
    g, saver = _checkpoint_model()
    with g.as_default(), tf.Session(graph=g) as sess:
        sess.run(tf.global_variables_initializer())
        path = saver.save(sess, str(tmp_path / "model.ckpt"), global_step=7)
    assert path == str(tmp_path / "model.ckpt-7")
    for suffix in (".index", ".data-00000-of-00001"):
        assert (tmp_path / ("model.ckpt-7" + suffix)).read_bytes() == \
            (CKPT / ("model.ckpt-7" + suffix)).read_bytes()
    assert tf.train.latest_checkpoint(str(tmp_path)) == path


def test_saver_restores_tensorflow_checkpoint():
    g, saver = _checkpoint_model()
    reader = tf.train.NewCheckpointReader(str(CKPT / "model.ckpt-7"))
    assert tf.train.latest_checkpoint(str(CKPT)) == str(CKPT / "model.ckpt-7")
    with g.as_default(), tf.Session(graph=g) as sess:
        # No initializer run: restore alone sets every variable, and builds no op.
        n = len(g.get_operations())
        saver.restore(sess, str(CKPT / "model.ckpt-7"))
        assert len(g.get_operations()) == n
        for v in tf.global_variables():
            got = sess.run(v)
            want = reader.get_tensor(v.op.name)
            assert got.dtype == want.dtype and np.array_equal(got, want), v.op.name
        assert sess.run(tf.train.get_global_step()) == reader.get_tensor("global_step")


def test_saver_round_trip_and_max_to_keep(tmp_path):
    g = tf.Graph()
    with g.as_default():
        v = tf.Variable(tf.random_normal([3, 4], seed=1), name="v")
        w = tf.Variable(np.int64(5), name="scope/w")
        saver = tf.train.Saver(max_to_keep=2)
        with tf.Session(graph=g) as sess:
            sess.run(tf.global_variables_initializer())
            want = sess.run([v, w])
            paths = [saver.save(sess, str(tmp_path / "m"), global_step=i) for i in range(3)]
        assert not (tmp_path / "m-0.index").exists()
        assert saver.last_checkpoints == paths[1:]
        with tf.Session(graph=g) as sess:
            saver.restore(sess, paths[-1])
            got = sess.run([v, w])
    assert np.array_equal(got[0], want[0]) and got[1] == want[1]
    with pytest.raises(ValueError):
        saver.restore(None, str(tmp_path / "missing"))


def test_checkpoint_io_crc_and_table():
    from philoxflow.training import checkpoint_io as io

    assert io.crc32c(b"123456789") == 0xE3069283  # the CRC-32C check value
    items = [(f"k{i:05d}".encode(), bytes([i % 7]) * (i % 50)) for i in range(3000)]
    assert io.read_table(io.write_table(items)) == items
