//! The war of attrition with private values (the Bayesian war of attrition as in Fudenberg
//! & Tirole 1991, *Game Theory*, and Krishna & Morgan 1997, per research note §1.4; chapter
//! and article details not re-verified).
//!
//! Values v_i iid with CDF F and density f, flow cost c to each side while both stay. In the
//! symmetric equilibrium type v quits at
//!
//!   b(v) = (1/c) ∫₀^v x f(x)/(1 − F(x)) dx
//!
//! (indifference at the margin: the opponent's quit hazard times the prize x equals c).
//! The crisis lasts until the lower type quits, so E[duration] = E[b(min(v₁, v₂))]:
//! - Uniform[0, 1]: b(v) = (−v − ln(1 − v))/c and E[duration] = 1/(6c);
//! - Exponential with mean 1: b(v) = v²/(2c) and E[duration] = E[min²]/(2c) = 1/(4c)
//!   (min ~ Exponential with mean ½, E[min²] = ½).
//!
//! Reduction: two `private-quit` actors whose quit turn is b(v) on the turn grid, v drawn from
//! the private draw (the table is P(b(V) ≤ t) = F(b⁻¹(t))); duration is measured by the engine.

use brink_engine::TurnOrder;

use super::quit_times::{invert, quit_duel, quit_turns};
use super::{Model, ladder, simulate};
use crate::ValidateError;
use crate::check::{Check, Interval, RunOptions};
use crate::params::{ParamSpec, Params};

/// The model's parameters.
pub const PARAMS: &[ParamSpec] = &[
    ParamSpec {
        name: "dist",
        default: "uniform",
        expected: "one of uniform | exponential",
        help: "distribution of the private values: Uniform[0, 1] or Exponential(mean 1)",
    },
    ParamSpec {
        name: "c",
        default: "1",
        expected: "a number in [0.01, 100]",
        help: "flow cost per unit time to each side while both stay",
    },
];

/// `attrition-bayes` in the registry.
pub const MODEL: Model = Model {
    name: "attrition-bayes",
    summary: "war of attrition with private values: E[duration] = 1/(6c) (uniform), 1/(4c) (exponential)",
    source: "Fudenberg & Tirole 1991; Krishna & Morgan 1997 (research note §1.4)",
    params: PARAMS,
    run,
};

/// The distribution of private values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueDistribution {
    /// Uniform on [0, 1].
    Uniform,
    /// Exponential with mean 1.
    Exponential,
}

/// The Bayesian war of attrition.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AttritionBayes {
    /// The value distribution.
    pub dist: ValueDistribution,
    /// c.
    pub cost: f64,
}

impl AttritionBayes {
    /// Reads and checks the parameters.
    pub fn from_params(params: &Params) -> Result<Self, ValidateError> {
        let dist = match params.choice("dist", &["uniform", "exponential"])? {
            "uniform" => ValueDistribution::Uniform,
            _ => ValueDistribution::Exponential,
        };
        let cost = params.number("c", PARAMS[1].expected, |x| (0.01..=100.0).contains(&x))?;
        Ok(Self { dist, cost })
    }

    /// The equilibrium quit time b(v).
    pub fn quit_time(&self, v: f64) -> f64 {
        match self.dist {
            ValueDistribution::Uniform => (-v - (-v).ln_1p()) / self.cost,
            ValueDistribution::Exponential => v * v / (2.0 * self.cost),
        }
    }

    /// E[duration] = E[b(min(v₁, v₂))]: 1/(6c) or 1/(4c).
    pub fn expected_duration(&self) -> f64 {
        match self.dist {
            ValueDistribution::Uniform => 1.0 / (6.0 * self.cost),
            ValueDistribution::Exponential => 1.0 / (4.0 * self.cost),
        }
    }

    /// P(b(V) ≤ t) = F(b⁻¹(t)).
    pub fn quit_time_cdf(&self, t: f64) -> f64 {
        match self.dist {
            ValueDistribution::Uniform => invert(|v| self.quit_time(v), t, 1.0),
            ValueDistribution::Exponential => -(-(2.0 * self.cost * t).sqrt()).exp_m1(),
        }
    }

    /// Turn length: E[duration]/500.
    pub fn turn_length(&self) -> f64 {
        self.expected_duration() / 500.0
    }

    /// The engine scenario; quit times beyond b(v) with 1 − F(v) = 1e-4 are cut (both sides
    /// beyond it: probability 1e-8).
    pub fn scenario(&self) -> brink_engine::Scenario {
        let dt = self.turn_length();
        let v_max = match self.dist {
            ValueDistribution::Uniform => 1.0 - 1e-4,
            ValueDistribution::Exponential => 1e4f64.ln(),
        };
        let turns = (self.quit_time(v_max) / dt).ceil() as u32;
        let table = || quit_turns(|t| self.quit_time_cdf(t), dt, 0.0, turns);
        quit_duel(ladder(3, 2, |_| {}), [table(), table()], turns, TurnOrder::Simultaneous)
    }
}

fn run(params: &Params, options: &RunOptions) -> Result<Vec<Check>, ValidateError> {
    let model = AttritionBayes::from_params(params)?;
    let summary = simulate(&model.scenario(), options);
    // A run conceded at the decision of turn K lasted (K − 1)Δ.
    Ok(vec![Check::monte_carlo(
        MODEL.name,
        "expected_duration",
        &params.pairs(),
        model.expected_duration(),
        Interval::mean_turns(&summary, 1.0, model.turn_length()),
    )])
}
