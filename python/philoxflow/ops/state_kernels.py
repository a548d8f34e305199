"""Python kernels of variable-state ops. `IsVariableInitialized` asks the Rust session
whether the variable holds a value (reading it fails with FailedPreconditionError
exactly when it does not), so `tf.is_variable_initialized`,
`tf.report_uninitialized_variables` and `initialized_value()`'s guard run.
`AssignAdd`/`AssignSub` compute the new value (one add per element, as TF)
and write it by running the variable's own initializer `Assign` with its value fed (the
Rust session's only way in)."""

from __future__ import annotations

import numpy as np

from .. import errors
from ..framework.py_kernels import LAZY_INPUTS, PY_KERNELS, kernel


def _unless_registered(op_type):
    """Register unless another module (the queue kernels) already runs `op_type`."""
    return (lambda f: f) if op_type in PY_KERNELS else kernel(op_type)


@_unless_registered("IsVariableInitialized")
def _is_variable_initialized(ctx, op, ins):
    var = op._inputs[0]._op
    try:
        ctx.session._c.run([var._id], [], [])
    except errors.FailedPreconditionError:
        return [np.asarray(False)]
    return [np.asarray(True)]


LAZY_INPUTS.add("IsVariableInitialized")


def _initializer_assign(var):
    """The variable's own `Assign` (its initializer), kept per graph: running it with its
    value input fed is how a Python kernel writes the variable in the Rust session."""
    cache = var.graph.__dict__.setdefault("_var_assign", {})
    hit = cache.get(var._id)
    if hit is None or hit[1] != len(var.graph._ops):
        found = next((o for o in var.graph._ops if o._type == "Assign"
                      and o._inputs[0]._op is var), None)
        cache[var._id] = hit = (found, len(var.graph._ops))
    return hit[0]


def _write(ctx, op, var, value):
    assign = _initializer_assign(var)
    dt = var._outputs[0]._dtype.base_dtype
    if assign is None or dt.name not in ("float16", "bfloat16", "float32", "float64",
                                         "int32", "int64", "bool"):
        raise errors.UnimplementedError(
            None, op, f"philoxflow cannot update variable '{var._name}' from a Python kernel "
                      f"(op '{op._name}')")
    src = assign._inputs[1]._op
    value = np.array(value, dtype=dt.as_numpy_dtype, order="C")  # (0-d stays 0-d)
    ctx.session._c.run([], [(src._id, value, dt.name)], [assign._id])
    return value


@kernel("AssignAdd", "AssignSub")
def _assign_update(ctx, op, ins):
    """`tf.assign_add`/`assign_sub` on a reference variable: one IEEE add or subtract
    per element (TF's values), written back through the variable's Assign."""
    cur, delta = np.asarray(ins[0]), np.asarray(ins[1])
    if cur.size != delta.size:
        raise errors.InvalidArgumentError(None, op,
                                          "Parameters and update must be the same size")
    delta = delta.reshape(cur.shape).astype(cur.dtype)
    new = cur + delta if op._type == "AssignAdd" else cur - delta
    return [_write(ctx, op, op._inputs[0]._op, new)]
