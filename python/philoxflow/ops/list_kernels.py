"""Python kernels of control flow v2's loops and lists: `While`/`StatelessWhile` run
their traced condition and body graphs (`while_v2.py`) until the condition is false,
and the TensorList ops behind TF 2.x's TensorArray (`tensor_array_v2.py`) hold their
elements in a Python list (a variant value)."""

from __future__ import annotations

import numpy as np

from .. import errors
from ..framework import py_kernels
from ..framework.ops import _contiguous
from ..framework.py_kernels import kernel


class TensorListValue:
    """A TensorList: its elements (None where reserved and unset)."""

    __slots__ = ("items", "element_shape")

    def __init__(self, items, element_shape=None):
        self.items, self.element_shape = list(items), element_shape


def _shape(v):
    """An `element_shape` input as dims (None for -1) or None for an unknown rank."""
    a = np.asarray(v)
    if a.ndim == 0:
        return None if int(a) == -1 else []
    return [None if int(d) == -1 else int(d) for d in a.ravel()]


def _index(lst, i, op):
    i = int(i)
    if not 0 <= i < len(lst.items):
        raise errors.InvalidArgumentError(
            None, op, f"Trying to access element {i} in a list with {len(lst.items)} "
                      "elements.")
    return i


def _zeros(shape, op):
    if shape is None or any(d is None for d in shape):
        raise errors.InvalidArgumentError(
            None, op, "Trying to read an uninitialized tensor but element_shape is not "
                      "fully defined")
    return np.zeros(shape, dtype=op.outputs[0].dtype.as_numpy_dtype)


@kernel("TensorListReserve")
def _reserve(ctx, op, ins):
    return [TensorListValue([None] * int(ins[1]), _shape(ins[0]))]


@kernel("EmptyTensorList")
def _empty(ctx, op, ins):
    return [TensorListValue([], _shape(ins[0]))]


@kernel("TensorListFromTensor")
def _from_tensor(ctx, op, ins):
    a = np.asarray(ins[0])
    return [TensorListValue([np.array(x) for x in a], list(a.shape[1:]))]


@kernel("TensorListGetItem")
def _get_item(ctx, op, ins):
    lst = ins[0]
    v = lst.items[_index(lst, ins[1], op)]
    return [_zeros(_shape(ins[2]) or lst.element_shape, op) if v is None else v]


@kernel("TensorListSetItem")
def _set_item(ctx, op, ins):
    lst = ins[0]
    items = list(lst.items)
    i = int(ins[1])
    if i >= len(items) and op._attrs.get("resize_if_index_out_of_bounds"):
        items += [None] * (i + 1 - len(items))
    items[_index(TensorListValue(items), i, op)] = np.array(ins[2])
    return [TensorListValue(items, lst.element_shape)]


@kernel("TensorListLength")
def _length(ctx, op, ins):
    return [np.asarray(len(ins[0].items), dtype=np.int32)]


def _stacked(lst, items, shape, op):
    shape = shape if shape is not None else lst.element_shape
    if not items:
        return np.zeros([0] + [d or 0 for d in (shape or [])],
                        dtype=op.outputs[0].dtype.as_numpy_dtype)
    return np.stack([_zeros(shape, op) if v is None else v for v in items])


@kernel("TensorListStack")
def _stack(ctx, op, ins):
    return [_stacked(ins[0], ins[0].items, _shape(ins[1]), op)]


@kernel("TensorListGather")
def _gather(ctx, op, ins):
    lst = ins[0]
    items = [lst.items[_index(lst, i, op)] for i in np.asarray(ins[1]).ravel()]
    return [_stacked(lst, items, _shape(ins[2]), op)]


class _Loop:
    """A traced condition or body run in a session of its own that shares the outer
    session's resource variables."""

    def __init__(self, graph, state):
        from ..client.session import Session

        self.sess = Session(graph=graph)
        self.sess.__dict__.setdefault("_py_state", {})["resource_variables"] = \
            state.setdefault("resource_variables", {})
        self.args = [(t.op._id, t.dtype._name) for t in graph._loop_args]
        self.caps = [(id(t), ph.op._id, ph.dtype._name) for t, ph in graph.captured_outer()]
        self.fetches = [(t.op._id, t.value_index) for t in graph._loop_out]

    def __call__(self, values, captured):
        def feed(v):
            return _contiguous(v) if isinstance(v, (np.ndarray, np.generic)) else v
        feeds = [(i, feed(v), d) for (i, d), v in zip(self.args, values)]
        feeds += [(i, feed(captured[k]), d) for k, i, d in self.caps]
        return py_kernels.run_outputs(self.sess, self.fetches, [], feeds)


@kernel("While", "StatelessWhile")
def _while(ctx, op, ins):
    key = ("While", op._id)
    loops = ctx.state.get(key)
    if loops is None:
        loops = ctx.state[key] = (_Loop(op._attrs["cond"], ctx.state),
                                  _Loop(op._attrs["body"], ctx.state))
    cond, body = loops
    n = len(op._attrs["cond"]._loop_args)
    values = list(ins[:n])
    captured = {id(t): v for t, v in zip(op._inputs[n:], ins[n:])}
    while bool(np.asarray(cond(values, captured)[0])):
        values = list(body(values, captured))
    return values + list(ins[n:])
