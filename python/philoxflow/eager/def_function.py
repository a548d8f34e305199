"""`tf.function` (`tensorflow/python/eager/polymorphic_function`): trace a Python
function into a function graph whose random ops follow graph rules, and run it.

Measured with TF 2.21 (`tests/data/eager`):
- a trace is keyed by the arguments bound with their defaults: a tensor by dtype and
  exact shape, a Python value by its value (`f(1.0)` and `f(2.0)` trace twice); with
  `reduce_retracing` shapes generalise; `input_signature` makes one trace;
- the function graph's seed is the global seed when it is traced (`set_seed` inside
  the function sets that graph's seed); a random op without an op seed takes the
  graph's counter of such ops (0, 1, ...), as TF 2.x graphs do; a function called
  while another is traced counts from 0 on the outer graph's seed;
- each trace keeps its own kernels, so repeated calls continue their Philox streams;
  `tf.random.set_seed` (which clears TF's kernel caches) restarts them without
  retracing;
- Generator draws become placeholders fed at each call with a draw made then, eager
  variables placeholders fed with their values (assignments are written back after
  the call); `Generator.skip`/`split`/`reset` in a trace make the function run its
  Python body eagerly at every call.
"""

from __future__ import annotations

import contextlib
import functools
import math

import numpy as np

from .. import _core, _target
from ..framework import dtypes as _dtypes
from ..framework import ops as _ops
from ..framework.tensor_shape import TensorShape
from . import context
from .tensor import EagerTensor


class _FuncCore:
    """A function graph's `_c`: the Rust graph, except that op seeds of a `tf.function`
    called while this one is traced come from that function's own counter (TF traces
    it into its own graph, called through a StatefulPartitionedCall)."""

    def __init__(self, rust):
        self._rust = rust
        self.scopes = []  # [graph seed, counter] of nested functions being inlined

    def resolve_seed(self, op_seed):
        if not self.scopes:
            return self._rust.resolve_seed(op_seed)
        scope = self.scopes[-1]
        g = scope[0]
        if g is not None:
            if op_seed is None:
                op_seed = scope[1]
                scope[1] += 1
            seeds = (_core.truncate_seed(int(g)), _core.truncate_seed(int(op_seed)))
        elif op_seed is not None:
            seeds = (context.DEFAULT_GRAPH_SEED, _core.truncate_seed(int(op_seed)))
        else:
            return (None, None)
        return (0, 2**31 - 1) if seeds == (0, 0) else seeds

    def __getattr__(self, name):
        return getattr(self._rust, name)


class FuncGraph(_ops.Graph):
    """The graph a `tf.function` traces into (TF 2.x rules; eager tensors captured)."""

    _is_func_graph = True

    def __init__(self, name):
        super().__init__()
        self._target = _target.TF2_EAGER
        self._c = _FuncCore(_core.Graph(self._target.seed_rule))
        self.name = name
        self._captures = {}
        #: (placeholder op, thunk): values computed eagerly at each call (Generator draws)
        self.deferred = []
        #: eager variables the trace reads (fed at each call) and writes (fetched back)
        self.var_inputs = []
        self.var_current = {}
        self.var_writes = {}
        seed = context.global_seed()
        if seed is not None:
            self.seed = seed if isinstance(seed, int) else int(np.asarray(seed))

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


class TensorSpec:
    """`tf.TensorSpec`: the shape (None for unknown dimensions) and dtype of an argument."""

    def __init__(self, shape, dtype=_dtypes.float32, name=None):
        self.shape = TensorShape(shape)
        self.dtype = _dtypes.as_dtype(dtype)
        self.name = name

    def is_compatible_with(self, t):
        return t.dtype == self.dtype and self.shape.is_compatible_with(t.shape)

    def __repr__(self):
        return f"TensorSpec(shape={self.shape}, dtype={self.dtype!r}, name={self.name!r})"


def _is_spec(k):
    return isinstance(k, tuple) and len(k) == 3 and k[0] == "T"


def _admits(spec, key):
    """Whether a (possibly generalised) trace key admits a call's key."""
    if _is_spec(spec) and _is_spec(key):
        if spec[1] != key[1]:
            return False
        if spec[2] is None:
            return True
        return len(spec[2]) == len(key[2]) and all(
            a is None or a == b for a, b in zip(spec[2], key[2]))
    if isinstance(spec, tuple) and isinstance(key, tuple) and not _is_spec(spec):
        return len(spec) == len(key) and all(_admits(a, b) for a, b in zip(spec, key))
    return spec == key


def _specificity(k):
    if _is_spec(k):
        return -1 if k[2] is None else sum(d is not None for d in k[2])
    if isinstance(k, tuple):
        return sum(_specificity(v) for v in k)
    return 0


def _generalize(new, old):
    if _is_spec(new) and _is_spec(old):
        if new[1] != old[1]:
            return None
        if old[2] is None or len(old[2]) != len(new[2]):
            return ("T", new[1], None)
        return ("T", new[1], tuple(a if a == b else None for a, b in zip(new[2], old[2])))
    if isinstance(new, tuple) and isinstance(old, tuple) and not _is_spec(new):
        if len(new) != len(old):
            return None
        parts = [_generalize(a, b) for a, b in zip(new, old)]
        return None if any(p is None for p in parts) else tuple(parts)
    return new if new == old else None


def _specs_of(key):
    """The TensorSpecs of a key's tensors, in the order the trace makes placeholders."""
    out = []

    def walk(k):
        if _is_spec(k):
            out.append(TensorSpec(None if k[2] is None else list(k[2]), k[1]))
        elif isinstance(k, tuple):
            for v in k:
                walk(v)
    walk(key)
    return out


class ConcreteFunction:
    """One trace: its graph, its placeholders and a session holding its kernels."""

    def __init__(self, fn, args, kwargs, signature=None):
        self.graph = g = FuncGraph(getattr(fn, "__name__", "f"))
        self.placeholders = []
        _local = context._local
        _local.tracing = getattr(_local, "tracing", 0) + 1
        try:
            with g.as_default():
                specs = iter(signature or ())

                def placeholder(x):
                    if isinstance(x, EagerTensor):
                        spec = next(specs, None)
                        shape = x.shape if spec is None else spec.shape
                        op = _ops.Graph._create_op(g, "Placeholder", (), "x", dtype=x.dtype,
                                                   shape=shape)
                        self.placeholders.append(op)
                        return op.outputs[0]
                    if isinstance(x, (list, tuple)) and not hasattr(x, "_fields"):
                        return type(x)(placeholder(v) for v in x)
                    if isinstance(x, dict):
                        return {k: placeholder(x[k]) for k in sorted(x)}
                    return x
                targs = [placeholder(a) for a in args]
                tkwargs = {k: placeholder(kwargs[k]) for k in sorted(kwargs)}
                self.structure = fn(*targs, **tkwargs)
        finally:
            _local.tracing -= 1
        self.outputs = _flatten(self.structure)
        self._session = None
        self._generation = None

    def __call__(self, args, kwargs):
        _local = context._local
        st = context._state
        if self._session is None or self._generation != st.generation:
            # set_seed clears TF's kernel caches: the function's kernels restart.
            self._session = _core.Session(self.graph._c._rust)
            self._generation = st.generation
        feeds = []
        values = [v for v in _flatten(list(args) + [kwargs[k] for k in sorted(kwargs)])
                  if isinstance(v, EagerTensor)]
        for op, v in zip(self.placeholders, values):
            raw = v._value.view(np.uint16) if v.dtype.name == "bfloat16" else v._value
            feeds.append((op._id, np.ascontiguousarray(raw) if raw.ndim else raw,
                          v.dtype.name))
        for op, draw in self.graph.deferred:
            _local.tracing, saved = 0, getattr(_local, "tracing", 0)
            stack, _ops._stack.graphs = _ops._stack.graphs, []
            try:
                v = draw()
            finally:
                _local.tracing, _ops._stack.graphs = saved, stack
            raw = v._value.view(np.uint16) if v.dtype.name == "bfloat16" else v._value
            feeds.append((op._id, np.ascontiguousarray(raw) if raw.ndim else raw,
                          v.dtype.name))
        for op, var in self.graph.var_inputs:
            v = var._value
            raw = v._value.view(np.uint16) if v.dtype.name == "bfloat16" else v._value
            feeds.append((op._id, np.ascontiguousarray(raw) if raw.ndim else raw,
                          v.dtype.name))
        fetch = [t for t in self.outputs if isinstance(t, _ops.Tensor)
                 and not isinstance(t, EagerTensor)]
        writes = list(self.graph.var_writes.values())
        ids = [t.op._id for t in fetch] + [t.op._id for _, t in writes]
        with st.lock:
            raw = self._session.run(ids, feeds) if ids else []
        for (var, t), r in zip(writes, raw[len(fetch):]):
            var._value = EagerTensor(np.asarray(r), t.dtype)
        got = {id(t): EagerTensor(np.asarray(r), t.dtype) for t, r in zip(fetch, raw)}
        flat = [got.get(id(t), t) for t in self.outputs]
        return _pack(self.structure, flat)


class Function:
    """`tf.function(f)`: traces per argument signature, runs the traces' graphs."""

    def __init__(self, fn, input_signature=None, autograph=True, jit_compile=None,
                 reduce_retracing=False, experimental_compile=None, name=None):
        self._fn = fn
        self._reduce_retracing = reduce_retracing
        self._signature = None if input_signature is None else list(input_signature)
        self._traces: dict = {}
        self._eager_only = False
        functools.update_wrapper(self, fn)

    def __call__(self, *args, **kwargs):
        outer = tracing_graph()
        if outer is not None:
            # Called while another function is traced: TF gives this one its own graph
            # (seeded by the outer graph's seed, its own op-seed counter) and a call op,
            # each call site with its own kernels. Inlined here with that counter.
            outer._c.scopes.append([outer.seed, 0])
            try:
                return self._fn(*args, **kwargs)
            finally:
                outer._c.scopes.pop()
        if not context.executing_eagerly() or self._eager_only:
            return self._fn(*args, **kwargs)
        args, kwargs = self._canonical(args, kwargs)
        if self._signature is not None:
            args = self._check_signature(args, kwargs)
            kwargs = {}
            key = ("input_signature",)
        else:
            key = (_key_of(list(args)), _key_of(kwargs))
        conc = self._traces.get(key)
        specs = self._signature
        if conc is None and self._reduce_retracing and self._signature is None:
            key, conc = self._relaxed(key)
            specs = _specs_of(key)
        if conc is None:
            try:
                conc = ConcreteFunction(self._fn, args, kwargs, specs)
            except _StateInFunction:
                # Generators and variables: the body runs eagerly at every call.
                self._eager_only = True
                return self._fn(*args, **kwargs)
            self._traces[key] = conc
        return conc(args, kwargs)

    def _canonical(self, args, kwargs):
        """Arguments bound to the function's signature with defaults filled, as TF keys
        its traces (`f(x)` and `f(x, scale=1.0)` are one trace when 1.0 is the default)."""
        import inspect

        try:
            bound = inspect.signature(self._fn).bind(*args, **kwargs)
        except (TypeError, ValueError):
            return args, kwargs
        bound.apply_defaults()
        return bound.args, bound.kwargs

    def _relaxed(self, key):
        """`reduce_retracing`: the most specific trace whose shapes admit the call, else
        the call's key generalised against the newest trace (differing dimensions become
        unknown, differing ranks an unknown rank), as TF 2.21 retraces."""
        best, score = None, -math.inf
        for k, conc in self._traces.items():
            if _admits(k, key) and _specificity(k) > score:
                best, score = (k, conc), _specificity(k)
        if best is not None:
            return best
        if self._traces:
            general = _generalize(key, list(self._traces)[-1])
            if general is not None:
                return general, None
        return key, None

    def _check_signature(self, args, kwargs):
        """Arguments converted to the signature's dtypes (TF raises on a mismatch)."""
        from ..framework.constant_op import convert_to_tensor

        if kwargs or len(args) != len(self._signature):
            raise TypeError(f"{self._fn.__name__}() takes {len(self._signature)} positional "
                            f"arguments matching its input_signature, got {len(args)}")
        out = []
        for a, spec in zip(args, self._signature):
            t = convert_to_tensor(a, dtype=spec.dtype)
            if not spec.is_compatible_with(t):
                raise TypeError(f"Binding inputs to tf.function failed: {t!r} is not "
                                f"compatible with {spec!r}")
            out.append(t)
        return out

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
    reduce_retracing = reduce_retracing or kwargs.get("experimental_relax_shapes", False)
    if func is None:
        return lambda f: Function(f, input_signature, autograph, jit_compile,
                                  reduce_retracing, experimental_compile, name)
    return Function(func, input_signature, autograph, jit_compile, reduce_retracing,
                    experimental_compile, name)


def tracing_graph():
    """The function graph being traced on this thread, or None."""
    stack = _ops._stack.graphs
    if stack and getattr(stack[-1], "_is_func_graph", False):
        return stack[-1]
    return None


@contextlib.contextmanager
def init_scope():
    """TF's `init_scope`: leave any function being traced (variables are made eagerly)."""
    _local = context._local
    saved, stack = getattr(_local, "tracing", 0), _ops._stack.graphs
    _local.tracing, _ops._stack.graphs = 0, []
    try:
        yield
    finally:
        _local.tracing, _ops._stack.graphs = saved, stack


class _StateInFunction(Exception):
    """A trace touched a Generator or an eager variable (before changing it)."""


def mark_state_use():
    """Called by Generators and eager variables before they read or change state: while
    a function is traced, abandon the trace (the function then runs eagerly)."""
    stack = _ops._stack.graphs
    if stack and getattr(stack[-1], "_is_func_graph", False):
        raise _StateInFunction()
