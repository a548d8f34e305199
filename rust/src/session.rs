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
        let mut memo: HashMap<usize, Option<Arc<Value>>> = HashMap::with_capacity(order.len());
        crate::parallel::with_pool(self.pool.clone(), || -> Result<()> {
            for id in order {
                let node = &nodes[&id];
                let value = match fed.get(&id) {
                    Some(v) => Some(Arc::new(v.try_clone()?)),
                    None => {
                        let mut inputs = Vec::with_capacity(node.value_inputs().len());
                        for i in node.value_inputs() {
                            let left = uses.get_mut(i).ok_or_else(uncounted)?;
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
