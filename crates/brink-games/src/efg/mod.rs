//! Extensive-form games: the game tree, Gambit's `.efg` format, and equilibrium solvers.
//!
//! An [`ExtensiveGame`] is a finite tree whose inner nodes belong to a player or to chance,
//! with information sets, exact rational chance probabilities and outcomes (payoff vectors
//! that may sit at any node; a play's payoff is the sum of the outcomes along its path).
//! [`parse`] and [`write`] read and write Gambit's `.efg` format.
//!
//! Solvers (docs/GAMES.md, "Extensive form", gives equations and sources):
//!
//! - [`lcp()`]: one Nash equilibrium of a two-player game of perfect recall, exact, by Lemke's
//!   algorithm on the sequence-form LCP (Koller, Megiddo & von Stengel 1996);
//!   [`lcp_sparse`] the same in floating point on a sparse factorised basis, for large games,
//!   and [`lcp_f64`] whichever of the two fits;
//! - [`lp()`]: value and optimal behaviour strategies of a two-player constant-sum game by the
//!   sequence-form linear programs (Koller, Megiddo & von Stengel 1994; von Stengel 1996);
//! - [`enumpure()`]: every pure equilibrium of the agent form, any number of players;
//! - [`cfr()`]: CFR+ (Tammelin 2014) with NashConv per iteration;
//! - [`qre()`]: agent logit quantal response equilibrium (McKelvey & Palfrey 1998).
//!
//! Behaviour profiles are indexed `[player][infoset][action]`, information sets in the
//! order of their numbers in the file, actions in file order.

mod cfr;
mod enumpure;
mod eval;
mod format;
mod lcp;
mod lp;
mod qre;
mod sequence;
mod simplex;
mod sparse_lcp;

pub use cfr::{CfrConfig, CfrResult, cfr};
pub use enumpure::enumpure;
pub use eval::{Evaluation, ExactEvaluation, evaluate, evaluate_exact, nash_conv};
pub use format::{parse, write};
pub use lcp::{EXACT_LCP_F64_SIZE, MAX_LCP_SIZE, lcp, lcp_f64, lcp_size};
pub use lp::{LpSolution, lp};
pub use qre::{EfgQrePoint, qre};
pub use sparse_lcp::{REFACTOR_EVERY, SPARSE_LCP_TOLERANCE, SparseLcpSolution, lcp_sparse, sparse_lcp_pivot_limit};

use num_traits::{One, Signed, Zero};

use crate::{GameError, Rational};

/// A behaviour profile in exact arithmetic: `[player][infoset][action]` probabilities.
pub type Behavior = Vec<Vec<Vec<Rational>>>;

/// A behaviour profile in floating point: `[player][infoset][action]` probabilities.
pub type BehaviorF64 = Vec<Vec<Vec<f64>>>;

/// What a node is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    /// A leaf.
    Terminal,
    /// A chance move at chance information set `infoset` (an index into
    /// [`ExtensiveGame::chance_infosets`]).
    Chance {
        /// Index of the chance information set.
        infoset: usize,
    },
    /// A move of `player` (0-based) at its information set `infoset` (an index into
    /// [`ExtensiveGame::infosets`]`[player]`).
    Decision {
        /// The moving player, 0-based.
        player: usize,
        /// Index of the player's information set.
        infoset: usize,
    },
}

/// A node of the tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// The node's label (may be empty).
    pub name: String,
    /// Terminal, chance or decision.
    pub kind: NodeKind,
    /// The outcome reached at this node (an index into [`ExtensiveGame::outcomes`]), if any.
    pub outcome: Option<usize>,
    /// The children, one per action of the node's information set, in action order.
    pub children: Vec<usize>,
}

/// A player's information set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Infoset {
    /// Its number in the `.efg` file (numbers need not be contiguous; order is kept).
    pub number: usize,
    /// Its label (may be empty).
    pub name: String,
    /// Action labels, in file order.
    pub actions: Vec<String>,
}

/// A chance information set: actions with their exact probabilities.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChanceInfoset {
    /// Its number in the `.efg` file.
    pub number: usize,
    /// Its label (may be empty).
    pub name: String,
    /// Action labels, in file order.
    pub actions: Vec<String>,
    /// One probability per action: non-negative, adding up to 1.
    pub probs: Vec<Rational>,
}

/// A named outcome: one payoff per player.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EfgOutcome {
    /// Its number in the `.efg` file.
    pub number: usize,
    /// Its label (may be empty).
    pub name: String,
    /// One payoff per player.
    pub payoffs: Vec<Rational>,
}

/// The parts of an extensive game, as built by a reader or a generator; checked and turned
/// into a game by [`ExtensiveGame::new`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GameParts {
    /// The title.
    pub title: String,
    /// The free-text comment.
    pub comment: String,
    /// Player names.
    pub players: Vec<String>,
    /// Nodes; `nodes[0]` is the root.
    pub nodes: Vec<Node>,
    /// Each player's information sets.
    pub infosets: Vec<Vec<Infoset>>,
    /// Chance information sets.
    pub chance_infosets: Vec<ChanceInfoset>,
    /// Outcomes.
    pub outcomes: Vec<EfgOutcome>,
}

/// A finite extensive-form game with exact chance probabilities and payoffs, checked once
/// by [`ExtensiveGame::new`] (every node reached once from the root, children match actions,
/// chance probabilities form distributions, outcomes have a payoff per player).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtensiveGame {
    parts: GameParts,
    /// The parent of each node (`None` for the root).
    parents: Vec<Option<usize>>,
    /// Nodes of each information set, `[player][infoset]`, in node order.
    members: Vec<Vec<Vec<usize>>>,
}

impl ExtensiveGame {
    /// Checks the parts and builds the game.
    pub fn new(parts: GameParts) -> Result<ExtensiveGame, GameError> {
        let n = parts.players.len();
        let invalid = |m: String| Err(GameError::Invalid(m));
        if n == 0 {
            return invalid("a game needs at least one player".into());
        }
        if parts.nodes.is_empty() {
            return invalid("a game needs at least one node".into());
        }
        if parts.infosets.len() != n {
            return invalid(format!("{} players but information sets for {}", n, parts.infosets.len()));
        }
        for o in &parts.outcomes {
            if o.payoffs.len() != n {
                return invalid(format!("outcome {} has {} payoffs, expected {n}", o.number, o.payoffs.len()));
            }
        }
        for c in &parts.chance_infosets {
            if c.probs.len() != c.actions.len() || c.probs.iter().any(Signed::is_negative) {
                return invalid(format!("chance information set {} has a negative or missing probability", c.number));
            }
            if c.probs.iter().sum::<Rational>() != Rational::one() {
                return invalid(format!("the probabilities of chance information set {} do not add up to 1", c.number));
            }
        }
        let mut parents = vec![None; parts.nodes.len()];
        let mut members: Vec<Vec<Vec<usize>>> = parts.infosets.iter().map(|s| vec![Vec::new(); s.len()]).collect();
        let mut seen = vec![false; parts.nodes.len()];
        seen[0] = true;
        for (k, node) in parts.nodes.iter().enumerate() {
            let actions = match node.kind {
                NodeKind::Terminal => 0,
                NodeKind::Chance { infoset } => match parts.chance_infosets.get(infoset) {
                    Some(c) => c.actions.len(),
                    None => return invalid(format!("node {} names a missing chance information set", k + 1)),
                },
                NodeKind::Decision { player, infoset } => match parts.infosets.get(player).and_then(|s| s.get(infoset))
                {
                    Some(h) => {
                        members[player][infoset].push(k);
                        h.actions.len()
                    }
                    None => return invalid(format!("node {} names a missing information set", k + 1)),
                },
            };
            if node.kind != NodeKind::Terminal && actions == 0 {
                return invalid(format!("node {} is a move with no action", k + 1));
            }
            if node.children.len() != actions {
                return invalid(format!("node {} has {} children but {actions} actions", k + 1, node.children.len()));
            }
            if let Some(o) = node.outcome
                && o >= parts.outcomes.len()
            {
                return invalid(format!("node {} names a missing outcome", k + 1));
            }
            for &c in &node.children {
                if c >= parts.nodes.len() || seen[c] {
                    return invalid(format!("node {} has a child that is missing or reached twice", k + 1));
                }
                seen[c] = true;
                parents[c] = Some(k);
            }
        }
        if seen.iter().any(|s| !s) {
            return invalid("some nodes cannot be reached from the root".into());
        }
        // A child of a node must come later in a depth-first order only if the tree is
        // acyclic; `seen` above already makes every node the child of exactly one other
        // and the root of none, so following parents from any node ends at the root.
        for (player, sets) in members.iter().enumerate() {
            for (h, nodes) in sets.iter().enumerate() {
                if nodes.is_empty() {
                    return invalid(format!(
                        "information set {} of player {} has no node",
                        parts.infosets[player][h].number,
                        player + 1
                    ));
                }
            }
        }
        let game = ExtensiveGame { parts, parents, members };
        game.check_acyclic()?;
        Ok(game)
    }

    fn check_acyclic(&self) -> Result<(), GameError> {
        // Depth-first from the root must visit every node exactly once.
        let mut count = 0usize;
        let mut stack = vec![0usize];
        while let Some(k) = stack.pop() {
            count += 1;
            if count > self.parts.nodes.len() {
                break;
            }
            stack.extend(self.parts.nodes[k].children.iter().copied());
        }
        if count != self.parts.nodes.len() {
            return Err(GameError::Invalid("the nodes do not form a tree".into()));
        }
        Ok(())
    }

    /// The parts the game was built from.
    pub fn parts(&self) -> &GameParts {
        &self.parts
    }

    /// The title.
    pub fn title(&self) -> &str {
        &self.parts.title
    }

    /// The comment.
    pub fn comment(&self) -> &str {
        &self.parts.comment
    }

    /// Player names.
    pub fn players(&self) -> &[String] {
        &self.parts.players
    }

    /// The number of players.
    pub fn num_players(&self) -> usize {
        self.parts.players.len()
    }

    /// The nodes; index 0 is the root.
    pub fn nodes(&self) -> &[Node] {
        &self.parts.nodes
    }

    /// The parent of node `k`.
    pub fn parent(&self, k: usize) -> Option<usize> {
        self.parents[k]
    }

    /// Each player's information sets, in the order of their numbers.
    pub fn infosets(&self) -> &[Vec<Infoset>] {
        &self.parts.infosets
    }

    /// The chance information sets.
    pub fn chance_infosets(&self) -> &[ChanceInfoset] {
        &self.parts.chance_infosets
    }

    /// The outcomes.
    pub fn outcomes(&self) -> &[EfgOutcome] {
        &self.parts.outcomes
    }

    /// The nodes of information set `infoset` of `player`.
    pub fn members(&self, player: usize, infoset: usize) -> &[usize] {
        &self.members[player][infoset]
    }

    /// The number of terminal nodes.
    pub fn num_terminals(&self) -> usize {
        self.parts.nodes.iter().filter(|n| n.kind == NodeKind::Terminal).count()
    }

    /// The number of information sets, summed over players.
    pub fn num_infosets(&self) -> usize {
        self.parts.infosets.iter().map(Vec::len).sum()
    }

    /// The payoffs of the outcome at node `k`, or `None`.
    pub(crate) fn outcome_at(&self, k: usize) -> Option<&[Rational]> {
        self.parts.nodes[k].outcome.map(|o| self.parts.outcomes[o].payoffs.as_slice())
    }

    /// The smallest and largest payoff of any complete play (sum of outcomes along a path
    /// to a leaf), over all players; `(0, 0)` for a game without payoffs.
    pub fn payoff_range(&self) -> (Rational, Rational) {
        let totals = self.terminal_payoffs();
        let mut lo: Option<Rational> = None;
        let mut hi: Option<Rational> = None;
        for (_, payoffs) in &totals {
            for p in payoffs {
                if lo.as_ref().is_none_or(|l| p < l) {
                    lo = Some(p.clone());
                }
                if hi.as_ref().is_none_or(|h| p > h) {
                    hi = Some(p.clone());
                }
            }
        }
        (lo.unwrap_or_else(Rational::zero), hi.unwrap_or_else(Rational::zero))
    }

    /// Every leaf with the total payoffs along its path (outcomes at inner nodes included).
    pub fn terminal_payoffs(&self) -> Vec<(usize, Vec<Rational>)> {
        let n = self.num_players();
        let mut out = Vec::new();
        let mut stack = vec![(0usize, vec![Rational::zero(); n])];
        while let Some((k, mut acc)) = stack.pop() {
            if let Some(p) = self.outcome_at(k) {
                for (a, v) in acc.iter_mut().zip(p) {
                    *a += v;
                }
            }
            let node = &self.parts.nodes[k];
            if node.children.is_empty() {
                out.push((k, acc));
            } else {
                for &c in node.children.iter().rev() {
                    stack.push((c, acc.clone()));
                }
            }
        }
        out
    }

    /// The uniform behaviour profile (every action equally likely).
    pub fn uniform_behavior(&self) -> BehaviorF64 {
        self.parts
            .infosets
            .iter()
            .map(|sets| sets.iter().map(|h| vec![1.0 / h.actions.len() as f64; h.actions.len()]).collect())
            .collect()
    }

    /// Whether the game has perfect recall: every node of a player's information set is
    /// reached by the same sequence of that player's own moves.
    pub fn has_perfect_recall(&self) -> bool {
        sequence::own_sequences(self).is_ok()
    }
}

/// Converts an exact behaviour profile to floating point.
pub fn behavior_to_f64(behavior: &Behavior) -> BehaviorF64 {
    behavior.iter().map(|p| p.iter().map(|h| h.iter().map(crate::to_f64).collect()).collect()).collect()
}
