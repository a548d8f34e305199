"""More of `tf.contrib` (TF 1.15 target): the rest of `contrib.framework`,
`contrib.layers`/`slim` and `contrib.rnn`, used as model code uses them, build TF 1.15's
graph op for op with its values (recorded by scripts/ref_contrib_more.py)."""

import pytest
from contrib_reference import diff, load, run

import philoxflow as tf

CASES = load("tf1_more")


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_contrib_program_matches_tensorflow_1_15(case):
    got = run(case, tf)
    assert got == case["output"], diff(case["output"], got)
