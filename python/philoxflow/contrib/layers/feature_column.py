"""TF 1.15's contrib feature columns (`contrib/layers/python/layers/feature_column.py`):
immutable column descriptions (namedtuples: their `repr` is the key that orders them)
that turn a features dict into tensors — hashed, integerized and keyed sparse ids,
weights, one-hot and embedding columns, real values and their buckets.

Keyed/vocabulary-file columns need lookup tables and crossed columns TF's contrib
`SparseFeatureCross` op, which philoxflow does not have: they are described (names,
keys, parsing specs) but transforming them raises NotImplementedError."""

from __future__ import annotations

import collections
import math

from ...framework import dtypes
from ...framework.ops import get_default_graph, name_scope
from ...framework.sparse_tensor import SparseTensor
from ...ops import array_ops, check_ops, math_ops, sparse_ops
from ...ops.init_ops import truncated_normal_initializer, zeros_initializer
from ..framework import variables as slim_vars
from . import embedding_ops as _emb
from .embedding_ops import _dense_to_sparse_tensor


def _string_ops():
    """TF's generated string-op wrappers (`tf.as_string`, `tf.string_to_hash_bucket_*`)."""
    import philoxflow

    return philoxflow


_VarLen = collections.namedtuple("VarLenFeature", ["dtype"])
_FixedLen = collections.namedtuple("FixedLenFeature", ["shape", "dtype", "default_value"])


def _parsing_features():
    """`tf.VarLenFeature`/`FixedLenFeature` where philoxflow has them, else same-named
    stand-ins (only read for their dtype and shape here)."""
    try:
        from ...ops import parsing_ops

        return parsing_ops.VarLenFeature, parsing_ops.FixedLenFeature
    except (ImportError, AttributeError):
        return _VarLen, _FixedLen


_LinearEmbeddingLookupArguments = collections.namedtuple(
    "_LinearEmbeddingLookupArguments",
    ["input_tensor", "weight_tensor", "vocab_size", "initializer", "combiner"])
_DeepEmbeddingLookupArguments = collections.namedtuple(
    "_DeepEmbeddingLookupArguments",
    ["input_tensor", "weight_tensor", "vocab_size", "initializer", "combiner", "dimension",
     "shared_embedding_name", "hash_key", "max_norm", "trainable"])


class _FeatureColumn:
    def insert_transformed_feature(self, columns_to_tensors):
        raise NotImplementedError("Transform is not implemented for {}.".format(self))

    def _to_dnn_input_layer(self, input_tensor, weight_collection=None, trainable=True,
                            output_rank=2):
        raise ValueError("Calling an abstract method.")

    def _deep_embedding_lookup_arguments(self, input_tensor):
        raise NotImplementedError("No deep embedding lookup arguments for column {}."
                                  .format(self))

    def _wide_embedding_lookup_arguments(self, input_tensor):
        raise NotImplementedError("No wide embedding lookup arguments for column {}."
                                  .format(self))

    def _to_dense_tensor(self, input_tensor):
        raise NotImplementedError("No dense tensor representation for column {}."
                                  .format(self))

    def _checkpoint_path(self):
        return None

    def _key_without_properties(self, properties):
        values = ["{}={}".format(k, self[i]) for i, k in enumerate(self._fields)
                  if k not in properties]
        return "{}({})".format(type(self).__name__, ", ".join(values))

    @property
    def key(self):
        return "{}".format(self)


_SparseIdLookupConfig = collections.namedtuple(
    "_SparseIdLookupConfig",
    ["vocabulary_file", "keys", "num_oov_buckets", "vocab_size", "default_value"])
_SparseIdLookupConfig.__new__.__defaults__ = (None, None, 0, None, -1)


def _inner_flatten(inputs, new_rank):
    """contrib.layers' `_inner_flatten`: the dimensions from `new_rank - 1` on merged."""
    with name_scope(None, "InnerFlatten", [inputs, new_rank]):
        if isinstance(inputs, SparseTensor):
            rank = inputs.dense_shape.shape.as_list()[0]
            if rank < new_rank:
                raise ValueError("Inputs has rank less than new_rank. {} must have rank at "
                                 "least {}. Received rank {}, shape {}".format(
                                     inputs, new_rank, rank, inputs.shape))
            new_shape = array_ops.concat((inputs.dense_shape[:new_rank - 1],
                                          [math_ops.reduce_prod(
                                              inputs.dense_shape[new_rank - 1:])]), 0)
            return sparse_ops.sparse_reshape(inputs, new_shape)
        assertion = check_ops.assert_rank_at_least(
            inputs, new_rank, message="inputs has rank less than new_rank")
        with get_default_graph().control_dependencies([assertion]):
            outer = array_ops.strided_slice(array_ops.shape(inputs), [0], [new_rank - 1])
            reshaped = array_ops.reshape(inputs, array_ops.concat((outer, [-1]), 0))
        static = inputs.shape
        if static.dims is not None:
            dims = static.as_list()
            inner = 1
            for d in dims[new_rank - 1:]:
                inner = None if d is None or inner is None else inner * d
            reshaped.set_shape(dims[:new_rank - 1] + [inner])
        return reshaped


def _reshape_real_valued_tensor(input_tensor, output_rank, column_name=None):
    input_rank = input_tensor.shape.ndims
    if input_rank is not None:
        if output_rank > input_rank + 1:
            msg = ("Rank of input Tensor ({}) should be the same as output_rank ({}). For "
                   "example, sequence data should typically be 3 dimensional (rank 3) while "
                   "non-sequence data is typically 2 dimensional (rank 2).".format(
                       input_rank, output_rank))
            if column_name is not None:
                msg = "Error while processing column {}.".format(column_name) + msg
            raise ValueError(msg)
        if output_rank == input_rank + 1:
            return array_ops.expand_dims(input_tensor, -1, name="expand_dims")
        if output_rank == input_rank:
            return input_tensor
    return _inner_flatten(input_tensor, output_rank)


class _SparseColumn(_FeatureColumn, collections.namedtuple("_SparseColumn", [
        "column_name", "is_integerized", "bucket_size", "lookup_config", "combiner",
        "dtype"])):
    def __new__(cls, column_name, is_integerized=False, bucket_size=None, lookup_config=None,
                combiner="sum", dtype=dtypes.string):
        if is_integerized and bucket_size is None:
            raise ValueError("bucket_size must be set if is_integerized is True. "
                             "column_name: {}".format(column_name))
        if is_integerized and not dtype.is_integer:
            raise ValueError("dtype must be an integer if is_integerized is True. "
                             "dtype: {}, column_name: {}.".format(dtype, column_name))
        if dtype != dtypes.string and not dtype.is_integer:
            raise ValueError("dtype must be string or integer. dtype: {}, column_name: {}"
                             .format(dtype, column_name))
        if bucket_size is None and lookup_config is None:
            raise ValueError("one of bucket_size or lookup_config must be set. "
                             "column_name: {}".format(column_name))
        if bucket_size is not None and lookup_config:
            raise ValueError("one and only one of bucket_size or lookup_config must be set. "
                             "column_name: {}".format(column_name))
        if bucket_size is not None and bucket_size < 1:
            raise ValueError("bucket_size must be at least 1. bucket_size: {}, column_name: {}"
                             .format(bucket_size, column_name))
        if lookup_config and not isinstance(lookup_config, _SparseIdLookupConfig):
            raise TypeError("lookup_config must be an instance of _SparseIdLookupConfig. "
                            "Given one is in type {} for column_name {}".format(
                                type(lookup_config), column_name))
        if lookup_config and lookup_config.vocabulary_file and lookup_config.vocab_size is None:
            raise ValueError("vocab_size must be defined. column_name: {}".format(column_name))
        return super().__new__(cls, column_name, is_integerized=is_integerized,
                               bucket_size=bucket_size, lookup_config=lookup_config,
                               combiner=combiner, dtype=dtype)

    @property
    def name(self):
        return self.column_name

    @property
    def length(self):
        if self.bucket_size is not None:
            return self.bucket_size
        return self.lookup_config.vocab_size + self.lookup_config.num_oov_buckets

    @property
    def config(self):
        return {self.column_name: _parsing_features()[0](self.dtype)}

    key = _FeatureColumn.key

    def id_tensor(self, input_tensor):
        return input_tensor

    def weight_tensor(self, input_tensor):
        return None

    def _to_dnn_input_layer(self, input_tensor, weight_collections=None, trainable=True,
                            output_rank=2):
        raise ValueError("SparseColumn is not supported in DNN. Please use embedding_column "
                         "or one_hot_column. column: {}".format(self))

    def _wide_embedding_lookup_arguments(self, input_tensor):
        return _LinearEmbeddingLookupArguments(
            input_tensor=self.id_tensor(input_tensor),
            weight_tensor=self.weight_tensor(input_tensor), vocab_size=self.length,
            initializer=zeros_initializer(), combiner=self.combiner)

    def _get_input_sparse_tensor(self, input_tensor):
        if not isinstance(input_tensor, SparseTensor):
            ignore_value = "" if input_tensor.dtype == dtypes.string else -1
            input_tensor = _reshape_real_valued_tensor(input_tensor, 2, self.name)
            input_tensor = _dense_to_sparse_tensor(input_tensor, ignore_value=ignore_value)
        return input_tensor

    def is_compatible(self, other_column):
        if self.lookup_config and other_column.lookup_config:
            return self.lookup_config == other_column.lookup_config
        return self.length == other_column.length and (
            self.dtype == other_column.dtype
            or (self.dtype.is_integer and other_column.dtype.is_integer))

    def insert_transformed_feature(self, columns_to_tensors):
        input_tensor = self._get_input_sparse_tensor(columns_to_tensors[self.name])
        columns_to_tensors[self] = self._do_transform(input_tensor)


class _SparseColumnIntegerized(_SparseColumn):
    def _do_transform(self, input_tensor):
        values = math_ops.floormod(input_tensor.values, self.bucket_size, name="mod")
        return SparseTensor(input_tensor.indices, values, input_tensor.dense_shape)


class _SparseColumnHashed(_SparseColumn):
    def __new__(cls, column_name, is_integerized=False, bucket_size=None, lookup_config=None,
                combiner="sum", dtype=dtypes.string, hash_keys=None):
        if hash_keys is not None:
            if not isinstance(hash_keys, list) or not hash_keys:
                raise ValueError("hash_keys must be a non-empty list.")
            if (any(not isinstance(p, list) for p in hash_keys)
                    or any(len(p) != 2 for p in hash_keys)
                    or any(not isinstance(k, int) for p in hash_keys for k in p)):
                raise ValueError("Each element of hash_keys must be a pair of integers.")
        obj = super().__new__(cls, column_name, is_integerized=is_integerized,
                              bucket_size=bucket_size, lookup_config=lookup_config,
                              combiner=combiner, dtype=dtype)
        obj.hash_keys = hash_keys
        return obj

    def _do_transform(self, input_tensor):
        values = _string_ops().as_string(input_tensor.values) if self.dtype.is_integer \
            else input_tensor.values
        if self.hash_keys:
            result = [SparseTensor(input_tensor.indices,
                                   _string_ops().string_to_hash_bucket_strong(
                                       values, self.bucket_size, key),
                                   input_tensor.dense_shape) for key in self.hash_keys]
            return sparse_ops.sparse_concat(axis=1, sp_inputs=result, name="lookup")
        ids = _string_ops().string_to_hash_bucket_fast(values, self.bucket_size, name="lookup")
        return SparseTensor(input_tensor.indices, ids, input_tensor.dense_shape)


class _SparseColumnKeys(_SparseColumn):
    def _do_transform(self, input_tensor):
        raise NotImplementedError("philoxflow has no lookup tables (index_table_from_tensor)")


class _SparseColumnVocabulary(_SparseColumn):
    def _do_transform(self, st):
        raise NotImplementedError("philoxflow has no lookup tables (index_table_from_file)")


def sparse_column_with_integerized_feature(column_name, bucket_size, combiner="sum",
                                           dtype=dtypes.int64):
    return _SparseColumnIntegerized(column_name, is_integerized=True,
                                    bucket_size=bucket_size, combiner=combiner, dtype=dtype)


def sparse_column_with_hash_bucket(column_name, hash_bucket_size, combiner="sum",
                                   dtype=dtypes.string, hash_keys=None):
    return _SparseColumnHashed(column_name, bucket_size=hash_bucket_size, combiner=combiner,
                               dtype=dtype, hash_keys=hash_keys)


def sparse_column_with_keys(column_name, keys, default_value=-1, combiner="sum",
                            dtype=dtypes.string):
    keys = tuple(keys)
    return _SparseColumnKeys(column_name, lookup_config=_SparseIdLookupConfig(
        keys=keys, vocab_size=len(keys), default_value=default_value), combiner=combiner,
        dtype=dtype)


def sparse_column_with_vocabulary_file(column_name, vocabulary_file, num_oov_buckets=0,
                                       vocab_size=None, default_value=-1, combiner="sum",
                                       dtype=dtypes.string):
    if vocab_size is None:
        raise ValueError("vocab_size should be defined. column_name: {}".format(column_name))
    return _SparseColumnVocabulary(column_name, lookup_config=_SparseIdLookupConfig(
        vocabulary_file=vocabulary_file, num_oov_buckets=num_oov_buckets,
        vocab_size=vocab_size, default_value=default_value), combiner=combiner, dtype=dtype)


class _WeightedSparseColumn(_FeatureColumn, collections.namedtuple(
        "_WeightedSparseColumn", ["sparse_id_column", "weight_column_name", "dtype"])):
    @property
    def name(self):
        return "{}_weighted_by_{}".format(self.sparse_id_column.name, self.weight_column_name)

    @property
    def length(self):
        return self.sparse_id_column.length

    @property
    def config(self):
        config = _get_feature_config(self.sparse_id_column)
        config.update({self.weight_column_name: _parsing_features()[0](self.dtype)})
        return config

    @property
    def lookup_config(self):
        return self.sparse_id_column.lookup_config

    key = _FeatureColumn.key

    def id_tensor(self, input_tensor):
        return input_tensor[0]

    def weight_tensor(self, input_tensor):
        return input_tensor[1]

    def _to_dnn_input_layer(self, input_tensor, weight_collections=None, trainable=True,
                            output_rank=2):
        raise ValueError("WeightedSparseColumn is not supported in DNN. Please use "
                         "embedding_column or one_hot_column. column: {}".format(self))

    def _wide_embedding_lookup_arguments(self, input_tensor):
        return _LinearEmbeddingLookupArguments(
            input_tensor=self.id_tensor(input_tensor),
            weight_tensor=self.weight_tensor(input_tensor), vocab_size=self.length,
            initializer=zeros_initializer(), combiner=self.sparse_id_column.combiner)

    def _do_transform(self, id_tensor, weight_tensor):
        if not isinstance(weight_tensor, SparseTensor):
            weight_tensor = _dense_to_sparse_tensor(weight_tensor)
        if not self.dtype.is_floating:
            weight_tensor = math_ops.cast(weight_tensor, dtypes.float32)
        return (id_tensor, weight_tensor)

    def insert_transformed_feature(self, columns_to_tensors):
        if self.sparse_id_column not in columns_to_tensors:
            self.sparse_id_column.insert_transformed_feature(columns_to_tensors)
        columns_to_tensors[self] = self._do_transform(
            columns_to_tensors[self.sparse_id_column],
            columns_to_tensors[self.weight_column_name])

    def is_compatible(self, other_column):
        if isinstance(other_column, _WeightedSparseColumn):
            return self.sparse_id_column.is_compatible(other_column.sparse_id_column)
        return self.sparse_id_column.is_compatible(other_column)


def weighted_sparse_column(sparse_id_column, weight_column_name, dtype=dtypes.float32):
    if not (dtype.is_integer or dtype.is_floating):
        raise ValueError("dtype is not convertible to float. Given {}".format(dtype))
    return _WeightedSparseColumn(sparse_id_column, weight_column_name, dtype)


class _OneHotColumn(_FeatureColumn, collections.namedtuple("_OneHotColumn",
                                                           ["sparse_id_column"])):
    @property
    def name(self):
        return "{}_one_hot".format(self.sparse_id_column.name)

    @property
    def length(self):
        return self.sparse_id_column.length

    @property
    def config(self):
        return _get_feature_config(self.sparse_id_column)

    key = _FeatureColumn.key

    def insert_transformed_feature(self, columns_to_tensors):
        if self.sparse_id_column not in columns_to_tensors:
            self.sparse_id_column.insert_transformed_feature(columns_to_tensors)
        columns_to_tensors[self] = columns_to_tensors[self.sparse_id_column]

    def _to_dnn_input_layer(self, transformed_input_tensor, unused_weight_collections=None,
                            unused_trainable=False, output_rank=2):
        ids = _inner_flatten(self.sparse_id_column.id_tensor(transformed_input_tensor),
                             output_rank)
        weight_tensor = self.sparse_id_column.weight_tensor(transformed_input_tensor)
        if weight_tensor is not None:
            weighted = sparse_ops.sparse_merge(sp_ids=ids, sp_values=weight_tensor,
                                               vocab_size=self.length)
            weighted = sparse_ops.sparse_slice(
                weighted, array_ops.zeros_like(weighted.dense_shape), weighted.dense_shape)
            dense = sparse_ops.sparse_tensor_to_dense(weighted)
            batch_shape = array_ops.shape(dense)[:-1]
            return array_ops.reshape(dense, array_ops.concat([batch_shape, [self.length]],
                                                             axis=0))
        dense_ids = sparse_ops.sparse_tensor_to_dense(ids, default_value=-1)
        one_hot = array_ops.one_hot(dense_ids, depth=self.length, on_value=1.0, off_value=0.0)
        return math_ops.reduce_sum(one_hot, axis=[output_rank - 1])


class _EmbeddingColumn(_FeatureColumn, collections.namedtuple("_EmbeddingColumn", [
        "sparse_id_column", "dimension", "combiner", "initializer", "ckpt_to_load_from",
        "tensor_name_in_ckpt", "shared_embedding_name", "shared_vocab_size", "max_norm",
        "trainable"])):
    def __new__(cls, sparse_id_column, dimension, combiner="mean", initializer=None,
                ckpt_to_load_from=None, tensor_name_in_ckpt=None, shared_embedding_name=None,
                shared_vocab_size=None, max_norm=None, trainable=True):
        if initializer is not None and not callable(initializer):
            raise ValueError("initializer must be callable if specified. Embedding of "
                             "column_name: {}".format(sparse_id_column.name))
        if (ckpt_to_load_from is None) != (tensor_name_in_ckpt is None):
            raise ValueError("Must specify both `ckpt_to_load_from` and `tensor_name_in_ckpt` "
                             "or none of them.")
        if initializer is None:
            initializer = truncated_normal_initializer(
                mean=0.0, stddev=1 / math.sqrt(sparse_id_column.length))
        return super().__new__(cls, sparse_id_column, dimension, combiner, initializer,
                               ckpt_to_load_from, tensor_name_in_ckpt, shared_embedding_name,
                               shared_vocab_size, max_norm, trainable)

    @property
    def name(self):
        suffix = "embedding" if self.shared_embedding_name is None else "shared_embedding"
        return "{}_{}".format(self.sparse_id_column.name, suffix)

    @property
    def length(self):
        return self.sparse_id_column.length if self.shared_vocab_size is None \
            else self.shared_vocab_size

    @property
    def config(self):
        return _get_feature_config(self.sparse_id_column)

    @property
    def key(self):
        return self._key_without_properties(["initializer"])

    def insert_transformed_feature(self, columns_to_tensors):
        if self.sparse_id_column not in columns_to_tensors:
            self.sparse_id_column.insert_transformed_feature(columns_to_tensors)
        columns_to_tensors[self] = columns_to_tensors[self.sparse_id_column]

    def _deep_embedding_lookup_arguments(self, input_tensor):
        return _DeepEmbeddingLookupArguments(
            input_tensor=self.sparse_id_column.id_tensor(input_tensor),
            weight_tensor=self.sparse_id_column.weight_tensor(input_tensor),
            vocab_size=self.length, dimension=self.dimension, initializer=self.initializer,
            combiner=self.combiner, shared_embedding_name=self.shared_embedding_name,
            hash_key=None, max_norm=self.max_norm, trainable=self.trainable)

    def _checkpoint_path(self):
        if self.ckpt_to_load_from is not None:
            return self.ckpt_to_load_from, self.tensor_name_in_ckpt
        return None

    def _wide_embedding_lookup_arguments(self, input_tensor):
        raise ValueError("Column {} is not supported in linear models. Please use "
                         "sparse_column.".format(self))


def _embeddings_from_arguments(column, args, weight_collections, trainable, output_rank=2):
    """The embedding variable (shared through a collection when named) and the safe
    sparse lookup of the column's ids in it."""
    input_tensor = _inner_flatten(args.input_tensor, output_rank)
    weight_tensor = None if args.weight_tensor is None \
        else _inner_flatten(args.weight_tensor, output_rank)
    if args.hash_key:
        raise NotImplementedError("philoxflow has no scattered embedding lookups")
    shape = [args.vocab_size, args.dimension]
    if args.shared_embedding_name is not None:
        collection_name = "SHARED_EMBEDDING_COLLECTION_" + args.shared_embedding_name.upper()
        graph = get_default_graph()
        collection = graph.get_collection_ref(collection_name)
        if collection:
            if len(collection) > 1:
                raise ValueError("Collection %s can only contain one (partitioned) variable."
                                 % collection_name)
            embeddings = collection[0]
            if embeddings.get_shape() != shape:
                raise ValueError("The embedding variable with name {} already exists, but its "
                                 "shape does not match required embedding shape here. Please "
                                 "make sure to use different shared_embedding_name for "
                                 "different shared embeddings.".format(
                                     args.shared_embedding_name))
        else:
            embeddings = slim_vars.model_variable(
                name=args.shared_embedding_name, shape=shape, dtype=dtypes.float32,
                initializer=args.initializer, trainable=(trainable and args.trainable),
                collections=weight_collections)
            graph.add_to_collection(collection_name, embeddings)
    else:
        embeddings = slim_vars.model_variable(
            name="weights", shape=shape, dtype=dtypes.float32, initializer=args.initializer,
            trainable=(trainable and args.trainable), collections=weight_collections)
    embeddings = list(embeddings) if hasattr(embeddings, "_get_variable_list") \
        else [embeddings]
    if column._checkpoint_path() is not None:
        raise NotImplementedError("philoxflow: embedding columns restored from checkpoints")
    return _emb.safe_embedding_lookup_sparse(embeddings, input_tensor,
                                             sparse_weights=weight_tensor,
                                             combiner=args.combiner,
                                             name=column.name + "weights",
                                             max_norm=args.max_norm)


def one_hot_column(sparse_id_column):
    return _OneHotColumn(sparse_id_column)


def embedding_column(sparse_id_column, dimension, combiner="mean", initializer=None,
                     ckpt_to_load_from=None, tensor_name_in_ckpt=None, max_norm=None,
                     trainable=True):
    return _EmbeddingColumn(sparse_id_column, dimension, combiner, initializer,
                            ckpt_to_load_from, tensor_name_in_ckpt, max_norm=max_norm,
                            trainable=trainable)


def shared_embedding_columns(sparse_id_columns, dimension, combiner="mean",
                             shared_embedding_name=None, initializer=None,
                             ckpt_to_load_from=None, tensor_name_in_ckpt=None, max_norm=None,
                             trainable=True):
    if not isinstance(sparse_id_columns, (list, tuple)):
        raise TypeError("sparse_id_columns must be a non-string sequence (ex: list or tuple) "
                        "instead of type {}.".format(type(sparse_id_columns)))
    if len(sparse_id_columns) < 1:
        raise ValueError("The input sparse_id_columns should have at least one element.")
    for c in sparse_id_columns:
        if not isinstance(c, (_SparseColumn, _WeightedSparseColumn)):
            raise TypeError("Elements of sparse_id_columns must be _SparseColumn or "
                            "_WeightedSparseColumn, but {} is not.".format(c))
    if len(sparse_id_columns) == 1:
        return [_EmbeddingColumn(sparse_id_columns[0], dimension, combiner, initializer,
                                 ckpt_to_load_from, tensor_name_in_ckpt, shared_embedding_name,
                                 max_norm=max_norm, trainable=trainable)]
    first = sparse_id_columns[0]
    for c in sparse_id_columns[1:]:
        ok = first.is_compatible(c) if isinstance(first, _WeightedSparseColumn) \
            else c.is_compatible(first)
        if not ok:
            raise ValueError("The input sparse id columns are not compatible.")
    if not shared_embedding_name:
        plain = [c for c in sparse_id_columns if isinstance(c, _SparseColumn)]
        weighted = [c for c in sparse_id_columns if not isinstance(c, _SparseColumn)]
        ordered = sorted(plain) + sorted(weighted, key=lambda x: x.name)
        shared_embedding_name = "_".join(c.name for c in ordered[:3])
        if len(ordered) > 3:
            shared_embedding_name += "_plus_{}_others".format(len(ordered) - 3)
        shared_embedding_name += "_shared_embedding"
    return tuple(_EmbeddingColumn(c, dimension, combiner, initializer, ckpt_to_load_from,
                                  tensor_name_in_ckpt, shared_embedding_name, first.length,
                                  max_norm=max_norm, trainable=trainable)
                 for c in sparse_id_columns)


def _get_feature_config(feature_column):
    if not isinstance(feature_column, _FeatureColumn):
        raise TypeError("feature_columns should only contain instances of _FeatureColumn. "
                        "Given column is {}".format(feature_column))
    return feature_column.config
