"""TF 1.15's contrib real-valued, bucketized and crossed feature columns, and the
parsing-spec helpers (`contrib/layers/python/layers/feature_column.py`)."""

from __future__ import annotations

import collections

from ...framework import dtypes
from ...framework.sparse_tensor import SparseTensor
from ...ops import array_ops, math_ops, sparse_ops
from ...ops.init_ops import zeros_initializer
from .embedding_ops import bucketize
from .feature_column import (
    _FeatureColumn,
    _get_feature_config,
    _LinearEmbeddingLookupArguments,
    _parsing_features,
    _reshape_real_valued_tensor,
    _SparseColumn,
)


class _RealValuedColumn(_FeatureColumn, collections.namedtuple(
        "_RealValuedColumn", ["column_name", "dimension", "default_value", "dtype",
                              "normalizer"])):
    def __new__(cls, column_name, dimension, default_value, dtype, normalizer):
        if default_value is not None:
            default_value = tuple(default_value)
        return super().__new__(cls, column_name, dimension, default_value, dtype, normalizer)

    @property
    def name(self):
        return self.column_name

    @property
    def config(self):
        default = None if self.default_value is None else list(self.default_value)
        return {self.column_name: _parsing_features()[1]([self.dimension], self.dtype,
                                                         default)}

    @property
    def key(self):
        return self._key_without_properties(["normalizer"])

    @property
    def normalizer_fn(self):
        return self.normalizer

    def _normalized_input_tensor(self, input_tensor):
        return self.normalizer(input_tensor) if self.normalizer is not None else input_tensor

    def insert_transformed_feature(self, columns_to_tensors):
        input_tensor = self._normalized_input_tensor(columns_to_tensors[self.name])
        columns_to_tensors[self] = math_ops.cast(input_tensor, dtypes.float32)

    def _to_dnn_input_layer(self, input_tensor, weight_collections=None, trainable=True,
                            output_rank=2):
        if input_tensor.dtype != dtypes.float32:
            input_tensor = math_ops.cast(input_tensor, dtypes.float32)
        return _reshape_real_valued_tensor(input_tensor, output_rank, self.name)

    def _to_dense_tensor(self, input_tensor):
        return input_tensor


def real_valued_column(column_name, dimension=1, default_value=None, dtype=dtypes.float32,
                       normalizer=None):
    if dimension is None:
        raise TypeError("dimension must be an integer. Use the _real_valued_var_len_column "
                        "for variable length features.dimension: {}, column_name: {}".format(
                            dimension, column_name))
    if not isinstance(dimension, int):
        raise TypeError("dimension must be an integer. dimension: {}, column_name: {}"
                        .format(dimension, column_name))
    if dimension < 1:
        raise ValueError("dimension must be greater than 0. dimension: {}, column_name: {}"
                         .format(dimension, column_name))
    if not (dtype.is_integer or dtype.is_floating):
        raise ValueError("dtype must be convertible to float. dtype: {}, column_name: {}"
                         .format(dtype, column_name))
    if default_value is None:
        return _RealValuedColumn(column_name, dimension, default_value, dtype, normalizer)
    if isinstance(default_value, int):
        if dtype.is_integer:
            return _RealValuedColumn(column_name, dimension, [default_value] * dimension,
                                     dtype, normalizer)
        if dtype.is_floating:
            return _RealValuedColumn(column_name, dimension,
                                     [float(default_value)] * dimension, dtype, normalizer)
    if isinstance(default_value, float) and dtype.is_floating and not dtype.is_integer:
        return _RealValuedColumn(column_name, dimension, [default_value] * dimension, dtype,
                                 normalizer)
    if isinstance(default_value, list):
        if len(default_value) != dimension:
            raise ValueError("The length of default_value must be equal to dimension. "
                             "default_value: {}, dimension: {}, column_name: {}".format(
                                 default_value, dimension, column_name))
        all_int = all(isinstance(v, int) for v in default_value)
        all_float = all(isinstance(v, (float, int)) for v in default_value)
        if all_int and dtype.is_integer:
            return _RealValuedColumn(column_name, dimension, default_value, dtype, normalizer)
        if all_int and dtype.is_floating or all_float and dtype.is_floating \
                and not dtype.is_integer:
            return _RealValuedColumn(column_name, dimension,
                                     [float(v) for v in default_value], dtype, normalizer)
    raise TypeError("default_value must be compatible with dtype. default_value: {}, dtype: "
                    "{}, column_name: {}".format(default_value, dtype, column_name))


class _BucketizedColumn(_FeatureColumn, collections.namedtuple(
        "_BucketizedColumn", ["source_column", "boundaries"])):
    def __new__(cls, source_column, boundaries):
        if not isinstance(source_column, _RealValuedColumn):
            raise TypeError("source_column must be an instance of _RealValuedColumn. "
                            "source_column: {}".format(source_column))
        if source_column.dimension is None:
            raise ValueError("source_column must have a defined dimension. source_column: {}"
                             .format(source_column))
        if not isinstance(boundaries, (list, tuple)) or not boundaries:
            raise ValueError("boundaries must be a non-empty list or tuple. boundaries: {}"
                             .format(boundaries))
        sanitized = []
        for a, b in zip(boundaries[:-1], boundaries[1:]):
            if a == b:
                continue
            if a > b:
                raise ValueError("boundaries must be a sorted list. boundaries: {}"
                                 .format(boundaries))
            sanitized.append(a)
        sanitized.append(boundaries[-1])
        return super().__new__(cls, source_column, tuple(sanitized))

    @property
    def name(self):
        return "{}_bucketized".format(self.source_column.name)

    @property
    def length(self):
        return len(self.boundaries) + 1

    @property
    def config(self):
        return self.source_column.config

    key = _FeatureColumn.key

    def _to_dnn_input_layer(self, input_tensor, weight_collections=None, trainable=True,
                            output_rank=2):
        if output_rank != 2:
            raise ValueError("BucketizedColumn currently only supports output_rank=2")
        return array_ops.reshape(
            array_ops.one_hot(math_ops.cast(input_tensor, dtypes.int64), self.length, 1., 0.,
                              name="one_hot"),
            [-1, self.length * self.source_column.dimension], name="reshape")

    def to_sparse_tensor(self, input_tensor):
        dimension = self.source_column.dimension
        batch_size = array_ops.shape(input_tensor, name="shape")[0]
        if dimension > 1:
            i1 = array_ops.reshape(array_ops.tile(array_ops.expand_dims(
                array_ops.range(0, batch_size), 1, name="expand_dims"), [1, dimension],
                name="tile"), [-1], name="reshape")
            i2 = array_ops.tile(array_ops.range(0, dimension), [batch_size], name="tile")
            bucket_indices = array_ops.reshape(input_tensor, [-1], name="reshape") \
                + self.length * i2
        else:
            i1 = array_ops.range(0, batch_size)
            i2 = array_ops.zeros([batch_size], dtype=dtypes.int32, name="zeros")
            bucket_indices = array_ops.reshape(input_tensor, [-1], name="reshape")
        indices = math_ops.cast(array_ops.transpose(array_ops.stack((i1, i2))), dtypes.int64)
        shape = math_ops.cast(array_ops.stack([batch_size, dimension]), dtypes.int64)
        return SparseTensor(indices, bucket_indices, shape)

    def _wide_embedding_lookup_arguments(self, input_tensor):
        return _LinearEmbeddingLookupArguments(
            input_tensor=self.to_sparse_tensor(input_tensor), weight_tensor=None,
            vocab_size=self.length * self.source_column.dimension,
            initializer=zeros_initializer(), combiner="sum")

    def insert_transformed_feature(self, columns_to_tensors):
        if self.source_column not in columns_to_tensors:
            self.source_column.insert_transformed_feature(columns_to_tensors)
        columns_to_tensors[self] = bucketize(columns_to_tensors[self.source_column],
                                             boundaries=list(self.boundaries),
                                             name="bucketize")


def bucketized_column(source_column, boundaries):
    return _BucketizedColumn(source_column, boundaries)


class _CrossedColumn(_FeatureColumn, collections.namedtuple("_CrossedColumn", [
        "columns", "hash_bucket_size", "hash_key", "combiner", "ckpt_to_load_from",
        "tensor_name_in_ckpt"])):
    """Described only: its transform needs TF's contrib `SparseFeatureCross` op."""

    def __new__(cls, columns, hash_bucket_size, hash_key, combiner="sum",
                ckpt_to_load_from=None, tensor_name_in_ckpt=None):
        for column in columns:
            if not isinstance(column, (_SparseColumn, _CrossedColumn, _BucketizedColumn)):
                raise TypeError("columns must be a set of _SparseColumn, _CrossedColumn, or "
                                "_BucketizedColumn instances. (column {} is a {})".format(
                                    column, column.__class__.__name__))
        if len(columns) < 2:
            raise ValueError("columns must contain at least 2 elements. columns: {}"
                             .format(columns))
        if hash_bucket_size < 2:
            raise ValueError("hash_bucket_size must be at least 2. hash_bucket_size: {}"
                             .format(hash_bucket_size))
        if (ckpt_to_load_from is None) != (tensor_name_in_ckpt is None):
            raise ValueError("Must specify both `ckpt_to_load_from` and `tensor_name_in_ckpt` "
                             "or none of them.")
        ordered = tuple(sorted(columns, key=lambda c: c.name))
        return super().__new__(cls, ordered, hash_bucket_size, hash_key, combiner,
                               ckpt_to_load_from, tensor_name_in_ckpt)

    @property
    def name(self):
        return "_X_".join(sorted(c.name for c in self.columns))

    @property
    def config(self):
        config = {}
        for column in self.columns:
            config.update(_get_feature_config(column))
        return config

    @property
    def length(self):
        return self.hash_bucket_size

    @property
    def key(self):
        return "{}".format(self)

    def insert_transformed_feature(self, columns_to_tensors):
        raise NotImplementedError("philoxflow has no SparseFeatureCross op (crossed_column)")


def crossed_column(columns, hash_bucket_size, combiner="sum", ckpt_to_load_from=None,
                   tensor_name_in_ckpt=None, hash_key=None):
    return _CrossedColumn(columns, hash_bucket_size, hash_key, combiner=combiner,
                          ckpt_to_load_from=ckpt_to_load_from,
                          tensor_name_in_ckpt=tensor_name_in_ckpt)


def create_feature_spec_for_parsing(feature_columns):
    """The `parse_example` spec (`VarLenFeature`/`FixedLenFeature`) of the columns."""
    if isinstance(feature_columns, dict):
        feature_columns = feature_columns.values()
    config = {}
    for column in feature_columns:
        config.update(_get_feature_config(column))
    return config


def make_place_holder_tensors_for_base_features(feature_columns):
    """A placeholder (sparse for variable-length features) per base feature."""
    var_len = _parsing_features()[0]
    placeholders = {}
    for column_name, column_type in create_feature_spec_for_parsing(feature_columns).items():
        if isinstance(column_type, var_len):
            placeholders[column_name] = sparse_ops.sparse_placeholder(
                column_type.dtype, name="Placeholder_{}".format(column_name))
        else:
            placeholders[column_name] = array_ops.placeholder(
                column_type.dtype, shape=(None, column_type.shape[0]),
                name="Placeholder_{}".format(column_name))
    return placeholders


def _infer_real_valued_column_for_tensor(name, tensor):
    if isinstance(tensor, SparseTensor):
        raise ValueError("SparseTensor is not supported for auto detection. Please define "
                         "corresponding FeatureColumn for tensor {} {}.", name, tensor)
    if not (tensor.dtype.is_integer or tensor.dtype.is_floating):
        raise ValueError("Non integer or non floating types are not supported for auto "
                         "detection. Please define corresponding FeatureColumn for tensor {} "
                         "{}.", name, tensor)
    dimension = 1
    for d in tensor.shape.as_list()[1:]:
        dimension *= d
    return real_valued_column(name, dimension=dimension, dtype=tensor.dtype)


def infer_real_valued_columns(features):
    """A real-valued column per dense feature (one for a lone tensor, named '')."""
    if not isinstance(features, dict):
        return [_infer_real_valued_column_for_tensor("", features)]
    return [_infer_real_valued_column_for_tensor(k, v) for k, v in features.items()]


class DataFrameColumn(_FeatureColumn, collections.namedtuple("DataFrameColumn",
                                                             ["column_name", "series"])):
    """A column whose tensor a `series` object builds (`series.build(features)`), used
    densely like a real-valued column."""

    @property
    def name(self):
        return self.column_name

    @property
    def config(self):
        return self.series.required_base_features()

    @property
    def key(self):
        return self.name

    def insert_transformed_feature(self, columns_to_tensors):
        columns_to_tensors[self] = self.series.build(columns_to_tensors)

    def _to_dnn_input_layer(self, input_tensor, weight_collections=None, trainable=True,
                            output_rank=2):
        if input_tensor.dtype != dtypes.float32:
            input_tensor = math_ops.cast(input_tensor, dtypes.float32)
        return _reshape_real_valued_tensor(input_tensor, output_rank, self.name)

    def _to_dense_tensor(self, input_tensor):
        return self._to_dnn_input_layer(input_tensor)

    def __eq__(self, other):  # TF's (so, as in TF under Python 3, it is unhashable)
        return isinstance(other, self.__class__) and self.__dict__ == other.__dict__

    def __ne__(self, other):
        return not self.__eq__(other)
