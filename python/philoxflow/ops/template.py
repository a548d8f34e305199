"""`tf.make_template` (TF 1.15's `template.Template`, graph mode): a function whose
variables are made on the first call, in a variable scope named after the template,
and reused by every later call."""

from __future__ import annotations

import functools
import logging

from ..framework.ops import GraphKeys, get_collection, get_collection_ref
from . import variable_scope as _vs


def make_template(name_, func_, create_scope_now_=False, unique_name_=None,
                  custom_getter_=None, **kwargs):
    """`tf.make_template`: `func_` (with `kwargs` bound) sharing its variables."""
    if kwargs:
        func_ = functools.update_wrapper(functools.partial(func_, **kwargs), func_)
    return Template(name_, func_, create_scope_now=create_scope_now_,
                    unique_name=unique_name_, custom_getter=custom_getter_)


class Template:
    """TF 1.15's graph-mode `Template`."""

    def __init__(self, name, func, create_scope_now=False, unique_name=None,
                 custom_getter=None, create_graph_function=False):
        if create_graph_function:
            raise NotImplementedError("philoxflow's make_template does not build functions")
        self._func = func
        self._name = name
        self._unique_name = unique_name
        self._custom_getter = custom_getter
        if name is None:
            raise ValueError("name cannot be None.")
        if create_scope_now:
            # TF enters a `_pure_variable_scope` (no name scope) here.
            raise NotImplementedError("philoxflow's make_template does not support "
                                      "create_scope_now_=True")
        self._variable_scope = None
        self._variables_created = False
        self._first_call = True

    def _call_func(self, args, kwargs):
        if self._variables_created:
            vars_at_start = len(get_collection_ref(GraphKeys.GLOBAL_VARIABLES))
            trainable_at_start = len(get_collection_ref(GraphKeys.TRAINABLE_VARIABLES))
            result = self._func(*args, **kwargs)
            trainable = get_collection_ref(GraphKeys.TRAINABLE_VARIABLES)
            if trainable_at_start != len(trainable):
                raise ValueError("Trainable variable created when calling a template after "
                                 "the first time, perhaps you used tf.Variable when you meant "
                                 f"tf.get_variable: {trainable[trainable_at_start:]}")
            variables = get_collection_ref(GraphKeys.GLOBAL_VARIABLES)
            if vars_at_start != len(variables):
                logging.getLogger("tensorflow").info(
                    "New variables created when calling a template after the first time, "
                    "perhaps you used tf.Variable when you meant tf.get_variable: %s",
                    variables[vars_at_start:])
            return result
        if self._first_call:
            self._first_call = False
            try:
                result = self._func(*args, **kwargs)
            except BaseException:
                self._first_call = True
                raise
            self._variables_created = True
            return result
        return self._func(*args, **kwargs)  # a parallel first call from another thread

    def __call__(self, *args, **kwargs):
        if self._variable_scope:
            with _vs.variable_scope(self._variable_scope, reuse=not self._first_call):
                return self._call_func(args, kwargs)
        with _vs.variable_scope(self._unique_name, self._name,
                                custom_getter=self._custom_getter) as vs:
            self._variable_scope = vs
            return self._call_func(args, kwargs)

    @property
    def name(self):
        return self._name

    @property
    def func(self):
        return self._func

    @property
    def variable_scope(self):
        return self._variable_scope

    @property
    def var_scope(self):
        return self._variable_scope

    @property
    def variable_scope_name(self):
        if self._variable_scope:
            name = self._variable_scope.name
            return name if not name or name[-1] == "/" else name + "/"
        return None

    def _collection(self, key):
        if not self._variables_created:
            return []
        return get_collection(key, self.variable_scope_name)

    @property
    def variables(self):
        return self.global_variables + self.local_variables

    @property
    def trainable_variables(self):
        return self._collection(GraphKeys.TRAINABLE_VARIABLES)

    @property
    def non_trainable_variables(self):
        trainable = set(map(id, self.trainable_variables))
        return [v for v in self.global_variables if id(v) not in trainable]

    @property
    def global_variables(self):
        return self._collection(GraphKeys.GLOBAL_VARIABLES)

    @property
    def local_variables(self):
        return self._collection(GraphKeys.LOCAL_VARIABLES)

    weights = variables
    trainable_weights = trainable_variables
    non_trainable_weights = non_trainable_variables
