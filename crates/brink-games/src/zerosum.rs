//! Value and optimal strategies of a two-player zero-sum game by linear programming.
//!
//! With `A` made positive (adding a constant `c` to every payoff adds `c` to the value and
//! changes no optimal strategy), the column player's problem is the LP
//! `max 1ᵀw  s.t.  A w <= 1, w >= 0`, whose optimum `W` gives the value `1/W`, the column
//! player's optimal strategy `w / W`, and, from the dual prices of the rows, the row player's
//! `u / W` (von Neumann 1928; Dantzig 1951, "A proof of the equivalence of the programming
//! problem and the game problem"; von Stengel 2002, §2). It is solved by the simplex method
//! on the exact integer tableau, with Bland's rule for the entering variable and the
//! lexicographic ratio test, which together cannot cycle.

use num_bigint::BigInt;
use num_traits::Zero;

use crate::bimatrix::with_fallback;
use crate::game::positive_integer_matrix;
use crate::tableau::{Int, Overflow, Tableau};
use crate::{Game, GameError, Profile, Rational};

/// The solution of a zero-sum game.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZeroSumSolution {
    /// The value of the game to the row player (player 1).
    pub value: Rational,
    /// A pair of optimal (maximin, minimax) strategies, an equilibrium of the game.
    pub strategies: Profile,
}

fn simplex<T: Int>(a: &[Vec<BigInt>]) -> Result<(Vec<BigInt>, Vec<BigInt>, BigInt, BigInt), Overflow> {
    let (m, n) = (a.len(), a[0].len());
    let objective = vec![BigInt::from(-1); n];
    let mut t: Tableau<T> = Tableau::new(a, n, Some(&objective))?;
    // Bland: the lowest-numbered variable with a negative reduced cost enters.
    while let Some(entering) = (0..t.vars()).find(|&v| t.objective(v).signum() < 0) {
        // A positive matrix makes the LP bounded: a positive entry always exists.
        let Some(row) = t.ratio_test(entering) else {
            return Err(Overflow);
        };
        t.pivot(row, entering)?;
    }
    let mut w = vec![<BigInt as Zero>::zero(); n];
    for (r, &v) in t.basis.iter().enumerate() {
        if v < n {
            w[v] = t.rhs(r).to_big();
        }
    }
    // Dual prices of the rows are the reduced costs of their slacks.
    let u: Vec<BigInt> = (0..m).map(|i| t.objective(n + i).to_big()).collect();
    Ok((w, u, t.objective(t.vars()).to_big(), t.det.to_big()))
}

/// Value and optimal strategies of a two-player zero-sum game (payoffs of the two players add
/// up to zero at every profile), exact.
pub fn solve_zero_sum(game: &Game) -> Result<ZeroSumSolution, GameError> {
    let (a, b) = game.bimatrix()?;
    for (k, (ra, rb)) in a.iter().flatten().zip(b.iter().flatten()).enumerate() {
        if !(ra + rb).is_zero() {
            let (m, i, j) = (a.len(), k / b[0].len(), k % b[0].len());
            return Err(GameError::NotZeroSum(i + m * j + 1));
        }
    }
    let ints = positive_integer_matrix(&a);
    let (w, u, total, _det) = with_fallback(|| simplex::<i128>(&ints), || simplex::<BigInt>(&ints));
    // W = total / det; the column strategy is w / Σw, the row strategy u / Σu.
    let sum_w: BigInt = w.iter().sum();
    let sum_u: BigInt = u.iter().sum();
    let y: Vec<Rational> = w.iter().map(|v| Rational::new(v.clone(), sum_w.clone())).collect();
    let x: Vec<Rational> = u.iter().map(|v| Rational::new(v.clone(), sum_u.clone())).collect();
    debug_assert_eq!(sum_w, total);
    // The value is xᵀAy in the original payoffs (the LP saw an affine image of A).
    let value: Rational =
        a.iter().zip(&x).map(|(row, xi)| row.iter().zip(&y).map(|(aij, yj)| aij * yj).sum::<Rational>() * xi).sum();
    Ok(ZeroSumSolution { value, strategies: vec![x, y] })
}
