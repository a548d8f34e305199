//! Graph glue for the stateful tier-2 ops (RandomShuffle, Multinomial,
//! RandomGamma, RandomPoissonV2): static checks, reservations and dispatch to
//! the kernels in `shuffle`, `multinomial`, `gamma` and `poisson`.

use super::random::{infer_shape_input, shape_from_value};
use super::{gamma, multinomial, poisson, shuffle, stateless, RunContext};
use crate::alloc::{num_elements, output_len, shaped, try_collect, try_zeroed, Zeroed};
use crate::dtype::DType;
use crate::error::{Error, Result};
use crate::op::{Attrs, Built, InferCtx, Input, Kernel, KernelArgs, RandomKind, Shape};
use crate::value::Value;
use half::f16;
use ndarray::ArrayD;

/// Stateless ops as built here take the seed tensor directly (TF builds
/// `StatelessRandomGetKeyCounter(seed)` then the V2 op on key and counter;
/// [`stateless::philox_for_seed`] is that same derivation).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stateless {
    /// StatelessRandomUniformV2, StatelessRandomNormalV2, StatelessTruncatedNormalV2.
    Random(RandomKind),
    /// StatelessRandomUniformIntV2 (`RandomKind::UniformInt` is not used for it).
    UniformInt,
    /// StatelessRandomUniformFullIntV2.
    FullInt,
}

fn check_seed_input(op_type: &str, seed: &Input) -> Result<()> {
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

pub fn seed_value(v: &Value) -> Result<[i64; 2]> {
    stateless::check_seed_shape(v.shape())?;
    match v.to_i64_vec().as_deref() {
        Some(&[a, b]) => Ok([a, b]),
        _ => Err(Error::invalid_argument(format!(
            "seed must be int32 or int64, not {}",
            v.dtype().name()
        ))),
    }
}

/// StatelessMultinomial: Multinomial's checks, then the seed's.
pub fn infer_stateless_multinomial(c: InferCtx) -> Result<Built> {
    let (op_type, name, ins) = (c.op_type, c.name, c.ins);
    if ins.len() != 3 {
        return Err(Error::value(
            "StatelessMultinomial takes logits, num_samples and seed",
        ));
    }
    check_seed_input(op_type, &ins[2])?;
    let (dtype, shape) = multinomial_shape(name, &ins[..2], &c.attrs)?;
    // With constant inputs Grappler folds the op and TF evaluates it as one
    // shard; otherwise it shards by the intra-op pool like Multinomial.
    let folded = ins.iter().all(|n| n.constant);
    Ok(Built::new(dtype, shape)
        .seeds(c.attrs.seeds)
        .kernel(Kernel::values(move |args, inputs, ctx| {
            let seed = seed_value(inputs[2])?;
            let threads = if folded { 1 } else { ctx.threads() };
            multinomial_value(args.dtype, inputs[0], inputs[1], threads, |_, _| {
                stateless::philox_for_seed(seed)
            })
            .map(Some)
        })))
}

/// The stateless ops keyed by a seed tensor of `shape`, then the seed (then
/// `minval`, `maxval` for the integer uniform).
pub fn infer_stateless(kind: Stateless, c: InferCtx) -> Result<Built> {
    let (op_type, name, ins, attrs) = (c.op_type, c.name, c.ins, &c.attrs);
    let n_in = if kind == Stateless::UniformInt { 4 } else { 2 };
    super::check_arity(&c, n_in)?;
    let shape = infer_shape_input(op_type, name, &ins[0])?;
    check_seed_input(op_type, &ins[1])?;
    let dtype = match kind {
        Stateless::UniformInt => {
            super::math::same_dtype(op_type, &ins[2], &ins[3])?;
            ins[2].dtype
        }
        _ => attrs.dtype.unwrap_or(DType::Float32),
    };
    let ok = match kind {
        Stateless::UniformInt | Stateless::FullInt => matches!(dtype, DType::Int32 | DType::Int64),
        Stateless::Random(_) => dtype.is_floating(),
    };
    if !ok {
        return Err(Error::type_error(format!(
            "Value passed to parameter 'dtype' has DataType {} not in list of allowed values for {op_type}",
            dtype.name()
        )));
    }
    Ok(Built::new(dtype, shape)
        .seeds(attrs.seeds)
        .kernel(Kernel::values(move |args, inputs, _| {
            compute_stateless(kind, args, inputs).map(Some)
        })))
}

/// One Multinomial / StatelessMultinomial execution: TF's checks, the output
/// allocated, then the generator (`gen` reserves for the stateful op).
fn multinomial_value(
    dtype: DType,
    logits: &Value,
    num_samples: &Value,
    threads: usize,
    gen: impl FnOnce(usize, usize) -> crate::philox::PhiloxRandom,
) -> Result<Value> {
    let ns = num_samples.to_i64_vec().unwrap_or_default();
    let (batch, classes, samples) = multinomial::check_inputs(
        logits.shape(),
        num_samples.shape(),
        ns.first().copied().unwrap_or(0) as i32,
    )?;
    let out_shape = [batch, samples];
    let mut out: Vec<i64> = try_zeroed(output_len::<i64>(&out_shape)?, &out_shape)?;
    let flat = to_f64_vec(logits)?;
    let g = gen(batch, samples);
    multinomial::multinomial_into(&flat, batch, classes, g, threads, &mut out)?;
    Ok(match dtype {
        DType::Int32 => Value::I32(shaped(
            &out_shape,
            try_collect(out.len(), out.iter().map(|&x| x as i32), &out_shape)?,
        )?),
        _ => Value::I64(shaped(&out_shape, out)?),
    })
}

fn compute_stateless(kind: Stateless, args: &KernelArgs, inputs: &[&Value]) -> Result<Value> {
    use super::random::{generate, generate_int};
    let dtype = args.dtype;
    let shape = shape_from_value(inputs[0])?;
    let gen = stateless::philox_for_seed(seed_value(inputs[1])?);
    let n = num_elements(&shape)?;
    match kind {
        Stateless::Random(k) => generate(k, dtype, shape, || gen),
        Stateless::UniformInt => {
            if n == 0 {
                return generate_int(dtype, 0, 1, shape, || gen);
            }
            let lo = inputs[2].to_i64_vec().unwrap_or_default();
            let hi = inputs[3].to_i64_vec().unwrap_or_default();
            let (l, h) = (
                lo.first().copied().unwrap_or(0),
                hi.first().copied().unwrap_or(0),
            );
            stateless::check_int_range(inputs[2].shape(), inputs[3].shape(), l, h)?;
            generate_int(dtype, l, h, shape, || gen)
        }
        Stateless::FullInt => Ok(match dtype {
            DType::Int32 => {
                let mut o = try_zeroed::<i32>(output_len::<i32>(&shape)?, &shape)?;
                crate::distributions::fill::fill_blocks(&stateless::FullInt32, gen, &mut o);
                Value::I32(shaped(&shape, o)?)
            }
            _ => {
                let mut o = try_zeroed::<i64>(output_len::<i64>(&shape)?, &shape)?;
                crate::distributions::fill::fill_blocks(&stateless::FullInt64, gen, &mut o);
                Value::I64(shaped(&shape, o)?)
            }
        }),
    }
}

fn concat(a: &Shape, b: &Shape) -> Shape {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.iter().chain(b).copied().collect()),
        _ => None,
    }
}

/// A stateful op of this file: its kernel reserves from the op's stream.
fn stateful(
    dtype: DType,
    shape: Shape,
    attrs: &Attrs,
    f: fn(&KernelArgs, &[&Value], &dyn RunContext) -> Result<Value>,
) -> Built {
    Built::new(dtype, shape)
        .seeds(attrs.seeds)
        .kernel(Kernel::values(move |args, ins, ctx| {
            f(args, ins, ctx).map(Some)
        }))
}

pub fn infer_shuffle(c: InferCtx) -> Result<Built> {
    super::check_arity(&c, 1)?;
    let x = &c.ins[0];
    Ok(stateful(x.dtype, x.shape.clone(), &c.attrs, shuffle_kernel))
}

pub fn infer_multinomial(c: InferCtx) -> Result<Built> {
    super::check_arity(&c, 2)?;
    let (dtype, shape) = multinomial_shape(c.name, c.ins, &c.attrs)?;
    Ok(stateful(dtype, shape, &c.attrs, multinomial_kernel))
}

/// Multinomial's checks of `(logits, num_samples)`: output dtype and shape.
fn multinomial_shape(name: &str, ins: &[Input], attrs: &Attrs) -> Result<(DType, Shape)> {
    let op_type = "Multinomial";
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
    let samples = ins[1]
        .value
        .map_or(-1, |v| v.scalar_f64().map_or(-1, |x| x as i64));
    if let Some(v) = ins[1].value {
        if samples < 0 && v.shape().is_empty() {
            return Err(Error::value(format!(
                "Dimension size, given by scalar input 1, must be non-negative but is \
                 {samples} for '{{{{node {name}}}}} = Multinomial'"
            )));
        }
    }
    Ok((out, Some(vec![batch, samples])))
}

pub fn infer_gamma(c: InferCtx) -> Result<Built> {
    super::check_arity(&c, 2)?;
    let (op_type, name, ins) = (c.op_type, c.name, c.ins);
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
    // The builder marks TF 1.15's op (ints `[1]`): its kernel differs for `alpha == 1`.
    let tf1 = c.attrs.ints.first() == Some(&1);
    Ok(stateful(
        alpha.dtype,
        concat(&shape, &alpha.shape),
        &c.attrs,
        if tf1 { gamma_kernel_tf1 } else { gamma_kernel },
    ))
}

pub fn infer_poisson(c: InferCtx) -> Result<Built> {
    super::check_arity(&c, 2)?;
    let (op_type, name, ins) = (c.op_type, c.name, c.ins);
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
    let out = c.attrs.dtype.unwrap_or(DType::Int64);
    if !ok(out) {
        return Err(Error::type_error(format!(
            "Value for attr 'dtype' of {} is not in the list of allowed values: half, float, \
             double, int32, int64",
            out.name()
        )));
    }
    Ok(stateful(
        out,
        concat(&shape, &rate.shape),
        &c.attrs,
        poisson_kernel,
    ))
}

/// The elements of `v` as doubles (how TF's gamma, Poisson and multinomial
/// kernels read their parameters), in a fallibly allocated buffer.
pub fn to_f64_vec(v: &Value) -> Result<Vec<f64>> {
    crate::with_array!(v, a => try_collect(a.len(), a.iter().map(elem_f64), a.shape()))
}

trait ToF64 {
    fn as_f64(&self) -> f64;
}
macro_rules! to_f64_impl {
    ($($t:ty => $e:expr),*) => {$(impl ToF64 for $t { fn as_f64(&self) -> f64 { let f: fn(&$t) -> f64 = $e; f(self) } })*};
}
to_f64_impl!(f32 => |x| *x as f64, f64 => |x| *x, i32 => |x| *x as f64, i64 => |x| *x as f64,
             f16 => |x| x.to_f64(), half::bf16 => |x| x.to_f64(), bool => |x| *x as u8 as f64,
             i8 => |x| *x as f64, i16 => |x| *x as f64, u8 => |x| *x as f64,
             u16 => |x| *x as f64, u32 => |x| *x as f64, u64 => |x| *x as f64,
             // Parameters are real: complex and string inputs are rejected when built.
             crate::value::Complex32 => |x| x.re as f64, crate::value::Complex64 => |x| x.re,
             crate::value::Bytes => |_| f64::NAN);
fn elem_f64<T: ToF64>(x: &T) -> f64 {
    x.as_f64()
}

/// Shared by RandomGamma and RandomPoissonV2 (`shape`, then a parameter tensor
/// whose every element gets `shape`'s number of samples): the output shape
/// `shape ++ param.shape` (TF's `AppendShape`, checked) and the samples per
/// parameter.
fn per_parameter_shape(inputs: &[&Value]) -> Result<(Vec<usize>, usize)> {
    let shape = shape_from_value(inputs[0])?;
    let per = num_elements(&shape)?;
    let mut out_shape = shape;
    out_shape.extend_from_slice(inputs[1].shape());
    if out_shape.len() > crate::alloc::MAX_DIMS {
        return Err(Error::invalid_argument(format!(
            "Too many dimensions in tensor: {} (max {})",
            out_shape.len(),
            crate::alloc::MAX_DIMS
        )));
    }
    // TF's AppendShape: the running element count times each of the
    // parameter's dimensions, checked.
    let mut running = per as i64;
    for &d in inputs[1].shape() {
        running = running.checked_mul(d as i64).ok_or_else(|| {
            Error::invalid_argument(format!(
                "Encountered overflow when multiplying {running} with {d}, result: {}",
                running.wrapping_mul(d as i64)
            ))
        })?;
    }
    Ok((out_shape, per))
}

/// An output of `shape` filled by `fill(buffer, generator)` once allocated;
/// `gen` (which reserves, for a stateful op) runs between the two, and not
/// at all for an empty output (TF returns before reserving).
pub fn sampled<T: Zeroed>(
    shape: &[usize],
    gen: impl FnOnce() -> crate::philox::PhiloxRandom,
    fill: impl FnOnce(&mut [T], crate::philox::PhiloxRandom) -> Result<()>,
) -> Result<ArrayD<T>> {
    let mut out = try_zeroed::<T>(output_len::<T>(shape)?, shape)?;
    if !out.is_empty() {
        fill(&mut out, gen())?;
    }
    shaped(shape, out)
}

/// `RandomGamma` / `StatelessRandomGammaV3` on `alpha` into an output of
/// `out_shape` (`per` samples of each alpha), alpha's dtype.
pub fn gamma_value(
    alpha: &Value,
    out_shape: &[usize],
    per: usize,
    gen: impl FnOnce() -> crate::philox::PhiloxRandom,
) -> Result<Value> {
    gamma_value_for(alpha, out_shape, per, gen, false)
}

/// [`gamma_value`], with `tf1`: TF 1.15's `RandomGamma`.
fn gamma_value_for(
    alpha: &Value,
    out_shape: &[usize],
    per: usize,
    gen: impl FnOnce() -> crate::philox::PhiloxRandom,
    tf1: bool,
) -> Result<Value> {
    fn fill<T: gamma::GammaOut>(
        a: &[f64],
        per: usize,
        g: crate::philox::PhiloxRandom,
        o: &mut [T],
        tf1: bool,
    ) {
        if tf1 {
            gamma::random_gamma_into_tf1(a, per, g, o);
        } else {
            gamma::random_gamma_into(a, per, g, o);
        }
    }
    let a = to_f64_vec(alpha)?;
    Ok(match alpha {
        Value::F32(_) => Value::F32(sampled(out_shape, gen, |o: &mut [f32], g| {
            fill(&a, per, g, o, tf1);
            Ok(())
        })?),
        Value::F64(_) => Value::F64(sampled(out_shape, gen, |o: &mut [f64], g| {
            fill(&a, per, g, o, tf1);
            Ok(())
        })?),
        Value::F16(_) => Value::F16(sampled(out_shape, gen, |o: &mut [f16], g| {
            fill(&a, per, g, o, tf1);
            Ok(())
        })?),
        Value::BF16(_) => Value::BF16(sampled(out_shape, gen, |o: &mut [half::bf16], g| {
            fill(&a, per, g, o, tf1);
            Ok(())
        })?),
        other => {
            return Err(Error::invalid_argument(format!(
                "RandomGamma of {}",
                other.dtype().name()
            )))
        }
    })
}

/// `RandomPoissonV2` / `StatelessRandomPoisson` on `rate` into an output of
/// `out_shape` and `dtype`.
pub fn poisson_value(
    rate: &Value,
    dtype: DType,
    out_shape: &[usize],
    per: usize,
    gen: impl FnOnce() -> crate::philox::PhiloxRandom,
) -> Result<Value> {
    let r = to_f64_vec(rate)?;
    macro_rules! run {
        ($t:ty) => {
            sampled(out_shape, gen, |o: &mut [$t], g| {
                poisson::random_poisson_into(&r, per, g, o)
            })?
        };
    }
    Ok(match dtype {
        DType::Float16 => Value::F16(run!(f16)),
        DType::Float32 => Value::F32(run!(f32)),
        DType::Float64 => Value::F64(run!(f64)),
        DType::Int32 => Value::I32(run!(i32)),
        DType::Int64 => Value::I64(run!(i64)),
        other => {
            return Err(Error::invalid_argument(format!(
                "RandomPoissonV2 to {}",
                other.name()
            )))
        }
    })
}

fn shuffle_kernel(args: &KernelArgs, inputs: &[&Value], ctx: &dyn RunContext) -> Result<Value> {
    let v = inputs[0];
    let dims = v.shape().to_vec();
    let count = shuffle::reservation(&dims);
    if count == 0 {
        return v.try_clone();
    }
    let (seed, seed2) = args.attrs.seeds;
    Ok(crate::map_array!(v, a => {
        let flat = crate::alloc::try_flat(a)?;
        let gen = ctx.reserve(args.stream, seed, seed2, count);
        shaped(&dims, shuffle::random_shuffle(&flat, &dims, gen)?)?
    }))
}

fn multinomial_kernel(args: &KernelArgs, inputs: &[&Value], ctx: &dyn RunContext) -> Result<Value> {
    let (seed, seed2) = args.attrs.seeds;
    multinomial_value(args.dtype, inputs[0], inputs[1], ctx.threads(), |b, s| {
        let count = multinomial::reservation(b, s);
        if count == 0 {
            crate::philox::PhiloxRandom::new(0, 0)
        } else {
            ctx.reserve(args.stream, seed, seed2, count)
        }
    })
}

fn gamma_kernel(args: &KernelArgs, inputs: &[&Value], ctx: &dyn RunContext) -> Result<Value> {
    gamma_kernel_for(args, inputs, ctx, false)
}

/// TF 1.15's `RandomGamma` kernel (its `alpha == 1` branch is `-log(1 - u)`).
fn gamma_kernel_tf1(args: &KernelArgs, inputs: &[&Value], ctx: &dyn RunContext) -> Result<Value> {
    gamma_kernel_for(args, inputs, ctx, true)
}

fn gamma_kernel_for(
    args: &KernelArgs,
    inputs: &[&Value],
    ctx: &dyn RunContext,
    tf1: bool,
) -> Result<Value> {
    let (out_shape, per) = per_parameter_shape(inputs)?;
    let count = gamma::reservation(per, inputs[1].len());
    let (seed, seed2) = args.attrs.seeds;
    gamma_value_for(
        inputs[1],
        &out_shape,
        per,
        || ctx.reserve(args.stream, seed, seed2, count),
        tf1,
    )
}

fn poisson_kernel(args: &KernelArgs, inputs: &[&Value], ctx: &dyn RunContext) -> Result<Value> {
    let (out_shape, per) = per_parameter_shape(inputs)?;
    let count = poisson::reservation(per, inputs[1].len());
    let (seed, seed2) = args.attrs.seeds;
    poisson_value(inputs[1], args.dtype, &out_shape, per, || {
        ctx.reserve(args.stream, seed, seed2, count)
    })
}
