"""Variable synchronization/aggregation enums and variable creator scopes, as TF 1.15.

A creator scope pushes `creator(next_creator, **kwargs)` on the graph's stack (per
thread, as TF's); every `tf.Variable(...)` call, `get_variable`'s included, goes
through the creators, the innermost first, down to the plain constructor.
"""

from __future__ import annotations

import contextlib
import enum
import threading
import weakref


class VariableSynchronization(enum.Enum):
    AUTO = 0
    NONE = 1
    ON_WRITE = 2
    ON_READ = 3


class VariableAggregationV2(enum.Enum):
    NONE = 0
    SUM = 1
    MEAN = 2
    ONLY_FIRST_REPLICA = 3

    def __hash__(self):
        return hash(self.value)

    def __eq__(self, other):
        if self is other:
            return True
        return isinstance(other, VariableAggregation) and int(self.value) == int(other.value)


class VariableAggregation(enum.Enum):
    NONE = 0
    SUM = 1
    MEAN = 2
    ONLY_FIRST_REPLICA = 3
    ONLY_FIRST_TOWER = 3  # noqa: PIE796 - TF's alias

    def __hash__(self):
        return hash(self.value)


def validate_synchronization_aggregation_trainable(synchronization, aggregation, trainable,
                                                   name):
    """Enums from values; `trainable=None` means trainable unless synchronized ON_READ."""
    if aggregation is None:
        aggregation = VariableAggregation.NONE
    elif not isinstance(aggregation, (VariableAggregation, VariableAggregationV2)):
        try:
            aggregation = VariableAggregationV2(aggregation)
        except ValueError:
            raise ValueError(f"Invalid variable aggregation mode: {aggregation} for variable: "
                             f"{name}") from None
    if synchronization is None:
        synchronization = VariableSynchronization.AUTO
    else:
        try:
            synchronization = VariableSynchronization(synchronization)
        except ValueError:
            raise ValueError(f"Invalid variable synchronization mode: {synchronization} for "
                             f"variable: {name}") from None
    if trainable is None:
        trainable = synchronization != VariableSynchronization.ON_READ
    return synchronization, aggregation, trainable


class _CreatorStacks(threading.local):
    def __init__(self):
        self.by_graph = weakref.WeakKeyDictionary()


_STACKS = _CreatorStacks()


def creator_stack(graph):
    """The graph's creator stack on this thread: `[(priority, creator), ...]`."""
    return _STACKS.by_graph.get(graph, [])


def set_creator_stack(graph, stack):
    _STACKS.by_graph[graph] = stack


def _graph_stack_property():
    """TF's `Graph._variable_creator_stack` (tests save and restore it)."""
    from ..framework.ops import Graph

    def get(graph):
        return creator_stack(graph)

    def put(graph, stack):
        set_creator_stack(graph, stack)
    Graph._variable_creator_stack = property(get, put)


_graph_stack_property()


@contextlib.contextmanager
def variable_creator_scope(variable_creator, priority=100):
    """`tf.variable_creator_scope`: higher priority first, else innermost first."""
    from ..framework.ops import get_default_graph

    g = get_default_graph()
    old = creator_stack(g)
    new = sorted(list(old) + [(priority, variable_creator)], key=lambda item: item[0])
    set_creator_stack(g, new)
    try:
        yield
    finally:
        if creator_stack(g) is not new:
            raise RuntimeError("Exiting variable_creator_scope without proper nesting.")
        set_creator_stack(g, old)
