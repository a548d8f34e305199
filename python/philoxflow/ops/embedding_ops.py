"""Sparse embedding lookups (`embedding_ops.py`): `tf.nn.embedding_lookup_sparse` and
`tf.nn.safe_embedding_lookup_sparse`, built op for op as TF 1.15 builds them for one
(unpartitioned) embedding tensor or variable.

The segment ops (SegmentSum, SparseSegmentMean, ...) are built for structure only.
"""

from __future__ import annotations

import logging

from ..framework import dtypes as _dtypes
from ..framework.constant_op import convert_to_tensor
from ..framework.ops import Tensor, name_scope
from ..framework.sparse_tensor import SparseTensor
from ..framework.tensor_shape import TensorShape, dimension_value
from . import array_ops, math_ops, sparse_ops
from .gen import apply_op
from .nn_ops import embedding_lookup

_COMBINERS = ("mean", "sqrtn", "sum")


def _segment_shape(data):
    s = data.shape
    return TensorShape(None) if s.rank is None else TensorShape([None] + s.as_list()[1:])


def _segment(op_type, data, segment_ids, name=None, indices=None):
    """A segment reduction (SegmentSum, SparseSegmentMean, ...): [?] + data's inner dims."""
    ins = [(data, "data", None)]
    if indices is not None:
        ins.append((indices, "indices", None))
    ins.append((segment_ids, "segment_ids", None))
    return apply_op(op_type, name, ins, dtype=data.dtype, shape=_segment_shape(data))


def _unique(x):
    """`tf.unique`: the Unique op's (y, idx)."""
    x = convert_to_tensor(x)
    return apply_op("Unique", None, [(x, "x", None)],
                    outputs=[(x.dtype, [None]), (_dtypes.int32, x.shape)],
                    attrs={"out_idx": _dtypes.int32})


def embedding_lookup_sparse(params, sp_ids, sp_weights, partition_strategy="mod", name=None,
                            combiner=None, max_norm=None) -> Tensor:
    """`tf.nn.embedding_lookup_sparse` (v1): per-row combined embeddings of `sp_ids`."""
    if combiner is None:
        logging.getLogger("philoxflow").warning(
            'The default value of combiner will change from "mean" to "sqrtn" after '
            '2016/11/01.')
        combiner = "mean"
    if combiner not in _COMBINERS:
        raise ValueError("combiner must be one of 'mean', 'sqrtn' or 'sum'")
    if not isinstance(params, list):
        params = [params]
    if not isinstance(sp_ids, SparseTensor):
        raise TypeError("sp_ids must be SparseTensor")
    ignore_weights = sp_weights is None
    if not ignore_weights:
        if not isinstance(sp_weights, SparseTensor):
            raise TypeError("sp_weights must be either None or SparseTensor")
        for a, b in ((sp_ids.values, sp_weights.values), (sp_ids.indices, sp_weights.indices),
                     (sp_ids.dense_shape, sp_weights.dense_shape)):
            if not a.shape.is_compatible_with(b.shape):
                raise ValueError(f"Shapes {a.shape} and {b.shape} are incompatible")
    with name_scope(name, "embedding_lookup_sparse", params + [sp_ids]) as name:
        segment_ids = sp_ids.indices[:, 0]
        if segment_ids.dtype != _dtypes.int32:
            segment_ids = math_ops.cast(segment_ids, _dtypes.int32)
        ids, idx = _unique(sp_ids.values)
        embeddings = embedding_lookup(params, ids, partition_strategy=partition_strategy,
                                      max_norm=max_norm)
        if embeddings.dtype in (_dtypes.float16, _dtypes.bfloat16):
            embeddings = math_ops.cast(embeddings, _dtypes.float32)
        if ignore_weights:
            op = {"sum": "SparseSegmentSum", "mean": "SparseSegmentMean",
                  "sqrtn": "SparseSegmentSqrtN"}[combiner]
            return _segment(op, embeddings, segment_ids, name=name, indices=idx)
        weights = sp_weights.values
        if weights.dtype != embeddings.dtype:
            weights = math_ops.cast(weights, embeddings.dtype)
        embeddings = array_ops.gather(embeddings, idx)
        ones = array_ops.fill(array_ops.expand_dims(array_ops.rank(embeddings) - 1, 0), 1)
        if embeddings.shape.rank is not None:  # TF's shape refiner folds the constant rank
            ones.set_shape([embeddings.shape.rank - 1])
        bcast_weights_shape = array_ops.concat([array_ops.shape(weights), ones], 0)
        orig_weights_shape = weights.shape
        weights = array_ops.reshape(weights, bcast_weights_shape)
        if embeddings.shape.rank is not None:
            weights.set_shape(orig_weights_shape.concatenate(
                [1] * (embeddings.shape.rank - 1)))
        embeddings = embeddings * weights
        if combiner == "sum":
            return _segment("SegmentSum", embeddings, segment_ids, name=name)
        embeddings = _segment("SegmentSum", embeddings, segment_ids)
        if combiner == "mean":
            weight_sum = _segment("SegmentSum", weights, segment_ids)
            return math_ops.div(embeddings, weight_sum, name=name)
        weights_squared = math_ops.pow(weights, 2)
        weight_sum = _segment("SegmentSum", weights_squared, segment_ids)
        weight_sum_sqrt = math_ops.sqrt(weight_sum)
        return math_ops.div(embeddings, weight_sum_sqrt, name=name)


def _prune_invalid_ids(sparse_ids, sparse_weights):
    is_id_valid = math_ops.greater_equal(sparse_ids.values, 0)
    if sparse_weights is not None:
        ones = array_ops.ones_like(sparse_weights.values, dtype=_dtypes.bool)
        is_id_valid = apply_op("LogicalAnd", None, [(is_id_valid, "x", None),
                                                    (ones, "y", None)],
                               dtype=_dtypes.bool, shape=is_id_valid.shape)
    sparse_ids = sparse_ops.sparse_retain(sparse_ids, is_id_valid)
    if sparse_weights is not None:
        sparse_weights = sparse_ops.sparse_retain(sparse_weights, is_id_valid)
    return sparse_ids, sparse_weights


def _prune_invalid_weights(sparse_ids, sparse_weights):
    if sparse_weights is not None:
        is_weights_valid = math_ops.greater(sparse_weights.values, 0)
        sparse_ids = sparse_ops.sparse_retain(sparse_ids, is_weights_valid)
        sparse_weights = sparse_ops.sparse_retain(sparse_weights, is_weights_valid)
    return sparse_ids, sparse_weights


def safe_embedding_lookup_sparse(embedding_weights, sparse_ids, sparse_weights=None,
                                 combiner="mean", default_id=None, name=None,
                                 partition_strategy="div", max_norm=None) -> Tensor:
    """`tf.nn.safe_embedding_lookup_sparse` (v1): invalid ids and weights pruned, empty
    rows filled (zeros, or `default_id`'s embedding)."""
    if embedding_weights is None:
        raise ValueError(f"Missing embedding_weights {embedding_weights}.")
    if not isinstance(embedding_weights, list):
        embedding_weights = [embedding_weights]
    if len(embedding_weights) < 1:
        raise ValueError(f"Missing embedding_weights {embedding_weights}.")
    dtype = sparse_weights.dtype if sparse_weights is not None else None
    embedding_weights = [convert_to_tensor(w, dtype=dtype) for w in embedding_weights]
    with name_scope(name, "embedding_lookup",
                    embedding_weights + [sparse_ids, sparse_weights]) as scope:
        original_shape = sparse_ids.dense_shape
        original_rank_dim = dimension_value(sparse_ids.dense_shape.shape[0])
        original_rank = (array_ops.size(original_shape) if original_rank_dim is None
                         else original_rank_dim)
        sparse_ids = sparse_ops.sparse_reshape(sparse_ids, [
            math_ops.reduce_prod(array_ops.slice(original_shape, [0], [original_rank - 1])),
            array_ops.gather(original_shape, original_rank - 1)])
        if sparse_weights is not None:
            sparse_weights = SparseTensor(sparse_ids.indices, sparse_weights.values,
                                          sparse_ids.dense_shape)
        sparse_ids, sparse_weights = _prune_invalid_ids(sparse_ids, sparse_weights)
        if combiner != "sum":
            sparse_ids, sparse_weights = _prune_invalid_weights(sparse_ids, sparse_weights)
        sparse_ids, is_row_empty = sparse_ops.sparse_fill_empty_rows(sparse_ids,
                                                                     default_id or 0)
        if sparse_weights is not None:
            sparse_weights, _ = sparse_ops.sparse_fill_empty_rows(sparse_weights, 1.0)
        result = embedding_lookup_sparse(
            embedding_weights, sparse_ids, sparse_weights, combiner=combiner,
            partition_strategy=partition_strategy,
            name=None if default_id is None else scope, max_norm=max_norm)
        if default_id is None:
            is_row_empty = array_ops.tile(
                array_ops.reshape(is_row_empty, [-1, 1]),
                array_ops.stack([1, array_ops.shape(result)[1]]))
            is_row_empty.set_shape([None, None])  # TF's Tile keeps the input's rank
            zeros = array_ops.zeros_like(result)
            result = apply_op("Select", scope, [(is_row_empty, "condition", None),
                                                (zeros, "t", None), (result, "e", None)],
                              dtype=result.dtype, shape=result.shape)
        final_result = array_ops.reshape(result, array_ops.concat([
            array_ops.slice(math_ops.cast(original_shape, _dtypes.int32), [0],
                            [original_rank - 1]),
            array_ops.slice(array_ops.shape(result), [1], [-1])], 0))
        inner = result.shape
        inner = TensorShape(None) if inner.rank is None else TensorShape(inner.as_list()[1:])
        lead = None if original_rank_dim is None else original_rank_dim - 1
        if original_shape.op.type == "Const" and inner.rank is not None:
            # TF's shape refiner folds the constant dense shape into the Reshape.
            lead_dims = [int(d) for d in original_shape.op.get_attr("value")[:-1]]
            final_result.set_shape(TensorShape(lead_dims).concatenate(inner))
        final_result.set_shape(TensorShape(None if lead is None else [None] * lead).concatenate(
            inner))
        return final_result
