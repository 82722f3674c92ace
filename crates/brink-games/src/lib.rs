//! Normal-form games for brink: read and write Gambit `.nfg` files, and compute Nash
//! equilibria and logit quantal response equilibria.
//!
//! # A short tour
//!
//! - [`Game`] is a finite game in strategic form with exact rational payoffs
//!   ([`Rational`]); [`nfg::parse`] reads either version of Gambit's `.nfg` format with
//!   errors that name line, column and token, and [`nfg::write_payoffs`] /
//!   [`nfg::write_outcomes`] write it back.
//! - Two-player solvers, all exact, all returning equilibria in canonical (lexicographic)
//!   order without duplicates:
//!   - [`support_enumeration`] and [`vertex_enumeration`] list every extreme equilibrium
//!     (every equilibrium of a nondegenerate game); they are two independent algorithms for
//!     the same set, which the tests play against each other;
//!   - [`lemke_howson`] follows the complementary path from the artificial equilibrium
//!     dropping one label, and finds one equilibrium;
//!   - [`solve_zero_sum`] gives the value and optimal strategies of a zero-sum game by
//!     linear programming.
//! - Any number of players: [`pure_equilibria`] and
//!   [`eliminate_strictly_dominated`] (iterated elimination of strictly dominated strategies).
//! - [`qre`]: the logit quantal response equilibrium (McKelvey & Palfrey 1995), traced along
//!   its principal branch from λ = 0 by a predictor–corrector (Turocy 2005).
//!
//! - [`efg`]: extensive-form games — Gambit's `.efg` format, and the sequence-form LCP
//!   (Lemke), the sequence-form LP for constant-sum games, pure agent-form equilibria, CFR+
//!   and the agent logit QRE.
//!
//! Exact enumeration works on integer tableaux (the internal `tableau` module), in `i128`
//! while values fit and in big integers when they do not, as lrs does. The crate does no IO:
//! it parses and writes strings. docs/GAMES.md gives the algorithms and their sources.

#![warn(missing_docs)]

mod bimatrix;
pub mod efg;
mod game;
mod lemke_howson;
pub mod nfg;
mod pure;
pub mod qre;
mod support;
mod tableau;
mod vertex;
mod zerosum;

pub use game::{Game, Matrix, Outcome, OutcomeTable, Player, to_f64};
pub use lemke_howson::lemke_howson;
pub use pure::{eliminate_strictly_dominated, pure_equilibria, restrict};
pub use support::support_enumeration;
pub use vertex::vertex_enumeration;
pub use zerosum::{ZeroSumSolution, solve_zero_sum};

/// An exact rational number (big numerator and denominator).
pub type Rational = num_rational::BigRational;

/// A mixed-strategy profile: one probability vector per player.
pub type Profile = Vec<Vec<Rational>>;

/// What can go wrong when reading a game or asking a solver about it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum GameError {
    /// The `.nfg` text is malformed at the given place.
    #[error("line {line}, column {column}: {message} (found {token})")]
    Parse {
        /// 1-based line number.
        line: usize,
        /// 1-based column (in characters).
        column: usize,
        /// The offending token as written, or "end of file".
        token: String,
        /// What was expected or what is wrong.
        message: String,
    },
    /// A game that cannot exist (no players, a player without strategies, wrong table size).
    #[error("invalid game: {0}")]
    Invalid(String),
    /// The method needs a two-player game; the number is how many players this one has.
    #[error("this method needs a two-player game, but the game has {0} players")]
    NotTwoPlayer(usize),
    /// The game is not zero-sum (payoffs at some profile do not add up to zero).
    #[error("the game is not zero-sum: payoffs at profile {0} do not add up to 0")]
    NotZeroSum(usize),
    /// The game is too large for the method.
    #[error("the game is too large: {0}")]
    TooLarge(String),
    /// A numerical method failed to converge (the QRE path follower).
    #[error("numerical failure: {0}")]
    Numerical(String),
    /// A bad argument, such as a label or λ out of range.
    #[error("{0}")]
    BadArgument(String),
}

/// Sorts profiles lexicographically (player 1's probabilities first) and removes duplicates:
/// the canonical order every solver returns.
pub fn canonical(mut profiles: Vec<Profile>) -> Vec<Profile> {
    profiles.sort();
    profiles.dedup();
    profiles
}
