//! TensorFlow's truncated normals (`TruncatedNormalDistribution`): each
//! group of outputs owns 256 samples' region of the stream and redraws
//! normals outside ±2, with a batched vector fill for the common case.

use super::fill::{f32_id, SampleDist, SingleSampleAdapter, BATCH_BLOCKS};
use super::*;
use crate::philox::{add_u128, Block, Key, PhiloxRandom, Platform};
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
        let mut v = [0f32; 4];
        let v = &mut v[..out.len()];
        tf_loop(gen, v);
        for (o, &x) in out.iter_mut().zip(v.iter()) {
            *o = (self.0)(x);
        }
    }
}

/// TF's loop for one group (`out` at most four): Box-Muller pairs from the
/// generator, each normal inside ±2 taken in order until `out` is full.
fn tf_loop(gen: &mut SingleSampleAdapter<'_>, out: &mut [f32]) {
    let mut index = 0;
    while index < out.len() {
        let x0 = gen.next_u32();
        let x1 = gen.next_u32();
        let (f0, f1) = box_muller_float(x0, x1);
        for f in [f0, f1] {
            if f.abs() < TRUNCATE && index < out.len() {
                out[index] = f;
                index += 1;
            }
        }
    }
}

/// Groups per batch: whole steps of every Philox backend (48, 32, 16
/// blocks), two Box-Muller pairs each, and a multiple of 16 (one word of
/// accepted bits per 16 groups).
const GROUPS: usize = 2 * BATCH_BLOCKS;
const _: () = assert!(GROUPS.is_multiple_of(16));

impl<T: TruncatedOut> TruncatedNormal<T> {
    /// The batched fill of [`SampleDist::fill_range`], writing `conv(x)` for
    /// each accepted normal `x` (with `direct`, `conv` is the identity and
    /// `T` is `f32`: whole groups are computed in the output itself); needs
    /// `(first_group + groups) * 256` below 2^64 - 2^32.
    fn fill_batches(
        &self,
        base: PhiloxRandom,
        first_group: usize,
        out: &mut [T],
        direct: bool,
        conv: impl Fn(f32) -> T,
    ) {
        let mut first = base;
        first.skip(Self::SKIP_PER_GROUP * first_group as u64);
        let mut batch = Batch::new(first.counter(), base.key());
        let mut normals = [0f32; 4 * GROUPS];
        let whole = out.len() / 4;
        let (body, tail) = out.split_at_mut(4 * whole);
        for (b, chunk) in body.chunks_mut(4 * GROUPS).enumerate() {
            match T::as_f32s(chunk).filter(|_| direct) {
                Some(o) => batch.run(b * GROUPS, o),
                None => {
                    let v = &mut normals[..chunk.len()];
                    batch.run(b * GROUPS, v);
                    for (o, &x) in chunk.iter_mut().zip(v.iter()) {
                        *o = conv(x);
                    }
                }
            }
        }
        // An output shorter than a group at the end takes the first of its
        // group's accepted normals: the first four's prefix.
        if !tail.is_empty() {
            let v = &mut normals[..4];
            batch.run(whole, v);
            for (o, &x) in tail.iter_mut().zip(v.iter()) {
                *o = conv(x);
            }
        }
    }
}

/// The buffers of one batch of float truncated-normal groups, and the
/// stream they come from (group `g`'s region starts `g * 256` blocks after
/// `first`).
struct Batch {
    platform: Platform,
    key: Key,
    first: Block,
    blocks: [Block; GROUPS],
    counters: [Block; GROUPS],
    /// The short groups' second blocks' normals, short group `k`'s four at
    /// `4k..4k + 4`.
    second: [f32; 4 * GROUPS],
    bits: [u64; GROUPS / 16],
    /// The short groups: index in the batch, its first block's accepted bits.
    short: [(u16, u8); GROUPS],
    scratch: PairScratch<{ 2 * GROUPS }>,
}

impl Batch {
    fn new(first: Block, key: Key) -> Self {
        Batch {
            platform: Platform::active(),
            key,
            first,
            blocks: [[0; 4]; GROUPS],
            counters: [[0; 4]; GROUPS],
            second: [0.0; 4 * GROUPS],
            bits: [0; GROUPS / 16],
            short: [(0, 0); GROUPS],
            scratch: PairScratch {
                x0: [0; 2 * GROUPS],
                x1: [0; 2 * GROUPS],
                sin: [0.0; 2 * GROUPS],
                cos: [0.0; 2 * GROUPS],
            },
        }
    }

    /// Groups `g..g + dst.len() / 4` (of `first`'s stream) into `dst`, four
    /// normals each; `dst.len()` a multiple of 4, at most `4 * GROUPS`.
    ///
    /// Every group's four normals of its first block go into `dst` with
    /// vector Box-Muller, and their accepted bits are taken with one vector
    /// compare per 16. A group with a bit clear (P = 1 - 0.9545^4 ≈ 17%) is
    /// short: the second blocks of all short groups come from one gathered
    /// Philox fill and vector Box-Muller, and each short group's output is
    /// the first four accepted of its eight normals, by table. The very few
    /// still short (fewer than four of eight accepted, P ≈ 1e-5) finish with
    /// TF's loop from their third block.
    fn run(&mut self, g: usize, dst: &mut [f32]) {
        const SKIP: u64 = TruncatedNormal::<f32>::SKIP_PER_GROUP;
        let (platform, key) = (self.platform, self.key);
        let n = dst.len() / 4;
        let start = add_u128(self.first, g as u128 * SKIP as u128);
        platform.fill_blocks_strided(start, SKIP, key, &mut self.blocks[..n]);
        first_normals(platform, &self.blocks[..n], dst, &mut self.scratch);
        let words = n.div_ceil(16);
        vmath::accepted_bits(platform, dst, TRUNCATE, &mut self.bits[..words]);
        // The short groups, one bit per group (the few loops over set bits
        // end in one mispredicted branch each, not one per 16 groups).
        let mut short = [0u64; GROUPS / 64];
        for (w, &bits) in self.bits[..words].iter().enumerate() {
            let all = bits & bits >> 1 & bits >> 2 & bits >> 3 & 0x1111_1111_1111_1111;
            short[w / 4] |= (gather_nibbles(!all) & 0xffff) << (16 * (w % 4));
        }
        for (w, x) in short.iter_mut().enumerate() {
            let live = n.saturating_sub(64 * w).min(64);
            *x &= u64::MAX.checked_shr(64 - live as u32).unwrap_or(0);
        }
        let mut n_short = 0;
        for (w, &x) in short.iter().enumerate() {
            let mut x = x;
            while x != 0 {
                let i = 64 * w + x.trailing_zeros() as usize;
                let m1 = (self.bits[i / 16] >> (4 * (i % 16))) as u8 & 0xf;
                self.short[n_short] = (i as u16, m1);
                self.counters[n_short] = add_u128(start, i as u128 * SKIP as u128 + 1);
                n_short += 1;
                x &= x - 1;
            }
        }
        if n_short == 0 {
            return;
        }
        let blocks = &mut self.blocks[..n_short];
        platform.fill_blocks_at(&self.counters[..n_short], key, blocks);
        // Whole steps of the vector kernels (8 blocks; GROUPS is a multiple):
        // the padding blocks' normals are computed and ignored.
        let padded = n_short.next_multiple_of(8);
        let second = &mut self.second[..4 * padded];
        first_normals(platform, &self.blocks[..padded], second, &mut self.scratch);
        let words = n_short.div_ceil(16);
        vmath::accepted_bits(
            platform,
            &second[..4 * n_short],
            TRUNCATE,
            &mut self.bits[..words],
        );
        for (k, &(i, m1)) in self.short[..n_short].iter().enumerate() {
            let i = i as usize;
            let m2 = (self.bits[k / 16] >> (4 * (k % 16))) as u8 & 0xf;
            let m = (m1 | m2 << 4) as usize;
            let o = &mut dst[4 * i..4 * i + 4];
            let s = &second[4 * k..4 * k + 4];
            let v = [o[0], o[1], o[2], o[3], s[0], s[1], s[2], s[3]];
            // Branch-free: which ones are rejected is random.
            for (o, &j) in o.iter_mut().zip(&COMPACT[m]) {
                *o = v[j as usize];
            }
            let taken = m.count_ones() as usize;
            if taken < 4 {
                let counter = add_u128(start, i as u128 * SKIP as u128 + 2);
                let mut gen = PhiloxRandom::from_parts(counter, key);
                tf_loop(&mut SingleSampleAdapter::new(&mut gen), &mut o[taken..]);
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

/// Bits `0, 4, 8, …, 60` of `x` as bits `0..16` (the rest of the result is
/// zero): one bit per group from a group's nibble.
#[inline(always)]
fn gather_nibbles(x: u64) -> u64 {
    let x = x & 0x1111_1111_1111_1111;
    let x = (x | x >> 3) & 0x0303_0303_0303_0303;
    let x = (x | x >> 6) & 0x000f_000f_000f_000f;
    let x = (x | x >> 12) & 0x0000_00ff_0000_00ff;
    (x | x >> 24) & 0xffff
}

/// For each 8-bit mask of accepted normals (a short group's first block in
/// bits 0-3, its second in 4-7), the indices of its first four set bits in
/// order (then zeros): where the group's outputs come from.
const COMPACT: [[u8; 4]; 256] = {
    let mut table = [[0u8; 4]; 256];
    let mut m = 0;
    while m < 256 {
        let (mut j, mut k) = (0, 0);
        while j < 8 && k < 4 {
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
    fn gather_nibbles_takes_every_fourth_bit() {
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..1000 {
            let want = (0..16).fold(0, |m, i| m | (x >> (4 * i) & 1) << i);
            assert_eq!(gather_nibbles(x), want, "{x:x}");
            x = x
                .wrapping_mul(0x5851_f42d_4c95_7f2d)
                .wrapping_add(1442695040888963407);
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

    /// Groups with fewer than four of their first eight normals inside ±2
    /// (P ≈ 1e-5 each), which go on to their third block: found by search,
    /// then filled in batches around them, at every offset in the batch.
    #[test]
    fn groups_reaching_their_third_block() {
        let base = PhiloxRandom::new(5, 6);
        let accepted_of_first_eight = |g: usize| {
            let mut gen = base;
            gen.skip(256 * g as u64);
            let (a, b) = (gen.next_block(), gen.next_block());
            let pairs = [(a[0], a[1]), (a[2], a[3]), (b[0], b[1]), (b[2], b[3])];
            pairs
                .iter()
                .map(|&(x0, x1)| {
                    let (f0, f1) = box_muller_float(x0, x1);
                    (f0.abs() < TRUNCATE) as usize + (f1.abs() < TRUNCATE) as usize
                })
                .sum::<usize>()
        };
        let found: Vec<usize> = (0..)
            .filter(|&g| accepted_of_first_eight(g) < 4)
            .take(3)
            .collect();
        let dist = TruncatedNormal(f32_id);
        for &g in &found {
            for before in [0, 1, 7, 15, 16, 100, 191] {
                let first = g.saturating_sub(before);
                for len in [4 * (g - first) + 2, 4 * (g - first) + 4, 800] {
                    let (mut want, mut got) = (vec![0f32; len], vec![0f32; len]);
                    reference(&dist, base, first, &mut want);
                    dist.fill_range(base, first, &mut got);
                    assert_eq!(got, want, "group {g} first {first} len {len}");
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
