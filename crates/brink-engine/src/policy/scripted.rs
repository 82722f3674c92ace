//! Scripted personas: fixed behaviour, for teaching scenarios, baselines and tests.

use super::{Policy, step_toward};
use crate::utility::Action;
use crate::view::DecisionView;

/// Always steps up one rung when allowed.
#[derive(Debug, Clone, Copy)]
pub struct Hawk;

impl Policy for Hawk {
    fn decide(&self, view: &DecisionView<'_>, _uniform: f64) -> Action {
        step_toward(view, view.own().max_rung)
    }

    fn distribution(&self, view: &DecisionView<'_>) -> Vec<(Action, f64)> {
        super::certain(self.decide(view, 0.0))
    }
}

/// Always steps down one rung when allowed; never concedes.
#[derive(Debug, Clone, Copy)]
pub struct Dove;

impl Policy for Dove {
    fn decide(&self, view: &DecisionView<'_>, _uniform: f64) -> Action {
        step_toward(view, view.own().min_rung)
    }

    fn distribution(&self, view: &DecisionView<'_>) -> Vec<(Action, f64)> {
        super::certain(self.decide(view, 0.0))
    }
}

/// Never moves of its own accord (it still responds when its red line is crossed).
#[derive(Debug, Clone, Copy)]
pub struct Hold;

impl Policy for Hold {
    fn decide(&self, view: &DecisionView<'_>, _uniform: f64) -> Action {
        Action::MoveTo(view.own_rung())
    }

    fn distribution(&self, view: &DecisionView<'_>) -> Vec<(Action, f64)> {
        super::certain(self.decide(view, 0.0))
    }
}

/// Moves one rung toward the highest rung held by an adversary.
#[derive(Debug, Clone, Copy)]
pub struct TitForTat;

impl Policy for TitForTat {
    fn decide(&self, view: &DecisionView<'_>, _uniform: f64) -> Action {
        step_toward(view, view.threat_level(view.actor, None))
    }

    fn distribution(&self, view: &DecisionView<'_>) -> Vec<(Action, f64)> {
        super::certain(self.decide(view, 0.0))
    }
}

/// A random walk: up with probability `up`, down with `down`, hold otherwise (within the
/// allowed range; a blocked move holds).
#[derive(Debug, Clone, Copy)]
pub struct RandomWalk {
    /// Probability of a step up.
    pub up: f64,
    /// Probability of a step down.
    pub down: f64,
}

impl Policy for RandomWalk {
    fn decide(&self, view: &DecisionView<'_>, uniform: f64) -> Action {
        let rung = view.own_rung();
        let params = view.own();
        if uniform < self.up {
            Action::MoveTo(if rung < params.max_rung { rung + 1 } else { rung })
        } else if uniform < self.up + self.down {
            Action::MoveTo(if rung > params.min_rung { rung - 1 } else { rung })
        } else {
            Action::MoveTo(rung)
        }
    }

    fn distribution(&self, view: &DecisionView<'_>) -> Vec<(Action, f64)> {
        let up = self.up.clamp(0.0, 1.0);
        let down = (self.up + self.down).clamp(0.0, 1.0) - up;
        vec![(self.decide(view, 0.0), up), (self.decide(view, up), down), (self.decide(view, 1.0), 1.0 - up - down)]
    }
}
