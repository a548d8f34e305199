"""`tf.contrib.framework`'s tensor helpers (TF 1.15 `contrib/framework/python/framework/
tensor_util.py`): shape asserts that add ops only when a shape is not known statically,
`reduce_sum_n`, `remove_squeezable_dimensions`, and smaller aliases."""

from __future__ import annotations

import numpy as np

from ...framework import dtypes
from ...framework.constant_op import convert_to_tensor
from ...framework.ops import Tensor, name_scope
from ...framework.sparse_tensor import SparseTensor, convert_to_tensor_or_sparse_tensor
from ...framework.tensor_shape import TensorShape
from ...ops import array_ops, check_ops, control_flow_ops, math_ops
from ...ops.math_ops_ext import logical_and, logical_or

__all__ = ["assert_same_float_dtype", "assert_scalar", "assert_scalar_int",
           "convert_to_tensor_or_sparse_tensor", "reduce_sum_n",
           "remove_squeezable_dimensions", "with_shape", "with_same_shape"]

assert_same_float_dtype = check_ops.assert_same_float_dtype
assert_scalar = check_ops.assert_scalar


def _is_tensor(x):
    return isinstance(x, Tensor)


def reduce_sum_n(tensors, name=None):
    """Each tensor summed to a scalar (`<op>/sum`), then `add_n` named as the scope."""
    if not tensors:
        raise ValueError("No tensors provided.")
    with name_scope(name, "reduce_sum_n", tensors) as scope:
        tensors = [math_ops.reduce_sum(t, name="%s/sum" % t.op.name) for t in tensors]
        if len(tensors) == 1:
            return tensors[0]
        return math_ops.add_n(tensors, name=scope)


def remove_squeezable_dimensions(predictions, labels, name=None):
    """Squeezes the last dimension of the operand whose rank is one higher."""
    with name_scope(name, "remove_squeezable_dimensions", [predictions, labels]):
        predictions = convert_to_tensor(predictions)
        labels = convert_to_tensor(labels)
        p_shape, l_shape = predictions.shape, labels.shape
        p_rank, l_rank = p_shape.ndims, l_shape.ndims
        if l_rank is not None and p_rank is not None:
            if p_rank - l_rank == -1:
                labels = array_ops.squeeze(labels, [-1])
            elif p_rank - l_rank == 1:
                predictions = array_ops.squeeze(predictions, [-1])
            return predictions, labels
        rank_diff = array_ops.rank(predictions) - array_ops.rank(labels)
        if p_rank is None or p_shape.dims[-1].is_compatible_with(1):
            p = predictions
            predictions = control_flow_ops.cond(math_ops.equal(1, rank_diff),
                                                lambda: array_ops.squeeze(p, [-1]),
                                                lambda: p)
        if l_rank is None or l_shape.dims[-1].is_compatible_with(1):
            lab = labels
            labels = control_flow_ops.cond(math_ops.equal(-1, rank_diff),
                                           lambda: array_ops.squeeze(lab, [-1]),
                                           lambda: lab)
        return predictions, labels


def _shape_tensor_compatible(expected_shape, actual_shape):
    with name_scope("shape_tensor_equal", values=[expected_shape, actual_shape]) as scope:
        return math_ops.reduce_all(
            logical_or(math_ops.equal(expected_shape, -1),
                                math_ops.equal(expected_shape, actual_shape, "equal"),
                                name="exclude_partial_shape"),
            name=scope)


def _is_rank(expected_rank, actual_tensor):
    with name_scope("is_rank", values=[actual_tensor]) as scope:
        expected = convert_to_tensor(expected_rank, name="expected")
        actual = array_ops.rank(actual_tensor, name="actual")
        return math_ops.equal(expected, actual, name=scope)


def _is_shape(expected_shape, actual_tensor, actual_shape=None):
    with name_scope("is_shape", values=[actual_tensor]) as scope:
        is_rank = _is_rank(array_ops.size(expected_shape), actual_tensor)
        if actual_shape is None:
            actual_shape = array_ops.shape(actual_tensor, name="actual")
        shape_equal = _shape_tensor_compatible(expected_shape, actual_shape)
        return logical_and(is_rank, shape_equal, name=scope)


def _assert_shape_op(expected_shape, actual_tensor):
    with name_scope("assert_shape", values=[actual_tensor]) as scope:
        actual_shape = array_ops.shape(actual_tensor, name="actual")
        if isinstance(expected_shape, TensorShape) and not expected_shape.is_fully_defined():
            expected_shape = [d if d else -1 for d in expected_shape.as_list()]
        is_shape = _is_shape(expected_shape, actual_tensor, actual_shape)
        return control_flow_ops.Assert(
            is_shape, ["Wrong shape for %s [expected] [actual]." % actual_tensor.name,
                       expected_shape, actual_shape], name=scope)


def with_same_shape(expected_tensor, tensor):
    """`with_shape` with `expected_tensor`'s shape (static when fully defined)."""
    with name_scope("%s/" % tensor.op.name, values=[expected_tensor, tensor]):
        shape = expected_tensor.shape
        expected_shape = (shape.as_list() if shape.is_fully_defined()
                          else array_ops.shape(expected_tensor, name="expected_shape"))
        return with_shape(expected_shape, tensor)


def with_shape(expected_shape, tensor):
    """`tensor`, behind an Assert of its shape when that is not known statically."""
    if isinstance(tensor, SparseTensor):
        raise ValueError("SparseTensor not supported.")
    if _is_tensor(expected_shape) and expected_shape.dtype.base_dtype != dtypes.int32:
        raise ValueError("Invalid dtype %s for shape %s expected of tensor %s." % (
            expected_shape.dtype, expected_shape, tensor.name))
    if isinstance(expected_shape, (list, tuple)):
        if not expected_shape:
            expected_shape = np.asarray([], dtype=np.int32)
        else:
            arr = np.asarray(expected_shape)
            expected_shape = (np.asarray(expected_shape, dtype=np.int32)
                              if arr.dtype == np.int64 else arr)
    if isinstance(expected_shape, np.ndarray):
        if expected_shape.ndim > 1:
            raise ValueError("Invalid rank %s for shape %s expected of tensor %s." % (
                expected_shape.ndim, expected_shape, tensor.name))
        if expected_shape.dtype != np.int32:
            raise ValueError("Invalid dtype %s for shape %s expected of tensor %s." % (
                expected_shape.dtype, expected_shape, tensor.name))
    actual_shape = tensor.shape
    if not actual_shape.is_fully_defined() or _is_tensor(expected_shape):
        with name_scope("%s/" % tensor.op.name, values=[tensor]):
            if not _is_tensor(expected_shape) and len(expected_shape) < 1:
                return array_ops.reshape(tensor, [])
            with tensor.graph.control_dependencies([_assert_shape_op(expected_shape, tensor)]):
                result = array_ops.identity(tensor)
            if not _is_tensor(expected_shape):
                result.set_shape(expected_shape)
            return result
    if not _is_tensor(expected_shape) and not actual_shape.is_compatible_with(expected_shape):
        if len(expected_shape) < 1 and actual_shape.is_compatible_with([1]):
            with name_scope("%s/" % tensor.op.name, values=[tensor]):
                return array_ops.reshape(tensor, [])
        raise ValueError("Invalid shape for tensor %s, expected %s, got %s." % (
            tensor.name, expected_shape, actual_shape))
    return tensor


def assert_scalar_int(tensor, name=None):
    """`tensor` if it is a 0-D integer tensor, else `ValueError`."""
    with name_scope(name, "assert_scalar_int", [tensor]) as scope:
        tensor = convert_to_tensor(tensor)
        if not tensor.dtype.base_dtype.is_integer:
            raise ValueError("Expected integer type for %s, received type: %s."
                             % (tensor.name, tensor.dtype))
        return check_ops.assert_scalar(tensor, name=scope)
