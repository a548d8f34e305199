//! The op registry: every op type philoxflow builds, declared once, as TF's
//! `REGISTER_OP` declares it: its shape function (which also resolves the
//! node's attributes and kernel) and its properties. One line per op type;
//! nothing else dispatches on op type names. Ops TF 1.x model code builds
//! only for graph structure are entries without a kernel, and op types
//! without an entry are built as such too (the Python builder has checked
//! them against TF 1.15's op definitions).
//!
//! `_core.registered_ops()` shows the table to Python, whose tests check
//! every op TF 1.15 builds in the reference graphs.

use crate::kernels::array::{self, filled, ArrayOp};
use crate::kernels::basic::{self, rank_value, shape_value, size_value};
use crate::kernels::checks::infer_binary;
use crate::kernels::dtype_ops::{self, DtypeOp};
use crate::kernels::movement::Movement;
use crate::kernels::reduce::Reduction;
use crate::kernels::sampling::{self, Stateless};
use crate::kernels::stateless_extra::{self, Param};
use crate::kernels::strings::{self, StringKind};
use crate::kernels::structural::{self as st, Cmp, StructOp};
use crate::kernels::{gamma, multinomial, poisson, random, shuffle};
use crate::op::{BinaryOp, Class, OpDef, RandomKind, Reads, ReservesFn};
use std::collections::HashMap;
use std::sync::OnceLock;

type InferFn = fn(crate::op::InferCtx) -> crate::error::Result<crate::op::Built>;

/// A deterministic op with a kernel.
const fn op(name: &'static str, class: Class, infer: InferFn) -> OpDef {
    OpDef {
        name,
        infer,
        class,
        stateful: false,
        foldable: true,
        has_kernel: true,
        reads: Reads::All,
        reserves: None,
        from_dims: None,
    }
}

/// An op with effects or inputs Grappler does not fold through.
const fn effect(name: &'static str, class: Class, infer: InferFn) -> OpDef {
    OpDef {
        foldable: false,
        ..op(name, class, infer)
    }
}

/// A stateful random op: reserves `reserves` blocks of its stream per run.
const fn random(name: &'static str, class: Class, infer: InferFn, reserves: ReservesFn) -> OpDef {
    OpDef {
        stateful: true,
        reserves: Some(reserves),
        ..effect(name, class, infer)
    }
}

/// Built for graph structure only (the Python builder's dtype and shape).
const fn structure(name: &'static str) -> OpDef {
    OpDef {
        has_kernel: false,
        ..effect(name, Class::Plain, st::infer_structure)
    }
}

/// An op declared without a kernel that still computes for some inputs
/// (integer sums, bool logic: `dtype_ops.rs`).
const fn partial(name: &'static str, infer: InferFn) -> OpDef {
    OpDef {
        has_kernel: false,
        ..op(name, Class::Plain, infer)
    }
}

/// The output dims' element count, if known.
fn product(dims: &[usize]) -> Option<usize> {
    dims.iter().try_fold(1usize, |n, &d| n.checked_mul(d))
}

fn random_op_reserves(out: &[usize], _: Option<&[usize]>) -> Option<u64> {
    (product(out)? as u64).checked_mul(random::RESERVED_PER_OUTPUT)
}

fn uniform_int_reserves(out: &[usize], shape: Option<&[usize]>) -> Option<u64> {
    match product(out)? {
        0 => Some(0), // an empty RandomUniformInt reserves nothing
        _ => random_op_reserves(out, shape),
    }
}

fn shuffle_reserves(out: &[usize], _: Option<&[usize]>) -> Option<u64> {
    Some(shuffle::reservation(out))
}

fn multinomial_reserves(out: &[usize], _: Option<&[usize]>) -> Option<u64> {
    match out {
        [batch, samples] => Some(multinomial::reservation(*batch, *samples)),
        _ => None,
    }
}

/// Gamma and Poisson: the output is `shape ++ parameter shape`.
fn per_parameter(out: &[usize], shape: Option<&[usize]>) -> Option<(usize, usize)> {
    let k = *shape?.first()?;
    if k > out.len() {
        return None;
    }
    Some((product(&out[..k])?, product(&out[k..])?))
}

fn gamma_reserves(out: &[usize], shape: Option<&[usize]>) -> Option<u64> {
    let (per, params) = per_parameter(out, shape)?;
    match per.checked_mul(params)? {
        0 => Some(0),
        _ => Some(gamma::reservation(per, params)),
    }
}

fn poisson_reserves(out: &[usize], shape: Option<&[usize]>) -> Option<u64> {
    let (per, params) = per_parameter(out, shape)?;
    match per.checked_mul(params)? {
        0 => Some(0),
        _ => Some(poisson::reservation(per, params)),
    }
}

use Class::*;

/// Every op type, once.
pub static OPS: &[OpDef] = &[
    effect("Const", Const, basic::infer_const),
    effect("Placeholder", Placeholder, basic::infer_placeholder),
    effect("VariableV2", Variable, basic::infer_variable),
    OpDef {
        reads: Reads::AllButFirst,
        ..effect("Assign", Class::Assign, basic::infer_assign)
    },
    effect("NoOp", NoOp, basic::infer_no_op),
    op("Neg", Neg, basic::infer_neg),
    op("Identity", Identity, basic::infer_identity),
    op("Cast", Cast, basic::infer_cast),
    OpDef {
        from_dims: Some(shape_value),
        ..op("Shape", ShapeOf, basic::infer_shape)
    },
    op("Fill", Class::Fill, |c| array::infer(ArrayOp::Fill, c)),
    OpDef {
        from_dims: Some(|d, dims| filled(d, dims, 0.0)),
        ..op("ZerosLike", Plain, |c| array::infer(ArrayOp::ZerosLike, c))
    },
    OpDef {
        from_dims: Some(|d, dims| filled(d, dims, 1.0)),
        ..op("OnesLike", Plain, |c| array::infer(ArrayOp::OnesLike, c))
    },
    op("LinSpace", Plain, |c| {
        array::infer(
            ArrayOp::LinSpace {
                axis: 0,
                reciprocal: false,
            },
            c,
        )
    }),
    op("MatrixDiagV3", Plain, |c| {
        array::infer(ArrayOp::MatrixDiag, c)
    }),
    op("MatrixSetDiagV3", Plain, |c| {
        array::infer(ArrayOp::MatrixSetDiag, c)
    }),
    op("Range", Plain, |c| array::infer(ArrayOp::Range, c)),
    op("Slice", Plain, |c| array::infer(ArrayOp::Slice, c)),
    op("BroadcastTo", Plain, |c| {
        array::infer(ArrayOp::BroadcastTo, c)
    }),
    // `Add` concatenates strings too.
    op("Add", Binary, |c| infer_binary(BinaryOp::Add, true, c)),
    op("AddV2", Binary, |c| infer_binary(BinaryOp::Add, false, c)),
    op("Sub", Binary, |c| infer_binary(BinaryOp::Sub, false, c)),
    op("Mul", Binary, |c| infer_binary(BinaryOp::Mul, false, c)),
    op("RealDiv", Binary, |c| {
        infer_binary(BinaryOp::RealDiv, false, c)
    }),
    op("FloorDiv", Binary, |c| {
        infer_binary(BinaryOp::FloorDiv, false, c)
    }),
    op("FloorMod", Binary, |c| {
        infer_binary(BinaryOp::FloorMod, false, c)
    }),
    op("Maximum", Binary, |c| {
        infer_binary(BinaryOp::Maximum, false, c)
    }),
    op("Minimum", Binary, |c| {
        infer_binary(BinaryOp::Minimum, false, c)
    }),
    random(
        "RandomUniform",
        Random(RandomKind::Uniform),
        |c| random::infer(RandomKind::Uniform, c),
        random_op_reserves,
    ),
    random(
        "RandomUniformInt",
        Random(RandomKind::UniformInt),
        |c| random::infer(RandomKind::UniformInt, c),
        uniform_int_reserves,
    ),
    random(
        "RandomStandardNormal",
        Random(RandomKind::Normal),
        |c| random::infer(RandomKind::Normal, c),
        random_op_reserves,
    ),
    random(
        "TruncatedNormal",
        Random(RandomKind::TruncatedNormal),
        |c| random::infer(RandomKind::TruncatedNormal, c),
        random_op_reserves,
    ),
    random(
        "RandomShuffle",
        Sampling,
        sampling::infer_shuffle,
        shuffle_reserves,
    ),
    random(
        "Multinomial",
        Sampling,
        sampling::infer_multinomial,
        multinomial_reserves,
    ),
    random(
        "RandomGamma",
        Sampling,
        sampling::infer_gamma,
        gamma_reserves,
    ),
    random(
        "RandomPoissonV2",
        Sampling,
        sampling::infer_poisson,
        poisson_reserves,
    ),
    // Stateless ops take the seed tensor directly (TF builds
    // `StatelessRandomGetKeyCounter(seed)` then the V2 op on key and counter;
    // `stateless::philox_for_seed` is that same derivation). TF 1.x's types
    // run TF 2.x's kernels: on the CPU with Philox both derive the same key
    // and counter from the seed.
    op("StatelessRandomUniformV2", Stateless, |c| {
        sampling::infer_stateless(Stateless::Random(RandomKind::Uniform), c)
    }),
    op("StatelessRandomNormalV2", Stateless, |c| {
        sampling::infer_stateless(Stateless::Random(RandomKind::Normal), c)
    }),
    op("StatelessTruncatedNormalV2", Stateless, |c| {
        sampling::infer_stateless(Stateless::Random(RandomKind::TruncatedNormal), c)
    }),
    op("StatelessRandomUniformIntV2", Stateless, |c| {
        sampling::infer_stateless(Stateless::UniformInt, c)
    }),
    op("StatelessRandomUniformFullIntV2", Stateless, |c| {
        sampling::infer_stateless(Stateless::FullInt, c)
    }),
    op(
        "StatelessMultinomial",
        Stateless,
        sampling::infer_stateless_multinomial,
    ),
    op("StatelessRandomGammaV3", Stateless, |c| {
        stateless_extra::infer(Param::Gamma, c)
    }),
    op("StatelessRandomPoisson", Stateless, |c| {
        stateless_extra::infer(Param::Poisson, c)
    }),
    op("StatelessRandomUniform", Stateless, |c| {
        sampling::infer_stateless(Stateless::Random(RandomKind::Uniform), c)
    }),
    op("StatelessRandomNormal", Stateless, |c| {
        sampling::infer_stateless(Stateless::Random(RandomKind::Normal), c)
    }),
    op("StatelessTruncatedNormal", Stateless, |c| {
        sampling::infer_stateless(Stateless::Random(RandomKind::TruncatedNormal), c)
    }),
    op("StatelessRandomUniformInt", Stateless, |c| {
        sampling::infer_stateless(Stateless::UniformInt, c)
    }),
    // TF 1.x model-code ops (`structural.rs`).
    op("Greater", Plain, |c| st::infer_compare(Cmp::Greater, c)),
    op("GreaterEqual", Plain, |c| {
        st::infer_compare(Cmp::GreaterEqual, c)
    }),
    op("Less", Plain, |c| st::infer_compare(Cmp::Less, c)),
    op("LessEqual", Plain, |c| st::infer_compare(Cmp::LessEqual, c)),
    op("Pack", Plain, st::infer_pack),
    op("StridedSlice", Plain, st::infer_strided_slice),
    op("Reshape", Plain, st::infer_reshape),
    effect(
        "PlaceholderWithDefault",
        Plain,
        st::infer_placeholder_with_default,
    ),
    op("Square", Plain, |c| st::infer_unary(StructOp::Square, c)),
    op("Floor", Plain, |c| st::infer_unary(StructOp::Floor, c)),
    op("All", Plain, st::infer_all),
    OpDef {
        reads: Reads::FirstOnly,
        ..effect("Assert", Plain, st::infer_assert)
    },
    op("SelectV2", Plain, st::infer_select_v2),
    // The wider dtypes' kernels (`dtype_ops.rs`, `strings.rs`).
    op("Complex", Plain, |c| dtype_ops::infer(DtypeOp::Complex, c)),
    op("Real", Plain, |c| dtype_ops::infer(DtypeOp::Real, c)),
    op("Imag", Plain, |c| dtype_ops::infer(DtypeOp::Imag, c)),
    op("Conj", Plain, |c| dtype_ops::infer(DtypeOp::Conj, c)),
    op("ComplexAbs", Plain, |c| {
        dtype_ops::infer(DtypeOp::ComplexAbs, c)
    }),
    op("Angle", Plain, |c| dtype_ops::infer(DtypeOp::Angle, c)),
    op("LogicalNot", Plain, |c| {
        dtype_ops::infer(DtypeOp::LogicalNot, c)
    }),
    op("LogicalOr", Plain, |c| {
        dtype_ops::infer(DtypeOp::LogicalOr, c)
    }),
    op("Any", Plain, |c| {
        dtype_ops::infer(DtypeOp::Any { keep_dims: false }, c)
    }),
    op("StringLength", Plain, |c| {
        strings::infer(StringKind::Length, c)
    }),
    op("AsString", Plain, |c| {
        strings::infer(StringKind::AsString, c)
    }),
    op("StringJoin", Plain, |c| strings::infer(StringKind::Join, c)),
    partial("Equal", |c| dtype_ops::infer(DtypeOp::Equal, c)),
    partial("NotEqual", |c| dtype_ops::infer(DtypeOp::NotEqual, c)),
    partial("LogicalAnd", |c| dtype_ops::infer(DtypeOp::LogicalAnd, c)),
    // Data movement (`movement.rs`) and reductions in Eigen's order (`reduce.rs`).
    op("ConcatV2", Plain, |c| {
        st::infer_movement(Movement::ConcatV2, c)
    }),
    op("ExpandDims", Plain, |c| {
        st::infer_movement(Movement::ExpandDims, c)
    }),
    op("ReverseV2", Plain, |c| {
        st::infer_movement(Movement::ReverseV2, c)
    }),
    op("Tile", Plain, |c| st::infer_movement(Movement::Tile, c)),
    op("Transpose", Plain, |c| {
        st::infer_movement(Movement::Transpose, c)
    }),
    op("Sum", Plain, |c| st::infer_reduce(Reduction::Sum, c)),
    op("Mean", Plain, |c| st::infer_reduce(Reduction::Mean, c)),
    op("Prod", Plain, |c| st::infer_reduce(Reduction::Prod, c)),
    op("Max", Plain, |c| st::infer_reduce(Reduction::Max, c)),
    op("Min", Plain, |c| st::infer_reduce(Reduction::Min, c)),
    OpDef {
        from_dims: Some(size_value),
        ..structure("Size")
    },
    OpDef {
        from_dims: Some(rank_value),
        ..structure("Rank")
    },
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
    structure("MatMul"),
    structure("MatrixBandPart"),
    structure("MaxPool"),
    structure("MaxPool3D"),
    structure("Merge"),
    structure("MirrorPad"),
    structure("Mod"),
    structure("Moments"),
    structure("OneHot"),
    structure("Pad"),
    structure("PadV2"),
    structure("Pow"),
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

/// Op types without an entry: built for structure only.
static UNREGISTERED: OpDef = structure("");

/// The registered op of this type, if any (the table indexed once).
pub fn lookup(op_type: &str) -> Option<&'static OpDef> {
    static INDEX: OnceLock<HashMap<&'static str, &'static OpDef>> = OnceLock::new();
    INDEX
        .get_or_init(|| OPS.iter().map(|d| (d.name, d)).collect())
        .get(op_type)
        .copied()
}

/// The def a new op of this type is built by.
pub fn resolve(op_type: &str) -> &'static OpDef {
    lookup(op_type).unwrap_or(&UNREGISTERED)
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
    fn entries_carry_their_properties() {
        assert!(lookup("MatMul").is_some_and(|d| !d.has_kernel));
        assert!(lookup("RandomUniform").is_some_and(|d| d.stateful && d.reserves.is_some()));
        assert!(lookup("StatelessRandomUniform").is_some_and(|d| !d.stateful && d.foldable));
        assert!(lookup("NoSuchOp").is_none());
        assert!(!resolve("NoSuchOp").has_kernel);
        let out = [2usize, 3];
        assert_eq!(uniform_int_reserves(&[0, 3], None), Some(0));
        assert_eq!(random_op_reserves(&out, None), Some(6 * 256));
        // Gamma: shape [2] then alpha [3]: 2 samples of 3 alphas.
        assert_eq!(
            gamma_reserves(&out, Some(&[1])),
            Some(gamma::reservation(2, 3))
        );
        assert_eq!(gamma_reserves(&out, Some(&[3])), None);
    }

    /// A one-line entry of a value-level kernel builds a computing node.
    #[test]
    fn value_kernels_register_in_one_line() {
        use crate::dtype::DType;
        use crate::op::{Attrs, InferCtx, KernelArgs, NodeAttrs, RunContext};
        use crate::value::Value;
        let def = op("Twice", Plain, |c| {
            st::infer_computing(c, |_, ins| {
                crate::kernels::math::binary(BinaryOp::Add, ins[0], ins[0])
            })
        });
        let attrs = Attrs {
            dtype: Some(DType::Int32),
            shape: Some(vec![2]),
            ..Default::default()
        };
        let built = (def.infer)(InferCtx {
            op_type: "Twice",
            name: "t",
            ins: &[],
            attrs,
            target: crate::op::Target::Tf2,
        })
        .unwrap();
        struct NoSession;
        impl RunContext for NoSession {
            fn reserve(&self, _: usize, _: i64, _: i64, _: u64) -> crate::philox::PhiloxRandom {
                crate::philox::PhiloxRandom::new(0, 0)
            }
            fn threads(&self) -> usize {
                1
            }
            fn target(&self) -> crate::op::Target {
                crate::op::Target::Tf2
            }
        }
        let x = Value::I32(ndarray::arr1(&[1, 2]).into_dyn());
        let args = KernelArgs {
            name: "t",
            op_type: "Twice",
            dtype: built.dtype,
            shape: &built.shape,
            attrs: &NodeAttrs::default(),
            constant: false,
            stream: 0,
        };
        let out = built
            .attrs
            .kernel
            .unwrap()
            .run(&args, vec![std::sync::Arc::new(x)], &NoSession);
        assert_eq!(out.unwrap().unwrap().to_i64_vec(), Some(vec![2, 4]));
    }
}
