//! Long calls release the GIL and stop on Ctrl-C.
//!
//! Python runs signal handlers only on its main thread, and only when that thread runs
//! Python code or calls `PyErr_CheckSignals`; the engine's sink runs on rayon's threads. So a
//! long call runs its work on a helper thread with the GIL released, while the calling thread
//! waits and checks for signals every [`POLL`]. On Ctrl-C it raises the work's stop flag (the
//! runner polls it between batches, through `RunSink::cancelled`), waits for the work to
//! stop, and raises the signal's exception (`KeyboardInterrupt`).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::Duration;

use pyo3::prelude::*;

/// How often a waiting call checks for signals.
pub const POLL: Duration = Duration::from_millis(50);

/// Set by the worker when it has finished, and waited on by the caller.
#[derive(Debug, Default)]
struct Done {
    finished: Mutex<bool>,
    signal: Condvar,
}

impl Done {
    fn set(&self) {
        *self.finished.lock().unwrap_or_else(PoisonError::into_inner) = true;
        self.signal.notify_all();
    }

    /// Waits at most `timeout`; whether the work has finished.
    fn wait(&self, timeout: Duration) -> bool {
        let finished = self.finished.lock().unwrap_or_else(PoisonError::into_inner);
        let (finished, _) =
            self.signal.wait_timeout_while(finished, timeout, |f| !*f).unwrap_or_else(PoisonError::into_inner);
        *finished
    }
}

/// Waits for `done` with the GIL released; `Err` with the signal's exception if a handler
/// raised one (Ctrl-C) before the work finished.
fn wait(py: Python<'_>, done: &Done) -> PyResult<()> {
    loop {
        if py.detach(|| done.wait(POLL)) {
            return Ok(());
        }
        py.check_signals()?;
    }
}

/// Runs `work` without the GIL. `work` gets a stop flag, raised on Ctrl-C; it should then
/// return soon (a run stops within one batch). On Ctrl-C the exception is returned once the
/// work has stopped.
pub fn interruptible<T: Send>(py: Python<'_>, work: impl FnOnce(&AtomicBool) -> T + Send) -> PyResult<T> {
    interruptible_and(py, || {}, work)
}

/// [`interruptible`], with `on_stop` called on Ctrl-C as the stop flag goes up (Python
/// decision rules use it to stop at their next decision, not at the end of the batch).
pub fn interruptible_and<T: Send>(
    py: Python<'_>,
    on_stop: impl FnOnce(),
    work: impl FnOnce(&AtomicBool) -> T + Send,
) -> PyResult<T> {
    let stop = AtomicBool::new(false);
    let done = Done::default();
    std::thread::scope(|scope| {
        let worker = scope.spawn(|| {
            let result = work(&stop);
            done.set();
            result
        });
        let waited = wait(py, &done);
        if waited.is_err() {
            stop.store(true, Ordering::Relaxed);
            on_stop();
        }
        // The worker has finished, or stops within a batch now that the flag is up.
        let result = py.detach(|| worker.join());
        let result = result.map_err(|_| pyo3::exceptions::PyRuntimeError::new_err("brink: internal error (panic)"))?;
        waited.map(|()| result)
    })
}

/// Runs `work`, which cannot be stopped part way, without the GIL. On Ctrl-C the exception is
/// raised at once and the work finishes in the background, its result dropped.
pub fn detachable<T: Send + 'static>(py: Python<'_>, work: impl FnOnce() -> T + Send + 'static) -> PyResult<T> {
    let done = Arc::new(Done::default());
    let slot: Arc<Mutex<Option<T>>> = Arc::new(Mutex::new(None));
    let worker = {
        let (done, slot) = (done.clone(), slot.clone());
        std::thread::spawn(move || {
            let result = work();
            *slot.lock().unwrap_or_else(PoisonError::into_inner) = Some(result);
            done.set();
        })
    };
    wait(py, &done)?;
    py.detach(|| worker.join())
        .map_err(|_| pyo3::exceptions::PyRuntimeError::new_err("brink: internal error (panic)"))?;
    let result = slot.lock().unwrap_or_else(PoisonError::into_inner).take();
    result.ok_or_else(|| pyo3::exceptions::PyRuntimeError::new_err("brink: internal error (no result)"))
}
