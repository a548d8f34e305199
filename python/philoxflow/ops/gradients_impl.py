"""`tf.gradients` as TF 1.15 builds it (`gradients_impl.py` / `gradients_util.py`).

Every op the backward pass adds shifts the op ids TF 1.x seeds later random ops
from, so the traversal is TF's: ops between `xs` and `ys` are found the way
`_PendingCount` finds them, processed in the order of a FIFO queue fed as each
op's last consumer is done, each op's incoming gradients summed by `AddN` in the
`gradients` scope (before its `<op>_grad` scope opens), unused float outputs of
multi-output ops filled by `zeros_like`, and with `gate_gradients` (optimizers'
default) an op's several input gradients tied by `tuple`. The gradient function
of each op type lives in `math_grad.py`, `nn_grad.py` and `array_grad.py`.
"""

from __future__ import annotations

import collections

from ..framework import dtypes as _dtypes
from ..framework.constant_op import constant, convert_to_tensor
from ..framework.indexed_slices import IndexedSlices
from ..framework.ops import Tensor, _graph_of
from ..framework.tensor_shape import TensorShape

_GRADIENTS: dict = {}
#: TF 2.x's gradient functions where they differ from TF 1.15's (`math_grad_v2.py`),
#: used in graphs whose target has `v2_gradients_and_control_flow`.
_GRADIENTS_V2: dict = {}


class RegisterGradient:
    """Decorator registering the gradient function of an op type (`ops.RegisterGradient`)."""

    def __init__(self, op_type: str):
        self._op_type = op_type

    def __call__(self, f):
        _GRADIENTS[self._op_type] = f
        return f


class RegisterGradientV2(RegisterGradient):
    """Registers TF 2.x's gradient function of an op type (see `_GRADIENTS_V2`)."""

    def __call__(self, f):
        _GRADIENTS_V2[self._op_type] = f
        return f


def NotDifferentiable(op_type: str) -> None:  # noqa: N802 - TF's name
    """Mark `op_type` as having no gradient (its inputs get None)."""
    _GRADIENTS[op_type] = None


NoGradient = NotDifferentiable


def get_gradient_function(op):
    override = getattr(op, "_attrs", {}).get("_gradient_op_type")  # gradient_override_map
    if override is not None:
        return _GRADIENTS[override.decode() if isinstance(override, bytes) else override]
    if op.graph._target.v2_gradients_and_control_flow and op.type in _GRADIENTS_V2:
        return _GRADIENTS_V2[op.type]
    if op.type not in _GRADIENTS:
        raise LookupError(f"No gradient defined for operation '{op.name}' (op type: "
                          f"{op.type})")
    return _GRADIENTS[op.type]


class AggregationMethod:
    ADD_N = 0
    DEFAULT = ADD_N
    EXPERIMENTAL_TREE = 1
    EXPERIMENTAL_ACCUMULATE_N = 2


_TRAINABLE = {"float16", "float32", "float64", "complex64", "complex128", "resource",
              "variant"}


def _is_trainable(t) -> bool:
    return t.dtype.base_dtype.name in _TRAINABLE


def _is_backpropagatable(t) -> bool:
    return _is_trainable(t) or t.dtype.base_dtype.name == "bfloat16"


def _as_list(x):
    return list(x) if isinstance(x, (list, tuple)) else [x]


def _to_tensor_or_slices(v, name=None):
    if isinstance(v, IndexedSlices):
        return v
    if hasattr(v, "_ref_tensor"):
        return v._ref_tensor()  # a variable as a ref (TF's as_ref=True)
    return convert_to_tensor(v, name=name)


def gradients(ys, xs, grad_ys=None, name="gradients", colocate_gradients_with_ops=False,
              gate_gradients=False, aggregation_method=None, stop_gradients=None,
              unconnected_gradients="none"):
    """The symbolic derivatives of `sum(ys)` with respect to each of `xs`."""
    from . import (  # noqa: F401 - they register the gradient functions
        array_grad,
        control_flow_grad,
        image_grad,
        math_grad,
        math_grad_v2,
        nn_grad,
        sparse_grad,
        tensor_array_grad,
    )

    ys, xs = _as_list(ys), _as_list(xs)
    stop_gradients = [] if stop_gradients is None else _as_list(stop_gradients)
    grad_ys = [None] * len(ys) if grad_ys is None else _as_list(grad_ys)
    g = _graph_of(ys, xs)
    with g.as_default(), g.name_scope(name or "gradients") as scope:
        g.unique_name("uid")  # TF takes a per-call uid name here (no op)
        ys = [_to_tensor_or_slices(y, "y") for y in ys]
        xs = [_to_tensor_or_slices(x.handle if getattr(x, "_is_resource", False) else x, "x")
              for x in xs]
        stop_ops = {id(convert_to_tensor(t).op) for t in stop_gradients}
        grad_ys = _default_grad_ys(grad_ys, ys, g._target.v2_gradients_and_control_flow)
        return _gradients_helper(g, scope, ys, xs, grad_ys, gate_gradients,
                                 aggregation_method, stop_ops, unconnected_gradients)


def _default_grad_ys(grad_ys, ys, v2=False):
    from .array_ops import fill, identity, ones, shape

    if len(grad_ys) != len(ys):
        raise ValueError(f"Passed {len(grad_ys)} grad_ys for {len(ys)} ys")
    # (TF's convert_n_to_tensor_or_indexed_slices(grad_ys, name="grad_y") first.)
    grad_ys = [gy if gy is None or isinstance(gy, IndexedSlices)
               else convert_to_tensor(gy, name=f"grad_y_{i}") for i, gy in enumerate(grad_ys)]
    out = []
    for i, (y, gy) in enumerate(zip(ys, grad_ys)):
        if gy is None:
            if y.dtype.is_complex:
                raise TypeError("Gradients of complex tensors must set grad_ys "
                                f"(y.dtype = {y.dtype!r})")
            s = shape(y)
            if v2:  # TF 2.x: array_ops.ones(shape(y), name=...)
                out.append(ones(s, dtype=y.dtype, name=f"grad_ys_{i}"))
            else:
                out.append(fill(s, constant(1, dtype=y.dtype, name=f"grad_ys_{i}")))
        elif isinstance(gy, IndexedSlices):
            out.append(IndexedSlices(identity(gy.values, name=f"grad_ys_{i}_values"),
                                     identity(gy.indices, name=f"grad_ys_{i}_indices"),
                                     gy.dense_shape))
        else:
            out.append(identity(gy, name=f"grad_ys_{i}"))
    return out


def _func_graphs(g):
    """`g` and the graphs it is built inside, innermost first (TF's `func_graphs`)."""
    out = [g]
    while getattr(out[-1], "_outer", None) is not None:
        out.append(out[-1]._outer)
    return out


def _captured_map(graphs):
    """placeholder id -> outer tensor, for the function graphs among `graphs`."""
    out = {}
    for fg in graphs:
        for t, ph in getattr(fg, "_captures", {}).values():
            if hasattr(t, "op"):
                out[id(ph)] = t
    return out


def _inputs(op, captured):
    """`op`'s inputs, a function graph's captured placeholder as the outer tensor
    (TF's `_Inputs`/`_MaybeCaptured`): gradients flow out of function graphs."""
    if not captured:
        return op._inputs
    out = []
    for t in op._inputs:
        while id(t) in captured:
            t = captured[id(t)]
        out.append(t)
    return out


def _consumers_map(graphs, captured):
    """Each tensor's consumers, in graph order (TF's `Tensor.consumers()`, with those of
    the placeholders capturing it in function graphs: TF's `_Consumers`)."""
    cons = collections.defaultdict(list)
    for g in reversed(graphs):
        for op in g._ops:
            for t in _inputs(op, captured):
                lst = cons[id(t)]
                if not lst or lst[-1] is not op:
                    lst.append(op)
    return cons


def _pending_count(g, to_ops, from_ops, captured):
    cons = _consumers_map(_func_graphs(g), captured)
    reached = set()
    queue = collections.deque(from_ops)
    while queue:
        op = queue.popleft()
        if id(op) not in reached:
            reached.add(id(op))
            for t in op.outputs:
                if _is_backpropagatable(t):
                    queue.extend(cons.get(id(t), ()))
    reachable_to = {id(op) for op in to_ops if id(op) in reached}
    between, between_list = set(), []
    queue = collections.deque(to_ops)
    while queue:
        op = queue.popleft()
        if id(op) in reached:
            between.add(id(op))
            between_list.append(op)
            reached.discard(id(op))
            queue.extend(t.op for t in _inputs(op, captured))
    from .control_flow_state import maybe_create_control_flow_state

    loop_state = maybe_create_control_flow_state(between_list, between)
    pending = collections.defaultdict(int)
    for op in between_list:
        for t in _inputs(op, captured):
            if id(t.op) in between:
                pending[id(t.op)] += 1
    return reachable_to, pending, loop_state


def _set_grad(grads, t, grad):
    op_grads = grads.get(id(t.op))
    if not op_grads:
        op_grads = [[] for _ in t.op.outputs]
        grads[id(t.op)] = op_grads
    if isinstance(op_grads[t.value_index], list):
        op_grads[t.value_index].append(grad)
    else:  # a loop switch's gradient is set, not summed
        op_grads[t.value_index] = grad


def _gradients_helper(g, scope, ys, xs, grad_ys, gate_gradients, aggregation_method,
                      stop_gradient_ops, unconnected_gradients):
    from .array_ops import zeros_like

    to_ops = [t.op for t in ys]
    from_ops = [t.op for t in xs]
    captured = _captured_map(_func_graphs(g))
    for x in xs:  # (TF's _Inputs: a tensor differentiated against is not traversed)
        captured.pop(id(x), None)
    reachable_to, pending, loop_state = _pending_count(g, to_ops, from_ops, captured)
    grads: dict = {}
    for y, gy in zip(ys, grad_ys):
        _set_grad(grads, y, gy)
    queue = collections.deque()
    seen = set()
    for op in to_ops:
        if pending[id(op)] == 0 and id(op) not in seen and id(op) in reachable_to:
            seen.add(id(op))
            queue.append(op)
    if loop_state is not None:
        for y in loop_state.process_unused_loop_exits(pending, seen):
            if _is_trainable(y):
                _set_grad(grads, y, loop_state.zeros_like_for_exit(y))
                queue.append(y.op)
    stop_ops = set(stop_gradient_ops)
    for op in from_ops:
        if all(pending[id(t.op)] <= 0 for t in _inputs(op, captured)):
            stop_ops.add(id(op))
    while queue:
        op = queue.popleft()
        if loop_state is not None:
            loop_state.enter_grad_while_context(op, before=True)
        out_grads = _aggregated_grads(g, grads, op, aggregation_method, loop_state)
        if loop_state is not None:
            loop_state.exit_grad_while_context(op, before=True)
        has_out_grads = any(isinstance(x, Tensor) or x for x in out_grads)
        grad_fn = None
        if has_out_grads and id(op) not in stop_ops:
            grad_fn = get_gradient_function(op)
        if loop_state is not None:
            loop_state.enter_grad_while_context(op, before=False)
        if grad_fn is not None and has_out_grads:
            for i, og in enumerate(out_grads):
                if not isinstance(og, Tensor) and not og and _is_trainable(op.outputs[i]):
                    out_grads[i] = (loop_state.zeros_like(op, i) if loop_state is not None
                                    else _zeros_like_outside_loop(op, i))
            with g.name_scope(op.name + "_grad"):
                in_grads = _as_list(grad_fn(op, *out_grads))
                if len(in_grads) != len(op._inputs):
                    raise ValueError(f"Num gradients {len(in_grads)} generated for op "
                                     f"{op.name} do not match num inputs {len(op._inputs)}")
                if gate_gradients and sum(x is not None for x in in_grads) > 1:
                    from .control_flow_ops import tuple_op as _tuple

                    in_grads = _tuple(in_grads)
        else:
            in_grads = [None] * len(op._inputs)
        for t_in, in_grad in zip(_inputs(op, captured), in_grads):
            if in_grad is not None:
                if isinstance(in_grad, Tensor) and t_in.dtype.name != "resource":
                    try:
                        in_grad.set_shape(t_in.shape)
                    except ValueError:
                        raise ValueError(
                            f"Incompatible shapes between op input and calculated input "
                            f"gradient.  Forward operation: {op.name}.  Input index: "
                            f"{op._inputs.index(t_in)}. Original input shape: {t_in.shape}.  "
                            f"Calculated input gradient shape: {in_grad.shape}") from None
                _set_grad(grads, t_in, in_grad)
        if loop_state is not None:
            loop_state.exit_grad_while_context(op, before=False)
        _update_pending_and_enqueue_ready(grads, op, queue, pending, loop_state, captured)
    if loop_state is not None:
        loop_state.post_processing()
    out = []
    for x in xs:
        op_grads = grads.get(id(x.op))
        if not op_grads:
            if unconnected_gradients == "zero":
                out.append(zeros_like(x))
            else:
                out.append(None)
            continue
        gx = op_grads[x.value_index]
        if isinstance(gx, list):  # never processed (e.g. xs that feed each other)
            gx = _aggregate(g, gx, x.op, aggregation_method)
        out.append(gx)
    return out


def _zeros_like_outside_loop(op, index):
    """TF's `ZerosLikeOutsideLoop`: for a cond's Switch, zeros built on the untaken
    branch (a Switch, its Identity as pivot, a Shape, then zeros under the pivot)."""
    from .array_ops import identity, zeros, zeros_like
    from .control_flow_ops import _switch, get_context

    val = op.outputs[index]
    ctx = get_context(op) if op.type in ("Switch", "RefSwitch") else None
    if ctx is None:
        return zeros_like(val, optimize=False)
    switch_val = _switch(op.inputs[0], ctx.pred)[1 - ctx.branch]
    pivot = identity(switch_val)
    if val.dtype.name == "resource":  # a variable's handle: zeros of the variable's shape
        return _zeros_for_handle(op.graph, switch_val, pivot)
    from .math_grad import _shape_op

    shape = _shape_op(switch_val)
    with op.graph.control_dependencies([pivot]):
        return zeros(shape, dtype=val.dtype)


def _zeros_for_handle(g, handle, pivot):
    """TF's resource case: `zeros(VariableShape(handle))` of the variable's dtype (its
    handle data; float32 where unknown) under the pivot."""
    from .array_ops import zeros
    from .gen import apply_op

    src = handle
    while src.op.type in ("Switch", "RefSwitch", "Identity", "Enter"):
        src = src.op.inputs[0]
    dtype, rank = _dtypes.float32, None
    if src.op.type == "VarHandleOp":
        dtype = src.op.get_attr("dtype")
        rank = TensorShape(src.op.get_attr("shape")).rank
    with g.control_dependencies([pivot]):
        shape = apply_op("VariableShape", None, [(handle, "input", None)],
                         dtype=_dtypes.int32, shape=[rank])
        return zeros(shape, dtype=dtype)


def _update_pending_and_enqueue_ready(grads, op, queue, pending, loop_state, captured):
    from .control_flow_state import is_loop_exit, is_loop_switch

    for x in _inputs(op, captured):
        pending[id(x.op)] -= 1
        ready = pending[id(x.op)] == 0
        if loop_state is not None and not ready:
            ready = pending[id(x.op)] > 0 and is_loop_switch(x.op)
        if not ready:
            continue
        if not is_loop_exit(x.op):
            queue.append(x.op)
            continue
        # A loop's exits wait for each other: the gradient loop starts once all are done.
        gs = loop_state.get_grad_state(x.op, before=False)
        gs.deferred_exits.append(x)
        gs.pending_exits_count -= 1
        if gs.pending_exits_count == 0:
            has_grad = False
            for y in gs.deferred_exits:
                if _has_any_not_none_grads(grads, y.op):
                    has_grad = True
                    queue.append(y.op)
                else:
                    gs.unused_exits.append(y)
            for y in gs.unused_exits:
                if has_grad and _is_trainable(y):
                    _set_grad(grads, y, loop_state.zeros_like_for_exit(y))
                queue.append(y.op)


def _has_any_not_none_grads(grads, op):
    for og in grads.get(id(op), []):
        if isinstance(og, (Tensor, IndexedSlices)):
            return True
        if og and isinstance(og, list) and any(x is not None for x in og):
            return True
    return False


def _aggregated_grads(g, grads, op, aggregation_method, loop_state=None):
    op_grads = grads.get(id(op))
    if op_grads is None:
        return [None] * len(op.outputs)
    for i, og in enumerate(op_grads):
        if isinstance(og, list):
            op_grads[i] = _aggregate(g, og, op, aggregation_method)
    return op_grads


def _aggregate(g, out_grad, op, aggregation_method):
    from .array_ops import concat
    from .math_ops import add_n

    if not out_grad:
        return None
    if len(out_grad) < 2:
        return out_grad[0]
    if all(isinstance(x, Tensor) for x in out_grad if x is not None):
        method = AggregationMethod.DEFAULT if aggregation_method is None else aggregation_method
        if method in (AggregationMethod.EXPERIMENTAL_TREE,
                      AggregationMethod.EXPERIMENTAL_ACCUMULATE_N):
            # (accumulate_n with fully defined shapes is not reproduced: tree sums.)
            with g.name_scope(op.name + "_gradient_sum"):
                running = out_grad[0]
                for x in out_grad[1:]:
                    running = add_n([running, x])
                return running
        return add_n(out_grad)
    # TF 1.15's `aggregate_indexed_slices_gradients`: with a dense gradient among them
    # the slices become dense inside AddN's scope; all sparse, they are concatenated.
    grads = [x for x in out_grad if x is not None]
    if any(isinstance(x, Tensor) for x in grads):
        return _add_n_densified(g, grads)
    return IndexedSlices(concat([x.values for x in grads], 0),
                         concat([x.indices for x in grads], 0), grads[0].dense_shape)


def _add_n_densified(g, grads):
    from .array_grad import convert_slices_to_dense

    with g.name_scope("AddN") as scope:
        ins = [convert_slices_to_dense(x, name=f"inputs_{i}") if isinstance(x, IndexedSlices)
               else x for i, x in enumerate(grads)]
        dense = next(x for x in grads if isinstance(x, Tensor))
        return g._create_op("AddN", ins, scope, dtype=dense.dtype, shape=dense.shape,
                            attrs={"N": len(ins)}).outputs[0]


def hessians(ys, xs, name="hessians", colocate_gradients_with_ops=False, gate_gradients=False,
             aggregation_method=None):
    raise NotImplementedError("tf.hessians is not reproduced")
