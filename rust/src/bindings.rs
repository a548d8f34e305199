//! PyO3 bindings: the `philoxflow._core` extension module.
//!
//! Thin by design: it converts between NumPy arrays and [`Value`]s, maps
//! [`Error`]s to TensorFlow's Python exception classes, releases the GIL while
//! a session runs, and keeps Rust panics from reaching Python.

use crate::dtype::DType;
use crate::error::{Error, ErrorKind};
use crate::graph::{Attrs, Graph};
use crate::philox::Platform;
use crate::seed;
use crate::session::Session;
use crate::value::Value;
use half::{bf16, f16};
use numpy::{IntoPyArray, PyArrayDyn, PyArrayMethods};
use pyo3::exceptions::{PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyTuple;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

mod blocks;

fn to_py_err(py: Python<'_>, e: Error) -> PyErr {
    let class = match e.kind {
        ErrorKind::Value => return PyValueError::new_err(e.message),
        ErrorKind::Type => return PyTypeError::new_err(e.message),
        ErrorKind::Runtime => return PyRuntimeError::new_err(e.message),
        ErrorKind::InvalidArgument => "InvalidArgumentError",
        ErrorKind::ResourceExhausted => "ResourceExhaustedError",
        ErrorKind::FailedPrecondition => "FailedPreconditionError",
        ErrorKind::Unimplemented => "UnimplementedError",
    };
    tf_error(py, class, e.message)
}

/// An instance of `philoxflow.errors.<class>(node_def, op, message)`.
fn tf_error(py: Python<'_>, class: &str, message: String) -> PyErr {
    let made = py
        .import("philoxflow.errors")
        .and_then(|m| m.getattr(class))
        .and_then(|c| c.call1((py.None(), py.None(), message.clone())));
    match made {
        Ok(instance) => PyErr::from_value(instance),
        Err(_) => PyRuntimeError::new_err(message),
    }
}

/// Run `f`, turning a panic into `InternalError` instead of letting it unwind into Python.
fn guarded<T>(py: Python<'_>, f: impl FnOnce() -> Result<T, Error>) -> PyResult<T> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(r) => r.map_err(|e| to_py_err(py, e)),
        Err(panic) => {
            let what = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "unknown panic".to_string());
            Err(tf_error(
                py,
                "InternalError",
                format!("internal error: {what}"),
            ))
        }
    }
}

fn dtype_of(name: &str) -> PyResult<DType> {
    DType::from_name(name).map_err(|e| PyTypeError::new_err(e.message))
}

/// A NumPy array (already of the right dtype) as a [`Value`]. bfloat16 arrives
/// as its uint16 bit patterns, since NumPy has no native bfloat16.
fn value_from_numpy(obj: &Bound<'_, PyAny>, dtype: DType) -> PyResult<Value> {
    fn get<T: numpy::Element + Clone>(obj: &Bound<'_, PyAny>) -> PyResult<ndarray::ArrayD<T>> {
        let arr = obj.downcast::<PyArrayDyn<T>>().map_err(|_| {
            PyTypeError::new_err("internal: array of unexpected dtype passed to _core")
        })?;
        Ok(arr.readonly().as_array().to_owned())
    }
    Ok(match dtype {
        DType::Float16 => Value::F16(get::<f16>(obj)?),
        DType::BFloat16 => Value::BF16(get::<u16>(obj)?.mapv(bf16::from_bits)),
        DType::Float32 => Value::F32(get::<f32>(obj)?),
        DType::Float64 => Value::F64(get::<f64>(obj)?),
        DType::Int32 => Value::I32(get::<i32>(obj)?),
        DType::Int64 => Value::I64(get::<i64>(obj)?),
        DType::Bool => Value::Bool(get::<bool>(obj)?),
        other => {
            return Err(PyTypeError::new_err(format!(
                "dtype {} is not supported by philoxflow",
                other.name()
            )))
        }
    })
}

/// A [`Value`] handed to NumPy without copying its buffer (bfloat16 as uint16 bits).
fn value_to_numpy(py: Python<'_>, v: Value) -> PyObject {
    match v {
        Value::F16(a) => a.into_pyarray(py).into_any().unbind(),
        Value::BF16(a) => a.mapv(|x| x.to_bits()).into_pyarray(py).into_any().unbind(),
        Value::F32(a) => a.into_pyarray(py).into_any().unbind(),
        Value::F64(a) => a.into_pyarray(py).into_any().unbind(),
        Value::I32(a) => a.into_pyarray(py).into_any().unbind(),
        Value::I64(a) => a.into_pyarray(py).into_any().unbind(),
        Value::Bool(a) => a.into_pyarray(py).into_any().unbind(),
    }
}

/// `seed % (2**31 - 1)` for any Python int (NumPy ints too, and beyond 128 bits).
#[pyfunction]
fn truncate_seed(seed: &Bound<'_, PyAny>) -> PyResult<i64> {
    let index = seed.call_method0("__index__").map_err(|_| {
        PyTypeError::new_err(format!(
            "seed must be an integer, got {}",
            seed.get_type()
                .name()
                .map(|n| n.to_string())
                .unwrap_or_default()
        ))
    })?;
    if let Ok(v) = index.extract::<i128>() {
        return Ok(seed::truncate_seed(v));
    }
    index.rem(seed::MAXINT32)?.extract::<i64>()
}

#[pyclass(name = "Graph", module = "philoxflow._core", frozen)]
struct PyGraph {
    inner: Arc<Graph>,
}

#[pymethods]
impl PyGraph {
    /// `seed_rule`: "counter" (TF 2.x) or "last_id" (TF 1.x).
    #[new]
    #[pyo3(signature = (seed_rule = "counter"))]
    fn new(seed_rule: &str) -> PyResult<Self> {
        let rule = match seed_rule {
            "counter" => seed::SeedRule::Counter,
            "last_id" => seed::SeedRule::LastId,
            other => {
                return Err(PyValueError::new_err(format!(
                    "unknown seed rule {other:?}"
                )))
            }
        };
        Ok(PyGraph {
            inner: Arc::new(Graph::with_rule(rule)),
        })
    }

    #[getter]
    fn id(&self) -> u64 {
        self.inner.id()
    }

    /// The truncated graph seed, or None.
    #[getter]
    fn seed(&self) -> Option<i64> {
        self.inner.graph_seed()
    }

    #[pyo3(signature = (seed = None))]
    fn set_seed(&self, seed: Option<&Bound<'_, PyAny>>) -> PyResult<()> {
        let s = seed.map(truncate_seed).transpose()?;
        self.inner.set_graph_seed(s);
        Ok(())
    }

    /// TF's `random_seed.get_seed(op_seed)` for this graph.
    #[pyo3(signature = (op_seed = None))]
    fn resolve_seed(
        &self,
        op_seed: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<(Option<i64>, Option<i64>)> {
        let o = op_seed.map(truncate_seed).transpose()?;
        Ok(match self.inner.get_seed(o) {
            Some((a, b)) => (Some(a), Some(b)),
            None => (None, None),
        })
    }

    #[pyo3(signature = (name, mark_as_used = true))]
    fn unique_name(&self, name: &str, mark_as_used: bool) -> String {
        self.inner.unique_name(name, mark_as_used)
    }

    /// Add an op. Returns `(id, dtype name, static shape or None)`.
    #[pyo3(signature = (op_type, name, inputs, control_inputs = vec![], dtype = None, seeds = None, value = None, shape = None, ints = vec![]))]
    #[allow(clippy::too_many_arguments)]
    fn add_op(
        &self,
        py: Python<'_>,
        op_type: &str,
        name: &str,
        inputs: Vec<usize>,
        control_inputs: Vec<usize>,
        dtype: Option<&str>,
        seeds: Option<(i64, i64)>,
        value: Option<&Bound<'_, PyAny>>,
        shape: Option<Vec<i64>>,
        ints: Vec<i64>,
    ) -> PyResult<(usize, String, Option<Vec<i64>>)> {
        let dtype = dtype.map(dtype_of).transpose()?;
        let value = match (value, dtype) {
            (Some(v), Some(d)) => Some(value_from_numpy(v, d)?),
            (Some(_), None) => return Err(PyValueError::new_err("a value needs its dtype")),
            _ => None,
        };
        let attrs = Attrs {
            dtype,
            seeds,
            value,
            shape,
            ints,
        };
        let node = guarded(py, || {
            self.inner
                .add_op(op_type, name, inputs, control_inputs, attrs)
        })?;
        Ok((node.id, node.dtype.name().to_string(), node.shape.clone()))
    }

    fn num_ops(&self) -> usize {
        self.inner.num_nodes()
    }

    /// `(name, op_type, dtype, shape, inputs, control_inputs)` of an op.
    fn op_info(&self, py: Python<'_>, id: usize) -> PyResult<Py<PyTuple>> {
        let n = guarded(py, || self.inner.node(id))?;
        Ok(PyTuple::new(
            py,
            [
                n.name.clone().into_pyobject(py)?.into_any(),
                n.op_type.clone().into_pyobject(py)?.into_any(),
                n.dtype.name().into_pyobject(py)?.into_any(),
                n.shape.clone().into_pyobject(py)?.into_any(),
                n.inputs.clone().into_pyobject(py)?.into_any(),
                n.control_inputs.clone().into_pyobject(py)?.into_any(),
            ],
        )?
        .unbind())
    }

    fn op_by_name(&self, name: &str) -> Option<usize> {
        self.inner.node_by_name(name)
    }

    /// TF's attributes of an op by name (`Operation.get_attr`).
    fn op_attrs<'py>(
        &self,
        py: Python<'py>,
        id: usize,
    ) -> PyResult<Bound<'py, pyo3::types::PyDict>> {
        blocks::op_attrs(py, &self.inner, id)
    }

    /// The resolved `(seed, seed2)` attrs of a stateful random op, else None.
    fn op_seeds(&self, py: Python<'_>, id: usize) -> PyResult<Option<(i64, i64)>> {
        let n = guarded(py, || self.inner.node(id))?;
        Ok(crate::bitgen::op_seeds(&n))
    }

    /// Philox blocks one run of a stateful random op reserves, from static
    /// shapes; None if they are not fully known or the op has no stream.
    fn op_blocks_per_run(&self, py: Python<'_>, id: usize) -> PyResult<Option<u64>> {
        let n = guarded(py, || self.inner.node(id))?;
        Ok(crate::bitgen::blocks_per_run(&self.inner, &n))
    }

    /// The value of a Const op (for static shape inference in wrappers), else None.
    fn constant_value(&self, py: Python<'_>, id: usize) -> PyResult<Option<PyObject>> {
        let n = guarded(py, || self.inner.node(id))?;
        Ok(match &n.kind {
            crate::graph::OpKind::Const(v) => Some(value_to_numpy(py, v.clone())),
            _ => None,
        })
    }
}

#[pyclass(name = "Session", module = "philoxflow._core", frozen)]
struct PySession {
    inner: Arc<Session>,
}

#[pymethods]
impl PySession {
    #[new]
    #[pyo3(signature = (graph, threads = 0))]
    fn new(graph: &PyGraph, threads: usize) -> Self {
        PySession {
            inner: Arc::new(Session::new(graph.inner.clone(), threads)),
        }
    }

    /// Run: `fetches` op ids, `feeds` (op id, array, dtype name) triples,
    /// `targets` ops run for effect. Returns one array (or None) per fetch.
    /// The GIL is released while the graph runs.
    #[pyo3(signature = (fetches, feeds = vec![], targets = vec![]))]
    fn run(
        &self,
        py: Python<'_>,
        fetches: Vec<usize>,
        feeds: Vec<(usize, Bound<'_, PyAny>, String)>,
        targets: Vec<usize>,
    ) -> PyResult<Vec<PyObject>> {
        let feeds = feeds
            .iter()
            .map(|(id, arr, d)| Ok((*id, value_from_numpy(arr, dtype_of(d)?)?)))
            .collect::<PyResult<Vec<_>>>()?;
        let session = self.inner.clone();
        let result = py.allow_threads(move || {
            catch_unwind(AssertUnwindSafe(|| session.run(&fetches, feeds, &targets)))
        });
        let values = guarded(py, || match result {
            Ok(r) => r,
            Err(p) => std::panic::resume_unwind(p),
        })?;
        Ok(values
            .into_iter()
            .map(|v| match v {
                Some(v) => value_to_numpy(py, v),
                None => py.None(),
            })
            .collect())
    }

    fn close(&self) {
        self.inner.close();
    }

    /// Reserve a run of random op `id` with output `shape` as `run` would;
    /// returns the generator state that run starts from, `(counter, key)`.
    fn reserve_run(
        &self,
        py: Python<'_>,
        id: usize,
        shape: Vec<usize>,
    ) -> PyResult<([u32; 4], [u32; 2])> {
        blocks::reserve_run(py, &self.inner, id, shape)
    }

    #[getter]
    fn closed(&self) -> bool {
        self.inner.is_closed()
    }

    #[getter]
    fn threads(&self) -> usize {
        self.inner.threads()
    }

    #[getter]
    fn graph_id(&self) -> u64 {
        self.inner.graph().id()
    }
}

/// The active Philox backend's name.
#[pyfunction]
fn backend() -> PyResult<&'static str> {
    Platform::try_active()
        .map(|p| p.name())
        .map_err(PyValueError::new_err)
}

/// Every backend this CPU supports.
#[pyfunction]
fn available_backends() -> Vec<&'static str> {
    Platform::available()
        .into_iter()
        .map(|p| p.name())
        .collect()
}

/// Threads large fills use by default.
#[pyfunction]
fn default_threads() -> usize {
    crate::parallel::default_threads()
}

#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    // An unavailable PHILOXFLOW_BACKEND is an import error, never a silent fallback.
    Platform::try_active().map_err(PyValueError::new_err)?;
    m.add_class::<PyGraph>()?;
    m.add_class::<PySession>()?;
    m.add_class::<crate::bitgen::py::TFPhiloxCore>()?;
    m.add_function(wrap_pyfunction!(truncate_seed, m)?)?;
    m.add_function(wrap_pyfunction!(backend, m)?)?;
    m.add_function(wrap_pyfunction!(available_backends, m)?)?;
    m.add_function(wrap_pyfunction!(default_threads, m)?)?;
    m.add_function(wrap_pyfunction!(blocks::eval_block, m)?)?;
    m.add("MAXINT32", seed::MAXINT32)?;
    m.add("DEFAULT_GRAPH_SEED", seed::DEFAULT_GRAPH_SEED)?;
    Ok(())
}
