//! Notebook display: the report's HTML sections and SVG charts (brink-report) for results and
//! scenarios, so `_repr_html_` and `Result.plot()` show exactly what `brink report` draws; and
//! `compare` (policies on common random numbers), whose result is one of those kinds.

use brink_report::html::{self, ResultFile};
use pyo3::prelude::*;

use crate::errors::{app_error, bad};
use crate::scenario::Scenario;

/// A result document (`--format json`) typed as a kind the report renders.
fn result(json: &str) -> PyResult<ResultFile> {
    let value: serde_json::Value = serde_json::from_str(json).map_err(bad)?;
    html::parse_result(value).map_err(bad)
}

/// The report's section of a result document (JSON text of run, sweep, compare, sensitivity
/// or explain), as an HTML fragment with its tables and SVG charts.
#[pyfunction]
#[pyo3(name = "_result_html")]
pub fn result_html(json: &str, name: &str) -> PyResult<String> {
    Ok(html::fragment(name, &result(json)?))
}

/// The SVG charts the report draws for a result document, in order.
#[pyfunction]
#[pyo3(name = "_result_charts")]
pub fn result_charts(json: &str) -> PyResult<Vec<String>> {
    Ok(html::charts_of(&result(json)?))
}

/// A scenario as an HTML fragment: title, question, manifest, red-line priors as charts,
/// sources and text.
#[pyfunction]
#[pyo3(name = "_scenario_html")]
pub fn scenario_html(scenario: &Scenario) -> String {
    let loaded = scenario.loaded();
    let info = &loaded.info;
    let manifest = brink_types::ScenarioManifest {
        scenario: info.name.clone(),
        scenario_origin: loaded.origin.clone(),
        scenario_hash: loaded.hash.clone(),
        overrides: scenario.overrides().iter().map(brink_scenario::Override::flag).collect(),
        generator: brink_engine::stream::GENERATOR.to_owned(),
        runs: info.default_runs.unwrap_or(brink_app::run::DEFAULT_RUNS),
        seed: info.default_seed.unwrap_or(1),
    };
    let scenario_info = brink_types::run::ScenarioInfo {
        title: info.title.clone(),
        question: info.question.clone(),
        turn: info.turn.clone(),
        ladder_source: info.ladder_source.clone(),
        sources: info.sources.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
    };
    html::scenario_fragment(&manifest, &scenario_info, &loaded.scenario, &loaded.effective_toml)
}

/// Policies run on common random numbers, paired differences (like `brink compare`): each
/// policy a (name, how it was given, scenario); the first is the baseline. The report's JSON.
#[pyfunction]
#[pyo3(name = "_compare", signature = (policies, runs=None, seed=None, threads=None))]
pub fn compare(
    py: Python<'_>,
    policies: Vec<(String, String, PyRef<'_, Scenario>)>,
    runs: Option<u64>,
    seed: Option<u64>,
    threads: Option<usize>,
) -> PyResult<String> {
    use brink_app::compare::{CompareRequest, Policy};
    if policies.is_empty() {
        return Err(bad("compare needs at least one policy"));
    }
    if runs == Some(0) || threads == Some(0) {
        return Err(bad("runs and threads must be at least 1"));
    }
    let policies = policies
        .into_iter()
        .map(|(name, spec, scenario)| Policy { name, spec, loaded: (*scenario.loaded()).clone() })
        .collect();
    let request = CompareRequest { policies, overrides: Vec::new(), runs, seed, threads };
    let report = crate::interrupt::interruptible(py, |stop| {
        brink_app::compare::compare(&request, &mut crate::tools::Stop(stop))
    })?
    .map_err(app_error)?;
    serde_json::to_string(&report).map_err(bad)
}
