"""TF's generated op wrappers (`gen_*_ops.py`), generically.

A generated wrapper opens a name scope named after the op (or `name`), converts
each input inside it under the input's argument name (so a Python operand of
`tf.nn.bias_add` becomes a Const `BiasAdd/bias`), then creates the op with the
scope's name. Every wrapper in philoxflow that TF builds this way calls `apply_op`.
"""

from __future__ import annotations

from ..framework.constant_op import convert_to_tensor
from ..framework.ops import _graph_of


def apply_op(op_type, name=None, inputs=(), dtype=None, shape=None, attrs=None, outputs=None,
             seeds=None, ints=()):
    """Build `op_type`; `inputs` are `(value, arg_name, dtype or None)` triples.

    Returns the output tensor, the list of outputs (several), or the op (none)."""
    g = _graph_of(*[v for v, _, _ in inputs])
    # (a '' name scopes nothing: TF 1.15 then refuses the node name, TF 2.x names it
    # after its type, Graph._create_op)
    with g.as_default(), g.name_scope(op_type if name is None else name) as scope:
        tensors = [convert_to_tensor(v, dtype=d, name=n) for v, n, d in inputs]
        op = g._create_op(op_type, tensors, scope, dtype=dtype, shape=shape, attrs=attrs,
                          outputs=outputs, seeds=seeds, ints=ints)
    outs = op.outputs
    return op if not outs else outs[0] if len(outs) == 1 else outs


def apply_op_helper(op_type, name=None, **keywords):
    """Build `op_type` from its definition as TF's generated wrapper does (keywords are
    the op's input and attribute names); its output, list of outputs, or the op (none)."""
    from ..framework.op_def_library import apply_op_helper as build

    op = build(op_type, name, **keywords)
    outs = op.outputs
    return op if not outs else outs[0] if len(outs) == 1 else list(outs)
