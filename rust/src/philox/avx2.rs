//! The AVX2 Philox backend: 32 blocks per step, 8 per vector.
//!
//! Layout: a `__m256i` holds one state word of eight blocks, one per 32-bit
//! lane. `vpmuludq` multiplies the even lanes into 64-bit products; the odd
//! lanes are swapped down (`vpshufd`) and multiplied the same way, and two
//! blends put the high and the low words of the eight products back in lane
//! order. Four independent vectors are in flight per step to cover the
//! latency of each round. (The AVX-512 backend's layout, one block per 64-bit
//! lane, needs no blends but twice the registers, and AVX2 has only 16: it
//! measured slower here.)
//!
//! Counters are built in the lanes with 32-bit adds and an explicit carry
//! ripple through all four words, so the 2^32, 2^64 and 2^128 boundaries
//! behave like [`increment`](super::increment).
//!
//! Output is transposed back to array-of-structs with unpacks and lane
//! permutes; the tail shorter than a step goes eight blocks at a time, the
//! last vector with masked stores.

#[cfg(target_arch = "x86")]
use std::arch::x86::*;
#[cfg(target_arch = "x86_64")]
use std::arch::x86_64::*;

use super::{portable, to_u128, Block, Key, M0, M1, ROUNDS, W0, W1};

/// Blocks per vector (32-bit lanes of a 256-bit register).
const LANES: usize = 8;
/// Independent vectors per step of the main loop.
const SETS: usize = 4;
/// Blocks per step of the main loop.
pub const STEP: usize = LANES * SETS;

/// Whether this CPU has AVX2.
pub fn is_supported() -> bool {
    is_x86_feature_detected!("avx2")
}

/// Blocks for `counter`, `counter + 1`, … (128-bit increments) into `out`;
/// equal to [`portable::fill_blocks`]. Falls back to it on CPUs without AVX2.
pub fn fill_blocks(counter: Block, key: Key, out: &mut [Block]) {
    if is_supported() {
        // SAFETY: the CPU supports avx2 (checked just above), the only
        // target feature `fill` enables.
        unsafe { fill(counter, key, out) }
    } else {
        portable::fill_blocks(counter, key, out)
    }
}

/// Blocks for `counter + i * stride` (exact 128-bit adds) into `out[i]`;
/// equal to [`portable::fill_blocks_strided`]. Falls back to it on CPUs
/// without AVX2.
pub fn fill_blocks_strided(counter: Block, stride: u64, key: Key, out: &mut [Block]) {
    if is_supported() {
        // SAFETY: the CPU supports avx2 (checked just above), the only
        // target feature `fill_strided` enables.
        unsafe { fill_strided(counter, stride, key, out) }
    } else {
        portable::fill_blocks_strided(counter, stride, key, out)
    }
}

/// Blocks for `counters[i]` into `out[i]`; equal to
/// [`portable::fill_blocks_at`]. Falls back to it on CPUs without AVX2.
pub fn fill_blocks_at(counters: &[Block], key: Key, out: &mut [Block]) {
    assert_eq!(counters.len(), out.len());
    if is_supported() {
        // SAFETY: the CPU supports avx2 (checked just above), the only
        // target feature `fill_at` enables.
        unsafe { fill_at(counters, key, out) }
    } else {
        portable::fill_blocks_at(counters, key, out)
    }
}

/// One state word per vector, `[x0, x1, x2, x3]`, of eight blocks.
type State = [__m256i; 4];
/// Per-lane 128-bit counter offsets of one vector, one word per vector.
type Offset = [__m256i; 4];
/// Round keys, broadcast: `[k0, k1]` of round `r` at `2r`, `2r + 1`.
type Keys = [__m256i; 2 * ROUNDS];

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

#[target_feature(enable = "avx2")]
fn fill(counter: Block, key: Key, out: &mut [Block]) {
    let keys = round_keys(key);
    // The counter as two u64 halves in registers (see the AVX-512 backend:
    // a `Block` in memory would serialise the steps on store forwarding).
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

#[target_feature(enable = "avx2")]
fn fill_strided(counter: Block, stride: u64, key: Key, out: &mut [Block]) {
    let keys = round_keys(key);
    // Lane j of vector s is `(s * LANES + j) * stride` on from the step's
    // counter: below 2^69, so exact as u128, split into four words.
    let mut offsets = [[_mm256_setzero_si256(); 4]; SETS];
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

#[target_feature(enable = "avx2")]
fn fill_at(counters: &[Block], key: Key, out: &mut [Block]) {
    assert_eq!(counters.len(), out.len());
    let keys = round_keys(key);
    let mut steps = out.chunks_exact_mut(STEP);
    let mut inputs = counters.chunks_exact(STEP);
    for (chunk, input) in (&mut steps).zip(&mut inputs) {
        let mut x = [[_mm256_setzero_si256(); 4]; SETS];
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

/// Eight u32s as a vector, element 0 in lane 0.
#[inline]
#[target_feature(enable = "avx2")]
fn from_u32s(v: [u32; LANES]) -> __m256i {
    let v = v.map(|x| x as i32);
    _mm256_setr_epi32(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7])
}

/// The counter `hi:lo` plus `n`, wrapping at 2^128.
#[inline]
fn advance(lo: u64, hi: u64, n: usize) -> (u64, u64) {
    let (lo, carry) = lo.overflowing_add(n as u64);
    (lo, hi.wrapping_add(carry as u64))
}

#[inline]
#[target_feature(enable = "avx2")]
fn round_keys(key: Key) -> Keys {
    let mut keys = [_mm256_setzero_si256(); 2 * ROUNDS];
    let (mut k0, mut k1) = (key[0], key[1]);
    for r in 0..ROUNDS {
        keys[2 * r] = _mm256_set1_epi32(k0 as i32);
        keys[2 * r + 1] = _mm256_set1_epi32(k1 as i32);
        k0 = k0.wrapping_add(W0);
        k1 = k1.wrapping_add(W1);
    }
    keys
}

/// Philox4x32-10 of the `8 * N` counters from `hi:lo` on.
#[inline]
#[target_feature(enable = "avx2")]
fn step<const N: usize>(lo: u64, hi: u64, keys: &Keys) -> [State; N] {
    let mut x = [[_mm256_setzero_si256(); 4]; N];
    for (s, state) in x.iter_mut().enumerate() {
        *state = counters(lo, hi, (s * LANES) as u64);
    }
    rounds!(&mut x, keys);
    x
}

/// Philox4x32-10 of the counters `hi:lo + offsets[s]` (lane by lane) for
/// vectors `s = 0..N`.
#[inline]
#[target_feature(enable = "avx2")]
fn step_strided<const N: usize>(lo: u64, hi: u64, offsets: &[Offset], keys: &Keys) -> [State; N] {
    let mut x = [[_mm256_setzero_si256(); 4]; N];
    for (state, offset) in x.iter_mut().zip(offsets) {
        *state = strided_counters(lo, hi, offset);
    }
    rounds!(&mut x, keys);
    x
}

/// One Philox round on every vector under round keys `k0`, `k1`.
#[inline]
#[target_feature(enable = "avx2")]
fn round<const N: usize>(x: &mut [State; N], k0: __m256i, k1: __m256i) {
    let m0 = _mm256_set1_epi32(M0 as i32);
    let m1 = _mm256_set1_epi32(M1 as i32);
    for s in x.iter_mut() {
        let (hi0, lo0) = mulhilo(s[0], m0);
        let (hi1, lo1) = mulhilo(s[2], m1);
        let y0 = _mm256_xor_si256(_mm256_xor_si256(hi1, s[1]), k0);
        let y2 = _mm256_xor_si256(_mm256_xor_si256(hi0, s[3]), k1);
        *s = [y0, lo1, y2, lo0];
    }
}

/// Swaps the two 32-bit halves of every 64-bit lane.
#[inline]
#[target_feature(enable = "avx2")]
fn swap_halves(x: __m256i) -> __m256i {
    // 0xB1 = lanes (1, 0, 3, 2).
    _mm256_shuffle_epi32::<0xB1>(x)
}

/// High and low words of `x * m`, lane by lane (`m` the same in every lane).
#[inline]
#[target_feature(enable = "avx2")]
fn mulhilo(x: __m256i, m: __m256i) -> (__m256i, __m256i) {
    // Products of the even lanes and of the odd ones, as [lo, hi] pairs.
    let even = _mm256_mul_epu32(x, m);
    let odd = _mm256_mul_epu32(swap_halves(x), m);
    // 0xAA: odd lanes from the second operand.
    let hi = _mm256_blend_epi32::<0xAA>(swap_halves(even), odd);
    let lo = _mm256_blend_epi32::<0xAA>(even, swap_halves(odd));
    (hi, lo)
}

/// The counters `hi:lo + offset + j` for lanes `j = 0..8`, one word per vector.
#[inline]
#[target_feature(enable = "avx2")]
fn counters(lo: u64, hi: u64, offset: u64) -> State {
    let add = _mm256_add_epi32(
        _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7),
        _mm256_set1_epi32(offset as i32),
    );
    // Each word carries into the next: the sum wrapped exactly when it is
    // below what was added (unsigned: max(w0, add) != w0); a carry is an
    // all-ones lane, so subtracting it adds one, and the next word wraps
    // exactly when it became zero.
    let zero = _mm256_setzero_si256();
    let w0 = _mm256_add_epi32(_mm256_set1_epi32(lo as i32), add);
    let no_carry = _mm256_cmpeq_epi32(_mm256_max_epu32(w0, add), w0);
    let c1 = _mm256_xor_si256(no_carry, _mm256_set1_epi32(-1));
    let w1 = _mm256_sub_epi32(_mm256_set1_epi32((lo >> 32) as i32), c1);
    let c2 = _mm256_and_si256(c1, _mm256_cmpeq_epi32(w1, zero));
    let w2 = _mm256_sub_epi32(_mm256_set1_epi32(hi as i32), c2);
    let c3 = _mm256_and_si256(c2, _mm256_cmpeq_epi32(w2, zero));
    let w3 = _mm256_sub_epi32(_mm256_set1_epi32((hi >> 32) as i32), c3);
    [w0, w1, w2, w3]
}

/// Lane by lane, all ones where `a < b` as unsigned, else zero.
#[inline]
#[target_feature(enable = "avx2")]
fn lt_epu32(a: __m256i, b: __m256i) -> __m256i {
    // a >= b exactly when max(a, b) == a.
    let ge = _mm256_cmpeq_epi32(_mm256_max_epu32(a, b), a);
    _mm256_xor_si256(ge, _mm256_set1_epi32(-1))
}

/// The counters `hi:lo + offset` lane by lane, one word per vector: a 128-bit
/// add word by word with the carries rippled through, wrapping at 2^128.
#[inline]
#[target_feature(enable = "avx2")]
fn strided_counters(lo: u64, hi: u64, offset: &Offset) -> State {
    let base = [lo as u32, (lo >> 32) as u32, hi as u32, (hi >> 32) as u32];
    let zero = _mm256_setzero_si256();
    let mut w = [zero; 4];
    // The carry into the current word: all ones (-1) or zero.
    let mut carry = zero;
    for ((word, &b), &o) in w.iter_mut().zip(&base).zip(offset) {
        let t = _mm256_add_epi32(_mm256_set1_epi32(b as i32), o);
        // Subtracting an all-ones carry adds one.
        *word = _mm256_sub_epi32(t, carry);
        // Out of this word: the add wrapped (t below the offset), or the
        // carry in wrapped t = 2^32 - 1 to zero. (Never both: a wrapped t
        // is at most 2^32 - 2.)
        carry = _mm256_or_si256(
            lt_epu32(t, o),
            _mm256_and_si256(carry, _mm256_cmpeq_epi32(*word, zero)),
        );
    }
    w
}

/// The eight blocks of `x` as four vectors of two blocks each, in order.
#[inline]
#[target_feature(enable = "avx2")]
fn transpose(x: &State) -> [__m256i; 4] {
    // 128-bit halves: [x0_0 x1_0 x0_1 x1_1 | x0_4 x1_4 x0_5 x1_5], …
    let t0 = _mm256_unpacklo_epi32(x[0], x[1]);
    let t1 = _mm256_unpackhi_epi32(x[0], x[1]);
    let t2 = _mm256_unpacklo_epi32(x[2], x[3]);
    let t3 = _mm256_unpackhi_epi32(x[2], x[3]);
    // Whole blocks: [0 | 4], [1 | 5], [2 | 6], [3 | 7].
    let u0 = _mm256_unpacklo_epi64(t0, t2);
    let u1 = _mm256_unpackhi_epi64(t0, t2);
    let u2 = _mm256_unpacklo_epi64(t1, t3);
    let u3 = _mm256_unpackhi_epi64(t1, t3);
    [
        _mm256_permute2x128_si256::<0x20>(u0, u1),
        _mm256_permute2x128_si256::<0x20>(u2, u3),
        _mm256_permute2x128_si256::<0x31>(u0, u1),
        _mm256_permute2x128_si256::<0x31>(u2, u3),
    ]
}

/// The state of the eight blocks `c` holds (counters): the inverse of
/// [`transpose`].
#[inline]
#[target_feature(enable = "avx2")]
fn load(c: &[Block]) -> State {
    assert_eq!(c.len(), LANES);
    let src = c.as_ptr();
    let mut v = [_mm256_setzero_si256(); 4];
    for (k, v) in v.iter_mut().enumerate() {
        // SAFETY: `c` is 8 readable blocks (128 bytes; length asserted
        // above); load k (k < 4) reads 32 bytes, blocks 2k and 2k + 1.
        *v = unsafe { _mm256_loadu_si256(src.add(2 * k).cast()) };
    }
    untranspose(v)
}

/// As [`load`] for the first `c.len()` (at most eight) blocks; the other
/// lanes are zero.
#[inline]
#[target_feature(enable = "avx2")]
fn load_partial(c: &[Block]) -> State {
    let len = c.len();
    assert!(len <= LANES);
    let src = c.as_ptr();
    let lane = _mm256_setr_epi64x(0, 1, 2, 3);
    let mut v = [_mm256_setzero_si256(); 4];
    for (k, v) in v.iter_mut().enumerate() {
        // Vector k holds blocks 2k, 2k + 1, two u64 lanes each: u64 lane j
        // is read when 4k + j < 2 * len.
        let limit = _mm256_set1_epi64x(2 * len as i64 - 4 * k as i64);
        let mask = _mm256_cmpgt_epi64(limit, lane);
        // SAFETY: masked loads read only the lanes whose mask is set (and do
        // not fault on the others): u64s 4k + j < 2 * len from `src`, i.e.
        // within the `len` blocks of `c`. `src.wrapping_add(2 * k)` is used
        // only as a base address; its mask is empty when 2k >= len.
        *v = unsafe { _mm256_maskload_epi64(src.wrapping_add(2 * k).cast(), mask) };
    }
    untranspose(v)
}

/// Blocks `[2k | 2k + 1]` in `v[k]` (array-of-structs) as the state.
#[inline]
#[target_feature(enable = "avx2")]
fn untranspose(v: [__m256i; 4]) -> State {
    // Blocks [0 | 4], [1 | 5], [2 | 6], [3 | 7].
    let u0 = _mm256_permute2x128_si256::<0x20>(v[0], v[2]);
    let u1 = _mm256_permute2x128_si256::<0x31>(v[0], v[2]);
    let u2 = _mm256_permute2x128_si256::<0x20>(v[1], v[3]);
    let u3 = _mm256_permute2x128_si256::<0x31>(v[1], v[3]);
    // A 4 × 4 transpose in each 128-bit half.
    let t0 = _mm256_unpacklo_epi32(u0, u1);
    let t1 = _mm256_unpackhi_epi32(u0, u1);
    let t2 = _mm256_unpacklo_epi32(u2, u3);
    let t3 = _mm256_unpackhi_epi32(u2, u3);
    [
        _mm256_unpacklo_epi64(t0, t2),
        _mm256_unpackhi_epi64(t0, t2),
        _mm256_unpacklo_epi64(t1, t3),
        _mm256_unpackhi_epi64(t1, t3),
    ]
}

/// Writes the eight blocks of `x` to `out`, which holds exactly eight.
#[inline]
#[target_feature(enable = "avx2")]
fn store(x: &State, out: &mut [Block]) {
    assert_eq!(out.len(), LANES);
    let dst = out.as_mut_ptr();
    for (k, v) in transpose(x).into_iter().enumerate() {
        // SAFETY: `out` is 8 writable blocks (128 bytes; length asserted
        // above); store k (k < 4) writes 32 bytes, blocks 2k and 2k + 1.
        // `Block` is `[u32; 4]`, plain data with no invalid bit patterns.
        unsafe { _mm256_storeu_si256(dst.add(2 * k).cast(), v) }
    }
}

/// Writes the first `out.len()` (at most eight) blocks of `x` to `out`.
#[inline]
#[target_feature(enable = "avx2")]
fn store_partial(x: &State, out: &mut [Block]) {
    let len = out.len();
    assert!(len <= LANES);
    let dst = out.as_mut_ptr();
    let lane = _mm256_setr_epi64x(0, 1, 2, 3);
    for (k, v) in transpose(x).into_iter().enumerate() {
        // Vector k holds blocks 2k, 2k + 1, two u64 lanes each: u64 lane j
        // is written when 4k + j < 2 * len.
        let limit = _mm256_set1_epi64x(2 * len as i64 - 4 * k as i64);
        let mask = _mm256_cmpgt_epi64(limit, lane);
        // SAFETY: masked stores write only the lanes whose mask is set (and
        // do not fault on the others): u64s 4k + j < 2 * len from `dst`,
        // i.e. within the `len` blocks of `out`. `dst.wrapping_add(2 * k)`
        // is used only as a base address; its mask is empty when 2k >= len.
        unsafe { _mm256_maskstore_epi64(dst.wrapping_add(2 * k).cast(), mask, v) }
    }
}
