//! Filling whole outputs, sharded by output group as TensorFlow shards them.

pub use super::truncated::{TruncatedNormal, TruncatedNormalF64, TruncatedOut};
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
/// Blocks generated per batch: small enough to stay in L1, and whole steps
/// of every Philox backend (48, 32 and 16 blocks): a partial step runs one
/// vector at a time, bound by the rounds' latency.
pub(crate) const BATCH_BLOCKS: usize = 96;

pub(crate) fn fill_block_range<D: BlockDist>(dist: &D, gen: PhiloxRandom, out: &mut [D::Out]) {
    fill_block_range_then(dist, gen, out, &|_: &mut [D::Out]| {})
}

/// [`fill_block_range`], running `post` on each batch of outputs as soon as
/// it is written (while it is in L1), so wrapper arithmetic fused into the
/// fill costs no extra pass over memory.
fn fill_block_range_then<D: BlockDist>(
    dist: &D,
    mut gen: PhiloxRandom,
    out: &mut [D::Out],
    post: &(impl Fn(&mut [D::Out]) + Sync),
) {
    let mut blocks = [[0u32; 4]; BATCH_BLOCKS];
    let whole = out.len() / D::GROUP * D::GROUP;
    let (body, tail) = out.split_at_mut(whole);
    for chunk in body.chunks_mut(BATCH_BLOCKS * D::GROUP) {
        let n = chunk.len() / D::GROUP;
        gen.fill_blocks(&mut blocks[..n]);
        dist.groups(&blocks[..n], chunk);
        post(chunk);
    }
    if !tail.is_empty() {
        dist.group(&gen.next_block(), tail);
        post(tail);
    }
}

/// Fill `out` from `gen` (the state reserved for this run), group by group.
pub fn fill_blocks<D: BlockDist>(dist: &D, gen: PhiloxRandom, out: &mut [D::Out]) {
    fill_blocks_then(dist, gen, out, &|_: &mut [D::Out]| {})
}

/// [`fill_blocks`], then `post` on the outputs, batch by batch as they are
/// written (`post` must act element by element, so batching does not matter).
pub fn fill_blocks_then<D: BlockDist>(
    dist: &D,
    gen: PhiloxRandom,
    out: &mut [D::Out],
    post: &(impl Fn(&mut [D::Out]) + Sync),
) {
    if out.len() < PARALLEL_MIN_OUTPUTS || parallel::threads() == 1 {
        return fill_block_range_then(dist, gen, out, post);
    }
    let per_task = GROUPS_PER_TASK * D::GROUP;
    parallel::install(|| {
        out.par_chunks_mut(per_task)
            .enumerate()
            .for_each(|(i, chunk)| {
                let mut g = gen;
                g.skip((i * GROUPS_PER_TASK) as u64);
                fill_block_range_then(dist, g, chunk, post);
            })
    });
}

/// Outputs per piece when `post` follows a variable-samples fill: whole
/// groups, 16 of the float truncated normals' batches (32 of float64's):
/// few enough calls that each call's setup (its zeroed batch buffers, ~20 KB)
/// stays negligible, and small enough (48 KB of float32) to be in L2 for `post`.
const POST_PIECE: usize = 16 * 4 * 2 * BATCH_BLOCKS;

fn fill_sample_range<D: SampleDist>(
    dist: &D,
    base: PhiloxRandom,
    first_group: usize,
    out: &mut [D::Out],
    post: Option<&(impl Fn(&mut [D::Out]) + Sync)>,
) {
    let Some(post) = post else {
        return dist.fill_range(base, first_group, out);
    };
    // Group `g` of a piece is group `first_group + offset / GROUP + g` of
    // the stream: `fill_range` is defined group by group.
    for (i, piece) in out.chunks_mut(POST_PIECE).enumerate() {
        dist.fill_range(base, first_group + i * (POST_PIECE / D::GROUP), piece);
        post(piece);
    }
}

/// Fill `out` for a variable-samples distribution; group `i` starts
/// `i * SKIP_PER_GROUP` blocks into the stream, whatever the sharding.
pub fn fill_samples<D: SampleDist>(dist: &D, gen: PhiloxRandom, out: &mut [D::Out]) {
    fill_samples_impl(dist, gen, out, None::<&fn(&mut [D::Out])>)
}

/// [`fill_samples`], then `post` on the outputs, piece by piece as they are
/// written (`post` must act element by element).
pub fn fill_samples_then<D: SampleDist>(
    dist: &D,
    gen: PhiloxRandom,
    out: &mut [D::Out],
    post: &(impl Fn(&mut [D::Out]) + Sync),
) {
    fill_samples_impl(dist, gen, out, Some(post))
}

fn fill_samples_impl<D: SampleDist>(
    dist: &D,
    gen: PhiloxRandom,
    out: &mut [D::Out],
    post: Option<&(impl Fn(&mut [D::Out]) + Sync)>,
) {
    const _: () = assert!(POST_PIECE.is_multiple_of(4));
    if out.len() < PARALLEL_MIN_OUTPUTS / 4 || parallel::threads() == 1 {
        return fill_sample_range(dist, gen, 0, out, post);
    }
    let groups_per_task = GROUPS_PER_TASK / 4;
    parallel::install(|| {
        out.par_chunks_mut(groups_per_task * D::GROUP)
            .enumerate()
            .for_each(|(i, chunk)| fill_sample_range(dist, gen, i * groups_per_task, chunk, post))
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
    fn groups(&self, blocks: &[Block], out: &mut [f32]) {
        vmath::uniform_f32_words(Platform::active(), blocks.as_flattened(), out);
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
    fn groups(&self, blocks: &[Block], out: &mut [f64]) {
        vmath::uniform_f64_words(Platform::active(), blocks.as_flattened(), out);
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
    /// One flat loop over the words (the same `sample` per word), compiled
    /// for the backend's vector width.
    fn groups(&self, blocks: &[Block], out: &mut [i32]) {
        vmath::int32_range_words(Platform::active(), &self.0, blocks.as_flattened(), out);
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
    let platform = Platform::active();
    let words = blocks.as_flattened();
    let mut rest = words;
    let mut base = 0;
    while !rest.is_empty() {
        let take = rest.len().min(2 * PAIRS);
        let (now, later) = rest.split_at(take);
        // Straight from the block layout where the backend has a kernel.
        let mut v = [0f32; 2 * PAIRS];
        if vmath::box_muller_f32_interleaved(platform, now, &mut v[..take]) {
            for (i, &x) in v[..take].iter().enumerate() {
                emit(base + i, x);
            }
        } else {
            let n = take / 2;
            let (mut x0, mut x1) = ([0u32; PAIRS], [0u32; PAIRS]);
            for (p, w) in now.chunks_exact(2).enumerate() {
                x0[p] = w[0];
                x1[p] = w[1];
            }
            let (mut s, mut c) = ([0f32; PAIRS], [0f32; PAIRS]);
            vmath::box_muller_f32_slice(platform, &x0[..n], &x1[..n], &mut s[..n], &mut c[..n]);
            for p in 0..n {
                emit(base + 2 * p, s[p]);
                emit(base + 2 * p + 1, c[p]);
            }
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
        // Straight from the block layout into the output where a kernel exists.
        if !vmath::box_muller_f32_interleaved(Platform::active(), blocks.as_flattened(), out) {
            box_muller_blocks(blocks, |i, v| out[i] = v);
        }
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
    fn groups(&self, blocks: &[Block], out: &mut [f64]) {
        vmath::box_muller_f64_blocks(Platform::active(), blocks.as_flattened(), out);
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

#[cfg(test)]
mod int_range_tests {
    use super::*;

    #[test]
    fn flat_int32_groups_equal_the_per_group_remainder() {
        let mut gen = PhiloxRandom::new(11, 13);
        let mut blocks = [[0u32; 4]; 64];
        gen.fill_blocks(&mut blocks);
        for (lo, hi) in [
            (0, 1),
            (-1000, 7919),
            (i32::MIN, i32::MAX),
            (-5, 1 << 30),
            (7, 8),
        ] {
            let d = UniformI32(IntRange::<i32>::new(lo, hi));
            let mut flat = [0i32; 256];
            d.groups(&blocks, &mut flat);
            for (b, got) in blocks.iter().zip(flat.chunks_exact(4)) {
                let want: Vec<i32> = b
                    .iter()
                    .map(|&x| lo.wrapping_add((x % (hi as u32).wrapping_sub(lo as u32)) as i32))
                    .collect();
                assert_eq!(got, &want[..]);
            }
        }
    }
}

#[cfg(test)]
mod post_tests {
    use super::*;
    use crate::vmath::Affine;

    /// A fill with arithmetic after each batch equals the fill, then the
    /// arithmetic over the whole output, on every length class and pool size.
    #[test]
    fn fused_post_equals_fill_then_post() {
        let a = Affine {
            scale: Some(0.02f32),
            shift: Some(-1.5f32),
        };
        let post = |x: &mut [f32]| crate::vmath::affine_f32(Platform::active(), x, a);
        for threads in [1, 3] {
            let pool = parallel::private_pool(threads).unwrap();
            parallel::with_pool(pool, || {
                for len in [0, 1, 5, 255, 256, 257, 3071, 3073, 70_001, (1 << 17) + 3] {
                    let gen = PhiloxRandom::new(7, 8);
                    let (mut want, mut got) = (vec![0f32; len], vec![0f32; len]);
                    fill_blocks(&NormalF32, gen, &mut want);
                    post(&mut want);
                    fill_blocks_then(&NormalF32, gen, &mut got, &post);
                    assert!(got
                        .iter()
                        .zip(&want)
                        .all(|(g, w)| g.to_bits() == w.to_bits()));
                    let (mut want, mut got) = (vec![0f32; len], vec![0f32; len]);
                    fill_samples(&TruncatedNormal(f32_id), gen, &mut want);
                    post(&mut want);
                    fill_samples_then(&TruncatedNormal(f32_id), gen, &mut got, &post);
                    assert!(got
                        .iter()
                        .zip(&want)
                        .all(|(g, w)| g.to_bits() == w.to_bits()));
                }
            })
        }
    }
}
