"""Sparse ops (`sparse_ops.py`, `sparse_placeholder`), built as TensorFlow 1.15 builds them;
the arithmetic ones (reductions, softmax, matmul, `sp * x`) are in `sparse_math_ops.py`.

Each wrapper makes TF 1.15's ops in TF's order with TF's names; the `gen_sparse_ops` op
types (SparseReorder, SparseTensorDenseMatMul, ...) have no kernel here and are built for
structure only through `apply_op`, with the static shapes TF's C++ shape functions give.
SparseToDense (and the dense ops around the sparse ones: Where, GatherV2, Reshape, ...)
compute.
"""

from __future__ import annotations

import numbers

import numpy as np

from ..framework import dtypes as _dtypes
from ..framework.constant_op import constant, convert_to_tensor
from ..framework.ops import Tensor, get_default_graph, name_scope
from ..framework.sparse_tensor import (
    SparseTensor,
    SparseTensorValue,
    constant_value,
    constant_value_as_shape,
)
from ..framework.tensor_shape import TensorShape
from . import array_ops, math_ops
from .gen import apply_op

_i64 = _dtypes.int64


# ----------------------------------------------------------------- helpers

def _convert_to_sparse_tensor(sp_input):
    if isinstance(sp_input, SparseTensorValue):
        return SparseTensor.from_value(sp_input)
    if not isinstance(sp_input, SparseTensor):
        raise TypeError("Input must be a SparseTensor.")
    return sp_input


def _convert_to_sparse_tensors(sp_inputs):
    if isinstance(sp_inputs, (list, tuple)):
        return [_convert_to_sparse_tensor(sp) for sp in sp_inputs]
    raise TypeError("Inputs must be a list or tuple.")


def _rank(sp):
    """The rank the `dense_shape` vector's static length gives (None if unknown)."""
    s = sp.dense_shape.shape
    return None if s.rank is None else s.as_list()[0]


def _shape_from_tensor(t) -> TensorShape:
    """What TF's C++ `MakeShapeFromShapeTensor` sees: the shape tensor's folded constant
    value (partially: a Shape's input shape, Pack and ConcatV2 parts), else unknown dims.
    Unlike `constant_value`, this leaves the tensor feedable (TF's shape refiner does)."""
    if isinstance(t, SparseTensor):
        t = t.dense_shape
    try:
        return constant_value_as_shape(t, _fold=True)
    except ValueError:
        return TensorShape(None)


def _dim(shape, i):
    return None if shape.rank is None else shape.as_list()[i]


def _op(op_type, name, inputs, outputs, attrs=None):
    """A generated wrapper's op: `inputs` are (value, arg name, dtype) triples,
    `outputs` the (dtype, static shape) of each output."""
    return apply_op(op_type, name, inputs=inputs, outputs=outputs, attrs=attrs)


def _identity(x, name=None) -> Tensor:
    """`tf.identity` with the input's static shape given to the op: the Rust graph links
    ops, not outputs, so its own inference would read output 0 of a multi-output op."""
    g = x.graph
    with g.as_default():
        return g._create_op("Identity", (x,), name or "Identity",
                            outputs=[(x.dtype, x.shape)]).outputs[0]


def _make_int64_tensor(value, name):
    if isinstance(value, numbers.Integral):
        return convert_to_tensor(value, name=name, dtype=_i64)
    if not isinstance(value, Tensor):
        raise TypeError(f"{name} must be an integer value")
    if value.dtype == _i64:
        return value
    return math_ops.cast(value, _i64)


def _sp_inputs(sp, prefix=""):
    return [(sp.indices, prefix + "indices", _i64), (sp.values, prefix + "values", None),
            (sp.dense_shape, prefix + "shape", _i64)]


def _size_known(r, sp):
    """TF's shape refiner folds Size of a vector of static length: Range(0, rank) then
    has a static length."""
    if sp.dense_shape.shape.is_fully_defined():
        r.set_shape([sp.dense_shape.shape.as_list()[0]])


# ----------------------------------------------------------------- placeholders

def _normalize_sparse_shape(shape, name):
    if shape is None:
        return None, None
    rank = shape.shape[0] if isinstance(shape, Tensor) else len(shape)
    if not isinstance(shape, Tensor) and any(d is None for d in shape):
        return None, rank
    return convert_to_tensor(shape, dtype=_i64, name=name), rank


def sparse_placeholder(dtype, shape=None, name=None) -> SparseTensor:
    """`tf.sparse_placeholder`: placeholders for values, indices and (unless `shape` is
    fully given) the dense shape, in TF's order: shape, values, indices."""
    shape_name = (name + "/shape") if name is not None else None
    shape, rank = _normalize_sparse_shape(shape, shape_name)
    if shape is None:
        shape = array_ops.placeholder(_i64, shape=[rank], name=shape_name)
    values = array_ops.placeholder(dtype, shape=[None],
                                   name=(name + "/values") if name is not None else None)
    indices = array_ops.placeholder(_i64, shape=[None, rank],
                                    name=(name + "/indices") if name is not None else None)
    return SparseTensor(values=values, indices=indices, dense_shape=shape)


# ----------------------------------------------------------------- conversions

def from_dense(tensor, name=None) -> SparseTensor:
    """`tf.sparse.from_dense`: Where(NotEqual(t, 0)), GatherNd, Shape."""
    with name_scope(name, "dense_to_sparse"):
        tensor = convert_to_tensor(tensor)
        mask = math_ops.not_equal(tensor, constant(0, tensor.dtype))
        indices = where_v2(mask)
        values = apply_op("GatherNd", None, [(tensor, "params", None),
                                             (indices, "indices", None)],
                          dtype=tensor.dtype, shape=[None])
        shape = array_ops.shape(tensor, out_type=_i64)
        return SparseTensor(indices, values, shape)


def where_v2(condition, name=None) -> Tensor:
    """`tf.where_v2(condition)` with one argument: the Where op, int64 [?, rank]."""
    with name_scope(name, "Where", [condition]) as scope:
        c = convert_to_tensor(condition, name="condition")
        rank = c.shape.rank
        return get_default_graph()._create_op(
            "Where", (c,), scope, dtype=_i64,
            shape=TensorShape([None, rank])).outputs[0]


def sparse_to_dense(sparse_indices, output_shape, sparse_values, default_value=0,
                    validate_indices=True, name=None) -> Tensor:
    """`tf.sparse_to_dense`: the SparseToDense op."""
    return _sparse_to_dense_op(sparse_indices, output_shape, sparse_values, default_value,
                               validate_indices, name)


def _sparse_to_dense_op(indices, output_shape, values, default_value, validate, name):
    with name_scope(name, "SparseToDense", [indices, output_shape, values, default_value]) as s:
        idx = convert_to_tensor(indices, name="sparse_indices")
        shp = convert_to_tensor(output_shape, name="output_shape")
        vals = convert_to_tensor(values, name="sparse_values")
        dflt = convert_to_tensor(default_value, dtype=vals.dtype, name="default_value")
        return get_default_graph()._create_op(
            "SparseToDense", (idx, shp, vals, dflt), s, dtype=vals.dtype,
            shape=_shape_from_tensor(shp),
            attrs={"validate_indices": bool(validate), "T": vals.dtype,
                   "Tindices": idx.dtype}).outputs[0]


def sparse_tensor_to_dense(sp_input, default_value=None, validate_indices=True,
                           name=None) -> Tensor:
    """`tf.sparse.to_dense`: SparseToDense of the three parts (default a `zeros([])`)."""
    sp_input = _convert_to_sparse_tensor(sp_input)
    if default_value is None:
        default_value = array_ops.zeros([], dtype=sp_input.dtype)
    return _sparse_to_dense_op(sp_input.indices, sp_input.dense_shape, sp_input.values,
                               default_value, validate_indices, name)


def sparse_eye(num_rows, num_columns=None, dtype=_dtypes.float32, name=None) -> SparseTensor:
    """`tf.sparse.eye`."""
    with name_scope(name, "eye", [num_rows, num_columns]):
        num_rows = _make_int64_tensor(num_rows, "num_rows")
        num_columns = (num_rows if num_columns is None
                       else _make_int64_tensor(num_columns, "num_columns"))
        diag_size = math_ops.minimum(num_rows, num_columns)
        diag_range = array_ops.range(diag_size, dtype=_i64)
        # TF's shape refiner folds the constant Minimum: the range's length is static.
        rows, cols = (t.op.get_attr("value") if t.op.type == "Const" else None
                      for t in (num_rows, num_columns))
        n = None if rows is None or cols is None else max(0, int(min(rows, cols)))
        if n is not None:
            diag_range.set_shape([n])
        indices = array_ops.stack([diag_range, diag_range], axis=1)
        values = array_ops.ones(diag_size, dtype=dtype)
        if n is not None:
            values.set_shape([n])
        return SparseTensor(indices=indices, values=values, dense_shape=[num_rows, num_columns])


# ----------------------------------------------------------------- reordering, reshaping

def sparse_reorder(sp_input, name=None) -> SparseTensor:
    """`tf.sparse.reorder`: SparseReorder; the shape kept as a list if static, else an
    Identity of `dense_shape`."""
    sp_input = _convert_to_sparse_tensor(sp_input)
    ind_shape, val_shape = sp_input.indices.shape, sp_input.values.shape
    ind, val = _op("SparseReorder", name, _sp_inputs(sp_input, "input_"),
                   [(_i64, ind_shape), (sp_input.dtype, val_shape)])
    if sp_input.get_shape().is_fully_defined():
        dense_shape = sp_input.get_shape().as_list()
    else:
        dense_shape = _identity(sp_input.dense_shape)
    return SparseTensor(ind, val, dense_shape)


def sparse_reshape(sp_input, shape, name=None) -> SparseTensor:
    """`tf.sparse.reshape`: SparseReshape (the `-1` resolved statically when it can be)."""
    sp_input = _convert_to_sparse_tensor(sp_input)
    shape = math_ops.cast(shape, dtype=_i64)
    with name_scope(name, "SparseReshape", [sp_input]) as name:
        new_rank = _dim(shape.shape, 0)
        reshaped_ind, reshaped_shape = _op(
            "SparseReshape", name,
            [(sp_input.indices, "input_indices", _i64),
             (sp_input.dense_shape, "input_shape", _i64), (shape, "new_shape", _i64)],
            [(_i64, [_dim(sp_input.indices.shape, 0), new_rank]), (_i64, [new_rank])])
        const = constant_value_as_shape(shape)
        const = const.as_list() if const.rank is not None else None
        if const is not None and sp_input.shape.is_fully_defined():
            by_user = constant_value(shape)
            if by_user is not None and sum(int(d) == -1 for d in by_user) > 1:
                raise ValueError(f"At most one dimension can be inferred (-1). Found: {by_user}")
            original = list(const)
            in_size = int(np.prod(sp_input.shape.as_list()))
            num_implied = sum(d is None for d in const)
            if num_implied == 1:
                i = original.index(None)
                rest = original[:i] + original[i + 1:]
                const[i] = int(in_size // int(np.prod(rest)))
            if num_implied <= 1:
                size = int(np.prod(const))
                if size != in_size:
                    raise ValueError(f"Cannot reshape a tensor with {in_size} elements to shape "
                                     f"{original} ({size} elements).")
                reshaped_shape = constant(const, dtype=_i64)
        return SparseTensor(reshaped_ind, _identity(sp_input.values), reshaped_shape)


def sparse_transpose(sp_input, perm=None, name=None) -> SparseTensor:
    """`tf.sparse.transpose`: gathers the index columns, then `sparse_reorder`."""
    with name_scope(name, "SparseTranspose", [sp_input]) as name:
        if perm is None:
            with name_scope(None, "Rank", [sp_input]) as rname:
                rank = apply_op("Size", rname, [(sp_input.dense_shape, "input", None)],
                                dtype=_dtypes.int32, shape=[])
            rank_minus_one = rank - 1  # (TF's `rank - 1 - range(...)` builds Sub first)
            r = array_ops.range(0, rank, 1)
            _size_known(r, sp_input)
            perm = rank_minus_one - r
        indices = sp_input.indices
        transposed = array_ops.transpose(array_ops.gather(array_ops.transpose(indices), perm))
        perm_ = constant_value(convert_to_tensor(perm))
        if perm_ is not None and sp_input.get_shape().is_fully_defined():
            old = sp_input.get_shape().as_list()
            dense_shape = list(old)
            for i, p in enumerate(perm_):
                dense_shape[i] = old[int(p)]
        else:
            dense_shape = array_ops.gather(sp_input.dense_shape, perm)
        return sparse_reorder(SparseTensor(transposed, sp_input.values, dense_shape))


def sparse_expand_dims(sp_input, axis=None, name=None) -> SparseTensor:
    """`tf.sparse.expand_dims`: a zero index column and a 1 spliced in at `axis`."""
    rank = sp_input.dense_shape.shape[0]
    axis = -1 if axis is None else axis
    with name_scope(name, "expand_dims", [sp_input]):
        # TF's shape refiner folds the constant axis through SelectV2 and Pack: with a
        # Python axis (and a known rank) the slices' static shapes are known.
        ax = None
        if isinstance(axis, numbers.Integral) and rank.value is not None:
            ax = axis if axis >= 0 else axis + rank.value + 1
        if isinstance(axis, numbers.Integral):
            axis = convert_to_tensor(axis, name="axis", dtype=_dtypes.int32)
        elif not isinstance(axis, Tensor):
            raise TypeError("axis must be an integer value in range [-rank(sp_input) - 1, "
                            "rank(sp_input)]")
        rank_v = rank.value if rank.value is not None else rank
        axis = _where3(axis >= 0, axis, axis + rank_v + 1)
        column_size = array_ops.shape(sp_input.indices)[0]
        new_index = array_ops.zeros([column_size, 1], dtype=_i64)
        # TF's shape refiner reads the packed shape partially (a constant when folded).
        new_index.set_shape([_dim(sp_input.indices.shape, 0), 1])
        n = _dim(sp_input.indices.shape, 0)
        indices_before = array_ops.slice(sp_input.indices, [0, 0], [-1, axis])
        indices_after = array_ops.slice(sp_input.indices, [0, axis], [-1, -1])
        if ax is not None:
            indices_before.set_shape([n, ax])
            indices_after.set_shape([n, rank.value - ax])
        indices = array_ops.concat([indices_before, new_index, indices_after], axis=1)
        shape_before = array_ops.slice(sp_input.dense_shape, [0], [axis])
        shape_after = array_ops.slice(sp_input.dense_shape, [axis], [-1])
        if ax is not None:
            shape_before.set_shape([ax])
            shape_after.set_shape([rank.value - ax])
        new_shape = convert_to_tensor([1], name="new_shape", dtype=_i64)
        shape = array_ops.concat([shape_before, new_shape, shape_after], axis=0)
        return SparseTensor(indices=indices, values=sp_input.values, dense_shape=shape)


def _where3(condition, x, y, name=None):
    """`tf.where_v2(condition, x, y)`: SelectV2."""
    return apply_op("SelectV2", name, [(condition, "condition", None), (x, "t", None),
                                       (y, "e", None)])


def sparse_retain(sp_input, to_retain) -> SparseTensor:
    """`tf.sparse.retain`: Where/Reshape the mask, gather indices and values."""
    sp_input = _convert_to_sparse_tensor(sp_input)
    to_retain = convert_to_tensor(to_retain)
    retain_shape = to_retain.shape
    retain_shape.assert_has_rank(1)
    if sp_input.values.shape.rank is not None and retain_shape.rank is not None:
        sp_input.values.shape.dims[0].merge_with(retain_shape.dims[0])
    where_true = array_ops.reshape(where_v2(to_retain), [-1])
    new_indices = array_ops.gather(sp_input.indices, where_true)
    new_values = array_ops.gather(sp_input.values, where_true)
    return SparseTensor(new_indices, new_values, _identity(sp_input.dense_shape))


def sparse_reset_shape(sp_input, new_shape=None) -> SparseTensor:
    """`tf.sparse_reset_shape`: the tight bounding shape, or a (constant) larger one."""
    sp_input = _convert_to_sparse_tensor(sp_input)
    in_indices = _identity(sp_input.indices)
    in_values = _identity(sp_input.values)
    in_shape = _identity(sp_input.dense_shape)
    if new_shape is None:
        dim_low_bound = math_ops.reduce_max(in_indices, axis=0)
        output_shape_tensor = math_ops.maximum(
            constant(0, dtype=_i64), math_ops.add(dim_low_bound, array_ops.ones_like(in_shape)))
        return SparseTensor(in_indices, in_values, output_shape_tensor)
    output_shape_tensor = convert_to_tensor(new_shape)
    output_shape_tensor.shape.assert_has_rank(1)
    output_shape_tensor = math_ops.cast(output_shape_tensor, _i64)
    if output_shape_tensor.shape.rank is not None:
        output_shape_tensor.shape.dims[0].merge_with(in_shape.shape.dims[0])
    const = constant_value(output_shape_tensor)
    if const is None or not sp_input.get_shape().is_fully_defined():
        # TF checks a dynamic new shape with assert_equal/assert_less_equal ops.
        raise NotImplementedError("philoxflow's sparse_reset_shape takes a constant new_shape "
                                  "of a sparse tensor of static shape")
    in_shape_const = np.array(sp_input.get_shape().as_list())
    if not np.all(in_shape_const <= const):
        raise ValueError(f"Requested new_shape should have dimension sizes >= sp_input.shape.  "
                         f"Found new_shape ({in_shape_const}), sp_input.shape ({const}).")
    return SparseTensor(in_indices, in_values, const)


def sparse_fill_empty_rows(sp_input, default_value, name=None):
    """`tf.sparse.fill_empty_rows`: (SparseTensor, empty_row_indicator)."""
    sp_input = _convert_to_sparse_tensor(sp_input)
    with name_scope(name, "SparseFillEmptyRows", [sp_input]):
        default_value = convert_to_tensor(default_value, dtype=sp_input.values.dtype)
        rank = _rank(sp_input)
        n_rows = _dim(_shape_from_tensor(sp_input.dense_shape), 0)
        outs = _op("SparseFillEmptyRows", None,
                   [(sp_input.indices, "indices", _i64), (sp_input.values, "values", None),
                    (sp_input.dense_shape, "dense_shape", _i64),
                    (default_value, "default_value", None)],
                   [(_i64, [None, rank]), (sp_input.dtype, [None]), (_dtypes.bool, [n_rows]),
                    (_i64, [_dim(sp_input.indices.shape, 0)])])
        return (SparseTensor(indices=outs[0], values=outs[1],
                             dense_shape=sp_input.dense_shape), outs[2])


# ----------------------------------------------------------------- combining

def sparse_concat(axis, sp_inputs, name=None, expand_nonconcat_dim=False, concat_dim=None,
                  expand_nonconcat_dims=None) -> SparseTensor:
    """`tf.sparse.concat` (v1 signature)."""
    if expand_nonconcat_dims is not None:
        expand_nonconcat_dim = expand_nonconcat_dims
    if concat_dim is not None:
        if axis is not None:
            raise ValueError("Cannot specify both 'axis' and 'concat_dim'")
        axis = concat_dim
    sp_inputs = _convert_to_sparse_tensors(sp_inputs)
    if len(sp_inputs) == 1:
        return sp_inputs[0]
    inds = [sp.indices for sp in sp_inputs]
    vals = [sp.values for sp in sp_inputs]
    shapes = [sp.dense_shape for sp in sp_inputs]
    if expand_nonconcat_dim:
        max_shape = math_ops.reduce_max(
            array_ops.concat([array_ops.reshape(s, [1, -1]) for s in shapes], 0), 0)
        shapes = [array_ops.concat([max_shape[:axis],
                                    s[-1:] if axis == -1 else s[axis:axis + 1],
                                    [] if axis == -1 else max_shape[axis + 1:]], 0)
                  for s in shapes]
    n = [_dim(v.shape, 0) for v in vals]
    total = None if any(d is None for d in n) else sum(n)
    rank = next((_dim(s.shape, 0) for s in shapes if _dim(s.shape, 0) is not None), None)
    with name_scope(name, "SparseConcat", inds + vals + shapes) as scope:
        ins = [convert_to_tensor(i, dtype=_i64) for i in inds]
        vs = [convert_to_tensor(v) for v in vals]
        ss = [convert_to_tensor(s, dtype=_i64) for s in shapes]
        op = get_default_graph()._create_op(
            "SparseConcat", ins + vs + ss, scope,
            outputs=[(_i64, [total, rank]), (vs[0].dtype, [total]), (_i64, [rank])],
            attrs={"concat_dim": axis, "N": len(ins), "T": vs[0].dtype})
    output_ind, output_val, output_shape = op.outputs
    shapes_value = [constant_value(s) for s in shapes]
    if shapes_value and all(s is not None for s in shapes_value):
        dim = sum(s[axis] for s in shapes_value)
        out = np.array(shapes_value[0])
        out[axis] = dim
        output_shape = convert_to_tensor(out)
    return SparseTensor(output_ind, output_val, output_shape)


def sparse_add(a, b, threshold=None, thresh=None):
    """`tf.sparse.add` (v1): SparseAdd of two sparse tensors, SparseTensorDenseAdd else."""
    if thresh is not None:
        threshold = thresh
    if threshold is None:
        threshold = 0
    classes = (SparseTensor, SparseTensorValue)
    if not any(isinstance(x, classes) for x in (a, b)):
        raise TypeError("At least one input should be SparseTensor; do you mean to use tf.add()?")
    if all(isinstance(x, classes) for x in (a, b)):
        a = _convert_to_sparse_tensor(a)
        b = _convert_to_sparse_tensor(b)
        threshold = convert_to_tensor(threshold, dtype=a.values.dtype.base_dtype,
                                      name="threshold")
        rank = _dim(a.dense_shape.shape, 0)
        ind, val, shp = _op("SparseAdd", None,
                            _sp_inputs(a, "a_") + _sp_inputs(b, "b_")
                            + [(threshold, "thresh", None)],
                            [(_i64, [None, rank]), (a.dtype, [None]), (_i64, [rank])])
        sa, sb = a.get_shape(), b.get_shape()
        if not sa.is_compatible_with(sb):
            raise ValueError(f"Shapes {sa} and {sb} are incompatible")
        static = sa.merge_with(sb)
        if static.is_fully_defined():
            shp = static.as_list()
        return SparseTensor(ind, val, shp)
    if isinstance(b, classes):
        a, b = b, a
    b = convert_to_tensor(b, name="b")
    return _op("SparseTensorDenseAdd", None, _sp_inputs(a, "a_") + [(b, "b", None)],
               [(a.dtype, b.shape)])


def sparse_split(keyword_required=None, sp_input=None, num_split=None, axis=None, name=None,
                 split_dim=None):
    """`tf.sparse.split` (v1, keyword arguments): SparseSplit, `num_split` SparseTensors."""
    if keyword_required is not None:
        raise ValueError("Keyword arguments are required for this function.")
    if sp_input is None:
        raise ValueError("sp_input is required")
    if num_split is None:
        raise ValueError("num_split is required")
    if axis is None:
        if split_dim is None:
            raise ValueError("axis is required")
        axis = split_dim
    sp_input = _convert_to_sparse_tensor(sp_input)
    rank = _rank(sp_input)
    outs = _op("SparseSplit", name,
               [(axis, "split_dim", _i64)] + _sp_inputs(sp_input),
               [(_i64, [None, rank])] * num_split + [(sp_input.dtype, [None])] * num_split
               + [(_i64, [rank])] * num_split, attrs={"num_split": num_split})
    if num_split == 1 and not isinstance(outs, list):
        outs = list(outs.op.outputs)
    return [SparseTensor(outs[i], outs[num_split + i], outs[2 * num_split + i])
            for i in range(num_split)]


def sparse_slice(sp_input, start, size, name=None) -> SparseTensor:
    """`tf.sparse.slice`: SparseSlice."""
    sp_input = _convert_to_sparse_tensor(sp_input)
    start = convert_to_tensor(start, _i64)
    size = convert_to_tensor(size, _i64)
    with name_scope(name, "SparseSlice", [sp_input]) as name:
        rank = _rank(sp_input)
        ind, val, shp = _op("SparseSlice", name,
                            _sp_inputs(sp_input) + [(start, "start", _i64),
                                                    (size, "size", _i64)],
                            [(_i64, [None, rank]), (sp_input.dtype, [None]), (_i64, [rank])])
        return SparseTensor(ind, val, shp)


def serialize_sparse(sp_input, name=None, out_type=_dtypes.string) -> Tensor:
    """`tf.serialize_sparse`: SerializeSparse, a [3] vector."""
    sp_input = _convert_to_sparse_tensor(sp_input)
    return _op("SerializeSparse", name, _sp_inputs(sp_input, "sparse_"),
               [(_dtypes.as_dtype(out_type), [3])], {"out_type": _dtypes.as_dtype(out_type)})


def serialize_many_sparse(sp_input, name=None, out_type=_dtypes.string) -> Tensor:
    """`tf.serialize_many_sparse`: SerializeManySparse, [N, 3]."""
    sp_input = _convert_to_sparse_tensor(sp_input)
    n = _dim(_shape_from_tensor(sp_input.dense_shape), 0)
    return _op("SerializeManySparse", name, _sp_inputs(sp_input, "sparse_"),
               [(_dtypes.as_dtype(out_type), [n, 3])], {"out_type": _dtypes.as_dtype(out_type)})


def deserialize_many_sparse(serialized_sparse, dtype, rank=None, name=None) -> SparseTensor:
    """`tf.deserialize_many_sparse`: DeserializeManySparse of an [N, 3] string matrix."""
    dtype = _dtypes.as_dtype(dtype)
    ind, val, shp = _op("DeserializeManySparse", name,
                        [(serialized_sparse, "serialized_sparse", _dtypes.string)],
                        [(_i64, [None, rank]), (dtype, [None]), (_i64, [rank])],
                        {"dtype": dtype})
    return SparseTensor(ind, val, shp)


# ----------------------------------------------------------------- merging, indicators

def sparse_merge(sp_ids, sp_values, vocab_size, name=None, already_sorted=False):
    """`tf.sparse_merge` (v1): ids as the new last dimension(s) of the values' indices."""
    return _sparse_merge_impl(sp_ids, sp_values, vocab_size, name, already_sorted)


def _sparse_merge_impl(sp_ids, sp_values, vocab_size, name=None, already_sorted=False):
    if isinstance(sp_ids, (SparseTensorValue, SparseTensor)):
        sp_ids = [sp_ids]
        if not isinstance(vocab_size, (Tensor, numbers.Integral)):
            raise TypeError(f"vocab_size has to be a Tensor or Python int. Found "
                            f"{type(vocab_size)}")
        vocab_size = [vocab_size]
    else:
        if not hasattr(sp_ids, "__iter__"):
            raise TypeError(f"sp_ids has to be a SparseTensor or list thereof. Found "
                            f"{type(sp_ids)}")
        if not hasattr(vocab_size, "__iter__"):
            raise TypeError(f"vocab_size has to be a list of Tensors or Python ints. Found "
                            f"{type(vocab_size)}")
        for dim in vocab_size:
            if not isinstance(dim, (Tensor, numbers.Integral)):
                raise TypeError(f"vocab_size has to be a list of Tensors or Python ints. "
                                f"Found {type(dim)}")
    if len(sp_ids) != len(vocab_size):
        raise ValueError("sp_ids and vocab_size have to have equal lengths.")
    with name_scope(name, "SparseMerge", [sp_ids, sp_values]):
        sp_ids = [_convert_to_sparse_tensor(s) for s in sp_ids]
        sp_values = _convert_to_sparse_tensor(sp_values)
        ids = []
        for s in sp_ids:
            ids_dim = s.values
            if s.dtype != _i64:
                ids_dim = math_ops.cast(ids_dim, _i64)
            ids += [array_ops.expand_dims(ids_dim, axis=1)]
        vocab_size = [math_ops.cast(x, _i64) for x in vocab_size]
        indices_columns_to_preserve = sp_ids[0].indices[:, :-1]
        new_indices = array_ops.concat([indices_columns_to_preserve] + ids, 1)
        new_values = sp_values.values
        new_shape = array_ops.concat([sp_ids[0].dense_shape[:-1], vocab_size], 0)
        result = SparseTensor(new_indices, new_values, new_shape)
        if already_sorted:
            return result
        sorted_result = sparse_reorder(result)
        return SparseTensor(sorted_result.indices, sorted_result.values, new_shape)


def sparse_to_indicator(sp_input, vocab_size, name=None) -> Tensor:
    """`tf.sparse_to_indicator`: a dense bool tensor, True at (row..., id)."""
    sp_input = _convert_to_sparse_tensor(sp_input)
    with name_scope(name, "SparseToIndicator", [sp_input]) as name:
        num_entries = array_ops.shape(sp_input.indices)[0]
        new_values = array_ops.fill(array_ops.expand_dims(num_entries, 0), True)
        new_values.set_shape([_dim(sp_input.indices.shape, 0)])  # (TF folds a known count)
        sp_values = SparseTensor(sp_input.indices, new_values, sp_input.dense_shape)
        sp_new = _sparse_merge_impl(sp_input, sp_values, vocab_size, name)
        return sparse_tensor_to_dense(sp_new, default_value=False, validate_indices=False,
                                      name=name)
