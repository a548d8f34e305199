"""`tf.contrib.training.rejection_sample` and `stratified_sample` (`sampling_ops.py`):
examples kept by a graph-seeded uniform draw against their acceptance probability, then
batched by `maybe_batch`, built as TF 1.15 builds them."""

from __future__ import annotations

from ...framework import dtypes as _dtypes
from ...framework.constant_op import convert_to_tensor
from ...framework.ops import name_scope
from ...ops import array_ops, check_ops, control_flow_ops, math_ops
from ...training import input as input_ops


def _squeeze0(x):
    from ...ops.array_ops import squeeze

    return squeeze(x, [0])


def rejection_sample(tensors, accept_prob_fn, batch_size, queue_threads=1, enqueue_many=False,
                     prebatch_capacity=16, prebatch_threads=1, runtime_checks=False,
                     name=None):
    """A batch of the examples that `accept_prob_fn` accepts (randomly)."""
    from ...ops.random_ops import random_uniform
    from ...ops.variable_scope import variable_scope

    with variable_scope(name, "rejection_sample", tensors):
        tensor_list = [convert_to_tensor(t) for t in tensors]
        if enqueue_many:
            first = tensor_list[0].shape.with_rank_at_least(1)[0]
            for t in tensor_list:
                dim = t.shape.with_rank_at_least(1)[0]
                if not dim.is_compatible_with(first):
                    raise ValueError("Dimensions %s and %s are not compatible" % (dim, first))
            batched = input_ops.batch(tensor_list, batch_size=1, num_threads=prebatch_threads,
                                      capacity=prebatch_capacity, enqueue_many=True)
            tensor_list = [_squeeze0(x) for x in batched]
        cur_prob = accept_prob_fn(tensor_list)
        if runtime_checks:
            cur_prob = array_ops.identity(control_flow_ops.with_dependencies(
                [check_ops.assert_less_equal(0.0, cur_prob),
                 check_ops.assert_less_equal(cur_prob, 1.0)], cur_prob),
                name="prob_with_checks")
        minibatch = input_ops.maybe_batch(tensor_list,
                                          keep_input=random_uniform([]) < cur_prob,
                                          batch_size=batch_size, num_threads=queue_threads)
        return minibatch if isinstance(minibatch, list) else [minibatch]


__all__ = ["rejection_sample", "resample_at_rate", "stratified_sample"]


def _estimate_data_distribution(labels, num_classes, smoothing_constant=10):
    from ...ops.array_ops import one_hot
    from ...ops.variable_scope import variable

    if smoothing_constant <= 0:
        raise ValueError("smoothing_constant must be nonzero.")
    seen = variable(initial_value=[smoothing_constant] * num_classes, trainable=False,
                    name="class_count", dtype=_dtypes.int64)
    seen = seen.assign_add(math_ops.reduce_sum(one_hot(labels, num_classes,
                                                       dtype=_dtypes.int64), 0))
    seen += 0
    estimate = math_ops.truediv(seen, math_ops.reduce_sum(seen))
    return math_ops.cast(estimate, _dtypes.float32)


def _verify_input(tensor_list, labels, probs_list):
    checked = []
    for probs in probs_list:
        probs.shape.assert_is_fully_defined()
        probs.shape.assert_has_rank(1)
        tol = 1e-6
        total = math_ops.reduce_sum(probs)
        checked.append(control_flow_ops.with_dependencies(
            [check_ops.assert_non_negative(probs), check_ops.assert_less(total, 1.0 + tol),
             check_ops.assert_less(1.0 - tol, total)], probs))
    n = checked[0].shape.num_elements()
    if any(c.shape.num_elements() != n for c in checked):
        raise ValueError("Probability parameters must have the same length.")
    labels.shape.assert_has_rank(1)
    for t in tensor_list:
        dim = t.shape.with_rank_at_least(1)[0]
        if not dim.is_compatible_with(labels.shape[0]):
            raise ValueError("Dimensions %s and %s are not compatible" % (dim, labels.shape[0]))
    batch = array_ops.shape(labels)[0]
    positive = check_ops.assert_positive(batch)
    labels = control_flow_ops.with_dependencies([positive], labels)
    tensor_list = [control_flow_ops.with_dependencies(
        [positive, check_ops.assert_equal(array_ops.shape(x)[0], batch)], x)
        for x in tensor_list]
    labels = control_flow_ops.with_dependencies(
        [check_ops.assert_integer(labels), check_ops.assert_non_negative(labels),
         check_ops.assert_less(labels, math_ops.cast(n, labels.dtype))], labels)
    return tensor_list, labels, checked


def stratified_sample(tensors, labels, target_probs, batch_size, init_probs=None,
                      enqueue_many=False, queue_capacity=16, threads_per_queue=1, name=None):
    """A batch whose labels follow `target_probs`: `(tensors, labels)` batches."""
    from ...math import is_nan
    from ...ops.array_ops import expand_dims, gather, zeros_like
    from ...ops.array_ops_ext import Print, where_v2
    from ...ops.math_ops_ext import logical_or
    from ...ops.random_ops import random_uniform

    with name_scope(name, "stratified_sample", list(tensors) + [labels]):
        tensor_list = [convert_to_tensor(t) for t in tensors]
        labels = convert_to_tensor(labels)
        target_probs = convert_to_tensor(target_probs, dtype=_dtypes.float32)
        if not enqueue_many:
            tensor_list = [expand_dims(t, 0) for t in tensor_list]
            labels = expand_dims(labels, 0)
        if init_probs is None:
            target_probs.shape.assert_is_fully_defined()
            init_probs = _estimate_data_distribution(labels, target_probs.shape.num_elements())
        else:
            init_probs = convert_to_tensor(init_probs, dtype=_dtypes.float32)
        tensor_list, labels, [init_probs, target_probs] = _verify_input(
            tensor_list, labels, [init_probs, target_probs])
        assert_op = control_flow_ops.Assert(math_ops.reduce_all(logical_or(
            math_ops.not_equal(init_probs, 0), math_ops.equal(target_probs, 0))), [
            "All classes with zero initial probability must also have zero target "
            "probability: ", init_probs, target_probs])
        init_probs = control_flow_ops.with_dependencies([assert_op], init_probs)
        ratio = target_probs / init_probs
        ratio = where_v2(is_nan(ratio), zeros_like(ratio), ratio)
        accept = ratio / math_ops.reduce_max(ratio)
        rejected = math_ops.reduce_sum((1 - accept) * init_probs)
        accept = control_flow_ops.cond(
            math_ops.less(rejected, .5), lambda: accept,
            lambda: Print(accept, [accept], message="Proportion of examples rejected by "
                          "sampler is high.", first_n=10))
        batched = input_ops.batch(tensor_list + [labels], batch_size=1,
                                  num_threads=threads_per_queue, capacity=queue_capacity,
                                  enqueue_many=True)
        values = [_squeeze0(x) for x in batched[:-1]]
        label = _squeeze0(batched[-1])
        cur_prob = gather(accept, label)
        batched = input_ops.maybe_batch(values + [label],
                                        keep_input=random_uniform([]) < cur_prob,
                                        batch_size=batch_size, num_threads=threads_per_queue)
        return batched[:-1], batched[-1]


def _repeat_range(counts, name=None):
    """`[0]*counts[0] + [1]*counts[1] + ...` through a while loop writing a TensorArray."""
    from ...ops.array_ops import fill, shape, zeros
    from ...ops.tensor_array_ops import TensorArray
    from ...ops.while_loop import while_loop

    with name_scope(name, "repeat_range", [counts]) as scope:
        counts = convert_to_tensor(counts, name="counts")
        size = shape(counts)[0]

        def cond(unused_output, i):
            return i < size

        def body(output, i):
            return output.write(i, fill(counts[i:i + 1], i)), i + 1

        out = TensorArray(dtype=_dtypes.int32, size=size, infer_shape=False)
        out, writes = while_loop(cond, body, loop_vars=[out, 0])
        return control_flow_ops.cond(writes > 0, out.concat,
                                     lambda: zeros(shape=[0], dtype=_dtypes.int32), name=scope)


def resample_at_rate(inputs, rates, scope=None, seed=None, back_prop=False):
    """Each row repeated a Poisson(rate) number of times (graph-seeded)."""
    from ...ops.array_ops import gather, stop_gradient
    from ...ops.random_ops import random_poisson

    with name_scope(scope, "resample_at_rate", list(inputs) + [rates]):
        rates = convert_to_tensor(rates, name="rates")
        counts = math_ops.cast(random_poisson(rates, (), rates.dtype, seed=seed), _dtypes.int32)
        indices = _repeat_range(counts)
        if not back_prop:
            indices = stop_gradient(indices)
        return [gather(x, indices) for x in inputs]
