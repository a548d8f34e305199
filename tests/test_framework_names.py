"""TF 1.15's smaller top-level framework names (issue 16), as TF 1.15.5 behaves
(measured with its wheel; TF 2.21's compat.v1 where it differs)."""

import pytest

import philoxflow as tf
import philoxflow.compat.v1 as tf2
from philoxflow import errors


def test_build_constants():
    assert (tf.CXX11_ABI_FLAG, tf.MONOLITHIC_BUILD) == (0, 0)
    assert (tf2.CXX11_ABI_FLAG, tf2.MONOLITHIC_BUILD) == (1, 0)


def test_v2_switches_keep_each_targets_default():
    assert not tf.control_flow_v2_enabled() and not tf.resource_variables_enabled()
    assert tf2.control_flow_v2_enabled() and tf2.resource_variables_enabled()
    for off in (tf.disable_control_flow_v2, tf.disable_tensor_equality,
                tf.disable_v2_tensorshape):
        off()
    for on in (tf.enable_control_flow_v2, tf.enable_tensor_equality,
               tf.enable_v2_tensorshape, tf.enable_v2_behavior):
        with pytest.raises(NotImplementedError, match="TensorFlow 1.15"):
            on()
    tf2.enable_control_flow_v2()
    with pytest.raises(NotImplementedError, match="2.21"):
        tf2.disable_control_flow_v2()


def test_quantized_and_handle_dtypes():
    assert tf.QUANTIZED_DTYPES >= {tf.qint8, tf.quint8, tf.qint16, tf.quint16, tf.qint32}
    assert tf.dtypes.QUANTIZED_DTYPES is tf.QUANTIZED_DTYPES
    assert repr(tf.qint8) == "tf.qint8" and tf.as_dtype("quint16") is tf.quint16
    assert tf.qint8.is_quantized and not tf.float32.is_quantized
    assert not tf.qint32.is_integer and not tf.qint8.is_floating and tf.quint16.size == 2
    assert tf.dtypes.qint8 is tf.qint8 and tf.resource.name == "resource"
    assert tf.variant.name == "variant"


def test_library_loading_errors():
    with pytest.raises(errors.NotFoundError,
                       match="^nope.so: cannot open shared object file: No such file"):
        tf.load_op_library("nope.so")
    with pytest.raises(errors.NotFoundError):
        tf.load_file_system_library("nope.so")
    with pytest.raises(FileNotFoundError, match="The file or folder to load kernel "
                                                "libraries from does not exist"):
        tf.load_library("nope.so")


def test_scopes():
    with tf.Graph().as_default():
        a = tf.constant(1.0)
        with tf.control_dependencies([a]):
            with tf.init_scope():
                b = tf.constant(2.0)
            c = tf.constant(3.0)
        assert b.op.control_inputs == [] and c.op.control_inputs == [a.op]
        with tf.op_scope([a], "foo", "bar") as scope:
            assert scope == "foo/"
        with tf.op_scope([a], None, "bar") as scope:
            assert scope == "bar/"


def test_convert_to_tensor_or_indexed_slices():
    with tf.Graph().as_default():
        a = tf.constant(1.0)
        assert tf.convert_to_tensor_or_indexed_slices(a) is a
        s = tf.IndexedSlices(tf.constant([1.0]), tf.constant([0]))
        assert tf.convert_to_tensor_or_indexed_slices(s) is s
        assert tf.convert_to_tensor_or_indexed_slices([1, 2]).op.type == "Const"
        with pytest.raises(ValueError, match="requested dtype int32 for Tensor with dtype "
                                             "float32"):
            tf.convert_to_tensor_or_indexed_slices(a, tf.int32)


def test_gradient_registration_names():
    assert tf.NoGradient is tf.NotDifferentiable and tf.no_gradient is tf.NotDifferentiable

    @tf.RegisterGradient("TfunitTestOp")
    def _grad(op, grad):
        return grad

    from philoxflow.ops.gradients_impl import _GRADIENTS

    assert _GRADIENTS.pop("TfunitTestOp") is _grad
    assert tf.UnconnectedGradients.ZERO.value == "zero"
    assert list(tf.UnconnectedGradients) == [tf.UnconnectedGradients.NONE,
                                             tf.UnconnectedGradients.ZERO]
    with tf.Graph().as_default():
        x = tf.constant(1.0)
        y = tf.constant(2.0) * 3.0
        (g,) = tf.gradients(y, [x], unconnected_gradients=tf.UnconnectedGradients.ZERO)
        assert g is not None


def test_log_message():
    m = tf.LogMessage(level=tf.LogMessage.WARN, message="x")
    assert (m.level, m.message) == (30, "x")
    assert (tf.LogMessage.UNKNOWN, tf.LogMessage.DEBUGGING, tf.LogMessage.INFO,
            tf.LogMessage.ERROR, tf.LogMessage.FATAL) == (0, 10, 20, 40, 50)


def test_make_template_refuses_new_trainable_variables():
    with tf.Graph().as_default():
        t = tf.make_template("t", lambda: tf.Variable(1.0))
        t()
        with pytest.raises(ValueError, match="Trainable variable created when calling a "
                                             "template after the first time"):
            t()
        with pytest.raises(ValueError, match="name cannot be None"):
            tf.make_template(None, lambda: None)
