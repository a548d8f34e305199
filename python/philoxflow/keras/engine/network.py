"""TF 1.15's Keras models in graph mode: the functional `Model(inputs, outputs)` (a graph
of layer calls, `engine/network.py`) and `Sequential` (`engine/sequential.py`).

A graph network orders its layers as TF does (by decreasing depth, then by first visit
from the outputs), so `model.layers` and `model.weights` list what TF lists; calling it
on new tensors re-runs each layer call under the model's name scope (`model/dense/...`).
"""

from __future__ import annotations

import inspect

from .base_layer import Layer, keras_history, nest_flatten
from .input_layer import Input, InputLayer


def _inbound(node):
    """A node's inputs and the Keras tensors among its call arguments (an RNN's
    `initial_state`), as TF's `iterate_inbound(include_arguments=True)`."""
    if isinstance(node.outbound_layer, InputLayer):
        return []
    args = [t for t in nest_flatten(list(node.arguments.values()))
            if hasattr(t, "op") and keras_history(t) is not None]
    return nest_flatten(node.input_tensors) + args


def _map_graph_network(inputs, outputs):
    """TF's `_map_graph_network`: (nodes by depth, layers in TF's order)."""
    node_depths, layer_depths, layer_indices = {}, {}, {}
    in_decreasing_depth, finished = [], set()

    def build_map(layer, node_index):
        node = layer._inbound_nodes[node_index]
        if id(node) in finished:
            return
        layer_indices.setdefault(layer, len(layer_indices))
        for t in _inbound(node):
            h = keras_history(t)
            build_map(h[0], h[1])
        finished.add(id(node))
        in_decreasing_depth.append(node)

    for x in outputs:
        h = keras_history(x)
        build_map(h[0], h[1])
    for node in reversed(in_decreasing_depth):
        depth = node_depths.setdefault(node, 0)
        depth = max(depth, layer_depths.get(node.outbound_layer, 0))
        layer_depths[node.outbound_layer] = depth
        node_depths[node] = depth
        for t in _inbound(node):
            layer, index, _ = keras_history(t)
            dep = layer._inbound_nodes[index]
            node_depths[dep] = max(depth + 1, node_depths.get(dep, 0))
    for x in inputs:
        layer = keras_history(x)[0]
        if layer not in layer_depths:
            layer_depths[layer] = 0
            layer_indices[layer] = -1
            node_depths[layer._inbound_nodes[0]] = 0
    nodes_by_depth, layers_by_depth = {}, {}
    for node, depth in node_depths.items():
        nodes_by_depth.setdefault(depth, []).append(node)
    for layer, depth in layer_depths.items():
        layers_by_depth.setdefault(depth, []).append(layer)
    layers = []
    for depth in sorted(layers_by_depth, reverse=True):
        layers.extend(sorted(layers_by_depth[depth], key=lambda x: layer_indices[x]))
    names = [layer.name for layer in layers]
    for name in names:
        if names.count(name) != 1:
            raise ValueError(f'The name "{name}" is used {names.count(name)} times in the '
                             "model. All layer names should be unique.")
    return nodes_by_depth, layers


class Network(Layer):
    """A Keras model: a graph network (`Model(inputs, outputs)`), or a subclassed one."""

    def __init__(self, *args, **kwargs):
        if (len(args) == 2 or len(args) == 1 and "outputs" in kwargs or
                "inputs" in kwargs and "outputs" in kwargs):
            self._init_graph_network(*args, **kwargs)
        else:
            super().__init__(name=kwargs.pop("name", None), **kwargs)
            self._is_graph_network = False
            self.inputs, self.outputs = [], []

    def _init_graph_network(self, inputs, outputs, name=None, **kwargs):
        if not hasattr(self, "_trainable_weights"):
            super().__init__(name=name, **kwargs)
        self._is_graph_network = True
        # (a one-element list is its element, as in TF)
        if isinstance(outputs, list) and len(nest_flatten(outputs)) == 1:
            outputs = outputs[0]
        self._nested_outputs = outputs
        self.inputs = list(inputs) if isinstance(inputs, (list, tuple)) else [inputs]
        self.outputs = list(outputs) if isinstance(outputs, (list, tuple)) else [outputs]
        for x in self.inputs + self.outputs:
            if keras_history(x) is None:
                raise ValueError(f"Input tensors to a {type(self).__name__} must come from "
                                 f"`tf.keras.Input`. Received: {x} (missing previous layer "
                                 "metadata).")
        self._nodes_by_depth, layers = _map_graph_network(self.inputs, self.outputs)
        self._layers = layers
        self.input_layers = [keras_history(x)[0] for x in self.inputs]
        self.output_layers = [keras_history(x)[0] for x in self.outputs]
        self.built = True

    @property
    def layers(self):
        return [layer for layer in self._layers]

    @property
    def weights(self):
        """Each layer's weights (trainable, then not) in layer order, then the model's
        own; each once (TF's `_undeduplicated_weights`, deduplicated)."""
        out, seen = [], set()
        for w in [w for layer in self._layers for w in layer.weights] + \
                self._trainable_weights + self._non_trainable_weights:
            if id(w) not in seen:
                seen.add(id(w))
                out.append(w)
        return out

    variables = weights

    def get_layer(self, name=None, index=None):
        if index is not None:
            if len(self.layers) <= index:
                raise ValueError(f"Was asked to retrieve layer at index {index} but model "
                                 f"only has {len(self.layers)} layers.")
            return self.layers[index]
        for layer in self.layers:
            if layer.name == name:
                return layer
        raise ValueError("No such layer: " + str(name))

    @property
    def input(self):
        return self.inputs[0] if len(self.inputs) == 1 else self.inputs

    @property
    def output(self):
        return self.outputs[0] if len(self.outputs) == 1 else self.outputs

    def _maybe_build(self, inputs):
        self.built = True  # a network's layers build when it is made or called

    def call(self, inputs, training=None, mask=None):
        if not self._is_graph_network:
            raise NotImplementedError("When subclassing the `Model` class, you should "
                                      "implement a `call` method.")
        return self._run_internal_graph(inputs, training=training)

    def _run_internal_graph(self, inputs, training=None):
        inputs = nest_flatten(inputs)
        tensors = {id(x): y for x, y in zip(self.inputs, inputs)}
        for depth in sorted(self._nodes_by_depth, reverse=True)[1:]:
            for node in self._nodes_by_depth[depth]:
                layer = node.outbound_layer
                if not all(id(t) in tensors for t in nest_flatten(node.input_tensors)):
                    continue
                computed = _map(lambda t: tensors[id(t)], node.input_tensors)
                kwargs = {k: _map(lambda t: tensors.get(id(t), t), v)
                          for k, v in node.arguments.items()}
                if "training" in inspect.signature(layer.call).parameters:
                    kwargs.setdefault("training", training)
                outputs = layer(computed, **kwargs)
                for x, y in zip(nest_flatten(node.output_tensors), nest_flatten(outputs)):
                    tensors[id(x)] = y
        out = [tensors[id(x)] for x in self.outputs]
        if isinstance(self._nested_outputs, (list, tuple)):
            return out
        return out[0]

    def summary(self, *args, **kwargs):
        raise NotImplementedError("philoxflow: Model.summary")


def _map(fn, structure):
    if isinstance(structure, (list, tuple)):
        return type(structure)(_map(fn, s) for s in structure)
    return fn(structure)


class Model(Network):
    """`tf.keras.Model` (graph building; `compile`/`fit` are not implemented)."""

    def compile(self, *args, **kwargs):
        raise NotImplementedError("philoxflow: Model.compile (training loops) is not "
                                  "implemented; build the loss and optimizer with tf ops")

    fit = evaluate = predict = train_on_batch = compile


class Sequential(Model):
    """`tf.keras.Sequential`: a graph network once its first layer knows its input shape
    (then each `add` calls the layer on the previous output), else layers called in
    order inside the model's name scope when the model is called."""

    def __init__(self, layers=None, name=None):
        Layer.__init__(self, name=name)
        self._is_graph_network = False
        self.inputs, self.outputs = [], []
        self.supports_masking = True
        for layer in layers or []:
            self.add(layer)

    @property
    def layers(self):
        # (the InputLayer of a graph network is not listed)
        return [layer for layer in self._layers if not isinstance(layer, InputLayer)]

    def add(self, layer):
        if not isinstance(layer, Layer):
            raise TypeError("The added layer must be an instance of class Layer. Found: " +
                            str(layer))
        set_inputs = False
        if not self._layers and not self.outputs:
            if isinstance(layer, InputLayer):
                set_inputs = True
            elif getattr(layer, "_batch_input_shape", None):
                x = Input(batch_shape=layer._batch_input_shape, dtype=layer.dtype,
                          name=layer.name + "_input")
                layer(x)
                set_inputs = True
            if set_inputs:
                out = nest_flatten(layer._inbound_nodes[-1].output_tensors)
                if len(out) != 1:
                    raise ValueError("All layers in a Sequential model should have a single "
                                     "output tensor. For multi-output layers, use the "
                                     "functional API.")
                self.outputs = [out[0]]
                self.inputs = [keras_history(out[0])[0]._inbound_nodes[0].input_tensors[0]
                               if isinstance(layer, InputLayer) else x]
        elif self.outputs:
            self.outputs = [layer(self.outputs[0])]
        if set_inputs or self._is_graph_network:
            name = self.name
            self._init_graph_network(self.inputs, self.outputs, name=name)
        else:
            self._layers.append(layer)

    def call(self, inputs, training=None, mask=None):
        if self._is_graph_network:
            return super().call(inputs, training=training, mask=mask)
        outputs = inputs
        for layer in self.layers:
            kwargs = {}
            if "training" in inspect.signature(layer.call).parameters:
                kwargs["training"] = training
            outputs = layer(outputs, **kwargs)
        return outputs

    def pop(self):
        if not self.layers:
            raise TypeError("There are no layers in the model.")
        self._layers.pop()
        if not self.layers:
            self.outputs, self.inputs, self.built = [], [], False
            self._is_graph_network = False
        elif self._is_graph_network:
            self.outputs = [nest_flatten(self.layers[-1]._inbound_nodes[-1].output_tensors)[0]]
            self._init_graph_network(self.inputs, self.outputs, name=self.name)
