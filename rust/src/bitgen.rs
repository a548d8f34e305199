//! TensorFlow's Philox stream as the core of a NumPy `BitGenerator`.
//!
//! [`Stream`] walks one op's Philox4x32-10 stream 32-bit word by word in TF's
//! order: block after block from the op's counter, each block's four words in
//! order. NumPy's `Generator` reads it through a `bitgen_t` (see the `py`
//! module): a `u64` is two consecutive words, the first one the low half, as
//! NumPy's own Philox splits a `u64` into `u32`s low half first; a double is
//! the top 53 bits of a `u64`, as in every NumPy bit generator.
//!
//! [`run_start`], [`op_seeds`] and [`blocks_per_run`] find where a graph op's
//! `k`-th run starts in a fresh session.

use crate::graph::{Graph, Node};
use crate::philox::{self, Block, Key, PhiloxRandom};

/// Words per Philox block.
pub const BLOCK_WORDS: usize = 4;

/// [`PhiloxRandom::skip`] is an exact 128-bit add for every count below this.
const SKIP_EXACT_BELOW: u64 = u64::MAX - u32::MAX as u64;

/// Slowly repeated skips (counts past [`SKIP_EXACT_BELOW`]) stop being worth
/// waiting for past this many runs; no op can reserve that much anyway.
const MAX_SLOW_RUNS: u64 = 1 << 24;

/// A position in one TF Philox stream: the next block's counter and the key,
/// plus the words of the current block not yet handed out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stream {
    gen: PhiloxRandom,
    buffer: Block,
    /// Index of the next word of `buffer`; `BLOCK_WORDS` when it is used up.
    pos: usize,
}

impl Stream {
    /// The stream of TF's `PhiloxRandom(seed, seed2)`: key words from `seed`,
    /// counter words 2–3 from `seed2`.
    pub fn new(seed: u64, seed2: u64) -> Stream {
        Stream::at(PhiloxRandom::new(seed, seed2))
    }

    /// The stream from `gen`'s next block on.
    pub fn at(gen: PhiloxRandom) -> Stream {
        Stream {
            gen,
            buffer: [0; BLOCK_WORDS],
            pos: BLOCK_WORDS,
        }
    }

    /// A saved position; `None` unless `pos <= BLOCK_WORDS`.
    pub fn from_parts(counter: Block, key: Key, buffer: Block, pos: usize) -> Option<Stream> {
        (pos <= BLOCK_WORDS).then_some(Stream {
            gen: PhiloxRandom::from_parts(counter, key),
            buffer,
            pos,
        })
    }

    /// The counter of the next block to generate.
    pub fn counter(&self) -> Block {
        self.gen.counter()
    }

    pub fn key(&self) -> Key {
        self.gen.key()
    }

    pub fn buffer(&self) -> Block {
        self.buffer
    }

    pub fn buffer_pos(&self) -> usize {
        self.pos
    }

    #[inline]
    pub fn next_u32(&mut self) -> u32 {
        if self.pos >= BLOCK_WORDS {
            self.buffer = self.gen.next_block();
            self.pos = 0;
        }
        let w = self.buffer[self.pos];
        self.pos += 1;
        w
    }

    /// Two words, the first as the low half (TF's `UniformFullIntDistribution64`
    /// order, and how NumPy's Philox splits a `u64` into two `u32`s).
    #[inline]
    pub fn next_u64(&mut self) -> u64 {
        let lo = self.next_u32() as u64;
        let hi = self.next_u32() as u64;
        lo | hi << 32
    }

    /// NumPy's double from a `u64`: its top 53 bits times 2^-53.
    #[inline]
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / 9_007_199_254_740_992.0)
    }

    /// The next `out.len()` words; whole blocks come from the SIMD backend.
    pub fn fill_u32(&mut self, out: &mut [u32]) {
        let mut head = 0;
        while head < out.len() && self.pos < BLOCK_WORDS {
            out[head] = self.next_u32();
            head += 1;
        }
        let rest = &mut out[head..];
        let whole = rest.len() / BLOCK_WORDS * BLOCK_WORDS;
        let (blocks, tail) = rest.split_at_mut(whole);
        let mut tmp = [[0u32; BLOCK_WORDS]; 64];
        for chunk in blocks.chunks_mut(tmp.len() * BLOCK_WORDS) {
            let n = chunk.len() / BLOCK_WORDS;
            self.gen.fill_blocks(&mut tmp[..n]);
            for (dst, b) in chunk.chunks_exact_mut(BLOCK_WORDS).zip(&tmp[..n]) {
                dst.copy_from_slice(b);
            }
            // The state word-by-word reading would leave: the last block, used up.
            self.buffer = tmp[n - 1];
            self.pos = BLOCK_WORDS;
        }
        for w in tail {
            *w = self.next_u32();
        }
    }

    /// Skip `delta` blocks from the next block's counter and drop the rest of
    /// the current block (as NumPy's `advance` drops buffered output).
    ///
    /// The low 64 bits of `delta` go through TF's `Skip` (its word carries
    /// included); the high 64 bits are added to counter words 2–3, wrapping at
    /// 2^128. For `delta < 2^64` this is exactly TF's `Skip(delta)`.
    pub fn advance(&mut self, delta: u128) {
        self.gen.skip(delta as u64);
        let hi = (delta >> 64) as u64;
        if hi != 0 {
            let c = self.gen.counter();
            let up = (c[2] as u64 | (c[3] as u64) << 32).wrapping_add(hi);
            self.gen = PhiloxRandom::from_parts(
                [c[0], c[1], up as u32, (up >> 32) as u32],
                self.gen.key(),
            );
        }
        self.pos = BLOCK_WORDS;
    }
}

/// Where run `run` (0: the first) of an op with seeds `(seed, seed2)` that
/// reserves `per_run` blocks per run starts in a fresh session: `run` of TF's
/// `Skip(per_run)` from `PhiloxRandom(seed, seed2)`. `None` only for counts no
/// op can reserve repeated past [`MAX_SLOW_RUNS`].
pub fn run_start(seed: u64, seed2: u64, per_run: u64, run: u64) -> Option<PhiloxRandom> {
    let mut gen = PhiloxRandom::new(seed, seed2);
    if per_run < SKIP_EXACT_BELOW {
        // Each Skip is an exact 128-bit add, so `run` of them are one add.
        let counter = philox::add_u128(gen.counter(), per_run as u128 * run as u128);
        return Some(PhiloxRandom::from_parts(counter, gen.key()));
    }
    if run > MAX_SLOW_RUNS {
        return None;
    }
    for _ in 0..run {
        gen.skip(per_run);
    }
    Some(gen)
}

/// The resolved `(seed, seed2)` attrs of a stateful random op (one with a
/// per-session stream); `None` for every other op.
pub fn op_seeds(node: &Node) -> Option<(i64, i64)> {
    node.is_stateful_random().then_some(node.attrs.seeds)
}

/// A static shape's dims, if every one is known.
fn known_dims(shape: &crate::graph::Shape) -> Option<Vec<usize>> {
    shape
        .as_ref()?
        .iter()
        .map(|&d| usize::try_from(d).ok())
        .collect()
}

/// Blocks one run of a stateful random op reserves from its stream, as its
/// kernel reserves them (its registry entry's `reserves`, from the output's
/// and the `shape` input's static dims). `None` when a shape it needs is not
/// fully known while building, or for ops without a stream.
pub fn blocks_per_run(graph: &Graph, node: &Node) -> Option<u64> {
    op_seeds(node)?;
    let reserves = node.def.reserves?;
    let out = known_dims(&node.shape)?;
    let shape_input = node
        .inputs
        .first()
        .and_then(|&i| graph.node(i).ok())
        .and_then(|n| known_dims(&n.shape));
    reserves(&out, shape_input.as_deref())
}

#[cfg(feature = "python")]
pub mod py {
    //! The `bitgen_t` NumPy's `Generator` calls, in a PyCapsule named
    //! "BitGenerator", and the `_core.TFPhiloxCore` class that owns the state.
    //!
    //! Locking: NumPy holds the bit generator's `lock` around every call into
    //! the `bitgen_t` functions, and the Python face (`philoxflow.bitgen`)
    //! holds the same lock around every call into `TFPhiloxCore`, so accesses
    //! to a stream never overlap even though NumPy calls without the GIL.

    use super::Stream;
    use numpy::{IntoPyArray, PyArray1};
    use pyo3::exceptions::{PyMemoryError, PyOverflowError, PyValueError};
    use pyo3::prelude::*;
    use pyo3::types::PyCapsule;
    use std::cell::UnsafeCell;
    use std::ffi::{c_void, CString};

    /// NumPy's `bitgen_t` (numpy/random/bitgen.h), then three null slots:
    /// newer NumPy headers append optional bulk-fill pointers, which must read
    /// as absent rather than as whatever follows the struct.
    #[repr(C)]
    struct BitgenT {
        state: *mut c_void,
        next_uint64: unsafe extern "C" fn(*mut c_void) -> u64,
        next_uint32: unsafe extern "C" fn(*mut c_void) -> u32,
        next_double: unsafe extern "C" fn(*mut c_void) -> f64,
        next_raw: unsafe extern "C" fn(*mut c_void) -> u64,
        reserved: [*const c_void; 3],
    }

    /// The capsule's contents: the `bitgen_t` first (the capsule's pointer is
    /// its address), then the owner that keeps the state alive.
    #[repr(C)]
    struct CapsuleContents {
        bitgen: BitgenT,
        _owner: Py<TFPhiloxCore>,
    }

    // SAFETY: the raw pointers point into the heap state owned by `_owner`
    // (kept alive with the capsule) or are null; who uses them is synchronised
    // by the bit generator's lock (module docs), not by the thread that holds
    // the capsule.
    unsafe impl Send for CapsuleContents {}

    /// # Safety
    /// `st` is the `state` of a [`BitgenT`] made by [`TFPhiloxCore::capsule`].
    unsafe fn stream<'a>(st: *mut c_void) -> &'a mut Stream {
        // SAFETY: per the contract, `st` points at a live `Stream` (the capsule
        // owns a reference to its `TFPhiloxCore`) and the caller holds the
        // lock, so this is the only reference for the call.
        unsafe { &mut *(st as *mut Stream) }
    }

    unsafe extern "C" fn next_uint32(st: *mut c_void) -> u32 {
        // SAFETY: NumPy passes back our `bitgen_t.state`.
        unsafe { stream(st) }.next_u32()
    }

    unsafe extern "C" fn next_uint64(st: *mut c_void) -> u64 {
        // SAFETY: NumPy passes back our `bitgen_t.state`.
        unsafe { stream(st) }.next_u64()
    }

    unsafe extern "C" fn next_double(st: *mut c_void) -> f64 {
        // SAFETY: NumPy passes back our `bitgen_t.state`.
        unsafe { stream(st) }.next_f64()
    }

    /// `random_raw`'s values: TF's 32-bit words, one per call (as NumPy's
    /// 32-bit MT19937 returns its words).
    unsafe extern "C" fn next_raw(st: *mut c_void) -> u64 {
        // SAFETY: NumPy passes back our `bitgen_t.state`.
        unsafe { stream(st) }.next_u32() as u64
    }

    /// One TF Philox stream's state, shared with the `bitgen_t` functions.
    #[pyclass(name = "TFPhiloxCore", module = "philoxflow._core")]
    pub struct TFPhiloxCore {
        /// Boxed so its address, handed to NumPy, never moves.
        state: Box<UnsafeCell<Stream>>,
    }

    // SAFETY: every access to `state` happens under the bit generator's lock
    // (module docs), so sharing the object between threads is race-free.
    unsafe impl Sync for TFPhiloxCore {}

    impl TFPhiloxCore {
        fn with(stream: Stream) -> Self {
            TFPhiloxCore {
                state: Box::new(UnsafeCell::new(stream)),
            }
        }

        fn get(&self) -> Stream {
            // SAFETY: a copy taken under the lock (module docs); no `bitgen_t`
            // call runs meanwhile.
            unsafe { *self.state.get() }
        }

        fn stream_mut(&mut self) -> &mut Stream {
            self.state.get_mut()
        }
    }

    #[pymethods]
    impl TFPhiloxCore {
        #[new]
        fn new(seed: u64, seed2: u64) -> Self {
            Self::with(Stream::new(seed, seed2))
        }

        /// Positioned where run `run` of an op reserving `per_run` blocks per
        /// run starts in a fresh session.
        #[staticmethod]
        fn at_run(seed: u64, seed2: u64, per_run: u64, run: u64) -> PyResult<Self> {
            super::run_start(seed, seed2, per_run, run)
                .map(|g| Self::with(Stream::at(g)))
                .ok_or_else(|| {
                    PyOverflowError::new_err(format!(
                        "run {run} of an op reserving {per_run} blocks per run is out of reach"
                    ))
                })
        }

        /// A new PyCapsule "BitGenerator" holding this stream's `bitgen_t`;
        /// the capsule keeps this object alive.
        fn capsule<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyCapsule>> {
            let state = slf.borrow().state.get() as *mut c_void;
            let contents = CapsuleContents {
                bitgen: BitgenT {
                    state,
                    next_uint64,
                    next_uint32,
                    next_double,
                    next_raw,
                    reserved: [std::ptr::null(); 3],
                },
                _owner: slf.clone().unbind(),
            };
            let name = CString::from(c"BitGenerator");
            PyCapsule::new(slf.py(), contents, Some(name))
        }

        /// `(counter words, key words, buffered block, index of its next word)`.
        fn get_state(&self) -> ([u32; 4], [u32; 2], [u32; 4], usize) {
            let s = self.get();
            (s.counter(), s.key(), s.buffer(), s.buffer_pos())
        }

        fn set_state(
            &mut self,
            counter: [u32; 4],
            key: [u32; 2],
            buffer: [u32; 4],
            buffer_pos: usize,
        ) -> PyResult<()> {
            let s = Stream::from_parts(counter, key, buffer, buffer_pos).ok_or_else(|| {
                PyValueError::new_err(format!("buffer_pos must be 0..=4, got {buffer_pos}"))
            })?;
            *self.stream_mut() = s;
            Ok(())
        }

        /// See [`Stream::advance`].
        fn advance(&mut self, delta: u128) {
            self.stream_mut().advance(delta);
        }

        /// The next `n` words widened to uint64 (`random_raw`), or, when
        /// `output` is false, skip them and return None. The GIL is released.
        #[pyo3(signature = (n, output = true))]
        fn raw<'py>(
            &mut self,
            py: Python<'py>,
            n: usize,
            output: bool,
        ) -> PyResult<Option<Bound<'py, PyArray1<u64>>>> {
            let stream = self.stream_mut();
            if !output {
                py.allow_threads(|| {
                    let mut chunk = [0u32; 1024];
                    let mut left = n;
                    while left > 0 {
                        let k = left.min(chunk.len());
                        stream.fill_u32(&mut chunk[..k]);
                        left -= k;
                    }
                });
                return Ok(None);
            }
            let mut out: Vec<u64> = Vec::new();
            out.try_reserve_exact(n).map_err(|_| {
                PyMemoryError::new_err(format!("cannot allocate {n} uint64 values"))
            })?;
            py.allow_threads(|| {
                let mut chunk = [0u32; 1024];
                let mut left = n;
                while left > 0 {
                    let k = left.min(chunk.len());
                    stream.fill_u32(&mut chunk[..k]);
                    out.extend(chunk[..k].iter().map(|&w| w as u64));
                    left -= k;
                }
            });
            Ok(Some(out.into_pyarray(py)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &mut Stream, n: usize) -> Vec<u32> {
        (0..n).map(|_| s.next_u32()).collect()
    }

    #[test]
    fn words_are_blocks_in_order() {
        let mut gen = PhiloxRandom::new(87654321, 1);
        let expect: Vec<u32> = (0..5).flat_map(|_| gen.next_block()).collect();
        assert_eq!(words(&mut Stream::new(87654321, 1), 20), expect);
    }

    #[test]
    fn u64_is_low_word_first_and_double_is_top_53_bits() {
        let mut a = Stream::new(5, 6);
        let mut b = a;
        let (lo, hi) = (b.next_u32() as u64, b.next_u32() as u64);
        assert_eq!(a.next_u64(), lo | hi << 32);
        let u = b.next_u64();
        assert_eq!(a.next_f64(), (u >> 11) as f64 / 9_007_199_254_740_992.0);
    }

    #[test]
    fn fill_matches_words_from_any_position() {
        // fill_u32 runs on the active backend; the backends agree
        // (backend_tests), this checks the buffering around them.
        for skip in 0..5 {
            for n in [0, 1, 3, 4, 7, 255, 256, 257, 1031] {
                let mut a = Stream::new(0xDEAD_BEEF_0123_4567, 42);
                words(&mut a, skip);
                let mut b = a;
                let mut out = vec![0u32; n];
                a.fill_u32(&mut out);
                assert_eq!(out, words(&mut b, n), "skip {skip} n {n}");
                assert_eq!(a, b);
            }
        }
    }

    #[test]
    fn advance_is_tf_skip_and_drops_the_buffer() {
        let mut s = Stream::new(1, 2);
        s.next_u32();
        let mut gen = PhiloxRandom::from_parts(s.counter(), s.key());
        s.advance(1000);
        gen.skip(1000);
        assert_eq!(s.counter(), gen.counter());
        assert_eq!(s.buffer_pos(), BLOCK_WORDS);
        assert_eq!(s.next_u32(), gen.next_block()[0]);
    }

    #[test]
    fn advance_carries_and_wraps() {
        let key = [3, 4];
        let at = |c: Block| Stream::from_parts(c, key, [0; 4], 4).unwrap();
        let mut s = at([u32::MAX, 0, 0, 0]);
        s.advance(1);
        assert_eq!(s.counter(), [0, 1, 0, 0]);
        let mut s = at([u32::MAX, u32::MAX, 7, 0]);
        s.advance(1);
        assert_eq!(s.counter(), [0, 0, 8, 0]);
        let mut s = at([u32::MAX; 4]);
        s.advance(1);
        assert_eq!(s.counter(), [0; 4]);
        let mut s = at([1, 2, u32::MAX, u32::MAX]);
        s.advance(1u128 << 64);
        assert_eq!(s.counter(), [1, 2, 0, 0]);
        let mut s = at([5, 0, 0, 0]);
        s.advance(u128::MAX);
        // TF's Skip(2^64 - 1) loses the carry into word 1 (count_hi wraps to
        // 0), then 2^64 - 1 is added to words 2-3.
        assert_eq!(s.counter(), [4, 0, u32::MAX, u32::MAX]);
    }

    #[test]
    fn run_start_is_repeated_skips() {
        for per_run in [0, 256, 256 * 1000, (1 << 40) + 3, u64::MAX - 5] {
            for run in [0, 1, 2, 7] {
                let mut gen = PhiloxRandom::new(9, 10);
                for _ in 0..run {
                    gen.skip(per_run);
                }
                assert_eq!(run_start(9, 10, per_run, run), Some(gen), "{per_run} {run}");
            }
        }
        assert_eq!(run_start(9, 10, u64::MAX, MAX_SLOW_RUNS + 1), None);
    }

    #[test]
    fn from_parts_rejects_bad_positions() {
        assert!(Stream::from_parts([0; 4], [0; 2], [0; 4], 5).is_none());
        assert!(Stream::from_parts([0; 4], [0; 2], [0; 4], 0).is_some());
    }
}
