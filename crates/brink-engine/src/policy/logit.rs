//! Logit expected utility: the default rule.

use super::Policy;
use crate::utility::{Action, ActionSet, MAX_ACTIONS, expected_utilities, logit_choice};
use crate::view::DecisionView;

/// Chooses by expected utility under the actor's beliefs, with logit noise of rationality λ
/// (P(a) ∝ exp(λ·EU(a)); λ = ∞ is best response, ties toward the less escalatory action).
#[derive(Debug, Clone, Copy)]
pub struct LogitEu;

impl Policy for LogitEu {
    fn decide(&self, view: &DecisionView<'_>, uniform: f64) -> Action {
        let actions = ActionSet::allowed(view);
        let mut utilities = [0.0; MAX_ACTIONS];
        let utilities = &mut utilities[..actions.as_slice().len()];
        expected_utilities(view, actions.as_slice(), utilities);
        actions.as_slice()[logit_choice(utilities, view.own().rationality, uniform)]
    }

    fn is_logit_expected_utility(&self) -> bool {
        true
    }
}
