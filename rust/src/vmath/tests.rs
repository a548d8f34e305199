//! Exhaustive bitwise checks against the system libm (the oracle TensorFlow
//! itself calls).

use super::*;
use crate::libm as sys;
use crate::transforms as distributions;
use std::sync::OnceLock;

const MANTISSAS: u32 = 1 << 23;

/// Every distinct `u1` Box-Muller feeds to `logf` (index = mantissa).
fn u1_values() -> &'static [f32] {
    static V: OnceLock<Vec<f32>> = OnceLock::new();
    V.get_or_init(|| (0..MANTISSAS).map(box_muller_u1).collect())
}

/// Every distinct `v1` Box-Muller feeds to `sincosf` (index = mantissa).
fn v1_values() -> &'static [f32] {
    static V: OnceLock<Vec<f32>> = OnceLock::new();
    V.get_or_init(|| (0..MANTISSAS).map(box_muller_v1).collect())
}

fn libm_logf_of_u1() -> &'static [f32] {
    static V: OnceLock<Vec<f32>> = OnceLock::new();
    V.get_or_init(|| u1_values().iter().map(|&x| sys::logf(x)).collect())
}

fn libm_sincosf_of_v1() -> &'static (Vec<f32>, Vec<f32>) {
    static V: OnceLock<(Vec<f32>, Vec<f32>)> = OnceLock::new();
    V.get_or_init(|| v1_values().iter().map(|&x| sys::sincosf(x)).unzip())
}

/// SplitMix64: cheap, well-mixed 64-bit words for test inputs.
pub(super) struct Mix(pub(super) u64);
impl Mix {
    pub(super) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

/// The offline sweeps of the float64 replicas: `n` inputs per backend (the
/// environment variable `env` overrides 10^10), `input(m, class)` cycling
/// through four classes, chunk by chunk on every core; `check` runs a
/// backend's kernel on a chunk and compares it with libm.
pub(super) fn sweep(
    env: &str,
    input: fn(&mut Mix, u64) -> f64,
    check: impl Fn(Platform, &[f64]) + Sync,
) {
    let n: u64 = std::env::var(env)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10_000_000_000);
    let threads = std::thread::available_parallelism().map_or(1, |t| t.get()) as u64;
    for p in kernels() {
        let t0 = std::time::Instant::now();
        std::thread::scope(|sc| {
            for t in 0..threads {
                let check = &check;
                sc.spawn(move || {
                    const CHUNK: usize = 1 << 16;
                    let mut m = Mix(0x5eed ^ t.wrapping_mul(0x1234_5678_9abc));
                    let mut xs = vec![0.0; CHUNK];
                    let mut done = 0;
                    while done < n / threads {
                        for (i, x) in xs.iter_mut().enumerate() {
                            *x = input(&mut m, i as u64 % 4);
                        }
                        check(p, &xs);
                        done += CHUNK as u64;
                    }
                });
            }
        });
        eprintln!(
            "{}: {n} inputs equal libm ({:.0?})",
            kernel_name(p),
            t0.elapsed()
        );
    }
}

/// Every platform value, one per distinct kernel that runs here.
pub(super) fn kernels() -> Vec<Platform> {
    let mut seen = Vec::new();
    let mut out = Vec::new();
    for p in [
        Platform::Portable,
        Platform::Neon,
        Platform::Avx2,
        Platform::Avx512,
    ] {
        let k = kernel_name(p);
        if !seen.contains(&k) {
            seen.push(k);
            out.push(p);
        }
    }
    for p in Platform::available() {
        assert!(out.iter().any(|q| kernel_name(*q) == kernel_name(p)));
    }
    out
}

/// Panics with the first few mismatches (bitwise) between `got` and `want`.
fn assert_bits_eq(what: &str, inputs: &[f32], got: &[f32], want: &[f32]) {
    assert_eq!(got.len(), want.len());
    let bad: Vec<usize> = (0..got.len())
        .filter(|&i| got[i].to_bits() != want[i].to_bits())
        .collect();
    if !bad.is_empty() {
        let show: Vec<String> = bad
            .iter()
            .take(8)
            .map(|&i| {
                format!(
                    "[{i}] x={:e} ({:#010x}): got {:e} ({:#010x}) want {:e} ({:#010x})",
                    inputs[i],
                    inputs[i].to_bits(),
                    got[i],
                    got[i].to_bits(),
                    want[i],
                    want[i].to_bits()
                )
            })
            .collect();
        panic!(
            "{what}: {} of {} differ\n{}",
            bad.len(),
            got.len(),
            show.join("\n")
        );
    }
}

/// Inputs outside the Box-Muller domain: every special case and path edge.
fn special_inputs() -> Vec<f32> {
    let mut v = vec![
        0.0,
        -0.0,
        1.0,
        -1.0,
        f32::INFINITY,
        f32::NEG_INFINITY,
        f32::NAN,
        -f32::NAN,
        f32::from_bits(0x7fa0_0001), // signalling NaN
        f32::from_bits(0x7fc1_2345),
        f32::MIN_POSITIVE,
        -f32::MIN_POSITIVE,
        f32::from_bits(1),
        f32::from_bits(0x007f_ffff),
        f32::from_bits(0x8000_0001),
        f32::MAX,
        f32::MIN,
        f32::EPSILON,
        0.75,
        119.99999,
        120.0,
        -120.0,
        1.0e6,
        -3.0e9,
        1.0e30,
        std::f32::consts::PI,
        -std::f32::consts::FRAC_PI_4,
    ];
    // Path edges of sincosf (tiny / small / fast / large) and logf (OFF).
    for b in [
        0x3980_0000u32,
        0x3f40_0000,
        0x42f0_0000,
        0x3f33_0000,
        0x7f00_0000,
    ] {
        for d in [-2i32, -1, 0, 1, 2] {
            let x = f32::from_bits(b.wrapping_add_signed(d));
            v.push(x);
            v.push(-x);
        }
    }
    v
}

/// 2^22 pseudo-random bit patterns over all floats (a cheap LCG).
fn random_floats() -> Vec<f32> {
    let mut s = 0x1234_5678_9abc_def0u64;
    (0..1 << 22)
        .map(|_| {
            s = s
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            f32::from_bits((s >> 32) as u32)
        })
        .collect()
}

/// The decimal constants are exactly glibc's (`__logf_data`, `__sincosf_table`).
#[test]
fn constants_are_glibcs_bit_patterns() {
    use super::{logf as l, sincosf as sc};
    let invc: [u64; 16] = [
        0x3ff661ec79f8f3be,
        0x3ff571ed4aaf883d,
        0x3ff49539f0f010b0,
        0x3ff3c995b0b80385,
        0x3ff30d190c8864a5,
        0x3ff25e227b0b8ea0,
        0x3ff1bb4a4a1a343f,
        0x3ff12358f08ae5ba,
        0x3ff0953f419900a7,
        0x3ff0000000000000,
        0x3fee608cfd9a47ac,
        0x3feca4b31f026aa0,
        0x3feb2036576afce6,
        0x3fe9c2d163a1aa2d,
        0x3fe886e6037841ed,
        0x3fe767dcf5534862,
    ];
    let logc: [u64; 16] = [
        0xbfd57bf7808caade,
        0xbfd2bef0a7c06ddb,
        0xbfd01eae7f513a67,
        0xbfcb31d8a68224e9,
        0xbfc6574f0ac07758,
        0xbfc1aa2bc79c8100,
        0xbfba4e76ce8c0e5e,
        0xbfb1973c5a611ccc,
        0xbfa252f438e10c1e,
        0x0000000000000000,
        0x3faaa5aa5df25984,
        0x3fbc5e53aa362eb4,
        0x3fc526e57720db08,
        0x3fcbc2860d224770,
        0x3fd1058bc8a07ee1,
        0x3fd4043057b6ee09,
    ];
    assert_eq!(l::INVC.map(f64::to_bits), invc);
    assert_eq!(l::LOGC.map(f64::to_bits), logc);
    let scalars = [
        (l::LN2, 0x3fe62e42fefa39efu64),
        (l::A0, 0xbfd00ea348b88334),
        (l::A1, 0x3fd5575b0be00b6a),
        (l::A2, 0xbfdffffef20a4123),
        (sc::C0, 0x3ff0000000000000),
        (sc::C1, 0xbfdffffffd0c621c),
        (sc::C2, 0x3fa55553e1068f19),
        (sc::C3, 0xbf56c087e89a359d),
        (sc::C4, 0x3ef99343027bf8c3),
        (sc::S1, 0xbfc555545995a603),
        (sc::S2, 0x3f81107605230bc4),
        (sc::S3, 0xbf2994eb3774cf24),
        (sc::HPI_INV_2P24, 0x41645f306dc9c883),
        (sc::HPI, 0x3ff921fb54442d18),
        (sc::PI63, 0x3c1921fb54442d18),
    ];
    for (i, (v, bits)) in scalars.into_iter().enumerate() {
        assert_eq!(v.to_bits(), bits, "constant #{i}");
    }
}

#[test]
fn scalar_logf_matches_libm_on_box_muller_domain() {
    let xs = u1_values();
    let got: Vec<f32> = xs.iter().map(|&x| logf(x)).collect();
    assert_bits_eq("scalar logf", xs, &got, libm_logf_of_u1());
}

#[test]
fn scalar_sincosf_matches_libm_on_box_muller_domain() {
    let xs = v1_values();
    let (s, c): (Vec<f32>, Vec<f32>) = xs.iter().map(|&x| sincosf(x)).unzip();
    let (ws, wc) = libm_sincosf_of_v1();
    assert_bits_eq("scalar sinf", xs, &s, ws);
    assert_bits_eq("scalar cosf", xs, &c, wc);
}

#[test]
fn scalar_matches_libm_on_specials_and_random_floats() {
    let mut xs = special_inputs();
    xs.extend(random_floats());
    let got: Vec<f32> = xs.iter().map(|&x| logf(x)).collect();
    let want: Vec<f32> = xs.iter().map(|&x| sys::logf(x)).collect();
    assert_bits_eq("scalar logf (random)", &xs, &got, &want);
    let (s, c): (Vec<f32>, Vec<f32>) = xs.iter().map(|&x| sincosf(x)).unzip();
    let (ws, wc): (Vec<f32>, Vec<f32>) = xs.iter().map(|&x| sys::sincosf(x)).unzip();
    assert_bits_eq("scalar sinf (random)", &xs, &s, &ws);
    assert_bits_eq("scalar cosf (random)", &xs, &c, &wc);
}

#[test]
fn logf_slice_matches_libm_on_box_muller_domain_every_backend() {
    let xs = u1_values();
    let mut out = vec![0f32; xs.len()];
    for p in kernels() {
        out.fill(f32::NAN);
        logf_slice_with(p, xs, &mut out);
        assert_bits_eq(
            &format!("logf_slice[{}]", kernel_name(p)),
            xs,
            &out,
            libm_logf_of_u1(),
        );
    }
}

#[test]
fn sincosf_slice_matches_libm_on_box_muller_domain_every_backend() {
    let xs = v1_values();
    let (ws, wc) = libm_sincosf_of_v1();
    let mut s = vec![0f32; xs.len()];
    let mut c = vec![0f32; xs.len()];
    for p in kernels() {
        s.fill(f32::NAN);
        c.fill(f32::NAN);
        sincosf_slice_with(p, xs, &mut s, &mut c);
        let name = kernel_name(p);
        assert_bits_eq(&format!("sincosf_slice[{name}] sin"), xs, &s, ws);
        assert_bits_eq(&format!("sincosf_slice[{name}] cos"), xs, &c, wc);
    }
}

#[test]
fn slices_match_libm_off_domain_every_backend() {
    // Out-of-domain lanes scattered among in-domain ones force the fallback.
    let mut xs = special_inputs();
    xs.extend(random_floats().into_iter().take(1 << 16));
    let n = xs.len();
    let want_l: Vec<f32> = xs.iter().map(|&x| sys::logf(x)).collect();
    let (want_s, want_c): (Vec<f32>, Vec<f32>) = xs.iter().map(|&x| sys::sincosf(x)).unzip();
    // Also small-magnitude inputs of both signs (vector sincosf domain).
    let ys: Vec<f32> = xs
        .iter()
        .map(|&x| if x.is_finite() { x % 130.0 } else { x })
        .collect();
    let (want_ys, want_yc): (Vec<f32>, Vec<f32>) = ys.iter().map(|&x| sys::sincosf(x)).unzip();
    for p in kernels() {
        let name = kernel_name(p);
        let mut l = vec![0f32; n];
        logf_slice_with(p, &xs, &mut l);
        assert_bits_eq(&format!("logf_slice[{name}] off-domain"), &xs, &l, &want_l);
        let (mut s, mut c) = (vec![0f32; n], vec![0f32; n]);
        sincosf_slice_with(p, &xs, &mut s, &mut c);
        assert_bits_eq(&format!("sinf[{name}] off-domain"), &xs, &s, &want_s);
        assert_bits_eq(&format!("cosf[{name}] off-domain"), &xs, &c, &want_c);
        sincosf_slice_with(p, &ys, &mut s, &mut c);
        assert_bits_eq(&format!("sinf[{name}] |x|<130"), &ys, &s, &want_ys);
        assert_bits_eq(&format!("cosf[{name}] |x|<130"), &ys, &c, &want_yc);
    }
}

/// The positive floats below 120 where glibc's FMA build of `sincosf` and a
/// build without contraction disagree (found by an exhaustive sweep; `logf`
/// has none).  They pin down that the replicas follow the FMA build, which
/// glibc runs on CPUs with AVX2 and FMA; the Box-Muller domain contains none
/// of them.
const FMA_SENSITIVE_SINCOSF: [u32; 17] = [
    0x418a3adb, 0x418a3adc, 0x418a3add, 0x418a3ade, 0x41bc76d9, 0x4202eb4b, 0x4255b0a9, 0x42687a55,
    0x4280ce28, 0x42870e40, 0x42a35c07, 0x42a35d44, 0x42a97360, 0x42c55faa, 0x42cf5854, 0x42d8d23e,
    0x42e87a55,
];

#[test]
fn replicas_follow_glibcs_fma_build() {
    #[cfg(target_arch = "x86_64")]
    if !(is_x86_feature_detected!("avx2") && is_x86_feature_detected!("fma")) {
        eprintln!("glibc runs its non-FMA sincosf here; nothing to compare");
        return;
    }
    let xs: Vec<f32> = FMA_SENSITIVE_SINCOSF
        .iter()
        .flat_map(|&b| [f32::from_bits(b), -f32::from_bits(b)])
        .collect();
    let (ws, wc): (Vec<f32>, Vec<f32>) = xs.iter().map(|&x| sys::sincosf(x)).unzip();
    let (s, c): (Vec<f32>, Vec<f32>) = xs.iter().map(|&x| sincosf(x)).unzip();
    assert_bits_eq("scalar sinf (FMA-sensitive)", &xs, &s, &ws);
    assert_bits_eq("scalar cosf (FMA-sensitive)", &xs, &c, &wc);
    // Without contraction the reduction and polynomials round differently.
    let unfused_differs = xs.iter().any(|&y| {
        let x = y as f64;
        let n = ((x * sincosf::HPI_INV_2P24) as i32 + 0x80_0000) >> 24;
        let (fused, _) = sincosf::reduce_fast(x);
        fused != x - n as f64 * sincosf::HPI
    });
    assert!(unfused_differs);
    for p in kernels() {
        let name = kernel_name(p);
        let (mut s, mut c) = (vec![0f32; xs.len()], vec![0f32; xs.len()]);
        sincosf_slice_with(p, &xs, &mut s, &mut c);
        assert_bits_eq(&format!("sinf[{name}] (FMA-sensitive)"), &xs, &s, &ws);
        assert_bits_eq(&format!("cosf[{name}] (FMA-sensitive)"), &xs, &c, &wc);
    }
}

/// Word pairs covering every x0 mantissa and every x1 mantissa, with the
/// (ignored) top bits set in various ways.
fn word_pairs() -> (Vec<u32>, Vec<u32>) {
    let x0: Vec<u32> = (0..MANTISSAS)
        .map(|i| i | (i.wrapping_mul(0x9e37_79b9) & 0xff80_0000))
        .collect();
    let x1: Vec<u32> = (0..MANTISSAS)
        .map(|i| i.wrapping_mul(0x0019_660d) ^ (i << 9) & 0xff80_0000)
        .collect();
    (x0, x1)
}

#[test]
fn box_muller_slice_matches_tensorflow_every_backend() {
    let (x0, x1) = word_pairs();
    // x1 covers all 2^23 mantissas too (odd multiplier mod 2^23 is a bijection).
    let mut seen = vec![false; MANTISSAS as usize];
    for &w in &x1 {
        seen[(w & 0x7f_ffff) as usize] = true;
    }
    assert!(seen.iter().all(|&b| b));
    let n = x0.len();
    let (want0, want1): (Vec<f32>, Vec<f32>) = (0..n)
        .map(|i| distributions::box_muller_float(x0[i], x1[i]))
        .unzip();
    let inputs: Vec<f32> = x0.iter().map(|&w| f32::from_bits(w)).collect();
    let (mut o0, mut o1) = (vec![0f32; n], vec![0f32; n]);
    for p in kernels() {
        let name = kernel_name(p);
        o0.fill(f32::NAN);
        o1.fill(f32::NAN);
        box_muller_f32_slice(p, &x0, &x1, &mut o0, &mut o1);
        assert_bits_eq(&format!("box_muller[{name}] out0"), &inputs, &o0, &want0);
        assert_bits_eq(&format!("box_muller[{name}] out1"), &inputs, &o1, &want1);
    }
}

#[test]
fn every_tail_length_every_backend() {
    // Mixed inputs: in-domain values and, at some positions, specials.
    let specials = special_inputs();
    for p in kernels() {
        let name = kernel_name(p);
        for len in 0..64usize {
            for offset in [0usize, 3] {
                let xs: Vec<f32> = (0..len)
                    .map(|i| {
                        let j = i + offset;
                        if j % 11 == 7 {
                            specials[j % specials.len()]
                        } else {
                            box_muller_u1((j as u32).wrapping_mul(0x0012_3457))
                        }
                    })
                    .collect();
                let mut l = vec![0f32; len];
                logf_slice_with(p, &xs, &mut l);
                let want: Vec<f32> = xs.iter().map(|&x| sys::logf(x)).collect();
                assert_bits_eq(&format!("logf[{name}] len {len}"), &xs, &l, &want);

                let vs: Vec<f32> = xs.iter().map(|&x| x * 6.0 - 1.0).collect();
                let (mut s, mut c) = (vec![0f32; len], vec![0f32; len]);
                sincosf_slice_with(p, &vs, &mut s, &mut c);
                let (ws, wc): (Vec<f32>, Vec<f32>) = vs.iter().map(|&x| sys::sincosf(x)).unzip();
                assert_bits_eq(&format!("sinf[{name}] len {len}"), &vs, &s, &ws);
                assert_bits_eq(&format!("cosf[{name}] len {len}"), &vs, &c, &wc);

                let x0: Vec<u32> = (0..len as u32)
                    .map(|i| (i + offset as u32).wrapping_mul(0x2545_f491))
                    .collect();
                let x1: Vec<u32> = (0..len as u32)
                    .map(|i| (i + offset as u32).wrapping_mul(0x9e37_79b9) ^ 0x5555)
                    .collect();
                let (mut o0, mut o1) = (vec![0f32; len], vec![0f32; len]);
                box_muller_f32_slice(p, &x0, &x1, &mut o0, &mut o1);
                let (w0, w1): (Vec<f32>, Vec<f32>) = (0..len)
                    .map(|i| distributions::box_muller_float(x0[i], x1[i]))
                    .unzip();
                let inp: Vec<f32> = x0.iter().map(|&w| f32::from_bits(w)).collect();
                assert_bits_eq(&format!("bm0[{name}] len {len}"), &inp, &o0, &w0);
                assert_bits_eq(&format!("bm1[{name}] len {len}"), &inp, &o1, &w1);
            }
        }
    }
}

#[test]
fn scalar_box_muller_matches_tensorflow() {
    for i in (0..MANTISSAS).step_by(97) {
        for w in [i, i | 0x8000_0000, i.wrapping_mul(0x2545_f491)] {
            let x1 = w.rotate_left(7) ^ 0x1234_5678;
            let a = box_muller_float(w, x1);
            let b = distributions::box_muller_float(w, x1);
            assert_eq!(
                (a.0.to_bits(), a.1.to_bits()),
                (b.0.to_bits(), b.1.to_bits())
            );
        }
    }
}

/// All 2^32 floats through the scalar replicas (minutes; run with
/// `cargo test --lib vmath -- --ignored`).
#[test]
#[ignore]
fn scalar_matches_libm_on_all_floats() {
    use rayon::prelude::*;
    let bad: u64 = (0u32..=u16::MAX as u32)
        .into_par_iter()
        .map(|hi| {
            let mut bad = 0u64;
            for lo in 0..=u16::MAX as u32 {
                let x = f32::from_bits(hi << 16 | lo);
                let ok_l = logf(x).to_bits() == sys::logf(x).to_bits();
                let (s, c) = sincosf(x);
                let (ws, wc) = sys::sincosf(x);
                let ok_sc = s.to_bits() == ws.to_bits() && c.to_bits() == wc.to_bits();
                if !(ok_l && ok_sc) {
                    if bad < 4 {
                        eprintln!("mismatch at {:#010x}", x.to_bits());
                    }
                    bad += 1;
                }
            }
            bad
        })
        .sum();
    assert_eq!(bad, 0);
}

/// Rough timing per backend (`cargo test --release --lib vmath -- --ignored
/// --nocapture bench`); prints, asserts nothing about speed.
#[test]
#[ignore]
fn bench_box_muller_and_slices() {
    use std::time::Instant;
    let n = 1usize << 24;
    let x0: Vec<u32> = (0..n as u32).map(|i| i.wrapping_mul(0x2545_f491)).collect();
    let x1: Vec<u32> = (0..n as u32).map(|i| i.wrapping_mul(0x9e37_79b9)).collect();
    let u1: Vec<f32> = x0.iter().map(|&w| box_muller_u1(w)).collect();
    let v1: Vec<f32> = x1.iter().map(|&w| box_muller_v1(w)).collect();
    let (mut a, mut b) = (vec![0f32; n], vec![0f32; n]);
    let best = |f: &mut dyn FnMut()| {
        (0..3)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed().as_secs_f64()
            })
            .fold(f64::INFINITY, f64::min)
    };
    let t = best(&mut || {
        for i in 0..n {
            (a[i], b[i]) = distributions::box_muller_float(x0[i], x1[i]);
        }
    });
    println!(
        "libm box_muller_float: {:.2} ns/pair ({:.1} ms per 2^24 pairs)",
        t * 1e9 / n as f64,
        t * 1e3
    );
    for p in kernels() {
        let name = kernel_name(p);
        let t = best(&mut || box_muller_f32_slice(p, &x0, &x1, &mut a, &mut b));
        println!(
            "{name:>7} box_muller_f32_slice: {:.3} ns/pair ({:.1} ms per 2^24 pairs)",
            t * 1e9 / n as f64,
            t * 1e3
        );
        let m = 1 << 12;
        let t = best(&mut || {
            for r in 0..n / m {
                let (lo, hi) = (r % 4 * m, r % 4 * m + m);
                box_muller_f32_slice(p, &x0[lo..hi], &x1[lo..hi], &mut a[lo..hi], &mut b[lo..hi]);
            }
        });
        println!(
            "{name:>7} box_muller_f32_slice, 2^12-pair blocks in cache: {:.3} ns/pair",
            t * 1e9 / n as f64
        );
        let t = best(&mut || logf_slice_with(p, &u1, &mut a));
        println!("{name:>7} logf_slice: {:.3} ns/elem", t * 1e9 / n as f64);
        let t = best(&mut || sincosf_slice_with(p, &v1, &mut a, &mut b));
        println!("{name:>7} sincosf_slice: {:.3} ns/elem", t * 1e9 / n as f64);
    }
}

#[test]
fn interleaved_box_muller_matches_tensorflow_on_every_mantissa_and_tail() {
    let (x0, x1) = word_pairs();
    let words: Vec<u32> = x0.iter().zip(&x1).flat_map(|(&a, &b)| [a, b]).collect();
    let want: Vec<f32> = x0
        .iter()
        .zip(&x1)
        .flat_map(|(&a, &b)| {
            let (s, c) = distributions::box_muller_float(a, b);
            [s, c]
        })
        .collect();
    let inputs: Vec<f32> = words.iter().map(|&w| f32::from_bits(w)).collect();
    for p in kernels() {
        let mut out = vec![f32::NAN; words.len()];
        if !box_muller_f32_interleaved(p, &words, &mut out) {
            continue; // this kernel has no interleaved form; callers de-interleave
        }
        assert_bits_eq(
            &format!("interleaved[{}]", kernel_name(p)),
            &inputs,
            &out,
            &want,
        );
        // Every tail length (pairs 0..=40), at an offset, with guards untouched.
        for pairs in 0..=40usize {
            let w = &words[6..6 + 2 * pairs];
            let mut o = vec![f32::NAN; 2 * pairs + 4];
            assert!(box_muller_f32_interleaved(p, w, &mut o[..2 * pairs]));
            assert_eq!(
                o[..2 * pairs]
                    .iter()
                    .map(|x| x.to_bits())
                    .collect::<Vec<_>>(),
                want[6..6 + 2 * pairs]
                    .iter()
                    .map(|x| x.to_bits())
                    .collect::<Vec<_>>()
            );
            assert!(o[2 * pairs..].iter().all(|x| x.is_nan()));
        }
    }
}

/// The vector `logf` looks its table up lane by lane (AVX2: permutes of a
/// table split into 32-bit halves, with the lanes reordered and put back):
/// every lane of a vector in a different subinterval, in every arrangement
/// and with every exponent class, must get its own entry.
#[test]
fn logf_table_lookup_keeps_lanes_apart_every_backend() {
    // Subinterval i of [OFF, 2 OFF) starts at OFF + i * 2^19 (bit pattern).
    let off = 0x3f33_0000u32;
    let mut xs = Vec::new();
    for rot in 0..16u32 {
        for step in [1u32, 3, 5, 7] {
            for exp in [-126i32, -60, -1, 0, 1, 40, 127] {
                for lane in 0..16u32 {
                    let i = (lane * step + rot) % 16;
                    let z = off + (i << 19) + (lane * 0x1_2345 + rot) % (1 << 19);
                    // x = z * 2^exp, built on the bit pattern (still normal and finite).
                    let e = (z >> 23) as i32 + exp;
                    if (1..255).contains(&e) {
                        xs.push(f32::from_bits((z & 0x807f_ffff) | ((e as u32) << 23)));
                    }
                }
            }
        }
    }
    let want: Vec<f32> = xs.iter().map(|&x| sys::logf(x)).collect();
    for p in kernels() {
        let mut got = vec![f32::NAN; xs.len()];
        logf_slice_with(p, &xs, &mut got);
        assert_bits_eq(&format!("logf lanes[{}]", kernel_name(p)), &xs, &got, &want);
    }
}
