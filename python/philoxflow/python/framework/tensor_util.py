"""`tensorflow.python.framework.tensor_util`: constant values of tensors."""

from philoxflow.framework.ops import Tensor as _Tensor
from philoxflow.ops.array_ops import _constant_value as constant_value  # noqa: F401


def is_tensor(x) -> bool:
    """TF's `tensor_util.is_tensor`: a graph tensor (or variable)."""
    return isinstance(x, _Tensor) or hasattr(x, "_as_graph_tensor")
