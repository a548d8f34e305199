//! TensorFlow's per-sample transforms (`random_distributions.h`'s free
//! functions: bits to floats, Box-Muller, integer ranges), scalar and exact.
//!
//! They sit below both the distributions that fill tensors with them and the
//! SIMD replicas in `vmath`, which check themselves against these.

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
    let u2 = box_muller_double_radius(libm::log(box_muller_double_u1(x0, x1)));
    let (s, c) = libm::sincos(box_muller_double_v1(x2, x3));
    (s * u2, c * u2)
}

/// `u1` of TF's `BoxMullerDouble`: a uniform double, at least `1e-7`.
#[inline(always)]
pub fn box_muller_double_u1(x0: u32, x1: u32) -> f64 {
    const EPSILON: f64 = 1.0e-7;
    let u1 = uint64_to_double(x0, x1);
    if u1 < EPSILON {
        EPSILON
    } else {
        u1
    }
}

/// `v1 = 2π u` of TF's `BoxMullerDouble` (`2.0 * M_PI` folded first, as in C).
#[inline(always)]
pub fn box_muller_double_v1(x2: u32, x3: u32) -> f64 {
    2.0 * std::f64::consts::PI * uint64_to_double(x2, x3)
}

/// The radius `sqrt(-2 log(u1))` from `log(u1)`.
#[inline(always)]
pub fn box_muller_double_radius(log_u1: f64) -> f64 {
    (-2.0 * log_u1).sqrt()
}

/// The half-open integer range `[lo, hi)` of TF's integer uniform, kept as
/// TF keeps it: `lo` plus an unsigned width (wrapping), so the full int range works.
///
/// TF reduces with `bits % range`; here the remainder comes without a
/// division, by Lemire, Kaser and Kurz's direct computation ("Faster
/// Remainder by Direct Computation", 2019): with `c = ceil(2^(2N) / d)`,
/// `x % d == ((c * x mod 2^(2N)) * d) >> 2N` for every N-bit `x` and every
/// `1 <= d < 2^N`; `d == 1` gives `c == 0` (wrapped) and remainder 0, as it
/// should. Tested against `%` on edge and random inputs below.
#[derive(Clone, Copy, Debug)]
pub struct IntRange<T> {
    pub lo: T,
    pub range: u64,
    /// `ceil(2^64 / range)` (int32) or `ceil(2^128 / range)` (int64), wrapped.
    magic: u128,
}

/// `x % d` for a 32-bit `x` from `c = ceil(2^64 / d)` (wrapped at 2^64).
#[inline(always)]
pub fn fastmod_u32(x: u32, c: u64, d: u32) -> u32 {
    let low = c.wrapping_mul(x as u64);
    // `(low * d) >> 64` from 32x32->64 products only (which vectorise):
    // the sum stays below 2^64 since `(low >> 32) * d <= (2^32 - 1)^2`.
    let d = d as u64;
    (((low >> 32) * d + (((low & 0xffff_ffff) * d) >> 32)) >> 32) as u32
}

/// `x % d` for a 64-bit `x` from `c = ceil(2^128 / d)` (wrapped at 2^128).
#[inline(always)]
pub fn fastmod_u64(x: u64, c: u128, d: u64) -> u64 {
    let low = c.wrapping_mul(x as u128);
    // The top 64 bits of the 192-bit `low * d`.
    let lo_part = ((low as u64) as u128 * d as u128) >> 64;
    let hi_part = (low >> 64) * d as u128;
    ((hi_part + lo_part) >> 64) as u64
}

impl IntRange<i32> {
    pub fn new(lo: i32, hi: i32) -> Self {
        let range = (hi as u32).wrapping_sub(lo as u32) as u64;
        IntRange {
            lo,
            range,
            magic: (u64::MAX / range.max(1)).wrapping_add(1) as u128,
        }
    }
    #[inline(always)]
    pub fn sample(&self, bits: u32) -> i32 {
        let r = fastmod_u32(bits, self.magic as u64, self.range as u32);
        self.lo.wrapping_add(r as i32)
    }
}

impl IntRange<i64> {
    pub fn new(lo: i64, hi: i64) -> Self {
        let range = (hi as u64).wrapping_sub(lo as u64);
        IntRange {
            lo,
            range,
            magic: (u128::MAX / range.max(1) as u128).wrapping_add(1),
        }
    }
    #[inline(always)]
    pub fn sample(&self, lo_bits: u32, hi_bits: u32) -> i64 {
        let bits = lo_bits as u64 | (hi_bits as u64) << 32;
        self.lo
            .wrapping_add(fastmod_u64(bits, self.magic, self.range) as i64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::philox::PhiloxRandom;

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

    /// Ranges near the edges: 1, 2, small, powers of two and their
    /// neighbours, near 2^31, 2^32, 2^63, 2^64.
    fn edge_ranges(bits: u32) -> Vec<u64> {
        let mut v = vec![1, 2, 3, 5, 7, 10, 1000, 7919, 65535, 65536, 65537];
        for k in 1..bits {
            let p = 1u64 << k;
            v.extend([p - 1, p, p + 1]);
        }
        let top = if bits == 64 {
            u64::MAX
        } else {
            (1u64 << bits) - 1
        };
        v.extend([
            top,
            top - 1,
            top - 2,
            top / 2,
            top / 2 + 1,
            top / 3,
            top / 3 + 1,
        ]);
        v.retain(|&d| d >= 1 && d <= top);
        v
    }

    fn edge_inputs(bits: u32, d: u64, rng: &mut PhiloxRandom) -> Vec<u64> {
        let top = if bits == 64 {
            u64::MAX
        } else {
            (1u64 << bits) - 1
        };
        let mut x = vec![0, 1, 2, top, top - 1, top / 2, top / 2 + 1];
        // Around multiples of d (where the remainder wraps, i.e. carries).
        for m in [1u64, 2, 3] {
            if let Some(k) = d.checked_mul(m).filter(|&k| k <= top) {
                x.extend([k - 1, k, k.saturating_add(1).min(top)]);
            }
        }
        let q = top / d * d;
        x.extend([q.saturating_sub(1), q, q.saturating_add(1).min(top)]);
        for _ in 0..2000 {
            let b = rng.next_block();
            x.push((b[0] as u64 | (b[1] as u64) << 32) & top);
        }
        x
    }

    #[test]
    fn direct_remainders_equal_the_division() {
        let mut rng = PhiloxRandom::new(17, 29);
        for d in edge_ranges(32) {
            let r = IntRange::<i32>::new(0, d as u32 as i32);
            assert_eq!(r.range, d);
            for x in edge_inputs(32, d, &mut rng) {
                let x = x as u32;
                assert_eq!(
                    fastmod_u32(x, r.magic as u64, d as u32),
                    x % d as u32,
                    "{x} % {d}"
                );
            }
        }
        for d in edge_ranges(64) {
            let r = IntRange::<i64>::new(0, d as i64);
            for x in edge_inputs(64, d, &mut rng) {
                assert_eq!(fastmod_u64(x, r.magic, d), x % d, "{x} % {d}");
            }
        }
        // Random ranges of every size, random inputs.
        for _ in 0..20000 {
            let b = rng.next_block();
            let shift = b[2] % 32;
            let d32 = (b[0] >> shift).max(1);
            let c32 = IntRange::<i32>::new(0, d32 as i32).magic as u64;
            assert_eq!(fastmod_u32(b[1], c32, d32), b[1] % d32);
            let d64 = ((b[0] as u64 | (b[3] as u64) << 32) >> (b[2] % 64)).max(1);
            let x64 = b[1] as u64 | (b[2] as u64) << 32;
            let c64 = IntRange::<i64>::new(0, d64 as i64).magic;
            assert_eq!(fastmod_u64(x64, c64, d64), x64 % d64, "{x64} % {d64}");
        }
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
