"""Arithmetic, comparisons, reductions and matmul (`math_ops.py`), and Tensor's operators.

Operators build what TF's `binary_op_wrapper` builds (`x + y` is an AddV2 op in a
name scope `add`, its Python operand a Const `add/y` of the tensor's dtype);
the functional forms build what TF's generated wrappers build (`tf.add` is an op
named `Add`). Ops without a kernel here (MatMul, reductions, ...) are built for
graph structure, with TF's static shapes.
"""

from __future__ import annotations

import numpy as np

from ..framework import dtypes as _dtypes
from ..framework.constant_op import constant, convert_to_tensor
from ..framework.op_def_library import check_input_dtypes
from ..framework.ops import Tensor, _graph_of, get_default_graph, name_scope
from ..framework.tensor_shape import TensorShape


def _is_tensor(v):
    return isinstance(v, Tensor) or hasattr(v, "_as_graph_tensor")


def _operands(x, y, reverse):
    """Tensors for a binary op: a Python/NumPy operand takes the tensor's dtype;
    two tensors keep theirs, and the op reports a mismatch (TypeError), as in TF."""
    def conv(v, other, name):
        if _is_tensor(v):
            return convert_to_tensor(v)
        return convert_to_tensor(v, dtype=other.dtype, name=name)
    if reverse or (_is_tensor(y) and not _is_tensor(x)):
        y = convert_to_tensor(y)
        return conv(x, y, "x"), y
    # two Python operands: TF's op builder names the first Const after its input, `x`
    x = convert_to_tensor(x) if _is_tensor(x) else convert_to_tensor(x, name="x")
    if _is_tensor(y):
        return x, convert_to_tensor(y)
    if get_default_graph()._target.seed_rule != "last_id":
        return x, conv(y, x, "y")
    # TF 1.15's operator wrapper: the operand only prefers the tensor's dtype; the op's
    # type check then reports a mismatch
    return x, convert_to_tensor(y, preferred_dtype=x.dtype, name="y")


def _check_same(op_type, x, y):
    if x.dtype.base_dtype != y.dtype.base_dtype:
        raise TypeError(f"Input 'y' of '{op_type}' Op has type {y.dtype.name} that does not "
                        f"match type {x.dtype.name} of argument 'x'.")


def _binary(op_type, op_name, x, y, reverse=False, name=None):
    """A binary op in a name scope; the Python operand takes the tensor's dtype."""
    g = _graph_of(x, y)
    with g.as_default(), g.name_scope(op_name if name is None else name) as scope:
        x, y = _operands(x, y, reverse)
        check_input_dtypes(op_type, (x,))
        _check_same(op_type, x, y)
        return g._create_op(op_type, (x, y), scope, shape=_shape_hint(x, y)).outputs[0]


def _shape_hint(x, y):
    try:
        return _broadcast_shape(x.shape, y.shape)
    except ValueError:
        return None  # the op reports the mismatch


#: TF's `_TRUEDIV_TABLE`: the float dtype integers are divided in (None: as they are).
_TRUEDIV_TABLE = {"uint8": "float32", "int8": "float32", "uint16": "float32",
                  "int16": "float32", "int32": "float64", "int64": "float64",
                  "bfloat16": None, "float16": None, "float32": None, "float64": None,
                  "complex64": None, "complex128": None}


def _truediv(x, y, reverse=False, name=None, default="truediv", standalone=False):
    """`x / y`: integers are cast to a float dtype first (TF's `_TRUEDIV_TABLE`).
    `standalone`: `tf.truediv` itself (TF's `_truediv_python3`), which converts `y` on its
    own (TF 2.x: preferring x's dtype) rather than to the tensor operand's dtype."""
    g = _graph_of(x, y)
    tf1 = g._target.seed_rule == "last_id"
    with g.as_default(), g.name_scope(default if name is None else name) as scope:
        if standalone:
            x = convert_to_tensor(x, name="x")
            y = convert_to_tensor(y, name="y", preferred_dtype=None if tf1 else x.dtype)
        else:
            x, y = _operands(x, y, reverse)
        if x.dtype.base_dtype != y.dtype.base_dtype:
            if not tf1:
                raise TypeError(f"`x` and `y` must have the same dtype, got "
                                f"{x.dtype.base_dtype!r} != {y.dtype.base_dtype!r}.")
            raise TypeError(f"x and y must have the same dtype, got {x.dtype.base_dtype!r} != "
                            f"{y.dtype.base_dtype!r}")
        name_ = x.dtype.base_dtype.name
        if name_ not in _TRUEDIV_TABLE:
            raise TypeError(f"Invalid dtype {x.dtype.base_dtype!r} in __truediv__")
        if _TRUEDIV_TABLE[name_] is not None:
            x = cast(x, _TRUEDIV_TABLE[name_])
            y = cast(y, _TRUEDIV_TABLE[name_])
        return g._create_op("RealDiv", (x, y), scope, shape=_shape_hint(x, y)).outputs[0]


def add(x, y, name=None):
    """`tf.add`: TF 1.15's generated `Add` op (TF 2.x builds AddV2), named `Add`."""
    op_type = "AddV2" if get_default_graph()._target.uniform_skips_unit_scaling else "Add"
    return _binary(op_type, "Add", x, y, name=name)


def _add_scoped(x, y, name):
    """`math_ops.add(x, y, name=scope)` as TF's random ops call it."""
    op_type = "AddV2" if get_default_graph()._target.uniform_skips_unit_scaling else "Add"
    g = get_default_graph()
    return g._create_op(op_type, (x, y), name).outputs[0]


def subtract(x, y, name=None):
    """`tf.subtract`: TF's generated wrapper (x's dtype, else y's conversion, decides)."""
    from ..framework.op_def_library import apply_op_helper

    return apply_op_helper("Sub", name=name, x=x, y=y).outputs[0]


def multiply(x, y, name=None):
    """`tf.multiply`: TF's generated wrapper, as `subtract`."""
    from ..framework.op_def_library import apply_op_helper

    return apply_op_helper("Mul", name=name, x=x, y=y).outputs[0]


def divide(x, y, name=None):
    if name is None and _graph_of(x, y)._target.uniform_skips_unit_scaling:
        # TF 2.x: `x / y` after converting a Python x (a variable is read by its
        # operator, outside the `truediv` scope)
        if not isinstance(x, Tensor) and not hasattr(x, "_as_graph_tensor"):
            x = convert_to_tensor(x, dtype=y.dtype.base_dtype if isinstance(y, Tensor)
                                  else None)
        return x / y
    return _truediv(x, y, name=name)


def div(x, y, name=None):
    """`tf.div` (TF's `_div_python2`, Python 2's `/`): RealDiv of floats and complex
    numbers, FloorDiv of integers (no cast); `y` takes `x`'s dtype."""
    g = _graph_of(x, y)
    with g.as_default(), g.name_scope(name or "div") as scope:
        x = convert_to_tensor(x, name="x")
        y = convert_to_tensor(y, name="y", dtype=x.dtype.base_dtype)
        dt = x.dtype.base_dtype
        if dt != y.dtype.base_dtype:
            raise TypeError(f"x and y must have the same dtype, got {dt!r} != "
                            f"{y.dtype.base_dtype!r}")
        op_type = "RealDiv" if dt.is_floating or dt.is_complex else "FloorDiv"
        return g._create_op(op_type, (x, y), scope, shape=_shape_hint(x, y)).outputs[0]


def truediv(x, y, name=None):
    return _truediv(x, y, name=name, standalone=True)


def floordiv(x, y, name=None):
    return _binary("FloorDiv", "floordiv", x, y, name=name)


def floormod(x, y, name=None):
    """`tf.floormod` / `tf.mod`: TF's generated FloorMod (`x % y` is scoped `mod`)."""
    return _binary("FloorMod", "FloorMod", x, y, name=name)


def maximum(x, y, name=None):
    """`tf.maximum`: TF's generated wrapper (y converted to x's dtype, TF's messages)."""
    from ..framework.op_def_library import apply_op_helper

    return apply_op_helper("Maximum", name=name, x=x, y=y).outputs[0]


def minimum(x, y, name=None):
    from ..framework.op_def_library import apply_op_helper

    return apply_op_helper("Minimum", name=name, x=x, y=y).outputs[0]


def squared_difference(x, y, name=None):
    return _structural_binary("SquaredDifference", x, y, name)


def pow(x, y, name=None):  # noqa: A001 - TF's name
    return _structural_binary("Pow", x, y, name)


def _compare(op_type, x, y, name=None):
    g = _graph_of(x, y)
    with g.as_default(), g.name_scope(op_type if name is None else name) as scope:
        x, y = _operands(x, y, False)
        check_input_dtypes(op_type, (x,))
        return g._create_op(op_type, (x, y), scope, shape=_shape_hint(x, y)).outputs[0]


def greater(x, y, name=None):
    return _compare("Greater", x, y, name)


def greater_equal(x, y, name=None):
    return _compare("GreaterEqual", x, y, name)


def less(x, y, name=None):
    return _compare("Less", x, y, name)


def less_equal(x, y, name=None):
    return _compare("LessEqual", x, y, name)


def equal(x, y, name=None):
    return _structural_binary("Equal", x, y, name, _dtypes.bool)


def not_equal(x, y, name=None):
    return _structural_binary("NotEqual", x, y, name, _dtypes.bool)


def _broadcast_shape(a, b):
    if a.rank is None or b.rank is None:
        return TensorShape(None)
    a, b = a.as_list(), b.as_list()
    n = max(len(a), len(b))
    a = [1] * (n - len(a)) + a
    b = [1] * (n - len(b)) + b
    out = []
    for da, db in zip(a, b):
        if da == 1:
            out.append(db)
        elif db == 1:
            out.append(da)
        elif da is None or db is None:
            out.append(da if db is None else db)
        elif da == db:
            out.append(da)
        else:
            raise ValueError(f"Dimensions must be equal, but are {da} and {db}")
    return TensorShape(out)


def _structural_binary(op_type, x, y, name, out_dtype=None):
    """TF's generated wrapper of a binary op: x's dtype (a tensor's, else its own
    conversion's) decides, y converts to it, with the op builder's checks and words."""
    from ..framework.op_def_library import apply_op_helper

    return apply_op_helper(op_type, name=name, x=x, y=y).outputs[0]


def _operator_binary(op_type, x, y, name):
    """`x ** y` and friends: TF's operator wrapper converts the Python operand to the
    tensor's dtype inside the scope, then builds the op."""
    g = _graph_of(x, y)
    with g.as_default(), g.name_scope(name) as scope:
        x, y = _operands(x, y, False)
        check_input_dtypes(op_type, (x,))
        _check_same(op_type, x, y)
        return g._create_op(op_type, (x, y), scope, dtype=x.dtype,
                            shape=_broadcast_shape(x.shape, y.shape)).outputs[0]


def negative(x, name=None):
    g = _graph_of(x)
    with g.as_default():
        x = convert_to_tensor(x)
        check_input_dtypes("Neg", (x,))
        return g._create_op("Neg", (x,), name or "Neg").outputs[0]


def unary(op_type, x, name=None, default=None):
    """An element-wise op of one input (Relu, Tanh, Square, ...), named like TF's wrapper."""
    g = _graph_of(x)
    with g.as_default():
        if not isinstance(x, Tensor):
            # As TF's wrapper: a Python value becomes `<op>/x`, a resource variable's read
            # `<op>/ReadVariableOp`, inside the op's scope.
            with name_scope(name or default or op_type) as scope:
                x = convert_to_tensor(x, name="x")
                return g._create_op(op_type, (x,), scope, dtype=x.dtype,
                                    shape=x.shape).outputs[0]
        x = convert_to_tensor(x, name="x")
        check_input_dtypes(op_type, (x,))
        return g._create_op(op_type, (x,), name or default or op_type, dtype=x.dtype,
                            shape=x.shape).outputs[0]


def square(x, name=None):
    return unary("Square", x, name)


def sqrt(x, name=None):
    return unary("Sqrt", x, name)


def rsqrt(x, name=None):
    return unary("Rsqrt", x, name)


def exp(x, name=None):
    return unary("Exp", x, name)


def log(x, name=None):
    return unary("Log", x, name)


def abs(x, name=None):  # noqa: A001 - TF's name
    with name_scope(name, "Abs", [x]) as scope:
        x = convert_to_tensor(x, name="x")
        if x.dtype.is_complex:
            from ..framework.op_def_library import apply_op_helper

            return apply_op_helper("ComplexAbs", name=scope, x=x,
                                   Tout=x.dtype.real_dtype).outputs[0]
        return unary("Abs", x, scope)


def floor(x, name=None):
    return unary("Floor", x, name)


def sigmoid(x, name=None):
    with name_scope(name, "Sigmoid", [x]) as scope:
        return unary("Sigmoid", x, scope)


def tanh(x, name=None):
    with name_scope(name, "Tanh", [x]) as scope:
        return unary("Tanh", x, scope)


def cast(x, dtype, name=None):
    """`tf.cast`: a tensor of the dtype already passes through; anything else (a Python
    value, a variable) is converted inside a `Cast` name scope, as TF does."""
    dtype = _dtypes.as_dtype(dtype).base_dtype
    if (isinstance(x, Tensor) or getattr(x, "_is_resource", False)) and x.dtype == dtype:
        return x  # (TF passes a resource variable of the dtype on unread, too)
    if type(x).__name__ == "SparseTensor":  # a SparseTensor's values are cast (issue 16)
        from ..framework.sparse_tensor import SparseTensor

        with name_scope(name, "Cast", [x]) as scope:
            return SparseTensor(x.indices, cast(x.values, dtype, name=scope), x.dense_shape)
    g = _graph_of(x)
    with g.as_default(), name_scope(name, "Cast", [x]) as scope:
        x = convert_to_tensor(x, name="x")
        if x.dtype == dtype:
            return x
        return g._create_op("Cast", (x,), scope, dtype=dtype).outputs[0]


def to_float(x, name="ToFloat"):
    return cast(x, _dtypes.float32, name=name)


def to_int32(x, name="ToInt32"):
    return cast(x, _dtypes.int32, name=name)


def to_int64(x, name="ToInt64"):
    return cast(x, _dtypes.int64, name=name)


def matmul(a, b, transpose_a=False, transpose_b=False, adjoint_a=False, adjoint_b=False,
           a_is_sparse=False, b_is_sparse=False, name=None):
    """`tf.matmul`: MatMul (rank 2) or BatchMatMulV2, for graph structure."""
    with name_scope(name, "MatMul", [a, b]) as scope:
        a = convert_to_tensor(a, name="a")
        b = convert_to_tensor(b, name="b", dtype=a.dtype)
        ta, tb = transpose_a or adjoint_a, transpose_b or adjoint_b
        sa, sb = a.shape, b.shape
        if sa.rank is not None and sa.rank <= 2 and sb.rank is not None and sb.rank <= 2:
            m = None if sa.rank is None else sa.as_list()[0 if not ta else 1]
            n = None if sb.rank is None else sb.as_list()[1 if not tb else 0]
            return get_default_graph()._create_op(
                "MatMul", (a, b), scope, dtype=a.dtype, shape=[m, n],
                attrs={"transpose_a": ta, "transpose_b": tb}).outputs[0]
        # Unknown ranks too (TF 1.15's test): the static shape is BatchMatMulV2's
        # shape function's.
        return get_default_graph()._create_op(
            "BatchMatMulV2", (a, b), scope, dtype=a.dtype,
            attrs={"adj_x": ta, "adj_y": tb}).outputs[0]


def _reduction(op_type, input_tensor, axis, keepdims, name, out_dtype=None):
    """TF's reductions: axis None reduces all (a `Const` built before the op's scope)."""
    g = _graph_of(input_tensor)
    with g.as_default():
        if axis is not None and hasattr(input_tensor, "_as_graph_tensor"):
            x = None  # a variable: the generated op reads it inside its scope
        else:
            x = convert_to_tensor(input_tensor)
        tf2_scalar = x is not None and x.shape.rank == 0 and \
            g._target.uniform_skips_unit_scaling
        if axis is None and (x.shape.rank is None or tf2_scalar
                             or not isinstance(input_tensor, Tensor)):
            # TF's _ReductionDims: Range(0, Rank(x)) when the rank is not known, or when
            # x is not a Tensor (a Variable: TF's common_shapes.rank gives None); TF 2.x:
            # also when the rank is 0, its `if x_rank:` being false.
            from .array_ops import range as _range
            from .array_ops import rank as _rank

            axes = list(range(x.shape.rank)) if x.shape.rank is not None else None
            axis_t = _range(0, _rank(x))
        elif axis is None:
            axes = list(range(x.shape.rank))
            axis_t = constant(np.arange(x.shape.rank, dtype=np.int32), name="Const")
        else:
            axes = axis if isinstance(axis, (list, tuple)) else [axis]
            axes = [int(a) for a in axes] if all(isinstance(a, (int, np.integer))
                                                 for a in axes) else None
            axis_t = None
        with g.name_scope(op_type if name is None else name) as scope:
            if x is None:
                x = convert_to_tensor(input_tensor)
            if axis_t is None:
                axis_t = convert_to_tensor(axis, dtype=_dtypes.int32, name="reduction_indices")
            # TF's _may_reduce_to_scalar: reducing everything without keepdims is a scalar.
            shape = TensorShape([] if axis is None and not keepdims else None)
            if x.shape.rank is not None and axes is not None:
                r = x.shape.rank
                red = {a % r for a in axes} if r else set()
                dims = x.shape.as_list()
                shape = TensorShape([1 if i in red else d for i, d in enumerate(dims)]
                                    if keepdims else
                                    [d for i, d in enumerate(dims) if i not in red])
            return g._create_op(op_type, (x, axis_t), scope, dtype=out_dtype or x.dtype,
                                shape=shape, attrs={"keep_dims": bool(keepdims)},
                                ints=[int(bool(keepdims))]).outputs[0]


def _keep(keepdims, keep_dims):
    return bool(keep_dims if keepdims is None and keep_dims is not None else keepdims)


def reduce_sum(input_tensor, axis=None, keepdims=None, name=None, reduction_indices=None,
               keep_dims=None):
    axis = reduction_indices if axis is None else axis
    return _reduction("Sum", input_tensor, axis, _keep(keepdims, keep_dims), name)


def reduce_mean(input_tensor, axis=None, keepdims=None, name=None, reduction_indices=None,
                keep_dims=None):
    axis = reduction_indices if axis is None else axis
    return _reduction("Mean", input_tensor, axis, _keep(keepdims, keep_dims), name)


def reduce_max(input_tensor, axis=None, keepdims=None, name=None, reduction_indices=None,
               keep_dims=None):
    axis = reduction_indices if axis is None else axis
    return _reduction("Max", input_tensor, axis, _keep(keepdims, keep_dims), name)


def reduce_min(input_tensor, axis=None, keepdims=None, name=None, reduction_indices=None,
               keep_dims=None):
    axis = reduction_indices if axis is None else axis
    return _reduction("Min", input_tensor, axis, _keep(keepdims, keep_dims), name)


def reduce_prod(input_tensor, axis=None, keepdims=None, name=None, reduction_indices=None,
                keep_dims=None):
    axis = reduction_indices if axis is None else axis
    return _reduction("Prod", input_tensor, axis, _keep(keepdims, keep_dims), name)


def div_no_nan(x, y, name=None):
    with name_scope(name, "div_no_nan", [x, y]) as scope:
        x = convert_to_tensor(x, name="x")
        y = convert_to_tensor(y, name="y", dtype=x.dtype)
        return get_default_graph()._create_op("DivNoNan", (x, y), scope, dtype=x.dtype,
                                              shape=_broadcast_shape(x.shape, y.shape)
                                              ).outputs[0]


def add_n(inputs, name=None):
    inputs = [convert_to_tensor(i) for i in inputs]
    if len(inputs) == 1:
        # TF returns a lone input itself; an Identity only when a name is given.
        if not name:
            return inputs[0]
        from .array_ops import identity

        return identity(inputs[0], name=name)
    from .gen import apply_op

    return apply_op("AddN", name, [(i, f"inputs_{k}", None) for k, i in enumerate(inputs)],
                    dtype=inputs[0].dtype, shape=inputs[0].shape)


def reduce_all(input_tensor, axis=None, keepdims=None, name=None, reduction_indices=None,
               keep_dims=None):
    axis = reduction_indices if axis is None else axis
    return _reduction("All", input_tensor, axis, _keep(keepdims, keep_dims), name)


def reduce_any(input_tensor, axis=None, keepdims=None, name=None, reduction_indices=None,
               keep_dims=None):
    axis = reduction_indices if axis is None else axis
    return _reduction("Any", input_tensor, axis, _keep(keepdims, keep_dims), name)


def argmax(input, axis=None, name=None, dimension=None, output_type=_dtypes.int64):  # noqa: A002
    axis = dimension if axis is None else axis
    axis = 0 if axis is None else axis
    g = _graph_of(input)
    with g.as_default(), g.name_scope("ArgMax" if name is None else name) as scope:
        x = convert_to_tensor(input, name="input")
        d = convert_to_tensor(axis, dtype=_dtypes.int32, name="dimension")
        shape = TensorShape(None)
        if x.shape.rank is not None and isinstance(axis, int):
            dims = x.shape.as_list()
            del dims[axis % len(dims)]
            shape = TensorShape(dims)
        return g._create_op("ArgMax", (x, d), scope, dtype=output_type, shape=shape).outputs[0]


def _tensordot_axes(a, axes):
    """TF's contraction axes of `a` and `b` (lists, or range tensors for an unknown rank)."""
    from . import array_ops

    rank = a.shape.rank
    if isinstance(axes, (int, np.integer)) and not isinstance(axes, bool):
        axes = int(axes)
        if axes < 0:
            raise ValueError("'axes' must be at least 0.")
        if rank is not None:
            if axes > rank:
                raise ValueError("'axes' must not be larger than the number of dimensions "
                                 f"of tensor {a}.")
            return list(range(rank - axes, rank)), list(range(axes))
        r = array_ops.rank(a)
        return (array_ops.range(r - axes, r, dtype=_dtypes.int32),
                array_ops.range(axes, dtype=_dtypes.int32))
    if isinstance(axes, (list, tuple)):
        if len(axes) != 2:
            raise ValueError("'axes' must be an integer or have length 2.")
        a_axes, b_axes = axes
        if isinstance(a_axes, (int, np.integer)) and isinstance(b_axes, (int, np.integer)):
            a_axes, b_axes = [a_axes], [b_axes]
        if len(a_axes) != len(b_axes):
            raise ValueError("Different number of contraction axes 'a' and 'b', "
                             f"{len(a_axes)} != {len(b_axes)}.")
        return a_axes, b_axes
    axes = convert_to_tensor(axes, name="axes", dtype=_dtypes.int32)
    return axes[0], axes[1]


def tensordot(a, b, axes, name=None):
    """`tf.tensordot` as TF 1.15 builds it: static reshapes when shapes are known, else
    Shape/GatherV2/Prod ops for the free and contracted dimensions."""
    from . import array_ops

    def reshape_for(x, ax, flipped=False):
        if x.shape.is_fully_defined() and isinstance(ax, (list, tuple)):
            sh = x.shape.as_list()
            ax = [i if i >= 0 else i + len(sh) for i in ax]
            free = [i for i in range(len(sh)) if i not in ax]
            free_dims = [sh[i] for i in free]
            prod_free = int(np.prod([sh[i] for i in free]))
            prod_axes = int(np.prod([sh[i] for i in ax]))
            perm = list(ax) + free if flipped else free + list(ax)
            new_shape = [prod_axes, prod_free] if flipped else [prod_free, prod_axes]
            if tf2:  # TF 2.x skips an identity transpose and a reshape to the same shape
                xt = x if perm == list(range(len(sh))) else array_ops.transpose(x, perm)
                xr = xt if xt.shape.as_list() == new_shape else array_ops.reshape(xt,
                                                                                  new_shape)
                return xr, free_dims, free_dims
            return array_ops.reshape(array_ops.transpose(x, perm), new_shape), free_dims, \
                free_dims
        if x.shape.rank is not None and isinstance(ax, (list, tuple)):
            sh = x.shape.as_list()
            ax = [i if i >= 0 else i + len(sh) for i in ax]
            free = [i for i in range(len(sh)) if i not in ax]
            static = [sh[i] for i in free]
            ax_t = convert_to_tensor(ax, dtype=_dtypes.int32, name="axes")
            free_t = convert_to_tensor(free, dtype=_dtypes.int32, name="free")
            shape_x = array_ops.shape(x)
        else:  # unknown rank or axes as a tensor: free axes by ListDiff, as TF does
            from .array_ops_ext import setdiff1d, where

            static = None
            shape_x = array_ops.shape(x)
            rank_x = array_ops.rank(x)
            ax_t = convert_to_tensor(ax, dtype=_dtypes.int32, name="axes")
            ax_t = where(ax_t >= 0, ax_t, ax_t + rank_x)
            free_t, _ = setdiff1d(array_ops.range(rank_x), ax_t)
        free_dims = array_ops.gather(shape_x, free_t)
        axes_dims = array_ops.gather(shape_x, ax_t)
        prod_free = reduce_prod(free_dims)
        prod_axes = reduce_prod(axes_dims)
        if flipped:
            perm = array_ops.concat([ax_t, free_t], 0)
            new_shape = array_ops.stack([prod_axes, prod_free])
        else:
            perm = array_ops.concat([free_t, ax_t], 0)
            new_shape = array_ops.stack([prod_free, prod_axes])
        return array_ops.reshape(array_ops.transpose(x, perm), new_shape), free_dims, static

    with name_scope(name, "Tensordot", [a, b, axes]) as scope:
        a = convert_to_tensor(a, name="a")
        b = convert_to_tensor(b, name="b")
        tf2 = a.graph._target.uniform_skips_unit_scaling
        a_axes, b_axes = _tensordot_axes(a, axes)
        a_r, a_free, a_static = reshape_for(a, a_axes)
        b_r, b_free, b_static = reshape_for(b, b_axes, True)
        ab = matmul(a_r, b_r)
        if isinstance(a_free, list) and isinstance(b_free, list):
            if tf2 and ab.shape.is_fully_defined() and ab.shape.as_list() == a_free + b_free:
                return ab
            return array_ops.reshape(ab, a_free + b_free, name=scope)
        a_free = convert_to_tensor(a_free, dtype=_dtypes.int32)
        b_free = convert_to_tensor(b_free, dtype=_dtypes.int32)
        product = array_ops.reshape(ab, array_ops.concat([a_free, b_free], 0), name=scope)
        if a_static is not None and b_static is not None:
            product.set_shape(a_static + b_static)
        return product


# ----------------------------------------------------------------- Tensor operators

def _install_operators():
    def binary(op_type, scope):
        return (lambda self, o: _binary(op_type, scope, self, o),
                lambda self, o: _binary(op_type, scope, o, self, reverse=True))

    def add_dispatch(x, y, reverse=False):
        # TF's `_add_dispatch`: strings concatenate with `Add`, the rest build AddV2.
        t = y if reverse else x
        op_type = "Add" if getattr(t, "dtype", None) == _dtypes.string else "AddV2"
        return _binary(op_type, "add", x, y, reverse=reverse)

    Tensor.__add__ = lambda self, o: add_dispatch(self, o)
    Tensor.__radd__ = lambda self, o: add_dispatch(o, self, reverse=True)
    Tensor.__sub__, Tensor.__rsub__ = binary("Sub", "sub")
    Tensor.__mul__, Tensor.__rmul__ = binary("Mul", "mul")
    Tensor.__floordiv__, Tensor.__rfloordiv__ = binary("FloorDiv", "floordiv")
    Tensor.__mod__, Tensor.__rmod__ = binary("FloorMod", "mod")
    Tensor.__pow__ = lambda self, o: _operator_binary("Pow", self, o, "pow")
    Tensor.__rpow__ = lambda self, o: _operator_binary("Pow", o, self, "pow")
    Tensor.__truediv__ = lambda self, o: _truediv(self, o)
    Tensor.__rtruediv__ = lambda self, o: _truediv(o, self, reverse=True)
    Tensor.__neg__ = lambda self: negative(self)
    Tensor.__pos__ = lambda self: self
    Tensor.__abs__ = lambda self: abs(self)
    Tensor.__gt__ = lambda self, o: greater(self, o)
    Tensor.__ge__ = lambda self, o: greater_equal(self, o)
    Tensor.__lt__ = lambda self, o: less(self, o)
    Tensor.__le__ = lambda self, o: less_equal(self, o)

    def wrapped(fn, op_name):
        """TF's `binary_op_wrapper` / `r_binary_op_wrapper`: the Python operand becomes
        `y` (or `x`) inside an `op_name` scope whose name the op takes."""
        def forward(self, o):
            g = _graph_of(self, o)
            with g.as_default(), g.name_scope(op_name) as scope:
                if not isinstance(o, Tensor):
                    o = convert_to_tensor(o, dtype_hint=self.dtype.base_dtype, name="y")
                return fn(self, o, name=scope)

        def reverse(self, o):
            g = _graph_of(self, o)
            with g.as_default(), g.name_scope(op_name) as scope:
                o = convert_to_tensor(o, dtype=self.dtype.base_dtype, name="x")
                return fn(o, self, name=scope)

        return forward, reverse

    from . import math_ops_ext as ext

    Tensor.__matmul__, Tensor.__rmatmul__ = wrapped(matmul, "matmul")
    Tensor.__and__, Tensor.__rand__ = wrapped(ext.logical_and, "and")
    Tensor.__or__, Tensor.__ror__ = wrapped(ext.logical_or, "or")
    Tensor.__xor__, Tensor.__rxor__ = wrapped(ext.logical_xor, "xor")
    Tensor.__invert__ = lambda self: ext.logical_not(self)


_install_operators()
