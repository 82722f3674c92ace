//! A small exact simplex method for `max cᵀz` subject to linear equalities and `≤`
//! inequalities, with non-negative or free variables: two phases (artificial variables,
//! then the objective), Bland's rule for entering and leaving variables, which cannot cycle
//! (Bland 1977, "New finite pivoting rules for the simplex method", Math. Oper. Res. 2).
//! Dense rational tableau; meant for the sequence-form LPs of small games.

use num_traits::{One, Signed, Zero};

use crate::Rational;

/// A constraint row: coefficients over the variables, and whether it is an equality.
pub(crate) struct Row {
    pub(crate) coefficients: Vec<Rational>,
    pub(crate) equality: bool,
    pub(crate) rhs: Rational,
}

/// The optimum: variable values and the objective value; `None` if infeasible or unbounded.
pub(crate) fn maximize(objective: &[Rational], rows: &[Row], free: &[bool]) -> Option<(Vec<Rational>, Rational)> {
    let n = objective.len();
    // Columns: each variable (free ones twice: z = z⁺ − z⁻), then slacks, then artificials.
    let mut column_of: Vec<(usize, bool)> = Vec::new(); // (variable, negative part)
    for (j, &is_free) in free.iter().enumerate().take(n) {
        column_of.push((j, false));
        if is_free {
            column_of.push((j, true));
        }
    }
    let structural = column_of.len();
    let slacks = rows.iter().filter(|r| !r.equality).count();
    let m = rows.len();
    let width = structural + slacks + m + 1;
    let artificial0 = structural + slacks;
    let mut t: Vec<Vec<Rational>> = vec![vec![Rational::zero(); width]; m];
    let mut slack = structural;
    for (i, row) in rows.iter().enumerate() {
        for (c, &(j, neg)) in column_of.iter().enumerate() {
            let v = &row.coefficients[j];
            t[i][c] = if neg { -v } else { v.clone() };
        }
        if !row.equality {
            t[i][slack] = Rational::one();
            slack += 1;
        }
        t[i][width - 1] = row.rhs.clone();
        if row.rhs.is_negative() {
            for v in t[i].iter_mut() {
                *v = -v.clone();
            }
        }
        t[i][artificial0 + i] = Rational::one();
    }
    let mut basis: Vec<usize> = (artificial0..artificial0 + m).collect();
    // Phase 1: maximise −Σ artificials; reduced costs are the column sums.
    let mut obj: Vec<Rational> =
        (0..width)
            .map(|c| {
                if (artificial0..artificial0 + m).contains(&c) {
                    Rational::zero()
                } else {
                    t.iter().map(|r| &r[c]).sum()
                }
            })
            .collect();
    run(&mut t, &mut obj, &mut basis, artificial0)?;
    if obj[width - 1].is_positive() {
        return None;
    }
    // Drive artificials at zero out of the basis where possible.
    for r in 0..m {
        if basis[r] >= artificial0
            && let Some(c) = (0..artificial0).find(|&c| !t[r][c].is_zero())
        {
            pivot(&mut t, &mut obj, &mut basis, r, c);
        }
    }
    // Phase 2: reduced costs of the objective.
    let mut obj: Vec<Rational> = vec![Rational::zero(); width];
    for (c, &(j, neg)) in column_of.iter().enumerate() {
        obj[c] = if neg { -objective[j].clone() } else { objective[j].clone() };
    }
    for r in 0..m {
        let b = basis[r];
        if !obj[b].is_zero() {
            let factor = obj[b].clone();
            for c in 0..width {
                let v = &factor * &t[r][c];
                obj[c] -= v;
            }
        }
    }
    run(&mut t, &mut obj, &mut basis, artificial0)?;
    let mut z = vec![Rational::zero(); n];
    for (r, &b) in basis.iter().enumerate() {
        if b < structural {
            let (j, neg) = column_of[b];
            if neg {
                z[j] -= &t[r][width - 1];
            } else {
                z[j] += &t[r][width - 1];
            }
        }
    }
    let value = objective.iter().zip(&z).map(|(c, v)| c * v).sum();
    Some((z, value))
}

/// Simplex iterations with Bland's rule; `obj[c]` is the reduced gain of column `c` and
/// `obj[last]` minus the objective value. Columns from `barrier` on never enter.
fn run(t: &mut [Vec<Rational>], obj: &mut [Rational], basis: &mut [usize], barrier: usize) -> Option<()> {
    let last = obj.len() - 1;
    while let Some(entering) = (0..barrier).find(|&c| obj[c].is_positive()) {
        let mut best: Option<(usize, Rational)> = None;
        for (r, row) in t.iter().enumerate() {
            if row[entering].is_positive() {
                let ratio = &row[last] / &row[entering];
                let better = match &best {
                    None => true,
                    Some((b, v)) => ratio < *v || (ratio == *v && basis[r] < basis[*b]),
                };
                if better {
                    best = Some((r, ratio));
                }
            }
        }
        let (row, _) = best?;
        pivot(t, obj, basis, row, entering);
    }
    Some(())
}

fn pivot(t: &mut [Vec<Rational>], obj: &mut [Rational], basis: &mut [usize], row: usize, col: usize) {
    let p = t[row][col].clone();
    for v in t[row].iter_mut() {
        *v /= &p;
    }
    let pivot_row = t[row].clone();
    for (r, other) in t.iter_mut().enumerate() {
        if r != row && !other[col].is_zero() {
            let factor = other[col].clone();
            for (v, pv) in other.iter_mut().zip(&pivot_row) {
                *v -= &factor * pv;
            }
        }
    }
    if !obj[col].is_zero() {
        let factor = obj[col].clone();
        for (v, pv) in obj.iter_mut().zip(&pivot_row) {
            *v -= &factor * pv;
        }
    }
    basis[row] = col;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(v: i64) -> Rational {
        Rational::from_integer(v.into())
    }

    #[test]
    fn a_textbook_lp() {
        // max 3x + 5y s.t. x <= 4, 2y <= 12, 3x + 2y <= 18 (Hillier & Lieberman's Wyndor
        // example): optimum x = 2, y = 6, value 36.
        let rows = vec![
            Row { coefficients: vec![r(1), r(0)], equality: false, rhs: r(4) },
            Row { coefficients: vec![r(0), r(2)], equality: false, rhs: r(12) },
            Row { coefficients: vec![r(3), r(2)], equality: false, rhs: r(18) },
        ];
        let (z, value) = maximize(&[r(3), r(5)], &rows, &[false, false]).unwrap();
        assert_eq!((z, value), (vec![r(2), r(6)], r(36)));
    }

    #[test]
    fn free_variables_and_equalities() {
        // max x s.t. x − y = −3, y <= 1, x free: y = 1 gives x = −2, the value.
        let rows = vec![
            Row { coefficients: vec![r(1), r(-1)], equality: true, rhs: r(-3) },
            Row { coefficients: vec![r(0), r(1)], equality: false, rhs: r(1) },
        ];
        let (z, value) = maximize(&[r(1), r(0)], &rows, &[true, false]).unwrap();
        assert_eq!((z, value), (vec![r(-2), r(1)], r(-2)));
    }
}
