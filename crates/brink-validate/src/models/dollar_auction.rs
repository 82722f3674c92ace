//! The dollar auction (Shubik 1971, JCR 15:109–111; O'Neill 1986, "International Escalation
//! and the Dollar Auction", JCR 30(1):33–50; existence of the solution also in Taylor,
//! *Mathematics and Politics*, 2nd ed. 2008, ch. 12).
//!
//! Stakes s and equal budgets b in bid units; the highest bidder wins the stakes and both the
//! highest and second-highest bidders pay their bids; a player who is indifferent passes.
//! O'Neill's theorem: the rational opening bid is ((b − 1) mod (s − 1)) + 1, the second player
//! then passes, and the payoffs are s − opening and 0.
//!
//! Reduction: a ladder whose rungs 0..=b are bids (rung value = bid), two actors with
//! `stake` s, `concede_value` 0 and `max_rung` b; the engine's backward induction
//! ([`brink_engine::backward`]) with the tie rule "indifferent ⇒ concede".

use brink_engine::backward::{TieRule, solve_alternating_escalation};
use brink_engine::testing::{actor, params, rules};
use brink_engine::{PolicyKind, Scenario};

use super::{Model, ladder};
use crate::ValidateError;
use crate::check::{Check, RunOptions};
use crate::params::{ParamSpec, Params};

/// The model's parameters.
pub const PARAMS: &[ParamSpec] = &[
    ParamSpec { name: "s", default: "20", expected: "an integer in [2, 1000]", help: "the stakes, in bid units" },
    ParamSpec {
        name: "b",
        default: "50",
        expected: "an integer in [1, 118]",
        help: "each player's budget, in bid units (the ladder holds at most 120 rungs)",
    },
];

/// `dollar-auction` in the registry.
pub const MODEL: Model = Model {
    name: "dollar-auction",
    summary: "dollar auction by backward induction over the ladder: opening bid ((b − 1) mod (s − 1)) + 1",
    source: "Shubik 1971; O'Neill 1986",
    params: PARAMS,
    run,
};

/// The dollar auction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DollarAuction {
    /// s.
    pub stakes: u64,
    /// b.
    pub budget: u64,
}

impl DollarAuction {
    /// Reads and checks the parameters.
    pub fn from_params(params: &Params) -> Result<Self, ValidateError> {
        Ok(Self { stakes: params.integer("s", 2, 1000)?, budget: params.integer("b", 1, 118)? })
    }

    /// O'Neill's opening bid ((b − 1) mod (s − 1)) + 1.
    pub fn opening_bid(&self) -> u64 {
        (self.budget - 1) % (self.stakes - 1) + 1
    }

    /// The engine scenario: rungs 0..=b, value = bid, no nuclear rung.
    pub fn scenario(&self) -> Scenario {
        let n = self.budget as usize + 1;
        let ladder = ladder(n, 2, |rungs| rungs.iter_mut().for_each(|r| r.nuclear = false));
        let mut p = params(n - 1);
        p.stake = self.stakes as f64;
        p.concede_value = 0.0;
        let actors = vec![actor("first", 0, 0, p, PolicyKind::Hold, n), actor("second", 1, 0, p, PolicyKind::Hold, n)];
        Scenario::new("validate".into(), ladder, vec!["a".into(), "b".into()], actors, Vec::new(), rules(2, 1, n - 1))
            .expect("validated parameters give a valid scenario")
    }
}

fn run(params: &Params, _options: &RunOptions) -> Result<Vec<Check>, ValidateError> {
    let model = DollarAuction::from_params(params)?;
    let solution = solve_alternating_escalation(&model.scenario(), 0, 1, TieRule::Concede);
    let pairs = params.pairs();
    let opening = model.opening_bid() as f64;
    let as_number = |r: Option<usize>| r.map_or(0.0, |r| r as f64);
    Ok(vec![
        Check::deterministic(MODEL.name, "opening_bid", &pairs, opening, as_number(solution.opening)),
        // 0 = the second player passes.
        Check::deterministic(MODEL.name, "reply_bid", &pairs, 0.0, as_number(solution.reply)),
        Check::deterministic(MODEL.name, "payoff_first", &pairs, model.stakes as f64 - opening, solution.payoffs[0]),
        Check::deterministic(MODEL.name, "payoff_second", &pairs, 0.0, solution.payoffs[1]),
    ])
}
