//! All extreme Nash equilibria of a two-player game by support enumeration.
//!
//! The classic method (Dickhaut & Kaplan 1991; von Stengel 2007, Algorithm 3.4; McKelvey &
//! McLennan 1996, §4) guesses the supports and solves the indifference equations. Pairing
//! the support of `x` with the support of `y` finds every equilibrium of a nondegenerate game
//! but misses some extreme equilibria of degenerate ones, where a mixed strategy can be pinned
//! down only by indifference among best responses the other player does not use.
//!
//! So each player's candidates are found on their own: a mixed strategy `x` with support `I`
//! that makes the opponent indifferent among a set `K` of `|I|` columns, with the square
//! system `Σ_{i∈I} B_ik x_i = v (k ∈ K), Σ x_i = 1` nonsingular, `x_I > 0`, and no column
//! better than `v`. These are exactly the nonzero vertices of the best-response polytope
//! (any vertex's tight constraints contain a nonsingular square subsystem that includes
//! `Σ x_i = 1`). A pair `(x, y)` is an equilibrium when each support lies within the other's
//! best responses. The result is the same set of extreme equilibria as vertex enumeration.
//!
//! A floating-point solve screens the `Σ_k C(m,k) C(n,k)` square systems with a wide margin
//! (and falls back to exact arithmetic when a system is ill-conditioned); every candidate
//! that passes is solved again exactly, so no reported equilibrium depends on rounding.

use std::collections::BTreeMap;

use num_bigint::BigInt;
use num_traits::{Signed, Zero};

use crate::bimatrix::{IntBimatrix, with_fallback};
use crate::game::to_f64;
use crate::tableau::{Int, Overflow, transpose};
use crate::{GameError, Profile, Rational, canonical};

/// Supports are bit sets in a `u64`, and `2^m` of them are tried: keep `m, n <= 30`.
const MAX_STRATEGIES: usize = 30;

/// A candidate mixed strategy of one player.
struct Candidate {
    probs: Vec<Rational>,
    /// Own strategies played with positive probability.
    support: u64,
    /// The opponent's best responses to it.
    best: u64,
}

/// Relative tolerances of the floating-point screen; anything close is re-checked exactly.
const SCREEN_TOL: f64 = 1e-7;
const CONDITION_TOL: f64 = 1e-6;

/// Candidates of the player whose strategies index the rows of `opp_payoff`
/// (`opp_payoff[own][opp]` is the opponent's payoff).
fn candidates(opp_payoff: &[Vec<BigInt>]) -> Vec<Candidate> {
    let own = opp_payoff.len();
    let opp = opp_payoff[0].len();
    let floats: Vec<Vec<f64>> = {
        let raw: Vec<Vec<f64>> = opp_payoff
            .iter()
            .map(|row| row.iter().map(|v| to_f64(&Rational::from_integer(v.clone()))).collect())
            .collect();
        let max = raw.iter().flatten().cloned().fold(f64::MIN, f64::max);
        let min = raw.iter().flatten().cloned().fold(f64::MAX, f64::min);
        let scale = if max > min { max - min } else { 1.0 };
        raw.iter().map(|r| r.iter().map(|v| (v - min) / scale).collect()).collect()
    };
    let mut by_size: Vec<Vec<u64>> = vec![Vec::new(); own.min(opp) + 1];
    for mask in 1u64..(1 << opp) {
        let size = mask.count_ones() as usize;
        if size <= own {
            by_size[size].push(mask);
        }
    }
    let mut found: BTreeMap<Vec<Rational>, Candidate> = BTreeMap::new();
    let mut matrix = Vec::new();
    for support in 1u64..(1 << own) {
        let size = support.count_ones() as usize;
        if size > opp {
            continue;
        }
        let rows: Vec<usize> = (0..own).filter(|i| support >> i & 1 == 1).collect();
        for &indifferent in &by_size[size] {
            let cols: Vec<usize> = (0..opp).filter(|j| indifferent >> j & 1 == 1).collect();
            if !screen(&floats, &rows, &cols, &mut matrix) {
                continue;
            }
            let exact = with_fallback(
                || exact_candidate::<i128>(opp_payoff, &rows, &cols),
                || exact_candidate::<BigInt>(opp_payoff, &rows, &cols),
            );
            if let Some(c) = exact {
                found.entry(c.probs.clone()).or_insert(c);
            }
        }
    }
    found.into_values().collect()
}

/// The floating-point screen: false only if the system is well conditioned and its solution
/// clearly fails positivity or best response.
fn screen(payoff: &[Vec<f64>], rows: &[usize], cols: &[usize], a: &mut Vec<f64>) -> bool {
    let s = rows.len();
    let w = s + 2; // s unknowns x, then v, then the right-hand side
    a.clear();
    a.resize((s + 1) * w, 0.0);
    for (r, &k) in cols.iter().enumerate() {
        for (c, &i) in rows.iter().enumerate() {
            a[r * w + c] = payoff[i][k];
        }
        a[r * w + s] = -1.0;
    }
    for c in 0..s {
        a[s * w + c] = 1.0;
    }
    a[s * w + s + 1] = 1.0;
    // Gaussian elimination with partial pivoting.
    let (mut max_pivot, mut min_pivot) = (0.0f64, f64::MAX);
    for k in 0..=s {
        let p = (k..=s).max_by(|&x, &y| a[x * w + k].abs().total_cmp(&a[y * w + k].abs()));
        let p = p.unwrap_or(k);
        let pivot = a[p * w + k];
        max_pivot = max_pivot.max(pivot.abs());
        min_pivot = min_pivot.min(pivot.abs());
        if pivot.abs() <= CONDITION_TOL * max_pivot.max(1.0) {
            return true; // (nearly) singular: let exact arithmetic decide
        }
        if p != k {
            for c in 0..w {
                a.swap(p * w + c, k * w + c);
            }
        }
        for r in k + 1..=s {
            let factor = a[r * w + k] / pivot;
            if factor != 0.0 {
                for c in k..w {
                    a[r * w + c] -= factor * a[k * w + c];
                }
            }
        }
    }
    if min_pivot < CONDITION_TOL * max_pivot {
        return true;
    }
    let mut solution = vec![0.0; s + 1];
    for k in (0..=s).rev() {
        let mut value = a[k * w + w - 1];
        for c in k + 1..=s {
            value -= a[k * w + c] * solution[c];
        }
        solution[k] = value / a[k * w + k];
    }
    if solution[..s].iter().any(|&x| x < -SCREEN_TOL) {
        return false;
    }
    let v = solution[s];
    let opp = payoff[0].len();
    (0..opp).all(|j| {
        let value: f64 = rows.iter().zip(&solution).map(|(&i, x)| payoff[i][j] * x).sum();
        value <= v + SCREEN_TOL
    })
}

/// Solves the candidate's square system exactly and checks it; `None` if it fails.
fn exact_candidate<T: Int>(
    opp_payoff: &[Vec<BigInt>],
    rows: &[usize],
    cols: &[usize],
) -> Result<Option<Candidate>, Overflow> {
    let s = rows.len();
    let mut system: Vec<Vec<T>> = Vec::with_capacity(s + 1);
    let minus_one = T::from_big(&BigInt::from(-1))?;
    let one = T::from_big(&BigInt::from(1))?;
    for &k in cols {
        let mut row: Vec<T> =
            rows.iter().map(|&i| T::from_big(&opp_payoff[i][k])).collect::<Result<_, _>>()?;
        row.push(minus_one.clone());
        row.push(T::zero());
        system.push(row);
    }
    let mut last = vec![one.clone(); s];
    last.push(T::zero());
    last.push(one);
    system.push(last);
    let Some((numerators, det)) = solve_integer(system)? else { return Ok(None) };
    let det = det.to_big();
    // x_i = numerators[i] / det with det possibly negative: compare signs.
    let sign = if det.is_negative() { -1 } else { 1 };
    let nums: Vec<BigInt> = numerators.iter().map(|n| n.to_big() * sign).collect();
    let det = det.abs();
    if nums[..s].iter().any(|x| !x.is_positive()) {
        return Ok(None);
    }
    let value = &nums[s];
    let opp = opp_payoff[0].len();
    let mut best = 0u64;
    for j in 0..opp {
        let payoff: BigInt = rows.iter().zip(&nums).map(|(&i, x)| &opp_payoff[i][j] * x).sum();
        match payoff.cmp(value) {
            std::cmp::Ordering::Greater => return Ok(None),
            std::cmp::Ordering::Equal => best |= 1 << j,
            std::cmp::Ordering::Less => {}
        }
    }
    let own = opp_payoff.len();
    let mut probs = vec![Rational::zero(); own];
    for (&i, x) in rows.iter().zip(&nums) {
        probs[i] = Rational::new(x.clone(), det.clone());
    }
    let support = rows.iter().fold(0u64, |m, &i| m | 1 << i);
    Ok(Some(Candidate { probs, support, best }))
}

/// Solves a square system given as rows `[coefficients…, right-hand side]` by Gauss–Jordan
/// elimination with integer pivoting (Bareiss 1968): returns numerators and the common
/// denominator (the determinant, up to sign), or `None` if the matrix is singular.
pub(crate) fn solve_integer<T: Int>(mut a: Vec<Vec<T>>) -> Result<Option<(Vec<T>, T)>, Overflow> {
    let n = a.len();
    let mut prev = T::from_big(&BigInt::from(1))?;
    for k in 0..n {
        let Some(p) = (k..n).find(|&r| a[r][k].signum() != 0) else { return Ok(None) };
        a.swap(p, k);
        let pivot_row = a[k].clone();
        let pivot = pivot_row[k].clone();
        for (r, row) in a.iter_mut().enumerate() {
            if r == k {
                continue;
            }
            let factor = row[k].clone();
            for (cell, pivot_cell) in row.iter_mut().zip(&pivot_row) {
                *cell = T::cross_div(cell, &pivot, &factor, pivot_cell, &prev)?;
            }
        }
        prev = pivot;
    }
    Ok(Some((a.iter().map(|row| row[n].clone()).collect(), prev)))
}

/// All extreme Nash equilibria of a two-player game (all equilibria if it is nondegenerate),
/// exact, in canonical order; the same set as [`crate::vertex_enumeration`].
pub fn support_enumeration(game: &crate::Game) -> Result<Vec<Profile>, GameError> {
    let int_game = IntBimatrix::new(game)?;
    if int_game.m > MAX_STRATEGIES || int_game.n > MAX_STRATEGIES {
        return Err(GameError::TooLarge(format!(
            "support enumeration tries 2^{} supports; use vertex enumeration",
            int_game.m.max(int_game.n)
        )));
    }
    // Row player's x: the column player's payoffs B[i][j]; column player's y: A transposed.
    let xs = candidates(&int_game.b);
    let ys = candidates(&transpose(&int_game.a));
    let mut found = Vec::new();
    for x in &xs {
        for y in &ys {
            if y.support & !x.best == 0 && x.support & !y.best == 0 {
                found.push(vec![x.probs.clone(), y.probs.clone()]);
            }
        }
    }
    Ok(canonical(found))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn solve_integer_matches_cramer() {
        // 2x + y = 5, x - y = 1  =>  x = 2, y = 1.
        let a: Vec<Vec<i128>> = vec![vec![2, 1, 5], vec![1, -1, 1]];
        let (nums, det) = solve_integer(a).unwrap().unwrap();
        assert_eq!((nums[0] / det, nums[1] / det), (2, 1));
        assert_eq!(nums[0] % det, 0);
        let singular: Vec<Vec<i128>> = vec![vec![1, 2, 3], vec![2, 4, 6]];
        assert_eq!(solve_integer(singular).unwrap(), None);
    }
}
