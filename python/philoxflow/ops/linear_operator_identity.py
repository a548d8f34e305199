"""`tf.linalg.LinearOperatorIdentity` and `LinearOperatorScaledIdentity` (TF 1.15's
`linear_operator_identity.py`) and their algebra registrations."""

from __future__ import annotations

import numpy as np

from ..framework import dtypes as _dtypes
from ..framework.ops import name_scope
from ..framework.tensor_shape import TensorShape
from ..framework.tensor_util import constant_value
from . import array_ops, array_ops_ext, math_ops, math_ops_ext
from .linear_operator import LinearOperator, _adjoint, convert_nonref_to_tensor, register
from .linear_operator import shape_tensor as _shape_tensor
from .linear_operators import (
    LinearOperatorDiag,
    _non_singular,
    _positive_definite,
    _self_adjoint,
)

__all__ = ["LinearOperatorIdentity", "LinearOperatorScaledIdentity"]

_REAL = {"complex64": _dtypes.float32, "complex128": _dtypes.float64}


class _BaseIdentity(LinearOperator):
    def _check_num_rows(self):
        if self._assert_proper_shapes:
            raise NotImplementedError("philoxflow builds identity operators without "
                                      "assert_proper_shapes")
        if not self._num_rows.dtype.is_integer:
            raise TypeError("Argument num_rows must be integer type.  Found: %s"
                            % self._num_rows)
        static = self._num_rows_static
        if static is None:
            return
        if np.ndim(static) != 0:
            raise ValueError("Argument num_rows must be a 0-D Tensor.  Found: %s" % static)
        if static < 0:
            raise ValueError("Argument num_rows must be non-negative.  Found: %s" % static)

    def _set_batch_shape(self, batch_shape):
        if batch_shape is None:
            self._batch_shape_arg = None
            return
        self._batch_shape_arg = _shape_tensor(batch_shape, name="batch_shape_arg")
        self._batch_shape_static = constant_value(self._batch_shape_arg)
        if not self._batch_shape_arg.dtype.is_integer:
            raise TypeError("Argument batch_shape must be integer type.  Found: %s"
                            % self._batch_shape_arg)
        static = self._batch_shape_static
        if static is not None:
            if np.ndim(static) != 1:
                raise ValueError("Argument batch_shape must be a 1-D Tensor.  Found: %s"
                                 % static)
            if np.any(np.asarray(static) < 0):
                raise ValueError("Argument batch_shape must be non-negative.  Found:%s"
                                 % static)

    def _batched(self, matrix):
        if self._batch_shape_arg is None:
            return matrix
        static = self._batch_shape_static
        batch = TensorShape(None if static is None else [int(d) for d in static])
        return batch.concatenate(matrix)

    def _possibly_broadcast_batch_shape(self, x):
        from .math_ops_ext import broadcast_static_shape

        if self._batch_shape_arg is None:
            return x
        special = self.batch_shape.concatenate([1, 1])
        bshape = broadcast_static_shape(x.shape, special)
        if special.is_fully_defined():
            if bshape == x.shape:
                return x
            return x + array_ops.zeros(shape=special, dtype=self.dtype)
        special = array_ops.concat((self.batch_shape_tensor(), [1, 1]), 0)
        return x + array_ops.zeros(shape=special, dtype=self.dtype)

    def _static_rows(self):
        return None if self._num_rows_static is None else int(self._num_rows_static)

    def _min_matrix_dim(self):
        d, r = self.domain_dimension.value, self.range_dimension.value
        return None if d is None or r is None else min(d, r)

    def _min_matrix_dim_tensor(self):
        return math_ops.reduce_min(self.shape_tensor()[-2:])

    def _ones_diag(self):
        if self.shape.is_fully_defined():
            d_shape = self.batch_shape.concatenate([self._min_matrix_dim()])
        else:
            d_shape = array_ops.concat([self.batch_shape_tensor(),
                                        [self._min_matrix_dim_tensor()]], axis=0)
        return array_ops.ones(shape=d_shape, dtype=self.dtype)

    def _batch_of_ones(self):
        if self.batch_shape.is_fully_defined():
            return array_ops.ones(shape=self.batch_shape, dtype=self.dtype)
        return array_ops.ones(shape=self.batch_shape_tensor(), dtype=self.dtype)


class LinearOperatorIdentity(_BaseIdentity):
    """`tf.linalg.LinearOperatorIdentity`: [batch] identity matrices (no matmul ops)."""

    def __init__(self, num_rows, batch_shape=None, dtype=None, is_non_singular=True,
                 is_self_adjoint=True, is_positive_definite=True, is_square=True,
                 assert_proper_shapes=False, name="LinearOperatorIdentity"):
        dtype = dtype or _dtypes.float32
        self._assert_proper_shapes = assert_proper_shapes
        with name_scope(name):
            dtype = _dtypes.as_dtype(dtype)
            for ok, what in ((is_self_adjoint, "self adjoint"), (is_non_singular, "non-singular"),
                             (is_positive_definite, "positive-definite"), (is_square, "square")):
                if not ok:
                    raise ValueError("An identity operator is always %s." % what)
            super().__init__(dtype=dtype, is_non_singular=is_non_singular,
                             is_self_adjoint=is_self_adjoint,
                             is_positive_definite=is_positive_definite, is_square=is_square,
                             name=name)
            self._num_rows = _shape_tensor(num_rows, name="num_rows")
            self._num_rows_static = constant_value(self._num_rows)
            self._check_num_rows()
            self._set_batch_shape(batch_shape)

    def _shape(self):
        n = self._static_rows()
        return self._batched(TensorShape((n, n)))

    def _shape_tensor(self):
        matrix = array_ops.stack((self._num_rows, self._num_rows), axis=0)
        if self._batch_shape_arg is None:
            return matrix
        return array_ops.concat((self._batch_shape_arg, matrix), 0)

    def _matmul(self, x, adjoint=False, adjoint_arg=False):
        x = _adjoint(x) if adjoint_arg else x
        return self._possibly_broadcast_batch_shape(x)

    def _determinant(self):
        return array_ops.ones(shape=self.batch_shape_tensor(), dtype=self.dtype)

    def _log_abs_determinant(self):
        return array_ops.zeros(shape=self.batch_shape_tensor(), dtype=self.dtype)

    def _solve(self, rhs, adjoint=False, adjoint_arg=False):
        return self._matmul(rhs, adjoint_arg=adjoint_arg)

    def _trace(self):
        ones = self._batch_of_ones()
        if self._min_matrix_dim() is not None:
            return self._min_matrix_dim() * ones
        return math_ops.cast(self._min_matrix_dim_tensor(), self.dtype) * ones

    def _diag_part(self):
        return self._ones_diag()

    def add_to_tensor(self, mat, name="add_to_tensor"):
        from ..framework.constant_op import convert_to_tensor

        with self._name_scope(name):
            mat = convert_to_tensor(mat, name="mat")
            new_diag = 1 + math_ops_ext.matrix_diag_part(mat)
            return array_ops_ext.matrix_set_diag(mat, new_diag)


class LinearOperatorScaledIdentity(_BaseIdentity):
    """`tf.linalg.LinearOperatorScaledIdentity`: multiplier * identity, batched by the
    multiplier's shape."""

    def __init__(self, num_rows, multiplier, is_non_singular=None, is_self_adjoint=None,
                 is_positive_definite=None, is_square=True, assert_proper_shapes=False,
                 name="LinearOperatorScaledIdentity"):
        self._assert_proper_shapes = assert_proper_shapes
        with name_scope(name, values=[multiplier, num_rows]):
            self._multiplier = convert_nonref_to_tensor(multiplier, name="multiplier")
            if not self._multiplier.dtype.is_complex:
                if is_self_adjoint is False:
                    raise ValueError("A real diagonal operator is always self adjoint.")
                is_self_adjoint = True
            if not is_square:
                raise ValueError("A ScaledIdentity operator is always square.")
            super().__init__(dtype=self._multiplier.dtype.base_dtype,
                             is_non_singular=is_non_singular, is_self_adjoint=is_self_adjoint,
                             is_positive_definite=is_positive_definite, is_square=is_square,
                             name=name)
            self._num_rows = _shape_tensor(num_rows, name="num_rows")
            self._num_rows_static = constant_value(self._num_rows)
            self._check_num_rows()
            self._num_rows_cast_to_dtype = math_ops.cast(self._num_rows, self.dtype)
            self._num_rows_cast_to_real_dtype = math_ops.cast(
                self._num_rows, _REAL.get(self.dtype.name, self.dtype))

    multiplier = property(lambda self: self._multiplier)

    def _shape(self):
        n = self._static_rows()
        return self.multiplier.shape.concatenate(TensorShape((n, n)))

    def _shape_tensor(self):
        matrix = array_ops.stack((self._num_rows, self._num_rows), axis=0)
        return array_ops.concat((array_ops.shape(self.multiplier), matrix), 0)

    def _multiplier_matrix(self, conjugate=False):
        m = array_ops.expand_dims(array_ops.expand_dims(self.multiplier, -1), -1)
        return math_ops_ext.conj(m) if conjugate else m

    def _matmul(self, x, adjoint=False, adjoint_arg=False):
        x = _adjoint(x) if adjoint_arg else x
        return x * self._multiplier_matrix(conjugate=adjoint)

    def _determinant(self):
        return self.multiplier ** self._num_rows_cast_to_dtype

    def _log_abs_determinant(self):
        return self._num_rows_cast_to_real_dtype * math_ops.log(math_ops.abs(self.multiplier))

    def _solve(self, rhs, adjoint=False, adjoint_arg=False):
        rhs = _adjoint(rhs) if adjoint_arg else rhs
        return rhs / self._multiplier_matrix(conjugate=adjoint)

    def _trace(self):
        ones = self._batch_of_ones()
        if self._min_matrix_dim() is not None:
            return self.multiplier * self._min_matrix_dim() * ones
        return self.multiplier * math_ops.cast(self._min_matrix_dim_tensor(),
                                               self.dtype) * ones

    def _diag_part(self):
        return self._ones_diag() * self.multiplier[..., None]

    def add_to_tensor(self, mat, name="add_to_tensor"):
        from ..framework.constant_op import convert_to_tensor

        with self._name_scope(name):
            vec = array_ops.expand_dims(self.multiplier, -1)
            mat = convert_to_tensor(mat, name="mat")
            new_diag = vec + math_ops_ext.matrix_diag_part(mat)
            return array_ops_ext.matrix_set_diag(mat, new_diag)


def _scaled(op, multiplier, **kw):
    return LinearOperatorScaledIdentity(num_rows=op._num_rows, multiplier=multiplier, **kw)


def _combined(a, b):
    return dict(is_non_singular=_non_singular(a, b), is_self_adjoint=_self_adjoint(a, b),
                is_positive_definite=_positive_definite(a, b), is_square=True)


register("adjoint", LinearOperatorIdentity)(lambda op: op)
register("adjoint", LinearOperatorScaledIdentity)(lambda op: _scaled(
    op, math_ops_ext.conj(op.multiplier) if op.multiplier.dtype.is_complex else op.multiplier,
    is_non_singular=op.is_non_singular, is_self_adjoint=op.is_self_adjoint,
    is_positive_definite=op.is_positive_definite, is_square=True))
register("inverse", LinearOperatorIdentity)(lambda op: op)
register("inverse", LinearOperatorScaledIdentity)(lambda op: _scaled(
    op, 1.0 / op.multiplier, is_non_singular=op.is_non_singular, is_self_adjoint=True,
    is_positive_definite=op.is_positive_definite, is_square=True))
register("cholesky", LinearOperatorIdentity)(lambda op: LinearOperatorIdentity(
    num_rows=op._num_rows, batch_shape=op.batch_shape, dtype=op.dtype, is_non_singular=True,
    is_self_adjoint=True, is_positive_definite=True, is_square=True))
register("cholesky", LinearOperatorScaledIdentity)(lambda op: _scaled(
    op, math_ops.sqrt(op.multiplier), is_non_singular=True, is_self_adjoint=True,
    is_positive_definite=True, is_square=True))
register("matmul", LinearOperatorIdentity, LinearOperator)(lambda i, op: op)
register("matmul", LinearOperator, LinearOperatorIdentity)(lambda op, i: op)
register("solve", LinearOperatorIdentity, LinearOperator)(lambda i, op: op)
register("matmul", LinearOperatorDiag, LinearOperatorScaledIdentity)(
    lambda d, s: LinearOperatorDiag(diag=d.diag * s.multiplier, **_combined(d, s)))
register("matmul", LinearOperatorScaledIdentity, LinearOperatorDiag)(
    lambda s, d: LinearOperatorDiag(diag=d.diag * s.multiplier, **_combined(d, s)))
register("solve", LinearOperatorDiag, LinearOperatorScaledIdentity)(
    lambda d, s: LinearOperatorDiag(diag=s.multiplier / d.diag, **_combined(d, s)))
register("solve", LinearOperatorScaledIdentity, LinearOperatorDiag)(
    lambda s, d: LinearOperatorDiag(diag=d.diag / s.multiplier, **_combined(d, s)))


class LinearOperatorZeros(_BaseIdentity):
    """`tf.linalg.LinearOperatorZeros`: [batch] zero matrices (products are Fills)."""

    def __init__(self, num_rows, num_columns=None, batch_shape=None, dtype=None,
                 is_non_singular=False, is_self_adjoint=True, is_positive_definite=False,
                 is_square=True, assert_proper_shapes=False, name="LinearOperatorZeros"):
        dtype = dtype or _dtypes.float32
        self._assert_proper_shapes = assert_proper_shapes
        with name_scope(name):
            dtype = _dtypes.as_dtype(dtype)
            if not is_self_adjoint and is_square:
                raise ValueError("A zero operator is always self adjoint.")
            if is_non_singular:
                raise ValueError("A zero operator is always singular.")
            if is_positive_definite:
                raise ValueError("A zero operator is always not positive-definite.")
            super().__init__(dtype=dtype, is_non_singular=is_non_singular,
                             is_self_adjoint=is_self_adjoint,
                             is_positive_definite=is_positive_definite, is_square=is_square,
                             name=name)
            self._num_rows = _shape_tensor(num_rows, name="num_rows")
            self._num_rows_static = constant_value(self._num_rows)
            self._num_columns = _shape_tensor(num_rows if num_columns is None else num_columns,
                                              name="num_columns")
            self._num_columns_static = constant_value(self._num_columns)
            if assert_proper_shapes:
                raise NotImplementedError("philoxflow builds zero operators without "
                                          "assert_proper_shapes")
            for t, what in ((self._num_rows, "num_rows"), (self._num_columns, "num_columns")):
                if not t.dtype.is_integer:
                    raise TypeError("Argument %s must be integer type.  Found: %s" % (what, t))
                v = constant_value(t)
                if v is not None and np.ndim(v) != 0:
                    raise ValueError("Argument %s must be a 0-D Tensor.  Found: %s" % (what, v))
                if v is not None and v < 0:
                    raise ValueError("Argument %s must be non-negative.  Found: %s" % (what, v))
            r, c = self._num_rows_static, self._num_columns_static
            if r is not None and c is not None and is_square and r != c:
                raise ValueError("LinearOperatorZeros initialized as is_square=True, but got "
                                 "num_rows({}) != num_columns({})".format(r, c))
            self._set_batch_shape(batch_shape)

    def _shape(self):
        r, c = self._num_rows_static, self._num_columns_static
        return self._batched(TensorShape((None if r is None else int(r),
                                          None if c is None else int(c))))

    def _shape_tensor(self):
        matrix = array_ops.stack((self._num_rows, self._num_columns), axis=0)
        if self._batch_shape_arg is None:
            return matrix
        return array_ops.concat((self._batch_shape_arg, matrix), 0)

    def _matmul(self, x, adjoint=False, adjoint_arg=False):
        if self.is_square:
            if adjoint_arg:
                out = array_ops.concat([array_ops.shape(x)[:-2], [array_ops.shape(x)[-1],
                                                                  array_ops.shape(x)[-2]]],
                                       axis=0)
            else:
                out = array_ops.shape(x)
            return self._possibly_broadcast_batch_shape(array_ops.zeros(shape=out,
                                                                        dtype=x.dtype))
        x_shape = array_ops.shape(x)
        n = self._num_columns if adjoint else self._num_rows
        m = x_shape[-2] if adjoint_arg else x_shape[-1]
        out = array_ops.concat([x_shape[:-2], [n, m]], axis=0)
        return self._possibly_broadcast_batch_shape(array_ops.zeros(shape=out, dtype=x.dtype))

    def _batch_zeros(self):
        shape = (self.batch_shape if self.batch_shape.is_fully_defined()
                 else self.batch_shape_tensor())
        return array_ops.zeros(shape=shape, dtype=self.dtype)

    def _determinant(self):
        return self._batch_zeros()

    def _trace(self):
        return self._batch_zeros()

    def _diag_part(self):
        if self.shape.is_fully_defined():
            d_shape = self.batch_shape.concatenate([self._min_matrix_dim()])
        else:
            d_shape = array_ops.concat([self.batch_shape_tensor(),
                                        [self._min_matrix_dim_tensor()]], axis=0)
        return array_ops.zeros(shape=d_shape, dtype=self.dtype)

    def add_to_tensor(self, mat, name="add_to_tensor"):
        return self._possibly_broadcast_batch_shape(mat)


def _zeros_product(zeros, linop):
    if not zeros.is_square or not linop.is_square:
        raise ValueError("Matmul with non-square `LinearOperator`s or non-square "
                         "`LinearOperatorZeros` not supported at this time.")
    return zeros


register("matmul", LinearOperator, LinearOperatorZeros)(lambda op, z: _zeros_product(z, op))
register("matmul", LinearOperatorZeros, LinearOperator)(_zeros_product)
__all__ += ["LinearOperatorZeros"]
