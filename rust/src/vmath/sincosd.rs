//! Scalar replica of glibc's double `sincos` (the IBM Accurate Mathematical
//! Library's `do_sin`/`do_cos` with its 110-entry table, glibc ≥ 2.28) as
//! the x86-64 FMA ifunc variant (`__sincos_fma`, `-mfma -mavx2`) evaluates
//! it, for `|x| < 105414350` — every path but the Payne–Hanek reduction
//! (`__branred`) of larger arguments, which [`sincos_fast`] leaves to the
//! caller.  The fused steps are where GCC contracted glibc's C, read off the
//! disassembly of `__sincos_fma` in Debian 12's glibc 2.36; the constants and
//! table are its values.  Tested against [`crate::libm::sincos`] in
//! `sincosd_tests.rs`.

#[rustfmt::skip]
mod table;
pub(crate) use table::SINCOSTAB;

/// `|x|` bits below which `sin x = x`, `cos x = 1` (`2^-27`).
pub(crate) const TINY: u64 = 0x3e40_0000 << 32;
/// `|x|` bits below which `x` is used unreduced (0.85546875).
pub(crate) const SMALL: u64 = 0x3feb_6000 << 32;
/// `|x|` bits below which `x` is reduced against `π/2` alone (2.426265).
pub(crate) const MIDDLE: u64 = 0x4003_68fd << 32;
/// `|x|` bits from which glibc calls `__branred` (105414350).
pub(crate) const FAST_END: u64 = 0x4199_21fb << 32;

pub(crate) const HP0: f64 = f64::from_bits(0x3ff9_21fb_5444_2d18);
pub(crate) const HP1: f64 = f64::from_bits(0x3c91_a626_3314_5c07);
/// `1.5 * 2^45`: adding it rounds `|a|` to a multiple of 1/128 whose
/// low word is the table index.
pub(crate) const BIG: f64 = f64::from_bits(0x42c8_0000_0000_0000);
pub(crate) const SN3: f64 = f64::from_bits(0xbfc5_5555_5555_5515);
pub(crate) const SN5: f64 = f64::from_bits(0x3f81_1110_e829_872f);
pub(crate) const CS2: f64 = 0.5;
pub(crate) const CS4: f64 = f64::from_bits(0xbfa5_5555_5555_5535);
pub(crate) const CS6: f64 = f64::from_bits(0x3f56_c16b_edd9_e239);
/// `TAYLOR_SIN`'s `s1 .. s5`.
pub(crate) const S: [f64; 5] = [
    f64::from_bits(0xbfc5_5555_5555_5555),
    f64::from_bits(0x3f81_1111_1111_0ece),
    f64::from_bits(0xbf2a_01a0_19db_08b8),
    f64::from_bits(0x3ec7_1de2_7b9a_7ed9),
    f64::from_bits(0xbe5a_ddff_c2fc_df59),
];
/// `|a|` below which `do_sin` is `TAYLOR_SIN`.
pub(crate) const TAYLOR_END: f64 = f64::from_bits(0x3fc0_20c4_9ba5_e354);
pub(crate) const TOINT: f64 = f64::from_bits(0x4338_0000_0000_0000);
pub(crate) const HPINV: f64 = f64::from_bits(0x3fe4_5f30_6dc9_c883);
pub(crate) const MP1: f64 = f64::from_bits(0x3ff9_21fb_5800_0000);
pub(crate) const MP2: f64 = f64::from_bits(0xbe4d_de97_3c00_0000);
pub(crate) const PP3: f64 = f64::from_bits(0xbc8c_b3b3_9800_0000);
pub(crate) const PP4: f64 = f64::from_bits(0xbacd_747f_23e3_2ed7);

/// `a` split for the table: `(xs, [sn, ssn, cs, ccs])` with
/// `xs = |a| - (round(|a| * 128) / 128)`.
#[inline(always)]
fn split(a: f64) -> (f64, [f64; 4]) {
    let u = BIG + a.abs();
    let xs = a.abs() - (u - BIG);
    let i = (u.to_bits() as u32) as usize;
    (xs, SINCOSTAB[i].map(f64::from_bits))
}

/// glibc's `do_sin(a, da)`, with `TAYLOR_SIN` for `|a| < 0.126`.
#[inline(always)]
pub(crate) fn do_sin(a: f64, da: f64) -> f64 {
    if a.abs() < TAYLOR_END {
        let xx = a * a;
        let p = xx.mul_add(S[4], S[3]);
        let p = xx.mul_add(p, S[2]);
        let p = xx.mul_add(p, S[1]);
        let p = xx.mul_add(p, S[0]);
        let t = xx.mul_add(p.mul_add(a, -(0.5 * da)), da);
        return a + t;
    }
    let dx = if a <= 0.0 { -da } else { da };
    let (xs, [sn, ssn, cs, ccs]) = split(a);
    let xx = xs * xs;
    let s = (xs * xx).mul_add(xx.mul_add(SN5, SN3), dx) + xs;
    let c = dx.mul_add(xs, xx * xx.mul_add(xx.mul_add(CS6, CS4), CS2));
    let cor = s.mul_add(cs, (-c).mul_add(sn, s.mul_add(ccs, ssn)));
    (sn + cor).copysign(a)
}

/// glibc's `do_cos(a, da)`.
#[inline(always)]
pub(crate) fn do_cos(a: f64, da: f64) -> f64 {
    let dx = if a < 0.0 { -da } else { da };
    let (xs, [sn, ssn, cs, ccs]) = split(a);
    let x = xs + dx;
    let xx = x * x;
    let s = (x * xx).mul_add(xx.mul_add(SN5, SN3), x);
    let c = xx * xx.mul_add(xx.mul_add(CS6, CS4), CS2);
    let cor = (-s).mul_add(sn, (-c).mul_add(cs, (-s).mul_add(ssn, ccs)));
    cor + cs
}

/// `reduce_sincos`: `x = n π/2 + (a + da)` for `|x| < 105414350`, returning
/// `(a, da, n mod 4)`.
#[inline(always)]
pub(crate) fn reduce(x: f64) -> (f64, f64, u32) {
    let t = x.mul_add(HPINV, TOINT);
    let xn = t - TOINT;
    let n = (t.to_bits() as u32) & 3;
    let y = (-xn).mul_add(MP2, (-xn).mul_add(MP1, x));
    let t2 = (-xn).mul_add(PP3, y);
    let db = (-xn).mul_add(PP3, y - t2);
    let b = (-xn).mul_add(PP4, t2);
    let db = db + (-xn).mul_add(PP4, t2 - b);
    (b, db, n)
}

/// glibc's `sincos(x)` for `|x| < 105414350` (either sign), bit for bit;
/// `None` for larger, infinite or NaN `x` (glibc's `__branred` path and
/// special cases, which callers take from libm).
#[inline(always)]
pub fn sincos_fast(x: f64) -> Option<(f64, f64)> {
    let ax = x.to_bits() & !(1 << 63);
    if ax < TINY {
        Some((x, 1.0))
    } else if ax < SMALL {
        Some((do_sin(x, 0.0), do_cos(x, 0.0)))
    } else if ax < MIDDLE {
        let y = HP0 - x.abs();
        let a = y + HP1;
        let da = (y - a) + HP1;
        Some((do_cos(a, da).copysign(x), do_sin(a, da)))
    } else if ax < FAST_END {
        let (a, da, n) = reduce(x);
        let (a, da) = if n == 1 || n == 2 { (-a, -da) } else { (a, da) };
        let s = do_sin(a, da);
        let c = do_cos(a, da);
        let c = if n & 2 != 0 { -c } else { c };
        Some(if n & 1 != 0 { (c, s) } else { (s, c) })
    } else {
        None
    }
}
