//! TF's basic ops: Const, Placeholder, variables, NoOp, Neg, Identity, Cast
//! and Shape. Variables' storage is the session's: their kernels here only
//! say that they ran outside one.

use super::{check_arity, math, shape_string};
use crate::dtype::DType;
use crate::error::{Error, Result};
use crate::op::{Built, Class, InferCtx, Kernel};
use crate::value::Value;
use std::sync::Arc;

fn dtype_attr(c: &InferCtx) -> Result<DType> {
    c.attrs
        .dtype
        .ok_or_else(|| Error::value(format!("{} op '{}' needs a dtype", c.op_type, c.name)))
}

pub fn infer_const(c: InferCtx) -> Result<Built> {
    if c.attrs.value.is_none() && c.attrs.dtype == Some(DType::String) {
        // String constants (Assert messages) are kept for structure only.
        return Ok(Built::new(DType::String, c.attrs.shape));
    }
    let v = c
        .attrs
        .value
        .ok_or_else(|| Error::value("Const needs a value"))?;
    let shape = Some(v.shape().iter().map(|&d| d as i64).collect());
    let mut built = Built::new(v.dtype(), shape).kernel(Kernel::simple(|args, _| {
        args.attrs
            .value
            .as_ref()
            .ok_or_else(|| Error::internal("Const without a value"))?
            .try_clone()
    }));
    built.attrs.value = Some(v);
    Ok(built)
}

pub fn infer_placeholder(c: InferCtx) -> Result<Built> {
    Ok(
        Built::new(dtype_attr(&c)?, c.attrs.shape).kernel(Kernel::simple(|args, _| {
            Err(Error::invalid_argument(format!(
                "You must feed a value for placeholder tensor '{}' with dtype {} and shape {}",
                args.name,
                args.dtype.name(),
                shape_string(args.shape)
            )))
        })),
    )
}

/// Variables are read and written by the session running them.
fn stored(_: &crate::op::KernelArgs, _: &[&Value]) -> Result<Value> {
    Err(Error::internal("variables are run by a session"))
}

pub fn infer_variable(c: InferCtx) -> Result<Built> {
    Ok(Built::new(dtype_attr(&c)?, c.attrs.shape).kernel(Kernel::simple(stored)))
}

pub fn infer_assign(c: InferCtx) -> Result<Built> {
    check_arity(&c, 2)?;
    let (var, value) = (&c.ins[0], &c.ins[1]);
    if var.def.class != Class::Variable {
        return Err(Error::type_error(
            "Assign needs a variable as its first input",
        ));
    }
    math::same_dtype(c.op_type, var, value)?;
    Ok(Built::new(var.dtype, value.shape.clone()).kernel(Kernel::simple(stored)))
}

pub fn infer_no_op(_: InferCtx) -> Result<Built> {
    Ok(Built::new(DType::Float32, Some(vec![])).kernel(Kernel::values(|_, _, _| Ok(None))))
}

pub fn infer_neg(c: InferCtx) -> Result<Built> {
    check_arity(&c, 1)?;
    math::check_numeric(c.op_type, &c.ins[0], false)?;
    let x = &c.ins[0];
    // Negates in place when this op holds its input's only reference.
    Ok(
        Built::new(x.dtype, x.shape.clone()).kernel(Kernel::owned(|_, owned, _| {
            match owned.into_iter().next().map(Arc::try_unwrap) {
                Some(Ok(v)) => math::neg_owned(v),
                Some(Err(a)) => math::neg(&a),
                None => Err(Error::internal("Neg without an input")),
            }
            .map(Some)
        })),
    )
}

pub fn infer_identity(c: InferCtx) -> Result<Built> {
    check_arity(&c, 1)?;
    let x = &c.ins[0];
    Ok(Built::new(x.dtype, x.shape.clone()).kernel(Kernel::simple(|_, ins| ins[0].try_clone())))
}

pub fn infer_cast(c: InferCtx) -> Result<Built> {
    check_arity(&c, 1)?;
    let to = dtype_attr(&c)?;
    if !to.is_supported() {
        return Err(crate::value::unsupported(to));
    }
    Ok(Built::new(to, c.ins[0].shape.clone())
        .kernel(Kernel::simple(|args, ins| math::cast(ins[0], args.dtype))))
}

/// `Shape`'s output from its input's dims (int64 if asked for, else int32).
pub fn shape_value(dtype: DType, dims: &[usize]) -> Result<Value> {
    Ok(match dtype {
        DType::Int64 => {
            let d: Vec<i64> = dims.iter().map(|&x| x as i64).collect();
            Value::I64(crate::alloc::shaped(&[d.len()], d)?)
        }
        _ => {
            let d: Vec<i32> = dims.iter().map(|&x| x as i32).collect();
            Value::I32(crate::alloc::shaped(&[d.len()], d)?)
        }
    })
}

/// `Size` and `Rank` from the input's dims (run for inputs without values).
pub fn size_value(dtype: DType, dims: &[usize]) -> Result<Value> {
    int_scalar(dtype, dims.iter().product::<usize>() as i64)
}

pub fn rank_value(dtype: DType, dims: &[usize]) -> Result<Value> {
    int_scalar(dtype, dims.len() as i64)
}

fn int_scalar(dtype: DType, x: i64) -> Result<Value> {
    Ok(match dtype {
        DType::Int64 => Value::I64(crate::alloc::shaped(&[], vec![x])?),
        _ => Value::I32(crate::alloc::shaped(&[], vec![x as i32])?),
    })
}

pub fn infer_shape(c: InferCtx) -> Result<Built> {
    check_arity(&c, 1)?;
    let rank = c.ins[0].shape.as_ref().map_or(-1, |s| s.len() as i64);
    // `out_type`: int32 unless the builder asks for int64.
    let out = match c.attrs.dtype {
        Some(DType::Int64) => DType::Int64,
        _ => DType::Int32,
    };
    Ok(
        Built::new(out, Some(vec![rank])).kernel(Kernel::simple(|args, ins| {
            shape_value(args.dtype, ins[0].shape())
        })),
    )
}
