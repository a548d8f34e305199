"""`tf.train.Saver` (TF 1.15, V2 format, not sharded): the `save/` graph TF builds
(filename placeholders, SaveV2, `control_dependency`, RestoreV2, one Assign per
variable, `restore_all`), and `save`/`restore` that write and read TF's checkpoint
files (`checkpoint_io.py`) from the session's variable values.

Saving fetches the variables; restoring runs each variable's initializer with its
value fed, so no op is added to the graph after the Saver is built.
"""

from __future__ import annotations

import os
import re

import numpy as np

from ..framework import dtypes as _dtypes
from ..framework.ops import get_default_graph, name_scope
from ..framework.tensor_shape import TensorShape
from ..ops import control_flow_ops
from ..ops.gen import apply_op
from ..ops.variables import global_variables
from . import checkpoint_io, state_ops


def _string_const(g, values, name):
    """A string Const (a scalar for a str, else a vector)."""
    shape = [] if isinstance(values, str) else [len(values)]
    return g._create_op("Const", (), name, dtype=_dtypes.string, shape=shape,
                        attrs={"value": values}).outputs[0]


def _var_dict(var_list):
    if var_list is None:
        var_list = global_variables() + get_default_graph().get_collection("saveable_objects")
    if isinstance(var_list, dict):
        return dict(var_list)
    out = {}
    for v in var_list:
        name = v.op.name
        if name in out:
            raise ValueError(f"At least two variables have the same name: {name}")
        out[name] = v
    return out


class Saver:
    def __init__(self, var_list=None, reshape=False, sharded=False, max_to_keep=5,
                 keep_checkpoint_every_n_hours=10000.0, name=None, restore_sequentially=False,
                 saver_def=None, builder=None, defer_build=False, allow_empty=False,
                 write_version=2, pad_step_number=False, save_relative_paths=False,
                 filename=None):
        self._sharded = sharded
        self._keep_hours = keep_checkpoint_every_n_hours
        self._var_list = var_list
        self._max_to_keep = max_to_keep
        self._name = name
        self._filename = filename
        self._allow_empty = allow_empty
        self._pad_step_number = pad_step_number
        self._last_checkpoints: list = []
        self._built = False
        if not defer_build:
            self.build()

    def build(self):
        if self._built:
            return
        self._vars = _var_dict(self._var_list)
        if not self._vars:
            if self._allow_empty:
                self._built = True
                self._is_empty = True
                return
            raise ValueError("No variables to save")
        self._is_empty = False
        g = get_default_graph()
        names = sorted(self._vars)
        # A resource variable saves its read (`ResourceVariableSaveable`), a ref its ref.
        refs = [self._vars[n]._graph_element if getattr(self._vars[n], "_is_resource", False)
                else state_ops.ref(self._vars[n]) for n in names]
        with name_scope(self._name, "save", [r.op for r in refs]):
            with g.name_scope("filename") as scope:
                inp = _string_const(g, self._filename or "model", "input")
                fname = g._create_op("PlaceholderWithDefault", [inp], scope,
                                     dtype=_dtypes.string, shape=[],
                                     attrs={"shape": TensorShape([])}).outputs[0]
            fname = apply_op("PlaceholderWithDefault", "Const", [(fname, "input", None)],
                             dtype=_dtypes.string, shape=[], attrs={"shape": TensorShape([])})
            self._filename_tensor = fname
            if self._sharded:
                self._save_tensor = self._sharded_save(g, fname, names, refs)
                self._restore_op = control_flow_ops.group(
                    self._restore_ops(g, fname, names, refs, "restore_shard"),
                    name="restore_all")
            else:
                self._save_tensor = control_flow_ops.with_dependencies(
                    [self._save_op(g, fname, names, refs)], fname)
                self._restore_op = self._restore_ops(g, fname, names, refs, "restore_all")
        self._built = True

    @staticmethod
    def _save_op(g, fname, names, refs):
        with g.name_scope("SaveV2") as scope:
            tn = _string_const(g, names, "tensor_names")
            ss = _string_const(g, [""] * len(names), "shape_and_slices")
            # (no outputs; the dtype only satisfies the Rust graph)
            return g._create_op("SaveV2", [fname, tn, ss] + refs, scope, outputs=[],
                                dtype=_dtypes.string, attrs={"dtypes": [r.dtype for r in refs]})

    def _restore_ops(self, g, fname, names, refs, name):
        from ..framework.ops import device

        with device("cpu:0"), g.name_scope("RestoreV2") as scope:
            tn = _string_const(g, names, "tensor_names")
            ss = _string_const(g, [""] * len(names), "shape_and_slices")
            restored = g._create_op("RestoreV2", [fname, tn, ss], scope,
                                    outputs=[(r.dtype, None) for r in refs],
                                    attrs={"dtypes": [r.dtype for r in refs]}).outputs
        assigns = [_restore_assign(g, self._vars[n], r, t)
                   for n, r, t in zip(names, refs, restored)]
        return control_flow_ops.group(*assigns, name=name)

    def _sharded_save(self, g, fname, names, refs):
        """TF's `_AddShardedSaveOpsForV2` for one device (variables are not placed): a
        temporary shard prefix, ShardedFilename, SaveV2, MergeV2Checkpoints, all on
        `/device:CPU:0`. (Saving itself writes the merged files directly.)"""
        import uuid

        from ..framework.op_def_library import apply_op_helper
        from ..framework.ops import control_dependencies, device

        suffix = "_temp_%s/part" % uuid.uuid4().hex
        tmp = apply_op_helper("StringJoin", inputs=[fname, suffix]).outputs[0]
        num_shards = g._create_op("Const", (), "num_shards", dtype=_dtypes.int32, shape=[],
                                  value=np.array(1, np.int32)).outputs[0]
        with device("/device:CPU:0"):
            shard_name = apply_op_helper("ShardedFilename", basename=tmp, shard=0,
                                         num_shards=num_shards).outputs[0]
            save = control_flow_ops.with_dependencies(
                [self._save_op(g, shard_name, names, refs)], shard_name)
        with control_dependencies([save.op]):
            with device("/device:CPU:0"):
                merge = apply_op_helper("MergeV2Checkpoints", checkpoint_prefixes=[shard_name],
                                        destination_prefix=fname, delete_old_dirs=True)
                with control_dependencies([merge]):
                    from ..ops.array_ops import identity

                    return identity(fname)

    def recover_last_checkpoints(self, checkpoint_paths):
        """Takes `checkpoint_paths` (those that still exist) as the Saver's history."""
        self._last_checkpoints = [p for p in checkpoint_paths if checkpoint_exists(p)]

    @property
    def saver_def(self):
        return self.as_saver_def()

    @property
    def last_checkpoints(self):
        return list(self._last_checkpoints)

    def save(self, sess, save_path, global_step=None, latest_filename=None,
             meta_graph_suffix="meta", write_meta_graph=True, write_state=True,
             strip_default_attrs=False, save_debug_info=False):
        """Write the variables' values as `save_path[-step]` (meta graphs are not written)."""
        if not self._built:
            self.build()
        if global_step is not None:
            if not isinstance(global_step, int):
                global_step = int(sess.run(global_step))
            path = (f"{save_path}-{global_step:08d}" if self._pad_step_number
                    else f"{save_path}-{global_step}")
        else:
            path = save_path
        if self._is_empty:
            return None
        names = sorted(self._vars)
        values = sess.run([self._vars[n] for n in names])
        checkpoint_io.write_bundle(path, dict(zip(names, values)))
        if path in self._last_checkpoints:
            self._last_checkpoints.remove(path)
        self._last_checkpoints.append(path)
        if self._max_to_keep and len(self._last_checkpoints) > self._max_to_keep:
            old = self._last_checkpoints.pop(0)
            for suffix in (".index", ".data-00000-of-00001"):
                try:
                    os.remove(old + suffix)
                except OSError:
                    pass
        if write_state:
            update_checkpoint_state(os.path.dirname(path), path, self._last_checkpoints,
                                    latest_filename)
        return path

    def restore(self, sess, save_path):
        """Set the variables to the values of the checkpoint `save_path`."""
        if save_path is None:
            raise ValueError("Can't load save_path when it is None.")
        if not os.path.exists(save_path + ".index"):
            raise ValueError(f"The passed save_path is not a valid checkpoint: {save_path}")
        if self._is_empty:
            return
        values = checkpoint_io.read_bundle(save_path)
        for name, var in self._vars.items():
            if name not in values:
                from ..errors import NotFoundError

                raise NotFoundError(None, None, f"Key {name} not found in checkpoint")
            init = var.initializer
            sess.run(init, feed_dict={init.inputs[1]: values[name]})

    def as_saver_def(self):
        """The Saver's `tf.train.SaverDef` message."""
        from .protos import SaverDef

        return SaverDef(filename_tensor_name=self._filename_tensor.name,
                        save_tensor_name=self._save_tensor.name,
                        restore_op_name=self._restore_op.name,
                        max_to_keep=self._max_to_keep, sharded=self._sharded,
                        keep_checkpoint_every_n_hours=self._keep_hours, version=SaverDef.V2)


def _restore_assign(g, var, ref, restored):
    """`save/Assign`: the Rust graph sees a second output of RestoreV2 as its first, whose
    dtype may differ; such an Assign is built for structure under a private type."""
    if getattr(var, "_is_resource", False):
        # TF's ResourceVariableSaveable.restore: an Identity, then an AssignVariableOp.
        from ..ops.array_ops import identity
        from ..ops.resource_variable_ops import assign_attrs

        value = identity(restored)
        return g._create_op("AssignVariableOp", (var.handle, value), "AssignVariableOp",
                            dtype=var.dtype, attrs=assign_attrs(g, var.dtype))
    validate = bool(ref.shape.is_fully_defined())
    if restored.dtype == restored.op.outputs[0].dtype:
        return state_ops.assign(var, restored, validate_shape=validate)
    with g.name_scope("Assign") as scope:
        op = g._create_op("RestoreAssign", [ref, restored], scope, dtype=ref.dtype,
                          shape=ref.shape, attrs={"validate_shape": validate})
    op._type = "Assign"
    return op.outputs[0]


def update_checkpoint_state(save_dir, model_checkpoint_path, all_model_checkpoint_paths=None,
                            latest_filename=None):
    """Write the `checkpoint` text file as TF does."""
    lines = [f'model_checkpoint_path: "{model_checkpoint_path}"']
    for p in all_model_checkpoint_paths or [model_checkpoint_path]:
        lines.append(f'all_model_checkpoint_paths: "{p}"')
    with open(os.path.join(save_dir, latest_filename or "checkpoint"), "w") as f:
        f.write("\n".join(lines) + "\n")


def latest_checkpoint(checkpoint_dir, latest_filename=None):
    """The newest checkpoint prefix named by `checkpoint_dir/checkpoint`, or None."""
    path = os.path.join(checkpoint_dir, latest_filename or "checkpoint")
    if not os.path.exists(path):
        return None
    with open(path) as f:
        m = re.search(r'^model_checkpoint_path: "(.*)"$', f.read(), re.M)
    if not m:
        return None
    p = m.group(1)
    if not os.path.isabs(p):
        p = os.path.join(checkpoint_dir, p)
    return p if os.path.exists(p + ".index") else None


def checkpoint_exists(prefix):
    return os.path.exists(prefix + ".index")


class NewCheckpointReader:
    """`tf.train.NewCheckpointReader`: the tensors of a checkpoint by name."""

    def __init__(self, prefix):
        self._values = checkpoint_io.read_bundle(prefix)

    def get_tensor(self, name):
        return self._values[name]

    def has_tensor(self, name):
        return name in self._values

    def get_variable_to_shape_map(self):
        return {k: list(v.shape) for k, v in self._values.items()}

    def get_variable_to_dtype_map(self):
        return {k: _dtypes.as_dtype(v.dtype) for k, v in self._values.items()}


def load_checkpoint(ckpt_dir_or_file):
    prefix = latest_checkpoint(ckpt_dir_or_file) if os.path.isdir(ckpt_dir_or_file) \
        else ckpt_dir_or_file
    return NewCheckpointReader(prefix)


def list_variables(ckpt_dir_or_file):
    reader = load_checkpoint(ckpt_dir_or_file)
    return sorted(reader.get_variable_to_shape_map().items())

