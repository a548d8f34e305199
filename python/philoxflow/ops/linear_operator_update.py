"""`tf.linalg.LinearOperatorLowRankUpdate` (TF 1.15's `linear_operator_low_rank_update.py`):
L + U D V^H, solved through the capacitance matrix (Woodbury)."""

from __future__ import annotations

from ..framework.ops import name_scope
from ..framework.tensor_shape import Dimension
from . import array_ops, math_ops, math_ops_ext
from .gen import apply_op_helper
from .linear_operator import (
    LinearOperator,
    assert_compatible,
    cholesky_solve_with_broadcast,
    convert_nonref_to_tensor,
    matrix_solve_with_broadcast,
)
from .linear_operator_identity import LinearOperatorIdentity
from .linear_operators import LinearOperatorDiag

__all__ = ["LinearOperatorLowRankUpdate"]


class LinearOperatorLowRankUpdate(LinearOperator):
    """`tf.linalg.LinearOperatorLowRankUpdate`: a base operator plus U D V^H."""

    def __init__(self, base_operator, u, diag_update=None, v=None,
                 is_diag_update_positive=None, is_non_singular=None, is_self_adjoint=None,
                 is_positive_definite=None, is_square=None,
                 name="LinearOperatorLowRankUpdate"):
        dtype = base_operator.dtype
        if diag_update is None:
            if is_diag_update_positive is False:
                raise ValueError("Default diagonal is the identity, which is positive.  However, "
                                 "user set 'is_diag_update_positive' to False.")
            is_diag_update_positive = True
        self._use_cholesky = (base_operator.is_positive_definite and base_operator.is_self_adjoint
                              and is_diag_update_positive and v is None)
        if base_operator.is_self_adjoint and v is None and not dtype.is_complex:
            if is_self_adjoint is False:
                raise ValueError("A = L + UDU^H, with L self-adjoint and D real diagonal.  Since "
                                 "UDU^H is self-adjoint, this must be a self-adjoint operator.")
            is_self_adjoint = True
        if self._use_cholesky:
            if is_positive_definite is False or is_self_adjoint is False or \
                    is_non_singular is False:
                raise ValueError("Arguments imply this is self-adjoint positive-definite "
                                 "operator.")
            is_positive_definite = True
            is_self_adjoint = True
        values = base_operator.graph_parents + [u, diag_update, v]
        with name_scope(name, values=[t for t in values if t is not None]):
            self._u = convert_nonref_to_tensor(u, name="u")
            self._v = self._u if v is None else convert_nonref_to_tensor(v, name="v")
            self._diag_update = (None if diag_update is None
                                 else convert_nonref_to_tensor(diag_update, name="diag_update"))
            self._base_operator = base_operator
            parents = [p for p in base_operator.graph_parents + [self._u, self._diag_update,
                                                                  self._v] if p is not None]
            super().__init__(dtype=base_operator.dtype, graph_parents=parents,
                             is_non_singular=is_non_singular, is_self_adjoint=is_self_adjoint,
                             is_positive_definite=is_positive_definite, is_square=is_square,
                             name=name)
            if diag_update is not None:
                self._diag_operator = LinearOperatorDiag(
                    self._diag_update, is_positive_definite=is_diag_update_positive)
            else:
                r = self._u.shape[-1].value
                if r is None:
                    r = array_ops.shape(self._u)[-1]
                self._diag_operator = LinearOperatorIdentity(num_rows=r, dtype=self.dtype)
            self._is_diag_update_positive = is_diag_update_positive
            self._check_shapes()

    def _check_shapes(self):
        from .math_ops_ext import broadcast_static_shape

        uv = broadcast_static_shape(self.u.shape, self.v.shape)
        batch = broadcast_static_shape(self.base_operator.batch_shape, uv[:-2])
        assert_compatible(Dimension(self.base_operator.domain_dimension), uv[-2])
        if self._diag_update is not None:
            assert_compatible(uv.dims[-1], self._diag_update.shape[-1])
            broadcast_static_shape(batch, self._diag_update.shape[:-1])

    u = property(lambda self: self._u)
    v = property(lambda self: self._v)
    is_diag_update_positive = property(lambda self: self._is_diag_update_positive)
    diag_update = property(lambda self: self._diag_update)
    diag_operator = property(lambda self: self._diag_operator)
    base_operator = property(lambda self: self._base_operator)

    def _shape(self):
        from .math_ops_ext import broadcast_static_shape

        batch = broadcast_static_shape(self.base_operator.batch_shape, self.u.shape[:-2])
        return batch.concatenate(self.base_operator.shape[-2:])

    def _shape_tensor(self):
        from .math_ops_ext import broadcast_dynamic_shape

        batch = broadcast_dynamic_shape(self.base_operator.batch_shape_tensor(),
                                        array_ops.shape(self.u)[:-2])
        return array_ops.concat([batch, self.base_operator.shape_tensor()[-2:]], axis=0)

    def _matmul(self, x, adjoint=False, adjoint_arg=False):
        u, v, base, d = self.u, self.v, self.base_operator, self.diag_operator
        leading = base.matmul(x, adjoint=adjoint, adjoint_arg=adjoint_arg)
        first, second = (u, v) if adjoint else (v, u)
        h_x = math_ops.matmul(first, x, adjoint_a=True, adjoint_b=adjoint_arg)
        d_h_x = d.matmul(h_x, adjoint=adjoint)
        return leading + math_ops.matmul(second, d_h_x)

    def _determinant(self):
        if self.is_positive_definite:
            return math_ops.exp(self.log_abs_determinant())
        det_c = apply_op_helper("MatrixDeterminant", None, input=self._make_capacitance())
        det_d = self.diag_operator.determinant()
        det_l = self.base_operator.determinant()
        return det_c * det_d * det_l

    def _log_abs_determinant(self):
        log_d = self.diag_operator.log_abs_determinant()
        log_l = self.base_operator.log_abs_determinant()
        if self._use_cholesky:
            chol = apply_op_helper("Cholesky", None, input=self._make_capacitance())
            log_c = 2 * math_ops.reduce_sum(math_ops.log(math_ops_ext.matrix_diag_part(chol)),
                                            axis=[-1])
        else:
            det_c = apply_op_helper("MatrixDeterminant", None, input=self._make_capacitance())
            log_c = math_ops.log(math_ops.abs(det_c))
            if self.dtype.is_complex:
                log_c = math_ops.cast(log_c, dtype=self.dtype)
        return log_c + log_d + log_l

    def _solve(self, rhs, adjoint=False, adjoint_arg=False):
        if self.base_operator.is_non_singular is False:
            raise ValueError("Solve not implemented unless this is a perturbation of a "
                             "non-singular LinearOperator.")
        base = self.base_operator
        v, u = (self.u, self.v) if adjoint else (self.v, self.u)
        linv_rhs = base.solve(rhs, adjoint=adjoint, adjoint_arg=adjoint_arg)
        vh_linv_rhs = math_ops.matmul(v, linv_rhs, adjoint_a=True)
        if self._use_cholesky:
            chol = apply_op_helper("Cholesky", None, input=self._make_capacitance())
            capinv = cholesky_solve_with_broadcast(chol, vh_linv_rhs)
        else:
            capinv = matrix_solve_with_broadcast(self._make_capacitance(), vh_linv_rhs,
                                                 adjoint=adjoint)
        u_capinv = math_ops.matmul(u, capinv)
        return linv_rhs - base.solve(u_capinv, adjoint=adjoint)

    def _make_capacitance(self):
        linv_u = self.base_operator.solve(self.u)
        vh_linv_u = math_ops.matmul(self.v, linv_u, adjoint_a=True)
        return self._diag_operator.inverse().add_to_tensor(vh_linv_u)
