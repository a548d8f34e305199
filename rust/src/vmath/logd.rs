//! Scalar replica of glibc's double `log` (glibc 2.28+, the ARM
//! optimized-routines algorithm), as the x86-64 FMA ifunc variant
//! (`__ieee754_log_fma`, compiled with `-mfma -mavx2`) evaluates it.
//!
//! Two paths: inputs within `[1 - 2^-4, 1 + 0x1.09p-4)` take a degree-11
//! polynomial in `r = x - 1` with a split `-r²/2`; all others write
//! `x = 2^k z`, `z ∈ [OFF, 2 OFF)`, pick one of 128 subintervals of `z` by 7
//! mantissa bits and evaluate `log1p(z/c - 1) + log(c) + k ln2` with a
//! degree-5 polynomial.  The fused multiply-adds below are where GCC
//! contracted glibc's C expressions, read off the disassembly of
//! `__ieee754_log_fma` in Debian 12's glibc 2.36; the tables are glibc's
//! `__log_data` values.  Tested against [`crate::libm::log`] in `tests.rs`.

#[rustfmt::skip]
mod table;
pub(crate) use table::TAB;
use table::{A, B, LN2HI, LN2LO};

/// Bits of the lower end of the reduced range, `OFF` ≈ 0.6875.
pub(crate) const OFF: u64 = 0x3fe6_0000_0000_0000;
/// `asuint64(1 - 2^-4)` and `asuint64(1 + 0x1.09p-4)`: the near-1 path is
/// `ix - NEAR_LO < NEAR_HI - NEAR_LO`.
pub(crate) const NEAR_LO: u64 = 0x3fee_0000_0000_0000;
pub(crate) const NEAR_HI: u64 = 0x3ff1_0900_0000_0000;

#[inline(always)]
pub(crate) fn a(i: usize) -> f64 {
    f64::from_bits(A[i])
}
#[inline(always)]
pub(crate) fn b(i: usize) -> f64 {
    f64::from_bits(B[i])
}
#[inline(always)]
pub(crate) fn ln2hi() -> f64 {
    f64::from_bits(LN2HI)
}
#[inline(always)]
pub(crate) fn ln2lo() -> f64 {
    f64::from_bits(LN2LO)
}

/// The path near 1 (`r = x - 1`, `|r| < 0x1.09p-4`), every step as glibc's
/// FMA build takes it.
#[inline(always)]
pub(crate) fn log_near1(x: f64) -> f64 {
    let r = x - 1.0;
    let r2 = r * r;
    let r3 = r * r2;
    let p1 = r2.mul_add(b(3), r.mul_add(b(2), b(1)));
    let p2 = r2.mul_add(b(6), r.mul_add(b(5), b(4)));
    let p3 = r3.mul_add(b(10), r2.mul_add(b(9), r.mul_add(b(8), b(7))));
    let q = p3.mul_add(r3, p2).mul_add(r3, p1);
    // w = r * 2^27; rhi = r + w - w, the first sum fused and the
    // subtraction fused too (as `-(2^27 * r) + t`).
    let t = r.mul_add(134_217_728.0, r);
    let rhi = (-134_217_728.0f64).mul_add(r, t);
    let rlo = r - rhi;
    let rhi2 = rhi * rhi;
    let hi = rhi2.mul_add(b(0), r);
    let lo = rhi2.mul_add(b(0), r - hi);
    let lo = (b(0) * rlo).mul_add(rhi + r, lo);
    hi + r3.mul_add(q, lo)
}

/// The table path for the bit pattern `ix` of a positive normal double.
#[inline(always)]
pub(crate) fn log_table(ix: u64) -> f64 {
    let tmp = ix.wrapping_sub(OFF);
    let i = ((tmp >> 45) & 127) as usize;
    let k = (tmp as i64) >> 52;
    let iz = ix.wrapping_sub(tmp & (0xfff << 52));
    let [invc, logc] = TAB[i].map(f64::from_bits);
    let z = f64::from_bits(iz);
    let r = z.mul_add(invc, -1.0);
    let kd = k as f64;
    let w = kd.mul_add(ln2hi(), logc);
    let hi = w + r;
    let lo = kd.mul_add(ln2lo(), (w - hi) + r);
    let r2 = r * r;
    let r3 = r * r2;
    let p = r2.mul_add(r.mul_add(a(4), a(3)), r.mul_add(a(2), a(1)));
    r3.mul_add(p, r2.mul_add(a(0), lo)) + hi
}

/// glibc's double `log`, bit for bit on every input (NaN payloads as the
/// x86-64 hardware makes them). Pure Rust; `f64::mul_add` is the fused step.
#[inline]
pub fn log(x: f64) -> f64 {
    log_inline(x)
}

/// [`log`], always inlined (FMA-enabled callers get FMA instructions).
#[inline(always)]
pub(crate) fn log_inline(x: f64) -> f64 {
    let mut ix = x.to_bits();
    if ix.wrapping_sub(NEAR_LO) < NEAR_HI - NEAR_LO {
        if ix == 0x3ff0_0000_0000_0000 {
            return 0.0;
        }
        return log_near1(x);
    }
    let top = (ix >> 48) as u32;
    if top.wrapping_sub(0x0010) >= 0x7ff0 - 0x0010 {
        if ix.wrapping_mul(2) == 0 {
            // __math_divzero(1): -1.0 / 0.0.
            return f64::NEG_INFINITY;
        }
        if ix == 0x7ff0_0000_0000_0000 {
            return x;
        }
        if top & 0x8000 != 0 || top & 0x7ff0 == 0x7ff0 {
            // __math_invalid: (x - x) / (x - x), the NaN the hardware makes.
            #[allow(clippy::eq_op)]
            let nan = (x - x) / (x - x);
            return nan;
        }
        // Subnormal: scale into the normal range (exact).
        ix = (x * 4_503_599_627_370_496.0)
            .to_bits()
            .wrapping_sub(52 << 52);
    }
    log_table(ix)
}
