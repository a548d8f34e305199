"""`tf.linalg.LinearOperatorBlockDiag` (TF 1.15's `linear_operator_block_diag.py`) and
its algebra registrations."""

from __future__ import annotations

from ..framework import dtypes as _dtypes
from ..framework.constant_op import convert_to_tensor
from ..framework.ops import name_scope
from ..framework.tensor_shape import TensorShape
from . import array_ops, array_ops_ext
from .linear_operator import (
    LinearOperator,
    broadcast_matrix_batch_dims,
    check_operators,
    register_factorwise,
)

__all__ = ["LinearOperatorBlockDiag"]


class LinearOperatorBlockDiag(LinearOperator):
    """`tf.linalg.LinearOperatorBlockDiag`: square operators on the block diagonal."""

    def __init__(self, operators, is_non_singular=None, is_self_adjoint=None,
                 is_positive_definite=None, is_square=True, name=None):
        operators, dtype = check_operators(operators)
        self._operators = operators
        if all(op.is_non_singular for op in operators):
            if is_non_singular is False:
                raise ValueError("The direct sum of non-singular operators is always "
                                 "non-singular.")
            is_non_singular = True
        if all(op.is_self_adjoint for op in operators):
            if is_self_adjoint is False:
                raise ValueError("The direct sum of self-adjoint operators is always "
                                 "self-adjoint.")
            is_self_adjoint = True
        if all(op.is_positive_definite for op in operators):
            if is_positive_definite is False:
                raise ValueError("The direct sum of positive definite operators is always "
                                 "positive definite.")
            is_positive_definite = True
        if not (is_square and all(op.is_square for op in operators)):
            raise ValueError("Can only represent a block diagonal of square matrices.")
        parents = [p for op in operators for p in op.graph_parents]
        name = "_ds_".join(op.name for op in operators) if name is None else name
        with name_scope(name, values=parents):
            super().__init__(dtype=dtype, graph_parents=parents,
                             is_non_singular=is_non_singular, is_self_adjoint=is_self_adjoint,
                             is_positive_definite=is_positive_definite, is_square=True,
                             name=name)

    operators = property(lambda self: self._operators)

    def _shape(self):
        from .math_ops_ext import broadcast_static_shape

        domain = self.operators[0].domain_dimension
        range_ = self.operators[0].range_dimension
        for op in self.operators[1:]:
            domain += op.domain_dimension
            range_ += op.range_dimension
        batch = self.operators[0].batch_shape
        for op in self.operators[1:]:
            batch = broadcast_static_shape(batch, op.batch_shape)
        return batch.concatenate(TensorShape([domain, range_]))

    def _shape_tensor(self):
        if self.shape.is_fully_defined():
            return convert_to_tensor(self.shape.as_list(), dtype=_dtypes.int32, name="shape")
        domain = self.operators[0].domain_dimension_tensor()
        range_ = self.operators[0].range_dimension_tensor()
        for op in self.operators[1:]:
            domain += op.domain_dimension_tensor()
            range_ += op.range_dimension_tensor()
        matrix = array_ops.stack([domain, range_])
        zeros = array_ops.zeros(shape=self.operators[0].batch_shape_tensor())
        for op in self.operators[1:]:
            zeros += array_ops.zeros(shape=op.batch_shape_tensor())
        return array_ops.concat((array_ops.shape(zeros), matrix), 0)

    def _split(self, x, axis):
        if self.shape.is_fully_defined():
            sizes = [op.domain_dimension.value for op in self.operators]
        else:
            sizes = [op.domain_dimension_tensor() for op in self.operators]
        return array_ops_ext.split(x, sizes, axis=axis)

    def _matmul(self, x, adjoint=False, adjoint_arg=False):
        parts = self._split(x, -1 if adjoint_arg else -2)
        out = [op.matmul(parts[i], adjoint=adjoint, adjoint_arg=adjoint_arg)
               for i, op in enumerate(self.operators)]
        return array_ops.concat(broadcast_matrix_batch_dims(out), axis=-2)

    def _determinant(self):
        result = self.operators[0].determinant()
        for op in self.operators[1:]:
            result *= op.determinant()
        return result

    def _log_abs_determinant(self):
        result = self.operators[0].log_abs_determinant()
        for op in self.operators[1:]:
            result += op.log_abs_determinant()
        return result

    def _solve(self, rhs, adjoint=False, adjoint_arg=False):
        parts = self._split(rhs, -1 if adjoint_arg else -2)
        out = [op.solve(parts[i], adjoint=adjoint, adjoint_arg=adjoint_arg)
               for i, op in enumerate(self.operators)]
        return array_ops.concat(broadcast_matrix_batch_dims(out), axis=-2)

    def _diag_part(self):
        diags = broadcast_matrix_batch_dims([op.diag_part()[..., None] for op in self.operators])
        return array_ops.squeeze(array_ops.concat(diags, axis=-2), axis=-1)

    def _trace(self):
        result = self.operators[0].trace()
        for op in self.operators[1:]:
            result += op.trace()
        return result

    def _to_dense(self):
        num_cols = 0
        rows = []
        blocks = broadcast_matrix_batch_dims([op.to_dense() for op in self.operators])
        for block in blocks:
            batch_row = array_ops.shape(block)[:-1]
            before = array_ops.zeros(shape=array_ops.concat([batch_row, [num_cols]], axis=-1),
                                     dtype=block.dtype)
            num_cols += array_ops.shape(block)[-1]
            after = array_ops.zeros(shape=array_ops.concat(
                [batch_row, [self.domain_dimension_tensor() - num_cols]], axis=-1),
                dtype=block.dtype)
            rows.append(array_ops.concat([before, block, after], axis=-1))
        mat = array_ops.concat(rows, axis=-2)
        mat.set_shape(self.shape)
        return mat


register_factorwise(LinearOperatorBlockDiag)
