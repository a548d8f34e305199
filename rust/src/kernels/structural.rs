//! Ops TF 1.x model code builds between weights.
//!
//! Since TF 1.x derives graph-seed-only op seeds from op ids, a program's
//! random values depend on every op it builds, so philoxflow must build them
//! all. Most of them (MatMul, Conv2D, pooling, losses, control flow, ...) only
//! matter for that structure: the registry (`registry.rs`) declares them
//! without a kernel; they get the dtype and static shape the Python wrapper
//! inferred, and running one raises `UnimplementedError` naming the op. A few that random values flow
//! through (`tf.nn.dropout`'s mask, shapes computed from tensors) compute.

use super::array::const_ints;
use crate::alloc::num_elements;
use crate::dtype::DType;
use crate::error::{Error, Result};
use crate::op::{Built, InferCtx, Kernel, KernelArgs, Shape};
use crate::value::Value;
use ndarray::{ArrayD, Axis, IxDyn};

/// Ops of this file that compute.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StructOp {
    Compare(Cmp),
    Pack {
        axis: i64,
    },
    /// A 1-D StridedSlice with constant begin/end/strides (what `x[i]`,
    /// `tf.shape(x)[1:]` and Flatten build), masks as TF's attributes.
    StridedSlice1D {
        begin: i64,
        end: i64,
        stride: i64,
        masks: [i64; 5],
    },
    Reshape,
    PlaceholderWithDefault,
    Square,
    Floor,
    /// `tf.reduce_all` over constant axes (what `random_crop`'s check builds).
    All {
        keep_dims: bool,
    },
    /// `Assert(condition, data...)`: fails the run when `condition` is false.
    Assert,
    /// `where_v2(condition, t, e)` with broadcasting (TF 2.x's dropout).
    SelectV2,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cmp {
    Greater,
    GreaterEqual,
    Less,
    LessEqual,
}

/// A node computing `op`.
fn computing(op: StructOp, dtype: crate::dtype::DType, shape: Shape) -> Built {
    Built::new(dtype, shape).kernel(Kernel::values(move |args, ins, _| compute(op, args, ins)))
}

/// The dtype the Python builder gave (TF's op definition applied there).
pub fn given_dtype(c: &InferCtx) -> Result<DType> {
    c.attrs
        .dtype
        .ok_or_else(|| Error::value(format!("{} op '{}' needs a dtype", c.op_type, c.name)))
}

/// An op built for graph structure only: dtype and static shape as the
/// Python builder inferred them (its shape function), no kernel.
pub fn infer_structure(c: InferCtx) -> Result<Built> {
    Ok(Built::new(given_dtype(&c)?, c.attrs.shape))
}

/// A structure op (the Python builder's dtype and shape) computed by `f` on
/// its input values: how a value-level kernel is registered in one line,
/// `op("X", Plain, |c| infer_computing(c, |_, ins| x(ins[0])))`.
pub fn infer_computing(
    c: InferCtx,
    f: fn(&KernelArgs, &[&Value]) -> Result<Value>,
) -> Result<Built> {
    Ok(infer_structure(c)?.kernel(Kernel::simple(f)))
}

/// Transpose, ConcatV2, Tile, ReverseV2, ExpandDims (`movement.rs`): the
/// Python builder's dtype and shape, values moved as the target TF does.
pub fn infer_movement(op: super::movement::Movement, c: InferCtx) -> Result<Built> {
    Ok(
        infer_structure(c)?.kernel(Kernel::values(move |_, ins, ctx| {
            super::movement::compute(op, ins, ctx.target()).map(Some)
        })),
    )
}

/// Sum, Mean, Prod, Max, Min (`reduce.rs`; `keep_dims` from the integer
/// attributes): in Eigen's order, as the target TF sums and shards them.
pub fn infer_reduce(op: super::reduce::Reduction, c: InferCtx) -> Result<Built> {
    super::check_arity(&c, 2)?;
    let keep_dims = c.attrs.ints.first().copied().unwrap_or(0) != 0;
    Ok(
        infer_structure(c)?.kernel(Kernel::values(move |_, ins, ctx| {
            super::reduce::reduce(op, ins[0], ins[1], keep_dims, ctx.target(), ctx.threads())
                .map(Some)
        })),
    )
}

pub fn infer_compare(cmp: Cmp, c: InferCtx) -> Result<Built> {
    let (op_type, name, ins) = (c.op_type, c.name, c.ins);
    super::check_arity(&c, 2)?;
    super::math::same_dtype(op_type, &ins[0], &ins[1])?;
    super::math::check_numeric(op_type, &ins[0], false)?;
    let shape = super::math::broadcast_static(op_type, name, &ins[0].shape, &ins[1].shape)?;
    Ok(computing(StructOp::Compare(cmp), DType::Bool, shape))
}

pub fn infer_pack(c: InferCtx) -> Result<Built> {
    let (op_type, ins, attrs) = (c.op_type, c.ins, &c.attrs);
    if ins.is_empty() {
        return Err(Error::value("Pack needs at least one input"));
    }
    for n in &ins[1..] {
        super::math::same_dtype(op_type, &ins[0], n)?;
    }
    let axis = attrs.ints.first().copied().unwrap_or(0);
    let shape = attrs.shape.clone().or_else(|| {
        ins[0].shape.as_ref().and_then(|s| {
            let r = s.len() as i64 + 1;
            let a = if axis < 0 { axis + r } else { axis };
            (0..r).contains(&a).then(|| {
                let mut out = s.clone();
                out.insert(a as usize, ins.len() as i64);
                out
            })
        })
    });
    Ok(computing(StructOp::Pack { axis }, ins[0].dtype, shape))
}

/// Computes only a 1-D slice with constant begin/end/strides.
pub fn infer_strided_slice(c: InferCtx) -> Result<Built> {
    super::check_arity(&c, 4)?;
    let (ins, attrs) = (c.ins, &c.attrs);
    let masks: [i64; 5] = std::array::from_fn(|i| attrs.ints.get(i).copied().unwrap_or(0));
    let op = match (
        const_ints(&ins[1]),
        const_ints(&ins[2]),
        const_ints(&ins[3]),
        &ins[0].shape,
    ) {
        (Some(b), Some(e), Some(s), Some(shape))
            if b.len() == 1
                && e.len() == 1
                && s.len() == 1
                && shape.len() == 1
                && masks[2] == 0
                && masks[3] == 0 =>
        {
            StructOp::StridedSlice1D {
                begin: b[0],
                end: e[0],
                stride: s[0],
                masks,
            }
        }
        _ => return Ok(Built::new(ins[0].dtype, attrs.shape.clone())),
    };
    Ok(computing(op, ins[0].dtype, attrs.shape.clone()))
}

pub fn infer_reshape(c: InferCtx) -> Result<Built> {
    super::check_arity(&c, 2)?;
    Ok(computing(
        StructOp::Reshape,
        c.ins[0].dtype,
        c.attrs.shape.clone(),
    ))
}

pub fn infer_placeholder_with_default(c: InferCtx) -> Result<Built> {
    super::check_arity(&c, 1)?;
    let shape = c.attrs.shape.clone().or_else(|| c.ins[0].shape.clone());
    Ok(computing(
        StructOp::PlaceholderWithDefault,
        c.ins[0].dtype,
        shape,
    ))
}

/// Square and Floor.
pub fn infer_unary(op: StructOp, c: InferCtx) -> Result<Built> {
    super::check_arity(&c, 1)?;
    super::math::check_numeric(c.op_type, &c.ins[0], false)?;
    Ok(computing(op, c.ins[0].dtype, c.ins[0].shape.clone()))
}

pub fn infer_all(c: InferCtx) -> Result<Built> {
    super::check_arity(&c, 2)?;
    if c.ins[0].dtype != DType::Bool {
        return Err(Error::type_error("All needs a bool input"));
    }
    let keep_dims = c.attrs.ints.first().copied().unwrap_or(0) != 0;
    Ok(computing(
        StructOp::All { keep_dims },
        DType::Bool,
        c.attrs.shape.clone(),
    ))
}

pub fn infer_select_v2(c: InferCtx) -> Result<Built> {
    let (op_type, name, ins) = (c.op_type, c.name, c.ins);
    super::check_arity(&c, 3)?;
    if ins[0].dtype != DType::Bool {
        return Err(Error::type_error("SelectV2 needs a bool condition"));
    }
    super::math::same_dtype(op_type, &ins[1], &ins[2])?;
    let s = super::math::broadcast_static(op_type, name, &ins[1].shape, &ins[2].shape)?;
    let shape = super::math::broadcast_static(op_type, name, &ins[0].shape, &s)?;
    Ok(computing(StructOp::SelectV2, ins[1].dtype, shape))
}

pub fn infer_assert(c: InferCtx) -> Result<Built> {
    if c.ins.is_empty() || c.ins[0].dtype != DType::Bool {
        return Err(Error::type_error("Assert needs a bool condition"));
    }
    Ok(computing(StructOp::Assert, DType::Bool, Some(vec![])))
}

/// Run one of these ops; `None` for ops without an output (Assert).
pub fn compute(op: StructOp, args: &KernelArgs, inputs: &[&Value]) -> Result<Option<Value>> {
    if op == StructOp::Assert {
        return match inputs[0] {
            Value::Bool(c) if c.iter().all(|&b| b) => Ok(None),
            _ => Err(Error::invalid_argument(format!(
                "assertion failed (op '{}')",
                args.name
            ))),
        };
    }
    compute_value(op, inputs).map(Some)
}

fn compute_value(op: StructOp, inputs: &[&Value]) -> Result<Value> {
    match op {
        StructOp::Assert => Err(Error::invalid_argument("Assert has no output")),
        StructOp::All { keep_dims } => reduce_all(inputs[0], inputs[1], keep_dims),
        StructOp::SelectV2 => select_v2(inputs[0], inputs[1], inputs[2]),
        StructOp::Compare(cmp) => compare(cmp, inputs[0], inputs[1]),
        StructOp::Pack { axis } => pack(axis, inputs),
        StructOp::StridedSlice1D {
            begin,
            end,
            stride,
            masks,
        } => strided_slice_1d(inputs[0], begin, end, stride, masks),
        StructOp::Reshape => reshape(inputs[0], inputs[1]),
        StructOp::PlaceholderWithDefault => Ok(inputs[0].clone()),
        StructOp::Square => square(inputs[0]),
        StructOp::Floor => floor(inputs[0]),
    }
}

fn cmp_arrays<T: PartialOrd + Copy>(
    cmp: Cmp,
    a: &ArrayD<T>,
    b: &ArrayD<T>,
) -> Result<ArrayD<bool>> {
    let shape = super::math::broadcast_shape(a.shape(), b.shape())?;
    num_elements(&shape)?;
    let (av, bv) = (
        a.broadcast(IxDyn(&shape))
            .ok_or_else(|| Error::invalid_argument("Incompatible shapes"))?,
        b.broadcast(IxDyn(&shape))
            .ok_or_else(|| Error::invalid_argument("Incompatible shapes"))?,
    );
    let f = match cmp {
        Cmp::Greater => |x: T, y: T| x > y,
        Cmp::GreaterEqual => |x: T, y: T| x >= y,
        Cmp::Less => |x: T, y: T| x < y,
        Cmp::LessEqual => |x: T, y: T| x <= y,
    };
    Ok(ndarray::Zip::from(&av)
        .and(&bv)
        .map_collect(|&x, &y| f(x, y)))
}

fn compare(cmp: Cmp, a: &Value, b: &Value) -> Result<Value> {
    Ok(Value::Bool(match (a, b) {
        (Value::F16(x), Value::F16(y)) => cmp_arrays(cmp, x, y)?,
        (Value::BF16(x), Value::BF16(y)) => cmp_arrays(cmp, x, y)?,
        (Value::F32(x), Value::F32(y)) => cmp_arrays(cmp, x, y)?,
        (Value::F64(x), Value::F64(y)) => cmp_arrays(cmp, x, y)?,
        (Value::I32(x), Value::I32(y)) => cmp_arrays(cmp, x, y)?,
        (Value::I64(x), Value::I64(y)) => cmp_arrays(cmp, x, y)?,
        (Value::I8(x), Value::I8(y)) => cmp_arrays(cmp, x, y)?,
        (Value::I16(x), Value::I16(y)) => cmp_arrays(cmp, x, y)?,
        (Value::U8(x), Value::U8(y)) => cmp_arrays(cmp, x, y)?,
        // TF 1.15 registers no comparison kernel for uint16/uint32/uint64.
        _ => {
            return Err(Error::invalid_argument(
                "comparison of tensors of different dtypes",
            ))
        }
    }))
}

fn pack(axis: i64, inputs: &[&Value]) -> Result<Value> {
    let first = inputs[0];
    let rank = first.shape().len() as i64 + 1;
    let a = if axis < 0 { axis + rank } else { axis };
    if !(0..rank).contains(&a) {
        return Err(Error::invalid_argument(format!(
            "axis = {axis} not in [{}, {rank})",
            -rank
        )));
    }
    if inputs.iter().any(|v| v.shape() != first.shape()) {
        return Err(Error::invalid_argument(
            "Shapes of all inputs must match for Pack",
        ));
    }
    macro_rules! stack {
        ($variant:ident) => {{
            let views: Vec<_> = inputs
                .iter()
                .map(|v| match v {
                    Value::$variant(x) => Ok(x.view()),
                    _ => Err(Error::invalid_argument("Pack inputs of different dtypes")),
                })
                .collect::<Result<_>>()?;
            Value::$variant(
                ndarray::stack(Axis(a as usize), &views)
                    .map_err(|e| Error::invalid_argument(e.to_string()))?,
            )
        }};
    }
    Ok(match first {
        Value::F16(_) => stack!(F16),
        Value::BF16(_) => stack!(BF16),
        Value::F32(_) => stack!(F32),
        Value::F64(_) => stack!(F64),
        Value::I32(_) => stack!(I32),
        Value::I64(_) => stack!(I64),
        Value::Bool(_) => stack!(Bool),
        Value::I8(_) => stack!(I8),
        Value::I16(_) => stack!(I16),
        Value::U8(_) => stack!(U8),
        Value::U16(_) => stack!(U16),
        Value::U32(_) => stack!(U32),
        Value::U64(_) => stack!(U64),
        Value::C64(_) => stack!(C64),
        Value::C128(_) => stack!(C128),
        Value::Str(_) => stack!(Str),
    })
}

/// TF's StridedSlice on a vector: masks are `[begin, end, ellipsis, new_axis,
/// shrink_axis]`; a shrunk axis returns the scalar at `begin`.
fn strided_slice_1d(
    v: &Value,
    begin: i64,
    end: i64,
    stride: i64,
    masks: [i64; 5],
) -> Result<Value> {
    let n = v.len() as i64;
    if stride == 0 {
        return Err(Error::invalid_argument("strides[0] must be non-zero"));
    }
    let wrap = |i: i64| if i < 0 { i + n } else { i };
    if masks[4] & 1 != 0 {
        let i = wrap(begin);
        if !(0..n).contains(&i) {
            return Err(Error::invalid_argument(format!(
                "slice index {begin} of dimension 0 out of bounds."
            )));
        }
        return Ok(
            crate::map_array!(v, a => a.slice_each_axis(|_| ndarray::Slice::new(i as isize, Some(i as isize + 1), 1)).to_owned().into_shape_with_order(IxDyn(&[])).map_err(|e| Error::invalid_argument(e.to_string()))?),
        );
    }
    let (lo, hi) = if stride > 0 { (0, n) } else { (-1, n - 1) };
    let clamp = |i: i64| wrap(i).clamp(lo, hi);
    let b = if masks[0] & 1 != 0 {
        if stride > 0 {
            0
        } else {
            n - 1
        }
    } else {
        clamp(begin)
    };
    let e = if masks[1] & 1 != 0 {
        if stride > 0 {
            n
        } else {
            -1
        }
    } else {
        clamp(end)
    };
    let mut idx = Vec::new();
    let mut i = b;
    while (stride > 0 && i < e) || (stride < 0 && i > e) {
        idx.push(i as usize);
        i += stride;
    }
    Ok(crate::map_array!(v, a => a.select(Axis(0), &idx)))
}

fn reshape(v: &Value, shape: &Value) -> Result<Value> {
    let dims = shape
        .to_i64_vec()
        .ok_or_else(|| Error::invalid_argument("Reshape's shape must be int32 or int64"))?;
    // TF's Reshape kernel (`ValidateSizes`): one -1 at most, resolved from the
    // element count; its messages.
    let n = v.len() as i64;
    let mut unknown: Option<usize> = None;
    // The product of the given non-zero sizes (zeros are counted apart, so
    // the others can still be inferred for an empty input).
    let mut product: i64 = 1;
    let mut sizes_have_zero = false;
    for (d, &size) in dims.iter().enumerate() {
        if size == -1 {
            if let Some(u) = unknown {
                return Err(Error::invalid_argument(format!(
                    "Only one input size may be -1, not both {u} and {d}"
                )));
            }
            unknown = Some(d);
        } else if size < 0 {
            return Err(Error::invalid_argument(format!(
                "Size {d} must be non-negative, not {size}"
            )));
        } else if size == 0 {
            sizes_have_zero = true;
        } else {
            product = product.saturating_mul(size);
        }
    }
    let mut dims = dims;
    if let Some(u) = unknown {
        let mut input_elements: i64 = 1;
        let mut input_has_zero = false;
        for &d in v.shape() {
            if d > 0 || !sizes_have_zero {
                input_elements = input_elements.saturating_mul(d as i64);
            } else {
                input_has_zero = true;
            }
        }
        let missing = input_elements / product;
        if !input_has_zero && product.saturating_mul(missing) != input_elements {
            return Err(Error::invalid_argument(format!(
                "Input to reshape is a tensor with {n} values, but the requested shape \
                 requires a multiple of {product}"
            )));
        }
        dims[u] = missing;
    }
    let requested = dims.iter().try_fold(1i64, |p, &d| p.checked_mul(d));
    if requested != Some(n) {
        return Err(Error::invalid_argument(format!(
            "Input to reshape is a tensor with {n} values, but the requested shape has {}",
            requested.map_or_else(|| "more than 2^63".to_string(), |r| r.to_string())
        )));
    }
    let dims: Vec<usize> = dims.iter().map(|&d| d as usize).collect();
    Ok(
        crate::map_array!(v, a => a.to_owned().into_shape_with_order(IxDyn(&dims)).map_err(|e| Error::invalid_argument(e.to_string()))?),
    )
}

fn reduce_all(v: &Value, axes: &Value, keep_dims: bool) -> Result<Value> {
    let Value::Bool(a) = v else {
        return Err(Error::invalid_argument("All needs a bool input"));
    };
    let rank = a.ndim() as i64;
    let mut axes: Vec<usize> = axes
        .to_i64_vec()
        .ok_or_else(|| Error::invalid_argument("All's axes must be int32 or int64"))?
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
    let mut out = a.clone();
    for &ax in axes.iter().rev() {
        out = out.map_axis(Axis(ax), |lane| lane.iter().all(|&b| b));
        if keep_dims {
            out.insert_axis_inplace(Axis(ax));
        }
    }
    Ok(Value::Bool(out))
}

fn select_v2(c: &Value, t: &Value, e: &Value) -> Result<Value> {
    let Value::Bool(c) = c else {
        return Err(Error::invalid_argument("SelectV2 needs a bool condition"));
    };
    let shape = super::math::broadcast_shape(
        &super::math::broadcast_shape(c.shape(), t.shape())?,
        e.shape(),
    )?;
    num_elements(&shape)?;
    let cb = c
        .broadcast(IxDyn(&shape))
        .ok_or_else(|| Error::invalid_argument("Incompatible shapes"))?;
    macro_rules! sel {
        ($variant:ident, $x:expr, $y:expr) => {{
            let (xb, yb) = (
                $x.broadcast(IxDyn(&shape))
                    .ok_or_else(|| Error::invalid_argument("Incompatible shapes"))?,
                $y.broadcast(IxDyn(&shape))
                    .ok_or_else(|| Error::invalid_argument("Incompatible shapes"))?,
            );
            Value::$variant(
                ndarray::Zip::from(&cb)
                    .and(&xb)
                    .and(&yb)
                    .map_collect(|&k, a, b| Clone::clone(if k { a } else { b })),
            )
        }};
    }
    Ok(match (t, e) {
        (Value::F16(x), Value::F16(y)) => sel!(F16, x, y),
        (Value::BF16(x), Value::BF16(y)) => sel!(BF16, x, y),
        (Value::F32(x), Value::F32(y)) => sel!(F32, x, y),
        (Value::F64(x), Value::F64(y)) => sel!(F64, x, y),
        (Value::I32(x), Value::I32(y)) => sel!(I32, x, y),
        (Value::I64(x), Value::I64(y)) => sel!(I64, x, y),
        (Value::Bool(x), Value::Bool(y)) => sel!(Bool, x, y),
        (Value::I8(x), Value::I8(y)) => sel!(I8, x, y),
        (Value::I16(x), Value::I16(y)) => sel!(I16, x, y),
        (Value::U8(x), Value::U8(y)) => sel!(U8, x, y),
        (Value::U16(x), Value::U16(y)) => sel!(U16, x, y),
        (Value::U32(x), Value::U32(y)) => sel!(U32, x, y),
        (Value::U64(x), Value::U64(y)) => sel!(U64, x, y),
        (Value::C64(x), Value::C64(y)) => sel!(C64, x, y),
        (Value::C128(x), Value::C128(y)) => sel!(C128, x, y),
        (Value::Str(x), Value::Str(y)) => sel!(Str, x, y),
        _ => return Err(Error::invalid_argument("SelectV2 of different dtypes")),
    })
}

fn square(v: &Value) -> Result<Value> {
    Ok(match v {
        Value::F16(a) => Value::F16(a.mapv(|x| x * x)),
        Value::BF16(a) => Value::BF16(a.mapv(|x| x * x)),
        Value::F32(a) => Value::F32(a.mapv(|x| x * x)),
        Value::F64(a) => Value::F64(a.mapv(|x| x * x)),
        Value::I32(a) => Value::I32(a.mapv(|x| x.wrapping_mul(x))),
        Value::I64(a) => Value::I64(a.mapv(|x| x.wrapping_mul(x))),
        other => {
            return super::dtype_ops::binary(crate::op::BinaryOp::Mul, other, other).unwrap_or_else(
                || {
                    Err(Error::invalid_argument(format!(
                        "Square of a {} tensor",
                        other.dtype().name()
                    )))
                },
            )
        }
    })
}

fn floor(v: &Value) -> Result<Value> {
    Ok(match v {
        Value::F16(a) => Value::F16(a.mapv(|x| half::f16::from_f32(x.to_f32().floor()))),
        Value::BF16(a) => Value::BF16(a.mapv(|x| half::bf16::from_f32(x.to_f32().floor()))),
        Value::F32(a) => Value::F32(a.mapv(f32::floor)),
        Value::F64(a) => Value::F64(a.mapv(f64::floor)),
        other => other.clone(),
    })
}
