//! Element-wise kernels for the dtypes beyond float/int32/int64/bool: int8, int16,
//! uint8–uint64 (C++ integer arithmetic, wrapping) and complex64/complex128
//! (Eigen's complex packet arithmetic: `(a·conj b) / |b|²` for division, each
//! product rounded in the component type). `math.rs` hands them the pairs it
//! does not compute itself.

use super::math::{int_binary, zip_with};
use crate::alloc::try_map;
use crate::error::{Error, Result};
use crate::op::{BinaryOp, Built, InferCtx, Kernel, KernelArgs};
use crate::value::{Complex32, Complex64, Value};
use ndarray::{ArrayD, Axis};
use num_complex::Complex;

/// The ops of this module and `strings.rs` that compute (dtype and static shape
/// come from the Python builder, which applied TF's op definition and shape function).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DtypeOp {
    /// `Complex(real, imag)`.
    Complex,
    Real,
    Imag,
    Conj,
    ComplexAbs,
    Angle,
    LogicalNot,
    LogicalAnd,
    LogicalOr,
    Equal,
    NotEqual,
    /// `Any` over axes (a bool reduction, exact in any order).
    Any {
        keep_dims: bool,
    },
    /// String kernels (`strings.rs`).
    Str(super::strings::StringOp),
}

/// The shape function of `op` (`keep_dims` of reductions from the integer
/// attributes): the Python builder's dtype and static shape; ops without
/// inputs are built for structure only.
pub fn infer(op: DtypeOp, c: InferCtx) -> Result<Built> {
    let first = c.ins.first().map(|i| i.dtype);
    let keep_dims = c.attrs.ints.first().copied().unwrap_or(0) != 0;
    let op = match (op, first) {
        (_, None) => None,
        (DtypeOp::Any { .. }, _) => Some(DtypeOp::Any { keep_dims }),
        (op, _) => Some(op),
    };
    built(op, c)
}

/// A node computing `op` if any, else built for structure only.
pub fn built(op: Option<DtypeOp>, c: InferCtx) -> Result<Built> {
    let b = super::structural::infer_structure(c)?;
    Ok(match op {
        Some(op) => b.kernel(Kernel::simple(move |args, ins| compute(op, args, ins))),
        None => b,
    })
}

fn unary_complex(
    v: &Value,
    f32op: impl Fn(Complex32) -> f32,
    f64op: impl Fn(Complex64) -> f64,
) -> Result<Value> {
    match v {
        Value::C64(a) => try_map(a, |&c| f32op(c)).map(Value::F32),
        Value::C128(a) => try_map(a, |&c| f64op(c)).map(Value::F64),
        other => Err(Error::invalid_argument(format!(
            "expected a complex tensor, got {}",
            other.dtype().name()
        ))),
    }
}

fn bools<'a>(v: &'a Value, what: &str) -> Result<&'a ArrayD<bool>> {
    match v {
        Value::Bool(a) => Ok(a),
        other => Err(Error::invalid_argument(format!(
            "{what} needs bool tensors, got {}",
            other.dtype().name()
        ))),
    }
}

/// `Equal`/`NotEqual` of two values of one dtype (broadcast).
fn equal(a: &Value, b: &Value, want: bool) -> Result<Value> {
    macro_rules! eq {
        ($x:expr, $y:expr) => {
            zip_with($x, $y, |p, q| (p == q) == want)
        };
    }
    let out = match (a, b) {
        (Value::F16(x), Value::F16(y)) => eq!(x, y),
        (Value::BF16(x), Value::BF16(y)) => eq!(x, y),
        (Value::F32(x), Value::F32(y)) => eq!(x, y),
        (Value::F64(x), Value::F64(y)) => eq!(x, y),
        (Value::I8(x), Value::I8(y)) => eq!(x, y),
        (Value::I16(x), Value::I16(y)) => eq!(x, y),
        (Value::I32(x), Value::I32(y)) => eq!(x, y),
        (Value::I64(x), Value::I64(y)) => eq!(x, y),
        (Value::U8(x), Value::U8(y)) => eq!(x, y),
        (Value::U16(x), Value::U16(y)) => eq!(x, y),
        (Value::U32(x), Value::U32(y)) => eq!(x, y),
        (Value::U64(x), Value::U64(y)) => eq!(x, y),
        (Value::Bool(x), Value::Bool(y)) => eq!(x, y),
        (Value::C64(x), Value::C64(y)) => eq!(x, y),
        (Value::C128(x), Value::C128(y)) => eq!(x, y),
        (Value::Str(x), Value::Str(y)) => super::strings::equal(x, y, want),
        _ => {
            return Err(Error::invalid_argument(
                "Equal of tensors of different dtypes",
            ))
        }
    };
    out.map(Value::Bool)
}

/// Reduce `a` over the axes in `axes` with `f` of each lane.
pub(crate) fn reduce<T: Clone + crate::alloc::TfName, U: Clone>(
    a: &ArrayD<T>,
    axes: &Value,
    keep_dims: bool,
    f: impl Fn(ndarray::ArrayView1<'_, T>) -> U,
) -> Result<ArrayD<U>> {
    let rank = a.ndim() as i64;
    let mut axes: Vec<usize> = axes
        .to_i64_vec()
        .ok_or_else(|| Error::invalid_argument("reduction axes must be int32 or int64"))?
        .into_iter()
        .map(|x| {
            let y = if x < 0 { x + rank } else { x };
            if (0..rank).contains(&y) {
                Ok(y as usize)
            } else {
                Err(Error::invalid_argument(format!(
                    "Invalid reduction dimension ({x} for input with {rank} dimension(s)"
                )))
            }
        })
        .collect::<Result<_>>()?;
    axes.sort_unstable();
    axes.dedup();
    // Move the reduced axes last, flatten them into one lane per output element.
    let kept: Vec<usize> = (0..a.ndim()).filter(|d| !axes.contains(d)).collect();
    let order: Vec<usize> = kept.iter().chain(axes.iter()).copied().collect();
    let moved = a.view().permuted_axes(order);
    let out_dims: Vec<usize> = kept.iter().map(|&d| a.shape()[d]).collect();
    let lane: usize = axes.iter().map(|&d| a.shape()[d]).product();
    let n: usize = out_dims.iter().product();
    let flat = crate::alloc::try_to_owned(moved)?;
    let data = flat
        .into_shape_with_order((n, lane))
        .map_err(|e| Error::internal(e.to_string()))?;
    let vals: Vec<U> = data.axis_iter(Axis(0)).map(&f).collect();
    let dims: Vec<usize> = if keep_dims {
        (0..a.ndim())
            .map(|d| if axes.contains(&d) { 1 } else { a.shape()[d] })
            .collect()
    } else {
        out_dims
    };
    crate::alloc::shaped(&dims, vals)
}

/// Run one of these ops.
pub fn compute(op: DtypeOp, args: &KernelArgs, inputs: &[&Value]) -> Result<Value> {
    let x = inputs[0];
    match op {
        DtypeOp::Complex => match (x, inputs[1]) {
            (Value::F32(re), Value::F32(im)) => zip_with(re, im, Complex32::new).map(Value::C64),
            (Value::F64(re), Value::F64(im)) => zip_with(re, im, Complex64::new).map(Value::C128),
            _ => Err(Error::invalid_argument(
                "Complex needs two float32 or float64 tensors",
            )),
        },
        DtypeOp::Real => unary_complex(x, |c| c.re, |c| c.re),
        DtypeOp::Imag => unary_complex(x, |c| c.im, |c| c.im),
        // std::abs and std::arg of std::complex: glibc's hypot and atan2.
        DtypeOp::ComplexAbs => unary_complex(x, |c| c.re.hypot(c.im), |c| c.re.hypot(c.im)),
        DtypeOp::Angle => unary_complex(x, |c| c.im.atan2(c.re), |c| c.im.atan2(c.re)),
        DtypeOp::Conj => match x {
            Value::C64(a) => try_map(a, |c| c.conj()).map(Value::C64),
            Value::C128(a) => try_map(a, |c| c.conj()).map(Value::C128),
            other => other.try_clone(),
        },
        DtypeOp::LogicalNot => try_map(bools(x, "LogicalNot")?, |b| !b).map(Value::Bool),
        DtypeOp::LogicalAnd => zip_with(
            bools(x, "LogicalAnd")?,
            bools(inputs[1], "LogicalAnd")?,
            |p, q| p && q,
        )
        .map(Value::Bool),
        DtypeOp::LogicalOr => zip_with(
            bools(x, "LogicalOr")?,
            bools(inputs[1], "LogicalOr")?,
            |p, q| p || q,
        )
        .map(Value::Bool),
        DtypeOp::Equal => equal(x, inputs[1], true),
        DtypeOp::NotEqual => equal(x, inputs[1], false),
        DtypeOp::Any { keep_dims } => reduce(bools(x, "Any")?, inputs[1], keep_dims, |l| {
            l.iter().any(|&b| b)
        })
        .map(Value::Bool),
        DtypeOp::Str(op) => super::strings::compute(op, args, inputs),
    }
}

fn complex_binary<T>(
    op: BinaryOp,
    a: &ArrayD<Complex<T>>,
    b: &ArrayD<Complex<T>>,
) -> Result<ArrayD<Complex<T>>>
where
    T: Copy
        + Default
        + std::ops::Add<Output = T>
        + std::ops::Sub<Output = T>
        + std::ops::Mul<Output = T>
        + std::ops::Div<Output = T>
        + std::ops::Neg<Output = T>,
    Complex<T>: crate::alloc::TfName,
{
    let mul = |x: Complex<T>, y: Complex<T>| {
        Complex::new(x.re * y.re - x.im * y.im, x.re * y.im + x.im * y.re)
    };
    let f = |x: Complex<T>, y: Complex<T>| -> Complex<T> {
        match op {
            BinaryOp::Add => Complex::new(x.re + y.re, x.im + y.im),
            BinaryOp::Sub => Complex::new(x.re - y.re, x.im - y.im),
            BinaryOp::Mul => mul(x, y),
            BinaryOp::RealDiv | BinaryOp::MulReciprocal => {
                let num = mul(x, Complex::new(y.re, -y.im));
                let den = y.re * y.re + y.im * y.im;
                Complex::new(num.re / den, num.im / den)
            }
            BinaryOp::FirstOperand => x,
            BinaryOp::SecondOperand => y,
            BinaryOp::NegSecond => Complex::new(-y.re, -y.im),
            // (`Default` of f32/f64: +0.0)
            BinaryOp::Zeros => Complex::new(T::default(), T::default()),
            // Not registered for complex: the builder rejects them first.
            BinaryOp::FloorDiv
            | BinaryOp::FloorMod
            | BinaryOp::Maximum
            | BinaryOp::Minimum
            | BinaryOp::MaximumFirst
            | BinaryOp::MinimumFirst => x,
        }
    };
    if matches!(
        op,
        BinaryOp::FloorDiv
            | BinaryOp::FloorMod
            | BinaryOp::Maximum
            | BinaryOp::Minimum
            | BinaryOp::MaximumFirst
            | BinaryOp::MinimumFirst
    ) {
        return Err(Error::invalid_argument(format!(
            "{op:?} is not defined for complex tensors"
        )));
    }
    zip_with(a, b, f)
}

/// `op` of two values of the dtypes this module covers; None for other pairs.
pub fn binary(op: BinaryOp, a: &Value, b: &Value) -> Option<Result<Value>> {
    Some(match (a, b) {
        (Value::I8(x), Value::I8(y)) => int_binary(op, x, y).map(Value::I8),
        (Value::I16(x), Value::I16(y)) => int_binary(op, x, y).map(Value::I16),
        (Value::U8(x), Value::U8(y)) => int_binary(op, x, y).map(Value::U8),
        (Value::U16(x), Value::U16(y)) => int_binary(op, x, y).map(Value::U16),
        (Value::U32(x), Value::U32(y)) => int_binary(op, x, y).map(Value::U32),
        (Value::U64(x), Value::U64(y)) => int_binary(op, x, y).map(Value::U64),
        (Value::C64(x), Value::C64(y)) => complex_binary(op, x, y).map(Value::C64),
        (Value::C128(x), Value::C128(y)) => complex_binary(op, x, y).map(Value::C128),
        (Value::Str(x), Value::Str(y)) if op == BinaryOp::Add => {
            super::strings::concat(x, y).map(Value::Str)
        }
        _ => return None,
    })
}

/// `Neg` of the dtypes this module covers; None for others.
pub fn neg(a: &Value) -> Option<Result<Value>> {
    Some(match a {
        Value::I8(a) => try_map(a, |x| x.wrapping_neg()).map(Value::I8),
        Value::I16(a) => try_map(a, |x| x.wrapping_neg()).map(Value::I16),
        Value::U8(a) => try_map(a, |x| x.wrapping_neg()).map(Value::U8),
        Value::U16(a) => try_map(a, |x| x.wrapping_neg()).map(Value::U16),
        Value::U32(a) => try_map(a, |x| x.wrapping_neg()).map(Value::U32),
        Value::U64(a) => try_map(a, |x| x.wrapping_neg()).map(Value::U64),
        // TF 1.15 negates complex numbers as `0 - x` (measured: -(7.5+0j) is -7.5+0j).
        Value::C64(a) => try_map(a, |x| Complex32::new(0.0 - x.re, 0.0 - x.im)).map(Value::C64),
        Value::C128(a) => try_map(a, |x| Complex64::new(0.0 - x.re, 0.0 - x.im)).map(Value::C128),
        _ => return None,
    })
}

/// Whether every element of an integer or complex value is zero (Grappler's
/// `x + 0` rewrite reads constants of any dtype).
pub fn all_zero(v: &Value) -> bool {
    match v {
        Value::I8(a) => a.iter().all(|&x| x == 0),
        Value::I16(a) => a.iter().all(|&x| x == 0),
        Value::U8(a) => a.iter().all(|&x| x == 0),
        Value::U16(a) => a.iter().all(|&x| x == 0),
        Value::U32(a) => a.iter().all(|&x| x == 0),
        Value::U64(a) => a.iter().all(|&x| x == 0),
        Value::C64(a) => a.iter().all(|x| x.re == 0.0 && x.im == 0.0),
        Value::C128(a) => a.iter().all(|x| x.re == 0.0 && x.im == 0.0),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::arr1;

    #[test]
    fn narrow_ints_wrap_and_complex_multiplies() {
        let a = Value::U8(arr1(&[250u8, 3]).into_dyn());
        let b = Value::U8(arr1(&[10u8, 4]).into_dyn());
        assert_eq!(
            binary(BinaryOp::Add, &a, &b).unwrap().unwrap(),
            Value::U8(arr1(&[4u8, 7]).into_dyn())
        );
        let c = Value::C64(arr1(&[Complex32::new(1.0, 2.0)]).into_dyn());
        let d = Value::C64(arr1(&[Complex32::new(3.0, -1.0)]).into_dyn());
        assert_eq!(
            binary(BinaryOp::Mul, &c, &d).unwrap().unwrap(),
            Value::C64(arr1(&[Complex32::new(5.0, 5.0)]).into_dyn())
        );
        assert!(binary(BinaryOp::Maximum, &c, &d).unwrap().is_err());
        assert!(binary(BinaryOp::Add, &c, &a).is_none());
    }
}
