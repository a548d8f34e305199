"""State ops on TF 1.x RefVariables (`state_ops.py`): generated wrappers whose first
input is the variable's ref (no `read`), named after the op or `name`."""

from __future__ import annotations

from ..ops.gen import apply_op
from ..ops.state_ops import (  # noqa: F401 - the optimizers' state ops are tf.assign's
    assign,
    assign_add,
    assign_sub,
    scatter_add,
    scatter_sub,
    scatter_update,
)


def ref(v):
    """The ref tensor of a variable (TF's `as_ref=True` conversion)."""
    return v._ref_tensor() if hasattr(v, "_ref_tensor") else v


def apply(op_type, var, args, use_locking=False, attrs=None, name=None):
    """A training op (`training_ops.apply_*`), as an Operation: refs first, then tensors
    by arg name.
    A resource variable takes `Resource<op_type>` (`_resource_apply_*`): handles for
    its resource inputs, values for the rest; the op has no output."""
    if getattr(var, "_is_resource", False):
        return _resource_apply("Resource" + op_type, var, args, use_locking, attrs, name)
    r = ref(var)
    inputs = [(r, "var", None)]
    for a, n in args:
        inputs.append((ref(a) if hasattr(a, "_ref_tensor") else a, n, None))
    all_attrs = {"use_locking": bool(use_locking)}
    all_attrs.update(attrs or {})
    return apply_op(op_type, name, inputs, dtype=r.dtype, shape=r.shape, attrs=all_attrs).op



def _resource_apply(op_type, var, args, use_locking, attrs, name):
    from ..framework.op_def_library import op_def

    handles = {a["name"] for a in op_def(op_type)["inputs"] if a.get("type") == "resource"}
    inputs = [(var.handle, "var", None)]
    for a, n in args:
        inputs.append((a.handle if n in handles else a, n, None))
    all_attrs = {"T": var.dtype, "use_locking": bool(use_locking)}
    all_attrs.update(attrs or {})
    return apply_op(op_type, name, inputs, dtype=var.dtype, attrs=all_attrs, outputs=[])
