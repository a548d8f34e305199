//! Benchmarks of philoxflow's generators: `cargo bench --bench philox`.
//!
//! Each benchmark function takes `&mut Criterion` and is listed in the
//! `criterion_group!` at the bottom; [`config`] keeps the default run short.
//! Per-backend benchmarks of raw blocks (`blocks`, `blocks_strided`) loop
//! over [`Platform::available`] and call the backend explicitly, so one run
//! measures every backend this CPU has, whatever `PHILOXFLOW_BACKEND` says.
//! Filter with a substring, e.g. `cargo bench --bench philox -- blocks/avx512`.
//!
//! The distribution benchmarks (`dist_f32`, `dist_f64`) time the library's
//! fills, which pick [`Platform::active`]: the backend `PHILOXFLOW_BACKEND`
//! names, read once per process, else the fastest. Their ids carry that
//! backend's name; measure another with, e.g.,
//! `PHILOXFLOW_BACKEND=avx2 cargo bench --bench philox -- dist`. They run on
//! one thread (a pool of one), so they measure the kernels, not the cores.
//!
//! `PHILOXFLOW_BENCH_CLOCK=cpu` times with the benchmark thread's CPU time
//! instead of the wall clock: on a shared machine (more runnable threads
//! than cores) the wall clock counts the time other processes hold the core,
//! the thread's CPU time does not. Every benchmark here runs on one thread.

use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Throughput};
use philoxflow::distributions::fill::{
    f32_id, fill_blocks, fill_blocks_then, fill_samples, fill_samples_then, NormalF32, NormalF64,
    TruncatedNormal, TruncatedNormalF64, UniformF32, UniformF64, UniformI32,
};
use philoxflow::distributions::IntRange;
use philoxflow::parallel;
use philoxflow::philox::{Block, PhiloxRandom, Platform};
use philoxflow::vmath::{self, Affine};
use std::time::Duration;

/// Sizes in blocks (4 × u32 each): 2^10, 2^14, 2^18, 2^22. 2^22 blocks is
/// 2^24 u32s, the output of one 64 MiB float32 tensor.
const BLOCK_SIZES: [usize; 4] = [1 << 10, 1 << 14, 1 << 18, 1 << 22];

/// Sizes in outputs (elements) of the distribution benchmarks.
const OUTPUT_SIZES: [usize; 4] = [1 << 10, 1 << 14, 1 << 18, 1 << 22];

/// The stride of float truncated normals' per-group regions (TF's
/// `kReservedSamplesPerOutput` 256 samples × 4 outputs / 4 per block).
const GROUP_STRIDE: u64 = 256;

/// A counter and key in TensorFlow's shape (seed2 in words 2–3, seed as key).
const COUNTER: Block = [0, 0, 0x0BAD_5EED, 0x1234_5678];
const KEY: [u32; 2] = [0x243F_6A88, 0x85A3_08D3];

/// Wall-clock time, or this thread's CPU time with `PHILOXFLOW_BENCH_CLOCK=cpu`.
struct Clock {
    cpu: bool,
}

impl Clock {
    fn from_env() -> Self {
        Clock {
            cpu: std::env::var("PHILOXFLOW_BENCH_CLOCK").is_ok_and(|v| v == "cpu"),
        }
    }

    fn thread_cpu() -> Duration {
        let mut t = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: `t` is a valid timespec to write; the clock id is a constant.
        unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
        Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
    }
}

impl Measurement for Clock {
    type Intermediate = (std::time::Instant, Duration);
    type Value = Duration;
    fn start(&self) -> Self::Intermediate {
        (std::time::Instant::now(), Self::thread_cpu())
    }
    fn end(&self, (wall, cpu): Self::Intermediate) -> Duration {
        match self.cpu {
            true => Self::thread_cpu().saturating_sub(cpu),
            false => wall.elapsed(),
        }
    }
    fn add(&self, a: &Duration, b: &Duration) -> Duration {
        *a + *b
    }
    fn zero(&self) -> Duration {
        Duration::ZERO
    }
    fn to_f64(&self, d: &Duration) -> f64 {
        d.as_nanos() as f64
    }
    fn formatter(&self) -> &dyn ValueFormatter {
        static WALL: WallTime = WallTime;
        WALL.formatter()
    }
}

type Criterion = criterion::Criterion<Clock>;

/// Short runs: a full `cargo bench --bench philox` should take a couple of minutes.
fn config() -> Criterion {
    criterion::Criterion::default()
        .with_measurement(Clock::from_env())
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

/// Strided blocks (`counter + i * 256`, the first blocks of truncated
/// normals' groups) per backend; throughput in blocks.
fn philox_blocks_strided(c: &mut Criterion) {
    let mut group = c.benchmark_group("blocks_strided");
    for &n in &BLOCK_SIZES {
        let mut out = vec![[0u32; 4]; n];
        group.throughput(Throughput::Elements(n as u64));
        for p in Platform::available() {
            group.bench_with_input(BenchmarkId::new(p.name(), n), &n, |b, _| {
                b.iter(|| {
                    p.fill_blocks_strided(
                        black_box(COUNTER),
                        black_box(GROUP_STRIDE),
                        black_box(KEY),
                        &mut out,
                    );
                    black_box(&mut out);
                })
            });
        }
    }
    group.finish();
}

/// A distribution's fill of a whole output from a generator.
type FillFn<T> = fn(PhiloxRandom, &mut [T]);

/// Each case's fill of `n` outputs into a pre-allocated buffer, on one thread,
/// for every size; ids are `group/dist/backend/n`.
fn bench_fill<T: Copy + Default>(c: &mut Criterion, name: &str, cases: &[(&str, FillFn<T>)]) {
    let one = parallel::private_pool(1).expect("one thread");
    let backend = Platform::active().name();
    let mut group = c.benchmark_group(name);
    for &n in &OUTPUT_SIZES {
        let mut out = vec![T::default(); n];
        group.throughput(Throughput::Elements(n as u64));
        for &(dist, fill) in cases {
            let id = BenchmarkId::new(format!("{dist}/{backend}"), n);
            group.bench_with_input(id, &n, |b, _| {
                parallel::with_pool(one.clone(), || {
                    b.iter(|| {
                        fill(black_box(gen()), &mut out);
                        black_box(&mut out);
                    })
                })
            });
        }
    }
    group.finish();
}

/// The generator of a TF op with seed and seed2 set.
fn gen() -> PhiloxRandom {
    PhiloxRandom::new(0x85A3_08D3_243F_6A88, 0x1234_5678_0BAD_5EED)
}

/// float32 uniform, normal and truncated normal fills on the active backend;
/// throughput in outputs.
fn dist_f32(c: &mut Criterion) {
    bench_fill::<f32>(
        c,
        "dist_f32",
        &[
            ("uniform", |g, out| fill_blocks(&UniformF32, g, out)),
            ("normal", |g, out| fill_blocks(&NormalF32, g, out)),
            ("truncated", |g, out| {
                fill_samples(&TruncatedNormal(f32_id), g, out)
            }),
        ],
    );
}

/// The wrappers' `* scale + shift` (`random_normal(mean=, stddev=)`, TF 1.x's
/// `random_uniform`, initialisers) fused into the fill, batch by batch.
fn fused_f32(g: PhiloxRandom, out: &mut [f32], dist: &str) {
    let a = Affine {
        scale: Some(0.02f32),
        shift: Some(0.5f32),
    };
    let post = |x: &mut [f32]| vmath::affine_f32(Platform::active(), x, a);
    match dist {
        "uniform" => fill_blocks_then(&UniformF32, g, out, &post),
        "normal" => fill_blocks_then(&NormalF32, g, out, &post),
        _ => fill_samples_then(&TruncatedNormal(f32_id), g, out, &post),
    }
}

/// The fused fills of [`fused_f32`] and the int32 range fill (TF's
/// `RandomUniformInt` in `[-1000, 7919)`); throughput in outputs.
fn dist_fused(c: &mut Criterion) {
    bench_fill::<f32>(
        c,
        "dist_f32_fused",
        &[
            ("uniform*s+m", |g, out| fused_f32(g, out, "uniform")),
            ("normal*s+m", |g, out| fused_f32(g, out, "normal")),
            ("truncated*s+m", |g, out| fused_f32(g, out, "truncated")),
        ],
    );
    bench_fill::<i32>(
        c,
        "dist_i32",
        &[("range", |g, out| {
            fill_blocks(&UniformI32(IntRange::<i32>::new(-1000, 7919)), g, out)
        })],
    );
}

/// float64 uniform, normal and truncated normal fills on the active backend;
/// throughput in outputs.
fn dist_f64(c: &mut Criterion) {
    bench_fill::<f64>(
        c,
        "dist_f64",
        &[
            ("uniform", |g, out| fill_blocks(&UniformF64, g, out)),
            ("normal", |g, out| fill_blocks(&NormalF64, g, out)),
            ("truncated", |g, out| {
                fill_samples(&TruncatedNormalF64, g, out)
            }),
        ],
    );
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
    targets = philox_blocks, philox_blocks_strided, dist_f32, dist_fused, dist_f64, memset_baseline
}
criterion_main!(benches);
