"""Variables (`tf.Variable`, v1 graph semantics): a session stores each value
from the time its initializer (an Assign op) runs."""

from __future__ import annotations

from .framework import convert_to_tensor, get_default_graph, no_op

GLOBAL_VARIABLES = "variables"
TRAINABLE_VARIABLES = "trainable_variables"


class Variable:
    """`tf.Variable`: storage op, `Assign` initializer and a `read` snapshot."""

    def __init__(self, initial_value=None, trainable=None, collections=None,
                 validate_shape=True, caching_device=None, name=None, variable_def=None,
                 dtype=None, expected_shape=None, import_scope=None, constraint=None,
                 use_resource=None, synchronization=None, aggregation=None, shape=None):
        if initial_value is None:
            raise ValueError("The `initial_value` arg (`None`) must be specified.")
        g = get_default_graph()
        with g.as_default(), g.name_scope(name or "Variable") as scope:
            if callable(initial_value):
                initial_value = initial_value()
            with g.name_scope("Initializer"):
                init = convert_to_tensor(initial_value, dtype=dtype, name="initial_value")
            static = init.shape.dims if validate_shape else None
            if static is not None:
                static = [-1 if d is None else d for d in static]
            self._var = g._create_op("VariableV2", (), scope, dtype=init.dtype, shape=static)
            self._ref = self._var.outputs[0]
            self._initial_value = init
            self._initializer_op = g._create_op("Assign", (self._ref, init), "Assign").outputs[0]
            self._snapshot = g._create_op("Identity", (self._ref,), "read").outputs[0]
        self._graph = g
        for c in collections or [GLOBAL_VARIABLES]:
            g.add_to_collection(c, self)
        if trainable is None or trainable:
            g.add_to_collection(TRAINABLE_VARIABLES, self)

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
        return self._initial_value.shape

    def get_shape(self):
        return self.shape

    @property
    def initializer(self):
        return self._initializer_op.op

    @property
    def initial_value(self):
        return self._initial_value

    def value(self):
        return self._snapshot

    def read_value(self):
        return self._snapshot

    def assign(self, value, use_locking=None, name=None, read_value=True):
        g = self._graph
        with g.as_default():
            value = convert_to_tensor(value, dtype=self.dtype)
            return g._create_op("Assign", (self._ref, value), name or "Assign").outputs[0]

    def eval(self, session=None):
        return self._snapshot.eval(session=session)

    def __repr__(self):
        return (f"<tf.Variable '{self.name}' shape={self.shape} "
                f"dtype={self.dtype.name}_ref>")

    # Arithmetic reads the variable's value.
    def __add__(self, o):
        return self._snapshot + o

    def __radd__(self, o):
        return o + self._snapshot

    def __sub__(self, o):
        return self._snapshot - o

    def __rsub__(self, o):
        return o - self._snapshot

    def __mul__(self, o):
        return self._snapshot * o

    def __rmul__(self, o):
        return o * self._snapshot

    def __truediv__(self, o):
        return self._snapshot / o

    def __rtruediv__(self, o):
        return o / self._snapshot

    def __neg__(self):
        return -self._snapshot


def global_variables(scope=None):
    return get_default_graph().get_collection(GLOBAL_VARIABLES, scope)


def trainable_variables(scope=None):
    return get_default_graph().get_collection(TRAINABLE_VARIABLES, scope)


def variables_initializer(var_list, name="init"):
    """A NoOp that runs the initializers of `var_list`."""
    return no_op(name, control_inputs=[v.initializer for v in var_list])


def global_variables_initializer():
    return variables_initializer(global_variables())


initialize_all_variables = global_variables_initializer


__all__ = ["Variable", "global_variables", "trainable_variables", "variables_initializer",
           "global_variables_initializer", "initialize_all_variables"]
