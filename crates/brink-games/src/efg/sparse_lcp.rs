//! The sequence-form LCP of large two-player games in floating point: Lemke's algorithm in
//! revised form, on a sparse LU factorisation of the basis (faer's sparse LU) with
//! product-form (eta) updates and periodic refactorisation.
//!
//! The LCP is the one of [`super::lcp()`] (Koller, Megiddo & von Stengel 1996): `w = q + M z
//! + d z₀`, `w, z ≥ 0`, `wᵀz = 0`, with covering vector `d = 1`. Its matrix has as many
//! nonzeros as the game has (sequence pair) leaves plus twice the plan constraints', so it is
//! kept sparse by columns. The dense tableau's work per pivot is the whole tableau; here a
//! pivot costs one solve with the basis (FTRAN: `B⁻¹ a` for the entering column `a`) and a
//! ratio test over the basic values. Lemke's algorithm needs no pricing, so no solve with
//! `Bᵀ` is needed either.
//!
//! **Degeneracy.** The sequence-form LCP is degenerate (every plan-constraint row but two has
//! `q = 0`). The right-hand side is perturbed symbolically to `q + εδ` with `δ` a fixed
//! pseudo-random positive vector and `ε → 0⁺`: the basic values are kept as the pair
//! `(B⁻¹q, B⁻¹δ)` and the ratio test compares ratios lexicographically, the first component
//! with a tolerance (Harris's two passes), the second exactly. For almost every `δ` this makes
//! every basis nondegenerate, so Lemke's path is unique and never cycles — the lexicographic
//! rule of the exact solver with a random in place of the ordered perturbation
//! `(ε, ε², …)`. A pivot limit turns any numerical mishap into an error rather than a hang.
//!
//! **Accuracy.** Every [`REFACTOR_EVERY`] pivots (or sooner when the eta file grows) the basis
//! is factorised afresh and the basic values are recomputed from `q` and `δ`; at the end the
//! final basis is factorised once more. The endpoint's plans become behaviour strategies,
//! and their regrets are computed by the regret code every solver shares; a profile whose
//! largest regret exceeds [`SPARSE_LCP_TOLERANCE`] of the payoff range is an error.

use faer::MatMut;
use faer::linalg::solvers::Solve;
use faer::sparse::{SparseColMat, Triplet};

use super::eval::Weighted;
use super::sequence::{PlayerSequences, chance_reach, own_sequences};
use super::{BehaviorF64, ExtensiveGame, NodeKind};
use crate::{GameError, to_f64};

/// The largest regret a profile from [`lcp_sparse`] may have, as a fraction of the game's
/// payoff range (the acceptance threshold for equilibria computed in floating point).
pub const SPARSE_LCP_TOLERANCE: f64 = 1e-9;

/// Pivots between fresh factorisations of the basis.
pub const REFACTOR_EVERY: usize = 100;

/// A basic value whose column entry is at most this is not a pivot candidate.
const PIVOT_TOL: f64 = 1e-11;
/// How far below zero a basic value may be pushed by the first pass of the ratio test.
const FEAS_TOL: f64 = 1e-11;
/// Entries of an eta column below this (in absolute value) are dropped.
const DROP_TOL: f64 = 1e-15;

/// What [`lcp_sparse`] found: a behaviour profile and how it was reached.
#[derive(Debug, Clone, PartialEq)]
pub struct SparseLcpSolution {
    /// The equilibrium, `[player][infoset][action]`.
    pub behavior: BehaviorF64,
    /// Each player's regret (gain from a best response) at the profile.
    pub regrets: Vec<f64>,
    /// The game's payoff range (largest minus smallest payoff of any play), which
    /// [`SPARSE_LCP_TOLERANCE`] scales.
    pub payoff_range: f64,
    /// Rows of the LCP (sequences plus information sets plus one per player).
    pub size: usize,
    /// Nonzeros of the LCP's matrix `M`.
    pub nonzeros: usize,
    /// Lemke pivots taken.
    pub pivots: usize,
    /// Factorisations of the basis.
    pub factorizations: usize,
}

impl SparseLcpSolution {
    /// The largest regret of any player divided by the payoff range (0 for a game whose
    /// payoffs are all equal).
    pub fn relative_regret(&self) -> f64 {
        let max = self.regrets.iter().copied().fold(0.0, f64::max);
        if self.payoff_range > 0.0 { max / self.payoff_range } else { max }
    }
}

/// The sequence form in floating point: the players' sequences and, per leaf of positive
/// chance probability, its sequences, chance probability and total payoffs.
struct FloatForm {
    players: Vec<PlayerSequences>,
    seqs: Vec<[usize; 2]>,
    chance: Vec<f64>,
    payoffs: Vec<[f64; 2]>,
}

impl FloatForm {
    fn new(game: &ExtensiveGame) -> Result<Self, GameError> {
        let (players, at_node) = own_sequences(game)?;
        let reach = chance_reach(game, 1.0, to_f64, |a, b| a * b);
        let outcomes: Vec<[f64; 2]> =
            game.outcomes().iter().map(|o| [to_f64(&o.payoffs[0]), to_f64(&o.payoffs[1])]).collect();
        let (mut seqs, mut chance, mut payoffs) = (Vec::new(), Vec::new(), Vec::new());
        let mut stack = vec![(0usize, [0.0f64; 2])];
        while let Some((k, mut acc)) = stack.pop() {
            let node = &game.nodes()[k];
            if let Some(o) = node.outcome {
                acc[0] += outcomes[o][0];
                acc[1] += outcomes[o][1];
            }
            if node.kind == NodeKind::Terminal {
                if reach[k] > 0.0 {
                    seqs.push([at_node[k][0], at_node[k][1]]);
                    chance.push(reach[k]);
                    payoffs.push(acc);
                }
            } else {
                stack.extend(node.children.iter().rev().map(|&c| (c, acc)));
            }
        }
        Ok(FloatForm { players, seqs, chance, payoffs })
    }

    /// The shared regret code's view of this form (leaf weights `chance · payoff`).
    fn weighted(&self) -> Weighted<f64> {
        Weighted {
            players: self.players.clone(),
            seqs: self.seqs.iter().map(|s| s.to_vec()).collect(),
            weights: self.chance.iter().zip(&self.payoffs).map(|(c, u)| vec![c * u[0], c * u[1]]).collect(),
        }
    }
}

/// The LCP `w = q + M z + d z₀`, `M` by sparse columns.
struct Problem {
    n1: usize,
    n2: usize,
    /// Column `j` of `M`: `(row, value)` pairs.
    columns: Vec<Vec<(usize, f64)>>,
    q: Vec<f64>,
}

impl Problem {
    fn size(&self) -> usize {
        self.q.len()
    }

    fn new(form: &FloatForm) -> Problem {
        let (p1, p2) = (&form.players[0], &form.players[1]);
        let (n1, n2) = (p1.count, p2.count);
        let (k1, k2) = (p1.parent.len() + 1, p2.parent.len() + 1);
        let size = n1 + n2 + k1 + k2;
        let (u0, v0) = (n1 + n2, n1 + n2 + k1);
        // Costs `top − u`, positive, summed per sequence pair, then scaled so that the largest
        // is 1 (a positive scaling of every cost changes no equilibrium).
        let top = form.payoffs.iter().flat_map(|u| u.iter().copied()).fold(f64::NEG_INFINITY, f64::max) + 1.0;
        let mut pairs: Vec<([usize; 2], f64, f64)> = form
            .seqs
            .iter()
            .zip(&form.chance)
            .zip(&form.payoffs)
            .map(|((s, c), u)| (*s, c * (top - u[0]), c * (top - u[1])))
            .collect();
        pairs.sort_unstable_by_key(|p| p.0);
        let mut merged: Vec<([usize; 2], f64, f64)> = Vec::with_capacity(pairs.len());
        for (s, c, d) in pairs {
            match merged.last_mut() {
                Some(last) if last.0 == s => {
                    last.1 += c;
                    last.2 += d;
                }
                _ => merged.push((s, c, d)),
            }
        }
        let scale = merged.iter().map(|p| p.1.max(p.2)).fold(0.0, f64::max);
        let scale = if scale > 0.0 { 1.0 / scale } else { 1.0 };
        let mut columns: Vec<Vec<(usize, f64)>> = vec![Vec::new(); size];
        for ([s1, s2], c, d) in merged {
            columns[n1 + s2].push((s1, c * scale));
            columns[s1].push((n1 + s2, d * scale));
        }
        // E (and F): row 0 is x_∅ ≥ 1; row h + 1 is Σ_a x_{σ_h a} − x_{σ_h} ≥ 0. Entry
        // `value` at (row, col) of M and `−value` at (col, row).
        let mut constraint = |row: usize, col: usize, value: f64| {
            columns[col].push((row, value));
            columns[row].push((col, -value));
        };
        constraint(u0, 0, 1.0);
        constraint(v0, n1, 1.0);
        for (ps, x0, r0) in [(p1, 0, u0), (p2, n1, v0)] {
            for h in 0..ps.parent.len() {
                constraint(r0 + h + 1, x0 + ps.parent[h], -1.0);
                for a in 0..actions(ps, h) {
                    constraint(r0 + h + 1, x0 + ps.seq(h, a), 1.0);
                }
            }
        }
        let mut q = vec![0.0; size];
        q[u0] = -1.0;
        q[v0] = -1.0;
        Problem { n1, n2, columns, q }
    }
}

/// The number of actions at information set `h`.
fn actions(ps: &PlayerSequences, h: usize) -> usize {
    ps.offset.get(h + 1).copied().unwrap_or(ps.count) - ps.offset[h]
}

/// A deterministic pseudo-random perturbation direction in `[1, 2)` (SplitMix64), the same
/// on every run so that results are reproducible.
fn perturbation(size: usize) -> Vec<f64> {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..size)
        .map(|_| {
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^= z >> 31;
            1.0 + (z >> 11) as f64 / (1u64 << 53) as f64
        })
        .collect()
}

/// One product-form update: the basis after a pivot is the previous one times the identity
/// with column `row` replaced by `alpha` (the entering column in the previous basis).
struct Eta {
    row: usize,
    pivot: f64,
    /// The other nonzeros of `alpha`.
    entries: Vec<(usize, f64)>,
}

/// The basis of Lemke's algorithm: which variable is basic in each row, an LU factorisation
/// of the basis matrix at the last refactorisation, and the eta file since.
struct Basis<'a> {
    problem: &'a Problem,
    /// Variables: `w_i` = `i`, `z_j` = `n + j`, `z₀` = `2n`.
    vars: Vec<usize>,
    lu: faer::sparse::linalg::solvers::Lu<usize, f64>,
    etas: Vec<Eta>,
    eta_nonzeros: usize,
    factorizations: usize,
}

impl<'a> Basis<'a> {
    /// The column of variable `v` in `[I | −M | −d]`, as `(row, value)` pairs.
    fn column(problem: &Problem, v: usize, out: &mut Vec<(usize, f64)>) {
        let n = problem.size();
        out.clear();
        if v < n {
            out.push((v, 1.0));
        } else if v < 2 * n {
            out.extend(problem.columns[v - n].iter().map(|&(r, x)| (r, -x)));
        } else {
            out.extend((0..n).map(|r| (r, -1.0)));
        }
    }

    fn factorize(
        problem: &Problem,
        vars: &[usize],
    ) -> Result<faer::sparse::linalg::solvers::Lu<usize, f64>, GameError> {
        let n = problem.size();
        let mut triplets = Vec::new();
        let mut column = Vec::new();
        for (position, &v) in vars.iter().enumerate() {
            Self::column(problem, v, &mut column);
            triplets.extend(column.iter().map(|&(r, x)| Triplet::new(r, position, x)));
        }
        let matrix = SparseColMat::<usize, f64>::try_new_from_triplets(n, n, &triplets)
            .map_err(|e| GameError::Numerical(format!("the LCP basis matrix could not be built: {e:?}")))?;
        matrix.sp_lu().map_err(|e| GameError::Numerical(format!("the LCP basis could not be factorised: {e:?}")))
    }

    fn new(problem: &'a Problem) -> Result<Self, GameError> {
        let vars: Vec<usize> = (0..problem.size()).collect();
        let lu = Self::factorize(problem, &vars)?;
        Ok(Basis { problem, vars, lu, etas: Vec::new(), eta_nonzeros: 0, factorizations: 1 })
    }

    fn refactorize(&mut self) -> Result<(), GameError> {
        self.lu = Self::factorize(self.problem, &self.vars)?;
        self.etas.clear();
        self.eta_nonzeros = 0;
        self.factorizations += 1;
        Ok(())
    }

    /// Solves `B x = b` in place (FTRAN).
    fn solve(&self, b: &mut [f64]) {
        let n = b.len();
        self.lu.solve_in_place(MatMut::from_column_major_slice_mut(b, n, 1));
        for eta in &self.etas {
            let t = b[eta.row] / eta.pivot;
            if t != 0.0 {
                for &(i, a) in &eta.entries {
                    b[i] -= a * t;
                }
            }
            b[eta.row] = t;
        }
    }

    /// The entering column in the current basis: `B⁻¹ a_v`.
    fn ftran(&self, v: usize, scratch: &mut Vec<(usize, f64)>) -> Vec<f64> {
        let mut b = vec![0.0; self.problem.size()];
        Self::column(self.problem, v, scratch);
        for &(r, x) in scratch.iter() {
            b[r] += x;
        }
        self.solve(&mut b);
        b
    }

    /// Records the pivot of the column `alpha` (from [`Basis::ftran`]) into row `row`.
    fn pivot(&mut self, row: usize, entering: usize, alpha: &[f64]) {
        let scale = alpha.iter().fold(0.0f64, |m, a| m.max(a.abs()));
        let entries: Vec<(usize, f64)> = alpha
            .iter()
            .enumerate()
            .filter(|&(i, a)| i != row && a.abs() > DROP_TOL * scale)
            .map(|(i, &a)| (i, a))
            .collect();
        self.eta_nonzeros += entries.len() + 1;
        self.etas.push(Eta { row, pivot: alpha[row], entries });
        self.vars[row] = entering;
    }
}

/// The most pivots [`lcp_sparse`] takes on an LCP of `size` rows before giving up with an
/// error. Lemke's path on a nondegenerate problem visits each basis at most once; in practice
/// it takes about half a pivot per row (teaching-symmetric's two-turn game: 4,631 pivots for
/// 10,865 rows), so this bound is reached only by a numerical mishap.
pub fn sparse_lcp_pivot_limit(size: usize) -> usize {
    50 * size + 10_000
}

/// Lemke's algorithm on `problem`: the values of `z` at the end of the path, the number of
/// pivots and of factorisations.
fn lemke(problem: &Problem, pivot_limit: usize) -> Result<(Vec<f64>, usize, usize), GameError> {
    let n = problem.size();
    let z0 = 2 * n;
    let complement = |v: usize| if v < n { v + n } else { v - n };
    let delta = perturbation(n);
    let mut basis = Basis::new(problem)?;
    // The basic values for q and for the perturbation δ.
    let mut beta = problem.q.clone();
    let mut gamma = delta.clone();
    let refresh = |basis: &Basis<'_>, beta: &mut Vec<f64>, gamma: &mut Vec<f64>| {
        beta.copy_from_slice(&problem.q);
        basis.solve(beta);
        gamma.copy_from_slice(&delta);
        basis.solve(gamma);
    };
    let mut scratch = Vec::new();
    // z₀ enters at the row where q + εδ is smallest.
    let first = (0..n).min_by(|&a, &b| beta[a].total_cmp(&beta[b]).then(gamma[a].total_cmp(&gamma[b])));
    let Some(first) = first else { return Ok((Vec::new(), 0, 1)) };
    if beta[first] >= 0.0 {
        return Ok((vec![0.0; n], 0, 1));
    }
    let mut entering = z0;
    let mut row = first;
    for pivots in 1..=pivot_limit {
        let alpha = basis.ftran(entering, &mut scratch);
        if pivots > 1 {
            match ratio_test(&alpha, &beta, &gamma, &basis.vars, z0) {
                Some(r) => row = r,
                None => return Err(GameError::Numerical("Lemke's algorithm ended in a ray".into())),
            }
        }
        let leaving = basis.vars[row];
        let (tb, tg) = (beta[row] / alpha[row], gamma[row] / alpha[row]);
        for (i, &a) in alpha.iter().enumerate() {
            if a != 0.0 {
                beta[i] -= tb * a;
                gamma[i] -= tg * a;
            }
        }
        beta[row] = tb;
        gamma[row] = tg;
        basis.pivot(row, entering, &alpha);
        if leaving == z0 {
            basis.refactorize()?;
            refresh(&basis, &mut beta, &mut gamma);
            let mut z = vec![0.0; n];
            for (r, &v) in basis.vars.iter().enumerate() {
                if (n..2 * n).contains(&v) {
                    z[v - n] = beta[r].max(0.0);
                }
            }
            return Ok((z, pivots, basis.factorizations));
        }
        if basis.etas.len() >= REFACTOR_EVERY || basis.eta_nonzeros > 20 * n {
            basis.refactorize()?;
            refresh(&basis, &mut beta, &mut gamma);
        }
        entering = complement(leaving);
    }
    Err(GameError::Numerical(format!(
        "Lemke's algorithm did not end within {pivot_limit} pivots (the floating-point sequence-form LCP)"
    )))
}

/// The leaving row for an entering column `alpha`: Harris's two passes on the first
/// component of `(β, γ)` — the largest step that keeps every basic value above `−FEAS_TOL`,
/// then the rows whose exact ratio is within it — and among those the smallest ratio of the
/// second component (the perturbation), preferring `z₀` whenever it may leave. `None` if no
/// entry of `alpha` is positive (a ray).
fn ratio_test(alpha: &[f64], beta: &[f64], gamma: &[f64], vars: &[usize], z0: usize) -> Option<usize> {
    let mut bound = f64::INFINITY;
    for (i, &a) in alpha.iter().enumerate() {
        if a > PIVOT_TOL {
            bound = bound.min((beta[i].max(0.0) + FEAS_TOL) / a);
        }
    }
    if bound == f64::INFINITY {
        return None;
    }
    let mut best: Option<usize> = None;
    for (i, &a) in alpha.iter().enumerate() {
        if a <= PIVOT_TOL || beta[i].max(0.0) / a > bound {
            continue;
        }
        if vars[i] == z0 {
            return Some(i);
        }
        best = Some(match best {
            Some(b) if gamma[b] / alpha[b] <= gamma[i] / a => b,
            _ => i,
        });
    }
    best
}

/// One Nash equilibrium of a two-player game of perfect recall by Lemke's algorithm on the
/// sequence-form LCP, in floating point with a sparse factorised basis: for games too large
/// for the exact [`super::lcp()`]. The profile's regrets are checked; more than
/// [`SPARSE_LCP_TOLERANCE`] of the payoff range is an error.
pub fn lcp_sparse(game: &ExtensiveGame) -> Result<SparseLcpSolution, GameError> {
    if game.num_players() != 2 {
        return Err(GameError::NotTwoPlayer(game.num_players()));
    }
    let form = FloatForm::new(game)?;
    let problem = Problem::new(&form);
    let nonzeros = problem.columns.iter().map(Vec::len).sum();
    let (z, pivots, factorizations) = lemke(&problem, sparse_lcp_pivot_limit(problem.size()))?;
    let behavior: BehaviorF64 = vec![
        behavior_of(&form.players[0], &z[..problem.n1], game, 0),
        behavior_of(&form.players[1], &z[problem.n1..problem.n1 + problem.n2], game, 1),
    ];
    let (_, regrets) = form.weighted().evaluate(&behavior);
    let (lo, hi) = form
        .payoffs
        .iter()
        .flat_map(|u| u.iter().copied())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), u| (lo.min(u), hi.max(u)));
    let payoff_range = if hi >= lo { hi - lo } else { 0.0 };
    let solution =
        SparseLcpSolution { behavior, regrets, payoff_range, size: problem.size(), nonzeros, pivots, factorizations };
    let relative = solution.relative_regret();
    if relative.is_nan() || relative > SPARSE_LCP_TOLERANCE {
        return Err(GameError::Numerical(format!(
            "the floating-point sequence-form LCP ended at a profile with regret {relative:.3e} of the payoff range, above {SPARSE_LCP_TOLERANCE:e}"
        )));
    }
    Ok(solution)
}

/// The behaviour strategy of a realization plan: `x_{σ_h a} / Σ_b x_{σ_h b}` where the plan
/// reaches `h`, uniform where it does not.
fn behavior_of(ps: &PlayerSequences, plan: &[f64], game: &ExtensiveGame, player: usize) -> Vec<Vec<f64>> {
    game.infosets()[player]
        .iter()
        .enumerate()
        .map(|(h, set)| {
            let k = set.actions.len();
            let total: f64 = (0..k).map(|a| plan[ps.seq(h, a)]).sum();
            if total > 0.0 { (0..k).map(|a| plan[ps.seq(h, a)] / total).collect() } else { vec![1.0 / k as f64; k] }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kuhn() -> ExtensiveGame {
        super::super::parse(include_str!("../../tests/data/kuhn.efg")).unwrap()
    }

    #[test]
    fn the_pivot_limit_is_a_clear_error() {
        let form = FloatForm::new(&kuhn()).unwrap();
        let problem = Problem::new(&form);
        let (_, pivots, _) = lemke(&problem, sparse_lcp_pivot_limit(problem.size())).unwrap();
        let err = lemke(&problem, pivots - 1).unwrap_err();
        assert!(err.to_string().contains(&format!("did not end within {} pivots", pivots - 1)), "{err}");
    }

    #[test]
    fn the_perturbation_is_positive_and_reproducible() {
        let d = perturbation(1000);
        assert!(d.iter().all(|&x| (1.0..2.0).contains(&x)));
        assert_eq!(d, perturbation(1000));
        // Distinct values: no two rows tie in the second component of the ratio test.
        let mut sorted = d.clone();
        sorted.sort_by(f64::total_cmp);
        sorted.dedup();
        assert_eq!(sorted.len(), 1000);
    }
}
