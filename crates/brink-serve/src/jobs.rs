//! Jobs: Monte Carlo work on blocking threads, a bounded number at once, the rest queued.
//!
//! A job is submitted with its work (a closure run on a blocking thread) and answers with a
//! channel of [`Event`]s: accepted (with its id), started, progress, then one of result,
//! error or cancelled. The job is cancelled when the receiver is dropped (the client went
//! away: its response body or its handler future was dropped) or by [`Jobs::cancel`]; the
//! work sees it through [`Progress::cancelled`], which the engine polls between batches.
//! A queued job whose client leaves never starts.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

use serde_json::{Value, json};
use tokio::sync::{Notify, Semaphore, mpsc};

use crate::error::ApiError;

/// What a job's work produces.
#[derive(Debug)]
pub(crate) enum Output {
    /// A JSON document.
    Json(Value),
    /// Text of a media type (per-run records as CSV).
    Text { content_type: &'static str, body: String },
}

/// What a job reports, in order.
#[derive(Debug)]
pub(crate) enum Event {
    Accepted { job: String, queued_behind: u64 },
    Started,
    Progress { done: u64, total: u64 },
    Finished(Output),
    Failed(ApiError),
    Cancelled,
}

impl Event {
    /// The event as one JSON line of a stream.
    pub(crate) fn json(&self) -> Value {
        match self {
            Event::Accepted { job, queued_behind } => {
                json!({ "event": "accepted", "job": job, "queued_behind": queued_behind })
            }
            Event::Started => json!({ "event": "started" }),
            Event::Progress { done, total } => json!({ "event": "progress", "done": done, "total": total }),
            Event::Finished(Output::Json(value)) => json!({ "event": "result", "result": value }),
            Event::Finished(Output::Text { content_type, body }) => {
                json!({ "event": "result", "content_type": content_type, "result": body })
            }
            Event::Failed(error) => {
                json!({ "event": "error", "status": error.status.as_u16(), "error": error.doc })
            }
            Event::Cancelled => json!({ "event": "cancelled" }),
        }
    }
}

/// A job's shared state: its cancel flag and its progress.
#[derive(Debug)]
pub(crate) struct Job {
    cancel: AtomicBool,
    /// Wakes a queued job when it is cancelled.
    cancelled: Notify,
    done: AtomicU64,
    total: AtomicU64,
}

/// The handle the work gets: report progress, ask whether to stop.
#[derive(Debug, Clone)]
pub(crate) struct Progress(Arc<Job>);

impl Progress {
    /// `done` of `total` units (runs) finished.
    pub(crate) fn set(&self, done: u64, total: u64) {
        self.0.total.store(total, Ordering::Relaxed);
        self.0.done.store(done, Ordering::Relaxed);
    }

    /// Whether the job was cancelled.
    pub(crate) fn cancelled(&self) -> bool {
        self.0.cancel.load(Ordering::Relaxed)
    }
}

/// Counts over the server's life, for `GET /api/jobs` and the tests.
#[derive(Debug, Default)]
struct Counters {
    accepted: AtomicU64,
    started: AtomicU64,
    completed: AtomicU64,
    failed: AtomicU64,
    cancelled: AtomicU64,
    refused: AtomicU64,
}

/// The job pool.
#[derive(Debug)]
pub(crate) struct Jobs {
    slots: Arc<Semaphore>,
    max_jobs: usize,
    max_queued: usize,
    next_id: AtomicU64,
    table: Mutex<HashMap<String, Arc<Job>>>,
    counters: Counters,
}

/// How often a running job's progress is sent.
const PROGRESS_EVERY: Duration = Duration::from_millis(150);

type Work = Box<dyn FnOnce(&Progress) -> Result<Output, ApiError> + Send>;

impl Jobs {
    pub(crate) fn new(max_jobs: usize, max_queued: usize) -> Self {
        let max_jobs = max_jobs.max(1);
        Self {
            slots: Arc::new(Semaphore::new(max_jobs)),
            max_jobs,
            max_queued,
            next_id: AtomicU64::new(1),
            table: Mutex::new(HashMap::new()),
            counters: Counters::default(),
        }
    }

    fn table(&self) -> std::sync::MutexGuard<'_, HashMap<String, Arc<Job>>> {
        // A panic while holding this lock cannot leave the map inconsistent (single inserts
        // and removes), so a poisoned lock is still usable.
        self.table.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Jobs accepted and not yet finished (running or queued).
    fn active(&self) -> usize {
        self.table().len()
    }

    /// Queues `work`; the receiver gets its events. Refused (503) when the queue is full.
    pub(crate) fn submit(self: &Arc<Self>, work: Work) -> Result<mpsc::Receiver<Event>, ApiError> {
        let job = Arc::new(Job {
            cancel: AtomicBool::new(false),
            cancelled: Notify::new(),
            done: AtomicU64::new(0),
            total: AtomicU64::new(0),
        });
        let (id, ahead) = {
            let mut table = self.table();
            let ahead = table.len();
            if ahead >= self.max_jobs + self.max_queued {
                self.counters.refused.fetch_add(1, Ordering::Relaxed);
                return Err(ApiError::busy(format!(
                    "{ahead} jobs are running or waiting (at most {} run at once and {} wait); try again later",
                    self.max_jobs, self.max_queued
                )));
            }
            let id = format!("j{}", self.next_id.fetch_add(1, Ordering::Relaxed));
            table.insert(id.clone(), job.clone());
            (id, ahead)
        };
        self.counters.accepted.fetch_add(1, Ordering::Relaxed);
        let (tx, rx) = mpsc::channel(16);
        let queued_behind = ahead.saturating_sub(self.max_jobs - 1) as u64;
        // The channel is new and has room: the first event cannot fail to queue.
        let _ = tx.try_send(Event::Accepted { job: id.clone(), queued_behind });
        let jobs = self.clone();
        tokio::spawn(async move {
            let outcome = jobs.drive(&job, work, &tx).await;
            jobs.table().remove(&id);
            let counter = match &outcome {
                Event::Finished(_) => &jobs.counters.completed,
                Event::Cancelled => &jobs.counters.cancelled,
                _ => &jobs.counters.failed,
            };
            counter.fetch_add(1, Ordering::Relaxed);
            let _ = tx.send(outcome).await;
        });
        Ok(rx)
    }

    /// Waits for a slot, runs the work, and returns the final event.
    async fn drive(&self, job: &Arc<Job>, work: Work, tx: &mpsc::Sender<Event>) -> Event {
        let permit = tokio::select! {
            permit = self.slots.clone().acquire_owned() => match permit {
                Ok(permit) => permit,
                Err(_) => return Event::Failed(ApiError::internal("the job pool is closed")),
            },
            () = tx.closed() => return Event::Cancelled,
            () = job.cancelled.notified() => return Event::Cancelled,
        };
        if job.cancel.load(Ordering::Relaxed) {
            return Event::Cancelled;
        }
        self.counters.started.fetch_add(1, Ordering::Relaxed);
        let _ = tx.try_send(Event::Started);
        let progress = Progress(job.clone());
        let mut handle = tokio::task::spawn_blocking(move || work(&progress));
        let mut ticker = tokio::time::interval(PROGRESS_EVERY);
        let mut last = u64::MAX;
        let mut client_gone = false;
        let joined = loop {
            tokio::select! {
                joined = &mut handle => break joined,
                _ = ticker.tick() => {
                    let done = job.done.load(Ordering::Relaxed);
                    let total = job.total.load(Ordering::Relaxed);
                    if done != last && total > 0 {
                        last = done;
                        // A full channel only means a slow reader: skip this update.
                        let _ = tx.try_send(Event::Progress { done, total });
                    }
                }
                () = tx.closed(), if !client_gone => {
                    client_gone = true;
                    job.cancel.store(true, Ordering::Relaxed);
                }
            }
        };
        // The slot is held until the blocking work has returned, so at most `max_jobs` run.
        drop(permit);
        match joined {
            _ if job.cancel.load(Ordering::Relaxed) => Event::Cancelled,
            Ok(Ok(output)) => Event::Finished(output),
            Ok(Err(error)) => Event::Failed(error),
            Err(join) => Event::Failed(ApiError::internal(format!("the job failed: {join}"))),
        }
    }

    /// Cancels a running or queued job; false if there is no such job.
    pub(crate) fn cancel(&self, id: &str) -> bool {
        match self.table().get(id) {
            Some(job) => {
                job.cancel.store(true, Ordering::Relaxed);
                job.cancelled.notify_one();
                true
            }
            None => false,
        }
    }

    /// The pool's state and counters.
    pub(crate) fn status(&self) -> Value {
        let c = &self.counters;
        let load = |n: &AtomicU64| n.load(Ordering::Relaxed);
        let active = self.active();
        let running = self.max_jobs - self.slots.available_permits();
        json!({
            "max_jobs": self.max_jobs,
            "max_queued": self.max_queued,
            "active": active,
            "running": running,
            "queued": active.saturating_sub(running),
            "accepted": load(&c.accepted),
            "started": load(&c.started),
            "completed": load(&c.completed),
            "failed": load(&c.failed),
            "cancelled": load(&c.cancelled),
            "refused": load(&c.refused),
        })
    }
}
