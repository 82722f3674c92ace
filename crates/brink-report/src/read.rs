//! Reading back the trajectory tables `brink run --trajectories` writes (.csv, .jsonl or
//! .parquet; columns `run`, `turn`, `actor`, `rung`, `rung_index`), so a simulated run can
//! serve as a record of an observed crisis.

use std::path::Path;

use arrow_array::{Array, StringArray, UInt64Array};

use crate::ReportError;
use crate::table::Format;

/// One row of a trajectory table: an actor's rung at the end of a turn of a run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrajectoryRow {
    /// The run (its index).
    pub run: u64,
    /// The turn, from 1.
    pub turn: u64,
    /// The actor's name.
    pub actor: String,
    /// The rung's name.
    pub rung: String,
}

/// Column `name` of a Parquet batch as array type `A` (`expected` names its type for the error).
fn typed_column<A: Array + Clone + 'static>(
    batch: &arrow_array::RecordBatch,
    name: &str,
    expected: &str,
    missing: &dyn Fn(&str) -> ReportError,
    input: &dyn Fn(String) -> ReportError,
) -> Result<A, ReportError> {
    batch
        .column_by_name(name)
        .ok_or_else(|| missing(name))?
        .as_any()
        .downcast_ref::<A>()
        .cloned()
        .ok_or_else(|| input(format!("column `{name}`: expected {expected}")))
}

/// Every row of the trajectory table at `path`, in file order.
pub fn read_trajectories(path: &Path) -> Result<Vec<TrajectoryRow>, ReportError> {
    let input = |message: String| ReportError::Input { path: path.display().to_string(), message };
    match Format::from_path(path)? {
        Format::Csv => {
            let mut reader = csv::Reader::from_path(path).map_err(|e| ReportError::io(path, e))?;
            let headers = reader.headers().map_err(|e| input(format!("cannot read the header: {e}")))?.clone();
            let column = |name: &str| {
                headers.iter().position(|h| h == name).ok_or_else(|| {
                    input(format!("no `{name}` column; a trajectories file has run, turn, actor, rung, rung_index"))
                })
            };
            let (run, turn, actor, rung) = (column("run")?, column("turn")?, column("actor")?, column("rung")?);
            let mut rows = Vec::new();
            for record in reader.records() {
                let record = record.map_err(|e| input(format!("{e}")))?;
                let line = record.position().map_or(0, csv::Position::line);
                let number = |i: usize, name: &str| {
                    record
                        .get(i)
                        .and_then(|v| v.parse::<u64>().ok())
                        .ok_or_else(|| input(format!("line {line}, column `{name}`: expected a whole number")))
                };
                rows.push(TrajectoryRow {
                    run: number(run, "run")?,
                    turn: number(turn, "turn")?,
                    actor: record.get(actor).unwrap_or_default().to_owned(),
                    rung: record.get(rung).unwrap_or_default().to_owned(),
                });
            }
            Ok(rows)
        }
        Format::JsonLines => {
            let text = std::fs::read_to_string(path).map_err(|e| ReportError::io(path, e))?;
            let mut rows = Vec::new();
            for (i, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
                let value: serde_json::Value =
                    serde_json::from_str(line).map_err(|e| input(format!("line {}: not JSON: {e}", i + 1)))?;
                let number = |name: &str| {
                    value[name]
                        .as_u64()
                        .ok_or_else(|| input(format!("line {}, field `{name}`: expected a whole number", i + 1)))
                };
                let text = |name: &str| {
                    value[name]
                        .as_str()
                        .map(str::to_owned)
                        .ok_or_else(|| input(format!("line {}, field `{name}`: expected a string", i + 1)))
                };
                rows.push(TrajectoryRow {
                    run: number("run")?,
                    turn: number("turn")?,
                    actor: text("actor")?,
                    rung: text("rung")?,
                });
            }
            Ok(rows)
        }
        Format::Parquet => {
            let file = std::fs::File::open(path).map_err(|e| ReportError::io(path, e))?;
            let reader = parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(file)
                .and_then(|b| b.build())
                .map_err(|e| input(format!("not a Parquet file brink can read: {e}")))?;
            let mut rows = Vec::new();
            for batch in reader {
                let batch = batch.map_err(|e| input(format!("cannot read a row group: {e}")))?;
                let missing = |name: &str| {
                    input(format!("no `{name}` column; a trajectories file has run, turn, actor, rung, rung_index"))
                };
                let numbers =
                    |name: &str| typed_column::<UInt64Array>(&batch, name, "unsigned integers", &missing, &input);
                let strings = |name: &str| typed_column::<StringArray>(&batch, name, "strings", &missing, &input);
                let (run, turn, actor, rung) = (numbers("run")?, numbers("turn")?, strings("actor")?, strings("rung")?);
                for i in 0..batch.num_rows() {
                    if run.is_null(i) || turn.is_null(i) || actor.is_null(i) || rung.is_null(i) {
                        return Err(input(format!("row {}: a missing value", rows.len() + 1)));
                    }
                    rows.push(TrajectoryRow {
                        run: run.value(i),
                        turn: turn.value(i),
                        actor: actor.value(i).to_owned(),
                        rung: rung.value(i).to_owned(),
                    });
                }
            }
            Ok(rows)
        }
    }
}

/// The per-run records `brink run --out` writes, as `brink report` reads them back: the
/// columns a report needs, one entry per run, and the manifest (the Parquet file's
/// `brink.manifest` metadata, else the sidecar `FILE.manifest.json`, if either is there).
#[derive(Debug, Clone, PartialEq)]
pub struct RunRecords {
    /// The manifest as written, if found.
    pub manifest: Option<serde_json::Value>,
    /// Each run's outcome (`nuclear_use`, `settlement`, …).
    pub outcomes: Vec<String>,
    /// Each run's peak rung: its index on the ladder and its name.
    pub peak_rungs: Vec<(u64, String)>,
    /// Each run's number of turns.
    pub turns: Vec<u64>,
    /// Each run's cause of nuclear use, if it had one.
    pub nuclear_causes: Vec<Option<String>>,
}

/// The columns of a per-run file that `read_run_records` needs.
const RECORD_COLUMNS: [&str; 5] = ["outcome", "peak_rung", "peak_rung_index", "turns", "nuclear_cause"];

/// Reads the per-run records at `path` (.csv, .jsonl or .parquet, by extension). A file
/// without the per-run columns (a sweep table, trajectories) is an [`ReportError::Input`]
/// naming the first missing column; a bad value names its line (CSV, JSON lines) or row.
pub fn read_run_records(path: &Path) -> Result<RunRecords, ReportError> {
    let input = |message: String| ReportError::Input { path: path.display().to_string(), message };
    let missing = |name: &str| {
        input(format!(
            "no `{name}` column: not the per-run records of `brink run --out` (columns {})",
            RECORD_COLUMNS.join(", ")
        ))
    };
    let mut records = RunRecords {
        manifest: None,
        outcomes: Vec::new(),
        peak_rungs: Vec::new(),
        turns: Vec::new(),
        nuclear_causes: Vec::new(),
    };
    match Format::from_path(path)? {
        Format::Csv => {
            let mut reader = csv::Reader::from_path(path).map_err(|e| ReportError::io(path, e))?;
            let headers = reader.headers().map_err(|e| input(format!("cannot read the header: {e}")))?.clone();
            let column = |name: &str| headers.iter().position(|h| h == name).ok_or_else(|| missing(name));
            let [outcome, peak, peak_index, turns, cause] = RECORD_COLUMNS.map(column);
            let (outcome, peak, peak_index, turns, cause) = (outcome?, peak?, peak_index?, turns?, cause?);
            for record in reader.records() {
                let record = record.map_err(|e| input(format!("{e}")))?;
                let line = record.position().map_or(0, csv::Position::line);
                let text = |i: usize| record.get(i).unwrap_or_default().to_owned();
                let number = |i: usize, name: &str| {
                    record
                        .get(i)
                        .and_then(|v| v.parse::<u64>().ok())
                        .ok_or_else(|| input(format!("line {line}, column `{name}`: expected a whole number")))
                };
                records.outcomes.push(text(outcome));
                records.peak_rungs.push((number(peak_index, "peak_rung_index")?, text(peak)));
                records.turns.push(number(turns, "turns")?);
                records.nuclear_causes.push(Some(text(cause)).filter(|c| !c.is_empty()));
            }
        }
        Format::JsonLines => {
            let text = std::fs::read(path).map_err(|e| ReportError::io(path, e))?;
            let text = String::from_utf8(text).map_err(|_| input("not UTF-8 text, so not JSON lines".into()))?;
            for (i, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
                let value: serde_json::Value =
                    serde_json::from_str(line).map_err(|e| input(format!("line {}: not JSON: {e}", i + 1)))?;
                let field = |name: &str| value.get(name).ok_or_else(|| missing(name));
                let number = |name: &str| {
                    field(name)?
                        .as_u64()
                        .ok_or_else(|| input(format!("line {}, field `{name}`: expected a whole number", i + 1)))
                };
                let text = |name: &str| {
                    field(name)?
                        .as_str()
                        .map(str::to_owned)
                        .ok_or_else(|| input(format!("line {}, field `{name}`: expected a string", i + 1)))
                };
                records.outcomes.push(text("outcome")?);
                records.peak_rungs.push((number("peak_rung_index")?, text("peak_rung")?));
                records.turns.push(number("turns")?);
                let cause = field("nuclear_cause")?;
                records.nuclear_causes.push(if cause.is_null() { None } else { Some(text("nuclear_cause")?) });
            }
        }
        Format::Parquet => {
            let file = std::fs::File::open(path).map_err(|e| ReportError::io(path, e))?;
            let builder = parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(file)
                .map_err(|e| input(format!("not a Parquet file brink can read: {e}")))?;
            records.manifest = builder
                .metadata()
                .file_metadata()
                .key_value_metadata()
                .and_then(|kv| kv.iter().find(|k| k.key == "brink.manifest"))
                .and_then(|k| k.value.as_deref())
                .and_then(|v| serde_json::from_str(v).ok());
            let reader = builder.build().map_err(|e| input(format!("not a Parquet file brink can read: {e}")))?;
            for batch in reader {
                let batch = batch.map_err(|e| input(format!("cannot read a row group: {e}")))?;
                let numbers =
                    |name: &str| typed_column::<UInt64Array>(&batch, name, "unsigned integers", &missing, &input);
                let strings = |name: &str| typed_column::<StringArray>(&batch, name, "strings", &missing, &input);
                let (outcome, peak, peak_index, turns, cause) = (
                    strings("outcome")?,
                    strings("peak_rung")?,
                    numbers("peak_rung_index")?,
                    numbers("turns")?,
                    strings("nuclear_cause")?,
                );
                for i in 0..batch.num_rows() {
                    if outcome.is_null(i) || peak.is_null(i) || peak_index.is_null(i) || turns.is_null(i) {
                        return Err(input(format!("row {}: a missing value", records.outcomes.len() + 1)));
                    }
                    records.outcomes.push(outcome.value(i).to_owned());
                    records.peak_rungs.push((peak_index.value(i), peak.value(i).to_owned()));
                    records.turns.push(turns.value(i));
                    records.nuclear_causes.push((!cause.is_null(i)).then(|| cause.value(i).to_owned()));
                }
            }
        }
    }
    if records.manifest.is_none()
        && let Ok(text) = std::fs::read_to_string(crate::table::manifest_path(path))
    {
        records.manifest = serde_json::from_str(&text).ok();
    }
    Ok(records)
}
