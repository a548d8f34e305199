"""More of TF 1.15's `math_ops.py`: cumulative ops, argmin, the composite reductions
(logsumexp, variance, std, count_nonzero), log_sigmoid, logical_xor, scalar_mul,
trace, matvec, top_k / in_top_k, each building the ops TF 1.15 builds, in order."""

from __future__ import annotations

import numpy as np

from ..framework import dtypes as _dtypes
from ..framework.constant_op import convert_to_tensor
from ..framework.ops import Tensor, get_default_graph, name_scope
from ..framework.tensor_shape import TensorShape
from . import math_ops
from .gen import apply_op
from .math_ops import _keep, _reduction, reduce_max, reduce_mean, reduce_sum


def _cumulative(op_type, default, x, axis, exclusive, reverse, name):
    with name_scope(name, default, [x]) as scope:
        x = convert_to_tensor(x, name="x")
        return apply_op(op_type, scope, [(x, "x", None), (axis, "axis", _dtypes.int32)],
                        dtype=x.dtype, shape=x.shape,
                        attrs={"exclusive": exclusive, "reverse": reverse})


def cumsum(x, axis=0, exclusive=False, reverse=False, name=None):
    return _cumulative("Cumsum", "Cumsum", x, axis, exclusive, reverse, name)


def cumprod(x, axis=0, exclusive=False, reverse=False, name=None):
    return _cumulative("Cumprod", "Cumprod", x, axis, exclusive, reverse, name)


def argmin(input, axis=None, name=None, dimension=None,  # noqa: A002 - TF's name
           output_type=_dtypes.int64):
    axis = dimension if axis is None else axis
    axis = 0 if axis is None else axis
    x = convert_to_tensor(input) if isinstance(input, Tensor) else input
    shape = TensorShape(None)
    if isinstance(x, Tensor) and x.shape.rank is not None and isinstance(axis, int):
        dims = x.shape.as_list()
        del dims[axis % len(dims)]
        shape = TensorShape(dims)
    return apply_op("ArgMin", name, [(input, "input", None), (axis, "dimension", _dtypes.int32)],
                    dtype=output_type, shape=shape, attrs={"output_type": output_type})


def _scalar_if_all(keepdims, axis, out):
    """TF's `_may_reduce_to_scalar`."""
    if not out.shape.is_fully_defined() and not keepdims and axis is None:
        out.set_shape(())
    return out


def reduce_logsumexp(input_tensor, axis=None, keepdims=None, name=None,
                     reduction_indices=None, keep_dims=None):
    from . import array_ops
    from .array_ops_ext import where, where_v2

    axis = reduction_indices if axis is None else axis
    keepdims = _keep(keepdims, keep_dims)
    x = convert_to_tensor(input_tensor)
    with name_scope(name, "ReduceLogSumExp", [x]) as scope:
        raw_max = reduce_max(x, axis=axis, keepdims=True)
        finite = apply_op("IsFinite", None, [(raw_max, "x", None)], dtype=_dtypes.bool,
                          shape=raw_max.shape)
        tf2 = get_default_graph()._target.uniform_skips_unit_scaling  # TF 2.x's sources
        select = where_v2 if tf2 else where
        # TF 2.x selects a Python 0 (converted in SelectV2's scope) and reshapes by a
        # Shape op; TF 1.15 selects zeros_like and reshapes by array_ops.shape.
        zero = 0 if tf2 else array_ops.zeros_like(raw_max)
        my_max = array_ops.stop_gradient(select(finite, raw_max, zero))
        diff = apply_op("Sub", None, [(x, "x", None), (my_max, "y", None)], dtype=x.dtype,
                        shape=math_ops._shape_hint(x, my_max))
        ex = math_ops.unary("Exp", diff)
        result = math_ops.unary("Log", reduce_sum(ex, axis, keepdims=keepdims))
        if not keepdims:
            shape = (apply_op("Shape", None, [(result, "input", None)], dtype=_dtypes.int32,
                              shape=[result.shape.rank], attrs={"out_type": _dtypes.int32})
                     if tf2 else array_ops.shape(result))
            my_max = array_ops.reshape(my_max, shape)
        result = apply_op("AddV2" if tf2 else "Add", scope if tf2 else None,
                          [(result, "x", None), (my_max, "y", None)],
                          dtype=x.dtype, shape=result.shape)
        return _scalar_if_all(keepdims, axis, result)


def reduce_variance(input_tensor, axis=None, keepdims=False, name=None):
    with name_scope(name or "reduce_variance"):
        means = reduce_mean(input_tensor, axis=axis, keepdims=True)
        sq = math_ops.unary("Square", convert_to_tensor(input_tensor) - means)
        return reduce_mean(sq, axis=axis, keepdims=keepdims)


def reduce_std(input_tensor, axis=None, keepdims=False, name=None):
    with name_scope(name or "reduce_std"):
        return math_ops.unary("Sqrt", reduce_variance(input_tensor, axis=axis,
                                                      keepdims=keepdims))


def reduce_euclidean_norm(input_tensor, axis=None, keepdims=False, name=None):
    return _reduction("EuclideanNorm", input_tensor, axis, bool(keepdims), name)


def count_nonzero(input_tensor=None, axis=None, keepdims=None, dtype=_dtypes.int64, name=None,
                  reduction_indices=None, keep_dims=None, input=None):  # noqa: A002
    input_tensor = input if input_tensor is None else input_tensor
    axis = reduction_indices if axis is None else axis
    keepdims = _keep(keepdims, keep_dims)
    from .array_ops import zeros

    with name_scope(name, "count_nonzero", [input_tensor]):
        x = convert_to_tensor(input_tensor, name="input")
        zero = zeros([], dtype=x.dtype)
        from ..framework.op_def_library import check_input_dtypes

        check_input_dtypes("NotEqual", (x,))
        ne = apply_op("NotEqual", None, [(x, "x", None), (zero, "y", None)],
                      dtype=_dtypes.bool, shape=x.shape)
        return math_ops.cast(reduce_sum(math_ops.cast(ne, _dtypes.int64), axis=axis,
                                        keepdims=keepdims), dtype=dtype)


def log_sigmoid(x, name=None):
    with name_scope(name, "LogSigmoid", [x]) as scope:
        x = convert_to_tensor(x, name="x")
        sp = apply_op("Softplus", None, [(-x, "features", None)], dtype=x.dtype, shape=x.shape)
        return apply_op("Neg", scope, [(sp, "x", None)], dtype=x.dtype, shape=x.shape)


def round(x, name=None):  # noqa: A001 - TF's name
    x = convert_to_tensor(x, name="x")
    if x.dtype.is_integer:
        return x
    return apply_op("Round", name, [(x, "x", None)], dtype=x.dtype, shape=x.shape)


def _logical(op_type, x, y=None, name=None):
    ins = [(x, "x", _dtypes.bool)] + ([] if y is None else [(y, "y", _dtypes.bool)])
    out = apply_op(op_type, name, ins, dtype=_dtypes.bool)
    a, b = out.op.inputs[0], out.op.inputs[-1]
    try:
        out.set_shape(math_ops._broadcast_shape(a.shape, b.shape))
    except ValueError:
        pass
    return out


def logical_and(x, y, name=None):
    return _logical("LogicalAnd", x, y, name)


def logical_or(x, y, name=None):
    return _logical("LogicalOr", x, y, name)


def logical_not(x, name=None):
    return _logical("LogicalNot", x, None, name)


def logical_xor(x, y, name="LogicalXor"):
    return logical_and(logical_or(x, y), logical_not(logical_and(x, y)), name=name)


def scalar_mul(scalar, x, name=None):
    scalar = convert_to_tensor(scalar, dtype=x.dtype, name="scalar")
    if scalar.shape.rank != 0:
        raise ValueError(f"Only scalar multiply works, got shape {scalar.shape}")
    return apply_op("Mul", name, [(scalar, "x", None), (x, "y", None)], dtype=x.dtype,
                    shape=x.shape)


def matrix_diag_part(input, name="diag_part", k=0, padding_value=0):  # noqa: A002
    x = convert_to_tensor(input)
    shape = TensorShape(None)
    if x.shape.rank is not None:
        d = x.shape.as_list()
        m = None if d[-1] is None or d[-2] is None else min(d[-1], d[-2])
        shape = TensorShape(d[:-2] + [m])
    if get_default_graph()._target.uniform_skips_unit_scaling:  # TF 2.x: MatrixDiagPartV3
        return apply_op("MatrixDiagPartV3", name, [
            (x, "input", None), (k, "k", _dtypes.int32),
            (padding_value, "padding_value", x.dtype)], dtype=x.dtype, shape=shape,
            attrs={"align": "RIGHT_LEFT"})
    return apply_op("MatrixDiagPart", name, [(x, "input", None)], dtype=x.dtype, shape=shape)


def trace(x, name=None):
    with name_scope(name, "Trace", [x]) as scope:
        x = convert_to_tensor(x, name="x")
        return reduce_sum(matrix_diag_part(x), [-1], name=scope)


def matvec(a, b, transpose_a=False, adjoint_a=False, a_is_sparse=False, b_is_sparse=False,
           name=None):
    from .array_ops import expand_dims, squeeze

    with name_scope(name, "MatVec", [a, b]):
        out = math_ops.matmul(a, expand_dims(b, axis=-1), transpose_a=transpose_a,
                              adjoint_a=adjoint_a)
        return squeeze(out, axis=-1)


def top_k(input, k=1, sorted=True, name=None):  # noqa: A002 - TF's names
    from .array_ops import _constant_value

    x = convert_to_tensor(input) if isinstance(input, Tensor) else input
    shape = TensorShape(None)
    kv = k if isinstance(k, int) else _constant_value(k)
    if isinstance(x, Tensor) and x.shape.rank is not None:
        shape = TensorShape(x.shape.as_list()[:-1] + [None if kv is None else int(kv)])
    dtype = x.dtype if isinstance(x, Tensor) else convert_to_tensor(x).dtype
    values, indices = apply_op("TopKV2", name, [(input, "input", None), (k, "k", _dtypes.int32)],
                               outputs=[(dtype, shape), (_dtypes.int32, shape)],
                               attrs={"sorted": sorted})
    return _TopK(values, indices)


class _TopK(tuple):
    """TF's TopKV2 result: a namedtuple (values, indices)."""

    def __new__(cls, values, indices):
        return super().__new__(cls, (values, indices))

    values = property(lambda self: self[0])
    indices = property(lambda self: self[1])


def in_top_k(predictions, targets, k, name=None):
    with name_scope(name, "in_top_k"):
        t = convert_to_tensor(targets) if isinstance(targets, Tensor) else None
        return apply_op("InTopKV2", name, [(predictions, "predictions", _dtypes.float32),
                                            (targets, "targets", None),
                                            (k, "k", None if t is None else t.dtype)],
                        dtype=_dtypes.bool, shape=None if t is None else t.shape)


def conj(x, name=None):
    if isinstance(x, Tensor) and (x.dtype.is_floating or x.dtype.is_integer):
        return x
    with name_scope(name, "Conj", [x]) as scope:
        x = convert_to_tensor(x, name="x")
        if x.dtype.is_complex:
            return _helper("Conj", scope, input=x)
        if x.dtype.is_floating or x.dtype.is_integer:
            return x
        raise TypeError(f"Expected numeric or variant tensor, got dtype {x.dtype!r}")


def _helper(op_type, name, **kw):
    from ..framework.op_def_library import apply_op_helper

    return apply_op_helper(op_type, name=name, **kw).outputs[0]


def real(input, name=None):  # noqa: A002 - TF's name
    with name_scope(name, "Real", [input]) as scope:
        x = convert_to_tensor(input, name="input")
        if x.dtype.is_complex:
            return _helper("Real", scope, input=x, Tout=x.dtype.real_dtype)
        return x


def imag(input, name=None):  # noqa: A002 - TF's name
    with name_scope(name, "Imag", [input]) as scope:
        x = convert_to_tensor(input, name="input")
        return _helper("Imag", scope, input=x, Tout=x.dtype.real_dtype)


def angle(input, name=None):  # noqa: A002 - TF's name
    with name_scope(name, "Angle", [input]) as scope:
        x = convert_to_tensor(input, name="input")
        if x.dtype.is_complex:
            return _helper("Angle", scope, input=x, Tout=x.dtype.real_dtype)
        from . import array_ops
        from .array_ops_ext import where

        return where(math_ops.less(x, 0), np.pi * array_ops.ones_like(x),
                     array_ops.zeros_like(x))


def complex(real, imag, name=None):  # noqa: A001 - TF's name
    """`tf.complex`: complex64 of float32 parts, complex128 of float64 parts."""
    real = convert_to_tensor(real, name="real")
    imag = convert_to_tensor(imag, name="imag")
    with name_scope(name, "Complex", [real, imag]) as scope:
        pair = (real.dtype.name, imag.dtype.name)
        tout = {("float64", "float64"): _dtypes.complex128,
                ("float32", "float32"): _dtypes.complex64}.get(pair)
        if tout is None:
            raise TypeError(f"real and imag have incorrect types: {pair[0]} {pair[1]}")
        return _helper("Complex", scope, real=real, imag=imag, Tout=tout)


def to_double(x, name="ToDouble"):
    return math_ops.cast(x, _dtypes.float64, name=name)


def to_bfloat16(x, name="ToBFloat16"):
    return math_ops.cast(x, _dtypes.bfloat16, name=name)


def norm(tensor, ord="euclidean", axis=None, keepdims=None, name=None,  # noqa: A002
         keep_dims=None):
    """TF 1.15's `linalg_ops.norm` for vector norms and the Frobenius / 1 / inf matrix
    norms (the spectral matrix norm needs SVD and map_fn: not reproduced)."""
    from . import array_ops

    keepdims = bool(keepdims if keepdims is not None else keep_dims)
    matrix = isinstance(axis, (tuple, list)) and len(axis) == 2
    if matrix:
        axis = tuple(axis)
        if not isinstance(axis[0], int) or not isinstance(axis[1], int) or axis[0] == axis[1]:
            raise ValueError("'axis' must be None, an integer, or a tuple of 2 unique integers")
        if ord not in ["euclidean", "fro", 1, 2, np.inf]:
            raise ValueError("'ord' must be a supported matrix norm in ['euclidean', 'fro', 1, "
                             f"2, inf], got {ord}")
    else:
        if not (isinstance(axis, int) or axis is None):
            raise ValueError("'axis' must be None, an integer, or a tuple of 2 unique integers")
        if (not np.isreal(ord) or ord <= 0) and ord not in ["euclidean", 1, 2, np.inf]:
            raise ValueError(f"'ord' must be a supported vector norm, got {ord}")
        if axis is not None:
            axis = (axis,)
    with name_scope(name, "norm", [tensor]):
        tensor = convert_to_tensor(tensor)
        if ord in ["fro", "euclidean", 2, 2.0]:
            if matrix and ord in [2, 2.0]:
                raise NotImplementedError("philoxflow does not build the spectral matrix norm")
            result = math_ops.sqrt(math_ops.reduce_sum(tensor * conj(tensor), axis,
                                                       keepdims=True))
        else:
            result = math_ops.abs(tensor)
            if ord == 1:
                result = math_ops.reduce_sum(result, None if axis is None else axis[0],
                                             keepdims=True)
                if matrix:
                    result = math_ops.reduce_max(result, axis[-1], keepdims=True)
            elif ord == np.inf:
                if matrix:
                    result = math_ops.reduce_sum(result, axis[1], keepdims=True)
                result = math_ops.reduce_max(result, None if axis is None else axis[0],
                                             keepdims=True)
            else:
                result = math_ops.pow(math_ops.reduce_sum(math_ops.pow(result, ord), axis,
                                                          keepdims=True), 1.0 / ord)
        if not keepdims:
            result = array_ops.squeeze(result, axis)
        return result


def _descending(values, axis, argsort):
    from . import array_ops

    k = array_ops.shape(values)[axis]
    rank = array_ops.rank(values)
    static_rank = values.shape.rank
    if axis == -1 or axis + 1 == static_rank:
        inp, transposition = values, None
    elif static_rank is None:  # the transposition from the rank at run time, as TF's
        from ..framework.ops import get_default_graph

        if get_default_graph()._target.resource_variables:
            raise NotImplementedError("philoxflow sorts along an inner axis of an unknown "
                                      "rank as TF 1.15 only (TF 2.x scatters a range)")
        if axis < 0:
            axis += rank
        transposition = array_ops.concat([array_ops.range(axis), [rank - 1],
                                          array_ops.range(axis + 1, rank - 1), [axis]], axis=0)
        inp = array_ops.transpose(values, transposition)
    else:
        if axis < 0:
            axis += static_rank
        from ..framework.constant_op import constant

        transposition = constant(np.r_[np.arange(axis), [static_rank - 1],
                                       np.arange(axis + 1, static_rank - 1), [axis]],
                                 name="transposition")
        inp = array_ops.transpose(values, transposition)
    vals, idx = top_k(inp, k)
    out = idx if argsort else vals
    if transposition is not None:
        out = array_ops.transpose(out, transposition)
    return out


def _sort_or_argsort(values, axis, direction, argsort):
    from .array_ops import _constant_value

    if direction not in ("ASCENDING", "DESCENDING"):
        raise ValueError(f"{direction} should be one of ASCENDING, DESCENDING")
    axis = convert_to_tensor(axis, name="axis")
    axis_static = _constant_value(axis)
    if axis.shape.rank != 0 or axis_static is None:
        raise ValueError("axis must be a constant scalar")
    values = convert_to_tensor(values, name="values")
    if direction == "DESCENDING":
        return _descending(values, int(axis_static), argsort)
    out = _descending(-values, int(axis_static), argsort)
    return out if argsort else -out


def sort(values, axis=-1, direction="ASCENDING", name=None):
    with name_scope(name, "sort"):
        return _sort_or_argsort(values, axis, direction, False)


def argsort(values, axis=-1, direction="ASCENDING", stable=False, name=None):
    with name_scope(name, "argsort"):
        return _sort_or_argsort(values, axis, direction, True)


def saturate_cast(value, dtype, name=None):
    """`tf.saturate_cast`: clamp to the target's range (Maximum/Minimum), then cast."""
    with name_scope(name, "saturate_cast", [value]) as scope:
        value = convert_to_tensor(value, name="value")
        dtype = _dtypes.as_dtype(dtype)
        if get_default_graph()._target.uniform_skips_unit_scaling:
            return _saturate_cast_tf2(value, dtype, scope)
        if value.dtype.min < dtype.min:
            value = apply_op("Maximum", None, [
                (value, "x", None),
                (convert_to_tensor(dtype.min, dtype=value.dtype, name="min"), "y", None)],
                dtype=value.dtype, shape=value.shape)
        if value.dtype.max > dtype.max:
            value = apply_op("Minimum", None, [
                (value, "x", None),
                (convert_to_tensor(dtype.max, dtype=value.dtype, name="max"), "y", None)],
                dtype=value.dtype, shape=value.shape)
        return math_ops.cast(value, dtype, name=scope)


def adjoint(matrix, name=None):
    """`tf.linalg.adjoint` (real matrices: the transpose)."""
    from .array_ops_ext import matrix_transpose

    with name_scope(name, "adjoint", [matrix]):
        matrix = convert_to_tensor(matrix, name="matrix")
        if matrix.dtype.is_complex:
            raise NotImplementedError("philoxflow builds adjoints of real matrices only")
        return matrix_transpose(matrix, conjugate=True)


def _saturate_cast_tf2(value, dtype, scope):
    """TF 2.x: one ClipByValue (`clamp`) to limits representable in both dtypes."""
    if value.dtype.is_complex or dtype.is_complex:
        raise NotImplementedError("philoxflow saturate-casts real dtypes only")
    in_dtype = value.dtype
    np_dtype = in_dtype.as_numpy_dtype
    try:
        promoted_type = np.promote_types(np_dtype, dtype.as_numpy_dtype)
    except TypeError:
        promoted_type = float
    lo = np_dtype(np.maximum(in_dtype.min, dtype.min))
    if np.array([lo, dtype.min], dtype=promoted_type)[0] < np.array(
            [lo, dtype.min], dtype=promoted_type)[1]:
        lo = np.nextafter(lo, np_dtype(0), dtype=np_dtype)
    hi = np_dtype(np.minimum(float(in_dtype.max), float(dtype.max)))
    if np.array([hi, dtype.max], dtype=promoted_type)[0] > np.array(
            [hi, dtype.max], dtype=promoted_type)[1]:
        hi = np.nextafter(hi, np_dtype(0), dtype=np_dtype)
    value = apply_op("ClipByValue", "clamp", [
        (value, "t", None), (convert_to_tensor(lo, dtype=in_dtype), "clip_value_min", None),
        (convert_to_tensor(hi, dtype=in_dtype), "clip_value_max", None)],
        dtype=in_dtype, shape=value.shape)
    return math_ops.cast(value, dtype, name=scope)


def _unsorted_segment_n(data, segment_ids, num_segments):
    from . import array_ops

    ones = array_ops.ones(array_ops.shape(segment_ids), dtype=data.dtype)
    n = _unsorted_segment_sum(ones, segment_ids, num_segments)
    extra = data.shape.rank - segment_ids.shape.rank
    n = array_ops.reshape(n, [num_segments] + [1] * extra)
    return apply_op("Maximum", None, [(n, "x", None), (1, "y", n.dtype)], dtype=n.dtype,
                    shape=n.shape)


def _unsorted_segment_sum(data, ids, num_segments):
    from .gen_wrappers import names

    return names("math")["unsorted_segment_sum"](data, ids, num_segments)


def unsorted_segment_mean(data, segment_ids, num_segments, name=None):
    with name_scope(name, "UnsortedSegmentMean"):
        data = convert_to_tensor(data)
        segment_ids = convert_to_tensor(segment_ids)
        n = _unsorted_segment_n(data, segment_ids, num_segments)
        return _unsorted_segment_sum(data, segment_ids, num_segments) / n


def unsorted_segment_sqrt_n(data, segment_ids, num_segments, name=None):
    with name_scope(name, "UnsortedSegmentSqrtN"):
        data = convert_to_tensor(data)
        segment_ids = convert_to_tensor(segment_ids)
        n = _unsorted_segment_n(data, segment_ids, num_segments)
        summed = _unsorted_segment_sum(data, segment_ids, num_segments)
        return summed / math_ops.unary("Sqrt", n)


def broadcast_static_shape(shape_x, shape_y):
    """`tf.broadcast_static_shape` (TF's error for incompatible shapes)."""
    try:
        return math_ops._broadcast_shape(TensorShape(shape_x), TensorShape(shape_y))
    except ValueError:
        raise ValueError(f"Incompatible shapes for broadcasting: {shape_x} and {shape_y}"
                         ) from None


def broadcast_dynamic_shape(shape_x, shape_y):
    out = apply_op("BroadcastArgs", None, [(shape_x, "s0", None), (shape_y, "s1", None)],
                   dtype=(shape_x.dtype if isinstance(shape_x, Tensor) else _dtypes.int32))
    a, b = (t.shape for t in out.op.inputs)
    if a.rank == 1 and b.rank == 1 and None not in (a.as_list()[0], b.as_list()[0]):
        out.set_shape([max(a.as_list()[0], b.as_list()[0])])  # TF's shape function
    return out


def multiply_no_nan(x, y, name=None):
    with name_scope(name, "multiply_no_nan", [x, y]) as scope:
        x = convert_to_tensor(x, name="x")
        y = convert_to_tensor(y, name="y", dtype=x.dtype)
        return apply_op("MulNoNan", scope, [(x, "x", None), (y, "y", None)], dtype=x.dtype,
                        shape=math_ops._shape_hint(x, y))


def polyval(coeffs, x, name=None):
    from . import array_ops

    with name_scope(name, "polyval", list(coeffs) + [x]) as scope:
        x = convert_to_tensor(x, name="x")
        if len(coeffs) < 1:
            return array_ops.zeros_like(x, name=scope)
        coeffs = [convert_to_tensor(c, name=f"coeff_{i}") for i, c in enumerate(coeffs)]
        p = coeffs[0]
        for c in coeffs[1:]:
            p = c + p * x
        return p


def cumulative_logsumexp(x, axis=0, exclusive=False, reverse=False, name=None):
    return _cumulative("CumulativeLogsumexp", "CumulativeLogsumexp", x, axis, exclusive,
                       reverse, name)


def accumulate_n(inputs, shape=None, tensor_dtype=None, name=None):
    """`tf.math.accumulate_n`: AccumulateNV2 over two or more tensors of one dtype."""
    from . import array_ops

    if not inputs or not isinstance(inputs, (list, tuple)):
        raise ValueError("inputs must be a list of at least one Tensor with the same dtype "
                         "and shape")
    inputs = [convert_to_tensor(i) for i in inputs]
    if not all(i.dtype == inputs[0].dtype for i in inputs):
        raise ValueError("inputs must be a list of at least one Tensor with the same dtype "
                         "and shape")
    merged = TensorShape(None) if shape is None else TensorShape(shape)
    for i in inputs:
        merged = merged.merge_with(i.shape)
    if tensor_dtype is not None and _dtypes.as_dtype(tensor_dtype) != inputs[0].dtype:
        raise TypeError(f"tensor_dtype is {tensor_dtype}, but input is of type "
                        f"{inputs[0].dtype}")
    if len(inputs) == 1:
        return inputs[0] if name is None else array_ops.identity(inputs[0], name=name)
    return apply_op("AccumulateNV2", name, [(i, f"inputs_{k}", None)
                                            for k, i in enumerate(inputs)],
                    dtype=inputs[0].dtype, shape=merged,
                    attrs={"N": len(inputs), "shape": merged})


def normalize(tensor, ord="euclidean", axis=None, name=None):  # noqa: A002 - TF's name
    """`tf.linalg.normalize`: the tensor over its norm, and the norm."""
    with name_scope(name, "normalize", [tensor]):
        tensor = convert_to_tensor(tensor)
        n = math_ops.cast(norm(tensor, ord, axis, keepdims=True), tensor.dtype)
        return tensor / n, n
