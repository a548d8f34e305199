"""Readiness reports and resource initialization (`variables.report_uninitialized_variables`,
`ops/resources.py`), built as TF 1.15 builds them (on `/cpu:0`)."""

from __future__ import annotations

from ..framework import dtypes as _dtypes
from ..framework.constant_op import constant
from ..framework.ops import GraphKeys, device, get_collection, name_scope


def shared_resources():
    return get_collection(GraphKeys.RESOURCES)


def local_resources():
    return get_collection(GraphKeys.LOCAL_RESOURCES)


def report_uninitialized_variables(var_list=None, name="report_uninitialized_variables"):
    """TF's `variables.report_uninitialized_variables`, reached from here as TF's
    monitored sessions reach it."""
    from .variables import report_uninitialized_variables as report

    return report(var_list, name)


def report_uninitialized_resources(resource_list=None, name="report_uninitialized_resources"):
    """The uninitialized resources' names (TF 1.x graphs here have none)."""
    if resource_list is None:
        resource_list = shared_resources() + local_resources()
    with name_scope(name):
        with device("/cpu:0"):
            if not resource_list:
                return constant([], dtype=_dtypes.string)
            raise NotImplementedError("resources in GraphKeys.RESOURCES are not built yet")


def initialize_resources(resource_list, name="init"):
    from .control_flow_ops import group, no_op

    if resource_list:
        return group(*[r.create for r in resource_list], name=name)
    return no_op(name=name)


def tables_initializer(name="init_all_tables"):
    """`tf.tables_initializer`: a group of the table initializers (a NoOp without any)."""
    from .control_flow_ops import group, no_op

    initializers = get_collection(GraphKeys.TABLE_INITIALIZERS)
    return group(*initializers, name=name) if initializers else no_op(name=name)
