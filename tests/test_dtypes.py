"""Every dtype TF 1.15 has for the core ops: int8/int16/uint8-uint64, complex64/128 and
strings, held by the Rust core and fetched as TF returns them.

`data/dtypes/tf1.jsonl` holds TF 1.15's values for the programs of
`scripts/ref_dtypes.py` (the Cast grid with overflow and NaN, string constants, feeds
and kernels, shuffles of every dtype, complex and narrow-integer arithmetic).
"""

from __future__ import annotations

import numpy as np
import pytest

import philoxflow as tf

from reference import differences, load, run_program

CASES = load("dtypes/tf1.jsonl")


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_values_equal_tf115(case):
    assert differences(case, run_program(case["program"], tf)) == []


def test_strings_fetch_as_bytes():
    with tf.Graph().as_default():
        p = tf.placeholder(tf.string, [None])
        s, v, i = tf.constant("h\u00e9"), tf.constant([[b"a", b""]]), tf.identity(p)
        with tf.Session() as sess:
            got_s, got_v, got_i = sess.run([s, v, i], {p: ["x", b"\xff"]})
    assert got_s == "h\u00e9".encode()  # a scalar is `bytes`, as TF returns it
    assert got_v.dtype == object and got_v.tolist() == [[b"a", b""]]
    assert got_i.tolist() == [b"x", b"\xff"]


def test_complex_and_narrow_ints_keep_their_dtype():
    with tf.Graph().as_default():
        c = tf.constant([1 + 2j, 3])
        u = tf.constant([250, 3], tf.uint8) + tf.constant([10, 4], tf.uint8)
        with tf.Session() as sess:
            got_c, got_u = sess.run([c, u])
    assert c.dtype == tf.complex128 and got_c.dtype == np.complex128
    assert got_u.dtype == np.uint8 and got_u.tolist() == [4, 7]


def test_types_tf_rejects_raise_as_tf():
    with tf.Graph().as_default():
        with pytest.raises(TypeError, match="DataType uint16 not in list of allowed values"):
            tf.ones([2], tf.uint16) + tf.ones([2], tf.uint16)
        with pytest.raises(TypeError, match="Invalid dtype tf.uint32 in __truediv__"):
            tf.ones([2], tf.uint32) / tf.ones([2], tf.uint32)
        with pytest.raises(TypeError):
            tf.constant(["a", 1])
        with tf.Session() as sess:
            with pytest.raises(tf.errors.UnimplementedError, match="Cast int32 to string"):
                sess.run(tf.cast(tf.constant([1]), tf.string))
