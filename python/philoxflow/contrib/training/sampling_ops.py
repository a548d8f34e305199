"""`tf.contrib.training.rejection_sample` and `stratified_sample` (`sampling_ops.py`):
examples kept by a graph-seeded uniform draw against their acceptance probability, then
batched by `maybe_batch`, built as TF 1.15 builds them."""

from __future__ import annotations

from ...framework.constant_op import convert_to_tensor
from ...ops import array_ops, check_ops, control_flow_ops
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


__all__ = ["rejection_sample"]
