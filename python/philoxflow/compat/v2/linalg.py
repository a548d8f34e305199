"""`tf.linalg` of TF 2.x: `qr` (eager), TF's Eigen Householder QR replicated bit for bit
(`keras/_qr.py`)."""

from __future__ import annotations

import collections

import numpy as np

from ... import errors
from ...eager import context
from ...eager.tensor import EagerTensor
from ...framework.constant_op import convert_to_tensor

Qr = collections.namedtuple("Qr", ["q", "r"])


def qr(input, full_matrices=False, name=None):  # noqa: A002 - TF's argument name
    """`tf.linalg.qr` (reduced; batches of matrices in the leading dimensions)."""
    from ...keras import _qr

    if full_matrices or not context.executing_eagerly():
        raise errors.UnimplementedError(None, None, "philoxflow's tf.linalg.qr is the reduced "
                                                    "factorisation, in eager mode")
    x = convert_to_tensor(input)
    a = np.asarray(x._value)
    if a.ndim < 2:
        raise ValueError(f"Shape must be at least rank 2 but is rank {a.ndim}")
    k = min(a.shape[-2:])
    q = np.zeros(a.shape[:-1] + (k,), a.dtype)
    r = np.zeros(a.shape[:-2] + (k, a.shape[-1]), a.dtype)
    for idx in np.ndindex(*a.shape[:-2]):
        q[idx], r[idx] = _qr.qr(a[idx])
    return Qr(EagerTensor(q, x.dtype), EagerTensor(r, x.dtype))


_is_namespace = True
