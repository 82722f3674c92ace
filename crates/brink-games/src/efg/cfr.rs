//! CFR+ (Tammelin 2014, "Solving large imperfect information games using CFR+",
//! arXiv:1407.5042; Tammelin, Burch, Johanson & Bowling 2015, IJCAI): counterfactual regret
//! minimisation (Zinkevich, Johanson, Bowling & Piccione 2007) with three changes —
//!
//! 1. *regret-matching+*: cumulative regrets are clipped at zero after every update,
//!    `R⁺_t(h, a) = max(R⁺_{t−1}(h, a) + r_t(h, a), 0)`, and the current strategy plays each
//!    action in proportion to its clipped regret (uniformly if all are zero);
//! 2. *alternating updates*: in each iteration the players are updated one after the other,
//!    each against the others' newest strategies;
//! 3. *linear averaging*: the average strategy weights iteration `t` by `t`.
//!
//! The instantaneous counterfactual regret of action `a` at information set `h` of player `i`
//! is `r_t(h, a) = Σ_{z ∈ h} π_{−i}(z) (v_i(z·a) − v_i(z))`, with `π_{−i}` the probability
//! that chance and the others reach node `z`. In two-player zero-sum games the average
//! strategy's NashConv falls like `O(1/√T)` in theory and much faster in practice.
//! Floating point; the traversal order is fixed, so results do not depend on threads.

use super::eval::Weighted;
use super::{BehaviorF64, ExtensiveGame, NodeKind};
use crate::{GameError, to_f64};

/// Settings of CFR+.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CfrConfig {
    /// The number of iterations (each updates every player once).
    pub iterations: usize,
    /// Compute the average strategy's NashConv after every iteration (else only at the end).
    pub track_exploitability: bool,
}

impl Default for CfrConfig {
    fn default() -> Self {
        CfrConfig { iterations: 1000, track_exploitability: true }
    }
}

/// What CFR+ found.
#[derive(Debug, Clone, PartialEq)]
pub struct CfrResult {
    /// The average strategy, `[player][infoset][action]`.
    pub behavior: BehaviorF64,
    /// NashConv of the average strategy after each iteration (one entry, the last, if not
    /// tracked).
    pub exploitability: Vec<f64>,
    /// Node visits over all iterations (the work measure of the benchmark).
    pub node_updates: u64,
}

/// The tree flattened for fast traversal.
struct Flat {
    kind: Vec<NodeKind>,
    children: Vec<Vec<usize>>,
    chance_probs: Vec<Vec<f64>>,
    /// `payoffs[node * players + player]` of the outcome at the node (0 if none).
    payoffs: Vec<f64>,
    /// First global action index of each (player, infoset).
    action_offset: Vec<Vec<usize>>,
    players: usize,
}

struct State {
    regrets: Vec<f64>,
    strategy: Vec<f64>,
    strategy_sum: Vec<f64>,
    weight: f64,
    node_updates: u64,
}

impl Flat {
    fn new(game: &ExtensiveGame) -> Flat {
        let players = game.num_players();
        let mut next = 0;
        let action_offset = game
            .infosets()
            .iter()
            .map(|sets| {
                sets.iter()
                    .map(|h| {
                        let o = next;
                        next += h.actions.len();
                        o
                    })
                    .collect()
            })
            .collect();
        let nodes = game.nodes();
        Flat {
            kind: nodes.iter().map(|n| n.kind).collect(),
            children: nodes.iter().map(|n| n.children.clone()).collect(),
            chance_probs: nodes
                .iter()
                .map(|n| match n.kind {
                    NodeKind::Chance { infoset } => game.chance_infosets()[infoset].probs.iter().map(to_f64).collect(),
                    _ => Vec::new(),
                })
                .collect(),
            payoffs: (0..nodes.len())
                .flat_map(|k| match game.outcome_at(k) {
                    Some(p) => p.iter().map(to_f64).collect::<Vec<_>>(),
                    None => vec![0.0; players],
                })
                .collect(),
            action_offset,
            players,
        }
    }

    /// Player `i`'s value at `node`; accumulates `i`'s instantaneous regrets (into
    /// `inst`) and average-strategy sums.
    fn walk(&self, s: &mut State, inst: &mut [f64], node: usize, i: usize, pi_i: f64, pi_o: f64) -> f64 {
        s.node_updates += 1;
        let base = self.payoffs[node * self.players + i];
        match self.kind[node] {
            NodeKind::Terminal => base,
            NodeKind::Chance { .. } => {
                let mut v = 0.0;
                for (&c, &p) in self.children[node].iter().zip(&self.chance_probs[node]) {
                    if p > 0.0 {
                        v += p * self.walk(s, inst, c, i, pi_i, pi_o * p);
                    }
                }
                base + v
            }
            NodeKind::Decision { player, infoset } => {
                let offset = self.action_offset[player][infoset];
                let k = self.children[node].len();
                if player == i {
                    let mut values = [0.0f64; 16];
                    let mut heap;
                    let values: &mut [f64] = if k <= 16 {
                        &mut values[..k]
                    } else {
                        heap = vec![0.0; k];
                        &mut heap
                    };
                    let mut v = 0.0;
                    for (a, value) in values.iter_mut().enumerate() {
                        let p = s.strategy[offset + a];
                        let child = self.children[node][a];
                        *value = if pi_i * p > 0.0 || pi_o > 0.0 {
                            self.walk(s, inst, child, i, pi_i * p, pi_o)
                        } else {
                            0.0
                        };
                        v += p * *value;
                    }
                    for a in 0..k {
                        inst[offset + a] += pi_o * (values[a] - v);
                        s.strategy_sum[offset + a] += s.weight * pi_i * s.strategy[offset + a];
                    }
                    base + v
                } else {
                    let mut v = 0.0;
                    for a in 0..k {
                        let p = s.strategy[offset + a];
                        if p > 0.0 {
                            v += p * self.walk(s, inst, self.children[node][a], i, pi_i, pi_o * p);
                        }
                    }
                    base + v
                }
            }
        }
    }
}

/// Regret matching: each information set's actions in proportion to positive regret.
fn regret_matching(regrets: &[f64], offsets: &[Vec<usize>], sizes: &[Vec<usize>], out: &mut [f64]) {
    for (offs, ks) in offsets.iter().zip(sizes) {
        for (&o, &k) in offs.iter().zip(ks) {
            let total: f64 = regrets[o..o + k].iter().map(|r| r.max(0.0)).sum();
            for a in 0..k {
                out[o + a] = if total > 0.0 { regrets[o + a].max(0.0) / total } else { 1.0 / k as f64 };
            }
        }
    }
}

fn average(sums: &[f64], offsets: &[Vec<usize>], sizes: &[Vec<usize>]) -> BehaviorF64 {
    offsets
        .iter()
        .zip(sizes)
        .map(|(offs, ks)| {
            offs.iter()
                .zip(ks)
                .map(|(&o, &k)| {
                    let total: f64 = sums[o..o + k].iter().sum();
                    (0..k).map(|a| if total > 0.0 { sums[o + a] / total } else { 1.0 / k as f64 }).collect()
                })
                .collect()
        })
        .collect()
}

/// Runs CFR+ for `config.iterations` iterations on a game of perfect recall (any number of
/// players; the guarantees hold for two-player zero-sum games).
pub fn cfr(game: &ExtensiveGame, config: &CfrConfig) -> Result<CfrResult, GameError> {
    let evaluator = Weighted::new_f64(game)?;
    let flat = Flat::new(game);
    let sizes: Vec<Vec<usize>> = game.infosets().iter().map(|s| s.iter().map(|h| h.actions.len()).collect()).collect();
    let total_actions: usize = sizes.iter().flatten().sum();
    let mut state = State {
        regrets: vec![0.0; total_actions],
        strategy: vec![0.0; total_actions],
        strategy_sum: vec![0.0; total_actions],
        weight: 0.0,
        node_updates: 0,
    };
    let mut inst = vec![0.0; total_actions];
    let mut exploitability = Vec::with_capacity(if config.track_exploitability { config.iterations } else { 1 });
    for t in 1..=config.iterations {
        state.weight = t as f64;
        for i in 0..flat.players {
            regret_matching(&state.regrets, &flat.action_offset, &sizes, &mut state.strategy);
            inst.fill(0.0);
            flat.walk(&mut state, &mut inst, 0, i, 1.0, 1.0);
            for (&o, &k) in flat.action_offset[i].iter().zip(&sizes[i]) {
                for (regret, gain) in state.regrets[o..o + k].iter_mut().zip(&inst[o..o + k]) {
                    *regret = (*regret + gain).max(0.0);
                }
            }
        }
        if config.track_exploitability || t == config.iterations {
            let avg = average(&state.strategy_sum, &flat.action_offset, &sizes);
            let (_, regrets) = evaluator.evaluate(&avg);
            exploitability.push(regrets.iter().sum());
        }
    }
    let behavior = average(&state.strategy_sum, &flat.action_offset, &sizes);
    if exploitability.is_empty() {
        let (_, regrets) = evaluator.evaluate(&behavior);
        exploitability.push(regrets.iter().sum());
    }
    Ok(CfrResult { behavior, exploitability, node_updates: state.node_updates })
}
