"""`tf.function` (`tensorflow/python/eager/polymorphic_function`): trace a Python
function into a function graph whose random ops follow graph rules, and run it.

Measured with TF 2.21 (`tests/data/eager`):
- a trace is keyed by the arguments: a tensor by dtype and exact shape, a Python
  value by its value (`f(1.0)` and `f(2.0)` trace twice); a new key traces anew;
- the function graph's seed is the global seed when it is traced (`set_seed` inside
  the function sets that graph's seed); a random op without an op seed takes the
  graph's counter of such ops (0, 1, ...), as TF 2.x graphs do;
- each trace keeps its own kernels, so repeated calls continue their Philox streams;
  `tf.random.set_seed` (which clears TF's kernel caches) restarts them without
  retracing;
- a function that draws from a `tf.random.Generator` or reads an eager variable runs
  its Python body eagerly at every call here (the state is read and advanced at each
  call, as TF's graph does through the variable).
"""

from __future__ import annotations

import functools

import numpy as np

from .. import _core, _target
from ..framework import ops as _ops
from . import context
from .tensor import EagerTensor


class FuncGraph(_ops.Graph):
    """The graph a `tf.function` traces into (TF 2.x rules; eager tensors captured)."""

    _is_func_graph = True

    def __init__(self, name):
        super().__init__()
        self._target = _target.TF2_EAGER
        self._c = _core.Graph(self._target.seed_rule)
        self.name = name
        self._captures = {}
        self.uses_state = False
        seed = context.global_seed()
        if seed is not None:
            self.seed = seed

    def capture(self, t):
        c = self._captures.get(id(t))
        if c is None:
            op = _ops.Graph._create_op(self, "Const", (), "Const", dtype=t.dtype,
                                       value=t._value)
            c = self._captures[id(t)] = (t, op.outputs[0])
        return c[1]

    def _create_op(self, op_type, inputs=(), *args, **kwargs):
        inputs = [self.capture(t) if isinstance(t, EagerTensor) else t for t in inputs]
        return super()._create_op(op_type, inputs, *args, **kwargs)


def _flatten(x):
    if isinstance(x, (list, tuple)):
        out = []
        for v in x:
            out.extend(_flatten(v))
        return out
    if isinstance(x, dict):
        out = []
        for k in sorted(x):
            out.extend(_flatten(x[k]))
        return out
    return [x]


def _pack(structure, flat):
    it = iter(flat)

    def rebuild(x):
        if isinstance(x, (list, tuple)):
            vals = [rebuild(v) for v in x]
            return type(x)(*vals) if hasattr(x, "_fields") else type(x)(vals)
        if isinstance(x, dict):
            return {k: rebuild(x[k]) for k in sorted(x)}
        return next(it)
    return rebuild(structure)


def _key_of(x):
    if isinstance(x, EagerTensor):
        return ("T", x.dtype.name, tuple(x.shape.as_list()))
    if isinstance(x, (list, tuple)):
        return (type(x).__name__,) + tuple(_key_of(v) for v in x)
    if isinstance(x, dict):
        return ("dict",) + tuple((k, _key_of(x[k])) for k in sorted(x))
    if isinstance(x, np.ndarray):
        return ("nd", x.dtype.str, x.shape, x.tobytes())
    try:
        hash(x)
        return ("P", type(x).__name__, x)
    except TypeError:
        return ("id", id(x))


class ConcreteFunction:
    """One trace: its graph, its placeholders and a session holding its kernels."""

    def __init__(self, fn, args, kwargs):
        self.graph = g = FuncGraph(getattr(fn, "__name__", "f"))
        self.placeholders = []
        _local = context._local
        _local.tracing = getattr(_local, "tracing", 0) + 1
        try:
            with g.as_default():
                def placeholder(x):
                    if isinstance(x, EagerTensor):
                        op = _ops.Graph._create_op(g, "Placeholder", (), "x", dtype=x.dtype,
                                                   shape=x.shape.as_list())
                        self.placeholders.append(op)
                        return op.outputs[0]
                    if isinstance(x, (list, tuple)) and not hasattr(x, "_fields"):
                        return type(x)(placeholder(v) for v in x)
                    if isinstance(x, dict):
                        return {k: placeholder(v) for k, v in x.items()}
                    return x
                targs = [placeholder(a) for a in args]
                tkwargs = {k: placeholder(v) for k, v in kwargs.items()}
                self.structure = fn(*targs, **tkwargs)
        finally:
            _local.tracing -= 1
        self.outputs = _flatten(self.structure)
        self.uses_state = g.uses_state
        self._session = None
        self._generation = None

    def __call__(self, args, kwargs):
        st = context._state
        if self._session is None or self._generation != st.generation:
            # set_seed clears TF's kernel caches: the function's kernels restart.
            self._session = _core.Session(self.graph._c)
            self._generation = st.generation
        feeds = []
        values = [v for v in _flatten(list(args) + [kwargs[k] for k in kwargs])
                  if isinstance(v, EagerTensor)]
        for op, v in zip(self.placeholders, values):
            raw = v._value.view(np.uint16) if v.dtype.name == "bfloat16" else v._value
            feeds.append((op._id, np.ascontiguousarray(raw) if raw.ndim else raw,
                          v.dtype.name))
        fetch = [t for t in self.outputs if isinstance(t, _ops.Tensor)
                 and not isinstance(t, EagerTensor)]
        with st.lock:
            raw = self._session.run([t.op._id for t in fetch], feeds) if fetch else []
        got = {id(t): EagerTensor(np.asarray(r), t.dtype) for t, r in zip(fetch, raw)}
        flat = [got.get(id(t), t) for t in self.outputs]
        return _pack(self.structure, flat)


class Function:
    """`tf.function(f)`: traces per argument signature, runs the traces' graphs."""

    def __init__(self, fn, input_signature=None, autograph=True, jit_compile=None,
                 reduce_retracing=False, experimental_compile=None, name=None):
        self._fn = fn
        self._traces: dict = {}
        self._eager_only = False
        functools.update_wrapper(self, fn)

    def __call__(self, *args, **kwargs):
        if not context.executing_eagerly() or self._eager_only:
            return self._fn(*args, **kwargs)
        key = (_key_of(list(args)), _key_of(kwargs))
        conc = self._traces.get(key)
        if conc is None:
            try:
                conc = ConcreteFunction(self._fn, args, kwargs)
            except _StateInFunction:
                # Generators and variables: the body runs eagerly at every call.
                self._eager_only = True
                return self._fn(*args, **kwargs)
            self._traces[key] = conc
        return conc(args, kwargs)

    def get_concrete_function(self, *args, **kwargs):
        key = (_key_of(list(args)), _key_of(kwargs))
        if key not in self._traces:
            self._traces[key] = ConcreteFunction(self._fn, args, kwargs)
        return self._traces[key]

    def experimental_get_tracing_count(self):
        return len(self._traces)

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return functools.partial(self.__call__, obj)


def function(func=None, input_signature=None, autograph=True, jit_compile=None,
             reduce_retracing=False, experimental_compile=None, name=None, **kwargs):
    """`tf.function`, as a decorator with or without arguments."""
    if func is None:
        return lambda f: Function(f, input_signature, autograph, jit_compile,
                                  reduce_retracing, experimental_compile, name)
    return Function(func, input_signature, autograph, jit_compile, reduce_retracing,
                    experimental_compile, name)


class _StateInFunction(Exception):
    """A trace touched a Generator or an eager variable (before changing it)."""


def mark_state_use():
    """Called by Generators and eager variables before they read or change state: while
    a function is traced, abandon the trace (the function then runs eagerly)."""
    stack = _ops._stack.graphs
    if stack and getattr(stack[-1], "_is_func_graph", False):
        raise _StateInFunction()
