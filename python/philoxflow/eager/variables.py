"""`tf.Variable` in eager mode: a mutable eager value (a resource variable's read and
assign, computed at once)."""

from __future__ import annotations

import numpy as np

from ..framework import dtypes as _dtypes
from ..framework.constant_op import convert_to_tensor
from .def_function import init_scope, tracing_graph
from .tensor import EagerTensor


class Variable:
    """An eager `tf.Variable`: `value()`, `read_value()`, `assign*`, `numpy()`."""

    _count = 0

    def __init__(self, initial_value=None, trainable=None, name=None, dtype=None,
                 shape=None, **kwargs):
        with init_scope():
            if callable(initial_value):
                initial_value = initial_value()
            t = convert_to_tensor(initial_value, dtype=dtype)
        if not isinstance(t, EagerTensor):
            raise ValueError("philoxflow's eager tf.Variable needs an eager initial value")
        self._value = t
        self._trainable = True if trainable is None else trainable
        Variable._count += 1
        self._name = (name or "Variable") + ":0"

    # -- reads
    def _as_graph_tensor(self):
        g = tracing_graph()
        if g is None:
            return self._value
        # In a function graph: a placeholder fed with the value at each call, or the
        # value the trace assigned last (reads after writes see the write, as TF orders
        # a resource variable's ops).
        t = g.var_current.get(id(self))
        if t is None:
            from ..framework.ops import Graph

            op = Graph._create_op(g, "Placeholder", (), "ReadVariableOp", dtype=self.dtype,
                                  shape=self.shape)
            g.var_inputs.append((op, self))
            t = g.var_current[id(self)] = op.outputs[0]
        return t

    def value(self):
        return self._as_graph_tensor()

    def read_value(self):
        return self._as_graph_tensor()

    def numpy(self):
        if tracing_graph() is not None:
            raise NotImplementedError("numpy() is only available when eager execution is "
                                      "enabled.")
        return self._value.numpy()

    def __array__(self, dtype=None, copy=None):
        return self._value.__array__(dtype)

    @property
    def dtype(self):
        return self._value.dtype

    @property
    def shape(self):
        return self._value.shape

    @property
    def name(self):
        return self._name

    @property
    def trainable(self):
        return self._trainable

    def get_shape(self):
        return self.shape

    # -- writes
    def assign(self, value, use_locking=None, name=None, read_value=True):
        t = convert_to_tensor(value, dtype=self.dtype)
        if not self.shape.is_compatible_with(t.shape):
            raise ValueError(f"Cannot assign value to variable ' {self._name}': Shape mismatch."
                             f"The variable shape {self.shape}, and the assigned value shape "
                             f"{t.shape} are incompatible.")
        g = tracing_graph()
        if g is not None:
            # In a function graph: the value is written back after each call.
            g.var_current[id(self)] = t
            g.var_writes[id(self)] = (self, t)
            return t if read_value else None
        self._value = t
        return self._value if read_value else None

    def assign_add(self, delta, use_locking=None, name=None, read_value=True):
        return self.assign(self._as_graph_tensor() + delta, read_value=read_value)

    def assign_sub(self, delta, use_locking=None, name=None, read_value=True):
        return self.assign(self._as_graph_tensor() - delta, read_value=read_value)

    def __repr__(self):
        v = np.array2string(np.asarray(self._value._float_value()), separator=", ")
        return (f"<tf.Variable '{self._name}' shape={tuple(self.shape.as_list())} "
                f"dtype={self.dtype.name}, numpy={v}>")

    def __getattr__(self, name):
        # operators and tensor methods act on the current value
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self._value, name)


def _delegate(op):
    def f(self, *args):
        return getattr(self._as_graph_tensor(), op)(*args)
    f.__name__ = op
    return f


for _op in ("__add__", "__radd__", "__sub__", "__rsub__", "__mul__", "__rmul__",
            "__truediv__", "__rtruediv__", "__floordiv__", "__rfloordiv__", "__mod__",
            "__rmod__", "__pow__", "__rpow__", "__neg__", "__abs__", "__getitem__",
            "__lt__", "__le__", "__gt__", "__ge__", "__float__", "__int__", "__bool__",
            "__len__", "__iter__", "__matmul__"):
    setattr(Variable, _op, _delegate(_op))

_ = _dtypes
