"""Functions passed to `map`, `filter`, `interleave`: traced into a graph of their own.

As TF 1.15 traces them into a FuncGraph: placeholders `args_0`, `args_1`, ... for
the element's components first, then the function's ops, in a graph that takes
the outer graph's seed. So a graph-seed-only random op inside takes the
function graph's op count as its op seed, exactly as in TF. Each top-level iterator
runs the function in a session of its own (TF instantiates the function per
iterator resource, so its random ops restart their streams per iterator).
"""

from __future__ import annotations

from ..framework import py_kernels
from ..framework.constant_op import convert_to_tensor
from ..framework.ops import Graph, Tensor, _contiguous, get_default_graph
from . import nest


class _FuncGraph(Graph):
    """A function graph: outer graph tensors it reads become placeholders made at first
    use (TF's captures, which count among the function's ops as TF's do), fed at run
    time from the dataset op's extra inputs; eager tensors become constants."""

    _is_func_graph = True

    def __init__(self, outer):
        super().__init__()
        self._outer = outer
        self._captures: dict = {}
        if outer.seed is not None:
            self.seed = outer.seed

    def capture(self, t):
        if isinstance(t, Tensor) and t.graph is self:
            return t
        hit = self._captures.get(id(t))
        if hit is None:
            if type(t).__name__ == "EagerTensor":
                ph = Graph._create_op(self, "Const", (), "Const", dtype=t.dtype,
                                      value=_contiguous(t._value)).outputs[0]
            elif isinstance(t, Tensor):
                ph = Graph._create_op(self, "Placeholder", (), "Placeholder", dtype=t.dtype,
                                      shape=t.shape, attrs={"dtype": t.dtype}).outputs[0]
            else:
                return t
            hit = self._captures[id(t)] = (t, ph)
        return hit[1]

    def _create_op(self, op_type, inputs=(), *args, **kwargs):
        return super()._create_op(op_type, [self.capture(t) for t in inputs], *args, **kwargs)

    def captured_outer(self):
        """(outer tensor, placeholder) of the graph tensors captured, in capture order."""
        return [(t, ph) for t, ph in self._captures.values() if isinstance(t, Tensor)]


class StructuredFunction:
    """A traced element function: its graph, argument placeholders and outputs."""

    def __init__(self, func, name, input_structure, returns_dataset=False, captures=()):
        from ..ops.array_ops import placeholder

        outer = get_default_graph()
        self.graph = g = _FuncGraph(outer)
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
                flat = [g.capture(convert_to_tensor(t)) for t in nest.flatten(ret)]
                self.outputs = flat
                self.structure = nest.pack_sequence_as(
                    ret, [nest.Spec(t.dtype, t.shape) for t in flat])
        outer_caps = g.captured_outer()
        #: outer tensors the function captures (the dataset op's extra inputs)
        self.captured: list = list(captures) + [t for t, _ in outer_caps]
        self.capture_args += [ph for _, ph in outer_caps]

    def instantiate(self, captured_values, ctx=None):
        """A callable `element (list of arrays) -> outputs (list)`. Its state (the random
        ops' streams) is the top-level iterator's `ctx`'s: TF's function library runtime
        instantiates a dataset function once per iterator resource, so the stream goes on
        across `repeat` epochs and interleave's inner datasets; fresh without `ctx`."""
        from ..client.session import Session

        key = ("function", id(self))
        hit = ctx.resources.get(key) if ctx is not None else None
        if hit is None or hit[0] is not self:
            hit = (self, Session(graph=self.graph))
            if ctx is not None:
                ctx.resources[key] = hit
        sess = hit[1]
        phs = [(t.op._id, t.dtype._name) for t in self.args + self.capture_args]
        fetches = [(t.op._id, t.value_index) for t in self.outputs]
        captured_values = list(captured_values)

        def call(element):
            feeds = [(i, _contiguous(v), d)
                     for (i, d), v in zip(phs, list(element) + captured_values)]
            return py_kernels.run_outputs(sess, fetches, [], feeds)

        return call
