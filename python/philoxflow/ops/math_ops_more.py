"""More of TF 1.15's numeric names (`math_ops.py`, `special_math_ops.py`,
`array_ops.py`, `check_ops.py`, `numerics.py`, `histogram_ops.py`, `state_ops.py`):
complex parts, bincount, lbeta, Bessel functions, sparse segment reductions,
repeat, quantize, edit distance, finite checks — built op for op as TF 1.15 does.

Complex ops are built (their kernels come with the complex dtypes of the core).
"""

from __future__ import annotations

import numpy as np

from ..framework import dtypes as _dtypes
from ..framework import tensor_util
from ..framework.constant_op import constant, convert_to_tensor
from ..framework.indexed_slices import IndexedSlices
from ..framework.ops import colocate_with, control_dependencies, get_default_graph, name_scope
from . import (
    array_ops,
    array_ops_ext,
    math_kernels,  # noqa: F401 - registers the kernels
    math_ops,
)
from .gen import apply_op_helper

__all__ = [
    "angle", "complex", "imag", "real", "to_complex64", "to_complex128", "bincount",
    "reciprocal_no_nan", "lbeta", "bessel_i0", "bessel_i1", "sparse_segment_sum",
    "sparse_segment_mean", "sparse_segment_sqrt_n", "histogram_fixed_width_bins",
    "dynamic_partition", "edit_distance", "quantize", "quantize_v2",
    "required_space_to_batch_paddings", "repeat", "sparse_mask", "verify_tensor_all_finite",
    "add_check_numerics_ops", "assert_rank_in", "batch_scatter_update",
]

_REAL = {"complex64": _dtypes.float32, "complex128": _dtypes.float64}


def complex(real, imag, name=None):  # noqa: A001 - TF's name
    """`tf.complex`: one Complex op (complex64 from float32, complex128 from float64)."""
    real = convert_to_tensor(real, name="real")
    imag = convert_to_tensor(imag, name="imag")
    with name_scope(name, "Complex", [real, imag]) as name:
        types = (real.dtype, imag.dtype)
        if types == (_dtypes.float64, _dtypes.float64):
            tout = _dtypes.complex128
        elif types == (_dtypes.float32, _dtypes.float32):
            tout = _dtypes.complex64
        else:
            raise TypeError("real and imag have incorrect types: {} {}".format(
                real.dtype.name, imag.dtype.name))
        return apply_op_helper("Complex", name, real=real, imag=imag, Tout=tout)


def _part(op_type, scope):
    def fn(input, name=None):  # noqa: A002 - TF's name
        with name_scope(name, scope, [input]) as name:
            input = convert_to_tensor(input, name="input")
            if input.dtype.is_complex:
                return apply_op_helper(op_type, name, input=input,
                                       Tout=_REAL[input.dtype.name])
            return array_ops.zeros_like(input)
    fn.__name__ = scope.lower()
    fn.__doc__ = f"`tf.{scope.lower()}`: {op_type} of a complex tensor, else zeros."
    if op_type == "Real":
        def real_fn(input, name=None):  # noqa: A002 - TF's name
            with name_scope(name, scope, [input]) as name:
                input = convert_to_tensor(input, name="input")
                if input.dtype.is_complex:
                    return apply_op_helper(op_type, name, input=input,
                                           Tout=_REAL[input.dtype.name])
                return input
        real_fn.__doc__ = "`tf.real`: Real of a complex tensor, else the input."
        return real_fn
    return fn


imag = _part("Imag", "Imag")
real = _part("Real", "Real")
_angle_tf1 = _part("Angle", "Angle")


def angle(input, name=None):  # noqa: A002 - TF's name
    """`tf.math.angle`: TF 2.x gives a real input `where(x < 0, pi, 0)` (math_ops_ext),
    TF 1.15 zeros."""
    if get_default_graph()._target.uniform_skips_unit_scaling:
        from .math_ops_ext import angle as angle_tf2

        return angle_tf2(input, name)
    return _angle_tf1(input, name)


def to_complex64(x, name="ToComplex64"):
    return math_ops.cast(x, _dtypes.complex64, name=name)


def to_complex128(x, name="ToComplex128"):
    return math_ops.cast(x, _dtypes.complex128, name=name)


def bincount(arr, weights=None, minlength=None, maxlength=None, dtype=_dtypes.int32):
    """`tf.math.bincount` (v1): the output size from the data, then Bincount (TF 2.x:
    DenseBincount of the flattened input, `bincount_ops.py`)."""
    if get_default_graph()._target.uniform_skips_unit_scaling:
        return _dense_bincount(arr, weights, minlength, maxlength, dtype)
    with name_scope("bincount"):
        arr = convert_to_tensor(arr, name="arr", dtype=_dtypes.int32)
        nonempty = math_ops.reduce_prod(array_ops.shape(arr)) > 0
        output_size = math_ops.cast(nonempty, _dtypes.int32) * (math_ops.reduce_max(arr) + 1)
        if minlength is not None:
            minlength = convert_to_tensor(minlength, name="minlength", dtype=_dtypes.int32)
            output_size = apply_op_helper("Maximum", None, x=minlength, y=output_size)
        if maxlength is not None:
            maxlength = convert_to_tensor(maxlength, name="maxlength", dtype=_dtypes.int32)
            output_size = apply_op_helper("Minimum", None, x=maxlength, y=output_size)
        if weights is not None:
            weights = convert_to_tensor(weights, name="weights")
            return apply_op_helper("UnsortedSegmentSum", None, data=weights, segment_ids=arr,
                                   num_segments=output_size)
        weights = constant([], dtype)
        return apply_op_helper("Bincount", None, arr=arr, size=output_size, weights=weights)


def _dense_bincount(arr, weights, minlength, maxlength, dtype):
    with name_scope("bincount"):
        arr = convert_to_tensor(arr, name="arr")
        if weights is not None:
            weights = convert_to_tensor(weights, name="weights")
        if not arr.dtype.is_integer:
            arr = math_ops.cast(arr, _dtypes.int32)
        nonempty = array_ops.size(arr) > 0
        output_size = math_ops.cast(nonempty, arr.dtype) * (math_ops.reduce_max(arr) + 1)
        if minlength is not None:
            minlength = convert_to_tensor(minlength, name="minlength", dtype=arr.dtype)
            output_size = apply_op_helper("Maximum", None, x=minlength, y=output_size)
        if maxlength is not None:
            maxlength = convert_to_tensor(maxlength, name="maxlength", dtype=arr.dtype)
            output_size = apply_op_helper("Minimum", None, x=maxlength, y=output_size)
        if weights is not None:
            weights = array_ops.reshape(weights, [-1])
        arr = array_ops.reshape(arr, [-1])
        if weights is None:
            weights = constant([], dtype)
        size = tensor_util.constant_value(output_size)
        return get_default_graph()._create_op(
            "DenseBincount", [arr, output_size, weights], "DenseBincount",
            outputs=[(weights.dtype, [None if size is None else int(size)])],
            attrs={"Tidx": arr.dtype, "T": weights.dtype, "binary_output": False}
        ).outputs[0]


def reciprocal_no_nan(x, name=None):
    """`tf.math.reciprocal_no_nan`: DivNoNan(1, x)."""
    with name_scope(name, "reciprocal_no_nan", [x]) as scope:
        x = convert_to_tensor(x, name="x")
        one = constant(1, dtype=x.dtype.base_dtype, name="one")
        return apply_op_helper("DivNoNan", scope, x=one, y=x)


def lbeta(x, name=None):
    """`tf.math.lbeta`: sum(lgamma(x)) - lgamma(sum(x)) over the last axis."""
    with name_scope(name, "lbeta", [x]):
        x = convert_to_tensor(x, name="x")
        log_prod = math_ops.reduce_sum(apply_op_helper("Lgamma", None, x=x), axis=[-1])
        sum_x = math_ops.reduce_sum(x, axis=[-1])
        return log_prod - apply_op_helper("Lgamma", None, x=sum_x)


def _bessel(scaled, scope):
    def fn(x, name=None):
        with name_scope(name, scope, [x]):
            g = get_default_graph()
            if g._target.uniform_skips_unit_scaling:  # TF 2.x: its BesselI0/BesselI1 op
                x = convert_to_tensor(x, name="x")
                op_type = scaled[:-1]
                return g._create_op(op_type, [x], op_type, outputs=[(x.dtype, x.shape)],
                                    attrs={"T": x.dtype}).outputs[0]
            return math_ops.exp(math_ops.abs(x)) * apply_op_helper(scaled, None, x=x)
    fn.__name__ = scope
    fn.__doc__ = f"`tf.math.{scope}`: exp(|x|) * {scaled}(x)."
    return fn


bessel_i0 = _bessel("BesselI0e", "bessel_i0")
bessel_i1 = _bessel("BesselI1e", "bessel_i1")


def _sparse_segment(op_type):
    def fn(data, indices, segment_ids, name=None, num_segments=None):
        if num_segments is not None:
            return apply_op_helper(op_type + "WithNumSegments", name, data=data,
                                   indices=indices, segment_ids=segment_ids,
                                   num_segments=num_segments)
        return apply_op_helper(op_type, name, data=data, indices=indices,
                               segment_ids=segment_ids)
    fn.__doc__ = f"`tf.{op_type}` (with `num_segments`: {op_type}WithNumSegments)."
    return fn


sparse_segment_sum = _sparse_segment("SparseSegmentSum")
sparse_segment_mean = _sparse_segment("SparseSegmentMean")
sparse_segment_sqrt_n = _sparse_segment("SparseSegmentSqrtN")


def histogram_fixed_width_bins(values, value_range, nbins=100, dtype=_dtypes.int32,
                               name=None):
    """`tf.histogram_fixed_width_bins`: floor(nbins * scaled), clipped, reshaped."""
    from .clip_ops import clip_by_value

    with name_scope(name, "histogram_fixed_width_bins", [values, value_range, nbins]):
        values = convert_to_tensor(values, name="values")
        shape = array_ops.shape(values)
        values = array_ops.reshape(values, [-1])
        value_range = convert_to_tensor(value_range, name="value_range")
        nbins = convert_to_tensor(nbins, dtype=_dtypes.int32, name="nbins")
        if get_default_graph()._target.uniform_skips_unit_scaling:  # TF 2.x checks nbins
            from .control_flow_ops import Assert, with_dependencies

            check = Assert(math_ops.greater(nbins, 0), ["nbins %s must > 0" % nbins])
            nbins = with_dependencies([check], nbins)
        nbins_float = math_ops.cast(nbins, values.dtype)
        scaled = math_ops.truediv(values - value_range[0], value_range[1] - value_range[0],
                                  name="scaled_values")
        indices = math_ops.floor(nbins_float * scaled, name="indices")
        indices = math_ops.cast(clip_by_value(indices, 0, nbins_float - 1), _dtypes.int32)
        return array_ops.reshape(indices, shape)


def dynamic_partition(data, partitions, num_partitions, name=None):
    """`tf.dynamic_partition`: one DynamicPartition op with `num_partitions` outputs."""
    out = apply_op_helper("DynamicPartition", name, data=data, partitions=partitions,
                          num_partitions=num_partitions)
    return out if isinstance(out, list) else [out]


def edit_distance(hypothesis, truth, normalize=True, name="edit_distance"):
    """`tf.edit_distance` of two SparseTensors."""
    from ..framework.sparse_tensor import SparseTensor

    if not isinstance(hypothesis, SparseTensor):
        raise TypeError("Hypothesis must be a SparseTensor.")
    if not isinstance(truth, SparseTensor):
        raise TypeError("Truth must be a SparseTensor.")
    return apply_op_helper(
        "EditDistance", name, hypothesis_indices=hypothesis.indices,
        hypothesis_values=hypothesis.values, hypothesis_shape=hypothesis.dense_shape,
        truth_indices=truth.indices, truth_values=truth.values, truth_shape=truth.dense_shape,
        normalize=normalize)


def quantize_v2(input, min_range, max_range, T, mode="MIN_COMBINED", name=None,  # noqa: A002, N803
                round_mode="HALF_AWAY_FROM_ZERO"):
    """`tf.quantize_v2`: one QuantizeV2 op (output, output_min, output_max)."""
    return apply_op_helper("QuantizeV2", name, input=input, min_range=min_range,
                           max_range=max_range, T=T, mode=mode, round_mode=round_mode)


def quantize(input, min_range, max_range, T, mode="MIN_COMBINED",  # noqa: A002, N803
             round_mode="HALF_AWAY_FROM_ZERO", name=None):
    """`tf.quantize`: QuantizeV2."""
    return quantize_v2(input, min_range, max_range, T, mode, name, round_mode)


def required_space_to_batch_paddings(input_shape, block_shape, base_paddings=None,
                                     name=None):
    """`tf.required_space_to_batch_paddings`: paddings and crops, folded in Python
    when all inputs are constants (as TF does)."""
    with name_scope(name, "required_space_to_batch_paddings", [input_shape, block_shape]):
        input_shape = convert_to_tensor(input_shape, dtype=_dtypes.int32, name="input_shape")
        block_shape = convert_to_tensor(block_shape, dtype=_dtypes.int32, name="block_shape")
        block_shape.shape.assert_is_fully_defined()
        block_shape.shape.assert_has_rank(1)
        num_block_dims = block_shape.shape.dims[0].value
        if num_block_dims == 0:
            return (array_ops.zeros([0, 2], _dtypes.int32),
                    array_ops.zeros([0, 2], _dtypes.int32))
        if not input_shape.shape.is_compatible_with([num_block_dims]):
            raise ValueError("Shapes %s and %s are incompatible"
                             % (input_shape.shape, [num_block_dims]))
        if base_paddings is not None:
            base_paddings = convert_to_tensor(base_paddings, dtype=_dtypes.int32,
                                              name="base_paddings")
        else:
            base_paddings = array_ops.zeros([num_block_dims, 2], _dtypes.int32)
        consts = [tensor_util.constant_value(t) for t in (block_shape, input_shape,
                                                          base_paddings)]
        if all(c is not None for c in consts):
            block_shape, input_shape, base_paddings = consts
        pad_start = base_paddings[:, 0]
        orig_pad_end = base_paddings[:, 1]
        full_input_shape = input_shape + pad_start + orig_pad_end
        pad_end_extra = (block_shape - full_input_shape % block_shape) % block_shape
        pad_end = orig_pad_end + pad_end_extra
        paddings = array_ops.stack([[pad_start[i], pad_end[i]] for i in range(num_block_dims)],
                                   name="paddings")
        crops = array_ops.stack([[0, pad_end_extra[i]] for i in range(num_block_dims)],
                                name="crops")
        return paddings, crops


def _tile_one_dimension(data, axis, multiple):
    if data.shape.rank is not None:
        multiples = [1] * data.shape.rank
        multiples[axis] = multiple
    else:
        ones_value = array_ops.ones(array_ops.rank(data), _dtypes.int32)
        multiples = array_ops.concat([ones_value[:axis], [multiple], ones_value[axis + 1:]],
                                     axis=0)
    return array_ops.tile(data, multiples)


def _repeat_with_axis(data, repeats, axis, name=None):
    if not isinstance(axis, int):
        raise TypeError("axis must be an int; got %s" % type(axis).__name__)
    with name_scope(name, "Repeat", [data, repeats]):
        data = convert_to_tensor(data, name="data")
        repeats = convert_to_tensor(repeats, name="repeats", preferred_dtype=_dtypes.int32)
        if not repeats.dtype.is_integer:
            raise TypeError("repeats must be an integer tensor; dtype=%s" % repeats.dtype)
        repeats = apply_op_helper("Cast", None, x=repeats, DstT=_dtypes.int32)
        if repeats.shape.rank is not None and repeats.shape.rank > 1:
            raise ValueError("Shape %s must have rank at most 1" % repeats.shape)
        if data.shape.rank == 0:
            data = array_ops.stack([data])
        elif data.shape.rank is None:
            data = array_ops.reshape(data, array_ops.concat(
                [[1], array_ops.shape(data)], axis=0)[-array_ops.rank(data):])
        data_shape = array_ops.shape(data)
        ndims = data.shape.rank
        if ndims is not None:
            if -ndims <= axis < 0:
                axis += ndims
            elif not 0 <= axis < ndims:
                raise ValueError("axis=%s out of bounds: expected %s<=axis<%s"
                                 % (axis, -ndims, ndims))
        elif axis < 0:
            raise ValueError("axis may only be negative if ndims is statically known.")
        if repeats.shape.rank == 0:
            expanded = array_ops.expand_dims(data, axis + 1)
            tiled = _tile_one_dimension(expanded, axis + 1, repeats)
            result_shape = array_ops.concat(
                [data_shape[:axis], [-1], data_shape[axis + 1:]], axis=0)
            return array_ops.reshape(tiled, result_shape)
        if repeats.shape.rank != axis + 1:
            broadcast_shape = array_ops.concat(
                [data_shape[:axis + 1 - array_ops.rank(repeats)], array_ops.shape(repeats)],
                axis=0)
            repeats = array_ops.broadcast_to(repeats, broadcast_shape)
            repeats.set_shape([None] * (axis + 1))
        all_dims = (constant(np.arange(repeats.shape.rank), dtype=_dtypes.int32)
                    if repeats.shape.rank is not None
                    else apply_op_helper("Range", None, start=0, limit=array_ops.rank(repeats),
                                         delta=1))
        max_repeat = apply_op_helper(
            "Maximum", None, x=0,
            y=apply_op_helper("Max", None, input=repeats, reduction_indices=all_dims))
        mask = array_ops_ext.sequence_mask(repeats, max_repeat)
        expanded = array_ops.expand_dims(data, axis + 1)
        tiled = _tile_one_dimension(expanded, axis + 1, max_repeat)
        masked = array_ops_ext.boolean_mask(tiled, mask)
        if axis == 0:
            result = masked
        else:
            result_shape = array_ops.concat(
                [data_shape[:axis], [-1], data_shape[axis + 1:]], axis=0)
            result = array_ops.reshape(masked, result_shape)
        if data.shape.rank is not None:
            new_axis_size = 0 if repeats.shape[0] == 0 else None
            result.set_shape(data.shape[:axis].concatenate([new_axis_size]).concatenate(
                data.shape[axis + 1:]))
        return result


def repeat(input, repeats, axis=None, name=None):  # noqa: A002 - TF's name
    """`tf.repeat`: tiles and a sequence mask (a Reshape to 1-D first without axis)."""
    if axis is None:
        input = array_ops.reshape(input, [-1])
        axis = 0
    return _repeat_with_axis(input, repeats, axis, name)


def sparse_mask(a, mask_indices, name=None):
    """`tf.sparse_mask`: ListDiff of the indices, then a Gather of the kept values."""
    with name_scope(name, "sparse_mask", [a, mask_indices]) as name:
        out_indices, to_gather = apply_op_helper("ListDiff", None, x=a.indices, y=mask_indices)
        out_values = array_ops.gather(a.values, to_gather, name=name)
        return IndexedSlices(out_values, out_indices, a.dense_shape)


def verify_tensor_all_finite(t=None, msg=None, name=None, x=None, message=None):
    """`tf.verify_tensor_all_finite`: CheckNumerics as a control dependency of x."""
    from .control_flow_ops import with_dependencies

    x = t if x is None else x
    message = msg if message is None else message
    with name_scope(name, "VerifyFinite", [x]):
        x = convert_to_tensor(x, name="x")
        with colocate_with(x):
            verify = apply_op_helper("CheckNumerics", None, tensor=x, message=message)
            return with_dependencies([verify], x)


def add_check_numerics_ops():
    """`tf.add_check_numerics_ops`: a chain of CheckNumerics over every float output."""
    from .control_flow_ops import group

    check_op = []
    for op in get_default_graph().get_operations():
        for output in op.outputs:
            if output.dtype in (_dtypes.float16, _dtypes.float32, _dtypes.float64):
                if getattr(op, "_control_flow_context", None) is not None:
                    raise ValueError(
                        "`tf.add_check_numerics_ops() is not compatible with TensorFlow "
                        "control flow operations such as `tf.cond()` or `tf.while_loop()`.")
                message = op.name + ":" + str(output.value_index)
                with control_dependencies(check_op):
                    check_op = [apply_op_helper("CheckNumerics", None, tensor=output,
                                                message=message)]
    return group(*check_op)


def assert_rank_in(x, ranks, data=None, summarize=None, message=None, name=None):
    """`tf.assert_rank_in`: a static check (NoOp) or an Assert of rank equalities."""
    from .check_ops import assert_rank, assert_type
    from .control_flow_ops import Assert, no_op, with_dependencies

    with name_scope(name, "assert_rank_in", (x,) + tuple(ranks) + tuple(data or [])):
        x = convert_to_tensor(x, name="x")
        ranks = tuple(convert_to_tensor(r, name="rank") for r in ranks)
        message = message or ""
        if data is None:
            data = ([message, "Tensor %s must have rank in" % x.name] + list(ranks)
                    + ["Received shape: ", array_ops.shape(x)])
        for r in ranks:
            assert_type(r, _dtypes.int32)
        static = tuple(tensor_util.constant_value(r) for r in ranks)
        if not any(r is None for r in static):
            for r in static:
                if np.ndim(r) != 0:
                    raise ValueError("Rank must be a scalar.")
            xr = x.shape.rank
            if xr is not None:
                if xr not in static:
                    raise ValueError("%s.  Tensor %s must have rank in %s.  Received rank %d, "
                                     "shape %s" % (message, x.name, static, xr, x.shape))
                return no_op(name="static_checks_determined_all_ok")
        actual = array_ops.rank(x)
        if not ranks:
            condition = convert_to_tensor(False)
        else:
            condition = math_ops.equal(ranks[0], actual)
            for r in ranks[1:]:
                condition = apply_op_helper("LogicalOr", None, x=condition,
                                            y=math_ops.equal(r, actual))
        for r, rs in zip(ranks, static):
            if rs is None:
                check = assert_rank(r, 0, data=["Rank must be a scalar. Received rank: ", r])
                condition = with_dependencies([check], condition)
        return Assert(condition, data, summarize=summarize)


def batch_scatter_update(ref, indices, updates, use_locking=True, name=None):
    """`tf.batch_scatter_update`: full N-d indices, then ScatterNdUpdate."""
    from .state_ops_ext import scatter_nd_update

    with name_scope(name):
        indices = convert_to_tensor(indices, name="indices")
        indices_shape = array_ops.shape(indices)
        ndims = indices.shape.rank
        if ndims is None:
            raise ValueError("batch_gather does not allow indices with unknown shape.")
        nd_indices = array_ops.expand_dims(indices, axis=-1)
        parts = []
        for dim in range(ndims - 1):
            size = indices_shape[dim]
            shape_to_broadcast = [1] * (ndims + 1)
            shape_to_broadcast[dim] = size
            rng = array_ops.reshape(
                apply_op_helper("Range", None, start=0, limit=size, delta=1),
                shape_to_broadcast)
            if rng.dtype.base_dtype != nd_indices.dtype:
                rng = apply_op_helper("Cast", None, x=rng, DstT=nd_indices.dtype)
            parts.append(rng * array_ops.ones_like(nd_indices))
        parts.append(nd_indices)
        final = array_ops.concat(parts, axis=-1)
        return scatter_nd_update(ref, final, updates, use_locking=use_locking)
