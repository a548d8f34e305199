//! Benchmarks of philoxflow's generators: `cargo bench --bench philox`.
//!
//! Each benchmark function takes `&mut Criterion` and is listed in the
//! `criterion_group!` at the bottom; [`config`] keeps the default run short.
//! Per-backend benchmarks loop over [`Platform::available`] and call the
//! backend explicitly, so one run measures every backend this CPU has,
//! whatever `PHILOXFLOW_BACKEND` says. Filter with a substring, e.g.
//! `cargo bench --bench philox -- blocks/avx512`.

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use philoxflow::philox::{Block, Platform};
use std::time::Duration;

/// Sizes in blocks (4 × u32 each): 2^10, 2^14, 2^18, 2^22. 2^22 blocks is
/// 2^24 u32s, the output of one 64 MiB float32 tensor.
const BLOCK_SIZES: [usize; 4] = [1 << 10, 1 << 14, 1 << 18, 1 << 22];

/// A counter and key in TensorFlow's shape (seed2 in words 2–3, seed as key).
const COUNTER: Block = [0, 0, 0x0BAD_5EED, 0x1234_5678];
const KEY: [u32; 2] = [0x243F_6A88, 0x85A3_08D3];

/// Short runs: a full `cargo bench --bench philox` should take a couple of minutes.
fn config() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
}

/// Raw Philox4x32-10 blocks per backend; throughput in blocks.
fn philox_blocks(c: &mut Criterion) {
    let mut group = c.benchmark_group("blocks");
    for &n in &BLOCK_SIZES {
        let mut out = vec![[0u32; 4]; n];
        group.throughput(Throughput::Elements(n as u64));
        for p in Platform::available() {
            group.bench_with_input(BenchmarkId::new(p.name(), n), &n, |b, _| {
                b.iter(|| {
                    p.fill_blocks(black_box(COUNTER), black_box(KEY), &mut out);
                    black_box(&mut out);
                })
            });
        }
    }
    group.finish();
}

/// What the generators are measured against: writing the same bytes with
/// memset (64 MiB = 2^24 float32s = 2^22 blocks at the largest size), into
/// a buffer already mapped (`warm`) and into a fresh allocation whose pages
/// fault in as they are written (`fresh`), as a new tensor's would.
fn memset_baseline(c: &mut Criterion) {
    let mut group = c.benchmark_group("memset");
    for &n in &BLOCK_SIZES {
        let bytes = n * std::mem::size_of::<Block>();
        group.throughput(Throughput::Elements(n as u64));
        let mut buf = vec![1u8; bytes];
        group.bench_with_input(BenchmarkId::new("warm", n), &n, |b, _| {
            b.iter(|| {
                buf.fill(black_box(0));
                black_box(&mut buf);
            })
        });
        group.bench_with_input(BenchmarkId::new("fresh", n), &n, |b, _| {
            b.iter(|| {
                // Non-zero, so the allocator cannot hand out lazily zeroed pages.
                let mut fresh = vec![black_box(1u8); bytes];
                black_box(&mut fresh);
            })
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = config();
    targets = philox_blocks, memset_baseline
}
criterion_main!(benches);
