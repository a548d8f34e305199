"""TF 1.15's Keras base layer (`keras/engine/base_layer.py`) in graph mode.

A Keras layer has a per-graph unique name (`dense`, `dense_1`, ...) and builds under
`name_scope(name)` (uniquified per call: `dense_1/` on a second call) with no variable
scope; its weights are resource variables made by `make_variable` (`dense/kernel`,
glorot_uniform by default), weight regularizers are callables run when `losses` is
read, and `training` comes from the caller, the enclosing layer's call, or (for the
layers that ask, Dropout, BatchNormalization) `backend.learning_phase()`.

The layers reuse `tf.layers`' shapes and ops: in TF 1.15 `tf.layers.Dense` *is* a Keras
Dense with variable scopes on top, so here the Keras classes put this base beneath the
`tf.layers` classes (`class Dense(layers.core.Dense, Layer)`), replacing only naming,
weights and calls.
"""

from __future__ import annotations

import contextvars
import inspect

import numpy as np

from ...framework import dtypes as _dtypes
from ...framework.constant_op import convert_to_tensor
from ...framework.ops import name_scope
from ...framework.tensor_shape import TensorShape
from ...layers import base as _tf_layers_base
from ...layers.convolutional_more import InputSpec
from ...ops import array_ops, math_ops, variables
from .. import backend as K
from .. import constraints, initializers, regularizers

_TRAINING = contextvars.ContextVar("keras_training", default=None)
_ALLOWED_KWARGS = {"input_shape", "batch_input_shape", "batch_size", "weights",
                   "activity_regularizer", "autocast", "_scope", "_reuse"}


def to_snake_case(name):
    return _tf_layers_base.to_snake_case(name)


def nest_flatten(x):
    return [y for v in x for y in nest_flatten(v)] if isinstance(x, (list, tuple)) else [x]


def keras_history(t):
    """(layer, node index, tensor index) of a tensor a Keras layer made from Keras
    tensors (TF keeps it on the tensor as `_keras_history`)."""
    g = getattr(t, "graph", None)
    return None if g is None else K._graph_state(g).setdefault("history", {}).get(t.name)


def set_keras_history(t, value):
    K._graph_state(t.graph).setdefault("history", {})[t.name] = value


def keras_mask(t):
    """The mask a Keras layer attached to its output (TF's `_keras_mask`)."""
    g = getattr(t, "graph", None)
    return None if g is None else K._graph_state(g).setdefault("masks", {}).get(t.name)


def _set_keras_mask(t, mask):
    if hasattr(t, "graph"):
        K._graph_state(t.graph).setdefault("masks", {})[t.name] = mask


def _map_structure(fn, x):
    if isinstance(x, (list, tuple)):
        return type(x)(_map_structure(fn, v) for v in x)
    return fn(x)


class Node:
    """One call of a layer on Keras tensors: its inputs, outputs and call arguments."""

    def __init__(self, layer, inputs, outputs, arguments):
        self.outbound_layer = layer
        self.input_tensors, self.output_tensors = inputs, outputs
        self.arguments = arguments


class Layer(_tf_layers_base.Layer):
    """`tf.keras.layers.Layer` of TF 1.15 (graph mode)."""

    def __init__(self, trainable=True, name=None, dtype=None, dynamic=False, **kwargs):
        for kwarg in kwargs:
            if kwarg not in _ALLOWED_KWARGS:
                raise TypeError("Keyword argument not understood:", kwarg)
        self.trainable = trainable
        self.built = False
        self.dynamic = dynamic
        self._dtype = None if dtype is None else _dtypes.as_dtype(dtype).name
        self._trainable_weights, self._non_trainable_weights = [], []
        self._updates, self._losses, self._callable_losses = [], [], []
        self._layers = []
        self._activity_regularizer = regularizers.get(kwargs.pop("activity_regularizer", None))
        self._base_name = to_snake_case(type(self).__name__)
        self.name = name or K.unique_object_name(self._base_name, zero_based=True)
        self._scope = None
        self.input_spec = None
        self.supports_masking = False
        self._inbound_nodes, self._outbound_nodes = [], []
        if "batch_input_shape" in kwargs or "input_shape" in kwargs:
            if "batch_input_shape" in kwargs:
                self._batch_input_shape = tuple(kwargs["batch_input_shape"])
            else:
                self._batch_input_shape = ((kwargs.get("batch_size"),) +
                                           tuple(kwargs["input_shape"]))
        self._initial_weights = kwargs.get("weights")

    def __setattr__(self, name, value):
        # Keras tracks the layers a layer holds as attributes (a subclassed model's
        # `self.dense = Dense(...)`): their weights are the holder's too, in order.
        if isinstance(value, Layer) and value is not self:
            layers = self.__dict__.setdefault("_layers", [])
            if not any(v is value for v in layers):
                layers.append(value)
        super().__setattr__(name, value)

    # --- weights (trainable first, as Keras lists them)
    @property
    def dtype(self):
        return self._dtype

    @property
    def trainable_weights(self):
        if not self.trainable:
            return []
        return self._trainable_weights + [w for layer in self._layers
                                          for w in layer.trainable_weights]

    @property
    def non_trainable_weights(self):
        nested = [w for layer in self._layers for w in layer.non_trainable_weights]
        if not self.trainable:
            nested = [w for layer in self._layers for w in layer.weights]
            return self._trainable_weights + self._non_trainable_weights + nested
        return self._non_trainable_weights + nested

    @property
    def weights(self):
        return self.trainable_weights + self.non_trainable_weights

    variables = weights
    trainable_variables = trainable_weights
    non_trainable_variables = non_trainable_weights

    @property
    def updates(self):
        return list(self._updates) + [u for layer in self._layers for u in layer.updates]

    @property
    def losses(self):
        """Activity losses, then each weight regularizer's loss, built now (TF runs the
        regularizer callables on every read)."""
        out = []
        for layer in [self] + self._layers:
            out.extend(layer._losses)
            for fn in layer._callable_losses:
                loss = fn()
                if loss is not None:
                    out.append(loss)
        return out

    def add_loss(self, losses, inputs=None):
        for loss in losses if isinstance(losses, (list, tuple)) else [losses]:
            if callable(loss):
                self._callable_losses.append(loss)
            elif loss is not None:
                self._losses.append(convert_to_tensor(loss, dtype=K.floatx()))

    def add_update(self, updates, inputs=None):
        for u in updates if isinstance(updates, (list, tuple)) else [updates]:
            self._updates.append(u() if callable(u) else u)

    def add_weight(self, name=None, shape=None, dtype=None, initializer=None, regularizer=None,
                   trainable=None, constraint=None, partitioner=None, use_resource=None,
                   synchronization=None, aggregation=None, **kwargs):
        """`make_variable`: a resource variable `<name scope>/<name>` initialized by
        `initializer(shape, dtype=dtype)` (glorot_uniform for floats, zeros else)."""
        for kwarg in kwargs:
            if kwarg not in ("getter", "collections", "experimental_autocast"):
                raise TypeError("Unknown keyword argument:", kwarg)
        shape = () if shape is None else shape
        dtype = _dtypes.as_dtype(dtype or self.dtype or K.floatx())
        if self._dtype is None:
            self._dtype = dtype.base_dtype.name
        initializer = initializers.get(initializer)
        regularizer = regularizers.get(regularizer)
        constraint = constraints.get(constraint)
        trainable = _tf_layers_base.weight_trainable(trainable, synchronization)
        if initializer is None:
            if dtype.is_floating:
                initializer = initializers.glorot_uniform()
            elif dtype.is_integer or dtype.is_unsigned or dtype.is_bool:
                initializer = initializers.zeros()
            else:
                raise ValueError(f"An initializer for variable {name} of type "
                                 f"{dtype.base_dtype} is required for layer {self.name}")
        if isinstance(initializer, type):
            initializer = initializer()
        init = initializer
        variable_shape = TensorShape(shape)
        v = variables.Variable(
            initial_value=lambda: init(shape, dtype=dtype), name=name, trainable=trainable,
            dtype=dtype.base_dtype, constraint=constraint,
            use_resource=True if use_resource is None else use_resource,
            collections=kwargs.get("collections"), synchronization=synchronization,
            aggregation=aggregation, shape=variable_shape if variable_shape else None)
        K.track_variable(v)
        if regularizer is not None:
            scoped = v.name[:v.name.find(":")]

            def loss_for_variable(var=v, reg=regularizer, scoped=scoped):
                with name_scope(scoped + "/Regularizer"):
                    return reg(var)
            self.add_loss(loss_for_variable)
        (self._trainable_weights if trainable else self._non_trainable_weights).append(v)
        return v

    add_variable = add_weight

    def get_weights(self):
        return K.batch_get_value(self.weights)

    def set_weights(self, weights):
        params = self.weights
        if len(params) != len(weights):
            raise ValueError(
                f"You called `set_weights(weights)` on layer \"{self.name}\" with a  weight "
                f"list of length {len(weights)}, but the layer was expecting {len(params)} "
                f"weights. Provided weights: {str(weights)[:50]}...")
        for p, w in zip(params, weights):
            if tuple(p.shape.as_list()) != np.shape(w):
                raise ValueError(f"Layer weight shape {tuple(p.shape.as_list())} not "
                                 f"compatible with provided weight shape {np.shape(w)}")
        K.batch_set_value(list(zip(params, weights)))

    # --- calls
    def _expects(self, arg):
        return arg in inspect.signature(self.call).parameters

    def _maybe_build(self, inputs):
        if self.built:
            return
        flat = nest_flatten(inputs)
        if flat and self._dtype is None:
            dtype = getattr(flat[0], "dtype", None)
            if dtype is not None:
                self._dtype = dtype.base_dtype.name
        shapes = None
        if all(hasattr(x, "shape") for x in flat):
            shapes = ([x.shape for x in inputs] if isinstance(inputs, (list, tuple))
                      else inputs.shape)
        self.build(shapes)
        self.built = True
        if self._initial_weights is not None:
            self.set_weights(self._initial_weights)
            self._initial_weights = None

    def build(self, input_shape):
        self.built = True

    def _name_scope(self):
        return self.name

    def __call__(self, inputs, *args, **kwargs):
        def convert(x):
            if isinstance(x, (list, tuple)):
                return type(x)(convert(y) for y in x)
            return convert_to_tensor(x) if isinstance(x, (np.ndarray, float, int)) else x
        inputs = convert(inputs)
        expects_training = self._expects("training")
        if "training" in kwargs:
            if not expects_training:
                kwargs.pop("training")
            training = kwargs.get("training")
        else:
            training = _TRAINING.get()
            if expects_training and training is not None:
                if hasattr(training, "op"):
                    training = math_ops.cast(training, _dtypes.bool)
                else:
                    training = bool(training)
                kwargs["training"] = training
        # masks come from the inputs (TF's `_keras_mask`) unless given
        input_masks = _map_structure(keras_mask, inputs)
        if all(m is None for m in nest_flatten(input_masks)):
            input_masks = None
        mask_by_framework = (input_masks is not None and "mask" not in kwargs
                             and self._expects("mask"))
        if mask_by_framework:
            kwargs["mask"] = input_masks
        token = _TRAINING.set(training)
        try:
            with name_scope(self._name_scope()):
                self._maybe_build(inputs)
                outputs = self.call(inputs, *args, **kwargs)
                if outputs is None:
                    raise ValueError("A layer's `call` method should return a Tensor or a "
                                     f"list of Tensors, not None (layer: {self.name}).")
                if mask_by_framework:
                    kwargs.pop("mask")
                self._set_connectivity(inputs, outputs, kwargs)
                self._handle_activity_regularization(outputs)
                self._set_mask_metadata(inputs, outputs, input_masks)
        finally:
            _TRAINING.reset(token)
        return outputs

    def compute_mask(self, inputs, mask=None):
        if not self.supports_masking:
            if any(m is not None for m in nest_flatten(mask)):
                raise TypeError(f"Layer {self.name} does not support masking, but was passed "
                                f"an input_mask: {mask}")
            return None
        return mask

    def _set_mask_metadata(self, inputs, outputs, previous_mask):
        """Each output's mask: `compute_mask` of the layers that support masking or
        define it, else none (TF's `_set_mask_metadata`)."""
        flat = nest_flatten(outputs)
        if all(keras_mask(x) is not None for x in flat):
            return
        overridden = type(self).compute_mask is not Layer.compute_mask
        masks = None
        if self.supports_masking or overridden:
            masks = self.compute_mask(inputs, previous_mask)
        masks = [None] * len(flat) if masks is None else nest_flatten(masks)
        for out, mask in zip(flat, masks):
            _set_keras_mask(out, mask)

    apply = __call__

    def _set_connectivity(self, inputs, outputs, arguments):
        flat_in = nest_flatten(inputs)
        if not flat_in or not all(keras_history(x) is not None for x in flat_in):
            return
        node_index = len(self._inbound_nodes)
        flat_out = nest_flatten(outputs)
        self._inbound_nodes.append(Node(self, inputs, outputs, dict(arguments)))
        for i, t in enumerate(flat_out):
            set_keras_history(t, (self, node_index, i))

    def _handle_activity_regularization(self, outputs):
        if not self._activity_regularizer:
            return
        with name_scope("ActivityRegularizer"):
            for out in nest_flatten(outputs):
                loss = self._activity_regularizer(out)
                batch = math_ops.cast(array_ops.shape(out)[0], loss.dtype)
                self.add_loss(loss / batch)

    def compute_output_shape(self, input_shape):
        return input_shape

    def count_params(self):
        if not self.built:
            raise ValueError(f"You tried to call `count_params` on {self.name}, but the layer "
                             f"isn't built. You can build it manually via: `{self.name}"
                             ".build(batch_input_shape)`.")
        return int(sum(np.prod(w.shape.as_list()) for w in self.weights))

    def get_config(self):
        config = {"name": self.name, "trainable": self.trainable, "dtype": self.dtype}
        if hasattr(self, "_batch_input_shape"):
            config["batch_input_shape"] = self._batch_input_shape
        return config

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    @property
    def input(self):
        if not self._inbound_nodes:
            raise AttributeError(f"Layer {self.name} is not connected, no input to return.")
        return self._inbound_nodes[0].input_tensors

    @property
    def output(self):
        if not self._inbound_nodes:
            raise AttributeError(f"Layer {self.name} has no inbound nodes.")
        return self._inbound_nodes[0].output_tensors


__all__ = ["InputSpec", "Layer", "Node", "keras_history", "keras_mask", "nest_flatten",
           "set_keras_history", "to_snake_case"]
