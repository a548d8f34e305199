//! Vector kernels of glibc's double `log` (the replica of `logd.rs`): AVX-512
//! (8 lanes) and AVX2 + FMA (4 lanes).  Both paths of glibc's code are
//! computed for every lane and blended, so the kernels take any positive
//! normal finite input; the slice functions send a chunk with any lane
//! outside that domain (zero, subnormal, negative, inf, NaN) to the scalar
//! replica.  The 128-entry table is read with gathers.

use core::arch::x86_64::*;

use super::logd::{a, b, ln2hi, ln2lo, NEAR_HI, NEAR_LO, OFF, TAB};

/// `asuint64(2^-1022)` and the width of the positive normal finite range.
const MIN_NORMAL: i64 = 0x0010_0000_0000_0000;
const INF: i64 = 0x7ff0_0000_0000_0000;

macro_rules! log_kernel {
    ($name:ident, $feat:literal, $pd:ty, $si:ty, $fmadd:ident, $mul:ident,
     $add:ident, $sub:ident, $ks:ident) => {
        /// Both paths of glibc's `log` on positive normal lanes; `near` selects
        /// the path near 1.
        #[inline]
        #[target_feature(enable = $feat)]
        fn $name(ix: $si) -> $pd {
            let x = cast_pd(ix);
            // Near 1.
            let r = $sub(x, s(1.0));
            let r2 = $mul(r, r);
            let r3 = $mul(r, r2);
            let p1 = $fmadd(r2, s(b(3)), $fmadd(r, s(b(2)), s(b(1))));
            let p2 = $fmadd(r2, s(b(6)), $fmadd(r, s(b(5)), s(b(4))));
            let p3 = $fmadd(
                r3,
                s(b(10)),
                $fmadd(r2, s(b(9)), $fmadd(r, s(b(8)), s(b(7)))),
            );
            let q = $fmadd($fmadd(p3, r3, p2), r3, p1);
            let t = $fmadd(r, s(134_217_728.0), r);
            let rhi = $fmadd(s(-134_217_728.0), r, t);
            let rlo = $sub(r, rhi);
            let rhi2 = $mul(rhi, rhi);
            let hi = $fmadd(rhi2, s(b(0)), r);
            let lo = $fmadd(rhi2, s(b(0)), $sub(r, hi));
            let lo = $fmadd($mul(s(b(0)), rlo), $add(rhi, r), lo);
            let near_y = $add(hi, $fmadd(r3, q, lo));
            // Table path.
            let tmp = sub64(ix, OFF);
            let (invc, logc) = lookup(tmp);
            let kd = $ks(tmp);
            let iz = subv(ix, and64(tmp, 0xfff << 52));
            let z = cast_pd(iz);
            let r = $fmadd(z, invc, s(-1.0));
            let w = $fmadd(kd, s(ln2hi()), logc);
            let hi = $add(w, r);
            let lo = $fmadd(kd, s(ln2lo()), $add($sub(w, hi), r));
            let r2 = $mul(r, r);
            let r3 = $mul(r, r2);
            let p = $fmadd(r2, $fmadd(r, s(a(4)), s(a(3))), $fmadd(r, s(a(2)), s(a(1))));
            let y = $add($fmadd(r3, p, $fmadd(r2, s(a(0)), lo)), hi);
            blend_near(ix, near_y, y)
        }
    };
}

/// AVX-512 F + DQ: 8 lanes.
pub mod avx512 {
    use super::*;

    pub fn is_supported() -> bool {
        super::super::avx512::is_supported()
    }

    #[inline]
    #[target_feature(enable = "avx512f,avx512dq")]
    fn s(v: f64) -> __m512d {
        _mm512_set1_pd(v)
    }
    #[inline]
    #[target_feature(enable = "avx512f,avx512dq")]
    fn cast_pd(v: __m512i) -> __m512d {
        _mm512_castsi512_pd(v)
    }
    #[inline]
    #[target_feature(enable = "avx512f,avx512dq")]
    fn sub64(v: __m512i, c: u64) -> __m512i {
        _mm512_sub_epi64(v, _mm512_set1_epi64(c as i64))
    }
    #[inline]
    #[target_feature(enable = "avx512f,avx512dq")]
    fn subv(a: __m512i, b: __m512i) -> __m512i {
        _mm512_sub_epi64(a, b)
    }
    #[inline]
    #[target_feature(enable = "avx512f,avx512dq")]
    fn and64(v: __m512i, c: u64) -> __m512i {
        _mm512_and_si512(v, _mm512_set1_epi64(c as i64))
    }
    #[inline]
    #[target_feature(enable = "avx512f,avx512dq")]
    fn kd(tmp: __m512i) -> __m512d {
        _mm512_cvtepi64_pd(_mm512_srai_epi64::<52>(tmp))
    }
    #[inline]
    #[target_feature(enable = "avx512f,avx512dq")]
    fn lookup(tmp: __m512i) -> (__m512d, __m512d) {
        let i2 = _mm512_slli_epi64::<1>(_mm512_and_si512(
            _mm512_srli_epi64::<45>(tmp),
            _mm512_set1_epi64(127),
        ));
        let base = TAB.as_ptr().cast::<f64>();
        // SAFETY: every index is `2 i` or `2 i + 1` with `i < 128`, inside
        // the 256 doubles of `TAB`.
        unsafe {
            (
                _mm512_i64gather_pd::<8>(i2, base),
                _mm512_i64gather_pd::<8>(i2, base.add(1)),
            )
        }
    }
    #[inline]
    #[target_feature(enable = "avx512f,avx512dq")]
    fn blend_near(ix: __m512i, near: __m512d, y: __m512d) -> __m512d {
        let m = _mm512_cmplt_epu64_mask(
            _mm512_sub_epi64(ix, _mm512_set1_epi64(NEAR_LO as i64)),
            _mm512_set1_epi64((NEAR_HI - NEAR_LO) as i64),
        );
        _mm512_mask_blend_pd(m, y, near)
    }

    log_kernel!(
        log8,
        "avx512f,avx512dq,fma",
        __m512d,
        __m512i,
        _mm512_fmadd_pd,
        _mm512_mul_pd,
        _mm512_add_pd,
        _mm512_sub_pd,
        kd
    );

    /// Lanes outside the vector domain (not positive normal finite).
    #[inline]
    #[target_feature(enable = "avx512f,avx512dq")]
    fn any_bad(ix: __m512i) -> bool {
        let t = _mm512_sub_epi64(ix, _mm512_set1_epi64(MIN_NORMAL));
        _mm512_cmpge_epu64_mask(t, _mm512_set1_epi64(INF - MIN_NORMAL)) != 0
    }

    pub fn log_slice(xs: &[f64], out: &mut [f64]) {
        assert!(is_supported() && xs.len() == out.len());
        // SAFETY: the CPU supports every feature `log_slice_impl` enables.
        unsafe { log_slice_impl(xs, out) }
    }

    #[target_feature(enable = "avx512f,avx512dq,fma")]
    fn log_slice_impl(xs: &[f64], out: &mut [f64]) {
        let mut xc = xs.chunks_exact(8);
        let mut oc = out.chunks_exact_mut(8);
        for (x, o) in (&mut xc).zip(&mut oc) {
            // SAFETY: `x` holds exactly 8 f64; `loadu` needs no alignment.
            let ix = unsafe { _mm512_loadu_si512(x.as_ptr().cast()) };
            if any_bad(ix) {
                super::super::log_slice_scalar(x, o);
                continue;
            }
            // SAFETY: `o` holds exactly 8 f64; `storeu` needs no alignment.
            unsafe { _mm512_storeu_pd(o.as_mut_ptr(), log8(ix)) };
        }
        super::super::log_slice_scalar(xc.remainder(), oc.into_remainder());
    }
}

/// AVX2 + FMA: 4 lanes.
pub mod avx2 {
    use super::*;

    pub fn is_supported() -> bool {
        super::super::avx2::is_supported()
    }

    #[inline]
    #[target_feature(enable = "avx2,fma")]
    fn s(v: f64) -> __m256d {
        _mm256_set1_pd(v)
    }
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    fn cast_pd(v: __m256i) -> __m256d {
        _mm256_castsi256_pd(v)
    }
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    fn sub64(v: __m256i, c: u64) -> __m256i {
        _mm256_sub_epi64(v, _mm256_set1_epi64x(c as i64))
    }
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    fn subv(a: __m256i, b: __m256i) -> __m256i {
        _mm256_sub_epi64(a, b)
    }
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    fn and64(v: __m256i, c: u64) -> __m256i {
        _mm256_and_si256(v, _mm256_set1_epi64x(c as i64))
    }
    /// `(double)(tmp >> 52)`, arithmetic: the high 32-bit halves shifted by
    /// 20, gathered into 4 int32 lanes and converted.
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    fn kd(tmp: __m256i) -> __m256d {
        let k = _mm256_srai_epi32::<20>(tmp);
        let k = _mm256_permutevar8x32_epi32(k, _mm256_setr_epi32(1, 3, 5, 7, 1, 3, 5, 7));
        _mm256_cvtepi32_pd(_mm256_castsi256_si128(k))
    }
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    fn lookup(tmp: __m256i) -> (__m256d, __m256d) {
        let i2 = _mm256_slli_epi64::<1>(_mm256_and_si256(
            _mm256_srli_epi64::<45>(tmp),
            _mm256_set1_epi64x(127),
        ));
        let base = TAB.as_ptr().cast::<f64>();
        // SAFETY: every index is `2 i` or `2 i + 1` with `i < 128`, inside
        // the 256 doubles of `TAB`.
        unsafe {
            (
                _mm256_i64gather_pd::<8>(base, i2),
                _mm256_i64gather_pd::<8>(base.add(1), i2),
            )
        }
    }
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    fn blend_near(ix: __m256i, near: __m256d, y: __m256d) -> __m256d {
        // ix - NEAR_LO < NEAR_HI - NEAR_LO, unsigned: both sides biased by
        // 2^63 so that the signed compare orders them as unsigned.
        let bias = _mm256_set1_epi64x(i64::MIN);
        let d = _mm256_xor_si256(
            _mm256_sub_epi64(ix, _mm256_set1_epi64x(NEAR_LO as i64)),
            bias,
        );
        let w = _mm256_xor_si256(_mm256_set1_epi64x((NEAR_HI - NEAR_LO) as i64), bias);
        let m = _mm256_castsi256_pd(_mm256_cmpgt_epi64(w, d));
        _mm256_blendv_pd(y, near, m)
    }

    log_kernel!(
        log4,
        "avx2,fma",
        __m256d,
        __m256i,
        _mm256_fmadd_pd,
        _mm256_mul_pd,
        _mm256_add_pd,
        _mm256_sub_pd,
        kd
    );

    /// Lanes outside the vector domain (not positive normal finite): signed
    /// compares suffice, as negative inputs are negative as integers.
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    fn any_bad(ix: __m256i) -> bool {
        let low = _mm256_cmpgt_epi64(_mm256_set1_epi64x(MIN_NORMAL), ix);
        let high = _mm256_cmpgt_epi64(ix, _mm256_set1_epi64x(INF - 1));
        _mm256_movemask_pd(_mm256_castsi256_pd(_mm256_or_si256(low, high))) != 0
    }

    pub fn log_slice(xs: &[f64], out: &mut [f64]) {
        assert!(is_supported() && xs.len() == out.len());
        // SAFETY: the CPU supports every feature `log_slice_impl` enables.
        unsafe { log_slice_impl(xs, out) }
    }

    #[target_feature(enable = "avx2,fma")]
    fn log_slice_impl(xs: &[f64], out: &mut [f64]) {
        let mut xc = xs.chunks_exact(4);
        let mut oc = out.chunks_exact_mut(4);
        for (x, o) in (&mut xc).zip(&mut oc) {
            // SAFETY: `x` holds exactly 4 f64; `loadu` needs no alignment.
            let ix = unsafe { _mm256_loadu_si256(x.as_ptr().cast()) };
            if any_bad(ix) {
                super::super::log_slice_scalar(x, o);
                continue;
            }
            // SAFETY: `o` holds exactly 4 f64; `storeu` needs no alignment.
            unsafe { _mm256_storeu_pd(o.as_mut_ptr(), log4(ix)) };
        }
        super::super::log_slice_scalar(xc.remainder(), oc.into_remainder());
    }
}

/// The scalar replica compiled with FMA instructions.
#[target_feature(enable = "fma")]
fn log_slice_fma(xs: &[f64], out: &mut [f64]) {
    super::log_slice_scalar(xs, out)
}

pub fn log_slice_scalar_fma(xs: &[f64], out: &mut [f64]) {
    assert!(super::avx2::scalar_fma_is_supported());
    // SAFETY: the CPU supports FMA, the only feature the callee enables.
    unsafe { log_slice_fma(xs, out) }
}
