//! Exact integer pivoting on the tableau of a polytope `{z >= 0 : M z <= 1}`.
//!
//! The tableau keeps every entry an integer: after each pivot, all entries are minors of the
//! original system and the common denominator `det` is the current basis determinant
//! (integer pivoting, Edmonds 1967; von Stengel 2007, "Equilibrium computation for two-player
//! games", §3.5). This is how lrs avoids fractions (Avis 2000).
//!
//! Entries are first kept in `i128`; if a value would overflow, the caller restarts with
//! [`BigInt`] (lrslib does the same with its hybrid arithmetic). Degeneracy is handled by the
//! lexicographic ratio test, which acts as the perturbation `1 + (ε, ε², …)` of the
//! right-hand side and so never cycles (Dantzig, Orden & Wolfe 1955).

use std::cmp::Ordering;
use std::fmt::Debug;
use std::hash::Hash;

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};

/// An `i128` value left its range: start again with [`BigInt`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Overflow;

/// The integer arithmetic a tableau needs.
pub(crate) trait Int: Clone + Ord + Hash + Debug {
    fn from_big(v: &BigInt) -> Result<Self, Overflow>;
    fn to_big(&self) -> BigInt;
    fn zero() -> Self;
    fn signum(&self) -> i32;
    /// `(a * b - c * d) / e`, where the division is known to be exact.
    fn cross_div(a: &Self, b: &Self, c: &Self, d: &Self, e: &Self) -> Result<Self, Overflow>;
    /// Compares `a * b` with `c * d` exactly.
    fn cmp_products(a: &Self, b: &Self, c: &Self, d: &Self) -> Ordering;
    /// The dot product `Σ a_k b_k`.
    fn dot<'a>(pairs: impl Iterator<Item = (&'a Self, &'a Self)>) -> Result<Self, Overflow>
    where
        Self: 'a;
}

impl Int for i128 {
    fn from_big(v: &BigInt) -> Result<Self, Overflow> {
        v.to_i128().ok_or(Overflow)
    }
    fn to_big(&self) -> BigInt {
        BigInt::from(*self)
    }
    fn zero() -> Self {
        0
    }
    fn signum(&self) -> i32 {
        i128::signum(*self) as i32
    }
    fn cross_div(a: &Self, b: &Self, c: &Self, d: &Self, e: &Self) -> Result<Self, Overflow> {
        let fast = a.checked_mul(*b).and_then(|ab| c.checked_mul(*d).and_then(|cd| ab.checked_sub(cd)));
        match fast {
            Some(v) => Ok(v / e),
            // The products overflow but the quotient, a minor, may still fit.
            None => {
                let big = (BigInt::from(*a) * b - BigInt::from(*c) * d) / e;
                big.to_i128().ok_or(Overflow)
            }
        }
    }
    fn dot<'a>(mut pairs: impl Iterator<Item = (&'a Self, &'a Self)>) -> Result<Self, Overflow> {
        pairs.try_fold(0i128, |acc, (a, b)| a.checked_mul(*b).and_then(|p| acc.checked_add(p)).ok_or(Overflow))
    }
    fn cmp_products(a: &Self, b: &Self, c: &Self, d: &Self) -> Ordering {
        match (a.checked_mul(*b), c.checked_mul(*d)) {
            (Some(x), Some(y)) => x.cmp(&y),
            _ => (BigInt::from(*a) * b).cmp(&(BigInt::from(*c) * d)),
        }
    }
}

impl Int for BigInt {
    fn from_big(v: &BigInt) -> Result<Self, Overflow> {
        Ok(v.clone())
    }
    fn to_big(&self) -> BigInt {
        self.clone()
    }
    fn zero() -> Self {
        Zero::zero()
    }
    fn signum(&self) -> i32 {
        if self.is_positive() {
            1
        } else if self.is_negative() {
            -1
        } else {
            0
        }
    }
    fn cross_div(a: &Self, b: &Self, c: &Self, d: &Self, e: &Self) -> Result<Self, Overflow> {
        Ok((a * b - c * d) / e)
    }
    fn cmp_products(a: &Self, b: &Self, c: &Self, d: &Self) -> Ordering {
        (a * b).cmp(&(c * d))
    }
    fn dot<'a>(pairs: impl Iterator<Item = (&'a Self, &'a Self)>) -> Result<Self, Overflow> {
        Ok(pairs.map(|(a, b)| a * b).sum())
    }
}

/// The tableau of `{z >= 0 : M z <= 1}` with slack `s = 1 - M z`, `M` being `k × d`.
///
/// Variables are numbered `z_0 … z_{d-1}` then `s_0 … s_{k-1}`. Row `r` reads
/// `det · basic_r + Σ_nonbasic a[r][v] · v = a[r][rhs]`. An optional last row holds an
/// objective (reduced costs) and is updated by every pivot but never pivoted on.
#[derive(Debug, Clone)]
pub(crate) struct Tableau<T> {
    /// Number of constraints `k` (and of basic variables).
    pub(crate) rows: usize,
    /// Number of structural variables `d`.
    pub(crate) dims: usize,
    width: usize,
    entries: Vec<T>,
    pub(crate) det: T,
    /// The basic variable of each row.
    pub(crate) basis: Vec<usize>,
    has_objective: bool,
}

impl<T: Int> Tableau<T> {
    /// The starting tableau, with all slacks basic (`z = 0`). `objective`, if given, is the
    /// initial reduced-cost row over the structural variables (its right-hand side is 0).
    pub(crate) fn new(matrix: &[Vec<BigInt>], dims: usize, objective: Option<&[BigInt]>) -> Result<Self, Overflow> {
        let rows = matrix.len();
        let width = dims + rows + 1;
        let total_rows = rows + usize::from(objective.is_some());
        let mut entries = vec![T::zero(); total_rows * width];
        let one = T::from_big(&BigInt::from(1))?;
        for (r, row) in matrix.iter().enumerate() {
            for (v, value) in row.iter().enumerate() {
                entries[r * width + v] = T::from_big(value)?;
            }
            entries[r * width + dims + r] = one.clone();
            entries[r * width + width - 1] = one.clone();
        }
        if let Some(obj) = objective {
            for (v, value) in obj.iter().enumerate() {
                entries[rows * width + v] = T::from_big(value)?;
            }
        }
        Ok(Tableau {
            rows,
            dims,
            width,
            entries,
            det: one,
            basis: (dims..dims + rows).collect(),
            has_objective: objective.is_some(),
        })
    }

    /// The tableau of `M z + s = rhs` with all slacks `s` basic: like [`Tableau::new`] but
    /// with any right-hand side (negative entries too; the caller then makes the basis
    /// feasible before using the ratio test, as Lemke's first step does).
    pub(crate) fn with_rhs(matrix: &[Vec<BigInt>], dims: usize, rhs: &[BigInt]) -> Result<Self, Overflow> {
        let mut t = Self::new(matrix, dims, None)?;
        let w = t.width;
        for (r, value) in rhs.iter().enumerate() {
            t.entries[r * w + w - 1] = T::from_big(value)?;
        }
        Ok(t)
    }

    /// Multiplies row `r` by −1 (its basic variable then has coefficient `−det` until the
    /// next pivot on this row; Lemke's first pivot uses this to keep `det` positive).
    pub(crate) fn negate_row(&mut self, r: usize) -> Result<(), Overflow> {
        let zero = T::zero();
        let w = self.width;
        for c in 0..w {
            let cell = &self.entries[r * w + c];
            // 0·0 − cell·1, divided by 1: the exact negation through the trait's arithmetic.
            let one = T::from_big(&BigInt::from(1))?;
            self.entries[r * w + c] = T::cross_div(&zero, &zero, cell, &one, &one)?;
        }
        Ok(())
    }

    /// The number of variables (structural and slack).
    pub(crate) fn vars(&self) -> usize {
        self.dims + self.rows
    }

    pub(crate) fn at(&self, row: usize, col: usize) -> &T {
        &self.entries[row * self.width + col]
    }

    /// The right-hand side of a row (`det` times the basic variable's value).
    pub(crate) fn rhs(&self, row: usize) -> &T {
        self.at(row, self.width - 1)
    }

    /// The objective row's entry for a variable, or its right-hand side for `vars()`.
    pub(crate) fn objective(&self, col: usize) -> &T {
        debug_assert!(self.has_objective);
        self.at(self.rows, col)
    }

    /// Lexicographic minimum-ratio test for an entering variable: the leaving row, or `None`
    /// if the column has no positive entry (an unbounded direction).
    pub(crate) fn ratio_test(&self, entering: usize) -> Option<usize> {
        let mut best: Option<usize> = None;
        for r in 0..self.rows {
            if self.at(r, entering).signum() <= 0 {
                continue;
            }
            best = Some(match best {
                None => r,
                Some(b) if self.lex_less(r, b, entering) => r,
                Some(b) => b,
            });
        }
        best
    }

    /// Is row `r`'s ratio lexicographically smaller than row `b`'s? The keys are the
    /// right-hand side, then the slack columns in order (the columns of the basis inverse).
    fn lex_less(&self, r: usize, b: usize, entering: usize) -> bool {
        let (pr, pb) = (self.at(r, entering), self.at(b, entering));
        let keys = std::iter::once(self.width - 1).chain(self.dims..self.dims + self.rows);
        for col in keys {
            match T::cmp_products(self.at(r, col), pb, self.at(b, col), pr) {
                Ordering::Less => return true,
                Ordering::Greater => return false,
                Ordering::Equal => {}
            }
        }
        // Rows of the basis inverse are independent, so ties end above.
        false
    }

    /// Pivots `entering` into the basis at `row` (whose entry in that column must be positive).
    ///
    /// Columns of variables basic after the pivot are known without arithmetic: the new
    /// determinant in their row and 0 elsewhere (0 in the objective row too). Only the other
    /// columns and the right-hand side are computed, which halves the work, as lrs's
    /// dictionary does.
    pub(crate) fn pivot(&mut self, row: usize, entering: usize) -> Result<(), Overflow> {
        let w = self.width;
        let pivot = self.at(row, entering).clone();
        self.basis[row] = entering;
        // For each column: the row where its variable is basic after the pivot, if any.
        let mut basic_row: Vec<Option<usize>> = vec![None; w];
        for (r, &v) in self.basis.iter().enumerate() {
            basic_row[v] = Some(r);
        }
        let pivot_row: Vec<T> = self.entries[row * w..(row + 1) * w].to_vec();
        let total_rows = self.rows + usize::from(self.has_objective);
        for r in 0..total_rows {
            if r == row {
                continue;
            }
            let factor = self.at(r, entering).clone();
            for c in 0..w {
                let cell = &mut self.entries[r * w + c];
                *cell = match basic_row[c] {
                    Some(b) if b == r => pivot.clone(),
                    Some(_) => T::zero(),
                    None => T::cross_div(cell, &pivot, &factor, &pivot_row[c], &self.det)?,
                };
            }
        }
        self.det = pivot;
        Ok(())
    }

    /// The variables that are zero at the current (unperturbed) vertex, as a bit set: the
    /// nonbasic ones and the basic ones with right-hand side 0 (degenerate).
    pub(crate) fn zero_vars(&self) -> u128 {
        let mut mask: u128 = if self.vars() == 128 { u128::MAX } else { (1u128 << self.vars()) - 1 };
        for (r, &v) in self.basis.iter().enumerate() {
            if self.rhs(r).signum() != 0 {
                mask &= !(1u128 << v);
            }
        }
        mask
    }

    /// The structural coordinates of the current vertex with their common denominator last:
    /// `z_v = values[v] / values[dims]`.
    pub(crate) fn vertex_key(&self) -> Vec<T> {
        let mut values = vec![T::zero(); self.dims + 1];
        for (r, &v) in self.basis.iter().enumerate() {
            if v < self.dims {
                values[v] = self.rhs(r).clone();
            }
        }
        values[self.dims] = self.det.clone();
        values
    }
}

/// Small matrices as `Vec<Vec<BigInt>>`, transposed.
pub(crate) fn transpose(matrix: &[Vec<BigInt>]) -> Vec<Vec<BigInt>> {
    let cols = matrix.first().map_or(0, Vec::len);
    (0..cols).map(|j| matrix.iter().map(|row| row[j].clone()).collect()).collect()
}

/// Solves a square system given as rows `[coefficients…, right-hand side]` by Gauss–Jordan
/// elimination with integer pivoting (Bareiss 1968): returns numerators and the common
/// denominator (the determinant, up to sign), or `None` if the matrix is singular.
pub(crate) fn solve_integer<T: Int>(mut a: Vec<Vec<T>>) -> Result<Option<(Vec<T>, T)>, Overflow> {
    let n = a.len();
    let mut prev = T::from_big(&BigInt::from(1))?;
    for k in 0..n {
        let Some(p) = (k..n).find(|&r| a[r][k].signum() != 0) else {
            return Ok(None);
        };
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cross_div_survives_overflowing_products() {
        let big = i128::MAX / 3;
        // (big * 6 - big * 3) / 3 = big, though big * 6 overflows.
        assert_eq!(i128::cross_div(&big, &6, &big, &3, &3), Ok(big));
        assert_eq!(i128::cross_div(&big, &6, &0, &0, &1), Err(Overflow));
        assert_eq!(i128::cmp_products(&big, &6, &big, &5), Ordering::Greater);
    }

    #[test]
    fn pivoting_on_a_square_reaches_every_corner() {
        // The unit square {z >= 0 : z_0 <= 1, z_1 <= 1}.
        let m = vec![vec![BigInt::from(1), BigInt::from(0)], vec![BigInt::from(0), BigInt::from(1)]];
        let mut t: Tableau<i128> = Tableau::new(&m, 2, None).unwrap();
        assert_eq!(t.vertex_key(), vec![0, 0, 1]);
        let row = t.ratio_test(0).unwrap();
        t.pivot(row, 0).unwrap();
        assert_eq!(t.vertex_key(), vec![1, 0, 1]);
        // Zero variables: z_1 and s_0.
        assert_eq!(t.zero_vars(), 0b0110);
    }

    #[test]
    fn ties_are_broken_as_by_the_perturbation() {
        // z_0 <= 1 and z_0 + 5 z_1 <= 1 tie for z_0 entering (both ratios 1). Perturbing the
        // right-hand sides to 1 + ε and 1 + ε² makes the second row's ratio smaller, so it
        // must leave; a plain minimum-ratio rule would take the first.
        let m = vec![vec![BigInt::from(1), BigInt::from(0)], vec![BigInt::from(1), BigInt::from(5)]];
        let t: Tableau<i128> = Tableau::new(&m, 2, None).unwrap();
        assert_eq!(t.ratio_test(0), Some(1));
        let swapped = vec![m[1].clone(), m[0].clone()];
        let t: Tableau<i128> = Tableau::new(&swapped, 2, None).unwrap();
        assert_eq!(t.ratio_test(0), Some(1));
    }

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
