"""tf.image: random and deterministic image ops bit for bit with TensorFlow 1.15
(graph mode; float32 and uint8, 3-D and 4-D images), and the ops they build."""

import numpy as np
import pytest

import philoxflow as tf
from philoxflow import errors

from reference import differences, load, run_program

CASES = load("data/image_tf1.jsonl")


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case_matches_tensorflow_1_15(case):
    assert differences(case, run_program(case["program"], tf)) == []


def test_random_flip_builds_tf_cond():
    g = tf.Graph()
    with g.as_default():
        x = tf.placeholder(tf.float32, [2, 3, 3])
        y = tf.image.random_flip_left_right(x, seed=1)
    assert [op.type for op in g.get_operations()] == [
        "Placeholder", "Identity", "Const", "Const", "Const", "RandomUniform", "Sub", "Mul",
        "Add", "Const", "Less", "Switch", "Identity", "Identity", "Identity", "Const",
        "ReverseV2", "Switch", "Switch", "Merge"]
    assert y.shape.as_list() == [2, 3, 3]


def test_bad_arguments_raise_like_tf():
    img = np.zeros((2, 2, 3), np.float32)
    with pytest.raises(ValueError):
        tf.image.random_brightness(img, -1.0)
    with pytest.raises(ValueError):
        tf.image.random_contrast(img, 0.9, 0.2)
    with pytest.raises(ValueError):
        tf.image.random_hue(img, 0.7)
    with pytest.raises(ValueError):
        tf.image.flip_left_right(np.zeros((2, 3), np.float32))


def test_hue_needs_three_channels_at_run_time():
    g = tf.Graph()
    with g.as_default():
        y = tf.image.adjust_hue(np.zeros((2, 2, 4), np.float32), 0.1)
        with tf.Session(graph=g) as sess:
            with pytest.raises(errors.InvalidArgumentError):
                sess.run(y)


def test_uint8_round_trip_values():
    g = tf.Graph()
    with g.as_default():
        u = np.arange(12, dtype=np.uint8).reshape(2, 2, 3) * 20
        f = tf.image.convert_image_dtype(u, tf.float32)
        back = tf.image.convert_image_dtype(f, tf.uint8)
        with tf.Session(graph=g) as sess:
            fv, bv = sess.run([f, back])
    assert fv.dtype == np.float32 and bv.dtype == np.uint8
    np.testing.assert_array_equal(bv, u)


EAGER = load("data/image_eager_tf2.jsonl") + load("data/image_extra_tf2.jsonl")


@pytest.mark.parametrize("case", EAGER, ids=[c["name"] for c in EAGER])
def test_eager_case_matches_tensorflow_2_21(case):
    import philoxflow.compat.v2 as tf2

    assert differences(case, run_program(case["program"], tf2)) == []
