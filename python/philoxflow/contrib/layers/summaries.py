"""TF-slim's summary helpers (TF 1.15 `contrib/layers/python/layers/summaries.py`):
scalar summaries for 0-D tensors, histograms otherwise, activation statistics."""

from __future__ import annotations

import functools
import re

from ... import summary
from ...framework import dtypes
from ...framework.ops import GraphKeys, get_collection
from ...ops import math_ops

__all__ = ["summarize_tensor", "summarize_activation", "summarize_tensors",
           "summarize_collection", "summarize_variables", "summarize_weights",
           "summarize_biases", "summarize_activations"]


def _add_scalar_summary(tensor, tag=None):
    tensor.shape.assert_has_rank(0)
    return summary.scalar(tag or "%s_summary" % tensor.op.name, tensor)


def _add_histogram_summary(tensor, tag=None):
    return summary.histogram(tag or "%s_summary" % tensor.op.name, tensor)


def summarize_activation(op):
    """A histogram of `op`, and the fraction of zeros (sixes) for ReLU-like activations."""
    pre = op.op.inputs[0] if op.op.inputs else None
    if op.op.type in ("Relu", "Softplus", "Relu6"):
        _add_scalar_summary(math_ops.reduce_mean(math_ops.to_float(
            math_ops.less(pre, math_ops.cast(0.0, pre.dtype)))), "%s/zeros" % op.op.name)
    if op.op.type == "Relu6":
        _add_scalar_summary(math_ops.reduce_mean(math_ops.to_float(
            math_ops.greater(pre, math_ops.cast(6.0, pre.dtype)))), "%s/sixes" % op.op.name)
    return _add_histogram_summary(op, "%s/activation" % op.op.name)


def summarize_tensor(tensor, tag=None):
    """A scalar summary for a 0-D tensor, a histogram otherwise (None for strings, bools)."""
    if tensor.dtype.is_compatible_with(dtypes.string) or tensor.dtype.base_dtype == dtypes.bool:
        return None
    if tensor.shape.ndims == 0:
        return _add_scalar_summary(tensor, tag)
    return _add_histogram_summary(tensor, tag)


def summarize_tensors(tensors, summarizer=summarize_tensor):
    return [summarizer(tensor) for tensor in tensors]


def summarize_collection(collection, name_filter=None, summarizer=summarize_tensor):
    tensors = [t for t in get_collection(collection)
               if name_filter is None or re.match(name_filter, t.op.name)]
    return summarize_tensors(tensors, summarizer)


summarize_variables = functools.partial(summarize_collection, GraphKeys.GLOBAL_VARIABLES)
summarize_weights = functools.partial(summarize_collection, GraphKeys.WEIGHTS)
summarize_biases = functools.partial(summarize_collection, GraphKeys.BIASES)


def summarize_activations(name_filter=None, summarizer=summarize_activation):
    return summarize_collection(GraphKeys.ACTIVATIONS, name_filter, summarizer)
