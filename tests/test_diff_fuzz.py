"""Differential-fuzz regression cases: random programs of the shared corpora's kinds
(seed resolution, every random op with edge parameters, initializers, tf.layers dropout
with fed batches, TF 2 eager seeds, Generators, tf.function, tf.data), recorded under
TensorFlow by scripts/diff_fuzz.py and stored by scripts/diff_fuzz_record.py: the programs
that once differed from TensorFlow plus a sample that always agreed. Each must give
TensorFlow's outputs bit for bit, or raise TensorFlow's error class."""

import builtins
import gzip
import importlib
import json

import pytest

from reference import DATA, differences, run_program

MODULES = {"tf1": "philoxflow", "tf2": "philoxflow.compat.v1", "eager": "philoxflow.compat.v2"}


def _load(corpus):
    with gzip.open(DATA / "difffuzz" / f"{corpus}.jsonl.gz", "rt") as f:
        return [(corpus, json.loads(line)) for line in f if line.strip()]


CASES = [c for corpus in MODULES for c in _load(corpus)]


@pytest.mark.parametrize("corpus,case", CASES, ids=[f"{k}:{c['name']}" for k, c in CASES])
def test_fuzz_case_matches_tensorflow(corpus, case):
    tf = importlib.import_module(MODULES[corpus])
    if "error" in case:
        with pytest.raises(Exception) as info:
            run_program(case["program"], tf)
        expected = getattr(tf.errors, case["error"], None) or getattr(builtins, case["error"])
        assert isinstance(info.value, expected), (
            f"raised {type(info.value).__name__}: {info.value}; TensorFlow raised "
            f"{case['error']}: {case['message'][:200]}")
        return
    assert differences(case, run_program(case["program"], tf)) == []


def test_every_corpus_has_fixed_and_sampled_cases():
    for corpus in MODULES:
        names = [c["name"] for k, c in CASES if k == corpus]
        assert any("/same_" in n for n in names), corpus
    assert any("/fixed_" in c["name"] for _, c in CASES)
