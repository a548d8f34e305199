"""More of `tf.image` (`image_ops_impl.py`): resizing, rotations, colour spaces,
standardisation and the image metrics, built op for op as TF 1.15 builds them.

The resize kernels are not reproduced (a resized image is value-less at run time,
its shape known); the constructions around them (aspect ratio, 3-D images, the
static shapes TF sets) are TF's.
"""

from __future__ import annotations

from ..framework import dtypes as _dtypes
from ..framework.constant_op import convert_to_tensor
from ..framework.ops import name_scope
from ..framework.tensor_shape import TensorShape
from ..framework.tensor_util import constant_value_as_shape
from . import array_ops_ext, math_ops_ext
from .array_ops import concat, expand_dims, rank, squeeze, stack, tile
from .array_ops import shape as _shape
from .array_ops import slice as _slice
from .array_ops import transpose as _transpose
from .check_ops import assert_equal, assert_greater_equal
from .control_flow_ops import Assert, case, with_dependencies
from .gen import apply_op_helper
from .image_ops import _assert_at_least_3d, convert_image_dtype, reverse
from .math_ops import (
    cast,
    div,
    equal,
    maximum,
    minimum,
    reduce_mean,
    reduce_prod,
    rsqrt,
    tensordot,
)
from .math_ops import (
    floormod as mod,
)

__all__ = [
    "ResizeMethod", "resize_images", "resize", "resize_bilinear", "resize_bicubic",
    "resize_nearest_neighbor", "rot90", "transpose", "transpose_image", "central_crop",
    "per_image_standardization", "adjust_gamma", "rgb_to_grayscale", "grayscale_to_rgb",
    "rgb_to_yiq", "yiq_to_rgb", "rgb_to_yuv", "yuv_to_rgb", "resize_image_with_pad",
]


class ResizeMethod:
    """TF 1.15's `tf.image.ResizeMethod` (its `ResizeMethodV1`: integers)."""

    BILINEAR = 0
    NEAREST_NEIGHBOR = 1
    BICUBIC = 2
    AREA = 3


_RESIZE_OPS = {0: "ResizeBilinear", "bilinear": "ResizeBilinear",
               1: "ResizeNearestNeighbor", "nearest": "ResizeNearestNeighbor",
               2: "ResizeBicubic", "bicubic": "ResizeBicubic",
               3: "ResizeArea", "area": "ResizeArea"}


def _image_dimensions(image, rank_):
    """TF's `_ImageDimensions`: static dimensions, else scalar tensors of the shape."""
    if image.shape.is_fully_defined():
        return image.shape.as_list()
    static = image.shape.merge_with(TensorShape([None] * rank_)).as_list()
    dynamic = array_ops_ext.unstack(_shape(image), rank_)
    return [s if s is not None else d for s, d in zip(static, dynamic)]


def _resize_common(images, resizer_fn, size, preserve_aspect_ratio, name):
    with name_scope(name, "resize", [images, size]):
        images = convert_to_tensor(images, name="images")
        if images.shape.rank is None:
            raise ValueError("'images' contains no shape.")
        is_batch = True
        if images.shape.rank == 3:
            is_batch = False
            images = expand_dims(images, 0)
        elif images.shape.rank != 4:
            raise ValueError("'images' must have either 3 or 4 dimensions.")
        _, height, width, _ = images.shape.as_list()
        try:
            size = convert_to_tensor(size, _dtypes.int32, name="size")
        except (TypeError, ValueError):
            raise ValueError("'size' must be a 1-D int32 Tensor") from None
        if not size.shape.is_compatible_with([2]):
            raise ValueError("'size' must be a 1-D Tensor of 2 elements: new_height, new_width")
        new_h, new_w = constant_value_as_shape(size).as_list()
        if preserve_aspect_ratio:
            _, cur_h, cur_w, _ = _image_dimensions(images, 4)
            f32 = _dtypes.float32
            scale_h = cast(new_h, f32) / cast(cur_h, f32)
            scale_w = cast(new_w, f32) / cast(cur_w, f32)
            scale = minimum(scale_h, scale_w)
            scaled_h = cast(math_ops_ext.round(scale * cast(cur_h, f32)), _dtypes.int32)
            scaled_w = cast(math_ops_ext.round(scale * cast(cur_w, f32)), _dtypes.int32)
            size = convert_to_tensor([scaled_h, scaled_w], _dtypes.int32, name="size")
            new_h, new_w = constant_value_as_shape(size).as_list()
        if (None not in (new_w, width, new_h, height) and width == new_w and height == new_h):
            return images if is_batch else squeeze(images, axis=[0])
        images = resizer_fn(images, size)
        images.set_shape([None, new_h, new_w, None])
        return images if is_batch else squeeze(images, axis=[0])


def resize_images(images, size, method=ResizeMethod.BILINEAR, align_corners=False,
                  preserve_aspect_ratio=False, name=None):
    """`tf.image.resize_images` (TF 1.15's `tf.image.resize`): ResizeBilinear, ...,
    named inside the `resize` scope; an image already of the size is returned."""
    def resize_fn(images_t, new_size):
        op = _RESIZE_OPS.get(method)
        if op is None:
            raise ValueError("Resize method is not implemented.")
        return apply_op_helper(op, None, images=images_t, size=new_size,
                               align_corners=align_corners)

    return _resize_common(images, resize_fn, size, preserve_aspect_ratio, name)


resize = resize_images


def _resize_op(op_type):
    def fn(images, size, align_corners=False, name=None, half_pixel_centers=False):
        return apply_op_helper(op_type, name, images=images, size=size,
                               align_corners=align_corners,
                               half_pixel_centers=half_pixel_centers)
    fn.__name__ = {"ResizeBilinear": "resize_bilinear", "ResizeBicubic": "resize_bicubic",
                   "ResizeNearestNeighbor": "resize_nearest_neighbor"}[op_type]
    fn.__doc__ = f"`tf.image.{fn.__name__}`: one `{op_type}` op."
    return fn


resize_bilinear = _resize_op("ResizeBilinear")
resize_bicubic = _resize_op("ResizeBicubic")
resize_nearest_neighbor = _resize_op("ResizeNearestNeighbor")


# ----------------------------------------------------------------- geometry

def rot90(image, k=1, name=None):
    """`tf.image.rot90`: a `case` over k mod 4 of reverses and transposes."""
    with name_scope(name, "rot90", [image, k]) as scope:
        image = convert_to_tensor(image, name="image")
        image = _assert_at_least_3d(image)
        k = convert_to_tensor(k, dtype=_dtypes.int32, name="k")
        k.shape.assert_has_rank(0)
        if k.graph._target.uniform_skips_unit_scaling:  # TF 2.x's math_ops.mod: a `mod` scope
            with name_scope(None, "mod", [k]) as mod_scope:
                k = mod(k, 4, name=mod_scope)
        else:
            k = mod(k, 4)
        ndims = image.shape.rank
        if ndims == 3 or ndims is None:
            h, w, perm = 0, 1, [1, 0, 2]
        elif ndims == 4:
            h, w, perm = 1, 2, [0, 2, 1, 3]
        else:
            raise ValueError("'image' must have either 3 or 4 dimensions.")
        cases = [(equal(k, 1), lambda: _transpose(reverse(image, [w]), perm)),
                 (equal(k, 2), lambda: reverse(image, [h, w])),
                 (equal(k, 3), lambda: reverse(_transpose(image, perm), [w]))]
        result = case(cases, default=lambda: image, exclusive=True, name=scope)
        if ndims == 4:
            s = result.shape
            result.set_shape([s[0], None, None, s[3]])
        else:
            result.set_shape([None, None, image.shape[2]])
        return result


def transpose(image, name=None):
    """`tf.image.transpose`: swaps height and width."""
    with name_scope(name, "transpose", [image]):
        image = convert_to_tensor(image, name="image")
        image = _assert_at_least_3d(image)
        ndims = image.shape.rank
        if ndims == 3 or ndims is None:
            return _transpose(image, [1, 0, 2], name=name)
        if ndims == 4:
            return _transpose(image, [0, 2, 1, 3], name=name)
        raise ValueError("'image' must have either 3 or 4 dimensions.")


transpose_image = transpose


def central_crop(image, central_fraction):
    """`tf.image.central_crop`: a Slice of the central region."""
    with name_scope(None, "central_crop", [image]):
        image = convert_to_tensor(image, name="image")
        if central_fraction <= 0.0 or central_fraction > 1.0:
            raise ValueError("central_fraction must be within (0, 1]")
        if central_fraction == 1.0:
            return image
        _assert_at_least_3d(image)
        rank_ = image.shape.rank
        if rank_ != 3 and rank_ != 4:
            raise ValueError("`image` should either be a Tensor with rank = 3 or "
                             "rank = 4. Had rank = {}.".format(rank_))

        def get_dim(idx):
            static = image.shape.dims[idx].value
            if static is not None:
                return static, False
            return _shape(image)[idx], True

        off = 0 if rank_ == 3 else 1
        img_h, dyn_h = get_dim(off)
        img_w, dyn_w = get_dim(off + 1)

        tf2 = image.graph._target.uniform_skips_unit_scaling

        def start(img, dyn):
            if dyn:
                d = cast(img, _dtypes.float64)
                # TF 2.x casts the fraction (`Cast/x`, Cast) before multiplying
                frac = cast(central_fraction, _dtypes.float64) if tf2 else central_fraction
                return cast((d - d * frac) / 2, _dtypes.int32)
            d = float(img)
            return int((d - d * central_fraction) / 2)

        h_start = start(img_h, dyn_h)
        w_start = start(img_w, dyn_w)
        h_size = img_h - h_start * 2
        w_size = img_w - w_start * 2
        if rank_ == 3:
            begin = stack([h_start, w_start, 0])
            size = stack([h_size, w_size, -1])
        else:
            begin = stack([0, h_start, w_start, 0])
            size = stack([-1, h_size, w_size, -1])
        image_out = _slice(image, begin, size)
        dims = [None if dyn_h else h_size, None if dyn_w else w_size, image.shape[-1]]
        image_out.set_shape(dims if rank_ == 3 else [image.shape[0]] + dims)
        return image_out


# ----------------------------------------------------------------- colour and value

def per_image_standardization(image):
    """`tf.image.per_image_standardization`: (x - mean) / max(stddev, 1/sqrt(N))."""
    with name_scope(None, "per_image_standardization", [image]) as scope:
        image = convert_to_tensor(image, name="image")
        image = _assert_at_least_3d(image)
        if image.graph._target.uniform_skips_unit_scaling:
            # TF 2.x: a float32 cast, and the division is the result
            image = cast(image, _dtypes.float32)
            num_pixels = reduce_prod(_shape(image)[-3:])
            image_mean = reduce_mean(image, axis=[-1, -2, -3], keepdims=True)
            stddev = math_ops_ext.reduce_std(image, axis=[-1, -2, -3], keepdims=True)
            min_stddev = rsqrt(cast(num_pixels, _dtypes.float32))
            adjusted_stddev = maximum(stddev, min_stddev)
            image -= image_mean
            from .math_ops import divide

            return divide(image, adjusted_stddev, name=scope)
        orig_dtype = image.dtype
        if orig_dtype not in (_dtypes.float16, _dtypes.float32):
            image = convert_image_dtype(image, _dtypes.float32)
        num_pixels = reduce_prod(_shape(image)[-3:])
        image_mean = reduce_mean(image, axis=[-1, -2, -3], keepdims=True)
        stddev = math_ops_ext.reduce_std(image, axis=[-1, -2, -3], keepdims=True)
        min_stddev = rsqrt(cast(num_pixels, image.dtype))
        adjusted_stddev = maximum(stddev, min_stddev)
        image -= image_mean
        image = div(image, adjusted_stddev, name=scope)
        return convert_image_dtype(image, orig_dtype, saturate=True)


def adjust_gamma(image, gamma=1, gain=1):
    """`tf.image.adjust_gamma`: gain * image ** gamma (an Assert for a tensor gamma)."""
    with name_scope(None, "adjust_gamma", [image, gamma, gain]):
        image = convert_to_tensor(image, name="image")
        orig_dtype = image.dtype
        if orig_dtype in (_dtypes.float16, _dtypes.float32):
            flt_image = image
        else:
            flt_image = convert_image_dtype(image, _dtypes.float32)
        cond = gamma >= 0
        if hasattr(cond, "op"):
            gamma = with_dependencies(
                [Assert(cond, ["Gamma should be a non-negative real number."])], gamma)
        elif not cond:
            raise ValueError("Gamma should be a non-negative real number.")
        adjusted = gain * flt_image ** gamma
        return convert_image_dtype(adjusted, orig_dtype, saturate=True)


def rgb_to_grayscale(images, name=None):
    """`tf.image.rgb_to_grayscale`: a tensordot with TF's weights."""
    with name_scope(name, "rgb_to_grayscale", [images]) as name:
        images = convert_to_tensor(images, name="images")
        orig_dtype = images.dtype
        flt = convert_image_dtype(images, _dtypes.float32)
        gray = tensordot(flt, [0.2989, 0.587, 0.114], [-1, -1])
        gray = expand_dims(gray, -1)
        return convert_image_dtype(gray, orig_dtype, name=name)


def _check_grayscale(image):
    shape = image.shape
    try:
        shape = shape.with_rank(2) if shape.rank is None else shape.with_rank_at_least(2)
    except ValueError:
        raise ValueError("A grayscale image must be at least two-dimensional.") from None
    if shape.is_fully_defined():
        if shape[-1] != 1:
            raise ValueError("Last dimension of a grayscale image should be size 1.")
        return []
    return [assert_equal(_shape(image)[-1], 1,
                         message="Last dimension of a grayscale image should be size 1."),
            assert_greater_equal(rank(image), 3,
                                 message="A grayscale image must be at least two-dimensional.")]


def grayscale_to_rgb(images, name=None):
    """`tf.image.grayscale_to_rgb`: a Tile of the last dimension to 3."""
    with name_scope(name, "grayscale_to_rgb", [images]) as name:
        images = convert_to_tensor(images)
        images = with_dependencies(_check_grayscale(images), images)
        images = convert_to_tensor(images, name="images")
        rank_1 = expand_dims(rank(images) - 1, 0)
        from .array_ops import ones

        multiples = concat([ones(rank_1, dtype=_dtypes.int32), expand_dims(3, 0)], 0)
        rgb = tile(images, multiples, name=name)
        rgb.set_shape(images.shape[:-1].concatenate([3]))
        return rgb


_KERNELS = {
    "rgb_to_yiq": [[0.299, 0.59590059, 0.2115], [0.587, -0.27455667, -0.52273617],
                   [0.114, -0.32134392, 0.31119955]],
    "yiq_to_rgb": [[1, 1, 1], [0.95598634, -0.27201283, -1.10674021],
                   [0.6208248, -0.64720424, 1.70423049]],
    "rgb_to_yuv": [[0.299, -0.14714119, 0.61497538], [0.587, -0.28886916, -0.51496512],
                   [0.114, 0.43601035, -0.10001026]],
    "yuv_to_rgb": [[1, 1, 1], [0, -0.394642334, 2.03206185],
                   [1.13988303, -0.58062185, 0]],
}


def _colour_space(key):
    def fn(images):
        images = convert_to_tensor(images, name="images")
        kernel = convert_to_tensor(_KERNELS[key], dtype=images.dtype, name="kernel")
        ndims = images.shape.rank
        return tensordot(images, kernel, axes=[[ndims - 1], [0]])
    fn.__name__ = key
    fn.__doc__ = f"`tf.image.{key}`: a tensordot with TF's 3x3 kernel (no name scope)."
    return fn


rgb_to_yiq = _colour_space("rgb_to_yiq")
yiq_to_rgb = _colour_space("yiq_to_rgb")
rgb_to_yuv = _colour_space("rgb_to_yuv")
yuv_to_rgb = _colour_space("yuv_to_rgb")


def resize_image_with_pad(image, target_height, target_width, method=ResizeMethod.BILINEAR,
                          align_corners=False):
    """`tf.image.resize_image_with_pad` (v1): resized keeping the aspect ratio, then
    zero-padded to the target (float64 ratio arithmetic, as TF)."""
    from ..framework.ops import Tensor
    from .image_ops import _assert, _check_at_least_3d, pad_to_bounding_box

    with name_scope(None, "resize_image_with_pad", [image]):
        image = convert_to_tensor(image, name="image")
        rank_ = image.shape.rank
        is_batch = True
        if rank_ == 3:
            is_batch = False
            image = expand_dims(image, 0)
        elif rank_ is None:
            is_batch = False
            image = expand_dims(image, 0)
            image.set_shape([None] * 4)
        elif rank_ != 4:
            raise ValueError("'image' must have either 3 or 4 dimensions.")
        asserts = _check_at_least_3d(image)
        asserts += _assert(target_width > 0, "target_width must be > 0.")
        asserts += _assert(target_height > 0, "target_height must be > 0.")
        image = with_dependencies(asserts, image)

        def max_(x, y):
            if isinstance(x, Tensor) or isinstance(y, Tensor):
                return maximum(x, y)
            return max(x, y)

        _, height, width, _ = _image_dimensions(image, 4)
        f64 = _dtypes.float64
        f_height, f_width = cast(height, dtype=f64), cast(width, dtype=f64)
        f_target_height = cast(target_height, dtype=f64)
        f_target_width = cast(target_width, dtype=f64)
        ratio = max_(f_width / f_target_width, f_height / f_target_height)
        resized_height_float = f_height / ratio
        resized_width_float = f_width / ratio
        from .math_ops import floor

        resized_height = cast(floor(resized_height_float), dtype=_dtypes.int32)
        resized_width = cast(floor(resized_width_float), dtype=_dtypes.int32)
        padding_height = (f_target_height - resized_height_float) / 2
        padding_width = (f_target_width - resized_width_float) / 2
        f_padding_height = floor(padding_height)
        f_padding_width = floor(padding_width)
        p_height = max_(0, cast(f_padding_height, dtype=_dtypes.int32))
        p_width = max_(0, cast(f_padding_width, dtype=_dtypes.int32))
        resized = resize_images(image, [resized_height, resized_width], method,
                                align_corners=align_corners)
        padded = pad_to_bounding_box(resized, p_height, p_width, target_height, target_width)
        if padded.shape.rank is None:
            raise ValueError("padded contains no shape.")
        _image_dimensions(padded, 4)
        return padded if is_batch else squeeze(padded, axis=[0])
