"""Variables (`tf.Variable`, TF 1.x's RefVariable): a session stores each value
from the time its initializer (an Assign op) runs.

Built as TF 1.15 builds them: in a name scope `name`, the initial value (under
`Initializer/` when given as a callable, so it is built after the scope is
named), then the `VariableV2` op, its `Assign` and the `read` Identity.
"""

from __future__ import annotations

from ..framework import dtypes as _dtypes
from ..framework.constant_op import convert_to_tensor
from ..framework.ops import (
    GraphKeys,
    Tensor,
    _stack,
    control_dependencies,
    get_default_graph,
)
from ..framework.tensor_shape import TensorShape
from .control_flow_ops import no_op
from .variable_creator import (  # noqa: F401 - TF's variables module has them
    VariableAggregation,
    VariableAggregationV2,
    VariableSynchronization,
)

GLOBAL_VARIABLES = GraphKeys.GLOBAL_VARIABLES
TRAINABLE_VARIABLES = GraphKeys.TRAINABLE_VARIABLES


class _InitScope:
    """TF's `init_scope` in graph mode: no control dependencies and no cond context
    while a variable is made (`control_dependencies(None)` clears both in TF)."""

    def __init__(self, graph):
        self._graph = graph
        self._cm = graph.control_dependencies(None)

    def __enter__(self):
        state = self._graph._thread
        self._old_ctx = state.cond_context
        self._cm.__enter__()
        state.cond_context = None

    def __exit__(self, *exc):
        # The control-dependency scope restores its own saved context first.
        suppress = self._cm.__exit__(*exc)
        self._graph._thread.cond_context = self._old_ctx
        return suppress


class SaveSliceInfo:
    """Where a partition lies in its full variable (`Variable.SaveSliceInfo`)."""

    def __init__(self, full_name=None, full_shape=None, var_offset=None, var_shape=None,
                 save_slice_info_def=None, import_scope=None):
        self.full_name = full_name
        self.full_shape = full_shape
        self.var_offset = var_offset
        self.var_shape = var_shape

    @property
    def spec(self):
        full = " ".join("%d" % d for d in self.full_shape) + " "
        return full + ":".join("%d,%d" % (o, s) for o, s in zip(self.var_offset,
                                                                 self.var_shape))


class _VariableMeta(type):
    """`tf.Variable(...)` goes through the graph's variable creators (TF's metaclass)."""

    def __instancecheck__(cls, inst):
        # A namespace's bound `Variable` (compat.v1's) knows every variable, resource or
        # ref, whichever function made it.
        if cls.__name__ == "Variable" and issubclass(cls, Variable):
            cls = Variable
        return type.__instancecheck__(cls, inst)

    def __call__(cls, *args, **kwargs):
        from .variable_creator import creator_stack

        if getattr(cls, "_is_resource", False):  # TF: ResourceVariable(...) is direct
            return super().__call__(*args, **kwargs)
        stack = creator_stack(get_default_graph()) if issubclass(cls, Variable) else []
        kw = dict(zip(_INIT_ARGS, args))
        kw.update(kwargs)
        if not stack:
            return _default_creator(cls, kw)
        if kw.get("aggregation") is None:
            from .variable_creator import VariableAggregation

            kw["aggregation"] = VariableAggregation.NONE
        kw.setdefault("synchronization", None)

        def make_getter(creator, previous):
            return lambda **k: creator(previous, **k)
        getter = lambda **k: _default_creator(cls, k)  # noqa: E731
        for _, creator in stack:
            getter = make_getter(creator, getter)
        return getter(**kw)


def check_args(initial_value, trainable, collections, variable_def, constraint,
               synchronization, aggregation, name):
    """TF's argument checks of a variable's constructor (ref and resource variables alike).
    Returns (synchronization, aggregation, trainable, the collections as a list, with
    TRAINABLE_VARIABLES added where trainable)."""
    if variable_def is not None:
        raise NotImplementedError("philoxflow has no VariableDef protos (from_proto)")
    if initial_value is None:
        raise ValueError("initial_value must be specified.")
    if collections is None:
        collections = [GLOBAL_VARIABLES]
    if not isinstance(collections, (list, tuple, set)):
        raise ValueError(
            "collections argument to Variable constructor must be a list, tuple, or set. "
            f"Got {collections} of type {type(collections)}")
    if constraint is not None and not callable(constraint):
        raise ValueError("The `constraint` argument must be a callable.")
    from .variable_creator import validate_synchronization_aggregation_trainable

    synchronization, aggregation, trainable = validate_synchronization_aggregation_trainable(
        synchronization, aggregation, trainable, name)
    collections = list(collections)
    if trainable and TRAINABLE_VARIABLES not in collections:
        collections.append(TRAINABLE_VARIABLES)
    return synchronization, aggregation, trainable, collections


def _default_creator(cls, kw):
    """TF's `default_variable_creator`: a ResourceVariable where `use_resource` (the
    argument, the variable scope's, or the TF version's default) asks for one."""
    from . import resource_variable_ops as rvo

    if not rvo.use_resource_for(kw.get("use_resource")):
        return type.__call__(cls, **kw)
    kw = {k: v for k, v in kw.items() if k not in ("use_resource", "expected_shape")}
    return rvo.ResourceVariable(**kw)


_INIT_ARGS = ("initial_value", "trainable", "collections", "validate_shape", "caching_device",
              "name", "variable_def", "dtype", "expected_shape", "import_scope", "constraint",
              "use_resource", "synchronization", "aggregation", "shape")


class Variable(metaclass=_VariableMeta):
    """`tf.Variable` (TF 1.x's RefVariable): `VariableV2`, its `Assign` initializer
    and the `read` snapshot."""

    SaveSliceInfo = SaveSliceInfo
    __array_priority__ = 100

    def __init__(self, initial_value=None, trainable=None, collections=None,
                 validate_shape=True, caching_device=None, name=None, variable_def=None,
                 dtype=None, expected_shape=None, import_scope=None, constraint=None,
                 use_resource=None, synchronization=None, aggregation=None, shape=None):
        self._synchronization, self._aggregation, trainable, collections = check_args(
            initial_value, trainable, collections, variable_def, constraint, synchronization,
            aggregation, name)
        g = get_default_graph()
        if dtype is not None:
            dtype = _dtypes.as_dtype(dtype)
        init_from_fn = callable(initial_value)
        with _InitScope(g), g.as_default():
            values = [] if init_from_fn else [initial_value]
            from ..framework.ops import name_scope

            with name_scope(name, "Variable", values) as scope:
                if init_from_fn:
                    first = len(g._ops)
                    with g.name_scope("Initializer"), g.device(None):  # TF: no device
                        init = convert_to_tensor(initial_value(), name="initial_value",
                                                 dtype=dtype)
                    # TF's `_attr_scope({"_class": loc:@<variable>})` around the initializer.
                    loc = [f"loc:@{scope[:-1] if scope.endswith('/') else scope}".encode()]
                    for op in g._ops[first:]:
                        op._attrs.setdefault("_class", loc)
                else:
                    init = convert_to_tensor(initial_value, name="initial_value", dtype=dtype)
                    from .control_flow_ops import get_context

                    if get_context(init.op) is not None:
                        raise ValueError(
                            f"Initializer for variable {scope} is from inside a control-flow "
                            "construct, such as a loop or conditional. When creating a "
                            "variable inside a loop or conditional, use a lambda as the "
                            "initializer.")
                static = init.shape if validate_shape else TensorShape(None)
                if shape is not None:
                    static = TensorShape(shape)
                self._var = g._create_op("VariableV2", (), scope, dtype=init.dtype,
                                         shape=static,
                                         attrs={"dtype": init.dtype, "shared_name": b"",
                                                "container": getattr(g, "_container",
                                                                     "").encode()})
                if validate_shape and not init.shape.is_fully_defined():
                    raise ValueError(f"initial_value must have a shape specified: {init}")
                self._ref_t = self._var.outputs[0]
                self._initial_value = init
                guarded = _guard_uninitialized_dependencies(scope, init)
                assign_shape = (static.merge_with(guarded.shape) if validate_shape
                                and static.is_compatible_with(guarded.shape) else guarded.shape)
                self._initializer_op = g._create_op("Assign", (self._ref_t, guarded), "Assign",
                                                    shape=assign_shape,
                                                    attrs={"validate_shape": validate_shape})
                # TF: the snapshot on the caching device, else colocated with the variable
                with (g.device(caching_device) if caching_device is not None
                      else g.colocate_with(self._var)):
                    self._snapshot = g._create_op("Identity", (self._ref_t,),
                                                  "read").outputs[0]
        self._graph = g
        self._trainable = trainable
        self._constraint = constraint
        self._caching_device = caching_device
        self._save_slice_info = None
        g.add_to_collections(collections, self)

    def _as_graph_tensor(self):
        return self._snapshot

    @property
    def name(self):
        return self._ref_t.name

    @property
    def op(self):
        return self._var

    @property
    def graph(self):
        return self._graph

    @property
    def dtype(self):
        d = self._ref_t.dtype  # TF 1.15: `float32_ref`; TF 2.21's resource variables: float32
        return d.base_dtype if self._graph._target.resource_variables else d

    @property
    def shape(self):
        return self._ref_t.shape

    @property
    def trainable(self):
        return self._trainable

    @property
    def constraint(self):
        return self._constraint

    @property
    def synchronization(self):
        return self._synchronization

    @property
    def aggregation(self):
        return self._aggregation

    @property
    def device(self):
        return self._var.device

    def get_shape(self):
        return self.shape

    def set_shape(self, shape):
        self._ref_t.set_shape(shape)
        self._snapshot.set_shape(shape)

    @property
    def initializer(self):
        return self._initializer_op

    @property
    def initial_value(self):
        return self._initial_value

    def value(self):
        return self._snapshot

    def read_value(self):
        """A new `read` Identity of the ref in the current scope, as TF's RefVariable."""
        from .array_ops import identity

        return identity(self._ref_t, name="read")

    def _ref_tensor(self):
        return self._ref_t

    def _ref(self):
        """TF's `_ref()`: the variable's ref tensor (what assignments write)."""
        return self._ref_t

    @property
    def _shared_name(self):
        return self._var.name

    @property
    def _distribute_strategy(self):
        return None

    def initialized_value(self):
        """The value once initialized: `cond(is_variable_initialized, read, initial)`."""
        from .control_flow_ops import cond
        from .state_ops import is_variable_initialized

        g = self._graph
        with _InitScope(g), g.as_default():
            return cond(is_variable_initialized(self), self.read_value,
                        lambda: self.initial_value)

    def assign(self, value, use_locking=None, name=None, read_value=True):
        from .state_ops import assign

        with self._graph.as_default():
            t = assign(self._ref_t, value, use_locking=use_locking, name=name)
        return t if read_value else t.op

    def assign_add(self, delta, use_locking=None, name=None, read_value=True):
        from .state_ops import assign_add

        with self._graph.as_default():
            t = assign_add(self._ref_t, delta, use_locking=use_locking, name=name)
        return t if read_value else t.op

    def assign_sub(self, delta, use_locking=None, name=None, read_value=True):
        from .state_ops import assign_sub

        with self._graph.as_default():
            t = assign_sub(self._ref_t, delta, use_locking=use_locking, name=name)
        return t if read_value else t.op

    def count_up_to(self, limit):
        from .state_ops import count_up_to

        with self._graph.as_default():
            return count_up_to(self._ref_t, limit)

    def load(self, value, session=None):
        """Writes `value` by feeding the initializer's value input (builds no op)."""
        from ..framework.ops import get_default_session

        session = session or get_default_session()
        if session is None:
            raise ValueError("Either session argument should be provided or default session "
                             "should be established")
        session.run(self._initializer_op, {self._initializer_op.inputs[1]: value})

    def eval(self, session=None):
        return self._snapshot.eval(session=session)

    def _set_save_slice_info(self, save_slice_info):
        self._save_slice_info = save_slice_info

    def _get_save_slice_info(self):
        return self._save_slice_info

    def to_proto(self, export_scope=None):
        raise NotImplementedError("philoxflow has no VariableDef protos")

    @staticmethod
    def from_proto(variable_def, import_scope=None):
        raise NotImplementedError("philoxflow has no VariableDef protos")

    def __repr__(self):
        return (f"<tf.Variable '{self.name}' shape={self.shape} "
                f"dtype={self.dtype.name}_ref>")

    def __iter__(self):
        # Without it Python iterates through `__getitem__` forever, as TF notes.
        raise TypeError("'Variable' object is not iterable.")

    # TF 1.x's in-place operators build `x op y` (a new tensor), not an assignment.
    def __iadd__(self, other):
        return self + other

    def __isub__(self, other):
        return self - other

    def __imul__(self, other):
        return self * other

    def __itruediv__(self, other):
        return self / other

    def __ipow__(self, other):
        return self ** other

    def __getattr__(self, name):
        # Tensor methods (arithmetic, indexing) act on the variable's value, as in TF.
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self._snapshot, name)


def _forward(op):
    """The Tensor operator on the variable's value (wrapping it, as TF's overloads)."""
    import functools

    @functools.wraps(getattr(Tensor, op))
    def forward(self, *a):
        return getattr(self._snapshot, op)(*a)

    return forward


for _op in ("__add__", "__radd__", "__sub__", "__rsub__", "__mul__", "__rmul__",
            "__truediv__", "__rtruediv__", "__floordiv__", "__rfloordiv__", "__mod__",
            "__rmod__", "__pow__", "__rpow__", "__neg__", "__abs__", "__getitem__",
            "__gt__", "__ge__", "__lt__", "__le__", "__matmul__", "__rmatmul__",
            "__and__", "__rand__", "__or__", "__ror__", "__xor__", "__rxor__", "__invert__",
            "__div__", "__rdiv__"):
    if hasattr(Tensor, _op) or _op in ("__div__", "__rdiv__"):
        setattr(Variable, _op, _forward(_op if hasattr(Tensor, _op) else
                                        _op.replace("div", "truediv")))


# -- TF 1.x guards an initial value that reads other variables: their reads are
# replaced by `initialized_value()` conds, and every op on the way is rebuilt
# under `<op name>_<variable scope>` (variables.py's _try_guard_against_...).

_KEEP = ("IsVariableInitialized", "VarIsInitializedOp", "ReadVariableOp", "If")


def _guard_uninitialized_dependencies(scope, init):
    if _has_cycle(init.op, {}):
        return init
    return _safe_tensor(scope, init, {})


def _has_cycle(op, state):
    st = state.get(op.name)
    if st == 1:
        return True
    if st == 2:
        return False
    state[op.name] = 1
    for i in [t.op for t in op._inputs] + list(op._control_inputs):
        if _has_cycle(i, state):
            return True
    state[op.name] = 2
    return False


def _safe_tensor(scope, t, cache):
    new = cache.get(t.op.name)
    if new is None:
        new = cache[t.op.name] = _safe_op(scope, t.op, cache)
    return new.outputs[t.value_index]


def _safe_op(scope, op, cache):
    if op.type in _KEEP:
        return op
    if op.type == "VariableV2":
        names = (op.name, op.name + ":0")
        g = op.graph
        for key in (GLOBAL_VARIABLES, GraphKeys.LOCAL_VARIABLES):
            for v in g.get_collection(key):
                if getattr(v, "name", None) in names and hasattr(v, "initialized_value"):
                    return v.initialized_value().op
        return op
    inputs = [_safe_tensor(scope, t, cache) for t in op._inputs]
    if all(a is b for a, b in zip(inputs, op._inputs)):
        return op
    op_type = "Switch" if op.type == "RefSwitch" else op.type
    name = (op.name + "_" + scope).replace(":", "_")
    g = op.graph
    attrs = g._c.op_attrs(op._id)
    seeds = (attrs["seed"], attrs["seed2"]) if "seed" in attrs and "seed2" in attrs else None
    outs = [(t.dtype, t.shape) for t in op.outputs]
    return g._create_op(op_type, inputs, name, dtype=outs[0][0] if outs else None,
                        shape=outs[0][1] if len(outs) == 1 else None, seeds=seeds,
                        attrs=dict(op._attrs), outputs=outs if len(outs) > 1 else None)


VariableV1 = Variable


def global_variables(scope=None):
    return get_default_graph().get_collection(GLOBAL_VARIABLES, scope)


def trainable_variables(scope=None):
    return get_default_graph().get_collection(TRAINABLE_VARIABLES, scope)


def local_variables(scope=None):
    return get_default_graph().get_collection(GraphKeys.LOCAL_VARIABLES, scope)


def model_variables(scope=None):
    return get_default_graph().get_collection(GraphKeys.MODEL_VARIABLES, scope)


def variables_initializer(var_list, name="init"):
    """A NoOp that runs the initializers of `var_list`."""
    if not var_list:
        return no_op(name=name)
    from .control_flow_ops import group

    return group(*[v.initializer for v in var_list], name=name)


def global_variables_initializer():
    return variables_initializer(global_variables())


def local_variables_initializer():
    return variables_initializer(local_variables(), name="init_1" if False else "init")


initialize_all_variables = global_variables_initializer
initialize_variables = variables_initializer
initialize_local_variables = local_variables_initializer
all_variables = global_variables


def moving_average_variables(scope=None):
    return get_default_graph().get_collection(GraphKeys.MOVING_AVERAGE_VARIABLES, scope)


def is_variable_initialized(variable):
    """`tf.is_variable_initialized`: a scalar bool `IsVariableInitialized` op."""
    from .state_ops import is_variable_initialized as _init

    return _init(variable)


def assert_variables_initialized(var_list=None):
    """TF's obsolete check: one `Rank` (unoptimized) per variable, stacked."""
    from .array_ops import stack
    from .gen import apply_op

    if var_list is None:
        var_list = global_variables() + local_variables()
    if not var_list:
        var_list = [op.outputs[0] for op in get_default_graph().get_operations()
                    if op.type in ("Variable", "VariableV2", "AutoReloadVariable")]
    if not var_list:
        return None
    ranks = [apply_op("Rank", None, [(v, "input", None)], dtype=_dtypes.int32, shape=[])
             for v in var_list]
    return ranks[0] if len(ranks) == 1 else stack(ranks)


def report_uninitialized_variables(var_list=None, name="report_uninitialized_variables"):
    """`tf.report_uninitialized_variables`: the names of the variables of `var_list` not
    yet initialized (TF 1.15's IsVariableInitialized/Stack/LogicalNot/BooleanMask, on
    the CPU)."""
    import os

    from ..framework.constant_op import constant
    from ..framework.ops import device, name_scope
    from .array_ops import stack
    from .array_ops_ext import boolean_mask
    from .math_ops_ext import logical_not
    from .state_ops import is_variable_initialized as _init

    if var_list is None:
        var_list = global_variables() + local_variables()
        if not var_list:
            var_list = [op.outputs[0] for op in get_default_graph().get_operations()
                        if op.type in ("Variable", "VariableV2", "AutoReloadVariable")]
    with name_scope(name):
        if var_list:
            init_vars = [_init(v) for v in var_list]
        local_device = os.environ.get("TF_DEVICE_FOR_UNINITIALIZED_VARIABLE_REPORTING",
                                      "/cpu:0")
        with device(local_device):
            if not var_list:
                return constant([], dtype=_dtypes.string)
            variables_mask = logical_not(stack(init_vars))
            variable_names_tensor = constant([s.op.name for s in var_list])
            return boolean_mask(variable_names_tensor, variables_mask)


__all__ = ["Variable", "VariableV1", "global_variables", "trainable_variables",
           "local_variables", "model_variables", "variables_initializer",
           "global_variables_initializer", "local_variables_initializer",
           "initialize_all_variables", "control_dependencies", "_stack", "SaveSliceInfo",
           "initialize_variables", "initialize_local_variables", "all_variables",
           "moving_average_variables", "is_variable_initialized",
           "assert_variables_initialized", "report_uninitialized_variables"]
