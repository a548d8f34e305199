"""Sparse arithmetic of TF 1.15's `sparse_ops.py`: reductions, softmax, sparse-dense
matmul, element-wise maximum/minimum and the `sp * x`, `sp / x` operators, built as TF
builds them (op types without kernels, for structure only, with TF's static shapes)."""

from __future__ import annotations

import numpy as np

from ..framework import dtypes as _dtypes
from ..framework.constant_op import constant, convert_to_tensor
from ..framework.ops import Tensor, name_scope
from ..framework.sparse_tensor import SparseTensor
from ..framework.tensor_shape import TensorShape
from . import array_ops, math_ops
from .gen import apply_op
from .sparse_ops import (
    _convert_to_sparse_tensor,
    _dim,
    _i64,
    _op,
    _shape_from_tensor,
    _size_known,
    _sp_inputs,
)


def _sparse_sparse(op_type, default, sp_a, sp_b, name):
    with name_scope(name, default, [sp_a.indices, sp_a.values, sp_b.indices,
                                    sp_b.values]) as name:
        ind, val = _op(op_type, name, _sp_inputs(sp_a, "a_") + _sp_inputs(sp_b, "b_"),
                       [(_i64, [None, None]), (sp_a.dtype, [None])])
    return SparseTensor(ind, val, sp_a.dense_shape)


def sparse_maximum(sp_a, sp_b, name=None) -> SparseTensor:
    """`tf.sparse.maximum`: SparseSparseMaximum."""
    return _sparse_sparse("SparseSparseMaximum", "SparseSparseMaximum", sp_a, sp_b, name)


def sparse_minimum(sp_a, sp_b, name=None) -> SparseTensor:
    """`tf.sparse.minimum`: SparseSparseMinimum."""
    return _sparse_sparse("SparseSparseMinimum", "SparseSparseMinimum", sp_a, sp_b, name)


def _reduction_dims(sp, axis, reduction_axes):
    if reduction_axes is not None:
        axis = reduction_axes
    if axis is not None:
        return axis
    if sp.dense_shape.shape.is_fully_defined():
        return constant(np.arange(sp.dense_shape.shape.as_list()[0]), dtype=_dtypes.int32)
    with name_scope(None, "Rank", [sp]) as rname:
        rank = apply_op("Size", rname, [(sp.dense_shape, "input", None)],
                        dtype=_dtypes.int32, shape=[])
    r = array_ops.range(0, rank)
    _size_known(r, sp)
    return r


def _reduce(op_type, sp, axis, keepdims, reduction_axes, keep_dims, sparse, name=None):
    if keep_dims is not None:
        if keepdims is not None:
            raise ValueError("Cannot specify both 'keepdims' and 'keep_dims'")
        keepdims = keep_dims
    keepdims = bool(keepdims)
    axes = _reduction_dims(sp, axis, reduction_axes)
    ins = _sp_inputs(sp, "input_") + [(axes, "reduction_axes", _dtypes.int32)]
    attrs = {"keep_dims": keepdims}
    if sparse:
        ind, val, shp = _op(op_type + "Sparse", name, ins,
                            [(_i64, None), (sp.dtype, None), (_i64, None)], attrs)
        return SparseTensor(ind, val, shp)
    return _op(op_type, name, ins, [(sp.dtype, _reduce_shape(sp, axes, keepdims))], attrs)


def _reduce_shape(sp, axes, keepdims):
    """TF's SparseReduceShapeFn: known when the dense shape and the axes are constants."""
    shape = _shape_from_tensor(sp.dense_shape)
    ax = axes if not isinstance(axes, Tensor) else (
        axes.op.get_attr("value") if axes.op.type == "Const" else None)
    if ax is None or not shape.is_fully_defined():
        return TensorShape(None)
    dims = shape.as_list()
    r = len(dims)
    red = {int(a) % r for a in np.ravel(ax)}
    if keepdims:
        return TensorShape([1 if i in red else d for i, d in enumerate(dims)])
    return TensorShape([d for i, d in enumerate(dims) if i not in red])


def sparse_reduce_sum(sp_input, axis=None, keepdims=None, reduction_axes=None,
                      keep_dims=None) -> Tensor:
    """`tf.sparse.reduce_sum` (v1): SparseReduceSum."""
    return _reduce("SparseReduceSum", sp_input, axis, keepdims, reduction_axes, keep_dims, False)


def sparse_reduce_sum_sparse(sp_input, axis=None, keepdims=None, reduction_axes=None,
                             keep_dims=None) -> SparseTensor:
    """`tf.sparse.reduce_sum_sparse` (v1): SparseReduceSumSparse."""
    return _reduce("SparseReduceSum", sp_input, axis, keepdims, reduction_axes, keep_dims, True)


def sparse_reduce_max(sp_input, axis=None, keepdims=None, reduction_axes=None,
                      keep_dims=None) -> Tensor:
    """`tf.sparse.reduce_max` (v1): SparseReduceMax."""
    return _reduce("SparseReduceMax", sp_input, axis, keepdims, reduction_axes, keep_dims, False)


def sparse_reduce_max_sparse(sp_input, axis=None, keepdims=None, reduction_axes=None,
                             keep_dims=None) -> SparseTensor:
    """`tf.sparse.reduce_max_sparse` (v1): SparseReduceMaxSparse."""
    return _reduce("SparseReduceMax", sp_input, axis, keepdims, reduction_axes, keep_dims, True)


def sparse_softmax(sp_input, name=None) -> SparseTensor:
    """`tf.sparse.softmax`: SparseSoftmax over the innermost dimension."""
    with name_scope(name, "SparseSoftmax", [sp_input.indices, sp_input.values]):
        out = _op("SparseSoftmax", None, _sp_inputs(sp_input, "sp_"),
                  [(sp_input.dtype, sp_input.values.shape)])
        return SparseTensor(sp_input.indices, out, sp_input.dense_shape)


def sparse_tensor_dense_matmul(sp_a, b, adjoint_a=False, adjoint_b=False,
                               name=None) -> Tensor:
    """`tf.sparse_tensor_dense_matmul`: SparseTensorDenseMatMul."""
    sp_a = _convert_to_sparse_tensor(sp_a)
    with name_scope(name, "SparseTensorDenseMatMul",
                    [sp_a.indices, sp_a.values, b]) as name:
        b = convert_to_tensor(b, name="b")
        a_shape = _shape_from_tensor(sp_a.dense_shape)
        if a_shape.rank is None:
            a_shape = TensorShape([None, None])
        left = _dim(a_shape, 1 if adjoint_a else 0)
        right = _dim(b.shape, 0 if adjoint_b else 1)
        return _op("SparseTensorDenseMatMul", None,
                   _sp_inputs(sp_a, "a_") + [(b, "b", None)],
                   [(b.dtype, [left, right])],
                   {"adjoint_a": bool(adjoint_a), "adjoint_b": bool(adjoint_b)})


def _cwise(op_type, sp_x, y, name):
    return _op(op_type, name,
               [(sp_x.indices, "sp_indices", _i64), (sp_x.values, "sp_values", None),
                (sp_x.dense_shape, "sp_shape", _i64), (y, "dense", None)],
               [(sp_x.dtype, [_dim(sp_x.indices.shape, 0)])])


def _binary_sparse(op_type, op_name):
    def wrapper(sp_x, y):
        with name_scope(None, op_name, [sp_x, y]) as name:
            y = convert_to_tensor(y, dtype=sp_x.dtype.base_dtype, name="y")
            return SparseTensor(sp_x.indices, _cwise(op_type, sp_x, y, name),
                                sp_x.dense_shape)
    return wrapper


def _sparse_truediv(sp_x, y):
    with name_scope(None, "truediv", [sp_x, y]) as name:
        y = convert_to_tensor(y, dtype=sp_x.dtype.base_dtype, name="y")
        with name_scope(name, "truediv", [sp_x.indices, sp_x.values, sp_x.dense_shape, y]) as n:
            values = convert_to_tensor(sp_x.values, name="sp_values")
            y = convert_to_tensor(y, name="y")
            if values.dtype.is_integer:
                to = _dtypes.float64 if values.dtype.size > 2 else _dtypes.float32
                values, y = math_ops.cast(values, to), math_ops.cast(y, to)
            vals = _cwise("SparseDenseCwiseDiv", SparseTensor(sp_x.indices, values,
                                                              sp_x.dense_shape), y, n)
        return SparseTensor(sp_x.indices, vals, sp_x.dense_shape)


SparseTensor.__mul__ = _binary_sparse("SparseDenseCwiseMul", "mul")
SparseTensor.__div__ = _binary_sparse("SparseDenseCwiseDiv", "div")
SparseTensor.__truediv__ = _sparse_truediv


