"""Queues and gradient accumulators (`tensorflow/python/ops/data_flow_ops.py`), built op for
op as TF 1.15 builds them: resource queue ops (`FIFOQueueV2`, `QueueEnqueueV2`, ...), the
seeds of `RandomShuffleQueue` (TF's md5 of a shared name), the static shapes TF's Python
sets on dequeued tensors. The queues run in a session through Python kernels
(`ops/queue_kernels.py`)."""

from __future__ import annotations

import hashlib
from functools import reduce

from ..framework import dtypes as _dtypes
from ..framework.constant_op import convert_to_tensor
from ..framework.op_def_library import apply_op_helper
from ..framework.ops import name_scope
from ..framework.random_seed import get_seed
from ..framework.sparse_tensor import constant_value
from ..framework.tensor_shape import Dimension, TensorShape, as_shape, dimension_value
from . import (
    math_ops,
    queue_kernels,  # noqa: F401 - the queues run in sessions
)


def _op(op_type, name, **kw):
    op = apply_op_helper(op_type, name=name, **kw)
    outs = op.outputs
    return op if not outs else outs[0] if len(outs) == 1 else outs


def _as_type_list(dtypes):
    assert dtypes is not None
    return list(dtypes) if isinstance(dtypes, (list, tuple)) else [dtypes]


def _as_shape_list(shapes, dtypes, unknown_dim_allowed=False, unknown_rank_allowed=False):
    del dtypes
    if unknown_dim_allowed:
        if (not isinstance(shapes, (list, tuple)) or not shapes
                or any(s is None or isinstance(s, int) for s in shapes)):
            raise ValueError("When providing partial shapes, a list of shapes must be provided.")
    if shapes is None:
        return None
    if isinstance(shapes, TensorShape):
        shapes = [shapes]
    if not isinstance(shapes, (tuple, list)):
        raise TypeError("shapes must be a TensorShape or a list or tuple of TensorShapes.")
    if all(s is None or isinstance(s, int) for s in shapes):
        shapes = [shapes]
    shapes = [as_shape(s) for s in shapes]
    if not unknown_dim_allowed and any(not s.is_fully_defined() for s in shapes):
        raise ValueError("All shapes must be fully defined: %s" % shapes)
    if not unknown_rank_allowed and any(s.dims is None for s in shapes):
        raise ValueError("All shapes must have a defined rank: %s" % shapes)
    return shapes


def _as_name_list(names, dtypes):
    if names is None:
        return None
    if not isinstance(names, (list, tuple)):
        names = [names]
    if len(names) != len(dtypes):
        raise ValueError("List of names must have the same length as the list of dtypes")
    return list(names)


def _shape_common(s1, s2):
    s1, s2 = TensorShape(s1), TensorShape(s2)
    if s1.ndims is None or s2.ndims is None or s1.ndims != s2.ndims:
        return TensorShape(None)
    return TensorShape([a if a is not None and a == b else None
                        for a, b in zip(s1.as_list(), s2.as_list())])


class QueueBase:
    """`tf.QueueBase`: the enqueue/dequeue API over a queue resource."""

    def __init__(self, dtypes, shapes, names, queue_ref):
        self._dtypes = dtypes
        if shapes is not None:
            if len(shapes) != len(dtypes):
                raise ValueError("Queue shapes must have the same length as dtypes")
            self._shapes = [TensorShape(s) for s in shapes]
        else:
            self._shapes = [TensorShape(None) for _ in self._dtypes]
        if names is not None and len(names) != len(dtypes):
            raise ValueError("Queue names must have the same length as dtypes")
        self._names = names
        self._queue_ref = queue_ref
        self._name = queue_ref.op.name.split("/")[-1]

    @staticmethod
    def from_list(index, queues):
        """A queue selected at run time from `queues` by `index`."""
        if (not queues or not isinstance(queues, list)
                or not all(isinstance(x, QueueBase) for x in queues)):
            raise TypeError("A list of queues expected")
        dtypes = queues[0].dtypes
        if not all(dtypes == q.dtypes for q in queues[1:]):
            raise TypeError("Queues do not have matching component dtypes.")
        names = queues[0].names
        if not all(names == q.names for q in queues[1:]):
            raise TypeError("Queues do not have matching component names.")
        shapes = [reduce(_shape_common, s) for s in zip(*[q.shapes for q in queues])]
        refs = _op("Pack", "stack", values=[x.queue_ref for x in queues], axis=0)
        return QueueBase(dtypes=dtypes, shapes=shapes, names=names,
                         queue_ref=_op("GatherV2", None, params=refs, indices=index, axis=0))

    queue_ref = property(lambda self: self._queue_ref)
    name = property(lambda self: self._queue_ref.op.name)
    dtypes = property(lambda self: self._dtypes)
    shapes = property(lambda self: self._shapes)
    names = property(lambda self: self._names)

    def _check_enqueue_dtypes(self, vals):
        if isinstance(vals, dict):
            if not self._names:
                raise ValueError("Queue must have names to enqueue a dictionary")
            if sorted(self._names, key=str) != sorted(vals.keys(), key=str):
                raise ValueError("Keys in dictionary to enqueue do not match names of Queue.  "
                                 "Dictionary: (%s), Queue: (%s)"
                                 % (sorted(vals.keys()), sorted(self._names)))
            vals = [vals[k] for k in self._names]
        else:
            if self._names:
                raise ValueError("You must enqueue a dictionary in a Queue with names")
            if not isinstance(vals, (list, tuple)):
                vals = [vals]
        return [convert_to_tensor(v, dtype=d, name="component_%d" % i)
                for i, (v, d) in enumerate(zip(vals, self._dtypes))]

    @staticmethod
    def _scope_vals(vals):
        if isinstance(vals, (list, tuple)):
            return vals
        return list(vals.values()) if isinstance(vals, dict) else [vals]

    def enqueue(self, vals, name=None):
        with name_scope(name, "%s_enqueue" % self._name, self._scope_vals(vals)) as scope:
            vals = self._check_enqueue_dtypes(vals)
            for val, shape in zip(vals, self._shapes):
                val.shape.assert_is_compatible_with(shape)
            return _op("QueueEnqueueV2", scope, handle=self._queue_ref, components=vals)

    def enqueue_many(self, vals, name=None):
        with name_scope(name, "%s_EnqueueMany" % self._name, self._scope_vals(vals)) as scope:
            vals = self._check_enqueue_dtypes(vals)
            batch_dim = Dimension(dimension_value(vals[0].shape.with_rank_at_least(1)[0]))
            for val, shape in zip(vals, self._shapes):
                batch_dim = batch_dim.merge_with(
                    Dimension(dimension_value(val.shape.with_rank_at_least(1)[0])))
                val.shape[1:].assert_is_compatible_with(shape)
            return _op("QueueEnqueueManyV2", scope, handle=self._queue_ref, components=vals)

    def _dequeue_return_value(self, tensors):
        if self._names:
            return {n: tensors[i] for i, n in enumerate(self._names)}
        return tensors[0] if len(tensors) == 1 else tensors

    def _dequeue(self, op_type, name, batch, **kw):
        op = apply_op_helper(op_type, name=name, handle=self._queue_ref,
                             component_types=self._dtypes, **kw)
        for out, shape in zip(op.outputs, self._shapes):
            out.set_shape(shape if batch is False else TensorShape([batch]).concatenate(shape))
        return self._dequeue_return_value(list(op.outputs))

    def dequeue(self, name=None):
        return self._dequeue("QueueDequeueV2", name or "%s_Dequeue" % self._name, False)

    def dequeue_many(self, n, name=None):
        op = apply_op_helper("QueueDequeueManyV2", name=name or "%s_DequeueMany" % self._name,
                             handle=self._queue_ref, n=n, component_types=self._dtypes)
        value = constant_value(op.inputs[1])
        batch = Dimension(None if value is None else int(value))
        for out, shape in zip(op.outputs, self._shapes):
            out.set_shape(TensorShape([batch]).concatenate(shape))
        return self._dequeue_return_value(list(op.outputs))

    def dequeue_up_to(self, n, name=None):
        return self._dequeue("QueueDequeueUpToV2", name or "%s_DequeueUpTo" % self._name, None,
                             n=n)

    def close(self, cancel_pending_enqueues=False, name=None):
        return _op("QueueCloseV2", name or "%s_Close" % self._name, handle=self._queue_ref,
                   cancel_pending_enqueues=cancel_pending_enqueues)

    def is_closed(self, name=None):
        return _op("QueueIsClosedV2", name or "%s_Is_Closed" % self._name,
                   handle=self._queue_ref)

    def size(self, name=None):
        return _op("QueueSizeV2", name or "%s_Size" % self._name, handle=self._queue_ref)


class RandomShuffleQueue(QueueBase):
    """`tf.RandomShuffleQueue`: dequeues a random element; seeded as TF's random ops."""

    def __init__(self, capacity, min_after_dequeue, dtypes, shapes=None, names=None, seed=None,
                 shared_name=None, name="random_shuffle_queue"):
        dtypes = _as_type_list(dtypes)
        shapes = _as_shape_list(shapes, dtypes)
        names = _as_name_list(names, dtypes)
        seed1, seed2 = get_seed(seed)
        if seed1 is None and seed2 is None:
            seed1, seed2 = 0, 0
        elif seed is None and shared_name is not None:
            string = (str(seed1) + shared_name).encode("utf-8")
            seed2 = int(hashlib.md5(string).hexdigest()[:8], 16) & 0x7FFFFFFF
        ref = _op("RandomShuffleQueueV2", name, component_types=dtypes, shapes=shapes,
                  capacity=capacity, min_after_dequeue=min_after_dequeue, seed=seed1,
                  seed2=seed2, shared_name=shared_name)
        super().__init__(dtypes, shapes, names, ref)


class FIFOQueue(QueueBase):
    """`tf.FIFOQueue`."""

    def __init__(self, capacity, dtypes, shapes=None, names=None, shared_name=None,
                 name="fifo_queue"):
        dtypes = _as_type_list(dtypes)
        shapes = _as_shape_list(shapes, dtypes)
        names = _as_name_list(names, dtypes)
        ref = _op("FIFOQueueV2", name, component_types=dtypes, shapes=shapes,
                  capacity=capacity, shared_name=shared_name)
        super().__init__(dtypes, shapes, names, ref)


class PaddingFIFOQueue(QueueBase):
    """`tf.PaddingFIFOQueue`: batches pad each component to the longest element."""

    def __init__(self, capacity, dtypes, shapes, names=None, shared_name=None,
                 name="padding_fifo_queue"):
        dtypes = _as_type_list(dtypes)
        shapes = _as_shape_list(shapes, dtypes, unknown_dim_allowed=True)
        names = _as_name_list(names, dtypes)
        if len(dtypes) != len(shapes):
            raise ValueError("Shapes must be provided for all components, but received %d "
                             "dtypes and %d shapes." % (len(dtypes), len(shapes)))
        ref = _op("PaddingFIFOQueueV2", name, component_types=dtypes, shapes=shapes,
                  capacity=capacity, shared_name=shared_name)
        super().__init__(dtypes, shapes, names, ref)


class PriorityQueue(QueueBase):
    """`tf.PriorityQueue`: elements carry an int64 priority as component 0."""

    def __init__(self, capacity, types, shapes=None, names=None, shared_name=None,
                 name="priority_queue"):
        types = _as_type_list(types)
        shapes = _as_shape_list(shapes, types)
        ref = _op("PriorityQueueV2", name, component_types=types, shapes=shapes or [],
                  capacity=capacity, shared_name=shared_name)
        super().__init__([_dtypes.int64] + types, [()] + shapes if shapes else shapes, names,
                         ref)


def _cast64(x):
    return math_ops.cast(convert_to_tensor(x), _dtypes.int64)


class ConditionalAccumulatorBase:
    """`tf.ConditionalAccumulatorBase`: averages gradients of a current step."""

    def __init__(self, dtype, shape, accumulator_ref):
        self._dtype = dtype
        self._shape = TensorShape(shape) if shape is not None else TensorShape(None)
        self._accumulator_ref = accumulator_ref
        self._name = accumulator_ref.op.name.split("/")[-1]

    accumulator_ref = property(lambda self: self._accumulator_ref)
    name = property(lambda self: self._name)
    dtype = property(lambda self: self._dtype)

    def num_accumulated(self, name=None):
        return _op("ResourceAccumulatorNumAccumulated", name or "%s_NumAccumulated" % self._name,
                   handle=self._accumulator_ref)

    def set_global_step(self, new_global_step, name=None):
        return _op("ResourceAccumulatorSetGlobalStep", name, handle=self._accumulator_ref,
                   new_global_step=_cast64(new_global_step))


class ConditionalAccumulator(ConditionalAccumulatorBase):
    """`tf.ConditionalAccumulator` (TF 1.15 builds the resource form)."""

    def __init__(self, dtype, shape=None, shared_name=None, name="conditional_accumulator",
                 reduction_type="MEAN"):
        ref = _op("ResourceConditionalAccumulator", name, dtype=dtype, shape=shape,
                  shared_name=shared_name, reduction_type=reduction_type)
        super().__init__(dtype, shape, ref)

    def apply_grad(self, grad, local_step=0, name=None):
        grad = convert_to_tensor(grad, self._dtype)
        grad.shape.assert_is_compatible_with(self._shape)
        local_step = _cast64(local_step)
        return _op("ResourceAccumulatorApplyGradient", name, handle=self._accumulator_ref,
                   local_step=local_step, gradient=grad)

    def take_grad(self, num_required, name=None):
        out = _op("ResourceAccumulatorTakeGradient", name, handle=self._accumulator_ref,
                  num_required=num_required, dtype=self._dtype)
        out.set_shape(self._shape)
        return out


class SparseConditionalAccumulator(ConditionalAccumulatorBase):
    """`tf.SparseConditionalAccumulator` (reference-typed handle, as TF 1.15)."""

    def __init__(self, dtype, shape=None, shared_name=None,
                 name="sparse_conditional_accumulator", reduction_type="MEAN"):
        ref = _op("SparseConditionalAccumulator", name, dtype=dtype, shape=shape,
                  shared_name=shared_name, reduction_type=reduction_type)
        super().__init__(dtype, shape, ref)

    def apply_indexed_slices_grad(self, grad, local_step=0, name=None):
        return self.apply_grad(grad_indices=grad.indices, grad_values=grad.values,
                               grad_shape=grad.dense_shape, local_step=local_step, name=name)

    def apply_grad(self, grad_indices, grad_values, grad_shape=None, local_step=0, name=None):
        local_step = _cast64(local_step)
        return _op("SparseAccumulatorApplyGradient", name, handle=self._accumulator_ref,
                   local_step=local_step, gradient_indices=math_ops.cast(
                       grad_indices, _dtypes.int64), gradient_values=grad_values,
                   gradient_shape=math_ops.cast([] if grad_shape is None else grad_shape,
                                                _dtypes.int64),
                   has_known_shape=grad_shape is not None)

    def take_grad(self, num_required, name=None):
        from collections import namedtuple

        out = _op("SparseAccumulatorTakeGradient", name, handle=self._accumulator_ref,
                  num_required=num_required, dtype=self._dtype)
        return namedtuple("SparseAccumulatorTakeGradient", ["indices", "values", "shape"])(*out)

    def take_indexed_slices_grad(self, num_required, name=None):
        from ..framework.indexed_slices import IndexedSlices

        out = self.take_grad(num_required, name=name)
        return IndexedSlices(indices=out.indices, values=out.values, dense_shape=out.shape)

    def num_accumulated(self, name=None):
        return _op("AccumulatorNumAccumulated", name or "%s_NumAccumulated" % self._name,
                   handle=self._accumulator_ref)

    def set_global_step(self, new_global_step, name=None):
        return _op("AccumulatorSetGlobalStep", name, handle=self._accumulator_ref,
                   new_global_step=_cast64(new_global_step))
