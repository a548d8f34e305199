"""Initializers that load (and remap, by vocabulary files) a matrix from a checkpoint
(TF 1.15 `training/checkpoint_ops.py` and contrib's `framework/python/ops/
checkpoint_ops.py`): `GenerateVocabRemapping` and `LoadAndRemapMatrix` ops, new rows
and out-of-vocabulary buckets from the fallback initializer. The graph is TF's; the two
ops have no kernels in philoxflow."""

from __future__ import annotations

import math

from ...framework import dtypes
from ...framework.constant_op import convert_to_tensor
from ...framework.op_def_library import apply_op_helper
from ...ops import array_ops
from ...ops.init_ops import truncated_normal_initializer, zeros_initializer

__all__ = ["load_and_remap_matrix_initializer", "load_embedding_initializer",
           "load_linear_multiclass_bias_initializer", "load_variable_slot_initializer"]


def _load_and_remap_matrix(ckpt_path, old_tensor_name, new_row_vocab_offset, num_rows_to_load,
                           new_col_vocab_size, initializer, old_row_vocab_size=-1,
                           old_row_vocab_file=None, new_row_vocab_file=None,
                           old_col_vocab_file=None, new_col_vocab_file=None,
                           num_row_oov_buckets=0, num_col_oov_buckets=0,
                           max_rows_in_memory=-1):
    if num_row_oov_buckets < 0:
        raise ValueError("num_row_oov_buckets must be >= 0, but received %d"
                         % num_row_oov_buckets)
    if num_col_oov_buckets < 0:
        raise ValueError("num_col_oov_buckets must be >= 0, but received %d"
                         % num_col_oov_buckets)
    if bool(old_row_vocab_file) != bool(new_row_vocab_file):
        raise ValueError("old_row_vocab_file and new_row_vocab_file must both be specified or "
                         "left unspecified. old_row_vocab_file='{}', new_row_vocab_file='{}'"
                         .format(old_row_vocab_file, new_row_vocab_file))
    if bool(old_col_vocab_file) != bool(new_col_vocab_file):
        raise ValueError("old_col_vocab_file and new_col_vocab_file must both be specified or "
                         "left unspecified. old_col_vocab_file='{}', new_col_vocab_file='{}'"
                         .format(old_col_vocab_file, new_col_vocab_file))
    remap_rows = new_row_vocab_file and old_row_vocab_file
    remap_cols = new_col_vocab_file and old_col_vocab_file
    if not (remap_rows or remap_cols):
        raise ValueError("Must provide either row or column vocab files. If no remapping is "
                         "necessary, consider using `tf.contrib.framework.init_from_checkpoint` "
                         "instead.")
    num_rows_present = num_rows_to_load
    if remap_rows:
        row_remapping, num_rows_present = apply_op_helper(
            "GenerateVocabRemapping", None, new_vocab_file=new_row_vocab_file,
            old_vocab_file=old_row_vocab_file, new_vocab_offset=new_row_vocab_offset,
            num_new_vocab=num_rows_to_load, old_vocab_size=old_row_vocab_size).outputs
    else:
        row_remapping = array_ops.range(new_row_vocab_offset,
                                        new_row_vocab_offset + num_rows_to_load,
                                        dtype=dtypes.int64)
    col_remapping = []
    num_cols_present = new_col_vocab_size
    if remap_cols:
        col_remapping, num_cols_present = apply_op_helper(
            "GenerateVocabRemapping", None, new_vocab_file=new_col_vocab_file,
            old_vocab_file=old_col_vocab_file, new_vocab_offset=0,
            num_new_vocab=new_col_vocab_size).outputs
    init_vals = initializer([num_rows_to_load * new_col_vocab_size
                             - num_rows_present * num_cols_present, 1])
    result = apply_op_helper(
        "LoadAndRemapMatrix", None, ckpt_path=ckpt_path, old_tensor_name=old_tensor_name,
        row_remapping=row_remapping, col_remapping=col_remapping,
        initializing_values=init_vals, num_rows=num_rows_to_load, num_cols=new_col_vocab_size,
        max_rows_in_memory=max_rows_in_memory).outputs[0]
    if num_row_oov_buckets > 0:
        oov = convert_to_tensor(initializer([num_row_oov_buckets, new_col_vocab_size]))
        result = array_ops.concat([result, oov], 0)
    if num_col_oov_buckets > 0:
        oov = convert_to_tensor(initializer([num_rows_to_load + num_row_oov_buckets,
                                             num_col_oov_buckets]))
        result = array_ops.concat([result, oov], 1)
    return result


def load_and_remap_matrix_initializer(ckpt_path, old_tensor_name, new_row_vocab_size,
                                      new_col_vocab_size, old_row_vocab_size=-1,
                                      old_row_vocab_file=None, new_row_vocab_file=None,
                                      old_col_vocab_file=None, new_col_vocab_file=None,
                                      num_row_oov_buckets=0, num_col_oov_buckets=0,
                                      initializer=None, max_rows_in_memory=-1):
    """An initializer of a (possibly partitioned) 2-D variable from a remapped checkpoint
    matrix."""
    if initializer is None:
        initializer = zeros_initializer()
    if not callable(initializer):
        raise TypeError("initializer must be callable, instead of being {} of type {}."
                        .format(initializer, type(initializer)))

    def _initializer(shape, dtype=dtypes.float32, partition_info=None):
        if dtype != dtypes.float32:
            raise TypeError("Currently, only float32 is supported. Received dtype: {}"
                            .format(dtype))
        if len(shape) != 2:
            raise ValueError("Expected 2-dim shape, but received: {}".format(shape))
        if shape[0] <= 0:
            raise ValueError("Expected 1st dim of shape to be > 0, but received shape: {}"
                             .format(shape))
        if shape[1] != new_col_vocab_size + num_col_oov_buckets:
            raise ValueError("Expected 2nd dim of shape to be new_col_vocab_size ({}) + "
                             "num_col_oov_buckets ({}) = {}, but received shape: {}".format(
                                 new_col_vocab_size, num_col_oov_buckets,
                                 new_col_vocab_size + num_col_oov_buckets, shape))
        offset = 0 if partition_info is None else partition_info.single_offset(shape)
        if offset + shape[0] > new_row_vocab_size + num_row_oov_buckets:
            raise ValueError(
                "Trying to initialize {} additional rows after {} rows have already been "
                "initialized, which would exceed expected total row count of "
                "new_row_vocab_size ({}) + num_row_oov_buckets ({}) = {}.".format(
                    shape[0], offset, new_row_vocab_size, num_row_oov_buckets,
                    new_row_vocab_size + num_row_oov_buckets))
        oov_rows = min(shape[0], max(0, offset + shape[0] - new_row_vocab_size))
        num_rows_to_load = shape[0] - oov_rows
        if offset > new_row_vocab_size:
            if shape[0] != oov_rows:
                raise ValueError("Partitioned variable offset is greater than new vocab size "
                                 "and not operating on OOV-only partition.")
            return initializer(shape)
        return _load_and_remap_matrix(
            ckpt_path=ckpt_path, old_tensor_name=old_tensor_name,
            new_row_vocab_offset=offset, num_rows_to_load=num_rows_to_load,
            new_col_vocab_size=new_col_vocab_size, initializer=initializer,
            old_row_vocab_size=old_row_vocab_size, old_row_vocab_file=old_row_vocab_file,
            new_row_vocab_file=new_row_vocab_file, old_col_vocab_file=old_col_vocab_file,
            new_col_vocab_file=new_col_vocab_file, num_row_oov_buckets=oov_rows,
            num_col_oov_buckets=num_col_oov_buckets, max_rows_in_memory=max_rows_in_memory)

    return _initializer


def load_embedding_initializer(ckpt_path, embedding_tensor_name, new_vocab_size,
                               embedding_dim, old_vocab_file, new_vocab_file,
                               old_vocab_size=-1, num_oov_buckets=0, initializer=None,
                               max_rows_in_memory=-1):
    if initializer is None:
        initializer = truncated_normal_initializer(stddev=1.0 / math.sqrt(embedding_dim))
    return load_and_remap_matrix_initializer(
        ckpt_path=ckpt_path, old_tensor_name=embedding_tensor_name,
        new_row_vocab_size=new_vocab_size, new_col_vocab_size=embedding_dim,
        old_row_vocab_size=old_vocab_size, old_row_vocab_file=old_vocab_file,
        new_row_vocab_file=new_vocab_file, old_col_vocab_file=None, new_col_vocab_file=None,
        num_row_oov_buckets=num_oov_buckets, num_col_oov_buckets=0, initializer=initializer,
        max_rows_in_memory=max_rows_in_memory)


def load_linear_multiclass_bias_initializer(ckpt_path, bias_tensor_name,
                                            new_class_vocab_size, old_class_vocab_file,
                                            new_class_vocab_file, num_class_oov_buckets=0,
                                            initializer=None, max_rows_in_memory=-1):
    if initializer is None:
        initializer = zeros_initializer()
    return load_and_remap_matrix_initializer(
        ckpt_path=ckpt_path, old_tensor_name=bias_tensor_name,
        new_row_vocab_size=new_class_vocab_size, new_col_vocab_size=1,
        old_row_vocab_file=old_class_vocab_file, new_row_vocab_file=new_class_vocab_file,
        old_col_vocab_file=None, new_col_vocab_file=None,
        num_row_oov_buckets=num_class_oov_buckets, num_col_oov_buckets=0,
        initializer=initializer, max_rows_in_memory=max_rows_in_memory)


def load_variable_slot_initializer(ckpt_path, old_tensor_name, primary_partition_info,
                                   new_row_vocab_size, new_col_vocab_size,
                                   old_row_vocab_file=None, new_row_vocab_file=None,
                                   old_col_vocab_file=None, new_col_vocab_file=None,
                                   num_row_oov_buckets=0, num_col_oov_buckets=0,
                                   initializer=None, max_rows_in_memory=-1):
    """`load_and_remap_matrix_initializer` for an optimizer slot, partitioned as its
    primary variable."""
    initializer_fn = load_and_remap_matrix_initializer(
        ckpt_path=ckpt_path, old_tensor_name=old_tensor_name,
        new_row_vocab_size=new_row_vocab_size, new_col_vocab_size=new_col_vocab_size,
        old_row_vocab_file=old_row_vocab_file, new_row_vocab_file=new_row_vocab_file,
        old_col_vocab_file=old_col_vocab_file, new_col_vocab_file=new_col_vocab_file,
        num_row_oov_buckets=num_row_oov_buckets, num_col_oov_buckets=num_col_oov_buckets,
        initializer=initializer, max_rows_in_memory=max_rows_in_memory)

    def _initializer(shape, dtype=dtypes.float32, partition_info=None):
        return initializer_fn(shape, dtype, partition_info=primary_partition_info)

    return _initializer
