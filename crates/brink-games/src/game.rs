//! The strategic-form game: players, their strategies, and exact payoffs.

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Zero};

use crate::{GameError, Rational};

/// A payoff matrix indexed `[row][column]`.
pub type Matrix = Vec<Vec<Rational>>;

/// A player: a name and the labels of its pure strategies (at least one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Player {
    /// The player's name as written in the file (may be empty).
    pub name: String,
    /// One label per pure strategy (labels may be empty).
    pub strategies: Vec<String>,
}

/// A named outcome of the outcome version of the `.nfg` format: a payoff for each player.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// The outcome's name (may be empty).
    pub name: String,
    /// One payoff per player.
    pub payoffs: Vec<Rational>,
}

/// The outcome table of a game read from the outcome version of `.nfg`, kept so that a
/// game can be written back in the form it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutcomeTable {
    /// The outcomes, numbered from 1 in the file.
    pub outcomes: Vec<Outcome>,
    /// For each pure profile (in [`Game::profile_index`] order), the outcome index into
    /// `outcomes`, or `None` for the null outcome (all payoffs zero).
    pub profile_outcomes: Vec<Option<usize>>,
}

/// A finite game in strategic (normal) form with exact rational payoffs.
///
/// Pure profiles are numbered as in Gambit's `.nfg` files: the first player's strategy
/// changes fastest. Built by [`Game::new`] or [`crate::nfg::parse`], which validate once;
/// afterwards every accessor is infallible.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Game {
    /// The game's title.
    pub title: String,
    /// The free-text comment (may be empty).
    pub comment: String,
    players: Vec<Player>,
    /// `payoffs[profile * players + player]`.
    payoffs: Vec<Rational>,
    outcomes: Option<OutcomeTable>,
}

impl Game {
    /// Builds a game from players and a flat payoff table `payoffs[profile][player]`, with
    /// profiles in `.nfg` order. Errors if there are no players, a player has no strategy,
    /// or the table has the wrong length.
    pub fn new(title: impl Into<String>, players: Vec<Player>, payoffs: Vec<Vec<Rational>>) -> Result<Game, GameError> {
        if players.is_empty() {
            return Err(GameError::Invalid("a game needs at least one player".into()));
        }
        if let Some(p) = players.iter().find(|p| p.strategies.is_empty()) {
            return Err(GameError::Invalid(format!("player \"{}\" has no strategy", p.name)));
        }
        let profiles = profile_count(&players)?;
        if payoffs.len() != profiles || payoffs.iter().any(|row| row.len() != players.len()) {
            return Err(GameError::Invalid(format!(
                "expected {profiles} profiles with {} payoffs each",
                players.len()
            )));
        }
        Ok(Game {
            title: title.into(),
            comment: String::new(),
            players,
            payoffs: payoffs.into_iter().flatten().collect(),
            outcomes: None,
        })
    }

    /// Builds a game from an outcome table (the outcome version of `.nfg`).
    pub fn from_outcomes(
        title: impl Into<String>,
        players: Vec<Player>,
        table: OutcomeTable,
    ) -> Result<Game, GameError> {
        let n = players.len();
        if let Some(o) = table.outcomes.iter().find(|o| o.payoffs.len() != n) {
            return Err(GameError::Invalid(format!(
                "outcome \"{}\" has {} payoffs, expected {n}",
                o.name,
                o.payoffs.len()
            )));
        }
        if let Some(&Some(bad)) = table.profile_outcomes.iter().find(|o| o.is_some_and(|i| i >= table.outcomes.len())) {
            return Err(GameError::Invalid(format!("outcome {} does not exist", bad + 1)));
        }
        let payoffs = table
            .profile_outcomes
            .iter()
            .map(|o| match o {
                Some(i) => table.outcomes[*i].payoffs.clone(),
                None => vec![Rational::zero(); n],
            })
            .collect();
        let mut game = Game::new(title, players, payoffs)?;
        game.outcomes = Some(table);
        Ok(game)
    }

    /// The players, in order.
    pub fn players(&self) -> &[Player] {
        &self.players
    }

    /// The number of players.
    pub fn num_players(&self) -> usize {
        self.players.len()
    }

    /// The number of pure strategies of each player.
    pub fn shape(&self) -> Vec<usize> {
        self.players.iter().map(|p| p.strategies.len()).collect()
    }

    /// The number of pure-strategy profiles.
    pub fn num_profiles(&self) -> usize {
        self.payoffs.len() / self.players.len()
    }

    /// The outcome table, if the game was built from one.
    pub fn outcome_table(&self) -> Option<&OutcomeTable> {
        self.outcomes.as_ref()
    }

    /// The index of a pure profile (one strategy index per player), first player fastest.
    pub fn profile_index(&self, profile: &[usize]) -> usize {
        let mut index = 0;
        for (p, &s) in self.players.iter().zip(profile).rev() {
            index = index * p.strategies.len() + s;
        }
        index
    }

    /// The pure profile (one strategy index per player) with the given index.
    pub fn profile(&self, mut index: usize) -> Vec<usize> {
        self.players
            .iter()
            .map(|p| {
                let s = index % p.strategies.len();
                index /= p.strategies.len();
                s
            })
            .collect()
    }

    /// The payoff to `player` at the pure profile with index `profile`.
    pub fn payoff(&self, profile: usize, player: usize) -> &Rational {
        &self.payoffs[profile * self.players.len() + player]
    }

    /// For a two-player game, the payoff matrices `(A, B)` indexed `[row][column]`.
    pub fn bimatrix(&self) -> Result<(Matrix, Matrix), GameError> {
        let shape = self.shape();
        if shape.len() != 2 {
            return Err(GameError::NotTwoPlayer(shape.len()));
        }
        let (m, n) = (shape[0], shape[1]);
        let entry = |player: usize| -> Vec<Vec<Rational>> {
            (0..m).map(|i| (0..n).map(|j| self.payoff(i + m * j, player).clone()).collect()).collect()
        };
        Ok((entry(0), entry(1)))
    }

    /// Expected payoff of every pure strategy of every player against a mixed profile
    /// (one probability vector per player), in floating point: `values[player][strategy]`.
    pub fn strategy_values_f64(&self, profile: &[Vec<f64>]) -> Vec<Vec<f64>> {
        let n = self.players.len();
        let payoffs: Vec<f64> = self.payoffs.iter().map(to_f64).collect();
        let mut values: Vec<Vec<f64>> = self.players.iter().map(|p| vec![0.0; p.strategies.len()]).collect();
        let mut pure = vec![0usize; n];
        for index in 0..self.num_profiles() {
            for player in 0..n {
                // Probability that everyone except `player` plays this profile.
                let mut others = 1.0;
                for (q, &s) in pure.iter().enumerate() {
                    if q != player {
                        others *= profile[q][s];
                    }
                }
                values[player][pure[player]] += others * payoffs[index * n + player];
            }
            advance(&mut pure, &self.shape());
        }
        values
    }

    /// Exact expected payoff of every pure strategy against a mixed profile:
    /// `values[player][strategy]`.
    pub fn strategy_values(&self, profile: &[Vec<Rational>]) -> Vec<Vec<Rational>> {
        let n = self.players.len();
        let shape = self.shape();
        let mut values: Vec<Vec<Rational>> = shape.iter().map(|&k| vec![Rational::zero(); k]).collect();
        let mut pure = vec![0usize; n];
        for index in 0..self.num_profiles() {
            for player in 0..n {
                let mut others = Rational::one();
                for (q, &s) in pure.iter().enumerate() {
                    if q != player {
                        others *= &profile[q][s];
                    }
                }
                if !others.is_zero() {
                    values[player][pure[player]] += others * self.payoff(index, player);
                }
            }
            advance(&mut pure, &shape);
        }
        values
    }

    /// The largest gain any player could make by deviating from `profile` to a pure
    /// strategy (zero at a Nash equilibrium), in exact arithmetic.
    pub fn max_regret(&self, profile: &[Vec<Rational>]) -> Rational {
        let values = self.strategy_values(profile);
        let mut worst = Rational::zero();
        for (player, vals) in values.iter().enumerate() {
            let current: Rational = vals.iter().zip(&profile[player]).map(|(v, p)| v * p).sum();
            for v in vals {
                let gain = v - &current;
                if gain > worst {
                    worst = gain;
                }
            }
        }
        worst
    }
}

/// Steps a pure profile to the next one in `.nfg` order (first player fastest).
pub(crate) fn advance(pure: &mut [usize], shape: &[usize]) {
    for (s, &k) in pure.iter_mut().zip(shape) {
        *s += 1;
        if *s < k {
            return;
        }
        *s = 0;
    }
}

fn profile_count(players: &[Player]) -> Result<usize, GameError> {
    players
        .iter()
        .try_fold(1usize, |acc, p| acc.checked_mul(p.strategies.len()))
        .filter(|&c| c <= 1 << 28)
        .ok_or_else(|| GameError::Invalid("the game has too many pure profiles".into()))
}

/// Converts an exact rational to the nearest `f64` (well enough for display).
pub fn to_f64(r: &Rational) -> f64 {
    use num_traits::ToPrimitive;
    r.to_f64().unwrap_or_else(|| {
        // Huge numerator and denominator: scale both down before dividing.
        let shift = r.numer().bits().max(r.denom().bits()).saturating_sub(1000);
        let n = (r.numer() >> shift).to_f64().unwrap_or(f64::NAN);
        let d = (r.denom() >> shift).to_f64().unwrap_or(f64::NAN);
        n / d
    })
}

/// Scales a payoff matrix to positive integers by a positive affine map, which leaves the
/// best responses (and so the equilibria) of its owner unchanged: multiply by the least
/// common multiple of the denominators, then shift so that the smallest entry is 1.
pub(crate) fn positive_integer_matrix(matrix: &[Vec<Rational>]) -> Vec<Vec<BigInt>> {
    let lcm = matrix.iter().flatten().fold(BigInt::one(), |acc, r| acc.lcm(r.denom()));
    let ints: Vec<Vec<BigInt>> =
        matrix.iter().map(|row| row.iter().map(|r| r.numer() * (&lcm / r.denom())).collect()).collect();
    let min = ints.iter().flatten().min().cloned().unwrap_or_default();
    let shift = BigInt::one() - min;
    ints.into_iter().map(|row| row.into_iter().map(|v| v + &shift).collect()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(n: i64) -> Rational {
        Rational::from_integer(n.into())
    }

    #[test]
    fn profile_numbering_has_first_player_fastest() {
        let players = vec![
            Player { name: "1".into(), strategies: vec!["a".into(), "b".into()] },
            Player { name: "2".into(), strategies: vec!["x".into(), "y".into(), "z".into()] },
        ];
        let payoffs = (0..6).map(|k| vec![r(k), r(-k)]).collect();
        let g = Game::new("t", players, payoffs).unwrap();
        assert_eq!(g.profile_index(&[1, 0]), 1);
        assert_eq!(g.profile_index(&[0, 2]), 4);
        assert_eq!(g.profile(5), vec![1, 2]);
        let (a, _) = g.bimatrix().unwrap();
        assert_eq!(a[1][2], r(5));
    }

    #[test]
    fn positive_integer_matrix_is_an_affine_image() {
        let half = Rational::new(1.into(), 2.into());
        let m = vec![vec![half.clone(), r(-1)], vec![r(0), r(2)]];
        // lcm 2: [1, -2; 0, 4], shift by 3: [4, 1; 3, 7].
        let ints = positive_integer_matrix(&m);
        let expect: Vec<Vec<BigInt>> = vec![vec![4.into(), 1.into()], vec![3.into(), 7.into()]];
        assert_eq!(ints, expect);
    }
}
