"""The `tf.linalg` namespace: TF 1.15's names where `tf.linalg` differs from the top
level (`transpose` is `matrix_transpose`, `diag_part` is `matrix_diag_part`)."""

from . import _namespaces
from .ops.array_ops_ext import eye, matrix_diag, matrix_set_diag, matrix_transpose
from .ops.clip_ops import global_norm
from .ops.linalg_ops import self_adjoint_eig, self_adjoint_eigvals
from .ops.math_ops import matmul, tensordot
from .ops.math_ops_ext import adjoint, matrix_diag_part, matvec, norm, trace
from .ops.nn_impl import l2_normalize
from .ops.special_math_ops import einsum

_is_namespace = True
_namespaces.fill(globals(), "linalg", {
    "transpose": matrix_transpose, "matrix_transpose": matrix_transpose,
    "diag_part": matrix_diag_part, "matmul": matmul, "tensordot": tensordot, "trace": trace,
    "matvec": matvec, "l2_normalize": l2_normalize, "global_norm": global_norm,
    "einsum": einsum, "diag": matrix_diag, "set_diag": matrix_set_diag, "eye": eye,
    "norm": norm, "adjoint": adjoint, "eigh": self_adjoint_eig,
    "eigvalsh": self_adjoint_eigvals})
