//! What an actor sees when it decides: a read-only view of the run state.

use crate::belief;
use crate::model::{ActorId, ActorParams, MAX_ACTORS, RungId, Scenario};

/// Per-rung rates that events may change during a run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RungRates {
    /// Accident probability per turn for an actor holding the rung.
    pub accident_rate: f64,
    /// Probability per turn of nuclear use by chance at this joint level.
    pub chance_hazard: f64,
    /// Probability that an accident from this rung lands on a nuclear rung.
    pub accident_to_nuclear: f64,
}

/// Static lookup tables derived once from a scenario, laid out for the decision hot path.
#[derive(Debug, Clone, PartialEq)]
pub struct Tables {
    /// Bit j of entry i is set when j is an adversary of i.
    pub adversary_mask: [u8; MAX_ACTORS],
    /// v(r) / (v_top − v_bottom) per rung (0 when the span is 0).
    pub scaled_value: Vec<f64>,
    /// Flow cost per camp and rung, at `camp * rungs + rung`.
    pub camp_cost: Vec<f64>,
    /// Whether each rung is nuclear.
    pub nuclear: Vec<bool>,
    /// Number of public rungs among 1..=r, per rung r.
    pub public_through: Vec<u32>,
    /// Number of rungs.
    pub rungs: usize,
    /// κ of holder i's updates about j, at `[i][j]` (1 = Bayes where no belief sets it).
    pub update_weight: [[f64; MAX_ACTORS]; MAX_ACTORS],
}

impl Tables {
    /// The tables of `scenario`.
    pub fn new(scenario: &Scenario) -> Self {
        let rungs = scenario.ladder.rungs();
        let n = scenario.actors.len();
        let mut adversary_mask = [0u8; MAX_ACTORS];
        for (i, mask) in adversary_mask.iter_mut().enumerate().take(n) {
            for j in 0..n {
                if scenario.adversaries(i, j) {
                    *mask |= 1 << j;
                }
            }
        }
        let mut update_weight = [[1.0; MAX_ACTORS]; MAX_ACTORS];
        for (holder, actor) in scenario.actors.iter().enumerate() {
            for spec in &actor.beliefs {
                update_weight[holder][spec.about] = spec.update_weight;
            }
        }
        let span = rungs[rungs.len() - 1].value - rungs[0].value;
        let scaled_value = rungs.iter().map(|r| if span > 0.0 { r.value / span } else { 0.0 }).collect();
        let mut camp_cost = vec![0.0; scenario.camps.len() * rungs.len()];
        for camp in 0..scenario.camps.len() {
            for (index, rung) in rungs.iter().enumerate() {
                camp_cost[camp * rungs.len() + index] = rung.cost[camp];
            }
        }
        Self {
            adversary_mask,
            scaled_value,
            camp_cost,
            nuclear: rungs.iter().map(|r| r.nuclear).collect(),
            public_through: rungs
                .iter()
                .enumerate()
                .scan(0, |count, (index, r)| {
                    *count += u32::from(index > 0 && r.public);
                    Some(*count)
                })
                .collect(),
            rungs: rungs.len(),
            update_weight,
        }
    }

    /// Number of public rungs in (low, high] (0 when high ≤ low).
    #[inline]
    pub fn public_between(&self, low: RungId, high: RungId) -> u32 {
        if high <= low { 0 } else { self.public_through[high] - self.public_through[low] }
    }

    /// The public commitment of an actor committed to `commitment`, at `current`, that moves to
    /// `target` (the one definition; docs/MODEL.md §2): a move below the commitment lowers it to
    /// the target (its audience cost is paid on the rungs abandoned); a step up onto a public
    /// rung raises it.
    #[inline]
    pub fn commitment_after(&self, commitment: RungId, current: RungId, target: RungId) -> RungId {
        if target < commitment {
            target
        } else if target > current && self.public_between(target - 1, target) == 1 {
            commitment.max(target)
        } else {
            commitment
        }
    }

    /// Whether `b` is an adversary of `a`.
    #[inline]
    pub fn adversaries(&self, a: ActorId, b: ActorId) -> bool {
        self.adversary_mask[a] & (1 << b) != 0
    }

    /// The highest rung among the adversaries of `actor` in `rungs`.
    #[inline]
    pub fn threat_level<T: Copy + Into<usize>>(&self, actor: ActorId, rungs: &[T]) -> usize {
        let mut mask = self.adversary_mask[actor];
        let mut level = 0;
        while mask != 0 {
            let j = mask.trailing_zeros() as usize;
            level = level.max(rungs[j].into());
            mask &= mask - 1;
        }
        level
    }
}

/// Every actor's beliefs about every adversary's red line, stored flat, with their running
/// sums (for the one-rung response probability s·P(ρ ≤ k) in O(1)).
#[derive(Debug, PartialEq)]
pub struct Beliefs {
    actors: usize,
    stride: usize,
    values: Vec<f64>,
    cumulative: Vec<f64>,
    /// Per (holder, about), an identifier of the exact belief given by the simulator's interner
    /// (0: not interned since the last change). Equal identifiers mean equal beliefs, bit for bit.
    ids: Vec<u64>,
}

impl Clone for Beliefs {
    fn clone(&self) -> Self {
        Self {
            actors: self.actors,
            stride: self.stride,
            values: self.values.clone(),
            cumulative: self.cumulative.clone(),
            ids: self.ids.clone(),
        }
    }

    /// Reuses the vectors' allocations (the likelihood restores beliefs once per branch).
    fn clone_from(&mut self, source: &Self) {
        let Self { actors, stride, values, cumulative, ids } = source;
        self.actors = *actors;
        self.stride = *stride;
        self.values.clone_from(values);
        self.cumulative.clone_from(cumulative);
        self.ids.clone_from(ids);
    }
}

impl Beliefs {
    /// Zeroed beliefs for `actors` actors over `rungs` rungs (+ "never").
    pub fn new(actors: usize, rungs: usize) -> Self {
        let stride = rungs + 1;
        let len = actors * actors * stride;
        Self { actors, stride, values: vec![0.0; len], cumulative: vec![0.0; len], ids: vec![0; actors * actors] }
    }

    fn range(&self, holder: ActorId, about: ActorId) -> std::ops::Range<usize> {
        let at = (holder * self.actors + about) * self.stride;
        at..at + self.stride
    }

    /// How many actors the beliefs are over.
    pub fn actors(&self) -> usize {
        self.actors
    }

    /// `holder`'s belief about `about`'s red line (entries per rung, last = never).
    pub fn about(&self, holder: ActorId, about: ActorId) -> &[f64] {
        &self.values[self.range(holder, about)]
    }

    /// P(ρ ≤ k) under `holder`'s belief about `about`, for every k.
    pub fn cumulative(&self, holder: ActorId, about: ActorId) -> &[f64] {
        &self.cumulative[self.range(holder, about)]
    }

    /// The identifier of `holder`'s belief about `about` (0 when not interned since it changed).
    pub fn id(&self, holder: ActorId, about: ActorId) -> u64 {
        self.ids[holder * self.actors + about]
    }

    /// Records the interned identifier of one belief.
    pub(crate) fn set_id(&mut self, holder: ActorId, about: ActorId, id: u64) {
        self.ids[holder * self.actors + about] = id;
    }

    /// Replaces one belief.
    pub fn set(&mut self, holder: ActorId, about: ActorId, belief: &[f64]) {
        self.ids[holder * self.actors + about] = 0;
        let range = self.range(holder, about);
        self.values[range.clone()].copy_from_slice(belief);
        self.refresh(range);
    }

    /// Updates one belief by Bayes' rule over red lines: b′(ρ) ∝ b(ρ)·L(ρ)^κ (see
    /// [`belief::update_types`]).
    pub fn update_with(
        &mut self,
        holder: ActorId,
        about: ActorId,
        likelihood: impl Fn(usize) -> f64,
        update_weight: f64,
    ) {
        self.ids[holder * self.actors + about] = 0;
        let range = self.range(holder, about);
        belief::update_types(&mut self.values[range.clone()], likelihood, update_weight);
        self.refresh(range);
    }

    /// Updates one belief from an observation (see [`belief::update`]).
    #[allow(clippy::too_many_arguments)]
    pub fn update(
        &mut self,
        holder: ActorId,
        about: ActorId,
        from_peak: RungId,
        to_peak: RungId,
        response_prob: f64,
        responded: bool,
        update_weight: f64,
    ) {
        self.ids[holder * self.actors + about] = 0;
        let range = self.range(holder, about);
        belief::update(&mut self.values[range.clone()], from_peak, to_peak, response_prob, responded, update_weight);
        self.refresh(range);
    }

    fn refresh(&mut self, range: std::ops::Range<usize>) {
        let mut total = 0.0;
        for (sum, &b) in self.cumulative[range.clone()].iter_mut().zip(&self.values[range]) {
            total += b;
            *sum = total;
        }
    }

    /// Overwrites all beliefs with `other`'s (same shape).
    pub fn copy_from(&mut self, other: &Beliefs) {
        self.values.copy_from_slice(&other.values);
        self.cumulative.copy_from_slice(&other.cumulative);
        self.ids.copy_from_slice(&other.ids);
    }
}

/// Reputation terms R·(κ⁺ − κ⁻) of answer decisions by (owner, from peak, to peak), valid while
/// beliefs and parameters stand still.
pub type CredibilityMemo = std::cell::RefCell<Vec<((u8, u8, u8), f64)>>;

/// Rungs newly crossed against an actor that it has not yet answered: its adversaries' peak
/// level rose from `from_peak` to `to_peak`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Window {
    /// Peak before the crossing.
    pub from_peak: RungId,
    /// Peak after it.
    pub to_peak: RungId,
    /// The actor whose move crossed (the latest, if several).
    pub crosser: ActorId,
    /// The response probability the crosser judged its move to carry (NaN if not deliberate).
    pub judged_response_prob: f64,
    /// In decision mode, the per-rung answer chance the owner's decision set at the latest
    /// crossing (what observers update with); `None` in rule mode (they use `response_prob`).
    pub answer_chance: Option<f64>,
    /// The latest crossing move's index in the run's recorded path (when paths are recorded).
    pub step: Option<u32>,
}

/// A declaration in force (docs/MODEL.md §16): the sender said it would answer any crossing
/// that reaches `rung`; leaving such a crossing unanswered costs it `cost` at home (0 for cheap
/// talk and private signals).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pledge {
    /// The declared rung.
    pub rung: RungId,
    /// The audience cost of breaking it.
    pub cost: f64,
}

/// No declaration in force for any actor.
pub const NO_PLEDGES: [Option<Pledge>; MAX_ACTORS] = [None; MAX_ACTORS];

/// An actor's view of the run when it decides. Everything in it is what that actor may
/// legitimately know, except `own_red_line`, which is its own private type.
#[derive(Debug, Clone)]
pub struct DecisionView<'a> {
    /// The static scenario.
    pub scenario: &'a Scenario,
    /// Who decides.
    pub actor: ActorId,
    /// The current turn (1-based).
    pub turn: u32,
    /// Effective parameters of every actor (after events).
    pub params: &'a [ActorParams],
    /// Effective per-rung rates.
    pub rates: &'a [RungRates],
    /// Static lookup tables.
    pub tables: &'a Tables,
    /// Rung held by every actor.
    pub rungs: [RungId; MAX_ACTORS],
    /// For every actor, the highest level its adversaries have reached so far.
    pub peaks: [RungId; MAX_ACTORS],
    /// For every actor, its public commitment (highest public rung it holds to).
    pub commitments: [RungId; MAX_ACTORS],
    /// Crossings against the deciding actor it has not answered.
    pub window: Option<Window>,
    /// The deciding actor's own red line (index `rungs` = never).
    pub own_red_line: usize,
    /// Consecutive turns the joint level has stood at or above `rules.weariness_from`.
    pub weary_turns: u32,
    /// The run's memo of answer decisions' reputation terms (`None`: compute each afresh).
    /// The simulator empties it whenever beliefs or parameters change, so it never changes a
    /// value, only how often it is computed.
    pub credibility_memo: Option<&'a CredibilityMemo>,
    /// All beliefs; the deciding actor reads its own, and those its adversaries hold about it
    /// (the update rule is common knowledge).
    pub beliefs: &'a Beliefs,
    /// Every actor's declaration in force (public: its adversaries heard it).
    pub pledges: &'a [Option<Pledge>; MAX_ACTORS],
}

impl DecisionView<'_> {
    /// The deciding actor's parameters.
    pub fn own(&self) -> &ActorParams {
        &self.params[self.actor]
    }

    /// The rung the deciding actor holds.
    pub fn own_rung(&self) -> RungId {
        self.rungs[self.actor]
    }

    /// What `actor` would pay at home for leaving unanswered a crossing that raised its
    /// adversaries' level to `to_peak`, beyond its audience cost: the cost of a declaration
    /// that crossing reached (tying hands, Fearon 1997).
    #[inline]
    pub fn pledge_cost(&self, actor: ActorId, to_peak: RungId) -> f64 {
        match self.pledges[actor] {
            Some(pledge) if pledge.rung <= to_peak => pledge.cost,
            _ => 0.0,
        }
    }

    /// The highest rung held by an adversary of `actor` (its threat level), ignoring `skip`.
    pub fn threat_level(&self, actor: ActorId, skip: Option<ActorId>) -> RungId {
        let mut rungs = self.rungs;
        if let Some(skip) = skip {
            rungs[skip] = 0;
        }
        self.tables.threat_level(actor, &rungs)
    }

    /// The deciding actor's believed probability that moving to `rung` draws at least one
    /// response (independent adversaries).
    pub fn judged_response_prob(&self, rung: RungId) -> f64 {
        let me = self.actor;
        let mut none = 1.0;
        for j in 0..self.scenario.actors.len() {
            if !self.scenario.adversaries(me, j) {
                continue;
            }
            let new_threat = self.threat_level(j, Some(me)).max(rung);
            if new_threat > self.peaks[j] {
                let mut after = self.rungs;
                after[me] = rung;
                let s = crate::utility::answer_chance(self, j, &after, self.peaks[j], new_threat);
                none *= 1.0 - belief::response_probability(self.beliefs.about(me, j), self.peaks[j], new_threat, s);
            }
        }
        1.0 - none
    }

    /// The view another actor `other` would have of the same state, as the deciding actor can
    /// reconstruct it: without `other`'s private red line or unanswered crossings.
    pub fn as_seen_by(&self, other: ActorId) -> Self {
        let mut view = self.clone();
        view.actor = other;
        view.window = None;
        view.own_red_line = self.scenario.ladder.len();
        view
    }
}
