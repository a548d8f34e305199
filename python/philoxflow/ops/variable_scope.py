"""Variable scopes and `get_variable` (`variable_scope.py`), as TF 1.x has them.

A graph keeps one variable store (name -> variable) and one scope store (the
current VariableScope and how often each scope name was opened, which makes
`default_name` scopes unique). `get_variable` names variables by variable
scope only (it resets the name scope), builds the initializer's ops under
`<name>/Initializer/` and defaults to Glorot-uniform for floats, zeros for
ints and bools.
"""

from __future__ import annotations

import contextlib
import threading

from ..framework import dtypes as _dtypes
from ..framework.constant_op import convert_to_tensor
from ..framework.ops import get_default_graph, name_scope
from ..framework.tensor_shape import TensorShape, as_shape
from . import init_ops
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

    def set_regularizer(self, regularizer):
        self._regularizer = regularizer

    def set_custom_getter(self, custom_getter):
        self._custom_getter = custom_getter

    def get_variable(self, var_store, name, shape=None, dtype=None, initializer=None,
                     regularizer=None, reuse=None, trainable=None, collections=None,
                     caching_device=None, partitioner=None, validate_shape=True,
                     use_resource=None, custom_getter=None, constraint=None, **kwargs):
        if reuse is None:
            reuse = self._reuse
        full_name = self._name + "/" + name if self._name else name
        g = get_default_graph()
        # Variable names depend on the variable scope only: TF resets the name scope.
        with g.name_scope(""):
            if dtype is not None and initializer is not None and not callable(initializer):
                init_dtype = convert_to_tensor(initializer).dtype
                if init_dtype != _dtypes.as_dtype(dtype):
                    raise ValueError(f"Initializer type '{init_dtype.name}' and explicit dtype "
                                     f"'{_dtypes.as_dtype(dtype).name}' don't match.")
            if initializer is None:
                initializer = self._initializer
            if regularizer is None:
                regularizer = self._regularizer
            if dtype is None:
                dtype = self._dtype
            getter = custom_getter or self._custom_getter
            kw = dict(shape=shape, dtype=dtype, initializer=initializer,
                      regularizer=regularizer, reuse=reuse, trainable=trainable,
                      collections=collections, validate_shape=validate_shape,
                      constraint=constraint)
            if getter is not None:
                return getter(var_store.get_variable, full_name, **kw)
            return var_store.get_variable(full_name, **kw)


class _VariableStore:
    """Variables by full name, for sharing (`reuse`)."""

    def __init__(self):
        self._vars = {}

    def get_variable(self, name, shape=None, dtype=_dtypes.float32, initializer=None,
                     regularizer=None, reuse=None, trainable=None, collections=None,
                     validate_shape=True, constraint=None, **kwargs):
        dtype = _dtypes.as_dtype(dtype)
        initializing_from_value = initializer is not None and not callable(initializer)
        if shape is not None and initializing_from_value:
            raise ValueError("If initializer is a constant, do not specify shape.")
        shape = as_shape(shape) if shape is not None else TensorShape(None)
        if name in self._vars:
            if reuse is False or reuse is None:
                raise ValueError(f"Variable {name} already exists, disallowed. Did you mean to "
                                 "set reuse=True or reuse=tf.AUTO_REUSE in VarScope?")
            found = self._vars[name]
            if not shape.is_compatible_with(found.get_shape()):
                raise ValueError(f"Trying to share variable {name}, but specified shape {shape} "
                                 f"and found shape {found.get_shape()}.")
            if dtype != found.dtype:
                raise ValueError(f"Trying to share variable {name}, but specified dtype "
                                 f"{dtype.name} and found dtype {found.dtype.name}.")
            return found
        if reuse is True:
            raise ValueError(f"Variable {name} does not exist, or was not created with "
                             "tf.get_variable(). Did you mean to set reuse=tf.AUTO_REUSE in "
                             "VarScope?")
        if initializer is None:
            if dtype.is_floating:
                initializer = init_ops.glorot_uniform_initializer()
            elif dtype.is_integer or dtype.is_bool or dtype == _dtypes.string:
                initializer = init_ops.zeros_initializer()
            else:
                raise ValueError(f"An initializer for variable {name} of {dtype.name} is "
                                 "required")
        if initializing_from_value:
            init_val, variable_dtype = initializer, None
        else:
            if isinstance(initializer, type):
                initializer = initializer()
            if shape.is_fully_defined():
                dims = shape.as_list()

                def init_val():
                    return initializer(dims, dtype=dtype, partition_info=None)
                variable_dtype = dtype
            else:
                raise ValueError("The initializer passed is not valid. It should be a callable "
                                 "with no arguments and the shape should not be provided or "
                                 "an instance of `tf.keras.initializers.*' and `shape` should "
                                 "be fully defined.")
        v = Variable(initial_value=init_val, name=name,
                     trainable=True if trainable is None else trainable,
                     collections=collections, dtype=variable_dtype,
                     validate_shape=validate_shape, constraint=constraint)
        self._vars[name] = v
        if regularizer:
            g = get_default_graph()
            with g.name_scope(name + "/Regularizer/"):
                loss = regularizer(v)
            if loss is not None:
                g.add_to_collection("regularization_losses", loss)
        return v


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
        validate_shape=validate_shape, custom_getter=custom_getter, constraint=constraint)


@contextlib.contextmanager
def _pure_variable_scope(name_or_scope, reuse=None, initializer=None, regularizer=None,
                         custom_getter=None, old_name_scope=None, dtype=None):
    store = get_variable_scope_store()
    old = store.current_scope
    if isinstance(name_or_scope, VariableScope):
        store.open_variable_scope(name_or_scope.name)
        old_subscopes = dict(store.variable_scopes_count)
        reuse = reuse if reuse is not None else name_or_scope.reuse
        obj = VariableScope(reuse, name=name_or_scope.name,
                            initializer=name_or_scope.initializer,
                            regularizer=name_or_scope.regularizer,
                            custom_getter=name_or_scope.custom_getter,
                            name_scope=(old_name_scope if old_name_scope is not None else
                                        name_or_scope.original_name_scope),
                            dtype=name_or_scope.dtype)
        new_name = name_or_scope.name
    else:
        new_name = old.name + "/" + name_or_scope if old.name else name_or_scope
        reuse = reuse or old.reuse
        obj = VariableScope(reuse, name=new_name, initializer=old.initializer,
                            regularizer=old.regularizer, custom_getter=old.custom_getter,
                            name_scope=old_name_scope if old_name_scope is not None
                            else name_or_scope, dtype=old.dtype)
        store.open_variable_scope(new_name)
    if initializer is not None:
        obj.set_initializer(initializer)
    if regularizer is not None:
        obj.set_regularizer(regularizer)
    if custom_getter is not None:
        obj.set_custom_getter(custom_getter)
    if dtype is not None:
        obj.set_dtype(_dtypes.as_dtype(dtype))
    store.current_scope = obj
    try:
        yield obj
    finally:
        if isinstance(name_or_scope, VariableScope):
            store.variable_scopes_count = old_subscopes
        else:
            store.close_variable_subscopes(new_name)
        store.current_scope = old


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
        self._args = (name_or_scope, default_name, values, initializer, regularizer,
                      custom_getter, reuse, dtype, auxiliary_name_scope)
        self._stack = None

    def __enter__(self):
        (name_or_scope, default_name, values, initializer, regularizer, custom_getter, reuse,
         dtype, aux) = self._args
        stack = contextlib.ExitStack()
        from ..framework.ops import _graph_of

        g = _graph_of(*(values or []))
        stack.enter_context(g.as_default())
        try:
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
                    entered = stack.enter_context(current_ns if current_ns is not None
                                                  else g.name_scope(ns_name))
                    old_ns = entered if isinstance(name_or_scope, str) else \
                        name_or_scope.original_name_scope
                else:
                    old_ns = None
                scope = stack.enter_context(_pure_variable_scope(
                    name_or_scope, reuse=reuse, initializer=initializer,
                    regularizer=regularizer, custom_getter=custom_getter,
                    old_name_scope=old_ns, dtype=dtype))
            else:
                if reuse:
                    raise ValueError("reuse=True cannot be used without a name_or_scope")
                entered = stack.enter_context(current_ns if current_ns is not None
                                              else g.name_scope(default_name))
                unique = _get_unique_variable_scope(default_name)
                scope = stack.enter_context(_pure_variable_scope(
                    unique, initializer=initializer, regularizer=regularizer,
                    custom_getter=custom_getter, old_name_scope=entered, dtype=dtype))
        except BaseException:
            stack.close()
            raise
        self._stack = stack
        return scope

    def __exit__(self, *exc):
        stack, self._stack = self._stack, None
        return stack.__exit__(*exc)


def variable_op_scope(values, name_or_scope, default_name=None, **kwargs):
    return variable_scope(name_or_scope, default_name=default_name, values=values, **kwargs)


__all__ = ["AUTO_REUSE", "VariableScope", "get_variable", "get_variable_scope",
           "variable_scope", "variable_op_scope", "name_scope"]
