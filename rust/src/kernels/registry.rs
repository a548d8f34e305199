//! The op registry: every op type philoxflow builds, declared once, as TF's
//! `REGISTER_OP` declares it apart from its kernels: the family whose module
//! checks the op's inputs and attributes (and computes it), whether it keeps a
//! per-session random stream, and whether it has a kernel here at all. Ops TF
//! 1.x model code builds only for graph structure are entries without a kernel.
//!
//! `kernels::infer` dispatches through it; `_core.registered_ops()` shows it to
//! Python, whose tests check every op TF 1.15 builds in the reference graphs.

/// Which kernel module an op belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    /// Const, Placeholder, variables, NoOp, Neg, Identity, Cast, Shape (`kernels/mod.rs`).
    Core,
    /// Constants, sequences, slicing, broadcasting (`array.rs`).
    Array,
    /// Element-wise arithmetic with Grappler's rewrites (`math.rs`).
    Binary,
    /// RandomUniform, RandomUniformInt, RandomStandardNormal, TruncatedNormal (`random.rs`).
    Random,
    /// Shuffle, multinomial, gamma, Poisson (`sampling.rs` and their files).
    Sampling,
    /// Stateless ops keyed by a seed tensor (`stateless.rs`, `stateless_extra.rs`).
    Stateless,
    /// TF 1.x model-code ops (`structural.rs`): a few compute, most do not.
    Structural,
}

/// One registered op type.
#[derive(Clone, Copy, Debug)]
pub struct OpDef {
    pub name: &'static str,
    pub family: Family,
    /// Keeps a per-session Philox stream (reserves samples every run).
    pub stateful: bool,
    /// Has a kernel: running an op without one raises `UnimplementedError`.
    pub kernel: bool,
}

const fn op(name: &'static str, family: Family) -> OpDef {
    OpDef {
        name,
        family,
        stateful: false,
        kernel: true,
    }
}

const fn random(name: &'static str, family: Family) -> OpDef {
    OpDef {
        name,
        family,
        stateful: true,
        kernel: true,
    }
}

const fn structure(name: &'static str) -> OpDef {
    OpDef {
        name,
        family: Family::Structural,
        stateful: false,
        kernel: false,
    }
}

use Family::*;

/// Every op type, once.
pub static OPS: &[OpDef] = &[
    op("Const", Core),
    op("Placeholder", Core),
    op("VariableV2", Core),
    op("Assign", Core),
    op("NoOp", Core),
    op("Neg", Core),
    op("Identity", Core),
    op("Cast", Core),
    op("Shape", Core),
    op("Fill", Array),
    op("ZerosLike", Array),
    op("OnesLike", Array),
    op("LinSpace", Array),
    op("MatrixDiagV3", Array),
    op("MatrixSetDiagV3", Array),
    op("Range", Array),
    op("Slice", Array),
    op("BroadcastTo", Array),
    op("Add", Binary),
    op("AddV2", Binary),
    op("Sub", Binary),
    op("Mul", Binary),
    op("RealDiv", Binary),
    op("FloorDiv", Binary),
    op("FloorMod", Binary),
    op("Maximum", Binary),
    op("Minimum", Binary),
    random("RandomUniform", Random),
    random("RandomUniformInt", Random),
    random("RandomStandardNormal", Random),
    random("TruncatedNormal", Random),
    random("RandomShuffle", Sampling),
    random("Multinomial", Sampling),
    random("RandomGamma", Sampling),
    random("RandomPoissonV2", Sampling),
    op("StatelessRandomUniformV2", Stateless),
    op("StatelessRandomNormalV2", Stateless),
    op("StatelessTruncatedNormalV2", Stateless),
    op("StatelessRandomUniformIntV2", Stateless),
    op("StatelessRandomUniformFullIntV2", Stateless),
    op("StatelessMultinomial", Stateless),
    op("StatelessRandomGammaV3", Stateless),
    op("StatelessRandomPoisson", Stateless),
    // TF 1.x's stateless op types: TF 2.x's kernels (see `kernels::kernel_type`).
    op("StatelessRandomUniform", Stateless),
    op("StatelessRandomNormal", Stateless),
    op("StatelessTruncatedNormal", Stateless),
    op("StatelessRandomUniformInt", Stateless),
    op("Greater", Structural),
    op("GreaterEqual", Structural),
    op("Less", Structural),
    op("LessEqual", Structural),
    op("Pack", Structural),
    op("StridedSlice", Structural),
    op("Reshape", Structural),
    op("PlaceholderWithDefault", Structural),
    op("Square", Structural),
    op("Floor", Structural),
    op("All", Structural),
    op("Assert", Structural),
    op("SelectV2", Structural),
    // The wider dtypes' kernels (`dtype_ops.rs`, `strings.rs`).
    op("Complex", Structural),
    op("Real", Structural),
    op("Imag", Structural),
    op("Conj", Structural),
    op("ComplexAbs", Structural),
    op("Angle", Structural),
    op("LogicalNot", Structural),
    op("LogicalOr", Structural),
    op("Any", Structural),
    op("StringLength", Structural),
    op("AsString", Structural),
    op("StringJoin", Structural),
    // Data movement (`movement.rs`) and reductions (`reduce.rs`).
    op("ConcatV2", Structural),
    op("ExpandDims", Structural),
    op("ReverseV2", Structural),
    op("Tile", Structural),
    op("Transpose", Structural),
    op("Max", Structural),
    op("Mean", Structural),
    op("Min", Structural),
    op("Prod", Structural),
    op("Sum", Structural),
    structure("Abs"),
    structure("AddN"),
    structure("ArgMax"),
    structure("ArgMin"),
    structure("AssignAdd"),
    structure("AssignSub"),
    structure("AssignVariableOp"),
    structure("Atan2"),
    structure("AvgPool"),
    structure("AvgPool3D"),
    structure("BatchMatMul"),
    structure("BatchMatMulV2"),
    structure("BatchToSpaceND"),
    structure("BiasAdd"),
    structure("BroadcastArgs"),
    structure("Ceil"),
    structure("ClipByValue"),
    structure("Conv2D"),
    structure("Conv2DBackpropFilter"),
    structure("Conv2DBackpropInput"),
    structure("Conv3D"),
    structure("Conv3DBackpropInputV2"),
    structure("Cos"),
    structure("Cumprod"),
    structure("Cumsum"),
    structure("DepthToSpace"),
    structure("DepthwiseConv2dNative"),
    structure("DivNoNan"),
    structure("Einsum"),
    structure("Elu"),
    structure("Enter"),
    structure("Equal"),
    structure("Erf"),
    structure("Exit"),
    structure("Exp"),
    structure("Expm1"),
    structure("FusedBatchNorm"),
    structure("FusedBatchNormV3"),
    structure("GatherV2"),
    structure("InTopKV2"),
    structure("IsFinite"),
    structure("IsVariableInitialized"),
    structure("L2Loss"),
    structure("LeakyRelu"),
    structure("Log"),
    structure("Log1p"),
    structure("LogSoftmax"),
    structure("LogicalAnd"),
    structure("MatMul"),
    structure("MatrixBandPart"),
    structure("MaxPool"),
    structure("MaxPool3D"),
    structure("Merge"),
    structure("MirrorPad"),
    structure("Mod"),
    structure("Moments"),
    structure("NotEqual"),
    structure("OneHot"),
    structure("Pad"),
    structure("PadV2"),
    structure("Pow"),
    structure("Rank"),
    structure("ReadVariableOp"),
    structure("Reciprocal"),
    structure("RefMerge"),
    structure("RefSwitch"),
    structure("Relu"),
    structure("Relu6"),
    structure("ResizeBilinear"),
    structure("ResizeNearestNeighbor"),
    structure("ResourceGather"),
    structure("Round"),
    structure("Rsqrt"),
    structure("Select"),
    structure("Selu"),
    structure("Sigmoid"),
    structure("Sign"),
    structure("Sin"),
    structure("Size"),
    structure("Softmax"),
    structure("SoftmaxCrossEntropyWithLogits"),
    structure("Softplus"),
    structure("Softsign"),
    structure("SpaceToBatchND"),
    structure("SpaceToDepth"),
    structure("SparseSoftmaxCrossEntropyWithLogits"),
    structure("SparseToDense"),
    structure("Split"),
    structure("SplitV"),
    structure("Sqrt"),
    structure("SquaredDifference"),
    structure("Squeeze"),
    structure("StopGradient"),
    structure("Switch"),
    structure("Tanh"),
    structure("TopKV2"),
    structure("Unique"),
    structure("Unpack"),
    structure("VarHandleOp"),
    structure("VarIsInitializedOp"),
    structure("Where"),
];

/// The registered op of this type, if any.
pub fn lookup(op_type: &str) -> Option<&'static OpDef> {
    OPS.iter().find(|d| d.name == op_type)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_op_is_declared_once() {
        let mut seen = HashSet::new();
        for d in OPS {
            assert!(seen.insert(d.name), "{} declared twice", d.name);
        }
    }

    #[test]
    fn families_know_their_ops() {
        for d in OPS {
            match d.family {
                Family::Array => {
                    assert!(super::super::array::ArrayOp::from_op_type(d.name).is_some())
                }
                Family::Binary => {
                    assert!(crate::graph::BinaryOp::from_op_type(d.name).is_some())
                }
                _ => {}
            }
        }
        assert!(lookup("MatMul").is_some_and(|d| !d.kernel));
        assert!(lookup("RandomUniform").is_some_and(|d| d.stateful));
        assert!(lookup("NoSuchOp").is_none());
    }
}
