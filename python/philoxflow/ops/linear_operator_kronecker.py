"""`tf.linalg.LinearOperatorKronecker` (TF 1.15's `linear_operator_kronecker.py`): the
Kronecker product of operators, applied factor by factor through reshapes."""

from __future__ import annotations

from ..framework.ops import name_scope
from ..framework.tensor_shape import TensorShape
from . import array_ops, array_ops_ext, math_ops
from .linear_operator import LinearOperator, _adjoint, check_operators, register_factorwise

__all__ = ["LinearOperatorKronecker"]


def _vec(x):
    return array_ops.reshape(array_ops_ext.matrix_transpose(x),
                             array_ops.concat([array_ops.shape(x)[:-2], [-1]], axis=0))


def _unvec_by(y, num_col):
    return array_ops_ext.matrix_transpose(array_ops.reshape(
        y, array_ops.concat([array_ops.shape(y)[:-1], [num_col, -1]], axis=0)))


def _rotate_last_dim(x, rotate_right=False):
    ndims = array_ops.rank(x)
    if rotate_right:
        perm = array_ops.concat([[ndims - 1], array_ops.range(0, ndims - 1)], axis=0)
    else:
        perm = array_ops.concat([array_ops.range(1, ndims), [0]], axis=0)
    return array_ops.transpose(x, perm)


class LinearOperatorKronecker(LinearOperator):
    """`tf.linalg.LinearOperatorKronecker`."""

    def __init__(self, operators, is_non_singular=None, is_self_adjoint=None,
                 is_positive_definite=None, is_square=None, name=None):
        operators, dtype = check_operators(operators,
                                           "Expected a list of >=1 operators. Found: %s")
        self._operators = operators
        for attr, value, what in (("is_non_singular", is_non_singular, "non-singular"),
                                  ("is_self_adjoint", is_self_adjoint, "self-adjoint"),
                                  ("is_positive_definite", is_positive_definite,
                                   "positive-definite")):
            if all(getattr(op, attr) for op in operators):
                if value is False:
                    raise ValueError("The Kronecker product of %s operators is always %s."
                                     % (what, what))
        if all(op.is_non_singular for op in operators):
            is_non_singular = True
        if all(op.is_self_adjoint for op in operators):
            is_self_adjoint = True
        if all(op.is_positive_definite for op in operators):
            is_positive_definite = True
        parents = [p for op in operators for p in op.graph_parents]
        if name is None:
            name = operators[0].name
            for op in operators[1:]:
                name += "_x_" + op.name
        with name_scope(name, values=parents):
            super().__init__(dtype=dtype, graph_parents=parents,
                             is_non_singular=is_non_singular, is_self_adjoint=is_self_adjoint,
                             is_positive_definite=is_positive_definite, is_square=is_square,
                             name=name)

    operators = property(lambda self: self._operators)

    def _shape(self):
        from .math_ops_ext import broadcast_static_shape

        domain = self.operators[0].domain_dimension
        for op in self.operators[1:]:
            domain *= op.domain_dimension
        range_ = self.operators[0].range_dimension
        for op in self.operators[1:]:
            range_ *= op.range_dimension
        batch = self.operators[0].batch_shape
        for op in self.operators[1:]:
            batch = broadcast_static_shape(batch, op.batch_shape)
        return batch.concatenate(TensorShape([range_, domain]))

    def _shape_tensor(self):
        from .math_ops_ext import broadcast_dynamic_shape

        domain = self.operators[0].domain_dimension_tensor()
        for op in self.operators[1:]:
            domain *= op.domain_dimension_tensor()
        range_ = self.operators[0].range_dimension_tensor()
        for op in self.operators[1:]:
            range_ *= op.range_dimension_tensor()
        batch = self.operators[0].batch_shape_tensor()
        for op in self.operators[1:]:
            batch = broadcast_dynamic_shape(batch, op.batch_shape_tensor())
        return array_ops.concat((batch, [range_, domain]), 0)

    def _apply(self, x, adjoint, adjoint_arg, method, vec_method):
        from .math_ops_ext import broadcast_static_shape

        if adjoint_arg:
            x = _adjoint(x)
        ones = array_ops.concat([array_ops.ones_like(self.batch_shape_tensor()), [1, 1]], 0)
        x += array_ops.zeros(ones, dtype=x.dtype.base_dtype)
        output = _rotate_last_dim(x, rotate_right=True)
        output = output[None, ...]
        for op in self.operators[:-1]:
            dim = op.range_dimension_tensor() if adjoint else op.domain_dimension_tensor()
            output = _unvec_by(output, dim)
            output = array_ops_ext.matrix_transpose(output)
            output = getattr(op, method)(output, adjoint=adjoint, adjoint_arg=False)
            output = array_ops_ext.matrix_transpose(output)
            output = _rotate_last_dim(output, rotate_right=False)
            output = _vec(output)
            output = _rotate_last_dim(output, rotate_right=True)
        output = getattr(self.operators[-1], vec_method)(output, adjoint=adjoint)
        output = _rotate_last_dim(output, rotate_right=False)
        output = _vec(output)
        output = _rotate_last_dim(output, rotate_right=False)
        if x.shape.is_fully_defined():
            col = x.shape[-1]
            batch = broadcast_static_shape(x.shape[:-2], self.batch_shape)
            dims = [self.domain_dimension if adjoint else self.range_dimension, col]
            output.set_shape(batch.concatenate(dims))
        return output

    def _matmul(self, x, adjoint=False, adjoint_arg=False):
        return self._apply(x, adjoint, adjoint_arg, "matmul", "matvec")

    def _solve(self, rhs, adjoint=False, adjoint_arg=False):
        return self._apply(rhs, adjoint, adjoint_arg, "solve", "solvevec")

    def _determinant(self):
        total = self.domain_dimension_tensor()
        det = 1.0
        for op in self.operators:
            det *= op.determinant() ** math_ops.cast(total / op.domain_dimension_tensor(),
                                                     dtype=op.dtype)
        return det

    def _log_abs_determinant(self):
        total = self.domain_dimension_tensor()
        out = 0.0
        for op in self.operators:
            out += op.log_abs_determinant() * math_ops.cast(
                total / op.domain_dimension_tensor(), dtype=op.dtype)
        return out

    def _trace(self):
        trace = 1.0
        for op in self.operators:
            trace *= op.trace()
        return trace

    def _diag_part(self):
        diag = self.operators[0].diag_part()
        for op in self.operators[1:]:
            diag = diag[..., :, None]
            diag *= op.diag_part()[..., None, :]
            diag = array_ops.reshape(diag, shape=array_ops.concat(
                [array_ops.shape(diag)[:-2], [-1]], axis=0))
        dim = (self.domain_dimension if self.range_dimension > self.domain_dimension
               else self.range_dimension)
        diag.set_shape(self.batch_shape.concatenate(dim))
        return diag

    def _to_dense(self):
        product = self.operators[0].to_dense()
        for op in self.operators[1:]:
            product = product[..., :, None, :, None]
            product *= op.to_dense()[..., None, :, None, :]
            sh = array_ops.shape  # TF takes the shape anew for each piece
            product = array_ops.reshape(product, shape=array_ops.concat(
                [sh(product)[:-4], [sh(product)[-4] * sh(product)[-3],
                                    sh(product)[-2] * sh(product)[-1]]], axis=0))
        product.set_shape(self.shape)
        return product


register_factorwise(LinearOperatorKronecker)
