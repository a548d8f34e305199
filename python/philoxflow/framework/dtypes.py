"""TensorFlow's DType objects (`tf.float32`, …), with TF's names and reprs."""

from __future__ import annotations

import builtins

import numpy as np

try:  # NumPy has no bfloat16; ml_dtypes (what TF itself uses) provides one when installed.
    import ml_dtypes as _ml_dtypes

    _BFLOAT16_NP = np.dtype(_ml_dtypes.bfloat16)
except ImportError:  # pragma: no cover - depends on the environment
    _BFLOAT16_NP = None


class DType:
    """A tensor element type, compared by name as TensorFlow compares them."""

    __slots__ = ("_name", "_np", "_min", "_max")

    def __init__(self, name, np_dtype, lo=None, hi=None):
        self._name = name
        self._np = np_dtype
        self._min = lo
        self._max = hi

    @property
    def name(self):
        return self._name

    @property
    def base_dtype(self):
        return self

    @property
    def _is_ref_dtype(self):
        return False

    @property
    def _as_ref(self):
        """The reference dtype of this one (a `VariableV2`'s output is `float32_ref`)."""
        ref = _REFS.get(self._name)
        if ref is None:
            ref = _REFS[self._name] = _RefDType(self)
        return ref

    @property
    def as_numpy_dtype(self):
        if self._np is None:
            raise TypeError(f"{self!r} has no NumPy equivalent")
        return self._np.type

    @property
    def is_floating(self):
        return self._name in ("float16", "bfloat16", "float32", "float64")

    @property
    def is_integer(self):
        return self._name in ("int8", "int16", "int32", "int64",
                              "uint8", "uint16", "uint32", "uint64")

    @property
    def is_bool(self):
        return self._name == "bool"

    @property
    def is_complex(self):
        return self._name.startswith("complex")

    @property
    def real_dtype(self):
        """The dtype of a complex dtype's parts (the dtype itself otherwise)."""
        return {"complex64": float32, "complex128": float64}.get(self._name, self)

    @property
    def is_unsigned(self):
        return self._name.startswith("uint")

    @property
    def min(self):
        if self._min is None:
            raise TypeError(f"Cannot find minimum value of {self!r}.")
        return self._min

    @property
    def max(self):
        if self._max is None:
            raise TypeError(f"Cannot find maximum value of {self!r}.")
        return self._max

    @property
    def size(self):
        if self._name == "bfloat16":
            return 2
        return self._np.itemsize if self._np is not None and self._name != "string" else 1

    def is_compatible_with(self, other):
        """TF's rule: a value dtype accepts its reference dtype, not the reverse."""
        other = as_dtype(other)
        return self._name in (other._name, other.base_dtype._name)

    def __eq__(self, other):
        if other is None:
            return False
        if isinstance(other, DType):
            return self._name == other._name
        try:
            return self._name == as_dtype(other)._name
        except TypeError:
            return False

    def __ne__(self, other):
        return not self.__eq__(other)

    def __hash__(self):
        return hash(self._name)

    def __repr__(self):
        return f"tf.{self._name}"

    def __str__(self):
        return f"<dtype: '{self._name}'>"

    def __reduce__(self):
        return as_dtype, (self._name,)

    @property
    def is_quantized(self):
        return self.base_dtype._name in _QUANTIZED_NAMES


class _RefDType(DType):
    """A reference dtype (`float32_ref`): the dtype of a reference output (a variable's
    `VariableV2`, `Assign`). Not equal to its value dtype (`base_dtype`), whose
    properties it has otherwise."""

    __slots__ = ("_base",)

    def __init__(self, base):
        super().__init__(base._name + "_ref", base._np, base._min, base._max)
        self._base = base

    base_dtype = property(lambda self: self._base)
    _is_ref_dtype = property(lambda self: True)
    _as_ref = property(lambda self: self)
    is_floating = property(lambda self: self._base.is_floating)
    is_integer = property(lambda self: self._base.is_integer)
    is_bool = property(lambda self: self._base.is_bool)
    is_complex = property(lambda self: self._base.is_complex)
    is_unsigned = property(lambda self: self._base.is_unsigned)
    size = property(lambda self: self._base.size)


_REFS: dict = {}


def _int(np_t):
    info = np.iinfo(np_t)
    return DType(np.dtype(np_t).name, np.dtype(np_t), int(info.min), int(info.max))


def _float(np_t):
    info = np.finfo(np_t)
    return DType(np.dtype(np_t).name, np.dtype(np_t), float(info.min), float(info.max))


float16 = _float(np.float16)
half = float16
bfloat16 = DType("bfloat16", _BFLOAT16_NP, -3.3895313892515355e38, 3.3895313892515355e38)
float32 = _float(np.float32)
float64 = _float(np.float64)
double = float64
int8 = _int(np.int8)
int16 = _int(np.int16)
int32 = _int(np.int32)
int64 = _int(np.int64)
uint8 = _int(np.uint8)
uint16 = _int(np.uint16)
uint32 = _int(np.uint32)
uint64 = _int(np.uint64)
bool = DType("bool", np.dtype(np.bool_), False, True)  # noqa: A001 - TF's name
# TF's strings are bytes; NumPy holds them in object arrays (`as_numpy_dtype` is object).
string = DType("string", np.dtype(object))
complex64 = DType("complex64", np.dtype(np.complex64))
complex128 = DType("complex128", np.dtype(np.complex128))
# Handles (tf.data's datasets and iterators): held by Python kernels only.
variant = DType("variant", None)
resource = DType("resource", None)
# Quantized types (TF's `qint8`, ...): NumPy structured dtypes as TF's, no kernels here.
_QUANTIZED_NAMES = ("qint8", "quint8", "qint16", "quint16", "qint32")
qint8 = DType("qint8", np.dtype([("qint8", np.int8)]))
quint8 = DType("quint8", np.dtype([("quint8", np.uint8)]))
qint16 = DType("qint16", np.dtype([("qint16", np.int16)]))
quint16 = DType("quint16", np.dtype([("quint16", np.uint16)]))
qint32 = DType("qint32", np.dtype([("qint32", np.int32)]))

_BY_NAME = {
    d.name: d
    for d in (float16, bfloat16, float32, float64, int8, int16, int32, int64, uint8, uint16,
              uint32, uint64, bool, string, complex64, complex128, variant,
              resource)
}
_BY_NAME.update({"half": float16, "float": float32, "double": float64})
_BY_NAME.update({d._as_ref.name: d._as_ref for d in list(_BY_NAME.values())})

#: dtypes whose values philoxflow's kernels hold.
SUPPORTED = (float16, bfloat16, float32, float64, int32, int64, bool, int8, int16, uint8,
             uint16, uint32, uint64, complex64, complex128, string)


# TF's DataType enum values (types.proto): `tf.as_dtype(3)` is int32.
_BY_ENUM = {1: float32, 2: float64, 3: int32, 4: uint8, 5: int16, 6: int8, 7: string,
            8: complex64, 9: int64, 10: bool, 14: bfloat16, 17: uint16, 18: complex128,
            19: float16, 20: resource, 21: variant, 22: uint32, 23: uint64}
# TF's `_PYTHON_TO_TF`: no `int`, `str` or `complex` (TF rejects them).
_BY_PYTHON = {builtins.float: float32, builtins.bool: bool, builtins.object: string}


def _by_numpy(np_dtype):
    if _BFLOAT16_NP is not None and np_dtype == _BFLOAT16_NP:
        return bfloat16
    if np_dtype.kind in "SUO":
        return string
    return _BY_NAME.get(np_dtype.name) if np_dtype.kind in "biufc" else None


def as_dtype(type_value):
    """TF 1.15's `tf.as_dtype`: a DType, a NumPy dtype or scalar type, a DataType enum
    value, a TF type name, or Python's float/bool/object."""
    if isinstance(type_value, DType):
        return type_value
    if isinstance(type_value, np.dtype):
        d = _by_numpy(type_value)
        if d is not None:
            return d
    if isinstance(type_value, str):
        d = _BY_NAME.get(type_value)
    elif isinstance(type_value, type) and issubclass(type_value, np.generic):
        d = _by_numpy(np.dtype(type_value)) if type_value is not np.longdouble else None
    else:
        try:
            d = _BY_PYTHON.get(type_value) if isinstance(type_value, type) else \
                _BY_ENUM.get(type_value)  # an unhashable value raises TypeError (TF 1.15)
        except TypeError:
            if not _tf2():
                raise
            d = None
        if d is None and hasattr(type_value, "dtype") and _tf2():
            try:  # TF 2.x also takes what has a NumPy dtype
                d = _by_numpy(np.dtype(type_value.dtype))
            except TypeError:
                pass
    if d is not None:
        return d
    if _tf2():
        raise TypeError(f"Cannot convert the argument `type_value`: {type_value!r} to a "
                        "TensorFlow DType.")
    raise TypeError(f"Cannot convert value {type_value!r} to a TensorFlow DType.")


def _tf2():
    """Whether the call came through TF 2.21's namespace (its `as_dtype` rules)."""
    from .. import _target

    return _target.current() is not _target.TF1


def bfloat16_bits(value):
    """bfloat16 bit patterns (uint16) of `value`, rounded to nearest even as TF rounds
    floats; uint16 input is taken as bits already (what `Session.run` returns without
    ml_dtypes)."""
    arr = np.asarray(value)
    if arr.dtype == np.uint16:
        return arr
    if _BFLOAT16_NP is not None and arr.dtype == _BFLOAT16_NP:
        return arr.view(np.uint16)
    bits = np.asarray(arr, dtype=np.float32).view(np.uint32)
    nan = np.isnan(np.asarray(arr, dtype=np.float32))
    rounded = ((bits + 0x7FFF + ((bits >> 16) & 1)) >> 16).astype(np.uint16)
    return np.where(nan, np.uint16(0x7FC0), rounded).astype(np.uint16)


# -- issue 16: the quantized types by name, and TF's QUANTIZED_DTYPES (with their
# reference types where DType has them)
_BY_NAME.update({d.name: d for d in (qint8, quint8, qint16, quint16, qint32)})
QUANTIZED_DTYPES = frozenset(
    [qint8, quint8, qint16, quint16, qint32]
    + [d._as_ref for d in (qint8, quint8, qint16, quint16, qint32) if hasattr(d, "_as_ref")])
