"""The reference corpus under every Philox backend this CPU has, and under 1
and several threads; an unavailable backend is an error, not a fallback."""

import json
import os
import pathlib
import subprocess
import sys

import pytest

import philoxflow.compat.v1 as tf

HERE = pathlib.Path(__file__).parent
RUNNER = """
import json, sys
sys.path.insert(0, {here!r})
from reference import differences, load, run_program
import philoxflow.compat.v1 as tf
bad = []
for name in ("tier1.jsonl", "tier2.jsonl", "extra.jsonl", "extra_seed7.jsonl",
             "extra_seed1234.jsonl"):
    for case in load(name):
        if "error" in case:
            continue
        try:
            problems = differences(case, run_program(case["program"], tf))
        except Exception as e:
            problems = [repr(e)]
        if problems:
            bad.append((case["name"], problems))
print(json.dumps({{"backend": tf.backend(), "bad": bad}}))
"""


def run_corpus(env_extra):
    env = dict(os.environ, **env_extra)
    out = subprocess.run([sys.executable, "-c", RUNNER.format(here=str(HERE))], env=env,
                         capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("backend", tf.available_backends())
def test_corpus_under_each_backend(backend):
    result = run_corpus({"PHILOXFLOW_BACKEND": backend})
    assert result["backend"] == backend
    assert result["bad"] == []


@pytest.mark.parametrize("threads", ["1", "4"])
def test_corpus_under_thread_counts(threads):
    assert run_corpus({"PHILOXFLOW_NUM_THREADS": threads})["bad"] == []


def test_unavailable_backend_is_an_error():
    missing = [b for b in ("portable", "avx2", "avx512", "neon")
               if b not in tf.available_backends()]
    for name in missing + ["bogus"]:
        env = dict(os.environ, PHILOXFLOW_BACKEND=name)
        out = subprocess.run([sys.executable, "-c", "import philoxflow"], env=env,
                             capture_output=True, text=True, timeout=60)
        assert out.returncode != 0
        assert "PHILOXFLOW_BACKEND" in out.stderr
