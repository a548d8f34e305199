"""`tf.losses` (TF 1.x `losses_impl.py`): weighted losses reduced as TF 1.15 builds them.

Built for graph structure (the cross-entropy and reduction ops have no kernel
here): weights are converted and checked (`assert_broadcastable`), the losses
multiplied, summed and divided by the number of non-zero weights.
"""

from __future__ import annotations

from ..framework import dtypes as _dtypes
from ..framework.constant_op import convert_to_tensor
from ..framework.ops import GraphKeys, Tensor, control_dependencies, get_default_graph, name_scope
from . import array_ops, math_ops, nn_ops
from .control_flow_ops import no_op


class Reduction:
    NONE = "none"
    SUM = "weighted_sum"
    SUM_OVER_BATCH_SIZE = "weighted_sum_over_batch_size"
    MEAN = "weighted_mean"
    SUM_BY_NONZERO_WEIGHTS = "weighted_sum_by_nonzero_weights"
    SUM_OVER_NONZERO_WEIGHTS = SUM_BY_NONZERO_WEIGHTS


def _assert_broadcastable(weights, values):
    with name_scope(None, "assert_broadcastable", (weights, values)):
        with name_scope(None, "weights", (weights,)) as ws:
            weights = convert_to_tensor(weights, name=ws)
            w_shape = array_ops.shape(weights, name="shape")
            w_rank = array_ops.rank(weights, name="rank")
        with name_scope(None, "values", (values,)) as vs:
            values = convert_to_tensor(values, name=vs)
            v_shape = array_ops.shape(values, name="shape")
            v_rank = array_ops.rank(values, name="rank")
        wr, vr = array_ops.constant_value(w_rank), array_ops.constant_value(v_rank)
        if wr is None or vr is None:
            raise NotImplementedError("philoxflow's losses need weights and losses of known "
                                      "rank")
        if wr == 0:
            return no_op(name="static_scalar_check_success")
        if wr != vr:
            raise ValueError(f"weights can not be broadcast to values. values.rank={vr}. "
                             f"weights.rank={wr}.")
        ws_, vs_ = array_ops.constant_value(w_shape), array_ops.constant_value(v_shape)
        if ws_ is not None and vs_ is not None:
            for a, b in zip(ws_, vs_):
                if a not in (1, b):
                    raise ValueError("weights can not be broadcast to values.")
            return no_op(name="static_dims_check_success")
        raise NotImplementedError("philoxflow's losses: weights of rank > 0 need static shapes")


def _broadcast_weights(weights, values):
    with name_scope(None, "broadcast_weights", (weights, values)) as scope:
        values = convert_to_tensor(values, name="values")
        with name_scope(None, "weights", (weights,)) as ws:
            weights = convert_to_tensor(weights, name=ws)
        if weights.shape.is_fully_defined() and values.shape.is_fully_defined() and \
                weights.shape.is_compatible_with(values.shape):
            return weights
        with control_dependencies((_assert_broadcastable(weights, values),)):
            return math_ops._binary("Mul", "Mul", weights, array_ops.ones_like(values),
                                    name=scope)


def _num_elements(losses):
    with name_scope(None, "num_elements", [losses]) as scope:
        return math_ops.cast(array_ops.size(losses, name=scope), dtype=losses.dtype)


def _num_present(losses, weights):
    if isinstance(weights, float) and weights != 0.0:
        return _num_elements(losses)
    with name_scope(None, "num_present", (losses, weights)) as scope:
        weights = math_ops.cast(weights, dtype=_dtypes.float32)
        present = _select(math_ops.equal(weights, 0.0), array_ops.zeros_like(weights),
                          array_ops.ones_like(weights))
        present = _broadcast_weights(present, losses)
        return math_ops.reduce_sum(present, name=scope)


def _select(cond, x, y):
    """TF 1.x's `tf.where(cond, x, y)` (a Select op)."""
    from .gen import apply_op

    return apply_op("Select", None, [(cond, "condition", None), (x, "x", None),
                                     (y, "y", None)], dtype=x.dtype, shape=x.shape)


def _safe_mean(losses, num_present):
    total = math_ops.reduce_sum(losses)
    return math_ops.div_no_nan(total, num_present, name="value")


def compute_weighted_loss(losses, weights=1.0, scope=None, loss_collection=GraphKeys.LOSSES,
                          reduction=Reduction.SUM_BY_NONZERO_WEIGHTS):
    with name_scope(scope, "weighted_loss", (losses, weights)):
        with control_dependencies((_assert_broadcastable(weights, losses),)):
            losses = convert_to_tensor(losses)
            input_dtype = losses.dtype
            losses = math_ops.cast(losses, dtype=_dtypes.float32)
            weights = math_ops.cast(weights, dtype=_dtypes.float32)
            weighted = math_ops.multiply(losses, weights)
            if reduction == Reduction.NONE:
                loss = weighted
            else:
                loss = math_ops.reduce_sum(weighted)
                if reduction == Reduction.MEAN:
                    loss = _safe_mean(loss, math_ops.reduce_sum(
                        array_ops.ones_like(losses) * weights))
                elif reduction == Reduction.SUM_BY_NONZERO_WEIGHTS:
                    loss = _safe_mean(loss, _num_present(losses, weights))
                elif reduction == Reduction.SUM_OVER_BATCH_SIZE:
                    loss = _safe_mean(loss, _num_elements(losses))
            loss = math_ops.cast(loss, input_dtype)
            if loss_collection:
                get_default_graph().add_to_collection(loss_collection, loss)
            return loss


def _remove_squeezable(labels, predictions, weights, expected_rank_diff):
    with name_scope(None, "remove_squeezable_dimensions", [labels, predictions]):
        predictions = convert_to_tensor(predictions)
        labels = convert_to_tensor(labels)
        pr, lr = predictions.shape.rank, labels.shape.rank
        if pr is not None and lr is not None:
            diff = pr - lr
            if diff == expected_rank_diff + 1 and predictions.shape.as_list()[-1] in (1, None):
                predictions = array_ops.squeeze(predictions, [-1])
            elif diff == expected_rank_diff - 1 and labels.shape.as_list()[-1] in (1, None):
                labels = array_ops.squeeze(labels, [-1])
    weights = convert_to_tensor(weights)
    if labels.shape.rank is not None and weights.shape.rank is not None:
        if weights.shape.rank - labels.shape.rank == 1:
            weights = array_ops.squeeze(weights, [-1])
        return labels, predictions, weights
    raise NotImplementedError("philoxflow's losses need labels and weights of known rank")


def sparse_softmax_cross_entropy(labels, logits, weights=1.0, scope=None,
                                 loss_collection=GraphKeys.LOSSES,
                                 reduction=Reduction.SUM_BY_NONZERO_WEIGHTS):
    if labels is None:
        raise ValueError("labels must not be None.")
    if logits is None:
        raise ValueError("logits must not be None.")
    with name_scope(scope, "sparse_softmax_cross_entropy_loss",
                    (logits, labels, weights)) as scope:
        labels, logits, weights = _remove_squeezable(labels, logits, weights, 1)
        losses = nn_ops.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits,
                                                                 name="xentropy")
        return compute_weighted_loss(losses, weights, scope, loss_collection, reduction)


def softmax_cross_entropy(onehot_labels, logits, weights=1.0, label_smoothing=0, scope=None,
                          loss_collection=GraphKeys.LOSSES,
                          reduction=Reduction.SUM_BY_NONZERO_WEIGHTS):
    if onehot_labels is None:
        raise ValueError("onehot_labels must not be None.")
    if logits is None:
        raise ValueError("logits must not be None.")
    with name_scope(scope, "softmax_cross_entropy_loss",
                    (logits, onehot_labels, weights)) as scope:
        logits = convert_to_tensor(logits)
        onehot_labels = math_ops.cast(onehot_labels, logits.dtype)
        if label_smoothing > 0:
            num_classes = math_ops.cast(array_ops.shape(onehot_labels)[-1], logits.dtype)
            smooth_positives = 1.0 - label_smoothing
            smooth_negatives = label_smoothing / num_classes
            onehot_labels = onehot_labels * smooth_positives + smooth_negatives
        onehot_labels = array_ops.stop_gradient(onehot_labels, name="labels_stop_gradient")
        losses = nn_ops.softmax_cross_entropy_with_logits_v2(labels=onehot_labels,
                                                             logits=logits, name="xentropy")
        return compute_weighted_loss(losses, weights, scope, loss_collection, reduction)


def mean_squared_error(labels, predictions, weights=1.0, scope=None,
                       loss_collection=GraphKeys.LOSSES,
                       reduction=Reduction.SUM_BY_NONZERO_WEIGHTS):
    if labels is None:
        raise ValueError("labels must not be None.")
    if predictions is None:
        raise ValueError("predictions must not be None.")
    with name_scope(scope, "mean_squared_error", (predictions, labels, weights)) as scope:
        predictions = math_ops.cast(predictions, dtype=_dtypes.float32)
        labels = math_ops.cast(labels, dtype=_dtypes.float32)
        losses = math_ops.squared_difference(predictions, labels)
        return compute_weighted_loss(losses, weights, scope, loss_collection, reduction)


def get_losses(scope=None, loss_collection=GraphKeys.LOSSES):
    return get_default_graph().get_collection(loss_collection, scope)


def get_regularization_losses(scope=None):
    return get_default_graph().get_collection(GraphKeys.REGULARIZATION_LOSSES, scope)


def get_total_loss(add_regularization_losses=True, name="total_loss", scope=None):
    losses = get_losses(scope)
    if add_regularization_losses:
        losses += get_regularization_losses(scope)
    return math_ops.add_n(losses, name=name)


def add_loss(loss, loss_collection=GraphKeys.LOSSES):
    if loss_collection and isinstance(loss, Tensor):
        get_default_graph().add_to_collection(loss_collection, loss)
