//! The double `log` replica (scalar and every vector backend) against the
//! system libm, bit for bit: special values, the edges of glibc's paths,
//! every class of input on random bits, and the exact inputs of float64
//! Box-Muller. The `#[ignore]`d sweep runs `PHILOXFLOW_LOG_SWEEP` inputs
//! (default 10^10) per backend for the offline check.

use super::tests::{kernels, sweep, Mix};
use super::*;
use crate::libm as sys;
use crate::transforms::{box_muller_double, box_muller_double_u1};

/// Input `i` of class `i % 4`: Box-Muller's `u1`, any positive normal, the
/// path near 1 and its surroundings, any bit pattern at all.
fn input(m: &mut Mix, class: u64) -> f64 {
    let w = m.next();
    match class {
        0 => box_muller_double_u1((w >> 32) as u32, w as u32),
        1 => f64::from_bits((w % (0x7ff0_0000_0000_0000 - 0x0010_0000_0000_0000)) + (1 << 52)),
        2 => f64::from_bits(0x3fed_0000_0000_0000 + (w % 0x0005_0000_0000_0000)),
        _ => f64::from_bits(w),
    }
}

fn specials() -> Vec<f64> {
    let mut v = vec![
        0.0,
        -0.0,
        1.0,
        -1.0,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NAN,
        -f64::NAN,
        f64::from_bits(0x7ff0_0000_0000_0001),
        f64::from_bits(0xfff8_0000_dead_beef),
        f64::MIN_POSITIVE,
        f64::MAX,
        f64::from_bits(1),
        f64::from_bits(0x000f_ffff_ffff_ffff),
        1.0e-7,
        1.0 - f64::EPSILON / 2.0,
        1.0 + f64::EPSILON,
        std::f64::consts::E,
        0.5,
        2.0,
    ];
    // Both sides of every path boundary and table subinterval edge.
    for edge in [logd::NEAR_LO, logd::NEAR_HI, logd::OFF, logd::OFF << 1] {
        for d in 0..4u64 {
            v.push(f64::from_bits(edge + d));
            v.push(f64::from_bits(edge - 1 - d));
        }
    }
    for i in 0..256u64 {
        let e = logd::OFF + (i << 45);
        v.extend([e, e - 1, e + 1, e + (1 << 44)].map(f64::from_bits));
    }
    v
}

fn check(what: &str, xs: &[f64], got: &[f64]) {
    let bad: Vec<_> = xs
        .iter()
        .zip(got)
        .filter(|(&x, g)| g.to_bits() != sys::log(x).to_bits())
        .take(5)
        .map(|(&x, g)| (x, x.to_bits(), *g, sys::log(x)))
        .collect();
    assert!(bad.is_empty(), "{what}: (x, bits, got, libm): {bad:?}");
}

fn inputs(seed: u64, n: usize) -> Vec<f64> {
    let mut m = Mix(seed);
    (0..n as u64).map(|i| input(&mut m, i % 4)).collect()
}

#[test]
fn scalar_log_matches_libm() {
    let xs: Vec<f64> = specials().into_iter().chain(inputs(1, 1 << 20)).collect();
    let got: Vec<f64> = xs.iter().map(|&x| log(x)).collect();
    check("scalar", &xs, &got);
}

#[test]
fn log_slice_matches_libm_every_backend() {
    // Specials spread one per chunk and packed together; random classes
    // interleaved so that chunks mix both paths (and fall back).
    let mut xs = specials();
    let mut m = Mix(7);
    for (i, s) in specials().into_iter().enumerate() {
        xs.extend((0..7).map(|j| input(&mut m, (i + j) as u64 % 3)));
        xs.push(s);
    }
    xs.extend(inputs(2, 1 << 20));
    for p in kernels() {
        for tail in [0, 1, 3, 5, 7] {
            let xs = &xs[tail..];
            let mut got = vec![0.0; xs.len()];
            log_slice_with(p, xs, &mut got);
            check(kernel_name(p), xs, &got);
        }
    }
}

#[test]
fn log_slice_keeps_both_paths_apart_every_backend() {
    // Every arrangement of near-1 and table-path lanes in a chunk of 8.
    let near = 1.0 - 1.0 / 64.0;
    let far = 0.25 + 1.0 / 3.0;
    for p in kernels() {
        for mask in 0..256u32 {
            let xs: Vec<f64> = (0..8)
                .map(|i| {
                    if mask >> i & 1 == 1 {
                        near + i as f64 * 1e-3
                    } else {
                        far * (i + 1) as f64
                    }
                })
                .collect();
            let mut got = [0.0; 8];
            log_slice_with(p, &xs, &mut got);
            check(kernel_name(p), &xs, &got);
        }
    }
}

#[test]
fn box_muller_f64_blocks_matches_libm_every_backend() {
    let mut m = Mix(3);
    let mut words: Vec<u32> = (0..4 * 5000).map(|_| m.next() as u32).collect();
    // Words that clamp u1 to 1e-7 and give u1 = 0 and the largest u1.
    words[..12].copy_from_slice(&[0, 0, 5, 6, 0, 1, 7, 8, 0xfffff, u32::MAX, 0, 0]);
    for p in kernels() {
        for pairs in [0, 1, 63, 64, 65, 5000] {
            let w = &words[..4 * pairs];
            let mut got = vec![0.0; 2 * pairs];
            box_muller_f64_blocks(p, w, &mut got);
            for (b, o) in w.chunks_exact(4).zip(got.chunks_exact(2)) {
                let (d0, d1) = box_muller_double(b[0], b[1], b[2], b[3]);
                assert_eq!(
                    (o[0].to_bits(), o[1].to_bits()),
                    (d0.to_bits(), d1.to_bits()),
                    "{} {b:?}",
                    kernel_name(p)
                );
            }
        }
    }
}

/// `PHILOXFLOW_LOG_SWEEP=N cargo test --release -- --ignored log_sweep`:
/// N inputs (the four classes in turn) per backend, on every core.
#[test]
#[ignore]
fn log_sweep() {
    sweep("PHILOXFLOW_LOG_SWEEP", input, |p, xs| {
        let mut got = vec![0.0; xs.len()];
        log_slice_with(p, xs, &mut got);
        check(kernel_name(p), xs, &got);
    });
}
