"""`TensorSpec` and `BoundedTensorSpec` (TF 1.15 `framework/tensor_spec.py`): a tensor's
shape, dtype and name (and value bounds); they build no ops."""

from __future__ import annotations

import numpy as np

from . import dtypes
from .ops import Tensor
from .tensor_shape import TensorShape

__all__ = ["TensorSpec", "BoundedTensorSpec"]


def _broadcast_check(a, b):
    """TF's `common_shapes.broadcast_shape` check: ValueError if they cannot broadcast."""
    a, b = list(a), list(b)
    for x, y in zip(reversed(a), reversed(b)):
        if x is not None and y is not None and x != y and x != 1 and y != 1:
            raise ValueError("Incompatible shapes for broadcasting: %s and %s"
                             % (TensorShape(a), TensorShape(b)))


class TensorSpec:
    def __init__(self, shape, dtype=dtypes.float32, name=None):
        self._shape = TensorShape(shape)
        try:
            self._shape_tuple = tuple(self._shape.as_list())
        except ValueError:
            self._shape_tuple = None
        self._dtype = dtypes.as_dtype(dtype)
        self._name = name

    @classmethod
    def from_spec(cls, spec, name=None):
        return cls(spec.shape, spec.dtype, name or spec.name)

    @classmethod
    def from_tensor(cls, tensor, name=None):
        if isinstance(tensor, Tensor):
            return TensorSpec(tensor.shape, tensor.dtype, name or tensor.op.name)
        raise ValueError("`tensor` should be a tf.Tensor")

    @property
    def shape(self):
        return self._shape

    @property
    def dtype(self):
        return self._dtype

    @property
    def name(self):
        return self._name

    value_type = property(lambda self: Tensor)

    def is_compatible_with(self, spec_or_tensor):
        return (isinstance(spec_or_tensor, (TensorSpec, Tensor))
                and self._dtype.is_compatible_with(spec_or_tensor.dtype)
                and self._shape.is_compatible_with(spec_or_tensor.shape))

    def __repr__(self):
        return "TensorSpec(shape={}, dtype={}, name={})".format(self.shape, repr(self.dtype),
                                                               repr(self.name))

    def __hash__(self):
        return hash((self._shape_tuple, self.dtype))

    def __eq__(self, other):
        return (type(self) is type(other) and self._shape_tuple == other._shape_tuple
                and self._dtype == other._dtype and self._name == other._name)

    def __ne__(self, other):
        return not self == other

    def most_specific_compatible_type(self, other):
        if type(self) is not type(other) or self._dtype != other.dtype:
            raise ValueError("Types are not compatible: %r vs %r" % (self, other))
        a, b = self._shape, other.shape
        if a.rank is None or b.rank is None or a.rank != b.rank:
            shape = TensorShape(None)
        else:
            shape = TensorShape([x if x == y else None
                                 for x, y in zip(a.as_list(), b.as_list())])
        return TensorSpec(shape, self._dtype, self._name if self._name == other.name else None)


class BoundedTensorSpec(TensorSpec):
    def __init__(self, shape, dtype, minimum, maximum, name=None):
        super().__init__(shape, dtype, name)
        if minimum is None or maximum is None:
            raise ValueError("minimum and maximum must be provided; but saw '%s' and '%s'"
                             % (minimum, maximum))
        spec_dims = self.shape.as_list() if self.shape.rank is not None else []
        for which, value in (("minimum", minimum), ("maximum", maximum)):
            try:
                _broadcast_check(np.shape(value), spec_dims)
            except ValueError as exception:
                raise ValueError("{} is not compatible with shape. Message: {!r}.".format(
                    which, exception)) from None
        self._minimum = np.array(minimum, dtype=self.dtype.as_numpy_dtype)
        self._minimum.setflags(write=False)
        self._maximum = np.array(maximum, dtype=self.dtype.as_numpy_dtype)
        self._maximum.setflags(write=False)

    @classmethod
    def from_spec(cls, spec):
        dtype = dtypes.as_dtype(spec.dtype)
        return BoundedTensorSpec(spec.shape, dtype, getattr(spec, "minimum", dtype.min),
                                 getattr(spec, "maximum", dtype.max), spec.name)

    @property
    def minimum(self):
        return self._minimum

    @property
    def maximum(self):
        return self._maximum

    def __repr__(self):
        return "BoundedTensorSpec(shape={}, dtype={}, name={}, minimum={}, maximum={})".format(
            self.shape, repr(self.dtype), repr(self.name), repr(self.minimum),
            repr(self.maximum))

    def __eq__(self, other):
        return (super().__eq__(other) and np.allclose(self.minimum, other.minimum)
                and np.allclose(self.maximum, other.maximum))

    __hash__ = TensorSpec.__hash__

    def __reduce__(self):
        return BoundedTensorSpec, (self._shape, self._dtype, self._minimum, self._maximum,
                                   self._name)
