//! Thread pools for large fills.
//!
//! Small outputs never leave the calling thread (handing work to a pool costs
//! microseconds); large ones are split across a rayon pool whose size comes
//! from the session's `intra_op_parallelism_threads`, else
//! `PHILOXFLOW_NUM_THREADS`, else the number of CPUs.

use rayon::{ThreadPool, ThreadPoolBuilder};
use std::cell::RefCell;
use std::collections::HashMap;
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

/// The shared pool of `threads` threads (0 means [`default_threads`]).
pub fn pool(threads: usize) -> Arc<ThreadPool> {
    static POOLS: OnceLock<Mutex<HashMap<usize, Arc<ThreadPool>>>> = OnceLock::new();
    let n = if threads == 0 {
        default_threads()
    } else {
        threads
    };
    let mut pools = POOLS
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    pools
        .entry(n)
        .or_insert_with(|| {
            Arc::new(
                ThreadPoolBuilder::new()
                    .num_threads(n)
                    .thread_name(|i| format!("philoxflow-{i}"))
                    .build()
                    .expect("thread pool"),
            )
        })
        .clone()
}

thread_local! {
    static CURRENT: RefCell<Option<Arc<ThreadPool>>> = const { RefCell::new(None) };
}

/// Run `f` with `pool` as the pool that large fills on this thread use.
pub fn with_pool<R>(pool: Arc<ThreadPool>, f: impl FnOnce() -> R) -> R {
    let previous = CURRENT.with(|c| c.replace(Some(pool)));
    let out = f();
    CURRENT.with(|c| *c.borrow_mut() = previous);
    out
}

fn current() -> Arc<ThreadPool> {
    CURRENT
        .with(|c| c.borrow().clone())
        .unwrap_or_else(|| pool(0))
}

/// Threads a large fill started on this thread would use.
pub fn threads() -> usize {
    if rayon::current_thread_index().is_some() {
        return rayon::current_num_threads();
    }
    CURRENT
        .with(|c| c.borrow().as_ref().map(|p| p.current_num_threads()))
        .unwrap_or_else(default_threads)
}

/// Run parallel work `f` in this thread's pool.
pub fn install<R: Send>(f: impl FnOnce() -> R + Send) -> R {
    if rayon::current_thread_index().is_some() {
        return f();
    }
    current().install(f)
}
