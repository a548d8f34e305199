//! Scalar replica of glibc's `sincosf` (glibc 2.28+, the ARM
//! optimized-routines algorithm), as the x86-64 FMA ifunc variant
//! (`__sincosf_fma`) evaluates it.
//!
//! Paths, by `abstop12(y)` (the top 12 bits of `|y|`'s float pattern):
//!
//! * `|y| < 2^-12`: `(y, 1)`.
//! * `|y| < 0.75` (the top bits of π/4): no reduction, quadrant 0.
//! * `|y| < 120`: `n = round(y · 2/π)` (computed by truncating a 2^24-scaled
//!   product), `x = y - n·π/2` in one fused step.
//! * finite `|y| ≥ 120`: exact fixed-point reduction with a 192-bit table of
//!   4/π; the reduced argument is rounded to double.
//! * inf / NaN: `y - y` for both.
//!
//! Then both polynomials, in double, with every `a + b·c` fused (read off the
//! disassembly of `__sincosf_fma` in Debian 12's glibc 2.36 and verified
//! exhaustively against it), rounded to float once.  Odd quadrants swap sine
//! and cosine; the quadrant's signs come from `SIGN` (sine polynomial input)
//! and from the second table, which negates the cosine polynomial.

/// The cosine polynomial `c0 + c1 x² + c2 x⁴ + c3 x⁶ + c4 x⁸` and the sine
/// polynomial `x + s1 x³ + s2 x⁵ + s3 x⁷`.
#[derive(Clone, Copy)]
pub(crate) struct Poly {
    pub c0: f64,
    pub c1: f64,
    pub c2: f64,
    pub c3: f64,
    pub c4: f64,
    pub s1: f64,
    pub s2: f64,
    pub s3: f64,
}

pub(crate) const C0: f64 = 1.0;
pub(crate) const C1: f64 = -0.49999999725108224;
pub(crate) const C2: f64 = 0.041666623324344516;
pub(crate) const C3: f64 = -0.001388676379437604;
pub(crate) const C4: f64 = 2.4390450703564542e-5;
pub(crate) const S1: f64 = -0.16666654943701084;
pub(crate) const S2: f64 = 0.008332178146138854;
pub(crate) const S3: f64 = -0.00019517298981385725;

/// Table 0 and table 1 (cosine polynomial negated), as glibc keeps them.
const TABLE: [Poly; 2] = [
    Poly {
        c0: C0,
        c1: C1,
        c2: C2,
        c3: C3,
        c4: C4,
        s1: S1,
        s2: S2,
        s3: S3,
    },
    Poly {
        c0: -C0,
        c1: -C1,
        c2: -C2,
        c3: -C3,
        c4: -C4,
        s1: S1,
        s2: S2,
        s3: S3,
    },
];

/// Sign of the sine polynomial's argument in quadrants 0..3.
const SIGN: [f64; 4] = [1.0, -1.0, -1.0, 1.0];
/// 2/π · 2^24 (x86-64 glibc has no fast round-to-int, so it truncates a
/// scaled product instead).
pub(crate) const HPI_INV_2P24: f64 = 10680707.430881744;
/// π/2 in double.
pub(crate) const HPI: f64 = std::f64::consts::FRAC_PI_2;
/// 2π · 2^-64.
pub(crate) const PI63: f64 = 3.4061215800865545e-19;
/// 4/π to 192 bits, 8 new bits per entry.
const INV_PIO4: [u32; 24] = [
    0xa2, 0xa2f9, 0xa2f983, 0xa2f9836e, 0xf9836e4e, 0x836e4e44, 0x6e4e4415, 0x4e441529, 0x441529fc,
    0x1529fc27, 0x29fc2757, 0xfc2757d1, 0x2757d1f5, 0x57d1f534, 0xd1f534dd, 0xf534ddc0, 0x34ddc0db,
    0xddc0db62, 0xc0db6295, 0xdb629599, 0x6295993c, 0x95993c43, 0x993c4390, 0x3c439041,
];

/// `abstop12` thresholds: 2^-12, 0.75 (π/4 rounded to float, top 12 bits),
/// 120, and infinity.
pub(crate) const TOP_TINY: u32 = 0x398;
pub(crate) const TOP_PIO4: u32 = 0x3f4;
pub(crate) const TOP_120: u32 = 0x42f;
const TOP_INF: u32 = 0x7f8;

#[inline(always)]
fn abstop12(y: f32) -> u32 {
    (y.to_bits() >> 20) & 0x7ff
}

/// Both polynomials at `x` (sign already applied) with `x2 = x²`; returns
/// `(sin, cos)` with the odd-quadrant swap done.
#[inline(always)]
fn poly(x: f64, x2: f64, p: &Poly, n: u32) -> (f32, f32) {
    let x4 = x2 * x2;
    let x3 = x2 * x;
    let c2 = x2.mul_add(p.c4, p.c3);
    let s1 = x2.mul_add(p.s3, p.s2);
    let c1 = x2.mul_add(p.c1, p.c0);
    let x5 = x3 * x2;
    let x6 = x4 * x2;
    let s = x3.mul_add(p.s1, x);
    let c = x4.mul_add(p.c2, c1);
    let sin = x5.mul_add(s1, s) as f32;
    let cos = x6.mul_add(c2, c) as f32;
    if n & 1 != 0 {
        (cos, sin)
    } else {
        (sin, cos)
    }
}

/// The fast reduction for `|y| < 120`: quadrant and `y - n·π/2` (fused).
#[inline(always)]
pub(crate) fn reduce_fast(x: f64) -> (f64, i32) {
    let r = x * HPI_INV_2P24;
    // |r| < 2^31 here, so the truncating conversion is exact C semantics.
    let n = (r as i32).wrapping_add(0x80_0000) >> 24;
    ((-(n as f64)).mul_add(HPI, x), n)
}

/// Exact reduction for large finite `|y|` (the sign bit is ignored).
#[inline]
fn reduce_large(xi: u32) -> (f64, u32) {
    let arr = &INV_PIO4[((xi >> 26) & 15) as usize..];
    let shift = (xi >> 23) & 7;
    let m = ((xi & 0xff_ffff) | 0x80_0000) << shift;
    let res0 = m.wrapping_mul(arr[0]) as u64;
    let res1 = m as u64 * arr[4] as u64;
    let res2 = m as u64 * arr[8] as u64;
    let mut res = ((res2 >> 32) | (res0 << 32)).wrapping_add(res1);
    let n = res.wrapping_add(1 << 61) >> 62;
    res = res.wrapping_sub(n << 62);
    ((res as i64) as f64 * PI63, n as u32)
}

/// glibc's `sincosf`: `(sin y, cos y)`, bit for bit, for every input (NaN
/// payloads included on x86-64).  Pure Rust; `f64::mul_add` supplies the
/// fused steps.
#[inline]
pub fn sincosf(y: f32) -> (f32, f32) {
    sincosf_inline(y)
}

/// [`sincosf`], always inlined (so that callers compiled with FMA enabled get
/// FMA instructions rather than calls to the C runtime's `fma`).
#[inline(always)]
pub(crate) fn sincosf_inline(y: f32) -> (f32, f32) {
    let x = y as f64;
    let top = abstop12(y);
    if top < TOP_PIO4 {
        if top < TOP_TINY {
            return (y, 1.0);
        }
        poly(x, x * x, &TABLE[0], 0)
    } else if top < TOP_120 {
        let (x, n) = reduce_fast(x);
        let n = n as u32;
        let s = SIGN[(n & 3) as usize];
        let p = &TABLE[((n >> 1) & 1) as usize];
        poly(x * s, x * x, p, n)
    } else if top < TOP_INF {
        let xi = y.to_bits();
        let sign = xi >> 31;
        let (x, n) = reduce_large(xi);
        let q = n.wrapping_add(sign);
        let s = SIGN[(q & 3) as usize];
        let p = &TABLE[((q >> 1) & 1) as usize];
        poly(x * s, x * x, p, n)
    } else {
        // glibc returns `y - y`: the default NaN for ±inf, y quietened for NaN.
        #[allow(clippy::eq_op)]
        let nan = y - y;
        (nan, nan)
    }
}
