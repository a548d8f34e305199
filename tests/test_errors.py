"""Bad input raises TensorFlow's error classes with clear messages, never a crash."""

import numpy as np
import pytest

import philoxflow.compat.v1 as tf


def run(build, feed=None):
    g = tf.Graph()
    with g.as_default():
        t = build()
        with tf.Session() as sess:
            return sess.run(t, feed_dict=feed(g) if feed else None)


@pytest.mark.parametrize("build, error, match", [
    (lambda: tf.random_uniform([2], dtype=tf.int32), ValueError, "Must specify maxval"),
    (lambda: tf.random_uniform([2], dtype=tf.string), ValueError,
     r"Argument `dtype` got invalid value <dtype: 'string'>"),
    (lambda: tf.random_uniform([2.5]), TypeError, "DataType float32 not in list"),
    (lambda: tf.random_normal([2], dtype=tf.int32), TypeError, "Expected int32, but got 0.0"),
    (lambda: tf.truncated_normal([2], dtype=tf.int64), TypeError, "Expected int64"),
    (lambda: tf.random_uniform([[2, 3]]), ValueError, "must be rank 1"),
    (lambda: tf.random_uniform([-2]), ValueError, "Invalid value in tensor used for shape: -2"),
    (lambda: tf.random_uniform([2], seed="x"), TypeError,
     "not all arguments converted during string formatting"),
    (lambda: tf.random_uniform([2], 0, [1, 2], dtype=tf.int32), ValueError, "rank 0"),
    (lambda: tf.constant([1.0, 2.0]) + tf.constant([1, 2]), TypeError, "does not match"),
    (lambda: tf.constant([1, 2]) * 2.5, TypeError, "Expected int32, but got 2.5"),
    (lambda: tf.constant([1.0, 2.0, 3.0]) + tf.constant([1.0, 2.0]), ValueError,
     "Dimensions must be equal"),
    (lambda: tf.constant([1, "a"]), TypeError, "Failed to convert"),
])
def test_build_time_errors(build, error, match):
    with pytest.raises(error, match=match):
        run(build)


@pytest.mark.parametrize("build, match", [
    (lambda: tf.random_uniform([-1], seed=1), "Dimension -1 must be >= 0"),
    (lambda: tf.random_uniform([2], 5, 5, dtype=tf.int32, seed=1), "Need minval < maxval"),
    (lambda: tf.random_uniform([2], 5, 1, dtype=tf.int64, seed=1), "Need minval < maxval"),
    (lambda: tf.constant([4, 5]) // tf.constant([1, 0]), "Integer division by zero"),
])
def test_run_time_errors_are_invalid_argument(build, match):
    with pytest.raises(tf.errors.InvalidArgumentError, match=match):
        run(build)


def test_empty_int_range_is_fine_when_output_is_empty():
    out = run(lambda: tf.random_uniform([0], 5, 5, dtype=tf.int32, seed=1))
    assert out.shape == (0,) and out.dtype == np.int32


def test_unfed_placeholder_and_bad_feeds():
    g = tf.Graph()
    with g.as_default():
        p = tf.placeholder(tf.float32, shape=[2])
        q = tf.placeholder(tf.int32, shape=[None])
        a = p * 2.0
        b = tf.random_uniform(q, seed=1)
        with tf.Session() as sess:
            with pytest.raises(tf.errors.InvalidArgumentError, match="must feed a value"):
                sess.run(a)
            with pytest.raises(ValueError, match="Cannot feed value of shape"):
                sess.run(a, feed_dict={p: [1.0, 2.0, 3.0]})
            with pytest.raises(tf.errors.InvalidArgumentError, match="Dimension -3"):
                sess.run(b, feed_dict={q: [2, -3]})
            with pytest.raises(TypeError, match="not compatible with Tensor type"):
                sess.run(b, feed_dict={q: 2**40})
            with pytest.raises(OverflowError):  # NumPy's conversion, as under TF
                sess.run(b, feed_dict={q: [2**40]})


def test_shapes_beyond_memory_raise():
    # An element count past int64 is TF's InvalidArgumentError ("would have more than 2**63 - 1").
    with pytest.raises(tf.errors.InvalidArgumentError):
        run(lambda: tf.random_uniform([2**62, 2**62], seed=1))
    with pytest.raises(tf.errors.ResourceExhaustedError):
        run(lambda: tf.random_normal([2**40, 2**20], seed=1))
    with pytest.raises(tf.errors.ResourceExhaustedError):
        run(lambda: tf.random_uniform([2**44], seed=1))


def test_session_misuse():
    g1, g2 = tf.Graph(), tf.Graph()
    with g1.as_default():
        a = tf.random_uniform([2], seed=1)
    with tf.Session(graph=g2) as sess:
        with pytest.raises(RuntimeError, match="graph is empty"):
            sess.run(a)
    with g2.as_default():
        tf.constant(1.0)
        with tf.Session() as sess:
            with pytest.raises(ValueError, match="not an element of this graph"):
                sess.run(a)
            with pytest.raises(TypeError, match="None has invalid type"):
                sess.run(None)
            with pytest.raises(TypeError):
                sess.run(42)
    sess = tf.Session(graph=g1)
    sess.close()
    with pytest.raises(RuntimeError, match="Attempted to use a closed Session."):
        sess.run(a)
    with pytest.raises(TypeError):
        tf.Session(graph="not a graph")


def test_tensor_misuse():
    with tf.Graph().as_default():
        a = tf.random_uniform([2], seed=1)
        with pytest.raises(TypeError):
            bool(a)
        with pytest.raises(TypeError):
            len(a)
        with pytest.raises(ValueError):
            tf.convert_to_tensor(a, dtype=tf.int32)


def test_a_failed_allocation_consumes_no_samples():
    g = tf.Graph()
    with g.as_default():
        shape = tf.placeholder(tf.int64, [None])
        a = tf.random_normal(shape, seed=4)
        with tf.Session() as fresh:
            want = fresh.run(a, feed_dict={shape: [3]})
        with tf.Session() as sess:
            with pytest.raises(tf.errors.ResourceExhaustedError):
                sess.run(a, feed_dict={shape: [2**40, 2**10]})
            got = sess.run(a, feed_dict={shape: [3]})
    np.testing.assert_array_equal(got, want)
