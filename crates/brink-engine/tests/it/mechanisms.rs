//! False alarms, fog of war, circuit breakers and treaty caps (docs/MODEL.md §14–15) against
//! closed forms: the geometric law of a per-turn hazard, and exact bounds that must hold in
//! every run. Monte Carlo checks use a fixed seed and a 4σ tolerance.

use brink_engine::likelihood::{Observed, ObservedTurn, Settings, likelihood};
use brink_engine::testing::{actor, params, plain_rungs, rules};
use brink_engine::{
    Cause, CircuitBreaker, Event, EventKind, Ladder, Outcome, PolicyKind, RunConfig, Scenario, Simulator, StepCause,
    Treaty, Warning, run_many,
};

const SEED: u64 = 20261206;

/// Two actors of two camps on `rungs` plain rungs (the top one nuclear), with the given rules,
/// starts and policies.
fn duel(rungs: Vec<brink_engine::Rung>, starts: [usize; 2], policies: [PolicyKind; 2], max_turns: u32) -> Scenario {
    let n = rungs.len();
    let ladder = Ladder::new(rungs, 2).unwrap();
    let [p0, p1] = policies;
    let actors =
        vec![actor("red", 0, starts[0], params(n - 1), p0, n), actor("blue", 1, starts[1], params(n - 1), p1, n)];
    Scenario::new(
        "mechanisms".into(),
        ladder,
        vec!["x".into(), "y".into()],
        actors,
        Vec::new(),
        rules(2, max_turns, n - 1),
    )
    .unwrap()
}

fn rebuild(s: Scenario) -> Scenario {
    Scenario::new(s.name, s.ladder, s.camps, s.actors, s.events, s.rules).unwrap()
}

/// |estimate − exact| within 4 binomial standard errors of `n` runs.
fn assert_share(what: &str, count: u64, n: u64, exact: f64) {
    let p = count as f64 / n as f64;
    let tolerance = 4.0 * (exact * (1.0 - exact) / n as f64).sqrt();
    assert!((p - exact).abs() <= tolerance, "{what}: {p}, exact {exact}, tolerance {tolerance}");
}

/// Nothing can happen but false alarms: two actors hold on rung 2 of 6 (no accidents, hazards
/// or red lines), red's warning raises alarms at rate f from rung 2 and launches on w of them.
fn false_alarms_alone(f: f64, w: f64, from_rung: usize, max_turns: u32) -> Scenario {
    let mut s = duel(plain_rungs(6, 2), [2, 2], [PolicyKind::Hold, PolicyKind::Hold], max_turns);
    s.actors[0].warning = Some(Warning { false_alarm_rate: f, from_rung, launch_on_warning: w });
    rebuild(s)
}

/// P(nuclear use by turn t) = 1 − (1 − f·w)^t for every t ≤ T (Blair 1993's per-alert risk,
/// compounded), every use caused by a false alarm of red's, on the first nuclear rung.
#[test]
fn false_alarms_alone_compound_geometrically() {
    let (f, w, turns, runs) = (0.05, 0.4, 20u32, 40_000u64);
    let scenario = false_alarms_alone(f, w, 2, turns);
    let mut by_turn = vec![0u64; turns as usize + 1];
    let mut simulator = Simulator::new(&scenario);
    let mut alarms = 0u64;
    for run in 0..runs {
        let record = simulator.run(SEED, run);
        alarms += u64::from(record.false_alarms);
        if let Some(nuclear) = record.nuclear {
            assert_eq!(nuclear.cause, Cause::FalseAlarm);
            assert_eq!(nuclear.actor, Some(0));
            assert_eq!(nuclear.rung, 5);
            assert_eq!(record.outcome, Outcome::NuclearUse);
            by_turn[nuclear.turn as usize] += 1;
        }
    }
    let mut cumulative = 0;
    for t in 1..=turns {
        cumulative += by_turn[t as usize];
        let exact = 1.0 - (1.0 - f * w).powi(t as i32);
        assert_share(&format!("P(nuclear by turn {t})"), cumulative, runs, exact);
    }
    // Alarms come at rate f per turn played: E[turns played] = Σ_{t<T} (1 − f·w)^t.
    let expected_turns: f64 = (0..turns).map(|t| (1.0 - f * w).powi(t as i32)).sum();
    let mean_alarms = alarms as f64 / runs as f64;
    assert!((mean_alarms - f * expected_turns).abs() < 0.02 * f * expected_turns, "{mean_alarms}");
    // The runner's summary counts them under their own cause.
    let summary = run_many(&scenario, &RunConfig { runs: 2_000, seed: SEED, threads: None }, &mut ()).unwrap();
    let index = Cause::ALL.iter().position(|&c| c == Cause::FalseAlarm).unwrap();
    assert_eq!(summary.nuclear_causes[index], summary.outcomes[0]);
    assert!(summary.outcomes[0] > 0);
}

/// Below its alert rung an actor's warning raises no alarm.
#[test]
fn no_false_alarm_below_the_alert_rung() {
    let scenario = false_alarms_alone(0.5, 1.0, 3, 30);
    let summary = run_many(&scenario, &RunConfig { runs: 2_000, seed: SEED, threads: None }, &mut ()).unwrap();
    assert_eq!(summary.outcomes[0], 0);
}

/// The exact likelihood of "held for k − 1 turns, then nuclear use at turn k" is
/// (1 − f·w)^(k−1)·f·w.
#[test]
fn the_exact_likelihood_of_a_false_alarm_is_geometric() {
    let (f, w, k) = (0.05, 0.4, 7u32);
    let scenario = false_alarms_alone(f, w, 2, 20);
    let turns = (1..k).map(|turn| ObservedTurn { turn, rungs: vec![2, 2] }).collect();
    let observed = Observed { turns, end: Some((Outcome::NuclearUse, k)) };
    let result = likelihood(&scenario, &observed, &Settings::EXACT).unwrap();
    let exact = (1.0 - f * w).powi(k as i32 - 1) * f * w;
    assert!((result.likelihood - exact).abs() < 1e-12, "{} vs {exact}", result.likelihood);
}

/// Two hawks climb one rung a turn towards the nuclear top (rung 5). A circuit breaker at the
/// nuclear-threshold rung 4 with a pause of 3 turns trips when red reaches 4 at turn 4: blue
/// stays on 3 that turn, neither steps up in turns 5–7, and red's deliberate use comes at
/// turn 8 instead of 5.
#[test]
fn a_circuit_breaker_pauses_every_step_up() {
    let hawks = [PolicyKind::Hawk, PolicyKind::Hawk];
    let free = duel(plain_rungs(6, 2), [0, 0], hawks.clone(), 20);
    let record = Simulator::new(&free).run(SEED, 0);
    assert_eq!(record.nuclear.map(|n| (n.turn, n.cause)), Some((5, Cause::Deliberate)));

    let mut s = duel(plain_rungs(6, 2), [0, 0], hawks, 20);
    s.rules.circuit_breaker = Some(CircuitBreaker { at_rung: 4, pause_turns: 3 });
    let paused = rebuild(s);
    let mut simulator = Simulator::new(&paused);
    simulator.set_record_trajectories(true);
    let record = simulator.run(SEED, 0);
    assert_eq!(record.nuclear.map(|n| (n.turn, n.cause, n.actor)), Some((8, Cause::Deliberate, Some(0))));
    // Rungs (red, blue) at the end of turns 4..=7.
    assert_eq!(&record.trajectory[6..14], &[4, 3, 4, 3, 4, 3, 4, 3]);

    // Armed by a scripted event instead (a policy `brink compare` can weigh): the same run.
    let mut s = duel(plain_rungs(6, 2), [0, 0], [PolicyKind::Hawk, PolicyKind::Hawk], 20);
    let breaker = CircuitBreaker { at_rung: 4, pause_turns: 3 };
    s.events = vec![Event { turn: 2, prob: 1.0, kind: EventKind::CircuitBreaker(breaker) }];
    let by_event = rebuild(s);
    let mut simulator = Simulator::new(&by_event);
    simulator.set_record_trajectories(true);
    assert_eq!(simulator.run(SEED, 0), record);
}

/// Random walkers that climb often, with accidents: during a breaker's pause at the
/// nuclear-threshold rung no step up is deliberate, scripted or a response (accidents may
/// still come); without the breaker such steps come in the same turns.
#[test]
fn no_deliberate_step_up_during_a_pause() {
    let walk = PolicyKind::RandomWalk { up: 0.6, down: 0.1 };
    let mut rungs = plain_rungs(7, 2);
    for rung in &mut rungs[1..6] {
        rung.accident_rate = 0.02;
    }
    let threshold = 4;
    let (pause, runs) = (4u32, 4_000u64);
    let count = |breaker: Option<CircuitBreaker>| {
        let mut s = duel(rungs.clone(), [0, 0], [walk.clone(), walk.clone()], 30);
        s.rules.circuit_breaker = breaker;
        let scenario = rebuild(s);
        let mut simulator = Simulator::new(&scenario);
        simulator.set_record_paths(true);
        let (mut tripped, mut deliberate_in_pause) = (0, 0);
        for run in 0..runs {
            let record = simulator.run(SEED, run);
            let Some(trip) = record.path.iter().find(|s| s.to >= threshold).map(|s| s.turn) else { continue };
            tripped += 1;
            deliberate_in_pause += record
                .path
                .iter()
                .filter(|s| s.turn > trip && s.turn <= trip + pause && s.cause != StepCause::Accident)
                .count();
        }
        (tripped, deliberate_in_pause)
    };
    let (tripped, during) = count(Some(CircuitBreaker { at_rung: threshold, pause_turns: pause }));
    assert!(tripped > 1_000, "the breaker tripped in {tripped} runs");
    assert_eq!(during, 0);
    let (_, unpaused) = count(None);
    assert!(unpaused > 1_000, "without a breaker, {unpaused} steps up in the same window");
}

/// A treaty cap with no breakout holds exactly: random walkers that would climb past it never
/// do (nor do their scripted steps); a treaty switched on by an event holds from its turn on.
#[test]
fn a_treaty_cap_without_breakout_is_never_exceeded() {
    let walk = PolicyKind::RandomWalk { up: 0.7, down: 0.1 };
    let highest = |treaty: Option<Treaty>, events: Vec<Event>| {
        let mut s = duel(plain_rungs(8, 2), [0, 0], [walk.clone(), walk.clone()], 40);
        s.rules.treaty = treaty;
        s.events = events;
        let scenario = rebuild(s);
        let mut simulator = Simulator::new(&scenario);
        simulator.set_record_trajectories(true);
        (0..2_000).map(|run| simulator.run(SEED, run).trajectory.into_iter().max().unwrap_or(0)).max().unwrap()
    };
    let force = Event { turn: 5, prob: 1.0, kind: EventKind::Force { actor: 0, rung: 6 } };
    assert_eq!(highest(None, vec![]), 7, "unconstrained walkers reach the top");
    assert_eq!(highest(Some(Treaty { cap: 3, breakout_prob: 0.0 }), vec![force.clone()]), 3);
    // Switched on at turn 1 by an event: the same bound.
    let treaty = Event { turn: 1, prob: 1.0, kind: EventKind::Treaty(Treaty { cap: 3, breakout_prob: 0.0 }) };
    assert_eq!(highest(None, vec![treaty, force]), 3);
}

/// A hawk standing on the cap steps above it on the turn the treaty breaks down, so that turn
/// is the breakout time T, geometric: P(T > k) = (1 − b)^k, E[T] = 1/b.
#[test]
fn treaty_breakout_comes_after_a_geometric_time() {
    let (b, runs) = (0.1, 20_000u64);
    let mut s = duel(plain_rungs(8, 2), [2, 0], [PolicyKind::Hawk, PolicyKind::Hold], 400);
    s.rules.treaty = Some(Treaty { cap: 2, breakout_prob: b });
    let scenario = rebuild(s);
    let mut simulator = Simulator::new(&scenario);
    simulator.set_record_trajectories(true);
    let mut times = Vec::with_capacity(runs as usize);
    for run in 0..runs {
        let record = simulator.run(SEED, run);
        let t = record.trajectory.chunks(2).position(|r| r[0] > 2).expect("the treaty breaks down") as u32 + 1;
        times.push(t);
    }
    for k in [1u32, 3, 5, 10, 20] {
        let survived = times.iter().filter(|&&t| t > k).count() as u64;
        assert_share(&format!("P(T > {k})"), survived, runs, (1.0 - b).powi(k as i32));
    }
    let mean = times.iter().map(|&t| f64::from(t)).sum::<f64>() / runs as f64;
    let se = ((1.0 - b) / (b * b) / runs as f64).sqrt();
    assert!((mean - 1.0 / b).abs() < 4.0 * se, "mean {mean}, exact {}, se {se}", 1.0 / b);
}

/// Fog of war: red (a hawk) steps from 0 to 1; blue sees rung 2 with probability 0.2 and rung
/// 0 with 0.1 (rung 1's confusion), and the record counts the misreadings.
#[test]
fn misreadings_come_at_the_confusion_rate() {
    let mut rungs = plain_rungs(6, 2);
    rungs[1].confusion = vec![(1, 0.2), (-1, 0.1)];
    let scenario = duel(rungs, [0, 0], [PolicyKind::Hawk, PolicyKind::Hold], 1);
    let mut simulator = Simulator::new(&scenario);
    let runs = 20_000u64;
    let (mut high, mut low, mut counted) = (0u64, 0u64, 0u64);
    for run in 0..runs {
        let record = simulator.run(SEED, run);
        counted += u64::from(record.misreads);
        match simulator.perceived_rung(1, 0) {
            2 => high += 1,
            0 => low += 1,
            seen => assert_eq!(seen, 1),
        }
        // Red, in the other camp from blue, sees blue as it is.
        assert_eq!(simulator.perceived_rung(0, 1), 0);
    }
    assert_share("seen one rung higher", high, runs, 0.2);
    assert_share("seen one rung lower", low, runs, 0.1);
    assert_eq!(counted, high + low);
}

/// An actor acts on what it saw: a tit-for-tat blue, which climbs towards red's rung, climbs
/// only when it saw red climb.
#[test]
fn an_actor_acts_on_the_rung_it_saw() {
    let mut rungs = plain_rungs(6, 2);
    rungs[1].confusion = vec![(-1, 0.5)];
    let mut s = duel(rungs, [0, 0], [PolicyKind::Hawk, PolicyKind::TitForTat], 1);
    s.actors[0].params.max_rung = 1;
    let scenario = rebuild(s);
    let mut simulator = Simulator::new(&scenario);
    simulator.set_record_trajectories(true);
    let (mut climbed, runs) = (0u64, 10_000u64);
    for run in 0..runs {
        let record = simulator.run(SEED, run);
        let saw_climb = simulator.perceived_rung(1, 0) == 1;
        assert_eq!(record.trajectory[1] == 1, saw_climb, "run {run}");
        climbed += u64::from(saw_climb);
    }
    assert_share("blue climbs", climbed, runs, 0.5);
}

/// An actor updates its beliefs on what it saw: red's step crosses blue's red line (rung 1,
/// answered with certainty); red, who gives that red line and "never" even odds, learns it
/// for certain when it sees the answer, and rules it out when fog hides the answer (rung 1
/// misread as 0 with probability 0.4: a silence, to red).
#[test]
fn an_actor_updates_on_the_answer_it_saw() {
    use brink_engine::{BeliefSpec, RedLinePrior};
    let mut rungs = plain_rungs(6, 2);
    rungs[1].confusion = vec![(-1, 0.4)];
    let mut s = duel(rungs, [0, 0], [PolicyKind::Hawk, PolicyKind::Hold], 1);
    s.actors[1].red_line = RedLinePrior::at(1, 6);
    s.actors[1].params.response_prob = 1.0;
    let mut even = vec![0.0; 7];
    even[1] = 0.5;
    even[6] = 0.5;
    let prior = RedLinePrior::new(even).unwrap();
    s.actors[0].beliefs = vec![BeliefSpec { about: 1, prior, bias: 0.0, update_weight: 1.0 }];
    let scenario = rebuild(s);
    let mut simulator = Simulator::new(&scenario);
    let (mut hidden, runs) = (0u64, 10_000u64);
    for run in 0..runs {
        let record = simulator.run(SEED, run);
        assert_eq!(record.responses, 1, "blue answers in every run");
        let belief = simulator.beliefs().about(0, 1).to_vec();
        if simulator.perceived_rung(0, 1) == 0 {
            hidden += 1;
            assert_eq!(belief[6], 1.0, "silence rules the red line at rung 1 out");
        } else {
            assert_eq!(belief[1], 1.0, "an answer seen reveals it");
        }
    }
    assert_share("answers hidden by fog", hidden, runs, 0.4);
}

/// Under fog of war the exact likelihood of a record (which sums over what each actor
/// perceived) equals the Monte Carlo frequency of that record: a hawk climbs, a tit-for-tat
/// follows what it saw of it, and rungs 1 and 2 are misread one lower with probability 0.3.
/// States that differ only in what an actor perceived must not be merged.
#[test]
fn the_exact_likelihood_under_fog_matches_the_frequency_of_records() {
    let mut rungs = plain_rungs(6, 2);
    rungs[1].confusion = vec![(-1, 0.3)];
    rungs[2].confusion = vec![(-1, 0.3)];
    let mut s = duel(rungs, [0, 0], [PolicyKind::Hawk, PolicyKind::TitForTat], 4);
    s.actors[0].params.max_rung = 2;
    let scenario = rebuild(s);
    let (records, total) = records_match_their_likelihoods(&scenario, 20_000, 0);
    assert!(records >= 3, "fog makes several records possible: {records}");
    assert!((total - 1.0).abs() < 1e-9, "the records seen carry all the probability: {total}");
}

/// Simulates `runs` runs of `scenario`, and checks that the Monte Carlo frequency of every
/// record (every actor's rungs turn by turn) seen at least `min_count` times equals its exact
/// likelihood within 4 standard errors. Returns the number of distinct records and the sum of
/// the likelihoods of all of them.
pub(crate) fn records_match_their_likelihoods(scenario: &Scenario, runs: u64, min_count: u64) -> (usize, f64) {
    use std::collections::HashMap;
    let n = scenario.actors.len();
    let mut simulator = Simulator::new(scenario);
    simulator.set_record_trajectories(true);
    let mut counts: HashMap<Vec<u8>, u64> = HashMap::new();
    for run in 0..runs {
        *counts.entry(simulator.run(SEED, run).trajectory).or_default() += 1;
    }
    let mut total = 0.0;
    for (trajectory, &count) in &counts {
        let turns = trajectory
            .chunks(n)
            .enumerate()
            .map(|(t, r)| ObservedTurn { turn: t as u32 + 1, rungs: r.iter().map(|&x| usize::from(x)).collect() })
            .collect();
        let exact = likelihood(scenario, &Observed { turns, end: None }, &Settings::EXACT).unwrap().likelihood;
        total += exact;
        if count >= min_count {
            assert_share(&format!("record {trajectory:?}"), count, runs, exact);
        }
    }
    (counts.len(), total)
}
