//! Constants and sequences of TF's "Constants, Sequences, and Random Values"
//! guide: Fill, ZerosLike/OnesLike, LinSpace (see `linspace`), Range, plus
//! Slice and BroadcastTo (used by random_crop and random_gamma's wrappers)
//! and the main-diagonal matrix ops of `eye` (see `diag`).

use super::random::{infer_shape_input, shape_from_value};
use crate::alloc::{num_elements, shaped, try_array_filled, try_to_owned};
use crate::dtype::DType;
use crate::error::{Error, Result};
use crate::op::{Built, InferCtx, Input, Kernel, KernelArgs, Shape};
use crate::value::{Complex32, Complex64, Value};
use half::{bf16, f16};
use ndarray::{ArrayD, IxDyn, SliceInfoElem};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArrayOp {
    Fill,
    ZerosLike,
    OnesLike,
    /// `axis` of the n-d form; `reciprocal`: the division by `num - 1` is
    /// Grappler's multiplication by the rounded reciprocal (see `linspace`).
    LinSpace {
        axis: i64,
        reciprocal: bool,
    },
    Range,
    Slice,
    BroadcastTo,
    MatrixDiag,
    MatrixSetDiag,
}

/// The integer elements of a Const node (shapes, begins, sizes), else None.
pub(crate) fn const_ints(n: &Input) -> Option<Vec<i64>> {
    n.value?.to_i64_vec()
}

fn scalar_const(n: &Input) -> Option<f64> {
    n.value.filter(|v| v.shape().is_empty())?.scalar_f64()
}

/// The shape function of `op`; the node's kernel computes `op` as resolved.
pub fn infer(op: ArrayOp, c: InferCtx) -> Result<Built> {
    let (op, dtype, shape) = infer_op(op, &c)?;
    Ok(Built::new(dtype, shape).kernel(Kernel::simple(move |args, ins| compute(op, args, ins))))
}

fn infer_op(op: ArrayOp, c: &InferCtx) -> Result<(ArrayOp, DType, Shape)> {
    let (op_type, name, ins) = (c.op_type, c.name, c.ins);
    let n_in = match op {
        ArrayOp::ZerosLike | ArrayOp::OnesLike => 1,
        ArrayOp::Fill | ArrayOp::BroadcastTo => 2,
        ArrayOp::LinSpace { .. } | ArrayOp::Range | ArrayOp::Slice | ArrayOp::MatrixSetDiag => 3,
        ArrayOp::MatrixDiag => 5,
    };
    super::check_arity(c, n_in)?;
    let kind = op;
    Ok(match op {
        ArrayOp::Fill => (
            kind,
            ins[1].dtype,
            infer_shape_input(op_type, name, &ins[0])?,
        ),
        ArrayOp::BroadcastTo => (
            kind,
            ins[0].dtype,
            infer_shape_input(op_type, name, &ins[1])?,
        ),
        ArrayOp::ZerosLike | ArrayOp::OnesLike => (kind, ins[0].dtype, ins[0].shape.clone()),
        ArrayOp::LinSpace { .. } => {
            let axis = c.attrs.ints.first().copied().unwrap_or(0);
            let d = ins[0].dtype;
            if !(d.is_floating() || matches!(d, DType::Int32 | DType::Int64)) {
                return Err(Error::type_error(format!(
                    "Value passed to parameter 'start' has DataType {} not in list of allowed \
                     values: bfloat16, half, float32, float64, int32, int64",
                    d.name()
                )));
            }
            super::math::same_dtype(op_type, &ins[0], &ins[1])?;
            if !matches!(ins[2].dtype, DType::Int32 | DType::Int64) {
                return Err(Error::type_error(format!(
                    "Value passed to parameter 'num' has DataType {} not in list of allowed \
                     values: int32, int64",
                    ins[2].dtype.name()
                )));
            }
            let num = scalar_const(&ins[2]).map(|v| v as i64);
            if let Some(n) = num {
                if (n as i32) < 0 {
                    // TF's shape function of `range(1, num - 1)` sees the constant.
                    return Err(Error::value(format!(
                        "Requires start <= limit when delta > 0: 1/{} for '{{{{node \
                         {name}/range}}}} = Range[Tidx=DT_INT64]'",
                        (n as i32) as i64 - 1
                    )));
                }
            }
            let reciprocal = num.is_some() && !(ins[0].constant && ins[1].constant);
            let dtype = if d.is_floating() { d } else { DType::Float64 };
            let shape = super::linspace::static_shape(&ins[0].shape, &ins[1].shape, num, axis);
            (ArrayOp::LinSpace { axis, reciprocal }, dtype, shape)
        }
        ArrayOp::MatrixDiag => {
            let shape = ins[0].shape.as_ref().and_then(|s| {
                let n = *s.last()?;
                let mut out = s.clone();
                out.push(n);
                Some(out)
            });
            (kind, ins[0].dtype, shape)
        }
        ArrayOp::MatrixSetDiag => {
            super::math::same_dtype(op_type, &ins[0], &ins[1])?;
            (kind, ins[0].dtype, ins[0].shape.clone())
        }
        ArrayOp::Range => {
            super::math::same_dtype(op_type, &ins[0], &ins[1])?;
            super::math::same_dtype(op_type, &ins[0], &ins[2])?;
            if let (Some(s), Some(l), Some(d)) = (
                scalar_const(&ins[0]),
                scalar_const(&ins[1]),
                scalar_const(&ins[2]),
            ) {
                // TF's shape function evaluates constant arguments while building.
                let problem = if d == 0.0 {
                    Some("Requires delta != 0".to_string())
                } else if d > 0.0 && s > l {
                    Some(format!("Requires start <= limit when delta > 0: {s}/{l}"))
                } else if d < 0.0 && s < l {
                    Some(format!("Requires start >= limit when delta < 0: {s}/{l}"))
                } else {
                    None
                };
                if let Some(p) = problem {
                    return Err(Error::value(format!(
                        "{p} for '{{{{node {name}}}}} = Range'"
                    )));
                }
            }
            (kind, ins[0].dtype, Some(vec![-1]))
        }
        ArrayOp::Slice => {
            let size = const_ints(&ins[2]);
            let begin = const_ints(&ins[1]);
            let shape = match (size, &ins[0].shape) {
                // `size[i] == -1` takes the rest of dimension i: `dim - begin[i]`.
                (Some(s), Some(inp)) => Some(
                    s.iter()
                        .zip(inp)
                        .enumerate()
                        .map(
                            |(k, (&d, &i))| match (d, begin.as_ref().and_then(|b| b.get(k))) {
                                (-1, Some(&b)) if i >= 0 => (i - b).max(0),
                                (-1, _) => -1,
                                _ => d,
                            },
                        )
                        .collect(),
                ),
                (Some(s), None) => Some(s.iter().map(|&d| d.max(-1)).collect()),
                _ => ins[0].shape.as_ref().map(|s| vec![-1; s.len()]),
            };
            (kind, ins[0].dtype, shape)
        }
    })
}

pub(crate) fn filled(dtype: DType, shape: &[usize], x: f64) -> Result<Value> {
    Ok(match dtype {
        DType::Float16 => Value::F16(try_array_filled(shape, f16::from_f64(x))?),
        DType::BFloat16 => Value::BF16(try_array_filled(shape, bf16::from_f64(x))?),
        DType::Float32 => Value::F32(try_array_filled(shape, x as f32)?),
        DType::Float64 => Value::F64(try_array_filled(shape, x)?),
        DType::Int32 => Value::I32(try_array_filled(shape, x as i32)?),
        DType::Int64 => Value::I64(try_array_filled(shape, x as i64)?),
        DType::Bool => Value::Bool(try_array_filled(shape, x != 0.0)?),
        DType::Int8 => Value::I8(try_array_filled(shape, x as i8)?),
        DType::Int16 => Value::I16(try_array_filled(shape, x as i16)?),
        DType::UInt8 => Value::U8(try_array_filled(shape, x as u8)?),
        DType::UInt16 => Value::U16(try_array_filled(shape, x as u16)?),
        DType::UInt32 => Value::U32(try_array_filled(shape, x as u32)?),
        DType::UInt64 => Value::U64(try_array_filled(shape, x as u64)?),
        DType::Complex64 => Value::C64(try_array_filled(shape, Complex32::new(x as f32, 0.0))?),
        DType::Complex128 => Value::C128(try_array_filled(shape, Complex64::new(x, 0.0))?),
        // TF's zero string is the empty one (ZerosLike); there is no one.
        DType::String if x == 0.0 => Value::zeros(DType::String, shape)?,
        other => return Err(crate::value::unsupported(other)),
    })
}

fn scalar(v: &Value, what: &str) -> Result<()> {
    if !v.shape().is_empty() {
        return Err(Error::invalid_argument(format!(
            "{what} must be a scalar, not shape {:?}",
            v.shape()
        )));
    }
    Ok(())
}

fn broadcast_value(v: &Value, shape: &[usize]) -> Result<Value> {
    let err = || {
        Error::invalid_argument(format!(
            "Unable to broadcast tensor of shape {} to tensor of shape {}",
            super::common::shape_debug_string(v.shape()),
            super::common::shape_debug_string(shape)
        ))
    };
    num_elements(shape)?;
    Ok(crate::map_array!(v, a => {
        let view = a.broadcast(IxDyn(shape)).ok_or_else(err)?;
        match a.iter().next() {
            // One element (Fill, scalar broadcasts): a plain fill.
            Some(x) if a.len() == 1 => try_array_filled(shape, Clone::clone(x))?,
            _ => try_to_owned(view)?,
        }
    }))
}

/// TF's Range: `size` values `start + i * delta` (each rounded in the dtype).
fn range_values<T: Copy + PartialOrd + crate::alloc::TfName>(
    start: T,
    limit: T,
    delta: T,
    zero: T,
    size: impl Fn(T, T, T) -> Result<usize>,
    at: impl Fn(T, T, usize) -> T,
) -> Result<Vec<T>> {
    if delta == zero {
        return Err(Error::invalid_argument("Requires delta != 0: 0"));
    }
    if delta > zero && start > limit {
        return Err(Error::invalid_argument(
            "Requires start <= limit when delta > 0",
        ));
    }
    if delta < zero && start < limit {
        return Err(Error::invalid_argument(
            "Requires start >= limit when delta < 0",
        ));
    }
    let n = size(start, limit, delta)?;
    let mut out = crate::alloc::try_vec::<T>(n, &[n])?;
    out.extend((0..n).map(|i| at(start, delta, i)));
    Ok(out)
}

fn vec1<T>(v: Vec<T>) -> Result<ArrayD<T>> {
    let n = v.len();
    shaped(&[n], v)
}

pub fn compute(op: ArrayOp, args: &KernelArgs, inputs: &[&Value]) -> Result<Value> {
    match op {
        ArrayOp::Fill => {
            let shape = shape_from_value(inputs[0])?;
            scalar(inputs[1], "value")?;
            broadcast_value(inputs[1], &shape)
        }
        ArrayOp::BroadcastTo => {
            let shape = shape_from_value(inputs[1])?;
            broadcast_value(inputs[0], &shape)
        }
        ArrayOp::ZerosLike => filled(args.dtype, inputs[0].shape(), 0.0),
        ArrayOp::OnesLike => filled(args.dtype, inputs[0].shape(), 1.0),
        ArrayOp::LinSpace { axis, reciprocal } => {
            super::linspace::compute(inputs[0], inputs[1], inputs[2], axis, reciprocal)
        }
        ArrayOp::MatrixDiag => super::diag::matrix_diag(inputs),
        ArrayOp::MatrixSetDiag => super::diag::matrix_set_diag(inputs),
        ArrayOp::Range => {
            for (v, what) in inputs.iter().zip(["start", "limit", "delta"]) {
                scalar(v, what)?;
            }
            // TF's float size: ceil(|(limit - start) / delta|), at most int64's max.
            let float_size = |n: f64| -> Result<usize> {
                if n <= i64::MAX as f64 {
                    Ok(n as usize)
                } else {
                    Err(Error::invalid_argument(format!(
                        "Requires ((limit - start) / delta) <= {}",
                        i64::MAX
                    )))
                }
            };
            let first = |v: &Value| v.scalar_f64().unwrap_or(0.0);
            Ok(match (inputs[0], inputs[1], inputs[2]) {
                (Value::I32(a), Value::I32(b), Value::I32(c)) => {
                    let g = |x: &ArrayD<i32>| x.iter().copied().next().unwrap_or(0) as i64;
                    // divup(|limit - start|, |delta|) without int32 overflow (TF 2.21:
                    // range(-2**31, 2**31 - 1, 2**30) has 4 values).
                    let v = range_values(
                        g(a),
                        g(b),
                        g(c),
                        0,
                        |s, l, d| Ok((l - s).unsigned_abs().div_ceil(d.unsigned_abs()) as usize),
                        |s, d, i| s.wrapping_add(d.wrapping_mul(i as i64)),
                    )?;
                    Value::I32(vec1(crate::alloc::try_collect(
                        v.len(),
                        v.iter().map(|&x| x as i32),
                        &[v.len()],
                    )?)?)
                }
                (Value::I64(a), Value::I64(b), Value::I64(c)) => {
                    let g = |x: &ArrayD<i64>| x.iter().copied().next().unwrap_or(0);
                    let v = range_values(
                        g(a),
                        g(b),
                        g(c),
                        0,
                        |s, l, d| {
                            let n = (l as i128 - s as i128)
                                .unsigned_abs()
                                .div_ceil(d.unsigned_abs() as u128);
                            usize::try_from(n).map_err(|_| {
                                Error::invalid_argument(format!(
                                    "Requires ((limit - start) / delta) <= {}",
                                    i64::MAX
                                ))
                            })
                        },
                        |s, d, i| s.wrapping_add(d.wrapping_mul(i as i64)),
                    )?;
                    Value::I64(vec1(v)?)
                }
                (Value::F32(a), Value::F32(b), Value::F32(c)) => {
                    let g = |x: &ArrayD<f32>| x.iter().copied().next().unwrap_or(0.0);
                    let v = range_values(
                        g(a),
                        g(b),
                        g(c),
                        0.0,
                        |s, l, d| float_size(((l - s) / d).abs().ceil() as f64),
                        |s, d, i| s + d * i as f32,
                    )?;
                    Value::F32(vec1(v)?)
                }
                (Value::F64(a), Value::F64(b), Value::F64(c)) => {
                    let g = |x: &ArrayD<f64>| x.iter().copied().next().unwrap_or(0.0);
                    let v = range_values(
                        g(a),
                        g(b),
                        g(c),
                        0.0,
                        |s, l, d| float_size(((l - s) / d).abs().ceil()),
                        |s, d, i| s + d * i as f64,
                    )?;
                    Value::F64(vec1(v)?)
                }
                _ => {
                    let _ = first;
                    return Err(Error::invalid_argument(
                        "Range of this dtype is not supported",
                    ));
                }
            })
        }
        ArrayOp::Slice => {
            let v = inputs[0];
            let dims = v.shape().to_vec();
            if inputs[1].shape() != [dims.len()] || inputs[2].shape() != [dims.len()] {
                return Err(Error::invalid_argument(format!(
                    "Expected begin and size arguments to be 1-D tensors of size {}, but got \
                     shapes {} and {} instead.",
                    dims.len(),
                    super::common::shape_debug_string(inputs[1].shape()),
                    super::common::shape_debug_string(inputs[2].shape())
                )));
            }
            let begin = inputs[1]
                .to_i64_vec()
                .ok_or_else(|| Error::invalid_argument("begin must be int"))?;
            let size = inputs[2]
                .to_i64_vec()
                .ok_or_else(|| Error::invalid_argument("size must be int"))?;
            if begin.len() != dims.len() || size.len() != dims.len() {
                return Err(Error::invalid_argument(format!(
                    "Expected begin and size arguments to be 1-D tensors of size {}, but got \
                     shapes [{}] and [{}] instead.",
                    dims.len(),
                    begin.len(),
                    size.len()
                )));
            }
            let mut info = Vec::with_capacity(dims.len());
            for i in 0..dims.len() {
                let b = begin[i];
                let s = if size[i] == -1 {
                    (dims[i] as i64).saturating_sub(b)
                } else {
                    size[i]
                };
                // TF's SharedSliceValidation: an empty dimension takes only (0, 0);
                // else `begin` is checked before `size`.
                let dim = dims[i] as i64;
                if dim == 0 && (b != 0 || s != 0) {
                    return Err(Error::invalid_argument(format!(
                        "Expected begin[{i}] == 0 (got {b}) and size[{i}] == 0 (got {s}) when \
                         input.dim_size({i}) == 0"
                    )));
                }
                if !(0..=dim).contains(&b) {
                    return Err(Error::invalid_argument(format!(
                        "Expected begin[{i}] in [0, {dim}], but got {b}"
                    )));
                }
                if s < 0 || b.checked_add(s).is_none_or(|e| e > dim) {
                    return Err(Error::invalid_argument(format!(
                        "Expected size[{i}] in [0, {}], but got {s}",
                        dim - b
                    )));
                }
                info.push(SliceInfoElem::Slice {
                    start: b as isize,
                    end: Some((b + s) as isize),
                    step: 1,
                });
            }
            Ok(crate::map_array!(v, a => try_to_owned(a.slice(info.as_slice()))?))
        }
    }
}
