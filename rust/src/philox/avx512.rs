//! The AVX-512 Philox backend: 48 blocks per step, 8 per vector.
//!
//! Layout: a vector holds eight blocks, one per 64-bit lane, each 32-bit word
//! of the state in the low half of its lane (the high half is don't-care).
//! `vpmuludq` multiplies exactly those low halves into full 64-bit products,
//! so a round is two multiplies, two shifts (the high words) and two
//! three-way XORs (`vpternlogq`) per vector, with no packing or unpacking
//! between rounds. Six independent vectors are in flight per step to cover
//! the multiply → shift → XOR latency of each round.
//!
//! Counters are built in the lanes with 64-bit adds (so the 2^32 carry is
//! free) and a masked add for the carry into words 2–3 (2^64); the high half
//! wraps at 2^128 like [`increment`](super::increment).
//!
//! Output is transposed back to array-of-structs with one shuffle per word
//! pair and two `vpermt2q` per eight blocks. The tail shorter than a step
//! goes eight blocks at a time, the last vector with masked stores.
//!
//! Needs Rust 1.89: AVX-512 intrinsics and `avx512f` as a target feature
//! became stable then. The allow is for as long as Cargo.toml's
//! `rust-version` says less.

#[cfg(target_arch = "x86")]
use std::arch::x86::*;
#[cfg(target_arch = "x86_64")]
use std::arch::x86_64::*;

use super::{portable, to_u128, Block, Key, M0, M1, ROUNDS, W0, W1};

/// Blocks per vector (64-bit lanes of a 512-bit register).
const LANES: usize = 8;
/// Independent vectors per step of the main loop.
const SETS: usize = 6;
/// Blocks per step of the main loop.
pub const STEP: usize = LANES * SETS;

/// Whether this CPU has the AVX-512 subset this backend uses (AVX-512F only).
pub fn is_supported() -> bool {
    is_x86_feature_detected!("avx512f")
}

/// Blocks for `counter`, `counter + 1`, … (128-bit increments) into `out`;
/// equal to [`portable::fill_blocks`]. Falls back to it on CPUs without
/// AVX-512F.
pub fn fill_blocks(counter: Block, key: Key, out: &mut [Block]) {
    if is_supported() {
        // SAFETY: the CPU supports avx512f (checked just above), the only
        // target feature `fill` enables.
        unsafe { fill(counter, key, out) }
    } else {
        portable::fill_blocks(counter, key, out)
    }
}

/// Blocks for `counter + i * stride` (exact 128-bit adds) into `out[i]`;
/// equal to [`portable::fill_blocks_strided`]. Falls back to it on CPUs
/// without AVX-512F.
pub fn fill_blocks_strided(counter: Block, stride: u64, key: Key, out: &mut [Block]) {
    if is_supported() {
        // SAFETY: the CPU supports avx512f (checked just above), the only
        // target feature `fill_strided` enables.
        unsafe { fill_strided(counter, stride, key, out) }
    } else {
        portable::fill_blocks_strided(counter, stride, key, out)
    }
}

/// Blocks for `counters[i]` into `out[i]`; equal to
/// [`portable::fill_blocks_at`]. Falls back to it on CPUs without AVX-512F.
pub fn fill_blocks_at(counters: &[Block], key: Key, out: &mut [Block]) {
    assert_eq!(counters.len(), out.len());
    if is_supported() {
        // SAFETY: the CPU supports avx512f (checked just above), the only
        // target feature `fill_at` enables.
        unsafe { fill_at(counters, key, out) }
    } else {
        portable::fill_blocks_at(counters, key, out)
    }
}

/// One state word per vector, `[x0, x1, x2, x3]`, of eight blocks.
type State = [__m512i; 4];
/// Per-lane 128-bit counter offsets of one vector, `[lo, hi]` u64 halves.
type Offset = [__m512i; 2];
/// Round keys, broadcast: `[k0, k1]` of round `r` at `2r`, `2r + 1`.
type Keys = [__m512i; 2 * ROUNDS];

/// The ten rounds on `$x: &mut [State; N]` under `$keys: &Keys`, in place.
///
/// Unrolled by hand: left to itself the compiler keeps the round loop, and
/// the state rotation then costs register moves. A macro, not a function:
/// the contiguous, strided and gathered fills each run it, and a function
/// with several call sites is not reliably inlined, which would send the
/// state through memory.
macro_rules! rounds {
    ($x:expr, $keys:expr) => {{
        let (x, keys): (&mut [State; _], &Keys) = ($x, $keys);
        const _: () = assert!(ROUNDS == 10);
        rounds!(@ x, keys; 0 1 2 3 4 5 6 7 8 9);
    }};
    (@ $x:ident, $keys:ident; $($r:literal)*) => {$(
        round($x, $keys[2 * $r], $keys[2 * $r + 1]);
    )*};
}

#[target_feature(enable = "avx512f")]
fn fill(counter: Block, key: Key, out: &mut [Block]) {
    let keys = round_keys(key);
    // The counter as two u64 halves in registers. (Kept as a `Block` in
    // memory, each step's reload of the previous step's two 8-byte stores
    // would miss store forwarding and serialise the steps.)
    let mut lo = counter[0] as u64 | (counter[1] as u64) << 32;
    let mut hi = counter[2] as u64 | (counter[3] as u64) << 32;
    // Each of `step::<SETS>`, `step::<1>`, `store` and `store_partial` has
    // one call site, so all inline into these loops.
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
        store_partial(&state, blocks);
        (lo, hi) = advance(lo, hi, LANES);
    }
}

#[target_feature(enable = "avx512f")]
fn fill_strided(counter: Block, stride: u64, key: Key, out: &mut [Block]) {
    let keys = round_keys(key);
    // Lane j of vector s is `(s * LANES + j) * stride` on from the step's
    // counter: below 2^70, so exact as u128 and split into u64 halves.
    let mut offsets = [[_mm512_setzero_si512(); 2]; SETS];
    for (s, offset) in offsets.iter_mut().enumerate() {
        let lane = |j: usize| ((s * LANES + j) as u128) * stride as u128;
        let lo: [u64; LANES] = std::array::from_fn(|j| lane(j) as u64);
        let hi: [u64; LANES] = std::array::from_fn(|j| (lane(j) >> 64) as u64);
        *offset = [from_u64s(lo), from_u64s(hi)];
    }
    let mut c = to_u128(counter);
    let step_stride = STEP as u128 * stride as u128;
    let vector_stride = LANES as u128 * stride as u128;
    // As in `fill`, each of `step_strided::<SETS>`, `step_strided::<1>`,
    // `store` and `store_partial` has one call site here.
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
        store_partial(&state, blocks);
        c = c.wrapping_add(vector_stride);
    }
}

#[target_feature(enable = "avx512f")]
fn fill_at(counters: &[Block], key: Key, out: &mut [Block]) {
    assert_eq!(counters.len(), out.len());
    let keys = round_keys(key);
    let mut steps = out.chunks_exact_mut(STEP);
    let mut inputs = counters.chunks_exact(STEP);
    for (chunk, input) in (&mut steps).zip(&mut inputs) {
        let mut x = [[_mm512_setzero_si512(); 4]; SETS];
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
        let mut x = [load_partial(c)];
        rounds!(&mut x, &keys);
        store_partial(&x[0], blocks);
    }
}

/// Eight u64s as a vector, element 0 in lane 0.
#[inline]
#[target_feature(enable = "avx512f")]
fn from_u64s(v: [u64; LANES]) -> __m512i {
    let v = v.map(|x| x as i64);
    _mm512_setr_epi64(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7])
}

/// The counter `hi:lo` plus `n`, wrapping at 2^128.
#[inline]
fn advance(lo: u64, hi: u64, n: usize) -> (u64, u64) {
    let (lo, carry) = lo.overflowing_add(n as u64);
    (lo, hi.wrapping_add(carry as u64))
}

#[inline]
#[target_feature(enable = "avx512f")]
fn round_keys(key: Key) -> Keys {
    let mut keys = [_mm512_setzero_si512(); 2 * ROUNDS];
    let (mut k0, mut k1) = (key[0], key[1]);
    for r in 0..ROUNDS {
        keys[2 * r] = _mm512_set1_epi32(k0 as i32);
        keys[2 * r + 1] = _mm512_set1_epi32(k1 as i32);
        k0 = k0.wrapping_add(W0);
        k1 = k1.wrapping_add(W1);
    }
    keys
}

/// Philox4x32-10 of the `8 * N` counters from `hi:lo` on.
#[inline]
#[target_feature(enable = "avx512f")]
fn step<const N: usize>(lo: u64, hi: u64, keys: &Keys) -> [State; N] {
    let mut x = [[_mm512_setzero_si512(); 4]; N];
    for (s, state) in x.iter_mut().enumerate() {
        *state = counters(lo, hi, (s * LANES) as u64);
    }
    rounds!(&mut x, keys);
    x
}

/// Philox4x32-10 of the counters `hi:lo + offsets[s]` (lane by lane) for
/// vectors `s = 0..N`.
#[inline]
#[target_feature(enable = "avx512f")]
fn step_strided<const N: usize>(lo: u64, hi: u64, offsets: &[Offset], keys: &Keys) -> [State; N] {
    let mut x = [[_mm512_setzero_si512(); 4]; N];
    for (state, offset) in x.iter_mut().zip(offsets) {
        *state = strided_counters(lo, hi, offset);
    }
    rounds!(&mut x, keys);
    x
}

/// One Philox round on every vector under round keys `k0`, `k1`.
#[inline]
#[target_feature(enable = "avx512f")]
fn round<const N: usize>(x: &mut [State; N], k0: __m512i, k1: __m512i) {
    let m0 = _mm512_set1_epi64(M0 as i64);
    let m1 = _mm512_set1_epi64(M1 as i64);
    for s in x.iter_mut() {
        // Full 64-bit products M0 * x0 and M1 * x2: lo in the low half.
        let p0 = _mm512_mul_epu32(s[0], m0);
        let p1 = _mm512_mul_epu32(s[2], m1);
        // hi(p1) ^ x1 ^ k0 and hi(p0) ^ x3 ^ k1 (0x96: three-way XOR).
        let y0 = _mm512_ternarylogic_epi64::<0x96>(_mm512_srli_epi64::<32>(p1), s[1], k0);
        let y2 = _mm512_ternarylogic_epi64::<0x96>(_mm512_srli_epi64::<32>(p0), s[3], k1);
        *s = [y0, p1, y2, p0];
    }
}

/// The counters `hi:lo + offset + j` for lanes `j = 0..8`, one word per vector.
#[inline]
#[target_feature(enable = "avx512f")]
fn counters(lo: u64, hi: u64, offset: u64) -> State {
    let add = _mm512_add_epi64(
        _mm512_setr_epi64(0, 1, 2, 3, 4, 5, 6, 7),
        _mm512_set1_epi64(offset as i64),
    );
    let l = _mm512_add_epi64(_mm512_set1_epi64(lo as i64), add);
    // lo + add wrapped past 2^64 exactly when the sum is below `add`.
    let carry = _mm512_cmplt_epu64_mask(l, add);
    let h = _mm512_set1_epi64(hi as i64);
    let h = _mm512_mask_add_epi64(h, carry, h, _mm512_set1_epi64(1));
    [l, _mm512_srli_epi64::<32>(l), h, _mm512_srli_epi64::<32>(h)]
}

/// The counters `hi:lo + offset` lane by lane, one word per vector: a 128-bit
/// add of the u64 halves, wrapping at 2^128.
#[inline]
#[target_feature(enable = "avx512f")]
fn strided_counters(lo: u64, hi: u64, offset: &Offset) -> State {
    let l = _mm512_add_epi64(_mm512_set1_epi64(lo as i64), offset[0]);
    // The low halves wrapped past 2^64 exactly when the sum is below the offset.
    let carry = _mm512_cmplt_epu64_mask(l, offset[0]);
    let h = _mm512_add_epi64(_mm512_set1_epi64(hi as i64), offset[1]);
    let h = _mm512_mask_add_epi64(h, carry, h, _mm512_set1_epi64(1));
    [l, _mm512_srli_epi64::<32>(l), h, _mm512_srli_epi64::<32>(h)]
}

/// The state of the eight blocks `c` holds (counters): the inverse of
/// [`transpose`].
#[inline]
#[target_feature(enable = "avx512f")]
fn load(c: &[Block]) -> State {
    assert_eq!(c.len(), LANES);
    let src = c.as_ptr();
    // SAFETY: `c` is 8 readable blocks (128 bytes; length asserted above);
    // the two unaligned 64-byte loads read exactly blocks 0..4 and 4..8.
    let (b0, b1) = unsafe {
        (
            _mm512_loadu_si512(src.cast()),
            _mm512_loadu_si512(src.add(4).cast()),
        )
    };
    untranspose(b0, b1)
}

/// As [`load`] for the first `c.len()` (at most eight) blocks; the other
/// lanes are zero.
#[inline]
#[target_feature(enable = "avx512f")]
fn load_partial(c: &[Block]) -> State {
    let len = c.len();
    assert!(len <= LANES);
    let m0 = ((1u32 << (2 * len.min(4))) - 1) as __mmask8;
    let m1 = ((1u32 << (2 * len.saturating_sub(4))) - 1) as __mmask8;
    let src = c.as_ptr();
    // SAFETY: masked loads read only the lanes whose mask bit is set (and do
    // not fault on the others): the first 2 * len u64 lanes from `src`, i.e.
    // exactly the `len` blocks of `c`. `src.wrapping_add(4)` is used only as
    // a base address; when len <= 4 its mask is empty.
    let (b0, b1) = unsafe {
        (
            _mm512_maskz_loadu_epi64(m0, src.cast()),
            _mm512_maskz_loadu_epi64(m1, src.wrapping_add(4).cast()),
        )
    };
    untranspose(b0, b1)
}

/// Blocks 0–3 in `b0` and 4–7 in `b1` (array-of-structs) as the state.
#[inline]
#[target_feature(enable = "avx512f")]
fn untranspose(b0: __m512i, b1: __m512i) -> State {
    // Each block is two u64s, [w0 | w1 << 32] and [w2 | w3 << 32]: the even
    // u64s of the eight blocks, then the odd ones.
    let even = _mm512_setr_epi64(0, 2, 4, 6, 8, 10, 12, 14);
    let odd = _mm512_setr_epi64(1, 3, 5, 7, 9, 11, 13, 15);
    let x01 = _mm512_permutex2var_epi64(b0, even, b1);
    let x23 = _mm512_permutex2var_epi64(b0, odd, b1);
    [
        x01,
        _mm512_srli_epi64::<32>(x01),
        x23,
        _mm512_srli_epi64::<32>(x23),
    ]
}

/// The eight blocks of `x` as two vectors of four blocks each.
#[inline]
#[target_feature(enable = "avx512f")]
fn transpose(x: &State) -> [__m512i; 2] {
    // Word 1 (resp. 3) into the high half of each lane beside word 0
    // (resp. 2): lanes become [x0, x1] and [x2, x3] pairs.
    let x01 = _mm512_mask_shuffle_epi32::<_MM_PERM_CCAA>(x[0], 0xAAAA, x[1]);
    let x23 = _mm512_mask_shuffle_epi32::<_MM_PERM_CCAA>(x[2], 0xAAAA, x[3]);
    // Interleave the pairs: blocks 0–3, then 4–7.
    let first = _mm512_setr_epi64(0, 8, 1, 9, 2, 10, 3, 11);
    let last = _mm512_setr_epi64(4, 12, 5, 13, 6, 14, 7, 15);
    [
        _mm512_permutex2var_epi64(x01, first, x23),
        _mm512_permutex2var_epi64(x01, last, x23),
    ]
}

/// Writes the eight blocks of `x` to `out`, which holds exactly eight.
#[inline]
#[target_feature(enable = "avx512f")]
fn store(x: &State, out: &mut [Block]) {
    assert_eq!(out.len(), LANES);
    let [b0, b1] = transpose(x);
    let dst = out.as_mut_ptr();
    // SAFETY: `out` is 8 writable blocks (128 bytes; length asserted above);
    // the two unaligned 64-byte stores cover exactly blocks 0..4 and 4..8.
    // `Block` is `[u32; 4]`, plain data with no invalid bit patterns.
    unsafe {
        _mm512_storeu_si512(dst.cast(), b0);
        _mm512_storeu_si512(dst.add(4).cast(), b1);
    }
}

/// Writes the first `out.len()` (at most eight) blocks of `x` to `out`.
#[inline]
#[target_feature(enable = "avx512f")]
fn store_partial(x: &State, out: &mut [Block]) {
    let len = out.len();
    assert!(len <= LANES);
    let [b0, b1] = transpose(x);
    // Two u64 lanes per block: blocks 0..4 from b0, 4..8 from b1.
    let m0 = ((1u32 << (2 * len.min(4))) - 1) as __mmask8;
    let m1 = ((1u32 << (2 * len.saturating_sub(4))) - 1) as __mmask8;
    let dst = out.as_mut_ptr();
    // SAFETY: masked stores write only the lanes whose mask bit is set (and
    // do not fault on the others): the first 2 * len u64 lanes from `dst`,
    // i.e. exactly the `len` blocks of `out`. `dst.wrapping_add(4)` is used
    // only as a base address; when len <= 4 its mask is empty.
    unsafe {
        _mm512_mask_storeu_epi64(dst.cast(), m0, b0);
        _mm512_mask_storeu_epi64(dst.wrapping_add(4).cast(), m1, b1);
    }
}
