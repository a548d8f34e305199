"""TF 1.x queue-based input pipelines (`tensorflow/python/training/input.py`), built as
TF 1.15 builds them: input producers (a shuffled, epoch-limited tensor enqueued into a
FIFOQueue with its QueueRunner and a `fraction_of_N_full` summary), `batch`,
`shuffle_batch` and their `_join` / `maybe_` forms (a FIFO, padding or random-shuffle
queue, one enqueue op per thread, `dequeue_many` or `dequeue_up_to`)."""

from __future__ import annotations

from ..framework import dtypes as _dtypes
from ..framework.constant_op import constant, convert_to_tensor
from ..framework.ops import GraphKeys, control_dependencies, name_scope
from ..framework.sparse_tensor import SparseTensor, constant_value
from ..framework.tensor_shape import as_shape
from ..ops import array_ops, control_flow_ops, data_flow_ops, math_ops, random_ops
from .queue_runner import QueueRunner, add_queue_runner


def _local_variable(initial_value, name, validate_shape=True):
    from ..ops.variable_scope import variable

    return variable(initial_value, name=name, trainable=False, validate_shape=validate_shape,
                    collections=[GraphKeys.LOCAL_VARIABLES])


def match_filenames_once(pattern, name=None):
    """`tf.train.match_filenames_once`: a local variable holding the matching files."""
    with name_scope(name, "matching_filenames", [pattern]) as name:
        files = data_flow_ops._op("MatchingFiles", None, pattern=pattern)
        return _local_variable(files, name, validate_shape=False)


def limit_epochs(tensor, num_epochs=None, name=None):
    """`tf.train.limit_epochs`: `tensor`, until an `epochs` counter reaches `num_epochs`."""
    if num_epochs is None:
        return tensor
    if num_epochs <= 0:
        raise ValueError("num_epochs must be > 0 not %d." % num_epochs)
    with name_scope(name, "limit_epochs", [tensor]) as name:
        zero64 = constant(0, dtype=_dtypes.int64)
        epochs = _local_variable(zero64, "epochs")
        counter = epochs.count_up_to(num_epochs)
        with control_dependencies([counter]):
            return array_ops.identity(tensor, name=name)


def _fraction_summary(name, value):
    from ..summary import scalar

    scalar(name, value)


def input_producer(input_tensor, element_shape=None, num_epochs=None, shuffle=True, seed=None,
                   capacity=32, shared_name=None, summary_name=None, name=None,
                   cancel_op=None):
    """`tf.train.input_producer`: a queue of the rows of `input_tensor`."""
    with name_scope(name, "input_producer", [input_tensor]):
        input_tensor = convert_to_tensor(input_tensor, name="input_tensor")
        element_shape = input_tensor.shape[1:].merge_with(as_shape(element_shape))
        if not element_shape.is_fully_defined():
            raise ValueError("Either `input_tensor` must have a fully defined shape or "
                             "`element_shape` must be specified")
        if shuffle:
            input_tensor = random_ops.random_shuffle(input_tensor, seed=seed)
        input_tensor = limit_epochs(input_tensor, num_epochs)
        q = data_flow_ops.FIFOQueue(capacity=capacity, dtypes=[input_tensor.dtype.base_dtype],
                                    shapes=[element_shape], shared_name=shared_name,
                                    name=name)
        enq = q.enqueue_many([input_tensor])
        add_queue_runner(QueueRunner(q, [enq], cancel_op=cancel_op))
        if summary_name is not None:
            _fraction_summary(summary_name,
                              math_ops.cast(q.size(), _dtypes.float32) * (1. / capacity))
        return q


def string_input_producer(string_tensor, num_epochs=None, shuffle=True, seed=None, capacity=32,
                          shared_name=None, name=None, cancel_op=None):
    """`tf.train.string_input_producer`: a queue of file names (or any strings)."""
    from ..framework.ops import Tensor

    err = "string_input_producer requires a non-null input tensor"
    if not isinstance(string_tensor, Tensor) and not string_tensor:
        raise ValueError(err)
    with name_scope(name, "input_producer", [string_tensor]) as name:
        string_tensor = convert_to_tensor(string_tensor, dtype=_dtypes.string)
        with control_dependencies([control_flow_ops.Assert(
                math_ops.greater(array_ops.size(string_tensor), 0), [err])]):
            string_tensor = array_ops.identity(string_tensor)
        return input_producer(input_tensor=string_tensor, element_shape=[],
                              num_epochs=num_epochs, shuffle=shuffle, seed=seed,
                              capacity=capacity, shared_name=shared_name, name=name,
                              summary_name="fraction_of_%d_full" % capacity,
                              cancel_op=cancel_op)


def range_input_producer(limit, num_epochs=None, shuffle=True, seed=None, capacity=32,
                         shared_name=None, name=None):
    """`tf.train.range_input_producer`: a queue of `0 .. limit-1`."""
    with name_scope(name, "input_producer", [limit]) as name:
        range_tensor = array_ops.range(limit)
        return input_producer(range_tensor, [], num_epochs, shuffle, seed, capacity,
                              shared_name, "fraction_of_%d_full" % capacity, name)


def slice_input_producer(tensor_list, num_epochs=None, shuffle=True, seed=None, capacity=32,
                         shared_name=None, name=None):
    """`tf.train.slice_input_producer`: one row of each tensor per dequeue."""
    with name_scope(name, "input_producer", tensor_list):
        tensor_list = [convert_to_tensor(t) for t in tensor_list]
        if not tensor_list:
            raise ValueError("Expected at least one tensor in slice_input_producer().")
        range_size = array_ops.shape(tensor_list[0])[0]
        queue = range_input_producer(range_size, num_epochs=num_epochs, shuffle=shuffle,
                                     seed=seed, capacity=capacity, shared_name=shared_name)
        index = queue.dequeue()
        return [array_ops.gather(t, index) for t in tensor_list]


# ----------------------------------------------------------------- batching

def _as_tensor_list(tensors):
    if isinstance(tensors, dict):
        return [tensors[k] for k in sorted(tensors, key=str)]
    return tensors


def _as_tensor_list_list(tensors_list):
    if not tensors_list:
        raise ValueError("Expected at least one set of tensors")
    if isinstance(tensors_list[0], dict):
        keys = set(tensors_list[0].keys())
        for tensors in tensors_list[1:]:
            if set(tensors.keys()) != keys:
                raise ValueError("All dictionaries in tensors_list must have the same keys")
        return [_as_tensor_list(t) for t in tensors_list]
    return tensors_list


def _as_original_type(original_tensors, tensor_list):
    if isinstance(original_tensors, dict):
        if len(original_tensors) == 1:
            tensor_list = [tensor_list]
        return {k: tensor_list[i] for i, k in enumerate(sorted(original_tensors, key=str))}
    return tensor_list


def _validate(tensor_list, what="batch()"):
    out = []
    for t in tensor_list:
        if isinstance(t, SparseTensor):
            raise NotImplementedError("batching SparseTensors (TF's AddSparseToTensorsMap) is "
                                      "not built yet")
        out.append(convert_to_tensor(t))
    if not out:
        raise ValueError(f"Expected at least one tensor in {what}.")
    return out


def _validate_keep_input(keep_input, enqueue_many):
    keep_input = convert_to_tensor(keep_input)
    if keep_input.shape.ndims is None:
        raise ValueError("`keep_input` dimensions must be known at graph construction.")
    if not enqueue_many and keep_input.shape.ndims == 1:
        raise ValueError("`keep_input` cannot be a vector when `enqueue_many=False`.")
    if keep_input.shape.ndims > 1:
        raise ValueError("`keep_input` must be 0 or 1 dimensions.")
    return keep_input


def _types_of(tensor_list_list):
    types = [t.dtype for t in tensor_list_list[0]]
    for tl in tensor_list_list[1:]:
        other = [t.dtype for t in tl]
        if other != types:
            raise TypeError("Expected types to be consistent: %s vs. %s."
                            % (", ".join(x.name for x in types), ", ".join(x.name for x in other)))
    return types


def _merge_shapes(shape_list, enqueue_many):
    shape_list = [as_shape(s) for s in shape_list]
    if enqueue_many:
        shape_list = [s.with_rank_at_least(1)[1:] for s in shape_list]
    merged = shape_list[0]
    for s in shape_list[1:]:
        merged.merge_with(s)
    return merged.as_list()


def _shapes(tensor_list_list, shapes, enqueue_many):
    if shapes is None:
        len0 = len(tensor_list_list[0])
        for tl in tensor_list_list:
            for i in range(len0):
                if tl[i].shape.ndims is None:
                    raise ValueError("Cannot infer Tensor's rank: %s" % tl[i])
        shapes = [_merge_shapes([tl[i].shape.as_list() for tl in tensor_list_list],
                                enqueue_many) for i in range(len0)]
    return shapes


def _smart_enqueue(keep_input, fn):
    value = constant_value(keep_input)
    if value is not None:
        return fn() if bool(value) else control_flow_ops.no_op()
    return control_flow_ops.cond(keep_input, fn, control_flow_ops.no_op)


def _select(tensor_list, keep_input):
    select_i = math_ops.cast(keep_input, _dtypes.int32)
    return [data_flow_ops._op("DynamicPartition", None, data=x, partitions=select_i,
                              num_partitions=2)[1] for x in tensor_list]


def _enqueue_ops(queue, tensor_list_list, enqueue_many, keep_input, threads=None):
    fn = queue.enqueue_many if enqueue_many else queue.enqueue
    if threads is not None:  # one op, run by `threads` threads
        if keep_input.shape.ndims == 1:
            ops = [fn(_select(tensor_list_list[0], keep_input))] * threads
        else:
            ops = [_smart_enqueue(keep_input, lambda: fn(tensor_list_list[0]))] * threads
    elif keep_input.shape.ndims == 1:
        ops = [fn(_select(x, keep_input)) for x in tensor_list_list]
    else:
        ops = [_smart_enqueue(keep_input, lambda tl=tl: fn(tl)) for tl in tensor_list_list]
    add_queue_runner(QueueRunner(queue, ops))


def _dequeue(queue, batch_size, allow_smaller_final_batch, name):
    if allow_smaller_final_batch:
        return queue.dequeue_up_to(batch_size, name=name)
    return queue.dequeue_many(batch_size, name=name)


def _batch_any(tensors, tensors_list, batch_size, keep_input, scope, make_queue, summary,
               enqueue_many, shapes, allow_smaller_final_batch, name, threads=None):
    """The common body of `_batch`, `_batch_join`, `_shuffle_batch(_join)`."""
    join = tensors is None
    lists = _as_tensor_list_list(tensors_list) if join else [_as_tensor_list(tensors)]
    flat = [t for tl in lists for t in tl]
    with name_scope(name, scope, flat + [keep_input]) as name:
        if summary is not None and summary[0] <= summary[1]:
            raise ValueError("capacity %d must be bigger than min_after_dequeue %d."
                             % summary)
        lists = [_validate(tl, "batch_join()" if join else "batch()") for tl in lists]
        keep_input = _validate_keep_input(keep_input, enqueue_many)
        types = _types_of(lists)
        shapes = _shapes(lists, shapes, enqueue_many)
        queue, full, summary_name = make_queue(types, shapes)
        _enqueue_ops(queue, lists, enqueue_many, keep_input, threads=threads)
        _fraction_summary(summary_name, full(queue))
        dequeued = _dequeue(queue, batch_size, allow_smaller_final_batch, name)
        return _as_original_type(tensors_list[0] if join else tensors, dequeued)


def _fifo(capacity, dynamic_pad, shared_name):
    def make(types, shapes):
        cls = data_flow_ops.PaddingFIFOQueue if dynamic_pad else data_flow_ops.FIFOQueue
        q = cls(capacity=capacity, dtypes=types, shapes=shapes, shared_name=shared_name)
        return (q, lambda q: math_ops.cast(q.size(), _dtypes.float32) * (1. / capacity),
                "fraction_of_%d_full" % capacity)
    return make


def _shuffle(capacity, min_after_dequeue, seed, shared_name):
    def make(types, shapes):
        q = data_flow_ops.RandomShuffleQueue(capacity=capacity,
                                             min_after_dequeue=min_after_dequeue, seed=seed,
                                             dtypes=types, shapes=shapes,
                                             shared_name=shared_name)

        def full(q):
            over = math_ops.maximum(0, q.size() - min_after_dequeue)
            return math_ops.cast(over, _dtypes.float32) * (1. / (capacity - min_after_dequeue))
        return q, full, "fraction_over_%d_of_%d_full" % (min_after_dequeue,
                                                         capacity - min_after_dequeue)
    return make


def maybe_batch(tensors, keep_input, batch_size, num_threads=1, capacity=32,
                enqueue_many=False, shapes=None, dynamic_pad=False,
                allow_smaller_final_batch=False, shared_name=None, name=None):
    """`tf.train.maybe_batch`."""
    return _batch_any(tensors, None, batch_size, keep_input, "batch",
                      _fifo(capacity, dynamic_pad, shared_name), None, enqueue_many, shapes,
                      allow_smaller_final_batch, name, threads=num_threads)


def batch(tensors, batch_size, num_threads=1, capacity=32, enqueue_many=False, shapes=None,
          dynamic_pad=False, allow_smaller_final_batch=False, shared_name=None, name=None):
    """`tf.train.batch`: batches of `tensors` through a FIFO queue."""
    return maybe_batch(tensors, True, batch_size, num_threads, capacity, enqueue_many, shapes,
                       dynamic_pad, allow_smaller_final_batch, shared_name, name)


def maybe_batch_join(tensors_list, keep_input, batch_size, capacity=32, enqueue_many=False,
                     shapes=None, dynamic_pad=False, allow_smaller_final_batch=False,
                     shared_name=None, name=None):
    """`tf.train.maybe_batch_join`."""
    return _batch_any(None, tensors_list, batch_size, keep_input, "batch_join",
                      _fifo(capacity, dynamic_pad, shared_name), None, enqueue_many, shapes,
                      allow_smaller_final_batch, name)


def batch_join(tensors_list, batch_size, capacity=32, enqueue_many=False, shapes=None,
               dynamic_pad=False, allow_smaller_final_batch=False, shared_name=None,
               name=None):
    """`tf.train.batch_join`: one enqueuing thread per tensor list."""
    return maybe_batch_join(tensors_list, True, batch_size, capacity, enqueue_many, shapes,
                            dynamic_pad, allow_smaller_final_batch, shared_name, name)


def maybe_shuffle_batch(tensors, batch_size, capacity, min_after_dequeue, keep_input,
                        num_threads=1, seed=None, enqueue_many=False, shapes=None,
                        allow_smaller_final_batch=False, shared_name=None, name=None):
    """`tf.train.maybe_shuffle_batch`."""
    return _batch_any(tensors, None, batch_size, keep_input, "shuffle_batch",
                      _shuffle(capacity, min_after_dequeue, seed, shared_name),
                      (capacity, min_after_dequeue), enqueue_many, shapes,
                      allow_smaller_final_batch, name, threads=num_threads)


def shuffle_batch(tensors, batch_size, capacity, min_after_dequeue, num_threads=1, seed=None,
                  enqueue_many=False, shapes=None, allow_smaller_final_batch=False,
                  shared_name=None, name=None):
    """`tf.train.shuffle_batch`: batches drawn at random from a RandomShuffleQueue."""
    return maybe_shuffle_batch(tensors, batch_size, capacity, min_after_dequeue, True,
                               num_threads, seed, enqueue_many, shapes,
                               allow_smaller_final_batch, shared_name, name)


def maybe_shuffle_batch_join(tensors_list, batch_size, capacity, min_after_dequeue, keep_input,
                             seed=None, enqueue_many=False, shapes=None,
                             allow_smaller_final_batch=False, shared_name=None, name=None):
    """`tf.train.maybe_shuffle_batch_join`."""
    return _batch_any(None, tensors_list, batch_size, keep_input, "shuffle_batch_join",
                      _shuffle(capacity, min_after_dequeue, seed, shared_name),
                      (capacity, min_after_dequeue), enqueue_many, shapes,
                      allow_smaller_final_batch, name)


def shuffle_batch_join(tensors_list, batch_size, capacity, min_after_dequeue, seed=None,
                       enqueue_many=False, shapes=None, allow_smaller_final_batch=False,
                       shared_name=None, name=None):
    """`tf.train.shuffle_batch_join`."""
    return maybe_shuffle_batch_join(tensors_list, batch_size, capacity, min_after_dequeue,
                                    True, seed, enqueue_many, shapes,
                                    allow_smaller_final_batch, shared_name, name)
