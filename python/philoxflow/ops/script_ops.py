"""TF 1.15's `script_ops.py`: `tf.py_func`, `tf.numpy_function`, `tf.py_function`.

The ops are built as TF builds them (PyFunc / PyFuncStateless / EagerPyFunc, one
output of unknown shape per `Tout`, a `pyfunc_N` token); the function is kept on
the graph. Running one raises UnimplementedError: philoxflow's runtime does not
call back into Python.
"""

from __future__ import annotations

import itertools

from ..framework import dtypes as _dtypes
from ..framework.constant_op import convert_to_tensor
from ..framework.ops import get_default_graph
from ..framework.tensor_shape import TensorShape

_tokens = itertools.count()


def _py_func(op_type, func, inp, Tout, name):  # noqa: N803 - TF's name
    if not callable(func):
        raise ValueError(f"Expected func to be callable, got func of type {type(func)}")
    listed = isinstance(Tout, (list, tuple))
    touts = [_dtypes.as_dtype(t) for t in (Tout if listed else [Tout])]
    g = get_default_graph()
    token = f"pyfunc_{next(_tokens)}"
    g.__dict__.setdefault("_py_funcs_used_in_graph", []).append(func)
    with g.as_default(), g.name_scope(name or op_type) as scope:
        ins = [convert_to_tensor(v, name=f"input_{i}") for i, v in enumerate(inp or [])]
        op = g._create_op(op_type, ins, scope, outputs=[(t, TensorShape(None)) for t in touts],
                          attrs={"token": token, "Tin": [t.dtype for t in ins], "Tout": touts})
    out = op.outputs
    if not out:
        return op if listed else None
    return out if listed else out[0]


def py_func(func, inp, Tout, stateful=True, name=None):  # noqa: N803 - TF's name
    return _py_func("PyFunc" if stateful else "PyFuncStateless", func, inp, Tout, name)


def numpy_function(func, inp, Tout, name=None):  # noqa: N803 - TF's name
    return _py_func("PyFunc", func, inp, Tout, name)


def py_function(func, inp, Tout, name=None):  # noqa: N803 - TF's name
    return _py_func("EagerPyFunc", func, inp, Tout, name)
