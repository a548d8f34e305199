"""`tf.image`'s metrics and gradients (`image_ops_impl.py`): total variation, PSNR,
SSIM and MS-SSIM, image gradients, Sobel edges — built op for op as TF 1.15 does."""

from __future__ import annotations

import numpy as np

from ..framework import dtypes as _dtypes
from ..framework.constant_op import constant, convert_to_tensor
from ..framework.ops import control_dependencies, name_scope
from . import array_ops_ext
from .array_ops import concat, expand_dims, identity, pad, reshape, stack, tile
from .array_ops import range as range_
from .array_ops import shape as _shape
from .array_ops import size as _size
from .array_ops import zeros as _zeros
from .control_flow_ops import Assert
from .image_ops import convert_image_dtype
from .math_ops import abs as _abs
from .math_ops import (
    cast,
    equal,
    greater_equal,
    log,
    not_equal,
    reduce_all,
    reduce_mean,
    reduce_sum,
    square,
    squared_difference,
    subtract,
)
from .nn_ops import softmax

__all__ = ["total_variation", "psnr", "ssim", "ssim_multiscale", "image_gradients",
           "sobel_edges"]


def total_variation(images, name=None):
    """`tf.image.total_variation`: sums of absolute neighbour differences."""
    with name_scope(name, "total_variation"):
        ndims = images.shape.rank
        if ndims == 3:
            d1 = images[1:, :, :] - images[:-1, :, :]
            d2 = images[:, 1:, :] - images[:, :-1, :]
            axis = None
        elif ndims == 4:
            d1 = images[:, 1:, :, :] - images[:, :-1, :, :]
            d2 = images[:, :, 1:, :] - images[:, :, :-1, :]
            axis = [1, 2, 3]
        else:
            raise ValueError("'images' must be either 3 or 4-dimensional.")
        return reduce_sum(_abs(d1), axis=axis) + reduce_sum(_abs(d2), axis=axis)


def _verify_compatible_image_shapes(img1, img2):
    shape1 = img1.shape.with_rank_at_least(3)
    shape2 = img2.shape.with_rank_at_least(3)
    if not shape1[-3:].is_compatible_with(shape2[-3:]):
        raise ValueError("Shapes %s and %s are incompatible" % (shape1[-3:], shape2[-3:]))
    if shape1.rank is not None and shape2.rank is not None:
        for d1, d2 in zip(reversed(shape1.dims[:-3]), reversed(shape2.dims[:-3])):
            if not (d1 == 1 or d2 == 1 or d1.is_compatible_with(d2)):
                raise ValueError("Two images are not compatible: %s and %s" % (shape1, shape2))
    s1, s2 = array_ops_ext.shape_n([img1, img2])
    checks = [Assert(greater_equal(_size(s1), 3), [s1, s2], summarize=10),
              Assert(reduce_all(equal(s1[-3:], s2[-3:])), [s1, s2], summarize=10)]
    return s1, s2, checks


def psnr(a, b, max_val, name=None):
    """`tf.image.psnr`: 20 log10(max) - 10 log10(mse), with TF's shape checks."""
    with name_scope(name, "PSNR", [a, b]):
        max_val = cast(max_val, a.dtype)
        max_val = convert_image_dtype(max_val, _dtypes.float32)
        a = convert_image_dtype(a, _dtypes.float32)
        b = convert_image_dtype(b, _dtypes.float32)
        mse = reduce_mean(squared_difference(a, b), [-3, -2, -1])
        psnr_val = subtract(20 * log(max_val) / log(10.0),
                            np.float32(10 / np.log(10)) * log(mse), name="psnr")
        _, _, checks = _verify_compatible_image_shapes(a, b)
        with control_dependencies(checks):
            return identity(psnr_val)


def image_gradients(image):
    """`tf.image.image_gradients`: forward differences, zero-padded (no name scope)."""
    if image.shape.rank != 4:
        raise ValueError("image_gradients expects a 4D tensor [batch_size, h, w, d], not %s.",
                         image.shape)
    image_shape = _shape(image)
    batch_size, height, width, depth = array_ops_ext.unstack(image_shape)
    dy = image[:, 1:, :, :] - image[:, :-1, :, :]
    dx = image[:, :, 1:, :] - image[:, :, :-1, :]
    shape = stack([batch_size, 1, width, depth])
    dy = concat([dy, _zeros(shape, image.dtype)], 1)
    dy = reshape(dy, image_shape)
    shape = stack([batch_size, height, 1, depth])
    dx = concat([dx, _zeros(shape, image.dtype)], 2)
    dx = reshape(dx, image_shape)
    return dy, dx


def sobel_edges(image):
    """`tf.image.sobel_edges`: a depthwise convolution with the two Sobel kernels."""
    from .nn_impl import depthwise_conv2d

    static_shape = image.shape
    image_shape = _shape(image)
    kernels = [[[-1, -2, -1], [0, 0, 0], [1, 2, 1]], [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]]]
    num_kernels = len(kernels)
    kernels = np.expand_dims(np.transpose(np.asarray(kernels), (1, 2, 0)), -2)
    kernels_tf = constant(kernels, dtype=image.dtype)
    kernels_tf = tile(kernels_tf, [1, 1, image_shape[-1], 1], name="sobel_filters")
    padded = pad(image, [[0, 0], [1, 1], [1, 1], [0, 0]], mode="REFLECT")
    output = depthwise_conv2d(padded, kernels_tf, [1, 1, 1, 1], "VALID")
    shape = concat([image_shape, [num_kernels]], 0)
    output = reshape(output, shape=shape)
    output.set_shape(static_shape.concatenate([num_kernels]))
    return output


def _ssim_helper(x, y, reducer, max_val, compensation=1.0, k1=0.01, k2=0.03):
    c1 = (k1 * max_val) ** 2
    c2 = (k2 * max_val) ** 2
    mean0 = reducer(x)
    mean1 = reducer(y)
    num0 = mean0 * mean1 * 2.0
    den0 = square(mean0) + square(mean1)
    luminance = (num0 + c1) / (den0 + c1)
    num1 = reducer(x * y) * 2.0
    den1 = reducer(square(x) + square(y))
    c2 *= compensation
    cs = (num1 - num0 + c2) / (den1 - den0 + c2)
    return luminance, cs


def _fspecial_gauss(size, sigma):
    size = convert_to_tensor(size, _dtypes.int32)
    sigma = convert_to_tensor(sigma)
    coords = cast(range_(size), sigma.dtype)
    coords -= cast(size - 1, sigma.dtype) / 2.0
    g = square(coords)
    g *= -0.5 / square(sigma)
    g = reshape(g, shape=[1, -1]) + reshape(g, shape=[-1, 1])
    g = reshape(g, shape=[1, -1])
    g = softmax(g)
    return reshape(g, shape=[size, size, 1, 1])


def _ssim_per_channel(img1, img2, max_val=1.0, filter_size=11, filter_sigma=1.5, k1=0.01,
                      k2=0.03):
    from .nn_impl import depthwise_conv2d

    filter_size = constant(filter_size, dtype=_dtypes.int32)
    filter_sigma = constant(filter_sigma, dtype=img1.dtype)
    shape1, shape2 = array_ops_ext.shape_n([img1, img2])
    checks = [Assert(reduce_all(greater_equal(shape1[-3:-1], filter_size)),
                     [shape1, filter_size], summarize=8),
              Assert(reduce_all(greater_equal(shape2[-3:-1], filter_size)),
                     [shape2, filter_size], summarize=8)]
    with control_dependencies(checks):
        img1 = identity(img1)
    kernel = _fspecial_gauss(filter_size, filter_sigma)
    kernel = tile(kernel, multiples=[1, 1, shape1[-1], 1])

    def reducer(x):
        shape = _shape(x)
        x = reshape(x, shape=concat([[-1], shape[-3:]], 0))
        y = depthwise_conv2d(x, kernel, strides=[1, 1, 1, 1], padding="VALID")
        return reshape(y, concat([shape[:-3], _shape(y)[1:]], 0))

    luminance, cs = _ssim_helper(img1, img2, reducer, max_val, 1.0, k1, k2)
    axes = constant([-3, -2], dtype=_dtypes.int32)
    ssim_val = reduce_mean(luminance * cs, axes)
    cs = reduce_mean(cs, axes)
    return ssim_val, cs


def ssim(img1, img2, max_val, filter_size=11, filter_sigma=1.5, k1=0.01, k2=0.03):
    """`tf.image.ssim`: Gaussian-window SSIM per channel, averaged (no name scope)."""
    _, _, checks = _verify_compatible_image_shapes(img1, img2)
    with control_dependencies(checks):
        img1 = identity(img1)
    max_val = cast(max_val, img1.dtype)
    max_val = convert_image_dtype(max_val, _dtypes.float32)
    img1 = convert_image_dtype(img1, _dtypes.float32)
    img2 = convert_image_dtype(img2, _dtypes.float32)
    per_channel, _ = _ssim_per_channel(img1, img2, max_val, filter_size, filter_sigma, k1, k2)
    return reduce_mean(per_channel, [-1])


_MSSSIM_WEIGHTS = (0.0448, 0.2856, 0.3001, 0.2363, 0.1333)


def ssim_multiscale(img1, img2, max_val, power_factors=_MSSSIM_WEIGHTS, filter_size=11,
                    filter_sigma=1.5, k1=0.01, k2=0.03):
    """`tf.image.ssim_multiscale`: SSIM over average-pooled scales (`MS-SSIM` scope)."""
    from .control_flow_ops import cond
    from .math_ops import pow as _pow
    from .math_ops import reduce_any, reduce_prod
    from .nn_ops import avg_pool, relu

    with name_scope(None, "MS-SSIM", [img1, img2]):
        img1 = convert_to_tensor(img1, name="img1")
        img2 = convert_to_tensor(img2, name="img2")
        shape1, shape2, checks = _verify_compatible_image_shapes(img1, img2)
        with control_dependencies(checks):
            img1 = identity(img1)
        max_val = cast(max_val, img1.dtype)
        max_val = convert_image_dtype(max_val, _dtypes.float32)
        img1 = convert_image_dtype(img1, _dtypes.float32)
        img2 = convert_image_dtype(img2, _dtypes.float32)
        imgs = [img1, img2]
        heads = [s[:-3] for s in (shape1, shape2)]
        tails = [s[-3:] for s in (shape1, shape2)]
        divisor = [1, 2, 2, 1]
        divisor_tensor = constant(divisor[1:], dtype=_dtypes.int32)

        def do_pad(images, remainder):
            padding = expand_dims(remainder, -1)
            padding = pad(padding, [[1, 0], [1, 0]])
            return [pad(x, padding, mode="SYMMETRIC") for x in images]

        mcs = []
        for k in range(len(power_factors)):
            with name_scope(None, "Scale%d" % k, imgs):
                if k > 0:
                    flat = [reshape(x, concat([[-1], t], 0)) for x, t in zip(imgs, tails)]
                    remainder = tails[0] % divisor_tensor
                    need_padding = reduce_any(not_equal(remainder, 0))
                    padded = cond(need_padding,
                                  lambda f=flat, r=remainder: do_pad(f, r),
                                  lambda f=flat: f)
                    down = [avg_pool(x, ksize=divisor, strides=divisor, padding="VALID")
                            for x in padded]
                    tails = [x[1:] for x in array_ops_ext.shape_n(down)]
                    imgs = [reshape(x, concat([h, t], 0)) for x, h, t in zip(down, heads, tails)]
                per_channel, cs = _ssim_per_channel(*imgs, max_val=max_val,
                                                    filter_size=filter_size,
                                                    filter_sigma=filter_sigma, k1=k1, k2=k2)
                mcs.append(relu(cs))
        mcs.pop()
        mcs_and_ssim = stack(mcs + [relu(per_channel)], axis=-1)
        ms_ssim = reduce_prod(_pow(mcs_and_ssim, power_factors), [-1])
        return reduce_mean(ms_ssim, [-1])
