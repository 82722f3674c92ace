//! The audience-cost war of attrition (after Fearon 1994, APSR 88(3):577–592; research note
//! §1.5, derived there and re-derived in docs/VALIDATION.md).
//!
//! Only the side that backs down pays its audience cost a_i·t; the winner gets V; the attack
//! option is switched off. By the general rule of Hendricks, Weiss & Wilson (1988), side i
//! backs down at hazard h_i(t) = a_j/(V + a_j t) (making j indifferent), so its quit time has
//! survival S_i(t) = V/(V + a_j t). With r = a₁/a₂,
//!
//!   P(side 1 backs down first) = ∫ f₁ S₂ dt = r·ln r/(r − 1)² − 1/(r − 1)   (½ at r = 1),
//!
//! independent of V and decreasing in r: the side with the higher audience cost is the less
//! likely to back down (Fearon's comparative static).
//!
//! Reduction: two `private-quit` actors with these quit-time distributions on interleaved
//! decision grids (sequential turns; side 2 decides half a turn after side 1).

use brink_engine::{Outcome, TurnOrder};

use super::quit_times::{quit_duel, quit_turns};
use super::{Model, ladder, simulate};
use crate::ValidateError;
use crate::check::{Check, Interval, RunOptions};
use crate::params::{ParamSpec, Params};

/// The model's parameters.
pub const PARAMS: &[ParamSpec] = &[
    ParamSpec {
        name: "a1",
        default: "2",
        expected: "a number in [0.01, 100] with 0.1 ≤ a1/a2 ≤ 10",
        help: "side 1's audience cost per unit time",
    },
    ParamSpec {
        name: "a2",
        default: "1",
        expected: "a number in [0.01, 100] with 0.1 ≤ a1/a2 ≤ 10",
        help: "side 2's audience cost per unit time",
    },
    ParamSpec { name: "V", default: "1", expected: "a number in [0.01, 100]", help: "the prize" },
];

/// `audience-attrition` in the registry.
pub const MODEL: Model = Model {
    name: "audience-attrition",
    summary: "audience-cost war of attrition: P(1 backs down first) = r ln r/(r−1)² − 1/(r−1), r = a1/a2",
    source: "Fearon 1994; Hendricks, Weiss & Wilson 1988; research note §1.5",
    params: PARAMS,
    run,
};

/// The audience-cost war of attrition.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AudienceAttrition {
    /// a₁, a₂.
    pub audience_costs: [f64; 2],
    /// V.
    pub prize: f64,
}

impl AudienceAttrition {
    /// Reads and checks the parameters.
    pub fn from_params(params: &Params) -> Result<Self, ValidateError> {
        let ok = |x: f64| (0.01..=100.0).contains(&x);
        let a1 = params.number("a1", PARAMS[0].expected, ok)?;
        let a2 = params.number("a2", PARAMS[1].expected, |x| ok(x) && (0.1..=10.0).contains(&(a1 / x)))?;
        let prize = params.number("V", PARAMS[2].expected, ok)?;
        Ok(Self { audience_costs: [a1, a2], prize })
    }

    /// P(side 1 backs down first) = r·ln r/(r − 1)² − 1/(r − 1), r = a₁/a₂ (½ at r = 1).
    pub fn p_side1_backs_down_first(&self) -> f64 {
        let r = self.audience_costs[0] / self.audience_costs[1];
        if (r - 1.0).abs() < 1e-9 {
            return 0.5;
        }
        r * r.ln() / (r - 1.0).powi(2) - 1.0 / (r - 1.0)
    }

    /// Turn length: 1/100 of the shortest time scale V/a_i.
    pub fn turn_length(&self) -> f64 {
        let [a1, a2] = self.audience_costs;
        self.prize / (100.0 * a1.max(a2))
    }

    /// The engine scenario; the turn limit leaves P(neither has backed down) ≤ 1e-5.
    pub fn scenario(&self) -> brink_engine::Scenario {
        let [a1, a2] = self.audience_costs;
        let v = self.prize;
        let dt = self.turn_length();
        let horizon = v * 316.3 / (a1 * a2).sqrt();
        let turns = (horizon / dt).ceil() as u32;
        // Side i's quit time: S_i(t) = V/(V + a_j t).
        let side1 = quit_turns(|t| 1.0 - v / (v + a2 * t), dt, 0.0, turns);
        let side2 = quit_turns(|t| 1.0 - v / (v + a1 * t), dt, 0.5, turns);
        quit_duel(ladder(3, 2, |_| {}), [side1, side2], turns, TurnOrder::Sequential)
    }
}

fn run(params: &Params, options: &RunOptions) -> Result<Vec<Check>, ValidateError> {
    let model = AudienceAttrition::from_params(params)?;
    let summary = simulate(&model.scenario(), options);
    debug_assert_eq!(summary.outcome(Outcome::NuclearUse).count, 0);
    Ok(vec![Check::monte_carlo(
        MODEL.name,
        "p_side1_backs_down_first",
        &params.pairs(),
        model.p_side1_backs_down_first(),
        Interval::proportion(summary.concessions_by_actor[0], summary.runs),
    )])
}
