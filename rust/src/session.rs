//! Sessions: run parts of a graph, keeping each stateful op's generator.
//!
//! As in TensorFlow, every session builds its own kernels, so each random op
//! restarts from its seeds in a new session and advances with every run of
//! this one. Concurrent runs are safe: a run holds the generator lock only to
//! reserve its counter range, then generates without it.

use crate::error::{Error, Result};
use crate::graph::{BinaryOp, Graph, Node, OpKind};
use crate::kernels::{self, RunContext};
use crate::philox::PhiloxRandom;
use crate::seed::os_entropy_seeds;
use crate::value::Value;
use rayon::ThreadPool;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, RwLock};

pub struct Session {
    graph: Arc<Graph>,
    closed: AtomicBool,
    generators: Mutex<HashMap<usize, PhiloxRandom>>,
    variables: RwLock<HashMap<usize, Arc<Value>>>,
    pool: Arc<ThreadPool>,
}

impl Session {
    /// A session on `graph`; `threads` is `intra_op_parallelism_threads`
    /// (0: default). As in TF, the first session of the process sizes the
    /// one intra-op pool every session shares ([`crate::parallel`]).
    pub fn new(graph: Arc<Graph>, threads: i64) -> Result<Session> {
        Ok(Session {
            graph,
            closed: AtomicBool::new(false),
            generators: Mutex::new(HashMap::new()),
            variables: RwLock::new(HashMap::new()),
            pool: crate::parallel::session_pool(threads)?,
        })
    }

    pub fn graph(&self) -> &Arc<Graph> {
        &self.graph
    }

    pub fn close(&self) {
        self.closed.store(true, Ordering::SeqCst);
    }

    pub fn is_closed(&self) -> bool {
        self.closed.load(Ordering::SeqCst)
    }

    pub fn threads(&self) -> usize {
        self.pool.current_num_threads()
    }

    /// Evaluate `fetches` (op ids), feeding `feeds`, after running `targets`.
    /// An op fetched more than once is computed once. Ops without an output
    /// (NoOp) fetch as `None`.
    pub fn run(
        &self,
        fetches: &[usize],
        feeds: Vec<(usize, Value)>,
        targets: &[usize],
    ) -> Result<Vec<Option<Value>>> {
        self.run_scheduled(fetches, feeds, targets, None)
    }

    /// [`run`](Self::run), with the concurrent schedule forced on or off
    /// (`Some`) or chosen by [`concurrent_work`] (`None`).
    fn run_scheduled(
        &self,
        fetches: &[usize],
        feeds: Vec<(usize, Value)>,
        targets: &[usize],
        concurrent: Option<bool>,
    ) -> Result<Vec<Option<Value>>> {
        if self.is_closed() {
            return Err(Error::runtime("Attempted to use a closed Session."));
        }
        let fed: HashMap<usize, Value> = feeds.into_iter().collect();
        // Only the ops this run needs are taken from the graph (under its read
        // lock, briefly): a run's cost does not grow with the graph's size.
        let (order, nodes) = {
            let graph = self.graph.read();
            for &id in fetches.iter().chain(targets).chain(fed.keys()) {
                if id >= graph.nodes.len() {
                    return Err(Error::invalid_argument(format!(
                        "op id {id} is not an element of this graph"
                    )));
                }
            }
            let order =
                topological_order(&graph.nodes, fetches.iter().chain(targets).copied(), &fed);
            let nodes: HashMap<usize, Arc<Node>> = order
                .iter()
                .map(|&id| (id, graph.nodes[id].clone()))
                .collect();
            (order, nodes)
        };
        // Uses of each value in this run (consumers plus fetches): when the last
        // consumer takes a value no fetch needs, the kernel gets it by ownership
        // and may compute in place (the wrapper arithmetic on large outputs).
        let mut uses: HashMap<usize, usize> = HashMap::with_capacity(order.len());
        for &id in &order {
            if !fed.contains_key(&id) {
                for &i in nodes[&id].value_inputs() {
                    *uses.entry(i).or_default() += 1;
                }
            }
        }
        for &id in fetches {
            *uses.entry(id).or_default() += 1;
        }
        let plan = Plan {
            recycle: recyclable(&order, &nodes, &fed, &uses),
            fusion: crate::fusion::plan(&order, &nodes, &fed, &uses, self),
        };
        let mut state = RunState {
            memo: HashMap::with_capacity(order.len()),
            uses,
        };
        let concurrent = concurrent.unwrap_or_else(|| {
            self.pool.current_num_threads() > 1 && concurrent_work(&order, &nodes)
        });
        if concurrent {
            state = self.run_concurrently(&order, &nodes, &fed, &plan, state)?;
        } else {
            crate::parallel::with_pool(self.pool.clone(), || -> Result<()> {
                for &id in &order {
                    let value = self.run_one(&nodes[&id], &fed, &plan, |ins| state.take(ins))?;
                    state.keep(id, value);
                }
                Ok(())
            })?;
        }
        let RunState {
            mut memo, mut uses, ..
        } = state;
        // Hand each fetched value out without copying; copies only for repeats.
        let mut out = Vec::with_capacity(fetches.len());
        for &id in fetches {
            let left = uses.get_mut(&id).ok_or_else(uncounted)?;
            *left -= 1;
            let v = if *left == 0 {
                memo.remove(&id).flatten()
            } else {
                memo.get(&id).cloned().flatten()
            };
            out.push(match v {
                Some(a) => Some(Arc::try_unwrap(a).or_else(|shared| shared.try_clone())?),
                None => None,
            });
        }
        Ok(out)
    }
}

/// What a run decides before it starts: buffers to recycle, arithmetic to fuse.
struct Plan {
    recycle: HashMap<usize, usize>,
    fusion: crate::fusion::Fusion,
}

/// The values of one run: each kept until its last use.
struct RunState {
    memo: HashMap<usize, Option<Arc<Value>>>,
    uses: HashMap<usize, usize>,
}

impl RunState {
    /// An op's inputs: the last use of a value takes it (so the kernel may
    /// compute in place), earlier ones share it.
    fn take(&mut self, node: &Node) -> Result<Vec<Arc<Value>>> {
        let mut inputs = Vec::with_capacity(node.value_inputs().len());
        for i in node.value_inputs() {
            let left = self.uses.get_mut(i).ok_or_else(uncounted)?;
            *left -= 1;
            let v = if *left == 0 {
                self.memo.remove(i).flatten()
            } else {
                self.memo.get(i).cloned().flatten()
            };
            inputs.push(v.ok_or_else(|| {
                Error::invalid_argument(format!("input of '{}' has no value", node.name))
            })?);
        }
        Ok(inputs)
    }

    /// Keep an op's output only if something later uses it: an Assign's
    /// output nobody reads is dropped at once rather than at the end of the
    /// run (else initialising a model held every initial value twice).
    fn keep(&mut self, id: usize, value: Option<Arc<Value>>) {
        if self.uses.get(&id).is_some_and(|&n| n > 0) {
            self.memo.insert(id, value);
        }
    }
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
fn concurrent_work(order: &[usize], nodes: &HashMap<usize, Arc<Node>>) -> bool {
    let elements = |n: &Node| {
        n.shape.as_ref().and_then(|dims| {
            dims.iter().try_fold(
                1i64,
                |acc, &d| if d < 0 { None } else { acc.checked_mul(d) },
            )
        })
    };
    let (mut mid_ops, mut mid, mut large) = (0usize, 0i64, 0i64);
    for id in order {
        let n = &nodes[id];
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

impl Session {
    /// Compute one op (or take its fed value), its inputs from `take`.
    fn run_one(
        &self,
        node: &Node,
        fed: &HashMap<usize, Value>,
        plan: &Plan,
        take: impl FnOnce(&Node) -> Result<Vec<Arc<Value>>>,
    ) -> Result<Option<Arc<Value>>> {
        if let Some(v) = fed.get(&node.id) {
            return Ok(Some(Arc::new(v.try_clone()?)));
        }
        let mut inputs = take(node)?;
        // A Mul/Add fused into the random op before it: its input is its value.
        if let Some(&pos) = plan.fusion.pass_on.get(&node.id) {
            return Ok(Some(inputs.swap_remove(pos)));
        }
        let compute = || match plan.fusion.epilogues.get(&node.id) {
            Some(&epi) => {
                kernels::random::with_epilogue(epi, || kernels::compute_shared(node, inputs, self))
            }
            None => kernels::compute_shared(node, inputs, self),
        };
        if let Some(old) = plan
            .recycle
            .get(&node.id)
            .and_then(|&v| self.take_unshared(v, node))
        {
            return kernels::random::with_recycled(old, compute);
        }
        compute()
    }

    /// Variable `var`'s value, taken out of the store, if nothing else holds
    /// it and it has `node`'s dtype and static shape (its buffer then becomes
    /// `node`'s output). A run that fails after this leaves `var`
    /// uninitialised rather than at its old value.
    fn take_unshared(&self, var: usize, node: &Node) -> Option<Value> {
        let mut vars = self.variables.write().unwrap_or_else(|e| e.into_inner());
        let old = vars.get(&var)?;
        let same_shape = node.shape.as_ref().is_some_and(|dims| {
            dims.len() == old.shape().len()
                && dims
                    .iter()
                    .zip(old.shape())
                    .all(|(&a, &b)| a >= 0 && a as usize == b)
        });
        if Arc::strong_count(old) != 1 || old.dtype() != node.dtype || !same_shape {
            return None;
        }
        Arc::try_unwrap(vars.remove(&var)?).ok()
    }

    /// TF's inter-op parallelism: each op starts on the pool as soon as its
    /// inputs are done. Values do not depend on the schedule (each random op
    /// reserves its own generator's counters under the lock); variable reads
    /// and assignments keep their sequential order (chained), and the error
    /// reported is the one the sequential order meets first (ops after a
    /// failed one in that order are not started).
    fn run_concurrently(
        &self,
        order: &[usize],
        nodes: &HashMap<usize, Arc<Node>>,
        fed: &HashMap<usize, Value>,
        plan: &Plan,
        state: RunState,
    ) -> Result<RunState> {
        use std::sync::atomic::AtomicUsize;
        let pos: HashMap<usize, usize> = order.iter().enumerate().map(|(p, &id)| (id, p)).collect();
        let mut deps: Vec<Vec<usize>> = vec![Vec::new(); order.len()];
        let mut last_stateful: Option<usize> = None;
        for (p, &id) in order.iter().enumerate() {
            let n = &nodes[&id];
            let mut d: Vec<usize> = if fed.contains_key(&id) {
                Vec::new()
            } else {
                n.control_inputs
                    .iter()
                    .chain(n.value_inputs())
                    .filter_map(|i| pos.get(i).copied())
                    .collect()
            };
            if matches!(n.kind, OpKind::Variable | OpKind::Assign) {
                d.extend(last_stateful);
                last_stateful = Some(p);
            }
            d.sort_unstable();
            d.dedup();
            deps[p] = d;
        }
        let mut dependents: Vec<Vec<usize>> = vec![Vec::new(); order.len()];
        for (p, d) in deps.iter().enumerate() {
            for &q in d {
                dependents[q].push(p);
            }
        }
        let pending: Vec<AtomicUsize> = deps.iter().map(|d| AtomicUsize::new(d.len())).collect();
        let state = Mutex::new(state);
        let failed: Mutex<Option<(usize, Error)>> = Mutex::new(None);
        struct Ctx<'a> {
            session: &'a Session,
            order: &'a [usize],
            nodes: &'a HashMap<usize, Arc<Node>>,
            fed: &'a HashMap<usize, Value>,
            plan: &'a Plan,
            dependents: &'a [Vec<usize>],
            pending: &'a [AtomicUsize],
            state: &'a Mutex<RunState>,
            failed: &'a Mutex<Option<(usize, Error)>>,
        }
        fn exec<'s>(c: &'s Ctx<'s>, scope: &rayon::Scope<'s>, p: usize) {
            let before_failure = |p: usize| {
                c.failed
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .as_ref()
                    .is_none_or(|(f, _)| p < *f)
            };
            if !before_failure(p) {
                return;
            }
            let id = c.order[p];
            let node = &c.nodes[&id];
            let result = c.session.run_one(node, c.fed, c.plan, |n| {
                c.state.lock().unwrap_or_else(|e| e.into_inner()).take(n)
            });
            match result {
                Ok(value) => c
                    .state
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .keep(id, value),
                Err(e) => {
                    let mut f = c.failed.lock().unwrap_or_else(|e| e.into_inner());
                    if f.as_ref().is_none_or(|(q, _)| p < *q) {
                        *f = Some((p, e));
                    }
                    return;
                }
            }
            for &q in &c.dependents[p] {
                if c.pending[q].fetch_sub(1, Ordering::AcqRel) == 1 {
                    scope.spawn(move |s| exec(c, s, q));
                }
            }
        }
        let c = Ctx {
            session: self,
            order,
            nodes,
            fed,
            plan,
            dependents: &dependents,
            pending: &pending,
            state: &state,
            failed: &failed,
        };
        let roots: Vec<usize> = (0..order.len()).filter(|&p| deps[p].is_empty()).collect();
        let pool = self.pool.clone();
        crate::parallel::with_pool(pool.clone(), || {
            pool.scope(|s| {
                // Reversed: rayon runs a thread's own spawns last-in first-out.
                for &p in roots.iter().rev() {
                    let c = &c;
                    s.spawn(move |s| exec(c, s, p));
                }
            })
        });
        if let Some((_, e)) = failed.into_inner().unwrap_or_else(|e| e.into_inner()) {
            return Err(e);
        }
        Ok(state.into_inner().unwrap_or_else(|e| e.into_inner()))
    }
}

/// Random ops whose output becomes, through in-place arithmetic only, the
/// new value of a variable this run assigns and does not read: op id to
/// variable id (an initialiser's `TruncatedNormal -> Mul -> Add -> Assign`).
/// The other operands must be constants (or float expressions of them), so
/// nothing between the random op and the Assign can fail and leave the
/// variable without its old value.
fn recyclable(
    order: &[usize],
    nodes: &HashMap<usize, Arc<Node>>,
    fed: &HashMap<usize, Value>,
    uses: &HashMap<usize, usize>,
) -> HashMap<usize, usize> {
    let mut out = HashMap::new();
    for id in order {
        let n = &nodes[id];
        if !matches!(n.kind, OpKind::Assign) || fed.contains_key(id) || n.inputs.len() != 2 {
            continue;
        }
        let var = n.inputs[0];
        if nodes.contains_key(&var) {
            continue;
        }
        let mut cur = n.inputs[1];
        while !fed.contains_key(&cur) && uses.get(&cur) == Some(&1) {
            let Some(c) = nodes.get(&cur) else { break };
            match c.kind {
                OpKind::Random(_) => {
                    out.insert(cur, var);
                    break;
                }
                OpKind::Binary(
                    BinaryOp::Add
                    | BinaryOp::Sub
                    | BinaryOp::Mul
                    | BinaryOp::MulReciprocal
                    | BinaryOp::FirstOperand,
                ) if c.inputs.len() == 2
                    && !fed.contains_key(&c.inputs[1])
                    && nodes.get(&c.inputs[1]).is_some_and(|k| {
                        // A Const, or a float expression of Consts
                        // (`maxval - minval`): float arithmetic cannot fail.
                        matches!(k.kind, OpKind::Const(_)) || (k.constant && k.dtype.is_floating())
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

fn uncounted() -> Error {
    Error::internal("a value's uses were not counted")
}

/// The ops needed for `roots`, each after its inputs; fed ops are leaves.
fn topological_order(
    nodes: &[Arc<Node>],
    roots: impl Iterator<Item = usize>,
    fed: &HashMap<usize, Value>,
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
        if !fed.contains_key(&id) {
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

impl RunContext for Session {
    fn reserve(&self, node: &Node, seed: i64, seed2: i64, count: u64) -> PhiloxRandom {
        let mut gens = self.generators.lock().unwrap_or_else(|e| e.into_inner());
        let g = gens.entry(node.id).or_insert_with(|| {
            // TF's GuardedPhiloxRandom: seeds (0, 0) mean fresh OS entropy.
            let (s, s2) = if seed == 0 && seed2 == 0 {
                os_entropy_seeds()
            } else {
                (seed as u64, seed2 as u64)
            };
            PhiloxRandom::new(s, s2)
        });
        let start = *g;
        g.skip(count);
        start
    }

    fn threads(&self) -> usize {
        self.pool.current_num_threads()
    }

    fn read_variable(&self, node: &Node) -> Result<Arc<Value>> {
        self.variables
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(&node.id)
            .cloned()
            .ok_or_else(|| {
                Error::failed_precondition(format!(
                    "Attempting to use uninitialized value {}",
                    node.name
                ))
            })
    }

    fn assign_variable(&self, node: &Node, value: Arc<Value>) {
        if let Some(&var) = node.inputs.first() {
            self.variables
                .write()
                .unwrap_or_else(|e| e.into_inner())
                .insert(var, value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dtype::DType;
    use crate::graph::Attrs;
    use ndarray::{arr1, ArrayD};

    fn uniform_graph(n: i32, seeds: (i64, i64)) -> (Arc<Graph>, usize) {
        let g = Arc::new(Graph::new());
        let shape = g
            .add_op(
                "Const",
                "shape",
                vec![],
                vec![],
                Attrs {
                    value: Some(Value::I32(arr1(&[n]).into_dyn())),
                    ..Default::default()
                },
            )
            .unwrap();
        let op = g
            .add_op(
                "RandomUniform",
                "r",
                vec![shape.id],
                vec![],
                Attrs {
                    dtype: Some(DType::Float32),
                    seeds: Some(seeds),
                    ..Default::default()
                },
            )
            .unwrap();
        (g, op.id)
    }

    fn f32s(v: &Option<Value>) -> ArrayD<f32> {
        match v {
            Some(Value::F32(a)) => a.clone(),
            other => panic!("not f32: {other:?}"),
        }
    }

    #[test]
    fn runs_advance_by_256_per_output_and_sessions_restart() {
        let (g, r) = uniform_graph(3, (5, 7));
        let s1 = Session::new(g.clone(), 1).unwrap();
        let a = f32s(&s1.run(&[r], vec![], &[]).unwrap()[0]);
        let b = f32s(&s1.run(&[r], vec![], &[]).unwrap()[0]);
        assert_ne!(a, b);
        let s2 = Session::new(g.clone(), 1).unwrap();
        assert_eq!(f32s(&s2.run(&[r], vec![], &[]).unwrap()[0]), a);
        // The second run starts 3 * 256 blocks into the stream.
        let mut gen = PhiloxRandom::new(5, 7);
        gen.skip(3 * 256);
        let block = gen.next_block();
        assert_eq!(b[0], crate::distributions::uint32_to_float(block[0]));
    }

    #[test]
    fn a_fetch_repeated_in_one_run_is_computed_once() {
        let (g, r) = uniform_graph(4, (1, 2));
        let s = Session::new(g, 1).unwrap();
        let out = s.run(&[r, r], vec![], &[]).unwrap();
        assert_eq!(f32s(&out[0]), f32s(&out[1]));
        let next = s.run(&[r], vec![], &[]).unwrap();
        assert_ne!(f32s(&next[0]), f32s(&out[0]));
    }

    #[test]
    fn unseeded_ops_draw_entropy_per_session() {
        let (g, r) = uniform_graph(4, (0, 0));
        let a = f32s(
            &Session::new(g.clone(), 1)
                .unwrap()
                .run(&[r], vec![], &[])
                .unwrap()[0],
        );
        let b = f32s(&Session::new(g, 1).unwrap().run(&[r], vec![], &[]).unwrap()[0]);
        assert_ne!(a, b);
    }

    #[test]
    fn concurrent_runs_reserve_disjoint_ranges() {
        let (g, r) = uniform_graph(2, (3, 4));
        let seq = Session::new(g.clone(), 1).unwrap();
        let mut expected: Vec<Vec<u32>> = (0..64)
            .map(|_| {
                f32s(&seq.run(&[r], vec![], &[]).unwrap()[0])
                    .iter()
                    .map(|x| x.to_bits())
                    .collect()
            })
            .collect();
        let s = Arc::new(Session::new(g, 1).unwrap());
        let mut got: Vec<Vec<u32>> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..8)
                .map(|_| {
                    let s = s.clone();
                    scope.spawn(move || {
                        (0..8)
                            .map(|_| {
                                f32s(&s.run(&[r], vec![], &[]).unwrap()[0])
                                    .iter()
                                    .map(|x| x.to_bits())
                                    .collect::<Vec<u32>>()
                            })
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap())
                .collect()
        });
        expected.sort();
        got.sort();
        assert_eq!(got, expected);
    }

    /// Several mid-size random ops, each scaled, plus an unfed placeholder.
    fn mid_size_graph() -> (Arc<Graph>, Vec<usize>, usize) {
        let g = Arc::new(Graph::new());
        let konst = |name: &str, v: Value| {
            g.add_op(
                "Const",
                name,
                vec![],
                vec![],
                Attrs {
                    value: Some(v),
                    ..Default::default()
                },
            )
            .unwrap()
        };
        let shape = konst("shape", Value::I32(arr1(&[8192]).into_dyn()));
        let two = konst("two", Value::F32(arr1(&[2.0f32]).into_dyn()));
        let mut outs = Vec::new();
        for i in 0..12 {
            let r = g
                .add_op(
                    "RandomUniform",
                    &format!("r{i}"),
                    vec![shape.id],
                    vec![],
                    Attrs {
                        dtype: Some(DType::Float32),
                        seeds: Some((7, i)),
                        ..Default::default()
                    },
                )
                .unwrap();
            let m = g
                .add_op(
                    "Mul",
                    &format!("m{i}"),
                    vec![r.id, two.id],
                    vec![],
                    Attrs::default(),
                )
                .unwrap();
            outs.push(m.id);
        }
        let p = g
            .add_op(
                "Placeholder",
                "p",
                vec![],
                vec![],
                Attrs {
                    dtype: Some(DType::Float32),
                    ..Default::default()
                },
            )
            .unwrap();
        (g, outs, p.id)
    }

    #[test]
    fn concurrent_runs_of_independent_ops_equal_the_sequential_order() {
        let (g, outs, p) = mid_size_graph();
        let bits = |v: &[Option<Value>]| -> Vec<Vec<u32>> {
            v.iter()
                .map(|x| f32s(x).iter().map(|f| f.to_bits()).collect())
                .collect()
        };
        let seq = Session::new(g.clone(), 0).unwrap();
        let par = Session::new(g.clone(), 0).unwrap();
        for _ in 0..3 {
            let a = seq.run_scheduled(&outs, vec![], &[], Some(false)).unwrap();
            let b = par.run_scheduled(&outs, vec![], &[], Some(true)).unwrap();
            assert_eq!(bits(&a), bits(&b));
        }
        // The error is the first the sequential order meets, in both schedules.
        let mut with_p = outs.clone();
        with_p.insert(3, p);
        let e1 = seq
            .run_scheduled(&with_p, vec![], &[], Some(false))
            .unwrap_err();
        let e2 = par
            .run_scheduled(&with_p, vec![], &[], Some(true))
            .unwrap_err();
        assert_eq!((e1.kind, e1.to_string()), (e2.kind, e2.to_string()));
    }

    #[test]
    fn reinitialising_a_variable_writes_into_its_buffer_with_the_same_bits() {
        let g = Arc::new(Graph::new());
        let konst = |name: &str, v: Value| {
            g.add_op(
                "Const",
                name,
                vec![],
                vec![],
                Attrs {
                    value: Some(v),
                    ..Default::default()
                },
            )
            .unwrap()
        };
        let shape = konst("shape", Value::I32(arr1(&[3000]).into_dyn()));
        let scale = konst("scale", Value::F32(arr1(&[0.5f32]).into_dyn()));
        let t = g
            .add_op(
                "TruncatedNormal",
                "t",
                vec![shape.id],
                vec![],
                Attrs {
                    dtype: Some(DType::Float32),
                    seeds: Some((3, 9)),
                    ..Default::default()
                },
            )
            .unwrap();
        let m = g
            .add_op("Mul", "m", vec![t.id, scale.id], vec![], Attrs::default())
            .unwrap();
        let var = g
            .add_op(
                "VariableV2",
                "v",
                vec![],
                vec![],
                Attrs {
                    dtype: Some(DType::Float32),
                    shape: Some(vec![3000]),
                    ..Default::default()
                },
            )
            .unwrap();
        let assign = g
            .add_op("Assign", "a", vec![var.id, m.id], vec![], Attrs::default())
            .unwrap();
        let data = |v: &Value| match v {
            Value::F32(a) => (
                a.as_ptr() as usize,
                a.iter().map(|x| x.to_bits()).collect::<Vec<_>>(),
            ),
            _ => panic!("not f32"),
        };
        // Recycled: nothing else holds the old value.
        let a = Session::new(g.clone(), 1).unwrap();
        a.run(&[], vec![], &[assign.id]).unwrap();
        let (p1, _) = data(&a.read_variable(&var).unwrap());
        a.run(&[], vec![], &[assign.id]).unwrap();
        let (p2, recycled) = data(&a.read_variable(&var).unwrap());
        assert_eq!(p1, p2);
        // Not recycled: the old value is still held.
        let b = Session::new(g, 1).unwrap();
        b.run(&[], vec![], &[assign.id]).unwrap();
        let held = b.read_variable(&var).unwrap();
        b.run(&[], vec![], &[assign.id]).unwrap();
        let (p3, fresh) = data(&b.read_variable(&var).unwrap());
        assert_ne!(p3, data(&held).0);
        assert_eq!(recycled, fresh);
    }

    #[test]
    fn closed_sessions_and_bad_ids_are_errors() {
        let (g, r) = uniform_graph(1, (1, 1));
        let s = Session::new(g, 1).unwrap();
        assert_eq!(
            s.run(&[99], vec![], &[]).unwrap_err().kind,
            crate::error::ErrorKind::InvalidArgument
        );
        s.close();
        assert_eq!(
            s.run(&[r], vec![], &[]).unwrap_err().kind,
            crate::error::ErrorKind::Runtime
        );
    }
}
