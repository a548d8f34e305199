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
use numpy::{IntoPyArray, PyArrayDyn, PyArrayMethods, PyUntypedArrayMethods};
use pyo3::exceptions::{PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyTuple;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

mod blocks;
mod pooled;

fn to_py_err(py: Python<'_>, e: Error) -> PyErr {
    let class = match e.kind {
        ErrorKind::Value => return PyValueError::new_err(e.message),
        ErrorKind::Type => return PyTypeError::new_err(e.message),
        ErrorKind::Runtime => return PyRuntimeError::new_err(e.message),
        ErrorKind::InvalidArgument => "InvalidArgumentError",
        ErrorKind::ResourceExhausted => "ResourceExhaustedError",
        ErrorKind::FailedPrecondition => "FailedPreconditionError",
        ErrorKind::Unimplemented => "UnimplementedError",
        ErrorKind::NotFound => "NotFoundError",
        ErrorKind::Internal => "InternalError",
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

/// A caught panic's message.
fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_else(|| "unknown panic".to_string())
}

/// Run `f`, turning a panic into `InternalError` instead of letting it unwind
/// into Python (where PyO3 would raise `PanicException`, which is no
/// `Exception`). Every entry point of the module runs inside one; panics in
/// the rayon pool reach here too, since rayon resumes them on the thread
/// that waits for the parallel work.
fn guarded<T>(py: Python<'_>, f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(panic) => Err(tf_error(
            py,
            "InternalError",
            format!("internal error: {}", panic_message(&*panic)),
        )),
    }
}

/// A core [`Error`] as its Python exception.
trait IntoPy<T> {
    fn py(self, py: Python<'_>) -> PyResult<T>;
}

impl<T> IntoPy<T> for Result<T, Error> {
    fn py(self, py: Python<'_>) -> PyResult<T> {
        self.map_err(|e| to_py_err(py, e))
    }
}

fn dtype_of(name: &str) -> PyResult<DType> {
    DType::from_name(name).map_err(|e| PyTypeError::new_err(e.message))
}

/// A NumPy array (already of the right dtype) as a [`Value`]. bfloat16 arrives
/// as its uint16 bit patterns, since NumPy has no native bfloat16.
fn value_from_numpy(obj: &Bound<'_, PyAny>, dtype: DType) -> PyResult<Value> {
    let py = obj.py();
    fn get<T: numpy::Element + Clone + crate::alloc::TfName>(
        obj: &Bound<'_, PyAny>,
    ) -> PyResult<ndarray::ArrayD<T>> {
        let py = obj.py();
        let arr = obj.downcast::<PyArrayDyn<T>>().map_err(|_| {
            PyTypeError::new_err("internal: array of unexpected dtype passed to _core")
        })?;
        let shape = arr.shape().to_vec();
        if shape.len() <= 32 {
            return crate::alloc::try_to_owned(arr.readonly().as_array()).py(py);
        }
        // rust-numpy views at most 32 dimensions: copy through a flat view.
        let flat = obj.call_method1("reshape", (-1,))?;
        let flat = flat.downcast::<PyArrayDyn<T>>().map_err(|_| {
            PyTypeError::new_err("internal: array of unexpected dtype passed to _core")
        })?;
        let data =
            crate::alloc::try_flat(&crate::alloc::try_to_owned(flat.readonly().as_array()).py(py)?)
                .py(py)?;
        crate::alloc::shaped(&shape, data).py(py)
    }
    Ok(match dtype {
        DType::Float16 => Value::F16(get::<f16>(obj)?),
        DType::BFloat16 => {
            Value::BF16(crate::alloc::try_map(&get::<u16>(obj)?, |&b| bf16::from_bits(b)).py(py)?)
        }
        DType::Float32 => Value::F32(get::<f32>(obj)?),
        DType::Float64 => Value::F64(get::<f64>(obj)?),
        DType::Int32 => Value::I32(get::<i32>(obj)?),
        DType::Int64 => Value::I64(get::<i64>(obj)?),
        DType::Bool => Value::Bool(get::<bool>(obj)?),
        DType::Int8 => Value::I8(get::<i8>(obj)?),
        DType::Int16 => Value::I16(get::<i16>(obj)?),
        DType::UInt8 => Value::U8(get::<u8>(obj)?),
        DType::UInt16 => Value::U16(get::<u16>(obj)?),
        DType::UInt32 => Value::U32(get::<u32>(obj)?),
        DType::UInt64 => Value::U64(get::<u64>(obj)?),
        DType::Complex64 => Value::C64(get::<crate::value::Complex32>(obj)?),
        DType::Complex128 => Value::C128(get::<crate::value::Complex64>(obj)?),
        DType::String => Value::Str(strings_from_numpy(obj)?),
    })
}

/// A NumPy object array of `bytes` (or a bytes scalar) as a string tensor.
fn strings_from_numpy(obj: &Bound<'_, PyAny>) -> PyResult<ndarray::ArrayD<crate::value::Bytes>> {
    let py = obj.py();
    let np = py.import("numpy")?;
    let arr = np.call_method1("asarray", (obj,))?;
    let shape: Vec<usize> = arr.getattr("shape")?.extract()?;
    let items = arr.call_method1("reshape", (-1,))?.call_method0("tolist")?;
    let mut data = Vec::new();
    for item in items.try_iter()? {
        let item = item?;
        let bytes: Vec<u8> = if let Ok(b) = item.downcast::<pyo3::types::PyBytes>() {
            b.as_bytes().to_vec()
        } else if let Ok(s) = item.downcast::<pyo3::types::PyString>() {
            s.extract::<String>()?.into_bytes()
        } else {
            return Err(PyTypeError::new_err(format!(
                "Expected bytes or str in a string tensor, got {}",
                item.get_type().name()?
            )));
        };
        data.push(bytes);
    }
    crate::alloc::shaped(&shape, data).py(py)
}

/// NumPy's limit on dimensions (`NPY_MAXDIMS`), read once from NumPy.
fn numpy_max_dims(py: Python<'_>) -> usize {
    static MAX: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *MAX.get_or_init(|| {
        // NumPy 2 holds 64 dimensions, NumPy 1 holds 32.
        py.import("numpy")
            .and_then(|np| np.getattr("__version__"))
            .and_then(|v| v.extract::<String>())
            .map(|v| if v.starts_with("1.") { 32 } else { 64 })
            .unwrap_or(32)
    })
}

/// Arrays NumPy cannot hold (too many dimensions, or non-zero dimensions
/// whose byte size passes `intp` even when a zero makes them empty) are TF's
/// "Could not allocate ndarray" `InternalError`.
fn check_numpy_can_hold<T>(py: Python<'_>, shape: &[usize]) -> PyResult<()> {
    let mut bytes = std::mem::size_of::<T>() as u128;
    for &d in shape.iter().filter(|&&d| d != 0) {
        bytes = bytes.saturating_mul(d as u128);
    }
    if shape.len() > numpy_max_dims(py) || bytes > isize::MAX as u128 {
        return Err(to_py_err(py, crate::alloc::numpy_cannot_hold()));
    }
    Ok(())
}

/// One array to NumPy without copying its buffer.
fn array_to_numpy<T: numpy::Element + Clone + crate::alloc::TfName>(
    py: Python<'_>,
    a: ndarray::ArrayD<T>,
) -> PyResult<PyObject> {
    let shape = a.shape().to_vec();
    check_numpy_can_hold::<T>(py, &shape)?;
    if shape.len() <= 32 {
        return Ok(a.into_pyarray(py).into_any().unbind());
    }
    // rust-numpy builds at most 32 dimensions: hand over a flat array and
    // let NumPy reshape it (a view, no copy).
    let a = if a.is_standard_layout() {
        a
    } else {
        crate::alloc::try_to_owned(a.view()).py(py)?
    };
    let (flat, _) = a.into_raw_vec_and_offset();
    let arr = flat.into_pyarray(py).into_any();
    Ok(arr.call_method1("reshape", (shape,))?.unbind())
}

/// A numeric array to NumPy without copying; a large buffer goes back to the
/// output cache when NumPy frees it ([`crate::bufpool`]).
fn numbers_to_numpy<T>(py: Python<'_>, a: ndarray::ArrayD<T>) -> PyResult<PyObject>
where
    T: numpy::Element + crate::alloc::TfName + crate::bufpool::AnyBits,
{
    check_numpy_can_hold::<T>(py, a.shape())?;
    match pooled::try_cached(py, a)? {
        Ok(arr) => Ok(arr),
        Err(a) => array_to_numpy(py, a),
    }
}

/// A [`Value`] handed to NumPy without copying its buffer (bfloat16 as uint16 bits).
fn value_to_numpy(py: Python<'_>, v: Value) -> PyResult<PyObject> {
    match v {
        Value::F16(a) => numbers_to_numpy(py, a),
        Value::BF16(a) => {
            let bits = crate::alloc::try_map(&a, |x| x.to_bits()).py(py)?;
            numbers_to_numpy(py, bits)
        }
        Value::F32(a) => numbers_to_numpy(py, a),
        Value::F64(a) => numbers_to_numpy(py, a),
        Value::I32(a) => numbers_to_numpy(py, a),
        Value::I64(a) => numbers_to_numpy(py, a),
        Value::Bool(a) => array_to_numpy(py, a),
        Value::I8(a) => array_to_numpy(py, a),
        Value::I16(a) => array_to_numpy(py, a),
        Value::U8(a) => array_to_numpy(py, a),
        Value::U16(a) => array_to_numpy(py, a),
        Value::U32(a) => array_to_numpy(py, a),
        Value::U64(a) => array_to_numpy(py, a),
        Value::C64(a) => array_to_numpy(py, a),
        Value::C128(a) => array_to_numpy(py, a),
        Value::Str(a) => strings_to_numpy(py, a),
    }
}

/// A string tensor as TF fetches it: a NumPy object array of `bytes` (0-d for a
/// scalar; `Session.run` unwraps it to `bytes`).
fn strings_to_numpy(py: Python<'_>, a: ndarray::ArrayD<crate::value::Bytes>) -> PyResult<PyObject> {
    let np = py.import("numpy")?;
    let shape = a.shape().to_vec();
    let out = np.call_method1("empty", (shape.clone(), "O"))?;
    let flat = out.call_method1("reshape", (-1,))?;
    for (i, s) in a.iter().enumerate() {
        flat.set_item(i, pyo3::types::PyBytes::new(py, s))?;
    }
    Ok(out.unbind())
}

/// `seed % (2**31 - 1)` for any Python int (NumPy ints too, and beyond 128 bits).
fn truncate_seed_of(seed: &Bound<'_, PyAny>) -> PyResult<i64> {
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

#[pyfunction]
fn truncate_seed(py: Python<'_>, seed: &Bound<'_, PyAny>) -> PyResult<i64> {
    guarded(py, || truncate_seed_of(seed))
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
    fn new(py: Python<'_>, seed_rule: &str) -> PyResult<Self> {
        let rule = match seed_rule {
            "counter" => seed::SeedRule::Counter,
            "last_id" => seed::SeedRule::LastId,
            other => {
                return Err(PyValueError::new_err(format!(
                    "unknown seed rule {other:?}"
                )))
            }
        };
        guarded(py, || {
            Ok(PyGraph {
                inner: Arc::new(Graph::with_rule(rule)),
            })
        })
    }

    #[getter]
    fn id(&self) -> u64 {
        self.inner.id()
    }

    /// The truncated graph seed, or None.
    #[getter]
    fn seed(&self, py: Python<'_>) -> PyResult<Option<i64>> {
        guarded(py, || Ok(self.inner.graph_seed()))
    }

    #[pyo3(signature = (seed = None))]
    fn set_seed(&self, py: Python<'_>, seed: Option<&Bound<'_, PyAny>>) -> PyResult<()> {
        guarded(py, || {
            let s = seed.map(truncate_seed_of).transpose()?;
            self.inner.set_graph_seed(s);
            Ok(())
        })
    }

    /// TF's `random_seed.get_seed(op_seed)` for this graph.
    #[pyo3(signature = (op_seed = None))]
    fn resolve_seed(
        &self,
        py: Python<'_>,
        op_seed: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<(Option<i64>, Option<i64>)> {
        guarded(py, || {
            let o = op_seed.map(truncate_seed_of).transpose()?;
            Ok(match self.inner.get_seed(o) {
                Some((a, b)) => (Some(a), Some(b)),
                None => (None, None),
            })
        })
    }

    #[pyo3(signature = (name, mark_as_used = true))]
    fn unique_name(&self, py: Python<'_>, name: &str, mark_as_used: bool) -> PyResult<String> {
        guarded(py, || Ok(self.inner.unique_name(name, mark_as_used)))
    }

    /// Add an op. Returns `(id, dtype name, static shape or None)`.
    #[pyo3(signature = (op_type, name, inputs, control_inputs = vec![], dtype = None, seeds = None, value = None, shape = None, ints = vec![], input_views = vec![]))]
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
        input_views: Vec<(usize, String, Option<Vec<i64>>)>,
    ) -> PyResult<(usize, String, Option<Vec<i64>>)> {
        guarded(py, || {
            let dtype = dtype.map(dtype_of).transpose()?;
            let views = input_views
                .into_iter()
                .map(|(pos, d, s)| Ok((pos, dtype_of(&d)?, s)))
                .collect::<PyResult<Vec<_>>>()?;
            let value = match (value, dtype) {
                (Some(v), Some(d)) => Some(value_from_numpy(v, d)?),
                (Some(_), None) => return Err(PyValueError::new_err("a value needs its dtype")),
                _ => None,
            };
            if let Some(s) = &shape {
                if s.len() > crate::alloc::MAX_DIMS {
                    return Err(PyValueError::new_err(format!(
                        "Shape {s:?} has too many dimensions ({} > {})",
                        s.len(),
                        crate::alloc::MAX_DIMS
                    )));
                }
            }
            let attrs = Attrs {
                dtype,
                seeds,
                value,
                shape,
                ints,
            };
            // Graph building needs no GIL: other Python threads may build too.
            let graph = self.inner.clone();
            let (op_type, name) = (op_type.to_string(), name.to_string());
            let node = py
                .allow_threads(move || {
                    catch_unwind(AssertUnwindSafe(|| {
                        graph.add_op_viewed(&op_type, &name, inputs, control_inputs, attrs, views)
                    }))
                })
                .unwrap_or_else(|p| std::panic::resume_unwind(p))
                .py(py)?;
            Ok((node.id, node.dtype.name().to_string(), node.shape.clone()))
        })
    }

    fn num_ops(&self, py: Python<'_>) -> PyResult<usize> {
        guarded(py, || Ok(self.inner.num_nodes()))
    }

    /// `(name, op_type, dtype, shape, inputs, control_inputs)` of an op.
    fn op_info(&self, py: Python<'_>, id: usize) -> PyResult<Py<PyTuple>> {
        guarded(py, || {
            let n = self.inner.node(id).py(py)?;
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
        })
    }

    fn op_by_name(&self, py: Python<'_>, name: &str) -> PyResult<Option<usize>> {
        guarded(py, || Ok(self.inner.node_by_name(name)))
    }

    /// TF's attributes of an op by name (`Operation.get_attr`).
    fn op_attrs<'py>(
        &self,
        py: Python<'py>,
        id: usize,
    ) -> PyResult<Bound<'py, pyo3::types::PyDict>> {
        blocks::op_attrs(py, &self.inner, id)
    }

    /// Refine op `id`'s static shape (`Tensor.set_shape`); `None` dims unknown.
    #[pyo3(signature = (id, shape))]
    fn refine_shape(&self, py: Python<'_>, id: usize, shape: Option<Vec<i64>>) -> PyResult<()> {
        guarded(py, || self.inner.refine_shape(id, shape).py(py))
    }

    /// The resolved `(seed, seed2)` attrs of a stateful random op, else None.
    fn op_seeds(&self, py: Python<'_>, id: usize) -> PyResult<Option<(i64, i64)>> {
        let n = guarded(py, || self.inner.node(id).py(py))?;
        Ok(crate::bitgen::op_seeds(&n))
    }

    /// Philox blocks one run of a stateful random op reserves, from static
    /// shapes; None if they are not fully known or the op has no stream.
    fn op_blocks_per_run(&self, py: Python<'_>, id: usize) -> PyResult<Option<u64>> {
        let n = guarded(py, || self.inner.node(id).py(py))?;
        Ok(crate::bitgen::blocks_per_run(&self.inner, &n))
    }

    /// The value of a Const op (for static shape inference in wrappers), else None.
    fn constant_value(&self, py: Python<'_>, id: usize) -> PyResult<Option<PyObject>> {
        guarded(py, || {
            let n = self.inner.node(id).py(py)?;
            Ok(match n.const_value() {
                Some(v) => Some(value_to_numpy(py, v.try_clone().py(py)?)?),
                None => None,
            })
        })
    }
}

#[pyclass(name = "Session", module = "philoxflow._core", frozen)]
struct PySession {
    inner: Arc<Session>,
}

#[pymethods]
impl PySession {
    /// `threads` is `intra_op_parallelism_threads` (0: the default); see
    /// [`crate::parallel`] for TF's process-wide pool this follows.
    #[new]
    #[pyo3(signature = (graph, threads = 0))]
    fn new(py: Python<'_>, graph: &PyGraph, threads: i64) -> PyResult<Self> {
        guarded(py, || {
            Ok(PySession {
                inner: Arc::new(Session::new(graph.inner.clone(), threads).py(py)?),
            })
        })
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
        guarded(py, || {
            let feeds = feeds
                .iter()
                .map(|(id, arr, d)| Ok((*id, value_from_numpy(arr, dtype_of(d)?)?)))
                .collect::<PyResult<Vec<_>>>()?;
            let session = self.inner.clone();
            let values = py
                .allow_threads(move || {
                    catch_unwind(AssertUnwindSafe(|| session.run(&fetches, feeds, &targets)))
                })
                .unwrap_or_else(|p| std::panic::resume_unwind(p))
                .py(py)?;
            values
                .into_iter()
                .map(|v| match v {
                    Some(v) => value_to_numpy(py, v),
                    None => Ok(py.None()),
                })
                .collect()
        })
    }

    /// `run([fetch])[0]`: one fetch, no feeds or targets (the common call,
    /// without the lists).
    fn run_fetch(&self, py: Python<'_>, fetch: usize) -> PyResult<PyObject> {
        guarded(py, || {
            let session = &self.inner;
            let mut values = py
                .allow_threads(|| {
                    catch_unwind(AssertUnwindSafe(|| {
                        session.run(std::slice::from_ref(&fetch), Vec::new(), &[])
                    }))
                })
                .unwrap_or_else(|p| std::panic::resume_unwind(p))
                .py(py)?;
            match values.pop().flatten() {
                Some(v) => value_to_numpy(py, v),
                None => Ok(py.None()),
            }
        })
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
fn backend(py: Python<'_>) -> PyResult<&'static str> {
    guarded(py, || {
        Platform::try_active()
            .map(|p| p.name())
            .map_err(PyValueError::new_err)
    })
}

/// Every backend this CPU supports.
#[pyfunction]
fn available_backends(py: Python<'_>) -> PyResult<Vec<&'static str>> {
    guarded(py, || {
        Ok(Platform::available()
            .into_iter()
            .map(|p| p.name())
            .collect())
    })
}

/// Threads large fills use by default.
#[pyfunction]
fn default_threads(py: Python<'_>) -> PyResult<usize> {
    guarded(py, || Ok(crate::parallel::default_threads()))
}

/// Raise a Rust panic inside the module, optionally in the rayon pool: the
/// test that no panic reaches Python as anything but `InternalError`.
#[pyfunction]
#[pyo3(signature = (in_pool = false))]
fn _panic_for_tests(py: Python<'_>, in_pool: bool) -> PyResult<()> {
    guarded(py, || {
        if in_pool {
            use rayon::prelude::*;
            crate::parallel::install(|| {
                (0..64).into_par_iter().for_each(|i| {
                    if i == 63 {
                        panic!("deliberate panic in the pool");
                    }
                })
            });
        }
        panic!("deliberate panic");
    })
}

/// The op registry: `(op type, class, stateful, has a kernel)` for every op.
#[pyfunction]
fn registered_ops() -> Vec<(&'static str, String, bool, bool)> {
    crate::registry::OPS
        .iter()
        .map(|d| (d.name, format!("{:?}", d.class), d.stateful, d.has_kernel))
        .collect()
}

/// Install `callback(graph_id, op_id, shapes, values) -> dims`: TF's shape
/// function of an op, applied at run time to the actual shapes of its inputs
/// (for ops without kernels and ops fed by them). It returns None (or raises
/// UnimplementedError) where the shape cannot be known; a ValueError becomes
/// `InvalidArgumentError`, as TF's kernels reject such inputs.
#[pyfunction]
fn set_shape_callback(callback: PyObject) {
    use crate::session::shapes::Computed;
    crate::session::shapes::set_shape_fn(Box::new(move |graph_id, node, inputs| {
        Python::with_gil(|py| {
            let unknown = || Error::unimplemented(String::new());
            let shapes: Vec<Vec<usize>> = inputs.iter().map(|i| i.dims.to_vec()).collect();
            let mut values = Vec::with_capacity(inputs.len());
            for i in inputs {
                values.push(match i.value {
                    Some(v) => value_to_numpy(py, v.try_clone()?).map_err(|_| unknown())?,
                    None => py.None(),
                });
            }
            let out = callback
                .call1(py, (graph_id, node.id, shapes, values))
                .map_err(|e| {
                    if e.is_instance_of::<PyValueError>(py) {
                        Error::invalid_argument(e.value(py).to_string())
                    } else {
                        unknown()
                    }
                })?;
            let out = out.bind(py);
            if out.is_none() {
                return Err(unknown());
            }
            // ("value", array) or ("shape", dims).
            let (what, payload): (String, Bound<'_, PyAny>) =
                out.extract().map_err(|_| unknown())?;
            if what == "value" {
                let v = value_from_numpy(&payload, node.dtype).map_err(|_| unknown())?;
                return Ok(Computed::Value(v));
            }
            payload
                .extract::<Vec<usize>>()
                .map(Computed::Dims)
                .map_err(|_| unknown())
        })
    }));
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
    m.add_function(wrap_pyfunction!(registered_ops, m)?)?;
    m.add_function(wrap_pyfunction!(set_shape_callback, m)?)?;
    m.add_function(wrap_pyfunction!(_panic_for_tests, m)?)?;
    m.add_function(wrap_pyfunction!(pooled::clear_buffer_cache, m)?)?;
    m.add_function(wrap_pyfunction!(pooled::_buffer_cache_info, m)?)?;
    m.add("MAXINT32", seed::MAXINT32)?;
    m.add("DEFAULT_GRAPH_SEED", seed::DEFAULT_GRAPH_SEED)?;
    Ok(())
}
