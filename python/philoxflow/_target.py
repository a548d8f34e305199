"""Which TensorFlow a graph reproduces: the one place the two targets differ.

`import philoxflow as tf` is TensorFlow 1.15.5; `import philoxflow.compat.v1 as tf`
is TensorFlow 2.21's `tf.compat.v1` in graph mode. Both namespaces expose the
same functions; every graph records the target of the namespace that made it,
and the few API functions whose TF sources differ between the versions ask the
graph they build into (`get_default_graph()._target`), so a graph keeps its
rules whichever namespace later adds to it.
"""

from __future__ import annotations

import contextvars
import dataclasses
import functools
import inspect
import types


@dataclasses.dataclass(frozen=True)
class Target:
    """What differs between the TensorFlow versions reproduced (measured with both)."""

    name: str
    #: graph-seed-only op seeds: "last_id" (TF 1.x: the newest op's id) or
    #: "counter" (TF 2.x: a per-graph counter of such ops).
    seed_rule: str
    #: TF 2.x's random_uniform builds no scaling ops when minval/maxval are
    #: the Python ints 0 and 1; TF 1.15 always builds min, max, sub, mul, add.
    uniform_skips_unit_scaling: bool
    #: TF 2.x's dropout scales by a Python-computed `1 / (1 - rate)` and selects
    #: with `where_v2`; TF 1.15 computes the scale in the graph and multiplies by
    #: the cast mask.
    dropout_selects: bool
    #: TF 2.x's compat.v1 (v2 behaviour on) makes resource variables.
    resource_variables: bool
    #: `tf.layers` and `tf.contrib` exist (TF 1.15 only).
    has_layers: bool
    #: The module of the target's `tf.keras`: TF 1.15's own Keras 2.2.4-tf (graph-mode
    #: layers over TF 1.x variables and ops), or the Keras 3 that TF 2.21 loads for both
    #: `tf.keras` and `tf.compat.v1.keras`.
    keras: str
    #: TF 2.x's gradient functions (`ops/math_grad_v2.py`: static reduction axes fold
    #: away BroadcastGradientArgs, grad_ys through `ones`) and its control flow v2
    #: (`tf.cond` builds If/StatelessIf with function-graph branches).
    v2_gradients_and_control_flow: bool = False


_KERAS2, _KERAS3 = "philoxflow.keras", "philoxflow.keras._keras3"
TF1 = Target("tensorflow 1.15.5", "last_id", False, False, False, True, _KERAS2)
TF2 = Target("tensorflow 2.21 compat.v1", "counter", True, True, True, False, _KERAS3, True)
#: TF 2.21 as TF 2 code runs it (`philoxflow.compat.v2`): the same construction rules as
#: its compat.v1 graphs; outside `tf.function` the default graph is the eager graph
#: (`eager/execute.py`), whose op seeds come from the eager context's draws.
TF2_EAGER = Target("tensorflow 2.21", "counter", True, True, True, False, _KERAS3)

_current: contextvars.ContextVar[Target] = contextvars.ContextVar("philoxflow_target",
                                                                  default=TF1)


def current() -> Target:
    """The target of the namespace the running API call came through."""
    return _current.get()


def keras(target: Target) -> types.ModuleType:
    """`tf.keras` as `target` sees it: the one switch between TF 1.15's Keras and Keras 3
    (each namespace's `keras` attribute loads through here, on first use)."""
    import importlib

    return importlib.import_module(target.keras)


def _in_target(target: Target, f):
    @functools.wraps(f)
    def call(*args, **kwargs):
        token = _current.set(target)
        try:
            return f(*args, **kwargs)
        finally:
            _current.reset(token)

    return call


def target_free(f):
    """Mark a method that neither builds ops nor finds default graphs (`Session.run`):
    bound classes leave it unwrapped, sparing its callers the context switch."""
    f._target_free = True
    return f


def _bind_class(cls: type, target: Target) -> type:
    """A subclass whose constructor and public methods run under `target`."""
    members = {"__module__": cls.__module__, "__doc__": cls.__doc__}
    for klass in reversed(cls.__mro__[:-1]):
        for key, value in vars(klass).items():
            public = not key.startswith("_") or key in ("__init__", "__call__", "__enter__")
            if getattr(value, "_target_free", False):
                members.pop(key, None)  # a subclass's wrapped override would shadow it
                continue
            if public and inspect.isfunction(value):
                members[key] = _in_target(target, value)
            elif public and isinstance(value, (staticmethod, classmethod)):
                # (tf.data.Dataset.range and friends)
                members[key] = type(value)(_in_target(target, value.__func__))
    return type(cls.__name__, (cls,), members)


def bind_namespace(source: types.ModuleType, name: str, target: Target,
                   classes: tuple = (), overrides: dict | None = None,
                   skip: tuple = (), bound: dict | None = None) -> types.ModuleType:
    """A module with `source`'s public names, functions and the given `classes`
    (and their subclasses) bound to `target`; submodules are bound the same way.
    One object is bound once, so aliases stay identical (`tf.random.uniform is
    tf.random_uniform`)."""
    mod = types.ModuleType(name, source.__doc__)
    bound = {} if bound is None else bound
    for key in dir(source):
        if key.startswith("__") or key in skip:
            continue
        value = getattr(source, key)
        if isinstance(value, types.ModuleType) and value.__name__.startswith("philoxflow."):
            if getattr(value, "_is_namespace", False):
                value = bind_namespace(value, f"{name}.{key}", target, classes, bound=bound)
        elif inspect.isclass(value) and classes and issubclass(value, classes):
            if value not in bound:
                bound[value] = _bind_class(value, target)
            value = bound[value]
        elif inspect.isfunction(value) or isinstance(value, functools.partial):
            if id(value) not in bound:
                bound[id(value)] = (value, _in_target(target, value))
            value = bound[id(value)][1]
        setattr(mod, key, value)
    for key, value in (overrides or {}).items():
        setattr(mod, key, value)
    mod._is_namespace = True
    mod.__getattr__ = _plain_getattr(name)  # no misleading "Did you mean" (issue 16)
    return mod


def _plain_getattr(module_name: str):
    def __getattr__(key):
        raise AttributeError(f"module {module_name!r} has no attribute {key!r}")

    return __getattr__
