"""TF 1.15's `tf.keras.backend` graph helpers: `function` (a callable running outputs and
updates in the Keras session), `learning_phase_scope`, functional loops, pooling,
convolutions and resizing (channels-last; imported into `backend`)."""

from __future__ import annotations

import contextlib

import numpy as np

from ..framework.constant_op import constant as _constant
from ..framework.ops import control_dependencies
from ..ops import array_ops, nn_ops
from . import _backend_core as K
from . import _backend_math as M


class GraphExecutionFunction:
    """`K.function(inputs, outputs, updates)`: feeds `inputs`, fetches `outputs` and runs
    the updates after the first output (TF's `updates_op`)."""

    def __init__(self, inputs, outputs, updates=None, name=None, **session_kwargs):
        from ..ops.control_flow_ops import group
        from ..ops.state_ops import assign

        updates = updates or []
        if not isinstance(updates, (list, tuple)):
            raise TypeError("`updates` in a Keras backend function should be a list or "
                            "tuple.")
        self.inputs = list(inputs)
        self._outputs_structure = outputs
        self.outputs = list(outputs) if isinstance(outputs, (list, tuple)) else [outputs]
        self.outputs = [o.value() if hasattr(o, "_as_graph_tensor") else o
                        for o in self.outputs]
        with control_dependencies([self.outputs[0]]):
            ops = [assign(*u) if isinstance(u, tuple) else u for u in updates]
            self.updates_op = group(*ops)
        self.name = name
        self.feed_dict = session_kwargs.pop("feed_dict", None)
        if session_kwargs:
            raise ValueError(f"Some keys in session_kwargs are not supported at this time: "
                             f"{list(session_kwargs.keys())}")

    def __call__(self, inputs):
        inputs = list(inputs) if isinstance(inputs, (list, tuple)) else [inputs]
        feed = {}
        for tensor, value in zip(self.inputs, inputs):
            if value is None:
                continue
            if hasattr(value, "op"):
                raise NotImplementedError("philoxflow: K.function fed with tensors")
            feed[tensor] = np.asarray(value, dtype=tensor.dtype.as_numpy_dtype)
        for key, value in sorted((self.feed_dict or {}).items(), key=lambda kv: kv[0].name):
            feed[key] = np.asarray(value, dtype=key.dtype.base_dtype.name)
        fetched = K.get_session(self.inputs).run(self.outputs + [self.updates_op], feed)
        out = fetched[:len(self.outputs)]
        return out if isinstance(self._outputs_structure, (list, tuple)) else out[0]


def function(inputs, outputs, updates=None, name=None, **kwargs):
    if kwargs:
        for key in kwargs:
            if key not in ("feed_dict",):
                raise ValueError(f"Invalid argument \"{key}\" passed to K.function with "
                                 "TensorFlow backend")
    return GraphExecutionFunction(inputs, outputs, updates=updates, name=name, **kwargs)


@contextlib.contextmanager
def learning_phase_scope(value):
    if value not in {0, 1}:
        raise ValueError("Expected learning phase to be 0 or 1.")
    state = K._graph_state()
    previous = state["phase"]
    try:
        K.set_learning_phase(value)
        yield
    finally:
        state["phase"] = previous


def map_fn(fn, elems, name=None, dtype=None):
    from ..ops.functional_ops import map_fn as _map_fn

    return _map_fn(fn, elems, name=name, dtype=dtype)


def foldl(fn, elems, initializer=None, name=None):
    from ..ops.functional_ops import foldl as _foldl

    return _foldl(fn, elems, initializer=initializer, name=name)


def foldr(fn, elems, initializer=None, name=None):
    from ..ops.functional_ops import foldr as _foldr

    return _foldr(fn, elems, initializer=initializer, name=name)


def _channels_last(data_format):
    data_format = data_format or K.image_data_format()
    if data_format not in {"channels_first", "channels_last"}:
        raise ValueError("Unknown data_format: " + str(data_format))
    if data_format == "channels_first":
        raise NotImplementedError("philoxflow: channels_first Keras backend convolutions")


def _padding(padding):
    if padding not in ("same", "valid"):
        raise ValueError("Invalid padding: " + str(padding))
    return padding.upper()


def pool2d(x, pool_size, strides=(1, 1), padding="valid", data_format=None, pool_mode="max"):
    _channels_last(data_format)
    if len(pool_size) != 2:
        raise ValueError("`pool_size` must be a tuple of 2 integers.")
    if len(strides) != 2:
        raise ValueError("`strides` must be a tuple of 2 integers.")
    fn = {"max": nn_ops.max_pool, "avg": nn_ops.avg_pool}.get(pool_mode)
    if fn is None:
        raise ValueError("Invalid pooling mode: " + str(pool_mode))
    return fn(x, (1,) + tuple(pool_size) + (1,), (1,) + tuple(strides) + (1,),
              padding=_padding(padding))


def pool3d(x, pool_size, strides=(1, 1, 1), padding="valid", data_format=None,
           pool_mode="max"):
    _channels_last(data_format)
    fn = {"max": nn_ops.max_pool3d, "avg": nn_ops.avg_pool3d}.get(pool_mode)
    if fn is None:
        raise ValueError("Invalid pooling mode: " + str(pool_mode))
    return fn(x, (1,) + tuple(pool_size) + (1,), (1,) + tuple(strides) + (1,),
              padding=_padding(padding))


def _convolution(x, kernel, strides, padding, dilation_rate):
    from ..ops.nn_conv import convolution

    return convolution(input=x, filter=kernel, dilation_rate=dilation_rate, strides=strides,
                       padding=padding)


def conv1d(x, kernel, strides=1, padding="valid", data_format=None, dilation_rate=1):
    _channels_last(data_format)
    if padding == "causal":
        x = K.temporal_padding(x, (dilation_rate * (kernel.shape.as_list()[0] - 1), 0))
        padding = "valid"
    return _convolution(x, kernel, strides, _padding(padding), dilation_rate)


def conv2d(x, kernel, strides=(1, 1), padding="valid", data_format=None,
           dilation_rate=(1, 1)):
    _channels_last(data_format)
    return _convolution(x, kernel, strides, _padding(padding), dilation_rate)


def conv3d(x, kernel, strides=(1, 1, 1), padding="valid", data_format=None,
           dilation_rate=(1, 1, 1)):
    _channels_last(data_format)
    return _convolution(x, kernel, strides, _padding(padding), dilation_rate)


def conv2d_transpose(x, kernel, output_shape, strides=(1, 1), padding="valid",
                     data_format=None, dilation_rate=(1, 1)):
    _channels_last(data_format)
    if tuple(dilation_rate) != (1, 1):
        raise NotImplementedError("philoxflow: dilated K.conv2d_transpose")
    if output_shape[0] is None:
        output_shape = (K.shape(x)[0],) + tuple(output_shape[1:])
    if isinstance(output_shape, (tuple, list)):
        output_shape = array_ops.stack(list(output_shape))
    return nn_ops.conv2d_transpose(x, kernel, output_shape, (1,) + tuple(strides) + (1,),
                                   padding=_padding(padding))


def separable_conv2d(x, depthwise_kernel, pointwise_kernel, strides=(1, 1), padding="valid",
                     data_format=None, dilation_rate=(1, 1)):
    from ..ops.nn_impl import separable_conv2d as _separable

    _channels_last(data_format)
    if len(strides) != 2:
        raise ValueError("`strides` must be a tuple of 2 integers.")
    return _separable(x, depthwise_kernel, pointwise_kernel,
                      strides=(1,) + tuple(strides) + (1,), padding=_padding(padding),
                      rate=dilation_rate)


def resize_images(x, height_factor, width_factor, data_format, interpolation="nearest"):
    """Resizes by integer factors with TF 2's resize (half-pixel centers), as TF 1.15's
    Keras does (`image_ops.resize_images_v2`)."""
    from ..ops.image_ops_ext import _resize_common, apply_op_helper

    _channels_last(data_format)
    op = {"nearest": "ResizeNearestNeighbor", "bilinear": "ResizeBilinear"}.get(interpolation)
    if op is None:
        raise ValueError('interpolation should be one of "nearest" or "bilinear".')
    original = K.int_shape(x)
    new_shape = array_ops.shape(x)[1:3]
    new_shape *= _constant(np.array([height_factor, width_factor], dtype="int32"))

    def resize_fn(images, size):
        return apply_op_helper(op, None, images=images, size=size, half_pixel_centers=True)
    x = _resize_common(x, resize_fn, new_shape, False, None)
    x.set_shape((None, None if original[1] is None else original[1] * height_factor,
                 None if original[2] is None else original[2] * width_factor, None))
    return x


def resize_volumes(x, depth_factor, height_factor, width_factor, data_format):
    _channels_last(data_format)
    out = M.repeat_elements(x, depth_factor, axis=1)
    out = M.repeat_elements(out, height_factor, axis=2)
    return M.repeat_elements(out, width_factor, axis=3)


__all__ = ["GraphExecutionFunction", "conv1d", "conv2d", "conv2d_transpose", "conv3d",
           "foldl", "foldr", "function", "learning_phase_scope", "map_fn", "pool2d", "pool3d",
           "resize_images", "resize_volumes", "separable_conv2d"]
