"""TF 1.15's `tf.keras.layers.BatchNormalization` (V1): `tf.layers`' batch norm with
Keras's constructor and `training` defaulting to `backend.learning_phase()`."""

from __future__ import annotations

from ...layers import normalization as _norm
from .. import backend as K
from ._wrap import keras_layer


class BatchNormalization(keras_layer(_norm.BatchNormalization)):
    def call(self, inputs, training=None):
        return super().call(inputs, training=K.learning_phase() if training is None
                            else training)
