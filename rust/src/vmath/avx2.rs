//! AVX2 + FMA kernels: 8 floats per step, the double-precision work in two
//! halves of 4 lanes.
//!
//! Vector domain: `logf` for positive normal finite inputs, `sincosf` for
//! `|x| < 120`; the slice functions send any 8-lane chunk with a lane
//! outside it to the scalar replicas.

use core::arch::x86_64::*;

use super::logf::{A0, A1, A2, EXP_MASK, INVC, LN2, LOGC, OFF};
use super::sincosf::{C0, C1, C2, C3, C4, HPI, HPI_INV_2P24, S1, S2, S3, TOP_120, TOP_TINY};

const LANES: usize = 8;

pub fn is_supported() -> bool {
    is_x86_feature_detected!("avx2") && is_x86_feature_detected!("fma")
}

/// Whether the scalar replicas can run with FMA instructions (same code and
/// results; without this, `f64::mul_add` is a call to the C runtime's `fma`).
pub fn scalar_fma_is_supported() -> bool {
    is_x86_feature_detected!("fma")
}

pub fn logf_slice_scalar_fma(xs: &[f32], out: &mut [f32]) {
    assert!(scalar_fma_is_supported());
    // SAFETY: the CPU supports FMA, the only feature the callee enables.
    unsafe { with_fma::logf_slice(xs, out) }
}

pub fn sincosf_slice_scalar_fma(xs: &[f32], sin: &mut [f32], cos: &mut [f32]) {
    assert!(scalar_fma_is_supported());
    // SAFETY: the CPU supports FMA, the only feature the callee enables.
    unsafe { with_fma::sincosf_slice(xs, sin, cos) }
}

pub fn box_muller_slice_scalar_fma(x0: &[u32], x1: &[u32], out0: &mut [f32], out1: &mut [f32]) {
    assert!(scalar_fma_is_supported());
    // SAFETY: the CPU supports FMA, the only feature the callee enables.
    unsafe { with_fma::box_muller_slice(x0, x1, out0, out1) }
}

/// The portable scalar loops, inlined into FMA-enabled functions.
mod with_fma {
    #[target_feature(enable = "fma")]
    pub fn logf_slice(xs: &[f32], out: &mut [f32]) {
        super::super::logf_slice_scalar(xs, out)
    }

    #[target_feature(enable = "fma")]
    pub fn sincosf_slice(xs: &[f32], sin: &mut [f32], cos: &mut [f32]) {
        super::super::sincosf_slice_scalar(xs, sin, cos)
    }

    #[target_feature(enable = "fma")]
    pub fn box_muller_slice(x0: &[u32], x1: &[u32], out0: &mut [f32], out1: &mut [f32]) {
        super::super::box_muller_slice_scalar(x0, x1, out0, out1)
    }
}

/// A 16-entry table of doubles split into 32-bit halves, as four registers of
/// 8 floats: `[low 0..8, low 8..16, high 0..8, high 8..16]`. Looking up 8
/// lanes takes 4 in-register permutes and 2 blends, about half the cost of
/// the 4-lane gathers it replaces on Zen 3 (gathers are microcoded there).
type SplitTable = [__m256; 4];

/// `t`'s halves: word `h` (0 low, 1 high) of each entry, as f32 bit patterns.
const fn halves(t: &[f64; 16], h: u32) -> [u32; 16] {
    let mut out = [0u32; 16];
    let mut i = 0;
    while i < 16 {
        out[i] = (t[i].to_bits() >> (32 * h)) as u32;
        i += 1;
    }
    out
}

static INVC_HALVES: [[u32; 16]; 2] = [halves(&INVC, 0), halves(&INVC, 1)];
static LOGC_HALVES: [[u32; 16]; 2] = [halves(&LOGC, 0), halves(&LOGC, 1)];

/// The `logf` tables in registers, loaded once per slice.
#[derive(Clone, Copy)]
struct LogTable {
    invc: SplitTable,
    logc: SplitTable,
}

impl LogTable {
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    fn load() -> Self {
        let split = |h: &[[u32; 16]; 2]| {
            // SAFETY: each pointer addresses 8 in-bounds u32 of a 16-entry
            // static array; `loadu` has no alignment requirement.
            unsafe {
                [
                    _mm256_loadu_ps(h[0].as_ptr().cast()),
                    _mm256_loadu_ps(h[0].as_ptr().add(8).cast()),
                    _mm256_loadu_ps(h[1].as_ptr().cast()),
                    _mm256_loadu_ps(h[1].as_ptr().add(8).cast()),
                ]
            }
        };
        LogTable {
            invc: split(&INVC_HALVES),
            logc: split(&LOGC_HALVES),
        }
    }
}

/// `t[idx]` for 8 lanes, as the doubles of lanes 0..4 and 4..8. `pidx` is
/// the index vector with its lanes in the order 0 1 4 5 2 3 6 7 (so that
/// the in-lane unpacks give lanes 0..4 then 4..8) and `sel` has bit 3 of
/// each index in its sign bit.
#[inline]
#[target_feature(enable = "avx2,fma")]
fn lookup8(t: &SplitTable, pidx: __m256i, sel: __m256) -> (__m256d, __m256d) {
    let pick = |a: __m256, b: __m256| {
        _mm256_blendv_ps(
            _mm256_permutevar8x32_ps(a, pidx),
            _mm256_permutevar8x32_ps(b, pidx),
            sel,
        )
    };
    let lo = pick(t[0], t[1]);
    let hi = pick(t[2], t[3]);
    (
        _mm256_castps_pd(_mm256_unpacklo_ps(lo, hi)),
        _mm256_castps_pd(_mm256_unpackhi_ps(lo, hi)),
    )
}

/// 4 lanes of the `logf` core: `z` the reduced float, `k` the exponent,
/// `invc` and `logc` the subinterval's table entries.
#[inline]
#[target_feature(enable = "avx2,fma")]
fn logf4(z: __m128, k: __m128i, invc: __m256d, logc: __m256d) -> __m128 {
    let z = _mm256_cvtps_pd(z);
    let k = _mm256_cvtepi32_pd(k);
    let r = _mm256_fmadd_pd(z, invc, _mm256_set1_pd(-1.0));
    let y0 = _mm256_fmadd_pd(k, _mm256_set1_pd(LN2), logc);
    let r2 = _mm256_mul_pd(r, r);
    let y = _mm256_fmadd_pd(r, _mm256_set1_pd(A1), _mm256_set1_pd(A2));
    let y = _mm256_fmadd_pd(r2, _mm256_set1_pd(A0), y);
    let y = _mm256_fmadd_pd(y, r2, _mm256_add_pd(y0, r));
    _mm256_cvtpd_ps(y)
}

/// `logf` of 8 positive normal floats given as bit patterns.
#[inline]
#[target_feature(enable = "avx2,fma")]
fn logf8(t: &LogTable, ix: __m256i) -> __m256 {
    let tmp = _mm256_sub_epi32(ix, _mm256_set1_epi32(OFF as i32));
    // Only the low 4 bits of each index matter (3 to the permutes, bit 3
    // to the blends).
    let idx = _mm256_srli_epi32::<19>(tmp);
    let pidx = _mm256_permutevar8x32_epi32(idx, _mm256_setr_epi32(0, 1, 4, 5, 2, 3, 6, 7));
    let sel = _mm256_castsi256_ps(_mm256_slli_epi32::<28>(pidx));
    let (invc_lo, invc_hi) = lookup8(&t.invc, pidx, sel);
    let (logc_lo, logc_hi) = lookup8(&t.logc, pidx, sel);
    let k = _mm256_srai_epi32::<23>(tmp);
    let iz = _mm256_sub_epi32(
        ix,
        _mm256_and_si256(tmp, _mm256_set1_epi32(EXP_MASK as i32)),
    );
    let z = _mm256_castsi256_ps(iz);
    let lo = logf4(
        _mm256_castps256_ps128(z),
        _mm256_castsi256_si128(k),
        invc_lo,
        logc_lo,
    );
    let hi = logf4(
        _mm256_extractf128_ps::<1>(z),
        _mm256_extracti128_si256::<1>(k),
        invc_hi,
        logc_hi,
    );
    _mm256_set_m128(hi, lo)
}

/// Whether any lane is outside the vector `logf` domain.
#[inline]
#[target_feature(enable = "avx2,fma")]
fn logf_any_bad(ix: __m256i) -> bool {
    // Unsigned `ix - 2^23 >= 0x7f000000`, as a signed compare on flipped signs.
    let flip = _mm256_set1_epi32(i32::MIN);
    let t = _mm256_xor_si256(_mm256_sub_epi32(ix, _mm256_set1_epi32(0x0080_0000)), flip);
    let lim = _mm256_xor_si256(_mm256_set1_epi32(0x7eff_ffff), flip);
    _mm256_movemask_epi8(_mm256_cmpgt_epi32(t, lim)) != 0
}

/// Sine and cosine polynomials of 4 lanes (`|x| < 120`), before the quadrant
/// swap and signs: returns `(S, C, n)` with `n` the quadrant number.
#[inline]
#[target_feature(enable = "avx2,fma")]
fn sincos4(y: __m128) -> (__m128, __m128, __m128i) {
    let x = _mm256_cvtps_pd(y);
    let r = _mm256_mul_pd(x, _mm256_set1_pd(HPI_INV_2P24));
    let n = _mm256_cvttpd_epi32(r);
    let n = _mm_srai_epi32::<24>(_mm_add_epi32(n, _mm_set1_epi32(0x80_0000)));
    let x = _mm256_fnmadd_pd(_mm256_cvtepi32_pd(n), _mm256_set1_pd(HPI), x);
    let x2 = _mm256_mul_pd(x, x);
    let x4 = _mm256_mul_pd(x2, x2);
    let x3 = _mm256_mul_pd(x2, x);
    let c2 = _mm256_fmadd_pd(x2, _mm256_set1_pd(C4), _mm256_set1_pd(C3));
    let s1 = _mm256_fmadd_pd(x2, _mm256_set1_pd(S3), _mm256_set1_pd(S2));
    let c1 = _mm256_fmadd_pd(x2, _mm256_set1_pd(C1), _mm256_set1_pd(C0));
    let x5 = _mm256_mul_pd(x3, x2);
    let x6 = _mm256_mul_pd(x4, x2);
    let s = _mm256_fmadd_pd(x3, _mm256_set1_pd(S1), x);
    let c = _mm256_fmadd_pd(x4, _mm256_set1_pd(C2), c1);
    let s = _mm256_fmadd_pd(x5, s1, s);
    let c = _mm256_fmadd_pd(x6, c2, c);
    (_mm256_cvtpd_ps(s), _mm256_cvtpd_ps(c), n)
}

/// `sincosf` of 8 floats with `|y| < 120`: `(sin, cos)`.
#[inline]
#[target_feature(enable = "avx2,fma")]
fn sincos8(y: __m256) -> (__m256, __m256) {
    let (s_lo, c_lo, n_lo) = sincos4(_mm256_castps256_ps128(y));
    let (s_hi, c_hi, n_hi) = sincos4(_mm256_extractf128_ps::<1>(y));
    let s = _mm256_set_m128(s_hi, s_lo);
    let c = _mm256_set_m128(c_hi, c_lo);
    let n = _mm256_set_m128i(n_hi, n_lo);
    // |y| < 2^-12: (y, 1) (there n == 0, so the fix-ups below keep it).
    let ay = _mm256_and_si256(_mm256_castps_si256(y), _mm256_set1_epi32(0x7fff_ffff));
    let tiny = _mm256_castsi256_ps(_mm256_cmpgt_epi32(
        _mm256_set1_epi32((TOP_TINY << 20) as i32),
        ay,
    ));
    let s = _mm256_blendv_ps(s, y, tiny);
    let c = _mm256_blendv_ps(c, _mm256_set1_ps(1.0), tiny);
    // Odd quadrants swap (blendv reads bit 31 = bit 0 of n shifted up); sin
    // is negated in quadrants 2, 3 and cos in 1, 2.
    let odd = _mm256_castsi256_ps(_mm256_slli_epi32::<31>(n));
    let sin = _mm256_blendv_ps(s, c, odd);
    let cos = _mm256_blendv_ps(c, s, odd);
    let two = _mm256_set1_epi32(2);
    let sin_sign = _mm256_slli_epi32::<30>(_mm256_and_si256(n, two));
    let cos_sign = _mm256_slli_epi32::<30>(_mm256_and_si256(
        _mm256_add_epi32(n, _mm256_set1_epi32(1)),
        two,
    ));
    (
        _mm256_xor_ps(sin, _mm256_castsi256_ps(sin_sign)),
        _mm256_xor_ps(cos, _mm256_castsi256_ps(cos_sign)),
    )
}

/// Whether any lane is outside the vector `sincosf` domain (`|y| ≥ 120`,
/// inf, NaN).
#[inline]
#[target_feature(enable = "avx2,fma")]
fn sincos_any_bad(y: __m256) -> bool {
    let ay = _mm256_and_si256(_mm256_castps_si256(y), _mm256_set1_epi32(0x7fff_ffff));
    let lim = _mm256_set1_epi32(((TOP_120 << 20) - 1) as i32);
    _mm256_movemask_epi8(_mm256_cmpgt_epi32(ay, lim)) != 0
}

pub fn logf_slice(xs: &[f32], out: &mut [f32]) {
    assert!(is_supported() && xs.len() == out.len());
    // SAFETY: the CPU supports every feature `logf_slice_impl` enables.
    unsafe { logf_slice_impl(xs, out) }
}

#[target_feature(enable = "avx2,fma")]
fn logf_slice_impl(xs: &[f32], out: &mut [f32]) {
    let t = LogTable::load();
    let mut xc = xs.chunks_exact(LANES);
    let mut oc = out.chunks_exact_mut(LANES);
    for (x, o) in (&mut xc).zip(&mut oc) {
        // SAFETY: `x` holds exactly 8 f32; `loadu` needs no alignment.
        let ix = unsafe { _mm256_loadu_si256(x.as_ptr().cast()) };
        if logf_any_bad(ix) {
            super::logf_slice_scalar(x, o);
            continue;
        }
        let y = logf8(&t, ix);
        // SAFETY: `o` holds exactly 8 f32; `storeu` needs no alignment.
        unsafe { _mm256_storeu_ps(o.as_mut_ptr(), y) };
    }
    super::logf_slice_scalar(xc.remainder(), oc.into_remainder());
}

pub fn sincosf_slice(xs: &[f32], sin: &mut [f32], cos: &mut [f32]) {
    assert!(is_supported() && xs.len() == sin.len() && xs.len() == cos.len());
    // SAFETY: the CPU supports every feature `sincosf_slice_impl` enables.
    unsafe { sincosf_slice_impl(xs, sin, cos) }
}

#[target_feature(enable = "avx2,fma")]
fn sincosf_slice_impl(xs: &[f32], sin: &mut [f32], cos: &mut [f32]) {
    let mut xc = xs.chunks_exact(LANES);
    let mut sc = sin.chunks_exact_mut(LANES);
    let mut cc = cos.chunks_exact_mut(LANES);
    for ((x, s), c) in (&mut xc).zip(&mut sc).zip(&mut cc) {
        // SAFETY: `x` holds exactly 8 f32; `loadu` needs no alignment.
        let y = unsafe { _mm256_loadu_ps(x.as_ptr()) };
        if sincos_any_bad(y) {
            super::sincosf_slice_scalar(x, s, c);
            continue;
        }
        let (vs, vc) = sincos8(y);
        // SAFETY: `s` and `c` hold exactly 8 f32 each; no alignment needed.
        unsafe {
            _mm256_storeu_ps(s.as_mut_ptr(), vs);
            _mm256_storeu_ps(c.as_mut_ptr(), vc);
        }
    }
    super::sincosf_slice_scalar(xc.remainder(), sc.into_remainder(), cc.into_remainder());
}

/// 8 Box-Muller pairs from raw words.
#[inline]
#[target_feature(enable = "avx2,fma")]
fn box_muller8(t: &LogTable, x0: __m256i, x1: __m256i) -> (__m256, __m256) {
    let mant = _mm256_set1_epi32(0x7f_ffff);
    let one_bits = _mm256_set1_epi32(0x3f80_0000);
    let one = _mm256_set1_ps(1.0);
    // u1 = max(uint32_to_float(x0), 1e-7): positive normal, so the core applies.
    let u1 = _mm256_sub_ps(
        _mm256_castsi256_ps(_mm256_or_si256(_mm256_and_si256(x0, mant), one_bits)),
        one,
    );
    let u1 = _mm256_max_ps(u1, _mm256_set1_ps(1.0e-7));
    let log = logf8(t, _mm256_castps_si256(u1));
    let radius = _mm256_sqrt_ps(_mm256_mul_ps(log, _mm256_set1_ps(-2.0)));
    // v1 = (2π · uint32_to_float(x1) in double) rounded to float.
    let u = _mm256_sub_ps(
        _mm256_castsi256_ps(_mm256_or_si256(_mm256_and_si256(x1, mant), one_bits)),
        one,
    );
    let two_pi = _mm256_set1_pd(2.0 * core::f64::consts::PI);
    let v_lo = _mm256_cvtpd_ps(_mm256_mul_pd(
        _mm256_cvtps_pd(_mm256_castps256_ps128(u)),
        two_pi,
    ));
    let v_hi = _mm256_cvtpd_ps(_mm256_mul_pd(
        _mm256_cvtps_pd(_mm256_extractf128_ps::<1>(u)),
        two_pi,
    ));
    let (s, c) = sincos8(_mm256_set_m128(v_hi, v_lo));
    (_mm256_mul_ps(s, radius), _mm256_mul_ps(c, radius))
}

pub fn box_muller_slice(x0: &[u32], x1: &[u32], out0: &mut [f32], out1: &mut [f32]) {
    let n = x0.len();
    assert!(is_supported() && x1.len() == n && out0.len() == n && out1.len() == n);
    // SAFETY: the CPU supports every feature `box_muller_impl` enables.
    unsafe { box_muller_impl(x0, x1, out0, out1) }
}

#[target_feature(enable = "avx2,fma")]
fn box_muller_impl(x0: &[u32], x1: &[u32], out0: &mut [f32], out1: &mut [f32]) {
    let t = LogTable::load();
    let n = x0.len();
    let mut i = 0;
    while i + LANES <= n {
        // SAFETY: i + 8 <= n, the length of all four slices; unaligned loads
        // and stores.
        unsafe {
            let a = _mm256_loadu_si256(x0.as_ptr().add(i).cast());
            let b = _mm256_loadu_si256(x1.as_ptr().add(i).cast());
            let (s, c) = box_muller8(&t, a, b);
            _mm256_storeu_ps(out0.as_mut_ptr().add(i), s);
            _mm256_storeu_ps(out1.as_mut_ptr().add(i), c);
        }
        i += LANES;
    }
    if i < n {
        // The tail through a zero-padded buffer (zeros are in the domain).
        let rest = n - i;
        let mut a = [0u32; LANES];
        let mut b = [0u32; LANES];
        a[..rest].copy_from_slice(&x0[i..]);
        b[..rest].copy_from_slice(&x1[i..]);
        let mut s = [0f32; LANES];
        let mut c = [0f32; LANES];
        // SAFETY: the four buffers hold exactly 8 elements each.
        unsafe {
            let (vs, vc) = box_muller8(
                &t,
                _mm256_loadu_si256(a.as_ptr().cast()),
                _mm256_loadu_si256(b.as_ptr().cast()),
            );
            _mm256_storeu_ps(s.as_mut_ptr(), vs);
            _mm256_storeu_ps(c.as_mut_ptr(), vc);
        }
        out0[i..].copy_from_slice(&s[..rest]);
        out1[i..].copy_from_slice(&c[..rest]);
    }
}

/// Box-Muller on interleaved words, as Philox blocks lay them out: pair `p` is
/// `(words[2p], words[2p + 1])` and its `(sin·r, cos·r)` go to `out[2p]`,
/// `out[2p + 1]` — TensorFlow's output order — with no de/interleaving pass
/// through memory (in-lane shuffles only).
pub fn box_muller_interleaved(words: &[u32], out: &mut [f32]) {
    assert!(is_supported() && words.len() == out.len() && words.len().is_multiple_of(2));
    // SAFETY: the CPU supports every feature the implementation enables.
    unsafe { box_muller_interleaved_impl(words, out) }
}

#[target_feature(enable = "avx2,fma")]
fn box_muller_interleaved_impl(words: &[u32], out: &mut [f32]) {
    let t = LogTable::load();
    let n = words.len();
    let mut i = 0;
    while i + 2 * LANES <= n {
        // SAFETY: i + 16 <= n, the length of both slices; unaligned loads/stores.
        unsafe {
            let w0 = _mm256_loadu_ps(words.as_ptr().add(i).cast());
            let w1 = _mm256_loadu_ps(words.as_ptr().add(i + LANES).cast());
            // Even and odd words, within each 128-bit lane: the pairs in the
            // order p0 p1 p4 p5 | p2 p3 p6 p7. The lanes are independent, and
            // the unpacks below put every result back at its pair's place.
            let x0 = _mm256_castps_si256(_mm256_shuffle_ps::<0x88>(w0, w1));
            let x1 = _mm256_castps_si256(_mm256_shuffle_ps::<0xdd>(w0, w1));
            let (s, c) = box_muller8(&t, x0, x1);
            _mm256_storeu_ps(out.as_mut_ptr().add(i), _mm256_unpacklo_ps(s, c));
            _mm256_storeu_ps(out.as_mut_ptr().add(i + LANES), _mm256_unpackhi_ps(s, c));
        }
        i += 2 * LANES;
    }
    for (w, o) in words[i..].chunks_exact(2).zip(out[i..].chunks_exact_mut(2)) {
        (o[0], o[1]) = super::box_muller_float_inline(w[0], w[1]);
    }
}

/// [`super::accepted_bits`]: one compare and `movmskps` per 8 values.
pub fn accepted_bits(v: &[f32], limit: f32, bits: &mut [u64]) {
    assert!(is_supported() && bits.len() == v.len().div_ceil(64));
    // SAFETY: the CPU supports every feature the implementation enables.
    unsafe { accepted_bits_impl(v, limit, bits) }
}

#[target_feature(enable = "avx2,fma")]
fn accepted_bits_impl(v: &[f32], limit: f32, bits: &mut [u64]) {
    let lim = _mm256_set1_ps(limit);
    let sign = _mm256_set1_ps(-0.0);
    for (b, c) in bits.iter_mut().zip(v.chunks(64)) {
        let mut m = 0u64;
        let mut q = c.chunks_exact(LANES);
        for (k, x) in (&mut q).enumerate() {
            // SAFETY: `x` holds exactly 8 f32; `loadu` needs no alignment.
            let x = unsafe { _mm256_loadu_ps(x.as_ptr()) };
            let inside = _mm256_cmp_ps::<_CMP_LT_OQ>(_mm256_andnot_ps(sign, x), lim);
            m |= (_mm256_movemask_ps(inside) as u32 as u64) << (LANES * k);
        }
        let done = c.len() / LANES * LANES;
        for (j, &x) in q.remainder().iter().enumerate() {
            m |= ((x.abs() < limit) as u64) << (done + j);
        }
        *b = m;
    }
}

// The word maps and wrapper arithmetic of `super::words`, compiled for
// AVX2 (8 lanes).
super::words::backend_word_maps!("avx2", super::is_supported);
