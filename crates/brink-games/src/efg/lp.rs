//! Value and optimal behaviour strategies of a two-player constant-sum extensive game by the
//! sequence-form linear programs (Koller, Megiddo & von Stengel 1994, "Fast algorithms for
//! finding randomized strategies in game trees", STOC; von Stengel 1996, "Efficient
//! computation of behavior strategies", Games Econ. Behav. 14, Theorem 4.4).
//!
//! With `A` player 1's sequence-form payoff matrix and `E x = e`, `F y = f` the plan
//! constraints, player 2's best response to `x` is `min_y (Aᵀx)ᵀy s.t. F y = f, y ≥ 0`,
//! whose dual is `max fᵀq s.t. Fᵀq ≤ Aᵀx`. So player 1's maximin plan solves
//!
//! ```text
//! max_{x, q}  q_∅    s.t.  Fᵀq − Aᵀx ≤ 0,   E x = e,   x ≥ 0,   q free,
//! ```
//!
//! and symmetrically player 2's minimax plan solves
//! `min_{y, p} p_∅ s.t. E ᵀp − A y ≥ 0, F y = f, y ≥ 0, p free`. Both optima are the value.

use num_traits::{One, Zero};

use super::sequence::SequenceForm;
use super::simplex::{Row, maximize};
use super::{Behavior, ExtensiveGame};
use crate::{GameError, Rational};

/// The solution of a constant-sum game.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LpSolution {
    /// The value of the game to player 1.
    pub value: Rational,
    /// Optimal behaviour strategies of both players (an equilibrium).
    pub behavior: Behavior,
}

/// The plan-constraint matrix of one player: row 0 for `∅`, one row per information set.
fn constraints(ps: &super::sequence::PlayerSequences) -> Vec<Vec<Rational>> {
    let mut e = vec![vec![Rational::zero(); ps.count]; ps.parent.len() + 1];
    e[0][0] = Rational::one();
    for h in 0..ps.parent.len() {
        e[h + 1][ps.parent[h]] = -Rational::one();
        let k = ps.offset.get(h + 1).copied().unwrap_or(ps.count) - ps.offset[h];
        for a in 0..k {
            e[h + 1][ps.seq(h, a)] = Rational::one();
        }
    }
    e
}

/// Solves the LP of the player whose plan is `own` (constraints `own_e`) against the
/// opponent's constraints `other_e`; `payoff[own][other]` is what the own player gains.
fn solve_side(
    payoff: &[Vec<Rational>],
    own_e: &[Vec<Rational>],
    other_e: &[Vec<Rational>],
) -> Option<(Vec<Rational>, Rational)> {
    let (n_own, n_other) = (own_e[0].len(), other_e[0].len());
    let k_other = other_e.len();
    let vars = n_own + k_other;
    let mut rows = Vec::new();
    // For each opponent sequence τ: (Fᵀq)_τ − Σ_σ payoff[σ][τ] x_σ ≤ 0.
    for tau in 0..n_other {
        let mut coefficients = vec![Rational::zero(); vars];
        for (sigma, row) in payoff.iter().enumerate() {
            coefficients[sigma] = -row[tau].clone();
        }
        for (r, f) in other_e.iter().enumerate() {
            coefficients[n_own + r] = f[tau].clone();
        }
        rows.push(Row { coefficients, equality: false, rhs: Rational::zero() });
    }
    for (r, e) in own_e.iter().enumerate() {
        let mut coefficients = vec![Rational::zero(); vars];
        coefficients[..n_own].clone_from_slice(e);
        rows.push(Row { coefficients, equality: true, rhs: if r == 0 { Rational::one() } else { Rational::zero() } });
    }
    let mut objective = vec![Rational::zero(); vars];
    objective[n_own] = Rational::one();
    let free: Vec<bool> = (0..vars).map(|v| v >= n_own).collect();
    let (z, value) = maximize(&objective, &rows, &free)?;
    Some((z[..n_own].to_vec(), value))
}

/// Value and optimal behaviour strategies of a two-player constant-sum game of perfect
/// recall (the players' payoffs add up to the same constant at every play), exact.
pub fn lp(game: &ExtensiveGame) -> Result<LpSolution, GameError> {
    if game.num_players() != 2 {
        return Err(GameError::NotTwoPlayer(game.num_players()));
    }
    let sf = SequenceForm::new(game)?;
    let totals: Vec<Rational> = game.terminal_payoffs().into_iter().map(|(_, p)| &p[0] + &p[1]).collect();
    if let Some(first) = totals.first()
        && let Some(k) = totals.iter().position(|t| t != first)
    {
        return Err(GameError::Invalid(format!(
            "the game is not constant-sum: the payoffs at leaf {} add up to {}, at the first leaf to {}",
            k + 1,
            crate::nfg::format_rational(&totals[k]),
            crate::nfg::format_rational(first)
        )));
    }
    let (p1, p2) = (&sf.players[0], &sf.players[1]);
    let size = p1.count + p2.count + p1.parent.len() + p2.parent.len() + 2;
    if size > super::lcp::MAX_LCP_SIZE {
        return Err(GameError::TooLarge(format!(
            "the sequence-form LPs have {size} variables and constraints; the dense exact simplex handles at most {} (try cfr)",
            super::lcp::MAX_LCP_SIZE
        )));
    }
    let mut a = vec![vec![Rational::zero(); p2.count]; p1.count];
    for leaf in &sf.leaves {
        a[leaf.seqs[0]][leaf.seqs[1]] += &leaf.chance * &leaf.payoffs[0];
    }
    let (e, f) = (constraints(p1), constraints(p2));
    let (x, value) =
        solve_side(&a, &e, &f).ok_or_else(|| GameError::Numerical("player 1's LP has no optimum".into()))?;
    // Player 2 maximises −A.
    let neg_t: Vec<Vec<Rational>> = (0..p2.count).map(|t| (0..p1.count).map(|s| -a[s][t].clone()).collect()).collect();
    let (y, _) =
        solve_side(&neg_t, &f, &e).ok_or_else(|| GameError::Numerical("player 2's LP has no optimum".into()))?;
    let actions = |p: usize| game.infosets()[p].iter().map(|h| h.actions.len()).collect::<Vec<_>>();
    let behavior = vec![sf.behavior_of(0, &x, &actions(0)), sf.behavior_of(1, &y, &actions(1))];
    Ok(LpSolution { value, behavior })
}
