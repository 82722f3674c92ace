//! The sequence form (Romanovskii 1962; Koller & Megiddo 1992; von Stengel 1996, "Efficient
//! computation of behavior strategies", Games Econ. Behav. 14).
//!
//! A player's *sequence* is the list of its own moves on the path to a node; under perfect
//! recall it is determined by its last move `(h, a)`, so the sequences of player `i` are the
//! empty sequence `∅` (number 0) and one per action of each information set (numbered
//! information set by information set, actions in order). A *realization plan* `x` gives each
//! sequence the probability that the player plays it; it satisfies `x_∅ = 1` and
//! `Σ_a x_{σ_h a} = x_{σ_h}` for each information set `h` with parent sequence `σ_h`:
//! `E x = e`. A leaf reached by sequences `(σ_1, …, σ_n)` with chance probability `c`
//! contributes `c · u(leaf)` to the payoff at `(σ_1, …, σ_n)`, which is linear in each plan.

use num_traits::{One, Zero};

use super::{ExtensiveGame, NodeKind};
use crate::{GameError, Rational};

/// The sequence structure of one player.
#[derive(Debug, Clone)]
pub(crate) struct PlayerSequences {
    /// First sequence number of each information set's actions.
    pub(crate) offset: Vec<usize>,
    /// The parent sequence of each information set.
    pub(crate) parent: Vec<usize>,
    /// The number of sequences (including ∅).
    pub(crate) count: usize,
    /// The information sets whose parent sequence is each sequence.
    pub(crate) children: Vec<Vec<usize>>,
}

impl PlayerSequences {
    /// The sequence of playing `action` at information set `h`.
    pub(crate) fn seq(&self, h: usize, action: usize) -> usize {
        self.offset[h] + action
    }
}

/// For each node, each player's sequence on the path to it; error if the game lacks perfect
/// recall (two nodes of one information set reached by different own sequences).
pub(crate) fn own_sequences(game: &ExtensiveGame) -> Result<(Vec<PlayerSequences>, Vec<Vec<usize>>), GameError> {
    let n = game.num_players();
    let mut players: Vec<PlayerSequences> = game
        .infosets()
        .iter()
        .map(|sets| {
            let mut offset = Vec::with_capacity(sets.len());
            let mut next = 1;
            for h in sets {
                offset.push(next);
                next += h.actions.len();
            }
            PlayerSequences {
                offset,
                parent: vec![usize::MAX; sets.len()],
                count: next,
                children: vec![Vec::new(); next],
            }
        })
        .collect();
    let mut at_node = vec![vec![0usize; n]; game.nodes().len()];
    let mut stack = vec![0usize];
    while let Some(k) = stack.pop() {
        let node = &game.nodes()[k];
        if let NodeKind::Decision { player, infoset } = node.kind {
            let mine = at_node[k][player];
            let ps = &mut players[player];
            if ps.parent[infoset] == usize::MAX {
                ps.parent[infoset] = mine;
                ps.children[mine].push(infoset);
            } else if ps.parent[infoset] != mine {
                return Err(GameError::Invalid(format!(
                    "the game does not have perfect recall: player {} cannot tell apart, at information set {}, paths on which it moved differently",
                    player + 1,
                    game.infosets()[player][infoset].number
                )));
            }
        }
        for (a, &c) in node.children.iter().enumerate() {
            let mut seqs = at_node[k].clone();
            if let NodeKind::Decision { player, infoset } = node.kind {
                seqs[player] = players[player].seq(infoset, a);
            }
            at_node[c] = seqs;
            stack.push(c);
        }
    }
    for ps in &mut players {
        for list in &mut ps.children {
            list.sort_unstable();
        }
    }
    Ok((players, at_node))
}

/// The probability that chance's moves lead to each node, computed top down (children come
/// after their parents in any depth-first visit from the root).
pub(crate) fn chance_reach<T: Clone>(
    game: &ExtensiveGame,
    one: T,
    convert: impl Fn(&Rational) -> T,
    multiply: impl Fn(&T, &T) -> T,
) -> Vec<T> {
    let mut reach: Vec<Option<T>> = vec![None; game.nodes().len()];
    reach[0] = Some(one);
    let mut stack = vec![0usize];
    while let Some(k) = stack.pop() {
        let node = &game.nodes()[k];
        let here = reach[k].clone().expect("parents are visited first");
        for (a, &c) in node.children.iter().enumerate() {
            reach[c] = Some(match node.kind {
                NodeKind::Chance { infoset } => multiply(&here, &convert(&game.chance_infosets()[infoset].probs[a])),
                _ => here.clone(),
            });
            stack.push(c);
        }
    }
    reach.into_iter().map(|r| r.expect("every node is reached")).collect()
}

/// One leaf of the sequence form: the players' sequences, the chance probability of the
/// path, and the total payoffs along it.
#[derive(Debug, Clone)]
pub(crate) struct Leaf {
    pub(crate) seqs: Vec<usize>,
    pub(crate) chance: Rational,
    pub(crate) payoffs: Vec<Rational>,
}

/// The sequence form of a game of perfect recall.
#[derive(Debug, Clone)]
pub(crate) struct SequenceForm {
    pub(crate) players: Vec<PlayerSequences>,
    /// Every leaf with positive chance probability (leaves with zero payoffs included: the
    /// shift that makes payoffs positive needs them).
    pub(crate) leaves: Vec<Leaf>,
}

impl SequenceForm {
    pub(crate) fn new(game: &ExtensiveGame) -> Result<SequenceForm, GameError> {
        let (players, at_node) = own_sequences(game)?;
        let chance = chance_reach(game, Rational::one(), |p| p.clone(), |a, b| a * b);
        let mut leaves = Vec::new();
        for (k, payoffs) in game.terminal_payoffs() {
            if !chance[k].is_zero() {
                leaves.push(Leaf { seqs: at_node[k].clone(), chance: chance[k].clone(), payoffs });
            }
        }
        Ok(SequenceForm { players, leaves })
    }

    /// The behaviour strategy of a realization plan: `x_{σ_h a} / Σ_b x_{σ_h b}` at each
    /// information set the plan reaches, uniform where it does not.
    pub(crate) fn behavior_of(&self, player: usize, plan: &[Rational], actions: &[usize]) -> Vec<Vec<Rational>> {
        let ps = &self.players[player];
        actions
            .iter()
            .enumerate()
            .map(|(h, &k)| {
                let total: Rational = (0..k).map(|a| &plan[ps.seq(h, a)]).sum();
                if total.is_zero() {
                    vec![Rational::new(1.into(), (k as i64).into()); k]
                } else {
                    (0..k).map(|a| &plan[ps.seq(h, a)] / &total).collect()
                }
            })
            .collect()
    }
}
