//! Run plans: what a run of one set of fetches, targets and fed ops executes,
//! by position in topological order. A session builds a plan once and keeps
//! it (see [`PlanCache`]): graphs only grow, and an op's inputs never change,
//! so the ops a fetch set needs stay the same as ops are added. Only the
//! replacement of a node (`Graph::refine_shape`, which bumps the graph's
//! revision) makes a kept plan stale.

use crate::error::{Error, Result};
use crate::graph::{GraphInner, Node};
use crate::kernels::random::Epilogue;
use crate::kernels::RunContext;
use crate::op::{BinaryOp, Class};
use crate::value::Value;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::{Arc, Mutex};

/// A hasher for op ids (small distinct integers): SipHash's resistance to
/// chosen keys buys nothing here, and it showed in the profile of tiny runs.
#[derive(Default)]
pub struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }

    fn write_usize(&mut self, i: usize) {
        self.0 = (self.0 ^ i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// A map keyed by op id.
pub type IdMap<V> = HashMap<usize, V, BuildHasherDefault<IdHasher>>;

/// The schedule of one kind of run, with everything that does not depend on
/// the values fed or computed.
pub struct Plan {
    fetches: Vec<usize>,
    targets: Vec<usize>,
    /// The fed ops (sorted, distinct): a run's feeds come in this order.
    fed_ids: Vec<usize>,
    /// The graph revision the nodes were taken at.
    revision: u64,
    /// Per position, in topological order: the op.
    pub nodes: Vec<Arc<Node>>,
    /// Per position: the index of its value in the feeds, if fed.
    pub fed: Vec<Option<usize>>,
    /// Per position: a small constant's value, shared by every run rather
    /// than copied for each (kernels given a shared input do not compute in
    /// place, with the same results).
    pub consts: Vec<Option<Arc<Value>>>,
    /// Per position: positions of its value inputs (none when fed).
    pub inputs: Vec<Vec<usize>>,
    /// Per position: positions it waits for (value and control inputs;
    /// none when fed), sorted and distinct.
    pub preds: Vec<Vec<usize>>,
    /// Per position: uses of its value in a run (consumers plus fetches).
    pub uses: Vec<usize>,
    /// The position of each fetch.
    pub fetch_pos: Vec<usize>,
    /// Per position: the variable whose buffer the op may write into (see
    /// [`recyclable`]).
    pub recycle: Vec<Option<usize>>,
    /// Whether running independent ops side by side pays ([`concurrent_work`]).
    pub concurrent_work: bool,
    /// Whether two or more random ops are large enough to be split across
    /// the pool by themselves ([`intra_op_work`]).
    pub intra_op_work: bool,
    /// Per position: the arithmetic a random op applies as it fills
    /// ([`crate::fusion`]).
    pub epilogue: Vec<Option<Epilogue>>,
    /// Per position: for a `Mul`/`Add` fused into the random op before it,
    /// which of its inputs it passes on.
    pub pass_on: Vec<Option<usize>>,
}

impl Plan {
    /// The plan for `fetches` and `targets` with the ops `fed_ids` (sorted,
    /// distinct) fed; ids outside the graph are errors.
    pub fn build(
        graph: &GraphInner,
        revision: u64,
        fetches: &[usize],
        targets: &[usize],
        fed_ids: &[usize],
    ) -> Result<Plan> {
        for &id in fetches.iter().chain(targets).chain(fed_ids) {
            if id >= graph.nodes.len() {
                return Err(Error::invalid_argument(format!(
                    "op id {id} is not an element of this graph"
                )));
            }
        }
        let is_fed = |id: usize| fed_ids.binary_search(&id).ok();
        let order = topological_order(&graph.nodes, fetches.iter().chain(targets).copied(), is_fed);
        let pos: IdMap<usize> = order.iter().enumerate().map(|(p, &id)| (id, p)).collect();
        let at = |id: &usize| pos.get(id).copied().ok_or_else(unplanned);
        let nodes: Vec<Arc<Node>> = order.iter().map(|&id| graph.nodes[id].clone()).collect();
        let fed: Vec<Option<usize>> = order.iter().map(|&id| is_fed(id)).collect();
        let consts = nodes
            .iter()
            .zip(&fed)
            .map(|(node, f)| match node.const_value() {
                Some(v) if f.is_none() && v.len() <= SHARED_CONST_ELEMENTS => {
                    Ok(Some(Arc::new(v.try_clone()?)))
                }
                _ => Ok(None),
            })
            .collect::<Result<Vec<_>>>()?;
        let n = order.len();
        let (mut inputs, mut preds) = (Vec::with_capacity(n), Vec::with_capacity(n));
        let mut uses = vec![0usize; n];
        for (node, f) in nodes.iter().zip(&fed) {
            if f.is_some() {
                inputs.push(Vec::new());
                preds.push(Vec::new());
                continue;
            }
            let ins = node
                .value_inputs()
                .iter()
                .map(at)
                .collect::<Result<Vec<usize>>>()?;
            for &i in &ins {
                uses[i] += 1;
            }
            let mut d = node
                .control_inputs
                .iter()
                .map(at)
                .collect::<Result<Vec<usize>>>()?;
            d.extend(&ins);
            d.sort_unstable();
            d.dedup();
            inputs.push(ins);
            preds.push(d);
        }
        let fetch_pos = fetches.iter().map(at).collect::<Result<Vec<usize>>>()?;
        for &p in &fetch_pos {
            uses[p] += 1;
        }
        let recycle = recyclable(&nodes, &fed, &uses, &pos);
        let concurrent_work = concurrent_work(&nodes);
        let intra_op_work = intra_op_work(&nodes);
        Ok(Plan {
            fetches: fetches.to_vec(),
            targets: targets.to_vec(),
            fed_ids: fed_ids.to_vec(),
            revision,
            nodes,
            fed,
            consts,
            inputs,
            preds,
            uses,
            fetch_pos,
            recycle,
            concurrent_work,
            intra_op_work,
            epilogue: vec![None; n],
            pass_on: vec![None; n],
        })
    }

    /// Plan the fusion of wrapper arithmetic into random ops; `ctx` evaluates
    /// constant subexpressions (no stream is touched).
    pub fn fuse(&mut self, ctx: &dyn RunContext) {
        let f = crate::fusion::plan(&self.nodes, &self.inputs, &self.fed, &self.uses, ctx);
        (self.epilogue, self.pass_on) = (f.epilogue, f.pass_on);
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    fn is_for(&self, fetches: &[usize], targets: &[usize], fed_ids: &[usize]) -> bool {
        // Element by element: `==` on slices calls memcmp, which showed in the
        // profile for these few ids.
        fn same(a: &[usize], b: &[usize]) -> bool {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
        }
        same(&self.fetches, fetches) && same(&self.targets, targets) && same(&self.fed_ids, fed_ids)
    }
}

/// Constants of at most this many elements are kept in plans (see `consts`).
const SHARED_CONST_ELEMENTS: usize = 1024;

fn unplanned() -> Error {
    Error::internal("an op's input is missing from the run's order")
}

/// Plans a session keeps (most recent first): a program runs the same few
/// fetch sets again and again, and for small runs the planning cost more
/// than the ops.
#[derive(Default)]
pub struct PlanCache {
    plans: Mutex<Vec<Arc<Plan>>>,
}

/// Plans kept per session.
const CACHED_PLANS: usize = 16;
/// Plans of more ops are not kept: planning is a small part of such runs,
/// and a kept plan holds every node it runs.
const CACHED_PLAN_OPS: usize = 4096;

impl PlanCache {
    /// The plan for this run: a kept one still valid at `revision`, or one
    /// made by `build` (and kept if small).
    pub fn get(
        &self,
        fetches: &[usize],
        targets: &[usize],
        fed_ids: &[usize],
        revision: u64,
        build: impl FnOnce() -> Result<Plan>,
    ) -> Result<Arc<Plan>> {
        {
            let mut plans = self.plans.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(i) = plans
                .iter()
                .position(|p| p.is_for(fetches, targets, fed_ids))
            {
                if plans[i].revision == revision {
                    plans[..=i].rotate_right(1);
                    return Ok(plans[0].clone());
                }
                plans.remove(i);
            }
        }
        // Built without the cache's lock: other runs go on meanwhile.
        let plan = Arc::new(build()?);
        if plan.len() <= CACHED_PLAN_OPS {
            let mut plans = self.plans.lock().unwrap_or_else(|e| e.into_inner());
            if !plans
                .iter()
                .any(|p| p.is_for(fetches, targets, fed_ids) && p.revision == plan.revision)
            {
                plans.retain(|p| !p.is_for(fetches, targets, fed_ids));
                plans.insert(0, plan.clone());
                plans.truncate(CACHED_PLANS);
            }
        }
        Ok(plan)
    }

    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.plans.lock().unwrap().len()
    }
}

/// The ops needed for `roots`, each after its inputs; fed ops are leaves.
fn topological_order(
    nodes: &[Arc<Node>],
    roots: impl Iterator<Item = usize>,
    is_fed: impl Fn(usize) -> Option<usize>,
) -> Vec<usize> {
    let mut order = Vec::new();
    let mut state = vec![0u8; nodes.len()]; // 0 new, 1 open, 2 done
    let mut stack: Vec<(usize, bool)> = roots.map(|r| (r, false)).collect();
    stack.reverse();
    while let Some((id, expanded)) = stack.pop() {
        if expanded {
            if state[id] != 2 {
                state[id] = 2;
                order.push(id);
            }
            continue;
        }
        if state[id] != 0 {
            continue;
        }
        state[id] = 1;
        stack.push((id, true));
        if is_fed(id).is_none() {
            let n = &nodes[id];
            for &i in n.control_inputs.iter().chain(n.value_inputs()).rev() {
                if state[i] == 0 {
                    stack.push((i, false));
                }
            }
        }
    }
    order
}

/// Static element counts of the ops worth running beside others: from
/// `CONCURRENT_MIN_ELEMENTS` (smaller ones cost less than the hand-off) up to
/// the size from which a fill is split across the pool by itself
/// (`distributions::fill`'s 2^16 outputs), where running ops side by side
/// only adds live temporaries (measured on BERT-base: slower, more memory).
const CONCURRENT_MIN_ELEMENTS: i64 = 1 << 12;
const INTRA_OP_MIN_ELEMENTS: i64 = 1 << 16;

/// Whether a run's random work is mostly in mid-size ops that the intra-op
/// split leaves on one thread (many small variables initialised at once), so
/// that running independent ops side by side can use the pool.
fn concurrent_work(nodes: &[Arc<Node>]) -> bool {
    let elements = |n: &Node| {
        n.shape.as_ref().and_then(|dims| {
            dims.iter().try_fold(
                1i64,
                |acc, &d| if d < 0 { None } else { acc.checked_mul(d) },
            )
        })
    };
    let (mut mid_ops, mut mid, mut large) = (0usize, 0i64, 0i64);
    for n in nodes {
        if !n.is_stateful_random() {
            continue;
        }
        match elements(n) {
            Some(e) if e >= INTRA_OP_MIN_ELEMENTS => large = large.saturating_add(e),
            Some(e) if e >= CONCURRENT_MIN_ELEMENTS => {
                mid_ops += 1;
                mid = mid.saturating_add(e);
            }
            Some(_) => {}
            // Unknown sizes: leave the run sequential.
            None => return false,
        }
    }
    mid_ops >= 2 && mid >= large
}

/// Whether two or more random ops have (static) sizes from which a fill is
/// split across the pool: a sequential run of them is then better driven
/// from a pool thread, where each fill's split is a cheap fork-join rather
/// than a hand-off to sleeping workers and back (a whole-model
/// initialisation: hundreds of such ops).
fn intra_op_work(nodes: &[Arc<Node>]) -> bool {
    let large = |n: &&Arc<Node>| {
        n.is_stateful_random()
            && n.shape.as_ref().is_some_and(|dims| {
                dims.iter()
                    .try_fold(
                        1i64,
                        |acc, &d| if d < 0 { None } else { acc.checked_mul(d) },
                    )
                    .is_some_and(|e| e >= INTRA_OP_MIN_ELEMENTS)
            })
    };
    nodes.iter().filter(large).take(2).count() == 2
}

/// Random ops whose output becomes, through in-place arithmetic only, the
/// new value of a variable this run assigns and does not read: position to
/// variable id (an initialiser's `TruncatedNormal -> Mul -> Add -> Assign`).
/// The other operands must be constants (or float expressions of them), so
/// nothing between the random op and the Assign can fail and leave the
/// variable without its old value.
fn recyclable(
    nodes: &[Arc<Node>],
    fed: &[Option<usize>],
    uses: &[usize],
    pos: &IdMap<usize>,
) -> Vec<Option<usize>> {
    let mut out = vec![None; nodes.len()];
    for (n, f) in nodes.iter().zip(fed) {
        if n.def.class != Class::Assign || f.is_some() || n.inputs.len() != 2 {
            continue;
        }
        let var = n.inputs[0];
        if pos.contains_key(&var) {
            continue;
        }
        let mut cur = n.inputs[1];
        while let Some(&p) = pos.get(&cur) {
            if fed[p].is_some() || uses[p] != 1 {
                break;
            }
            let c = &nodes[p];
            match (c.def.class, c.attrs.binary) {
                (Class::Random(_), _) => {
                    out[p] = Some(var);
                    break;
                }
                (
                    Class::Binary,
                    Some(
                        BinaryOp::Add
                        | BinaryOp::Sub
                        | BinaryOp::Mul
                        | BinaryOp::MulReciprocal
                        | BinaryOp::FirstOperand,
                    ),
                ) if c.inputs.len() == 2
                    && pos.get(&c.inputs[1]).is_some_and(|&k| {
                        let k_node = &nodes[k];
                        // A Const, or a float expression of Consts
                        // (`maxval - minval`): float arithmetic cannot fail.
                        fed[k].is_none()
                            && (k_node.const_value().is_some()
                                || (k_node.constant && k_node.dtype.is_floating()))
                    }) =>
                {
                    cur = c.inputs[0]
                }
                _ => break,
            }
        }
    }
    out
}
