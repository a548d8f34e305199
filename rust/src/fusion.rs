//! The wrapper arithmetic a run fuses into random ops' fills.
//!
//! TF's Python wrappers follow a float random op with `Mul` by a scalar
//! (`stddev`, `maxval - minval`) and `Add` of one (`mean`, `minval`). Run as
//! written, each is a pass over the whole output after it left the cache.
//! When the random op's only consumer in the run is such a `Mul` or `Add`
//! with a constant scalar of its dtype (and the `Mul`'s only consumer, if it
//! is fused, the `Add`), the fill applies `* scale` then `+ shift` to each
//! batch as it writes it, and the `Mul`/`Add` pass their input on. Each
//! element is rounded after the multiply and after the add exactly as the
//! separate kernels round it, so values are unchanged; the plan only
//! depends on the graph and the run's fetches and feeds.

use crate::dtype::DType;
use crate::graph::Node;
use crate::kernels::random::Epilogue;
use crate::op::{BinaryOp, Class, RandomKind, RunContext};
use crate::value::Value;
use crate::vmath::Affine;
use std::sync::Arc;

/// What a run fuses, per position in its topological order: the epilogue of
/// each fused random op, and for each `Mul`/`Add` folded into one, which of
/// its inputs it passes on.
pub struct Fusion {
    pub epilogue: Vec<Option<Epilogue>>,
    pub pass_on: Vec<Option<usize>>,
}

/// Depth of constant subexpressions evaluated for a scalar (`maxval - minval`
/// is one level; deeper ones are rare and run unfused).
const MAX_CONST_DEPTH: usize = 4;

/// The fusion plan for a run, given per position in topological order: the
/// op, the positions of its value inputs, whether it is fed, and the uses of
/// its value (consumers plus fetches).
pub fn plan(
    nodes: &[Arc<Node>],
    inputs: &[Vec<usize>],
    fed: &[Option<usize>],
    uses: &[usize],
    ctx: &dyn RunContext,
) -> Fusion {
    let n = nodes.len();
    let mut f = Fusion {
        epilogue: vec![None; n],
        pass_on: vec![None; n],
    };
    // Per position: the fused random op whose chain ends at that value,
    // while the chain may still grow (the value has exactly one use).
    let mut open: Vec<Option<usize>> = vec![None; n];
    for (p, node) in nodes.iter().enumerate() {
        if fed[p].is_some() {
            continue;
        }
        match (node.def.class, node.attrs.binary) {
            (Class::Random(kind), _)
                if kind != RandomKind::UniformInt
                    && matches!(node.dtype, DType::Float32 | DType::Float64)
                    && uses[p] == 1 =>
            {
                open[p] = Some(p);
            }
            (Class::Binary, Some(op @ (BinaryOp::Mul | BinaryOp::Add))) if inputs[p].len() == 2 => {
                let ins = &inputs[p];
                let Some(side) = ins.iter().position(|&i| open[i].is_some()) else {
                    continue;
                };
                let (chain, other) = (ins[side], ins[1 - side]);
                let Some(random) = open[chain] else { continue };
                let Some(k) = const_scalar(other, nodes, inputs, fed, ctx, 0) else {
                    continue;
                };
                let so_far = f.epilogue[random]
                    .unwrap_or_else(|| Epilogue::none(node.dtype == DType::Float32));
                let Some(epi) = extend(so_far, op, node.dtype, &k) else {
                    continue;
                };
                open[chain] = None;
                f.epilogue[random] = Some(epi);
                f.pass_on[p] = Some(side);
                if uses[p] == 1 {
                    open[p] = Some(random);
                }
            }
            _ => {}
        }
    }
    f
}

/// `epi` followed by `op` with the scalar `k`, if that is still
/// `* scale + shift` in that order, in `dtype`.
fn extend(epi: Epilogue, op: BinaryOp, dtype: DType, k: &Value) -> Option<Epilogue> {
    fn step<T: Copy>(a: Affine<T>, op: BinaryOp, k: T) -> Option<Affine<T>> {
        match op {
            BinaryOp::Mul if a.is_none() => Some(Affine {
                scale: Some(k),
                shift: None,
            }),
            BinaryOp::Add if a.shift.is_none() => Some(Affine {
                scale: a.scale,
                shift: Some(k),
            }),
            _ => None,
        }
    }
    match (dtype, k, epi) {
        (DType::Float32, Value::F32(v), Epilogue::F32(a)) if v.ndim() == 0 => {
            step(a, op, *v.first()?).map(Epilogue::F32)
        }
        (DType::Float64, Value::F64(v), Epilogue::F64(a)) if v.ndim() == 0 => {
            step(a, op, *v.first()?).map(Epilogue::F64)
        }
        _ => None,
    }
}

/// The value at position `p` if it is fixed when the graph is built (a
/// Const, or a pure op of such within [`MAX_CONST_DEPTH`]) and not fed.
fn const_scalar(
    p: usize,
    nodes: &[Arc<Node>],
    inputs: &[Vec<usize>],
    fed: &[Option<usize>],
    ctx: &dyn RunContext,
    depth: usize,
) -> Option<Value> {
    let n = &nodes[p];
    if fed[p].is_some() || !n.constant || depth > MAX_CONST_DEPTH {
        return None;
    }
    match n.def.class {
        Class::Const => n.attrs.value.as_ref()?.try_clone().ok(),
        Class::Binary | Class::Neg | Class::Cast | Class::Identity => {
            let ins = inputs[p]
                .iter()
                .map(|&i| const_scalar(i, nodes, inputs, fed, ctx, depth + 1).map(Arc::new))
                .collect::<Option<Vec<_>>>()?;
            let kernel = n.attrs.kernel.as_ref()?;
            kernel.run(&n.kernel_args(), ins, ctx).ok().flatten()
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{Attrs, Graph};
    use crate::session::Session;
    use ndarray::{arr0, arr1};

    fn constant(g: &Graph, name: &str, v: Value) -> usize {
        g.test_const(name, v).id
    }

    /// `normal * 3 + 2`: random op, stddev, Mul, mean, Add.
    fn wrapper_graph() -> (Arc<Graph>, [usize; 5]) {
        let g = Arc::new(Graph::new());
        let shape = constant(&g, "shape", Value::I32(arr1(&[1000]).into_dyn()));
        let attrs = Attrs {
            dtype: Some(DType::Float32),
            seeds: Some((1, 2)),
            ..Default::default()
        };
        let r = g.add_op("RandomStandardNormal", "r", vec![shape], vec![], attrs);
        let r = r.unwrap().id;
        let s = constant(&g, "stddev", Value::F32(arr0(3.0f32).into_dyn()));
        let mul = g.add_op("Mul", "mul", vec![r, s], vec![], Attrs::default());
        let mul = mul.unwrap().id;
        let m = constant(&g, "mean", Value::F32(arr0(2.0f32).into_dyn()));
        let add = g.add_op("AddV2", "add", vec![mul, m], vec![], Attrs::default());
        (g, [r, s, mul, m, add.unwrap().id])
    }

    /// The plan of a run over every op of `g` (ids are positions: ops are
    /// added in topological order).
    fn plan_for(g: &Arc<Graph>, fetches: &[usize], fed: &[usize]) -> Fusion {
        let session = Session::new(g.clone(), 1).unwrap();
        let nodes: Vec<Arc<Node>> = (0..g.read().nodes.len())
            .map(|id| g.node(id).unwrap())
            .collect();
        let fed: Vec<Option<usize>> = (0..nodes.len())
            .map(|id| fed.iter().position(|&f| f == id))
            .collect();
        let inputs: Vec<Vec<usize>> = nodes
            .iter()
            .zip(&fed)
            .map(|(n, f)| {
                if f.is_some() {
                    vec![]
                } else {
                    n.value_inputs().to_vec()
                }
            })
            .collect();
        let mut uses = vec![0; nodes.len()];
        for &i in inputs.iter().flatten().chain(fetches) {
            uses[i] += 1;
        }
        plan(&nodes, &inputs, &fed, &uses, &session)
    }

    #[test]
    fn mul_then_add_by_constants_fuse_into_the_random_op() {
        let (g, [r, _, mul, _, add]) = wrapper_graph();
        let f = plan_for(&g, &[add], &[]);
        let want = Epilogue::F32(Affine {
            scale: Some(3.0),
            shift: Some(2.0),
        });
        assert_eq!(f.epilogue[r], Some(want));
        assert_eq!(f.pass_on[mul], Some(0));
        assert_eq!(f.pass_on[add], Some(0));
    }

    #[test]
    fn fetched_or_fed_values_stop_the_chain() {
        let (g, [r, s, mul, m, add]) = wrapper_graph();
        // The random op fetched too: nothing fuses.
        let f = plan_for(&g, &[add, r], &[]);
        assert!(f.epilogue.iter().all(Option::is_none));
        assert!(f.pass_on.iter().all(Option::is_none));
        // The product fetched: the Mul fuses, the Add runs on its value.
        let f = plan_for(&g, &[add, mul], &[]);
        let scale_only = Epilogue::F32(Affine {
            scale: Some(3.0),
            shift: None,
        });
        assert_eq!(f.epilogue[r], Some(scale_only));
        assert_eq!(f.pass_on[add], None);
        // A fed mean is not a constant; a fed stddev ends the chain first.
        let f = plan_for(&g, &[add], &[m]);
        assert_eq!(f.epilogue[r], Some(scale_only));
        let f = plan_for(&g, &[add], &[s]);
        assert!(f.epilogue.iter().all(Option::is_none));
    }
}
