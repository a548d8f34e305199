//! What philoxflow.dask needs of the core: block programs
//! ([`eval_block`]), an op's attributes ([`op_attrs`]) and a session's
//! reservation of a run ([`Session::reserve_run`]).
//!
//! A block program is a list of tuples (inputs are earlier indices):
//! `("random", dist, dtype, full_shape, offset, shape, gen, lo, hi)` with
//! `dist` one of `uniform`, `uniform_int`, `normal`, `truncated_normal`,
//! `full_int` and `gen` either `("state", counter[4], key[2])` (a stateful
//! op's run) or `("seed", s0, s1)` (a stateless op's seed); `("value",
//! array, dtype)`; `("binary", kernel, a, b)`; `("neg", a)`; `("cast",
//! dtype, a)`.

use super::{dtype_of, guarded, value_from_numpy, value_to_numpy, IntoPy};
use crate::error::Error;
use crate::graph::Graph;
use crate::kernels::block::{self, Dist, RandomBlock, Step};
use crate::kernels::stateless;
use crate::op::{Class, RandomKind};
use crate::philox::PhiloxRandom;
use crate::session::Session;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple};
use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};

fn malformed(what: &str) -> PyErr {
    PyValueError::new_err(format!("malformed block program step: {what}"))
}

fn parse_gen(gen: &Bound<'_, PyAny>) -> PyResult<PhiloxRandom> {
    let gen = gen.downcast::<PyTuple>().map_err(|_| malformed("gen"))?;
    let tag: String = gen.get_item(0)?.extract()?;
    match tag.as_str() {
        "state" => {
            let counter: [u32; 4] = gen.get_item(1)?.extract()?;
            let key: [u32; 2] = gen.get_item(2)?.extract()?;
            Ok(PhiloxRandom::from_parts(counter, key))
        }
        "seed" => {
            let seed = [gen.get_item(1)?.extract()?, gen.get_item(2)?.extract()?];
            Ok(stateless::philox_for_seed(seed))
        }
        _ => Err(malformed("gen")),
    }
}

fn parse_step(py: Python<'_>, t: &Bound<'_, PyAny>) -> PyResult<Step> {
    let t = t
        .downcast::<PyTuple>()
        .map_err(|_| malformed("not a tuple"))?;
    let tag: String = t.get_item(0)?.extract()?;
    let at = |i: usize| t.get_item(i);
    Ok(match tag.as_str() {
        "random" => {
            let dist: String = at(1)?.extract()?;
            let (lo, hi): (i64, i64) = (at(7)?.extract()?, at(8)?.extract()?);
            let dist = match dist.as_str() {
                "uniform" => Dist::Uniform,
                "uniform_int" => Dist::UniformInt { lo, hi },
                "normal" => Dist::Normal,
                "truncated_normal" => Dist::TruncatedNormal,
                "full_int" => Dist::FullInt,
                other => return Err(malformed(&format!("distribution {other:?}"))),
            };
            let full: Vec<i64> = at(3)?.extract()?;
            let full = guarded(py, || {
                full.iter()
                    .map(|&d| {
                        usize::try_from(d).map_err(|_| {
                            Error::invalid_argument(format!("Dimension {d} must be >= 0"))
                        })
                    })
                    .collect::<Result<Vec<usize>, Error>>()
                    .py(py)
            })?;
            let gen = parse_gen(&at(6)?)?;
            Step::Random(RandomBlock {
                dist,
                dtype: dtype_of(&at(2)?.extract::<String>()?)?,
                gen,
                full,
                offset: at(4)?.extract()?,
                shape: at(5)?.extract()?,
            })
        }
        "value" => {
            let dtype = dtype_of(&at(2)?.extract::<String>()?)?;
            Step::Value(value_from_numpy(&at(1)?, dtype)?)
        }
        "binary" => {
            let kernel: String = at(1)?.extract()?;
            let op = guarded(py, || block::kernel_from_name(&kernel).py(py))?;
            Step::Binary(op, at(2)?.extract()?, at(3)?.extract()?)
        }
        "neg" => Step::Neg(at(1)?.extract()?),
        "cast" => Step::Cast(dtype_of(&at(1)?.extract::<String>()?)?, at(2)?.extract()?),
        other => return Err(malformed(&format!("tag {other:?}"))),
    })
}

/// Run a block program (see the module doc) and return its value as an
/// array of `shape`. The GIL is released while it runs; `threads` is the
/// pool its arithmetic may use (1: none, the task is the unit of parallelism).
#[pyfunction]
#[pyo3(signature = (steps, shape, threads = 1))]
pub fn eval_block(
    py: Python<'_>,
    steps: Vec<Bound<'_, PyAny>>,
    shape: Vec<usize>,
    threads: usize,
) -> PyResult<PyObject> {
    let steps = steps
        .iter()
        .map(|s| parse_step(py, s))
        .collect::<PyResult<Vec<_>>>()?;
    let pool = guarded(py, || crate::parallel::private_pool(threads.max(1)).py(py))?;
    let result = py.allow_threads(move || {
        catch_unwind(AssertUnwindSafe(|| {
            crate::parallel::with_pool(pool, || block::eval(steps, &shape))
        }))
    });
    let value = guarded(py, || match result {
        Ok(r) => r.py(py),
        Err(panic) => resume_unwind(panic),
    })?;
    value_to_numpy(py, value)
}

/// TensorFlow's attributes of op `id` by TF's names (dtypes by name):
/// `seed`/`seed2` of stateful random ops, `dtype`/`T`/`Tout`/`SrcT`/`DstT`,
/// a Const's `value`, a Placeholder's or variable's `shape`; and `_kernel`,
/// the element-wise kernel a binary op runs after Grappler's rewrites.
pub fn op_attrs<'py>(py: Python<'py>, graph: &Graph, id: usize) -> PyResult<Bound<'py, PyDict>> {
    let n = guarded(py, || graph.node(id).py(py))?;
    let input_dtype = |i: usize| -> PyResult<&'static str> {
        let input = guarded(py, || graph.node(n.inputs[i]).py(py))?;
        Ok(input.dtype.name())
    };
    let d = PyDict::new(py);
    let dtype = n.dtype.name();
    match n.def.class {
        // A string Const without a value is kept for structure only.
        Class::Const if n.attrs.value.is_none() => d.set_item("T", dtype)?,
        Class::Const => {
            d.set_item("dtype", dtype)?;
            if let Some(v) = &n.attrs.value {
                d.set_item("value", value_to_numpy(py, v.clone())?)?;
            }
        }
        Class::Placeholder | Class::Variable => {
            d.set_item("dtype", dtype)?;
            d.set_item("shape", n.shape.clone())?;
        }
        Class::Random(kind) => {
            d.set_item("seed", n.attrs.seeds.0)?;
            d.set_item("seed2", n.attrs.seeds.1)?;
            let out = if kind == RandomKind::UniformInt {
                "Tout"
            } else {
                "dtype"
            };
            d.set_item(out, dtype)?;
            d.set_item("T", input_dtype(0)?)?;
        }
        Class::Sampling | Class::Stateless => {
            if n.is_stateful_random() {
                d.set_item("seed", n.attrs.seeds.0)?;
                d.set_item("seed2", n.attrs.seeds.1)?;
            }
            d.set_item("dtype", dtype)?;
        }
        Class::Binary => {
            d.set_item("T", dtype)?;
            if let Some(op) = n.attrs.binary {
                d.set_item("_kernel", block::kernel_name(op))?;
            }
        }
        Class::Cast => {
            d.set_item("SrcT", input_dtype(0)?)?;
            d.set_item("DstT", dtype)?;
            d.set_item("Truncate", false)?;
        }
        Class::ShapeOf => {
            d.set_item("T", input_dtype(0)?)?;
            d.set_item("out_type", dtype)?;
        }
        Class::NoOp => {}
        Class::Neg | Class::Identity | Class::Assign | Class::Fill | Class::Plain => {
            d.set_item("T", dtype)?;
        }
    }
    Ok(d)
}

/// Reserve what a run of the stateful random op `id` with an output of
/// `shape` reserves in `session`, as that run would; returns the generator
/// state the run starts from as `(counter, key)`.
pub fn reserve_run(
    py: Python<'_>,
    session: &Session,
    id: usize,
    shape: Vec<usize>,
) -> PyResult<([u32; 4], [u32; 2])> {
    let gen = guarded(py, || session.reserve_run(id, &shape).py(py))?;
    Ok((gen.counter(), gen.key()))
}
