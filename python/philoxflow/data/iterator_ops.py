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


class Iterator:
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

    @property
    def output_types(self):
        return nest.map_structure(lambda s: s.dtype, self._structure)

    @property
    def output_shapes(self):
        return nest.map_structure(lambda s: s.shape, self._structure)

    @property
    def element_spec(self):
        return self._structure

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
