"""The `tf.image` namespace: flips, colour adjustments, crops and their random forms."""

from . import _namespaces  # noqa: I001 - after the explicit names
from .ops import image_metrics as _metrics
from .ops import image_ops_boxes as _boxes
from .ops import image_ops_ext as _ext
from .ops.image_ops import (
    adjust_brightness,
    adjust_contrast,
    adjust_hue,
    adjust_saturation,
    convert_image_dtype,
    crop_to_bounding_box,
    flip_left_right,
    flip_up_down,
    hsv_to_rgb,
    pad_to_bounding_box,
    random_brightness,
    random_contrast,
    random_flip_left_right,
    random_flip_up_down,
    random_hue,
    random_saturation,
    resize_image_with_crop_or_pad,
    resize_with_crop_or_pad,
    rgb_to_hsv,
    stateless_random_brightness,
    stateless_random_contrast,
    stateless_random_flip_left_right,
    stateless_random_flip_up_down,
    stateless_random_hue,
    stateless_random_saturation,
)
from .ops.random_ops import random_crop
from .stateless_extra import stateless_random_crop

_is_namespace = True
__all__ = [
    "adjust_brightness", "adjust_contrast", "adjust_hue", "adjust_saturation",
    "convert_image_dtype", "crop_to_bounding_box", "flip_left_right", "flip_up_down",
    "hsv_to_rgb", "pad_to_bounding_box", "random_brightness", "random_contrast", "random_crop",
    "random_flip_left_right", "random_flip_up_down", "random_hue", "random_saturation",
    "resize_image_with_crop_or_pad", "resize_with_crop_or_pad", "rgb_to_hsv",
    "stateless_random_brightness", "stateless_random_contrast", "stateless_random_crop",
    "stateless_random_flip_left_right", "stateless_random_flip_up_down", "stateless_random_hue",
    "stateless_random_saturation",
]
# Resizing, geometry, colour spaces, metrics (`ops/image_ops_ext.py`), boxes, patches and
# codecs (`ops/image_ops_boxes.py`); TF's generated wrappers (decode_png, ...) last.
for _mod in (_ext, _metrics, _boxes):
    for _name in _mod.__all__:
        globals()[_name] = getattr(_mod, _name)
        __all__.append(_name)
_namespaces.fill(globals(), "image")
