//! Fetched arrays whose buffers go back to the output cache
//! ([`crate::bufpool`]) when NumPy frees them, so the next output of the same
//! size is written into memory that is already mapped.

use super::{guarded, IntoPy};
use crate::bufpool::{self, AnyBits, RawBuf, ReturnOnDrop};
use ndarray::{ArrayD, ArrayViewD, IxDyn};
use numpy::PyArray;
use pyo3::prelude::*;

/// The base object of such an array: it holds the buffer while the array
/// (or any view of it) lives, and returns it to the cache when freed.
#[pyclass(module = "philoxflow._core", frozen)]
struct CachedBuffer {
    _buf: ReturnOnDrop,
}

/// `a` as a NumPy array over its own buffer, owned by a [`CachedBuffer`];
/// `Err(a)` back when the cache would not keep the buffer (too small or too
/// large, cache off, not standard layout, spare capacity). The caller has
/// checked that NumPy can hold `a`'s shape.
pub(super) fn try_cached<T: numpy::Element + AnyBits>(
    py: Python<'_>,
    a: ArrayD<T>,
) -> PyResult<Result<PyObject, ArrayD<T>>> {
    let n = a.len();
    if !a.is_standard_layout() || !bufpool::wants(n.saturating_mul(std::mem::size_of::<T>())) {
        return Ok(Err(a));
    }
    let shape = a.shape().to_vec();
    let (mut v, offset) = a.into_raw_vec_and_offset();
    let offset = offset.unwrap_or(0);
    if offset != 0 || v.len() != n {
        // A standard-layout array's elements are `v[offset..offset + n]`.
        v.truncate(offset + n);
        v.drain(..offset);
    }
    let buf = match RawBuf::from_vec(v) {
        Ok(b) => b,
        Err(v) => return Ok(Err(crate::alloc::shaped(&shape, v).py(py)?)),
    };
    let ptr = buf.as_ptr() as *const T;
    let owner = Bound::new(
        py,
        CachedBuffer {
            _buf: ReturnOnDrop::new(buf),
        },
    )?;
    // rust-numpy builds at most 32 dimensions: more go flat, then reshape.
    let dims = if shape.len() <= 32 {
        IxDyn(&shape)
    } else {
        IxDyn(&[n])
    };
    // SAFETY: `ptr` points to `n` initialised, aligned elements of `T` (the
    // vector just taken over), and `dims` has `n` elements in row-major
    // order, within isize::MAX bytes (checked by the caller). `owner` owns
    // that allocation and becomes the array's base object, so the memory
    // lives as long as the array; a RawBuf is never reallocated, and nothing
    // else touches it until `owner` is freed (with the array and its views).
    let arr = unsafe {
        let view = ArrayViewD::from_shape_ptr(dims, ptr);
        PyArray::borrow_from_array(&view, owner.into_any())
    };
    let arr = arr.into_any();
    if shape.len() <= 32 {
        return Ok(Ok(arr.unbind()));
    }
    Ok(Ok(arr.call_method1("reshape", (shape,))?.unbind()))
}

/// Free every buffer the output cache holds; returns the bytes released.
#[pyfunction]
pub(super) fn clear_buffer_cache(py: Python<'_>) -> PyResult<usize> {
    guarded(py, || Ok(bufpool::clear()))
}

/// `(buffers, bytes, max buffers, max bytes, enabled)` of the output cache.
#[pyfunction]
pub(super) fn _buffer_cache_info(py: Python<'_>) -> PyResult<(usize, usize, usize, usize, bool)> {
    guarded(py, || {
        let (count, bytes) = bufpool::usage();
        Ok((
            count,
            bytes,
            bufpool::MAX_COUNT,
            bufpool::max_bytes(),
            bufpool::enabled(),
        ))
    })
}
