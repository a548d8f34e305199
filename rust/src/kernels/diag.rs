//! `MatrixDiagV3` and `MatrixSetDiagV3` for the main diagonal (`k = 0`), as
//! `linalg_ops.eye` builds them (and so the v1 `identity_initializer`):
//! `eye(n)` is `MatrixDiagV3(ones([n]), k=0, num_rows=-1, num_cols=-1,
//! padding_value=0)`, `eye(r, c)` is `MatrixSetDiagV3(zeros([r, c]),
//! ones([min(r, c)]), k=0)`. Batched inputs (leading dimensions) work.

use crate::alloc::{output_len, shaped, try_filled, try_flat, TfName};
use crate::error::{Error, Result};
use crate::value::Value;
use ndarray::ArrayD;

fn scalar_i64(v: &Value, what: &str) -> Result<i64> {
    match v.to_i64_vec().as_deref() {
        Some(&[x]) => Ok(x),
        _ => Err(Error::invalid_argument(format!(
            "{what} must be an integer scalar, got shape {}",
            super::common::shape_debug_string(v.shape())
        ))),
    }
}

fn main_diagonal_only(k: &Value) -> Result<()> {
    match k.to_i64_vec().as_deref() {
        Some(&[0]) | Some(&[0, 0]) => Ok(()),
        _ => Err(Error::invalid_argument(
            "philoxflow's MatrixDiagV3 and MatrixSetDiagV3 support k = 0 only",
        )),
    }
}

/// `MatrixDiagV3(diagonal, k, num_rows, num_cols, padding_value)`.
pub fn matrix_diag(inputs: &[&Value]) -> Result<Value> {
    let diag = inputs[0];
    main_diagonal_only(inputs[1])?;
    let n = *diag.shape().last().ok_or_else(|| {
        Error::invalid_argument("diagonal must be at least 1-dim, received shape: []")
    })?;
    for (v, what) in [(inputs[2], "num_rows"), (inputs[3], "num_cols")] {
        let x = scalar_i64(v, what)?;
        if x != -1 && x != n as i64 {
            return Err(Error::invalid_argument(format!(
                "philoxflow's MatrixDiagV3 needs {what} -1 or {n} for k = 0, got {x}"
            )));
        }
    }
    if inputs[4].len() != 1 || inputs[4].dtype() != diag.dtype() {
        return Err(Error::invalid_argument(
            "padding_value must be a scalar of the diagonal's dtype",
        ));
    }
    let mut shape = diag.shape().to_vec();
    shape.push(n);
    fn build<T: TfName + Clone>(
        d: &ArrayD<T>,
        pad: &ArrayD<T>,
        shape: &[usize],
        n: usize,
    ) -> Result<ArrayD<T>> {
        let p = pad
            .iter()
            .next()
            .cloned()
            .ok_or_else(|| Error::invalid_argument("empty padding"))?;
        let total = output_len::<T>(shape)?;
        let mut out = try_filled(total, p, shape)?;
        for (b, row) in try_flat(d)?.chunks(n.max(1)).enumerate() {
            for (i, x) in row.iter().enumerate() {
                out[b * n * n + i * n + i] = x.clone();
            }
        }
        shaped(shape, out)
    }
    Ok(match (diag, inputs[4]) {
        (Value::F16(d), Value::F16(p)) => Value::F16(build(d, p, &shape, n)?),
        (Value::BF16(d), Value::BF16(p)) => Value::BF16(build(d, p, &shape, n)?),
        (Value::F32(d), Value::F32(p)) => Value::F32(build(d, p, &shape, n)?),
        (Value::F64(d), Value::F64(p)) => Value::F64(build(d, p, &shape, n)?),
        (Value::I32(d), Value::I32(p)) => Value::I32(build(d, p, &shape, n)?),
        (Value::I64(d), Value::I64(p)) => Value::I64(build(d, p, &shape, n)?),
        (Value::Bool(d), Value::Bool(p)) => Value::Bool(build(d, p, &shape, n)?),
        _ => return Err(Error::invalid_argument("MatrixDiagV3 dtypes differ")),
    })
}

/// `MatrixSetDiagV3(input, diagonal, k)`.
pub fn matrix_set_diag(inputs: &[&Value]) -> Result<Value> {
    let (input, diag) = (inputs[0], inputs[1]);
    main_diagonal_only(inputs[2])?;
    let s = input.shape();
    if s.len() < 2 {
        return Err(Error::invalid_argument(format!(
            "input must be at least 2-dim, received shape: {}",
            super::common::shape_debug_string(s)
        )));
    }
    let (r, c) = (s[s.len() - 2], s[s.len() - 1]);
    let m = r.min(c);
    let mut want = s[..s.len() - 2].to_vec();
    want.push(m);
    if diag.shape() != want.as_slice() {
        return Err(Error::invalid_argument(format!(
            "diagonal must have shape {}, got {}",
            super::common::shape_debug_string(&want),
            super::common::shape_debug_string(diag.shape())
        )));
    }
    fn build<T: TfName + Clone>(
        a: &ArrayD<T>,
        d: &ArrayD<T>,
        r: usize,
        c: usize,
        m: usize,
    ) -> Result<ArrayD<T>> {
        let mut out = try_flat(a)?;
        for (b, row) in try_flat(d)?.chunks(m.max(1)).enumerate() {
            for (i, x) in row.iter().enumerate() {
                out[b * r * c + i * c + i] = x.clone();
            }
        }
        shaped(a.shape(), out)
    }
    Ok(match (input, diag) {
        (Value::F16(a), Value::F16(d)) => Value::F16(build(a, d, r, c, m)?),
        (Value::BF16(a), Value::BF16(d)) => Value::BF16(build(a, d, r, c, m)?),
        (Value::F32(a), Value::F32(d)) => Value::F32(build(a, d, r, c, m)?),
        (Value::F64(a), Value::F64(d)) => Value::F64(build(a, d, r, c, m)?),
        (Value::I32(a), Value::I32(d)) => Value::I32(build(a, d, r, c, m)?),
        (Value::I64(a), Value::I64(d)) => Value::I64(build(a, d, r, c, m)?),
        (Value::Bool(a), Value::Bool(d)) => Value::Bool(build(a, d, r, c, m)?),
        _ => return Err(Error::invalid_argument("MatrixSetDiagV3 dtypes differ")),
    })
}
