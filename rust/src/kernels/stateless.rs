//! The stateless random ops, bit-exact with TensorFlow 2.21's CPU kernels
//! (`stateless_random_ops.cc`, `stateless_random_ops_v2.cc`,
//! `stateless_random_ops_v2_util.h`, `multinomial_op.cc`).
//!
//! **Which ops TF 2.21's Python runs.** `tf.random.stateless_uniform`,
//! `stateless_normal` and `stateless_truncated_normal` (default
//! `alg="auto_select"`) build two ops: `StatelessRandomGetKeyCounter(seed)` →
//! `(key: uint64[1], counter: uint64[2])`, then the V2 op
//! (`StatelessRandomUniformV2`, `StatelessRandomUniformIntV2`,
//! `StatelessRandomUniformFullIntV2`, `StatelessRandomNormalV2`,
//! `StatelessTruncatedNormalV2`) with `alg = 3` (AUTO_SELECT, which the CPU
//! kernels turn into PHILOX = 1). `alg="philox"` scrambles the seed in Python
//! instead (a `StatelessRandomUniformFullIntV2` of 4 uint32 under key
//! `0x02461E293EC8F720`, counter = `cast(seed, uint64)`) and gives the same
//! key and counter; `"threefry"` fails on CPU ("Unsupported algorithm id: 2").
//! `tf.random.stateless_categorical` runs the v1 `StatelessMultinomial(logits,
//! num_samples, seed)`, which derives the same generator from the seed itself.
//!
//! **Seed → generator** ([`philox_for_seed`], TF's `GenerateKey`): seed words
//! `s0, s1` as uint64 (an int32 seed is sign-extended); counter
//! `[lo(s0), hi(s0), lo(s1), hi(s1)]` under key `[0x3ec8f720, 0x02461e29]`
//! gives one Philox block `m`; the op's generator is key `[m0, m1]`, counter
//! `[0, 0, m2, m3]`. The V2 ops read the key tensor as `key[0] = lo, key[1] =
//! hi` of `key_t[0]` and the counter as `[lo(c[0]), hi(c[0]), lo(c[1]),
//! hi(c[1])]` ([`philox_from_key_counter`], [`get_key_counter`]).
//!
//! **(a) One execution:** the fill is the stateful op's distribution on the
//! generator above: [`fill_blocks`] / [`fill_samples`] with
//! `distributions::fill::{UniformF32, UniformF64, UniformF16, UniformBF16,
//! UniformI32, UniformI64, NormalF32, NormalF64, NormalNarrow,
//! TruncatedNormal, TruncatedNormalF64}` or this module's [`FullInt32`] /
//! [`FullInt64`]; convenience wrappers: [`stateless_uniform_f32`],
//! [`stateless_uniform_int_i32`], [`stateless_normal_f64`], ... and
//! [`stateless_categorical`]. Python then applies, as separate graph ops in
//! the output dtype: uniform floats `rnd * (maxval - minval) + minval`
//! (defaults 0, 1), normal / truncated normal `rnd * stddev + mean`
//! (defaults 1, 0); the integer variants return the op's output as is.
//!
//! **(b) Reservation:** none. Every run of a stateless op starts from the same
//! generator, so repeated `sess.run`s give identical values.
//!
//! **(c) Shapes and errors** (`InvalidArgumentError` text as TF 2.21 words it):
//! - `StatelessRandomGetKeyCounter` / `StatelessMultinomial`: "seed must have
//!   shape [2], not [3]" ([`check_seed_shape`]).
//! - V2 ops: `MakeShape` errors ("shape must be a vector of {int32,int64}, got
//!   shape [1,2]", "Dimension -1 must be >= 0"); "key must have shape [1], not
//!   [2]. (Note that batched keys are not supported yet.)"; "counter must be a
//!   vector with length at least N; got shape: [1]. (Note that batched counters
//!   are not supported yet.)" where TF passes the algorithm id as N (so 1 for
//!   Philox); "Unsupported algorithm id: 2" ([`check_key_counter`]).
//! - `StatelessRandomUniformIntV2`, only for a non-empty output: "minval must
//!   be 0-D, got shape [2]", "maxval must be 0-D, got shape [2]", "Need minval
//!   < maxval, got 5 >= 5" ([`check_int_range`]).
//! - `StatelessMultinomial`: as `Multinomial` (see [`super::multinomial`]).
//! - Python-level `ValueError`s: integer `dtype` with only one of
//!   minval/maxval None; minval given with uint32/uint64; dtype outside
//!   float16/bfloat16/float32/float64/int32/int64/uint32/uint64.
//!
//! Output shape = `shape` (uniform/normal/truncated), `[batch, num_samples]`
//! (categorical).

use super::common::shape_debug_string;
use super::multinomial;
use crate::distributions::fill::{
    f32_id, f32_to_f16, fill_blocks as fill_block_dist, fill_samples as fill_sample_dist,
    BlockDist, NormalF32, NormalF64, NormalNarrow, SampleDist, TruncatedNormal, TruncatedNormalF64,
    UniformBF16, UniformF16, UniformF32, UniformF64, UniformI32, UniformI64,
};
use crate::distributions::IntRange;
use crate::error::{Error, Result};
use crate::philox::{Block, Key, PhiloxRandom};
use half::{bf16, f16};

/// TF's `RNG_ALG_PHILOX`.
pub const ALG_PHILOX: i32 = 1;
/// TF's `RNG_ALG_THREEFRY`.
pub const ALG_THREEFRY: i32 = 2;
/// TF's `RNG_ALG_AUTO_SELECT` (what the Python functions pass by default).
pub const ALG_AUTO_SELECT: i32 = 3;

/// The key TF scrambles seeds under.
const SCRAMBLE_KEY: Key = [0x3ec8_f720, 0x0246_1e29];

/// TF's `GenerateKey(seed)`: the key and counter of a stateless op's generator.
pub fn key_counter(seed: [i64; 2]) -> (Key, Block) {
    let (s0, s1) = (seed[0] as u64, seed[1] as u64);
    let counter = [s0 as u32, (s0 >> 32) as u32, s1 as u32, (s1 >> 32) as u32];
    let mix = PhiloxRandom::from_parts(counter, SCRAMBLE_KEY).next_block();
    ([mix[0], mix[1]], [0, 0, mix[2], mix[3]])
}

/// The generator of a stateless op with seed tensor `seed` (int32 seeds
/// sign-extended to i64 by the caller).
pub fn philox_for_seed(seed: [i64; 2]) -> PhiloxRandom {
    let (key, counter) = key_counter(seed);
    PhiloxRandom::from_parts(counter, key)
}

/// `StatelessRandomGetKeyCounter(seed)`: `(key[0], [counter[0], counter[1]])`
/// as the uint64 tensors it outputs.
pub fn get_key_counter(seed: [i64; 2]) -> (u64, [u64; 2]) {
    let (k, c) = key_counter(seed);
    (
        k[0] as u64 | (k[1] as u64) << 32,
        [
            c[0] as u64 | (c[1] as u64) << 32,
            c[2] as u64 | (c[3] as u64) << 32,
        ],
    )
}

/// The generator a V2 op builds from its `key` and `counter` tensors
/// (`GetPhiloxRandomFromCounterKeyMem`).
pub fn philox_from_key_counter(key: u64, counter: [u64; 2]) -> PhiloxRandom {
    PhiloxRandom::from_parts(
        [
            counter[0] as u32,
            (counter[0] >> 32) as u32,
            counter[1] as u32,
            (counter[1] >> 32) as u32,
        ],
        [key as u32, (key >> 32) as u32],
    )
}

/// TF's check of a seed tensor's shape (`StatelessRandomGetKeyCounter`,
/// `StatelessMultinomial`, and the v1 stateless ops).
pub fn check_seed_shape(seed_dims: &[usize]) -> Result<()> {
    if seed_dims != [2] {
        return Err(Error::invalid_argument(format!(
            "seed must have shape [2], not {}",
            shape_debug_string(seed_dims)
        )));
    }
    Ok(())
}

/// The V2 ops' checks of `alg`, `key` and `counter` (after `MakeShape`), in
/// TF's order; returns the algorithm the CPU kernel runs (always Philox).
pub fn check_key_counter(alg: i32, key_dims: &[usize], counter_dims: &[usize]) -> Result<i32> {
    let alg = if alg == ALG_AUTO_SELECT {
        ALG_PHILOX
    } else {
        alg
    };
    if key_dims != [1] {
        return Err(Error::invalid_argument(format!(
            "key must have shape [1], not {}. (Note that batched keys are not supported yet.)",
            shape_debug_string(key_dims)
        )));
    }
    // TF passes the algorithm id as the minimum counter length.
    if counter_dims.len() != 1 || (counter_dims[0] as i64) < alg as i64 {
        return Err(Error::invalid_argument(format!(
            "counter must be a vector with length at least {alg}; got shape: {}. \
             (Note that batched counters are not supported yet.)",
            shape_debug_string(counter_dims)
        )));
    }
    if alg != ALG_PHILOX {
        return Err(Error::invalid_argument(format!(
            "Unsupported algorithm id: {alg}"
        )));
    }
    Ok(alg)
}

/// `StatelessRandomUniformIntV2`'s checks (made only for a non-empty output).
pub fn check_int_range<T: PartialOrd + std::fmt::Display>(
    minval_dims: &[usize],
    maxval_dims: &[usize],
    lo: T,
    hi: T,
) -> Result<()> {
    if !minval_dims.is_empty() {
        return Err(Error::invalid_argument(format!(
            "minval must be 0-D, got shape {}",
            shape_debug_string(minval_dims)
        )));
    }
    if !maxval_dims.is_empty() {
        return Err(Error::invalid_argument(format!(
            "maxval must be 0-D, got shape {}",
            shape_debug_string(maxval_dims)
        )));
    }
    if lo >= hi {
        return Err(Error::invalid_argument(format!(
            "Need minval < maxval, got {lo} >= {hi}"
        )));
    }
    Ok(())
}

// ---------------------------------------------------------------- full-range ints

/// `UniformFullIntDistribution` for 32-bit types: each word is one output
/// (reinterpreted as `i32` for int32; use `as u32` for uint32).
pub struct FullInt32;
impl BlockDist for FullInt32 {
    type Out = i32;
    const GROUP: usize = 4;
    fn group(&self, b: &Block, out: &mut [i32]) {
        for (o, &x) in out.iter_mut().zip(b) {
            *o = x as i32;
        }
    }
}

/// `UniformFullIntDistribution` for 64-bit types: `w[2i] | w[2i+1] << 32`
/// (reinterpreted as `i64` for int64; `as u64` for uint64).
pub struct FullInt64;
impl BlockDist for FullInt64 {
    type Out = i64;
    const GROUP: usize = 2;
    fn group(&self, b: &Block, out: &mut [i64]) {
        for (i, o) in out.iter_mut().enumerate() {
            *o = (b[2 * i] as u64 | (b[2 * i + 1] as u64) << 32) as i64;
        }
    }
}

// ---------------------------------------------------------------- fills

/// Fill `n` outputs of a fixed-samples distribution from `gen`.
pub fn fill_blocks<D: BlockDist>(dist: &D, gen: PhiloxRandom, n: usize) -> Vec<D::Out>
where
    D::Out: Default,
{
    let mut out = vec![D::Out::default(); n];
    fill_block_dist(dist, gen, &mut out);
    out
}

/// Fill `n` outputs of a variable-samples distribution (truncated normal) from `gen`.
pub fn fill_samples<D: SampleDist>(dist: &D, gen: PhiloxRandom, n: usize) -> Vec<D::Out>
where
    D::Out: Default,
{
    let mut out = vec![D::Out::default(); n];
    fill_sample_dist(dist, gen, &mut out);
    out
}

/// `StatelessRandomUniformV2` float32 (the raw [0, 1) values).
pub fn stateless_uniform_f32(seed: [i64; 2], n: usize) -> Vec<f32> {
    fill_blocks(&UniformF32, philox_for_seed(seed), n)
}

/// `StatelessRandomUniformV2` float64.
pub fn stateless_uniform_f64(seed: [i64; 2], n: usize) -> Vec<f64> {
    fill_blocks(&UniformF64, philox_for_seed(seed), n)
}

/// `StatelessRandomUniformV2` float16.
pub fn stateless_uniform_f16(seed: [i64; 2], n: usize) -> Vec<f16> {
    fill_blocks(&UniformF16, philox_for_seed(seed), n)
}

/// `StatelessRandomUniformV2` bfloat16.
pub fn stateless_uniform_bf16(seed: [i64; 2], n: usize) -> Vec<bf16> {
    fill_blocks(&UniformBF16, philox_for_seed(seed), n)
}

/// `StatelessRandomUniformIntV2` int32 in `[lo, hi)` (checks as TF, only
/// when `n > 0`; pass the minval/maxval shapes to [`check_int_range`] first
/// for the shape errors).
pub fn stateless_uniform_int_i32(seed: [i64; 2], n: usize, lo: i32, hi: i32) -> Result<Vec<i32>> {
    if n == 0 {
        return Ok(Vec::new());
    }
    check_int_range(&[], &[], lo, hi)?;
    Ok(fill_blocks(
        &UniformI32(IntRange::<i32>::new(lo, hi)),
        philox_for_seed(seed),
        n,
    ))
}

/// `StatelessRandomUniformIntV2` int64 in `[lo, hi)`.
pub fn stateless_uniform_int_i64(seed: [i64; 2], n: usize, lo: i64, hi: i64) -> Result<Vec<i64>> {
    if n == 0 {
        return Ok(Vec::new());
    }
    check_int_range(&[], &[], lo, hi)?;
    Ok(fill_blocks(
        &UniformI64(IntRange::<i64>::new(lo, hi)),
        philox_for_seed(seed),
        n,
    ))
}

/// `StatelessRandomUniformFullIntV2` int32 (`as u32` for uint32).
pub fn stateless_uniform_full_int_i32(seed: [i64; 2], n: usize) -> Vec<i32> {
    fill_blocks(&FullInt32, philox_for_seed(seed), n)
}

/// `StatelessRandomUniformFullIntV2` int64 (`as u64` for uint64).
pub fn stateless_uniform_full_int_i64(seed: [i64; 2], n: usize) -> Vec<i64> {
    fill_blocks(&FullInt64, philox_for_seed(seed), n)
}

/// `StatelessRandomNormalV2` float32 (before `* stddev + mean`).
pub fn stateless_normal_f32(seed: [i64; 2], n: usize) -> Vec<f32> {
    fill_blocks(&NormalF32, philox_for_seed(seed), n)
}

/// `StatelessRandomNormalV2` float64.
pub fn stateless_normal_f64(seed: [i64; 2], n: usize) -> Vec<f64> {
    fill_blocks(&NormalF64, philox_for_seed(seed), n)
}

/// `StatelessRandomNormalV2` float16 (float Box-Muller, rounded).
pub fn stateless_normal_f16(seed: [i64; 2], n: usize) -> Vec<f16> {
    fill_blocks(&NormalNarrow(f32_to_f16), philox_for_seed(seed), n)
}

/// `StatelessTruncatedNormalV2` float32.
pub fn stateless_truncated_normal_f32(seed: [i64; 2], n: usize) -> Vec<f32> {
    fill_samples(&TruncatedNormal(f32_id), philox_for_seed(seed), n)
}

/// `StatelessTruncatedNormalV2` float64.
pub fn stateless_truncated_normal_f64(seed: [i64; 2], n: usize) -> Vec<f64> {
    fill_samples(&TruncatedNormalF64, philox_for_seed(seed), n)
}

/// `StatelessTruncatedNormalV2` float16.
pub fn stateless_truncated_normal_f16(seed: [i64; 2], n: usize) -> Vec<f16> {
    fill_samples(&TruncatedNormal(f32_to_f16), philox_for_seed(seed), n)
}

/// `StatelessMultinomial` (`tf.random.stateless_categorical`): the CPU
/// multinomial kernel on the seed's generator (a fresh
/// `GuardedPhiloxRandom`, so its reservation changes nothing). Run
/// [`check_seed_shape`] and `multinomial::check_inputs` first for TF's errors.
///
/// `num_threads`: the session's intra-op pool size, as for `Multinomial`,
/// **except** when every input (logits, num_samples, seed) is a constant, or
/// computed from constants by stateless ops: then Grappler's constant folding
/// evaluates the op while optimising the graph, as a single shard, so pass 1
/// (checked against TF 2.21: the folded and the fed results differ once the
/// work is large enough to be sharded).
pub fn stateless_categorical<T>(
    logits: &[T],
    batch: usize,
    num_classes: usize,
    num_samples: usize,
    seed: [i64; 2],
    num_threads: usize,
) -> Vec<i64>
where
    T: Copy + Into<f64> + Sync,
{
    multinomial::multinomial(
        logits,
        batch,
        num_classes,
        num_samples,
        philox_for_seed(seed),
        num_threads,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bits32(v: &[f32]) -> Vec<u32> {
        v.iter().map(|x| x.to_bits()).collect()
    }
    fn bits64(v: &[f64]) -> Vec<u64> {
        v.iter().map(|x| x.to_bits()).collect()
    }
    fn bits16(v: &[f16]) -> Vec<u16> {
        v.iter().map(|x| x.to_bits()).collect()
    }

    /// Python's `rnd * 1 + 0` in float16 arithmetic (Eigen: via float, rounded).
    fn affine_f16(v: Vec<f16>) -> Vec<f16> {
        v.into_iter()
            .map(|x| {
                let m = f16::from_f32(x.to_f32() * 1.0);
                f16::from_f32(m.to_f32() + 0.0)
            })
            .collect()
    }
    fn affine_f32(v: Vec<f32>) -> Vec<f32> {
        v.into_iter().map(|x| x * 1.0 + 0.0).collect()
    }
    fn affine_f64(v: Vec<f64>) -> Vec<f64> {
        v.into_iter().map(|x| x * 1.0 + 0.0).collect()
    }

    #[test]
    fn key_counter_round_trips() {
        let seed = [0x1234_5678_9abc_def0u64 as i64, -5];
        let (k, c) = key_counter(seed);
        let (k64, c64) = get_key_counter(seed);
        assert_eq!(c[0], 0);
        assert_eq!(c[1], 0);
        assert_eq!(
            philox_from_key_counter(k64, c64),
            PhiloxRandom::from_parts(c, k)
        );
        assert_eq!(philox_for_seed(seed), PhiloxRandom::from_parts(c, k));
    }

    #[test]
    fn python_philox_scramble_matches_generate_key() {
        // alg="philox": a FullIntV2 of 4 uint32 under the scramble key, counter = seed.
        let seed = [83564630i64, -1394216428];
        let raw = fill_blocks(
            &FullInt32,
            philox_from_key_counter(0x0246_1E29_3EC8_F720, [seed[0] as u64, seed[1] as u64]),
            4,
        );
        let m: Vec<u32> = raw.iter().map(|&x| x as u32).collect();
        let key = m[0] as u64 | (m[1] as u64) << 32;
        let counter = [0u64, m[2] as u64 | (m[3] as u64) << 32];
        assert_eq!(philox_from_key_counter(key, counter), philox_for_seed(seed));
    }

    #[test]
    fn errors() {
        let msg = |r: Result<()>| r.unwrap_err().message;
        assert_eq!(
            msg(check_seed_shape(&[3])),
            "seed must have shape [2], not [3]"
        );
        assert!(check_seed_shape(&[2]).is_ok());
        assert_eq!(
            check_key_counter(ALG_AUTO_SELECT, &[1], &[2]),
            Ok(ALG_PHILOX)
        );
        assert_eq!(
            check_key_counter(ALG_PHILOX, &[2], &[2])
                .unwrap_err()
                .message,
            "key must have shape [1], not [2]. (Note that batched keys are not supported yet.)"
        );
        assert_eq!(
            check_key_counter(ALG_THREEFRY, &[1], &[1])
                .unwrap_err()
                .message,
            "counter must be a vector with length at least 2; got shape: [1]. \
             (Note that batched counters are not supported yet.)"
        );
        assert_eq!(
            check_key_counter(ALG_THREEFRY, &[1], &[2])
                .unwrap_err()
                .message,
            "Unsupported algorithm id: 2"
        );
        assert_eq!(
            msg(check_int_range(&[2], &[], 1, 5)),
            "minval must be 0-D, got shape [2]"
        );
        assert_eq!(
            msg(check_int_range(&[], &[1], 1, 5)),
            "maxval must be 0-D, got shape [1]"
        );
        assert_eq!(
            msg(check_int_range(&[], &[], 5, 5)),
            "Need minval < maxval, got 5 >= 5"
        );
        assert_eq!(stateless_uniform_int_i32([1, 2], 0, 5, 5), Ok(vec![]));
        assert!(stateless_uniform_int_i64([1, 2], 3, 5, -5).is_err());
    }

    #[test]
    fn stateless_is_repeatable() {
        assert_eq!(
            stateless_normal_f32([7, 8], 33),
            stateless_normal_f32([7, 8], 33)
        );
        assert_ne!(
            stateless_normal_f32([7, 8], 4),
            stateless_normal_f32([8, 7], 4)
        );
    }

    // tier2.jsonl stateless/*: tf.random.stateless_{uniform,normal,truncated_normal}
    // ([n], seed=[s0, s1], dtype) evaluated twice (both runs equal), through
    // Python's `rnd * (1 - 0) + 0` / `rnd * 1 + 0`.
    #[test]
    fn tier2_stateless_floats() {
        assert_eq!(
            bits16(&affine_f16(stateless_uniform_f16(
                [83564630, 1394216428],
                40
            ))),
            UNIFORM_FLOAT16,
            "stateless/stateless_uniform_float16"
        );
        assert_eq!(
            bits32(&affine_f32(stateless_uniform_f32(
                [1892956423, 1681931370],
                30
            ))),
            UNIFORM_FLOAT32,
            "stateless/stateless_uniform_float32"
        );
        assert_eq!(
            bits64(&affine_f64(stateless_uniform_f64(
                [517882439, 1909199503],
                10
            ))),
            UNIFORM_FLOAT64,
            "stateless/stateless_uniform_float64"
        );
        assert_eq!(
            bits16(&affine_f16(stateless_normal_f16(
                [975816129, 1778472109],
                29
            ))),
            NORMAL_FLOAT16,
            "stateless/stateless_normal_float16"
        );
        assert_eq!(
            bits32(&affine_f32(stateless_normal_f32(
                [852297472, 1880484758],
                4
            ))),
            NORMAL_FLOAT32,
            "stateless/stateless_normal_float32"
        );
        assert_eq!(
            bits64(&affine_f64(stateless_normal_f64(
                [854876532, 1303599157],
                32
            ))),
            NORMAL_FLOAT64,
            "stateless/stateless_normal_float64"
        );
        assert_eq!(
            bits16(&affine_f16(stateless_truncated_normal_f16(
                [310350589, 535111736],
                8
            ))),
            TRUNCATED_NORMAL_FLOAT16,
            "stateless/stateless_truncated_normal_float16"
        );
        assert_eq!(
            bits32(&affine_f32(stateless_truncated_normal_f32(
                [1732559319, 799234113],
                38
            ))),
            TRUNCATED_NORMAL_FLOAT32,
            "stateless/stateless_truncated_normal_float32"
        );
        assert_eq!(
            bits64(&affine_f64(stateless_truncated_normal_f64(
                [1353418637, 1897781094],
                13
            ))),
            TRUNCATED_NORMAL_FLOAT64,
            "stateless/stateless_truncated_normal_float64"
        );
    }

    // tier2.jsonl stateless/uniform_int.
    #[test]
    fn tier2_stateless_uniform_int() {
        assert_eq!(
            stateless_uniform_int_i32([2001971166, 5], 20, -7, 93).unwrap(),
            UNIFORM_INT32
        );
        assert_eq!(
            stateless_uniform_int_i64([3, 1222505303], 20, 0, 1 << 40).unwrap(),
            UNIFORM_INT64
        );
    }

    // tier2.jsonl stateless/categorical: logits [[0, 1, 2]], 12 samples.
    #[test]
    fn tier2_stateless_categorical() {
        let logits = [0.0f32, 1.0, 2.0];
        assert_eq!(
            stateless_categorical(&logits, 1, 3, 12, [128402224, 9], 8),
            CATEGORICAL
        );
    }

    #[rustfmt::skip]
    const UNIFORM_FLOAT16: [u16; 40] = [0x3504, 0x38a0, 0x3a98, 0x3ae8, 0x359c, 0x2e40, 0x3420, 0x3a1e, 0x3568, 0x3aec, 0x3410, 0x392c, 0x3aac, 0x39c6, 0x3abc, 0x3812, 0x3988, 0x382a, 0x3b9e, 0x3bfa, 0x34bc, 0x37d0, 0x3a3c, 0x3980, 0x31d8, 0x3444, 0x347c, 0x3972, 0x2f60, 0x2840, 0x362c, 0x3bc6, 0x3b10, 0x3a08, 0x3a74, 0x3b28, 0x3a00, 0x381e, 0x3490, 0x3564];
    #[rustfmt::skip]
    const UNIFORM_FLOAT32: [u32; 30] = [0x3e82896c, 0x3f3b617c, 0x3e23cf88, 0x3f7222e8, 0x3f70baa0, 0x3f23e7e8, 0x3df8d200, 0x3e4ac840, 0x3f047d94, 0x3d076800, 0x3f6c6a8c, 0x3f7e10de, 0x3ee2fdd8, 0x3e8bfc74, 0x3f1bd7ca, 0x3e922dec, 0x3f52e6ea, 0x3f177156, 0x3ea16cb0, 0x3e2f0ae0, 0x3bb81600, 0x3f1a48ba, 0x3f771a26, 0x3e6eab98, 0x3e3991b8, 0x3f5af9b0, 0x3e423968, 0x3f2be0b6, 0x3dcbdf70, 0x3ec77ac8];
    #[rustfmt::skip]
    const UNIFORM_FLOAT64: [u64; 10] = [0x3fef59076aef12ec, 0x3fe63ae9dd4e2a80, 0x3fe06d0b7ec68ace, 0x3fb85ed9e7030960, 0x3fec29e0085310b8, 0x3fd49bb0b7dcea30, 0x3fe2efbf5a948858, 0x3fe033a6e3ca82f0, 0x3fe1d408f3c66ba4, 0x3fcddb0e17b35830];
    #[rustfmt::skip]
    const NORMAL_FLOAT16: [u16; 29] = [0xbbb7, 0xbce3, 0xbba2, 0x3407, 0xbaaf, 0xbec4, 0xa3dc, 0x3ba2, 0xb884, 0x9ea3, 0xbbc1, 0x387f, 0xbb39, 0x3d17, 0x34eb, 0xb828, 0xb494, 0x3a85, 0x3a2b, 0x3de4, 0xbd7c, 0xb24b, 0xb9dd, 0x2a61, 0xb5af, 0x3633, 0xb984, 0x414c, 0x381e];
    #[rustfmt::skip]
    const NORMAL_FLOAT32: [u32; 4] = [0xbe6269c1, 0xbedd79f6, 0x3e955c30, 0x3f2b030e];
    #[rustfmt::skip]
    const NORMAL_FLOAT64: [u64; 32] = [0xbfe7cd93a3d6cbec, 0x3fd49035193f01f8, 0x3fe79fa94c97e000, 0x3fd97b2732212e5d, 0xbfea70cdf02393be, 0x3fd59b847c6a813e, 0x3fba153d33179576, 0xbff5f64511186d47, 0xbfe1aad959770250, 0xbff3a3f27a88b1ee, 0x3fb21c6f5283cf51, 0x3fe4c68be0cdde38, 0xbff2ef37cf313ece, 0x3ff18800466aa48c, 0xc005e3393bdc23a5, 0xbff01cd54557f113, 0x3ffef8622f7ff3d4, 0x3f803572283ae3a4, 0xbfeddddc1e355e57, 0x3fd04ed8c3e0246a, 0x3fecb887fa15d3d8, 0x3fb74348284d9bc1, 0xbfdcac7a82011cc1, 0x3fc609d317fa65ae, 0xbfb1adb94c5fc4c7, 0xbffc9af867c5cf31, 0x3fde4181f5e51ba1, 0xbff1ad2b6d3a6165, 0x3ffc472805215feb, 0x3ff988eaeca8f9f3, 0xbfd2e74e0d26fead, 0x3ff02484b98796c4];
    #[rustfmt::skip]
    const TRUNCATED_NORMAL_FLOAT16: [u16; 8] = [0x3c93, 0xb363, 0x3b74, 0x38e9, 0x3d08, 0x3959, 0x3b01, 0xbc6e];
    #[rustfmt::skip]
    const TRUNCATED_NORMAL_FLOAT32: [u32; 38] = [0x3e80e372, 0x3faee306, 0xbd0d2313, 0xbf4db0fc, 0x3ea2e8c4, 0x3ff54117, 0xbf005681, 0xbf05e5b7, 0xbfb567f4, 0xbfe098af, 0xbf411b7a, 0x3f81086f, 0xbfe5e03f, 0xbf46a2e7, 0xbf156c69, 0x3c88aefa, 0x3eae0b7c, 0x3e917ce8, 0x3d2dabe0, 0x3e869ffb, 0xbf69b4fb, 0x3f22b175, 0x3ecac02e, 0x3ecfc2e5, 0xbf91cb84, 0xbe47ae1c, 0x3f60afdf, 0xbfafd3cb, 0x3eb65cee, 0x3f286d52, 0x3ea92702, 0xbfd689ce, 0xbf769dd9, 0x3fca5df6, 0xbf66220c, 0x3ec4b2ff, 0xbf85502e, 0xbfd7b4e7];
    #[rustfmt::skip]
    const TRUNCATED_NORMAL_FLOAT64: [u64; 13] = [0xbfde0b3e36c84283, 0xbffe71c92a41599a, 0x3fc7ddcb54f78ef7, 0xbfeb08737ace7f3a, 0xbfd435f3848aa2c9, 0x3ff248014b45e9c0, 0xbffd81d6e47fde2f, 0x3ff229f4bac074be, 0x3ff4fb52f4595052, 0x3fbb9846bc4e81d9, 0x3ffc19afb5aedc53, 0xbfe007ee32608cba, 0xbff02062a8099227];
    #[rustfmt::skip]
    const UNIFORM_INT32: [i32; 20] = [87, -1, 86, -7, 85, 40, 68, 6, 34, 7, 78, 60, 64, 90, 22, 5, 68, 31, 7, 50];
    #[rustfmt::skip]
    const UNIFORM_INT64: [i64; 20] = [948948849668, 744396599140, 991728896784, 722755116748, 121923852313, 439701083558, 274196830249, 300707036273, 399211368084, 1098884469921, 1066431242175, 465727460259, 665257475369, 225852133658, 273137537891, 813837666571, 1031257813861, 967241200567, 660460891096, 940927802841];
    #[rustfmt::skip]
    const CATEGORICAL: [i64; 12] = [2, 2, 1, 0, 2, 2, 2, 1, 2, 2, 2, 2];

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

    /// One op's output bits as TF's tests hash them.
    fn output_bits(what: &str, seed: [i64; 2], n: usize) -> Vec<u64> {
        let w16 = |v: Vec<u16>| v.into_iter().map(u64::from).collect::<Vec<_>>();
        let w32 = |v: Vec<u32>| v.into_iter().map(u64::from).collect::<Vec<_>>();
        let bf = |v: Vec<bf16>| {
            // rnd * (1 - 0) + 0 in bfloat16 arithmetic: exact, so the raw bits.
            v.into_iter()
                .map(|x| x.to_bits() as u64)
                .collect::<Vec<_>>()
        };
        match what {
            "uniform_f32" | "philox_f32" => {
                w32(bits32(&affine_f32(stateless_uniform_f32(seed, n))))
            }
            "uniform_f64" => bits64(&affine_f64(stateless_uniform_f64(seed, n))),
            "uniform_f16" => w16(bits16(&affine_f16(stateless_uniform_f16(seed, n)))),
            "uniform_bf16" => bf(stateless_uniform_bf16(seed, n)),
            "normal_f32" => w32(bits32(&affine_f32(stateless_normal_f32(seed, n)))),
            "normal_f64" => bits64(&affine_f64(stateless_normal_f64(seed, n))),
            "normal_f16" => w16(bits16(&affine_f16(stateless_normal_f16(seed, n)))),
            "truncated_f32" => w32(bits32(&affine_f32(stateless_truncated_normal_f32(seed, n)))),
            "truncated_f64" => bits64(&affine_f64(stateless_truncated_normal_f64(seed, n))),
            "truncated_f16" => w16(bits16(&affine_f16(stateless_truncated_normal_f16(seed, n)))),
            "int_i32" => stateless_uniform_int_i32(seed, n, i32::MIN, i32::MAX)
                .unwrap()
                .into_iter()
                .map(|x| x as i64 as u64)
                .collect(),
            "int_i64" => stateless_uniform_int_i64(seed, n, i64::MIN, i64::MAX)
                .unwrap()
                .into_iter()
                .map(|x| x as u64)
                .collect(),
            "int_i64_small" => stateless_uniform_int_i64(seed, n, -5, 1000)
                .unwrap()
                .into_iter()
                .map(|x| x as u64)
                .collect(),
            "full_i32" => stateless_uniform_full_int_i32(seed, n)
                .into_iter()
                .map(|x| x as i64 as u64)
                .collect(),
            "full_u32" => stateless_uniform_full_int_i32(seed, n)
                .into_iter()
                .map(|x| x as u32 as u64)
                .collect(),
            "full_i64" | "full_u64" => stateless_uniform_full_int_i64(seed, n)
                .into_iter()
                .map(|x| x as u64)
                .collect(),
            other => panic!("unknown case {other}"),
        }
    }

    // Made with TF 2.21 (the reference wheel) on x86-64: every stateless
    // uniform/normal/truncated-normal dtype, bounded and full-range ints, and
    // alg="philox", for int32 seeds (negative, extreme, zero) and int64 seeds
    // (sign-extended / 64-bit words), 1001 outputs each.
    #[test]
    fn tf_stateless_dtypes_and_seeds() {
        for (what, seed, n, want) in TF_STATELESS {
            assert_eq!(
                fnv1a(output_bits(what, seed, n)),
                want,
                "{what} seed {seed:?}"
            );
        }
    }

    /// Made with TF 2.21: `tf.random.stateless_categorical(logits, 300,
    /// seed=[3, -17])` on 50 x 5 logits in a process whose intra-op pool has 2
    /// threads. With constant logits and seed, Grappler constant-folds the op
    /// and evaluates it as one shard; with the logits fed through a
    /// placeholder it runs in the session's pool and is split into shards.
    #[test]
    fn tf_stateless_categorical_folded_and_sharded() {
        let logits: Vec<f32> = CAT_LOGITS.iter().map(|&b| f32::from_bits(b)).collect();
        let folded = stateless_categorical(&logits, 50, 5, 300, [3, -17], 1);
        assert_eq!(folded[..8], CAT_HEAD);
        assert_eq!(fnv1a(folded.iter().map(|&x| x as u64)), CAT_HASH_FOLDED);
        let fed = stateless_categorical(&logits, 50, 5, 300, [3, -17], 2);
        assert_eq!(fnv1a(fed.iter().map(|&x| x as u64)), CAT_HASH_POOL_2);
    }

    /// (what, seed, n, FNV-1a of the output bits) made with TF 2.21.
    #[rustfmt::skip]
    const TF_STATELESS: [(&str, [i64; 2], usize, u64); 90] = [
        ("uniform_f32", [-1, 7], 1001, 0xa5b0b66ff9689c36),
        ("uniform_f64", [-1, 7], 1001, 0xfb160d91894b4308),
        ("uniform_f16", [-1, 7], 1001, 0x5ffbc067f5aeaf7c),
        ("uniform_bf16", [-1, 7], 1001, 0x3dd4e2963ee6dfcb),
        ("normal_f32", [-1, 7], 1001, 0x0af2fffe04285ed7),
        ("normal_f64", [-1, 7], 1001, 0x783570d4c97483f2),
        ("normal_f16", [-1, 7], 1001, 0x640a972a3af3916d),
        ("truncated_f32", [-1, 7], 1001, 0x4dc5c52ed712d0ce),
        ("truncated_f64", [-1, 7], 1001, 0x016a38ea4148d48e),
        ("truncated_f16", [-1, 7], 1001, 0x1a8ebe87bf01532a),
        ("int_i32", [-1, 7], 1001, 0x29de46fd2f5bc0d3),
        ("int_i64", [-1, 7], 1001, 0xe742668a39576c42),
        ("int_i64_small", [-1, 7], 1001, 0xc669b603d818ca83),
        ("full_i32", [-1, 7], 1001, 0x09f805e2def8e5df),
        ("full_u32", [-1, 7], 1001, 0xefda146e91366577),
        ("full_i64", [-1, 7], 1001, 0x66791e1f662184c2),
        ("full_u64", [-1, 7], 1001, 0x66791e1f662184c2),
        ("philox_f32", [-1, 7], 1001, 0xa5b0b66ff9689c36),
        ("uniform_f32", [2147483647, -2147483648], 1001, 0xa1a5dc94aa14ebdb),
        ("uniform_f64", [2147483647, -2147483648], 1001, 0xad5f70d7ca6ff937),
        ("uniform_f16", [2147483647, -2147483648], 1001, 0x512a0ed2f60e88d3),
        ("uniform_bf16", [2147483647, -2147483648], 1001, 0x6078cb8e011f0175),
        ("normal_f32", [2147483647, -2147483648], 1001, 0xe2710ff7b2423a65),
        ("normal_f64", [2147483647, -2147483648], 1001, 0x2a88fdc6ca031508),
        ("normal_f16", [2147483647, -2147483648], 1001, 0x412ed2c940d98dc4),
        ("truncated_f32", [2147483647, -2147483648], 1001, 0x1854232907b38ce2),
        ("truncated_f64", [2147483647, -2147483648], 1001, 0x68d1b87c2056c64b),
        ("truncated_f16", [2147483647, -2147483648], 1001, 0x049812d2e550b598),
        ("int_i32", [2147483647, -2147483648], 1001, 0x8cddad622d367951),
        ("int_i64", [2147483647, -2147483648], 1001, 0x58a9fe1b72fc9039),
        ("int_i64_small", [2147483647, -2147483648], 1001, 0x5ede7c354f661000),
        ("full_i32", [2147483647, -2147483648], 1001, 0x625c3debddbe84ed),
        ("full_u32", [2147483647, -2147483648], 1001, 0x4ffbfc63129229a9),
        ("full_i64", [2147483647, -2147483648], 1001, 0x07ae385aa2ad1db9),
        ("full_u64", [2147483647, -2147483648], 1001, 0x07ae385aa2ad1db9),
        ("philox_f32", [2147483647, -2147483648], 1001, 0xa1a5dc94aa14ebdb),
        ("uniform_f32", [0, 0], 1001, 0xfeaa8aff6f3dfd52),
        ("uniform_f64", [0, 0], 1001, 0x2807580189c75789),
        ("uniform_f16", [0, 0], 1001, 0x51eabb0400e4b29a),
        ("uniform_bf16", [0, 0], 1001, 0xb2201f75e12a65a7),
        ("normal_f32", [0, 0], 1001, 0x843fe10a304cda74),
        ("normal_f64", [0, 0], 1001, 0x2ac017ec9bb8d017),
        ("normal_f16", [0, 0], 1001, 0x2a0ea47c2257cb80),
        ("truncated_f32", [0, 0], 1001, 0x589f5dd97d066dab),
        ("truncated_f64", [0, 0], 1001, 0x2677df226e6a4afe),
        ("truncated_f16", [0, 0], 1001, 0x98e5112af7855567),
        ("int_i32", [0, 0], 1001, 0x9b0f7eed343d5f1d),
        ("int_i64", [0, 0], 1001, 0x20e57f9a037bd9a7),
        ("int_i64_small", [0, 0], 1001, 0x421997fd0ae99024),
        ("full_i32", [0, 0], 1001, 0xacc8520c5b33f361),
        ("full_u32", [0, 0], 1001, 0xbc73a9971da7f701),
        ("full_i64", [0, 0], 1001, 0xb7a2d4bd0aca3227),
        ("full_u64", [0, 0], 1001, 0xb7a2d4bd0aca3227),
        ("philox_f32", [0, 0], 1001, 0xfeaa8aff6f3dfd52),
        ("uniform_f32", [4611686018427400249, -1099511627779], 1001, 0x1181044f5ed832d1),
        ("uniform_f64", [4611686018427400249, -1099511627779], 1001, 0x04d9d2c68c9a95a6),
        ("uniform_f16", [4611686018427400249, -1099511627779], 1001, 0xbc1cab696069cc26),
        ("uniform_bf16", [4611686018427400249, -1099511627779], 1001, 0xc085771305adf9f4),
        ("normal_f32", [4611686018427400249, -1099511627779], 1001, 0x1c362eb90fe7c659),
        ("normal_f64", [4611686018427400249, -1099511627779], 1001, 0x09412d2d4d916d1e),
        ("normal_f16", [4611686018427400249, -1099511627779], 1001, 0xc467e86cb6b1496e),
        ("truncated_f32", [4611686018427400249, -1099511627779], 1001, 0x286b15531f866e57),
        ("truncated_f64", [4611686018427400249, -1099511627779], 1001, 0xd4494383548ae57d),
        ("truncated_f16", [4611686018427400249, -1099511627779], 1001, 0x792d37c43d93dfcf),
        ("int_i32", [4611686018427400249, -1099511627779], 1001, 0x81f77f4b93c36fc6),
        ("int_i64", [4611686018427400249, -1099511627779], 1001, 0x6e7f483acdd2691b),
        ("int_i64_small", [4611686018427400249, -1099511627779], 1001, 0x7b8465cae8fb3bbb),
        ("full_i32", [4611686018427400249, -1099511627779], 1001, 0x508e86fe0c82e452),
        ("full_u32", [4611686018427400249, -1099511627779], 1001, 0x88c038038124704e),
        ("full_i64", [4611686018427400249, -1099511627779], 1001, 0xff60fc2aa6a0369b),
        ("full_u64", [4611686018427400249, -1099511627779], 1001, 0xff60fc2aa6a0369b),
        ("philox_f32", [4611686018427400249, -1099511627779], 1001, 0x1181044f5ed832d1),
        ("uniform_f32", [-1, -1], 1001, 0xe602529acaebaef9),
        ("uniform_f64", [-1, -1], 1001, 0x70e75d992ee335c1),
        ("uniform_f16", [-1, -1], 1001, 0x134cfcf008d749cb),
        ("uniform_bf16", [-1, -1], 1001, 0x361afc9aaccfcf0d),
        ("normal_f32", [-1, -1], 1001, 0x157ba8d95175b782),
        ("normal_f64", [-1, -1], 1001, 0x2297aa227d4a956a),
        ("normal_f16", [-1, -1], 1001, 0x4f7afcb389371b6d),
        ("truncated_f32", [-1, -1], 1001, 0xdf0ea1cbf0742e78),
        ("truncated_f64", [-1, -1], 1001, 0x9699000e7b940d2d),
        ("truncated_f16", [-1, -1], 1001, 0x6bcb35ac23311767),
        ("int_i32", [-1, -1], 1001, 0x031e2b36159c3d6e),
        ("int_i64", [-1, -1], 1001, 0xb72fe95c6ffc5c9f),
        ("int_i64_small", [-1, -1], 1001, 0x1ca16f0d87ad3acb),
        ("full_i32", [-1, -1], 1001, 0x315abcd2175151a2),
        ("full_u32", [-1, -1], 1001, 0x2a022bc8eaba93b6),
        ("full_i64", [-1, -1], 1001, 0xcfe4abd22d61e51f),
        ("full_u64", [-1, -1], 1001, 0xcfe4abd22d61e51f),
        ("philox_f32", [-1, -1], 1001, 0xe602529acaebaef9),
    ];
    /// `rng.randn(50, 5)` float32 logits of the TF-made stateless categorical case.
    #[rustfmt::skip]
    const CAT_LOGITS: [u32; 250] = [0x3ef920cc, 0x3fd94033, 0x3f8947b5, 0xbf722652, 0x3f85b5b7, 0x40128943, 0xbe7860ab, 0x3f38958c, 0x4013290c, 0x3f83e0ba, 0x3fc67e03, 0xbf8c305a, 0x3e714698, 0x3ec8b02d, 0x3f10751f, 0x3f4a1d2b, 0x3e1fec5b, 0xbfa7fc88, 0x3f887b9d, 0x3ec1f9fb, 0xbf96dce9, 0x3f424d8d, 0x3f0d9019, 0x3f097b19, 0xbe92dc10, 0x3fd13434, 0x3f123be9, 0xbf4a3a6e, 0xbfc57918, 0xbf446fe2, 0xc017a7e8, 0xbe85681a, 0x3e040d51, 0xbf9a94d0, 0xbf0ba231, 0x3fc6d1f7, 0x3ddbbb8f, 0x3fc48623, 0xbe3d63e7, 0xbe350687, 0xc00cc094, 0x3f3ab2ab, 0x3f8cdf18, 0xbeaf4add, 0xbe9ee032, 0x3f502327, 0xbf3c7df7, 0xbf484668, 0x3ea25ab1, 0xbf1b334a, 0x3f1c6e4a, 0xbf6b9968, 0x3fc13797, 0x3f280e01, 0x3d86dcfc, 0xbf5fa642, 0xbf87647b, 0xbf65b153, 0xbfb75270, 0x3fab9338, 0x3eaf246f, 0x3f890a59, 0x3fde99af, 0x3fa73ede, 0x3ee6342c, 0xbed27534, 0x3f3fd218, 0x3e583480, 0xbe857411, 0xbf03e40a, 0x3f8a23c6, 0x3fbd1d80, 0xbe8cdb0d, 0xbedfbf7a, 0x3f32bb41, 0xbf229aec, 0x3f1a8a8e, 0x3fde53b6, 0xbed5ee65, 0x3cc8cff9, 0x3ffeae43, 0xbebf0feb, 0x3e106bef, 0xbf711ad2, 0xbf33ecf8, 0xbfb07dbb, 0x403b374a, 0x3f125e57, 0xbd3be800, 0xbf874de2, 0xbfe98f8b, 0x3e778a3e, 0xbe14a2ae, 0x3f008297, 0x3f313c77, 0x3f81923b, 0xbd2cc1e8, 0x3f1f3c14, 0xbed0a893, 0xbf59f864, 0xbead265b, 0x3f44db12, 0x3f1b436e, 0xbc4ea75a, 0x3ea5153f, 0x3fcdc2d5, 0xbfe6b560, 0xbfa0a611, 0xbc558b8d, 0x3f334a9e, 0xbe5c7096, 0x3f6730ce, 0xc04079da, 0xc0152660, 0xbf115b8e, 0x402ab568, 0xb88f5882, 0xc00f73e6, 0xbeb855d1, 0x3f1e1414, 0x3f765435, 0x3ef0ebc9, 0xbe7176a8, 0x3f2dc523, 0x3f93a9c1, 0xbf0e02f8, 0xbdfd2265, 0xbe0b5d32, 0xbfda4f37, 0xbfa0e889, 0xc014645a, 0x3dacb95d, 0xbe9868a1, 0xbead95b8, 0xbd0ceaf2, 0x3f04eed3, 0xbf2c2e68, 0x3f9638e5, 0xbfcbce2d, 0xbc5fa0e6, 0xbdc9695c, 0x3f59918b, 0xbefd6ec4, 0x3f88cc2c, 0xbe6f7aad, 0xbdd07f32, 0xbe18a7af, 0x3f32b66f, 0x3f5a67eb, 0xbf1ad04b, 0xbfb4568a, 0xbf7b297a, 0x3e2925c0, 0xbc885ce4, 0x3e1050a7, 0xbf39a4e1, 0x3f4bb5ac, 0xbe34ac4e, 0xbfd11462, 0x3e1f1403, 0x3f0c241c, 0x3e1335e7, 0x3e0558a6, 0x3e689fc4, 0xbf86e099, 0x3fc4107c, 0xbea72a2b, 0x3fbbc195, 0xbf0ddb64, 0x3f77780a, 0x3e75f1a7, 0x3dcd71a7, 0xbf7054a3, 0x3f9a5843, 0x3ed68380, 0xbdb8d507, 0x3f9a8b43, 0x3db56989, 0x400d6d74, 0x3f82227a, 0xbea952b3, 0x3faddf75, 0x3d79448b, 0x40006086, 0x3da73c80, 0xbda23885, 0x3dc07274, 0x3ecc8c24, 0x3fc64fd5, 0x3e95f158, 0xbdda8d5b, 0xbefca6cb, 0x3f492269, 0xbf0de990, 0xbf959c3b, 0xbf713710, 0xbeee0afe, 0xbdfed773, 0x3f86ce58, 0xbf13c63c, 0x3f993b81, 0xbfd1a05c, 0x40289d55, 0xbfcb0ff0, 0x3e4ad754, 0xbe5ecd4c, 0xbf490a63, 0x3f2d291f, 0x3f8752cb, 0xbe30518e, 0x3f9acd20, 0x3d8330ae, 0xbf8829f1, 0xbda22d0f, 0xbf0709fb, 0x3eeba145, 0xbecc5f9a, 0xbd97ed5c, 0xbf8aecfe, 0x3f88e0ac, 0xbeb614ee, 0xbf88e4a0, 0x40286a13, 0xbfb4dc58, 0x3f01e6f4, 0xc00a797f, 0x3e9df6b2, 0x3e40a0d5, 0xbe8137af, 0xbfae889c, 0xbf5bc8af, 0xbf4e7ac4, 0xbf9649af, 0xbf72b322, 0x3fb7b235, 0x3ec84c8c, 0x3faa588f, 0xbf7d24c2, 0xbedcd3c7, 0xbfde57a4, 0xbf9860da, 0xbe950cc8, 0xbed759b7, 0x3fe38054, 0x3ddd4786, 0xbe87bb2c, 0x3eeb3eae, 0x3cdc3069, 0xbf8af855, 0xbf207bb7];
    const CAT_HASH_POOL_2: u64 = 0xa799fcd6ee66b366;
    const CAT_HASH_FOLDED: u64 = 0xaddaf75281c11c65;
    const CAT_HEAD: [i64; 8] = [4, 1, 1, 4, 0, 0, 4, 2];
}
