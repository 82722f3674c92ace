//! One run of a scenario: the per-run state and the turn loop (docs/MODEL.md §A turn).

use std::rc::Rc;
use std::sync::Arc;

use crate::bargaining;
use crate::belief;
use crate::likelihood::{Distribution, Trace};
use crate::model::{
    ActorId, ActorParams, AnswerMode, BackChannel, CircuitBreaker, EventKind, MAX_ACTORS, Mediation, Param, RungId,
    Scenario, Treaty, TurnOrder,
};
use crate::policy::{self, Policy};
use crate::stream::{Purpose, RunStreams, slot};
use crate::utility::{self, Action};
use crate::view::{Beliefs, CredibilityMemo, DecisionView, Pledge, RungRates, Tables, Window};

mod diplomacy;
mod mechanisms;

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// A nuclear rung was reached, or the chance hazard struck.
    NuclearUse,
    /// No step up for the settlement period, at or below the settlement level.
    Settlement,
    /// An actor conceded.
    Concession,
    /// The turn limit came first.
    TurnLimit,
}

impl Outcome {
    /// All outcomes, in report order.
    pub const ALL: [Outcome; 4] = [Outcome::NuclearUse, Outcome::Settlement, Outcome::Concession, Outcome::TurnLimit];

    /// The outcome's stable name (used in outputs).
    pub fn name(self) -> &'static str {
        match self {
            Outcome::NuclearUse => "nuclear_use",
            Outcome::Settlement => "settlement",
            Outcome::Concession => "concession",
            Outcome::TurnLimit => "turn_limit",
        }
    }
}

/// Why a nuclear rung was reached (after Morgan et al. 2008, RAND MG-614).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cause {
    /// A chosen move, or a scripted one.
    Deliberate,
    /// The automatic answer to a crossed red line.
    Response,
    /// An accident (unintended step).
    Accident,
    /// The chance hazard of the joint level.
    Chance,
    /// A launch on an early-warning false alarm (docs/MODEL.md §14).
    FalseAlarm,
}

impl Cause {
    /// All causes, in report order.
    pub const ALL: [Cause; 5] = [Cause::Deliberate, Cause::Response, Cause::Accident, Cause::Chance, Cause::FalseAlarm];

    /// The cause's stable name.
    pub fn name(self) -> &'static str {
        match self {
            Cause::Deliberate => "deliberate",
            Cause::Response => "response",
            Cause::Accident => "accident",
            Cause::Chance => "chance",
            Cause::FalseAlarm => "false_alarm",
        }
    }
}

/// Why a run reached the turn limit without ending.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LimitReason {
    /// The joint level was above the settlement level at the end: the crisis was held on a
    /// rung that settlement does not allow (`rules.settle_at_or_below`).
    HeldAboveSettlement,
    /// The joint level was low enough, but a step up came within the last
    /// `rules.settle_after_quiet_turns` turns: the crisis was still moving.
    StillMoving,
}

impl LimitReason {
    /// All reasons, in report order.
    pub const ALL: [LimitReason; 2] = [LimitReason::HeldAboveSettlement, LimitReason::StillMoving];

    /// The reason's stable name (used in outputs).
    pub fn name(self) -> &'static str {
        match self {
            LimitReason::HeldAboveSettlement => "held_above_settlement_level",
            LimitReason::StillMoving => "still_moving",
        }
    }
}

/// Why an actor's rung rose, as a step of a run's path (docs/OUTPUTS.md, `brink explain`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StepCause {
    /// A scripted `force` event (its index in the scenario's events).
    Event(usize),
    /// A decision of the actor's rule.
    Decision,
    /// An answer to a crossed red line.
    Response,
    /// An accident.
    Accident,
}

impl StepCause {
    /// The cause's stable name (`event`, `decision`, `response`, `accident`).
    pub fn name(self) -> &'static str {
        match self {
            StepCause::Event(_) => "event",
            StepCause::Decision => "decision",
            StepCause::Response => "response",
            StepCause::Accident => "accident",
        }
    }
}

/// One move that raised an actor's rung.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PathStep {
    /// The turn.
    pub turn: u32,
    /// Who moved.
    pub actor: ActorId,
    /// From this rung…
    pub from: RungId,
    /// …up to this one.
    pub to: RungId,
    /// Why.
    pub cause: StepCause,
    /// Whether the step was a miscalculation: judged to draw an answer with probability at most
    /// `rules.miscalculation_threshold`, and answered.
    pub miscalculation: bool,
    /// Whether it crossed an adversary's true red line.
    pub crossed_red_line: bool,
    /// Whose true red lines it crossed (bit i: actor i).
    pub crossed_red_line_of: u8,
}

/// One run told turn by turn ([`Simulator::tell`]; `brink explain --run`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Story {
    /// Every actor's true red line (index = rungs: never).
    pub true_red_lines: Vec<usize>,
    /// The turns played.
    pub turns: Vec<StoryTurn>,
}

/// What happened in one turn of a told run.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StoryTurn {
    /// The turn.
    pub turn: u32,
    /// Indices of the scripted events applied at its start.
    pub events: Vec<usize>,
    /// The decisions taken, in order.
    pub decisions: Vec<StoryDecision>,
    /// The moves that raised a rung, in order.
    pub moves: Vec<PathStep>,
    /// Every actor's rung at the end of the turn.
    pub rungs: Vec<RungId>,
    /// Every belief about an adversary at the end of the turn.
    pub beliefs: Vec<StoryBelief>,
    /// The signals sent at its start, in order.
    pub signals: Vec<StorySignal>,
    /// The declarations put to the test in it, in order: (sender, declared rung, honoured).
    pub pledges_tested: Vec<(ActorId, RungId, bool)>,
}

/// A signal sent in a told run (docs/MODEL.md §16).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StorySignal {
    /// Who signalled.
    pub actor: ActorId,
    /// The rung it declared (`None`: its type declared nothing).
    pub declared: Option<RungId>,
    /// Whether the declaration was a bluff (what its type would not truly declare).
    pub bluff: bool,
}

/// One decision: the options as the rule saw them, and the choice.
#[derive(Debug, Clone, PartialEq)]
pub struct StoryDecision {
    /// Who decided.
    pub actor: ActorId,
    /// The rung it held when it decided.
    pub from: RungId,
    /// The options with their expected utilities and choice probabilities (logit-EU rules;
    /// empty for scripted rules, whose choice is not a distribution over utilities).
    pub options: Vec<StoryOption>,
    /// What was chosen.
    pub chosen: crate::utility::Action,
}

/// One option of a decision.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StoryOption {
    /// The action.
    pub action: crate::utility::Action,
    /// Its expected utility under the actor's beliefs.
    pub expected_utility: f64,
    /// The probability the rule chose it with.
    pub p: f64,
}

/// One actor's belief about an adversary's red line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StoryBelief {
    /// Who holds it.
    pub holder: ActorId,
    /// About whom.
    pub about: ActorId,
    /// Its mean (rungs; the index `rungs` stands for never).
    pub mean_red_line: f64,
    /// The believed chance that the adversary answers a one-rung rise of its peak.
    pub p_respond_next: f64,
    /// The adversary's true red line.
    pub true_red_line: usize,
}

/// Who used nuclear weapons, where and why.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NuclearUse {
    /// The turn.
    pub turn: u32,
    /// The actor who reached the nuclear rung (`None` for the chance hazard).
    pub actor: Option<ActorId>,
    /// The nuclear rung.
    pub rung: RungId,
    /// Why.
    pub cause: Cause,
}

/// The first red line crossed in a run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RedLineCrossing {
    /// The turn.
    pub turn: u32,
    /// Whose red line.
    pub owner: ActorId,
    /// Whose move crossed it.
    pub crosser: ActorId,
}

/// Everything recorded about one run.
#[derive(Debug, Clone, PartialEq)]
pub struct RunRecord {
    /// Run index.
    pub run: u64,
    /// How it ended.
    pub outcome: Outcome,
    /// Turns played.
    pub turns: u32,
    /// Why the run reached the turn limit (`None` for every other outcome).
    pub limit_reason: Option<LimitReason>,
    /// Whether a settlement was negotiated (an accepted offer) rather than a quiet spell.
    pub negotiated: bool,
    /// Highest joint level reached.
    pub peak_rung: RungId,
    /// Nuclear use, if any.
    pub nuclear: Option<NuclearUse>,
    /// Who conceded, if anyone.
    pub conceded: Option<ActorId>,
    /// Moves that newly crossed at least one rung at or above an adversary's red line.
    pub red_lines_crossed: u32,
    /// The first of them.
    pub first_red_line: Option<RedLineCrossing>,
    /// Responses to crossings of a true red line (automatic, or a step up that answers them).
    pub responses: u32,
    /// Deliberate escalations judged to draw a response with probability ≤ the threshold
    /// that drew one.
    pub miscalculations: u32,
    /// Accidents that moved an actor.
    pub accidents: u32,
    /// Early-warning false alarms (answered by nuclear use or not).
    pub false_alarms: u32,
    /// Moves an adversary misread under fog of war (one per observer that saw a wrong rung).
    pub misreads: u32,
    /// Declarations sent (signals whose sender's type declared a rung).
    pub signals_sent: u32,
    /// Declarations whose rung a crossing reached and the sender answered.
    pub signals_honoured: u32,
    /// Declarations whose rung a crossing reached and the sender left unanswered.
    pub signals_contradicted: u32,
    /// Audience costs paid, summed over actors.
    pub audience_costs: f64,
    /// Decisions taken by decision rules.
    pub decisions: u64,
    /// Joint level at the end of each turn played (`levels[t − 1]` for turn t).
    pub levels: Vec<u8>,
    /// Every actor's rung at the end of each turn, turn-major (`turns × actors`); empty unless
    /// the simulator records trajectories.
    pub trajectory: Vec<u8>,
    /// Every move that raised an actor's rung, in order; empty unless the simulator records
    /// paths ([`Simulator::set_record_paths`]).
    pub path: Vec<PathStep>,
    /// Mean over (holder, adversary) pairs of |E[belief] − true red line| at the start.
    pub belief_error_start: f64,
    /// The same at the end.
    pub belief_error_end: f64,
}

/// Reusable per-thread state for running a scenario many times without allocating.
#[derive(Debug)]
pub struct Simulator<'s> {
    scenario: &'s Scenario,
    policies: Vec<Box<dyn Policy>>,
    initial_beliefs: Beliefs,
    initial_rates: Vec<RungRates>,
    tables: Tables,
    record_trajectories: bool,
    record_paths: bool,
    /// Under fog of war, the observers (bit o) that have already seen the move about to be
    /// made, as (mover, rung, observers): an answer is seen when its window closes.
    sighted: Option<(ActorId, RungId, u8)>,
    /// Whether the decision being made is carried out before anyone else acts (a sequential
    /// turn, or the first actor of a simultaneous one): nothing can end the run in between.
    acts_at_once: bool,
    /// The story being told (only inside [`Simulator::tell`]).
    story: Option<Story>,
    private_draws: bool,
    /// Memoized utilities (`None` when disabled, e.g. more than 64 events).
    cache: Option<crate::cache::UtilityCache>,
    /// Reputation terms of answer decisions, valid until beliefs or parameters change.
    credibility_memo: CredibilityMemo,
    /// Identifiers of distinct beliefs, for the utility memo's keys.
    interner: crate::cache::BeliefInterner,
    /// Per actor, its equilibrium strategy and the turns it covers (`policy = "equilibrium"`).
    equilibrium: Vec<Option<(u32, std::sync::Arc<crate::policy::EquilibriumStrategy>)>>,
    /// Turns for which the actors' memories are kept (0: none is, no actor needs them).
    memory_turns: u32,
    /// Per actor, its outside rule (`policy` external); empty when no actor has one.
    external: Vec<Option<std::sync::Arc<dyn policy::ExternalPolicy>>>,
    /// Whether some rung may be misread (fog of war: observers keep perceived rungs).
    fog: bool,
    /// Whether a circuit breaker or a treaty cap may limit steps up.
    interruptions: bool,
    /// Whether some actor has an early-warning system that may raise false alarms.
    warnings: bool,
    /// Whether some actor may signal, or a mediator or a back channel may be active.
    diplomacy: bool,
    state: State,
}

#[derive(Debug)]
pub(crate) struct State {
    turn: u32,
    /// Shared between a state and its copies until an event changes them (rarely: restoring
    /// a likelihood branch's state then copies a pointer, not the vectors).
    params: Arc<Vec<ActorParams>>,
    rates: Arc<Vec<RungRates>>,
    rungs: [RungId; MAX_ACTORS],
    peaks: [RungId; MAX_ACTORS],
    commitments: [RungId; MAX_ACTORS],
    windows: [Option<Window>; MAX_ACTORS],
    /// Each actor's red line. With a trace (exact likelihoods) it is not drawn: it is only
    /// known to lie in `red_lines[a]..=red_line_tops[a]`, narrowed when the run's course first
    /// depends on it (`Simulator::narrow_red_line`); without one the two are equal.
    red_lines: [usize; MAX_ACTORS],
    red_line_tops: [usize; MAX_ACTORS],
    beliefs: Beliefs,
    stepped_up: bool,
    quiet_turns: u32,
    /// Bit i set when parameter-changing event i has applied in this run.
    applied_events: u64,
    /// Consecutive turns with the joint level at or above `rules.weariness_from`.
    weary_turns: u32,
    /// Per camp, the lower end of the other camp's belief about its value of continuing.
    bargain_low: [f64; 2],
    ended: Option<Outcome>,
    /// Each actor's memory as the game tree labels it (`crate::tree`): the public history with
    /// its own choices, kept for the first `memory_turns` turns when an actor plays an
    /// equilibrium strategy; empty otherwise.
    memory: Vec<String>,
    /// Every actor's rung at the start and at the end of each turn, turn-major: the public
    /// history outside rules observe (kept only when an actor has one).
    history: Vec<u8>,
    /// Under fog of war, the rung observer o believes actor j holds, at `[o][j]`.
    perceived: [[RungId; MAX_ACTORS]; MAX_ACTORS],
    /// The circuit breaker armed and not yet tripped.
    breaker: Option<CircuitBreaker>,
    /// The last turn of a tripped circuit breaker's pause (0: no pause).
    pause_until: u32,
    /// The treaty cap in force.
    treaty: Option<Treaty>,
    /// The actors' parameters with the highest rung lowered by the pause or the treaty cap in
    /// force and audience costs scaled by the mediator and the back channel (a function of the
    /// fields above and below, the rungs and `params`); empty when none is.
    limited: Vec<ActorParams>,
    /// Each actor's declaration in force.
    pledges: [Option<Pledge>; MAX_ACTORS],
    /// The mediator active, and its last turn (0: until the run ends).
    mediation: Option<Mediation>,
    mediation_until: u32,
    /// The back channel open, and its last turn (0: until the run ends).
    back_channel: Option<BackChannel>,
    back_channel_until: u32,
}

// By hand so that `clone_from` reuses the vectors' allocations: the likelihood restores a
// branch's state once per branch, and a derived `clone_from` would allocate every vector anew.
// Both list every field (no `..`), so a field added to `State` cannot be forgotten here.
impl Clone for State {
    fn clone(&self) -> Self {
        State {
            turn: self.turn,
            params: self.params.clone(),
            rates: self.rates.clone(),
            rungs: self.rungs,
            peaks: self.peaks,
            commitments: self.commitments,
            windows: self.windows,
            red_lines: self.red_lines,
            red_line_tops: self.red_line_tops,
            beliefs: self.beliefs.clone(),
            stepped_up: self.stepped_up,
            quiet_turns: self.quiet_turns,
            applied_events: self.applied_events,
            weary_turns: self.weary_turns,
            bargain_low: self.bargain_low,
            ended: self.ended,
            memory: self.memory.clone(),
            history: self.history.clone(),
            perceived: self.perceived,
            breaker: self.breaker,
            pause_until: self.pause_until,
            treaty: self.treaty,
            limited: self.limited.clone(),
            pledges: self.pledges,
            mediation: self.mediation,
            mediation_until: self.mediation_until,
            back_channel: self.back_channel,
            back_channel_until: self.back_channel_until,
        }
    }

    fn clone_from(&mut self, source: &Self) {
        let State {
            turn,
            params,
            rates,
            rungs,
            peaks,
            commitments,
            windows,
            red_lines,
            red_line_tops,
            beliefs,
            stepped_up,
            quiet_turns,
            applied_events,
            weary_turns,
            bargain_low,
            ended,
            memory,
            history,
            perceived,
            breaker,
            pause_until,
            treaty,
            limited,
            pledges,
            mediation,
            mediation_until,
            back_channel,
            back_channel_until,
        } = source;
        // The large per-actor arrays: only the scenario's actors' entries when both states
        // have the same number of actors (the entries beyond it keep their defaults in every
        // state of every scenario with that many: the likelihood's spare states come from
        // earlier likelihoods); copying all MAX_ACTORS of them was most of a restore's cost in
        // the likelihood's replays. The 64-byte arrays whole: a fixed-size move is cheaper
        // than a call copying n entries.
        let n = if self.params.len() == params.len() { params.len() } else { MAX_ACTORS };
        self.turn = *turn;
        self.params.clone_from(params);
        self.rates.clone_from(rates);
        self.rungs = *rungs;
        self.peaks = *peaks;
        self.commitments = *commitments;
        self.windows[..n].copy_from_slice(&windows[..n]);
        self.red_lines = *red_lines;
        self.red_line_tops = *red_line_tops;
        self.beliefs.clone_from(beliefs);
        self.stepped_up = *stepped_up;
        self.quiet_turns = *quiet_turns;
        self.applied_events = *applied_events;
        self.weary_turns = *weary_turns;
        self.bargain_low = *bargain_low;
        self.ended = *ended;
        self.memory.clone_from(memory);
        self.history.clone_from(history);
        for (mine, theirs) in self.perceived[..n].iter_mut().zip(&perceived[..n]) {
            mine[..n].copy_from_slice(&theirs[..n]);
        }
        self.breaker = *breaker;
        self.pause_until = *pause_until;
        self.treaty = *treaty;
        self.limited.clone_from(limited);
        self.pledges[..n].copy_from_slice(&pledges[..n]);
        self.mediation = *mediation;
        self.mediation_until = *mediation_until;
        self.back_channel = *back_channel;
        self.back_channel_until = *back_channel_until;
    }
}

impl State {
    /// Every actor's rung now.
    pub(crate) fn rungs_now(&self) -> &[RungId] {
        &self.rungs
    }

    /// How the run ended, if it has.
    pub(crate) fn outcome(&self) -> Option<Outcome> {
        self.ended
    }

    /// A key equal for two states after a turn (with the same next event) when every later
    /// turn goes the same way from both. Beliefs enter by their interned identifiers;
    /// parameters and rates are functions of `applied_events` for up to 64 events (with more,
    /// `parameters` keys their values); `stepped_up` is reset before it is read again.
    ///
    /// Within a turn (`mid_turn`, between actor steps) `stepped_up` is still to be read and
    /// enters the key.
    pub(crate) fn merge_key(&self, next_event: usize, parameters: bool, mid_turn: bool, key: &mut Vec<u64>) {
        let n = self.beliefs.actors();
        if mid_turn {
            key.push(u64::from(self.stepped_up));
        }
        key.extend([
            u64::from(self.turn),
            next_event as u64,
            self.applied_events,
            u64::from(self.quiet_turns),
            u64::from(self.weary_turns),
            self.ended.map_or(0, |o| o as u64 + 1),
            self.bargain_low[0].to_bits(),
            self.bargain_low[1].to_bits(),
            u64::from(self.pause_until),
            self.breaker.map_or(u64::MAX, |b| (b.at_rung as u64) << 32 | u64::from(b.pause_turns)),
            self.treaty.map_or(u64::MAX, |t| t.cap as u64),
            self.treaty.map_or(0, |t| t.breakout_prob.to_bits()),
        ]);
        // Which optional parts follow, so that keys of different shapes never coincide.
        let pledged = self.pledges.iter().any(Option::is_some);
        key.push(
            u64::from(self.mediation.is_some()) | u64::from(self.back_channel.is_some()) << 1 | u64::from(pledged) << 2,
        );
        if let Some(m) = self.mediation {
            key.extend([m.audience_cost_factor.to_bits(), m.share.to_bits(), u64::from(self.mediation_until)]);
        }
        if let Some(b) = self.back_channel {
            key.extend([b.audience_cost_factor.to_bits(), u64::from(self.back_channel_until)]);
        }
        if pledged {
            for pledge in &self.pledges[..n] {
                key.extend([pledge.map_or(u64::MAX, |p| p.rung as u64), pledge.map_or(0, |p| p.cost.to_bits())]);
            }
        }
        if parameters {
            // More than 64 events share the bits of `applied_events`: key the values themselves.
            key.extend(self.params.iter().map(|p| format!("{p:?}")).flat_map(|t| t.into_bytes()).map(u64::from));
            key.extend(self.rates.iter().flat_map(|r| [r.accident_rate.to_bits(), r.chance_hazard.to_bits()]));
        }
        for a in 0..n {
            key.extend([
                self.rungs[a] as u64,
                self.peaks[a] as u64,
                self.commitments[a] as u64,
                self.red_lines[a] as u64,
                self.red_line_tops[a] as u64,
            ]);
            key.extend(self.perceived[a][..n].iter().map(|&r| r as u64));
            if let Some(memory) = self.memory.get(a) {
                key.extend(memory.bytes().map(u64::from));
                key.push(u64::MAX);
            }
            match &self.windows[a] {
                None => key.push(u64::MAX),
                // Who crossed, what it judged and where the step is recorded change records,
                // not the run's course.
                Some(w) => {
                    key.extend([w.from_peak as u64, w.to_peak as u64, w.answer_chance.map_or(u64::MAX, f64::to_bits)])
                }
            }
            for b in 0..n {
                let id = self.beliefs.id(a, b);
                if id != 0 {
                    key.push(id);
                } else {
                    key.extend(self.beliefs.about(a, b).iter().map(|p| p.to_bits()));
                }
            }
        }
    }
}

/// The run's draws, and how many response draws each actor has used this turn. With a
/// trace (exact likelihoods, `likelihood.rs`) every draw is a branch point instead: the trace
/// says which branch to take and multiplies its probability into the branch's weight.
pub(crate) struct Streams {
    draws: RunStreams,
    turn: u32,
    responses: [u32; MAX_ACTORS],
    /// Per observer, the moves it has looked at this turn under fog of war.
    sightings: [u32; MAX_ACTORS],
    pub(crate) trace: Option<Trace>,
}

impl Streams {
    pub(crate) fn new(seed: u64, run: u64) -> Self {
        Self {
            draws: RunStreams::new(seed, run),
            turn: 0,
            responses: [0; MAX_ACTORS],
            sightings: [0; MAX_ACTORS],
            trace: None,
        }
    }

    /// Whether a response to a crossing comes: one draw per crossing, used or not, so the
    /// response stream stays aligned across policies that differ in other respects.
    /// `owner`'s answer draw (`doomed`: with a trace, an answer cannot match the record).
    fn response(&mut self, owner: ActorId, p: f64, doomed: bool) -> bool {
        let index = self.responses[owner];
        self.responses[owner] += 1;
        match &mut self.trace {
            None => self.draws.uniform(Purpose::Response, slot(self.turn, owner, index)) < p,
            Some(trace) => trace.bernoulli_unless(p, doomed),
        }
    }

    /// The rung `observer` sees when an adversary moves onto `rung` (fog of war): one draw per
    /// sighting of a rung that may be misread.
    fn sighting(&mut self, observer: ActorId, rung: RungId, ladder: &crate::model::Ladder) -> RungId {
        let confusion = &ladder.rung(rung).confusion;
        if confusion.is_empty() {
            return rung;
        }
        let index = self.sightings[observer];
        self.sightings[observer] += 1;
        let mut probs: Vec<f64> = confusion.iter().map(|&(_, p)| p).collect();
        probs.push((1.0 - probs.iter().sum::<f64>()).max(0.0));
        let slot = slot(self.turn, observer, index);
        let picked = self.pick(Purpose::Fog, slot, &probs, |u| {
            let mut cumulative = 0.0;
            probs
                .iter()
                .position(|&p| {
                    cumulative += p;
                    u < cumulative
                })
                .unwrap_or(probs.len() - 1)
        });
        match confusion.get(picked) {
            Some(&(offset, _)) => (rung as i64 + i64::from(offset)).clamp(0, ladder.top() as i64) as RungId,
            None => rung,
        }
    }

    /// A draw below `p`.
    fn bernoulli(&mut self, purpose: Purpose, slot: u64, p: f64) -> bool {
        match &mut self.trace {
            None => self.draws.uniform(purpose, slot) < p,
            Some(trace) => trace.bernoulli(p),
        }
    }

    /// A draw below `p` that ends the run with `outcome`: with a trace that ending is not
    /// branched on when the record rules it out this turn.
    fn ending_bernoulli(&mut self, purpose: Purpose, slot: u64, p: f64, outcome: Outcome) -> bool {
        match &mut self.trace {
            None => self.draws.uniform(purpose, slot) < p,
            Some(trace) => {
                let doomed = !trace.may_end(outcome);
                trace.bernoulli_unless(p, doomed)
            }
        }
    }

    /// An index drawn with probabilities `probs` by `sample` (inverse CDF of one uniform).
    fn pick(&mut self, purpose: Purpose, slot: u64, probs: &[f64], sample: impl FnOnce(f64) -> usize) -> usize {
        match &mut self.trace {
            None => sample(self.draws.uniform(purpose, slot)),
            Some(trace) => trace.pick(probs),
        }
    }

    /// The accident of an actor holding a rung with accident rate `rate`: the jump, if one comes.
    /// With a trace, the jumps `doomed` says cannot match the record are not branched on (nor
    /// is no accident at all when `doomed` says so of the offset 0).
    fn accident(
        &mut self,
        slot: u64,
        rate: f64,
        jump: &crate::model::JumpDistribution,
        doomed: impl Fn(&Trace, i32) -> bool,
    ) -> Option<i32> {
        if let Some(trace) = &mut self.trace {
            let offsets = jump.offsets();
            let all_doomed = offsets.iter().all(|&(o, p)| p <= 0.0 || doomed(trace, o));
            if !trace.bernoulli_dooming(rate, all_doomed, doomed(trace, 0)) {
                return None;
            }
            let probs: Vec<f64> = offsets.iter().map(|&(_, p)| p).collect();
            let dooms: Vec<bool> = offsets.iter().map(|&(o, _)| doomed(trace, o)).collect();
            return Some(offsets[trace.pick_unless(&probs, |i| dooms[i])].0);
        }
        let mut accident = self.draws.at(Purpose::Accident, slot);
        (rate > 0.0 && accident.uniform() < rate).then(|| jump.sample(accident.uniform()))
    }
}

/// The lowest and highest red lines in `first..=last` of positive prior probability (the
/// whole range if none has).
fn possible_red_lines(prior: &[f64], first: usize, last: usize) -> (usize, usize) {
    let low = (first..=last).find(|&r| prior[r] > 0.0).unwrap_or(first);
    let high = (first..=last).rev().find(|&r| prior[r] > 0.0).unwrap_or(last);
    (low, high)
}

/// Setup slots of event draws start here (red lines use the actor index).
const EVENT_SLOTS: u64 = 1 << 32;

impl<'s> Simulator<'s> {
    /// Prepares to run `scenario`.
    pub fn new(scenario: &'s Scenario) -> Self {
        let n = scenario.actors.len();
        let rungs = scenario.ladder.len();
        let mut initial_beliefs = Beliefs::new(n, rungs);
        for (holder, actor) in scenario.actors.iter().enumerate() {
            for about in 0..n {
                if scenario.adversaries(holder, about) {
                    // Without an explicit belief, the common prior: the adversary's true prior.
                    initial_beliefs.set(holder, about, scenario.actors[about].red_line.probs());
                }
            }
            for spec in &actor.beliefs {
                let tilted = belief::tilt(spec.prior.probs(), spec.bias);
                initial_beliefs.set(holder, spec.about, &tilted);
            }
        }
        let mut interner = crate::cache::BeliefInterner::default();
        for holder in 0..n {
            for about in 0..n {
                if scenario.adversaries(holder, about) {
                    let id = interner.intern(initial_beliefs.about(holder, about));
                    initial_beliefs.set_id(holder, about, id);
                }
            }
        }
        let initial_rates = scenario
            .ladder
            .rungs()
            .iter()
            .enumerate()
            .map(|(index, rung)| RungRates {
                accident_rate: rung.accident_rate,
                chance_hazard: rung.chance_hazard,
                accident_to_nuclear: rung
                    .accident_jump
                    .offsets()
                    .iter()
                    .filter(|(offset, _)| {
                        scenario.ladder.rung(clamp_rung(index, *offset, scenario.ladder.top())).nuclear
                    })
                    .map(|(_, p)| p)
                    .sum(),
            })
            .collect();
        let state = State {
            turn: 0,
            params: Arc::new(scenario.actors.iter().map(|a| a.params).collect()),
            rates: Arc::default(),
            rungs: [0; MAX_ACTORS],
            peaks: [0; MAX_ACTORS],
            commitments: [0; MAX_ACTORS],
            windows: [None; MAX_ACTORS],
            red_lines: [0; MAX_ACTORS],
            red_line_tops: [0; MAX_ACTORS],
            beliefs: initial_beliefs.clone(),
            stepped_up: false,
            quiet_turns: 0,
            applied_events: 0,
            weary_turns: 0,
            bargain_low: [0.0; 2],
            ended: None,
            memory: Vec::new(),
            history: Vec::new(),
            perceived: [[0; MAX_ACTORS]; MAX_ACTORS],
            breaker: None,
            pause_until: 0,
            treaty: None,
            limited: Vec::new(),
            pledges: [None; MAX_ACTORS],
            mediation: None,
            mediation_until: 0,
            back_channel: None,
            back_channel_until: 0,
        };
        let equilibrium: Vec<_> = scenario
            .actors
            .iter()
            .map(|a| match &a.policy {
                crate::model::PolicyKind::Equilibrium { turns, strategy: Some(strategy) } => {
                    Some((*turns, strategy.clone()))
                }
                _ => None,
            })
            .collect();
        let memory_turns = equilibrium.iter().flatten().map(|(turns, _)| *turns).max().unwrap_or(0);
        let policies: Vec<Box<dyn Policy>> = scenario.actors.iter().map(|a| policy::build(&a.policy)).collect();
        let external: Vec<_> = scenario
            .actors
            .iter()
            .map(|a| match &a.policy {
                crate::model::PolicyKind::External(rule) => Some(rule.0.clone()),
                _ => None,
            })
            .collect();
        let external = if external.iter().any(Option::is_some) { external } else { Vec::new() };
        let mut simulator = Self {
            scenario,
            private_draws: policies.iter().any(|p| p.uses_private_draw()),
            policies,
            initial_beliefs,
            initial_rates,
            tables: Tables::new(scenario),
            record_trajectories: false,
            record_paths: false,
            story: None,
            sighted: None,
            acts_at_once: true,
            cache: (scenario.events.len() <= 64).then(Default::default),
            credibility_memo: CredibilityMemo::default(),
            interner,
            equilibrium,
            memory_turns,
            external,
            fog: scenario.ladder.has_confusion(),
            interruptions: scenario.has_interruptions(),
            warnings: scenario.has_warnings(),
            diplomacy: scenario.has_diplomacy(),
            state,
        };
        // Until the first run, the state is the scenario's start with every red line at "never".
        simulator.reset_to_start();
        simulator.state.red_lines = [rungs; MAX_ACTORS];
        simulator.state.red_line_tops = [rungs; MAX_ACTORS];
        simulator
    }

    /// Whether runs record every actor's rung at the end of each turn ([`RunRecord::trajectory`]).
    pub fn set_record_trajectories(&mut self, record: bool) {
        self.record_trajectories = record;
    }

    /// Runs run `run` of seed `seed` and tells it turn by turn. The run is the same as
    /// [`Self::run`]'s (telling draws nothing), with its path recorded.
    pub fn tell(&mut self, seed: u64, run: u64) -> (RunRecord, Story) {
        let paths = self.record_paths;
        self.record_paths = true;
        self.story = Some(Story::default());
        let record = self.run(seed, run);
        self.record_paths = paths;
        let mut story = self.story.take().unwrap_or_default();
        story.true_red_lines = self.state.red_lines[..self.scenario.actors.len()].to_vec();
        for turn in &mut story.turns {
            turn.moves = record.path.iter().filter(|s| s.turn == turn.turn).copied().collect();
        }
        (record, story)
    }

    /// Whether runs record every move that raised an actor's rung ([`RunRecord::path`]).
    pub fn set_record_paths(&mut self, record: bool) {
        self.record_paths = record;
    }

    /// The view `actor` would decide on in the current state (the end of the last run): for
    /// tests and tools that examine decision rules.
    pub fn decision_view(&self, actor: ActorId) -> DecisionView<'_> {
        self.view(actor)
    }

    /// Beliefs as they stood at the end of the last run.
    pub fn beliefs(&self) -> &Beliefs {
        &self.state.beliefs
    }

    /// Runs the scenario once: run `run` of seed `seed`.
    pub fn run(&mut self, seed: u64, run: u64) -> RunRecord {
        let mut streams = Streams::new(seed, run);
        let mut record = RunRecord::empty(run);
        self.begin(&mut streams, &mut record);
        let mut next_event = 0;
        for turn in 1..=self.scenario.rules.max_turns {
            if self.play(turn, &mut next_event, &mut streams, &mut record) {
                break;
            }
        }
        self.finish(&mut record);
        record
    }

    /// The start of a run: red lines, private types, the scenario's opening state.
    pub(crate) fn begin(&mut self, streams: &mut Streams, record: &mut RunRecord) {
        self.reset(streams);
        if self.private_draws {
            // Private types (e.g. quit turns) draw from their own purpose: one slot per actor.
            for (actor, policy) in self.policies.iter_mut().enumerate() {
                if policy.uses_private_draw() {
                    policy.start_run(streams.draws.uniform(Purpose::Type, actor as u64));
                }
            }
        }
        record.belief_error_start = self.belief_error();
        record.peak_rung = self.joint_level();
    }

    /// Plays turn `turn` (events due, the actors' moves, then the end-of-turn rules); `true`
    /// when the run is over. `next_event` is the first event not yet drawn.
    pub(crate) fn play(
        &mut self,
        turn: u32,
        next_event: &mut usize,
        streams: &mut Streams,
        record: &mut RunRecord,
    ) -> bool {
        self.begin_turn(turn, next_event, streams, record);
        self.play_moves(streams, record);
        self.end_turn(turn, streams, record)
    }

    /// The number of actor steps a turn splits into for [`Simulator::actor_step`]: one per
    /// actor when they move in turn; none when they decide simultaneously (their decisions
    /// are made before any acts, so the turn cannot be cut between actors).
    pub(crate) fn actor_steps(&self) -> usize {
        match self.scenario.rules.turn_order {
            TurnOrder::Sequential => self.scenario.rules.order.len(),
            TurnOrder::Simultaneous => 0,
        }
    }

    /// The start of turn `turn`: the treaty's breakout, the events due, the breaker.
    /// [`Simulator::play`] is `begin_turn`, the actors' moves, then [`Simulator::end_turn`].
    pub(crate) fn begin_turn(
        &mut self,
        turn: u32,
        next_event: &mut usize,
        streams: &mut Streams,
        record: &mut RunRecord,
    ) {
        let scenario = self.scenario;
        self.state.turn = turn;
        self.state.stepped_up = false;
        if let Some(story) = &mut self.story {
            story.turns.push(StoryTurn { turn, ..StoryTurn::default() });
        }
        streams.turn = turn;
        streams.responses = [0; MAX_ACTORS];
        if self.fog {
            streams.sightings = [0; MAX_ACTORS];
        }
        record.turns = turn;
        if self.interruptions {
            self.treaty_breakout(streams);
        }
        if self.diplomacy {
            // Before the turn's events, which must not see a mediator or channel whose time is up.
            self.expire_diplomacy();
        }
        if self.remembers() {
            self.observe(&format!("| turn {turn}:"));
        }
        while *next_event < scenario.events.len() && scenario.events[*next_event].turn <= turn {
            let index = *next_event;
            let event = &scenario.events[index];
            *next_event += 1;
            // An event of an earlier turn left undrawn by a run that ended has probability 0.
            let prob = if event.turn == turn { event.prob } else { 0.0 };
            if streams.bernoulli(Purpose::Setup, EVENT_SLOTS + index as u64, prob) {
                if !matches!(event.kind, EventKind::Force { .. }) {
                    self.state.applied_events |= 1 << (index % 64);
                }
                if let Some(turn) = self.story.as_mut().and_then(|s| s.turns.last_mut()) {
                    turn.events.push(index);
                }
                if self.remembers() {
                    self.observe(&format!("event {index};"));
                }
                self.apply_event(index, &event.kind, streams, record);
            }
            if self.state.ended.is_some() {
                break;
            }
        }
        if self.diplomacy && self.state.ended.is_none() {
            self.diplomacy(streams, record);
        }
        if self.interruptions {
            self.trip_breaker();
        }
        if self.interruptions | self.diplomacy {
            self.refresh_limits();
        }
    }

    /// The actors' moves of a turn begun by [`Simulator::begin_turn`] (unless it has ended).
    pub(crate) fn play_moves(&mut self, streams: &mut Streams, record: &mut RunRecord) {
        if self.state.ended.is_none() {
            self.play_turn(streams, record);
        }
    }

    /// The end of turn `turn` after the actors' moves: false alarms, the chance hazard,
    /// weariness, bargaining and settlement; `true` when the run is over.
    pub(crate) fn end_turn(&mut self, turn: u32, streams: &mut Streams, record: &mut RunRecord) -> bool {
        let scenario = self.scenario;
        record.peak_rung = record.peak_rung.max(self.joint_level());
        self.record_turn(record);
        if self.state.ended.is_some() {
            return true;
        }
        if self.warnings && self.false_alarms(streams, record) {
            return true;
        }
        let joint = self.joint_level();
        if streams.ending_bernoulli(
            Purpose::Chance,
            slot(turn, 0, 0),
            self.state.rates[joint].chance_hazard,
            Outcome::NuclearUse,
        ) {
            let rung = scenario.ladder.first_nuclear_at_or_above(joint).unwrap_or(scenario.ladder.top());
            self.nuclear_use(None, rung, Cause::Chance, record);
            if let Some(last) = record.levels.last_mut() {
                *last = rung as u8;
            }
            return true;
        }
        if scenario.rules.weariness_from.is_some_and(|from| joint >= from) {
            self.state.weary_turns += 1;
        } else {
            self.state.weary_turns = 0;
        }
        if self.bargain(turn) {
            record.negotiated = true;
            self.state.ended = Some(Outcome::Settlement);
            return true;
        }
        if !self.state.stepped_up {
            self.state.quiet_turns += 1;
        } else {
            self.state.quiet_turns = 0;
        }
        if self.state.quiet_turns >= scenario.rules.settle_after_quiet_turns
            && joint <= scenario.rules.settle_at_or_below
        {
            self.state.ended = Some(Outcome::Settlement);
            return true;
        }
        false
    }

    /// The end of a run: its outcome, and why a run that hit the turn limit did.
    pub(crate) fn finish(&mut self, record: &mut RunRecord) {
        let scenario = self.scenario;
        record.outcome = self.state.ended.unwrap_or(Outcome::TurnLimit);
        if record.outcome == Outcome::TurnLimit {
            record.limit_reason = Some(if self.joint_level() > scenario.rules.settle_at_or_below {
                LimitReason::HeldAboveSettlement
            } else {
                LimitReason::StillMoving
            });
        }
        record.belief_error_end = self.belief_error();
    }

    /// The run's state (for the likelihood's branches).
    pub(crate) fn state(&self) -> &State {
        &self.state
    }

    /// Puts the run back into `state` (a branch's snapshot).
    pub(crate) fn restore(&mut self, state: &State) {
        self.state.clone_from(state);
        // The memo holds reputation terms of the beliefs it was filled under.
        self.credibility_memo.get_mut().clear();
    }

    /// Whether a decision rule draws a private type (exact likelihoods do not cover those yet).
    pub(crate) fn has_private_draws(&self) -> bool {
        self.private_draws
    }
}

impl RunRecord {
    /// A record before run `run` is played.
    pub(crate) fn empty(run: u64) -> Self {
        RunRecord {
            run,
            outcome: Outcome::TurnLimit,
            turns: 0,
            limit_reason: None,
            negotiated: false,
            peak_rung: 0,
            nuclear: None,
            conceded: None,
            red_lines_crossed: 0,
            first_red_line: None,
            responses: 0,
            miscalculations: 0,
            accidents: 0,
            false_alarms: 0,
            misreads: 0,
            signals_sent: 0,
            signals_honoured: 0,
            signals_contradicted: 0,
            audience_costs: 0.0,
            decisions: 0,
            levels: Vec::new(),
            trajectory: Vec::new(),
            path: Vec::new(),
            belief_error_start: 0.0,
            belief_error_end: 0.0,
        }
    }
}

impl Simulator<'_> {
    fn reset(&mut self, streams: &mut Streams) {
        self.reset_to_start();
        for (id, actor) in self.scenario.actors.iter().enumerate() {
            let red_line = &actor.red_line;
            if streams.trace.is_some() {
                // Undrawn: every red line of positive prior probability is still possible.
                let probs = red_line.probs();
                (self.state.red_lines[id], self.state.red_line_tops[id]) =
                    possible_red_lines(probs, 0, probs.len() - 1);
                continue;
            }
            self.state.red_lines[id] =
                streams.pick(Purpose::Setup, id as u64, red_line.probs(), |u| red_line.sample(u));
            self.state.red_line_tops[id] = self.state.red_lines[id];
        }
    }

    /// With a trace: narrows `owner`'s possible red lines to one of the cells that the
    /// increasing `cuts` split them into (red line ≤ cuts[0], in (cuts[0], cuts[1]], …, above
    /// the last), branching with each cell's share of the prior mass still possible. The
    /// branch's weight times the run's probability given any red line in the cell is then the
    /// sum over the cell's red lines, so the likelihood stays exact while states that differ
    /// only in red lines their course never tested stay one state.
    fn narrow_red_line(&mut self, owner: ActorId, cuts: impl IntoIterator<Item = usize>, streams: &mut Streams) {
        let Some(trace) = streams.trace.as_mut() else {
            return;
        };
        let (low, top) = (self.state.red_lines[owner], self.state.red_line_tops[owner]);
        if low == top {
            return;
        }
        let prior = self.scenario.actors[owner].red_line.probs();
        // (first, last, prior mass) of each cell the possible red lines fall in.
        let mut cells: Vec<(usize, usize, f64)> = Vec::new();
        let mut start = low;
        for cut in cuts.into_iter().chain([usize::MAX]) {
            if start > top {
                break;
            }
            if cut < start {
                continue;
            }
            let end = cut.min(top);
            let mass: f64 = prior[start..=end].iter().sum();
            if mass > 0.0 {
                cells.push((start, end, mass));
            }
            start = end.saturating_add(1);
        }
        let chosen = if cells.len() > 1 {
            let total: f64 = cells.iter().map(|c| c.2).sum();
            let probs: Vec<f64> = cells.iter().map(|c| c.2 / total).collect();
            trace.pick(&probs)
        } else {
            0
        };
        if let Some(&(start, end, _)) = cells.get(chosen) {
            // Trimmed to the possible red lines, so equal sets give equal merge keys.
            (self.state.red_lines[owner], self.state.red_line_tops[owner]) = possible_red_lines(prior, start, end);
        }
    }

    /// Everything but the red lines back to the scenario's start.
    fn reset_to_start(&mut self) {
        self.credibility_memo.get_mut().clear();
        self.sighted = None;
        let scenario = self.scenario;
        let state = &mut self.state;
        let params = Arc::make_mut(&mut state.params);
        params.clear();
        params.extend(scenario.actors.iter().map(|a| a.params));
        let rates = Arc::make_mut(&mut state.rates);
        rates.clear();
        rates.extend_from_slice(&self.initial_rates);
        state.beliefs.copy_from(&self.initial_beliefs);
        state.windows = [None; MAX_ACTORS];
        state.stepped_up = false;
        state.quiet_turns = 0;
        state.applied_events = 0;
        state.weary_turns = 0;
        state.bargain_low = [scenario.rules.bargaining.map_or(0.0, |b| b.low); 2];
        state.ended = None;
        state.turn = 0;
        state.memory.clear();
        state.breaker = scenario.rules.circuit_breaker;
        state.pause_until = 0;
        state.treaty = scenario.rules.treaty;
        state.limited.clear();
        state.pledges = [None; MAX_ACTORS];
        // From the rules, active from turn 1.
        state.mediation = scenario.rules.mediation;
        state.mediation_until = scenario.rules.mediation.map_or(0, |m| m.turns);
        state.back_channel = scenario.rules.back_channel;
        state.back_channel_until = scenario.rules.back_channel.map_or(0, |b| b.turns);
        if self.memory_turns > 0 {
            state.memory.resize(scenario.actors.len(), String::new());
        }
        for (id, actor) in scenario.actors.iter().enumerate() {
            state.rungs[id] = actor.start;
            state.commitments[id] = actor.start;
        }
        for id in 0..scenario.actors.len() {
            self.state.peaks[id] = self.threat_level(id);
        }
        self.state.history.clear();
        if !self.external.is_empty() {
            let n = scenario.actors.len();
            self.state.history.extend(self.state.rungs[..n].iter().map(|&r| r as u8));
        }
        for observer in 0..scenario.actors.len() {
            self.state.perceived[observer] = self.state.rungs;
        }
        if self.interruptions | self.diplomacy {
            self.refresh_limits();
        }
    }

    fn record_turn(&mut self, record: &mut RunRecord) {
        let n = self.scenario.actors.len();
        if self.story.is_some() {
            let beliefs = self.story_beliefs();
            let rungs = self.state.rungs[..n].to_vec();
            if let Some(turn) = self.story.as_mut().and_then(|s| s.turns.last_mut()) {
                turn.rungs = rungs;
                turn.beliefs = beliefs;
            }
        }
        record.levels.push(self.joint_level() as u8);
        if !self.external.is_empty() {
            self.state.history.extend(self.state.rungs[..n].iter().map(|&r| r as u8));
        }
        if self.record_trajectories {
            record.trajectory.extend(self.state.rungs[..n].iter().map(|&r| r as u8));
        }
    }

    /// Every belief about an adversary, for a story.
    fn story_beliefs(&self) -> Vec<StoryBelief> {
        let n = self.scenario.actors.len();
        let mut out = Vec::new();
        for holder in 0..n {
            for about in 0..n {
                if !self.scenario.adversaries(holder, about) {
                    continue;
                }
                let belief = self.state.beliefs.about(holder, about);
                let peak = self.state.peaks[about];
                let next = (peak + 1).min(self.scenario.ladder.top());
                let mut after = self.state.rungs;
                after[holder] = after[holder].max(next);
                let view = self.view(holder);
                let s = utility::answer_chance(&view, about, &after, peak, next);
                out.push(StoryBelief {
                    holder,
                    about,
                    mean_red_line: belief::mean(belief),
                    p_respond_next: belief::response_probability(belief, peak, next, s),
                    true_red_line: self.state.red_lines[about],
                });
            }
        }
        out
    }

    fn joint_level(&self) -> RungId {
        self.state.rungs[..self.scenario.actors.len()].iter().copied().max().unwrap_or(0)
    }

    fn threat_level(&self, actor: ActorId) -> RungId {
        self.tables.threat_level(actor, &self.state.rungs)
    }

    fn belief_error(&self) -> f64 {
        let n = self.scenario.actors.len();
        let (mut total, mut pairs) = (0.0, 0);
        for holder in 0..n {
            for about in 0..n {
                if self.scenario.adversaries(holder, about) {
                    let expected = belief::mean(self.state.beliefs.about(holder, about));
                    total += (expected - self.state.red_lines[about] as f64).abs();
                    pairs += 1;
                }
            }
        }
        if pairs == 0 { 0.0 } else { total / pairs as f64 }
    }

    /// What `actor` decides on: the run's state, or under fog of war what it perceives of it.
    #[inline]
    fn view(&self, actor: ActorId) -> DecisionView<'_> {
        if self.fog {
            return self.perceived_view(actor);
        }
        self.true_view(actor)
    }

    /// The run's state as it is, from `actor`'s seat.
    #[inline]
    fn true_view(&self, actor: ActorId) -> DecisionView<'_> {
        DecisionView {
            scenario: self.scenario,
            actor,
            turn: self.state.turn,
            params: self.effective_params(),
            rates: &self.state.rates,
            tables: &self.tables,
            rungs: self.state.rungs,
            peaks: self.state.peaks,
            commitments: self.state.commitments,
            window: self.state.windows[actor],
            own_red_line: self.state.red_lines[actor],
            weary_turns: self.state.weary_turns,
            credibility_memo: Some(&self.credibility_memo),
            beliefs: &self.state.beliefs,
            pledges: &self.state.pledges,
        }
    }

    fn play_turn(&mut self, streams: &mut Streams, record: &mut RunRecord) {
        let scenario = self.scenario;
        match scenario.rules.turn_order {
            TurnOrder::Sequential => {
                for step in 0..scenario.rules.order.len() {
                    if self.actor_step(step, streams, record) {
                        return;
                    }
                }
            }
            TurnOrder::Simultaneous => {
                if self.remembers() {
                    self.observe("decisions:");
                }
                let order = &scenario.rules.order;
                let mut actions = [None; MAX_ACTORS];
                // With a trace, every actor but the first is only given its distribution here
                // (from the turn's state, as it decides) and draws from it just before it acts:
                // the same sum, but a choice that cannot match the record after the earlier
                // acts is then not branched on (`pick_decision`).
                let mut later: [Option<Rc<Distribution>>; MAX_ACTORS] = Default::default();
                for (k, &actor) in order.iter().enumerate() {
                    if k > 0 && streams.trace.is_some() {
                        record.decisions += 1;
                        later[actor] = Some(self.decision_distribution(actor, streams));
                    } else {
                        self.acts_at_once = k == 0;
                        actions[actor] = Some(self.decide(actor, streams, record));
                    }
                }
                self.acts_at_once = true;
                for (k, &actor) in order.iter().enumerate() {
                    let action = match later[actor].take() {
                        Some(distribution) => {
                            let (choices, probs) = &*distribution;
                            self.pick_decision(actor, choices, probs, streams)
                        }
                        None => actions[actor].unwrap_or(Action::Concede),
                    };
                    self.act(actor, action, streams, record);
                    let last = k + 1 == order.len();
                    if self.state.ended.is_some() || self.off_record(actor, streams) || self.stranded(last, streams) {
                        return;
                    }
                }
            }
        }
    }

    /// The move of the `step`-th actor in the order of a sequential turn; `true` when the turn
    /// stops there (the run ended, or with a trace the actor stands above its observed rung).
    pub(crate) fn actor_step(&mut self, step: usize, streams: &mut Streams, record: &mut RunRecord) -> bool {
        if self.state.ended.is_some() {
            return true;
        }
        let actor = self.scenario.rules.order[step];
        if self.remembers() {
            self.observe(&format!("{} decides:", self.scenario.actors[actor].name));
        }
        let action = self.decide(actor, streams, record);
        self.act(actor, action, streams, record);
        self.state.ended.is_some() || self.off_record(actor, streams)
    }

    /// With a trace, in a simultaneous turn of two actors, once the last has acted: whether an
    /// actor stands below its observed rung (then its weight is 0). Having acted, an actor rises
    /// only by answering a crossing, and none is left. (Before the last act, the later actors'
    /// choices are not yet drawn: `pick_decision` skips those that would leave an actor there.)
    fn stranded(&self, last: bool, streams: &mut Streams) -> bool {
        let Some(trace) = streams.trace.as_mut() else {
            return false;
        };
        if !last || self.scenario.actors.len() != 2 {
            return false;
        }
        let stranded = (0..2).any(|actor| trace.has_acted(actor) && trace.below(actor, self.state.rungs[actor]));
        if stranded {
            trace.strand();
        }
        stranded
    }

    /// With a trace: whether `actor`, having acted, already stands above the observed rung
    /// (then the rest of the turn is not played).
    fn off_record(&self, actor: ActorId, streams: &mut Streams) -> bool {
        streams.trace.as_mut().is_some_and(|trace| trace.acted(actor, self.state.rungs[actor]))
    }

    /// Whether the actors' memories are being kept this turn.
    fn remembers(&self) -> bool {
        !self.state.memory.is_empty() && self.state.turn <= self.memory_turns
    }

    /// A public observation, for every actor's memory (as `crate::tree` writes it).
    fn observe(&mut self, token: &str) {
        for memory in &mut self.state.memory {
            memory.push(' ');
            memory.push_str(token);
        }
    }

    /// An actor's own choice, for its memory only.
    fn remember(&mut self, actor: ActorId, choice: &str) {
        let memory = &mut self.state.memory[actor];
        memory.push_str(" [chose ");
        memory.push_str(choice);
        memory.push(']');
    }

    /// The equilibrium strategy's probabilities at `actor`'s current information set (`what`:
    /// `move` or `answer`), if it plays one, the turn is within its horizon and the tree holds
    /// the set with `actions` actions.
    fn equilibrium_probs(&self, actor: ActorId, what: &str, actions: usize) -> Option<&[f64]> {
        let (turns, strategy) = self.equilibrium[actor].as_ref()?;
        if self.state.turn > *turns || self.state.memory.is_empty() {
            return None;
        }
        let label = crate::tree::infoset_label(
            self.scenario,
            actor,
            what,
            self.state.red_lines[actor],
            &self.state.memory[actor],
        );
        strategy.table.get(&label).map(Vec::as_slice).filter(|p| p.len() == actions)
    }

    fn decide(&mut self, actor: ActorId, streams: &mut Streams, record: &mut RunRecord) -> Action {
        if !self.remembers() {
            return self.decide_by_rule(actor, streams, record);
        }
        let rung = self.state.rungs[actor];
        let allowed = utility::ActionSet::allowed(&self.view(actor));
        let actions = allowed.as_slice();
        let action = match self.equilibrium_probs(actor, "move", actions.len()) {
            Some(probs) => {
                record.decisions += 1;
                let k = match streams.trace.as_mut() {
                    Some(trace) => trace.pick(probs),
                    None => policy::sample_strategy(
                        probs,
                        streams.draws.uniform(Purpose::Decision, slot(streams.turn, actor, 0)),
                    ),
                };
                let chosen = actions[k];
                if let Some(turn) = self.story.as_mut().and_then(|s| s.turns.last_mut()) {
                    turn.decisions.push(StoryDecision { actor, from: rung, options: Vec::new(), chosen });
                }
                chosen
            }
            None => self.decide_by_rule(actor, streams, record),
        };
        let label = crate::tree::action_label(self.scenario, rung, action);
        self.remember(actor, &label);
        action
    }

    fn decide_by_rule(&mut self, actor: ActorId, streams: &mut Streams, record: &mut RunRecord) -> Action {
        record.decisions += 1;
        if streams.trace.is_some() {
            return self.decide_on_trace(actor, streams);
        }
        let uniform = streams.draws.uniform(Purpose::Decision, slot(streams.turn, actor, 0));
        if let Some(Some(rule)) = self.external.get(actor) {
            let chosen = self.decide_externally(actor, rule.as_ref(), uniform);
            if let Some(turn) = self.story.as_mut().and_then(|s| s.turns.last_mut()) {
                turn.decisions.push(StoryDecision {
                    actor,
                    from: self.state.rungs[actor],
                    options: Vec::new(),
                    chosen,
                });
            }
            return chosen;
        }
        if self.story.is_some() {
            let chosen = self.policies[actor].decide(&self.view(actor), uniform);
            let options = if self.policies[actor].is_logit_expected_utility() {
                let view = self.view(actor);
                let (actions, choice) = utility::logit_expected_utility(&view);
                let mut values = vec![0.0; actions.as_slice().len()];
                utility::expected_utilities(&view, actions.as_slice(), &mut values);
                let p = choice.probabilities();
                actions
                    .as_slice()
                    .iter()
                    .zip(values)
                    .zip(p)
                    .map(|((&action, expected_utility), p)| StoryOption { action, expected_utility, p })
                    .collect()
            } else {
                Vec::new()
            };
            if let Some(turn) = self.story.as_mut().and_then(|s| s.turns.last_mut()) {
                turn.decisions.push(StoryDecision { actor, from: self.state.rungs[actor], options, chosen });
            }
            return chosen;
        }
        if self.policies[actor].is_logit_expected_utility()
            && self.state.limited.is_empty()
            && !(self.diplomacy && self.pledged())
            && let Some(mut cache) = self.cache.take()
        {
            let utilities = cache.utilities(&self.view(actor), self.state.applied_events);
            self.cache = Some(cache);
            return utilities.actions[utilities.choice.pick(uniform)];
        }
        self.policies[actor].decide(&self.view(actor), uniform)
    }

    /// A decision by an outside rule, with the draw a built-in rule would have used. A rule
    /// that stops, or answers with a decision that fails the check, leaves the actor where it
    /// is (the rule keeps the error for its caller; runs cannot fail).
    fn decide_externally(&self, actor: ActorId, rule: &dyn policy::ExternalPolicy, uniform: f64) -> Action {
        let view = self.view(actor);
        let allowed = utility::ActionSet::allowed(&view);
        let observation = policy::Observation { view, allowed: allowed.as_slice(), history: &self.state.history };
        let hold = Action::MoveTo(self.state.rungs[actor]);
        match rule.decide(&observation) {
            Ok(decision) => match policy::external::check(&decision, observation.allowed) {
                Ok(()) => policy::external::choose(&decision, uniform),
                Err(problem) => {
                    rule.rejected(&observation, &problem);
                    hold
                }
            },
            Err(policy::ExternalStop) => hold,
        }
    }

    /// A decision as a branch point: the rule's distribution over its actions.
    fn decide_on_trace(&mut self, actor: ActorId, streams: &mut Streams) -> Action {
        let distribution = self.decision_distribution(actor, streams);
        let (choices, probs) = &*distribution;
        self.pick_decision(actor, choices, probs, streams)
    }

    /// With a trace: the distribution of `actor`'s decision (its own red line narrowed first,
    /// where the decision reads it).
    fn decision_distribution(&mut self, actor: ActorId, streams: &mut Streams) -> Rc<Distribution> {
        // A decision reads its own red line only as whether its open window crossed it, and
        // only when reputation or audience costs weigh (`utility::Reputation`).
        let params = &self.state.params[actor];
        if let Some(window) = self.state.windows[actor]
            && (params.reputation_weight != 0.0 || params.audience_cost != 0.0)
        {
            self.narrow_red_line(actor, [window.to_peak], streams);
        }
        // Replays of a branch that pass its branch points alike reach this point alike.
        let trace = streams.trace.as_mut().expect("decision_distribution is called with a trace");
        let key = trace.ask();
        if let Some(kept) = trace.recall(key) {
            return kept;
        }
        let distribution = Rc::new(self.fresh_decision_distribution(actor));
        streams.trace.as_mut().expect("the trace is still there").keep(key, &distribution);
        distribution
    }

    /// [`Simulator::decision_distribution`] computed from the state (its red line narrowed).
    fn fresh_decision_distribution(&mut self, actor: ActorId) -> Distribution {
        if self.policies[actor].is_logit_expected_utility() {
            // The memo keys parameters by the events applied: not while a pause, a treaty cap, a
            // mediator or a back channel changes them, nor while a declaration weighs.
            if self.state.limited.is_empty()
                && !(self.diplomacy && self.pledged())
                && let Some(mut cache) = self.cache.take()
            {
                let utilities = cache.utilities(&self.view(actor), self.state.applied_events);
                self.cache = Some(cache);
                let probs = utilities.choice.probabilities();
                (utilities.actions[..probs.len()].to_vec(), probs)
            } else {
                let (actions, choice) = utility::logit_expected_utility(&self.view(actor));
                (actions.as_slice().to_vec(), choice.probabilities())
            }
        } else {
            self.policies[actor].distribution(&self.view(actor)).into_iter().unzip()
        }
    }

    /// With a trace: `actor`'s choice among `choices` (probabilities `probs`) as a branch
    /// point. Choices that cannot match the record are not branched on: unless the run may
    /// end this turn before the actor carries its choice out, one that leaves it above its
    /// observed rung after its act, or a concession the record rules out (and, when it is
    /// carried out at once, one unless every rung is as observed: it ends the run where they
    /// stand). When it acts at once and the other of two actors has acted: a choice that
    /// gives that actor, below its observed rung, no crossing to
    /// answer (the only way it can still rise); and a choice that leaves the actor itself
    /// below its observed rung, when only its accident can lift it (the other, having acted,
    /// answers only a crossing, and only from below its own observed rung).
    fn pick_decision(&self, actor: ActorId, choices: &[Action], probs: &[f64], streams: &mut Streams) -> Action {
        let trace = streams.trace.as_mut().expect("pick_decision is called with a trace");
        let ceiling = trace.ceiling(actor);
        let settled = !trace.may_end_at_all() || self.acts_at_once;
        let may_concede = trace.may_end(Outcome::Concession);
        // The other of two actors, when it has acted (and this choice is carried out at once).
        let acted = (self.acts_at_once && self.scenario.actors.len() == 2)
            .then(|| 1 - actor)
            .filter(|&other| trace.has_acted(other));
        let rungs = &self.state.rungs;
        let as_observed =
            (0..self.scenario.actors.len()).all(|a| trace.ceiling(a) == RungId::MAX || rungs[a] == trace.ceiling(a));
        let other_below = acted.is_some_and(|other| trace.below(other, rungs[other]));
        let below = |rung: RungId| ceiling != RungId::MAX && rung < ceiling;
        let doomed = |i: usize| match choices[i] {
            Action::Concede => !may_concede || (self.acts_at_once && !as_observed),
            Action::MoveTo(rung) => {
                if settled && ceiling < rung && ceiling < self.lowest_after_act(rung) {
                    return true;
                }
                let Some(other) = acted else {
                    return false;
                };
                let lifts = self.could_lift(other, actor, choices[i]);
                if other_below { !lifts } else { below(self.highest_after_accident(rung)) }
            }
        };
        choices[trace.pick_unless(probs, doomed)]
    }

    /// The highest rung an actor holding `rung` can reach by its accident.
    fn highest_after_accident(&self, rung: RungId) -> RungId {
        self.accident_landings(rung).1
    }

    /// The lowest and highest rungs an accident can move an actor holding `rung` to (the rung
    /// itself when its accident rate is 0), over every jump its rung's distribution lists.
    fn accident_landings(&self, rung: RungId) -> (RungId, RungId) {
        let ladder = &self.scenario.ladder;
        if self.state.rates[rung].accident_rate > 0.0 {
            let offsets = ladder.rung(rung).accident_jump.offsets().iter().map(|&(o, _)| o);
            let (down, up) = offsets.fold((0, 0), |(down, up), o| (o.min(down), o.max(up)));
            (clamp_rung(rung, down, ladder.top()), clamp_rung(rung, up, ladder.top()))
        } else {
            (rung, rung)
        }
    }

    /// Whether `mover`'s act with `choice` could give `actor`, which has acted this turn, a
    /// crossing to answer: its move or its accident must lift its rung above `actor`'s peak
    /// (its answers need a crossing of its own first). A concession ends the run.
    fn could_lift(&self, actor: ActorId, mover: ActorId, choice: Action) -> bool {
        let Action::MoveTo(target) = choice else {
            return false;
        };
        self.scenario.adversaries(actor, mover) && self.highest_after_accident(target) > self.state.peaks[actor]
    }

    /// The lowest rung an actor that moves to `target` can hold once its act is over: its
    /// answers within the act only raise it, and its accident can lower it by the most
    /// negative jump of the rung it holds.
    fn lowest_after_act(&self, target: RungId) -> RungId {
        (target..self.scenario.ladder.len()).map(|held| self.accident_landings(held).0).min().unwrap_or(target)
    }

    /// Turns memoized utilities off (results are identical either way; for tests).
    pub fn disable_utility_cache(&mut self) {
        self.cache = None;
    }

    /// Carries out a chosen action, then the actor's accident draw.
    fn act(&mut self, actor: ActorId, action: Action, streams: &mut Streams, record: &mut RunRecord) {
        let current = self.state.rungs[actor];
        let target = match action {
            Action::Concede => None,
            Action::MoveTo(rung) => Some(rung),
        };
        self.close_window(actor, target.filter(|&rung| rung > current), streams, record);
        let Some(target) = target else {
            let commitment = self.state.commitments[actor];
            record.audience_costs +=
                f64::from(self.tables.public_between(0, commitment)) * self.effective_params()[actor].audience_cost;
            record.conceded = Some(actor);
            self.state.ended = Some(Outcome::Concession);
            return;
        };
        if let Some(trace) = &mut streams.trace {
            // From the move to `target` on, the actor's answers only raise it (and its
            // accident may follow).
            trace.moved(actor);
        }
        self.deliberate_move(actor, target, StepCause::Decision, streams, record);
        if self.state.ended.is_some() {
            return;
        }
        let held = self.state.rungs[actor];
        let rates = self.state.rates[held];
        let top = self.scenario.ladder.top();
        // With a trace, a landing (or no accident) that cannot match the record is not
        // branched on: above the actor's observed rung (it can only rise from there), or below
        // it when nothing is left to lift it — the other of two actors has acted, and answers
        // only a crossing of its peak, and only from below its own observed rung.
        let other = (self.scenario.actors.len() == 2).then(|| 1 - actor);
        let (state, scenario) = (&self.state, self.scenario);
        let jump = streams.accident(
            slot(streams.turn, actor, 0),
            rates.accident_rate,
            &self.scenario.ladder.rung(held).accident_jump,
            |trace, offset| {
                let landed = clamp_rung(held, offset, top);
                landed > trace.ceiling(actor)
                    || (trace.below(actor, landed)
                        && other.is_some_and(|other| {
                            trace.has_acted(other)
                                && !(scenario.adversaries(other, actor)
                                    && landed > state.peaks[other]
                                    && trace.below(other, state.rungs[other]))
                        }))
            },
        );
        if let Some(jump) = jump {
            let landed = clamp_rung(held, jump, self.scenario.ladder.top());
            if landed != held {
                record.accidents += 1;
                self.move_to(actor, landed, Cause::Accident, StepCause::Accident, f64::NAN, streams, record);
            }
        }
    }

    /// A chosen or scripted move: commitments and audience costs, then the move itself.
    fn deliberate_move(
        &mut self,
        actor: ActorId,
        target: RungId,
        step: StepCause,
        streams: &mut Streams,
        record: &mut RunRecord,
    ) {
        let current = self.state.rungs[actor];
        let commitment = self.state.commitments[actor];
        let abandoned = self.tables.public_between(target, commitment);
        record.audience_costs += f64::from(abandoned) * self.effective_params()[actor].audience_cost;
        self.state.commitments[actor] = self.tables.commitment_after(commitment, current, target);
        if target != current {
            self.judged_move(actor, target, step, streams, record);
        }
    }

    /// A deliberate move, with the chance of an answer its actor judged it to carry. Out of
    /// line: most decisions hold, and the hold path stays small.
    #[inline(never)]
    fn judged_move(
        &mut self,
        actor: ActorId,
        target: RungId,
        step: StepCause,
        streams: &mut Streams,
        record: &mut RunRecord,
    ) {
        let judged = self.view(actor).judged_response_prob(target);
        self.move_to(actor, target, Cause::Deliberate, step, judged, streams, record);
    }

    /// Moves `actor` to `rung`. Every change of rung goes through here, and every nuclear use
    /// through [`Self::nuclear_use`]. A rise of an adversary's threat level above its peak is a
    /// crossing, which may draw a response (recursively: the trap).
    #[allow(clippy::too_many_arguments)]
    fn move_to(
        &mut self,
        actor: ActorId,
        rung: RungId,
        cause: Cause,
        step: StepCause,
        judged: f64,
        streams: &mut Streams,
        record: &mut RunRecord,
    ) {
        let previous = self.state.rungs[actor];
        self.state.rungs[actor] = rung;
        if self.fog | self.interruptions {
            self.after_move(actor, previous, rung, streams, record);
        }
        if self.remembers() {
            let rung_name = &self.scenario.ladder.rung(rung).name;
            self.observe(&format!("{} {rung_name};", self.scenario.actors[actor].name));
        }
        record.peak_rung = record.peak_rung.max(rung);
        if rung <= previous {
            return;
        }
        self.state.stepped_up = true;
        let step = self.record_paths.then(|| {
            record.path.push(PathStep {
                turn: self.state.turn,
                actor,
                from: previous,
                to: rung,
                cause: step,
                miscalculation: false,
                crossed_red_line: false,
                crossed_red_line_of: 0,
            });
            record.path.len() as u32 - 1
        });
        if self.scenario.ladder.rung(rung).nuclear {
            self.nuclear_use(Some(actor), rung, cause, record);
            return;
        }
        for owner in 0..self.scenario.actors.len() {
            if !self.scenario.adversaries(actor, owner) {
                continue;
            }
            let threat = self.threat_level(owner);
            let peak = self.state.peaks[owner];
            if threat <= peak {
                continue;
            }
            self.state.peaks[owner] = threat;
            if let Some(index) = step
                && belief::crossed_count(self.state.red_lines[owner], peak, threat) > 0
            {
                record.path[index as usize].crossed_red_line = true;
                record.path[index as usize].crossed_red_line_of |= 1 << owner;
            }
            self.crossing(owner, peak, threat, actor, judged, step, streams, record);
            if self.state.ended.is_some() {
                return;
            }
        }
    }

    /// `owner`'s adversaries' level rose from `from` to `to` by `crosser`'s move.
    #[allow(clippy::too_many_arguments)]
    fn crossing(
        &mut self,
        owner: ActorId,
        from: RungId,
        to: RungId,
        crosser: ActorId,
        judged: f64,
        step: Option<u32>,
        streams: &mut Streams,
        record: &mut RunRecord,
    ) {
        if to > from {
            // The number of rungs crossed, max(0, to − max(red line, from + 1) + 1), tells
            // apart red lines up to from + 1, each one above, and those above `to`.
            self.narrow_red_line(owner, from + 1..=to, streams);
        }
        let crossed = belief::crossed_count(self.state.red_lines[owner], from, to);
        if crossed > 0 {
            record.red_lines_crossed += 1;
            record.first_red_line.get_or_insert(RedLineCrossing { turn: self.state.turn, owner, crosser });
        }
        let params = self.effective_params()[owner];
        let response_rung = utility::response_rung(&params, self.state.rungs[owner], to);
        let can_answer = crossed > 0 && response_rung > self.state.rungs[owner];
        let (chance, answer_chance) = match params.answer {
            AnswerMode::Rule => (params.response_prob, None),
            AnswerMode::Decision => {
                // Computed whether or not the true red line was crossed: observers, who do not
                // know it, update with this chance.
                let chance = utility::answer_chance(&self.view(owner), owner, &self.state.rungs, from, to);
                (chance, Some(chance))
            }
        };
        let mut respond_prob = 1.0 - (1.0 - chance).powi(crossed as i32);
        let decides = can_answer && params.answer == AnswerMode::Decision && self.remembers();
        if decides && let Some(probs) = self.equilibrium_probs(owner, "answer", 2) {
            respond_prob = probs[1];
        }
        // With a trace, an answer that lifts an owner who has moved this turn above its
        // observed rung is not branched on.
        let doomed = can_answer
            && streams
                .trace
                .as_ref()
                .is_some_and(|t| t.rises_past(owner, response_rung, || self.lowest_after_act(response_rung)));
        let responds = streams.response(owner, if can_answer { respond_prob } else { 0.0 }, doomed);
        if decides {
            self.remember(owner, if responds { "answer" } else { "silence" });
        }
        let from_peak = self.state.windows[owner].map_or(from, |open| open.from_peak);
        let window = Window { from_peak, to_peak: to, crosser, judged_response_prob: judged, answer_chance, step };
        self.state.windows[owner] = Some(window);
        if responds {
            self.close_window(owner, Some(response_rung), streams, record);
            if self.state.ended.is_none() {
                self.move_to(owner, response_rung, Cause::Response, StepCause::Response, f64::NAN, streams, record);
            }
        }
    }

    /// Ends `owner`'s unanswered crossings: its adversaries update their beliefs about its red
    /// line from whether it answered; an unanswered crossing of its true red line costs it
    /// its audience cost; an answer to a step judged safe is the crosser's miscalculation.
    ///
    /// `answer` is the rung the owner is stepping up to, if it answers. Under fog of war each
    /// observer sees that step (possibly misread) here, and updates on what it saw: a step up
    /// misread as none is silence to it.
    fn close_window(&mut self, owner: ActorId, answer: Option<RungId>, streams: &mut Streams, record: &mut RunRecord) {
        let Some(window) = self.state.windows[owner].take() else {
            return;
        };
        let responded = answer.is_some();
        let s = window.answer_chance.unwrap_or(self.state.params[owner].response_prob);
        for observer in 0..self.scenario.actors.len() {
            if self.scenario.adversaries(observer, owner) {
                let weight = self.tables.update_weight[observer][owner];
                let seen = match answer {
                    Some(rung) if self.fog => self.sight_answer(observer, owner, rung, streams, record),
                    _ => responded,
                };
                self.state.beliefs.update(observer, owner, window.from_peak, window.to_peak, s, seen, weight);
                let id = self.interner.intern(self.state.beliefs.about(observer, owner));
                self.state.beliefs.set_id(observer, owner, id);
            }
        }
        // Only the owner's reputation terms read the beliefs just updated.
        self.credibility_memo.get_mut().retain(|&((of, _, _), _)| usize::from(of) != owner);
        // Only a crossing of the owner's true red line makes a step up a response (observers,
        // who cannot tell, have updated either way) and its silence an audience cost.
        if self.state.red_lines[owner] <= window.to_peak {
            if responded {
                record.responses += 1;
                if window.judged_response_prob <= self.scenario.rules.miscalculation_threshold {
                    record.miscalculations += 1;
                    if let Some(index) = window.step {
                        record.path[index as usize].miscalculation = true;
                    }
                }
            } else {
                record.audience_costs += self.effective_params()[owner].audience_cost;
            }
        }
        if self.diplomacy {
            self.test_pledge(owner, window.to_peak, responded, record);
        }
    }

    /// One round of bargaining (docs/MODEL.md §4, "Bargaining"; `bargaining.rs`): the proposing
    /// camp's screening offer, and whether the other camp accepts it. A rejection raises the
    /// proposer's lower bound on the responder's value.
    fn bargain(&mut self, turn: u32) -> bool {
        let Some(terms) = self.scenario.rules.bargaining else {
            return false;
        };
        let proposer = usize::from(turn.is_multiple_of(2));
        let responder = 1 - proposer;
        let mut values = [0.0f64; 2];
        let joint = self.joint_level();
        for (actor, spec) in self.scenario.actors.iter().enumerate() {
            let view = self.view(actor);
            let stay = utility::hold_value(&view, actor, self.state.rungs[actor], self.threat_level(actor), joint);
            let params = &self.state.params[actor];
            let value = bargaining::normalised_value(stay, params.concede_value, params.stake);
            values[spec.camp] = values[spec.camp].max(value);
        }
        let low = self.state.bargain_low[responder];
        let Some(offer) = bargaining::screening_offer(values[proposer], low, terms.high) else {
            return false;
        };
        if values[responder] <= offer {
            return true;
        }
        self.state.bargain_low[responder] = offer.max(low);
        false
    }

    /// The one path to nuclear use: records who, which rung and why, and ends the run.
    fn nuclear_use(&mut self, actor: Option<ActorId>, rung: RungId, cause: Cause, record: &mut RunRecord) {
        debug_assert!(self.scenario.ladder.rung(rung).nuclear || cause == Cause::Chance);
        record.nuclear = Some(NuclearUse { turn: self.state.turn, actor, rung, cause });
        record.peak_rung = record.peak_rung.max(rung);
        self.state.ended = Some(Outcome::NuclearUse);
    }

    fn apply_event(&mut self, index: usize, kind: &EventKind, streams: &mut Streams, record: &mut RunRecord) {
        self.credibility_memo.get_mut().clear();
        match *kind {
            EventKind::Force { actor, rung } => {
                let current = self.state.rungs[actor];
                // A pause or a treaty cap holds scripted steps up too.
                let rung = match self.ceiling(actor) {
                    Some(ceiling) if rung > current => rung.min(ceiling.max(current)),
                    _ => rung,
                };
                self.close_window(actor, (rung > current).then_some(rung), streams, record);
                self.deliberate_move(actor, rung, StepCause::Event(index), streams, record);
            }
            EventKind::CircuitBreaker(breaker) => self.state.breaker = Some(breaker),
            EventKind::Treaty(treaty) => self.state.treaty = Some(treaty),
            EventKind::Signal { actor, signal } => {
                if let Some(signal) = signal.or(self.scenario.actors[actor].signal) {
                    self.send_signal(actor, &signal, 1 + index as u32, streams, record);
                }
            }
            EventKind::Mediation(mediation) => {
                self.state.mediation = Some(mediation);
                self.state.mediation_until = self.until(mediation.turns);
            }
            EventKind::BackChannel(channel) => {
                self.state.back_channel = Some(channel);
                self.state.back_channel_until = self.until(channel.turns);
            }
            EventKind::Permit { actor, min_rung, max_rung, max_step, can_concede } => {
                let params = &mut Arc::make_mut(&mut self.state.params)[actor];
                if let Some(r) = min_rung {
                    params.min_rung = r;
                }
                if let Some(r) = max_rung {
                    params.max_rung = r;
                }
                if let Some(step) = max_step {
                    params.max_step = step;
                }
                if let Some(flag) = can_concede {
                    params.can_concede = flag;
                }
                if params.min_rung > params.max_rung {
                    params.min_rung = params.max_rung;
                }
            }
            EventKind::Set { param, value } => {
                let params = Arc::make_mut(&mut self.state.params);
                match param {
                    Param::Stake(a) => params[a].stake = value,
                    Param::ConcedeValue(a) => params[a].concede_value = value,
                    Param::DisasterValue(a) => params[a].disaster_value = value,
                    Param::ResponseProb(a) => params[a].response_prob = value,
                    Param::AudienceCost(a) => params[a].audience_cost = value,
                    Param::ReputationWeight(a) => params[a].reputation_weight = value,
                    Param::Rationality(a) => params[a].rationality = value,
                    Param::AccidentRate(r) => Arc::make_mut(&mut self.state.rates)[r].accident_rate = value,
                    Param::ChanceHazard(r) => Arc::make_mut(&mut self.state.rates)[r].chance_hazard = value,
                }
            }
        }
        if self.interruptions {
            self.trip_breaker();
        }
        if self.interruptions | self.diplomacy {
            self.refresh_limits();
        }
    }
}

/// `from + offset`, clamped to the ladder.
fn clamp_rung(from: RungId, offset: i32, top: RungId) -> RungId {
    (from as i64 + offset as i64).clamp(0, top as i64) as RungId
}
