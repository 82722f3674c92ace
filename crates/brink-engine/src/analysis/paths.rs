//! The chains of steps behind an outcome (`brink explain`): runs grouped by their *path*, the
//! ordered moves that raised an actor's rung — (actor, from, to, cause) — and the ending. Turns
//! and steps down are not part of the key; each group keeps the mean turn of each step and how
//! often each step was a miscalculation or crossed an adversary's true red line.
//!
//! Grouping is a [`RunSink`]: it receives the runs in run order, so the groups do not depend on
//! the number of threads. Memory is bounded: at most `capacity` distinct paths are kept; runs
//! whose path first appears once the table is full are counted in `other_runs`, so
//! Σ counts + other runs = the runs with the outcome, always.

use rustc_hash::FxHashMap;

use crate::model::{ActorId, RungId};
use crate::run::{Cause, Outcome, RunRecord, StepCause};
use crate::runner::RunSink;

/// One step of a path key: who moved, from where to where, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct StepKey {
    /// Who moved.
    pub actor: ActorId,
    /// From this rung.
    pub from: RungId,
    /// To this rung.
    pub to: RungId,
    /// Why.
    pub cause: StepCause,
}

/// How a path ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Ending {
    /// The outcome.
    pub outcome: Outcome,
    /// For nuclear use, its cause.
    pub nuclear_cause: Option<Cause>,
    /// For nuclear use by an actor, who; for a concession, who conceded.
    pub actor: Option<ActorId>,
}

/// A path's key: its steps and its ending.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PathKey {
    /// The steps, in order.
    pub steps: Vec<StepKey>,
    /// The ending.
    pub ending: Ending,
}

/// The runs that followed one path.
#[derive(Debug, Clone, PartialEq)]
pub struct PathGroup {
    /// The path.
    pub key: PathKey,
    /// Runs that followed it.
    pub count: u64,
    /// The first of them (a run to replay with `brink explain --run`).
    pub first_run: u64,
    /// Per step, the sum of its turns over the runs (mean = sum / count).
    pub turn_sums: Vec<u64>,
    /// Per step, the runs in which it was a miscalculation.
    pub miscalculations: Vec<u64>,
    /// Per step, the runs in which it crossed an adversary's true red line.
    pub crossed_red_lines: Vec<u64>,
}

/// Groups runs ending in an outcome (or every run) by path.
#[derive(Debug, Clone)]
pub struct PathGrouping {
    outcome: Option<Outcome>,
    capacity: usize,
    index: FxHashMap<PathKey, usize>,
    groups: Vec<PathGroup>,
    /// Runs seen.
    pub runs: u64,
    /// Runs with the outcome (every run when grouping all).
    pub outcome_runs: u64,
    /// Runs with the outcome whose path was not kept (the table was full).
    pub other_runs: u64,
}

impl PathGrouping {
    /// Groups the runs ending in `outcome` (`None`: every run), keeping at most `capacity`
    /// distinct paths.
    pub fn new(outcome: Option<Outcome>, capacity: usize) -> Self {
        Self {
            outcome,
            capacity,
            index: FxHashMap::default(),
            groups: Vec::new(),
            runs: 0,
            outcome_runs: 0,
            other_runs: 0,
        }
    }

    /// Distinct paths kept.
    pub fn distinct_paths(&self) -> usize {
        self.groups.len()
    }

    /// Whether some runs' paths were not kept because the table was full.
    pub fn truncated(&self) -> bool {
        self.other_runs > 0
    }

    /// The `k` most frequent paths, most frequent first (ties: the path seen first), and the
    /// runs with the outcome outside them.
    pub fn top(&self, k: usize) -> (Vec<&PathGroup>, u64) {
        let mut order: Vec<&PathGroup> = self.groups.iter().collect();
        order.sort_by(|a, b| b.count.cmp(&a.count).then(a.first_run.cmp(&b.first_run)));
        order.truncate(k);
        let shown: u64 = order.iter().map(|g| g.count).sum();
        (order, self.outcome_runs - shown)
    }

    /// Adds one run (with its path recorded).
    pub fn add(&mut self, record: &RunRecord) {
        self.runs += 1;
        if self.outcome.is_some_and(|o| o != record.outcome) {
            return;
        }
        self.outcome_runs += 1;
        let key = key_of(record);
        let at = match self.index.get(&key) {
            Some(&at) => at,
            None if self.groups.len() < self.capacity => {
                let steps = key.steps.len();
                self.groups.push(PathGroup {
                    key: key.clone(),
                    count: 0,
                    first_run: record.run,
                    turn_sums: vec![0; steps],
                    miscalculations: vec![0; steps],
                    crossed_red_lines: vec![0; steps],
                });
                self.index.insert(key, self.groups.len() - 1);
                self.groups.len() - 1
            }
            None => {
                self.other_runs += 1;
                return;
            }
        };
        let group = &mut self.groups[at];
        group.count += 1;
        for (i, step) in record.path.iter().enumerate() {
            group.turn_sums[i] += u64::from(step.turn);
            group.miscalculations[i] += u64::from(step.miscalculation);
            group.crossed_red_lines[i] += u64::from(step.crossed_red_line);
        }
    }
}

/// The path key of a run.
pub fn key_of(record: &RunRecord) -> PathKey {
    let steps =
        record.path.iter().map(|s| StepKey { actor: s.actor, from: s.from, to: s.to, cause: s.cause }).collect();
    let ending = Ending {
        outcome: record.outcome,
        nuclear_cause: record.nuclear.map(|n| n.cause),
        actor: record.nuclear.and_then(|n| n.actor).or(record.conceded),
    };
    PathKey { steps, ending }
}

impl RunSink for PathGrouping {
    fn wants_records(&self) -> bool {
        true
    }

    fn wants_paths(&self) -> bool {
        true
    }

    fn record(&mut self, record: &RunRecord) {
        self.add(record);
    }
}
