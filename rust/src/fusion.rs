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
use crate::graph::{BinaryOp, Node, OpKind, RandomKind};
use crate::kernels::random::Epilogue;
use crate::kernels::{self, RunContext};
use crate::value::Value;
use crate::vmath::Affine;
use std::collections::HashMap;
use std::sync::Arc;

/// What a run fuses: the epilogue of each fused random op, and for each
/// `Mul`/`Add` folded into one, which of its inputs it passes on.
#[derive(Default)]
pub struct Fusion {
    pub epilogues: HashMap<usize, Epilogue>,
    pub pass_on: HashMap<usize, usize>,
}

/// Depth of constant subexpressions evaluated for a scalar (`maxval - minval`
/// is one level; deeper ones are rare and run unfused).
const MAX_CONST_DEPTH: usize = 4;

/// The fusion plan for a run of `order` (topological), with `uses` the number
/// of consumers plus fetches of each value and `fed` whether an op is fed.
pub fn plan(
    order: &[usize],
    nodes: &HashMap<usize, Arc<Node>>,
    fed: &dyn Fn(usize) -> bool,
    uses: &HashMap<usize, usize>,
    ctx: &dyn RunContext,
) -> Fusion {
    let mut f = Fusion::default();
    // Value id -> the fused random op whose chain ends at that value, while
    // the chain may still grow (the value has exactly one use).
    let mut open: HashMap<usize, usize> = HashMap::new();
    let single_use = |id: usize| uses.get(&id) == Some(&1);
    for &id in order {
        if fed(id) {
            continue;
        }
        let n = &nodes[&id];
        match &n.kind {
            OpKind::Random(op)
                if op.kind != RandomKind::UniformInt
                    && matches!(n.dtype, DType::Float32 | DType::Float64)
                    && single_use(id) =>
            {
                open.insert(id, id);
            }
            OpKind::Binary(op @ (BinaryOp::Mul | BinaryOp::Add)) if n.inputs.len() == 2 => {
                let Some(pos) = n.inputs.iter().position(|i| open.contains_key(i)) else {
                    continue;
                };
                let chain = n.inputs[pos];
                let random = open[&chain];
                let Some(k) = const_scalar(n.inputs[1 - pos], nodes, fed, ctx, 0) else {
                    continue;
                };
                let epi = f.epilogues.get(&random).copied();
                let Some(epi) = extend(epi, *op, n.dtype, &k) else {
                    continue;
                };
                open.remove(&chain);
                f.epilogues.insert(random, epi);
                f.pass_on.insert(id, pos);
                if single_use(id) {
                    open.insert(id, random);
                }
            }
            _ => {}
        }
    }
    f
}

/// `epi` (none yet: `None`) followed by `op` with the scalar `k`, if that is
/// still `* scale + shift` in that order, in `dtype`.
fn extend(epi: Option<Epilogue>, op: BinaryOp, dtype: DType, k: &Value) -> Option<Epilogue> {
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
    // The arithmetic so far (none yet: identity) if it is of `dtype`'s kind.
    let so_far = |f32s: bool| match epi {
        None => Some(Epilogue::none(f32s)),
        Some(e @ Epilogue::F32(_)) if f32s => Some(e),
        Some(e @ Epilogue::F64(_)) if !f32s => Some(e),
        Some(_) => None,
    };
    match (dtype, k, so_far(dtype == DType::Float32)?) {
        (DType::Float32, Value::F32(v), Epilogue::F32(a)) if v.ndim() == 0 => {
            step(a, op, *v.first()?).map(Epilogue::F32)
        }
        (DType::Float64, Value::F64(v), Epilogue::F64(a)) if v.ndim() == 0 => {
            step(a, op, *v.first()?).map(Epilogue::F64)
        }
        _ => None,
    }
}

/// The value of `id` if it is fixed when the graph is built (a Const, or a
/// pure op of such within [`MAX_CONST_DEPTH`]) and not fed in this run.
fn const_scalar(
    id: usize,
    nodes: &HashMap<usize, Arc<Node>>,
    fed: &dyn Fn(usize) -> bool,
    ctx: &dyn RunContext,
    depth: usize,
) -> Option<Value> {
    let n = nodes.get(&id)?;
    if fed(id) || !n.constant || depth > MAX_CONST_DEPTH {
        return None;
    }
    match &n.kind {
        OpKind::Const(v) => v.try_clone().ok(),
        OpKind::Binary(_) | OpKind::Neg | OpKind::Cast | OpKind::Identity => {
            let ins = n
                .value_inputs()
                .iter()
                .map(|&i| const_scalar(i, nodes, fed, ctx, depth + 1).map(Arc::new))
                .collect::<Option<Vec<_>>>()?;
            kernels::compute(n, ins, ctx).ok().flatten()
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

    fn plan_for(g: &Arc<Graph>, fetches: &[usize], fed: &[usize]) -> Fusion {
        let session = Session::new(g.clone(), 1).unwrap();
        let nodes: HashMap<usize, Arc<Node>> = (0..g.read().nodes.len())
            .map(|id| (id, g.node(id).unwrap()))
            .collect();
        let order: Vec<usize> = (0..nodes.len()).collect();
        let fed: HashMap<usize, Value> = fed
            .iter()
            .map(|&id| (id, Value::F32(arr0(5.0f32).into_dyn())))
            .collect();
        let mut uses: HashMap<usize, usize> = HashMap::new();
        for id in order.iter().filter(|id| !fed.contains_key(id)) {
            for &i in nodes[id].value_inputs() {
                *uses.entry(i).or_default() += 1;
            }
        }
        for &id in fetches {
            *uses.entry(id).or_default() += 1;
        }
        plan(&order, &nodes, &|id| fed.contains_key(&id), &uses, &session)
    }

    #[test]
    fn mul_then_add_by_constants_fuse_into_the_random_op() {
        let (g, [r, _, mul, _, add]) = wrapper_graph();
        let f = plan_for(&g, &[add], &[]);
        let want = Epilogue::F32(Affine {
            scale: Some(3.0),
            shift: Some(2.0),
        });
        assert_eq!(f.epilogues.get(&r), Some(&want));
        assert_eq!(f.pass_on.get(&mul), Some(&0));
        assert_eq!(f.pass_on.get(&add), Some(&0));
    }

    #[test]
    fn fetched_or_fed_values_stop_the_chain() {
        let (g, [r, s, mul, m, add]) = wrapper_graph();
        // The random op fetched too: nothing fuses.
        let f = plan_for(&g, &[add, r], &[]);
        assert!(f.epilogues.is_empty() && f.pass_on.is_empty());
        // The product fetched: the Mul fuses, the Add runs on its value.
        let f = plan_for(&g, &[add, mul], &[]);
        let scale_only = Epilogue::F32(Affine {
            scale: Some(3.0),
            shift: None,
        });
        assert_eq!(f.epilogues.get(&r), Some(&scale_only));
        assert!(!f.pass_on.contains_key(&add));
        // A fed mean is not a constant; a fed stddev ends the chain first.
        let f = plan_for(&g, &[add], &[m]);
        assert_eq!(f.epilogues.get(&r), Some(&scale_only));
        let f = plan_for(&g, &[add], &[s]);
        assert!(f.epilogues.is_empty());
    }
}
