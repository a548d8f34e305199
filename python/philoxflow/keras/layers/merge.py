"""TF 1.15's `tf.keras.layers` merge layers (`keras/layers/merge.py`) on same-rank inputs."""

from __future__ import annotations

from ...ops import math_ops
from .. import backend as K
from ..engine.base_layer import Layer


class _Merge(Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True

    def build(self, input_shape):
        if not isinstance(input_shape, list):
            raise ValueError("A merge layer should be called on a list of inputs.")
        if len(input_shape) < 2:
            raise ValueError("A merge layer should be called on a list of at least 2 inputs. "
                             f"Got {len(input_shape)} inputs.")
        if len({s.rank for s in input_shape}) != 1 or None in {s.rank for s in input_shape}:
            raise NotImplementedError("philoxflow: merging inputs of different ranks")

    def call(self, inputs):
        if not isinstance(inputs, list):
            raise ValueError("A merge layer should be called on a list of inputs.")
        return self._merge_function(inputs)

    def compute_mask(self, inputs, mask=None):
        if mask is None or all(m is None for m in mask):
            return None
        raise NotImplementedError("philoxflow: merging masked Keras tensors")


class Add(_Merge):
    def _merge_function(self, inputs):
        output = inputs[0]
        for x in inputs[1:]:
            output += x
        return output


class Subtract(_Merge):
    def build(self, input_shape):
        super().build(input_shape)
        if len(input_shape) != 2:
            raise ValueError("A `Subtract` layer should be called on exactly 2 inputs")

    def _merge_function(self, inputs):
        if len(inputs) != 2:
            raise ValueError("A `Subtract` layer should be called on exactly 2 inputs")
        return inputs[0] - inputs[1]


class Multiply(_Merge):
    def _merge_function(self, inputs):
        output = inputs[0]
        for x in inputs[1:]:
            output *= x
        return output


class Average(_Merge):
    def _merge_function(self, inputs):
        output = inputs[0]
        for x in inputs[1:]:
            output += x
        return output / len(inputs)


class Maximum(_Merge):
    def _merge_function(self, inputs):
        output = inputs[0]
        for x in inputs[1:]:
            output = math_ops.maximum(output, x)
        return output


class Minimum(_Merge):
    def _merge_function(self, inputs):
        output = inputs[0]
        for x in inputs[1:]:
            output = math_ops.minimum(output, x)
        return output


class Concatenate(_Merge):
    def __init__(self, axis=-1, **kwargs):
        super().__init__(**kwargs)
        self.axis = axis

    def build(self, input_shape):
        if not isinstance(input_shape, list) or len(input_shape) < 2:
            raise ValueError("A `Concatenate` layer should be called on a list of at least 2 "
                             "inputs")

    def _merge_function(self, inputs):
        return K.concatenate(inputs, axis=self.axis)


class Dot(_Merge):
    def __init__(self, axes, normalize=False, **kwargs):
        super().__init__(**kwargs)
        self.axes, self.normalize = axes, normalize

    def build(self, input_shape):
        if not isinstance(input_shape, list) or len(input_shape) != 2:
            raise ValueError("A `Dot` layer should be called on a list of 2 inputs.")

    def _merge_function(self, inputs):
        x1, x2 = inputs
        if isinstance(self.axes, int):
            axes = ([self.axes % K.ndim(x1), self.axes % K.ndim(x2)] if self.axes < 0
                    else [self.axes] * 2)
        else:
            axes = [a % K.ndim(inputs[i]) if a < 0 else a for i, a in enumerate(self.axes)]
        if self.normalize:
            from ...ops.nn_impl import l2_normalize

            x1 = l2_normalize(x1, axis=axes[0])
            x2 = l2_normalize(x2, axis=axes[1])
        return K.batch_dot(x1, x2, axes)


def _functional(cls):
    def merge(inputs, **kwargs):
        return cls(**kwargs)(inputs)
    merge.__name__ = cls.__name__.lower()
    return merge


add, subtract, multiply = _functional(Add), _functional(Subtract), _functional(Multiply)
average, maximum, minimum = _functional(Average), _functional(Maximum), _functional(Minimum)


def concatenate(inputs, axis=-1, **kwargs):
    return Concatenate(axis=axis, **kwargs)(inputs)


def dot(inputs, axes, normalize=False, **kwargs):
    return Dot(axes=axes, normalize=normalize, **kwargs)(inputs)
