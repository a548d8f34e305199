//! `RandomGamma` (`tf.random.gamma` / `tf.random_gamma`), bit-exact with
//! TensorFlow 2.21's CPU kernel (`RandomGammaOp` in `random_op.cc`).
//!
//! **(a) One execution:** [`random_gamma`]`(alpha, samples_per_alpha, gen)`
//! for `T` = f32, f64 or f16 (TF's `half`); `alpha` is the flattened alpha
//! tensor, `samples_per_alpha` the element count of `shape`. The output is
//! row-major `shape ++ alpha.shape`: element `[s, a]` is sample `s` of alpha
//! `a`. [`random_gamma_f64`] is the same computation returning the doubles
//! before the cast to `T`.
//!
//! **(b) Reservation:** [`reservation`]`(samples_per_alpha, num_alphas)` =
//! `ReserveRandomOutputs(samples_per_alpha * num_alphas, 256)` = `256 * n`
//! 128-bit samples, and none when the output is empty (TF returns before
//! reserving).
//!
//! **Algorithm:** output number `i = alpha_index * samples_per_alpha +
//! sample_index` (alpha-major, unlike the output layout) draws from its own
//! generator: the reserved state skipped by `256 * i` blocks, so the result
//! does not depend on TF's sharding. All arithmetic is in double
//! (`alpha` cast to double), and the result is cast to `T` at the end
//! (`half` via float, as Eigen converts). With `UNIFORM` = the next double of
//! `UniformDistribution<double>` (one block gives two, handed out last first)
//! and `NORMAL` likewise from `NormalDistribution<double>` (Box-Muller on a
//! block, glibc `log` and `sincos`):
//! - `alpha == 1`: `-log1p(-UNIFORM)` (TF 1.15's kernel: `-log(1 - UNIFORM)`, an ulp
//!   apart at times; [`random_gamma_into_tf1`]).
//! - else Marsaglia–Tsang: `d = alpha + (alpha < 1 ? 2/3 : -1/3)`,
//!   `c = 1/3 / sqrt(d)`; repeat: `x = NORMAL`, `v = 1 + c*x`, retry if
//!   `v <= 0`; `v = v*v*v`; `u = UNIFORM`; accept when
//!   `u < 1 - 0.0331*(x*x)*(x*x)` or `log(u) < 0.5*x*x + d*(1 - v + log(v))`,
//!   giving `d*v`, times `pow(UNIFORM, 1/alpha)` when `alpha < 1`.
//!
//! **Python (`random_ops.random_gamma`):** `shape` becomes an int32 tensor,
//! `alpha` and `beta` (default 1) tensors of `dtype` (float16/32/64); alpha is
//! broadcast to `broadcast_shape(alpha, beta)` (`BroadcastTo`), seeds come
//! from `get_seed(seed)`, and the returned tensor is
//! `maximum(np.finfo(dtype).tiny, RandomGamma(shape, alpha_b) / beta)` (a
//! `RealDiv` then a `Maximum` op: with `beta=1` only the clamp of 0 and
//! subnormals up to `tiny` changes anything; see [`clamp_to_tiny_f32`]).
//!
//! **(c) Shapes and errors:** output shape = `shape ++ alpha.shape`, dtype =
//! alpha's (half, float, double). `InvalidArgumentError`s:
//! "shape must be a vector of {int32,int64}, got shape: <shape tensor
//! DebugString>" for a non-vector shape (at graph construction, shape
//! inference rejects it first: "Shape must be rank 1 but is rank 2"), and
//! TF's `MakeShape` errors for negative dimensions ("Dimension -1 must be >= 0").
//! An empty output (any zero in `shape` or in alpha's shape) returns at once.

use super::common::{log, log1p, pow, NormalDoubles, UniformDoubles};
use crate::philox::PhiloxRandom;
use half::f16;
use rayon::prelude::*;

/// Blocks each output owns in the stream.
pub const RESERVED_SAMPLES_PER_OUTPUT: u64 = 256;

/// 128-bit samples reserved by one execution.
pub fn reservation(samples_per_alpha: usize, num_alphas: usize) -> u64 {
    (samples_per_alpha as u64 * num_alphas as u64).wrapping_mul(RESERVED_SAMPLES_PER_OUTPUT)
}

/// Output element types of `RandomGamma`.
pub trait GammaOut: Copy + Send + Sync {
    fn to_f64(self) -> f64;
    fn from_f64(x: f64) -> Self;
}

impl GammaOut for f64 {
    fn to_f64(self) -> f64 {
        self
    }
    fn from_f64(x: f64) -> Self {
        x
    }
}

impl GammaOut for f32 {
    fn to_f64(self) -> f64 {
        self as f64
    }
    fn from_f64(x: f64) -> Self {
        x as f32
    }
}

impl GammaOut for f16 {
    fn to_f64(self) -> f64 {
        self.to_f64()
    }
    /// `Eigen::half(double)` rounds to float first.
    fn from_f64(x: f64) -> Self {
        f16::from_f32(x as f32)
    }
}

impl GammaOut for half::bf16 {
    fn to_f64(self) -> f64 {
        self.to_f64()
    }
    /// `Eigen::bfloat16(double)` rounds to float first.
    fn from_f64(x: f64) -> Self {
        half::bf16::from_f32(x as f32)
    }
}

/// One gamma sample of `alpha` from the generator positioned for this output.
fn sample(alpha: f64, gen: &mut PhiloxRandom, tf1: bool) -> f64 {
    let mut uniform = UniformDoubles::new();
    if alpha == 1.0 {
        let u = uniform.next(gen);
        return if tf1 { -log(1.0 - u) } else { -log1p(-u) };
    }
    let less_than_one = alpha < 1.0;
    let d = alpha + if less_than_one { 2.0 / 3.0 } else { -1.0 / 3.0 };
    let c = 1.0 / 3.0 / d.sqrt();
    let mut normal = NormalDoubles::new();
    loop {
        let x = normal.next(gen);
        let mut v = 1.0 + c * x;
        if v <= 0.0 {
            continue;
        }
        v = v * v * v;
        let u = uniform.next(gen);
        if (u < 1.0 - 0.0331 * (x * x) * (x * x)) || (log(u) < 0.5 * x * x + d * (1.0 - v + log(v)))
        {
            let mut res = d * v;
            if less_than_one {
                let b = uniform.next(gen);
                res *= pow(b, 1.0 / alpha);
            }
            return res;
        }
    }
}

/// One execution into `out` (output layout `[samples_per_alpha, num_alphas]`,
/// `out.len() == samples_per_alpha * alpha.len()`), each double cast to `T`.
/// Shared by `RandomGamma` and the stateless `StatelessRandomGammaV2/V3`,
/// whose CPU functors are the same computation on their generators.
pub fn random_gamma_into<T: GammaOut>(
    alpha: &[f64],
    samples_per_alpha: usize,
    gen: PhiloxRandom,
    out: &mut [T],
) {
    fill_gamma(alpha, samples_per_alpha, gen, out, false);
}

/// [`random_gamma_into`] as TF 1.15's `RandomGamma` kernel computes it (its exponential
/// branch for `alpha == 1` is `-log(1 - u)`).
pub fn random_gamma_into_tf1<T: GammaOut>(
    alpha: &[f64],
    samples_per_alpha: usize,
    gen: PhiloxRandom,
    out: &mut [T],
) {
    fill_gamma(alpha, samples_per_alpha, gen, out, true);
}

fn fill_gamma<T: GammaOut>(
    alpha: &[f64],
    samples_per_alpha: usize,
    gen: PhiloxRandom,
    out: &mut [T],
    tf1: bool,
) {
    let num_alphas = alpha.len();
    if out.is_empty() || num_alphas == 0 {
        return;
    }
    let fill = |(i, o): (usize, &mut T)| {
        // Output layout [s, a]; generator position alpha-major.
        let (s, a) = (i / num_alphas, i % num_alphas);
        let output_idx = (a * samples_per_alpha + s) as u64;
        let mut g = gen;
        g.skip(RESERVED_SAMPLES_PER_OUTPUT * output_idx);
        *o = T::from_f64(sample(alpha[a], &mut g, tf1));
    };
    if out.len() >= 2048 {
        crate::parallel::install(|| out.par_iter_mut().enumerate().for_each(fill));
    } else {
        out.iter_mut().enumerate().for_each(fill);
    }
}

/// The doubles of one execution, in output layout `[samples_per_alpha,
/// num_alphas]`, before the cast to the output type.
pub fn random_gamma_f64(alpha: &[f64], samples_per_alpha: usize, gen: PhiloxRandom) -> Vec<f64> {
    let mut out = vec![0f64; samples_per_alpha * alpha.len()];
    random_gamma_into(alpha, samples_per_alpha, gen, &mut out);
    out
}

/// One execution of `RandomGamma` with alpha of type `T` (flattened) and
/// `samples_per_alpha = shape.num_elements()`, from the reserved state `gen`.
pub fn random_gamma<T: GammaOut + Default>(
    alpha: &[T],
    samples_per_alpha: usize,
    gen: PhiloxRandom,
) -> Vec<T> {
    let alpha: Vec<f64> = alpha.iter().map(|a| a.to_f64()).collect();
    let mut out = vec![T::default(); samples_per_alpha * alpha.len()];
    random_gamma_into(&alpha, samples_per_alpha, gen, &mut out);
    out
}

/// `math_ops.maximum(np.finfo(np.float32).tiny, x)` as `tf.random.gamma`
/// applies it (after dividing by beta); NaN stays NaN.
pub fn clamp_to_tiny_f32(x: f32) -> f32 {
    if x < f32::MIN_POSITIVE {
        f32::MIN_POSITIVE
    } else {
        x
    }
}

/// The float16 version of [`clamp_to_tiny_f32`] (`np.finfo(np.float16).tiny` = 2^-14).
pub fn clamp_to_tiny_f16(x: f16) -> f16 {
    let tiny = f16::from_bits(0x0400);
    if x < tiny {
        tiny
    } else {
        x
    }
}

/// The float64 version of [`clamp_to_tiny_f32`].
pub fn clamp_to_tiny_f64(x: f64) -> f64 {
    if x < f64::MIN_POSITIVE {
        f64::MIN_POSITIVE
    } else {
        x
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn op_gen(s: i64) -> PhiloxRandom {
        PhiloxRandom::new(87654321, s.rem_euclid(i32::MAX as i64) as u64)
    }

    /// Two runs of `tf.random_gamma([n], alpha, dtype, seed=s)` (beta = 1).
    fn two_runs<T: GammaOut + Default>(
        alpha: &[T],
        n: usize,
        s: i64,
        clamp: fn(T) -> T,
    ) -> [Vec<T>; 2] {
        let mut state = op_gen(s);
        let first: Vec<T> = random_gamma(alpha, n, state)
            .into_iter()
            .map(clamp)
            .collect();
        state.skip(reservation(n, alpha.len()));
        let second: Vec<T> = random_gamma(alpha, n, state)
            .into_iter()
            .map(clamp)
            .collect();
        [first, second]
    }

    fn bits32(v: &[f32]) -> Vec<u32> {
        v.iter().map(|x| x.to_bits()).collect()
    }
    fn bits64(v: &[f64]) -> Vec<u64> {
        v.iter().map(|x| x.to_bits()).collect()
    }

    fn check32(alpha: &[f32], n: usize, s: i64, want: &[&[u32]; 2]) {
        let got = two_runs(alpha, n, s, clamp_to_tiny_f32);
        assert_eq!(bits32(&got[0]), want[0], "alpha {alpha:?} run 1");
        assert_eq!(bits32(&got[1]), want[1], "alpha {alpha:?} run 2");
    }

    fn check64(alpha: &[f64], n: usize, s: i64, want: &[&[u64]; 2]) {
        let got = two_runs(alpha, n, s, clamp_to_tiny_f64);
        assert_eq!(bits64(&got[0]), want[0], "alpha {alpha:?} run 1");
        assert_eq!(bits64(&got[1]), want[1], "alpha {alpha:?} run 2");
    }

    #[test]
    fn reservations() {
        assert_eq!(reservation(7, 3), 7 * 3 * 256);
        assert_eq!(reservation(0, 3), 0);
        assert_eq!(reservation(7, 0), 0);
    }

    #[test]
    fn layout_is_samples_by_alphas() {
        let g = PhiloxRandom::new(4, 5);
        let all = random_gamma_f64(&[0.5, 2.0, 7.5], 4, g);
        for (a, &alpha) in [0.5, 2.0, 7.5].iter().enumerate() {
            // The same alpha alone, with its generator moved to its block.
            let mut g2 = g;
            g2.skip(reservation(4, a));
            let alone = random_gamma_f64(&[alpha], 4, g2);
            for s in 0..4 {
                assert_eq!(all[s * 3 + a], alone[s]);
            }
        }
    }

    #[test]
    fn samples_are_positive_and_plausible() {
        let g = PhiloxRandom::new(11, 12);
        for alpha in [0.1f64, 0.5, 1.0, 2.0, 9.0, 100.0] {
            let v = random_gamma_f64(&[alpha], 4000, g);
            assert!(v.iter().all(|&x| x >= 0.0 && x.is_finite()));
            let mean = v.iter().sum::<f64>() / v.len() as f64;
            assert!(
                (mean - alpha).abs() < 0.1 * alpha + 0.05,
                "alpha {alpha}: mean {mean}"
            );
        }
    }

    #[test]
    fn half_goes_through_float() {
        // A double just above a half rounding boundary after float rounding.
        let x = 1.0 + 2f64.powi(-11) + 2f64.powi(-40);
        assert_eq!(<f16 as GammaOut>::from_f64(x), f16::from_f32(x as f32));
        assert_eq!(random_gamma::<f16>(&[], 3, PhiloxRandom::new(1, 1)), vec![]);
    }

    #[test]
    fn tier2_gamma() {
        check32(
            &[0.5],
            7,
            1234,
            &[&GAMMA_0P5_FLOAT32[0], &GAMMA_0P5_FLOAT32[1]],
        );
        check64(
            &[0.5],
            7,
            7,
            &[&GAMMA_0P5_FLOAT64[0], &GAMMA_0P5_FLOAT64[1]],
        );
        check32(
            &[1.0],
            7,
            1,
            &[&GAMMA_1P0_FLOAT32[0], &GAMMA_1P0_FLOAT32[1]],
        );
        check64(
            &[1.0],
            7,
            42,
            &[&GAMMA_1P0_FLOAT64[0], &GAMMA_1P0_FLOAT64[1]],
        );
        check32(
            &[3.0],
            7,
            1234,
            &[&GAMMA_3P0_FLOAT32[0], &GAMMA_3P0_FLOAT32[1]],
        );
        check64(
            &[3.0],
            7,
            8589934593,
            &[&GAMMA_3P0_FLOAT64[0], &GAMMA_3P0_FLOAT64[1]],
        );
        check32(
            &[0.5, 2.0, 10.0],
            7,
            2147483647,
            &[
                &GAMMA_0P5_2P0_10P0_FLOAT32[0],
                &GAMMA_0P5_2P0_10P0_FLOAT32[1],
            ],
        );
        check64(
            &[0.5, 2.0, 10.0],
            7,
            42,
            &[
                &GAMMA_0P5_2P0_10P0_FLOAT64[0],
                &GAMMA_0P5_2P0_10P0_FLOAT64[1],
            ],
        );
    }

    // tier2.jsonl gamma/*: tf.random_gamma([7], alpha, dtype, seed=s), two runs.
    #[rustfmt::skip]
    const GAMMA_0P5_FLOAT32: [[u32; 7]; 2] = [
        [0x3d681ec3, 0x3d79acf7, 0x3cf11aba, 0x3e5c257f, 0x3ec7587b, 0x3f0efa0c, 0x3dde1bb8],
        [0x3dfff9ca, 0x3de7b8af, 0x3eddccb9, 0x401f909f, 0x3b42396f, 0x3f160469, 0x3e51c82b],
    ];
    #[rustfmt::skip]
    const GAMMA_0P5_FLOAT64: [[u64; 7]; 2] = [
        [0x3fd8df297ff74698, 0x3fe6794087ccf2da, 0x400b434a8c449f8e, 0x3fa26c883ae991cb, 0x4001b64df9f4e20c, 0x3feafd6563360cc0, 0x3f919bdcc415a3fe],
        [0x3fa675cbb9f6a9d8, 0x400249efb21c3041, 0x3fa7f42109bf1cd2, 0x3fc9e623b5520b3d, 0x3f57672f63074d3d, 0x3fff8ec3c00724d4, 0x3f8d74d78fb6b6ba],
    ];
    #[rustfmt::skip]
    const GAMMA_1P0_FLOAT32: [[u32; 7]; 2] = [
        [0x3f0486cf, 0x3f32dae5, 0x3f3f5e3f, 0x3ef59968, 0x3ee7ad9f, 0x3fe2fa60, 0x3f83b312],
        [0x3f34342a, 0x3f0934f8, 0x3f136f8d, 0x3e7015b2, 0x3fef8f60, 0x3ef3e1a1, 0x3e26884e],
    ];
    #[rustfmt::skip]
    const GAMMA_1P0_FLOAT64: [[u64; 7]; 2] = [
        [0x3fdcd146ab94b884, 0x4013184560d6dd71, 0x3fd41dd56022d078, 0x3fd42deea0eb75fd, 0x400e95a1b2bdb8c4, 0x3fdd7ca6fcba7f28, 0x3fe2e1d5e1af22e4],
        [0x3fea0dc608601be9, 0x3fdd85889af19370, 0x3fda8284e01bf98a, 0x3f97b28b5a83032d, 0x3ffa161778a8bd82, 0x3fc650e48829cf45, 0x3fe40f2bb3057e80],
    ];
    #[rustfmt::skip]
    const GAMMA_3P0_FLOAT32: [[u32; 7]; 2] = [
        [0x3fdc8567, 0x3f64e545, 0x403cb35b, 0x3f84cae3, 0x3fb8ae06, 0x405abed1, 0x3fd313f8],
        [0x40d2f418, 0x3f9f4918, 0x3fd20283, 0x4091ebd1, 0x3f0aa563, 0x404a4518, 0x40947783],
    ];
    #[rustfmt::skip]
    const GAMMA_3P0_FLOAT64: [[u64; 7]; 2] = [
        [0x3fe086806139e2a5, 0x3ff3a9f99d172088, 0x3ff29b9f25ecfedf, 0x3ff1c592c5b1040c, 0x400696266eefc8e1, 0x40013a25e2024ee4, 0x3ff3590f12eaab21],
        [0x40114ac716f2d4c8, 0x40011e90b5233044, 0x3fe163886b3df183, 0x4001636138d7fa4e, 0x40032a57f680f9fd, 0x3ffead8ed4f345e4, 0x3feb32e5ef73aa20],
    ];
    #[rustfmt::skip]
    const GAMMA_0P5_2P0_10P0_FLOAT32: [[u32; 21]; 2] = [
        [0x3e50a4ef, 0x3f82fea4, 0x412b7dc2, 0x3cf98695, 0x3f61aa3e, 0x4163887d, 0x3f5407d3, 0x3ed662d4, 0x410e53f8, 0x3f114591, 0x3ff55b64, 0x412aee31, 0x3d1aafcb, 0x3f601a89, 0x4121b856, 0x3f77baeb, 0x3ee20791, 0x41479c99, 0x3f60b2ec, 0x3ff2955d, 0x41928323],
        [0x3e0d644f, 0x3f2557bd, 0x4158163e, 0x3e165690, 0x3f26d159, 0x40dc6840, 0x3ea7cd1e, 0x3fff4f94, 0x40f00446, 0x3dc99235, 0x3f4ee0e2, 0x4112d4ff, 0x3f5aede8, 0x3f6f1f33, 0x410e66c3, 0x3b02820d, 0x3ff545ca, 0x40c1a88a, 0x3e15daf4, 0x405ec222, 0x41191811],
    ];
    #[rustfmt::skip]
    const GAMMA_0P5_2P0_10P0_FLOAT64: [[u64; 21]; 2] = [
        [0x3fd9407d170c947f, 0x3fe0555b5bdf75ac, 0x4025855c6f5171c0, 0x3f5f1e016f7041e1, 0x3fd823bfc3c8a76b, 0x4027e4bda79f51c6, 0x3f6402d103242c6b, 0x3feff2145988e5b9, 0x4027dc0dc144283d, 0x3fcceb8c7581d9b1, 0x400c8a21bba62e65, 0x402474c3ccecdc93, 0x3ff2497f981f967c, 0x4004cc3245f5b727, 0x401fef76efc7c1e6, 0x3f75c227e05f0003, 0x40042787ee0cfefb, 0x4024c0787a4bdde1, 0x3f8ff52ed9d5bbb9, 0x3fc7513fb84b6aed, 0x402b181f1f30ba38],
        [0x3fff83cd063fd6b6, 0x3ff6444d15caa7ac, 0x40260b45e137442b, 0x3f908bcc5f9e5862, 0x3ff1b156391ab22b, 0x402193280d2f5436, 0x3fde681d03cba2a4, 0x40027157abb8ba03, 0x401d97041739df4f, 0x400147b4acd324d6, 0x3ffa1993201640bc, 0x4019f6783773c9b0, 0x3f9ca00d7465b9f4, 0x3ff4f2d93e0696bf, 0x4031e87772f3e641, 0x3fc54bc94d8f2ba4, 0x40026c3eec1c822a, 0x4026f0218421a792, 0x3fdff7707276c586, 0x3fd5365a4bb799af, 0x402520f0695e7b94],
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

    /// `tf.random.gamma` output (after the tiny clamp) as f64 bits.
    fn run_bits(dtype: &str, alpha: &[f64], n: usize, g: PhiloxRandom) -> Vec<u64> {
        match dtype {
            "float32" => {
                let a: Vec<f32> = alpha.iter().map(|&x| x as f32).collect();
                random_gamma(&a, n, g)
                    .into_iter()
                    .map(|x| (clamp_to_tiny_f32(x) as f64).to_bits())
                    .collect()
            }
            "float16" => {
                let a: Vec<f16> = alpha.iter().map(|&x| f16::from_f64(x)).collect();
                random_gamma(&a, n, g)
                    .into_iter()
                    .map(|x| clamp_to_tiny_f16(x).to_f64().to_bits())
                    .collect()
            }
            _ => random_gamma(alpha, n, g)
                .into_iter()
                .map(|x| clamp_to_tiny_f64(x).to_bits())
                .collect(),
        }
    }

    // Made with TF 2.21 (the reference wheel) on x86-64:
    // `tf.random.gamma([2, 3], tf.constant(alphas, dtype), dtype=dtype, seed=99)`
    // run twice; alphas from 0 to 1e30, negative, inf and NaN.
    #[test]
    fn tf_gamma_dtypes_and_edge_alphas() {
        for (dt, _, n, seed, alphas, h1, h2) in TF_GAMMA {
            let mut state = PhiloxRandom::new(87654321, seed);
            let a = run_bits(dt, alphas, n, state);
            state.skip(reservation(n, alphas.len()));
            let b = run_bits(dt, alphas, n, state);
            assert_eq!((fnv1a(a), fnv1a(b)), (h1, h2), "{dt}");
        }
    }

    /// (alpha dtype, output dtype, samples, op seed, alphas, FNV-1a of run 1, of run 2)
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
    const TF_GAMMA: [Case; 3] = [
        ("float32", "float32", 6, 99, &[0.0, 0.001, 0.1, 0.5, 0.99, 1.0, 1.01, 2.5, 7.0, 33.3, 10000.0, 1e+30, -0.1, -0.5, -1.0, f64::INFINITY, f64::NAN], 0x65ef768461ec84bf, 0x31b5eb84a4ec9416),
        ("float64", "float64", 6, 99, &[0.0, 0.001, 0.1, 0.5, 0.99, 1.0, 1.01, 2.5, 7.0, 33.3, 10000.0, 1e+30, -0.1, -0.5, -1.0, f64::INFINITY, f64::NAN], 0xc85301a316bc1a02, 0x7f7bf3fa7e14af26),
        ("float16", "float16", 6, 99, &[0.0, 0.001, 0.1, 0.5, 0.99, 1.0, 1.01, 2.5, 7.0, 33.3, 10000.0, 1e+30, -0.1, -0.5, -1.0, f64::INFINITY, f64::NAN], 0x18e5540d1c483d5d, 0xcea5b3941b4a525c),
    ];
}
