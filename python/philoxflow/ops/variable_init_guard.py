"""TF 1.x's guard for variables initialised from other variables (RefVariable's
`_try_guard_against_uninitialized_dependencies`): the initial value's graph is
walked, every read of a variable replaced by its `initialized_value()` (a cond on
IsVariableInitialized), and each op above a replacement copied as
`<op>_<variable scope>` (RefSwitch becoming Switch), as TF 1.15 builds them."""

from __future__ import annotations

_PASS = ("IsVariableInitialized", "VarIsInitializedOp", "ReadVariableOp", "If")
_VARIABLES = ("Variable", "VariableV2", "VarHandleOp")


def initialized_value(var):
    """`Variable.initialized_value()`: its value once initialised, else its initial value."""
    from ..framework import dtypes as _dtypes
    from ..framework.ops import get_default_graph
    from .array_ops import identity
    from .control_flow_ops import cond
    from .gen import apply_op
    from .variables import _InitScope

    with _InitScope(get_default_graph()):
        ready = apply_op("IsVariableInitialized", None, [(var._ref_tensor(), "ref", None)],
                         dtype=_dtypes.bool, shape=[], attrs={"dtype": var.dtype})
        return cond(ready, lambda: identity(var._ref_tensor(), name="read"),
                    lambda: var.initial_value)


def _has_cycle(op, state):
    s = state.get(op.name)
    if s == "visiting":
        return True
    if s == "visited":
        return False
    state[op.name] = "visiting"
    for t in op._inputs + list(op._control_inputs):
        if _has_cycle(t.op if hasattr(t, "op") else t, state):
            return True
    state[op.name] = "visited"
    return False


def guard(name, initial_value):
    """The initial value to assign for the variable of name scope `name` (`"v/"`)."""
    try:
        if _has_cycle(initial_value.op, {}):
            return initial_value
        return _from_tensor(name, initial_value, {})
    except RecursionError:  # (an initial value too deep to walk: left as it is)
        return initial_value


def _from_tensor(name, t, cache):
    new_op = cache.get(t.op.name)
    if new_op is None:
        new_op = cache[t.op.name] = _from_op(name, t.op, cache)
    return new_op.outputs[t.value_index]


def _find_initialized_value(op):
    g = op.graph
    names = (op.name, op.name + ":0")
    for coll in ("variables", "local_variables"):
        for v in g.get_collection(coll):
            if getattr(v, "name", None) in names and hasattr(v, "_ref_tensor"):
                return initialized_value(v)
    return None


def _from_op(name, op, cache):
    if op.type in _PASS:
        return op
    if op.type in _VARIABLES:
        value = _find_initialized_value(op)
        return op if value is None else value.op
    new_inputs, modified = [], False
    for t in op._inputs:
        n = _from_tensor(name, t, cache)
        new_inputs.append(n)
        modified = modified or n is not t
    if not modified:
        return op
    op_type = "Switch" if op.type == "RefSwitch" else op.type
    new_name = (op.name + "_" + name).replace(":", "_")
    if not new_name.endswith("/"):
        new_name += "/"
    return op.graph._create_op(op_type, new_inputs, new_name,
                               outputs=[(o.dtype, o.shape) for o in op.outputs],
                               attrs=dict(op._attrs))
