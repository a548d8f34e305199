"""Values of integer (and bool) ops without Rust kernels, computed at run time in
NumPy: the shape arithmetic model code builds around activations (tensordot's
`Gather`/`Prod`/`ConcatV2` of shape vectors, `Where` of a mask). Only ops whose
results are exact in any order (integers, comparisons, indexing) are here, so
the values equal TF's bit for bit.
"""

from __future__ import annotations

import numpy as np


def _axes(a):
    return tuple(int(x) for x in np.ravel(a))


def _reduce(fn):
    def run(vals, attrs):
        return fn(vals[0], axis=_axes(vals[1]), keepdims=bool(attrs.get("keep_dims", False)))
    return run


def _slice(vals, attrs):
    x, b, s = vals
    idx = tuple(slice(int(bi), None if int(si) == -1 else int(bi) + int(si))
                for bi, si in zip(np.ravel(b), np.ravel(s)))
    return x[idx]


def _squeeze(vals, attrs):
    axes = attrs.get("squeeze_dims") or None
    return np.squeeze(vals[0], axis=tuple(axes) if axes else None)


def _strided_slice(vals, attrs):
    x, b, e, s = (np.asarray(v) for v in vals)
    bm, em, elm, nm, sm = (int(attrs.get(k, 0)) for k in (
        "begin_mask", "end_mask", "ellipsis_mask", "new_axis_mask", "shrink_axis_mask"))
    idx = []
    for i in range(s.size):
        if elm >> i & 1:
            idx.append(Ellipsis)
        elif nm >> i & 1:
            idx.append(np.newaxis)
        elif sm >> i & 1:
            idx.append(int(b.flat[i]))
        else:
            idx.append(slice(None if bm >> i & 1 else int(b.flat[i]),
                             None if em >> i & 1 else int(e.flat[i]), int(s.flat[i])))
    return x[tuple(idx)]


def _select(c, x, y):
    """Select: a vector condition picks rows of `x`/`y` (TF's v1 `tf.where`)."""
    if c.ndim == 1 and x.ndim > 1:
        c = c.reshape(c.shape + (1,) * (x.ndim - 1))
    elif c.shape != x.shape:
        raise ValueError("condition and inputs differ in shape")
    return np.where(c, x, y)


def list_diff(x, y):
    """ListDiff's two outputs: the values of `x` not in `y`, and their indices."""
    keep = ~np.isin(x, y)
    return x[keep], np.flatnonzero(keep)


def _one_hot(v, a):
    """OneHot: `on` where an index equals the position (out-of-range indices: all `off`)."""
    idx, depth, on, off = v
    out = np.where(np.expand_dims(idx, -1) == np.arange(int(depth)), on, off)
    axis = int(a.get("axis", -1))
    return out if axis == -1 else np.moveaxis(out, -1, axis)


VALUE_FNS = {
    "StridedSlice": _strided_slice,
    "Reshape": lambda v, a: np.reshape(v[0], _axes(v[1])),
    "GatherV2": lambda v, a: np.take(v[0], v[1], axis=int(np.ravel(v[2])[0])),
    "Gather": lambda v, a: np.take(v[0], v[1], axis=0),
    "ConcatV2": lambda v, a: np.concatenate(v[:-1], axis=int(np.ravel(v[-1])[0])),
    "Pack": lambda v, a: np.stack(v, axis=int(a.get("axis", 0))),
    "Prod": _reduce(np.prod),
    "Sum": _reduce(np.sum),
    "Max": _reduce(np.max),
    "Min": _reduce(np.min),
    "Any": _reduce(np.any),
    "ExpandDims": lambda v, a: np.expand_dims(v[0], int(np.ravel(v[1])[0])),
    "Squeeze": _squeeze,
    "Transpose": lambda v, a: np.transpose(v[0], _axes(v[1])),
    "Tile": lambda v, a: np.tile(v[0], _axes(v[1])),
    "Slice": _slice,
    "Equal": lambda v, a: np.equal(v[0], v[1]),
    "NotEqual": lambda v, a: np.not_equal(v[0], v[1]),
    "LogicalAnd": lambda v, a: np.logical_and(v[0], v[1]),
    "LogicalOr": lambda v, a: np.logical_or(v[0], v[1]),
    "LogicalNot": lambda v, a: np.logical_not(v[0]),
    "Where": lambda v, a: np.argwhere(v[0]),
    "ArgMax": lambda v, a: np.argmax(v[0], axis=int(np.ravel(v[1])[0])),
    "ArgMin": lambda v, a: np.argmin(v[0], axis=int(np.ravel(v[1])[0])),
    "BroadcastArgs": lambda v, a: np.array(np.broadcast_shapes(tuple(v[0]), tuple(v[1]))),
    "Abs": lambda v, a: np.abs(v[0]),
    "OneHot": _one_hot,
    "Cumsum": lambda v, a: np.cumsum(v[0], axis=int(np.ravel(v[1])[0])),
    "Greater": lambda v, a: np.greater(v[0], v[1]),
    "GreaterEqual": lambda v, a: np.greater_equal(v[0], v[1]),
    "Less": lambda v, a: np.less(v[0], v[1]),
    "LessEqual": lambda v, a: np.less_equal(v[0], v[1]),
    "Select": lambda v, a: _select(*v),
    "SelectV2": lambda v, a: np.where(v[0], v[1], v[2]),
    "Cumprod": lambda v, a: np.cumprod(v[0], axis=int(np.ravel(v[1])[0])),
}


#: Ops that only move or pick elements: exact for values of any dtype (floats too).
DATA_MOVES = frozenset({"StridedSlice", "Reshape", "GatherV2", "Gather", "ConcatV2", "Pack",
                        "ExpandDims", "Squeeze", "Transpose", "Tile", "Slice", "OneHot",
                        "Select", "SelectV2"})


def compute(op_type, values, attrs, np_dtype, moves=False):
    """The op's value from its inputs' values, or None if not computed here. `moves`:
    also compute DATA_MOVES on floating-point values (at run time)."""
    fn = VALUE_FNS.get(op_type)
    if fn is None or any(v is None for v in values):
        return None
    if any(np.asarray(v).dtype.kind in "fc" for v in values) and op_type not in (
            "ArgMax", "ArgMin", "Equal", "NotEqual", "Where") and not (
            moves and op_type in DATA_MOVES):
        return None
    try:
        out = fn([np.asarray(v) for v in values], attrs)
    except Exception:  # noqa: BLE001 - TF's kernel would raise; left to the shape path
        return None
    # A copy in C order (np.ascontiguousarray would make a scalar 1-d).
    return np.array(out, dtype=np_dtype, order="C")
