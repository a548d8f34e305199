"""Variable scopes and `get_variable` (`variable_scope.py`), as TF 1.x has them.

A graph keeps one variable store (name -> variable) and one scope store (the
current VariableScope and how often each scope name was opened, which makes
`default_name` scopes unique). `get_variable` names variables by variable
scope only (it resets the name scope), builds the initializer's ops under
`<name>/Initializer/` and defaults to Glorot-uniform for floats, zeros for
ints and bools.
"""

from __future__ import annotations

import functools
import threading

from ..framework import dtypes as _dtypes
from ..framework.constant_op import convert_to_tensor
from ..framework.ops import get_default_graph, name_scope
from .variable_creator import (
    VariableAggregation,
    VariableSynchronization,
    variable_creator_scope,
)
from .variable_store import _VariableStore  # noqa: F401 - TF's module holds it
from .variables import Variable


class _ReuseMode:
    def __repr__(self):
        return "AUTO_REUSE"


AUTO_REUSE = _ReuseMode()

_VARSTORE_KEY = "__variable_store"
_VARSCOPESTORE_KEY = "__varscope"


class VariableScope:
    """The variable scope a `get_variable` call sees: name, reuse, defaults."""

    def __init__(self, reuse, name="", initializer=None, regularizer=None, caching_device=None,
                 partitioner=None, custom_getter=None, name_scope="", dtype=_dtypes.float32,
                 use_resource=None, constraint=None):
        self._name = name
        self._reuse = reuse
        self._initializer = initializer
        self._regularizer = regularizer
        self._caching_device = caching_device
        self._partitioner = partitioner
        self._custom_getter = custom_getter
        self._name_scope = name_scope
        self._dtype = dtype
        self._use_resource = use_resource
        self._constraint = constraint

    @property
    def name(self):
        return self._name

    @property
    def original_name_scope(self):
        return self._name_scope

    @property
    def reuse(self):
        return self._reuse

    @property
    def initializer(self):
        return self._initializer

    @property
    def dtype(self):
        return self._dtype

    @property
    def regularizer(self):
        return self._regularizer

    @property
    def caching_device(self):
        return self._caching_device

    @property
    def partitioner(self):
        return self._partitioner

    @property
    def custom_getter(self):
        return self._custom_getter

    @property
    def use_resource(self):
        return self._use_resource

    @property
    def constraint(self):
        return self._constraint

    def reuse_variables(self):
        self._reuse = True

    def set_initializer(self, initializer):
        self._initializer = initializer

    def set_dtype(self, dtype):
        self._dtype = dtype

    def set_use_resource(self, use_resource):
        self._use_resource = use_resource

    def set_regularizer(self, regularizer):
        self._regularizer = regularizer

    def set_caching_device(self, caching_device):
        self._caching_device = caching_device

    def set_partitioner(self, partitioner):
        self._partitioner = partitioner

    def set_custom_getter(self, custom_getter):
        self._custom_getter = custom_getter

    def get_collection(self, name):
        scope = self._name + "/" if self._name else ""
        return get_default_graph().get_collection(name, scope)

    def trainable_variables(self):
        return self.get_collection("trainable_variables")

    def global_variables(self):
        return self.get_collection("variables")

    def local_variables(self):
        return self.get_collection("local_variables")

    def get_variable(self, var_store, name, shape=None, dtype=None, initializer=None,
                     regularizer=None, reuse=None, trainable=None, collections=None,
                     caching_device=None, partitioner=None, validate_shape=True,
                     use_resource=None, custom_getter=None, constraint=None, **kwargs):
        if regularizer is None:
            regularizer = self._regularizer
        if caching_device is None:
            caching_device = self._caching_device
        if partitioner is None:
            partitioner = self._partitioner
        if custom_getter is None:
            custom_getter = self._custom_getter
        if reuse is None:
            reuse = self._reuse
        if use_resource is None:
            use_resource = self._use_resource
        full_name = self._name + "/" + name if self._name else name
        g = get_default_graph()
        # Variable names depend on the variable scope only: TF resets the name scope.
        with g.name_scope(""):
            if dtype is not None and initializer is not None and not callable(initializer):
                init_dtype = convert_to_tensor(initializer).dtype
                if init_dtype != _dtypes.as_dtype(dtype):
                    raise ValueError(f"Initializer type '{init_dtype!r}' and explicit dtype "
                                     f"'{_dtypes.as_dtype(dtype)!r}' don't match.")
            if initializer is None:
                initializer = self._initializer
            if constraint is None:
                constraint = self._constraint
            if dtype is None:
                dtype = self._dtype
            return var_store.get_variable(
                full_name, shape=shape, dtype=dtype, initializer=initializer,
                regularizer=regularizer, reuse=reuse, trainable=trainable,
                collections=collections, caching_device=caching_device,
                partitioner=partitioner, validate_shape=validate_shape,
                use_resource=use_resource, custom_getter=custom_getter, constraint=constraint,
                synchronization=kwargs.get("synchronization"),
                aggregation=kwargs.get("aggregation"))

    def _get_partitioned_variable(self, var_store, name, shape=None, dtype=None,
                                  initializer=None, regularizer=None, reuse=None,
                                  trainable=None, collections=None, caching_device=None,
                                  partitioner=None, validate_shape=True, use_resource=None,
                                  constraint=None, **kwargs):
        if initializer is None:
            initializer = self._initializer
        if regularizer is None:
            regularizer = self._regularizer
        if constraint is None:
            constraint = self._constraint
        if partitioner is None:
            partitioner = self._partitioner
        if dtype is None:
            dtype = self._dtype
        if self._custom_getter is not None:
            raise ValueError(
                "Private access to _get_partitioned_variable is not allowed when a custom "
                f"getter is set.  Current custom getter: {self._custom_getter}.  It is likely "
                "that you're using create_partitioned_variables.  If so, consider instead "
                "using get_variable with a non-empty partitioner parameter instead.")
        if partitioner is None:
            raise ValueError("No partitioner was specified")
        full_name = "/".join(n for n in (self._name, name) if n)
        with get_default_graph().name_scope(""):
            return var_store._get_partitioned_variable(
                full_name, partitioner, shape=shape, dtype=_dtypes.as_dtype(dtype),
                initializer=initializer, regularizer=regularizer, reuse=self._reuse,
                trainable=trainable, collections=collections, validate_shape=validate_shape,
                constraint=constraint)


class _VariableScopeStore(threading.local):
    """Per thread, as TF's: each thread starts at the root scope; the store of
    variables (`_VariableStore`) stays shared by the graph's threads."""

    def __init__(self):
        super().__init__()
        self.current_scope = VariableScope(False)
        self.variable_scopes_count = {}

    def open_variable_scope(self, scope_name):
        self.variable_scopes_count[scope_name] = self.variable_scopes_count.get(scope_name,
                                                                                0) + 1

    def close_variable_subscopes(self, scope_name):
        for k in list(self.variable_scopes_count):
            if scope_name is None or k.startswith(scope_name + "/"):
                self.variable_scopes_count[k] = 0

    def variable_scope_count(self, scope_name):
        return self.variable_scopes_count.get(scope_name, 0)


def _store(key, factory):
    g = get_default_graph()
    items = g.get_collection_ref(key)
    if not items:
        items.append(factory())
    return items[0]


def _get_default_variable_store():
    return _store(_VARSTORE_KEY, _VariableStore)


def get_variable_scope_store():
    return _store(_VARSCOPESTORE_KEY, _VariableScopeStore)


def get_variable_scope():
    """`tf.get_variable_scope`: the current VariableScope of the default graph."""
    return get_variable_scope_store().current_scope


def get_variable(name, shape=None, dtype=None, initializer=None, regularizer=None,
                 trainable=None, collections=None, caching_device=None, partitioner=None,
                 validate_shape=True, use_resource=None, custom_getter=None, constraint=None,
                 synchronization=None, aggregation=None):
    """`tf.get_variable`: an existing variable of the scope (reuse) or a new one."""
    return get_variable_scope().get_variable(
        _get_default_variable_store(), name, shape=shape, dtype=dtype, initializer=initializer,
        regularizer=regularizer, trainable=trainable, collections=collections,
        caching_device=caching_device, partitioner=partitioner,
        validate_shape=validate_shape, use_resource=use_resource,
        custom_getter=custom_getter, constraint=constraint, synchronization=synchronization,
        aggregation=aggregation)


def get_local_variable(name, shape=None, dtype=None, initializer=None, regularizer=None,
                       trainable=False, collections=None, caching_device=None,
                       partitioner=None, validate_shape=True, use_resource=None,
                       custom_getter=None, constraint=None, synchronization=None,
                       aggregation=None):
    """`tf.get_local_variable`: `get_variable` into LOCAL_VARIABLES, not trainable."""
    collections = list(collections or []) + ["local_variables"]
    return get_variable(name, shape=shape, dtype=dtype, initializer=initializer,
                        regularizer=regularizer, trainable=False, collections=collections,
                        caching_device=caching_device, partitioner=partitioner,
                        validate_shape=validate_shape, use_resource=use_resource,
                        custom_getter=custom_getter, constraint=constraint)


def _get_partitioned_variable(name, shape=None, dtype=None, initializer=None,
                              regularizer=None, trainable=True, collections=None,
                              caching_device=None, partitioner=None, validate_shape=True,
                              use_resource=None, constraint=None, **kwargs):
    """TF's private entry (`create_partitioned_variables` uses it)."""
    scope = get_variable_scope()
    if scope.custom_getter is not None:
        raise ValueError(
            "Private access to _get_partitioned_variable is not allowed when a custom getter "
            f"is set.  Current custom getter: {scope.custom_getter}.  It is likely that "
            "you're using create_partitioned_variables.  If so, consider instead using "
            "get_variable with a non-empty partitioner parameter instead.")
    return scope._get_partitioned_variable(
        _get_default_variable_store(), name, shape=shape, dtype=dtype, initializer=initializer,
        regularizer=regularizer, trainable=trainable, collections=collections,
        partitioner=partitioner, validate_shape=validate_shape, constraint=constraint)


def no_regularizer(_):
    """`tf.no_regularizer`: turns a scope's regularizer off for one variable."""
    return None


def _maybe_wrap_custom_getter(custom_getter, old_getter):
    """Nested scopes' custom getters combine: the inner one calls the outer one."""
    if old_getter is None:
        return custom_getter

    def wrapped_custom_getter(getter, *args, **kwargs):
        return custom_getter(functools.partial(old_getter, getter), *args, **kwargs)
    return wrapped_custom_getter


class _pure_variable_scope:  # noqa: N801 - TF's name
    """The variable-scope half of `variable_scope` (no name scope), as TF 1.15's."""

    def __init__(self, name_or_scope, reuse=None, initializer=None, regularizer=None,
                 caching_device=None, partitioner=None, custom_getter=None,
                 old_name_scope=None, dtype=None, use_resource=None, constraint=None):
        self._name_or_scope = name_or_scope
        self._reuse = reuse
        self._kw = dict(initializer=initializer, regularizer=regularizer,
                        caching_device=caching_device, partitioner=partitioner,
                        custom_getter=custom_getter, dtype=dtype, use_resource=use_resource)
        self._old_name_scope = old_name_scope
        self._constraint = constraint
        self._store = get_variable_scope_store()
        self._last = None
        if isinstance(name_or_scope, VariableScope):
            self._new_name = name_or_scope.name
            self._cached = self._make(name_or_scope, name_or_scope.reuse if not reuse
                                      else reuse, name_or_scope.name,
                                      name_or_scope._name_scope)

    def _make(self, base, reuse, name, name_scope):
        obj = VariableScope(reuse, name=name, initializer=base.initializer,
                            regularizer=base.regularizer, caching_device=base.caching_device,
                            partitioner=base.partitioner, dtype=base.dtype,
                            custom_getter=base.custom_getter, name_scope=name_scope,
                            use_resource=base.use_resource, constraint=self._constraint)
        kw = self._kw
        if kw["initializer"] is not None:
            obj.set_initializer(kw["initializer"])
        if kw["regularizer"] is not None:
            obj.set_regularizer(kw["regularizer"])
        if kw["caching_device"] is not None:
            obj.set_caching_device(kw["caching_device"])
        if kw["partitioner"] is not None:
            obj.set_partitioner(kw["partitioner"])
        if kw["custom_getter"] is not None:
            obj.set_custom_getter(_maybe_wrap_custom_getter(kw["custom_getter"],
                                                            base.custom_getter))
        if kw["dtype"] is not None:
            obj.set_dtype(_dtypes.as_dtype(kw["dtype"]))
        if kw["use_resource"] is not None:
            obj.set_use_resource(kw["use_resource"])
        return obj

    def __enter__(self):
        store = self._store
        self._old = store.current_scope
        if isinstance(self._name_or_scope, VariableScope):
            store.open_variable_scope(self._new_name)
            self._old_subscopes = dict(store.variable_scopes_count)
            obj = self._cached
        else:
            old = self._old
            self._new_name = (old.name + "/" + self._name_or_scope if old.name
                              else self._name_or_scope)
            self._reuse = self._reuse or old.reuse  # sub-scopes inherit reuse
            ns = self._name_or_scope if self._old_name_scope is None else self._old_name_scope
            obj = self._make(old, self._reuse, self._new_name, ns)
            store.open_variable_scope(self._new_name)
        store.current_scope = obj
        self._last = obj
        return obj

    def __exit__(self, *exc):
        store = self._store
        if store.current_scope is not self._last:
            raise RuntimeError("Improper nesting of variable_scope.")
        if isinstance(self._name_or_scope, VariableScope):
            store.variable_scopes_count = self._old_subscopes
        else:
            store.close_variable_subscopes(self._new_name)
        store.current_scope = self._old


def _get_unique_variable_scope(prefix):
    store = get_variable_scope_store()
    current = get_variable_scope()
    name = current.name + "/" + prefix if current.name else prefix
    if store.variable_scope_count(name) == 0:
        return prefix
    idx = 1
    while store.variable_scope_count(name + f"_{idx}") > 0:
        idx += 1
    return prefix + f"_{idx}"


class variable_scope:  # noqa: N801 - TF's name
    """`tf.variable_scope`: a name scope and a variable scope, as TF 1.x opens them."""

    def __init__(self, name_or_scope, default_name=None, values=None, initializer=None,
                 regularizer=None, caching_device=None, partitioner=None, custom_getter=None,
                 reuse=None, dtype=None, use_resource=None, constraint=None,
                 auxiliary_name_scope=True):
        if default_name is None and name_or_scope is None:
            raise TypeError("If default_name is None then name_or_scope is required")
        if reuse is False:
            reuse = None
        if not (reuse is True or reuse is None or reuse is AUTO_REUSE):
            raise ValueError("The reuse parameter must be True or False or None.")
        if not isinstance(auxiliary_name_scope, bool):
            raise TypeError("The auxiliary_name_scope must be `True` or `False`, while get "
                            f"{auxiliary_name_scope}")
        if name_or_scope is not None and not isinstance(name_or_scope, (VariableScope, str)):
            raise TypeError("VariableScope: name_or_scope must be a string or VariableScope.")
        self._args = (name_or_scope, default_name, values, reuse, auxiliary_name_scope)
        self._kw = dict(initializer=initializer, regularizer=regularizer,
                        caching_device=caching_device, partitioner=partitioner,
                        custom_getter=custom_getter, dtype=dtype, use_resource=use_resource,
                        constraint=constraint)
        self._cms = []
        self._pure = None

    def __enter__(self):
        name_or_scope, default_name, values, reuse, aux = self._args
        kw = self._kw
        from ..framework.ops import _graph_of

        g = _graph_of(*(values or []))
        # Kept one by one (not an ExitStack): after an improper-nesting error TF's
        # __exit__ has still left the name scope and graph, and a second __exit__
        # (once the inner scope is closed) finishes the variable scope.
        self._cms = []

        def enter(cm):
            value = cm.__enter__()
            self._cms.append(cm)
            return value
        try:
            enter(g.as_default())
            if aux:
                current_ns = None
            else:
                ns = g.get_name_scope()
                current_ns = g.name_scope(ns + "/" if ns else "")
            if name_or_scope is not None:
                if isinstance(name_or_scope, str):
                    ns_name = name_or_scope
                else:
                    ns_name = name_or_scope.name.split("/")[-1]
                if ns_name or current_ns is not None:
                    entered = enter(current_ns if current_ns is not None
                                    else g.name_scope(ns_name))
                    old_ns = entered if isinstance(name_or_scope, str) else \
                        name_or_scope.original_name_scope
                else:
                    old_ns = None
                pure = _pure_variable_scope(name_or_scope, reuse=reuse, old_name_scope=old_ns,
                                            **kw)
            else:
                if reuse:
                    raise ValueError("reuse=True cannot be used without a name_or_scope")
                entered = enter(current_ns if current_ns is not None
                                else g.name_scope(default_name))
                unique = _get_unique_variable_scope(default_name)
                pure = _pure_variable_scope(unique, old_name_scope=entered, **kw)
            scope = pure.__enter__()
            self._pure = pure
        except BaseException:
            self._exit_cms(None, None, None)
            raise
        return scope

    def _exit_cms(self, *exc):
        for cm in reversed(self._cms):
            cm.__exit__(*exc)

    def __exit__(self, *exc):
        try:
            self._pure.__exit__(*exc)
        finally:
            self._exit_cms(*exc)


def variable_op_scope(values, name_or_scope, default_name=None, **kwargs):
    return variable_scope(name_or_scope, default_name=default_name, values=values, **kwargs)


def variable(initial_value=None, trainable=None, collections=None, validate_shape=True,
             caching_device=None, name=None, dtype=None, constraint=None, use_resource=None,
             synchronization=VariableSynchronization.AUTO,
             aggregation=VariableAggregation.NONE):
    """TF's `variable_scope.variable`: a `tf.Variable` through the creator scopes."""
    return Variable(initial_value=initial_value, trainable=trainable, collections=collections,
                    validate_shape=validate_shape, caching_device=caching_device, name=name,
                    dtype=dtype, constraint=constraint, use_resource=use_resource,
                    synchronization=synchronization, aggregation=aggregation)


def container(container_name):
    """`tf.container`: variables made inside get `container=container_name`."""
    return get_default_graph().container(container_name)


__all__ = ["AUTO_REUSE", "VariableScope", "get_variable", "get_local_variable",
           "get_variable_scope", "variable_scope", "variable_op_scope", "name_scope",
           "no_regularizer", "container", "variable", "variable_creator_scope",
           "VariableSynchronization", "VariableAggregation"]
