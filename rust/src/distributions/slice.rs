//! Any part of a random op's output, generated on its own.
//!
//! TensorFlow's kernels put every output at a computable place in the Philox
//! stream: the block distributions (uniform, normal, integer uniform) turn
//! block `base + g` into output group `g`, and truncated normals give group
//! `g` its own region of `GROUP × 256 / 4` blocks. So a flat range
//! `[start, end)` needs only the groups it touches: a partial first group is
//! made whole and cut, then the fills of [`super::fill`] run from the next
//! group on (a short last group is the prefix of the whole one, as in a full
//! fill). An n-d block of an n-d output is a sequence of such ranges, one per
//! contiguous run ([`for_each_run`]).
//!
//! The ranges are filled on the calling thread: a caller splitting an output
//! into blocks has its own parallelism (philoxflow.dask's tasks).

use super::fill::{fill_block_range, BlockDist, SampleDist};
use crate::philox::PhiloxRandom;

/// Outputs `start..start + out.len()` of the [`BlockDist`] fill from `gen`
/// (the state a run reserved): equal to that part of a whole fill.
pub fn block_dist_range<D: BlockDist>(
    dist: &D,
    gen: PhiloxRandom,
    start: usize,
    out: &mut [D::Out],
) {
    let Some(&first) = out.first() else {
        return;
    };
    let mut gen = gen;
    // TF's own shards reach their first group with `Skip`; it equals the
    // 128-bit add for every count below 2^64 - 2^32 groups.
    gen.skip((start / D::GROUP) as u64);
    let head = start % D::GROUP;
    let mut rest = out;
    if head != 0 {
        let mut group = vec![first; D::GROUP];
        dist.group(&gen.next_block(), &mut group);
        let take = (D::GROUP - head).min(rest.len());
        rest[..take].copy_from_slice(&group[head..head + take]);
        rest = &mut rest[take..];
    }
    fill_block_range(dist, gen, rest);
}

/// Outputs `start..start + out.len()` of the [`SampleDist`] fill from `gen`:
/// each group from its own region, wherever the range cuts it.
pub fn sample_dist_range<D: SampleDist>(
    dist: &D,
    gen: PhiloxRandom,
    start: usize,
    out: &mut [D::Out],
) {
    let Some(&first) = out.first() else {
        return;
    };
    let mut group_index = start / D::GROUP;
    let head = start % D::GROUP;
    let mut rest = out;
    if head != 0 {
        let mut group = vec![first; D::GROUP];
        dist.fill_range(gen, group_index, &mut group);
        let take = (D::GROUP - head).min(rest.len());
        rest[..take].copy_from_slice(&group[head..head + take]);
        rest = &mut rest[take..];
        group_index += 1;
    }
    if !rest.is_empty() {
        dist.fill_range(gen, group_index, rest);
    }
}

/// Whether a block (`offset`, `shape`) lies inside an array of shape `full`.
pub fn block_fits(full: &[usize], offset: &[usize], shape: &[usize]) -> bool {
    full.len() == offset.len()
        && full.len() == shape.len()
        && full
            .iter()
            .zip(offset)
            .zip(shape)
            .all(|((&f, &o), &s)| o.checked_add(s).is_some_and(|end| end <= f))
}

/// Call `f(flat_start, block_pos, len)` for each contiguous run of the block
/// (`offset`, `shape`) of a C-order array of shape `full`, in the block's own
/// C order (`block_pos` is where the run starts in the block). Trailing axes
/// that the block spans whole merge into one run. Needs [`block_fits`].
pub fn for_each_run(
    full: &[usize],
    offset: &[usize],
    shape: &[usize],
    mut f: impl FnMut(usize, usize, usize),
) {
    if shape.contains(&0) {
        return;
    }
    let rank = full.len();
    // Axis `k`: the block's rows run over axes k.. of the output contiguously.
    let mut k = rank;
    let mut run = 1usize;
    while k > 0 {
        k -= 1;
        run *= shape[k];
        if offset[k] != 0 || shape[k] != full[k] {
            break;
        }
    }
    let mut strides = vec![1usize; rank];
    for j in (0..rank.saturating_sub(1)).rev() {
        strides[j] = strides[j + 1] * full[j + 1];
    }
    // Odometer over the outer axes 0..k.
    let mut index = vec![0usize; k];
    let mut pos = 0;
    loop {
        let start: usize = (0..rank)
            .map(|j| (offset[j] + index.get(j).copied().unwrap_or(0)) * strides[j])
            .sum();
        f(start, pos, run);
        pos += run;
        let mut j = k;
        loop {
            if j == 0 {
                return;
            }
            j -= 1;
            index[j] += 1;
            if index[j] < shape[j] {
                break;
            }
            index[j] = 0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::fill::*;
    use super::*;
    use half::f16;

    /// Every `[start, end)` of small outputs and a spread of ranges of larger
    /// ones, against the whole fill.
    fn ranges(n: usize) -> Vec<(usize, usize)> {
        if n <= 40 {
            return (0..=n).flat_map(|s| (s..=n).map(move |e| (s, e))).collect();
        }
        let mut out = vec![(0, n), (1, n), (0, n - 1), (n / 2, n / 2 + 1)];
        for s in [0, 1, 2, 3, 5, 767, 768, 769, 1023, n - 7] {
            for len in [0, 1, 2, 3, 4, 5, 9, 255, 256, 257, 1000] {
                if s + len <= n {
                    out.push((s, s + len));
                }
            }
        }
        out
    }

    fn check_blocks<D: BlockDist>(dist: &D, zero: D::Out, bits: impl Fn(&D::Out) -> u64)
    where
        D::Out: std::fmt::Debug,
    {
        for counter in [[0, 0, 7, 9], [0xFFFF_FF00, u32::MAX, u32::MAX, 3]] {
            let gen = PhiloxRandom::from_parts(counter, [0x243F_6A88, 0x85A3_08D3]);
            for n in [0, 1, 5, 23, 3001] {
                let mut whole = vec![zero; n];
                fill_blocks(dist, gen, &mut whole);
                for (s, e) in ranges(n) {
                    let mut part = vec![zero; e - s];
                    block_dist_range(dist, gen, s, &mut part);
                    assert!(
                        part.iter()
                            .zip(&whole[s..e])
                            .all(|(a, b)| bits(a) == bits(b)),
                        "n {n} range {s}..{e} counter {counter:x?}"
                    );
                }
            }
        }
    }

    fn check_samples<D: SampleDist>(dist: &D, zero: D::Out, bits: impl Fn(&D::Out) -> u64) {
        let gen = PhiloxRandom::new(0x1234_5678_9abc, 77);
        for n in [0, 1, 5, 23, 3001] {
            let mut whole = vec![zero; n];
            fill_samples(dist, gen, &mut whole);
            for (s, e) in ranges(n) {
                let mut part = vec![zero; e - s];
                sample_dist_range(dist, gen, s, &mut part);
                assert!(
                    part.iter()
                        .zip(&whole[s..e])
                        .all(|(a, b)| bits(a) == bits(b)),
                    "n {n} range {s}..{e}"
                );
            }
        }
    }

    #[test]
    fn block_ranges_equal_the_whole_fill() {
        check_blocks(&UniformF32, 0.0, |x| x.to_bits() as u64);
        check_blocks(&UniformF64, 0.0, |x| x.to_bits());
        check_blocks(&NormalF32, 0.0, |x| x.to_bits() as u64);
        check_blocks(&NormalF64, 0.0, |x| x.to_bits());
        check_blocks(&NormalNarrow(f32_to_f16), f16::ZERO, |x| x.to_bits() as u64);
        let r = crate::distributions::IntRange::<i64>::new(-5, 1 << 40);
        check_blocks(&UniformI64(r), 0, |&x| x as u64);
    }

    #[test]
    fn sample_ranges_equal_the_whole_fill() {
        check_samples(&TruncatedNormal(f32_id), 0.0, |x| x.to_bits() as u64);
        check_samples(&TruncatedNormal(f32_to_f16), f16::ZERO, |x| {
            x.to_bits() as u64
        });
        check_samples(&TruncatedNormalF64, 0.0, |x| x.to_bits());
    }

    #[test]
    fn a_large_output_cut_past_the_parallel_threshold() {
        // 2^18 outputs: the whole fill is sharded across threads, the parts are not.
        let gen = PhiloxRandom::new(5, 6);
        let n = 1 << 18;
        let mut whole = vec![0f32; n];
        fill_samples(&TruncatedNormal(f32_id), gen, &mut whole);
        let mut part = vec![0f32; 100_003];
        sample_dist_range(&TruncatedNormal(f32_id), gen, 150_001, &mut part);
        assert_eq!(part, whole[150_001..250_004]);
    }

    /// The runs of a block, as the flat indices they cover in order.
    fn covered(full: &[usize], offset: &[usize], shape: &[usize]) -> Vec<usize> {
        let mut out = Vec::new();
        let mut next_pos = 0;
        for_each_run(full, offset, shape, |start, pos, len| {
            assert_eq!(pos, next_pos);
            next_pos += len;
            out.extend(start..start + len);
        });
        out
    }

    /// The flat indices of a block by brute force.
    fn brute(full: &[usize], offset: &[usize], shape: &[usize]) -> Vec<usize> {
        let n: usize = full.iter().product();
        let mut out = Vec::new();
        for flat in 0..n {
            let mut rem = flat;
            let mut idx = vec![0; full.len()];
            for j in (0..full.len()).rev() {
                idx[j] = rem % full[j];
                rem /= full[j];
            }
            if (0..full.len()).all(|j| idx[j] >= offset[j] && idx[j] < offset[j] + shape[j]) {
                out.push(flat);
            }
        }
        out
    }

    #[test]
    fn runs_cover_each_block_in_c_order() {
        let full = [3, 4, 5];
        for o0 in 0..3 {
            for s0 in 0..=3 - o0 {
                for (o1, s1) in [(0, 4), (1, 2), (3, 1), (0, 0)] {
                    for (o2, s2) in [(0, 5), (2, 3), (4, 1)] {
                        let (o, s) = ([o0, o1, o2], [s0, s1, s2]);
                        assert!(block_fits(&full, &o, &s));
                        assert_eq!(covered(&full, &o, &s), brute(&full, &o, &s), "{o:?} {s:?}");
                    }
                }
            }
        }
        assert_eq!(covered(&[], &[], &[]), vec![0]);
        assert_eq!(covered(&[7], &[2], &[3]), vec![2, 3, 4]);
        assert!(!block_fits(&[3, 4], &[1, 0], &[3, 4]));
        assert!(!block_fits(&[3, 4], &[0], &[3]));
        assert!(!block_fits(&[3], &[usize::MAX], &[2]));
    }
}
