"""Per-session streams, nondeterminism without seeds, and concurrent runs."""

import collections
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


def test_runs_planned_before_the_graph_grew_stay_right():
    g = tf.Graph()
    with g.as_default():
        a = tf.random_uniform([3], seed=1)
    sess = tf.Session(graph=g)
    got = [sess.run(a), sess.run([a])[0]]
    with g.as_default():
        b = a * 2.0
        c = tf.random_normal([2], seed=2)
    got += [sess.run(a), sess.run(b), *sess.run([c, a]), sess.run(c.name)]
    with tf.Session(graph=g) as ref:  # every run planned on the grown graph
        want = [ref.run(a), ref.run(a), ref.run(a), ref.run(b), ref.run(c), ref.run(a),
                ref.run(c)]
    assert len(got) == len(want)
    for x, y in zip(got, want):
        np.testing.assert_array_equal(x, y)
    assert not np.array_equal(got[0], got[1])


def test_feeding_a_tensor_first_run_unfed():
    g = tf.Graph()
    with g.as_default():
        a = tf.random_uniform([3], seed=1)
        b = a * 2.0
    sess = tf.Session(graph=g)
    first = sess.run(b)
    np.testing.assert_array_equal(sess.run(b, {a: [1.0, 2.0, 3.0]}), [2.0, 4.0, 6.0])
    np.testing.assert_array_equal(sess.run(a, {a: [5.0, 6.0, 7.0]}), [5.0, 6.0, 7.0])
    np.testing.assert_array_equal(sess.run([a, b], {a.name: [1.0, 1.0, 1.0]})[1], [2.0] * 3)
    second = sess.run(b)  # the fed runs did not advance `a`
    with tf.Session(graph=g) as ref:
        np.testing.assert_array_equal(first, ref.run(b))
        np.testing.assert_array_equal(second, ref.run(b))


def test_a_refined_shape_checks_later_feeds():
    g = tf.Graph()
    with g.as_default():
        p = tf.placeholder(tf.float32, [None])
        q = p + 1.0
    sess = tf.Session(graph=g)
    np.testing.assert_array_equal(sess.run(q, {p: [1.0, 2.0]}), [2.0, 3.0])
    p.set_shape([3])
    with pytest.raises(ValueError, match="Cannot feed value of shape"):
        sess.run(q, {p: [1.0, 2.0]})
    np.testing.assert_array_equal(sess.run(q, {p: [1.0, 2.0, 3.0]}), [2.0, 3.0, 4.0])
    with pytest.raises(tf.errors.InvalidArgumentError, match="must feed a value"):
        sess.run(q)


def test_fetch_structures_are_read_afresh_each_run():
    Pair = collections.namedtuple("Pair", "x y")
    g = tf.Graph()
    with g.as_default():
        a = tf.random_uniform([2], seed=1)
        b = tf.constant(7.0)
        init = tf.group(a.op)
    sess = tf.Session(graph=g)
    fetches = [a]
    assert len(sess.run(fetches)) == 1
    fetches.append(b)  # the same list, changed: its new contents are fetched
    out = sess.run(fetches)
    assert isinstance(out, list) and len(out) == 2 and out[1] == 7.0
    d = {"b": b}
    assert sess.run(d) == {"b": 7.0}
    d["n"] = Pair(b, [init, (b,)])
    out = sess.run(d)
    assert list(out) == ["b", "n"] and isinstance(out["n"], Pair)
    assert out["n"].x == 7.0 and out["n"].y[0] is None and out["n"].y[1] == (7.0,)
    assert sess.run(init) is None
    assert sess.run((b, init)) == (7.0, None)
    assert sess.run([]) == []
    with pytest.raises(TypeError, match="Fetch argument None"):
        sess.run([b, None])
    sess.close()
    for fetch in (a, [a], init, {"a": a}):
        with pytest.raises(RuntimeError, match="Attempted to use a closed Session"):
            sess.run(fetch)


def test_runs_stay_right_with_threads_and_a_growing_graph():
    g = tf.Graph()
    with g.as_default():
        a = tf.random_uniform([4], seed=1)
        c = tf.random_normal([3], seed=2)
    per_thread, threads = 30, 4
    got_a, got_c, errors = [], [], []
    lock = threading.Lock()
    sess = tf.Session(graph=g)

    def work(i):
        try:
            for k in range(per_thread):
                if (i + k) % 2:
                    va = sess.run(a)
                    with lock:
                        got_a.append(va.tobytes())
                else:
                    va, vc = sess.run([a, c])
                    with lock:
                        got_a.append(va.tobytes())
                        got_c.append(vc.tobytes())
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)
    ts = [threading.Thread(target=work, args=(i,)) for i in range(threads)]
    for t in ts:
        t.start()
    with g.as_default():  # ops added while the threads run
        for i in range(20):
            tf.random_uniform([2], seed=10 + i)
    for t in ts:
        t.join()
    assert errors == []
    with tf.Session(graph=g) as seq:
        want_a = {seq.run(a).tobytes() for _ in range(len(got_a))}
        want_c = {seq.run(c).tobytes() for _ in range(len(got_c))}
    assert set(got_a) == want_a and len(got_a) == len(want_a) == per_thread * threads
    assert set(got_c) == want_c and len(got_c) == len(want_c)


def test_names_resolve_once_they_exist():
    g = tf.Graph()
    with g.as_default():
        tf.constant(1.0, name="early")
    sess = tf.Session(graph=g)
    with pytest.raises(ValueError, match="cannot be interpreted as a Tensor"):
        sess.run("later:0")
    with pytest.raises(KeyError):
        sess.run("early:0", {"later:0": 1.0})
    with g.as_default():
        later = tf.placeholder(tf.float32, [], name="later")
        both = later + 1.0
    assert sess.run("later:0", {"later:0": 2.5}) == 2.5
    assert sess.run([both, "early:0", "early"], {later: 1.0}) == [2.0, 1.0, None]
