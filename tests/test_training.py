"""Training graphs (issue 17): `tf.gradients`, `tf.train` optimizers and schedules
build TF 1.15's ops (names, types, order), so random tensors built after them draw
TF 1.15's numbers; the recorded programs live in `scripts/training_programs.py`."""

import pytest

import philoxflow as tf
from philoxflow.framework import ops as _ops

from reference import differences, load, run_program

CASES = load("training/programs.jsonl")


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


def first_difference(mine, theirs):
    i = next((i for i, (a, b) in enumerate(zip(mine, theirs)) if a != b),
             min(len(mine), len(theirs)))
    return i, mine[i:i + 3], theirs[i:i + 3]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_program_matches_tensorflow_1_15(case):
    values, graphs = run_recording(case["program"])
    got = [[[op.name, op.type] for op in g.get_operations()] for g in graphs]
    assert len(got) == len(case["graphs"])
    for mine, theirs in zip(got, case["graphs"]):
        i, a, b = first_difference(mine, theirs)
        assert mine == theirs, f"op lists differ from op {i}: philoxflow {a}, TF 1.15 {b}"
    assert differences(case, values) == []
