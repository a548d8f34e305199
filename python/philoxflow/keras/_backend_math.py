"""More of TF 1.15's `tf.keras.backend` (`keras/backend.py`): element-wise and reduction
functions, losses, gathers and updates, each one TF op call as Keras makes it (imported
into `backend`)."""

from __future__ import annotations

import sys

import numpy as np

from ..framework import dtypes as _dtypes
from ..framework.constant_op import constant as _constant
from ..ops import array_ops, array_ops_ext, clip_ops, math_ops, math_ops_ext, nn_impl, nn_ops
from . import _backend_core as K


def _bool_cast(x):
    return math_ops.cast(x, _dtypes.bool)


def all(x, axis=None, keepdims=False):  # noqa: A001 - Keras's name
    return math_ops.reduce_all(_bool_cast(x), axis, keepdims)


def any(x, axis=None, keepdims=False):  # noqa: A001 - Keras's name
    return math_ops.reduce_any(_bool_cast(x), axis, keepdims)


def argmax(x, axis=-1):
    return math_ops.argmax(x, axis)


def argmin(x, axis=-1):
    return math_ops_ext.argmin(x, axis)


def arange(start, stop=None, step=1, dtype="int32"):
    if stop is None and start < 0:
        start = 0
    result = array_ops.range(start, limit=stop, delta=step, name="arange")
    return result if dtype == "int32" else math_ops.cast(result, dtype)


def prod(x, axis=None, keepdims=False):
    return math_ops.reduce_prod(x, axis, keepdims)


def cumsum(x, axis=0):
    return math_ops_ext.cumsum(x, axis=axis)


def cumprod(x, axis=0):
    return math_ops_ext.cumprod(x, axis=axis)


def var(x, axis=None, keepdims=False):
    if x.dtype.base_dtype == _dtypes.bool:
        x = math_ops.cast(x, K.floatx())
    return math_ops_ext.reduce_variance(x, axis=axis, keepdims=keepdims)


def std(x, axis=None, keepdims=False):
    if x.dtype.base_dtype == _dtypes.bool:
        x = math_ops.cast(x, K.floatx())
    return math_ops_ext.reduce_std(x, axis=axis, keepdims=keepdims)


def batch_flatten(x):
    return array_ops.reshape(x, array_ops.stack([-1, prod(K.shape(x)[1:])]))


def clip(x, min_value, max_value):
    if max_value is not None and max_value < min_value:
        max_value = min_value
    if max_value is None:
        max_value = np.inf
    lo = _constant(min_value, dtype=x.dtype.base_dtype)
    hi = _constant(max_value, dtype=x.dtype.base_dtype)
    return clip_ops.clip_by_value(x, lo, hi)


def _unary(op_type):
    def fn(x):
        return math_ops.unary(op_type, x)
    fn.__name__ = op_type.lower()
    return fn


sign, sin, cos = _unary("Sign"), _unary("Sin"), _unary("Cos")


def round(x):  # noqa: A001 - Keras's name
    return math_ops_ext.round(x)


def pow(x, a):  # noqa: A001 - Keras's name
    return math_ops.pow(x, a)


def equal(x, y):
    return math_ops.equal(x, y)


def not_equal(x, y):
    return math_ops.not_equal(x, y)


def greater(x, y):
    return math_ops.greater(x, y)


def greater_equal(x, y):
    return math_ops.greater_equal(x, y)


def less(x, y):
    return math_ops.less(x, y)


def less_equal(x, y):
    return math_ops.less_equal(x, y)


def maximum(x, y):
    return math_ops.maximum(x, y)


def minimum(x, y):
    return math_ops.minimum(x, y)


def l2_normalize(x, axis=None):
    return nn_impl.l2_normalize(x, axis=axis)


def one_hot(indices, num_classes):
    return array_ops.one_hot(indices, depth=num_classes, axis=-1)


def gather(reference, indices):
    return array_ops.gather(reference, indices)


def tile(x, n):
    return array_ops.tile(x, [n] if isinstance(n, int) else n)


def reverse(x, axes):
    from ..ops._grad_ops import reverse as _reverse

    return _reverse(x, [axes] if isinstance(axes, int) else axes)


def zeros_like(x, dtype=None, name=None):
    return array_ops.zeros_like(x, dtype=dtype, name=name)


def ones_like(x, dtype=None, name=None):
    return array_ops.ones_like(x, dtype=dtype, name=name)


def identity(x, name=None):
    return array_ops.identity(x, name=name)


def stop_gradient(variables):
    if isinstance(variables, (list, tuple)):
        return map(array_ops.stop_gradient, variables)
    return array_ops.stop_gradient(variables)


def in_top_k(predictions, targets, k):
    return math_ops_ext.in_top_k(predictions, targets, k)


def eye(size, dtype=None, name=None):
    dtype = dtype or K.floatx()
    return K.variable(array_ops_ext.eye(size, dtype=_dtypes.as_dtype(dtype)), dtype, name)


def _random_variable(initializer, shape, dtype, name, seed):
    dtype = dtype or K.floatx()
    if seed is None:
        seed = np.random.randint(10e8)
    return K.variable(initializer(dtype=_dtypes.as_dtype(dtype), seed=seed)(shape),
                      dtype=dtype, name=name)


def random_uniform_variable(shape, low, high, dtype=None, name=None, seed=None):
    from ..ops.init_ops import random_uniform_initializer

    return _random_variable(lambda **kw: random_uniform_initializer(low, high, **kw), shape,
                            dtype, name, seed)


def random_normal_variable(shape, mean, scale, dtype=None, name=None, seed=None):
    from ..ops.init_ops import random_normal_initializer

    return _random_variable(lambda **kw: random_normal_initializer(mean, scale, **kw), shape,
                            dtype, name, seed)


def update(x, new_x):
    from ..ops.state_ops import assign

    return assign(x, new_x)


def update_add(x, increment):
    from ..ops.state_ops import assign_add

    return assign_add(x, increment)


def update_sub(x, decrement):
    from ..ops.state_ops import assign_sub

    return assign_sub(x, decrement)


def moving_average_update(x, value, momentum):
    from ..training.moving_averages import assign_moving_average

    return assign_moving_average(x, value, momentum, zero_debias=True)


def gradients(loss, variables):
    from ..ops.gradients_impl import gradients as _gradients

    return _gradients(loss, variables, colocate_gradients_with_ops=True)


def print_tensor(x, message=""):
    from ..framework.ops import control_dependencies
    from ..ops.logging_ops import print_v2

    op = print_v2(message, x, output_stream=sys.stdout)
    with control_dependencies([op]):
        return array_ops.identity(x)


def categorical_crossentropy(target, output, from_logits=False, axis=-1):
    if not from_logits:
        if not hasattr(output, "op") or output.op.type != "Softmax":
            output = output / math_ops.reduce_sum(output, axis, True)
            eps = _constant(K.epsilon(), dtype=output.dtype.base_dtype)
            output = clip_ops.clip_by_value(output, eps, 1.0 - eps)
            return -math_ops.reduce_sum(target * math_ops.log(output), axis)
        output = output.op.inputs[0]
    return nn_ops.softmax_cross_entropy_with_logits_v2(labels=target, logits=output, axis=axis)


def binary_crossentropy(target, output, from_logits=False):
    if not from_logits:
        if not hasattr(output, "op") or output.op.type != "Sigmoid":
            eps = _constant(K.epsilon(), dtype=output.dtype.base_dtype)
            output = clip_ops.clip_by_value(output, eps, 1.0 - eps)
            bce = target * math_ops.log(output + K.epsilon())
            bce += (1 - target) * math_ops.log(1 - output + K.epsilon())
            return -bce
        output = output.op.inputs[0]
    return nn_impl.sigmoid_cross_entropy_with_logits(labels=target, logits=output)


def sparse_categorical_crossentropy(target, output, from_logits=False, axis=-1):
    if not from_logits:
        if not hasattr(output, "op") or output.op.type != "Softmax":
            eps = _constant(K.epsilon(), dtype=output.dtype.base_dtype)
            output = math_ops.log(clip_ops.clip_by_value(output, eps, 1 - eps))
        else:
            output = output.op.inputs[0]
    rank = output.shape.rank
    if rank is None or axis % rank != rank - 1:
        raise NotImplementedError("philoxflow: sparse_categorical_crossentropy over a "
                                  "last axis of known rank")
    target = math_ops.cast(target, "int64")
    output_shape = array_ops.shape(output)
    update_shape = target.shape.rank is not None and target.shape.rank != rank - 1
    if update_shape:
        target = K.flatten(target)
        output = array_ops.reshape(output, [-1, output_shape[-1]])
    res = nn_ops.sparse_softmax_cross_entropy_with_logits(labels=target, logits=output)
    if update_shape and rank >= 3:
        return array_ops.reshape(res, output_shape[:-1])
    return res


def repeat_elements(x, rep, axis):
    dims = x.shape.as_list()
    if dims[axis] is None:
        raise NotImplementedError("philoxflow: repeat_elements along an unknown dimension")
    splits = array_ops_ext.split(value=x, num_or_size_splits=dims[axis], axis=axis)
    return K.concatenate([s for s in splits for _ in range(rep)], axis)


def is_sparse(tensor):
    return type(tensor).__name__ == "SparseTensor"


def to_dense(tensor):
    if is_sparse(tensor):
        from ..ops.sparse_ops import sparse_tensor_to_dense

        return sparse_tensor_to_dense(tensor)
    return tensor


def count_params(x):
    return np.prod(x.shape.as_list())


__all__ = ["all", "any", "arange", "argmax", "argmin", "batch_flatten", "binary_crossentropy",
           "categorical_crossentropy", "clip", "cos", "count_params", "cumprod", "cumsum", "equal",
           "eye", "gather", "gradients", "greater", "greater_equal", "identity", "in_top_k",
           "is_sparse", "l2_normalize", "less", "less_equal", "maximum", "minimum",
           "moving_average_update", "not_equal", "one_hot", "ones_like", "pow", "print_tensor",
           "prod", "random_normal_variable", "random_uniform_variable", "repeat_elements",
           "reverse", "round", "sign", "sin", "sparse_categorical_crossentropy", "std",
           "stop_gradient", "tile", "to_dense", "update", "update_add", "update_sub", "var",
           "zeros_like"]
