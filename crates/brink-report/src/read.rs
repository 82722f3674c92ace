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
                let column = |name: &str| {
                    batch.column_by_name(name).ok_or_else(|| {
                        input(format!("no `{name}` column; a trajectories file has run, turn, actor, rung, rung_index"))
                    })
                };
                let numbers = |name: &str| -> Result<UInt64Array, ReportError> {
                    column(name)?
                        .as_any()
                        .downcast_ref::<UInt64Array>()
                        .cloned()
                        .ok_or_else(|| input(format!("column `{name}`: expected unsigned integers")))
                };
                let strings = |name: &str| -> Result<StringArray, ReportError> {
                    column(name)?
                        .as_any()
                        .downcast_ref::<StringArray>()
                        .cloned()
                        .ok_or_else(|| input(format!("column `{name}`: expected strings")))
                };
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
