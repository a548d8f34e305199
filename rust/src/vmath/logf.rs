//! Scalar replica of glibc's `logf` (glibc 2.28+, the ARM optimized-routines
//! algorithm), as the x86-64 FMA ifunc variant (`__logf_fma`) evaluates it.
//!
//! The algorithm: write `x = 2^k z` with `z` in `[OFF, 2 OFF)` (`OFF` ≈ 0.7),
//! pick one of 16 subintervals of `z` by 4 mantissa bits, and with that
//! subinterval's `invc ≈ 1/c` and `logc = log(c)`:
//!
//! ```text
//! r  = z * invc - 1                      (fused)
//! y0 = k * ln2 + logc                    (fused)
//! y  = A0 r^4 + A1 r^3 + A2 r^2 + y0 + r (three fused steps, see below)
//! ```
//!
//! all in double precision, rounded to float once at the end.  The FMA
//! contraction pattern below is read off the disassembly of `__logf_fma` in
//! Debian 12's glibc 2.36 and verified exhaustively against it.

/// Table of `(invc, logc)` pairs, one per subinterval of `[OFF, 2 OFF)`.
pub(crate) const INVC: [f64; 16] = [
    1.398907162146528,
    1.3403141896637998,
    1.286432210124115,
    1.2367150214269895,
    1.1906977166711752,
    1.1479821020556429,
    1.1082251448272158,
    1.0711297413057381,
    1.036437278977283,
    1.0,
    0.9492859795739057,
    0.8951049428609004,
    0.8476821620351103,
    0.8050314851692001,
    0.7664671008843108,
    0.731428603316328,
];

pub(crate) const LOGC: [f64; 16] = [
    -0.33569133332882284,
    -0.2929040563774074,
    -0.2518726580937369,
    -0.21245868807117255,
    -0.17453945183745634,
    -0.1380057072319758,
    -0.10275976698545139,
    -0.06871392447020525,
    -0.0357891387398228,
    0.0,
    0.05204517742929496,
    0.11081431298787942,
    0.1652495223695143,
    0.21687389031699977,
    0.2659635028121397,
    0.3127556664073557,
];

/// `ln 2` in double.
pub(crate) const LN2: f64 = std::f64::consts::LN_2;
/// Polynomial for `log1p(r) - r`: `A0 r^4 + A1 r^3 + A2 r^2`.
pub(crate) const A0: f64 = -0.25089342214237154;
pub(crate) const A1: f64 = 0.333456765744066;
pub(crate) const A2: f64 = -0.4999997485802103;

/// Bits of the lower end of the reduced range, `OFF` ≈ 0.6992.
pub(crate) const OFF: u32 = 0x3f33_0000;
/// Mask of the exponent field plus sign (`0x1ff << 23` in 32 bits).
pub(crate) const EXP_MASK: u32 = 0xff80_0000;

/// The fused core shared by every backend's scalar reference: `ix` is the bit
/// pattern of a positive normal float.
#[inline(always)]
pub(crate) fn logf_core(ix: u32) -> f32 {
    let tmp = ix.wrapping_sub(OFF);
    let i = ((tmp >> 19) & 15) as usize;
    let k = (tmp as i32) >> 23;
    let iz = ix.wrapping_sub(tmp & EXP_MASK);
    let z = f32::from_bits(iz) as f64;
    let r = z.mul_add(INVC[i], -1.0);
    let y0 = (k as f64).mul_add(LN2, LOGC[i]);
    let r2 = r * r;
    let y = r.mul_add(A1, A2);
    let y = r2.mul_add(A0, y);
    let y = y.mul_add(r2, y0 + r);
    y as f32
}

/// glibc's `logf`, bit for bit (for every input, NaN payloads included on
/// x86-64). Pure Rust; `f64::mul_add` supplies the fused steps.
#[inline]
pub fn logf(x: f32) -> f32 {
    logf_inline(x)
}

/// [`logf`], always inlined (so that callers compiled with FMA enabled get
/// FMA instructions rather than calls to the C runtime's `fma`).
#[inline(always)]
pub(crate) fn logf_inline(x: f32) -> f32 {
    let mut ix = x.to_bits();
    if ix == 0x3f80_0000 {
        // Exactly zero for x == 1 whatever the rounding mode.
        return 0.0;
    }
    if ix.wrapping_sub(0x0080_0000) >= 0x7f80_0000 - 0x0080_0000 {
        // x < 2^-126, x is +inf, or x is NaN / negative.
        if ix.wrapping_mul(2) == 0 {
            // logf(±0) = -inf (glibc: -1.0f / 0.0f).
            return f32::NEG_INFINITY;
        }
        if ix == 0x7f80_0000 {
            return x;
        }
        if ix & 0x8000_0000 != 0 || ix.wrapping_mul(2) >= 0xff00_0000 {
            // glibc's __math_invalidf: (x - x) / (x - x), the very NaN the
            // hardware makes of it (on x86-64, the negative default NaN or
            // x quietened).
            #[allow(clippy::eq_op)]
            let nan = (x - x) / (x - x);
            return nan;
        }
        // Positive subnormal: scale it into the normal range (exact).
        ix = (x * 8_388_608.0f32).to_bits().wrapping_sub(23 << 23);
    }
    logf_core(ix)
}
