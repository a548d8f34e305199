//! The system libm, called directly.
//!
//! TensorFlow's Box-Muller calls glibc's `logf`/`sincosf` (and `log`/`sincos`
//! for doubles); calling the same functions is what makes the scalar path
//! bit-exact, and it is the oracle the vector replicas are tested against.

mod ffi {
    extern "C" {
        pub fn logf(x: f32) -> f32;
        pub fn sincosf(x: f32, s: *mut f32, c: *mut f32);
        pub fn log(x: f64) -> f64;
        pub fn sincos(x: f64, s: *mut f64, c: *mut f64);
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
