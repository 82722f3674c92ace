//! Schelling's "threat that leaves something to chance" as compounded per-step risk
//! (Schelling 1960, *The Strategy of Conflict*, ch. 8; 1966, *Arms and Influence*, ch. 3).
//!
//! Reduction: one `hawk` climbing a ladder once, one rung per turn; rung k of the path carries
//! the chance hazard p_k (docs/MODEL.md §2, step 5); no choices, no accidents.

use brink_engine::{Outcome, PolicyKind};

use super::{Model, ladder, one_actor, simulate};
use crate::ValidateError;
use crate::check::{Check, Interval, RunOptions};
use crate::params::{ParamSpec, Params};

/// The model's parameters.
pub const PARAMS: &[ParamSpec] = &[ParamSpec {
    name: "p",
    default: "0,0,0.01,0.02,0.05,0.10",
    expected: "a comma list of 1 to 100 probabilities in [0, 1]",
    help: "chance hazard p_k per rung of the path, in climbing order",
}];

/// `compound-risk` in the registry.
pub const MODEL: Model = Model {
    name: "compound-risk",
    summary: "fixed path through rungs with hazards: P(disaster) = 1 − Π(1 − p_k)",
    source: "Schelling 1960 ch. 8; 1966 ch. 3",
    params: PARAMS,
    run,
};

/// A fixed path through rungs with independent per-rung hazards.
#[derive(Debug, Clone, PartialEq)]
pub struct CompoundRisk {
    /// p_k, the hazard of each rung on the path.
    pub hazards: Vec<f64>,
}

impl CompoundRisk {
    /// Reads and checks the parameters.
    pub fn from_params(params: &Params) -> Result<Self, ValidateError> {
        let hazards = params.list("p", PARAMS[0].expected, 100, |x| (0.0..=1.0).contains(&x))?;
        Ok(Self { hazards })
    }

    /// P(disaster) = 1 − Π_k (1 − p_k): independent chances of losing control, one per rung.
    pub fn p_disaster(&self) -> f64 {
        1.0 - self.hazards.iter().map(|p| 1.0 - p).product::<f64>()
    }

    /// The engine scenario: rungs 1..=K carry p_1..p_K, the actor climbs one rung per turn
    /// for K turns (the chance draw comes after each move), rung K + 1 is the nuclear top and
    /// never reached by choice.
    pub fn scenario(&self) -> brink_engine::Scenario {
        let k = self.hazards.len();
        let ladder = ladder(k + 2, 1, |rungs| {
            for (index, &p) in self.hazards.iter().enumerate() {
                rungs[index + 1].chance_hazard = p;
            }
        });
        one_actor(ladder, PolicyKind::Hawk, 0, k as u32)
    }
}

fn run(params: &Params, options: &RunOptions) -> Result<Vec<Check>, ValidateError> {
    let model = CompoundRisk::from_params(params)?;
    let summary = simulate(&model.scenario(), options);
    let nuclear = summary.outcome(Outcome::NuclearUse).count;
    Ok(vec![Check::monte_carlo(
        MODEL.name,
        "p_disaster",
        &params.pairs(),
        model.p_disaster(),
        Interval::proportion(nuclear, summary.runs),
    )])
}
