"""`tf.while_loop` as TF 2.x builds it in a graph (control flow v2, its `while_v2.py`):
the condition and body traced into function graphs of their own, one `While` (a
stateful op in either) or `StatelessWhile` op, then an `Identity` of each output.

The loop's inputs are, in TF's order: `loop_counter` (a Const 0), the
`maximum_iterations` tensor (a Const -1 when there is none), the flattened loop
variables (TensorArrays by their flows), then the outer tensors the body reads
(the condition's first: the body captures them too). The condition becomes
`logical_and(loop_counter < maximum_iterations, pred)` when a maximum is given.
The While kernel (`list_kernels.py`, registered by the root package) runs the traced
graphs, a session each.
"""

from __future__ import annotations

from ..data.function import _FuncGraph
from ..framework import dtypes as _dtypes
from ..framework.constant_op import constant, convert_to_tensor
from ..framework.op_def_library import op_def
from ..framework.ops import Tensor, get_default_graph
from ..framework.tensor_shape import TensorShape
from .tensor_array_ops import TensorArray
from .while_loop import _flatten, _pack_as


def _stateful(graph) -> bool:
    for op in graph.get_operations():
        try:
            if op_def(op.type).get("stateful"):
                return True
        except (KeyError, ValueError):
            continue
    return False


def _to_flow(x):
    return x.flow if isinstance(x, TensorArray) else x


def _pack(flat_orig, flat):
    """Loop values as the caller passed them: arrays rebuilt on the new flows."""
    return [o._with_flow(t) if isinstance(o, TensorArray) else t
            for o, t in zip(flat_orig, flat)]


def _trace(graph, fn, signature, names):
    from .array_ops import placeholder

    with graph.as_default():
        args = [placeholder(dt, shape, name=n) for (dt, shape), n in zip(signature, names)]
        return args, fn(*args)


def while_loop(cond, body, loop_vars, shape_invariants=None, parallel_iterations=10,
               maximum_iterations=None, name=None, return_same_structure=True,
               back_prop=True):
    """TF 2.x's `while_v2.while_loop` in a graph."""
    from .array_ops import identity, squeeze, stop_gradient
    from .math_ops_ext import logical_and

    g = get_default_graph()
    orig_loop_vars = loop_vars
    flat_orig = _flatten(orig_loop_vars)
    flat_vars = [_to_flow(v) for v in flat_orig]
    flat_vars = [v if isinstance(v, Tensor) else convert_to_tensor(v) for v in flat_vars]
    if shape_invariants is not None:
        shapes = [TensorShape(s) for s in _flatten(shape_invariants)]
    else:
        shapes = [v.shape for v in flat_vars]
    n_vars = len(flat_vars)
    name = name or "while"
    with g.name_scope(name) as scope:
        mi = convert_to_tensor(-1 if maximum_iterations is None else maximum_iterations,
                               dtype=_dtypes.int32, name="maximum_iterations")
        counter = constant(0, dtype=mi.dtype if maximum_iterations is not None else None,
                           name="loop_counter")
        signature = [(counter.dtype, counter.shape), (mi.dtype, mi.shape)] + [
            (v.dtype, s) for v, s in zip(flat_vars, shapes)]
        names = ["loop_counter", "maximum_iterations"] + ["Placeholder"] * n_vars

        def wrapped_cond(i, m, *args):
            pred = cond(*_pack_as(orig_loop_vars, _pack(flat_orig, args)))
            pred = convert_to_tensor(pred)
            if pred.shape.rank is None or pred.shape.rank:
                pred = squeeze(pred)
            if maximum_iterations is None:
                return pred
            return logical_and(i < m, pred)

        cond_g = _FuncGraph(g)
        cond_g._loop_args, pred = _trace(cond_g, wrapped_cond, signature, names)
        cond_g._loop_out = [cond_g.capture(pred)]

        def wrapped_body(i, m, *args):
            for t, _ in cond_g.captured_outer():
                body_g.capture(t)
            outputs = body(*_pack_as(orig_loop_vars, _pack(flat_orig, args)))
            if not isinstance(outputs, (list, tuple)):
                outputs = [outputs]
            outputs = [_to_flow(o) for o in _flatten(outputs)]
            if len(outputs) != n_vars:
                raise ValueError("The two structures don't have the same nested structure.")
            return [i + 1, m] + [body_g.capture(convert_to_tensor(o)) for o in outputs]

        body_g = _FuncGraph(g)
        body_g._loop_args, body_g._loop_out = _trace(body_g, wrapped_body, signature, names)
        captures = body_g.captured_outer()
        inputs = [counter, mi] + flat_vars + [t for t, _ in captures]
        out_shapes = [TensorShape([]), mi.shape] + shapes + [t.shape for t, _ in captures]
        op_type = "While" if _stateful(cond_g) or _stateful(body_g) else "StatelessWhile"
        op = g._create_op(op_type, inputs, scope,
                          outputs=[(t.dtype, s) for t, s in zip(inputs, out_shapes)],
                          attrs={"T": [t.dtype for t in inputs], "cond": cond_g,
                                 "body": body_g, "output_shapes": out_shapes,
                                 "parallel_iterations": parallel_iterations})
        outputs = list(op.outputs)
        if not getattr(g, "_is_func_graph", False):
            outputs = [identity(t) for t in outputs]
    loop_out = outputs[2:2 + n_vars]
    if not back_prop:
        loop_out = [stop_gradient(t) for t in loop_out]
    packed = _pack_as(orig_loop_vars, _pack(flat_orig, loop_out))
    if return_same_structure:
        return packed
    flat = _flatten(packed)
    return flat[0] if len(flat) == 1 else packed
