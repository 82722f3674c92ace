//! The risk war of attrition with private resolve, in the spirit of Powell's two-sided
//! incomplete-information brinkmanship (APSR 1988). The formula is not Powell's: it is derived
//! in research note §1.3 and re-derived here (the indifference condition below).
//!
//! Resolves θ_i iid U[0, Θ], Θ < 1; disaster arrives at hazard λ per unit of the risk level x.
//! In the symmetric equilibrium type θ quits at level x(θ) with
//! x′(θ) = f(θ)/(1 − F(θ)) · θ/((1 − θ)λ) (the opponent's quit hazard times W − Q equals
//! λ(Q − Z) at the margin), which for the uniform prior integrates to
//!
//!   x(θ) = [ln(1 − θ) − Θ·ln(1 − θ/Θ)] / ((1 − Θ)λ),
//!
//! and P(disaster) = E[1 − e^(−λ·x(min(θ₁, θ₂)))], independent of λ, evaluated here by
//! Simpson's rule over the density 2(Θ − m)/Θ² of the minimum.
//!
//! Reduction: the risk level rises by Δ per turn on rung 1, whose chance hazard is
//! 1 − e^(−λΔ); two `private-quit` actors quit at turn ≈ x(θ)/Δ with θ drawn privately.

use brink_engine::{Outcome, TurnOrder};

use super::quit_times::{invert, quit_duel, quit_turns, simpson};
use super::{Model, ladder, simulate};
use crate::ValidateError;
use crate::check::{Check, Interval, RunOptions};
use crate::params::{ParamSpec, Params};

/// The model's parameters.
pub const PARAMS: &[ParamSpec] = &[
    ParamSpec {
        name: "Theta",
        default: "0.5",
        expected: "a number in [0.05, 0.95]",
        help: "resolves θ are iid U[0, Theta]",
    },
    ParamSpec {
        name: "lambda",
        default: "1",
        expected: "a number in [0.01, 100]",
        help: "hazard of disaster per unit of risk level",
    },
];

/// `risk-attrition-bayes` in the registry.
pub const MODEL: Model = Model {
    name: "risk-attrition-bayes",
    summary: "risk war of attrition with private θ ~ U[0, Theta]: P(disaster), independent of lambda",
    source: "research note §1.3 (derived; after Powell 1988)",
    params: PARAMS,
    run,
};

/// Per-turn hazard λΔ of the engine run.
pub const STEP_HAZARD: f64 = 1e-3;

/// The Bayesian risk war of attrition.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RiskAttritionBayes {
    /// Θ.
    pub theta_max: f64,
    /// λ.
    pub lambda: f64,
}

impl RiskAttritionBayes {
    /// Reads and checks the parameters.
    pub fn from_params(params: &Params) -> Result<Self, ValidateError> {
        let theta_max = params.number("Theta", PARAMS[0].expected, |x| (0.05..=0.95).contains(&x))?;
        let lambda = params.number("lambda", PARAMS[1].expected, |x| (0.01..=100.0).contains(&x))?;
        Ok(Self { theta_max, lambda })
    }

    /// λ·x(θ) = [ln(1 − θ) − Θ·ln(1 − θ/Θ)]/(1 − Θ).
    pub fn scaled_quit_level(&self, theta: f64) -> f64 {
        let big = self.theta_max;
        ((-theta).ln_1p() - big * (-theta / big).ln_1p()) / (1.0 - big)
    }

    /// P(disaster) = ∫₀^Θ (1 − e^(−λx(m)))·2(Θ − m)/Θ² dm (Simpson, 200,000 intervals).
    pub fn p_disaster(&self) -> f64 {
        let big = self.theta_max;
        simpson(
            |m| if m >= big { 0.0 } else { -(-self.scaled_quit_level(m)).exp_m1() * 2.0 * (big - m) / (big * big) },
            0.0,
            big,
            200_000,
        )
    }

    /// The engine scenario: turn length Δ = [`STEP_HAZARD`]/λ, turn limit at λx = 30.
    pub fn scenario(&self) -> brink_engine::Scenario {
        let dt = STEP_HAZARD / self.lambda;
        let turns = (30.0 / STEP_HAZARD) as u32;
        let big = self.theta_max;
        // P(x(θ) ≤ t) = x⁻¹(t)/Θ.
        let cdf = |t: f64| invert(|theta| self.scaled_quit_level(theta), self.lambda * t, big) / big;
        let table = || quit_turns(cdf, dt, 0.0, turns);
        let hazard = -(-STEP_HAZARD).exp_m1();
        quit_duel(ladder(3, 2, |r| r[1].chance_hazard = hazard), [table(), table()], turns, TurnOrder::Simultaneous)
    }
}

fn run(params: &Params, options: &RunOptions) -> Result<Vec<Check>, ValidateError> {
    let model = RiskAttritionBayes::from_params(params)?;
    let summary = simulate(&model.scenario(), options);
    Ok(vec![Check::monte_carlo(
        MODEL.name,
        "p_disaster",
        &params.pairs(),
        model.p_disaster(),
        Interval::proportion(summary.outcome(Outcome::NuclearUse).count, summary.runs),
    )])
}
