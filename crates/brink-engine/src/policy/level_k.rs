//! Level-k reasoning (Stahl & Wilson 1995; Nagel 1995), adapted to the ladder.

use super::Policy;
use crate::utility::{Action, ActionSet, LogitChoice, MAX_ACTIONS, expected_utilities};
use crate::view::DecisionView;

/// Level 0 holds. Level k ≥ 1 predicts that each adversary plays level k − 1 on the current
/// state (as the actor can reconstruct it: without the adversary's private red line), takes
/// those predicted moves as given, and chooses by logit expected utility. Level 1 is therefore
/// [`super::LogitEu`].
#[derive(Debug, Clone, Copy)]
pub struct LevelK {
    /// The reasoning level.
    pub level: u8,
}

impl Policy for LevelK {
    fn decide(&self, view: &DecisionView<'_>, uniform: f64) -> Action {
        level_k(view, self.level, uniform, view.own().rationality)
    }

    fn distribution(&self, view: &DecisionView<'_>) -> Vec<(Action, f64)> {
        match level_k_choice(view, self.level, view.own().rationality) {
            None => super::certain(Action::MoveTo(view.own_rung())),
            Some((actions, choice)) => actions.as_slice().iter().copied().zip(choice.probabilities()).collect(),
        }
    }
}

fn level_k(view: &DecisionView<'_>, level: u8, uniform: f64, rationality: f64) -> Action {
    match level_k_choice(view, level, rationality) {
        None => Action::MoveTo(view.own_rung()),
        Some((actions, choice)) => actions.as_slice()[choice.pick(uniform)],
    }
}

/// The allowed actions of a level-`level` actor and its logit choice over them (`None` at
/// level 0, which holds).
fn level_k_choice(view: &DecisionView<'_>, level: u8, rationality: f64) -> Option<(ActionSet, LogitChoice)> {
    if level == 0 {
        return None;
    }
    let mut anticipated = view.clone();
    for other in 0..view.scenario.actors.len() {
        if view.scenario.adversaries(view.actor, other) {
            // Predictions are best responses: the predicting actor cannot know the others' draws.
            if let Action::MoveTo(rung) = level_k(&view.as_seen_by(other), level - 1, 0.0, f64::INFINITY) {
                anticipated.rungs[other] = rung;
            }
        }
    }
    let actions = ActionSet::allowed(&anticipated);
    let mut utilities = [0.0; MAX_ACTIONS];
    let utilities = &mut utilities[..actions.as_slice().len()];
    expected_utilities(&anticipated, actions.as_slice(), utilities);
    let choice = LogitChoice::new(utilities, rationality);
    Some((actions, choice))
}
