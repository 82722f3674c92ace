//! `brink.run`: the run summary of `brink_app::run` and, when asked, per-run records and
//! trajectories as Arrow tables.
//!
//! Records are gathered by brink-report's [`BatchBuilder`] (the code that fills the
//! command line's Parquet files, so the columns are the same) and handed to pyarrow through
//! the Arrow C data interface (arrow-pyarrow): the buffers are shared, not copied through
//! Python objects. A summary-only call keeps no records and costs what `brink run` costs.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use arrow_array::RecordBatch;
use arrow_pyarrow::ToPyArrow;
use brink_engine::policy::ExternalRule;
use brink_engine::{PolicyKind, RunRecord, RunSink};
use brink_report::records::{BatchBuilder, RUN_COLUMNS, Rows, TRAJECTORY_COLUMNS};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::errors::{app_error, bad};
use crate::interrupt::interruptible_and;
use crate::policies::{Failure, Names, PyPolicy, python_pool};
use crate::scenario::Scenario;

/// Runs per Arrow record batch.
const BATCH_ROWS: usize = 65_536;

/// One table being gathered in batches.
struct Table {
    builder: BatchBuilder,
    batches: Vec<RecordBatch>,
}

impl Table {
    fn new(columns: &[(&str, brink_report::records::Kind)]) -> Self {
        Self { builder: BatchBuilder::new(columns), batches: Vec::new() }
    }

    fn push(&mut self, row: &[brink_report::records::Value]) -> Result<(), arrow_schema::ArrowError> {
        self.builder.push(row);
        if self.builder.len() >= BATCH_ROWS {
            self.batches.push(self.builder.take()?);
        }
        Ok(())
    }

    fn finish(mut self) -> Result<(arrow_schema::SchemaRef, Vec<RecordBatch>), arrow_schema::ArrowError> {
        if !self.builder.is_empty() || self.batches.is_empty() {
            self.batches.push(self.builder.take()?);
        }
        Ok((self.builder.schema(), self.batches))
    }
}

/// The sink of a Python run: the stop flag, and the tables when asked for.
struct PySink<'a> {
    stop: &'a AtomicBool,
    /// The Python decision rules' first failure (they stop the runs too).
    policies: &'a Failure,
    rows: Rows,
    runs: Option<Table>,
    trajectories: Option<Table>,
    error: Option<arrow_schema::ArrowError>,
}

impl PySink<'_> {
    fn gather(&mut self, record: &RunRecord) -> Result<(), arrow_schema::ArrowError> {
        if let Some(runs) = &mut self.runs {
            runs.push(&self.rows.run(record))?;
        }
        if let Some(trajectories) = &mut self.trajectories {
            self.rows.trajectory(record, |row| trajectories.push(row))?;
        }
        Ok(())
    }
}

impl RunSink for PySink<'_> {
    fn wants_records(&self) -> bool {
        self.runs.is_some() || self.trajectories.is_some()
    }

    fn wants_trajectories(&self) -> bool {
        self.trajectories.is_some()
    }

    fn record(&mut self, record: &RunRecord) {
        if self.error.is_none()
            && let Err(error) = self.gather(record)
        {
            self.error = Some(error);
        }
    }

    fn cancelled(&mut self) -> bool {
        self.stop.load(Ordering::Relaxed) || self.policies.failed()
    }
}

type Tables =
    (Option<(arrow_schema::SchemaRef, Vec<RecordBatch>)>, Option<(arrow_schema::SchemaRef, Vec<RecordBatch>)>);

/// A pyarrow Table from record batches (through the C data interface).
fn to_pyarrow<'py>(
    py: Python<'py>,
    (schema, batches): (arrow_schema::SchemaRef, Vec<RecordBatch>),
) -> PyResult<Bound<'py, PyAny>> {
    let batches = batches.iter().map(|b| b.to_pyarrow(py)).collect::<PyResult<Vec<_>>>()?;
    let schema = schema.as_ref().to_pyarrow(py)?;
    py.import("pyarrow")?.getattr("Table")?.call_method1("from_batches", (batches, schema))
}

/// What `_run` returns: the summary's JSON text, the per-run table and the trajectory table.
type RunOutput<'py> = (String, Option<Bound<'py, PyAny>>, Option<Bound<'py, PyAny>>);

/// The scenario with the actors named in `policies` deciding through their Python functions.
fn with_policies(
    py: Python<'_>,
    loaded: &brink_scenario::Loaded,
    policies: &Bound<'_, PyDict>,
    failure: &Arc<Failure>,
) -> PyResult<brink_scenario::Loaded> {
    let mut loaded = loaded.clone();
    let names = Arc::new(Names::new(py, &loaded.scenario)?);
    for (name, function) in policies.iter() {
        let name: String =
            name.extract().map_err(|_| bad(format!("policies: keys must be actor names, not {name}")))?;
        let Some(actor) = loaded.scenario.actors.iter_mut().find(|a| a.name == name) else {
            let known: Vec<&str> = loaded.scenario.actors.iter().map(|a| a.name.as_str()).collect();
            return Err(bad(format!("policies: no actor named '{name}' (actors: {})", known.join(", "))));
        };
        if !function.is_callable() {
            return Err(bad(format!("policies['{name}']: expected a function of the observation, got {function}")));
        }
        let rule = PyPolicy::new(function.unbind(), names.clone(), failure.clone());
        actor.policy = PolicyKind::External(ExternalRule(Arc::new(rule)));
    }
    Ok(loaded)
}

/// Runs a scenario: the summary as JSON text (the document of `brink run --format json`),
/// and the per-run and trajectory tables when asked for. `policies` maps actor names to
/// Python decision rules (`brink.run(..., policies=...)`); with any, the runs go on one thread
/// so the functions are called in run order.
#[pyfunction]
#[pyo3(
    name = "_run",
    signature = (scenario, runs=None, seed=None, threads=None, records=false, trajectories=false, policies=None)
)]
#[allow(clippy::too_many_arguments)]
pub fn run<'py>(
    py: Python<'py>,
    scenario: &Scenario,
    runs: Option<u64>,
    seed: Option<u64>,
    threads: Option<usize>,
    records: bool,
    trajectories: bool,
    policies: Option<&Bound<'py, PyDict>>,
) -> PyResult<RunOutput<'py>> {
    let failure = Arc::new(Failure::default());
    let python_rules = policies.is_some_and(|p| !p.is_empty());
    let loaded = match policies {
        Some(policies) if python_rules => Arc::new(with_policies(py, &scenario.loaded(), policies, &failure)?),
        _ => scenario.loaded(),
    };
    // With Python rules the runs go on a pool of our own (see `python_pool`), which the
    // runner uses when it is given no thread count.
    let config = brink_app::run::config(&loaded, runs, seed, if python_rules { None } else { threads });
    if config.runs == 0 {
        return Err(bad("runs must be at least 1"));
    }
    if threads == Some(0) {
        return Err(bad("threads must be at least 1"));
    }
    let overrides = scenario.overrides().to_vec();
    let outcome = interruptible_and(
        py,
        || failure.stop(),
        |stop| -> Result<(String, Tables), PyErr> {
            let mut sink = PySink {
                stop,
                policies: &failure,
                rows: Rows::new(&loaded.scenario),
                runs: records.then(|| Table::new(&RUN_COLUMNS)),
                trajectories: trajectories.then(|| Table::new(&TRAJECTORY_COLUMNS)),
                error: None,
            };
            let report = if python_rules {
                let pool = python_pool(threads.unwrap_or(1)).map_err(|e| {
                    pyo3::exceptions::PyRuntimeError::new_err(format!("cannot start the engine's threads: {e}"))
                })?;
                pool.install(|| brink_app::run::run_report(&loaded, &overrides, &config, &mut sink))
            } else {
                brink_app::run::run_report(&loaded, &overrides, &config, &mut sink)
            };
            if let Some(error) = failure.take() {
                return Err(error);
            }
            let report = report.map_err(app_error)?;
            if let Some(error) = sink.error.take() {
                return Err(pyo3::exceptions::PyRuntimeError::new_err(format!("per-run records: {error}")));
            }
            let finish = |table: Option<Table>| table.map(Table::finish).transpose();
            let tables = (finish(sink.runs.take()), finish(sink.trajectories.take()));
            let tables = match tables {
                (Ok(runs), Ok(trajectories)) => (runs, trajectories),
                (Err(error), _) | (_, Err(error)) => {
                    return Err(pyo3::exceptions::PyRuntimeError::new_err(format!("per-run records: {error}")));
                }
            };
            let summary = serde_json::to_string(&report.report)
                .map_err(|e| pyo3::exceptions::PyRuntimeError::new_err(format!("the summary: {e}")))?;
            Ok((summary, tables))
        },
    )??;
    let (summary, (runs_table, trajectory_table)) = outcome;
    let runs_table = runs_table.map(|t| to_pyarrow(py, t)).transpose()?;
    let trajectory_table = trajectory_table.map(|t| to_pyarrow(py, t)).transpose()?;
    Ok((summary, runs_table, trajectory_table))
}
