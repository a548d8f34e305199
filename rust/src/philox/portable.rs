//! The portable scalar Philox backend: the reference every SIMD backend must equal.

use super::{from_u128, increment, to_u128, Block, Key, M0, M1, ROUNDS, W0, W1};

#[inline(always)]
fn mulhilo(a: u32, b: u32) -> (u32, u32) {
    let p = a as u64 * b as u64;
    ((p >> 32) as u32, p as u32)
}

#[inline(always)]
fn round(c: Block, k: Key) -> Block {
    let (hi0, lo0) = mulhilo(M0, c[0]);
    let (hi1, lo1) = mulhilo(M1, c[2]);
    [hi1 ^ c[1] ^ k[0], lo1, hi0 ^ c[3] ^ k[1], lo0]
}

/// Philox4x32-10 of one counter under one key.
#[inline(always)]
pub fn block(mut c: Block, mut k: Key) -> Block {
    for r in 0..ROUNDS {
        c = round(c, k);
        if r + 1 < ROUNDS {
            k = [k[0].wrapping_add(W0), k[1].wrapping_add(W1)];
        }
    }
    c
}

/// Blocks for `counter`, `counter + 1`, … into `out`.
pub fn fill_blocks(mut counter: Block, key: Key, out: &mut [Block]) {
    for o in out.iter_mut() {
        *o = block(counter, key);
        counter = increment(counter);
    }
}

/// Blocks for `counter + i * stride` (exact 128-bit adds) into `out[i]`.
pub fn fill_blocks_strided(counter: Block, stride: u64, key: Key, out: &mut [Block]) {
    let mut c = to_u128(counter);
    for o in out.iter_mut() {
        *o = block(from_u128(c), key);
        c = c.wrapping_add(stride as u128);
    }
}

/// Blocks for `counters[i]` into `out[i]` (as many as the shorter holds).
pub fn fill_blocks_at(counters: &[Block], key: Key, out: &mut [Block]) {
    for (o, &c) in out.iter_mut().zip(counters) {
        *o = block(c, key);
    }
}
