//! A small process-wide cache of large freed output buffers.
//!
//! A fetched tensor is moved into NumPy without a copy; when NumPy frees it,
//! its buffer comes back here instead of to the allocator, so the next output
//! of the same byte size is written into memory that is already mapped. A
//! fresh 64 MB buffer costs ~16k page faults (more than generating 16M
//! uniforms); a cached one costs none. Only buffers of at least
//! [`MIN_BYTES`] are kept (glibc's heap already recycles smaller ones), at
//! most [`MAX_COUNT`] of them and [`max_bytes`] in all, oldest dropped first.
//! `PHILOXFLOW_BUFFER_CACHE=0` turns the cache off.
//!
//! Buffers are keyed by their exact [`Layout`] (byte size and alignment): a
//! `Vec<T>` frees with `Layout::array::<T>(capacity)`, so a buffer is only
//! ever handed out as a vector that frees it with the layout it was
//! allocated with. Only [`AnyBits`] element types enter or leave the cache:
//! a cached buffer holds initialised numbers of some such type, and any bit
//! pattern is a valid value of every such type (so never `bool`).

use half::{bf16, f16};
use std::alloc::Layout;
use std::collections::VecDeque;
use std::ptr::NonNull;
use std::sync::{Mutex, OnceLock};

/// Smallest buffer the cache keeps.
pub const MIN_BYTES: usize = 1 << 20;
/// Most buffers the cache keeps.
pub const MAX_COUNT: usize = 8;

/// Element types for which every bit pattern is a valid value, so a buffer
/// last written as one of them may be read (before being overwritten) as
/// another of the same alignment.
pub trait AnyBits: Copy + 'static {}
impl AnyBits for f16 {}
impl AnyBits for bf16 {}
impl AnyBits for f32 {}
impl AnyBits for f64 {}
impl AnyBits for i32 {}
impl AnyBits for i64 {}
impl AnyBits for u16 {}
impl AnyBits for u32 {}

/// One heap allocation of the global allocator, owned: freed with its own
/// layout when dropped.
#[derive(Debug)]
pub struct RawBuf {
    ptr: NonNull<u8>,
    layout: Layout,
}

// SAFETY: a RawBuf uniquely owns its allocation (as a Box<[u8]> does) and has
// no interior mutability; the global allocator may free from any thread.
unsafe impl Send for RawBuf {}
// SAFETY: as above; `&RawBuf` only reads the pointer and layout values.
unsafe impl Sync for RawBuf {}

impl RawBuf {
    /// `v`'s allocation, when it is non-empty and fully initialised
    /// (`len == capacity`); otherwise `v` back.
    pub fn from_vec<T: AnyBits>(v: Vec<T>) -> Result<RawBuf, Vec<T>> {
        if v.is_empty() || v.len() != v.capacity() || std::mem::size_of::<T>() == 0 {
            return Err(v);
        }
        let Ok(layout) = Layout::array::<T>(v.capacity()) else {
            return Err(v);
        };
        let mut v = std::mem::ManuallyDrop::new(v);
        // A non-empty Vec of a sized type has a non-null heap pointer.
        match NonNull::new(v.as_mut_ptr() as *mut u8) {
            Some(ptr) => Ok(RawBuf { ptr, layout }),
            None => Err(std::mem::ManuallyDrop::into_inner(v)),
        }
    }

    /// A vector of `n` elements of `T` over this allocation, when its layout
    /// is exactly `[T; n]`'s (else the buffer back). The elements are the
    /// numbers last stored there, reinterpreted as `T`.
    pub fn into_vec<T: AnyBits>(self, n: usize) -> Result<Vec<T>, RawBuf> {
        if Layout::array::<T>(n).ok() != Some(self.layout) {
            return Err(self);
        }
        let me = std::mem::ManuallyDrop::new(self);
        // SAFETY: the pointer came from the global allocator with layout
        // `[T; n]`, which is what a Vec<T> of capacity `n` frees with; all
        // `n` elements are initialised, since the buffer was a fully
        // initialised vector of an `AnyBits` type (`from_vec`) and every bit
        // pattern is a valid `T`; ManuallyDrop keeps it from being freed twice.
        Ok(unsafe { Vec::from_raw_parts(me.ptr.as_ptr() as *mut T, n, n) })
    }

    pub fn as_ptr(&self) -> *mut u8 {
        self.ptr.as_ptr()
    }

    pub fn size(&self) -> usize {
        self.layout.size()
    }
}

impl Drop for RawBuf {
    fn drop(&mut self) {
        // SAFETY: `ptr` is a live allocation of the global allocator with
        // `layout` (taken over from a Vec in `from_vec`), freed only here.
        unsafe { std::alloc::dealloc(self.ptr.as_ptr(), self.layout) }
    }
}

/// Freed buffers, oldest first, with their bounds.
pub struct Pool {
    bufs: VecDeque<RawBuf>,
    bytes: usize,
    max_count: usize,
    max_bytes: usize,
}

impl Pool {
    pub const fn new(max_count: usize, max_bytes: usize) -> Pool {
        Pool {
            bufs: VecDeque::new(),
            bytes: 0,
            max_count,
            max_bytes,
        }
    }

    /// Keep `buf` as the newest entry; returns what no longer fits (the
    /// oldest entries, or `buf` itself when it is too small or too large),
    /// for the caller to free outside any lock.
    pub fn put(&mut self, buf: RawBuf) -> Vec<RawBuf> {
        if buf.size() < MIN_BYTES || buf.size() > self.max_bytes || self.max_count == 0 {
            return vec![buf];
        }
        self.bytes += buf.size();
        self.bufs.push_back(buf);
        let mut evicted = Vec::new();
        while self.bufs.len() > self.max_count || self.bytes > self.max_bytes {
            match self.bufs.pop_front() {
                Some(b) => {
                    self.bytes -= b.size();
                    evicted.push(b);
                }
                None => break,
            }
        }
        evicted
    }

    /// The newest buffer of exactly `layout`, if any.
    pub fn take(&mut self, layout: Layout) -> Option<RawBuf> {
        let i = self.bufs.iter().rposition(|b| b.layout == layout)?;
        let b = self.bufs.remove(i)?;
        self.bytes -= b.size();
        Some(b)
    }

    /// Every buffer, for the caller to free.
    pub fn drain(&mut self) -> Vec<RawBuf> {
        self.bytes = 0;
        self.bufs.drain(..).collect()
    }

    /// `(buffers, bytes)` held.
    pub fn usage(&self) -> (usize, usize) {
        (self.bufs.len(), self.bytes)
    }
}

/// Total bytes the process-wide cache holds at most: 1 GiB, or an eighth of
/// physical memory on smaller machines.
pub fn max_bytes() -> usize {
    static MAX: OnceLock<usize> = OnceLock::new();
    *MAX.get_or_init(|| (1usize << 30).min(physical_memory() / 8))
}

#[cfg(unix)]
fn physical_memory() -> usize {
    // SAFETY: sysconf only reads system configuration; -1 is its failure.
    let (pages, page) = unsafe {
        (
            libc::sysconf(libc::_SC_PHYS_PAGES),
            libc::sysconf(libc::_SC_PAGESIZE),
        )
    };
    if pages <= 0 || page <= 0 {
        return usize::MAX;
    }
    (pages as usize).saturating_mul(page as usize)
}

#[cfg(not(unix))]
fn physical_memory() -> usize {
    usize::MAX
}

/// Whether the cache is on (`PHILOXFLOW_BUFFER_CACHE` is not `0`).
pub fn enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var("PHILOXFLOW_BUFFER_CACHE").map_or(true, |v| v.trim() != "0"))
}

static POOL: Mutex<Pool> = Mutex::new(Pool::new(MAX_COUNT, 0));

fn with_pool<R>(f: impl FnOnce(&mut Pool) -> R) -> R {
    // Nothing panics while the lock is held, but a poisoned pool is still a
    // valid one: carry on rather than panic.
    let mut p = POOL.lock().unwrap_or_else(|e| e.into_inner());
    p.max_bytes = max_bytes();
    f(&mut p)
}

/// Whether a buffer of `bytes` would be kept by [`give`].
pub fn wants(bytes: usize) -> bool {
    enabled() && bytes >= MIN_BYTES && bytes <= max_bytes()
}

/// Return a freed buffer to the cache (or free it, when it does not qualify).
pub fn give(buf: RawBuf) {
    if !wants(buf.size()) {
        return;
    }
    let evicted = with_pool(|p| p.put(buf));
    drop(evicted);
}

/// A cached vector of `n` elements of `T` (stale numbers), if one of that
/// exact layout is there.
pub fn take<T: AnyBits>(n: usize) -> Option<Vec<T>> {
    let layout = Layout::array::<T>(n).ok()?;
    if !wants(layout.size()) {
        return None;
    }
    with_pool(|p| p.take(layout))?.into_vec(n).ok()
}

/// Free every cached buffer; returns how many bytes that released.
pub fn clear() -> usize {
    let bufs = with_pool(Pool::drain);
    bufs.iter().map(RawBuf::size).sum()
}

/// `(buffers, bytes)` the process-wide cache holds.
pub fn usage() -> (usize, usize) {
    with_pool(|p| p.usage())
}

/// A buffer that returns to the cache, instead of being freed, when dropped:
/// the owner NumPy keeps alive behind an array handed over without a copy.
pub struct ReturnOnDrop(Option<RawBuf>);

impl ReturnOnDrop {
    pub fn new(buf: RawBuf) -> ReturnOnDrop {
        ReturnOnDrop(Some(buf))
    }

    pub fn as_ptr(&self) -> *mut u8 {
        self.0.as_ref().map_or(std::ptr::null_mut(), RawBuf::as_ptr)
    }
}

impl Drop for ReturnOnDrop {
    fn drop(&mut self) {
        if let Some(b) = self.0.take() {
            give(b);
        }
    }
}

/// Serialises the tests that use the process-wide cache (one clears it).
#[cfg(test)]
pub static TEST_LOCK: Mutex<()> = Mutex::new(());

#[cfg(test)]
mod tests {
    use super::*;

    const MB: usize = 1 << 20;

    fn buf<T: AnyBits + Default>(n: usize) -> RawBuf {
        RawBuf::from_vec(vec![T::default(); n]).ok().unwrap()
    }

    #[test]
    fn only_full_nonempty_vectors_become_buffers() {
        assert!(RawBuf::from_vec(Vec::<f32>::new()).is_err());
        let mut v = Vec::<f32>::with_capacity(8);
        v.push(1.0);
        assert_eq!(RawBuf::from_vec(v).unwrap_err(), vec![1.0]);
        let b = RawBuf::from_vec(vec![1.5f32; 4]).ok().unwrap();
        assert_eq!(b.size(), 16);
        // The same bytes come back, reinterpreted only as the same layout.
        let b = b.into_vec::<f64>(2).unwrap_err();
        let b = b.into_vec::<f32>(3).unwrap_err();
        let v = b.into_vec::<i32>(4).unwrap();
        assert_eq!(v, vec![1.5f32.to_bits() as i32; 4]);
    }

    #[test]
    fn keyed_by_size_and_alignment() {
        let mut p = Pool::new(8, 64 * MB);
        assert!(p.put(buf::<f32>(MB / 2)).is_empty()); // 2 MB, align 4
        assert!(p.put(buf::<f64>(MB / 4)).is_empty()); // 2 MB, align 8
        assert!(p.take(Layout::array::<f32>(MB).unwrap()).is_none());
        assert!(p.take(Layout::array::<u16>(MB).unwrap()).is_none());
        let b = p.take(Layout::array::<i32>(MB / 2).unwrap()).unwrap();
        assert_eq!(b.layout.align(), 4);
        assert_eq!(p.usage(), (1, 2 * MB));
        let b = p.take(Layout::array::<i64>(MB / 4).unwrap()).unwrap();
        assert_eq!(b.layout.align(), 8);
        assert_eq!(p.usage(), (0, 0));
    }

    #[test]
    fn small_and_oversized_buffers_are_refused() {
        let mut p = Pool::new(8, 4 * MB);
        assert_eq!(p.put(buf::<f32>(MB / 4 - 1)).len(), 1);
        assert_eq!(p.put(buf::<f32>(MB + 1)).len(), 1);
        assert_eq!(p.usage(), (0, 0));
        assert!(p.put(buf::<f32>(MB / 4)).is_empty());
        assert_eq!(p.usage(), (1, MB));
        assert_eq!(Pool::new(0, 4 * MB).put(buf::<f32>(MB)).len(), 1);
    }

    #[test]
    fn oldest_are_evicted_past_either_bound() {
        let mut p = Pool::new(3, 64 * MB);
        let mut ptrs = Vec::new();
        for _ in 0..3 {
            let b = buf::<f32>(MB / 4);
            ptrs.push(b.as_ptr());
            assert!(p.put(b).is_empty());
        }
        let evicted = p.put(buf::<f32>(MB / 4));
        assert_eq!(evicted.len(), 1);
        assert_eq!(evicted[0].as_ptr(), ptrs[0]);
        assert_eq!(p.usage(), (3, 3 * MB));

        // The byte bound: 2 + 1 + 4 MB past 4.5 MB pushes out the oldest two.
        let mut p = Pool::new(8, 4 * MB + MB / 2);
        let (a, b) = (buf::<f32>(MB / 2), buf::<f32>(MB / 4));
        let b_ptr = b.as_ptr();
        p.put(a);
        p.put(b);
        let evicted = p.put(buf::<f32>(MB));
        assert_eq!(evicted.len(), 2);
        assert_eq!(evicted[1].as_ptr(), b_ptr);
        assert_eq!(p.usage(), (1, 4 * MB));
    }

    #[test]
    fn take_prefers_the_newest_and_drain_empties() {
        let mut p = Pool::new(8, 64 * MB);
        let (a, b) = (buf::<f32>(MB / 4), buf::<f32>(MB / 4));
        let b_ptr = b.as_ptr();
        p.put(a);
        p.put(b);
        let got = p.take(Layout::array::<f32>(MB / 4).unwrap()).unwrap();
        assert_eq!(got.as_ptr(), b_ptr);
        p.put(got);
        assert_eq!(p.drain().len(), 2);
        assert_eq!(p.usage(), (0, 0));
        assert!(p.take(Layout::array::<f32>(MB / 4).unwrap()).is_none());
    }

    #[test]
    fn the_process_pool_returns_what_it_was_given() {
        let _serial = TEST_LOCK.lock().unwrap_or_else(|e| e.into_inner());
        // An odd size no other test allocates, so nothing else takes it.
        let n = MB / 2 + 7;
        let b = RawBuf::from_vec(vec![3u16; n]).ok().unwrap();
        let ptr = b.as_ptr();
        drop(ReturnOnDrop::new(b));
        let v = take::<f16>(n).unwrap();
        assert_eq!(v.as_ptr() as *mut u8, ptr);
        assert!(v.iter().all(|x| x.to_bits() == 3));
        give(RawBuf::from_vec(v).ok().unwrap());
        assert!(clear() >= 2 * n);
        assert!(take::<u16>(n).is_none());
    }

    #[test]
    fn max_bytes_is_bounded() {
        assert!(max_bytes() <= 1 << 30);
        assert!(max_bytes() > 0);
    }
}
