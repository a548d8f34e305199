"""State ops (`state_ops.py`): assignments to a variable's ref and its checks.

Each is TF's generated wrapper (`gen_state_ops`): a name scope named after the op,
inside which a Python operand becomes a Const (`Assign/value`), then the op.
"""

from __future__ import annotations

from ..framework import dtypes as _dtypes
from ..framework.tensor_shape import TensorShape
from .gen import apply_op


def _ref(v):
    """The ref tensor of a Variable (TF converts with `as_ref=True`)."""
    return v._ref_tensor() if hasattr(v, "_ref_tensor") else v


def _assign_shape(ref, value, validate_shape, op_name):
    if not validate_shape:
        return value.shape
    if not ref.shape.is_compatible_with(value.shape):
        raise ValueError(
            f"Dimension 0 in both shapes must be equal for '{op_name}' (op: 'Assign') with "
            f"input shapes: {ref.shape}, {value.shape}." if ref.shape.rank == value.shape.rank
            else f"Shapes must be equal rank, but are {ref.shape.rank} and {value.shape.rank}"
            f" for '{op_name}' (op: 'Assign') with input shapes: {ref.shape}, {value.shape}.")
    return ref.shape.merge_with(value.shape)


def _update(op_type, ref, value, use_locking, name, attrs=None, validate_shape=True):
    ref = _ref(ref)
    from ..framework.constant_op import convert_to_tensor

    g = ref.graph
    with g.as_default(), g.name_scope(name or op_type) as scope:
        value = convert_to_tensor(value, dtype=ref.dtype, name="value")
        shape = (_assign_shape(ref, value, validate_shape, scope[:-1])
                 if op_type == "Assign" else ref.shape)
        # TF's generated defaults: Assign locks, AssignAdd/AssignSub do not.
        a = {"T": ref.dtype, "use_locking": bool(use_locking) if use_locking is not None
             else op_type == "Assign"}
        a.update(attrs or {})
        return g._create_op(op_type, (ref, value), scope, dtype=ref.dtype, shape=shape,
                            attrs=a).outputs[0]


def _resource(ref):
    """A resource variable: TF's state ops call its own methods."""
    return getattr(ref, "_is_resource", False)


def assign(ref, value, validate_shape=None, use_locking=None, name=None):
    """`tf.assign`: an `Assign` op whose output is the ref after the assignment."""
    if _resource(ref):
        return ref.assign(value, name=name)
    vs = True if validate_shape is None else bool(validate_shape)
    return _update("Assign", ref, value, use_locking, name,
                   attrs={"validate_shape": vs}, validate_shape=vs)


def assign_add(ref, value, use_locking=None, name=None):
    if _resource(ref):
        return ref.assign_add(value)
    return _update("AssignAdd", ref, value, use_locking, name)


def assign_sub(ref, value, use_locking=None, name=None):
    if _resource(ref):
        return ref.assign_sub(value)
    return _update("AssignSub", ref, value, use_locking, name)


def count_up_to(ref, limit, name=None):
    """`tf.count_up_to`: a scalar of the variable's base dtype (kernel in queue_kernels)."""
    ref = _ref(ref)
    base = ref.dtype.base_dtype
    return apply_op("CountUpTo", name, [(ref, "ref", None)], dtype=base, shape=[],
                    attrs={"limit": int(limit), "T": base})


def is_variable_initialized(ref, name=None):
    """`tf.is_variable_initialized`: a scalar bool `IsVariableInitialized`."""
    if _resource(ref):
        return ref.is_initialized(name=name)
    ref = _ref(ref)
    return apply_op("IsVariableInitialized", name, [(ref, "ref", None)], dtype=_dtypes.bool,
                    shape=TensorShape([]), attrs={"dtype": ref.dtype})


def _variable_op(op_type, shape, dtype, container, shared_name, name):
    from ..framework.ops import get_default_graph

    g = get_default_graph()
    dtype = _dtypes.as_dtype(dtype)
    return g._create_op(op_type, (), name or op_type, dtype=dtype, shape=TensorShape(shape),
                        attrs={"dtype": dtype, "shape": TensorShape(shape),
                               "container": _bytes(container),
                               "shared_name": _bytes(shared_name)}).outputs[0]


def _bytes(s):
    return s if isinstance(s, bytes) else str(s).encode()


def variable(shape, dtype, container="", shared_name="", name=None):
    """`gen_state_ops.variable`: the legacy `Variable` op alone (build only)."""
    return _variable_op("Variable", shape, dtype, container, shared_name, name)


def variable_v2(shape, dtype, container="", shared_name="", name=None):
    """`gen_state_ops.variable_v2`: a bare `VariableV2` op."""
    return _variable_op("VariableV2", shape, dtype, container, shared_name, name)


def _scatter(op_type, ref, indices, updates, use_locking, name):
    if _resource(ref):  # TF: the resource op, read back after it
        from .resource_variable_ops import resource_scatter

        return ref._lazy_read(resource_scatter("Resource" + op_type, ref, indices, updates,
                                               name=name))
    ref = _ref(ref)
    return apply_op(op_type, name, [(ref, "ref", None), (indices, "indices", None),
                                    (updates, "updates", ref.dtype)],
                    dtype=ref.dtype, shape=ref.shape,
                    attrs={"use_locking": True if use_locking is None else use_locking})


def scatter_update(ref, indices, updates, use_locking=True, name=None):
    return _scatter("ScatterUpdate", ref, indices, updates, use_locking, name)


def scatter_add(ref, indices, updates, use_locking=False, name=None):
    return _scatter("ScatterAdd", ref, indices, updates, use_locking, name)


def scatter_sub(ref, indices, updates, use_locking=False, name=None):
    return _scatter("ScatterSub", ref, indices, updates, use_locking, name)
