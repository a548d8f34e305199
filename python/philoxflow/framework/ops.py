"""Graphs, operations, tensors, name scopes: the Python face of the Rust graph.

The Rust core (`_core.Graph`) owns ops, ids, dtypes, static shapes, unique names
and the seed policy; this module keeps what TensorFlow keeps in Python too: the
default-graph stack, the per-thread name-scope and control-dependency stacks,
collections, and Tensor objects (whose operators `ops/math_ops.py` installs).
"""

from __future__ import annotations

import contextlib
import re
import threading
import weakref

import numpy as np

from .. import _core, _target
from . import dtypes as _dtypes
from .op_def_library import ref_outputs as _ref_outputs
from .tensor_shape import TensorShape


def _contiguous(a):
    """A C-contiguous array, keeping 0-d arrays 0-d (np.ascontiguousarray makes them 1-d)."""
    a = np.asarray(a)
    return a if a.flags.c_contiguous else a.copy(order="C")


# Graphs by their Rust id: what the run-time shape callback looks ops up in.
_graphs: dict = {}


class _DefaultStack(threading.local):
    def __init__(self):
        self.graphs = []
        self.sessions = []


_stack = _DefaultStack()
_global_default_graphs: dict = {}
_global_lock = threading.Lock()


class _GraphThreadState(threading.local):
    """What TF keeps per thread and graph: the name scope and control dependencies."""

    def __init__(self):
        self.name_stack = ""
        self.control_inputs = []
        # Each `control_dependencies` block: its new ops and the ids of the ops built
        # inside it (TF's _ControlDependenciesController, for its dominance pruning).
        self.controllers = []
        self.cond_context = None


# Callbacks seeing each op built: graph-mode GradientTapes recording.
_OP_RECORDERS: list = []

class Graph:
    """A TensorFlow graph (`tf.Graph`) of the target of the namespace that made it."""

    def __init__(self):
        self._target = _target.current()
        self._c = _core.Graph(self._target.seed_rule)
        gid = self._c.id
        _graphs[gid] = weakref.ref(self, lambda _, gid=gid: _graphs.pop(gid, None))
        self._seed = None
        self._seed_pending = None
        self._ops = []
        self._thread = _GraphThreadState()
        self._collections = {}
        self._lock = threading.RLock()
        #: ids of ops that Python kernels run (`framework/py_kernels.py`).
        self._py_ops = set()

    # -- seeds
    @property
    def seed(self):
        """The graph-level seed as set (`tf.set_random_seed`), or None."""
        return self._seed

    @seed.setter
    def seed(self, seed):
        # TF keeps any value and truncates it whenever an op resolves its seed: a value
        # that is no integer (a float, a Tensor) is truncated then (random_seed.get_seed).
        self._seed_pending = None
        if seed is not None and not hasattr(seed, "__index__"):
            self._seed_pending = seed
            self._c.set_seed(0)
        else:
            self._c.set_seed(seed)  # validates and truncates in Rust
        self._seed = seed

    @property
    def _last_id(self):
        """TF 1.x's id of the newest op (ids start at 1): the number of ops."""
        return len(self._ops)

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
        return self._thread.name_stack

    def unique_name(self, name, mark_as_used=True):
        if self._thread.name_stack:
            name = self._thread.name_stack + "/" + name
        return self._c.unique_name(name, mark_as_used)

    @contextlib.contextmanager
    def name_scope(self, name):
        state = self._thread
        old = state.name_stack
        if name:
            # TF: a root scope must be a valid op name (no leading '_', '-', '/').
            tf1 = self._target.seed_rule == "last_id"
            if tf1:
                pattern = _VALID_SCOPE_NAME if old else _VALID_OP_NAME
            else:
                pattern = _VALID_SCOPE_NAME_TF2 if old else _VALID_OP_NAME_TF2
            if not pattern.match(name):
                if tf1:
                    raise ValueError(f"'{name}' is not a valid scope name")
                kind = "scope" if old else "root scope"  # TF 2.x's words
                raise ValueError(f"'{name}' is not a valid {kind} name. A {kind} name has to "
                                 f"match the following pattern: {pattern.pattern}")
        if not name:
            new, returned = "", ""
        elif name[-1] == "/":
            new, returned = name[:-1], name
        else:
            new = self.unique_name(name)
            returned = new + "/"
        state.name_stack = new
        try:
            yield returned
        finally:
            state.name_stack = old

    # -- control dependencies
    @contextlib.contextmanager
    def control_dependencies(self, control_inputs):
        state = self._thread
        old = state.control_inputs
        old_context = state.cond_context
        old_controllers = state.controllers
        if control_inputs is None:
            state.control_inputs = []
            state.controllers = [([], set())]  # a new stack, as TF's None controller
            state.cond_context = None  # TF clears the control-flow context too
        else:
            ops = []
            for c in control_inputs:
                c = getattr(c, "_as_graph_tensor", lambda c=c: c)()
                ops.append(c.op if isinstance(c, Tensor) else c)
            new = [o for o in ops if o not in old]
            state.control_inputs = old + new
            state.controllers = old_controllers + [(new, set())]
        try:
            yield
        finally:
            state.control_inputs = old
            state.controllers = old_controllers
            state.cond_context = old_context

    # -- ops
    def _create_op(self, op_type, inputs=(), name=None, control_inputs=(), dtype=None,
                   seeds=None, value=None, shape=None, ints=(), outputs=None, attrs=None):
        """Add an op through the Rust graph; returns its Operation.

        `outputs`, for ops of several outputs (build-only), lists each output's
        `(dtype, shape)`; `attrs` are TF attributes kept for `Operation.get_attr`.
        """
        if self.__dict__.get("_finalized"):
            raise RuntimeError("Graph is finalized and cannot be modified.")
        with self._lock:
            tf1 = self._target.seed_rule == "last_id"
            name = (op_type if name is None else name) if tf1 else (name or op_type)
            name = name[:-1] if name and name[-1] == "/" else self.unique_name(name)
            if not tf1 and not _VALID_OP_NAME_TF2.match(name):
                raise ValueError(_tf2_invalid_name(name))
            if not tf1 and "\\" in name:  # TF 2.x's C++ refuses it when a session runs
                self.__dict__.setdefault("_invalid_node_name", name)
            if tf1 and not _VALID_OP_NAME.match(name):
                # TF's C API (TF_FinishOperation) refuses the node
                raise ValueError(f"'{name}' is not a valid node name")
            ids = []
            for t in inputs:
                if t.graph is not self:
                    raise ValueError(
                        f"Tensor {t.name!r} must be from the same graph as the op {name!r}.")
                ids.append(t.op._id)
            # TF's _control_dependencies_for_inputs: a block's control inputs are left
            # out when an input was built inside that block (or is one of them).
            input_ops = [t.op for t in inputs]
            input_ids = {id(o) for o in input_ops}
            ctrl = list(control_inputs)
            controllers = self._thread.controllers
            for block_ops, seen in controllers:
                if any(i in seen for i in input_ids):
                    continue
                ctrl += [c for c in block_ops if id(c) not in input_ids and c not in ctrl]
            if value is not None and dtype is None:
                dtype = _dtypes.as_dtype(value.dtype)
            if self._target.seed_rule == "last_id":  # the op definitions are TF 1.15's
                _check_input_types(op_type, inputs, dtype)
            given = {k: _attr_base(v) for k, v in (attrs or {}).items()}
            attrs = _with_defaults(op_type, given)
            inferred = None
            if value is None and (_partial(shape) or (outputs and any(
                    _partial(o[1]) for o in outputs))):
                # TF's shape function of the op (its C++ SetShapeFn) decides the static
                # shape; what the caller knows beyond it (a wrapper's set_shape) refines it.
                try:
                    inferred = _infer_shapes(op_type, name, inputs, attrs)
                except ValueError as err:  # (TF 2.x words it with the node's summary)
                    _shape_error_tf(op_type, name, inputs, attrs, err, tf1, seeds, dtype, True)
                    raise
                if inferred is not None:
                    if outputs:
                        outputs = [(d, _merge(inferred[i], s) if i < len(inferred) else s)
                                   for i, (d, s) in enumerate(outputs)]
                    elif inferred:
                        shape = _merge(inferred[0], shape)
            if outputs and dtype is None:
                dtype, shape = outputs[0][0], outputs[0][1] if shape is None else shape
            dname = None if dtype is None else _dtypes.as_dtype(dtype).base_dtype.name
            if value is not None and dname == "bfloat16":
                value = _contiguous(value).view(np.uint16)
            if shape is not None:
                shape = TensorShape(shape)
                shape = None if shape.rank is None else [-1 if d is None else d
                                                         for d in shape.as_list()]
            # dtypes the Rust core does not hold (resource and variant handles, quantized
            # types) are Python's (py_kernels): Rust keeps such an op for structure only,
            # under a type it has no kernel for, so it never validates or runs it.
            py_out = dname is not None and dname not in _RUST_DTYPES
            if py_out and shape is None and op_type in _SAME_SHAPE and inputs:
                shape = inputs[0].shape
                shape = None if shape.rank is None else [-1 if d is None else d
                                                         for d in shape.as_list()]
            rname = "string" if py_out else dname
            rtype = "Python" + op_type if py_out else op_type
            # The Rust graph links ops: an input that is a later output of its op (a
            # sparse op's values, Merge's index) is described to its inference.
            # (a handle dtype shows as Rust's stand-in, as for the op's own outputs)
            views = [(k, t._dtype.name if t._dtype.name in _RUST_DTYPES else "string",
                      None if t._shape.rank is None else
                      [-1 if d is None else d for d in t._shape.as_list()])
                     for k, t in enumerate(inputs) if t._index]
            # Rust keeps one shape per op (its first output's): while this op is added,
            # a producer feeding it a later output shows that output's shape.
            swapped = [(t.op, t.shape) for t in inputs if t.value_index > 0
                       and t.shape != t.op._outputs[0].shape]
            for producer, out_shape in swapped:
                self._c.refine_shape(producer._id, _rust_shape(out_shape))
            try:
                op_id, out_dtype, out_shape = self._c.add_op(
                    rtype, name, ids, [c._id for c in ctrl], rname, seeds,
                    value if rtype == op_type else None, shape,
                    [int(i) for i in ints], **({"input_views": views} if views else {}))
            except ValueError as err:
                _shape_error_tf(op_type, name, inputs, attrs, err, tf1, seeds, dtype)
                raise
            finally:
                for producer, _ in swapped:
                    self._c.refine_shape(producer._id, _rust_shape(producer._outputs[0].shape))
            if outputs is None:
                if inferred:
                    out_shape = shape
                elif shape is not None and out_shape != shape:
                    # The wrapper knows more (static shapes set in Python): merge.
                    try:
                        merged = TensorShape(out_shape).merge_with(TensorShape(
                            [None if d == -1 else d for d in shape]))
                        if merged.rank is not None and merged.as_list() != [
                                None if d == -1 else d for d in (out_shape or [])]:
                            self._c.refine_shape(op_id, [-1 if d is None else d
                                                         for d in merged.as_list()])
                        out_shape = merged
                    except ValueError:
                        # Rust knows a multi-output op's first output only: for a later
                        # output as input, the wrapper's shape is the right one.
                        if any(t.value_index > 0 for t in inputs):
                            out_shape = shape
                            try:
                                self._c.refine_shape(op_id, shape)
                            except ValueError:
                                pass
                outputs = [] if op_type in _NO_OUTPUT else [(out_dtype, out_shape)]
            all_attrs = given
            if seeds is not None:
                all_attrs.setdefault("seed", seeds[0])
                all_attrs.setdefault("seed2", seeds[1])
            if rname != dname and len(outputs) == 1:
                outputs = [(dname, outputs[0][1])]
            op = Operation(self, op_id, name, op_type, list(inputs), ctrl, outputs, all_attrs)
            _place(self, op)
            self._ops.append(op)
            if (rtype != op_type or "_py_value" in all_attrs
                    or op_type in _py_kernel_types()):
                self._py_ops.add(op_id)
            for _, seen in controllers:
                seen.add(id(op))
            ctx = self._thread.cond_context
            if ctx is not None:
                ctx.add_op(op)
            for record in _OP_RECORDERS:  # active gradient tapes (eager/backprop.py)
                record(op)
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
        if not op_name or not index.isdigit():
            raise ValueError(f"The name {name!r} refers to a Tensor which does not exist.")
        outs = self.get_operation_by_name(op_name).outputs
        if int(index) >= len(outs):
            raise KeyError(f"The name {name!r} refers to a Tensor which does not exist.")
        return outs[int(index)]

    def as_graph_element(self, obj):
        if isinstance(obj, str):
            return self.get_tensor_by_name(obj) if ":" in obj else self.get_operation_by_name(obj)
        return obj

    # -- collections
    def add_to_collection(self, name, value):
        self._collections.setdefault(name, []).append(value)

    def add_to_collections(self, names, value):
        # TF takes set(names): a name listed twice adds the value once.
        for n in [names] if isinstance(names, str) else dict.fromkeys(names):
            self.add_to_collection(n, value)

    def get_collection_ref(self, name):
        return self._collections.setdefault(name, [])

    def get_collection(self, name, scope=None):
        items = list(self._collections.get(name, []))
        if scope is None:
            return items
        import re

        out = []
        for item in items:
            n = getattr(item, "name", None)
            if n is not None and re.match(scope, n):
                out.append(item)
        return out

    def get_all_collection_keys(self):
        return [k for k in self._collections if not k.startswith("__")]

    def clear_collection(self, name):
        self._collections.pop(name, None)

    # -- devices (`tf.device`, `tf.colocate_with`): recorded, no ops built
    @contextlib.contextmanager
    def device(self, device_name_or_function):
        state = self._thread
        old = getattr(state, "devices", [])
        state.devices = old + [device_name_or_function]
        try:
            yield
        finally:
            state.devices = old

    @contextlib.contextmanager
    def container(self, container_name):
        """`Graph.container`: variables made inside get `container=container_name`."""
        old = getattr(self, "_container", "")
        self._container = container_name
        try:
            yield container_name
        finally:
            self._container = old

    @contextlib.contextmanager
    def colocate_with(self, op, ignore_existing=False):
        state = self._thread
        old_col, old_dev = getattr(state, "colocate", []), getattr(state, "devices", [])
        if op is None and not ignore_existing:
            raise ValueError("Trying to reset colocation (op is None) but "
                             "ignore_existing is not True")
        if op is not None:
            op = getattr(op, "_as_graph_tensor", lambda: op)()
            op = op.op if isinstance(op, Tensor) else op
        state.colocate = ([] if ignore_existing else old_col) + ([op] if op is not None else [])
        state.devices = []  # TF: the colocated op's device wins inside the block
        try:
            yield
        finally:
            state.colocate, state.devices = old_col, old_dev

    @property
    def version(self):
        return len(self._ops)

    @property
    def finalized(self):
        return self.__dict__.get("_finalized", False)

    def finalize(self):
        """Makes the graph read-only (`MonitoredSession` finalizes it)."""
        self._finalized = True

    def _unsafe_unfinalize(self):
        self._finalized = False

    @property
    def building_function(self):
        return False


def _rust_shape(shape):
    return None if shape.rank is None else [-1 if d is None else d for d in shape.as_list()]


_VALID_OP_NAME = re.compile("^[A-Za-z0-9.][A-Za-z0-9_.\\-/]*$")
_VALID_SCOPE_NAME = re.compile("^[A-Za-z0-9_.\\-/]*$")
# TF 2.x also takes '\\' and '>' in names
_VALID_OP_NAME_TF2 = re.compile(r"^[A-Za-z0-9.][A-Za-z0-9_.\\/>-]*$")


def _tf2_invalid_name(name):
    """TF 2.x's words for a node name its Python op check refuses."""
    return (f"`{name}` is not a valid node name. Accepted names conform to Regex "
            f"/{_VALID_OP_NAME_TF2}/")
_VALID_SCOPE_NAME_TF2 = re.compile(r"^[A-Za-z0-9_.\\/>-]*$")


_RUST_DTYPES = frozenset({"float16", "bfloat16", "float32", "float64", "int32", "int64",
                          "bool", "string", "int8", "int16", "uint8", "uint16", "uint32",
                          "uint64", "complex64", "complex128"})
_SAME_SHAPE = frozenset({"Identity", "Cast", "Round", "Neg", "ReverseV2", "Floor",
                         "AdjustContrastv2", "AdjustHue", "AdjustSaturation"})
#: the TF 2 eager target's name (`_target.TF2_EAGER`), whose traced graphs compare
#: tensors element-wise
_TF2_EAGER = "tensorflow 2.21"
_NO_OUTPUT = ("NoOp", "Assert", "AssignVariableOp", "MakeIterator", "AssignAddVariableOp",
              "AssignSubVariableOp")


def _py_kernel_types():
    """Op types that only Python kernels run (imported late: kernels import this module)."""
    from . import py_kernels

    return py_kernels.PY_ONLY


def _place(graph, op):
    """TF 1.15's device functions, innermost first (`None` stops the walk; a spec
    string merges under the fields already set; a function's result is kept as
    given), then the colocation stack (`_class` and the colocated op's device)."""
    from .device import DeviceSpec, merge_device

    state = graph._thread
    device = ""
    colocate = getattr(state, "colocate", ())
    refs = _ref_inputs(op)
    # TF's `_MaybeColocateWith`: an op is colocated with its reference-typed inputs (a
    # variable's Assign with the variable); colocation clears the device functions.
    for spec in [] if refs else reversed(getattr(state, "devices", ())):
        if spec is None:
            break
        if callable(spec) and not isinstance(spec, DeviceSpec):
            op._device = device
            device = spec(op) or ""
            device = device.to_string() if isinstance(device, DeviceSpec) else device
        else:
            device = merge_device(spec if isinstance(spec, str) else spec.to_string(),
                                  device) if device else merge_device("", spec)
    op._device = device
    colocate = list(colocate) + [r for r in refs if r not in colocate]
    if colocate:
        groups = []
        for c in colocate:
            groups.extend(g for g in c.colocation_groups() if g not in groups)
            if c.device:
                op._device = c.device
        op._attrs["_class"] = groups


def _ref_inputs(op):
    """The ops of `op`'s reference-typed inputs (by its TF 1.15 definition)."""
    if not op._inputs:
        return []
    from .op_def_library import op_def

    od = op_def(op._type)
    if od is None or not any(a.get("is_ref") for a in od["inputs"]):
        return []
    args = od["inputs"]
    if any("number_attr" in a or "type_list_attr" in a for a in args) or len(args) != len(
            op._inputs):
        return []
    return [t.op for a, t in zip(args, op._inputs) if a.get("is_ref")]


def get_default_graph():
    """The innermost graph of `Graph.as_default()` on this thread, else the global
    default graph of the calling namespace's target."""
    if _stack.graphs:
        return _stack.graphs[-1]
    target = _target.current()
    with _global_lock:
        g = _global_default_graphs.get(target)
        if g is None:
            g = _global_default_graphs[target] = Graph()
        return g


def reset_default_graph():
    """Replace the global default graph with a new, empty one."""
    if _stack.graphs:
        raise AssertionError(
            "Do not use tf.reset_default_graph() to clear nested graphs. If you need a "
            "cleared graph, exit the nesting and create a new graph.")
    with _global_lock:
        _global_default_graphs.pop(_target.current(), None)


def control_dependencies(control_inputs):
    """`tf.control_dependencies` on the default graph."""
    return get_default_graph().control_dependencies(control_inputs)


def _find_graph(v):
    conv = getattr(v, "_as_graph_tensor", None)
    if conv is not None:
        v = conv()
    if isinstance(v, (Tensor, Operation)):
        return v.graph
    if isinstance(v, (list, tuple)):
        for x in v:
            g = _find_graph(x)
            if g is not None:
                return g
    return None


def _graph_of(*values):
    """The graph of the first tensor among `values` (nested lists too), else the default."""
    for v in values:
        g = _find_graph(v)
        if g is not None:
            # Inside a function graph, outer graphs' tensors are captured (TF's rule).
            d = get_default_graph()
            outer = getattr(d, "_outer", None)
            while outer is not None:
                if outer is g:
                    return d
                outer = getattr(outer, "_outer", None)
            return g
    return get_default_graph()


@contextlib.contextmanager
def name_scope(name, default_name=None, values=None):
    """`tf.name_scope` (v1 signature) on the default graph (or the values' graph)."""
    g = None
    for v in values or ():
        v = getattr(v, "_as_graph_tensor", lambda v=v: v)()
        if isinstance(v, (Tensor, Operation)):
            g = _graph_of(v)  # (a function graph built inside v's graph captures it)
            break
    g = g or get_default_graph()
    n = name if name is not None else default_name
    if n is None and values is not None:
        raise ValueError("At least one of name (None) and default_name (None) must be provided.")
    with g.as_default(), g.name_scope(n) as scope:
        yield scope


# ----------------------------------------------------------------- ops and tensors

class Operation:
    """A graph node (`tf.Operation`) and its outputs."""

    __slots__ = ("_graph", "_id", "_name", "_type", "_inputs", "_control_inputs", "_outputs",
                 "_attrs", "_device")

    def __init__(self, graph, op_id, name, op_type, inputs, control_inputs, outputs, attrs):
        self._graph = graph
        self._id = op_id
        self._name = name
        self._type = op_type
        self._inputs = inputs
        self._control_inputs = control_inputs
        self._attrs = attrs
        self._device = ""
        cls = SymbolicTensor if graph._target.v2_gradients_and_control_flow else Tensor
        self._outputs = [cls(self, i, _dtypes.as_dtype(d).base_dtype, TensorShape(s))
                         for i, (d, s) in enumerate(outputs)]

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

    @property
    def device(self):
        return self._device

    def _set_device(self, device):
        from .device import canonical

        self._device = canonical(device)

    def colocation_groups(self):
        """TF's colocation groups: `_class` if set, else the op's own `loc:@name`."""
        return list(self._attrs.get("_class") or [f"loc:@{self._name}".encode()])

    def get_attr(self, name):
        """TF's `Operation.get_attr`: dtypes as `tf.DType`, shapes as `TensorShape`, a
        Const's `value` as a NumPy array (where TF gives a TensorProto). Attributes the
        Rust op lacks (structure-only ops) come from what the wrapper recorded."""
        if name in self._attrs:
            return _as_attr_value(self._type, name, self._attrs[name])
        from .op_def_library import infer_attr

        inferred = infer_attr(self, name)
        if inferred is not None:
            return inferred
        attrs = self._graph._c.op_attrs(self._id)
        if name not in attrs:
            from .op_def_library import _default, op_def

            for a in (op_def(self._type) or {"attrs": ()})["attrs"]:
                if a["name"] == name and "default" in a:
                    return _default(a)
            raise ValueError(f"Operation {self._name!r} has no attr named {name!r}.")
        value = attrs[name]
        if name in _DTYPE_ATTRS:
            return _dtypes.as_dtype(value)
        if name == "shape":
            return TensorShape(value)
        if name == "value" and attrs["dtype"] == "bfloat16" and _dtypes._BFLOAT16_NP is not None:
            return value.view(_dtypes._BFLOAT16_NP)
        return value

    def run(self, feed_dict=None, session=None):
        _session_for(self, session).run(self, feed_dict)

    def __repr__(self):
        return f"<tf.Operation '{self._name}' type={self._type}>"


def _attr_base(value):
    """A type attribute never holds a reference dtype (TF's attrs take the base type of a
    `float32_ref` input)."""
    if isinstance(value, _dtypes.DType):
        return value.base_dtype
    if isinstance(value, (list, tuple)) and value and all(
            isinstance(v, _dtypes.DType) for v in value):
        return type(value)(v.base_dtype for v in value)
    return value


# Attributes whose values are dtypes (returned by `Operation.get_attr` as `tf.DType`).
_DTYPE_ATTRS = frozenset({"dtype", "T", "Tout", "SrcT", "DstT", "out_type"})


class Tensor:
    """A symbolic graph value (`tf.Tensor`): output `value_index` of an Operation."""

    __slots__ = ("_op", "_index", "_dtype", "_shape", "__weakref__")
    __array_priority__ = 100

    def __init__(self, op, index, dtype, shape):
        self._op = op
        self._index = index
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
        return f"{self._op._name}:{self._index}"

    @property
    def value_index(self):
        return self._index

    @property
    def dtype(self):
        """TF's dtype: a reference output (`VariableV2`, `Assign`, …) has `float32_ref`;
        philoxflow keeps the value dtype in `_dtype` for its kernels."""
        op_type = getattr(self._op, "_type", None)  # eager tensors' ops have none
        if op_type is not None and self._index in _ref_outputs(op_type):
            return self._dtype._as_ref
        return self._dtype

    @property
    def shape(self):
        return self._shape

    @property
    def device(self):
        return self._op._device

    def get_shape(self):
        return self._shape

    def set_shape(self, shape):
        shape = TensorShape(shape)
        if not self._shape.is_compatible_with(shape):
            raise ValueError(f"Tensor's shape {self._shape} is not compatible with supplied "
                             f"shape {shape}.")
        self._shape = self._shape.merge_with(shape)
        if self._index == 0 and len(self._op._outputs) == 1 and self._shape.rank is not None:
            self.graph._c.refine_shape(self._op._id, [-1 if d is None else d
                                                      for d in self._shape.as_list()])

    def consumers(self):
        return [op for op in self.graph._ops if any(t is self for t in op._inputs)]

    def eval(self, feed_dict=None, session=None):
        return _session_for(self, session).run(self, feed_dict)

    def _shape_str(self):
        """The static shape as the graph's TF prints it (TF 2.x: None for unknown)."""
        tf1 = self._op._graph._target.seed_rule == "last_id"
        return str(self._shape) if tf1 else self._shape._v2_str()

    def __repr__(self):
        return f"<tf.Tensor '{self.name}' shape={self._shape_str()} dtype={self._dtype.name}>"

    def __str__(self):
        shape = "" if self._shape.rank is None else f", shape={self._shape_str()}"
        device = getattr(self._op, "device", "")
        device = f", device={device}" if device else ""
        return f'Tensor("{self.name}"{shape}, dtype={self._dtype.name}{device})'

    def __hash__(self):
        return id(self)

    def __eq__(self, other):
        # TF 2.x (`Tensor._USE_EQUALITY`): element-wise in the graphs TF 2 code traces
        # (tf.function, tf.data functions); identity in TF 1.x graphs.
        if self is not other and getattr(self._op._graph._target, "name", "") == _TF2_EAGER:
            from ..ops.math_ops import equal

            return equal(self, other)
        return self is other

    def __ne__(self, other):
        if self is not other and getattr(self._op._graph._target, "name", "") == _TF2_EAGER:
            from ..ops.math_ops import not_equal

            return not_equal(self, other)
        return self is not other

    def __bool__(self):
        raise TypeError(
            "Using a `tf.Tensor` as a Python `bool` is not allowed in Graph execution.")

    def __array__(self, dtype=None, copy=None):
        if self._op._graph._target.seed_rule != "last_id":  # TF 2.x's words
            raise NotImplementedError(
                f"Cannot convert a symbolic tf.Tensor ({self.name}) to a numpy array. This "
                "error may indicate that you're trying to pass a Tensor to a NumPy call, which "
                "is not supported.")
        raise NotImplementedError(f"Cannot convert a symbolic Tensor ({self.name}) to a numpy "
                                  f"array.")

    def __iter__(self):
        if self._op._graph._target.seed_rule != "last_id":
            raise TypeError("Tensor objects are only iterable when eager execution is enabled.")
        return self._disallowed_iteration()  # TF 1.15: a generator that raises when iterated

    def _disallowed_iteration(self):
        from ..errors import OperatorNotAllowedInGraphError

        raise OperatorNotAllowedInGraphError(
            "iterating over `tf.Tensor` is not allowed in Graph execution. Use Eager execution "
            "or decorate this function with @tf.function.")
        yield  # (unreachable: makes this a generator, as TF's __iter__ is)

    def __len__(self):
        if self._op._graph._target.seed_rule != "last_id":  # TF 2.x's words
            raise TypeError(f"len is not well defined for a symbolic Tensor ({self.name}). "
                            "Please call `x.shape` rather than `len(x)` for shape information.")
        raise TypeError(f"len is not well defined for symbolic Tensors. ({self.name}) Please "
                        f"call `x.shape` rather than `len(x)` for shape information.")


class SymbolicTensor(Tensor):
    """A graph tensor as TF 2.x names its class (`type(t).__name__` is
    'SymbolicTensor' in TF 2.21's graphs); otherwise `Tensor` itself."""

    __slots__ = ()


#: the classes of graph tensors (Session's fast paths compare classes, not isinstance)
GRAPH_TENSORS = (Tensor, SymbolicTensor)


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


def device(device_name_or_function):
    """`tf.device`: ops built inside get the device (no op is built)."""
    return get_default_graph().device(device_name_or_function)


def container(container_name):
    """`tf.container`: the default graph's `Graph.container`."""
    return get_default_graph().container(container_name)


def colocate_with(op, ignore_existing=False):
    """`tf.colocate_with`: ops built inside share `op`'s colocation group and device."""
    return _graph_of(op).colocate_with(op, ignore_existing)


def get_default_session():
    return _stack.sessions[-1] if _stack.sessions else None


def add_to_collection(name, value):
    get_default_graph().add_to_collection(name, value)


def add_to_collections(names, value):
    get_default_graph().add_to_collections(names, value)


def get_collection(key, scope=None):
    return get_default_graph().get_collection(key, scope)


def get_collection_ref(key):
    return get_default_graph().get_collection_ref(key)


class GraphKeys:
    """Standard collection names (`tf.GraphKeys`)."""

    GLOBAL_VARIABLES = "variables"
    LOCAL_VARIABLES = "local_variables"
    MODEL_VARIABLES = "model_variables"
    TRAINABLE_VARIABLES = "trainable_variables"
    UPDATE_OPS = "update_ops"
    LOSSES = "losses"
    REGULARIZATION_LOSSES = "regularization_losses"
    MOVING_AVERAGE_VARIABLES = "moving_average_variables"
    SUMMARIES = "summaries"
    INIT_OP = "init_op"
    VARIABLES = GLOBAL_VARIABLES
    # The rest of TF 1.15's keys (issue 16).
    ACTIVATIONS = "activations"
    ASSET_FILEPATHS = "asset_filepaths"
    BIASES = "biases"
    CONCATENATED_VARIABLES = "concatenated_variables"
    COND_CONTEXT = "cond_context"
    EVAL_STEP = "eval_step"
    GLOBAL_STEP = "global_step"
    LOCAL_INIT_OP = "local_init_op"
    LOCAL_RESOURCES = "local_resources"
    METRIC_VARIABLES = "metric_variables"
    QUEUE_RUNNERS = "queue_runners"
    READY_FOR_LOCAL_INIT_OP = "ready_for_local_init_op"
    READY_OP = "ready_op"
    RESOURCES = "resources"
    SAVEABLE_OBJECTS = "saveable_objects"
    SAVERS = "savers"
    SUMMARY_OP = "summary_op"
    TABLE_INITIALIZERS = "table_initializer"
    TRAINABLE_RESOURCE_VARIABLES = "trainable_resource_variables"
    TRAIN_OP = "train_op"
    WEIGHTS = "weights"
    WHILE_CONTEXT = "while_context"


# Shape inference of new ops lives in its own module; imported last (it reads this one).
from .shape_inference import (  # noqa: E402
    _as_attr_value,
    _check_input_types,
    _infer_shapes,
    _merge,
    _partial,
    _shape_error_tf,
    _with_defaults,
)


def convert_to_tensor(value, dtype=None, name=None, preferred_dtype=None, dtype_hint=None):
    """TF's `ops.convert_to_tensor` (model code calls it through this module)."""
    from .constant_op import convert_to_tensor as convert

    return convert(value, dtype=dtype, name=name, preferred_dtype=preferred_dtype,
                   dtype_hint=dtype_hint)
