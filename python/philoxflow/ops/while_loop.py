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


_REF_OPS = frozenset({"VariableV2", "Assign", "AssignAdd", "AssignSub", "ScatterAdd",
                      "ScatterSub", "ScatterUpdate", "RefEnter", "RefSwitch", "RefIdentity",
                      "RefMerge", "RefNextIteration", "RefExit"})


def _is_ref(t):
    """Whether `t` is a TF 1.x ref tensor (a variable, or the output of an op updating
    one), which enters loops through RefEnter and switches through RefSwitch."""
    op_type = t.op.type
    return op_type in _REF_OPS or (op_type.startswith(("Apply", "SparseApply"))
                                   and t.value_index == 0)


def enter(data, frame_name, is_constant, parallel_iterations, use_input_shape=True,
          name=None):
    g = data.graph
    op_type = "RefEnter" if _is_ref(data) else "Enter"
    shape = data.shape if use_input_shape else TensorShape(None)
    return _op(g, op_type, [data], name or op_type, [(data.dtype, shape)],
               {"frame_name": frame_name, "is_constant": is_constant,
                "parallel_iterations": parallel_iterations}).outputs[0]


def _is_loop_constant_enter(op):
    return op.type in ("Enter", "RefEnter") and op._attrs.get("is_constant", False)


class WhileContext:
    """The frame of one while loop: which tensors are inside, and their entries.

    A gradient loop is a WhileContext too (`grad_state` set): forward tensors its ops
    read come through stacks the forward loop pushes (`control_flow_state.py`)."""

    def __init__(self, maximum_iterations=None, parallel_iterations=10, back_prop=True,
                 swap_memory=False, name="while_context", grad_state=None):
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
        self.grad_state = grad_state
        self.values: set = set()
        self.external: dict = {}
        self.pivot = self.pivot_for_pred = self.pivot_for_body = None
        self.loop_enters: list = []
        self.loop_exits: list = []
        self._entered: list = []

    @property
    def outer_context(self):
        return self.outer

    def control_pivot(self):
        return self.pivot_for_body if self.pivot_for_body is not None else self.pivot_for_pred

    def get_while_context(self):
        return self

    def enter(self):
        state = self.graph._thread
        self._entered.append(state.cond_context)
        state.cond_context = self

    def exit(self):
        self.graph._thread.cond_context = self._entered.pop()

    def add_name(self, name):
        self.values.add(name)

    def exit_result(self, result):
        if self.outer is not None:
            for x in result:
                self.outer.values.add(x.name)

    # -- the two calls every context answers (cond's `_CondContext` too)
    def add_value(self, t):
        from .control_flow_ops import get_context, set_context

        if t.name in self.values or get_context(t.op) is self:
            return self.external.get(t.name, t)
        self.values.add(t.name)
        cur = self.graph._thread.cond_context
        grad_ctxt = cur.get_while_context() if cur is not None else None
        if grad_ctxt is not None and grad_ctxt.grad_state is not None:
            fwd = while_context_of(t.op)
            if fwd is not None and t.op.type in ("Exit", "RefExit"):
                fwd = fwd.outer.get_while_context() if fwd.outer is not None else None
            if fwd is grad_ctxt.grad_state.forward_context:
                real = grad_ctxt.grad_state.get_real_value(t)
                self.external[t.name] = real
                return real
        src = self.outer.add_value(t) if self.outer is not None else t
        with self.graph.control_dependencies(None):
            e = enter(src, self.name, True, self.parallel_iterations)
        set_context(e.op, self)
        self.values.add(e.name)
        self.external[t.name] = e
        return e

    def add_op(self, op):
        from .control_flow_ops import get_context, set_context

        if op.type in ("Shape", "Size", "Rank") and op._inputs:
            # A shape of a forward tensor asked for in a gradient loop is computed in
            # the forward loop (then stacked), as TF's WhileContext.AddOp does.
            cur = self.graph._thread.cond_context
            grad_ctxt = cur.get_while_context() if cur is not None else None
            if grad_ctxt is not None and grad_ctxt.grad_state is not None and \
                    while_context_of(op._inputs[0].op) is grad_ctxt.grad_state.forward_context:
                in_ctx = get_context(op._inputs[0].op)
                if isinstance(in_ctx, WhileContext):
                    set_context(op, in_ctx)
                    in_ctx._add_op_internal(op)
                else:
                    in_ctx.add_op(op)
                return
        set_context(op, self)
        self._add_op_internal(op)

    def _remove_external_control_edges(self, op):
        from .control_flow_ops import get_context

        internal = []
        for c in op._control_inputs:
            ctx = output_context(c)
            if ctx is not None and ctx.get_while_context() is self:
                internal.append(c)
        external = [c for c in op._control_inputs if c not in internal]
        op._control_inputs[:] = internal
        _ = get_context
        return internal, external

    def _add_op_internal(self, op):
        from .control_flow_ops import add_inputs, add_outputs

        if not op._inputs:
            internal, external = self._remove_external_control_edges(op)
            if not internal:
                op._control_inputs.append(self.control_pivot().op)
        else:
            add_inputs(self, op)
            _, external = self._remove_external_control_edges(op)
            if not op._control_inputs and all(_is_loop_constant_enter(x.op)
                                              for x in op._inputs):
                op._control_inputs.append(self.control_pivot().op)
        add_outputs(self, op)
        if external:
            # External control inputs become Identities inside the frame, named in the
            # scope the op was built in.
            from .array_ops import identity

            g = self.graph
            state = g._thread
            with g.control_dependencies(None):
                self.enter()
                # (A Const is built in its caller's scope, every other op in its own.)
                scope = state.name_stack if op.type == "Const" else op.name
                old, state.name_stack = state.name_stack, scope
                try:
                    ids = [identity(x.outputs[0]).op for x in external if x.outputs]
                finally:
                    state.name_stack = old
                    self.exit()
            op._control_inputs.extend(ids)

    # -- gradient loops (TF's WhileContext methods for GradLoopState)
    def add_forward_loop_counter(self, outer_grad_state):
        from .control_flow_ops import _merge, _switch, set_context
        from .math_ops import add

        g = self.graph
        n = constant(0, name="f_count")
        self.enter()
        try:
            self.add_name(n.name)
            enter_n = enter(n, self.name, False, self.parallel_iterations, name="f_count")
            self.loop_enters.append(enter_n)
            merge_n = _merge([enter_n, enter_n])[0]
            switch_n = _switch(merge_n, self.pivot)
            set_context(switch_n[0].op, self)
            index = add(switch_n[1], 1)
            next_n = _op(g, "NextIteration", [index], "NextIteration",
                         [(index.dtype, index.shape)]).outputs[0]
            merge_n.op._inputs[1] = next_n
            total = _op(g, "Exit", [switch_n[0]], "f_count",
                        [(switch_n[0].dtype, switch_n[0].shape)]).outputs[0]
            self.loop_exits.append(total)
            self.exit_result([total])
        finally:
            self.exit()
        return total, next_n

    def add_backprop_loop_counter(self, count, outer_grad_state):
        from .control_flow_ops import _merge, _switch
        from .math_ops import greater_equal, subtract

        g = self.graph
        one = constant(1, name="b_count")
        self.enter()
        try:
            self.add_name(count.name)
            enter_c = enter(count, self.name, False, self.parallel_iterations, name="b_count")
            self.loop_enters.append(enter_c)
            merge_c = _merge([enter_c, enter_c])[0]
            self.pivot_for_pred = merge_c
            pred = greater_equal(merge_c, one)
            self.pivot = _op(g, "LoopCond", [pred], "b_count",
                             [(_dtypes.bool, TensorShape([]))]).outputs[0]
            switch_c = _switch(merge_c, self.pivot)
            index = subtract(switch_c[1], one)
            self.pivot_for_body = index
            next_c = _op(g, "NextIteration", [index], "NextIteration",
                         [(index.dtype, index.shape)]).outputs[0]
            merge_c.op._inputs[1] = next_c
            final_zero = _op(g, "Exit", [switch_c[0]], "b_count",
                             [(switch_c[0].dtype, switch_c[0].shape)]).outputs[0]
            self.loop_exits.append(final_zero)
            if outer_grad_state is not None:
                outer_grad_state.grad_sync()._control_inputs.append(final_zero.op)
            self.exit_result([final_zero])
        finally:
            self.exit()
        return next_c

    def add_backprop_accumulator(self, op, grad):
        """The sum of a loop-invariant's gradient over the iterations (`b_acc`)."""
        from .array_ops import zeros
        from .control_flow_ops import _merge, _switch
        from .math_ops import add

        g = self.graph
        self.exit()
        shape = grad.shape
        if shape.is_fully_defined():
            if self.outer is not None:
                self.outer.enter()
            acc = constant(0, dtype=grad.dtype, shape=shape.as_list(), name="b_acc")
            if self.outer is not None:
                self.outer.exit()
        else:
            if self.outer is not None and getattr(self.outer, "grad_state", None) is not None:
                raise NotImplementedError("gradients of nested while loops")
            if self.outer is not None:
                self.outer.enter()
            from .math_grad import _shape_op

            acc = zeros(_shape_op(op._inputs[0]), grad.dtype)
            if self.outer is not None:
                self.outer.exit()
        self.enter()
        self.add_name(acc.name)
        enter_acc = enter(acc, self.name, False, self.parallel_iterations, name="b_acc")
        self.loop_enters.append(enter_acc)
        merge_acc = _merge([enter_acc, enter_acc], name="b_acc")[0]
        sw_false, sw_true = _switch(merge_acc, self.pivot)
        add_acc = add(sw_true, grad)
        next_acc = _op(g, "NextIteration", [add_acc], "NextIteration",
                       [(add_acc.dtype, add_acc.shape)]).outputs[0]
        merge_acc.op._inputs[1] = next_acc
        result = _op(g, "Exit", [sw_false], "b_acc", [(sw_false.dtype, sw_false.shape)]
                     ).outputs[0]
        self.loop_exits.append(result)
        self.exit_result([result])
        return result

    def add_backprop_indexed_slices_accumulator(self, op, grad):
        """The concatenation of a loop-invariant's sparse gradients (`b_acc`)."""
        from ..framework.indexed_slices import IndexedSlices
        from .array_ops import concat
        from .control_flow_ops import _merge, _switch
        from .math_ops import maximum

        g = self.graph
        values, indices, dense_shape = grad.values, grad.indices, grad.dense_shape
        self.exit()
        if self.outer is not None:
            self.outer.enter()
        if not values.shape.is_fully_defined():
            raise NotImplementedError("sparse loop gradients of unknown shapes")
        values_shape = [1] + values.shape.as_list()[1:]
        values_acc = constant(0, dtype=values.dtype, shape=values_shape, name="b_acc")
        indices_acc = constant([0], dtype=indices.dtype)
        shape_acc = None
        if dense_shape is not None:
            if not dense_shape.shape.is_fully_defined():
                raise NotImplementedError("sparse loop gradients of unknown shapes")
            shape_acc = constant(0, dtype=dense_shape.dtype, shape=dense_shape.shape.as_list())
        if self.outer is not None:
            self.outer.exit()
        self.enter()
        init = [indices_acc, values_acc] + ([shape_acc] if shape_acc is not None else [])
        for x in init:
            self.add_name(x.name)
        enters = [enter(x, self.name, False, self.parallel_iterations, use_input_shape=False,
                        name="b_acc") for x in init]
        enters[0]._shape = TensorShape([None])
        enters[1]._shape = TensorShape([None] + values_acc.shape.as_list()[1:])
        self.loop_enters.extend(enters)
        merges = [_merge([x, x], name="b_acc")[0] for x in enters]
        switches = [_switch(x, self.pivot) for x in merges]
        accs = [concat([sw[1], x], 0) for sw, x in zip(switches[:2], [indices, values])]
        if shape_acc is not None:
            accs.append(maximum(dense_shape, switches[2][1]))
        nexts = [_op(g, "NextIteration", [x], "NextIteration", [(x.dtype, x.shape)]
                     ).outputs[0] for x in accs]
        for m, n in zip(merges, nexts):
            m.op._inputs[1] = n
        exits = [_op(g, "Exit", [sw[0]], "b_acc", [(sw[0].dtype, sw[0].shape)]).outputs[0]
                 for sw in switches]
        self.loop_exits.extend(exits)
        self.exit_result(exits)
        return IndexedSlices(exits[1], exits[0], exits[2] if shape_acc is not None else None)

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
        from .control_flow_ops import set_context

        for e in enters:
            set_context(e.op, self)
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
    """`tf.while_loop` (TF 1.x graph mode; TF 2.x graphs build `while_v2`)."""
    from . import cond_v2

    if cond_v2.enabled(get_default_graph()):
        if not callable(cond):
            raise TypeError("'cond' must be callable.")
        if not callable(body):
            raise TypeError("'body' must be callable.")
        if parallel_iterations < 1:
            raise TypeError("'parallel_iterations' must be a positive integer.")
        from .while_v2 import while_loop as while_v2

        return while_v2(cond, body, loop_vars, shape_invariants, parallel_iterations,
                        maximum_iterations, name, return_same_structure, back_prop)
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


def output_context(op):
    """TF's `GetOutputContext`: an Exit's outputs belong to the loop's outer context."""
    from .control_flow_ops import get_context

    ctx = get_context(op)
    if ctx is not None and op.type in ("Exit", "RefExit"):
        ctx = ctx.outer
    return ctx


def while_context_of(op):
    """TF's `util.GetWhileContext`: the innermost while frame an op was built in."""
    from .control_flow_ops import get_context

    ctx = get_context(op)
    return ctx.get_while_context() if ctx is not None else None
