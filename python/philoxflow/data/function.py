"""Functions passed to `map`, `filter`, `interleave`: traced into a graph of their own.

As TF 1.15 traces them into a FuncGraph: placeholders `args_0`, `args_1`, ... for
the element's components first, then the function's ops, in a graph that takes
the outer graph's seed. So a graph-seed-only random op inside takes the
function graph's op count as its op seed, exactly as in TF. Each iterator runs
the function in a session of its own (TF instantiates the function per
iterator, so its random ops restart their streams per iterator).
"""

from __future__ import annotations

from ..framework import py_kernels
from ..framework.constant_op import convert_to_tensor
from ..framework.ops import Graph, Tensor, _contiguous, get_default_graph
from . import nest


class StructuredFunction:
    """A traced element function: its graph, argument placeholders and outputs."""

    def __init__(self, func, name, input_structure, returns_dataset=False, captures=()):
        from ..ops.array_ops import placeholder

        outer = get_default_graph()
        self.graph = g = Graph()
        g._func_outer = outer
        if outer.seed is not None:
            g.seed = outer.seed
        self.name = name
        with g.as_default():
            specs = nest.flatten(input_structure)
            self.args = [placeholder(s.dtype, s.shape, name="args_%d" % i)
                         for i, s in enumerate(specs)]
            nested = nest.pack_sequence_as(input_structure, self.args)
            # Outer tensors a library function reads come in as placeholders too (TF
            # captures them); their values are the dataset op's extra inputs.
            self.capture_args = [placeholder(t.dtype, t.shape, name="captured_%d" % i)
                                 for i, t in enumerate(captures)]
            if type(nested) is tuple:
                ret = func(*nested, *self.capture_args)
            else:
                ret = func(nested, *self.capture_args)
            if returns_dataset:
                if not hasattr(ret, "_variant_tensor"):
                    raise TypeError("`map_func` must return a `Dataset` object. Got "
                                    f"{type(ret)}")
                self.outputs = [ret._variant_tensor]
                self.structure = ret._structure
            else:
                if isinstance(ret, list):
                    ret = tuple(ret)
                flat = [convert_to_tensor(t) for t in nest.flatten(ret)]
                self.outputs = flat
                self.structure = nest.pack_sequence_as(
                    ret, [nest.Spec(t.dtype, t.shape) for t in flat])
        for t in self.outputs:
            if not isinstance(t, Tensor) or t.graph is not g:
                raise ValueError("A dataset function may only use tensors it creates "
                                 "(captured outer tensors are not supported).")
        #: outer tensors the function captures (the dataset op's extra inputs)
        self.captured: list = list(captures)

    def instantiate(self, captured_values):
        """A callable `element (list of arrays) -> outputs (list)`, with fresh state."""
        from ..client.session import Session

        sess = Session(graph=self.graph)
        phs = [(t.op._id, t.dtype._name) for t in self.args + self.capture_args]
        fetches = [(t.op._id, t.value_index) for t in self.outputs]
        captured_values = list(captured_values)

        def call(element):
            feeds = [(i, _contiguous(v), d)
                     for (i, d), v in zip(phs, list(element) + captured_values)]
            return py_kernels.run_outputs(sess, fetches, [], feeds)

        return call
