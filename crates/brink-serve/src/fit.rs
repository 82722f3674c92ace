//! `POST /api/fit` and `GET /api/fit/records`: the posterior of scenario parameters given
//! records of observed crises (`brink fit`, docs/EVIDENCE.md), with the bundled records and
//! outcome counts of the repository's `records/` folder embedded, so a request names them and
//! the server never opens a path a request chose.

use brink_app::evidence::{FitMethod, FitRequest, LoadedRecord, Prior};
use brink_app::experiment::{ParamSpec, Source};
use brink_scenario::{Loaded, Override};
use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::api::{ScenarioSource, file_name, load, parse_overrides};
use crate::error::ApiError;

/// The bundled records of observed crises (`records/*.toml` with a `[record]` table).
const RECORDS: &[(&str, &str)] = &[
    ("cuban-1962", include_str!("../../../records/cuban-1962.toml")),
    ("russia-west-2024", include_str!("../../../records/russia-west-2024.toml")),
];

/// The bundled outcome counts of classes of crises (`records/icb-*.toml`).
const OUTCOMES: &[(&str, &str)] = &[
    ("icb-two-nuclear", include_str!("../../../records/icb-two-nuclear.toml")),
    ("icb-one-nuclear", include_str!("../../../records/icb-one-nuclear.toml")),
];

/// Most grid points per parameter on this page (101² likelihoods for two parameters).
pub(crate) const MAX_POINTS: usize = 101;
/// Most likelihood evaluations one fit may make (grid points in all, or MCMC iterations).
pub(crate) const MAX_EVALUATIONS: u64 = 101 * 101;
/// Most parameters of an MCMC fit.
const MAX_MCMC_PARAMS: usize = 4;
/// Most records one fit may name.
const MAX_RECORDS: usize = 20;
/// Most runs per posterior point (predictive) or per parameter point (outcome counts).
const MAX_RUNS_PER_POINT: u64 = 100_000;

/// `POST /api/fit`: the request (as `brink fit`'s flags).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct FitBody {
    scenario: Option<String>,
    toml: Option<String>,
    file: Option<String>,
    #[serde(default)]
    overrides: Vec<String>,
    /// Bundled record names (`GET /api/fit/records`) or a record file's TOML text.
    #[serde(default)]
    records: Vec<String>,
    /// `PATH=LOW:HIGH`: one or two for grid, up to four for MCMC.
    params: Vec<String>,
    /// `PATH=uniform|normal:M:S|beta:A:B` (default uniform).
    #[serde(default)]
    priors: Vec<String>,
    /// `grid` (default) or `mcmc`.
    method: Option<String>,
    points: Option<usize>,
    samples: Option<usize>,
    chains: Option<usize>,
    runs_per_point: Option<u64>,
    seed: Option<u64>,
    /// Bundled outcome counts (`icb-two-nuclear`, `icb-one-nuclear`).
    #[serde(default)]
    outcomes: Vec<String>,
    outcome_runs: Option<u64>,
}

/// `GET /api/fit/records`: the bundled records (with the scenario each is for) and outcome
/// counts.
pub(crate) fn listing() -> Value {
    let records: Vec<Value> = RECORDS
        .iter()
        .map(|(name, text)| {
            let doc = toml_edit::Document::parse(text.to_string()).ok();
            let record = doc.as_ref().and_then(|d| d.get("record"));
            let field = |key: &str| record.and_then(|r| r.get(key)).and_then(|v| v.as_str()).map(str::to_owned);
            let turns =
                doc.as_ref().and_then(|d| d.get("turn")).and_then(|t| t.as_array_of_tables()).map_or(0, |t| t.len());
            json!({
                "name": name,
                "title": field("name"),
                "scenario": field("scenario"),
                "description": field("description"),
                "turns": turns,
            })
        })
        .collect();
    let outcomes: Vec<Value> = OUTCOMES
        .iter()
        .map(|(name, text)| {
            let about =
                brink_scenario::outcomes::load_outcomes_str(&format!("{name}.toml"), name, text).map(|o| o.about).ok();
            json!({ "name": name, "about": about })
        })
        .collect();
    json!({ "records": records, "outcomes": outcomes })
}

fn names(list: &[(&str, &str)]) -> String {
    list.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ")
}

/// Reads and checks a fit request: every problem is a 400 naming its field (a scenario or a
/// record that does not validate: 422 with its line). Refuses fits too heavy for a local page.
pub(crate) fn prepare(body: FitBody, max_run_turns: u64) -> Result<FitRequest, ApiError> {
    let overrides = parse_overrides(&body.overrides, "overrides")?;
    let source = ScenarioSource {
        scenario: body.scenario.clone(),
        toml: body.toml.clone(),
        file: body.file.clone(),
        overrides: Vec::new(),
    };
    let loaded = load(&source, &overrides)?;

    let method = match body.method.as_deref().unwrap_or("grid") {
        "grid" => {
            let points = body.points.unwrap_or(21);
            if !(2..=MAX_POINTS).contains(&points) {
                return Err(ApiError::bad(format!(
                    "points: {points} is out of range; this page fits on 2 to {MAX_POINTS} grid points per parameter"
                )));
            }
            FitMethod::Grid { points }
        }
        "mcmc" => {
            let chains = body.chains.unwrap_or(4);
            let samples = body.samples.unwrap_or(1000);
            if !(2..=16).contains(&chains) {
                return Err(ApiError::bad(format!("chains: {chains} is out of range; expected 2 to 16 chains")));
            }
            if samples < 4 * chains {
                return Err(ApiError::bad(format!(
                    "samples: {samples} is too few; MCMC needs at least 4 draws per chain"
                )));
            }
            FitMethod::Mcmc { chains, samples }
        }
        other => return Err(ApiError::bad(format!("method: `{other}`; expected `grid` or `mcmc`"))),
    };

    let params = parse_params(&body.params, &body.priors, &method, &source, &overrides)?;
    let records = read_records(&body.records, &loaded)?;
    let outcomes = read_outcomes(&body.outcomes)?;
    if records.is_empty() && outcomes.is_empty() {
        return Err(ApiError::bad("records: give at least one record (or `outcomes`) to fit to"));
    }

    let predictive_runs = body.runs_per_point.unwrap_or(2000);
    if predictive_runs > MAX_RUNS_PER_POINT {
        return Err(ApiError::bad(format!(
            "runs_per_point: {predictive_runs} is out of range; this server allows 0 to {MAX_RUNS_PER_POINT}"
        )));
    }
    let outcome_runs = body.outcome_runs.unwrap_or(2000);
    if !(1..=MAX_RUNS_PER_POINT).contains(&outcome_runs) {
        return Err(ApiError::bad(format!(
            "outcome_runs: {outcome_runs} is out of range; this server allows 1 to {MAX_RUNS_PER_POINT}"
        )));
    }
    let seed = body.seed.unwrap_or_else(|| loaded.info.default_seed.unwrap_or(1));
    let source = match (&body.scenario, &body.toml) {
        // The bundled text itself: a name is never resolved as a path on the server.
        (Some(name), _) => Source::Text {
            origin: format!("bundled:{name}"),
            text: brink_scenario::bundled::text(name).unwrap_or_default().to_owned(),
        },
        (None, Some(text)) => Source::Text { origin: file_name(body.file.as_deref()), text: text.clone() },
        (None, None) => return Err(ApiError::bad("missing `scenario` or `toml`")),
    };
    let request = FitRequest {
        source,
        overrides,
        records,
        params,
        method,
        predictive_runs,
        seed,
        outcomes,
        outcome_runs,
        likelihood: brink_engine::likelihood::Settings::default(),
    };

    let evaluations = request.planned_evaluations();
    if evaluations > MAX_EVALUATIONS {
        return Err(ApiError::bad(format!(
            "{}: {evaluations} likelihood evaluations; this page allows at most {MAX_EVALUATIONS} (fewer points or samples, or use `brink fit`)",
            if matches!(method, FitMethod::Grid { .. }) { "points" } else { "samples" }
        )));
    }
    // Simulated turns: the base-rate runs at every evaluation and the predictive runs.
    let max_turns = u64::from(loaded.scenario.rules.max_turns);
    let outcome_turns = if request.outcomes.is_empty() { 0 } else { evaluations.saturating_mul(outcome_runs) };
    let turns = outcome_turns.saturating_add(26 * predictive_runs).saturating_mul(max_turns);
    if turns > max_run_turns {
        return Err(ApiError::bad(format!(
            "runs_per_point, outcome_runs: the fit would simulate {turns} turns; this server allows {max_run_turns} per request"
        )));
    }
    Ok(request)
}

/// The fitted parameters: each `params[i]` parsed and tried on the scenario (an unknown path
/// or a value it refuses names `params[i]`), each prior attached to its parameter.
fn parse_params(
    texts: &[String],
    priors: &[String],
    method: &FitMethod,
    source: &ScenarioSource,
    overrides: &[Override],
) -> Result<Vec<(ParamSpec, Prior)>, ApiError> {
    let most = match method {
        FitMethod::Grid { .. } => 2,
        FitMethod::Mcmc { .. } => MAX_MCMC_PARAMS,
    };
    if texts.is_empty() || texts.len() > most {
        return Err(ApiError::bad(format!(
            "params: {} given; a {} fit takes 1 to {most} `PATH=LOW:HIGH`",
            texts.len(),
            method.name()
        )));
    }
    let mut params: Vec<(ParamSpec, Prior)> = Vec::new();
    for (i, text) in texts.iter().enumerate() {
        let spec = ParamSpec::parse(text, false).map_err(|e| ApiError::bad(format!("params[{i}]: {e}")))?;
        if params.iter().any(|(p, _)| p.path == spec.path) {
            return Err(ApiError::bad(format!("params[{i}]: `{}` is given twice", spec.path)));
        }
        if spec.integer && matches!(method, FitMethod::Mcmc { .. }) {
            return Err(ApiError::bad(format!(
                "params[{i}]: `{text}` is an integer range; integer parameters take method `grid`"
            )));
        }
        // Both ends must be values the scenario accepts at this path.
        for end in [spec.low, spec.high] {
            let all: Vec<Override> = overrides.iter().cloned().chain([spec.set(end)]).collect();
            load(source, &all).map_err(|e| ApiError::bad(format!("params[{i}]: `{text}`: {}", e.message())))?;
        }
        params.push((spec, Prior::Uniform));
    }
    for (i, text) in priors.iter().enumerate() {
        let (path, prior) = text.split_once('=').ok_or_else(|| {
            ApiError::bad(format!("priors[{i}]: `{text}`: expected PATH=uniform|normal:M:S|beta:A:B"))
        })?;
        let prior: Prior = prior.parse().map_err(|e| ApiError::bad(format!("priors[{i}]: {e}")))?;
        let Some(slot) = params.iter_mut().find(|(spec, _)| spec.path == path) else {
            return Err(ApiError::bad(format!("priors[{i}]: `{path}` is not one of the params")));
        };
        slot.1 = prior;
    }
    Ok(params)
}

/// The records: bundled names, or a record file's text; lowered onto the scenario (a record
/// that does not fit it is a 422 with its line, the message naming `records[i]`).
fn read_records(texts: &[String], loaded: &Loaded) -> Result<Vec<LoadedRecord>, ApiError> {
    if texts.len() > MAX_RECORDS {
        return Err(ApiError::bad(format!("records: {} given; at most {MAX_RECORDS}", texts.len())));
    }
    let mut out = Vec::new();
    for (i, text) in texts.iter().enumerate() {
        let (file, stem, body) = match RECORDS.iter().find(|(name, _)| name == text) {
            Some((name, body)) => (format!("{name}.toml"), (*name).to_owned(), *body),
            None if text.contains('\n') || text.trim_start().starts_with('[') => {
                (format!("record-{i}.toml"), format!("record-{i}"), text.as_str())
            }
            None => {
                return Err(ApiError::bad(format!(
                    "records[{i}]: no bundled record named `{text}`; bundled: {} (or give a record file's TOML text)",
                    names(RECORDS)
                )));
            }
        };
        let record = brink_scenario::record::load_record_str(&file, &stem, body, &loaded.scenario)
            .map_err(|e| ApiError::scenario(&e).context(&format!("records[{i}]")))?;
        out.push(LoadedRecord {
            name: record.name,
            origin: record.origin,
            record_scenario: Some(record.scenario),
            observed: record.observed,
        });
    }
    Ok(out)
}

fn read_outcomes(names_given: &[String]) -> Result<Vec<brink_scenario::outcomes::OutcomeCounts>, ApiError> {
    names_given
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let Some((name, text)) = OUTCOMES.iter().find(|(n, _)| n == name) else {
                return Err(ApiError::bad(format!(
                    "outcomes[{i}]: no bundled outcome counts named `{name}`; bundled: {}",
                    names(OUTCOMES)
                )));
            };
            brink_scenario::outcomes::load_outcomes_str(&format!("{name}.toml"), name, text)
                .map_err(|e| ApiError::scenario(&e).context(&format!("outcomes[{i}]")))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_records_and_outcomes_read() {
        let listing = listing();
        assert_eq!(listing["records"][0]["scenario"], "cuban-1962");
        assert!(listing["records"][0]["turns"].as_u64().unwrap() > 0);
        for outcome in listing["outcomes"].as_array().unwrap() {
            assert!(outcome["about"].is_string(), "{outcome}");
        }
        // Every bundled record lowers onto the scenario it names.
        for (name, text) in RECORDS {
            let doc = toml_edit::Document::parse(text.to_string()).unwrap();
            let scenario = doc["record"]["scenario"].as_str().unwrap();
            let loaded = brink_scenario::load_bundled(scenario, &[]).unwrap();
            brink_scenario::record::load_record_str(name, name, text, &loaded.scenario).unwrap();
        }
    }
}
