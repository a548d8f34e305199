"""More of TF 1.15's `array_ops.py`: split, unstack, where, boolean_mask, sequence_mask,
matrix_transpose, gather_nd, reverse_sequence, unique, space/depth, meshgrid, each
building the ops TF 1.15 builds, with the static shapes TF's shape functions give."""

from __future__ import annotations

import builtins

import numpy as np

from ..framework import dtypes as _dtypes
from ..framework.constant_op import constant, convert_to_tensor
from ..framework.ops import Tensor, name_scope
from ..framework.tensor_shape import Dimension, TensorShape, dimension_value
from . import array_ops, math_ops
from .gen import apply_op


def _t(v):
    return v if isinstance(v, Tensor) else None


def _num_arg():
    """How TF's messages name `num` (TF 2.x: "argument `num`")."""
    return "argument `num`" if _tf2() else "num"


def _shape_text(shape):
    """A TensorShape as the target's messages print it (TF 2.x: `(None, 3)`)."""
    if not _tf2() or shape.rank is None:
        return str(shape)
    return str(tuple(shape.as_list()))


def _typed(v):
    """A tensor or variable operand (what fixes an op's dtype), else None."""
    return v if isinstance(v, Tensor) or hasattr(v, "_as_graph_tensor") else None


def split(value, num_or_size_splits, axis=0, num=None, name="split"):
    """`tf.split`: Split (a number of pieces) or SplitV (sizes), as TF 1.15 picks."""
    v = convert_to_tensor(value) if isinstance(value, Tensor) else None
    if isinstance(num_or_size_splits, (int, Dimension)) and not isinstance(
            num_or_size_splits, builtins.bool):
        n = int(dimension_value(num_or_size_splits))
        from ..framework.ops import get_default_graph

        if not get_default_graph()._target.uniform_skips_unit_scaling:
            # TF 1.15 converts the argument first: a Const named "Const" before the op
            # (`shape_as_tensor` for a Dimension, its registered conversion).
            convert_to_tensor(num_or_size_splits)
        with name_scope(name, "split") as scope:
            ax = convert_to_tensor(axis, dtype=_dtypes.int32, name="split_dim")
            x = convert_to_tensor(value, name="value")
            shape = TensorShape(None)
            if x.shape.rank is not None and isinstance(axis, int):
                dims = x.shape.as_list()
                a = axis % len(dims)
                if dims[a] is not None:
                    if dims[a] % n:
                        raise ValueError(
                            f"Dimension size must be evenly divisible by {n} but is {dims[a]} "
                            f"for '{scope[:-1]}' (op: 'Split') with input shapes: [], {x.shape}"
                            f" and with computed input tensors: input[0] = <{axis}>.")
                    dims[a] //= n
                shape = TensorShape(dims)
            from ..framework.ops import get_default_graph

            op = get_default_graph()._create_op("Split", [ax, x], scope,
                                                outputs=[(x.dtype, shape)] * n,
                                                attrs={"num_split": n})
            return op.outputs
    sizes = convert_to_tensor(num_or_size_splits)
    if sizes.shape.rank == 0:
        raise ValueError("Rank-0 tensors are not supported as the num_or_size_splits argument "
                         f"to split. Argument provided: {num_or_size_splits}")
    if num is None:
        num = sizes.shape.as_list()[0] if sizes.shape.rank else None
        if num is None:
            raise ValueError(f"Cannot infer {_num_arg()} from shape {num_or_size_splits}")
    sv = array_ops._constant_value(sizes)
    x = v if v is not None else None
    outs = []
    for i in builtins.range(num):
        shape = TensorShape(None)
        if x is not None and x.shape.rank is not None and isinstance(axis, int):
            dims = x.shape.as_list()
            dims[axis % len(dims)] = None if sv is None or int(sv[i]) < 0 else int(sv[i])
            shape = TensorShape(dims)
        outs.append(shape)
    dtype = x.dtype if x is not None else convert_to_tensor(value).dtype
    with name_scope(name, "split") as scope:
        x = convert_to_tensor(value, name="value")
        ax = convert_to_tensor(axis, dtype=_dtypes.int32, name="split_dim")
        from ..framework.ops import get_default_graph

        op = get_default_graph()._create_op("SplitV", [x, sizes, ax], scope,
                                            outputs=[(dtype, s) for s in outs],
                                            attrs={"num_split": num})
        return op.outputs


def unstack(value, num=None, axis=0, name="unstack"):
    value = convert_to_tensor(value)
    shape = value.shape
    if num is None:
        if shape.rank is not None:
            if axis < -shape.rank or axis >= shape.rank:
                raise ValueError(f"axis = {axis} not in [{-shape.rank}, {shape.rank})")
            num = shape.as_list()[axis]
        if num is None:
            raise ValueError(f"Cannot infer {_num_arg()} from shape {_shape_text(shape)}")
    out = TensorShape(None)
    if shape.rank is not None:
        dims = shape.as_list()
        del dims[axis % len(dims)]
        out = TensorShape(dims)
    with name_scope(name, "Unpack") as scope:
        from ..framework.ops import get_default_graph

        op = get_default_graph()._create_op("Unpack", [value], scope,
                                            outputs=[(value.dtype, out)] * num,
                                            attrs={"num": num, "axis": axis})
        return op.outputs


def where(condition, x=None, y=None, name=None):
    """`tf.where` (v1): Where (indices) or Select."""
    if x is None and y is None:
        with name_scope(name, "Where", [condition]) as scope:
            c = convert_to_tensor(condition, preferred_dtype=_dtypes.bool, name="condition")
            r = c.shape.rank
            return apply_op("Where", scope, [(c, "condition", None)], dtype=_dtypes.int64,
                            shape=TensorShape([None, r]) if r is not None else
                            TensorShape([None, None]))
    if x is None or y is None:
        raise ValueError("x and y must both be non-None or both be None.")
    xt = _typed(x) if _typed(x) is not None else _typed(y)
    if xt is None:  # Python values: the generic builder infers T from them, as TF's
        from ..framework.op_def_library import apply_op_helper

        return apply_op_helper("Select", name=name, condition=condition, t=x,
                               e=y).outputs[0]
    shape = xt.shape
    return apply_op("Select", name, [(condition, "condition", _dtypes.bool), (x, "t", None),
                                     (y, "e", None if xt is None else xt.dtype)],
                    dtype=None if xt is None else xt.dtype, shape=shape)


def where_v2(condition, x=None, y=None, name=None):
    if x is None and y is None:
        return where(condition, name=name)
    if x is None or y is None:
        raise ValueError("x and y must both be non-None or both be None.")
    xt = _typed(x) if _typed(x) is not None else _typed(y)
    c = _t(condition)
    shape = None
    if xt is not None and _t(y) is not None and c is not None:
        shape = math_ops._broadcast_shape(
            c.shape, math_ops._broadcast_shape(convert_to_tensor(x).shape,
                                               convert_to_tensor(y).shape))
    return apply_op("SelectV2", name, [(condition, "condition", _dtypes.bool), (x, "t", None),
                                       (y, "e", None if xt is None else xt.dtype)],
                    dtype=None if xt is None else xt.dtype, shape=shape)


def boolean_mask(tensor, mask, name="boolean_mask", axis=None):
    with name_scope(name, "boolean_mask", [tensor, mask]):
        tensor = convert_to_tensor(tensor, name="tensor")
        mask = convert_to_tensor(mask, name="mask")
        nm = mask.shape.rank
        st = tensor.shape
        if nm == 0:
            raise ValueError("mask cannot be scalar.")
        if nm is None:
            raise ValueError("Number of mask dimensions must be specified, even if some "
                             "dimensions are None.  E.g. shape=[None] is ok, but shape=None "
                             "is not.")
        axis = 0 if axis is None else axis
        if not st[axis:axis + nm].is_compatible_with(mask.shape):
            raise ValueError(f"Shapes {st[axis:axis + nm]} and {mask.shape} are incompatible")
        lead = apply_op("Prod", None, [(array_ops.shape(tensor)[axis:axis + nm],
                                        "input", None), ([0], "reduction_indices",
                                                         _dtypes.int32)],
                        dtype=_dtypes.int32, shape=[], attrs={"keep_dims": False})
        tensor = array_ops.reshape(tensor, array_ops.concat(
            [array_ops.shape(tensor)[:axis], [lead], array_ops.shape(tensor)[axis + nm:]], 0))
        first = st[axis:axis + nm].num_elements()
        if st.rank is not None:
            tensor.set_shape(TensorShape(st.as_list()[:axis] + [first]
                                         + st.as_list()[axis + nm:]))
        mask = array_ops.reshape(mask, [-1])
        idx = array_ops.squeeze(where(mask), axis=[1])
        return array_ops.gather(tensor, idx, axis=axis)


def sequence_mask(lengths, maxlen=None, dtype=_dtypes.bool, name=None):
    given = maxlen
    with name_scope(name, "SequenceMask", [lengths, maxlen]):
        lengths = convert_to_tensor(lengths)
        if maxlen is None:
            from .math_ops import _reduction

            maxlen = _reduction("Max", lengths, None, False, None)
            maxlen = apply_op("Maximum", None, [(constant(0, maxlen.dtype), "x", None),
                                                (maxlen, "y", None)],
                              dtype=maxlen.dtype, shape=[])
        else:
            maxlen = convert_to_tensor(maxlen)
        if maxlen.shape.rank not in (None, 0):
            raise ValueError("maxlen must be scalar for sequence_mask")
        dt = maxlen.dtype
        # TF's shape inference evaluates the limit when it is constant (or the max of
        # constant lengths).
        known = array_ops._constant_value(maxlen)
        lv = array_ops._constant_value(lengths)
        if known is None and lv is not None and given is None:
            known = max(0, int(np.max(lv))) if np.size(lv) else 0
        row = apply_op("Range", None, [(constant(0, dt), "start", None), (maxlen, "limit", None),
                                       (constant(1, dt), "delta", None)],
                       dtype=dt, shape=[None if known is None else max(0, int(known))])
        matrix = apply_op("Cast", None, [(array_ops.expand_dims(lengths, -1), "x", None)],
                          dtype=dt, attrs={"DstT": dt, "Truncate": False},
                          shape=lengths.shape.concatenate([1]) if lengths.shape.rank is not None
                          else None)
        result = row < matrix
        dtype = _dtypes.as_dtype(dtype) if dtype is not None else None
        if dtype is None or result.dtype == dtype:
            return result
        return apply_op("Cast", None, [(result, "x", None)], dtype=dtype, shape=result.shape,
                        attrs={"DstT": dtype, "Truncate": False})


def matrix_transpose(a, name="matrix_transpose", conjugate=False):
    with name_scope(name, "matrix_transpose", [a]):
        a = convert_to_tensor(a, name="a")
        r = a.shape.rank
        if r is None:  # the permutation from the rank at run time, as TF builds it
            a_rank = array_ops.rank(a)
            lead = apply_op("Range", None, [(0, "start", _dtypes.int32),
                                            (a_rank - 2, "limit", None),
                                            (1, "delta", _dtypes.int32)], dtype=_dtypes.int32)
            perm = array_ops.concat((lead, [a_rank - 1, a_rank - 2]), 0)
            return array_ops.transpose(a, perm=perm)
        if r < 2:
            raise ValueError("Argument 'a' should be a (batch) matrix, with rank >= 2.  "
                             f"Found: {a.shape}")
        perm = list(builtins.range(r - 2)) + [r - 1, r - 2]
        return array_ops.transpose(a, perm=perm)


def gather_nd(params, indices, name=None, batch_dims=0):
    with name_scope(name, "GatherNd", [params, indices]) as scope:
        p = convert_to_tensor(params, name="params")
        i = convert_to_tensor(indices, name="indices")
        shape = None
        if p.shape.rank is not None and i.shape.rank is not None \
                and i.shape.as_list()[-1] is not None:
            k = i.shape.as_list()[-1]
            shape = TensorShape(i.shape.as_list()[:-1] + p.shape.as_list()[k:])
        return apply_op("GatherNd", scope, [(p, "params", None), (i, "indices", None)],
                        dtype=p.dtype, shape=shape)


def reverse_sequence(input, seq_lengths, seq_axis=None, batch_axis=None,  # noqa: A002
                     name=None, seq_dim=None, batch_dim=None):
    seq_axis = seq_dim if seq_axis is None else seq_axis
    batch_axis = (batch_dim if batch_axis is None else batch_axis) or 0
    x = _t(input)
    return apply_op("ReverseSequence", name, [(input, "input", None),
                                              (seq_lengths, "seq_lengths", _dtypes.int64
                                               if _t(seq_lengths) is None else None)],
                    dtype=None if x is None else x.dtype, shape=None if x is None else x.shape,
                    attrs={"seq_dim": seq_axis, "batch_dim": batch_axis})


def unique(x, out_idx=_dtypes.int32, name=None):
    t = convert_to_tensor(x) if _t(x) is not None else None
    dtype = t.dtype if t is not None else convert_to_tensor(x).dtype
    y, idx = apply_op("Unique", name, [(x, "x", None)],
                      outputs=[(dtype, [None]), (_dtypes.as_dtype(out_idx),
                                                 None if t is None else t.shape)],
                      attrs={"out_idx": _dtypes.as_dtype(out_idx)})
    return y, idx


def _space_depth(op_type, input, block_size, data_format, name, to_depth):  # noqa: A002
    x = _t(input)
    shape = None
    if x is not None and x.shape.rank == 4 and data_format == "NHWC":
        n, h, w, c = x.shape.as_list()
        b = block_size
        if to_depth:
            shape = [n, None if h is None else h // b, None if w is None else w // b,
                     None if c is None else c * b * b]
        else:
            shape = [n, None if h is None else h * b, None if w is None else w * b,
                     None if c is None else c // (b * b)]
    return apply_op(op_type, name, [(input, "input", None)],
                    dtype=None if x is None else x.dtype, shape=shape,
                    attrs={"block_size": block_size, "data_format": data_format})


def space_to_depth(input, block_size, name=None, data_format="NHWC"):  # noqa: A002
    return _space_depth("SpaceToDepth", input, block_size, data_format, name, True)


def depth_to_space(input, block_size, name=None, data_format="NHWC"):  # noqa: A002
    return _space_depth("DepthToSpace", input, block_size, data_format, name, False)


def meshgrid(*args, **kwargs):
    indexing = kwargs.pop("indexing", "xy")
    name = kwargs.pop("name", "meshgrid")
    if kwargs:
        raise TypeError(f"'{next(iter(kwargs))}' is an invalid keyword argument for this "
                        "function")
    if indexing not in ("xy", "ij"):
        raise ValueError("indexing parameter must be either 'xy' or 'ij'")
    with name_scope(name, "meshgrid", args):
        ndim = len(args)
        s0 = (1,) * ndim
        output = [array_ops.reshape(array_ops.stack(x), s0[:i] + (-1,) + s0[i + 1:])
                  for i, x in enumerate(args)]
        shapes = [array_ops.size(x) for x in args]
        dtype = convert_to_tensor(args[0]).dtype
        if indexing == "xy" and ndim > 1:
            output[0] = array_ops.reshape(output[0], (1, -1) + (1,) * (ndim - 2))
            output[1] = array_ops.reshape(output[1], (-1, 1) + (1,) * (ndim - 2))
            shapes[0], shapes[1] = shapes[1], shapes[0]
        mult = array_ops.ones(shapes, dtype)
        return [x * mult for x in output]


def _like(x):
    return convert_to_tensor(x) if isinstance(x, Tensor) else None


def _tf2():
    from ..framework.ops import get_default_graph

    return get_default_graph()._target.uniform_skips_unit_scaling


def matrix_diag(diagonal, name="diag", k=0, num_rows=-1, num_cols=-1, padding_value=0):
    """MatrixDiag (TF 1.15) or MatrixDiagV3 with its k/num_rows/num_cols/padding inputs
    (TF 2.x)."""
    d = _like(diagonal)
    shape = None
    if d is not None and d.shape.rank is not None and k == 0:
        shape = d.shape.concatenate([d.shape.as_list()[-1]])
    dtype = None if d is None else d.dtype
    if _tf2():
        return apply_op("MatrixDiagV3", name, [
            (diagonal, "diagonal", None), (k, "k", _dtypes.int32),
            (num_rows, "num_rows", _dtypes.int32), (num_cols, "num_cols", _dtypes.int32),
            (padding_value, "padding_value", dtype)], dtype=dtype, shape=shape,
            attrs={"align": "RIGHT_LEFT"})
    return apply_op("MatrixDiag", name, [(diagonal, "diagonal", None)], dtype=dtype,
                    shape=shape)


def matrix_set_diag(input, diagonal, name="set_diag", k=0):  # noqa: A002 - TF's name
    x = _like(input)
    dtype = None if x is None else x.dtype
    ins = [(input, "input", None), (diagonal, "diagonal", dtype)]
    if _tf2():  # TF 2.x: MatrixSetDiagV3 with its k input
        return apply_op("MatrixSetDiagV3", name, ins + [(k, "k", _dtypes.int32)], dtype=dtype,
                        shape=None if x is None else x.shape, attrs={"align": "RIGHT_LEFT"})
    return apply_op("MatrixSetDiag", name, ins, dtype=dtype,
                    shape=None if x is None else x.shape)


def shape_n(input, out_type=_dtypes.int32, name=None):  # noqa: A002 - TF's name
    xs = [convert_to_tensor(v) for v in input]
    out_type = _dtypes.as_dtype(out_type)
    with name_scope(name, "ShapeN") as scope:
        from ..framework.ops import get_default_graph

        op = get_default_graph()._create_op(
            "ShapeN", xs, scope, attrs={"N": len(xs), "out_type": out_type},
            outputs=[(out_type, TensorShape([x.shape.rank])) for x in xs])
        return op.outputs


def identity_n(input, name=None):  # noqa: A002 - TF's name
    with name_scope(name, "IdentityN") as scope:
        xs = [convert_to_tensor(v, name=f"input_{i}") for i, v in enumerate(input)]
        from ..framework.ops import get_default_graph

        op = get_default_graph()._create_op("IdentityN", xs, scope,
                                            outputs=[(x.dtype, x.shape) for x in xs])
        return op.outputs


def setdiff1d(x, y, index_dtype=_dtypes.int32, name=None):
    xt = _like(x)
    from ..framework.constant_op import _python_dtype

    dtype = xt.dtype if xt is not None else _dtypes.as_dtype(_python_dtype(x))
    out, idx = apply_op("ListDiff", name, [(x, "x", None), (y, "y", dtype)],
                        outputs=[(dtype, [None]), (_dtypes.as_dtype(index_dtype), [None])],
                        attrs={"out_idx": _dtypes.as_dtype(index_dtype)})
    return out, idx


def unique_with_counts(x, out_idx=_dtypes.int32, name=None):
    t = _like(x)
    dtype = t.dtype if t is not None else convert_to_tensor(x).dtype
    out_idx = _dtypes.as_dtype(out_idx)
    return tuple(apply_op("UniqueWithCounts", name, [(x, "x", None)],
                          outputs=[(dtype, [None]), (out_idx, None if t is None else t.shape),
                                   (out_idx, [None])], attrs={"out_idx": out_idx}))


def roll(input, shift, axis, name=None):  # noqa: A002 - TF's name
    x = _like(input)
    return apply_op("Roll", name, [(input, "input", None), (shift, "shift", None),
                                   (axis, "axis", None)],
                    dtype=None if x is None else x.dtype, shape=None if x is None else x.shape)


def ensure_shape(x, shape, name=None):
    t = _like(x)
    shape = TensorShape(shape)
    out = shape if t is None else t.shape.merge_with(shape)
    return apply_op("EnsureShape", name, [(x, "input", None)],
                    dtype=None if t is None else t.dtype, shape=out, attrs={"shape": shape})


def eye(num_rows, num_columns=None, batch_shape=None, dtype=_dtypes.float32, name=None):
    """TF 1.15's `linalg_ops_impl.eye`: ones on a MatrixDiag (square) or set into zeros."""
    with name_scope(name, "eye", [num_rows, num_columns, batch_shape]):
        square = num_columns is None
        batch_shape = [] if batch_shape is None else batch_shape
        num_columns = num_rows if num_columns is None else num_columns
        if isinstance(num_rows, Tensor) or isinstance(num_columns, Tensor):
            diag_size = math_ops.minimum(num_rows, num_columns)
        else:
            if not isinstance(num_rows, int) or not isinstance(num_columns, int):
                raise TypeError("num_rows and num_columns must be positive integer values.")
            square = num_rows == num_columns
            diag_size = min(num_rows, num_columns)
        if isinstance(batch_shape, Tensor) or isinstance(diag_size, Tensor):
            batch_shape = convert_to_tensor(batch_shape, name="shape", dtype=_dtypes.int32)
            diag_shape = array_ops.concat((batch_shape, [diag_size]), axis=0)
            if not square:
                shape = array_ops.concat((batch_shape, [num_rows, num_columns]), axis=0)
        else:
            batch_shape = list(batch_shape)
            diag_shape = batch_shape + [diag_size]
            if not square:
                shape = batch_shape + [num_rows, num_columns]
        ones = array_ops.ones(diag_shape, dtype=dtype)
        if square:
            return matrix_diag(ones)
        return matrix_set_diag(array_ops.zeros(shape, dtype=dtype), ones)


def Print(input_, data, message=None, first_n=None, summarize=None, name=None):  # noqa: N802
    """`tf.Print`: the identity of `input_` that prints `data` when run (built only)."""
    g = _graph_of_values(input_, data)
    with g.as_default(), g.name_scope(name or "Print") as scope:
        x = convert_to_tensor(input_, name="input")
        ds = [convert_to_tensor(d, name=f"data_{i}") for i, d in enumerate(data)]
        attrs = {"message": message or "", "first_n": -1 if first_n is None else first_n,
                 "summarize": 3 if summarize is None else summarize}
        return g._create_op("Print", [x] + ds, scope, dtype=x.dtype, shape=x.shape,
                            attrs=attrs).outputs[0]


def _graph_of_values(*values):
    from ..framework.ops import _graph_of

    return _graph_of(*values)


def dimension_at_index(shape, index):
    """`tf.dimension_at_index`: the Dimension at `index` (unknown when the rank is)."""
    shape = TensorShape(shape)
    return Dimension(None) if shape.rank is None else shape.dims[index]


def parallel_stack(values, name="parallel_stack"):
    with name_scope(name):
        first = convert_to_tensor(values[0])
        out_shape = TensorShape([len(values)]).concatenate(first.shape)
        parts = [array_ops.expand_dims(v, 0) for v in values]
        from ..framework.ops import get_default_graph

        with name_scope(None, "ParallelConcat") as scope:
            return get_default_graph()._create_op(
                "ParallelConcat", parts, scope, dtype=first.dtype, shape=out_shape,
                attrs={"N": len(parts), "shape": out_shape}).outputs[0]


def searchsorted(sorted_sequence, values, side="left", out_type=_dtypes.int32, name=None):
    seq_size = array_ops.shape(sorted_sequence)[-1]
    val_size = array_ops.shape(values)[-1]
    seq_2d = array_ops.reshape(sorted_sequence, [-1, seq_size])
    values_2d = array_ops.reshape(values, [-1, val_size])
    if side not in ("left", "right"):
        raise ValueError(f"side must be either 'right' or 'left'.  Saw: {side}.")
    out_type = _dtypes.as_dtype(out_type)
    out = apply_op("UpperBound" if side == "right" else "LowerBound", name,
                   [(seq_2d, "sorted_inputs", None), (values_2d, "values", seq_2d.dtype)],
                   dtype=out_type, shape=values_2d.shape, attrs={"out_type": out_type})
    return array_ops.reshape(out, array_ops.shape(values))


def batch_gather(params, indices, name=None):
    """`tf.batch_gather` (v1, deprecated): a gather in each batch of indices' leading
    dimensions, through flat indices as TF 1.15 builds it."""
    with name_scope(name, "BatchGather", [params, indices]):
        indices = convert_to_tensor(indices, name="indices")
        params = convert_to_tensor(params, name="params")
        if indices.shape.rank is None:
            raise ValueError("batch_gather does not allow indices with unknown shape.")
        return _batch_gather(params, indices, indices.shape.rank - 1)


def _batch_gather(params, indices, batch_dims):
    """TF's `array_ops._batch_gather` (axis at the first non-batch dimension)."""
    rank = indices.shape.rank
    if batch_dims < 0 or batch_dims >= rank:
        raise ValueError(f"batch_dims = {batch_dims} must be less than rank(indices) = {rank}")
    if params.shape.rank is not None and batch_dims >= params.shape.rank:
        raise ValueError(f"batch_dims = {batch_dims} must be less than rank(params) = "
                         f"{params.shape.rank}")
    indices_shape = array_ops.shape(indices)
    params_shape = array_ops.shape(params)
    batch_indices = indices
    dt = indices.dtype.base_dtype
    accum = array_ops.ones((), dtype=dt)
    casted = apply_op("Cast", None, [(params_shape, "x", None)], dtype=dt,
                      attrs={"DstT": dt, "Truncate": False})
    for dim in builtins.range(batch_dims, 0, -1):
        dim_value = casted[dim - 1]
        accum *= casted[dim]
        start = array_ops.zeros((), dtype=dt)
        step = array_ops.ones((), dtype=dt)
        dim_indices = apply_op("Range", None, [(start, "start", None),
                                               (dim_value, "limit", None),
                                               (step, "delta", None)], dtype=dt)
        dim_indices *= accum
        dim_shape = array_ops.stack([1] * (dim - 1) + [dim_value] + [1] * (rank - dim), axis=0)
        batch_indices += array_ops.reshape(dim_indices, dim_shape)
    flat_indices = array_ops.reshape(batch_indices, [-1])
    outer_shape = params_shape[batch_dims + 1:]
    flat_inner = apply_op("Prod", None, [(params_shape[:batch_dims + 1], "input", None),
                                         ([0], "reduction_indices", _dtypes.int32)],
                          dtype=params_shape.dtype, attrs={"keep_dims": False})
    flat_params = array_ops.reshape(params, array_ops.concat([[flat_inner], outer_shape], 0))
    flat_result = array_ops.gather(flat_params, flat_indices)
    result = array_ops.reshape(flat_result, array_ops.concat([indices_shape, outer_shape], 0))
    final = indices.shape[:batch_dims].merge_with(params.shape[:batch_dims])
    final = final.concatenate(indices.shape[batch_dims:])
    result.set_shape(final.concatenate(params.shape[batch_dims + 1:]))
    return result
