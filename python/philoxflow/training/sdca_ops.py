"""`tf.train.sdca_*`: TF's generated wrappers of the SDCA ops (built for structure)."""

from __future__ import annotations

import collections

from ..ops.data_flow_ops import _op


class VocabInfo(collections.namedtuple("VocabInfo", [
        "new_vocab", "new_vocab_size", "num_oov_buckets", "old_vocab", "old_vocab_size",
        "backup_initializer", "axis"])):
    """`tf.train.VocabInfo`: how to warm-start an embedding over a changed vocabulary."""

    def __new__(cls, new_vocab, new_vocab_size, num_oov_buckets, old_vocab, old_vocab_size=-1,
                backup_initializer=None, axis=0):
        if axis not in (0, 1):
            raise ValueError("The only supported values for the axis argument are 0 and 1.  "
                             "Provided axis: {}".format(axis))
        return super().__new__(cls, new_vocab, new_vocab_size, num_oov_buckets, old_vocab,
                               old_vocab_size, backup_initializer, axis)


def sdca_fprint(input, name=None):  # noqa: A002 - TF's name
    return _op("SdcaFprint", name, input=input)


def sdca_shrink_l1(weights, l1, l2, name=None):
    return _op("SdcaShrinkL1", name, weights=weights, l1=l1, l2=l2)


def sdca_optimizer(sparse_example_indices, sparse_feature_indices, sparse_feature_values,
                   dense_features, example_weights, example_labels, sparse_indices,
                   sparse_weights, dense_weights, example_state_data, loss_type, l1, l2,
                   num_loss_partitions, num_inner_iterations, adaptative=True, name=None):
    return _op("SdcaOptimizer", name, sparse_example_indices=sparse_example_indices,
               sparse_feature_indices=sparse_feature_indices,
               sparse_feature_values=sparse_feature_values, dense_features=dense_features,
               example_weights=example_weights, example_labels=example_labels,
               sparse_indices=sparse_indices, sparse_weights=sparse_weights,
               dense_weights=dense_weights, example_state_data=example_state_data,
               loss_type=loss_type, l1=l1, l2=l2, num_loss_partitions=num_loss_partitions,
               num_inner_iterations=num_inner_iterations, adaptative=adaptative)
