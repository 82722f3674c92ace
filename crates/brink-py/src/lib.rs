//! # brink-py
//!
//! The native part of the Python package `brink` (the extension module `brink._brink`); the
//! pure-Python layer around it (`python/brink`) adds `brink.run`'s `Result`, sweeps with
//! their journal and the Ray backend. Everything here is a thin binding of the library crates,
//! so Python and the `brink` command line give the same numbers and the same JSON:
//! - [`scenario`]: the `Scenario` class (load, `set`, TOML, pickling) and `ScenarioError`
//!   with file, line, column and field;
//! - [`runs`]: `brink.run` — the summary of `brink_app::run`, and per-run records and
//!   trajectories as Arrow record batches handed to pyarrow through the C data interface;
//! - [`sweep`]: sweep designs and one point's row (`brink_app::experiment`), the same
//!   function on every backend;
//! - [`tools`]: validate, solve, effects, fallout, strike, aftermath and sensitivity as their reports;
//! - [`html`]: notebook display (the report's HTML sections and SVG charts) and `compare`;
//! - [`policies`]: decision rules written in Python (`brink.run(..., policies=...)`): the
//!   engine's external-policy hook, the `Observation` they receive and `PolicyError`;
//! - [`interrupt`]: long calls release the GIL and stop on Ctrl-C.
//!
//! Errors: a bad scenario is `ScenarioError` (a `ValueError`), other bad input `ValueError`,
//! Ctrl-C `KeyboardInterrupt`, and anything else `RuntimeError`; nothing panics on input.

use pyo3::prelude::*;

mod errors;
pub mod html;
pub mod interrupt;
pub mod policies;
pub mod runs;
pub mod scenario;
pub mod sweep;
pub mod tools;

/// The extension module `brink._brink`.
#[pymodule]
fn _brink(module: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = module.py();
    module.add("__version__", brink_app::VERSION)?;
    module.add("GENERATOR", brink_engine::stream::GENERATOR)?;
    module.add("ScenarioError", py.get_type::<errors::ScenarioError>())?;
    module.add_class::<scenario::Scenario>()?;
    module.add("PolicyError", py.get_type::<policies::PolicyError>())?;
    module.add_class::<policies::Observation>()?;
    module.add_function(wrap_pyfunction!(scenario::scenarios, module)?)?;
    module.add_function(wrap_pyfunction!(scenario::load, module)?)?;
    module.add_function(wrap_pyfunction!(scenario::scenario_from_parts, module)?)?;
    module.add_function(wrap_pyfunction!(runs::run, module)?)?;
    module.add_function(wrap_pyfunction!(sweep::sweep_design, module)?)?;
    module.add_function(wrap_pyfunction!(sweep::sweep_point, module)?)?;
    module.add_function(wrap_pyfunction!(sweep::check_overrides, module)?)?;
    module.add_function(wrap_pyfunction!(sweep::sweep_report, module)?)?;
    module.add_class::<sweep::SweepJournal>()?;
    module.add_function(wrap_pyfunction!(tools::sensitivity, module)?)?;
    module.add_function(wrap_pyfunction!(tools::explain, module)?)?;
    module.add_function(wrap_pyfunction!(tools::explain_text, module)?)?;
    module.add_function(wrap_pyfunction!(tools::likelihood, module)?)?;
    module.add_function(wrap_pyfunction!(tools::fit, module)?)?;
    module.add_function(wrap_pyfunction!(tools::equilibrium, module)?)?;
    module.add_function(wrap_pyfunction!(tools::validate, module)?)?;
    module.add_function(wrap_pyfunction!(tools::models, module)?)?;
    module.add_function(wrap_pyfunction!(tools::solve, module)?)?;
    module.add_function(wrap_pyfunction!(tools::solve_efg, module)?)?;
    module.add_function(wrap_pyfunction!(tools::effects, module)?)?;
    module.add_function(wrap_pyfunction!(tools::fallout, module)?)?;
    module.add_function(wrap_pyfunction!(tools::strike, module)?)?;
    module.add_function(wrap_pyfunction!(tools::aftermath, module)?)?;
    module.add_function(wrap_pyfunction!(html::result_html, module)?)?;
    module.add_function(wrap_pyfunction!(html::result_charts, module)?)?;
    module.add_function(wrap_pyfunction!(html::scenario_html, module)?)?;
    module.add_function(wrap_pyfunction!(html::compare, module)?)?;
    Ok(())
}
