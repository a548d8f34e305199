"""`tf.layers` core layers (TF 1.15): Dense, Dropout, Flatten and their functions."""

from __future__ import annotations

from ..framework.constant_op import convert_to_tensor
from ..framework.tensor_shape import TensorShape, dimension_value
from ..ops import array_ops, math_ops, nn_ops
from ..ops.control_flow_ops import cond
from ..ops.init_ops import zeros_initializer
from .base import Layer


def np_prod(dims):
    n = 1
    for d in dims:
        n *= d
    return n


_ACTIVATIONS = {
    "relu": nn_ops.relu, "relu6": nn_ops.relu6, "elu": nn_ops.elu, "selu": nn_ops.selu,
    "sigmoid": math_ops.sigmoid, "tanh": math_ops.tanh, "softmax": nn_ops.softmax,
    "softplus": nn_ops.softplus, "linear": None,
}


def activation(a):
    """Keras's `activations.get`: a callable, a name, or None (linear: no op)."""
    if a is None or callable(a):
        return a
    if a not in _ACTIVATIONS:
        raise ValueError(f"Unknown activation function: {a}")
    return _ACTIVATIONS[a]


def smart_cond(pred, true_fn, false_fn, name=None):
    """TF's `smart_cond`: a Python or constant predicate picks a branch while building."""
    if isinstance(pred, bool):
        return true_fn() if pred else false_fn()
    value = array_ops.constant_value(pred)
    if value is not None:
        return true_fn() if bool(value) else false_fn()
    return cond(pred, true_fn, false_fn, name=name)


class Dense(Layer):
    def __init__(self, units, activation=None, use_bias=True, kernel_initializer=None,
                 bias_initializer=None, kernel_regularizer=None, bias_regularizer=None,
                 activity_regularizer=None, kernel_constraint=None, bias_constraint=None,
                 trainable=True, name=None, **kwargs):
        super().__init__(trainable=trainable, name=name,
                         activity_regularizer=activity_regularizer, **kwargs)
        self.kernel_constraint, self.bias_constraint = kernel_constraint, bias_constraint
        self.units = int(units)
        self.activation = globals()["activation"](activation)
        self.use_bias = use_bias
        self.kernel_initializer = kernel_initializer
        self.bias_initializer = bias_initializer or zeros_initializer()
        self.kernel_regularizer, self.bias_regularizer = kernel_regularizer, bias_regularizer

    def build(self, input_shape):
        input_shape = TensorShape(input_shape)
        last = dimension_value(input_shape[-1])
        if last is None:
            raise ValueError("The last dimension of the inputs to `Dense` should be defined. "
                             "Found `None`.")
        self.kernel = self.add_weight("kernel", [last, self.units],
                                      initializer=self.kernel_initializer,
                                      regularizer=self.kernel_regularizer,
                                      constraint=self.kernel_constraint)
        self.bias = self.add_weight("bias", [self.units], initializer=self.bias_initializer,
                                    regularizer=self.bias_regularizer,
                                    constraint=self.bias_constraint) if self.use_bias else None
        self.built = True

    def compute_output_shape(self, input_shape):
        input_shape = TensorShape(input_shape).with_rank_at_least(2)
        if dimension_value(input_shape[-1]) is None:
            raise ValueError("The innermost dimension of input_shape must be defined, but saw: "
                             f"{input_shape}")
        return input_shape[:-1].concatenate(self.units)

    def call(self, inputs):
        inputs = convert_to_tensor(inputs)
        rank = inputs.shape.rank
        if rank is not None and rank > 2:
            outputs = math_ops.tensordot(inputs, self.kernel, [[rank - 1], [0]])
            outputs.set_shape(inputs.shape.as_list()[:-1] + [self.units])
        else:
            from ..ops.gen import apply_op

            m = inputs.shape.as_list()[0] if inputs.shape.rank else None
            # (the kernel converts inside MatMul's scope: a resource kernel's read is there)
            outputs = apply_op("MatMul", None, [(inputs, "a", None), (self.kernel, "b", None)],
                               dtype=inputs.dtype, shape=[m, self.units])
        if self.use_bias:
            outputs = nn_ops.bias_add(outputs, self.bias)
        if self.activation is not None:
            return self.activation(outputs)
        return outputs


class Dropout(Layer):
    def __init__(self, rate=0.5, noise_shape=None, seed=None, name=None, **kwargs):
        super().__init__(name=name, **kwargs)
        self.rate, self.noise_shape, self.seed = rate, noise_shape, seed

    def _get_noise_shape(self, inputs):
        # Keras's: the input's Shape (built even if unused), its dims where the noise
        # shape has None, converted to one tensor (a Const, or a Pack named `packed`).
        if self.noise_shape is None:
            return None
        concrete = array_ops.shape(inputs)
        return convert_to_tensor([concrete[i] if v is None else v
                                  for i, v in enumerate(self.noise_shape)])

    def call(self, inputs, training=False):
        def dropped():
            return nn_ops.dropout(inputs, noise_shape=self._get_noise_shape(inputs),
                                  seed=self.seed, rate=self.rate)
        return smart_cond(training, dropped, lambda: array_ops.identity(inputs))


class Flatten(Layer):
    def __init__(self, data_format=None, name=None, **kwargs):
        super().__init__(name=name, **kwargs)
        self.data_format = data_format or "channels_last"

    def compute_output_shape(self, input_shape):
        dims = TensorShape(input_shape).as_list()
        if not dims:
            return TensorShape([1])
        rest = dims[1:]
        n = int(np_prod(rest)) if all(rest) else None
        return TensorShape([dims[0], n])

    def call(self, inputs):
        inputs = convert_to_tensor(inputs)
        rank = inputs.shape.rank
        if self.data_format == "channels_first" and rank is not None and rank > 1:
            # Keras moves the channels last first, so the flattened order matches NHWC.
            inputs = array_ops.transpose(inputs, perm=[0] + list(range(2, rank)) + [1])
        first = dimension_value(inputs.shape[0]) if inputs.shape.rank else None
        lead = first if first else array_ops.shape(inputs)[0]
        out = array_ops.reshape(inputs, (lead, -1))
        if inputs.shape.rank is not None:
            out.set_shape(self.compute_output_shape(inputs.shape))
        return out


def dense(inputs, units, activation=None, use_bias=True, kernel_initializer=None,
          bias_initializer=None, kernel_regularizer=None, bias_regularizer=None,
          activity_regularizer=None, kernel_constraint=None, bias_constraint=None,
          trainable=True, name=None, reuse=None):
    layer = Dense(units, activation=activation, use_bias=use_bias,
                  kernel_initializer=kernel_initializer,
                  bias_initializer=bias_initializer or zeros_initializer(),
                  kernel_regularizer=kernel_regularizer, bias_regularizer=bias_regularizer,
                  trainable=trainable, name=name, _scope=name, _reuse=reuse)
    return layer.apply(inputs)


def dropout(inputs, rate=0.5, noise_shape=None, seed=None, training=False, name=None):
    return Dropout(rate, noise_shape=noise_shape, seed=seed, name=name).apply(
        inputs, training=training)


def flatten(inputs, name=None, data_format="channels_last"):
    return Flatten(name=name, data_format=data_format).apply(inputs)
