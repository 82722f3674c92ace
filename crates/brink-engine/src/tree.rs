//! The first `T` turns of a scenario as a game tree (`brink game`, `brink equilibrium`).
//!
//! The tree follows the run loop of [`crate::run`] step for step — events, decisions, moves,
//! crossings, answers, accidents, the chance hazard, settlement — but branches where a run
//! draws a random number or an actor decides, instead of sampling:
//!
//! - **chance** draws each actor's private red line (from its prior), whether each event with
//!   `prob < 1` happens, whether a crossed red line is answered when answers are made by rule
//!   (`1 − (1 − s)^m` for `m` rungs crossed), where an accident lands, and whether the chance
//!   hazard strikes;
//! - **an actor** chooses among the actions its rule may choose (concede, one step down, hold,
//!   steps up), and answers a crossing of its red line when answers are made by decision
//!   (`answer = "decision"`).
//!
//! An actor's information set is its own red line, the public history — every event that
//! happened, every actor's rung after every change, and when decisions were taken, in order —
//! and its own earlier choices (so the game has perfect recall: an accident that lands where
//! a chosen move would have does not make an actor forget what it chose). Within a
//! simultaneous turn no actor sees the others' choices of that turn.
//!
//! Payoffs, per actor: the per-turn payoff of the decision model (docs/MODEL.md §4),
//! `W·(v(r) − v(T))/(v_top − v_bottom) − c(L)·(1 + ω τ)`, summed over completed turns; minus
//! audience costs as the engine charges them (public rungs abandoned, unanswered crossings of
//! the true red line, public rungs held when conceding); plus the outcome's value — nuclear
//! use `Z`, conceding `Q` (the conceder and its camp), prevailing `W` (the others),
//! settlement 0. A crisis still going after `T` turns is cut off with the **continuation
//! value** the decision model gives staying in the crisis past its horizon:
//! `π·W + (1 − π)·Q` with a `prevail_belief` π, else 0.
//!
//! The tree is built by replay: the run loop is re-run from the start for each prefix of
//! branch choices, and stops at the first branch point beyond the prefix. This keeps the
//! loop a straight copy of the engine's (no continuation passing), at a cost of a factor of
//! the tree's depth.
//!
//! Not supported (an error names them): bargaining and private-draw rules (`private_quit`).
//! The scenario's own choice probabilities are given for actors whose rule is logit expected
//! utility (and for answers by decision); other rules get none.

use crate::ModelError;
use crate::belief;
use crate::model::{
    ActorId, ActorParams, AnswerMode, EventKind, MAX_ACTORS, Param, PolicyKind, RungId, Scenario, TurnOrder,
};
use crate::run::Outcome;
use crate::utility::{self, Action, ActionSet};
use crate::view::{Beliefs, DecisionView, RungRates, Tables, Window};

/// What to build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TreeConfig {
    /// Turns before the truncation (1..).
    pub turns: u32,
    /// Give up beyond this many nodes.
    pub max_nodes: usize,
}

/// How a play of the tree ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// The run ended within the turns, with this outcome.
    Outcome(Outcome),
    /// The crisis was still going when the tree was cut off.
    Continuing,
}

impl Ending {
    /// The stable name: an outcome's name, or `continuing`.
    pub fn name(self) -> &'static str {
        match self {
            Ending::Outcome(o) => o.name(),
            Ending::Continuing => "continuing",
        }
    }
}

/// A node of the crisis tree.
#[derive(Debug, Clone, PartialEq)]
pub enum TreeNode {
    /// A random draw: one child per outcome with positive probability.
    Chance {
        /// What is drawn.
        label: String,
        /// Outcome labels.
        labels: Vec<String>,
        /// Their probabilities (summing to 1).
        probs: Vec<f64>,
        /// The children, one per outcome.
        children: Vec<usize>,
    },
    /// An actor's choice.
    Decision {
        /// Who chooses.
        actor: ActorId,
        /// The information set: own red line and public history.
        infoset: String,
        /// Action labels.
        actions: Vec<String>,
        /// The scenario's own choice probabilities, when its rule gives them.
        scenario: Option<Vec<f64>>,
        /// The children, one per action.
        children: Vec<usize>,
    },
    /// The end of a play.
    Terminal {
        /// One payoff per actor.
        payoffs: Vec<f64>,
        /// How the play ended.
        ending: Ending,
        /// The joint level at the end of each turn played, as a run records it
        /// ([`crate::run::RunRecord::levels`]).
        levels: Vec<u8>,
    },
}

/// The tree; node 0 is the root, children come after their parents.
#[derive(Debug, Clone, PartialEq)]
pub struct CrisisTree {
    /// The nodes.
    pub nodes: Vec<TreeNode>,
    /// Turns covered.
    pub turns: u32,
}

enum Stop {
    Branch(TreeNode),
    End,
}

#[derive(Clone)]
struct State {
    turn: u32,
    params: Vec<ActorParams>,
    rates: Vec<RungRates>,
    rungs: [RungId; MAX_ACTORS],
    peaks: [RungId; MAX_ACTORS],
    commitments: [RungId; MAX_ACTORS],
    windows: [Option<Window>; MAX_ACTORS],
    red_lines: [usize; MAX_ACTORS],
    beliefs: Beliefs,
    stepped_up: bool,
    quiet_turns: u32,
    weary_turns: u32,
    ended: Option<Outcome>,
    conceded: Option<ActorId>,
    payoffs: [f64; MAX_ACTORS],
    /// Each actor's memory: the public history with its own choices interleaved.
    history: Vec<String>,
    levels: Vec<u8>,
}

struct Walker<'s> {
    scenario: &'s Scenario,
    tables: &'s Tables,
    prefix: &'s [usize],
    pos: usize,
    s: State,
}

impl Walker<'_> {
    fn branch(&mut self, node: TreeNode) -> Result<usize, Stop> {
        if self.pos < self.prefix.len() {
            self.pos += 1;
            Ok(self.prefix[self.pos - 1])
        } else {
            Err(Stop::Branch(node))
        }
    }

    /// A chance draw over `(label, prob)` options; options of probability 0 are left out and
    /// a sure option needs no node. Returns the index into `options`.
    fn chance(&mut self, label: &str, options: &[(String, f64)]) -> Result<usize, Stop> {
        let live: Vec<usize> = (0..options.len()).filter(|&k| options[k].1 > 0.0).collect();
        if live.len() == 1 {
            return Ok(live[0]);
        }
        let k = self.branch(TreeNode::Chance {
            label: label.to_owned(),
            labels: live.iter().map(|&k| options[k].0.clone()).collect(),
            probs: live.iter().map(|&k| options[k].1).collect(),
            children: Vec::new(),
        })?;
        Ok(live[k])
    }

    fn rung_name(&self, rung: RungId) -> &str {
        &self.scenario.ladder.rung(rung).name
    }

    /// A public observation, for every actor's memory.
    fn observe(&mut self, token: &str) {
        for memory in &mut self.s.history {
            memory.push(' ');
            memory.push_str(token);
        }
    }

    /// An actor's own choice, for its memory only.
    fn remember(&mut self, actor: ActorId, choice: &str) {
        let memory = &mut self.s.history[actor];
        memory.push_str(" [chose ");
        memory.push_str(choice);
        memory.push(']');
    }

    fn view(&self, actor: ActorId) -> DecisionView<'_> {
        DecisionView {
            scenario: self.scenario,
            actor,
            turn: self.s.turn,
            params: &self.s.params,
            rates: &self.s.rates,
            tables: self.tables,
            rungs: self.s.rungs,
            peaks: self.s.peaks,
            commitments: self.s.commitments,
            window: self.s.windows[actor],
            own_red_line: self.s.red_lines[actor],
            weary_turns: self.s.weary_turns,
            credibility_memo: None,
            beliefs: &self.s.beliefs,
            pledges: &crate::view::NO_PLEDGES,
        }
    }

    fn infoset(&self, actor: ActorId, what: &str) -> String {
        infoset_label(self.scenario, actor, what, self.s.red_lines[actor], &self.s.history[actor])
    }

    fn joint_level(&self) -> RungId {
        self.s.rungs[..self.scenario.actors.len()].iter().copied().max().unwrap_or(0)
    }

    fn run(&mut self, turns: u32) -> Result<(), Stop> {
        let scenario = self.scenario;
        let n = scenario.actors.len();
        for actor in 0..n {
            let probs = scenario.actors[actor].red_line.probs();
            let options: Vec<(String, f64)> = probs
                .iter()
                .enumerate()
                .map(|(r, &p)| {
                    (if r < scenario.ladder.len() { self.rung_name(r).to_owned() } else { "never".into() }, p)
                })
                .collect();
            let label = format!("{}'s red line", scenario.actors[actor].name);
            self.s.red_lines[actor] = self.chance(&label, &options)?;
        }
        let last = turns.min(scenario.rules.max_turns);
        let mut next_event = 0;
        for turn in 1..=last {
            self.s.turn = turn;
            self.s.stepped_up = false;
            self.observe(&format!("| turn {turn}:"));
            while next_event < scenario.events.len() && scenario.events[next_event].turn <= turn {
                let index = next_event;
                let event = &scenario.events[index];
                next_event += 1;
                if event.turn != turn {
                    continue;
                }
                let label = format!("event {index} at turn {turn}");
                let happens =
                    self.chance(&label, &[("happens".into(), event.prob), ("does not".into(), 1.0 - event.prob)])? == 0;
                if happens {
                    self.observe(&format!("event {index};"));
                    self.apply_event(index, &event.kind)?;
                }
                if self.s.ended.is_some() {
                    break;
                }
            }
            if self.s.ended.is_none() {
                self.play_turn()?;
            }
            let level = self.joint_level() as u8;
            self.s.levels.push(level);
            if self.s.ended.is_some() {
                return Err(Stop::End);
            }
            self.flow();
            let joint = self.joint_level();
            let hazard = self.s.rates[joint].chance_hazard;
            let strikes = self.chance(
                &format!("chance hazard at turn {turn}"),
                &[("strikes".into(), hazard), ("spares".into(), 1.0 - hazard)],
            )? == 0;
            if strikes {
                self.s.ended = Some(Outcome::NuclearUse);
                let rung = scenario.ladder.first_nuclear_at_or_above(joint).unwrap_or(scenario.ladder.top());
                if let Some(last) = self.s.levels.last_mut() {
                    *last = rung as u8;
                }
                return Err(Stop::End);
            }
            if scenario.rules.weariness_from.is_some_and(|from| joint >= from) {
                self.s.weary_turns += 1;
            } else {
                self.s.weary_turns = 0;
            }
            if self.s.stepped_up {
                self.s.quiet_turns = 0;
            } else {
                self.s.quiet_turns += 1;
            }
            if self.s.quiet_turns >= scenario.rules.settle_after_quiet_turns
                && joint <= scenario.rules.settle_at_or_below
            {
                self.s.ended = Some(Outcome::Settlement);
                return Err(Stop::End);
            }
        }
        if last == scenario.rules.max_turns {
            self.s.ended = Some(Outcome::TurnLimit);
        }
        Err(Stop::End)
    }

    /// Each actor's per-turn payoff for a completed turn.
    fn flow(&mut self) {
        let joint = self.joint_level();
        let rungs = self.tables.rungs;
        for (i, actor) in self.scenario.actors.iter().enumerate() {
            let params = &self.s.params[i];
            let threat = self.tables.threat_level(i, &self.s.rungs);
            let advantage =
                params.stake * (self.tables.scaled_value[self.s.rungs[i]] - self.tables.scaled_value[threat]);
            let cost = self.tables.camp_cost[actor.camp * rungs + joint]
                * (1.0 + params.weariness * f64::from(self.s.weary_turns));
            self.s.payoffs[i] += advantage - cost;
        }
    }

    fn play_turn(&mut self) -> Result<(), Stop> {
        let order = self.scenario.rules.order.clone();
        match self.scenario.rules.turn_order {
            TurnOrder::Sequential => {
                for actor in order {
                    let token = format!("{} decides:", self.scenario.actors[actor].name);
                    self.observe(&token);
                    let action = self.decide(actor)?;
                    self.act(actor, action)?;
                    if self.s.ended.is_some() {
                        return Ok(());
                    }
                }
            }
            TurnOrder::Simultaneous => {
                self.observe("decisions:");
                let mut actions = [Action::Concede; MAX_ACTORS];
                for &actor in &order {
                    actions[actor] = self.decide(actor)?;
                }
                for actor in order {
                    self.act(actor, actions[actor])?;
                    if self.s.ended.is_some() {
                        return Ok(());
                    }
                }
            }
        }
        Ok(())
    }

    fn decide(&mut self, actor: ActorId) -> Result<Action, Stop> {
        let view = self.view(actor);
        let set = ActionSet::allowed(&view);
        let actions: Vec<Action> = set.as_slice().to_vec();
        // Replaying a prefix, the node exists already: skip the costly parts of its label.
        let replaying = self.pos < self.prefix.len();
        let scenario = match self.scenario.actors[actor].policy {
            PolicyKind::LogitEu if !replaying => Some(utility::logit_expected_utility(&view).1.probabilities()),
            _ => None,
        };
        let rung = self.s.rungs[actor];
        let labels: Vec<String> = actions.iter().map(|&a| action_label(self.scenario, rung, a)).collect();
        let infoset = if replaying { String::new() } else { self.infoset(actor, "move") };
        let node = TreeNode::Decision { actor, infoset, actions: labels.clone(), scenario, children: Vec::new() };
        let k = self.branch(node)?;
        self.remember(actor, &labels[k]);
        Ok(actions[k])
    }

    fn act(&mut self, actor: ActorId, action: Action) -> Result<(), Stop> {
        let current = self.s.rungs[actor];
        let target = match action {
            Action::Concede => None,
            Action::MoveTo(rung) => Some(rung),
        };
        self.close_window(actor, target.is_some_and(|r| r > current));
        let Some(target) = target else {
            let commitment = self.s.commitments[actor];
            self.s.payoffs[actor] -=
                f64::from(self.tables.public_between(0, commitment)) * self.s.params[actor].audience_cost;
            self.s.conceded = Some(actor);
            self.s.ended = Some(Outcome::Concession);
            return Ok(());
        };
        self.deliberate_move(actor, target)?;
        if self.s.ended.is_some() {
            return Ok(());
        }
        let held = self.s.rungs[actor];
        let rate = self.s.rates[held].accident_rate;
        if rate > 0.0 {
            let top = self.scenario.ladder.top();
            let jump = &self.scenario.ladder.rung(held).accident_jump;
            // Where the accident lands, merged by rung: none (or back on the same rung) first.
            let mut landing: Vec<(RungId, f64)> = vec![(held, 1.0 - rate)];
            for &(offset, p) in jump.offsets() {
                let landed = (held as i64 + i64::from(offset)).clamp(0, top as i64) as RungId;
                match landing.iter_mut().find(|(r, _)| *r == landed) {
                    Some(entry) => entry.1 += rate * p,
                    None => landing.push((landed, rate * p)),
                }
            }
            let options: Vec<(String, f64)> = landing
                .iter()
                .map(|&(r, p)| {
                    (if r == held { "none".to_owned() } else { format!("slip to {}", self.rung_name(r)) }, p)
                })
                .collect();
            let label = format!("accident of {}", self.scenario.actors[actor].name);
            let k = self.chance(&label, &options)?;
            let landed = landing[k].0;
            if landed != held {
                self.move_to(actor, landed)?;
            }
        }
        Ok(())
    }

    fn deliberate_move(&mut self, actor: ActorId, target: RungId) -> Result<(), Stop> {
        let current = self.s.rungs[actor];
        let commitment = self.s.commitments[actor];
        let abandoned = self.tables.public_between(target, commitment);
        self.s.payoffs[actor] -= f64::from(abandoned) * self.s.params[actor].audience_cost;
        self.s.commitments[actor] = self.tables.commitment_after(commitment, current, target);
        if target != current {
            self.move_to(actor, target)?;
        }
        Ok(())
    }

    fn move_to(&mut self, actor: ActorId, rung: RungId) -> Result<(), Stop> {
        let previous = self.s.rungs[actor];
        self.s.rungs[actor] = rung;
        let token = format!("{} {};", self.scenario.actors[actor].name, self.rung_name(rung));
        self.observe(&token);
        if rung <= previous {
            return Ok(());
        }
        self.s.stepped_up = true;
        if self.scenario.ladder.rung(rung).nuclear {
            self.s.ended = Some(Outcome::NuclearUse);
            return Ok(());
        }
        for owner in 0..self.scenario.actors.len() {
            if !self.scenario.adversaries(actor, owner) {
                continue;
            }
            let threat = self.tables.threat_level(owner, &self.s.rungs);
            let peak = self.s.peaks[owner];
            if threat <= peak {
                continue;
            }
            self.s.peaks[owner] = threat;
            self.crossing(owner, peak, threat, actor)?;
            if self.s.ended.is_some() {
                return Ok(());
            }
        }
        Ok(())
    }

    fn crossing(&mut self, owner: ActorId, from: RungId, to: RungId, crosser: ActorId) -> Result<(), Stop> {
        let crossed = belief::crossed_count(self.s.red_lines[owner], from, to);
        let params = self.s.params[owner];
        let response_rung = utility::response_rung(&params, self.s.rungs[owner], to);
        let can_answer = crossed > 0 && response_rung > self.s.rungs[owner];
        let (chance, answer_chance) = match params.answer {
            AnswerMode::Rule => (params.response_prob, None),
            AnswerMode::Decision => {
                let c = utility::answer_chance(&self.view(owner), owner, &self.s.rungs, from, to);
                (c, Some(c))
            }
        };
        let respond_prob = 1.0 - (1.0 - chance).powi(crossed as i32);
        let from_peak = self.s.windows[owner].map_or(from, |open| open.from_peak);
        self.s.windows[owner] =
            Some(Window { from_peak, to_peak: to, crosser, judged_response_prob: f64::NAN, answer_chance, step: None });
        if !can_answer {
            return Ok(());
        }
        let name = &self.scenario.actors[owner].name;
        let responds = match params.answer {
            AnswerMode::Rule => {
                let label = format!("answer of {name}");
                self.chance(&label, &[("answers".into(), respond_prob), ("silent".into(), 1.0 - respond_prob)])? == 0
            }
            AnswerMode::Decision => {
                let infoset = self.infoset(owner, "answer");
                let scenario = Some(vec![1.0 - respond_prob, respond_prob]);
                let node = TreeNode::Decision {
                    actor: owner,
                    infoset,
                    actions: vec!["stay silent".into(), format!("answer: to {}", self.rung_name(response_rung))],
                    scenario,
                    children: Vec::new(),
                };
                let k = self.branch(node)?;
                self.remember(owner, if k == 1 { "answer" } else { "silence" });
                k == 1
            }
        };
        if responds {
            self.close_window(owner, true);
            if self.s.ended.is_none() {
                self.move_to(owner, response_rung)?;
            }
        }
        Ok(())
    }

    fn close_window(&mut self, owner: ActorId, responded: bool) {
        let Some(window) = self.s.windows[owner].take() else {
            return;
        };
        let s = window.answer_chance.unwrap_or(self.s.params[owner].response_prob);
        for observer in 0..self.scenario.actors.len() {
            if self.scenario.adversaries(observer, owner) {
                let weight = self.tables.update_weight[observer][owner];
                self.s.beliefs.update(observer, owner, window.from_peak, window.to_peak, s, responded, weight);
            }
        }
        if self.s.red_lines[owner] <= window.to_peak && !responded {
            self.s.payoffs[owner] -= self.s.params[owner].audience_cost;
        }
    }

    fn apply_event(&mut self, _index: usize, kind: &EventKind) -> Result<(), Stop> {
        match *kind {
            EventKind::Force { actor, rung } => {
                self.close_window(actor, rung > self.s.rungs[actor]);
                self.deliberate_move(actor, rung)?;
            }
            EventKind::Permit { actor, min_rung, max_rung, max_step, can_concede } => {
                let params = &mut self.s.params[actor];
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
                let params = &mut self.s.params;
                match param {
                    Param::Stake(a) => params[a].stake = value,
                    Param::ConcedeValue(a) => params[a].concede_value = value,
                    Param::DisasterValue(a) => params[a].disaster_value = value,
                    Param::ResponseProb(a) => params[a].response_prob = value,
                    Param::AudienceCost(a) => params[a].audience_cost = value,
                    Param::ReputationWeight(a) => params[a].reputation_weight = value,
                    Param::Rationality(a) => params[a].rationality = value,
                    Param::AccidentRate(r) => self.s.rates[r].accident_rate = value,
                    Param::ChanceHazard(r) => self.s.rates[r].chance_hazard = value,
                }
            }
            // `build_tree` refuses scenarios with interruptions and diplomacy.
            EventKind::CircuitBreaker(_)
            | EventKind::Treaty(_)
            | EventKind::Signal { .. }
            | EventKind::Mediation(_)
            | EventKind::BackChannel(_) => {}
        }
        Ok(())
    }

    /// The payoffs of the ended (or cut-off) play.
    fn terminal(&self) -> TreeNode {
        let n = self.scenario.actors.len();
        let mut payoffs: Vec<f64> = self.s.payoffs[..n].to_vec();
        let ending = match self.s.ended {
            Some(o) => Ending::Outcome(o),
            None => Ending::Continuing,
        };
        for (i, p) in payoffs.iter_mut().enumerate() {
            let params = &self.s.params[i];
            *p += match self.s.ended {
                Some(Outcome::NuclearUse) => params.disaster_value,
                Some(Outcome::Concession) => {
                    let conceder = self.s.conceded.unwrap_or(i);
                    if self.scenario.adversaries(i, conceder) { params.stake } else { params.concede_value }
                }
                Some(Outcome::Settlement) => 0.0,
                // Cut off, at the scenario's turn limit or the tree's: the value of staying in.
                Some(Outcome::TurnLimit) | None => match params.prevail_belief {
                    Some(pi) => pi * params.stake + (1.0 - pi) * params.concede_value,
                    None => 0.0,
                },
            };
        }
        TreeNode::Terminal { payoffs, ending, levels: self.s.levels.clone() }
    }
}

/// The label of `actor`'s information set: `what` it decides (`move` or `answer`), its own
/// red line and its memory (the public history with its own choices). The run loop labels
/// its decisions the same way for `policy = "equilibrium"` ([`crate::policy::EquilibriumStrategy`]).
pub(crate) fn infoset_label(scenario: &Scenario, actor: ActorId, what: &str, red_line: usize, memory: &str) -> String {
    let red = if red_line >= scenario.ladder.len() { "never" } else { &scenario.ladder.rung(red_line).name };
    format!("{} ({what}), red line {red}:{memory}", scenario.actors[actor].name)
}

/// The label of a move from rung `rung`: `concede`, `hold R` or `to R`.
pub(crate) fn action_label(scenario: &Scenario, rung: RungId, action: Action) -> String {
    match action {
        Action::Concede => "concede".to_owned(),
        Action::MoveTo(r) if r == rung => format!("hold {}", scenario.ladder.rung(r).name),
        Action::MoveTo(r) => format!("to {}", scenario.ladder.rung(r).name),
    }
}

/// A node still to build: the branch choices leading to it, and the parent's slot for it.
type Pending = (Vec<usize>, Option<(usize, usize)>);

/// Builds the first `config.turns` turns of `scenario` as a game tree.
pub fn build_tree(scenario: &Scenario, config: &TreeConfig) -> Result<CrisisTree, ModelError> {
    if config.turns == 0 {
        return Err(ModelError::Invalid("the game needs at least one turn".into()));
    }
    if scenario.rules.bargaining.is_some() {
        return Err(ModelError::Invalid("brink game does not support bargaining yet".into()));
    }
    if scenario.has_mechanisms_outside_the_game_tree() {
        return Err(ModelError::Invalid(
            "brink game does not support fog of war, false alarms, signals, mediation, back channels, circuit breakers or treaty caps yet".into(),
        ));
    }
    if let Some(actor) = scenario.actors.iter().find(|a| matches!(a.policy, PolicyKind::PrivateQuit { .. })) {
        return Err(ModelError::Invalid(format!(
            "brink game does not support the private_quit rule (actor `{}`)",
            actor.name
        )));
    }
    let tables = Tables::new(scenario);
    let n = scenario.actors.len();
    let rungs = scenario.ladder.len();
    let mut beliefs = Beliefs::new(n, rungs);
    for (holder, actor) in scenario.actors.iter().enumerate() {
        for about in 0..n {
            if scenario.adversaries(holder, about) {
                beliefs.set(holder, about, scenario.actors[about].red_line.probs());
            }
        }
        for spec in &actor.beliefs {
            beliefs.set(holder, spec.about, &belief::tilt(spec.prior.probs(), spec.bias));
        }
    }
    let top = scenario.ladder.top();
    let rates: Vec<RungRates> = scenario
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
                    scenario.ladder.rung((index as i64 + i64::from(*offset)).clamp(0, top as i64) as RungId).nuclear
                })
                .map(|(_, p)| p)
                .sum(),
        })
        .collect();
    let mut start = State {
        turn: 0,
        params: scenario.actors.iter().map(|a| a.params).collect(),
        rates,
        rungs: [0; MAX_ACTORS],
        peaks: [0; MAX_ACTORS],
        commitments: [0; MAX_ACTORS],
        windows: [None; MAX_ACTORS],
        red_lines: [rungs; MAX_ACTORS],
        beliefs,
        stepped_up: false,
        quiet_turns: 0,
        weary_turns: 0,
        ended: None,
        conceded: None,
        payoffs: [0.0; MAX_ACTORS],
        history: vec![String::new(); n],
        levels: Vec::new(),
    };
    for (id, actor) in scenario.actors.iter().enumerate() {
        start.rungs[id] = actor.start;
        start.commitments[id] = actor.start;
    }
    for id in 0..n {
        start.peaks[id] = tables.threat_level(id, &start.rungs);
    }
    let mut nodes: Vec<TreeNode> = Vec::new();
    // Depth first: (prefix of choices, parent slot to fill).
    let mut stack: Vec<Pending> = vec![(Vec::new(), None)];
    while let Some((prefix, parent)) = stack.pop() {
        if nodes.len() >= config.max_nodes {
            return Err(ModelError::Invalid(format!(
                "the game tree has more than {} nodes; ask for fewer turns",
                config.max_nodes
            )));
        }
        let mut walker = Walker { scenario, tables: &tables, prefix: &prefix, pos: 0, s: start.clone() };
        let node = match walker.run(config.turns) {
            Err(Stop::Branch(node)) => node,
            Err(Stop::End) | Ok(()) => walker.terminal(),
        };
        let index = nodes.len();
        let width = match &node {
            TreeNode::Chance { probs, .. } => probs.len(),
            TreeNode::Decision { actions, .. } => actions.len(),
            TreeNode::Terminal { .. } => 0,
        };
        nodes.push(node);
        if let Some((p, slot)) = parent {
            match &mut nodes[p] {
                TreeNode::Chance { children, .. } | TreeNode::Decision { children, .. } => children[slot] = index,
                TreeNode::Terminal { .. } => unreachable!("terminals have no children"),
            }
        }
        match &mut nodes[index] {
            TreeNode::Chance { children, .. } | TreeNode::Decision { children, .. } => *children = vec![0; width],
            TreeNode::Terminal { .. } => {}
        }
        for k in (0..width).rev() {
            let mut next = prefix.clone();
            next.push(k);
            stack.push((next, Some((index, k))));
        }
    }
    Ok(CrisisTree { nodes, turns: config.turns })
}
