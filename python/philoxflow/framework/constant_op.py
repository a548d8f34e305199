"""Constants and tensor conversion (`tf.constant`, `tf.convert_to_tensor`) with TF's dtype rules.

Lists that hold tensors are packed (`Pack`), as TF's auto-packing conversion does,
with constants for the other elements named by their index.
"""

from __future__ import annotations

import numbers

import numpy as np

from . import dtypes as _dtypes
from .ops import Operation, Tensor, _contiguous, get_default_graph, name_scope
from .tensor_shape import Dimension, TensorShape


def _unwrap(values):
    """Dimensions and TensorShapes inside Python values, as ints/lists."""
    if isinstance(values, Dimension):
        return values.value
    if isinstance(values, TensorShape):
        return values.as_list()
    if isinstance(values, (list, tuple)):
        return [_unwrap(v) for v in values]
    return values


def _python_dtype(values):
    """TF's inference for Python values: int32 (int64 if needed), float32, bool."""
    flat = np.asarray(values, dtype=object).ravel() if not np.isscalar(values) else [values]
    kinds = set()
    for v in flat:
        if isinstance(v, (bool, np.bool_)):
            kinds.add("b")
        elif isinstance(v, numbers.Integral):
            kinds.add("i")
        elif isinstance(v, numbers.Real):
            kinds.add("f")
        elif isinstance(v, numbers.Complex):
            kinds.add("c")
        elif isinstance(v, (str, bytes)):
            kinds.add("s")
        elif isinstance(v, (Tensor,)):
            raise TypeError("Tensors inside Python lists are not supported by tf.constant")
        else:
            raise TypeError(f"Failed to convert elements of {values!r} to Tensor.")
    if "s" in kinds:
        if len(kinds) > 1:
            raise TypeError(f"Failed to convert elements of {values!r} to Tensor.")
        return _dtypes.string
    if "c" in kinds:
        return _dtypes.complex128
    if "f" in kinds:
        return _dtypes.float32
    if "i" in kinds:
        ints = [int(v) for v in flat]
        lo, hi = (min(ints), max(ints)) if ints else (0, 0)
        if -(2**31) <= lo and hi < 2**31:
            return _dtypes.int32
        if -(2**63) <= lo and hi < 2**63:
            return _dtypes.int64
        raise ValueError(f"Can't convert Python int to int64: {values!r} is out of range.")
    if "b" in kinds:
        return _dtypes.bool
    return _dtypes.float32


def _assert_compatible(values, dtype):
    """TF's `_AssertCompatible`: Python floats never silently become ints; Python bools
    are numbers (`minval=True` is 1)."""
    flat = np.asarray(values, dtype=object).ravel() if not np.isscalar(values) else [values]
    for v in flat:
        bad = False
        if dtype.is_integer:
            bad = not isinstance(v, (numbers.Integral, np.integer))
        elif dtype.is_floating:
            bad = not isinstance(v, (numbers.Real, np.integer, np.floating))
        elif dtype == _dtypes.bool:
            bad = not isinstance(v, (bool, np.bool_))
        elif dtype.is_complex:
            bad = not isinstance(v, (numbers.Number, np.number))
        elif dtype == _dtypes.string:
            bad = not isinstance(v, (str, bytes, np.bytes_, np.str_))
        if bad:
            raise TypeError(f"Expected {dtype.name}, but got {v!r} of type '{type(v).__name__}'.")


def _to_numpy(value, dtype=None):
    """A Python or NumPy value as a NumPy array of TF's dtype for it."""
    if dtype is not None:
        dtype = _dtypes.as_dtype(dtype)
    if isinstance(value, TensorShape):
        value = value.as_list()
    if isinstance(value, np.ndarray) or isinstance(value, np.generic):
        arr = np.asarray(value)
        src = _dtypes.as_dtype(arr.dtype)
        if dtype is None:
            dtype = src
        elif src != dtype:
            if dtype.is_integer and src.is_floating:
                raise TypeError(f"Expected {dtype.name}, but got {arr!r} of type "
                                f"'{type(value).__name__}'.")
    else:
        if dtype is None:
            dtype = _python_dtype(value)
        else:
            _assert_compatible(value, dtype)
        arr = np.asarray(value, dtype=object)
    if dtype not in _dtypes.SUPPORTED:
        raise TypeError(f"philoxflow does not support tensors of dtype {dtype.name}")
    if dtype == _dtypes.string:
        return _strings(arr), dtype
    np_type = np.uint16 if dtype == _dtypes.bfloat16 and _dtypes._BFLOAT16_NP is None else None
    if np_type is not None:  # bfloat16 without ml_dtypes: round through float32 bits
        return _dtypes.bfloat16_bits(np.asarray(arr, dtype=np.float32)), dtype
    if dtype.is_integer and arr.dtype == object:
        info = np.iinfo(dtype.as_numpy_dtype)
        for v in arr.ravel():
            if not info.min <= int(v) <= info.max:
                raise ValueError(f"Can't convert Python int {v} to {dtype.name}: out of range.")
    return _contiguous(np.asarray(arr, dtype=dtype.as_numpy_dtype)), dtype


def _strings(arr):
    """An object array of `bytes` (TF encodes `str` as UTF-8)."""
    arr = np.asarray(arr, dtype=object)
    out = np.empty(arr.shape, dtype=object)
    for i, v in enumerate(arr.ravel()):
        if isinstance(v, (str, np.str_)):
            v = v.encode("utf-8")
        elif not isinstance(v, (bytes, np.bytes_)):
            raise TypeError(f"Expected string, but got {v!r} of type '{type(v).__name__}'.")
        out.reshape(-1)[i] = bytes(v)
    return out


def constant(value, dtype=None, shape=None, name="Const", verify_shape=False):
    """`tf.constant`: a Const op holding `value` (converted with TF's dtype rules)."""
    arr, dt = _to_numpy(_unwrap(value), dtype)
    if shape is not None:
        shape = TensorShape(shape).as_list()
        if any(d is None for d in shape):
            raise ValueError(f"Shape {shape} must be fully defined for a constant")
        n = int(np.prod(shape, dtype=np.int64))
        if arr.size == 1:
            arr = np.full(shape, arr.reshape(())[()], dtype=arr.dtype)
        elif arr.size == n:
            arr = arr.reshape(shape)
        elif arr.size > n:
            raise ValueError(f"Too many elements provided. Takes at most {n:d}, but got "
                             f"{arr.size:d}.")
        elif arr.size > 0:
            # As TF's TensorProto: the last value repeats to fill the shape.
            flat = arr.ravel()
            arr = np.concatenate([flat, np.repeat(flat[-1:], n - flat.size)]).reshape(shape)
        else:
            arr = np.full(shape, b"" if dt == _dtypes.string else 0, dtype=arr.dtype)
    return get_default_graph()._create_op("Const", (), name, dtype=dt,
                                          value=_contiguous(arr)).outputs[0]


def convert_to_tensor(value, dtype=None, name=None, preferred_dtype=None, dtype_hint=None):
    """`tf.convert_to_tensor`: Tensors pass through (dtype-checked), values become constants."""
    if dtype is not None:
        dtype = _dtypes.as_dtype(dtype)
    conv = getattr(value, "_as_graph_tensor", None)
    if conv is not None:
        value = conv()
    if isinstance(value, Tensor):
        if dtype is not None and value.dtype != dtype:
            raise ValueError(f"Tensor conversion requested dtype {dtype.name} for Tensor with "
                             f"dtype {value.dtype.name}: {value!r}")
        return value
    if isinstance(value, Operation):
        raise TypeError(f"Can't convert Operation '{value.name}' to Tensor (target dtype="
                        f"{dtype}, name={name!r}, as_ref=False)")
    if isinstance(value, (list, tuple)) and _holds_tensor(value):
        packed = _autopack(value, dtype or _first_tensor_dtype(value), name or "packed")
        if isinstance(packed, Tensor):
            return packed
    if isinstance(value, (Dimension, TensorShape)):
        # TF's registered conversions: a `shape_as_tensor` Const of the known value
        if isinstance(value, Dimension) and value.value is None:
            raise ValueError(f"Cannot convert an unknown Dimension to a Tensor: {value}")
        if isinstance(value, TensorShape) and not value.is_fully_defined():
            raise ValueError(f"Cannot convert a partially known TensorShape to a Tensor: "
                             f"{value}")
        name = name or "shape_as_tensor"
    value = _unwrap(value)
    hint = preferred_dtype or dtype_hint
    if dtype is None and hint is not None:
        try:
            return constant(value, _dtypes.as_dtype(hint), name=name or "Const")
        except (TypeError, ValueError):
            pass
    return constant(value, dtype, name=name or "Const")


def _holds_tensor(value):
    if isinstance(value, (list, tuple)):
        return any(_holds_tensor(v) for v in value)
    return isinstance(value, Tensor) or hasattr(value, "_as_graph_tensor")


def _first_tensor_dtype(value):
    if isinstance(value, (list, tuple)):
        for v in value:
            d = _first_tensor_dtype(v)
            if d is not None:
                return d
        return None
    if isinstance(value, Tensor) or hasattr(value, "_as_graph_tensor"):
        return convert_to_tensor(value).dtype
    return None


def _autopack(values, dtype, name):
    """TF's `_autopacking_helper`: a list with tensors becomes a Pack op."""
    must_pack = False
    converted = []
    with name_scope(name) as scope:
        for i, elem in enumerate(values):
            if isinstance(elem, Tensor) or hasattr(elem, "_as_graph_tensor"):
                elem = convert_to_tensor(elem)
                if dtype is not None and elem.dtype != dtype:
                    raise TypeError(f"Cannot convert a list containing a tensor of dtype "
                                    f"{elem.dtype.name} to {dtype.name} (Tensor is: {elem!r})")
                must_pack = True
            elif isinstance(elem, (list, tuple)):
                elem = _autopack(elem, dtype, str(i))
                must_pack = must_pack or isinstance(elem, Tensor)
            converted.append(elem)
        if not must_pack:
            return converted
        tensors = [e if isinstance(e, Tensor) else constant(e, dtype=dtype, name=str(i))
                   for i, e in enumerate(converted)]
        return get_default_graph()._create_op("Pack", tensors, scope, ints=[0],
                                              attrs={"axis": 0, "N": len(tensors)}).outputs[0]
