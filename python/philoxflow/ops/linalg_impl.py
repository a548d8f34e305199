"""More of `tf.linalg` (`linalg_impl.py`, `linalg_ops.py`): least squares, matrix
rank, pseudo-inverse, tridiagonal products and solves, the matrix exponential —
built op for op as TF 1.15 does (the decompositions are structure here)."""

from __future__ import annotations

import numpy as np

from ..framework import dtypes as _dtypes
from ..framework.constant_op import constant, convert_to_tensor
from ..framework.ops import Tensor, control_dependencies, name_scope
from . import array_ops, array_ops_ext, math_ops
from .gen import apply_op_helper
from .linalg_ops import cholesky_solve, svd

__all__ = ["matrix_solve_ls", "lstsq", "matrix_rank", "pinv", "tridiagonal_matmul",
           "tridiagonal_solve", "expm", "matrix_exponential"]


def _gramian_cholesky(matrix, l2_regularizer, first_kind):
    gramian = math_ops.matmul(matrix, matrix, adjoint_a=first_kind, adjoint_b=not first_kind)
    if isinstance(l2_regularizer, Tensor) or l2_regularizer != 0:
        matrix_shape = array_ops.shape(matrix)
        batch_shape = matrix_shape[:-2]
        small_dim = matrix_shape[-1] if first_kind else matrix_shape[-2]
        identity = array_ops_ext.eye(small_dim, batch_shape=batch_shape, dtype=matrix.dtype)
        small = matrix.shape[-1 if first_kind else -2]
        identity.set_shape(matrix.shape[:-2].concatenate([small, small]))
        gramian += l2_regularizer * identity
    return apply_op_helper("Cholesky", None, input=gramian)


def matrix_solve_ls(matrix, rhs, l2_regularizer=0.0, fast=True, name=None):
    """`tf.linalg.lstsq`: regularised normal equations through Cholesky (or the
    MatrixSolveLs op where TF picks it)."""
    def overdetermined():
        chol = _gramian_cholesky(matrix, l2_regularizer, True)
        return cholesky_solve(chol, math_ops.matmul(matrix, rhs, adjoint_a=True))

    def underdetermined():
        chol = _gramian_cholesky(matrix, l2_regularizer, False)
        return math_ops.matmul(matrix, cholesky_solve(chol, rhs), adjoint_a=True)

    matrix = convert_to_tensor(matrix, name="matrix")
    if matrix.dtype == _dtypes.complex128 and l2_regularizer != 0:
        raise NotImplementedError("matrix_solve_ls is currently disabled for complex128 and "
                                  "l2_regularizer != 0 due to poor accuracy.")
    shape = matrix.shape
    composite = fast is not False
    if composite and shape.is_fully_defined():
        size = shape.num_elements() * matrix.dtype.size
        io_bound = shape[:-2].num_elements() > np.min(shape[-2:].as_list())
        composite = not (size > 256000 and io_bound)
    if not composite:
        return apply_op_helper("MatrixSolveLs", name, matrix=matrix, rhs=rhs,
                               l2_regularizer=l2_regularizer, fast=fast)
    with name_scope(name, "matrix_solve_ls", [matrix, rhs, l2_regularizer]):
        ms = matrix.shape[-2:]
        if ms.is_fully_defined():
            return overdetermined() if ms[-2] >= ms[-1] else underdetermined()
        from .control_flow_ops import cond

        ms = array_ops.shape(matrix)[-2:]
        return cond(ms[-2] >= ms[-1], overdetermined, underdetermined)


lstsq = matrix_solve_ls


def _validate_matrix(a, validate_args):
    if not a.dtype.is_floating:
        raise TypeError("Input `a` must have `float`-like `dtype` (saw {}).".format(a.dtype.name))
    if a.shape.rank is not None:
        if a.shape.rank < 2:
            raise ValueError("Input `a` must have at least 2 dimensions (saw: {}).".format(
                a.shape.rank))
        return []
    if validate_args:
        from .check_ops import assert_rank_at_least

        return [assert_rank_at_least(a, rank=2,
                                     message="Input `a` must have at least 2 dimensions.")]
    return []


def matrix_rank(a, tol=None, validate_args=False, name=None):
    """`tf.linalg.matrix_rank`: singular values above eps * max(m, n) * max(s)."""
    with name_scope(name or "matrix_rank"):
        a = convert_to_tensor(a, name="a", preferred_dtype=_dtypes.float32)
        assertions = _validate_matrix(a, validate_args)
        if assertions:
            with control_dependencies(assertions):
                a = array_ops.identity(a)
        s = svd(a, compute_uv=False)
        if tol is None:
            if a.shape[-2:].is_fully_defined():
                m = np.max(a.shape[-2:].as_list())
            else:
                m = math_ops.reduce_max(array_ops.shape(a)[-2:])
            eps = np.finfo(a.dtype.as_numpy_dtype).eps
            tol = eps * math_ops.cast(m, a.dtype) * math_ops.reduce_max(s, axis=-1,
                                                                        keepdims=True)
        return math_ops.reduce_sum(math_ops.cast(s > tol, _dtypes.int32), axis=-1)


def pinv(a, rcond=None, validate_args=False, name=None):
    """`tf.linalg.pinv`: through the SVD, small singular values cut off."""
    with name_scope(name or "pinv"):
        a = convert_to_tensor(a, name="a")
        assertions = _validate_matrix(a, validate_args)
        if assertions:
            with control_dependencies(assertions):
                a = array_ops.identity(a)
        dtype = a.dtype.as_numpy_dtype
        if rcond is None:
            def dim(i):
                v = a.shape[i].value
                return v if v is not None else array_ops.shape(a)[i]
            rows, cols = dim(-2), dim(-1)
            if isinstance(rows, int) and isinstance(cols, int):
                max_rc = float(max(rows, cols))
            else:
                max_rc = math_ops.cast(math_ops.maximum(rows, cols), dtype)
            rcond = 10.0 * max_rc * np.finfo(dtype).eps
        rcond = convert_to_tensor(rcond, dtype=dtype, name="rcond")
        s, u, v = svd(a, full_matrices=False, compute_uv=True)
        cutoff = rcond * math_ops.reduce_max(s, axis=-1)
        s = array_ops_ext.where_v2(s > array_ops.expand_dims(cutoff, -1), s,
                                   np.array(np.inf, dtype))
        a_pinv = math_ops.matmul(v / array_ops.expand_dims(s, -2), u, adjoint_b=True)
        if a.shape.rank is not None:
            a_pinv.set_shape(a.shape[:-2].concatenate([a.shape[-1], a.shape[-2]]))
        return a_pinv


def tridiagonal_matmul(diagonals, rhs, diagonals_format="compact", name=None):
    """`tf.linalg.tridiagonal_matmul` (TridiagonalMatMul)."""
    if diagonals_format == "compact":
        superdiag, maindiag, subdiag = (diagonals[..., k, :] for k in range(3))
    elif diagonals_format == "sequence":
        superdiag, maindiag, subdiag = diagonals
    elif diagonals_format == "matrix":
        m1, m2 = diagonals.shape[-1].value, diagonals.shape[-2].value
        if not m1 or not m2:
            raise ValueError("The size of the matrix needs to be known for "
                             'diagonals_format="matrix"')
        if m1 != m2:
            raise ValueError("Expected last two dimensions of diagonals to be same, got {} and "
                             "{}".format(m1, m2))
        from .math_ops_ext import matrix_diag_part

        maindiag = matrix_diag_part(diagonals)
        diagonals = array_ops.transpose(diagonals)
        dummy = [0, 0]
        sup_idx = [[i + 1, i] for i in range(0, m1 - 1)] + [dummy]
        sub_idx = [dummy] + [[i - 1, i] for i in range(1, m1)]
        superdiag = array_ops.transpose(array_ops_ext.gather_nd(diagonals, sup_idx))
        subdiag = array_ops.transpose(array_ops_ext.gather_nd(diagonals, sub_idx))
    else:
        raise ValueError("Unrecognized diagonals_format: %s" % diagonals_format)
    superdiag = array_ops.expand_dims(superdiag, -2)
    maindiag = array_ops.expand_dims(maindiag, -2)
    subdiag = array_ops.expand_dims(subdiag, -2)
    return apply_op_helper("TridiagonalMatMul", name, superdiag=superdiag, maindiag=maindiag,
                           subdiag=subdiag, rhs=rhs)


def _tridiagonal_solve_compact(diagonals, rhs, transpose_rhs, conjugate_rhs, partial_pivoting,
                               name):
    from .math_ops_ext import conj

    diags_rank, rhs_rank = len(diagonals.shape), len(rhs.shape)
    if diags_rank < 2:
        raise ValueError("Expected diagonals to have rank at least 2, got {}".format(diags_rank))
    if rhs_rank != diags_rank and rhs_rank != diags_rank - 1:
        raise ValueError("Expected the rank of rhs to be {} or {}, got {}".format(
            diags_rank - 1, diags_rank, rhs_rank))
    if diagonals.shape[-2].value and diagonals.shape[-2].value != 3:
        raise ValueError("Expected 3 diagonals got {}".format(diagonals.shape[-2]))

    def solve(r):
        return apply_op_helper("TridiagonalSolve", name, diagonals=diagonals, rhs=r,
                               partial_pivoting=partial_pivoting)

    if rhs_rank == diags_rank - 1:
        if conjugate_rhs:
            rhs = conj(rhs)
        rhs = array_ops.expand_dims(rhs, -1)
        return array_ops.squeeze(solve(rhs), -1)
    if transpose_rhs:
        rhs = array_ops_ext.matrix_transpose(rhs, conjugate=conjugate_rhs)
    elif conjugate_rhs:
        rhs = conj(rhs)
    result = solve(rhs)
    return array_ops_ext.matrix_transpose(result) if transpose_rhs else result


def tridiagonal_solve(diagonals, rhs, diagonals_format="compact", transpose_rhs=False,
                      conjugate_rhs=False, name=None, partial_pivoting=True):
    """`tf.linalg.tridiagonal_solve` (TridiagonalSolve; compact or sequence diagonals)."""
    if diagonals_format == "compact":
        return _tridiagonal_solve_compact(diagonals, rhs, transpose_rhs, conjugate_rhs,
                                          partial_pivoting, name)
    if diagonals_format == "sequence":
        if not isinstance(diagonals, (tuple, list)) or len(diagonals) != 3:
            raise ValueError("Expected diagonals to be a sequence of length 3.")
        superdiag, maindiag, subdiag = diagonals
        m = maindiag.shape[-1].value

        def pad_if_necessary(t, name, last_dim_padding):
            n = t.shape[-1].value
            if not n or n == m:
                return t
            if n == m - 1:
                paddings = [[0, 0] for _ in range(len(t.shape) - 1)] + [last_dim_padding]
                return array_ops.pad(t, paddings)
            raise ValueError("Expected {} to be have length {} or {}, got {}.".format(
                name, m, m - 1, n))

        subdiag = pad_if_necessary(subdiag, "subdiagonal", [1, 0])
        superdiag = pad_if_necessary(superdiag, "superdiagonal", [0, 1])
        diagonals = array_ops.stack((superdiag, maindiag, subdiag), axis=-2)
        return _tridiagonal_solve_compact(diagonals, rhs, transpose_rhs, conjugate_rhs,
                                          partial_pivoting, name)
    if diagonals_format == "matrix":
        raise NotImplementedError('philoxflow builds diagonals_format="compact" and '
                                  '"sequence" tridiagonal solves')
    raise ValueError("Unrecognized diagonals_format: {}".format(diagonals_format))


_PADE = {
    3: [120.0, 60.0, 12.0],
    5: [30240.0, 15120.0, 3360.0, 420.0, 30.0],
    7: [17297280.0, 8648640.0, 1995840.0, 277200.0, 25200.0, 1512.0, 56.0],
    9: [17643225600.0, 8821612800.0, 2075673600.0, 302702400.0, 30270240.0, 2162160.0,
        110880.0, 3960.0, 90.0],
    13: [6.476475253248e+16, 3.238237626624e+16, 7771770303897600.0, 1187353796428800.0,
         129060195264000.0, 10559470521600.0, 670442572800.0, 33522128640.0, 1323241920.0,
         40840800.0, 960960.0, 16380.0, 182.0],
}


def _pade(order, matrix):
    """TF's `_matrix_exp_pade{3,5,7,9,13}`: the (u, v) of the Pade approximant."""
    b = [constant(x, matrix.dtype) for x in _PADE[order]]
    ident = array_ops_ext.eye(array_ops.shape(matrix)[-2],
                              batch_shape=array_ops.shape(matrix)[:-2], dtype=matrix.dtype)
    mm = math_ops.matmul
    m2 = mm(matrix, matrix)
    if order == 3:
        return mm(matrix, m2 + b[1] * ident), b[2] * m2 + b[0] * ident
    m4 = mm(m2, m2)
    if order == 5:
        return (mm(matrix, m4 + b[3] * m2 + b[1] * ident),
                b[4] * m4 + b[2] * m2 + b[0] * ident)
    m6 = mm(m4, m2)
    if order == 7:
        return (mm(matrix, m6 + b[5] * m4 + b[3] * m2 + b[1] * ident),
                b[6] * m6 + b[4] * m4 + b[2] * m2 + b[0] * ident)
    if order == 9:
        m8 = mm(m6, m2)
        return (mm(matrix, m8 + b[7] * m6 + b[5] * m4 + b[3] * m2 + b[1] * ident),
                b[8] * m8 + b[6] * m6 + b[4] * m4 + b[2] * m2 + b[0] * ident)
    tmp_u = (mm(m6, m6 + b[11] * m4 + b[9] * m2) + b[7] * m6 + b[5] * m4 + b[3] * m2
             + b[1] * ident)
    matrix_u = mm(matrix, tmp_u)
    tmp_v = b[12] * m6 + b[10] * m4 + b[8] * m2
    return matrix_u, mm(m6, tmp_v) + b[6] * m6 + b[4] * m4 + b[2] * m2 + b[0] * ident


def matrix_exponential(input, name=None):  # noqa: A002 - TF's name
    """`tf.linalg.expm`: scaling and squaring with Pade approximants chosen by the
    1-norm, the squarings in a while loop."""
    from .while_loop import while_loop

    with name_scope(name, "matrix_exponential", [input]):
        matrix = convert_to_tensor(input, name="input")
        if matrix.shape[-2:] == [0, 0]:
            return matrix
        batch_shape = matrix.shape[:-2]
        if not batch_shape.is_fully_defined():
            batch_shape = array_ops.shape(matrix)[:-2]
        matrix = array_ops.reshape(matrix, array_ops.concat(
            ([-1], array_ops.shape(matrix)[-2:]), axis=0))
        l1_norm = math_ops.reduce_max(math_ops.reduce_sum(
            math_ops.abs(matrix), axis=array_ops.size(array_ops.shape(matrix)) - 2), axis=-1)

        def const(x):
            return constant(x, l1_norm.dtype)

        def nest_where(vals, cases):
            below = math_ops.less(l1_norm, const(vals[0]))
            if len(vals) == 1:
                return array_ops_ext.where(below, cases[0], cases[1])
            return array_ops_ext.where(below, cases[0], nest_where(vals[1:], cases[1:]))

        def scaled():
            two = constant(2.0, dtype=matrix.dtype)
            return matrix / math_ops.pow(two, math_ops.cast(squarings, matrix.dtype))[
                ..., None, None]

        if matrix.dtype in (_dtypes.float16, _dtypes.float32, _dtypes.complex64):
            maxnorm = const(3.92572478313866)
            squarings = math_ops.maximum(math_ops.floor(
                math_ops.log(l1_norm / maxnorm) / math_ops.log(const(2.0))), 0)
            orders, conds = (3, 5), (0.4258730016922831, 1.880152677804762)
            last = 7
        elif matrix.dtype in (_dtypes.float64, _dtypes.complex128):
            maxnorm = const(5.371920351148152)
            squarings = math_ops.maximum(math_ops.floor(
                math_ops.log(l1_norm / maxnorm) / math_ops.log(const(2.0))), 0)
            orders = (3, 5, 7, 9)
            conds = (0.01495585217958292, 0.253939833006323, 0.9504178996162932,
                     2.097847961257068)
            last = 13
        else:
            raise ValueError("tf.linalg.expm does not support matrices of type %s"
                             % matrix.dtype)
        pairs = [_pade(k, matrix) for k in orders] + [_pade(last, scaled())]
        u = nest_where(conds, [p[0] for p in pairs])
        v = nest_where(conds, [p[1] for p in pairs])
        numer = u + v
        denom = -u + v
        result = apply_op_helper("MatrixSolve", None, matrix=denom, rhs=numer)
        max_squarings = math_ops.reduce_max(squarings)
        i = const(0.0)

        def body(i, r):
            return i + 1, array_ops_ext.where(math_ops.less(i, squarings),
                                              math_ops.matmul(r, r), r)

        _, result = while_loop(lambda i, r: math_ops.less(i, max_squarings), body, [i, result])
        if not matrix.shape.is_fully_defined():
            return array_ops.reshape(result, array_ops.concat(
                (batch_shape, array_ops.shape(result)[-2:]), axis=0))
        return array_ops.reshape(result, batch_shape.concatenate(result.shape[-2:]))


expm = matrix_exponential
