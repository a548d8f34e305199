//! TensorFlow's dtypes, by the names `tf.as_dtype` knows.

use crate::error::{Error, Result};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DType {
    Float16,
    BFloat16,
    Float32,
    Float64,
    Int32,
    Int64,
    Bool,
    String,
    Int8,
    Int16,
    UInt8,
    UInt16,
    UInt32,
    UInt64,
    Complex64,
    Complex128,
}

impl DType {
    pub const ALL: [DType; 16] = [
        DType::Float16,
        DType::BFloat16,
        DType::Float32,
        DType::Float64,
        DType::Int32,
        DType::Int64,
        DType::Bool,
        DType::String,
        DType::Int8,
        DType::Int16,
        DType::UInt8,
        DType::UInt16,
        DType::UInt32,
        DType::UInt64,
        DType::Complex64,
        DType::Complex128,
    ];

    pub fn name(self) -> &'static str {
        match self {
            DType::Float16 => "float16",
            DType::BFloat16 => "bfloat16",
            DType::Float32 => "float32",
            DType::Float64 => "float64",
            DType::Int32 => "int32",
            DType::Int64 => "int64",
            DType::Bool => "bool",
            DType::String => "string",
            DType::Int8 => "int8",
            DType::Int16 => "int16",
            DType::UInt8 => "uint8",
            DType::UInt16 => "uint16",
            DType::UInt32 => "uint32",
            DType::UInt64 => "uint64",
            DType::Complex64 => "complex64",
            DType::Complex128 => "complex128",
        }
    }

    pub fn from_name(name: &str) -> Result<DType> {
        let canonical = match name {
            "half" => "float16",
            "float" => "float32",
            "double" => "float64",
            other => other,
        };
        DType::ALL
            .into_iter()
            .find(|d| d.name() == canonical)
            .ok_or_else(|| Error::type_error(format!("Cannot convert {name:?} to a DType.")))
    }

    pub fn is_floating(self) -> bool {
        matches!(
            self,
            DType::Float16 | DType::BFloat16 | DType::Float32 | DType::Float64
        )
    }

    pub fn is_integer(self) -> bool {
        matches!(
            self,
            DType::Int8
                | DType::Int16
                | DType::Int32
                | DType::Int64
                | DType::UInt8
                | DType::UInt16
                | DType::UInt32
                | DType::UInt64
        )
    }

    /// Whether tensors of this dtype can hold values here (the rest exist for
    /// names and error messages).
    pub fn is_supported(self) -> bool {
        true
    }

    pub fn is_complex(self) -> bool {
        matches!(self, DType::Complex64 | DType::Complex128)
    }

    pub fn size_bytes(self) -> usize {
        match self {
            DType::Bool | DType::Int8 | DType::UInt8 | DType::String => 1,
            DType::Float16 | DType::BFloat16 | DType::Int16 | DType::UInt16 => 2,
            DType::Float32 | DType::Int32 | DType::UInt32 => 4,
            DType::Float64 | DType::Int64 | DType::UInt64 | DType::Complex64 => 8,
            DType::Complex128 => 16,
        }
    }

    /// TF's C++ type name (`DT_FLOAT`'s "float"), used in kernel messages.
    pub fn cpp_name(self) -> &'static str {
        match self {
            DType::Float16 => "half",
            DType::Float32 => "float",
            DType::Float64 => "double",
            other => other.name(),
        }
    }
}
