"""Behaviours TF 1.15's own unit tests (variables_test, variable_scope_test,
init_ops_test, layers/core_test) exercise, against TF's recorded graphs and values
(`scripts/ref_tfunit.py` -> tests/data/tfunit/): the orthogonal initializers bit for
bit (Eigen's Householder QR), the identity initializer, ref ops' colocation and
devices, `report_uninitialized_variables`, `initialized_value()`'s guard running,
Tensor operators."""

import json
import pathlib

import numpy as np
import pytest
from tfunit_runner import run  # the recorder's run (scripts/ref_tfunit.py)

import philoxflow
import philoxflow.compat.v1 as tf2
from philoxflow import errors

DATA = pathlib.Path(__file__).parent / "data" / "tfunit"


def _records(which):
    with open(DATA / f"{which}.jsonl") as f:
        return [json.loads(line) for line in f]


def _source(name):
    """The program TF ran for a record (`programs.json`, written with the records)."""
    return PROGRAMS[name]


def _check(rec, got):
    assert got["ops"] == rec["ops"]
    assert got["shapes"] == rec["shapes"]
    assert got["devices"] == rec["devices"]
    assert len(got["values"]) == len(rec["values"])
    for want_run, got_run in zip(rec["values"], got["values"]):
        for want, have in zip(want_run, got_run):
            assert have["dtype"] == want["dtype"] and have["shape"] == want["shape"]
            if want["dtype"] == "bytes":
                assert have["value"] == want["value"]
            else:  # bit for bit: both sides through the recorded dtype
                a = np.array(want["value"], dtype=want["dtype"])
                b = np.array(have["value"], dtype=want["dtype"])
                assert a.tobytes() == b.tobytes()


with open(DATA / "programs.json") as _f:
    PROGRAMS = json.load(_f)


@pytest.mark.parametrize("rec", _records("tf1"), ids=lambda r: r["name"])
def test_tf1(rec):
    _check(rec, run(philoxflow, _source(rec["name"])))


@pytest.mark.parametrize("rec", _records("tf2"), ids=lambda r: r["name"])
def test_compat_v1(rec):
    _check(rec, run(tf2, _source(rec["name"])))


def test_qr_beyond_the_exact_replica_raises():
    """Eigen's blocked HouseholderQR (48+ columns, wide matrices, full Q) is not
    replicated: running it raises rather than give other low bits."""
    tf = philoxflow
    with tf.Graph().as_default(), tf.Session() as sess:
        for shape, full in (((60, 48), False), ((3, 5), False), ((7, 7), True)):
            q, r = tf.qr(tf.random_normal(shape, seed=1), full_matrices=full)
            with pytest.raises(errors.UnimplementedError, match="HouseholderQR"):
                sess.run(q)
        big = tf.get_variable("big", [64, 64], initializer=tf.orthogonal_initializer())
        with pytest.raises(errors.UnimplementedError, match="48"):
            sess.run(big.initializer)
        small = tf.get_variable("small", [64, 47], initializer=tf.orthogonal_initializer())
        sess.run(small.initializer)
        q = sess.run(small)
        assert np.allclose(q.T @ q, np.eye(47), atol=1e-5)


def test_conv_orthogonal_needs_matmul():
    """Kernels wider than 1 multiply projections (MatMul: structure only here)."""
    tf = philoxflow
    with tf.Graph().as_default(), tf.Session() as sess:
        k = tf.contrib.framework.convolutional_orthogonal_2d(seed=1)([3, 3, 2, 2])
        with pytest.raises(errors.UnimplementedError, match="MatMul"):
            sess.run(k)
        v = tf.Variable(k)
        with pytest.raises(errors.UnimplementedError, match="MatMul"):
            sess.run(v.initializer)  # names the op, not "uninitialized value"


def test_orthogonal_errors_as_tf():
    tf = philoxflow
    with pytest.raises(ValueError, match="at least two-dimensional"):
        tf.orthogonal_initializer()([3])
    with pytest.raises(ValueError, match="floating point"):
        tf.orthogonal_initializer(dtype=tf.int32)
    cf = tf.contrib.framework
    with pytest.raises(ValueError, match="In_filters cannot be greater"):
        cf.convolutional_delta_orthogonal()([3, 3, 5, 4])
    with pytest.raises(ValueError, match="Kernel sizes must be equal"):
        cf.convolutional_orthogonal_2d()([3, 2, 4, 4])
    with pytest.raises(ValueError, match="five-dimensional"):
        cf.convolutional_orthogonal_3d()([3, 3, 4, 4])
    with pytest.raises(ValueError, match="2D matrices"):
        tf.initializers.identity()([2, 2, 2])


def test_tensorflow_python_package_paths():
    """`from tensorflow.python.layers import core` (after the substitution) gives
    philoxflow's own module, never a second copy."""
    from philoxflow.layers import core as real
    from philoxflow.python.framework import device, ops
    from philoxflow.python.layers import core
    from philoxflow.python.ops import control_flow_ops, init_ops, math_ops, variables
    from philoxflow.python.training import gradient_descent

    assert core is real and core.__name__ == "philoxflow.layers.core"
    assert gradient_descent.GradientDescentOptimizer is (
        philoxflow.train.GradientDescentOptimizer)
    assert math_ops.range is philoxflow.range and control_flow_ops.while_loop
    assert variables.PartitionedVariable and variables.report_uninitialized_variables
    assert init_ops.orthogonal_initializer is philoxflow.orthogonal_initializer
    assert device.canonical_name("/cpu:0") == "/device:CPU:0"
    with ops.Graph().as_default() as g:
        with ops.container("l1"):
            v = philoxflow.Variable([1])
        assert v.op.get_attr("container") == b"l1"
        assert g._container == ""


def test_variable_operators_wrap_tensors():
    import functools

    tf = philoxflow
    for attr in functools.WRAPPER_ASSIGNMENTS:
        assert getattr(tf.Variable.__add__, attr) == getattr(tf.Tensor.__add__, attr)


def test_initializer_inside_control_flow_raises_as_tf():
    tf = philoxflow
    msg = ("Initializer for variable {}/Variable/ is from inside a control-flow construct, "
           "such as a loop or conditional. When creating a variable inside a loop or "
           "conditional, use a lambda as the initializer.")

    def body(i, _):
        v = tf.Variable(initial_value=tf.zeros([], dtype=tf.int32))
        return (i + 1, v.read_value())

    with tf.Graph().as_default():
        with pytest.raises(ValueError) as e:
            tf.while_loop(lambda i, _: i < 10, body, [0, 0])
        assert str(e.value) == msg.format("while")
        with pytest.raises(ValueError) as e:
            tf.cond(tf.placeholder(tf.bool), lambda: tf.Variable(tf.zeros([])).read_value(),
                    lambda: tf.zeros([]))
        assert str(e.value) == msg.format("cond")


def test_values_that_now_run():
    """IsVariableInitialized, string constants, Abs, linspace of NumPy scalars; an
    uninitialized variable passed through initialized_value()'s Switch unread."""
    tf = philoxflow
    with tf.Graph().as_default(), tf.Session() as sess:
        v = tf.Variable([1.0, -2.0], name="v")
        x = tf.Variable(v.initialized_value() * 2, name="x")
        assert not sess.run(tf.is_variable_initialized(v))
        sess.run(x.initializer)
        assert sess.run(tf.report_uninitialized_variables()).tolist() == [b"v"]
        with pytest.raises(errors.FailedPreconditionError, match="uninitialized value v"):
            sess.run(v)
        assert sess.run(x).tolist() == [2.0, -4.0]
        assert sess.run(tf.constant(["a", "bc"])).tolist() == [b"a", b"bc"]
        assert sess.run(abs(tf.constant([-1.5, 2.0]))).tolist() == [1.5, 2.0]
        assert sess.run(tf.linspace(np.float32(0.0), np.float32(1.0), 3)).tolist() == [
            0.0, 0.5, 1.0]


def test_tf_inspect_and_ops_convert_to_tensor():
    from philoxflow.python.framework import ops
    from philoxflow.python.util import tf_inspect

    spec = tf_inspect.getargspec(philoxflow.get_variable)
    assert spec.args == tf_inspect.getargspec(philoxflow.get_local_variable).args
    assert spec.args[:3] == ["name", "shape", "dtype"] and spec.keywords is None
    with ops.Graph().as_default():
        t = ops.convert_to_tensor([1, 2], name="c")
        assert t.op.name == "c" and t.dtype == philoxflow.int32


def test_layer_add_weight_before_call_and_count_params():
    """TF 1.15's base Layer: add_weight names the scope first; ON_READ weights are
    non-trainable (trainable=True refused); count_params needs a built layer."""
    tf = philoxflow
    with tf.Graph().as_default():
        layer = tf.layers.Layer(name="my_layer")
        v = layer.add_variable("my_var", [2, 2], initializer=tf.zeros_initializer())
        assert v.name == "my_layer/my_var:0" and layer.trainable_variables == [v]
        s = layer.add_variable("sync", [2], synchronization=tf.VariableSynchronization.ON_READ)
        assert layer.non_trainable_variables == [s]
        with pytest.raises(ValueError, match="ON_READ only for non-trainable"):
            layer.add_variable("bad", [2], trainable=True,
                               synchronization=tf.VariableSynchronization.ON_READ)
        dense = tf.layers.Dense(3, name="d")
        with pytest.raises(ValueError, match="isn't built"):
            dense.count_params()
        dense(tf.ones([2, 4]))
        assert dense.count_params() == 15


def test_assign_add_sub_count_up_to_run():
    """Values and errors as TF 1.15's (its kernels: one add per element)."""
    tf = philoxflow
    with tf.Graph().as_default(), tf.Session() as s:
        v = tf.Variable([1.0, 2.0])
        c = tf.Variable(3, dtype=tf.int64)
        a, b = tf.assign_add(v, [1.0, 1.0]), tf.assign_sub(v, [0.5, 0.5])
        u = tf.count_up_to(c, 5)
        p = tf.placeholder(tf.float32)
        bad = tf.assign_add(v, p)
        s.run(tf.global_variables_initializer())
        assert s.run(a).tolist() == [2.0, 3.0] and s.run(b).tolist() == [1.5, 2.5]
        assert s.run(v).tolist() == [1.5, 2.5]
        assert (s.run(u), s.run(u), s.run(c)) == (3, 4, 5)
        with pytest.raises(errors.OutOfRangeError, match="Reached limit of 5"):
            s.run(u)
        with pytest.raises(errors.InvalidArgumentError, match="must be the same size"):
            s.run(bad, {p: [1.0]})
        w = tf.Variable(1.0, name="w")
        with pytest.raises(errors.FailedPreconditionError, match="uninitialized value w"):
            s.run(tf.assign_add(w, 1.0))
        assert s.run(tf.transpose(tf.constant(2.0))).shape == ()
