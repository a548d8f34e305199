"""TF-slim's variable helpers (`contrib/framework/python/ops/variables.py`):
`variable`/`model_variable` (arg-scoped `get_variable` into MODEL_VARIABLES),
the `get_variables*` filters, and the global step."""

from __future__ import annotations

import functools
import re

from ...framework import dtypes as _dtypes
from ...framework.ops import GraphKeys, get_collection, get_default_graph
from ...ops import variable_scope as vs
from ...ops.variables import Variable
from ...training.training_util import (  # noqa: F401 - re-exported
    GLOBAL_STEP,
    assert_global_step,
    create_global_step,
    get_global_step,
    get_or_create_global_step,
)
from .arg_scope import add_arg_scope


@add_arg_scope
def variable(name, shape=None, dtype=None, initializer=None, regularizer=None, trainable=True,
             collections=None, caching_device=None, device=None, partitioner=None,
             custom_getter=None, use_resource=None, synchronization=None, aggregation=None):
    """`slim.variable`: `get_variable` (or `custom_getter`, told the scope's reuse)."""
    collections = list(collections if collections is not None
                       else [GraphKeys.GLOBAL_VARIABLES])
    collections = list(dict.fromkeys(collections))
    getter = vs.get_variable
    if custom_getter is not None:
        getter = functools.partial(custom_getter, reuse=vs.get_variable_scope().reuse)
    return getter(name, shape=shape, dtype=dtype, initializer=initializer,
                  regularizer=regularizer, trainable=trainable, collections=collections,
                  caching_device=caching_device, partitioner=partitioner,
                  use_resource=use_resource, synchronization=synchronization,
                  aggregation=aggregation)


@add_arg_scope
def model_variable(name, shape=None, dtype=_dtypes.float32, initializer=None, regularizer=None,
                   trainable=True, collections=None, caching_device=None, device=None,
                   partitioner=None, custom_getter=None, use_resource=None,
                   synchronization=None, aggregation=None):
    """`slim.model_variable`: a `variable` also in GLOBAL_VARIABLES and MODEL_VARIABLES."""
    collections = list(collections or [])
    collections += [GraphKeys.GLOBAL_VARIABLES, GraphKeys.MODEL_VARIABLES]
    return variable(name, shape=shape, dtype=dtype, initializer=initializer,
                    regularizer=regularizer, trainable=trainable, collections=collections,
                    caching_device=caching_device, device=device, partitioner=partitioner,
                    custom_getter=custom_getter, use_resource=use_resource)


def local_variable(initial_value, validate_shape=True, name=None, use_resource=None):
    return Variable(initial_value, trainable=False, collections=[GraphKeys.LOCAL_VARIABLES],
                    validate_shape=validate_shape, name=name)


def global_variable(initial_value, validate_shape=True, name=None, use_resource=None):
    return Variable(initial_value, trainable=False, collections=[GraphKeys.GLOBAL_VARIABLES],
                    validate_shape=validate_shape, name=name)


def add_model_variable(var):
    if var not in get_collection(GraphKeys.MODEL_VARIABLES):
        get_default_graph().add_to_collection(GraphKeys.MODEL_VARIABLES, var)


def get_variables(scope=None, suffix=None, collection=GraphKeys.GLOBAL_VARIABLES):
    if isinstance(scope, vs.VariableScope):
        scope = scope.name
    if suffix is not None:
        if ":" not in suffix:
            suffix += ":"
        scope = (scope or "") + ".*" + suffix
    return get_collection(collection, scope)


def get_model_variables(scope=None, suffix=None):
    return get_variables(scope, suffix, GraphKeys.MODEL_VARIABLES)


def get_local_variables(scope=None, suffix=None):
    return get_variables(scope, suffix, GraphKeys.LOCAL_VARIABLES)


def get_trainable_variables(scope=None, suffix=None):
    return get_variables(scope, suffix, GraphKeys.TRAINABLE_VARIABLES)


def get_variables_to_restore(include=None, exclude=None):
    if include is None:
        included = get_variables()
    else:
        if not isinstance(include, (list, tuple)):
            raise TypeError("include is provided but is not a list or a tuple.")
        included = []
        for scope in include:
            included += get_variables(scope)
    excluded = set()
    if exclude is not None:
        if not isinstance(exclude, (list, tuple)):
            raise TypeError("exclude is provided but is not a list or a tuple.")
        for scope in exclude:
            excluded |= set(get_variables(scope))
    return [v for v in included if v not in excluded]


def get_variables_by_suffix(suffix, scope=None):
    return get_variables(scope=scope, suffix=suffix)


def get_variables_by_name(given_name, scope=None):
    return get_variables(scope=scope, suffix="/" + given_name + ":|^" + given_name + ":")


def get_unique_variable(var_op_name):
    candidates = get_variables(scope=var_op_name)
    if not candidates:
        raise ValueError(f"Couldn't find variable {var_op_name}")
    for c in candidates:
        if c.op.name == var_op_name:
            return c
    raise ValueError(f"Variable {var_op_name} does not uniquely identify a variable")


def filter_variables(var_list, include_patterns=None, exclude_patterns=None, reg_search=True):
    match = re.search if reg_search else re.match
    out = []
    for v in var_list:
        if include_patterns is None or any(match(p, v.name) for p in include_patterns):
            out.append(v)
    if exclude_patterns is not None:
        out = [v for v in out if not any(match(p, v.name) for p in exclude_patterns)]
    return out


def get_variable_full_name(var):
    """The checkpoint name: the full variable's for a partition, else the op name."""
    info = getattr(var, "_save_slice_info", None)
    return info.full_name if info else var.op.name


def assign_from_values(var_names_to_values):
    """An op assigning each named variable from a `placeholder/<name>`, and its feeds."""
    from ...ops.array_ops import placeholder
    from ...ops.control_flow_ops import group

    feed_dict, assign_ops = {}, []
    for var_name, value in var_names_to_values.items():
        found = get_collection(GraphKeys.GLOBAL_VARIABLES, var_name)
        if not found:
            raise ValueError(f"Variable {var_name} wasn't found")
        if len(found) > 1:
            exact = [v for v in found if v.op.name == var_name]
            if not exact:
                raise ValueError(f"Variable {var_name} doesn't uniquely identify a variable")
            var = exact[0]
        else:
            var = found[0]
        ph = placeholder(dtype=var.dtype, shape=var.get_shape(),
                         name="placeholder/" + var.op.name)
        assign_ops.append(var.assign(ph))
        feed_dict[ph] = value.reshape(var.get_shape().as_list())
    return group(*assign_ops), feed_dict


def assign_from_values_fn(var_names_to_values):
    assign_op, feed_dict = assign_from_values(var_names_to_values)

    def callback(session):
        return session.run(assign_op, feed_dict)
    return callback


class VariableDeviceChooser:
    """Round-robin device strings for variables (no ops; philoxflow places nothing)."""

    def __init__(self, num_tasks=0, job_name="ps", device_type="CPU", device_index=0,
                 replica=None):
        self._job_name, self._device_type = job_name, device_type
        self._device_index, self._replica = device_index, replica
        self._num_tasks, self._next_task_id = num_tasks, 0

    def __call__(self, op):
        spec = []
        if self._num_tasks > 0:
            task_id = self._next_task_id
            self._next_task_id = (self._next_task_id + 1) % self._num_tasks
            spec.append(f"/job:{self._job_name}/task:{task_id}")
        elif self._replica is not None:
            spec.append(f"/replica:{self._replica}")
        if self._device_type:
            spec.append(f"/device:{self._device_type}:{self._device_index}")
        return "".join(spec)


def get_name_scope():
    return get_default_graph().get_name_scope()


# -- global step: TF 1.15's contrib wraps training_util's, as philoxflow does

def assert_or_get_global_step(graph=None, global_step_tensor=None):
    if global_step_tensor is None:
        return get_global_step(graph)
    assert_global_step(global_step_tensor)
    return global_step_tensor
