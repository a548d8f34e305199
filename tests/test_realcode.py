"""Programs that use TF 1.x APIs as public model code does (tests/realcode_programs.py):
graph op for op, static shapes and fetched values equal TF 1.15's recorded ones."""

import json
import os
import sys

import numpy as np
import pytest

import philoxflow as tf

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from realcode_programs import PROGRAMS, run_program  # noqa: E402

with open(os.path.join(HERE, "data", "realcode", "programs.jsonl")) as _f:
    REF = {r["name"]: r for r in map(json.loads, _f)}


@pytest.mark.parametrize("name", sorted(REF))
def test_program_matches_tf115(name):
    ref = REF[name]
    got = run_program(tf, PROGRAMS[name])
    assert [o[:2] for o in got["ops"]] == [o[:2] for o in ref["ops"]]
    assert got["ops"] == ref["ops"]  # static shapes too
    for k, v in ref["values"].items():
        g = got["values"][k]
        assert (g["dtype"], g["shape"]) == (v["dtype"], v["shape"]), k
        assert g["hex"] == v["hex"], (k, np.frombuffer(bytes.fromhex(g["hex"]), g["dtype"]))


def test_flags_take_tf1_keyword_names():
    """2017-era model code defines flags with TF 1.x's old keyword names."""
    tf.app.flags.DEFINE_string("realcode_s", default_value="cora", docstring="dataset")
    tf.flags.DEFINE_integer(flag_name="realcode_n", default_value=3, docstring="n")
    tf.app.flags.DEFINE_float("realcode_f", 0.5, "f")
    flags = tf.app.flags.FLAGS
    if not flags.is_parsed():
        flags(["realcode"])  # not pytest's own argv
    assert (flags.realcode_s, flags.realcode_n, flags.realcode_f) == ("cora", 3, 0.5)


def test_internal_module_paths_model_code_imports():
    """facenet imports `training`, `gfile` and `data_flow_ops`, SeqGAN `tensor_array_ops`,
    through TF's internal paths (the realcode harness maps `tensorflow.X` to
    `philoxflow.X`)."""
    from philoxflow.python.ops import data_flow_ops, tensor_array_ops
    from philoxflow.python.platform import gfile
    from philoxflow.python.training import training

    assert training.AdamOptimizer is tf.train.AdamOptimizer
    assert training.NewCheckpointReader is tf.train.NewCheckpointReader
    assert gfile.FastGFile is tf.gfile.FastGFile
    assert data_flow_ops.FIFOQueue is tf.FIFOQueue
    assert tensor_array_ops.TensorArray is tf.TensorArray
