//! Eigen's summation order for TF's CPU reductions (`TensorReduction.h`), so
//! float sums, means and products equal TF's bit for bit.
//!
//! A reduction along the inner-most dimension (and a full one) runs Eigen's
//! `InnerMostDimReducer`: a tree whose leaves are at most `packet * 1024`
//! values (split points aligned to packets of the *absolute* index), each leaf
//! summed in SIMD lanes (TF 2.21's Eigen: four packet accumulators), the lanes
//! folded by `predux` (halving), the tail added in a scalar, and
//! `finalizeBoth` = tail + lanes. Non-vectorised element types (TF 1.15's
//! bfloat16) use the scalar tree: halves of `n / 2` down to 1024 values,
//! summed in order. Any other reduction (outer or middle dimensions) adds in
//! index order, which [`sequential`] does.

/// Which TF's Eigen: the two differ in the leaf loop and the half-type leaves.
pub use crate::op::Target;

/// The reducer: `SumReducer` (also Mean before its division) or `ProdReducer`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Combine {
    Add,
    Mul,
}

/// An element type as Eigen's reducers compute with it.
pub trait Lane: Copy {
    fn zero() -> Self;
    fn one() -> Self;
    fn add(self, o: Self) -> Self;
    fn mul(self, o: Self) -> Self;

    /// `predux` / `predux_mul` of one packet: halves added lane-wise until
    /// one lane is left (AVX: `lo + hi`, then SSE's `movehl`, then lane 1).
    fn predux(lanes: &mut [Self], c: Combine) -> Self {
        let mut len = lanes.len();
        while len > 1 {
            let half = len / 2;
            for i in 0..half {
                lanes[i] = combine(c, lanes[i], lanes[i + half]);
            }
            len = half;
        }
        lanes.first().copied().unwrap_or_else(|| identity(c))
    }
}

#[inline]
pub fn combine<T: Lane>(c: Combine, a: T, b: T) -> T {
    match c {
        Combine::Add => a.add(b),
        Combine::Mul => a.mul(b),
    }
}

#[inline]
pub fn identity<T: Lane>(c: Combine) -> T {
    match c {
        Combine::Add => T::zero(),
        Combine::Mul => T::one(),
    }
}

macro_rules! plain_lane {
    ($t:ty, $zero:expr, $one:expr) => {
        impl Lane for $t {
            #[inline]
            fn zero() -> Self {
                $zero
            }
            #[inline]
            fn one() -> Self {
                $one
            }
            #[inline]
            fn add(self, o: Self) -> Self {
                self + o
            }
            #[inline]
            fn mul(self, o: Self) -> Self {
                self * o
            }
        }
    };
}
plain_lane!(f32, 0.0, 1.0);
plain_lane!(f64, 0.0, 1.0);

macro_rules! complex_lane {
    ($t:ty, $f:ty) => {
        impl Lane for $t {
            #[inline]
            fn zero() -> Self {
                <$t>::new(0.0, 0.0)
            }
            #[inline]
            fn one() -> Self {
                <$t>::new(1.0, 0.0)
            }
            #[inline]
            fn add(self, o: Self) -> Self {
                <$t>::new(self.re + o.re, self.im + o.im)
            }
            /// Eigen's `pmul` of complex packets: no FMA, products then add/sub.
            #[inline]
            fn mul(self, o: Self) -> Self {
                <$t>::new(
                    self.re * o.re - self.im * o.im,
                    self.re * o.im + self.im * o.re,
                )
            }
        }
    };
}
complex_lane!(num_complex::Complex32, f32);
complex_lane!(num_complex::Complex64, f64);

/// Eigen's `half`: every operation in float, rounded to half; a packet's
/// `predux` converts the lanes to float and folds them there, rounding once.
impl Lane for half::f16 {
    fn zero() -> Self {
        half::f16::ZERO
    }
    fn one() -> Self {
        half::f16::ONE
    }
    fn add(self, o: Self) -> Self {
        half::f16::from_f32(self.to_f32() + o.to_f32())
    }
    fn mul(self, o: Self) -> Self {
        half::f16::from_f32(self.to_f32() * o.to_f32())
    }
    fn predux(lanes: &mut [Self], c: Combine) -> Self {
        let mut f: Vec<f32> = lanes.iter().map(|x| x.to_f32()).collect();
        half::f16::from_f32(f32::predux(&mut f, c))
    }
}

/// TF's `bfloat16`: operations in float, rounded to nearest even.
impl Lane for half::bf16 {
    fn zero() -> Self {
        half::bf16::ZERO
    }
    fn one() -> Self {
        half::bf16::ONE
    }
    fn add(self, o: Self) -> Self {
        half::bf16::from_f32(self.to_f32() + o.to_f32())
    }
    fn mul(self, o: Self) -> Self {
        half::bf16::from_f32(self.to_f32() * o.to_f32())
    }
    /// TF 2.21's `Packet8bf` (TF 1.15 has no bfloat16 packets).
    fn predux(lanes: &mut [Self], c: Combine) -> Self {
        let mut f: Vec<f32> = lanes.iter().map(|x| x.to_f32()).collect();
        half::bf16::from_f32(f32::predux(&mut f, c))
    }
}

/// How Eigen reduces one contiguous run for this element type and target.
#[derive(Clone, Copy, Debug)]
pub struct Scheme {
    /// SIMD lanes (`None`: the scalar tree).
    pub packet: Option<usize>,
    /// `LeafSize<T>()`: values (scalar) or packets (vectorised) per leaf.
    pub leaf: usize,
    /// TF 2.21's Eigen sums a leaf in four packet accumulators.
    pub four_accumulators: bool,
}

/// `InnerMostDimReducer::reduce(self, first, n)` over `data` (the whole
/// buffer: the split points depend on the absolute index `first`).
pub fn inner_most<T: Lane>(data: &[T], first: usize, n: usize, c: Combine, s: Scheme) -> T {
    // ProdReducer is "exactly associative" to Eigen: no tree, one leaf.
    let s = match c {
        Combine::Mul => Scheme {
            leaf: usize::MAX / s.packet.unwrap_or(1).max(1),
            ..s
        },
        Combine::Add => s,
    };
    match s.packet {
        None => scalar_tree(data, first, n, c, s.leaf),
        Some(p) => vector_tree(data, first, n, c, p, s),
    }
}

fn scalar_tree<T: Lane>(data: &[T], first: usize, n: usize, c: Combine, leaf: usize) -> T {
    if n > leaf {
        let half = n / 2;
        let acc = combine(c, identity(c), scalar_tree(data, first, half, c, leaf));
        combine(c, acc, scalar_tree(data, first + half, n - half, c, leaf))
    } else {
        sequential(data.iter().skip(first).take(n).copied(), c)
    }
}

/// Values in index order, from the reducer's identity.
pub fn sequential<T: Lane>(values: impl Iterator<Item = T>, c: Combine) -> T {
    values.fold(identity(c), |acc, x| combine(c, acc, x))
}

/// One output of a reduction that keeps the inner-most dimension, its
/// values in index order: TF 2.21's `InnerMostDimPreserver` (`four`: a whole
/// packet of outputs, 16 values or more) adds them in four accumulators by
/// index mod 4 up to a multiple of 4, folds those in order, then adds the
/// rest; otherwise (and in TF 1.15) in index order.
pub fn preserved<T: Lane>(values: impl Iterator<Item = T>, c: Combine, four: Option<usize>) -> T {
    let Some(size) = four else {
        return sequential(values, c);
    };
    let u4 = size / 4 * 4;
    let mut acc = [identity::<T>(c); 4];
    let mut rest = identity::<T>(c);
    for (j, x) in values.enumerate() {
        if j < u4 {
            acc[j % 4] = combine(c, acc[j % 4], x);
        } else {
            if j == u4 {
                rest = combine(c, combine(c, combine(c, acc[0], acc[1]), acc[2]), acc[3]);
            }
            rest = combine(c, rest, x);
        }
    }
    if size == u4 {
        rest = combine(c, combine(c, combine(c, acc[0], acc[1]), acc[2]), acc[3]);
    }
    rest
}

fn vector_tree<T: Lane>(data: &[T], first: usize, n: usize, c: Combine, p: usize, s: Scheme) -> T {
    if n > p * s.leaf {
        let split = p * (first + n.div_ceil(2)).div_ceil(p);
        let left = (split - first).min(n);
        let mut acc = combine(c, identity(c), vector_tree(data, first, left, c, p, s));
        if left < n {
            acc = combine(c, acc, vector_tree(data, split, n - left, c, p, s));
        }
        acc
    } else {
        leaf(data, first, n, c, p, s.four_accumulators)
    }
}

/// One leaf: packets accumulated lane-wise, the tail in a scalar,
/// `finalizeBoth(tail, predux(lanes))`.
fn leaf<T: Lane>(data: &[T], first: usize, n: usize, c: Combine, p: usize, four: bool) -> T {
    let x = |i: usize| data.get(first + i).copied().unwrap_or_else(|| identity(c));
    let mut acc0: Vec<T> = vec![identity(c); p];
    let mut start = 0;
    let add_packet = |acc: &mut [T], at: usize| {
        for (l, a) in acc.iter_mut().enumerate() {
            *a = combine(c, *a, x(at + l));
        }
    };
    if four && n >= 4 * p {
        let v4 = n / (4 * p) * (4 * p);
        let mut acc1 = acc0.clone();
        let mut acc2 = acc0.clone();
        let mut acc3 = acc0.clone();
        let mut j = 0;
        while j < v4 {
            add_packet(&mut acc0, j);
            add_packet(&mut acc1, j + p);
            add_packet(&mut acc2, j + 2 * p);
            add_packet(&mut acc3, j + 3 * p);
            j += 4 * p;
        }
        for other in [&acc1, &acc2, &acc3] {
            for (a, b) in acc0.iter_mut().zip(other.iter()) {
                *a = combine(c, *a, *b);
            }
        }
        start = v4;
    }
    let vec_end = n / p * p;
    let mut j = start;
    while j < vec_end {
        add_packet(&mut acc0, j);
        j += p;
    }
    start = start.max(vec_end);
    let tail = sequential((start..n).map(x), c);
    combine(c, tail, T::predux(&mut acc0, c))
}

/// `TensorCostModel::numThreads` for a vectorised full reduction of `n`
/// values of `bytes` each with `packet` lanes.
pub fn full_reduction_threads(n: usize, bytes: usize, packet: usize, max_threads: usize) -> usize {
    // The reducer's cost is `functor_traits<Op>::Cost`: Eigen specialises it for
    // no reducer, so it is the default 10 cycles (per packet when vectorised).
    let per_coeff = bytes as f64 * (1.0 / 64.0 * 11.0) + 10.0 / packet as f64;
    let cost = n as f64 * per_coeff;
    let threads = ((cost - 100000.0) / 100000.0 + 0.9).min(i32::MAX as f64);
    (threads as i64).max(1).min(max_threads as i64) as usize
}

/// `FullReducer<ThreadPoolDevice>`: `threads` equal blocks reduced apart (a
/// remainder block first), then the blocks added in order.
pub fn full<T: Lane>(data: &[T], c: Combine, s: Scheme, threads: usize, t: Target) -> T {
    let n = data.len();
    if threads <= 1 || n == 0 {
        return inner_most(data, 0, n, c, s);
    }
    let block = match t {
        // TF 1.15's Eigen: `std::floor<Index>(static_cast<float>(n) / threads)`.
        Target::Tf1 => (n as f32 / threads as f32).floor() as usize,
        Target::Tf2 => n / threads,
    };
    let blocks = n.checked_div(block).unwrap_or(0);
    let mut acc = if blocks * block < n {
        inner_most(data, blocks * block, n - blocks * block, c, s)
    } else {
        identity(c)
    };
    for i in 0..blocks {
        acc = combine(c, acc, inner_most(data, i * block, block, c, s));
    }
    acc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn predux_folds_halves() {
        let mut v = [1.0f32, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0];
        assert_eq!(f32::predux(&mut v, Combine::Add), 36.0);
        let s = Scheme {
            packet: Some(8),
            leaf: 1024,
            four_accumulators: true,
        };
        let data: Vec<f32> = (0..100).map(|i| i as f32).collect();
        assert_eq!(inner_most(&data, 0, 100, Combine::Add, s), 4950.0);
        assert_eq!(full(&data, Combine::Add, s, 2, Target::Tf2), 4950.0);
    }

    #[test]
    fn threads_follow_the_cost_model() {
        assert_eq!(full_reduction_threads(100_000, 4, 8, 2), 1);
        assert_eq!(full_reduction_threads(110_000, 4, 8, 2), 2);
        assert_eq!(full_reduction_threads(1 << 20, 4, 8, 2), 2);
        assert_eq!(full_reduction_threads(1 << 20, 4, 8, 1), 1);
    }
}
