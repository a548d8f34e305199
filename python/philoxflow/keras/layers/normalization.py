"""TF 1.15's `tf.keras.layers.BatchNormalization` (V1): `tf.layers`' batch norm with
Keras's constructor and `training` defaulting to `backend.learning_phase()`."""

from __future__ import annotations

from ...layers import normalization as _norm
from .. import backend as K
from .. import constraints, initializers, regularizers
from ..engine.base_layer import Layer
from ._wrap import keras_layer


class BatchNormalization(keras_layer(_norm.BatchNormalization)):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.supports_masking = True

    def call(self, inputs, training=None):
        return super().call(inputs, training=K.learning_phase() if training is None
                            else training)


class LayerNormalization(Layer):
    """`tf.keras.layers.LayerNormalization` (TF 1.15): moments over `axis`, then
    `nn.batch_normalization` with `gamma`/`beta` of the normalized dimensions."""

    def __init__(self, axis=-1, epsilon=1e-3, center=True, scale=True,
                 beta_initializer="zeros", gamma_initializer="ones", beta_regularizer=None,
                 gamma_regularizer=None, beta_constraint=None, gamma_constraint=None,
                 trainable=True, name=None, **kwargs):
        super().__init__(name=name, trainable=trainable, **kwargs)
        self.axis = list(axis) if isinstance(axis, (list, tuple)) else axis
        self.epsilon, self.center, self.scale = epsilon, center, scale
        self.beta_initializer = initializers.get(beta_initializer)
        self.gamma_initializer = initializers.get(gamma_initializer)
        self.beta_regularizer = regularizers.get(beta_regularizer)
        self.gamma_regularizer = regularizers.get(gamma_regularizer)
        self.beta_constraint = constraints.get(beta_constraint)
        self.gamma_constraint = constraints.get(gamma_constraint)
        self.supports_masking = True

    def build(self, input_shape):
        dims = input_shape.as_list()
        ndims = len(dims)
        axes = [self.axis] if isinstance(self.axis, int) else list(self.axis)
        self.axis = [a + ndims if a < 0 else a for a in axes]
        for a in self.axis:
            if a < 0 or a >= ndims:
                raise ValueError("Invalid axis: %d" % a)
        if len(self.axis) != len(set(self.axis)):
            raise ValueError(f"Duplicate axis: {tuple(self.axis)}")
        param_shape = [dims[a] for a in self.axis]
        self.gamma = self.add_weight(
            name="gamma", shape=param_shape, initializer=self.gamma_initializer,
            regularizer=self.gamma_regularizer, constraint=self.gamma_constraint,
            trainable=True) if self.scale else None
        self.beta = self.add_weight(
            name="beta", shape=param_shape, initializer=self.beta_initializer,
            regularizer=self.beta_regularizer, constraint=self.beta_constraint,
            trainable=True) if self.center else None
        self.built = True

    def call(self, inputs):
        from ...ops.array_ops import reshape
        from ...ops.nn_impl import batch_normalization
        from ...ops.nn_ops import moments

        input_shape = inputs.shape
        ndims = len(input_shape)
        mean, variance = moments(inputs, self.axis, keep_dims=True)
        broadcast_shape = [1] * ndims
        for a in self.axis:
            broadcast_shape[a] = input_shape.as_list()[a]

        def broadcast(v):
            if v is not None and len(v.shape) != ndims and self.axis != [ndims - 1]:
                return reshape(v, broadcast_shape)
            return v
        outputs = batch_normalization(inputs, mean, variance, offset=broadcast(self.beta),
                                      scale=broadcast(self.gamma),
                                      variance_epsilon=self.epsilon)
        outputs.set_shape(input_shape)
        return outputs
