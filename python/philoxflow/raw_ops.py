"""`tf.raw_ops`: every op type TF 1.15 registers, built by name from its definition.

`tf.raw_ops.X(name=None, **inputs_and_attrs)` (keyword arguments only, as TF's) goes
through the generic builder (`framework/op_def_library.apply_op_helper`), so any of
TF 1.15's 1,227 op types builds with TF's dtype inference, defaults and checks.
Returns what TF's returns: the output Tensor, a list for a list output, a named tuple
for several outputs, the Operation for none.
"""

from __future__ import annotations

import collections
import functools

from .framework import op_def_library as _lib

_TUPLES: dict = {}


def _outputs(op_type, op):
    od = _lib.op_def(op_type)
    args = od["outputs"]
    outs = op.outputs
    if not args:
        return op
    groups, i = [], 0
    for a in args:
        if "number_attr" in a or "type_list_attr" in a:
            n = (op.get_attr(a["number_attr"]) if "number_attr" in a
                 else len(op.get_attr(a["type_list_attr"])))
            groups.append(outs[i:i + n])
            i += n
        else:
            groups.append(outs[i])
            i += 1
    if len(groups) == 1:
        return groups[0]
    cls = _TUPLES.get(op_type)
    if cls is None:
        cls = _TUPLES[op_type] = collections.namedtuple(op_type, [a["name"] for a in args])
    return cls(*groups)


def _translate(op_type, od, kwargs):
    """The generated wrapper's part: API-def parameter names to the op definition's,
    Python's errors for missing or unexpected arguments, and the wrapper's list checks."""
    api = od.get("python")
    if api is None:
        return kwargs
    params = api["params"]
    known = {p["name"]: p for p in params}
    for k in kwargs:
        if k not in known:
            raise TypeError(f"{op_type}() got an unexpected keyword argument '{k}'")
    missing = [p["name"] for p in params if "has_default" not in p and p["name"] not in kwargs]
    if missing:
        n = len(missing)
        names = (f"'{missing[0]}'" if n == 1 else
                 ", ".join(f"'{m}'" for m in missing[:-1]) + f" and '{missing[-1]}'")
        raise TypeError(f"{op_type}() missing {n} required positional argument"
                        f"{'s' if n > 1 else ''}: {names}")
    lists = {a["name"] for a in od["inputs"] if "number_attr" in a or "type_list_attr" in a}
    lists |= {a["name"] for a in od["attrs"] if a["type"].startswith("list(")}
    out = {}
    for k, v in kwargs.items():
        arg = known[k]["arg"]
        if arg in lists and v is not None and not isinstance(v, (list, tuple)):
            raise TypeError(f"Expected list for '{k}' argument to '{api['function']}' Op, "
                            f"not {v!r}.")
        out[arg] = v
    return out


def _make(op_type):
    od = _lib.op_def(op_type)

    def raw_op(*args, name=None, **kwargs):
        if args:
            raise TypeError(f"{op_type}() only takes keyword arguments.")
        kwargs = _translate(op_type, od, kwargs)
        return _outputs(op_type, _lib.apply_op_helper(op_type, name=name, **kwargs))
    raw_op.__name__ = raw_op.__qualname__ = op_type
    raw_op.__doc__ = f"TF 1.15's `{op_type}` op, built from its op definition."
    return raw_op


@functools.lru_cache(maxsize=None)
def _get(op_type):
    return _make(op_type)


def __getattr__(name):
    if name.startswith("__") or _lib.op_def(name) is None:
        raise AttributeError(f"module 'tensorflow._api.v1.raw_ops' has no attribute '{name}'")
    return _get(name)


def __dir__():
    return _lib.op_types()
