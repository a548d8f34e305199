"""Wrapper arithmetic fused into random fills gives the separate ops' bits.

A run whose random op feeds only a `Mul`/`Add` by constant scalars applies
them inside the fill (`rust/src/fusion.rs`). Fetching the random op too, or
feeding the constant, turns fusion off for that run, which gives the
reference: the same op's same stream, computed op by op.
"""

import numpy as np
import pytest

import philoxflow
import philoxflow.compat.v1 as tf2

TARGETS = [pytest.param(philoxflow, id="tf1"), pytest.param(tf2, id="tf2")]
SIZES = [1, 7, 1000, 70_001]


def _builders(tf):
    return {
        "uniform": lambda n, dt: tf.random_uniform([n], -3.0, 5.0, dtype=dt, seed=4),
        "normal": lambda n, dt: tf.random_normal([n], 2.0, 0.25, dtype=dt, seed=4),
        "normal_mean0": lambda n, dt: tf.random_normal([n], 0.0, 3.0, dtype=dt, seed=4),
        "truncated": lambda n, dt: tf.truncated_normal([n], -0.5, 0.02, dtype=dt, seed=4),
    }


def _random_op(t):
    """The random op at the bottom of a wrapper's arithmetic."""
    op = t.op
    while op.type not in ("RandomUniform", "RandomStandardNormal", "TruncatedNormal"):
        op = op.inputs[0].op
    return op.outputs[0]


@pytest.mark.parametrize("tf", TARGETS)
@pytest.mark.parametrize("name", ["uniform", "normal", "normal_mean0", "truncated"])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_fused_equals_op_by_op(tf, name, dtype):
    for n in SIZES:
        g = tf.Graph()
        with g.as_default():
            t = _builders(tf)[name](n, getattr(tf, dtype))
            rnd = _random_op(t)
            with tf.Session() as fused, tf.Session() as separate:
                for _ in range(2):  # a second run continues each stream alike
                    got = fused.run(t)
                    want, raw = separate.run([t, rnd])
                    assert got.dtype == want.dtype == np.dtype(dtype)
                    np.testing.assert_array_equal(got.view(np.uint8), want.view(np.uint8))
                    assert raw.shape == got.shape


def test_fed_constant_is_not_fused():
    g = tf2.Graph()
    with g.as_default():
        t = tf2.random_normal([5000], 1.0, 2.0, seed=9)
        stddev = g.get_operation_by_name("random_normal/stddev").outputs[0]
        rnd = _random_op(t)
        with tf2.Session() as a, tf2.Session() as b:
            got = a.run(t, feed_dict={stddev: 5.0})
            raw = b.run(rnd)
    np.testing.assert_array_equal(got, raw * np.float32(5.0) + np.float32(1.0))


@pytest.mark.parametrize("init", ["truncated", "glorot_uniform_default"])
def test_fused_initializer_writes_the_same_variable_values(init):
    g = philoxflow.Graph()
    with g.as_default():
        philoxflow.set_random_seed(3)
        initializer = (philoxflow.truncated_normal_initializer(0.5, 0.02)
                       if init == "truncated" else None)
        v = philoxflow.get_variable("w", [300, 70], initializer=initializer)
        rnd = _random_op(v.initializer.inputs[1])
        with philoxflow.Session() as fused, philoxflow.Session() as separate:
            for _ in range(2):  # the second initialisation reuses the buffer
                fused.run(v.initializer)
                separate.run([v.initializer, rnd])
                np.testing.assert_array_equal(fused.run(v).view(np.uint32),
                                              separate.run(v).view(np.uint32))


def test_arithmetic_matches_numpy_in_the_dtype():
    g = tf2.Graph()
    with g.as_default():
        t = tf2.random_uniform([4099], -3.0, 5.0, seed=2)
        rnd = _random_op(t)
        with tf2.Session() as a, tf2.Session() as b:
            got, raw = a.run(t), b.run(rnd)
    np.testing.assert_array_equal(got, raw * np.float32(8.0) + np.float32(-3.0))
