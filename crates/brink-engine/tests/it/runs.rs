//! Single runs checked against hand computation, and reproducibility.

use brink_engine::testing::{actor, params, plain_rungs, rules, two_actor_ladder};
use brink_engine::{BeliefSpec, Ladder, Outcome, PolicyKind, RedLinePrior, RunConfig, Scenario, Simulator, run_many};

/// A hawk on a 7-rung ladder who believes red's red line uniform on rungs 1..=5.
fn hawk_believing_uniform() -> brink_engine::Actor {
    let n = 7;
    let mut blue = actor("blue", 0, 0, params(n - 1), PolicyKind::Hawk, n);
    blue.beliefs.push(BeliefSpec {
        about: 1,
        prior: RedLinePrior::new(vec![0.0, 0.2, 0.2, 0.2, 0.2, 0.2, 0.0, 0.0]).unwrap(),
        bias: 0.0,
        update_weight: 1.0,
    });
    blue
}

/// Blue (hawk) climbs while red (no red line, holds) never answers. Blue's belief about red's
/// red line, uniform on rungs 1..=5 with s = 0.8, after rungs 1 and 2 go unanswered, is
/// (1, 5, 25, 25, 25)/81 (research/escalation-models.md §1.10).
#[test]
fn unanswered_steps_update_beliefs_by_bayes() {
    let n = 7;
    let mut red_params = params(n - 1);
    red_params.response_prob = 0.8;
    let red = actor("red", 1, 0, red_params, PolicyKind::Hold, n);
    let scenario = two_camps(hawk_believing_uniform(), red, vec![], 2);
    let mut simulator = Simulator::new(&scenario);
    let record = simulator.run(1, 0);
    assert_eq!(record.turns, 2);
    assert_eq!(record.responses, 0);
    let expected = [0.0, 1.0, 5.0, 25.0, 25.0, 25.0, 0.0, 0.0].map(|x| x / 81.0);
    for (got, want) in simulator.beliefs().about(0, 1).iter().zip(expected) {
        assert!((got - want).abs() < 1e-12, "{:?}", simulator.beliefs().about(0, 1));
    }
}

/// Red's red line sits at rung 1 and it always responds; blue believes it uniform on 1..=5.
/// Blue's first step crosses it (judged P(response) = 0.2 ≤ 0.5), red answers at once:
/// one crossing, one response, one miscalculation; blue's belief collapses onto rung 1.
#[test]
fn a_response_to_a_step_judged_safe_is_a_miscalculation() {
    let n = 7;
    let mut blue = hawk_believing_uniform();
    blue.params.max_rung = 1;
    let mut red_params = params(n - 1);
    red_params.response_prob = 1.0;
    let mut red = actor("red", 1, 0, red_params, PolicyKind::Hold, n);
    red.red_line = RedLinePrior::at(1, n);
    let scenario = two_camps(blue, red, vec![], 1);
    let mut simulator = Simulator::new(&scenario);
    let record = simulator.run(1, 0);
    assert_eq!((record.red_lines_crossed, record.responses, record.miscalculations), (1, 1, 1));
    let first = record.first_red_line.unwrap();
    assert_eq!((first.turn, first.owner, first.crosser), (1, 1, 0));
    assert_eq!(simulator.beliefs().about(0, 1)[1], 1.0);
    assert_eq!(record.peak_rung, 1);
}

/// The same seed gives bit-identical summaries on 1, 2 and 4 threads.
#[test]
fn results_do_not_depend_on_the_thread_count() {
    let scenario = two_actor_ladder(0.01);
    let summaries: Vec<_> = [1, 2, 4]
        .into_iter()
        .map(|threads| {
            run_many(&scenario, &RunConfig { runs: 30_000, seed: 42, threads: Some(threads) }, &mut ()).unwrap()
        })
        .collect();
    assert!(summaries[0].runs == 30_000 && summaries[0].outcome(Outcome::NuclearUse).count > 0);
    assert_eq!(summaries[0], summaries[1]);
    assert_eq!(summaries[0], summaries[2]);
    assert_eq!(summaries[0].audience_costs.to_bits(), summaries[2].audience_costs.to_bits());
}

/// Runs are pure functions of (seed, run index): running run 17 alone equals run 17 in a batch.
#[test]
fn a_run_depends_only_on_seed_and_index() {
    let scenario = two_actor_ladder(0.01);
    let mut batch = Simulator::new(&scenario);
    let records: Vec<_> = (0..20).map(|run| batch.run(9, run)).collect();
    let alone = Simulator::new(&scenario).run(9, 17);
    assert_eq!(records[17], alone);
}

fn two_camps(
    blue: brink_engine::Actor,
    red: brink_engine::Actor,
    events: Vec<brink_engine::Event>,
    turns: u32,
) -> Scenario {
    let n = blue.red_line.probs().len() - 1;
    let ladder = Ladder::new(plain_rungs(n, 2), 2).unwrap();
    Scenario::new("t".into(), ladder, vec!["b".into(), "r".into()], vec![blue, red], events, rules(2, turns, n - 1))
        .unwrap()
}

/// Scripted events: a permission widens a hawk's range at turn 3; a forced step moves a
/// holder at turn 2; an event with probability 0 never happens; a hazard set to 1 strikes.
#[test]
fn scripted_events_apply_at_their_turn() {
    use brink_engine::{Cause, Event, EventKind, Param};
    let n = 8;
    let mut hawk = actor("blue", 0, 0, params(n - 1), PolicyKind::Hawk, n);
    hawk.params.max_rung = 2;
    let holder = actor("red", 1, 0, params(n - 1), PolicyKind::Hold, n);
    let permit = Event {
        turn: 3,
        prob: 1.0,
        kind: EventKind::Permit { actor: 0, min_rung: None, max_rung: Some(4), max_step: None, can_concede: None },
    };
    let force = Event { turn: 2, prob: 1.0, kind: EventKind::Force { actor: 1, rung: 3 } };
    let never = Event { turn: 1, prob: 0.0, kind: EventKind::Force { actor: 1, rung: 6 } };
    let scenario = two_camps(hawk.clone(), holder.clone(), vec![permit, force, never], 6);
    let record = Simulator::new(&scenario).run(3, 0);
    // blue: 1, 2, 2 (capped) then 3, 4 after the permission at turn 3; red forced to 3 at turn 2.
    assert_eq!(record.peak_rung, 4);
    assert_eq!(record.outcome, Outcome::TurnLimit);
    assert!(record.nuclear.is_none());

    let strike = Event { turn: 2, prob: 1.0, kind: EventKind::Set { param: Param::ChanceHazard(2), value: 1.0 } };
    let scenario = two_camps(hawk, holder, vec![strike], 6);
    let record = Simulator::new(&scenario).run(3, 0);
    let nuclear = record.nuclear.unwrap();
    assert_eq!(
        (record.outcome, record.turns, nuclear.cause, nuclear.actor),
        (Outcome::NuclearUse, 2, Cause::Chance, None)
    );
    assert_eq!(nuclear.rung, 7, "chance use is recorded at the first nuclear rung at or above the joint level");
}

/// An unanswered crossing of a true red line costs its owner the audience cost once; backing
/// down from public rungs costs it per rung; a concession ends the run.
#[test]
fn audience_costs_are_paid_for_silence_and_backing_down() {
    let n = 6;
    let mut blue = actor("blue", 0, 0, params(n - 1), PolicyKind::Hawk, n);
    blue.params.max_rung = 2;
    let mut red = actor("red", 1, 0, params(n - 1), PolicyKind::Hold, n);
    red.red_line = RedLinePrior::at(1, n);
    red.params.response_prob = 0.0;
    red.params.audience_cost = 0.25;
    let scenario = two_camps(blue, red, vec![], 2);
    let record = Simulator::new(&scenario).run(1, 0);
    // Turn 1: rung 1 crosses red's line, red holds: 0.25. Turn 2: rung 2 crosses again: 0.25.
    assert_eq!(record.red_lines_crossed, 2);
    assert_eq!(record.responses, 0);
    assert!((record.audience_costs - 0.5).abs() < 1e-12, "{}", record.audience_costs);

    let mut dove = actor("blue", 0, 3, params(n - 1), PolicyKind::Dove, n);
    dove.params.audience_cost = 0.1;
    let mut quitter =
        actor("red", 1, 0, params(n - 1), PolicyKind::Threshold { target: 0, concede_at: None, concede_prob: 1.0 }, n);
    quitter.params.can_concede = true;
    quitter.params.audience_cost = 0.0;
    let scenario = two_camps(dove, quitter, vec![], 5);
    let record = Simulator::new(&scenario).run(1, 0);
    // Blue steps 3 → 2 (one public rung abandoned, 0.1), then red concedes in the same turn.
    assert_eq!((record.outcome, record.conceded, record.turns), (Outcome::Concession, Some(1), 1));
    assert!((record.audience_costs - 0.1).abs() < 1e-12);
}

/// In simultaneous play both decide on the same state. Blue (dove) steps down from 1 to 0
/// while red (tit-for-tat, at 0) steps toward blue's old rung 1: no settlement until turn 2.
/// In sequential play red sees blue already at 0, holds, and the crisis settles in turn 1.
#[test]
fn simultaneous_moves_decide_on_the_same_state() {
    let n = 6;
    let blue = actor("blue", 0, 1, params(n - 1), PolicyKind::Dove, n);
    let red = actor("red", 1, 0, params(n - 1), PolicyKind::TitForTat, n);
    let mut scenario = two_camps(blue, red, vec![], 10);
    scenario.rules.settle_after_quiet_turns = 0;
    scenario.rules.settle_at_or_below = 0;
    scenario.rules.turn_order = brink_engine::TurnOrder::Simultaneous;
    let record = Simulator::new(&scenario).run(1, 0);
    assert_eq!((record.outcome, record.turns), (Outcome::Settlement, 2));
    scenario.rules.turn_order = brink_engine::TurnOrder::Sequential;
    let record = Simulator::new(&scenario).run(1, 0);
    assert_eq!((record.outcome, record.turns), (Outcome::Settlement, 1));
}

/// Level-k: level 0 holds, and level 1 is the logit expected-utility rule, on any state.
#[test]
fn level_one_is_logit_and_level_zero_holds() {
    use brink_engine::policy::{LevelK, LogitEu, Policy};
    use brink_engine::utility::Action;
    let scenario = two_actor_ladder(0.01);
    let mut simulator = Simulator::new(&scenario);
    for run in 0..40 {
        simulator.run(5, run);
        for actor in 0..2 {
            let view = simulator.decision_view(actor);
            for k in 0..20 {
                let u = (k as f64 + 0.5) / 20.0;
                assert_eq!(LevelK { level: 1 }.decide(&view, u), LogitEu.decide(&view, u));
                assert_eq!(LevelK { level: 0 }.decide(&view, u), Action::MoveTo(view.own_rung()));
            }
        }
    }
}

/// A best-responding actor facing certain, immediate answers and no advantage in escalating
/// holds; with a pure stake and no possible answer, it climbs.
#[test]
fn best_response_weighs_the_believed_answer() {
    use brink_engine::policy::{LogitEu, Policy};
    use brink_engine::utility::Action;
    let n = 6;
    let mut blue = actor("blue", 0, 0, params(n - 1), PolicyKind::LogitEu, n);
    blue.params.max_rung = 4;
    let mut red = actor("red", 1, 0, params(n - 1), PolicyKind::Hold, n);
    // Red answers any step for sure: blue gains v/span but red matches it at once, and costs rise.
    red.red_line = RedLinePrior::at(1, n);
    red.params.response_prob = 1.0;
    let mut scenario = two_camps(blue.clone(), red.clone(), vec![], 1);
    let rungs: Vec<_> = scenario
        .ladder
        .rungs()
        .iter()
        .cloned()
        .enumerate()
        .map(|(i, mut r)| {
            r.cost = vec![0.01 * i as f64; 2];
            r
        })
        .collect();
    scenario.ladder = Ladder::new(rungs, 2).unwrap();
    let simulator = Simulator::new(&scenario);
    assert_eq!(
        LogitEu.decide(&simulator.decision_view(0), 0.5),
        Action::MoveTo(0),
        "a sure, matching answer only adds cost"
    );
    // No red line: the step is unanswered and the advantage (1/5 of the stake) exceeds its cost.
    red.red_line = RedLinePrior::never(n);
    let mut scenario = two_camps(blue, red, vec![], 1);
    scenario.ladder = Ladder::new(
        scenario
            .ladder
            .rungs()
            .iter()
            .cloned()
            .enumerate()
            .map(|(i, mut r)| {
                r.cost = vec![0.01 * i as f64; 2];
                r
            })
            .collect(),
        2,
    )
    .unwrap();
    let simulator = Simulator::new(&scenario);
    assert_eq!(LogitEu.decide(&simulator.decision_view(0), 0.5), Action::MoveTo(1));
}

/// Occupancy rows count the runs still in the crisis at each turn.
#[test]
fn occupancy_counts_the_runs_alive_at_each_turn() {
    let scenario = two_actor_ladder(0.02);
    let summary = run_many(&scenario, &RunConfig { runs: 5_000, seed: 8, threads: Some(2) }, &mut ()).unwrap();
    for turn in 1..=scenario.rules.max_turns {
        let alive: u64 = (0..scenario.ladder.len()).map(|r| summary.occupancy_at(turn, r)).sum();
        assert_eq!(alive, summary.surviving_after(turn - 1), "turn {turn}");
    }
    assert_eq!(summary.surviving_after(scenario.rules.max_turns), 0);
}

struct Outcomes(Vec<bool>);

impl brink_engine::RunSink for Outcomes {
    fn wants_records(&self) -> bool {
        true
    }
    fn record(&mut self, record: &brink_engine::RunRecord) {
        self.0.push(record.outcome == Outcome::NuclearUse);
    }
}

/// Common random numbers: comparing two policies on the same streams gives far fewer
/// discordant runs — a smaller variance of the paired difference — than on independent streams.
#[test]
fn common_random_numbers_shrink_the_variance_of_a_paired_difference() {
    use brink_engine::analysis::paired::PairedCounts;
    let base = two_actor_ladder(0.02);
    let mut variant = base.clone();
    for actor in &mut variant.actors {
        actor.params.response_prob = 0.55;
    }
    let runs = 20_000;
    let outcomes = |scenario: &Scenario, seed| {
        let mut sink = Outcomes(Vec::new());
        run_many(scenario, &RunConfig { runs, seed, threads: None }, &mut sink).unwrap();
        sink.0
    };
    let a = outcomes(&base, 1);
    let variance = |b: &[bool]| {
        let mut counts = PairedCounts::default();
        a.iter().zip(b).for_each(|(&x, &y)| counts.add(x, y));
        let n = runs as f64;
        let (p10, p01) = (counts.only_a as f64 / n, counts.only_b as f64 / n);
        // Var of the per-run difference d = x − y.
        p10 + p01 - (p10 - p01).powi(2)
    };
    let common = variance(&outcomes(&variant, 1));
    let independent = variance(&outcomes(&variant, 2));
    // Each is (almost) a proportion of discordant runs: its standard error is √(v/n).
    let standard_error = (independent / runs as f64).sqrt();
    assert!(
        common < independent - 5.0 * standard_error,
        "CRN {common} vs independent {independent} ± {standard_error}"
    );
    eprintln!("discordance: CRN {common:.5}, independent {independent:.5}");
}

/// Memoized utilities change nothing: every run is identical with the cache on and off, on a
/// scenario with events that change parameters mid-run.
#[test]
fn the_utility_cache_is_exact() {
    use brink_engine::{Event, EventKind, Param};
    let mut scenario = two_actor_ladder(0.01);
    scenario.events = vec![
        Event { turn: 3, prob: 0.5, kind: EventKind::Set { param: Param::ResponseProb(1), value: 0.9 } },
        Event { turn: 4, prob: 0.5, kind: EventKind::Set { param: Param::Stake(0), value: 2.0 } },
    ];
    for actor in &mut scenario.actors {
        actor.params.reputation_weight = 0.5;
        actor.params.audience_cost = 0.2;
        actor.params.lookahead = 2;
    }
    let mut cached = Simulator::new(&scenario);
    let mut plain = Simulator::new(&scenario);
    plain.disable_utility_cache();
    for run in 0..3_000 {
        assert_eq!(cached.run(12, run), plain.run(12, run), "run {run}");
    }
}

/// A sink that asks to stop once it has seen any progress.
struct StopAfterFirstBatch {
    seen: u64,
}

impl brink_engine::RunSink for StopAfterFirstBatch {
    fn progress(&mut self, done: u64) {
        self.seen = done;
    }
    fn cancelled(&mut self) -> bool {
        self.seen > 0
    }
}

#[test]
fn a_cancelling_sink_stops_the_runner_after_the_batch_it_saw() {
    let scenario = brink_engine::testing::two_actor_ladder(0.01);
    let config = brink_engine::RunConfig { runs: 1_000_000, seed: 3, threads: Some(2) };
    let mut sink = StopAfterFirstBatch { seen: 0 };
    match brink_engine::run_many(&scenario, &config, &mut sink) {
        Err(brink_engine::RunError::Cancelled { done }) => {
            // One batch is 4 chunks per thread; the runner stops before the next is delivered.
            assert_eq!(done, sink.seen);
            assert_eq!(done, 2 * 4 * brink_engine::runner::CHUNK_RUNS);
        }
        other => panic!("expected a cancellation, got {other:?}"),
    }
}

/// A record far less likely than the smallest double: two random walkers (up or down with
/// probability 1/2 each, so a walker at the bottom stays there with probability 1/2) observed
/// at the bottom for 600 turns. ln L = 600 ln(1/4) exactly; the likelihood itself underflows,
/// its logarithm must not, and the record is possible.
#[test]
fn a_long_unlikely_record_keeps_its_log_likelihood() {
    use brink_engine::likelihood::{Observed, ObservedTurn, Settings, likelihood};
    let rungs = 4;
    let walker = PolicyKind::RandomWalk { up: 0.5, down: 0.5 };
    let scenario = Scenario::new(
        "walkers".into(),
        Ladder::new(plain_rungs(rungs, 2), 2).unwrap(),
        vec!["x".into(), "y".into()],
        vec![
            actor("a", 0, 0, params(rungs - 1), walker.clone(), rungs),
            actor("b", 1, 0, params(rungs - 1), walker, rungs),
        ],
        vec![],
        rules(2, 600, rungs - 1),
    )
    .unwrap();
    let result_turns = || (1..=600).map(|turn| ObservedTurn { turn, rungs: vec![0, 0] }).collect();
    let result = likelihood(&scenario, &Observed { turns: result_turns(), end: None }, &Settings::EXACT).unwrap();
    assert_eq!(result.impossible_at_turn, None);
    let exact = 600.0 * 0.25f64.ln();
    assert!((result.log_likelihood - exact).abs() < 1e-9 * exact.abs(), "{} vs {exact}", result.log_likelihood);
    assert_eq!(result.likelihood, 0.0, "e^{exact} underflows");
    let sum: f64 = result.per_turn.iter().map(|(_, l)| l).sum();
    assert!((sum - exact).abs() < 1e-9 * exact.abs());
    // Nothing to drop here: the default settings give the same, with a bound of 0.
    let fast = likelihood(&scenario, &Observed { turns: result_turns(), end: None }, &Settings::default()).unwrap();
    assert_eq!((fast.log_likelihood, fast.error_bound), (result.log_likelihood, 0.0));
}
