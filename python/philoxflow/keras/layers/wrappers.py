"""TF 1.15's `tf.keras.layers` wrappers: `TimeDistributed` (the inner layer on the
batch-and-time-flattened input; its weights in the wrapper's scope) and `Bidirectional`
(a forward and a go-backwards copy of an RNN layer, `forward_lstm`/`backward_lstm`,
built in their own name scopes inside the wrapper's)."""

from __future__ import annotations

import inspect

from ...framework.ops import name_scope
from ...framework.tensor_shape import TensorShape
from ...ops import array_ops
from .. import backend as K
from ..engine.base_layer import Layer


class Wrapper(Layer):
    def __init__(self, layer, **kwargs):
        if not isinstance(layer, Layer):
            raise ValueError("Please initialize `Wrapper` layer with a `Layer` instance. "
                             f"You passed: {layer}")
        self.layer = layer
        super().__init__(**kwargs)
        self._layers = [layer]

    def build(self, input_shape=None):
        if not self.layer.built:
            self.layer.build(input_shape)
            self.layer.built = True
        self.built = True

    def compute_mask(self, inputs, mask=None):
        if mask is None or all(m is None for m in (mask if isinstance(mask, list) else [mask])):
            return None
        raise NotImplementedError("philoxflow: masks through Keras wrappers")

    @property
    def activity_regularizer(self):
        return getattr(self.layer, "activity_regularizer", None)


def _shape_tuple(init_tuple, tensor, start_idx, int_shape=None):
    """TF's `_get_shape_tuple`: static dimensions where known, else the tensor's Shape."""
    if int_shape is None:
        int_shape = K.int_shape(tensor)[start_idx:]
    if all(int_shape):
        return init_tuple + tuple(int_shape)
    shape = K.shape(tensor)
    return init_tuple + tuple(s if s else shape[start_idx + i]
                              for i, s in enumerate(int_shape))


class TimeDistributed(Wrapper):
    def build(self, input_shape):
        dims = TensorShape(input_shape).as_list()
        if len(dims) < 3:
            raise ValueError("`TimeDistributed` Layer should be passed an `input_shape ` with "
                             f"at least 3 dimensions, received: {dims}")
        super().build(TensorShape([dims[0]] + dims[2:]))

    def call(self, inputs, training=None, mask=None):
        if mask is not None:
            raise NotImplementedError("philoxflow: masks through TimeDistributed")
        kwargs = {}
        if "training" in inspect.signature(self.layer.call).parameters:
            kwargs["training"] = training
        input_shape = K.int_shape(inputs)
        input_length = input_shape[1] or array_ops.shape(inputs)[1]
        inputs = array_ops.reshape(inputs, _shape_tuple((-1,), inputs, 2))
        y = self.layer(inputs, **kwargs)
        return array_ops.reshape(y, _shape_tuple((-1, input_length), y, 1,
                                                 K.int_shape(y)[1:]))


class Bidirectional(Wrapper):
    def __init__(self, layer, merge_mode="concat", weights=None, backward_layer=None,
                 **kwargs):
        if not isinstance(layer, Layer):
            raise ValueError("Please initialize `Bidirectional` layer with a `Layer` "
                             f"instance. You passed: {layer}")
        if merge_mode not in ["sum", "mul", "ave", "concat", None]:
            raise ValueError("Invalid merge mode. Merge mode should be one of "
                             '{"sum", "mul", "ave", "concat", None}')
        if weights:
            raise NotImplementedError("philoxflow: Bidirectional(weights=...)")
        self.forward_layer = layer._recreate()
        self.backward_layer = (layer._recreate(go_backwards=True) if backward_layer is None
                               else backward_layer)
        self.forward_layer.name = "forward_" + self.forward_layer.name
        self.backward_layer.name = "backward_" + self.backward_layer.name
        if self.forward_layer.go_backwards == self.backward_layer.go_backwards:
            raise ValueError("Forward layer and backward layer should have different "
                             "`go_backwards` value.")
        self.merge_mode = merge_mode
        self.stateful = layer.stateful
        self.return_sequences, self.return_state = layer.return_sequences, layer.return_state
        for copy in (self.forward_layer, self.backward_layer):
            copy.zero_output_for_mask = copy.return_sequences
        super().__init__(layer, **kwargs)
        self._layers = [self.forward_layer, self.backward_layer]
        self.supports_masking = True

    def compute_mask(self, inputs, mask):
        if isinstance(mask, list):
            mask = mask[0]
        if self.return_sequences:
            output_mask = mask if self.merge_mode else [mask, mask]
        else:
            output_mask = None if self.merge_mode else [None, None]
        if self.return_state:
            raise NotImplementedError("philoxflow: Bidirectional masks with return_state")
        return output_mask

    def build(self, input_shape):
        with name_scope(self.forward_layer.name):
            self.forward_layer.build(input_shape)
            self.forward_layer.built = True
        with name_scope(self.backward_layer.name):
            self.backward_layer.build(input_shape)
            self.backward_layer.built = True
        self.built = True

    def call(self, inputs, training=None, mask=None, initial_state=None):
        kwargs = {"training": training, "mask": mask}
        if initial_state is not None:
            half = len(initial_state) // 2
            y = self.forward_layer(inputs, initial_state=initial_state[:half], **kwargs)
            y_rev = self.backward_layer(inputs, initial_state=initial_state[half:], **kwargs)
        else:
            y = self.forward_layer(inputs, **kwargs)
            y_rev = self.backward_layer(inputs, **kwargs)
        states = []
        if self.return_state:
            states = y[1:] + y_rev[1:]
            y, y_rev = y[0], y_rev[0]
        if self.return_sequences:
            y_rev = K.reverse(y_rev, 1)
        if self.merge_mode == "concat":
            output = K.concatenate([y, y_rev])
        elif self.merge_mode == "sum":
            output = y + y_rev
        elif self.merge_mode == "ave":
            output = (y + y_rev) / 2
        elif self.merge_mode == "mul":
            output = y * y_rev
        else:
            output = [y, y_rev]
        if self.return_state:
            return (output if self.merge_mode is None else [output]) + states
        return output
