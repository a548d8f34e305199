"""`tf.contrib.layers` utils (TF 1.15's `utils.py`): output aliases for
`outputs_collections`, `convert_collection_to_dict` (slim nets' end points),
static conditions and shape helpers."""

from __future__ import annotations

import collections
import weakref

from ...framework.ops import Tensor, get_collection, get_default_graph
from ...framework.tensor_shape import TensorShape

__all__ = ["collect_named_outputs", "constant_value", "static_cond", "smart_cond",
           "get_variable_collections", "two_element_tuple", "n_positive_integers",
           "last_dimension", "channel_dimension", "append_tensor_alias",
           "gather_tensors_aliases", "get_tensor_aliases", "convert_collection_to_dict"]

# TF sets `tensor.aliases`; philoxflow's Tensor has slots, so the aliases live here,
# keyed weakly by the tensor (Tensor hashes by identity).
_ALIASES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def collect_named_outputs(collections, alias, outputs):
    """Adds `outputs` (with `alias` in its aliases) to `collections`."""
    if collections:
        append_tensor_alias(outputs, alias)
        get_default_graph().add_to_collections(collections, outputs)
    return outputs


def append_tensor_alias(tensor, alias):
    if alias[-1] == "/":
        alias = alias[:-1]
    _ALIASES.setdefault(tensor, []).append(alias)
    return tensor


def get_tensor_aliases(tensor):
    if tensor in _ALIASES:
        return list(_ALIASES[tensor])
    return [tensor.name[:-2] if tensor.name[-2:] == ":0" else tensor.name]


def gather_tensors_aliases(tensors):
    return [a for t in tensors for a in get_tensor_aliases(t)]


def convert_collection_to_dict(collection, clear_collection=False):
    """`{alias: tensor}` over a collection (slim nets' `end_points`)."""
    out = collections.OrderedDict((alias, t) for t in get_collection(collection)
                                  for alias in get_tensor_aliases(t))
    if clear_collection:
        get_default_graph().clear_collection(collection)
    return out


def constant_value(value_or_tensor_or_var, dtype=None):
    from ...ops.array_ops import _constant_value as _const

    if value_or_tensor_or_var is None:
        raise ValueError("value_or_tensor_or_var cannot be None")
    value = value_or_tensor_or_var
    if isinstance(value, Tensor) or hasattr(value, "_as_graph_tensor"):
        if dtype and value.dtype != dtype:
            raise ValueError(f"It has the wrong type {value.dtype} instead of {dtype}")
        value = None if not isinstance(value, Tensor) else _const(value)
    return value


def static_cond(pred, fn1, fn2):
    if not callable(fn1):
        raise TypeError("fn1 must be callable.")
    if not callable(fn2):
        raise TypeError("fn2 must be callable.")
    return fn1() if pred else fn2()


def smart_cond(pred, fn1, fn2, name=None):
    from ...ops.control_flow_ops import cond

    value = constant_value(pred)
    if value is not None:
        return static_cond(value, fn1, fn2)
    return cond(pred, fn1, fn2, name=name)


def get_variable_collections(variables_collections, name):
    if isinstance(variables_collections, dict):
        return variables_collections.get(name, None)
    return variables_collections


def _get_dimension(shape, dim, min_rank=1):
    dims = shape.as_list() if shape.rank is not None else None
    if dims is None:
        raise ValueError("dims of shape must be known but is None")
    if len(dims) < min_rank:
        raise ValueError(f"rank of shape must be at least {min_rank} not: {len(dims)}")
    if dims[dim] is None:
        raise ValueError(f"dimension {dim} of shape must be known but is None: {shape}")
    return dims[dim]


def channel_dimension(shape, data_format, min_rank=1):
    return _get_dimension(shape, 1 if data_format == "channels_first" else -1, min_rank)


def last_dimension(shape, min_rank=1):
    return _get_dimension(shape, -1, min_rank)


def two_element_tuple(int_or_tuple):
    if isinstance(int_or_tuple, (list, tuple)):
        if len(int_or_tuple) != 2:
            raise ValueError(f"Must be a list with 2 elements: {int_or_tuple}")
        return int(int_or_tuple[0]), int(int_or_tuple[1])
    if isinstance(int_or_tuple, int):
        return int(int_or_tuple), int(int_or_tuple)
    if isinstance(int_or_tuple, TensorShape) and len(int_or_tuple) == 2:
        return int_or_tuple[0], int_or_tuple[1]
    raise ValueError("Must be an int, a list with 2 elements or a TensorShape of length 2")


def n_positive_integers(n, value):
    n_orig, n = n, int(n)
    if n < 1 or n != n_orig:
        raise ValueError("n must be a positive integer")
    try:
        value = int(value)
    except (TypeError, ValueError):
        value = _positive_sequence(n, value)
    else:
        if value < 1:
            raise ValueError(f"expected positive integer, but received {value}")
        return (value,) * n
    for x in value:
        if x < 1:
            raise ValueError(f"expected positive integer, but received {x}")
    return value


def _positive_sequence(n, value):
    msg = f"Expected sequence of {n} positive integers, but received {value!r}"
    if len(value) != n:
        raise ValueError(msg)
    try:
        return tuple(int(x) for x in value)
    except (TypeError, ValueError):
        raise ValueError(msg) from None
