"""Partitioned variables (`partitioned_variables.py`, `variables.PartitionedVariable`).

A partitioner maps a full shape and dtype to a slicing (one axis cut into n
shards); the variable store then makes `name/part_i` variables, each initialized
with the initializer called on its own shard shape and a `_PartitionInfo` (the
full shape and the shard's offset), as TF 1.15 does, so the shards hold exactly
TF's values. Using the whole as a tensor concatenates the shards (`ConcatPartitions`).
"""

from __future__ import annotations

import collections.abc
import math

from ..framework import dtypes as _dtypes
from ..framework.ops import control_dependencies, get_default_graph
from ..framework.tensor_shape import TensorShape, dimension_value


class _PartitionInfo:
    """Handed to an initializer of one shard: the full shape and the shard's offset."""

    def __init__(self, full_shape, var_offset):
        if not isinstance(full_shape, collections.abc.Sequence) or isinstance(full_shape, str):
            raise TypeError(f"`full_shape` must be a sequence (like tuple or list) instead of "
                            f"{type(full_shape).__name__}")
        if not isinstance(var_offset, collections.abc.Sequence) or isinstance(var_offset, str):
            raise TypeError(f"`var_offset` must be a sequence (like tuple or list) instead of "
                            f"{type(var_offset).__name__}")
        if len(var_offset) != len(full_shape):
            raise ValueError(f"Expected equal length, but `var_offset` is of length "
                             f"{len(var_offset)} while full_shape is of length "
                             f"{len(full_shape)}.")
        for off, dim in zip(var_offset, full_shape):
            if off < 0 or off >= dim:
                raise ValueError(f"Expected 0 <= offset < shape but found offset={var_offset}, "
                                 f"full_shape={full_shape}")
        self.full_shape = full_shape
        self.var_offset = var_offset

    def single_offset(self, shape):
        axis = self.single_slice_dim(shape)
        return 0 if axis is None else self.var_offset[axis]

    def single_slice_dim(self, shape):
        if not isinstance(shape, collections.abc.Sequence) or isinstance(shape, str):
            raise TypeError("`shape` must be a sequence (like tuple or list) instead of " +
                            type(shape).__name__)
        if len(shape) != len(self.full_shape):
            raise ValueError(f"Expected equal length, but received shape={shape} of length "
                             f"{len(shape)} while self.full_shape={self.full_shape} is of "
                             f"length {len(self.full_shape)}.")
        slice_dim = None
        for i, (dim, full) in enumerate(zip(shape, self.full_shape)):
            if dim + self.var_offset[i] > full:
                raise ValueError(f"With self.var_offset={self.var_offset}, a partition of "
                                 f"shape={shape} would exceed self.full_shape="
                                 f"{self.full_shape} in dimension {i}.")
            if dim != full:
                if slice_dim is not None:
                    raise ValueError(f"Cannot use single_slice_dim() with shape={shape} and "
                                     f"self.full_shape={self.full_shape} since slice dim could "
                                     f"be either dimension {slice_dim} or {i}.")
                slice_dim = i
        return slice_dim


# ----------------------------------------------------------------- partitioners

def variable_axis_size_partitioner(max_shard_bytes, axis=0, bytes_per_string_element=16,
                                   max_shards=None):
    """Shards of at most `max_shard_bytes` along `axis`."""
    if max_shard_bytes < 1 or bytes_per_string_element < 1:
        raise ValueError("Both max_shard_bytes and bytes_per_string_element must be positive.")
    if max_shards and max_shards < 1:
        raise ValueError("max_shards must be positive.")

    def _partitioner(shape, dtype):
        if not isinstance(shape, TensorShape):
            raise ValueError(f"shape is not a TensorShape: {shape}")
        if not shape.is_fully_defined():
            raise ValueError(f"shape is not fully defined: {shape}")
        if not isinstance(dtype, _dtypes.DType):
            raise ValueError(f"dtype is not a DType: {dtype}")
        size = bytes_per_string_element if dtype == _dtypes.string else dtype.size
        partitions = [1] * shape.rank
        dim = dimension_value(shape[axis])
        bytes_per_slice = 1.0 * (shape.num_elements() / dim) * size
        slices_per_shard = max(1, math.floor(max_shard_bytes / bytes_per_slice))
        axis_shards = int(math.ceil(1.0 * dim / slices_per_shard))
        if max_shards:
            axis_shards = min(max_shards, axis_shards)
        partitions[axis] = axis_shards
        return partitions
    return _partitioner


def min_max_variable_partitioner(max_partitions=1, axis=0, min_slice_size=256 << 10,
                                 bytes_per_string_element=16):
    """As many shards of at least `min_slice_size` bytes as fit, at most `max_partitions`."""
    def _partitioner(shape, dtype):
        if axis >= len(shape):
            tf1 = get_default_graph()._target.seed_rule == "last_id"
            raise ValueError(f"{'Can not' if tf1 else 'Cannot'} partition variable along axis "
                             f"{axis} when shape is only {shape}")
        size = bytes_per_string_element if dtype == _dtypes.string else dtype.size
        partitions = shape.num_elements() * size / min_slice_size
        out = [1] * len(shape)
        out[axis] = max(1, min(dimension_value(shape[axis]), max_partitions,
                               int(math.ceil(partitions))))
        return out
    return _partitioner


def fixed_size_partitioner(num_shards, axis=0):
    """`num_shards` shards along `axis` (fewer when the axis is shorter)."""
    def _partitioner(shape, **unused_args):
        out = [1] * len(shape)
        out[axis] = min(num_shards, dimension_value(shape[axis]))
        return out
    return _partitioner


def _call_partitioner(partitioner, shape, dtype):
    if not shape.is_fully_defined():
        raise ValueError("Shape of a new partitioned variable must be fully defined, but "
                         f"instead was {shape}.")
    if shape.rank < 1:
        raise ValueError(f"A partitioned Variable must have rank at least 1, shape: {shape}")
    slicing = partitioner(shape=shape, dtype=dtype)
    if not isinstance(slicing, collections.abc.Sequence):
        raise ValueError(f"Partitioner must return a sequence, but saw: {slicing}")
    if len(slicing) != shape.rank:
        raise ValueError("Partitioner returned a partition list that does not match the "
                         f"Variable's rank: {slicing} vs. {shape}")
    if any(p < 1 for p in slicing):
        raise ValueError(f"Partitioner returned zero partitions for some axes: {slicing}")
    if sum(p > 1 for p in slicing) > 1:
        raise ValueError("Can only slice a variable along one dimension: shape: "
                         f"{shape}, partitioning: {slicing}")
    return slicing


def _get_slice_dim_and_num_slices(slicing):
    for dim, num in enumerate(slicing):
        if num > 1:
            return dim, num
    return 0, 1


def _iter_slices(full_shape, num_slices, slice_dim):
    excess = full_shape[slice_dim] % num_slices
    offset = [0] * len(full_shape)
    min_len = full_shape[slice_dim] // num_slices
    for i in range(num_slices):
        shape = full_shape[:]
        shape[slice_dim] = min_len + bool(i < excess)
        yield offset[:], shape
        offset[slice_dim] += shape[slice_dim]


def create_partitioned_variables(shape, slicing, initializer, dtype=_dtypes.float32,
                                 trainable=True, collections=None, name=None, reuse=None):
    """TF's deprecated helper: a list of the shard variables."""
    from . import variable_scope as vs

    if len(shape) != len(slicing):
        raise ValueError("The 'shape' and 'slicing' of a partitioned Variable must have the "
                         f"length: shape: {shape}, slicing: {slicing}")
    if len(shape) < 1:
        raise ValueError(f"A partitioned Variable must have rank at least 1: shape: {shape}")
    with vs.variable_scope(name, "PartitionedVariable", reuse=reuse):
        pv = vs._get_partitioned_variable(
            name=None, shape=shape, dtype=dtype, initializer=initializer, trainable=trainable,
            partitioner=lambda **unused: slicing, collections=collections)
        return list(pv)


# ----------------------------------------------------------------- the variable

class PartitionedVariable:
    """The shards of one variable (`tf.PartitionedVariable`); as a tensor, their concat."""

    def __init__(self, name, shape, dtype, variable_list, partitions):
        if not isinstance(variable_list, (list, tuple)):
            raise TypeError(f"variable_list is not a list or tuple: {variable_list}")
        if not isinstance(partitions, (list, tuple)):
            raise TypeError(f"partitions is not a list or tuple: {partitions}")
        if not all(p >= 1 for p in partitions):
            raise ValueError(f"partition values must be positive: {partitions}")
        if not variable_list:
            raise ValueError("variable_list may not be empty")
        for v in variable_list:
            if not all(v._get_save_slice_info() is not None for v in variable_list):
                raise ValueError("All variables must have a save_slice_info available: "
                                 f"{[v.name for v in variable_list]}")
            if len(shape) != len(partitions):
                raise ValueError(f"len(shape) != len(partitions): {shape} vs. {partitions}")
            if v._get_save_slice_info().full_shape != shape:
                raise ValueError(f"All variables' full shapes must match shape: {shape}; but "
                                 f"full shapes were: {[v._get_save_slice_info().full_shape]}")
        self._variable_list = sorted(variable_list,
                                     key=lambda v: v._get_save_slice_info().var_offset)
        self._name = name
        self._shape = shape
        self._dtype = dtype
        self._partitions = partitions

    def __iter__(self):
        return iter(self._variable_list)

    def __len__(self):
        n = len(self._partition_axes())
        if n > 1:
            raise ValueError(f"Cannot get a length for {n} > 1 partition axes")
        return len(self._variable_list)

    def _partition_axes(self):
        if all(p == 1 for p in self._partitions):
            return [0]
        return [i for i, p in enumerate(self._partitions) if p > 1]

    def _concat(self):
        from .array_ops import concat, identity

        g = get_default_graph()
        if len(self._variable_list) == 1:
            with g.name_scope(""):
                return identity(self._variable_list[0], name=self._name)
        axes = self._partition_axes()
        if len(axes) > 1:
            raise NotImplementedError(f"Cannot concatenate along more than one dimension: "
                                      f"{axes}.  Multi-axis partition concat is not supported")
        with g.name_scope(self._name + "/ConcatPartitions/"):
            joined = concat(self._variable_list, axes[0])
        with g.name_scope(""):
            return identity(joined, name=self._name)

    def as_tensor(self):
        with control_dependencies(None):
            return self._concat()

    def _as_graph_tensor(self):
        # Every use as a tensor builds a new concat, as TF's conversion function does.
        # philoxflow's builders may look at an operand more than once before they
        # build (its graph, its dtype): while no op was added since, that is one use.
        g = self._variable_list[0].graph
        cached = getattr(self, "_last_tensor", None)
        if cached is not None and cached[0] is g and cached[1] == g.version:
            return cached[2]
        t = self.as_tensor()
        self._last_tensor = (g, g.version, t)
        return t

    @property
    def graph(self):
        return self._variable_list[0].graph

    @property
    def name(self):
        return self._name

    @property
    def dtype(self):
        return self._dtype

    @property
    def shape(self):
        return self._shape

    def get_shape(self):
        return self._shape

    def _get_variable_list(self):
        return self._variable_list

    def _get_partitions(self):
        return self._partitions

    def _apply_assign_fn(self, assign_fn, value):
        axes = self._partition_axes()
        if len(axes) > 1:
            raise NotImplementedError(f"Cannot do assign action along more than one dimension:"
                                      f" {axes}.  Multi-axis partition assign action is not "
                                      "supported ")
        if isinstance(value, list):
            assert len(value) == len(self._variable_list)
            values = value
        elif isinstance(value, PartitionedVariable):
            values = list(value)
        else:
            from .array_ops_ext import split

            sizes = [dimension_value(v.shape[axes[0]]) for v in self._variable_list]
            values = split(value, sizes, axis=axes[0])
        return [assign_fn(v, values[i]) for i, v in enumerate(self._variable_list)]

    def assign(self, value, use_locking=False, name=None, read_value=True):
        return self._apply_assign_fn(lambda v, x: v.assign(
            x, use_locking=use_locking, name=name, read_value=read_value), value)

    def assign_add(self, value, use_locking=False, name=None, read_value=True):
        return self._apply_assign_fn(lambda v, x: v.assign_add(
            x, use_locking=use_locking, name=name, read_value=read_value), value)

    def assign_sub(self, value, use_locking=False, name=None, read_value=True):
        return self._apply_assign_fn(lambda v, x: v.assign_sub(
            x, use_locking=use_locking, name=name, read_value=read_value), value)


__all__ = ["PartitionedVariable", "create_partitioned_variables", "fixed_size_partitioner",
           "min_max_variable_partitioner", "variable_axis_size_partitioner"]
