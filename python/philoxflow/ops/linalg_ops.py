"""TF 1.15's `linalg_ops.py` / `linalg_impl.py` decompositions, built for structure:
self-adjoint eigendecomposition, SVD, Cholesky solves and log-determinants."""

from __future__ import annotations

from ..framework.constant_op import convert_to_tensor
from ..framework.ops import Tensor, name_scope
from ..framework.tensor_shape import TensorShape
from . import math_ops
from .gen import apply_op
from .math_ops_ext import matrix_diag_part, real


def _dims(t):
    return t.shape.as_list() if isinstance(t, Tensor) and t.shape.rank is not None else None


def _eig(tensor, compute_v, name):
    x = convert_to_tensor(tensor) if isinstance(tensor, Tensor) else None
    d = _dims(x)
    # TF's shape function: unknown rank gives unknown shapes (v is [0] without compute_v)
    e_shape = TensorShape(d[:-1]) if d else TensorShape(None)
    v_shape = TensorShape([0]) if not compute_v else TensorShape(d) if d else TensorShape(None)
    dtype = None if x is None else x.dtype
    return apply_op("SelfAdjointEigV2", name, [(tensor, "input", None)],
                    outputs=[(dtype, e_shape), (dtype, v_shape)],
                    attrs={"compute_v": compute_v})


def self_adjoint_eig(tensor, name=None):
    e, v = _eig(tensor, True, name)
    return e, v


def self_adjoint_eigvals(tensor, name=None):
    e, _ = _eig(tensor, False, name)
    return e


def svd(tensor, full_matrices=False, compute_uv=True, name=None):
    x = convert_to_tensor(tensor) if isinstance(tensor, Tensor) else None
    d = _dims(x)
    # Without compute_uv, u and v are [0] whatever the rank (TF's shape function).
    shapes = [None] + [None if compute_uv else TensorShape([0])] * 2
    if d:
        *batch, m, n = d
        p = None if m is None or n is None else min(m, n)
        shapes[0] = TensorShape(batch + [p])
        if compute_uv:
            shapes[1] = TensorShape(batch + [m, m if full_matrices else p])
            shapes[2] = TensorShape(batch + [n, n if full_matrices else p])
        else:
            shapes[1] = shapes[2] = TensorShape([0])
    dtype = None if x is None else x.dtype
    s, u, v = apply_op("Svd", name, [(tensor, "input", None)],
                       outputs=[(dtype, sh) for sh in shapes],
                       attrs={"compute_uv": compute_uv, "full_matrices": full_matrices})
    if compute_uv:
        return real(s), u, v
    return real(s)


def _triangular_solve(matrix, rhs, adjoint, lower):
    m = convert_to_tensor(matrix)
    r = convert_to_tensor(rhs)
    return apply_op("MatrixTriangularSolve", None, [(m, "matrix", None), (r, "rhs", None)],
                    dtype=r.dtype, shape=r.shape, attrs={"lower": lower, "adjoint": adjoint})


def cholesky_solve(chol, rhs, name=None):
    with name_scope(name, "cholesky_solve", [chol, rhs]):
        y = _triangular_solve(chol, rhs, False, True)
        return _triangular_solve(chol, y, True, True)


def logdet(matrix, name=None):
    with name_scope(name, "logdet", [matrix]):
        m = convert_to_tensor(matrix)
        chol = apply_op("Cholesky", None, [(m, "input", None)], dtype=m.dtype, shape=m.shape)
        return 2.0 * math_ops.reduce_sum(math_ops.log(real(matrix_diag_part(chol))),
                                         axis=[-1])
