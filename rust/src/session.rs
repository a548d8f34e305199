//! Sessions: run parts of a graph, keeping each stateful op's generator.
//!
//! As in TensorFlow, every session builds its own kernels, so each random op
//! restarts from its seeds in a new session and advances with every run of
//! this one. Concurrent runs are safe: a run holds the generator lock only to
//! reserve its counter range, then generates without it.

use crate::error::{Error, Result};
use crate::graph::{Graph, Node};
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
    variables: RwLock<HashMap<usize, Value>>,
    pool: Arc<ThreadPool>,
}

impl Session {
    /// A session on `graph`; `threads` is `intra_op_parallelism_threads` (0: default).
    pub fn new(graph: Arc<Graph>, threads: usize) -> Session {
        Session {
            graph,
            closed: AtomicBool::new(false),
            generators: Mutex::new(HashMap::new()),
            variables: RwLock::new(HashMap::new()),
            pool: crate::parallel::pool(threads),
        }
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
        if self.is_closed() {
            return Err(Error::runtime("Attempted to use a closed Session."));
        }
        let nodes = self.graph.read().nodes.clone();
        let fed: HashMap<usize, Value> = feeds.into_iter().collect();
        for &id in fetches.iter().chain(targets).chain(fed.keys()) {
            if id >= nodes.len() {
                return Err(Error::invalid_argument(format!(
                    "op id {id} is not an element of this graph"
                )));
            }
        }
        let order = topological_order(&nodes, fetches.iter().chain(targets).copied(), &fed);
        // Uses of each value in this run (consumers plus fetches): when the last
        // consumer takes a value no fetch needs, the kernel gets it by ownership
        // and may compute in place (the wrapper arithmetic on large outputs).
        let mut uses: HashMap<usize, usize> = HashMap::with_capacity(order.len());
        for &id in &order {
            if !fed.contains_key(&id) {
                for &i in nodes[id].value_inputs() {
                    *uses.entry(i).or_default() += 1;
                }
            }
        }
        for &id in fetches {
            *uses.entry(id).or_default() += 1;
        }
        let mut memo: HashMap<usize, Option<Arc<Value>>> = HashMap::with_capacity(order.len());
        crate::parallel::with_pool(self.pool.clone(), || -> Result<()> {
            for id in order {
                let node = &nodes[id];
                let value = match fed.get(&id) {
                    Some(v) => Some(Arc::new(v.clone())),
                    None => {
                        let mut inputs = Vec::with_capacity(node.value_inputs().len());
                        for i in node.value_inputs() {
                            let left = uses.get_mut(i).expect("counted");
                            *left -= 1;
                            let v = if *left == 0 {
                                memo.remove(i).flatten()
                            } else {
                                memo.get(i).cloned().flatten()
                            };
                            inputs.push(v.ok_or_else(|| {
                                Error::invalid_argument(format!(
                                    "input of '{}' has no value",
                                    node.name
                                ))
                            })?);
                        }
                        kernels::compute(node, inputs, self)?.map(Arc::new)
                    }
                };
                memo.insert(id, value);
            }
            Ok(())
        })?;
        // Hand each fetched value out without copying; copies only for repeats.
        let mut out = Vec::with_capacity(fetches.len());
        for &id in fetches {
            let left = uses.get_mut(&id).expect("counted");
            *left -= 1;
            let v = if *left == 0 {
                memo.remove(&id).flatten()
            } else {
                memo.get(&id).cloned().flatten()
            };
            out.push(v.map(|a| Arc::try_unwrap(a).unwrap_or_else(|shared| (*shared).clone())));
        }
        Ok(out)
    }
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

    fn read_variable(&self, node: &Node) -> Result<Value> {
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

    fn assign_variable(&self, node: &Node, value: Value) {
        self.variables
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .insert(node.inputs[0], value);
    }
}
