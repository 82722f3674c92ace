//! Decision rules from outside the engine (a Python function, a language-model player).
//!
//! An actor whose policy is [`crate::PolicyKind::External`] decides through an
//! [`ExternalPolicy`]: the run loop hands it an [`Observation`] (what the actor sees: the
//! state, its beliefs, the public history, its allowed actions) and receives an
//! [`ExternalDecision`], one action or a distribution over actions. The decision's uniform
//! draw is taken from the same stream and slot as a built-in rule's (`Purpose::Decision`,
//! turn, actor) whatever the answer, and a distribution is sampled from it by inverse CDF in
//! the order given, so common random numbers line up with the built-in rules and a rule that
//! returns what a built-in rule would gives bit-identical runs.
//!
//! Runs cannot fail, so a failing rule cannot stop one: on [`ExternalStop`] (the rule gave up,
//! e.g. its Python function raised) or a decision that fails [`check`] (the rule is told
//! through [`ExternalPolicy::rejected`]), the actor holds and the run goes on. The rule keeps
//! the error and its caller stops the runner (through [`crate::RunSink::cancelled`]).
//! Answers to crossed red lines stay with the engine (docs/MODEL.md §4): observers update on
//! the answer chance the built-in rule implies, which an outside rule cannot state.

use std::sync::Arc;

use crate::utility::Action;
use crate::view::DecisionView;

/// What the deciding actor sees when an outside rule decides for it.
#[derive(Debug, Clone)]
pub struct Observation<'a> {
    /// The decision view (the state, its parameters, beliefs and unanswered crossings; its own
    /// red line is its private type, the only private item in it).
    pub view: DecisionView<'a>,
    /// Its allowed actions, from least to most escalatory (concede, down, hold, up, jumps).
    pub allowed: &'a [Action],
    /// The public history: every actor's rung at the start (turn 0) and at the end of each
    /// turn played since, turn-major (`(turn + 1) × actors` entries before turn `turn + 1`).
    pub history: &'a [u8],
}

/// An outside rule's answer.
#[derive(Debug, Clone, PartialEq)]
pub enum ExternalDecision {
    /// This action (the decision's draw is taken all the same).
    Action(Action),
    /// Each action with its probability, sampled in this order by the decision's draw (an
    /// action may appear more than once; its probabilities add up).
    Distribution(Vec<(Action, f64)>),
}

/// The rule could not decide (the reason stays with the rule, which reports it to its caller).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExternalStop;

/// Why a decision was refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum DecisionProblem {
    /// The action is not among the actor's allowed actions.
    #[error("an action the actor is not allowed")]
    NotAllowed(Action),
    /// A distribution with no entries.
    #[error("an empty distribution")]
    Empty,
    /// A probability that is negative, NaN or infinite.
    #[error("probability {1} is not a number in [0, 1]")]
    BadProbability(Action, f64),
    /// Probabilities that do not sum to 1 within [`SUM_TOLERANCE`].
    #[error("probabilities sum to {0}, not 1 (within 1e-9)")]
    NotNormalised(f64),
}

/// How far the probabilities of a distribution may sum from 1.
pub const SUM_TOLERANCE: f64 = 1e-9;

/// A decision rule outside the engine. Implementations must be deterministic functions of
/// the observation for results to be reproducible (the engine guarantees the rest).
pub trait ExternalPolicy: Send + Sync + std::fmt::Debug {
    /// Decides for `observation.view.actor`.
    fn decide(&self, observation: &Observation<'_>) -> Result<ExternalDecision, ExternalStop>;

    /// Told when a decision failed [`check`] (the actor holds instead); the rule should keep
    /// the problem and have its caller stop the runs.
    fn rejected(&self, _observation: &Observation<'_>, _problem: &DecisionProblem) {}
}

/// An [`ExternalPolicy`] shared by every simulator of a run (equal when it is the same one).
#[derive(Debug, Clone)]
pub struct ExternalRule(pub Arc<dyn ExternalPolicy>);

impl PartialEq for ExternalRule {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// Checks a decision against the allowed actions: every action allowed, probabilities in
/// [0, 1] summing to 1 within [`SUM_TOLERANCE`].
pub fn check(decision: &ExternalDecision, allowed: &[Action]) -> Result<(), DecisionProblem> {
    let check_action = |action: &Action| {
        if allowed.contains(action) { Ok(()) } else { Err(DecisionProblem::NotAllowed(*action)) }
    };
    match decision {
        ExternalDecision::Action(action) => check_action(action),
        ExternalDecision::Distribution(entries) => {
            if entries.is_empty() {
                return Err(DecisionProblem::Empty);
            }
            let mut sum = 0.0;
            for (action, p) in entries {
                check_action(action)?;
                if !(0.0..=1.0).contains(p) {
                    return Err(DecisionProblem::BadProbability(*action, *p));
                }
                sum += p;
            }
            if (sum - 1.0).abs() > SUM_TOLERANCE {
                return Err(DecisionProblem::NotNormalised(sum));
            }
            Ok(())
        }
    }
}

/// The action a checked decision takes with the decision's draw `uniform`: inverse CDF over
/// the entries in order, the last with positive probability if rounding leaves `uniform`
/// beyond the sum (as the built-in rules sample).
pub fn choose(decision: &ExternalDecision, uniform: f64) -> Action {
    match decision {
        ExternalDecision::Action(action) => *action,
        ExternalDecision::Distribution(entries) => {
            let mut cumulative = 0.0;
            let mut last = entries.first().map_or(Action::Concede, |&(action, _)| action);
            for &(action, p) in entries {
                if p > 0.0 {
                    cumulative += p;
                    last = action;
                    if uniform < cumulative {
                        return action;
                    }
                }
            }
            last
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALLOWED: [Action; 3] = [Action::Concede, Action::MoveTo(1), Action::MoveTo(2)];

    #[test]
    fn check_refuses_what_is_not_allowed_or_not_a_distribution() {
        assert_eq!(check(&ExternalDecision::Action(Action::MoveTo(1)), &ALLOWED), Ok(()));
        assert_eq!(
            check(&ExternalDecision::Action(Action::MoveTo(3)), &ALLOWED),
            Err(DecisionProblem::NotAllowed(Action::MoveTo(3)))
        );
        assert_eq!(check(&ExternalDecision::Distribution(Vec::new()), &ALLOWED), Err(DecisionProblem::Empty));
        let negative = ExternalDecision::Distribution(vec![(Action::Concede, -0.5), (Action::MoveTo(1), 1.5)]);
        assert_eq!(check(&negative, &ALLOWED), Err(DecisionProblem::BadProbability(Action::Concede, -0.5)));
        let nan = ExternalDecision::Distribution(vec![(Action::Concede, f64::NAN)]);
        assert!(matches!(check(&nan, &ALLOWED), Err(DecisionProblem::BadProbability(..))));
        let short = ExternalDecision::Distribution(vec![(Action::Concede, 0.5), (Action::MoveTo(1), 0.4999)]);
        assert!(matches!(check(&short, &ALLOWED), Err(DecisionProblem::NotNormalised(_))));
        let close = ExternalDecision::Distribution(vec![(Action::Concede, 0.5), (Action::MoveTo(1), 0.5 - 1e-12)]);
        assert_eq!(check(&close, &ALLOWED), Ok(()));
    }

    #[test]
    fn choice_is_the_inverse_cdf_in_the_order_given() {
        let decision = ExternalDecision::Distribution(vec![
            (Action::MoveTo(2), 0.25),
            (Action::Concede, 0.0),
            (Action::MoveTo(1), 0.75),
        ]);
        assert_eq!(choose(&decision, 0.0), Action::MoveTo(2));
        assert_eq!(choose(&decision, 0.2499), Action::MoveTo(2));
        assert_eq!(choose(&decision, 0.25), Action::MoveTo(1));
        assert_eq!(choose(&decision, 0.999_999_999), Action::MoveTo(1));
        assert_eq!(choose(&ExternalDecision::Action(Action::Concede), 0.3), Action::Concede);
    }
}
