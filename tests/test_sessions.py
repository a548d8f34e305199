"""Per-session streams, nondeterminism without seeds, and concurrent runs."""

import threading

import numpy as np
import pytest

import philoxflow.compat.v1 as tf


def _runs(sess, t, n):
    return [sess.run(t) for _ in range(n)]


def test_new_session_restarts_and_runs_advance():
    g = tf.Graph()
    with g.as_default():
        a = tf.random_uniform([5], seed=11)
        with tf.Session() as s1:
            r1 = _runs(s1, a, 3)
        with tf.Session() as s2:
            r2 = _runs(s2, a, 3)
    for x, y in zip(r1, r2):
        np.testing.assert_array_equal(x, y)
    assert not np.array_equal(r1[0], r1[1])


def test_each_run_reserves_256_samples_per_output():
    g = tf.Graph()
    with g.as_default():
        small = tf.random_uniform([1], seed=3)
        with tf.Session() as sess:
            first = sess.run(small)
            second = sess.run(small)  # starts 256 blocks (1024 floats) into the stream
    with g.as_default():
        long = tf.random_uniform([4 * 256 + 4], seed=3)
        with tf.Session() as sess:
            whole = sess.run(long)
    assert whole[4 * 256] == second[0]
    assert whole[0] == first[0]


def test_sessions_without_seeds_differ():
    g = tf.Graph()
    with g.as_default():
        a = tf.random_uniform([4])
        b = tf.random_normal([4])
        with tf.Session() as s1:
            x1, y1 = s1.run(a), s1.run(b)
            x2 = s1.run(a)
        with tf.Session() as s2:
            x3, y3 = s2.run(a), s2.run(b)
    assert not np.array_equal(x1, x2)
    assert not np.array_equal(x1, x3)
    assert not np.array_equal(y1, y3)


def test_concurrent_runs_give_the_sequential_set():
    g = tf.Graph()
    with g.as_default():
        a = tf.random_normal([300], seed=5)
    per_thread, threads = 25, 8
    with tf.Session(graph=g) as seq:
        expected = {seq.run(a).tobytes() for _ in range(per_thread * threads)}
    got, errors = [], []
    lock = threading.Lock()
    with tf.Session(graph=g) as sess:
        def work():
            try:
                vals = [sess.run(a).tobytes() for _ in range(per_thread)]
                with lock:
                    got.extend(vals)
            except Exception as e:  # pragma: no cover - reported below
                errors.append(e)
        ts = [threading.Thread(target=work) for _ in range(threads)]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
    assert errors == []
    assert len(got) == per_thread * threads and set(got) == expected


@pytest.mark.parametrize("threads", [1, 2, 3])
def test_output_is_independent_of_thread_count(threads):
    g = tf.Graph()
    with g.as_default():
        ops = [tf.random_uniform([300001], seed=1), tf.random_normal([200003], seed=1),
               tf.truncated_normal([100005], seed=1),
               tf.random_uniform([70001], maxval=1000, dtype=tf.int64, seed=1)]
    with tf.Session(graph=g, config=tf.ConfigProto(intra_op_parallelism_threads=1)) as s:
        ref = s.run(ops)
    cfg = tf.ConfigProto(intra_op_parallelism_threads=threads)
    with tf.Session(graph=g, config=cfg) as s:
        got = s.run(ops)
    for r, x in zip(ref, got):
        np.testing.assert_array_equal(r, x)


def test_close_and_context_manager():
    g = tf.Graph()
    with g.as_default():
        a = tf.random_uniform([2], seed=1)
    sess = tf.Session(graph=g)
    with sess:
        assert tf.get_default_session() is sess
        assert tf.get_default_graph() is g
    with pytest.raises(RuntimeError, match="closed Session"):
        sess.run(a)
