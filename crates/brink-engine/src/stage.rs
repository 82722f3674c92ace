//! One-shot simultaneous 2×2 stages: Chicken with private disaster costs (docs/MODEL.md §11).
//!
//! Each of two sides chooses to escalate (E) or back down (B) at once. Payoffs to side i:
//! E against B → W; B against E → −L; B, B → 0; E, E → −c_i (disaster), where c_i is the
//! side's private cost of disaster. Against an opponent who escalates with probability p,
//!
//!   EU_i(E) − EU_i(B) = W − p·(W + c_i − L).
//!
//! The module offers the two symmetric equilibria the research note uses as oracles — the
//! cutoff (Bayesian Nash) equilibrium for costs drawn from a distribution, and the logit
//! quantal-response equilibrium (McKelvey & Palfrey 1995) for a known cost — found by
//! bisection on their defining conditions, and a Monte Carlo of play on the engine's streams.

use crate::stream::{Purpose, RunStreams};

/// Chicken's public payoffs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Chicken {
    /// W: escalating against a side that backs down.
    pub win: f64,
    /// L: the loss from backing down against a side that escalates.
    pub lose: f64,
}

/// How a side decides.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum StageRule {
    /// Draws its cost c ~ U[0, `cost_max`] and escalates iff c ≤ `cutoff`.
    Cutoff {
        /// The cutoff c*.
        cutoff: f64,
        /// The upper end of the cost distribution.
        cost_max: f64,
    },
    /// Cost `cost` known; escalates with the logit probability
    /// 1/(1 + e^(−λ·(EU(E) − EU(B)))) against the belief that the other escalates with
    /// probability `belief`.
    Logit {
        /// The known disaster cost.
        cost: f64,
        /// λ.
        rationality: f64,
        /// Believed probability that the opponent escalates.
        belief: f64,
    },
}

/// Counts from playing the stage many times.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StageCounts {
    /// Plays.
    pub runs: u64,
    /// Both escalated (disaster).
    pub disaster: u64,
    /// Side 1 escalated.
    pub side1_escalated: u64,
    /// Both backed down.
    pub both_back_down: u64,
}

impl Chicken {
    /// EU(E) − EU(B) for a side with disaster cost `cost` against escalation probability `p`.
    pub fn escalation_gain(&self, cost: f64, p: f64) -> f64 {
        self.win - p * (self.win + cost - self.lose)
    }

    /// The symmetric cutoff equilibrium for costs with CDF `cdf` on [0, `cost_max`]: the cost
    /// c* at which a side is indifferent when the other escalates with probability F(c*),
    /// found by bisection (the gain decreases in c and in F(c)). Returns `cost_max` when
    /// every type escalates (the gain is still positive there).
    pub fn cutoff_equilibrium(&self, cdf: impl Fn(f64) -> f64, cost_max: f64) -> f64 {
        let gain = |c: f64| self.escalation_gain(c, cdf(c));
        if gain(cost_max) >= 0.0 {
            return cost_max;
        }
        let (mut low, mut high) = (0.0, cost_max);
        for _ in 0..200 {
            let mid = 0.5 * (low + high);
            if gain(mid) > 0.0 { low = mid } else { high = mid }
        }
        0.5 * (low + high)
    }

    /// The symmetric logit QRE: p = 1/(1 + e^(−λ·(W − p(W + c − L)))), by bisection on p
    /// (the right side decreases in p when W + c − L > 0, so the fixed point is unique).
    pub fn logit_equilibrium(&self, cost: f64, rationality: f64) -> f64 {
        let excess = |p: f64| p - logistic(rationality * self.escalation_gain(cost, p));
        let (mut low, mut high) = (0.0, 1.0);
        for _ in 0..200 {
            let mid = 0.5 * (low + high);
            if excess(mid) < 0.0 { low = mid } else { high = mid }
        }
        0.5 * (low + high)
    }

    /// Plays the stage `runs` times with seed `seed`: play n draws side i's private cost (if
    /// any) from the `Type` stream and its choice from the `Decision` stream of run n.
    pub fn play(&self, rules: [StageRule; 2], seed: u64, runs: u64) -> StageCounts {
        let mut counts = StageCounts { runs, ..StageCounts::default() };
        for run in 0..runs {
            let draws = RunStreams::new(seed, run);
            let mut side = 0;
            let escalates = rules.map(|rule| {
                // Side i's private cost and choice come from its own slots of run n.
                let (u_type, u_decision) = (draws.uniform(Purpose::Type, side), draws.uniform(Purpose::Decision, side));
                side += 1;
                match rule {
                    StageRule::Cutoff { cutoff, cost_max } => u_type * cost_max <= cutoff,
                    StageRule::Logit { cost, rationality, belief } => {
                        u_decision < logistic(rationality * self.escalation_gain(cost, belief))
                    }
                }
            });
            counts.disaster += u64::from(escalates[0] && escalates[1]);
            counts.side1_escalated += u64::from(escalates[0]);
            counts.both_back_down += u64::from(!escalates[0] && !escalates[1]);
        }
        counts
    }
}

fn logistic(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Complete information (research note §1.8): W = L = 1, c = 4 → the mixed equilibrium
    /// q* = W/(W + c − L) = 0.25 is where the gain vanishes; the logit QRE tends to it.
    #[test]
    fn mixed_equilibrium_is_the_logit_limit() {
        let game = Chicken { win: 1.0, lose: 1.0 };
        assert!(game.escalation_gain(4.0, 0.25).abs() < 1e-15);
        assert!((game.logit_equilibrium(4.0, 1e6) - 0.25).abs() < 1e-5);
        assert!((game.logit_equilibrium(4.0, 0.0) - 0.5).abs() < 1e-12);
    }
}
