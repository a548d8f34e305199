//! The NEON Philox backend (aarch64): 16 blocks per step, 4 per vector.
//!
//! Layout: a `uint32x4_t` holds one state word of four blocks. A round
//! multiplies the low and high lane pairs with `umull`/`umull2` into 64-bit
//! products and splits them into high and low words with `uzp2`/`uzp1`.
//! Four independent vectors are in flight per step to cover the latency of
//! each round.
//!
//! Counters are built in the lanes with 32-bit adds and an explicit carry
//! ripple through all four words, so the 2^32, 2^64 and 2^128 boundaries
//! behave like [`increment`](super::increment). `st4` stores the four state
//! words interleaved, which is exactly the array-of-structs output; the tail
//! shorter than four blocks goes through a buffer.

use std::arch::aarch64::*;

use super::{portable, to_u128, Block, Key, M0, M1, ROUNDS, W0, W1};

/// Blocks per vector (32-bit lanes of a 128-bit register).
const LANES: usize = 4;
/// Independent vectors per step of the main loop.
const SETS: usize = 4;
/// Blocks per step of the main loop.
pub const STEP: usize = LANES * SETS;

/// Whether this CPU has NEON (always, on aarch64; checked anyway).
pub fn is_supported() -> bool {
    std::arch::is_aarch64_feature_detected!("neon")
}

/// Blocks for `counter`, `counter + 1`, … (128-bit increments) into `out`;
/// equal to [`portable::fill_blocks`].
pub fn fill_blocks(counter: Block, key: Key, out: &mut [Block]) {
    if is_supported() {
        // SAFETY: the CPU supports neon (checked just above), the only
        // target feature `fill` enables.
        unsafe { fill(counter, key, out) }
    } else {
        portable::fill_blocks(counter, key, out)
    }
}

/// Blocks for `counter + i * stride` (exact 128-bit adds) into `out[i]`;
/// equal to [`portable::fill_blocks_strided`].
pub fn fill_blocks_strided(counter: Block, stride: u64, key: Key, out: &mut [Block]) {
    if is_supported() {
        // SAFETY: the CPU supports neon (checked just above), the only
        // target feature `fill_strided` enables.
        unsafe { fill_strided(counter, stride, key, out) }
    } else {
        portable::fill_blocks_strided(counter, stride, key, out)
    }
}

/// Blocks for `counters[i]` into `out[i]`; equal to
/// [`portable::fill_blocks_at`].
pub fn fill_blocks_at(counters: &[Block], key: Key, out: &mut [Block]) {
    assert_eq!(counters.len(), out.len());
    if is_supported() {
        // SAFETY: the CPU supports neon (checked just above), the only
        // target feature `fill_at` enables.
        unsafe { fill_at(counters, key, out) }
    } else {
        portable::fill_blocks_at(counters, key, out)
    }
}

/// One state word per vector, `[x0, x1, x2, x3]`, of four blocks.
type State = [uint32x4_t; 4];
/// Per-lane 128-bit counter offsets of one vector, one word per vector.
type Offset = [uint32x4_t; 4];
/// Round keys, broadcast: `[k0, k1]` of round `r` at `2r`, `2r + 1`.
type Keys = [uint32x4_t; 2 * ROUNDS];

/// The ten rounds on `$x: &mut [State; N]` under `$keys: &Keys`, in place.
/// A macro, not a function: the contiguous, strided and gathered fills each
/// run it, and a function with several call sites is not reliably inlined,
/// which would send the state through memory.
macro_rules! rounds {
    ($x:expr, $keys:expr) => {{
        let (x, keys): (&mut [State; _], &Keys) = ($x, $keys);
        for r in 0..ROUNDS {
            round(x, keys[2 * r], keys[2 * r + 1]);
        }
    }};
}

#[target_feature(enable = "neon")]
fn fill(counter: Block, key: Key, out: &mut [Block]) {
    let keys = round_keys(key);
    let mut lo = counter[0] as u64 | (counter[1] as u64) << 32;
    let mut hi = counter[2] as u64 | (counter[3] as u64) << 32;
    let mut steps = out.chunks_exact_mut(STEP);
    for chunk in &mut steps {
        let x = step::<SETS>(lo, hi, &keys);
        for (state, blocks) in x.iter().zip(chunk.chunks_exact_mut(LANES)) {
            store(state, blocks);
        }
        (lo, hi) = advance(lo, hi, STEP);
    }
    for blocks in steps.into_remainder().chunks_mut(LANES) {
        let [state] = step::<1>(lo, hi, &keys);
        if blocks.len() == LANES {
            store(&state, blocks);
        } else {
            let mut buf = [[0u32; 4]; LANES];
            store(&state, &mut buf);
            blocks.copy_from_slice(&buf[..blocks.len()]);
        }
        (lo, hi) = advance(lo, hi, LANES);
    }
}

#[target_feature(enable = "neon")]
fn fill_strided(counter: Block, stride: u64, key: Key, out: &mut [Block]) {
    let keys = round_keys(key);
    // Lane j of vector s is `(s * LANES + j) * stride` on from the step's
    // counter: below 2^68, so exact as u128, split into four words.
    let mut offsets = [[vdupq_n_u32(0); 4]; SETS];
    for (s, offset) in offsets.iter_mut().enumerate() {
        let lanes: [u128; LANES] =
            std::array::from_fn(|j| ((s * LANES + j) as u128) * stride as u128);
        for (w, word) in offset.iter_mut().enumerate() {
            *word = from_u32s(lanes.map(|x| (x >> (32 * w)) as u32));
        }
    }
    let mut c = to_u128(counter);
    let step_stride = STEP as u128 * stride as u128;
    let vector_stride = LANES as u128 * stride as u128;
    let mut steps = out.chunks_exact_mut(STEP);
    for chunk in &mut steps {
        let x = step_strided::<SETS>(c as u64, (c >> 64) as u64, &offsets, &keys);
        for (state, blocks) in x.iter().zip(chunk.chunks_exact_mut(LANES)) {
            store(state, blocks);
        }
        c = c.wrapping_add(step_stride);
    }
    for blocks in steps.into_remainder().chunks_mut(LANES) {
        let [state] = step_strided::<1>(c as u64, (c >> 64) as u64, &offsets[..1], &keys);
        if blocks.len() == LANES {
            store(&state, blocks);
        } else {
            let mut buf = [[0u32; 4]; LANES];
            store(&state, &mut buf);
            blocks.copy_from_slice(&buf[..blocks.len()]);
        }
        c = c.wrapping_add(vector_stride);
    }
}

#[target_feature(enable = "neon")]
fn fill_at(counters: &[Block], key: Key, out: &mut [Block]) {
    assert_eq!(counters.len(), out.len());
    let keys = round_keys(key);
    let mut steps = out.chunks_exact_mut(STEP);
    let mut inputs = counters.chunks_exact(STEP);
    for (chunk, input) in (&mut steps).zip(&mut inputs) {
        let mut x = [[vdupq_n_u32(0); 4]; SETS];
        for (state, c) in x.iter_mut().zip(input.chunks_exact(LANES)) {
            *state = load(c);
        }
        rounds!(&mut x, &keys);
        for (state, blocks) in x.iter().zip(chunk.chunks_exact_mut(LANES)) {
            store(state, blocks);
        }
    }
    let rest = steps.into_remainder().chunks_mut(LANES);
    for (blocks, c) in rest.zip(inputs.remainder().chunks(LANES)) {
        let mut buf = [[0u32; 4]; LANES];
        buf[..c.len()].copy_from_slice(c);
        let mut x = [load(&buf)];
        rounds!(&mut x, &keys);
        if blocks.len() == LANES {
            store(&x[0], blocks);
        } else {
            store(&x[0], &mut buf);
            blocks.copy_from_slice(&buf[..blocks.len()]);
        }
    }
}

/// Four u32s as a vector, element 0 in lane 0.
#[inline]
#[target_feature(enable = "neon")]
fn from_u32s(v: [u32; LANES]) -> uint32x4_t {
    // SAFETY: `v` is four readable u32s, exactly what `vld1q_u32` reads.
    unsafe { vld1q_u32(v.as_ptr()) }
}

/// The counter `hi:lo` plus `n`, wrapping at 2^128.
#[inline]
fn advance(lo: u64, hi: u64, n: usize) -> (u64, u64) {
    let (lo, carry) = lo.overflowing_add(n as u64);
    (lo, hi.wrapping_add(carry as u64))
}

#[inline]
#[target_feature(enable = "neon")]
fn round_keys(key: Key) -> Keys {
    let mut keys = [vdupq_n_u32(0); 2 * ROUNDS];
    let (mut k0, mut k1) = (key[0], key[1]);
    for r in 0..ROUNDS {
        keys[2 * r] = vdupq_n_u32(k0);
        keys[2 * r + 1] = vdupq_n_u32(k1);
        k0 = k0.wrapping_add(W0);
        k1 = k1.wrapping_add(W1);
    }
    keys
}

/// Philox4x32-10 of the `4 * N` counters from `hi:lo` on.
#[inline]
#[target_feature(enable = "neon")]
fn step<const N: usize>(lo: u64, hi: u64, keys: &Keys) -> [State; N] {
    let mut x = [[vdupq_n_u32(0); 4]; N];
    for (s, state) in x.iter_mut().enumerate() {
        *state = counters(lo, hi, (s * LANES) as u32);
    }
    rounds!(&mut x, keys);
    x
}

/// Philox4x32-10 of the counters `hi:lo + offsets[s]` (lane by lane) for
/// vectors `s = 0..N`.
#[inline]
#[target_feature(enable = "neon")]
fn step_strided<const N: usize>(lo: u64, hi: u64, offsets: &[Offset], keys: &Keys) -> [State; N] {
    let mut x = [[vdupq_n_u32(0); 4]; N];
    for (state, offset) in x.iter_mut().zip(offsets) {
        *state = strided_counters(lo, hi, offset);
    }
    rounds!(&mut x, keys);
    x
}

/// High and low words of `m * x`, lane by lane.
#[inline]
#[target_feature(enable = "neon")]
fn mulhilo(x: uint32x4_t, m: u32) -> (uint32x4_t, uint32x4_t) {
    // 64-bit products of lanes 0–1 and 2–3; as u32 lanes: [lo, hi, lo, hi].
    let p01 = vreinterpretq_u32_u64(vmull_u32(vget_low_u32(x), vdup_n_u32(m)));
    let p23 = vreinterpretq_u32_u64(vmull_high_u32(x, vdupq_n_u32(m)));
    (vuzp2q_u32(p01, p23), vuzp1q_u32(p01, p23))
}

/// One Philox round on every vector under round keys `k0`, `k1`.
#[inline]
#[target_feature(enable = "neon")]
fn round<const N: usize>(x: &mut [State; N], k0: uint32x4_t, k1: uint32x4_t) {
    for s in x.iter_mut() {
        let (hi0, lo0) = mulhilo(s[0], M0);
        let (hi1, lo1) = mulhilo(s[2], M1);
        let y0 = veorq_u32(veorq_u32(hi1, s[1]), k0);
        let y2 = veorq_u32(veorq_u32(hi0, s[3]), k1);
        *s = [y0, lo1, y2, lo0];
    }
}

/// The counters `hi:lo + offset + j` for lanes `j = 0..4`, one word per vector.
#[inline]
#[target_feature(enable = "neon")]
fn counters(lo: u64, hi: u64, offset: u32) -> State {
    const LANE: [u32; 4] = [0, 1, 2, 3];
    // SAFETY: `LANE` is four readable u32s, exactly what `vld1q_u32` reads.
    let add = vaddq_u32(unsafe { vld1q_u32(LANE.as_ptr()) }, vdupq_n_u32(offset));
    // Each word carries into the next: the sum wrapped exactly when it is
    // below what was added; a carry is an all-ones lane, so subtracting it
    // adds one, and the next word wraps exactly when it became zero.
    let w0 = vaddq_u32(vdupq_n_u32(lo as u32), add);
    let c1 = vcltq_u32(w0, add);
    let w1 = vsubq_u32(vdupq_n_u32((lo >> 32) as u32), c1);
    let c2 = vandq_u32(c1, vceqzq_u32(w1));
    let w2 = vsubq_u32(vdupq_n_u32(hi as u32), c2);
    let c3 = vandq_u32(c2, vceqzq_u32(w2));
    let w3 = vsubq_u32(vdupq_n_u32((hi >> 32) as u32), c3);
    [w0, w1, w2, w3]
}

/// The counters `hi:lo + offset` lane by lane, one word per vector: a 128-bit
/// add word by word with the carries rippled through, wrapping at 2^128.
#[inline]
#[target_feature(enable = "neon")]
fn strided_counters(lo: u64, hi: u64, offset: &Offset) -> State {
    let base = [lo as u32, (lo >> 32) as u32, hi as u32, (hi >> 32) as u32];
    let mut w = [vdupq_n_u32(0); 4];
    // The carry into the current word: all ones or zero.
    let mut carry = vdupq_n_u32(0);
    for ((word, &b), &o) in w.iter_mut().zip(&base).zip(offset) {
        let t = vaddq_u32(vdupq_n_u32(b), o);
        // Subtracting an all-ones carry adds one.
        *word = vsubq_u32(t, carry);
        // Out of this word: the add wrapped (t below the offset), or the
        // carry in wrapped t = 2^32 - 1 to zero. (Never both: a wrapped t
        // is at most 2^32 - 2.)
        carry = vorrq_u32(vcltq_u32(t, o), vandq_u32(carry, vceqzq_u32(*word)));
    }
    w
}

/// The state of the four blocks `c` holds (counters): the inverse of [`store`].
#[inline]
#[target_feature(enable = "neon")]
fn load(c: &[Block]) -> State {
    assert_eq!(c.len(), LANES);
    // SAFETY: `c` is 4 readable blocks, 16 u32s (length asserted above);
    // `ld4` reads exactly 16 u32s, de-interleaving word j of every block
    // into vector j. u32 needs no more than 4-byte alignment.
    let v = unsafe { vld4q_u32(c.as_ptr().cast()) };
    [v.0, v.1, v.2, v.3]
}

/// Writes the four blocks of `x` to `out`, which holds exactly four.
#[inline]
#[target_feature(enable = "neon")]
fn store(x: &State, out: &mut [Block]) {
    assert_eq!(out.len(), LANES);
    // SAFETY: `out` is 4 writable blocks, 16 u32s (length asserted above);
    // `st4` writes exactly 16 u32s, interleaving the four words, i.e. block
    // j = [x0[j], x1[j], x2[j], x3[j]]. `Block` is `[u32; 4]`, so the
    // blocks are contiguous u32s, and u32 needs no more than 4-byte alignment.
    unsafe {
        vst4q_u32(
            out.as_mut_ptr().cast(),
            uint32x4x4_t(x[0], x[1], x[2], x[3]),
        )
    }
}
