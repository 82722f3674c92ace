//! Logit expected utility: the default rule.

use super::Policy;
use crate::utility::{Action, logit_expected_utility};
use crate::view::DecisionView;

/// Chooses by expected utility under the actor's beliefs, with logit noise of rationality λ
/// (P(a) ∝ exp(λ·EU(a)); λ = ∞ is best response, ties toward the less escalatory action).
#[derive(Debug, Clone, Copy)]
pub struct LogitEu;

impl Policy for LogitEu {
    fn decide(&self, view: &DecisionView<'_>, uniform: f64) -> Action {
        let (actions, choice) = logit_expected_utility(view);
        actions.as_slice()[choice.pick(uniform)]
    }

    fn distribution(&self, view: &DecisionView<'_>) -> Vec<(Action, f64)> {
        let (actions, choice) = logit_expected_utility(view);
        actions.as_slice().iter().copied().zip(choice.probabilities()).collect()
    }

    fn is_logit_expected_utility(&self) -> bool {
        true
    }
}
