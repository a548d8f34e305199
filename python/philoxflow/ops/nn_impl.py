"""TF 1.15's `nn_impl.py` (and the rest of `tf.nn`): sigmoid / weighted cross entropy,
l2_normalize, normalize_moments, batch_normalization, depthwise / separable conv2d,
zero-cost aliases, lrn, top_k / in_top_k, built as TF 1.15 builds them."""

from __future__ import annotations

from ..framework.constant_op import convert_to_tensor
from ..framework.ops import name_scope
from . import array_ops, math_ops, nn_ops
from .array_ops_ext import where
from .gen import apply_op


def _same_shape(labels, logits):
    try:
        labels.shape.merge_with(logits.shape)
    except ValueError:
        raise ValueError(f"logits and labels must have the same shape ({logits.shape} vs "
                         f"{labels.shape})") from None


def sigmoid_cross_entropy_with_logits(_sentinel=None, labels=None, logits=None, name=None):
    if _sentinel is not None:
        raise ValueError("Only call `sigmoid_cross_entropy_with_logits` with named arguments "
                         "(labels=..., logits=..., ...)")
    if labels is None or logits is None:
        raise ValueError("Both labels and logits must be provided.")
    with name_scope(name, "logistic_loss", [logits, labels]) as scope:
        logits = convert_to_tensor(logits, name="logits")
        labels = convert_to_tensor(labels, name="labels")
        _same_shape(labels, logits)
        zeros = array_ops.zeros_like(logits, dtype=logits.dtype)
        cond = logits >= zeros
        relu_logits = where(cond, logits, zeros)
        neg_abs = where(cond, -logits, logits)
        return math_ops.add(relu_logits - logits * labels,
                            _log1p(math_ops.exp(neg_abs)), name=scope)


def _log1p(x, name=None):
    x = convert_to_tensor(x)
    return apply_op("Log1p", name, [(x, "x", None)], dtype=x.dtype, shape=x.shape)


def weighted_cross_entropy_with_logits(labels=None, logits=None, pos_weight=None, name=None,
                                       targets=None):
    labels = targets if labels is None else labels
    with name_scope(name, "logistic_loss", [logits, labels]) as scope:
        logits = convert_to_tensor(logits, name="logits")
        labels = convert_to_tensor(labels, name="labels")
        _same_shape(labels, logits)
        log_weight = 1 + (pos_weight - 1) * labels
        return math_ops.add((1 - labels) * logits,
                            log_weight * (_log1p(math_ops.exp(-math_ops.abs(logits)))
                                          + nn_ops.relu(-logits)), name=scope)


def l2_normalize(x, axis=None, epsilon=1e-12, name=None, dim=None):
    axis = dim if axis is None else axis
    with name_scope(name, "l2_normalize", [x]) as scope:
        x = convert_to_tensor(x, name="x")
        square_sum = math_ops.reduce_sum(math_ops.square(x), axis, keepdims=True)
        inv = math_ops.rsqrt(math_ops.maximum(square_sum, epsilon))
        return math_ops.multiply(x, inv, name=scope)


def normalize_moments(counts, mean_ss, variance_ss, shift, name=None):
    with name_scope(name, "normalize", [counts, mean_ss, variance_ss, shift]):
        c = convert_to_tensor(counts)
        divisor = apply_op("Reciprocal", "divisor", [(c, "x", None)], dtype=c.dtype,
                           shape=c.shape)
        if shift is not None:
            shifted = math_ops.multiply(mean_ss, divisor, name="shifted_mean")
            mean = math_ops.add(shifted, shift, name="mean")
        else:
            shifted = math_ops.multiply(mean_ss, divisor, name="mean")
            mean = shifted
        variance = math_ops.subtract(math_ops.multiply(variance_ss, divisor),
                                     math_ops.square(shifted), name="variance")
    return mean, variance


def batch_normalization(x, mean, variance, offset, scale, variance_epsilon, name=None):
    with name_scope(name, "batchnorm", [x, mean, variance, scale, offset]):
        inv = math_ops.rsqrt(variance + variance_epsilon)
        if scale is not None:
            inv *= scale
        x = convert_to_tensor(x)
        # One expression, evaluated left to right as TF's, so the ops come in its order.
        return x * math_ops.cast(inv, x.dtype) + math_ops.cast(
            offset - mean * inv if offset is not None else -mean * inv, x.dtype)


def depthwise_conv2d(input, filter, strides, padding, rate=None, name=None,  # noqa: A002
                     data_format=None, dilations=None):
    """TF 1.15's `nn.depthwise_conv2d`: the filter's Shape, then `with_space_to_batch`
    (a `dilation_rate` Const; SpaceToBatchND around the op when the rate exceeds 1)."""
    from .nn_conv import with_space_to_batch

    rate = dilations if rate is None else rate
    with name_scope(name, "depthwise", [input, filter]) as scope:
        x = convert_to_tensor(input, name="tensor_in")
        f = convert_to_tensor(filter, name="filter_in")
        rate = [1, 1] if rate is None else rate
        fshape = array_ops.shape(f)
        return with_space_to_batch(
            x, rate, padding,
            lambda inp, pad: nn_ops.depthwise_conv2d_native(
                inp, f, strides, pad, data_format=data_format or "NHWC", name=scope),
            filter_shape=fshape)


def separable_conv2d(input, depthwise_filter, pointwise_filter, strides, padding,  # noqa: A002
                     rate=None, name=None, data_format=None, dilations=None):
    from .nn_conv import with_space_to_batch

    rate = dilations if rate is None else rate
    with name_scope(name, "separable_conv2d",
                    [input, depthwise_filter, pointwise_filter]) as scope:
        x = convert_to_tensor(input, name="tensor_in")
        dw = convert_to_tensor(depthwise_filter, name="depthwise_filter")
        pw = convert_to_tensor(pointwise_filter, name="pointwise_filter")
        rate = [1, 1] if rate is None else rate
        fshape = array_ops.shape(dw)
        depthwise = with_space_to_batch(
            x, rate, padding,
            lambda inp, pad: nn_ops.depthwise_conv2d_native(
                inp, dw, strides, pad, data_format=data_format or "NHWC", name="depthwise"),
            filter_shape=fshape)
        return nn_ops.conv2d(depthwise, pw, [1, 1, 1, 1], padding="VALID",
                             data_format=data_format or "NHWC", name=scope)


def lrn(input, depth_radius=5, bias=1, alpha=1, beta=0.5, name=None):  # noqa: A002
    x = convert_to_tensor(input) if hasattr(input, "dtype") else None
    return apply_op("LRN", name, [(input, "input", None)],
                    dtype=None if x is None else x.dtype, shape=None if x is None else x.shape,
                    attrs={"depth_radius": depth_radius, "bias": float(bias),
                           "alpha": float(alpha), "beta": float(beta)})


def softsign(features, name=None):
    x = convert_to_tensor(features) if hasattr(features, "dtype") else None
    return apply_op("Softsign", name, [(features, "features", None)],
                    dtype=None if x is None else x.dtype, shape=None if x is None else x.shape)


def _pool_seq(v, channel_index=3):
    if isinstance(v, int):
        v = [v]
    v = list(v)
    if len(v) == 1:
        v = v * 2
    if len(v) == 2:
        return [1] + v + [1] if channel_index == 3 else [1, 1] + v
    return v


def max_pool2d(input, ksize, strides, padding, data_format="NHWC", name=None):  # noqa: A002
    with name_scope(name, "MaxPool2d", [input]) as scope:
        return nn_ops.max_pool(input, _pool_seq(ksize), _pool_seq(strides), padding,
                               data_format or "NHWC", name=scope)


def crelu(features, name=None, axis=-1):
    with name_scope(name, "CRelu", [features]) as scope:
        features = convert_to_tensor(features, name="features")
        c = array_ops.concat([features, -features], axis, name=scope)
        return nn_ops.relu(c)


def relu_layer(x, weights, biases, name=None):
    with name_scope(name, "relu_layer", [x, weights, biases]) as scope:
        x = convert_to_tensor(x, name="x")
        weights = convert_to_tensor(weights, name="weights")
        biases = convert_to_tensor(biases, name="biases")
        return nn_ops.relu(nn_ops.bias_add(math_ops.matmul(x, weights), biases), name=scope)


def sufficient_statistics(x, axes, shift=None, keep_dims=None, name=None, keepdims=None):
    axes = list(set(axes))
    keep = bool(keepdims if keepdims is not None else keep_dims)
    from ..framework.constant_op import constant

    with name_scope(name, "sufficient_statistics", [x, shift]):
        x = convert_to_tensor(x, name="x")
        s = x.shape
        if s.rank is not None and all(s.as_list()[d] is not None for d in axes):
            n = 1
            for d in axes:
                n *= s.as_list()[d]
            counts = constant(n, dtype=x.dtype)
        else:
            dims = array_ops.gather(math_ops.cast(array_ops.shape(x), x.dtype), axes)
            counts = math_ops.reduce_prod(dims, name="count")
        if shift is not None:
            shift = convert_to_tensor(shift, name="shift")
            m_ss = math_ops.subtract(x, shift)
            v_ss = math_ops.squared_difference(x, shift)
        else:
            m_ss, v_ss = x, math_ops.square(x)
        m_ss = math_ops.reduce_sum(m_ss, axes, keepdims=keep, name="mean_ss")
        v_ss = math_ops.reduce_sum(v_ss, axes, keepdims=keep, name="var_ss")
    return counts, m_ss, v_ss, shift


def fused_batch_norm(x, scale, offset, mean=None, variance=None, epsilon=0.001,
                     data_format="NHWC", is_training=True, name=None):
    """TF 1.15's `nn.fused_batch_norm`: one FusedBatchNormV3 (six outputs, three used)."""
    from ..framework import dtypes as _dtypes
    from ..framework.constant_op import constant
    from ..framework.tensor_shape import TensorShape

    x = convert_to_tensor(x, name="input")
    scale = convert_to_tensor(scale, name="scale")
    offset = convert_to_tensor(offset, name="offset")
    if is_training and (mean is not None or variance is not None):
        raise ValueError("Both 'mean' and 'variance' must be None if is_training is True.")
    if mean is None:
        mean = constant([])
    if variance is None:
        variance = constant([])
    epsilon = epsilon if epsilon > 1.001e-5 else 1.001e-5
    c = x.shape.as_list()[3 if data_format == "NHWC" else 1] if x.shape.rank == 4 else None
    vec = TensorShape([c])
    f32 = _dtypes.float32
    outs = apply_op("FusedBatchNormV3", name, [
        (x, "x", None), (scale, "scale", None), (offset, "offset", None),
        (mean, "mean", None), (variance, "variance", None)],
        outputs=[(x.dtype, x.shape), (f32, vec), (f32, vec), (f32, vec), (f32, vec),
                 (f32, TensorShape(None))],
        attrs={"epsilon": epsilon, "data_format": data_format, "is_training": is_training})
    return outs[0], outs[1], outs[2]


def _count_nonzero(value, dtype):
    from ..framework import dtypes as _dtypes

    with name_scope("count_nonzero", values=[value]):
        zero = array_ops.zeros([], dtype=value.dtype)
        ne = apply_op("NotEqual", None, [(value, "x", None), (zero, "y", None)],
                      dtype=_dtypes.bool, shape=value.shape)
        return math_ops.reduce_sum(math_ops.cast(ne, dtype=dtype), name="nonzero_count")


def zero_fraction(value, name=None):
    """TF 1.15's `nn.zero_fraction`: counts in int32 or int64 through a cond."""
    from ..framework import dtypes as _dtypes
    from .control_flow_ops import cond

    with name_scope(name, "zero_fraction", [value]):
        value = convert_to_tensor(value, name="value")
        size = array_ops.size(value, out_type=_dtypes.int64)
        num_nonzero = cond(size <= 2 ** 31 - 1,
                           true_fn=lambda: math_ops.cast(_count_nonzero(value, _dtypes.int32),
                                                         dtype=_dtypes.int64),
                           false_fn=lambda: _count_nonzero(value, _dtypes.int64))
        with name_scope("counts_to_fraction"):
            num_zero = size - num_nonzero
            num_zero_f = math_ops.cast(num_zero, dtype=_dtypes.float32)
            size_f = math_ops.cast(size, dtype=_dtypes.float32)
            frac = num_zero_f / size_f
        return array_ops.identity(frac, "fraction")


def log_poisson_loss(targets, log_input, compute_full_loss=False, name=None):
    import math

    from ..framework.constant_op import constant

    with name_scope(name, "log_poisson_loss", [log_input, targets]):
        log_input = convert_to_tensor(log_input, name="log_input")
        targets = convert_to_tensor(targets, name="targets")
        try:
            targets.shape.merge_with(log_input.shape)
        except ValueError:
            raise ValueError(f"log_input and targets must have the same shape "
                             f"({log_input.shape} vs {targets.shape})") from None
        result = math_ops.exp(log_input) - log_input * targets
        if compute_full_loss:
            half = constant(0.5, dtype=targets.dtype)
            two_pi = constant(2 * math.pi, dtype=targets.dtype)
            stirling = (targets * math_ops.log(targets)) - targets + (
                half * math_ops.log(two_pi * targets))
            zeros = array_ops.zeros_like(targets, dtype=targets.dtype)
            ones = array_ops.ones_like(targets, dtype=targets.dtype)
            from .math_ops_ext import logical_and

            cond = logical_and(targets >= zeros, targets <= ones)
            result += where(cond, zeros, stirling)
        return result


def weighted_moments(x, axes, frequency_weights, name=None, keep_dims=None, keepdims=None):
    from ..framework import dtypes as _dtypes

    keep = bool(keepdims if keepdims is not None else keep_dims)
    with name_scope(name, "weighted_moments", [x, frequency_weights, axes]):
        x = convert_to_tensor(x, name="x")
        w = convert_to_tensor(frequency_weights, name="frequency_weights")
        needs_cast = x.dtype == _dtypes.float16
        if needs_cast:
            x = math_ops.cast(x, _dtypes.float32)
        if w.dtype != x.dtype:
            w = math_ops.cast(w, x.dtype)
        wsum = math_ops.reduce_sum(w * x, axes, name="weighted_input_sum", keepdims=True)
        bw = w + array_ops.zeros_like(x)
        sum_w = math_ops.reduce_sum(bw, axes, name="sum_of_weights", keepdims=True)
        from ..framework.ops import get_default_graph

        tf2 = get_default_graph()._target.uniform_skips_unit_scaling  # TF 2.x: div_no_nan
        if not tf2:
            divisor = apply_op("Reciprocal", "inv_weight_sum", [(sum_w, "x", None)],
                               dtype=sum_w.dtype, shape=sum_w.shape)
        mean = math_ops.div_no_nan(wsum, sum_w) if tf2 else math_ops.multiply(wsum, divisor)
        distsq = math_ops.reduce_sum(w * math_ops.squared_difference(x, mean), axes,
                                     name="weighted_distsq", keepdims=True)
        variance = (math_ops.div_no_nan(distsq, sum_w) if tf2
                    else math_ops.multiply(distsq, divisor))
        if not keep:
            mean = array_ops.squeeze(mean, axis=axes)
            variance = array_ops.squeeze(variance, axis=axes)
        if needs_cast:
            mean = math_ops.cast(mean, _dtypes.float16)
            variance = math_ops.cast(variance, _dtypes.float16)
        return mean, variance


def batch_norm_with_global_normalization(t=None, m=None, v=None, beta=None, gamma=None,
                                         variance_epsilon=None,
                                         scale_after_normalization=None, name=None,
                                         input=None, mean=None, variance=None):  # noqa: A002
    t = input if t is None else t
    m = mean if m is None else m
    v = variance if v is None else v
    return batch_normalization(t, m, v, beta, gamma if scale_after_normalization else None,
                               variance_epsilon, name)


def _pool1d(pool, default, input, ksize, strides, padding, data_format, name):  # noqa: A002
    if data_format not in (None, "NWC"):
        raise NotImplementedError("philoxflow's 1-D pooling is channels-last only")
    with name_scope(name, default, [input]) as scope:
        k = [1] + nn_ops._ints(ksize, 3, "ksize")
        st = [1] + nn_ops._ints(strides, 3, "strides")
        x = array_ops.expand_dims(input, 1)
        return array_ops.squeeze(pool(x, k, st, padding, "NHWC", name=scope), 1)


def max_pool1d(input, ksize, strides, padding, data_format="NWC", name=None):  # noqa: A002
    return _pool1d(nn_ops.max_pool, "MaxPool1d", input, ksize, strides, padding, data_format,
                   name)


def avg_pool1d(input, ksize, strides, padding, data_format="NWC", name=None):  # noqa: A002
    return _pool1d(nn_ops.avg_pool, "AvgPool1D", input, ksize, strides, padding, data_format,
                   name)


def _pool_v2(ops1d, ops, input, ksize, strides, padding, data_format, name):  # noqa: A002
    x = convert_to_tensor(input)
    if x.shape.rank is None:
        raise ValueError("The input must have a rank or a data format must be given.")
    n = x.shape.rank - 2
    if not 1 <= n <= 3:
        raise ValueError(f"Input tensor must be of rank 3, 4 or 5 but was {n + 2}.")
    if data_format is not None and data_format.startswith("NC"):
        raise NotImplementedError("philoxflow's pooling is channels-last only")
    if n == 1:
        return ops1d(x, ksize, strides, padding, name=name)
    k, st = nn_ops._ints(ksize, n + 2, "ksize"), nn_ops._ints(strides, n + 2, "strides")
    return ops[n](x, k, st, padding, name=name)


def max_pool_v2(input, ksize, strides, padding, data_format=None, name=None):  # noqa: A002
    from ..framework.ops import get_default_graph

    two_d = max_pool2d if get_default_graph()._target.uniform_skips_unit_scaling \
        else nn_ops.max_pool  # TF 2.x goes through max_pool2d (its own `MaxPool2d` scope)
    return _pool_v2(max_pool1d, {2: two_d, 3: nn_ops.max_pool3d}, input, ksize,
                    strides, padding, data_format, name)


def avg_pool_v2(input, ksize, strides, padding, data_format=None, name=None):  # noqa: A002
    return _pool_v2(avg_pool1d, {2: nn_ops.avg_pool, 3: nn_ops.avg_pool3d}, input, ksize,
                    strides, padding, data_format, name)


def swish(features):
    """`tf.nn.swish` as TF's custom_gradient builds it in a graph: the product, an
    Identity of it, and an IdentityN over (product, features) whose first output is used
    (TF 2.x multiplies by a `beta` Const first, and passes it through the IdentityN)."""
    from ..framework.ops import get_default_graph

    features = convert_to_tensor(features, name="features")
    g = get_default_graph()
    ins = [features]
    if g._target.uniform_skips_unit_scaling:  # TF 2.x: beta is an input of the IdentityN too
        beta = convert_to_tensor(1.0, dtype=features.dtype, name="beta")
        y = features * math_ops.sigmoid(beta * features)
        ins.append(beta)
    else:
        y = features * math_ops.sigmoid(features)
    array_ops.identity(y)
    ins.insert(0, y)
    op = g._create_op("IdentityN", ins, "IdentityN", outputs=[(t.dtype, t.shape) for t in ins],
                      attrs={"_gradient_op_type": "CustomGradient"})
    return op.outputs[0]
