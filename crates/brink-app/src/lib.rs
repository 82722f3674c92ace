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
//! - [`solve`]: Nash equilibria and logit QRE of a Gambit game, as JSON and text;
//! - [`validate`]: the engine against the canonical models' closed forms, as JSON and text.
//!
//! Front ends parse their own flags, arguments or requests into the request types here and
//! print, return or serve the result. Nothing here writes files or reads a terminal.

#![warn(missing_docs, missing_debug_implementations, unreachable_pub)]

pub mod compare;
pub mod effects;
pub mod experiment;
pub mod fallout;
pub mod lives;
pub mod run;
pub mod solve;
pub mod strike;
pub mod validate;

use brink_scenario::{Loaded, Override};

/// The brink version every result carries.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

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
    brink_scenario::load(spec, overrides).map_err(|e| AppError::BadInput(e.to_string()))
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

/// A JSON result: its kind and manifest fields, then `fields` (an object).
pub fn result(kind: &str, manifest: &brink_report::Manifest, fields: serde_json::Value) -> serde_json::Value {
    let mut report = serde_json::Map::new();
    report.insert("kind".into(), kind.into());
    report.insert("brink_version".into(), manifest.brink_version.clone().into());
    report.insert("scenario".into(), manifest.scenario.clone().into());
    report.insert("scenario_origin".into(), manifest.scenario_origin.clone().into());
    report.insert("scenario_hash".into(), manifest.scenario_hash.clone().into());
    report.insert("overrides".into(), manifest.overrides.clone().into());
    report.insert("seed".into(), manifest.seed.into());
    report.insert("runs".into(), manifest.runs.into());
    report.insert("generator".into(), manifest.generator.clone().into());
    if let serde_json::Value::Object(fields) = fields {
        report.extend(fields);
    }
    serde_json::Value::Object(report)
}
