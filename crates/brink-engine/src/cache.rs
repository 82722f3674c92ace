//! Memoized expected utilities. The logit-EU rule's utilities are a pure function of what the
//! deciding actor sees, and in a Monte Carlo many runs pass through the same decision states
//! (the same rungs, peaks, commitments and beliefs), so each simulator keeps the utilities it
//! has computed, keyed by the exact state (no hashing shortcut: keys are compared in full).
//! A hit returns bit-identical values, so results never depend on the cache — only speed.
//! Beliefs enter the key as identifiers from a [`BeliefInterner`] (one word for a belief, given
//! when it changes rather than hashed at every decision): equal identifiers mean equal bits.

use rustc_hash::FxHashMap;

use crate::model::AnswerMode;
use crate::utility::{Action, LogitChoice, MAX_ACTIONS, logit_expected_utility};
use crate::view::DecisionView;

/// Entries kept per simulator before the cache is emptied (memory stays bounded).
const CAPACITY: usize = 1 << 15;

/// Gives each distinct belief (compared bit for bit) an identifier. Identifiers are never reused:
/// when the table is emptied to bound memory, numbering goes on, so an old identifier can only
/// miss, never match a different belief.
#[derive(Debug)]
pub(crate) struct BeliefInterner {
    ids: FxHashMap<Box<[u64]>, u64>,
    next: u64,
    bits: Vec<u64>,
}

impl Default for BeliefInterner {
    fn default() -> Self {
        Self { ids: FxHashMap::default(), next: 1, bits: Vec::new() }
    }
}

impl BeliefInterner {
    /// The identifier of `belief` (never 0).
    pub(crate) fn intern(&mut self, belief: &[f64]) -> u64 {
        self.bits.clear();
        self.bits.extend(belief.iter().map(|b| b.to_bits()));
        if let Some(&id) = self.ids.get(self.bits.as_slice()) {
            return id;
        }
        if self.ids.len() >= CAPACITY {
            self.ids.clear();
        }
        let id = self.next;
        self.next += 1;
        self.ids.insert(self.bits.clone().into_boxed_slice(), id);
        id
    }
}

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
        let keyed = build_key(view, parameters, &mut self.key);
        if keyed && let Some(hit) = self.map.get(self.key.as_slice()) {
            return *hit;
        }
        let (actions, choice) = logit_expected_utility(view);
        let slice = actions.as_slice();
        let mut entry = Utilities { actions: [Action::Concede; MAX_ACTIONS], choice };
        entry.actions[..slice.len()].copy_from_slice(slice);
        if keyed {
            if self.map.len() >= CAPACITY {
                self.map.clear();
            }
            self.map.insert(self.key.clone().into_boxed_slice(), entry);
        }
        entry
    }
}

/// Everything `expected_utilities` and `ActionSet::allowed` read, as words; false when a belief
/// it reads is not interned (then the state is not cached).
fn build_key(view: &DecisionView<'_>, parameters: u64, key: &mut Vec<u64>) -> bool {
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
    let mut interned = true;
    let mut mask = view.tables.adversary_mask[me];
    while mask != 0 {
        let j = mask.trailing_zeros() as usize;
        mask &= mask - 1;
        interned &= push_id(key, view.beliefs.id(me, j));
        if view.window.is_some() && reputation_matters {
            interned &= push_id(key, view.beliefs.id(j, me));
        }
        if view.params[j].answer == AnswerMode::Decision && view.params[j].reputation_weight != 0.0 {
            // j's answer decision weighs what its observers (me and my allies) would read.
            let mut observers = view.tables.adversary_mask[j] & !(1 << me);
            while observers != 0 {
                let o = observers.trailing_zeros() as usize;
                observers &= observers - 1;
                interned &= push_id(key, view.beliefs.id(o, j));
            }
        }
    }
    interned
}

/// Pushes a belief's identifier; false for 0, a belief changed outside the simulator's interner.
fn push_id(key: &mut Vec<u64>, id: u64) -> bool {
    key.push(id);
    id != 0
}
