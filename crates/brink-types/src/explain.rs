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
    /// For nuclear use: its cause (`deliberate`, `response`, `accident`, `chance`, `false_alarm`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cause: Option<String>,
    /// For nuclear use by an actor, who; for a concession, who conceded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<String>,
}

/// One run told turn by turn (`brink explain --run K`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct StoryBody {
    /// The scenario, overrides, generator, runs and seed.
    #[serde(flatten)]
    pub manifest: ScenarioManifest,
    /// The run told (row `run` of `brink run --out` and `--trajectories`).
    pub run: u64,
    /// How it ended.
    pub outcome: String,
    /// For nuclear use, its cause.
    pub nuclear_cause: Option<String>,
    /// Every actor's true red line (a rung, or `never`), drawn at the start of the run.
    pub true_red_lines: crate::IndexMap<String, String>,
    /// The turns played.
    pub turns: Vec<StoryTurn>,
}

impl Body for StoryBody {
    const KIND: &'static str = "story";
    const ABOUT: &'static str =
        "one run told turn by turn: decisions with their options, moves, beliefs beside the true red lines";
}

/// One turn of a told run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct StoryTurn {
    /// The turn.
    pub turn: u32,
    /// Every actor's rung at the end of the turn.
    pub rungs: crate::IndexMap<String, String>,
    /// The scripted events applied at its start (labels).
    pub events: Vec<String>,
    /// The decisions taken, in order.
    pub decisions: Vec<StoryDecision>,
    /// The moves that raised a rung, in order.
    pub moves: Vec<StoryMove>,
    /// Every belief about an adversary at the end of the turn.
    pub beliefs: Vec<StoryBelief>,
    /// The signals sent at its start (docs/MODEL.md §16).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub signals: Vec<StorySignal>,
    /// The declarations a crossing put to the test in it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub declarations_tested: Vec<StoryDeclarationTested>,
}

/// A signal sent in a told run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct StorySignal {
    /// Who signalled.
    pub actor: String,
    /// The rung it declared (`None`: its type declared nothing).
    pub declared: Option<String>,
    /// Whether the declaration was a bluff (not true of the sender's type).
    pub bluff: bool,
}

/// A declaration a crossing reached: the sender answered (honoured) or not (contradicted).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct StoryDeclarationTested {
    /// Who had declared.
    pub actor: String,
    /// The declared rung.
    pub rung: String,
    /// Whether the sender answered.
    pub honoured: bool,
}

/// One decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct StoryDecision {
    /// Who decided.
    pub actor: String,
    /// The options with their expected utilities and the probabilities the rule chose with
    /// (empty for scripted rules).
    pub options: Vec<StoryOption>,
    /// The action chosen: `concede`, `down`, `hold`, `up` or `jump`.
    pub chosen: String,
    /// The rung it moved to (none for a concession).
    pub chosen_to: Option<String>,
}

/// One option of a decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct StoryOption {
    /// `concede`, `down`, `hold`, `up` or `jump`.
    pub action: String,
    /// The rung it leads to (none for a concession).
    pub to: Option<String>,
    /// Its expected utility under the actor's beliefs.
    pub expected_utility: f64,
    /// The probability the rule chose it with.
    pub p: f64,
}

/// One move that raised a rung.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct StoryMove {
    /// Who moved.
    pub actor: String,
    /// From this rung.
    pub from: String,
    /// To this rung.
    pub to: String,
    /// `event`, `decision`, `response` or `accident`.
    pub cause: String,
    /// Whether it proved a miscalculation (judged unlikely to be answered, and answered).
    pub miscalculation: bool,
    /// Whose true red lines it crossed.
    pub crossed_red_line_of: Vec<String>,
}

/// One actor's belief about an adversary's red line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct StoryBelief {
    /// Who holds it.
    pub holder: String,
    /// About whom.
    pub about: String,
    /// The mean of the belief (rung index; the number of rungs stands for never).
    pub mean_red_line: f64,
    /// The believed chance that the adversary answers a one-rung rise of its peak.
    pub p_respond_next: f64,
    /// The adversary's true red line (a rung, or `never`).
    pub true_red_line: String,
}
