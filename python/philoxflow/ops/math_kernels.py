"""Python kernels of integer ops the numeric names build (exact in any order)."""

from __future__ import annotations

import numpy as np

from .. import errors
from ..framework.py_kernels import kernel


@kernel("Bincount", "DenseBincount")
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


@kernel("Case", "StatelessCase")
def _case(ctx, op, ins):
    """cond_v2's Case: runs the indexed branch (out of range: the last one), each
    branch a traced function instantiated once per session with its own captures."""
    branches = op._attrs["branches"]
    key = ("Case", op._id)
    calls = ctx.state.get(key)
    if calls is None:
        calls = ctx.state[key] = [None] * len(branches)
    i = int(np.asarray(ins[0]))
    if not 0 <= i < len(branches):
        i = len(branches) - 1
    b = branches[i]
    captured = [ins[1 + p] for p in b.input_positions]
    if calls[i] is None:
        calls[i] = b.instantiate(captured)
    return calls[i]([])


@kernel("Sqrt")
def _sqrt(ctx, op, ins):
    """TF's Sqrt where its value does not depend on the CPU: float64 (Eigen's packet sqrt
    is exact) and float32/float16 tensors of fewer than 8 elements (TF 1.15's AVX build
    computes those with the scalar, correctly rounded sqrt; longer ones go through
    `_mm256_rsqrt_ps`, whose approximation differs between CPUs)."""
    x = np.asarray(ins[0])
    if op._outputs[0]._dtype.base_dtype.name not in ("float64", "float32", "float16"):
        raise errors.UnimplementedError(None, op, f"philoxflow has no Sqrt kernel for "
                                                  f"{op._outputs[0]._dtype.name}")
    if x.dtype != np.float64 and x.size >= 8:
        raise errors.UnimplementedError(
            None, op, f"philoxflow computes Sqrt of {x.dtype} only for fewer than 8 "
                      f"elements (TF's vectorized sqrt depends on the CPU; op '{op._name}')")
    with np.errstate(all="ignore"):
        return [np.sqrt(x)]
