//! The double `sincos` replica against the system libm, bit for bit: every
//! path boundary, every table entry's neighbourhood, random inputs of every
//! path and the exact inputs of float64 Box-Muller (`2π u`). The
//! `#[ignore]`d sweep runs `PHILOXFLOW_SINCOS_SWEEP` inputs (default 10^10)
//! per backend.

use super::sincosd::*;
use super::tests::{kernels, sweep, Mix};
use super::*;
use crate::libm as sys;
use crate::transforms::box_muller_double_v1;

/// Class 0: Box-Muller's `v1`; 1: any `|x|` below the `__branred` bound, by
/// bits (every exponent); 2: uniform in `(-8, 8)`; 3: near the path
/// boundaries and multiples of `π/4`.
fn input(m: &mut Mix, class: u64) -> f64 {
    let w = m.next();
    match class {
        0 => box_muller_double_v1((w >> 32) as u32, w as u32),
        1 => f64::from_bits(((w >> 1) % FAST_END) | (w << 63)),
        2 => (w >> 11) as f64 * (16.0 / (1u64 << 53) as f64) - 8.0,
        _ => {
            let k = (w >> 48) % 40;
            let base = [TINY, SMALL, MIDDLE][(w >> 56) as usize % 3];
            let near = if k < 32 {
                std::f64::consts::FRAC_PI_4 * k as f64
            } else {
                f64::from_bits(base)
            };
            let d = ((w & 0xffff_ffff) as i64 - (1 << 31)) >> ((w >> 32) % 32);
            f64::from_bits(near.to_bits().wrapping_add(d as u64))
        }
    }
}

fn specials() -> Vec<f64> {
    let mut v = vec![
        0.0,
        -0.0,
        1.0,
        -1.0,
        2.0 * std::f64::consts::PI,
        f64::from_bits(1),
    ];
    for edge in [TINY, SMALL, MIDDLE, FAST_END] {
        for d in 0..4u64 {
            for e in [edge + d, edge - 1 - d] {
                v.extend([f64::from_bits(e), -f64::from_bits(e)]);
            }
        }
    }
    for i in 0..220 {
        // Table-index edges: (i + 1/2) / 128, and the Taylor bound.
        let e = (i as f64 + 0.5) / 128.0;
        v.extend([e, e.next_up(), e.next_down(), -e]);
    }
    v.extend([TAYLOR_END, TAYLOR_END.next_up(), TAYLOR_END.next_down()]);
    for k in 0..70 {
        let q = std::f64::consts::FRAC_PI_4 * k as f64;
        v.extend([q, q.next_up(), q.next_down(), -q]);
    }
    v
}

fn check(what: &str, xs: &[f64], s: &[f64], c: &[f64]) {
    let bad: Vec<_> = (0..xs.len())
        .filter(|&i| {
            let (ws, wc) = sys::sincos(xs[i]);
            (s[i].to_bits(), c[i].to_bits()) != (ws.to_bits(), wc.to_bits())
        })
        .take(5)
        .map(|i| (xs[i], s[i], c[i], sys::sincos(xs[i])))
        .collect();
    assert!(bad.is_empty(), "{what}: (x, sin, cos, libm): {bad:?}");
}

fn inputs(seed: u64, n: usize) -> Vec<f64> {
    let mut m = Mix(seed);
    (0..n as u64).map(|i| input(&mut m, i % 4)).collect()
}

#[test]
fn scalar_sincos_matches_libm() {
    let xs: Vec<f64> = specials().into_iter().chain(inputs(1, 1 << 20)).collect();
    let (s, c): (Vec<f64>, Vec<f64>) = xs
        .iter()
        .map(|&x| match sincos_fast(x) {
            Some(r) => r,
            None => {
                assert!(x.is_nan() || x.abs() >= f64::from_bits(FAST_END), "{x}");
                sys::sincos(x)
            }
        })
        .unzip();
    check("scalar", &xs, &s, &c);
    for x in [f64::from_bits(FAST_END), 1e300, f64::INFINITY, f64::NAN] {
        assert!(sincos_fast(x).is_none());
    }
}

#[test]
fn sincos_slice_matches_libm_every_backend() {
    let mut xs = specials();
    let mut m = Mix(9);
    // Specials also one per chunk among random lanes of every class, and
    // lanes beyond the fast range (libm's `__branred` path) among them.
    for (i, s) in specials().into_iter().enumerate() {
        xs.extend((0..7).map(|j| input(&mut m, (i + j) as u64 % 4)));
        xs.push(s);
    }
    xs.extend([1e9, -3e12, f64::INFINITY, f64::NAN, f64::MAX, 105414350.0]);
    xs.extend(inputs(2, 1 << 20));
    for p in kernels() {
        for tail in [0, 1, 3, 5, 7] {
            let xs = &xs[tail..];
            let (mut s, mut c) = (vec![0.0; xs.len()], vec![0.0; xs.len()]);
            sincos_slice_with(p, xs, &mut s, &mut c);
            check(kernel_name(p), xs, &s, &c);
        }
    }
}

#[test]
fn sincos_slice_keeps_paths_apart_every_backend() {
    // Every arrangement of the four paths over 4 lanes, and of two paths
    // over 8 lanes.
    let reps = [1e-9, 0.5, 0.05, 1.7, 2.0, 3.9, 5.5, -4.4];
    for p in kernels() {
        for code in 0..8u32.pow(4) {
            let xs: Vec<f64> = (0..8)
                .map(|i| reps[((code >> (3 * (i % 4))) & 7) as usize] * (1.0 + i as f64 * 1e-3))
                .collect();
            let (mut s, mut c) = ([0.0; 8], [0.0; 8]);
            sincos_slice_with(p, &xs, &mut s, &mut c);
            check(kernel_name(p), &xs, &s, &c);
        }
    }
}

/// `PHILOXFLOW_SINCOS_SWEEP=N cargo test --release -- --ignored sincos_sweep`:
/// N inputs (the four classes in turn) per backend, on every core.
#[test]
#[ignore]
fn sincos_sweep() {
    sweep("PHILOXFLOW_SINCOS_SWEEP", input, |p, xs| {
        let (mut s, mut c) = (vec![0.0; xs.len()], vec![0.0; xs.len()]);
        sincos_slice_with(p, xs, &mut s, &mut c);
        check(kernel_name(p), xs, &s, &c);
    });
}
