//! The report of a Monte Carlo run (`brink run --format json`, `POST /api/run`,
//! `brink.run(...).summary`).
//!
//! Extending it: a statistic added to the engine's `Summary` is one field here (with its doc
//! comment, which becomes its description in the schema) and one line where brink-app fills
//! the body (`brink_app::run::body`). The schema, the OpenAPI document and the drift checks
//! of the web page and the Python stubs follow from the type.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{Body, IndexMap, Outcomes, Proportion, ScenarioManifest};

/// Everything `brink run` reports about its runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RunBody {
    /// The scenario, overrides, generator, runs and seed.
    #[serde(flatten)]
    pub manifest: ScenarioManifest,
    /// Share of runs ending in each outcome.
    pub outcomes: Outcomes<Proportion>,
    /// Runs whose highest rung was each rung, bottom first.
    pub peak_rung: Vec<PeakRung>,
    /// Turns to each outcome.
    pub turns: Outcomes<TurnStats>,
    /// Runs ending in nuclear use, by cause (`deliberate`, `response`, `accident`, `chance`, and
    /// `false_alarm` where an actor has an early-warning system).
    pub nuclear_use_cause: IndexMap<String, Proportion>,
    /// Runs ending in nuclear use, by who used (each actor, then `chance`).
    pub nuclear_use_by_actor: IndexMap<String, Proportion>,
    /// Runs ending in a concession, by who conceded.
    pub concessions_by_actor: IndexMap<String, Proportion>,
    /// Red lines crossed.
    pub red_lines: RedLines,
    /// Responses to crossed red lines.
    pub responses: Totals,
    /// Escalations the actor believed safe that drew a response.
    pub miscalculations: Miscalculations,
    /// Where the runs ending in nuclear use came from: the share (of those runs) whose chain held
    /// a miscalculation before it, beside the share from the free chance hazard.
    #[serde(default)]
    pub nuclear_use_origin: NuclearUseOrigin,
    /// Runs at the turn limit by reason (`held_above_settlement_level`, `still_moving`), as
    /// shares of all runs.
    #[serde(default)]
    pub turn_limit_reasons: IndexMap<String, Proportion>,
    /// Runs that ended in a negotiated settlement (an accepted offer, `[rules.bargaining]`),
    /// as a share of all runs; the rest of `settlement` came from a quiet spell.
    #[serde(default)]
    pub negotiated_settlements: Option<Proportion>,
    /// Unintended steps up.
    pub accidents: Totals,
    /// Early-warning false alarms (docs/MODEL.md §14), answered by nuclear use or not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub false_alarms: Option<Totals>,
    /// Moves misread by an adversary under fog of war (docs/MODEL.md §14).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub misreads: Option<Totals>,
    /// What the actors said beside what they did (docs/MODEL.md §16), when some actor signals.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signals: Option<Signals>,
    /// Mean audience cost paid per run.
    pub audience_costs_per_run: f64,
    /// Mean absolute error of red-line beliefs at the start and the end of a run.
    pub belief_error: BeliefError,
    /// Work done.
    pub work: Work,
    /// Share of runs at each rung after each turn.
    pub occupancy: Occupancy,
    /// Share of runs still in crisis after turn t (t = 0, 1, …, max_turns).
    pub survival: Vec<f64>,
    /// The scenario's own description.
    pub scenario_info: ScenarioInfo,
    /// The scenario text as run (overrides applied).
    pub scenario_toml: String,
    /// Lives at stake, when the scenario attaches strike plans to nuclear rungs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consequences: Option<Consequences>,
}

impl Body for RunBody {
    const KIND: &'static str = "run";
    const ABOUT: &'static str = "a Monte Carlo run of a scenario: outcome probabilities, rungs, turns, causes";
}

/// Runs whose peak was one rung.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PeakRung {
    /// The rung's name.
    pub rung: String,
    /// Runs that peaked there.
    pub count: u64,
    /// count / runs.
    pub p: f64,
}

/// Turns to one outcome (only `count` when no run ended so).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct TurnStats {
    /// Runs ending in the outcome.
    pub count: u64,
    /// Mean turns.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mean: Option<f64>,
    /// 10th percentile of turns.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub p10: Option<u32>,
    /// Median turns.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub p50: Option<u32>,
    /// 90th percentile of turns.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub p90: Option<u32>,
}

/// A total over runs and its mean per run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Totals {
    /// Total over all runs.
    pub total: u64,
    /// total / runs.
    pub per_run: f64,
}

/// Declarations sent, and how the senders' later actions bore them out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Signals {
    /// Declarations sent.
    pub sent: Totals,
    /// Declarations a crossing reached and the sender answered.
    pub honoured: Totals,
    /// Declarations a crossing reached and the sender left unanswered.
    pub contradicted: Totals,
    /// The deception measure: contradicted / (honoured + contradicted), the share of tested
    /// declarations the sender's later action contradicted (`None` when none was tested).
    pub deception: Option<f64>,
}

/// Red lines crossed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RedLines {
    /// Crossings over all runs.
    pub crossed_total: u64,
    /// Crossings per run.
    pub crossed_per_run: f64,
    /// Runs with at least one crossing.
    pub runs_with_crossing: Proportion,
    /// Whose red line was crossed first, by whom, in how many runs (pairs with a count).
    pub first_crossed: Vec<FirstCrossed>,
}

/// Runs in which `crosser` was the first to cross `owner`'s red line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FirstCrossed {
    /// Whose red line.
    pub owner: String,
    /// Who crossed it.
    pub crosser: String,
    /// Runs.
    pub count: u64,
}

/// Miscalculations: escalations believed safe that drew a response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Miscalculations {
    /// Total over all runs.
    pub total: u64,
    /// total / runs.
    pub per_run: f64,
    /// Runs with at least one.
    pub runs_with_miscalculation: Proportion,
}

/// Where nuclear use came from, as shares of the runs that ended in it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct NuclearUseOrigin {
    /// Runs ending in nuclear use (the denominator of the shares below).
    pub runs: u64,
    /// Those whose chain held a miscalculation (a step taken on the belief that the other would
    /// not answer, which was answered) before the nuclear use.
    pub after_miscalculation: Option<Proportion>,
    /// Those from the free chance hazard of the joint level.
    pub from_chance: Option<Proportion>,
}

/// Mean absolute error of red-line beliefs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct BeliefError {
    /// At the start of a run.
    pub start_mean: f64,
    /// At its end.
    pub end_mean: f64,
}

/// Work done by the engine.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Work {
    /// Runs.
    pub runs: u64,
    /// Turns over all runs.
    pub turns: u64,
    /// Decisions over all runs.
    pub decisions: u64,
}

/// Share of runs at each rung after each turn.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Occupancy {
    /// Rung names, bottom first (the columns of `shares`).
    pub rungs: Vec<String>,
    /// One row per turn (1, 2, …, max_turns), one share per rung.
    pub shares: Vec<Vec<f64>>,
}

/// The scenario's description, from its file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ScenarioInfo {
    /// `scenario.title`.
    pub title: Option<String>,
    /// The question it answers.
    pub question: Option<String>,
    /// What one turn stands for.
    pub turn: Option<String>,
    /// Where the ladder comes from.
    pub ladder_source: Option<String>,
    /// Sources of the parameters, by `--set` path.
    pub sources: IndexMap<String, String>,
}

/// Lives at stake: strike plans attached to nuclear rungs, and fatalities over runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Consequences {
    /// What the figures are (estimates under stated assumptions).
    pub note: String,
    /// The plans, by rung.
    pub plans: Vec<RungPlan>,
    /// Runs that reached a nuclear rung with no plan (counted as 0).
    pub unassessed_runs: u64,
    /// Fatalities per run.
    pub fatalities: FatalityDistribution,
    /// Injuries per run.
    pub injuries: MeanOnly,
    /// Stratospheric soot (Tg) per run, from the plans' fires (central values; thresholds
    /// in Tg).
    pub soot_tg: FatalityDistribution,
    /// People without food at the end of year two per run (Xia et al. 2022 Table 1 case,
    /// interpolated by the plan's soot).
    pub people_without_food: FatalityDistribution,
}

/// A plan attached to a rung, and how often the rung was the one reached.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RungPlan {
    /// The rung.
    pub rung: String,
    /// The plan's name.
    pub plan: String,
    /// Where the plan came from.
    pub plan_origin: String,
    /// Fatalities of the plan.
    pub fatalities: f64,
    /// Injuries of the plan.
    pub injuries: f64,
    /// Stratospheric soot of the plan's fires (Tg, central value).
    pub soot_tg: f64,
    /// People without food at the end of year two after that soot.
    pub people_without_food: f64,
    /// Runs that ended at the rung.
    pub runs: u64,
    /// runs / all runs.
    pub p: f64,
    /// Wilson 95% interval of `p`.
    pub ci95: [f64; 2],
}

/// The distribution of fatalities per run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FatalityDistribution {
    /// Mean.
    pub mean: f64,
    /// Quantiles by name (`p50`, `p90`, `p99`, `p99.9`).
    pub quantiles: IndexMap<String, f64>,
    /// P(fatalities > threshold).
    pub exceedance: Vec<Exceedance>,
}

/// Runs whose fatalities exceed a threshold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Exceedance {
    /// The threshold (people).
    pub threshold: f64,
    /// Runs above it.
    pub count: u64,
    /// count / runs.
    pub p: f64,
    /// Wilson 95% interval.
    pub ci95: [f64; 2],
}

/// A mean alone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct MeanOnly {
    /// Mean per run.
    pub mean: f64,
}
