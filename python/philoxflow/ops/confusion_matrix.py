"""TF 1.15's `confusion_matrix.py`: `tf.confusion_matrix` / `tf.math.confusion_matrix`
(the counts as a sparse tensor added to a zero matrix: SparseTensorDenseAdd)."""

from __future__ import annotations

from ..framework import dtypes as _dtypes
from ..framework.constant_op import convert_to_tensor
from ..framework.ops import name_scope
from ..framework.tensor_shape import TensorShape
from . import array_ops, check_ops, control_flow_ops, math_ops
from .gen import apply_op
from .metrics_impl import _squeeze_pair


def confusion_matrix(labels, predictions, num_classes=None, weights=None,
                     dtype=_dtypes.int32, name=None):
    dtype = _dtypes.as_dtype(dtype)
    with name_scope(name, "confusion_matrix", (predictions, labels, num_classes, weights)):
        labels, predictions = _squeeze_pair(convert_to_tensor(labels, name="labels"),
                                            convert_to_tensor(predictions, name="predictions"))
        predictions = math_ops.cast(predictions, _dtypes.int64)
        labels = math_ops.cast(labels, _dtypes.int64)
        labels = control_flow_ops.with_dependencies(
            [check_ops.assert_non_negative(labels,
                                           message="`labels` contains negative values")],
            labels)
        predictions = control_flow_ops.with_dependencies(
            [check_ops.assert_non_negative(predictions,
                                           message="`predictions` contains negative values")],
            predictions)
        if num_classes is None:
            num_classes = math_ops.maximum(math_ops.reduce_max(predictions),
                                           math_ops.reduce_max(labels)) + 1
        else:
            n64 = math_ops.cast(num_classes, _dtypes.int64)
            labels = control_flow_ops.with_dependencies(
                [check_ops.assert_less(labels, n64, message="`labels` out of bound")], labels)
            predictions = control_flow_ops.with_dependencies(
                [check_ops.assert_less(predictions, n64,
                                       message="`predictions` out of bound")], predictions)
        if weights is not None:
            weights = convert_to_tensor(weights, name="weights")
            if not predictions.shape.is_compatible_with(weights.shape):
                raise ValueError(f"Shapes {predictions.shape} and {weights.shape} are "
                                 "incompatible")
            weights = math_ops.cast(weights, dtype)
        shape = array_ops.stack([num_classes, num_classes])
        indices = array_ops.stack([labels, predictions], axis=1)
        values = array_ops.ones_like(predictions, dtype) if weights is None else weights
        dense_shape = math_ops.cast(shape, _dtypes.int64)
        with name_scope(None, "SparseTensor"):  # TF's SparseTensor opens (and uses) a scope
            pass
        zero = array_ops.zeros(math_ops.cast(shape, _dtypes.int32), dtype)
        n = num_classes if isinstance(num_classes, int) else None
        return apply_op("SparseTensorDenseAdd", None, [
            (indices, "a_indices", None), (values, "a_values", None),
            (dense_shape, "a_shape", None), (zero, "b", None)],
            dtype=dtype, shape=TensorShape([n, n]))
