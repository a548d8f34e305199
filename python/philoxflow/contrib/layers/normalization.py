"""`tf.contrib.layers.layer_norm` and `batch_norm` as TF 1.15 builds them.

`batch_norm` follows contrib's three paths: its own fused implementation for
rank-2 inputs (reshaped to NHWC), the core `tf.layers` BatchNormalization for
rank 4, and the moving-average updates it adds to `UPDATE_OPS`.
"""

from __future__ import annotations

from ...framework.constant_op import constant, convert_to_tensor
from ...framework.ops import GraphKeys, get_default_graph, name_scope
from ...layers.core import smart_cond
from ...layers.normalization import (
    BatchNormalization,
    _constant_value,
    batch_normalization_op,
    fused_batch_norm,
)
from ...ops import array_ops, math_ops, nn_impl, nn_ops
from ...ops import variable_scope as vs
from ...ops.init_ops import ones_initializer, zeros_initializer
from ..framework.arg_scope import add_arg_scope


def _model_variable(name, shape, dtype, initializer, trainable=True, collections=None,
                    regularizer=None):
    from ..framework.variables import model_variable

    return model_variable(name, shape=shape, dtype=dtype, initializer=initializer,
                          regularizer=regularizer, trainable=trainable, collections=collections)


def _collections(variables_collections, name):
    from .utils import get_variable_collections

    return get_variable_collections(variables_collections, name)


def _outputs(outputs_collections, sc_name, outputs):
    from .utils import collect_named_outputs

    return collect_named_outputs(outputs_collections, sc_name, outputs)


@add_arg_scope
def layer_norm(inputs, center=True, scale=True, activation_fn=None, reuse=None,
               variables_collections=None, outputs_collections=None, trainable=True,
               begin_norm_axis=1, begin_params_axis=-1, scope=None):
    with vs.variable_scope(scope, "LayerNorm", [inputs], reuse=reuse) as sc:
        inputs = convert_to_tensor(inputs)
        shape = inputs.shape
        rank = shape.ndims
        if rank is None:
            raise ValueError(f"Inputs {inputs.name} has undefined rank.")
        dtype = inputs.dtype
        if begin_norm_axis < 0:
            begin_norm_axis = rank + begin_norm_axis
        if begin_params_axis >= rank or begin_norm_axis >= rank:
            raise ValueError(f"begin_params_axis ({begin_params_axis}) and begin_norm_axis "
                             f"({begin_norm_axis}) must be < rank(inputs) ({rank})")
        params_shape = shape[begin_params_axis:]
        if not params_shape.is_fully_defined():
            raise ValueError(f"Inputs {inputs.name}: shape(inputs)[{begin_params_axis}:] is not "
                             f"fully defined: {shape}")
        beta = _model_variable("beta", params_shape.as_list(), dtype, zeros_initializer(),
                               trainable, _collections(variables_collections, "beta")
                               ) if center else None
        gamma = _model_variable("gamma", params_shape.as_list(), dtype, ones_initializer(),
                                trainable, _collections(variables_collections, "gamma")
                                ) if scale else None
        mean, variance = nn_ops.moments(inputs, list(range(begin_norm_axis, rank)),
                                        keep_dims=True)
        eps = 1e-12 if dtype.name != "float16" else 1e-3
        outputs = batch_normalization_op(inputs, mean, variance, beta, gamma, eps)
        outputs.set_shape(shape)
        if activation_fn is not None:
            outputs = activation_fn(outputs)
        return _outputs(outputs_collections, sc.name, outputs)


def _assign_moving_average(variable, value, decay):
    """`moving_averages.assign_moving_average(..., zero_debias=False)`."""
    g = get_default_graph()
    with name_scope(None, "AssignMovingAvg", [variable, value, decay]) as scope:
        decay = convert_to_tensor(1.0 - decay, name="decay")
        if decay.dtype != variable.dtype.base_dtype:
            decay = math_ops.cast(decay, variable.dtype.base_dtype)
        delta = (variable - value) * decay
        if getattr(variable, "_is_resource", False):  # TF's state_ops.assign_sub
            from ...ops.state_ops import assign_sub

            return assign_sub(variable, delta, name=scope)
        return g._create_op("AssignSub", (variable._ref_tensor(), delta), scope,
                            dtype=variable.dtype, shape=variable.shape).outputs[0]


def _fused(inputs, decay, center, scale, epsilon, activation_fn, param_initializers,
           updates_collections, is_training, reuse, trainable, scope, param_regularizers=None,
           variables_collections=None, outputs_collections=None, data_format="NHWC"):
    """contrib's own fused batch norm (rank 2 inputs are reshaped to NHWC)."""
    regs = param_regularizers or {}

    def cols(name):
        return _collections(variables_collections, name)
    with vs.variable_scope(scope, "BatchNorm", [inputs], reuse=reuse) as sc:
        inputs = convert_to_tensor(inputs)
        original = inputs
        nchw = data_format == "NCHW"
        if original.shape.rank == 2:
            channels = inputs.shape.as_list()[-1]
            if channels is None:
                raise ValueError("`C` dimension must be known but is None")
            inputs = array_ops.reshape(inputs, [-1, channels, 1, 1] if nchw
                                       else [-1, 1, 1, channels])
        channels = inputs.shape.as_list()[1 if nchw else -1]
        if channels is None:
            raise ValueError(f"Inputs {inputs.name} has undefined channels dimension "
                             f"{inputs.shape[1:2] if nchw else inputs.shape[-1:]}.")
        dtype = inputs.dtype
        params = [channels]
        inits = param_initializers or {}
        beta = (_model_variable("beta", params, dtype, inits.get("beta", zeros_initializer()),
                                trainable, cols("beta"), regs.get("beta"))
                if center else constant(0.0, dtype, shape=params))
        gamma = (_model_variable("gamma", params, dtype, inits.get("gamma",
                                                                  ones_initializer()),
                                 trainable, cols("gamma"), regs.get("gamma"))
                 if scale else constant(1.0, dtype, shape=params))
        with vs.variable_scope(vs.get_variable_scope()):
            mm = _model_variable("moving_mean", params, dtype,
                                 inits.get("moving_mean", zeros_initializer()), False,
                                 cols("moving_mean"))
            mv = _model_variable("moving_variance", params, dtype,
                                 inits.get("moving_variance", ones_initializer()), False,
                                 cols("moving_variance"))
        outputs, mean, variance = smart_cond(
            is_training,
            lambda: fused_batch_norm(inputs, gamma, beta, epsilon=epsilon,
                                     data_format=data_format),
            lambda: fused_batch_norm(inputs, gamma, beta, mean=mm, variance=mv,
                                     data_format=data_format,
                                     epsilon=epsilon, is_training=False))
        tv = _constant_value(is_training)
        if tv is None or tv:
            g = get_default_graph()
            if updates_collections is None:
                def force():
                    um = _assign_moving_average(mm, mean, decay)
                    uv = _assign_moving_average(mv, variance, decay)
                    with g.control_dependencies([um, uv]):
                        return array_ops.identity(outputs)
                outputs = smart_cond(is_training, force, lambda: outputs)
            else:
                def delay():
                    return (_assign_moving_average(mm, mean, decay),
                            _assign_moving_average(mv, variance, decay))
                um, uv = smart_cond(is_training, delay, lambda: (mm, mv))
                g.add_to_collections(updates_collections, um)
                g.add_to_collections(updates_collections, uv)
        outputs.set_shape(inputs.shape)
        if original.shape.rank == 2:
            outputs = array_ops.reshape(outputs, array_ops.shape(original))
        if activation_fn is not None:
            outputs = activation_fn(outputs)
        return _outputs(outputs_collections, sc.name, outputs)


@add_arg_scope
def batch_norm(inputs, decay=0.999, center=True, scale=False, epsilon=0.001,
               activation_fn=None, param_initializers=None, param_regularizers=None,
               updates_collections=GraphKeys.UPDATE_OPS, is_training=True, reuse=None,
               variables_collections=None, outputs_collections=None, trainable=True,
               batch_weights=None, fused=None, data_format="NHWC",
               zero_debias_moving_mean=False, scope=None, renorm=False, renorm_clipping=None,
               renorm_decay=0.99, adjustment=None):
    """`tf.contrib.layers.batch_norm`: contrib's fused path (rank 2, or other update
    collections), else the core BatchNormalization layer."""
    if batch_weights is not None or renorm or adjustment is not None or \
            zero_debias_moving_mean:
        raise NotImplementedError("philoxflow's contrib batch_norm: no batch_weights, renorm, "
                                  "adjustment or zero_debias_moving_mean")
    fused = True if fused is None else fused
    inputs = convert_to_tensor(inputs)
    rank = inputs.shape.ndims
    if fused and rank in (2, 4) and (rank == 2 or updates_collections != GraphKeys.UPDATE_OPS):
        return _fused(inputs, decay, center, scale, epsilon, activation_fn,
                      param_initializers, updates_collections, is_training, reuse,
                      trainable, scope, param_regularizers, variables_collections,
                      outputs_collections, data_format)
    if data_format not in ("NCHW", "NHWC"):
        raise ValueError("data_format has to be either NCHW or NHWC.")
    if updates_collections != GraphKeys.UPDATE_OPS:
        raise NotImplementedError("philoxflow's contrib batch_norm: custom updates_collections "
                                  "with this input rank")
    from .layers import _add_variable_to_collections, _build_variable_getter

    with vs.variable_scope(scope, "BatchNorm", [inputs], reuse=reuse,
                           custom_getter=_build_variable_getter()) as sc:
        inputs = convert_to_tensor(inputs)
        inits = param_initializers or {}
        regs = param_regularizers or {}
        layer = BatchNormalization(
            axis=1 if data_format == "NCHW" else -1, momentum=decay, epsilon=epsilon,
            center=center, scale=scale,
            beta_initializer=inits.get("beta", zeros_initializer()),
            gamma_initializer=inits.get("gamma", ones_initializer()),
            moving_mean_initializer=inits.get("moving_mean", zeros_initializer()),
            moving_variance_initializer=inits.get("moving_variance", ones_initializer()),
            beta_regularizer=regs.get("beta"), gamma_regularizer=regs.get("gamma"),
            trainable=trainable, name=sc.name, _scope=sc, _reuse=reuse, fused=fused)
        outputs = layer.apply(inputs, training=is_training)
        for v, name in ((layer.moving_mean, "moving_mean"),
                        (layer.moving_variance, "moving_variance"), (layer.beta, "beta"),
                        (layer.gamma, "gamma")):
            if v is not None:
                _add_variable_to_collections(v, variables_collections, name)
        if activation_fn is not None:
            outputs = activation_fn(outputs)
        return _outputs(outputs_collections, sc.name, outputs)


@add_arg_scope
def instance_norm(inputs, center=True, scale=True, epsilon=1e-6, activation_fn=None,
                  param_initializers=None, reuse=None, variables_collections=None,
                  outputs_collections=None, trainable=True, data_format="NHWC", scope=None):
    """`tf.contrib.layers.instance_norm`: moments over the spatial axes of each sample."""
    inputs = convert_to_tensor(inputs)
    shape = inputs.shape
    rank = shape.ndims
    if rank is None:
        raise ValueError(f"Inputs {inputs.name} has undefined rank.")
    if data_format not in ("NCHW", "NHWC"):
        raise ValueError("data_format has to be either NCHW or NHWC.")
    with vs.variable_scope(scope, "InstanceNorm", [inputs], reuse=reuse) as sc:
        if data_format == "NCHW":
            axis = 1
            broadcast = [1, shape.as_list()[1]] + [1] * (rank - 2)
        else:
            axis, broadcast = rank - 1, None
        moments_axes = [a for a in range(rank) if a not in (axis, 0)]
        params_shape = shape[axis:axis + 1]
        if not params_shape.is_fully_defined():
            raise ValueError(f"Inputs {inputs.name} has undefined channels dimension "
                             f"{params_shape}.")
        inits = param_initializers or {}
        beta = gamma = None
        if center:
            beta = _model_variable("beta", params_shape, inputs.dtype,
                                   inits.get("beta", zeros_initializer()), trainable,
                                   _collections(variables_collections, "beta"))
            if broadcast:
                beta = array_ops.reshape(beta, broadcast)
        if scale:
            gamma = _model_variable("gamma", params_shape, inputs.dtype,
                                    inits.get("gamma", ones_initializer()), trainable,
                                    _collections(variables_collections, "gamma"))
            if broadcast:
                gamma = array_ops.reshape(gamma, broadcast)
        mean, variance = nn_ops.moments(inputs, moments_axes, keep_dims=True)
        outputs = batch_normalization_op(inputs, mean, variance, beta, gamma, epsilon,
                                         name="instancenorm")
        if activation_fn is not None:
            outputs = activation_fn(outputs)
        return _outputs(outputs_collections, sc.name, outputs)


@add_arg_scope
def group_norm(inputs, groups=32, channels_axis=-1, reduction_axes=(-3, -2), center=True,
               scale=True, epsilon=1e-6, activation_fn=None, param_initializers=None,
               reuse=None, variables_collections=None, outputs_collections=None,
               trainable=True, scope=None, mean_close_to_zero=False):
    """`tf.contrib.layers.group_norm`: moments over groups of channels. As TF, the input
    is split into groups before the layer's scope opens (so its Reshape is outside)."""
    inputs = convert_to_tensor(inputs)
    rank = inputs.shape.ndims
    if rank is None:
        raise ValueError("Inputs %s has undefined rank." % inputs.name)
    if channels_axis > rank - 1:
        raise ValueError("Axis is out of bounds.")
    dynamic_shape = array_ops.shape(inputs)
    shape_list = [dynamic_shape[i] if dim.value is None else dim
                  for i, dim in enumerate(inputs.shape.dims)]
    if channels_axis < 0:
        channels_axis = rank + channels_axis
    channels = inputs.shape.dims[channels_axis].value
    if channels is None:
        raise ValueError("Inputs %s has undefined channel dimension: %d."
                         % (inputs.name, channels_axis))
    reduction_axes = [a + rank if a < 0 else a for a in reduction_axes]
    for a in reduction_axes:
        if a > rank:
            raise ValueError("Axis is out of bounds.")
        if inputs.shape.dims[a].value is None:
            raise ValueError("Inputs %s has undefined dimensions %d." % (inputs.name, a))
        if channels_axis == a:
            raise ValueError("reduction_axis must be mutually exclusive with channels_axis")
    if groups > channels:
        raise ValueError("Invalid groups %d for %d channels." % (groups, channels))
    if channels % groups != 0:
        raise ValueError("%d channels is not commensurate with %d groups." % (channels, groups))
    before, after = shape_list[:channels_axis], shape_list[channels_axis + 1:]
    broadcast = [1] * len(before) + [groups, channels // groups] + [1] * len(after)
    inputs = array_ops.reshape(inputs, before + [groups, channels // groups] + after)
    moments_axes = [channels_axis + 1] + [a + 1 if a > channels_axis else a
                                          for a in reduction_axes]
    with vs.variable_scope(scope, "GroupNorm", [inputs], reuse=reuse) as sc:
        params_shape = [channels]
        dtype = inputs.dtype.base_dtype
        inits = param_initializers or {}
        beta = gamma = None
        if center:
            beta = _model_variable("beta", params_shape, dtype,
                                   inits.get("beta", zeros_initializer()), trainable,
                                   _collections(variables_collections, "beta"))
            beta = array_ops.reshape(beta, broadcast)
        if scale:
            gamma = _model_variable("gamma", params_shape, dtype,
                                    inits.get("gamma", ones_initializer()), trainable,
                                    _collections(variables_collections, "gamma"))
            gamma = array_ops.reshape(gamma, broadcast)
        if mean_close_to_zero:
            counts, means_ss, variance_ss, _ = nn_impl.sufficient_statistics(
                inputs, moments_axes, keep_dims=True)
            mean, variance = nn_impl.normalize_moments(counts, means_ss, variance_ss, shift=None)
        else:
            mean, variance = nn_ops.moments(inputs, moments_axes, keep_dims=True)
        gain = math_ops.rsqrt(variance + epsilon)
        offset = -mean * gain
        if gamma is not None:
            gain *= gamma
            offset *= gamma
        if beta is not None:
            offset += beta
        outputs = array_ops.reshape(inputs * gain + offset, shape_list)
        if activation_fn is not None:
            outputs = activation_fn(outputs)
        return _outputs(outputs_collections, sc.name, outputs)
