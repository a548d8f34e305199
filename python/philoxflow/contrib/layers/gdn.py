"""Generalized divisive normalization (TF 1.15 `contrib.layers.GDN`/`gdn`, Ballé et al.):
`x / sqrt(beta + sum_j gamma_ij x_j^2)` over channels, `beta` and `gamma` kept positive
by a squared reparametrization with a lower bound whose gradient passes through."""

from __future__ import annotations

from ...framework.constant_op import constant, convert_to_tensor
from ...framework.ops import name_scope
from ...framework.tensor_shape import TensorShape
from ...layers.base import Layer
from ...ops import array_ops, math_ops, nn_conv, nn_ops
from ...ops.array_ops_ext import eye
from ...ops.gradients_impl import RegisterGradient
from ...ops.math_ops_ext import logical_or

__all__ = ["GDN", "gdn"]


@RegisterGradient("GDNLowerBound")
def _lower_bound_grad(op, grad):
    inputs, bound = op.inputs[0], op.inputs[1]
    pass_through_if = logical_or(inputs >= bound, grad < 0)
    return [math_ops.cast(pass_through_if, grad.dtype) * grad, None]


class GDN(Layer):
    def __init__(self, inverse=False, beta_min=1e-6, gamma_init=.1, reparam_offset=2**-18,
                 data_format="channels_last", activity_regularizer=None, trainable=True,
                 name=None, **kwargs):
        super().__init__(trainable=trainable, name=name,
                         activity_regularizer=activity_regularizer, **kwargs)
        self.inverse = inverse
        self._beta_min = beta_min
        self._gamma_init = gamma_init
        self._reparam_offset = reparam_offset
        self.data_format = data_format
        self._channel_axis()

    def _channel_axis(self):
        try:
            return {"channels_first": 1, "channels_last": -1}[self.data_format]
        except KeyError:
            raise ValueError("Unsupported `data_format` for GDN layer: {}.".format(
                self.data_format)) from None

    @staticmethod
    def _lower_bound(inputs, bound, name=None):
        """`maximum(inputs, bound)` whose gradient is TF's `GDNLowerBound`."""
        with name_scope(name, "GDNLowerBound", [inputs, bound]) as scope:
            inputs = convert_to_tensor(inputs, name="inputs")
            bound = convert_to_tensor(bound, name="bound")
            out = math_ops.maximum(inputs, bound, name=scope)
            out.op._attrs["_gradient_op_type"] = b"GDNLowerBound"
            return out

    def build(self, input_shape):
        channel_axis = self._channel_axis()
        input_shape = TensorShape(input_shape)
        num_channels = input_shape.dims[channel_axis].value
        if num_channels is None:
            raise ValueError("The channel dimension of the inputs to `GDN` must be defined.")
        self._input_rank = input_shape.ndims
        offset = self._reparam_offset
        pedestal = constant(offset**2, dtype=self.dtype)
        beta_bound = constant((self._beta_min + offset**2)**.5, dtype=self.dtype)
        gamma_bound = constant(offset, dtype=self.dtype)

        def beta_initializer(shape, dtype=None, partition_info=None):
            ped = constant(offset**2, dtype=self.dtype)
            return math_ops.sqrt(array_ops.ones(shape, dtype=dtype) + ped)

        def gamma_initializer(shape, dtype=None, partition_info=None):
            ident = eye(shape[0], dtype=dtype)
            ped = constant(offset**2, dtype=self.dtype)
            return math_ops.sqrt(self._gamma_init * ident + ped)

        beta = self.add_weight("reparam_beta", shape=[num_channels],
                               initializer=beta_initializer, dtype=self.dtype, trainable=True)
        beta = self._lower_bound(beta, beta_bound)
        self.beta = math_ops.square(beta) - pedestal
        gamma = self.add_weight("reparam_gamma", shape=[num_channels, num_channels],
                                initializer=gamma_initializer, dtype=self.dtype,
                                trainable=True)
        gamma = self._lower_bound(gamma, gamma_bound)
        self.gamma = math_ops.square(gamma) - pedestal
        self.built = True

    def call(self, inputs):
        inputs = convert_to_tensor(inputs, dtype=self.dtype)
        ndim = self._input_rank
        shape = self.gamma.shape.as_list()
        gamma = array_ops.reshape(self.gamma, (ndim - 2) * [1] + shape)
        if self.data_format == "channels_first":
            norm_pool = nn_conv.convolution(math_ops.square(inputs), gamma, "VALID",
                                            data_format="NC" + "DHW"[-(ndim - 2):])
            if ndim == 3:
                norm_pool = array_ops.expand_dims(norm_pool, 2)
                norm_pool = nn_ops.bias_add(norm_pool, self.beta, data_format="NCHW")
                norm_pool = array_ops.squeeze(norm_pool, [2])
            elif ndim == 5:
                shape = array_ops.shape(norm_pool)
                norm_pool = array_ops.reshape(norm_pool, shape[:3] + [-1])
                norm_pool = nn_ops.bias_add(norm_pool, self.beta, data_format="NCHW")
                norm_pool = array_ops.reshape(norm_pool, shape)
            else:
                norm_pool = nn_ops.bias_add(norm_pool, self.beta, data_format="NCHW")
        else:
            norm_pool = nn_conv.convolution(math_ops.square(inputs), gamma, "VALID")
            norm_pool = nn_ops.bias_add(norm_pool, self.beta, data_format="NHWC")
        norm_pool = math_ops.sqrt(norm_pool)
        outputs = inputs * norm_pool if self.inverse else inputs / norm_pool
        outputs.set_shape(inputs.shape)
        return outputs

    def compute_output_shape(self, input_shape):
        input_shape = TensorShape(input_shape)
        if not 3 <= input_shape.ndims <= 5:
            raise ValueError("`input_shape` must be of rank 3 to 5, inclusive.")
        if input_shape.dims[self._channel_axis()].value is None:
            raise ValueError("The channel dimension of `input_shape` must be defined.")
        return input_shape


def gdn(inputs, inverse=False, beta_min=1e-6, gamma_init=.1, reparam_offset=2**-18,
        data_format="channels_last", activity_regularizer=None, trainable=True, name=None,
        reuse=None):
    layer = GDN(inverse=inverse, beta_min=beta_min, gamma_init=gamma_init,
                reparam_offset=reparam_offset, data_format=data_format,
                activity_regularizer=activity_regularizer, trainable=trainable, name=name,
                dtype=inputs.dtype.base_dtype, _scope=name, _reuse=reuse)
    return layer.apply(inputs)
