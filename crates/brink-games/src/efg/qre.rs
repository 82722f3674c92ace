//! Agent logit quantal response equilibrium of an extensive game (McKelvey & Palfrey 1998,
//! "Quantal response equilibria for extensive form games", Experimental Economics 1).
//!
//! Each agent (a player at one information set `h`) chooses action `a` with probability
//! `p(h, a) ∝ exp(λ Q(h, a))`, where `Q(h, a)` is the player's expected payoff from playing
//! `a` at `h` and following the profile afterwards, given the beliefs at `h` that Bayes' rule
//! gives from the others' and chance's reach probabilities
//! (`μ(z) ∝ π_{−i}(z)`, which under perfect recall equals the full conditional). At λ = 0
//! play is uniform; as λ grows the principal branch approaches a sequential equilibrium.
//!
//! In log-probabilities `w(h, a) = ln p(h, a)` the equilibria at λ are the zeros of
//! `Σ_a exp(w(h, a)) − 1` and `w(h, a) − w(h, 0) − λ (Q(h, a) − Q(h, 0))` (`a ≥ 1`). The branch
//! is followed from λ = 0 by natural-parameter continuation: a secant predictor in λ and
//! Newton correctors (finite-difference Jacobian), halving the step when Newton fails and
//! lengthening it when Newton converges fast (Allgower & Georg 1990, ch. 2). Unlike
//! arclength continuation this cannot pass a turning point of λ; branches of the games in
//! the tests have none, and a failure is reported rather than guessed around.

use super::{BehaviorF64, ExtensiveGame, NodeKind};
use crate::{GameError, to_f64};

/// The most work (actions² × nodes) one Newton step of the QRE tracer may take.
const MAX_WORK: f64 = 5e10;

/// One point of the branch: λ and the agent QRE there.
#[derive(Debug, Clone, PartialEq)]
pub struct EfgQrePoint {
    /// The precision λ.
    pub lambda: f64,
    /// Behaviour probabilities `[player][infoset][action]`.
    pub behavior: BehaviorF64,
}

struct Model<'a> {
    game: &'a ExtensiveGame,
    /// First index of each (player, infoset) in the flat vector of actions.
    offset: Vec<Vec<usize>>,
    size: usize,
    payoffs: Vec<Vec<f64>>,
    chance: Vec<Vec<f64>>,
}

impl<'a> Model<'a> {
    fn new(game: &'a ExtensiveGame) -> Self {
        let mut next = 0;
        let offset = game
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
        let n = game.num_players();
        let payoffs = (0..game.nodes().len())
            .map(|k| game.outcome_at(k).map_or(vec![0.0; n], |p| p.iter().map(to_f64).collect()))
            .collect();
        let chance = game
            .nodes()
            .iter()
            .map(|node| match node.kind {
                NodeKind::Chance { infoset } => game.chance_infosets()[infoset].probs.iter().map(to_f64).collect(),
                _ => Vec::new(),
            })
            .collect();
        Model { game, offset, size: next, payoffs, chance }
    }

    fn behavior(&self, probs: &[f64]) -> BehaviorF64 {
        self.offset
            .iter()
            .zip(self.game.infosets())
            .map(|(offs, sets)| offs.iter().zip(sets).map(|(&o, h)| probs[o..o + h.actions.len()].to_vec()).collect())
            .collect()
    }

    /// `Q(h, a)` for every action, flat.
    fn action_values(&self, probs: &[f64]) -> Vec<f64> {
        let nodes = self.game.nodes();
        let n = self.game.num_players();
        // Node values per player, children after parents in a depth-first order.
        let mut order = Vec::with_capacity(nodes.len());
        let mut stack = vec![0usize];
        while let Some(k) = stack.pop() {
            order.push(k);
            stack.extend(nodes[k].children.iter().copied());
        }
        let mut value = vec![0.0; nodes.len() * n];
        for &k in order.iter().rev() {
            let node = &nodes[k];
            for i in 0..n {
                let mut v = self.payoffs[k][i];
                match node.kind {
                    NodeKind::Terminal => {}
                    NodeKind::Chance { .. } => {
                        for (c, p) in node.children.iter().zip(&self.chance[k]) {
                            v += p * value[c * n + i];
                        }
                    }
                    NodeKind::Decision { player, infoset } => {
                        let o = self.offset[player][infoset];
                        for (a, c) in node.children.iter().enumerate() {
                            v += probs[o + a] * value[c * n + i];
                        }
                    }
                }
                value[k * n + i] = v;
            }
        }
        // Reach of each node by everyone but each player: reach_others[k * n + i].
        let mut reach = vec![1.0; nodes.len() * n];
        for &k in &order {
            let node = &nodes[k];
            for (a, &c) in node.children.iter().enumerate() {
                for i in 0..n {
                    let factor = match node.kind {
                        NodeKind::Chance { .. } => self.chance[k][a],
                        NodeKind::Decision { player, infoset } if player != i => {
                            probs[self.offset[player][infoset] + a]
                        }
                        _ => 1.0,
                    };
                    reach[c * n + i] = reach[k * n + i] * factor;
                }
            }
        }
        let mut q = vec![0.0; self.size];
        let mut weight = vec![0.0; self.size];
        for (k, node) in nodes.iter().enumerate() {
            if let NodeKind::Decision { player, infoset } = node.kind {
                let o = self.offset[player][infoset];
                let r = reach[k * n + player];
                for (a, &c) in node.children.iter().enumerate() {
                    q[o + a] += r * value[c * n + player];
                    weight[o + a] += r;
                }
            }
        }
        for (v, w) in q.iter_mut().zip(&weight) {
            if *w > 0.0 {
                *v /= w;
            }
        }
        q
    }

    fn residual(&self, w: &[f64], lambda: f64) -> Vec<f64> {
        let probs: Vec<f64> = w.iter().map(|x| x.exp()).collect();
        let q = self.action_values(&probs);
        let mut h = vec![0.0; self.size];
        for (offs, sets) in self.offset.iter().zip(self.game.infosets()) {
            for (&o, set) in offs.iter().zip(sets) {
                let k = set.actions.len();
                h[o] = probs[o..o + k].iter().sum::<f64>() - 1.0;
                for a in 1..k {
                    h[o + a] = w[o + a] - w[o] - lambda * (q[o + a] - q[o]);
                }
            }
        }
        h
    }

    /// Newton's method at fixed λ from `w`; `Some` if it converges within a few steps.
    fn correct(&self, mut w: Vec<f64>, lambda: f64) -> Option<(Vec<f64>, usize)> {
        let n = self.size;
        for iteration in 0..12 {
            let h = self.residual(&w, lambda);
            let norm = h.iter().fold(0.0f64, |m, v| m.max(v.abs()));
            if !norm.is_finite() {
                return None;
            }
            if norm < 1e-11 {
                return Some((w, iteration));
            }
            // Finite-difference Jacobian, column by column.
            let mut jac = vec![vec![0.0; n]; n];
            for j in 0..n {
                let step = 1e-7 * (1.0 + w[j].abs());
                let mut shifted = w.clone();
                shifted[j] += step;
                let hs = self.residual(&shifted, lambda);
                for i in 0..n {
                    jac[i][j] = (hs[i] - h[i]) / step;
                }
            }
            let delta = solve_linear(jac, h.iter().map(|v| -v).collect())?;
            for (x, d) in w.iter_mut().zip(&delta) {
                *x += d;
            }
        }
        None
    }
}

/// Gaussian elimination with partial pivoting; `None` if the matrix is singular.
fn solve_linear(mut a: Vec<Vec<f64>>, mut b: Vec<f64>) -> Option<Vec<f64>> {
    let n = b.len();
    for k in 0..n {
        let p = (k..n).max_by(|&i, &j| a[i][k].abs().total_cmp(&a[j][k].abs()))?;
        if a[p][k].abs() < 1e-300 {
            return None;
        }
        a.swap(p, k);
        b.swap(p, k);
        for i in k + 1..n {
            let f = a[i][k] / a[k][k];
            if f != 0.0 {
                let (upper, lower) = a.split_at_mut(i);
                for (x, y) in lower[0][k..].iter_mut().zip(&upper[k][k..]) {
                    *x -= f * y;
                }
                b[i] -= f * b[k];
            }
        }
    }
    let mut x = vec![0.0; n];
    for k in (0..n).rev() {
        let s: f64 = (k + 1..n).map(|j| a[k][j] * x[j]).sum();
        x[k] = (b[k] - s) / a[k][k];
    }
    Some(x)
}

/// Follows the principal branch of agent logit QREs from λ = 0 to `lambda` and returns the
/// points it stepped through, the last at `lambda`.
pub fn qre(game: &ExtensiveGame, lambda: f64) -> Result<Vec<EfgQrePoint>, GameError> {
    if !(lambda.is_finite() && lambda >= 0.0) {
        return Err(GameError::BadArgument(format!("λ must be a non-negative number, not {lambda}")));
    }
    let model = Model::new(game);
    // Each Newton step evaluates the game once per action (finite differences).
    let work = model.size as f64 * model.size as f64 * game.nodes().len() as f64;
    if work > MAX_WORK {
        return Err(GameError::TooLarge(format!(
            "{} actions over {} nodes: the agent QRE's dense Newton steps would take too long (try cfr)",
            model.size,
            game.nodes().len()
        )));
    }
    let uniform: Vec<f64> = model
        .offset
        .iter()
        .zip(game.infosets())
        .flat_map(|(offs, sets)| {
            offs.iter().zip(sets).flat_map(|(_, h)| vec![-(h.actions.len() as f64).ln(); h.actions.len()])
        })
        .collect();
    let mut points = vec![(0.0, uniform)];
    let mut step = 0.05f64.min(lambda.max(1e-12));
    while points.last().map(|p| p.0).unwrap_or(0.0) < lambda {
        let (l0, w0) = points.last().cloned().expect("a start");
        let l1 = (l0 + step).min(lambda);
        // Secant predictor through the last two points.
        let guess: Vec<f64> = match points.len() {
            1 => w0.clone(),
            k => {
                let (lp, wp) = &points[k - 2];
                let t = (l1 - l0) / (l0 - lp);
                w0.iter().zip(wp).map(|(a, b)| a + t * (a - b)).collect()
            }
        };
        match model.correct(guess, l1).or_else(|| model.correct(w0.clone(), l1)) {
            Some((w, iterations)) => {
                points.push((l1, w));
                if iterations <= 4 {
                    step *= 2.0;
                }
            }
            None => {
                step /= 4.0;
                if step < 1e-9 * (1.0 + l0) {
                    return Err(GameError::Numerical(format!(
                        "the logit QRE branch could not be followed past λ = {l0:.6}"
                    )));
                }
            }
        }
    }
    Ok(points
        .into_iter()
        .map(|(l, w)| {
            let probs: Vec<f64> = w.iter().map(|x| x.exp()).collect();
            EfgQrePoint { lambda: l, behavior: model.behavior(&probs) }
        })
        .collect())
}
