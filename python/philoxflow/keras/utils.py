"""`tf.keras.utils` of TF 1.15: NumPy helpers, custom-object scopes and `Sequence`
(the graph-building part; downloads, plotting and HDF5 are not implemented)."""

from __future__ import annotations

import numpy as np

from ._serialization import (
    CustomObjectScope,
    custom_object_scope,
    get_custom_objects,
)
from ._serialization import deserialize_object as _deserialize
from ._serialization import serialize_object as serialize_keras_object


def to_categorical(y, num_classes=None, dtype="float32"):
    y = np.array(y, dtype="int")
    input_shape = y.shape
    if input_shape and input_shape[-1] == 1 and len(input_shape) > 1:
        input_shape = tuple(input_shape[:-1])
    y = y.ravel()
    if not num_classes:
        num_classes = np.max(y) + 1
    n = y.shape[0]
    categorical = np.zeros((n, num_classes), dtype=dtype)
    categorical[np.arange(n), y] = 1
    return np.reshape(categorical, input_shape + (num_classes,))


def normalize(x, axis=-1, order=2):
    l2 = np.atleast_1d(np.linalg.norm(x, order, axis))
    l2[l2 == 0] = 1
    return x / np.expand_dims(l2, axis)


def deserialize_keras_object(identifier, module_objects=None, custom_objects=None,
                             printable_module_name="object"):
    return _deserialize(identifier, module_objects or {}, custom_objects,
                        printable_module_name)


def get_source_inputs(tensor, layer=None, node_index=None):
    """The input tensors (of `Input` layers) a Keras tensor is computed from."""
    from .engine.base_layer import keras_history, nest_flatten
    from .engine.input_layer import InputLayer

    history = keras_history(tensor)
    if history is None:
        return [tensor]
    layer, node_index, _ = history
    if isinstance(layer, InputLayer) or not layer._inbound_nodes:
        return [tensor]
    node = layer._inbound_nodes[node_index]
    out = []
    for x in nest_flatten(node.input_tensors):
        for s in get_source_inputs(x):
            if not any(s is o for o in out):
                out.append(s)
    return out


class Sequence:
    """`tf.keras.utils.Sequence`: a dataset of batches by index."""

    def __getitem__(self, index):
        raise NotImplementedError

    def __len__(self):
        raise NotImplementedError

    def on_epoch_end(self):
        pass

    def __iter__(self):
        for i in range(len(self)):
            yield self[i]


class Progbar:
    """`tf.keras.utils.Progbar` (counts only; prints nothing)."""

    def __init__(self, target, width=30, verbose=1, interval=0.05, stateful_metrics=None,
                 unit_name="step"):
        self.target, self.width, self.verbose = target, width, verbose
        self._seen_so_far = 0

    def update(self, current, values=None):
        self._seen_so_far = current

    def add(self, n, values=None):
        self.update(self._seen_so_far + n, values)


_is_namespace = True

from .._api_names import module_getattr as _module_getattr  # noqa: E402

__getattr__ = _module_getattr("keras.utils", __name__)
__all__ = ["CustomObjectScope", "Progbar", "Sequence", "custom_object_scope",
           "deserialize_keras_object", "get_custom_objects", "get_source_inputs", "normalize",
           "serialize_keras_object", "to_categorical"]
