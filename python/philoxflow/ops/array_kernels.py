"""Python kernels of array ops the Rust core builds without a kernel (GatherV2, OneHot,
Unpack, ConcatV2, and StridedSlice beyond the 1-D constant slices Rust runs): they only move or
pick elements, so NumPy gives TF's values bit for bit, whatever the dtype. They let
values computed from fed tensors flow (`tf.boolean_mask`'s GatherV2, one-hot labels,
`tf.unstack`); inputs without values still give value-less outputs of the run's shape.
"""

from __future__ import annotations

import numpy as np

from ..framework.py_kernels import kernel
from ..framework.shape_arith import VALUE_FNS


def _attrs(op, *names):
    out = {}
    for n in names:
        try:
            out[n] = op.get_attr(n)
        except ValueError:
            pass
    return out


def _gather(params, indices, axis, batch_dims):
    if batch_dims == 0:
        return np.take(params, indices, axis=axis)
    return np.stack([_gather(p, i, axis - 1, batch_dims - 1)
                     for p, i in zip(params, indices)])


@kernel("GatherV2")
def _gather_v2(ctx, op, ins):
    params, indices, axis = (np.asarray(v) for v in ins)
    batch_dims = int(_attrs(op, "batch_dims").get("batch_dims", 0))
    if batch_dims < 0:
        batch_dims += indices.ndim
    axis = int(axis) % max(params.ndim, 1)
    n = params.shape[axis]
    bad = np.argwhere((indices < 0) | (indices >= n))
    if bad.size:
        pos = tuple(int(k) for k in bad[0])
        raise ValueError(f"indices[{','.join(map(str, pos))}] = {int(indices[pos])} is not "
                         f"in [0, {n})")
    return [np.array(_gather(params, indices, axis, batch_dims), order="C")]


@kernel("OneHot")
def _one_hot(ctx, op, ins):
    return [VALUE_FNS["OneHot"]([np.asarray(v) for v in ins], _attrs(op, "axis"))
            .astype(op._outputs[0]._dtype.as_numpy_dtype)]


@kernel("Unpack")
def _unpack(ctx, op, ins):
    x = np.asarray(ins[0])
    axis = int(_attrs(op, "axis").get("axis", 0)) % x.ndim
    return [np.array(np.take(x, i, axis=axis), order="C") for i in range(x.shape[axis])]


@kernel("ConcatV2")
def _concat_v2(ctx, op, ins):
    # (Keras's LSTM bias initializer concatenates zeros and ones)
    axis = int(np.ravel(ins[-1])[0])
    values = [np.asarray(v) for v in ins[:-1]]
    axis %= max(values[0].ndim, 1)
    return [np.array(np.concatenate(values, axis=axis),
                     dtype=op._outputs[0]._dtype.as_numpy_dtype, order="C")]


@kernel("StridedSlice")
def _strided_slice(ctx, op, ins):
    attrs = _attrs(op, "begin_mask", "end_mask", "ellipsis_mask", "new_axis_mask",
                   "shrink_axis_mask")
    out = VALUE_FNS["StridedSlice"]([np.asarray(v) for v in ins], attrs)
    return [np.array(out, dtype=op._outputs[0]._dtype.as_numpy_dtype, order="C")]


def rust_runs_strided_slice(x, begin, end, strides, masks):
    """Whether the Rust core has a kernel for this StridedSlice (a vector sliced by
    constant one-element bounds, no ellipsis or new axis); else Python runs it."""
    return (x.shape.rank == 1 and not masks[2] and not masks[3]
            and all(t.op.type == "Const" and t.shape.num_elements() == 1
                    for t in (begin, end, strides)))
