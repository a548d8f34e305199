//! Pieces shared by the tier-2 kernels: TensorFlow's work
//! sharding (for the one kernel whose output depends on it, Multinomial), the
//! libm calls that TensorFlow's kernels make (re-exported from `crate::libm`), and TF's `SimplePhilox` /
//! double-uniform / double-normal sample sources.
//!
//! Nothing here reserves generator state: every kernel documents its own
//! reservation (the count the session skips its `GuardedPhiloxRandom` by).

use crate::distributions::fill::SingleSampleAdapter;
use crate::distributions::{box_muller_double, uint32_to_float, uint64_to_double};
use crate::philox::PhiloxRandom;

pub use crate::alloc::shape_debug_string;

// ---------------------------------------------------------------- libm

// The system libm calls TF's kernels make, from the one FFI module.
pub use crate::libm::{exp, lgamma, log, log1p, pow};

// ---------------------------------------------------------------- sample sources

/// TF's `random::SimplePhilox`: one 32-bit word at a time from a generator.
pub struct SimplePhilox<'a> {
    single: SingleSampleAdapter<'a>,
}

impl<'a> SimplePhilox<'a> {
    pub fn new(gen: &'a mut PhiloxRandom) -> Self {
        SimplePhilox {
            single: SingleSampleAdapter::new(gen),
        }
    }
    /// `Rand32()`.
    #[inline]
    pub fn rand32(&mut self) -> u32 {
        self.single.next_u32()
    }
    /// `Rand64()`: low word first.
    #[inline]
    pub fn rand64(&mut self) -> u64 {
        let lo = self.single.next_u32();
        let hi = self.single.next_u32();
        lo as u64 | (hi as u64) << 32
    }
    /// `RandFloat()`: one word, mantissa trick.
    #[inline]
    pub fn rand_float(&mut self) -> f32 {
        uint32_to_float(self.single.next_u32())
    }
    /// `RandDouble()`: two words (`x0` then `x1`), `Uint64ToDouble(x0, x1)`.
    #[inline]
    pub fn rand_double(&mut self) -> f64 {
        let x0 = self.single.next_u32();
        let x1 = self.single.next_u32();
        uint64_to_double(x0, x1)
    }
}

/// The `UNIFORM(X)` macro of TF's gamma and Poisson kernels over
/// `UniformDistribution<PhiloxRandom, double>`: each refill draws one block
/// (two doubles) and hands them out **last first** (`result[--remaining]`).
#[derive(Clone, Copy, Debug, Default)]
pub struct UniformDoubles {
    result: [f64; 2],
    remaining: usize,
}

impl UniformDoubles {
    pub fn new() -> Self {
        Self::default()
    }
    #[inline]
    pub fn next(&mut self, gen: &mut PhiloxRandom) -> f64 {
        if self.remaining == 0 {
            let b = gen.next_block();
            self.result = [uint64_to_double(b[0], b[1]), uint64_to_double(b[2], b[3])];
            self.remaining = 2;
        }
        self.remaining -= 1;
        self.result[self.remaining]
    }
}

/// `NormalDistribution<PhiloxRandom, double>` as TF's gamma kernel consumes it:
/// one block per refill (Box-Muller on doubles), handed out last first.
#[derive(Clone, Copy, Debug, Default)]
pub struct NormalDoubles {
    result: [f64; 2],
    remaining: usize,
}

impl NormalDoubles {
    pub fn new() -> Self {
        Self::default()
    }
    #[inline]
    pub fn next(&mut self, gen: &mut PhiloxRandom) -> f64 {
        if self.remaining == 0 {
            let b = gen.next_block();
            let (d0, d1) = box_muller_double(b[0], b[1], b[2], b[3]);
            self.result = [d0, d1];
            self.remaining = 2;
        }
        self.remaining -= 1;
        self.result[self.remaining]
    }
}

// ---------------------------------------------------------------- sharding

/// Eigen's `TensorCostModel` constants.
const STARTUP_CYCLES: f64 = 100_000.0;
const PER_THREAD_CYCLES: f64 = 100_000.0;
const TASK_SIZE: f64 = 40_000.0;

fn div_ceil_i64(a: i64, b: i64) -> i64 {
    (a + b - 1) / b
}

/// `TensorCostModel::numThreads(n, TensorOpCost(0, 0, cost), max_threads)`.
fn cost_model_threads(n: i64, cost_per_unit: f64, max_threads: i64) -> i64 {
    let total = n as f64 * cost_per_unit;
    let threads = ((total - STARTUP_CYCLES) / PER_THREAD_CYCLES + 0.9).min(i32::MAX as f64);
    max_threads.min((threads as i32).max(1) as i64)
}

/// `ThreadPoolDevice::CalculateParallelForBlock` (no block alignment):
/// the block size the pool splits `[0, n)` into.
fn parallel_for_block_size(n: i64, cost_per_unit: f64, threads: i64) -> i64 {
    let block_size_f = 1.0 / (cost_per_unit / TASK_SIZE);
    let max_oversharding_factor = 4;
    let mut block_size =
        n.min(div_ceil_i64(n, max_oversharding_factor * threads).max(block_size_f as i64));
    let max_block_size = n.min(2 * block_size);
    let mut block_count = div_ceil_i64(n, block_size);
    let efficiency = |count: i64| count as f64 / (div_ceil_i64(count, threads) * threads) as f64;
    let mut max_efficiency = efficiency(block_count);
    let mut prev_block_count = block_count;
    while max_efficiency < 1.0 && prev_block_count > 1 {
        let coarser_block_size = div_ceil_i64(n, prev_block_count - 1);
        if coarser_block_size > max_block_size {
            break;
        }
        let coarser_block_count = div_ceil_i64(n, coarser_block_size);
        prev_block_count = coarser_block_count;
        let coarser_efficiency = efficiency(coarser_block_count);
        if coarser_efficiency + 0.01 >= max_efficiency {
            block_size = coarser_block_size;
            block_count = coarser_block_count;
            if max_efficiency < coarser_efficiency {
                max_efficiency = coarser_efficiency;
            }
        }
    }
    let _ = block_count;
    block_size
}

/// The `[start, limit)` ranges TensorFlow's `Shard(num_threads, pool, total,
/// cost_per_unit, work)` calls `work` with, for a session whose intra-op pool
/// has `num_threads` threads (`intra_op_parallelism_threads`; by default the
/// number of logical CPUs). Shard goes through `ThreadPool::ParallelFor`, i.e.
/// Eigen's `ThreadPoolDevice::parallelFor` with `TensorOpCost(0, 0, cost)`,
/// whose leaves are consecutive blocks of one block size.
pub fn shard_ranges(num_threads: usize, total: i64, cost_per_unit: i64) -> Vec<(i64, i64)> {
    if total <= 0 {
        return Vec::new();
    }
    let threads = num_threads as i64;
    let cost = cost_per_unit as f64;
    if threads <= 1 || total == 1 || cost_model_threads(total, cost, threads) == 1 {
        return vec![(0, total)];
    }
    let block = parallel_for_block_size(total, cost, threads);
    (0..total)
        .step_by(block as usize)
        .map(|s| (s, (s + block).min(total)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_strings() {
        assert_eq!(shape_debug_string(&[]), "[]");
        assert_eq!(shape_debug_string(&[2, 3, 4]), "[2,3,4]");
    }

    #[test]
    fn small_work_is_one_shard() {
        assert_eq!(shard_ranges(8, 2, 8075), vec![(0, 2)]);
        assert_eq!(shard_ranges(1, 1000, 1 << 20), vec![(0, 1000)]);
        assert!(shard_ranges(8, 0, 10).is_empty());
    }

    #[test]
    fn big_work_is_split_into_equal_blocks() {
        // cost 1e5/unit, 100 units, 4 threads: ceil(100/16) = 7 = block from
        // oversharding; efficiency 15 blocks/16 < 1, coarsen to 8 blocks (13).
        let r = shard_ranges(4, 100, 100_000);
        let sizes: Vec<i64> = r.iter().map(|(a, b)| b - a).collect();
        assert_eq!(r.first().unwrap().0, 0);
        assert_eq!(r.last().unwrap().1, 100);
        assert!(sizes[..sizes.len() - 1].iter().all(|&s| s == sizes[0]));
    }

    #[test]
    fn uniform_doubles_hand_out_last_first() {
        let mut g = PhiloxRandom::new(1, 2);
        let mut peek = g;
        let b = peek.next_block();
        let mut u = UniformDoubles::new();
        assert_eq!(u.next(&mut g), uint64_to_double(b[2], b[3]));
        assert_eq!(u.next(&mut g), uint64_to_double(b[0], b[1]));
    }

    #[test]
    fn libm_calls() {
        assert_eq!(exp(0.0), 1.0);
        assert_eq!(log1p(0.0), 0.0);
        assert_eq!(pow(2.0, 10.0), 1024.0);
        assert_eq!(lgamma(1.0), 0.0);
        assert!((lgamma(4.0) - 6f64.ln()).abs() < 1e-15);
    }
}
