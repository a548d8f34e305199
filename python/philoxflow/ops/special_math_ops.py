"""TF 1.15's `special_math_ops.einsum`: transposes, reshapes and one MatMul (or Mul) per
pair of inputs, in TF 1.15's order; the exponential-space fallback (an index summed
over more than two inputs) is not reproduced."""

from __future__ import annotations

import re
import string

from ..framework.ops import Tensor, name_scope
from . import array_ops, math_ops


def _parse(equation, shapes):
    equation = equation.replace(" ", "")
    m = re.match(r"^([a-zA-Z,.]+)(->[a-zA-Z.]*)?$", equation)
    if not m:
        raise ValueError(f"Indices have incorrect format: {equation}")
    ins = m.group(1).split(",")
    out = m.group(2)[2:] if m.group(2) else None
    if len(shapes) != len(ins):
        raise ValueError(f'Got {len(shapes)} arguments for equation "{equation}", expecting '
                         f"{len(ins)}")
    ell = ""
    if "..." in equation:
        unused = "".join(c for c in string.ascii_letters if c not in "".join(ins))
        for i, ax in enumerate(ins):
            if "..." in ax:
                parts = ax.split("...")
                if len(parts) != 2:
                    raise ValueError("Unable to resolve ellipsis. Excess number found.")
                if shapes[i].rank is None:
                    raise ValueError("Unable to statically infer ellipsis axes.")
                n = shapes[i].rank - len("".join(parts))
                if n < 0:
                    raise ValueError("Ellipses lengths do not match.")
                if len(unused) < n:
                    raise ValueError("Unable to resolve ellipsis, too many distinct labels.")
                rep = unused[-n:] if n > 0 else ""
                ins[i] = ins[i].replace("...", rep)
                if len(rep) > len(ell):
                    ell = rep
        if any("." in ax for ax in ins):
            raise ValueError('period "." found outside of ellipsis')
        if out is not None:
            out = out.replace("...", ell)
            if "." in out:
                raise ValueError('period "." found outside of ellipsis')
    if out is None:
        labels = set("".join(ins)) - set(ell)
        counts = {a: 0 for a in labels}
        for axes in ins:
            for a in axes:
                if a not in ell:
                    counts[a] += 1
        out = ell + "".join(sorted(a for a in labels if counts[a] == 1))
    return ins, out


def _transpose(t, perm):
    return array_ops.transpose(t, perm=perm) if perm != list(range(len(perm))) else t


def _reshape(t, new_shape):
    new_shape = tuple(-1 if x is None else x for x in new_shape)
    cur = tuple(t.shape.as_list())
    if len(new_shape) == len(cur) and all(not isinstance(b, Tensor) and (a == b or b == -1)
                                          for a, b in zip(cur, new_shape)):
        return t
    return array_ops.reshape(t, new_shape)


def _shape(t):
    dims = t.shape.as_list()
    missing = [i for i, d in enumerate(dims) if d is None]
    if missing:
        st = array_ops.shape(t)
        for i in missing:
            dims[i] = st[i]
    return dims


def _size(values):
    result = 1
    for v in values:
        result *= v
    return result


def _reduction(t0, l0, t1, l1, axes_to_sum):
    # len() of an unknown-rank shape raises TF's ValueError, as in TF 1.15
    if len(l0) != len(t0.shape):
        raise ValueError(f"Tensor t0 of rank {t0.shape.rank} does not match einsum reduction "
                         f"of length {len(l0)}")
    if len(l1) != len(t1.shape):
        raise ValueError(f"Tensor t1 of rank {t1.shape.rank} does not match einsum reduction "
                         f"of length {len(l1)}")
    preserved = (set(l0) & set(l1)) - axes_to_sum
    bcast = {i: set(s) - preserved - axes_to_sum for i, s in enumerate([l0, l1])}

    def key(i, a):
        if a in preserved:
            return (-1, a)
        if (i == 0 and a in bcast[0]) or (i == 1 and a in axes_to_sum):
            return (0, a)
        return (1, a)

    labels = [l0, l1]
    sorted_axes = [sorted(s, key=lambda a, i=i: key(i, a)) for i, s in enumerate(labels)]
    ts = [t0, t1]
    for i, axes in enumerate(labels):
        ts[i] = _transpose(ts[i], [axes.find(a) for a in sorted_axes[i]])
    t0, t1 = ts
    np_ = len(preserved)
    if not axes_to_sum:
        for _ in bcast[1]:
            t0 = array_ops.expand_dims(t0, -1)
        for _ in bcast[0]:
            t1 = array_ops.expand_dims(t1, np_)
        product = math_ops.multiply(t0, t1)
        return product, "".join(sorted_axes[0] + sorted_axes[1][np_:])
    s0 = _shape(t0)
    ns = len(axes_to_sum)
    nb0 = _size(s0[np_:-ns])
    nsum = _size(s0[-ns:])
    t0 = _reshape(t0, s0[:np_] + [nb0, nsum])
    s1 = _shape(t1)
    nb1 = _size(s1[np_ + ns:])
    t1 = _reshape(t1, s1[:np_] + [nsum, nb1])
    product = math_ops.matmul(t0, t1)
    product = _reshape(product, s0[:np_ + len(bcast[0])] + s1[len(s1) - len(bcast[1]):])
    axes = (sorted_axes[0][:np_ + len(bcast[0])]
            + sorted_axes[1][len(sorted_axes[1]) - len(bcast[1]):])
    return product, "".join(axes)


def einsum(equation, *inputs, **kwargs):
    name = kwargs.pop("name", None)
    if kwargs:
        raise TypeError("invalid keyword arguments for this function: "
                        + ", ".join(sorted(kwargs)))
    from ..framework.ops import get_default_graph

    if get_default_graph()._target.uniform_skips_unit_scaling and len(inputs) <= 2:
        return _einsum_v2(equation, inputs, name)
    with name_scope(name, "einsum", [equation, inputs]):
        inputs = list(inputs)
        in_labels, out_labels = _parse(equation, [x.shape for x in inputs])
        all_labels = set("".join(in_labels) + out_labels)
        for a in all_labels:
            for labels in in_labels:
                if (len(in_labels) == 1 and labels.count(a) == 2 and labels == labels[::-1]
                        and "->" not in equation):
                    from .math_ops_ext import trace

                    return trace(inputs[0])
                if labels.count(a) > 1:
                    raise ValueError("Subscript not supported: an axis appears more than "
                                     f"once: {labels}")
        for a in all_labels:
            if sum(1 for s in in_labels if a in s) > 2 and a not in out_labels:
                raise NotImplementedError("philoxflow does not reproduce TF's exponential-space "
                                          "einsum (an index summed over more than two inputs)")
        temp, temp_labels = inputs[0], in_labels[0]
        for i in range(len(inputs) - 1):
            to_sum = set(temp_labels) & set(in_labels[i + 1]) - set(out_labels)
            temp, temp_labels = _reduction(temp, temp_labels, inputs[i + 1], in_labels[i + 1],
                                           to_sum)
        missing = set(temp_labels) - set(out_labels)
        if missing:
            axis = [i for i, a in enumerate(temp_labels) if a not in out_labels]
            temp = math_ops.reduce_sum(temp, axis=axis)
            temp_labels = "".join(a for a in temp_labels if a in out_labels)
        if sorted(temp_labels) != sorted(out_labels):
            raise ValueError(f"Invalid equation: {equation}")
        return _transpose(temp, [temp_labels.index(a) for a in out_labels])


def _einsum_v2(equation, inputs, name):
    """TF 2.x: one `Einsum` op (its static shape from the labels)."""
    from ..framework.constant_op import convert_to_tensor
    from ..framework.ops import get_default_graph
    from ..framework.tensor_shape import TensorShape

    with name_scope(name, "einsum", [equation, inputs]):
        xs = [convert_to_tensor(x) for x in inputs]
        eq = equation.replace(" ", "")
        shape = TensorShape(None)
        if all(x.shape.rank is not None for x in xs):
            ins, out = _parse(eq, [x.shape for x in xs])
            sizes = {}
            for labels, x in zip(ins, xs):
                for a, d in zip(labels, x.shape.as_list()):
                    if d is not None:
                        sizes[a] = d
            shape = TensorShape([sizes.get(a) for a in out])
        with name_scope("Einsum") as op_scope:
            return get_default_graph()._create_op(
                "Einsum", xs, op_scope, dtype=xs[0].dtype, shape=shape,
                attrs={"equation": eq, "N": len(xs)}).outputs[0]
