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
from .tensor_util import make_tensor_value


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
        elif isinstance(v, (Tensor,)):
            raise TypeError("Tensors inside Python lists are not supported by tf.constant")
        else:
            raise TypeError(f"Failed to convert elements of {values!r} to Tensor.")
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
        if bad:
            raise TypeError(f"Expected {dtype.name}, but got {v!r} of type '{type(v).__name__}'.")


def _to_numpy(value, dtype=None):
    """A Python or NumPy value as a NumPy array of TF's dtype for it."""
    if value is None:  # TF's make_tensor_proto
        raise ValueError("None values not supported.")
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
    if dtype not in _dtypes.SUPPORTED and (dtype.as_numpy_dtype is None
                                           or dtype.name.startswith("complex")):
        raise TypeError(f"philoxflow does not support tensors of dtype {dtype.name}")
    np_type = np.uint16 if dtype == _dtypes.bfloat16 and _dtypes._BFLOAT16_NP is None else None
    if np_type is not None:  # bfloat16 without ml_dtypes: round through float32 bits
        return _dtypes.bfloat16_bits(np.asarray(arr, dtype=np.float32)), dtype
    if dtype.is_integer and arr.dtype == object:
        info = np.iinfo(dtype.as_numpy_dtype)
        for v in arr.ravel():
            if not info.min <= int(v) <= info.max:
                raise ValueError(f"Can't convert Python int {v} to {dtype.name}: out of range.")
    return _contiguous(np.asarray(arr, dtype=dtype.as_numpy_dtype)), dtype


def _is_text(value):
    while isinstance(value, (list, tuple)) and value:
        value = value[0]
    return isinstance(value, (str, bytes))


def constant(value, dtype=None, shape=None, name="Const", verify_shape=False,
             allow_broadcast=False):
    """`tf.constant`: a Const op holding `value`, converted as TF's `make_tensor_proto`
    converts it (`tensor_util.make_tensor_value`)."""
    dtype = None if dtype is None else _dtypes.as_dtype(dtype).base_dtype
    if (_is_text(value) and (dtype is None or _dtypes.as_dtype(dtype) == _dtypes.string)) or (
            dtype is not None and _dtypes.as_dtype(dtype) == _dtypes.string):
        # String constants (summary tags, messages): built for structure, as TF's Const.
        arr = np.array(value, dtype=object)
        # Its value, as TF's session gives it (bytes), is kept for Python kernels.
        flat = [v.encode() if isinstance(v, str) else bytes(v) for v in arr.ravel()]
        py = np.empty(arr.shape, dtype=object)
        py.ravel()[:] = flat if flat else py.ravel()[:0]
        return get_default_graph()._create_op("Const", (), name, dtype=_dtypes.string,
                                              shape=list(arr.shape),
                                              attrs={"value": arr, "_py_value": py}).outputs[0]
    arr, dt, shape = make_tensor_value(value, dtype, shape, verify_shape,
                                       allow_broadcast)
    if dt.name.startswith("complex") or dt.name == "string":
        raise TypeError(f"philoxflow does not support tensors of dtype {dt.name}")
    if dt == _dtypes.bfloat16 and _dtypes._BFLOAT16_NP is None:
        arr = _dtypes.bfloat16_bits(np.asarray(arr, dtype=np.float32))
    n = int(np.prod(shape, dtype=np.int64))
    if n * arr.itemsize >= 1 << 31:
        # TF's proto keeps the one value and its kernel fills the tensor when run; here
        # Consts hold their whole value, so such a constant is refused, not allocated.
        raise ValueError(f"philoxflow cannot hold a constant of shape {shape} "
                         f"(over 2GB); TensorFlow fills it only when it runs")
    if list(arr.shape) != shape:
        if arr.size == n:
            arr = arr.reshape(shape)
        elif arr.size == 0:
            arr = np.zeros(shape, dtype=arr.dtype)
        else:
            # As TF's TensorProto: the last value repeats to fill the shape.
            flat = arr.ravel()
            arr = np.concatenate([flat, np.repeat(flat[-1:], n - flat.size)]).reshape(shape)
    arr = _contiguous(arr)
    if dt not in _dtypes.SUPPORTED:
        # Integer dtypes the Rust core does not hold (uint8 images): the value stays in
        # Python and Python kernels compute with it (`framework/py_kernels.py`).
        return get_default_graph()._create_op(
            "Const", (), name, dtype=dt, shape=list(arr.shape), value=arr,
            attrs={"value": arr, "dtype": dt, "_py_value": arr}).outputs[0]
    return get_default_graph()._create_op("Const", (), name, dtype=dt, value=arr).outputs[0]


def convert_to_tensor(value, dtype=None, name=None, preferred_dtype=None, dtype_hint=None):
    """`tf.convert_to_tensor` (TF's `internal_convert_to_tensor`): the conversion registered
    for the value's type runs with the preferred dtype first (its TypeError/ValueError
    falls back to no dtype), then with `dtype`."""
    if dtype is not None:
        dtype = _dtypes.as_dtype(dtype).base_dtype  # a `float32_ref` asks for its values
    conv = getattr(value, "_dense_var_to_tensor", None)  # a resource variable reads anew
    if conv is None:
        conv = getattr(value, "_as_graph_tensor", None)
    if conv is not None:
        value = conv()
    if isinstance(value, Tensor):
        if dtype is not None and not dtype.is_compatible_with(value.dtype):
            raise ValueError(f"Tensor conversion requested dtype {dtype.name} for Tensor with "
                             f"dtype {value.dtype.name}: {value!r}")
        return value
    if isinstance(value, Operation):
        raise TypeError(f"Can't convert Operation '{value.name}' to Tensor (target dtype="
                        f"{dtype}, name={name!r}, as_ref=False)")
    if isinstance(value, (list, tuple)) and _holds_tensor(value):
        fn = _autopack_conversion
    elif isinstance(value, TensorShape):
        fn = _tensor_shape_conversion
    elif isinstance(value, Dimension):
        fn = _dimension_conversion
    else:
        fn = _constant_conversion
    hint = preferred_dtype or dtype_hint
    if dtype is None and hint is not None:
        try:
            return fn(value, _dtypes.as_dtype(hint), name)
        except (TypeError, ValueError):
            pass
    return fn(value, dtype, name)


def _constant_conversion(value, dtype, name):
    return constant(value, dtype, name=name or "Const")


def _autopack_conversion(value, dtype, name):
    """TF's `_autopacking_conversion_function`: tensors of another dtype are cast first."""
    inferred = _first_tensor_dtype(value)
    if dtype is None:
        dtype = inferred
    elif dtype != inferred:
        value = _cast_nested(value, dtype)
    return _autopack(value, dtype, name or "packed")


def _cast_nested(value, dtype):
    from ..ops.math_ops import cast

    if isinstance(value, (list, tuple)):
        return type(value)(_cast_nested(v, dtype) for v in value)
    if isinstance(value, Tensor) or hasattr(value, "_as_graph_tensor"):
        t = convert_to_tensor(value)
        return t if t.dtype == dtype else cast(t, dtype)
    return value


def _tensor_shape_conversion(s, dtype, name):
    """TF's conversion of a TensorShape: int32 (int64 past 2**31) `shape_as_tensor`."""
    if not s.is_fully_defined():
        if get_default_graph()._target.resource_variables:  # TF 2.x's message
            text = "<unknown>" if s.rank is None else str(tuple(s.as_list()))
            raise ValueError(f"Cannot convert a partially known TensorShape {text} to a "
                             "Tensor.")
        raise ValueError(f"Cannot convert a partially known TensorShape to a Tensor: {s}")
    dims = s.as_list()
    big = next((d for d in dims if d >= 2**31), 0)
    if dtype is not None:
        if dtype not in (_dtypes.int32, _dtypes.int64):
            raise TypeError(f"Cannot convert a TensorShape to dtype: {dtype}")
        if dtype == _dtypes.int32 and big:
            raise ValueError(f"Cannot convert a TensorShape to dtype int32; a dimension is "
                             f"too large ({big})")
    else:
        dtype = _dtypes.int64 if big else _dtypes.int32
    return constant(dims, dtype=dtype, name=name or "shape_as_tensor")


def _dimension_conversion(d, dtype, name):
    if d.value is None:
        raise ValueError(f"Cannot convert an unknown Dimension to a Tensor: {d}")
    if dtype is not None:
        if dtype not in (_dtypes.int32, _dtypes.int64):
            raise TypeError(f"Cannot convert a TensorShape to dtype: {dtype}")
    else:
        dtype = _dtypes.int32
    return constant(d.value, dtype=dtype, name=name or "shape_as_tensor")


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
