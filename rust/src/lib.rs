//! philoxflow: TensorFlow's random-seed system, bit-exact.
//!
//! Layers, as in TensorFlow: [`philox`] (the generator and its SIMD backends),
//! [`distributions`] (bits → values), [`kernels`] (ops evaluated on values),
//! [`seed`] (graph/op seed policy), [`graph`], [`session`], and the PyO3
//! bindings in `bindings` (feature `python`).

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
pub mod parallel;
pub mod philox;
pub mod seed;
pub mod session;
pub mod value;
pub mod vmath;

#[cfg(feature = "python")]
mod bindings;
