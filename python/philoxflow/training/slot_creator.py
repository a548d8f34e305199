"""Slot variables (`slot_creator.py`): `<var>/<Optimizer>` (then `_1`, ...) variables
made by `get_variable` in a fresh variable scope named after the primary."""

from __future__ import annotations

from ..ops.init_ops import zeros_initializer
from ..ops.variable_scope import get_variable, variable_scope


def _is_resource(primary):
    """TF: a resource variable's slots are resource variables, a ref variable's refs."""
    return bool(getattr(primary, "_is_resource", False))


def _primary_name(primary):
    return primary.op.name


def create_slot(primary, val, name, colocate_with_primary=True):
    """A slot initialised from the tensor `val` (its shape and dtype)."""
    with variable_scope(None, _primary_name(primary) + "/" + name):
        return get_variable("", initializer=val, trainable=False,
                            use_resource=_is_resource(primary),
                            validate_shape=val.shape.is_fully_defined())


def create_slot_with_initializer(primary, initializer, shape, dtype, name,
                                 colocate_with_primary=True):
    with variable_scope(None, _primary_name(primary) + "/" + name):
        return get_variable("", shape=shape, dtype=dtype, initializer=initializer,
                            trainable=False, use_resource=_is_resource(primary),
                            validate_shape=shape.is_fully_defined())


def create_zeros_slot(primary, name, dtype=None, colocate_with_primary=True):
    """A zero slot shaped like `primary` (TF builds the zeros in `Initializer/`)."""
    dtype = dtype or primary.dtype.base_dtype
    shape = primary.shape
    if shape.is_fully_defined():
        return create_slot_with_initializer(primary, zeros_initializer(), shape, dtype, name,
                                            colocate_with_primary)
    raise NotImplementedError("slots of variables with unknown shapes")
