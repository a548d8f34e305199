"""TF 1.15's `clip_ops.py`: `tf.clip_by_value`, `clip_by_norm`, `global_norm`,
`clip_by_global_norm`, `clip_by_average_norm`, building TF 1.15's ops in its order
(including the `colocate_with` blocks, which set `op.device` and `_class`)."""

from __future__ import annotations

from ..framework import dtypes as _dtypes
from ..framework.constant_op import constant, convert_to_tensor
from ..framework.ops import colocate_with, name_scope
from . import array_ops, math_ops
from .array_ops_ext import where
from .nn_ops import l2_loss


def _dense(t):
    """The values a norm or clip reads: an IndexedSlices' `values` (TF's clip_ops)."""
    from ..framework.indexed_slices import IndexedSlices

    return t.values if isinstance(t, IndexedSlices) else t


def _seq(t_list):
    if isinstance(t_list, (str, bytes)) or not isinstance(t_list, (list, tuple)):
        raise TypeError("t_list should be a sequence")
    return list(t_list)


def clip_by_value(t, clip_value_min, clip_value_max, name=None):
    with name_scope(name, "clip_by_value", [t, clip_value_min, clip_value_max]) as scope:
        values = convert_to_tensor(t, name="t")
        t_min = math_ops.minimum(values, clip_value_max)
        values.shape.merge_with(t_min.shape)
        t_max = math_ops.maximum(t_min, clip_value_min, name=scope)
        values.shape.merge_with(t_max.shape)
    return t_max


def clip_by_norm(t, clip_norm, axes=None, name=None):
    with name_scope(name, "clip_by_norm", [t, clip_norm]) as scope:
        values = convert_to_tensor(t, name="t")
        l2sum = math_ops.reduce_sum(values * values, axes, keepdims=True)
        pred = l2sum > 0
        safe = where(pred, l2sum, array_ops.ones_like(l2sum))
        l2norm = where(pred, math_ops.sqrt(safe), l2sum)
        intermediate = values * clip_norm
        values.shape.merge_with(intermediate.shape)
        return array_ops.identity(intermediate / math_ops.maximum(l2norm, clip_norm),
                                  name=scope)


def global_norm(t_list, name=None):
    t_list = _seq(t_list)
    with name_scope(name, "global_norm", t_list):
        values = [None if t is None else convert_to_tensor(_dense(t), name=f"t_{i}")
                  for i, t in enumerate(t_list)]
        halves = []
        for v in values:
            if v is not None:
                with colocate_with(v):
                    halves.append(l2_loss(v))
        half = math_ops.reduce_sum(array_ops.stack(halves))
        return math_ops.unary("Sqrt", half * constant(2.0, dtype=half.dtype),
                              name="global_norm")


def clip_by_global_norm(t_list, clip_norm, use_norm=None, name=None):
    t_list = _seq(t_list)
    if use_norm is None:
        use_norm = global_norm(t_list, name)
    with name_scope(name, "clip_by_global_norm", t_list + [clip_norm]) as scope:
        scale_finite = clip_norm * math_ops.minimum(
            1.0 / use_norm, constant(1.0, dtype=use_norm.dtype) / clip_norm)
        from ..framework.ops import get_default_graph
        from .gen import apply_op

        if get_default_graph()._target.uniform_skips_unit_scaling:
            # TF 2.x: NaN through arithmetic (a no-op for a finite norm).
            scale = scale_finite + (use_norm - use_norm)
        else:
            finite = apply_op("IsFinite", None, [(use_norm, "x", None)], dtype=_dtypes.bool,
                              shape=use_norm.shape)
            scale = where(finite, scale_finite, constant(float("nan"), dtype=use_norm.dtype))
        values = [None if t is None else convert_to_tensor(_dense(t), name=f"t_{i}")
                  for i, t in enumerate(t_list)]
        clipped = []
        for i, v in enumerate(values):
            if v is None:
                clipped.append(None)
                continue
            with colocate_with(v):
                clipped.append(array_ops.identity(v * scale, name=f"{scope}_{i}"))
    from ..framework.indexed_slices import IndexedSlices

    clipped = [IndexedSlices(c, t.indices, t.dense_shape) if isinstance(t, IndexedSlices)
               else c for c, t in zip(clipped, t_list)]
    return clipped, use_norm


def clip_by_average_norm(t, clip_norm, name=None):
    with name_scope(name, "clip_by_average_norm", [t, clip_norm]) as scope:
        t = convert_to_tensor(t, name="t")
        n = math_ops.cast(array_ops.size(t), _dtypes.float32)
        total = math_ops.reduce_sum(t * t, array_ops.range(array_ops.rank(t)))
        if t.shape.rank is not None:
            total.set_shape([])  # TF's shape inference evaluates range(rank(t))
        inv = math_ops.rsqrt(total)
        return array_ops.identity(
            t * clip_norm * math_ops.minimum(inv * n, constant(1.0) / clip_norm), name=scope)
