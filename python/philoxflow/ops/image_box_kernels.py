"""TF's CPU kernel of SampleDistortedBoundingBox(V2) as a Python kernel, step by step
(`sample_distorted_bounding_box_op.cc`): each run reserves `max_attempts` Philox
blocks of the op's stream (`ReserveSamples32(4 * max_attempts)`), then draws words one
at a time (`SimplePhilox` over a `SingleSampleAdapter`): an aspect ratio per attempt,
a height, then the offsets, in float32 arithmetic as the C++ computes it."""

from __future__ import annotations

import secrets

import numpy as np

from .. import _core, errors
from ..framework.py_kernels import kernel

f32 = np.float32


class _Words:
    """SimplePhilox: uint32 words of the op's stream, from the run's reserved start."""

    def __init__(self, core):
        self._core = core
        self._buf = np.empty(0, np.uint32)
        self._pos = 0

    def rand32(self) -> int:
        if self._pos == len(self._buf):
            self._buf = self._core.raw(4)
            self._pos = 0
        self._pos += 1
        return int(self._buf[self._pos - 1])

    def uniform(self, n: int) -> int:
        r = self.rand32()
        return 0 if n == 0 else r % n

    def rand_float(self):
        bits = np.uint32(0x3F800000 | (self.rand32() & 0x7FFFFF))
        return bits.view(f32) - f32(1.0)


def _lrintf(x) -> int:
    return int(np.rint(f32(x)))


def _area(r):
    return f32((r[2] - r[0]) * (r[3] - r[1]))


def _intersect(a, b):
    lo_x, lo_y = max(a[0], b[0]), max(a[1], b[1])
    hi_x, hi_y = min(a[2], b[2]), min(a[3], b[3])
    if lo_x > hi_x or lo_y > hi_y:
        return (0, 0, 0, 0)
    return (lo_x, lo_y, hi_x, hi_y)


def _covers(crop, min_covered, boxes):
    if _area(crop) < f32(1.0):
        return False
    for box in boxes:
        object_area = _area(box)
        if object_area < f32(1.0):
            continue
        if f32(_area(_intersect(crop, box)) / object_area) >= min_covered:
            return True
    return False


def _random_crop(width, height, min_rel, max_rel, aspect, rnd):
    """GenerateRandomCrop: (xmin, ymin, xmax, ymax) or None."""
    if max_rel <= 0.0 or aspect <= 0.0 or width <= 0 or height <= 0 or min_rel > max_rel:
        return None
    min_area = f32(f32(min_rel * f32(width)) * f32(height))
    max_area = f32(f32(max_rel * f32(width)) * f32(height))
    h = _lrintf(np.sqrt(f32(min_area / aspect)))
    max_h = _lrintf(np.sqrt(f32(max_area / aspect)))
    if _lrintf(f32(f32(max_h) * aspect)) > width:
        max_h = int((width + 0.5 - float(f32(0.0000001))) / float(aspect))
    max_h = min(max_h, height)
    if h >= max_h:
        h = max_h
    if h < max_h:
        h += rnd.uniform(max_h - h + 1)
    w = _lrintf(f32(f32(h) * aspect))
    area = f32(w * h)
    if area < min_area:
        h += 1
        w = _lrintf(f32(f32(h) * aspect))
        area = f32(w * h)
    if area > max_area:
        h -= 1
        w = _lrintf(f32(f32(h) * aspect))
        area = f32(w * h)
    if area < min_area or area > max_area or w > width or h > height or w <= 0 or h <= 0:
        return None
    y = rnd.uniform(height - h) if h < height else 0
    x = rnd.uniform(width - w) if w < width else 0
    return (x, y, x + w, y + h)


@kernel("SampleDistortedBoundingBox", "SampleDistortedBoundingBoxV2")
def _sample_distorted_bounding_box(ctx, op, ins):
    size, boxes_in = np.asarray(ins[0]), np.asarray(ins[1], dtype=f32)
    if op.type == "SampleDistortedBoundingBoxV2":
        min_covered = f32(np.asarray(ins[2]))
    else:
        min_covered = f32(op.get_attr("min_object_covered"))
    attempts = int(op.get_attr("max_attempts"))
    area_lo, area_hi = (f32(v) for v in op.get_attr("area_range"))
    ar_lo, ar_hi = (f32(v) for v in op.get_attr("aspect_ratio_range"))
    if size.shape != (3,):
        raise errors.InvalidArgumentError(None, op, "image_size must contain 3 elements")
    height, width = int(size[0]), int(size[1])
    boxes = []
    for b in boxes_in.reshape(-1, 4) if boxes_in.size else ():
        if not all(0.0 <= v <= 1.0 for v in b):
            raise errors.InvalidArgumentError(
                None, op, "All bounding box coordinates must be in [0.0, 1.0]: "
                f"{next(v for v in b if not 0.0 <= v <= 1.0)}")
        boxes.append((int(f32(b[1] * f32(width))), int(f32(b[0] * f32(height))),
                      int(f32(b[3] * f32(width))), int(f32(b[2] * f32(height)))))
    image_rect = (0, 0, width, height)
    if not boxes:
        if not op.get_attr("use_image_if_no_bounding_boxes"):
            raise errors.InvalidArgumentError(
                None, op, "No bounding boxes provided as input. One must enable "
                "use_image_if_no_bounding_boxes if you wish to not provide any bounding "
                "boxes.")
        boxes.append(image_rect)
    # The op's generator (per session, as TF's kernel instance): run k starts k
    # reservations of `attempts` blocks in; seed = seed2 = 0 draws fresh entropy.
    state = ctx.state.setdefault(("SampleDistortedBoundingBox", op._id), {"run": 0})
    seed, seed2 = int(op.get_attr("seed")), int(op.get_attr("seed2"))
    if seed == 0 and seed2 == 0:
        seed, seed2 = state.setdefault("entropy", (secrets.randbits(64), secrets.randbits(64)))
    core = _core.TFPhiloxCore.at_run(seed % (1 << 64), seed2 % (1 << 64), attempts,
                                     state["run"])
    state["run"] += 1
    rnd = _Words(core)
    crop = None
    for _ in range(attempts):
        aspect = f32(f32(rnd.rand_float() * f32(ar_hi - ar_lo)) + ar_lo)
        got = _random_crop(width, height, area_lo, area_hi, aspect, rnd)
        if got is not None and _covers(got, min_covered, boxes):
            crop = got
            break
    if crop is None:
        crop = image_rect
    dt = op.outputs[0].dtype.as_numpy_dtype
    begin = np.array([crop[1], crop[0], 0], dtype=dt)
    out_size = np.array([crop[3] - crop[1], crop[2] - crop[0], -1], dtype=dt)
    bbox = np.array([[[f32(crop[1]) / f32(height), f32(crop[0]) / f32(width),
                       f32(crop[3]) / f32(height), f32(crop[2]) / f32(width)]]], dtype=f32)
    return [begin, out_size, bbox]
