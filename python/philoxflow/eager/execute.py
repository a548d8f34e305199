"""Eager execution (`tensorflow/python/eager/execute.py`): every op an API call builds
runs at once, on the same Rust kernels a session runs.

An op call runs a small cached graph, one op fed by placeholders, in its own session,
cached by (op type, input dtypes, attributes), as TF caches eager kernels: the seeds
are attributes and the shape is an input, so a repeated random call with the same
explicit seeds continues one Philox stream (the session's per-op stream with its
256 x n reservations) whatever its shape; `set_seed` clears the cache.
"""

from __future__ import annotations

import numpy as np

from .. import _core, _target
from .. import errors as _errors
from ..framework import dtypes as _dtypes
from ..framework import ops as _ops
from ..framework import py_kernels as _py_kernels
from ..framework.tensor_shape import TensorShape
from . import context
from .fallbacks import FALLBACKS, NOT_FOR_BFLOAT16
from .tensor import EagerTensor

#: Cached kernels kept at most (TF's cache grows without bound; unseeded random calls
#: make a new key each, so the oldest are dropped).
_MAX_KERNELS = 4096


class _Kernel:
    """One op in its own graph and session, fed its inputs through placeholders."""

    def __init__(self, op_type, in_dtypes, dtype, seeds, ints, attrs, outputs, shapes):
        g = _ops.Graph()
        g._target = _target.TF2
        self.phs = []
        for i, d in enumerate(in_dtypes):
            shape = None if shapes is None else shapes[i]
            ph = g._create_op("Placeholder", (), f"input_{i}", dtype=d, shape=shape)
            self.phs.append((ph._id, d))
        ins = [op.outputs[0] for op in g.get_operations()]
        self.op = g._create_op(op_type, ins, op_type, dtype=dtype, seeds=seeds, ints=ints,
                               attrs=attrs, outputs=outputs)
        self.out_dtypes = [t.dtype for t in self.op.outputs]
        self.graph = g
        self.attrs = attrs
        self.sess = _core.Session(g._c)
        # --- Python kernels (issue 19): ops Rust has no kernel for, or of dtypes it
        # lacks (uint8 images), run as a session runs them (framework/py_kernels.py).
        self.py_kernel = None
        if op_type in _py_kernels.PY_ONLY or (
                op_type in _py_kernels.PY_KERNELS
                and (self.op._id in g._py_ops or "string" in in_dtypes)):
            self.py_kernel = _py_kernels.PY_KERNELS[op_type]
            self.py_ctx = _py_kernels.Context(self)

    def run(self, values):
        if self.py_kernel is not None:
            out = _py_kernels.call_kernel(self.py_ctx, self.op, values)
            return [EagerTensor(np.asarray(v), d) for v, d in zip(out, self.out_dtypes)]
        feeds = [(i, v, d) for (i, d), v in zip(self.phs, values)]
        if not self.out_dtypes:
            self.sess.run([], feeds, [self.op._id])
            return []
        try:
            out = self.sess.run([self.op._id], feeds)
        except _errors.UnimplementedError:
            op_type = self.op.type
            fallback = FALLBACKS.get(op_type)
            if fallback is None or (op_type in NOT_FOR_BFLOAT16 and "bfloat16" in
                                    [d for _, d in self.phs]):
                raise
            dt = self.out_dtypes[0]
            np_dt = np.uint16 if dt.name == "bfloat16" else dt.as_numpy_dtype
            out = [np.asarray(fallback(values, self.attrs)).astype(np_dt)]
        return [EagerTensor(np.asarray(out[0]), self.out_dtypes[0])]


def _freeze(v):
    if isinstance(v, dict):
        return tuple(sorted((k, _freeze(x)) for k, x in v.items()))
    if isinstance(v, (list, tuple)):
        return tuple(_freeze(x) for x in v)
    if isinstance(v, np.ndarray):
        return (v.dtype.str, v.shape, v.tobytes())
    if isinstance(v, _dtypes.DType):
        return v.name
    try:
        hash(v)
    except TypeError:
        return repr(v)
    return v


def _value_of(t, dtype_name):
    v = t._value
    v = np.ascontiguousarray(v) if v.ndim else v  # (it makes a scalar 1-d)
    return v.view(np.uint16) if dtype_name == "bfloat16" else v


def _static_outputs(op_type, inputs, dtype, seeds, ints, attrs, outputs, why, hint=None):
    """Value-less outputs (known dtype and shape) of an op that cannot run: the static
    shape the builder computed, else the op built on placeholders of the inputs'
    shapes."""
    if hint is not None and dtype is not None and not outputs:
        hint = TensorShape(hint)
        if hint.is_fully_defined():
            return [EagerTensor.unavailable(dtype, hint.as_list(), why_op(why, op_type))]
    shapes = tuple(tuple(t.shape.as_list()) for t in inputs)
    dname = None if dtype is None else _dtypes.as_dtype(dtype).name
    try:
        k = _Kernel(op_type, tuple(t.dtype.name for t in inputs), dname, seeds, ints, attrs,
                    outputs, shapes)
    except (ValueError, TypeError):
        raise why from None
    outs = []
    for t in k.op.outputs:
        if not t.shape.is_fully_defined():
            raise why
        outs.append(EagerTensor.unavailable(t.dtype, t.shape.as_list(), why_op(why, op_type)))
    return outs


def why_op(why, op_type):
    missing = getattr(why, "_philoxflow_missing", None)
    return missing or op_type


def run_op(op_type, inputs, dtype=None, seeds=None, ints=(), attrs=None, outputs=None,
           shape=None):
    """Run one op on eager inputs; returns its output EagerTensors. An op without a
    kernel (or fed a value-less tensor) gives value-less tensors of its static shape."""
    missing = next((t._missing for t in inputs if t._missing is not None), None)
    if missing is not None:
        if op_type in ("Shape", "Size", "Rank"):
            shape = inputs[0].shape.as_list()
            v = {"Shape": shape, "Size": int(np.prod(shape, dtype=np.int64)),
                 "Rank": len(shape)}[op_type]
            out_dt = _dtypes.as_dtype(dtype or "int32")
            return [EagerTensor(np.asarray(v, out_dt.as_numpy_dtype), out_dt)]
        why = _errors.UnimplementedError(None, None, f"philoxflow has no kernel for {missing} "
                                                     "ops yet")
        why._philoxflow_missing = missing
        return _static_outputs(op_type, inputs, dtype, seeds, ints, attrs, outputs, why,
                               shape)
    try:
        return _run_op(op_type, inputs, dtype, seeds, ints, attrs, outputs)
    except _errors.UnimplementedError as e:
        return _static_outputs(op_type, inputs, dtype, seeds, ints, attrs, outputs, e, shape)


def _run_op(op_type, inputs, dtype, seeds, ints, attrs, outputs):
    in_dtypes = tuple(t.dtype.name for t in inputs)
    dname = None if dtype is None else _dtypes.as_dtype(dtype).name
    key = (op_type, in_dtypes, dname, seeds, tuple(int(i) for i in ints), _freeze(attrs),
           _freeze(outputs))
    st = context._state
    with st.lock:
        kernel = st.kernels.get(key)
        if kernel is None:
            try:
                kernel = _Kernel(op_type, in_dtypes, dname, seeds, ints, attrs, outputs, None)
            except (ValueError, TypeError):
                # Build-time checks that need the inputs' shapes: a kernel per shape.
                shapes = tuple(tuple(t._value.shape) for t in inputs)
                key = key + (shapes,)
                kernel = st.kernels.get(key)
                if kernel is None:
                    kernel = _Kernel(op_type, in_dtypes, dname, seeds, ints, attrs, outputs,
                                     shapes)
            st.kernels[key] = kernel
            if len(st.kernels) > _MAX_KERNELS:
                st.kernels.pop(next(iter(st.kernels)))
    return kernel.run([_value_of(t, d) for t, d in zip(inputs, in_dtypes)])


def _assert(inputs, attrs):
    """An eager `Assert`: raise TF's InvalidArgumentError when the condition is false."""
    cond, data = inputs[0], inputs[1:]
    if not np.all(np.asarray(cond._value)):
        n = int((attrs or {}).get("summarize", 3))
        parts = []
        for t in data:
            v = np.asarray(t._value)
            if v.dtype.kind in "USO":
                parts.append(" ".join(str(x) for x in v.ravel()[:n]))
            else:
                parts.append("[" + " ".join(str(x) for x in v.ravel()[:n]) + "]")
        raise _errors.InvalidArgumentError(None, None,
                                           "assertion failed: [" + "] [".join(parts) + "]")


def _numpy_cast(t, dtype):
    """A cast to a dtype the Rust core has no kernels for (uint8, int8, int16, uint16):
    NumPy's conversion, which is TF's for values the target holds (floats truncate)."""
    dtype = _dtypes.as_dtype(dtype)
    if t.dtype.name == "bfloat16":
        raise TypeError("philoxflow casts bfloat16 to narrow integers through float32 only")
    with np.errstate(all="ignore"):
        return EagerTensor(np.asarray(t._value).astype(dtype.as_numpy_dtype), dtype)


class _EagerOperation:
    """The Operation an eager op call returns to its builder: outputs only."""

    __slots__ = ("_type", "_name", "_outputs", "_graph")

    def __init__(self, graph, op_type, name, outputs):
        self._graph, self._type, self._name, self._outputs = graph, op_type, name, outputs

    type = property(lambda self: self._type)
    name = property(lambda self: self._name)
    graph = property(lambda self: self._graph)
    outputs = property(lambda self: list(self._outputs))
    inputs = property(lambda self: [])
    control_inputs = property(lambda self: [])

    def get_attr(self, name):
        raise ValueError(f"Operation {self._name!r} has no attr named {name!r}.")


class _EagerCore:
    """The eager graph's `_c`: eager seed resolution, names without registration."""

    def __init__(self):
        self._rust = _core.Graph("counter")

    def resolve_seed(self, op_seed):
        return context.get_seed(op_seed)

    def set_seed(self, seed):
        context.set_global_seed(seed)

    def __getattr__(self, name):
        return getattr(self._rust, name)


class EagerGraph(_ops.Graph):
    """The default graph of `philoxflow.compat.v2` outside `tf.function`: ops it is
    asked to create run at once and return eager tensors."""

    def __init__(self):
        super().__init__()
        self._target = _target.TF2_EAGER
        self._c = _EagerCore()

    @property
    def seed(self):
        return context.global_seed()

    @seed.setter
    def seed(self, seed):
        context.set_global_seed(seed)

    def unique_name(self, name, mark_as_used=True):
        if self._thread.name_stack:
            name = self._thread.name_stack + "/" + name
        return name

    def _create_op(self, op_type, inputs=(), name=None, control_inputs=(), dtype=None,
                   seeds=None, value=None, shape=None, ints=(), outputs=None, attrs=None):
        if op_type == "Const":
            if dtype is None:
                dtype = _dtypes.as_dtype(value.dtype)
            out = [EagerTensor(value, dtype)]
        elif op_type == "NoOp":
            out = []
        elif op_type == "Assert":
            _assert(inputs, attrs)
            out = []
        else:
            ins = []
            for t in inputs:
                if not isinstance(t, EagerTensor):
                    raise ValueError(f"An op outside of the function building code is being "
                                     f"passed a Graph tensor: {t!r}")
                ins.append(t)
            try:
                out = run_op(op_type, ins, dtype=dtype, seeds=seeds, ints=ints, attrs=attrs,
                             outputs=outputs, shape=shape)
            except TypeError:
                if op_type != "Cast" or len(ins) != 1:
                    raise
                out = [_numpy_cast(ins[0], dtype)]
        return _EagerOperation(self, op_type, name or op_type, out)

    @property
    def building_function(self):
        return False


EAGER_GRAPH = EagerGraph()
with _ops._global_lock:
    _ops._global_default_graphs[_target.TF2_EAGER] = EAGER_GRAPH


def current_graph():
    """Where an eager tensor's ops go: the function being traced, else the eager graph."""
    stack = _ops._stack.graphs
    if stack and getattr(stack[-1], "_is_func_graph", False):
        return stack[-1]
    return EAGER_GRAPH
