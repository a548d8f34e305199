//! Vector kernels of glibc's double `sincos` (the replica of `sincosd.rs`)
//! for `|x| < 105414350`: AVX-512 (8 lanes) and AVX2 + FMA (4 lanes). Every
//! lane computes glibc's three argument reductions and both `do_sin` forms
//! and keeps the ones its path takes, so each output equals glibc's FMA
//! build; a chunk with a lane outside the domain (larger, inf, NaN) goes to
//! the scalar replica or, beyond it, to libm.

use core::arch::x86_64::*;

use super::sincosd::*;

/// `SINCOSTAB` padded to 128 rows, so that any 7-bit index is in bounds.
static TABLE: [[u64; 4]; 128] = {
    let mut t = [[0u64; 4]; 128];
    let mut i = 0;
    while i < SINCOSTAB.len() {
        t[i] = SINCOSTAB[i];
        i += 1;
    }
    t
};

macro_rules! sincos_kernel {
    ($name:ident, $feat:literal, $v:ty) => {
        /// `(sin x, cos x)` of lanes with `|x| < 105414350`.
        #[inline]
        #[target_feature(enable = $feat)]
        fn $name(x: $v) -> ($v, $v) {
            let ax = abs(x);
            let tiny = lt(ax, s(f64::from_bits(TINY)));
            let small = lt(ax, s(f64::from_bits(SMALL)));
            let middle = lt(ax, s(f64::from_bits(MIDDLE)));
            // reduce_sincos; `n` in the low bits of `t`.
            let t = fma(x, s(HPINV), s(TOINT));
            let xn = sub(t, s(TOINT));
            let y = fnma(xn, s(MP2), fnma(xn, s(MP1), x));
            let t2 = fnma(xn, s(PP3), y);
            let db = fnma(xn, s(PP3), sub(y, t2));
            let b = fnma(xn, s(PP4), t2);
            let db = add(db, fnma(xn, s(PP4), sub(t2, b)));
            let (flip, cneg, nswap) = quadrant_bits(t);
            let (b, db) = (xor(b, flip), xor(db, flip));
            // The middle path.
            let ym = sub(s(HP0), ax);
            let am = add(ym, s(HP1));
            let dam = add(sub(ym, am), s(HP1));
            let a = sel(small, sel(middle, b, am), x);
            let da = sel(small, sel(middle, db, dam), s(0.0));
            // The table split shared by do_sin and do_cos.
            let aa = abs(a);
            let u = add(s(BIG), aa);
            let xs = sub(aa, sub(u, s(BIG)));
            let [sn, ssn, cs, ccs] = lookup(u);
            // do_sin, table form.
            let dx = sel(le(a, s(0.0)), da, xor(da, s(-0.0)));
            let xx = mul(xs, xs);
            let st = add(fma(mul(xs, xx), fma(xx, s(SN5), s(SN3)), dx), xs);
            let c = fma(dx, xs, mul(xx, fma(xx, fma(xx, s(CS6), s(CS4)), s(CS2))));
            let cor = fma(st, cs, fnma(c, sn, fma(st, ccs, ssn)));
            let rs_table = copysign(add(sn, cor), a);
            // do_sin, TAYLOR_SIN.
            let xx = mul(a, a);
            let p = fma(
                xx,
                fma(xx, fma(xx, fma(xx, s(S[4]), s(S[3])), s(S[2])), s(S[1])),
                s(S[0]),
            );
            let tt = fma(xx, fms(p, a, mul(s(0.5), da)), da);
            let rs = sel(lt(aa, s(TAYLOR_END)), rs_table, add(a, tt));
            // do_cos.
            let dx = sel(lt(a, s(0.0)), da, xor(da, s(-0.0)));
            let xc = add(xs, dx);
            let xx = mul(xc, xc);
            let sc = fma(mul(xc, xx), fma(xx, s(SN5), s(SN3)), xc);
            let c = mul(xx, fma(xx, fma(xx, s(CS6), s(CS4)), s(CS2)));
            let cor = fnma(sc, sn, fnma(c, cs, fnma(sc, ssn, ccs)));
            let rc = add(cor, cs);
            // Quadrant signs and swaps.
            let rc = sel(small, sel(middle, xor(rc, cneg), copysign(rc, x)), rc);
            let swap = sign_mask(sel(small, sel(middle, nswap, s(-0.0)), s(0.0)));
            let (sin, cos) = (sel(swap, rs, rc), sel(swap, rc, rs));
            (sel(tiny, sin, x), sel(tiny, cos, s(1.0)))
        }
    };
}

/// AVX-512 F + DQ: 8 lanes.
pub mod avx512 {
    use super::*;
    type V = __m512d;
    type M = __mmask8;

    #[inline]
    #[target_feature(enable = "avx512f,avx512dq")]
    fn s(v: f64) -> V {
        _mm512_set1_pd(v)
    }
    #[inline]
    #[target_feature(enable = "avx512f,avx512dq,fma")]
    fn fma(a: V, b: V, c: V) -> V {
        _mm512_fmadd_pd(a, b, c)
    }
    #[inline]
    #[target_feature(enable = "avx512f,avx512dq,fma")]
    fn fnma(a: V, b: V, c: V) -> V {
        _mm512_fnmadd_pd(a, b, c)
    }
    #[inline]
    #[target_feature(enable = "avx512f,avx512dq,fma")]
    fn fms(a: V, b: V, c: V) -> V {
        _mm512_fmsub_pd(a, b, c)
    }
    #[inline]
    #[target_feature(enable = "avx512f,avx512dq")]
    fn add(a: V, b: V) -> V {
        _mm512_add_pd(a, b)
    }
    #[inline]
    #[target_feature(enable = "avx512f,avx512dq")]
    fn sub(a: V, b: V) -> V {
        _mm512_sub_pd(a, b)
    }
    #[inline]
    #[target_feature(enable = "avx512f,avx512dq")]
    fn mul(a: V, b: V) -> V {
        _mm512_mul_pd(a, b)
    }
    #[inline]
    #[target_feature(enable = "avx512f,avx512dq")]
    fn xor(a: V, b: V) -> V {
        _mm512_xor_pd(a, b)
    }
    #[inline]
    #[target_feature(enable = "avx512f,avx512dq")]
    fn abs(a: V) -> V {
        _mm512_andnot_pd(s(-0.0), a)
    }
    #[inline]
    #[target_feature(enable = "avx512f,avx512dq")]
    fn copysign(a: V, b: V) -> V {
        _mm512_or_pd(abs(a), _mm512_and_pd(b, s(-0.0)))
    }
    #[inline]
    #[target_feature(enable = "avx512f,avx512dq")]
    fn lt(a: V, b: V) -> M {
        _mm512_cmp_pd_mask::<_CMP_LT_OQ>(a, b)
    }
    #[inline]
    #[target_feature(enable = "avx512f,avx512dq")]
    fn le(a: V, b: V) -> M {
        _mm512_cmp_pd_mask::<_CMP_LE_OQ>(a, b)
    }
    /// `m ? t : f` per lane.
    #[inline]
    #[target_feature(enable = "avx512f,avx512dq")]
    fn sel(m: M, f: V, t: V) -> V {
        _mm512_mask_blend_pd(m, f, t)
    }
    #[inline]
    #[target_feature(enable = "avx512f,avx512dq")]
    fn sign_mask(v: V) -> M {
        _mm512_movepi64_mask(_mm512_castpd_si512(v))
    }
    /// From `t`'s low bits `n`: the sign flip of `(a, da)` (`n` is 1 or 2),
    /// the sign of `cos` (`n & 2`) and the swap (`n & 1`), as sign bits.
    #[inline]
    #[target_feature(enable = "avx512f,avx512dq")]
    fn quadrant_bits(t: V) -> (V, V, V) {
        let n = _mm512_castpd_si512(t);
        let two = _mm512_set1_epi64(2);
        let flip = _mm512_slli_epi64::<62>(_mm512_and_si512(
            _mm512_add_epi64(n, _mm512_set1_epi64(1)),
            two,
        ));
        let cneg = _mm512_slli_epi64::<62>(_mm512_and_si512(n, two));
        let swap = _mm512_slli_epi64::<63>(n);
        (
            _mm512_castsi512_pd(flip),
            _mm512_castsi512_pd(cneg),
            _mm512_castsi512_pd(swap),
        )
    }
    #[inline]
    #[target_feature(enable = "avx512f,avx512dq")]
    fn lookup(u: V) -> [V; 4] {
        let i = _mm512_slli_epi64::<2>(_mm512_and_si512(
            _mm512_castpd_si512(u),
            _mm512_set1_epi64(127),
        ));
        let base = TABLE.as_ptr().cast::<f64>();
        // SAFETY: every index is `4 i + j`, `i < 128`, `j < 4`: inside TABLE.
        unsafe {
            [
                _mm512_i64gather_pd::<8>(i, base),
                _mm512_i64gather_pd::<8>(i, base.add(1)),
                _mm512_i64gather_pd::<8>(i, base.add(2)),
                _mm512_i64gather_pd::<8>(i, base.add(3)),
            ]
        }
    }

    sincos_kernel!(sincos8, "avx512f,avx512dq,fma", V);

    pub fn sincos_slice(xs: &[f64], sin: &mut [f64], cos: &mut [f64]) {
        assert!(super::super::avx512::is_supported());
        assert!(xs.len() == sin.len() && xs.len() == cos.len());
        // SAFETY: the CPU supports every feature the callee enables.
        unsafe { sincos_slice_impl(xs, sin, cos) }
    }

    #[target_feature(enable = "avx512f,avx512dq,fma")]
    fn sincos_slice_impl(xs: &[f64], sin: &mut [f64], cos: &mut [f64]) {
        let mut xc = xs.chunks_exact(8);
        let mut sc = sin.chunks_exact_mut(8);
        let mut cc = cos.chunks_exact_mut(8);
        for ((x, so), co) in (&mut xc).zip(&mut sc).zip(&mut cc) {
            // SAFETY: each chunk holds exactly 8 f64; no alignment needed.
            unsafe {
                let v = _mm512_loadu_pd(x.as_ptr());
                if lt(abs(v), s(f64::from_bits(FAST_END))) != 0xff {
                    super::super::sincos_slice_scalar(x, so, co);
                    continue;
                }
                let (sv, cv) = sincos8(v);
                _mm512_storeu_pd(so.as_mut_ptr(), sv);
                _mm512_storeu_pd(co.as_mut_ptr(), cv);
            }
        }
        super::super::sincos_slice_scalar(xc.remainder(), sc.into_remainder(), cc.into_remainder());
    }
}

/// AVX2 + FMA: 4 lanes.
pub mod avx2 {
    use super::*;
    type V = __m256d;
    type M = __m256d;

    #[inline]
    #[target_feature(enable = "avx2,fma")]
    fn s(v: f64) -> V {
        _mm256_set1_pd(v)
    }
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    fn fma(a: V, b: V, c: V) -> V {
        _mm256_fmadd_pd(a, b, c)
    }
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    fn fnma(a: V, b: V, c: V) -> V {
        _mm256_fnmadd_pd(a, b, c)
    }
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    fn fms(a: V, b: V, c: V) -> V {
        _mm256_fmsub_pd(a, b, c)
    }
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    fn add(a: V, b: V) -> V {
        _mm256_add_pd(a, b)
    }
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    fn sub(a: V, b: V) -> V {
        _mm256_sub_pd(a, b)
    }
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    fn mul(a: V, b: V) -> V {
        _mm256_mul_pd(a, b)
    }
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    fn xor(a: V, b: V) -> V {
        _mm256_xor_pd(a, b)
    }
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    fn abs(a: V) -> V {
        _mm256_andnot_pd(s(-0.0), a)
    }
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    fn copysign(a: V, b: V) -> V {
        _mm256_or_pd(abs(a), _mm256_and_pd(b, s(-0.0)))
    }
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    fn lt(a: V, b: V) -> M {
        _mm256_cmp_pd::<_CMP_LT_OQ>(a, b)
    }
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    fn le(a: V, b: V) -> M {
        _mm256_cmp_pd::<_CMP_LE_OQ>(a, b)
    }
    /// `m ? t : f` per lane.
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    fn sel(m: M, f: V, t: V) -> V {
        _mm256_blendv_pd(f, t, m)
    }
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    fn sign_mask(v: V) -> M {
        v
    }
    /// As the AVX-512 `quadrant_bits`.
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    fn quadrant_bits(t: V) -> (V, V, V) {
        let n = _mm256_castpd_si256(t);
        let two = _mm256_set1_epi64x(2);
        let flip = _mm256_slli_epi64::<62>(_mm256_and_si256(
            _mm256_add_epi64(n, _mm256_set1_epi64x(1)),
            two,
        ));
        let cneg = _mm256_slli_epi64::<62>(_mm256_and_si256(n, two));
        let swap = _mm256_slli_epi64::<63>(n);
        (
            _mm256_castsi256_pd(flip),
            _mm256_castsi256_pd(cneg),
            _mm256_castsi256_pd(swap),
        )
    }
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    fn lookup(u: V) -> [V; 4] {
        let i = _mm256_slli_epi64::<2>(_mm256_and_si256(
            _mm256_castpd_si256(u),
            _mm256_set1_epi64x(127),
        ));
        let base = TABLE.as_ptr().cast::<f64>();
        // SAFETY: every index is `4 i + j`, `i < 128`, `j < 4`: inside TABLE.
        unsafe {
            [
                _mm256_i64gather_pd::<8>(base, i),
                _mm256_i64gather_pd::<8>(base.add(1), i),
                _mm256_i64gather_pd::<8>(base.add(2), i),
                _mm256_i64gather_pd::<8>(base.add(3), i),
            ]
        }
    }

    sincos_kernel!(sincos4, "avx2,fma", V);

    pub fn sincos_slice(xs: &[f64], sin: &mut [f64], cos: &mut [f64]) {
        assert!(super::super::avx2::is_supported());
        assert!(xs.len() == sin.len() && xs.len() == cos.len());
        // SAFETY: the CPU supports every feature the callee enables.
        unsafe { sincos_slice_impl(xs, sin, cos) }
    }

    #[target_feature(enable = "avx2,fma")]
    fn sincos_slice_impl(xs: &[f64], sin: &mut [f64], cos: &mut [f64]) {
        let mut xc = xs.chunks_exact(4);
        let mut sc = sin.chunks_exact_mut(4);
        let mut cc = cos.chunks_exact_mut(4);
        for ((x, so), co) in (&mut xc).zip(&mut sc).zip(&mut cc) {
            // SAFETY: each chunk holds exactly 4 f64; no alignment needed.
            unsafe {
                let v = _mm256_loadu_pd(x.as_ptr());
                if _mm256_movemask_pd(lt(abs(v), s(f64::from_bits(FAST_END)))) != 0xf {
                    super::super::sincos_slice_scalar(x, so, co);
                    continue;
                }
                let (sv, cv) = sincos4(v);
                _mm256_storeu_pd(so.as_mut_ptr(), sv);
                _mm256_storeu_pd(co.as_mut_ptr(), cv);
            }
        }
        super::super::sincos_slice_scalar(xc.remainder(), sc.into_remainder(), cc.into_remainder());
    }
}

/// The scalar replica compiled with FMA instructions.
#[target_feature(enable = "fma")]
fn sincos_slice_fma(xs: &[f64], sin: &mut [f64], cos: &mut [f64]) {
    super::sincos_slice_scalar(xs, sin, cos)
}

pub fn sincos_slice_scalar_fma(xs: &[f64], sin: &mut [f64], cos: &mut [f64]) {
    assert!(super::avx2::scalar_fma_is_supported());
    // SAFETY: the CPU supports FMA, the only feature the callee enables.
    unsafe { sincos_slice_fma(xs, sin, cos) }
}
