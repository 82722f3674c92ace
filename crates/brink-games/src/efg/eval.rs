//! Expected payoffs and best-response gains of behaviour profiles, in exact and floating
//! point arithmetic, through the sequence form.
//!
//! Against the others' realization plans, player `i`'s payoff is linear in its own plan:
//! `u_i = Σ_σ w_σ x_σ` with `w_σ = Σ_{leaves with own sequence σ} c · u_i · Π_{j≠i} x^j_{σ_j}`.
//! A best response maximises this over plans, which is backward induction over the player's
//! own information sets: `V(σ) = w_σ + Σ_{h: σ_h = σ} max_a V(σ_h a)`, and the best-response
//! payoff is `V(∅)` (von Stengel 1996, §4). The gain `V(∅) − u_i` is player `i`'s regret;
//! their sum over players is NashConv, zero exactly at a Nash equilibrium.

use num_traits::Num;

use super::sequence::{PlayerSequences, SequenceForm};
use super::{Behavior, BehaviorF64, ExtensiveGame};
use crate::{GameError, Rational, to_f64};

/// Payoffs and regrets of a profile, in exact arithmetic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExactEvaluation {
    /// Each player's expected payoff.
    pub payoffs: Vec<Rational>,
    /// Each player's gain from its best response to the others (0 at an equilibrium).
    pub regrets: Vec<Rational>,
}

/// Payoffs and regrets of a profile, in floating point.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    /// Each player's expected payoff.
    pub payoffs: Vec<f64>,
    /// Each player's gain from its best response to the others (0 at an equilibrium).
    pub regrets: Vec<f64>,
}

impl Evaluation {
    /// NashConv: the sum of the players' regrets.
    pub fn nash_conv(&self) -> f64 {
        self.regrets.iter().sum()
    }
}

/// The sequence form with leaf weights `chance · payoff` in a number type `T`.
#[derive(Debug, Clone)]
pub(crate) struct Weighted<T> {
    pub(crate) players: Vec<PlayerSequences>,
    pub(crate) seqs: Vec<Vec<usize>>,
    /// `weights[leaf][player]` = chance probability × payoff.
    pub(crate) weights: Vec<Vec<T>>,
}

impl Weighted<f64> {
    /// The floating-point sequence form straight from the game, without exact arithmetic
    /// (the fast path for CFR+ and large games).
    pub(crate) fn new_f64(game: &ExtensiveGame) -> Result<Self, GameError> {
        let (players, at_node) = super::sequence::own_sequences(game)?;
        let chance = super::sequence::chance_reach(game, 1.0, to_f64, |a, b| a * b);
        let mut seqs = Vec::new();
        let mut weights = Vec::new();
        for (k, payoffs) in game.terminal_payoffs() {
            if chance[k] > 0.0 {
                seqs.push(at_node[k].clone());
                weights.push(payoffs.iter().map(|u| chance[k] * to_f64(u)).collect());
            }
        }
        Ok(Weighted { players, seqs, weights })
    }
}

impl<T: Num + Clone + PartialOrd> Weighted<T> {
    pub(crate) fn new(sf: &SequenceForm, conv: impl Fn(&Rational) -> T) -> Self {
        Weighted {
            players: sf.players.clone(),
            seqs: sf.leaves.iter().map(|l| l.seqs.clone()).collect(),
            weights: sf.leaves.iter().map(|l| l.payoffs.iter().map(|u| conv(&(&l.chance * u))).collect()).collect(),
        }
    }

    fn plan(&self, player: usize, behavior: &[Vec<T>]) -> Vec<T> {
        let ps = &self.players[player];
        let mut plan = vec![T::one(); ps.count];
        let mut stack = vec![0usize];
        while let Some(s) = stack.pop() {
            for &h in &ps.children[s] {
                for (a, p) in behavior[h].iter().enumerate() {
                    let q = ps.seq(h, a);
                    plan[q] = plan[s].clone() * p.clone();
                    stack.push(q);
                }
            }
        }
        plan
    }

    /// Payoffs and regrets of `behavior`.
    pub(crate) fn evaluate(&self, behavior: &[Vec<Vec<T>>]) -> (Vec<T>, Vec<T>) {
        let n = self.players.len();
        let plans: Vec<Vec<T>> = (0..n).map(|i| self.plan(i, &behavior[i])).collect();
        let mut payoffs = Vec::with_capacity(n);
        let mut regrets = Vec::with_capacity(n);
        for i in 0..n {
            let ps = &self.players[i];
            let mut w = vec![T::zero(); ps.count];
            for (seqs, weights) in self.seqs.iter().zip(&self.weights) {
                let mut reach = weights[i].clone();
                if reach.is_zero() {
                    continue;
                }
                for (j, plan) in plans.iter().enumerate() {
                    if j != i {
                        reach = reach * plan[seqs[j]].clone();
                    }
                }
                w[seqs[i]] = w[seqs[i]].clone() + reach;
            }
            let value = w.iter().zip(&plans[i]).fold(T::zero(), |acc, (a, b)| acc + a.clone() * b.clone());
            let best = best_response_value(ps, &w);
            regrets.push(best - value.clone());
            payoffs.push(value);
        }
        (payoffs, regrets)
    }
}

/// `V(∅)` by backward induction over the player's information sets.
pub(crate) fn best_response_value<T: Num + Clone + PartialOrd>(ps: &PlayerSequences, w: &[T]) -> T {
    // Post-order over the sequence tree from ∅.
    let mut order = Vec::with_capacity(ps.count);
    let mut stack = vec![0usize];
    while let Some(s) = stack.pop() {
        order.push(s);
        for &h in &ps.children[s] {
            let k = ps.offset.get(h + 1).copied().unwrap_or(ps.count) - ps.offset[h];
            stack.extend((0..k).map(|a| ps.seq(h, a)));
        }
    }
    let mut value: Vec<T> = w.to_vec();
    for &s in order.iter().rev() {
        let mut total = value[s].clone();
        for &h in &ps.children[s] {
            let k = ps.offset.get(h + 1).copied().unwrap_or(ps.count) - ps.offset[h];
            let mut best: Option<T> = None;
            for a in 0..k {
                let v = value[ps.seq(h, a)].clone();
                if best.as_ref().is_none_or(|b| v > *b) {
                    best = Some(v);
                }
            }
            total = total + best.unwrap_or_else(T::zero);
        }
        value[s] = total;
    }
    value[0].clone()
}

fn check_shape<T>(game: &ExtensiveGame, behavior: &[Vec<Vec<T>>]) -> Result<(), GameError> {
    let ok = behavior.len() == game.num_players()
        && behavior
            .iter()
            .zip(game.infosets())
            .all(|(b, sets)| b.len() == sets.len() && b.iter().zip(sets).all(|(p, h)| p.len() == h.actions.len()));
    if ok { Ok(()) } else { Err(GameError::BadArgument("the profile does not fit the game's information sets".into())) }
}

/// Exact payoffs and regrets of a behaviour profile (perfect recall required).
pub fn evaluate_exact(game: &ExtensiveGame, behavior: &Behavior) -> Result<ExactEvaluation, GameError> {
    check_shape(game, behavior)?;
    let sf = SequenceForm::new(game)?;
    let (payoffs, regrets) = Weighted::new(&sf, Rational::clone).evaluate(behavior);
    Ok(ExactEvaluation { payoffs, regrets })
}

/// Payoffs and regrets of a behaviour profile in floating point (perfect recall required).
pub fn evaluate(game: &ExtensiveGame, behavior: &BehaviorF64) -> Result<Evaluation, GameError> {
    check_shape(game, behavior)?;
    let (payoffs, regrets) = Weighted::new_f64(game)?.evaluate(behavior);
    Ok(Evaluation { payoffs, regrets })
}

/// NashConv of a behaviour profile: the sum over players of what each gains by its best
/// response (perfect recall required). For two-player zero-sum games this is the
/// exploitability reported by CFR.
pub fn nash_conv(game: &ExtensiveGame, behavior: &BehaviorF64) -> Result<f64, GameError> {
    evaluate(game, behavior).map(|e| e.nash_conv())
}

#[cfg(test)]
mod tests {
    use super::*;
    use num_traits::Zero;

    #[test]
    fn matching_pennies_in_extensive_form() {
        // Player 2 moves without seeing player 1's move: matching pennies.
        let text = r#"EFG 2 R "mp" { "1" "2" } ""
p "" 1 1 "" { "H" "T" } 0
p "" 2 1 "" { "h" "t" } 0
t "" 1 "" { 1, -1 }
t "" 2 "" { -1, 1 }
p "" 2 1 "" { "h" "t" } 0
t "" 2
t "" 1
"#;
        let g = super::super::parse(text).unwrap();
        let half = Rational::new(1.into(), 2.into());
        let mixed = vec![vec![vec![half.clone(), half.clone()]], vec![vec![half.clone(), half.clone()]]];
        let e = evaluate_exact(&g, &mixed).unwrap();
        assert!(e.payoffs.iter().all(Zero::is_zero));
        assert!(e.regrets.iter().all(Zero::is_zero));
        let one = Rational::from_integer(1.into());
        let zero = Rational::zero();
        let pure = vec![vec![vec![one.clone(), zero.clone()]], vec![vec![one.clone(), zero.clone()]]];
        let e = evaluate_exact(&g, &pure).unwrap();
        assert_eq!(e.payoffs, vec![one.clone(), -one.clone()]);
        // Player 2 gains 2 by switching to t.
        assert_eq!(e.regrets, vec![zero, Rational::from_integer(2.into())]);
    }
}
