//! `policy = "equilibrium"`: an actor plays its behaviour strategy from an equilibrium of
//! the crisis game truncated at `turns` turns ([`crate::tree`]). The engine only looks the
//! strategy up: the game is built and solved outside it (brink-app, once per run
//! configuration) and handed in as an [`EquilibriumStrategy`]. The run loop keeps each
//! actor's memory exactly as the tree labels information sets (own red line, the public
//! history, own earlier choices), so a decision within the first `turns` turns finds its
//! information set by that label. After the horizon, at a history the tree does not hold
//! (none is reachable within the horizon), or before a strategy is supplied, the actor falls
//! back to the logit rule ([`super::LogitEu`]).

use std::collections::HashMap;

/// An equilibrium behaviour strategy of one actor, by information-set label.
#[derive(Clone, PartialEq, Default)]
pub struct EquilibriumStrategy {
    /// Information-set label ([`crate::tree::TreeNode::Decision`]'s `infoset`) → the
    /// probability of each action, in the tree's order of actions (for a move: the order of
    /// [`crate::utility::ActionSet::allowed`]; for an answer: stay silent, answer).
    pub table: HashMap<String, Vec<f64>>,
}

impl std::fmt::Debug for EquilibriumStrategy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "EquilibriumStrategy({} information sets)", self.table.len())
    }
}

/// The action drawn by `uniform` from `probs` (inverse CDF; the last action with positive
/// probability if rounding leaves `uniform` beyond the sum).
pub(crate) fn sample(probs: &[f64], uniform: f64) -> usize {
    let mut cumulative = 0.0;
    let mut last = 0;
    for (k, &p) in probs.iter().enumerate() {
        if p > 0.0 {
            cumulative += p;
            last = k;
            if uniform < cumulative {
                return k;
            }
        }
    }
    last
}

#[cfg(test)]
mod tests {
    use super::sample;

    #[test]
    fn sampling_is_the_inverse_cdf() {
        let probs = [0.25, 0.0, 0.5, 0.25];
        assert_eq!(sample(&probs, 0.0), 0);
        assert_eq!(sample(&probs, 0.2499), 0);
        assert_eq!(sample(&probs, 0.25), 2);
        assert_eq!(sample(&probs, 0.7499), 2);
        assert_eq!(sample(&probs, 0.75), 3);
        assert_eq!(sample(&probs, 0.999_999), 3);
        assert_eq!(sample(&[0.5, 0.5 - 1e-12, 0.0], 0.999_999_999_999_9), 1);
    }
}
