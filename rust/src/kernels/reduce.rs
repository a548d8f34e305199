//! `Sum`, `Mean`, `Prod`, `Max`, `Min`: TF's `ReductionOp` (reduction_ops_common.h).
//!
//! TF first simplifies the reduction (`ReductionHelper::Simplify`): size-1
//! dimensions join their neighbours' run and adjacent reduced / kept
//! dimensions merge, leaving 1-D (full), 2-D or 3-D forms that Eigen reduces
//! directly, and anything else is transposed to `[kept, reduced]` and reduced
//! along its inner dimension. The form decides the summation order
//! (`eigen_reduce.rs`), so floats equal TF's bit for bit. Integer results do
//! not depend on the order (wrapping arithmetic, comparisons).

use super::eigen_reduce::{self as eigen, Combine, Lane, Scheme, Target};
use crate::alloc::{shaped, try_vec, TfName};
use crate::error::{Error, Result};
use crate::value::Value;
use half::{bf16, f16};
use num_complex::{Complex32, Complex64};

/// The reduction ops of this file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reduction {
    Sum,
    Mean,
    Prod,
    Max,
    Min,
}

/// `ReductionHelper::Simplify`'s result.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// The input's shape as alternating runs of kept / reduced dimensions.
    pub dims: Vec<usize>,
    /// Whether `dims[0]` (and every second run after it) is reduced.
    pub reduce_first: bool,
    /// The op's output shape.
    pub out_shape: Vec<usize>,
}

impl Plan {
    /// Nothing to reduce: TF copies the input (a Mean does not divide).
    pub fn is_trivial(&self) -> bool {
        self.dims.is_empty() || (self.dims.len() == 1 && !self.reduce_first)
    }
}

/// TF's `ReductionHelper::Simplify`, with its error for an axis out of range.
pub fn simplify(shape: &[usize], axes: &Value, keep_dims: bool, target: Target) -> Result<Plan> {
    let axes = axes
        .to_i64_vec()
        .ok_or_else(|| Error::invalid_argument("reduction axes must be int32 or int64"))?;
    let rank = shape.len() as i64;
    let mut bitmap = vec![false; shape.len()];
    for &a in &axes {
        if a < -rank || a >= rank {
            return Err(Error::invalid_argument(format!(
                "Invalid reduction dimension ({a} for input with {rank} dimension(s)"
            )));
        }
        let i = ((a + rank) % rank) as usize;
        // TF 2.21 refuses an axis given twice; TF 1.15 reduces it once.
        if target == Target::Tf2 && bitmap.get(i) == Some(&true) {
            return Err(Error::invalid_argument(format!(
                "Invalid reduction arguments: Axes contains duplicate dimension: {i}"
            )));
        }
        if let Some(b) = bitmap.get_mut(i) {
            *b = true;
        }
    }
    let mut out_shape = Vec::new();
    for (i, &d) in shape.iter().enumerate() {
        if !bitmap[i] {
            out_shape.push(d);
        } else if keep_dims {
            out_shape.push(1);
        }
    }
    let mut dims: Vec<usize> = Vec::new();
    let Some(start) = shape.iter().position(|&d| d != 1) else {
        return Ok(Plan {
            dims,
            reduce_first: true,
            out_shape,
        });
    };
    let reduce_first = bitmap[start];
    dims.push(shape[start]);
    for i in start + 1..shape.len() {
        if shape[i] == 1 {
            bitmap[i] = bitmap[i - 1];
        }
        match dims.last_mut() {
            Some(last) if bitmap[i - 1] == bitmap[i] => *last *= shape[i],
            _ => dims.push(shape[i]),
        }
    }
    Ok(Plan {
        dims,
        reduce_first,
        out_shape,
    })
}

/// Reduce `input` over `axes` as TF's CPU kernel of `op` does for `target`,
/// with `threads` intra-op threads (large full reductions shard by them).
pub fn reduce(
    op: Reduction,
    input: &Value,
    axes: &Value,
    keep_dims: bool,
    target: Target,
    threads: usize,
) -> Result<Value> {
    let plan = simplify(input.shape(), axes, keep_dims, target)?;
    let k = Kernel {
        op,
        plan: &plan,
        target,
        threads,
    };
    let tf1 = target == Target::Tf1;
    let scheme = |packet: Option<usize>, leaf: usize| Scheme {
        packet,
        leaf,
        four_accumulators: !tf1,
    };
    Ok(match input {
        Value::F32(a) => Value::F32(k.float(a, scheme(Some(8), 1024), true)?),
        Value::F64(a) => Value::F64(k.float(a, scheme(Some(4), 1024), true)?),
        Value::F16(a) => {
            Value::F16(k.float(a, scheme(Some(8), if tf1 { 1024 } else { 200 }), false)?)
        }
        Value::BF16(a) if tf1 => Value::BF16(k.float(a, scheme(None, 1024), false)?),
        // TF 2.21 sums bfloat16 in float (`CASTING_SPECIALIZATION`).
        Value::BF16(a) if matches!(op, Reduction::Sum | Reduction::Mean) => {
            let wide = crate::alloc::try_map(a, |x| x.to_f32())?;
            let sum = k.float(&wide, scheme(Some(8), 1024), false)?;
            Value::BF16(crate::alloc::try_map(&sum, |&x| bf16::from_f32(x))?)
        }
        Value::BF16(a) => Value::BF16(k.float(a, scheme(Some(8), 128), false)?),
        Value::C64(a) => Value::C64(k.complex(a, scheme(Some(4), 1024))?),
        Value::C128(a) => Value::C128(k.complex(a, scheme(Some(2), 1024))?),
        Value::I32(a) => {
            Value::I32(k.int(a, (|x| x as i64, |x| x as i32), (i32::MIN, i32::MAX))?)
        }
        Value::I64(a) => Value::I64(k.int(a, (|x| x, |x| x), (i64::MIN, i64::MAX))?),
        Value::I8(a) => Value::I8(k.int(a, (|x| x as i64, |x| x as i8), (i8::MIN, i8::MAX))?),
        Value::I16(a) => {
            Value::I16(k.int(a, (|x| x as i64, |x| x as i16), (i16::MIN, i16::MAX))?)
        }
        Value::U8(a) => Value::U8(k.int(a, (|x| x as u64, |x| x as u8), (u8::MIN, u8::MAX))?),
        Value::U16(a) => {
            Value::U16(k.int(a, (|x| x as u64, |x| x as u16), (u16::MIN, u16::MAX))?)
        }
        Value::U32(a) => {
            Value::U32(k.int(a, (|x| x as u64, |x| x as u32), (u32::MIN, u32::MAX))?)
        }
        Value::U64(a) => Value::U64(k.int(a, (|x| x, |x| x), (u64::MIN, u64::MAX))?),
        Value::Bool(_) | Value::Str(_) => {
            return Err(Error::invalid_argument(format!(
                "{op:?} of a {} tensor: TF registers no such kernel",
                input.dtype().name()
            )))
        }
    })
}

struct Kernel<'a> {
    op: Reduction,
    plan: &'a Plan,
    target: Target,
    threads: usize,
}

type Arr<T> = ndarray::ArrayD<T>;
/// Reduces a contiguous run: (buffer, absolute first index, count).
type InnerFn<'a, T, U> = dyn Fn(&[T], usize, usize) -> Result<U> + 'a;
/// Reduces one output's values in order; `Some(n)`: TF 2.21's four lanes over `n`.
type GroupFn<'a, T, U> = dyn Fn(&mut dyn Iterator<Item = T>, Option<usize>) -> Result<U> + 'a;

/// Floats TF's kernels reduce: ordered arithmetic, order-free comparisons.
trait Real: Lane + TfName + PartialOrd {
    const BYTES: usize;
    fn from_count(n: usize) -> Self;
    fn div(self, o: Self) -> Self;
    fn is_nan(self) -> bool;
    fn is_zero(self) -> bool;
    fn infinity(neg: bool) -> Self;
    fn nan() -> Self;
    fn bits(self) -> u64;
    /// TF 1.15's Eigen's `quiet_NaN()` (for half, the bits 0x7c01).
    fn tf1_nan() -> Self {
        Self::nan()
    }
}

macro_rules! real {
    ($t:ty, $bytes:expr, $from:expr, $div:expr, $inf:expr, $nan:expr, $zero:expr) => {
        impl Real for $t {
            const BYTES: usize = $bytes;
            fn from_count(n: usize) -> Self {
                $from(n)
            }
            fn div(self, o: Self) -> Self {
                $div(self, o)
            }
            fn is_nan(self) -> bool {
                self.is_nan()
            }
            fn is_zero(self) -> bool {
                self == $zero
            }
            fn infinity(neg: bool) -> Self {
                if neg {
                    -$inf
                } else {
                    $inf
                }
            }
            fn nan() -> Self {
                $nan
            }
            fn bits(self) -> u64 {
                self.to_bits() as u64
            }
            fn tf1_nan() -> Self {
                if $bytes == 2 && stringify!($t) == "f16" {
                    <$t>::from_bits(0x7c01)
                } else {
                    $nan
                }
            }
        }
    };
}
real!(
    f32,
    4,
    |n| n as f32,
    |a: f32, b| a / b,
    f32::INFINITY,
    f32::NAN,
    0.0
);
real!(
    f64,
    8,
    |n| n as f64,
    |a: f64, b| a / b,
    f64::INFINITY,
    f64::NAN,
    0.0
);
real!(
    f16,
    2,
    |n| f16::from_f64(n as f64),
    |a: f16, b: f16| f16::from_f32(a.to_f32() / b.to_f32()),
    f16::INFINITY,
    f16::NAN,
    f16::ZERO
);
real!(
    bf16,
    2,
    |n| bf16::from_f64(n as f64),
    |a: bf16, b: bf16| bf16::from_f32(a.to_f32() / b.to_f32()),
    bf16::INFINITY,
    bf16::NAN,
    bf16::ZERO
);

/// The op's input as a contiguous row-major buffer.
fn flat<T: Clone + TfName>(a: &Arr<T>) -> Result<std::borrow::Cow<'_, [T]>> {
    match a.as_slice() {
        Some(s) => Ok(std::borrow::Cow::Borrowed(s)),
        None => Ok(std::borrow::Cow::Owned(crate::alloc::try_flat(a)?)),
    }
}

impl Kernel<'_> {
    fn combine(&self) -> Combine {
        match self.op {
            Reduction::Prod => Combine::Mul,
            _ => Combine::Add,
        }
    }

    /// Whether output `o` of `n_out`, in rows of `row` outputs, reducing
    /// `size` values each, is computed by TF 2.21's `InnerMostDimPreserver`
    /// with four packet accumulators: its packet must be whole and within one
    /// row (else Eigen computes each output alone, in order).
    fn four_lanes(
        &self,
        packet: Option<usize>,
        o: usize,
        n_out: usize,
        row: usize,
        size: usize,
    ) -> Option<usize> {
        let p = packet?;
        let base = o - o % p;
        let whole = base + p <= n_out / p * p && base % row + p <= row;
        (self.target == Target::Tf2 && size >= 16 && whole).then_some(size)
    }

    /// Every form of the plan, each output value from `group` (a reducer
    /// over the input indices of one output, in Eigen's order; its flag:
    /// [`Kernel::four_lanes`]) or, for the inner-most forms, from `inner` (a
    /// contiguous run at an absolute index). `packet`: the type's SIMD lanes.
    #[allow(clippy::too_many_arguments)]
    fn run<T: Clone + TfName, U: Clone + TfName>(
        &self,
        x: &[T],
        packet: Option<usize>,
        identity: U,
        copy: impl Fn(&T) -> U,
        inner: &InnerFn<'_, T, U>,
        group: &GroupFn<'_, T, U>,
        full: &dyn Fn(&[T]) -> Result<U>,
    ) -> Result<Arr<U>> {
        let p = self.plan;
        let n_out: usize = p.out_shape.iter().product();
        let mut out: Vec<U> = try_vec(n_out, &p.out_shape)?;
        let d = &p.dims;
        if p.is_trivial() {
            out.extend(x.iter().map(copy));
        } else if n_out == 0 {
        } else if x.is_empty() {
            out.resize(n_out, identity);
        } else if d.len() == 1 {
            out.push(full(x)?);
        } else if d.len() == 2 && p.reduce_first {
            let (rows, cols) = (d[0], d[1]);
            for c in 0..cols {
                let four = self.four_lanes(packet, c, cols, cols, rows);
                out.push(group(
                    &mut (0..rows).filter_map(|r| x.get(r * cols + c).cloned()),
                    four,
                )?);
            }
        } else if d.len() == 2 {
            for r in 0..d[0] {
                out.push(inner(x, r * d[1], d[1])?);
            }
        } else if d.len() == 3 && p.reduce_first {
            let (a, b, c) = (d[0], d[1], d[2]);
            // Eigen's GenericDimReducer: the last reduced dimension outermost.
            for j in 0..b {
                let mut it = (0..c)
                    .flat_map(|k| (0..a).map(move |i| (i * b + j) * c + k))
                    .filter_map(|i| x.get(i).cloned());
                out.push(group(&mut it, None)?);
            }
        } else if d.len() == 3 {
            let (a, b, c) = (d[0], d[1], d[2]);
            for i in 0..a {
                for k in 0..c {
                    let mut it = (0..b).filter_map(|j| x.get((i * b + j) * c + k).cloned());
                    let four = self.four_lanes(packet, i * c + k, a * c, c, b);
                    out.push(group(&mut it, four)?);
                }
            }
        } else {
            // Transposed to [kept runs, reduced runs], then reduced along the inner run.
            let shuffled = self.shuffle(x)?;
            let reduced = shuffled.len() / n_out;
            for r in 0..n_out {
                out.push(inner(&shuffled, r * reduced, reduced)?);
            }
        }
        shaped(&p.out_shape, out)
    }

    /// TF's `DoTranspose` of the simplified input by `helper.permutation()`.
    fn shuffle<T: Clone + TfName>(&self, x: &[T]) -> Result<Vec<T>> {
        let d = &self.plan.dims;
        let rf = self.plan.reduce_first as usize;
        let kept = (d.len() + 1 - rf) / 2;
        let perm: Vec<usize> = (0..kept)
            .map(|i| 2 * i + rf)
            .chain((0..d.len() - kept).map(|i| 2 * i + 1 - rf))
            .collect();
        let a = ndarray::ArrayViewD::from_shape(ndarray::IxDyn(d), x)
            .map_err(|e| Error::internal(e.to_string()))?;
        let t = a.permuted_axes(ndarray::IxDyn(&perm));
        let mut v = try_vec(x.len(), d)?;
        v.extend(t.iter().cloned());
        Ok(v)
    }

    /// The threads Eigen's full reduction of `n` values of `bytes` shards over.
    /// `packet`: the lanes of a type whose reducer cost is Eigen's one cycle
    /// (float, double: verified); `None`: a cost philoxflow does not know,
    /// refused whenever it could make TF shard.
    fn full_threads(&self, n: usize, bytes: usize, packet: Option<usize>) -> Result<usize> {
        match packet {
            Some(p) => Ok(eigen::full_reduction_threads(n, bytes, p, self.threads)),
            None if self.threads > 1 && eigen::full_reduction_threads(n, bytes + 24, 1, 2) > 1 => {
                Err(Error::unimplemented(format!(
                    "philoxflow cannot reproduce TF's {:?} of {n} values of {bytes} bytes \
                     sharded over {} threads",
                    self.op, self.threads
                )))
            }
            None => Ok(1),
        }
    }

    fn float<T: Real>(&self, a: &Arr<T>, s: Scheme, verified_threads: bool) -> Result<Arr<T>> {
        let x = flat(a)?;
        let c = self.combine();
        match self.op {
            Reduction::Max | Reduction::Min => {
                let max = self.op == Reduction::Max;
                let t = self.target;
                let pick = move |it: &mut dyn Iterator<Item = T>, _| extreme(it, max, t);
                let inner = |x: &[T], first: usize, n: usize| {
                    extreme(&mut x.iter().skip(first).take(n).copied(), max, t)
                };
                let full = |x: &[T]| extreme(&mut x.iter().copied(), max, t);
                self.run(&x, s.packet, T::infinity(max), |v| *v, &inner, &pick, &full)
            }
            Reduction::Sum | Reduction::Prod | Reduction::Mean => {
                let group =
                    |it: &mut dyn Iterator<Item = T>, four| Ok(eigen::preserved(it, c, four));
                let inner =
                    |x: &[T], first: usize, n: usize| Ok(eigen::inner_most(x, first, n, c, s));
                let full = |x: &[T]| {
                    let packet = s.packet.filter(|_| verified_threads);
                    let threads = self.full_threads(x.len(), T::BYTES, packet)?;
                    Ok(eigen::full(x, c, s, threads, self.target))
                };
                let empty = match self.op {
                    Reduction::Mean if self.target == Target::Tf1 => T::tf1_nan(),
                    Reduction::Mean => T::nan(),
                    _ => eigen::identity(c),
                };
                let sum = self.run(&x, s.packet, empty, |v| *v, &inner, &group, &full)?;
                if self.op != Reduction::Mean || self.plan.is_trivial() || a.is_empty() {
                    return Ok(sum);
                }
                let count = T::from_count(a.len() / sum.len().max(1));
                Ok(sum.mapv(|v| v.div(count)))
            }
        }
    }

    fn complex<T: Lane + TfName + PartialEq + ComplexDiv>(
        &self,
        a: &Arr<T>,
        s: Scheme,
    ) -> Result<Arr<T>> {
        if matches!(self.op, Reduction::Max | Reduction::Min) {
            return Err(Error::invalid_argument(
                "TF registers no Max/Min kernel for complex tensors",
            ));
        }
        let x = flat(a)?;
        let c = self.combine();
        let group = |it: &mut dyn Iterator<Item = T>, four| Ok(eigen::preserved(it, c, four));
        let inner = |x: &[T], first: usize, n: usize| Ok(eigen::inner_most(x, first, n, c, s));
        let full = |x: &[T]| {
            let threads = self.full_threads(x.len(), std::mem::size_of::<T>(), None)?;
            Ok(eigen::full(x, c, s, threads, self.target))
        };
        let sum = self.run(
            &x,
            s.packet,
            eigen::identity(c),
            |v| *v,
            &inner,
            &group,
            &full,
        )?;
        if self.op == Reduction::Prod && sum.iter().any(|v| !v.is_finite()) {
            // std::complex's multiplication recovers infinities (C99 Annex G);
            // the SIMD one does not: which applied is not modelled here.
            return Err(Error::unimplemented(
                "philoxflow cannot reproduce TF's complex Prod that overflows",
            ));
        }
        if self.op != Reduction::Mean || self.plan.is_trivial() {
            return Ok(sum);
        }
        if a.is_empty() {
            return Ok(sum.mapv(|_| T::nan()));
        }
        let count = a.len() / sum.len().max(1);
        // TF 1.15 divides whole packets of outputs (`pdiv`) apart from the
        // last few (std::complex's division: each part by the count).
        let packet = s.packet.unwrap_or(1);
        let packed = sum.len() / packet * packet;
        let mut i = 0;
        Ok(sum.mapv(|v| {
            let t = if i < packed { self.target } else { Target::Tf2 };
            i += 1;
            v.div_count(count, t)
        }))
    }

    /// Integers: wrapping Sum/Prod (any order gives the same bits). TF 2.21's
    /// Mean sums in 64 bits and divides by the count; TF 1.15's sums in `T`
    /// and divides by the count converted to `T` (which may wrap).
    fn int<T: Copy + TfName, W: Wide>(
        &self,
        a: &Arr<T>,
        (wide, narrow): (impl Fn(T) -> W + Copy, impl Fn(W) -> T + Copy),
        (lowest, highest): (T, T),
    ) -> Result<Arr<T>> {
        let x = flat(a)?;
        let (fold, id): (fn(W, W) -> W, W) = match self.op {
            Reduction::Sum | Reduction::Mean => (W::add, W::from_u64(0)),
            Reduction::Prod => (W::mul, W::from_u64(1)),
            Reduction::Max => (|a, b| a.max(b), wide(lowest)),
            Reduction::Min => (|a, b| a.min(b), wide(highest)),
        };
        let mean = self.op == Reduction::Mean;
        let n_out = self.plan.out_shape.iter().product::<usize>().max(1);
        let count = W::from_u64((a.len() / n_out).max(1) as u64);
        let divisor = match self.target {
            Target::Tf1 => wide(narrow(count)),
            Target::Tf2 => count,
        };
        if mean && divisor == W::from_u64(0) && !a.is_empty() && !self.plan.is_trivial() {
            return Err(Error::unimplemented(format!(
                "TF 1.15 divides by zero here (its Mean divides by the count {} converted to {})",
                a.len() / n_out,
                T::TF_NAME
            )));
        }
        let tf1 = self.target == Target::Tf1;
        let finish = move |v: W| {
            let v = if tf1 { wide(narrow(v)) } else { v };
            narrow(if mean { v.div(divisor) } else { v })
        };
        let group = |it: &mut dyn Iterator<Item = T>, _| Ok(finish(it.map(wide).fold(id, fold)));
        let inner = |x: &[T], first: usize, n: usize| {
            Ok(finish(
                x.iter()
                    .skip(first)
                    .take(n)
                    .map(|&v| wide(v))
                    .fold(id, fold),
            ))
        };
        let full = |x: &[T]| Ok(finish(x.iter().map(|&v| wide(v)).fold(id, fold)));
        self.run(&x, None, narrow(id), |v| *v, &inner, &group, &full)
    }
}

/// The 64-bit integers integer reductions compute in.
trait Wide: Copy + Ord {
    fn from_u64(v: u64) -> Self;
    fn add(self, o: Self) -> Self;
    fn mul(self, o: Self) -> Self;
    fn div(self, o: Self) -> Self;
}

macro_rules! wide {
    ($t:ty) => {
        impl Wide for $t {
            fn from_u64(v: u64) -> Self {
                v as $t
            }
            fn add(self, o: Self) -> Self {
                self.wrapping_add(o)
            }
            fn mul(self, o: Self) -> Self {
                self.wrapping_mul(o)
            }
            fn div(self, o: Self) -> Self {
                self.checked_div(o).unwrap_or(self)
            }
        }
    };
}
wide!(i64);
wide!(u64);

/// The largest (smallest) value. TF 1.15's reducer keeps a value only if it
/// is greater (`t > accum`, `vmaxps(p, accum)`), so NaNs never enter and an
/// all-NaN group gives -inf (+inf); TF 2.21's propagates NaN (the input's
/// NaN: refused when NaNs of different bits compete). Zeros of both signs
/// compete in TF's SIMD lanes, which philoxflow does not model: refused.
fn extreme<T: Real>(it: &mut dyn Iterator<Item = T>, max: bool, target: Target) -> Result<T> {
    let mut best: Option<T> = None;
    let mut nan: Option<T> = None;
    let mut signed_zeros = (false, false);
    for v in it {
        if v.is_nan() {
            if nan.is_some_and(|n| n.bits() != v.bits()) && target == Target::Tf2 {
                return Err(Error::unimplemented(
                    "philoxflow cannot reproduce which of several NaNs TF's Max/Min returns",
                ));
            }
            nan = Some(v);
            continue;
        }
        if v.is_zero() {
            let neg = v.to_bits_sign();
            signed_zeros = (signed_zeros.0 || neg, signed_zeros.1 || !neg);
        }
        best = Some(match best {
            Some(b) if (max && v > b) || (!max && v < b) => v,
            Some(b) => b,
            None => v,
        });
    }
    if let (Some(n), Target::Tf2) = (nan, target) {
        return Ok(n);
    }
    let best = best.unwrap_or_else(|| T::infinity(max));
    if best.is_zero() && signed_zeros.0 && signed_zeros.1 {
        return Err(Error::unimplemented(
            "philoxflow cannot reproduce the sign of TF's Max/Min of +0 and -0",
        ));
    }
    Ok(best)
}

/// The sign bit of a float.
trait SignBit {
    fn to_bits_sign(self) -> bool;
}
impl<T: Real> SignBit for T {
    fn to_bits_sign(self) -> bool {
        // -0 is the only zero whose reciprocal is negative: 1/-0 = -inf.
        T::one().div(self) < T::zero()
    }
}

/// Mean's division of a complex sum by the element count.
trait ComplexDiv: Sized {
    fn div_count(self, n: usize, target: Target) -> Self;
    fn nan() -> Self;
    fn is_finite(&self) -> bool;
}

macro_rules! complex_div {
    ($t:ty, $f:ty) => {
        impl ComplexDiv for $t {
            /// TF 2.21's Eigen divides each part by the count; TF 1.15's
            /// multiplies by the conjugate and divides by the squared norm.
            fn div_count(self, n: usize, target: Target) -> Self {
                let d = n as $f;
                match target {
                    Target::Tf2 => <$t>::new(self.re / d, self.im / d),
                    Target::Tf1 => {
                        let (z, norm) = (-0.0 as $f, d * d + 0.0 * 0.0);
                        <$t>::new(
                            (self.re * d - self.im * z) / norm,
                            (self.re * z + self.im * d) / norm,
                        )
                    }
                }
            }
            fn nan() -> Self {
                <$t>::new(<$f>::NAN, <$f>::NAN)
            }
            fn is_finite(&self) -> bool {
                self.re.is_finite() && self.im.is_finite()
            }
        }
    };
}
complex_div!(Complex32, f32);
complex_div!(Complex64, f64);
