//! Philox words to uniform values, and the random wrappers' arithmetic
//! (`x * scale + shift`), as plain loops over TensorFlow's scalar definitions.
//!
//! Each backend compiles these same loops with its own vector width
//! (`avx512.rs`, `avx2.rs`; see the dispatch in `mod.rs`): the vector code
//! performs the same integer operations and the same single IEEE rounding per
//! float operation as the scalar code (Rust never contracts `a * b + c` into
//! a fused multiply-add), so every backend gives the same bits.

use crate::transforms::{uint32_to_float, uint64_to_double, IntRange};
use std::ops::{Add, Mul};

/// `x * scale` then `+ shift`, each rounded once, as TF's `Mul` and `Add`
/// kernels compute a random op's wrapper arithmetic; either may be absent.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Affine<T> {
    pub scale: Option<T>,
    pub shift: Option<T>,
}

impl<T> Affine<T> {
    pub const NONE: Affine<T> = Affine {
        scale: None,
        shift: None,
    };
    pub fn is_none(&self) -> bool {
        self.scale.is_none() && self.shift.is_none()
    }
}

#[inline(always)]
pub(crate) fn uniform_f32(words: &[u32], out: &mut [f32]) {
    for (o, &w) in out.iter_mut().zip(words) {
        *o = uint32_to_float(w);
    }
}

/// Output `i` from words `2i`, `2i + 1` (TF's `Uint64ToDouble` order).
#[inline(always)]
pub(crate) fn uniform_f64(words: &[u32], out: &mut [f64]) {
    let (pairs, _) = words.as_chunks::<2>();
    for (o, w) in out.iter_mut().zip(pairs) {
        *o = uint64_to_double(w[0], w[1]);
    }
}

#[inline(always)]
pub(crate) fn int32_range(range: &IntRange<i32>, words: &[u32], out: &mut [i32]) {
    for (o, &w) in out.iter_mut().zip(words) {
        *o = range.sample(w);
    }
}

/// Bit `j % 64` of `bits[j / 64]` set when `|v[j]| < limit` (never for NaN),
/// bits past `v.len()` clear: a truncated normal's accepted samples.
#[inline(always)]
pub(crate) fn accepted_bits(v: &[f32], limit: f32, bits: &mut [u64]) {
    for (b, c) in bits.iter_mut().zip(v.chunks(64)) {
        *b = c
            .iter()
            .enumerate()
            .fold(0, |m, (j, &x)| m | ((x.abs() < limit) as u64) << j);
    }
}

/// The match is outside the loops, so each loop is straight vector code.
#[inline(always)]
pub(crate) fn affine<T: Copy + Mul<Output = T> + Add<Output = T>>(x: &mut [T], a: Affine<T>) {
    match (a.scale, a.shift) {
        (Some(s), Some(m)) => x.iter_mut().for_each(|v| *v = *v * s + m),
        (Some(s), None) => x.iter_mut().for_each(|v| *v = *v * s),
        (None, Some(m)) => x.iter_mut().for_each(|v| *v = *v + m),
        (None, None) => {}
    }
}

/// A backend's compiled word maps: `pub mod words` with the functions of
/// `vmath::*_words`/`affine_*`, each calling the loops above inside a
/// function compiled with `$features` (after asserting `$supported()`).
macro_rules! backend_word_maps {
    ($features:literal, $supported:path) => {
        pub mod words {
            use crate::transforms::IntRange;
            use crate::vmath::words::{self as w, Affine};

            pub fn uniform_f32(words: &[u32], out: &mut [f32]) {
                assert!($supported());
                // SAFETY: the CPU supports every feature the callee enables.
                unsafe { imp::uniform_f32(words, out) }
            }
            pub fn uniform_f64(words: &[u32], out: &mut [f64]) {
                assert!($supported());
                // SAFETY: the CPU supports every feature the callee enables.
                unsafe { imp::uniform_f64(words, out) }
            }
            pub fn int32_range(range: &IntRange<i32>, words: &[u32], out: &mut [i32]) {
                assert!($supported());
                // SAFETY: the CPU supports every feature the callee enables.
                unsafe { imp::int32_range(range, words, out) }
            }
            pub fn affine_f32(x: &mut [f32], a: Affine<f32>) {
                assert!($supported());
                // SAFETY: the CPU supports every feature the callee enables.
                unsafe { imp::affine_f32(x, a) }
            }
            pub fn affine_f64(x: &mut [f64], a: Affine<f64>) {
                assert!($supported());
                // SAFETY: the CPU supports every feature the callee enables.
                unsafe { imp::affine_f64(x, a) }
            }

            mod imp {
                use super::*;
                #[target_feature(enable = $features)]
                pub fn uniform_f32(words: &[u32], out: &mut [f32]) {
                    w::uniform_f32(words, out)
                }
                #[target_feature(enable = $features)]
                pub fn uniform_f64(words: &[u32], out: &mut [f64]) {
                    w::uniform_f64(words, out)
                }
                #[target_feature(enable = $features)]
                pub fn int32_range(range: &IntRange<i32>, words: &[u32], out: &mut [i32]) {
                    w::int32_range(range, words, out)
                }
                #[target_feature(enable = $features)]
                pub fn affine_f32(x: &mut [f32], a: Affine<f32>) {
                    w::affine(x, a)
                }
                #[target_feature(enable = $features)]
                pub fn affine_f64(x: &mut [f64], a: Affine<f64>) {
                    w::affine(x, a)
                }
            }
        }
    };
}
#[cfg(target_arch = "x86_64")]
pub(super) use backend_word_maps;

#[cfg(test)]
mod tests {
    use super::Affine;
    use crate::philox::{PhiloxRandom, Platform};
    use crate::transforms::{uint32_to_float, uint64_to_double, IntRange};
    use crate::vmath;

    fn random_words(n: usize, seed: u64) -> Vec<u32> {
        let mut g = PhiloxRandom::new(seed, 99);
        let mut blocks = vec![[0u32; 4]; n.div_ceil(4)];
        g.fill_blocks(&mut blocks);
        blocks.as_flattened()[..n].to_vec()
    }

    /// Every mantissa, under random high bits, and every tail length.
    #[test]
    fn uniform_f32_equals_scalar_on_every_mantissa_every_backend() {
        let high = random_words(1 << 23, 1);
        let words: Vec<u32> = (0..1u32 << 23)
            .zip(&high)
            .map(|(m, h)| m | (h & !0x7f_ffff))
            .chain([0, u32::MAX, 0x8000_0000, 0x7f_ffff])
            .collect();
        let want: Vec<u32> = words
            .iter()
            .map(|&w| uint32_to_float(w).to_bits())
            .collect();
        for p in Platform::available() {
            let mut out = vec![0f32; words.len()];
            vmath::uniform_f32_words(p, &words, &mut out);
            assert!(
                out.iter().zip(&want).all(|(a, &b)| a.to_bits() == b),
                "{p:?}"
            );
            for len in 0..70 {
                let mut o = vec![0f32; len];
                vmath::uniform_f32_words(p, &words[..len], &mut o);
                assert!(
                    o.iter().zip(&want).all(|(a, &b)| a.to_bits() == b),
                    "{p:?} {len}"
                );
            }
        }
    }

    #[test]
    fn uniform_f64_equals_scalar_every_backend() {
        let mut words = random_words(1 << 20, 2);
        words.extend([0, 0, u32::MAX, u32::MAX, 0xf_ffff, 0, 0xfff0_0000, u32::MAX]);
        let want: Vec<u64> = words
            .chunks_exact(2)
            .map(|w| uint64_to_double(w[0], w[1]).to_bits())
            .collect();
        for p in Platform::available() {
            for len in (0..40).chain([want.len()]) {
                let mut o = vec![0f64; len];
                vmath::uniform_f64_words(p, &words[..2 * len], &mut o);
                assert!(
                    o.iter().zip(&want).all(|(a, &b)| a.to_bits() == b),
                    "{p:?} {len}"
                );
            }
        }
    }

    /// `lo + x % range` on carries and on ranges near 2^31 and 2^32.
    #[test]
    fn int32_range_equals_remainder_every_backend() {
        let mut words = random_words(1 << 18, 3);
        let ranges: [(i32, i32); 9] = [
            (0, 1),
            (0, 2),
            (-1000, 7919),
            (i32::MIN, i32::MAX),
            (i32::MIN, 0),
            (-1, i32::MAX),
            (0, i32::MAX),
            (5, 6 + (1 << 30)),
            (-3, 1 << 16),
        ];
        for &(lo, hi) in &ranges {
            let range = (hi as u32).wrapping_sub(lo as u32);
            // Multiples of the range and their neighbours, and the extremes.
            for k in [1u64, 2, 3, 1000, (u32::MAX / range.max(1)) as u64] {
                let m = k * range as u64;
                for d in [-1i64, 0, 1] {
                    let x = m as i64 + d;
                    if (0..=u32::MAX as i64).contains(&x) {
                        words.push(x as u32);
                    }
                }
            }
            words.extend([0, 1, u32::MAX, u32::MAX - 1, 1 << 31]);
            let r = IntRange::<i32>::new(lo, hi);
            let want: Vec<i32> = words
                .iter()
                .map(|&x| lo.wrapping_add((x % range) as i32))
                .collect();
            for p in Platform::available() {
                for len in (0..40).chain([words.len()]) {
                    let mut o = vec![0i32; len];
                    vmath::int32_range_words(p, &r, &words[..len], &mut o);
                    assert_eq!(o[..], want[..len], "{p:?} [{lo}, {hi}) len {len}");
                }
            }
        }
    }

    #[test]
    fn accepted_bits_equal_scalar_every_backend() {
        let mut v = special_f32();
        v.extend([
            2.0,
            -2.0,
            1.9999999,
            -1.9999999,
            2.0000002,
            f32::NAN,
            -0.0,
            0.0,
        ]);
        let want: Vec<bool> = v.iter().map(|x| x.abs() < 2.0).collect();
        for p in Platform::available() {
            for len in (0..200).chain([v.len()]) {
                let mut bits = vec![!0u64; len.div_ceil(64)];
                vmath::accepted_bits(p, &v[..len], 2.0, &mut bits);
                for (j, &w) in want[..len].iter().enumerate() {
                    assert_eq!(bits[j / 64] >> (j % 64) & 1 == 1, w, "{p:?} {len} {j}");
                }
                if len % 64 != 0 {
                    assert_eq!(bits[len / 64] >> (len % 64), 0, "{p:?} {len}: bits past v");
                }
            }
        }
    }

    fn special_f32() -> Vec<f32> {
        let mut v = vec![
            0.0,
            -0.0,
            1.0,
            -1.5,
            f32::MIN_POSITIVE,
            f32::MIN_POSITIVE / 8.0,
            -1e-45,
            f32::MAX,
            f32::INFINITY,
            f32::NEG_INFINITY,
            f32::NAN,
            f32::from_bits(0xffc0_1234),
        ];
        let w = random_words(4000, 4);
        v.extend(w.iter().map(|&x| f32::from_bits(x)));
        v.extend(w.iter().map(|&x| uint32_to_float(x)));
        v
    }

    /// `x * s + m` rounded twice, or `None` where an operation has two NaN
    /// operands: which payload survives is unspecified there (LLVM may swap
    /// a commutative operation's operands), so only NaN-ness is checked.
    fn mul_add_ref<T: Copy + std::ops::Mul<Output = T> + std::ops::Add<Output = T>>(
        x: T,
        a: Affine<T>,
        is_nan: fn(T) -> bool,
    ) -> Option<T> {
        if a.scale.is_some_and(|s| is_nan(s) && is_nan(x)) {
            return None;
        }
        let y = a.scale.map_or(x, |s| x * s);
        if a.shift.is_some_and(|m| is_nan(m) && is_nan(y)) {
            return None;
        }
        Some(a.shift.map_or(y, |m| y + m))
    }

    #[test]
    fn affine_equals_scalar_mul_then_add_every_backend() {
        let xs = special_f32();
        let xs64: Vec<f64> = xs.iter().map(|&x| x as f64 * 1.0000001).collect();
        let ks = [
            None,
            Some(0.0),
            Some(-0.0),
            Some(3.0),
            Some(-0.02),
            Some(f32::MIN_POSITIVE / 3.0),
            Some(f32::NAN),
            Some(-f32::NAN),
            Some(f32::INFINITY),
        ];
        for &scale in &ks {
            for &shift in &ks {
                let a = Affine { scale, shift };
                let a64 = Affine {
                    scale: scale.map(f64::from),
                    shift: shift.map(f64::from),
                };
                for p in Platform::available() {
                    let mut x = xs.clone();
                    vmath::affine_f32(p, &mut x, a);
                    for (&g, &x) in x.iter().zip(&xs) {
                        match mul_add_ref(x, a, f32::is_nan) {
                            Some(w) => assert_eq!(g.to_bits(), w.to_bits(), "{p:?} {a:?} {x}"),
                            None => assert!(g.is_nan(), "{p:?} {a:?} {x}"),
                        }
                    }
                    let mut x = xs64.clone();
                    vmath::affine_f64(p, &mut x, a64);
                    for (&g, &x) in x.iter().zip(&xs64) {
                        match mul_add_ref(x, a64, f64::is_nan) {
                            Some(w) => assert_eq!(g.to_bits(), w.to_bits(), "{p:?} {a64:?} {x}"),
                            None => assert!(g.is_nan(), "{p:?} {a64:?} {x}"),
                        }
                    }
                }
            }
        }
    }
}
