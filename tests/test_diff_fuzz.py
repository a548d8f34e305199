"""Differential-fuzz regression cases: random programs of the shared corpora's kinds
(seed resolution, every random op with edge parameters, initializers, tf.layers dropout
with fed batches, TF 2 eager seeds, Generators, tf.function, tf.data), recorded under
TensorFlow by scripts/diff_fuzz.py and stored by scripts/diff_fuzz_record.py: the programs
that once differed from TensorFlow plus a sample that always agreed. Each must give
TensorFlow's outputs bit for bit, or raise TensorFlow's error class."""

import gzip
import importlib
import json

import pytest

from reference import DATA, assert_matches_tensorflow

MODULES = {"tf1": "philoxflow", "tf2": "philoxflow.compat.v1", "eager": "philoxflow.compat.v2"}


def _load(corpus):
    with gzip.open(DATA / "difffuzz" / f"{corpus}.jsonl.gz", "rt") as f:
        return [(corpus, json.loads(line)) for line in f if line.strip()]


CASES = [c for corpus in MODULES for c in _load(corpus)]


@pytest.mark.parametrize("corpus,case", CASES, ids=[f"{k}:{c['name']}" for k, c in CASES])
def test_fuzz_case_matches_tensorflow(corpus, case):
    assert_matches_tensorflow(case, importlib.import_module(MODULES[corpus]))


def test_every_corpus_has_fixed_and_sampled_cases():
    for corpus in MODULES:
        names = [c["name"] for k, c in CASES if k == corpus]
        assert any("/same_" in n for n in names), corpus
    assert any("/fixed_" in c["name"] for _, c in CASES)
