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
use crate::model::{ActorId, MAX_ACTORS, RungId};
use crate::view::DecisionView;

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
        let mut set = Self {
            actions: [Action::Concede; MAX_ACTIONS],
            len: 0,
        };
        if params.can_concede {
            set.push(Action::Concede);
        }
        if rung > params.min_rung {
            set.push(Action::MoveTo(rung - 1));
        }
        set.push(Action::MoveTo(rung));
        let highest = params
            .max_rung
            .min(rung + params.max_step.min(MAX_STEP) as usize);
        for up in rung + 1..=highest {
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
        self.as_slice()
            .iter()
            .position(|&a| a == Action::MoveTo(rung))
            .unwrap_or(0)
    }
}

/// A hypothetical state inside the lookahead.
#[derive(Clone, Copy)]
struct Hypo {
    rungs: [RungId; MAX_ACTORS],
    peaks: [RungId; MAX_ACTORS],
    commitment: RungId,
}

/// Fills `out[k]` with the expected utility of `actions[k]` for the deciding actor.
pub fn expected_utilities(view: &DecisionView<'_>, actions: &[Action], out: &mut [f64]) {
    let me = view.actor;
    let hypo = Hypo {
        rungs: view.rungs,
        peaks: view.peaks,
        commitment: view.commitments[me],
    };
    let depth = view.own().lookahead;
    let reputation = Reputation::of(view);
    for (slot, &action) in out.iter_mut().zip(actions) {
        let mut eu = match action {
            Action::Concede => concede_value(view, hypo.commitment),
            Action::MoveTo(rung) => {
                backdown_cost(view, hypo.commitment, rung) * -1.0
                    + move_value(view, &hypo, rung, depth)
            }
        };
        if let Some(rep) = &reputation {
            let steps_up = matches!(action, Action::MoveTo(r) if r > view.own_rung());
            eu += if steps_up {
                rep.if_answered
            } else {
                rep.if_unanswered
            };
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
        let me = view.actor;
        let params = view.own();
        let s = params.response_prob;
        let next = (window.to_peak + 1).min(view.scenario.ladder.top());
        let (mut now, mut answered, mut unanswered, mut observers) = (0.0, 0.0, 0.0, 0usize);
        let mut scratch = [0.0; crate::model::MAX_RUNGS + 1];
        for j in 0..view.scenario.actors.len() {
            if !view.scenario.adversaries(me, j) {
                continue;
            }
            observers += 1;
            let held = view.beliefs.about(j, me);
            let weight = view.scenario.actors[j]
                .beliefs
                .iter()
                .find(|b| b.about == me)
                .map_or(1.0, |b| b.update_weight);
            now += belief::response_probability(held, window.to_peak, next, s);
            for (responded, total) in [(true, &mut answered), (false, &mut unanswered)] {
                let posterior = &mut scratch[..held.len()];
                posterior.copy_from_slice(held);
                belief::update(
                    posterior,
                    window.from_peak,
                    window.to_peak,
                    s,
                    responded,
                    weight,
                );
                *total += belief::response_probability(posterior, window.to_peak, next, s);
            }
        }
        if observers == 0 {
            return None;
        }
        let n = observers as f64;
        let r = params.reputation_weight;
        let crossed = view.own_red_line <= window.to_peak;
        Some(Self {
            if_answered: r * (answered - now) / n,
            if_unanswered: r * (unanswered - now) / n
                - if crossed { params.audience_cost } else { 0.0 },
        })
    }
}

/// Audience cost of moving from commitment `commitment` down to `rung`.
pub fn backdown_cost(view: &DecisionView<'_>, commitment: RungId, rung: RungId) -> f64 {
    if rung >= commitment {
        return 0.0;
    }
    let public = view.scenario.ladder.rungs()[rung + 1..=commitment]
        .iter()
        .filter(|r| r.public)
        .count();
    view.own().audience_cost * public as f64
}

fn concede_value(view: &DecisionView<'_>, commitment: RungId) -> f64 {
    let public = view.scenario.ladder.rungs()[1..=commitment]
        .iter()
        .filter(|r| r.public)
        .count();
    view.own().concede_value - view.own().audience_cost * public as f64
}

/// Value of moving to `rung` from `hypo` with `depth` turns of horizon.
fn move_value(view: &DecisionView<'_>, hypo: &Hypo, rung: RungId, depth: u8) -> f64 {
    let scenario = view.scenario;
    let me = view.actor;
    let params = view.own();
    if scenario.ladder.rung(rung).nuclear {
        return params.disaster_value;
    }
    let mut after = *hypo;
    after.rungs[me] = rung;
    if rung > hypo.rungs[me] && scenario.ladder.rung(rung).public {
        after.commitment = after.commitment.max(rung);
    } else if rung < hypo.commitment {
        after.commitment = rung;
    }
    // Adversaries whose threat level this move raises, with the believed chance and the rung
    // of their response.
    let mut responders: [(ActorId, f64, RungId); MAX_ACTORS] = [(0, 0.0, 0); MAX_ACTORS];
    let mut count = 0;
    for j in 0..scenario.actors.len() {
        if !scenario.adversaries(me, j) {
            continue;
        }
        let threat = threat_level(view, &after.rungs, j);
        if threat <= hypo.peaks[j] {
            continue;
        }
        after.peaks[j] = threat;
        let pj = &view.params[j];
        let response_rung = pj
            .max_rung
            .min((after.rungs[j] + 1).max(threat + pj.response_margin as usize));
        if response_rung <= after.rungs[j] {
            continue;
        }
        let q = belief::response_probability(
            view.beliefs.about(me, j),
            hypo.peaks[j],
            threat,
            pj.response_prob,
        );
        if q > 0.0 {
            responders[count] = (j, q, response_rung);
            count += 1;
        }
    }
    // Enumerate who responds (independent adversaries).
    let mut value = 0.0;
    for mask in 0u32..(1 << count) {
        let mut prob = 1.0;
        let mut branch = after;
        let mut nuclear = false;
        for (bit, &(j, q, response_rung)) in responders[..count].iter().enumerate() {
            if mask & (1 << bit) != 0 {
                prob *= q;
                branch.rungs[j] = response_rung;
                nuclear |= scenario.ladder.rung(response_rung).nuclear;
                branch.peaks[me] = branch.peaks[me].max(response_rung);
            } else {
                prob *= 1.0 - q;
            }
        }
        if prob == 0.0 {
            continue;
        }
        value += prob
            * if nuclear {
                params.disaster_value
            } else {
                branch_value(view, &branch, depth)
            };
    }
    value
}

/// Value of sitting in `state` for a turn, then (if depth allows) continuing optimally.
fn branch_value(view: &DecisionView<'_>, state: &Hypo, depth: u8) -> f64 {
    let scenario = view.scenario;
    let me = view.actor;
    let params = view.own();
    let own = state.rungs[me];
    let threat = threat_level(view, &state.rungs, me);
    let joint = state.rungs[..scenario.actors.len()]
        .iter()
        .copied()
        .max()
        .unwrap_or(0);
    let rates = &view.rates;
    let no_disaster = (1.0 - rates[joint].chance_hazard)
        * (1.0 - rates[own].accident_rate * rates[own].accident_to_nuclear);
    let flow = params.stake * advantage(view, own, threat)
        - scenario.ladder.rung(joint).cost[scenario.actors[me].camp];
    let mut continuation = 0.0;
    if depth > 1 {
        continuation = f64::NEG_INFINITY;
        let lowest = if own > params.min_rung { own - 1 } else { own };
        let highest = params.max_rung.min(own + params.max_step as usize).max(own);
        for next in lowest..=highest {
            let v = move_value(view, state, next, depth - 1)
                - backdown_cost(view, state.commitment, next);
            continuation = continuation.max(v);
        }
        if params.can_concede {
            continuation = continuation.max(concede_value(view, state.commitment));
        }
    }
    (1.0 - no_disaster) * params.disaster_value + no_disaster * (flow + continuation)
}

/// Escalation advantage of holding `own` against `threat`, in [−1, 1].
fn advantage(view: &DecisionView<'_>, own: RungId, threat: RungId) -> f64 {
    let rungs = view.scenario.ladder.rungs();
    let span = rungs[rungs.len() - 1].value - rungs[0].value;
    if span <= 0.0 {
        0.0
    } else {
        (rungs[own].value - rungs[threat].value) / span
    }
}

fn threat_level(view: &DecisionView<'_>, rungs: &[RungId; MAX_ACTORS], actor: ActorId) -> RungId {
    let mut level = 0;
    for other in 0..view.scenario.actors.len() {
        if view.scenario.adversaries(actor, other) {
            level = level.max(rungs[other]);
        }
    }
    level
}

/// Index chosen by logit choice with rationality `lambda` from uniform `u`: P(k) ∝ exp(λ·EU_k).
/// λ = ∞ takes the first best (the least escalatory among ties).
pub fn logit_choice(utilities: &[f64], lambda: f64, u: f64) -> usize {
    let best = utilities.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if lambda.is_infinite() || !best.is_finite() {
        return first_best(utilities, best);
    }
    let mut weights = [0.0; MAX_ACTIONS];
    let mut total = 0.0;
    for (w, &eu) in weights.iter_mut().zip(utilities) {
        *w = (lambda * (eu - best)).exp();
        total += *w;
    }
    let target = u * total;
    let mut cumulative = 0.0;
    for (k, &w) in weights[..utilities.len()].iter().enumerate() {
        cumulative += w;
        if target < cumulative {
            return k;
        }
    }
    utilities.len() - 1
}

fn first_best(utilities: &[f64], best: f64) -> usize {
    // A tolerance so that ties computed along different float paths still count as ties.
    let tolerance = 1e-12 * best.abs().max(1.0);
    utilities
        .iter()
        .position(|&eu| eu >= best - tolerance)
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

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
