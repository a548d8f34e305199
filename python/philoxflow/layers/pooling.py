"""`tf.layers` pooling (TF 1.15): max/average pooling in 1, 2 and 3 dimensions."""

from __future__ import annotations

from ..framework.constant_op import convert_to_tensor
from ..ops import array_ops, nn_ops
from .base import Layer


def _tuple(v, n):
    return tuple([int(v)] * n) if isinstance(v, int) else tuple(int(x) for x in v)


class _Pooling(Layer):
    rank = 2
    kind = "max"

    def __init__(self, pool_size, strides, padding="valid", data_format="channels_last",
                 name=None, **kwargs):
        super().__init__(name=name, **kwargs)
        self.pool_size = _tuple(pool_size, self.rank)
        self.strides = _tuple(strides if strides is not None else pool_size, self.rank)
        self.padding = padding.upper()
        self.data_format = data_format or "channels_last"
        if self.data_format == "channels_first" and self.rank != 2:
            raise NotImplementedError("philoxflow: channels_first pooling is implemented in "
                                      "2-D only")

    def call(self, inputs):
        x = convert_to_tensor(inputs)
        if self.data_format == "channels_first":
            fn = nn_ops.max_pool if self.kind == "max" else nn_ops.avg_pool
            return fn(x, (1, 1) + self.pool_size, (1, 1) + self.strides, self.padding,
                      data_format="NCHW")
        if self.rank == 1:
            x = array_ops.expand_dims(x, 2)
            fn = nn_ops.max_pool if self.kind == "max" else nn_ops.avg_pool
            out = fn(x, (1,) + self.pool_size + (1, 1), (1,) + self.strides + (1, 1),
                     self.padding)
            return array_ops.squeeze(out, 2)
        if self.rank == 2:
            fn = nn_ops.max_pool if self.kind == "max" else nn_ops.avg_pool
        else:
            fn = nn_ops.max_pool3d if self.kind == "max" else nn_ops.avg_pool3d
        return fn(x, (1,) + self.pool_size + (1,), (1,) + self.strides + (1,), self.padding)


def _make(name, rank, kind):
    cls = type(name, (_Pooling,), {"rank": rank, "kind": kind})

    def layer_fn(inputs, pool_size, strides, padding="valid", data_format="channels_last",
                 name=None):
        return cls(pool_size, strides, padding=padding, data_format=data_format,
                   name=name).apply(inputs)
    return cls, layer_fn


MaxPooling1D, max_pooling1d = _make("MaxPooling1D", 1, "max")
MaxPooling2D, max_pooling2d = _make("MaxPooling2D", 2, "max")
MaxPooling3D, max_pooling3d = _make("MaxPooling3D", 3, "max")
AveragePooling1D, average_pooling1d = _make("AveragePooling1D", 1, "avg")
AveragePooling2D, average_pooling2d = _make("AveragePooling2D", 2, "avg")
AveragePooling3D, average_pooling3d = _make("AveragePooling3D", 3, "avg")
