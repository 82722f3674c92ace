//! A two-player game prepared for exact pivoting: both payoff matrices as positive integers.

use num_bigint::BigInt;

use crate::game::{positive_integer_matrix, to_f64};
use crate::tableau::Overflow;
use crate::{Game, GameError, Rational};

/// The payoff matrices `A` (row player) and `B` (column player), `m × n`, each mapped by a
/// positive affine transformation to integers >= 1. Such a map changes no best response, so
/// the equilibria are those of the original game, and positive payoffs make the best-response
/// polytopes bounded.
#[derive(Debug, Clone)]
pub(crate) struct IntBimatrix {
    pub(crate) m: usize,
    pub(crate) n: usize,
    pub(crate) a: Vec<Vec<BigInt>>,
    pub(crate) b: Vec<Vec<BigInt>>,
}

impl IntBimatrix {
    pub(crate) fn new(game: &Game) -> Result<IntBimatrix, GameError> {
        let (a, b) = game.bimatrix()?;
        let (m, n) = (a.len(), a[0].len());
        // Labels are kept as bits of a u128.
        if m + n > 128 {
            return Err(GameError::TooLarge(format!(
                "{m} + {n} strategies; exact two-player methods handle at most 128 in all"
            )));
        }
        Ok(IntBimatrix { m, n, a: positive_integer_matrix(&a), b: positive_integer_matrix(&b) })
    }

    /// Whether every tableau entry is sure to fit in `i128`. Entries are minors of the
    /// system `[M | I | 1]`, so Hadamard's inequality bounds them by the product of the
    /// rows' Euclidean norms. When the bound is exceeded, exact methods start with big
    /// integers at once instead of discovering the overflow late.
    pub(crate) fn fits_i128(&self) -> bool {
        let log2_norm = |entries: &mut dyn Iterator<Item = &BigInt>| -> f64 {
            let squares: f64 = entries.map(|v| to_f64(&Rational::from_integer(v.clone())).powi(2)).sum();
            0.5 * (squares + 2.0).log2()
        };
        let rows_a: f64 = self.a.iter().map(|row| log2_norm(&mut row.iter())).sum();
        let cols_b: f64 = (0..self.n).map(|j| log2_norm(&mut self.b.iter().map(|row| &row[j]))).sum();
        rows_a.max(cols_b) < 125.0
    }

    /// Runs an exact computation in `i128` when the Hadamard bound allows, falling back to
    /// big integers on overflow, or in big integers from the start.
    pub(crate) fn exact<R>(
        &self,
        small: impl FnOnce() -> Result<R, Overflow>,
        big: impl FnOnce() -> Result<R, Overflow>,
    ) -> R {
        if self.fits_i128() { with_fallback(small, big) } else { with_fallback(|| Err(Overflow), big) }
    }
}

/// Runs an exact computation in `i128` and, if a value leaves that range, again in big
/// integers (which cannot overflow).
pub(crate) fn with_fallback<R>(
    small: impl FnOnce() -> Result<R, Overflow>,
    big: impl FnOnce() -> Result<R, Overflow>,
) -> R {
    match small() {
        Ok(r) => r,
        Err(Overflow) => match big() {
            Ok(r) => r,
            Err(Overflow) => unreachable!("big integers never report overflow"),
        },
    }
}
