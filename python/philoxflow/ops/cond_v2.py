"""`tf.cond` as TF 2.x builds it in a graph (control flow v2, its `cond_v2.py`): each
branch traced into a function graph of its own, one `If` (a branch has a stateful
op) or `StatelessIf` op in the outer graph, then an `Identity` of each output.

Nothing of the branches lands in the outer graph: their ops, captures and names
live in the function graphs, so `cond/Identity` follows `cond` directly. Outer
tensors a branch reads become that branch's placeholders; the If's inputs are the
predicate and the captures of both branches (true's first), each branch given a
placeholder for every one (TF's `_make_inputs_match`). A branch returning an
Operation returns `identity(pred)` under a control dependency on it
(`func_graph_from_py_func(op_return_value=pred)`), which is why `tf.Assert`'s
`AssertGuard` has one bool output. Singleton lists are not unpacked (`strict` has no
effect in cond_v2).
"""

from __future__ import annotations

from ..data import nest
from ..data.function import _FuncGraph
from ..framework import py_kernels
from ..framework.constant_op import convert_to_tensor
from ..framework.op_def_library import op_def
from ..framework.ops import Operation, _contiguous, get_default_graph
from ..framework.tensor_shape import TensorShape


def enabled(graph) -> bool:
    """Whether `tf.cond` builds cond_v2 in `graph` (TF 2.x's default, even in compat.v1
    graphs; `framework_extras` refuses to switch it)."""
    return graph._target.v2_gradients_and_control_flow


class _Branch:
    """A traced branch: its function graph, one placeholder per If input, outputs."""

    def __init__(self, fn, pred, outer):
        from .array_ops import identity

        self.graph = g = _FuncGraph(outer)
        with g.as_default():
            ret = fn()
            if isinstance(ret, list):
                self.structure = list(ret)
            else:
                self.structure = ret
            flat = []
            for v in nest.flatten(ret):
                if v is None:
                    flat.append(None)
                    continue
                if isinstance(v, Operation):
                    with g.control_dependencies([v]):
                        v = identity(pred)
                else:
                    v = g.capture(convert_to_tensor(v))
                flat.append(v)
        self.outputs = flat
        self.captured = [t for t, _ in g.captured_outer()]
        self._ph = {id(t): ph for t, ph in g.captured_outer()}
        self.capture_args: list = []
        self.args: list = []

    def match_inputs(self, inputs):
        """Placeholders for all of the If's inputs, in order (dummies for the other
        branch's captures)."""
        from .array_ops import placeholder

        args = []
        with self.graph.as_default():
            for t in inputs:
                ph = self._ph.get(id(t))
                if ph is None:
                    ph = placeholder(t.dtype, t.shape)
                args.append(ph)
        self.capture_args = args

    def stateful(self) -> bool:
        for op in self.graph.get_operations():
            try:
                if op_def(op.type).get("stateful"):
                    return True
            except (KeyError, ValueError):
                continue
        return False

    def instantiate(self, _captured):
        """A callable running the branch on the If's inputs in a session of its own that
        shares the outer session's resource variables."""
        from ..client.session import Session

        sess = Session(graph=self.graph)
        phs = [(t.op._id, t.dtype._name) for t in self.capture_args]
        fetches = [(t.op._id, t.value_index) for t in self.outputs]

        def call(values, state=None):
            if state is not None:
                sess.__dict__.setdefault("_py_state", {})["resource_variables"] = \
                    state.setdefault("resource_variables", {})
            feeds = [(i, v if not hasattr(v, "dtype") else _contiguous(v), d)
                     for (i, d), v in zip(phs, values)]
            return py_kernels.run_outputs(sess, fetches, [], feeds)

        call.shares_resources = True
        return call


def _most_specific_compatible(a: TensorShape, b: TensorShape) -> TensorShape:
    if a.rank is None or b.rank is None or a.rank != b.rank:
        return TensorShape(None)
    return TensorShape([x if x == y else None for x, y in zip(a.as_list(), b.as_list())])


def cond_v2(pred, true_fn, false_fn, name="cond"):
    """TF 2.x's `cond_v2.cond_v2` in a graph."""
    from .array_ops import identity, squeeze

    if isinstance(pred, bool):
        raise TypeError("pred must not be a Python bool", pred)
    if true_fn is None:
        raise TypeError("cond(): 'true_fn' argument required")
    if false_fn is None:
        raise TypeError("cond(): 'false_fn' argument required")
    if not callable(true_fn):
        raise TypeError("'true_fn' must be callable.")
    if not callable(false_fn):
        raise TypeError("'false_fn' must be callable.")
    name = name or "cond"
    g = get_default_graph()
    with g.name_scope(name) as scope:
        pred = convert_to_tensor(pred)
        if pred.shape.rank is None or pred.shape.rank:
            pred = squeeze(pred)
        branches = [_Branch(fn, pred, g) for fn in (true_fn, false_fn)]
        t, f = branches
        if len(t.outputs) != len(f.outputs):
            raise ValueError(
                "true_fn and false_fn arguments to tf.cond must have the same number, type, "
                "and overall structure of return values.")
        for a, b in zip(t.outputs, f.outputs):
            if (a is None) != (b is None) or (a is not None and a.dtype != b.dtype):
                raise TypeError(
                    "true_fn and false_fn arguments to tf.cond must have the same number, "
                    "type, and overall structure of return values.")
        inputs: list = []
        for b in branches:
            for x in b.captured:
                if all(x is not u for u in inputs):
                    inputs.append(x)
        for b in branches:
            b.match_inputs(inputs)
        outs = [(a.dtype, _most_specific_compatible(a.shape, b.shape))
                for a, b in zip(t.outputs, f.outputs) if a is not None]
        op_type = "If" if t.stateful() or f.stateful() else "StatelessIf"
        op = g._create_op(op_type, [pred] + inputs, scope, outputs=outs,
                          attrs={"then_branch": t, "else_branch": f, "Tcond": pred.dtype,
                                 "Tin": [x.dtype for x in inputs],
                                 "Tout": [d for d, _ in outs],
                                 "output_shapes": [s for _, s in outs]})
        tensors = iter([identity(x) for x in op.outputs])
        flat = [None if a is None else next(tensors) for a in t.outputs]
    return nest.pack_sequence_as(t.structure, flat)



# ----------------------------------------------------------------- gradient

class _GradBranch:
    """The gradient of a branch, built inside the branch's own graph (so the forward
    intermediates it reads are recomputed in the same run): placeholders for the
    incoming gradients, the branch's input placeholders, the gradients as outputs."""

    def __init__(self, fwd, grad_phs, outputs, first_new_op):
        self.fwd, self.grad_phs, self.outputs = fwd, grad_phs, outputs
        self.graph = fwd.graph
        self.capture_args = grad_phs + fwd.capture_args
        self.args: list = []
        self._first = first_new_op

    def stateful(self) -> bool:
        for op in self.graph.get_operations()[self._first:]:
            try:
                if op_def(op.type).get("stateful"):
                    return True
            except (KeyError, ValueError):
                continue
        return False

    instantiate = _Branch.instantiate


def _branch_grads(branch, grads):
    """Gradients of `branch`'s outputs (given `grads`) w.r.t. its input placeholders."""
    from .array_ops import placeholder
    from .gradients_impl import gradients

    g = branch.graph
    n0 = len(g.get_operations())
    with g.as_default():
        phs, ys, gys = [], [], []
        for out, gr in zip(branch.outputs, grads):
            if gr is None or out is None:
                phs.append(None)
                continue
            ph = placeholder(gr.dtype, gr.shape)
            phs.append(ph)
            ys.append(out)
            gys.append(ph)
        xs = branch.capture_args
        dx = gradients(ys, xs, grad_ys=gys) if ys else [None] * len(xs)
    return [p for p in phs if p is not None], dx, n0


def _if_grad(op, *grads):
    """TF 2.x's `_IfGrad`: an If/StatelessIf over the branches' gradient graphs (in the
    `<cond>_grad` scope), an Identity of each gradient. (TF also rewrites the forward
    If to output the intermediates the gradient reads; here the gradient branches
    recompute them.)"""
    from .array_grad import _dense
    from .array_ops import identity, zeros

    t, f = op._attrs["then_branch"], op._attrs["else_branch"]
    t_phs, t_dx, t_n0 = _branch_grads(t, grads)
    f_phs, f_dx, f_n0 = _branch_grads(f, grads)
    t_out, f_out, outs = [], [], []
    for a, b in zip(t_dx, f_dx):
        if a is None and b is None:
            outs.append(None)
            continue
        pair = []
        for br, d, other in ((t, a, b), (f, b, a)):
            with br.graph.as_default():
                if d is None:
                    if not other.shape.is_fully_defined():
                        raise NotImplementedError("cond_v2 gradient zeros of unknown shape")
                    d = zeros(other.shape, dtype=other.dtype)
                pair.append(_dense(d))
        t_out.append(pair[0])
        f_out.append(pair[1])
        outs.append((pair[0].dtype, _most_specific_compatible(pair[0].shape, pair[1].shape)))
    tg = _GradBranch(t, t_phs, t_out, t_n0)
    fg = _GradBranch(f, f_phs, f_out, f_n0)
    g = get_default_graph()
    given = [gr for gr in grads if gr is not None]
    inputs = [op.inputs[0]] + [_dense(x) for x in given] + list(op.inputs[1:])
    real = [o for o in outs if o is not None]
    op_type = "If" if tg.stateful() or fg.stateful() else "StatelessIf"
    grad_op = g._create_op(op_type, inputs, op_type, outputs=real,
                           attrs={"then_branch": tg, "else_branch": fg,
                                  "Tcond": op.inputs[0].dtype,
                                  "Tin": [x.dtype for x in inputs[1:]],
                                  "Tout": [d for d, _ in real],
                                  "output_shapes": [s for _, s in real]})
    it = iter([identity(x) for x in grad_op.outputs])
    return [None] + [None if o is None else next(it) for o in outs]


def _register_gradient():
    from .gradients_impl import RegisterGradientV2

    RegisterGradientV2("If")(_if_grad)
    RegisterGradientV2("StatelessIf")(_if_grad)


_register_gradient()
