//! Blocks of a random tensor computed on their own (philoxflow.dask's tasks).
//!
//! A task gets a small program of [`Step`]s: blocks of random ops' outputs
//! (from the generator state of the run they stand for), constant blocks,
//! and the element-wise kernels of [`super::math`] on them, with Grappler's
//! rewrites already resolved in the graph. It runs the kernels a session
//! runs, in place where the session works in place, so a block has the bits
//! of the same part of `Session.run`'s output. `Session::reserve_run` takes a
//! session's next run of an op without running it.

use super::math;
use super::stateless::{FullInt32, FullInt64};
use crate::alloc::{num_elements, try_for_overwrite, Zeroed};
use crate::bufpool::AnyBits;
use crate::distributions::fill::*;
use crate::distributions::slice::{block_dist_range, block_fits, for_each_run, sample_dist_range};
use crate::distributions::IntRange;
use crate::dtype::DType;
use crate::error::{Error, Result};
use crate::op::BinaryOp;
use crate::philox::PhiloxRandom;
use crate::value::Value;
use ndarray::{ArrayD, IxDyn};
use std::sync::Arc;

/// A distribution of TF's random kernels, by what a task computes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dist {
    Uniform,
    /// `[lo, hi)` integers (RandomUniformInt, StatelessRandomUniformIntV2).
    UniformInt {
        lo: i64,
        hi: i64,
    },
    Normal,
    TruncatedNormal,
    /// Every bit pattern (StatelessRandomUniformFullIntV2).
    FullInt,
}

/// The block (`offset`, `shape`) of a random op's output of shape `full`.
#[derive(Clone, Debug)]
pub struct RandomBlock {
    pub dist: Dist,
    pub dtype: DType,
    /// The generator state the run starts from (after nothing is skipped).
    pub gen: PhiloxRandom,
    pub full: Vec<usize>,
    pub offset: Vec<usize>,
    pub shape: Vec<usize>,
}

impl RandomBlock {
    /// TF's run-time checks of the op (on the whole output), and the block's bounds.
    pub fn check(&self) -> Result<()> {
        if !block_fits(&self.full, &self.offset, &self.shape) {
            return Err(Error::invalid_argument(format!(
                "block at {:?} of shape {:?} is outside an output of shape {:?}",
                self.offset, self.shape, self.full
            )));
        }
        let n = num_elements(&self.full)?;
        let int = matches!(self.dtype, DType::Int32 | DType::Int64);
        let dtype_ok = match self.dist {
            Dist::UniformInt { .. } | Dist::FullInt => int,
            _ => self.dtype.is_floating(),
        };
        if !dtype_ok {
            return Err(Error::type_error(format!(
                "{:?} has no {} kernel",
                self.dist,
                self.dtype.name()
            )));
        }
        if let Dist::UniformInt { lo, hi } = self.dist {
            // As TF: checked only for a non-empty output.
            if n > 0 && lo >= hi {
                return Err(Error::invalid_argument(format!(
                    "Need minval < maxval, got {lo} >= {hi}"
                )));
            }
        }
        Ok(())
    }

    /// The block's values, on the calling thread.
    pub fn fill(&self) -> Result<Value> {
        self.check()?;
        let g = self.gen;
        Ok(match (self.dist, self.dtype) {
            (Dist::Uniform, DType::Float32) => {
                Value::F32(region(self, |s, o| block_dist_range(&UniformF32, g, s, o))?)
            }
            (Dist::Uniform, DType::Float64) => {
                Value::F64(region(self, |s, o| block_dist_range(&UniformF64, g, s, o))?)
            }
            (Dist::Uniform, DType::Float16) => {
                Value::F16(region(self, |s, o| block_dist_range(&UniformF16, g, s, o))?)
            }
            (Dist::Uniform, DType::BFloat16) => Value::BF16(region(self, |s, o| {
                block_dist_range(&UniformBF16, g, s, o)
            })?),
            (Dist::Normal, DType::Float32) => {
                Value::F32(region(self, |s, o| block_dist_range(&NormalF32, g, s, o))?)
            }
            (Dist::Normal, DType::Float64) => {
                Value::F64(region(self, |s, o| block_dist_range(&NormalF64, g, s, o))?)
            }
            (Dist::Normal, DType::Float16) => Value::F16(region(self, |s, o| {
                block_dist_range(&NormalNarrow(f32_to_f16), g, s, o)
            })?),
            (Dist::Normal, DType::BFloat16) => Value::BF16(region(self, |s, o| {
                block_dist_range(&NormalNarrow(f32_to_bf16), g, s, o)
            })?),
            (Dist::TruncatedNormal, DType::Float32) => Value::F32(region(self, |s, o| {
                sample_dist_range(&TruncatedNormal(f32_id), g, s, o)
            })?),
            (Dist::TruncatedNormal, DType::Float64) => Value::F64(region(self, |s, o| {
                sample_dist_range(&TruncatedNormalF64, g, s, o)
            })?),
            (Dist::TruncatedNormal, DType::Float16) => Value::F16(region(self, |s, o| {
                sample_dist_range(&TruncatedNormal(f32_to_f16), g, s, o)
            })?),
            (Dist::TruncatedNormal, DType::BFloat16) => Value::BF16(region(self, |s, o| {
                sample_dist_range(&TruncatedNormal(f32_to_bf16), g, s, o)
            })?),
            (Dist::UniformInt { lo, hi }, DType::Int32) => {
                let d = UniformI32(IntRange::<i32>::new(lo as i32, hi as i32));
                Value::I32(region(self, |s, o| block_dist_range(&d, g, s, o))?)
            }
            (Dist::UniformInt { lo, hi }, DType::Int64) => {
                let d = UniformI64(IntRange::<i64>::new(lo, hi));
                Value::I64(region(self, |s, o| block_dist_range(&d, g, s, o))?)
            }
            (Dist::FullInt, DType::Int32) => {
                Value::I32(region(self, |s, o| block_dist_range(&FullInt32, g, s, o))?)
            }
            (Dist::FullInt, DType::Int64) => {
                Value::I64(region(self, |s, o| block_dist_range(&FullInt64, g, s, o))?)
            }
            (dist, dtype) => {
                return Err(Error::type_error(format!(
                    "{dist:?} has no {} kernel",
                    dtype.name()
                )))
            }
        })
    }
}

/// A new array of the block's shape, filled run by run by `fill(flat_start, run)`.
/// The runs tile the block and each fill writes its whole run, so the buffer
/// may come from the output cache (a chunk NumPy freed, e.g. on a Dask worker).
fn region<T: Zeroed + AnyBits>(
    b: &RandomBlock,
    fill: impl Fn(usize, &mut [T]),
) -> Result<ArrayD<T>> {
    let n = num_elements(&b.shape)?;
    let mut out: Vec<T> = try_for_overwrite(n, &b.shape)?;
    for_each_run(&b.full, &b.offset, &b.shape, |start, pos, len| {
        fill(start, &mut out[pos..pos + len])
    });
    crate::alloc::shaped(&b.shape, out)
}

/// One step of a block program; inputs are earlier steps' indices.
#[derive(Clone, Debug)]
pub enum Step {
    Random(RandomBlock),
    /// A constant's block (broadcastable to its consumers).
    Value(Value),
    Binary(BinaryOp, usize, usize),
    Neg(usize),
    Cast(DType, usize),
}

impl Step {
    fn inputs(&self) -> Vec<usize> {
        match *self {
            Step::Random(_) | Step::Value(_) => vec![],
            Step::Binary(_, a, b) => vec![a, b],
            Step::Neg(a) | Step::Cast(_, a) => vec![a],
        }
    }
}

/// Run a block program; the last step's value, broadcast to `shape` (a
/// constant output's block may come as a smaller broadcastable array).
/// A value is handed to its last consumer by ownership, so the arithmetic
/// runs in place as in a session.
pub fn eval(steps: Vec<Step>, shape: &[usize]) -> Result<Value> {
    if steps.is_empty() {
        return Err(Error::invalid_argument("a block program needs a step"));
    }
    let mut uses = vec![0usize; steps.len()];
    for (i, step) in steps.iter().enumerate() {
        for j in step.inputs() {
            if j >= i {
                return Err(Error::invalid_argument(format!(
                    "step {i} reads step {j}, which is not before it"
                )));
            }
            uses[j] += 1;
        }
    }
    let last = steps.len() - 1;
    uses[last] += 1;
    let mut values: Vec<Option<Arc<Value>>> = vec![None; steps.len()];
    let mut take = |values: &mut Vec<Option<Arc<Value>>>, j: usize| {
        uses[j] -= 1;
        let v = if uses[j] == 0 {
            values[j].take()
        } else {
            values[j].clone()
        };
        v.ok_or_else(|| Error::internal(format!("block step {j} has no value")))
    };
    for (i, step) in steps.into_iter().enumerate() {
        let v = match step {
            Step::Random(b) => b.fill()?,
            Step::Value(v) => v,
            Step::Binary(op, a, b) => {
                let (a, b) = (take(&mut values, a)?, take(&mut values, b)?);
                math::binary_shared(op, a, b)?
            }
            Step::Neg(a) => match Arc::try_unwrap(take(&mut values, a)?) {
                Ok(v) => math::neg_owned(v)?,
                Err(shared) => math::neg(&shared)?,
            },
            Step::Cast(dtype, a) => math::cast(take(&mut values, a)?.as_ref(), dtype)?,
        };
        values[i] = Some(Arc::new(v));
    }
    let root = take(&mut values, last)?;
    let root = Arc::try_unwrap(root).unwrap_or_else(|shared| (*shared).clone());
    if root.shape() == shape {
        return Ok(root);
    }
    let from = root.shape().to_vec();
    let not_broadcastable = || {
        Error::invalid_argument(format!(
            "a block of shape {from:?} does not broadcast to {shape:?}"
        ))
    };
    Ok(crate::map_array!(root, a => a
        .broadcast(IxDyn(shape))
        .ok_or_else(not_broadcastable)?
        .to_owned()))
}

/// The element-wise kernels by name: the graph's op after Grappler's
/// rewrites (`MulReciprocal` for a division by a constant, ...).
const KERNELS: [(BinaryOp, &str); 15] = [
    (BinaryOp::Add, "Add"),
    (BinaryOp::Sub, "Sub"),
    (BinaryOp::Mul, "Mul"),
    (BinaryOp::RealDiv, "RealDiv"),
    (BinaryOp::MulReciprocal, "MulReciprocal"),
    (BinaryOp::FirstOperand, "FirstOperand"),
    (BinaryOp::SecondOperand, "SecondOperand"),
    (BinaryOp::NegSecond, "NegSecond"),
    (BinaryOp::FloorDiv, "FloorDiv"),
    (BinaryOp::FloorMod, "FloorMod"),
    (BinaryOp::Maximum, "Maximum"),
    (BinaryOp::Minimum, "Minimum"),
    (BinaryOp::MaximumFirst, "MaximumFirst"),
    (BinaryOp::MinimumFirst, "MinimumFirst"),
    (BinaryOp::Zeros, "Zeros"),
];

pub fn kernel_name(op: BinaryOp) -> &'static str {
    KERNELS
        .iter()
        .find(|(o, _)| *o == op)
        .map(|(_, n)| *n)
        .unwrap_or("unknown")
}

pub fn kernel_from_name(name: &str) -> Result<BinaryOp> {
    KERNELS
        .iter()
        .find(|(_, n)| *n == name)
        .map(|(o, _)| *o)
        .ok_or_else(|| Error::invalid_argument(format!("no element-wise kernel named {name:?}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{Attrs, Graph};
    use crate::session::Session;
    use ndarray::arr1;

    fn f32s(v: &Value) -> Vec<u32> {
        match v {
            Value::F32(a) => a.iter().map(|x| x.to_bits()).collect(),
            other => panic!("not f32: {other:?}"),
        }
    }

    /// A graph `RandomStandardNormal([n]) * 2 + 1` and its op ids.
    fn normal_graph(n: i32) -> (Arc<Graph>, usize, usize) {
        let g = Arc::new(Graph::new());
        let konst = |name: &str, v: Value| g.test_const(name, v).id;
        let shape = konst("shape", Value::I32(arr1(&[n]).into_dyn()));
        let two = konst("two", Value::F32(ndarray::arr0(2.0f32).into_dyn()));
        let one = konst("one", Value::F32(ndarray::arr0(1.0f32).into_dyn()));
        let attrs = Attrs {
            dtype: Some(DType::Float32),
            seeds: Some((3, 4)),
            ..Default::default()
        };
        let rnd = g
            .add_op("RandomStandardNormal", "rnd", vec![shape], vec![], attrs)
            .unwrap()
            .id;
        let mul = g
            .add_op("Mul", "mul", vec![rnd, two], vec![], Attrs::default())
            .unwrap()
            .id;
        let add = g
            .add_op("AddV2", "add", vec![mul, one], vec![], Attrs::default())
            .unwrap()
            .id;
        (g, rnd, add)
    }

    fn program(gen: PhiloxRandom, n: usize, offset: usize, len: usize) -> Vec<Step> {
        vec![
            Step::Random(RandomBlock {
                dist: Dist::Normal,
                dtype: DType::Float32,
                gen,
                full: vec![n],
                offset: vec![offset],
                shape: vec![len],
            }),
            Step::Value(Value::F32(ndarray::arr0(2.0f32).into_dyn())),
            Step::Binary(BinaryOp::Mul, 0, 1),
            Step::Value(Value::F32(ndarray::arr0(1.0f32).into_dyn())),
            Step::Binary(BinaryOp::Add, 2, 3),
        ]
    }

    #[test]
    fn blocks_of_reserved_runs_equal_session_runs() {
        let n = 1001;
        let (g, rnd, add) = normal_graph(n as i32);
        let runner = Session::new(g.clone(), 1).unwrap();
        let reserver = Session::new(g, 1).unwrap();
        for _run in 0..3 {
            let want = f32s(
                runner.run(&[add], vec![], &[]).unwrap()[0]
                    .as_ref()
                    .unwrap(),
            );
            let gen = reserver.reserve_run(rnd, &[n]).unwrap();
            let mut got = Vec::new();
            for (s, e) in [(0, 1), (1, 6), (6, 517), (517, 1001)] {
                got.extend(f32s(&eval(program(gen, n, s, e - s), &[e - s]).unwrap()));
            }
            assert_eq!(got, want);
        }
    }

    #[test]
    fn bad_programs_and_ops_are_errors() {
        let gen = PhiloxRandom::new(1, 2);
        let err = eval(program(gen, 10, 8, 3), &[3]).unwrap_err();
        assert_eq!(err.kind, crate::error::ErrorKind::InvalidArgument);
        assert!(eval(vec![], &[]).is_err());
        assert!(eval(vec![Step::Neg(0)], &[]).is_err());
        let int = |lo, hi| RandomBlock {
            dist: Dist::UniformInt { lo, hi },
            dtype: DType::Int32,
            gen,
            full: vec![4],
            offset: vec![0],
            shape: vec![0],
        };
        assert_eq!(
            int(5, 5).check().unwrap_err().message,
            "Need minval < maxval, got 5 >= 5"
        );
        let mut empty = int(5, 5);
        empty.full = vec![0];
        assert!(empty.check().is_ok());
        let mut float_int = int(0, 5);
        float_int.dtype = DType::Float32;
        assert!(float_int.check().is_err());
        let (g, _, add) = normal_graph(3);
        let s = Session::new(g, 1).unwrap();
        assert_eq!(
            s.reserve_run(add, &[3]).unwrap_err().kind,
            crate::error::ErrorKind::Value
        );
        s.close();
        assert!(s.reserve_run(3, &[3]).is_err());
    }

    #[test]
    fn constant_roots_broadcast_to_the_block() {
        let v = Value::F32(ndarray::arr0(1.5f32).into_dyn());
        let got = eval(vec![Step::Value(v)], &[2, 3]).unwrap();
        assert_eq!(got.shape(), &[2, 3]);
        let v = Value::F32(arr1(&[1.0f32, 2.0]).into_dyn());
        assert!(eval(vec![Step::Value(v)], &[3]).is_err());
    }

    #[test]
    fn kernel_names_round_trip() {
        for (op, name) in KERNELS {
            assert_eq!(kernel_name(op), name);
            assert_eq!(kernel_from_name(name).unwrap(), op);
        }
        assert!(kernel_from_name("Pow").is_err());
    }
}
