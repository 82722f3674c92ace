//! Memoized expected utilities. The logit-EU rule's utilities are a pure function of what the
//! deciding actor sees, and in a Monte Carlo many runs pass through the same decision states
//! (the same rungs, peaks, commitments and beliefs), so each simulator keeps the utilities it
//! has computed, keyed by the exact state (no hashing shortcut: keys are compared in full).
//! A hit returns bit-identical values, so results never depend on the cache — only speed.

use rustc_hash::FxHashMap;

use crate::model::AnswerMode;
use crate::utility::{Action, LogitChoice, MAX_ACTIONS, logit_expected_utility};
use crate::view::DecisionView;

/// Entries kept per simulator before the cache is emptied (memory stays bounded).
const CAPACITY: usize = 1 << 15;

/// Allowed actions and the logit choice distribution over them.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Utilities {
    pub(crate) actions: [Action; MAX_ACTIONS],
    pub(crate) choice: LogitChoice,
}

/// Expected utilities by decision state.
#[derive(Debug, Default)]
pub(crate) struct UtilityCache {
    map: FxHashMap<Box<[u64]>, Utilities>,
    key: Vec<u64>,
}

impl UtilityCache {
    /// The allowed actions and their logit choice distribution; `parameters` identifies the parameter
    /// state (which parameter-changing events have applied).
    pub(crate) fn utilities(&mut self, view: &DecisionView<'_>, parameters: u64) -> Utilities {
        build_key(view, parameters, &mut self.key);
        if let Some(hit) = self.map.get(self.key.as_slice()) {
            return *hit;
        }
        let (actions, choice) = logit_expected_utility(view);
        let slice = actions.as_slice();
        let mut entry = Utilities { actions: [Action::Concede; MAX_ACTIONS], choice };
        entry.actions[..slice.len()].copy_from_slice(slice);
        if self.map.len() >= CAPACITY {
            self.map.clear();
        }
        self.map.insert(self.key.clone().into_boxed_slice(), entry);
        entry
    }
}

/// Everything `expected_utilities` and `ActionSet::allowed` read, as words.
fn build_key(view: &DecisionView<'_>, parameters: u64, key: &mut Vec<u64>) {
    let n = view.scenario.actors.len();
    let me = view.actor;
    key.clear();
    let mut packed = me as u64;
    for i in 0..n {
        packed = packed << 8 | view.rungs[i] as u64;
    }
    key.push(packed);
    let mut packed = view.commitments[me] as u64;
    for i in 0..n {
        packed = packed << 8 | view.peaks[i] as u64;
    }
    key.push(packed);
    key.push(parameters);
    let reputation_matters = view.own().reputation_weight != 0.0 || view.own().audience_cost != 0.0;
    match view.window {
        Some(w) if reputation_matters => {
            key.push(
                1 | (w.from_peak as u64) << 8
                    | (w.to_peak as u64) << 16
                    | u64::from(view.own_red_line <= w.to_peak) << 24,
            );
            if let Some(chance) = w.answer_chance {
                key.push(chance.to_bits());
            }
        }
        _ => key.push(0),
    }
    if view.scenario.rules.weariness_from.is_some() {
        key.push(u64::from(view.weary_turns));
    }
    if view.own().coercion {
        // The adversaries' chance of backing down reads their public commitments.
        let mut packed = 0u64;
        for i in 0..n {
            packed = packed << 8 | view.commitments[i] as u64;
        }
        key.push(packed);
    }
    let mut mask = view.tables.adversary_mask[me];
    while mask != 0 {
        let j = mask.trailing_zeros() as usize;
        mask &= mask - 1;
        key.extend(view.beliefs.about(me, j).iter().map(|b| b.to_bits()));
        if view.window.is_some() && reputation_matters {
            key.extend(view.beliefs.about(j, me).iter().map(|b| b.to_bits()));
        }
        if view.params[j].answer == AnswerMode::Decision && view.params[j].reputation_weight != 0.0 {
            // j's answer decision weighs what its observers (me and my allies) would read.
            let mut observers = view.tables.adversary_mask[j] & !(1 << me);
            while observers != 0 {
                let o = observers.trailing_zeros() as usize;
                observers &= observers - 1;
                key.extend(view.beliefs.about(o, j).iter().map(|b| b.to_bits()));
            }
        }
    }
}
