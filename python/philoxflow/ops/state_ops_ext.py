"""TF 1.15's `state_ops.py` on reference variables: `tf.assign`, `assign_add`,
`assign_sub`, `scatter_*`, `count_up_to`. Each is TF's generated op on the variable's
ref (`VariableV2` output, no read) and the value converted in the op's scope."""

from __future__ import annotations

from ..framework import dtypes as _dtypes
from .gen import apply_op


def _ref(ref):
    get = getattr(ref, "_ref_tensor", None)
    return get() if get is not None else None


def _state_op(op_type, ref, inputs, name, attrs):
    r = _ref(ref)
    if r is None:
        raise NotImplementedError(f"philoxflow builds {op_type} on reference variables only")
    # Values and updates take the variable's dtype; indices keep theirs.
    return apply_op(op_type, name, [(r, "ref", None)] + [
        (v, n, d if n == "indices" else (d or r.dtype)) for v, n, d in inputs],
                    dtype=r.dtype, shape=r.shape, attrs=attrs)


def assign(ref, value, validate_shape=None, use_locking=None, name=None):
    r = _ref(ref)
    if r is None:
        return ref.assign(value, name=name)
    return _state_op("Assign", ref, [(value, "value", None)], name,
                     {"use_locking": True if use_locking is None else use_locking,
                      "validate_shape": True if validate_shape is None else validate_shape})


def assign_add(ref, value, use_locking=None, name=None):
    return _state_op("AssignAdd", ref, [(value, "value", None)], name,
                     {"use_locking": bool(use_locking)})


def assign_sub(ref, value, use_locking=None, name=None):
    return _state_op("AssignSub", ref, [(value, "value", None)], name,
                     {"use_locking": bool(use_locking)})


def _scatter(op_type, locking):
    def scatter(ref, indices, updates, use_locking=locking, name=None):
        return _state_op(op_type, ref, [(indices, "indices", _dtypes.int32
                                         if not hasattr(indices, "dtype") else None),
                                        (updates, "updates", None)], name,
                         {"use_locking": use_locking})

    scatter.__name__ = scatter.__qualname__ = op_type
    scatter.__doc__ = f"`tf.{op_type}` on a reference variable."
    return scatter


scatter_update = _scatter("ScatterUpdate", True)
scatter_add = _scatter("ScatterAdd", False)
scatter_sub = _scatter("ScatterSub", False)
scatter_mul = _scatter("ScatterMul", False)
scatter_div = _scatter("ScatterDiv", False)
scatter_max = _scatter("ScatterMax", False)
scatter_min = _scatter("ScatterMin", False)
scatter_nd_update = _scatter("ScatterNdUpdate", True)
scatter_nd_add = _scatter("ScatterNdAdd", False)
scatter_nd_sub = _scatter("ScatterNdSub", False)
for _f in (scatter_update, scatter_add, scatter_sub, scatter_mul, scatter_div, scatter_max,
           scatter_min, scatter_nd_update, scatter_nd_add, scatter_nd_sub):
    _f.__module__ = __name__
del _f


