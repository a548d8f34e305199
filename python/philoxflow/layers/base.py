"""The TF 1.x layer base (`tf.layers.Layer`): variable scopes, weights and naming.

A layer opens its variable scope once (lazily, from `default_name`, or at
construction when `_scope` is given, as the `tf.layers.*` functions do), then
re-enters it for every call and weight, building ops under the scope's original
name scope, exactly as TF 1.15's `layers/base.py` over Keras's base layer does.
"""

from __future__ import annotations

import re

import numpy as np

from ..framework.constant_op import convert_to_tensor
from ..framework.ops import GraphKeys, get_default_graph
from ..framework.tensor_shape import TensorShape
from ..ops import variable_scope as vs


def to_snake_case(name):
    s = re.sub("(.)([A-Z][a-z0-9]+)", r"\1_\2", name)
    s = re.sub("([a-z])([A-Z])", r"\1_\2", s).lower()
    return s if s[0] != "_" else "private" + s


def _unique_object_name(base, zero_based=False):
    """Keras's `unique_object_name`, one count per name and graph shared by `tf.layers`
    (`dense_1`, `dense_2`, ...) and `tf.keras` layers (zero based: `dense`, `dense_1`)."""
    uids = get_default_graph().__dict__.setdefault("_pf_layer_name_uids", {})
    number = uids.get(base, 0)
    uids[base] = number + 1
    if zero_based:
        return f"{base}_{number}" if number else base
    return f"{base}_{number + 1}"


def weight_trainable(trainable, synchronization):
    """TF's `add_weight` rule: an ON_READ variable is non-trainable (trainable=True
    refused), any other trainable unless told otherwise."""
    if synchronization is not None and getattr(synchronization, "name", "") == "ON_READ":
        if trainable:
            raise ValueError(
                "Synchronization value can be set to VariableSynchronization.ON_READ only "
                "for non-trainable variables. You have specified trainable=True and "
                "synchronization=VariableSynchronization.ON_READ.")
        return False
    return True if trainable is None else trainable


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
        self._losses = []
        self._activity_regularizer = kwargs.pop("activity_regularizer", None)
        self._base_name = name or to_snake_case(type(self).__name__)
        # An unnamed layer's `name` is Keras's per-graph unique object name
        # (`dense_1`, `dense_2`, ...); its scope is still named from `_base_name`.
        self.name = name or _unique_object_name(self._base_name)
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
        return [w for w in self._weights if w.trainable] if self.trainable else []

    trainable_variables = trainable_weights

    @property
    def non_trainable_weights(self):
        if not self.trainable:
            return list(self._weights)
        return [w for w in self._weights if not w.trainable]

    non_trainable_variables = non_trainable_weights

    @property
    def losses(self):
        """The regularization losses this layer's weights added (TF keeps them too)."""
        return list(self._losses)

    @property
    def scope_name(self):
        if not self._scope:
            raise ValueError("No name available for layer scope because the layer \"" +
                             self._base_name + "\" has not been used yet. The scope name " +
                             " is determined the first time the layer instance is called. " +
                             "You must therefore call the layer before querying `scope_name`.")
        return self._scope.name

    def _set_scope(self, scope=None):
        if self._scope is None:
            if self._reuse:
                with vs.variable_scope(scope if scope is not None else self._base_name) as s:
                    self._scope = s
            else:
                with vs.variable_scope(scope, default_name=self._base_name) as s:
                    self._scope = s

    def add_weight(self, name, shape, dtype=None, initializer=None, regularizer=None,
                   trainable=None, constraint=None, partitioner=None, synchronization=None,
                   aggregation=None, **kwargs):
        trainable = weight_trainable(trainable, synchronization)
        self._set_scope(None)  # a layer adding weights before it is called names its scope
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
                                    constraint=constraint, partitioner=partitioner,
                                    synchronization=synchronization, aggregation=aggregation)
                # Keras's weight regularization: `<weight name>/Regularizer` in the
                # layer's name scope, once per new variable (not on reuse).
                parts = list(v) if hasattr(v, "_get_variable_list") else [v]
                if regularizer and not any(p in existing for p in parts):
                    for p in parts:
                        with g.name_scope(name + "/Regularizer"):
                            loss = regularizer(p)
                        losses = g.get_collection_ref(GraphKeys.REGULARIZATION_LOSSES)
                        if loss is not None:
                            self._losses.append(loss)
                            if not any(x is loss for x in losses):
                                losses.append(loss)
        self._weights.append(v)
        return v

    add_variable = add_weight

    def count_params(self):
        """The number of scalars in the layer's weights (TF's error before it is built)."""
        if not self.built:
            raise ValueError(f"You tried to call `count_params` on {self.name}, but the layer "
                             f"isn't built. You can build it manually via: `{self.name}"
                             ".build(batch_input_shape)`.")
        return int(sum(np.prod(w.shape.as_list()) for w in self.weights))

    def add_update(self, updates, inputs=None):
        # TF 1.x graph mode calls update callables right away.
        for u in updates if isinstance(updates, (list, tuple)) else [updates]:
            if callable(u):
                u = u()
            self._updates.append(u)

    @property
    def activity_regularizer(self):
        return self._activity_regularizer

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
                if self._activity_regularizer:
                    self._activity_losses(g, outputs)
        for u in self._updates:
            op = u if not hasattr(u, "op") else u.op
            if op not in g.get_collection(GraphKeys.UPDATE_OPS):
                g.add_to_collection(GraphKeys.UPDATE_OPS, op)
        return outputs

    apply = __call__

    def _activity_losses(self, g, outputs):
        """Keras's activity regularization: the loss per output over its batch size."""
        from ..ops import array_ops, math_ops

        with g.name_scope("ActivityRegularizer"):
            for out in outputs if isinstance(outputs, (list, tuple)) else [outputs]:
                loss = self._activity_regularizer(out)
                batch = math_ops.cast(array_ops.shape(out)[0], loss.dtype)
                mean = loss / batch
                self._losses.append(mean)
                losses = g.get_collection_ref(GraphKeys.REGULARIZATION_LOSSES)
                if not any(x is mean for x in losses):
                    losses.append(mean)

    def compute_output_shape(self, input_shape):
        return TensorShape(input_shape)
