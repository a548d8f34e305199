"""Element structures (`tf.data`'s `nest`): tuples, lists and dicts of components."""

from __future__ import annotations

from ..framework.tensor_shape import TensorShape


class Spec:
    """One component of an element: its dtype and static shape (`tf.TensorSpec`)."""

    __slots__ = ("dtype", "shape")

    def __init__(self, dtype, shape):
        self.dtype = dtype
        self.shape = TensorShape(shape)

    def __eq__(self, other):
        return (isinstance(other, Spec) and self.dtype == other.dtype
                and str(self.shape) == str(other.shape))

    def __hash__(self):
        return hash(self.dtype)

    def __repr__(self):
        return f"TensorSpec(shape={self.shape}, dtype={self.dtype!r})"


def _is_seq(x):
    return isinstance(x, (tuple, list, dict))


def flatten(structure):
    """Leaves in TF's order (dicts by sorted key)."""
    if isinstance(structure, dict):
        return [y for k in sorted(structure) for y in flatten(structure[k])]
    if isinstance(structure, (tuple, list)):
        return [y for x in structure for y in flatten(x)]
    return [structure]


def pack_sequence_as(structure, flat):
    it = iter(flat)

    def build(s):
        if isinstance(s, dict):
            vals = {k: build(s[k]) for k in sorted(s)}
            return type(s)((k, vals[k]) for k in s)
        if isinstance(s, tuple) and hasattr(s, "_fields"):
            return type(s)(*[build(x) for x in s])
        if isinstance(s, (tuple, list)):
            return type(s)(build(x) for x in s)
        return next(it)

    return build(structure)


def map_structure(fn, structure):
    return pack_sequence_as(structure, [fn(x) for x in flatten(structure)])


def _is_dataset(x):
    return hasattr(x, "_variant_tensor")


def flatten_datasets(structure):
    """Datasets in a (nested) structure of datasets, in TF's order."""
    if _is_dataset(structure):
        return [structure]
    if isinstance(structure, dict):
        return [y for k in sorted(structure) for y in flatten_datasets(structure[k])]
    return [y for x in structure for y in flatten_datasets(x)]


def map_datasets(fn, structure):
    if _is_dataset(structure):
        return fn(structure)
    if isinstance(structure, dict):
        return type(structure)((k, map_datasets(fn, v)) for k, v in structure.items())
    return type(structure)(map_datasets(fn, x) for x in structure)


def flatten_shapes(structure):
    """Leaves of a structure of shapes (a shape is a list of dims, a TensorShape or
    None), in TF's order."""
    if isinstance(structure, dict):
        return [y for k in sorted(structure) for y in flatten_shapes(structure[k])]
    if isinstance(structure, tuple) or (isinstance(structure, list) and structure
                                        and isinstance(structure[0], (list, tuple,
                                                                      TensorShape))):
        return [y for x in structure for y in flatten_shapes(x)]
    return [structure]


class HasStructure:
    """The element-structure properties Datasets and Iterators share (`_structure` is
    their nested `Spec`s)."""

    __slots__ = ()

    @property
    def output_types(self):
        return map_structure(lambda s: s.dtype, self._structure)

    @property
    def output_shapes(self):
        return map_structure(lambda s: s.shape, self._structure)

    @property
    def element_spec(self):
        return self._structure
