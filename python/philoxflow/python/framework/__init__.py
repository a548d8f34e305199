"""`tensorflow.python.framework`: aliases of philoxflow's framework modules."""

import sys as _sys

from philoxflow.framework import (  # noqa: F401 - the aliased modules
    constant_op,
    device,
    dtypes,
    ops,
    random_seed,
    tensor_shape,
)

from . import errors, tensor_util  # noqa: F401

errors_impl = errors
for _m in ("constant_op", "device", "dtypes", "ops", "random_seed", "tensor_shape",
           "errors_impl"):
    _sys.modules.setdefault(f"{__name__}.{_m}", globals()[_m])
