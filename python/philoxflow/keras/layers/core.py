"""TF 1.15's `tf.keras.layers` core layers (`keras/layers/core.py`) in graph mode.

Dense, Dropout and Flatten are `tf.layers`' (the same TF 1.15 source) over the Keras
base layer, with Keras's defaults (`glorot_uniform`, `zeros`, activations by name) and
Dropout's `training` defaulting to `backend.learning_phase()`.
"""

from __future__ import annotations

import numpy as np

from ...framework.tensor_shape import TensorShape
from ...layers import core as _tf_core
from ...ops import array_ops, math_ops
from .. import activations, constraints, initializers, regularizers
from .. import backend as K
from ..engine.base_layer import Layer


def _learning_phase(training):
    return K.learning_phase() if training is None else training


class Dense(_tf_core.Dense, Layer):
    def __init__(self, units, activation=None, use_bias=True,
                 kernel_initializer="glorot_uniform", bias_initializer="zeros",
                 kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, **kwargs):
        if "input_shape" not in kwargs and "input_dim" in kwargs:
            kwargs["input_shape"] = (kwargs.pop("input_dim"),)
        super().__init__(units, use_bias=use_bias,
                         kernel_initializer=initializers.get(kernel_initializer),
                         bias_initializer=initializers.get(bias_initializer),
                         kernel_regularizer=regularizers.get(kernel_regularizer),
                         bias_regularizer=regularizers.get(bias_regularizer),
                         activity_regularizer=activity_regularizer,
                         kernel_constraint=constraints.get(kernel_constraint),
                         bias_constraint=constraints.get(bias_constraint), **kwargs)
        self.activation = activations.get(activation)
        self.supports_masking = True


class Dropout(_tf_core.Dropout, Layer):
    def __init__(self, rate, noise_shape=None, seed=None, **kwargs):
        super().__init__(rate, noise_shape=noise_shape, seed=seed, **kwargs)
        self.supports_masking = True

    def call(self, inputs, training=None):
        return super().call(inputs, training=_learning_phase(training))


class Flatten(_tf_core.Flatten, Layer):
    def __init__(self, data_format=None, **kwargs):
        super().__init__(data_format=data_format or K.image_data_format(), **kwargs)


class Activation(Layer):
    def __init__(self, activation, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True
        self.activation = activations.get(activation)

    def call(self, inputs):
        return self.activation(inputs)


class Reshape(Layer):
    def __init__(self, target_shape, **kwargs):
        super().__init__(**kwargs)
        self.target_shape = tuple(target_shape)

    @staticmethod
    def _fix_unknown_dimension(input_shape, output_shape):
        output_shape = list(output_shape)
        msg = "total size of new array must be unchanged"
        known, unknown = 1, None
        for index, dim in enumerate(output_shape):
            if dim < 0:
                if unknown is not None:
                    raise ValueError("Can only specify one unknown dimension.")
                unknown = index
            else:
                known *= dim
        original = np.prod(input_shape, dtype=int)
        if unknown is not None:
            if known == 0 or original % known != 0:
                raise ValueError(msg)
            output_shape[unknown] = original // known
        elif original != known:
            raise ValueError(msg)
        return output_shape

    def compute_output_shape(self, input_shape):
        dims = TensorShape(input_shape).as_list()
        if None in dims[1:]:
            return TensorShape([dims[0]] + [s if s != -1 else None for s in self.target_shape])
        return TensorShape([dims[0]] + self._fix_unknown_dimension(dims[1:], self.target_shape))

    def call(self, inputs):
        return array_ops.reshape(inputs, (array_ops.shape(inputs)[0],) + self.target_shape)


class Permute(Layer):
    def __init__(self, dims, **kwargs):
        super().__init__(**kwargs)
        self.dims = tuple(dims)
        if sorted(dims) != list(range(1, len(dims) + 1)):
            raise ValueError("Invalid permutation `dims` for Permute Layer: %s. The set of "
                             "indices in `dims` must be consecutive and start from 1." % (dims,))

    def call(self, inputs):
        return array_ops.transpose(inputs, perm=(0,) + self.dims)


class RepeatVector(Layer):
    def __init__(self, n, **kwargs):
        super().__init__(**kwargs)
        self.n = n

    def call(self, inputs):
        return K.repeat(inputs, self.n)


class Lambda(Layer):
    def __init__(self, function, output_shape=None, mask=None, arguments=None, **kwargs):
        super().__init__(**kwargs)
        self.function = function
        self.arguments = arguments or {}
        self._output_shape, self.mask = output_shape, mask
        self.supports_masking = mask is not None

    def compute_mask(self, inputs, mask=None):
        return self.mask(inputs, mask) if callable(self.mask) else self.mask

    def call(self, inputs, mask=None, training=None):
        import inspect

        arguments = dict(self.arguments)
        params = inspect.signature(self.function).parameters
        if "mask" in params:
            arguments["mask"] = mask
        if "training" in params:
            arguments["training"] = training
        return self.function(inputs, **arguments)


class ActivityRegularization(Layer):
    def __init__(self, l1=0.0, l2=0.0, **kwargs):  # noqa: E741
        super().__init__(activity_regularizer=regularizers.L1L2(l1=l1, l2=l2), **kwargs)
        self.supports_masking = True
        self.l1, self.l2 = l1, l2


class Masking(Layer):
    def __init__(self, mask_value=0.0, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True
        self.mask_value = mask_value

    def compute_mask(self, inputs, mask=None):
        return K.any(math_ops.not_equal(inputs, self.mask_value), axis=-1)

    def call(self, inputs):
        from ..engine.base_layer import _set_keras_mask

        boolean_mask = K.any(math_ops.not_equal(inputs, self.mask_value), axis=-1,
                             keepdims=True)
        outputs = inputs * math_ops.cast(boolean_mask, inputs.dtype)
        # (the output and its mask at once, as TF's Masking)
        _set_keras_mask(outputs, array_ops.squeeze(boolean_mask, axis=-1))
        return outputs
