"""TF 1.15's contrib feature-column ops (`contrib/layers/python/layers/
feature_column_ops.py`): a DNN input layer (`input_from_feature_columns`) and a linear
model (`weighted_sum_from_feature_columns`) over feature columns, each column in its own
variable scope, the columns ordered by key."""

from __future__ import annotations

from ...framework import dtypes
from ...framework.ops import GraphKeys
from ...framework.sparse_tensor import SparseTensor
from ...ops import array_ops, math_ops, nn_ops, sparse_ops
from ...ops import variable_scope as vs
from ...ops.init_ops import zeros_initializer
from ...ops.rnn_cell_impl import _map
from ..framework import variables as slim_vars
from . import embedding_ops as _emb
from .feature_column import _embeddings_from_arguments, _inner_flatten

__all__ = ["input_from_feature_columns", "sequence_input_from_feature_columns",
           "weighted_sum_from_feature_columns", "joint_weighted_sum_from_feature_columns",
           "transform_features", "check_feature_columns"]


class _Transformer:
    """Inserts each column's transformed tensor into the features dict (once)."""

    def __init__(self, columns_to_tensors):
        self._columns_to_tensors = columns_to_tensors

    def transform(self, feature_column):
        if feature_column in self._columns_to_tensors:
            return self._columns_to_tensors[feature_column]
        feature_column.insert_transformed_feature(self._columns_to_tensors)
        if feature_column not in self._columns_to_tensors:
            raise ValueError("Column {} is not supported.".format(feature_column.name))
        return self._columns_to_tensors[feature_column]


def _add_variable_collection(weight_collections):
    if weight_collections:
        weight_collections = list(set(list(weight_collections)
                                      + [GraphKeys.GLOBAL_VARIABLES]))
    return weight_collections


def _maybe_reshape_input_tensor(tensor, column_name, output_rank):
    input_rank = tensor.shape.ndims
    if input_rank is None and isinstance(tensor, SparseTensor):
        input_rank = tensor.dense_shape.shape.as_list()[0]
    if input_rank is None:
        raise ValueError("Error while processing column {}. Rank of input Tensor can not be "
                         "None.".format(column_name))
    if output_rank > input_rank + 1:
        raise ValueError("Error while processing column {}. Rank of input Tensor ({}) should "
                         "be the same as output_rank ({}). For example, sequence data should "
                         "typically be 3 dimensional (rank 3) while non-sequence data is "
                         "typically 2 dimensional (rank 2).".format(column_name, input_rank,
                                                                    output_rank))
    if output_rank == input_rank + 1:
        if isinstance(tensor, SparseTensor):
            return sparse_ops.sparse_reshape(
                tensor, array_ops.concat([tensor.dense_shape, [1]], 0))
        reshaped = array_ops.expand_dims(tensor, -1)
        if tensor.shape.dims is not None:
            reshaped.set_shape(tensor.shape.as_list() + [1])
        return reshaped
    if output_rank < input_rank:
        return _inner_flatten(tensor, output_rank)
    return tensor


def check_feature_columns(feature_columns):
    """Raises ValueError for a dict or for two columns with the same key."""
    if isinstance(feature_columns, dict):
        raise ValueError("Expected feature_columns to be iterable, found dict.")
    seen = set()
    for f in feature_columns:
        if f.key in seen:
            raise ValueError("Duplicate feature column key found for column: {}. This usually "
                             "means that the column is almost identical to another column, "
                             "and one must be discarded.".format(f.name))
        seen.add(f.key)


def _input_from_feature_columns(columns_to_tensors, feature_columns, weight_collections,
                                trainable, scope, output_rank, default_name,
                                cols_to_outs=None):
    columns_to_tensors = columns_to_tensors.copy()
    check_feature_columns(feature_columns)
    if cols_to_outs is not None and not isinstance(cols_to_outs, dict):
        raise ValueError("cols_to_outs must be a dict unless None")
    with vs.variable_scope(scope, default_name=default_name,
                           values=columns_to_tensors.values()):
        output_tensors = []
        transformer = _Transformer(columns_to_tensors)
        weight_collections = _add_variable_collection(weight_collections)
        for column in sorted(set(feature_columns), key=lambda x: x.key):
            with vs.variable_scope(None, default_name=column.name,
                                   values=columns_to_tensors.values()):
                transformed = transformer.transform(column)
                if output_rank == 3:
                    transformed = _map(lambda t, c=column: _maybe_reshape_input_tensor(
                        t, c.name, output_rank), transformed)
                try:
                    arguments = column._deep_embedding_lookup_arguments(transformed)
                    output_tensors.append(_embeddings_from_arguments(
                        column, arguments, weight_collections, trainable,
                        output_rank=output_rank))
                except NotImplementedError as ee:
                    try:
                        output_tensors.append(column._to_dnn_input_layer(
                            transformed, weight_collections, trainable,
                            output_rank=output_rank))
                    except ValueError as e:
                        raise ValueError("Error creating input layer for column: {}.\n{}, {}"
                                         .format(column.name, e, ee)) from None
                if cols_to_outs is not None:
                    cols_to_outs[column] = output_tensors[-1]
        return array_ops.concat(output_tensors, output_rank - 1)


def input_from_feature_columns(columns_to_tensors, feature_columns, weight_collections=None,
                               trainable=True, scope=None, cols_to_outs=None):
    """The columns' dense representations concatenated: a DNN's first layer input."""
    return _input_from_feature_columns(columns_to_tensors, feature_columns,
                                       weight_collections, trainable, scope, output_rank=2,
                                       default_name="input_from_feature_columns",
                                       cols_to_outs=cols_to_outs)


def sequence_input_from_feature_columns(columns_to_tensors, feature_columns,
                                        weight_collections=None, trainable=True, scope=None):
    return _input_from_feature_columns(columns_to_tensors, feature_columns,
                                       weight_collections, trainable, scope, output_rank=3,
                                       default_name="sequence_input_from_feature_columns")


def _create_embedding_lookup(column, columns_to_tensors, args, num_outputs, trainable,
                             weight_collections):
    with vs.variable_scope(None, default_name=column.name, values=columns_to_tensors.values()):
        variable = slim_vars.model_variable(
            name="weights", shape=[args.vocab_size, num_outputs], dtype=dtypes.float32,
            initializer=args.initializer, trainable=trainable, collections=weight_collections)
        variable = list(variable) if hasattr(variable, "_get_variable_list") else [variable]
        predictions = _emb.safe_embedding_lookup_sparse(
            variable, args.input_tensor, sparse_weights=args.weight_tensor,
            combiner=args.combiner, name=column.name + "_weights")
        return variable, predictions


def weighted_sum_from_feature_columns(columns_to_tensors, feature_columns, num_outputs,
                                      weight_collections=None, trainable=True, scope=None):
    """A linear model: per column a weighted sum (sparse lookups or a matmul), added, plus
    `bias_weight`. Returns (predictions, column to variables, bias)."""
    columns_to_tensors = columns_to_tensors.copy()
    check_feature_columns(feature_columns)
    with vs.variable_scope(scope, default_name="weighted_sum_from_feature_columns",
                           values=columns_to_tensors.values()):
        output_tensors = []
        column_to_variable = {}
        transformer = _Transformer(columns_to_tensors)
        for column in sorted(set(feature_columns), key=lambda x: x.key):
            transformed = transformer.transform(column)
            try:
                args = column._wide_embedding_lookup_arguments(transformed)
                variable, predictions = _create_embedding_lookup(
                    column, columns_to_tensors, args, num_outputs, trainable,
                    weight_collections)
            except NotImplementedError:
                with vs.variable_scope(None, default_name=column.name,
                                       values=columns_to_tensors.values()):
                    tensor = column._to_dense_tensor(transformed)
                    tensor = _maybe_reshape_input_tensor(tensor, column.name, output_rank=2)
                    variable = [slim_vars.model_variable(
                        name="weight", shape=[tensor.shape[1], num_outputs],
                        initializer=zeros_initializer(), trainable=trainable,
                        collections=weight_collections)]
                    predictions = math_ops.matmul(tensor, variable[0], name="matmul")
            except ValueError as ee:
                raise ValueError("Error creating weighted sum for column: {}.\n{}".format(
                    column.name, ee)) from None
            output_tensors.append(array_ops.reshape(predictions, shape=(-1, num_outputs)))
            column_to_variable[column] = variable
            if column._checkpoint_path() is not None:
                raise NotImplementedError("philoxflow: columns restored from checkpoints")
        predictions_no_bias = math_ops.add_n(output_tensors)
        bias = slim_vars.model_variable("bias_weight", shape=[num_outputs],
                                        initializer=zeros_initializer(), trainable=trainable,
                                        collections=_add_variable_collection(
                                            weight_collections))
        return nn_ops.bias_add(predictions_no_bias, bias), column_to_variable, bias


def joint_weighted_sum_from_feature_columns(columns_to_tensors, feature_columns, num_outputs,
                                            weight_collections=None, trainable=True,
                                            scope=None):
    """`weighted_sum_from_feature_columns` with one lookup into one joint table."""
    columns_to_tensors = columns_to_tensors.copy()
    check_feature_columns(feature_columns)
    with vs.variable_scope(scope, default_name="joint_weighted_sum_from_feature_columns",
                           values=columns_to_tensors.values()):
        transformer = _Transformer(columns_to_tensors)
        args = []
        for column in sorted(set(feature_columns), key=lambda x: x.key):
            transformed = transformer.transform(column)
            try:
                args.append(column._wide_embedding_lookup_arguments(transformed))
            except NotImplementedError:
                raise NotImplementedError("Real-valued columns are not supported. Use "
                                          "weighted_sum_from_feature_columns instead, or "
                                          "bucketize these columns.") from None
        variable, predictions_no_bias = _create_joint_embedding_lookup(
            columns_to_tensors, args, num_outputs, trainable, weight_collections)
        bias = slim_vars.model_variable("bias_weight", shape=[num_outputs],
                                        initializer=zeros_initializer(), trainable=trainable,
                                        collections=_add_variable_collection(
                                            weight_collections))
        return nn_ops.bias_add(predictions_no_bias, bias), variable, bias


def _create_joint_embedding_lookup(columns_to_tensors, args, num_outputs, trainable,
                                   weight_collections):
    for arg in args:
        assert arg.weight_tensor is None, (
            "Joint sums for weighted sparse columns are not supported. Please use "
            "weighted_sum_from_feature_columns instead.")
        assert arg.combiner == "sum", (
            "Combiners other than sum are not supported for joint sums. Please use "
            "weighted_sum_from_feature_columns instead.")
    assert len(args) >= 1, "At least one column must be in the model."
    prev_size = 0
    sparse_tensors = []
    for a in args:
        t = a.input_tensor
        values = t.values + prev_size
        prev_size += a.vocab_size
        sparse_tensors.append(SparseTensor(t.indices, values, t.dense_shape))
    concatenated = sparse_ops.sparse_concat(1, sparse_tensors)
    with vs.variable_scope(None, default_name="linear_weights",
                           values=columns_to_tensors.values()):
        variable = slim_vars.model_variable(
            name="weights", shape=[prev_size, num_outputs], dtype=dtypes.float32,
            initializer=zeros_initializer(), trainable=trainable,
            collections=weight_collections)
        variable = list(variable) if hasattr(variable, "_get_variable_list") else [variable]
        predictions = _emb.safe_embedding_lookup_sparse(variable, concatenated,
                                                        sparse_weights=None, combiner="sum",
                                                        name="_weights")
        return variable, predictions


def transform_features(features, feature_columns):
    """The features dict reduced to the columns, each column's transformed tensor."""
    columns_to_tensor = features.copy()
    check_feature_columns(feature_columns)
    transformer = _Transformer(columns_to_tensor)
    for column in sorted(set(feature_columns), key=lambda x: x.key):
        transformer.transform(column)
    for k in list(columns_to_tensor.keys()):
        if k not in feature_columns:
            columns_to_tensor.pop(k)
    return columns_to_tensor
