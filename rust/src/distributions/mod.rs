//! TensorFlow's CPU distributions (`random_distributions.h`), bit for bit.
//!
//! Each distribution turns Philox blocks into a fixed-size *group* of outputs.
//! A fill writes group after group; TensorFlow shards a fill by group, skipping
//! the generator to each shard's first group, so the output never depends on
//! how many threads produced it.

pub mod fill;
pub mod slice;

use crate::libm;
use half::{bf16, f16};

/// The mantissa trick: 23 random bits under exponent 0 give [1, 2); minus 1.
#[inline(always)]
pub fn uint32_to_float(x: u32) -> f32 {
    f32::from_bits((127 << 23) | (x & 0x7f_ffff)) - 1.0
}

/// 52 random bits (20 from `x0`, 32 from `x1`) into [0, 1).
#[inline(always)]
pub fn uint64_to_double(x0: u32, x1: u32) -> f64 {
    let man = ((x0 as u64 & 0xf_ffff) << 32) | x1 as u64;
    f64::from_bits((1023u64 << 52) | man) - 1.0
}

/// 10 random bits into a half in [0, 1).
#[inline(always)]
pub fn uint16_to_half(x: u16) -> f16 {
    let one_to_two = f16::from_bits((15 << 10) | (x & 0x3ff));
    // Eigen subtracts in float and rounds back; the difference is exact.
    f16::from_f32(one_to_two.to_f32() - 1.0)
}

/// 7 random bits into a bfloat16 in [0, 1).
#[inline(always)]
pub fn uint16_to_bfloat16(x: u16) -> bf16 {
    let one_to_two = bf16::from_bits((127 << 7) | (x & 0x7f));
    bf16::from_f32(one_to_two.to_f32() - 1.0)
}

/// The float `u1` TensorFlow's Box-Muller feeds to `logf` (clamped away from 0).
#[inline(always)]
pub fn box_muller_u1(x0: u32) -> f32 {
    const EPSILON: f32 = 1.0e-7;
    let u1 = uint32_to_float(x0);
    if u1 < EPSILON {
        EPSILON
    } else {
        u1
    }
}

/// The float angle TensorFlow's Box-Muller feeds to `sincosf`: `2.0f * M_PI`
/// is a double in C, so the product is taken in double and rounded once.
#[inline(always)]
pub fn box_muller_v1(x1: u32) -> f32 {
    (2.0 * std::f64::consts::PI * uint32_to_float(x1) as f64) as f32
}

/// Radius from `logf(u1)`, in float as TF computes it.
#[inline(always)]
pub fn box_muller_radius(log_u1: f32) -> f32 {
    (-2.0f32 * log_u1).sqrt()
}

/// TensorFlow's `BoxMullerFloat` through the system libm.
#[inline]
pub fn box_muller_float(x0: u32, x1: u32) -> (f32, f32) {
    let u2 = box_muller_radius(libm::logf(box_muller_u1(x0)));
    let (s, c) = libm::sincosf(box_muller_v1(x1));
    (s * u2, c * u2)
}

/// TensorFlow's `BoxMullerDouble` through the system libm.
#[inline]
pub fn box_muller_double(x0: u32, x1: u32, x2: u32, x3: u32) -> (f64, f64) {
    const EPSILON: f64 = 1.0e-7;
    let mut u1 = uint64_to_double(x0, x1);
    if u1 < EPSILON {
        u1 = EPSILON;
    }
    let v1 = 2.0 * std::f64::consts::PI * uint64_to_double(x2, x3);
    let u2 = (-2.0 * libm::log(u1)).sqrt();
    let (s, c) = libm::sincos(v1);
    (s * u2, c * u2)
}

/// The half-open integer range `[lo, hi)` of TF's integer uniform, kept as
/// TF keeps it: `lo` plus an unsigned width (wrapping), so the full int range works.
#[derive(Clone, Copy, Debug)]
pub struct IntRange<T> {
    pub lo: T,
    pub range: u64,
}

impl IntRange<i32> {
    pub fn new(lo: i32, hi: i32) -> Self {
        IntRange {
            lo,
            range: (hi as u32).wrapping_sub(lo as u32) as u64,
        }
    }
    #[inline(always)]
    pub fn sample(&self, bits: u32) -> i32 {
        self.lo.wrapping_add((bits % self.range as u32) as i32)
    }
}

impl IntRange<i64> {
    pub fn new(lo: i64, hi: i64) -> Self {
        IntRange {
            lo,
            range: (hi as u64).wrapping_sub(lo as u64),
        }
    }
    #[inline(always)]
    pub fn sample(&self, lo_bits: u32, hi_bits: u32) -> i64 {
        let bits = lo_bits as u64 | (hi_bits as u64) << 32;
        self.lo.wrapping_add((bits % self.range) as i64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mantissa_conversions_cover_zero_and_top() {
        assert_eq!(uint32_to_float(0), 0.0);
        assert_eq!(uint32_to_float(u32::MAX), 1.0 - f32::EPSILON);
        assert_eq!(uint32_to_float(0xff80_0000), 0.0);
        assert_eq!(uint64_to_double(0, 0), 0.0);
        assert_eq!(uint64_to_double(u32::MAX, u32::MAX), 1.0 - f64::EPSILON);
        assert_eq!(uint16_to_half(0x3ff).to_f32(), 1.0 - 2f32.powi(-10));
        assert_eq!(uint16_to_bfloat16(0xffff).to_f32(), 1.0 - 2f32.powi(-7));
    }

    #[test]
    fn box_muller_clamps_u1() {
        assert_eq!(box_muller_u1(0), 1.0e-7);
        // The smallest nonzero u1, 2^-23, is already above epsilon.
        assert_eq!(box_muller_u1(1), 2f32.powi(-23));
        assert_eq!(box_muller_u1(0x8000_0000), 1.0e-7);
    }

    #[test]
    fn int_ranges_wrap_like_tf() {
        let r = IntRange::<i32>::new(i32::MIN, i32::MAX);
        assert_eq!(r.range, u32::MAX as u64);
        assert_eq!(r.sample(5), i32::MIN + 5);
        let r = IntRange::<i64>::new(i64::MIN, i64::MAX);
        assert_eq!(r.sample(u32::MAX, u32::MAX), i64::MIN); // 2^64-1 % (2^64-1) == 0
        let r = IntRange::<i32>::new(-5, 5);
        assert_eq!(r.sample(13), -2);
    }
}
