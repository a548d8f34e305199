"""`tf.contrib.layers`' embedding helpers (TF 1.15 `contrib/layers/python/layers/
embedding_ops.py`, `encoders.py`, `ops/sparse_ops.py`, `ops/bucketization_op.py`):
`safe_embedding_lookup_sparse` (the core one, with contrib's combiner default),
`embedding_lookup_unique`, the bag-of-words encoder and `bucketize`."""

from __future__ import annotations

import re
import sys

from ...framework import dtypes
from ...framework.constant_op import convert_to_tensor
from ...framework.op_def_library import apply_op_helper
from ...framework.ops import name_scope
from ...framework.sparse_tensor import SparseTensor
from ...ops import array_ops, math_ops, nn_ops
from ...ops import embedding_ops as _core
from ...ops import variable_scope as vs
from ...ops.array_ops_ext import gather_nd, unique, where
from ...ops.check_ops import assert_same_float_dtype
from ...ops.partitioned_variables import PartitionedVariable
from ..framework import variables as slim_vars

__all__ = ["safe_embedding_lookup_sparse", "embedding_lookup_unique", "bow_encoder",
           "bucketize", "make_all", "SPARSE_FEATURE_CROSS_DEFAULT_HASH_KEY"]

# `sparse_feature_cross`'s default hash key (its op is not in TF 1.15's core registry).
SPARSE_FEATURE_CROSS_DEFAULT_HASH_KEY = 956888297470


def safe_embedding_lookup_sparse(embedding_weights, sparse_ids, sparse_weights=None,
                                 combiner=None, default_id=None, name=None,
                                 partition_strategy="div", max_norm=None):
    """`tf.nn.safe_embedding_lookup_sparse` with `combiner=None` meaning "mean" (the same
    graph as the core one)."""
    if combiner is None:
        combiner = "mean"
    weights = embedding_weights
    if isinstance(weights, PartitionedVariable):
        weights = list(weights)
    if isinstance(weights, list) and weights:
        dtype = sparse_weights.dtype if sparse_weights is not None else None
        assert_same_float_dtype([convert_to_tensor(w, dtype=dtype) for w in weights]
                                + [sparse_weights])
    return _core.safe_embedding_lookup_sparse(
        embedding_weights, sparse_ids, sparse_weights, combiner=combiner,
        default_id=default_id, name=name, partition_strategy=partition_strategy,
        max_norm=max_norm)


def embedding_lookup_unique(params, ids, partition_strategy="mod", name=None):
    """An embedding lookup of each distinct id once, gathered back to `ids`' shape."""
    with name_scope(name, "EmbeddingLookupUnique", [params, ids]):
        ids = convert_to_tensor(ids)
        shape = array_ops.shape(ids)
        ids_flat = array_ops.reshape(ids, math_ops.reduce_prod(shape, keepdims=True))
        unique_ids, idx = unique(ids_flat)
        unique_embeddings = nn_ops.embedding_lookup(params, unique_ids, partition_strategy)
        embeds_flat = array_ops.gather(unique_embeddings, idx)
        embed_shape = array_ops.concat([shape, array_ops.shape(unique_embeddings)[1:]], 0)
        embeds = array_ops.reshape(embeds_flat, embed_shape)
        embeds.set_shape(ids.shape.concatenate(unique_embeddings.shape[1:]))
        return embeds


def _dense_to_sparse_tensor(dense_tensor, ignore_value=None):
    with name_scope("DenseToSparseTensor"):
        dense_tensor = convert_to_tensor(dense_tensor)
        if ignore_value is None:
            ignore_value = "" if dense_tensor.dtype == dtypes.string \
                else dense_tensor.dtype.as_numpy_dtype()
        ignore_value = math_ops.cast(ignore_value, dense_tensor.dtype, name="ignore_value")
        indices = where(math_ops.not_equal(dense_tensor, ignore_value), name="indices")
        return SparseTensor(indices=indices,
                            values=gather_nd(dense_tensor, indices, name="values"),
                            dense_shape=array_ops.shape(dense_tensor, out_type=dtypes.int64,
                                                        name="dense_shape"))


def bow_encoder(ids, vocab_size, embed_dim, sparse_lookup=True, initializer=None,
                regularizer=None, trainable=True, scope=None, reuse=None):
    """The mean of the embeddings of a bag of ids (a model variable `embeddings`)."""
    if not vocab_size or not embed_dim:
        raise ValueError("Must specify vocab size and embedding dimension")
    with vs.variable_scope(scope, "bow_encoder", [ids], reuse=reuse):
        embeddings = slim_vars.model_variable("embeddings", shape=[vocab_size, embed_dim],
                                              initializer=initializer,
                                              regularizer=regularizer, trainable=trainable)
        if sparse_lookup:
            sparse_ids = ids if isinstance(ids, SparseTensor) else _dense_to_sparse_tensor(ids)
            return safe_embedding_lookup_sparse([embeddings], sparse_ids, combiner="mean",
                                                default_id=0)
        if isinstance(ids, SparseTensor):
            raise TypeError("ids are expected to be dense Tensor, got: %s", ids)
        return math_ops.reduce_mean(nn_ops.embedding_lookup(embeddings, ids), axis=1)


def bucketize(input_tensor, boundaries, name=None):
    """The index of the bucket of each value (TF's `Bucketize` op)."""
    return apply_op_helper("Bucketize", name, input=input_tensor,
                           boundaries=boundaries).outputs[0]


_REFERENCE = re.compile(r"^@@(\w+)", flags=re.MULTILINE)


def make_all(module_name, doc_string_modules=None):
    """The `@@name` references of the modules' docstrings that `module_name` defines."""
    if doc_string_modules is None:
        doc_string_modules = [sys.modules[module_name]]
    members = set(dir(sys.modules[module_name]))
    return list({m.group(1) for mod in doc_string_modules
                 for m in _REFERENCE.finditer(mod.__doc__ or "") if m.group(1) in members})
