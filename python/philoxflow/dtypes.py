"""The `tf.dtypes` namespace: TF's DTypes, `as_dtype`, `cast`, `saturate_cast`."""

from . import _namespaces
from .framework import dtypes as _d
from .framework.dtypes import DType, as_dtype  # noqa: F401 - the namespace's names
from .ops.math_ops import cast
from .ops.math_ops_ext import saturate_cast

_is_namespace = True
_namespaces.fill(globals(), "dtypes", dict(
    {k: v for k, v in vars(_d).items() if isinstance(v, _d.DType)}, cast=cast,
    saturate_cast=saturate_cast, QUANTIZED_DTYPES=_d.QUANTIZED_DTYPES))
