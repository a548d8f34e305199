"""Variables (`tf.Variable`, TF 1.x's RefVariable): a session stores each value
from the time its initializer (an Assign op) runs.

Built as TF 1.15 builds them: in a name scope `name`, the initial value (under
`Initializer/` when given as a callable, so it is built after the scope is
named), then the `VariableV2` op, its `Assign` and the `read` Identity.
"""

from __future__ import annotations

from ..framework import dtypes as _dtypes
from ..framework.constant_op import convert_to_tensor
from ..framework.ops import GraphKeys, _stack, control_dependencies, get_default_graph
from ..framework.tensor_shape import TensorShape
from .control_flow_ops import no_op

GLOBAL_VARIABLES = GraphKeys.GLOBAL_VARIABLES
TRAINABLE_VARIABLES = GraphKeys.TRAINABLE_VARIABLES


class _InitScope:
    """TF's `init_scope` in graph mode: no control dependencies while a variable is made."""

    def __init__(self, graph):
        self._cm = graph.control_dependencies(None)

    def __enter__(self):
        self._cm.__enter__()

    def __exit__(self, *exc):
        return self._cm.__exit__(*exc)


class Variable:
    """`tf.Variable`: storage op, `Assign` initializer and a `read` snapshot."""

    def __init__(self, initial_value=None, trainable=None, collections=None,
                 validate_shape=True, caching_device=None, name=None, variable_def=None,
                 dtype=None, expected_shape=None, import_scope=None, constraint=None,
                 use_resource=None, synchronization=None, aggregation=None, shape=None):
        if initial_value is None:
            raise ValueError("initial_value must be specified.")
        trainable = True if trainable is None else trainable
        collections = list(collections) if collections is not None else [GLOBAL_VARIABLES]
        if trainable and TRAINABLE_VARIABLES not in collections:
            collections.append(TRAINABLE_VARIABLES)
        g = get_default_graph()
        if dtype is not None:
            dtype = _dtypes.as_dtype(dtype)
        init_from_fn = callable(initial_value)
        with _InitScope(g), g.as_default():
            values = [] if init_from_fn else [initial_value]
            from ..framework.ops import name_scope

            with name_scope(name, "Variable", values) as scope:
                if init_from_fn:
                    with g.name_scope("Initializer"), g.device(None):  # TF: no device
                        init = convert_to_tensor(initial_value(), name="initial_value",
                                                 dtype=dtype)
                else:
                    init = convert_to_tensor(initial_value, name="initial_value", dtype=dtype)
                static = init.shape if validate_shape else TensorShape(None)
                if shape is not None:
                    static = TensorShape(shape)
                self._var = g._create_op("VariableV2", (), scope, dtype=init.dtype,
                                         shape=static, attrs={"dtype": init.dtype})
                if validate_shape and not init.shape.is_fully_defined():
                    raise ValueError(f"initial_value must have a shape specified: {init}")
                self._ref = self._var.outputs[0]
                self._initial_value = init
                self._initializer_op = g._create_op("Assign", (self._ref, init), "Assign",
                                                    attrs={"validate_shape": validate_shape})
                self._snapshot = g._create_op("Identity", (self._ref,), "read").outputs[0]
        self._graph = g
        self._trainable = trainable
        self._constraint = constraint
        g.add_to_collections(collections, self)

    def _as_graph_tensor(self):
        return self._snapshot

    @property
    def name(self):
        return self._ref.name

    @property
    def op(self):
        return self._var

    @property
    def graph(self):
        return self._graph

    @property
    def dtype(self):
        return self._ref.dtype

    @property
    def shape(self):
        return self._ref.shape

    @property
    def trainable(self):
        return self._trainable

    @property
    def device(self):
        return ""

    def get_shape(self):
        return self.shape

    @property
    def initializer(self):
        return self._initializer_op

    @property
    def initial_value(self):
        return self._initial_value

    def value(self):
        return self._snapshot

    def read_value(self):
        return self._snapshot

    def _ref_tensor(self):
        return self._ref

    def assign(self, value, use_locking=None, name=None, read_value=True):
        g = self._graph
        with g.as_default():
            value = convert_to_tensor(value, dtype=self.dtype)
            if not value.shape.is_compatible_with(self.shape):
                raise ValueError(f"Shapes {self.shape} and {value.shape} are incompatible")
            return g._create_op("Assign", (self._ref, value), name or "Assign").outputs[0]

    def eval(self, session=None):
        return self._snapshot.eval(session=session)

    def __repr__(self):
        return (f"<tf.Variable '{self.name}' shape={self.shape} "
                f"dtype={self.dtype.name}_ref>")

    def __getattr__(self, name):
        # Tensor methods (arithmetic, indexing) act on the variable's value, as in TF.
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self._snapshot, name)


def _forward(op):
    return lambda self, *a: getattr(self._snapshot, op)(*a)


for _op in ("__add__", "__radd__", "__sub__", "__rsub__", "__mul__", "__rmul__",
            "__truediv__", "__rtruediv__", "__floordiv__", "__rfloordiv__", "__mod__",
            "__rmod__", "__pow__", "__rpow__", "__neg__", "__abs__", "__getitem__",
            "__gt__", "__ge__", "__lt__", "__le__", "__matmul__", "__rmatmul__"):
    setattr(Variable, _op, _forward(_op))

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
    return no_op(name, control_inputs=[v.initializer for v in var_list])


def global_variables_initializer():
    return variables_initializer(global_variables())


def local_variables_initializer():
    return variables_initializer(local_variables(), name="init_1" if False else "init")


initialize_all_variables = global_variables_initializer

__all__ = ["Variable", "VariableV1", "global_variables", "trainable_variables",
           "local_variables", "model_variables", "variables_initializer",
           "global_variables_initializer", "local_variables_initializer",
           "initialize_all_variables", "control_dependencies", "_stack"]
