//! Threshold (cutoff) rules: the strategies of the equilibrium models in docs/VALIDATION.md.

use super::{Policy, step_toward};
use crate::model::RungId;
use crate::utility::Action;
use crate::view::DecisionView;

/// Climbs one rung per turn to `target` and holds there; concedes when the joint level reaches
/// `concede_at`, and otherwise at a constant hazard `concede_prob` per turn (the quit rule of
/// a war of attrition's mixed equilibrium).
#[derive(Debug, Clone, Copy)]
pub struct Threshold {
    /// Rung to climb to and hold.
    pub target: RungId,
    /// Joint level at which to concede.
    pub concede_at: Option<RungId>,
    /// Probability of conceding per turn.
    pub concede_prob: f64,
}

impl Policy for Threshold {
    fn decide(&self, view: &DecisionView<'_>, uniform: f64) -> Action {
        let joint = view.rungs[..view.scenario.actors.len()].iter().copied().max().unwrap_or(0);
        let can_concede = view.own().can_concede;
        if can_concede && (self.concede_at.is_some_and(|r| joint >= r) || uniform < self.concede_prob) {
            return Action::Concede;
        }
        step_toward(view, self.target)
    }

    fn distribution(&self, view: &DecisionView<'_>) -> Vec<(Action, f64)> {
        let joint = view.rungs[..view.scenario.actors.len()].iter().copied().max().unwrap_or(0);
        if !view.own().can_concede {
            return super::certain(step_toward(view, self.target));
        }
        if self.concede_at.is_some_and(|r| joint >= r) {
            return super::certain(Action::Concede);
        }
        let p = self.concede_prob.clamp(0.0, 1.0);
        vec![(Action::Concede, p), (step_toward(view, self.target), 1.0 - p)]
    }
}
