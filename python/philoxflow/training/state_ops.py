"""State ops on TF 1.x RefVariables (`state_ops.py`): generated wrappers whose first
input is the variable's ref (no `read`), named after the op or `name`."""

from __future__ import annotations

from ..ops.gen import apply_op


def ref(v):
    """The ref tensor of a variable (TF's `as_ref=True` conversion)."""
    return v._ref_tensor() if hasattr(v, "_ref_tensor") else v


def _state_op(op_type, var, value, name, use_locking=False, arg="value", extra=None):
    r = ref(var)
    attrs = {"use_locking": bool(use_locking)}
    attrs.update(extra or {})
    return apply_op(op_type, name, [(r, "ref", None), (value, arg, r.dtype.base_dtype)],
                    dtype=r.dtype, shape=r.shape, attrs=attrs)


def assign(var, value, use_locking=None, name=None, validate_shape=None):
    return _state_op("Assign", var, value, name, use_locking,
                     extra={"validate_shape": True if validate_shape is None else validate_shape})


def assign_add(var, value, use_locking=None, name=None):
    return _state_op("AssignAdd", var, value, name, use_locking)


def assign_sub(var, value, use_locking=None, name=None):
    return _state_op("AssignSub", var, value, name, use_locking)


def _scatter(op_type, var, indices, updates, use_locking, name):
    r = ref(var)
    return apply_op(op_type, name, [(r, "ref", None), (indices, "indices", None),
                                    (updates, "updates", r.dtype.base_dtype)],
                    dtype=r.dtype, shape=r.shape, attrs={"use_locking": bool(use_locking)})


def scatter_add(var, indices, updates, use_locking=False, name=None):
    return _scatter("ScatterAdd", var, indices, updates, use_locking, name)


def scatter_sub(var, indices, updates, use_locking=False, name=None):
    return _scatter("ScatterSub", var, indices, updates, use_locking, name)


def scatter_update(var, indices, updates, use_locking=True, name=None):
    return _scatter("ScatterUpdate", var, indices, updates, use_locking, name)


def apply(op_type, var, args, use_locking=False, attrs=None, name=None):
    """A training op (`training_ops.apply_*`): refs first, then tensors by arg name."""
    r = ref(var)
    inputs = [(r, "var", None)]
    for a, n in args:
        inputs.append((ref(a) if hasattr(a, "_ref_tensor") else a, n, None))
    all_attrs = {"use_locking": bool(use_locking)}
    all_attrs.update(attrs or {})
    return apply_op(op_type, name, inputs, dtype=r.dtype, shape=r.shape, attrs=all_attrs)

