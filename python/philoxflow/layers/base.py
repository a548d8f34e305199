"""The TF 1.x layer base (`tf.layers.Layer`): variable scopes, weights and naming.

A layer opens its variable scope once (lazily, from `default_name`, or at
construction when `_scope` is given, as the `tf.layers.*` functions do), then
re-enters it for every call and weight, building ops under the scope's original
name scope, exactly as TF 1.15's `layers/base.py` over Keras's base layer does.
"""

from __future__ import annotations

import re

from ..framework.constant_op import convert_to_tensor
from ..framework.ops import GraphKeys, get_default_graph
from ..framework.tensor_shape import TensorShape
from ..ops import variable_scope as vs


def to_snake_case(name):
    s = re.sub("(.)([A-Z][a-z0-9]+)", r"\1_\2", name)
    s = re.sub("([a-z])([A-Z])", r"\1_\2", s).lower()
    return s if s[0] != "_" else "private" + s


class Layer:
    """`tf.layers.Layer`: subclasses define `build(input_shape)` and `call(inputs)`."""

    def __init__(self, trainable=True, name=None, dtype=None, _scope=None, _reuse=None,
                 **kwargs):
        self.trainable = trainable
        self.built = False
        self._reuse = _reuse
        self._dtype = dtype
        self._updates = []
        self._weights = []
        self._base_name = name or to_snake_case(type(self).__name__)
        self.name = name or self._base_name
        self._current_scope = None
        if _scope:
            with vs.variable_scope(_scope) as captured:
                self._scope = captured
        else:
            self._scope = None

    @property
    def dtype(self):
        return self._dtype

    @property
    def updates(self):
        return list(self._updates)

    @property
    def weights(self):
        return list(self._weights)

    variables = weights

    @property
    def trainable_weights(self):
        return [w for w in self._weights if w.trainable]

    trainable_variables = trainable_weights

    def _set_scope(self, scope=None):
        if self._scope is None:
            if self._reuse:
                with vs.variable_scope(scope if scope is not None else self._base_name) as s:
                    self._scope = s
            else:
                with vs.variable_scope(scope, default_name=self._base_name) as s:
                    self._scope = s

    def add_weight(self, name, shape, dtype=None, initializer=None, regularizer=None,
                   trainable=True, constraint=None, partitioner=None, **kwargs):
        reuse = self.built or self._reuse
        g = get_default_graph()
        existing = set(g.get_collection(GraphKeys.GLOBAL_VARIABLES))
        with vs.variable_scope(self._scope, reuse=reuse, auxiliary_name_scope=False) as scope:
            self._current_scope = scope
            with g.name_scope(scope.original_name_scope):
                if initializer is None:
                    initializer = scope.initializer
                v = vs.get_variable(name, shape=list(shape), dtype=dtype or self._dtype or
                                    "float32", initializer=initializer,
                                    trainable=trainable and self.trainable,
                                    constraint=constraint, partitioner=partitioner)
                # Keras's weight regularization: `<weight name>/Regularizer` in the
                # layer's name scope, once per new variable (not on reuse).
                parts = list(v) if hasattr(v, "_get_variable_list") else [v]
                if regularizer and not any(p in existing for p in parts):
                    for p in parts:
                        with g.name_scope(name + "/Regularizer"):
                            loss = regularizer(p)
                        losses = g.get_collection_ref(GraphKeys.REGULARIZATION_LOSSES)
                        if loss is not None and not any(x is loss for x in losses):
                            losses.append(loss)
        self._weights.append(v)
        return v

    add_variable = add_weight

    def add_update(self, updates, inputs=None):
        # TF 1.x graph mode calls update callables right away.
        for u in updates if isinstance(updates, (list, tuple)) else [updates]:
            if callable(u):
                u = u()
            self._updates.append(u)

    def build(self, input_shape):
        self.built = True

    def call(self, inputs, **kwargs):
        return inputs

    def __call__(self, inputs, *args, **kwargs):
        scope = kwargs.pop("scope", None)
        self._set_scope(scope)
        g = get_default_graph()
        with vs.variable_scope(self._scope, reuse=True if self.built else self._reuse,
                               auxiliary_name_scope=False) as s:
            self._current_scope = s
            with g.name_scope(s.original_name_scope):
                if not self.built:
                    first = inputs[0] if isinstance(inputs, (list, tuple)) else inputs
                    first = convert_to_tensor(first)
                    if self._dtype is None:
                        self._dtype = first.dtype
                    self.build(first.shape)
                    self.built = True
                outputs = self.call(inputs, *args, **kwargs)
        for u in self._updates:
            op = u if not hasattr(u, "op") else u.op
            if op not in g.get_collection(GraphKeys.UPDATE_OPS):
                g.add_to_collection(GraphKeys.UPDATE_OPS, op)
        return outputs

    apply = __call__

    def compute_output_shape(self, input_shape):
        return TensorShape(input_shape)
