"""Control flow (`control_flow_ops.py`): `no_op`, `group`, `Assert`, `with_dependencies`
and TF 1.x's graph-mode `cond`.

`cond` is built op for op as TF 1.15 builds it (Switch of the predicate, the
`switch_t`/`switch_f` pivots, `pred_id`, each branch in its context with a
Switch for every outside tensor it reads, then Merge), since every op shifts the
ids TF 1.x seeds from. Switch and Merge have no kernel here: a cond is built
for structure, running it raises UnimplementedError.
"""

from __future__ import annotations

import contextlib

from ..framework import dtypes as _dtypes
from ..framework.constant_op import convert_to_tensor
from ..framework.ops import Operation, Tensor, get_default_graph, name_scope
from ..framework.tensor_shape import TensorShape


def no_op(name=None, control_inputs=()):
    return get_default_graph()._create_op("NoOp", (), name or "NoOp",
                                          control_inputs=list(control_inputs))


def group(*inputs, name=None):
    inputs = _flatten(inputs)  # TF flattens nested lists of inputs (issue 17)
    # A variable stands for its op (TF: `VariableV2`/`VarHandleOp`; an assign's result,
    # its assign op).
    ops = [i if isinstance(i, Operation) else i.op if hasattr(i, "op") else i
           for i in inputs]
    with name_scope(name, "group_deps", inputs) as scope:
        # As TF: one NoOp per device (sorted, on that device) under a root NoOp when the
        # inputs are on more than one device.
        on_device = {}
        for op in ops:
            on_device.setdefault(getattr(op, "device", "") or "", []).append(op)
        if len(on_device) <= 1:
            return no_op(scope, control_inputs=ops)
        g = get_default_graph()
        deps = []
        for dev in sorted(on_device):
            with g.device(dev):
                deps.append(no_op(None, control_inputs=on_device[dev]))
        return no_op(scope, control_inputs=deps)


def Assert(condition, data, summarize=None, name=None):  # noqa: N802 - TF's name
    """`tf.Assert`: the run fails when `condition` is false (data: for the message).

    As TF 1.15: the data are converted once (`Const`), then again by the
    generated wrapper (`Assert/data_i`); unless they are all strings or int32
    the assertion is guarded by a cond (`AssertGuard`).
    """
    with name_scope(name, "Assert", [condition, data]):
        xs = [_string_const(d, "Const") if isinstance(d, str) else convert_to_tensor(d)
              for d in data]
        if all(x.dtype in (_dtypes.string, _dtypes.int32) for x in xs):
            return _assert_op(condition, data, summarize)
        condition = convert_to_tensor(condition, name="Condition")
        guarded = cond(condition, no_op, lambda: _assert_op(condition, data, summarize),
                       name="AssertGuard")
        return guarded.op


def _assert_op(condition, data, summarize=None):
    g = get_default_graph()
    with g.name_scope("Assert") as scope:
        condition = convert_to_tensor(condition, name="condition")
        xs = [_string_const(d, f"data_{i}") if isinstance(d, str)
              else convert_to_tensor(d, name=f"data_{i}") for i, d in enumerate(data)]
        return g._create_op("Assert", [condition] + xs, scope,
                            attrs={"summarize": 3 if summarize is None else int(summarize)})


def _string_const(text, name):
    return get_default_graph()._create_op("Const", (), name, dtype=_dtypes.string, shape=[],
                                          attrs={"value": text}).outputs[0]


def with_dependencies(dependencies, output_tensor, name=None):
    with name_scope(name, "control_dependency", list(dependencies) + [output_tensor]) as scope:
        g = get_default_graph()
        with g.colocate_with(output_tensor), g.control_dependencies(dependencies):
            from .array_ops import identity

            return identity(output_tensor, name=scope)


# ----------------------------------------------------------------- cond

class _CondContext:
    """One branch of a cond: tensors it reads from outside go through a Switch."""

    grad_state = None

    def __init__(self, pred, pivot, branch, outer):
        self.pred, self.pivot, self.branch, self.outer = pred, pivot, branch, outer
        self.values = {pred.name, pivot.name}
        self.external = {pred.name: pred}
        self._entered = []

    def get_while_context(self):
        ctx = self.outer
        while ctx is not None and not hasattr(ctx, "loop_exits"):
            ctx = ctx.outer
        return ctx

    def control_pivot(self):
        return self.pivot

    def enter(self):
        state = self.pred.graph._thread
        self._entered.append(state.cond_context)
        state.cond_context = self

    def exit(self):
        self.pred.graph._thread.cond_context = self._entered.pop()

    def add_name(self, name):
        self.values.add(name)

    def add_value(self, t):
        if t.name in self.values:
            return self.external.get(t.name, t)
        self.values.add(t.name)
        src = t
        if self.outer is not None:
            src = self.outer.add_value(t)
            self.values.add(src.name)
            self.external[src.name] = src
        g = t.graph
        with g.control_dependencies(None):
            sw = _switch(src, self.pred, colocate=True)[self.branch]
        set_context(sw.op, self)
        ctx = self
        while ctx is not None:
            ctx.values.add(sw.name)
            ctx = ctx.outer
        self.external[t.name] = sw
        return sw

    def add_op(self, op):
        set_context(op, self)
        if not op._inputs:
            op._control_inputs.append(self.pivot.op)
        else:
            add_inputs(self, op)
        add_outputs(self, op)


def add_inputs(ctx, op) -> None:
    """Routes each input of `op` through `ctx.add_value` (a Switch or an Enter), the new
    ops named in the consumer's scope, as TF's wrappers create each op inside its own."""
    state = op.graph._thread
    old, state.name_stack = state.name_stack, op.name
    try:
        for i, x in enumerate(op._inputs):
            real = ctx.add_value(x)
            if real is not x:
                op._inputs[i] = real
    finally:
        state.name_stack = old


def add_outputs(ctx, op) -> None:
    """Records `op`'s outputs as values of `ctx` and of every context around it."""
    while ctx is not None:
        ctx.values.update(o.name for o in op.outputs)
        ctx = ctx.outer


# The control-flow context (cond branch or while frame) each op was built in, by op
# (TF's `Operation._control_flow_context`), for the gradients of Switch and Merge.
def set_context(op, ctx):
    op.graph.__dict__.setdefault("_op_contexts", {})[id(op)] = ctx


def get_context(op):
    return op.graph.__dict__.get("_op_contexts", {}).get(id(op))


def _switch(data, pred, name=None, colocate=False):
    """A Switch (RefSwitch for a variable's ref) named in the consumer's scope;
    `colocate`: TF's _SwitchRefOrTensor, built colocated with its data."""
    g = data.graph
    op_type = "RefSwitch" if data.op.type in ("VariableV2",) else "Switch"
    with g.name_scope(name or "Switch") as scope, (
            g.colocate_with(data.op, True) if colocate else contextlib.nullcontext()):
        return g._create_op(op_type, (data, pred), scope,
                            outputs=[(data.dtype, data.shape), (data.dtype, data.shape)]).outputs


def _merge(inputs, name=None):
    with name_scope(name, "Merge", inputs) as scope:
        a = inputs[0]
        shape = _merged_shape([i.shape for i in inputs])
        return get_default_graph()._create_op(
            "Merge", list(inputs), scope,
            outputs=[(a.dtype, shape), (_dtypes.int32, TensorShape([]))]).outputs


def _merged_shape(shapes):
    """TF's Merge shape function: equal ranks keep the dimensions all inputs agree on."""
    ranks = {sh.rank for sh in shapes}
    if None in ranks or len(ranks) != 1:
        return TensorShape(None)
    dims = [sh.as_list() for sh in shapes]
    return TensorShape([d[0] if all(x == d[0] for x in d) else None for d in zip(*dims)])


def _flatten(x):
    if isinstance(x, (list, tuple)):
        return [y for e in x for y in _flatten(e)]
    return [x]


def _pack_as(structure, flat):
    it = iter(flat)

    def build(s):
        if isinstance(s, (list, tuple)):
            return type(s)(build(e) for e in s)
        return next(it)
    return build(structure)


def cond(pred, true_fn=None, false_fn=None, strict=False, name=None, fn1=None, fn2=None):
    """`tf.cond` in graph mode, as TF 1.x's CondContext builds it."""
    true_fn = true_fn or fn1
    false_fn = false_fn or fn2
    from . import cond_v2

    if cond_v2.enabled(get_default_graph()):  # TF 2.x: control flow v2
        return cond_v2.cond_v2(pred, true_fn, false_fn, name)
    if isinstance(pred, bool):
        raise TypeError("pred must not be a Python bool")
    with name_scope(name, "cond", [pred]):
        pred = convert_to_tensor(pred)
        g = pred.graph
        p_2, p_1 = _switch(pred, pred)
        from .array_ops import identity

        pivot_1 = identity(p_1, name="switch_t")
        pivot_2 = identity(p_2, name="switch_f")
        pred = identity(pred, name="pred_id")
        state = g._thread
        outer = state.cond_context
        results = []
        for pivot, branch, fn in ((pivot_1, 1, true_fn), (pivot_2, 0, false_fn)):
            ctx = _CondContext(pred, pivot, branch, outer)
            state.cond_context = ctx
            try:
                orig = fn()
                if orig is None:
                    raise ValueError(("true_fn" if branch else "false_fn")
                                     + " must have a return value.")
                flat = []
                for v in _flatten(orig):
                    if isinstance(v, Operation):
                        v = with_dependencies([v], pivot)  # TF's _BuildCondTensor
                    else:
                        v = convert_to_tensor(v)
                        if v.name not in ctx.values:
                            ctx.values.add(v.name)
                            src = v
                            if outer is not None:  # TF's _ProcessOutputTensor
                                src = outer.add_value(v)
                                ctx.values.add(src.name)
                                ctx.external[src.name] = src
                            v = _switch(src, pred, colocate=True)[branch]
                            set_context(v.op, ctx)
                            ctx.external[v.name] = v
                        else:
                            v = ctx.external.get(v.name, v)
                    flat.append(v)
                results.append((orig, flat))
            finally:
                state.cond_context = outer
        (orig_t, flat_t), (_, flat_f) = results
        merges = [_merge([f, t])[0] for f, t in zip(flat_f, flat_t)]
        out = _pack_as(orig_t, merges)
        if not strict and isinstance(out, (list, tuple)) and len(out) == 1:
            out = out[0]
        return out


# --- issue 16: lookup-table initializers (philoxflow has no tables: a NoOp, as TF builds)
def tables_initializer(name="init_all_tables"):
    from ..framework.ops import get_collection

    inits = get_collection("table_initializer")
    return group(*inits, name=name) if inits else no_op(name=name)


initialize_all_tables = tables_initializer


# ----------------------------------------------------------------- tuple (issue 17)

def tuple_op(tensors, name=None, control_inputs=None):
    """`tf.tuple`: each tensor through an Identity that waits for all of them (a `group`
    of their ops, sorted by op id as TF sorts them)."""
    from ..framework.indexed_slices import IndexedSlices

    with name_scope(name, "tuple", [t for t in tensors if t is not None]):
        tensors = [t if isinstance(t, (Operation, Tensor, IndexedSlices)) or t is None
                   else convert_to_tensor(t) for t in tensors]
        gating = []
        for t in tensors:
            if t is None:
                continue
            o = t if isinstance(t, Operation) else t.op
            if o not in gating:
                gating.append(o)
        if control_inputs:
            for c in control_inputs:
                c = c.op if isinstance(c, Tensor) else c
                if not isinstance(c, Operation):
                    raise TypeError(f"Control input must be Operation or Tensor: {c}")
                if c not in gating:
                    gating.append(c)
        gating.sort(key=lambda o: o._id)
        if not gating:
            raise ValueError(f"Must have at least one Tensor: {tensors}")
        gate = group(*gating)
        out = []
        g = get_default_graph()

        def gated(x):
            # An Identity with the input's own dtype and shape (the input may be a
            # second output of its op).
            with name_scope(None, "control_dependency", [gate, x]) as scope:
                with g.control_dependencies([gate]):
                    return g._create_op("Identity", (x,), scope,
                                        outputs=[(x.dtype, x.shape)]).outputs[0]
        for t in tensors:
            if isinstance(t, IndexedSlices):
                out.append(IndexedSlices(gated(t.values), t.indices, t.dense_shape))
            elif isinstance(t, Tensor):
                out.append(gated(t))
            elif isinstance(t, Operation):
                g = get_default_graph()
                with g.control_dependencies([gate]):
                    out.append(group(t))
            else:
                out.append(None)
        return out


# `tf.tuple` under the name TF's namespaces look up (a global `tuple` would shadow
# the builtin in this module).
tuple_ = tuple_op
tuple_.__name__ = tuple_.__qualname__ = "tuple"


# ----------------------------------------------------------------- case (issue 17)

def _assert_at_most_n_true(predicates, n, msg):
    from ..framework.constant_op import constant
    from .array_ops import stack
    from .math_ops import cast, less_equal, reduce_sum

    preds_c = stack(predicates, name="preds_c")
    num_true = reduce_sum(cast(preds_c, _dtypes.int32), name="num_true_conds")
    condition = less_equal(num_true, constant(n, name="n_true_conds"))
    names = ", ".join(getattr(p, "name", "?") for p in predicates)
    return Assert(condition, data=[f"{msg}: more than {n} conditions ({names}) evaluated as "
                                   "True:", preds_c], summarize=len(predicates))


def case(pred_fn_pairs, default=None, exclusive=False, strict=False, name="case"):
    """`tf.case` (TF 1.x): a chain of conds, the last predicate's branch the default
    when none is given, guarded by TF's Asserts."""
    return _case_helper(cond, pred_fn_pairs, default, exclusive, name, strict=strict)


def _case_helper(cond_fn, pred_fn_pairs, default, exclusive, name, **cond_kwargs):
    """`case` over any cond (`smart_case` passes `smart_cond`), as TF's helper."""
    import functools

    from .array_ops import stack

    if isinstance(pred_fn_pairs, dict):
        pred_fn_pairs = sorted(pred_fn_pairs.items(), key=lambda item: item[0].name)
    if not isinstance(pred_fn_pairs, (list, tuple)):
        raise TypeError("fns must be a list, tuple, or dict")
    predicates = [p for p, _ in pred_fn_pairs]
    actions = [f for _, f in pred_fn_pairs]
    for p, f in pred_fn_pairs:
        if not callable(f):
            raise TypeError("fn for pred %s must be callable." % getattr(p, "name", p))
    with name_scope(name, "case", predicates):
        if default is None:
            k = len(predicates) - 1
            predicate, action = predicates[k], actions[k]
            others, other_actions = predicates[:k], actions[:k]

            def default_action():
                others_msg = ("Implementation error: selected default action #%d was "
                              "called, but some of other predicates are True: " % k)
                default_msg = ["Input error: None of conditions evaluated as True:",
                               stack(predicates, name="preds_c")]
                deps = [_assert_at_most_n_true(others, n=0, msg=others_msg),
                        Assert(predicate, data=default_msg)]
                with get_default_graph().control_dependencies(deps):
                    return action()
            default, predicates, actions = default_action, others, other_actions
        fn = default
        for predicate, action in reversed(list(zip(predicates, actions))):
            fn = functools.partial(cond_fn, predicate, true_fn=action, false_fn=fn,
                                   **cond_kwargs)
        if exclusive:
            check = _assert_at_most_n_true(predicates, n=1, msg="Input error: exclusive=True")
            with get_default_graph().control_dependencies([check]):
                return fn()
        return fn()
