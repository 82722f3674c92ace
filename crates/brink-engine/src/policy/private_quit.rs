//! Quitting at a privately drawn turn: the equilibrium strategies of wars of attrition
//! (docs/MODEL.md §8).

use super::{Policy, step_toward};
use crate::model::{QuitTurns, RungId};
use crate::utility::Action;
use crate::view::DecisionView;

/// Climbs one rung per turn to `target` and holds; concedes at every decision from turn K on,
/// where K is drawn at the start of each run from [`QuitTurns`] by inverse CDF with the
/// actor's private draw. A mixed strategy over quit times (Maynard Smith 1974; Hendricks,
/// Weiss & Wilson 1988) and the pure strategy b(v) of a privately known value v (the Bayesian
/// war of attrition, research note §1.4) are both a distribution of K.
#[derive(Debug, Clone)]
pub struct PrivateQuit {
    target: RungId,
    quit_turns: QuitTurns,
    quit_turn: Option<u32>,
}

impl PrivateQuit {
    /// The rule; the quit turn is drawn by [`Policy::start_run`].
    pub fn new(target: RungId, quit_turns: QuitTurns) -> Self {
        Self { target, quit_turns, quit_turn: None }
    }
}

impl Policy for PrivateQuit {
    fn decide(&self, view: &DecisionView<'_>, _uniform: f64) -> Action {
        if view.own().can_concede && self.quit_turn.is_some_and(|k| view.turn >= k) {
            return Action::Concede;
        }
        step_toward(view, self.target)
    }

    /// Given the type this run drew (exact likelihoods do not branch on the type yet).
    fn distribution(&self, view: &DecisionView<'_>) -> Vec<(Action, f64)> {
        super::certain(self.decide(view, 0.0))
    }

    fn uses_private_draw(&self) -> bool {
        true
    }

    fn start_run(&mut self, private_draw: f64) {
        self.quit_turn = self.quit_turns.sample(private_draw);
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{PolicyKind, QuitTurns, Scenario, TurnOrder};
    use crate::testing::{actor, params, plain_rungs, rules};
    use crate::{Ladder, Outcome, RunConfig, run_many};

    #[test]
    fn quit_turns_sample_by_inverse_cdf() {
        let q = QuitTurns::new(vec![0.25, 0.25, 0.75]).unwrap();
        assert_eq!(q.sample(0.0), Some(1));
        assert_eq!(q.sample(0.2499), Some(1));
        assert_eq!(q.sample(0.25), Some(3));
        assert_eq!(q.sample(0.7), Some(3));
        assert_eq!(q.sample(0.75), None);
        assert!(QuitTurns::new(vec![0.5, 0.4]).is_err());
        assert!(QuitTurns::new(vec![1.5]).is_err());
    }

    /// One actor conceding at K with P(K = 1) = 0.2, P(K = 3) = 0.5, never 0.3; the turn
    /// histogram of concessions must match, and a rerun on other threads must be identical.
    #[test]
    fn the_quit_turn_has_the_given_distribution() {
        let n = 3;
        let mut p = params(n - 1);
        p.can_concede = true;
        let quit = QuitTurns::new(vec![0.2, 0.2, 0.7]).unwrap();
        let a = actor("a", 0, 1, p, PolicyKind::PrivateQuit { target: 1, quit_turns: quit }, n);
        let b = actor("b", 1, 1, p, PolicyKind::Hold, n);
        let mut r = rules(2, 5, n - 1);
        r.turn_order = TurnOrder::Simultaneous;
        let ladder = Ladder::new(plain_rungs(n, 2), 2).unwrap();
        let scenario = Scenario::new("q".into(), ladder, vec!["x".into(), "y".into()], vec![a, b], vec![], r).unwrap();
        let runs = 40_000;
        let summary = run_many(&scenario, &RunConfig { runs, seed: 3, threads: Some(1) }, &mut ()).unwrap();
        let again = run_many(&scenario, &RunConfig { runs, seed: 3, threads: Some(2) }, &mut ()).unwrap();
        assert_eq!(summary, again);
        let conceded = &summary.turns[2];
        let share = |k: usize| conceded[k] as f64 / runs as f64;
        let tolerance = 4.0 * (0.25f64 / runs as f64).sqrt();
        assert!((share(1) - 0.2).abs() < tolerance && conceded[2] == 0 && (share(3) - 0.5).abs() < tolerance);
        assert!((summary.outcome(Outcome::TurnLimit).p - 0.3).abs() < tolerance);
    }
}
