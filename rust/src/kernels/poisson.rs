//! `RandomPoissonV2` (`tf.random.poisson` / `tf.random_poisson`) and the v1
//! `RandomPoisson` (same kernel, rate and output of one type), bit-exact with
//! TensorFlow 2.21's CPU kernel (`random_poisson_op.cc`).
//!
//! **(a) One execution:** [`random_poisson`]`::<U>(rate, samples_per_rate, gen)`
//! with the rates converted to f64 by the caller (`R` = half, float, double,
//! int32 or int64: TF converts each rate with `double(rate)`, which for int64
//! rounds to nearest) and `U` the output dtype: f16, f32, f64, i32 or i64.
//! `samples_per_rate` is the element count of `shape`. The output is
//! row-major `shape ++ rate.shape`: element `[s, r]` is sample `s` of rate `r`.
//!
//! **(b) Reservation:** [`reservation`]`(samples_per_rate, num_rates)` =
//! `ReserveRandomOutputs(num_samples * num_rate, 256)` = `256 * n` 128-bit
//! samples; none when `shape` has no elements (TF returns before reserving;
//! with an empty `rate` and a non-empty `shape` it reserves 0).
//!
//! **Algorithm:** output number `i = rate_index * samples_per_rate +
//! sample_index` draws from the reserved state skipped by `256 * i` blocks
//! (independent of sharding). Everything is computed in double; `UNIFORM` is
//! the next double of `UniformDistribution<double>` (one block = two doubles,
//! handed out last first), restarted for each output.
//! - `rate < 10` (Knuth): `exp_neg_rate = exp(-rate)`, `prod = 1`, `x = 0`;
//!   loop `prod *= UNIFORM`; stop with `x` once `prod <= exp_neg_rate` and
//!   `x <= highest(U)`; else `x += 1`.
//! - `rate == +inf` (a branch TF 2.21 has; older sources lack it): every
//!   sample is `NumTraits<U>::infinity()`, i.e. +inf, or 0 for int32/int64.
//! - otherwise (Hörmann's transformed rejection): `log_rate = log(rate)`,
//!   `b = 0.931 + 2.53*sqrt(rate)`, `a = -0.059 + 0.02483*b`,
//!   `inv_alpha = 1.1239 + 1.1328/(b - 3.4)`; loop: `u = UNIFORM - 0.5`,
//!   `v = UNIFORM`, `us = 0.5 - |u|`, `k = floor((2*a/us + b)*u + rate + 0.43)`;
//!   retry if `k > highest(U)`; accept `k` if `us >= 0.07 && v <= 0.9277 -
//!   3.6224/(b - 2)`; retry if `k < 0 || (us < 0.013 && v > us)`; accept if
//!   `log(v*inv_alpha/(a/(us*us) + b)) <= -rate + k*log_rate - lgamma(k + 1)`.
//!
//! `highest(U)` is 65504 for half, `FLT_MAX`, `DBL_MAX`, `INT32_MAX` and
//! `INT64_MAX` (as double). glibc's `exp`, `log` and `lgamma_r` are called.
//!
//! **Non-termination:** TF loops forever for a NaN rate, and for a rate whose
//! samples cannot fit `U` (e.g. rate 1e6 with `U` = half). This
//! kernel gives up after [`MAX_ATTEMPTS`] rejections of one output and
//! returns an `InvalidArgument` error instead of hanging.
//!
//! **Python:** `tf.random.poisson(lam, shape, dtype=float32, seed)` (v1
//! argument order `lam, shape`) converts `shape` to int32 and calls
//! `RandomPoissonV2(shape, lam, seed, seed2, dtype)` with `get_seed(seed)`;
//! `lam` keeps its own dtype (a Python float becomes float32).
//!
//! **(c) Shapes and errors:** output shape `shape ++ rate.shape`, dtype =
//! `dtype` attr (default float32 in Python; int64 in the raw op). Run-time
//! error: `MakeShape`'s "shape must be a vector of {int32,int64}, got shape
//! [..]" and "Dimension -1 must be >= 0". No check of the rates themselves.

use super::common::{exp, lgamma, log, UniformDoubles};
use crate::error::{Error, Result};
use crate::philox::PhiloxRandom;
use half::f16;
use rayon::prelude::*;

/// Blocks each output owns in the stream.
pub const RESERVED_SAMPLES_PER_OUTPUT: u64 = 256;

/// Rejections (or Knuth steps past the target) after which one output is
/// declared non-terminating. TF has no such limit; for any input TF finishes
/// on, reaching it has probability below 10^-10000.
pub const MAX_ATTEMPTS: u64 = 1 << 20;

/// 128-bit samples reserved by one execution.
pub fn reservation(samples_per_rate: usize, num_rates: usize) -> u64 {
    (samples_per_rate as u64 * num_rates as u64).wrapping_mul(RESERVED_SAMPLES_PER_OUTPUT)
}

/// Output element types of `RandomPoissonV2`.
pub trait PoissonOut: Copy + Send + Sync {
    /// `CT(Eigen::NumTraits<U>::highest())`.
    const HIGHEST: f64;
    /// `Eigen::NumTraits<U>::infinity()`: +inf, or 0 for the integer types.
    const INFINITY: Self;
    /// `U(x)` for an integral double `0 <= x <= HIGHEST`.
    fn from_f64(x: f64) -> Self;
}

impl PoissonOut for f16 {
    const INFINITY: Self = f16::INFINITY;
    const HIGHEST: f64 = 65504.0;
    fn from_f64(x: f64) -> Self {
        f16::from_f32(x as f32)
    }
}

impl PoissonOut for f32 {
    const INFINITY: Self = f32::INFINITY;
    const HIGHEST: f64 = f32::MAX as f64;
    fn from_f64(x: f64) -> Self {
        x as f32
    }
}

impl PoissonOut for f64 {
    const INFINITY: Self = f64::INFINITY;
    const HIGHEST: f64 = f64::MAX;
    fn from_f64(x: f64) -> Self {
        x
    }
}

impl PoissonOut for i32 {
    const INFINITY: Self = 0;
    const HIGHEST: f64 = i32::MAX as f64;
    fn from_f64(x: f64) -> Self {
        x as i32
    }
}

impl PoissonOut for i64 {
    const INFINITY: Self = 0;
    const HIGHEST: f64 = i64::MAX as f64;
    fn from_f64(x: f64) -> Self {
        x as i64
    }
}

/// Per-rate constants of Hörmann's method.
struct Hormann {
    rate: f64,
    log_rate: f64,
    a: f64,
    b: f64,
    inv_alpha: f64,
}

enum Method {
    Knuth {
        exp_neg_rate: f64,
    },
    /// `rate == +inf`: TF 2.21 writes `NumTraits<U>::infinity()` directly.
    Infinite,
    Hormann(Hormann),
}

impl Method {
    fn new(rate: f64) -> Self {
        if rate < 10.0 {
            return Method::Knuth {
                exp_neg_rate: exp(-rate),
            };
        }
        if rate > 0.0 && rate.is_infinite() {
            return Method::Infinite;
        }
        let log_rate = log(rate);
        let b = 0.931 + 2.53 * rate.sqrt();
        let a = -0.059 + 0.02483 * b;
        let inv_alpha = 1.1239 + 1.1328 / (b - 3.4);
        Method::Hormann(Hormann {
            rate,
            log_rate,
            a,
            b,
            inv_alpha,
        })
    }

    /// One sample from the generator positioned for this output; `None` when
    /// TF would never finish. `Infinite` is handled by the caller.
    fn sample(&self, highest: f64, gen: &mut PhiloxRandom) -> Option<f64> {
        let mut uniform = UniformDoubles::new();
        match self {
            Method::Infinite => Some(f64::INFINITY),
            Method::Knuth { exp_neg_rate } => {
                let mut prod = 1.0f64;
                let mut x = 0.0f64;
                let mut past = 0u64;
                loop {
                    let u = uniform.next(gen);
                    prod *= u;
                    if prod <= *exp_neg_rate {
                        if x <= highest {
                            return Some(x);
                        }
                        past += 1;
                        if past > MAX_ATTEMPTS {
                            return None;
                        }
                    }
                    x += 1.0;
                }
            }
            Method::Hormann(h) => {
                for _ in 0..MAX_ATTEMPTS {
                    let u = uniform.next(gen) - 0.5;
                    let v = uniform.next(gen);
                    let u_shifted = 0.5 - u.abs();
                    let k = ((2.0 * h.a / u_shifted + h.b) * u + h.rate + 0.43).floor();
                    if k > highest {
                        continue;
                    }
                    if u_shifted >= 0.07 && v <= 0.9277 - 3.6224 / (h.b - 2.0) {
                        return Some(k);
                    }
                    if k < 0.0 || (u_shifted < 0.013 && v > u_shifted) {
                        continue;
                    }
                    let s = log(v * h.inv_alpha / (h.a / (u_shifted * u_shifted) + h.b));
                    let t = -h.rate + k * h.log_rate - lgamma(k + 1.0);
                    if s <= t {
                        return Some(k);
                    }
                }
                None
            }
        }
    }
}

/// One execution of `RandomPoissonV2` (or `RandomPoisson`, or the stateless
/// `StatelessRandomPoisson`, the same functor) from the generator `gen` into
/// `out`: `rate` flattened (as doubles), `out` laid out `[samples_per_rate,
/// num_rates]`. The output is allocated by the caller before any sampling, so
/// a shape beyond memory fails at once instead of after hours of work.
pub fn random_poisson_into<U: PoissonOut>(
    rate: &[f64],
    samples_per_rate: usize,
    gen: PhiloxRandom,
    out: &mut [U],
) -> Result<()> {
    let num_rates = rate.len();
    if out.is_empty() || num_rates == 0 {
        return Ok(());
    }
    let mut methods = Vec::new();
    methods
        .try_reserve_exact(num_rates)
        .map_err(|_| crate::alloc::oom(&[num_rates], "double"))?;
    methods.extend(rate.iter().map(|&r| Method::new(r)));
    let stuck = std::sync::atomic::AtomicBool::new(false);
    let one = |(i, o): (usize, &mut U)| {
        let (s, r) = (i / num_rates, i % num_rates);
        let output_idx = (r * samples_per_rate + s) as u64;
        if let Method::Infinite = methods[r] {
            *o = U::INFINITY;
            return;
        }
        let mut g = gen;
        g.skip(RESERVED_SAMPLES_PER_OUTPUT * output_idx);
        match methods[r].sample(U::HIGHEST, &mut g) {
            Some(x) => *o = U::from_f64(x),
            None => stuck.store(true, std::sync::atomic::Ordering::Relaxed),
        }
    };
    if out.len() >= 2048 {
        crate::parallel::install(|| out.par_iter_mut().enumerate().for_each(one));
    } else {
        out.iter_mut().enumerate().for_each(one);
    }
    if stuck.into_inner() {
        return Err(Error::invalid_argument(
            "RandomPoisson: a rate makes TensorFlow's sampler loop forever (a NaN rate, \
             or samples beyond the output dtype's range)",
        ));
    }
    Ok(())
}

/// [`random_poisson_into`] into a new vector.
pub fn random_poisson<U: PoissonOut + Default>(
    rate: &[f64],
    samples_per_rate: usize,
    gen: PhiloxRandom,
) -> Result<Vec<U>> {
    let mut out = vec![U::default(); samples_per_rate * rate.len()];
    random_poisson_into(rate, samples_per_rate, gen, &mut out)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn op_gen(s: i64) -> PhiloxRandom {
        PhiloxRandom::new(87654321, s.rem_euclid(i32::MAX as i64) as u64)
    }

    /// Two runs of `tf.random_poisson(lam, [n], seed=s)` (float32 rates and output).
    fn two_runs(lam: &[f32], n: usize, s: i64) -> [Vec<u32>; 2] {
        let rate: Vec<f64> = lam.iter().map(|&r| r as f64).collect();
        let mut state = op_gen(s);
        let run = |g| -> Vec<u32> {
            random_poisson::<f32>(&rate, n, g)
                .unwrap()
                .iter()
                .map(|x| x.to_bits())
                .collect()
        };
        let first = run(state);
        state.skip(reservation(n, rate.len()));
        [first, run(state)]
    }

    #[test]
    fn reservations() {
        assert_eq!(reservation(9, 2), 9 * 2 * 256);
        assert_eq!(reservation(0, 2), 0);
        assert_eq!(reservation(9, 0), 0);
    }

    #[test]
    fn layout_is_samples_by_rates() {
        let g = PhiloxRandom::new(7, 8);
        let rates = [0.5, 30.0, 3.0];
        let all = random_poisson::<f64>(&rates, 5, g).unwrap();
        for (r, &rate) in rates.iter().enumerate() {
            let mut g2 = g;
            g2.skip(reservation(5, r));
            let alone = random_poisson::<f64>(&[rate], 5, g2).unwrap();
            for s in 0..5 {
                assert_eq!(all[s * 3 + r], alone[s]);
            }
        }
    }

    #[test]
    fn output_types_agree() {
        let g = PhiloxRandom::new(1, 2);
        let rates = [0.0, 0.7, 9.99, 10.0, 250.0, -3.0, f64::NEG_INFINITY];
        let f = random_poisson::<f64>(&rates, 50, g).unwrap();
        let i = random_poisson::<i64>(&rates, 50, g).unwrap();
        let h = random_poisson::<f16>(&rates, 50, g).unwrap();
        for k in 0..f.len() {
            assert_eq!(f[k], i[k] as f64);
            assert_eq!(f[k], h[k].to_f64());
        }
        // Rates <= 0 give 0.
        for s in 0..50 {
            assert_eq!(f[s * 7], 0.0);
            assert_eq!(f[s * 7 + 5], 0.0);
            assert_eq!(f[s * 7 + 6], 0.0);
        }
    }

    #[test]
    fn means_are_plausible() {
        let g = PhiloxRandom::new(3, 4);
        for rate in [0.3, 4.0, 10.0, 55.5, 1e4] {
            let v = random_poisson::<f64>(&[rate], 4000, g).unwrap();
            let mean = v.iter().sum::<f64>() / v.len() as f64;
            assert!(
                (mean - rate).abs() < 0.06 * rate + 0.05,
                "rate {rate}: mean {mean}"
            );
        }
    }

    #[test]
    fn hanging_rates_are_errors() {
        let g = PhiloxRandom::new(3, 4);
        assert!(random_poisson::<f32>(&[f64::NAN], 1, g).is_err());
        assert_eq!(
            random_poisson::<f32>(&[f64::INFINITY], 2, g),
            Ok(vec![f32::INFINITY; 2])
        );
        assert_eq!(
            random_poisson::<i64>(&[f64::INFINITY], 2, g),
            Ok(vec![0; 2])
        );
        assert!(random_poisson::<f16>(&[1e6], 1, g).is_err());
        assert!(random_poisson::<f32>(&[1e6], 1, g).is_ok());
    }

    // tier2.jsonl poisson/*: tf.random_poisson(lam, [9], seed=s), two runs.
    #[test]
    fn tier2_poisson() {
        assert_eq!(
            two_runs(&[0.5], 9, 2147483647),
            POISSON_0P5.map(|r| r.to_vec())
        );
        assert_eq!(
            two_runs(&[4.0], 9, 2147483647),
            POISSON_4P0.map(|r| r.to_vec())
        );
        assert_eq!(two_runs(&[50.0], 9, 1234), POISSON_50P0.map(|r| r.to_vec()));
        assert_eq!(
            two_runs(&[1.0, 20.0], 9, 2147483647),
            POISSON_1P0_20P0.map(|r| r.to_vec())
        );
    }

    #[rustfmt::skip]
    const POISSON_0P5: [[u32; 9]; 2] = [
        [0x40000000, 0x00000000, 0x00000000, 0x3f800000, 0x00000000, 0x40000000, 0x00000000, 0x00000000, 0x00000000],
        [0x00000000, 0x00000000, 0x00000000, 0x3f800000, 0x40400000, 0x00000000, 0x3f800000, 0x00000000, 0x3f800000],
    ];
    #[rustfmt::skip]
    const POISSON_4P0: [[u32; 9]; 2] = [
        [0x40a00000, 0x40e00000, 0x3f800000, 0x40800000, 0x40800000, 0x40e00000, 0x40c00000, 0x40a00000, 0x40800000],
        [0x40800000, 0x40000000, 0x40e00000, 0x40800000, 0x40a00000, 0x40c00000, 0x40400000, 0x40800000, 0x40a00000],
    ];
    #[rustfmt::skip]
    const POISSON_50P0: [[u32; 9]; 2] = [
        [0x42440000, 0x42400000, 0x42240000, 0x42480000, 0x42440000, 0x42200000, 0x42440000, 0x42780000, 0x42440000],
        [0x423c0000, 0x42740000, 0x42440000, 0x42640000, 0x42880000, 0x42600000, 0x426c0000, 0x42740000, 0x42340000],
    ];
    #[rustfmt::skip]
    const POISSON_1P0_20P0: [[u32; 18]; 2] = [
        [0x40400000, 0x41a00000, 0x40000000, 0x41800000, 0x00000000, 0x41a00000, 0x40000000, 0x41a80000, 0x3f800000, 0x41b80000, 0x40400000, 0x41700000, 0x00000000, 0x41f80000, 0x00000000, 0x41400000, 0x3f800000, 0x41c00000],
        [0x3f800000, 0x41800000, 0x40000000, 0x41900000, 0x00000000, 0x41a80000, 0x3f800000, 0x41a00000, 0x3f800000, 0x41b00000, 0x40000000, 0x41a00000, 0x00000000, 0x41c00000, 0x00000000, 0x41600000, 0x3f800000, 0x41500000],
    ];

    fn fnv1a(values: impl IntoIterator<Item = u64>) -> u64 {
        let mut h = 0xcbf2_9ce4_8422_2325u64;
        for v in values {
            for b in v.to_le_bytes() {
                h ^= b as u64;
                h = h.wrapping_mul(0x100_0000_01b3);
            }
        }
        h
    }

    /// The rate as the op sees it: rounded to its dtype, then `double(rate)`.
    fn as_dtype(dtype: &str, r: f64) -> f64 {
        match dtype {
            "float32" => r as f32 as f64,
            "float16" => f16::from_f64(r).to_f64(),
            _ => r,
        }
    }

    /// One run's output as u64s (float bits widened to f64, ints as i64).
    fn run_bits(out_dtype: &str, rates: &[f64], n: usize, g: PhiloxRandom) -> Vec<u64> {
        match out_dtype {
            "float32" => random_poisson::<f32>(rates, n, g)
                .unwrap()
                .iter()
                .map(|&x| (x as f64).to_bits())
                .collect(),
            "float64" => random_poisson::<f64>(rates, n, g)
                .unwrap()
                .iter()
                .map(|x| x.to_bits())
                .collect(),
            "float16" => random_poisson::<f16>(rates, n, g)
                .unwrap()
                .iter()
                .map(|x| x.to_f64().to_bits())
                .collect(),
            "int32" => random_poisson::<i32>(rates, n, g)
                .unwrap()
                .iter()
                .map(|&x| x as i64 as u64)
                .collect(),
            _ => random_poisson::<i64>(rates, n, g)
                .unwrap()
                .iter()
                .map(|&x| x as u64)
                .collect(),
        }
    }

    // Made with TF 2.21 (the reference wheel) on x86-64:
    // `tf.random.poisson(tf.constant(rates, rate_dtype), [n], dtype=out_dtype, seed=s)`
    // run twice; every rate/output dtype pair, rates from 0 to 1e6, negative, +-inf.
    #[test]
    fn tf_poisson_dtypes_and_edge_rates() {
        for (rdt, odt, n, seed, rates, h1, h2) in TF_POISSON {
            let rates: Vec<f64> = rates.iter().map(|&r| as_dtype(rdt, r)).collect();
            let mut state = PhiloxRandom::new(87654321, seed);
            let a = run_bits(odt, &rates, n, state);
            state.skip(reservation(n, rates.len()));
            let b = run_bits(odt, &rates, n, state);
            assert_eq!((fnv1a(a), fnv1a(b)), (h1, h2), "{rdt} -> {odt}");
        }
    }

    /// (rate dtype, output dtype, samples, op seed, rates, FNV-1a of run 1, of run 2)
    type Case = (
        &'static str,
        &'static str,
        usize,
        u64,
        &'static [f64],
        u64,
        u64,
    );
    #[rustfmt::skip]
    const TF_POISSON: [Case; 17] = [
        ("float32", "float32", 5, 7, &[0.0, 0.001, 0.5, 3.0, 9.99, 10.0, 10.5, 42.0, 1234.5, 1000000.0, -1.0, f64::NEG_INFINITY, f64::INFINITY], 0x48025a116437da35, 0x5510b8862fce132a),
        ("float32", "float64", 5, 7, &[0.0, 0.001, 0.5, 3.0, 9.99, 10.0, 10.5, 42.0, 1234.5, 1000000.0, -1.0, f64::NEG_INFINITY, f64::INFINITY], 0x48025a116437da35, 0x5510b8862fce132a),
        ("float32", "int32", 5, 7, &[0.0, 0.001, 0.5, 3.0, 9.99, 10.0, 10.5, 42.0, 1234.5, 1000000.0, -1.0, f64::NEG_INFINITY, f64::INFINITY], 0x9e7c6d73ceefd656, 0x0d8e53a9ed7fcdbb),
        ("float32", "int64", 5, 7, &[0.0, 0.001, 0.5, 3.0, 9.99, 10.0, 10.5, 42.0, 1234.5, 1000000.0, -1.0, f64::NEG_INFINITY, f64::INFINITY], 0x9e7c6d73ceefd656, 0x0d8e53a9ed7fcdbb),
        ("float32", "float16", 5, 7, &[0.0, 0.001, 0.5, 3.0, 9.99, 10.0, 10.5, 42.0, 1234.5, -1.0, f64::NEG_INFINITY, f64::INFINITY], 0xfd53df9b498ebf0d, 0x1c53f0d8caa02485),
        ("float64", "float32", 5, 7, &[0.0, 0.001, 0.5, 3.0, 9.99, 10.0, 10.5, 42.0, 1234.5, 1000000.0, -1.0, f64::NEG_INFINITY, f64::INFINITY], 0x48025a116437da35, 0x5510b8862fce132a),
        ("float64", "float64", 5, 7, &[0.0, 0.001, 0.5, 3.0, 9.99, 10.0, 10.5, 42.0, 1234.5, 1000000.0, -1.0, f64::NEG_INFINITY, f64::INFINITY], 0x48025a116437da35, 0x5510b8862fce132a),
        ("float64", "int32", 5, 7, &[0.0, 0.001, 0.5, 3.0, 9.99, 10.0, 10.5, 42.0, 1234.5, 1000000.0, -1.0, f64::NEG_INFINITY, f64::INFINITY], 0x9e7c6d73ceefd656, 0x0d8e53a9ed7fcdbb),
        ("float64", "int64", 5, 7, &[0.0, 0.001, 0.5, 3.0, 9.99, 10.0, 10.5, 42.0, 1234.5, 1000000.0, -1.0, f64::NEG_INFINITY, f64::INFINITY], 0x9e7c6d73ceefd656, 0x0d8e53a9ed7fcdbb),
        ("float64", "float16", 5, 7, &[0.0, 0.001, 0.5, 3.0, 9.99, 10.0, 10.5, 42.0, 1234.5, -1.0, f64::NEG_INFINITY, f64::INFINITY], 0xfd53df9b498ebf0d, 0x1c53f0d8caa02485),
        ("float16", "float32", 5, 7, &[0.0, 0.001, 0.5, 3.0, 9.99, 10.0, 10.5, 42.0, 1234.5, 1000000.0, -1.0, f64::NEG_INFINITY, f64::INFINITY], 0x6310a0468c2ae0e4, 0xb5d3b75a2af71314),
        ("float16", "float64", 5, 7, &[0.0, 0.001, 0.5, 3.0, 9.99, 10.0, 10.5, 42.0, 1234.5, 1000000.0, -1.0, f64::NEG_INFINITY, f64::INFINITY], 0x6310a0468c2ae0e4, 0xb5d3b75a2af71314),
        ("float16", "int32", 5, 7, &[0.0, 0.001, 0.5, 3.0, 9.99, 10.0, 10.5, 42.0, 1234.5, 1000000.0, -1.0, f64::NEG_INFINITY, f64::INFINITY], 0x4e011b319b441ec3, 0x8d6bd9a9a010dc61),
        ("float16", "int64", 5, 7, &[0.0, 0.001, 0.5, 3.0, 9.99, 10.0, 10.5, 42.0, 1234.5, 1000000.0, -1.0, f64::NEG_INFINITY, f64::INFINITY], 0x4e011b319b441ec3, 0x8d6bd9a9a010dc61),
        ("float16", "float16", 5, 7, &[0.0, 0.001, 0.5, 3.0, 9.99, 10.0, 10.5, 42.0, 1234.5, -1.0, f64::NEG_INFINITY, f64::INFINITY], 0xb524fd5f95db2629, 0x7acfb01a80788801),
        ("int32", "float32", 5, 8, &[0.0, 1.0, 5.0, 9.0, 10.0, 11.0, 100.0, 123456.0, -3.0], 0x8121517ee0519630, 0xf1f7f7dcb87220ce),
        ("int64", "float32", 5, 8, &[0.0, 1.0, 5.0, 9.0, 10.0, 11.0, 100.0, 123456.0, -3.0], 0x8121517ee0519630, 0xf1f7f7dcb87220ce),
    ];
}
