//! The Monte Carlo runner: runs in parallel, reduced in run order.
//!
//! Runs are cut into fixed chunks of [`CHUNK_RUNS`]; each chunk is simulated sequentially
//! into a partial [`Summary`], and partials are merged in chunk order. Chunks are processed
//! in batches, so memory stays flat however many runs are asked for, and the thread count
//! decides only who computes a chunk, never what it contains.

use rayon::prelude::*;

use crate::model::Scenario;
use crate::run::{RunRecord, Simulator};
use crate::summary::Summary;

/// Runs per chunk (a fixed constant: it is part of the reduction order).
pub const CHUNK_RUNS: u64 = 1024;

/// How many runs, from which seed, on how many threads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RunConfig {
    /// Number of runs.
    pub runs: u64,
    /// Master seed.
    pub seed: u64,
    /// Worker threads (`None`: rayon's default, one per core).
    pub threads: Option<usize>,
}

/// Receives runs in run order, and progress. Per-run outputs (CSV, Parquet, …) implement it.
pub trait RunSink {
    /// Whether the sink wants every [`RunRecord`] (if not, records are not kept).
    fn wants_records(&self) -> bool {
        false
    }
    /// Whether runs should record every actor's rung per turn ([`RunRecord::trajectory`]).
    fn wants_trajectories(&self) -> bool {
        false
    }
    /// Whether the records it receives should carry their paths ([`RunRecord::path`]).
    fn wants_paths(&self) -> bool {
        false
    }
    /// One run, called in run order.
    fn record(&mut self, _record: &RunRecord) {}
    /// `done` runs of the total are finished.
    fn progress(&mut self, _done: u64) {}
    /// Whether the runs should stop: polled between batches (a few thousand runs apart), so
    /// an interrupted caller (Ctrl-C, a closed web client) stops within one batch.
    fn cancelled(&mut self) -> bool {
        false
    }
}

/// A sink that ignores everything.
impl RunSink for () {}

/// The runner could not start.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RunError {
    /// The sink asked to stop ([`RunSink::cancelled`]) after `done` runs.
    #[error("cancelled after {done} runs")]
    Cancelled {
        /// Runs finished and delivered when the runner stopped.
        done: u64,
    },
    /// The thread pool could not be built.
    #[error("cannot start {threads} worker threads: {message}")]
    ThreadPool {
        /// Threads asked for.
        threads: usize,
        /// Why it failed.
        message: String,
    },
}

/// Runs `scenario` `config.runs` times and summarises the runs.
///
/// Batches are pipelined: while batch k + 1 is simulated, batch k's runs are merged into the
/// summary and handed to `sink` (in run order) on another thread, so a slow sink (a Parquet
/// writer) overlaps with the simulation instead of stalling it.
pub fn run_many(scenario: &Scenario, config: &RunConfig, sink: &mut (dyn RunSink + Send)) -> Result<Summary, RunError> {
    let pool = match config.threads {
        Some(threads) => Some(
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .map_err(|e| RunError::ThreadPool { threads, message: e.to_string() })?,
        ),
        None => None,
    };
    let threads = pool.as_ref().map_or_else(rayon::current_num_threads, |p| p.current_num_threads());
    let chunks = config.runs.div_ceil(CHUNK_RUNS);
    let batch_chunks = (threads as u64 * 4).max(1);
    let keep = sink.wants_records();
    let trajectories = sink.wants_trajectories();
    let paths = sink.wants_paths();
    let mut summary = Summary::new(scenario);
    let mut pending: Vec<(Summary, Vec<RunRecord>)> = Vec::new();
    let mut first = 0;
    loop {
        let last = (first + batch_chunks).min(chunks);
        let done = std::mem::take(&mut pending);
        let mut step = || {
            rayon::join(
                || {
                    if first < chunks {
                        simulate_chunks(scenario, config, first..last, keep, trajectories, paths)
                    } else {
                        Vec::new()
                    }
                },
                || deliver(&done, &mut summary, sink),
            )
        };
        let (computed, ()) = match &pool {
            Some(pool) => pool.install(step),
            None => step(),
        };
        if first >= chunks {
            break;
        }
        if sink.cancelled() {
            return Err(RunError::Cancelled { done: summary.runs });
        }
        pending = computed;
        first = last;
    }
    Ok(summary)
}

/// Merges finished chunks into the summary and gives their runs to the sink, in order.
fn deliver(partials: &[(Summary, Vec<RunRecord>)], summary: &mut Summary, sink: &mut (dyn RunSink + Send)) {
    if partials.is_empty() {
        return;
    }
    for (partial, records) in partials {
        summary.merge(partial);
        for record in records {
            sink.record(record);
        }
    }
    sink.progress(summary.runs);
}

/// Simulates chunks in parallel; the result is in chunk order.
fn simulate_chunks(
    scenario: &Scenario,
    config: &RunConfig,
    chunks: std::ops::Range<u64>,
    keep: bool,
    trajectories: bool,
    paths: bool,
) -> Vec<(Summary, Vec<RunRecord>)> {
    chunks
        .into_par_iter()
        .map_init(
            || {
                let mut simulator = Simulator::new(scenario);
                simulator.set_record_trajectories(trajectories);
                simulator.set_record_paths(paths);
                simulator
            },
            |simulator, chunk| {
                let start = chunk * CHUNK_RUNS;
                let end = (start + CHUNK_RUNS).min(config.runs);
                let mut partial = Summary::new(scenario);
                let mut records = Vec::new();
                for run in start..end {
                    let record = simulator.run(config.seed, run);
                    partial.add(&record);
                    if keep {
                        records.push(record);
                    }
                }
                (partial, records)
            },
        )
        .collect()
}
