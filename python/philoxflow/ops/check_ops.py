"""`check_ops.py`: the assertions TF's image ops add for shapes known only at run time,
built op for op as TF 1.15 builds them (each op shifts the ids TF 1.x seeds from)."""

from __future__ import annotations

from ..framework.constant_op import convert_to_tensor
from ..framework.ops import name_scope
from .control_flow_ops import Assert
from .math_ops import greater_equal, less, reduce_all


def _binary_assert(op_str, opname, test, x, y, data, summarize, message, name):
    with name_scope(name, opname, [x, y, data]):
        x = convert_to_tensor(x, name="x")
        y = convert_to_tensor(y, name="y")
        if data is None:
            data = [
                "Condition x %s y did not hold element-wise:" % op_str,
                "x (%s) = " % x.name, x,
                "y (%s) = " % y.name, y,
            ]
        if message is not None:
            data = [message] + list(data)
        condition = reduce_all(test(x, y))
        return Assert(condition, data, summarize=summarize)


def assert_less(x, y, data=None, summarize=None, message=None, name=None):
    return _binary_assert("<", "assert_less", less, x, y, data, summarize, message, name)


def assert_greater_equal(x, y, data=None, summarize=None, message=None, name=None):
    return _binary_assert(">=", "assert_greater_equal", greater_equal, x, y, data, summarize,
                          message, name)


def assert_positive(x, data=None, summarize=None, message=None, name=None):
    message = message or ""
    with name_scope(name, "assert_positive", [x, data]):
        x = convert_to_tensor(x, name="x")
        if data is None:
            data = [message, "Condition x > 0 did not hold element-wise:",
                    "x (%s) = " % x.name, x]
        zero = convert_to_tensor(0, dtype=x.dtype)
        return assert_less(zero, x, data=data, summarize=summarize)
