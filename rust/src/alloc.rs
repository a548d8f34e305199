//! Fallible allocation and TF's shape arithmetic.
//!
//! Every buffer whose size comes from the user (outputs, and temporaries such
//! as flattened inputs) is allocated here, so a shape beyond memory is TF's
//! `ResourceExhaustedError`, never an abort of the process; element counts
//! that overflow int64 are TF's `InvalidArgumentError`.

use crate::error::{Error, Result};
use half::{bf16, f16};
use ndarray::{ArrayD, ArrayViewD, IxDyn};

/// TF's `TensorShape::MaxDimensions()`.
pub const MAX_DIMS: usize = 254;

/// TF's name of an element type in allocator messages (`DataTypeString`).
pub trait TfName {
    const TF_NAME: &'static str;
}

macro_rules! tf_name {
    ($($t:ty => $n:expr),*) => {$(impl TfName for $t { const TF_NAME: &'static str = $n; })*};
}
tf_name!(f16 => "half", bf16 => "bfloat16", f32 => "float", f64 => "double", i32 => "int32",
         i64 => "int64", bool => "bool", u8 => "uint8", u16 => "uint16", u32 => "uint32",
         u64 => "uint64", usize => "int64", i8 => "int8", i16 => "int16",
         num_complex::Complex32 => "complex64", num_complex::Complex64 => "complex128",
         Vec<u8> => "string");

/// `TensorShape::DebugString()`: `[2,3]`, `[]` for a scalar.
pub fn shape_debug_string(dims: &[usize]) -> String {
    let parts: Vec<String> = dims.iter().map(|d| d.to_string()).collect();
    format!("[{}]", parts.join(","))
}

/// TF's allocator failure, as `OpKernelContext::allocate_output` words it.
pub fn oom(shape: &[usize], type_name: &str) -> Error {
    Error::resource_exhausted(format!(
        "OOM when allocating tensor with shape{} and type {type_name} on \
         /job:localhost/replica:0/task:0/device:CPU:0 by allocator cpu",
        shape_debug_string(shape)
    ))
}

/// The element count of `dims` as TF's `TensorShape` computes it: a running
/// product that must stay within int64 (a zero dimension makes the rest
/// zero), at most [`MAX_DIMS`] dimensions. InvalidArgument otherwise, with
/// `MakeShape`'s words.
pub fn num_elements(dims: &[usize]) -> Result<usize> {
    if dims.len() > MAX_DIMS {
        return Err(Error::invalid_argument("Too many dimensions"));
    }
    let mut n: i64 = 1;
    for &d in dims {
        n = i64::try_from(d)
            .ok()
            .and_then(|d| n.checked_mul(d))
            .ok_or_else(|| {
                Error::invalid_argument(format!(
                    "Shape {} would have more than 2**63 - 1 elements",
                    shape_debug_string(dims)
                ))
            })?;
    }
    Ok(n as usize)
}

/// [`num_elements`] for an output of `T`, also failing (ResourceExhausted)
/// when its bytes could never be allocated.
pub fn output_len<T: TfName>(dims: &[usize]) -> Result<usize> {
    let n = num_elements(dims)?;
    match n.checked_mul(std::mem::size_of::<T>().max(1)) {
        Some(bytes) if bytes <= isize::MAX as usize => Ok(n),
        _ => Err(oom(dims, T::TF_NAME)),
    }
}

/// An empty vector with room for `n` elements, or ResourceExhausted.
pub fn try_vec<T: TfName>(n: usize, shape: &[usize]) -> Result<Vec<T>> {
    let mut v = Vec::new();
    v.try_reserve_exact(n).map_err(|_| oom(shape, T::TF_NAME))?;
    Ok(v)
}

/// `n` copies of `x`, or ResourceExhausted.
pub fn try_filled<T: TfName + Clone>(n: usize, x: T, shape: &[usize]) -> Result<Vec<T>> {
    let mut v = try_vec(n, shape)?;
    v.resize(n, x);
    Ok(v)
}

/// Collect exactly `n` items of `it` into a buffer allocated up front.
pub fn try_collect<T: TfName>(
    n: usize,
    it: impl Iterator<Item = T>,
    shape: &[usize],
) -> Result<Vec<T>> {
    let mut v = try_vec(n, shape)?;
    v.extend(it.take(n));
    Ok(v)
}

/// Element types whose all-zero bit pattern is the value zero (`false`), so
/// their buffers can come zeroed from the allocator (`calloc`: fresh pages
/// the OS zeroes on first touch, so an output is written only by its kernel).
pub trait Zeroed: TfName + Copy {}
impl Zeroed for f16 {}
impl Zeroed for bf16 {}
impl Zeroed for f32 {}
impl Zeroed for f64 {}
impl Zeroed for i32 {}
impl Zeroed for i64 {}
impl Zeroed for u16 {}
impl Zeroed for u32 {}
impl Zeroed for bool {}
impl Zeroed for i8 {}
impl Zeroed for i16 {}
impl Zeroed for u8 {}
impl Zeroed for u64 {}
impl Zeroed for num_complex::Complex32 {}
impl Zeroed for num_complex::Complex64 {}

/// Outputs at least this large ask the kernel for transparent huge pages: a
/// fresh 64 MB output otherwise costs ~16k page faults, more than generating it.
const HUGE_PAGE_MIN_BYTES: usize = 4 << 20;

/// `n` zeros for an output of `shape`: a checked `calloc`, ResourceExhausted
/// when it fails.
pub fn try_zeroed<T: Zeroed>(n: usize, shape: &[usize]) -> Result<Vec<T>> {
    let layout = std::alloc::Layout::array::<T>(n).map_err(|_| oom(shape, T::TF_NAME))?;
    if layout.size() == 0 {
        return Ok(Vec::new());
    }
    // SAFETY: `layout` has non-zero size (checked above). `alloc_zeroed` is the
    // global allocator's calloc; a null return is its failure, reported below.
    let ptr = unsafe { std::alloc::alloc_zeroed(layout) } as *mut T;
    if ptr.is_null() {
        return Err(oom(shape, T::TF_NAME));
    }
    advise_huge_pages(ptr as usize, layout.size());
    // SAFETY: `ptr` was allocated by the global allocator with the layout of
    // `[T; n]` (exactly what `Vec<T>` with capacity `n` frees with); all `n`
    // elements are initialised, since the memory is zeroed and the all-zero
    // bit pattern is a valid `T` for every `Zeroed` type (numbers, `false`).
    Ok(unsafe { Vec::from_raw_parts(ptr, n, n) })
}

/// A buffer of `n` elements for an output of `shape` that its kernel
/// overwrites completely: a same-sized buffer freed by NumPy when the cache
/// ([`crate::bufpool`]) has one, its contents stale numbers; else zeros
/// ([`try_zeroed`]). The caller must write every element before the buffer
/// is seen. When allocation fails, the cache is released (memory pressure)
/// and the allocation tried once more.
pub fn try_for_overwrite<T: Zeroed + crate::bufpool::AnyBits>(
    n: usize,
    shape: &[usize],
) -> Result<Vec<T>> {
    if let Some(v) = crate::bufpool::take::<T>(n) {
        return Ok(v);
    }
    match try_zeroed(n, shape) {
        Err(_) if crate::bufpool::clear() > 0 => try_zeroed(n, shape),
        r => r,
    }
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

/// What TF's Python client says when NumPy cannot hold a tensor (too many
/// dimensions, or a byte size beyond `intp` even with zero elements).
pub fn numpy_cannot_hold() -> Error {
    Error::internal("Could not allocate ndarray")
}

/// `data` as an array of `shape` (row-major). ndarray cannot represent shapes
/// whose non-zero dimensions multiply past `isize::MAX` even when a zero
/// makes them empty; NumPy cannot either, so that is TF's fetch error.
pub fn shaped<T>(shape: &[usize], data: Vec<T>) -> Result<ArrayD<T>> {
    ArrayD::from_shape_vec(IxDyn(shape), data).map_err(|_| numpy_cannot_hold())
}

/// An array of `shape` filled with `x`.
pub fn try_array_filled<T: TfName + Clone>(shape: &[usize], x: T) -> Result<ArrayD<T>> {
    let n = output_len::<T>(shape)?;
    shaped(shape, try_filled(n, x, shape)?)
}

/// A zero array of `shape`.
pub fn try_array_zeros<T: Zeroed>(shape: &[usize]) -> Result<ArrayD<T>> {
    let n = output_len::<T>(shape)?;
    shaped(shape, try_zeroed(n, shape)?)
}

/// `f` of each element of `a` (row-major order), into a new array.
pub fn try_map<A, B: TfName>(a: &ArrayD<A>, f: impl FnMut(&A) -> B) -> Result<ArrayD<B>> {
    let v = try_collect(a.len(), a.iter().map(f), a.shape())?;
    shaped(a.shape(), v)
}

/// An owned copy of a view (e.g. a slice or a broadcast).
pub fn try_to_owned<T: TfName + Clone>(a: ArrayViewD<'_, T>) -> Result<ArrayD<T>> {
    let shape = a.shape().to_vec();
    let n = output_len::<T>(&shape)?;
    let v = try_collect(n, a.iter().cloned(), &shape)?;
    shaped(&shape, v)
}

/// The elements of `a` in row-major order, as a new vector.
pub fn try_flat<T: TfName + Clone>(a: &ArrayD<T>) -> Result<Vec<T>> {
    try_collect(a.len(), a.iter().cloned(), a.shape())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    #[test]
    fn element_counts_follow_tensorshape() {
        assert_eq!(num_elements(&[]).unwrap(), 1);
        assert_eq!(num_elements(&[2, 3]).unwrap(), 6);
        // A zero dimension ends the running product before it overflows...
        assert_eq!(num_elements(&[1 << 62, 0, 4]).unwrap(), 0);
        // ...but not when the product overflowed first.
        let e = num_elements(&[1 << 62, 4, 0]).unwrap_err();
        assert_eq!(e.kind, ErrorKind::InvalidArgument);
        assert!(e.message.contains("2**63 - 1"), "{}", e.message);
        assert_eq!(
            num_elements(&[1; 255]).unwrap_err().kind,
            ErrorKind::InvalidArgument
        );
        assert_eq!(num_elements(&[1; 254]).unwrap(), 1);
    }

    #[test]
    fn huge_outputs_are_resource_exhausted() {
        assert_eq!(
            output_len::<f32>(&[1 << 62]).unwrap_err().kind,
            ErrorKind::ResourceExhausted
        );
        let e = try_zeroed::<f32>(1 << 50, &[1 << 50]).unwrap_err();
        assert_eq!(e.kind, ErrorKind::ResourceExhausted);
        assert!(e.message.contains("type float"), "{}", e.message);
        assert_eq!(
            try_filled(1usize << 50, 1u8, &[1 << 50]).unwrap_err().kind,
            ErrorKind::ResourceExhausted
        );
    }

    #[test]
    fn zeroed_buffers_are_zero() {
        let v: Vec<f64> = try_zeroed(3 << 20, &[3 << 20]).unwrap();
        assert!(v.iter().all(|&x| x.to_bits() == 0));
        let b: Vec<bool> = try_zeroed(5, &[5]).unwrap();
        assert_eq!(b, vec![false; 5]);
        assert!(try_zeroed::<i32>(0, &[0]).unwrap().is_empty());
    }

    #[test]
    fn overwritable_buffers_come_from_the_cache_first() {
        let _serial = crate::bufpool::TEST_LOCK
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        // An odd size no other test allocates, so nothing else takes it.
        let n = (1 << 18) + 11;
        let v = vec![7i32; n];
        let ptr = v.as_ptr() as usize;
        crate::bufpool::give(crate::bufpool::RawBuf::from_vec(v).unwrap());
        let w: Vec<f32> = try_for_overwrite(n, &[n]).unwrap();
        assert_eq!((w.as_ptr() as usize, w.len()), (ptr, n));
        assert!(w.iter().all(|x| x.to_bits() == 7));
        // Not cached: zeros, as before.
        let z: Vec<f32> = try_for_overwrite(n + 1, &[n + 1]).unwrap();
        assert!(z.iter().all(|x| x.to_bits() == 0));
        let e = try_for_overwrite::<f64>(1 << 50, &[1 << 50]).unwrap_err();
        assert_eq!(e.kind, ErrorKind::ResourceExhausted);
    }

    #[test]
    fn unrepresentable_empty_shapes_are_numpys_error() {
        let e = shaped::<f32>(&[1 << 62, 0, 1 << 62], vec![]).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Internal);
    }
}
