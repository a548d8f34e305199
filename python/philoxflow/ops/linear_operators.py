"""TF 1.15's concrete `tf.linalg.LinearOperator*` classes philoxflow builds:
FullMatrix, Diag, LowerTriangular, Adjoint, Inversion, Composition, and their
algebra registrations (`adjoint_registrations.py`, ...), as TF 1.15 builds them."""

from __future__ import annotations

from ..framework import dtypes as _dtypes
from ..framework.constant_op import convert_to_tensor
from ..framework.ops import name_scope
from ..framework.tensor_shape import TensorShape
from . import array_ops, array_ops_ext, math_ops, math_ops_ext
from .linear_operator import (
    LinearOperator,
    _adjoint,
    assert_compatible,
    check_operators,
    combine_hint,
    convert_nonref_to_tensor,
    matrix_triangular_solve_with_broadcast,
    register,
)

__all__ = ["LinearOperatorFullMatrix", "LinearOperatorDiag", "LinearOperatorLowerTriangular",
           "LinearOperatorAdjoint", "LinearOperatorInversion", "LinearOperatorComposition"]


class LinearOperatorFullMatrix(LinearOperator):
    """`tf.linalg.LinearOperatorFullMatrix`: a dense [batch] matrix."""

    def __init__(self, matrix, is_non_singular=None, is_self_adjoint=None,
                 is_positive_definite=None, is_square=None, name="LinearOperatorFullMatrix"):
        with name_scope(name, values=[matrix]):
            self._matrix = convert_nonref_to_tensor(matrix, name="matrix")
            m = convert_to_tensor(self._matrix, name="matrix")
            allowed = (_dtypes.float16, _dtypes.float32, _dtypes.float64, _dtypes.complex64,
                       _dtypes.complex128)
            if m.dtype not in allowed:
                raise TypeError("Argument matrix must have dtype in %s.  Found: %s"
                                % (list(allowed), m.dtype))
            if m.shape.rank is not None and m.shape.rank < 2:
                raise ValueError("Argument matrix must have at least 2 dimensions.  Found: %s"
                                 % m)
            super().__init__(dtype=self._matrix.dtype, graph_parents=[self._matrix],
                             is_non_singular=is_non_singular, is_self_adjoint=is_self_adjoint,
                             is_positive_definite=is_positive_definite, is_square=is_square,
                             name=name)

    def _shape(self):
        return self._matrix.shape

    def _shape_tensor(self):
        return array_ops.shape(self._matrix)

    def _matmul(self, x, adjoint=False, adjoint_arg=False):
        return math_ops.matmul(self._matrix, x, adjoint_a=adjoint, adjoint_b=adjoint_arg)

    def _to_dense(self):
        return self._matrix


class LinearOperatorDiag(LinearOperator):
    """`tf.linalg.LinearOperatorDiag`: a [batch] diagonal matrix."""

    def __init__(self, diag, is_non_singular=None, is_self_adjoint=None,
                 is_positive_definite=None, is_square=None, name="LinearOperatorDiag"):
        with name_scope(name, values=[diag]):
            self._diag = convert_nonref_to_tensor(diag, name="diag")
            if self._diag.shape.rank is not None and self._diag.shape.rank < 1:
                raise ValueError("Argument diag must have at least 1 dimension.  Found: %s"
                                 % self._diag)
            if not self._diag.dtype.is_complex:
                if is_self_adjoint is False:
                    raise ValueError("A real diagonal operator is always self adjoint.")
                is_self_adjoint = True
            if is_square is False:
                raise ValueError("Only square diagonal operators currently supported.")
            super().__init__(dtype=self._diag.dtype, graph_parents=[self._diag],
                             is_non_singular=is_non_singular, is_self_adjoint=is_self_adjoint,
                             is_positive_definite=is_positive_definite, is_square=True,
                             name=name)

    @property
    def diag(self):
        return self._diag

    def _shape(self):
        s = self._diag.shape
        return s.concatenate(s[-1:])

    def _shape_tensor(self):
        s = array_ops.shape(self._diag)
        return array_ops.concat((s, [s[-1]]), 0)

    def _matmul(self, x, adjoint=False, adjoint_arg=False):
        d = math_ops_ext.conj(self._diag) if adjoint else self._diag
        x = _adjoint(x) if adjoint_arg else x
        return array_ops.expand_dims(d, -1) * x

    def _matvec(self, x, adjoint=False):
        d = math_ops_ext.conj(self._diag) if adjoint else self._diag
        return d * x

    def _determinant(self):
        return math_ops.reduce_prod(self._diag, axis=[-1])

    def _log_abs_determinant(self):
        log_det = math_ops.reduce_sum(math_ops.log(math_ops.abs(self._diag)), axis=[-1])
        return math_ops.cast(log_det, dtype=self.dtype) if self.dtype.is_complex else log_det

    def _solve(self, rhs, adjoint=False, adjoint_arg=False):
        d = math_ops_ext.conj(self._diag) if adjoint else self._diag
        rhs = _adjoint(rhs) if adjoint_arg else rhs
        return rhs * array_ops.expand_dims(1.0 / d, -1)

    def _to_dense(self):
        return array_ops_ext.matrix_diag(self._diag)

    def _diag_part(self):
        return self.diag

    def _add_to_tensor(self, x):
        x_diag = math_ops_ext.matrix_diag_part(x)
        return array_ops_ext.matrix_set_diag(x, self._diag + x_diag)


class LinearOperatorLowerTriangular(LinearOperator):
    """`tf.linalg.LinearOperatorLowerTriangular`: the lower triangle of `tril`."""

    def __init__(self, tril, is_non_singular=None, is_self_adjoint=None,
                 is_positive_definite=None, is_square=None,
                 name="LinearOperatorLowerTriangular"):
        if is_square is False:
            raise ValueError("Only square lower triangular operators supported at this time.")
        with name_scope(name, values=[tril]):
            self._tril = convert_nonref_to_tensor(tril, name="tril")
            if self._tril.shape.rank is not None and self._tril.shape.rank < 2:
                raise ValueError("Argument tril must have at least 2 dimensions.  Found: %s"
                                 % self._tril)
            super().__init__(dtype=self._tril.dtype, graph_parents=[self._tril],
                             is_non_singular=is_non_singular, is_self_adjoint=is_self_adjoint,
                             is_positive_definite=is_positive_definite, is_square=True,
                             name=name)

    def _get_tril(self):
        from .gen import apply_op_helper

        return apply_op_helper("MatrixBandPart", None, input=self._tril, num_lower=-1,
                               num_upper=0)

    def _get_diag(self):
        return math_ops_ext.matrix_diag_part(self._tril)

    def _shape(self):
        return self._tril.shape

    def _shape_tensor(self):
        return array_ops.shape(self._tril)

    def _matmul(self, x, adjoint=False, adjoint_arg=False):
        return math_ops.matmul(self._get_tril(), x, adjoint_a=adjoint, adjoint_b=adjoint_arg)

    def _determinant(self):
        return math_ops.reduce_prod(self._get_diag(), axis=[-1])

    def _log_abs_determinant(self):
        return math_ops.reduce_sum(math_ops.log(math_ops.abs(self._get_diag())), axis=[-1])

    def _solve(self, rhs, adjoint=False, adjoint_arg=False):
        rhs = _adjoint(rhs) if adjoint_arg else rhs
        return matrix_triangular_solve_with_broadcast(self._get_tril(), rhs, lower=True,
                                                      adjoint=adjoint)

    def _to_dense(self):
        return self._get_tril()


def _hints(self, operator, is_non_singular, is_self_adjoint, is_positive_definite, is_square,
           what):
    return [combine_hint(operator, attr, value,
                         "An operator is %s if and only if its %s is %s." % (word, what, word))
            for attr, value, word in (
                ("is_square", is_square, "square"),
                ("is_non_singular", is_non_singular, "non-singular"),
                ("is_self_adjoint", is_self_adjoint, "self-adjoint"),
                ("is_positive_definite", is_positive_definite, "positive-definite"))]


class LinearOperatorAdjoint(LinearOperator):
    """`tf.linalg.LinearOperatorAdjoint`: the adjoint of an operator."""

    def __init__(self, operator, is_non_singular=None, is_self_adjoint=None,
                 is_positive_definite=None, is_square=None, name=None):
        self._operator = operator
        sq, ns, sa, pd = _hints(self, operator, is_non_singular, is_self_adjoint,
                                is_positive_definite, is_square, "adjoint")
        name = operator.name + "_adjoint" if name is None else name
        with name_scope(name, values=operator.graph_parents):
            super().__init__(dtype=operator.dtype, graph_parents=operator.graph_parents,
                             is_non_singular=ns, is_self_adjoint=sa, is_positive_definite=pd,
                             is_square=sq, name=name)

    operator = property(lambda self: self._operator)

    def _shape(self):
        s = self.operator.shape
        return s[:-2].concatenate([s[-1], s[-2]])

    def _shape_tensor(self):
        s = self.operator.shape_tensor()
        return array_ops.concat([s[:-2], [s[-1], s[-2]]], axis=-1)

    def _matmul(self, x, adjoint=False, adjoint_arg=False):
        return self.operator.matmul(x, adjoint=not adjoint, adjoint_arg=adjoint_arg)

    def _matvec(self, x, adjoint=False):
        return self.operator.matvec(x, adjoint=not adjoint)

    def _determinant(self):
        if self.is_self_adjoint:
            return self.operator.determinant()
        return math_ops_ext.conj(self.operator.determinant())

    def _log_abs_determinant(self):
        return self.operator.log_abs_determinant()

    def _trace(self):
        if self.is_self_adjoint:
            return self.operator.trace()
        return math_ops_ext.conj(self.operator.trace())

    def _solve(self, rhs, adjoint=False, adjoint_arg=False):
        return self.operator.solve(rhs, adjoint=not adjoint, adjoint_arg=adjoint_arg)

    def _solvevec(self, rhs, adjoint=False):
        return self.operator.solvevec(rhs, adjoint=not adjoint)

    def _to_dense(self):
        if self.is_self_adjoint:
            return self.operator.to_dense()
        return _adjoint(self.operator.to_dense())


class LinearOperatorInversion(LinearOperator):
    """`tf.linalg.LinearOperatorInversion`: the inverse of an operator (solves)."""

    def __init__(self, operator, is_non_singular=None, is_self_adjoint=None,
                 is_positive_definite=None, is_square=None, name=None):
        self._operator = operator
        if operator.is_non_singular is False or is_non_singular is False:
            raise ValueError("operator and supplied hints must have `is_non_singular` equal "
                             "to `True` or `None`.  Found %s, %s"
                             % (operator.is_non_singular, is_non_singular))
        if operator.is_square is False or is_square is False:
            raise ValueError("operator and supplied hints must have `is_square` equal to "
                             "`True` or `None`.  Found %s, %s" % (operator.is_square, is_square))
        sq, ns, sa, pd = _hints(self, operator, is_non_singular, is_self_adjoint,
                                is_positive_definite, is_square, "inverse")
        name = operator.name + "_inv" if name is None else name
        with name_scope(name, values=operator.graph_parents):
            super().__init__(dtype=operator.dtype, graph_parents=operator.graph_parents,
                             is_non_singular=ns, is_self_adjoint=sa, is_positive_definite=pd,
                             is_square=sq, name=name)

    operator = property(lambda self: self._operator)

    def _shape(self):
        return self.operator.shape

    def _shape_tensor(self):
        return self.operator.shape_tensor()

    def _matmul(self, x, adjoint=False, adjoint_arg=False):
        return self.operator.solve(x, adjoint=adjoint, adjoint_arg=adjoint_arg)

    def _determinant(self):
        return 1.0 / self.operator.determinant()

    def _log_abs_determinant(self):
        return -1.0 * self.operator.log_abs_determinant()

    def _solve(self, rhs, adjoint=False, adjoint_arg=False):
        return self.operator.matmul(rhs, adjoint=adjoint, adjoint_arg=adjoint_arg)


class LinearOperatorComposition(LinearOperator):
    """`tf.linalg.LinearOperatorComposition`: the product of operators."""

    def __init__(self, operators, is_non_singular=None, is_self_adjoint=None,
                 is_positive_definite=None, is_square=None, name=None):
        operators, dtype = check_operators(operators)
        self._operators = operators
        if all(op.is_non_singular for op in operators):
            if is_non_singular is False:
                raise ValueError("The composition of non-singular operators is always "
                                 "non-singular.")
            is_non_singular = True
        parents = [p for op in operators for p in op.graph_parents]
        name = "_o_".join(op.name for op in operators) if name is None else name
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
            assert_compatible(domain, op.range_dimension)
            domain = op.domain_dimension
        matrix = TensorShape([self.operators[0].range_dimension,
                              self.operators[-1].domain_dimension])
        batch = self.operators[0].batch_shape
        for op in self.operators[1:]:
            batch = broadcast_static_shape(batch, op.batch_shape)
        return batch.concatenate(matrix)

    def _shape_tensor(self):
        if self.shape.is_fully_defined():
            return convert_to_tensor(self.shape.as_list(), dtype=_dtypes.int32, name="shape")
        matrix = array_ops.stack([self.operators[0].range_dimension_tensor(),
                                  self.operators[-1].domain_dimension_tensor()])
        zeros = array_ops.zeros(shape=self.operators[0].batch_shape_tensor())
        for op in self.operators[1:]:
            zeros += array_ops.zeros(shape=op.batch_shape_tensor())
        return array_ops.concat((array_ops.shape(zeros), matrix), 0)

    def _matmul(self, x, adjoint=False, adjoint_arg=False):
        order = self.operators if adjoint else list(reversed(self.operators))
        result = order[0].matmul(x, adjoint=adjoint, adjoint_arg=adjoint_arg)
        for op in order[1:]:
            result = op.matmul(result, adjoint=adjoint)
        return result

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
        order = list(reversed(self.operators)) if adjoint else self.operators
        solution = order[0].solve(rhs, adjoint=adjoint, adjoint_arg=adjoint_arg)
        for op in order[1:]:
            solution = op.solve(solution, adjoint=adjoint)
        return solution


# -- TF's registrations among these classes

def _hint_kw(op, square=True):
    return dict(is_non_singular=op.is_non_singular, is_self_adjoint=op.is_self_adjoint,
                is_positive_definite=op.is_positive_definite,
                is_square=True if square else op.is_square)


def _non_singular(a, b):
    if a.is_non_singular is False or b.is_non_singular is False:
        return False
    return a.is_non_singular and b.is_non_singular


def _self_adjoint(a, b):
    if a.is_self_adjoint and b.is_self_adjoint:
        return True
    if (a.is_self_adjoint is True and b.is_self_adjoint is False) or (
            a.is_self_adjoint is False and b.is_self_adjoint is True):
        return False
    return None


def _positive_definite(a, b):
    if a.is_positive_definite is True and a.is_self_adjoint is True and \
            b.is_positive_definite is True and b.is_self_adjoint is True:
        return True
    return None


def _is_square(a, b):
    if a.is_square and b.is_square:
        return True
    if a.is_square is False and b.is_square is False:
        m, n = a.range_dimension, b.domain_dimension
        if m is not None and n is not None:
            return m == n
    if a.is_square != b.is_square and a.is_square is not None:
        return False
    return None


def _composition_hints(a, b):
    square = _is_square(a, b)
    ns = sa = pd = None
    if square:
        ns = _non_singular(a, b)
    elif square is False:
        ns = sa = pd = False
    return dict(is_non_singular=ns, is_self_adjoint=sa, is_positive_definite=pd,
                is_square=square)


register("adjoint", LinearOperator)(lambda op: LinearOperatorAdjoint(op, **_hint_kw(op, False)))
register("adjoint", LinearOperatorAdjoint)(lambda op: op.operator)
register("adjoint", LinearOperatorDiag)(lambda op: LinearOperatorDiag(
    diag=math_ops_ext.conj(op.diag) if op.diag.dtype.is_complex else op.diag, **_hint_kw(op)))
register("inverse", LinearOperator)(
    lambda op: LinearOperatorInversion(op, **_hint_kw(op, False)))
register("inverse", LinearOperatorInversion)(lambda op: op.operator)
register("inverse", LinearOperatorDiag)(lambda op: LinearOperatorDiag(1.0 / op.diag,
                                                                      **_hint_kw(op)))
register("cholesky", LinearOperator)(lambda op: LinearOperatorLowerTriangular(
    _cholesky(op.to_dense()), is_non_singular=True, is_self_adjoint=False, is_square=True))
register("cholesky", LinearOperatorDiag)(lambda op: LinearOperatorDiag(
    math_ops.sqrt(op.diag), is_non_singular=True, is_self_adjoint=True,
    is_positive_definite=True, is_square=True))
register("matmul", LinearOperator, LinearOperator)(
    lambda a, b: LinearOperatorComposition(operators=[a, b], **_composition_hints(a, b)))
register("solve", LinearOperator, LinearOperator)(
    lambda a, b: LinearOperatorComposition(operators=[LinearOperatorInversion(a), b],
                                           **_composition_hints(a, b)))
register("solve", LinearOperatorInversion, LinearOperator)(lambda a, b: a.operator.matmul(b))


def _combined(a, b):
    return dict(is_non_singular=_non_singular(a, b), is_self_adjoint=_self_adjoint(a, b),
                is_positive_definite=_positive_definite(a, b), is_square=True)


register("matmul", LinearOperatorDiag, LinearOperatorDiag)(
    lambda a, b: LinearOperatorDiag(diag=a.diag * b.diag, **_combined(a, b)))
register("solve", LinearOperatorDiag, LinearOperatorDiag)(
    lambda a, b: LinearOperatorDiag(diag=b.diag / a.diag, **_combined(a, b)))


def _tril_hints(d, t):
    return dict(is_non_singular=_non_singular(d, t), is_self_adjoint=_self_adjoint(d, t),
                is_positive_definite=None, is_square=True)


register("matmul", LinearOperatorDiag, LinearOperatorLowerTriangular)(
    lambda d, t: LinearOperatorLowerTriangular(tril=d.diag[..., None] * t.to_dense(),
                                               **_tril_hints(d, t)))
register("matmul", LinearOperatorLowerTriangular, LinearOperatorDiag)(
    lambda t, d: LinearOperatorLowerTriangular(tril=t.to_dense() * d.diag,
                                               **_tril_hints(d, t)))
register("solve", LinearOperatorDiag, LinearOperatorLowerTriangular)(
    lambda d, t: LinearOperatorLowerTriangular(tril=t.to_dense() / d.diag[..., None],
                                               **_tril_hints(d, t)))


def _cholesky(x):
    from .gen import apply_op_helper

    return apply_op_helper("Cholesky", None, input=x)


class LinearOperatorHouseholder(LinearOperator):
    """`tf.linalg.LinearOperatorHouseholder`: the reflection I - 2 v v^H / |v|^2."""

    def __init__(self, reflection_axis, is_non_singular=None, is_self_adjoint=None,
                 is_positive_definite=None, is_square=None, name="LinearOperatorHouseholder"):
        with name_scope(name, values=[reflection_axis]):
            self._reflection_axis = convert_nonref_to_tensor(reflection_axis,
                                                             name="reflection_axis")
            r = self._reflection_axis.shape.rank
            if r is not None and r < 1:
                raise ValueError("Argument reflection_axis must have at least 1 dimension.  "
                                 "Found: %s" % self._reflection_axis)
            if is_self_adjoint is False:
                raise ValueError("A Householder operator is always self adjoint.")
            if is_positive_definite is True:
                raise ValueError("A Householder operator is always non-positive definite.")
            if is_square is False:
                raise ValueError("A Householder operator is always square.")
            super().__init__(dtype=self._reflection_axis.dtype,
                             graph_parents=[self._reflection_axis],
                             is_non_singular=is_non_singular, is_self_adjoint=True,
                             is_positive_definite=False, is_square=True, name=name)

    reflection_axis = property(lambda self: self._reflection_axis)

    def _shape(self):
        s = self._reflection_axis.shape
        return s.concatenate(s[-1:])

    def _shape_tensor(self):
        s = array_ops.shape(self._reflection_axis)
        return array_ops.concat((s, [s[-1]]), 0)

    def _normalized(self, axis):
        return axis / math_ops_ext.norm(axis, axis=-1, keepdims=True)

    def _matmul(self, x, adjoint=False, adjoint_arg=False):
        axis = convert_to_tensor(self.reflection_axis)
        x = _adjoint(x) if adjoint_arg else x
        mat = self._normalized(axis)[..., None]
        x_dot = math_ops.matmul(mat, x, adjoint_a=True)
        return x - 2 * mat * x_dot

    def _trace(self):
        return math_ops.cast(self.domain_dimension_tensor() - 2, self.dtype) * array_ops.ones(
            shape=self.batch_shape_tensor(), dtype=self.dtype)

    def _determinant(self):
        return -array_ops.ones(shape=self.batch_shape_tensor(), dtype=self.dtype)

    def _log_abs_determinant(self):
        return array_ops.zeros(shape=self.batch_shape_tensor(), dtype=self.dtype)

    def _solve(self, rhs, adjoint=False, adjoint_arg=False):
        return self._matmul(rhs, adjoint, adjoint_arg)

    def _to_dense(self):
        mat = self._normalized(self.reflection_axis)[..., None]
        matrix = -2 * math_ops.matmul(mat, mat, adjoint_b=True)
        return array_ops_ext.matrix_set_diag(matrix,
                                             1.0 + math_ops_ext.matrix_diag_part(matrix))

    def _diag_part(self):
        v = self._normalized(self.reflection_axis)
        return 1.0 - 2 * v * math_ops_ext.conj(v)


register("adjoint", LinearOperatorHouseholder)(lambda op: op)
register("inverse", LinearOperatorHouseholder)(lambda op: op)
__all__ += ["LinearOperatorHouseholder"]
