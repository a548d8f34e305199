//! Runtime tensor values: one n-dimensional array per supported dtype.

use crate::alloc::{try_array_zeros, try_map};
use crate::dtype::DType;
use crate::error::{Error, Result};
use half::{bf16, f16};
use ndarray::ArrayD;
pub use num_complex::{Complex32, Complex64};

/// One element of a string tensor: TF's strings are byte strings.
pub type Bytes = Vec<u8>;

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    F16(ArrayD<f16>),
    BF16(ArrayD<bf16>),
    F32(ArrayD<f32>),
    F64(ArrayD<f64>),
    I32(ArrayD<i32>),
    I64(ArrayD<i64>),
    Bool(ArrayD<bool>),
    I8(ArrayD<i8>),
    I16(ArrayD<i16>),
    U8(ArrayD<u8>),
    U16(ArrayD<u16>),
    U32(ArrayD<u32>),
    U64(ArrayD<u64>),
    C64(ArrayD<Complex32>),
    C128(ArrayD<Complex64>),
    Str(ArrayD<Bytes>),
}

/// Apply the same generic code to whichever array a [`Value`] holds.
#[macro_export]
macro_rules! with_array {
    ($value:expr, $a:ident => $body:expr) => {
        match $value {
            $crate::value::Value::F16($a) => $body,
            $crate::value::Value::BF16($a) => $body,
            $crate::value::Value::F32($a) => $body,
            $crate::value::Value::F64($a) => $body,
            $crate::value::Value::I32($a) => $body,
            $crate::value::Value::I64($a) => $body,
            $crate::value::Value::Bool($a) => $body,
            $crate::value::Value::I8($a) => $body,
            $crate::value::Value::I16($a) => $body,
            $crate::value::Value::U8($a) => $body,
            $crate::value::Value::U16($a) => $body,
            $crate::value::Value::U32($a) => $body,
            $crate::value::Value::U64($a) => $body,
            $crate::value::Value::C64($a) => $body,
            $crate::value::Value::C128($a) => $body,
            $crate::value::Value::Str($a) => $body,
        }
    };
}

/// Rebuild a [`Value`] of the same variant from generic code's result.
#[macro_export]
macro_rules! map_array {
    ($value:expr, $a:ident => $body:expr) => {
        match $value {
            $crate::value::Value::F16($a) => $crate::value::Value::F16($body),
            $crate::value::Value::BF16($a) => $crate::value::Value::BF16($body),
            $crate::value::Value::F32($a) => $crate::value::Value::F32($body),
            $crate::value::Value::F64($a) => $crate::value::Value::F64($body),
            $crate::value::Value::I32($a) => $crate::value::Value::I32($body),
            $crate::value::Value::I64($a) => $crate::value::Value::I64($body),
            $crate::value::Value::Bool($a) => $crate::value::Value::Bool($body),
            $crate::value::Value::I8($a) => $crate::value::Value::I8($body),
            $crate::value::Value::I16($a) => $crate::value::Value::I16($body),
            $crate::value::Value::U8($a) => $crate::value::Value::U8($body),
            $crate::value::Value::U16($a) => $crate::value::Value::U16($body),
            $crate::value::Value::U32($a) => $crate::value::Value::U32($body),
            $crate::value::Value::U64($a) => $crate::value::Value::U64($body),
            $crate::value::Value::C64($a) => $crate::value::Value::C64($body),
            $crate::value::Value::C128($a) => $crate::value::Value::C128($body),
            $crate::value::Value::Str($a) => $crate::value::Value::Str($body),
        }
    };
}

impl Value {
    pub fn dtype(&self) -> DType {
        match self {
            Value::F16(_) => DType::Float16,
            Value::BF16(_) => DType::BFloat16,
            Value::F32(_) => DType::Float32,
            Value::F64(_) => DType::Float64,
            Value::I32(_) => DType::Int32,
            Value::I64(_) => DType::Int64,
            Value::Bool(_) => DType::Bool,
            Value::I8(_) => DType::Int8,
            Value::I16(_) => DType::Int16,
            Value::U8(_) => DType::UInt8,
            Value::U16(_) => DType::UInt16,
            Value::U32(_) => DType::UInt32,
            Value::U64(_) => DType::UInt64,
            Value::C64(_) => DType::Complex64,
            Value::C128(_) => DType::Complex128,
            Value::Str(_) => DType::String,
        }
    }

    pub fn shape(&self) -> &[usize] {
        with_array!(self, a => a.shape())
    }

    pub fn len(&self) -> usize {
        with_array!(self, a => a.len())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The integer elements of an int32/int64 tensor, as i64 (shapes, seeds, bounds).
    pub fn to_i64_vec(&self) -> Option<Vec<i64>> {
        match self {
            Value::I32(a) => Some(a.iter().map(|&x| x as i64).collect()),
            Value::I64(a) => Some(a.iter().copied().collect()),
            _ => None,
        }
    }

    /// The single element of a one-element tensor, as f64 (scalar parameters).
    pub fn scalar_f64(&self) -> Option<f64> {
        if self.len() != 1 {
            return None;
        }
        Some(match self {
            Value::F16(a) => a.iter().next()?.to_f64(),
            Value::BF16(a) => a.iter().next()?.to_f64(),
            Value::F32(a) => *a.iter().next()? as f64,
            Value::F64(a) => *a.iter().next()?,
            Value::I32(a) => *a.iter().next()? as f64,
            Value::I64(a) => *a.iter().next()? as f64,
            Value::Bool(a) => *a.iter().next()? as u8 as f64,
            Value::I8(a) => *a.iter().next()? as f64,
            Value::I16(a) => *a.iter().next()? as f64,
            Value::U8(a) => *a.iter().next()? as f64,
            Value::U16(a) => *a.iter().next()? as f64,
            Value::U32(a) => *a.iter().next()? as f64,
            Value::U64(a) => *a.iter().next()? as f64,
            Value::C64(_) | Value::C128(_) | Value::Str(_) => return None,
        })
    }

    /// A zero-filled tensor, or ResourceExhausted.
    pub fn zeros(dtype: DType, shape: &[usize]) -> Result<Value> {
        Ok(match dtype {
            DType::Float16 => Value::F16(try_array_zeros(shape)?),
            DType::BFloat16 => Value::BF16(try_array_zeros(shape)?),
            DType::Float32 => Value::F32(try_array_zeros(shape)?),
            DType::Float64 => Value::F64(try_array_zeros(shape)?),
            DType::Int32 => Value::I32(try_array_zeros(shape)?),
            DType::Int64 => Value::I64(try_array_zeros(shape)?),
            DType::Bool => Value::Bool(try_array_zeros(shape)?),
            DType::Int8 => Value::I8(try_array_zeros(shape)?),
            DType::Int16 => Value::I16(try_array_zeros(shape)?),
            DType::UInt8 => Value::U8(try_array_zeros(shape)?),
            DType::UInt16 => Value::U16(try_array_zeros(shape)?),
            DType::UInt32 => Value::U32(try_array_zeros(shape)?),
            DType::UInt64 => Value::U64(try_array_zeros(shape)?),
            DType::Complex64 => Value::C64(try_array_zeros(shape)?),
            DType::Complex128 => Value::C128(try_array_zeros(shape)?),
            // TF's zero string is the empty one.
            DType::String => Value::Str(crate::alloc::try_array_filled(shape, Vec::new())?),
        })
    }

    /// A copy, or ResourceExhausted where `clone` would abort.
    pub fn try_clone(&self) -> Result<Value> {
        Ok(crate::map_array!(self, a => try_map(a, Clone::clone)?))
    }
}

pub fn unsupported(dtype: DType) -> Error {
    Error::type_error(format!(
        "dtype {} is not supported by philoxflow",
        dtype.name()
    ))
}
