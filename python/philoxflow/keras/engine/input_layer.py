"""TF 1.15's `tf.keras.Input` and `InputLayer`: a placeholder (named after the layer,
`input_1`, ... by default) or a given tensor, marked as a Keras tensor."""

from __future__ import annotations

from .. import backend as K
from .base_layer import Layer, Node, set_keras_history


class InputLayer(Layer):
    def __init__(self, input_shape=None, batch_size=None, dtype=None, input_tensor=None,
                 sparse=False, name=None, ragged=False, **kwargs):
        if "batch_input_shape" in kwargs:
            batch_input_shape = kwargs.pop("batch_input_shape")
            if input_shape and batch_input_shape:
                raise ValueError("Only provide the input_shape OR batch_input_shape argument "
                                 "to InputLayer, not both at the same time.")
            batch_size = batch_input_shape[0]
            input_shape = batch_input_shape[1:]
        if kwargs:
            raise ValueError("Unrecognized keyword arguments:", kwargs.keys())
        if not name:
            name = "input_" + str(K.get_uid("input"))
        if not dtype:
            dtype = K.floatx() if input_tensor is None else K.dtype(input_tensor)
        super().__init__(dtype=dtype, name=name)
        self.built = True
        self.sparse, self.ragged = sparse, ragged
        self.batch_size = batch_size
        self.supports_masking = True
        if input_tensor is None:
            batch_input_shape = (None if input_shape is None
                                 else (batch_size,) + tuple(input_shape))
            input_tensor = K.placeholder(shape=batch_input_shape, dtype=dtype, name=self.name,
                                         sparse=sparse, ragged=ragged)
            self.is_placeholder = True
            self._batch_input_shape = batch_input_shape
        else:
            if not hasattr(input_tensor, "op"):
                raise ValueError("You should not pass an EagerTensor to `Input`. For example, "
                                 "instead of creating an InputLayer, you should instantiate "
                                 "your model and directly call it on your input.")
            self.is_placeholder = False
            self._batch_input_shape = tuple(input_tensor.shape.as_list())
        self._inbound_nodes.append(Node(self, [input_tensor], [input_tensor], {}))
        set_keras_history(input_tensor, (self, 0, 0))


def Input(shape=None, batch_size=None, name=None, dtype=None, sparse=False, tensor=None,  # noqa: N802
          ragged=False, **kwargs):
    """`tf.keras.Input`: a Keras tensor (`batch_shape=` gives the batch dimension too)."""
    batch_shape = kwargs.pop("batch_shape", None)
    if shape is not None and batch_shape is not None:
        raise ValueError("Only provide the `shape` OR `batch_shape` argument to Input, not "
                         "both at the same time.")
    if batch_shape is None and shape is None and tensor is None:
        raise ValueError("Please provide to Input either a `shape` or a `tensor` argument. "
                         "Note that `shape` does not include the batch dimension.")
    if kwargs:
        raise ValueError("Unrecognized keyword arguments:", kwargs.keys())
    if batch_shape:
        batch_size, shape = batch_shape[0], batch_shape[1:]
    layer = InputLayer(input_shape=shape, batch_size=batch_size, name=name, dtype=dtype,
                       sparse=sparse, input_tensor=tensor, ragged=ragged)
    outputs = layer._inbound_nodes[0].output_tensors
    return outputs[0] if len(outputs) == 1 else outputs
