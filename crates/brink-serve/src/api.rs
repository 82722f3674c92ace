//! The JSON API: requests parsed strictly (unknown fields, wrong types and bad values are a
//! 400 naming the problem), then calls of `brink-app` and `brink-scenario`.
//!
//! A scenario comes from a bundled name or from the text of a TOML file; the server never
//! reads a path a request names, and a pasted scenario may attach only bundled strike plans.

use std::collections::HashMap;
use std::str::FromStr;
use std::sync::{Arc, Mutex};

use axum::body::{Body, Bytes};
use axum::extract::{FromRequest, Path, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, delete, get, post};
use axum::{Json, Router};
use brink_engine::{RunConfig, RunRecord, RunSink};
use brink_report::records::CsvText;
use brink_scenario::plan::{PlanDetonation, PlanTarget, StrikePlan};
use brink_scenario::{Loaded, Override};
use schemars::JsonSchema;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use tokio::sync::mpsc;

use crate::Shared;
use crate::error::ApiError;
use crate::jobs::{Event, Output, Progress};

type AppState = State<Arc<Shared>>;

/// The API's routes: (method, path, handler). [`crate::ROUTES`] lists the same (method, path)
/// pairs for the OpenAPI test; a unit test keeps the two lists equal.
fn table() -> Vec<(&'static str, &'static str, MethodRouter<Arc<Shared>>)> {
    vec![
        ("get", "/api/health", get(health)),
        ("get", "/api/openapi.json", get(openapi)),
        ("get", "/api/scenarios", get(scenarios)),
        ("get", "/api/scenarios/{name}", get(scenario_text)),
        ("post", "/api/check", post(check)),
        ("post", "/api/run", post(run)),
        ("post", "/api/compare", post(compare)),
        ("post", "/api/sensitivity", post(sensitivity)),
        ("post", "/api/records", post(records)),
        ("post", "/api/explain", post(explain)),
        ("post", "/api/story", post(story)),
        ("get", "/api/jobs", get(jobs)),
        ("delete", "/api/jobs/{id}", delete(cancel_job)),
        ("get", "/api/plans", get(plans)),
        ("get", "/api/plans/{name}", get(plan)),
        ("post", "/api/effects", post(effects)),
        ("get", "/api/fit/records", get(fit_records)),
        ("post", "/api/fit", post(fit)),
    ]
}

/// The API routes (the page's files are the router's fallback).
pub(crate) fn routes() -> Router<Arc<Shared>> {
    table().into_iter().fold(Router::new(), |router, (_, path, handler)| router.route(path, handler))
}

// ---------------------------------------------------------------------------------------------
// Request bodies

/// A JSON body whose every problem is a 400 (or 413 when too large) with a message.
pub(crate) struct JsonBody<T>(T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for JsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        let bytes = Bytes::from_request(request, state).await.map_err(|rejection| {
            let mut error = ApiError::bad(format!("cannot read the request body: {}", rejection.body_text()));
            error.status = rejection.status();
            error
        })?;
        if bytes.is_empty() {
            return Err(ApiError::bad("the request body is empty: expected a JSON object"));
        }
        serde_json::from_slice(&bytes).map(JsonBody).map_err(|e| ApiError::bad(format!("invalid request JSON: {e}")))
    }
}

/// Where the scenario comes from, and the overrides on it.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ScenarioSource {
    /// A bundled scenario's name.
    pub(crate) scenario: Option<String>,
    /// The text of a scenario file.
    pub(crate) toml: Option<String>,
    /// A name for the text in messages (default `scenario.toml`).
    pub(crate) file: Option<String>,
    /// `PATH=VALUE` overrides, as `brink run --set`.
    #[serde(default)]
    pub(crate) overrides: Vec<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct RunRequest {
    scenario: Option<String>,
    toml: Option<String>,
    file: Option<String>,
    #[serde(default)]
    overrides: Vec<String>,
    runs: Option<u64>,
    seed: Option<u64>,
}

/// `POST /api/explain`: the chains of steps behind an outcome (`brink explain`).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct ExplainRequest {
    scenario: Option<String>,
    toml: Option<String>,
    file: Option<String>,
    #[serde(default)]
    overrides: Vec<String>,
    runs: Option<u64>,
    seed: Option<u64>,
    /// An outcome's name, or `all` (default `nuclear_use`).
    outcome: Option<String>,
    /// How many paths to list (default 10).
    top: Option<usize>,
}

/// `POST /api/story`: one run told turn by turn (`brink explain --run K` / `--find OUTCOME`).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct StoryRequest {
    scenario: Option<String>,
    toml: Option<String>,
    file: Option<String>,
    #[serde(default)]
    overrides: Vec<String>,
    runs: Option<u64>,
    seed: Option<u64>,
    /// The run to tell (its index, from 0).
    run: Option<u64>,
    /// Tell the first run ending in this outcome instead.
    find: Option<String>,
}

/// Most paths one explain request may list.
const MAX_TOP: usize = 1000;

/// `POST /api/sensitivity`: Sobol indices of P(nuclear use) over parameter ranges.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct SensitivityRequest {
    scenario: Option<String>,
    toml: Option<String>,
    file: Option<String>,
    #[serde(default)]
    overrides: Vec<String>,
    /// `PATH=LOW:HIGH` ranges.
    params: Vec<String>,
    samples: Option<usize>,
    runs_per_point: Option<u64>,
    bootstrap: Option<usize>,
    seed: Option<u64>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct PolicyRequest {
    name: String,
    #[serde(default)]
    overrides: Vec<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct CompareRequest {
    scenario: Option<String>,
    toml: Option<String>,
    file: Option<String>,
    #[serde(default)]
    overrides: Vec<String>,
    runs: Option<u64>,
    seed: Option<u64>,
    policies: Vec<PolicyRequest>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct EffectsRequest {
    lat: f64,
    lon: f64,
    yield_kt: f64,
    hob_m: f64,
    #[serde(default = "one")]
    count: u32,
    label: Option<String>,
}

fn one() -> u32 {
    1
}

/// Most overrides in one request.
const MAX_OVERRIDES: usize = 500;

pub(crate) fn parse_overrides(texts: &[String], field: &str) -> Result<Vec<Override>, ApiError> {
    if texts.len() > MAX_OVERRIDES {
        return Err(ApiError::bad(format!("{field}: at most {MAX_OVERRIDES} overrides")));
    }
    texts
        .iter()
        .enumerate()
        .map(|(i, text)| Override::from_str(text).map_err(|e| ApiError::bad(format!("{field}[{i}]: {e}"))))
        .collect()
}

/// A file name for messages: letters, digits, `.`, `-`, `_` only.
pub(crate) fn file_name(file: Option<&str>) -> String {
    let cleaned: String = file
        .unwrap_or("scenario.toml")
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
        .take(64)
        .collect();
    if cleaned.is_empty() { "scenario.toml".into() } else { cleaned }
}

/// Loads the scenario a request names; every problem is a 400 with its line.
pub(crate) fn load(source: &ScenarioSource, overrides: &[Override]) -> Result<Loaded, ApiError> {
    let loaded = match (&source.scenario, &source.toml) {
        (Some(name), None) => {
            if brink_scenario::bundled::text(name).is_none() {
                return Err(ApiError::bad(format!(
                    "scenario: no bundled scenario named `{name}`; bundled: {}",
                    brink_scenario::bundled::names().join(", ")
                )));
            }
            brink_scenario::load_bundled(name, overrides).map_err(|e| ApiError::scenario(&e))?
        }
        (None, Some(text)) => brink_scenario::load_str(&file_name(source.file.as_deref()), text, overrides)
            .map_err(|e| ApiError::scenario(&e))?,
        (Some(_), Some(_)) => {
            return Err(ApiError::bad("give either `scenario` (a bundled name) or `toml` (a file's text), not both"));
        }
        (None, None) => return Err(ApiError::bad("missing `scenario` (a bundled name) or `toml` (a file's text)")),
    };
    // Plans are read by name or path; a request may only name bundled ones, so the server
    // never opens a file a request chose.
    let bundled = brink_scenario::plan::bundled::names();
    for (rung, plan) in &loaded.info.strike_plans {
        if !bundled.contains(&plan.as_str()) {
            return Err(ApiError::bad(format!(
                "consequences.{rung} = `{plan}`: the web API attaches only bundled strike plans ({})",
                bundled.join(", ")
            )));
        }
    }
    Ok(loaded)
}

/// Runs `f` on a blocking thread (scenario parsing and plan assessment are CPU work).
async fn blocking<T: Send + 'static>(f: impl FnOnce() -> Result<T, ApiError> + Send + 'static) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(f).await.map_err(|e| ApiError::internal(format!("the request failed: {e}")))?
}

/// Reads a run request: the scenario with its overrides, the runs (at most `max_runs`) and seed.
async fn prepare_run(
    request: RunRequest,
    max_runs: u64,
    budget: u64,
) -> Result<(Loaded, Vec<Override>, u64, u64), ApiError> {
    blocking(move || {
        let overrides = parse_overrides(&request.overrides, "overrides")?;
        let source = ScenarioSource {
            scenario: request.scenario,
            toml: request.toml,
            file: request.file,
            overrides: Vec::new(),
        };
        let loaded = load(&source, &overrides)?;
        let (runs, seed) = runs_and_seed(&loaded, request.runs, request.seed, max_runs, budget)?;
        Ok((loaded, overrides, runs, seed))
    })
    .await
}

/// The runs (default: the scenario's, else 100 000; at most `max`, and within the turn
/// `budget`) and the seed (default: the scenario's, else 1).
fn runs_and_seed(
    loaded: &Loaded,
    runs: Option<u64>,
    seed: Option<u64>,
    max: u64,
    budget: u64,
) -> Result<(u64, u64), ApiError> {
    let RunConfig { runs, seed, .. } = brink_app::run::config(loaded, runs, seed, None);
    if runs == 0 || runs > max {
        return Err(ApiError::bad(format!(
            "runs: {runs} is out of range; this server allows 1 to {max} runs per request"
        )));
    }
    check_turn_budget(loaded, runs, budget)?;
    Ok((runs, seed))
}

/// Refuses a run whose runs × `rules.max_turns` exceeds `budget` ([`crate::Limits::max_run_turns`]).
fn check_turn_budget(loaded: &Loaded, runs: u64, budget: u64) -> Result<(), ApiError> {
    let turns = runs.saturating_mul(u64::from(loaded.scenario.rules.max_turns));
    if turns > budget {
        return Err(ApiError::bad(format!(
            "runs × rules.max_turns = {runs} × {} exceeds this server's limit of {budget} turns per request; ask for fewer runs or turns",
            loaded.scenario.rules.max_turns
        )));
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Job sinks

/// Feeds the engine's progress to the job and lets the job stop the runner. `total` counts
/// runs over the whole job (brink-app reports progress over all the variants of a
/// comparison or sensitivity analysis).
struct JobSink<'a> {
    progress: &'a Progress,
    total: u64,
    csv: Option<(brink_engine::Scenario, CsvText)>,
}

impl<'a> JobSink<'a> {
    fn new(progress: &'a Progress, total: u64) -> Self {
        Self { progress, total, csv: None }
    }
}

impl RunSink for JobSink<'_> {
    fn wants_records(&self) -> bool {
        self.csv.is_some()
    }

    fn record(&mut self, record: &RunRecord) {
        if let Some((scenario, csv)) = &mut self.csv {
            csv.push(&brink_report::records::run_row(scenario, record));
        }
    }

    fn progress(&mut self, done: u64) {
        self.progress.set(done, self.total);
    }

    fn cancelled(&mut self) -> bool {
        self.progress.cancelled()
    }
}

/// JSON text with every non-ASCII character escaped (`\uXXXX`), so it fits in a header.
fn ascii_json(value: &Value) -> String {
    let mut out = String::new();
    for c in value.to_string().chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Responses of jobs

fn wants_stream(headers: &HeaderMap) -> bool {
    headers.get_all(header::ACCEPT).iter().any(|v| v.to_str().is_ok_and(|v| v.contains("application/x-ndjson")))
}

/// Answers with the job's events as JSON lines (streamed), or waits and answers with its
/// result. Dropping the response (the client went away) drops the receiver: the job stops.
async fn respond(mut events: mpsc::Receiver<Event>, stream: bool) -> Response {
    if stream {
        let lines = futures_util::stream::unfold(Some(events), |events| async move {
            let mut events = events?;
            let event = events.recv().await?;
            let last = matches!(event, Event::Finished(_) | Event::Failed(_) | Event::Cancelled);
            let mut line = event.json().to_string();
            line.push('\n');
            Some((Ok::<_, std::convert::Infallible>(line), (!last).then_some(events)))
        });
        let mut response = Body::from_stream(lines).into_response();
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/x-ndjson"));
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        return response;
    }
    while let Some(event) = events.recv().await {
        match event {
            Event::Accepted { .. } | Event::Started | Event::Progress { .. } => {}
            Event::Finished(Output::Json(value)) => return Json(value).into_response(),
            Event::Finished(Output::Text { content_type, body }) => {
                return ([(header::CONTENT_TYPE, content_type)], body).into_response();
            }
            Event::Failed(error) => return error.into_response(),
            Event::Cancelled => {
                return ApiError::cancelled("the job was cancelled").into_response();
            }
        }
    }
    ApiError::internal("the job ended without a result").into_response()
}

// ---------------------------------------------------------------------------------------------
// Handlers

async fn health(State(shared): AppState) -> Json<Value> {
    let limits = &shared.limits;
    Json(json!({
        "status": "ok",
        "brink_version": brink_app::VERSION,
        "page_built": crate::page_built(),
        "limits": {
            "max_body_bytes": limits.max_body_bytes,
            "max_runs": limits.max_runs,
            "max_record_runs": limits.max_record_runs,
            "max_policies": limits.max_policies,
            "max_jobs": limits.max_jobs,
            "max_queued": limits.max_queued,
        },
    }))
}

async fn openapi() -> Json<Value> {
    Json(crate::openapi())
}

async fn scenarios() -> Result<Json<Value>, ApiError> {
    blocking(|| {
        let list: Vec<Value> = brink_scenario::bundled::names()
            .into_iter()
            .map(|name| {
                let title = brink_scenario::load_bundled(name, &[]).ok().and_then(|l| l.info.title);
                json!({ "name": name, "title": title })
            })
            .collect();
        Ok(Json(json!({ "default": brink_scenario::bundled::DEFAULT, "scenarios": list })))
    })
    .await
}

async fn scenario_text(Path(name): Path<String>) -> Result<Json<Value>, ApiError> {
    let text = brink_scenario::bundled::text(&name).ok_or_else(|| {
        ApiError::not_found(format!(
            "no bundled scenario named `{name}`; bundled: {}",
            brink_scenario::bundled::names().join(", ")
        ))
    })?;
    Ok(Json(json!({ "name": name, "toml": text })))
}

async fn check(JsonBody(source): JsonBody<ScenarioSource>) -> Result<Json<Value>, ApiError> {
    blocking(move || {
        let overrides = parse_overrides(&source.overrides, "overrides")?;
        let loaded = load(&source, &overrides)?;
        Ok(Json(crate::controls::describe(&loaded)))
    })
    .await
}

async fn run(
    State(shared): AppState,
    headers: HeaderMap,
    JsonBody(request): JsonBody<RunRequest>,
) -> Result<Response, ApiError> {
    let threads = shared.threads;
    let (loaded, overrides, runs, seed) =
        prepare_run(request, shared.limits.max_runs, shared.limits.max_run_turns).await?;
    let events = shared.jobs.submit(Box::new(move |progress| {
        let config = RunConfig { runs, seed, threads };
        let mut sink = JobSink::new(progress, runs);
        let report = brink_app::run::run_report(&loaded, &overrides, &config, &mut sink)?;
        Ok(Output::Json(report.json()))
    }))?;
    Ok(respond(events, wants_stream(&headers)).await)
}

async fn explain(
    State(shared): AppState,
    headers: HeaderMap,
    JsonBody(request): JsonBody<ExplainRequest>,
) -> Result<Response, ApiError> {
    let threads = shared.threads;
    let outcome = brink_app::explain::parse_outcome(request.outcome.as_deref().unwrap_or("nuclear_use"))?;
    let top = request.top.unwrap_or(10);
    if top == 0 || top > MAX_TOP {
        return Err(ApiError::bad(format!("top: {top} is out of range; expected 1 to {MAX_TOP}")));
    }
    let run = RunRequest {
        scenario: request.scenario,
        toml: request.toml,
        file: request.file,
        overrides: request.overrides,
        runs: request.runs,
        seed: request.seed,
    };
    let (loaded, overrides, runs, seed) = prepare_run(run, shared.limits.max_runs, shared.limits.max_run_turns).await?;
    let events = shared.jobs.submit(Box::new(move |progress| {
        let config = RunConfig { runs, seed, threads };
        let mut sink = JobSink::new(progress, runs);
        let report = brink_app::explain::explain_report(&loaded, &overrides, &config, outcome, top, &mut sink)?;
        Ok(Output::Json(report.to_value()))
    }))?;
    Ok(respond(events, wants_stream(&headers)).await)
}

async fn story(State(shared): AppState, JsonBody(request): JsonBody<StoryRequest>) -> Result<Json<Value>, ApiError> {
    let pick = brink_app::explain::Pick::from_choice(request.run, request.find.as_deref())?
        .ok_or_else(|| ApiError::bad("give `run` (a run's index) or `find` (an outcome's name)"))?;
    let threads = shared.threads;
    let run = RunRequest {
        scenario: request.scenario,
        toml: request.toml,
        file: request.file,
        overrides: request.overrides,
        runs: request.runs,
        seed: request.seed,
    };
    let (loaded, overrides, runs, seed) = prepare_run(run, shared.limits.max_runs, shared.limits.max_run_turns).await?;
    if let brink_app::explain::Pick::Run(k) = pick
        && k >= runs
    {
        return Err(ApiError::bad(format!(
            "run: {k} is out of range; the request has {runs} runs (0 to {})",
            runs - 1
        )));
    }
    blocking(move || {
        let config = RunConfig { runs, seed, threads };
        let report = brink_app::explain::story_report(&loaded, &overrides, &config, pick)?;
        Ok(Json(report.to_value()))
    })
    .await
}

async fn records(State(shared): AppState, JsonBody(request): JsonBody<RunRequest>) -> Result<Response, ApiError> {
    let threads = shared.threads;
    let (loaded, overrides, runs, seed) =
        prepare_run(request, shared.limits.max_record_runs, shared.limits.max_run_turns).await?;
    let name = loaded.scenario.name.clone();
    // The manifest of the rows: the one the CLI writes beside `brink run --out runs.csv`.
    let manifest = serde_json::to_value(brink_app::manifest(&loaded, &overrides, seed, runs, "runs"))
        .map_err(|e| ApiError::internal(format!("the manifest: {e}")))?;
    let events = shared.jobs.submit(Box::new(move |progress| {
        let mut sink = JobSink::new(progress, runs);
        sink.csv = Some((loaded.scenario.clone(), CsvText::new(&brink_report::records::RUN_COLUMNS)));
        brink_app::run::run(&loaded, &RunConfig { runs, seed, threads }, &mut sink)?;
        let body = sink.csv.take().map(|(_, csv)| csv.finish()).unwrap_or_default();
        Ok(Output::Text { content_type: "text/csv; charset=utf-8", body })
    }))?;
    let mut response = respond(events, false).await;
    if response.status().is_success() {
        let headers = response.headers_mut();
        let disposition = format!("attachment; filename=\"{}-runs-seed{seed}.csv\"", file_name(Some(&name)));
        if let Ok(value) = HeaderValue::from_str(&disposition) {
            headers.insert(header::CONTENT_DISPOSITION, value);
        }
        if let Ok(value) = HeaderValue::from_str(&ascii_json(&manifest)) {
            headers.insert("x-brink-manifest", value);
        }
    }
    Ok(response)
}

async fn compare(
    State(shared): AppState,
    headers: HeaderMap,
    JsonBody(request): JsonBody<CompareRequest>,
) -> Result<Response, ApiError> {
    let limits = shared.limits.clone();
    let threads = shared.threads;
    let (variants, names, specs, base, runs, seed) = blocking(move || {
        let count = request.policies.len();
        if count < 2 || count > limits.max_policies {
            return Err(ApiError::bad(format!(
                "policies: {count} given; a comparison needs 2 to {} policies",
                limits.max_policies
            )));
        }
        let mut seen = std::collections::HashSet::new();
        for (i, p) in request.policies.iter().enumerate() {
            if p.name.trim().is_empty() {
                return Err(ApiError::bad(format!("policies[{i}].name: a policy needs a name")));
            }
            if !seen.insert(p.name.trim().to_owned()) {
                return Err(ApiError::bad(format!("policies[{i}].name: `{}` is used twice", p.name.trim())));
            }
        }
        let base = parse_overrides(&request.overrides, "overrides")?;
        let source = ScenarioSource {
            scenario: request.scenario,
            toml: request.toml,
            file: request.file,
            overrides: Vec::new(),
        };
        let mut variants = Vec::new();
        let mut specs = Vec::new();
        for (i, policy) in request.policies.iter().enumerate() {
            let own = parse_overrides(&policy.overrides, &format!("policies[{i}].overrides"))?;
            let all: Vec<Override> = base.iter().chain(&own).cloned().collect();
            let loaded = load(&source, &all).map_err(|e| e.context(&format!("policy `{}`", policy.name.trim())))?;
            specs.push(format!(
                "{}={}",
                policy.name.trim(),
                own.iter().map(Override::flag).collect::<Vec<_>>().join(";")
            ));
            variants.push(loaded);
        }
        let (runs, seed) =
            runs_and_seed(&variants[0], request.runs, request.seed, limits.max_runs, limits.max_run_turns)?;
        for variant in &variants[1..] {
            check_turn_budget(variant, runs, limits.max_run_turns)?;
        }
        let names = request.policies.iter().map(|p| p.name.trim().to_owned()).collect::<Vec<_>>();
        Ok((variants, names, specs, base, runs, seed))
    })
    .await?;
    let events = shared.jobs.submit(Box::new(move |progress| {
        let total = runs * variants.len() as u64;
        let policies = names
            .into_iter()
            .zip(specs)
            .zip(variants)
            .map(|((name, spec), loaded)| brink_app::compare::Policy { name, spec, loaded })
            .collect();
        let request = brink_app::compare::CompareRequest {
            policies,
            overrides: base,
            runs: Some(runs),
            seed: Some(seed),
            threads,
        };
        let mut sink = JobSink::new(progress, total);
        Ok(Output::Json(brink_app::compare::compare(&request, &mut sink)?.to_value()))
    }))?;
    Ok(respond(events, wants_stream(&headers)).await)
}

async fn sensitivity(
    State(shared): AppState,
    headers: HeaderMap,
    JsonBody(request): JsonBody<SensitivityRequest>,
) -> Result<Response, ApiError> {
    let limits = shared.limits.clone();
    let threads = shared.threads;
    let request = blocking(move || {
        let overrides = parse_overrides(&request.overrides, "overrides")?;
        let source = ScenarioSource {
            scenario: request.scenario,
            toml: request.toml,
            file: request.file,
            overrides: Vec::new(),
        };
        // Checks the scenario (and the bundled-plans rule) as for a run.
        let loaded = load(&source, &overrides)?;
        let source = match (&source.scenario, &source.toml) {
            // The bundled text itself: a name is never resolved as a path on the server.
            (Some(name), _) => brink_app::experiment::Source::Text {
                origin: format!("bundled:{name}"),
                text: brink_scenario::bundled::text(name).unwrap_or_default().to_owned(),
            },
            (None, Some(text)) => {
                brink_app::experiment::Source::Text { origin: file_name(source.file.as_deref()), text: text.clone() }
            }
            (None, None) => return Err(ApiError::bad("missing `scenario` or `toml`")),
        };
        let mut app = brink_app::experiment::SensitivityRequest::new(source, request.params);
        app.overrides = overrides;
        app.samples = request.samples.unwrap_or(app.samples);
        app.runs_per_point = request.runs_per_point.unwrap_or(app.runs_per_point);
        app.bootstrap = request.bootstrap.unwrap_or(app.bootstrap).min(10_000);
        app.seed = request.seed;
        app.threads = threads;
        let total = app.total_runs();
        if total == 0 || total > limits.max_runs {
            return Err(ApiError::bad(format!(
                "samples × (params + 2) × runs_per_point = {total} runs; this server allows 1 to {} per request",
                limits.max_runs
            )));
        }
        check_turn_budget(&loaded, total, limits.max_run_turns)?;
        Ok(app)
    })
    .await?;
    let events = shared.jobs.submit(Box::new(move |progress| {
        let mut sink = JobSink::new(progress, request.total_runs());
        Ok(Output::Json(brink_app::experiment::sensitivity(&request, &mut sink)?.to_value()))
    }))?;
    Ok(respond(events, wants_stream(&headers)).await)
}

async fn fit_records() -> Json<Value> {
    Json(crate::fit::listing())
}

async fn fit(
    State(shared): AppState,
    headers: HeaderMap,
    JsonBody(body): JsonBody<crate::fit::FitBody>,
) -> Result<Response, ApiError> {
    let budget = shared.limits.max_run_turns;
    let request = blocking(move || crate::fit::prepare(body, budget)).await?;
    let events = shared.jobs.submit(Box::new(move |progress| {
        let total = request.planned_evaluations();
        let done = std::sync::atomic::AtomicU64::new(0);
        let tick = || {
            let now = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
            // MCMC may retry starting points beyond the plan.
            progress.set(now.min(total), total);
        };
        let report = brink_app::evidence::fit_cancellable(&request, &tick, &|| progress.cancelled())?;
        Ok(Output::Json(report.to_value()))
    }))?;
    Ok(respond(events, wants_stream(&headers)).await)
}

async fn jobs(State(shared): AppState) -> Json<Value> {
    Json(shared.jobs.status())
}

async fn cancel_job(State(shared): AppState, Path(id): Path<String>) -> Result<StatusCode, ApiError> {
    if shared.jobs.cancel(&id) {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::not_found(format!("no running or queued job `{id}`")))
    }
}

/// Assessed bundled plans (a pure function of the plan and the embedded data).
#[derive(Debug, Default)]
pub(crate) struct PlanCache(Mutex<HashMap<String, Value>>);

impl PlanCache {
    fn get(&self, name: &str) -> Option<Value> {
        self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner).get(name).cloned()
    }

    fn put(&self, name: &str, value: &Value) {
        self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner).insert(name.to_owned(), value.clone());
    }
}

async fn plans() -> Result<Json<Value>, ApiError> {
    let list: Vec<Value> = brink_scenario::plan::bundled::names()
        .into_iter()
        .map(|name| {
            // The title is read from the text: resolving cities is not needed for a list.
            let title = brink_scenario::plan::bundled::text(name)
                .and_then(|text| toml_edit::Document::parse(text.to_owned()).ok())
                .and_then(|doc| doc.get("plan")?.get("title")?.as_str().map(str::to_owned));
            json!({ "name": name, "title": title })
        })
        .collect();
    Ok(Json(json!({ "plans": list })))
}

/// A strike report (with the plan's title).
fn strike_report(plan: &StrikePlan) -> Result<Value, ApiError> {
    Ok(brink_app::strike::strike_plan(plan)?.to_value())
}

async fn plan(State(shared): AppState, Path(name): Path<String>) -> Result<Response, ApiError> {
    if brink_scenario::plan::bundled::text(&name).is_none() {
        return Err(ApiError::not_found(format!(
            "no bundled plan named `{name}`; bundled: {}",
            brink_scenario::plan::bundled::names().join(", ")
        )));
    }
    if let Some(cached) = shared.plans.get(&name) {
        return Ok(Json(cached).into_response());
    }
    let cache = shared.clone();
    let events = shared.jobs.submit(Box::new(move |_| {
        let text = brink_scenario::plan::bundled::text(&name).unwrap_or_default();
        let plan = brink_scenario::plan::load_plan_str(
            &format!("bundled:{name}"),
            &name,
            text,
            &brink_app::strike::resolve_city,
        )
        .map_err(|e| ApiError::scenario(&e))?;
        let report = strike_report(&plan)?;
        cache.plans.put(&name, &report);
        Ok(Output::Json(report))
    }))?;
    Ok(respond(events, false).await)
}

async fn effects(State(shared): AppState, JsonBody(request): JsonBody<EffectsRequest>) -> Result<Response, ApiError> {
    if !(request.lat.is_finite() && (-90.0..=90.0).contains(&request.lat)) {
        return Err(ApiError::bad(format!("lat: {} is not a latitude in [-90, 90]", request.lat)));
    }
    if !(request.lon.is_finite() && (-180.0..=180.0).contains(&request.lon)) {
        return Err(ApiError::bad(format!("lon: {} is not a longitude in [-180, 180]", request.lon)));
    }
    if !(request.yield_kt.is_finite()
        && request.yield_kt > 0.0
        && request.yield_kt <= brink_scenario::plan::MAX_YIELD_KT)
    {
        return Err(ApiError::bad(format!(
            "yield_kt: {} is not in (0, {}]",
            request.yield_kt,
            brink_scenario::plan::MAX_YIELD_KT
        )));
    }
    if !(request.hob_m.is_finite() && request.hob_m >= 0.0) {
        return Err(ApiError::bad(format!("hob_m: {} must be a height of burst >= 0 m", request.hob_m)));
    }
    if request.count == 0 || i64::from(request.count) > brink_scenario::plan::MAX_COUNT {
        return Err(ApiError::bad(format!(
            "count: {} is not in 1..={}",
            request.count,
            brink_scenario::plan::MAX_COUNT
        )));
    }
    let label = request.label.map(|l| l.chars().take(100).collect::<String>());
    let plan = StrikePlan {
        name: "point".into(),
        title: None,
        description: None,
        sources: Vec::new(),
        detonations: vec![PlanDetonation {
            target: PlanTarget::Point { lat_deg: request.lat, lon_deg: request.lon },
            yield_kt: request.yield_kt,
            hob_m: request.hob_m,
            count: request.count,
            label,
            phase: None,
        }],
        origin: "request".into(),
    };
    let events = shared.jobs.submit(Box::new(move |_| Ok(Output::Json(strike_report(&plan)?))))?;
    Ok(respond(events, false).await)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_route_table_is_the_published_list() {
        let served: Vec<(&str, &str)> = table().into_iter().map(|(method, path, _)| (method, path)).collect();
        assert_eq!(served, crate::ROUTES);
    }

    /// The request schemas of `openapi-paths.json` are written by hand (with their ranges and
    /// descriptions); they name exactly the fields the request types accept, and require
    /// exactly the ones the types require.
    #[test]
    fn the_hand_written_request_schemas_match_the_request_types() {
        fn fields<T: JsonSchema>() -> (Vec<String>, Vec<String>) {
            let schema = schemars::schema_for!(T).to_value();
            let mut names: Vec<String> = schema["properties"].as_object().unwrap().keys().cloned().collect();
            let mut required: Vec<String> = schema["required"]
                .as_array()
                .map_or_else(Vec::new, |r| r.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect());
            names.sort();
            required.sort();
            (names, required)
        }
        let doc = crate::openapi();
        let written = |name: &str| {
            let schema = &doc["components"]["schemas"][name];
            let mut names: Vec<String> = schema["properties"].as_object().unwrap().keys().cloned().collect();
            let mut required: Vec<String> = schema["required"]
                .as_array()
                .map_or_else(Vec::new, |r| r.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect());
            names.sort();
            required.sort();
            assert_eq!(schema["additionalProperties"], false, "{name}: unknown fields are refused");
            (names, required)
        };
        assert_eq!(written("ScenarioSource"), fields::<ScenarioSource>());
        assert_eq!(written("RunRequest"), fields::<RunRequest>());
        assert_eq!(written("CompareRequest"), fields::<CompareRequest>());
        assert_eq!(written("SensitivityRequest"), fields::<SensitivityRequest>());
        assert_eq!(written("EffectsRequest"), fields::<EffectsRequest>());
        assert_eq!(written("ExplainRequest"), fields::<ExplainRequest>());
        assert_eq!(written("StoryRequest"), fields::<StoryRequest>());
        assert_eq!(written("FitRequest"), fields::<crate::fit::FitBody>());
    }

    #[test]
    fn header_json_is_ascii_and_reads_back() {
        let value = json!({ "scenario": "Krise in Ö — 危機 🚀", "runs": 3 });
        let text = ascii_json(&value);
        assert!(text.is_ascii(), "{text}");
        assert!(HeaderValue::from_str(&text).is_ok());
        assert_eq!(serde_json::from_str::<Value>(&text).unwrap(), value);
    }

    #[test]
    fn file_names_keep_only_safe_characters() {
        assert_eq!(file_name(Some("../../etc/passwd")), "....etcpasswd");
        assert_eq!(file_name(Some("mine.toml")), "mine.toml");
        assert_eq!(file_name(Some("//")), "scenario.toml");
        assert_eq!(file_name(None), "scenario.toml");
    }
}
