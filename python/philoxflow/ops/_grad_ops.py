"""Generated-wrapper ops that gradients and optimizers build (TF's gen_*_ops), kept
here so the shared `math_ops`/`array_ops` modules stay as they are."""

from __future__ import annotations

import numpy as np

from ..framework import dtypes as _dtypes
from ..framework.constant_op import convert_to_tensor
from ..framework.tensor_shape import TensorShape
from .gen import apply_op


def unary(op_type, x, name=None, arg="x"):
    x = convert_to_tensor(x)
    return apply_op(op_type, name, [(x, arg, None)], dtype=x.dtype, shape=x.shape)


def reciprocal(x, name=None):
    return unary("Reciprocal", x, name)


def sign(x, name=None):
    return unary("Sign", x, name)


def select(condition, x, y, name=None):
    """TF 1.x `tf.where(c, x, y)`: a Select op."""
    x = convert_to_tensor(x)
    return apply_op("Select", name, [(condition, "condition", None), (x, "t", None),
                                     (y, "e", None)], dtype=x.dtype, shape=x.shape)


def logical_and(x, y, name=None):
    return apply_op("LogicalAnd", name, [(x, "x", _dtypes.bool), (y, "y", _dtypes.bool)],
                    dtype=_dtypes.bool, shape=TensorShape(x.shape) if hasattr(x, "shape")
                    else None)


def scalar_mul(scalar, x, name=None):
    """`math_ops.scalar_mul`: the scalar becomes a `scalar` Const, then a generated Mul."""
    x = convert_to_tensor(x)
    s = convert_to_tensor(scalar, dtype=x.dtype, name="scalar")
    return apply_op("Mul", name, [(s, "x", None), (x, "y", None)], dtype=x.dtype,
                    shape=x.shape)


def invert_permutation(x, name=None):
    x = convert_to_tensor(x)
    return apply_op("InvertPermutation", name, [(x, "x", None)], dtype=x.dtype,
                    shape=x.shape)


def prevent_gradient(x, message="", name=None):
    x = convert_to_tensor(x)
    return apply_op("PreventGradient", name, [(x, "input", None)], dtype=x.dtype,
                    shape=x.shape, attrs={"message": message})


def unsorted_segment_sum(data, segment_ids, num_segments, name=None):
    data = convert_to_tensor(data)
    # TF's UnsortedSegmentReductionShapeFn: [num_segments] + data's dims past the ids'
    shape = TensorShape(None)
    ids_rank = getattr(segment_ids, "shape", TensorShape(None)).rank
    if data.shape.rank is not None and ids_rank is not None and ids_rank <= data.shape.rank:
        from ..framework.tensor_util import constant_value

        n = constant_value(num_segments) if hasattr(num_segments, "op") else num_segments
        n = None if n is None or np.ndim(n) != 0 else int(n)
        shape = TensorShape([n] + data.shape.as_list()[ids_rank:])
    return apply_op("UnsortedSegmentSum", name,
                    [(data, "data", None), (segment_ids, "segment_ids", None),
                     (num_segments, "num_segments", None)],
                    dtype=data.dtype, shape=shape)


def unique(x, out_idx=_dtypes.int32, name=None):
    x = convert_to_tensor(x)
    return apply_op("Unique", name, [(x, "x", None)],
                    outputs=[(x.dtype, TensorShape([None])), (out_idx, x.shape)],
                    attrs={"out_idx": out_idx})


def apply_list_op(op_type, name=None, inputs=(), dtype=None, shape=None, attrs=None,
                  outputs=None):
    """`gen.apply_op` for ops with list inputs (DynamicStitch, ShapeN, ConcatOffset): each
    list's items are converted in the op's scope as `<arg>_<i>`, then flattened."""
    from ..framework.ops import _graph_of

    g = _graph_of(*[v for v, _, _ in inputs])
    with g.as_default(), g.name_scope(name or op_type) as scope:
        flat = []
        for v, n, d in inputs:
            if isinstance(v, (list, tuple)):
                flat += [convert_to_tensor(x, dtype=d, name=f"{n}_{i}") for i, x in enumerate(v)]
            else:
                flat.append(convert_to_tensor(v, dtype=d, name=n))
        op = g._create_op(op_type, flat, scope, dtype=dtype, shape=shape, attrs=attrs,
                          outputs=outputs)
    outs = op.outputs
    return op if not outs else outs[0] if len(outs) == 1 else outs


def reverse(tensor, axis, name=None):
    """`tf.reverse` (TF 1.15's `reverse_v2`): a ReverseV2 op."""
    tensor = convert_to_tensor(tensor)
    return apply_op("ReverseV2", name, [(tensor, "tensor", None), (axis, "axis", _dtypes.int32)],
                    dtype=tensor.dtype, shape=tensor.shape)


def reverse_sequence(input, seq_lengths, seq_axis=None, batch_axis=None, name=None,  # noqa: A002
                     seq_dim=None, batch_dim=None):
    """`tf.reverse_sequence`: a ReverseSequence op."""
    seq_axis = seq_dim if seq_axis is None else seq_axis
    batch_axis = (0 if batch_dim is None else batch_dim) if batch_axis is None else batch_axis
    x = convert_to_tensor(input)
    return apply_op("ReverseSequence", name, [(x, "input", None),
                                              (seq_lengths, "seq_lengths", None)],
                    dtype=x.dtype, shape=x.shape,
                    attrs={"seq_dim": seq_axis, "batch_dim": batch_axis})
