//! Element-wise arithmetic with NumPy broadcasting, rounded in the tensor's
//! dtype as TensorFlow's CPU kernels round: float16/bfloat16 compute each op
//! in float and round the result back.

use crate::alloc::{output_len, shaped, try_map, try_vec, TfName};
use crate::error::{Error, Result};
use crate::op::BinaryOp;
use crate::value::Value;
use half::{bf16, f16};
use ndarray::{ArrayD, IxDyn};
use std::sync::Arc;

pub use super::cast::cast;
pub use super::checks::{broadcast_static, check_numeric, same_dtype};

/// The runtime broadcast of two shapes, or TF's InvalidArgumentError.
pub fn broadcast_shape(a: &[usize], b: &[usize]) -> Result<Vec<usize>> {
    let n = a.len().max(b.len());
    (0..n)
        .map(|i| {
            let da = if i + a.len() >= n {
                a[i + a.len() - n]
            } else {
                1
            };
            let db = if i + b.len() >= n {
                b[i + b.len() - n]
            } else {
                1
            };
            match (da, db) {
                (1, d) | (d, 1) => Ok(d),
                (x, y) if x == y => Ok(x),
                _ => Err(Error::invalid_argument(format!(
                    "Incompatible shapes: {} vs. {}",
                    super::common::shape_debug_string(a),
                    super::common::shape_debug_string(b)
                ))),
            }
        })
        .collect()
}

/// `f` of the broadcast operands into a new, fallibly allocated array
/// (row-major). Contiguous operands of one shape, or one of them a single
/// element, run as plain slice loops.
pub(crate) fn zip_with<T: Copy, U: TfName>(
    a: &ArrayD<T>,
    b: &ArrayD<T>,
    f: impl Fn(T, T) -> U,
) -> Result<ArrayD<U>> {
    let shape = broadcast_shape(a.shape(), b.shape())?;
    let n = output_len::<U>(&shape)?;
    let mut out = try_vec::<U>(n, &shape)?;
    match (a.as_slice(), b.as_slice()) {
        (Some(x), Some(y)) if a.shape() == b.shape() => {
            out.extend(x.iter().zip(y).map(|(&x, &y)| f(x, y)))
        }
        (Some(x), Some(&[y])) if x.len() == n => out.extend(x.iter().map(|&x| f(x, y))),
        (Some(&[x]), Some(y)) if y.len() == n => out.extend(y.iter().map(|&y| f(x, y))),
        _ => {
            let err = || Error::internal("broadcast of checked shapes failed");
            let av = a.broadcast(IxDyn(&shape)).ok_or_else(err)?;
            let bv = b.broadcast(IxDyn(&shape)).ok_or_else(err)?;
            out.extend(av.iter().zip(bv.iter()).map(|(&x, &y)| f(x, y)));
        }
    }
    shaped(&shape, out)
}

/// TF's float `Maximum`/`Minimum` (`scalar_max_op<T, T, PropagateNaN>` as
/// the CPU kernels run it, checked against TF 2.21): a NaN `x` is returned,
/// else a NaN `y`, else the larger (smaller). Ties (`-0.0` vs `0.0`) give
/// `y` in Eigen's packet loop and `x` in its scalar tail (`narrow`), so for
/// float32/float64 the last `n % packet` outputs differ (see
/// [`max_min_tail`]); float16/bfloat16 always give `x`.
#[inline]
fn nan_max<T: num_like::Float>(x: T, y: T, narrow: bool) -> T {
    if x.is_nan() {
        x
    } else if y.is_nan() {
        y
    } else if x > y || (narrow && x == y) {
        x
    } else {
        y
    }
}

#[inline]
fn nan_min<T: num_like::Float>(x: T, y: T, narrow: bool) -> T {
    if x.is_nan() {
        x
    } else if y.is_nan() {
        y
    } else if x < y || (narrow && x == y) {
        x
    } else {
        y
    }
}

/// TF's floating-point `FloorMod`: C `fmod`, shifted into the divisor's sign.
fn float_floor_mod<T: num_like::Float>(x: T, y: T) -> T {
    let m = x % y;
    if m != T::zero() && ((y < T::zero()) != (m < T::zero())) {
        m + y
    } else {
        m
    }
}

/// Evaluate `$body` with `$f` bound to the element function of `$op` on `$t`,
/// one monomorphic closure per op so each loop compiles to straight
/// (vectorisable) code instead of a per-element `match`.
macro_rules! with_float_op {
    ($op:expr, $t:ty, |$f:ident| $body:expr) => {
        with_float_op!($op, $t, false, |$f| $body)
    };
    ($op:expr, $t:ty, $narrow:expr, |$f:ident| $body:expr) => {
        match $op {
            BinaryOp::Add => {
                let $f = |x: $t, y: $t| x + y;
                $body
            }
            BinaryOp::Sub => {
                let $f = |x: $t, y: $t| x - y;
                $body
            }
            BinaryOp::Mul => {
                let $f = |x: $t, y: $t| x * y;
                $body
            }
            // The rewritten ops never get here (their callers resolve them first);
            // division is MulReciprocal's meaning.
            BinaryOp::FirstOperand => {
                let $f = |x: $t, _y: $t| x;
                $body
            }
            BinaryOp::SecondOperand => {
                let $f = |_x: $t, y: $t| y;
                $body
            }
            BinaryOp::NegSecond => {
                let $f = |_x: $t, y: $t| -y;
                $body
            }
            BinaryOp::RealDiv | BinaryOp::MulReciprocal => {
                let $f = |x: $t, y: $t| x / y;
                $body
            }
            BinaryOp::FloorDiv => {
                let $f = |x: $t, y: $t| (x / y).floor();
                $body
            }
            BinaryOp::FloorMod => {
                let $f = float_floor_mod::<$t>;
                $body
            }
            BinaryOp::Maximum => {
                let $f = |x: $t, y: $t| nan_max(x, y, $narrow);
                $body
            }
            BinaryOp::Minimum => {
                let $f = |x: $t, y: $t| nan_min(x, y, $narrow);
                $body
            }
            BinaryOp::MaximumFirst => {
                let $f = |x: $t, y: $t| if x < y { y } else { x };
                $body
            }
            BinaryOp::Zeros => {
                let $f = |_: $t, _: $t| <$t as num_like::Float>::zero();
                $body
            }
            BinaryOp::MinimumFirst => {
                let $f = |x: $t, y: $t| if y < x { y } else { x };
                $body
            }
        }
    };
}

pub(crate) fn int_binary<T>(op: BinaryOp, a: &ArrayD<T>, b: &ArrayD<T>) -> Result<ArrayD<T>>
where
    T: num_like::Int + TfName,
{
    if matches!(
        op,
        BinaryOp::FloorDiv | BinaryOp::FloorMod | BinaryOp::RealDiv
    ) && b.iter().any(|&y| y == T::zero())
    {
        return Err(Error::invalid_argument("Integer division by zero"));
    }
    zip_with(a, b, |x, y| match op {
        BinaryOp::Add => x.wadd(y),
        BinaryOp::Sub => x.wsub(y),
        BinaryOp::Mul => x.wmul(y),
        BinaryOp::RealDiv | BinaryOp::MulReciprocal => x.wdiv(y),
        BinaryOp::FirstOperand => x,
        BinaryOp::SecondOperand => y,
        BinaryOp::NegSecond => y.wneg(),
        BinaryOp::FloorDiv => x.floor_div(y),
        BinaryOp::FloorMod => x.floor_mod(y),
        BinaryOp::Zeros => T::zero(),
        BinaryOp::Maximum | BinaryOp::MaximumFirst => x.max(y),
        BinaryOp::Minimum | BinaryOp::MinimumFirst => x.min(y),
    })
}

/// TF's `Reciprocal` kernel: `1 / y` rounded in the dtype.
fn reciprocal(y: &Value) -> Result<Value> {
    Ok(match y {
        Value::F32(a) => Value::F32(try_map(a, |v| 1.0 / v)?),
        Value::F64(a) => Value::F64(try_map(a, |v| 1.0 / v)?),
        Value::F16(a) => Value::F16(try_map(a, |v| f16::from_f32(1.0 / v.to_f32()))?),
        Value::BF16(a) => Value::BF16(try_map(a, |v| bf16::from_f32(1.0 / v.to_f32()))?),
        other => {
            return Err(Error::invalid_argument(format!(
                "Reciprocal of {}",
                other.dtype().name()
            )))
        }
    })
}

/// Elements per packet of the Eigen build TF 2.21's CPU wheel runs (AVX:
/// 8 floats, 4 doubles); outputs past the last full packet take Eigen's
/// scalar path.
const PACKET_F32: usize = 8;
const PACKET_F64: usize = 4;

/// Redo the scalar tail of a float32/float64 `Maximum`/`Minimum` with the
/// scalar path's tie rule (`x` on `-0.0` vs `0.0`).
fn max_min_tail<T: num_like::Float>(
    op: BinaryOp,
    out: &mut ArrayD<T>,
    a: &ArrayD<T>,
    b: &ArrayD<T>,
    packet: usize,
) -> Result<()> {
    let n = out.len();
    let tail = n % packet;
    if tail == 0 {
        return Ok(());
    }
    let shape = out.shape().to_vec();
    let err = || Error::internal("broadcast of checked shapes failed");
    let av = a.broadcast(IxDyn(&shape)).ok_or_else(err)?;
    let bv = b.broadcast(IxDyn(&shape)).ok_or_else(err)?;
    let pairs = av.iter().zip(bv.iter()).skip(n - tail);
    for (o, (&x, &y)) in out.iter_mut().skip(n - tail).zip(pairs) {
        *o = if op == BinaryOp::Maximum {
            nan_max(x, y, true)
        } else {
            nan_min(x, y, true)
        };
    }
    Ok(())
}

pub fn binary(op: BinaryOp, a: &Value, b: &Value) -> Result<Value> {
    if matches!(op, BinaryOp::Maximum | BinaryOp::Minimum) {
        match (a, b) {
            (Value::F32(x), Value::F32(y)) => {
                let mut out = with_float_op!(op, f32, |f| zip_with(x, y, f)?);
                max_min_tail(op, &mut out, x, y, PACKET_F32)?;
                return Ok(Value::F32(out));
            }
            (Value::F64(x), Value::F64(y)) => {
                let mut out = with_float_op!(op, f64, |f| zip_with(x, y, f)?);
                max_min_tail(op, &mut out, x, y, PACKET_F64)?;
                return Ok(Value::F64(out));
            }
            _ => {}
        }
    }
    match op {
        BinaryOp::MulReciprocal => return binary(BinaryOp::Mul, a, &reciprocal(b)?),
        BinaryOp::FirstOperand => return a.try_clone(),
        BinaryOp::SecondOperand => return b.try_clone(),
        BinaryOp::NegSecond => return neg(b),
        _ => {}
    }
    Ok(match (a, b) {
        (Value::F32(a), Value::F32(b)) => {
            with_float_op!(op, f32, |f| Value::F32(zip_with(a, b, f)?))
        }
        (Value::F64(a), Value::F64(b)) => {
            with_float_op!(op, f64, |f| Value::F64(zip_with(a, b, f)?))
        }
        (Value::F16(a), Value::F16(b)) => with_float_op!(op, f32, true, |f| {
            Value::F16(zip_with(a, b, |x, y| {
                f16::from_f32(f(x.to_f32(), y.to_f32()))
            })?)
        }),
        (Value::BF16(a), Value::BF16(b)) => with_float_op!(op, f32, true, |f| {
            Value::BF16(zip_with(a, b, |x, y| {
                bf16::from_f32(f(x.to_f32(), y.to_f32()))
            })?)
        }),
        (Value::I32(a), Value::I32(b)) => Value::I32(int_binary(op, a, b)?),
        (Value::I64(a), Value::I64(b)) => Value::I64(int_binary(op, a, b)?),
        (a, b) if super::dtype_ops::binary(op, a, b).is_some() => {
            return super::dtype_ops::binary(op, a, b)
                .unwrap_or_else(|| Err(Error::internal("dtype_ops::binary changed its mind")))
        }
        _ => {
            return Err(Error::invalid_argument(format!(
                "{op:?} of {} and {}",
                a.dtype().name(),
                b.dtype().name()
            )))
        }
    })
}

/// [`binary`] that reuses `a`'s or `b`'s buffer when it is the only reference
/// and already has the output's shape (same results: each element is still
/// computed from the same two operands and rounded once).
pub fn binary_shared(op: BinaryOp, a: Arc<Value>, b: Arc<Value>) -> Result<Value> {
    let owned = |v: Arc<Value>| Arc::try_unwrap(v).or_else(|shared| shared.try_clone());
    match op {
        BinaryOp::MulReciprocal => {
            return binary_shared(BinaryOp::Mul, a, Arc::new(reciprocal(&b)?))
        }
        BinaryOp::FirstOperand => return owned(a),
        BinaryOp::SecondOperand => return owned(b),
        BinaryOp::NegSecond => {
            return match Arc::try_unwrap(b) {
                Ok(v) => neg_owned(v),
                Err(shared) => neg(&shared),
            }
        }
        // Position-dependent tie rule: not in place.
        BinaryOp::Maximum | BinaryOp::Minimum | BinaryOp::MaximumFirst | BinaryOp::MinimumFirst => {
            return binary(op, &a, &b)
        }
        _ => {}
    }
    let is_int = matches!(*a, Value::I32(_) | Value::I64(_));
    let a = match Arc::try_unwrap(a) {
        Ok(owned) if !is_int && covers(&owned, &b) => return in_place(op, owned, &b, false),
        Ok(owned) => Arc::new(owned),
        Err(shared) => shared,
    };
    match Arc::try_unwrap(b) {
        Ok(owned) if !is_int && covers(&owned, &a) => in_place(op, owned, &a, true),
        Ok(owned) => binary(op, &a, &owned),
        Err(shared) => binary(op, &a, &shared),
    }
}

/// Element counts from which in-place arithmetic is split across the pool.
const PARALLEL_MIN: usize = 1 << 16;

/// Whether `big`'s shape is the broadcast of both shapes.
fn covers(big: &Value, small: &Value) -> bool {
    big.dtype() == small.dtype()
        && broadcast_shape(big.shape(), small.shape()).is_ok_and(|s| s == big.shape())
}

/// `dst = dst op other` (or `other op dst` when `swapped`) element by element.
fn in_place(op: BinaryOp, dst: Value, other: &Value, swapped: bool) -> Result<Value> {
    fn run<T: Copy + Send + Sync>(
        mut d: ArrayD<T>,
        o: &ArrayD<T>,
        swapped: bool,
        f: impl Fn(T, T) -> T + Sync,
    ) -> ArrayD<T> {
        let g = |x: &mut T, y: T| *x = if swapped { f(y, *x) } else { f(*x, y) };
        let parallel = d.len() >= PARALLEL_MIN && crate::parallel::threads() > 1;
        let same = o.shape() == d.shape();
        if let (Some(ds), Some(os)) = (d.as_slice_mut(), o.as_slice()) {
            // Contiguous operands: plain slice loops (vectorised), split across
            // the pool when large.
            if same || os.len() == 1 {
                let chunk = |dc: &mut [T], start: usize| {
                    if same {
                        let oc = &os[start..start + dc.len()];
                        dc.iter_mut().zip(oc).for_each(|(x, &y)| g(x, y));
                    } else {
                        let y = os[0];
                        dc.iter_mut().for_each(|x| g(x, y));
                    }
                };
                if parallel {
                    use rayon::prelude::*;
                    crate::parallel::install(|| {
                        ds.par_chunks_mut(PARALLEL_MIN)
                            .enumerate()
                            .for_each(|(k, dc)| chunk(dc, k * PARALLEL_MIN))
                    });
                } else {
                    chunk(ds, 0);
                }
                return d;
            }
        }
        d.zip_mut_with(o, |x, &y| g(x, y));
        d
    }
    Ok(match (dst, other) {
        (Value::F32(d), Value::F32(o)) => {
            with_float_op!(op, f32, |f| Value::F32(run(d, o, swapped, f)))
        }
        (Value::F64(d), Value::F64(o)) => {
            with_float_op!(op, f64, |f| Value::F64(run(d, o, swapped, f)))
        }
        (Value::F16(d), Value::F16(o)) => with_float_op!(op, f32, true, |f| {
            Value::F16(run(d, o, swapped, |x, y| {
                f16::from_f32(f(x.to_f32(), y.to_f32()))
            }))
        }),
        (Value::BF16(d), Value::BF16(o)) => with_float_op!(op, f32, true, |f| {
            Value::BF16(run(d, o, swapped, |x, y| {
                bf16::from_f32(f(x.to_f32(), y.to_f32()))
            }))
        }),
        (d, o) => {
            if swapped {
                binary(op, o, &d)?
            } else {
                binary(op, &d, o)?
            }
        }
    })
}

pub fn neg_owned(a: Value) -> Result<Value> {
    Ok(match a {
        Value::F32(mut a) => {
            a.mapv_inplace(|x| -x);
            Value::F32(a)
        }
        Value::F64(mut a) => {
            a.mapv_inplace(|x| -x);
            Value::F64(a)
        }
        other => neg(&other)?,
    })
}

pub fn neg(a: &Value) -> Result<Value> {
    Ok(match a {
        Value::F16(a) => Value::F16(try_map(a, |&x| -x)?),
        Value::BF16(a) => Value::BF16(try_map(a, |&x| -x)?),
        Value::F32(a) => Value::F32(try_map(a, |&x| -x)?),
        Value::F64(a) => Value::F64(try_map(a, |&x| -x)?),
        Value::I32(a) => Value::I32(try_map(a, |x| x.wrapping_neg())?),
        Value::I64(a) => Value::I64(try_map(a, |x| x.wrapping_neg())?),
        other => {
            return super::dtype_ops::neg(other).unwrap_or_else(|| {
                Err(Error::invalid_argument(format!(
                    "Neg of {}",
                    other.dtype().name()
                )))
            })
        }
    })
}

/// Minimal numeric traits for the generic kernels above.
pub(crate) mod num_like {
    pub trait Float:
        Copy
        + PartialOrd
        + std::ops::Add<Output = Self>
        + std::ops::Sub<Output = Self>
        + std::ops::Mul<Output = Self>
        + std::ops::Div<Output = Self>
        + std::ops::Rem<Output = Self>
    {
        fn zero() -> Self;
        fn is_nan(self) -> bool;
    }
    impl Float for f32 {
        fn zero() -> Self {
            0.0
        }
        fn is_nan(self) -> bool {
            f32::is_nan(self)
        }
    }
    impl Float for f64 {
        fn zero() -> Self {
            0.0
        }
        fn is_nan(self) -> bool {
            f64::is_nan(self)
        }
    }

    pub trait Int: Copy + Ord + PartialEq {
        fn zero() -> Self;
        fn wadd(self, o: Self) -> Self;
        fn wsub(self, o: Self) -> Self;
        fn wmul(self, o: Self) -> Self;
        fn wdiv(self, o: Self) -> Self;
        fn wneg(self) -> Self;
        fn floor_div(self, o: Self) -> Self;
        fn floor_mod(self, o: Self) -> Self;
    }
    macro_rules! int_impl {
        ($t:ty) => {
            impl Int for $t {
                fn zero() -> Self {
                    0
                }
                fn wadd(self, o: Self) -> Self {
                    self.wrapping_add(o)
                }
                fn wsub(self, o: Self) -> Self {
                    self.wrapping_sub(o)
                }
                fn wmul(self, o: Self) -> Self {
                    self.wrapping_mul(o)
                }
                fn wdiv(self, o: Self) -> Self {
                    self.wrapping_div(o)
                }
                fn wneg(self) -> Self {
                    self.wrapping_neg()
                }
                /// TF's floor division (checked against TF 2.21): exact, except
                /// that `MIN // -1` wraps to `MIN`.
                fn floor_div(self, o: Self) -> Self {
                    let q = self.wrapping_div(o);
                    if (self.wrapping_rem(o) != 0) && ((self < 0) != (o < 0)) {
                        q - 1
                    } else {
                        q
                    }
                }
                fn floor_mod(self, o: Self) -> Self {
                    let m = self.wrapping_rem(o);
                    if m != 0 && ((o < 0) != (m < 0)) {
                        m + o
                    } else {
                        m
                    }
                }
            }
        };
    }
    int_impl!(i8);
    int_impl!(i16);
    int_impl!(i32);
    int_impl!(i64);

    macro_rules! uint_impl {
        ($t:ty) => {
            impl Int for $t {
                fn zero() -> Self {
                    0
                }
                fn wadd(self, o: Self) -> Self {
                    self.wrapping_add(o)
                }
                fn wsub(self, o: Self) -> Self {
                    self.wrapping_sub(o)
                }
                fn wmul(self, o: Self) -> Self {
                    self.wrapping_mul(o)
                }
                fn wdiv(self, o: Self) -> Self {
                    self / o
                }
                fn wneg(self) -> Self {
                    self.wrapping_neg()
                }
                fn floor_div(self, o: Self) -> Self {
                    self / o
                }
                fn floor_mod(self, o: Self) -> Self {
                    self % o
                }
            }
        };
    }
    uint_impl!(u8);
    uint_impl!(u16);
    uint_impl!(u32);
    uint_impl!(u64);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dtype::DType;
    use ndarray::arr1;

    #[test]
    fn broadcasting_and_float16_rounding() {
        let a = Value::F32(arr1(&[1.0f32, 2.0, 3.0]).into_dyn());
        let b = Value::F32(ndarray::arr0(2.0f32).into_dyn());
        assert_eq!(
            binary(BinaryOp::Mul, &a, &b).unwrap(),
            Value::F32(arr1(&[2.0f32, 4.0, 6.0]).into_dyn())
        );
        let h = |x: f32| f16::from_f32(x);
        let a = Value::F16(arr1(&[h(0.1), h(2048.0)]).into_dyn());
        let b = Value::F16(arr1(&[h(0.2), h(1.0)]).into_dyn());
        let got = binary(BinaryOp::Add, &a, &b).unwrap();
        // 2048 + 1 is a tie in half precision and rounds to even (2048).
        assert_eq!(
            got,
            Value::F16(arr1(&[h(h(0.1).to_f32() + h(0.2).to_f32()), h(2048.0)]).into_dyn())
        );
        let c = Value::F32(arr1(&[1.0f32, 2.0]).into_dyn());
        assert_eq!(
            binary(BinaryOp::Add, &a_f32(), &c).unwrap_err().kind,
            crate::error::ErrorKind::InvalidArgument
        );
    }

    fn a_f32() -> Value {
        Value::F32(arr1(&[1.0f32, 2.0, 3.0]).into_dyn())
    }

    #[test]
    fn integer_floor_ops_follow_python() {
        let a = Value::I32(arr1(&[7, -7, 7, -7]).into_dyn());
        let b = Value::I32(arr1(&[2, 2, -2, -2]).into_dyn());
        assert_eq!(
            binary(BinaryOp::FloorDiv, &a, &b).unwrap(),
            Value::I32(arr1(&[3, -4, -4, 3]).into_dyn())
        );
        assert_eq!(
            binary(BinaryOp::FloorMod, &a, &b).unwrap(),
            Value::I32(arr1(&[1, 1, -1, -1]).into_dyn())
        );
        let z = Value::I32(arr1(&[0, 1, 1, 1]).into_dyn());
        assert!(binary(BinaryOp::FloorMod, &a, &z).is_err());
    }

    #[test]
    fn casts_round_and_truncate() {
        let a = Value::F64(arr1(&[1.5f64, -2.7, 0.1]).into_dyn());
        assert_eq!(
            cast(&a, DType::Int32).unwrap(),
            Value::I32(arr1(&[1, -2, 0]).into_dyn())
        );
        assert_eq!(
            cast(&a, DType::Float32).unwrap(),
            Value::F32(arr1(&[1.5f32, -2.7, 0.1]).into_dyn())
        );
    }
}
