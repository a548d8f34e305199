"""`tf.linalg` of TF 2.x: `qr` (eager), TF's Eigen Householder QR replicated bit for bit
(`ops/eigen_qr.py`)."""

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
    from ...ops import eigen_qr as _qr

    if not context.executing_eagerly():
        raise errors.UnimplementedError(None, None, "philoxflow's tf.linalg.qr of "
                                                    "compat.v2 runs in eager mode")
    x = convert_to_tensor(input)
    q, r = _qr.batched_qr(np.asarray(x._value), full_matrices)
    return Qr(EagerTensor(q, x.dtype), EagerTensor(r, x.dtype))


_is_namespace = True
