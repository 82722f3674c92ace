//! The static model: ladder, camps, actors, events and rules. Built once, validated once,
//! then shared read-only by every run.

use crate::error::ModelError;

/// The largest number of actors a scenario may hold (per-run state uses fixed arrays).
pub const MAX_ACTORS: usize = 8;
/// The largest number of rungs a ladder may hold.
pub const MAX_RUNGS: usize = 120;

/// Index of an actor in [`Scenario::actors`].
pub type ActorId = usize;
/// Index of a rung on the ladder (0 is the bottom).
pub type RungId = usize;

/// Where an accident moves an actor: offsets (in rungs, possibly negative) with probabilities.
#[derive(Debug, Clone, PartialEq)]
pub struct JumpDistribution {
    offsets: Vec<(i32, f64)>,
}

impl JumpDistribution {
    /// A distribution over rung offsets. Probabilities must be in [0, 1] and sum to 1 (±1e-9).
    pub fn new(offsets: Vec<(i32, f64)>) -> Result<Self, ModelError> {
        if offsets.is_empty() {
            return Err(ModelError::Invalid("a jump distribution needs at least one offset".into()));
        }
        let mut total = 0.0;
        for &(offset, prob) in &offsets {
            if !(0.0..=1.0).contains(&prob) {
                return Err(ModelError::Invalid(format!(
                    "jump probability for offset {offset} is {prob}, expected a value in [0, 1]"
                )));
            }
            total += prob;
        }
        if (total - 1.0).abs() > 1e-9 {
            return Err(ModelError::Invalid(format!("jump probabilities sum to {total}, expected 1")));
        }
        Ok(Self { offsets })
    }

    /// One rung up with certainty: the default accident.
    pub fn step_up() -> Self {
        Self { offsets: vec![(1, 1.0)] }
    }

    /// The offsets and their probabilities.
    pub fn offsets(&self) -> &[(i32, f64)] {
        &self.offsets
    }

    /// The offset selected by a uniform draw `u` in [0, 1) (inverse CDF).
    pub fn sample(&self, u: f64) -> i32 {
        let mut cumulative = 0.0;
        for &(offset, prob) in &self.offsets {
            cumulative += prob;
            if u < cumulative {
                return offset;
            }
        }
        self.offsets[self.offsets.len() - 1].0
    }
}

/// One rung of the escalation ladder.
#[derive(Debug, Clone, PartialEq)]
pub struct Rung {
    /// Short identifier, unique on the ladder (e.g. `"limited-nuclear-use"`).
    pub name: String,
    /// What taking this step means.
    pub description: String,
    /// Severity score; increasing up the ladder. Sets the escalation advantage between rungs.
    pub value: f64,
    /// Reaching this rung is nuclear use: the run ends.
    pub nuclear: bool,
    /// A public step: holding it is a commitment whose abandonment costs audience costs.
    pub public: bool,
    /// Flow cost per turn to each camp (indexed like [`Scenario::camps`]) while this is the
    /// joint level.
    pub cost: Vec<f64>,
    /// Probability per turn that an actor holding this rung slips by the jump distribution.
    pub accident_rate: f64,
    /// Where an accident moves the actor.
    pub accident_jump: JumpDistribution,
    /// Probability per turn that, at this joint level, the crisis slips to nuclear use by chance.
    pub chance_hazard: f64,
    /// Fog of war: how an adversary may misread a move onto this rung, as offsets from it (in
    /// rungs, non-zero) with probabilities summing to at most 1; the rest is read correctly.
    /// Empty (the default): every move onto it is seen as it is (docs/MODEL.md §14).
    pub confusion: Vec<(i32, f64)>,
}

/// The ordered rungs of an escalation ladder.
#[derive(Debug, Clone, PartialEq)]
pub struct Ladder {
    rungs: Vec<Rung>,
}

impl Ladder {
    /// A ladder from its rungs, bottom first. Checks sizes, probabilities and ordering.
    pub fn new(rungs: Vec<Rung>, camps: usize) -> Result<Self, ModelError> {
        if rungs.len() < 2 || rungs.len() > MAX_RUNGS {
            return Err(ModelError::Invalid(format!(
                "a ladder needs between 2 and {MAX_RUNGS} rungs, found {}",
                rungs.len()
            )));
        }
        for (index, rung) in rungs.iter().enumerate() {
            let at = |what: &str| format!("rung {index} (`{}`): {what}", rung.name);
            check_prob(rung.accident_rate).map_err(|e| ModelError::Invalid(at(&e)))?;
            check_prob(rung.chance_hazard).map_err(|e| ModelError::Invalid(at(&e)))?;
            if !rung.value.is_finite() {
                return Err(ModelError::Invalid(at("value must be finite")));
            }
            if rung.cost.len() != camps || rung.cost.iter().any(|c| !c.is_finite()) {
                return Err(ModelError::Invalid(at("needs one finite cost per camp")));
            }
            if index > 0 && rung.value < rungs[index - 1].value {
                return Err(ModelError::Invalid(at("values must not decrease up the ladder")));
            }
            if rung.confusion.iter().any(|&(offset, p)| offset == 0 || !(0.0..=1.0).contains(&p))
                || rung.confusion.iter().map(|&(_, p)| p).sum::<f64>() > 1.0 + 1e-9
            {
                return Err(ModelError::Invalid(at(
                    "confusion needs non-zero offsets with probabilities in [0, 1] summing to at most 1",
                )));
            }
        }
        Ok(Self { rungs })
    }

    /// All rungs, bottom first.
    pub fn rungs(&self) -> &[Rung] {
        &self.rungs
    }

    /// Number of rungs.
    pub fn len(&self) -> usize {
        self.rungs.len()
    }

    /// Always false: a ladder has at least two rungs.
    pub fn is_empty(&self) -> bool {
        self.rungs.is_empty()
    }

    /// Index of the top rung.
    pub fn top(&self) -> RungId {
        self.rungs.len() - 1
    }

    /// The rung at `index`.
    pub fn rung(&self, index: RungId) -> &Rung {
        &self.rungs[index]
    }

    /// Looks a rung up by name.
    pub fn find(&self, name: &str) -> Option<RungId> {
        self.rungs.iter().position(|r| r.name == name)
    }

    /// Whether some rung may be misread (fog of war is on).
    pub fn has_confusion(&self) -> bool {
        self.rungs.iter().any(|r| !r.confusion.is_empty())
    }

    /// The lowest nuclear rung at or above `from`, if any.
    pub fn first_nuclear_at_or_above(&self, from: RungId) -> Option<RungId> {
        (from..self.rungs.len()).find(|&r| self.rungs[r].nuclear)
    }
}

pub(crate) fn check_prob(p: f64) -> Result<(), String> {
    if (0.0..=1.0).contains(&p) { Ok(()) } else { Err(format!("probability {p} is outside [0, 1]")) }
}

/// A probability distribution over an adversary's red line: one entry per rung, plus a final
/// entry for "never" (no rung triggers a response).
#[derive(Debug, Clone, PartialEq)]
pub struct RedLinePrior {
    probs: Vec<f64>,
}

impl RedLinePrior {
    /// `probs` has one entry per rung and one for "never"; entries in [0, 1] summing to 1.
    pub fn new(probs: Vec<f64>) -> Result<Self, ModelError> {
        if probs.iter().any(|p| !(0.0..=1.0).contains(p)) {
            return Err(ModelError::Invalid("red-line probabilities must lie in [0, 1]".into()));
        }
        let total: f64 = probs.iter().sum();
        if (total - 1.0).abs() > 1e-9 {
            return Err(ModelError::Invalid(format!("red-line probabilities sum to {total}, expected 1")));
        }
        Ok(Self { probs })
    }

    /// A red line that is never crossed (the actor never responds).
    pub fn never(rungs: usize) -> Self {
        let mut probs = vec![0.0; rungs + 1];
        probs[rungs] = 1.0;
        Self { probs }
    }

    /// A red line known to sit at `rung`.
    pub fn at(rung: RungId, rungs: usize) -> Self {
        let mut probs = vec![0.0; rungs + 1];
        probs[rung] = 1.0;
        Self { probs }
    }

    /// Probabilities per rung, the last entry being "never".
    pub fn probs(&self) -> &[f64] {
        &self.probs
    }

    /// The red line selected by a uniform draw `u` (inverse CDF); `rungs` means "never".
    pub fn sample(&self, u: f64) -> usize {
        let mut cumulative = 0.0;
        for (index, &p) in self.probs.iter().enumerate() {
            cumulative += p;
            if u < cumulative && p > 0.0 {
                return index;
            }
        }
        // Rounding left `u` above the last cumulative value: take the highest supported entry.
        self.probs.iter().rposition(|&p| p > 0.0).unwrap_or(self.probs.len() - 1)
    }
}

/// How an actor sees one adversary's red line before the crisis starts.
#[derive(Debug, Clone, PartialEq)]
pub struct BeliefSpec {
    /// The adversary this belief is about.
    pub about: ActorId,
    /// The prior before the bias is applied (by default the adversary's true red-line prior).
    pub prior: RedLinePrior,
    /// Exponential tilt β: prior(ρ)·exp(β·ρ), renormalised. β > 0 believes the red line higher
    /// ("they will not respond"), β < 0 lower.
    pub bias: f64,
    /// Update weight κ: posterior ∝ prior · likelihood^κ. 1 is Bayes; < 1 conservative.
    pub update_weight: f64,
}

/// The distribution of the turn K at whose decision an actor concedes, drawn once per run
/// from the actor's private draw (a mixed strategy over quit times, or a pure strategy of a
/// privately known type: docs/MODEL.md §8).
///
/// `cdf[k − 1]` = P(K ≤ k) for k = 1, 2, …; the remaining mass 1 − P(K ≤ len) is "never".
#[derive(Debug, Clone, PartialEq)]
pub struct QuitTurns {
    cdf: Vec<f64>,
}

impl QuitTurns {
    /// A quit-turn distribution from its cumulative probabilities, which must lie in [0, 1]
    /// and not decrease.
    pub fn new(cdf: Vec<f64>) -> Result<Self, ModelError> {
        if cdf.iter().any(|p| !(0.0..=1.0).contains(p)) {
            return Err(ModelError::Invalid("quit-turn probabilities must lie in [0, 1]".into()));
        }
        if cdf.windows(2).any(|w| w[1] < w[0]) {
            return Err(ModelError::Invalid("quit-turn cumulative probabilities must not decrease".into()));
        }
        Ok(Self { cdf })
    }

    /// The cumulative probabilities P(K ≤ k), k = 1, 2, ….
    pub fn cdf(&self) -> &[f64] {
        &self.cdf
    }

    /// The quit turn selected by a uniform draw `u` (inverse CDF: the least k with
    /// u < P(K ≤ k)); `None` if the actor never quits.
    pub fn sample(&self, u: f64) -> Option<u32> {
        let k = self.cdf.partition_point(|&p| p <= u);
        (k < self.cdf.len()).then(|| k as u32 + 1)
    }
}

/// The longest truncation `policy = "equilibrium"` accepts (the game of three turns of a
/// small scenario already exceeds the tree's node limit; docs/GAMES.md).
pub const MAX_EQUILIBRIUM_TURNS: u32 = 3;

/// Which decision rule an actor follows.
#[derive(Debug, Clone, PartialEq)]
pub enum PolicyKind {
    /// Expected utility under its beliefs with logit choice (the default).
    LogitEu,
    /// Level-k reasoning: level 0 holds; level k best-responds (with logit noise) to
    /// adversaries playing level k − 1.
    LevelK {
        /// The reasoning level, 0..=4.
        level: u8,
    },
    /// Climbs to `target` and holds; concedes when the joint level reaches `concede_at`, or
    /// at a constant hazard `concede_prob` per turn.
    Threshold {
        /// The rung the actor climbs to and holds.
        target: RungId,
        /// Joint level at which the actor concedes.
        concede_at: Option<RungId>,
        /// Probability per turn of conceding (a constant-hazard quit rule).
        concede_prob: f64,
    },
    /// Climbs to `target` and holds; concedes from turn K on, where K is drawn once per run
    /// from `quit_turns` with the actor's private draw (docs/MODEL.md §8).
    PrivateQuit {
        /// The rung the actor climbs to and holds.
        target: RungId,
        /// The distribution of the quit turn.
        quit_turns: QuitTurns,
    },
    /// Always steps up when allowed.
    Hawk,
    /// Always steps down when allowed; never concedes.
    Dove,
    /// Never moves of its own accord.
    Hold,
    /// Moves toward the highest adversary rung, one step per turn.
    TitForTat,
    /// Plays its behaviour strategy from an equilibrium of the crisis game truncated at
    /// `turns` turns ([`crate::tree`]), falling back to [`PolicyKind::LogitEu`] after them
    /// (see [`crate::policy::EquilibriumStrategy`]).
    Equilibrium {
        /// The truncation of the game, 1..=[`MAX_EQUILIBRIUM_TURNS`].
        turns: u32,
        /// The strategy, once computed (by brink-app, before the runs); `None` plays logit.
        strategy: Option<std::sync::Arc<crate::policy::EquilibriumStrategy>>,
    },
    /// Steps up with probability `up`, down with `down`, holds otherwise.
    RandomWalk {
        /// Probability of stepping up.
        up: f64,
        /// Probability of stepping down.
        down: f64,
    },
    /// Decides through a rule outside the engine (e.g. a Python function; set by the caller,
    /// never read from a scenario file; [`crate::policy::external`]).
    External(crate::policy::ExternalRule),
}

/// How an actor answers a crossing of its red line (docs/MODEL.md §4, "The answer").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AnswerMode {
    /// A fixed chance `response_prob` per newly crossed rung at or above the red line (the
    /// rule of version 1; the closed forms of `brink validate` rest on it).
    #[default]
    Rule,
    /// A decision: the crossed actor weighs the cost and risk of answering against the audience
    /// cost and lost credibility of silence, with logit noise (Fearon 1994; Schelling 1966).
    Decision,
}

/// The per-actor parameters that scripted events may change during a run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ActorParams {
    /// W: value of prevailing (the adversary concedes); also scales the escalation advantage.
    pub stake: f64,
    /// Q: value of conceding.
    pub concede_value: f64,
    /// Z: value of nuclear use (disaster).
    pub disaster_value: f64,
    /// s: probability of carrying out a response when its red line is crossed, per crossed rung.
    pub response_prob: f64,
    /// How many rungs above the crossing level a response lands (0 = match).
    pub response_margin: u8,
    /// a: cost of an unanswered crossing, and per public rung abandoned when backing down.
    pub audience_cost: f64,
    /// R: value of a unit of credibility (the adversaries' expected chance it responds).
    pub reputation_weight: f64,
    /// λ: logit rationality; `f64::INFINITY` is best response.
    pub rationality: f64,
    /// H: lookahead depth in own moves (1..=4).
    pub lookahead: u8,
    /// Lowest rung the actor may choose.
    pub min_rung: RungId,
    /// Highest rung the actor may choose (responses included).
    pub max_rung: RungId,
    /// Most rungs climbed in one move (1 = no jumps).
    pub max_step: u8,
    /// Whether the actor may concede.
    pub can_concede: bool,
    /// How it answers a crossing of its red line.
    pub answer: AnswerMode,
    /// k: one-off cost of carrying out an answer (decision mode).
    pub answer_cost: f64,
    /// π: its believed chance of prevailing if it stays in the crisis. `Some` gives every
    /// choice other than conceding the terminal value π·W + (1 − π)·Q at the end of its
    /// lookahead (the crisis goes on beyond the horizon); `None` (version 1) gives none.
    pub prevail_belief: Option<f64>,
    /// Whether it values its moves by the adversaries' chance of backing down (coercion,
    /// Schelling 1966; Powell 1987): a move that raises their costs and risks raises the chance
    /// that one of them concedes, which is worth its stake W.
    pub coercion: bool,
    /// ω: war weariness. Its flow costs are multiplied by 1 + ω·τ, where τ is the number of
    /// consecutive turns the joint level has stood at or above `rules.weariness_from`.
    pub weariness: f64,
}

impl ActorParams {
    /// The documented defaults of a scenario file (docs/SCENARIO-FORMAT.md) on a ladder whose
    /// top rung is `top`: W = 1, Q = −1, Z = −100, s = 0.5, best response, lookahead 1, the
    /// whole ladder allowed one rung at a time, concession allowed, no audience cost or
    /// reputation weight.
    pub fn with_defaults(top: RungId) -> Self {
        Self {
            stake: 1.0,
            concede_value: -1.0,
            disaster_value: -100.0,
            response_prob: 0.5,
            response_margin: 0,
            audience_cost: 0.0,
            reputation_weight: 0.0,
            rationality: f64::INFINITY,
            lookahead: 1,
            min_rung: 0,
            max_rung: top,
            max_step: 1,
            can_concede: true,
            answer: AnswerMode::Rule,
            answer_cost: 0.0,
            prevail_belief: None,
            coercion: false,
            weariness: 0.0,
        }
    }
}

/// One actor: a state or an alliance acting as one.
#[derive(Debug, Clone, PartialEq)]
pub struct Actor {
    /// Identifier (e.g. `"russia"`).
    pub name: String,
    /// Index into [`Scenario::camps`].
    pub camp: usize,
    /// Rung held at turn 0.
    pub start: RungId,
    /// Parameters that events may change.
    pub params: ActorParams,
    /// Prior of its private red line; the true red line is drawn from it once per run.
    pub red_line: RedLinePrior,
    /// Its beliefs about each adversary's red line.
    pub beliefs: Vec<BeliefSpec>,
    /// Its decision rule.
    pub policy: PolicyKind,
    /// Its early warning: false alarms and its launch-on-warning posture (`None`: no false
    /// alarms, version 1).
    pub warning: Option<Warning>,
    /// What it says beside what it does (`None`: it sends no signal, version 1).
    pub signal: Option<Signal>,
}

/// Whether breaking a signal costs its sender (docs/MODEL.md §16).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignalKind {
    /// Tying hands (Fearon 1997): a declared rung crossed and left unanswered costs `cost`.
    Costly,
    /// Cheap talk: breaking it costs nothing.
    Cheap,
}

/// What a signal declares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Declaration {
    /// The sender's own red line, as it truly is unless it bluffs.
    RedLine,
    /// An answer to any crossing that reaches this rung.
    Rung(RungId),
}

/// An actor's signal (docs/MODEL.md §16): what each type of sender declares, which its
/// adversaries know and read by Bayes' rule.
///
/// A type that would answer at the declared rung (red line at or below it) declares it; a
/// type that would not declares it anyway with probability `bluff`. Declaring its red line, a
/// type declares it truly, or with probability `bluff` declares `bluff_rung` instead.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Signal {
    /// Costly (tying hands) or cheap talk.
    pub kind: SignalKind,
    /// What it declares.
    pub declare: Declaration,
    /// The chance that a type declares what is not true of it.
    pub bluff: f64,
    /// The rung a bluff declares when the signal declares the red line.
    pub bluff_rung: RungId,
    /// The audience cost of a declared rung crossed and left unanswered (0 for cheap talk).
    pub cost: f64,
    /// The turn at whose start it is sent (0: only when an event sends it).
    pub turn: u32,
}

/// A mediator (docs/MODEL.md §16): while active, audience costs are multiplied by
/// `audience_cost_factor`, and each turn it passes each side's red line to the other, truly
/// with probability `share` and otherwise as a draw from the side's prior.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Mediation {
    /// The factor on audience costs while it is active, in [0, 1].
    pub audience_cost_factor: f64,
    /// The chance that a report of a red line is the truth, in [0, 1].
    pub share: f64,
    /// How many turns it stays active (0: until the run ends).
    pub turns: u32,
}

/// A back channel (docs/MODEL.md §16): while open, signals are private (they carry no audience
/// cost) and audience costs are multiplied by `audience_cost_factor` (0: climbing down in private
/// costs nothing at home).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BackChannel {
    /// The factor on audience costs while it is open, in [0, 1].
    pub audience_cost_factor: f64,
    /// How many turns it stays open (0: until the run ends).
    pub turns: u32,
}

/// An actor's early-warning system (docs/MODEL.md §14; Blair 1993, Sagan 1993): while it holds
/// `from_rung` or higher, each turn brings a false alarm with probability `false_alarm_rate`,
/// and a false alarm is answered by nuclear use with probability `launch_on_warning`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Warning {
    /// f: probability per turn of a false alarm while the actor holds `from_rung` or higher.
    pub false_alarm_rate: f64,
    /// The alert rung from which its warning system can raise false alarms.
    pub from_rung: RungId,
    /// w: the chance that a false alarm is answered by nuclear use.
    pub launch_on_warning: f64,
}

/// A circuit breaker (docs/MODEL.md §15): the first time the joint level reaches `at_rung`, no
/// actor may step up for the rest of that turn and the next `pause_turns` turns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CircuitBreaker {
    /// The joint level that trips it.
    pub at_rung: RungId,
    /// N: the turns of the pause after the turn it trips.
    pub pause_turns: u32,
}

/// A treaty cap (docs/MODEL.md §15): while the treaty holds no actor steps above `cap`; at the
/// start of each turn it holds, it ends (breakout) with probability `breakout_prob`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Treaty {
    /// The highest rung any actor may step up to while it holds.
    pub cap: RungId,
    /// b: probability per turn that the treaty breaks down.
    pub breakout_prob: f64,
}

/// A scalar parameter that an event can set.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Param {
    /// [`ActorParams::stake`].
    Stake(ActorId),
    /// [`ActorParams::concede_value`].
    ConcedeValue(ActorId),
    /// [`ActorParams::disaster_value`].
    DisasterValue(ActorId),
    /// [`ActorParams::response_prob`].
    ResponseProb(ActorId),
    /// [`ActorParams::audience_cost`].
    AudienceCost(ActorId),
    /// [`ActorParams::reputation_weight`].
    ReputationWeight(ActorId),
    /// [`ActorParams::rationality`].
    Rationality(ActorId),
    /// [`Rung::accident_rate`].
    AccidentRate(RungId),
    /// [`Rung::chance_hazard`].
    ChanceHazard(RungId),
}

/// What a scripted event does.
#[derive(Debug, Clone, PartialEq)]
pub enum EventKind {
    /// The actor moves to the rung (a scripted historical step or a policy under test).
    Force {
        /// Who moves.
        actor: ActorId,
        /// Where to.
        rung: RungId,
    },
    /// Changes what the actor may choose.
    Permit {
        /// Whose action set changes.
        actor: ActorId,
        /// New lowest rung, if changed.
        min_rung: Option<RungId>,
        /// New highest rung, if changed.
        max_rung: Option<RungId>,
        /// New largest single move, if changed.
        max_step: Option<u8>,
        /// Whether it may concede, if changed.
        can_concede: Option<bool>,
    },
    /// Sets a parameter.
    Set {
        /// Which parameter.
        param: Param,
        /// Its new value.
        value: f64,
    },
    /// Arms a circuit breaker (replacing any armed one).
    CircuitBreaker(CircuitBreaker),
    /// A treaty cap enters into force (replacing any in force).
    Treaty(Treaty),
    /// The actor sends a signal: `signal`, or its own `[actors.NAME.signal]` when `None`.
    Signal {
        /// Who signals.
        actor: ActorId,
        /// What it declares and how (`None`: the actor's own signal).
        signal: Option<Signal>,
    },
    /// A mediator becomes active (replacing any active one).
    Mediation(Mediation),
    /// A back channel opens (replacing any open one).
    BackChannel(BackChannel),
}

/// An event applied at the start of a turn.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// The turn (1-based) at whose start it applies.
    pub turn: u32,
    /// Probability that it happens in a run (1 = always).
    pub prob: f64,
    /// What it does.
    pub kind: EventKind,
}

/// Whether actors move one after another or all at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TurnOrder {
    /// In the given order; each actor sees the moves made before it in the turn.
    Sequential,
    /// All decide on the same state; moves are then applied in order.
    Simultaneous,
}

/// How turns are played and when a run ends.
#[derive(Debug, Clone, PartialEq)]
pub struct Rules {
    /// Sequential or simultaneous moves.
    pub turn_order: TurnOrder,
    /// Actors in the order they move.
    pub order: Vec<ActorId>,
    /// The run ends after this many turns (outcome `turn_limit`).
    pub max_turns: u32,
    /// Settlement after this many consecutive turns with no step up.
    pub settle_after_quiet_turns: u32,
    /// Settlement only when the joint level is at or below this rung.
    pub settle_at_or_below: RungId,
    /// An escalation judged to draw a response with probability ≤ this that drew one is a
    /// miscalculation.
    pub miscalculation_threshold: f64,
    /// The joint level from which turns count toward war weariness (`None`: never).
    pub weariness_from: Option<RungId>,
    /// Negotiated settlement by screening offers (`None`: none, version 1).
    pub bargaining: Option<Bargaining>,
    /// A circuit breaker armed from the start (`None`: none).
    pub circuit_breaker: Option<CircuitBreaker>,
    /// A treaty cap in force from the start (`None`: none).
    pub treaty: Option<Treaty>,
    /// A mediator active from the start (`None`: none).
    pub mediation: Option<Mediation>,
    /// A back channel open from the start (`None`: none).
    pub back_channel: Option<BackChannel>,
}

/// Negotiated settlement between two camps (docs/MODEL.md §4, "Bargaining"): each turn one camp
/// offers the other a share of the stake, believing the other's normalised value of fighting on
/// uniform on [`low`, `high`] at the start of a run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bargaining {
    /// Lower end of the proposer's belief about the responder's value of continuing, in [0, 1].
    pub low: f64,
    /// Upper end, in [`low`, 1].
    pub high: f64,
}

/// A complete, validated scenario: what every run shares.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    /// Identifier.
    pub name: String,
    /// The escalation ladder.
    pub ladder: Ladder,
    /// Camp names.
    pub camps: Vec<String>,
    /// The actors.
    pub actors: Vec<Actor>,
    /// Scripted events, sorted by turn.
    pub events: Vec<Event>,
    /// Turn order and termination.
    pub rules: Rules,
}

impl Scenario {
    /// Assembles a scenario and checks every cross-reference and range the engine relies on.
    pub fn new(
        name: String,
        ladder: Ladder,
        camps: Vec<String>,
        actors: Vec<Actor>,
        mut events: Vec<Event>,
        rules: Rules,
    ) -> Result<Self, ModelError> {
        let rungs = ladder.len();
        let invalid = |m: String| Err(ModelError::Invalid(m));
        if actors.is_empty() || actors.len() > MAX_ACTORS {
            return invalid(format!("a scenario needs 1 to {MAX_ACTORS} actors"));
        }
        if camps.is_empty() {
            return invalid("a scenario needs at least one camp".into());
        }
        for actor in &actors {
            let at = |m: &str| ModelError::Invalid(format!("actor `{}`: {m}", actor.name));
            let p = &actor.params;
            if actor.camp >= camps.len() {
                return Err(at("unknown camp"));
            }
            if actor.start >= rungs || p.min_rung >= rungs || p.max_rung >= rungs {
                return Err(at("rung out of range"));
            }
            if p.min_rung > p.max_rung {
                return Err(at("min_rung is above max_rung"));
            }
            check_prob(p.response_prob).map_err(|e| at(&format!("response_prob: {e}")))?;
            for (what, v) in [
                ("stake", p.stake),
                ("concede_value", p.concede_value),
                ("disaster_value", p.disaster_value),
                ("audience_cost", p.audience_cost),
                ("reputation_weight", p.reputation_weight),
                ("answer_cost", p.answer_cost),
                ("weariness", p.weariness),
            ] {
                if !v.is_finite() {
                    return Err(at(&format!("{what} must be finite")));
                }
            }
            if p.weariness < 0.0 || p.answer_cost < 0.0 {
                return Err(at("weariness and answer_cost must be ≥ 0"));
            }
            if let Some(pi) = p.prevail_belief {
                check_prob(pi).map_err(|e| at(&format!("prevail_belief: {e}")))?;
            }
            if p.rationality.is_nan() || p.rationality < 0.0 {
                return Err(at("rationality must be ≥ 0 (or infinite)"));
            }
            if !(1..=4).contains(&p.lookahead) {
                return Err(at("lookahead must be between 1 and 4"));
            }
            if p.max_step == 0 {
                return Err(at("max_step must be at least 1"));
            }
            if actor.red_line.probs().len() != rungs + 1 {
                return Err(at("red-line prior has the wrong length"));
            }
            for belief in &actor.beliefs {
                if belief.about >= actors.len() || actors[belief.about].camp == actor.camp {
                    return Err(at("a belief must be about an actor of another camp"));
                }
                if belief.prior.probs().len() != rungs + 1 {
                    return Err(at("belief prior has the wrong length"));
                }
                if !belief.bias.is_finite() || !(0.0..=1.0).contains(&belief.update_weight) {
                    return Err(at("belief bias must be finite and update_weight in [0, 1]"));
                }
                if !crate::belief::bias_is_representable(belief.prior.probs(), belief.bias) {
                    return Err(at(&format!(
                        "belief bias {:?} leaves red lines its prior allows with no representable weight (|bias| at most about {})",
                        belief.bias,
                        crate::belief::bias_limit(belief.prior.probs(), belief.bias)
                    )));
                }
            }
            if let Some(warning) = actor.warning {
                check_prob(warning.false_alarm_rate).map_err(|e| at(&format!("warning.false_alarm_rate: {e}")))?;
                check_prob(warning.launch_on_warning).map_err(|e| at(&format!("warning.launch_on_warning: {e}")))?;
                if warning.from_rung >= rungs {
                    return Err(at("warning.from_rung is out of range"));
                }
                if warning.false_alarm_rate * warning.launch_on_warning > 0.0
                    && ladder.first_nuclear_at_or_above(warning.from_rung).is_none()
                {
                    return Err(at("warning: no nuclear rung at or above from_rung for a launch on warning"));
                }
            }
            if let Some(signal) = actor.signal {
                check_signal(&signal, rungs).map_err(|e| at(&e))?;
            }
            match actor.policy {
                PolicyKind::LevelK { level } if level > 4 => return Err(at("level must be 0..=4")),
                PolicyKind::PrivateQuit { target, .. } if target >= rungs => {
                    return Err(at("private-quit target rung out of range"));
                }
                PolicyKind::Threshold { target, concede_at, concede_prob } => {
                    if target >= rungs || concede_at.is_some_and(|r| r >= rungs) {
                        return Err(at("threshold rung out of range"));
                    }
                    check_prob(concede_prob).map_err(|e| at(&format!("concede_prob: {e}")))?;
                }
                PolicyKind::Equilibrium { turns, .. } if !(1..=MAX_EQUILIBRIUM_TURNS).contains(&turns) => {
                    return Err(at(&format!("equilibrium turns must be 1..={MAX_EQUILIBRIUM_TURNS}")));
                }
                PolicyKind::RandomWalk { up, down } => {
                    check_prob(up).map_err(|e| at(&e))?;
                    check_prob(down).map_err(|e| at(&e))?;
                    if up + down > 1.0 + 1e-12 {
                        return Err(at("random walk: up + down exceeds 1"));
                    }
                }
                _ => {}
            }
        }
        for event in &events {
            check_prob(event.prob).map_err(ModelError::Invalid)?;
            let actor_ok = |a: ActorId| a < actors.len();
            let ok = match &event.kind {
                EventKind::Force { actor, rung } => actor_ok(*actor) && *rung < rungs,
                EventKind::Permit { actor, min_rung, max_rung, .. } => {
                    actor_ok(*actor) && min_rung.is_none_or(|r| r < rungs) && max_rung.is_none_or(|r| r < rungs)
                }
                EventKind::Set { param, value } => match *param {
                    Param::ResponseProb(a) => actor_ok(a) && (0.0..=1.0).contains(value),
                    Param::AccidentRate(r) | Param::ChanceHazard(r) => r < rungs && (0.0..=1.0).contains(value),
                    Param::Rationality(a) => actor_ok(a) && *value >= 0.0,
                    Param::Stake(a)
                    | Param::ConcedeValue(a)
                    | Param::DisasterValue(a)
                    | Param::AudienceCost(a)
                    | Param::ReputationWeight(a) => actor_ok(a) && value.is_finite(),
                },
                EventKind::CircuitBreaker(breaker) => breaker.at_rung < rungs,
                EventKind::Treaty(treaty) => treaty.cap < rungs && (0.0..=1.0).contains(&treaty.breakout_prob),
                EventKind::Signal { actor, signal } => {
                    if let Some(signal) = signal
                        && let Err(problem) = check_signal(signal, rungs)
                    {
                        return invalid(format!("event at turn {}: {problem}", event.turn));
                    }
                    if actor_ok(*actor) && signal.is_none() && actors[*actor].signal.is_none() {
                        return invalid(format!(
                            "event at turn {}: actor `{}` has no signal to send (add [actors.{}.signal])",
                            event.turn, actors[*actor].name, actors[*actor].name
                        ));
                    }
                    actor_ok(*actor)
                }
                EventKind::Mediation(m) => mediation_ok(m),
                EventKind::BackChannel(b) => (0.0..=1.0).contains(&b.audience_cost_factor),
            };
            if !ok {
                return invalid(format!("event at turn {} refers to something out of range", event.turn));
            }
        }
        events.sort_by_key(|e| e.turn);
        let mut seen = [false; MAX_ACTORS];
        for &a in &rules.order {
            if a >= actors.len() || seen[a] {
                return invalid("turn order must list each actor once".into());
            }
            seen[a] = true;
        }
        if rules.order.len() != actors.len() {
            return invalid("turn order must list every actor".into());
        }
        if rules.max_turns == 0 {
            return invalid("max_turns must be at least 1".into());
        }
        if rules.settle_at_or_below >= rungs {
            return invalid("settle_at_or_below is out of range".into());
        }
        if let Some(b) = rules.bargaining {
            if !(0.0 <= b.low && b.low <= b.high && b.high <= 1.0) {
                return invalid("bargaining needs 0 ≤ low ≤ high ≤ 1".into());
            }
            if camps.len() != 2 {
                return invalid("bargaining is between two camps; this scenario has another number".into());
            }
        }
        if rules.weariness_from.is_some_and(|r| r >= rungs) {
            return invalid("weariness_from is out of range".into());
        }
        if rules.circuit_breaker.is_some_and(|b| b.at_rung >= rungs) {
            return invalid("circuit_breaker.at_rung is out of range".into());
        }
        if let Some(treaty) = rules.treaty {
            if treaty.cap >= rungs {
                return invalid("treaty.cap is out of range".into());
            }
            check_prob(treaty.breakout_prob).map_err(|e| ModelError::Invalid(format!("treaty.breakout_prob: {e}")))?;
        }
        if rules.mediation.is_some_and(|m| !mediation_ok(&m)) {
            return invalid("mediation: audience_cost_factor and share must be in [0, 1]".into());
        }
        if rules.back_channel.is_some_and(|b| !(0.0..=1.0).contains(&b.audience_cost_factor)) {
            return invalid("back_channel.audience_cost_factor must be in [0, 1]".into());
        }
        check_prob(rules.miscalculation_threshold).map_err(ModelError::Invalid)?;
        let scenario = Self { name, ladder, camps, actors, events, rules };
        let (actors, rules) = (&scenario.actors, &scenario.rules);
        // The equilibrium rule plays a strategy of the crisis game, which the tree builds only
        // without bargaining and private-draw rules.
        if let Some(eq) = actors.iter().find(|a| matches!(a.policy, PolicyKind::Equilibrium { .. })) {
            if rules.bargaining.is_some() {
                return invalid(format!("actor `{}`: policy = \"equilibrium\" does not support bargaining", eq.name));
            }
            if scenario.has_mechanisms_outside_the_game_tree() {
                return invalid(format!(
                    "actor `{}`: policy = \"equilibrium\" does not support fog of war, false alarms, signals, mediation, back channels, circuit breakers or treaty caps",
                    eq.name
                ));
            }
            if let Some(other) = actors.iter().find(|a| matches!(a.policy, PolicyKind::PrivateQuit { .. })) {
                return invalid(format!(
                    "actor `{}`: policy = \"equilibrium\" needs a game tree, which the private_quit rule of `{}` does not allow",
                    eq.name, other.name
                ));
            }
        }
        Ok(scenario)
    }

    /// Looks an actor up by name.
    pub fn actor_id(&self, name: &str) -> Option<ActorId> {
        self.actors.iter().position(|a| a.name == name)
    }

    /// Whether some mechanism may limit steps up during a run (a circuit breaker or a treaty cap,
    /// from the rules or switched on by an event).
    pub fn has_interruptions(&self) -> bool {
        self.rules.circuit_breaker.is_some()
            || self.rules.treaty.is_some()
            || self.events.iter().any(|e| matches!(e.kind, EventKind::CircuitBreaker(_) | EventKind::Treaty(_)))
    }

    /// Whether some actor may signal, or a mediator or a back channel may be active (from the
    /// rules or switched on by an event).
    pub fn has_diplomacy(&self) -> bool {
        self.has_signals()
            || self.rules.mediation.is_some()
            || self.rules.back_channel.is_some()
            || self.events.iter().any(|e| matches!(e.kind, EventKind::Mediation(_) | EventKind::BackChannel(_)))
    }

    /// Whether some actor has an early-warning system that may raise false alarms.
    pub fn has_warnings(&self) -> bool {
        self.actors.iter().any(|a| a.warning.is_some())
    }

    /// Whether the scenario uses a mechanism the game tree (`brink game`, `policy =
    /// "equilibrium"`) does not model: fog of war, false alarms, circuit breakers, treaty caps,
    /// signals, mediation or back channels.
    pub fn has_mechanisms_outside_the_game_tree(&self) -> bool {
        self.has_interruptions() || self.has_diplomacy() || self.ladder.has_confusion() || self.has_warnings()
    }

    /// Whether some actor may signal (its own signal, or one an event sends).
    pub fn has_signals(&self) -> bool {
        self.actors.iter().any(|a| a.signal.is_some())
            || self.events.iter().any(|e| matches!(e.kind, EventKind::Signal { .. }))
    }

    /// Whether two actors are adversaries (in different camps).
    pub fn adversaries(&self, a: ActorId, b: ActorId) -> bool {
        self.actors[a].camp != self.actors[b].camp
    }
}

/// Checks a signal's ranges.
fn check_signal(signal: &Signal, rungs: usize) -> Result<(), String> {
    check_prob(signal.bluff).map_err(|e| format!("signal.bluff: {e}"))?;
    if signal.bluff_rung >= rungs || matches!(signal.declare, Declaration::Rung(r) if r >= rungs) {
        return Err("signal rung out of range".into());
    }
    if !(signal.cost.is_finite() && signal.cost >= 0.0) {
        return Err("signal.cost must be finite and ≥ 0".into());
    }
    if signal.kind == SignalKind::Cheap && signal.cost != 0.0 {
        return Err("signal.cost must be 0 for cheap talk".into());
    }
    Ok(())
}

/// Whether a mediator's factor and share are probabilities.
fn mediation_ok(m: &Mediation) -> bool {
    (0.0..=1.0).contains(&m.audience_cost_factor) && (0.0..=1.0).contains(&m.share)
}
