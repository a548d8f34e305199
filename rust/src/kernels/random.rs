//! The stateful random ops of `random_op.cc`: RandomUniform,
//! RandomUniformInt, RandomStandardNormal and TruncatedNormal.
//!
//! Each execution reserves `256 × num_elements` Philox samples from the op's
//! per-session generator (TF's `ReserveRandomOutputs(n, 256)`) and fills the
//! output from the state before the reservation.

use super::RunContext;
use crate::alloc::{num_elements, output_len, shaped, try_for_overwrite, Zeroed};
use crate::bufpool::AnyBits;
use crate::distributions::fill::{self, *};
use crate::distributions::IntRange;
use crate::dtype::DType;
use crate::error::{Error, Result};
use crate::op::{Built, InferCtx, Input, Kernel, KernelArgs, RandomKind, Shape};
use crate::philox::{PhiloxRandom, Platform};
use crate::value::Value;
use crate::vmath::{self, Affine};

/// Samples TF reserves per output element of a stateful random op.
pub const RESERVED_PER_OUTPUT: u64 = 256;

fn float_dtype_error(dtype: DType) -> Error {
    Error::type_error(format!(
        "Value passed to parameter 'dtype' has DataType {} not in list of allowed values: \
         half, bfloat16, float32, float64",
        dtype.name()
    ))
}

/// Check a `shape` input: an int32/int64 vector. Returns the static output shape.
pub fn infer_shape_input(op_type: &str, name: &str, shape: &Input) -> Result<Shape> {
    if !matches!(shape.dtype, DType::Int32 | DType::Int64) {
        return Err(Error::type_error(format!(
            "Value passed to parameter 'shape' has DataType {} not in list of allowed values: \
             int32, int64",
            shape.dtype.name()
        )));
    }
    super::check_rank(op_type, name, shape, 1)?;
    if let Some(v) = shape.value {
        let dims = v.to_i64_vec().unwrap_or_default();
        for &d in &dims {
            if d < -1 {
                return Err(Error::value(format!(
                    "Dimension {d} must be >= -1 in the shape of '{name}'"
                )));
            }
        }
        return Ok(Some(dims));
    }
    Ok(match &shape.shape {
        Some(s) if s[0] >= 0 => Some(vec![-1; s[0] as usize]),
        _ => None,
    })
}

/// The shape function of the stateful random op `kind`.
pub fn infer(kind: RandomKind, c: InferCtx) -> Result<Built> {
    let (op_type, name, ins, attrs) = (c.op_type, c.name, c.ins, c.attrs);
    let n_inputs = if kind == RandomKind::UniformInt { 3 } else { 1 };
    if ins.len() != n_inputs {
        return Err(Error::value(format!(
            "{op_type} op '{name}' takes {n_inputs} inputs, got {}",
            ins.len()
        )));
    }
    let shape = infer_shape_input(op_type, name, &ins[0])?;
    let dtype = if kind == RandomKind::UniformInt {
        let (lo, hi) = (&ins[1], &ins[2]);
        if !matches!(lo.dtype, DType::Int32 | DType::Int64) {
            return Err(Error::type_error(format!(
                "Value passed to parameter 'minval' has DataType {} not in list of allowed \
                 values: int32, int64",
                lo.dtype.name()
            )));
        }
        super::math::same_dtype(op_type, lo, hi)?;
        super::check_rank(op_type, name, lo, 0)?;
        super::check_rank(op_type, name, hi, 0)?;
        lo.dtype
    } else {
        let dtype = attrs.dtype.unwrap_or(DType::Float32);
        if !dtype.is_floating() {
            return Err(float_dtype_error(dtype));
        }
        dtype
    };
    Ok(Built::new(dtype, shape)
        .seeds(attrs.seeds)
        .kernel(Kernel::values(move |args, ins, ctx| {
            compute(kind, args, ins, ctx).map(Some)
        })))
}

/// The output shape a `shape` tensor asks for, checked as TF's
/// `MakeShape` checks it (vector of int32/int64, dimensions >= 0, at most
/// 254 of them, element count within int64).
pub fn shape_from_value(v: &Value) -> Result<Vec<usize>> {
    if v.shape().len() != 1 || !matches!(v, Value::I32(_) | Value::I64(_)) {
        return Err(Error::invalid_argument(format!(
            "shape must be a vector of {{int32,int64}}, got shape {}",
            super::common::shape_debug_string(v.shape())
        )));
    }
    if v.len() > crate::alloc::MAX_DIMS {
        return Err(Error::invalid_argument("Too many dimensions"));
    }
    let dims = v.to_i64_vec().unwrap_or_default();
    let dims = dims
        .iter()
        .map(|&d| {
            usize::try_from(d)
                .map_err(|_| Error::invalid_argument(format!("Dimension {d} must be >= 0")))
        })
        .collect::<Result<Vec<usize>>>()?;
    num_elements(&dims)?;
    Ok(dims)
}

/// An output buffer for `shape` (stale numbers or zeros: every fill writes
/// each element), or the error TF would give.
fn output<T: Zeroed + AnyBits>(shape: &[usize]) -> Result<Vec<T>> {
    let n = output_len::<T>(shape)?;
    if let Some(v) = RECYCLED.with(|r| r.borrow_mut().take()) {
        if let Ok(v) = v.downcast::<Vec<T>>() {
            if v.len() == n {
                return Ok(*v);
            }
        }
    }
    try_for_overwrite(n, shape)
}

thread_local! {
    /// A buffer the next random output on this thread may be written into.
    static RECYCLED: std::cell::RefCell<Option<Box<dyn std::any::Any>>> =
        const { std::cell::RefCell::new(None) };
}

/// Run `f` (one random op's kernel) with `old`'s buffer offered as its output:
/// a variable initialised again is overwritten in place (every fill writes
/// each element), so re-initialising a model needs no new memory and no page
/// faults. The offer is withdrawn after `f` whether or not it was taken.
pub fn with_recycled<R>(old: Value, f: impl FnOnce() -> R) -> R {
    fn boxed<T: 'static>(a: ndarray::ArrayD<T>) -> Option<Box<dyn std::any::Any>> {
        // Only a standard-layout array's buffer is the output's element order.
        if !a.is_standard_layout() {
            return None;
        }
        Some(Box::new(a.into_raw_vec_and_offset().0))
    }
    let offer = match old {
        Value::F32(a) => boxed(a),
        Value::F64(a) => boxed(a),
        Value::F16(a) => boxed(a),
        Value::BF16(a) => boxed(a),
        Value::I32(a) => boxed(a),
        Value::I64(a) => boxed(a),
        _ => None,
    };
    RECYCLED.with(|r| *r.borrow_mut() = offer);
    let out = f();
    RECYCLED.with(|r| r.borrow_mut().take());
    out
}

/// The wrapper arithmetic of a float random op (`* scale + shift`, TF's
/// `Mul` and `Add` after the op) that the session fused into its fill.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Epilogue {
    F32(Affine<f32>),
    F64(Affine<f64>),
}

impl Epilogue {
    /// No arithmetic yet, for float32 (`f32s`) or float64 outputs.
    pub fn none(f32s: bool) -> Epilogue {
        if f32s {
            Epilogue::F32(Affine::NONE)
        } else {
            Epilogue::F64(Affine::NONE)
        }
    }
}

thread_local! {
    static EPILOGUE: std::cell::Cell<Option<Epilogue>> = const { std::cell::Cell::new(None) };
}

/// Run `f` (one random op's kernel) with `epi` applied to its output as it
/// is generated, batch by batch while in cache, instead of by the `Mul` and
/// `Add` after it (which then pass their input on). Each element is still
/// rounded after the multiply and after the add, so the bits are those of
/// the separate ops. Withdrawn after `f`.
pub fn with_epilogue<R>(epi: Epilogue, f: impl FnOnce() -> R) -> R {
    EPILOGUE.with(|e| e.set(Some(epi)));
    let out = f();
    EPILOGUE.with(|e| e.set(None));
    out
}

/// The fused arithmetic, if any, as a per-batch pass for the fills (taken:
/// it applies to one output).
fn post_f32() -> impl Fn(&mut [f32]) + Sync {
    let a = match EPILOGUE.with(|e| e.take()) {
        Some(Epilogue::F32(a)) => a,
        _ => Affine::NONE,
    };
    let p = Platform::active();
    move |x: &mut [f32]| vmath::affine_f32(p, x, a)
}
fn post_f64() -> impl Fn(&mut [f64]) + Sync {
    let a = match EPILOGUE.with(|e| e.take()) {
        Some(Epilogue::F64(a)) => a,
        _ => Affine::NONE,
    };
    let p = Platform::active();
    move |x: &mut [f64]| vmath::affine_f64(p, x, a)
}

fn scalar_int(v: &Value, arg: &str) -> Result<i64> {
    if !v.shape().is_empty() {
        return Err(Error::invalid_argument(format!(
            "{arg} must be 0-D, got shape {:?}",
            v.shape()
        )));
    }
    v.to_i64_vec()
        .and_then(|x| x.first().copied())
        .ok_or_else(|| Error::invalid_argument(format!("{arg} must be an integer scalar")))
}

/// Fill a new output of `shape` with distribution `kind` from the generator
/// `gen` returns. `gen` runs only once the output is allocated: a stateful
/// op reserves its samples there, so a run that fails to allocate leaves the
/// stream where TF leaves it (TF allocates its output before reserving).
pub fn generate(
    kind: RandomKind,
    dtype: DType,
    shape: Vec<usize>,
    gen: impl FnOnce() -> PhiloxRandom,
) -> Result<Value> {
    Ok(match (kind, dtype) {
        (RandomKind::Uniform, DType::Float32) => {
            let (mut o, post) = (output(&shape)?, post_f32());
            fill_blocks_then(&UniformF32, gen(), &mut o, &post);
            Value::F32(shaped(&shape, o)?)
        }
        (RandomKind::Uniform, DType::Float64) => {
            let (mut o, post) = (output(&shape)?, post_f64());
            fill_blocks_then(&UniformF64, gen(), &mut o, &post);
            Value::F64(shaped(&shape, o)?)
        }
        (RandomKind::Uniform, DType::Float16) => {
            let mut o = output(&shape)?;
            fill_blocks(&UniformF16, gen(), &mut o);
            Value::F16(shaped(&shape, o)?)
        }
        (RandomKind::Uniform, DType::BFloat16) => {
            let mut o = output(&shape)?;
            fill_blocks(&UniformBF16, gen(), &mut o);
            Value::BF16(shaped(&shape, o)?)
        }
        (RandomKind::Normal, DType::Float32) => {
            let (mut o, post) = (output(&shape)?, post_f32());
            fill_blocks_then(&NormalF32, gen(), &mut o, &post);
            Value::F32(shaped(&shape, o)?)
        }
        (RandomKind::Normal, DType::Float64) => {
            let (mut o, post) = (output(&shape)?, post_f64());
            fill_blocks_then(&NormalF64, gen(), &mut o, &post);
            Value::F64(shaped(&shape, o)?)
        }
        (RandomKind::Normal, DType::Float16) => {
            let mut o = output(&shape)?;
            fill_blocks(&NormalNarrow(fill::f32_to_f16), gen(), &mut o);
            Value::F16(shaped(&shape, o)?)
        }
        (RandomKind::Normal, DType::BFloat16) => {
            let mut o = output(&shape)?;
            fill_blocks(&NormalNarrow(fill::f32_to_bf16), gen(), &mut o);
            Value::BF16(shaped(&shape, o)?)
        }
        (RandomKind::TruncatedNormal, DType::Float32) => {
            let (mut o, post) = (output(&shape)?, post_f32());
            fill_samples_then(&TruncatedNormal(fill::f32_id), gen(), &mut o, &post);
            Value::F32(shaped(&shape, o)?)
        }
        (RandomKind::TruncatedNormal, DType::Float64) => {
            let (mut o, post) = (output(&shape)?, post_f64());
            fill_samples_then(&TruncatedNormalF64, gen(), &mut o, &post);
            Value::F64(shaped(&shape, o)?)
        }
        (RandomKind::TruncatedNormal, DType::Float16) => {
            let mut o = output(&shape)?;
            fill_samples(&TruncatedNormal(fill::f32_to_f16), gen(), &mut o);
            Value::F16(shaped(&shape, o)?)
        }
        (RandomKind::TruncatedNormal, DType::BFloat16) => {
            let mut o = output(&shape)?;
            fill_samples(&TruncatedNormal(fill::f32_to_bf16), gen(), &mut o);
            Value::BF16(shaped(&shape, o)?)
        }
        (_, other) => return Err(float_dtype_error(other)),
    })
}

/// Fill an integer output in `[lo, hi)`.
pub fn generate_int(
    dtype: DType,
    lo: i64,
    hi: i64,
    shape: Vec<usize>,
    gen: impl FnOnce() -> PhiloxRandom,
) -> Result<Value> {
    Ok(match dtype {
        DType::Int32 => {
            let mut o = output(&shape)?;
            fill_blocks(
                &UniformI32(IntRange::<i32>::new(lo as i32, hi as i32)),
                gen(),
                &mut o,
            );
            Value::I32(shaped(&shape, o)?)
        }
        DType::Int64 => {
            let mut o = output(&shape)?;
            fill_blocks(&UniformI64(IntRange::<i64>::new(lo, hi)), gen(), &mut o);
            Value::I64(shaped(&shape, o)?)
        }
        other => {
            return Err(Error::type_error(format!(
                "RandomUniformInt does not support {}",
                other.name()
            )))
        }
    })
}

pub fn compute(
    kind: RandomKind,
    args: &KernelArgs,
    inputs: &[&Value],
    ctx: &dyn RunContext,
) -> Result<Value> {
    let shape = shape_from_value(inputs[0])?;
    let n = num_elements(&shape)?;
    let (seed, seed2) = args.attrs.seeds;
    let reserve = || ctx.reserve(args.stream, seed, seed2, n as u64 * RESERVED_PER_OUTPUT);
    if kind == RandomKind::UniformInt {
        let lo = scalar_int(inputs[1], "minval")?;
        let hi = scalar_int(inputs[2], "maxval")?;
        if n == 0 {
            return generate_int(args.dtype, 0, 1, shape, || PhiloxRandom::new(0, 0));
        }
        // Checked after the empty case, as TF does: zero impossible things are fine.
        if lo >= hi {
            return Err(Error::invalid_argument(format!(
                "Need minval < maxval, got {lo} >= {hi}"
            )));
        }
        return generate_int(args.dtype, lo, hi, shape, reserve);
    }
    generate(kind, args.dtype, shape, reserve)
}
