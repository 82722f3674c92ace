//! Decision rules from outside the engine: the same draws, the same runs as the built-in rules.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use brink_engine::policy::external::DecisionProblem;
use brink_engine::policy::{ExternalDecision, ExternalPolicy, ExternalRule, ExternalStop, Observation};
use brink_engine::testing::two_actor_ladder;
use brink_engine::utility::Action;
use brink_engine::{PolicyKind, RunConfig, RunRecord, RunSink, Scenario, run_many};

/// The built-in hawk, from outside: one rung up when allowed, else hold.
#[derive(Debug)]
struct OutsideHawk;

impl ExternalPolicy for OutsideHawk {
    fn decide(&self, observation: &Observation<'_>) -> Result<ExternalDecision, ExternalStop> {
        let rung = observation.view.own_rung();
        let up = Action::MoveTo(rung + 1);
        Ok(ExternalDecision::Action(if observation.allowed.contains(&up) { up } else { Action::MoveTo(rung) }))
    }
}

/// The built-in random walk, from outside, as a distribution in the built-in rule's order.
#[derive(Debug)]
struct OutsideRandomWalk {
    up: f64,
    down: f64,
}

impl ExternalPolicy for OutsideRandomWalk {
    fn decide(&self, observation: &Observation<'_>) -> Result<ExternalDecision, ExternalStop> {
        let rung = observation.view.own_rung();
        let params = observation.view.own();
        let up = Action::MoveTo(if rung < params.max_rung { rung + 1 } else { rung });
        let down = Action::MoveTo(if rung > params.min_rung { rung - 1 } else { rung });
        let hold = Action::MoveTo(rung);
        Ok(ExternalDecision::Distribution(vec![(up, self.up), (down, self.down), (hold, 1.0 - self.up - self.down)]))
    }
}

/// Answers with an action it may not take, and counts how often it is told so.
#[derive(Debug, Default)]
struct Unruly {
    rejected: AtomicU64,
    history_ok: Mutex<bool>,
}

impl ExternalPolicy for Unruly {
    fn decide(&self, observation: &Observation<'_>) -> Result<ExternalDecision, ExternalStop> {
        let actors = observation.view.scenario.actors.len();
        let rows = observation.history.len() / actors;
        let mut ok = self.history_ok.lock().unwrap();
        *ok &= rows == observation.view.turn as usize && observation.history.len().is_multiple_of(actors);
        Ok(ExternalDecision::Action(Action::MoveTo(observation.view.scenario.ladder.len() + 5)))
    }

    fn rejected(&self, _observation: &Observation<'_>, problem: &DecisionProblem) {
        assert!(matches!(problem, DecisionProblem::NotAllowed(_)));
        self.rejected.fetch_add(1, Ordering::Relaxed);
    }
}

#[derive(Default)]
struct Records(Vec<RunRecord>);

impl RunSink for Records {
    fn wants_records(&self) -> bool {
        true
    }
    fn wants_paths(&self) -> bool {
        true
    }
    fn record(&mut self, record: &RunRecord) {
        self.0.push(record.clone());
    }
}

fn records(scenario: &Scenario, threads: usize) -> Vec<RunRecord> {
    let mut sink = Records::default();
    run_many(scenario, &RunConfig { runs: 3000, seed: 11, threads: Some(threads) }, &mut sink).unwrap();
    sink.0
}

fn with_red(policy: PolicyKind) -> Scenario {
    let mut scenario = two_actor_ladder(0.02);
    scenario.actors[1].policy = policy;
    scenario
}

#[test]
fn an_outside_hawk_gives_the_built_in_hawks_runs_bit_for_bit() {
    let built_in = records(&with_red(PolicyKind::Hawk), 1);
    let outside = with_red(PolicyKind::External(ExternalRule(Arc::new(OutsideHawk))));
    assert_eq!(records(&outside, 1), built_in);
    assert_eq!(records(&outside, 2), built_in);
}

#[test]
fn an_outside_distribution_draws_from_the_built_in_rules_slot() {
    let (up, down) = (0.3, 0.2);
    let built_in = records(&with_red(PolicyKind::RandomWalk { up, down }), 1);
    let outside = with_red(PolicyKind::External(ExternalRule(Arc::new(OutsideRandomWalk { up, down }))));
    assert_eq!(records(&outside, 2), built_in);
    // Not a tautology: the walk's draws matter.
    assert!(built_in.iter().map(|r| r.peak_rung).collect::<std::collections::BTreeSet<_>>().len() > 1);
}

#[test]
fn a_refused_decision_holds_and_is_reported_to_the_rule() {
    let rule = Arc::new(Unruly { rejected: AtomicU64::new(0), history_ok: Mutex::new(true) });
    let scenario = with_red(PolicyKind::External(ExternalRule(rule.clone())));
    let runs = records(&scenario, 1);
    let red_decisions: u64 = runs.iter().map(|r| r.decisions).sum::<u64>();
    assert!(rule.rejected.load(Ordering::Relaxed) > 0);
    assert!(rule.rejected.load(Ordering::Relaxed) < red_decisions);
    assert!(*rule.history_ok.lock().unwrap(), "history holds the start and every turn played");
}

#[test]
fn the_exact_likelihood_refuses_an_outside_rule() {
    use brink_engine::likelihood::{LikelihoodError, Observed, ObservedTurn, Settings, likelihood};
    let scenario = with_red(PolicyKind::External(ExternalRule(Arc::new(OutsideHawk))));
    let observed = Observed { turns: vec![ObservedTurn { turn: 1, rungs: vec![0, 1] }], end: None };
    assert_eq!(
        likelihood(&scenario, &observed, &Settings::EXACT).unwrap_err(),
        LikelihoodError::ExternalPolicy("red".into())
    );
}
