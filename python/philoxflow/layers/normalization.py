"""`tf.layers.batch_normalization` (TF 1.15, V1 behaviour): fused for 4-D inputs,
moments and `nn.batch_normalization` otherwise; a tensor `training` builds conds.

Moving-average updates are built immediately (TF 1.x graph mode) and collected
in `UPDATE_OPS`. The ops are built for graph structure (FusedBatchNormV3 and
moments have no kernel here); the variables compute their initial values.
"""

from __future__ import annotations

from ..framework import dtypes as _dtypes
from ..framework.constant_op import constant, convert_to_tensor
from ..framework.ops import get_default_graph
from ..framework.tensor_shape import TensorShape
from ..ops import array_ops, math_ops, nn_ops
from ..ops.init_ops import ones_initializer, zeros_initializer
from ..ops.nn_impl import batch_normalization as batch_normalization_op
from ..ops.nn_impl import fused_batch_norm  # TF 1.15's layer calls nn's
from .base import Layer
from .core import smart_cond


class BatchNormalization(Layer):
    def __init__(self, axis=-1, momentum=0.99, epsilon=1e-3, center=True, scale=True,
                 beta_initializer=None, gamma_initializer=None, moving_mean_initializer=None,
                 moving_variance_initializer=None, beta_regularizer=None,
                 gamma_regularizer=None, fused=None, trainable=True, name=None, **kwargs):
        for k in ("renorm", "virtual_batch_size", "adjustment"):
            if kwargs.pop(k, None):
                raise NotImplementedError(f"philoxflow's batch_normalization has no {k}")
        kwargs.pop("renorm_clipping", None)
        kwargs.pop("renorm_momentum", None)
        kwargs.pop("beta_constraint", None)
        kwargs.pop("gamma_constraint", None)
        super().__init__(trainable=trainable, name=name, **kwargs)
        self.axis = list(axis) if isinstance(axis, (list, tuple)) else axis
        self.momentum, self.epsilon = momentum, epsilon
        self.center, self.scale = center, scale
        self.beta_initializer = beta_initializer or zeros_initializer()
        self.gamma_initializer = gamma_initializer or ones_initializer()
        self.moving_mean_initializer = moving_mean_initializer or zeros_initializer()
        self.moving_variance_initializer = moving_variance_initializer or ones_initializer()
        self.beta_regularizer, self.gamma_regularizer = beta_regularizer, gamma_regularizer
        self.fused = True if fused is None else fused

    def build(self, input_shape):
        input_shape = TensorShape(input_shape)
        if not input_shape.ndims:
            raise ValueError("Input has undefined rank:", input_shape)
        ndims = len(input_shape)
        axes = [self.axis] if isinstance(self.axis, int) else list(self.axis)
        self.axis = [a + ndims if a < 0 else a for a in axes]
        if self.fused:
            self.fused = ndims == 4 and self.axis in ([1], [3])
        if self.fused:
            self._data_format = "NCHW" if self.axis == [1] else "NHWC"
        dims = input_shape.as_list()
        axis_to_dim = {a: dims[a] for a in self.axis}
        if any(d is None for d in axis_to_dim.values()):
            raise ValueError("Input has undefined `axis` dimension. Input shape: ", input_shape)
        if len(axis_to_dim) == 1:
            param_shape = (list(axis_to_dim.values())[0],)
        else:
            param_shape = [axis_to_dim.get(i, 1) for i in range(ndims)]
        pdt = _dtypes.float32 if self._dtype in (_dtypes.float16, _dtypes.bfloat16) \
            else self._dtype
        self.gamma = self.add_weight("gamma", param_shape, dtype=pdt,
                                     initializer=self.gamma_initializer,
                                     regularizer=self.gamma_regularizer) if self.scale else None
        if not self.scale and self.fused:
            self._gamma_const = constant(1.0, dtype=pdt, shape=param_shape)
        self.beta = self.add_weight("beta", param_shape, dtype=pdt,
                                    initializer=self.beta_initializer,
                                    regularizer=self.beta_regularizer) if self.center else None
        if not self.center and self.fused:
            self._beta_const = constant(0.0, dtype=pdt, shape=param_shape)
        self.moving_mean = self.add_weight("moving_mean", param_shape, dtype=pdt,
                                           initializer=self.moving_mean_initializer,
                                           trainable=False)
        self.moving_variance = self.add_weight("moving_variance", param_shape, dtype=pdt,
                                               initializer=self.moving_variance_initializer,
                                               trainable=False)
        self.built = True

    def _assign_moving_average(self, variable, value, momentum):
        g = get_default_graph()
        with g.name_scope("AssignMovingAvg") as scope:
            decay = convert_to_tensor(1.0 - momentum, name="decay")
            if decay.dtype != variable.dtype.base_dtype:
                decay = math_ops.cast(decay, variable.dtype.base_dtype)
            delta = (variable - math_ops.cast(value, variable.dtype.base_dtype)) * decay
            if getattr(variable, "_is_resource", False):  # TF's state_ops.assign_sub
                from ..ops.state_ops import assign_sub

                return assign_sub(variable, delta, name=scope)
            return g._create_op("AssignSub", (variable._ref_tensor(), delta), scope,
                                dtype=variable.dtype, shape=variable.shape).outputs[0]

    def _fused(self, inputs, training):
        beta = self.beta if self.center else self._beta_const
        gamma = self.gamma if self.scale else self._gamma_const

        def train():
            return fused_batch_norm(inputs, gamma, beta, epsilon=self.epsilon,
                                    data_format=self._data_format)

        def infer():
            return fused_batch_norm(inputs, gamma, beta, mean=self.moving_mean,
                                    variance=self.moving_variance, epsilon=self.epsilon,
                                    is_training=False, data_format=self._data_format)
        output, mean, variance = smart_cond(training, train, infer)
        tv = _constant_value(training)
        if tv is None:
            momentum = smart_cond(training, lambda: self.momentum, lambda: 1.0)
        else:
            momentum = convert_to_tensor(self.momentum)
        if tv or tv is None:
            self.add_update(lambda: self._assign_moving_average(self.moving_mean, mean,
                                                                momentum))
            self.add_update(lambda: self._assign_moving_average(self.moving_variance,
                                                                variance, momentum))
        return output

    def call(self, inputs, training=False):
        inputs = convert_to_tensor(inputs)
        if self.fused:
            return self._fused(inputs, training)
        ndims = inputs.shape.rank
        reduction_axes = [i for i in range(ndims) if i not in self.axis]
        broadcast_shape = [1] * ndims
        broadcast_shape[self.axis[0]] = inputs.shape.as_list()[self.axis[0]]

        def bcast(v):
            if v is not None and len(v.shape) != ndims and \
                    reduction_axes != list(range(ndims - 1)):
                return array_ops.reshape(v, broadcast_shape)
            return v
        scale, offset = bcast(self.gamma), bcast(self.beta)
        tv = _constant_value(training)
        if tv is False or (tv is not None and not tv):
            mean, variance = self.moving_mean, self.moving_variance
        else:
            keep_dims = len(self.axis) > 1
            mean, variance = nn_ops.moments(math_ops.cast(inputs, self.moving_mean.dtype),
                                            reduction_axes, keep_dims=keep_dims)
            mm, mv = self.moving_mean, self.moving_variance
            mean = smart_cond(training, lambda: mean, lambda: convert_to_tensor(mm))
            variance = smart_cond(training, lambda: variance, lambda: convert_to_tensor(mv))

            def update(var, value):
                return smart_cond(training,
                                  lambda: self._assign_moving_average(var, value,
                                                                      self.momentum),
                                  lambda: var)
            self.add_update(lambda: update(self.moving_mean, mean))
            self.add_update(lambda: update(self.moving_variance, variance))
        mean = math_ops.cast(mean, inputs.dtype)
        variance = math_ops.cast(variance, inputs.dtype)
        if offset is not None:
            offset = math_ops.cast(offset, inputs.dtype)
        if scale is not None:
            scale = math_ops.cast(scale, inputs.dtype)
        out = batch_normalization_op(inputs, bcast(mean), bcast(variance), offset, scale,
                                     self.epsilon)
        out.set_shape(inputs.shape)
        return out


def _constant_value(pred):
    if isinstance(pred, bool):
        return pred
    v = array_ops.constant_value(pred)
    return None if v is None else bool(v)


def batch_normalization(inputs, axis=-1, momentum=0.99, epsilon=1e-3, center=True, scale=True,
                        beta_initializer=None, gamma_initializer=None,
                        moving_mean_initializer=None, moving_variance_initializer=None,
                        beta_regularizer=None, gamma_regularizer=None, beta_constraint=None,
                        gamma_constraint=None, training=False, trainable=True, name=None,
                        reuse=None, renorm=False, renorm_clipping=None, renorm_momentum=0.99,
                        fused=None, virtual_batch_size=None, adjustment=None):
    layer = BatchNormalization(axis=axis, momentum=momentum, epsilon=epsilon, center=center,
                               scale=scale, beta_initializer=beta_initializer,
                               gamma_initializer=gamma_initializer,
                               moving_mean_initializer=moving_mean_initializer,
                               moving_variance_initializer=moving_variance_initializer,
                               beta_regularizer=beta_regularizer,
                               gamma_regularizer=gamma_regularizer, fused=fused,
                               trainable=trainable, name=name, _scope=name, _reuse=reuse,
                               renorm=renorm, virtual_batch_size=virtual_batch_size,
                               adjustment=adjustment)
    return layer.apply(inputs, training=training)
