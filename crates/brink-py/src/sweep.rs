//! Sweeps: the design (grid or Latin hypercube) and one point's row, computed by the code
//! behind `brink sweep` (`brink_app::experiment`). The pure-Python layer schedules points on
//! the local machine or as Ray tasks; every backend calls [`sweep_point`], so the rows are
//! bit-identical.

use std::sync::atomic::{AtomicBool, Ordering};

use brink_app::experiment::{SweepDesign, run_variant, sweep_row};
use brink_engine::{RunConfig, RunSink};
use brink_scenario::Override;
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

/// The design of a sweep: `design` (`grid` or `latin-hypercube`), `params` (paths),
/// `points` (values as applied) and, per point, its `overrides` as (path, value) pairs.
#[pyfunction]
#[pyo3(name = "_sweep_design", signature = (grid, lhs, params, seed))]
pub fn sweep_design<'py>(
    py: Python<'py>,
    grid: Option<Vec<String>>,
    lhs: Option<usize>,
    params: Vec<String>,
    seed: u64,
) -> PyResult<Bound<'py, PyDict>> {
    let design = match (grid, lhs) {
        (Some(axes), None) => SweepDesign::grid(&axes),
        (None, Some(n)) => SweepDesign::latin_hypercube(n, &params, seed),
        _ => return Err(bad("give a grid or lhs=N, not both")),
    }
    .map_err(app_error)?;
    let out = PyDict::new(py);
    out.set_item("design", design.kind)?;
    out.set_item("params", design.params())?;
    out.set_item("points", &design.points)?;
    let sets: Vec<Vec<(String, String)>> = (0..design.points.len())
        .map(|index| design.overrides(index).into_iter().map(|o| (o.path, o.value)).collect())
        .collect();
    out.set_item("overrides", sets)?;
    Ok(out)
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
    Ok(sweep_row(index, &values, &summary).to_string())
}
