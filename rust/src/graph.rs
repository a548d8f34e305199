//! Graphs: ops with ids, TF-style unique names, dtypes and static shapes, and
//! the seed state that `tf.set_random_seed` sets.
//!
//! A graph only grows; sessions read it while it grows (TF lets a program add
//! ops after a session was created).

use crate::dtype::DType;
use crate::error::{Error, Result};
use crate::seed::{SeedRule, SeedState};
use crate::value::Value;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock, RwLockReadGuard, RwLockWriteGuard};

/// A static shape: `None` for unknown rank, `-1` for an unknown dimension.
pub type Shape = Option<Vec<i64>>;

/// What an op computes. Random ops carry their resolved `(seed, seed2)` attrs.
#[derive(Clone, Debug)]
pub enum OpKind {
    Const(Value),
    Placeholder,
    /// Stateful random ops: inputs and attributes as in TensorFlow.
    Random(RandomOp),
    Binary(BinaryOp),
    /// Constants, sequences, slicing and broadcasting.
    Array(crate::kernels::array::ArrayOp),
    Neg,
    Cast,
    Identity,
    /// Output: the 1-D int32 shape of its input.
    ShapeOf,
    /// A variable's storage in each session (TF's `VariableV2`).
    Variable,
    /// `Assign(variable, value)`: stores `value` in the session, outputs it.
    Assign,
    /// Runs its control inputs, outputs nothing (initializers' group op).
    NoOp,
    /// Other kernels (tier 2): an op type name and integer attributes.
    Extra(ExtraOp),
    /// TF 1.x model-code ops (`kernels::structural`), some build-only.
    Struct(crate::kernels::structural::StructOp),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RandomKind {
    Uniform,
    UniformInt,
    Normal,
    TruncatedNormal,
}

#[derive(Clone, Copy, Debug)]
pub struct RandomOp {
    pub kind: RandomKind,
    pub seed: i64,
    pub seed2: i64,
}

#[derive(Clone, Debug)]
pub struct ExtraOp {
    pub op_type: String,
    pub seed: i64,
    pub seed2: i64,
    pub ints: Vec<i64>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinaryOp {
    Add,
    Sub,
    Mul,
    RealDiv,
    /// `RealDiv(x, y)` with a constant `y` and a non-constant `x`: Grappler's
    /// constant folding rewrites it to `Mul(x, Reciprocal(y))`, with the
    /// reciprocal rounded in the dtype — which changes the result's bits.
    MulReciprocal,
    /// `Add(x, 0)` / `Add(0, y)` where the other operand has the output's
    /// shape: Grappler replaces the op by that operand (keeping a `-0.0`
    /// that the addition would turn into `+0.0`).
    FirstOperand,
    SecondOperand,
    /// `Sub(0, y)` with `y` of the output's shape: Grappler's `Neg(y)` (so
    /// `0 - 0.0` is `-0.0`).
    NegSecond,
    FloorDiv,
    FloorMod,
    Maximum,
    Minimum,
}

impl BinaryOp {
    pub fn from_op_type(op_type: &str) -> Option<BinaryOp> {
        Some(match op_type {
            "AddV2" | "Add" => BinaryOp::Add,
            "Sub" => BinaryOp::Sub,
            "Mul" => BinaryOp::Mul,
            "RealDiv" => BinaryOp::RealDiv,
            "FloorDiv" => BinaryOp::FloorDiv,
            "FloorMod" => BinaryOp::FloorMod,
            "Maximum" => BinaryOp::Maximum,
            "Minimum" => BinaryOp::Minimum,
            _ => return None,
        })
    }
}

#[derive(Debug)]
pub struct Node {
    pub id: usize,
    pub name: String,
    pub op_type: String,
    pub kind: OpKind,
    pub inputs: Vec<usize>,
    pub control_inputs: Vec<usize>,
    pub dtype: DType,
    pub shape: Shape,
    /// Whether the value is fixed when the graph is built (a Const, or a
    /// deterministic op of such values): what Grappler would constant-fold,
    /// which changes how some TF kernels shard (StatelessMultinomial).
    pub constant: bool,
}

impl Node {
    /// The inputs whose values the op reads: an Assign writes its variable
    /// rather than reading it, so its first input is a reference, not a value.
    pub fn value_inputs(&self) -> &[usize] {
        match self.kind {
            OpKind::Assign => &self.inputs[1..],
            // Assert reads only its condition; its data are for the message.
            OpKind::Struct(crate::kernels::structural::StructOp::Assert) => &self.inputs[..1],
            _ => &self.inputs,
        }
    }

    /// Whether the op keeps a per-session random stream (the registry says).
    pub fn is_stateful_random(&self) -> bool {
        crate::kernels::registry::lookup(&self.op_type).is_some_and(|d| d.stateful)
    }
}

/// Attributes of a new op, as the bindings collect them.
#[derive(Clone, Debug, Default)]
pub struct Attrs {
    pub dtype: Option<DType>,
    pub seeds: Option<(i64, i64)>,
    pub value: Option<Value>,
    pub shape: Shape,
    pub ints: Vec<i64>,
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
        let refined = Node {
            id: node.id,
            name: node.name.clone(),
            op_type: node.op_type.clone(),
            kind: node.kind.clone(),
            inputs: node.inputs.clone(),
            control_inputs: node.control_inputs.clone(),
            dtype: node.dtype,
            shape,
            constant: node.constant,
        };
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
            ins[pos] = Arc::new(Node {
                id: n.id,
                name: n.name.clone(),
                op_type: n.op_type.clone(),
                kind: n.kind.clone(),
                inputs: n.inputs.clone(),
                control_inputs: n.control_inputs.clone(),
                dtype,
                shape,
                constant: false,
            });
        }
        let (kind, dtype, shape) = crate::kernels::infer(op_type, name, &ins, attrs)?;
        let constant = crate::kernels::folds(&kind, &ins, dtype, &shape);
        let id = g.nodes.len();
        let node = Arc::new(Node {
            id,
            name: name.to_string(),
            op_type: op_type.to_string(),
            kind,
            inputs,
            control_inputs,
            dtype,
            shape,
            constant,
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
