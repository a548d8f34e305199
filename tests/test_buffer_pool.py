"""The output buffer cache: a large fetched array's buffer, once NumPy frees
it, is reused by the next output of the same byte size. Reuse must never show:
values are those of fresh memory, and a live array's buffer is never reused."""

import json
import os
import subprocess
import sys
import threading

import numpy as np
import pytest

import philoxflow.compat.v1 as tf
from philoxflow import _core

N = 1 << 20  # 4 MB of float32: above the cache's 1 MiB threshold


def addr(a):
    return a.__array_interface__["data"][0]


def info():
    count, nbytes, max_count, max_bytes, enabled = _core._buffer_cache_info()
    return dict(count=count, bytes=nbytes, max_count=max_count, max_bytes=max_bytes,
                enabled=enabled)


@pytest.fixture(autouse=True)
def empty_cache():
    if not info()["enabled"]:
        pytest.skip("PHILOXFLOW_BUFFER_CACHE=0")
    _core.clear_buffer_cache()
    yield
    _core.clear_buffer_cache()


def session(build):
    g = tf.Graph()
    with g.as_default():
        out = build()
    return tf.Session(graph=g), out


def test_a_freed_array_is_reused_by_the_next_run():
    s, u = session(lambda: tf.random_uniform([N], seed=1))
    a = s.run(u)
    p = addr(a)
    del a
    assert info()["count"] == 1 and info()["bytes"] == 4 * N
    b = s.run(u)
    assert addr(b) == p
    assert info()["count"] == 0
    # The reused buffer holds the second run's values, not the first's.
    s2, u2 = session(lambda: tf.random_uniform([N], seed=1))
    s2.run(u2)
    assert np.array_equal(b, s2.run(u2))


def test_reuse_crosses_dtypes_of_one_layout():
    s, (f, i) = session(lambda: (tf.random_uniform([N], seed=1),
                                 tf.random_uniform([N], maxval=7, dtype=tf.int32, seed=2)))
    a = s.run(f)
    p = addr(a)
    del a
    b = s.run(i)
    assert addr(b) == p and b.dtype == np.int32
    assert b.min() >= 0 and b.max() < 7


def test_a_live_array_is_never_reused():
    s, u = session(lambda: tf.random_normal([N], seed=3))
    a = s.run(u)
    kept = a.copy()
    b = s.run(u)
    assert addr(b) != addr(a)
    assert np.array_equal(a, kept)
    assert not np.array_equal(a, b)
    # A view keeps its base's buffer out of the cache too.
    v, pa = a[10:], addr(a)
    del a
    assert info()["count"] == 0
    c = s.run(u)
    assert addr(c) != pa
    assert np.array_equal(v, kept[10:])
    del v
    assert info()["count"] == 1


def test_arrays_behave_as_before():
    s, u = session(lambda: tf.random_uniform([4, N // 4], dtype=tf.float64, seed=4))
    a = s.run(u)
    assert a.dtype == np.float64 and a.shape == (4, N // 4)
    assert a.flags.writeable and a.flags.c_contiguous and a.flags.aligned
    a[0, 0] = 5.0
    a *= 2
    assert a[0, 0] == 10.0
    p = addr(a)
    del a
    b = s.run(u)
    assert addr(b) == p and b.flags.writeable and b.shape == (4, N // 4)
    assert 0.0 <= b[0, 0] < 1.0


def test_more_than_32_dimensions():
    shape = [1] * 40 + [N // 2]
    s, u = session(lambda: tf.random_uniform(shape, seed=5))
    a = s.run(u)
    p, first = addr(a), a.copy()
    assert a.shape == tuple(shape) and a.flags.writeable and a.flags.c_contiguous
    del a
    b = s.run(u)
    assert addr(b) == p and b.shape == tuple(shape)
    assert not np.array_equal(b, first)


def test_small_and_bool_outputs_are_not_cached():
    s, (small, flags) = session(lambda: (
        tf.random_uniform([1000], seed=6),
        tf.less(tf.random_uniform([2 * N], seed=7), 0.5)))
    a, b = s.run([small, flags])
    assert b.dtype == np.bool_ and b.nbytes >= 2 * N
    del a, b
    assert info()["count"] == 0


def test_the_cache_is_bounded_and_clearable():
    sizes = [N + 1024 * k for k in range(12)]
    s, outs = session(lambda: [tf.random_uniform([n], seed=k) for k, n in enumerate(sizes)])
    arrays = s.run(outs)
    while arrays:  # freed in order: the cache keeps the last eight
        arrays.pop(0)
    i = info()
    assert i["count"] == i["max_count"] == 8
    assert i["bytes"] == 4 * sum(sizes[4:])
    assert _core.clear_buffer_cache() == i["bytes"]
    assert info()["count"] == 0 and info()["bytes"] == 0


PROGRAM = """
import hashlib, json, sys
import philoxflow.compat.v1 as tf
N = 1 << 20
g = tf.Graph()
with g.as_default():
    tf.set_random_seed(11)
    ops = [
        tf.random_uniform([N]), tf.random_uniform([N], maxval=9, dtype=tf.int32),
        tf.random_normal([N]), tf.truncated_normal([N]),
        tf.random_uniform([N // 2], dtype=tf.float64), tf.random_normal([N // 2], dtype=tf.float64),
        tf.truncated_normal([N // 2], dtype=tf.float64),
        tf.random_uniform([N // 2], minval=-5, maxval=1 << 40, dtype=tf.int64),
        tf.random_uniform([2 * N], dtype=tf.float16),
        tf.random_normal([2 * N], dtype=tf.bfloat16),
        tf.truncated_normal([2 * N], dtype=tf.float16),
        tf.random_uniform([2 * N], dtype=tf.bfloat16),
        tf.random.stateless_uniform([N], seed=[1, 2]),
        tf.random.stateless_normal([N // 2], seed=[3, 4], dtype=tf.float64),
    ]
s = tf.Session(graph=g)
digests = []
for _ in range(3):
    for op in ops:  # each output freed before the next: reuse across ops and dtypes
        digests.append(hashlib.sha256(s.run(op).tobytes()).hexdigest())
print(json.dumps(digests))
"""


def run_program(env_extra):
    env = dict(os.environ, **env_extra)
    out = subprocess.run([sys.executable, "-c", PROGRAM], env=env, capture_output=True,
                         text=True, timeout=600)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_values_equal_those_of_fresh_memory():
    with_cache = run_program({"PHILOXFLOW_BUFFER_CACHE": "1"})
    without = run_program({"PHILOXFLOW_BUFFER_CACHE": "0"})
    assert len(with_cache) == 42
    assert with_cache == without


def test_disabled_cache_keeps_nothing():
    code = ("import philoxflow.compat.v1 as tf; from philoxflow import _core\n"
            "g = tf.Graph()\n"
            "with g.as_default(): u = tf.random_uniform([1 << 20], seed=1)\n"
            "s = tf.Session(graph=g); a = s.run(u); assert a.flags.writeable; del a\n"
            "print(_core._buffer_cache_info())")
    env = dict(os.environ, PHILOXFLOW_BUFFER_CACHE="0")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "(0, 0, 8, %d, False)" % info()["max_bytes"]


def test_concurrent_fetches_stay_correct():
    seeds = [[k, 7 * k + 1] for k in range(4)]

    def build():
        return ([tf.random.stateless_uniform([N], seed=sd) for sd in seeds]
                + [tf.random.stateless_uniform([N], seed=sd, maxval=100, dtype=tf.int32)
                   for sd in seeds])

    s, outs = session(build)
    expected = [s.run(o).copy() for o in outs]
    errors = []

    def worker(t):
        try:
            for r in range(12):
                k = (t + r) % len(outs)
                a = s.run(outs[k])
                if not np.array_equal(a, expected[k]):
                    errors.append((t, r, k))
                a[:] = 0  # scribble before freeing: the next user must overwrite it
        except Exception as e:  # pragma: no cover - reported below
            errors.append(repr(e))

    threads = [threading.Thread(target=worker, args=(t,)) for t in range(8)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert errors == []


def test_dask_chunks_take_cached_buffers_and_keep_their_values():
    pytest.importorskip("dask")
    from philoxflow.dask import to_dask

    g = tf.Graph()
    with g.as_default():
        t = tf.random_normal([4, N], seed=5)  # 4 MB chunks: cached when freed
        with tf.Session() as s:
            want = s.run(t)
    x = to_dask(t, chunks=(1, N))
    for _ in range(3):  # later computes write over the earlier chunks' buffers
        got = x.compute(scheduler="synchronous")
        np.testing.assert_array_equal(got.view(np.uint32), want.view(np.uint32))
    assert info()["count"] > 0
