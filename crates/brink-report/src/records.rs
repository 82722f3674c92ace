//! Per-run records and per-turn trajectories (docs/OUTPUTS.md), written as runs finish.

use std::path::Path;

use std::sync::Arc;

use brink_engine::{Cause, Outcome, RunRecord, RunSink, Scenario};

pub use crate::table::{BatchBuilder, CsvText, Format, Kind, TableWriter, Value, manifest_path, schema};
use crate::{Manifest, ReportError};

/// Columns of the per-run table.
pub const RUN_COLUMNS: [(&str, Kind); 25] = [
    ("run", Kind::U64),
    ("outcome", Kind::Str),
    ("peak_rung", Kind::Str),
    ("peak_rung_index", Kind::U64),
    ("turns", Kind::U64),
    ("first_nuclear_turn", Kind::OptU64),
    ("nuclear_cause", Kind::OptStr),
    ("nuclear_actor", Kind::OptStr),
    ("nuclear_rung", Kind::OptStr),
    ("conceded", Kind::OptStr),
    ("first_red_line_owner", Kind::OptStr),
    ("first_red_line_crosser", Kind::OptStr),
    ("first_red_line_turn", Kind::OptU64),
    ("red_lines_crossed", Kind::U64),
    ("responses", Kind::U64),
    ("miscalculations", Kind::U64),
    ("accidents", Kind::U64),
    ("audience_costs", Kind::F64),
    ("belief_error_start", Kind::F64),
    ("belief_error_end", Kind::F64),
    ("false_alarms", Kind::U64),
    ("misreads", Kind::U64),
    ("signals_sent", Kind::U64),
    ("signals_honoured", Kind::U64),
    ("signals_contradicted", Kind::U64),
];

/// Columns of the trajectory table (one row per run, turn and actor).
pub const TRAJECTORY_COLUMNS: [(&str, Kind); 5] =
    [("run", Kind::U64), ("turn", Kind::U64), ("actor", Kind::Str), ("rung", Kind::Str), ("rung_index", Kind::U64)];

/// Names to turn indices into words, shared by every row.
#[derive(Debug, Clone)]
struct Names {
    actors: Vec<Arc<str>>,
    rungs: Vec<Arc<str>>,
    outcomes: Vec<Arc<str>>,
    causes: Vec<Arc<str>>,
}

impl Names {
    fn of(scenario: &Scenario) -> Self {
        Self {
            actors: scenario.actors.iter().map(|a| Arc::from(a.name.as_str())).collect(),
            rungs: scenario.ladder.rungs().iter().map(|r| Arc::from(r.name.as_str())).collect(),
            outcomes: Outcome::ALL.iter().map(|o| Arc::from(o.name())).collect(),
            causes: Cause::ALL.iter().map(|c| Arc::from(c.name())).collect(),
        }
    }
}

/// The row of one run.
pub fn run_row(scenario: &Scenario, record: &RunRecord) -> Vec<Value> {
    row(&Names::of(scenario), record)
}

/// The rows of the per-run ([`RUN_COLUMNS`]) and trajectory ([`TRAJECTORY_COLUMNS`]) tables
/// of a scenario's runs, with the names looked up once.
#[derive(Debug, Clone)]
pub struct Rows {
    names: Names,
}

impl Rows {
    /// Rows of `scenario`'s runs.
    pub fn new(scenario: &Scenario) -> Self {
        Self { names: Names::of(scenario) }
    }

    /// The per-run row of `record`.
    pub fn run(&self, record: &RunRecord) -> Vec<Value> {
        row(&self.names, record)
    }

    /// The trajectory rows of `record` (one per turn and actor), in order, given to `push`.
    pub fn trajectory<E>(
        &self,
        record: &RunRecord,
        mut push: impl FnMut(&[Value; 5]) -> Result<(), E>,
    ) -> Result<(), E> {
        let n = self.names.actors.len();
        for (t, rungs) in record.trajectory.chunks(n).enumerate() {
            for (actor, &rung) in rungs.iter().enumerate() {
                push(&[
                    Value::U64(record.run),
                    Value::U64(t as u64 + 1),
                    Value::Str(self.names.actors[actor].clone()),
                    Value::Str(self.names.rungs[usize::from(rung)].clone()),
                    Value::U64(u64::from(rung)),
                ])?;
            }
        }
        Ok(())
    }
}

fn row(names: &Names, record: &RunRecord) -> Vec<Value> {
    let actor = |a: usize| Value::Str(names.actors[a].clone());
    let opt = |v: Option<Value>| v.unwrap_or(Value::Null);
    let nuclear = record.nuclear;
    let first = record.first_red_line;
    vec![
        Value::U64(record.run),
        Value::Str(names.outcomes[Outcome::ALL.iter().position(|&o| o == record.outcome).unwrap_or(0)].clone()),
        Value::Str(names.rungs[record.peak_rung].clone()),
        Value::U64(record.peak_rung as u64),
        Value::U64(u64::from(record.turns)),
        opt(nuclear.map(|n| Value::U64(u64::from(n.turn)))),
        opt(nuclear
            .map(|n| Value::Str(names.causes[Cause::ALL.iter().position(|&c| c == n.cause).unwrap_or(0)].clone()))),
        opt(nuclear.and_then(|n| n.actor).map(actor)),
        opt(nuclear.map(|n| Value::Str(names.rungs[n.rung].clone()))),
        opt(record.conceded.map(actor)),
        opt(first.map(|f| actor(f.owner))),
        opt(first.map(|f| actor(f.crosser))),
        opt(first.map(|f| Value::U64(u64::from(f.turn)))),
        Value::U64(u64::from(record.red_lines_crossed)),
        Value::U64(u64::from(record.responses)),
        Value::U64(u64::from(record.miscalculations)),
        Value::U64(u64::from(record.accidents)),
        Value::F64(record.audience_costs),
        Value::F64(record.belief_error_start),
        Value::F64(record.belief_error_end),
        Value::U64(u64::from(record.false_alarms)),
        Value::U64(u64::from(record.misreads)),
        Value::U64(u64::from(record.signals_sent)),
        Value::U64(u64::from(record.signals_honoured)),
        Value::U64(u64::from(record.signals_contradicted)),
    ]
}

/// A [`RunSink`] that writes per-run records and, optionally, trajectories. Errors are kept
/// and returned by [`RecordSink::finish`]; nothing appears at the target paths before it.
#[derive(Debug)]
pub struct RecordSink {
    rows: Rows,
    runs: Option<TableWriter>,
    trajectories: Option<TableWriter>,
    error: Option<ReportError>,
}

impl RecordSink {
    /// Writes runs to `runs` and trajectories to `trajectories` (either may be absent).
    pub fn create(
        scenario: &Scenario,
        runs: Option<&Path>,
        trajectories: Option<&Path>,
        manifest: &Manifest,
    ) -> Result<Self, ReportError> {
        let with_content = |content: &str| Manifest { content: content.to_owned(), ..manifest.clone() };
        Ok(Self {
            rows: Rows::new(scenario),
            runs: runs.map(|p| TableWriter::create(p, &RUN_COLUMNS, with_content("runs"))).transpose()?,
            trajectories: trajectories
                .map(|p| TableWriter::create(p, &TRAJECTORY_COLUMNS, with_content("trajectories")))
                .transpose()?,
            error: None,
        })
    }

    /// Completes the files, or returns the first error met while writing.
    pub fn finish(self) -> Result<(), ReportError> {
        if let Some(error) = self.error {
            return Err(error);
        }
        if let Some(runs) = self.runs {
            runs.finish()?;
        }
        if let Some(trajectories) = self.trajectories {
            trajectories.finish()?;
        }
        Ok(())
    }

    fn write(&mut self, record: &RunRecord) -> Result<(), ReportError> {
        if let Some(runs) = &mut self.runs {
            runs.push(&self.rows.run(record))?;
        }
        if let Some(trajectories) = &mut self.trajectories {
            self.rows.trajectory(record, |row| trajectories.push(row))?;
        }
        Ok(())
    }
}

impl RunSink for RecordSink {
    fn wants_records(&self) -> bool {
        self.runs.is_some() || self.trajectories.is_some()
    }

    fn wants_trajectories(&self) -> bool {
        self.trajectories.is_some()
    }

    fn record(&mut self, record: &RunRecord) {
        if self.error.is_none()
            && let Err(error) = self.write(record)
        {
            self.error = Some(error);
        }
    }
}
