//! The runtime representation of an op, apart from graphs and sessions: an
//! [`OpDef`] per registered op type (its shape function and properties, as
//! TF's `REGISTER_OP`), and what a built op resolved — [`Built`]: dtype,
//! static shape, typed attributes and, where it computes, its [`Kernel`].
//!
//! Kernels see their input values and [`KernelArgs`] (name, dtype, shape,
//! attributes), never graph nodes, so they run the same in a session or
//! eagerly. The table of op types is `kernels::registry`.

use crate::dtype::DType;
use crate::error::Result;
use crate::philox::PhiloxRandom;
use crate::value::Value;
use std::fmt;
use std::sync::Arc;

/// A static shape: `None` for unknown rank, `-1` for an unknown dimension.
pub type Shape = Option<Vec<i64>>;

/// Attributes of a new op, as the bindings collect them.
#[derive(Clone, Debug, Default)]
pub struct Attrs {
    pub dtype: Option<DType>,
    pub seeds: Option<(i64, i64)>,
    pub value: Option<Value>,
    pub shape: Shape,
    pub ints: Vec<i64>,
}

/// The stateful random ops of `random_op.cc`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RandomKind {
    Uniform,
    UniformInt,
    Normal,
    TruncatedNormal,
}

/// Element-wise binary kernels, Grappler's rewrites included.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinaryOp {
    Add,
    Sub,
    Mul,
    RealDiv,
    /// `RealDiv(x, y)` with a constant `y` and a non-constant `x`: Grappler's
    /// constant folding rewrites it to `Mul(x, Reciprocal(y))`, with the
    /// reciprocal rounded in the dtype — which changes the result's bits.
    MulReciprocal,
    /// `Add(x, 0)` / `Add(0, y)` where the other operand has the output's
    /// shape: Grappler replaces the op by that operand (keeping a `-0.0`
    /// that the addition would turn into `+0.0`).
    FirstOperand,
    SecondOperand,
    /// `Sub(0, y)` with `y` of the output's shape: Grappler's `Neg(y)` (so
    /// `0 - 0.0` is `-0.0`).
    NegSecond,
    FloorDiv,
    FloorMod,
    Maximum,
    Minimum,
    /// TF 1.15's float `Maximum`/`Minimum` (its Eigen: `std::max`/`std::min`
    /// in the packet loop and the scalar tail alike): the first operand on
    /// ties and wherever a NaN makes the comparison false.
    MaximumFirst,
    MinimumFirst,
    /// TF 1.15's Grappler: `x * 0` (a Const of zeros) is zeros of the output's
    /// shape when that shape is known and `x` is neither constant nor fed
    /// (so `+0.0` where the product would give `-0.0` or NaN).
    Zeros,
}

/// What the layers above kernels (sessions, fusion, dask blocks, attribute
/// readers) need to know of an op type beyond its kernel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    /// Nothing special.
    Plain,
    Const,
    /// Must be fed.
    Placeholder,
    /// Reads its value from the session's storage (TF's `VariableV2`).
    Variable,
    /// `Assign(variable, value)`: stores `value` in the session, outputs it.
    Assign,
    NoOp,
    /// A stateful op of `random_op.cc`.
    Random(RandomKind),
    /// Another stateful random op (shuffle, multinomial, gamma, Poisson).
    Sampling,
    /// An element-wise binary op (its kernel after Grappler: [`Built::binary`]).
    Binary,
    Neg,
    Cast,
    Identity,
    /// TF's `Shape`.
    ShapeOf,
    /// TF's `Fill`: Grappler folds a constant one into a Const.
    Fill,
    /// Stateless random ops keyed by a seed tensor.
    Stateless,
}

/// Which inputs an op reads the values of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reads {
    All,
    /// Assign: its first input is the variable it writes, not a value.
    AllButFirst,
    /// Assert: only the condition; its data are for the message.
    FirstOnly,
}

/// What an op's shape function sees of one input.
#[derive(Clone, Debug)]
pub struct Input<'a> {
    /// The op producing it (for messages).
    pub name: &'a str,
    pub def: &'static OpDef,
    pub dtype: DType,
    pub shape: Shape,
    /// Whether its value is fixed while building (see `kernels::folds`).
    pub constant: bool,
    /// A Const's value.
    pub value: Option<&'a Value>,
    /// Whether a Placeholder is among its ancestors (see `graph::Node::fed`).
    pub fed: bool,
}

/// A new op as its shape function sees it.
pub struct InferCtx<'a> {
    pub op_type: &'a str,
    pub name: &'a str,
    pub ins: &'a [Input<'a>],
    pub attrs: Attrs,
    /// The graph's TF, for kernels whose bits differ between the two.
    pub target: Target,
}

/// What a kernel sees of the op it runs.
pub struct KernelArgs<'a> {
    pub name: &'a str,
    pub op_type: &'a str,
    pub dtype: DType,
    pub shape: &'a Shape,
    pub attrs: &'a NodeAttrs,
    /// Whether Grappler folds the op (some TF kernels then shard differently).
    pub constant: bool,
    /// Identifies the op's per-session random stream.
    pub stream: usize,
}

/// What a kernel may ask of the session running it.
pub trait RunContext {
    /// Reserve `count` 128-bit samples of the per-session generator of
    /// `stream` and return its state before the reservation (TF's
    /// `ReserveSamples128`).
    fn reserve(&self, stream: usize, seed: i64, seed2: i64, count: u64) -> PhiloxRandom;
    /// Threads of the session's intra-op pool (some TF kernels shard by it).
    fn threads(&self) -> usize;
    /// Which TF's kernels to reproduce where their bits differ (reductions).
    fn target(&self) -> Target;
}

/// Which TensorFlow a run reproduces, where the two kernels' bits differ
/// (Eigen's reduction loops, some error words): the graph's target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// TF 1.15.5's pip wheel (AVX).
    Tf1,
    /// TF 2.21's pip wheel.
    Tf2,
}

impl Target {
    /// The TF whose op-seed rule a graph follows (TF 1.x: the last op id).
    pub fn of(rule: crate::seed::SeedRule) -> Target {
        match rule {
            crate::seed::SeedRule::LastId => Target::Tf1,
            crate::seed::SeedRule::Counter => Target::Tf2,
        }
    }
}

type KernelFn =
    dyn Fn(&KernelArgs, Vec<Arc<Value>>, &dyn RunContext) -> Result<Option<Value>> + Send + Sync;

/// A built op's computation, its resolved attributes captured. Inputs come
/// owned, so element-wise kernels can reuse a buffer nothing else holds.
#[derive(Clone)]
pub struct Kernel(Arc<KernelFn>);

impl Kernel {
    /// A kernel of owned inputs.
    pub fn owned(
        f: impl Fn(&KernelArgs, Vec<Arc<Value>>, &dyn RunContext) -> Result<Option<Value>>
            + Send
            + Sync
            + 'static,
    ) -> Kernel {
        Kernel(Arc::new(f))
    }

    /// A kernel of borrowed input values.
    pub fn values(
        f: impl Fn(&KernelArgs, &[&Value], &dyn RunContext) -> Result<Option<Value>>
            + Send
            + Sync
            + 'static,
    ) -> Kernel {
        Kernel::owned(move |args, owned, ctx| {
            let inputs: Vec<&Value> = owned.iter().map(|a| a.as_ref()).collect();
            f(args, &inputs, ctx)
        })
    }

    /// A kernel of borrowed input values that always has an output.
    pub fn simple(
        f: impl Fn(&KernelArgs, &[&Value]) -> Result<Value> + Send + Sync + 'static,
    ) -> Kernel {
        Kernel::values(move |args, inputs, _| f(args, inputs).map(Some))
    }

    pub fn run(
        &self,
        args: &KernelArgs,
        inputs: Vec<Arc<Value>>,
        ctx: &dyn RunContext,
    ) -> Result<Option<Value>> {
        (self.0)(args, inputs, ctx)
    }
}

impl fmt::Debug for Kernel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Kernel")
    }
}

/// A built op's typed attributes, resolved by its shape function.
#[derive(Clone, Debug, Default)]
pub struct NodeAttrs {
    /// A Const's value.
    pub value: Option<Value>,
    /// `(seed, seed2)` of random ops.
    pub seeds: (i64, i64),
    /// An element-wise binary op's kernel, after Grappler's rewrites.
    pub binary: Option<BinaryOp>,
    /// What it computes; `None`: built for graph structure only (running it
    /// raises `UnimplementedError`).
    pub kernel: Option<Kernel>,
}

/// What a shape function gives for a new op.
#[derive(Debug)]
pub struct Built {
    pub dtype: DType,
    pub shape: Shape,
    pub attrs: NodeAttrs,
}

impl Built {
    pub fn new(dtype: DType, shape: Shape) -> Built {
        Built {
            dtype,
            shape,
            attrs: NodeAttrs::default(),
        }
    }

    pub fn kernel(mut self, kernel: Kernel) -> Built {
        self.attrs.kernel = Some(kernel);
        self
    }

    pub fn seeds(mut self, seeds: Option<(i64, i64)>) -> Built {
        self.attrs.seeds = seeds.unwrap_or((0, 0));
        self
    }
}

/// Blocks one run of a stateful op reserves, from its output's dims and its
/// `shape` input's dims (`None` when a needed size is unknown).
pub type ReservesFn = fn(&[usize], Option<&[usize]>) -> Option<u64>;

/// An output computed from its first input's dims alone (`Shape`, `Size`,
/// `ZerosLike`): what a session runs when that input has no value.
pub type FromDimsFn = fn(DType, &[usize]) -> Result<Value>;

/// One registered op type.
pub struct OpDef {
    pub name: &'static str,
    /// The shape function: checks inputs and attributes, resolves the node.
    pub infer: fn(InferCtx) -> Result<Built>,
    pub class: Class,
    /// Keeps a per-session Philox stream (reserves samples every run).
    pub stateful: bool,
    /// Deterministic: with constant inputs Grappler's constant folding
    /// evaluates it while building.
    pub foldable: bool,
    /// Declared with a kernel (what Python's evaluator leaves to Rust);
    /// running an op without one raises `UnimplementedError`.
    pub has_kernel: bool,
    pub reads: Reads,
    pub reserves: Option<ReservesFn>,
    pub from_dims: Option<FromDimsFn>,
}

impl fmt::Debug for OpDef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "OpDef({})", self.name)
    }
}

impl OpDef {
    /// Which of `inputs` the op reads the values of.
    pub fn value_inputs<'a, T>(&self, inputs: &'a [T]) -> &'a [T] {
        match self.reads {
            Reads::All => inputs,
            Reads::AllButFirst => inputs.get(1..).unwrap_or(&[]),
            Reads::FirstOnly => &inputs[..inputs.len().min(1)],
        }
    }
}
