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
}

/// Always steps down one rung when allowed; never concedes.
#[derive(Debug, Clone, Copy)]
pub struct Dove;

impl Policy for Dove {
    fn decide(&self, view: &DecisionView<'_>, _uniform: f64) -> Action {
        step_toward(view, view.own().min_rung)
    }
}

/// Never moves of its own accord (it still responds when its red line is crossed).
#[derive(Debug, Clone, Copy)]
pub struct Hold;

impl Policy for Hold {
    fn decide(&self, view: &DecisionView<'_>, _uniform: f64) -> Action {
        Action::MoveTo(view.own_rung())
    }
}

/// Moves one rung toward the highest rung held by an adversary.
#[derive(Debug, Clone, Copy)]
pub struct TitForTat;

impl Policy for TitForTat {
    fn decide(&self, view: &DecisionView<'_>, _uniform: f64) -> Action {
        step_toward(view, view.threat_level(view.actor, None))
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
}
