"""Python kernels of integer ops the numeric names build (exact in any order)."""

from __future__ import annotations

import numpy as np

from .. import errors
from ..framework.py_kernels import kernel


@kernel("Bincount")
def _bincount(ctx, op, ins):
    """TF's BincountOp: counts (or summed weights) of each value below `size`."""
    arr, size, weights = (np.asarray(v) for v in ins)
    size = int(size)
    if size < 0:
        raise errors.InvalidArgumentError(None, None,
                                          f"size ({size}) must be non-negative")
    if arr.size and arr.min() < 0:
        raise errors.InvalidArgumentError(None, None, "Input arr must be non-negative!")
    dt = op.outputs[0].dtype.as_numpy_dtype
    arr = arr.ravel()
    keep = arr < size
    if weights.size:
        out = np.zeros(size, dtype=dt)
        np.add.at(out, arr[keep], weights.ravel()[keep].astype(dt))
        return [out]
    return [np.bincount(arr[keep], minlength=size)[:size].astype(dt)]
