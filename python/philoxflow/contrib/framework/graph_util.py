"""Small `tf.contrib.framework` helpers that build no ops (or only a cond)."""

from __future__ import annotations

import re

from ...framework.ops import Graph, Tensor, _graph_of

__all__ = ["is_tensor", "get_graph_from_inputs", "get_placeholders", "prepend_name_scope",
           "strip_name_scope", "smart_cond", "smart_constant_value"]


def is_tensor(x) -> bool:
    return isinstance(x, Tensor) or hasattr(x, "_as_graph_tensor")


def get_graph_from_inputs(op_input_list, graph=None):
    return graph if graph is not None else _graph_of(*op_input_list)


def get_placeholders(graph):
    if not isinstance(graph, Graph):
        raise TypeError("Input graph needs to be a Graph: %s" % graph)
    return [op.outputs[0] for op in graph.get_operations() if op.type == "Placeholder"]


def strip_name_scope(name, export_scope):
    if not export_scope:
        return name
    export_scope = export_scope[:-1] if export_scope[-1] == "/" else export_scope
    return re.sub(r"([\^]|loc:@|^)" + export_scope + r"[\/]+(.*)", r"\1\2", name, count=1)


def prepend_name_scope(name, import_scope):
    if not import_scope:
        return name
    import_scope = import_scope[:-1] if import_scope[-1] == "/" else import_scope
    return re.sub(r"([\^]|loc:@|^)(.*)", r"\1" + import_scope + r"/\2", name)


def smart_constant_value(pred):
    """A Python bool for 0/1/bools and constant tensors, else None."""
    if isinstance(pred, bool) or pred in (0, 1) and not isinstance(pred, Tensor):
        return bool(pred)
    if isinstance(pred, Tensor):
        from ...ops.array_ops import _constant_value

        value = _constant_value(pred)
        return None if value is None else bool(value)
    raise TypeError("`pred` must be a Tensor, or a Python bool, or 1 or 0. Found instead: "
                    f"{type(pred)}")


def smart_cond(pred, true_fn=None, false_fn=None, name=None):
    """`cond` unless the predicate is known while building (then that branch only)."""
    from ...ops.control_flow_ops import cond

    value = smart_constant_value(pred)
    if value is not None:
        return true_fn() if value else false_fn()
    return cond(pred, true_fn, false_fn, name=name)
