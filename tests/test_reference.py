"""Every reference case TensorFlow 2.21 produced must come out bit-identical."""

import pytest

import philoxflow.compat.v1 as tf

from reference import differences, load, run_program

CASES = (load("tier1.jsonl") + load("tier2.jsonl") + load("extra.jsonl")
         + load("extra_seed7.jsonl") + load("extra_seed1234.jsonl"))


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case_matches_tensorflow(case):
    if "error" in case:
        # TensorFlow raised; so must we, with an exception (never a crash).
        with pytest.raises(Exception) as info:
            run_program(case["program"], tf)
        import builtins
        expected = getattr(tf.errors, case["error"], None) or getattr(builtins, case["error"])
        assert isinstance(info.value, expected), (
            f"raised {type(info.value).__name__}, TensorFlow raised {case['error']}")
        return
    assert differences(case, run_program(case["program"], tf)) == []
