//! Why a crisis escalates (`brink explain`): the runs ending in an outcome grouped by the
//! chain of steps that led there (docs/OUTPUTS.md, docs/MODEL.md §13).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{Body, ScenarioManifest};

/// The most frequent paths to an outcome.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ExplainBody {
    /// The scenario, overrides, generator, runs and seed (the same runs as `brink run`).
    #[serde(flatten)]
    pub manifest: ScenarioManifest,
    /// The outcome whose runs are grouped (`nuclear_use`, `settlement`, `concession`,
    /// `turn_limit`, or `all`).
    pub outcome: String,
    /// Runs ending in the outcome (all runs for `all`): the count `brink run` gives for it.
    pub outcome_runs: u64,
    /// The most frequent paths, most frequent first.
    pub paths: Vec<ExplainPath>,
    /// Runs with the outcome outside the paths listed: Σ paths.count + other_runs = outcome_runs.
    pub other_runs: u64,
    /// Distinct paths seen (a lower bound when `paths_truncated`).
    pub distinct_paths: u64,
    /// Whether the table of distinct paths was full, so that some runs' paths were not kept
    /// (they are counted in `other_runs`).
    pub paths_truncated: bool,
}

impl Body for ExplainBody {
    const KIND: &'static str = "explain";
    const ABOUT: &'static str = "the chains of steps behind an outcome: runs grouped by the path that led there";
}

/// One path and the runs that followed it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ExplainPath {
    /// Runs that followed it.
    pub count: u64,
    /// count / outcome_runs.
    pub share: f64,
    /// Wilson 95% interval of the share.
    pub ci95: [f64; 2],
    /// The first run that followed it (replay it with `brink explain --run`).
    pub first_run: u64,
    /// The moves that raised an actor's rung, in order.
    pub steps: Vec<ExplainStep>,
    /// How it ended.
    pub ending: ExplainEnding,
}

/// One step of a path.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ExplainStep {
    /// Who moved.
    pub actor: String,
    /// From this rung.
    pub from: String,
    /// To this rung.
    pub to: String,
    /// Why: `event`, `decision`, `response` or `accident`.
    pub cause: String,
    /// For a scripted event, its label (or `events.N`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<String>,
    /// The mean turn of the step over the path's runs.
    pub mean_turn: f64,
    /// Share of the path's runs in which the step was a miscalculation.
    pub miscalculation_share: f64,
    /// Share of the path's runs in which the step crossed an adversary's true red line.
    pub crossed_red_line_share: f64,
}

/// How a path ended.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ExplainEnding {
    /// The outcome.
    pub outcome: String,
    /// For nuclear use: its cause (`deliberate`, `response`, `accident`, `chance`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cause: Option<String>,
    /// For nuclear use by an actor, who; for a concession, who conceded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<String>,
}
