//! `Cast` between every pair of numeric dtypes, as TF 1.15's CPU kernels convert
//! (`cast_op_impl_*.cc`: `static_cast` per element, compiled for x86-64), measured
//! with TF 1.15 (`scripts/ref_dtypes.py`):
//!
//! - float → int: truncation by `cvttss2si`/`cvttsd2si`, whose out-of-range and NaN
//!   result is the "integer indefinite" `MIN`. int8/int16/uint8/uint16 convert through
//!   int32, int64/uint32 through int64 (then wrap); uint64 converts `x - 2^63` for
//!   `x >= 2^63` and flips the top bit (so `inf` is 0, NaN and `-inf` are `2^63`);
//!   float16/bfloat16 go through float32.
//! - int → int wraps; int → float rounds to nearest (half/bfloat16 through float32).
//! - complex → real types take the real part (→ bool too: `1e-40j` is `false`);
//!   real → complex has a zero imaginary part.
//! - float → bool under denormals-are-zero (a subnormal is `false`); float64 →
//!   float32 results that are subnormal are zero (flush-to-zero).
//!
//! The dtypes the first kernels held (float16/bfloat16/float32/float64, int32,
//! int64, bool: [`cast`]) have their own fast loops; [`cast_any`] and the
//! conversions below handle the pairs that involve the others.

use crate::alloc::{try_map, TfName};
use crate::dtype::DType;
use crate::error::{Error, Result};
use crate::value::{Complex32, Complex64, Value};
use half::{bf16, f16};
use ndarray::ArrayD;

/// x86-64's float → integer conversion (`cvttss2si`/`cvttsd2si`, what TF's
/// `static_cast` compiles to, scalar and vector alike): truncation, and the
/// "integer indefinite" value `MIN` for NaN, ±inf and anything out of range
/// (checked against TF 2.21 for float16/bfloat16/float32/float64 → int32/int64).
#[inline]
fn f64_to_i64(x: f64) -> i64 {
    // -2^63 is representable; 2^63 is not.
    if x.is_nan() || !(-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0).contains(&x) {
        i64::MIN
    } else {
        x as i64
    }
}

#[inline]
fn f64_to_i32(x: f64) -> i32 {
    if x.is_nan() || !(x > -2_147_483_649.0 && x < 2_147_483_648.0) {
        i32::MIN
    } else {
        x as i32
    }
}

/// TF's float → bool (`x != 0`) on its CPU threads, which run with
/// denormals-are-zero: a float32/float64 subnormal is `false` (TF 2.21).
#[inline]
fn f32_to_bool(x: f32) -> bool {
    x != 0.0 && !x.is_subnormal()
}

/// `Cast` to bfloat16: round to nearest even, and every NaN becomes the
/// positive quiet NaN `0x7fc0` (TF 2.21 casts `-nan` to `0x7fc0`).
#[inline]
fn f32_to_bf16_cast(x: f32) -> bf16 {
    if x.is_nan() {
        bf16::from_bits(0x7fc0)
    } else {
        bf16::from_f32(x)
    }
}

/// float32 → float64 under denormals-are-zero (TF 2.21): a subnormal float32
/// becomes a zero of its sign.
#[inline]
fn f32_to_f64_daz(x: f32) -> f64 {
    if x.is_subnormal() {
        if x.is_sign_negative() {
            -0.0
        } else {
            0.0
        }
    } else {
        x as f64
    }
}

/// A subnormal float32 result as a zero of its sign: TF's CPU threads flush
/// subnormal results to zero (TF 1.15: float64 → float32/bfloat16 of 1e-40 is 0).
#[inline]
pub(crate) fn ftz(x: f32) -> f32 {
    if x.is_subnormal() {
        0.0f32.copysign(x)
    } else {
        x
    }
}

#[inline]
fn f64_to_bool(x: f64) -> bool {
    x != 0.0 && !x.is_subnormal()
}

macro_rules! cast_from {
    ($a:expr, $to:expr, float: $f32:expr) => {{
        let a = $a;
        let w = $f32;
        match $to {
            DType::Float16 => Value::F16(try_map(a, |&x| f16::from_f32(w(x)))?),
            DType::BFloat16 => Value::BF16(try_map(a, |&x| f32_to_bf16_cast(w(x)))?),
            DType::Float32 => Value::F32(try_map(a, |&x| w(x))?),
            DType::Float64 => Value::F64(try_map(a, |&x| f32_to_f64_daz(w(x)))?),
            DType::Int32 => Value::I32(try_map(a, |&x| f64_to_i32(w(x) as f64))?),
            DType::Int64 => Value::I64(try_map(a, |&x| f64_to_i64(w(x) as f64))?),
            DType::Bool => Value::Bool(try_map(a, |&x| f32_to_bool(w(x)))?),
            other => return Err(crate::value::unsupported(other)),
        }
    }};
}

/// TF's `Cast` on x86-64: C conversions (see [`f64_to_i64`]); narrowing
/// floats round to nearest even (float16/bfloat16 from float32, as Eigen
/// converts them); integers wrap.
pub fn cast(v: &Value, to: DType) -> Result<Value> {
    if v.dtype() == to {
        return v.try_clone();
    }
    let fast = |d: DType| d.is_floating() || matches!(d, DType::Int32 | DType::Int64 | DType::Bool);
    if !fast(v.dtype()) || !fast(to) {
        return super::cast::cast_any(v, to);
    }
    Ok(match v {
        Value::F16(a) => cast_from!(a, to, float: |x: f16| x.to_f32()),
        // bfloat16 → bool tests the bits (a subnormal is `true`).
        Value::BF16(a) if to == DType::Bool => {
            Value::Bool(try_map(a, |x| x.to_bits() & 0x7fff != 0)?)
        }
        Value::BF16(a) => cast_from!(a, to, float: |x: bf16| x.to_f32()),
        Value::F32(a) => cast_from!(a, to, float: |x: f32| x),
        Value::F64(a) => match to {
            DType::Float16 => Value::F16(try_map(a, |&x| f16::from_f32(x as f32))?),
            DType::BFloat16 => Value::BF16(try_map(a, |&x| f32_to_bf16_cast(ftz(x as f32)))?),
            DType::Float32 => Value::F32(try_map(a, |&x| ftz(x as f32))?),
            DType::Int32 => Value::I32(try_map(a, |&x| f64_to_i32(x))?),
            DType::Int64 => Value::I64(try_map(a, |&x| f64_to_i64(x))?),
            DType::Bool => Value::Bool(try_map(a, |&x| f64_to_bool(x))?),
            other => return Err(crate::value::unsupported(other)),
        },
        Value::I32(a) => cast_int(try_map(a, |&x| x as i64)?, to)?,
        Value::I64(a) => cast_int(try_map(a, |&x| x)?, to)?,
        Value::Bool(a) => cast_int(try_map(a, |&x| x as i64)?, to)?,
        other => super::cast::cast_any(other, to)?,
    })
}

fn cast_int(a: ArrayD<i64>, to: DType) -> Result<Value> {
    Ok(match to {
        DType::Float16 => Value::F16(try_map(&a, |&x| f16::from_f32(x as f32))?),
        DType::BFloat16 => Value::BF16(try_map(&a, |&x| bf16::from_f32(x as f32))?),
        DType::Float32 => Value::F32(try_map(&a, |&x| x as f32)?),
        DType::Float64 => Value::F64(try_map(&a, |&x| x as f64)?),
        DType::Int32 => Value::I32(try_map(&a, |&x| x as i32)?),
        DType::Int64 => Value::I64(a),
        DType::Bool => Value::Bool(try_map(&a, |&x| x != 0)?),
        other => return Err(crate::value::unsupported(other)),
    })
}

/// One source element, as much of it as any conversion reads.
#[derive(Clone, Copy)]
enum Elem {
    F32(f32),
    F64(f64),
    Int(i128),
    Bool(bool),
}

/// The real part of a complex element, or the element itself.
fn elem_of_complex64(c: &Complex32) -> Elem {
    Elem::F32(c.re)
}

fn elem_of_complex128(c: &Complex64) -> Elem {
    Elem::F64(c.re)
}

#[inline]
fn cvtt32(x: f64) -> i32 {
    if x.is_nan() || !(x > -2_147_483_649.0 && x < 2_147_483_648.0) {
        i32::MIN
    } else {
        x as i32
    }
}

#[inline]
fn cvtt64(x: f64) -> i64 {
    if x.is_nan() || !(-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0).contains(&x) {
        i64::MIN
    } else {
        x as i64
    }
}

#[inline]
fn float_to_u64(x: f64) -> u64 {
    const TOP: f64 = 9_223_372_036_854_775_808.0;
    if x >= TOP {
        (cvtt64(x - TOP) as u64) ^ (1 << 63)
    } else {
        cvtt64(x) as u64
    }
}

/// A float's value for integer targets (float32 sources convert exactly).
fn float_of(e: Elem) -> Option<f64> {
    match e {
        Elem::F32(x) => Some(x as f64),
        Elem::F64(x) => Some(x),
        _ => None,
    }
}

fn int_of(e: Elem) -> i128 {
    match e {
        Elem::Int(v) => v,
        Elem::Bool(b) => b as i128,
        _ => 0,
    }
}

/// A target element type of [`cast_any`].
trait FromElem: TfName + Sized {
    fn from_elem(e: Elem) -> Self;
}

macro_rules! from_int32_path {
    ($($t:ty),*) => {$(impl FromElem for $t {
        #[inline]
        fn from_elem(e: Elem) -> Self {
            match float_of(e) {
                Some(x) => cvtt32(x) as $t,
                None => int_of(e) as $t,
            }
        }
    })*};
}
from_int32_path!(i8, i16, i32, u8, u16);

macro_rules! from_int64_path {
    ($($t:ty),*) => {$(impl FromElem for $t {
        #[inline]
        fn from_elem(e: Elem) -> Self {
            match float_of(e) {
                Some(x) => cvtt64(x) as $t,
                None => int_of(e) as $t,
            }
        }
    })*};
}
from_int64_path!(i64, u32);

impl FromElem for u64 {
    fn from_elem(e: Elem) -> Self {
        match float_of(e) {
            Some(x) => float_to_u64(x),
            None => int_of(e) as u64,
        }
    }
}

impl FromElem for f32 {
    fn from_elem(e: Elem) -> Self {
        match e {
            Elem::F32(x) => x,
            Elem::F64(x) => ftz(x as f32),
            other => int_of(other) as f32,
        }
    }
}

impl FromElem for f64 {
    fn from_elem(e: Elem) -> Self {
        match e {
            Elem::F32(x) if x.is_subnormal() => 0.0f64.copysign(x as f64),
            Elem::F32(x) => x as f64,
            Elem::F64(x) => x,
            other => int_of(other) as f64,
        }
    }
}

impl FromElem for f16 {
    fn from_elem(e: Elem) -> Self {
        f16::from_f32(f32::from_elem(e))
    }
}

impl FromElem for bf16 {
    fn from_elem(e: Elem) -> Self {
        let x = f32::from_elem(e);
        if x.is_nan() {
            bf16::from_bits(0x7fc0)
        } else {
            bf16::from_f32(x)
        }
    }
}

impl FromElem for bool {
    fn from_elem(e: Elem) -> Self {
        match e {
            Elem::F32(x) => x != 0.0 && !x.is_subnormal(),
            Elem::F64(x) => x != 0.0 && !x.is_subnormal(),
            other => int_of(other) != 0,
        }
    }
}

impl FromElem for Complex32 {
    fn from_elem(e: Elem) -> Self {
        Complex32::new(f32::from_elem(e), 0.0)
    }
}

impl FromElem for Complex64 {
    fn from_elem(e: Elem) -> Self {
        Complex64::new(f64::from_elem(e), 0.0)
    }
}

fn convert<A, T: FromElem>(a: &ArrayD<A>, f: impl Fn(&A) -> Elem) -> Result<ArrayD<T>> {
    try_map(a, |x| T::from_elem(f(x)))
}

fn to_dtype<A>(a: &ArrayD<A>, to: DType, f: impl Fn(&A) -> Elem) -> Result<Value> {
    Ok(match to {
        DType::Float16 => Value::F16(convert(a, f)?),
        DType::BFloat16 => Value::BF16(convert(a, f)?),
        DType::Float32 => Value::F32(convert(a, f)?),
        DType::Float64 => Value::F64(convert(a, f)?),
        DType::Int8 => Value::I8(convert(a, f)?),
        DType::Int16 => Value::I16(convert(a, f)?),
        DType::Int32 => Value::I32(convert(a, f)?),
        DType::Int64 => Value::I64(convert(a, f)?),
        DType::UInt8 => Value::U8(convert(a, f)?),
        DType::UInt16 => Value::U16(convert(a, f)?),
        DType::UInt32 => Value::U32(convert(a, f)?),
        DType::UInt64 => Value::U64(convert(a, f)?),
        DType::Bool => Value::Bool(convert(a, f)?),
        DType::Complex64 => Value::C64(convert(a, f)?),
        DType::Complex128 => Value::C128(convert(a, f)?),
        DType::String => return Err(unsupported_cast(DType::Float32, to)),
    })
}

/// TF's `CastOp` has no kernel to or from strings (its words name C++ types).
fn unsupported_cast(from: DType, to: DType) -> Error {
    Error::unimplemented(format!(
        "Cast {} to {} is not supported",
        from.cpp_name(),
        to.cpp_name()
    ))
}

/// `Cast` of any value to any dtype (see the module's notes).
pub fn cast_any(v: &Value, to: DType) -> Result<Value> {
    if v.dtype() == to {
        return v.try_clone();
    }
    if to == DType::String || v.dtype() == DType::String {
        return Err(unsupported_cast(v.dtype(), to));
    }
    // complex → complex converts both parts.
    match (v, to) {
        (Value::C64(a), DType::Complex128) => {
            return Ok(Value::C128(try_map(a, |c| {
                Complex64::new(
                    f64::from_elem(Elem::F32(c.re)),
                    f64::from_elem(Elem::F32(c.im)),
                )
            })?))
        }
        (Value::C128(a), DType::Complex64) => {
            return Ok(Value::C64(try_map(a, |c| {
                Complex32::new(ftz(c.re as f32), ftz(c.im as f32))
            })?))
        }
        _ => {}
    }
    match v {
        Value::F16(a) => to_dtype(a, to, |x| Elem::F32(x.to_f32())),
        Value::BF16(a) => to_dtype(a, to, |x| Elem::F32(x.to_f32())),
        Value::F32(a) => to_dtype(a, to, |&x| Elem::F32(x)),
        Value::F64(a) => to_dtype(a, to, |&x| Elem::F64(x)),
        Value::I8(a) => to_dtype(a, to, |&x| Elem::Int(x as i128)),
        Value::I16(a) => to_dtype(a, to, |&x| Elem::Int(x as i128)),
        Value::I32(a) => to_dtype(a, to, |&x| Elem::Int(x as i128)),
        Value::I64(a) => to_dtype(a, to, |&x| Elem::Int(x as i128)),
        Value::U8(a) => to_dtype(a, to, |&x| Elem::Int(x as i128)),
        Value::U16(a) => to_dtype(a, to, |&x| Elem::Int(x as i128)),
        Value::U32(a) => to_dtype(a, to, |&x| Elem::Int(x as i128)),
        Value::U64(a) => to_dtype(a, to, |&x| Elem::Int(x as i128)),
        Value::Bool(a) => to_dtype(a, to, |&x| Elem::Bool(x)),
        Value::C64(a) => to_dtype(a, to, elem_of_complex64),
        Value::C128(a) => to_dtype(a, to, elem_of_complex128),
        Value::Str(_) => Err(unsupported_cast(DType::String, to)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::arr1;

    #[test]
    fn float_to_narrow_ints_wraps_through_int32() {
        let v = Value::F32(arr1(&[f32::NAN, 300.7, -300.7, f32::INFINITY, 65535.5]).into_dyn());
        assert_eq!(
            cast_any(&v, DType::Int8).unwrap(),
            Value::I8(arr1(&[0i8, 44, -44, 0, -1]).into_dyn())
        );
        assert_eq!(
            cast_any(&v, DType::UInt64).unwrap(),
            Value::U64(arr1(&[1u64 << 63, 300, u64::MAX - 299, 0, 65535]).into_dyn())
        );
    }

    #[test]
    fn complex_to_real_takes_the_real_part() {
        let v =
            Value::C128(arr1(&[Complex64::new(1.5, -2.0), Complex64::new(0.0, 1e-40)]).into_dyn());
        assert_eq!(
            cast_any(&v, DType::Bool).unwrap(),
            Value::Bool(arr1(&[true, false]).into_dyn())
        );
        assert_eq!(
            cast_any(&v, DType::UInt16).unwrap(),
            Value::U16(arr1(&[1u16, 0]).into_dyn())
        );
        assert!(cast_any(&v, DType::String).is_err());
    }
}
