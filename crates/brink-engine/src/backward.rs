//! Backward induction over the ladder: subgame-perfect play of an alternating all-pay
//! escalation between two actors (docs/MODEL.md §9). O'Neill's (1986) dollar auction is the
//! special case in which rungs are bids.
//!
//! The game: both actors start on rung 0. The actors move alternately, the `first` one first.
//! The mover either escalates to any rung strictly above the adversary's (within its own
//! `max_rung`, its budget) or concedes. Holding rung r has cost k(r) = v(r) − v(0), sunk
//! whether one wins or not. A concession ends the game: the conceder gets Q − k(own rung), the
//! other W − k(own rung) (its `concede_value` Q and `stake` W). If the first mover concedes at
//! the opening, before any escalation, nobody prevails and both get 0 (the status quo).
//! Hazards, accidents, nuclear flags and red lines play no part: this is the deterministic
//! game of perfect information that the ladder defines.

use crate::model::{ActorId, RungId, Scenario};

/// Per mover, adversary's rung and own rung: (mover's payoff, other's payoff, chosen rung).
type Table = Vec<Vec<Vec<(f64, f64, Option<RungId>)>>>;

/// What an indifferent mover does (O'Neill 1986 assumes "indifferent ⇒ pass").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TieRule {
    /// Concede when conceding is as good as the best escalation.
    Concede,
    /// Escalate when the best escalation is as good as conceding.
    Escalate,
}

/// The subgame-perfect outcome.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EscalationSolution {
    /// The first mover's opening rung (`None`: it concedes at once).
    pub opening: Option<RungId>,
    /// The second mover's answer to the opening (`None`: it concedes).
    pub reply: Option<RungId>,
    /// Payoffs of (first, second) on the equilibrium path.
    pub payoffs: [f64; 2],
}

/// Solves the alternating escalation on `scenario`'s ladder between actors `first` and
/// `second` by backward induction over the states (adversary's rung h, own rung l < h, mover),
/// from the top of the ladder down. Among equally good escalations the lowest rung is chosen.
/// Cost: O(R³) for R rungs.
pub fn solve_alternating_escalation(
    scenario: &Scenario,
    first: ActorId,
    second: ActorId,
    ties: TieRule,
) -> EscalationSolution {
    let ladder = &scenario.ladder;
    let rungs = ladder.len();
    let cost = |r: RungId| ladder.rung(r).value - ladder.rung(0).value;
    let actors = [first, second];
    let params = actors.map(|a| scenario.actors[a].params);
    // value[mover][h][l] = (mover's payoff, other's payoff, choice) with the mover holding l
    // and its adversary holding h > l.
    let mut value: Table = vec![vec![vec![(0.0, 0.0, None); rungs]; rungs]; 2];
    // Against conceding the tie rule decides; against another escalation only a strictly
    // better payoff displaces the lower rung.
    let improves = |candidate: f64, incumbent: f64, incumbent_concedes: bool| {
        candidate > incumbent || (incumbent_concedes && ties == TieRule::Escalate && candidate == incumbent)
    };
    let best = |value: &Table, mover: usize, h: RungId, concede: (f64, f64)| {
        let other = 1 - mover;
        let mut choice = (concede.0, concede.1, None);
        let highest = params[mover].max_rung.min(rungs - 1);
        for (x, states) in value[other].iter().enumerate().take(highest + 1).skip(h + 1) {
            // After escalating to x, the other moves holding h against x.
            let (other_payoff, mover_payoff, _) = states[h];
            if improves(mover_payoff, choice.0, choice.2.is_none()) {
                choice = (mover_payoff, other_payoff, Some(x));
            }
        }
        choice
    };
    for h in (1..rungs).rev() {
        for l in (0..h).rev() {
            for mover in 0..2 {
                let other = 1 - mover;
                let concede = (params[mover].concede_value - cost(l), params[other].stake - cost(h));
                value[mover][h][l] = best(&value, mover, h, concede);
            }
        }
    }
    let (first_payoff, second_payoff, opening) = best(&value, 0, 0, (0.0, 0.0));
    let reply = opening.and_then(|x| value[1][x][0].2);
    EscalationSolution { opening, reply, payoffs: [first_payoff, second_payoff] }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Ladder, PolicyKind};
    use crate::testing::{actor, params, plain_rungs, rules};

    /// A dollar auction: rungs 0..=budget are bids of value = index, prize `stakes`.
    fn auction(stakes: f64, budget: usize) -> Scenario {
        let n = budget + 1;
        let mut rungs = plain_rungs(n, 2);
        rungs.iter_mut().for_each(|r| r.nuclear = false);
        let ladder = Ladder::new(rungs, 2).unwrap();
        let mut p = params(n - 1);
        p.stake = stakes;
        p.concede_value = 0.0;
        let actors = vec![actor("a", 0, 0, p, PolicyKind::Hold, n), actor("b", 1, 0, p, PolicyKind::Hold, n)];
        Scenario::new("auction".into(), ladder, vec!["x".into(), "y".into()], actors, vec![], rules(2, 1, n - 1))
            .unwrap()
    }

    /// Hand-checkable cases: with a budget of 1 the opener bids 1 and wins s − 1; with stakes 2
    /// and budget 2 (O'Neill: ((2 − 1) mod 1) + 1 = 1) the opener bids 1 and the reply passes.
    #[test]
    fn small_auctions_by_hand() {
        let one = solve_alternating_escalation(&auction(3.0, 1), 0, 1, TieRule::Concede);
        assert_eq!((one.opening, one.reply, one.payoffs), (Some(1), None, [2.0, 0.0]));
        let two = solve_alternating_escalation(&auction(2.0, 2), 0, 1, TieRule::Concede);
        assert_eq!((two.opening, two.reply, two.payoffs), (Some(1), None, [1.0, 0.0]));
    }

    /// The tie rule matters (research note §1.6): s = 20, b = 50 opens at 12 when indifferent
    /// movers pass, at 10 when they escalate.
    #[test]
    fn the_tie_rule_changes_the_answer() {
        let scenario = auction(20.0, 50);
        assert_eq!(solve_alternating_escalation(&scenario, 0, 1, TieRule::Concede).opening, Some(12));
        assert_eq!(solve_alternating_escalation(&scenario, 0, 1, TieRule::Escalate).opening, Some(10));
    }
}
