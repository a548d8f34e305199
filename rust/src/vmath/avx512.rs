//! AVX-512 (F + DQ) kernels: 16 floats per step, the double-precision work
//! in two halves of 8 lanes.
//!
//! Vector domain: `logf` for positive normal finite inputs, `sincosf` for
//! `|x| < 120`; the slice functions send any 16-lane chunk with a lane
//! outside it to the scalar replicas.

use core::arch::x86_64::*;

use super::logf::{A0, A1, A2, EXP_MASK, INVC, LN2, LOGC, OFF};
use super::sincosf::{C0, C1, C2, C3, C4, HPI, HPI_INV_2P24, S1, S2, S3, TOP_120, TOP_TINY};

const LANES: usize = 16;

pub fn is_supported() -> bool {
    is_x86_feature_detected!("avx512f")
        && is_x86_feature_detected!("avx512dq")
        && is_x86_feature_detected!("avx2")
        && is_x86_feature_detected!("fma")
}

/// The `logf` table as four registers of 8 doubles (lookup by a 4-bit index
/// with one two-source permute).
#[derive(Clone, Copy)]
struct LogTable {
    invc_lo: __m512d,
    invc_hi: __m512d,
    logc_lo: __m512d,
    logc_hi: __m512d,
}

impl LogTable {
    #[target_feature(enable = "avx512f,avx512dq,avx2,fma")]
    fn load() -> Self {
        // SAFETY: each pointer addresses 8 in-bounds f64 of a 16-entry
        // static table; `loadu` has no alignment requirement.
        unsafe {
            LogTable {
                invc_lo: _mm512_loadu_pd(INVC.as_ptr()),
                invc_hi: _mm512_loadu_pd(INVC.as_ptr().add(8)),
                logc_lo: _mm512_loadu_pd(LOGC.as_ptr()),
                logc_hi: _mm512_loadu_pd(LOGC.as_ptr().add(8)),
            }
        }
    }
}

/// 8 lanes of the `logf` core: `z` the reduced float, `idx` (low 4 bits)
/// the subinterval, `k` the exponent.
#[inline]
#[target_feature(enable = "avx512f,avx512dq,avx2,fma")]
fn logf8(t: &LogTable, z: __m256, idx: __m256i, k: __m256i) -> __m256 {
    let z = _mm512_cvtps_pd(z);
    let k = _mm512_cvtepi32_pd(k);
    let idx = _mm512_cvtepu32_epi64(idx);
    let invc = _mm512_permutex2var_pd(t.invc_lo, idx, t.invc_hi);
    let logc = _mm512_permutex2var_pd(t.logc_lo, idx, t.logc_hi);
    let r = _mm512_fmadd_pd(z, invc, _mm512_set1_pd(-1.0));
    let y0 = _mm512_fmadd_pd(k, _mm512_set1_pd(LN2), logc);
    let r2 = _mm512_mul_pd(r, r);
    let y = _mm512_fmadd_pd(r, _mm512_set1_pd(A1), _mm512_set1_pd(A2));
    let y = _mm512_fmadd_pd(r2, _mm512_set1_pd(A0), y);
    let y = _mm512_fmadd_pd(y, r2, _mm512_add_pd(y0, r));
    _mm512_cvtpd_ps(y)
}

/// `logf` of 16 positive normal floats given as bit patterns.
#[inline]
#[target_feature(enable = "avx512f,avx512dq,avx2,fma")]
fn logf16(t: &LogTable, ix: __m512i) -> __m512 {
    let tmp = _mm512_sub_epi32(ix, _mm512_set1_epi32(OFF as i32));
    // Only the low 4 bits of each index reach the permute.
    let idx = _mm512_srli_epi32::<19>(tmp);
    let k = _mm512_srai_epi32::<23>(tmp);
    let iz = _mm512_sub_epi32(
        ix,
        _mm512_and_si512(tmp, _mm512_set1_epi32(EXP_MASK as i32)),
    );
    let z = _mm512_castsi512_ps(iz);
    let lo = logf8(
        t,
        _mm512_castps512_ps256(z),
        _mm512_castsi512_si256(idx),
        _mm512_castsi512_si256(k),
    );
    let hi = logf8(
        t,
        _mm512_extractf32x8_ps::<1>(z),
        _mm512_extracti64x4_epi64::<1>(idx),
        _mm512_extracti64x4_epi64::<1>(k),
    );
    _mm512_insertf32x8::<1>(_mm512_castps256_ps512(lo), hi)
}

/// Lanes outside the vector `logf` domain (not positive normal finite).
#[inline]
#[target_feature(enable = "avx512f,avx512dq,avx2,fma")]
fn logf_bad(ix: __m512i) -> __mmask16 {
    let t = _mm512_sub_epi32(ix, _mm512_set1_epi32(0x0080_0000));
    _mm512_cmpge_epu32_mask(t, _mm512_set1_epi32(0x7f00_0000))
}

/// Sine and cosine polynomials of 8 lanes (`|x| < 120`), before the quadrant
/// swap and signs: returns `(S, C, n)` with `n` the quadrant number.
#[inline]
#[target_feature(enable = "avx512f,avx512dq,avx2,fma")]
fn sincos8(y: __m256) -> (__m256, __m256, __m256i) {
    let x = _mm512_cvtps_pd(y);
    let r = _mm512_mul_pd(x, _mm512_set1_pd(HPI_INV_2P24));
    let n = _mm512_cvttpd_epi32(r);
    let n = _mm256_srai_epi32::<24>(_mm256_add_epi32(n, _mm256_set1_epi32(0x80_0000)));
    let x = _mm512_fnmadd_pd(_mm512_cvtepi32_pd(n), _mm512_set1_pd(HPI), x);
    let x2 = _mm512_mul_pd(x, x);
    let x4 = _mm512_mul_pd(x2, x2);
    let x3 = _mm512_mul_pd(x2, x);
    let c2 = _mm512_fmadd_pd(x2, _mm512_set1_pd(C4), _mm512_set1_pd(C3));
    let s1 = _mm512_fmadd_pd(x2, _mm512_set1_pd(S3), _mm512_set1_pd(S2));
    let c1 = _mm512_fmadd_pd(x2, _mm512_set1_pd(C1), _mm512_set1_pd(C0));
    let x5 = _mm512_mul_pd(x3, x2);
    let x6 = _mm512_mul_pd(x4, x2);
    let s = _mm512_fmadd_pd(x3, _mm512_set1_pd(S1), x);
    let c = _mm512_fmadd_pd(x4, _mm512_set1_pd(C2), c1);
    let s = _mm512_fmadd_pd(x5, s1, s);
    let c = _mm512_fmadd_pd(x6, c2, c);
    (_mm512_cvtpd_ps(s), _mm512_cvtpd_ps(c), n)
}

/// `sincosf` of 16 floats with `|y| < 120`: `(sin, cos)`.
#[inline]
#[target_feature(enable = "avx512f,avx512dq,avx2,fma")]
fn sincos16(y: __m512) -> (__m512, __m512) {
    let (s_lo, c_lo, n_lo) = sincos8(_mm512_castps512_ps256(y));
    let (s_hi, c_hi, n_hi) = sincos8(_mm512_extractf32x8_ps::<1>(y));
    let s = _mm512_insertf32x8::<1>(_mm512_castps256_ps512(s_lo), s_hi);
    let c = _mm512_insertf32x8::<1>(_mm512_castps256_ps512(c_lo), c_hi);
    let n = _mm512_inserti64x4::<1>(_mm512_castsi256_si512(n_lo), n_hi);
    // |y| < 2^-12: (y, 1) (there n == 0, so the fix-ups below keep it).
    let ay = _mm512_and_si512(_mm512_castps_si512(y), _mm512_set1_epi32(0x7fff_ffff));
    let tiny = _mm512_cmplt_epu32_mask(ay, _mm512_set1_epi32((TOP_TINY << 20) as i32));
    let s = _mm512_mask_blend_ps(tiny, s, y);
    let c = _mm512_mask_blend_ps(tiny, c, _mm512_set1_ps(1.0));
    // Odd quadrants swap; sin is negated in quadrants 2, 3 and cos in 1, 2.
    let odd = _mm512_test_epi32_mask(n, _mm512_set1_epi32(1));
    let sin = _mm512_mask_blend_ps(odd, s, c);
    let cos = _mm512_mask_blend_ps(odd, c, s);
    let two = _mm512_set1_epi32(2);
    let sin_sign = _mm512_slli_epi32::<30>(_mm512_and_si512(n, two));
    let cos_sign = _mm512_slli_epi32::<30>(_mm512_and_si512(
        _mm512_add_epi32(n, _mm512_set1_epi32(1)),
        two,
    ));
    (
        _mm512_xor_ps(sin, _mm512_castsi512_ps(sin_sign)),
        _mm512_xor_ps(cos, _mm512_castsi512_ps(cos_sign)),
    )
}

/// Lanes outside the vector `sincosf` domain (`|y| ≥ 120`, inf, NaN).
#[inline]
#[target_feature(enable = "avx512f,avx512dq,avx2,fma")]
fn sincos_bad(y: __m512) -> __mmask16 {
    let ay = _mm512_and_si512(_mm512_castps_si512(y), _mm512_set1_epi32(0x7fff_ffff));
    _mm512_cmpge_epu32_mask(ay, _mm512_set1_epi32((TOP_120 << 20) as i32))
}

pub fn logf_slice(xs: &[f32], out: &mut [f32]) {
    assert!(is_supported() && xs.len() == out.len());
    // SAFETY: the CPU supports every feature `logf_slice_impl` enables.
    unsafe { logf_slice_impl(xs, out) }
}

#[target_feature(enable = "avx512f,avx512dq,avx2,fma")]
fn logf_slice_impl(xs: &[f32], out: &mut [f32]) {
    let t = LogTable::load();
    let mut xc = xs.chunks_exact(LANES);
    let mut oc = out.chunks_exact_mut(LANES);
    for (x, o) in (&mut xc).zip(&mut oc) {
        // SAFETY: `x` holds exactly 16 f32; `loadu` needs no alignment.
        let ix = unsafe { _mm512_loadu_si512(x.as_ptr().cast()) };
        if logf_bad(ix) != 0 {
            super::logf_slice_scalar(x, o);
            continue;
        }
        let y = logf16(&t, ix);
        // SAFETY: `o` holds exactly 16 f32; `storeu` needs no alignment.
        unsafe { _mm512_storeu_ps(o.as_mut_ptr(), y) };
    }
    // The tail goes through the scalar replica: at most 15 calls.
    super::logf_slice_scalar(xc.remainder(), oc.into_remainder());
}

pub fn sincosf_slice(xs: &[f32], sin: &mut [f32], cos: &mut [f32]) {
    assert!(is_supported() && xs.len() == sin.len() && xs.len() == cos.len());
    // SAFETY: the CPU supports every feature `sincosf_slice_impl` enables.
    unsafe { sincosf_slice_impl(xs, sin, cos) }
}

#[target_feature(enable = "avx512f,avx512dq,avx2,fma")]
fn sincosf_slice_impl(xs: &[f32], sin: &mut [f32], cos: &mut [f32]) {
    let mut xc = xs.chunks_exact(LANES);
    let mut sc = sin.chunks_exact_mut(LANES);
    let mut cc = cos.chunks_exact_mut(LANES);
    for ((x, s), c) in (&mut xc).zip(&mut sc).zip(&mut cc) {
        // SAFETY: `x` holds exactly 16 f32; `loadu` needs no alignment.
        let y = unsafe { _mm512_loadu_ps(x.as_ptr()) };
        if sincos_bad(y) != 0 {
            super::sincosf_slice_scalar(x, s, c);
            continue;
        }
        let (vs, vc) = sincos16(y);
        // SAFETY: `s` and `c` hold exactly 16 f32 each; no alignment needed.
        unsafe {
            _mm512_storeu_ps(s.as_mut_ptr(), vs);
            _mm512_storeu_ps(c.as_mut_ptr(), vc);
        }
    }
    super::sincosf_slice_scalar(xc.remainder(), sc.into_remainder(), cc.into_remainder());
}

/// 16 Box-Muller pairs from raw words.
#[inline]
#[target_feature(enable = "avx512f,avx512dq,avx2,fma")]
fn box_muller16(t: &LogTable, x0: __m512i, x1: __m512i) -> (__m512, __m512) {
    let mant = _mm512_set1_epi32(0x7f_ffff);
    let one_bits = _mm512_set1_epi32(0x3f80_0000);
    let one = _mm512_set1_ps(1.0);
    // u1 = max(uint32_to_float(x0), 1e-7): positive normal, so the core applies.
    let u1 = _mm512_sub_ps(
        _mm512_castsi512_ps(_mm512_or_si512(_mm512_and_si512(x0, mant), one_bits)),
        one,
    );
    let u1 = _mm512_max_ps(u1, _mm512_set1_ps(1.0e-7));
    let log = logf16(t, _mm512_castps_si512(u1));
    let radius = _mm512_sqrt_ps(_mm512_mul_ps(log, _mm512_set1_ps(-2.0)));
    // v1 = (2π · uint32_to_float(x1) in double) rounded to float.
    let u = _mm512_sub_ps(
        _mm512_castsi512_ps(_mm512_or_si512(_mm512_and_si512(x1, mant), one_bits)),
        one,
    );
    let two_pi = _mm512_set1_pd(2.0 * core::f64::consts::PI);
    let v_lo = _mm512_cvtpd_ps(_mm512_mul_pd(
        _mm512_cvtps_pd(_mm512_castps512_ps256(u)),
        two_pi,
    ));
    let v_hi = _mm512_cvtpd_ps(_mm512_mul_pd(
        _mm512_cvtps_pd(_mm512_extractf32x8_ps::<1>(u)),
        two_pi,
    ));
    let v1 = _mm512_insertf32x8::<1>(_mm512_castps256_ps512(v_lo), v_hi);
    let (s, c) = sincos16(v1);
    (_mm512_mul_ps(s, radius), _mm512_mul_ps(c, radius))
}

pub fn box_muller_slice(x0: &[u32], x1: &[u32], out0: &mut [f32], out1: &mut [f32]) {
    let n = x0.len();
    assert!(is_supported() && x1.len() == n && out0.len() == n && out1.len() == n);
    // SAFETY: the CPU supports every feature `box_muller_impl` enables.
    unsafe { box_muller_impl(x0, x1, out0, out1) }
}

#[target_feature(enable = "avx512f,avx512dq,avx2,fma")]
fn box_muller_impl(x0: &[u32], x1: &[u32], out0: &mut [f32], out1: &mut [f32]) {
    let t = LogTable::load();
    let n = x0.len();
    let mut i = 0;
    while i + LANES <= n {
        // SAFETY: i + 16 <= n, the length of all four slices; unaligned
        // loads and stores.
        unsafe {
            let a = _mm512_loadu_si512(x0.as_ptr().add(i).cast());
            let b = _mm512_loadu_si512(x1.as_ptr().add(i).cast());
            let (s, c) = box_muller16(&t, a, b);
            _mm512_storeu_ps(out0.as_mut_ptr().add(i), s);
            _mm512_storeu_ps(out1.as_mut_ptr().add(i), c);
        }
        i += LANES;
    }
    let rest = n - i;
    if rest > 0 {
        // The tail with masked loads and stores (masked-off lanes compute on
        // zeros, which are in the domain, and are never written).
        let m: __mmask16 = (1u32 << rest) as u16 - 1;
        // SAFETY: masked-off lanes are neither read nor written, and the
        // `rest` active lanes are in bounds from `i`.
        unsafe {
            let a = _mm512_maskz_loadu_epi32(m, x0.as_ptr().add(i).cast());
            let b = _mm512_maskz_loadu_epi32(m, x1.as_ptr().add(i).cast());
            let (s, c) = box_muller16(&t, a, b);
            _mm512_mask_storeu_ps(out0.as_mut_ptr().add(i), m, s);
            _mm512_mask_storeu_ps(out1.as_mut_ptr().add(i), m, c);
        }
    }
}

/// Box-Muller on interleaved words, as Philox blocks lay them out: pair `p` is
/// `(words[2p], words[2p + 1])` and its `(sin·r, cos·r)` go to `out[2p]`,
/// `out[2p + 1]` — TensorFlow's output order — with no de/interleaving pass.
pub fn box_muller_interleaved(words: &[u32], out: &mut [f32]) {
    assert!(is_supported() && words.len() == out.len() && words.len().is_multiple_of(2));
    // SAFETY: the CPU supports every feature the implementation enables.
    unsafe { box_muller_interleaved_impl(words, out) }
}

#[target_feature(enable = "avx512f,avx512dq,avx2,fma")]
fn box_muller_interleaved_impl(words: &[u32], out: &mut [f32]) {
    let t = LogTable::load();
    // permutex2var indices: bit 4 picks the second source.
    let even = _mm512_setr_epi32(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
    let odd = _mm512_setr_epi32(1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31);
    let low = _mm512_setr_epi32(0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
    let high = _mm512_setr_epi32(8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
    let n = words.len();
    let mut i = 0;
    while i + 2 * LANES <= n {
        // SAFETY: i + 32 <= n, the length of both slices; unaligned loads/stores.
        unsafe {
            let w0 = _mm512_loadu_si512(words.as_ptr().add(i).cast());
            let w1 = _mm512_loadu_si512(words.as_ptr().add(i + LANES).cast());
            let x0 = _mm512_permutex2var_epi32(w0, even, w1);
            let x1 = _mm512_permutex2var_epi32(w0, odd, w1);
            let (s, c) = box_muller16(&t, x0, x1);
            _mm512_storeu_ps(out.as_mut_ptr().add(i), _mm512_permutex2var_ps(s, low, c));
            _mm512_storeu_ps(
                out.as_mut_ptr().add(i + LANES),
                _mm512_permutex2var_ps(s, high, c),
            );
        }
        i += 2 * LANES;
    }
    for (w, o) in words[i..].chunks_exact(2).zip(out[i..].chunks_exact_mut(2)) {
        let (s, c) = super::box_muller_float(w[0], w[1]);
        o[0] = s;
        o[1] = c;
    }
}

/// [`super::accepted_bits`]: one compare per 16 values.
pub fn accepted_bits(v: &[f32], limit: f32, bits: &mut [u64]) {
    assert!(is_supported() && bits.len() == v.len().div_ceil(64));
    // SAFETY: the CPU supports every feature the implementation enables.
    unsafe { accepted_bits_impl(v, limit, bits) }
}

#[target_feature(enable = "avx512f,avx512dq,avx2,fma")]
fn accepted_bits_impl(v: &[f32], limit: f32, bits: &mut [u64]) {
    let lim = _mm512_set1_ps(limit);
    let mut chunks = v.chunks_exact(64);
    for (b, c) in bits.iter_mut().zip(&mut chunks) {
        let mut m = 0u64;
        for k in 0..4 {
            // SAFETY: `c` holds exactly 64 f32; `loadu` needs no alignment.
            let x = unsafe { _mm512_loadu_ps(c.as_ptr().add(LANES * k)) };
            let inside = _mm512_cmp_ps_mask::<_CMP_LT_OQ>(_mm512_abs_ps(x), lim);
            m |= (inside as u64) << (LANES * k);
        }
        *b = m;
    }
    let rest = chunks.remainder();
    if let Some(b) = bits.get_mut(v.len() / 64) {
        let mut m = 0u64;
        for (k, q) in rest.chunks(LANES).enumerate() {
            let lanes: __mmask16 = (1u32 << q.len()).wrapping_sub(1) as u16;
            // SAFETY: only the `q.len()` lanes in bounds are read; masked-off
            // lanes are zeros and excluded from the compare's mask.
            let x = unsafe { _mm512_maskz_loadu_ps(lanes, q.as_ptr()) };
            let inside = _mm512_mask_cmp_ps_mask::<_CMP_LT_OQ>(lanes, _mm512_abs_ps(x), lim);
            m |= (inside as u64) << (LANES * k);
        }
        *b = m;
    }
}

// The word maps and wrapper arithmetic of `super::words`, compiled for
// AVX-512 (16 lanes; DQ for the 64-bit multiplies of the int32 range).
super::words::backend_word_maps!("avx512f,avx512dq", super::is_supported);
