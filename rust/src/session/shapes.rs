//! Shapes computed through ops without kernels, at run time.
//!
//! An op without a kernel (and any op fed by one) yields a value-less output
//! whose shape is known: from its static shape when that is fully known, else
//! from the op's shape function (TF 1.15's, registered by the Python layer)
//! applied to the run's actual input shapes. `Shape`, `Size`, `Rank`,
//! `ZerosLike` and `OnesLike` read only their input's shape, so they — and
//! everything computed from them — run. Any other use of a value-less output
//! raises `UnimplementedError` naming the op without a kernel it came from.

use crate::dtype::DType;
use crate::error::{Error, ErrorKind, Result};
use crate::graph::Node;
use crate::op::Class;
use crate::value::Value;
use std::sync::{Arc, OnceLock};

/// A value-less output: its dtype, its shape this run, and the op without a
/// kernel it depends on (named when its value is asked for).
#[derive(Debug)]
pub struct ShapeOnly {
    pub dtype: DType,
    pub dims: Vec<usize>,
    pub origin: Arc<str>,
    pub origin_type: Arc<str>,
}

impl ShapeOnly {
    pub fn unimplemented(&self) -> Error {
        Error::unimplemented(format!(
            "philoxflow builds {} ops for graph structure but has no kernel for them \
             (op '{}')",
            self.origin_type, self.origin
        ))
    }
}

/// What a run holds for an op's output.
#[derive(Clone, Debug)]
pub enum Slot {
    Value(Arc<Value>),
    Shape(Arc<ShapeOnly>),
}

impl Slot {
    pub fn dims(&self) -> &[usize] {
        match self {
            Slot::Value(v) => v.shape(),
            Slot::Shape(s) => &s.dims,
        }
    }
}

/// An input of a shape function at run time: its shape, and its value where
/// it has one (small values only: shape functions read shape and axis inputs).
pub struct RuntimeInput<'a> {
    pub dims: &'a [usize],
    pub value: Option<&'a Value>,
}

/// What the run-time shape function gives: the output's dims, or — for the
/// integer shape arithmetic of ops without kernels (Gather, Prod, ConcatV2 of
/// shape vectors), whose inputs all have values — the output's value.
pub enum Computed {
    Dims(Vec<usize>),
    Value(Value),
}

/// A shape function for run time: `(graph id, node, inputs)` to the output's
/// dims or value. Registered once by the bindings (TF's shape functions live
/// in Python).
pub type ShapeFn = dyn Fn(u64, &Node, &[RuntimeInput<'_>]) -> Result<Computed> + Send + Sync;

static SHAPE_FN: OnceLock<Box<ShapeFn>> = OnceLock::new();

/// Install the run-time shape function (first call wins).
pub fn set_shape_fn(f: Box<ShapeFn>) {
    let _ = SHAPE_FN.set(f);
}

/// Largest input passed to a shape function with its value.
const MAX_VALUE_LEN: usize = 1 << 12;

/// Whether `node` computes a value from its inputs' values.
pub fn has_kernel(node: &Node) -> bool {
    node.attrs.kernel.is_some()
}

/// The output of `node` whose inputs include value-less ones, or which has
/// no kernel: a value for the shape readers, else a value-less output.
pub fn compute(graph_id: u64, node: &Node, inputs: &[Slot]) -> Result<Slot> {
    let first = || {
        inputs
            .first()
            .ok_or_else(|| Error::internal(format!("'{}' has no input", node.name)))
    };
    // Ops whose output is a function of their input's dims (Shape, Size, ZerosLike).
    let value = match node.def.from_dims {
        Some(f) => Some(f(node.dtype, first()?.dims())?),
        None => None,
    };
    if let Some(v) = value {
        return Ok(Slot::Value(Arc::new(v)));
    }
    let origin = inputs.iter().find_map(|s| match s {
        Slot::Shape(s) => Some(s.clone()),
        Slot::Value(_) => None,
    });
    // Ops that reserve random samples or write state need their inputs' values.
    if let Some(o) = &origin {
        if node.is_stateful_random() || node.def.class == Class::Assign {
            return Err(o.unimplemented());
        }
    }
    let (origin, origin_type): (Arc<str>, Arc<str>) = match &origin {
        Some(o) => (o.origin.clone(), o.origin_type.clone()),
        None => (node.name.as_str().into(), node.op_type.as_str().into()),
    };
    let unimplemented = || {
        ShapeOnly {
            dtype: node.dtype,
            dims: vec![],
            origin: origin.clone(),
            origin_type: origin_type.clone(),
        }
        .unimplemented()
    };
    let ins: Vec<RuntimeInput> = inputs
        .iter()
        .map(|s| RuntimeInput {
            dims: s.dims(),
            value: match s {
                Slot::Value(v) if v.len() <= MAX_VALUE_LEN => Some(v.as_ref()),
                _ => None,
            },
        })
        .collect();
    let static_dims = node
        .shape
        .as_ref()
        .filter(|s| s.iter().all(|&d| d >= 0))
        .map(|s| s.iter().map(|&d| d as usize).collect::<Vec<_>>());
    let small_int = matches!(node.dtype, DType::Int32 | DType::Int64 | DType::Bool)
        && static_dims
            .as_ref()
            .is_none_or(|d| d.iter().product::<usize>() <= MAX_VALUE_LEN);
    let all_values = ins.iter().all(|i| i.value.is_some());
    let dims = match (static_dims, SHAPE_FN.get()) {
        (Some(d), _) if !(small_int && all_values) => d,
        (static_dims, Some(f)) => match f(graph_id, node, &ins) {
            Ok(Computed::Value(v)) if v.dtype() == node.dtype => {
                return Ok(Slot::Value(Arc::new(v)))
            }
            Ok(Computed::Dims(d)) => d,
            Ok(Computed::Value(_)) => return Err(unimplemented()),
            Err(e) if e.kind == ErrorKind::Unimplemented => {
                static_dims.ok_or_else(unimplemented)?
            }
            Err(e) => return Err(e),
        },
        (Some(d), None) => d,
        (None, None) => return Err(unimplemented()),
    };
    Ok(Slot::Shape(Arc::new(ShapeOnly {
        dtype: node.dtype,
        dims,
        origin,
        origin_type,
    })))
}
