//! All extreme Nash equilibria of a two-player game by support enumeration.
//!
//! The classic method (Dickhaut & Kaplan 1991; von Stengel 2007, Algorithm 3.4; McKelvey &
//! McLennan 1996, §4) guesses the supports and solves the indifference equations. Pairing
//! the support of `x` with the support of `y` finds every equilibrium of a nondegenerate game
//! but misses some extreme equilibria of degenerate ones, where a mixed strategy can be pinned
//! down only by indifference among best responses the other player does not use.
//!
//! So each player's candidates are found on their own. With payoffs made positive, a mixed
//! strategy `x` with support `I` that makes the opponent indifferent among a set `K` of `|I|`
//! columns at payoff `v > 0` is, in `z = x / v`, the solution of the square system
//! `Σ_{i∈I} B_ik z_i = 1 (k ∈ K)`; it is a candidate if that system is nonsingular, `z_I > 0`
//! and no column pays more than 1. These are exactly the nonzero vertices of the best-response
//! polytope `{z >= 0 : Bᵀz <= 1}`: at a vertex with support `I` the tight columns determine
//! `z_I`, so some `|I|` of them already do. A pair `(x, y)` is an equilibrium when each
//! support lies within the other's best responses. The result is the same set of extreme
//! equilibria as vertex enumeration.
//!
//! A floating-point solve screens the `Σ_k C(m,k) C(n,k)` square systems with a wide margin
//! (and falls back to exact arithmetic when a system is ill-conditioned); every candidate
//! that passes is solved again exactly, so no reported equilibrium depends on rounding.

use std::collections::HashMap;

use num_bigint::BigInt;
use num_traits::Zero;

use crate::bimatrix::{IntBimatrix, with_fallback};
use crate::game::to_f64;
use crate::tableau::{Int, Overflow, solve_integer, transpose};
use crate::{GameError, Profile, Rational, canonical};

/// Supports are bit sets in a `u64`: keep `m, n <= 30`.
const MAX_STRATEGIES: usize = 30;

/// About a minute of screening (15×15 needs 1.6e8 systems per player).
const MAX_SYSTEMS: u128 = 1 << 28;

/// `C(n, k)`, saturating.
fn binomial(n: usize, k: usize) -> u128 {
    (0..k.min(n - k)).fold(1u128, |acc, i| acc.saturating_mul((n - i) as u128) / (i as u128 + 1))
}

/// A candidate mixed strategy of one player: `x = numerators / Σ numerators`.
struct Candidate {
    numerators: Vec<BigInt>,
    /// Own strategies played with positive probability.
    support: u64,
    /// The opponent's best responses to it.
    best: u64,
}

/// Relative tolerances of the floating-point screen; anything close is re-checked exactly.
const SCREEN_TOL: f64 = 1e-7;
const CONDITION_TOL: f64 = 1e-6;

/// Candidates of the player whose strategies index the rows of `opp_payoff`
/// (`opp_payoff[own][opp]` is the opponent's payoff, a positive integer).
///
/// With positive payoffs the opponent's equalised payoff `v` is positive, so substituting
/// `z = x / v` turns the system into `Σ_{i∈I} B_ik z_i = 1 (k ∈ K)`: square of size `|I|`, and
/// the conditions into `z_I > 0` and `(Bᵀz)_j <= 1` for every column `j`.
fn candidates(opp_payoff: &[Vec<BigInt>]) -> Vec<Candidate> {
    let own = opp_payoff.len();
    let opp = opp_payoff[0].len();
    // Scaled to (0, 1] for the screen; column-major so a column's entries are contiguous.
    let max = opp_payoff.iter().flatten().map(|v| to_f64(&Rational::from_integer(v.clone()))).fold(0.0, f64::max);
    let floats: Vec<f64> = (0..opp)
        .flat_map(|j| (0..own).map(move |i| (i, j)))
        .map(|(i, j)| to_f64(&Rational::from_integer(opp_payoff[i][j].clone())) / max)
        .collect();
    let mut search = Search {
        payoff: &floats,
        own,
        opp,
        rows: Vec::new(),
        cols: Vec::new(),
        lower: vec![0.0; own * own],
        upper: vec![0.0; own * own],
        forward: vec![0.0; own],
        z: vec![0.0; own],
        scratch: Scratch::default(),
        passed: Vec::new(),
    };
    search.extend(0, 0, false);
    // A vertex is fixed by its support and its best responses (its tight constraints), so
    // that pair identifies a candidate reached through several indifference sets.
    let mut found: HashMap<(u64, u64), Candidate> = HashMap::new();
    for (rows, cols) in std::mem::take(&mut search.passed) {
        let exact = with_fallback(
            || exact_candidate::<i128>(opp_payoff, &rows, &cols),
            || exact_candidate::<BigInt>(opp_payoff, &rows, &cols),
        );
        if let Some(c) = exact {
            found.entry((c.support, c.best)).or_insert(c);
        }
    }
    found.into_values().collect()
}

/// The depth-first search over support pairs. A node is a pair `(I, K)` of equal size with
/// its elements matched in increasing order; its children append one row above `max I` and
/// one column above `max K`, so every pair of subsets of equal size is visited exactly once
/// (`Σ_k C(m,k) C(n,k)` nodes). Each child's matrix borders its parent's, so its LU factors
/// extend the parent's in `O(s²)` instead of being recomputed in `O(s³)` (bordering method;
/// Golub & Van Loan, "Matrix Computations", §3.2). Factors without pivoting can be unstable:
/// a node whose new pivot is tiny, and its subtree, use the pivoted [`screen`] instead.
struct Search<'a> {
    /// Column-major opponent payoffs scaled to (0, 1].
    payoff: &'a [f64],
    own: usize,
    opp: usize,
    rows: Vec<usize>,
    cols: Vec<usize>,
    /// `lower[r * own + c]`: unit lower triangular factor (row r = equation for column cols[r]).
    lower: Vec<f64>,
    /// `upper[r * own + c]`: upper triangular factor.
    upper: Vec<f64>,
    /// `forward[r]`: the solution of `L f = 1`, which only grows at the end.
    forward: Vec<f64>,
    z: Vec<f64>,
    scratch: Scratch,
    /// Pairs that passed the screen, for the exact check.
    passed: Vec<(Vec<usize>, Vec<usize>)>,
}

impl Search<'_> {
    fn entry(&self, i: usize, k: usize) -> f64 {
        self.payoff[k * self.own + i]
    }

    fn extend(&mut self, first_row: usize, first_col: usize, unstable: bool) {
        for i in first_row..self.own {
            for k in first_col..self.opp {
                let s = self.rows.len();
                self.rows.push(i);
                self.cols.push(k);
                let stable = !unstable && self.border(s);
                let pass = if stable {
                    self.screen_factored(s + 1)
                } else {
                    screen(self.payoff, self.own, self.opp, &self.rows, &self.cols, &mut self.scratch)
                };
                if pass {
                    self.passed.push((self.rows.clone(), self.cols.clone()));
                }
                if s + 1 < self.own.min(self.opp) {
                    self.extend(i + 1, k + 1, !stable);
                }
                self.rows.pop();
                self.cols.pop();
            }
        }
    }

    /// Extends the factors from size `s` to `s + 1` after `rows`/`cols` gained an element;
    /// false if the new pivot is too small to trust.
    fn border(&mut self, s: usize) -> bool {
        let n = self.own;
        let (i, k) = (self.rows[s], self.cols[s]);
        // New column of U: solve L u = b with b_r = M[r][s] = payoff(i, cols[r]).
        for r in 0..s {
            let mut value = self.entry(i, self.cols[r]);
            for c in 0..r {
                value -= self.lower[r * n + c] * self.upper[c * n + s];
            }
            self.upper[r * n + s] = value;
        }
        // New row of L: solve Uᵀ l = c with c_c = M[s][c] = payoff(rows[c], k).
        for c in 0..s {
            let mut value = self.entry(self.rows[c], k);
            for r in 0..c {
                value -= self.lower[s * n + r] * self.upper[r * n + c];
            }
            self.lower[s * n + c] = value / self.upper[c * n + c];
        }
        let mut pivot = self.entry(i, k);
        for c in 0..s {
            pivot -= self.lower[s * n + c] * self.upper[c * n + s];
        }
        self.upper[s * n + s] = pivot;
        self.lower[s * n + s] = 1.0;
        let mut f = 1.0;
        for c in 0..s {
            f -= self.lower[s * n + c] * self.forward[c];
        }
        self.forward[s] = f;
        pivot.abs() > CONDITION_TOL && f.is_finite()
    }

    /// The screen on factored matrices of size `s`: back substitution, positivity, columns.
    fn screen_factored(&mut self, s: usize) -> bool {
        let n = self.own;
        for r in (0..s).rev() {
            let mut value = self.forward[r];
            for c in r + 1..s {
                value -= self.upper[r * n + c] * self.z[c];
            }
            let z = value / self.upper[r * n + r];
            if !z.is_finite() {
                return true; // an unusable factorisation: let exact arithmetic decide
            }
            if z < -SCREEN_TOL {
                return false;
            }
            self.z[r] = z;
        }
        (0..self.opp).all(|j| {
            let column = &self.payoff[j * self.own..(j + 1) * self.own];
            let value: f64 = self.rows.iter().zip(&self.z[..s]).map(|(&i, x)| column[i] * x).sum();
            value <= 1.0 + SCREEN_TOL
        })
    }
}

/// Buffers reused across the screen's many small solves.
#[derive(Default)]
struct Scratch {
    matrix: Vec<f64>,
    solution: Vec<f64>,
}

/// The floating-point screen: false only if the system is well conditioned and its solution
/// clearly fails positivity or best response. `payoff[j * own + i]` is column-major.
fn screen(payoff: &[f64], own: usize, opp: usize, rows: &[usize], cols: &[usize], scratch: &mut Scratch) -> bool {
    let s = rows.len();
    let w = s + 1; // s unknowns, then the right-hand side
    let a = &mut scratch.matrix;
    a.clear();
    a.resize(s * w, 1.0);
    for (r, &k) in cols.iter().enumerate() {
        let column = &payoff[k * own..(k + 1) * own];
        for (c, &i) in rows.iter().enumerate() {
            a[r * w + c] = column[i];
        }
    }
    // Gaussian elimination with partial pivoting.
    let mut max_pivot = 0.0f64;
    for k in 0..s {
        let mut p = k;
        for r in k + 1..s {
            if a[r * w + k].abs() > a[p * w + k].abs() {
                p = r;
            }
        }
        let pivot = a[p * w + k];
        max_pivot = max_pivot.max(pivot.abs());
        if pivot.abs() <= CONDITION_TOL * max_pivot {
            return true; // (nearly) singular: let exact arithmetic decide
        }
        if p != k {
            for c in k..w {
                a.swap(p * w + c, k * w + c);
            }
        }
        for r in k + 1..s {
            let factor = a[r * w + k] / pivot;
            if factor != 0.0 {
                for c in k + 1..w {
                    a[r * w + c] -= factor * a[k * w + c];
                }
            }
        }
    }
    let z = &mut scratch.solution;
    z.clear();
    z.resize(s, 0.0);
    for k in (0..s).rev() {
        let mut value = a[k * w + s];
        for c in k + 1..s {
            value -= a[k * w + c] * z[c];
        }
        z[k] = value / a[k * w + k];
        if !z[k].is_finite() {
            return true; // let exact arithmetic decide
        }
        // z_i = x_i / v must be positive; most guesses fail here, before any column check.
        if z[k] < -SCREEN_TOL {
            return false;
        }
    }
    (0..opp).all(|j| {
        let column = &payoff[j * own..(j + 1) * own];
        let value: f64 = rows.iter().zip(z.iter()).map(|(&i, x)| column[i] * x).sum();
        value <= 1.0 + SCREEN_TOL
    })
}

/// Solves the candidate's square system exactly and checks it; `None` if it fails.
fn exact_candidate<T: Int>(
    opp_payoff: &[Vec<BigInt>],
    rows: &[usize],
    cols: &[usize],
) -> Result<Option<Candidate>, Overflow> {
    let one = T::from_big(&BigInt::from(1))?;
    let mut system: Vec<Vec<T>> = Vec::with_capacity(rows.len());
    for &k in cols {
        let mut row: Vec<T> = rows.iter().map(|&i| T::from_big(&opp_payoff[i][k])).collect::<Result<_, _>>()?;
        row.push(one.clone());
        system.push(row);
    }
    let Some((numerators, det)) = solve_integer(system)? else {
        return Ok(None);
    };
    // z_i = numerators[i] / det, with det possibly negative: compare signs.
    let sign = det.signum();
    if numerators.iter().any(|x| x.signum() != sign) {
        return Ok(None);
    }
    let opp = opp_payoff[0].len();
    let weights: Vec<Vec<T>> =
        (0..opp).map(|j| rows.iter().map(|&i| T::from_big(&opp_payoff[i][j])).collect()).collect::<Result<_, _>>()?;
    let mut best = 0u64;
    for (j, column) in weights.iter().enumerate() {
        // (Bᵀz)_j <= 1, i.e. Σ_i B_ij nums_i <= det (>= if det < 0); equality: best response.
        let payoff = T::dot(column.iter().zip(&numerators))?;
        match (payoff.cmp(&det), sign) {
            (std::cmp::Ordering::Equal, _) => best |= 1 << j,
            (std::cmp::Ordering::Greater, 1) | (std::cmp::Ordering::Less, -1) => return Ok(None),
            _ => {}
        }
    }
    let own = opp_payoff.len();
    let mut full = vec![<BigInt as Zero>::zero(); own];
    for (&i, x) in rows.iter().zip(&numerators) {
        full[i] = x.to_big();
    }
    let support = rows.iter().fold(0u64, |m, &i| m | 1 << i);
    Ok(Some(Candidate { numerators: full, support, best }))
}

/// The probability vector of a candidate, reduced to lowest terms.
fn probabilities(c: &Candidate) -> Vec<Rational> {
    let total: BigInt = c.numerators.iter().sum();
    c.numerators.iter().map(|x| Rational::new(x.clone(), total.clone())).collect()
}

/// All extreme Nash equilibria of a two-player game (all equilibria if it is nondegenerate),
/// exact, in canonical order; the same set as [`crate::vertex_enumeration`].
pub fn support_enumeration(game: &crate::Game) -> Result<Vec<Profile>, GameError> {
    let int_game = IntBimatrix::new(game)?;
    // Σ_k C(m,k) C(n,k) = C(m+n, m) square systems per player (Vandermonde's identity).
    let systems = binomial(int_game.m + int_game.n, int_game.m);
    if int_game.m > MAX_STRATEGIES || int_game.n > MAX_STRATEGIES || systems > MAX_SYSTEMS {
        return Err(GameError::TooLarge(format!(
            "support enumeration would solve {systems} systems per player (at most {MAX_SYSTEMS}); \
             use vertex enumeration"
        )));
    }
    // Row player's x: the column player's payoffs B[i][j]; column player's y: A transposed.
    // The two players' candidates are independent: for large games find them on two threads
    // (a thread costs more than a small game). The result is sorted into canonical order, so
    // it does not depend on scheduling.
    let a_transposed = transpose(&int_game.a);
    let (xs, ys) = if systems < 20_000 {
        (candidates(&int_game.b), candidates(&a_transposed))
    } else {
        let (xs, ys) = std::thread::scope(|scope| {
            let ys = scope.spawn(|| candidates(&a_transposed));
            (candidates(&int_game.b), ys.join())
        });
        let ys = ys.map_err(|_| GameError::Numerical("support enumeration thread panicked".into()))?;
        (xs, ys)
    };
    let mut found = Vec::new();
    for x in &xs {
        for y in &ys {
            if y.support & !x.best == 0 && x.support & !y.best == 0 {
                found.push(vec![probabilities(x), probabilities(y)]);
            }
        }
    }
    Ok(canonical(found))
}
