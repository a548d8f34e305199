"""Constants and tensor conversion (`tf.constant`, `tf.convert_to_tensor`) with TF's dtype rules.

Lists that hold tensors are packed (`Pack`), as TF's auto-packing conversion does,
with constants for the other elements named by their index.
"""

from __future__ import annotations

import numbers

import numpy as np

from . import dtypes as _dtypes
from .indexed_slices import IndexedSlices
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


#: TF 2's eager conversion caches the tensors of Python float scalars, per process, keyed
#: by the value as Python compares it (and the requested dtype): so once 0.0 was
#: converted, -0.0 converts to +0.0, and the other way round (`TFE_TensorHandleCache`).
_SCALARS: dict = {}


def _eager_scalar_cache(value, dtype):
    if type(value) is not float or type(get_default_graph()).__name__ != "EagerGraph":
        return value
    return _SCALARS.setdefault((value, None if dtype is None else dtype.name), value)


def _check_eager_ints(value, dtype):
    """TF 2's eager conversion (C++ `ConvertToEagerTensor`) holds Python ints as int64
    (uint64 for a uint64 tensor) before narrowing them, so one outside that range
    raises, where graph constants (NumPy) still convert it."""
    if not isinstance(value, (int, list, tuple)) or isinstance(value, bool):
        return
    if type(get_default_graph()).__name__ != "EagerGraph":  # graphs and tf.function traces
        return
    flat, stack = [], [value]
    while stack:
        v = stack.pop()
        if isinstance(v, (list, tuple)):
            stack.extend(v)
        else:
            flat.append(v)
    if dtype is not None and (dtype.is_floating or dtype.is_complex):
        return
    if dtype is None and any(isinstance(v, (float, complex)) for v in flat):
        return
    lo, hi = (0, 2**64) if dtype is not None and dtype.name == "uint64" else (-2**63, 2**63)
    for v in flat:
        if isinstance(v, int) and not isinstance(v, bool) and not lo <= v < hi:
            if lo == 0:
                raise SystemError("<class 'philoxflow.eager.tensor.EagerTensor'> returned a "
                                  "result with an exception set")
            raise ValueError("Can't convert Python sequence with out-of-range integer to "
                             "Tensor.")


def constant(value, dtype=None, shape=None, name="Const", verify_shape=False,
             allow_broadcast=False):
    """`tf.constant`: a Const op holding `value`, converted as TF's `make_tensor_proto`
    converts it (`tensor_util.make_tensor_value`; strings as `bytes`, UTF-8)."""
    dtype = None if dtype is None else _dtypes.as_dtype(dtype).base_dtype
    from ..eager.tensor import EagerTensor

    _check_eager_ints(value, dtype)
    value = _eager_scalar_cache(value, dtype)
    if isinstance(value, EagerTensor):
        # TF 2's `convert_to_eager_tensor` returns an eager tensor as it is; a graph
        # (tf.function) takes its value as an array (`_is_array_like`)
        from ..eager.context import executing_eagerly

        if executing_eagerly():
            if dtype is not None and value.dtype != dtype:
                raise TypeError(f"Expected tensor {value} with dtype {dtype!r}, but got "
                                f"dtype {value.dtype!r}.")
            if shape is None:
                return value
        value = value.numpy()
    arr, dt, shape = make_tensor_value(value, dtype, shape, verify_shape,
                                       allow_broadcast)
    if dt == _dtypes.string:
        arr = _strings(arr)
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
            arr = np.full(shape, b"" if dt == _dtypes.string else 0, dtype=arr.dtype)
        else:
            # As TF's TensorProto: the last value repeats to fill the shape.
            flat = arr.ravel()
            arr = np.concatenate([flat, np.repeat(flat[-1:], n - flat.size)]).reshape(shape)
    arr = _contiguous(arr)
    # A string constant's value is also kept for the Python kernels (parsing, queues,
    # readers) that compute with strings the Rust core only holds.
    attrs = {"_py_value": arr} if dt == _dtypes.string else None
    if name == "" and get_default_graph()._target.seed_rule != "last_id":
        from .ops import _tf2_invalid_name  # (TF 2.x's constant creates the op as named)

        raise ValueError(_tf2_invalid_name(name))
    return get_default_graph()._create_op("Const", (), name, dtype=dt, value=arr,
                                          attrs=attrs).outputs[0]


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
            msg = (f"Tensor conversion requested dtype {dtype.name} for Tensor with dtype "
                   f"{value.dtype.name}: {value!r}")
            if name is not None and get_default_graph()._target.seed_rule != "last_id":
                msg = f"{name}: {msg}"  # TF 2.x's _add_error_prefix
            raise ValueError(msg)
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
    elif isinstance(value, IndexedSlices):
        fn = _indexed_slices_conversion
    else:
        fn = _constant_conversion
    hint = preferred_dtype or dtype_hint
    if dtype is None and hint is not None:
        try:
            return fn(value, _dtypes.as_dtype(hint), name)
        except (TypeError, ValueError):
            pass
    return fn(value, dtype, name)


def _indexed_slices_conversion(value, dtype, name):
    """TF's registered IndexedSlices conversion (a sparse gradient where a Tensor is
    needed, e.g. an optimizer's `beta * m + (1 - beta) * grad`): UnsortedSegmentSum."""
    if dtype is not None and not dtype.is_compatible_with(value.dtype):
        raise ValueError(f"Tensor conversion requested dtype {dtype.name} for IndexedSlices "
                         f"with dtype {value.dtype.name}")
    from ..ops.array_grad import convert_slices_to_dense

    return convert_slices_to_dense(value, name=name)


def _constant_conversion(value, dtype, name):
    return constant(value, dtype, name="Const" if name is None else name)


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
    tf2 = get_default_graph()._target.seed_rule != "last_id"  # TF 2.x's messages
    if not s.is_fully_defined():
        if tf2:
            raise ValueError(f"Cannot convert a partially known TensorShape {s._v2_str()} to "
                             "a Tensor.")
        raise ValueError(f"Cannot convert a partially known TensorShape to a Tensor: {s}")
    dims = s.as_list()
    big = next((d for d in dims if d >= 2**31), 0)
    if dtype is not None:
        if dtype not in (_dtypes.int32, _dtypes.int64):
            if tf2:
                raise TypeError(f"Cannot convert TensorShape {s._v2_str()} to dtype {dtype}. "
                                "Allowed dtypes are tf.int32 and tf.int64.")
            raise TypeError(f"Cannot convert a TensorShape to dtype: {dtype}")
        if dtype == _dtypes.int32 and big:
            if tf2:
                raise ValueError(f"Cannot convert TensorShape {s._v2_str()} to dtype int32; a "
                                 "dimension is too large. Consider using tf.int64.")
            raise ValueError(f"Cannot convert a TensorShape to dtype int32; a dimension is "
                             f"too large ({big})")
    else:
        dtype = _dtypes.int64 if big else _dtypes.int32
    return constant(dims, dtype=dtype, name=name or "shape_as_tensor")


def _dimension_conversion(d, dtype, name):
    tf2 = get_default_graph()._target.seed_rule != "last_id"  # TF 2.x's messages
    if d.value is None:
        if tf2:
            raise ValueError(f"Cannot convert unknown Dimension {d} to a Tensor.")
        raise ValueError(f"Cannot convert an unknown Dimension to a Tensor: {d}")
    if dtype is not None:
        if dtype not in (_dtypes.int32, _dtypes.int64):
            if tf2:
                raise TypeError(f"Cannot convert Dimension {d} to dtype {dtype}. Allowed "
                                "dtypes are tf.int32 and tf.int64.")
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
