//! validate, solve, effects, fallout, strike, aftermath and sensitivity: brink-app's reports, returned
//! as the dicts of the JSON that `brink COMMAND --format json` prints.

use std::path::Path;

use brink_app::effects::{DEFAULT_RANGES_M, EffectsRequest};
use brink_app::fallout::FalloutRequest;
use brink_app::solve::{Method, SolveRequest};
use brink_app::solve_efg::{EfgMethod, SolveEfgRequest};
use brink_consequences::CasualtyModel;
use brink_consequences::fallout::FalloutModel;
use brink_effects::Visibility;
use brink_effects::blast::BlastModel;
use brink_effects::fallout::DEFAULT_SHEAR_KMH_PER_KM;
use brink_validate::RunOptions;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};

use crate::errors::{app_error, bad};
use crate::interrupt::detachable;

/// A JSON value as the Python object `json.loads` would give.
fn to_python<'py>(py: Python<'py>, value: &serde_json::Value) -> PyResult<Bound<'py, PyAny>> {
    py.import("json")?.call_method1("loads", (value.to_string(),))
}

/// A model parameter as `NAME=VALUE` text: numbers in round-trip form, lists comma-joined.
fn param_text(value: &Bound<'_, PyAny>) -> PyResult<String> {
    if value.is_instance_of::<PyString>() || value.is_instance_of::<PyInt>() {
        return Ok(value.str()?.to_str()?.to_owned());
    }
    if value.is_instance_of::<PyFloat>() {
        return Ok(value.repr()?.to_str()?.to_owned());
    }
    if value.is_instance_of::<PyList>() || value.is_instance_of::<PyTuple>() {
        let items = value.try_iter()?.map(|item| param_text(&item?)).collect::<PyResult<Vec<_>>>()?;
        return Ok(items.join(","));
    }
    Err(bad(format!(
        "a model parameter must be a number, a str or a list of numbers, not {}",
        value.get_type().name()?
    )))
}

/// Checks the engine against the closed forms of the canonical escalation models (every
/// model at its defaults when `model` is None); one dict per check.
#[pyfunction]
#[pyo3(signature = (model=None, params=None, runs=100_000, seed=1, threads=None))]
pub fn validate<'py>(
    py: Python<'py>,
    model: Option<String>,
    params: Option<&Bound<'py, PyDict>>,
    runs: u64,
    seed: u64,
    threads: Option<usize>,
) -> PyResult<Bound<'py, PyAny>> {
    let params: Vec<String> = match params {
        Some(params) => params
            .iter()
            .map(|(name, value)| Ok(format!("{}={}", name.str()?.to_str()?, param_text(&value)?)))
            .collect::<PyResult<_>>()?,
        None => Vec::new(),
    };
    let options = RunOptions { runs, seed, threads };
    // brink-validate cannot be stopped part way: on Ctrl-C the checks finish in the background.
    let report = detachable(py, move || brink_app::validate::validate(model.as_deref(), &params, &options))?
        .map_err(app_error)?;
    to_python(py, &report.to_value())
}

/// The models `validate` knows, with their parameters and defaults.
#[pyfunction]
pub fn models(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    let models = brink_app::validate::models(None).map_err(app_error)?;
    to_python(py, &brink_app::validate::list_json(&models))
}

/// Nash equilibria (or the logit QRE) of a Gambit strategic-form game: a path to an `.nfg`
/// file or the text of one.
#[pyfunction]
#[pyo3(signature = (game, method=None, *, label=None, lambda_=None, exact=false))]
pub fn solve<'py>(
    py: Python<'py>,
    game: &str,
    method: Option<&str>,
    label: Option<usize>,
    lambda_: Option<f64>,
    exact: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let is_text = game.trim_start().starts_with("NFG");
    let (source, text) = if is_text {
        ("<text>".to_owned(), game.to_owned())
    } else {
        let text = std::fs::read_to_string(Path::new(game)).map_err(|e| bad(format!("cannot read {game}: {e}")))?;
        (game.to_owned(), text)
    };
    let method = method.map(Method::from_name).transpose().map_err(app_error)?;
    let request = SolveRequest { method, label, lambda: lambda_, exact };
    let report =
        detachable(py, move || brink_app::solve::solve_report(&source, &text, &request))?.map_err(app_error)?;
    to_python(py, &report.to_value())
}

/// Equilibria, CFR+ or the agent logit QRE of a Gambit extensive-form game: a path to an
/// `.efg` file or the text of one (the report of `brink solve GAME.efg --format json`).
#[pyfunction]
#[pyo3(signature = (game, method=None, *, iterations=None, lambda_=None, exact=false))]
pub fn solve_efg<'py>(
    py: Python<'py>,
    game: &str,
    method: Option<&str>,
    iterations: Option<u64>,
    lambda_: Option<f64>,
    exact: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let is_text = brink_app::solve_efg::is_extensive(game);
    let (source, text) = if is_text {
        ("<text>".to_owned(), game.to_owned())
    } else {
        let text = std::fs::read_to_string(Path::new(game)).map_err(|e| bad(format!("cannot read {game}: {e}")))?;
        (game.to_owned(), text)
    };
    let method = method.map(EfgMethod::from_name).transpose().map_err(app_error)?;
    let request = SolveEfgRequest { method, iterations, lambda: lambda_, exact };
    let report =
        detachable(py, move || brink_app::solve_efg::solve_efg_report(&source, &text, &request))?.map_err(app_error)?;
    to_python(py, &report.to_value())
}

/// Equilibrium play of a scenario's first `turns` turns compared with its own rules
/// (`brink equilibrium`): the report's JSON text.
#[pyfunction]
#[pyo3(name = "_equilibrium", signature = (scenario, turns, method=None, iterations=None))]
pub fn equilibrium(
    py: Python<'_>,
    scenario: &crate::scenario::Scenario,
    turns: u32,
    method: Option<&str>,
    iterations: Option<u64>,
) -> PyResult<String> {
    use brink_app::crisis_game::{EquilibriumMethod, EquilibriumRequest, equilibrium_report};
    let method = match method {
        None => None,
        Some("lcp") => Some(EquilibriumMethod::Lcp),
        Some("cfr") => Some(EquilibriumMethod::Cfr),
        Some(other) => return Err(bad(format!("unknown method `{other}`; expected lcp or cfr"))),
    };
    if turns == 0 {
        return Err(bad("turns must be at least 1"));
    }
    let loaded = scenario.loaded();
    let overrides = scenario.overrides().to_vec();
    let request = EquilibriumRequest { turns, method, iterations };
    let report = detachable(py, move || equilibrium_report(&loaded, &overrides, &request))?.map_err(app_error)?;
    serde_json::to_string(&report).map_err(bad)
}

/// Blast, thermal and prompt-radiation effects of one detonation.
#[pyfunction]
#[pyo3(signature = (yield_kt, hob_m=0.0, ranges_m=None, visibility_km=None, blast_model="brode"))]
pub fn effects<'py>(
    py: Python<'py>,
    yield_kt: f64,
    hob_m: f64,
    ranges_m: Option<Vec<f64>>,
    visibility_km: Option<f64>,
    blast_model: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let blast_model = match blast_model {
        "brode" => BlastModel::Brode,
        "dna" => BlastModel::Dna,
        other => return Err(bad(format!("unknown blast_model `{other}`; expected brode or dna"))),
    };
    let request = EffectsRequest {
        yield_kt,
        hob_m,
        range_m: ranges_m.unwrap_or_else(|| DEFAULT_RANGES_M.to_vec()),
        visibility_km: visibility_km.unwrap_or_else(|| Visibility::REFERENCE.km()),
        blast_model,
    };
    let report = brink_app::effects::effects(&request).map_err(app_error)?;
    to_python(py, &report.to_value())
}

/// WSEG-10 fallout of a surface burst at points (downwind km, crosswind km).
#[pyfunction]
#[pyo3(signature = (yield_kt, fission_fraction, wind_kmh, at=None, shear_kmh_per_km=None))]
pub fn fallout<'py>(
    py: Python<'py>,
    yield_kt: f64,
    fission_fraction: f64,
    wind_kmh: f64,
    at: Option<Vec<(f64, f64)>>,
    shear_kmh_per_km: Option<f64>,
) -> PyResult<Bound<'py, PyAny>> {
    let request = FalloutRequest {
        yield_kt,
        fission_fraction,
        wind_kmh,
        shear_kmh_per_km: shear_kmh_per_km.unwrap_or(DEFAULT_SHEAR_KMH_PER_KM),
        at: at.unwrap_or_default(),
    };
    let report = brink_app::fallout::fallout(&request).map_err(app_error)?;
    to_python(py, &report.to_value())
}

/// Fatalities and injuries of a strike plan (a bundled plan name or a TOML file); fallout
/// deaths are counted when all four `fallout_*` values are given.
#[pyfunction]
#[pyo3(signature = (plan, *, fallout_wind_kmh=None, fallout_wind_toward_deg=None, fallout_fission_fraction=None, fallout_protection_factor=None))]
pub fn strike<'py>(
    py: Python<'py>,
    plan: &str,
    fallout_wind_kmh: Option<f64>,
    fallout_wind_toward_deg: Option<f64>,
    fallout_fission_fraction: Option<f64>,
    fallout_protection_factor: Option<f64>,
) -> PyResult<Bound<'py, PyAny>> {
    let mut model = CasualtyModel::default();
    match (fallout_wind_kmh, fallout_wind_toward_deg, fallout_fission_fraction, fallout_protection_factor) {
        (Some(wind), Some(toward), Some(ff), Some(pf)) => {
            let fallout = FalloutModel::new(wind, toward, ff, pf).map_err(|e| bad(format!("fallout_*: {e}")))?;
            model.fallout = Some(fallout);
        }
        (None, None, None, None) => {}
        _ => {
            return Err(bad(
                "fallout needs all four of fallout_wind_kmh, fallout_wind_toward_deg, fallout_fission_fraction and fallout_protection_factor",
            ));
        }
    }
    let plan = plan.to_owned();
    let report = detachable(py, move || brink_app::strike::strike(&plan, &model))?.map_err(app_error)?;
    to_python(py, &report.to_value())
}

/// Global cooling and people without food after a war's soot: the fires of `plan` (a bundled
/// plan name or a TOML file), or `soot_tg` teragrams given directly; like `brink aftermath`.
#[pyfunction]
#[pyo3(signature = (plan=None, *, soot_tg=None))]
pub fn aftermath<'py>(py: Python<'py>, plan: Option<&str>, soot_tg: Option<f64>) -> PyResult<Bound<'py, PyAny>> {
    use brink_app::aftermath::SootSource;
    let source = match (plan, soot_tg) {
        (Some(plan), None) => SootSource::Plan(plan.to_owned()),
        (None, Some(x)) => SootSource::Given(x),
        _ => return Err(bad("give a plan or soot_tg, not both")),
    };
    let report = detachable(py, move || brink_app::aftermath::aftermath(&source))?.map_err(app_error)?;
    to_python(py, &report.to_value())
}

/// Sobol indices of P(nuclear use) over parameter ranges `PATH=LOW:HIGH` (like
/// `brink sensitivity`); the seed defaults to the scenario's `run.seed`, else 1.
#[pyfunction]
#[pyo3(name = "_sensitivity", signature = (scenario, params, samples=64, runs_per_point=2000, bootstrap=500, seed=None, threads=None))]
#[allow(clippy::too_many_arguments)] // mirrors the Python call, one value per argument
pub fn sensitivity(
    py: Python<'_>,
    scenario: &crate::scenario::Scenario,
    params: Vec<String>,
    samples: usize,
    runs_per_point: u64,
    bootstrap: usize,
    seed: Option<u64>,
    threads: Option<usize>,
) -> PyResult<String> {
    use brink_app::experiment::{SensitivityRequest, Source};
    let request = SensitivityRequest {
        source: Source::Text { origin: scenario.origin_name().to_owned(), text: scenario.text().to_owned() },
        overrides: scenario.overrides().to_vec(),
        params,
        samples,
        runs_per_point,
        bootstrap,
        seed,
        threads,
    };
    let report =
        crate::interrupt::interruptible(py, |stop| brink_app::experiment::sensitivity(&request, &mut Stop(stop)))?
            .map_err(app_error)?;
    serde_json::to_string(&report).map_err(bad)
}

/// Stops the runs on Ctrl-C.
pub(crate) struct Stop<'a>(pub(crate) &'a std::sync::atomic::AtomicBool);

impl brink_engine::RunSink for Stop<'_> {
    fn cancelled(&mut self) -> bool {
        self.0.load(std::sync::atomic::Ordering::Relaxed)
    }
}

/// The chains of steps behind an outcome (like `brink explain`), or with `run` / `find` one run
/// told turn by turn (`brink explain --run K` / `--find OUTCOME`): the report's JSON text.
#[pyfunction]
#[pyo3(name = "_explain", signature = (scenario, runs=None, seed=None, threads=None, outcome="nuclear_use", top=10, run=None, find=None))]
#[allow(clippy::too_many_arguments)] // mirrors the Python call, one value per argument
pub fn explain(
    py: Python<'_>,
    scenario: &crate::scenario::Scenario,
    runs: Option<u64>,
    seed: Option<u64>,
    threads: Option<usize>,
    outcome: &str,
    top: usize,
    run: Option<u64>,
    find: Option<&str>,
) -> PyResult<String> {
    use brink_app::explain::{Pick, explain_report, parse_outcome, story_report};
    let loaded = scenario.loaded();
    let config = brink_app::run::config(&loaded, runs, seed, threads);
    if config.runs == 0 || threads == Some(0) {
        return Err(bad("runs and threads must be at least 1"));
    }
    let overrides = scenario.overrides().to_vec();
    let pick = Pick::from_choice(run, find).map_err(app_error)?;
    if let Some(pick) = pick {
        let report = detachable(py, move || story_report(&loaded, &overrides, &config, pick))?.map_err(app_error)?;
        return serde_json::to_string(&report).map_err(bad);
    }
    let outcome = parse_outcome(outcome).map_err(app_error)?;
    let report = crate::interrupt::interruptible(py, |stop| {
        explain_report(&loaded, &overrides, &config, outcome, top, &mut Stop(stop))
    })?
    .map_err(app_error)?;
    serde_json::to_string(&report).map_err(bad)
}

/// The text of `brink explain` (paths or a told run) for a report's JSON text: the same
/// renderer as the command line, so `print(brink.explain(...))` reads as the terminal does.
#[pyfunction]
#[pyo3(name = "_explain_text")]
pub fn explain_text(report: &str) -> PyResult<String> {
    let value: serde_json::Value = serde_json::from_str(report).map_err(bad)?;
    match value.get("kind").and_then(serde_json::Value::as_str) {
        Some("story") => {
            let report = brink_types::StoryReport::from_value(value).map_err(bad)?;
            Ok(brink_app::explain::story_text(&report))
        }
        _ => {
            let report = brink_types::ExplainReport::from_value(value).map_err(bad)?;
            Ok(brink_app::explain::text(&report))
        }
    }
}

/// The likelihood of observed crises under a scenario (like `brink likelihood`): the
/// report's JSON text. `records` are paths of record files (.toml) or trajectories files
/// (.csv, .jsonl, .parquet, with `run` = a run's index or `"all"`).
#[pyfunction]
#[pyo3(name = "_likelihood", signature = (scenario, records, run=None, exact=false, tolerance=None, max_error=None))]
pub fn likelihood(
    py: Python<'_>,
    scenario: &crate::scenario::Scenario,
    records: Vec<std::path::PathBuf>,
    run: Option<&str>,
    exact: bool,
    tolerance: Option<f64>,
    max_error: Option<f64>,
) -> PyResult<String> {
    use brink_app::evidence::{RunChoice, likelihood_report, read_records};
    let settings = precision(exact, tolerance, max_error)?;
    let loaded = scenario.loaded();
    let overrides = scenario.overrides().to_vec();
    let run: Option<RunChoice> = run.map(str::parse).transpose().map_err(|e: String| bad(format!("run: {e}")))?;
    let report = detachable(py, move || {
        let mut all = Vec::new();
        for path in &records {
            all.extend(read_records(&loaded, path, run)?);
        }
        likelihood_report(&loaded, &overrides, &all, &settings)
    })?
    .map_err(app_error)?;
    serde_json::to_string(&report).map_err(bad)
}

/// The likelihood settings of `exact`, `tolerance` and `max_error` (as the command line's
/// `--exact`, `--tolerance`, `--max-error`).
fn precision(
    exact: bool,
    tolerance: Option<f64>,
    max_error: Option<f64>,
) -> PyResult<brink_engine::likelihood::Settings> {
    brink_engine::likelihood::Settings::with_precision(exact, tolerance, max_error)
        .map_err(|e| bad(e.replace("--max-error", "max_error").replace("--", "")))
}

/// The posterior of one or two scenario parameters given records (like `brink fit`, grid):
/// the report's JSON text. `params` are `PATH=LOW:HIGH`; `priors` map a path to
/// `uniform`, `normal:M:S` or `beta:A:B`.
#[pyfunction]
#[pyo3(name = "_fit", signature = (scenario, records, params, priors, run=None, method="grid", points=21, samples=1000, chains=4, runs_per_point=2000, seed=None, outcomes=Vec::new(), outcome_runs=2000, exact=false, tolerance=None, max_error=None))]
#[allow(clippy::too_many_arguments)] // mirrors the Python call, one value per argument
pub fn fit(
    py: Python<'_>,
    scenario: &crate::scenario::Scenario,
    records: Vec<std::path::PathBuf>,
    params: Vec<String>,
    priors: Vec<(String, String)>,
    run: Option<&str>,
    method: &str,
    points: usize,
    samples: usize,
    chains: usize,
    runs_per_point: u64,
    seed: Option<u64>,
    outcomes: Vec<std::path::PathBuf>,
    outcome_runs: u64,
    exact: bool,
    tolerance: Option<f64>,
    max_error: Option<f64>,
) -> PyResult<String> {
    use brink_app::evidence::{FitMethod, FitRequest, RunChoice, read_records};
    let settings = precision(exact, tolerance, max_error)?;
    let method = match method {
        "grid" => FitMethod::Grid { points },
        "mcmc" => FitMethod::Mcmc { chains, samples },
        other => return Err(bad(format!("method `{other}`: expected \"grid\" or \"mcmc\""))),
    };
    use brink_app::experiment::Source;
    let loaded = scenario.loaded();
    let run: Option<RunChoice> = run.map(str::parse).transpose().map_err(|e: String| bad(format!("run: {e}")))?;
    let specs = brink_app::evidence::fit_params(&params, &priors).map_err(app_error)?;
    let source = Source::Text { origin: loaded.origin.clone(), text: loaded.effective_toml.clone() };
    let seed = seed.unwrap_or_else(|| loaded.info.default_seed.unwrap_or(1));
    let report = detachable(py, move || {
        let mut all = Vec::new();
        for path in &records {
            all.extend(read_records(&loaded, path, run)?);
        }
        let counts = brink_app::evidence::read_outcomes(&outcomes)?;
        let request = FitRequest {
            source,
            overrides: Vec::new(),
            records: all,
            params: specs,
            method,
            predictive_runs: runs_per_point,
            seed,
            outcomes: counts,
            outcome_runs,
            likelihood: settings,
        };
        brink_app::evidence::fit(&request, &|| {})
    })?
    .map_err(app_error)?;
    serde_json::to_string(&report).map_err(bad)
}
