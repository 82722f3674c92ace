//! Evidence (`brink likelihood`): the exact probability that a scenario produces observed
//! crises (docs/EVIDENCE.md).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Body;

/// The likelihood of one or more records under a scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct LikelihoodBody {
    /// The scenario's name.
    pub scenario: String,
    /// Where it came from: a path, `bundled:NAME`, or a name given to pasted text.
    pub scenario_origin: String,
    /// FNV-1a hash of the scenario text after overrides.
    pub scenario_hash: String,
    /// The overrides applied, as `PATH=VALUE`.
    pub overrides: Vec<String>,
    /// Each record's likelihood, in the order given.
    pub records: Vec<RecordLikelihood>,
    /// ln of the product of the records' likelihoods (independent records); null when one is 0.
    pub log_likelihood: Option<f64>,
    /// How precisely the likelihoods were summed (absent in reports before December 2026,
    /// which used the defaults).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub precision: Option<LikelihoodPrecision>,
    /// What the figure is.
    pub note: String,
}

/// How precisely likelihoods were summed (`--exact`, `--tolerance`, `--max-error`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct LikelihoodPrecision {
    /// The tolerance asked for (0: none dropped, `--exact`): branches below this share of a
    /// turn's probability were dropped in a record's first computation. A record whose bound
    /// exceeded `max_error` was computed again below a share of the rest of its probability,
    /// and a fit sets each record's share from its computation at the middle of the ranges,
    /// to meet `max_error` (the guarantee).
    pub tolerance: f64,
    /// The largest error bound accepted per record; a wider one was summed again dropping less.
    pub max_error: f64,
}

impl Body for LikelihoodBody {
    const KIND: &'static str = "likelihood";
    const ABOUT: &'static str =
        "the exact probability that a scenario produces observed crises (rungs per turn, and the ending)";
}

/// The likelihood of one record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RecordLikelihood {
    /// The record's name (for a trajectories file, `FILE#run=K`).
    pub record: String,
    /// Where it came from.
    pub origin: String,
    /// The scenario the record says it is for.
    pub record_scenario: Option<String>,
    /// The observed turns.
    pub turns: Vec<u32>,
    /// The observed ending, if the record gives one: outcome and turn.
    pub end: Option<RecordEnd>,
    /// P(the scenario produces the record), summed over everything the record does not show.
    pub likelihood: f64,
    /// ln `likelihood`; null when it is 0.
    pub log_likelihood: Option<f64>,
    /// The first turn the scenario cannot produce (null if it can produce them all).
    pub impossible_at_turn: Option<u32>,
    /// Per observed turn (and the ending's turn), ln P(this turn's observation | the earlier
    /// ones); they sum to `log_likelihood`. The contribution is null at an impossible turn.
    pub per_turn: Vec<TurnLikelihood>,
    /// The most distinct hidden states consistent with the record after any turn.
    pub peak_states: u64,
    /// Turn replays (branches) visited, over every pass (a record whose bound exceeded the
    /// accepted error is computed again).
    pub branches: u64,
    /// An upper bound on ln(exact likelihood) − `log_likelihood` from the branches dropped
    /// below the tolerance (`--exact`: none, 0); the exact value lies between the two.
    #[serde(default)]
    pub error_bound: f64,
}

/// An observed ending.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RecordEnd {
    /// `nuclear_use`, `settlement`, `concession` or `turn_limit`.
    pub outcome: String,
    /// The turn it ended in.
    pub turn: u32,
}

/// One turn's contribution to a record's log-likelihood.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct TurnLikelihood {
    /// The turn.
    pub turn: u32,
    /// ln P(observation at this turn | the earlier ones); null when 0.
    pub log_likelihood: Option<f64>,
}

/// The posterior of scenario parameters given observed records (`brink fit`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FitBody {
    /// The scenario's name.
    pub scenario: String,
    /// Where it came from.
    pub scenario_origin: String,
    /// FNV-1a hash of the scenario text after the fixed overrides (before the fitted ones).
    pub scenario_hash: String,
    /// The fixed overrides, as `PATH=VALUE`.
    pub overrides: Vec<String>,
    /// The records fitted to (names).
    pub records: Vec<String>,
    /// The classes of historical crises whose outcome counts were fitted to (`--outcomes`).
    #[serde(default)]
    pub outcomes: Vec<String>,
    /// `grid` (exact likelihoods on a grid) or `mcmc` (adaptive random-walk Metropolis chains).
    pub method: String,
    /// Each fitted parameter's posterior summary.
    pub params: Vec<FitParam>,
    /// ln of the records' probability averaged over the prior (on the grid; null for MCMC,
    /// which does not estimate it).
    pub log_evidence: Option<f64>,
    /// How the posterior was computed.
    pub diagnostics: FitDiagnostics,
    /// Outcome probabilities under the posterior beside the scenario's own (by simulation).
    pub posterior_predictive: Vec<PredictiveOutcome>,
    /// The grid: every point with its log-likelihood and posterior probability (empty for MCMC).
    pub grid: Vec<FitPoint>,
    /// The MCMC draws kept after warm-up, chain by chain (empty for a grid fit).
    #[serde(default)]
    pub draws: Vec<FitDraw>,
    /// How precisely each likelihood was summed (absent in reports before December 2026).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub precision: Option<LikelihoodPrecision>,
    /// What the figures are.
    pub note: String,
}

impl Body for FitBody {
    const KIND: &'static str = "fit";
    const ABOUT: &'static str =
        "the posterior of scenario parameters given observed crises (exact likelihoods, on a grid or by MCMC)";
}

/// One parameter's posterior.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FitParam {
    /// Its `--set` path.
    pub path: String,
    /// Posterior mean.
    pub mean: f64,
    /// Posterior standard deviation.
    pub sd: f64,
    /// Central 95% posterior interval (grid resolution, or the draws' quantiles).
    pub ci95: [f64; 2],
    /// The value at the highest posterior found (joint): the best grid point, or the best draw.
    pub map: f64,
    /// The prior, as written (`uniform`, `normal:M:S`, `beta:A:B`), on [low, high].
    pub prior: String,
    /// The range searched.
    pub range: [f64; 2],
    /// MCMC: split R-hat (BDA3 §11.4; near 1 when the chains agree). Null for a grid fit.
    #[serde(default)]
    pub rhat: Option<f64>,
    /// MCMC: effective sample size of the draws (BDA3 §11.5). Null for a grid fit.
    #[serde(default)]
    pub ess: Option<f64>,
}

/// How a fit was computed. Grid fields are null for MCMC and MCMC fields null for a grid.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FitDiagnostics {
    /// Grid points per parameter.
    pub points_per_param: Option<usize>,
    /// Likelihood evaluations (grid points, or the chains' proposals and starting points).
    pub evaluations: usize,
    /// Evaluations at which some record is impossible (or the prior is 0).
    pub impossible_points: usize,
    /// Largest posterior mass on one grid point (near 1: the grid is too coarse).
    pub max_point_mass: Option<f64>,
    /// Grid: posterior mass on the edges of the range; MCMC: the share of draws in the outer
    /// 1% of the range at either end (large: widen the range).
    pub edge_mass: f64,
    /// MCMC: independent chains.
    #[serde(default)]
    pub chains: Option<usize>,
    /// MCMC: warm-up iterations per chain (discarded).
    #[serde(default)]
    pub warmup_per_chain: Option<usize>,
    /// MCMC: kept draws per chain.
    #[serde(default)]
    pub draws_per_chain: Option<usize>,
    /// MCMC: the share of proposals accepted after warm-up (mean over chains).
    #[serde(default)]
    pub acceptance: Option<f64>,
    /// MCMC: the largest split R-hat over the parameters.
    #[serde(default)]
    pub max_rhat: Option<f64>,
    /// MCMC: the smallest effective sample size over the parameters.
    #[serde(default)]
    pub min_ess: Option<f64>,
}

/// One outcome's probability under the posterior and under the scenario as written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PredictiveOutcome {
    /// The outcome.
    pub outcome: String,
    /// Posterior mean of its probability.
    pub p: f64,
    /// Central 95% interval of its probability over the posterior.
    pub ci95: [f64; 2],
    /// Its probability under the scenario's own values (same runs and seed).
    pub scenario_p: f64,
}

/// One grid point.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FitPoint {
    /// The parameter values, in the order of `params`.
    pub values: Vec<f64>,
    /// The records' total log-likelihood there (null when a record is impossible).
    pub log_likelihood: Option<f64>,
    /// Posterior probability of the point.
    pub posterior: f64,
}

/// One MCMC draw.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FitDraw {
    /// The chain (from 0).
    pub chain: usize,
    /// The parameter values, in the order of `params`.
    pub values: Vec<f64>,
    /// ln (likelihood × prior) there, up to a constant.
    pub log_posterior: f64,
}
