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

use super::{portable, Block, Key, M0, M1, ROUNDS, W0, W1};

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

/// One state word per vector, `[x0, x1, x2, x3]`, of four blocks.
type State = [uint32x4_t; 4];
/// Round keys, broadcast: `[k0, k1]` of round `r` at `2r`, `2r + 1`.
type Keys = [uint32x4_t; 2 * ROUNDS];

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
    for r in 0..ROUNDS {
        round(&mut x, keys[2 * r], keys[2 * r + 1]);
    }
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
