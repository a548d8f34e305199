"""`tf.clip_by_global_norm` and `tf.global_norm` (TF 1.15's `clip_ops.py`)."""

from __future__ import annotations

from ..framework.constant_op import constant, convert_to_tensor
from ..framework.indexed_slices import IndexedSlices
from ..framework.ops import name_scope
from . import _grad_ops, array_ops, math_ops
from .gen import apply_op


def _values(t_list):
    return [None if t is None else convert_to_tensor(
        t.values if isinstance(t, IndexedSlices) else t, name=f"t_{i}")
        for i, t in enumerate(t_list)]


def global_norm(t_list, name=None):
    """sqrt(sum of squares) of all tensors: 2 * sum(L2Loss) under `global_norm`."""
    if not isinstance(t_list, (list, tuple)):
        raise TypeError("t_list should be a sequence")
    t_list = list(t_list)
    with name_scope(name, "global_norm", [t for t in t_list if t is not None]) as scope:
        halves = [apply_op("L2Loss", None, [(v, "t", None)], dtype=v.dtype, shape=[])
                  for v in _values(t_list) if v is not None]
        half = math_ops.reduce_sum(array_ops.stack(halves))
        del scope
        return math_ops.sqrt(half * constant(2.0, dtype=half.dtype), name="global_norm")


def clip_by_global_norm(t_list, clip_norm, use_norm=None, name=None):
    """Scale every tensor by clip_norm / max(global_norm, clip_norm), as TF 1.15 builds it."""
    if not isinstance(t_list, (list, tuple)) or isinstance(t_list, str):
        raise TypeError("t_list should be a sequence")
    t_list = list(t_list)
    if use_norm is None:
        use_norm = global_norm(t_list, name)
    with name_scope(name, "clip_by_global_norm",
                    [t for t in t_list if t is not None] + [clip_norm]) as scope:
        scale_for_finite = clip_norm * math_ops.minimum(
            1.0 / use_norm, constant(1.0, dtype=use_norm.dtype) / clip_norm)
        finite = apply_op("IsFinite", None, [(use_norm, "x", None)], dtype="bool",
                          shape=use_norm.shape)
        scale = _grad_ops.select(finite, scale_for_finite,
                                 constant(float("nan"), dtype=use_norm.dtype))
        clipped = [None if v is None else array_ops.identity(v * scale, name=f"{scope}_{i}")
                   for i, v in enumerate(_values(t_list))]
        out = [IndexedSlices(c, t.indices, t.dense_shape) if isinstance(t, IndexedSlices)
               else c for c, t in zip(clipped, t_list)]
    return out, use_norm


def clip_by_value(t, clip_value_min, clip_value_max, name=None):
    with name_scope(name, "clip_by_value", [t, clip_value_min, clip_value_max]) as scope:
        values = convert_to_tensor(t, name="t")
        t_min = math_ops.minimum(values, clip_value_max)
        return math_ops.maximum(t_min, clip_value_min, name=scope)
