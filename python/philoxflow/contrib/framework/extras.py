"""The rest of `tf.contrib.framework` (TF 1.15): its `py_func` with kwargs and output
shapes, checkpoint readers and `assign_from_checkpoint(_fn)`, `smart_case`, sorting."""

from __future__ import annotations

import os

from ...framework.tensor_shape import as_shape
from ...ops import array_ops, control_flow_ops
from ...ops import script_ops as _script_ops
from ...ops.array_ops_ext import split
from ...ops.math_ops_ext import argsort, sort
from ...python.util import nest
from ...training import saver as _saver
from .graph_util import smart_cond
from .variables import get_variable_full_name

__all__ = ["RecordInput", "py_func", "argsort", "sort", "smart_case", "load_checkpoint",
           "load_variable", "list_variables",
           "init_from_checkpoint", "assign_from_checkpoint", "assign_from_checkpoint_fn"]


def _map_up_to(shallow, fn, value):
    """`fn` over `value` down to the leaves of `shallow` (TF's `map_structure_up_to`)."""
    if nest.is_sequence(shallow):
        return type(shallow)(_map_up_to(s, fn, v) for s, v in zip(shallow, value)) \
            if not isinstance(shallow, dict) else \
            {k: _map_up_to(shallow[k], fn, value[k]) for k in shallow}
    return fn(value)


def py_func(func, args=(), kwargs=None, output_types=None, output_shapes=None, stateful=True,
            name=None):
    """`tf.py_func` over nested `args`/`kwargs` and outputs, with optional output shapes."""
    if kwargs is None:
        kwargs = {}
    if not isinstance(args, (list, tuple)):
        raise TypeError("args must be list and not {}. args: {}".format(type(args), args))
    if not isinstance(kwargs, dict):
        raise TypeError("kwargs must be dict and not {}. args: {}".format(type(kwargs), kwargs))
    if callable(output_types):
        output_types = output_types(*args, **kwargs)
    if callable(output_shapes):
        output_shapes = output_shapes(*args, **kwargs)
    flat_output_types = nest.flatten(output_types)
    packed = (args, kwargs)
    flat_args = nest.flatten(packed)

    def wrapper(*py_args):
        py_args, py_kwargs = nest.pack_sequence_as(packed, py_args)
        return nest.flatten(func(*py_args, **py_kwargs))

    flat_values = _script_ops.py_func(wrapper, flat_args, flat_output_types, stateful=stateful,
                                      name=name)
    if not isinstance(flat_values, (list, tuple)):
        flat_values = [flat_values]
    if output_shapes is not None:
        shapes = nest.flatten(_map_up_to(output_types, as_shape, output_shapes))
        for t, shape in zip(flat_values, shapes):
            t.set_shape(shape)
    return nest.pack_sequence_as(output_types, list(flat_values))


def smart_case(pred_fn_pairs, default=None, exclusive=False, name="smart_case"):
    """`tf.case` whose Python-bool (or constant) predicates pick a branch while building."""
    return control_flow_ops._case_helper(smart_cond, pred_fn_pairs, default, exclusive, name)


def _checkpoint_filename(filepattern):
    if os.path.isdir(filepattern):
        return _saver.latest_checkpoint(filepattern)
    return filepattern


def load_checkpoint(filepattern):
    filename = _checkpoint_filename(filepattern)
    if filename is None:
        raise ValueError("Couldn't find 'checkpoint' file or checkpoints in given directory %s"
                         % filepattern)
    return _saver.NewCheckpointReader(filename)


def load_variable(checkpoint_dir, name):
    if name.endswith(":0"):
        name = name[:-2]
    return load_checkpoint(checkpoint_dir).get_tensor(name)


def list_variables(checkpoint_dir):
    variable_map = load_checkpoint(checkpoint_dir).get_variable_to_shape_map()
    return [(name, variable_map[name]) for name in sorted(variable_map)]


def assign_from_checkpoint(model_path, var_list, ignore_missing_vars=False):
    """An op assigning each variable from a `placeholder/<var>`, and the checkpoint feeds."""
    grouped = {}
    if isinstance(var_list, (tuple, list)):
        for var in var_list:
            grouped.setdefault(get_variable_full_name(var), []).append(var)
    else:
        for ckpt_name, value in var_list.items():
            grouped[ckpt_name] = list(value) if isinstance(value, (tuple, list)) else [value]
    reader = _saver.NewCheckpointReader(model_path)
    feed_dict, assign_ops = {}, []
    for ckpt_name in grouped:
        if not reader.has_tensor(ckpt_name):
            if ignore_missing_vars:
                continue
            raise ValueError("Checkpoint is missing variable [%s]" % ckpt_name)
        value = reader.get_tensor(ckpt_name)
        for var in grouped[ckpt_name]:
            ph = array_ops.placeholder(dtype=var.dtype.base_dtype, shape=var.get_shape(),
                                       name="placeholder/" + var.op.name)
            assign_ops.append(var.assign(ph))
            info = var._save_slice_info
            if not info:
                if var.get_shape() != value.shape:
                    raise ValueError("Total size of new array must be unchanged for %s "
                                     "lh_shape: [%s], rh_shape: [%s]"
                                     % (ckpt_name, str(value.shape), str(var.get_shape())))
                feed_dict[ph] = value.reshape(value.shape)
            else:
                dims = tuple(slice(s, s + n) for s, n in zip(info.var_offset, info.var_shape))
                feed_dict[ph] = value[dims].reshape(info.var_shape)
    return control_flow_ops.group(*assign_ops), feed_dict


def assign_from_checkpoint_fn(model_path, var_list, ignore_missing_vars=False,
                              reshape_variables=False):
    """A callback restoring `var_list` from `model_path` with a Saver (None if nothing)."""
    if not var_list:
        raise ValueError("var_list cannot be empty")
    if ignore_missing_vars:
        reader = _saver.NewCheckpointReader(model_path)
        var_dict = var_list if isinstance(var_list, dict) else \
            {var.op.name: var for var in var_list}
        var_list = {k: v for k, v in var_dict.items() if reader.has_tensor(k)}
    if not var_list:
        return None
    saver = _saver.Saver(var_list, reshape=reshape_variables, write_version=1)

    def callback(session):
        saver.restore(session, model_path)

    return callback


class RecordInput:
    """`tf.contrib.framework.RecordInput` (TF's `data_flow_ops.RecordInput`): a
    `RecordInput` op yielding batches of TFRecords (split per batch when `batches`)."""

    _COMPRESSION = {0: "", 1: "ZLIB", 2: "GZIP"}

    def __init__(self, file_pattern, batch_size=1, buffer_size=1, parallelism=1,
                 shift_ratio=0, seed=0, name=None, batches=None, compression_type=None):
        self._batch_size = batch_size * (batches if batches is not None else 1)
        self._batches = batches
        self._file_pattern = file_pattern
        self._buffer_size = buffer_size
        self._parallelism = parallelism
        self._shift_ratio = shift_ratio
        self._seed = seed
        self._name = name
        self._compression_type = 0 if compression_type is None else compression_type

    def get_yield_op(self):
        from ...framework.op_def_library import apply_op_helper
        from ...framework.ops import name_scope

        compression = self._COMPRESSION.get(self._compression_type, self._compression_type)
        records = apply_op_helper(
            "RecordInput", self._name, file_pattern=self._file_pattern,
            file_buffer_size=self._buffer_size, file_parallelism=self._parallelism,
            file_shuffle_shift_ratio=self._shift_ratio, batch_size=self._batch_size,
            file_random_seed=self._seed, compression_type=compression).outputs[0]
        if self._batches is None:
            return records
        with name_scope(self._name):
            batch_list = [[] for _ in range(self._batches)]
            for index, record in enumerate(split(records, self._batch_size, 0)):
                batch_list[index % self._batches].append(array_ops.reshape(record, []))
            return batch_list


def _set_checkpoint_initializer(variable, file_pattern, tensor_name, slice_spec,
                                name="checkpoint_initializer"):
    """The variable's initializer becomes an Assign of a RestoreV2 (on the CPU)."""
    from ...framework.op_def_library import apply_op_helper
    from ...framework.ops import device
    from ...ops.state_ops import assign

    with device(variable.device), device("/cpu:0"):
        restore = apply_op_helper("RestoreV2", name, prefix=file_pattern,
                                  tensor_names=[tensor_name], shape_and_slices=[slice_spec],
                                  dtypes=[variable.dtype.base_dtype]).outputs[0]
        variable._initializer_op = assign(variable, restore)  # a Tensor, as in TF


def _set_variable_or_list_initializer(variable_or_list, file_pattern, tensor_name):
    if isinstance(variable_or_list, (list, tuple)):
        slice_name = None
        for v in variable_or_list:
            if slice_name is None:
                slice_name = v._save_slice_info.full_name
            elif slice_name != v._save_slice_info.full_name:
                raise ValueError("Slices must all be from the same tensor: %s != %s"
                                 % (slice_name, v._save_slice_info.full_name))
            _set_checkpoint_initializer(v, file_pattern, tensor_name,
                                        v._save_slice_info.spec)
    else:
        _set_checkpoint_initializer(variable_or_list, file_pattern, tensor_name, "")


def _collect_partitioned_variable(name, store):
    if name + "/part_0" in store._vars:
        parts, i = [], 0
        while name + "/part_%d" % i in store._vars:
            parts.append(store._vars[name + "/part_%d" % i])
            i += 1
        return parts
    return None


def init_from_checkpoint(checkpoint_dir, assignment_map):
    """Replaces the initializers of the mapped variables (or of every variable under a
    mapped scope) by restores of the checkpoint's tensors."""
    from ...ops.variable_scope import _get_default_variable_store
    from ...ops.variables import Variable

    filepattern = _checkpoint_filename(checkpoint_dir)
    variable_map = load_checkpoint(checkpoint_dir).get_variable_to_shape_map()
    store = _get_default_variable_store()
    for tensor_name, current in assignment_map.items():
        def is_var(x):
            return isinstance(x, Variable)

        if is_var(current) or (isinstance(current, list) and all(is_var(v) for v in current)):
            var = current
        else:
            var = store._vars.get(current, None)
            if var is None:
                var = _collect_partitioned_variable(current, store)
        if var is not None:
            if tensor_name not in variable_map:
                raise ValueError("Tensor %s is not found in %s checkpoint %s"
                                 % (tensor_name, checkpoint_dir, variable_map))
            if is_var(var) and not var.get_shape().is_compatible_with(variable_map[tensor_name]):
                raise ValueError("Shape of variable %s (%s) doesn't match with shape of tensor "
                                 "%s (%s) from checkpoint reader." % (
                                     var.name, str(var.get_shape()), tensor_name,
                                     str(variable_map[tensor_name])))
            _set_variable_or_list_initializer(var, filepattern, tensor_name)
            continue
        scopes = current[:current.rindex("/")] if "/" in current else ""
        if not tensor_name.endswith("/"):
            raise ValueError("Assignment map with scope only name {} should map to scope only "
                             "{}. Should be 'scope/': 'other_scope/'.".format(scopes,
                                                                             tensor_name))
        scope_variables = set()
        for var_name in store._vars:
            if not scopes or var_name.startswith(scopes + "/"):
                if "/part_" in var_name:
                    var_name = var_name[:var_name.index("/part_")]
                scope_variables.add(var_name)
        for var_name in scope_variables:
            full_tensor_name = var_name[len(scopes):]
            if current != "/":
                full_tensor_name = full_tensor_name[1:]
            if tensor_name != "/":
                full_tensor_name = tensor_name + full_tensor_name
            if full_tensor_name not in variable_map:
                raise ValueError("Tensor %s (%s in %s) is not found in %s checkpoint" % (
                    full_tensor_name, var_name[len(scopes) + 1:], tensor_name, checkpoint_dir))
            var = store._vars.get(var_name, None)
            if var is None:
                var = _collect_partitioned_variable(var_name, store)
            _set_variable_or_list_initializer(var, filepattern, full_tensor_name)
