//! `Multinomial` (`tf.multinomial`, `tf.random.categorical`) and the CPU
//! sampling shared with `StatelessMultinomial` (`tf.random.stateless_categorical`),
//! bit-exact with TensorFlow 2.21's `multinomial_op.cc`.
//!
//! **(a) One execution:** [`check_inputs`] (TF's run-time checks), then
//! [`multinomial`]`(logits, batch, num_classes, num_samples, gen, num_threads)`
//! → `batch * num_samples` class indices (row-major `[batch, num_samples]`;
//! cast to int32 for `output_dtype=int32`). `logits` may be f16, bf16, f32 or
//! f64 (anything converting exactly to f64). `num_threads` is the size of the
//! session's intra-op pool (`intra_op_parallelism_threads`, by default the
//! number of logical CPUs, i.e. `crate::parallel::default_threads()`): **TF's
//! output depends on it** once the work is large enough to be split (see
//! below). TF's CPU device pool is process-global: it takes its size from the
//! first session created in the process (`intra_op_parallelism_threads`, 0 =
//! the CPU count); later sessions' settings do not resize it. Stateless: [`crate::kernels::stateless::stateless_categorical`].
//!
//! **(b) Reservation:** [`reservation`]`(batch, num_samples)` =
//! `ReserveRandomOutputs(batch * ceil4(num_samples) * 2, 256)` =
//! `batch * ((num_samples + 3) / 4 * 4) * 2 * 256` 128-bit samples, and none
//! when the output is empty (`batch == 0` or `num_samples == 0`). (TF computes
//! `batch * ceil4 * 2` in 32-bit `int`; [`reservation`] wraps the same way.)
//!
//! **Algorithm (CPU):** rows are split into shards by TF's `Shard` with cost
//! `int64(50 * (num_samples * log(num_classes) / log(2) + num_classes))` per
//! row (see [`crate::kernels::common::shard_ranges`]). A shard starting at
//! row `r` copies the reserved state, skips `r * (num_samples + 3) / 4`
//! blocks and then draws `RandDouble()`s (two 32-bit words each, via
//! `SimplePhilox`) continuously for all its rows. Per row: `max` = the largest
//! finite logit (`lowest()` if none); `cdf[j] = exp(double(logit_j) - max)`
//! evaluated by Eigen as a vectorised expression: the first
//! `num_classes / 4 * 4` classes with Eigen's AVX `pexp<Packet4d>` (a Cephes
//! rational approximation, no FMA: [`eigen_exp_f64`]), the remaining
//! `num_classes % 4` with glibc `exp`; then a running sum over the **finite**
//! logits only, `cdf[j] = running_total`; each sample is
//! `upper_bound(cdf, RandDouble() * running_total)` (an index in
//! `0..=num_classes`; `num_classes` when no logit is finite).
//!
//! **(c) Shapes and errors:** `logits` `[batch, num_classes]`, `num_samples`
//! an int32 scalar; output `[batch, num_samples]` of `output_dtype` (int64
//! default; Python only accepts int32/int64: `ValueError` "Argument `dtype`
//! got invalid value ..."). Run-time `InvalidArgumentError`s, in TF's order:
//! "logits should be a matrix, got shape [2,3,4]",
//! "num_samples should be a scalar, got shape [2]",
//! "num_samples should be non-negative, got -1",
//! "batch_size cannot exceed max int", "num_classes cannot exceed max int",
//! "num_classes should be positive, got 0" (raised even for an empty batch).
//! Shape inference (`MultinomialShape`) rejects a logits rank other than 2 at
//! graph construction (`ValueError` "Shape must be rank 2 but is rank 3 ...").

use super::common::{exp, log, shape_debug_string, shard_ranges, SimplePhilox};
use crate::error::{Error, Result};
use crate::philox::PhiloxRandom;
use rayon::prelude::*;

/// 128-bit samples reserved by one execution producing `[batch, num_samples]`.
pub fn reservation(batch: usize, num_samples: usize) -> u64 {
    if batch == 0 || num_samples == 0 {
        return 0;
    }
    let ceil4 = ((num_samples as i32).wrapping_add(3) / 4).wrapping_mul(4);
    // CPU: doubles use two 32-bit samples each.
    let outputs = (batch as i32).wrapping_mul(ceil4.wrapping_mul(2));
    (outputs as i64).wrapping_mul(256) as u64
}

/// TF's run-time checks of `Multinomial` / `StatelessMultinomial`, given the
/// logits' shape, `num_samples`' shape and its value. Returns
/// `(batch, num_classes, num_samples)`.
pub fn check_inputs(
    logits_dims: &[usize],
    num_samples_dims: &[usize],
    num_samples: i32,
) -> Result<(usize, usize, usize)> {
    if logits_dims.len() != 2 {
        return Err(Error::invalid_argument(format!(
            "logits should be a matrix, got shape {}",
            shape_debug_string(logits_dims)
        )));
    }
    if !num_samples_dims.is_empty() {
        return Err(Error::invalid_argument(format!(
            "num_samples should be a scalar, got shape {}",
            shape_debug_string(num_samples_dims)
        )));
    }
    if num_samples < 0 {
        return Err(Error::invalid_argument(format!(
            "num_samples should be non-negative, got {num_samples}"
        )));
    }
    if logits_dims[0] > i32::MAX as usize {
        return Err(Error::invalid_argument("batch_size cannot exceed max int"));
    }
    if logits_dims[1] > i32::MAX as usize {
        return Err(Error::invalid_argument("num_classes cannot exceed max int"));
    }
    if logits_dims[1] == 0 {
        return Err(Error::invalid_argument(
            "num_classes should be positive, got 0",
        ));
    }
    Ok((logits_dims[0], logits_dims[1], num_samples as usize))
}

/// TF's per-row cost estimate handed to `Shard`.
pub fn row_cost(num_classes: usize, num_samples: usize) -> i64 {
    let per_row = num_samples as f64 * log(num_classes as f64) / log(2.0) + num_classes as f64;
    (50.0 * per_row) as i64
}

/// One execution of the CPU multinomial kernel from the reserved state `gen`.
///
/// `logits` is row-major `[batch, num_classes]`; returns row-major
/// `[batch, num_samples]` class indices. `num_threads` is the session's
/// intra-op pool size (it decides TF's sharding, which the output depends on
/// for large inputs).
pub fn multinomial<T>(
    logits: &[T],
    batch: usize,
    num_classes: usize,
    num_samples: usize,
    gen: PhiloxRandom,
    num_threads: usize,
) -> Vec<i64>
where
    T: Copy + Into<f64> + Sync,
{
    let mut out = vec![0i64; batch * num_samples];
    multinomial_into(logits, batch, num_classes, gen, num_threads, &mut out)
        .expect("small test inputs");
    out
}

/// [`multinomial`] into `out` (`[batch, num_samples]`, allocated by the
/// caller); fails only when a per-shard cdf buffer cannot be allocated.
pub fn multinomial_into<T>(
    logits: &[T],
    batch: usize,
    num_classes: usize,
    gen: PhiloxRandom,
    num_threads: usize,
    out: &mut [i64],
) -> Result<()>
where
    T: Copy + Into<f64> + Sync,
{
    if out.is_empty() || batch == 0 || logits.len() != batch * num_classes {
        return Ok(());
    }
    let num_samples = out.len() / batch;
    let cost = row_cost(num_classes, num_samples);
    let shards = shard_ranges(num_threads, batch as i64, cost);
    // Each shard owns rows [start, limit): split `out` accordingly, with its
    // own cdf buffer (allocated here, fallibly, not inside the pool).
    let mut pieces: Vec<(usize, &mut [i64], Vec<f64>)> = Vec::with_capacity(shards.len());
    let mut rest = out;
    for &(start, limit) in &shards {
        let (head, tail) = rest.split_at_mut((limit - start) as usize * num_samples);
        let cdf = crate::alloc::try_filled(num_classes, 0f64, &[num_classes])?;
        pieces.push((start as usize, head, cdf));
        rest = tail;
    }
    let run = |(start, piece, mut cdf): (usize, &mut [i64], Vec<f64>)| {
        let mut g = gen;
        g.skip((start as u64 * (num_samples as u64 + 3)) / 4);
        let mut philox = SimplePhilox::new(&mut g);
        for (i, row_out) in piece.chunks_mut(num_samples).enumerate() {
            let row = &logits[(start + i) * num_classes..(start + i + 1) * num_classes];
            sample_row(row, &mut cdf, &mut philox, row_out);
        }
    };
    let work = batch * (num_samples + num_classes);
    if pieces.len() > 1 && work >= 1 << 15 {
        crate::parallel::install(|| pieces.into_par_iter().for_each(run));
    } else {
        pieces.into_iter().for_each(run);
    }
    Ok(())
}

/// One row: build the (unnormalised) cdf, then draw the row's samples.
fn sample_row<T: Copy + Into<f64>>(
    row: &[T],
    cdf: &mut [f64],
    philox: &mut SimplePhilox<'_>,
    out: &mut [i64],
) {
    let n = row.len();
    let mut max = f64::NEG_INFINITY;
    let mut any_finite = false;
    for &l in row {
        let l: f64 = l.into();
        if l.is_finite() {
            any_finite = true;
            if max < l {
                max = l;
            }
        }
    }
    let mut running_total = 0f64;
    if any_finite {
        let vectorised = n / 4 * 4;
        for (j, &l) in row.iter().enumerate() {
            let l: f64 = l.into();
            if l.is_finite() {
                let x = l - max;
                running_total += if j < vectorised {
                    eigen_exp_f64(x)
                } else {
                    exp(x)
                };
            }
            cdf[j] = running_total;
        }
    } else {
        // No finite logit: every cdf entry stays 0 (the exps are overwritten).
        cdf.fill(0.0);
    }
    for o in out.iter_mut() {
        let to_find = philox.rand_double() * running_total;
        *o = cdf.partition_point(|&c| c <= to_find) as i64;
    }
}

/// Eigen's `pexp<Packet4d>` for one lane, as TF 2.21's x86-64 build runs it
/// (AVX, no FMA: every `pmadd` is a multiply then an add).
///
/// The packet takes a slower `pldexp` path when any of its four lanes has
/// `|x| > 708`; for every lane that path gives the same value as the fast one
/// except that it flushes `x < -745.519` to zero, so one lane can be computed
/// alone.
pub fn eigen_exp_f64(x_in: f64) -> f64 {
    const EXP_HI: f64 = 709.784;
    const EXP_LO: f64 = -745.519;
    const PLDEXP_THRESHOLD: f64 = 708.0;
    // Eigen's 1.4426950408889634073599 is this double.
    const LOG2EF: f64 = std::f64::consts::LOG2_E;
    const P0: f64 = 1.261_771_930_748_105_9e-4;
    const P1: f64 = 3.029_944_077_074_419_6e-2;
    const P2: f64 = 1.0; // 9.99999999999999999910e-1 rounds to 1
    const Q0: f64 = 3.001_985_051_386_644_6e-6;
    const Q1: f64 = 2.524_483_403_496_841e-3;
    const Q2: f64 = 2.272_655_482_081_550_3e-1;
    const Q3: f64 = 2.0; // 2.00000000000000000009e0
    const C1: f64 = 0.693_145_751_953_125;
    const C2: f64 = 1.428_606_820_309_417_2e-6;

    let zero = x_in < EXP_LO;
    // pmin(_x, hi) = _mm256_min_pd(hi, _x): `_x` unless hi < _x.
    let x = if EXP_HI < x_in { EXP_HI } else { x_in };
    let fx = (LOG2EF * x + 0.5).floor();
    let tmp = fx * C1;
    let z = fx * C2;
    let x = x - tmp;
    let x = x - z;
    let x2 = x * x;
    let px = ((P0 * x2 + P1) * x2 + P2) * x;
    let qx = ((Q0 * x2 + Q1) * x2 + Q2) * x2 + Q3;
    let y = px / (qx - px);
    let y = 2.0 * y + 1.0;
    let slow = PLDEXP_THRESHOLD < x_in.abs();
    let scaled = if slow {
        pldexp(y, fx)
    } else {
        pldexp_fast(y, fx)
    };
    // pmax(r, _x) = _mm256_max_pd(_x, r): `r` unless _x > r.
    let r = if x_in > scaled { x_in } else { scaled };
    if slow && zero {
        0.0
    } else {
        r
    }
}

fn pow2(e: i64) -> f64 {
    f64::from_bits(((e + 1023) as u64) << 52)
}

/// Eigen's `pldexp_fast` for doubles: biased exponent clamped to [0, 2047].
fn pldexp_fast(a: f64, e: f64) -> f64 {
    let biased = (e + 1023.0).clamp(0.0, 2047.0) as i64;
    a * f64::from_bits((biased as u64) << 52)
}

/// Eigen's `pldexp` for `Packet4d`: `a * 2^e` in four exact steps.
fn pldexp(a: f64, e: f64) -> f64 {
    let e = e.clamp(-2099.0, 2099.0) as i64;
    let b = e >> 2;
    let c = pow2(b);
    let out = a * c * c * c;
    out * pow2(e - 3 * b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn op_gen(s: i64) -> PhiloxRandom {
        PhiloxRandom::new(87654321, s.rem_euclid(i32::MAX as i64) as u64)
    }

    /// `np.log(np.array([[0.1, 0.2, 0.7], [0.5, 0.25, 0.25]], dtype=np.float32))`.
    const LOGITS_BITS: [u32; 6] = [
        0xc0135d8e, 0xbfce0210, 0xbeb69e19, 0xbf317218, 0xbfb17218, 0xbfb17218,
    ];

    fn logits() -> Vec<f32> {
        LOGITS_BITS.iter().map(|&b| f32::from_bits(b)).collect()
    }

    /// `sess.run(a)` twice for an op with seed `s`, then one run of a second op.
    fn runs(num_samples: usize, s: i64, runs: usize) -> Vec<Vec<i64>> {
        let l = logits();
        let mut state = op_gen(s);
        (0..runs)
            .map(|_| {
                let out = multinomial(&l, 2, 3, num_samples, state, 8);
                state.skip(reservation(2, num_samples));
                out
            })
            .collect()
    }

    // tier2.jsonl multinomial/1: tf.multinomial(logits, 1, seed=1234) run twice,
    // tf.random.categorical(logits, 1, seed=1813743792) once.
    #[test]
    fn tier2_multinomial_1() {
        let a = runs(1, 1234, 2);
        assert_eq!(a[0], MULTINOMIAL_1[0]);
        assert_eq!(a[1], MULTINOMIAL_1[1]);
        assert_eq!(runs(1, 1813743792, 1)[0], MULTINOMIAL_1[2]);
    }

    // tier2.jsonl multinomial/5: seed=0 twice, categorical seed=1234 once.
    #[test]
    fn tier2_multinomial_5() {
        let a = runs(5, 0, 2);
        assert_eq!(a[0], MULTINOMIAL_5[0]);
        assert_eq!(a[1], MULTINOMIAL_5[1]);
        assert_eq!(runs(5, 1234, 1)[0], MULTINOMIAL_5[2]);
    }

    // tier2.jsonl multinomial/100: seed=0 twice, categorical seed=0 once.
    #[test]
    fn tier2_multinomial_100() {
        let a = runs(100, 0, 2);
        assert_eq!(a[0], MULTINOMIAL_100[0]);
        assert_eq!(a[1], MULTINOMIAL_100[1]);
        assert_eq!(runs(100, 0, 1)[0], MULTINOMIAL_100[2]);
    }

    #[test]
    fn reservations() {
        assert_eq!(reservation(2, 1), 2 * 4 * 2 * 256);
        assert_eq!(reservation(2, 5), 2 * 8 * 2 * 256);
        assert_eq!(reservation(3, 100), 3 * 100 * 2 * 256);
        assert_eq!(reservation(0, 100), 0);
        assert_eq!(reservation(4, 0), 0);
    }

    #[test]
    fn errors() {
        let msg = |r: Result<(usize, usize, usize)>| r.unwrap_err().message;
        assert_eq!(
            msg(check_inputs(&[2, 3, 4], &[], 1)),
            "logits should be a matrix, got shape [2,3,4]"
        );
        assert_eq!(
            msg(check_inputs(&[2, 3], &[2], 1)),
            "num_samples should be a scalar, got shape [2]"
        );
        assert_eq!(
            msg(check_inputs(&[2, 3], &[], -1)),
            "num_samples should be non-negative, got -1"
        );
        assert_eq!(
            msg(check_inputs(&[0, 0], &[], 3)),
            "num_classes should be positive, got 0"
        );
        assert_eq!(check_inputs(&[0, 3], &[], 0), Ok((0, 3, 0)));
    }

    #[test]
    fn non_finite_logits() {
        let g = PhiloxRandom::new(1, 2);
        // -inf and NaN classes are never drawn; all non-finite: index num_classes.
        let l = [f64::NEG_INFINITY, 0.0, f64::NAN, 1.0, f64::NEG_INFINITY];
        let out = multinomial(&l, 1, 5, 200, g, 1);
        assert!(out.iter().all(|&c| c == 1 || c == 3));
        let l = [f64::NAN, f64::INFINITY];
        assert_eq!(multinomial(&l, 1, 2, 3, g, 1), vec![2, 2, 2]);
    }

    #[test]
    fn eigen_exp_is_close_to_exp() {
        for i in 0..19000 {
            let x = -(i as f64) * 0.0371;
            let e = eigen_exp_f64(x);
            let want = exp(x);
            assert!(
                (e - want).abs() <= 2.0 * f64::EPSILON * want,
                "x={x}: {e} vs {want}"
            );
        }
        assert_eq!(eigen_exp_f64(0.0), 1.0);
        assert_eq!(eigen_exp_f64(-746.0), 0.0);
        assert!(eigen_exp_f64(-740.0) > 0.0);
        assert_eq!(eigen_exp_f64(-1e30), 0.0);
    }

    #[test]
    fn eigen_pexp_matches_eigen() {
        for (x, want) in EIGEN_PEXP {
            let x = f64::from_bits(x);
            assert_eq!(eigen_exp_f64(x).to_bits(), want, "x = {x:e}");
        }
    }

    fn fnv1a(values: &[i64]) -> u64 {
        let mut h = 0xcbf2_9ce4_8422_2325u64;
        for v in values {
            for b in v.to_le_bytes() {
                h ^= b as u64;
                h = h.wrapping_mul(0x100_0000_01b3);
            }
        }
        h
    }

    // The cases below were made with TF 2.21 (tensorflow-cpu wheel, the
    // reference build) on x86-64: `tf.random.categorical(logits, S, seed=s)`
    // run twice in one session.

    /// 11 classes: classes 0..8 go through Eigen's vectorised exp, 8..11 through libm.
    #[test]
    fn tf_categorical_11_classes() {
        let l: Vec<f32> = C11_LOGITS.iter().map(|&b| f32::from_bits(b)).collect();
        let mut state = op_gen(77);
        for want in C11_RUNS {
            assert_eq!(multinomial(&l, 3, 11, 50, state, 2), want);
            state.skip(reservation(3, 50));
        }
    }

    #[test]
    fn tf_categorical_f64_and_f16_logits() {
        let l: Vec<f64> = F64_LOGITS.iter().map(|&b| f64::from_bits(b)).collect();
        let mut state = op_gen(9);
        for want in F64_RUNS {
            assert_eq!(multinomial(&l, 4, 13, 30, state, 2), want);
            state.skip(reservation(4, 30));
        }
        let l: Vec<half::f16> = F16_LOGITS
            .iter()
            .map(|&b| half::f16::from_bits(b))
            .collect();
        let mut state = op_gen(10);
        for want in F16_RUNS {
            assert_eq!(multinomial(&l, 4, 6, 30, state, 2), want);
            state.skip(reservation(4, 30));
        }
    }

    /// 64 rows x 300 samples is split into shards, and TF's output depends on
    /// the intra-op pool size: checked for pools of 1, 2, 3, 4, 8 and 16.
    #[test]
    fn tf_categorical_sharded_by_pool_size() {
        let l: Vec<f32> = BIG_LOGITS.iter().map(|&b| f32::from_bits(b)).collect();
        for (threads, h1, h2, tail1, tail2) in BIG_RUNS {
            let mut state = op_gen(5);
            let a = multinomial(&l, 64, 7, 300, state, threads);
            state.skip(reservation(64, 300));
            let b = multinomial(&l, 64, 7, 300, state, threads);
            assert_eq!(a[a.len() - 8..], tail1, "pool {threads}");
            assert_eq!(b[b.len() - 8..], tail2, "pool {threads}");
            assert_eq!((fnv1a(&a), fnv1a(&b)), (h1, h2), "pool {threads}");
        }
    }

    #[test]
    fn sharding_does_not_change_small_runs() {
        let l = logits();
        let g = PhiloxRandom::new(9, 9);
        assert_eq!(
            multinomial(&l, 2, 3, 100, g, 1),
            multinomial(&l, 2, 3, 100, g, 64)
        );
    }

    #[rustfmt::skip]
    const MULTINOMIAL_1: [[i64; 2]; 3] = [
        [2, 0],
        [2, 2],
        [0, 1],
    ];
    #[rustfmt::skip]
    const MULTINOMIAL_5: [[i64; 10]; 3] = [
        [2, 2, 2, 2, 0, 2, 0, 2, 2, 0],
        [2, 2, 2, 2, 2, 0, 0, 0, 0, 1],
        [2, 2, 2, 1, 2, 1, 0, 1, 0, 0],
    ];
    #[rustfmt::skip]
    const MULTINOMIAL_100: [[i64; 200]; 3] = [
        [2, 2, 2, 2, 0, 2, 0, 2, 2, 1, 2, 2, 2, 2, 1, 2, 2, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 2, 1, 2, 1, 2, 2, 1, 2, 1, 2, 2, 2, 1, 0, 2, 2, 2, 2, 2, 2, 2, 1, 1, 0, 2, 2, 2, 2, 1, 2, 2, 2, 0, 2, 2, 0, 2, 1, 2, 2, 0, 0, 2, 2, 0, 2, 2, 2, 1, 2, 1, 0, 2, 1, 2, 1, 2, 2, 2, 2, 2, 2, 1, 2, 2, 2, 2, 1, 1, 2, 1, 0, 0, 0, 0, 1, 2, 1, 2, 0, 0, 2, 0, 1, 0, 0, 2, 1, 2, 2, 2, 0, 2, 0, 0, 2, 1, 1, 0, 0, 1, 2, 0, 1, 2, 0, 1, 1, 0, 1, 2, 1, 1, 0, 1, 0, 0, 0, 0, 1, 0, 2, 0, 0, 2, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 1, 2, 0, 1, 0, 2, 2, 1, 0, 0, 0, 2, 0, 2, 0, 2, 0, 0, 1, 0, 0, 1, 2, 1, 0, 1, 0, 1, 0, 0, 1, 2, 2, 0, 0],
        [2, 1, 2, 1, 2, 1, 2, 2, 0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 2, 2, 2, 1, 0, 2, 1, 2, 2, 2, 1, 1, 2, 2, 1, 2, 2, 2, 2, 2, 1, 2, 1, 0, 2, 2, 1, 2, 2, 2, 2, 1, 1, 2, 1, 2, 2, 0, 2, 2, 0, 2, 0, 2, 2, 2, 2, 1, 1, 2, 2, 2, 2, 2, 2, 1, 1, 2, 2, 2, 2, 2, 2, 1, 1, 2, 2, 2, 2, 1, 0, 2, 2, 2, 2, 2, 2, 0, 2, 1, 1, 1, 1, 2, 1, 1, 0, 2, 0, 2, 0, 0, 0, 2, 1, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 1, 2, 1, 0, 1, 2, 1, 0, 0, 2, 2, 2, 0, 1, 1, 0, 1, 1, 1, 2, 0, 2, 1, 2, 1, 0, 2, 1, 0, 0, 2, 1, 2, 1, 2, 1, 0, 0, 1, 1, 1, 2, 1, 0, 2, 0, 1, 1, 1, 1, 0, 2, 1, 1, 0, 0, 0, 2, 1, 0, 1, 1, 1, 2, 0, 1, 0, 2, 0, 0, 1, 0, 1, 0, 1, 1],
        [2, 2, 2, 2, 0, 2, 0, 2, 2, 1, 2, 2, 2, 2, 1, 2, 2, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 2, 1, 2, 1, 2, 2, 1, 2, 1, 2, 2, 2, 1, 0, 2, 2, 2, 2, 2, 2, 2, 1, 1, 0, 2, 2, 2, 2, 1, 2, 2, 2, 0, 2, 2, 0, 2, 1, 2, 2, 0, 0, 2, 2, 0, 2, 2, 2, 1, 2, 1, 0, 2, 1, 2, 1, 2, 2, 2, 2, 2, 2, 1, 2, 2, 2, 2, 1, 1, 2, 1, 0, 0, 0, 0, 1, 2, 1, 2, 0, 0, 2, 0, 1, 0, 0, 2, 1, 2, 2, 2, 0, 2, 0, 0, 2, 1, 1, 0, 0, 1, 2, 0, 1, 2, 0, 1, 1, 0, 1, 2, 1, 1, 0, 1, 0, 0, 0, 0, 1, 0, 2, 0, 0, 2, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 1, 2, 0, 1, 0, 2, 2, 1, 0, 0, 0, 2, 0, 2, 0, 2, 0, 0, 1, 0, 0, 1, 2, 1, 0, 1, 0, 1, 0, 0, 1, 2, 2, 0, 0],
    ];
    /// (x, Eigen `pexp<Packet4d>(x)`) bit pairs from TF 2.21's bundled Eigen
    /// headers built with `-mavx` (no FMA), lanes mixed as in a packet.
    #[rustfmt::skip]
    const EIGEN_PEXP: [(u64, u64); 58] = [
        (0xc0875739e514726a, 0x0000000000000000),
        (0xbf3835d4caeaccc3, 0x3feffcf96a07ae88),
        (0xc03ac8b45819d532, 0x3d8484bc6ed607ac),
        (0xbf494f17bc08117f, 0x3feff9acda293530),
        (0xc0832cfce698286d, 0x089a82700d3aae00),
        (0xc02050ab6128dd7c, 0x3f32c7b41a315242),
        (0xc07eccd661e34e32, 0x138068f9ca87190a),
        (0xc0c44c194c9469a8, 0x0000000000000000),
        (0xbf2f9a1f9f9263c1, 0x3feffe066da07675),
        (0xc0375cda261d73ae, 0x3dd3a06d35f7f67f),
        (0xbf49f73dd7cfb052, 0x3feff982d90cde02),
        (0xc028a198973d27c7, 0x3ed2cba9d21235c7),
        (0xbfd2b4b4e32dd654, 0x3fe7e3d189f88d14),
        (0xc077954e13a6e63b, 0x1de8afa463101fff),
        (0xc01c73b4107f2fb6, 0x3f4ab02472676e3e),
        (0xc08739209006c87b, 0x0000000000000004),
        (0xc02271ee66d22a28, 0x3f19e5a2048947d3),
        (0xbed4cdab88f43dc0, 0x3feffff5992bec4e),
        (0xc03bf199c39dc9f7, 0x3d69bc487a7a3294),
        (0xbf3a771910ecff21, 0x3feffcb148a2e839),
        (0xc05ad13b926313ff, 0x3642effbd7b1cb8c),
        (0xc0851fed360b8d3d, 0x02faef41120101b7),
        (0xc062c0e529fab161, 0x32678352ed9ef150),
        (0xc022769dbe4d4526, 0x3f19a93f2c629218),
        (0xbf43be61f1d45a52, 0x3feffb10c8f2903d),
        (0xc046fd039725a0ad, 0x3bc9739a9f4f38c1),
        (0xbf19b3aac2304f1e, 0x3fefff32653e7e69),
        (0xc044b8079c08cec7, 0x3c329c1aa4b44aa8),
        (0xc034e5e54de159e9, 0x3e0cd9aeb91811b5),
        (0xc01b07d28e67a64c, 0x3f5309a6e78fe2f7),
        (0xc092654998480570, 0x0000000000000000),
        (0xc0864550a521e8cb, 0x00003962eab4a0f0),
        (0xc04820812391fccb, 0x3b94e220b60ff86d),
        (0xbf33c9b02d738272, 0x3feffd86e272a0f6),
        (0xc009081dcc615769, 0x3fa6681fb85bd793),
        (0xbf441c462af63506, 0x3feffaf9538b7ca5),
        (0xc0827ce635529039, 0x0a965f99bec1e26e),
        (0xbfe285817539c894, 0x3fe1f035493046a8),
        (0xc070cf861bc9c0ce, 0x27af14c4643f4e32),
        (0xc090b119bbd9baee, 0x0000000000000000),
        (0xbf4b277e590b1ef5, 0x3feff936d8b3647d),
        (0xc04462e9c6d348b8, 0x3c4217c090bade11),
        (0xbf2eac13e1759f7d, 0x3feffe154d74bed0),
        (0xc0488faab0378a27, 0x3b8186760940e77e),
        (0xc013bc68aad05b69, 0x3f7d7b57481abfd7),
        (0xc047d33c3c30e330, 0x3ba318866498a457),
        (0xc076c379a5bfde6a, 0x1f175ada6ac607ca),
        (0xc04540e03b9c1de9, 0x3c198e53ec6f8aea),
        (0xc08675d8c7ca10cc, 0x0000002212bfdb5b),
        (0xc0863e9dab9b4d50, 0x00008494da63a6e1),
        (0xc08624c0d8435df8, 0x000d21186bb2f14b),
        (0xc08725bbb1adf15e, 0x0000000000000029),
        (0xc086663f476d85ec, 0x000000ef7a878578),
        (0xc08662effa3fe321, 0x0000016a322fa980),
        (0xc0867525837f3aa5, 0x0000002530b0126c),
        (0xc08688b610f8d690, 0x00000003393635b9),
        (0xc0875739e514726a, 0x0000000000000000),
        (0xc09b90d8cf2b8425, 0x0000000000000000),
    ];
    #[rustfmt::skip]
    const BIG_LOGITS: [u32; 448] = [0x3fcfea8d, 0xbf1c9c11, 0xbf073644, 0xbf895709, 0x3f5d8b5b, 0xc0134c69, 0x3fdf55fe, 0xbf42de75, 0x3ea35918, 0xbe7f5af3, 0x3fbb265a, 0xc003d958, 0xbea513de, 0xbec4a2c6, 0x3f911f5b, 0xbf8cc93d, 0xbe309105, 0xbf60bb54, 0x3d2ce852, 0x3f153361, 0xbf8ce117, 0x3f92864e, 0x3f66cea6, 0x3f00a378, 0x3f669e7f, 0xbf2f08ca, 0xbdfbaddf, 0xbf6f8e96, 0xbe8928a0, 0x3f07c560, 0xbf3110ae, 0xbecb2347, 0xbf2fea8d, 0xbf585f66, 0xbf2bd6c9, 0xbc4f7f2e, 0xbf8f0407, 0x3e700aab, 0x3fd47466, 0x3f3df69b, 0xbe44708a, 0xbf633ba7, 0xbf3f45c4, 0x3fd8a25a, 0x3d501bcb, 0xbf231226, 0x3e437f59, 0x40066a95, 0x3df615e6, 0x3f1e0106, 0x3e99afed, 0xbeb45a18, 0xbf923e09, 0xbeb2dd0d, 0xbe55e85f, 0x3f162cf0, 0x3f56c79e, 0x3f6e5cb5, 0x3e923880, 0x3f62989d, 0xbf412039, 0x3fa05dfc, 0x3f034f5e, 0xbe989fa0, 0x3efa1f0d, 0xbd9ac558, 0x3f90d93b, 0x3fc2895c, 0x400be078, 0xbfb2c064, 0xbfb8d8b9, 0xbf0124ad, 0x3e23e0c2, 0x3f604c9b, 0x3ea19ae7, 0xc0016bbf, 0xbe9cc6c6, 0x3f53f625, 0x3e6b9df4, 0x3f43132a, 0xbe63a9fd, 0xbe4d9386, 0x3e3f09f3, 0x3ed1f24a, 0x3e4b0f15, 0x3df3bace, 0xbf2bb086, 0x3ec1500a, 0x3df97d6e, 0x3f9092ee, 0x3f997624, 0x3e3d99a5, 0xbec02559, 0xbf2383d6, 0x3ed8d441, 0x3d9e6478, 0xbeb00d97, 0x3d32929e, 0xbf1eb860, 0x3f32b23a, 0xbee4ee09, 0x3f9cbcab, 0x3ece9675, 0x3f17f4c3, 0xbf8c2612, 0x3e2d7297, 0x3f3d951c, 0xbf7425b9, 0xbe884dcb, 0x3d0596d5, 0xbfafc24f, 0x3ea15c92, 0x3f589dfc, 0xbf5c093d, 0x3eb37ac3, 0xbfa7f8e7, 0xbd1e7f2f, 0xbfced1a1, 0x3f8f8a9e, 0x3ed15b69, 0xbcc9a980, 0xbf4670fe, 0x3fa30a6f, 0x3ffbc9fd, 0xbfedd25a, 0x3f9e3a9f, 0x3fd056dc, 0x3ead0fde, 0xbf99819d, 0x3f5d0433, 0xbe39432c, 0xbf1a9a8b, 0xbf9d728c, 0x3f0cf006, 0x3f4af564, 0xbf1f9fb6, 0x3f05447e, 0xbf9279c7, 0x3f4d46c4, 0x3d3ebd5a, 0xbe3f0c25, 0xbdd06024, 0x3f5e6f53, 0x3f401afa, 0x3f078b0a, 0x3e0d018c, 0x3d9f60af, 0x3f1e4e2b, 0x3e6e130e, 0x3f2ebbb0, 0xbe9ec7a0, 0xc01bd462, 0x3f84f834, 0x400bf779, 0x3ee1fa85, 0xbdcd1e30, 0xbe0bb82c, 0xbdf3d2af, 0x3c8e9e2d, 0xbf8f9e4f, 0xbf04604d, 0xbf7f3d26, 0x3e7ec535, 0xbe97e159, 0x3efd8c57, 0xbe32e563, 0x3f7c8076, 0x3e5aa8a2, 0x400c346d, 0xbff2bbf4, 0xbf259c55, 0x3f66c7d8, 0x4021d017, 0xbe7e9a1d, 0x3d32de42, 0xbe67beec, 0x3faa6d30, 0xbe931a04, 0x3f2e190f, 0xbea3bd09, 0xbfa2e335, 0x3ea08954, 0x3f00d0b8, 0x3fa5886d, 0xbde2320d, 0xbf1e0b71, 0x3f10111c, 0x3e7683c9, 0x3e8fb355, 0xbd95bc1d, 0x3f9485f9, 0x3ebd2e26, 0x3ff3cbdb, 0x3f8e371b, 0x3f28b77d, 0xbfd04fe6, 0x3f1a3199, 0x3ed72f3b, 0x3f4f9a87, 0x3f85b047, 0xbecd3fe8, 0x3f52f208, 0xbf0ff340, 0x3ffa3972, 0xbfaa7d64, 0xbfe15e3e, 0xbfd34ad6, 0xbf63fb73, 0xbf8f3f2c, 0x3ffa60cb, 0xbea72af1, 0xbfabdccd, 0x3f8ea41a, 0xbf16266f, 0xbf9e5136, 0x3f6036fb, 0x3f1f94aa, 0xbedeb2a4, 0x3fb42a45, 0x3e043334, 0x3fcef834, 0x3f00b3a0, 0x3fc786f1, 0x3de00e85, 0xbf9c2096, 0x401cc275, 0xbf0bb7db, 0xbe4b9c27, 0xbf334d51, 0xbe5046a2, 0x3e787e57, 0x3e4eac92, 0x3f2938a0, 0x3fe56571, 0xbdf6b621, 0xbf9dd6e6, 0xbf975633, 0xbf2a6ee3, 0xbfd64c0c, 0x3f533528, 0xbeff15d9, 0xbe9f396c, 0xbaf7eba2, 0xbfb2c475, 0xbf5c7f3b, 0x3f2cb9e5, 0x3f1e5895, 0xbee2e76e, 0x3fe7bf9c, 0xbfa7220f, 0xbeb0a22a, 0xbe6c6141, 0xc032c1e8, 0x3ff800f2, 0x3ebb8fdf, 0xbf85b51b, 0x4003466d, 0x3f15edf2, 0x3edbeada, 0xbf1b643f, 0x3dd98b4d, 0xbfc3497e, 0x3f4b86d5, 0xbebfb661, 0x3e0943ee, 0x3f99dcef, 0x3e91ca81, 0x3e866222, 0x3e8d9151, 0xbf3bb7b0, 0x3f560468, 0x3fc58ccb, 0x3f424116, 0x3f628962, 0xbf609586, 0xbf5e274e, 0xbfb86ea0, 0x3f9dba78, 0xbe8223dd, 0x3fb32e16, 0xbf482b5d, 0xbee0012d, 0x3dc36e3a, 0x3f6be427, 0x3d78d533, 0x3e583116, 0x3c8764d2, 0x3e3570b3, 0xbf8ee87d, 0x3da5bd1c, 0xbe3f0e90, 0xbd68c0c9, 0x3efc1389, 0xbf2e40ec, 0xbdad128b, 0xbe983fd1, 0x3ed5a89c, 0x3f48e6bb, 0xbf7496c0, 0x3f15fe3a, 0x400435cb, 0xbfbc4edf, 0xbf548625, 0xbf616d89, 0xbe8ee5e6, 0x3fcfb985, 0x3c5ac52f, 0xbf31d771, 0x3f1f2e84, 0xbf198cca, 0x3f8fcbf8, 0x3e9c4bf6, 0x3fb1c386, 0xbf294ddb, 0x4041f990, 0x3f5317fa, 0x3f279291, 0xbd51aafa, 0xbf39c0bc, 0xbf5e2617, 0xbe0b3da4, 0xbf4c19df, 0x3e90badf, 0xbf537b1f, 0x3f1eff47, 0x3f74c464, 0xbf34b1f7, 0x3f98a9f0, 0xbe73a70d, 0x3f93e079, 0x3ee05757, 0x3f8fa874, 0xbf7f3cb0, 0xbddab6ce, 0x3fb9c86f, 0xbf1e37aa, 0xc0026181, 0xbff8a6c3, 0xc0206986, 0xc0074e76, 0xbed2c25e, 0x3fa3a6cf, 0xbee26be0, 0x3ea5a561, 0xbde14338, 0x3c0c10e0, 0xbe2c3c51, 0xbe325c55, 0x3eec1db3, 0xbf96869a, 0x3f814bd9, 0x3f6b864c, 0xbe47bd1d, 0x3f4e2e43, 0xbf338b4f, 0xbf098773, 0x3e2003a1, 0xbe42c94d, 0xbee5c0fe, 0xbf2c258e, 0xbf0eb7f9, 0x3f706d5d, 0xbff8bed2, 0x3eb47a24, 0xbe721c87, 0x3f3a51fc, 0x3f03dbdd, 0xc032150b, 0x3f15ab66, 0x3ea60746, 0x3cb319b1, 0xbeeff604, 0x3f5a70a3, 0xbed37894, 0x3fead807, 0x3f107b65, 0x4008d22d, 0xbf4918c2, 0xbfe0c22c, 0x3f36fc73, 0x3f5a4ad0, 0x3d10d5c0, 0xbfc4f72d, 0xbee55285, 0x3f1e344d, 0xbe3c98b8, 0xbded89a4, 0xbe33ab84, 0xbf6f1508, 0xbf087405, 0xbfb6995e, 0x3fe24c83, 0xbef36413, 0x3ef48952, 0xbf82cd29, 0x3f4b6634, 0xbfefc3bd, 0x3f6bad6f, 0xbd10ddf5, 0x40071427, 0xbfa73c82, 0x3d9c6d5f, 0x3ebc05cf, 0x3f9dcfa4, 0xbed880b5, 0x3db11440, 0xc0091e2d, 0xbf5485f2, 0x3ee73a35, 0x3f8d5596, 0xbe903fbc, 0x40039b54, 0x3fe14fd9, 0xbd786ebf, 0xc01a76d5, 0xbfe3874c, 0xbf4721c2, 0x3f8ed3e2, 0x3e9edc02, 0xc0060828, 0xbe6a4197, 0x3fce82a0, 0xbebfe666, 0xbf3ffe02, 0x40037ef6, 0x3d5ac3f5, 0xbef55414, 0x3eb3491c, 0x3c8c9d0a, 0xbedbb889, 0x3f9aaeb2, 0x3f8ecf51, 0x3f5742b4, 0xbdd2b689, 0x3f92cda2, 0xbd4b94ef, 0x3eeeebde, 0x3f844fda, 0x3f4f106d, 0x3fe516ae, 0x3ee70eb3, 0xbfd78f47, 0xbf948074, 0x3facd04d, 0xbea99df3, 0x3ec5e875, 0xbf59f8ff, 0x3f801ce2];
    /// (pool threads, FNV-1a of run 1, of run 2, last 8 of run 1, last 8 of run 2).
    type PoolRun = (usize, u64, u64, [i64; 8], [i64; 8]);
    #[rustfmt::skip]
    const BIG_RUNS: [PoolRun; 6] = [
        (1, 0x67c45bed651c4744, 0xad16da0fb88a58c4, [2, 4, 2, 6, 2, 6, 2, 4], [6, 2, 2, 2, 6, 2, 6, 2]),
        (2, 0x288c18f535ab1ba5, 0xcbb1eaccec488384, [2, 2, 4, 4, 4, 2, 4, 2], [2, 6, 2, 2, 6, 4, 2, 4]),
        (3, 0xbb9d5a2cbaae7702, 0x74eabf8ecf9ab7e7, [6, 2, 4, 3, 2, 6, 2, 3], [4, 6, 2, 4, 0, 6, 0, 2]),
        (4, 0xa77e0c966dcde900, 0xdfcdaad1fa564823, [2, 1, 2, 2, 3, 4, 4, 2], [2, 6, 2, 2, 2, 6, 2, 4]),
        (8, 0xf38b2f2de60016a3, 0xb3c365b7ff0851e3, [2, 6, 2, 6, 2, 3, 6, 2], [4, 6, 2, 3, 5, 6, 0, 2]),
        (16, 0xd75767f0c69adae6, 0x409ad2238b40e185, [2, 6, 4, 5, 2, 4, 4, 6], [2, 2, 2, 2, 6, 2, 2, 2]),
    ];
    #[rustfmt::skip]
    const C11_LOGITS: [u32; 33] = [0x40a9595a, 0x3f99a90e, 0x403beaee, 0x40d72031, 0x40b3491b, 0xc03ba32a, 0x40366abf, 0xbee87c13, 0xbe9e8b4e, 0x3f9dab7a, 0x3edd403d, 0x408b9c3a, 0x40121e87, 0x3ebae490, 0x3faa7188, 0x3f802185, 0x408f6e7d, 0xbf1d8fc2, 0x3f706f9d, 0xc023fc84, 0xc0f51647, 0x3ffafd53, 0x4025f8c5, 0xc00e7ee5, 0x40d9e57d, 0xc08b9e7e, 0x3e0c91f6, 0xbf0fc1d8, 0x40932595, 0x408d0ef6, 0x3eedffcf, 0x3f9136e3, 0xc02a7472];
    #[rustfmt::skip]
    const C11_RUNS: [[i64; 150]; 2] = [
        [3, 0, 3, 3, 6, 4, 3, 3, 3, 3, 0, 4, 3, 3, 3, 3, 3, 3, 4, 4, 3, 3, 3, 3, 3, 3, 4, 3, 3, 0, 3, 4, 0, 0, 3, 3, 4, 4, 3, 3, 3, 4, 4, 3, 3, 0, 4, 3, 9, 3, 0, 5, 0, 5, 10, 5, 5, 5, 0, 0, 5, 0, 0, 5, 5, 0, 5, 5, 5, 0, 0, 0, 0, 0, 0, 0, 5, 1, 0, 10, 10, 4, 5, 0, 5, 0, 6, 0, 5, 5, 0, 0, 5, 5, 0, 5, 5, 5, 0, 0, 2, 6, 2, 2, 2, 6, 2, 2, 2, 2, 6, 6, 2, 7, 6, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 6, 6, 2, 2, 0, 2, 2, 2, 2, 2, 2, 2, 2, 2],
        [3, 3, 3, 0, 4, 3, 3, 3, 3, 4, 3, 3, 3, 0, 3, 3, 3, 3, 3, 3, 4, 6, 3, 4, 3, 3, 3, 4, 3, 3, 3, 3, 3, 3, 3, 3, 3, 4, 3, 3, 0, 3, 4, 3, 0, 3, 3, 4, 0, 3, 1, 5, 5, 5, 0, 0, 5, 5, 5, 5, 0, 5, 5, 10, 0, 1, 0, 5, 0, 3, 5, 5, 5, 5, 0, 5, 5, 10, 0, 0, 5, 1, 0, 5, 0, 5, 5, 5, 5, 6, 5, 5, 5, 0, 3, 5, 5, 0, 5, 5, 2, 2, 2, 2, 2, 6, 6, 6, 7, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 6, 7, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2],
    ];
    #[rustfmt::skip]
    const F64_LOGITS: [u64; 52] = [0x400076b7f244bc80, 0xc02a2163e3f97426, 0xc02377af59235f31, 0x40032080df380eff, 0xc01850c4779932b0, 0xc022aa94432c0197, 0xbfd610643cb1c4ba, 0x3fe741c603bdaf54, 0xc000777b18197b3c, 0xc00e342930e5375e, 0x402117c5513faeef, 0x400b64e982f2a052, 0xc001dfc44b8be446, 0x4038a4aa05b8a3ca, 0x3fff035912e5816b, 0x4026a3ddc4d0f6fd, 0xc01670720a752070, 0xc02b4241f554c0d7, 0xc01fab96334b57fb, 0xc00570d722183c19, 0xc013dd44a014890f, 0x402aba4c18ce0dc8, 0xbff334e2657c77e3, 0x40127570f95d42d9, 0xbfddbf78fc9a956d, 0xc0115798ab851f4e, 0x3fd851444fe72ec4, 0x403123f8c56f42a0, 0xc01eb7cb2804c14c, 0x401eadfb725be731, 0xc0248528398fd4de, 0xc0126293240cf680, 0x3fa2589467cb9e51, 0x400a1c296e3084ee, 0x402da99e5af22d7a, 0xbfe006c51dfbfdcd, 0xc020df4fd9095715, 0x401a006e07a336fb, 0xc00d22329b96b304, 0x40031832d5a8cf9c, 0xbff298789b8c2834, 0xc0336f3fe1cea3f0, 0x401454fbd12c61c8, 0x401755b03a513513, 0x4022883766e40ff6, 0x4032012f46a8532f, 0xc027e6ee6aff0953, 0x4014a90946553a5c, 0x40105f2e46a792c6, 0xc010c3664c9a1589, 0x400fc4bc584f27cb, 0x4013fc6283961330];
    #[rustfmt::skip]
    const F64_RUNS: [[i64; 120]; 2] = [
        [10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 8, 1, 1, 1, 1, 1, 1, 1, 1, 1, 8, 1, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6],
        [10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 8, 1, 1, 1, 1, 1, 8, 1, 1, 1, 8, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6],
    ];
    #[rustfmt::skip]
    const F16_LOGITS: [u16; 24] = [0xbce0, 0x33e1, 0xbb58, 0xb937, 0xbf19, 0xb793, 0xb284, 0x3866, 0x135f, 0xbe2b, 0x3ae6, 0xaf97, 0x37d0, 0x3bba, 0x3db1, 0x3fd8, 0xaca0, 0x34fa, 0xbc50, 0x3c3f, 0xbcbd, 0xbf39, 0x3aa5, 0xb82c];
    #[rustfmt::skip]
    const F16_RUNS: [[i64; 120]; 2] = [
        [1, 1, 1, 0, 3, 0, 0, 1, 1, 2, 1, 1, 1, 2, 3, 1, 1, 1, 1, 1, 0, 0, 1, 1, 3, 4, 2, 1, 3, 1, 1, 4, 2, 1, 2, 4, 4, 4, 4, 0, 0, 4, 4, 4, 5, 4, 0, 2, 1, 2, 5, 5, 1, 1, 4, 4, 4, 5, 2, 4, 4, 1, 3, 1, 2, 3, 1, 3, 3, 2, 2, 3, 0, 4, 3, 5, 1, 3, 1, 3, 5, 5, 3, 2, 0, 2, 1, 3, 1, 3, 1, 1, 1, 0, 4, 1, 1, 4, 5, 1, 1, 1, 1, 1, 1, 4, 1, 1, 1, 1, 3, 4, 4, 4, 1, 1, 4, 4, 1, 4],
        [3, 4, 1, 1, 1, 5, 5, 5, 1, 1, 5, 2, 5, 2, 3, 1, 2, 5, 1, 0, 1, 1, 2, 1, 1, 1, 3, 3, 4, 1, 0, 1, 1, 1, 1, 4, 4, 1, 5, 5, 4, 2, 5, 2, 5, 4, 0, 5, 4, 4, 1, 1, 4, 4, 0, 4, 4, 4, 0, 5, 3, 3, 0, 5, 4, 3, 3, 1, 3, 0, 5, 1, 1, 1, 4, 3, 3, 3, 5, 3, 0, 3, 2, 3, 4, 3, 2, 3, 3, 2, 1, 1, 4, 1, 1, 1, 2, 1, 4, 1, 1, 1, 1, 1, 1, 4, 1, 1, 4, 4, 4, 1, 1, 1, 1, 1, 2, 2, 1, 5],
    ];
}
