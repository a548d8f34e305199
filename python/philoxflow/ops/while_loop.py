"""TF 1.x's graph-mode `tf.while_loop` (control flow v1, `WhileContext`).

Built op for op as TF 1.15 builds it: the loop variables enter the frame
(`Enter`), each through a `Merge` whose second input becomes the body's
`NextIteration`, the predicate feeds `LoopCond`, a `Switch` per variable hands
its true side to the body (`Identity`) and its false side to `Exit`. A tensor
from outside that the loop reads enters the frame once, through a constant
`Enter` named in the scope of its first consumer (created after the consumer, as
TF's control-flow post-processing creates it). Constants in the loop take a
control input from the loop's pivot. `maximum_iterations` adds TF's counter.

The ops have no kernels here: loops are built for graph structure (every op
counts for TF 1.x's op seeds); running one raises UnimplementedError.
"""

from __future__ import annotations

from ..framework import dtypes as _dtypes
from ..framework.constant_op import constant, convert_to_tensor
from ..framework.ops import GraphKeys, add_to_collection, get_default_graph, name_scope
from ..framework.tensor_shape import TensorShape

WHILE_CONTEXT = getattr(GraphKeys, "WHILE_CONTEXT", "while_context")


def _flatten(x):
    if isinstance(x, (list, tuple)):
        return [y for e in x for y in _flatten(e)]
    if isinstance(x, dict):
        return [y for k in sorted(x) for y in _flatten(x[k])]
    return [x]


def _pack_as(structure, flat):
    it = iter(flat)

    def build(s):
        if isinstance(s, dict):
            return type(s)((k, build(s[k])) for k in sorted(s))
        if isinstance(s, (list, tuple)):
            items = [build(e) for e in s]
            if hasattr(s, "_fields"):  # a namedtuple
                return type(s)(*items)
            return type(s)(items)
        return next(it)
    return build(structure)


def _same_structure(a, b):
    if isinstance(a, dict) or isinstance(b, dict):
        return isinstance(a, dict) and isinstance(b, dict) and sorted(a) == sorted(b) and all(
            _same_structure(a[k], b[k]) for k in a)
    seq_a, seq_b = isinstance(a, (list, tuple)), isinstance(b, (list, tuple))
    if seq_a != seq_b:
        return False
    if not seq_a:
        return True
    if len(a) != len(b):
        return False
    if type(a) is not type(b) and not (isinstance(a, list) and isinstance(b, list)):
        ta = tuple if isinstance(a, tuple) and not hasattr(a, "_fields") else type(a)
        tb = tuple if isinstance(b, tuple) and not hasattr(b, "_fields") else type(b)
        if ta is not tb:
            return False
    return all(_same_structure(x, y) for x, y in zip(a, b))


def _to_flow(x):
    from .tensor_array_ops import TensorArray

    return x.flow if isinstance(x, TensorArray) else convert_to_tensor(x)


def _with_flows(templates, flows):
    """TF's `_convert_flows_to_tensorarrays`: TensorArrays rebuilt on the new flows."""
    from .tensor_array_ops import TensorArray

    return [t._with_flow(f) if isinstance(t, TensorArray) else f
            for t, f in zip(templates, flows)]


def _op(g, op_type, inputs, name, outputs, attrs=None):
    """An op named `name` in the current scope (made unique), of the given outputs."""
    with g.name_scope(name) as scope:
        return g._create_op(op_type, list(inputs), scope, outputs=outputs, attrs=attrs)


def _is_ref(t):
    return t.op.type in ("VariableV2",)


def enter(data, frame_name, is_constant, parallel_iterations, use_input_shape=True,
          name="Enter"):
    g = data.graph
    op_type = "RefEnter" if _is_ref(data) else "Enter"
    shape = data.shape if use_input_shape else TensorShape(None)
    return _op(g, op_type, [data], name, [(data.dtype, shape)],
               {"frame_name": frame_name, "is_constant": is_constant,
                "parallel_iterations": parallel_iterations}).outputs[0]


def _is_loop_constant_enter(op):
    return op.type in ("Enter", "RefEnter") and op._attrs.get("is_constant", False)


class WhileContext:
    """The frame of one while loop: which tensors are inside, and their entries."""

    def __init__(self, maximum_iterations=None, parallel_iterations=10, back_prop=True,
                 swap_memory=False, name="while_context"):
        if not isinstance(parallel_iterations, int) or parallel_iterations <= 0:
            raise ValueError("`parallel_iterations` must be a positive integer: "
                             f"{parallel_iterations}")
        g = get_default_graph()
        self.graph = g
        self.outer = g._thread.cond_context
        self.name = g.unique_name(name)
        self.maximum_iterations = maximum_iterations
        self.parallel_iterations = parallel_iterations
        self.back_prop = back_prop
        self.swap_memory = swap_memory
        self.values: set = set()
        self.external: dict = {}
        self.op_ids: set = set()  # ops of this frame (for its control edges)
        self.pivot = self.pivot_for_pred = self.pivot_for_body = None
        self.loop_enters = self.loop_exits = None

    @property
    def outer_context(self):
        return self.outer

    def control_pivot(self):
        return self.pivot_for_body if self.pivot_for_body is not None else self.pivot_for_pred

    # -- the two calls every context answers (cond's `_CondContext` too)
    def add_value(self, t):
        if t.name in self.values:
            return self.external.get(t.name, t)
        self.values.add(t.name)
        src = self.outer.add_value(t) if self.outer is not None else t
        g = t.graph
        with g.control_dependencies(None):
            e = enter(src, self.name, True, self.parallel_iterations)
        self.op_ids.add(id(e.op))
        self.values.add(e.name)
        self.external[t.name] = e
        return e

    def add_op(self, op):
        from .control_flow_ops import set_context

        set_context(op, self)
        self.op_ids.add(id(op))
        # Control edges from outside the frame are dropped, as TF's
        # `_RemoveExternalControlEdges` drops them.
        op._control_inputs[:] = [c for c in op._control_inputs if id(c) in self.op_ids]
        if not op._inputs:
            if not op._control_inputs:
                op._control_inputs.append(self.control_pivot().op)
        else:
            state = op.graph._thread
            old, state.name_stack = state.name_stack, op.name
            try:
                for i, x in enumerate(op._inputs):
                    real = self.add_value(x)
                    if real is not x:
                        op._inputs[i] = real
            finally:
                state.name_stack = old
            if not op._control_inputs and all(_is_loop_constant_enter(x.op)
                                              for x in op._inputs):
                op._control_inputs.append(self.control_pivot().op)
        ctx = self
        while ctx is not None:
            ctx.values.update(o.name for o in op.outputs)
            ctx = getattr(ctx, "outer", None)

    # -- building
    def build_loop(self, pred, body, loop_vars, shape_invariants, return_same_structure):
        g = self.graph
        original = loop_vars
        flat = [_to_flow(v) for v in _flatten(loop_vars)]
        state = g._thread
        outer = state.cond_context
        state.cond_context = self
        try:
            body_result, exit_vars = self._build(pred, body, original, flat, shape_invariants)
        finally:
            state.cond_context = outer
        packed = _pack_as(body_result, _with_flows(_flatten(body_result), exit_vars))
        if return_same_structure:
            return packed
        return packed[0] if len(exit_vars) == 1 else packed

    def _build(self, pred, body, original, loop_vars, shape_invariants):
        from .array_ops import identity
        from .control_flow_ops import _merge

        g = self.graph
        self.values = {x.name for x in loop_vars}
        real = [self.outer.add_value(x) for x in loop_vars] if self.outer else loop_vars
        with g.control_dependencies(None):
            enters = [enter(x, self.name, False, self.parallel_iterations,
                            use_input_shape=shape_invariants is None) for x in real]
        self.op_ids.update(id(e.op) for e in enters)
        if shape_invariants is not None:
            for e, x, inv in zip(enters, real, _flatten(shape_invariants)):
                inv = TensorShape(inv)
                if not inv.is_compatible_with(x.shape):
                    raise ValueError(
                        f"The shape invariant specified for {x.name} is not compatible with "
                        f"the initial shape of the loop variable. It enters the loop with "
                        f"shape {x.shape}, but the specified shape invariant is {inv}.")
                e._shape = inv
        self.values = {e.name for e in enters}
        self.loop_enters = enters
        merges = [_merge([e, e])[0] for e in enters]
        self.pivot_for_pred = merges[0]
        templates = _flatten(original)
        c = convert_to_tensor(pred(*_pack_as(original, _with_flows(templates, merges))))
        self.pivot = _op(g, "LoopCond", [c], "LoopCond", [(_dtypes.bool, TensorShape([]))]
                         ).outputs[0]
        switches = [_op(g, "RefSwitch" if _is_ref(m) else "Switch", [m, self.pivot], "Switch",
                        [(m.dtype, m.shape), (m.dtype, m.shape)]).outputs for m in merges]
        body_vars = [identity(s[1]) for s in switches]
        self.pivot_for_body = body_vars[0]
        packed = _pack_as(original, _with_flows(templates, body_vars))
        result = body(*packed)
        if not isinstance(result, (list, tuple, dict)):
            result = [result]
        if not _same_structure(list(packed), list(result)):
            raise TypeError("The two structures don't have the same nested structure.\n\n"
                            f"First structure: {list(packed)}\n\nSecond structure: "
                            f"{list(result)}")
        flat_result = [_to_flow(v) for v in _flatten(result)]
        if len(merges) != len(flat_result):
            raise ValueError("Number of inputs and outputs of body must match loop_vars: "
                             f"{len(merges)}, {len(flat_result)}")
        for m, v in zip(merges, flat_result):
            nxt = _op(g, "NextIteration", [v], "NextIteration", [(v.dtype, v.shape)]
                      ).outputs[0]
            if not m.shape.is_compatible_with(nxt.shape) or (
                    m.shape.rank is not None and nxt.shape.rank is None):
                raise ValueError(
                    f"Input tensor '{m.op._inputs[0].name}' enters the loop with shape "
                    f"{m.shape}, but has shape {nxt.shape} after one iteration. To allow the "
                    "shape to vary across iterations, use the `shape_invariants` argument of "
                    "tf.while_loop to specify a less-specific shape.")
            m.op._inputs[1] = nxt
        exits = [_op(g, "Exit", [s[0]], "Exit", [(s[0].dtype, s[0].shape)]).outputs[0]
                 for s in switches]
        self.loop_exits = exits
        return result, exits


def while_loop(cond, body, loop_vars, shape_invariants=None, parallel_iterations=10,
               back_prop=True, swap_memory=False, name=None, maximum_iterations=None,
               return_same_structure=False):
    """`tf.while_loop` (TF 1.x graph mode)."""
    with name_scope(name, "while", _flatten(loop_vars)):
        if not loop_vars:
            raise ValueError("No loop variables provided")
        if not callable(cond):
            raise TypeError("cond must be callable.")
        if not callable(body):
            raise TypeError("body must be callable.")
        if parallel_iterations < 1:
            raise TypeError("parallel_iterations must be a positive integer.")
        try_to_pack = len(loop_vars) == 1 and not return_same_structure
        if maximum_iterations is not None:
            maximum_iterations = convert_to_tensor(maximum_iterations,
                                                   name="maximum_iterations")
            if maximum_iterations.shape.rank != 0:
                raise ValueError("maximum_iterations must be a scalar, saw shape: "
                                 f"{maximum_iterations.shape}")
            counter = constant(0, dtype=maximum_iterations.dtype, name="iteration_counter")
            orig_cond, orig_body, mi = cond, body, maximum_iterations
            from ._grad_ops import logical_and

            if try_to_pack:
                loop_vars = (counter, loop_vars[0])

                def cond(i, lv):
                    return logical_and(i < mi, orig_cond(lv))

                def body(i, lv):
                    return (i + 1, orig_body(lv))
            else:
                loop_vars = (counter, loop_vars)

                def cond(i, lv):
                    return logical_and(i < mi, orig_cond(*lv))

                def body(i, lv):
                    return (i + 1, orig_body(*lv))
            if shape_invariants is not None:
                shape_invariants = (TensorShape([]), shape_invariants)
        ctx = WhileContext(maximum_iterations, parallel_iterations, back_prop, swap_memory)
        if ctx.outer is None:
            add_to_collection(WHILE_CONTEXT, ctx)
        result = ctx.build_loop(cond, body, loop_vars, shape_invariants,
                                return_same_structure)
        if maximum_iterations is not None:
            return result[1]
        return result

