"""Property-based fuzzing: random programs of the public API never crash, hang or panic.

Each hypothesis example is a batch of small programs (valid and invalid
arguments: negative, huge, overflowing and deep shapes, every dtype, seeds of
every size and sign, NaN/inf parameters, wrong types), run in one child process
under a 4 GiB address-space cap and a timeout. A program may raise any
`Exception` (TF's error classes, ValueError, TypeError); a signal, a timeout or
a `BaseException` that is not an `Exception` (PyO3's `PanicException`) fails.
On a crash the batch is rerun one program at a time to name the culprit.
"""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

CHILD = r"""
import json, resource, sys
cap = 4 << 30
resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
import numpy as np
import philoxflow as tf
for i, src in enumerate(json.loads(sys.stdin.read())):
    print("start", i, flush=True)
    try:
        g = tf.Graph()
        with g.as_default():
            exec(src, {"tf": tf, "np": np})
        print("ok", i, flush=True)
    except Exception as e:
        print("exc", i, type(e).__name__, flush=True)
    except BaseException as e:
        print("bad", i, type(e).__module__, type(e).__name__, str(e)[:200], flush=True)
        sys.exit(3)
"""

ROOT = pathlib.Path(__file__).resolve().parent.parent
TIMEOUT = 60

DIMS = [0, 1, 2, 3, 7, -1, -5, 1000, 2**31, 2**40, 2**62, 2**63 - 1]
dims = st.sampled_from(DIMS)
shapes = st.one_of(st.lists(dims, max_size=4),
                   st.sampled_from([[1] * 33, [1] * 40 + [2], [1] * 65, [1] * 255]),
                   st.sampled_from(["tf.constant(3)", "[[2, 3]]", "[2.5]", "'x'", "None"]))
floats = st.sampled_from(["0.0", "-0.0", "1.0", "-1.0", "0.5", "2.5", "1e30", "-1e30",
                          "float('nan')", "float('inf')", "-float('inf')", "1e-40", "3"])
ints = st.sampled_from(["0", "1", "-1", "5", "2**31 - 1", "-2**31", "2**31", "2**40",
                        "2**63 - 1", "-2**63", "2**64"])
seeds = st.sampled_from(["None", "0", "1", "-1", "2**31 - 1", "2**31", "2**63", "-2**70",
                         "7.5", "'s'"])
pair = st.sampled_from(["[1, 2]", "[0, 0]", "[-1, 2**31 - 1]", "[2**40, -7]", "[1, 2, 3]",
                        "[1]", "[1.5, 2]"])
fdt = st.sampled_from(["tf.float16", "tf.bfloat16", "tf.float32", "tf.float64"])
anydt = st.sampled_from(["tf.float16", "tf.bfloat16", "tf.float32", "tf.float64", "tf.int32",
                         "tf.int64", "tf.bool", "tf.string", "tf.uint8"])


def _s(x):
    return x if isinstance(x, str) else repr(x)


@st.composite
def program(draw):
    sh, f, g, i, s, d = (draw(shapes), draw(floats), draw(floats), draw(ints), draw(seeds),
                         draw(fdt))
    sh = _s(sh)
    small = _s(draw(st.lists(st.sampled_from([0, 1, 2, 3, 5]), min_size=1, max_size=3)))
    x = f"tf.random_uniform({small}, seed=1, dtype={d})"
    ops = [
        f"y = tf.random_uniform({sh}, seed={s}, dtype={draw(anydt)})",
        f"y = tf.random_uniform({sh}, minval={i}, maxval={draw(ints)}, dtype=tf.int64)",
        f"y = tf.random_normal({sh}, mean={f}, stddev={g}, dtype={d}, seed={s})",
        f"y = tf.truncated_normal({sh}, stddev={g}, dtype={d}, seed={s})",
        f"y = tf.random.stateless_uniform({sh}, seed={draw(pair)}, dtype={draw(anydt)})",
        f"y = tf.random.stateless_normal({sh}, seed={draw(pair)}, stddev={g}, dtype={d})",
        f"y = tf.zeros({sh}, dtype={draw(anydt)})",
        f"y = tf.ones({sh})",
        f"y = tf.fill({sh}, {f})",
        f"y = tf.broadcast_to({f}, {sh})",
        f"y = tf.linspace({f}, {g}, {i})",
        f"y = tf.range({i}, {draw(ints)}, {draw(ints)})",
        f"y = tf.range({f}, {g}, {draw(floats)})",
        f"y = tf.random_gamma({sh}, {f}, beta={g}, dtype={d}, seed={s})",
        f"y = tf.random_poisson({f}, {sh}, dtype={draw(anydt)}, seed={s})",
        f"y = tf.multinomial([[{f}, {g}]], {i}, seed={s})",
        f"y = tf.random.categorical(tf.zeros({small}), {i})",
        f"y = tf.random_shuffle(tf.zeros({sh}), seed={s})",
        f"y = tf.random_crop({x}, {small}, seed={s})",
        f"y = tf.cast(tf.constant([{f}, {g}]), {draw(anydt)})",
        f"y = tf.constant([{i}], tf.int64) // tf.constant([{draw(ints)}], tf.int64)",
        f"y = tf.constant([{i}], tf.int32) % tf.constant([{draw(ints)}], tf.int32)",
        f"y = tf.maximum({x}, {f}) * {g} - {x} / {f}",
        f"y = tf.random.stateless_gamma({sh}, seed={draw(pair)}, alpha={f}, dtype={d})",
        f"y = tf.random.stateless_poisson({sh}, seed={draw(pair)}, lam={f})",
        f"y = tf.linspace_nd([{f}, {g}], {f}, {i}, axis={draw(st.sampled_from([0, 1, -1, 2]))})",
        f"y = tf.identity_initializer(gain={f})({small})",
        f"y = tf.stateless_random_crop({x}, {small}, seed={draw(pair)})",
        f"y = tf.set_random_seed({s}) or tf.random_uniform([2])",
    ]
    line = draw(st.sampled_from(ops))
    threads = draw(st.sampled_from(["", "intra_op_parallelism_threads=2",
                                    "intra_op_parallelism_threads=-1"]))
    return (f"{line}\nwith tf.Session(config=tf.ConfigProto({threads})) as sess:\n"
            f"    sess.run(y)\n    sess.run(y)\n")


def run_batch(programs):
    """Run programs in one child; returns (problem or None, outcome lines)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "python"))
    try:
        out = subprocess.run([sys.executable, "-c", CHILD], input=json.dumps(programs),
                             capture_output=True, text=True, timeout=TIMEOUT, env=env)
    except subprocess.TimeoutExpired as e:
        lines = (e.stdout or b"").decode() if isinstance(e.stdout, bytes) else (e.stdout or "")
        return "hang", lines.splitlines()
    lines = out.stdout.splitlines()
    if out.returncode < 0:
        return f"signal {-out.returncode}", lines
    if out.returncode != 0:
        return f"exit {out.returncode}: {out.stderr[-500:]}", lines
    return None, lines


def culprit(programs, lines):
    started = [int(x.split()[1]) for x in lines if x.startswith("start")]
    if started:
        return programs[started[-1]]
    for p in programs:  # nothing started: isolate one by one
        if run_batch([p])[0]:
            return p
    return None


@settings(max_examples=int(os.environ.get("PHILOXFLOW_FUZZ_EXAMPLES", "80")), deadline=None,
          suppress_health_check=list(HealthCheck))
@given(st.lists(program(), min_size=20, max_size=20))
def test_random_programs_never_crash_hang_or_panic(programs):
    problem, lines = run_batch(programs)
    bad = [x for x in lines if x.startswith("bad")]
    if problem or bad:
        src = culprit(programs, lines)
        pytest.fail(f"{problem or bad[0]} in program:\n{src}")


def test_a_crash_is_caught_and_named():
    problem, lines = run_batch(["print('x')", "import os\nos.kill(os.getpid(), 11)"])
    assert problem == "signal 11"
    assert culprit(["print('x')", "import os\nos.kill(os.getpid(), 11)"], lines).startswith(
        "import os")
