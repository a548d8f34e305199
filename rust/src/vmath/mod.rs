//! Bit-exact replicas of glibc's `logf` and `sincosf`, scalar and vectorised,
//! and of its double `log` and `sincos` (`logd.rs`, `sincosd.rs`, their
//! vector forms in `logd_x86.rs`, `sincosd_x86.rs`; used by float64
//! Box-Muller through [`box_muller_f64_blocks`]).
//!
//! TensorFlow's float Box-Muller ([`crate::transforms::box_muller_float`])
//! calls the C library's `logf` and `sincosf`.  In glibc ≥ 2.28 those are the
//! ARM optimized-routines algorithms (double-precision polynomials, rounded to
//! float once).  On x86-64, glibc picks at load time between a plain SSE2
//! build and an `-mfma -mavx2` build (`__logf_fma`, `__sincosf_fma`) in which
//! the compiler contracted `a * b + c` into fused multiply-adds.  This module
//! replicates the **FMA build**, the one glibc 2.36 (Debian 12) runs on every
//! CPU with AVX2 and FMA.  The contraction pattern was read off its
//! disassembly, and the tests below check it against [`crate::libm`].
//!
//! How much the contraction matters: a sweep of all floats with a replica
//! that has no contraction (modelling the SSE2 build) found that `logf` gives
//! the same result for every input either way.  `sincosf` differs on 34
//! floats, all with `17 < |x| < 120` and none in the Box-Muller domain. The
//! test `replicas_follow_glibcs_fma_build` uses those 34.  So on the
//! Box-Muller domain these replicas also equal the SSE2 build.  They also
//! match Debian's aarch64 glibc 2.36 (whose C code is compiled with
//! contraction): the test suite passes under `qemu-aarch64`.
//!
//! # Guaranteed domain
//!
//! * [`logf`] and [`sincosf`] (portable scalar, pure Rust with
//!   `f64::mul_add`) follow every branch of glibc's code, special cases
//!   included, and equal glibc's FMA build for **every** float, NaN payloads
//!   included: the `#[ignore]`d test `scalar_matches_libm_on_all_floats`
//!   sweeps all 2^32 inputs (about a minute on 2 cores).
//! * The vector kernels compute only the main paths:
//!   - `logf`: positive normal finite inputs, `[2^-126, f32::MAX]`;
//!   - `sincosf`: `|x| < 120` (tiny, small and fast-reduction paths, either
//!     sign, ±0 included).
//!
//!   [`logf_slice`] and [`sincosf_slice`] check every vector chunk. A chunk
//!   with any lane outside that domain goes to the scalar replica: for
//!   `logf`, zero, subnormal, negative, inf or NaN; for `sincosf`,
//!   `|x| ≥ 120`, inf or NaN.  So the slice functions are exact for every
//!   input.
//! * [`box_muller_f32_slice`] takes raw Philox words.  Every word maps into
//!   the vector domain (`u1 ∈ [1e-7, 1)`, `v1 ∈ [0, 2π]`), so it is exact for
//!   all inputs without fallback.
//!
//! Backends: `Platform::Avx512` runs AVX-512 F+DQ kernels (16 lanes);
//! `Platform::Avx2` runs AVX2+FMA kernels (8 lanes); anything else runs the
//! scalar replicas (on x86-64 CPUs with FMA, compiled with FMA instructions;
//! otherwise `f64::mul_add` calls the C runtime's correctly rounded `fma`).
//! A backend this CPU lacks falls back to the next narrower one.
//!
//! The same dispatch serves the word maps of `words.rs` (uniform float32 and
//! float64, the int32 range, the wrappers' `* scale + shift`): plain loops
//! over the scalar definitions that each backend compiles with its vector
//! width, tested equal to the scalar code on every backend.
//!
//! Rough speed of [`box_muller_f32_slice`] on the 2-core AMD EPYC (Zen 5
//! class, AVX-512) development VM, `cargo test --release`, 2^24 pairs:
//! AVX-512 ≈ 1.0 ns/pair, AVX2 ≈ 2.4 ns/pair, scalar ≈ 6 ns/pair.  Calling
//! libm (`distributions::box_muller_float`) takes ≈ 7 ns/pair.  See the
//! `#[ignore]`d `bench_box_muller_and_slices`.

mod logd;
mod logf;
mod sincosd;
mod sincosf;
mod words;

#[cfg(target_arch = "x86_64")]
mod avx2;
#[cfg(target_arch = "x86_64")]
#[clippy::msrv = "1.89"]
mod logd_x86;
#[cfg(target_arch = "x86_64")]
#[clippy::msrv = "1.89"]
mod sincosd_x86;
// The AVX-512 intrinsics are stable since Rust 1.89.
#[cfg(target_arch = "x86_64")]
#[clippy::msrv = "1.89"]
mod avx512;

#[cfg(test)]
mod logd_tests;
#[cfg(test)]
mod sincosd_tests;
#[cfg(test)]
mod tests;

pub use self::logd::log;
pub use self::logf::logf;
pub use self::sincosd::sincos_fast;
pub use self::sincosf::sincosf;
pub use self::words::Affine;

use crate::philox::Platform;
use crate::transforms::{box_muller_radius, box_muller_u1, box_muller_v1, IntRange};

/// The code that actually runs for a requested [`Platform`] on this CPU.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kernel {
    Scalar,
    #[cfg(target_arch = "x86_64")]
    Avx2,
    #[cfg(target_arch = "x86_64")]
    Avx512,
}

/// Avx512 → AVX-512 kernels (F + DQ), Avx2 → AVX2 + FMA kernels, falling back
/// to the next narrower kernel this CPU runs; anything else → scalar.
fn kernel(platform: Platform) -> Kernel {
    match platform {
        #[cfg(target_arch = "x86_64")]
        Platform::Avx512 if avx512::is_supported() => Kernel::Avx512,
        #[cfg(target_arch = "x86_64")]
        Platform::Avx512 | Platform::Avx2 if avx2::is_supported() => Kernel::Avx2,
        _ => Kernel::Scalar,
    }
}

/// The name of the kernel family the `_with(platform, …)` functions run for
/// `platform` on this CPU: `"avx512"`, `"avx2"` or `"scalar"`.
pub fn kernel_name(platform: Platform) -> &'static str {
    match kernel(platform) {
        Kernel::Scalar => "scalar",
        #[cfg(target_arch = "x86_64")]
        Kernel::Avx2 => "avx2",
        #[cfg(target_arch = "x86_64")]
        Kernel::Avx512 => "avx512",
    }
}

/// `out[i] = logf(xs[i])`, with the process's active backend.
pub fn logf_slice(xs: &[f32], out: &mut [f32]) {
    logf_slice_with(Platform::active(), xs, out)
}

/// `out[i] = logf(xs[i])` with an explicit backend (glibc-exact for every input).
///
/// # Panics
/// If the slices differ in length.
pub fn logf_slice_with(platform: Platform, xs: &[f32], out: &mut [f32]) {
    assert_eq!(xs.len(), out.len(), "logf_slice: length mismatch");
    match kernel(platform) {
        #[cfg(target_arch = "x86_64")]
        Kernel::Avx512 => avx512::logf_slice(xs, out),
        #[cfg(target_arch = "x86_64")]
        Kernel::Avx2 => avx2::logf_slice(xs, out),
        #[cfg(target_arch = "x86_64")]
        Kernel::Scalar if avx2::scalar_fma_is_supported() => avx2::logf_slice_scalar_fma(xs, out),
        Kernel::Scalar => logf_slice_scalar(xs, out),
    }
}

/// `(sin[i], cos[i]) = sincosf(xs[i])`, with the process's active backend.
pub fn sincosf_slice(xs: &[f32], sin: &mut [f32], cos: &mut [f32]) {
    sincosf_slice_with(Platform::active(), xs, sin, cos)
}

/// `(sin[i], cos[i]) = sincosf(xs[i])` with an explicit backend (glibc-exact
/// for every input).
///
/// # Panics
/// If the slices differ in length.
pub fn sincosf_slice_with(platform: Platform, xs: &[f32], sin: &mut [f32], cos: &mut [f32]) {
    assert!(
        xs.len() == sin.len() && xs.len() == cos.len(),
        "sincosf_slice: length mismatch"
    );
    match kernel(platform) {
        #[cfg(target_arch = "x86_64")]
        Kernel::Avx512 => avx512::sincosf_slice(xs, sin, cos),
        #[cfg(target_arch = "x86_64")]
        Kernel::Avx2 => avx2::sincosf_slice(xs, sin, cos),
        #[cfg(target_arch = "x86_64")]
        Kernel::Scalar if avx2::scalar_fma_is_supported() => {
            avx2::sincosf_slice_scalar_fma(xs, sin, cos)
        }
        Kernel::Scalar => sincosf_slice_scalar(xs, sin, cos),
    }
}

/// TensorFlow's `BoxMullerFloat` on pairs of raw Philox words:
/// `(out0[i], out1[i]) = box_muller_float(x0[i], x1[i])`, i.e.
/// `(sin(v1)·r, cos(v1)·r)` with `r = sqrt(-2 logf(u1))`, bit for bit, with
/// the glibc replicas fused in registers.
///
/// # Panics
/// If the four slices differ in length.
pub fn box_muller_f32_slice(
    platform: Platform,
    x0: &[u32],
    x1: &[u32],
    out0: &mut [f32],
    out1: &mut [f32],
) {
    let n = x0.len();
    assert!(
        x1.len() == n && out0.len() == n && out1.len() == n,
        "box_muller_f32_slice: length mismatch"
    );
    match kernel(platform) {
        #[cfg(target_arch = "x86_64")]
        Kernel::Avx512 => avx512::box_muller_slice(x0, x1, out0, out1),
        #[cfg(target_arch = "x86_64")]
        Kernel::Avx2 => avx2::box_muller_slice(x0, x1, out0, out1),
        #[cfg(target_arch = "x86_64")]
        Kernel::Scalar if avx2::scalar_fma_is_supported() => {
            avx2::box_muller_slice_scalar_fma(x0, x1, out0, out1)
        }
        Kernel::Scalar => box_muller_slice_scalar(x0, x1, out0, out1),
    }
}

/// [`box_muller_f32_slice`] on interleaved words, TensorFlow's block layout:
/// pair `p` is `(words[2p], words[2p + 1])` and its results are
/// `(out[2p], out[2p + 1])`. Returns `false` (writing nothing) when the
/// platform has no interleaved kernel, so the caller de-interleaves instead.
pub fn box_muller_f32_interleaved(platform: Platform, words: &[u32], out: &mut [f32]) -> bool {
    match kernel(platform) {
        #[cfg(target_arch = "x86_64")]
        Kernel::Avx512 if words.len() == out.len() && words.len().is_multiple_of(2) => {
            avx512::box_muller_interleaved(words, out);
            true
        }
        #[cfg(target_arch = "x86_64")]
        Kernel::Avx2 if words.len() == out.len() && words.len().is_multiple_of(2) => {
            avx2::box_muller_interleaved(words, out);
            true
        }
        _ => false,
    }
}

/// `out[i] = log(xs[i])` (glibc's double `log`, FMA build) with an explicit
/// backend, exact for every input.
///
/// # Panics
/// If the slices differ in length.
pub fn log_slice_with(platform: Platform, xs: &[f64], out: &mut [f64]) {
    assert_eq!(xs.len(), out.len(), "log_slice: length mismatch");
    match kernel(platform) {
        #[cfg(target_arch = "x86_64")]
        Kernel::Avx512 => logd_x86::avx512::log_slice(xs, out),
        #[cfg(target_arch = "x86_64")]
        Kernel::Avx2 => logd_x86::avx2::log_slice(xs, out),
        #[cfg(target_arch = "x86_64")]
        Kernel::Scalar if avx2::scalar_fma_is_supported() => {
            logd_x86::log_slice_scalar_fma(xs, out)
        }
        Kernel::Scalar => log_slice_scalar(xs, out),
    }
}

/// `(sin[i], cos[i]) = sincos(xs[i])` (glibc's double `sincos`, FMA build)
/// with an explicit backend, exact for every input: the replica below
/// `|x| < 105414350`, libm itself beyond.
///
/// # Panics
/// If the slices differ in length.
pub fn sincos_slice_with(platform: Platform, xs: &[f64], sin: &mut [f64], cos: &mut [f64]) {
    assert!(
        xs.len() == sin.len() && xs.len() == cos.len(),
        "sincos_slice: length mismatch"
    );
    match kernel(platform) {
        #[cfg(target_arch = "x86_64")]
        Kernel::Avx512 => sincosd_x86::avx512::sincos_slice(xs, sin, cos),
        #[cfg(target_arch = "x86_64")]
        Kernel::Avx2 => sincosd_x86::avx2::sincos_slice(xs, sin, cos),
        #[cfg(target_arch = "x86_64")]
        Kernel::Scalar if avx2::scalar_fma_is_supported() => {
            sincosd_x86::sincos_slice_scalar_fma(xs, sin, cos)
        }
        Kernel::Scalar => sincos_slice_scalar(xs, sin, cos),
    }
}

/// TensorFlow's `BoxMullerDouble` over whole Philox blocks (`words[4p..4p + 4]`
/// gives `out[2p]`, `out[2p + 1]`), as [`crate::transforms::box_muller_double`]
/// computes it. With a vector backend, `log` and `sincos` are the vector
/// replicas of glibc's (exact against it); the scalar backend calls libm.
///
/// # Panics
/// If `words` is not twice as long as `out`, or `out` has odd length.
pub fn box_muller_f64_blocks(platform: Platform, words: &[u32], out: &mut [f64]) {
    use crate::transforms::{
        box_muller_double, box_muller_double_radius, box_muller_double_u1, box_muller_double_v1,
    };
    assert!(
        words.len() == 2 * out.len() && out.len().is_multiple_of(2),
        "box_muller_f64_blocks: length mismatch"
    );
    if kernel(platform) == Kernel::Scalar {
        for (w, o) in words.chunks_exact(4).zip(out.chunks_exact_mut(2)) {
            (o[0], o[1]) = box_muller_double(w[0], w[1], w[2], w[3]);
        }
        return;
    }
    const PAIRS: usize = 64;
    let (mut u1, mut v1) = ([0f64; PAIRS], [0f64; PAIRS]);
    let (mut logs, mut sin, mut cos) = ([0f64; PAIRS], [0f64; PAIRS], [0f64; PAIRS]);
    for (w, o) in words.chunks(4 * PAIRS).zip(out.chunks_mut(2 * PAIRS)) {
        let n = o.len() / 2;
        for ((u, v), b) in u1.iter_mut().zip(&mut v1).zip(w.chunks_exact(4)) {
            *u = box_muller_double_u1(b[0], b[1]);
            *v = box_muller_double_v1(b[2], b[3]);
        }
        log_slice_with(platform, &u1[..n], &mut logs[..n]);
        sincos_slice_with(platform, &v1[..n], &mut sin[..n], &mut cos[..n]);
        for (p, o) in o.chunks_exact_mut(2).enumerate() {
            let u2 = box_muller_double_radius(logs[p]);
            (o[0], o[1]) = (sin[p] * u2, cos[p] * u2);
        }
    }
}

/// Dispatch of one word map: `$f` of the backend's `words` module, or the
/// portable loop of [`words`] (compiled for the baseline target).
macro_rules! words_dispatch {
    ($platform:expr, $f:ident, $portable:expr, ($($arg:expr),*)) => {
        match kernel($platform) {
            #[cfg(target_arch = "x86_64")]
            Kernel::Avx512 => avx512::words::$f($($arg),*),
            #[cfg(target_arch = "x86_64")]
            Kernel::Avx2 => avx2::words::$f($($arg),*),
            Kernel::Scalar => $portable($($arg),*),
        }
    };
}

/// `out[i] = uint32_to_float(words[i])`: TF's float32 uniforms.
///
/// # Panics
/// If the slices differ in length.
pub fn uniform_f32_words(platform: Platform, words: &[u32], out: &mut [f32]) {
    assert_eq!(words.len(), out.len(), "uniform_f32_words: length mismatch");
    words_dispatch!(platform, uniform_f32, words::uniform_f32, (words, out))
}

/// `out[i] = uint64_to_double(words[2i], words[2i + 1])`: TF's float64 uniforms.
///
/// # Panics
/// If `words` is not twice as long as `out`.
pub fn uniform_f64_words(platform: Platform, words: &[u32], out: &mut [f64]) {
    assert_eq!(
        words.len(),
        2 * out.len(),
        "uniform_f64_words: length mismatch"
    );
    words_dispatch!(platform, uniform_f64, words::uniform_f64, (words, out))
}

/// `out[i] = range.sample(words[i])`: TF's int32 uniforms in `[lo, hi)`.
///
/// # Panics
/// If the slices differ in length.
pub fn int32_range_words(
    platform: Platform,
    range: &IntRange<i32>,
    words: &[u32],
    out: &mut [i32],
) {
    assert_eq!(words.len(), out.len(), "int32_range_words: length mismatch");
    words_dispatch!(
        platform,
        int32_range,
        words::int32_range,
        (range, words, out)
    )
}

/// Bit `j % 64` of `bits[j / 64]` set when `|v[j]| < limit` (never for
/// NaN); bits past `v.len()` clear. Group `g` of four normals is bits
/// `4g..4g + 4` (of word `g / 16`).
///
/// # Panics
/// If `bits` does not have exactly one word per 64 values (rounded up).
pub fn accepted_bits(platform: Platform, v: &[f32], limit: f32, bits: &mut [u64]) {
    assert_eq!(
        v.len().div_ceil(64),
        bits.len(),
        "accepted_bits: length mismatch"
    );
    match kernel(platform) {
        #[cfg(target_arch = "x86_64")]
        Kernel::Avx512 => avx512::accepted_bits(v, limit, bits),
        #[cfg(target_arch = "x86_64")]
        Kernel::Avx2 => avx2::accepted_bits(v, limit, bits),
        Kernel::Scalar => words::accepted_bits(v, limit, bits),
    }
}

/// `x = x * scale + shift` in place (either part optional), float32.
pub fn affine_f32(platform: Platform, x: &mut [f32], a: Affine<f32>) {
    if !a.is_none() {
        words_dispatch!(platform, affine_f32, words::affine, (x, a))
    }
}

/// `x = x * scale + shift` in place (either part optional), float64.
pub fn affine_f64(platform: Platform, x: &mut [f64], a: Affine<f64>) {
    if !a.is_none() {
        words_dispatch!(platform, affine_f64, words::affine, (x, a))
    }
}

/// TensorFlow's `BoxMullerFloat` through the scalar replicas (equal to
/// [`crate::transforms::box_muller_float`], without calling libm).
#[inline]
pub fn box_muller_float(x0: u32, x1: u32) -> (f32, f32) {
    box_muller_float_inline(x0, x1)
}

#[inline(always)]
fn box_muller_float_inline(x0: u32, x1: u32) -> (f32, f32) {
    let u2 = box_muller_radius(logf::logf_inline(box_muller_u1(x0)));
    let (s, c) = sincosf::sincosf_inline(box_muller_v1(x1));
    (s * u2, c * u2)
}

// Always inlined, so that the FMA-enabled wrappers get FMA instructions.
#[inline(always)]
fn box_muller_slice_scalar(x0: &[u32], x1: &[u32], out0: &mut [f32], out1: &mut [f32]) {
    for (((o0, o1), &a), &b) in out0.iter_mut().zip(out1.iter_mut()).zip(x0).zip(x1) {
        (*o0, *o1) = box_muller_float_inline(a, b);
    }
}

// Always inlined, so that the FMA-enabled wrappers get FMA instructions.
#[inline(always)]
fn log_slice_scalar(xs: &[f64], out: &mut [f64]) {
    for (o, &x) in out.iter_mut().zip(xs) {
        *o = logd::log_inline(x);
    }
}

// Always inlined, so that the FMA-enabled wrappers get FMA instructions.
#[inline(always)]
fn sincos_slice_scalar(xs: &[f64], sin: &mut [f64], cos: &mut [f64]) {
    for ((s, c), &x) in sin.iter_mut().zip(cos.iter_mut()).zip(xs) {
        (*s, *c) = sincosd::sincos_fast(x).unwrap_or_else(|| crate::libm::sincos(x));
    }
}

// Always inlined, so that the FMA-enabled wrappers get FMA instructions.
#[inline(always)]
fn logf_slice_scalar(xs: &[f32], out: &mut [f32]) {
    for (o, &x) in out.iter_mut().zip(xs) {
        *o = logf::logf_inline(x);
    }
}

// Always inlined, so that the FMA-enabled wrappers get FMA instructions.
#[inline(always)]
fn sincosf_slice_scalar(xs: &[f32], sin: &mut [f32], cos: &mut [f32]) {
    for ((s, c), &x) in sin.iter_mut().zip(cos.iter_mut()).zip(xs) {
        (*s, *c) = sincosf::sincosf_inline(x);
    }
}
