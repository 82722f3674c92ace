//! The war of attrition with complete information (Maynard Smith 1974; Bishop & Cannings
//! 1978; asymmetric values as in Hendricks, Weiss & Wilson 1988).
//!
//! Prize V_i to the side that stays, flow cost c to both while both stay. In the mixed
//! equilibrium side i quits at the constant hazard that makes side j indifferent:
//! h_i·V_j = c, i.e. h_i = c/V_j. Hence the first quit comes at rate h₁ + h₂:
//! E[duration] = 1/(c/V₂ + c/V₁) (= V/(2c) when V₁ = V₂ = V), and
//! P(side 1 quits first) = h₁/(h₁ + h₂) = V₁/(V₁ + V₂): the side that values the prize more
//! quits first (each side's hazard is set by the *other's* value).
//!
//! Reduction: two `threshold` actors holding rung 1 of a three-rung ladder (no hazard),
//! deciding simultaneously, with `concede_prob` q_i = 1 − e^(−h_i·Δ) per turn of length Δ.
//! The duration of a run that ends at the decision of turn K is (K − 1)Δ turns held; the
//! midpoint (K − ½)Δ estimates the continuous duration with bias Δ·a/12 at most, where
//! a = (h₁ + h₂)Δ. If both concede in the same turn side 1 is recorded as conceding, so the
//! exact discrete P(side 1 quits first) is q₁/(1 − (1 − q₁)(1 − q₂)); its continuous limit
//! differs by O(a).

use brink_engine::PolicyKind;

use super::{Model, duel, ladder, simulate};
use crate::ValidateError;
use crate::check::{Check, Interval, RunOptions};
use crate::params::{ParamSpec, Params};

/// The model's parameters.
pub const PARAMS: &[ParamSpec] = &[
    ParamSpec {
        name: "V",
        default: "1",
        expected: "a number in [0.01, 100]",
        help: "side 1's value of the prize (and side 2's unless V2 is set)",
    },
    ParamSpec {
        name: "c",
        default: "0.5",
        expected: "a number in [0.01, 100]",
        help: "flow cost per unit time to each side while both stay",
    },
    ParamSpec {
        name: "V2",
        default: "V",
        expected: "`V` or a number in [0.01, 100]",
        help: "side 2's value of the prize",
    },
];

/// `attrition` in the registry.
pub const MODEL: Model = Model {
    name: "attrition",
    summary: "war of attrition, prize V, flow cost c: E[duration] = V/(2c); P(1 quits first) = V1/(V1+V2)",
    source: "Maynard Smith 1974; Bishop & Cannings 1978; Hendricks, Weiss & Wilson 1988",
    params: PARAMS,
    run,
};

/// Expected first-quit events per turn: a = (h₁ + h₂)Δ.
pub const RATE_PER_TURN: f64 = 0.002;

/// The complete-information war of attrition.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Attrition {
    /// V₁, V₂.
    pub values: [f64; 2],
    /// c.
    pub cost: f64,
}

impl Attrition {
    /// Reads and checks the parameters.
    pub fn from_params(params: &Params) -> Result<Self, ValidateError> {
        let ok = |x: f64| (0.01..=100.0).contains(&x);
        let v1 = params.number("V", PARAMS[0].expected, ok)?;
        let cost = params.number("c", PARAMS[1].expected, ok)?;
        let v2 = if params.pairs().iter().any(|(n, v)| n == "V2" && v == "V") {
            v1
        } else {
            params.number("V2", PARAMS[2].expected, ok)?
        };
        Ok(Self { values: [v1, v2], cost })
    }

    /// Equilibrium quit hazards h_i = c/V_j.
    pub fn quit_hazards(&self) -> [f64; 2] {
        [self.cost / self.values[1], self.cost / self.values[0]]
    }

    /// E[duration] = 1/(h₁ + h₂).
    pub fn expected_duration(&self) -> f64 {
        let [h1, h2] = self.quit_hazards();
        1.0 / (h1 + h2)
    }

    /// P(side 1 quits first) = V₁/(V₁ + V₂).
    pub fn p_side1_quits_first(&self) -> f64 {
        self.values[0] / (self.values[0] + self.values[1])
    }

    /// Turn length Δ with (h₁ + h₂)Δ = [`RATE_PER_TURN`].
    pub fn turn_length(&self) -> f64 {
        let [h1, h2] = self.quit_hazards();
        RATE_PER_TURN / (h1 + h2)
    }

    /// Per-turn quit probabilities q_i = 1 − e^(−h_i·Δ).
    pub fn quit_probs(&self) -> [f64; 2] {
        let dt = self.turn_length();
        self.quit_hazards().map(|h| -(-h * dt).exp_m1())
    }

    /// Exact discrete P(side 1 is recorded as quitting first) = q₁/(1 − (1 − q₁)(1 − q₂)).
    pub fn p_side1_quits_first_discrete(&self) -> f64 {
        let [q1, q2] = self.quit_probs();
        q1 / (1.0 - (1.0 - q1) * (1.0 - q2))
    }

    /// The engine scenario.
    pub fn scenario(&self) -> brink_engine::Scenario {
        let ladder = ladder(3, 2, |_| {});
        let policy = |q: f64| PolicyKind::Threshold { target: 1, concede_at: None, concede_prob: q };
        let [q1, q2] = self.quit_probs();
        let max_turns = (30.0 / RATE_PER_TURN) as u32;
        duel(ladder, 1, [policy(q1), policy(q2)], max_turns)
    }
}

fn run(params: &Params, options: &RunOptions) -> Result<Vec<Check>, ValidateError> {
    let model = Attrition::from_params(params)?;
    let summary = simulate(&model.scenario(), options);
    let pairs = params.pairs();
    let side1 = Interval::proportion(summary.concessions_by_actor[0], summary.runs);
    Ok(vec![
        Check::monte_carlo(
            MODEL.name,
            "expected_duration",
            &pairs,
            model.expected_duration(),
            Interval::mean_turns(&summary, 0.5, model.turn_length()),
        ),
        Check::monte_carlo(MODEL.name, "p_side1_quits_first", &pairs, model.p_side1_quits_first_discrete(), side1),
        Check::monte_carlo(MODEL.name, "p_side1_quits_first_limit", &pairs, model.p_side1_quits_first(), side1),
    ])
}
