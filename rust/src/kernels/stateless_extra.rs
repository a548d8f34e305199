//! The stateless gamma and Poisson ops, bit-exact with TF 2.21's CPU kernels.
//!
//! **Which ops TF 2.21 builds.** `tf.random.stateless_gamma(shape, seed,
//! alpha, beta)`: `BroadcastTo(alpha, broadcast_shape(alpha, beta))`,
//! `StatelessRandomGetKeyCounter(seed)`, `StatelessRandomGammaV3(shape, key,
//! counter, alg, alpha)`, then `Maximum(tiny, rnd / beta)`. Here the op is
//! `StatelessRandomGammaV3(shape, seed, alpha)`: it derives the same key and
//! counter from the seed itself ([`super::stateless::philox_for_seed`], as
//! the other stateless ops here do). Its CPU functor is `RandomGamma`'s
//! computation ([`super::gamma::random_gamma_into`]) on that generator: each
//! output `alpha_index * samples_per_alpha + sample_index` skips `256 *` its
//! index, so nothing is reserved and every run gives the same values.
//! `tf.random.stateless_poisson(shape, seed, lam, dtype)` builds
//! `StatelessRandomPoisson(shape, seed, lam)` (the seed tensor directly),
//! whose functor is `RandomPoisson`'s ([`super::poisson::random_poisson_into`]).
//!
//! **Shapes and errors** (`StatelessRandomOpBase::Compute`, then `Fill`):
//! `MakeShape(shape)`; "seed must have shape [2], not [3]"; the output is
//! allocated and an empty one returned at once; then "Shape passed in must
//! end with broadcasted shape." unless `shape` ends with the parameter's
//! shape. `samples_per_alpha = num_elements(shape) / num_alphas`.

use super::random::{infer_shape_input, shape_from_value};
use super::sampling::{gamma_value, poisson_value, seed_value};
use crate::alloc::num_elements;
use crate::dtype::DType;
use crate::error::{Error, Result};
use crate::op::{Built, InferCtx, Input, Kernel, KernelArgs};
use crate::value::Value;

fn check_seed_input(op_type: &str, seed: &Input) -> Result<()> {
    if !matches!(seed.dtype, DType::Int32 | DType::Int64) {
        return Err(Error::type_error(format!(
            "Value passed to parameter 'seed' has DataType {} not in list of allowed values: \
             int32, int64 ({op_type})",
            seed.dtype.name()
        )));
    }
    super::check_rank(op_type, seed.name, seed, 1)
}

/// The parameter these ops sample with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Param {
    /// StatelessRandomGammaV3's `alpha`.
    Gamma,
    /// StatelessRandomPoisson's `lam`.
    Poisson,
}

pub fn infer(param_kind: Param, c: InferCtx) -> Result<Built> {
    super::check_arity(&c, 3)?;
    let (op_type, name, ins, attrs) = (c.op_type, c.name, c.ins, &c.attrs);
    let shape = infer_shape_input(op_type, name, &ins[0])?;
    check_seed_input(op_type, &ins[1])?;
    let param = &ins[2];
    let dtype = if param_kind == Param::Gamma {
        if !param.dtype.is_floating() {
            return Err(Error::type_error(format!(
                "Value passed to parameter 'alpha' has DataType {} not in list of allowed \
                 values: float16, bfloat16, float32, float64",
                param.dtype.name()
            )));
        }
        param.dtype
    } else {
        let ok = |d: DType| {
            matches!(
                d,
                DType::Float16 | DType::Float32 | DType::Float64 | DType::Int32 | DType::Int64
            )
        };
        if !ok(param.dtype) {
            return Err(Error::type_error(format!(
                "Value passed to parameter 'lam' has DataType {} not in list of allowed values: \
                 float16, float32, float64, int32, int64",
                param.dtype.name()
            )));
        }
        let out = attrs.dtype.unwrap_or(DType::Int32);
        if !ok(out) {
            return Err(Error::type_error(format!(
                "Value for attr 'dtype' of {} is not in the list of allowed values: half, \
                 float, double, int32, int64",
                out.name()
            )));
        }
        out
    };
    Ok(Built::new(dtype, shape)
        .seeds(attrs.seeds)
        .kernel(Kernel::simple(move |args, inputs| {
            compute(param_kind, args, inputs)
        })))
}

/// `TensorShapeUtils::EndsWith(shape, suffix)`.
fn ends_with(shape: &[usize], suffix: &[usize]) -> bool {
    suffix.len() <= shape.len() && shape[shape.len() - suffix.len()..] == *suffix
}

pub fn compute(param_kind: Param, args: &KernelArgs, inputs: &[&Value]) -> Result<Value> {
    let shape = shape_from_value(inputs[0])?;
    let seed = seed_value(inputs[1])?;
    let param = inputs[2];
    let n = num_elements(&shape)?;
    if n > 0 && !ends_with(&shape, param.shape()) {
        return Err(Error::invalid_argument(
            "Shape passed in must end with broadcasted shape.",
        ));
    }
    // With `shape` ending with the parameter's shape, a non-empty output has
    // parameters; an empty one draws nothing.
    let per = if param.is_empty() { 0 } else { n / param.len() };
    let gen = || super::stateless::philox_for_seed(seed);
    match param_kind {
        Param::Gamma => gamma_value(param, &shape, per, gen),
        Param::Poisson => poisson_value(param, args.dtype, &shape, per, gen),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suffixes() {
        assert!(ends_with(&[4, 2], &[2]));
        assert!(ends_with(&[4, 2], &[]));
        assert!(ends_with(&[4, 2], &[4, 2]));
        assert!(!ends_with(&[4, 2], &[3]));
        assert!(!ends_with(&[2], &[1, 2]));
    }
}
