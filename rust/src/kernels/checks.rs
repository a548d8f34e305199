//! Build-time checks of TF's shape functions shared by the kernels' ops:
//! dtypes, ranks, broadcast static shapes; and the element-wise binary ops'
//! shape function with Grappler's rewrites.

use super::check_arity;
use crate::dtype::DType;
use crate::error::{Error, Result};
use crate::op::{BinaryOp, Built, InferCtx, Input, Kernel, Shape};
use crate::value::Value;
use half::{bf16, f16};

pub fn same_dtype(op_type: &str, x: &Input, y: &Input) -> Result<()> {
    if x.dtype != y.dtype {
        return Err(Error::type_error(format!(
            "Input 'y' of '{op_type}' Op has type {} that does not match type {} of argument 'x'.",
            y.dtype.name(),
            x.dtype.name()
        )));
    }
    Ok(())
}

/// Bool and string inputs never compute (the builder has checked TF's allowed
/// types per op); `strings`: the op concatenates strings (`Add`).
pub fn check_numeric(op_type: &str, x: &Input, strings: bool) -> Result<()> {
    if x.dtype == DType::Bool || (x.dtype == DType::String && !strings) {
        return Err(Error::type_error(format!(
            "Value passed to parameter 'x' has DataType {} not in list of allowed values for {op_type}",
            x.dtype.name()
        )));
    }
    Ok(())
}

/// Static broadcast of two shapes (`-1` unknown), or TF's ValueError.
pub fn broadcast_static(op_type: &str, name: &str, a: &Shape, b: &Shape) -> Result<Shape> {
    let (a, b) = match (a, b) {
        (Some(a), Some(b)) => (a, b),
        _ => return Ok(None),
    };
    let n = a.len().max(b.len());
    let mut out = vec![0i64; n];
    for i in 0..n {
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
        out[i] = match (da, db) {
            (1, d) | (d, 1) => d,
            (-1, d) | (d, -1) => d.max(-1),
            (x, y) if x == y => x,
            (x, y) => {
                return Err(Error::value(format!(
                    "Dimensions must be equal, but are {x} and {y} for '{{{{node {name}}}}} = \
                     {op_type}[T=DT_{}](x, y)' with input shapes: {}, {}.",
                    "FLOAT",
                    super::shape_string(&Some(a.clone())),
                    super::shape_string(&Some(b.clone()))
                )))
            }
        };
    }
    Ok(Some(out))
}

/// An element-wise binary op (`strings`: it concatenates strings, as `Add`):
/// TF's checks, the broadcast static shape and Grappler's rewrite.
pub fn infer_binary(op: BinaryOp, strings: bool, c: InferCtx) -> Result<Built> {
    check_arity(&c, 2)?;
    let (x, y) = (&c.ins[0], &c.ins[1]);
    same_dtype(c.op_type, x, y)?;
    check_numeric(c.op_type, x, strings)?;
    let shape = broadcast_static(c.op_type, c.name, &x.shape, &y.shape)?;
    let rewritten = match (grappler_rewrite(op, x, y, &shape), c.target) {
        (BinaryOp::Maximum, crate::op::Target::Tf1) => BinaryOp::MaximumFirst,
        (BinaryOp::Minimum, crate::op::Target::Tf1) => BinaryOp::MinimumFirst,
        (BinaryOp::Mul, crate::op::Target::Tf1) if times_zero_folds(x, y, &shape) => {
            BinaryOp::Zeros
        }
        (other, _) => other,
    };
    let mut built = Built::new(x.dtype, shape).kernel(Kernel::owned(move |_, owned, _| {
        let mut it = owned.into_iter();
        match (it.next(), it.next()) {
            (Some(a), Some(b)) => super::math::binary_shared(rewritten, a, b).map(Some),
            _ => Err(Error::internal("binary op without two inputs")),
        }
    }));
    built.attrs.binary = Some(rewritten);
    Ok(built)
}

/// TF 1.15's `x * 0` rewrite (measured): one operand a Const of zeros, the
/// other neither constant (constant folding evaluates those exactly) nor fed,
/// and the output's shape fully known.
fn times_zero_folds(x: &Input, y: &Input, out: &Shape) -> bool {
    let full = out.as_ref().is_some_and(|d| d.iter().all(|&n| n >= 0));
    let other_varies = |n: &Input| !n.constant && !n.fed;
    full && ((is_zeros(y) && other_varies(x)) || (is_zeros(x) && other_varies(y)))
}

/// Whether `n` is a Const whose elements are all zero (either sign).
fn is_zeros(n: &Input) -> bool {
    match n.value {
        Some(v) => match v {
            Value::F16(a) => a.iter().all(is_zero_elem),
            Value::BF16(a) => a.iter().all(is_zero_elem),
            Value::F32(a) => a.iter().all(is_zero_elem),
            Value::F64(a) => a.iter().all(is_zero_elem),
            Value::I32(a) => a.iter().all(is_zero_elem),
            Value::I64(a) => a.iter().all(is_zero_elem),
            other => super::dtype_ops::all_zero(other),
        },
        _ => false,
    }
}

fn is_zero_elem<T: ToF64Lossy>(e: &T) -> bool {
    e.to_f64_lossy() == 0.0
}

trait ToF64Lossy {
    fn to_f64_lossy(&self) -> f64;
}
macro_rules! to_f64_lossy {
    ($($t:ty => $e:expr),*) => {$(impl ToF64Lossy for $t {
        fn to_f64_lossy(&self) -> f64 { let f: fn(&$t) -> f64 = $e; f(self) }
    })*};
}
to_f64_lossy!(f32 => |x| *x as f64, f64 => |x| *x, i32 => |x| *x as f64, i64 => |x| *x as f64,
              f16 => |x| x.to_f64(), bf16 => |x| x.to_f64(), bool => |x| *x as u8 as f64);

/// The rewrites of Grappler's constant folding that change a float result's
/// bits (TF runs them on every session graph): division by a constant
/// becomes multiplication by its reciprocal (`ReduceDivToReciprocalMul`),
/// adding a zero constant returns the other operand and `0 - y` becomes
/// `-y` (`SimplifyArithmeticOperations`, when that operand has the output's
/// static shape). Other simplifications there (`x * 1`, `x - 0`, `x / 1`)
/// give the same bits as the arithmetic and need no rewrite.
fn grappler_rewrite(op: BinaryOp, x: &Input, y: &Input, out: &Shape) -> BinaryOp {
    let full = |s: &Shape| s.as_ref().is_some_and(|d| d.iter().all(|&n| n >= 0));
    // Fully constant expressions are folded by evaluating them, not rewritten.
    let matches_out = |n: &Input| !n.constant && full(out) && n.shape == *out;
    match op {
        BinaryOp::RealDiv if x.dtype.is_floating() && y.constant && !x.constant => {
            BinaryOp::MulReciprocal
        }
        BinaryOp::Add if is_zeros(x) && matches_out(y) => BinaryOp::SecondOperand,
        BinaryOp::Add if is_zeros(y) && matches_out(x) => BinaryOp::FirstOperand,
        BinaryOp::Sub if is_zeros(x) && matches_out(y) => BinaryOp::NegSecond,
        other => other,
    }
}
