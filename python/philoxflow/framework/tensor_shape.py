"""Static shapes (`tf.TensorShape`) and their dimensions (`tf.Dimension`), as TF 1.x has them.

TF 1.x programs index shapes and get `Dimension` objects (`x.get_shape()[-1].value`),
then use them as ints (`tf.reshape(x, [-1, dim])`), so a Dimension converts to an
int wherever Python asks for one.
"""

from __future__ import annotations

import numpy as np


class Dimension:
    """One dimension of a static shape: an int, or unknown (`value is None`)."""

    __slots__ = ("_value",)

    def __init__(self, value):
        if value is None or value.__class__ is int and value >= 0:
            self._value = value
            return
        from .. import _target

        if _target.current() is _target.TF1:
            self._value = _tf_dimension(value)  # TF 1.15: int(value), no fraction
            return
        if isinstance(value, Dimension):
            value = value.value
        if value is not None:
            try:
                value = int(value.__index__())
            except AttributeError:
                raise TypeError("Dimension value must be integer or None or have an __index__ "
                                f"method, got value '{value!r}' with type "
                                f"'{type(value)!r}'") from None
            if value < 0:
                raise ValueError(f"Dimension {value} must be >= 0")
        self._value = value

    @property
    def value(self):
        return self._value

    def __int__(self):
        # TF returns None for an unknown Dimension, so int() raises Python's own
        # "__int__ returned non-int (type NoneType)"
        return self._value

    __index__ = __int__

    def __repr__(self):
        return f"Dimension({self._value!r})"

    def __str__(self):
        return "?" if self._value is None else str(self._value)

    def __hash__(self):
        return hash(self._value)

    def __eq__(self, other):
        other = _value_of(other)
        if other is NotImplemented:
            return NotImplemented
        if self._value is None or other is None:
            return None
        return self._value == other

    def __ne__(self, other):
        eq = self.__eq__(other)
        return eq if eq in (None, NotImplemented) else not eq

    def _compare(self, other, op):
        other = _value_of(other)
        if other is NotImplemented:
            return NotImplemented
        if self._value is None or other is None:
            return None
        return op(self._value, other)

    def __lt__(self, other):
        return self._compare(other, lambda a, b: a < b)

    def __le__(self, other):
        return self._compare(other, lambda a, b: a <= b)

    def __gt__(self, other):
        return self._compare(other, lambda a, b: a > b)

    def __ge__(self, other):
        return self._compare(other, lambda a, b: a >= b)

    def _arith(self, other, op, strict=False):
        other = _value_of(other, strict)
        if other is NotImplemented:
            return NotImplemented
        if self._value is None or other is None:
            return Dimension(None)
        return Dimension(op(self._value, other))

    def __add__(self, other):
        return self._arith(other, lambda a, b: a + b)

    __radd__ = __add__

    def __sub__(self, other):
        return self._arith(other, lambda a, b: a - b)

    def __rsub__(self, other):
        return self._arith(other, lambda a, b: b - a, strict=True)

    def __mul__(self, other):
        return self._arith(other, lambda a, b: a * b)

    __rmul__ = __mul__

    def __floordiv__(self, other):
        return self._arith(other, lambda a, b: a // b)

    def __rfloordiv__(self, other):
        return self._arith(other, lambda a, b: b // a, strict=True)

    def __mod__(self, other):
        return self._arith(other, lambda a, b: a % b)

    def __truediv__(self, other):
        return self.__floordiv__(other)

    def is_compatible_with(self, other):
        other = _value_of(other)
        return self._value is None or other is None or self._value == other

    def merge_with(self, other):
        other = _value_of(other)
        if self._value is None:
            return Dimension(other)
        if other is not None and other != self._value:
            raise ValueError(f"Dimensions {self} and {other} are not compatible")
        return Dimension(self._value)


def _value_of(x, strict=False):
    """TF's `as_dimension(x).value` for Dimension arithmetic and comparisons: TF 1.15
    converts with int() (a float without fraction is a dimension), TF 2.x takes only what
    has `__index__`. What does not convert is NotImplemented (TF's forward operators),
    or raises (`strict`: TF's `__rsub__` and `__rfloordiv__`)."""
    if isinstance(x, Dimension):
        return x.value
    if x is None:
        return None
    from .. import _target

    try:
        if _target.current() is _target.TF1:
            return _tf_dimension(x)
        v = int(x.__index__())
        if v < 0:
            raise ValueError(f"Dimension {v} must be >= 0")
        return v
    except AttributeError:
        if strict:
            Dimension(x)  # (TF 2.x's words)
        return NotImplemented
    except (TypeError, ValueError):
        if strict:
            raise
        return NotImplemented


def dimension_value(d):
    """TF's `tensor_shape.dimension_value`: the int (or None) of a Dimension or int."""
    return d.value if isinstance(d, Dimension) else d


class TensorShape:
    """A static shape: `None` for unknown rank, `None` entries for unknown dims."""

    __slots__ = ("_dims",)

    def __init__(self, dims):
        if dims is None:
            self._dims = None
        elif isinstance(dims, TensorShape):
            self._dims = dims._dims
        else:
            if isinstance(dims, (int, np.integer, Dimension)):
                dims = [dims]
            out = []
            for d in dims:
                v = dimension_value(d)
                if v is not None:
                    v = int(v)
                    if v < 0:
                        v = None
                out.append(v)
            self._dims = tuple(out)

    @property
    def rank(self):
        return None if self._dims is None else len(self._dims)

    ndims = rank

    @property
    def dims(self):
        return None if self._dims is None else [Dimension(d) for d in self._dims]

    def as_list(self):
        if self._dims is None:
            raise ValueError("as_list() is not defined on an unknown TensorShape.")
        return list(self._dims)

    def is_fully_defined(self):
        return self._dims is not None and all(d is not None for d in self._dims)

    def assert_is_fully_defined(self):
        if not self.is_fully_defined():
            raise ValueError(f"Shape {self} is not fully defined")

    def assert_has_rank(self, rank):
        if self._dims is not None and len(self._dims) != rank:
            raise ValueError(f"Shape {self} must have rank {rank}")

    def assert_is_compatible_with(self, other):
        if not self.is_compatible_with(other):
            raise ValueError(f"Shapes {self} and {other} are incompatible")

    def with_rank(self, rank):
        """This shape merged with an unknown shape of `rank` (TF's message otherwise)."""
        try:
            return self.merge_with(TensorShape([None] * rank))
        except ValueError:
            raise ValueError(f"Shape {self} must have rank {rank}") from None

    def with_rank_at_least(self, rank):
        if self._dims is not None and len(self._dims) < rank:
            raise ValueError(f"Shape {self} must have rank at least {rank}")
        return self

    def num_elements(self):
        if not self.is_fully_defined():
            return None
        return int(np.prod(self._dims, dtype=object)) if self._dims else 1

    def is_compatible_with(self, other):
        other = as_shape(other)
        if self._dims is None or other._dims is None:
            return True
        if len(self._dims) != len(other._dims):
            return False
        return all(a is None or b is None or a == b for a, b in zip(self._dims, other._dims))

    def merge_with(self, other):
        other = as_shape(other)
        if self._dims is None:
            return other
        if other._dims is None:
            return self
        if not self.is_compatible_with(other):
            raise ValueError(f"Shapes {self} and {other} are not compatible")
        return TensorShape([a if a is not None else b for a, b in zip(self._dims, other._dims)])

    def concatenate(self, other):
        other = as_shape(other)
        if self._dims is None or other._dims is None:
            return TensorShape(None)
        return TensorShape(self._dims + other._dims)

    def __len__(self):
        if self._dims is None:
            raise ValueError("Cannot take the length of shape with unknown rank.")
        return len(self._dims)

    def __iter__(self):
        if self._dims is None:
            raise ValueError("Cannot iterate over a shape with unknown rank.")
        return iter([Dimension(d) for d in self._dims])

    def __getitem__(self, key):
        if self._dims is None:
            if isinstance(key, slice):
                return TensorShape(None)
            return Dimension(None)
        if isinstance(key, slice):
            return TensorShape(self._dims[key])
        return Dimension(self._dims[key])

    def __eq__(self, other):
        try:
            other = as_shape(other)
        except (TypeError, ValueError):
            return NotImplemented
        return self._dims == other._dims

    def __hash__(self):
        return hash(self._dims)

    def __repr__(self):
        if self._dims is None:
            return "TensorShape(None)"
        return f"TensorShape({[Dimension(d) for d in self._dims]})"

    def __str__(self):
        if self._dims is None:
            return "<unknown>"
        if len(self._dims) == 1:
            return f"({'?' if self._dims[0] is None else self._dims[0]},)"
        return "(" + ", ".join("?" if d is None else str(d) for d in self._dims) + ")"

    def _v2_str(self):
        """`str()` of TF 2.x's TensorShape (unknown dimensions print as None)."""
        if self._dims is None:
            return "<unknown>"
        if len(self._dims) == 1:
            return f"({self._dims[0]},)"
        return "(" + ", ".join(str(d) for d in self._dims) + ")"


def as_shape(shape):
    return shape if isinstance(shape, TensorShape) else TensorShape(shape)


def _tf_dimension(value):
    """TF's `Dimension(value)` checks: ints only (a str is parsed), no fractions, no
    negatives."""
    from .dtypes import DType

    if value is None:
        return None
    if isinstance(value, Dimension):
        return value.value
    if isinstance(value, DType):
        raise TypeError(f"Cannot convert {value} to Dimension")
    v = int(value)
    if not isinstance(value, (str, bytes)) and v != value:
        raise ValueError(f"Ambiguous dimension: {value}")
    if v < 0:
        raise ValueError(f"Dimension {v} must be >= 0")
    return v


def as_shape_strict(dims):
    """TF's `tensor_shape.as_shape` with its `TensorShape(dims)` checks, for shapes given
    to the API (`get_variable`, `placeholder`, shape attrs): a non-iterable is one
    dimension, a string is refused, every dimension is a valid Dimension."""
    if isinstance(dims, TensorShape):
        return dims
    if dims is None:
        return TensorShape(None)
    from .. import _target

    if _target.current() is not _target.TF1:
        return _as_shape_v2(dims)
    if isinstance(dims, (str, bytes)):
        raise TypeError("A string has ambiguous TensorShape, please wrap in a list or convert "
                        f"to an int: {dims}")
    try:
        it = iter(dims)
    except TypeError:
        return TensorShape([_tf_dimension(dims)])
    return TensorShape([_tf_dimension(d) for d in it])


def _as_shape_v2(dims):
    """TF 2.x's `TensorShape(dims)`: each dimension by TF 2.x's `Dimension` (what has
    `__index__`); an iterable's unconvertible element is named in TF 2.x's words."""
    if isinstance(dims, (tuple, list)):
        return TensorShape([Dimension(d).value for d in dims])
    try:
        it = iter(dims)
    except TypeError:
        return TensorShape([Dimension(dims).value])
    out = []
    for d in it:
        try:
            out.append(Dimension(d).value)
        except TypeError as e:
            raise TypeError(f"Failed to convert '{dims!r}' to a shape: '{d!r}'could not be "
                            "converted to a dimension. A shape should either be single "
                            "dimension (e.g. 10), or an iterable of dimensions (e.g. [1, 10, "
                            "None]).") from e
    return TensorShape(out)


def unknown_shape(rank=None):
    return TensorShape(None if rank is None else [None] * rank)
