"""TF 1.15's `map_fn`, `foldl`, `foldr` and `scan` (`map_fn.py`, `functional_ops.py`):
TensorArrays unstacked from the elements, a `while_loop` over them, results stacked —
the ops TF 1.15 builds, in its order, with its static shapes."""

from __future__ import annotations

from ..framework import dtypes as _dtypes
from ..framework.constant_op import constant, convert_to_tensor
from ..framework.ops import name_scope
from ..framework.tensor_shape import Dimension, TensorShape
from ..python.util import nest
from .array_ops import shape as _shape
from .tensor_array_ops import TensorArray
from .variable_scope import get_variable_scope
from .while_loop import while_loop

__all__ = ["map_fn", "foldl", "foldr", "scan", "hessians", "switch_case"]


class _CachingDevice:
    """TF sets the variable scope's caching device to the op's own device while
    building the loop (variables read inside it are cached where they are used)."""

    def __enter__(self):
        self.scope = get_variable_scope()
        self.was_none = self.scope.caching_device is None
        if self.was_none:
            self.scope.set_caching_device(lambda op: op.device)
        return self

    def __exit__(self, *exc):
        if self.was_none:
            self.scope.set_caching_device(None)


def _first_dim(t):
    d = t.shape[0].value if t.shape.rank is not None else None
    return d or _shape(t)[0]


def _n_static(elems_flat):
    def dim(e):
        s = e.shape.with_rank_at_least(1)
        return Dimension(s[0].value if s.rank is not None else None)
    n = dim(elems_flat[0])
    for e in elems_flat[1:]:
        n.merge_with(dim(e))
    return n


def _structure(elems):
    is_seq = nest.is_sequence(elems)
    return ((lambda x: nest.flatten(x) if is_seq else [x]),
            (lambda x: nest.pack_sequence_as(elems, x) if is_seq else x[0]))


def map_fn(fn, elems, dtype=None, parallel_iterations=None, back_prop=True, swap_memory=False,
           infer_shape=True, name=None):
    """`tf.map_fn`: `fn` on each row, through TensorArrays and a while loop."""
    if not callable(fn):
        raise TypeError("fn must be callable.")
    from ..framework.sparse_tensor import SparseTensor

    if isinstance(elems, SparseTensor):
        raise TypeError(
            "To perform a map on the values of a sparse tensor use either "
            " SparseTensor(input.indices, fn(input.values), input.dense_shape) or "
            " SparseTensor(input.indices, map_fn(fn, input.values), input.dense_shape)")
    parallel_iterations = parallel_iterations or 10
    input_flatten, input_pack = _structure(elems)
    if dtype is None:
        output_flatten, output_pack = input_flatten, input_pack
    else:
        output_flatten, output_pack = _structure(dtype)
    elems_flat = input_flatten(elems)
    with name_scope(name, "map", elems_flat), _CachingDevice():
        elems_flat = [convert_to_tensor(e, name="elem") for e in elems_flat]
        dtype = dtype or input_pack([e.dtype for e in elems_flat])
        dtype_flat = output_flatten(dtype)
        static = elems_flat[0].shape
        if static.rank is not None and static.rank < 1:
            if len(elems_flat) == 1:
                raise ValueError("elems must be a 1+ dimensional Tensor, not a scalar")
            raise ValueError("elements in elems must be 1+ dimensional Tensors, not scalars")
        n = _first_dim(elems_flat[0])
        elems_ta = [TensorArray(dtype=e.dtype, size=n, dynamic_size=False, infer_shape=True)
                    for e in elems_flat]
        elems_ta = [ta.unstack(e) for ta, e in zip(elems_ta, elems_flat)]
        i = constant(0)
        accs_ta = [TensorArray(dtype=dt, size=n, dynamic_size=False, infer_shape=infer_shape)
                   for dt in dtype_flat]

        def compute(i, tas):
            packed = input_pack([ta.read(i) for ta in elems_ta])
            values = fn(packed)
            nest.assert_same_structure(dtype or elems, values)
            tas = [ta.write(i, v) for ta, v in zip(tas, output_flatten(values))]
            return i + 1, tas

        _, r_a = while_loop(lambda i, _: i < n, compute, (i, accs_ta),
                            parallel_iterations=parallel_iterations, back_prop=back_prop,
                            swap_memory=swap_memory, maximum_iterations=n)
        results = [r.stack() for r in r_a]
        n_static = _n_static(elems_flat)
        for r in results:
            r.set_shape(TensorShape([n_static]).concatenate(r.shape[1:]))
        return output_pack(results)


def _fold(fn, elems, initializer, parallel_iterations, back_prop, swap_memory, name, scope,
          right):
    if not callable(fn):
        raise TypeError("fn must be callable.")
    with name_scope(name, scope, [elems]), _CachingDevice():
        elems_flat = [convert_to_tensor(e, name="elem") for e in nest.flatten(elems)]
        n = _first_dim(elems_flat[0])
        elems_ta = nest.map_structure(
            lambda e: TensorArray(dtype=e.dtype, size=n, dynamic_size=False,
                                  infer_shape=True).unstack(e), elems)
        if right:
            if initializer is None:
                i = n - 1
                a = nest.map_structure(lambda e: e.read(i), elems_ta)
            else:
                i, a = n, initializer

            def compute(i, a):
                i -= 1
                return [i, fn(a, nest.map_structure(lambda e: e.read(i), elems_ta))]

            def cond(i, a):
                return i > 0
        else:
            if initializer is None:
                a = nest.map_structure(lambda e: e.read(0), elems_ta)
                i = constant(1)
            else:
                a, i = initializer, constant(0)

            def compute(i, a):
                a = fn(a, nest.map_structure(lambda e: e.read(i), elems_ta))
                return [i + 1, a]

            def cond(i, a):
                return i < n
        _, r_a = while_loop(cond, compute, [i, a], parallel_iterations=parallel_iterations,
                            back_prop=back_prop, swap_memory=swap_memory,
                            maximum_iterations=n)
        return r_a


def foldl(fn, elems, initializer=None, parallel_iterations=10, back_prop=True,
          swap_memory=False, name=None):
    """`tf.foldl`: a left fold through a while loop."""
    return _fold(fn, elems, initializer, parallel_iterations, back_prop, swap_memory, name,
                 "foldl", False)


def foldr(fn, elems, initializer=None, parallel_iterations=10, back_prop=True,
          swap_memory=False, name=None):
    """`tf.foldr`: a right fold through a while loop."""
    return _fold(fn, elems, initializer, parallel_iterations, back_prop, swap_memory, name,
                 "foldr", True)


def scan(fn, elems, initializer=None, parallel_iterations=10, back_prop=True,
         swap_memory=False, infer_shape=True, reverse=False, name=None):
    """`tf.scan`: the running fold, every step written to a TensorArray and stacked."""
    if not callable(fn):
        raise TypeError("fn must be callable.")
    input_flatten, input_pack = _structure(elems)
    if initializer is None:
        output_flatten, output_pack = input_flatten, input_pack
    else:
        output_flatten, output_pack = _structure(initializer)
    elems_flat = input_flatten(elems)
    with name_scope(name, "scan", elems_flat), _CachingDevice():
        elems_flat = [convert_to_tensor(e, name="elem") for e in elems_flat]
        n = elems_flat[0].shape[0].value if elems_flat[0].shape.rank is not None else None
        if n is None:
            n = _shape(elems_flat[0])[0]
        elems_ta = [TensorArray(dtype=e.dtype, size=n, dynamic_size=False,
                                element_shape=e.shape[1:], infer_shape=True)
                    for e in elems_flat]
        elems_ta = [ta.unstack(e) for ta, e in zip(elems_ta, elems_flat)]
        if initializer is None:
            a_flat = [ta.read(n - 1 if reverse else 0) for ta in elems_ta]
            i = 1
        else:
            a_flat = [convert_to_tensor(x) for x in output_flatten(initializer)]
            i = 0
        accs_ta = [TensorArray(dtype=a.dtype, size=n,
                               element_shape=a.shape if infer_shape else None,
                               dynamic_size=False, infer_shape=infer_shape) for a in a_flat]
        if initializer is None:
            accs_ta = [ta.write(n - 1 if reverse else 0, a) for ta, a in zip(accs_ta, a_flat)]

        def compute(i, a_flat, tas):
            packed_elems = input_pack([ta.read(i) for ta in elems_ta])
            a_out = fn(output_pack(a_flat), packed_elems)
            nest.assert_same_structure(elems if initializer is None else initializer, a_out)
            flat_out = output_flatten(a_out)
            tas = [ta.write(i, v) for ta, v in zip(tas, flat_out)]
            return (i - 1 if reverse else i + 1), flat_out, tas

        if reverse:
            initial_i = n - 1 - i

            def condition(i, _1, _2):
                return i >= 0
        else:
            initial_i = i

            def condition(i, _1, _2):
                return i < n
        _, _, r_a = while_loop(condition, compute, (initial_i, a_flat, accs_ta),
                               parallel_iterations=parallel_iterations, back_prop=back_prop,
                               swap_memory=swap_memory, maximum_iterations=n)
        results = [r.stack() for r in r_a]
        n_static = _n_static(elems_flat)
        for r in results:
            r.set_shape(TensorShape([n_static]).concatenate(r.shape[1:]))
        return output_pack(results)


def hessians(ys, xs, name="hessians", colocate_gradients_with_ops=False, gate_gradients=False,
             aggregation_method=None):
    """`tf.hessians`: the gradient, then a while loop taking the gradient of each of its
    elements (written to a TensorArray), reshaped to shape(x) + shape(x)."""
    from .array_ops import concat, reshape, size
    from .gradients_impl import gradients

    xs = list(xs) if isinstance(xs, (list, tuple)) else [xs]
    kwargs = {"colocate_gradients_with_ops": colocate_gradients_with_ops,
              "gate_gradients": gate_gradients, "aggregation_method": aggregation_method}
    out = []
    for gradient, x in zip(gradients(ys, xs, **kwargs), xs):
        gradient = reshape(gradient, [-1])
        n = size(x)
        loop_vars = [constant(0, _dtypes.int32), TensorArray(x.dtype, n)]
        _, hessian = while_loop(
            lambda j, _, n=n: j < n,
            lambda j, result, g=gradient, x=x: (j + 1, result.write(j, gradients(g[j], x)[0])),
            loop_vars)
        shape = _shape(x)
        out.append(reshape(hessian.stack(), concat((shape, shape), 0)))
    return out


def _most_specific_compatible(shapes):
    ranks = {s.rank for s in shapes}
    if len(ranks) != 1 or None in ranks:
        return TensorShape(None)
    dims = zip(*[s.as_list() for s in shapes])
    return TensorShape([d[0] if len(set(d)) == 1 else None for d in dims])


def switch_case(branch_index, branch_fns, default=None, name="switch_case"):
    """`tf.switch_case`: one Case op over the branches traced as functions (cond_v2's
    `indexed_case`), an Identity of each output."""
    from ..data.function import StructuredFunction
    from ..framework.ops import Tensor, get_default_graph
    from .array_ops import identity

    if not isinstance(branch_index, Tensor):
        raise TypeError("branch_index must a Tensor, got {}".format(type(branch_index)))
    if not branch_index.dtype.is_integer:
        raise TypeError("branch_index must an integer Tensor, got {}".format(
            branch_index.dtype))
    if not branch_fns:
        raise ValueError("Must provide at least one item in branch_fns")
    if not isinstance(branch_fns, (list, tuple, dict)):
        raise TypeError("branch_fns must be a list, tuple, or dict")
    pairs = list(branch_fns.items()) if isinstance(branch_fns, dict) else list(branch_fns)
    if all(callable(fn) for fn in pairs):
        pairs = list(enumerate(pairs))
    for pair in pairs:
        if not isinstance(pair, tuple) or len(pair) != 2:
            raise TypeError("Each entry in branch_fns must be a 2-tuple")
        key, fn = pair
        if not isinstance(key, int):
            raise TypeError("key must be a Python `int`, got {}".format(type(key)))
        if not callable(fn):
            raise TypeError("fn for key {} must be callable.".format(key))
    keys = [p[0] for p in pairs]
    if min(keys) < 0 or max(keys) >= len(keys) or len(set(keys)) != len(keys):
        raise ValueError("branch indices (keys) must form contiguous range of [0 to {}) but "
                         "found {{{}}}".format(len(keys), ",".join(map(str, sorted(keys)))))
    fns = [p[1] for p in sorted(pairs, key=lambda p: p[0])]
    if default is not None:
        fns.append(default)
    with name_scope(name, "case", [branch_index]):
        with name_scope("indexed_case") as scope:
            branch_index = convert_to_tensor(branch_index, name="branch_index")
            branches = [StructuredFunction(fn, "branch%d" % i, ()) for i, fn in enumerate(fns)]
            inputs: list = []
            for b in branches:
                for t in b.captured:
                    if all(t is not u for u in inputs):
                        inputs.append(t)
            for b in branches:
                b.input_positions = [next(i for i, u in enumerate(inputs) if u is t)
                                     for t in b.captured]
            outs0 = branches[0].outputs
            for b in branches[1:]:
                if len(b.outputs) != len(outs0):
                    raise ValueError("branch0 and branch%d must have the same number of "
                                     "outputs" % branches.index(b))
            shapes = [_most_specific_compatible([b.outputs[i].shape for b in branches])
                      for i in range(len(outs0))]
            g = get_default_graph()
            op_type = "Case"
            if g._target.v2_gradients_and_control_flow:  # TF 2.x: StatelessCase if it can
                from .while_v2 import _stateful

                if not any(_stateful(b.graph) for b in branches):
                    op_type = "StatelessCase"
            op = g._create_op(op_type, [branch_index] + inputs, scope,
                              outputs=[(t.dtype, s) for t, s in zip(outs0, shapes)],
                              attrs={"branches": branches, "Tin": [t.dtype for t in inputs],
                                     "Tout": [t.dtype for t in outs0],
                                     "output_shapes": shapes})
            tensors = [identity(t) for t in op.outputs]
    return nest.pack_sequence_as(branches[0].structure, tensors)
