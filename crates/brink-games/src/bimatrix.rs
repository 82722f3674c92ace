//! A two-player game prepared for exact pivoting: both payoff matrices as positive integers.

use num_bigint::BigInt;

use crate::game::positive_integer_matrix;
use crate::tableau::Overflow;
use crate::{Game, GameError};

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
