//! Reports of experiments over a scenario: sweeps, policy comparisons, sensitivity.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{Body, Outcomes, Proportion, ScenarioManifest};

/// A sweep: one row per point of a grid or Latin hypercube.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SweepBody {
    /// The scenario, overrides, generator, runs per point and seed.
    #[serde(flatten)]
    pub manifest: ScenarioManifest,
    /// `grid` or `latin-hypercube`.
    pub design: String,
    /// The parameters' `--set` paths, in the order of each row's `values`.
    pub params: Vec<String>,
    /// One row per point, in point order.
    pub points: Vec<SweepRow>,
}

impl Body for SweepBody {
    const KIND: &'static str = "sweep";
    const ABOUT: &'static str = "a scenario run at every point of a parameter grid or Latin hypercube";
}

/// One point of a sweep (also a line of the sweep journal).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SweepRow {
    /// The point's index in the design.
    pub point: usize,
    /// The parameters' values, as applied (integer parameters rounded).
    pub values: Vec<f64>,
    /// P(nuclear use), repeated from `outcomes` for convenience.
    pub nuclear_use: Proportion,
    /// Every outcome.
    pub outcomes: Outcomes<Proportion>,
    /// Mean turns per run.
    pub mean_turns: f64,
}

/// Policies on common random numbers, each with its paired difference from the first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CompareBody {
    /// The first policy's scenario, the base overrides, generator, runs per policy and seed.
    #[serde(flatten)]
    pub manifest: ScenarioManifest,
    /// The first policy's name.
    pub baseline: Option<String>,
    /// The interval method.
    pub interval: String,
    /// The policies, baseline first.
    pub policies: Vec<ComparePolicy>,
}

impl Body for CompareBody {
    const KIND: &'static str = "compare";
    const ABOUT: &'static str = "policies run on common random numbers, with paired (Newcombe) differences";
}

/// One policy of a comparison.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ComparePolicy {
    /// Its name.
    pub name: String,
    /// How it was given (`NAME=FILE` or `NAME=PATH=VALUE;…`).
    pub spec: String,
    /// Hash of the scenario it ran.
    pub scenario_hash: String,
    /// Its outcome probabilities.
    pub outcomes: Outcomes<Proportion>,
    /// Its paired difference from the baseline, per outcome.
    pub difference: Outcomes<Difference>,
}

/// A paired difference of proportions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Difference {
    /// p(policy) − p(baseline).
    pub difference: f64,
    /// Newcombe's paired 95% interval.
    pub ci95: [f64; 2],
    /// Runs where the two disagree.
    pub discordant_runs: u64,
}

/// Sobol indices of P(nuclear use) over parameter ranges.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SensitivityBody {
    /// The scenario, overrides, generator, runs per design point and seed.
    #[serde(flatten)]
    pub manifest: ScenarioManifest,
    /// The output analysed.
    pub output: String,
    /// Base sample size N.
    pub samples: usize,
    /// Design points (N·(k + 2)).
    pub design_points: usize,
    /// The estimators.
    pub estimators: String,
    /// Mean of the output over the design.
    pub output_mean: f64,
    /// One entry per parameter.
    pub indices: Vec<SobolIndex>,
}

impl Body for SensitivityBody {
    const KIND: &'static str = "sensitivity";
    const ABOUT: &'static str = "Sobol first-order and total indices of P(nuclear use)";
}

/// The Sobol indices of one parameter (`null` where the output did not vary).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SobolIndex {
    /// The parameter's `--set` path.
    pub param: String,
    /// Its range [low, high].
    pub range: [f64; 2],
    /// First-order index S.
    pub first: Option<f64>,
    /// Bootstrap 95% interval of S.
    pub first_ci95: [Option<f64>; 2],
    /// Total index ST.
    pub total: Option<f64>,
    /// Bootstrap 95% interval of ST.
    pub total_ci95: [Option<f64>; 2],
}
