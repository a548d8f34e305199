"""TF 2.x eager datasets (`philoxflow.compat.v2`): dataset ops run as they are built.

A dataset's variant is then an `EagerVariant` holding the runtime dataset, made by
the same Python kernels a session runs (`kernels.py`), with TF 2.x's ownership of
seed generators: a shuffle (or rerandomizing `Dataset.random`) owns its generator
from construction, so each `iter(ds)` (each epoch) draws the next seeds from it.
Op seeds of unseeded ops come from the eager context's `random.Random(global_seed)`
through `random_seed.get_seed`, as TF 2.x's do.
"""

from __future__ import annotations

import numpy as np

from ..framework import py_kernels
from . import nest
from . import runtime as rt

#: the name of `_target.TF2_EAGER`, the target of TF 2 code (`philoxflow.compat.v2`)
TF2_EAGER = "tensorflow 2.21"


class EagerVariant:
    """An eager dataset tensor: the runtime dataset itself."""

    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value


class _Op:
    """What a kernel reads of an op: its type and attributes."""

    def __init__(self, op_type, attrs):
        self._type, self._attrs, self._outputs = op_type, attrs, []


def is_eager_graph(g) -> bool:
    return type(g).__name__ == "EagerGraph"


def _value(t):
    if isinstance(t, EagerVariant):
        return t.value
    return np.asarray(t._value)


def make_dataset(op_type, inputs, attrs):
    ds = py_kernels.PY_KERNELS[op_type](None, _Op(op_type, attrs), [_value(t) for t in inputs])
    return EagerVariant(ds[0])


def iterate(dataset, numpy):
    """`iter(ds)` / `ds.as_numpy_iterator()`: a fresh iterator resource each time."""
    from ..eager.tensor import EagerTensor

    specs = nest.flatten(dataset._structure)
    res = rt.IteratorResource()
    res.make(rt.optimize(dataset._variant_tensor.value))
    while True:
        x = res.it.get_next()
        if x is None:
            return
        vals = [np.asarray(v, dtype=s.dtype.as_numpy_dtype) for v, s in zip(x, specs)]
        if numpy:
            vals = [v[()] if v.ndim == 0 else v for v in vals]
        else:
            vals = [EagerTensor(v, s.dtype) for v, s in zip(vals, specs)]
        yield nest.pack_sequence_as(dataset._structure, vals)
