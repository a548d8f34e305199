"""`tf.contrib.training.bucket` and `bucket_by_sequence_length` (`bucket_ops.py`): one
queue per bucket, a padding top queue of whole batches, and their queue runners, built
as TF 1.15 builds them (over `training/input.py`'s helpers)."""

from __future__ import annotations

import functools

import numpy as np

from ... import errors
from ...framework import dtypes as _dtypes
from ...framework.constant_op import constant, convert_to_tensor
from ...framework.ops import name_scope
from ...framework.sparse_tensor import constant_value
from ...framework.tensor_shape import TensorShape
from ...ops import control_flow_ops, data_flow_ops, math_ops
from ...training import input as input_py
from ...training.queue_runner import QueueRunner, add_queue_runner


def _summary_scalar(name, value):
    from ...summary import scalar

    scalar(name, value)


def bucket(tensors, which_bucket, batch_size, num_buckets, num_threads=1, capacity=32,
           bucket_capacities=None, shapes=None, dynamic_pad=False,
           allow_smaller_final_batch=False, keep_input=True, shared_name=None, name=None):
    """Batches of `tensors`, each drawn from one bucket: `(bucket, batch)`."""
    per_bucket = isinstance(batch_size, (list, tuple))
    if per_bucket and len(batch_size) != num_buckets:
        raise ValueError("If batch_size is a list it must have num_buckets elements")
    batch_size = list(batch_size) if per_bucket else [batch_size] * num_buckets
    if bucket_capacities is None:
        bucket_capacities = [capacity] * num_buckets
    if len(bucket_capacities) != num_buckets:
        raise ValueError("The list bucket_capacities (%s) must have exactly num_buckets (%d) "
                         "elements." % (str(bucket_capacities), num_buckets))
    tensor_list = input_py._as_tensor_list(tensors)
    with name_scope(name, "bucket", tensor_list) as name:
        tensor_list = input_py._validate(tensor_list, "bucket()")
        keep_input = input_py._validate_keep_input(keep_input, enqueue_many=False)
        static = None
        for i, bs in enumerate(batch_size):
            bs = convert_to_tensor(bs, dtype=_dtypes.int32, name="batch_size")
            static = constant_value(bs)
            batch_size[i] = int(static) if static is not None else bs
        types = input_py._types_of([tensor_list])
        shapes = input_py._shapes([tensor_list], shapes, enqueue_many=False)
        which_bucket = convert_to_tensor(which_bucket, dtype=_dtypes.int32, name="which_bucket")
        cls = data_flow_ops.PaddingFIFOQueue if dynamic_pad else data_flow_ops.FIFOQueue
        queues = [cls(capacity=bucket_capacities[i], dtypes=types, shapes=shapes,
                      shared_name=None if shared_name is None else "%s_%d" % (shared_name, i),
                      name="bucket_queue_%d" % i) for i in range(num_buckets)]
        static_batch = None if allow_smaller_final_batch or per_bucket else (
            None if static is None else int(static))
        bucket_shapes = [TensorShape([static_batch]).concatenate(s) for s in queues[0].shapes]
        top = data_flow_ops.PaddingFIFOQueue(
            capacity=capacity, dtypes=[_dtypes.int32] + types,
            shapes=[TensorShape([])] + bucket_shapes, shared_name=shared_name,
            name="top_queue")

        def enqueue_which():
            enqueues = [control_flow_ops.cond(
                math_ops.equal(which_bucket, i), functools.partial(
                    lambda k: queues[k].enqueue(tensor_list), i), control_flow_ops.no_op)
                for i in range(num_buckets)]
            return control_flow_ops.group(*enqueues, name="group_enqueues")

        maybe_enqueue = input_py._smart_enqueue(keep_input, enqueue_which)
        enqueue_ops = [maybe_enqueue] * num_threads

        def read(q, bs, i):
            fn = q.dequeue_up_to if allow_smaller_final_batch else q.dequeue_many
            out = fn(bs, name="read_bucket_%d" % i)
            return list(out) if isinstance(out, (list, tuple)) else [out]

        to_top = [top.enqueue([constant(i)] + read(q, bs, i), name="enqueue_from_bucket_%d" % i)
                  for i, (q, bs) in enumerate(zip(queues, batch_size))]
        closed = (errors.OutOfRangeError, errors.CancelledError)
        add_queue_runner(QueueRunner(queues[0], to_top, close_op=top.close(),
                                     cancel_op=top.close(cancel_pending_enqueues=True),
                                     queue_closed_exception_types=closed))
        add_queue_runner(QueueRunner(
            top, enqueue_ops, close_op=control_flow_ops.group(*[q.close() for q in queues]),
            cancel_op=control_flow_ops.group(*[q.close(cancel_pending_enqueues=True)
                                               for q in queues]),
            queue_closed_exception_types=closed))
        for q in queues:
            _summary_scalar("bucket/%s/size" % q.name,
                            math_ops.cast(top.size(), _dtypes.float32))
        _summary_scalar("bucket/%s/fraction_of_%d_full" % (top.name, capacity),
                        math_ops.cast(top.size(), _dtypes.float32) * (1.0 / capacity))
        dequeued = top.dequeue(name="dequeue_top")
        which, dequeued = dequeued[0], dequeued[1:]
        if len(dequeued) == 1:
            dequeued = dequeued[0]
        return which, input_py._as_original_type(tensors, dequeued)


def bucket_by_sequence_length(input_length, tensors, batch_size, bucket_boundaries,
                              num_threads=1, capacity=32, bucket_capacities=None, shapes=None,
                              dynamic_pad=False, allow_smaller_final_batch=False,
                              keep_input=True, shared_name=None, name=None):
    """`bucket` by the bucket `[boundary_i, boundary_i+1)` holding `input_length`."""
    from ...ops.array_ops_ext import where_v2 as where
    from ...ops.math_ops_ext import logical_and

    tensor_list = input_py._as_tensor_list(tensors)
    if not isinstance(bucket_boundaries, (list, tuple)):
        raise TypeError("bucket_boundaries must be a list or tuple, but received: %s"
                        % bucket_boundaries)
    if not bucket_boundaries:
        raise ValueError("bucket_boundaries must not be empty")
    for s, e in zip(bucket_boundaries[:-1], bucket_boundaries[1:]):
        if not isinstance(s, int) or not isinstance(e, int):
            raise TypeError("bucket boundaries must be integers, but saw: %s and %s" % (s, e))
        if s >= e:
            raise ValueError("Buckets must contain sequential increasing lengths, but saw: %d "
                             "before %d" % (s, e))
    with name_scope(name, "bucket_by_sequence_length", [input_length] + list(tensor_list)):
        input_length = convert_to_tensor(input_length, dtype=_dtypes.int32,
                                         name="input_length")
        lo = [int(np.iinfo(np.int32).min)] + list(bucket_boundaries)
        hi = list(bucket_boundaries) + [int(np.iinfo(np.int32).max)]
        conditions = logical_and(math_ops.less_equal(lo, input_length),
                                 math_ops.less(input_length, hi))
        which = math_ops.cast(math_ops.reduce_min(where(conditions)), _dtypes.int32)
        if shapes is not None:
            shapes = [TensorShape([])] + shapes
        _, dequeued = bucket(tensors=[input_length] + list(tensor_list), which_bucket=which,
                             batch_size=batch_size, num_buckets=len(bucket_boundaries) + 1,
                             num_threads=num_threads, capacity=capacity,
                             bucket_capacities=bucket_capacities, shapes=shapes,
                             dynamic_pad=dynamic_pad,
                             allow_smaller_final_batch=allow_smaller_final_batch,
                             keep_input=keep_input, shared_name=shared_name)
        return dequeued[0], input_py._as_original_type(tensors, dequeued[1:])
