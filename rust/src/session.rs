//! Sessions: run parts of a graph, keeping each stateful op's generator.
//!
//! As in TensorFlow, every session builds its own kernels, so each random op
//! restarts from its seeds in a new session and advances with every run of
//! this one. Concurrent runs are safe: a run holds the generator lock only to
//! reserve its counter range, then generates without it.

use crate::error::{Error, Result};
use crate::graph::{Graph, Node};
use crate::kernels;
use crate::op::{Class, RunContext};
use crate::philox::PhiloxRandom;
use crate::seed::os_entropy_seeds;
use crate::value::Value;
use plan::{IdMap, Plan, PlanCache};
use rayon::ThreadPool;
use shapes::Slot;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};

mod plan;
pub mod shapes;

pub struct Session {
    graph: Arc<Graph>,
    closed: AtomicBool,
    generators: Mutex<IdMap<PhiloxRandom>>,
    variables: RwLock<IdMap<Arc<Value>>>,
    pool: Arc<ThreadPool>,
    plans: PlanCache,
    /// `run` calls so far (TF 1.15 places Grappler's folded constants differently
    /// after the first run: see [`Session::check_placeable`]).
    runs: AtomicU64,
}

impl Session {
    /// A session on `graph`; `threads` is `intra_op_parallelism_threads`
    /// (0: default). As in TF, the first session of the process sizes the
    /// one intra-op pool every session shares ([`crate::parallel`]).
    pub fn new(graph: Arc<Graph>, threads: i64) -> Result<Session> {
        Ok(Session {
            graph,
            closed: AtomicBool::new(false),
            generators: Mutex::new(IdMap::default()),
            variables: RwLock::new(IdMap::default()),
            pool: crate::parallel::session_pool(threads)?,
            plans: PlanCache::default(),
            runs: AtomicU64::new(0),
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

    /// What a run of the stateful random op `id` with an output of `shape`
    /// reserves from the session's generator: the state the run starts from,
    /// and the generator moved past the run, exactly as `Session.run` would
    /// (philoxflow.dask's tasks compute the run's blocks on their own).
    pub fn reserve_run(&self, id: usize, shape: &[usize]) -> Result<PhiloxRandom> {
        if self.is_closed() {
            return Err(Error::runtime("Attempted to use a closed Session."));
        }
        let node = self.graph().node(id)?;
        let Class::Random(kind) = node.def.class else {
            return Err(Error::value(format!(
                "op '{}' of type {} has no per-session generator to reserve from",
                node.name, node.op_type
            )));
        };
        let n = crate::alloc::num_elements(shape)?;
        // As `random::compute`: an empty integer uniform returns before reserving.
        if kind == crate::op::RandomKind::UniformInt && n == 0 {
            return Ok(PhiloxRandom::new(0, 0));
        }
        let count = (n as u64).wrapping_mul(kernels::random::RESERVED_PER_OUTPUT);
        let (seed, seed2) = node.attrs.seeds;
        Ok(self.reserve(node.id, seed, seed2, count))
    }

    pub fn threads(&self) -> usize {
        self.pool.current_num_threads()
    }

    /// Evaluate `fetches` (op ids), feeding `feeds`, after running `targets`.
    /// An op fetched more than once is computed once. Ops without an output
    /// (NoOp) fetch as `None`. An op fed more than once takes the last value.
    pub fn run(
        &self,
        fetches: &[usize],
        feeds: Vec<(usize, Value)>,
        targets: &[usize],
    ) -> Result<Vec<Option<Value>>> {
        if self.runs.fetch_add(1, Ordering::Relaxed) > 0 {
            self.check_placeable(fetches)?;
        }
        self.run_scheduled(fetches, feeds, targets, None)
    }

    /// TF 1.15 (measured): from a session's second run on, a fetched uint64 `Fill`
    /// of constants (`tf.zeros(shape_tensor, tf.uint64)`, `tf.fill(dims,
    /// tf.constant(1, tf.uint64))`, `ones_like`) is folded by Grappler into a
    /// uint64 Const that no device has a kernel for, and the run fails.
    fn check_placeable(&self, fetches: &[usize]) -> Result<()> {
        for &id in fetches {
            let node = self.graph.node(id)?;
            if node.def.class == Class::Fill
                && node.dtype == crate::dtype::DType::UInt64
                && node.constant
            {
                return Err(Error::not_found(format!(
                    "No registered 'Const' OpKernel for 'XLA_CPU' devices compatible with node \
                     node {} (OpKernel was found, but attributes didn't match) Requested \
                     Attributes: dtype=DT_UINT64, value=Tensor<type: uint64 shape: [...] \
                     values: ...>",
                    node.name
                )));
            }
        }
        Ok(())
    }

    /// The plan of a run: kept from an earlier run of the same fetches,
    /// targets and fed ops, or made now. Only the ops this run needs are
    /// taken from the graph (under its read lock, briefly): a run's cost
    /// does not grow with the graph's size.
    fn plan(&self, fetches: &[usize], targets: &[usize], fed_ids: &[usize]) -> Result<Arc<Plan>> {
        self.plans
            .get(fetches, targets, fed_ids, self.graph.revision(), || {
                let mut plan = {
                    let graph = self.graph.read();
                    Plan::build(&graph, self.graph.revision(), fetches, targets, fed_ids)?
                };
                plan.fuse(self);
                Ok(plan)
            })
    }

    /// [`run`](Self::run), with the concurrent schedule forced on or off
    /// (`Some`) or chosen by the plan's `concurrent_work` (`None`).
    fn run_scheduled(
        &self,
        fetches: &[usize],
        mut feeds: Vec<(usize, Value)>,
        targets: &[usize],
        concurrent: Option<bool>,
    ) -> Result<Vec<Option<Value>>> {
        if self.is_closed() {
            return Err(Error::runtime("Attempted to use a closed Session."));
        }
        // One value per fed op, the last one given winning (as a map made of
        // the list would), in op order: the order the plan's feeds are in.
        if feeds.len() > 1 {
            feeds.reverse();
            feeds.sort_by_key(|f| f.0);
            feeds.dedup_by_key(|f| f.0);
        }
        let fed_ids: Vec<usize> = feeds.iter().map(|f| f.0).collect();
        let plan = self.plan(fetches, targets, &fed_ids)?;
        let feeds: Vec<Arc<Value>> = feeds.into_iter().map(|(_, v)| Arc::new(v)).collect();
        // Uses of each value in this run (consumers plus fetches): when the last
        // consumer takes a value no fetch needs, the kernel gets it by ownership
        // and may compute in place (the wrapper arithmetic on large outputs).
        let mut state = RunState {
            memo: vec![None; plan.len()],
            uses: plan.uses.clone(),
        };
        let concurrent = concurrent
            .unwrap_or_else(|| self.pool.current_num_threads() > 1 && plan.concurrent_work);
        if concurrent {
            state = self.run_concurrently(&plan, &feeds, state)?;
        } else {
            let mut sequence = || {
                crate::parallel::with_pool(self.pool.clone(), || -> Result<()> {
                    for p in 0..plan.len() {
                        let value = self.run_at(&plan, p, &feeds, |p| state.take(&plan, p))?;
                        state.keep(p, value);
                    }
                    Ok(())
                })
            };
            // Many ops split across the pool: driven from a pool thread
            // (one hand-off per run, not one per op). Small runs stay here.
            if plan.intra_op_work && self.pool.current_num_threads() > 1 {
                self.pool.install(sequence)?;
            } else {
                sequence()?;
            }
        }
        // Dropped first, so that a fetched fed value is handed out uncopied.
        drop(feeds);
        let RunState { mut memo, mut uses } = state;
        // Hand each fetched value out without copying; copies only for repeats.
        let mut out = Vec::with_capacity(fetches.len());
        for &p in &plan.fetch_pos {
            let v = match RunState::use_once(&mut uses, p)? {
                true => memo[p].take(),
                false => memo[p].clone(),
            };
            out.push(match v {
                Some(Slot::Value(a)) => {
                    Some(Arc::try_unwrap(a).or_else(|shared| shared.try_clone())?)
                }
                // A value computed through an op without a kernel.
                Some(Slot::Shape(s)) => return Err(s.unimplemented()),
                None => None,
            });
        }
        Ok(out)
    }
}

/// The values of one run, by plan position: each kept until its last use.
struct RunState {
    memo: Vec<Option<Slot>>,
    uses: Vec<usize>,
}

impl RunState {
    /// Count one use of position `p`'s value; true for its last.
    fn use_once(uses: &mut [usize], p: usize) -> Result<bool> {
        let left = uses.get_mut(p).ok_or_else(uncounted)?;
        *left = left.checked_sub(1).ok_or_else(uncounted)?;
        Ok(*left == 0)
    }

    /// The inputs of the op at position `p`: the last use of a value takes it
    /// (so the kernel may compute in place), earlier ones share it.
    fn take(&mut self, plan: &Plan, p: usize) -> Result<Vec<Slot>> {
        let ins = &plan.inputs[p];
        let mut inputs = Vec::with_capacity(ins.len());
        for &i in ins {
            let v = match Self::use_once(&mut self.uses, i)? {
                true => self.memo[i].take(),
                false => self.memo[i].clone(),
            };
            inputs.push(v.ok_or_else(|| {
                Error::invalid_argument(format!("input of '{}' has no value", plan.nodes[p].name))
            })?);
        }
        Ok(inputs)
    }

    /// Keep an op's output only if something later uses it: an Assign's
    /// output nobody reads is dropped at once rather than at the end of the
    /// run (else initialising a model held every initial value twice).
    fn keep(&mut self, p: usize, value: Option<Slot>) {
        if self.uses[p] > 0 {
            self.memo[p] = value;
        }
    }
}

impl Session {
    /// Compute the op at plan position `p` (or take its fed value), its
    /// inputs from `take`.
    fn run_at(
        &self,
        plan: &Plan,
        p: usize,
        feeds: &[Arc<Value>],
        take: impl FnOnce(usize) -> Result<Vec<Slot>>,
    ) -> Result<Option<Slot>> {
        if let Some(k) = plan.fed[p] {
            return feeds
                .get(k)
                .cloned()
                .map(|v| Some(Slot::Value(v)))
                .ok_or_else(|| Error::internal("a fed op without its value"));
        }
        if let Some(v) = &plan.consts[p] {
            return Ok(Some(Slot::Value(v.clone())));
        }
        let node = &plan.nodes[p];
        let slots = take(p)?;
        // Ops without a kernel, and ops fed by one, have a shape but no value.
        if !shapes::has_kernel(node) || slots.iter().any(|s| matches!(s, Slot::Shape(_))) {
            return shapes::compute(self.graph.id(), node, &slots).map(Some);
        }
        let mut inputs: Vec<Arc<Value>> = slots
            .into_iter()
            .map(|s| match s {
                Slot::Value(v) => Ok(v),
                Slot::Shape(s) => Err(s.unimplemented()),
            })
            .collect::<Result<_>>()?;
        // A Mul/Add fused into the random op before it: its input is its value.
        if let Some(i) = plan.pass_on[p] {
            return Ok(Some(Slot::Value(inputs.swap_remove(i))));
        }
        let compute = || match plan.epilogue[p] {
            Some(epi) => kernels::random::with_epilogue(epi, || self.compute(node, inputs)),
            None => self.compute(node, inputs),
        };
        let out = match plan.recycle[p].and_then(|v| self.take_unshared(v, node)) {
            Some(old) => kernels::random::with_recycled(old, compute)?,
            None => compute()?,
        };
        Ok(out.map(Slot::Value))
    }

    /// Run one op on its input values, its output shared: a variable read or
    /// an Assign hands out the stored buffer itself, so initialising a
    /// variable writes each value once (the initial value's buffer becomes
    /// the variable's).
    fn compute(&self, node: &Node, mut inputs: Vec<Arc<Value>>) -> Result<Option<Arc<Value>>> {
        match node.def.class {
            Class::Variable => self.read_variable(node).map(Some),
            Class::Assign => {
                // TF 1.15 registers no CPU `Assign` kernel for uint32/uint64.
                if self.target() == crate::op::Target::Tf1
                    && matches!(
                        node.dtype,
                        crate::dtype::DType::UInt32 | crate::dtype::DType::UInt64
                    )
                {
                    return Err(Error::invalid_argument(format!(
                        "No OpKernel was registered to support Op 'Assign' used by node {} \
                         with these attrs: [T=DT_{}]",
                        node.name,
                        node.dtype.name().to_uppercase()
                    )));
                }
                let v = inputs
                    .pop()
                    .ok_or_else(|| Error::internal("Assign without a value"))?;
                self.assign_variable(node, v.clone());
                Ok(Some(v))
            }
            _ => match &node.attrs.kernel {
                Some(k) => Ok(k.run(&node.kernel_args(), inputs, self)?.map(Arc::new)),
                None => Err(Error::internal(format!("'{}' has no kernel", node.name))),
            },
        }
    }

    /// The session's stored value of a variable (shared, not copied: values
    /// are immutable and a consumer copies only if it cannot take ownership).
    pub fn read_variable(&self, node: &Node) -> Result<Arc<Value>> {
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

    /// Store the value an Assign writes in the session (the value itself, no copy).
    fn assign_variable(&self, node: &Node, value: Arc<Value>) {
        if let Some(&var) = node.inputs.first() {
            self.variables
                .write()
                .unwrap_or_else(|e| e.into_inner())
                .insert(var, value);
        }
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
        plan: &Plan,
        feeds: &[Arc<Value>],
        state: RunState,
    ) -> Result<RunState> {
        use std::sync::atomic::AtomicUsize;
        let mut deps = plan.preds.clone();
        let mut last_stateful: Option<usize> = None;
        for (p, d) in deps.iter_mut().enumerate() {
            if matches!(plan.nodes[p].def.class, Class::Variable | Class::Assign) {
                d.extend(last_stateful);
                d.sort_unstable();
                d.dedup();
                last_stateful = Some(p);
            }
        }
        let mut dependents: Vec<Vec<usize>> = vec![Vec::new(); plan.len()];
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
            plan: &'a Plan,
            feeds: &'a [Arc<Value>],
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
            let result = c.session.run_at(c.plan, p, c.feeds, |p| {
                c.state
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .take(c.plan, p)
            });
            match result {
                Ok(value) => c
                    .state
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .keep(p, value),
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
            plan,
            feeds,
            dependents: &dependents,
            pending: &pending,
            state: &state,
            failed: &failed,
        };
        let roots: Vec<usize> = (0..plan.len()).filter(|&p| deps[p].is_empty()).collect();
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

fn uncounted() -> Error {
    Error::internal("a value's uses were not counted")
}

impl RunContext for Session {
    fn reserve(&self, stream: usize, seed: i64, seed2: i64, count: u64) -> PhiloxRandom {
        let mut gens = self.generators.lock().unwrap_or_else(|e| e.into_inner());
        let g = gens.entry(stream).or_insert_with(|| {
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

    fn target(&self) -> crate::op::Target {
        crate::op::Target::of(self.graph.seed_rule())
    }
}

#[cfg(test)]
mod tests;
