//! philoxflow: TensorFlow's random-seed system, bit-exact.
//!
//! Layers, as in TensorFlow, each using only those before it: [`philox`]
//! (the generator and its SIMD backends), [`distributions`] (bits → values),
//! [`op`] (what an op is at run time), [`kernels`] (ops evaluated on values,
//! and their shape functions), [`registry`] (the table of op types),
//! [`seed`] (graph/op seed policy), [`graph`], [`session`], and the PyO3
//! bindings in `bindings` (feature `python`). `module_deps` tests that the
//! modules import without cycles.

pub mod alloc;
pub mod bitgen;
pub mod bufpool;
pub mod distributions;
pub mod dtype;
pub mod error;
pub mod fusion;
pub mod graph;
pub mod kernels;
pub mod libm;
pub mod op;
pub mod parallel;
pub mod philox;
pub mod registry;
pub mod seed;
pub mod session;
pub mod transforms;
pub mod value;
pub mod vmath;

#[cfg(test)]
mod module_deps;

#[cfg(feature = "python")]
mod bindings;
