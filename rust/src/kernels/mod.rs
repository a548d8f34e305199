//! Op kernels: what each op computes from its input values and attributes,
//! and its shape function — the build-time checks (dtypes, static shapes)
//! TensorFlow's op registry makes. Neither sees graphs or sessions: the
//! table that names them is `crate::registry`.

pub mod array;
pub mod basic;
pub mod block;
pub mod cast;
pub mod checks;
pub mod diag;
pub mod linspace;
pub mod math;
pub mod random;
pub mod sampling;

// tier-2 kernels (shuffle, multinomial, gamma, poisson, stateless): one file each.
pub mod common;
pub mod dtype_ops;
pub mod eigen_reduce;
pub mod gamma;
pub mod movement;
pub mod multinomial;
pub mod poisson;
pub mod reduce;
pub mod shuffle;
pub mod stateless;
pub mod stateless_extra;
pub mod strings;
pub mod structural;

use crate::error::{Error, Result};
use crate::op::{InferCtx, Input, Shape};

pub use crate::op::RunContext;

/// A ValueError unless the op got `n` inputs.
pub fn check_arity(c: &InferCtx, n: usize) -> Result<()> {
    if c.ins.len() != n {
        return Err(Error::value(format!(
            "{} op '{}' takes {n} inputs, got {}",
            c.op_type,
            c.name,
            c.ins.len()
        )));
    }
    Ok(())
}

/// TF's shape-inference ValueError when an input's static rank is known and wrong.
pub fn check_rank(op_type: &str, name: &str, input: &Input, rank: usize) -> Result<()> {
    match &input.shape {
        Some(s) if s.len() != rank => Err(Error::value(format!(
            "Shape must be rank {rank} but is rank {} for '{{{{node {name}}}}} = {op_type}[...]' \
             (input '{}')",
            s.len(),
            input.name
        ))),
        _ => Ok(()),
    }
}

/// TF's rendering of a static shape in messages: `[2,?]`, `<unknown>`.
pub fn shape_string(shape: &Shape) -> String {
    match shape {
        None => "<unknown>".to_string(),
        Some(dims) => {
            let parts: Vec<String> = dims
                .iter()
                .map(|&d| {
                    if d < 0 {
                        "?".to_string()
                    } else {
                        d.to_string()
                    }
                })
                .collect();
            format!("[{}]", parts.join(","))
        }
    }
}
