//! Data movement: `Transpose`, `ConcatV2`, `Tile`, `ReverseV2`, `ExpandDims`.
//!
//! These only copy elements, so they are exact for every dtype by
//! construction; what must match TF is which inputs they reject, with TF's
//! error class and words (`transpose_op.cc`, `concat_op.cc`, `tile_ops.cc`,
//! `reverse_op.cc`, `array_ops.cc`'s ExpandDims kernel). Every output buffer
//! is allocated through `crate::alloc`, so an output beyond memory is
//! ResourceExhausted.

use super::eigen_reduce::Target;
use crate::alloc::{num_elements, try_to_owned, TfName};
use crate::error::{Error, Result};
use crate::value::Value;
use ndarray::{ArrayD, ArrayViewD, Axis, IxDyn, Slice};

/// The ops of this file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Movement {
    Transpose,
    ConcatV2,
    Tile,
    ReverseV2,
    ExpandDims,
}

/// Run one of these ops on its input values (ConcatV2: the values, then the
/// axis); `target` words ConcatV2's shape error as that TF does.
pub fn compute(op: Movement, inputs: &[&Value], target: Target) -> Result<Value> {
    let arg = |i: usize| {
        inputs
            .get(i)
            .copied()
            .ok_or_else(|| Error::internal(format!("{op:?} without input {i}")))
    };
    match op {
        Movement::Transpose => transpose(arg(0)?, &ints(arg(1)?, "perm")?),
        Movement::ConcatV2 => {
            let (axis, values) = inputs
                .split_last()
                .ok_or_else(|| Error::internal("ConcatV2 without inputs"))?;
            concat(values, axis, target)
        }
        Movement::Tile => tile(arg(0)?, arg(1)?),
        Movement::ReverseV2 => reverse(arg(0)?, &ints(arg(1)?, "axis")?),
        Movement::ExpandDims => expand_dims(arg(0)?, arg(1)?),
    }
}

fn ints(v: &Value, what: &str) -> Result<Vec<i64>> {
    v.to_i64_vec()
        .ok_or_else(|| Error::invalid_argument(format!("{what} must be int32 or int64")))
}

/// A contiguous copy of a view, allocated fallibly.
fn owned<T: Clone + TfName>(v: ArrayViewD<'_, T>) -> Result<ArrayD<T>> {
    try_to_owned(v)
}

/// `tf.transpose(x, perm)`: output dimension `i` is input dimension `perm[i]`.
pub fn transpose(x: &Value, perm: &[i64]) -> Result<Value> {
    let dims = x.shape().len();
    if perm.len() != dims {
        return Err(Error::invalid_argument(format!(
            "transpose expects a vector of size {dims}. But input(1) is a vector of size {}",
            perm.len()
        )));
    }
    let mut seen = vec![false; dims];
    let mut axes = Vec::with_capacity(dims);
    for &d in perm {
        if d < 0 || d >= dims as i64 {
            return Err(Error::invalid_argument(format!(
                "{d} is out of range [0 .. {dims})"
            )));
        }
        seen[d as usize] = true;
        axes.push(d as usize);
    }
    if let Some(i) = seen.iter().position(|&b| !b) {
        let list: Vec<String> = perm.iter().map(|p| p.to_string()).collect();
        return Err(Error::invalid_argument(format!(
            "{i} is missing from {{{}}}.",
            list.join(",")
        )));
    }
    Ok(crate::map_array!(x, a => owned(a.view().permuted_axes(IxDyn(&axes)))?))
}

/// `tf.concat(values, axis)`: the values joined along `axis`.
pub fn concat(values: &[&Value], axis: &Value, target: Target) -> Result<Value> {
    let first = values
        .first()
        .ok_or_else(|| Error::invalid_argument("ConcatOp : Expected at least one input"))?;
    let axis_v = ints(axis, "axis")?;
    if axis_v.len() != 1 || !axis.shape().is_empty() {
        return Err(Error::invalid_argument(format!(
            "Concat dim tensor should be a scalar integer, but got shape {}",
            super::common::shape_debug_string(axis.shape())
        )));
    }
    let shape0 = first.shape();
    let rank = shape0.len() as i64;
    let a = axis_v[0];
    if !((-rank..rank).contains(&a) || rank == 0 && a == 0) {
        return Err(Error::invalid_argument(format!(
            "ConcatOp : Expected concatenating dimensions in the range [{}, {rank}), but got {a}",
            -rank
        )));
    }
    if rank == 0 {
        return Err(Error::invalid_argument(
            "ConcatOp : Can't concatenate scalars (use tf.stack instead)",
        ));
    }
    let ax = if a < 0 { a + rank } else { a } as usize;
    for (i, v) in values.iter().enumerate().skip(1) {
        let s = v.shape();
        let dbg = super::common::shape_debug_string;
        if s.len() != shape0.len() {
            return Err(Error::invalid_argument(format!(
                "ConcatOp : Ranks of all input tensors should match: shape[0] = {} vs. \
                 shape[{i}] = {}",
                dbg(shape0),
                dbg(s)
            )));
        }
        let differs = s
            .iter()
            .zip(shape0)
            .enumerate()
            .position(|(j, (x, y))| j != ax && x != y);
        if let Some(j) = differs {
            let what = match target {
                Target::Tf1 => "Dimensions of inputs should match".to_string(),
                Target::Tf2 => format!("Dimension {j} in both shapes must be equal"),
            };
            return Err(Error::invalid_argument(format!(
                "ConcatOp : {what}: shape[0] = {} vs. shape[{i}] = {}",
                dbg(shape0),
                dbg(s)
            )));
        }
        if v.dtype() != first.dtype() {
            return Err(Error::invalid_argument(
                "ConcatOp : inputs of different dtypes",
            ));
        }
    }
    let mut out_shape = shape0.to_vec();
    out_shape[ax] = values.iter().map(|v| v.shape()[ax]).sum();
    num_elements(&out_shape)?;
    macro_rules! join {
        ($variant:ident) => {{
            let arrays: Vec<_> = values
                .iter()
                .filter_map(|v| match v {
                    Value::$variant(x) => Some(x),
                    _ => None,
                })
                .collect();
            Value::$variant(concat_arrays(&arrays, ax, &out_shape)?)
        }};
    }
    Ok(match first {
        Value::F16(_) => join!(F16),
        Value::BF16(_) => join!(BF16),
        Value::F32(_) => join!(F32),
        Value::F64(_) => join!(F64),
        Value::I32(_) => join!(I32),
        Value::I64(_) => join!(I64),
        Value::Bool(_) => join!(Bool),
        Value::I8(_) => join!(I8),
        Value::I16(_) => join!(I16),
        Value::U8(_) => join!(U8),
        Value::U16(_) => join!(U16),
        Value::U32(_) => join!(U32),
        Value::U64(_) => join!(U64),
        Value::C64(_) => join!(C64),
        Value::C128(_) => join!(C128),
        Value::Str(_) => join!(Str),
    })
}

/// Row-major concatenation: for each index of the dimensions before `ax`,
/// each input's contiguous run of the dimensions from `ax` on, in order.
fn concat_arrays<T: Clone + TfName>(
    arrays: &[&ArrayD<T>],
    ax: usize,
    out_shape: &[usize],
) -> Result<ArrayD<T>> {
    let n = crate::alloc::output_len::<T>(out_shape)?;
    let mut out = crate::alloc::try_vec(n, out_shape)?;
    let outer: usize = out_shape[..ax].iter().product();
    let flats: Vec<std::borrow::Cow<'_, [T]>> = arrays
        .iter()
        .map(|a| match a.as_slice() {
            Some(s) => Ok(std::borrow::Cow::Borrowed(s)),
            None => crate::alloc::try_flat(a).map(std::borrow::Cow::Owned),
        })
        .collect::<Result<_>>()?;
    let runs: Vec<usize> = arrays
        .iter()
        .map(|a| a.shape()[ax..].iter().product())
        .collect();
    for o in 0..outer {
        for (f, &run) in flats.iter().zip(&runs) {
            let part = f
                .get(o * run..(o + 1) * run)
                .ok_or_else(|| Error::internal("ConcatV2 input shorter than its shape"))?;
            out.extend_from_slice(part);
        }
    }
    crate::alloc::shaped(out_shape, out)
}

/// `tf.tile(x, multiples)`: `x` repeated `multiples[i]` times along dimension `i`.
pub fn tile(x: &Value, multiples: &Value) -> Result<Value> {
    let shape = x.shape();
    let m = ints(multiples, "multiples")?;
    if multiples.shape().len() != 1 || m.len() != shape.len() {
        return Err(Error::invalid_argument(format!(
            "Expected multiples argument to be a vector of length {} but got length {}",
            shape.len(),
            multiples.shape().first().copied().unwrap_or(0)
        )));
    }
    if let Some((i, &v)) = m.iter().enumerate().find(|(_, &v)| v < 0) {
        return Err(Error::invalid_argument(format!(
            "Expected multiples[{i}] >= 0, but got {v}"
        )));
    }
    let out_shape: Vec<usize> = shape
        .iter()
        .zip(&m)
        .map(|(&d, &k)| d.checked_mul(k as usize))
        .collect::<Option<_>>()
        .ok_or_else(|| Error::invalid_argument("Tile: output shape overflows"))?;
    num_elements(&out_shape)?;
    Ok(crate::map_array!(x, a => tile_array(a, &out_shape)?))
}

fn tile_array<T: Clone + TfName>(a: &ArrayD<T>, out_shape: &[usize]) -> Result<ArrayD<T>> {
    let n = crate::alloc::output_len::<T>(out_shape)?;
    let mut out = crate::alloc::try_vec(n, out_shape)?;
    if n > 0 {
        let in_shape = a.shape();
        let mut idx = vec![0usize; out_shape.len()];
        let mut src = vec![0usize; out_shape.len()];
        for _ in 0..n {
            for (k, (&i, &d)) in idx.iter().zip(in_shape).enumerate() {
                src[k] = i % d;
            }
            let v = a
                .get(IxDyn(&src))
                .ok_or_else(|| Error::internal("Tile index out of range"))?;
            out.push(v.clone());
            for k in (0..idx.len()).rev() {
                idx[k] += 1;
                if idx[k] < out_shape[k] {
                    break;
                }
                idx[k] = 0;
            }
        }
    }
    crate::alloc::shaped(out_shape, out)
}

/// `tf.reverse(x, axis)`: the listed dimensions reversed.
pub fn reverse(x: &Value, axes: &[i64]) -> Result<Value> {
    let rank = x.shape().len() as i64;
    let mut flip = vec![false; rank as usize];
    for (i, &a) in axes.iter().enumerate() {
        let c = if a < 0 { a + rank } else { a };
        if !(0..rank).contains(&c) {
            return Err(Error::invalid_argument(format!(
                "'axis'[{i}] = {a} is out of valid range [0, {}",
                rank - 1
            )));
        }
        if flip[c as usize] {
            return Err(Error::invalid_argument(format!(
                "axis {c} specified more than once."
            )));
        }
        flip[c as usize] = true;
    }
    Ok(crate::map_array!(x, a => {
        let mut v = a.view();
        for (k, &f) in flip.iter().enumerate() {
            if f {
                v.slice_axis_inplace(Axis(k), Slice::new(0, None, -1));
            }
        }
        owned(v)?
    }))
}

/// `tf.expand_dims(x, dim)`: a size-1 dimension inserted at `dim`.
pub fn expand_dims(x: &Value, dim: &Value) -> Result<Value> {
    let d = ints(dim, "dim")?;
    if d.len() != 1 {
        return Err(Error::invalid_argument(format!(
            "'dim' must be a tensor with a single value, but got {} values",
            d.len()
        )));
    }
    let rank = x.shape().len() as i64;
    let mut dim = d[0];
    if dim < -1 - rank || dim > rank {
        return Err(Error::invalid_argument(format!(
            "Tried to expand dim index {dim} for tensor with {rank} dimensions."
        )));
    }
    if dim < 0 {
        dim += rank + 1;
    }
    let mut shape = x.shape().to_vec();
    shape.insert(dim as usize, 1);
    Ok(crate::map_array!(x, a => {
        let v = a.view().into_shape_with_order(IxDyn(&shape))
            .map_err(|e| Error::internal(e.to_string()))?;
        owned(v)?
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(shape: &[usize], data: Vec<i32>) -> Value {
        Value::I32(ArrayD::from_shape_vec(IxDyn(shape), data).unwrap())
    }

    #[test]
    fn moves_elements() {
        let x = v(&[2, 3], (0..6).collect());
        let t = transpose(&x, &[1, 0]).unwrap();
        assert_eq!(t, v(&[3, 2], vec![0, 3, 1, 4, 2, 5]));
        assert!(transpose(&x, &[0, 0]).is_err());
        let one = Value::I32(ArrayD::from_elem(IxDyn(&[]), 1));
        let c = concat(&[&x, &x], &one, Target::Tf1).unwrap();
        assert_eq!(c.shape(), &[2, 6]);
        let m = v(&[2], vec![2, 1]);
        assert_eq!(tile(&x, &m).unwrap().shape(), &[4, 3]);
        let r = reverse(&x, &[1]).unwrap();
        assert_eq!(r, v(&[2, 3], vec![2, 1, 0, 5, 4, 3]));
        let e = expand_dims(&x, &Value::I32(ArrayD::from_elem(IxDyn(&[]), -1))).unwrap();
        assert_eq!(e.shape(), &[2, 3, 1]);
    }
}
