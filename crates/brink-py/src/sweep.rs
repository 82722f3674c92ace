//! Sweeps: the design, one point's row, the report and the journal, all by the code behind
//! `brink sweep` (`brink_app::experiment::Sweep`, `brink_report::journal`). The pure-Python
//! layer schedules points on the local machine or as Ray tasks; every backend calls
//! [`sweep_point`], so the rows are bit-identical.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use brink_app::experiment::{Source, Sweep, SweepRequest, run_variant, sweep_row};
use brink_engine::{RunConfig, RunSink};
use brink_report::journal::Journal;
use brink_scenario::Override;
use brink_types::experiment::SweepRow;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::errors::{app_error, bad, scenario_error};
use crate::interrupt::interruptible;
use crate::scenario::Scenario;

/// Stops a point's runs on Ctrl-C.
struct Stop<'a>(&'a AtomicBool);

impl RunSink for Stop<'_> {
    fn cancelled(&mut self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

fn overrides(pairs: Vec<(String, String)>) -> Vec<Override> {
    pairs.into_iter().map(|(path, value)| Override { path, value }).collect()
}

/// The sweep of `scenario` (its overrides apply to every point), checked as `brink sweep`
/// checks it: the scenario, the design and every parameter path on the first point.
fn prepare(
    scenario: &Scenario,
    grid: Option<Vec<String>>,
    lhs: Option<usize>,
    params: Vec<String>,
    runs: u64,
    seed: Option<u64>,
) -> PyResult<Sweep> {
    let (grid, lhs) = match (grid, lhs) {
        (Some(axes), None) => (axes, None),
        (None, Some(n)) => (Vec::new(), Some(n)),
        _ => return Err(bad("give a grid or lhs=N, not both")),
    };
    let request = SweepRequest {
        source: Source::Text { origin: scenario.origin_name().to_owned(), text: scenario.text().to_owned() },
        overrides: scenario.overrides().to_vec(),
        grid,
        lhs,
        params,
        runs: Some(runs),
        seed,
        threads: None,
    };
    request.prepare().map_err(app_error)
}

/// The design of a sweep: `design` (`grid` or `latin-hypercube`), `params` (paths),
/// `points` (values as applied), per point its `overrides` as (path, value) pairs, the
/// `seed` and `runs` in effect (the seed defaults to the scenario's `run.seed`, else 1) and
/// the journal `key` (JSON text).
#[pyfunction]
#[pyo3(name = "_sweep_design", signature = (scenario, grid, lhs, params, runs, seed))]
pub fn sweep_design<'py>(
    py: Python<'py>,
    scenario: &Scenario,
    grid: Option<Vec<String>>,
    lhs: Option<usize>,
    params: Vec<String>,
    runs: u64,
    seed: Option<u64>,
) -> PyResult<Bound<'py, PyDict>> {
    let sweep = prepare(scenario, grid, lhs, params, runs, seed)?;
    let design = &sweep.design;
    let out = PyDict::new(py);
    out.set_item("design", design.kind)?;
    out.set_item("params", design.params())?;
    out.set_item("points", &design.points)?;
    let sets: Vec<Vec<(String, String)>> = (0..design.points.len())
        .map(|index| design.overrides(index).into_iter().map(|o| (o.path, o.value)).collect())
        .collect();
    out.set_item("overrides", sets)?;
    out.set_item("seed", sweep.config.seed)?;
    out.set_item("runs", sweep.config.runs)?;
    out.set_item("key", sweep.key().to_string())?;
    Ok(out)
}

/// The report of a finished sweep (the document of `brink sweep --format json`) from its
/// rows (JSON text), with `seconds` as its timing.
#[pyfunction]
#[pyo3(name = "_sweep_report", signature = (scenario, grid, lhs, params, runs, seed, rows, seconds))]
#[allow(clippy::too_many_arguments)] // mirrors the Python call, one value per argument
pub fn sweep_report(
    scenario: &Scenario,
    grid: Option<Vec<String>>,
    lhs: Option<usize>,
    params: Vec<String>,
    runs: u64,
    seed: Option<u64>,
    rows: Vec<String>,
    seconds: f64,
) -> PyResult<String> {
    let sweep = prepare(scenario, grid, lhs, params, runs, seed)?;
    let rows = rows
        .iter()
        .map(|row| serde_json::from_str::<SweepRow>(row).map_err(|e| bad(format!("a sweep row: {e}"))))
        .collect::<PyResult<Vec<_>>>()?;
    let started = Instant::now().checked_sub(Duration::from_secs_f64(seconds.max(0.0))).unwrap_or_else(Instant::now);
    let report = sweep.report(rows, started);
    serde_json::to_string(&report).map_err(|e| bad(format!("the sweep report: {e}")))
}

/// Raises ScenarioError if `scenario` with `overrides` is invalid.
#[pyfunction]
#[pyo3(name = "_check_overrides")]
pub fn check_overrides(py: Python<'_>, scenario: &Scenario, overrides: Vec<(String, String)>) -> PyResult<()> {
    scenario.with_overrides(&self::overrides(overrides)).map(|_| ()).map_err(|e| scenario_error(py, &e))
}

/// One point of a sweep: the scenario with the point's overrides, run `runs` times from
/// `seed`; its row as JSON text (`{point, values, nuclear_use, outcomes, mean_turns}`, the
/// row `brink sweep` journals).
#[pyfunction]
#[pyo3(name = "_sweep_point", signature = (scenario, overrides, index, values, runs, seed, threads))]
#[allow(clippy::too_many_arguments)] // mirrors the Python call, one value per argument
pub fn sweep_point(
    py: Python<'_>,
    scenario: &Scenario,
    overrides: Vec<(String, String)>,
    index: usize,
    values: Vec<f64>,
    runs: u64,
    seed: u64,
    threads: Option<usize>,
) -> PyResult<String> {
    if runs == 0 {
        return Err(bad("runs must be at least 1"));
    }
    if threads == Some(0) {
        return Err(bad("threads must be at least 1"));
    }
    let variant = scenario.with_overrides(&self::overrides(overrides)).map_err(|e| scenario_error(py, &e))?;
    let loaded = variant.loaded();
    let config = RunConfig { runs, seed, threads };
    let summary = interruptible(py, |stop| run_variant(&loaded, &config, &mut Stop(stop)))?.map_err(app_error)?;
    serde_json::to_string(&sweep_row(index, &values, &summary)).map_err(|e| bad(format!("a sweep row: {e}")))
}

/// The sweep journal of `brink sweep` (one implementation, `brink_report::journal`): a
/// header with the sweep's key, then one finished row per line, each fsynced.
#[pyclass(module = "brink._brink", name = "SweepJournal")]
#[derive(Debug)]
pub struct SweepJournal {
    journal: Journal,
    path: String,
}

#[pymethods]
impl SweepJournal {
    /// Opens (or starts) the journal at `path` for the sweep whose key is `key` (JSON text);
    /// a journal of another sweep raises ValueError.
    #[new]
    fn new(path: &str, key: &str) -> PyResult<Self> {
        let key: serde_json::Value = serde_json::from_str(key).map_err(|e| bad(format!("the journal key: {e}")))?;
        let journal = Journal::open(std::path::Path::new(path), &key).map_err(bad)?;
        Ok(Self { journal, path: path.to_owned() })
    }

    /// The rows found when it was opened, as JSON text.
    fn done(&self) -> PyResult<Vec<String>> {
        self.journal.done.iter().map(|row| serde_json::to_string(row).map_err(bad)).collect()
    }

    /// Appends a finished row (JSON text, as `_sweep_point` returns it).
    fn add(&mut self, row: &str) -> PyResult<()> {
        let row: SweepRow = serde_json::from_str(row).map_err(|e| bad(format!("a sweep row: {e}")))?;
        self.journal.add(&row).map_err(bad)
    }

    /// The journal's path.
    #[getter]
    fn path(&self) -> &str {
        &self.path
    }
}
