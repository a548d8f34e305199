"""TensorFlow 1.15 target (`import philoxflow as tf`): values bit-identical to TF 1.15.5,
and for the model programs, every graph's op list equal to TF 1.15's (since TF 1.x
seeds from op ids, a wrong op count shows up there first), with each op's output dtypes
and static shapes."""

import numpy as np
import pytest

import philoxflow as tf
from philoxflow.framework import ops as _ops

from reference import assert_graph_equal, differences, load, run_program

CASES = (load("tf1/tier1.jsonl") + load("tf1/tier2.jsonl") + load("tf1/tier3.jsonl")
         + load("tf1/zoo.jsonl") + load("tf1/values.jsonl"))


def run_recording(program):
    """Run a program, returning its outputs and the graphs it made."""
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


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case_matches_tensorflow_1_15(case):
    if "error" in case:
        import builtins

        expected = getattr(tf.errors, case["error"], None) or getattr(builtins, case["error"])
        with pytest.raises(expected):
            run_program(case["program"], tf)
        return
    values, graphs = run_recording(case["program"])
    if "graphs" in case:
        assert "graph_outputs" in case, "re-record: scripts/make_reference.py --tf1 --graphs"
        assert len(graphs) == len(case["graphs"])
        for g, ops, outputs in zip(graphs, case["graphs"], case["graph_outputs"]):
            assert_graph_equal(g, ops, outputs)
    assert differences(case, values) == []


def test_import_line_picks_the_target():
    """The seed document's scenario 3 differs between TF 1.x and TF 2.x."""
    import philoxflow.compat.v1 as tf2

    for mod, expected in ((tf, np.float32(0.96046877)), (tf2, np.float32(0.13047123))):
        g = mod.Graph()
        with g.as_default():
            mod.set_random_seed(1234)
            a = mod.random_uniform([1])
            with mod.Session(graph=g) as sess:
                assert sess.run(a)[0] == expected, mod.__name__


SNIPPETS = load("tf1/structure.jsonl")


@pytest.mark.parametrize("case", SNIPPETS, ids=[c["name"] for c in SNIPPETS])
def test_graph_structure_matches_tensorflow_1_15(case):
    """Random compositions of the model-building API build TF 1.15's exact op list, with
    its output dtypes and static shapes."""
    g = tf.Graph()
    with g.as_default():
        exec(case["snippet"], {"tf": tf, "np": np})
    assert_graph_equal(g, case["ops"], case["op_outputs"])


def test_every_op_tf_1_15_builds_is_registered():
    """The registry declares every op type of the TF 1.15 reference graphs, once."""
    from philoxflow import _core

    registry = {name: kernel for name, _, _, kernel in _core.registered_ops()}
    assert len(registry) == len(_core.registered_ops())
    built = {t for case in CASES for g in case.get("graphs", []) for _, t in g}
    built |= {t for case in SNIPPETS for _, t in case["ops"]}
    assert built - set(registry) == set()
    assert registry["MatMul"] is False
    assert registry["RandomUniform"] and registry["Pack"]
