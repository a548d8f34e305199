//! `tf.linspace` as TF 2.21 computes it (`math_ops.linspace_nd`, which
//! `tf.compat.v1.linspace` is): for start/stop of any (broadcastable) shapes
//! and an `axis`, values `start + delta * k` with `delta = (stop - start) /
//! max(num - 1, 1)`, each op rounded in the dtype, the first value `start`
//! and the last `stop`.
//!
//! TF builds this from ~70 small ops; their bits come down to:
//! - `num` is cast to int32 (`convert_to_int_tensor`), so `2**32 + 3` is 3;
//!   a negative `num` fails in `range(1, -1)`: "Requires start <= limit when
//!   delta > 0: 1/-1".
//! - `k` is `cast(range(1, num - 1, dtype=int64), dtype)`.
//! - `delta` is a `RealDiv` by `cast(n_steps)`; when `num` is a constant and
//!   start or stop is not, Grappler's constant folding makes the divisor a
//!   constant and rewrites the division to a multiplication by its reciprocal
//!   rounded in the dtype (`reciprocal`). Fully constant inputs are folded by
//!   evaluation (plain division).
//! - Integer start/stop subtract in their own type (wrapping), then the true
//!   division casts to float64; the output is float64.

use crate::alloc::{num_elements, output_len, shaped, try_collect, try_vec};
use crate::error::{Error, Result};
use crate::value::Value;
use half::{bf16, f16};
use ndarray::{ArrayD, IxDyn};

/// The arithmetic of one dtype: `sub`, `div`/`mul`, `add` rounded in it.
trait LinNum: Copy {
    fn sub(self, o: Self) -> Self;
    fn div(self, o: Self) -> Self;
    fn mul(self, o: Self) -> Self;
    fn add(self, o: Self) -> Self;
    /// `Cast(int64 -> dtype)`.
    fn from_i64(k: i64) -> Self;
    fn one() -> Self;
}

macro_rules! lin_native {
    ($t:ty) => {
        impl LinNum for $t {
            fn sub(self, o: Self) -> Self {
                self - o
            }
            fn div(self, o: Self) -> Self {
                self / o
            }
            fn mul(self, o: Self) -> Self {
                self * o
            }
            fn add(self, o: Self) -> Self {
                self + o
            }
            fn from_i64(k: i64) -> Self {
                k as $t
            }
            fn one() -> Self {
                1.0
            }
        }
    };
}
lin_native!(f32);
lin_native!(f64);

macro_rules! lin_narrow {
    ($t:ty) => {
        impl LinNum for $t {
            fn sub(self, o: Self) -> Self {
                <$t>::from_f32(self.to_f32() - o.to_f32())
            }
            fn div(self, o: Self) -> Self {
                <$t>::from_f32(self.to_f32() / o.to_f32())
            }
            fn mul(self, o: Self) -> Self {
                <$t>::from_f32(self.to_f32() * o.to_f32())
            }
            fn add(self, o: Self) -> Self {
                <$t>::from_f32(self.to_f32() + o.to_f32())
            }
            fn from_i64(k: i64) -> Self {
                <$t>::from_f32(k as f32)
            }
            fn one() -> Self {
                <$t>::ONE
            }
        }
    };
}
lin_narrow!(f16);
lin_narrow!(bf16);

/// `num` as TF reads it: an int32/int64 scalar, cast to int32.
fn num_value(v: &Value) -> Result<i32> {
    match (v, v.shape().is_empty()) {
        (Value::I32(a), true) => Ok(a.iter().copied().next().unwrap_or(0)),
        (Value::I64(a), true) => Ok(a.iter().copied().next().unwrap_or(0) as i32),
        _ => Err(Error::invalid_argument(format!(
            "num must be an int32 or int64 scalar, got shape {}",
            super::common::shape_debug_string(v.shape())
        ))),
    }
}

fn lin<T: LinNum + crate::alloc::TfName>(
    start: &ArrayD<T>,
    stop: &ArrayD<T>,
    num: usize,
    axis: usize,
    reciprocal: bool,
) -> Result<ArrayD<T>> {
    let b = super::math::broadcast_shape(start.shape(), stop.shape())?;
    let (s, e) = match (start.broadcast(IxDyn(&b)), stop.broadcast(IxDyn(&b))) {
        (Some(s), Some(e)) => (s, e),
        _ => {
            return Err(Error::internal(
                "linspace: broadcast of checked shapes failed",
            ))
        }
    };
    let mut out_shape = b.clone();
    out_shape.insert(axis, num);
    let n = output_len::<T>(&out_shape)?;
    let n_steps = T::from_i64((num as i64 - 1).max(1));
    let inv = T::one().div(n_steps);
    let mut out = try_vec::<T>(n, &out_shape)?;
    // Row-major over out_shape = pre ++ [num] ++ post.
    let pre: usize = b[..axis].iter().product();
    let post: usize = b[axis..].iter().product();
    let s_flat = try_collect(s.len(), s.iter().copied(), &b)?;
    let e_flat = try_collect(e.len(), e.iter().copied(), &b)?;
    for p in 0..pre {
        for k in 0..num {
            for q in 0..post {
                let (a, z) = (s_flat[p * post + q], e_flat[p * post + q]);
                out.push(if k == 0 {
                    a
                } else if k == num - 1 {
                    z
                } else {
                    let diff = z.sub(a);
                    let delta = if reciprocal {
                        diff.mul(inv)
                    } else {
                        diff.div(n_steps)
                    };
                    a.add(delta.mul(T::from_i64(k as i64)))
                });
            }
        }
    }
    shaped(&out_shape, out)
}

/// Integer start/stop: wrapping difference, then float64 arithmetic.
fn lin_int(
    start: &ArrayD<i64>,
    stop: &ArrayD<i64>,
    wrap32: bool,
    num: usize,
    axis: usize,
    reciprocal: bool,
) -> Result<ArrayD<f64>> {
    let b = super::math::broadcast_shape(start.shape(), stop.shape())?;
    let (s, e) = match (start.broadcast(IxDyn(&b)), stop.broadcast(IxDyn(&b))) {
        (Some(s), Some(e)) => (s, e),
        _ => {
            return Err(Error::internal(
                "linspace: broadcast of checked shapes failed",
            ))
        }
    };
    let m = s.len();
    let df = try_collect(
        m,
        e.iter().zip(s.iter()).map(|(&z, &a)| {
            if wrap32 {
                (z as i32).wrapping_sub(a as i32) as f64
            } else {
                z.wrapping_sub(a) as f64
            }
        }),
        &b,
    )?;
    let sf = try_collect(m, s.iter().map(|&a| a as f64), &b)?;
    let ef = try_collect(m, e.iter().map(|&z| z as f64), &b)?;
    // Same structure as the float path with diff precomputed.
    let mut out_shape = b.clone();
    out_shape.insert(axis, num);
    let n = output_len::<f64>(&out_shape)?;
    let n_steps = ((num as i64) - 1).max(1) as f64;
    let mut out = try_vec::<f64>(n, &out_shape)?;
    let pre: usize = b[..axis].iter().product();
    let post: usize = b[axis..].iter().product();
    for p in 0..pre {
        for k in 0..num {
            for q in 0..post {
                let i = p * post + q;
                out.push(if k == 0 {
                    sf[i]
                } else if k == num - 1 {
                    ef[i]
                } else {
                    let delta = if reciprocal {
                        df[i] * (1.0 / n_steps)
                    } else {
                        df[i] / n_steps
                    };
                    sf[i] + delta * k as f64
                });
            }
        }
    }
    shaped(&out_shape, out)
}

/// One execution. `axis` may be negative (`-rank - 1 ..= rank` of the
/// broadcast shape, as `expand_dims` takes it).
pub fn compute(
    start: &Value,
    stop: &Value,
    num: &Value,
    axis: i64,
    reciprocal: bool,
) -> Result<Value> {
    let num = num_value(num)?;
    if num < 0 {
        return Err(Error::invalid_argument(format!(
            "Requires start <= limit when delta > 0: 1/{}",
            num as i64 - 1
        )));
    }
    let num = num as usize;
    let rank = super::math::broadcast_shape(start.shape(), stop.shape())?.len() as i64;
    if axis < -rank - 1 || axis > rank {
        return Err(Error::invalid_argument(format!(
            "Tried to expand dim index {axis} for tensor with {rank} dimensions."
        )));
    }
    let axis = if axis < 0 { axis + rank + 1 } else { axis } as usize;
    num_elements(start.shape())?;
    Ok(match (start, stop) {
        (Value::F32(a), Value::F32(b)) => Value::F32(lin(a, b, num, axis, reciprocal)?),
        (Value::F64(a), Value::F64(b)) => Value::F64(lin(a, b, num, axis, reciprocal)?),
        (Value::F16(a), Value::F16(b)) => Value::F16(lin(a, b, num, axis, reciprocal)?),
        (Value::BF16(a), Value::BF16(b)) => Value::BF16(lin(a, b, num, axis, reciprocal)?),
        (Value::I32(a), Value::I32(b)) => Value::F64(lin_int(
            &crate::alloc::try_map(a, |&x| x as i64)?,
            &crate::alloc::try_map(b, |&x| x as i64)?,
            true,
            num,
            axis,
            reciprocal,
        )?),
        (Value::I64(a), Value::I64(b)) => Value::F64(lin_int(a, b, false, num, axis, reciprocal)?),
        _ => {
            return Err(Error::invalid_argument(format!(
                "linspace of {} and {}",
                start.dtype().name(),
                stop.dtype().name()
            )))
        }
    })
}

/// The static output shape: broadcast of start/stop with `num` inserted.
pub fn static_shape(
    start: &Option<Vec<i64>>,
    stop: &Option<Vec<i64>>,
    num: Option<i64>,
    axis: i64,
) -> Option<Vec<i64>> {
    let (a, b) = (start.as_ref()?, stop.as_ref()?);
    let n = a.len().max(b.len());
    let mut out: Vec<i64> = (0..n)
        .map(|i| {
            let da = if i + a.len() >= n {
                a[i + a.len() - n]
            } else {
                1
            };
            let db = if i + b.len() >= n {
                b[i + b.len() - n]
            } else {
                1
            };
            if da == 1 {
                db
            } else {
                da
            }
        })
        .collect();
    let rank = n as i64;
    if axis < -rank - 1 || axis > rank {
        return None;
    }
    let axis = if axis < 0 { axis + rank + 1 } else { axis } as usize;
    out.insert(
        axis,
        num.map_or(-1, |k| if k >= 0 { (k as i32) as i64 } else { -1 })
            .max(-1),
    );
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::arr1;

    #[test]
    fn endpoints_and_wrapped_num() {
        let s = Value::F32(arr1(&[0.0f32, 10.0]).into_dyn());
        let e = Value::F32(arr1(&[1.0f32, 20.0]).into_dyn());
        let num = Value::I64(ndarray::arr0((1i64 << 32) + 3).into_dyn());
        let v = compute(&s, &e, &num, 0, false).unwrap();
        assert_eq!(v.shape(), &[3, 2]);
        assert_eq!(
            v,
            Value::F32(ndarray::arr2(&[[0.0f32, 10.0], [0.5, 15.0], [1.0, 20.0]]).into_dyn())
        );
        let v1 = compute(&s, &e, &num, -1, false).unwrap();
        assert_eq!(v1.shape(), &[2, 3]);
        let neg = Value::I32(ndarray::arr0(-2).into_dyn());
        assert!(compute(&s, &e, &neg, 0, false).is_err());
        assert!(compute(&s, &e, &Value::I32(ndarray::arr0(2).into_dyn()), 3, false).is_err());
    }
}
