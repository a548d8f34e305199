"""More of `tf.metrics` (`metrics_impl.py`): sensitivity at a specificity and
specificity at a sensitivity, over TF's confusion counts at thresholds."""

from __future__ import annotations

from ..framework import dtypes as _dtypes
from . import math_ops
from .gen import apply_op_helper
from .math_ops_ext import argmin, cumsum
from .metrics_impl import _confusion_matrix_at_thresholds, _div, _value_and_update
from .variable_scope import variable_scope

__all__ = ["sensitivity_at_specificity", "specificity_at_sensitivity"]

_KEYS = ("tp", "tn", "fp", "fn")


def _thresholds(num_thresholds, top):
    kepsilon = 1e-7
    inner = [(i + 1) * 1.0 / (num_thresholds - 1) for i in range(num_thresholds - 2)]
    return [0.0 - kepsilon] + inner + [top]


def sensitivity_at_specificity(labels, predictions, specificity, weights=None,
                               num_thresholds=200, metrics_collections=None,
                               updates_collections=None, name=None):
    """`tf.metrics.sensitivity_at_specificity`."""
    if specificity < 0 or specificity > 1:
        raise ValueError("`specificity` must be in the range [0, 1].")
    with variable_scope(name, "sensitivity_at_specificity", (predictions, labels, weights)):
        kepsilon = 1e-7
        values, updates = _confusion_matrix_at_thresholds(
            labels, predictions, _thresholds(num_thresholds, 1.0 + kepsilon), weights)

        def compute(tp, tn, fp, fn, op_name):
            specificities = _div(tn, tn + fp + kepsilon)
            idx = argmin(math_ops.abs(specificities - specificity), 0)
            idx = math_ops.cast(idx, _dtypes.int32)
            return _div(tp[idx], tp[idx] + fn[idx] + kepsilon, op_name)

        return _value_and_update(compute, [values[k] for k in _KEYS],
                                 [updates[k] for k in _KEYS], metrics_collections,
                                 updates_collections)


def specificity_at_sensitivity(labels, predictions, sensitivity, weights=None,
                               num_thresholds=200, metrics_collections=None,
                               updates_collections=None, name=None):
    """`tf.metrics.specificity_at_sensitivity`."""
    if sensitivity < 0 or sensitivity > 1:
        raise ValueError("`sensitivity` must be in the range [0, 1].")
    with variable_scope(name, "specificity_at_sensitivity", (predictions, labels, weights)):
        kepsilon = 1e-7
        values, updates = _confusion_matrix_at_thresholds(
            labels, predictions, _thresholds(num_thresholds, 1.0 - kepsilon), weights)

        def compute(tp, tn, fp, fn, op_name):
            sensitivities = _div(tp, tp + fn + kepsilon)
            min_val = math_ops.reduce_min(math_ops.abs(sensitivities - sensitivity))
            at_min = math_ops.equal(math_ops.abs(sensitivities - sensitivity), min_val)
            at_min = cumsum(math_ops.cast(at_min, _dtypes.int64))
            idx = math_ops.cast(math_ops.argmax(at_min, 0), _dtypes.int32)
            return _div(tn[idx], tn[idx] + fp[idx] + kepsilon, op_name)

        return _value_and_update(compute, [values[k] for k in _KEYS],
                                 [updates[k] for k in _KEYS], metrics_collections,
                                 updates_collections)


# ----------------------------------------------------------------- at k (sets of ids)

def _set_operation(a, b, op):
    from ..framework.sparse_tensor import SparseTensor

    if isinstance(a, SparseTensor):
        if not isinstance(b, SparseTensor):
            raise ValueError("Sparse,Dense is not supported, but Dense,Sparse is. Please flip "
                             "the order of your inputs.")
        out = apply_op_helper("SparseToSparseSetOperation", None, set1_indices=a.indices,
                              set1_values=a.values, set1_shape=a.dense_shape,
                              set2_indices=b.indices, set2_values=b.values,
                              set2_shape=b.dense_shape, set_operation=op)
    elif isinstance(b, SparseTensor):
        out = apply_op_helper("DenseToSparseSetOperation", None, set1=a, set2_indices=b.indices,
                              set2_values=b.values, set2_shape=b.dense_shape, set_operation=op)
    else:
        out = apply_op_helper("DenseToDenseSetOperation", None, set1=a, set2=b,
                              set_operation=op)
    return SparseTensor(*out)


def _sets(a, b):
    """TF's `_convert_to_tensors_or_sparse_tensors`: (a, b, flipped)."""
    from ..framework.sparse_tensor import SparseTensor, convert_to_tensor_or_sparse_tensor

    a = convert_to_tensor_or_sparse_tensor(a, name="a")
    b = convert_to_tensor_or_sparse_tensor(b, name="b")
    if a.dtype.base_dtype != b.dtype.base_dtype:
        raise TypeError("Types don't match, %s vs %s." % (a.dtype, b.dtype))
    if isinstance(a, SparseTensor) and not isinstance(b, SparseTensor):
        return b, a, True
    return a, b, False


def _set_size(a):
    return apply_op_helper("SetSize", None, set_indices=a.indices, set_values=a.values,
                           set_shape=a.dense_shape)


def _set_count(a, b, kind):
    """The per-row sizes of predictions ∩ labels ("tp"), labels − predictions ("fn") or
    predictions − labels ("fp"), as float64."""
    a, b, flipped = _sets(a, b)
    if kind == "tp":
        s = _set_operation(a, b, "intersection")
    else:
        aminusb = (kind == "fp") != flipped
        s = _set_operation(a, b, "a-b" if aminusb else "b-a")
    return math_ops.cast(_set_size(s), _dtypes.float64)


def _at_k_name(name, k=None, class_id=None):
    name = "%s_at_%d" % (name, k) if k is not None else "%s_at_k" % name
    return "%s_class%d" % (name, class_id) if class_id is not None else name


def _select_class_id(ids, selected_id):
    from ..framework.sparse_tensor import SparseTensor, convert_to_tensor_or_sparse_tensor
    from .array_ops import fill, reshape, size
    from .array_ops import shape as _shape
    from .math_grad import _reduced_shape
    from .sparse_ops import sparse_retain

    ids = convert_to_tensor_or_sparse_tensor(ids)
    if isinstance(ids, SparseTensor):
        return sparse_retain(ids, math_ops.equal(ids.values, selected_id))
    ids_shape = _shape(ids, out_type=_dtypes.int64)
    last = size(ids_shape) - 1
    if ids_shape.graph._target.v2_gradients_and_control_flow:  # TF 2.x's reduced_shape
        from .math_grad_v2 import reduced_shape as _reduced_shape
    filled_shape = _reduced_shape(ids_shape, reshape(last, [1]))
    filled = fill(filled_shape, math_ops.cast(selected_id, _dtypes.int64))
    a, b, _ = _sets(filled, ids)
    result = _set_operation(a, b, "intersection")
    return SparseTensor(indices=result.indices, values=result.values, dense_shape=ids_shape)


def _streaming_count(kind, var_name, labels, predictions_idx, k, class_id, weights):
    from ..framework.ops import name_scope
    from .metrics_impl import metric_variable
    from .state_ops import assign_add

    if weights is not None:
        raise NotImplementedError("philoxflow's tf.metrics take no weights yet")
    scope_name = {"tp": "true_positives", "fn": "false_negatives", "fp": "false_positives"}
    with name_scope(None, _at_k_name(var_name, k, class_id=class_id),
                    (predictions_idx, labels, weights)) as scope:
        with name_scope(None, scope_name[kind], (predictions_idx, labels, weights)):
            if class_id is not None:
                labels = _select_class_id(labels, class_id)
                predictions_idx = _select_class_id(predictions_idx, class_id)
            count = _set_count(predictions_idx, labels, kind)
        batch_total = math_ops.cast(math_ops.reduce_sum(count), _dtypes.float64)
        var = metric_variable([], _dtypes.float64, name=scope)
        return var, assign_add(var, batch_total, name="update")


def _maybe_expand_labels(labels, predictions):
    from ..framework.ops import name_scope
    from ..framework.sparse_tensor import SparseTensor, convert_to_tensor_or_sparse_tensor
    from .array_ops import expand_dims, rank

    with name_scope(None, "expand_labels", (labels, predictions)) as scope:
        labels = convert_to_tensor_or_sparse_tensor(labels)
        if isinstance(labels, SparseTensor):
            raise NotImplementedError("philoxflow builds the at-k metrics of dense labels")
        lr, pr = labels.shape.rank, predictions.shape.rank
        if lr is not None and pr is not None:
            if pr == lr:
                return labels
            if pr == lr + 1:
                return expand_dims(labels, -1, name=scope)
            raise ValueError("Unexpected labels shape %s for predictions shape %s."
                             % (labels.shape, predictions.shape))
        from .control_flow_ops import cond

        return cond(math_ops.equal(rank(predictions), rank(labels) + 1),
                    lambda: expand_dims(labels, -1, name=scope), lambda: labels)


def _ratio_at_top_k(base, other, labels, predictions_idx, k, class_id, weights,
                    metrics_collections, updates_collections, name):
    from ..framework.ops import add_to_collections, name_scope

    with name_scope(name, _at_k_name(base, k, class_id=class_id),
                    (predictions_idx, labels, weights)) as scope:
        labels = _maybe_expand_labels(labels, predictions_idx)
        top_k_idx = math_ops.cast(predictions_idx, _dtypes.int64)
        tp, tp_update = _streaming_count("tp", "true_positive", labels, top_k_idx, k,
                                         class_id, weights)
        var = {"fn": "false_negative", "fp": "false_positive"}[other]
        o, o_update = _streaming_count(other, var, labels, top_k_idx, k, class_id, weights)
        metric = _div(tp, math_ops.add(tp, o), name=scope)
        if metrics_collections:
            add_to_collections(metrics_collections, metric)
        update = _div(tp_update, math_ops.add(tp_update, o_update), name="update")
        if updates_collections:
            add_to_collections(updates_collections, update)
        return metric, update


def recall_at_top_k(labels, predictions_idx, k=None, class_id=None, weights=None,
                    metrics_collections=None, updates_collections=None, name=None):
    """`tf.metrics.recall_at_top_k`: tp / (tp + fn) over sets of class ids."""
    return _ratio_at_top_k("recall", "fn", labels, predictions_idx, k, class_id, weights,
                           metrics_collections, updates_collections, name)


def precision_at_top_k(labels, predictions_idx, k=None, class_id=None, weights=None,
                       metrics_collections=None, updates_collections=None, name=None):
    """`tf.metrics.precision_at_top_k`: tp / (tp + fp) over sets of class ids."""
    return _ratio_at_top_k("precision", "fp", labels, predictions_idx, k, class_id, weights,
                           metrics_collections, updates_collections, name)


def _at_k(base, top_fn):
    def fn(labels, predictions, k, class_id=None, weights=None, metrics_collections=None,
           updates_collections=None, name=None):
        from ..framework.ops import name_scope
        from .math_ops_ext import top_k

        with name_scope(name, _at_k_name(base, k, class_id=class_id),
                        (predictions, labels, weights)) as scope:
            _, top_k_idx = top_k(predictions, k)
            return top_fn(labels=labels, predictions_idx=top_k_idx, k=k, class_id=class_id,
                          weights=weights, metrics_collections=metrics_collections,
                          updates_collections=updates_collections, name=scope)
    fn.__doc__ = f"`tf.metrics.{base}_at_k`: top_k of the predictions, then {base}_at_top_k."
    return fn


recall_at_k = _at_k("recall", recall_at_top_k)
precision_at_k = _at_k("precision", precision_at_top_k)
sparse_precision_at_k = precision_at_k

__all__ += ["recall_at_top_k", "precision_at_top_k", "recall_at_k", "precision_at_k",
            "sparse_precision_at_k"]


def _clean_out_of_range_indices(labels, num_classes):
    from .array_ops import ones_like
    from .array_ops_ext import where_v2
    from .control_flow_ops import cond

    def clean():
        return where_v2(math_ops.greater_equal(labels, num_classes), -1 * ones_like(labels),
                        labels)

    max_labels = math_ops.reduce_max(labels)
    return cond(math_ops.greater_equal(max_labels, num_classes), clean, lambda: labels)


def _num_relevant(labels, k):
    from ..framework.ops import name_scope
    from .array_ops import ones_like, zeros_like
    from .array_ops_ext import where_v2

    with name_scope(None, "num_relevant", (labels,)) as scope:
        num_labels = math_ops.reduce_sum(where_v2(
            math_ops.greater_equal(labels, 0), ones_like(labels), zeros_like(labels)), axis=-1)
        return math_ops.minimum(num_labels, k, name=scope)


def _average_precision_at_top_k(labels, predictions_idx):
    from ..framework.ops import name_scope
    from .array_ops import concat, expand_dims, ones_like, tile
    from .array_ops import shape as _shape

    with name_scope(None, "average_precision", (predictions_idx, labels)) as scope:
        predictions_idx = math_ops.cast(predictions_idx, _dtypes.int64, name="predictions_idx")
        if predictions_idx.shape.rank == 0:
            raise ValueError("The rank of predictions_idx must be at least 1.")
        k = predictions_idx.shape.as_list()[-1]
        if k is None:
            raise ValueError("The last dimension of predictions_idx must be set.")
        labels = _maybe_expand_labels(labels, predictions_idx)
        per_k = expand_dims(predictions_idx, -1, name="predictions_idx_per_k")
        with name_scope(None, "labels_per_k", (labels, k, -1)) as tile_scope:
            labels_per_k = expand_dims(labels, -2, name="expand")
            if k > 1:
                ones = ones_like(_shape(labels))
                multiples = concat((ones[:-1], (k,), ones[-1:]), 0, name="multiples")
                labels_per_k = tile(labels_per_k, multiples, name=tile_scope)
        with name_scope(None, "relevant_per_k", (per_k, labels_per_k, None)):
            relevant = _set_count(per_k, labels_per_k, "tp")
        tp_per_k = cumsum(relevant, axis=-1, name="tp_per_k")
        retrieved = cumsum(ones_like(relevant), axis=-1, name="retrieved_per_k")
        precision = _div(math_ops.cast(tp_per_k, _dtypes.float64),
                                 math_ops.cast(retrieved, _dtypes.float64),
                                 name="precision_per_k")
        relevant_precision = math_ops.multiply(precision,
                                               math_ops.cast(relevant, _dtypes.float64),
                                               name="relevant_precision_per_k")
        precision_sum = math_ops.reduce_sum(relevant_precision, axis=(-1,),
                                            name="precision_sum")
        num_relevant = math_ops.cast(_num_relevant(labels, k), _dtypes.float64)
        return _div(precision_sum, num_relevant, name=scope)


def average_precision_at_k(labels, predictions, k, weights=None, metrics_collections=None,
                           updates_collections=None, name=None):
    """`tf.metrics.average_precision_at_k` (dense labels, no weights)."""
    from ..framework.ops import add_to_collections, name_scope
    from .array_ops import shape as _shape
    from .array_ops import size
    from .math_ops_ext import top_k
    from .metrics_impl import metric_variable
    from .state_ops import assign_add

    if k < 1:
        raise ValueError("Invalid k=%s." % k)
    if weights is not None:
        raise NotImplementedError("philoxflow's tf.metrics take no weights yet")
    with name_scope(name, _at_k_name("average_precision", k),
                    (predictions, labels, weights)) as scope:
        _, predictions_idx = top_k(predictions, k)
        labels = _clean_out_of_range_indices(
            labels, math_ops.cast(_shape(predictions)[-1], _dtypes.int64))
        with name_scope(scope, "average_precision_at_top_k",
                        (predictions_idx, labels, weights)) as scope:
            ap = _average_precision_at_top_k(labels, predictions_idx)
            with name_scope(None, "max", (ap,)) as max_scope:
                max_var = metric_variable([], _dtypes.float64, name=max_scope)
                batch_max = math_ops.cast(size(ap, name="batch_max"), _dtypes.float64)
                max_update = assign_add(max_var, batch_max, name="update")
            with name_scope(None, "total", (ap,)) as total_scope:
                total_var = metric_variable([], _dtypes.float64, name=total_scope)
                batch_total = math_ops.reduce_sum(ap, name="batch_total")
                total_update = assign_add(total_var, batch_total, name="update")
            mean_ap = math_ops.div_no_nan(total_var, max_var, name="mean")
            if metrics_collections:
                add_to_collections(metrics_collections, mean_ap)
            update = math_ops.div_no_nan(total_update, max_update, name=scope)
            if updates_collections:
                add_to_collections(updates_collections, update)
            return mean_ap, update


sparse_average_precision_at_k = average_precision_at_k
__all__ += ["average_precision_at_k", "sparse_average_precision_at_k"]
