"""Graphs, tensors, operations and name scopes: the Python face of the Rust graph.

The Rust core (`_core.Graph`) owns ops, dtypes, static shapes, unique names and
the seed policy; this module keeps what TensorFlow keeps in Python too: the
default-graph stack, the name-scope stack, collections, and Tensor objects
with operator overloads.
"""

from __future__ import annotations

import contextlib
import numbers
import threading

import numpy as np

from . import _core
from . import dtypes as _dtypes


def _contiguous(a):
    """A C-contiguous array, keeping 0-d arrays 0-d (np.ascontiguousarray makes them 1-d)."""
    a = np.asarray(a)
    return a if a.flags.c_contiguous else a.copy(order="C")


class TensorShape:
    """A static shape: `None` for unknown rank, `None` entries for unknown dims."""

    __slots__ = ("_dims",)

    def __init__(self, dims):
        if dims is None:
            self._dims = None
        elif isinstance(dims, TensorShape):
            self._dims = dims._dims
        else:
            self._dims = tuple(None if (d is None or d < 0) else int(d) for d in dims)

    @property
    def rank(self):
        return None if self._dims is None else len(self._dims)

    ndims = rank

    @property
    def dims(self):
        return None if self._dims is None else list(self._dims)

    def as_list(self):
        if self._dims is None:
            raise ValueError("as_list() is not defined on an unknown TensorShape.")
        return list(self._dims)

    def is_fully_defined(self):
        return self._dims is not None and all(d is not None for d in self._dims)

    def num_elements(self):
        if not self.is_fully_defined():
            return None
        return int(np.prod(self._dims, dtype=object)) if self._dims else 1

    def is_compatible_with(self, other):
        other = TensorShape(other) if not isinstance(other, TensorShape) else other
        if self._dims is None or other._dims is None:
            return True
        if len(self._dims) != len(other._dims):
            return False
        return all(a is None or b is None or a == b for a, b in zip(self._dims, other._dims))

    def __len__(self):
        if self._dims is None:
            raise ValueError("Cannot take the length of shape with unknown rank.")
        return len(self._dims)

    def __iter__(self):
        if self._dims is None:
            raise ValueError("Cannot iterate over a shape with unknown rank.")
        return iter(self._dims)

    def __getitem__(self, i):
        return self.as_list()[i]

    def __eq__(self, other):
        try:
            other = TensorShape(other) if not isinstance(other, TensorShape) else other
        except TypeError:
            return NotImplemented
        return self._dims == other._dims

    def __hash__(self):
        return hash(self._dims)

    def __repr__(self):
        return "TensorShape(None)" if self._dims is None else f"TensorShape({list(self._dims)})"

    def __str__(self):
        if self._dims is None:
            return "<unknown>"
        if len(self._dims) == 1:
            return f"({self._dims[0]},)"
        return "(" + ", ".join(str(d) for d in self._dims) + ")"


# ----------------------------------------------------------------- graphs

class _DefaultStack(threading.local):
    def __init__(self):
        self.graphs = []
        self.sessions = []


_stack = _DefaultStack()
_global_default_graph = None
_global_lock = threading.Lock()


class Graph:
    """A TensorFlow graph (`tf.Graph`): ops live in Rust, this object wraps them."""

    def __init__(self):
        self._c = _core.Graph()
        self._seed = None
        self._ops = []
        self._name_stack = ""
        self._collections = {}
        self._lock = threading.RLock()

    # -- seeds
    @property
    def seed(self):
        """The graph-level seed as set (`tf.set_random_seed`), or None."""
        return self._seed

    @seed.setter
    def seed(self, seed):
        self._c.set_seed(seed)  # validates and truncates in Rust
        self._seed = seed

    # -- default graph
    @contextlib.contextmanager
    def as_default(self):
        _stack.graphs.append(self)
        try:
            yield self
        finally:
            _stack.graphs.pop()

    # -- names
    def get_name_scope(self):
        return self._name_stack

    def unique_name(self, name, mark_as_used=True):
        if self._name_stack:
            name = self._name_stack + "/" + name
        return self._c.unique_name(name, mark_as_used)

    @contextlib.contextmanager
    def name_scope(self, name):
        old = self._name_stack
        if not name:
            new, returned = "", ""
        elif name[-1] == "/":
            new, returned = name[:-1], name
        else:
            new = self.unique_name(name)
            returned = new + "/"
        self._name_stack = new
        try:
            yield returned
        finally:
            self._name_stack = old

    # -- ops
    def _create_op(self, op_type, inputs=(), name=None, control_inputs=(), dtype=None,
                   seeds=None, value=None, shape=None, ints=()):
        """Add an op through the Rust graph; returns its Operation."""
        with self._lock:
            name = name or op_type
            name = name[:-1] if name.endswith("/") else self.unique_name(name)
            ids = []
            for t in inputs:
                if t.graph is not self:
                    raise ValueError(
                        f"Tensor {t.name!r} must be from the same graph as the op {name!r}.")
                ids.append(t.op._id)
            ctrl = [c._id for c in control_inputs]
            if value is not None and dtype is None:
                dtype = _dtypes.as_dtype(value.dtype)
            dname = None if dtype is None else _dtypes.as_dtype(dtype).name
            if value is not None and dname == "bfloat16":
                value = _contiguous(value).view(np.uint16)
            op_id, out_dtype, out_shape = self._c.add_op(
                op_type, name, ids, ctrl, dname, seeds, value, shape, list(ints))
            op = Operation(self, op_id, name, op_type, list(inputs), list(control_inputs),
                           _dtypes.as_dtype(out_dtype), TensorShape(out_shape))
            self._ops.append(op)
            return op

    def get_operations(self):
        return list(self._ops)

    def get_operation_by_name(self, name):
        i = self._c.op_by_name(name)
        if i is None:
            raise KeyError(f"The name {name!r} refers to an Operation not in the graph.")
        return self._ops[i]

    def get_tensor_by_name(self, name):
        op_name, _, index = name.rpartition(":")
        if not op_name or index != "0":
            raise ValueError(f"The name {name!r} refers to a Tensor which does not exist.")
        return self.get_operation_by_name(op_name).outputs[0]

    def as_graph_element(self, obj):
        if isinstance(obj, str):
            return self.get_tensor_by_name(obj) if ":" in obj else self.get_operation_by_name(obj)
        return obj

    # -- collections
    def add_to_collection(self, name, value):
        self._collections.setdefault(name, []).append(value)

    def get_collection(self, name, scope=None):
        return list(self._collections.get(name, []))

    @property
    def version(self):
        return len(self._ops)

    @property
    def finalized(self):
        return False


def get_default_graph():
    """The innermost graph of `Graph.as_default()` on this thread, else the global one."""
    if _stack.graphs:
        return _stack.graphs[-1]
    global _global_default_graph
    with _global_lock:
        if _global_default_graph is None:
            _global_default_graph = Graph()
        return _global_default_graph


def reset_default_graph():
    """Replace the global default graph with a new, empty one."""
    if _stack.graphs:
        raise AssertionError(
            "Do not use tf.reset_default_graph() to clear nested graphs. If you need a "
            "cleared graph, exit the nesting and create a new graph.")
    global _global_default_graph
    with _global_lock:
        _global_default_graph = Graph()


@contextlib.contextmanager
def name_scope(name, default_name=None, values=None):
    """`tf.name_scope` (v1 signature) on the default graph (or the values' graph)."""
    g = None
    for v in values or ():
        if isinstance(v, (Tensor, Operation)):
            g = v.graph
            break
    g = g or get_default_graph()
    n = name if name is not None else default_name
    if n is None:
        raise ValueError("At least one of name (None) and default_name (None) must be provided.")
    with g.as_default(), g.name_scope(n) as scope:
        yield scope


# ----------------------------------------------------------------- ops and tensors

class Operation:
    """A graph node (`tf.Operation`); its single output is `outputs[0]`."""

    __slots__ = ("_graph", "_id", "_name", "_type", "_inputs", "_control_inputs", "_outputs")

    def __init__(self, graph, op_id, name, op_type, inputs, control_inputs, dtype, shape):
        self._graph = graph
        self._id = op_id
        self._name = name
        self._type = op_type
        self._inputs = inputs
        self._control_inputs = control_inputs
        self._outputs = [] if op_type in ("NoOp",) else [Tensor(self, dtype, shape)]

    @property
    def graph(self):
        return self._graph

    @property
    def name(self):
        return self._name

    @property
    def type(self):
        return self._type

    @property
    def inputs(self):
        return list(self._inputs)

    @property
    def control_inputs(self):
        return list(self._control_inputs)

    @property
    def outputs(self):
        return list(self._outputs)

    def run(self, feed_dict=None, session=None):
        _session_for(self, session).run(self, feed_dict)

    def get_attr(self, name):
        """TF's `Operation.get_attr`: dtypes as `tf.DType`, shapes as `TensorShape`,
        a Const's `value` as a NumPy array (where TF gives a TensorProto)."""
        attrs = self._graph._c.op_attrs(self._id)
        if name not in attrs:
            raise ValueError(f"Operation {self._name!r} has no attr named {name!r}.")
        value = attrs[name]
        if name in _DTYPE_ATTRS:
            return _dtypes.as_dtype(value)
        if name == "shape":
            return TensorShape(value)
        if name == "value" and attrs["dtype"] == "bfloat16" and _dtypes._BFLOAT16_NP is not None:
            return value.view(_dtypes._BFLOAT16_NP)
        return value

    def __repr__(self):
        return f"<tf.Operation '{self._name}' type={self._type}>"


# Attributes whose values are dtypes (returned by `Operation.get_attr` as `tf.DType`).
_DTYPE_ATTRS = frozenset({"dtype", "T", "Tout", "SrcT", "DstT", "out_type"})


class Tensor:
    """A symbolic graph value (`tf.Tensor`): output 0 of an Operation."""

    __slots__ = ("_op", "_dtype", "_shape", "__weakref__")
    __array_priority__ = 100

    def __init__(self, op, dtype, shape):
        self._op = op
        self._dtype = dtype
        self._shape = shape

    @property
    def op(self):
        return self._op

    @property
    def graph(self):
        return self._op._graph

    @property
    def name(self):
        return f"{self._op._name}:0"

    @property
    def value_index(self):
        return 0

    @property
    def dtype(self):
        return self._dtype

    @property
    def shape(self):
        return self._shape

    @property
    def device(self):
        return ""

    def get_shape(self):
        return self._shape

    def set_shape(self, shape):
        shape = TensorShape(shape)
        if not self._shape.is_compatible_with(shape):
            raise ValueError(f"Tensor's shape {self._shape} is not compatible with supplied "
                             f"shape {shape}.")
        if shape.rank is not None:
            old = self._shape.dims or [None] * shape.rank
            self._shape = TensorShape([a if a is not None else b for a, b in zip(old, shape)])

    def eval(self, feed_dict=None, session=None):
        return _session_for(self, session).run(self, feed_dict)

    def __repr__(self):
        return f"<tf.Tensor '{self.name}' shape={self._shape} dtype={self._dtype.name}>"

    def __str__(self):
        return f'Tensor("{self.name}", shape={self._shape}, dtype={self._dtype.name})'

    def __hash__(self):
        return id(self)

    def __eq__(self, other):
        return self is other

    def __bool__(self):
        raise TypeError(
            "Using a `tf.Tensor` as a Python `bool` is not allowed in Graph execution.")

    def __len__(self):
        raise TypeError(f"len is not well defined for a symbolic Tensor ({self.name}).")

    def __iter__(self):
        raise TypeError("Tensor objects are only iterable when eager execution is enabled.")

    # Arithmetic: TF's binary_op_wrapper converts the other operand to this dtype.
    def __add__(self, y):
        return _binary("AddV2", "add", self, y)

    def __radd__(self, x):
        return _binary("AddV2", "add", x, self, reverse=True)

    def __sub__(self, y):
        return _binary("Sub", "sub", self, y)

    def __rsub__(self, x):
        return _binary("Sub", "sub", x, self, reverse=True)

    def __mul__(self, y):
        return _binary("Mul", "mul", self, y)

    def __rmul__(self, x):
        return _binary("Mul", "mul", x, self, reverse=True)

    def __truediv__(self, y):
        return _truediv(self, y)

    def __rtruediv__(self, x):
        return _truediv(x, self, reverse=True)

    def __floordiv__(self, y):
        return _binary("FloorDiv", "floordiv", self, y)

    def __rfloordiv__(self, x):
        return _binary("FloorDiv", "floordiv", x, self, reverse=True)

    def __mod__(self, y):
        return _binary("FloorMod", "mod", self, y)

    def __rmod__(self, x):
        return _binary("FloorMod", "mod", x, self, reverse=True)

    def __neg__(self):
        return negative(self)

    def __pos__(self):
        return self


# ----------------------------------------------------------------- conversion

def _python_dtype(values):
    """TF's inference for Python values: int32 (int64 if needed), float32, bool."""
    flat = np.asarray(values, dtype=object).ravel() if not np.isscalar(values) else [values]
    kinds = set()
    for v in flat:
        if isinstance(v, (bool, np.bool_)):
            kinds.add("b")
        elif isinstance(v, numbers.Integral):
            kinds.add("i")
        elif isinstance(v, numbers.Real):
            kinds.add("f")
        elif isinstance(v, (Tensor,)):
            raise TypeError("Tensors inside Python lists are not supported by tf.constant")
        else:
            raise TypeError(f"Failed to convert elements of {values!r} to Tensor.")
    if "f" in kinds:
        return _dtypes.float32
    if "i" in kinds:
        ints = [int(v) for v in flat]
        lo, hi = (min(ints), max(ints)) if ints else (0, 0)
        if -(2**31) <= lo and hi < 2**31:
            return _dtypes.int32
        if -(2**63) <= lo and hi < 2**63:
            return _dtypes.int64
        raise ValueError(f"Can't convert Python int to int64: {values!r} is out of range.")
    if "b" in kinds:
        return _dtypes.bool
    return _dtypes.float32


def _assert_compatible(values, dtype):
    """TF's `_AssertCompatible`: Python floats never silently become ints."""
    flat = np.asarray(values, dtype=object).ravel() if not np.isscalar(values) else [values]
    for v in flat:
        bad = False
        if dtype.is_integer:
            bad = not isinstance(v, (numbers.Integral, np.integer)) or isinstance(v, bool)
        elif dtype.is_floating:
            bad = not isinstance(v, numbers.Real) or isinstance(v, bool)
        elif dtype == _dtypes.bool:
            bad = not isinstance(v, (bool, np.bool_))
        if bad:
            raise TypeError(f"Expected {dtype.name}, but got {v!r} of type '{type(v).__name__}'.")


def _to_numpy(value, dtype=None):
    """A Python or NumPy value as a NumPy array of TF's dtype for it."""
    if dtype is not None:
        dtype = _dtypes.as_dtype(dtype)
    if isinstance(value, TensorShape):
        value = value.as_list()
    if isinstance(value, np.ndarray) or isinstance(value, np.generic):
        arr = np.asarray(value)
        src = _dtypes.as_dtype(arr.dtype)
        if dtype is None:
            dtype = src
        elif src != dtype:
            if dtype.is_integer and src.is_floating:
                raise TypeError(f"Expected {dtype.name}, but got {arr!r} of type "
                                f"'{type(value).__name__}'.")
    else:
        if dtype is None:
            dtype = _python_dtype(value)
        else:
            _assert_compatible(value, dtype)
        arr = np.asarray(value, dtype=object)
    if dtype not in _dtypes.SUPPORTED:
        raise TypeError(f"philoxflow does not support tensors of dtype {dtype.name}")
    np_type = np.uint16 if dtype == _dtypes.bfloat16 and _dtypes._BFLOAT16_NP is None else None
    if np_type is not None:  # bfloat16 without ml_dtypes: round through float32 bits
        f = np.asarray(arr, dtype=np.float32)
        bits = f.view(np.uint32)
        rounded = (bits + 0x7FFF + ((bits >> 16) & 1)) >> 16
        out = rounded.astype(np.uint16)
        return out, dtype
    if dtype.is_integer and arr.dtype == object:
        info = np.iinfo(dtype.as_numpy_dtype)
        for v in arr.ravel():
            if not info.min <= int(v) <= info.max:
                raise ValueError(f"Can't convert Python int {v} to {dtype.name}: out of range.")
    return _contiguous(np.asarray(arr, dtype=dtype.as_numpy_dtype)), dtype


def constant(value, dtype=None, shape=None, name="Const", verify_shape=False):
    """`tf.constant`: a Const op holding `value` (converted with TF's dtype rules)."""
    arr, dt = _to_numpy(value, dtype)
    if shape is not None:
        shape = [int(d) for d in shape]
        if arr.size == 1:
            arr = np.full(shape, arr.reshape(()), dtype=arr.dtype)
        elif arr.size == int(np.prod(shape)):
            arr = arr.reshape(shape)
        else:
            raise TypeError(f"Eager execution of tf.constant with unsupported shape. Tensor "
                            f"{value!r} (converted from {value!r}) has {arr.size} elements, "
                            f"but got `shape` {tuple(shape)} with {int(np.prod(shape))} "
                            "elements).")
    return get_default_graph()._create_op("Const", (), name, dtype=dt,
                                          value=_contiguous(arr)).outputs[0]


def convert_to_tensor(value, dtype=None, name=None, preferred_dtype=None, dtype_hint=None):
    """`tf.convert_to_tensor`: Tensors pass through (dtype-checked), values become constants."""
    if dtype is not None:
        dtype = _dtypes.as_dtype(dtype)
    conv = getattr(value, "_as_graph_tensor", None)
    if conv is not None:
        value = conv()
    if isinstance(value, Tensor):
        if dtype is not None and value.dtype != dtype:
            raise ValueError(f"Tensor conversion requested dtype {dtype.name} for Tensor with "
                             f"dtype {value.dtype.name}: {value!r}")
        return value
    if isinstance(value, Operation):
        raise TypeError(f"Can't convert Operation '{value.name}' to Tensor (target dtype="
                        f"{dtype}, name={name!r}, as_ref=False)")
    hint = preferred_dtype or dtype_hint
    if dtype is None and hint is not None:
        try:
            return constant(value, _dtypes.as_dtype(hint), name=name or "Const")
        except (TypeError, ValueError):
            pass
    return constant(value, dtype, name=name or "Const")


def placeholder(dtype, shape=None, name=None):
    """`tf.placeholder`: a value fed at run time through `feed_dict`."""
    dtype = _dtypes.as_dtype(dtype)
    if shape is not None:
        shape = TensorShape(shape)
        shape = None if shape.rank is None else [-1 if d is None else d for d in shape.dims]
    return get_default_graph()._create_op("Placeholder", (), name or "Placeholder",
                                          dtype=dtype, shape=shape).outputs[0]


def _graph_of(*values):
    for v in values:
        conv = getattr(v, "_as_graph_tensor", None)
        if conv is not None:
            v = conv()
        if isinstance(v, (Tensor, Operation)):
            return v.graph
    return get_default_graph()


def _operands(x, y, reverse):
    """Tensors for a binary op: a Python/NumPy operand takes the tensor's dtype;
    two tensors keep theirs, and the op reports a mismatch (TypeError), as in TF."""
    def conv(v, other, name):
        if isinstance(v, Tensor) or hasattr(v, "_as_graph_tensor"):
            return convert_to_tensor(v)
        return convert_to_tensor(v, dtype=other.dtype, name=name)
    def is_tensor(v):
        return isinstance(v, Tensor) or hasattr(v, "_as_graph_tensor")
    if reverse or (is_tensor(y) and not is_tensor(x)):
        y = convert_to_tensor(y)
        return conv(x, y, "x"), y
    x = convert_to_tensor(x)
    return x, conv(y, x, "y")


def _binary(op_type, op_name, x, y, reverse=False, name=None):
    """TF's binary_op_wrapper: the Python operand takes the tensor's dtype."""
    g = _graph_of(x, y)
    with g.as_default(), g.name_scope(name or op_name) as scope:
        x, y = _operands(x, y, reverse)
        return g._create_op(op_type, (x, y), scope).outputs[0]


def _truediv(x, y, reverse=False, name=None):
    """`x / y`: integers are cast to float64 first, as TF's truediv does."""
    g = _graph_of(x, y)
    with g.as_default(), g.name_scope(name or "truediv") as scope:
        x, y = _operands(x, y, reverse)
        if x.dtype.is_integer:
            x = cast(x, _dtypes.float64)
            y = cast(y, _dtypes.float64)
        return g._create_op("RealDiv", (x, y), scope).outputs[0]


def add(x, y, name=None):
    return _binary("AddV2", "add", x, y, name=name)


def subtract(x, y, name=None):
    return _binary("Sub", "sub", x, y, name=name)


def multiply(x, y, name=None):
    return _binary("Mul", "mul", x, y, name=name)


def divide(x, y, name=None):
    return _truediv(x, y, name=name)


def floordiv(x, y, name=None):
    return _binary("FloorDiv", "floordiv", x, y, name=name)


def floormod(x, y, name=None):
    return _binary("FloorMod", "mod", x, y, name=name)


def maximum(x, y, name=None):
    return _binary("Maximum", "Maximum", x, y, name=name)


def minimum(x, y, name=None):
    return _binary("Minimum", "Minimum", x, y, name=name)


def negative(x, name=None):
    g = _graph_of(x)
    with g.as_default():
        x = convert_to_tensor(x)
        return g._create_op("Neg", (x,), name or "Neg").outputs[0]


def cast(x, dtype, name=None):
    dtype = _dtypes.as_dtype(dtype)
    g = _graph_of(x)
    with g.as_default():
        x = convert_to_tensor(x)
        if x.dtype == dtype:
            return x
        return g._create_op("Cast", (x,), name or "Cast", dtype=dtype).outputs[0]


def identity(x, name=None):
    g = _graph_of(x)
    with g.as_default():
        x = convert_to_tensor(x)
        return g._create_op("Identity", (x,), name or "Identity").outputs[0]


def shape(x, out_type=None, name=None):
    """`tf.shape` (int32)."""
    g = _graph_of(x)
    with g.as_default():
        x = convert_to_tensor(x)
        return g._create_op("Shape", (x,), name or "Shape").outputs[0]


def no_op(name=None, control_inputs=()):
    return get_default_graph()._create_op("NoOp", (), name or "NoOp",
                                          control_inputs=control_inputs)


def group(*inputs, name=None):
    ops = [i.op if isinstance(i, Tensor) else i for i in inputs]
    return no_op(name or "group_deps", control_inputs=ops)


# ----------------------------------------------------------------- default session

def _session_for(element, session):
    if session is None:
        session = get_default_session()
        if session is None:
            raise ValueError(
                "Cannot evaluate tensor using `eval()`: No default session is registered. "
                "Use `with sess.as_default()` or pass an explicit session to `eval(session=sess)`")
    if session.graph is not element.graph:
        raise ValueError("Cannot use the given session to evaluate tensor: the tensor's graph "
                         "is different from the session's graph.")
    return session


def get_default_session():
    return _stack.sessions[-1] if _stack.sessions else None
