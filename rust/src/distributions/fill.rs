//! Filling whole outputs, sharded by output group as TensorFlow shards them.

use super::*;
use crate::parallel;
use crate::philox::{Block, PhiloxRandom, Platform};
use crate::vmath;
use rayon::prelude::*;

/// A distribution that consumes exactly one Philox block per output group.
pub trait BlockDist: Sync {
    type Out: Copy + Send + Sync;
    /// Outputs per group (TF's `kResultElementCount`).
    const GROUP: usize;
    /// One group from one block; `out` may be shorter than `GROUP` (the tail).
    fn group(&self, block: &Block, out: &mut [Self::Out]);
    /// Whole groups: `out.len() == blocks.len() * GROUP`. Backends override
    /// this with vector code; the result must equal calling [`group`](Self::group).
    fn groups(&self, blocks: &[Block], out: &mut [Self::Out]) {
        for (b, o) in blocks.iter().zip(out.chunks_exact_mut(Self::GROUP)) {
            self.group(b, o);
        }
    }
}

/// Hands out one 32-bit word at a time from successive blocks (TF's
/// `SingleSampleAdapter`), for distributions with rejection.
pub struct SingleSampleAdapter<'a> {
    gen: &'a mut PhiloxRandom,
    block: Block,
    used: usize,
}

impl<'a> SingleSampleAdapter<'a> {
    pub fn new(gen: &'a mut PhiloxRandom) -> Self {
        SingleSampleAdapter {
            gen,
            block: [0; 4],
            used: 4,
        }
    }
    #[inline(always)]
    pub fn next_u32(&mut self) -> u32 {
        if self.used == 4 {
            self.block = self.gen.next_block();
            self.used = 0;
        }
        let v = self.block[self.used];
        self.used += 1;
        v
    }
}

/// A distribution with a variable number of samples per group: each group
/// owns a fixed region of the stream (TF's `kReservedSamplesPerOutput`).
pub trait SampleDist: Sync {
    type Out: Copy + Send + Sync;
    const GROUP: usize;
    /// Blocks reserved per group: `GROUP * 256 / 4` in TensorFlow.
    const SKIP_PER_GROUP: u64 = (Self::GROUP as u64) * 256 / 4;
    /// One group; `out` may be shorter than `GROUP` (the tail).
    fn group(&self, gen: &mut SingleSampleAdapter<'_>, out: &mut [Self::Out]);
    /// Groups `first_group..` of the stream based at `base` into `out`.
    /// Distributions override this with vector code; the result must equal
    /// running [`group`](Self::group) on each group's own region.
    fn fill_range(&self, base: PhiloxRandom, first_group: usize, out: &mut [Self::Out]) {
        for (i, chunk) in out.chunks_mut(Self::GROUP).enumerate() {
            let mut g = base;
            g.skip(Self::SKIP_PER_GROUP * (first_group + i) as u64);
            let mut single = SingleSampleAdapter::new(&mut g);
            self.group(&mut single, chunk);
        }
    }
}

/// Groups per parallel task, and outputs below which a fill stays on the calling thread.
const GROUPS_PER_TASK: usize = 1 << 13;
const PARALLEL_MIN_OUTPUTS: usize = 1 << 16;
/// Blocks generated per batch: small enough to stay in L1.
const BATCH_BLOCKS: usize = 64;

fn fill_block_range<D: BlockDist>(dist: &D, mut gen: PhiloxRandom, out: &mut [D::Out]) {
    let mut blocks = [[0u32; 4]; BATCH_BLOCKS];
    let whole = out.len() / D::GROUP * D::GROUP;
    let (body, tail) = out.split_at_mut(whole);
    for chunk in body.chunks_mut(BATCH_BLOCKS * D::GROUP) {
        let n = chunk.len() / D::GROUP;
        gen.fill_blocks(&mut blocks[..n]);
        dist.groups(&blocks[..n], chunk);
    }
    if !tail.is_empty() {
        dist.group(&gen.next_block(), tail);
    }
}

/// Fill `out` from `gen` (the state reserved for this run), group by group.
pub fn fill_blocks<D: BlockDist>(dist: &D, gen: PhiloxRandom, out: &mut [D::Out]) {
    if out.len() < PARALLEL_MIN_OUTPUTS || parallel::threads() == 1 {
        return fill_block_range(dist, gen, out);
    }
    let per_task = GROUPS_PER_TASK * D::GROUP;
    parallel::install(|| {
        out.par_chunks_mut(per_task)
            .enumerate()
            .for_each(|(i, chunk)| {
                let mut g = gen;
                g.skip((i * GROUPS_PER_TASK) as u64);
                fill_block_range(dist, g, chunk);
            })
    });
}

fn fill_sample_range<D: SampleDist>(
    dist: &D,
    base: PhiloxRandom,
    first_group: usize,
    out: &mut [D::Out],
) {
    dist.fill_range(base, first_group, out)
}

/// Fill `out` for a variable-samples distribution; group `i` starts
/// `i * SKIP_PER_GROUP` blocks into the stream, whatever the sharding.
pub fn fill_samples<D: SampleDist>(dist: &D, gen: PhiloxRandom, out: &mut [D::Out]) {
    if out.len() < PARALLEL_MIN_OUTPUTS / 4 || parallel::threads() == 1 {
        return fill_sample_range(dist, gen, 0, out);
    }
    let groups_per_task = GROUPS_PER_TASK / 4;
    parallel::install(|| {
        out.par_chunks_mut(groups_per_task * D::GROUP)
            .enumerate()
            .for_each(|(i, chunk)| fill_sample_range(dist, gen, i * groups_per_task, chunk))
    });
}

// ---------------------------------------------------------------- uniform

pub struct UniformF32;
impl BlockDist for UniformF32 {
    type Out = f32;
    const GROUP: usize = 4;
    #[inline(always)]
    fn group(&self, b: &Block, out: &mut [f32]) {
        for (o, &x) in out.iter_mut().zip(b) {
            *o = uint32_to_float(x);
        }
    }
}

pub struct UniformF64;
impl BlockDist for UniformF64 {
    type Out = f64;
    const GROUP: usize = 2;
    #[inline(always)]
    fn group(&self, b: &Block, out: &mut [f64]) {
        for (i, o) in out.iter_mut().enumerate() {
            *o = uint64_to_double(b[2 * i], b[2 * i + 1]);
        }
    }
}

pub struct UniformF16;
impl BlockDist for UniformF16 {
    type Out = f16;
    const GROUP: usize = 4;
    fn group(&self, b: &Block, out: &mut [f16]) {
        for (o, &x) in out.iter_mut().zip(b) {
            *o = uint16_to_half(x as u16);
        }
    }
}

pub struct UniformBF16;
impl BlockDist for UniformBF16 {
    type Out = bf16;
    const GROUP: usize = 4;
    fn group(&self, b: &Block, out: &mut [bf16]) {
        for (o, &x) in out.iter_mut().zip(b) {
            *o = uint16_to_bfloat16(x as u16);
        }
    }
}

pub struct UniformI32(pub IntRange<i32>);
impl BlockDist for UniformI32 {
    type Out = i32;
    const GROUP: usize = 4;
    fn group(&self, b: &Block, out: &mut [i32]) {
        for (o, &x) in out.iter_mut().zip(b) {
            *o = self.0.sample(x);
        }
    }
}

pub struct UniformI64(pub IntRange<i64>);
impl BlockDist for UniformI64 {
    type Out = i64;
    const GROUP: usize = 2;
    fn group(&self, b: &Block, out: &mut [i64]) {
        for (i, o) in out.iter_mut().enumerate() {
            *o = self.0.sample(b[2 * i], b[2 * i + 1]);
        }
    }
}

// ---------------------------------------------------------------- normal

/// Float Box-Muller over whole blocks with the vector replicas of glibc's
/// `logf`/`sincosf` (bit-identical to libm, tested exhaustively in `vmath`):
/// a block `[x0, x1, x2, x3]` gives `bm(x0, x1)` then `bm(x2, x3)`, each as
/// (sin·r, cos·r), so pair `p` of the batch is words `2p, 2p + 1` and its
/// results land at outputs `2p, 2p + 1`.
fn box_muller_blocks(blocks: &[Block], mut emit: impl FnMut(usize, f32)) {
    const PAIRS: usize = 2 * BATCH_BLOCKS;
    let words = blocks.as_flattened();
    let mut rest = words;
    let mut base = 0;
    while !rest.is_empty() {
        let take = rest.len().min(2 * PAIRS);
        let (now, later) = rest.split_at(take);
        let n = take / 2;
        let (mut x0, mut x1) = ([0u32; PAIRS], [0u32; PAIRS]);
        for (p, w) in now.chunks_exact(2).enumerate() {
            x0[p] = w[0];
            x1[p] = w[1];
        }
        let (mut s, mut c) = ([0f32; PAIRS], [0f32; PAIRS]);
        vmath::box_muller_f32_slice(Platform::active(), &x0[..n], &x1[..n], &mut s[..n], &mut c[..n]);
        for p in 0..n {
            emit(base + 2 * p, s[p]);
            emit(base + 2 * p + 1, c[p]);
        }
        base += take;
        rest = later;
    }
}

pub struct NormalF32;
impl BlockDist for NormalF32 {
    type Out = f32;
    const GROUP: usize = 4;
    #[inline]
    fn group(&self, b: &Block, out: &mut [f32]) {
        let (a0, a1) = box_muller_float(b[0], b[1]);
        let (c0, c1) = box_muller_float(b[2], b[3]);
        for (o, v) in out.iter_mut().zip([a0, a1, c0, c1]) {
            *o = v;
        }
    }
    fn groups(&self, blocks: &[Block], out: &mut [f32]) {
        box_muller_blocks(blocks, |i, v| out[i] = v);
    }
}

/// Half-precision normals: float Box-Muller, each result rounded to the type.
pub struct NormalNarrow<T>(pub fn(f32) -> T);
impl<T: Copy + Send + Sync> BlockDist for NormalNarrow<T> {
    type Out = T;
    const GROUP: usize = 4;
    fn group(&self, b: &Block, out: &mut [T]) {
        let (a0, a1) = box_muller_float(b[0], b[1]);
        let (c0, c1) = box_muller_float(b[2], b[3]);
        for (o, v) in out.iter_mut().zip([a0, a1, c0, c1]) {
            *o = (self.0)(v);
        }
    }
    fn groups(&self, blocks: &[Block], out: &mut [T]) {
        let narrow = self.0;
        box_muller_blocks(blocks, |i, v| out[i] = narrow(v));
    }
}

pub struct NormalF64;
impl BlockDist for NormalF64 {
    type Out = f64;
    const GROUP: usize = 2;
    fn group(&self, b: &Block, out: &mut [f64]) {
        let (d0, d1) = box_muller_double(b[0], b[1], b[2], b[3]);
        for (o, v) in out.iter_mut().zip([d0, d1]) {
            *o = v;
        }
    }
}

// ---------------------------------------------------------------- truncated normal

/// Samples outside ±2 are redrawn; TF's truncation constant.
const TRUNCATE: f32 = 2.0;

/// Float truncated normal, rounded to the output type (identity for f32).
pub struct TruncatedNormal<T>(pub fn(f32) -> T);
impl<T: Copy + Send + Sync> SampleDist for TruncatedNormal<T> {
    type Out = T;
    const GROUP: usize = 4;
    /// Most groups accept all four normals of their region's first block
    /// (P ≈ 0.83): those are computed in batches with vector Box-Muller; any
    /// group that needs more samples is redone by the exact scalar loop.
    fn fill_range(&self, base: PhiloxRandom, first_group: usize, out: &mut [T]) {
        const GROUPS: usize = BATCH_BLOCKS;
        let mut blocks = [[0u32; 4]; GROUPS];
        let mut vals = [0f32; 4 * GROUPS];
        for (b, chunk) in out.chunks_mut(GROUPS * 4).enumerate() {
            let g0 = first_group + b * GROUPS;
            let n = chunk.len().div_ceil(4);
            for (i, block) in blocks[..n].iter_mut().enumerate() {
                let mut g = base;
                g.skip(Self::SKIP_PER_GROUP * (g0 + i) as u64);
                *block = g.next_block();
            }
            box_muller_blocks(&blocks[..n], |i, v| vals[i] = v);
            for (i, out_g) in chunk.chunks_mut(4).enumerate() {
                let mut k = 0;
                for &x in &vals[4 * i..4 * i + 4] {
                    if k < out_g.len() && x.abs() < TRUNCATE {
                        out_g[k] = (self.0)(x);
                        k += 1;
                    }
                }
                if k < out_g.len() {
                    let mut g = base;
                    g.skip(Self::SKIP_PER_GROUP * (g0 + i) as u64);
                    self.group(&mut SingleSampleAdapter::new(&mut g), out_g);
                }
            }
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

pub struct TruncatedNormalF64;
impl SampleDist for TruncatedNormalF64 {
    type Out = f64;
    const GROUP: usize = 2;
    fn group(&self, gen: &mut SingleSampleAdapter<'_>, out: &mut [f64]) {
        let mut index = 0;
        while index < out.len() {
            let (x0, x1, x2, x3) = (gen.next_u32(), gen.next_u32(), gen.next_u32(), gen.next_u32());
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

pub fn f32_id(x: f32) -> f32 {
    x
}
pub fn f32_to_f16(x: f32) -> f16 {
    f16::from_f32(x)
}
pub fn f32_to_bf16(x: f32) -> bf16 {
    bf16::from_f32(x)
}
