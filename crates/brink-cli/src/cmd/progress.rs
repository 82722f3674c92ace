//! Progress on stderr for the commands that can run long: a bar when the total is known
//! (runs, points), a spinner with the elapsed time when it is not (a strike plan, a solver).
//! Drawn only when stderr is a terminal and `--quiet` is not given, so pipes, files and tests
//! see nothing; results never depend on it.
//!
//! Wiring a command: `let progress = Progress::bar(total, "runs");` then either hand
//! `&mut progress` to anything taking a `brink_engine::RunSink` (it implements `progress`), or
//! call `progress.set(done)` from a callback; `progress.finish()` at the end clears the line.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};

use brink_engine::RunSink;

/// Set once from `--quiet` before a command runs.
static QUIET: AtomicBool = AtomicBool::new(false);

/// Silences every progress display of this process (`brink --quiet …`).
pub(crate) fn set_quiet(quiet: bool) {
    QUIET.store(quiet, Ordering::Relaxed);
}

/// Whether progress is drawn: stderr is a terminal and `--quiet` was not given.
fn enabled(stderr_is_terminal: bool, quiet: bool) -> bool {
    stderr_is_terminal && !quiet
}

/// A progress display on stderr, or nothing ([`enabled`]).
#[derive(Debug)]
pub(crate) struct Progress {
    bar: Option<indicatif::ProgressBar>,
}

impl Progress {
    /// A bar over `total` steps named `unit` ("runs", "points", "grid points").
    pub(crate) fn bar(total: u64, unit: &str) -> Self {
        let bar = Self::shown().then(|| {
            let bar = indicatif::ProgressBar::new(total);
            let template = format!("{{bar:40}} {{pos}}/{{len}} {unit}  {{per_sec}}  eta {{eta}}");
            bar.set_style(indicatif::ProgressStyle::with_template(&template).expect("valid template"));
            bar
        });
        Self { bar }
    }

    /// A spinner with `message` and the elapsed time, for work of unknown length.
    pub(crate) fn spinner(message: &str) -> Self {
        let bar = Self::shown().then(|| {
            let bar = indicatif::ProgressBar::new_spinner();
            bar.set_style(
                indicatif::ProgressStyle::with_template("{spinner} {msg} {elapsed}").expect("valid template"),
            );
            bar.set_message(message.to_owned());
            bar.enable_steady_tick(std::time::Duration::from_millis(120));
            bar
        });
        Self { bar }
    }

    fn shown() -> bool {
        enabled(std::io::stderr().is_terminal(), QUIET.load(Ordering::Relaxed))
    }

    /// Moves the bar to `done` steps.
    pub(crate) fn set(&self, done: u64) {
        if let Some(bar) = &self.bar {
            bar.set_position(done);
        }
    }

    /// Clears the display (call when the work is done, before printing results).
    pub(crate) fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        // An error return must not leave a spinner ticking over the error message.
        self.finish();
    }
}

impl RunSink for Progress {
    fn progress(&mut self, done: u64) {
        self.set(done);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drawn_only_on_a_terminal_without_quiet() {
        assert!(enabled(true, false));
        assert!(!enabled(true, true));
        assert!(!enabled(false, false));
        assert!(!enabled(false, true));
    }
}
