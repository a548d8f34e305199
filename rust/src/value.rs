//! Runtime tensor values: one n-dimensional array per supported dtype.

use crate::dtype::DType;
use crate::error::{Error, Result};
use half::{bf16, f16};
use ndarray::{ArrayD, IxDyn};

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    F16(ArrayD<f16>),
    BF16(ArrayD<bf16>),
    F32(ArrayD<f32>),
    F64(ArrayD<f64>),
    I32(ArrayD<i32>),
    I64(ArrayD<i64>),
    Bool(ArrayD<bool>),
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
        })
    }

    /// A zero-filled tensor (used for empty outputs and tests).
    pub fn zeros(dtype: DType, shape: &[usize]) -> Result<Value> {
        let s = IxDyn(shape);
        Ok(match dtype {
            DType::Float16 => Value::F16(ArrayD::from_elem(s, f16::ZERO)),
            DType::BFloat16 => Value::BF16(ArrayD::from_elem(s, bf16::ZERO)),
            DType::Float32 => Value::F32(ArrayD::zeros(s)),
            DType::Float64 => Value::F64(ArrayD::zeros(s)),
            DType::Int32 => Value::I32(ArrayD::zeros(s)),
            DType::Int64 => Value::I64(ArrayD::zeros(s)),
            DType::Bool => Value::Bool(ArrayD::from_elem(s, false)),
            other => return Err(unsupported(other)),
        })
    }
}

pub fn unsupported(dtype: DType) -> Error {
    Error::type_error(format!(
        "dtype {} is not supported by philoxflow",
        dtype.name()
    ))
}

/// Number of elements of `shape`, or an error when it overflows or cannot be
/// allocated with `elem_bytes` per element.
pub fn checked_num_elements(shape: &[usize], elem_bytes: usize) -> Result<usize> {
    let mut n: usize = 1;
    for &d in shape {
        n = n.checked_mul(d).ok_or_else(|| too_large(shape))?;
    }
    let bytes = n
        .checked_mul(elem_bytes.max(1))
        .ok_or_else(|| too_large(shape))?;
    if bytes > isize::MAX as usize {
        return Err(too_large(shape));
    }
    Ok(n)
}

fn too_large(shape: &[usize]) -> Error {
    Error::resource_exhausted(format!(
        "OOM when allocating tensor with shape{shape:?}: the element count or byte size overflows"
    ))
}

/// Element types whose all-zero buffers the allocator can hand out without
/// writing them (`calloc` of fresh pages), so an output is touched only once:
/// by the kernel that fills it.
pub trait Zeroed: Clone + Sized {
    fn zeroed_vec(n: usize) -> Vec<Self>;
}

macro_rules! zeroed_prim {
    ($($t:ty),*) => {$(
        impl Zeroed for $t {
            fn zeroed_vec(n: usize) -> Vec<Self> {
                vec![0 as $t; n]
            }
        }
    )*};
}
zeroed_prim!(f32, f64, i32, i64, u16, u32);

impl Zeroed for half::f16 {
    fn zeroed_vec(n: usize) -> Vec<Self> {
        vec![half::f16::ZERO; n]
    }
}

impl Zeroed for half::bf16 {
    fn zeroed_vec(n: usize) -> Vec<Self> {
        vec![half::bf16::ZERO; n]
    }
}

impl Zeroed for bool {
    fn zeroed_vec(n: usize) -> Vec<Self> {
        vec![false; n]
    }
}

/// ResourceExhausted unless `bytes` can be allocated now: `try_reserve`
/// reports the failure where `vec!` would abort the process. Kernels probe
/// before reserving generator samples, so a failed run leaves streams as TF's
/// (which allocates its output before reserving).
pub fn probe_alloc(bytes: usize, shape: &[usize]) -> Result<()> {
    let mut probe: Vec<u8> = Vec::new();
    probe.try_reserve_exact(bytes).map_err(|_| {
        Error::resource_exhausted(format!(
            "OOM when allocating tensor with shape{shape:?} ({bytes} bytes)"
        ))
    })
}

/// Outputs at least this large ask the kernel for transparent huge pages: a
/// fresh 64 MB output otherwise costs ~16k page faults, more than generating it.
const HUGE_PAGE_MIN_BYTES: usize = 4 << 20;

/// A zero buffer of `n` elements for an output of `shape`, or
/// ResourceExhausted instead of an abort when it cannot be allocated.
pub fn try_alloc<T: Zeroed>(n: usize, shape: &[usize]) -> Result<Vec<T>> {
    probe_alloc(n * std::mem::size_of::<T>(), shape)?;
    let mut v = T::zeroed_vec(n);
    advise_huge_pages(v.as_mut_ptr() as usize, n * std::mem::size_of::<T>());
    Ok(v)
}

#[cfg(target_os = "linux")]
fn advise_huge_pages(addr: usize, len: usize) {
    const HUGE: usize = 2 << 20;
    if len < HUGE_PAGE_MIN_BYTES {
        return;
    }
    let start = addr.next_multiple_of(HUGE);
    let end = (addr + len) / HUGE * HUGE;
    if end > start {
        // SAFETY: [start, end) lies inside the live allocation just made and is
        // page-aligned; MADV_HUGEPAGE only changes how the kernel backs those
        // pages (it never reads, writes or unmaps them), and failure is harmless.
        unsafe {
            libc::madvise(start as *mut libc::c_void, end - start, libc::MADV_HUGEPAGE);
        }
    }
}

#[cfg(not(target_os = "linux"))]
fn advise_huge_pages(_addr: usize, _len: usize) {}
