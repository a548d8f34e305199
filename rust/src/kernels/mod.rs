//! Op kernels: what each graph op computes when a session runs it, and the
//! build-time checks (dtypes, static shapes) TensorFlow's op registry makes.

pub mod array;
pub mod block;
pub mod cast;
pub mod diag;
pub mod linspace;
pub mod math;
pub mod random;
pub mod sampling;

// tier-2 kernels (shuffle, multinomial, gamma, poisson, stateless): one file each.
pub mod common;
pub mod dtype_ops;
pub mod eigen_reduce;
pub mod gamma;
pub mod movement;
pub mod multinomial;
pub mod poisson;
pub mod reduce;
pub mod registry;
pub mod shuffle;
pub mod stateless;
pub mod stateless_extra;
pub mod strings;
pub mod structural;

use crate::dtype::DType;
use crate::error::{Error, Result};
use crate::graph::{Attrs, BinaryOp, Node, OpKind, Shape};
use crate::philox::PhiloxRandom;
use crate::value::Value;
use std::sync::Arc;

/// What a kernel may ask of the session running it.
pub trait RunContext {
    /// Reserve `count` 128-bit samples of `node`'s per-session generator and
    /// return its state before the reservation (TF's `ReserveSamples128`).
    fn reserve(&self, node: &Node, seed: i64, seed2: i64, count: u64) -> PhiloxRandom;
    /// Threads of the session's intra-op pool (some TF kernels shard by it).
    fn threads(&self) -> usize;
    /// Which TF's kernels to reproduce where their bits differ (reductions).
    fn target(&self) -> eigen_reduce::Target;
    /// The session's stored value of a variable (shared, not copied: values
    /// are immutable and a consumer copies only if it cannot take ownership).
    fn read_variable(&self, node: &Node) -> Result<Arc<Value>>;
    /// Store a variable's value in the session (the value itself, no copy).
    fn assign_variable(&self, node: &Node, value: Arc<Value>);
}

/// A ValueError unless the op got `n` inputs.
pub fn check_arity(op_type: &str, name: &str, ins: &[Arc<Node>], n: usize) -> Result<()> {
    if ins.len() != n {
        return Err(Error::value(format!(
            "{op_type} op '{name}' takes {n} inputs, got {}",
            ins.len()
        )));
    }
    Ok(())
}

/// TF's shape-inference ValueError when an input's static rank is known and wrong.
pub fn check_rank(op_type: &str, name: &str, input: &Node, rank: usize) -> Result<()> {
    match &input.shape {
        Some(s) if s.len() != rank => Err(Error::value(format!(
            "Shape must be rank {rank} but is rank {} for '{{{{node {name}}}}} = {op_type}[...]' \
             (input '{}')",
            s.len(),
            input.name
        ))),
        _ => Ok(()),
    }
}

/// TF 1.x's stateless op types run TF 2.x's kernels: on the CPU with Philox both
/// derive the same key and counter from the seed (the V2 ops' key/counter inputs
/// are folded into their seed input here).
fn kernel_type(op_type: &str) -> &str {
    match op_type {
        "StatelessRandomUniform" => "StatelessRandomUniformV2",
        "StatelessRandomNormal" => "StatelessRandomNormalV2",
        "StatelessTruncatedNormal" => "StatelessTruncatedNormalV2",
        "StatelessRandomUniformInt" => "StatelessRandomUniformIntV2",
        other => other,
    }
}

/// Check a new op's inputs and attributes; its kind, dtype and static shape.
pub fn infer(
    op_type: &str,
    name: &str,
    ins: &[Arc<Node>],
    attrs: Attrs,
) -> Result<(OpKind, DType, Shape)> {
    let op_type = kernel_type(op_type);
    // An op type without an entry is built for graph structure only: the
    // Python builder has checked it against TF 1.15's op definitions and
    // gives its dtype and static shape; running it raises UnimplementedError.
    let Some(def) = registry::lookup(op_type) else {
        return structural::infer(op_type, name, ins, attrs);
    };
    let want_inputs = |n: usize| check_arity(op_type, name, ins, n);
    let dtype_attr = || {
        attrs
            .dtype
            .ok_or_else(|| Error::value(format!("{op_type} op '{name}' needs a dtype")))
    };
    use registry::Family;
    match def.family {
        Family::Array => {
            let op = array::ArrayOp::from_op_type(op_type)
                .ok_or_else(|| Error::value(format!("Op type not registered '{op_type}'")))?;
            return array::infer(op, op_type, name, ins, &attrs.ints);
        }
        Family::Structural => return structural::infer(op_type, name, ins, attrs),
        Family::Binary => {
            let op = BinaryOp::from_op_type(op_type)
                .ok_or_else(|| Error::value(format!("Op type not registered '{op_type}'")))?;
            want_inputs(2)?;
            return math::infer_binary(op_type, name, op, &ins[0], &ins[1]);
        }
        Family::Random | Family::Sampling | Family::Stateless => {
            return random::infer(op_type, name, ins, attrs)
        }
        Family::Core => {}
    }
    match op_type {
        "Const" if attrs.value.is_none() && attrs.dtype == Some(DType::String) => {
            // String constants (Assert messages) are kept for structure only.
            Ok((
                OpKind::Struct(structural::StructOp::BuildOnly),
                DType::String,
                attrs.shape,
            ))
        }
        "Const" => {
            let v = attrs
                .value
                .ok_or_else(|| Error::value("Const needs a value"))?;
            let shape = Some(v.shape().iter().map(|&d| d as i64).collect());
            Ok((OpKind::Const(v.clone()), v.dtype(), shape))
        }
        "Placeholder" => Ok((OpKind::Placeholder, dtype_attr()?, attrs.shape)),
        "VariableV2" => Ok((OpKind::Variable, dtype_attr()?, attrs.shape)),
        "Assign" => {
            want_inputs(2)?;
            if !matches!(ins[0].kind, OpKind::Variable) {
                return Err(Error::type_error(
                    "Assign needs a variable as its first input",
                ));
            }
            math::same_dtype(op_type, &ins[0], &ins[1])?;
            Ok((OpKind::Assign, ins[0].dtype, ins[1].shape.clone()))
        }
        "NoOp" => Ok((OpKind::NoOp, DType::Float32, Some(vec![]))),
        "Neg" => {
            want_inputs(1)?;
            math::check_numeric(op_type, &ins[0])?;
            Ok((OpKind::Neg, ins[0].dtype, ins[0].shape.clone()))
        }
        "Identity" => {
            want_inputs(1)?;
            Ok((OpKind::Identity, ins[0].dtype, ins[0].shape.clone()))
        }
        "Cast" => {
            want_inputs(1)?;
            let to = dtype_attr()?;
            if !to.is_supported() {
                return Err(crate::value::unsupported(to));
            }
            Ok((OpKind::Cast, to, ins[0].shape.clone()))
        }
        "Shape" => {
            want_inputs(1)?;
            let rank = ins[0].shape.as_ref().map_or(-1, |s| s.len() as i64);
            // `out_type`: int32 unless the builder asks for int64.
            let out = match attrs.dtype {
                Some(DType::Int64) => DType::Int64,
                _ => DType::Int32,
            };
            Ok((OpKind::ShapeOf, out, Some(vec![rank])))
        }
        _ => Err(Error::value(format!("Op type not registered '{op_type}'"))),
    }
}

/// Run one op on its input values, its output shared: a variable read or an
/// Assign hands out the stored buffer itself, so initialising a variable
/// writes each value once (the initial value's buffer becomes the variable's).
pub fn compute_shared(
    node: &Node,
    mut owned: Vec<Arc<Value>>,
    ctx: &dyn RunContext,
) -> Result<Option<Arc<Value>>> {
    match node.kind {
        OpKind::Variable => ctx.read_variable(node).map(Some),
        OpKind::Assign => {
            let v = owned
                .pop()
                .ok_or_else(|| Error::internal("Assign without a value"))?;
            ctx.assign_variable(node, v.clone());
            Ok(Some(v))
        }
        _ => Ok(compute(node, owned, ctx)?.map(Arc::new)),
    }
}

/// Run one op on its input values.
pub fn compute(node: &Node, owned: Vec<Arc<Value>>, ctx: &dyn RunContext) -> Result<Option<Value>> {
    // Element-wise ops reuse an input's buffer when this op holds its only reference.
    match (&node.kind, owned.len()) {
        (OpKind::Binary(op), 2) => {
            let mut it = owned.into_iter();
            if let (Some(a), Some(b)) = (it.next(), it.next()) {
                return math::binary_shared(*op, a, b).map(Some);
            }
            return Err(Error::internal("binary op without two inputs"));
        }
        (OpKind::Neg, 1) => {
            return match owned.into_iter().next().map(Arc::try_unwrap) {
                Some(Ok(v)) => math::neg_owned(v),
                Some(Err(a)) => math::neg(&a),
                None => Err(Error::internal("Neg without an input")),
            }
            .map(Some);
        }
        _ => {}
    }
    let inputs: Vec<&Value> = owned.iter().map(|a| a.as_ref()).collect();
    let inputs = inputs.as_slice();
    Ok(Some(match &node.kind {
        OpKind::Const(v) => v.try_clone()?,
        OpKind::Placeholder => {
            return Err(Error::invalid_argument(format!(
                "You must feed a value for placeholder tensor '{}' with dtype {} and shape {}",
                node.name,
                node.dtype.name(),
                shape_string(&node.shape)
            )))
        }
        OpKind::Random(op) => random::compute(node, op, inputs, ctx)?,
        OpKind::Extra(op) => sampling::compute(node, op, inputs, ctx)?,
        OpKind::Struct(structural::StructOp::Reduce { op, keep_dims }) => {
            let (Some(x), Some(axes)) = (inputs.first(), inputs.get(1)) else {
                return Err(Error::internal("a reduction without its two inputs"));
            };
            reduce::reduce(*op, x, axes, *keep_dims, ctx.target(), ctx.threads())?
        }
        OpKind::Struct(structural::StructOp::Move(op)) => {
            movement::compute(*op, inputs, ctx.target())?
        }
        OpKind::Struct(op) => return structural::compute(*op, node, inputs),
        OpKind::Binary(op) => math::binary(*op, inputs[0], inputs[1])?,
        OpKind::Neg => math::neg(inputs[0])?,
        OpKind::Array(op) => array::compute(*op, node, inputs)?,
        OpKind::Cast => math::cast(inputs[0], node.dtype)?,
        OpKind::Identity => inputs[0].try_clone()?,
        OpKind::ShapeOf => {
            let shape = inputs[0].shape();
            match node.dtype {
                DType::Int64 => {
                    let dims: Vec<i64> = shape.iter().map(|&d| d as i64).collect();
                    Value::I64(crate::alloc::shaped(&[dims.len()], dims)?)
                }
                _ => {
                    let dims: Vec<i32> = shape.iter().map(|&d| d as i32).collect();
                    Value::I32(crate::alloc::shaped(&[dims.len()], dims)?)
                }
            }
        }
        OpKind::Variable => ctx.read_variable(node)?.try_clone()?,
        OpKind::Assign => {
            ctx.assign_variable(node, Arc::new(inputs[0].try_clone()?));
            inputs[0].try_clone()?
        }
        OpKind::NoOp => return Ok(None),
    }))
}

/// Output bytes from which Grappler's constant folding leaves an op alone
/// when its output is larger than its inputs (measured with TF 2.21: a
/// stateless float32 op of 25599 elements is folded, of 25600 is not).
const FOLD_MAX_BYTES: i64 = 100 * 1024;

fn static_bytes(dtype: DType, shape: &Shape) -> Option<i64> {
    let dims = shape.as_ref()?;
    let mut n: i64 = dtype.size_bytes() as i64;
    for &d in dims {
        if d < 0 {
            return None;
        }
        n = n.checked_mul(d)?;
    }
    Some(n)
}

/// Whether a new op's value is fixed when the graph is built and Grappler's
/// constant folding would evaluate it (a Const, or a deterministic op of such
/// values — stateless random ops included — whose output is not both larger
/// than its inputs and [`FOLD_MAX_BYTES`] or more). Folded ops are evaluated
/// as written, so Grappler's bit-changing rewrites do not apply to them.
pub fn folds(kind: &OpKind, ins: &[Arc<Node>], dtype: DType, shape: &Shape) -> bool {
    let deterministic = match kind {
        OpKind::Const(_) => return true,
        OpKind::Binary(_)
        | OpKind::Neg
        | OpKind::Cast
        | OpKind::Identity
        | OpKind::ShapeOf
        | OpKind::Array(_) => true,
        OpKind::Extra(e) => e.op_type.starts_with("Stateless"),
        OpKind::Struct(op) => !matches!(
            op,
            structural::StructOp::BuildOnly
                | structural::StructOp::PlaceholderWithDefault
                | structural::StructOp::Assert
        ),
        _ => false,
    };
    if !deterministic || ins.is_empty() || !ins.iter().all(|n| n.constant) {
        return false;
    }
    let inputs: Option<i64> = ins.iter().map(|n| static_bytes(n.dtype, &n.shape)).sum();
    match (static_bytes(dtype, shape), inputs) {
        (Some(out), Some(inp)) => out <= inp || out < FOLD_MAX_BYTES,
        _ => true,
    }
}

/// TF's rendering of a static shape in messages: `[2,?]`, `<unknown>`.
pub fn shape_string(shape: &Shape) -> String {
    match shape {
        None => "<unknown>".to_string(),
        Some(dims) => {
            let parts: Vec<String> = dims
                .iter()
                .map(|&d| {
                    if d < 0 {
                        "?".to_string()
                    } else {
                        d.to_string()
                    }
                })
                .collect();
            format!("[{}]", parts.join(","))
        }
    }
}

/// Build-time checks of the tier-2 ops.
pub fn extra_infer(
    op_type: &str,
    name: &str,
    ins: &[Arc<Node>],
    attrs: Attrs,
) -> Result<(OpKind, DType, Shape)> {
    sampling::infer(op_type, name, ins, attrs)
}
