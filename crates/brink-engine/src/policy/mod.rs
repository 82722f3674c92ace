//! Decision rules. A rule maps what an actor sees, and one uniform draw, to an action; a new
//! rule is a new file implementing [`Policy`].

mod equilibrium;
pub mod external;
mod level_k;
mod logit;
mod private_quit;
mod scripted;
mod threshold;

pub use equilibrium::EquilibriumStrategy;
pub(crate) use equilibrium::sample as sample_strategy;
pub use external::{ExternalDecision, ExternalPolicy, ExternalRule, ExternalStop, Observation};
pub use level_k::LevelK;
pub use logit::LogitEu;
pub use private_quit::PrivateQuit;
pub use scripted::{Dove, Hawk, Hold, RandomWalk, TitForTat};
pub use threshold::Threshold;

use crate::model::PolicyKind;
use crate::utility::Action;
use crate::view::DecisionView;

/// A decision rule. `uniform` is a draw from U[0, 1) that the rule may use (inverse-CDF
/// sampling keeps every rule a pure function of its inputs, so common random numbers line up
/// across policies).
pub trait Policy: Send + Sync + std::fmt::Debug {
    /// Chooses the deciding actor's action.
    fn decide(&self, view: &DecisionView<'_>, uniform: f64) -> Action;

    /// The distribution [`Self::decide`] samples from: each action with the probability of the
    /// draws that choose it (an action may appear more than once). Exact likelihoods branch
    /// on it; a test holds it to [`Self::decide`] over a grid of draws.
    fn distribution(&self, view: &DecisionView<'_>) -> Vec<(Action, f64)>;

    /// Whether the rule is exactly logit choice over [`crate::utility::expected_utilities`] of
    /// the allowed actions (then the simulator may memoize the utilities).
    fn is_logit_expected_utility(&self) -> bool {
        false
    }

    /// Whether the rule draws a private type at the start of each run (see [`Self::start_run`]).
    fn uses_private_draw(&self) -> bool {
        false
    }

    /// Called at the start of every run with one uniform draw from the run's `Type` stream,
    /// for rules that [`Self::uses_private_draw`]: the actor's private type for this run.
    fn start_run(&mut self, _private_draw: f64) {}
}

/// Builds the rule described by `kind`.
pub fn build(kind: &PolicyKind) -> Box<dyn Policy> {
    match *kind {
        PolicyKind::PrivateQuit { target, ref quit_turns } => Box::new(PrivateQuit::new(target, quit_turns.clone())),
        // The equilibrium strategy is looked up by the run loop, which knows the history; the
        // rule itself is the logit fallback.
        PolicyKind::LogitEu | PolicyKind::Equilibrium { .. } => Box::new(LogitEu),
        PolicyKind::LevelK { level } => Box::new(LevelK { level }),
        PolicyKind::Threshold { target, concede_at, concede_prob } => {
            Box::new(Threshold { target, concede_at, concede_prob })
        }
        PolicyKind::Hawk => Box::new(Hawk),
        PolicyKind::Dove => Box::new(Dove),
        PolicyKind::Hold => Box::new(Hold),
        PolicyKind::TitForTat => Box::new(TitForTat),
        PolicyKind::RandomWalk { up, down } => Box::new(RandomWalk { up, down }),
        // The run loop asks the outside rule itself (`external`); this stands in where it is not
        // asked (the likelihood refuses such scenarios, the game tree reads no rule).
        PolicyKind::External(_) => Box::new(Hold),
    }
}

/// A rule that ignores its draw: its one action, with certainty.
pub(crate) fn certain(action: Action) -> Vec<(Action, f64)> {
    vec![(action, 1.0)]
}

/// Moves one rung from `from` toward `to`, within the actor's allowed range.
pub(crate) fn step_toward(view: &DecisionView<'_>, to: usize) -> Action {
    let from = view.own_rung();
    let params = view.own();
    let next = if to > from {
        (from + 1).min(params.max_rung).max(from)
    } else if to < from {
        (from - 1).max(params.min_rung).min(from)
    } else {
        from
    };
    Action::MoveTo(next)
}
