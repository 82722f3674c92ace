//! Every pure equilibrium of the agent form (Selten 1975, "Reexamination of the perfectness
//! concept for equilibrium points in extensive games", Int. J. Game Theory 4): pure
//! behaviour profiles — one action at each information set — at which no *agent* (a player
//! at one of its information sets) gains by changing its action alone. This is what
//! Gambit's `enumpure -A` reports. Every pure Nash equilibrium of a game with perfect recall
//! is an agent-form equilibrium; the converse can fail when a player would gain only by
//! changing its actions at several information sets together. Any number of players; perfect
//! recall is not needed.

use num_traits::{One, Zero};

use super::{Behavior, ExtensiveGame, NodeKind};
use crate::{GameError, Rational};

/// The most work (profiles × agents' alternatives × nodes) the enumeration takes on.
const MAX_WORK: f64 = 2e9;

/// Expected payoffs of a pure profile (`choice[player][infoset]`), and for each information
/// set whether play reaches it with positive probability.
fn play(game: &ExtensiveGame, choice: &[Vec<usize>], reached: &mut [Vec<bool>]) -> Vec<Rational> {
    let n = game.num_players();
    let mut total = vec![Rational::zero(); n];
    let mut stack = vec![(0usize, Rational::one())];
    while let Some((k, prob)) = stack.pop() {
        if let Some(p) = game.outcome_at(k) {
            for (t, v) in total.iter_mut().zip(p) {
                *t += &prob * v;
            }
        }
        let node = &game.nodes()[k];
        match node.kind {
            NodeKind::Terminal => {}
            NodeKind::Chance { infoset } => {
                for (c, q) in node.children.iter().zip(&game.chance_infosets()[infoset].probs) {
                    if !q.is_zero() {
                        stack.push((*c, &prob * q));
                    }
                }
            }
            NodeKind::Decision { player, infoset } => {
                reached[player][infoset] = true;
                stack.push((node.children[choice[player][infoset]], prob));
            }
        }
    }
    total
}

/// Every pure agent-form equilibrium, as behaviour profiles with probabilities 0 and 1, in
/// canonical (lexicographic) order.
pub fn enumpure(game: &ExtensiveGame) -> Result<Vec<Behavior>, GameError> {
    let agents: Vec<(usize, usize, usize)> = game
        .infosets()
        .iter()
        .enumerate()
        .flat_map(|(p, sets)| sets.iter().enumerate().map(move |(h, set)| (p, h, set.actions.len())))
        .collect();
    let profiles: f64 = agents.iter().map(|a| a.2 as f64).product();
    let alternatives: f64 = agents.iter().map(|a| a.2 as f64).sum::<f64>() + 1.0;
    let work = profiles * alternatives * game.nodes().len() as f64;
    if work > MAX_WORK {
        return Err(GameError::TooLarge(format!(
            "{profiles:.0} pure profiles; enumpure checks at most about {MAX_WORK:.0} node visits in all"
        )));
    }
    let mut choice: Vec<Vec<usize>> = game.infosets().iter().map(|sets| vec![0; sets.len()]).collect();
    let mut reached: Vec<Vec<bool>> = game.infosets().iter().map(|sets| vec![false; sets.len()]).collect();
    let mut found = Vec::new();
    loop {
        reached.iter_mut().for_each(|r| r.fill(false));
        let base = play(game, &choice, &mut reached);
        let mut scratch = reached.clone();
        let stable = agents.iter().all(|&(p, h, k)| {
            // An agent whose information set is never reached cannot change the payoffs.
            if !reached[p][h] {
                return true;
            }
            let own = choice[p][h];
            let mut deviation = choice.clone();
            (0..k).filter(|&a| a != own).all(|a| {
                deviation[p][h] = a;
                play(game, &deviation, &mut scratch)[p] <= base[p]
            })
        });
        if stable {
            found.push(
                choice
                    .iter()
                    .zip(game.infosets())
                    .map(|(cs, sets)| {
                        cs.iter()
                            .zip(sets)
                            .map(|(&c, set)| {
                                (0..set.actions.len())
                                    .map(|a| if a == c { Rational::one() } else { Rational::zero() })
                                    .collect()
                            })
                            .collect()
                    })
                    .collect(),
            );
        }
        // Next profile: the first agent's action changes fastest.
        let mut advanced = false;
        for &(p, h, k) in &agents {
            choice[p][h] += 1;
            if choice[p][h] < k {
                advanced = true;
                break;
            }
            choice[p][h] = 0;
        }
        if !advanced {
            break;
        }
    }
    found.sort();
    found.dedup();
    Ok(found)
}
