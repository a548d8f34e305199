"""TF 1.15's candidate samplers and sampled losses (`candidate_sampling_ops.py`,
`nn_impl.nce_loss` / `sampled_softmax_loss`).

The samplers are random ops seeded as every TF 1.x random op (`get_seed`: a graph
seed alone gives the newest op's id); they are built for structure (running one
raises UnimplementedError), so the losses' graphs, and the op seeds of everything
built after them, are TF's.
"""

from __future__ import annotations

from ..framework import dtypes as _dtypes
from ..framework.constant_op import convert_to_tensor
from ..framework.ops import name_scope
from ..framework.random_seed import get_seed
from ..framework.tensor_shape import TensorShape
from . import array_ops, math_ops, nn_ops
from .gen import apply_op
from .nn_impl import sigmoid_cross_entropy_with_logits


def _sampler(op_type, true_classes, num_true, num_sampled, unique, range_max, seed, name,
             extra=None):
    s1, s2 = get_seed(seed)
    t = convert_to_tensor(true_classes) if hasattr(true_classes, "dtype") else None
    batch = t.shape.as_list()[0] if t is not None and t.shape.rank == 2 else None
    attrs = {"num_true": num_true, "num_sampled": num_sampled, "unique": unique,
             "range_max": range_max, "seed": s1 or 0, "seed2": s2 or 0}
    attrs.update(extra or {})
    return tuple(apply_op(op_type, name, [(true_classes, "true_classes", _dtypes.int64)],
                          outputs=[(_dtypes.int64, TensorShape([num_sampled])),
                                   (_dtypes.float32, TensorShape([batch, num_true])),
                                   (_dtypes.float32, TensorShape([num_sampled]))],
                          attrs=attrs))


def log_uniform_candidate_sampler(true_classes, num_true, num_sampled, unique, range_max,
                                  seed=None, name=None):
    return _sampler("LogUniformCandidateSampler", true_classes, num_true, num_sampled, unique,
                    range_max, seed, name)


def uniform_candidate_sampler(true_classes, num_true, num_sampled, unique, range_max,
                              seed=None, name=None):
    return _sampler("UniformCandidateSampler", true_classes, num_true, num_sampled, unique,
                    range_max, seed, name)


def learned_unigram_candidate_sampler(true_classes, num_true, num_sampled, unique, range_max,
                                      seed=None, name=None):
    return _sampler("LearnedUnigramCandidateSampler", true_classes, num_true, num_sampled,
                    unique, range_max, seed, name)


def fixed_unigram_candidate_sampler(true_classes, num_true, num_sampled, unique, range_max,
                                    vocab_file="", distortion=1.0, num_reserved_ids=0,
                                    num_shards=1, shard=0, unigrams=(), seed=None, name=None):
    return _sampler("FixedUnigramCandidateSampler", true_classes, num_true, num_sampled,
                    unique, range_max, seed, name,
                    extra={"vocab_file": vocab_file, "distortion": float(distortion),
                           "num_reserved_ids": num_reserved_ids, "num_shards": num_shards,
                           "shard": shard, "unigrams": [float(u) for u in unigrams]})


def all_candidate_sampler(true_classes, num_true, num_sampled, unique, seed=None, name=None):
    out = _sampler("AllCandidateSampler", true_classes, num_true, num_sampled, unique, None,
                   seed, name)
    out[0].op._attrs.pop("range_max", None)  # AllCandidateSampler has no range_max
    return out


def compute_accidental_hits(true_classes, sampled_candidates, num_true, seed=None,
                            name=None):
    s1, s2 = get_seed(seed)
    return tuple(apply_op("ComputeAccidentalHits", name, [
        (true_classes, "true_classes", _dtypes.int64),
        (sampled_candidates, "sampled_candidates", _dtypes.int64)],
        outputs=[(_dtypes.int32, TensorShape([None])), (_dtypes.int64, TensorShape([None])),
                 (_dtypes.float32, TensorShape([None]))],
        attrs={"num_true": num_true, "seed": s1 or 0, "seed2": s2 or 0}))


def _sum_rows(x):
    cols = array_ops.shape(x)[1]
    ones = array_ops.ones(array_ops.stack([cols, 1]), x.dtype)
    return array_ops.reshape(math_ops.matmul(x, ones), [-1])


def _compute_sampled_logits(weights, biases, labels, inputs, num_sampled, num_classes,
                            num_true=1, sampled_values=None, subtract_log_q=True,
                            remove_accidental_hits=False, partition_strategy="mod", name=None,
                            seed=None):
    if not isinstance(weights, list):
        weights = [weights]
    with name_scope(name, "compute_sampled_logits", weights + [biases, inputs, labels]):
        labels = convert_to_tensor(labels)
        if labels.dtype != _dtypes.int64:
            labels = math_ops.cast(labels, _dtypes.int64)
        labels_flat = array_ops.reshape(labels, [-1])
        if sampled_values is None:
            sampled_values = log_uniform_candidate_sampler(
                true_classes=labels, num_true=num_true, num_sampled=num_sampled, unique=True,
                range_max=num_classes, seed=seed)
        sampled, true_expected, sampled_expected = (array_ops.stop_gradient(s)
                                                    for s in sampled_values)
        sampled = math_ops.cast(sampled, _dtypes.int64)
        all_ids = array_ops.concat([labels_flat, sampled], 0)
        all_w = nn_ops.embedding_lookup(weights, all_ids, partition_strategy=partition_strategy)
        inputs = convert_to_tensor(inputs)
        if all_w.dtype != inputs.dtype:
            all_w = math_ops.cast(all_w, inputs.dtype)
        true_w = array_ops.slice(all_w, [0, 0],
                                 array_ops.stack([array_ops.shape(labels_flat)[0], -1]))
        sampled_w = array_ops.slice(all_w, array_ops.stack([array_ops.shape(labels_flat)[0], 0]),
                                    [-1, -1])
        sampled_logits = math_ops.matmul(inputs, sampled_w, transpose_b=True)
        all_b = nn_ops.embedding_lookup(biases, all_ids, partition_strategy=partition_strategy)
        if all_b.dtype != inputs.dtype:
            all_b = math_ops.cast(all_b, inputs.dtype)
        true_b = array_ops.slice(all_b, [0], array_ops.shape(labels_flat))
        sampled_b = array_ops.slice(all_b, array_ops.shape(labels_flat), [-1])
        dim = array_ops.shape(true_w)[1:2]
        new_true_w_shape = array_ops.concat([[-1, num_true], dim], 0)
        row_dots = math_ops.multiply(array_ops.expand_dims(inputs, 1),
                                     array_ops.reshape(true_w, new_true_w_shape))
        dots = array_ops.reshape(row_dots, array_ops.concat([[-1], dim], 0))
        true_logits = array_ops.reshape(_sum_rows(dots), [-1, num_true])
        true_b = array_ops.reshape(true_b, [-1, num_true])
        true_logits += true_b
        sampled_logits += sampled_b
        if remove_accidental_hits:
            idx, ids, acc_weights = compute_accidental_hits(labels, sampled, num_true=num_true)
            idx_2d = array_ops.reshape(idx, [-1, 1])
            ids_2d = array_ops.reshape(math_ops.cast(ids, _dtypes.int32), [-1, 1])
            sparse_indices = array_ops.concat([idx_2d, ids_2d], 1, "sparse_indices")
            logits_shape = array_ops.concat([array_ops.shape(labels)[:1],
                                             array_ops.expand_dims(num_sampled, 0)], 0)
            if sampled_logits.dtype != acc_weights.dtype:
                acc_weights = math_ops.cast(acc_weights, sampled_logits.dtype)
            sampled_logits += apply_op(
                "SparseToDense", None, [(sparse_indices, "sparse_indices", None),
                                        (logits_shape, "output_shape", None),
                                        (acc_weights, "sparse_values", None),
                                        (0.0, "default_value", acc_weights.dtype)],
                dtype=acc_weights.dtype, attrs={"validate_indices": False})
        if subtract_log_q:
            true_logits -= math_ops.log(true_expected)
            sampled_logits -= math_ops.log(sampled_expected)
        out_logits = array_ops.concat([true_logits, sampled_logits], 1)
        out_labels = array_ops.concat([array_ops.ones_like(true_logits) / num_true,
                                       array_ops.zeros_like(sampled_logits)], 1)
        return out_logits, out_labels


def nce_loss(weights, biases, labels, inputs, num_sampled, num_classes, num_true=1,
             sampled_values=None, remove_accidental_hits=False, partition_strategy="mod",
             name="nce_loss"):
    logits, labels = _compute_sampled_logits(
        weights=weights, biases=biases, labels=labels, inputs=inputs, num_sampled=num_sampled,
        num_classes=num_classes, num_true=num_true, sampled_values=sampled_values,
        subtract_log_q=True, remove_accidental_hits=remove_accidental_hits,
        partition_strategy=partition_strategy, name=name)
    losses = sigmoid_cross_entropy_with_logits(labels=labels, logits=logits,
                                               name="sampled_losses")
    return _sum_rows(losses)


def sampled_softmax_loss(weights, biases, labels, inputs, num_sampled, num_classes,
                         num_true=1, sampled_values=None, remove_accidental_hits=True,
                         partition_strategy="mod", name="sampled_softmax_loss", seed=None):
    logits, labels = _compute_sampled_logits(
        weights=weights, biases=biases, labels=labels, inputs=inputs, num_sampled=num_sampled,
        num_classes=num_classes, num_true=num_true, sampled_values=sampled_values,
        subtract_log_q=True, remove_accidental_hits=remove_accidental_hits,
        partition_strategy=partition_strategy, name=name, seed=seed)
    labels = array_ops.stop_gradient(labels, name="labels_stop_gradient")
    return nn_ops.softmax_cross_entropy_with_logits_v2(labels=labels, logits=logits)

