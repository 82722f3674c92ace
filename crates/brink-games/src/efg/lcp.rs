//! One Nash equilibrium of a two-player extensive game by Lemke's algorithm on the
//! sequence-form linear complementarity problem (Koller, Megiddo & von Stengel 1996,
//! "Efficient computation of equilibria for extensive two-person games", Games Econ.
//! Behav. 14; von Stengel 2002, *Handbook of Game Theory* vol. 3, §6).
//!
//! Payoffs are first turned into positive costs `M − u` (`M` one more than the largest
//! payoff), which shifts every play's payoff by the same constant and so changes no
//! equilibrium. With `C`, `D` the players' sequence-form cost matrices, `E x = e`, `F y = f`
//! the plan constraints (row 0 for `∅`, one row per information set), the LCP is
//!
//! ```text
//! x ≥ 0  ⊥  C y − Eᵀu ≥ 0          y ≥ 0  ⊥  Dᵀx − Fᵀv ≥ 0
//! u ≥ 0  ⊥  E x − e ≥ 0            v ≥ 0  ⊥  F y − f ≥ 0
//! ```
//!
//! — each player's plan minimises its cost against the other's, `u` and `v` being the dual
//! prices; with positive costs the duals are non-negative, which lets the plan constraints be
//! written as inequalities (as Gambit's `lcp` does). Lemke's algorithm (Lemke 1965) adds an
//! artificial `z₀` with covering vector `1`, pivots it in at the most negative row, and then
//! pivots complementary variables in turn until `z₀` leaves; the lexicographic ratio test
//! (the exact integer tableau shared with the normal-form solvers) keeps every step defined
//! in degenerate games. The endpoint's plans are turned into behaviour strategies, uniform at
//! information sets a plan never reaches, and checked exactly before they are returned.

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, Zero};

use super::eval::Weighted;
use super::sequence::SequenceForm;
use super::{Behavior, BehaviorF64, ExtensiveGame};
use crate::bimatrix::with_fallback;
use crate::tableau::{Int, Overflow, Tableau};
use crate::{GameError, Rational};

/// The largest LCP (sequences plus information sets of both players) the dense exact tableau
/// takes.
pub const MAX_LCP_SIZE: usize = 1500;

/// The largest LCP [`lcp_f64`] solves in exact arithmetic; larger ones go to the sparse
/// floating-point [`lcp_sparse`](super::lcp_sparse). The exact tableau's cost grows about as
/// the cube of its rows (0.54 s at 173 rows, 141 s at 1,212; docs/GAMES.md), so beyond a few
/// hundred rows exactness costs minutes, while the sparse path's profile is checked to a
/// regret of at most [`SPARSE_LCP_TOLERANCE`](super::SPARSE_LCP_TOLERANCE) of the payoff range.
pub const EXACT_LCP_F64_SIZE: usize = 300;

/// The LCP `w = q + M z`, integer, with the layout of its variables.
struct Lcp {
    matrix: Vec<Vec<BigInt>>,
    q: Vec<BigInt>,
    n1: usize,
    n2: usize,
}

fn to_integers(costs: Vec<Vec<Rational>>) -> Vec<Vec<BigInt>> {
    let lcm = costs.iter().flatten().fold(BigInt::one(), |acc, r| acc.lcm(r.denom()));
    costs.into_iter().map(|row| row.into_iter().map(|r| r.numer() * (&lcm / r.denom())).collect()).collect()
}

fn build(sf: &SequenceForm) -> Lcp {
    let (p1, p2) = (&sf.players[0], &sf.players[1]);
    let (n1, n2) = (p1.count, p2.count);
    let (k1, k2) = (p1.parent.len() + 1, p2.parent.len() + 1);
    let top =
        sf.leaves.iter().flat_map(|l| l.payoffs.iter()).max().cloned().unwrap_or_else(Rational::zero) + Rational::one();
    let mut c = vec![vec![Rational::zero(); n2]; n1];
    let mut d = vec![vec![Rational::zero(); n2]; n1];
    for leaf in &sf.leaves {
        let (s1, s2) = (leaf.seqs[0], leaf.seqs[1]);
        c[s1][s2] += &leaf.chance * (&top - &leaf.payoffs[0]);
        d[s1][s2] += &leaf.chance * (&top - &leaf.payoffs[1]);
    }
    let (c, d) = (to_integers(c), to_integers(d));
    let size = n1 + n2 + k1 + k2;
    let (u0, v0) = (n1 + n2, n1 + n2 + k1);
    let mut m = vec![vec![<BigInt as Zero>::zero(); size]; size];
    for s1 in 0..n1 {
        for s2 in 0..n2 {
            m[s1][n1 + s2] = c[s1][s2].clone();
            m[n1 + s2][s1] = d[s1][s2].clone();
        }
    }
    // E (and F): row 0 is x_∅ = 1; row h + 1 is Σ_a x_{σ_h a} − x_{σ_h} = 0.
    let constraint = |m: &mut Vec<Vec<BigInt>>, row: usize, col: usize, value: i32| {
        m[row][col] = BigInt::from(value);
        m[col][row] = BigInt::from(-value);
    };
    constraint(&mut m, u0, 0, 1);
    constraint(&mut m, v0, n1, 1);
    for (ps, x0, r0) in [(p1, 0, u0), (p2, n1, v0)] {
        for h in 0..ps.parent.len() {
            constraint(&mut m, r0 + h + 1, x0 + ps.parent[h], -1);
            let k = ps.offset.get(h + 1).copied().unwrap_or(ps.count) - ps.offset[h];
            for a in 0..k {
                constraint(&mut m, r0 + h + 1, x0 + ps.seq(h, a), 1);
            }
        }
    }
    let mut q = vec![<BigInt as Zero>::zero(); size];
    q[u0] = BigInt::from(-1);
    q[v0] = BigInt::from(-1);
    Lcp { matrix: m, q, n1, n2 }
}

/// The values of `z` at the end of Lemke's path, as numerators over a common denominator;
/// `None` if the path ends in a ray.
fn lemke<T: Int>(lcp: &Lcp) -> Result<Option<(Vec<BigInt>, BigInt)>, Overflow> {
    let size = lcp.q.len();
    let z0 = size;
    let dims = size + 1;
    // Row i: w_i − (M z)_i − z₀ = q_i.
    let rows: Vec<Vec<BigInt>> = lcp
        .matrix
        .iter()
        .map(|row| row.iter().map(|v| -v).chain(std::iter::once(BigInt::from(-1))).collect())
        .collect();
    let mut t: Tableau<T> = Tableau::with_rhs(&rows, dims, &lcp.q)?;
    // z₀ enters where q is smallest; among ties the last row, which is the lexicographic
    // choice for the perturbation q + (ε, ε², …).
    let Some(min) = lcp.q.iter().min() else {
        return Ok(Some((Vec::new(), BigInt::one())));
    };
    if !min.is_negative() {
        // z = 0 already solves the LCP (cannot happen for plans, which need x_∅ = 1).
        return Ok(Some((vec![<BigInt as Zero>::zero(); size], BigInt::one())));
    }
    let first = (0..size).rev().find(|&i| &lcp.q[i] == min).expect("a minimum exists");
    t.negate_row(first)?;
    t.pivot(first, z0)?;
    let complement = |v: usize| if v < size { dims + v } else { v - dims };
    let mut entering = complement(dims + first);
    // Lexicographic pivoting visits each basis at most once; this bound is never reached.
    for _ in 0..10_000_000usize {
        let Some(row) = t.ratio_test(entering) else {
            return Ok(None);
        };
        let leaving = t.basis[row];
        t.pivot(row, entering)?;
        if leaving == z0 {
            let mut z = vec![<BigInt as Zero>::zero(); size];
            for (r, &v) in t.basis.iter().enumerate() {
                if v < size {
                    z[v] = t.rhs(r).to_big();
                }
            }
            return Ok(Some((z, t.det.to_big())));
        }
        entering = complement(leaving);
    }
    Ok(None)
}

/// The number of rows of the sequence-form LCP of `game`: every player's sequences (one per
/// action of each information set, plus the empty one) and information sets plus one (the
/// constraint `x_∅ = 1`). [`lcp()`] takes at most [`MAX_LCP_SIZE`].
pub fn lcp_size(game: &ExtensiveGame) -> usize {
    game.infosets().iter().map(|sets| 2 + sets.len() + sets.iter().map(|h| h.actions.len()).sum::<usize>()).sum()
}

/// One Nash equilibrium by the sequence-form LCP in whichever arithmetic fits the game: the
/// exact [`lcp()`] when the LCP has at most [`EXACT_LCP_F64_SIZE`] rows, else the floating-point
/// [`lcp_sparse`](super::lcp_sparse) (its profile checked to regret at most
/// [`SPARSE_LCP_TOLERANCE`](super::SPARSE_LCP_TOLERANCE) of the payoff range).
pub fn lcp_f64(game: &ExtensiveGame) -> Result<BehaviorF64, GameError> {
    if game.num_players() == 2 && lcp_size(game) > EXACT_LCP_F64_SIZE {
        Ok(super::lcp_sparse(game)?.behavior)
    } else {
        lcp(game).map(|b| super::behavior_to_f64(&b))
    }
}

/// One Nash equilibrium of a two-player game of perfect recall, in exact arithmetic, by
/// Lemke's algorithm on the sequence-form LCP.
pub fn lcp(game: &ExtensiveGame) -> Result<Behavior, GameError> {
    if game.num_players() != 2 {
        return Err(GameError::NotTwoPlayer(game.num_players()));
    }
    let size = lcp_size(game);
    if size > MAX_LCP_SIZE {
        return Err(GameError::TooLarge(format!(
            "the sequence-form LCP has {size} rows; the dense exact tableau handles at most {MAX_LCP_SIZE} (try cfr)"
        )));
    }
    let sf = SequenceForm::new(game)?;
    let problem = build(&sf);
    let result = with_fallback(|| lemke::<i128>(&problem), || lemke::<BigInt>(&problem));
    let Some((z, det)) = result else {
        return Err(GameError::Numerical("Lemke's algorithm ended in a ray".into()));
    };
    let plan = |range: std::ops::Range<usize>| -> Vec<Rational> {
        z[range].iter().map(|v| Rational::new(v.clone(), det.clone())).collect()
    };
    let x = plan(0..problem.n1);
    let y = plan(problem.n1..problem.n1 + problem.n2);
    let actions = |p: usize| game.infosets()[p].iter().map(|h| h.actions.len()).collect::<Vec<_>>();
    let behavior = vec![sf.behavior_of(0, &x, &actions(0)), sf.behavior_of(1, &y, &actions(1))];
    let (_, regrets) = Weighted::new(&sf, Rational::clone).evaluate(&behavior);
    if regrets.iter().any(|r| !r.is_zero()) {
        return Err(GameError::Numerical(
            "the sequence-form LCP's solution is not an equilibrium after conversion to behaviour strategies".into(),
        ));
    }
    Ok(behavior)
}
