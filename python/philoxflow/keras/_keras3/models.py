"""`keras.Sequential`: layers built in order on the propagated shapes, so each layer's
weights come from its initializers in Keras's order."""

from __future__ import annotations

from . import layers as _layers


class _LayerWeights:
    """A model's weights: its layers' in layer order."""

    @property
    def weights(self):
        return [w for layer in self.layers for w in layer.weights]

    def get_weights(self):
        return [w.numpy() for w in self.weights]


class Model(_LayerWeights):
    """`keras.Model(inputs, outputs)` of a chain of layers (functional API): its layers
    in call order, their weights in that order."""

    def __init__(self, inputs=None, outputs=None, name=None, **kwargs):
        self.name = name
        self.layers = []
        outs = outputs if isinstance(outputs, (list, tuple)) else [outputs]
        for out in outs:
            for layer in getattr(out, "layers", []):
                if layer not in self.layers:
                    self.layers.append(layer)
        self.built = True


class Sequential(_LayerWeights):
    def __init__(self, layers=None, name=None, **kwargs):
        self.name = name
        self.layers = []
        self._input_shape = None
        for layer in layers or []:
            self.add(layer)

    def add(self, layer):
        if isinstance(layer, _layers.InputLayer):
            self._input_shape = layer.shape
            return
        self.layers.append(layer)
        if self._input_shape is not None:
            self.build(self._input_shape)

    def build(self, input_shape=None):
        shape = tuple(input_shape if input_shape is not None else self._input_shape)
        self._input_shape = shape
        for layer in self.layers:
            if not layer.built:
                layer.build(shape)
            shape = layer.compute_output_shape(shape)
        self.built = True


    def __call__(self, inputs, training=False):
        x = inputs
        for layer in self.layers:
            x = layer(x, training=training) if isinstance(layer, _layers.Dropout) else layer(x)
        return x
