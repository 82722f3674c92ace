//! # brink-app
//!
//! The operations every front end of brink offers — the `brink` command line, the Python
//! package and the local web page — as library calls, so that all three give the same
//! numbers and the same JSON for the same inputs:
//! - [`run`]: the summary of a Monte Carlo run, as JSON (the document `brink run --format
//!   json` prints) and as text;
//! - [`compare`]: policies on common random numbers with paired differences (the document of
//!   `brink compare --format json`);
//! - [`lives`]: the fatality distribution when a scenario attaches strike plans to rungs;
//! - [`experiment`]: parameter ranges, sweep designs and one row per sweep point;
//! - [`effects`], [`fallout`], [`strike`]: weapon effects, WSEG-10 fallout and strike-plan
//!   casualties, as reports with JSON and text renderings;
//! - [`aftermath`]: global cooling and people without food after a war's soot (published runs,
//!   interpolated);
//! - [`plan`]: countervalue strike plans on the most populous cities of some countries;
//! - [`solve`]: Nash equilibria and logit QRE of a Gambit strategic-form game, as JSON and text;
//! - [`crisis_game`]: a scenario's first turns as an extensive-form game (`brink game`) and
//!   its equilibrium compared with the scenario's rules (`brink equilibrium`);
//! - [`solve_efg`]: equilibria (sequence-form LCP and LP, pure agent form), CFR+ and the agent
//!   logit QRE of a Gambit extensive-form game;
//! - [`validate`]: the engine against the canonical models' closed forms, as JSON and text.
//!
//! Every operation is a request type in, a typed report out (`brink_types::Report<Body>`,
//! one body type per kind, with its JSON Schema). Front ends parse their own flags,
//! arguments or requests into the request types here and print, return or serve the result;
//! defaults (runs, seed) are decided here, once. Nothing here writes files or reads a
//! terminal.

#![warn(missing_docs, missing_debug_implementations, unreachable_pub)]

pub mod aftermath;
pub mod compare;
pub mod crisis_game;
pub mod effects;
pub mod evidence;
pub mod experiment;
pub mod explain;
pub mod fallout;
pub mod lives;
pub mod mcmc;
pub mod plan;
pub mod run;
pub mod solve;
pub mod solve_efg;
pub mod strike;
pub mod validate;

use brink_scenario::{Loaded, Override};

/// The brink version every result carries.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The last line of every text summary of a scenario's runs (run, compare, sweep, sensitivity,
/// explain): the figures are consequences of stated assumptions, not predictions.
pub const NOTE: &str = "Note: these figures follow from the scenario's stated assumptions (every number in it is one); they are not a forecast.\n";

/// A failure, classified by who is at fault.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AppError {
    /// The caller's input is wrong; the message says where and what was expected.
    #[error("{0}")]
    BadInput(String),
    /// The runs were stopped by the caller (Ctrl-C, a closed client) after `done` runs.
    #[error("cancelled after {done} runs")]
    Cancelled {
        /// Runs finished when the runner stopped.
        done: u64,
    },
    /// brink failed: a bug or an environment problem, not the caller's input.
    #[error("{0}")]
    Internal(String),
    /// A scenario (or an override of it) is invalid: every problem with its file, line,
    /// column and field, for front ends to pass on as structured errors.
    #[error("{0}")]
    Scenario(Box<brink_scenario::ScenarioError>),
}

impl AppError {
    /// Bad input with the conventional `error: ` prefix.
    pub fn bad(message: impl std::fmt::Display) -> Self {
        AppError::BadInput(format!("error: {message}"))
    }
}

impl From<brink_engine::RunError> for AppError {
    fn from(error: brink_engine::RunError) -> Self {
        match error {
            brink_engine::RunError::Cancelled { done } => AppError::Cancelled { done },
            other => AppError::Internal(other.to_string()),
        }
    }
}

/// Loads a scenario by bundled name or path (the bundled default when `None`), with
/// overrides; a bad scenario is [`AppError::BadInput`] carrying every problem with its line.
pub fn load_scenario(spec: Option<&str>, overrides: &[Override]) -> Result<Loaded, AppError> {
    let spec = spec.unwrap_or(brink_scenario::bundled::DEFAULT);
    brink_scenario::load(spec, overrides).map_err(|e| AppError::Scenario(Box::new(e)))
}

/// The manifest of an output of `loaded` run with `seed` and `runs`; `content` names what
/// the output holds ("runs", "sweep", …).
pub fn manifest(
    loaded: &Loaded,
    overrides: &[Override],
    seed: u64,
    runs: u64,
    content: &str,
) -> brink_report::Manifest {
    brink_report::Manifest {
        brink_version: VERSION.to_owned(),
        scenario: loaded.scenario.name.clone(),
        scenario_origin: loaded.origin.clone(),
        scenario_hash: loaded.hash.clone(),
        overrides: overrides.iter().map(Override::flag).collect(),
        seed,
        runs,
        generator: brink_engine::stream::GENERATOR.to_owned(),
        content: content.to_owned(),
    }
}

/// The [`ScenarioManifest`](brink_types::ScenarioManifest) of a result of `loaded` run
/// with `seed` and `runs`: what a report carries so that it can be reproduced.
pub fn scenario_manifest(
    loaded: &Loaded,
    overrides: &[Override],
    seed: u64,
    runs: u64,
) -> brink_types::ScenarioManifest {
    brink_types::ScenarioManifest {
        scenario: loaded.scenario.name.clone(),
        scenario_origin: loaded.origin.clone(),
        scenario_hash: loaded.hash.clone(),
        overrides: overrides.iter().map(Override::flag).collect(),
        generator: brink_engine::stream::GENERATOR.to_owned(),
        runs,
        seed,
    }
}

/// A report of `body` by this brink version, timed from `started`.
pub fn report<B: brink_types::Body>(body: B, started: std::time::Instant) -> brink_types::Report<B> {
    brink_types::Report::new(VERSION, body).timed(brink_types::Timing::seconds(started.elapsed().as_secs_f64()))
}

/// A finite float, or `None` (JSON `null`) for NaN and infinities.
pub(crate) fn finite(x: f64) -> Option<f64> {
    x.is_finite().then_some(x)
}

/// A proportion of the engine as a report's.
pub(crate) fn proportion(p: brink_engine::Proportion) -> brink_types::Proportion {
    brink_types::Proportion { count: p.count, p: p.p, ci95: [p.ci95.0, p.ci95.1] }
}

/// A scenario's problems as data: the error document of the web API and of the Python
/// package's `ScenarioError` (file, line, column and field of the first problem, and all).
pub fn scenario_error_doc(error: &brink_scenario::ScenarioError) -> brink_types::error::ErrorDoc {
    use brink_scenario::Origin;
    let diagnostics: Vec<brink_types::error::DiagnosticDoc> = error
        .diagnostics
        .iter()
        .map(|d| {
            let (line, column) = match &d.origin {
                Origin::Span(span) => {
                    let (line, column) = error.line_column(span.start);
                    (Some(line), Some(column))
                }
                _ => (None, None),
            };
            let (source, override_flag) = match &d.origin {
                Origin::Span(_) => ("scenario", None),
                Origin::Override(flag) => ("override", Some(flag.clone())),
                Origin::File => ("file", None),
            };
            brink_types::error::DiagnosticDoc {
                file: error.file.clone(),
                line,
                column,
                field: d.path.clone(),
                path: d.path.clone(),
                message: d.message.clone(),
                source: source.to_owned(),
                override_flag,
            }
        })
        .collect();
    let text = error.to_string();
    let first = text.lines().next().unwrap_or(&text);
    let message = match diagnostics.len() {
        0 | 1 => format!("the scenario has a problem: {first}"),
        n => format!("the scenario has {n} problems; the first: {first}"),
    };
    let head = diagnostics.first();
    brink_types::error::ErrorDoc {
        kind: "scenario".into(),
        message,
        file: Some(error.file.clone()),
        line: head.and_then(|d| d.line),
        column: head.and_then(|d| d.column),
        field: head.map(|d| d.field.clone()),
        diagnostics,
    }
}
