//! Brinkmanship as a war of attrition in risk, complete information (Powell 1987, 1990: a
//! state's resolve is its critical risk θ = (W − Q)/(W − Z); research note §1.3, derived there
//! and re-derived in docs/VALIDATION.md).
//!
//! In the mixed equilibrium each state i quits at the constant hazard that makes its opponent
//! j indifferent between quitting and going on: h_i·(W_j − Q_j) = λ·(Q_j − Z_j), i.e.
//! h_i = λ(1 − θ_j)/θ_j.
//!
//! Reduction: two actors holding rung 1 of a three-rung ladder, deciding simultaneously; rung 1
//! carries the chance hazard d = 1 − e^(−λ) per turn; each actor follows the `threshold` rule
//! (target 1) with `concede_prob` q_i = 1 − e^(−h_i). If both concede in the same turn, side 1
//! (first in the turn order) is recorded as conceding.

use brink_engine::{Outcome, PolicyKind};

use super::{Model, duel, in_open_unit, ladder, simulate};
use crate::ValidateError;
use crate::check::{Check, Interval, RunOptions};
use crate::params::{ParamSpec, Params};

/// The model's parameters.
pub const PARAMS: &[ParamSpec] = &[
    ParamSpec {
        name: "lambda",
        default: "0.01",
        expected: "a number in [0.001, 2]",
        help: "hazard of disaster per turn while both hold",
    },
    ParamSpec {
        name: "theta1",
        default: "0.2",
        expected: "a number in [0.01, 0.99]",
        help: "side 1's resolve (critical risk)",
    },
    ParamSpec {
        name: "theta2",
        default: "0.1",
        expected: "a number in [0.01, 0.99]",
        help: "side 2's resolve (critical risk)",
    },
];

/// `risk-attrition` in the registry.
pub const MODEL: Model = Model {
    name: "risk-attrition",
    summary: "Powell's brinkmanship as a war of attrition in risk: exact discrete P(disaster), P(1 prevails), and the continuous limit",
    source: "Powell 1987, 1990; research note §1.3",
    params: PARAMS,
    run,
};

/// Per-turn hazard at most this in the run that estimates the continuous limit.
pub const LIMIT_STEP_HAZARD: f64 = 1e-4;

/// The complete-information risk war of attrition.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RiskAttrition {
    /// λ, hazard of disaster per turn.
    pub lambda: f64,
    /// θ₁, θ₂.
    pub theta: [f64; 2],
}

/// Outcome probabilities of the discrete game.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RiskOutcomes {
    /// P(disaster).
    pub disaster: f64,
    /// P(side 1 prevails) (side 2 concedes).
    pub side1_prevails: f64,
    /// P(side 2 prevails) (side 1 concedes).
    pub side2_prevails: f64,
}

impl RiskAttrition {
    /// Reads and checks the parameters.
    pub fn from_params(params: &Params) -> Result<Self, ValidateError> {
        let lambda = params.number("lambda", PARAMS[0].expected, |x| (0.001..=2.0).contains(&x))?;
        let theta1 = params.number("theta1", PARAMS[1].expected, |x| (0.01..=0.99).contains(&x))?;
        let theta2 = params.number("theta2", PARAMS[2].expected, |x| (0.01..=0.99).contains(&x) && in_open_unit(x))?;
        Ok(Self { lambda, theta: [theta1, theta2] })
    }

    /// Equilibrium quit hazards per unit of risk exposure: h_i = λ(1 − θ_j)/θ_j.
    pub fn quit_hazards(&self) -> [f64; 2] {
        let [t1, t2] = self.theta;
        [self.lambda * (1.0 - t2) / t2, self.lambda * (1.0 - t1) / t1]
    }

    /// The exact outcome of the discrete game with turns cut into `substeps` equal sub-turns
    /// (per sub-turn hazard λ/m, quit probabilities q_i = 1 − e^(−h_i/m)). With
    /// s = (1 − q₁)(1 − q₂) and d = 1 − e^(−λ/m), a sub-turn ends in side 1 conceding with
    /// probability q₁, side 2 conceding (1 − q₁)q₂, disaster s·d; so (geometric sum)
    /// P(disaster) = s·d/(1 − s(1 − d)), P(1 prevails) = (1 − q₁)q₂/(1 − s(1 − d)).
    pub fn discrete(&self, substeps: u32) -> RiskOutcomes {
        let m = f64::from(substeps);
        let [h1, h2] = self.quit_hazards();
        let (q1, q2) = (-(-h1 / m).exp_m1(), -(-h2 / m).exp_m1());
        let d = -(-self.lambda / m).exp_m1();
        let s = (1.0 - q1) * (1.0 - q2);
        let end = 1.0 - s * (1.0 - d);
        RiskOutcomes { disaster: s * d / end, side1_prevails: (1.0 - q1) * q2 / end, side2_prevails: q1 / end }
    }

    /// The continuous limit (Δ → 0): P(disaster) = λ/(h₁ + h₂ + λ) = 1/(1/θ₁ + 1/θ₂ − 1),
    /// independent of λ; P(i prevails) = h_j/(h₁ + h₂ + λ).
    pub fn continuous(&self) -> RiskOutcomes {
        let [t1, t2] = self.theta;
        let total = 1.0 / t1 + 1.0 / t2 - 1.0;
        RiskOutcomes {
            disaster: 1.0 / total,
            side1_prevails: (1.0 - t1) / t1 / total,
            side2_prevails: (1.0 - t2) / t2 / total,
        }
    }

    /// Sub-turns per turn for the limit run: per-sub-turn hazard ≤ [`LIMIT_STEP_HAZARD`].
    pub fn limit_substeps(&self) -> u32 {
        (self.lambda / LIMIT_STEP_HAZARD).ceil().max(1.0) as u32
    }

    /// The engine scenario with each turn cut into `substeps` sub-turns.
    pub fn scenario(&self, substeps: u32) -> brink_engine::Scenario {
        let m = f64::from(substeps);
        let [h1, h2] = self.quit_hazards();
        let d = -(-self.lambda / m).exp_m1();
        let ladder = ladder(3, 2, |rungs| rungs[1].chance_hazard = d);
        let policy = |h: f64| PolicyKind::Threshold { target: 1, concede_at: None, concede_prob: -(-h / m).exp_m1() };
        // Survival per sub-turn is e^(−(h₁ + h₂ + λ)/m); stop where it is below e^(−30).
        let max_turns = (30.0 * m / (h1 + h2 + self.lambda)).ceil().max(10.0) as u32;
        duel(ladder, 1, [policy(h1), policy(h2)], max_turns)
    }
}

fn outcome_checks(
    quantity_suffix: &str,
    params: &[(String, String)],
    exact: RiskOutcomes,
    summary: &brink_engine::Summary,
) -> Vec<Check> {
    let n = summary.runs;
    let side2_conceded = summary.concessions_by_actor[1];
    let side1_conceded = summary.concessions_by_actor[0];
    vec![
        Check::monte_carlo(
            MODEL.name,
            &format!("p_disaster{quantity_suffix}"),
            params,
            exact.disaster,
            Interval::proportion(summary.outcome(Outcome::NuclearUse).count, n),
        ),
        Check::monte_carlo(
            MODEL.name,
            &format!("p_side1_prevails{quantity_suffix}"),
            params,
            exact.side1_prevails,
            Interval::proportion(side2_conceded, n),
        ),
        Check::monte_carlo(
            MODEL.name,
            &format!("p_side2_prevails{quantity_suffix}"),
            params,
            exact.side2_prevails,
            Interval::proportion(side1_conceded, n),
        ),
    ]
}

fn run(params: &Params, options: &RunOptions) -> Result<Vec<Check>, ValidateError> {
    let model = RiskAttrition::from_params(params)?;
    let pairs = params.pairs();
    let mut checks = outcome_checks("", &pairs, model.discrete(1), &simulate(&model.scenario(1), options));
    let m = model.limit_substeps();
    checks.extend(outcome_checks("_limit", &pairs, model.continuous(), &simulate(&model.scenario(m), options)));
    Ok(checks)
}
