"""TF 1.15's smaller top-level framework names (issue 16): build constants, the v2
behaviour switches, library loading, `op_scope`, `init_scope`,
`convert_to_tensor_or_indexed_slices`, `UnconnectedGradients`, `LogMessage`.

The v2 switches (control flow v2, resource variables, tensor equality, v2 TensorShape,
v2 behaviour) report and keep each target's default (off in TF 1.15, on in TF 2.21's
`compat.v1`): asking for the other state raises NotImplementedError rather than
silently build graphs TF would not.
"""

from __future__ import annotations

import contextlib
import enum
import errno
import logging
import os

from .. import errors
from ..ops.summary_ops import _Proto
from . import dtypes as _dtypes
from .ops import get_default_graph, name_scope

CXX11_ABI_FLAG = 0  # TF 1.15.5's pip wheel (tf.sysconfig.CXX11_ABI_FLAG)
MONOLITHIC_BUILD = 0


def _tf2():
    """Whether the call came through TF 2.21's `compat.v1` (its v2 defaults are on)."""
    from .. import _target

    return _target.current() is not _target.TF1


def _switch(what, on):
    """`enable_*` (on) / `disable_*`: a no-op where the namespace's TF already behaves
    so; changing it raises (philoxflow builds each target's graphs as its TF does by
    default)."""
    def switch():
        if _tf2() != on:
            raise NotImplementedError(
                f"philoxflow builds {'TensorFlow 2.21 compat.v1' if _tf2() else 'TensorFlow 1.15'}"
                f"'s default graphs: {'enabling' if on else 'disabling'} {what} is not "
                "supported")
    switch.__name__ = ("enable_" if on else "disable_") + what.replace(" ", "_")
    return switch


enable_control_flow_v2 = _switch("control flow v2", True)
disable_control_flow_v2 = _switch("control flow v2", False)
enable_tensor_equality = _switch("tensor equality", True)
disable_tensor_equality = _switch("tensor equality", False)
enable_v2_tensorshape = _switch("v2 tensorshape", True)
disable_v2_tensorshape = _switch("v2 tensorshape", False)
enable_v2_behavior = _switch("v2 behavior", True)


def control_flow_v2_enabled():
    return _tf2()


def _missing_library(path):
    raise errors.NotFoundError(None, None,
                               f"{path}: cannot open shared object file: No such file or "
                               "directory")


def _no_kernels(path):
    raise errors.UnimplementedError(
        None, None, f"philoxflow cannot load TensorFlow op or kernel libraries ({path})")


def load_op_library(library_filename):
    """`tf.load_op_library`: TF's NotFoundError (dlopen's message) for a missing file."""
    if not os.path.exists(library_filename):
        _missing_library(library_filename)
    _no_kernels(library_filename)


def load_file_system_library(library_filename):
    """`tf.load_file_system_library` (deprecated for `tf.load_library`)."""
    logging.getLogger("tensorflow").warning(
        "From load_file_system_library: Use `tf.load_library` instead.")
    load_op_library(library_filename)


def load_library(library_location):
    """`tf.load_library`: a file or a folder of libraries; TF's OSError when absent."""
    if not os.path.exists(library_location):
        raise OSError(errno.ENOENT,
                      "The file or folder to load kernel libraries from does not exist.",
                      library_location)
    _no_kernels(library_location)


@contextlib.contextmanager
def op_scope(values, name, default_name=None):
    """`tf.op_scope`: deprecated `name_scope(name, default_name, values)`."""
    logging.getLogger("tensorflow").warning(
        "tf.op_scope(values, name, default_name) is deprecated, use "
        "tf.name_scope(name, default_name, values)")
    with name_scope(name, default_name=default_name, values=values) as scope:
        yield scope


@contextlib.contextmanager
def init_scope():
    """`tf.init_scope` in graph mode: the same graph, name scope and devices, without
    the control dependencies or control-flow context around it."""
    with get_default_graph().control_dependencies(None):
        yield


def convert_to_tensor_or_indexed_slices(value, dtype=None, name=None):
    """Tensors, IndexedSlices and SparseTensors pass (dtype-checked); other values
    become tensors."""
    from .constant_op import convert_to_tensor
    from .indexed_slices import IndexedSlices
    from .ops import Tensor
    from .sparse_tensor import SparseTensor

    if isinstance(value, (Tensor, IndexedSlices, SparseTensor)):
        if dtype and not _dtypes.as_dtype(dtype).is_compatible_with(value.dtype):
            raise ValueError(f"Tensor conversion requested dtype "
                             f"{_dtypes.as_dtype(dtype).name} for Tensor with dtype "
                             f"{value.dtype.name}: {str(value)!r}")
        return value
    return convert_to_tensor(value, dtype=dtype, name=name)


class UnconnectedGradients(str, enum.Enum):
    """`tf.UnconnectedGradients`: what `tf.gradients` gives unconnected inputs (the
    members compare equal to the strings `gradients` also takes)."""

    NONE = "none"
    ZERO = "zero"

    __str__ = enum.Enum.__str__


class LogMessage(_Proto):
    """`tf.LogMessage` (`Event.log_message`): `level` and `message` fields."""

    UNKNOWN = 0
    DEBUGGING = 10
    INFO = 20
    WARN = 30
    ERROR = 40
    FATAL = 50


# (the resource-variable switches are ops/resource_variable_ops.py's: they do switch)
__all__ = ["CXX11_ABI_FLAG", "MONOLITHIC_BUILD", "enable_control_flow_v2",
           "enable_tensor_equality", "enable_v2_tensorshape",
           "enable_v2_behavior", "disable_control_flow_v2",
           "disable_tensor_equality", "disable_v2_tensorshape", "control_flow_v2_enabled",
           "load_op_library", "load_file_system_library",
           "load_library", "op_scope", "init_scope", "convert_to_tensor_or_indexed_slices",
           "UnconnectedGradients", "LogMessage"]
