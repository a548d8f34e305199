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
           "load_variable", "list_variables", "assign_from_checkpoint", "assign_from_checkpoint_fn"]


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
