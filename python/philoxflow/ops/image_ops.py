"""`tf.image` (`image_ops_impl.py`): flips, colour adjustments and their random forms,
built op for op as TF 1.15 builds them in graph mode.

The colour kernels (AdjustContrastv2, AdjustSaturation, AdjustHue) and ReverseV2 are
Python kernels (`image_kernels.py`, `framework/py_kernels.py`) written from TF's CPU
kernels, step by step in float32, so their values are TF's bit for bit.
"""

from __future__ import annotations

import numpy as np

from ..framework import dtypes as _dtypes
from ..framework.constant_op import convert_to_tensor
from ..framework.ops import name_scope
from . import image_kernels  # noqa: F401 - registers the kernels
from .array_ops import identity, reshape
from .array_ops import shape as _shape
from .control_flow_ops import cond, with_dependencies
from .gen import apply_op
from .math_ops import add, cast, multiply
from .random_ops import random_crop, random_uniform
from .stateless_random_ops import stateless_random_uniform

__all__ = [
    "adjust_brightness", "adjust_contrast", "adjust_hue", "adjust_saturation",
    "convert_image_dtype", "flip_left_right", "flip_up_down", "hsv_to_rgb",
    "random_brightness", "rgb_to_hsv",
    "random_contrast", "random_crop", "random_flip_left_right", "random_flip_up_down",
    "random_hue", "random_saturation", "stateless_random_brightness",
    "stateless_random_contrast", "stateless_random_flip_left_right",
    "stateless_random_flip_up_down", "stateless_random_hue", "stateless_random_saturation",
]


def _check_at_least_3d(image):
    shape = image.shape
    try:
        shape = shape.with_rank(3) if shape.rank is None else shape.with_rank_at_least(3)
    except ValueError:
        raise ValueError("'image' must be at least three-dimensional.") from None
    if shape.rank is not None and any(d == 0 for d in shape.as_list() if d is not None):
        raise ValueError("all dims of 'image.shape' must be > 0: %s" % shape)
    from .array_ops import rank
    from .check_ops import assert_greater_equal, assert_positive

    if _tf2_graph(image.graph):
        # TF 2.x checks the inner three dimensions only.
        if shape.rank is not None and shape[-3:].is_fully_defined():
            return []
        return [
            assert_positive(_shape(image)[-3:], ["inner 3 dims of 'image.shape' must be > 0."]),
            assert_greater_equal(rank(image), 3,
                                 message="'image' must be at least three-dimensional."),
        ]
    if not shape.is_fully_defined():
        return [
            assert_positive(_shape(image), ["all dims of 'image.shape' must be > 0."]),
            assert_greater_equal(rank(image), 3,
                                 message="'image' must be at least three-dimensional."),
        ]
    return []


def _assert_at_least_3d(image):
    return with_dependencies(_check_at_least_3d(image), image)


def reverse(tensor, axis, name=None):
    """`array_ops.reverse` (ReverseV2)."""
    return apply_op("ReverseV2", name, [(tensor, "tensor", None),
                                        (axis, "axis", _dtypes.int32)],
                    dtype=tensor.dtype, shape=tensor.shape)


def _fix_flip_shape(image, result):
    result.set_shape([None, None, None] if image.shape.rank is None else image.shape)
    return result


def _flip(image, flip_index, scope_name):
    with name_scope(None, scope_name, [image]):
        image = convert_to_tensor(image, name="image")
        image = _assert_at_least_3d(image)
        ndims = image.shape.rank
        if ndims == 3 or ndims is None:
            return _fix_flip_shape(image, reverse(image, [flip_index]))
        if ndims == 4:
            return reverse(image, [flip_index + 1])
        raise ValueError("'image' must have either 3 or 4 dimensions.")


def flip_left_right(image):
    return _flip(image, 1, "flip_left_right")


def flip_up_down(image):
    return _flip(image, 0, "flip_up_down")


def _is_eager(t) -> bool:
    """Whether `t` is a TF 2 eager tensor (`philoxflow.compat.v2`): then `cond` runs
    the branch the predicate picks, as TF's eager cond does."""
    return type(t).__name__ == "EagerTensor"


def _random_flip(image, flip_index, random_func, scope_name):
    with name_scope(None, scope_name, [image]) as scope:
        image = convert_to_tensor(image, name="image")
        image = _assert_at_least_3d(image)
        ndims = image.shape.rank
        if ndims == 3 or ndims is None:
            uniform = random_func([], 0, 1.0)
            mirror = uniform < 0.5
            if _is_eager(mirror):
                return reverse(image, [flip_index]) if bool(mirror._value) else image
            if _tf2_graph(mirror.graph):
                result = _stateless_if(mirror, image, lambda im: reverse(im, [flip_index]),
                                       lambda im: im, scope)
            else:
                result = cond(mirror, lambda: reverse(image, [flip_index]), lambda: image,
                              name=scope)
            return _fix_flip_shape(image, result)
        if ndims == 4:
            batch = _shape(image)[0]
            uniform = random_func([batch], 0, 1.0)
            flips = apply_op("Round", None, [(reshape(uniform, [batch, 1, 1, 1]), "x", None)],
                             dtype=_dtypes.float32, shape=[image.shape[0], 1, 1, 1])
            flips = cast(flips, image.dtype)
            flipped = reverse(image, [flip_index + 1])
            return flips * flipped + (1 - flips) * image
        raise ValueError("'image' must have either 3 or 4 dimensions.")


def _tf2_graph(g) -> bool:
    """A TF 2.21 graph (compat.v1, traced functions): `cond` is cond_v2 there."""
    return getattr(g._target, "name", "").startswith("tensorflow 2")


def _stateless_if(pred, x, then_fn, else_fn, scope):
    """cond_v2 as TF 2.x builds it in a graph: a StatelessIf over branch functions of
    `x`, then an Identity of its output."""
    from ..data import nest
    from ..data.function import StructuredFunction

    spec = nest.Spec(x.dtype, x.shape)
    branches = [StructuredFunction(f, "branch", spec) for f in (then_fn, else_fn)]
    g = pred.graph
    op = g._create_op("StatelessIf", [pred, x], scope, outputs=[(x.dtype, x.shape)],
                      attrs={"then_branch": branches[0], "else_branch": branches[1],
                             "Tcond": _dtypes.bool, "Tin": [x.dtype], "Tout": [x.dtype]})
    with g.name_scope(scope):
        return identity(op.outputs[0], name="Identity")


def _stateful(seed):
    return lambda shape, lo, hi: random_uniform(shape, lo, hi, seed=seed)


def _stateless(seed):
    return lambda shape, lo, hi: stateless_random_uniform(shape, seed, lo, hi)


def random_flip_left_right(image, seed=None):
    return _random_flip(image, 1, _stateful(seed), "random_flip_left_right")


def random_flip_up_down(image, seed=None):
    return _random_flip(image, 0, _stateful(seed), "random_flip_up_down")


def stateless_random_flip_left_right(image, seed):
    return _random_flip(image, 1, _stateless(seed), "stateless_random_flip_left_right")


def stateless_random_flip_up_down(image, seed):
    return _random_flip(image, 0, _stateless(seed), "stateless_random_flip_up_down")


# ----------------------------------------------------------------- dtype conversion

def _saturate_cast(value, dtype, name):
    with name_scope(name, "saturate_cast", [value]) as name:
        value = convert_to_tensor(value, name="value")
        dtype = _dtypes.as_dtype(dtype)
        if _tf2_graph(value.graph) or _is_eager(value):
            # TF 2.21: one ClipByValue ("clamp") to the limits representable in the
            # input dtype, always.
            np_in = value.dtype.as_numpy_dtype
            lo = np_in(max(value.dtype.min, dtype.min))
            hi = np_in(min(float(value.dtype.max), float(dtype.max)))
            if float(hi) > dtype.max:
                hi = np.nextafter(hi, np_in(0), dtype=np_in)
            lo_t = convert_to_tensor(lo, dtype=value.dtype)
            hi_t = convert_to_tensor(hi, dtype=value.dtype)
            value = apply_op("ClipByValue", "clamp", [
                (value, "t", None), (lo_t, "clip_value_min", None),
                (hi_t, "clip_value_max", None)], dtype=value.dtype, shape=value.shape)
            return cast(value, dtype, name=name)
        if value.dtype.min < dtype.min:
            value = apply_op("Maximum", None, [
                (value, "x", None),
                (convert_to_tensor(dtype.min, dtype=value.dtype, name="min"), "y", None)])
        if value.dtype.max > dtype.max:
            value = apply_op("Minimum", None, [
                (value, "x", None),
                (convert_to_tensor(dtype.max, dtype=value.dtype, name="max"), "y", None)])
        return cast(value, dtype, name=name)


def convert_image_dtype(image, dtype, saturate=False, name=None):
    """`tf.image.convert_image_dtype`: integer images scale to [0, 1] floats and back."""
    image = convert_to_tensor(image, name="image")
    dtype = _dtypes.as_dtype(dtype)
    if not dtype.is_floating and not dtype.is_integer:
        raise AttributeError("dtype must be either floating point or integer")
    if dtype == image.dtype:
        return identity(image, name=name)
    with name_scope(name, "convert_image", [image]) as name:
        if image.dtype.is_integer and dtype.is_integer:
            scale_in, scale_out = image.dtype.max, dtype.max
            if scale_in > scale_out:
                scale = (scale_in + 1) // (scale_out + 1)
                scaled = apply_op("FloorDiv", None, [(image, "x", None),
                                                     (scale, "y", image.dtype)])
                return (_saturate_cast(scaled, dtype, name) if saturate
                        else cast(scaled, dtype, name=name))
            c = _saturate_cast(image, dtype, None) if saturate else cast(image, dtype)
            return multiply(c, (scale_out + 1) // (scale_in + 1), name=name)
        if image.dtype.is_floating and dtype.is_floating:
            return cast(image, dtype, name=name)
        if image.dtype.is_integer:
            return multiply(cast(image, dtype), 1.0 / image.dtype.max, name=name)
        scaled = multiply(image, dtype.max + 0.5)
        return (_saturate_cast(scaled, dtype, name) if saturate
                else cast(scaled, dtype, name=name))


def _to_float(image):
    if image.dtype in (_dtypes.float16, _dtypes.float32):
        return image
    return convert_image_dtype(image, _dtypes.float32)


# ----------------------------------------------------------------- colour adjustments

def adjust_brightness(image, delta):
    with name_scope(None, "adjust_brightness", [image, delta]) as name:
        image = convert_to_tensor(image, name="image")
        orig = image.dtype
        flt = _to_float(image)
        adjusted = add(flt, cast(delta, flt.dtype), name=name)
        return convert_image_dtype(adjusted, orig, saturate=True)


def adjust_contrast(images, contrast_factor):
    with name_scope(None, "adjust_contrast", [images, contrast_factor]) as name:
        images = convert_to_tensor(images, name="images")
        orig = images.dtype
        flt = _to_float(images)
        adjusted = apply_op("AdjustContrastv2", name, [
            (flt, "images", None), (contrast_factor, "contrast_factor", _dtypes.float32)],
            dtype=flt.dtype, shape=flt.shape)
        return convert_image_dtype(adjusted, orig, saturate=True)


def _hsv_adjust(op_type, arg, image, value, name, scope_name):
    with name_scope(name, scope_name, [image]):
        image = convert_to_tensor(image, name="image")
        orig = image.dtype
        flt = _to_float(image)
        out = apply_op(op_type, None, [(flt, "images", None), (value, arg, _dtypes.float32)],
                       dtype=flt.dtype, shape=flt.shape)
        return convert_image_dtype(out, orig)


def rgb_to_hsv(images, name=None):
    """`tf.image.rgb_to_hsv` (RGBToHSV; float images in [0, 1])."""
    images = convert_to_tensor(images, name="images")
    return apply_op("RGBToHSV", name, [(images, "images", None)], dtype=images.dtype,
                    shape=images.shape)


def hsv_to_rgb(images, name=None):
    """`tf.image.hsv_to_rgb` (HSVToRGB)."""
    images = convert_to_tensor(images, name="images")
    return apply_op("HSVToRGB", name, [(images, "images", None)], dtype=images.dtype,
                    shape=images.shape)


def adjust_hue(image, delta, name=None):
    return _hsv_adjust("AdjustHue", "delta", image, delta, name, "adjust_hue")


def adjust_saturation(image, saturation_factor, name=None):
    return _hsv_adjust("AdjustSaturation", "scale", image, saturation_factor, name,
                       "adjust_saturation")


def random_brightness(image, max_delta, seed=None):
    if max_delta < 0:
        raise ValueError("max_delta must be non-negative.")
    delta = random_uniform([], -max_delta, max_delta, seed=seed)
    return adjust_brightness(image, delta)


def random_contrast(image, lower, upper, seed=None):
    if upper <= lower:
        raise ValueError("upper must be > lower.")
    if lower < 0:
        raise ValueError("lower must be non-negative.")
    factor = random_uniform([], lower, upper, seed=seed)
    return adjust_contrast(image, factor)


def random_hue(image, max_delta, seed=None):
    if max_delta > 0.5:
        raise ValueError("max_delta must be <= 0.5.")
    if max_delta < 0:
        raise ValueError("max_delta must be non-negative.")
    delta = random_uniform([], -max_delta, max_delta, seed=seed)
    return adjust_hue(image, delta)


def random_saturation(image, lower, upper, seed=None):
    if upper <= lower:
        raise ValueError("upper must be > lower.")
    if lower < 0:
        raise ValueError("lower must be non-negative.")
    factor = random_uniform([], lower, upper, seed=seed)
    return adjust_saturation(image, factor)




# ----------------------------------------------------------------- stateless (TF 2.x)

def stateless_random_brightness(image, max_delta, seed):
    if max_delta < 0:
        raise ValueError("max_delta must be non-negative.")
    return adjust_brightness(image, stateless_random_uniform([], seed, -max_delta, max_delta))


def stateless_random_contrast(image, lower, upper, seed):
    if upper <= lower:
        raise ValueError("upper must be > lower.")
    if lower < 0:
        raise ValueError("lower must be non-negative.")
    return adjust_contrast(image, stateless_random_uniform([], seed, lower, upper))


def stateless_random_saturation(image, lower, upper, seed=None):
    if upper <= lower:
        raise ValueError("upper must be > lower.")
    if lower < 0:
        raise ValueError("lower must be non-negative.")
    return adjust_saturation(image, stateless_random_uniform([], seed, lower, upper))


def stateless_random_hue(image, max_delta, seed):
    if max_delta > 0.5:
        raise ValueError("max_delta must be <= 0.5.")
    if max_delta < 0:
        raise ValueError("max_delta must be non-negative.")
    return adjust_hue(image, stateless_random_uniform([], seed, -max_delta, max_delta))


# ----------------------------------------------------------------- crops and pads

def _static_dims(image):
    dims = image.shape.as_list()
    if any(d is None for d in dims):
        raise NotImplementedError(
            "philoxflow builds crops and pads of images with static shapes only")
    return dims


def _check(cond, msg):
    """TF's `_assert` on Python values: no op, a ValueError when false."""
    if not cond:
        raise ValueError(msg)


def _to_batch(image):
    if image.shape.rank == 3:
        from .array_ops import expand_dims

        return expand_dims(image, 0), False
    if image.shape.rank != 4:
        raise ValueError("'image' must have either 3 or 4 dimensions.")
    return image, True


def crop_to_bounding_box(image, offset_height, offset_width, target_height, target_width):
    """`tf.image.crop_to_bounding_box` (static shapes): a Slice of the box."""
    from .array_ops import slice as _slice
    from .array_ops import squeeze, stack

    with name_scope(None, "crop_to_bounding_box", [image]):
        image = convert_to_tensor(image, name="image")
        image, is_batch = _to_batch(image)
        asserts = _check_at_least_3d(image)
        batch, height, width, depth = _static_dims(image)
        _check(offset_width >= 0, "offset_width must be >= 0.")
        _check(offset_height >= 0, "offset_height must be >= 0.")
        _check(target_width > 0, "target_width must be > 0.")
        _check(target_height > 0, "target_height must be > 0.")
        _check(width >= target_width + offset_width, "width must be >= target + offset.")
        _check(height >= target_height + offset_height, "height must be >= target + offset.")
        image = with_dependencies(asserts, image)
        begin = stack([0, offset_height, offset_width, 0])
        if _tf2_graph(image.graph) or _is_eager(image):
            # TF 2.21 slices the batch and depth by the image's shape.
            size = stack([_shape(image)[0], target_height, target_width, _shape(image)[3]])
        else:
            size = stack([-1, target_height, target_width, -1])
        cropped = _slice(image, begin, size)
        cropped.set_shape([batch, target_height, target_width, depth])
        return cropped if is_batch else squeeze(cropped, axis=[0])


def _assert(cond, msg):
    """TF's `_assert`: an Assert op for a tensor condition, else a ValueError if false."""
    from ..framework.ops import Tensor
    from .control_flow_ops import Assert

    if isinstance(cond, Tensor):
        return [Assert(cond, [msg])]
    _check(cond, msg)
    return []


def pad_to_bounding_box(image, offset_height, offset_width, target_height, target_width):
    """`tf.image.pad_to_bounding_box`: zeros around the image (static or run-time
    shapes and offsets, with TF's asserts)."""
    from ..framework.ops import Tensor
    from .array_ops import expand_dims, pad, squeeze, stack
    from .image_ops_ext import _image_dimensions

    with name_scope(None, "pad_to_bounding_box", [image]):
        image = convert_to_tensor(image, name="image")
        is_batch = True
        rank = image.shape.rank
        if rank == 3:
            is_batch = False
            image = expand_dims(image, 0)
        elif rank is None:
            is_batch = False
            image = expand_dims(image, 0)
            image.set_shape([None] * 4)
        elif rank != 4:
            raise ValueError("'image' must have either 3 or 4 dimensions.")
        asserts = _check_at_least_3d(image)
        batch, height, width, depth = _image_dimensions(image, 4)
        after_w = target_width - offset_width - width
        after_h = target_height - offset_height - height
        asserts += _assert(offset_height >= 0, "offset_height must be >= 0")
        asserts += _assert(offset_width >= 0, "offset_width must be >= 0")
        asserts += _assert(after_w >= 0, "width must be <= target - offset")
        asserts += _assert(after_h >= 0, "height must be <= target - offset")
        image = with_dependencies(asserts, image)
        paddings = reshape(stack([0, 0, offset_height, after_h, offset_width, after_w,
                                  0, 0]), [4, 2])
        padded = pad(image, paddings)
        padded.set_shape([None if isinstance(d, Tensor) else d
                          for d in (batch, target_height, target_width, depth)])
        return padded if is_batch else squeeze(padded, axis=[0])


def resize_image_with_crop_or_pad(image, target_height, target_width):
    """`tf.image.resize_image_with_crop_or_pad` (static shapes): a central crop and/or
    zero pad to the target size."""
    from .array_ops import squeeze

    with name_scope(None, "resize_image_with_crop_or_pad", [image]):
        image = convert_to_tensor(image, name="image")
        image, is_batch = _to_batch(image)
        asserts = _check_at_least_3d(image)
        _check(target_width > 0, "target_width must be > 0.")
        _check(target_height > 0, "target_height must be > 0.")
        image = with_dependencies(asserts, image)
        _, height, width, _ = _static_dims(image)
        width_diff, height_diff = target_width - width, target_height - height
        cropped = crop_to_bounding_box(image, max(-height_diff // 2, 0),
                                       max(-width_diff // 2, 0), min(target_height, height),
                                       min(target_width, width))
        resized = pad_to_bounding_box(cropped, max(height_diff // 2, 0),
                                      max(width_diff // 2, 0), target_height, target_width)
        resized = with_dependencies([], resized)
        return resized if is_batch else squeeze(resized, axis=[0])


resize_with_crop_or_pad = resize_image_with_crop_or_pad
