//! Philox4x32-10 exactly as TensorFlow's `philox_random.h` uses it.
//!
//! TensorFlow keys the generator with the op's `seed` (a u64 split into two
//! words) and puts `seed2` in counter words 2–3; words 0–1 start at zero.
//! The counter is 128 bits wide and carries across all four words.
//!
//! Block generation goes through [`platform::Platform`], the one dispatch
//! point for the portable and SIMD backends.

pub mod platform;
pub mod portable;

#[cfg(any(target_arch = "x86_64", target_arch = "x86"))]
pub mod avx2;
#[cfg(any(target_arch = "x86_64", target_arch = "x86"))]
pub mod avx512;
#[cfg(target_arch = "aarch64")]
pub mod neon;

pub use platform::Platform;

/// Multipliers and key increments of Philox4x32 (Salmon et al., Random123).
pub const M0: u32 = 0xD251_1F53;
pub const M1: u32 = 0xCD9E_8D57;
pub const W0: u32 = 0x9E37_79B9;
pub const W1: u32 = 0xBB67_AE85;
/// Rounds used by TensorFlow.
pub const ROUNDS: usize = 10;

/// Four 32-bit words: one counter value or one generated block.
pub type Block = [u32; 4];
/// Two 32-bit key words.
pub type Key = [u32; 2];

/// The generator state of one TensorFlow random op: counter and key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PhiloxRandom {
    counter: Block,
    key: Key,
}

impl PhiloxRandom {
    /// TensorFlow's `PhiloxRandom(seed_lo, seed_hi)`: key from `seed`,
    /// counter words 2–3 from `seed2`.
    pub fn new(seed: u64, seed2: u64) -> Self {
        PhiloxRandom {
            counter: [0, 0, seed2 as u32, (seed2 >> 32) as u32],
            key: [seed as u32, (seed >> 32) as u32],
        }
    }

    pub fn from_parts(counter: Block, key: Key) -> Self {
        PhiloxRandom { counter, key }
    }

    pub fn counter(&self) -> Block {
        self.counter
    }

    pub fn key(&self) -> Key {
        self.key
    }

    /// TensorFlow's `Skip(count)`: advance by `count` blocks.
    ///
    /// Mirrors TF's word arithmetic, including how it carries from word 1 into
    /// words 2–3, so states stay identical to TensorFlow's for every count.
    pub fn skip(&mut self, count: u64) {
        let count_lo = count as u32;
        let mut count_hi = (count >> 32) as u32;
        self.counter[0] = self.counter[0].wrapping_add(count_lo);
        if self.counter[0] < count_lo {
            count_hi = count_hi.wrapping_add(1);
        }
        self.counter[1] = self.counter[1].wrapping_add(count_hi);
        if self.counter[1] < count_hi {
            self.counter[2] = self.counter[2].wrapping_add(1);
            if self.counter[2] == 0 {
                self.counter[3] = self.counter[3].wrapping_add(1);
            }
        }
    }

    /// Advance by one block with a full 128-bit carry.
    #[inline]
    pub fn skip_one(&mut self) {
        self.counter = increment(self.counter);
    }

    /// One block from the current counter, then advance (TF's `operator()`).
    #[inline]
    pub fn next_block(&mut self) -> Block {
        let out = portable::block(self.counter, self.key);
        self.skip_one();
        out
    }

    /// Fill `out` with consecutive blocks using the active backend and advance
    /// the counter past them.
    pub fn fill_blocks(&mut self, out: &mut [Block]) {
        self.fill_blocks_with(Platform::active(), out);
    }

    /// As [`fill_blocks`](Self::fill_blocks) on a chosen backend (tests, benches).
    pub fn fill_blocks_with(&mut self, platform: Platform, out: &mut [Block]) {
        platform.fill_blocks(self.counter, self.key, out);
        self.counter = add_blocks(self.counter, out.len() as u64);
    }

    /// Blocks at counters `counter + i * stride` (exact 128-bit adds) into
    /// `out[i]`, on the active backend; the state does not move.
    ///
    /// For TF's per-group regions (group `g` at `skip(g * stride)` from a
    /// base): `skip` equals the 128-bit add whenever the count is below
    /// 2^64 - 2^32 (see [`skip`](Self::skip)), so the strided counters from
    /// the state after `skip(first * stride)` are the groups' region starts as
    /// long as `(first + out.len()) * stride` stays below that, which holds
    /// for every output under 2^55 elements. Callers past it must `skip`.
    pub fn strided_blocks(&self, stride: u64, out: &mut [Block]) {
        self.strided_blocks_with(Platform::active(), stride, out);
    }

    /// As [`strided_blocks`](Self::strided_blocks) on a chosen backend.
    pub fn strided_blocks_with(&self, platform: Platform, stride: u64, out: &mut [Block]) {
        platform.fill_blocks_strided(self.counter, stride, self.key, out);
    }
}

/// The counter as one 128-bit number, word 0 least significant.
#[inline(always)]
pub fn to_u128(c: Block) -> u128 {
    c[0] as u128 | (c[1] as u128) << 32 | (c[2] as u128) << 64 | (c[3] as u128) << 96
}

/// The counter of a 128-bit number, word 0 least significant.
#[inline(always)]
pub fn from_u128(x: u128) -> Block {
    [
        x as u32,
        (x >> 32) as u32,
        (x >> 64) as u32,
        (x >> 96) as u32,
    ]
}

/// The counter `n` on with a true 128-bit add, wrapping at 2^128 (unlike
/// [`PhiloxRandom::skip`], which mirrors TF's word arithmetic).
#[inline(always)]
pub fn add_u128(c: Block, n: u128) -> Block {
    from_u128(to_u128(c).wrapping_add(n))
}

/// The counter after one block: a 128-bit increment.
#[inline(always)]
pub fn increment(c: Block) -> Block {
    let lo = (c[0] as u64 | (c[1] as u64) << 32).wrapping_add(1);
    let mut out = [lo as u32, (lo >> 32) as u32, c[2], c[3]];
    if lo == 0 {
        let hi = (c[2] as u64 | (c[3] as u64) << 32).wrapping_add(1);
        out[2] = hi as u32;
        out[3] = (hi >> 32) as u32;
    }
    out
}

/// The counter `n` blocks on, as repeated [`increment`]s would give (128-bit add).
#[inline]
pub fn add_blocks(c: Block, n: u64) -> Block {
    let lo = c[0] as u64 | (c[1] as u64) << 32;
    let (sum, carry) = lo.overflowing_add(n);
    let mut hi = c[2] as u64 | (c[3] as u64) << 32;
    if carry {
        hi = hi.wrapping_add(1);
    }
    [sum as u32, (sum >> 32) as u32, hi as u32, (hi >> 32) as u32]
}

#[cfg(test)]
mod backend_tests;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random123_known_answers() {
        // Known-answer vectors of Philox4x32-10 from Random123's kat_vectors.
        let cases: [(Block, Key, Block); 3] = [
            (
                [0, 0, 0, 0],
                [0, 0],
                [0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8],
            ),
            (
                [0xffffffff; 4],
                [0xffffffff; 2],
                [0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd],
            ),
            (
                [0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344],
                [0xa4093822, 0x299f31d0],
                [0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1],
            ),
        ];
        for (ctr, key, want) in cases {
            assert_eq!(portable::block(ctr, key), want);
            for p in Platform::available() {
                let mut out = [[0u32; 4]; 1];
                p.fill_blocks(ctr, key, &mut out);
                assert_eq!(out[0], want, "backend {p:?}");
            }
        }
    }

    #[test]
    fn seeds_map_to_key_and_counter() {
        let g = PhiloxRandom::new(0x1122_3344_5566_7788, 0x99aa_bbcc_ddee_ff00);
        assert_eq!(g.key(), [0x5566_7788, 0x1122_3344]);
        assert_eq!(g.counter(), [0, 0, 0xddee_ff00, 0x99aa_bbcc]);
    }

    #[test]
    fn skip_one_carries_through_all_words() {
        let mut g = PhiloxRandom::from_parts([u32::MAX, u32::MAX, u32::MAX, 7], [1, 2]);
        g.skip_one();
        assert_eq!(g.counter(), [0, 0, 0, 8]);
        let mut g = PhiloxRandom::from_parts([u32::MAX, 3, 5, 7], [1, 2]);
        g.skip_one();
        assert_eq!(g.counter(), [0, 4, 5, 7]);
    }

    #[test]
    fn skip_matches_repeated_skip_one() {
        for start in [
            [0u32, 0, 0, 0],
            [u32::MAX - 3, 0, 9, 9],
            [u32::MAX - 1, u32::MAX, u32::MAX, 1],
            [5, u32::MAX, u32::MAX, u32::MAX],
        ] {
            for n in [0u64, 1, 2, 3, 7, 300] {
                let mut a = PhiloxRandom::from_parts(start, [0, 0]);
                let mut b = a;
                a.skip(n);
                for _ in 0..n {
                    b.skip_one();
                }
                assert_eq!(a, b, "start {start:?} n {n}");
                assert_eq!(add_blocks(start, n), b.counter());
            }
        }
    }

    #[test]
    fn skip_large_counts_carry_into_high_words() {
        let mut g = PhiloxRandom::from_parts([10, u32::MAX, 0, 0], [0, 0]);
        g.skip(1 << 32);
        assert_eq!(g.counter(), [10, 0, 1, 0]);
        // TF's word arithmetic drops this one carry (count_hi wraps to 0 when
        // word 0 carries); a true 128-bit add would give [0, 0, 0, 1].
        let mut g = PhiloxRandom::from_parts([u32::MAX, 0, u32::MAX, 0], [0, 0]);
        g.skip((u32::MAX as u64) << 32 | 1);
        assert_eq!(g.counter(), [0, 0, u32::MAX, 0]);
    }

    #[test]
    fn u128_counters_round_trip_and_wrap() {
        let c = [1, 2, 3, 4];
        assert_eq!(to_u128(c), 4u128 << 96 | 3u128 << 64 | 2u128 << 32 | 1);
        assert_eq!(from_u128(to_u128(c)), c);
        assert_eq!(add_u128([u32::MAX; 4], 2), [1, 0, 0, 0]);
        assert_eq!(add_u128([u32::MAX, u32::MAX, 0, 0], 1), [0, 0, 1, 0]);
        for n in [0u64, 1, 7, 1 << 32, u64::MAX] {
            let c = [u32::MAX - 2, u32::MAX, 5, 6];
            assert_eq!(add_u128(c, n as u128), add_blocks(c, n));
        }
    }

    #[test]
    fn skip_is_the_128_bit_add_below_the_quirk() {
        // TF's `skip` loses one carry only for counts >= 2^64 - 2^32; below
        // that it is the 128-bit add that strided fills use.
        let limit = u64::MAX - u32::MAX as u64;
        for start in [
            [u32::MAX, u32::MAX, u32::MAX, 3],
            [u32::MAX, 0, 9, 9],
            [7, 8, 9, 10],
        ] {
            for n in [1u64, 256, 1 << 32, (1 << 32) - 1, limit - 1, limit - 256] {
                let mut g = PhiloxRandom::from_parts(start, [0, 0]);
                g.skip(n);
                assert_eq!(
                    g.counter(),
                    add_u128(start, n as u128),
                    "start {start:?} n {n}"
                );
            }
        }
    }

    #[test]
    fn strided_blocks_are_blocks_at_strided_counters() {
        let g = PhiloxRandom::from_parts([u32::MAX - 300, u32::MAX, u32::MAX, u32::MAX], [3, 4]);
        for stride in [0u64, 1, 128, 256, u64::MAX] {
            let mut out = [[0u32; 4]; 50];
            g.strided_blocks(stride, &mut out);
            for (i, b) in out.iter().enumerate() {
                let c = add_u128(g.counter(), i as u128 * stride as u128);
                assert_eq!(*b, portable::block(c, g.key()), "stride {stride} block {i}");
            }
        }
    }

    #[test]
    fn next_block_advances() {
        let mut g = PhiloxRandom::new(7, 9);
        let first = g.next_block();
        let second = g.next_block();
        assert_ne!(first, second);
        let mut h = PhiloxRandom::new(7, 9);
        let mut out = [[0u32; 4]; 2];
        h.fill_blocks(&mut out);
        assert_eq!(out, [first, second]);
        assert_eq!(g, h);
    }
}
