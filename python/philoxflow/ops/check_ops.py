"""TF 1.15's `check_ops.py`: `tf.assert_*` / `tf.debugging.assert_*`.

An assertion builds a comparison, `All` over it and an `Assert` (guarded by a cond
unless its data are all strings or int32), as TF 1.15 does; assertions TF decides
statically build a NoOp or raise at build time with TF's message.
"""

from __future__ import annotations

import numpy as np

from .. import errors
from ..framework import dtypes as _dtypes
from ..framework.constant_op import convert_to_tensor
from ..framework.ops import Tensor, get_default_graph, name_scope
from . import array_ops, control_flow_ops, math_ops


def _static_message(data):
    out = []
    for d in data:
        v = array_ops._constant_value(d) if isinstance(d, Tensor) else d
        out.append(str(d if v is None else v))
    return "\n".join(out)


def _binary_assert(sym, opname, op_func, static_func, x, y, data, summarize, message, name):
    with name_scope(name, opname, [x, y, data]):
        x = convert_to_tensor(x, name="x")
        y = convert_to_tensor(y, name="y")
        if data is None:
            data = [f"Condition x {sym} y did not hold element-wise:",
                    f"x ({x.name}) = ", x, f"y ({y.name}) = ", y]
        if message is not None:
            data = [message] + list(data)
        condition = math_ops.reduce_all(op_func(x, y))
        xs, ys = array_ops._constant_value(x), array_ops._constant_value(y)
        if xs is not None and ys is not None and not np.all(static_func(xs, ys)):
            raise errors.InvalidArgumentError(None, None, _static_message(data))
        return control_flow_ops.Assert(condition, data, summarize=summarize)


def assert_equal(x, y, data=None, summarize=None, message=None, name=None):
    with name_scope(name, "assert_equal", [x, y, data]):
        if x is y:
            return control_flow_ops.no_op()
    return _binary_assert("==", "assert_equal", math_ops.equal, np.equal, x, y, data,
                          summarize, message, name)


def assert_none_equal(x, y, data=None, summarize=None, message=None, name=None):
    return _binary_assert("!=", "assert_none_equal", math_ops.not_equal, np.not_equal, x, y,
                          data, summarize, message, name)


def assert_less(x, y, data=None, summarize=None, message=None, name=None):
    return _binary_assert("<", "assert_less", math_ops.less, np.less, x, y, data, summarize,
                          message, name)


def assert_less_equal(x, y, data=None, summarize=None, message=None, name=None):
    return _binary_assert("<=", "assert_less_equal", math_ops.less_equal, np.less_equal, x, y,
                          data, summarize, message, name)


def assert_greater(x, y, data=None, summarize=None, message=None, name=None):
    return _binary_assert(">", "assert_greater", math_ops.greater, np.greater, x, y, data,
                          summarize, message, name)


def assert_greater_equal(x, y, data=None, summarize=None, message=None, name=None):
    return _binary_assert(">=", "assert_greater_equal", math_ops.greater_equal,
                          np.greater_equal, x, y, data, summarize, message, name)


def _sign_assert(default, sym, cmp, x, data, summarize, message, name, zero_first=True):
    """`cmp(0, x)` (positive, non-negative) or `cmp(x, 0)` (negative, non-positive)."""
    message = message or ""
    with name_scope(name, default, [x, data]):
        x = convert_to_tensor(x, name="x")
        if data is None:
            data = [message, f"Condition x {sym} did not hold element-wise:",
                    f"x ({x.name}) = ", x]
        zero = convert_to_tensor(0, dtype=x.dtype)
        a, b = (zero, x) if zero_first else (x, zero)
        return cmp(a, b, data=data, summarize=summarize)


def assert_positive(x, data=None, summarize=None, message=None, name=None):
    return _sign_assert("assert_positive", "> 0", assert_less, x, data, summarize, message,
                        name)


def assert_non_negative(x, data=None, summarize=None, message=None, name=None):
    return _sign_assert("assert_non_negative", ">= 0", assert_less_equal, x, data, summarize,
                        message, name)


def assert_negative(x, data=None, summarize=None, message=None, name=None):
    return _sign_assert("assert_negative", "< 0", assert_less, x, data, summarize, message,
                        name, zero_first=False)


def assert_non_positive(x, data=None, summarize=None, message=None, name=None):
    return _sign_assert("assert_non_positive", "<= 0", assert_less_equal, x, data, summarize,
                        message, name, zero_first=False)


def assert_type(tensor, tf_type, message=None, name=None):
    message = message or ""
    with name_scope(name, "assert_type", [tensor]):
        tensor = convert_to_tensor(tensor, name="tensor")
        if tensor.dtype != tf_type:
            raise TypeError(f"{message}  {tensor.name} must be of type {tf_type}")
        return control_flow_ops.no_op("statically_determined_correct_type")


def assert_integer(x, message=None, name=None):
    message = message or ""
    with name_scope(name, "assert_integer", [x]):
        x = convert_to_tensor(x, name="x")
        if not x.dtype.is_integer:
            if get_default_graph()._target.uniform_skips_unit_scaling:
                message = f"{message}.  " if message else ""  # TF 2.x's _message_prefix
            else:
                message = f"{message}  "
            raise TypeError(f'{message}Expected "x" to be integer type.  Found: {x.name} of '
                            f"dtype {x.dtype}")
        return control_flow_ops.no_op("statically_determined_was_integer")


def assert_scalar(tensor, name=None, message=None):
    with name_scope(name, "assert_scalar", [tensor]) as scope:
        tensor = convert_to_tensor(tensor, name=scope)
        if tensor.shape.rank != 0:
            raise ValueError(f"{message or ''}Expected scalar shape for {tensor.name}, saw "
                             f"shape: {tensor.shape}.")
        return tensor


def _rank_assert(default, word, static_ok, dyn, x, rank, data, summarize, message, name):
    with name_scope(name, default, (x, rank) + tuple(data or [])):
        x = convert_to_tensor(x, name="x")
        rank = convert_to_tensor(rank, name="rank")
        message = message or ""
        xname = x.name
        if data is None:
            data = [message, f"Tensor {xname} must have rank{word}", rank, "Received shape: ",
                    array_ops.shape(x)]
        assert_type(rank, _dtypes.int32)
        rs = array_ops._constant_value(rank)
        if rs is not None:
            if np.ndim(rs) != 0:
                raise ValueError("Rank must be a scalar.")
            xr = x.shape.rank
            if xr is not None:
                if not static_ok(xr, int(rs)):
                    raise ValueError(f"{message}.  Tensor {xname} must have rank{word} "
                                     f"{int(rs)}.  Received rank {xr}, shape {x.shape}")
                return control_flow_ops.no_op(name="static_checks_determined_all_ok")
        condition = dyn(array_ops.rank(x), rank)
        if rs is None:
            check = assert_rank(rank, 0, data=["Rank must be a scalar. Received rank: ", rank])
            condition = control_flow_ops.with_dependencies([check], condition)
        return control_flow_ops.Assert(condition, data, summarize=summarize)


def assert_rank(x, rank, data=None, summarize=None, message=None, name=None):
    return _rank_assert("assert_rank", "", lambda a, b: a == b, math_ops.equal, x, rank, data,
                        summarize, message, name)


def assert_rank_at_least(x, rank, data=None, summarize=None, message=None, name=None):
    return _rank_assert("assert_rank_at_least", " at least", lambda a, b: a >= b,
                        math_ops.greater_equal, x, rank, data, summarize, message, name)


def assert_proper_iterable(values):
    if isinstance(values, (Tensor, np.ndarray, str, bytes)):
        raise TypeError('Expected argument "values" to be a "proper" iterable.  Found: '
                        f"{type(values)}")
    if not hasattr(values, "__iter__"):
        raise TypeError(f'Expected argument "values" to be iterable.  Found: {type(values)}')


def is_numeric_tensor(tensor):
    d = getattr(tensor, "dtype", None)
    return isinstance(tensor, Tensor) and (d.is_floating or d.is_integer or d.is_complex)


def assert_near(x, y, rtol=None, atol=None, data=None, summarize=None, message=None,
                name=None):
    message = message or ""
    with name_scope(name, "assert_near", [x, y, rtol, atol, data]):
        x = convert_to_tensor(x, name="x")
        y = convert_to_tensor(y, name="y", dtype=x.dtype)
        eps = np.finfo(x.dtype.as_numpy_dtype).eps
        rtol = 10 * eps if rtol is None else rtol
        atol = 10 * eps if atol is None else atol
        rtol = convert_to_tensor(rtol, name="rtol", dtype=x.dtype)
        atol = convert_to_tensor(atol, name="atol", dtype=x.dtype)
        if data is None:
            data = [message, f"x and y not equal to tolerance rtol = {rtol}, atol = {atol}",
                    f"x ({x.name}) = ", x, f"y ({y.name}) = ", y]
        tol = atol + rtol * math_ops.abs(y)
        diff = math_ops.abs(x - y)
        condition = math_ops.reduce_all(math_ops.less(diff, tol))
        return control_flow_ops.Assert(condition, data, summarize=summarize)


def assert_same_float_dtype(tensors=None, dtype=None):
    """TF's `assert_same_float_dtype`: the common floating dtype (float32 if none)."""
    if tensors:
        expected = dtype
        for item in tensors:
            if item is None:
                continue
            if not expected:
                expected = item.dtype
            elif expected != item.dtype:
                raise ValueError(f"{getattr(item, 'name', item)}, type={item.dtype}, must be "
                                 f"of the same type ({expected}).")
        dtype = expected
    if not dtype:
        dtype = _dtypes.float32
    elif not dtype.is_floating:
        raise ValueError(f"Expected floating point type, got {dtype}.")
    return dtype


def _diff_for_monotonic(x):
    x = array_ops.reshape(x, [-1])
    if not is_numeric_tensor(x):
        raise TypeError(f"Expected x to be numeric, instead found: {x}")
    short = math_ops.less(array_ops.size(x), 2)
    s_len = array_ops.shape(x) - 1
    return control_flow_ops.cond(
        short, lambda: convert_to_tensor([], dtype=x.dtype),
        lambda: array_ops.strided_slice(x, [1], [1] + s_len)
        - array_ops.strided_slice(x, [0], s_len))


def is_non_decreasing(x, name=None):
    with name_scope(name, "is_non_decreasing", [x]):
        diff = _diff_for_monotonic(x)
        zero = convert_to_tensor(0, dtype=diff.dtype)
        return math_ops.reduce_all(math_ops.less_equal(zero, diff))


def is_strictly_increasing(x, name=None):
    with name_scope(name, "is_strictly_increasing", [x]):
        diff = _diff_for_monotonic(x)
        zero = convert_to_tensor(0, dtype=diff.dtype)
        return math_ops.reduce_all(math_ops.less(zero, diff))
