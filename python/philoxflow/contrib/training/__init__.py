"""`tf.contrib.training` (TF 1.15): `HParams`, the training and evaluation loops
(`create_train_op`, `train`, `evaluate_once`, ...), gradient helpers, queue-based
bucketing and sampling, `FeedingQueueRunner` and parameter-server placement strategies."""

from ... import _api_names
from ...training.queue_runner import FeedingQueueRunner
from .bucket_ops import bucket, bucket_by_sequence_length
from .evaluation import (
    GreedyLoadBalancingStrategy,
    RandomStrategy,
    StopAfterNEvalsHook,
    SummaryAtEndHook,
    byte_size_load_fn,
    checkpoints_iterator,
    evaluate_once,
    evaluate_repeatedly,
    get_or_create_eval_step,
    wait_for_new_checkpoint,
)
from .hparam import HParams, parse_values
from .sampling_ops import rejection_sample, resample_at_rate, stratified_sample
from .training import (
    add_gradients_summaries,
    clip_gradient_norms,
    clip_gradient_norms_fn,
    create_train_op,
    multiply_gradients,
    train,
)

__all__ = ["FeedingQueueRunner", "GreedyLoadBalancingStrategy", "HParams", "RandomStrategy",
           "StopAfterNEvalsHook",
           "SummaryAtEndHook", "add_gradients_summaries", "bucket", "bucket_by_sequence_length",
           "byte_size_load_fn",
           "checkpoints_iterator", "clip_gradient_norms", "clip_gradient_norms_fn",
           "create_train_op", "evaluate_once", "evaluate_repeatedly", "get_or_create_eval_step",
           "multiply_gradients", "parse_values", "rejection_sample", "resample_at_rate",
           "stratified_sample", "train",
           "wait_for_new_checkpoint"]

# A name TF 1.15 has here and philoxflow does not says so (issue 16).
__getattr__ = _api_names.module_getattr("contrib.training", __name__)
