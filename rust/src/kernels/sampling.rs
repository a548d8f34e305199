//! Graph glue for the stateful tier-2 ops (RandomShuffle, Multinomial,
//! RandomGamma, RandomPoissonV2): static checks, reservations and dispatch to
//! the kernels in `shuffle`, `multinomial`, `gamma` and `poisson`.

use super::random::{infer_shape_input, shape_from_value};
use super::{gamma, multinomial, poisson, shuffle, RunContext};
use crate::dtype::DType;
use crate::error::{Error, Result};
use crate::graph::{Attrs, ExtraOp, Node, OpKind, Shape};
use crate::value::{checked_num_elements, Value};
use half::f16;
use ndarray::{ArrayD, IxDyn};
use std::sync::Arc;

pub const OP_TYPES: [&str; 4] = ["RandomShuffle", "Multinomial", "RandomGamma", "RandomPoissonV2"];

fn concat(a: &Shape, b: &Shape) -> Shape {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.iter().chain(b).copied().collect()),
        _ => None,
    }
}

fn extra(op_type: &str, attrs: &Attrs) -> OpKind {
    let (seed, seed2) = attrs.seeds.unwrap_or((0, 0));
    OpKind::Extra(ExtraOp {
        op_type: op_type.to_string(),
        seed,
        seed2,
        ints: attrs.ints.clone(),
    })
}

pub fn infer(op_type: &str, name: &str, ins: &[Arc<Node>], attrs: Attrs) -> Result<(OpKind, DType, Shape)> {
    let want = |n: usize| -> Result<()> {
        if ins.len() != n {
            return Err(Error::value(format!("{op_type} op '{name}' takes {n} inputs, got {}", ins.len())));
        }
        Ok(())
    };
    let kind = extra(op_type, &attrs);
    match op_type {
        "RandomShuffle" => {
            want(1)?;
            Ok((kind, ins[0].dtype, ins[0].shape.clone()))
        }
        "Multinomial" => {
            want(2)?;
            let logits = &ins[0];
            if !logits.dtype.is_floating() && !matches!(logits.dtype, DType::Int32 | DType::Int64) {
                return Err(Error::type_error(format!(
                    "Value passed to parameter 'logits' has DataType {} not in list of allowed values",
                    logits.dtype.name()
                )));
            }
            if let Some(s) = &logits.shape {
                if s.len() != 2 {
                    return Err(Error::value(format!(
                        "Shape must be rank 2 but is rank {} for '{{{{node {name}}}}} = Multinomial[...]'",
                        s.len()
                    )));
                }
            }
            if ins[1].dtype != DType::Int32 {
                return Err(Error::type_error("num_samples must be an int32 scalar"));
            }
            let out = attrs.dtype.unwrap_or(DType::Int64);
            if !matches!(out, DType::Int32 | DType::Int64) {
                return Err(Error::value(format!(
                    "Argument `dtype` got invalid value {}. Accepted dtypes are (tf.int32, tf.int64).",
                    out.name()
                )));
            }
            let batch = logits.shape.as_ref().map_or(-1, |s| s[0]);
            let samples = match &ins[1].kind {
                OpKind::Const(v) => v.scalar_f64().map_or(-1, |x| x as i64),
                _ => -1,
            };
            Ok((kind, out, Some(vec![batch, samples])))
        }
        "RandomGamma" => {
            want(2)?;
            let shape = infer_shape_input(op_type, name, &ins[0])?;
            let alpha = &ins[1];
            if !matches!(alpha.dtype, DType::Float16 | DType::Float32 | DType::Float64) {
                return Err(Error::type_error(format!(
                    "Value passed to parameter 'alpha' has DataType {} not in list of allowed \
                     values: float16, float32, float64",
                    alpha.dtype.name()
                )));
            }
            Ok((kind, alpha.dtype, concat(&shape, &alpha.shape)))
        }
        "RandomPoissonV2" => {
            want(2)?;
            let shape = infer_shape_input(op_type, name, &ins[0])?;
            let rate = &ins[1];
            let ok = |d: DType| matches!(d, DType::Float16 | DType::Float32 | DType::Float64 | DType::Int32 | DType::Int64);
            if !ok(rate.dtype) {
                return Err(Error::type_error(format!(
                    "Value passed to parameter 'rate' has DataType {} not in list of allowed values: \
                     float16, float32, float64, int32, int64",
                    rate.dtype.name()
                )));
            }
            let out = attrs.dtype.unwrap_or(DType::Int64);
            if !ok(out) {
                return Err(Error::type_error(format!(
                    "Value for attr 'dtype' of {} is not in the list of allowed values: half, float, \
                     double, int32, int64",
                    out.name()
                )));
            }
            Ok((kind, out, concat(&shape, &rate.shape)))
        }
        _ => Err(Error::value(format!("Op type not registered '{op_type}' (node {name}, {} attrs)", attrs.ints.len()))),
    }
}

fn to_f64_vec(v: &Value) -> Vec<f64> {
    crate::with_array!(v, a => a.iter().map(elem_f64).collect())
}

trait ToF64 {
    fn as_f64(&self) -> f64;
}
macro_rules! to_f64_impl {
    ($($t:ty => $e:expr),*) => {$(impl ToF64 for $t { fn as_f64(&self) -> f64 { let f: fn(&$t) -> f64 = $e; f(self) } })*};
}
to_f64_impl!(f32 => |x| *x as f64, f64 => |x| *x, i32 => |x| *x as f64, i64 => |x| *x as f64,
             f16 => |x| x.to_f64(), half::bf16 => |x| x.to_f64(), bool => |x| *x as u8 as f64);
fn elem_f64<T: ToF64>(x: &T) -> f64 {
    x.as_f64()
}

fn array<T>(shape: Vec<usize>, data: Vec<T>) -> ArrayD<T> {
    ArrayD::from_shape_vec(IxDyn(&shape), data).expect("kernel output sized from shape")
}

pub fn compute(node: &Node, op: &ExtraOp, inputs: &[&Value], ctx: &dyn RunContext) -> Result<Value> {
    match op.op_type.as_str() {
        "RandomShuffle" => {
            let v = inputs[0];
            let dims = v.shape().to_vec();
            let count = shuffle::reservation(&dims);
            if count == 0 {
                return Ok(v.clone());
            }
            let gen = ctx.reserve(node, op.seed, op.seed2, count);
            Ok(crate::map_array!(v, a => {
                let flat: Vec<_> = a.iter().cloned().collect();
                array(dims.clone(), shuffle::random_shuffle(&flat, &dims, gen))
            }))
        }
        "Multinomial" => {
            let logits = inputs[0];
            let ns = inputs[1].to_i64_vec().unwrap_or_default();
            let ns_val = ns.first().copied().unwrap_or(0) as i32;
            let (batch, classes, samples) =
                multinomial::check_inputs(logits.shape(), inputs[1].shape(), ns_val)?;
            checked_num_elements(&[batch, samples], 8)?;
            let count = multinomial::reservation(batch, samples);
            let gen = if count == 0 {
                crate::philox::PhiloxRandom::new(0, 0)
            } else {
                ctx.reserve(node, op.seed, op.seed2, count)
            };
            let flat = to_f64_vec(logits);
            let out = multinomial::multinomial(&flat, batch, classes, samples, gen, ctx.threads());
            Ok(match node.dtype {
                DType::Int32 => Value::I32(array(vec![batch, samples], out.into_iter().map(|x| x as i32).collect())),
                _ => Value::I64(array(vec![batch, samples], out)),
            })
        }
        "RandomGamma" => {
            let shape = shape_from_value(inputs[0])?;
            let alpha = inputs[1];
            let per = checked_num_elements(&shape, 1)?;
            let mut out_shape = shape.clone();
            out_shape.extend_from_slice(alpha.shape());
            checked_num_elements(&out_shape, node.dtype.size_bytes())?;
            let n = per * alpha.len();
            let gen = if n == 0 {
                crate::philox::PhiloxRandom::new(0, 0)
            } else {
                ctx.reserve(node, op.seed, op.seed2, gamma::reservation(per, alpha.len()))
            };
            Ok(match alpha {
                Value::F32(a) => Value::F32(array(out_shape, gamma::random_gamma(&a.iter().copied().collect::<Vec<_>>(), per, gen))),
                Value::F64(a) => Value::F64(array(out_shape, gamma::random_gamma(&a.iter().copied().collect::<Vec<_>>(), per, gen))),
                Value::F16(a) => Value::F16(array(out_shape, gamma::random_gamma(&a.iter().copied().collect::<Vec<_>>(), per, gen))),
                other => return Err(Error::invalid_argument(format!("RandomGamma of {}", other.dtype().name()))),
            })
        }
        "RandomPoissonV2" => {
            let shape = shape_from_value(inputs[0])?;
            let rate = to_f64_vec(inputs[1]);
            let per = checked_num_elements(&shape, 1)?;
            let mut out_shape = shape.clone();
            out_shape.extend_from_slice(inputs[1].shape());
            checked_num_elements(&out_shape, node.dtype.size_bytes())?;
            let gen = if per == 0 {
                crate::philox::PhiloxRandom::new(0, 0)
            } else {
                ctx.reserve(node, op.seed, op.seed2, poisson::reservation(per, rate.len()))
            };
            Ok(match node.dtype {
                DType::Float16 => Value::F16(array(out_shape, poisson::random_poisson(&rate, per, gen)?)),
                DType::Float32 => Value::F32(array(out_shape, poisson::random_poisson(&rate, per, gen)?)),
                DType::Float64 => Value::F64(array(out_shape, poisson::random_poisson(&rate, per, gen)?)),
                DType::Int32 => Value::I32(array(out_shape, poisson::random_poisson(&rate, per, gen)?)),
                DType::Int64 => Value::I64(array(out_shape, poisson::random_poisson(&rate, per, gen)?)),
                other => return Err(Error::invalid_argument(format!("RandomPoissonV2 to {}", other.name()))),
            })
        }
        other => Err(Error::invalid_argument(format!("op type {other} is not implemented"))),
    }
}
