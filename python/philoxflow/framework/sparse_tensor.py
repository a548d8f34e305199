"""Sparse tensors (`tf.SparseTensor`, `tf.SparseTensorValue`), as TF 1.15's
`framework/sparse_tensor.py` has them.

A SparseTensor is no graph node: it is three dense tensors (int64 `indices` [N, rank],
`values` [N], int64 `dense_shape` [rank]) that sparse ops take and give back. Its static
shape is what TF's `constant_value_as_shape` reads from `dense_shape`; reading a
constant value marks the tensor unfeedable, as TF's `tensor_util.constant_value` does
(a Session then raises "Tensor ... may not be fed.").
"""

from __future__ import annotations

import collections

import numpy as np

from . import dtypes as _dtypes
from .composite_tensor import ValuesIndicesShape
from .constant_op import convert_to_tensor
from .ops import Tensor, name_scope
from .tensor_shape import TensorShape

SparseTensorValue = collections.namedtuple("SparseTensorValue",
                                           ["indices", "values", "dense_shape"])


def _unfeedable(graph) -> set:
    """The ids of the graph's tensors TF would refuse to feed (`Graph.prevent_feeding`)."""
    return graph.__dict__.setdefault("_sparse_unfeedable", set())


def is_feedable(tensor: Tensor) -> bool:
    return id(tensor) not in _unfeedable(tensor.graph)


def with_rank(shape: TensorShape, rank: int) -> TensorShape:
    """TF's `TensorShape.with_rank`: `shape` merged with an unknown shape of `rank`."""
    if shape.rank is None:
        return TensorShape([None] * rank)
    if shape.rank != rank:
        raise ValueError(f"Shape {shape} must have rank {rank}")
    return shape


def constant_value(tensor, _fold=False):
    """TF's `tensor_util.constant_value` for the ops sparse code meets (Const, Shape of a
    known shape, Pack, ConcatV2, Cast); marks the tensor unfeedable. `_fold`: what TF's
    C++ shape refiner evaluates instead (through Identity too, marking nothing)."""
    if not isinstance(tensor, Tensor):
        return None
    op = tensor.op
    val = None
    if _fold and op.type == "Identity":
        return constant_value(op.inputs[0], _fold)
    if op.type == "Const":
        val = np.asarray(op.get_attr("value"))
    elif op.type == "Shape" and op.inputs[0].shape.is_fully_defined():
        val = np.array(op.inputs[0].shape.as_list(), dtype=tensor.dtype.as_numpy_dtype)
    elif op.type == "Cast":
        pre = constant_value(op.inputs[0], _fold)
        if pre is not None:
            val = pre.astype(tensor.dtype.as_numpy_dtype)
    elif op.type == "Pack":
        parts = [constant_value(t, _fold) for t in op.inputs]
        if parts and all(p is not None for p in parts):
            val = np.stack(parts)
    elif op.type == "ConcatV2":
        axis = constant_value(op.inputs[-1], _fold)
        parts = [constant_value(t, _fold) for t in op.inputs[:-1]]
        if axis is not None and all(p is not None for p in parts):
            val = np.concatenate(parts, axis=int(axis))
    if val is not None and not _fold:
        _unfeedable(tensor.graph).add(id(tensor))
    return val


def constant_value_as_shape(tensor: Tensor, _fold=False) -> TensorShape:
    """TF's `tensor_util.constant_value_as_shape`: the partial shape a shape tensor denotes
    (`_fold`: as TF's C++ shape functions read a shape input)."""
    if _fold and tensor.op.type == "Identity":
        return constant_value_as_shape(tensor.op.inputs[0], _fold)
    if tensor.shape.rank == 0:
        value = constant_value(tensor, _fold)
        if value is None:
            raise ValueError("Received a scalar with unknown value as shape; require a "
                             "statically known scalar with value '-1' to describe an "
                             "unknown shape.")
        if value != -1:
            raise ValueError(f"Received a scalar value '{value}' as shape; require a "
                             "statically known scalar with value '-1' to describe an "
                             "unknown shape.")
        return TensorShape(None)
    shape = with_rank(tensor.shape, 1)
    if shape.as_list() == [0]:
        return TensorShape([])
    op = tensor.op
    if op.type == "Shape":
        return op.inputs[0].shape
    if op.type == "Pack":
        dims = []
        for t in op.inputs:
            v = constant_value(t, _fold)
            dims.append(None if v is None or v == -1 else int(v))
        return TensorShape(dims)
    if op.type == "ConcatV2":
        ret = TensorShape([])
        for t in op.inputs[:-1]:
            ret = ret.concatenate(constant_value_as_shape(t, _fold))
        return ret
    if op.type == "StridedSlice":
        sliced = _strided_slice_shape(op, _fold)
        if sliced is not None:
            return sliced
    ret = TensorShape([None] * shape.as_list()[0] if shape.as_list()[0] is not None
                      else None)
    value = constant_value(tensor, _fold)
    if value is not None:
        ret = ret.merge_with(TensorShape([int(d) if d >= 0 else None for d in value]))
    return ret


def _strided_slice_shape(op, _fold=False):
    """TF's case for a 1-D slice (`shape[:-1]`) of a shape tensor: the slice of its shape."""
    begin, end, strides = (constant_value(t, _fold) for t in op.inputs[1:4])
    if begin is None or end is None or strides is None:
        return None
    begin, end, strides = int(begin[0]), int(end[0]), int(strides[0])
    masks = {k: op.get_attr(k) for k in ("begin_mask", "end_mask", "ellipsis_mask",
                                         "new_axis_mask", "shrink_axis_mask")}
    if masks["ellipsis_mask"] or masks["new_axis_mask"] or masks["shrink_axis_mask"]:
        return None
    if masks["begin_mask"] not in (0, 1) or masks["end_mask"] not in (0, 1):
        return None
    begin = None if masks["begin_mask"] == 1 else begin
    end = None if masks["end_mask"] == 1 else end
    prev = constant_value_as_shape(op.inputs[0], _fold)
    if prev.rank is None:
        return prev
    return TensorShape(prev.as_list()[begin:end:strides])


class SparseTensor(ValuesIndicesShape):
    """`tf.SparseTensor`: `indices` [N, rank] int64, `values` [N], `dense_shape` [rank]."""

    @classmethod
    def from_value(cls, sparse_tensor_value):
        if not is_sparse(sparse_tensor_value):
            raise TypeError(f"Neither a SparseTensor nor SparseTensorValue: "
                            f"{sparse_tensor_value}.")
        return SparseTensor(indices=sparse_tensor_value.indices,
                            values=sparse_tensor_value.values,
                            dense_shape=sparse_tensor_value.dense_shape)

    def __init__(self, indices, values, dense_shape):
        with name_scope(None, "SparseTensor", [indices, values, dense_shape]):
            indices = convert_to_tensor(indices, name="indices", dtype=_dtypes.int64)
            values = convert_to_tensor(values, name="values")
            dense_shape = convert_to_tensor(dense_shape, name="dense_shape",
                                            dtype=_dtypes.int64)
        self._indices = indices
        self._values = values
        self._dense_shape = dense_shape
        indices_shape = with_rank(indices.shape, 2)
        values_shape = with_rank(values.shape, 1)
        dense_shape_shape = with_rank(dense_shape.shape, 1)
        # TF checks (and discards) the merges: incompatible sizes raise ValueError.
        indices_shape.dims[0].merge_with(values_shape.dims[0])
        indices_shape.dims[1].merge_with(dense_shape_shape.dims[0])

    @property
    def graph(self):
        return self._indices.graph

    @property
    def shape(self) -> TensorShape:
        """The dense tensor's static shape, from `dense_shape`'s constant value."""
        return constant_value_as_shape(self._dense_shape)

    def get_shape(self) -> TensorShape:
        return constant_value_as_shape(self._dense_shape)

    def consumers(self):
        seen = []
        for t in (self._indices, self._values, self._dense_shape):
            for op in t.consumers():
                if op not in seen:
                    seen.append(op)
        return seen

    def eval(self, feed_dict=None, session=None) -> SparseTensorValue:
        from .ops import _session_for

        return _session_for(self._indices, session).run(self, feed_dict)

    def __str__(self):
        return (f"SparseTensor(indices={self._indices}, values={self._values}, "
                f"dense_shape={self._dense_shape})")

    __repr__ = __str__


def is_sparse(x) -> bool:
    """Whether `x` is a SparseTensor or SparseTensorValue."""
    return isinstance(x, (SparseTensor, SparseTensorValue))


def convert_to_tensor_or_sparse_tensor(value, dtype=None, name=None):
    """`tf.convert_to_tensor_or_sparse_tensor`: SparseTensorValues become SparseTensors."""
    if dtype is not None:
        dtype = _dtypes.as_dtype(dtype)
    if isinstance(value, SparseTensorValue):
        value = SparseTensor.from_value(value)
    if isinstance(value, SparseTensor):
        if dtype and not dtype.is_compatible_with(value.dtype):
            raise RuntimeError(f"Sparse dtype: requested = {dtype}, actual = {value.dtype}")
        return value
    return convert_to_tensor(value, dtype=dtype, name=name)
