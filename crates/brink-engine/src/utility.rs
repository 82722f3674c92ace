//! Expected utility of an actor's options under its beliefs (docs/MODEL.md §Decisions).
//!
//! Per-turn payoff to actor i with own rung r, highest adversary rung T and joint level L:
//!
//! f_i = W_i · (v(r) − v(T)) / (v_top − v_bottom) − c_{camp(i)}(L)
//!
//! (escalation advantage minus flow cost). A move to r′ may cross adversaries' red lines; each
//! adversary j answers with the probability i believes (Σ_ρ b_ij(ρ)·(1 − (1 − s_j)^m)) by moving
//! to min(max_j, max(r_j + 1, T_j + margin_j)). Nuclear use is worth Z_i; each turn it comes by
//! chance with h(L) or by one's own accident. With lookahead H the value recurses over the
//! actor's own next moves, its beliefs held fixed. Backing down below a public commitment costs
//! a_i per abandoned public rung; conceding is worth Q_i minus that cost for every public rung
//! held. With unanswered crossings against it, an actor weighs R_i·Δκ_i: stepping up is read as
//! a response and restores credibility κ_i (the adversaries' believed chance that it answers
//! the next step), anything else lowers it and, if its red line was crossed, costs a_i.

use crate::belief;
use crate::model::{ActorId, ActorParams, AnswerMode, MAX_ACTORS, RungId};
use crate::view::{DecisionView, RungRates, Tables};

/// Most actions an actor can have: concede, down, hold and up to 8 rungs up.
pub const MAX_ACTIONS: usize = 11;
/// The largest single move an actor may be allowed.
pub const MAX_STEP: u8 = 8;

/// What an actor does on its turn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Back down for good: the crisis ends and the adversaries prevail.
    Concede,
    /// Move to this rung (the current rung is "hold").
    MoveTo(RungId),
}

/// The allowed actions, ordered from least to most escalatory (concede, down, hold, up…).
#[derive(Debug, Clone, Copy)]
pub struct ActionSet {
    actions: [Action; MAX_ACTIONS],
    len: usize,
}

impl ActionSet {
    /// The actions allowed to the deciding actor of `view`.
    pub fn allowed(view: &DecisionView<'_>) -> Self {
        let params = view.own();
        let rung = view.own_rung();
        let mut set = Self { actions: [Action::Concede; MAX_ACTIONS], len: 0 };
        if params.can_concede {
            set.push(Action::Concede);
        }
        if rung > params.min_rung {
            set.push(Action::MoveTo(rung - 1));
        }
        set.push(Action::MoveTo(rung));
        for up in rung + 1..=highest_allowed(params, rung) {
            set.push(Action::MoveTo(up));
        }
        set
    }

    fn push(&mut self, action: Action) {
        self.actions[self.len] = action;
        self.len += 1;
    }

    /// The actions as a slice.
    pub fn as_slice(&self) -> &[Action] {
        &self.actions[..self.len]
    }

    /// Index of "hold".
    pub fn hold_index(&self, rung: RungId) -> usize {
        self.as_slice().iter().position(|&a| a == Action::MoveTo(rung)).unwrap_or(0)
    }
}

/// A hypothetical state inside the lookahead (rungs as bytes: it is copied at every branch).
#[derive(Clone, Copy)]
struct Hypo {
    rungs: [u8; MAX_ACTORS],
    peaks: [u8; MAX_ACTORS],
    commitment: u8,
}

/// One actor's per-turn payoff terms (docs/MODEL.md §4): its stake, disaster value, flow
/// costs and the terminal value of staying in the crisis past its horizon.
struct Payoffs<'v> {
    cost: &'v [f64],
    /// War weariness: 1 + ω·τ (exactly 1 without it).
    cost_scale: f64,
    stake: f64,
    disaster: f64,
    /// π·W + (1 − π)·Q with a `prevail_belief` π, else 0 (version 1: no terminal value).
    terminal: f64,
}

impl<'v> Payoffs<'v> {
    fn of(view: &DecisionView<'v>, actor: ActorId) -> Self {
        let rungs = view.tables.rungs;
        let camp = view.scenario.actors[actor].camp;
        let params = &view.params[actor];
        Self {
            cost: &view.tables.camp_cost[camp * rungs..(camp + 1) * rungs],
            cost_scale: 1.0 + params.weariness * f64::from(view.weary_turns),
            stake: params.stake,
            disaster: params.disaster_value,
            terminal: terminal_value(params),
        }
    }

    /// One turn at own rung `own`, threat level `threat` and joint level `joint`, followed by
    /// `continuation` unless disaster strikes (by chance at the joint level, or by one's own
    /// accident landing on a nuclear rung).
    #[inline]
    fn one_turn(
        &self,
        tables: &Tables,
        rates: &[RungRates],
        own: usize,
        threat: usize,
        joint: usize,
        continuation: f64,
    ) -> f64 {
        let no_disaster =
            (1.0 - rates[joint].chance_hazard) * (1.0 - rates[own].accident_rate * rates[own].accident_to_nuclear);
        let flow =
            self.stake * (tables.scaled_value[own] - tables.scaled_value[threat]) - self.cost[joint] * self.cost_scale;
        (1.0 - no_disaster) * self.disaster + no_disaster * (flow + continuation)
    }
}

/// What conceding is worth to an actor committed to `commitment`: Q − a·(public rungs held).
fn concession_value(params: &ActorParams, tables: &Tables, commitment: RungId) -> f64 {
    params.concede_value - params.audience_cost * f64::from(tables.public_between(0, commitment))
}

/// The highest rung an actor at `rung` may choose: `max_step` rungs up (at most [`MAX_STEP`]),
/// capped at its `max_rung` (the one definition of the clamp).
#[inline]
pub fn highest_allowed(params: &ActorParams, rung: RungId) -> RungId {
    params.max_rung.min(rung + params.max_step.min(MAX_STEP) as usize)
}

/// The value of staying in the crisis beyond the lookahead: π·W + (1 − π)·Q, or 0 without a
/// `prevail_belief`.
fn terminal_value(params: &ActorParams) -> f64 {
    match params.prevail_belief {
        Some(pi) => pi * params.stake + (1.0 - pi) * params.concede_value,
        None => 0.0,
    }
}

/// The rung an answer by an actor holding `current` lands on when its adversaries' level
/// rises to `threat`: `response_margin` rungs above the crossing level, at least one step up,
/// at most its `max_rung` (the one definition; docs/MODEL.md §2).
#[inline]
pub fn response_rung(params: &ActorParams, current: RungId, threat: RungId) -> RungId {
    params.max_rung.min((current + 1).max(threat + params.response_margin as usize))
}

/// Binary logit: the chance of the first option when it is worth `advantage` more than the
/// second, at rationality λ. λ = ∞ takes the better option; a tie goes to the first when
/// `tie_to_first` (the engine's convention: the less escalatory option wins ties).
#[inline]
pub fn binary_logit(advantage: f64, lambda: f64, tie_to_first: bool) -> f64 {
    if lambda.is_infinite() {
        return if advantage > 0.0 || (advantage == 0.0 && tie_to_first) { 1.0 } else { 0.0 };
    }
    1.0 / (1.0 + (-lambda * advantage).exp())
}

/// The chance that `actor` backs down (concedes) in the state `rungs`, as its adversaries
/// model it: its own rule reduced to yield-or-stay (docs/MODEL.md §4, "Coercion"),
/// q = σ(λ·(U_yield − U_stay)) with U_yield = Q − a·(public rungs held) and U_stay the value of
/// holding the state for its lookahead H turns followed by its terminal value.
pub fn yield_prob<T: Copy + Into<usize>>(view: &DecisionView<'_>, actor: ActorId, rungs: &[T; MAX_ACTORS]) -> f64 {
    let params = &view.params[actor];
    if !params.can_concede {
        return 0.0;
    }
    let tables = view.tables;
    let n = view.scenario.actors.len();
    let own = rungs[actor].into();
    let threat = tables.threat_level(actor, rungs);
    let joint = rungs[..n].iter().map(|&r| r.into()).max().unwrap_or(0);
    let stay = hold_value(view, actor, own, threat, joint);
    let give_up = concession_value(params, tables, view.commitments[actor]);
    binary_logit(give_up - stay, params.rationality, true)
}

/// What holding the state (own rung `own`, threat `threat`, joint level `joint`) for its
/// lookahead H turns, followed by its terminal value, is worth to `actor`: its value of staying
/// in the crisis, as coercion and bargaining read it.
pub fn hold_value(view: &DecisionView<'_>, actor: ActorId, own: RungId, threat: RungId, joint: RungId) -> f64 {
    let payoffs = Payoffs::of(view, actor);
    let mut stay = payoffs.terminal;
    for _ in 0..view.params[actor].lookahead {
        stay = payoffs.one_turn(view.tables, view.rates, own, threat, joint, stay);
    }
    stay
}

/// The per-rung chance that `owner` answers its adversaries' level rising from `from_peak` to
/// `to_peak`, leaving the actors at `rungs` (docs/MODEL.md §4, "The answer"). In rule mode it
/// is `response_prob`. In decision mode it is σ(λ·D), with
///
/// D = U(answer) − U(silence) − k + a + R·(κ⁺ − κ⁻),
///
/// U the value of one turn (with the terminal value) after answering or staying silent, k the
/// answer's cost, a the audience cost of silence, R the reputation weight and κ^± the owner's
/// credibility after its adversaries read an answer or silence. Either way a move crossing m
/// rungs at or above the red line is answered with 1 − (1 − chance)^m.
pub fn answer_chance<T: Copy + Into<usize>>(
    view: &DecisionView<'_>,
    owner: ActorId,
    rungs: &[T; MAX_ACTORS],
    from_peak: RungId,
    to_peak: RungId,
) -> f64 {
    if view.params[owner].answer == AnswerMode::Rule {
        return view.params[owner].response_prob;
    }
    answer_chance_with(view, owner, rungs, remembered_credibility(view, owner, from_peak, to_peak))
}

/// [`credibility_term`] through the run's memo, when the view carries one.
fn remembered_credibility(view: &DecisionView<'_>, owner: ActorId, from_peak: RungId, to_peak: RungId) -> f64 {
    let Some(memo) = view.credibility_memo else {
        return credibility_term(view, owner, from_peak, to_peak);
    };
    let key = (owner as u8, from_peak as u8, to_peak as u8);
    if let Some(&(_, term)) = memo.borrow().iter().find(|(k, _)| *k == key) {
        return term;
    }
    let term = credibility_term(view, owner, from_peak, to_peak);
    memo.borrow_mut().push((key, term));
    term
}

/// The reputation term of the answer decision, R·(κ⁺ − κ⁻), for a rise of `owner`'s
/// adversaries' level from `from_peak` to `to_peak` (0 without a reputation weight). It does
/// not depend on where the actors stand, so one decision's lookahead computes it once per
/// (owner, from, to).
fn credibility_term(view: &DecisionView<'_>, owner: ActorId, from_peak: RungId, to_peak: RungId) -> f64 {
    let params = &view.params[owner];
    if params.reputation_weight == 0.0 || params.answer == AnswerMode::Rule {
        return 0.0;
    }
    match Credibility::of(view, owner, from_peak, to_peak, params.response_prob) {
        Some(swing) => params.reputation_weight * (swing.answered - swing.unanswered) / swing.observers,
        None => 0.0,
    }
}

/// [`answer_chance`] with its reputation term given.
fn answer_chance_with<T: Copy + Into<usize>>(
    view: &DecisionView<'_>,
    owner: ActorId,
    rungs: &[T; MAX_ACTORS],
    credibility: f64,
) -> f64 {
    let params = &view.params[owner];
    if params.answer == AnswerMode::Rule {
        return params.response_prob;
    }
    let tables = view.tables;
    let n = view.scenario.actors.len();
    let current = rungs[owner].into();
    let threat = tables.threat_level(owner, rungs);
    let answer = response_rung(params, current, threat);
    if answer <= current {
        return 0.0;
    }
    let joint = rungs[..n].iter().map(|&r| r.into()).max().unwrap_or(0);
    let payoffs = Payoffs::of(view, owner);
    let silent = payoffs.one_turn(tables, view.rates, current, threat, joint, payoffs.terminal);
    let answered = if tables.nuclear[answer] {
        params.disaster_value
    } else {
        payoffs.one_turn(tables, view.rates, answer, threat, joint.max(answer), payoffs.terminal)
    };
    // A declaration the crossing reached adds its cost to silence (tying hands).
    let pledge = view.pledge_cost(owner, threat);
    let advantage = answered - silent - params.answer_cost + params.audience_cost + pledge + credibility;
    binary_logit(advantage, params.rationality, false)
}

/// An actor's credibility κ — its adversaries' mean believed chance that it answers the next
/// one-rung step — now, and after they read an answer or silence to a rise of its adversaries'
/// level from `from_peak` to `to_peak` (the update rule is common knowledge). Held as sums over
/// the observers; κ = sum / observers.
struct Credibility {
    now: f64,
    answered: f64,
    unanswered: f64,
    observers: f64,
}

impl Credibility {
    /// `None` when the actor has no adversaries. `s` is the per-rung answer chance the
    /// observers update with.
    fn of(view: &DecisionView<'_>, owner: ActorId, from_peak: RungId, to_peak: RungId, s: f64) -> Option<Self> {
        let next = (to_peak + 1).min(view.scenario.ladder.top());
        let (mut now, mut answered, mut unanswered, mut observers) = (0.0, 0.0, 0.0, 0usize);
        let mut mask = view.tables.adversary_mask[owner];
        while mask != 0 {
            let j = mask.trailing_zeros() as usize;
            mask &= mask - 1;
            observers += 1;
            let held = view.beliefs.about(j, owner);
            let weight = view.tables.update_weight[j][owner];
            let (if_answered, if_silent) = if to_peak == from_peak + 1 && next == to_peak + 1 {
                // One rung: everything from the running sums (the same sums, in the same order,
                // as response_probability's).
                let cumulative = view.beliefs.cumulative(j, owner);
                now += s * cumulative[next];
                belief::response_after_one_rung(cumulative, to_peak, next, s, weight)
            } else {
                now += belief::response_probability(held, to_peak, next, s);
                belief::response_after_update(held, from_peak, to_peak, next, s, weight)
            };
            answered += if_answered;
            unanswered += if_silent;
        }
        if observers == 0 {
            return None;
        }
        Some(Self { now, answered, unanswered, observers: observers as f64 })
    }
}

/// Everything one decision reads repeatedly, gathered once.
struct Ctx<'v, 'a> {
    view: &'v DecisionView<'a>,
    me: usize,
    payoffs: Payoffs<'v>,
    audience_cost: f64,
    coercion: bool,
}

impl<'v, 'a> Ctx<'v, 'a> {
    fn new(view: &'v DecisionView<'a>) -> Self {
        let me = view.actor;
        let params = view.own();
        Self {
            view,
            me,
            payoffs: Payoffs::of(view, me),
            audience_cost: params.audience_cost,
            coercion: params.coercion,
        }
    }

    /// i's believed probability that adversary j answers a rise of its peak from `from` to `to`
    /// that left the actors at `rungs`.
    #[inline]
    fn response_prob(&mut self, j: usize, from: usize, to: usize, rungs: &[u8; MAX_ACTORS]) -> f64 {
        let s = if self.view.params[j].answer == AnswerMode::Rule {
            self.view.params[j].response_prob
        } else {
            answer_chance_with(self.view, j, rungs, remembered_credibility(self.view, j, from, to))
        };
        if to == from + 1 {
            s * self.view.beliefs.cumulative(self.me, j)[to]
        } else {
            belief::response_probability(self.view.beliefs.about(self.me, j), from, to, s)
        }
    }

    fn public_between(&self, low: usize, high: usize) -> f64 {
        f64::from(self.view.tables.public_between(low, high))
    }

    /// Audience cost of moving from commitment `commitment` down to `rung`.
    fn backdown(&self, commitment: usize, rung: usize) -> f64 {
        self.audience_cost * self.public_between(rung, commitment)
    }

    fn concede(&self, commitment: usize) -> f64 {
        concession_value(self.view.own(), self.view.tables, commitment)
    }

    /// Value of moving to `rung` from `hypo` with `depth` turns of horizon.
    fn move_value(&mut self, hypo: &Hypo, rung: usize, depth: u8) -> f64 {
        let tables = self.view.tables;
        if tables.nuclear[rung] {
            return self.payoffs.disaster;
        }
        let me = self.me;
        let mut after = *hypo;
        after.rungs[me] = rung as u8;
        after.commitment =
            tables.commitment_after(usize::from(hypo.commitment), usize::from(hypo.rungs[me]), rung) as u8;
        // Adversaries whose threat level this move raises: believed chance and rung of their answer.
        let mut responders = [(0u8, 0.0f64, 0u8); MAX_ACTORS];
        let mut count = 0;
        let mut mask = tables.adversary_mask[me];
        while mask != 0 {
            let j = mask.trailing_zeros() as usize;
            mask &= mask - 1;
            let threat = tables.threat_level(j, &after.rungs);
            let peak = usize::from(hypo.peaks[j]);
            if threat <= peak {
                continue;
            }
            after.peaks[j] = threat as u8;
            let current = usize::from(after.rungs[j]);
            let response_rung = response_rung(&self.view.params[j], current, threat);
            if response_rung <= current {
                continue;
            }
            let q = self.response_prob(j, peak, threat, &after.rungs);
            if q > 0.0 {
                responders[count] = (j as u8, q, response_rung as u8);
                count += 1;
            }
        }
        let value = if depth == 1 {
            self.leaf_over_responses(&after, &mut responders[..count])
        } else {
            self.over_response_subsets(&after, &responders[..count], depth)
        };
        if !self.coercion {
            return value;
        }
        // Coercion: before answering, each adversary may back down; any concession ends the
        // crisis with i prevailing (worth its stake W).
        let mut none_yield = 1.0;
        let mut mask = tables.adversary_mask[me];
        while mask != 0 {
            let j = mask.trailing_zeros() as usize;
            mask &= mask - 1;
            none_yield *= 1.0 - yield_prob(self.view, j, &after.rungs);
        }
        (1.0 - none_yield) * self.payoffs.stake + none_yield * value
    }

    /// Sums over every subset of responders (independent answers).
    fn over_response_subsets(&mut self, after: &Hypo, responders: &[(u8, f64, u8)], depth: u8) -> f64 {
        let tables = self.view.tables;
        let me = self.me;
        let count = responders.len();
        let mut value = 0.0;
        for who in 0u32..(1 << count) {
            let mut prob = 1.0;
            let mut branch = *after;
            let mut nuclear = false;
            for (bit, &(j, q, response_rung)) in responders.iter().enumerate() {
                if who & (1 << bit) != 0 {
                    prob *= q;
                    branch.rungs[usize::from(j)] = response_rung;
                    nuclear |= tables.nuclear[usize::from(response_rung)];
                    branch.peaks[me] = branch.peaks[me].max(response_rung);
                } else {
                    prob *= 1.0 - q;
                }
            }
            if prob > 0.0 {
                value += prob * if nuclear { self.payoffs.disaster } else { self.branch_value(&branch, depth) };
            }
        }
        value
    }

    /// The last turn of the lookahead: its value depends on the responses only through whether
    /// one is nuclear and through the highest response rung, so instead of the 2^k subsets of
    /// responders it sums over the distribution of that maximum (exact, O(k log k)).
    fn leaf_over_responses(&mut self, after: &Hypo, responders: &mut [(u8, f64, u8)]) -> f64 {
        let tables = self.view.tables;
        let n = self.view.scenario.actors.len();
        let own = usize::from(after.rungs[self.me]);
        let threat = tables.threat_level(self.me, &after.rungs);
        let joint = usize::from(after.rungs[..n].iter().copied().max().unwrap_or(0));
        let mut no_nuclear = 1.0;
        for &(_, q, rung) in responders.iter() {
            if tables.nuclear[usize::from(rung)] {
                no_nuclear *= 1.0 - q;
            }
        }
        // Highest response rung first; equal rungs form one group. An answer at rung x makes
        // the threat level max(threat, x) and the joint level max(joint, x).
        responders.sort_unstable_by_key(|r| std::cmp::Reverse(r.2));
        let mut value = 0.0;
        let mut none_higher = 1.0;
        let mut index = 0;
        while index < responders.len() {
            let rung = responders[index].2;
            let mut group_silent = 1.0;
            while index < responders.len() && responders[index].2 == rung {
                group_silent *= 1.0 - responders[index].1;
                index += 1;
            }
            let rung = usize::from(rung);
            if tables.nuclear[rung] {
                continue; // accounted for in `no_nuclear`
            }
            let prob = none_higher * (1.0 - group_silent);
            if prob > 0.0 {
                value += prob * self.one_turn(own, threat.max(rung), joint.max(rung), self.payoffs.terminal);
            }
            none_higher *= group_silent;
        }
        value += none_higher * self.one_turn(own, threat, joint, self.payoffs.terminal);
        no_nuclear * value + (1.0 - no_nuclear) * self.payoffs.disaster
    }

    /// Value of sitting in `state` for a turn, then (if depth allows) continuing optimally.
    fn branch_value(&mut self, state: &Hypo, depth: u8) -> f64 {
        let view = self.view;
        let n = view.scenario.actors.len();
        let own = usize::from(state.rungs[self.me]);
        let threat = view.tables.threat_level(self.me, &state.rungs);
        let joint = usize::from(state.rungs[..n].iter().copied().max().unwrap_or(0));
        if depth <= 1 {
            return self.one_turn(own, threat, joint, self.payoffs.terminal);
        }
        let params = view.own();
        let mut continuation = f64::NEG_INFINITY;
        let lowest = if own > params.min_rung { own - 1 } else { own };
        let highest = highest_allowed(params, own).max(own);
        for next in lowest..=highest {
            let v = self.move_value(state, next, depth - 1) - self.backdown(usize::from(state.commitment), next);
            continuation = continuation.max(v);
        }
        if params.can_concede {
            continuation = continuation.max(self.concede(usize::from(state.commitment)));
        }
        self.one_turn(own, threat, joint, continuation)
    }

    /// One turn of the deciding actor (see [`Payoffs::one_turn`]).
    #[inline]
    fn one_turn(&self, own: usize, threat: usize, joint: usize, continuation: f64) -> f64 {
        self.payoffs.one_turn(self.view.tables, self.view.rates, own, threat, joint, continuation)
    }
}

/// The logit-EU rule for the deciding actor of `view`: its allowed actions and the logit choice
/// distribution over their expected utilities (the one definition: the `logit` policy and the
/// simulator's memo both call it).
pub fn logit_expected_utility(view: &DecisionView<'_>) -> (ActionSet, LogitChoice) {
    let actions = ActionSet::allowed(view);
    let slice = actions.as_slice();
    let mut values = [0.0; MAX_ACTIONS];
    expected_utilities(view, slice, &mut values[..slice.len()]);
    (actions, LogitChoice::new(&values[..slice.len()], view.own().rationality))
}

/// Fills `out[k]` with the expected utility of `actions[k]` for the deciding actor.
pub fn expected_utilities(view: &DecisionView<'_>, actions: &[Action], out: &mut [f64]) {
    let mut ctx = Ctx::new(view);
    let me = view.actor;
    let to_u8 = |values: &[RungId; MAX_ACTORS]| values.map(|r| r as u8);
    let hypo = Hypo { rungs: to_u8(&view.rungs), peaks: to_u8(&view.peaks), commitment: view.commitments[me] as u8 };
    let depth = view.own().lookahead;
    let reputation = Reputation::of(view);
    for (slot, &action) in out.iter_mut().zip(actions) {
        let mut eu = match action {
            Action::Concede => ctx.concede(view.commitments[me]),
            Action::MoveTo(rung) => ctx.move_value(&hypo, rung, depth) - ctx.backdown(view.commitments[me], rung),
        };
        if let Some(rep) = &reputation {
            let steps_up = matches!(action, Action::MoveTo(r) if r > view.own_rung());
            eu += if steps_up { rep.if_answered } else { rep.if_unanswered };
        }
        *slot = eu;
    }
}

/// Reputation terms for an actor with unanswered crossings against it.
struct Reputation {
    if_answered: f64,
    if_unanswered: f64,
}

impl Reputation {
    fn of(view: &DecisionView<'_>) -> Option<Self> {
        let window = view.window?;
        let params = view.own();
        let pledge = view.pledge_cost(view.actor, window.to_peak);
        if params.reputation_weight == 0.0 && params.audience_cost == 0.0 && pledge == 0.0 {
            return None;
        }
        let s = window.answer_chance.unwrap_or(params.response_prob);
        let credibility = Credibility::of(view, view.actor, window.from_peak, window.to_peak, s)?;
        let r = params.reputation_weight;
        let crossed = view.own_red_line <= window.to_peak;
        Some(Self {
            if_answered: r * (credibility.answered - credibility.now) / credibility.observers,
            if_unanswered: r * (credibility.unanswered - credibility.now) / credibility.observers
                - if crossed { params.audience_cost } else { 0.0 }
                - pledge,
        })
    }
}

/// Audience cost of moving from commitment `commitment` down to `rung`.
pub fn backdown_cost(view: &DecisionView<'_>, commitment: RungId, rung: RungId) -> f64 {
    Ctx::new(view).backdown(commitment, rung)
}

/// Index chosen by logit choice with rationality `lambda` from uniform `u`: P(k) ∝ exp(λ·EU_k).
/// λ = ∞ takes the first best (the least escalatory among ties).
pub fn logit_choice(utilities: &[f64], lambda: f64, u: f64) -> usize {
    LogitChoice::new(utilities, lambda).pick(u)
}

/// A logit choice distribution, computed once and sampled many times.
#[derive(Debug, Clone, Copy)]
pub struct LogitChoice {
    /// Unnormalised weights exp(λ·(EU_k − max EU)).
    weights: [f64; MAX_ACTIONS],
    len: usize,
    total: f64,
    /// Best response: the index, whatever the draw.
    certain: Option<usize>,
}

impl LogitChoice {
    /// The distribution of logit choice over `utilities` at rationality `lambda`.
    pub fn new(utilities: &[f64], lambda: f64) -> Self {
        let mut choice = Self { weights: [0.0; MAX_ACTIONS], len: utilities.len(), total: 0.0, certain: None };
        let best = utilities.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        if lambda.is_infinite() || !best.is_finite() {
            choice.certain = Some(first_best(utilities, best));
            return choice;
        }
        for (w, &eu) in choice.weights.iter_mut().zip(utilities) {
            // exp(−40) ≈ 4e-18 is below f64 resolution next to the best action's weight of 1.
            let exponent = lambda * (eu - best);
            *w = if exponent < -40.0 { 0.0 } else { exponent.exp() };
            choice.total += *w;
        }
        choice
    }

    /// The probability of each option (those `pick` samples from; they sum to 1).
    pub fn probabilities(&self) -> Vec<f64> {
        match self.certain {
            Some(index) => (0..self.len).map(|k| if k == index { 1.0 } else { 0.0 }).collect(),
            None => self.weights[..self.len].iter().map(|w| w / self.total).collect(),
        }
    }

    /// The index chosen by uniform draw `u` (inverse CDF).
    pub fn pick(&self, u: f64) -> usize {
        if let Some(index) = self.certain {
            return index;
        }
        let target = u * self.total;
        let mut cumulative = 0.0;
        for (k, &w) in self.weights[..self.len].iter().enumerate() {
            cumulative += w;
            if target < cumulative {
                return k;
            }
        }
        self.len - 1
    }
}

fn first_best(utilities: &[f64], best: f64) -> usize {
    // A tolerance so that ties computed along different float paths still count as ties.
    let tolerance = 1e-12 * best.abs().max(1.0);
    utilities.iter().position(|&eu| eu >= best - tolerance).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::model::{PolicyKind, RedLinePrior, Scenario};
    use crate::testing::{actor, params, plain_rungs, rules};
    use crate::view::{Beliefs, RungRates, Tables};

    /// One actor against three adversaries on a 9-rung ladder with costs, hazards and a
    /// nuclear rung in the middle of the responses' reach.
    fn crowded() -> Scenario {
        let n = 9;
        let mut rungs = plain_rungs(n, 2);
        for (r, rung) in rungs.iter_mut().enumerate() {
            rung.cost = vec![0.03 * r as f64, 0.05 * r as f64];
            rung.chance_hazard = 0.002 * r as f64;
            rung.accident_rate = 0.01;
        }
        rungs[6].nuclear = true;
        let ladder = crate::Ladder::new(rungs, 2).unwrap();
        let mut actors = vec![actor("me", 0, 2, params(n - 1), PolicyKind::LogitEu, n)];
        for (k, name) in ["a", "b", "c"].iter().enumerate() {
            let mut p = params(n - 1);
            p.response_prob = 0.3 + 0.2 * k as f64;
            p.response_margin = k as u8;
            let mut a = actor(name, 1, 1 + k, p, PolicyKind::Hold, n);
            a.red_line = RedLinePrior::new(vec![0.0, 0.1, 0.2, 0.3, 0.2, 0.1, 0.0, 0.0, 0.0, 0.1]).unwrap();
            actors.push(a);
        }
        Scenario::new("crowded".into(), ladder, vec!["x".into(), "y".into()], actors, vec![], rules(4, 10, n - 1))
            .unwrap()
    }

    /// The leaf shortcut (distribution of the highest answer) equals the sum over all 2^k
    /// subsets of independent answers.
    #[test]
    fn leaf_shortcut_equals_subset_enumeration() {
        let scenario = crowded();
        let n = scenario.ladder.len();
        let mut beliefs = Beliefs::new(4, n);
        for j in 1..4 {
            beliefs.set(0, j, scenario.actors[j].red_line.probs());
        }
        let rates: Vec<RungRates> = scenario
            .ladder
            .rungs()
            .iter()
            .map(|r| RungRates {
                accident_rate: r.accident_rate,
                chance_hazard: r.chance_hazard,
                accident_to_nuclear: 0.1,
            })
            .collect();
        let tables = Tables::new(&scenario);
        let params: Vec<_> = scenario.actors.iter().map(|a| a.params).collect();
        let mut rungs = [0; MAX_ACTORS];
        rungs[..4].copy_from_slice(&[2, 1, 2, 3]);
        let view = DecisionView {
            scenario: &scenario,
            actor: 0,
            turn: 1,
            params: &params,
            rates: &rates,
            tables: &tables,
            rungs,
            peaks: [3, 2, 2, 2, 0, 0, 0, 0],
            commitments: rungs,
            window: None,
            own_red_line: n,
            weary_turns: 0,
            credibility_memo: None,
            beliefs: &beliefs,
            pledges: &crate::view::NO_PLEDGES,
        };
        let hypo = Hypo { rungs: rungs.map(|r| r as u8), peaks: view.peaks.map(|r| r as u8), commitment: 2 };
        for target in [3u8, 4, 5] {
            let mut ctx = Ctx::new(&view);
            let shortcut = ctx.move_value(&hypo, usize::from(target), 1);
            // Rebuild the responders as move_value does, then enumerate every subset.
            let mut after = hypo;
            after.rungs[0] = target;
            let mut responders = Vec::new();
            for j in 1..4usize {
                let threat = tables.threat_level(j, &after.rungs);
                let peak = usize::from(hypo.peaks[j]);
                if threat > peak {
                    after.peaks[j] = threat as u8;
                    let p = &params[j];
                    let response = p.max_rung.min((rungs[j] + 1).max(threat + p.response_margin as usize));
                    let q = crate::belief::response_probability(beliefs.about(0, j), peak, threat, p.response_prob);
                    responders.push((j as u8, q, response as u8));
                }
            }
            assert_eq!(responders.len(), 3, "all three answer at target {target}");
            let enumerated = ctx.over_response_subsets(&after, &responders, 1);
            assert!((shortcut - enumerated).abs() < 1e-12, "target {target}: {shortcut} vs {enumerated}");
        }
    }

    #[test]
    fn best_response_breaks_ties_toward_less_escalation() {
        assert_eq!(logit_choice(&[1.0, 2.0, 2.0], f64::INFINITY, 0.99), 1);
    }

    #[test]
    fn logit_probabilities_follow_the_formula() {
        // EU (0, ln 3) at λ = 1: P = (1/4, 3/4); u below 1/4 picks the first.
        let eus = [0.0, 3f64.ln()];
        assert_eq!(logit_choice(&eus, 1.0, 0.2499), 0);
        assert_eq!(logit_choice(&eus, 1.0, 0.2501), 1);
        // λ = 0 is uniform.
        assert_eq!(logit_choice(&[5.0, -5.0], 0.0, 0.49), 0);
        assert_eq!(logit_choice(&[5.0, -5.0], 0.0, 0.51), 1);
    }
}
