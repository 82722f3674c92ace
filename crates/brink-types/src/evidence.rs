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
    /// What the figure is.
    pub note: String,
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
    /// Turn replays (branches) the exact sum visited.
    pub branches: u64,
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
