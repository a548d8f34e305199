"""Neural-network ops (`nn_ops.py`, `nn_impl.py`): activations, convolutions, pooling,
losses and `tf.nn.dropout`.

Only dropout computes: its mask is random values. The rest are built for graph
structure with TF's names and static shapes, since TF 1.x seeds from op ids.
"""

from __future__ import annotations

import numbers

from ..framework import dtypes as _dtypes
from ..framework.constant_op import constant, convert_to_tensor
from ..framework.ops import Tensor, control_dependencies, get_default_graph, name_scope
from ..framework.tensor_shape import TensorShape, as_shape_strict, dimension_value
from . import array_ops, check_ops, math_ops
from .gen import apply_op
from .random_ops import random_uniform


def _act(op_type):
    def activation(features, name=None):
        x = convert_to_tensor(features, name="features")
        return apply_op(op_type, name, [(x, "features", None)], dtype=x.dtype, shape=x.shape)
    activation.__name__ = op_type.lower()
    activation.__doc__ = f"`tf.nn.{op_type.lower()}` ({op_type} op)."
    return activation


relu = _act("Relu")
relu6 = _act("Relu6")
elu = _act("Elu")
selu = _act("Selu")
softplus = _act("Softplus")
sigmoid = math_ops.sigmoid
tanh = math_ops.tanh


def leaky_relu(features, alpha=0.2, name=None):
    with name_scope(name, "LeakyRelu", [features, alpha]) as scope:
        x = convert_to_tensor(features, name="features")
        return get_default_graph()._create_op("LeakyRelu", (x,), scope, dtype=x.dtype,
                                              shape=x.shape, attrs={"alpha": alpha}).outputs[0]


def _softmax(op_type, logits, axis, name):
    """Softmax over `axis`; other than the last, TF transposes around the op."""
    x = convert_to_tensor(logits)
    shape = x.shape
    if axis is None or axis == -1 or (shape.rank is not None and axis == shape.rank - 1):
        return apply_op(op_type, name, [(x, "logits", None)], dtype=x.dtype, shape=x.shape)
    if not -shape.rank <= axis < shape.rank:
        raise ValueError(f"`axis` must be in the range [{-shape.rank}, {shape.rank}) where "
                         f"{shape.rank} is the number of dimensions in the input. Received: "
                         f"axis={axis}")
    array_ops.rank(x)  # TF's `ndims`, unused once the axis is a Python int
    input_rank = array_ops.rank(x)
    dim_axis = axis % shape.rank

    def swap(t, name=None):
        last = math_ops.subtract(input_rank, 1)
        perm = array_ops.concat([array_ops.range(dim_axis), [last],
                                 array_ops.range(dim_axis + 1, last), [dim_axis]], 0)
        return array_ops.transpose(t, perm, name=name)

    out = apply_op(op_type, None, [(swap(x), "logits", None)], dtype=x.dtype)
    out = swap(out, name=name)
    out.set_shape(shape)
    return out


def softmax(logits, axis=None, name=None, dim=None):
    return _softmax("Softmax", logits, dim if axis is None else axis, name)


def log_softmax(logits, axis=None, name=None, dim=None):
    return _softmax("LogSoftmax", logits, dim if axis is None else axis, name)


def bias_add(value, bias, data_format=None, name=None):
    with name_scope(name, "BiasAdd", [value, bias]) as scope:
        x = convert_to_tensor(value, name="input")
        b = convert_to_tensor(bias, dtype=x.dtype, name="bias")
        return get_default_graph()._create_op("BiasAdd", (x, b), scope, dtype=x.dtype,
                                              shape=x.shape,
                                              attrs={"data_format": data_format or "NHWC"}
                                              ).outputs[0]


def xw_plus_b(x, weights, biases, name=None):
    with name_scope(name, "xw_plus_b", [x, weights, biases]) as scope:
        x = convert_to_tensor(x, name="x")
        w = convert_to_tensor(weights, name="weights")
        b = convert_to_tensor(biases, name="biases")
        mm = math_ops.matmul(x, w)
        return bias_add(mm, b, name=scope)


def l2_loss(t, name=None):
    """`tf.nn.l2_loss`: TF's generated wrapper (a variable is read inside its scope)."""
    from ..framework.op_def_library import apply_op_helper

    return apply_op_helper("L2Loss", name=name, t=t).outputs[0]


# ----------------------------------------------------------------- convolution and pooling

def _spatial(size, k, stride, padding, dilation=1):
    if size is None:
        return None
    k_eff = (k - 1) * dilation + 1
    if padding.upper() == "SAME":
        return -(-size // stride)
    return max(0, -(-(size - k_eff + 1) // stride))


def _ints(v, n, name):
    """TF's `_get_sequence` (channels last): one value or one per spatial dimension gets
    1s for the batch and channel dimensions."""
    if isinstance(v, numbers.Integral):
        v = [int(v)]
    v = [int(dimension_value(e)) for e in v]
    if n < 3:
        return v * n if len(v) == 1 else v
    if len(v) == 1:
        v = v * (n - 2)
    if len(v) == n - 2:
        return [1] + v + [1]
    return v


def _conv_shape(x_shape, f_shape, strides, padding, dilations, channels_last=True):
    if x_shape.rank is None:
        return TensorShape(None)
    xs = x_shape.as_list()
    fs = f_shape.as_list() if f_shape.rank is not None else [None] * len(xs)
    n_sp = len(xs) - 2
    st = strides[1:-1] if len(strides) == len(xs) else strides
    dl = dilations[1:-1] if len(dilations) == len(xs) else dilations
    sp = [_spatial(xs[1 + i], fs[i] if fs[i] is not None else 1, st[i], padding, dl[i])
          if fs[i] is not None else None for i in range(n_sp)]
    return TensorShape([xs[0]] + sp + [fs[-1]])


def _conv(op_type, rank, input, filter, strides, padding, dilations, data_format, name):  # noqa: A002
    """TF's generated Conv2D/Conv3D wrapper: input and filter converted in the op's scope."""
    with name_scope(name, op_type, [input, filter]) as scope:
        x = convert_to_tensor(input, name="input")
        f = convert_to_tensor(filter, name="filter", dtype=x.dtype)
        st = _ints(strides, rank, "strides")
        dl = _ints(dilations, rank, "dilations")
        if _channels_first(data_format) and x.shape.rank is not None:
            # NCHW (issue 16): the NHWC rule on the moved axes, moved back.
            shape = _from_nhwc(_conv_shape(_to_nhwc(x.shape), f.shape, _to_nhwc(st), padding,
                                           _to_nhwc(dl)))
        else:
            shape = _conv_shape(x.shape, f.shape, st, padding, dl)
        return get_default_graph()._create_op(
            op_type, (x, f), scope, dtype=x.dtype, shape=shape,
            attrs={"strides": st, "padding": padding, "data_format": data_format,
                   "dilations": dl}).outputs[0]


def conv2d(input, filter=None, strides=None, padding=None, use_cudnn_on_gpu=True,  # noqa: A002
           data_format="NHWC", dilations=(1, 1, 1, 1), name=None, filters=None):
    return _conv("Conv2D", 4, input, filters if filter is None else filter, strides, padding,
                 dilations, data_format, name)


def conv1d(value=None, filters=None, stride=None, padding=None, use_cudnn_on_gpu=None,
           data_format=None, name=None, input=None, dilations=None):  # noqa: A002
    value = input if value is None else value
    with name_scope(name, "conv1d", [value, filters]) as scope:
        x = array_ops.expand_dims(value, 1)
        f = array_ops.expand_dims(filters, 0)
        s = _ints(stride, 1, "stride")[0]
        d = 1 if dilations is None else _ints(dilations, 1, "dilations")[0]
        out = conv2d(x, f, [1, 1, s, 1], padding, dilations=[1, 1, d, 1], name=scope)
        return array_ops.squeeze(out, [1])


def conv3d(input, filter=None, strides=None, padding=None, data_format="NDHWC",  # noqa: A002
           dilations=(1, 1, 1, 1, 1), name=None, filters=None):
    return _conv("Conv3D", 5, input, filters if filter is None else filter, strides, padding,
                 dilations, data_format, name)


def depthwise_conv2d_native(input, filter, strides, padding, data_format="NHWC",  # noqa: A002
                            dilations=(1, 1, 1, 1), name=None):
    x = convert_to_tensor(input, name="input")
    with name_scope(name, "DepthwiseConv2dNative", [x, filter]) as scope:
        f = convert_to_tensor(filter, name="filter", dtype=x.dtype)
        st = _ints(strides, 4, "strides")
        shape = TensorShape(None)
        if f.shape.is_fully_defined():
            fs = f.shape.as_list()
            shape = _conv_shape(x.shape, TensorShape(fs[:2] + [fs[2], fs[2] * fs[3]]), st,
                                padding, _ints(dilations, 4, "dilations"))
        return get_default_graph()._create_op(
            "DepthwiseConv2dNative", (x, f), scope, dtype=x.dtype, shape=shape,
            attrs={"strides": st, "padding": padding, "data_format": data_format,
                   "dilations": _ints(dilations, 4, "dilations")}).outputs[0]


def conv2d_transpose(value=None, filter=None, output_shape=None, strides=None,  # noqa: A002
                     padding="SAME", data_format="NHWC", name=None, input=None,
                     filters=None, dilations=None):
    value = input if value is None else value
    filter = filters if filter is None else filter
    with name_scope(name, "conv2d_transpose", [value, filter, output_shape]) as scope:
        sizes = output_shape if isinstance(output_shape, Tensor) else convert_to_tensor(
            output_shape, name="input_sizes", dtype=_dtypes.int32)
        x = convert_to_tensor(value)
        f = convert_to_tensor(filter, dtype=x.dtype)
        shape = array_ops.static_shape_of(sizes)
        return get_default_graph()._create_op("Conv2DBackpropInput", (sizes, f, x), scope,
                                              dtype=x.dtype, shape=shape).outputs[0]


def _pool(op_type, default, value, ksize, strides, padding, n, name, data_format=None):
    with name_scope(name, default, [value]) as scope:
        x = convert_to_tensor(value, name="input")
        k = _ints(ksize, n, "ksize")
        st = _ints(strides, n, "strides")
        first = _channels_first(data_format)
        shape = TensorShape(None)
        if x.shape.rank is not None:
            xs = _to_nhwc(x.shape).as_list() if first else x.shape.as_list()
            kk, ss = (_to_nhwc(k), _to_nhwc(st)) if first else (k, st)
            shape = TensorShape([xs[0]] + [_spatial(xs[1 + i], kk[1 + i], ss[1 + i], padding)
                                           for i in range(n - 2)] + [xs[-1]])
            shape = _from_nhwc(shape) if first else shape
        return get_default_graph()._create_op(op_type, (x,), scope, dtype=x.dtype, shape=shape,
                                              attrs={"ksize": k, "strides": st,
                                                     "padding": padding,
                                                     **({"data_format": data_format}
                                                        if data_format else {})}
                                              ).outputs[0]


def _channels_first(data_format):
    return bool(data_format) and data_format.startswith("NC")


def _to_nhwc(v):
    """Channels-first order (a shape or a per-axis list) to channels-last."""
    if isinstance(v, TensorShape):
        d = v.as_list()
        return TensorShape([d[0]] + d[2:] + [d[1]])
    v = list(v)
    return v if len(v) < 3 else [v[0]] + v[2:] + [v[1]]


def _from_nhwc(shape):
    if shape.rank is None:
        return shape
    d = shape.as_list()
    return TensorShape([d[0], d[-1]] + d[1:-1])


def max_pool(value, ksize, strides, padding, data_format="NHWC", name=None, input=None):  # noqa
    return _pool("MaxPool", "MaxPool", value if input is None else input, ksize, strides,
                 padding, 4, name, data_format)


def avg_pool(value, ksize, strides, padding, data_format="NHWC", name=None, input=None):  # noqa
    return _pool("AvgPool", "AvgPool", value if input is None else input, ksize, strides,
                 padding, 4, name, data_format)


def max_pool3d(input, ksize, strides, padding, data_format="NDHWC", name=None):  # noqa: A002
    return _pool("MaxPool3D", "MaxPool3D", input, ksize, strides, padding, 5, name)


def avg_pool3d(input, ksize, strides, padding, data_format="NDHWC", name=None):  # noqa: A002
    return _pool("AvgPool3D", "AvgPool3D", input, ksize, strides, padding, 5, name)


def moments(x, axes, shift=None, name=None, keep_dims=None, keepdims=None):
    keep = bool(keep_dims if keepdims is None and keep_dims is not None else keepdims)
    with name_scope(name, "moments", [x, axes]):
        y = convert_to_tensor(x)
        mean = math_ops.reduce_mean(y, axes, keepdims=True, name="mean")
        sq = math_ops.squared_difference(y, array_ops.stop_gradient(mean))
        variance = math_ops.reduce_mean(sq, axes, keepdims=True, name="variance")
        if not keep:
            mean = array_ops.squeeze(mean, axes)
            variance = array_ops.squeeze(variance, axes)
        return mean, variance


# ----------------------------------------------------------------- losses

def sparse_softmax_cross_entropy_with_logits(_sentinel=None, labels=None, logits=None,
                                             name=None):
    with name_scope(name, "SparseSoftmaxCrossEntropyWithLogits", [labels, logits]):
        labels = convert_to_tensor(labels)
        logits = convert_to_tensor(logits)
        labels_shape = array_ops.shape(labels)
        if logits.shape.rank == 0:
            raise ValueError(f"Logits cannot be scalars - received shape {logits.shape}.")
        if logits.shape.rank is not None and labels.shape.rank is not None and \
                labels.shape.rank != logits.shape.rank - 1:
            raise ValueError(f"Rank mismatch: Rank of labels (received {labels.shape.rank}) "
                             f"should equal rank of logits minus 1 (received "
                             f"{logits.shape.rank}).")
        fully_defined = (labels.shape.is_fully_defined()
                         and logits.shape[:-1].is_fully_defined())
        if fully_defined and labels.shape != logits.shape[:-1]:
            raise ValueError(f"Shape mismatch: The shape of labels (received {labels.shape}) "
                             f"should equal the shape of logits except for the last "
                             f"dimension (received {logits.shape}).")
        if logits.shape.rank == 2:
            d = logits.shape.as_list()[0]
            return apply_op("SparseSoftmaxCrossEntropyWithLogits", name,
                            [(logits, "features", None), (labels, "labels", None)],
                            outputs=[(logits.dtype, TensorShape([d])),
                                     (logits.dtype, logits.shape)])[0]
        # Shapes not known statically are checked at run time (TF's assert_equal).
        checks = [] if fully_defined else [check_ops.assert_equal(
            array_ops.shape(labels), array_ops.shape(logits)[:-1])]
        with control_dependencies(checks):
            num_classes = array_ops.shape(logits)[array_ops.rank(logits) - 1]
            flat_logits = array_ops.reshape(logits, [-1, num_classes])
            flat_labels = array_ops.reshape(labels, [-1])
            cost = apply_op("SparseSoftmaxCrossEntropyWithLogits", name,
                            [(flat_logits, "features", None), (flat_labels, "labels", None)],
                            outputs=[(logits.dtype, TensorShape([None])),
                                     (logits.dtype, TensorShape([None, None]))])[0]
        out = array_ops.reshape(cost, labels_shape)
        out.set_shape(labels.shape)
        return out


# ----------------------------------------------------------------- dropout

def _noise_shape(x, noise_shape):
    if noise_shape is None:
        return array_ops.shape(x)
    try:
        ns = as_shape_strict(noise_shape)  # TF's as_shape: -1 is no dimension
    except (TypeError, ValueError):
        return noise_shape
    # (TF takes len() of an unknown shape's dims, None: a TypeError)
    if x.shape.rank is not None and len(x.shape.as_list()) == len(ns._dims):
        return TensorShape([n if n is not None or d is None else d
                            for d, n in zip(x.shape.as_list(), ns.as_list())])
    return noise_shape


def dropout_v2(x, rate, noise_shape=None, seed=None, name=None):
    """`tf.nn.dropout` with a drop `rate`, as the graph's TF version builds it."""
    g = get_default_graph()
    if g._target.dropout_selects:
        return _dropout_tf2(x, rate, noise_shape, seed, name)
    with name_scope(name, "dropout", [x]) as scope:
        x = convert_to_tensor(x, name="x")
        if not x.dtype.is_floating:
            raise ValueError("x has to be a floating point tensor since it's going to be "
                             f"scaled. Got a {x.dtype.name} tensor instead.")
        if isinstance(rate, numbers.Real):  # (a bool too, as in TF 1.15)
            if not (0 <= rate < 1):
                raise ValueError("rate must be a scalar tensor or a float in the range [0, 1),"
                                 f" got {rate:g}")
            if rate == 0:
                return x
        rate = convert_to_tensor(rate, dtype=x.dtype, name="rate")
        rate.shape.assert_has_rank(0)
        rv = array_ops.constant_value(rate)
        if rv is not None and rv == 0:
            return x
        ns = _noise_shape(x, noise_shape)
        random_tensor = random_uniform(ns, seed=seed, dtype=x.dtype)
        keep_prob = 1 - rate
        scale = 1 / keep_prob
        keep_mask = random_tensor >= rate
        ret = x * scale * math_ops.cast(keep_mask, x.dtype)
        ret.set_shape(x.shape)
        del scope
        return ret


def _dropout_tf2(x, rate, noise_shape, seed, name):
    """TF 2.x's dropout: scale computed in Python, `where_v2(mask, x * scale, 0)`."""
    from ..framework.random_seed import get_seed

    return _dropout_where(x, rate, noise_shape,
                          lambda ns, dtype: random_uniform(ns, seed=seed, dtype=dtype),
                          lambda: get_seed(seed), name, "dropout")


def _dropout_where(x, rate, noise_shape, uniform_sampler, dummy_rng_step, name,
                   default_name):
    """TF 2.x's shared `_dropout` (tf.nn.dropout and the stateless one): the mask from
    `uniform_sampler(shape, dtype)`; `dummy_rng_step()` where rate 0 skips the draw."""
    with name_scope(name, default_name, [x]):
        is_number = isinstance(rate, numbers.Real) and not isinstance(rate, bool)
        if is_number and (rate < 0 or rate >= 1):
            raise ValueError("`rate` must be a scalar tensor or a float in the range [0, 1). "
                             f"Received: rate={rate}")
        x = convert_to_tensor(x, name="x")
        if not x.dtype.is_floating:
            raise ValueError("`x.dtype` must be a floating point tensor as `x` will be "
                             f"scaled. Received: x_dtype={x.dtype}")
        if is_number and rate == 0:
            dummy_rng_step()
            return x
        if not isinstance(rate, Tensor) and not hasattr(rate, "_as_graph_tensor"):
            if not is_number:
                raise ValueError(f"`rate` must be a scalar or scalar tensor. Received: "
                                 f"rate={rate}")
            scale = constant(1 / (1 - rate), dtype=x.dtype)
            ret = apply_op("Mul", None, [(x, "x", None), (scale, "y", None)])
        else:
            rate = convert_to_tensor(rate)
            rate.shape.assert_has_rank(0)
            if rate.dtype != x.dtype:
                rate = math_ops.cast(rate, x.dtype, name="rate")
            one = constant(1, dtype=x.dtype)
            sub = apply_op("Sub", None, [(one, "x", None), (rate, "y", None)])
            ret = apply_op("RealDiv", None, [(x, "x", None), (sub, "y", None)])
        random_tensor = uniform_sampler(_noise_shape(x, noise_shape), x.dtype)
        keep_mask = random_tensor >= rate
        zero = constant(0, dtype=x.dtype)
        ret = apply_op("SelectV2", None, [(keep_mask, "condition", None), (ret, "t", None),
                                          (zero, "e", None)], dtype=x.dtype, shape=x.shape)
        return ret


def dropout(x, keep_prob=None, noise_shape=None, seed=None, name=None, rate=None):
    """`tf.nn.dropout` (v1 signature): `keep_prob` or `rate`."""
    try:
        keep = 1.0 - keep_prob if keep_prob is not None else None
    except TypeError as e:
        raise ValueError(f"keep_prob must be a floating point number or Tensor (got "
                         f"{keep_prob!r})") from e
    if rate is not None and keep is not None:
        raise ValueError("Cannot specify both 'rate' and 'keep_prob'.")
    rate = rate if rate is not None else keep
    if rate is None:
        raise ValueError("You must provide a rate to dropout.")
    return dropout_v2(x, rate, noise_shape=noise_shape, seed=seed, name=name)


def embedding_lookup(params, ids, partition_strategy="mod", name=None, validate_indices=True,
                     max_norm=None):
    """`tf.nn.embedding_lookup` of one tensor or variable: GatherV2, then Identity."""
    if not isinstance(params, (list, tuple)):
        params = [params]
    if len(params) != 1:
        raise NotImplementedError("philoxflow's embedding_lookup takes one params tensor")
    if max_norm is not None:
        raise NotImplementedError("philoxflow's embedding_lookup has no max_norm")
    with name_scope(name, "embedding_lookup", list(params) + [ids]) as scope:
        # A resource variable is gathered from unread (ResourceGather), as TF keeps it.
        p = params[0] if getattr(params[0], "_is_resource", False) else convert_to_tensor(
            params[0], name="params_0")
        ids = convert_to_tensor(ids, name="ids")
        result = array_ops.gather(p, ids, name=scope)
        return array_ops.identity(result)


def _flatten_outer_dims(logits):
    rank = array_ops.rank(logits)
    last = array_ops.slice(array_ops.shape(logits), [math_ops.subtract(rank, 1)], [1])
    out = array_ops.reshape(logits, array_ops.concat([[-1], last], 0))
    shape = logits.shape
    if shape.rank is not None and all(d is not None for d in shape.as_list()[:-1]):
        n = 1
        for d in shape.as_list()[:-1]:
            n *= d
        out.set_shape([n, shape.as_list()[-1]])
    return out


def softmax_cross_entropy_with_logits_v2(_sentinel=None, labels=None, logits=None, axis=None,
                                         name=None, dim=None):
    """TF 1.15's `softmax_cross_entropy_with_logits_v2` (last-axis classes)."""
    axis = dim if axis is None else axis
    axis = -1 if axis is None else axis
    with name_scope(name, "softmax_cross_entropy_with_logits", [logits, labels]) as scope:
        logits = convert_to_tensor(logits, name="logits")
        labels = convert_to_tensor(labels, name="labels")
        to_f32 = logits.dtype in (_dtypes.float16, _dtypes.bfloat16)
        precise = math_ops.cast(logits, _dtypes.float32) if to_f32 else logits
        labels = math_ops.cast(labels, precise.dtype)
        input_rank = array_ops.rank(precise)
        shape = logits.shape
        if axis != -1:
            raise NotImplementedError("philoxflow's softmax cross entropy: axis=-1 only")
        input_shape = array_ops.shape(precise)
        precise = _flatten_outer_dims(precise)
        labels = _flatten_outer_dims(labels)
        n = precise.shape.as_list()[0] if precise.shape.rank else None
        cost = apply_op("SoftmaxCrossEntropyWithLogits", scope,
                        [(precise, "features", None), (labels, "labels", None)],
                        outputs=[(precise.dtype, TensorShape([n])),
                                 (precise.dtype, precise.shape)])[0]
        output_shape = array_ops.slice(input_shape, [0], [math_ops.subtract(input_rank, 1)])
        cost = array_ops.reshape(cost, output_shape)
        if shape.rank is not None:
            dims = shape.as_list()
            del dims[axis]
            cost.set_shape(dims)
        return math_ops.cast(cost, logits.dtype) if to_f32 else cost


def softmax_cross_entropy_with_logits(_sentinel=None, labels=None, logits=None, dim=-1,
                                      name=None, axis=None):
    """TF 1.x's deprecated form: the v2 op with gradients stopped at the labels."""
    with name_scope(name, "softmax_cross_entropy_with_logits_sg", [logits, labels]) as scope:
        labels = array_ops.stop_gradient(labels, name="labels_stop_gradient")
    return softmax_cross_entropy_with_logits_v2(labels=labels, logits=logits,
                                                axis=dim if axis is None else axis, name=scope)
