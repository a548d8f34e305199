//! `RandomShuffle` (`tf.random.shuffle` / `tf.random_shuffle`), bit-exact with
//! TensorFlow 2.21's CPU kernel (`random_shuffle_op.cc` + `shuffle_common.h`).
//!
//! **(a) One execution:** [`random_shuffle`] (any element type, shuffles along
//! the first dimension), or [`permutation`] to get the row permutation and
//! gather yourself: `out[i] = in[perm[i]]` row by row.
//!
//! **(b) Reservation:** [`reservation`]`(dims)` 128-bit samples:
//! `ReserveSamples32(dim0 - 1)` = `ceil((dim0 - 1) / 4)` when the input has
//! more than one element and `dim0 > 1`; otherwise **none** (TF copies the
//! input through without touching its generator). The kernel gets the state
//! before the skip.
//!
//! **Algorithm:** a Fisher–Yates pass over `[0, n)`: for `i` in `0..n-1`,
//! `j = i + (w % (n - i))` with `w` the next 32-bit word of a
//! `SingleSampleAdapter` (TF's `uniform(n) = single() % n`, `n` truncated to
//! `uint32`), then swap. Exactly `n - 1` words are used. 1-D inputs are
//! shuffled in place, higher ranks through an index permutation: both give the
//! same result, which is what [`permutation`] returns.
//!
//! **(c) Shapes and errors:** the output has the input's shape and dtype
//! (all dtypes). The kernel raises nothing; a scalar passes through (it has
//! one element). Shape inference: `UnchangedShape`.

use crate::alloc::TfName;
use crate::distributions::fill::SingleSampleAdapter;
use crate::error::Result;
use crate::philox::PhiloxRandom;

/// 128-bit samples the op's `GuardedPhiloxRandom` reserves for an input of
/// shape `dims` (0 when TF does not shuffle at all).
pub fn reservation(dims: &[usize]) -> u64 {
    let empty = dims.contains(&0);
    if empty || dims.first().copied().unwrap_or(1) <= 1 {
        return 0;
    }
    let samples = (dims[0] - 1) as u64;
    samples.div_ceil(4)
}

/// The permutation of `n` rows that TF's shuffle applies: output row `i` is
/// input row `perm[i]`. `gen` is the reserved (pre-skip) state; for `n <= 1`
/// it is not used.
pub fn permutation(n: usize, gen: PhiloxRandom) -> Result<Vec<usize>> {
    let mut perm = crate::alloc::try_collect(n, 0..n, &[n])?;
    if n <= 1 {
        return Ok(perm);
    }
    let mut gen = gen;
    let mut single = SingleSampleAdapter::new(&mut gen);
    for i in 0..n - 1 {
        let range = (n - i) as u32;
        let j = i + (single.next_u32() % range) as usize;
        perm.swap(i, j);
    }
    Ok(perm)
}

/// One execution of `RandomShuffle` on `input` (row-major, shape `dims`).
///
/// Returns the shuffled copy; when TF would not shuffle (fewer than two
/// elements, or `dims[0] <= 1`) the input comes back unchanged.
pub fn random_shuffle<T: Clone + TfName>(
    input: &[T],
    dims: &[usize],
    gen: PhiloxRandom,
) -> Result<Vec<T>> {
    let mut out = crate::alloc::try_vec(input.len(), dims)?;
    if reservation(dims) == 0 {
        out.extend_from_slice(input);
        return Ok(out);
    }
    let n = dims[0];
    let row = input.len() / n;
    for &p in &permutation(n, gen)? {
        out.extend_from_slice(&input[p * row..(p + 1) * row]);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The generator of an op built with `seed=s` and no graph seed.
    fn op_gen(s: i64) -> PhiloxRandom {
        PhiloxRandom::new(87654321, s.rem_euclid(i32::MAX as i64) as u64)
    }

    /// Two `sess.run`s of `tf.random_shuffle(input, seed=s)`: the second run
    /// starts after the first run's reservation.
    fn two_runs<T: Copy + TfName>(input: &[T], dims: &[usize], s: i64) -> (Vec<T>, Vec<T>) {
        let mut state = op_gen(s);
        let first = random_shuffle(input, dims, state).unwrap();
        state.skip(reservation(dims));
        let second = random_shuffle(input, dims, state).unwrap();
        (first, second)
    }

    fn arange_runs(n: usize, s: i64) -> (Vec<i32>, Vec<i32>) {
        let input: Vec<i32> = (0..n as i32).collect();
        two_runs(&input, &[n], s)
    }

    // tier2.jsonl shuffle/vec_*: tf.random_shuffle(tf.constant(np.arange(n)), seed=s).
    #[test]
    fn tier2_shuffle_vectors() {
        let cases: [(usize, i64, &[i32], &[i32]); 6] = [
            (1, 2147483647, &VEC_1_RUN1, &VEC_1_RUN2),
            (2, 1813743792, &VEC_2_RUN1, &VEC_2_RUN2),
            (5, 42, &VEC_5_RUN1, &VEC_5_RUN2),
            (10, 0, &VEC_10_RUN1, &VEC_10_RUN2),
            (33, 8589934593, &VEC_33_RUN1, &VEC_33_RUN2),
            (88, 7, &VEC_88_RUN1, &VEC_88_RUN2),
        ];
        for (n, s, want1, want2) in cases {
            let (a, b) = arange_runs(n, s);
            assert_eq!(a, want1, "n={n} run 1");
            assert_eq!(b, want2, "n={n} run 2");
        }
    }

    // tier2.jsonl shuffle/matrix_rows: an 8x5 float32 matrix, rows shuffled.
    #[test]
    fn tier2_shuffle_matrix_rows() {
        let input: Vec<f32> = (0..40).map(|x| x as f32).collect();
        let (a, b) = two_runs(&input, &[8, 5], 1813743792);
        let bits = |v: &[f32]| v.iter().map(|x| x.to_bits()).collect::<Vec<u32>>();
        assert_eq!(bits(&a), MATRIX_ROWS_RUN1);
        assert_eq!(bits(&b), MATRIX_ROWS_RUN2);
    }

    #[test]
    fn reservations() {
        assert_eq!(reservation(&[]), 0);
        assert_eq!(reservation(&[1]), 0);
        assert_eq!(reservation(&[1, 7]), 0);
        assert_eq!(reservation(&[0, 7]), 0);
        assert_eq!(reservation(&[5, 0]), 0);
        assert_eq!(reservation(&[2]), 1);
        assert_eq!(reservation(&[5]), 1);
        assert_eq!(reservation(&[6]), 2);
        assert_eq!(reservation(&[88, 3]), 22);
    }

    #[test]
    fn no_shuffle_passes_input_through() {
        let g = PhiloxRandom::new(1, 2);
        assert_eq!(random_shuffle(&[7u8], &[], g).unwrap(), vec![7]);
        assert_eq!(
            random_shuffle(&[1, 2, 3], &[1, 3], g).unwrap(),
            vec![1, 2, 3]
        );
        assert!(random_shuffle::<i64>(&[], &[0, 4], g).unwrap().is_empty());
    }

    #[test]
    fn permutations_are_permutations() {
        for n in [2usize, 3, 7, 64, 1000] {
            let mut p = permutation(n, PhiloxRandom::new(n as u64, 99)).unwrap();
            p.sort_unstable();
            assert_eq!(p, (0..n).collect::<Vec<_>>());
        }
    }

    #[test]
    fn rows_move_whole() {
        let input: Vec<u16> = (0..60).collect();
        let out = random_shuffle(&input, &[10, 2, 3], PhiloxRandom::new(5, 6)).unwrap();
        let perm = permutation(10, PhiloxRandom::new(5, 6)).unwrap();
        for (i, &p) in perm.iter().enumerate() {
            assert_eq!(&out[i * 6..i * 6 + 6], &input[p * 6..p * 6 + 6]);
        }
    }

    #[rustfmt::skip]
    const VEC_1_RUN1: [i32; 1] = [0];
    #[rustfmt::skip]
    const VEC_1_RUN2: [i32; 1] = [0];
    #[rustfmt::skip]
    const VEC_2_RUN1: [i32; 2] = [1, 0];
    #[rustfmt::skip]
    const VEC_2_RUN2: [i32; 2] = [1, 0];
    #[rustfmt::skip]
    const VEC_5_RUN1: [i32; 5] = [2, 1, 3, 4, 0];
    #[rustfmt::skip]
    const VEC_5_RUN2: [i32; 5] = [1, 0, 2, 4, 3];
    #[rustfmt::skip]
    const VEC_10_RUN1: [i32; 10] = [1, 2, 8, 4, 9, 6, 3, 0, 5, 7];
    #[rustfmt::skip]
    const VEC_10_RUN2: [i32; 10] = [3, 9, 7, 0, 5, 6, 1, 2, 4, 8];
    #[rustfmt::skip]
    const VEC_33_RUN1: [i32; 33] = [28, 16, 9, 32, 17, 11, 22, 1, 24, 8, 23, 27, 31, 14, 13, 15, 29, 6, 3, 4, 2, 0, 30, 7, 19, 12, 20, 10, 5, 21, 18, 26, 25];
    #[rustfmt::skip]
    const VEC_33_RUN2: [i32; 33] = [23, 13, 8, 15, 32, 18, 29, 6, 14, 3, 12, 7, 31, 5, 20, 9, 11, 4, 19, 27, 28, 22, 21, 30, 26, 24, 2, 1, 10, 25, 0, 17, 16];
    #[rustfmt::skip]
    const VEC_88_RUN1: [i32; 88] = [23, 26, 81, 52, 8, 85, 84, 40, 36, 58, 72, 64, 69, 19, 13, 33, 38, 4, 67, 0, 53, 17, 49, 47, 12, 10, 50, 55, 24, 87, 51, 56, 77, 31, 54, 59, 70, 42, 6, 62, 37, 63, 75, 14, 66, 45, 41, 76, 60, 30, 46, 73, 7, 71, 57, 35, 79, 20, 3, 34, 44, 83, 68, 78, 39, 11, 27, 21, 18, 1, 25, 74, 9, 2, 65, 48, 82, 80, 29, 16, 43, 86, 32, 22, 15, 28, 5, 61];
    #[rustfmt::skip]
    const VEC_88_RUN2: [i32; 88] = [49, 10, 83, 16, 56, 14, 81, 51, 66, 34, 5, 45, 59, 43, 75, 41, 37, 33, 57, 64, 18, 77, 61, 78, 58, 9, 21, 68, 19, 38, 4, 27, 65, 72, 35, 23, 1, 48, 69, 40, 74, 53, 47, 60, 0, 86, 50, 7, 52, 42, 62, 26, 8, 29, 71, 28, 87, 25, 36, 39, 54, 6, 73, 63, 80, 70, 3, 76, 32, 84, 31, 15, 24, 20, 22, 79, 55, 13, 30, 17, 44, 11, 46, 85, 67, 82, 2, 12];
    #[rustfmt::skip]
    const MATRIX_ROWS_RUN1: [u32; 40] = [0x41c80000, 0x41d00000, 0x41d80000, 0x41e00000, 0x41e80000, 0x00000000, 0x3f800000, 0x40000000, 0x40400000, 0x40800000, 0x420c0000, 0x42100000, 0x42140000, 0x42180000, 0x421c0000, 0x41a00000, 0x41a80000, 0x41b00000, 0x41b80000, 0x41c00000, 0x41200000, 0x41300000, 0x41400000, 0x41500000, 0x41600000, 0x41700000, 0x41800000, 0x41880000, 0x41900000, 0x41980000, 0x40a00000, 0x40c00000, 0x40e00000, 0x41000000, 0x41100000, 0x41f00000, 0x41f80000, 0x42000000, 0x42040000, 0x42080000];
    #[rustfmt::skip]
    const MATRIX_ROWS_RUN2: [u32; 40] = [0x00000000, 0x3f800000, 0x40000000, 0x40400000, 0x40800000, 0x420c0000, 0x42100000, 0x42140000, 0x42180000, 0x421c0000, 0x41200000, 0x41300000, 0x41400000, 0x41500000, 0x41600000, 0x41f00000, 0x41f80000, 0x42000000, 0x42040000, 0x42080000, 0x41a00000, 0x41a80000, 0x41b00000, 0x41b80000, 0x41c00000, 0x40a00000, 0x40c00000, 0x40e00000, 0x41000000, 0x41100000, 0x41700000, 0x41800000, 0x41880000, 0x41900000, 0x41980000, 0x41c80000, 0x41d00000, 0x41d80000, 0x41e00000, 0x41e80000];
}
