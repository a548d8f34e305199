//! String kernels: `StringLength`, `AsString`, `StringJoin` and string equality, as
//! TF 1.15's `string_length_op.cc`, `as_string_op.cc` and `string_join_op.cc` compute
//! them. Attributes arrive as integers (`ints`): StringLength `[utf8]`, AsString
//! `[precision, scientific, shortest, width, fill byte or -1]`, StringJoin the
//! separator's bytes (at most [`MAX_SEPARATOR`]).

use crate::alloc::try_map;
use crate::error::{Error, Result};
use crate::op::{Built, InferCtx, KernelArgs};
use crate::value::{Bytes, Value};
use ndarray::{ArrayD, IxDyn};

/// Longest StringJoin separator kept in the op (longer ones are built only).
pub const MAX_SEPARATOR: usize = 16;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StringOp {
    /// Bytes, or UTF-8 characters.
    Length {
        utf8: bool,
    },
    /// TF's `%f`/`%e`/`%g` formats with the attributes' precision and width.
    AsString {
        precision: i8,
        scientific: bool,
        shortest: bool,
        width: i16,
        fill: u8,
    },
    Join {
        sep: [u8; MAX_SEPARATOR],
        len: u8,
    },
}

/// The string op types.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StringKind {
    Length,
    AsString,
    Join,
}

/// The shape function of `kind`; it computes when its attributes fit.
pub fn infer(kind: StringKind, c: InferCtx) -> Result<Built> {
    let op = kind_for(kind, &c.attrs.ints).filter(|_| !c.ins.is_empty());
    super::dtype_ops::built(op.map(super::dtype_ops::DtypeOp::Str), c)
}

fn kind_for(kind: StringKind, ints: &[i64]) -> Option<StringOp> {
    let at = |i: usize, d: i64| ints.get(i).copied().unwrap_or(d);
    Some(match kind {
        StringKind::Length => StringOp::Length {
            utf8: at(0, 0) != 0,
        },
        StringKind::AsString => StringOp::AsString {
            precision: i8::try_from(at(0, -1)).ok()?,
            scientific: at(1, 0) != 0,
            shortest: at(2, 0) != 0,
            width: i16::try_from(at(3, -1)).ok()?,
            fill: u8::try_from(at(4, b' ' as i64)).ok()?,
        },
        StringKind::Join if ints.len() <= MAX_SEPARATOR => {
            let mut sep = [0u8; MAX_SEPARATOR];
            for (s, &b) in sep.iter_mut().zip(ints) {
                *s = u8::try_from(b).ok()?;
            }
            StringOp::Join {
                sep,
                len: ints.len() as u8,
            }
        }
        _ => return None,
    })
}

pub fn equal(a: &ArrayD<Bytes>, b: &ArrayD<Bytes>, want: bool) -> Result<ArrayD<bool>> {
    let shape = super::math::broadcast_shape(a.shape(), b.shape())?;
    let err = || Error::invalid_argument("Incompatible shapes");
    let (av, bv) = (
        a.broadcast(IxDyn(&shape)).ok_or_else(err)?,
        b.broadcast(IxDyn(&shape)).ok_or_else(err)?,
    );
    Ok(ndarray::Zip::from(&av)
        .and(&bv)
        .map_collect(|p, q| (p == q) == want))
}

/// `Add` of strings: concatenation, broadcast.
pub fn concat(a: &ArrayD<Bytes>, b: &ArrayD<Bytes>) -> Result<ArrayD<Bytes>> {
    let shape = super::math::broadcast_shape(a.shape(), b.shape())?;
    crate::alloc::num_elements(&shape)?;
    let err = || Error::invalid_argument("Incompatible shapes");
    let (av, bv) = (
        a.broadcast(IxDyn(&shape)).ok_or_else(err)?,
        b.broadcast(IxDyn(&shape)).ok_or_else(err)?,
    );
    Ok(ndarray::Zip::from(&av).and(&bv).map_collect(|p, q| {
        let mut s = p.clone();
        s.extend_from_slice(q);
        s
    }))
}

fn strings<'a>(v: &'a Value, what: &str) -> Result<&'a ArrayD<Bytes>> {
    match v {
        Value::Str(a) => Ok(a),
        other => Err(Error::invalid_argument(format!(
            "{what} needs string tensors, got {}",
            other.dtype().name()
        ))),
    }
}

/// C's printf of one float with TF's AsString format.
fn format_float(x: f64, precision: i8, scientific: bool, shortest: bool) -> String {
    if x.is_nan() {
        return "nan".to_string();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf" } else { "-inf" }.to_string();
    }
    let p = if precision < 0 { 6 } else { precision as usize };
    if shortest {
        return format_g(x, if precision < 0 { 6 } else { p.max(1) });
    }
    if scientific {
        return format_e(x, p);
    }
    format!("{x:.p$}")
}

/// `%.{p}e`: mantissa, `e`, sign and at least two exponent digits.
fn format_e(x: f64, p: usize) -> String {
    let s = format!("{x:.p$e}");
    let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
    let e: i32 = e.parse().unwrap_or(0);
    format!("{m}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs())
}

/// `%.{p}g`: `%e` or `%f` by the exponent, trailing zeros removed.
fn format_g(x: f64, p: usize) -> String {
    if x == 0.0 {
        return if x.is_sign_negative() { "-0" } else { "0" }.to_string();
    }
    let e = format!("{:.*e}", p - 1, x);
    let exp: i32 = e
        .split_once('e')
        .and_then(|(_, e)| e.parse().ok())
        .unwrap_or(0);
    let trim = |s: String| {
        if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            s
        }
    };
    if exp < -4 || exp >= p as i32 {
        let s = format_e(x, p - 1);
        let (m, rest) = s.split_once('e').unwrap_or((&s, ""));
        format!("{}e{rest}", trim(m.to_string()))
    } else {
        trim(format!("{x:.*}", (p as i32 - 1 - exp).max(0) as usize))
    }
}

fn pad(s: String, width: i16, fill: u8) -> Bytes {
    let mut b = s.into_bytes();
    if width > 0 && b.len() < width as usize {
        let mut out = vec![fill; width as usize - b.len()];
        if fill == b'0' && (b.first() == Some(&b'-') || b.first() == Some(&b'+')) {
            // `%0*d` puts the sign before the zeros.
            out.insert(0, b.remove(0));
        }
        out.extend(b);
        return out;
    }
    b
}

fn as_string(
    v: &Value,
    precision: i8,
    scientific: bool,
    shortest: bool,
    width: i16,
    fill: u8,
) -> Result<ArrayD<Bytes>> {
    let f = |x: f64| {
        pad(
            format_float(x, precision, scientific, shortest),
            width,
            fill,
        )
    };
    let i = |x: i64| pad(x.to_string(), width, fill);
    match v {
        Value::I8(a) => try_map(a, |&x| i(x as i64)),
        Value::I16(a) => try_map(a, |&x| i(x as i64)),
        Value::I32(a) => try_map(a, |&x| i(x as i64)),
        Value::I64(a) => try_map(a, |&x| i(x)),
        Value::F32(a) => try_map(a, |&x| f(x as f64)),
        Value::F64(a) => try_map(a, |&x| f(x)),
        Value::Bool(a) => try_map(a, |&x| pad(x.to_string(), width, fill)),
        Value::C64(a) => try_map(a, |c| {
            let s = format!(
                "({},{})",
                format_float(c.re as f64, precision, scientific, shortest),
                format_float(c.im as f64, precision, scientific, shortest)
            );
            pad(s, width, fill)
        }),
        Value::C128(a) => try_map(a, |c| {
            let s = format!(
                "({},{})",
                format_float(c.re, precision, scientific, shortest),
                format_float(c.im, precision, scientific, shortest)
            );
            pad(s, width, fill)
        }),
        other => Err(Error::invalid_argument(format!(
            "AsString of {} is not supported",
            other.dtype().name()
        ))),
    }
}

/// StringJoin: the inputs broadcast (scalars against one shape), joined with `sep`.
fn join(inputs: &[&Value], sep: &[u8]) -> Result<ArrayD<Bytes>> {
    let arrays = inputs
        .iter()
        .map(|v| strings(v, "StringJoin"))
        .collect::<Result<Vec<_>>>()?;
    let mut shape: Vec<usize> = Vec::new();
    for a in &arrays {
        if a.ndim() > 0 || a.len() != 1 {
            if !shape.is_empty() && shape != a.shape() {
                return Err(Error::invalid_argument(format!(
                    "Input shapes do not match: {:?} vs. {:?}",
                    shape,
                    a.shape()
                )));
            }
            shape = a.shape().to_vec();
        }
    }
    let n: usize = shape.iter().product();
    let mut out: Vec<Bytes> = Vec::with_capacity(n);
    for k in 0..n {
        let mut s = Vec::new();
        for (j, a) in arrays.iter().enumerate() {
            if j > 0 {
                s.extend_from_slice(sep);
            }
            let item = if a.len() == 1 && a.ndim() == 0 {
                a.iter().next()
            } else {
                a.iter().nth(k)
            };
            s.extend_from_slice(item.map(|b| b.as_slice()).unwrap_or(&[]));
        }
        out.push(s);
    }
    crate::alloc::shaped(&shape, out)
}

pub fn compute(op: StringOp, _args: &KernelArgs, inputs: &[&Value]) -> Result<Value> {
    match op {
        StringOp::Length { utf8 } => {
            let a = strings(inputs[0], "StringLength")?;
            try_map(a, |s| {
                if utf8 {
                    s.iter().filter(|&&b| b & 0xc0 != 0x80).count() as i32
                } else {
                    s.len() as i32
                }
            })
            .map(Value::I32)
        }
        StringOp::AsString {
            precision,
            scientific,
            shortest,
            width,
            fill,
        } => as_string(inputs[0], precision, scientific, shortest, width, fill).map(Value::Str),
        StringOp::Join { sep, len } => join(inputs, &sep[..len as usize]).map(Value::Str),
    }
}
