//! The intra-op thread pool, with TensorFlow's semantics.
//!
//! TF's CPU device runs kernels in one process-wide intra-op pool
//! (`LocalDevice`'s global `EigenThreadPoolInfo`), created by the **first**
//! session of the process and sized by that session's
//! `intra_op_parallelism_threads` (0: `TF_NUM_INTRAOP_THREADS`, else the
//! number of CPUs). Later sessions share it whatever they ask for, so a later
//! session with another setting still shards `multinomial`/`categorical` by
//! the first one's size. philoxflow does the same: [`session_pool`] builds
//! the pool once (0: `PHILOXFLOW_NUM_THREADS`, else the CPU count) and hands
//! every session that pool. So the process never holds more than that many
//! pool threads, however many sessions come and go.
//!
//! Small outputs never leave the calling thread (handing work to a pool costs
//! microseconds); large ones are split across the pool (values never depend
//! on the thread count, except where TF's own sharding shows in the bits).

use crate::error::{Error, Result};
use rayon::{ThreadPool, ThreadPoolBuilder};
use std::cell::RefCell;
use std::sync::{Arc, Mutex, OnceLock};

/// Threads used when a session does not say: `PHILOXFLOW_NUM_THREADS` or the CPU count.
pub fn default_threads() -> usize {
    static N: OnceLock<usize> = OnceLock::new();
    *N.get_or_init(|| {
        std::env::var("PHILOXFLOW_NUM_THREADS")
            .ok()
            .and_then(|s| s.trim().parse::<usize>().ok())
            .filter(|&n| n > 0)
            .unwrap_or_else(|| {
                std::thread::available_parallelism()
                    .map(|n| n.get())
                    .unwrap_or(1)
            })
    })
}

fn build(n: usize) -> Result<Arc<ThreadPool>> {
    ThreadPoolBuilder::new()
        .num_threads(n)
        .thread_name(|i| format!("philoxflow-{i}"))
        .build()
        .map(Arc::new)
        .map_err(|e| Error::resource_exhausted(format!("could not start {n} threads: {e}")))
}

/// Pool threads the process starts at most. TF 2.21 accepts any int32 and
/// tries to start that many threads (2**31 - 1 or 100000 never finish);
/// here a larger first session is a ResourceExhaustedError instead.
pub const MAX_POOL_THREADS: usize = 1 << 16;

/// `intra_op_parallelism_threads` as TF accepts it: an int32 (protobuf's
/// "Value out of range" otherwise); a negative value makes TF 2.21 abort on a
/// failed CHECK while creating the pool, which is an error here.
pub fn check_threads(threads: i64) -> Result<usize> {
    if threads < 0 {
        return Err(Error::invalid_argument(format!(
            "intra_op_parallelism_threads must be >= 0, got {threads}"
        )));
    }
    if threads > i32::MAX as i64 {
        return Err(Error::value(format!(
            "Value out of range: {threads} (intra_op_parallelism_threads is an int32)"
        )));
    }
    Ok(threads as usize)
}

static GLOBAL: Mutex<Option<Arc<ThreadPool>>> = Mutex::new(None);

/// The process-wide pool for a new session asking for `threads`: created by
/// the first session (0 means [`default_threads`]), shared by all later ones.
pub fn session_pool(threads: i64) -> Result<Arc<ThreadPool>> {
    let threads = check_threads(threads)?;
    let mut global = GLOBAL.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(p) = global.as_ref() {
        return Ok(p.clone());
    }
    let n = if threads == 0 {
        default_threads()
    } else {
        threads
    };
    if n > MAX_POOL_THREADS {
        return Err(Error::resource_exhausted(format!(
            "intra_op_parallelism_threads = {n}: philoxflow starts at most {MAX_POOL_THREADS} \
             pool threads"
        )));
    }
    let p = build(n)?;
    *global = Some(p.clone());
    Ok(p)
}

/// A pool of its own, outside the process-wide one (benchmarks that pin a
/// thread count with [`with_pool`]; sessions never use it).
pub fn private_pool(threads: usize) -> Result<Arc<ThreadPool>> {
    build(threads.clamp(1, MAX_POOL_THREADS))
}

/// The pool work outside any session uses (kernels called directly): the
/// process-wide one once a session made it, else a default-sized one that
/// does not fix the process-wide size.
fn fallback() -> Option<Arc<ThreadPool>> {
    if let Some(p) = GLOBAL.lock().unwrap_or_else(|e| e.into_inner()).as_ref() {
        return Some(p.clone());
    }
    static DEFAULT: OnceLock<Option<Arc<ThreadPool>>> = OnceLock::new();
    DEFAULT
        .get_or_init(|| build(default_threads()).ok())
        .clone()
}

thread_local! {
    static CURRENT: RefCell<Option<Arc<ThreadPool>>> = const { RefCell::new(None) };
}

/// Run `f` with `pool` as the pool that large fills on this thread use.
pub fn with_pool<R>(pool: Arc<ThreadPool>, f: impl FnOnce() -> R) -> R {
    struct Restore(Option<Arc<ThreadPool>>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let previous = self.0.take();
            CURRENT.with(|c| *c.borrow_mut() = previous);
        }
    }
    // Restored on unwind too, so a caught panic leaves no stale pool behind.
    let _restore = Restore(CURRENT.with(|c| c.replace(Some(pool))));
    f()
}

fn current() -> Option<Arc<ThreadPool>> {
    CURRENT.with(|c| c.borrow().clone()).or_else(fallback)
}

/// Threads a large fill started on this thread would use.
pub fn threads() -> usize {
    if rayon::current_thread_index().is_some() {
        return rayon::current_num_threads();
    }
    current().map_or(1, |p| p.current_num_threads())
}

/// Run parallel work `f` in this thread's pool (on this thread when no pool
/// could be started). Panics inside the pool resume here, on the caller.
pub fn install<R: Send>(f: impl FnOnce() -> R + Send) -> R {
    if rayon::current_thread_index().is_some() {
        return f();
    }
    match current() {
        Some(p) => p.install(f),
        None => f(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_pool_for_every_session_and_bad_counts_are_errors() {
        let a = session_pool(3).unwrap();
        let b = session_pool(1).unwrap();
        let c = session_pool(0).unwrap();
        assert!(Arc::ptr_eq(&a, &b) && Arc::ptr_eq(&b, &c));
        assert!(session_pool(-1).is_err());
        assert!(session_pool(1 << 31).is_err());
        // A later session's size is ignored, as in TF, even an absurd one.
        assert!(session_pool(1 << 30).is_ok());
    }

    #[test]
    fn panics_in_the_pool_reach_the_caller() {
        use rayon::prelude::*;
        let caught = std::panic::catch_unwind(|| {
            install(|| {
                (0..1000).into_par_iter().for_each(|i| {
                    if i == 999 {
                        panic!("in the pool");
                    }
                })
            })
        });
        assert!(caught.is_err());
        // The pool still works afterwards.
        assert_eq!(install(|| (0..100).into_par_iter().sum::<i32>()), 4950);
    }
}
