"""The tf-style API: graphs, names, dtypes, seeds, tensors, fetches."""

import collections

import numpy as np
import pytest

import philoxflow.compat.v1 as tf


def test_default_graph_stack_nests_and_resets():
    g0 = tf.get_default_graph()
    g1, g2 = tf.Graph(), tf.Graph()
    with g1.as_default():
        assert tf.get_default_graph() is g1
        with g2.as_default():
            assert tf.get_default_graph() is g2
        assert tf.get_default_graph() is g1
    assert tf.get_default_graph() is g0
    tf.reset_default_graph()
    assert tf.get_default_graph() is not g0
    with g1.as_default(), pytest.raises(AssertionError):
        tf.reset_default_graph()


def test_unique_names_and_reprs():
    g = tf.Graph()
    with g.as_default():
        a = tf.random_uniform([1, 2], seed=1)
        b = tf.random_uniform([3], seed=1)
        c = tf.random_normal([2])
        d = tf.random_uniform([2], minval=-1.0, maxval=1.0)
    assert a.name == "random_uniform/RandomUniform:0"
    assert b.name == "random_uniform_1/RandomUniform:0"
    assert c.name == "random_normal:0"
    assert d.name == "random_uniform_2:0"
    assert repr(a) == "<tf.Tensor 'random_uniform/RandomUniform:0' shape=(1, 2) dtype=float32>"
    assert a.graph is g and a.dtype == tf.float32 and a.shape.as_list() == [1, 2]
    assert g.get_tensor_by_name("random_normal:0") is c
    assert a.op.type == "RandomUniform"


def test_dtypes_have_tf_names_and_reprs():
    assert repr(tf.float32) == "tf.float32" and str(tf.int64) == "<dtype: 'int64'>"
    assert tf.as_dtype(np.float16) == tf.float16 and tf.as_dtype("double") == tf.float64
    assert tf.float32 == "float32" and tf.float32 != tf.float64
    assert tf.int32.max == 2**31 - 1 and tf.float32.is_floating and tf.int64.is_integer
    with pytest.raises(TypeError):
        tf.as_dtype("nonsense")


def test_graph_seed_property_keeps_the_value_set():
    g = tf.Graph()
    assert g.seed is None
    with g.as_default():
        tf.set_random_seed(2**70 + 5)
    assert g.seed == 2**70 + 5
    with g.as_default():
        assert tf.get_seed(None) == ((2**70 + 5) % (2**31 - 1), 0)
        assert tf.get_seed(None) == ((2**70 + 5) % (2**31 - 1), 1)
        assert tf.get_seed(np.int64(-2)) == ((2**70 + 5) % (2**31 - 1), 2**31 - 3)


def test_get_seed_rules():
    g = tf.Graph()
    with g.as_default():
        assert tf.get_seed(None) == (None, None)
        assert tf.get_seed(7) == (87654321, 7)
        tf.set_random_seed(0)
        assert tf.get_seed(0) == (0, 2**31 - 1)
    with pytest.raises(TypeError):
        with tf.Graph().as_default():
            tf.get_seed("seed")


def test_shapes_from_lists_arrays_tensors_and_placeholders():
    g = tf.Graph()
    with g.as_default():
        a = tf.random_uniform((2, 3), seed=1)
        b = tf.random_uniform(np.array([2, 3], np.int64), seed=1)
        c = tf.random_uniform(tf.constant([2, 3]), seed=1)
        p = tf.placeholder(tf.int32, shape=[2])
        d = tf.random_uniform(p, seed=1)
        assert d.shape.as_list() == [None, None]
        with tf.Session() as sess:
            va, vb, vc = sess.run([a, b, c])
            vd = sess.run(d, feed_dict={p: [2, 3]})
    np.testing.assert_array_equal(va, vb)
    np.testing.assert_array_equal(va, vc)
    np.testing.assert_array_equal(va, vd)


def test_scalars_come_back_as_numpy_scalars():
    g = tf.Graph()
    with g.as_default():
        a = tf.random_uniform([], seed=3)
        i = tf.random_uniform([], maxval=10, dtype=tf.int64, seed=3)
        with tf.Session() as sess:
            va, vi = sess.run([a, i])
    assert isinstance(va, np.float32) and isinstance(vi, np.int64)


def test_fetch_structures_and_single_evaluation():
    Pair = collections.namedtuple("Pair", "x y")
    g = tf.Graph()
    with g.as_default():
        a = tf.random_uniform([2], seed=4)
        b = tf.random_normal([2], seed=4)
        with tf.Session() as sess:
            got = sess.run({"p": Pair(a, [a, (b,)]), "q": a})
            again = sess.run(a)
    assert isinstance(got["p"], Pair) and isinstance(got["p"].y[1], tuple)
    np.testing.assert_array_equal(got["p"].x, got["q"])
    np.testing.assert_array_equal(got["p"].y[0], got["q"])
    assert not np.array_equal(again, got["q"])  # one reservation per run, not per fetch


def test_fetch_by_name_and_operation_fetch_is_none():
    g = tf.Graph()
    with g.as_default():
        a = tf.random_uniform([2], seed=4, name="r")
        op = tf.no_op()
        with tf.Session() as sess:
            assert sess.run(op) is None
            # As in TF 2.21: with the default [0, 1) range the op itself is the result.
            assert sess.run("r/RandomUniform:0").shape == (2,)
            assert a.name == "r/RandomUniform:0"


def test_eval_uses_the_default_session():
    g = tf.Graph()
    with g.as_default():
        a = tf.random_uniform([2], seed=9)
        with tf.Session() as sess:
            first = a.eval()
            second = a.eval(session=sess)
        with pytest.raises(ValueError):
            a.eval()
    assert not np.array_equal(first, second)


def test_arithmetic_broadcasts_and_keeps_dtype():
    g = tf.Graph()
    with g.as_default():
        a = tf.constant([[1.0, 2.0, 3.0]], dtype=tf.float16)
        b = tf.constant([[1.0], [2.0]], dtype=tf.float16)
        c = (a + b) * 0.1 - a / 3
        i = tf.constant([7, -7]) // 2
        m = tf.constant([7, -7]) % 3
        q = tf.constant([7, 8]) / 2
        with tf.Session() as sess:
            vc, vi, vm, vq = sess.run([c, i, m, q])
    assert vc.dtype == np.float16 and vc.shape == (2, 3)
    h = np.float16
    want = ((a_ := np.array([[1, 2, 3]], h)) + np.array([[1], [2]], h)) * h(0.1) - a_ / h(3)
    np.testing.assert_array_equal(vc, want.astype(h))
    np.testing.assert_array_equal(vi, [3, -4])
    np.testing.assert_array_equal(vm, [1, 2])
    assert vq.dtype == np.float64 and list(vq) == [3.5, 4.0]


def test_random_namespace_aliases():
    assert tf.random.uniform is tf.random_uniform
    assert tf.random.normal is tf.random_normal
    assert tf.random.truncated_normal is tf.truncated_normal
    assert tf.random.set_random_seed is tf.set_random_seed
    assert tf.compat.v1 is tf


def test_variables_keep_their_value_until_reinitialized():
    g = tf.Graph()
    with g.as_default():
        v = tf.Variable(tf.random_uniform([3], seed=1))
        w = v * 2.0
        with tf.Session() as sess:
            with pytest.raises(tf.errors.FailedPreconditionError):
                sess.run(v)
            sess.run(tf.global_variables_initializer())
            first, again, doubled = sess.run(v), sess.run(v), sess.run(w)
            sess.run(v.initializer)
            second = sess.run(v)
    np.testing.assert_array_equal(first, again)
    np.testing.assert_array_equal(doubled, first * np.float32(2))
    assert not np.array_equal(first, second)


def test_backend_is_reported():
    assert tf.backend() in tf.available_backends()
    assert "portable" in tf.available_backends()


def test_division_by_a_constant_is_multiplication_by_its_reciprocal():
    # Grappler rewrites x / const into x * (1 / const) (reciprocal rounded in the
    # dtype); a fed or computed-at-run-time denominator is a true division.
    g = tf.Graph()
    with g.as_default():
        x = tf.random_normal([256], seed=3)
        p = tf.placeholder(tf.float32, [])
        by_const = x / 7.92
        by_const_expr = x / (tf.constant(3.3) + 1.0)
        by_fed = x / p
        both_const = tf.constant(5.0) / 7.92
        with tf.Session() as sess:
            vx, vc, ve, vf, vb = sess.run([x, by_const, by_const_expr, by_fed, both_const],
                                          feed_dict={p: 7.92})
    f = np.float32
    np.testing.assert_array_equal(vc, vx * (f(1) / f(7.92)))
    np.testing.assert_array_equal(ve, vx * (f(1) / (f(3.3) + f(1))))
    np.testing.assert_array_equal(vf, vx / f(7.92))
    assert vb == f(5) / f(7.92)
    assert not np.array_equal(vc, vx / f(7.92))  # the two rules really differ here
