//! TensorFlow's truncated normals (`TruncatedNormalDistribution`): each
//! group of outputs owns 256 samples' region of the stream and redraws
//! normals outside ±2, with a batched vector fill for the common case.

use super::fill::{f32_id, SampleDist, SingleSampleAdapter, BATCH_BLOCKS};
use super::*;
use crate::philox::{add_u128, Block, PhiloxRandom, Platform};
use crate::vmath;

/// Samples outside ±2 are redrawn; TF's truncation constant.
const TRUNCATE: f32 = 2.0;

/// Float truncated normal, rounded to the output type (identity for f32).
pub struct TruncatedNormal<T>(pub fn(f32) -> T);

/// Output types of [`TruncatedNormal`]: float32 outputs of the identity get
/// the normals as they are (no call per output) and the vector Box-Muller
/// kernel's results written into them directly. Both methods are `Some`
/// exactly when `Self` is `f32`.
pub trait TruncatedOut: Copy + Send + Sync + 'static {
    fn from_f32(v: f32) -> Option<Self>;
    fn as_f32s(out: &mut [Self]) -> Option<&mut [f32]>;
}
impl TruncatedOut for f32 {
    fn from_f32(v: f32) -> Option<f32> {
        Some(v)
    }
    fn as_f32s(out: &mut [f32]) -> Option<&mut [f32]> {
        Some(out)
    }
}
impl TruncatedOut for f16 {
    fn from_f32(_: f32) -> Option<f16> {
        None
    }
    fn as_f32s(_: &mut [f16]) -> Option<&mut [f32]> {
        None
    }
}
impl TruncatedOut for bf16 {
    fn from_f32(_: f32) -> Option<bf16> {
        None
    }
    fn as_f32s(_: &mut [bf16]) -> Option<&mut [f32]> {
        None
    }
}

impl<T: TruncatedOut> SampleDist for TruncatedNormal<T> {
    type Out = T;
    const GROUP: usize = 4;
    /// Most groups accept all four normals of their region's first block
    /// (P = 0.9545^4 ≈ 0.83). A batch of groups takes its first blocks from
    /// one strided Philox fill (group `g`'s region starts `g * 256` blocks
    /// on) and turns them into normals with vector Box-Muller; the groups
    /// left short continue, in order, with their regions' second blocks
    /// (again vector Box-Muller), and the very few still short after eight
    /// samples (P ≈ 1e-5) finish with the exact scalar loop from the third.
    fn fill_range(&self, base: PhiloxRandom, first_group: usize, out: &mut [T]) {
        let groups = out.len().div_ceil(4) as u128;
        // TF places group g at `base.skip(g * SKIP)`; `skip` is the 128-bit
        // add the strided fill does while the count stays below 2^64 - 2^32
        // (always, for outputs under 2^55 elements). Past that, TF's lost
        // carry matters: go group by group through `skip` as TF does.
        let skip = Self::SKIP_PER_GROUP as u128;
        if (first_group as u128 + groups) * skip >= (1u128 << 64) - (1u128 << 32) {
            for (i, chunk) in out.chunks_mut(4).enumerate() {
                let mut g = base;
                g.skip(Self::SKIP_PER_GROUP * (first_group + i) as u64);
                self.group(&mut SingleSampleAdapter::new(&mut g), chunk);
            }
            return;
        }
        // float32 outputs of the identity: write the normals as they are
        // (`from_f32` is `Some` exactly then, after monomorphisation),
        // rather than through a call per output. (Were `f32_id` ever not
        // recognised by address, the general path gives the same values.)
        let conv = self.0;
        let identity = f32_id as fn(f32) -> f32;
        if T::from_f32(0.0).is_some() && std::ptr::fn_addr_eq(conv, identity) {
            self.fill_batches(base, first_group, out, true, |v| {
                T::from_f32(v).unwrap_or_else(|| conv(v))
            })
        } else {
            self.fill_batches(base, first_group, out, false, conv)
        }
    }
    fn group(&self, gen: &mut SingleSampleAdapter<'_>, out: &mut [T]) {
        let mut index = 0;
        while index < out.len() {
            let x0 = gen.next_u32();
            let x1 = gen.next_u32();
            let (f0, f1) = box_muller_float(x0, x1);
            for f in [f0, f1] {
                if f.abs() < TRUNCATE && index < out.len() {
                    out[index] = (self.0)(f);
                    index += 1;
                }
            }
        }
    }
}

impl<T: TruncatedOut> TruncatedNormal<T> {
    /// The batched fill of [`SampleDist::fill_range`], writing `conv(x)` for
    /// each accepted normal `x` (with `direct`, `conv` is the identity and
    /// `T` is `f32`: the first normals go straight into the output); needs
    /// `(first_group + groups) * 256` below 2^64 - 2^32.
    fn fill_batches(
        &self,
        base: PhiloxRandom,
        first_group: usize,
        out: &mut [T],
        direct: bool,
        conv: impl Fn(f32) -> T,
    ) {
        /// Groups per batch: whole steps of every Philox backend (48, 32,
        /// 16 blocks), and two Box-Muller pairs each.
        const GROUPS: usize = 2 * BATCH_BLOCKS;
        const PAIRS: usize = 2 * GROUPS;
        let skip = Self::SKIP_PER_GROUP;
        let platform = Platform::active();
        let key = base.key();
        let mut first = base;
        first.skip(skip * first_group as u64);
        let first = first.counter();

        let mut blocks = [[0u32; 4]; GROUPS];
        let mut counters = [[0u32; 4]; GROUPS];
        let mut scratch = PairScratch {
            x0: [0; PAIRS],
            x1: [0; PAIRS],
            sin: [0.0; PAIRS],
            cos: [0.0; PAIRS],
        };
        // The first blocks' normals in TF's group layout (group i's four at
        // 4i..4i + 4), where they are not written into the output directly.
        let mut normals = [0f32; 4 * GROUPS];
        // The groups left short: index in the batch and outputs written.
        let mut short = [(0u16, 0u8); GROUPS];
        let mut flags = [0u8; GROUPS];
        for (b, chunk) in out.chunks_mut(4 * GROUPS).enumerate() {
            let start = add_u128(first, (b * GROUPS) as u128 * skip as u128);
            let len = chunk.len();
            let n = len.div_ceil(4);
            let whole = len / 4;
            platform.fill_blocks_strided(start, skip, key, &mut blocks[..n]);
            // Whole groups: all four written (branch-free: the common case
            // is written either way), the short ones rewritten below.
            let (body, _) = chunk.split_at_mut(4 * whole);
            match T::as_f32s(body).filter(|_| direct) {
                Some(o) => {
                    first_normals(platform, &blocks[..whole], o, &mut scratch);
                    vmath::rejected_groups(platform, o, TRUNCATE, &mut flags[..whole]);
                }
                None => {
                    let v = &mut normals[..4 * whole];
                    first_normals(platform, &blocks[..whole], v, &mut scratch);
                    for (o, &x) in body.iter_mut().zip(v.iter()) {
                        *o = conv(x);
                    }
                    vmath::rejected_groups(platform, v, TRUNCATE, &mut flags[..whole]);
                }
            }
            // The tail group's normals (an output shorter than a group).
            let tail_normals = &mut normals[4 * whole..4 * n];
            first_normals(platform, &blocks[whole..n], tail_normals, &mut scratch);
            // The short ones among the whole groups (~17%), found eight
            // flags at a time, then the tail group.
            let mut n_short = 0;
            for (c, bytes) in flags[..whole].chunks(8).enumerate() {
                let mut word = [0u8; 8];
                word[..bytes.len()].copy_from_slice(bytes);
                let mut bits = u64::from_le_bytes(word);
                while bits != 0 {
                    short[n_short] = ((8 * c + bits.trailing_zeros() as usize / 8) as u16, 0);
                    n_short += 1;
                    bits &= bits - 1;
                }
            }
            if n > whole {
                short[n_short] = (whole as u16, 0);
                n_short += 1;
            }
            let (x0, x1, sin, cos) = (
                &mut scratch.x0,
                &mut scratch.x1,
                &mut scratch.sin,
                &mut scratch.cos,
            );
            // Short groups: the accepted ones in order (positions past them
            // are overwritten later), then the second block.
            let mut n_left = 0;
            for s in 0..n_short {
                let i = short[s].0 as usize;
                let o = &mut chunk[4 * i..(4 * i + 4).min(len)];
                // Its four normals: in the output itself (direct, whole
                // groups) or in `normals`.
                let in_output = (direct && i < whole).then(|| T::as_f32s(o)).flatten();
                let v = match in_output {
                    Some(x) => [x[0], x[1], x[2], x[3]],
                    None => [
                        normals[4 * i],
                        normals[4 * i + 1],
                        normals[4 * i + 2],
                        normals[4 * i + 3],
                    ],
                };
                let k = if o.len() == 4 {
                    // Branch-free: which ones are rejected is random.
                    let m = accepted_mask(&v);
                    for (o, &j) in o.iter_mut().zip(&COMPACT[m]) {
                        *o = conv(v[j as usize]);
                    }
                    m.count_ones() as usize
                } else {
                    take_accepted(&v, o, 0, &conv)
                };
                if k < o.len() {
                    short[n_left] = (i as u16, k as u8);
                    n_left += 1;
                }
            }
            for (c, &(i, _)) in counters.iter_mut().zip(&short[..n_left]) {
                *c = add_u128(start, i as u128 * skip as u128 + 1);
            }
            platform.fill_blocks_at(&counters[..n_left], key, &mut blocks[..n_left]);
            box_muller_pairs(platform, &blocks[..n_left], x0, x1, sin, cos);
            for (j, &(i, k)) in short[..n_left].iter().enumerate() {
                let i = i as usize;
                let o = &mut chunk[4 * i..(4 * i + 4).min(len)];
                let v = [sin[2 * j], cos[2 * j], sin[2 * j + 1], cos[2 * j + 1]];
                let m = accepted_mask(&v);
                let k = k as usize;
                let take = (o.len() - k).min(m.count_ones() as usize);
                for (o, &j) in o[k..k + take].iter_mut().zip(&COMPACT[m]) {
                    *o = conv(v[j as usize]);
                }
                let k = k + take;
                if k < o.len() {
                    let counter = add_u128(start, i as u128 * skip as u128 + 2);
                    let mut g = PhiloxRandom::from_parts(counter, key);
                    self.group(&mut SingleSampleAdapter::new(&mut g), &mut o[k..]);
                }
            }
        }
    }
}

/// Word and result buffers of [`box_muller_pairs`], one batch's worth.
struct PairScratch<const PAIRS: usize> {
    x0: [u32; PAIRS],
    x1: [u32; PAIRS],
    sin: [f32; PAIRS],
    cos: [f32; PAIRS],
}

/// The normals of `blocks` in TF's group layout into `dst` (four per block):
/// the interleaved vector kernel where the backend has one, else the pair
/// kernel through `scratch`.
fn first_normals<const PAIRS: usize>(
    platform: Platform,
    blocks: &[Block],
    dst: &mut [f32],
    scratch: &mut PairScratch<PAIRS>,
) {
    if !vmath::box_muller_f32_interleaved(platform, blocks.as_flattened(), dst) {
        let s = scratch;
        box_muller_pairs(
            platform, blocks, &mut s.x0, &mut s.x1, &mut s.sin, &mut s.cos,
        );
        for ((o, &a), &c) in dst.chunks_exact_mut(2).zip(&s.sin).zip(&s.cos) {
            o[0] = a;
            o[1] = c;
        }
    }
}

/// Bit `j` set when normal `j` of four is accepted.
#[inline(always)]
fn accepted_mask(v: &[f32; 4]) -> usize {
    v.iter()
        .enumerate()
        .fold(0, |m, (j, &x)| m | ((x.abs() < TRUNCATE) as usize) << j)
}

/// For each mask of [`accepted_mask`], the indices of its set bits in order
/// (then zeros): where the accepted normals of four go when compacted.
const COMPACT: [[u8; 4]; 16] = {
    let mut table = [[0u8; 4]; 16];
    let mut m = 0;
    while m < 16 {
        let (mut j, mut k) = (0, 0);
        while j < 4 {
            if m >> j & 1 == 1 {
                table[m][k] = j as u8;
                k += 1;
            }
            j += 1;
        }
        m += 1;
    }
    table
};

/// Box-Muller of each block's two pairs `(w0, w1)`, `(w2, w3)`: pair `p` of
/// the blocks into `sin[p]`, `cos[p]` (through `x0`, `x1`, the pairs' words).
fn box_muller_pairs(
    platform: Platform,
    blocks: &[Block],
    x0: &mut [u32],
    x1: &mut [u32],
    sin: &mut [f32],
    cos: &mut [f32],
) {
    let n = 2 * blocks.len();
    for ((a, b), w) in x0
        .iter_mut()
        .zip(x1.iter_mut())
        .zip(blocks.as_flattened().chunks_exact(2))
    {
        *a = w[0];
        *b = w[1];
    }
    vmath::box_muller_f32_slice(platform, &x0[..n], &x1[..n], &mut sin[..n], &mut cos[..n]);
}

/// TF's acceptance loop over four normals in sample order: writes the
/// accepted ones to `out[k..]` until it is full; returns the new `k`.
#[inline(always)]
fn take_accepted<T>(v: &[f32; 4], out: &mut [T], mut k: usize, conv: &impl Fn(f32) -> T) -> usize {
    for &v in v {
        if k < out.len() && v.abs() < TRUNCATE {
            out[k] = conv(v);
            k += 1;
        }
    }
    k
}

pub struct TruncatedNormalF64;
impl SampleDist for TruncatedNormalF64 {
    type Out = f64;
    const GROUP: usize = 2;
    /// As [`TruncatedNormal::fill_range`]: the first blocks of a batch of
    /// groups (regions `g * 128` blocks apart) from one strided Philox fill;
    /// a group left short by its first block goes on with TF's loop from the
    /// second. (Box-Muller stays scalar: libm's double `log` and `sincos`.)
    fn fill_range(&self, base: PhiloxRandom, first_group: usize, out: &mut [f64]) {
        const GROUPS: usize = 2 * BATCH_BLOCKS;
        let skip = Self::SKIP_PER_GROUP;
        let groups = out.len().div_ceil(2) as u128;
        // See `TruncatedNormal::fill_range`: strided counters are TF's region
        // starts only while the skip count stays below 2^64 - 2^32.
        if (first_group as u128 + groups) * skip as u128 >= (1u128 << 64) - (1u128 << 32) {
            for (i, chunk) in out.chunks_mut(2).enumerate() {
                let mut g = base;
                g.skip(skip * (first_group + i) as u64);
                self.group(&mut SingleSampleAdapter::new(&mut g), chunk);
            }
            return;
        }
        let platform = Platform::active();
        let key = base.key();
        let mut first = base;
        first.skip(skip * first_group as u64);
        let first = first.counter();
        let mut blocks = [[0u32; 4]; GROUPS];
        for (b, chunk) in out.chunks_mut(2 * GROUPS).enumerate() {
            let start = add_u128(first, (b * GROUPS) as u128 * skip as u128);
            let n = chunk.len().div_ceil(2);
            platform.fill_blocks_strided(start, skip, key, &mut blocks[..n]);
            let mut normals = [0f64; 2 * GROUPS];
            let normals = &mut normals[..2 * n];
            vmath::box_muller_f64_blocks(platform, blocks[..n].as_flattened(), normals);
            for (i, (o, d)) in chunk.chunks_mut(2).zip(normals.chunks_exact(2)).enumerate() {
                let mut k = 0;
                for &d in d {
                    if k < o.len() && d.abs() < TRUNCATE as f64 {
                        o[k] = d;
                        k += 1;
                    }
                }
                if k < o.len() {
                    let counter = add_u128(start, i as u128 * skip as u128 + 1);
                    let mut g = PhiloxRandom::from_parts(counter, key);
                    self.group(&mut SingleSampleAdapter::new(&mut g), &mut o[k..]);
                }
            }
        }
    }
    fn group(&self, gen: &mut SingleSampleAdapter<'_>, out: &mut [f64]) {
        let mut index = 0;
        while index < out.len() {
            let (x0, x1, x2, x3) = (
                gen.next_u32(),
                gen.next_u32(),
                gen.next_u32(),
                gen.next_u32(),
            );
            let (d0, d1) = box_muller_double(x0, x1, x2, x3);
            for d in [d0, d1] {
                if d.abs() < TRUNCATE as f64 && index < out.len() {
                    out[index] = d;
                    index += 1;
                }
            }
        }
    }
}

#[cfg(test)]
mod truncated_normal_tests {
    use super::*;
    use crate::distributions::fill::{f32_to_bf16, f32_to_f16};
    use crate::philox::Key;

    /// TF's loop: each group from its own region, reached with `skip`.
    fn reference<T: TruncatedOut>(
        dist: &TruncatedNormal<T>,
        base: PhiloxRandom,
        first_group: usize,
        out: &mut [T],
    ) {
        for (i, chunk) in out.chunks_mut(4).enumerate() {
            let mut g = base;
            g.skip(256 * (first_group + i) as u64);
            dist.group(&mut SingleSampleAdapter::new(&mut g), chunk);
        }
    }

    fn check<T: TruncatedOut + PartialEq + std::fmt::Debug>(dist: &TruncatedNormal<T>, zero: T) {
        let key: Key = [0x243F_6A88, 0x85A3_08D3];
        let bases = [
            [0, 0, 7, 9],
            [0xFFFF_F000, u32::MAX, u32::MAX, u32::MAX],
            [0x1234_5678, 0xFFFF_FFF0, 3, 0],
        ];
        // Just below and past 2^64 - 2^32 blocks (TF's lost carry).
        let limit = ((1u64 << 56) - (1 << 24)) as usize;
        let firsts = [0, 1, 191, 192, 1000, limit - 2000, limit - 3, limit + 5];
        let lens = (0..=20).chain([767, 768, 769, 770, 771, 4 * 192 * 3 + 2, 10_000]);
        for len in lens {
            for &counter in &bases {
                for &first in &firsts {
                    let base = PhiloxRandom::from_parts(counter, key);
                    let (mut want, mut got) = (vec![zero; len], vec![zero; len]);
                    reference(dist, base, first, &mut want);
                    dist.fill_range(base, first, &mut got);
                    assert_eq!(
                        got, want,
                        "len {len} counter {counter:x?} first group {first}"
                    );
                }
            }
        }
    }

    #[test]
    fn batched_fill_equals_tf_loop_f32() {
        check(&TruncatedNormal(f32_id), 0.0);
    }

    #[test]
    fn batched_fill_equals_tf_loop_narrow() {
        check(&TruncatedNormal(f32_to_f16), f16::ZERO);
        check(&TruncatedNormal(f32_to_bf16), bf16::ZERO);
    }

    #[test]
    fn float32_conversions_other_than_identity_are_applied() {
        fn twice(x: f32) -> f32 {
            2.0 * x
        }
        check(&TruncatedNormal(twice), 0.0);
    }

    #[test]
    fn batched_f64_fill_equals_tf_loop() {
        let key: Key = [0x243F_6A88, 0x85A3_08D3];
        let limit = ((1u64 << 57) - (1 << 25)) as usize;
        for len in (0..=12).chain([383, 384, 385, 386, 2000]) {
            for counter in [[0, 0, 7, 9], [0xFFFF_F000, u32::MAX, u32::MAX, u32::MAX]] {
                for first in [0, 1, 191, 192, 1000, limit - 1000, limit - 3, limit + 5] {
                    let base = PhiloxRandom::from_parts(counter, key);
                    let (mut want, mut got) = (vec![0f64; len], vec![0f64; len]);
                    for (i, chunk) in want.chunks_mut(2).enumerate() {
                        let mut g = base;
                        g.skip(128 * (first + i) as u64);
                        TruncatedNormalF64.group(&mut SingleSampleAdapter::new(&mut g), chunk);
                    }
                    TruncatedNormalF64.fill_range(base, first, &mut got);
                    let same = got
                        .iter()
                        .zip(&want)
                        .all(|(a, b)| a.to_bits() == b.to_bits());
                    assert!(same, "len {len} counter {counter:x?} first group {first}");
                }
            }
        }
    }

    #[test]
    fn every_region_start_is_tf_skip() {
        // Many groups, so rejections reach the second and third blocks.
        let base = PhiloxRandom::new(1, 2);
        let mut want = vec![0f32; 1 << 18];
        let mut got = want.clone();
        reference(&TruncatedNormal(f32_id), base, 3, &mut want);
        TruncatedNormal(f32_id).fill_range(base, 3, &mut got);
        assert!(got
            .iter()
            .zip(&want)
            .all(|(a, b)| a.to_bits() == b.to_bits()));
    }
}
