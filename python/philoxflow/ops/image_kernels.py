"""TF's CPU image kernels as Python kernels, each float32 step rounded as TF's C++ does.

Written from `adjust_contrast_op.cc` (the per-plane halving sum of
ReduceMeanAcrossImage, then `out += factor * (in - out)`), `adjust_saturation_op.cc`
(rgb_to_hsv / hsv_to_rgb, whose `+ 2.0 / 6.0` is a double addition rounded to
float) and `adjust_hue_op.cc` (hue in [0, 6) with V-range interpolation).
"""

from __future__ import annotations

import numpy as np

from .. import errors
from ..framework.py_kernels import kernel

f32 = np.float32


def _images(x, op):
    x = np.asarray(x, dtype=f32)
    if x.ndim < 3:
        raise errors.InvalidArgumentError(
            None, None, f"input must be at least 3-D, got shape{list(x.shape)}")
    return x


def _plane_means(x):
    """ReduceMeanAcrossImage: (batch, pixels, channels) -> (batch, channels)."""
    b, n, c = x.shape
    s = np.empty_like(x)
    remaining, first = n, True
    while True:
        right = remaining // 2
        left = remaining - right
        if first:
            s[:, :right] = x[:, left:left + right] + x[:, :right]
            if left > right:
                s[:, right] = x[:, right]
            first = False
        else:
            s[:, :right] += s[:, left:left + right]
        remaining = left
        if remaining <= 1:
            break
    return s[:, 0] * f32(1.0 / f32(n))


@kernel("AdjustContrastv2")
def _adjust_contrast(ctx, op, ins):
    x = _images(ins[0], op)
    factor = f32(np.asarray(ins[1]))
    h, w, c = x.shape[-3:]
    flat = x.reshape(-1, h * w, c)
    mean = _plane_means(flat)[:, None, :]
    out = mean + factor * (flat - mean)
    return [out.reshape(x.shape).astype(f32)]


def _check_rgb(x):
    if x.shape[-1] != 3:
        raise errors.InvalidArgumentError(
            None, None, f"input must have 3 channels but instead has {x.shape[-1]} channels.")


@kernel("AdjustHue")
def _adjust_hue(ctx, op, ins):
    x = _images(ins[0], op)
    _check_rgb(x)
    delta = f32(np.asarray(ins[1]))
    r, g, b = x[..., 0], x[..., 1], x[..., 2]
    rg = r < g
    # (v_max, v_mid, v_min, category) of TF's six orderings
    cases = [
        (rg & (b < r), g, r, b, 1),
        (rg & ~(b < r) & (b > g), b, g, r, 3),
        (rg & ~(b < r) & ~(b > g), g, b, r, 2),
        (~rg & (b < g), r, g, b, 0),
        (~rg & ~(b < g) & (b > r), b, r, g, 4),
        (~rg & ~(b < g) & ~(b > r), r, b, g, 5),
    ]
    vmax = np.select([c[0] for c in cases], [c[1] for c in cases]).astype(f32)
    vmid = np.select([c[0] for c in cases], [c[2] for c in cases]).astype(f32)
    vmin = np.select([c[0] for c in cases], [c[3] for c in cases]).astype(f32)
    cat = np.select([c[0] for c in cases], [c[4] for c in cases]).astype(np.int32)
    with np.errstate(all="ignore"):
        ratio = (vmid - vmin) / (vmax - vmin)
        h = cat.astype(f32) + np.where(cat % 2 == 0, ratio, f32(1) - ratio)
    h = np.where(vmax == vmin, f32(0), h).astype(f32)
    h = (h + delta * f32(6)).astype(f32)
    while True:
        low = h < 0
        if not low.any():
            break
        h = np.where(low, h + f32(6), h).astype(f32)
    while True:
        high = h >= 6
        if not high.any():
            break
        h = np.where(high, h - f32(6), h).astype(f32)
    hc = h.astype(np.int32)
    ratio = (h - hc.astype(f32)).astype(f32)
    ratio = np.where(hc % 2 == 0, ratio, f32(1) - ratio).astype(f32)
    vmid = (vmin + ratio * (vmax - vmin)).astype(f32)
    sel = [hc == k for k in range(5)]
    out = np.stack([
        np.select(sel, [vmax, vmid, vmin, vmin, vmid], vmax),
        np.select(sel, [vmid, vmax, vmax, vmid, vmin], vmin),
        np.select(sel, [vmin, vmin, vmid, vmax, vmax], vmid),
    ], axis=-1).astype(f32)
    return [out]


def _rgb_to_hsv(r, g, b):
    vv = np.maximum(r, np.maximum(g, b))
    rng = (vv - np.minimum(r, np.minimum(g, b))).astype(f32)
    with np.errstate(all="ignore"):
        s = np.where(vv > 0, rng / vv, f32(0)).astype(f32)
        norm = (f32(1) / (f32(6) * rng)).astype(f32)
        h_r = (norm * (g - b)).astype(f32)
        h_g = (((norm * (b - r)).astype(f32)).astype(np.float64) + 2.0 / 6.0).astype(f32)
        h_b = (((norm * (r - g)).astype(f32)).astype(np.float64) + 4.0 / 6.0).astype(f32)
    h = np.where(r == vv, h_r, np.where(g == vv, h_g, h_b)).astype(f32)
    h = np.where(rng <= 0, f32(0), h).astype(f32)
    h = np.where(h < 0, h + f32(1), h).astype(f32)
    return h, s, vv.astype(f32)


def _hsv_to_rgb(h, s, v):
    c = (s * v).astype(f32)
    m = (v - c).astype(f32)
    dh = (h * f32(6)).astype(f32)
    cat = dh.astype(np.int32)
    fm = dh.copy()
    while True:
        low = fm <= 0
        if not low.any():
            break
        fm = np.where(low, fm + f32(2), fm).astype(f32)
    while True:
        high = fm >= f32(2)
        if not high.any():
            break
        fm = np.where(high, fm - f32(2), fm).astype(f32)
    x = (c * (f32(1) - np.abs(fm - f32(1)))).astype(f32)
    z = np.zeros_like(c)
    sel = [cat == k for k in range(6)]
    rr = np.select(sel, [c, x, z, z, x, c], z)
    gg = np.select(sel, [x, c, c, x, z, z], z)
    bb = np.select(sel, [z, z, x, c, c, x], z)
    return [(t + m).astype(f32) for t in (rr, gg, bb)]


@kernel("AdjustSaturation")
def _adjust_saturation(ctx, op, ins):
    x = _images(ins[0], op)
    _check_rgb(x)
    scale = f32(np.asarray(ins[1]))
    h, s, v = _rgb_to_hsv(x[..., 0], x[..., 1], x[..., 2])
    s = np.minimum(f32(1), np.maximum(f32(0), (s * scale).astype(f32))).astype(f32)
    return [np.stack(_hsv_to_rgb(h, s, v), axis=-1)]


@kernel("RGBToHSV")
def _rgb_to_hsv_op(ctx, op, ins):
    """colorspace_op.h's RGBToHSV (Eigen expressions, float32 step by step)."""
    x = np.asarray(ins[0])
    _check_rgb(x)
    t = x.dtype.type
    r, g, b = x[..., 0], x[..., 1], x[..., 2]
    v = np.maximum(np.maximum(r, g), b)
    rng = (v - np.minimum(np.minimum(r, g), b)).astype(x.dtype)
    with np.errstate(all="ignore"):
        s = np.where(v > 0, rng / v, t(0)).astype(x.dtype)
        norm = ((t(1) / rng).astype(x.dtype) * (t(1) / t(6))).astype(x.dtype)
        h = np.where(r == v, norm * (g - b),
                     np.where(g == v, norm * (b - r) + t(2) / t(6),
                              norm * (r - g) + t(4) / t(6))).astype(x.dtype)
    h = np.where(rng > 0, h, t(0)).astype(x.dtype)
    h = np.where(h < 0, h + t(1), h).astype(x.dtype)
    return [np.stack([h, s, v], axis=-1)]


@kernel("HSVToRGB")
def _hsv_to_rgb_op(ctx, op, ins):
    """colorspace_op.h's HSVToRGB."""
    x = np.asarray(ins[0])
    _check_rgb(x)
    t = x.dtype.type
    h, s, v = x[..., 0], x[..., 1], x[..., 2]
    dh = (h * t(6)).astype(x.dtype)

    def clamp(a):
        return np.minimum(np.maximum(a, t(0)), t(1)).astype(x.dtype)

    dr = clamp(np.abs(dh - t(3)) - t(1))
    dg = clamp(-np.abs(dh - t(2)) + t(2))
    db = clamp(-np.abs(dh - t(4)) + t(2))
    one_s = (-s + t(1)).astype(x.dtype)
    out = [((one_s + (s * d).astype(x.dtype)).astype(x.dtype) * v).astype(x.dtype)
           for d in (dr, dg, db)]
    return [np.stack(out, axis=-1)]
