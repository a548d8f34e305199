//! Constants and sequences of TF's "Constants, Sequences, and Random Values"
//! guide: Fill, ZerosLike/OnesLike, LinSpace, Range, plus Slice and
//! BroadcastTo (used by random_crop and random_gamma's wrappers).

use super::random::{infer_shape_input, shape_from_value};
use crate::dtype::DType;
use crate::error::{Error, Result};
use crate::graph::{Node, OpKind, Shape};
use crate::value::{checked_num_elements, Value};
use half::{bf16, f16};
use ndarray::{ArrayD, IxDyn, SliceInfoElem};
use std::sync::Arc;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArrayOp {
    Fill,
    ZerosLike,
    OnesLike,
    LinSpace,
    Range,
    Slice,
    BroadcastTo,
}

impl ArrayOp {
    pub fn from_op_type(op_type: &str) -> Option<ArrayOp> {
        Some(match op_type {
            "Fill" => ArrayOp::Fill,
            "ZerosLike" => ArrayOp::ZerosLike,
            "OnesLike" => ArrayOp::OnesLike,
            "LinSpace" => ArrayOp::LinSpace,
            "Range" => ArrayOp::Range,
            "Slice" => ArrayOp::Slice,
            "BroadcastTo" => ArrayOp::BroadcastTo,
            _ => return None,
        })
    }
}

fn const_ints(n: &Node) -> Option<Vec<i64>> {
    match &n.kind {
        OpKind::Const(v) => v.to_i64_vec(),
        _ => None,
    }
}

fn scalar_const(n: &Node) -> Option<f64> {
    match &n.kind {
        OpKind::Const(v) if v.shape().is_empty() => v.scalar_f64(),
        _ => None,
    }
}

pub fn infer(
    op: ArrayOp,
    op_type: &str,
    name: &str,
    ins: &[Arc<Node>],
) -> Result<(OpKind, DType, Shape)> {
    let n_in = match op {
        ArrayOp::ZerosLike | ArrayOp::OnesLike => 1,
        ArrayOp::Fill | ArrayOp::BroadcastTo => 2,
        ArrayOp::LinSpace | ArrayOp::Range | ArrayOp::Slice => 3,
    };
    super::check_arity(op_type, name, ins, n_in)?;
    let kind = OpKind::Array(op);
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
        ArrayOp::LinSpace => {
            if let Some(n) = scalar_const(&ins[2]) {
                if n < 0.0 {
                    // TF's shape function sees the constant and rejects it while building.
                    return Err(Error::value(format!(
                        "Requires num >= 0, got {n} for '{{{{node {name}}}}} = LinSpace'"
                    )));
                }
            }
            if !ins[0].dtype.is_floating() {
                return Err(Error::type_error(format!(
                    "Value passed to parameter 'start' has DataType {} not in list of allowed \
                     values: bfloat16, half, float32, float64",
                    ins[0].dtype.name()
                )));
            }
            let n = scalar_const(&ins[2]).map_or(-1, |v| v as i64);
            (kind, ins[0].dtype, Some(vec![n.max(-1)]))
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
            let shape = match (size, &ins[0].shape) {
                (Some(s), Some(inp)) => Some(
                    s.iter()
                        .zip(inp)
                        .map(|(&d, &i)| if d == -1 { i } else { d })
                        .collect(),
                ),
                (Some(s), None) => Some(s.iter().map(|&d| d.max(-1)).collect()),
                _ => ins[0].shape.as_ref().map(|s| vec![-1; s.len()]),
            };
            (kind, ins[0].dtype, shape)
        }
    })
}

fn filled(dtype: DType, shape: &[usize], x: f64) -> Result<Value> {
    checked_num_elements(shape, dtype.size_bytes())?;
    let s = IxDyn(shape);
    Ok(match dtype {
        DType::Float16 => Value::F16(ArrayD::from_elem(s, f16::from_f64(x))),
        DType::BFloat16 => Value::BF16(ArrayD::from_elem(s, bf16::from_f64(x))),
        DType::Float32 => Value::F32(ArrayD::from_elem(s, x as f32)),
        DType::Float64 => Value::F64(ArrayD::from_elem(s, x)),
        DType::Int32 => Value::I32(ArrayD::from_elem(s, x as i32)),
        DType::Int64 => Value::I64(ArrayD::from_elem(s, x as i64)),
        DType::Bool => Value::Bool(ArrayD::from_elem(s, x != 0.0)),
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
            "Unable to broadcast tensor of shape {:?} to tensor of shape {shape:?}",
            v.shape()
        ))
    };
    checked_num_elements(shape, v.dtype().size_bytes())?;
    Ok(crate::map_array!(v, a => a.broadcast(IxDyn(shape)).ok_or_else(err)?.to_owned()))
}

/// TF's LinSpace: `start + k * ((stop - start) / (num - 1))`, rounded per op in
/// the dtype, with the last element exactly `stop` (TF 2.x's `linspace_nd`).
fn linspace<T: Copy>(
    start: T,
    stop: T,
    num: usize,
    sub: impl Fn(T, T) -> T,
    div: impl Fn(T, f64) -> T,
    mul_add: impl Fn(T, T, f64) -> T,
) -> Vec<T> {
    let mut out = Vec::with_capacity(num);
    if num == 0 {
        return out;
    }
    out.push(start);
    if num == 1 {
        return out;
    }
    let delta = div(sub(stop, start), (num - 1) as f64);
    for k in 1..num - 1 {
        out.push(mul_add(start, delta, k as f64));
    }
    out.push(stop);
    out
}

/// TF's Range: `size` values `start + i * delta` (each rounded in the dtype).
fn range_values<T: Copy + PartialOrd>(
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
    let mut out = Vec::new();
    out.try_reserve_exact(n)
        .map_err(|_| Error::resource_exhausted(format!("OOM allocating a range of {n} values")))?;
    out.extend((0..n).map(|i| at(start, delta, i)));
    Ok(out)
}

fn vec1<T>(v: Vec<T>) -> ArrayD<T> {
    let n = v.len();
    ArrayD::from_shape_vec(IxDyn(&[n]), v).expect("1-D")
}

pub fn compute(op: ArrayOp, node: &Node, inputs: &[&Value]) -> Result<Value> {
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
        ArrayOp::ZerosLike => filled(node.dtype, inputs[0].shape(), 0.0),
        ArrayOp::OnesLike => filled(node.dtype, inputs[0].shape(), 1.0),
        ArrayOp::LinSpace => {
            scalar(inputs[0], "start")?;
            scalar(inputs[1], "stop")?;
            let num = inputs[2]
                .to_i64_vec()
                .filter(|v| v.len() == 1)
                .ok_or_else(|| Error::invalid_argument("num must be an integer scalar"))?[0];
            let num = usize::try_from(num)
                .map_err(|_| Error::invalid_argument(format!("Requires num >= 0, got {num}")))?;
            checked_num_elements(&[num], node.dtype.size_bytes())?;
            Ok(match (inputs[0], inputs[1]) {
                (Value::F32(a), Value::F32(b)) => Value::F32(vec1(linspace(
                    a.iter().copied().next().unwrap_or(0.0),
                    b.iter().copied().next().unwrap_or(0.0),
                    num,
                    |x, y| x - y,
                    |d, n| d / n as f32,
                    |s, d, k| s + d * k as f32,
                ))),
                (Value::F64(a), Value::F64(b)) => Value::F64(vec1(linspace(
                    a.iter().copied().next().unwrap_or(0.0),
                    b.iter().copied().next().unwrap_or(0.0),
                    num,
                    |x, y| x - y,
                    |d, n| d / n,
                    |s, d, k| s + d * k,
                ))),
                (Value::F16(a), Value::F16(b)) => {
                    let r = |x: f32| f16::from_f32(x);
                    Value::F16(vec1(linspace(
                        a.iter().copied().next().unwrap_or(f16::ZERO),
                        b.iter().copied().next().unwrap_or(f16::ZERO),
                        num,
                        |x, y| r(x.to_f32() - y.to_f32()),
                        |d, n| r(d.to_f32() / r(n as f32).to_f32()),
                        |s, d, k| r(s.to_f32() + r(d.to_f32() * r(k as f32).to_f32()).to_f32()),
                    )))
                }
                _ => {
                    return Err(Error::invalid_argument(
                        "LinSpace needs float start and stop",
                    ))
                }
            })
        }
        ArrayOp::Range => {
            for (v, what) in inputs.iter().zip(["start", "limit", "delta"]) {
                scalar(v, what)?;
            }
            let too_big = |n: f64| -> Result<usize> {
                if n.is_finite() && n >= 0.0 && n < (1u64 << 48) as f64 {
                    Ok(n as usize)
                } else {
                    Err(Error::invalid_argument(format!(
                        "Requires a range of at most 2^48 values, got {n}"
                    )))
                }
            };
            let first = |v: &Value| v.scalar_f64().unwrap_or(0.0);
            Ok(match (inputs[0], inputs[1], inputs[2]) {
                (Value::I32(_), Value::I32(_), Value::I32(_)) => {
                    let (s, l, d) = (
                        first(inputs[0]) as i64,
                        first(inputs[1]) as i64,
                        first(inputs[2]) as i64,
                    );
                    let v = range_values(
                        s,
                        l,
                        d,
                        0,
                        |s, l, d| too_big(((l - s).abs() + d.abs() - 1) as f64 / d.abs() as f64),
                        |s, d, i| s + d * i as i64,
                    )?;
                    Value::I32(vec1(v.into_iter().map(|x| x as i32).collect()))
                }
                (Value::I64(a), Value::I64(b), Value::I64(c)) => {
                    let g = |x: &ArrayD<i64>| x.iter().copied().next().unwrap_or(0);
                    let v = range_values(
                        g(a),
                        g(b),
                        g(c),
                        0,
                        |s, l, d| too_big((l.abs_diff(s).div_ceil(d.unsigned_abs())) as f64),
                        |s, d, i| s.wrapping_add(d.wrapping_mul(i as i64)),
                    )?;
                    Value::I64(vec1(v))
                }
                (Value::F32(a), Value::F32(b), Value::F32(c)) => {
                    let g = |x: &ArrayD<f32>| x.iter().copied().next().unwrap_or(0.0);
                    let v = range_values(
                        g(a),
                        g(b),
                        g(c),
                        0.0,
                        |s, l, d| too_big(((l - s) / d).abs().ceil() as f64),
                        |s, d, i| s + d * i as f32,
                    )?;
                    Value::F32(vec1(v))
                }
                (Value::F64(a), Value::F64(b), Value::F64(c)) => {
                    let g = |x: &ArrayD<f64>| x.iter().copied().next().unwrap_or(0.0);
                    let v = range_values(
                        g(a),
                        g(b),
                        g(c),
                        0.0,
                        |s, l, d| too_big(((l - s) / d).abs().ceil()),
                        |s, d, i| s + d * i as f64,
                    )?;
                    Value::F64(vec1(v))
                }
                _ => {
                    return Err(Error::invalid_argument(
                        "Range of this dtype is not supported",
                    ))
                }
            })
        }
        ArrayOp::Slice => {
            let v = inputs[0];
            let begin = inputs[1]
                .to_i64_vec()
                .ok_or_else(|| Error::invalid_argument("begin must be int"))?;
            let size = inputs[2]
                .to_i64_vec()
                .ok_or_else(|| Error::invalid_argument("size must be int"))?;
            let dims = v.shape().to_vec();
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
                    dims[i] as i64 - b
                } else {
                    size[i]
                };
                if b < 0 || s < 0 || b + s > dims[i] as i64 {
                    return Err(Error::invalid_argument(format!(
                        "Expected size[{i}] in [0, {}], but got {}",
                        dims[i] as i64 - b.max(0),
                        size[i]
                    )));
                }
                info.push(SliceInfoElem::Slice {
                    start: b as isize,
                    end: Some((b + s) as isize),
                    step: 1,
                });
            }
            Ok(crate::map_array!(v, a => a.slice(info.as_slice()).to_owned()))
        }
    }
}
