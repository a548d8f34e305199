"""Gradients of image ops (TF's `image_grad.py`): the resizes Keras's UpSampling2D and
`tf.image.resize_*` build."""

from __future__ import annotations

from ..framework.op_def_library import apply_op_helper
from . import array_ops
from .gradients_impl import RegisterGradient


@RegisterGradient("ResizeNearestNeighbor")
def _resize_nearest_neighbor_grad(op, grad):
    image = op.inputs[0]
    if image.shape[1:3].is_fully_defined():
        image_shape = image.shape[1:3].as_list()
    else:
        image_shape = array_ops.shape(image)[1:3]
    grads = apply_op_helper("ResizeNearestNeighborGrad", None, grads=grad, size=image_shape,
                            align_corners=op.get_attr("align_corners"),
                            half_pixel_centers=op.get_attr("half_pixel_centers")).outputs[0]
    return [grads, None]


@RegisterGradient("ResizeBilinear")
def _resize_bilinear_grad(op, grad):
    grad0 = apply_op_helper("ResizeBilinearGrad", None, grads=grad, original_image=op.inputs[0],
                            align_corners=op.get_attr("align_corners"),
                            half_pixel_centers=op.get_attr("half_pixel_centers")).outputs[0]
    return [grad0, None]
