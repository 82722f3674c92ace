//! Signals, mediation and back channels (docs/MODEL.md §16): what the actors say beside what
//! they do, and the third parties and private channels that carry it. Every draw goes through
//! [`Streams`] under its own purpose, so scenarios without them draw exactly as before.

use super::{RunRecord, Simulator, StorySignal, Streams};
use crate::model::{ActorId, Declaration, Signal};
use crate::stream::{Purpose, slot};
use crate::view::Pledge;

impl Simulator<'_> {
    /// The product of the audience-cost factors of the mediator and the back channel in force
    /// (1 when neither is).
    pub(super) fn audience_factor(&self) -> f64 {
        let mediation = self.state.mediation.map_or(1.0, |m| m.audience_cost_factor);
        let back_channel = self.state.back_channel.map_or(1.0, |b| b.audience_cost_factor);
        mediation * back_channel
    }

    /// At the start of a turn, before its events: a mediator or a back channel whose time is
    /// up stops.
    pub(super) fn expire_diplomacy(&mut self) {
        let turn = self.state.turn;
        let mut expired = false;
        if self.state.mediation_until != 0 && turn > self.state.mediation_until {
            self.state.mediation = None;
            self.state.mediation_until = 0;
            expired = true;
        }
        if self.state.back_channel_until != 0 && turn > self.state.back_channel_until {
            self.state.back_channel = None;
            self.state.back_channel_until = 0;
            expired = true;
        }
        if expired {
            self.refresh_limits();
        }
    }

    /// At the start of a turn, after its events: the signals scheduled for the turn are sent,
    /// then the mediator's reports.
    #[cold]
    #[inline(never)]
    pub(super) fn diplomacy(&mut self, streams: &mut Streams, record: &mut RunRecord) {
        let turn = self.state.turn;
        for actor in 0..self.scenario.actors.len() {
            if let Some(signal) = self.scenario.actors[actor].signal
                && signal.turn == turn
            {
                self.send_signal(actor, &signal, 0, streams, record);
            }
        }
        self.mediate(streams);
    }

    /// The last turn of something switched on now for `turns` turns (0: for the rest of the run).
    pub(super) fn until(&self, turns: u32) -> u32 {
        if turns == 0 { 0 } else { self.state.turn.saturating_add(turns - 1).max(1) }
    }

    /// `actor` sends `signal` (the `index`-th of the turn's slots: 0 scheduled, 1 + event
    /// index from an event). Its type decides what it declares; every adversary reads the
    /// declaration by Bayes' rule on what each type would declare; a declaration becomes the
    /// sender's pledge, costly unless it is cheap talk or goes through an open back channel.
    pub(super) fn send_signal(
        &mut self,
        actor: ActorId,
        signal: &Signal,
        index: u32,
        streams: &mut Streams,
        record: &mut RunRecord,
    ) {
        let scenario = self.scenario;
        let signal = *signal;
        let never = scenario.ladder.len();
        // The declaration depends on the red line only through these comparisons.
        match signal.declare {
            Declaration::Rung(d) => self.narrow_red_line(actor, [d], streams),
            Declaration::RedLine => self.narrow_red_line(actor, 0..never, streams),
        }
        let red_line = self.state.red_lines[actor];
        let honest_declares = match signal.declare {
            Declaration::Rung(d) => red_line <= d,
            Declaration::RedLine => true,
        };
        // One draw per signal whatever the type, so common random numbers stay aligned.
        let p = if honest_declares && matches!(signal.declare, Declaration::Rung(_)) { 0.0 } else { signal.bluff };
        let bluffs = streams.bernoulli(Purpose::Signal, slot(self.state.turn, actor, index), p);
        let honest = match signal.declare {
            Declaration::Rung(d) => honest_declares.then_some(d),
            Declaration::RedLine => (red_line < never).then_some(red_line),
        };
        let declared = match signal.declare {
            Declaration::Rung(d) if bluffs => Some(d),
            Declaration::RedLine if bluffs => Some(signal.bluff_rung),
            _ => honest,
        };
        for observer in 0..scenario.actors.len() {
            if self.tables.adversaries(observer, actor) {
                let weight = self.tables.update_weight[observer][actor];
                self.state.beliefs.update_with(
                    observer,
                    actor,
                    |rho| declaration_chance(&signal, rho, declared, never),
                    weight,
                );
                let id = self.interner.intern(self.state.beliefs.about(observer, actor));
                self.state.beliefs.set_id(observer, actor, id);
            }
        }
        self.credibility_memo.get_mut().clear();
        if let Some(rung) = declared {
            record.signals_sent += 1;
            let cost = if self.state.back_channel.is_some() { 0.0 } else { signal.cost };
            self.state.pledges[actor] = Some(Pledge { rung, cost });
        }
        if let Some(turn) = self.story.as_mut().and_then(|s| s.turns.last_mut()) {
            turn.signals.push(StorySignal { actor, declared, bluff: declared != honest });
        }
    }

    /// A mediator's reports: each turn it is active, it tells each actor every adversary's red
    /// line, truly with probability `share` and otherwise as a draw from that adversary's
    /// prior; the receiver updates by Bayes' rule on the report.
    fn mediate(&mut self, streams: &mut Streams) {
        let Some(mediation) = self.state.mediation else {
            return;
        };
        if mediation.share == 0.0 {
            return;
        }
        let scenario = self.scenario;
        let never = scenario.ladder.len();
        let n = scenario.actors.len();
        for sender in 0..n {
            let prior = scenario.actors[sender].red_line.probs();
            if self.tables.adversary_mask[sender] == 0 {
                continue;
            }
            // A report depends on the exact red line.
            self.narrow_red_line(sender, 0..never, streams);
            let truth = self.state.red_lines[sender];
            for receiver in 0..n {
                if !self.tables.adversaries(receiver, sender) {
                    continue;
                }
                let share = mediation.share;
                let report_chance =
                    |report: usize| share * f64::from(u8::from(report == truth)) + (1.0 - share) * prior[report];
                let probs: Vec<f64> = (0..=never).map(report_chance).collect();
                let slot = slot(self.state.turn, sender, receiver as u32);
                let report = streams.pick(Purpose::Mediation, slot, &probs, |u| {
                    if u < share {
                        return truth;
                    }
                    // Otherwise a draw from the prior, by the rest of the same uniform.
                    let v = (u - share) / (1.0 - share);
                    let mut cumulative = 0.0;
                    prior
                        .iter()
                        .position(|&p| {
                            cumulative += p;
                            v < cumulative
                        })
                        .unwrap_or(never)
                });
                let weight = self.tables.update_weight[receiver][sender];
                self.state.beliefs.update_with(
                    receiver,
                    sender,
                    |rho| share * f64::from(u8::from(rho == report)) + (1.0 - share) * prior[report],
                    weight,
                );
                let id = self.interner.intern(self.state.beliefs.about(receiver, sender));
                self.state.beliefs.set_id(receiver, sender, id);
            }
        }
        self.credibility_memo.get_mut().clear();
    }

    /// When `owner`'s crossings are closed: a declaration the crossings reached is honoured by
    /// an answer and contradicted by silence, which costs the pledge's cost; either way it is
    /// spent.
    pub(super) fn test_pledge(&mut self, owner: ActorId, to_peak: usize, answered: bool, record: &mut RunRecord) {
        let Some(pledge) = self.state.pledges[owner] else {
            return;
        };
        if pledge.rung > to_peak {
            return;
        }
        if answered {
            record.signals_honoured += 1;
        } else {
            record.signals_contradicted += 1;
            record.audience_costs += pledge.cost;
        }
        self.state.pledges[owner] = None;
        if let Some(turn) = self.story.as_mut().and_then(|s| s.turns.last_mut()) {
            turn.pledges_tested.push((owner, pledge.rung, answered));
        }
    }

    /// Whether a costly declaration is in force (the utility memo does not key pledges).
    pub(super) fn pledged(&self) -> bool {
        self.state.pledges.iter().any(|p| p.is_some_and(|p| p.cost != 0.0))
    }
}

/// The chance that a sender with red line `rho` (`never` = no red line) declares `declared`
/// (`None`: declares nothing) under `signal`: what its adversaries read a declaration by.
pub(crate) fn declaration_chance(signal: &Signal, rho: usize, declared: Option<usize>, never: usize) -> f64 {
    let bluff = signal.bluff;
    match (signal.declare, declared) {
        (Declaration::Rung(d), Some(_)) => {
            if rho <= d {
                1.0
            } else {
                bluff
            }
        }
        (Declaration::Rung(d), None) => {
            if rho <= d {
                0.0
            } else {
                1.0 - bluff
            }
        }
        (Declaration::RedLine, Some(k)) => {
            (1.0 - bluff) * f64::from(u8::from(rho == k && rho < never))
                + bluff * f64::from(u8::from(k == signal.bluff_rung))
        }
        (Declaration::RedLine, None) => (1.0 - bluff) * f64::from(u8::from(rho == never)),
    }
}
