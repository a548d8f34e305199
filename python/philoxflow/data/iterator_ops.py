"""TF 1.x iterators: `make_one_shot_iterator`, `make_initializable_iterator`, `get_next`.

The ops are TF 1.15's (OneShotIterator or IteratorV2/MakeIterator, then
IteratorToStringHandle; IteratorGetNext per `get_next`); the iterator's state
lives in the session that runs them (`kernels.py`).
"""

from __future__ import annotations

import numpy as np

from ..framework import dtypes as _dtypes
from ..framework import random_seed as _core_seed
from ..framework.ops import get_default_graph
from . import nest

#: TF 1.15's default static optimizations (`OptimizeDataset` of an initializable
#: iterator): semantics-preserving, except that shuffle_and_repeat_fusion is
#: reproduced by the runtime.
_OPTIMIZATIONS = ["map_and_batch_fusion", "noop_elimination", "shuffle_and_repeat_fusion"]


class Iterator(nest.HasStructure):
    """`tf.compat.v1.data.Iterator` in graph mode."""

    def __init__(self, resource, initializer, structure):
        self._iterator_resource = resource
        self._initializer = initializer
        self._structure = structure
        g = resource.graph
        self._string_handle = g._create_op(
            "IteratorToStringHandle", [resource], "IteratorToStringHandle",
            dtype=_dtypes.string, shape=[]).outputs[0]

    @property
    def initializer(self):
        if self._initializer is None:
            raise ValueError("Iterator does not have an initializer.")
        return self._initializer

    @staticmethod
    def from_structure(output_types, output_shapes=None, shared_name=None,
                       output_classes=None):
        """A reinitializable iterator: `make_initializer(dataset)` points it at a dataset."""
        from ..framework.tensor_shape import TensorShape

        types = nest.map_structure(_dtypes.as_dtype, output_types)
        if output_shapes is None:
            shapes = nest.map_structure(lambda _: TensorShape(None), types)
        else:
            shapes = nest.pack_sequence_as(types, [TensorShape(s) for s in _flat_shapes(
                output_shapes, len(nest.flatten(types)))])
        structure = nest.pack_sequence_as(
            types, [nest.Spec(d, sh) for d, sh in zip(nest.flatten(types),
                                                       _leaves(shapes))])
        g = get_default_graph()
        specs = nest.flatten(structure)
        res = g._create_op("IteratorV2", [], "IteratorV2", dtype=_dtypes.resource, shape=[],
                           attrs={"shared_name": shared_name or "", "container": "",
                                  "output_types": [sp.dtype for sp in specs],
                                  "output_shapes": [sp.shape for sp in specs]}).outputs[0]
        return Iterator(res, None, structure)

    def make_initializer(self, dataset, name=None):
        """A MakeIterator op that (re)starts this iterator on `dataset`."""
        mine, theirs = nest.flatten(self._structure), nest.flatten(dataset._structure)
        if len(mine) != len(theirs):
            raise TypeError("The two structures don't have the same number of elements.")
        if any(a.dtype != b.dtype for a, b in zip(mine, theirs)):
            raise TypeError("Expected output types %r but got dataset with output types %r."
                            % (self.output_types, dataset.output_types))
        if any(not a.shape.is_compatible_with(b.shape) for a, b in zip(mine, theirs)):
            raise TypeError("Expected output shapes compatible with %r but got dataset with "
                            "output shapes %r." % (self.output_shapes, dataset.output_shapes))
        g = self._iterator_resource.graph
        with g.as_default(), g.name_scope(name or "make_initializer") as scope:
            return g._create_op("MakeIterator", [dataset._variant_tensor,
                                                 self._iterator_resource], scope,
                                dtype="string", outputs=[])

    def string_handle(self, name=None):
        return self._string_handle

    def get_next(self, name=None):
        specs = nest.flatten(self._structure)
        g = self._iterator_resource.graph
        op = g._create_op("IteratorGetNext", [self._iterator_resource],
                          name or "IteratorGetNext",
                          outputs=[(s.dtype, s.shape) for s in specs],
                          attrs={"output_types": [s.dtype for s in specs],
                                 "output_shapes": [s.shape for s in specs]})
        return nest.pack_sequence_as(self._structure, op.outputs)


def _apply_options(dataset):
    """`DatasetV1._apply_options`: OptimizeDataset and ModelDataset (default options)."""
    from .dataset_ops import DatasetV1

    g = get_default_graph()
    value = np.array([o.encode() for o in _OPTIMIZATIONS], dtype=object)
    opt = g._create_op("Const", (), "optimizations", dtype=_dtypes.string,
                       shape=[len(value)], attrs={"value": value, "dtype": _dtypes.string,
                                                  "_py_value": value}).outputs[0]
    ds = dataset._new("OptimizeDataset", [dataset._variant_tensor, opt])
    ds = ds._new("ModelDataset", [ds._variant_tensor])
    return DatasetV1(ds._variant_tensor, dataset._structure)


def make_one_shot_iterator(dataset):
    """`tf.compat.v1.data.make_one_shot_iterator`."""
    g = get_default_graph()
    _core_seed.get_seed(None)  # TF asks (its Defun seeds its own graph from it)
    specs = nest.flatten(dataset._structure)
    op = g._create_op("OneShotIterator", [], "OneShotIterator", dtype=_dtypes.resource,
                      shape=[], attrs={"dataset_factory": dataset._variant_tensor,
                                       "output_types": [s.dtype for s in specs],
                                       "output_shapes": [s.shape for s in specs],
                                       "container": "", "shared_name": ""})
    return Iterator(op.outputs[0], None, dataset._structure)


def make_initializable_iterator(dataset, shared_name=None):
    """`tf.compat.v1.data.make_initializable_iterator`."""
    g = get_default_graph()
    # TF 2.21's compat.v1 applies dataset options when the iterator is made, not as
    # ops in the graph (measured).
    tf2 = getattr(g._target, "name", "").startswith("tensorflow 2")
    ds = dataset if tf2 else _apply_options(dataset)
    specs = nest.flatten(dataset._structure)
    res = g._create_op("IteratorV2", [], "IteratorV2", dtype=_dtypes.resource, shape=[],
                       attrs={"shared_name": shared_name or "", "container": "",
                              "output_types": [s.dtype for s in specs],
                              "output_shapes": [s.shape for s in specs]}).outputs[0]
    init = g._create_op("MakeIterator", [ds._variant_tensor, res], "MakeIterator", dtype="string",
                        outputs=[])
    return Iterator(res, init, dataset._structure)


def _flat_shapes(shapes, n):
    """Output shapes given as one shape (a list of dims) or a structure of shapes."""
    if n == 1 and not (isinstance(shapes, (tuple, list)) and shapes
                       and isinstance(shapes[0], (tuple, list, type(None)))
                       and not isinstance(shapes, dict)):
        return [shapes]
    if isinstance(shapes, dict):
        return [shapes[k] for k in sorted(shapes)]
    return list(shapes)


def _leaves(shapes):
    from ..framework.tensor_shape import TensorShape

    if isinstance(shapes, TensorShape):
        return [shapes]
    if isinstance(shapes, dict):
        return [y for k in sorted(shapes) for y in _leaves(shapes[k])]
    if isinstance(shapes, (tuple, list)):
        return [y for x in shapes for y in _leaves(x)]
    return [shapes]
