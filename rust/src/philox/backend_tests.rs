//! Every backend this CPU supports must equal the portable one, bit for bit.

use super::{add_blocks, portable, Block, Key, Platform};

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
    (0..=64).chain([65, 95, 96, 97, 127, 128, 129, 143, 144, 145, 255, 1000, 1023, 4099])
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
