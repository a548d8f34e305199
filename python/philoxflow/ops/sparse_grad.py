"""Gradients of sparse ops (TF 1.15's `sparse_grad.py`), op for op as TF builds them."""

from __future__ import annotations

from ..framework import dtypes as _dtypes
from . import array_ops, math_ops
from .gradients_impl import RegisterGradient
from .sparse_ops import _dim, _i64, _op, _shape_from_tensor


@RegisterGradient("SparseTensorDenseMatMul")
def _sparse_tensor_dense_matmul_grad(op, grad):
    """d/d(values) gathers the rows/columns each non-zero meets; d/d(b) is the sparse
    matrix's adjoint times `grad` (TF's generated op, no extra scope)."""
    a_indices, a_values, a_shape = op.inputs[:3]
    b = op.inputs[3]
    adj_a = op.get_attr("adjoint_a")
    adj_b = op.get_attr("adjoint_b")
    a_type, b_type = a_values.dtype.base_dtype, b.dtype.base_dtype
    if a_type != b_type:
        raise TypeError("SparseTensorDenseMatMul op received operands with "
                        "different types: ", a_type, " and ", b_type)
    if a_type in (_dtypes.complex64, _dtypes.complex128):
        raise NotImplementedError("SparseTensorDenseMatMul op does not support "
                                  "complex gradients.")
    sa = _shape_from_tensor(a_shape)
    left = None if sa.rank is None else _dim(sa, 0 if adj_a else 1)
    b_grad = _op("SparseTensorDenseMatMul", None,
                 [(a_indices, "a_indices", _i64), (a_values, "a_values", None),
                  (a_shape, "a_shape", _i64), (grad, "b", None)],
                 [(grad.dtype, [left, _dim(grad.shape, 1)])],
                 {"adjoint_a": not adj_a, "adjoint_b": False})
    if adj_b:
        b_grad = array_ops.transpose(b_grad)
    rows = a_indices[:, 0]
    cols = a_indices[:, 1]
    parts_a = array_ops.gather(grad, rows if not adj_a else cols)
    parts_b = array_ops.gather(b if not adj_b else array_ops.transpose(b),
                               cols if not adj_a else rows)
    a_values_grad = math_ops.reduce_sum(parts_a * parts_b, axis=1)
    return (None, a_values_grad, None, b_grad)


@RegisterGradient("SparseDenseCwiseAdd")
def _sparse_dense_cwise_add_grad(unused_op, unused_grad):
    raise NotImplementedError("Gradient for SparseDenseCwiseAdd is currently not"
                              " implemented yet.")
