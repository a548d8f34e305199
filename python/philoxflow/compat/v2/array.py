"""TF 2.x top-level names the graph namespaces lack (`tf.where` is `where_v2`)."""

from __future__ import annotations

from ...framework.constant_op import convert_to_tensor
from ...framework.ops import name_scope
from ...ops.gen import apply_op
from ...ops.math_ops import reduce_all, reduce_any  # noqa: F401 - tf.reduce_all/any


def where(condition, x=None, y=None, name=None):
    """`tf.where` (v2): `SelectV2(condition, x, y)` with broadcasting; the coordinates of
    true elements (`Where`) when `x` and `y` are None."""
    if (x is None) != (y is None):
        raise ValueError("x and y must both be non-None or both be None.")
    with name_scope(name, "where", [condition, x, y]):
        if x is None:
            return apply_op("Where", None, [(condition, "input", None)], dtype="int64")
        x = convert_to_tensor(x, name="x")
        y = convert_to_tensor(y, dtype=x.dtype, name="y")
        return apply_op("SelectV2", None, [(condition, "condition", None), (x, "t", None),
                                           (y, "e", None)], dtype=x.dtype)


_is_namespace = True
