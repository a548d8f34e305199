//! Every backend this CPU supports must equal the portable one, bit for bit.

use super::{add_blocks, add_u128, from_u128, portable, to_u128, Block, Key, Platform};

/// splitmix64: a small deterministic source of test keys and counters.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn block(&mut self) -> Block {
        let (a, b) = (self.next(), self.next());
        [a as u32, (a >> 32) as u32, b as u32, (b >> 32) as u32]
    }

    fn key(&mut self) -> Key {
        let a = self.next();
        [a as u32, (a >> 32) as u32]
    }
}

fn simd_backends() -> Vec<Platform> {
    Platform::available()
        .into_iter()
        .filter(|&p| p != Platform::Portable)
        .collect()
}

/// Compares every SIMD backend with portable on `len` blocks from `counter`.
fn check(counter: Block, key: Key, len: usize) {
    let mut want = vec![[0u32; 4]; len];
    portable::fill_blocks(counter, key, &mut want);
    const POISON: Block = [0xDEAD_BEEF; 4];
    const GUARD: usize = 17;
    for p in simd_backends() {
        // Poisoned output, so a block a backend forgets to write shows up,
        // and poisoned blocks past the end, which it must not write.
        let mut got = vec![POISON; len + GUARD];
        p.fill_blocks(counter, key, &mut got[..len]);
        assert!(
            got[len..].iter().all(|&b| b == POISON),
            "{p:?} wrote past the end of {len} blocks: counter {counter:08x?}"
        );
        if let Some(i) = (0..len).find(|&i| got[i] != want[i]) {
            panic!(
                "{p:?} differs from portable at block {i} of {len}: counter {counter:08x?} \
                 key {key:08x?}: got {:08x?}, want {:08x?}",
                got[i], want[i]
            );
        }
    }
}

/// Output lengths: every one up to 64, then some longer, odd ones.
fn lengths() -> impl Iterator<Item = usize> {
    (0..=64).chain([
        65, 95, 96, 97, 127, 128, 129, 143, 144, 145, 255, 1000, 1023, 4099,
    ])
}

#[test]
fn reports_which_backends_run() {
    // Not an assertion: shows in `cargo test -- --nocapture` what was compared.
    eprintln!(
        "philox backends compared with portable: {:?}",
        simd_backends()
    );
}

#[test]
fn random_counters_and_keys_every_length() {
    let mut rng = SplitMix(0x5EED_0001);
    for len in lengths() {
        for _ in 0..4 {
            check(rng.block(), rng.key(), len);
        }
    }
}

#[test]
fn counters_across_the_2_pow_32_carry() {
    let mut rng = SplitMix(0x5EED_0002);
    for len in lengths() {
        for w0 in [
            0xFFFF_FFF0u32,
            0xFFFF_FFFD,
            0xFFFF_FFFF,
            u32::MAX - len as u32,
        ] {
            let [_, w1, w2, w3] = rng.block();
            check([w0, w1, w2, w3], rng.key(), len);
        }
    }
}

#[test]
fn counters_across_the_2_pow_64_carry() {
    let mut rng = SplitMix(0x5EED_0003);
    for len in lengths() {
        for w0 in [0xFFFF_FFF0u32, 0xFFFF_FFF8, 0xFFFF_FFFE, 0xFFFF_FFFF, 0] {
            let [_, _, w2, w3] = rng.block();
            check([w0, u32::MAX, w2, w3], rng.key(), len);
            // Word 2 carrying into word 3 as well.
            check([w0, u32::MAX, u32::MAX, w3], rng.key(), len);
        }
    }
}

#[test]
fn counters_across_the_2_pow_128_wrap() {
    let mut rng = SplitMix(0x5EED_0004);
    for len in lengths() {
        for w0 in [0xFFFF_FFF0u32, 0xFFFF_FFF9, 0xFFFF_FFFF] {
            check([w0, u32::MAX, u32::MAX, u32::MAX], rng.key(), len);
        }
    }
}

#[test]
fn starting_offsets_not_aligned_to_the_vector_width() {
    // A long run split at every offset up to 40 must equal the run in one go,
    // and the one in one go must equal portable.
    let mut rng = SplitMix(0x5EED_0005);
    let key = rng.key();
    for counter in [rng.block(), [0xFFFF_FFE0, u32::MAX, 3, 4]] {
        let mut want = vec![[0u32; 4]; 200];
        portable::fill_blocks(counter, key, &mut want);
        for p in simd_backends() {
            for split in 0..=40 {
                let mut got = vec![[0u32; 4]; 200];
                let (a, b) = got.split_at_mut(split);
                p.fill_blocks(counter, key, a);
                p.fill_blocks(add_blocks(counter, split as u64), key, b);
                assert_eq!(got, want, "{p:?} split at {split}, counter {counter:08x?}");
            }
        }
    }
}

#[test]
fn large_fill_equals_portable() {
    let mut rng = SplitMix(0x5EED_0006);
    check(rng.block(), rng.key(), (1 << 16) + 7);
    // Crossing 2^32 mid-way through a long run.
    check([u32::MAX - 30_000, 0, 1, 2], rng.key(), 1 << 16);
}

// ---------------------------------------------------------------- strided

/// Compares every backend (portable included) with blocks computed one by one
/// at `counter + i * stride` (a u128 add) on `len` blocks.
fn check_strided(counter: Block, stride: u64, key: Key, len: usize) {
    let want: Vec<Block> = (0..len)
        .map(|i| {
            let c = to_u128(counter).wrapping_add(i as u128 * stride as u128);
            portable::block(from_u128(c), key)
        })
        .collect();
    const POISON: Block = [0xDEAD_BEEF; 4];
    const GUARD: usize = 17;
    for p in Platform::available() {
        let mut got = vec![POISON; len + GUARD];
        p.fill_blocks_strided(counter, stride, key, &mut got[..len]);
        assert!(
            got[len..].iter().all(|&b| b == POISON),
            "{p:?} wrote past the end of {len} strided blocks: counter {counter:08x?} stride {stride}"
        );
        if let Some(i) = (0..len).find(|&i| got[i] != want[i]) {
            panic!(
                "{p:?} strided differs at block {i} of {len}: counter {counter:08x?} \
                 stride {stride:#x} key {key:08x?}: got {:08x?}, want {:08x?}",
                got[i], want[i]
            );
        }
    }
}

/// Strides: TF's group regions (128, 256), the contiguous case, zero, and
/// ones that carry between words or wrap the low half on every step.
const STRIDES: [u64; 14] = [
    0,
    1,
    2,
    3,
    128,
    256,
    1 << 31,
    (1 << 32) - 1,
    1 << 32,
    (1 << 32) + 1,
    1 << 63,
    u64::MAX - (1 << 32),
    u64::MAX - 1,
    u64::MAX,
];

#[test]
fn strided_random_counters_keys_and_strides_every_length() {
    let mut rng = SplitMix(0x5EED_0101);
    for len in lengths() {
        for &stride in &STRIDES {
            check_strided(rng.block(), stride, rng.key(), len);
        }
        // Random strides, small and of every magnitude.
        check_strided(rng.block(), rng.next() % 1000, rng.key(), len);
        check_strided(rng.block(), rng.next() >> (rng.next() % 64), rng.key(), len);
    }
}

#[test]
fn strided_counters_near_the_carries() {
    let mut rng = SplitMix(0x5EED_0102);
    for len in (0..=64).chain([97, 145, 300]) {
        for &stride in &STRIDES {
            let [_, w1, w2, w3] = rng.block();
            let key = rng.key();
            // 2^32: word 0 about to carry into word 1.
            check_strided([u32::MAX - 5, w1, w2, w3], stride, key, len);
            // 2^64: words 0-1 about to carry into word 2 (and 3).
            check_strided([u32::MAX - 200, u32::MAX, w2, w3], stride, key, len);
            check_strided([u32::MAX, u32::MAX, u32::MAX, w3], stride, key, len);
            // 2^128: the whole counter about to wrap.
            check_strided(
                [u32::MAX - 300, u32::MAX, u32::MAX, u32::MAX],
                stride,
                key,
                len,
            );
            check_strided([u32::MAX; 4], stride, key, len);
            // Word 1 full but word 0 far from carrying: a large stride's low
            // word carries into it.
            check_strided([7, u32::MAX, u32::MAX, w3], stride, key, len);
        }
    }
}

#[test]
fn strided_with_stride_one_is_contiguous() {
    let mut rng = SplitMix(0x5EED_0103);
    for len in lengths() {
        let (counter, key) = (rng.block(), rng.key());
        let mut want = vec![[0u32; 4]; len];
        portable::fill_blocks(counter, key, &mut want);
        for p in Platform::available() {
            let mut got = vec![[0u32; 4]; len];
            p.fill_blocks_strided(counter, 1, key, &mut got);
            assert_eq!(got, want, "{p:?} stride 1, {len} blocks");
        }
    }
}

#[test]
fn strided_splits_anywhere() {
    // Splitting a strided run at any point and restarting at the split
    // counter gives the run in one go.
    let mut rng = SplitMix(0x5EED_0104);
    let key = rng.key();
    for (counter, stride) in [
        (rng.block(), 256u64),
        ([0xFFFF_0000, u32::MAX, u32::MAX, u32::MAX], 0x1_0000_0001),
    ] {
        for p in Platform::available() {
            let mut want = vec![[0u32; 4]; 150];
            p.fill_blocks_strided(counter, stride, key, &mut want);
            for split in 0..=60 {
                let mut got = vec![[0u32; 4]; 150];
                let (a, b) = got.split_at_mut(split);
                p.fill_blocks_strided(counter, stride, key, a);
                let restart = add_u128(counter, split as u128 * stride as u128);
                p.fill_blocks_strided(restart, stride, key, b);
                assert_eq!(got, want, "{p:?} split at {split}, stride {stride}");
            }
        }
    }
}

#[test]
fn large_strided_fill_equals_blocks_one_by_one() {
    let mut rng = SplitMix(0x5EED_0105);
    check_strided(rng.block(), 256, rng.key(), (1 << 14) + 5);
    // TF's regions from a counter whose low words carry part-way through.
    check_strided([0, u32::MAX - 3, u32::MAX, 2], 128, rng.key(), 1 << 14);
    check_strided(rng.block(), rng.next(), rng.key(), 5000);
}

// ---------------------------------------------------------------- gathered

#[test]
fn blocks_at_arbitrary_counters_every_length() {
    let mut rng = SplitMix(0x5EED_0201);
    const POISON: Block = [0xDEAD_BEEF; 4];
    for len in lengths() {
        let key = rng.key();
        // Random counters, with some at the carry boundaries mixed in.
        let counters: Vec<Block> = (0..len)
            .map(|i| match i % 5 {
                0 => [u32::MAX; 4],
                1 => [u32::MAX, u32::MAX, rng.next() as u32, 0],
                _ => rng.block(),
            })
            .collect();
        let want: Vec<Block> = counters.iter().map(|&c| portable::block(c, key)).collect();
        for p in Platform::available() {
            let mut got = vec![POISON; len + 17];
            p.fill_blocks_at(&counters, key, &mut got[..len]);
            assert!(
                got[len..].iter().all(|&b| b == POISON),
                "{p:?} wrote past the end of {len} gathered blocks"
            );
            assert_eq!(&got[..len], &want[..], "{p:?} gathered, {len} blocks");
        }
    }
}

#[test]
fn blocks_at_from_within_a_longer_slice() {
    // Counters from the middle of a longer slice, at every tail length.
    let mut rng = SplitMix(0x5EED_0202);
    let key = rng.key();
    let all: Vec<Block> = (0..200).map(|_| rng.block()).collect();
    for p in Platform::available() {
        for (start, len) in [
            (1, 0),
            (3, 1),
            (5, 7),
            (9, 8),
            (17, 9),
            (20, 47),
            (31, 49),
            (7, 150),
        ] {
            let counters = &all[start..start + len];
            let want: Vec<Block> = counters.iter().map(|&c| portable::block(c, key)).collect();
            let mut got = vec![[0u32; 4]; len];
            p.fill_blocks_at(counters, key, &mut got);
            assert_eq!(got, want, "{p:?} gathered {len} from {start}");
        }
    }
}
