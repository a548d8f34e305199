"""The variable store behind `get_variable` (`variable_scope._VariableStore` in TF).

Variables by full name, for sharing (`reuse`), and partitioned variables beside
them. Split out of `variable_scope.py` to keep files short; the names stay
importable from there, as in TF.
"""

from __future__ import annotations

import collections.abc as collections_abc
import inspect

from ..framework import dtypes as _dtypes
from ..framework.constant_op import convert_to_tensor
from ..framework.ops import get_default_graph
from ..framework.tensor_shape import TensorShape, as_shape_strict
from . import init_ops
from .variable_creator import validate_synchronization_aggregation_trainable
from .variables import SaveSliceInfo, Variable, _InitScope


def _accepts(fn, arg):
    try:
        params = inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return True
    return arg in params or any(p.kind == p.VAR_KEYWORD for p in params.values())


class _VariableStore:
    """Variables by full name, for sharing (`reuse`); partitioned ones beside them.

    At this level `reuse=None` returns an existing variable (only `False` refuses);
    scopes pass their own reuse (the root's is False)."""

    def __init__(self):
        self._vars = {}
        self._partitioned_vars = {}
        self._store_eager_variables = False

    def get_variable(self, name, shape=None, dtype=_dtypes.float32, initializer=None,
                     regularizer=None, reuse=None, trainable=None, collections=None,
                     caching_device=None, partitioner=None, validate_shape=True,
                     use_resource=None, custom_getter=None, constraint=None, **kwargs):
        if custom_getter is not None and not callable(custom_getter):
            raise ValueError(f"Passed a custom_getter which is not callable: {custom_getter}")
        dtype = _dtypes.as_dtype(dtype) if dtype is not None else dtype
        synchronization, aggregation, trainable = (
            validate_synchronization_aggregation_trainable(
                kwargs.get("synchronization"), kwargs.get("aggregation"), trainable, name))

        def _true_getter(name, shape=None, dtype=_dtypes.float32, initializer=None,
                         regularizer=None, reuse=None, trainable=None, collections=None,
                         caching_device=None, partitioner=None, validate_shape=True,
                         use_resource=None, constraint=None, synchronization=None,
                         aggregation=None, **unused):
            sync = dict(synchronization=synchronization, aggregation=aggregation,
                        use_resource=use_resource)
            is_scalar = (shape is not None and isinstance(shape, collections_abc.Sequence)
                         and not shape)
            if partitioner is not None and not is_scalar:
                if not callable(partitioner):
                    raise ValueError(f"Partitioner must be callable, but received: "
                                     f"{partitioner}")
                with get_default_graph().name_scope(""):
                    return self._get_partitioned_variable(
                        name, partitioner, shape=shape, dtype=dtype, initializer=initializer,
                        regularizer=regularizer, reuse=reuse, trainable=trainable,
                        collections=collections, validate_shape=validate_shape,
                        constraint=constraint, use_resource=use_resource)
            if reuse is True and partitioner is None and name in self._partitioned_vars:
                return self._get_partitioned_variable(
                    name, None, shape=shape, dtype=dtype, initializer=initializer,
                    regularizer=regularizer, reuse=reuse, trainable=trainable,
                    collections=collections, validate_shape=validate_shape,
                    constraint=constraint)
            if f"{name}/part_0" in self._vars:
                raise ValueError(
                    "No partitioner was provided, but a partitioned version of the variable "
                    f"was found: {name}/part_0. Perhaps a variable of the same name was "
                    "already created with partitioning?")
            return self._get_single_variable(
                name, shape=shape, dtype=dtype, initializer=initializer,
                regularizer=regularizer, reuse=reuse, trainable=trainable,
                collections=collections, caching_device=caching_device,
                validate_shape=validate_shape, constraint=constraint, **sync)

        if custom_getter is not None:
            kw = dict(getter=_true_getter, name=name, shape=shape, dtype=dtype,
                      initializer=initializer, regularizer=regularizer, reuse=reuse,
                      trainable=trainable, collections=collections,
                      caching_device=caching_device, partitioner=partitioner,
                      validate_shape=validate_shape, use_resource=use_resource,
                      synchronization=synchronization, aggregation=aggregation)
            if _accepts(custom_getter, "constraint"):
                kw["constraint"] = constraint
            return custom_getter(**kw)
        return _true_getter(name, shape=shape, dtype=dtype, initializer=initializer,
                            regularizer=regularizer, reuse=reuse, trainable=trainable,
                            collections=collections, caching_device=caching_device,
                            partitioner=partitioner, validate_shape=validate_shape,
                            use_resource=use_resource, constraint=constraint,
                            synchronization=synchronization, aggregation=aggregation)

    def _get_partitioned_variable(self, name, partitioner, shape=None, dtype=_dtypes.float32,
                                  initializer=None, regularizer=None, reuse=None,
                                  trainable=None, collections=None, validate_shape=True,
                                  constraint=None, **kwargs):
        from ..framework.ops import Tensor
        from . import partitioned_variables as pv_mod
        from .array_ops import slice as _slice

        from_tensor = initializer is not None and isinstance(initializer, Tensor)
        if name in self._vars:
            raise ValueError(
                "A partitioner was provided, but an unpartitioned version of the variable "
                f"was found: {name}.  Perhaps a variable of the same name was already created "
                "without partitioning?")
        shape = as_shape_strict(shape)
        if from_tensor:
            shape = shape.merge_with(initializer.get_shape())
        partitions = None
        if not reuse or partitioner:
            partitions = pv_mod._call_partitioner(partitioner, shape, dtype)
        if name in self._partitioned_vars:
            if reuse is False:
                raise ValueError(
                    f"Partitioned variable with name {name} already exists. Did you mean to "
                    "set reuse=True or reuse=tf.AUTO_REUSE in VarScope?")
            found = self._partitioned_vars[name]
            if not shape.is_compatible_with(found.get_shape()):
                raise ValueError(f"Trying to reuse partitioned variable {name}, but specified "
                                 f"shape {shape} and found shape {found.get_shape()}.")
            if not dtype.is_compatible_with(found.dtype):
                raise ValueError(f"Trying to reuse partitioned variable {name}, but specified "
                                 f"dtype {dtype.name} and found dtype {found.dtype.name}.")
            if partitions is not None and found._get_partitions() != partitions:
                raise ValueError(f"Trying to reuse partitioned variable {name}, but specified "
                                 f"partitions {partitions} and found partitions "
                                 f"{found._get_partitions()}.")
            return found
        if reuse is True:
            raise ValueError(f"PartitionedVariable {name} does not exist, or was not created "
                             "with tf.get_variable(). Did you mean to set reuse=False or "
                             "reuse=tf.AUTO_REUSE in VarScope?")
        slice_dim, num_slices = pv_mod._get_slice_dim_and_num_slices(partitions)
        if f"{name}/part_0" in self._vars:
            if f"{name}/part_{num_slices - 1}" not in self._vars:
                raise ValueError(
                    "Partitioner returned a different partitioning than what was already "
                    f"found.  Partitioner returned {num_slices} shards, and shard "
                    f"{name}/part_0 was found, but {name}/part_{num_slices - 1} was not.")
            if f"{name}/part_{num_slices}" in self._vars:
                raise ValueError(
                    "Partitioner returned a different partitioning than what was already "
                    f"found.  Partitioner returned {num_slices} shards, and shard "
                    f"{name}/part_0 was found, but so was the extra shard "
                    f"{name}/part_{num_slices}.")
        g = get_default_graph()
        variables = []
        full = shape.as_list()
        for i, (offset, var_shape) in enumerate(pv_mod._iter_slices(full, num_slices,
                                                                   slice_dim)):
            info = pv_mod._PartitionInfo(full_shape=full, var_offset=offset)
            var_name = f"{name}/part_{i}"
            with g.name_scope(var_name + "/PartitionedInitializer"):
                if initializer is None:
                    init, init_shape = _default_initializer(name, dtype), var_shape
                elif callable(initializer):
                    init, init_shape = initializer, var_shape
                elif isinstance(initializer, Tensor):
                    init = _slice(initializer, offset, var_shape)
                    dtype, init_shape = init.dtype, None
                else:
                    init = _slice(convert_to_tensor(initializer, dtype=dtype), offset, var_shape)
                    init_shape = None
            with g.name_scope(""):
                var = self._get_single_variable(
                    var_name, shape=init_shape, dtype=dtype, initializer=init,
                    partition_info=info, regularizer=regularizer, reuse=reuse,
                    trainable=trainable, collections=collections,
                    validate_shape=validate_shape, constraint=constraint,
                    use_resource=kwargs.get("use_resource"))
            var._set_save_slice_info(SaveSliceInfo(name, full, offset, var_shape))
            variables.append(var)
        result = pv_mod.PartitionedVariable(name=name, shape=shape, dtype=dtype,
                                            variable_list=variables, partitions=partitions)
        self._partitioned_vars[name] = result
        return result

    def _get_single_variable(self, name, shape=None, dtype=_dtypes.float32, initializer=None,
                             regularizer=None, partition_info=None, reuse=None, trainable=None,
                             collections=None, caching_device=None, validate_shape=True,
                             constraint=None, synchronization=None, aggregation=None,
                             **kwargs):
        initializing_from_value = initializer is not None and not callable(initializer)
        if shape is not None and initializing_from_value:
            raise ValueError("If initializer is a constant, do not specify shape.")
        dtype = _dtypes.as_dtype(dtype)
        shape = as_shape_strict(shape) if shape is not None else TensorShape(None)
        if name in self._vars:
            if reuse is False:
                raise ValueError(f"Variable {name} already exists, disallowed. Did you mean to "
                                 "set reuse=True or reuse=tf.AUTO_REUSE in VarScope?")
            found = self._vars[name]
            if not shape.is_compatible_with(found.get_shape()):
                raise ValueError(f"Trying to share variable {name}, but specified shape {shape} "
                                 f"and found shape {found.get_shape()}.")
            if not dtype.is_compatible_with(found.dtype):
                raise ValueError(f"Trying to share variable {name}, but specified dtype "
                                 f"{dtype.name} and found dtype {found.dtype.name}.")
            return found
        if reuse is True:
            raise ValueError(f"Variable {name} does not exist, or was not created with "
                             "tf.get_variable(). Did you mean to set reuse=tf.AUTO_REUSE in "
                             "VarScope?")
        if initializer is None:
            initializer = _default_initializer(name, dtype)
        g = get_default_graph()
        if initializing_from_value:
            init_val, variable_dtype = initializer, None
        else:
            if isinstance(initializer, type):
                initializer = initializer()
            if shape.is_fully_defined():
                dims = shape.as_list()

                def init_val():
                    return initializer(dims, dtype=dtype, partition_info=partition_info)
                variable_dtype = dtype
            elif _no_required_args(initializer):
                init_val, variable_dtype = initializer, None
            else:
                raise ValueError("The initializer passed is not valid. It should be a callable "
                                 "with no arguments and the shape should not be provided or "
                                 "an instance of `tf.keras.initializers.*' and `shape` should "
                                 "be fully defined.")
        v = Variable(initial_value=init_val, name=name, trainable=trainable,
                     collections=collections, caching_device=caching_device,
                     dtype=variable_dtype, validate_shape=validate_shape, constraint=constraint,
                     synchronization=synchronization, aggregation=aggregation,
                     use_resource=kwargs.get("use_resource"))
        self._vars[name] = v
        if regularizer:
            with g.name_scope(name + "/Regularizer/"), _InitScope(g):
                loss = regularizer(v)
            if loss is not None:
                g.add_to_collection("regularization_losses", loss)
        return v


def _no_required_args(fn):
    try:
        params = inspect.signature(fn).parameters.values()
    except (TypeError, ValueError):
        return False
    return all(p.default is not p.empty or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
               for p in params)


def _default_initializer(name, dtype):
    if dtype.is_floating:
        return init_ops.glorot_uniform_initializer()
    if dtype.is_integer or dtype.is_bool or dtype == _dtypes.string:
        return init_ops.zeros_initializer()
    raise ValueError(f"An initializer for variable {name} of {dtype} is required")
