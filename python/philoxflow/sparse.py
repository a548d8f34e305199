"""`tf.sparse`: TF 1.15's sparse namespace (v1 names)."""

from .framework.sparse_tensor import SparseTensor, SparseTensorValue
from .ops import sparse_math_ops as _math
from .ops import sparse_ops as _ops

_is_namespace = True  # bound to the TF 2.21 target by `compat.v1` as a submodule

add = _ops.sparse_add
concat = _ops.sparse_concat
expand_dims = _ops.sparse_expand_dims
eye = _ops.sparse_eye
fill_empty_rows = _ops.sparse_fill_empty_rows
from_dense = _ops.from_dense
matmul = sparse_dense_matmul = _math.sparse_tensor_dense_matmul
maximum = _math.sparse_maximum
merge = _ops.sparse_merge
minimum = _math.sparse_minimum
placeholder = _ops.sparse_placeholder
reduce_max = _math.sparse_reduce_max
reduce_max_sparse = _math.sparse_reduce_max_sparse
reduce_sum = _math.sparse_reduce_sum
reduce_sum_sparse = _math.sparse_reduce_sum_sparse
reorder = _ops.sparse_reorder
reset_shape = _ops.sparse_reset_shape
reshape = _ops.sparse_reshape
retain = _ops.sparse_retain
serialize_many_sparse = _ops.serialize_many_sparse
serialize_sparse = _ops.serialize_sparse
slice = _ops.sparse_slice  # noqa: A001 - TensorFlow's name
softmax = _math.sparse_softmax
split = _ops.sparse_split
to_dense = _ops.sparse_tensor_to_dense
to_indicator = _ops.sparse_to_indicator
transpose = _ops.sparse_transpose

__all__ = [
    "SparseTensor", "SparseTensorValue", "add", "concat", "expand_dims", "eye",
    "fill_empty_rows", "from_dense", "matmul", "maximum", "merge", "minimum", "placeholder",
    "reduce_max", "reduce_max_sparse", "reduce_sum", "reduce_sum_sparse", "reorder",
    "reset_shape", "reshape", "retain", "serialize_many_sparse", "serialize_sparse", "slice",
    "softmax", "sparse_dense_matmul", "split", "to_dense", "to_indicator", "transpose",
]
