//! Graphs: ops with ids, TF-style unique names, dtypes and static shapes, and
//! the seed state that `tf.set_random_seed` sets.
//!
//! A graph only grows; sessions read it while it grows (TF lets a program add
//! ops after a session was created).

use crate::dtype::DType;
use crate::error::{Error, Result};
use crate::op::{Class, InferCtx, Input, KernelArgs, NodeAttrs, OpDef};
use crate::seed::{SeedRule, SeedState};
use crate::value::Value;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock, RwLockReadGuard, RwLockWriteGuard};

pub use crate::op::{Attrs, Shape};

#[derive(Debug)]
pub struct Node {
    pub id: usize,
    pub name: String,
    /// TF's op type, as built (for messages and Python; the def says what it is).
    pub op_type: String,
    pub def: &'static OpDef,
    pub attrs: NodeAttrs,
    pub inputs: Vec<usize>,
    pub control_inputs: Vec<usize>,
    pub dtype: DType,
    pub shape: Shape,
    /// Whether the value is fixed when the graph is built (a Const, or a
    /// deterministic op of such values): what Grappler would constant-fold,
    /// which changes how some TF kernels shard (StatelessMultinomial).
    pub constant: bool,
    /// Whether a Placeholder is among its ancestors: TF 1.15's Grappler keeps
    /// what a feed may change out of its value rewrites (`x * 0`).
    pub fed: bool,
}

impl Node {
    /// The inputs whose values the op reads (see [`OpDef::value_inputs`]).
    pub fn value_inputs(&self) -> &[usize] {
        self.def.value_inputs(&self.inputs)
    }

    /// Whether the op keeps a per-session random stream.
    pub fn is_stateful_random(&self) -> bool {
        self.def.stateful
    }

    /// A Const's value.
    pub fn const_value(&self) -> Option<&Value> {
        match self.def.class {
            Class::Const => self.attrs.value.as_ref(),
            _ => None,
        }
    }

    /// What the op's kernel sees of it.
    pub fn kernel_args(&self) -> KernelArgs<'_> {
        KernelArgs {
            name: &self.name,
            op_type: &self.op_type,
            dtype: self.dtype,
            shape: &self.shape,
            attrs: &self.attrs,
            constant: self.constant,
            stream: self.id,
        }
    }

    /// What a shape function sees of the op as an input.
    pub fn as_input(&self) -> Input<'_> {
        Input {
            name: &self.name,
            def: self.def,
            dtype: self.dtype,
            shape: self.shape.clone(),
            constant: self.constant,
            value: self.const_value(),
            fed: self.fed,
        }
    }

    /// The same op with another output dtype and static shape.
    fn with_output(&self, dtype: DType, shape: Shape, constant: bool) -> Node {
        Node {
            id: self.id,
            name: self.name.clone(),
            op_type: self.op_type.clone(),
            def: self.def,
            attrs: self.attrs.clone(),
            inputs: self.inputs.clone(),
            control_inputs: self.control_inputs.clone(),
            dtype,
            shape,
            constant,
            fed: self.fed,
        }
    }
}

/// Output bytes from which Grappler's constant folding leaves an op alone
/// when its output is larger than its inputs (measured with TF 2.21: a
/// stateless float32 op of 25599 elements is folded, of 25600 is not).
const FOLD_MAX_BYTES: i64 = 100 * 1024;

fn static_bytes(dtype: DType, shape: &Shape) -> Option<i64> {
    let dims = shape.as_ref()?;
    let mut n: i64 = dtype.size_bytes() as i64;
    for &d in dims {
        if d < 0 {
            return None;
        }
        n = n.checked_mul(d)?;
    }
    Some(n)
}

/// Whether a new op's value is fixed when the graph is built and Grappler's
/// constant folding would evaluate it (a Const, or a deterministic op of such
/// values — stateless random ops included — whose output is not both larger
/// than its inputs and [`FOLD_MAX_BYTES`] or more). Folded ops are evaluated
/// as written, so Grappler's bit-changing rewrites do not apply to them.
pub fn folds(def: &OpDef, attrs: &NodeAttrs, ins: &[Input], dtype: DType, shape: &Shape) -> bool {
    if def.class == Class::Const && attrs.value.is_some() {
        return true;
    }
    let deterministic = def.foldable && attrs.kernel.is_some();
    if !deterministic || ins.is_empty() || !ins.iter().all(|n| n.constant) {
        return false;
    }
    let inputs: Option<i64> = ins.iter().map(|n| static_bytes(n.dtype, &n.shape)).sum();
    match (static_bytes(dtype, shape), inputs) {
        (Some(out), Some(inp)) => out <= inp || out < FOLD_MAX_BYTES,
        _ => true,
    }
}

static NEXT_GRAPH_ID: AtomicU64 = AtomicU64::new(1);

pub struct Graph {
    id: u64,
    /// Bumped whenever an existing node is replaced (`refine_shape`): what a
    /// session's cached run plans, which hold nodes, are checked against.
    /// Adding ops leaves it alone: a plan only holds ops that already exist.
    revision: AtomicU64,
    inner: RwLock<GraphInner>,
}

#[derive(Default)]
pub struct GraphInner {
    pub nodes: Vec<Arc<Node>>,
    by_name: HashMap<String, usize>,
    names_in_use: HashMap<String, usize>,
    pub seeds: SeedState,
}

impl Default for Graph {
    fn default() -> Self {
        Self::new()
    }
}

impl Graph {
    pub fn new() -> Graph {
        Self::with_rule(SeedRule::Counter)
    }

    /// A graph whose graph-seed-only ops take their op seed by `rule`.
    pub fn with_rule(rule: SeedRule) -> Graph {
        let mut inner = GraphInner::default();
        inner.seeds.rule = rule;
        Graph {
            id: NEXT_GRAPH_ID.fetch_add(1, Ordering::Relaxed),
            revision: AtomicU64::new(0),
            inner: RwLock::new(inner),
        }
    }

    pub fn seed_rule(&self) -> SeedRule {
        self.read().seeds.rule
    }

    pub fn id(&self) -> u64 {
        self.id
    }

    /// See the field: changes when a node some plan may hold is replaced.
    pub fn revision(&self) -> u64 {
        self.revision.load(Ordering::Acquire)
    }

    pub fn read(&self) -> RwLockReadGuard<'_, GraphInner> {
        self.inner.read().unwrap_or_else(|e| e.into_inner())
    }

    fn write(&self) -> RwLockWriteGuard<'_, GraphInner> {
        self.inner.write().unwrap_or_else(|e| e.into_inner())
    }

    pub fn node(&self, id: usize) -> Result<Arc<Node>> {
        self.read()
            .nodes
            .get(id)
            .cloned()
            .ok_or_else(|| Error::value(format!("no op with id {id} in this graph")))
    }

    pub fn num_nodes(&self) -> usize {
        self.read().nodes.len()
    }

    pub fn node_by_name(&self, name: &str) -> Option<usize> {
        self.read().by_name.get(name).copied()
    }

    pub fn graph_seed(&self) -> Option<i64> {
        self.write().seeds.graph_seed
    }

    /// `tf.set_random_seed`: the seed as already truncated by [`crate::seed::truncate_seed`].
    pub fn set_graph_seed(&self, seed: Option<i64>) {
        self.write().seeds.graph_seed = seed;
    }

    /// `Tensor.set_shape`: the op's static shape, refined by what Python knows,
    /// so ops built on it later infer from the same shape TF would.
    pub fn refine_shape(&self, id: usize, shape: Shape) -> Result<()> {
        let mut g = self.write();
        let node = g
            .nodes
            .get(id)
            .ok_or_else(|| Error::value(format!("no op with id {id} in this graph")))?;
        let refined = node.with_output(node.dtype, shape, node.constant);
        g.nodes[id] = Arc::new(refined);
        self.revision.fetch_add(1, Ordering::Release);
        Ok(())
    }

    /// `random_seed.get_seed(op_seed)` against this graph.
    pub fn get_seed(&self, op_seed: Option<i64>) -> Option<(i64, i64)> {
        let mut g = self.write();
        let last_id = g.nodes.len();
        g.seeds.get_seed(op_seed, last_id)
    }

    /// TF's `Graph.unique_name`: `name`, then `name_1`, `name_2`, …
    /// (case-insensitively unique, never colliding with a used name).
    pub fn unique_name(&self, name: &str, mark_as_used: bool) -> String {
        let mut g = self.write();
        let key = name.to_lowercase();
        let mut i = g.names_in_use.get(&key).copied().unwrap_or(0);
        if mark_as_used {
            g.names_in_use.insert(key.clone(), i + 1);
        }
        if i == 0 {
            return name.to_string();
        }
        let mut candidate = key.clone();
        while g.names_in_use.contains_key(&candidate) {
            candidate = format!("{key}_{i}");
            i += 1;
        }
        if mark_as_used {
            g.names_in_use.insert(candidate, 1);
        }
        format!("{name}_{}", i - 1)
    }

    /// A Const op of `v` (the tests' graph-building helper).
    #[cfg(test)]
    pub(crate) fn test_const(&self, name: &str, v: Value) -> Arc<Node> {
        let attrs = Attrs {
            value: Some(v),
            ..Default::default()
        };
        self.add_op("Const", name, vec![], vec![], attrs).unwrap()
    }

    /// Add an op; checks inputs, infers dtype and static shape.
    pub fn add_op(
        &self,
        op_type: &str,
        name: &str,
        inputs: Vec<usize>,
        control_inputs: Vec<usize>,
        attrs: Attrs,
    ) -> Result<Arc<Node>> {
        self.add_op_viewed(op_type, name, inputs, control_inputs, attrs, Vec::new())
    }

    /// `add_op` where some inputs are outputs other than the first of their op:
    /// nodes are linked by op, so `views` gives `(input position, dtype, shape)` of
    /// such an output for inference (a node carries its first output's only).
    pub fn add_op_viewed(
        &self,
        op_type: &str,
        name: &str,
        inputs: Vec<usize>,
        control_inputs: Vec<usize>,
        attrs: Attrs,
        views: Vec<(usize, DType, Shape)>,
    ) -> Result<Arc<Node>> {
        let mut g = self.write();
        if g.by_name.contains_key(name) {
            return Err(Error::value(format!(
                "Duplicate node name in graph: '{name}'"
            )));
        }
        for &i in inputs.iter().chain(&control_inputs) {
            if i >= g.nodes.len() {
                return Err(Error::value(format!(
                    "input op id {i} is not in this graph"
                )));
            }
        }
        let mut ins: Vec<Arc<Node>> = inputs.iter().map(|&i| g.nodes[i].clone()).collect();
        for (pos, dtype, shape) in views {
            let Some(n) = ins.get(pos) else {
                return Err(Error::value(format!("input view {pos} is not an input")));
            };
            ins[pos] = Arc::new(n.with_output(dtype, shape, false));
        }
        let def = crate::registry::resolve(op_type);
        let inputs_seen: Vec<Input> = ins.iter().map(|n| n.as_input()).collect();
        let target = crate::op::Target::of(g.seeds.rule);
        let built = (def.infer)(InferCtx {
            op_type,
            name,
            ins: &inputs_seen,
            attrs,
            target,
        })?;
        let constant = folds(def, &built.attrs, &inputs_seen, built.dtype, &built.shape);
        let fed = def.class == crate::op::Class::Placeholder || inputs_seen.iter().any(|i| i.fed);
        drop(inputs_seen);
        let id = g.nodes.len();
        let node = Arc::new(Node {
            id,
            name: name.to_string(),
            op_type: op_type.to_string(),
            def,
            attrs: built.attrs,
            inputs,
            control_inputs,
            dtype: built.dtype,
            shape: built.shape,
            constant,
            fed,
        });
        g.nodes.push(node.clone());
        g.by_name.insert(name.to_string(), id);
        // Names given explicitly also count as used, as in TF.
        let key = name.to_lowercase();
        g.names_in_use.entry(key).or_insert(1);
        Ok(node)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An input that is a later output of its op is inferred from its view, not
    /// from the node (which carries its first output).
    #[test]
    fn input_views_describe_later_outputs() {
        let g = Graph::new();
        let ph = g
            .add_op(
                "Placeholder",
                "p",
                vec![],
                vec![],
                Attrs {
                    dtype: Some(DType::Float32),
                    shape: Some(vec![-1]),
                    ..Default::default()
                },
            )
            .unwrap();
        // A structure-only op of two outputs: int64 [?, 2] indices, float32 [?] values.
        let two = g
            .add_op(
                "SparseReorder",
                "r",
                vec![ph.id],
                vec![],
                Attrs {
                    dtype: Some(DType::Int64),
                    shape: Some(vec![-1, 2]),
                    ..Default::default()
                },
            )
            .unwrap();
        let plain = g
            .add_op("Identity", "i", vec![two.id], vec![], Attrs::default())
            .unwrap();
        assert_eq!(
            (plain.dtype, plain.shape.clone()),
            (DType::Int64, Some(vec![-1, 2]))
        );
        let viewed = g
            .add_op_viewed(
                "Identity",
                "v",
                vec![two.id],
                vec![],
                Attrs::default(),
                vec![(0, DType::Float32, Some(vec![-1]))],
            )
            .unwrap();
        assert_eq!(
            (viewed.dtype, viewed.shape.clone()),
            (DType::Float32, Some(vec![-1]))
        );
        assert_eq!(viewed.inputs, vec![two.id]);
        assert!(g
            .add_op_viewed(
                "Identity",
                "w",
                vec![two.id],
                vec![],
                Attrs::default(),
                vec![(3, DType::Float32, None)]
            )
            .is_err());
    }
}
