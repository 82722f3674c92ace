//! Fog of war, early-warning false alarms, circuit breakers and treaty caps (docs/MODEL.md
//! §14–15): the parts of a turn that only scenarios using them pay for. Every draw goes
//! through [`Streams`] under its own purpose, so scenarios without them draw exactly as before.

use super::{Cause, Outcome, RunRecord, Simulator, Streams};
use crate::model::{ActorId, ActorParams, RungId};
use crate::stream::{Purpose, slot};
use crate::view::DecisionView;

impl Simulator<'_> {
    /// The actors' parameters as the run applies them now: with the highest rung lowered while
    /// a circuit breaker's pause or a treaty cap is in force.
    pub(super) fn effective_params(&self) -> &[ActorParams] {
        if self.state.limited.is_empty() { &self.state.params } else { &self.state.limited }
    }

    /// The highest rung `actor` may step up to now, if a pause or a treaty cap limits it.
    pub(super) fn ceiling(&self, actor: ActorId) -> Option<RungId> {
        let paused =
            (self.state.pause_until > 0 && self.state.turn <= self.state.pause_until).then(|| self.state.rungs[actor]);
        let capped = self.state.treaty.map(|t| t.cap);
        match (paused, capped) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// After `actor` moved from `from` to `rung`: its adversaries see the move (fog of war);
    /// a step up may trip the circuit breaker; the limits follow the new rungs.
    #[cold]
    #[inline(never)]
    pub(super) fn after_move(
        &mut self,
        actor: ActorId,
        from: RungId,
        rung: RungId,
        streams: &mut Streams,
        record: &mut RunRecord,
    ) {
        if self.fog && rung != from {
            self.sight(actor, from, rung, streams, record);
        }
        if self.interruptions {
            if rung > from {
                self.trip_breaker();
            }
            self.refresh_limits();
        }
    }

    /// Recomputes the limited parameters after a move, an event, a trip or a breakout: empty
    /// unless some limit is below an actor's own highest rung or a mediator or back channel
    /// scales audience costs.
    #[cold]
    #[inline(never)]
    pub(super) fn refresh_limits(&mut self) {
        let n = self.scenario.actors.len();
        let factor = self.audience_factor();
        let binds = factor != 1.0 || (0..n).any(|a| self.ceiling(a).is_some_and(|c| c < self.state.params[a].max_rung));
        self.state.limited.clear();
        if !binds {
            return;
        }
        self.state.limited.extend_from_slice(&self.state.params);
        for actor in 0..n {
            let ceiling = self.ceiling(actor);
            let params = &mut self.state.limited[actor];
            if let Some(ceiling) = ceiling {
                params.max_rung = params.max_rung.min(ceiling);
            }
            params.audience_cost *= factor;
        }
    }

    /// Trips the armed circuit breaker if the joint level has reached its rung: no step up
    /// for the rest of this turn and the next `pause_turns` turns. It trips once per arming.
    #[cold]
    #[inline(never)]
    pub(super) fn trip_breaker(&mut self) {
        if let Some(breaker) = self.state.breaker
            && self.joint_level() >= breaker.at_rung
        {
            self.state.breaker = None;
            if breaker.pause_turns > 0 {
                self.state.pause_until = self.state.turn.saturating_add(breaker.pause_turns);
            }
        }
    }

    /// At the start of a turn, the treaty in force breaks down with its breakout probability.
    #[cold]
    #[inline(never)]
    pub(super) fn treaty_breakout(&mut self, streams: &mut Streams) {
        if let Some(treaty) = self.state.treaty
            && streams.bernoulli(Purpose::Treaty, slot(self.state.turn, 0, 0), treaty.breakout_prob)
        {
            self.state.treaty = None;
            self.refresh_limits();
        }
    }

    /// Early warning (Blair 1993; Sagan 1993): each actor at or above its warning's alert rung
    /// sees a false alarm with probability f, answered by nuclear use with probability w.
    /// `true` when a false alarm ended the run.
    #[cold]
    #[inline(never)]
    pub(super) fn false_alarms(&mut self, streams: &mut Streams, record: &mut RunRecord) -> bool {
        let scenario = self.scenario;
        for (actor, spec) in scenario.actors.iter().enumerate() {
            let Some(warning) = spec.warning else { continue };
            let held = self.state.rungs[actor];
            if held < warning.from_rung {
                continue;
            }
            let turn = self.state.turn;
            if !streams.bernoulli(Purpose::Warning, slot(turn, actor, 0), warning.false_alarm_rate) {
                continue;
            }
            record.false_alarms += 1;
            if streams.ending_bernoulli(
                Purpose::Warning,
                slot(turn, actor, 1),
                warning.launch_on_warning,
                Outcome::NuclearUse,
            ) {
                // Validation guarantees a nuclear rung at or above `from_rung` when w·f > 0.
                let rung = scenario.ladder.first_nuclear_at_or_above(held).unwrap_or(scenario.ladder.top());
                self.nuclear_use(Some(actor), rung, Cause::FalseAlarm, record);
                if let Some(last) = record.levels.last_mut() {
                    *last = rung as u8;
                }
                return true;
            }
        }
        false
    }

    /// Fog of war: every adversary of `actor` sees its move from `from` onto `rung`, possibly
    /// misread (observers that saw it already, as an answer, are not asked again).
    #[cold]
    #[inline(never)]
    pub(super) fn sight(
        &mut self,
        actor: ActorId,
        from: RungId,
        rung: RungId,
        streams: &mut Streams,
        record: &mut RunRecord,
    ) {
        let seen_already = match self.sighted.take() {
            Some((mover, to, observers)) if mover == actor && to == rung && from < rung => observers,
            _ => 0,
        };
        for observer in 0..self.scenario.actors.len() {
            if self.tables.adversaries(observer, actor) && seen_already & (1 << observer) == 0 {
                let seen = streams.sighting(observer, rung, &self.scenario.ladder);
                record.misreads += u32::from(seen != rung);
                self.state.perceived[observer][actor] = seen;
            }
        }
    }

    /// Fog of war: `observer` sees `owner` answer by stepping up to `rung`; whether it saw a step
    /// up at all (above the rung it believed `owner` held). The move that follows does not
    /// draw this observer's sighting again.
    pub(super) fn sight_answer(
        &mut self,
        observer: ActorId,
        owner: ActorId,
        rung: RungId,
        streams: &mut Streams,
        record: &mut RunRecord,
    ) -> bool {
        let before = self.state.perceived[observer][owner];
        let seen = streams.sighting(observer, rung, &self.scenario.ladder);
        record.misreads += u32::from(seen != rung);
        self.state.perceived[observer][owner] = seen;
        let observers = match self.sighted {
            Some((mover, to, observers)) if mover == owner && to == rung => observers,
            _ => 0,
        };
        self.sighted = Some((owner, rung, observers | 1 << observer));
        seen > before
    }

    /// Under fog of war, the view `actor` decides on: its adversaries' rungs as it saw them
    /// (its own camp's as they are), and its own peak raised to the threat level it perceives.
    #[cold]
    #[inline(never)]
    pub(super) fn perceived_view(&self, actor: ActorId) -> DecisionView<'_> {
        let mut view = self.true_view(actor);
        for about in 0..self.scenario.actors.len() {
            if self.tables.adversaries(actor, about) {
                view.rungs[about] = self.state.perceived[actor][about];
            }
        }
        view.peaks[actor] = view.peaks[actor].max(self.tables.threat_level(actor, &view.rungs));
        view
    }

    /// The rung `observer` believes `about` held at the end of the last run (its true rung
    /// unless fog of war made `observer` misread it).
    pub fn perceived_rung(&self, observer: ActorId, about: ActorId) -> RungId {
        self.state.perceived[observer][about]
    }
}
