//! Pure-strategy equilibria and iterated elimination of strictly dominated strategies, for
//! any number of players.

use crate::game::advance;
use crate::{Game, GameError, Player, Profile, Rational};
use num_traits::{One, Zero};

/// Every pure-strategy Nash equilibrium, as degenerate mixed profiles in canonical order: a
/// profile where no player has a strictly better pure strategy against the others'.
pub fn pure_equilibria(game: &Game) -> Vec<Profile> {
    let shape = game.shape();
    let mut found = Vec::new();
    for index in 0..game.num_profiles() {
        let profile = game.profile(index);
        let stable = (0..shape.len()).all(|player| {
            let mine = game.payoff(index, player);
            let mut deviation = profile.clone();
            (0..shape[player]).all(|s| {
                deviation[player] = s;
                game.payoff(game.profile_index(&deviation), player) <= mine
            })
        });
        if stable {
            found.push(
                profile
                    .iter()
                    .zip(&shape)
                    .map(|(&s, &k)| (0..k).map(|t| if t == s { Rational::one() } else { Rational::zero() }).collect())
                    .collect(),
            );
        }
    }
    crate::canonical(found)
}

/// Iterated elimination of strategies strictly dominated by another pure strategy: returns,
/// for each player, the indices of the surviving strategies. Strict dominance by pure
/// strategies is order independent (Gilboa, Kalai & Zemel 1990), so the result does not
/// depend on the order in which strategies are removed, and no Nash equilibrium uses a
/// removed strategy.
pub fn eliminate_strictly_dominated(game: &Game) -> Vec<Vec<usize>> {
    let shape = game.shape();
    let n = shape.len();
    let mut alive: Vec<Vec<usize>> = shape.iter().map(|&k| (0..k).collect()).collect();
    loop {
        let mut changed = false;
        for player in 0..n {
            let dominated: Vec<usize> = alive[player]
                .iter()
                .copied()
                .filter(|&s| alive[player].iter().any(|&t| t != s && dominates(game, &alive, player, t, s)))
                .collect();
            if !dominated.is_empty() {
                alive[player].retain(|s| !dominated.contains(s));
                changed = true;
            }
        }
        if !changed {
            return alive;
        }
    }
}

/// Does `better` strictly beat `worse` for `player` against every surviving profile of the
/// others?
fn dominates(game: &Game, alive: &[Vec<usize>], player: usize, better: usize, worse: usize) -> bool {
    // Walk the surviving profiles of the others with an odometer over `alive`.
    let sizes: Vec<usize> = alive.iter().map(Vec::len).collect();
    let mut digits = vec![0usize; alive.len()];
    let mut profile: Vec<usize> = alive.iter().map(|a| a[0]).collect();
    loop {
        profile[player] = better;
        let good = game.payoff(game.profile_index(&profile), player).clone();
        profile[player] = worse;
        if good <= *game.payoff(game.profile_index(&profile), player) {
            return false;
        }
        // Next profile of the others (the player's own digit stays 0).
        let mut q = 0;
        loop {
            if q == alive.len() {
                return true;
            }
            if q != player {
                digits[q] += 1;
                if digits[q] < sizes[q] {
                    profile[q] = alive[q][digits[q]];
                    break;
                }
                digits[q] = 0;
                profile[q] = alive[q][0];
            }
            q += 1;
        }
    }
}

/// The game restricted to the given strategies of each player (e.g. the survivors of
/// [`eliminate_strictly_dominated`]). Errors if a list is empty or names a missing strategy.
pub fn restrict(game: &Game, keep: &[Vec<usize>]) -> Result<Game, GameError> {
    let shape = game.shape();
    if keep.len() != shape.len()
        || keep.iter().zip(&shape).any(|(k, &size)| k.is_empty() || k.iter().any(|&s| s >= size))
    {
        return Err(GameError::BadArgument("keep one nonempty list of existing strategies per player".into()));
    }
    let players: Vec<Player> = game
        .players()
        .iter()
        .zip(keep)
        .map(|(p, k)| Player { name: p.name.clone(), strategies: k.iter().map(|&s| p.strategies[s].clone()).collect() })
        .collect();
    let shape: Vec<usize> = keep.iter().map(Vec::len).collect();
    let count: usize = shape.iter().product();
    let mut sub = vec![0usize; shape.len()];
    let mut payoffs = Vec::with_capacity(count);
    for _ in 0..count {
        let original: Vec<usize> = sub.iter().zip(keep).map(|(&s, k)| k[s]).collect();
        let index = game.profile_index(&original);
        payoffs.push((0..shape.len()).map(|i| game.payoff(index, i).clone()).collect());
        advance(&mut sub, &shape);
    }
    let mut restricted = Game::new(game.title.clone(), players, payoffs)?;
    restricted.comment = game.comment.clone();
    Ok(restricted)
}
