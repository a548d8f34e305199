"""`tf.image`'s box, patch and codec ops (`image_ops_impl.py`, `gen_image_ops.py`):
crops by boxes, glimpses, non-max suppression, bounding-box sampling and drawing,
patches, JPEG/PNG/GIF/BMP decoding and encoding — built as TF 1.15 builds them.

SampleDistortedBoundingBox has TF's kernel (`image_box_kernels.py`: TF's values for
seeded ops, run after run); the others are structure here (libjpeg's codec, NMS,
crops are not reproduced), so a run that needs their values raises
UnimplementedError. Their static shapes are TF's (`framework/misc_shapes.py`).
"""

from __future__ import annotations

from ..framework import dtypes as _dtypes
from ..framework.constant_op import convert_to_tensor
from ..framework.ops import control_dependencies, name_scope
from . import (
    image_box_kernels,  # noqa: F401 - registers the kernel
    image_ops,
    random_ops,
)
from .array_ops import gather
from .control_flow_ops import Assert, cond
from .gen import apply_op_helper
from .math_ops import equal, not_equal
from .math_ops_ext import logical_and

__all__ = [
    "crop_and_resize", "extract_glimpse", "non_max_suppression",
    "non_max_suppression_with_scores", "non_max_suppression_padded",
    "non_max_suppression_overlaps", "combined_non_max_suppression", "draw_bounding_boxes",
    "sample_distorted_bounding_box", "extract_image_patches", "extract_patches", "is_jpeg",
    "decode_image", "adjust_jpeg_quality", "random_jpeg_quality",
]

_NEG_INF = float("-inf")


def crop_and_resize(image, boxes, box_ind=None, crop_size=None, method="bilinear",
                    extrapolation_value=0, name=None, box_indices=None):
    """`tf.image.crop_and_resize` (v1: `box_ind`, or `box_indices`)."""
    if box_indices is not None:
        if box_ind is not None:
            raise ValueError("Cannot specify both 'box_indices' and 'box_ind'")
        box_ind = box_indices
    return apply_op_helper("CropAndResize", name, image=image, boxes=boxes, box_ind=box_ind,
                           crop_size=crop_size, method=method,
                           extrapolation_value=extrapolation_value)


def extract_glimpse(input, size, offsets, centered=True, normalized=True,  # noqa: A002
                    uniform_noise=True, name=None):
    """`tf.image.extract_glimpse` (ExtractGlimpse)."""
    return apply_op_helper("ExtractGlimpse", name, input=input, size=size, offsets=offsets,
                           centered=centered, normalized=normalized,
                           uniform_noise=uniform_noise)


def non_max_suppression(boxes, scores, max_output_size, iou_threshold=0.5,
                        score_threshold=_NEG_INF, name=None):
    """`tf.image.non_max_suppression` (NonMaxSuppressionV3 in its scope)."""
    with name_scope(name, "non_max_suppression"):
        iou_threshold = convert_to_tensor(iou_threshold, name="iou_threshold")
        score_threshold = convert_to_tensor(score_threshold, name="score_threshold")
        return apply_op_helper("NonMaxSuppressionV3", None, boxes=boxes, scores=scores,
                               max_output_size=max_output_size, iou_threshold=iou_threshold,
                               score_threshold=score_threshold)


def non_max_suppression_with_scores(boxes, scores, max_output_size, iou_threshold=0.5,
                                    score_threshold=_NEG_INF, soft_nms_sigma=0.0, name=None):
    """`tf.image.non_max_suppression_with_scores` (NonMaxSuppressionV5)."""
    with name_scope(name, "non_max_suppression_with_scores"):
        iou_threshold = convert_to_tensor(iou_threshold, name="iou_threshold")
        score_threshold = convert_to_tensor(score_threshold, name="score_threshold")
        soft_nms_sigma = convert_to_tensor(soft_nms_sigma, name="soft_nms_sigma")
        idx, sc, _ = apply_op_helper(
            "NonMaxSuppressionV5", None, boxes=boxes, scores=scores,
            max_output_size=max_output_size, iou_threshold=iou_threshold,
            score_threshold=score_threshold, soft_nms_sigma=soft_nms_sigma,
            pad_to_max_output_size=False)
        return idx, sc


def non_max_suppression_padded(boxes, scores, max_output_size, iou_threshold=0.5,
                               score_threshold=_NEG_INF, pad_to_max_output_size=False,
                               name=None):
    """`tf.image.non_max_suppression_padded` (NonMaxSuppressionV4)."""
    with name_scope(name, "non_max_suppression_padded"):
        iou_threshold = convert_to_tensor(iou_threshold, name="iou_threshold")
        score_threshold = convert_to_tensor(score_threshold, name="score_threshold")
        return tuple(apply_op_helper(
            "NonMaxSuppressionV4", None, boxes=boxes, scores=scores,
            max_output_size=max_output_size, iou_threshold=iou_threshold,
            score_threshold=score_threshold, pad_to_max_output_size=pad_to_max_output_size))


def non_max_suppression_overlaps(overlaps, scores, max_output_size, overlap_threshold=0.5,
                                 score_threshold=_NEG_INF, name=None):
    """`tf.image.non_max_suppression_overlaps` (NonMaxSuppressionWithOverlaps)."""
    with name_scope(name, "non_max_suppression_overlaps"):
        overlap_threshold = convert_to_tensor(overlap_threshold, name="overlap_threshold")
        return apply_op_helper("NonMaxSuppressionWithOverlaps", None, overlaps=overlaps,
                               scores=scores, max_output_size=max_output_size,
                               overlap_threshold=overlap_threshold,
                               score_threshold=score_threshold)


def combined_non_max_suppression(boxes, scores, max_output_size_per_class, max_total_size,
                                 iou_threshold=0.5, score_threshold=_NEG_INF,
                                 pad_per_class=False, clip_boxes=True, name=None):
    """`tf.image.combined_non_max_suppression` (CombinedNonMaxSuppression)."""
    with name_scope(name, "combined_non_max_suppression"):
        iou_threshold = convert_to_tensor(iou_threshold, dtype=_dtypes.float32,
                                          name="iou_threshold")
        score_threshold = convert_to_tensor(score_threshold, dtype=_dtypes.float32,
                                            name="score_threshold")
        return tuple(apply_op_helper(
            "CombinedNonMaxSuppression", None, boxes=boxes, scores=scores,
            max_output_size_per_class=max_output_size_per_class,
            max_total_size=max_total_size, iou_threshold=iou_threshold,
            score_threshold=score_threshold, pad_per_class=pad_per_class,
            clip_boxes=clip_boxes))


def draw_bounding_boxes(images, boxes, name=None, colors=None):
    """`tf.image.draw_bounding_boxes` (DrawBoundingBoxes, or V2 with colours)."""
    if colors is None:
        return apply_op_helper("DrawBoundingBoxes", name, images=images, boxes=boxes)
    return apply_op_helper("DrawBoundingBoxesV2", name, images=images, boxes=boxes,
                           colors=colors)


def sample_distorted_bounding_box(image_size, bounding_boxes, seed=None, seed2=None,
                                  min_object_covered=0.1, aspect_ratio_range=None,
                                  area_range=None, max_attempts=None,
                                  use_image_if_no_bounding_boxes=None, name=None):
    """`tf.image.sample_distorted_bounding_box` (v1): SampleDistortedBoundingBoxV2 with
    `seed`/`seed2` as given — TF 1.15 passes them through, without the graph seed, so
    unseeded calls get `(0, 0)` (fresh entropy), whatever `tf.set_random_seed` says."""
    with name_scope(name, "sample_distorted_bounding_box"):
        return tuple(apply_op_helper(
            "SampleDistortedBoundingBoxV2", name, image_size=image_size,
            bounding_boxes=bounding_boxes, min_object_covered=min_object_covered,
            seed=seed, seed2=seed2, aspect_ratio_range=aspect_ratio_range,
            area_range=area_range, max_attempts=max_attempts,
            use_image_if_no_bounding_boxes=use_image_if_no_bounding_boxes))


def extract_image_patches(images, ksizes=None, strides=None, rates=None, padding=None,
                          name=None, sizes=None):
    """`tf.extract_image_patches` / `tf.image.extract_image_patches`."""
    if sizes is not None:
        if ksizes is not None:
            raise ValueError("Cannot specify both 'sizes' and 'ksizes'")
        ksizes = sizes
    return apply_op_helper("ExtractImagePatches", name, images=images, ksizes=ksizes,
                           strides=strides, rates=rates, padding=padding)


def extract_patches(images, sizes, strides, rates, padding, name=None):
    """`tf.image.extract_patches` (ExtractImagePatches)."""
    return extract_image_patches(images, sizes, strides, rates, padding, name)


def _substr(contents, pos, length):
    return apply_op_helper("Substr", None, input=contents, pos=pos, len=length)


def is_jpeg(contents, name=None):
    """`tf.image.is_jpeg`: the first three bytes equal JPEG's magic."""
    with name_scope(name, "is_jpeg"):
        return equal(_substr(contents, 0, 3), b"\xff\xd8\xff", name=name)


def _is_png(contents, name=None):
    with name_scope(name, "is_png"):
        return equal(_substr(contents, 0, 3), b"\x89PN", name=name)


def decode_image(contents, channels=None, dtype=_dtypes.uint8, name=None,
                 expand_animations=True):
    """`tf.image.decode_image`: nested conds on the magic bytes (JPEG, PNG, GIF, BMP)."""
    convert = image_ops.convert_image_dtype
    with name_scope(name, "decode_image"):
        if channels not in (None, 0, 1, 3, 4):
            raise ValueError("channels must be in (None, 0, 1, 3, 4)")
        substr = _substr(contents, 0, 3)

        def _bmp():
            signature = _substr(contents, 0, 2)
            is_bmp = equal(signature, "BM", name="is_bmp")
            assert_decode = Assert(is_bmp, ["Unable to decode bytes as JPEG, PNG, GIF, or BMP"])
            good = not_equal(0 if channels is None else channels, 1, name="check_channels")
            assert_channels = Assert(
                good, ["Channels must be in (None, 0, 3) when decoding BMP images"])
            with control_dependencies([assert_decode, assert_channels]):
                return convert(apply_op_helper("DecodeBmp", None, contents=contents), dtype)

        def _gif():
            gif_channels = 0 if channels is None else channels
            good = logical_and(not_equal(gif_channels, 1, name="check_gif_channels"),
                               not_equal(gif_channels, 4, name="check_gif_channels"))
            assert_channels = Assert(
                good, ["Channels must be in (None, 0, 3) when decoding GIF images"])
            with control_dependencies([assert_channels]):
                result = convert(apply_op_helper("DecodeGif", None, contents=contents), dtype)
                if not expand_animations:
                    result = gather(result, 0)
                return result

        def check_gif():
            return cond(equal(substr, b"GIF", name="is_gif"), _gif, _bmp, name="cond_gif")

        def _png():
            png_dtype = _dtypes.uint8 if dtype == _dtypes.uint8 else _dtypes.uint16
            return convert(apply_op_helper("DecodePng", None, contents=contents,
                                           channels=channels, dtype=png_dtype), dtype)

        def check_png():
            return cond(_is_png(contents), _png, check_gif, name="cond_png")

        def _jpeg():
            good = not_equal(0 if channels is None else channels, 4,
                             name="check_jpeg_channels")
            assert_channels = Assert(
                good, ["Channels must be in (None, 0, 1, 3) when decoding JPEG images"])
            with control_dependencies([assert_channels]):
                return convert(apply_op_helper("DecodeJpeg", None, contents=contents,
                                               channels=channels), dtype)

        return cond(is_jpeg(contents), _jpeg, check_png, name="cond_jpeg")


def adjust_jpeg_quality(image, jpeg_quality, name=None):
    """`tf.image.adjust_jpeg_quality`: EncodeJpegVariableQuality then DecodeJpeg."""
    with name_scope(name, "adjust_jpeg_quality", [image]):
        image = convert_to_tensor(image, name="image")
        orig_dtype = image.dtype
        image = image_ops.convert_image_dtype(image, _dtypes.uint8)
        if not hasattr(jpeg_quality, "op"):
            jpeg_quality = convert_to_tensor(jpeg_quality, dtype=_dtypes.int32)
        image = apply_op_helper("EncodeJpegVariableQuality", None, images=image,
                                quality=jpeg_quality)
        image = apply_op_helper("DecodeJpeg", None, contents=image)
        return image_ops.convert_image_dtype(image, orig_dtype)


def random_jpeg_quality(image, min_jpeg_quality, max_jpeg_quality, seed=None):
    """`tf.image.random_jpeg_quality`: an int32 RandomUniformInt quality (TF's seeds)."""
    if (min_jpeg_quality < 0 or max_jpeg_quality < 0 or min_jpeg_quality > 100
            or max_jpeg_quality > 100):
        raise ValueError("jpeg encoding range must be between 0 and 100.")
    if min_jpeg_quality >= max_jpeg_quality:
        raise ValueError("`min_jpeg_quality` must be less than `max_jpeg_quality`.")
    quality = random_ops.random_uniform([], min_jpeg_quality, max_jpeg_quality, seed=seed,
                                        dtype=_dtypes.int32)
    return adjust_jpeg_quality(image, quality)
