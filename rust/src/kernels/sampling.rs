//! Graph glue for the stateful tier-2 ops (RandomShuffle, Multinomial,
//! RandomGamma, RandomPoissonV2): static checks, reservations and dispatch to
//! the kernels in `shuffle`, `multinomial`, `gamma` and `poisson`.

use super::random::{infer_shape_input, shape_from_value};
use super::{gamma, multinomial, poisson, shuffle, stateless, RunContext};
use crate::dtype::DType;
use crate::error::{Error, Result};
use crate::graph::{Attrs, ExtraOp, Node, OpKind, Shape};
use crate::value::{checked_num_elements, Value};
use half::f16;
use ndarray::{ArrayD, IxDyn};
use std::sync::Arc;

/// Stateless ops as built here take the seed tensor directly (TF builds
/// `StatelessRandomGetKeyCounter(seed)` then the V2 op on key and counter;
/// [`stateless::philox_for_seed`] is that same derivation).
const STATELESS: [&str; 6] = [
    "StatelessRandomUniformV2",
    "StatelessRandomNormalV2",
    "StatelessTruncatedNormalV2",
    "StatelessRandomUniformIntV2",
    "StatelessRandomUniformFullIntV2",
    "StatelessMultinomial",
];

fn check_seed_input(op_type: &str, seed: &Node) -> Result<()> {
    if !matches!(seed.dtype, DType::Int32 | DType::Int64) {
        return Err(Error::type_error(format!(
            "Value passed to parameter 'seed' has DataType {} not in list of allowed values: \
             int32, int64 ({op_type})",
            seed.dtype.name()
        )));
    }
    if let Some(s) = &seed.shape {
        if s.len() != 1 || (s[0] >= 0 && s[0] != 2) {
            return Err(Error::value(format!(
                "Dimensions must be equal, but are {} and 2: the seed of {op_type} must have \
                 shape [2], got {}",
                s.first().copied().unwrap_or(0),
                super::shape_string(&Some(s.clone()))
            )));
        }
    }
    Ok(())
}

fn seed_value(v: &Value) -> Result<[i64; 2]> {
    stateless::check_seed_shape(v.shape())?;
    let s = v.to_i64_vec().expect("int seed");
    Ok([s[0], s[1]])
}

fn infer_stateless(
    op_type: &str,
    name: &str,
    ins: &[Arc<Node>],
    attrs: Attrs,
) -> Result<(OpKind, DType, Shape)> {
    let kind = extra(op_type, &attrs);
    if op_type == "StatelessMultinomial" {
        if ins.len() != 3 {
            return Err(Error::value(
                "StatelessMultinomial takes logits, num_samples and seed",
            ));
        }
        check_seed_input(op_type, &ins[2])?;
        let (_, dtype, shape) = infer("Multinomial", name, &ins[..2], attrs.clone())?;
        // With constant inputs Grappler folds the op and TF evaluates it as one
        // shard; otherwise it shards by the intra-op pool like Multinomial.
        let mut attrs = attrs;
        attrs.ints = vec![ins.iter().all(|n| n.constant) as i64];
        return Ok((extra(op_type, &attrs), dtype, shape));
    }
    let n_in = if op_type == "StatelessRandomUniformIntV2" {
        4
    } else {
        2
    };
    super::check_arity(op_type, name, ins, n_in)?;
    let shape = infer_shape_input(op_type, name, &ins[0])?;
    check_seed_input(op_type, &ins[1])?;
    let dtype = match op_type {
        "StatelessRandomUniformIntV2" => {
            super::math::same_dtype(op_type, &ins[2], &ins[3])?;
            ins[2].dtype
        }
        _ => attrs.dtype.unwrap_or(DType::Float32),
    };
    let int_op = matches!(
        op_type,
        "StatelessRandomUniformIntV2" | "StatelessRandomUniformFullIntV2"
    );
    let ok = if int_op {
        matches!(dtype, DType::Int32 | DType::Int64)
    } else {
        dtype.is_floating()
    };
    if !ok {
        return Err(Error::type_error(format!(
            "Value passed to parameter 'dtype' has DataType {} not in list of allowed values for {op_type}",
            dtype.name()
        )));
    }
    Ok((kind, dtype, shape))
}

fn compute_stateless(
    node: &Node,
    op: &ExtraOp,
    inputs: &[&Value],
    ctx: &dyn RunContext,
) -> Result<Value> {
    use super::random::{generate, generate_int};
    use crate::graph::RandomKind;
    if op.op_type == "StatelessMultinomial" {
        let seed = seed_value(inputs[2])?;
        let logits = inputs[0];
        let ns = inputs[1].to_i64_vec().unwrap_or_default();
        let (batch, classes, samples) = multinomial::check_inputs(
            logits.shape(),
            inputs[1].shape(),
            ns.first().copied().unwrap_or(0) as i32,
        )?;
        checked_num_elements(&[batch, samples], 8)?;
        let flat = to_f64_vec(logits);
        let folded = op.ints.first() == Some(&1);
        let threads = if folded { 1 } else { ctx.threads() };
        let out = stateless::stateless_categorical(&flat, batch, classes, samples, seed, threads);
        return Ok(match node.dtype {
            DType::Int32 => Value::I32(array(
                vec![batch, samples],
                out.into_iter().map(|x| x as i32).collect(),
            )),
            _ => Value::I64(array(vec![batch, samples], out)),
        });
    }
    let shape = shape_from_value(inputs[0])?;
    let gen = stateless::philox_for_seed(seed_value(inputs[1])?);
    let n = checked_num_elements(&shape, node.dtype.size_bytes())?;
    match op.op_type.as_str() {
        "StatelessRandomUniformV2" => generate(RandomKind::Uniform, node.dtype, shape, gen),
        "StatelessRandomNormalV2" => generate(RandomKind::Normal, node.dtype, shape, gen),
        "StatelessTruncatedNormalV2" => {
            generate(RandomKind::TruncatedNormal, node.dtype, shape, gen)
        }
        "StatelessRandomUniformIntV2" => {
            if n == 0 {
                return generate_int(node.dtype, 0, 1, shape, gen);
            }
            let lo = inputs[2].to_i64_vec().unwrap_or_default();
            let hi = inputs[3].to_i64_vec().unwrap_or_default();
            let (l, h) = (
                lo.first().copied().unwrap_or(0),
                hi.first().copied().unwrap_or(0),
            );
            stateless::check_int_range(inputs[2].shape(), inputs[3].shape(), l, h)?;
            generate_int(node.dtype, l, h, shape, gen)
        }
        "StatelessRandomUniformFullIntV2" => Ok(match node.dtype {
            DType::Int32 => {
                let mut o = crate::value::try_alloc::<i32>(n, &shape)?;
                crate::distributions::fill::fill_blocks(&stateless::FullInt32, gen, &mut o);
                Value::I32(array(shape, o))
            }
            _ => {
                let mut o = crate::value::try_alloc::<i64>(n, &shape)?;
                crate::distributions::fill::fill_blocks(&stateless::FullInt64, gen, &mut o);
                Value::I64(array(shape, o))
            }
        }),
        t if STATELESS.contains(&t) => compute_stateless(node, op, inputs, ctx),
        other => Err(Error::invalid_argument(format!(
            "op type {other} is not implemented"
        ))),
    }
}

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

pub fn infer(
    op_type: &str,
    name: &str,
    ins: &[Arc<Node>],
    attrs: Attrs,
) -> Result<(OpKind, DType, Shape)> {
    let want = |n: usize| super::check_arity(op_type, name, ins, n);
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
            super::check_rank(op_type, name, logits, 2)?;
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
            if let OpKind::Const(v) = &ins[1].kind {
                if samples < 0 && v.shape().is_empty() {
                    return Err(Error::value(format!(
                        "Dimension size, given by scalar input 1, must be non-negative but is \
                         {samples} for '{{{{node {name}}}}} = Multinomial'"
                    )));
                }
            }
            Ok((kind, out, Some(vec![batch, samples])))
        }
        "RandomGamma" => {
            want(2)?;
            let shape = infer_shape_input(op_type, name, &ins[0])?;
            let alpha = &ins[1];
            if !matches!(
                alpha.dtype,
                DType::Float16 | DType::Float32 | DType::Float64
            ) {
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
            let ok = |d: DType| {
                matches!(
                    d,
                    DType::Float16 | DType::Float32 | DType::Float64 | DType::Int32 | DType::Int64
                )
            };
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
        t if STATELESS.contains(&t) => infer_stateless(op_type, name, ins, attrs),
        _ => Err(Error::value(format!("Op type not registered '{op_type}'"))),
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

/// Shared by RandomGamma and RandomPoissonV2 (`shape`, then a parameter tensor
/// whose every element gets `shape`'s number of samples): the output shape
/// `shape ++ param.shape`, the samples per parameter, and the reserved
/// generator (nothing is reserved for an empty output, as in TF).
fn per_parameter_setup(
    node: &Node,
    op: &ExtraOp,
    inputs: &[&Value],
    ctx: &dyn RunContext,
    reservation: fn(usize, usize) -> u64,
) -> Result<(Vec<usize>, usize, crate::philox::PhiloxRandom)> {
    let shape = shape_from_value(inputs[0])?;
    let params = inputs[1].len();
    let per = checked_num_elements(&shape, 1)?;
    let mut out_shape = shape;
    out_shape.extend_from_slice(inputs[1].shape());
    checked_num_elements(&out_shape, node.dtype.size_bytes())?;
    let gen = if per * params == 0 {
        crate::philox::PhiloxRandom::new(0, 0)
    } else {
        ctx.reserve(node, op.seed, op.seed2, reservation(per, params))
    };
    Ok((out_shape, per, gen))
}

pub fn compute(
    node: &Node,
    op: &ExtraOp,
    inputs: &[&Value],
    ctx: &dyn RunContext,
) -> Result<Value> {
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
                DType::Int32 => Value::I32(array(
                    vec![batch, samples],
                    out.into_iter().map(|x| x as i32).collect(),
                )),
                _ => Value::I64(array(vec![batch, samples], out)),
            })
        }
        "RandomGamma" => {
            let alpha = inputs[1];
            let (out_shape, per, gen) =
                per_parameter_setup(node, op, inputs, ctx, gamma::reservation)?;
            fn flat<T: Copy>(a: &ArrayD<T>) -> Vec<T> {
                a.iter().copied().collect()
            }
            Ok(match alpha {
                Value::F32(a) => {
                    Value::F32(array(out_shape, gamma::random_gamma(&flat(a), per, gen)))
                }
                Value::F64(a) => {
                    Value::F64(array(out_shape, gamma::random_gamma(&flat(a), per, gen)))
                }
                Value::F16(a) => {
                    Value::F16(array(out_shape, gamma::random_gamma(&flat(a), per, gen)))
                }
                other => {
                    return Err(Error::invalid_argument(format!(
                        "RandomGamma of {}",
                        other.dtype().name()
                    )))
                }
            })
        }
        "RandomPoissonV2" => {
            let rate = to_f64_vec(inputs[1]);
            let (out_shape, per, gen) =
                per_parameter_setup(node, op, inputs, ctx, poisson::reservation)?;
            Ok(match node.dtype {
                DType::Float16 => {
                    Value::F16(array(out_shape, poisson::random_poisson(&rate, per, gen)?))
                }
                DType::Float32 => {
                    Value::F32(array(out_shape, poisson::random_poisson(&rate, per, gen)?))
                }
                DType::Float64 => {
                    Value::F64(array(out_shape, poisson::random_poisson(&rate, per, gen)?))
                }
                DType::Int32 => {
                    Value::I32(array(out_shape, poisson::random_poisson(&rate, per, gen)?))
                }
                DType::Int64 => {
                    Value::I64(array(out_shape, poisson::random_poisson(&rate, per, gen)?))
                }
                other => {
                    return Err(Error::invalid_argument(format!(
                        "RandomPoissonV2 to {}",
                        other.name()
                    )))
                }
            })
        }
        t if STATELESS.contains(&t) => compute_stateless(node, op, inputs, ctx),
        other => Err(Error::invalid_argument(format!(
            "op type {other} is not implemented"
        ))),
    }
}
