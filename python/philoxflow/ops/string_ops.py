"""TF 1.x string ops of the top level (`tensorflow/python/ops/string_ops.py`), built as
TF 1.15 builds them: `string_split` (its `StringSplit` scope around the op),
`regex_replace` (`StaticRegexReplace` for Python patterns), `reduce_join` (its constant
reduction axes), `substr`, `string_to_number`, `string_to_hash_bucket`."""

from __future__ import annotations

import numpy as np

from ..framework import dtypes as _dtypes
from ..framework.constant_op import constant, convert_to_tensor
from ..framework.ops import name_scope
from ..framework.sparse_tensor import SparseTensor
from .data_flow_ops import _op


def _pick(new, new_name, old, old_name):
    if new is not None and old is not None:
        raise ValueError(f"Cannot specify both '{new_name}' and '{old_name}'")
    return new if new is not None else old


def string_split(source, sep=None, skip_empty=True, delimiter=None,
                 result_type="SparseTensor", name=None):
    """`tf.string_split`: split each string of a 1-D tensor into a SparseTensor."""
    with name_scope(name, "StringSplit", [source]):
        delimiter = _pick(sep, "sep", delimiter, "delimiter")
        delimiter = convert_to_tensor(" " if delimiter is None else delimiter,
                                      dtype=_dtypes.string)
        source = convert_to_tensor(source, dtype=_dtypes.string)
        indices, values, shape = _op("StringSplit", None, input=source, delimiter=delimiter,
                                     skip_empty=skip_empty)
        indices.set_shape([None, 2])
        values.set_shape([None])
        shape.set_shape([2])
        if result_type != "SparseTensor":
            if result_type == "RaggedTensor":
                raise NotImplementedError("philoxflow has no RaggedTensor")
            raise ValueError("result_type must be 'RaggedTensor' or 'SparseTensor'.")
        return SparseTensor(indices, values, shape)


def regex_replace(input, pattern, rewrite, replace_global=True, name=None):  # noqa: A002
    """`tf.regex_replace`."""
    if isinstance(pattern, (str, bytes)) and isinstance(rewrite, (str, bytes)):
        return _op("StaticRegexReplace", name, input=input, pattern=pattern, rewrite=rewrite,
                   replace_global=replace_global)
    return _op("RegexReplace", name, input=input, pattern=pattern, rewrite=rewrite,
               replace_global=replace_global)


def reduce_join(inputs, axis=None, keep_dims=None, separator="", name=None,
                reduction_indices=None, keepdims=None):
    """`tf.reduce_join` (v1 signature)."""
    keepdims = _pick(keepdims, "keepdims", keep_dims, "keep_dims")
    axis = _pick(axis, "axis", reduction_indices, "reduction_indices")
    with name_scope(None, "ReduceJoin", [inputs, axis]):
        inputs_t = convert_to_tensor(inputs)
        if axis is None:
            if inputs_t.shape.ndims is not None:
                axis = constant(np.arange(inputs_t.shape.ndims - 1, -1, -1),
                                dtype=_dtypes.int32)
            else:
                from .array_ops import range as range_
                from .array_ops import rank

                axis = range_(rank(inputs_t) - 1, -1, -1)
        return _op("ReduceJoin", name, inputs=inputs_t, reduction_indices=axis,
                   keep_dims=bool(keepdims), separator=separator)


def substr(input, pos, len, name=None, unit="BYTE"):  # noqa: A002
    """`tf.substr`."""
    return _op("Substr", name, input=input, pos=pos, len=len, unit=unit)


def string_to_number(string_tensor=None, out_type=_dtypes.float32, name=None, input=None):  # noqa: A002
    """`tf.string_to_number`."""
    string_tensor = _pick(input, "input", string_tensor, "string_tensor")
    return _op("StringToNumber", name, string_tensor=string_tensor, out_type=out_type)


def string_to_hash_bucket(string_tensor=None, num_buckets=None, name=None, input=None):  # noqa: A002
    """`tf.string_to_hash_bucket`."""
    string_tensor = _pick(input, "input", string_tensor, "string_tensor")
    return _op("StringToHashBucket", name, string_tensor=string_tensor,
               num_buckets=num_buckets)
