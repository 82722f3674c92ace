//! The exact likelihood of an observed crisis (docs/MODEL.md §14): the probability that the
//! scenario produces the observed rungs of every listed turn (and the ending, if given),
//! summed over everything the record does not show — the private red lines, scripted events'
//! draws, decision noise, responses, accidents and the chance hazard.
//!
//! It is computed, not simulated. The simulator plays each turn with a [`Trace`] in place of
//! its random streams: every draw becomes a branch point, and a depth-first search over the
//! branches (replaying the turn from a snapshot of the state) visits every way the turn can
//! go, each with its probability. Branches whose end-of-turn rungs differ from the record are
//! dropped; branches that reach the same state are merged (their probabilities add), so the
//! work per turn is bounded by the number of distinct states consistent with the record.

use std::rc::Rc;

use rustc_hash::FxHashMap;

use crate::model::{MAX_ACTORS, RungId, Scenario};
use crate::run::{Outcome, RunRecord, Simulator, State, Streams};
use crate::utility::Action;

/// The branch points of one replay, and the probability of the branch taken.
///
/// Replays are deterministic given the branches chosen so far, so a script of choices (one per
/// branch point with more than one possible outcome) names a branch, and
/// [`Trace::advance`] steps to the next one in depth-first order.
#[derive(Debug, Default)]
pub(crate) struct Trace {
    /// Per branch point: the alternative taken, and how many there are.
    script: Vec<(u32, u32)>,
    /// The next branch point's position in `script`.
    position: usize,
    /// The product of the probabilities of the alternatives taken.
    pub(crate) weight: f64,
    /// The observed end-of-turn rungs the replay must reach (`RungId::MAX`: not observed).
    ceiling: [RungId; MAX_ACTORS],
    /// Whether the replay can no longer match the observation: no more branch points.
    dead: bool,
    /// Branches lighter than this are dropped (their weight is added to `pruned`).
    floor: f64,
    /// The weight of the branches dropped below `floor`.
    pruned: f64,
    /// Which endings this turn the record allows (a run that ends otherwise cannot match it).
    ending: Ending,
    /// The actors that have acted this turn: their rungs can only rise from here.
    acted: [bool; MAX_ACTORS],
    /// The actors that had acted before the phase replayed began.
    acted_before: [bool; MAX_ACTORS],
    /// The actors that have made this turn's deliberate move (their accident may follow).
    moved: [bool; MAX_ACTORS],
    /// The decision distributions computed in this branch's replays, each with the branch
    /// points passed before it and its place among the replay's computations: a replay that
    /// passes the same branch points the same way computes the same distribution there (the
    /// replay is a function of its branch's state and its choices), so it is looked up.
    decisions: Vec<Decision>,
    /// Decision distributions asked for so far in this replay.
    asked: u32,
}

/// A decision's choices and their probabilities.
pub(crate) type Distribution = (Vec<Action>, Vec<f64>);

/// A decision distribution kept by [`Trace`], and where it was computed (shared: replays
/// read it without copying).
#[derive(Debug, Clone)]
struct Decision {
    key: DecisionKey,
    distribution: Rc<Distribution>,
}

/// Where in a replay a decision distribution is computed: after how many branch points, and
/// how many distributions were computed before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DecisionKey {
    position: usize,
    asked: u32,
}

/// Which endings within a turn are consistent with the record.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ending {
    /// None: the record goes on past this turn (or ends later).
    #[default]
    None,
    /// Any: this is the record's last turn and it does not say how the run ended.
    Any,
    /// This one only: the record ends this turn this way.
    Only(Outcome),
}

impl Trace {
    /// A trace for a new branch (`floor`: its weight's share of the tolerance), keeping the
    /// vectors' allocations.
    fn for_branch(&mut self, limits: Limits, floor: f64) {
        self.script.clear();
        self.decisions.clear();
        self.ceiling = limits.ceiling;
        self.ending = limits.ending;
        self.acted_before = limits.acted;
        self.floor = floor;
        self.pruned = 0.0;
    }

    /// Back to the first branch point, weight 1, before a replay.
    fn start(&mut self) {
        self.position = 0;
        self.weight = 1.0;
        self.dead = false;
        self.acted = self.acted_before;
        self.moved = self.acted_before;
        self.asked = 0;
    }

    /// Where the replay is for its next decision distribution (see [`Trace::decisions`]).
    pub(crate) fn ask(&mut self) -> DecisionKey {
        self.asked += 1;
        DecisionKey { position: self.position, asked: self.asked - 1 }
    }

    /// The decision distribution an earlier replay of the branch computed at `key`.
    pub(crate) fn recall(&self, key: DecisionKey) -> Option<Rc<Distribution>> {
        self.decisions.iter().find(|d| d.key == key).map(|d| Rc::clone(&d.distribution))
    }

    /// Keeps the decision distribution computed at `key` for later replays of the branch.
    pub(crate) fn keep(&mut self, key: DecisionKey, distribution: &Rc<Distribution>) {
        self.decisions.push(Decision { key, distribution: Rc::clone(distribution) });
    }

    /// Whether a run ending this turn with `outcome` can still match the record.
    pub(crate) fn may_end(&self, outcome: Outcome) -> bool {
        match self.ending {
            Ending::None => false,
            Ending::Any => true,
            Ending::Only(o) => o == outcome,
        }
    }

    /// Whether the run may end this turn in some way and still match the record.
    pub(crate) fn may_end_at_all(&self) -> bool {
        self.ending != Ending::None
    }

    /// The observed end-of-turn rung of `actor` (`RungId::MAX`: not observed).
    pub(crate) fn ceiling(&self, actor: usize) -> RungId {
        self.ceiling[actor]
    }

    /// Whether `rung` is below `actor`'s observed rung (never when the turn is not observed).
    pub(crate) fn below(&self, actor: usize, rung: RungId) -> bool {
        self.ceiling[actor] != RungId::MAX && rung < self.ceiling[actor]
    }

    /// Whether `actor` has acted this turn (its rung can then only rise, by its answers).
    pub(crate) fn has_acted(&self, actor: usize) -> bool {
        self.acted[actor]
    }

    /// Ends the branch: it cannot match the record (weight 0).
    pub(crate) fn strand(&mut self) {
        self.dead = true;
        self.weight = 0.0;
    }

    /// Marks `actor`'s deliberate move of this turn as made: from here its rung can only rise,
    /// but for its accident.
    pub(crate) fn moved(&mut self, actor: usize) {
        self.moved[actor] = true;
    }

    /// Whether a step of `actor` up to `rung` cannot match the record: the actor has made its
    /// move this turn, and even the lowest rung it can end on from there (`lowest`, after its
    /// accident if that is still to come) stands above the observed one.
    pub(crate) fn rises_past(&self, actor: usize, rung: RungId, lowest: impl FnOnce() -> RungId) -> bool {
        let ceiling = self.ceiling[actor];
        if self.acted[actor] { rung > ceiling } else { self.moved[actor] && rung > ceiling && lowest() > ceiling }
    }

    /// After `actor` has acted this turn its rung can only rise (answers, accidents), so a
    /// rung above the observed one ends the branch: its weight is 0 and nothing below it is
    /// enumerated. `true` when the branch is dead.
    pub(crate) fn acted(&mut self, actor: usize, rung: RungId) -> bool {
        self.acted[actor] = true;
        if rung > self.ceiling[actor] {
            self.dead = true;
            self.weight = 0.0;
        }
        self.dead
    }

    /// Draws an index with probabilities `probs` (entries ≤ 0 are impossible).
    pub(crate) fn pick(&mut self, probs: &[f64]) -> usize {
        self.pick_unless(probs, |_| false)
    }

    /// [`Trace::pick`], where the alternatives `doomed` says cannot match the record are not
    /// branched on: each would be a branch of weight 0, so the sum is the same without them.
    /// Nor are the alternatives lighter than the floor: their weight goes to `pruned`, once
    /// (on the branch point's first visit: later replays pass it again on their way to
    /// other branches).
    pub(crate) fn pick_unless(&mut self, probs: &[f64], doomed: impl Fn(usize) -> bool) -> usize {
        let first_possible = || probs.iter().position(|&p| p > 0.0).unwrap_or(0);
        if self.dead {
            return first_possible();
        }
        let (weight, floor) = (self.weight, self.floor);
        let open = |i: usize, p: f64| p > 0.0 && !doomed(i);
        let mut possible = 0u32;
        let mut light = 0.0;
        for (i, &p) in probs.iter().enumerate() {
            if open(i, p) {
                if weight * p >= floor {
                    possible += 1;
                } else {
                    light += weight * p;
                }
            }
        }
        let first_visit = self.position == self.script.len();
        if possible == 0 {
            // A leaf: no replay passes here again.
            self.pruned += light;
            self.weight = 0.0;
            self.dead = true;
            return first_possible();
        }
        let k = if possible == 1 && light == 0.0 {
            0
        } else {
            if first_visit {
                self.script.push((0, possible));
                self.pruned += light;
            }
            let (chosen, _) = self.script[self.position];
            self.position += 1;
            chosen as usize
        };
        let index =
            probs.iter().enumerate().filter(|&(i, &p)| open(i, p) && weight * p >= floor).nth(k).map_or(0, |(i, _)| i);
        self.weight *= probs[index];
        index
    }

    /// A draw below `p` (as `u < p` for u uniform on [0, 1)).
    pub(crate) fn bernoulli(&mut self, p: f64) -> bool {
        self.bernoulli_unless(p, false)
    }

    /// A draw below `p` whose `true` side is doomed when `doomed` (then only `false` is taken).
    pub(crate) fn bernoulli_unless(&mut self, p: f64, doomed: bool) -> bool {
        self.bernoulli_dooming(p, doomed, false)
    }

    /// A draw below `p` where the sides `yes_doomed` and `no_doomed` say cannot match the
    /// record are not branched on.
    pub(crate) fn bernoulli_dooming(&mut self, p: f64, yes_doomed: bool, no_doomed: bool) -> bool {
        if p.is_nan() || p <= 0.0 {
            if no_doomed {
                self.strand();
            }
            return false;
        }
        let p = p.min(1.0);
        self.pick_unless(&[p, 1.0 - p], |i| if i == 0 { yes_doomed } else { no_doomed }) == 0
    }

    /// Moves to the next branch in depth-first order; `false` when every branch was visited.
    fn advance(&mut self) -> bool {
        while let Some((chosen, count)) = self.script.last_mut() {
            if *chosen + 1 < *count {
                *chosen += 1;
                // Distributions computed past this branch point were computed along the
                // alternative left behind.
                let changed = self.script.len() - 1;
                self.decisions.retain(|d| d.key.position <= changed);
                return true;
            }
            self.script.pop();
        }
        false
    }
}

/// Every actor's rung at the end of one observed turn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObservedTurn {
    /// The turn (from 1).
    pub turn: u32,
    /// Every actor's rung, in the scenario's actor order.
    pub rungs: Vec<RungId>,
}

/// What a record shows of one run: the rungs of some turns, and perhaps how it ended.
#[derive(Debug, Clone, PartialEq)]
pub struct Observed {
    /// The observed turns, in increasing order.
    pub turns: Vec<ObservedTurn>,
    /// How and when it ended, if the record says.
    pub end: Option<(Outcome, u32)>,
}

impl Observed {
    /// The first `turns` turns of a run's trajectory (every actor's rung per turn,
    /// turn-major, as [`RunRecord::trajectory`] holds it for `actors` actors), without its
    /// ending: a record cut from a simulated run.
    pub fn from_trajectory(trajectory: &[u8], actors: usize, turns: usize) -> Self {
        let turns = trajectory
            .chunks(actors)
            .take(turns)
            .zip(1..)
            .map(|(rungs, turn)| ObservedTurn { turn, rungs: rungs.iter().map(|&r| usize::from(r)).collect() })
            .collect();
        Observed { turns, end: None }
    }
}

/// A record the likelihood cannot be computed for (a scenario it cannot describe is not
/// one of these: that is a likelihood of 0).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LikelihoodError {
    /// The record's shape is wrong.
    #[error("{0}")]
    Invalid(String),
    /// A decision rule draws a private type, which exact likelihoods do not branch on yet.
    #[error("actor `{0}` follows a rule with a private type (private-quit); exact likelihoods cover every other rule")]
    PrivateTypes(String),
    /// An actor plays its equilibrium strategy (`policy = "equilibrium"`), which exact
    /// likelihoods do not replay yet.
    #[error(
        "actor `{0}` plays policy = \"equilibrium\"; exact likelihoods cover the behavioural rules only (not yet this one)"
    )]
    EquilibriumPolicy(String),
    /// An actor decides through a rule outside the engine (a Python function), whose
    /// distribution the likelihood cannot ask for at every branch.
    #[error(
        "actor `{0}` decides through an external policy (a Python function); exact likelihoods cover the built-in rules only"
    )]
    ExternalPolicy(String),
    /// Too many distinct states are consistent with the record (the limit bounds memory).
    #[error(
        "more than {limit} distinct states are consistent with the record at turn {turn}; record more turns, or raise the limit"
    )]
    TooManyStates {
        /// The turn where the limit was reached.
        turn: u32,
        /// The limit.
        limit: usize,
    },
}

/// The likelihood of one record.
#[derive(Debug, Clone, PartialEq)]
pub struct Likelihood {
    /// P(the scenario produces the record) (it underflows to 0 below about e^-745; the log
    /// does not).
    pub likelihood: f64,
    /// ln `likelihood`, computed without underflow (−∞ when the record is impossible).
    pub log_likelihood: f64,
    /// The first turn the scenario cannot produce, if any (then `likelihood` is 0).
    pub impossible_at_turn: Option<u32>,
    /// Per observed turn (and the ending's turn), ln P(this observation | the earlier ones):
    /// they sum to ln `likelihood`.
    pub per_turn: Vec<(u32, f64)>,
    /// The most distinct states kept after any turn.
    pub peak_states: usize,
    /// Turn replays (branches) visited, over every computation a retry made.
    pub branches: u64,
    /// An upper bound on ln(exact likelihood) − `log_likelihood` from the branches dropped
    /// below the tolerance (0 when none were); the exact value lies between the two.
    pub error_bound: f64,
    /// The tolerance of the computation accepted (0: exact): the settings', or a smaller one
    /// when the first one's bound exceeded `max_error`; a share of the rest of the record's
    /// estimated probability when the settings gave [`Settings::expected`] or a retry set it.
    pub tolerance: f64,
}

/// Spare states for later branches, and spare frontiers for later phases (their vectors and
/// index keep their allocations).
#[derive(Default)]
struct Pool {
    /// Boxed on purpose: a state is about 2 kB, and the pool and the frontiers hand states
    /// back and forth.
    #[allow(clippy::vec_box)]
    states: Vec<Box<State>>,
    frontiers: Vec<Frontier>,
}

thread_local! {
    /// Each thread's spare states and frontiers between likelihoods: a fit computes tens of
    /// thousands, and each would otherwise allocate its states anew.
    static SPARE: std::cell::RefCell<Pool> = std::cell::RefCell::new(Pool::default());
}

/// The most spare states a thread keeps between likelihoods, and the most branches a spare
/// frontier it keeps may hold (a few MB in all; an exact sum can make far more, and a
/// long-running process such as `brink serve` should not keep them).
const KEPT_STATES: usize = 4096;

/// The thread's spare pool, lent to one likelihood and given back when dropped.
struct Lent(Pool);

impl Lent {
    fn take() -> Self {
        Lent(SPARE.with(|spare| std::mem::take(&mut *spare.borrow_mut())))
    }
}

impl Drop for Lent {
    fn drop(&mut self) {
        let mut pool = std::mem::take(&mut self.0);
        pool.states.truncate(KEPT_STATES);
        pool.frontiers.retain(|f| f.branches.capacity() <= KEPT_STATES);
        pool.frontiers.truncate(4);
        SPARE.with(|spare| *spare.borrow_mut() = pool);
    }
}

impl Pool {
    /// An empty frontier.
    fn frontier(&mut self) -> Frontier {
        self.frontiers.pop().unwrap_or_default()
    }
}

/// One branch of the filter: a state after some turn, the next event to draw, and the
/// probability of reaching it together with the observations so far.
struct Branch {
    /// Boxed: a state is large, and frontiers and the pool move branches around.
    state: Box<State>,
    next_event: usize,
    weight: f64,
}

/// Branches merged by state.
#[derive(Default)]
struct Frontier {
    branches: Vec<Branch>,
    /// The branches' merge keys end to end, branch i's at `spans[i]` (one vector rather than
    /// one allocation per state).
    keys: Vec<u64>,
    spans: Vec<(usize, usize)>,
    /// Per hash of a key, the last branch added with it; `same_hash[i]` is the one added
    /// before branch i with the same hash ([`NO_BRANCH`]: none). A fast hash: the keys are
    /// hashed on every replay of every phase, and are not adversarial.
    index: FxHashMap<u64, u32>,
    same_hash: Vec<u32>,
    key: Vec<u64>,
}

/// The end of a chain of branches with the same hash.
const NO_BRANCH: u32 = u32::MAX;

impl Frontier {
    /// Adds a branch, merged with an equal state; a new state is copied into a spare from
    /// `pool` when there is one (a turn makes and drops many states of the same shape).
    #[allow(clippy::too_many_arguments)]
    fn add(
        &mut self,
        state: &State,
        next_event: usize,
        weight: f64,
        parameters: bool,
        mid_turn: bool,
        pool: &mut Pool,
    ) {
        use std::hash::BuildHasher;
        self.key.clear();
        state.merge_key(next_event, parameters, mid_turn, &mut self.key);
        let hash = rustc_hash::FxBuildHasher.hash_one(self.key.as_slice());
        let mut at = self.index.get(&hash).copied().unwrap_or(NO_BRANCH);
        while at != NO_BRANCH {
            let (start, end) = self.spans[at as usize];
            if self.keys[start..end] == self.key[..] {
                self.branches[at as usize].weight += weight;
                return;
            }
            at = self.same_hash[at as usize];
        }
        let added = u32::try_from(self.branches.len()).expect("fewer than 2^32 states (max_states bounds them)");
        self.same_hash.push(self.index.insert(hash, added).unwrap_or(NO_BRANCH));
        let start = self.keys.len();
        self.keys.extend_from_slice(&self.key);
        self.spans.push((start, self.keys.len()));
        let state = match pool.states.pop() {
            Some(mut spare) => {
                spare.as_mut().clone_from(state);
                spare
            }
            None => Box::new(state.clone()),
        };
        self.branches.push(Branch { state, next_event, weight });
    }

    /// Gives the frontier's states, and the frontier itself emptied, to `pool`.
    fn recycle(mut self, pool: &mut Pool) {
        pool.states.extend(self.branches.drain(..).map(|b| b.state));
        self.keys.clear();
        self.spans.clear();
        self.index.clear();
        self.same_hash.clear();
        pool.frontiers.push(self);
    }

    fn mass(&self) -> f64 {
        self.branches.iter().map(|b| b.weight).sum()
    }
}

/// What the record allows in the phase replayed: the rungs it ends on, the endings, and
/// which actors have already acted (their rungs can only rise).
#[derive(Debug, Clone, Copy)]
struct Limits {
    ceiling: [RungId; MAX_ACTORS],
    ending: Ending,
    acted: [bool; MAX_ACTORS],
}

impl Limits {
    /// No limit: every branch is followed.
    const NONE: Limits = Limits { ceiling: [RungId::MAX; MAX_ACTORS], ending: Ending::Any, acted: [false; MAX_ACTORS] };
}

/// What the phases of a turn replay with.
struct Phases<'a, 's> {
    simulator: &'a mut Simulator<'s>,
    streams: &'a mut Streams,
    record: &'a mut RunRecord,
    /// Replays so far.
    branches: u64,
    /// Branches lighter than this share of the turn's mass are dropped.
    tolerance: f64,
    /// The mass dropped so far this turn.
    pruned: f64,
}

impl Phases<'_, '_> {
    /// Replays `phase` from each of `from` along every branch of its draws (depth first),
    /// handing each branch of positive weight to `reached` with its state, next event, weight
    /// and what the phase returned.
    fn replay<R>(
        &mut self,
        from: &[Branch],
        limits: Limits,
        phase: impl Fn(&mut Simulator<'_>, &mut usize, &mut Streams, &mut RunRecord) -> R,
        mut reached: impl FnMut(&State, usize, f64, R),
    ) {
        // One trace for every branch and phase, its vectors reused, left in the streams while
        // a branch is replayed (the phases read it there).
        let mut trace = self.streams.trace.take().unwrap_or_default();
        for branch in from {
            trace.for_branch(limits, self.tolerance / branch.weight);
            self.streams.trace = Some(trace);
            loop {
                let trace = self.streams.trace.as_mut().expect("the trace stays in the streams");
                trace.start();
                self.simulator.restore(&branch.state);
                let mut next_event = branch.next_event;
                let result = phase(self.simulator, &mut next_event, self.streams, self.record);
                self.branches += 1;
                let trace = self.streams.trace.as_ref().expect("the trace stays in the streams");
                let weight = branch.weight * trace.weight;
                if weight > 0.0 {
                    reached(self.simulator.state(), next_event, weight, result);
                }
                if !self.streams.trace.as_mut().is_some_and(Trace::advance) {
                    break;
                }
            }
            trace = self.streams.trace.take().expect("the trace stays in the streams");
            self.pruned += branch.weight * trace.pruned;
        }
        self.streams.trace = Some(trace);
    }

    /// Every way `phase` can go from each of `from`, merged by state (mid-turn keys).
    fn expand(
        &mut self,
        from: &[Branch],
        limits: Limits,
        parameters: bool,
        pool: &mut Pool,
        phase: impl Fn(&mut Simulator<'_>, &mut usize, &mut Streams, &mut RunRecord),
    ) -> Frontier {
        let mut next = pool.frontier();
        self.replay(from, limits, phase, |state, next_event, weight, ()| {
            next.add(state, next_event, weight, parameters, true, pool);
        });
        next
    }
}

/// Default bound on distinct states per turn.
pub const MAX_STATES: usize = 1 << 20;

/// How a likelihood is computed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    /// At most this many distinct states are kept per turn.
    pub max_states: usize,
    /// A branch whose probability, as a share of the mass of the turn it starts from (or of
    /// the rest of the record's estimated probability, with [`Settings::expected`]), falls
    /// below this is dropped; 0 drops none (the exact sum). The mass dropped is kept, and
    /// bounds the error ([`Likelihood::error_bound`]).
    pub tolerance: f64,
    /// The largest error bound accepted: when the dropped branches could hide more than this
    /// in the log-likelihood, it is computed again dropping less (aiming at a tenth of it),
    /// and exactly once the tolerance would fall below [`FINEST_TOLERANCE`].
    pub max_error: f64,
    /// The record's log-likelihood as far as it is known (from an earlier computation, at the
    /// same or nearby parameter values). With it the tolerance is a share of the record's
    /// probability rather than of each turn's: a branch is dropped below `tolerance` times the
    /// estimated probability of the rest of the record, so that every turn's dropped branches
    /// weigh alike in the bound (a dropped branch early in an improbable record could have
    /// matched all of its rest). Retries set it; [`likelihood_and_settings`] proposes it.
    pub expected: Option<f64>,
}

impl Settings {
    /// The exact sum: no branch is dropped.
    pub const EXACT: Settings = Settings { max_states: MAX_STATES, tolerance: 0.0, max_error: 0.0, expected: None };

    /// The default with another `tolerance` and/or `max_error` (`--tolerance`, `--max-error`),
    /// or [`Settings::EXACT`] when `exact`; an error names the flag that is out of range or
    /// contradicts `--exact`.
    ///
    /// ```
    /// use brink_engine::likelihood::Settings;
    /// let fast = Settings::with_precision(false, Some(1e-8), Some(1e-3)).unwrap();
    /// assert_eq!((fast.tolerance, fast.max_error), (1e-8, 1e-3));
    /// assert_eq!(Settings::with_precision(false, None, None).unwrap(), Settings::default());
    /// assert!(Settings::with_precision(false, Some(1.5), None).is_err());
    /// assert!(Settings::with_precision(true, Some(1e-8), None).is_err());
    /// assert!(Settings::with_precision(false, None, Some(f64::INFINITY)).is_err());
    /// ```
    pub fn with_precision(exact: bool, tolerance: Option<f64>, max_error: Option<f64>) -> Result<Self, String> {
        if exact {
            return match (tolerance, max_error) {
                (None, None) => Ok(Self::EXACT),
                _ => Err("--exact sums every branch: it takes no --tolerance or --max-error".into()),
            };
        }
        let mut settings = Self::default();
        if let Some(t) = tolerance {
            if !(0.0..1.0).contains(&t) {
                return Err(format!(
                    "--tolerance {t}: expected a share of a turn's probability, from 0 (exact) to below 1"
                ));
            }
            settings.tolerance = t;
        }
        if let Some(e) = max_error {
            if !(e.is_finite() && e >= 0.0) {
                return Err(format!(
                    "--max-error {e}: expected a finite bound on the log-likelihood's error, 0 or more"
                ));
            }
            settings.max_error = e;
        }
        Ok(settings)
    }
}

impl Default for Settings {
    /// Branches below 10⁻¹⁰ of a turn's mass dropped, the log-likelihood within 10⁻⁶ (else
    /// computed again dropping less).
    fn default() -> Self {
        Settings { max_states: MAX_STATES, tolerance: 1e-10, max_error: 1e-6, expected: None }
    }
}

/// The likelihood of `observed` under `scenario`.
///
/// With a positive `settings.tolerance` it is a lower bound within
/// [`Likelihood::error_bound`] (at most `settings.max_error`) of the exact sum in the log.
pub fn likelihood(
    scenario: &Scenario,
    observed: &Observed,
    settings: &Settings,
) -> Result<Likelihood, LikelihoodError> {
    accepted(scenario, observed, settings).map(|(result, _)| result)
}

/// [`likelihood`], and the settings predicted to meet `settings.max_error` at a tenth of it
/// while dropping the most: the tolerance as a share of the record's probability
/// ([`Settings::expected`]). For a record computed again at nearby parameter values (a fit's
/// grid points and chains), where the bound is still checked every time.
pub fn likelihood_and_settings(
    scenario: &Scenario,
    observed: &Observed,
    settings: &Settings,
) -> Result<(Likelihood, Settings), LikelihoodError> {
    let (result, spread) = accepted(scenario, observed, settings)?;
    let tuned = if result.tolerance == 0.0 || spread == 0.0 || !result.log_likelihood.is_finite() {
        // Exact, or nothing was dropped, or nothing to scale by: the same again.
        Settings { tolerance: result.tolerance, expected: None, ..*settings }
    } else {
        Settings {
            tolerance: aimed_tolerance(settings.max_error, spread).min(MAX_TUNED_TOLERANCE),
            expected: Some(result.log_likelihood),
            ..*settings
        }
    };
    Ok((result, tuned))
}

/// The largest tolerance [`likelihood_and_settings`] proposes: where a record drops almost
/// nothing, the prediction rests on too few branches to go further.
const MAX_TUNED_TOLERANCE: f64 = 1e-6;

/// The tolerance, as a share of the rest of the record's probability, predicted to give a
/// bound of a tenth of `max_error`: each turn's dropped mass grows about in proportion to its
/// threshold, so with thresholds scaled that way the bound is about `tolerance · spread`.
fn aimed_tolerance(max_error: f64, spread: f64) -> f64 {
    0.1 * max_error / spread
}

/// The accepted computation and its spread (see [`filter`]).
fn accepted(
    scenario: &Scenario,
    observed: &Observed,
    settings: &Settings,
) -> Result<(Likelihood, f64), LikelihoodError> {
    let mut settings = *settings;
    let mut replays = 0;
    loop {
        let (result, spread) = filter(scenario, observed, &settings)?;
        replays += result.branches;
        // (An infinite bound — a turn that looked impossible after branches were dropped — is
        // never accepted, whatever `max_error` says.)
        if settings.tolerance == 0.0 || (result.error_bound.is_finite() && result.error_bound <= settings.max_error) {
            return Ok((Likelihood { tolerance: settings.tolerance, branches: replays, ..result }, spread));
        }
        // Drop less, with thresholds scaled by the rest of the record's probability (as this
        // computation estimates it), aiming at a tenth of `max_error` (`aimed_tolerance`).
        // At least halve the tolerance, so that a poor estimate cannot repeat itself; none
        // below `FINEST_TOLERANCE` (or when no error at all is accepted). A turn that looked
        // impossible gives no estimate: a ten-thousandth of the tolerance, turn by turn.
        let (next, expected) = if result.error_bound.is_finite() && result.log_likelihood.is_finite() {
            let aimed = aimed_tolerance(settings.max_error, spread);
            (aimed.clamp(1e-6 * settings.tolerance, 0.5 * settings.tolerance), Some(result.log_likelihood))
        } else {
            (1e-4 * settings.tolerance, None)
        };
        settings.expected = expected;
        settings.tolerance = if settings.max_error > 0.0 && next >= FINEST_TOLERANCE { next } else { 0.0 };
    }
}

/// Retries of [`likelihood`] that would drop less than this share of a turn sum every branch:
/// far below any tolerance a record has needed, and well above `f64`'s smallest numbers.
pub const FINEST_TOLERANCE: f64 = 1e-30;

/// The forward filter over the hidden states consistent with the record, and its spread: the
/// mass each turn dropped per unit of its threshold, summed (in the bound's units: what the
/// bound would be with every threshold scaled to 1 of the rest of the record's probability).
fn filter(scenario: &Scenario, observed: &Observed, settings: &Settings) -> Result<(Likelihood, f64), LikelihoodError> {
    check(scenario, observed)?;
    let mut simulator = Simulator::new(scenario);
    if simulator.has_private_draws() {
        let actor = scenario
            .actors
            .iter()
            .find(|a| matches!(a.policy, crate::model::PolicyKind::PrivateQuit { .. }))
            .map_or_else(String::new, |a| a.name.clone());
        return Err(LikelihoodError::PrivateTypes(actor));
    }
    if let Some(actor) =
        scenario.actors.iter().find(|a| matches!(a.policy, crate::model::PolicyKind::Equilibrium { .. }))
    {
        return Err(LikelihoodError::EquilibriumPolicy(actor.name.clone()));
    }
    if let Some(actor) = scenario.actors.iter().find(|a| matches!(a.policy, crate::model::PolicyKind::External(_))) {
        return Err(LikelihoodError::ExternalPolicy(actor.name.clone()));
    }
    let mut streams = Streams::new(0, 0);
    let mut record = RunRecord::empty(0);
    let start = [Branch { state: Box::new(simulator.state().clone()), next_event: 0, weight: 1.0 }];
    let mut phases = Phases {
        simulator: &mut simulator,
        streams: &mut streams,
        record: &mut record,
        branches: 0,
        // Nothing is dropped at the start (it draws nothing but private types, refused above).
        tolerance: 0.0,
        pruned: 0.0,
    };

    // Turn 0: the opening state (red lines stay undrawn until the run tests them).
    let mut lent = Lent::take();
    let pool = &mut lent.0;
    let mut frontier = pool.frontier();
    phases.replay(
        &start,
        Limits::NONE,
        |s, _, st, r| s.begin(st, r),
        |state, _, weight, ()| frontier.add(state, 0, weight, false, false, pool),
    );
    phases.tolerance = settings.tolerance;

    let last_listed = observed.turns.last().map_or(0, |t| t.turn);
    let last = observed.end.map_or(last_listed, |(_, turn)| turn);
    let max_turns = scenario.rules.max_turns;
    let mut listed = observed.turns.iter().peekable();
    // Weights are kept relative to `log_scale` (renormalised every turn, so a long record
    // does not underflow): the probability of a branch is weight · exp(log_scale).
    let mut done = 0.0; // runs that ended as the record requires
    let mut log_scale = 0.0;
    let mut log_at_previous = 0.0;
    let mut per_turn = Vec::new();
    let mut peak_states = frontier.branches.len();
    // Mass dropped below the tolerance, each turn's in units of exp(log_scale) at its start.
    let mut dropped = Vec::new();
    let n = scenario.actors.len();

    // No run lasts beyond the turn limit: the first turn the record shows past it is impossible.
    let beyond = observed.turns.iter().map(|t| t.turn).chain(observed.end.map(|(_, t)| t)).find(|&t| t > max_turns);
    if let Some(turn) = beyond {
        return Ok((impossible(turn, per_turn, peak_states, phases.branches), 0.0));
    }
    let mut spread = 0.0;
    let merge_parameters = scenario.events.len() > 64;
    for turn in 1..=last {
        let seen = listed.next_if(|t| t.turn == turn);
        let is_last = turn == last;
        // The threshold: a share of the turn's mass, or of the rest of the record's estimated
        // probability (never more than of the turn's).
        phases.tolerance = match settings.expected {
            Some(expected) => settings.tolerance * (expected - log_scale).exp().min(1.0),
            None => settings.tolerance,
        };
        let mut limits = Limits {
            ending: match observed.end {
                Some((outcome, at)) if at == turn => Ending::Only(outcome),
                None if is_last => Ending::Any,
                _ => Ending::None,
            },
            ..Limits::NONE
        };
        if let Some(t) = seen {
            limits.ceiling[..n].copy_from_slice(&t.rungs);
        }
        // The turn in phases — its start, each actor's move in a sequential turn, its end —
        // with the branches merged after each, so the branching of the actors' moves adds
        // up instead of multiplying.
        phases.pruned = 0.0;
        let mut stage = phases.expand(&frontier.branches, limits, merge_parameters, pool, |s, next, st, r| {
            s.begin_turn(turn, next, st, r)
        });
        std::mem::take(&mut frontier).recycle(pool);
        for step in 0..phases.simulator.actor_steps() {
            if stage.branches.len() > settings.max_states {
                return Err(LikelihoodError::TooManyStates { turn, limit: settings.max_states });
            }
            let after = phases.expand(&stage.branches, limits, merge_parameters, pool, |s, _, st, r| {
                s.actor_step(step, st, r);
            });
            std::mem::replace(&mut stage, after).recycle(pool);
            limits.acted[scenario.rules.order[step]] = true;
        }
        let simultaneous = phases.simulator.actor_steps() == 0;
        let mut next = pool.frontier();
        let mut ended = 0.0;
        let end_of_turn = |s: &mut Simulator<'_>, _: &mut usize, st: &mut Streams, r: &mut RunRecord| {
            r.levels.clear();
            if simultaneous {
                s.play_moves(st, r);
            }
            s.end_turn(turn, st, r)
        };
        phases.replay(&stage.branches, limits, end_of_turn, |state, next_event, weight, over| {
            if seen.is_some_and(|t| state.rungs_now()[..n] != t.rungs[..]) {
                return;
            }
            let ending = if over {
                state.outcome()
            } else if turn == max_turns {
                Some(Outcome::TurnLimit)
            } else {
                None
            };
            match (ending, observed.end) {
                // Ends here as the record says; or the record has no ending and this is its
                // last turn (ending here or going on are both consistent).
                (Some(outcome), Some((end, at))) if outcome == end && at == turn => ended += weight,
                (_, None) if is_last => ended += weight,
                // Ends before the record does, or otherwise than it says.
                (Some(_), _) => {}
                (None, _) if !is_last => next.add(state, next_event, weight, merge_parameters, false, pool),
                // Goes on past the record's ending.
                (None, _) => {}
            }
        });
        if next.branches.len() > settings.max_states {
            return Err(LikelihoodError::TooManyStates { turn, limit: settings.max_states });
        }
        stage.recycle(pool);
        frontier = next;
        done += ended;
        dropped.push((log_scale, phases.pruned));
        if phases.pruned > 0.0 {
            spread += phases.pruned / phases.tolerance;
        }
        peak_states = peak_states.max(frontier.branches.len());
        let mass = frontier.mass() + done;
        if mass <= 0.0 {
            let mut result = impossible(turn, per_turn, peak_states, phases.branches);
            if dropped.iter().any(|&(_, mass)| mass > 0.0) {
                // A dropped branch may have been the one way to get here: unknown, not 0.
                result.error_bound = f64::INFINITY;
            }
            return Ok((result, spread));
        }
        log_scale += mass.ln();
        for branch in &mut frontier.branches {
            branch.weight /= mass;
        }
        done /= mass;
        if seen.is_some() || is_last {
            per_turn.push((turn, log_scale - log_at_previous));
            log_at_previous = log_scale;
        }
    }
    // After the last turn every branch has ended or been dropped: `done` is 1 (or 0 when
    // nothing was left, caught above), and the likelihood is exp(log_scale).
    let log_likelihood = if last == 0 { 0.0 } else { log_scale + done.ln() };
    // A dropped branch could at most have gone on to match every later observation: the
    // exact likelihood is below L + Σ dropped mass, so ln L is low by at most ln(1 + Σ/L).
    // (In logs: L_{t−1}/L alone can overflow on a long record.)
    let hidden: f64 = dropped
        .iter()
        .filter(|&&(_, mass)| mass > 0.0)
        .map(|&(scale, mass)| (mass.ln() + scale - log_likelihood).exp())
        .sum();
    let result = Likelihood {
        likelihood: log_likelihood.exp(),
        log_likelihood,
        impossible_at_turn: None,
        per_turn,
        peak_states,
        branches: phases.branches,
        // (`max`: a sum of no terms is −0.)
        error_bound: hidden.ln_1p().max(0.0),
        tolerance: settings.tolerance,
    };
    frontier.recycle(pool);
    Ok((result, spread))
}

fn impossible(turn: u32, mut per_turn: Vec<(u32, f64)>, peak_states: usize, branches: u64) -> Likelihood {
    per_turn.push((turn, f64::NEG_INFINITY));
    Likelihood {
        likelihood: 0.0,
        log_likelihood: f64::NEG_INFINITY,
        impossible_at_turn: Some(turn),
        per_turn,
        peak_states,
        branches,
        error_bound: 0.0,
        tolerance: 0.0,
    }
}

/// The record's shape: turns from 1 in increasing order, one rung per actor on the ladder,
/// an ending no earlier than the last observed turn.
fn check(scenario: &Scenario, observed: &Observed) -> Result<(), LikelihoodError> {
    let n = scenario.actors.len();
    let rungs = scenario.ladder.len();
    let mut previous = 0;
    for t in &observed.turns {
        if t.turn == 0 {
            return Err(LikelihoodError::Invalid("turn 0: turns are numbered from 1".into()));
        }
        if t.turn <= previous {
            return Err(LikelihoodError::Invalid(format!(
                "turn {} comes after turn {previous}: turns must increase from 1",
                t.turn
            )));
        }
        previous = t.turn;
        if t.rungs.len() != n {
            return Err(LikelihoodError::Invalid(format!("turn {}: {} rungs for {n} actors", t.turn, t.rungs.len())));
        }
        if let Some(&r) = t.rungs.iter().find(|&&r| r >= rungs) {
            return Err(LikelihoodError::Invalid(format!("turn {}: rung {r} is not on the ladder", t.turn)));
        }
    }
    if let Some((_, at)) = observed.end
        && (at == 0 || at < previous)
    {
        return Err(LikelihoodError::Invalid(if at == 0 {
            "the ending's turn 0: turns are numbered from 1".to_owned()
        } else {
            format!("the ending's turn {at} is before the last observed turn {previous}")
        }));
    }
    debug_assert!(n <= MAX_ACTORS);
    Ok(())
}
