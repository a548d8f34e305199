"""`tf.linalg.LinearOperator` (TF 1.15's `linear_operator.py`, `linear_operator_util.py`,
`linear_operator_algebra.py`): the base class's methods build TF's ops in TF's name
scopes (`<operator name>/<method>`), the default dense paths included; the operator
algebra (adjoint, inverse, Cholesky, operator products and solves) dispatches on the
operands' classes as TF's registrations do.
"""

from __future__ import annotations

import contextlib
import itertools

import numpy as np

from ..framework import dtypes as _dtypes
from ..framework.constant_op import convert_to_tensor
from ..framework.ops import name_scope
from ..framework.tensor_shape import Dimension
from . import array_ops, array_ops_ext, math_ops, math_ops_ext
from .gen import apply_op_helper

__all__ = ["LinearOperator"]


def _adjoint(x):
    from .math_ops_ext import adjoint

    return adjoint(x)


def convert_nonref_to_tensor(value, name=None):
    """Variables stay variables (read when used), anything else becomes a Tensor."""
    from .variables import Variable

    if value is None or isinstance(value, Variable):
        return value
    return convert_to_tensor(value, name=name)


def shape_tensor(shape, name=None):
    from ..framework.tensor_shape import TensorShape

    dtype = _dtypes.int32 if isinstance(shape, (tuple, list)) and not shape else None
    if isinstance(shape, TensorShape):  # TF's TensorShape conversion: int32 dims
        shape, dtype = shape.as_list(), _dtypes.int32
    return convert_to_tensor(shape, dtype=dtype, name=name)


def broadcast_matrix_batch_dims(batch_matrices, name=None):
    """TF's `broadcast_matrix_batch_dims`: BroadcastTo where the batch shapes differ."""
    from .math_ops_ext import broadcast_dynamic_shape, broadcast_static_shape

    with name_scope(name or "broadcast_matrix_batch_dims", values=batch_matrices):
        mats = [convert_to_tensor(m) for m in batch_matrices]
        for m in mats:
            if m.shape.rank is not None and m.shape.rank < 2:
                raise ValueError("Expected [batch] matrix to have at least two dimensions.  "
                                 "Found: %s" % m)
        if len(mats) < 2:
            return mats
        bcast = mats[0].shape[:-2]
        for m in mats[1:]:
            bcast = broadcast_static_shape(bcast, m.shape[:-2])
        if bcast.is_fully_defined():
            for i, m in enumerate(mats):
                if m.shape[:-2] != bcast:
                    shape = array_ops.concat([bcast.as_list(), array_ops.shape(m)[-2:]], axis=0)
                    mats[i] = array_ops.broadcast_to(m, shape)
            return mats
        dyn = array_ops.shape(mats[0])[:-2]
        for m in mats[1:]:
            dyn = broadcast_dynamic_shape(dyn, array_ops.shape(m)[:-2])
        return [array_ops.broadcast_to(m, array_ops.concat([dyn, array_ops.shape(m)[-2:]],
                                                           axis=0)) for m in mats]


def _reshape_for_efficiency(a, b, adjoint_a=False):
    """TF's `_reshape_for_efficiency` (adjoint_a only, as the solves use it)."""
    def identity(x):
        return x

    if a.shape.rank is None or b.shape.rank is None or a.shape.rank >= b.shape.rank:
        return a, b, identity, True
    extra = b.shape.rank - a.shape.rank
    array_ops.shape(b)[:extra]
    array_ops.shape(b)[extra:]
    a_domain = a.shape[-2 if adjoint_a else -1].value
    b_eq = b.shape[-1].value
    b_extra = (int(np.prod(b.shape[:extra].as_list())) if b.shape[:extra].is_fully_defined()
               else None)
    if a_domain is not None and b_eq is not None and b_extra is not None:
        if b_extra < 2 or a_domain <= b_eq:
            return a, b, identity, True
    if adjoint_a:
        a = _adjoint(a)
    b_extra_sh = array_ops.shape(b)[:extra]
    b_main_sh = array_ops.shape(b)[extra:]
    perm = np.concatenate((np.arange(extra, b.shape.rank), np.arange(0, extra)), 0)
    b_on_end = array_ops.transpose(b, perm=perm)
    b_squashed = array_ops.reshape(b_on_end, array_ops.concat((b_main_sh[:-1], [-1]), 0))

    def reshape_inv(y):
        shape = array_ops.concat((array_ops.shape(y)[:-1], [b_main_sh[-1]], b_extra_sh), 0)
        return array_ops.transpose(array_ops.reshape(y, shape), perm=np.argsort(perm))

    return a, b_squashed, reshape_inv, False


def matrix_solve_with_broadcast(matrix, rhs, adjoint=False, name=None):
    with name_scope(name, "MatrixSolveWithBroadcast", [matrix, rhs]):
        matrix = convert_to_tensor(matrix, name="matrix")
        rhs = convert_to_tensor(rhs, name="rhs", dtype=matrix.dtype)
        matrix, rhs, inv, transpose = _reshape_for_efficiency(matrix, rhs, adjoint_a=adjoint)
        matrix, rhs = broadcast_matrix_batch_dims([matrix, rhs])
        return inv(apply_op_helper("MatrixSolve", None, matrix=matrix, rhs=rhs,
                                   adjoint=adjoint and transpose))


def matrix_triangular_solve_with_broadcast(matrix, rhs, lower=True, adjoint=False,
                                           name=None):
    with name_scope(name, "MatrixTriangularSolve", [matrix, rhs]):
        matrix = convert_to_tensor(matrix, name="matrix")
        rhs = convert_to_tensor(rhs, name="rhs", dtype=matrix.dtype)
        matrix, rhs, inv, transpose = _reshape_for_efficiency(matrix, rhs, adjoint_a=adjoint)
        if not transpose and adjoint:
            lower = not lower
        matrix, rhs = broadcast_matrix_batch_dims([matrix, rhs])
        return inv(apply_op_helper("MatrixTriangularSolve", None, matrix=matrix, rhs=rhs,
                                   lower=lower, adjoint=adjoint and transpose))


def cholesky_solve_with_broadcast(chol, rhs, name=None):
    from .linalg_ops import cholesky_solve

    with name_scope(name, "CholeskySolveWithBroadcast", [chol, rhs]):
        chol, rhs = broadcast_matrix_batch_dims([chol, rhs])
        return cholesky_solve(chol, rhs)


def assert_compatible(dim, other):
    """`Dimension.assert_is_compatible_with`."""
    if not dim.is_compatible_with(other):
        raise ValueError("Dimensions %s and %s are not compatible" % (dim, other))


def combine_hint(operator, attr, provided, message):
    """TF's `use_operator_or_provided_hint_unless_contradicting`."""
    op_hint = getattr(operator, attr)
    if (op_hint is False and provided) or (op_hint and provided is False):
        raise ValueError(message)
    if op_hint or provided:
        return True
    if op_hint is False or provided is False:
        return False
    return None


class LinearOperator:
    """TF 1.15's abstract `LinearOperator`: hints, shapes, and the public methods, each
    in the operator's name scope, over the subclass's `_matmul`, `_shape`, ..."""

    def __init__(self, dtype, graph_parents=None, is_non_singular=None, is_self_adjoint=None,
                 is_positive_definite=None, is_square=None, name=None):
        if is_positive_definite:
            if is_non_singular is False:
                raise ValueError("A positive definite matrix is always non-singular.")
            is_non_singular = True
        if is_non_singular:
            if is_square is False:
                raise ValueError("A non-singular matrix is always square.")
            is_square = True
        if is_self_adjoint:
            if is_square is False:
                raise ValueError("A self-adjoint matrix is always square.")
            is_square = True
        self._is_square_set_or_implied_by_hints = is_square
        self._dtype = _dtypes.as_dtype(dtype).base_dtype if dtype else dtype
        self._graph_parents = [] if graph_parents is None else graph_parents
        self._is_non_singular = is_non_singular
        self._is_self_adjoint = is_self_adjoint
        self._is_positive_definite = is_positive_definite
        self._name = name or type(self).__name__

    @contextlib.contextmanager
    def _name_scope(self, name=None):
        full = self.name if name is None else self.name + "/" + name
        with name_scope(full) as scope:
            yield scope

    dtype = property(lambda self: self._dtype)
    name = property(lambda self: self._name)
    graph_parents = property(lambda self: self._graph_parents)
    is_non_singular = property(lambda self: self._is_non_singular)
    is_self_adjoint = property(lambda self: self._is_self_adjoint)
    is_positive_definite = property(lambda self: self._is_positive_definite)

    @property
    def is_square(self):
        auto = self.domain_dimension == self.range_dimension
        if self._is_square_set_or_implied_by_hints is False and auto:
            raise ValueError("User set is_square hint to False, but the operator was square.")
        if self._is_square_set_or_implied_by_hints is None:
            return auto
        return self._is_square_set_or_implied_by_hints

    @property
    def shape(self):
        return self._shape()

    def shape_tensor(self, name="shape_tensor"):
        with self._name_scope(name):
            if self.shape.is_fully_defined():
                return shape_tensor(self.shape.as_list())
            return self._shape_tensor()

    @property
    def batch_shape(self):
        return self.shape[:-2]

    def batch_shape_tensor(self, name="batch_shape_tensor"):
        with self._name_scope(name):
            if self.batch_shape.is_fully_defined():
                return shape_tensor(self.batch_shape.as_list(), name="batch_shape")
            return self.shape_tensor()[:-2]

    @property
    def tensor_rank(self):
        with self._name_scope("tensor_rank"):
            return self.shape.rank

    def tensor_rank_tensor(self, name="tensor_rank_tensor"):
        with self._name_scope(name):
            if self.tensor_rank is not None:
                return convert_to_tensor(self.tensor_rank)
            return array_ops.size(self.shape_tensor())

    @property
    def domain_dimension(self):
        return Dimension(None) if self.shape.rank is None else self.shape.dims[-1]

    def domain_dimension_tensor(self, name="domain_dimension_tensor"):
        with self._name_scope(name):
            v = self.domain_dimension.value
            return convert_to_tensor(v) if v is not None else self.shape_tensor()[-1]

    @property
    def range_dimension(self):
        return self.shape.dims[-2] if self.shape.dims else Dimension(None)

    def range_dimension_tensor(self, name="range_dimension_tensor"):
        with self._name_scope(name):
            v = self.range_dimension.value
            return convert_to_tensor(v) if v is not None else self.shape_tensor()[-2]

    def _check_input_dtype(self, arg):
        if arg.dtype.base_dtype != self.dtype:
            raise TypeError("Expected argument to have dtype %s.  Found: %s in tensor %s"
                            % (self.dtype, arg.dtype, arg))

    def _can_use_cholesky(self):
        return self.is_self_adjoint and self.is_positive_definite

    def _dim(self, i):
        return Dimension(None) if self.shape.rank is None else self.shape.dims[i]

    def matmul(self, x, adjoint=False, adjoint_arg=False, name="matmul"):
        if isinstance(x, LinearOperator):
            left = self.adjoint() if adjoint else self
            right = x.adjoint() if adjoint_arg else x
            _check_compatible(left, right, "x")
            with self._name_scope(name):
                return _algebra("matmul", left, right)
        with self._name_scope(name):
            x = convert_to_tensor(x, name="x")
            self._check_input_dtype(x)
            assert_compatible(self._dim(-2 if adjoint else -1),
                x.shape[-1 if adjoint_arg else -2])
            return self._matmul(x, adjoint=adjoint, adjoint_arg=adjoint_arg)

    def _matvec(self, x, adjoint=False):
        x_mat = array_ops.expand_dims(x, axis=-1)
        return array_ops.squeeze(self.matmul(x_mat, adjoint=adjoint), axis=-1)

    def matvec(self, x, adjoint=False, name="matvec"):
        with self._name_scope(name):
            x = convert_to_tensor(x, name="x")
            self._check_input_dtype(x)
            assert_compatible(self._dim(-2 if adjoint else -1), x.shape[-1])
            return self._matvec(x, adjoint=adjoint)

    def _determinant(self):
        if self._can_use_cholesky():
            return math_ops.exp(self.log_abs_determinant())
        return apply_op_helper("MatrixDeterminant", None, input=self.to_dense())

    def determinant(self, name="det"):
        if self.is_square is False:
            raise NotImplementedError("Determinant not implemented for an operator that is "
                                      "expected to not be square.")
        with self._name_scope(name):
            return self._determinant()

    def _log_abs_determinant(self):
        if self._can_use_cholesky():
            chol = apply_op_helper("Cholesky", None, input=self.to_dense())
            diag = math_ops_ext.matrix_diag_part(chol)
            return 2 * math_ops.reduce_sum(math_ops.log(diag), axis=[-1])
        _, log_abs_det = apply_op_helper("LogMatrixDeterminant", None, input=self.to_dense())
        return log_abs_det

    def log_abs_determinant(self, name="log_abs_det"):
        if self.is_square is False:
            raise NotImplementedError("Determinant not implemented for an operator that is "
                                      "expected to not be square.")
        with self._name_scope(name):
            return self._log_abs_determinant()

    def _solve(self, rhs, adjoint=False, adjoint_arg=False):
        if self.is_square is False:
            raise NotImplementedError("Solve is not yet implemented for non-square operators.")
        rhs = _adjoint(rhs) if adjoint_arg else rhs
        if self._can_use_cholesky():
            chol = apply_op_helper("Cholesky", None, input=self.to_dense())
            return cholesky_solve_with_broadcast(chol, rhs)
        return matrix_solve_with_broadcast(self.to_dense(), rhs, adjoint=adjoint)

    def solve(self, rhs, adjoint=False, adjoint_arg=False, name="solve"):
        if self.is_non_singular is False:
            raise NotImplementedError("Exact solve not implemented for an operator that is "
                                      "expected to be singular.")
        if self.is_square is False:
            raise NotImplementedError("Exact solve not implemented for an operator that is "
                                      "expected to not be square.")
        if isinstance(rhs, LinearOperator):
            left = self.adjoint() if adjoint else self
            right = rhs.adjoint() if adjoint_arg else rhs
            _check_compatible(left, right, "rhs")
            with self._name_scope(name):
                return _algebra("solve", left, right)
        with self._name_scope(name):
            rhs = convert_to_tensor(rhs, name="rhs")
            self._check_input_dtype(rhs)
            assert_compatible(self._dim(-1 if adjoint else -2),
                rhs.shape[-1 if adjoint_arg else -2])
            return self._solve(rhs, adjoint=adjoint, adjoint_arg=adjoint_arg)

    def _solvevec(self, rhs, adjoint=False):
        rhs_mat = array_ops.expand_dims(rhs, axis=-1)
        return array_ops.squeeze(self.solve(rhs_mat, adjoint=adjoint), axis=-1)

    def solvevec(self, rhs, adjoint=False, name="solve"):
        with self._name_scope(name):
            rhs = convert_to_tensor(rhs, name="rhs")
            self._check_input_dtype(rhs)
            assert_compatible(self._dim(-1 if adjoint else -2), rhs.shape[-1])
            return self._solvevec(rhs, adjoint=adjoint)

    def adjoint(self, name="adjoint"):
        if self.is_self_adjoint is True:
            return self
        with self._name_scope(name):
            return _algebra("adjoint", self)

    H = property(adjoint, None)

    def inverse(self, name="inverse"):
        if self.is_square is False:
            raise ValueError("Cannot take the Inverse: This operator represents a non square "
                             "matrix.")
        if self.is_non_singular is False:
            raise ValueError("Cannot take the Inverse: This operator represents a singular "
                             "matrix.")
        with self._name_scope(name):
            return _algebra("inverse", self)

    def cholesky(self, name="cholesky"):
        if not self._can_use_cholesky():
            raise ValueError("Cannot take the Cholesky decomposition: Not a positive definite "
                             "self adjoint matrix.")
        with self._name_scope(name):
            return _algebra("cholesky", self)

    def _to_dense(self):
        batch = (self.batch_shape if self.batch_shape.is_fully_defined()
                 else self.batch_shape_tensor())
        v = self.domain_dimension.value
        n = v if v is not None else self.domain_dimension_tensor()
        eye = array_ops_ext.eye(num_rows=n, batch_shape=batch, dtype=self.dtype)
        return self.matmul(eye)

    def to_dense(self, name="to_dense"):
        with self._name_scope(name):
            return self._to_dense()

    def _diag_part(self):
        return math_ops_ext.matrix_diag_part(self.to_dense())

    def diag_part(self, name="diag_part"):
        with self._name_scope(name):
            return self._diag_part()

    def _trace(self):
        return math_ops.reduce_sum(self.diag_part(), axis=-1)

    def trace(self, name="trace"):
        with self._name_scope(name):
            return self._trace()

    def _add_to_tensor(self, x):
        return self.to_dense() + x

    def add_to_tensor(self, x, name="add_to_tensor"):
        with self._name_scope(name):
            x = convert_to_tensor(x, name="x")
            self._check_input_dtype(x)
            return self._add_to_tensor(x)


def check_operators(operators, empty="Expected a non-empty list of operators. Found: %s"):
    """A composite's operators (composition, block diagonal, Kronecker product) as TF checks
    them: a non-empty list of one dtype. Returns (operators as a list, their dtype)."""
    operators = list(operators)
    if not operators:
        raise ValueError(empty % operators)
    dtype = operators[0].dtype
    for op in operators:
        if op.dtype != dtype:
            raise TypeError("Expected all operators to have the same dtype.  Found %s"
                            % "   ".join(str((o.name, o.dtype)) for o in operators))
    return operators, dtype


def _check_compatible(left, right, what):
    r, d = right.range_dimension, left.domain_dimension
    if r is not None and d is not None and r != d:
        raise ValueError("Operators are incompatible. Expected `%s` to have dimension %s but "
                         "got %s." % (what, d, r))


# -- the operator algebra: TF's registrations, by the operands' classes (nearest in MRO)

_REGISTRY: dict = {"adjoint": {}, "inverse": {}, "cholesky": {}, "matmul": {}, "solve": {}}
_SCOPES = {"adjoint": "Adjoint", "inverse": "Inverse", "cholesky": "Cholesky",
           "matmul": "Matmul", "solve": "Solve"}


def register(kind, *types):
    def deco(fn):
        _REGISTRY[kind][types] = fn
        return fn
    return deco


def _algebra(kind, *operands):
    registry = _REGISTRY[kind]
    best, best_d = None, None
    for combo in itertools.product(*[enumerate(type(o).__mro__) for o in operands]):
        key = tuple(c[1] for c in combo)
        if key in registry:
            d = sum(c[0] for c in combo)
            if best_d is None or d < best_d:
                best, best_d = registry[key], d
    if best is None:
        raise ValueError("No %s registered for %s" % (kind, [type(o) for o in operands]))
    with name_scope(None, _SCOPES[kind]):
        return best(*operands)


def register_factorwise(cls):
    """Registers TF's adjoint, inverse and Cholesky of a block diagonal or Kronecker operator
    `cls`: the same kind of operator over each factor's adjoint/inverse/Cholesky."""
    def each(method, op, **hints):
        return cls(operators=[getattr(o, method)() for o in op.operators], **hints)

    for method in ("adjoint", "inverse"):
        register(method, cls)(lambda op, method=method: each(
            method, op, is_non_singular=op.is_non_singular, is_self_adjoint=op.is_self_adjoint,
            is_positive_definite=op.is_positive_definite, is_square=True))
    register("cholesky", cls)(lambda op: each(
        "cholesky", op, is_non_singular=True, is_self_adjoint=False, is_square=True))
