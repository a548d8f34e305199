"""`tf.sparse`: TF 1.15's sparse namespace (v1 names)."""

from .framework.sparse_tensor import SparseTensor, SparseTensorValue
from .ops.sparse_ops import (
    from_dense,
    serialize_many_sparse,
    serialize_sparse,
)
from .ops.sparse_ops import (
    sparse_add as add,
)
from .ops.sparse_ops import (
    sparse_concat as concat,
)
from .ops.sparse_ops import (
    sparse_eye as eye,
)
from .ops.sparse_ops import (
    sparse_fill_empty_rows as fill_empty_rows,
)
from .ops.sparse_ops import (
    sparse_maximum as maximum,
)
from .ops.sparse_ops import (
    sparse_minimum as minimum,
)
from .ops.sparse_ops import (
    sparse_placeholder as placeholder,
)
from .ops.sparse_ops import (
    sparse_reduce_max as reduce_max,
)
from .ops.sparse_ops import (
    sparse_reduce_max_sparse as reduce_max_sparse,
)
from .ops.sparse_ops import (
    sparse_reduce_sum as reduce_sum,
)
from .ops.sparse_ops import (
    sparse_reduce_sum_sparse as reduce_sum_sparse,
)
from .ops.sparse_ops import (
    sparse_reorder as reorder,
)
from .ops.sparse_ops import (
    sparse_reshape as reshape,
)
from .ops.sparse_ops import (
    sparse_retain as retain,
)
from .ops.sparse_ops import (
    sparse_slice as slice,  # noqa: A004 - TensorFlow's name
)
from .ops.sparse_ops import (
    sparse_softmax as softmax,
)
from .ops.sparse_ops import (
    sparse_split as split,
)
from .ops.sparse_ops import (
    sparse_tensor_dense_matmul as matmul,
)
from .ops.sparse_ops import (
    sparse_tensor_dense_matmul as sparse_dense_matmul,
)
from .ops.sparse_ops import (
    sparse_tensor_to_dense as to_dense,
)
from .ops.sparse_ops import (
    sparse_transpose as transpose,
)

__all__ = [
    "SparseTensor", "SparseTensorValue", "add", "concat", "eye", "fill_empty_rows",
    "from_dense", "matmul", "maximum", "minimum", "placeholder", "reduce_max",
    "reduce_max_sparse", "reduce_sum", "reduce_sum_sparse", "reorder", "reshape", "retain",
    "serialize_many_sparse", "serialize_sparse", "slice", "softmax", "sparse_dense_matmul",
    "split", "to_dense", "transpose",
]
