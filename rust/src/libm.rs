//! The system libm, called directly.
//!
//! TensorFlow's Box-Muller calls glibc's `logf`/`sincosf` (and `log`/`sincos`
//! for doubles); calling the same functions is what makes the scalar path
//! bit-exact, and it is the oracle the vector replicas are tested against.

mod ffi {
    use std::os::raw::c_int;
    extern "C" {
        pub fn logf(x: f32) -> f32;
        pub fn sincosf(x: f32, s: *mut f32, c: *mut f32);
        pub fn log(x: f64) -> f64;
        pub fn sincos(x: f64, s: *mut f64, c: *mut f64);
        pub fn exp(x: f64) -> f64;
        pub fn log1p(x: f64) -> f64;
        pub fn pow(x: f64, y: f64) -> f64;
        pub fn lgamma_r(x: f64, sign: *mut c_int) -> f64;
    }
}

#[inline]
pub fn logf(x: f32) -> f32 {
    // SAFETY: `logf` is a pure C function of its argument.
    unsafe { ffi::logf(x) }
}

#[inline]
pub fn sincosf(x: f32) -> (f32, f32) {
    let (mut s, mut c) = (0.0f32, 0.0f32);
    // SAFETY: both out-pointers are valid, distinct, writable f32 locals.
    unsafe { ffi::sincosf(x, &mut s, &mut c) };
    (s, c)
}

#[inline]
pub fn log(x: f64) -> f64 {
    // SAFETY: `log` is a pure C function of its argument.
    unsafe { ffi::log(x) }
}

#[inline]
pub fn sincos(x: f64) -> (f64, f64) {
    let (mut s, mut c) = (0.0f64, 0.0f64);
    // SAFETY: both out-pointers are valid, distinct, writable f64 locals.
    unsafe { ffi::sincos(x, &mut s, &mut c) };
    (s, c)
}

/// glibc `exp` (TF's `std::exp` / `Eigen::numext::exp` on doubles).
#[inline]
pub fn exp(x: f64) -> f64 {
    // SAFETY: `exp` is a pure C function of its argument.
    unsafe { ffi::exp(x) }
}

/// glibc `log1p` (TF's `Eigen::numext::log1p` on doubles).
#[inline]
pub fn log1p(x: f64) -> f64 {
    // SAFETY: `log1p` is a pure C function of its argument.
    unsafe { ffi::log1p(x) }
}

/// glibc `pow` (TF's `Eigen::numext::pow` on doubles).
#[inline]
pub fn pow(x: f64, y: f64) -> f64 {
    // SAFETY: `pow` is a pure C function of its arguments.
    unsafe { ffi::pow(x, y) }
}

/// glibc `lgamma_r`, which Eigen's `numext::lgamma<double>` calls on glibc.
#[inline]
pub fn lgamma(x: f64) -> f64 {
    let mut sign: std::os::raw::c_int = 0;
    // SAFETY: `sign` is a valid, writable int local; the call writes only it.
    unsafe { ffi::lgamma_r(x, &mut sign) }
}
