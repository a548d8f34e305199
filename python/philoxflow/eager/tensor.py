"""EagerTensor: a TF 2.x eager tensor, a NumPy value with `tf.Tensor`'s interface.

To the graph builders in `ops/` an EagerTensor looks like the output of a Const op
(its value is known), so `tensor_util.constant_value`-style shortcuts and static
shapes work unchanged; the eager graph (`execute.py`) runs the ops they build.
"""

from __future__ import annotations

import numpy as np

from ..framework import dtypes as _dtypes
from ..framework import ops as _ops
from ..framework.tensor_shape import TensorShape


class TensorShapeV2(TensorShape):
    """TF 2.x's TensorShape: dimensions are ints (or None), not `Dimension`s."""

    __slots__ = ()

    def __iter__(self):
        if self._dims is None:
            raise ValueError("Cannot iterate over a shape with unknown rank.")
        return iter(self._dims)

    def __getitem__(self, key):
        if self._dims is None:
            return TensorShapeV2(None) if isinstance(key, slice) else None
        if isinstance(key, slice):
            return TensorShapeV2(self._dims[key])
        return self._dims[key]

    def __repr__(self):
        return "TensorShape(None)" if self._dims is None else f"TensorShape({list(self._dims)})"


def _bf16_to_float(bits):
    return (np.asarray(bits, np.uint16).astype(np.uint32) << 16).view(np.float32)


class _EagerOp:
    """What an eager tensor's `.op` answers to builders: a Const holding its value."""

    __slots__ = ("_tensor",)
    inputs = ()
    control_inputs = ()

    def __init__(self, tensor):
        self._tensor = tensor

    @property
    def type(self):
        missing = self._tensor._missing
        return "Const" if missing is None else missing

    @property
    def name(self):
        return "EagerConst"

    @property
    def graph(self):
        return self._tensor.graph

    @property
    def outputs(self):
        return [self._tensor]

    def get_attr(self, name):
        if name == "value":
            return self._tensor._value
        if name == "dtype":
            return self._tensor._dtype
        raise ValueError(f"Operation 'EagerConst' has no attr named {name!r}.")


class EagerTensor(_ops.Tensor):
    """A concrete value (`tf.Tensor` in eager mode). bfloat16 values are kept as their
    uint16 bits (as `Session.run` returns them without ml_dtypes)."""

    __slots__ = ("_val", "_missing")

    def __init__(self, value, dtype=None):
        value = np.asarray(value)
        dtype = _dtypes.as_dtype(dtype if dtype is not None else value.dtype)
        if dtype.name == "bfloat16" and value.dtype != np.uint16:
            value = value.view(np.uint16) if value.dtype.itemsize == 2 else value
        super().__init__(None, 0, dtype, TensorShapeV2(list(value.shape)))
        self._val = value
        self._missing = None
        self._op = _EagerOp(self)

    @classmethod
    def unavailable(cls, dtype, shape, op_type):
        """The output of an op philoxflow has no kernel for: its dtype and shape are
        known, reading its value raises UnimplementedError (so a Keras layer can be
        called to build its weights)."""
        t = cls.__new__(cls)
        _ops.Tensor.__init__(t, None, 0, _dtypes.as_dtype(dtype), TensorShapeV2(list(shape)))
        t._val = None
        t._missing = op_type
        t._op = _EagerOp(t)
        return t

    @property
    def _value(self):
        if self._missing is not None:
            from .. import errors

            raise errors.UnimplementedError(
                None, None, f"philoxflow has no kernel for {self._missing} ops yet: this eager "
                            "tensor has a shape and dtype but no value")
        return self._val

    # -- identity
    @property
    def graph(self):
        from .execute import current_graph
        return current_graph()

    @property
    def name(self):
        raise AttributeError("Tensor.name is undefined when eager execution is enabled.")

    @property
    def device(self):
        return "/job:localhost/replica:0/task:0/device:CPU:0"

    def numpy(self):
        """The value as a NumPy array (bfloat16 as ml_dtypes.bfloat16 when installed)."""
        v = self._value
        if self._dtype.name == "bfloat16" and _dtypes._BFLOAT16_NP is not None:
            v = v.view(_dtypes._BFLOAT16_NP)
        return v.copy() if v.ndim else v[()]

    def __array__(self, dtype=None, copy=None):
        v = self._value
        if self._dtype.name == "bfloat16" and dtype is None and v.ndim == 0:
            # TF's __array__ hands NumPy `_numpy()`, for a scalar an ml_dtypes scalar,
            # which NumPy refuses (np.asarray(tf.zeros([], tf.bfloat16)) raises)
            raise ValueError("object __array__ method not producing an array")
        if self._dtype.name == "bfloat16" and _dtypes._BFLOAT16_NP is not None:
            v = v.view(_dtypes._BFLOAT16_NP)
        elif self._dtype.name == "bfloat16" and dtype is not None:
            # the raw bits (uint16) as the float32 values they are the top halves of
            v = (np.asarray(v).astype(np.uint32) << 16).view(np.float32)
        return np.asarray(v, dtype=dtype) if dtype is not None else v

    def __getitem__(self, key):
        """Indexing as TF's strided slice, which equals NumPy's basic indexing."""
        k = key if isinstance(key, tuple) else (key,)
        k = tuple(int(i) if isinstance(i, EagerTensor) else i for i in k)
        for i in k:
            if not (i is None or i is Ellipsis or isinstance(i, (int, np.integer, slice))):
                from ..ops.array_ops import _slice_helper
                return _slice_helper(self, key)
        return EagerTensor(np.array(self._value[k]), self._dtype)

    def set_shape(self, shape):
        if not self._shape.is_compatible_with(TensorShape(shape)):
            raise ValueError(f"Tensor's shape {self._shape} is not compatible with supplied "
                             f"shape {TensorShape(shape)}.")

    def get_shape(self):
        return self._shape

    @property
    def ndim(self):
        return self._shape.rank

    def _float_value(self):
        if self._dtype.name == "bfloat16":
            return _bf16_to_float(self._value)
        return self._value

    # -- Python protocols of an eager tensor
    def __bool__(self):
        return bool(self._float_value())

    def __float__(self):
        return float(self._float_value())

    def __int__(self):
        return int(self._float_value())

    def __index__(self):
        if not self._dtype.is_integer:
            raise TypeError("only integer scalar arrays can be converted to a scalar index")
        return int(self._value)

    def __len__(self):
        if self._shape.rank == 0:
            raise TypeError("Scalar tensor has no `len()`")
        return self._shape.as_list()[0]

    def __iter__(self):
        if self._value.ndim == 0:
            raise TypeError("Cannot iterate over a scalar tensor.")
        return (self[i] for i in range(len(self._value)))

    def __hash__(self):
        return id(self)

    def __eq__(self, other):
        from ..ops.math_ops import equal
        try:
            return equal(self, other)
        except (TypeError, ValueError):
            return False

    def __ne__(self, other):
        r = self.__eq__(other)
        return r if r is False else EagerTensor(np.logical_not(r._value))

    def __repr__(self):
        if self._missing is not None:
            return (f"<tf.Tensor: shape={tuple(self._shape.as_list())}, "
                    f"dtype={self._dtype.name}, value unavailable ({self._missing})>")
        v = np.array2string(np.asarray(self._float_value()), separator=", ")
        if self._value.ndim:
            v = f"array({v}, dtype={self._dtype.name})"
        return f"<tf.Tensor: shape={tuple(self._shape.as_list())}, dtype={self._dtype.name}, " \
               f"numpy={v}>"

    def __str__(self):
        v = np.array2string(np.asarray(self._float_value()))
        return f"tf.Tensor({v}, shape={tuple(self._shape.as_list())}, dtype={self._dtype.name})"

    def __format__(self, spec):
        return format(self.numpy(), spec) if self._value.ndim == 0 else str(self)

    def __reduce__(self):
        return (EagerTensor, (self._value, self._dtype.name))

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return EagerTensor(self._value.copy(), self._dtype)


def is_eager(t) -> bool:
    return isinstance(t, EagerTensor)
