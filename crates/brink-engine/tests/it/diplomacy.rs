//! Signals, mediation and back channels (docs/MODEL.md §16) against closed forms: Bayes'
//! rule on what each type declares, Fearon's (1997) tying hands, the deception measure's
//! expectation, and exact invariants. Monte Carlo checks use a fixed seed and a 4σ tolerance.

use brink_engine::testing::{actor, params, plain_rungs, rules, two_actor_ladder};
use brink_engine::{
    AnswerMode, BackChannel, Declaration, Event, EventKind, Ladder, Mediation, PolicyKind, RedLinePrior, RunRecord,
    Scenario, Signal, SignalKind, Simulator,
};

const SEED: u64 = 20261206;

fn rebuild(s: Scenario) -> Scenario {
    Scenario::new(s.name, s.ladder, s.camps, s.actors, s.events, s.rules).unwrap()
}

fn signal(kind: SignalKind, declare: Declaration, bluff: f64, cost: f64) -> Signal {
    Signal { kind, declare, bluff, bluff_rung: 1, cost, turn: 1 }
}

/// |estimate − exact| within 4 binomial standard errors of `n` runs.
fn assert_share(what: &str, count: u64, n: u64, exact: f64) {
    let p = count as f64 / n as f64;
    let tolerance = 4.0 * (exact * (1.0 - exact) / n as f64).sqrt();
    assert!((p - exact).abs() <= tolerance, "{what}: {p}, exact {exact}, tolerance {tolerance}");
}

/// Blue (actor 0) and red (actor 1) hold on rung 0 of a 6-rung ladder (the top nuclear); red's
/// red line is uniform on rungs 1–4 and it answers a crossing of it surely. Blue is forced to
/// `crossing` at the start of turn 2 when given.
fn holders(crossing: Option<usize>, max_turns: u32) -> Scenario {
    let n = 6;
    let ladder = Ladder::new(plain_rungs(n, 2), 2).unwrap();
    let mut blue = actor("blue", 0, 0, params(n - 1), PolicyKind::Hold, n);
    let mut red = actor("red", 1, 0, params(n - 1), PolicyKind::Hold, n);
    let uniform = RedLinePrior::new(vec![0.0, 0.25, 0.25, 0.25, 0.25, 0.0, 0.0]).unwrap();
    blue.red_line = uniform.clone();
    red.red_line = uniform;
    red.params.response_prob = 1.0;
    let events = crossing
        .map(|rung| vec![Event { turn: 2, prob: 1.0, kind: EventKind::Force { actor: 0, rung } }])
        .unwrap_or_default();
    Scenario::new(
        "holders".into(),
        ladder,
        vec!["x".into(), "y".into()],
        vec![blue, red],
        events,
        rules(2, max_turns, n - 1),
    )
    .unwrap()
}

/// Bayes' rule on what each type would declare (docs/MODEL.md §16): red declares an answer at
/// rung 2, which every type with red line ≤ 2 does and every other type does with probability
/// p = 0.3. Blue's belief (uniform on 1–4) becomes (1, 1, p, p)/(2 + 2p) after a declaration
/// and (0, 0, ½, ½) after silence; declarations come at P(ρ ≤ 2) + p·P(ρ > 2) = 0.65.
#[test]
fn a_declaration_is_read_by_bayes_rule_on_what_each_type_declares() {
    let p = 0.3;
    let mut s = holders(None, 1);
    s.actors[1].signal = Some(signal(SignalKind::Costly, Declaration::Rung(2), p, 1.0));
    let scenario = rebuild(s);
    let mut simulator = Simulator::new(&scenario);
    let runs = 20_000u64;
    let mut declared = 0u64;
    let after_declaration =
        [0.0, 1.0 / (2.0 + 2.0 * p), 1.0 / (2.0 + 2.0 * p), p / (2.0 + 2.0 * p), p / (2.0 + 2.0 * p)];
    let after_silence = [0.0, 0.0, 0.0, 0.5, 0.5];
    for run in 0..runs {
        let (record, story) = simulator.tell(SEED, run);
        let belief = &simulator.beliefs().about(0, 1)[..5];
        let red_line = story.true_red_lines[1];
        let sent = story.turns[0].signals[0];
        assert_eq!(u64::from(record.signals_sent), u64::from(sent.declared.is_some()));
        let expected = if sent.declared.is_some() { &after_declaration } else { &after_silence };
        for (b, e) in belief.iter().zip(expected) {
            assert!((b - e).abs() < 1e-12, "run {run}: belief {belief:?}, expected {expected:?}");
        }
        // Only a type that would not answer at rung 2 can bluff.
        assert_eq!(sent.bluff, sent.declared.is_some() && red_line > 2, "run {run}");
        declared += u64::from(sent.declared.is_some());
    }
    assert_share("declarations", declared, runs, 0.5 + 0.5 * p);
}

/// A perfectly informative costly signal (each type declares its true red line, no bluff)
/// makes blue's belief about red's red line the truth, and it stays the truth whatever follows;
/// blue then never takes a step it judged safe that red answers. Without the signal, blue,
/// a logit climber on the common prior, miscalculates in many runs.
#[test]
fn a_perfectly_informative_costly_signal_reveals_the_red_line_and_ends_miscalculation() {
    let base = two_actor_ladder(0.0);
    let mut s = base.clone();
    s.actors[1].params.response_prob = 1.0;
    let without = rebuild(s.clone());
    s.actors[1].signal = Some(signal(SignalKind::Costly, Declaration::RedLine, 0.0, 1.0));
    let with = rebuild(s);
    let blue_miscalculations = |scenario: &Scenario, check_belief: bool| {
        let mut simulator = Simulator::new(scenario);
        simulator.set_record_paths(true);
        let mut count = 0u64;
        for run in 0..3_000 {
            let (record, story) = simulator.tell(SEED, run);
            count += record.path.iter().filter(|step| step.actor == 0 && step.miscalculation).count() as u64;
            if check_belief {
                let truth = story.true_red_lines[1];
                assert_eq!(simulator.beliefs().about(0, 1)[truth], 1.0, "run {run}: the belief is the truth");
                assert_eq!(story.turns[0].signals[0].declared, Some(truth), "run {run}: red declared its red line");
            }
        }
        count
    };
    assert!(blue_miscalculations(&without, false) > 100, "without a signal blue miscalculates");
    assert_eq!(blue_miscalculations(&with, true), 0);
}

/// Fearon (1997), tying hands, one shot: a defender whose value of fighting is w ~ U[−1, 1]
/// fights a challenge iff w ≥ −a after a public commitment with audience cost a, so
/// P(fight | challenged) = (1 + a)/2 (research note escalation-models §1.5). Here red answers by
/// decision (λ = ∞) a crossing of its red line at rung 2, and a costly declaration of an answer
/// at rung 2 adds its cost c to the advantage of answering (docs/MODEL.md §16). Red's answer
/// advantage is set to each w of a fine grid over [−1, 1] through its answer cost; the share of
/// the grid that answers is (1 + c)/2 with the declaration and ½ without.
#[test]
fn a_costly_declaration_ties_hands_as_fearon_1997() {
    let cost = 0.3;
    let scenario_with = |answer_cost: f64, declared: bool| {
        let mut s = holders(Some(2), 2);
        let red = &mut s.actors[1];
        red.red_line = RedLinePrior::new(vec![0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0]).unwrap();
        red.params.answer = AnswerMode::Decision;
        red.params.rationality = f64::INFINITY;
        red.params.reputation_weight = 0.0;
        red.params.audience_cost = 2.0;
        red.params.answer_cost = answer_cost;
        if declared {
            red.signal = Some(signal(SignalKind::Costly, Declaration::Rung(2), 0.0, cost));
        }
        rebuild(s)
    };
    let answers = |answer_cost: f64, declared: bool| {
        let scenario = scenario_with(answer_cost, declared);
        let record = Simulator::new(&scenario).run(SEED, 0);
        assert_eq!(record.red_lines_crossed, 1);
        record.responses == 1
    };
    // The answer cost at which red is indifferent without a declaration: its advantage at k = 0.
    let (mut low, mut high) = (0.0, 20.0);
    assert!(answers(low, false) && !answers(high, false));
    for _ in 0..80 {
        let mid = 0.5 * (low + high);
        if answers(mid, false) { low = mid } else { high = mid }
    }
    let advantage = 0.5 * (low + high);
    assert!(advantage > 1.0, "the grid needs answer costs ≥ 0: advantage {advantage}");
    let grid = 1000;
    let share = |declared: bool| {
        let count = (0..grid)
            .filter(|&i| {
                let w = -1.0 + (i as f64 + 0.5) * 2.0 / grid as f64;
                answers(advantage - w, declared)
            })
            .count();
        count as f64 / grid as f64
    };
    assert!((share(false) - 0.5).abs() <= 1.0 / grid as f64, "without: {}", share(false));
    assert!((share(true) - (1.0 + cost) / 2.0).abs() <= 1.0 / grid as f64, "with: {}", share(true));
}

/// Cheap talk with the default strategy (every type declares the same: babbling, Crawford &
/// Sobel 1982) carries no information: every run is the same as without the signal but for
/// the signal counts.
#[test]
fn cheap_talk_by_default_changes_nothing() {
    let base = two_actor_ladder(0.02);
    let mut s = base.clone();
    s.actors[1].signal =
        Some(Signal { bluff: 1.0, cost: 0.0, ..signal(SignalKind::Cheap, Declaration::RedLine, 1.0, 0.0) });
    let cheap = rebuild(s);
    let mut plain = Simulator::new(&base);
    let mut talking = Simulator::new(&cheap);
    let mut sent = 0;
    for run in 0..2_000 {
        let expected = plain.run(SEED, run);
        let mut got = talking.run(SEED, run);
        sent += got.signals_sent;
        (got.signals_sent, got.signals_honoured, got.signals_contradicted) = (0, 0, 0);
        assert_eq!(got, expected, "run {run}");
    }
    assert_eq!(sent, 2_000);
}

/// The deception measure's expectation: red declares an answer at rung 3 (types above bluff
/// with p), blue is forced from 0 to 3 at turn 2, and red answers a crossing of its red line ρ
/// with s per rung crossed at or above it. A declaration is contradicted when no answer comes:
/// P(declared, silent) = Σ_{ρ ≤ 3} π(ρ)(1 − s)^{4 − ρ} + p·P(ρ > 3), out of P(declared) =
/// P(ρ ≤ 3) + p·P(ρ > 3).
#[test]
fn the_deception_measure_counts_declarations_contradicted_by_silence() {
    let (p, s_answer) = (0.4, 0.5);
    let mut s = holders(Some(3), 2);
    s.actors[1].params.response_prob = s_answer;
    s.actors[1].signal = Some(signal(SignalKind::Costly, Declaration::Rung(3), p, 0.7));
    let scenario = rebuild(s);
    let mut simulator = Simulator::new(&scenario);
    let runs = 40_000u64;
    let (mut sent, mut honoured, mut contradicted) = (0u64, 0u64, 0u64);
    for run in 0..runs {
        let record: RunRecord = simulator.run(SEED, run);
        sent += u64::from(record.signals_sent);
        honoured += u64::from(record.signals_honoured);
        contradicted += u64::from(record.signals_contradicted);
        // A contradicted declaration costs its cost (nothing else costs here).
        assert!((record.audience_costs - 0.7 * f64::from(record.signals_contradicted)).abs() < 1e-12);
    }
    assert_eq!(honoured + contradicted, sent, "blue's jump to rung 3 tests every declaration");
    let silent: f64 = (1..=3).map(|rho| 0.25 * (1.0 - s_answer).powi(4 - rho)).sum::<f64>() + p * 0.25;
    let declared = 0.75 + p * 0.25;
    assert_share("declarations", sent, runs, declared);
    assert_share("contradicted declarations", contradicted, runs, silent);
}

/// A mediator that passes red lines truly (share 1) reveals them at the start of its first
/// turn; one that passes nothing (share 0) and leaves audience costs alone (factor 1) changes
/// no run at all; its audience-cost factor scales what stepping down costs.
#[test]
fn a_mediator_reveals_red_lines_and_scales_audience_costs() {
    let base = two_actor_ladder(0.02);
    let mut s = base.clone();
    s.rules.mediation = Some(Mediation { audience_cost_factor: 1.0, share: 1.0, turns: 0 });
    let revealing = rebuild(s.clone());
    let mut simulator = Simulator::new(&revealing);
    for run in 0..500 {
        let (_, story) = simulator.tell(SEED, run);
        for (holder, about) in [(0, 1), (1, 0)] {
            assert_eq!(simulator.beliefs().about(holder, about)[story.true_red_lines[about]], 1.0, "run {run}");
        }
    }
    s.rules.mediation = Some(Mediation { audience_cost_factor: 1.0, share: 0.0, turns: 0 });
    let silent = rebuild(s.clone());
    let (mut plain, mut mediated) = (Simulator::new(&base), Simulator::new(&silent));
    for run in 0..1_000 {
        assert_eq!(mediated.run(SEED, run), plain.run(SEED, run), "run {run}");
    }
    // A dove steps down from a public rung every turn: what it pays is halved exactly.
    let mut doves = holders(None, 4);
    doves.actors[0].start = 4;
    doves.actors[0].policy = PolicyKind::Dove;
    doves.actors[0].params.audience_cost = 0.3;
    doves.ladder = Ladder::new(
        plain_rungs(6, 2)
            .into_iter()
            .map(|mut r| {
                r.public = true;
                r
            })
            .collect(),
        2,
    )
    .unwrap();
    let doves = rebuild(doves);
    let paid = Simulator::new(&doves).run(SEED, 0).audience_costs;
    let mut halved = doves.clone();
    halved.rules.mediation = Some(Mediation { audience_cost_factor: 0.5, share: 0.0, turns: 2 });
    let halved = rebuild(halved);
    let paid_halved = Simulator::new(&halved).run(SEED, 0).audience_costs;
    assert!(paid > 0.0);
    // Steps down in turns 1–2 at half the cost, turns 3–4 at the full cost: 4 → 3 → 2 → 1 → 0.
    assert!((paid_halved - 0.3 * (0.5 + 0.5 + 1.0 + 1.0)).abs() < 1e-12, "{paid_halved} vs {paid}");
}

/// Through an open back channel a declaration is private: contradicting it costs nothing.
#[test]
fn a_back_channel_makes_declarations_free() {
    let mut s = holders(Some(3), 2);
    s.actors[1].params.response_prob = 0.5;
    s.actors[1].signal = Some(signal(SignalKind::Costly, Declaration::Rung(3), 0.4, 0.7));
    let public = rebuild(s.clone());
    s.events.push(Event {
        turn: 1,
        prob: 1.0,
        kind: EventKind::BackChannel(BackChannel { audience_cost_factor: 1.0, turns: 0 }),
    });
    let private = rebuild(s);
    let (mut a, mut b) = (Simulator::new(&public), Simulator::new(&private));
    let mut contradicted = 0;
    for run in 0..2_000 {
        let (x, y) = (a.run(SEED, run), b.run(SEED, run));
        assert_eq!((x.signals_sent, x.signals_contradicted), (y.signals_sent, y.signals_contradicted));
        contradicted += x.signals_contradicted;
        assert_eq!(y.audience_costs, 0.0, "run {run}");
        assert!((x.audience_costs - 0.7 * f64::from(x.signals_contradicted)).abs() < 1e-12);
    }
    assert!(contradicted > 100);
}

/// A back channel open for two turns makes a declaration an event sends at turn 2 private, and
/// one at turn 3 public again (the channel closes before the turn's events): contradicting the
/// first costs nothing, the second its cost.
#[test]
fn a_back_channel_closes_when_its_turns_are_up() {
    let paid = |signal_turn: u32| {
        let mut s = holders(None, 5);
        s.events.push(Event { turn: 4, prob: 1.0, kind: EventKind::Force { actor: 0, rung: 3 } });
        s.actors[1].params.response_prob = 0.0;
        let declared = signal(SignalKind::Costly, Declaration::Rung(3), 1.0, 0.7);
        s.events.push(Event {
            turn: signal_turn,
            prob: 1.0,
            kind: EventKind::Signal { actor: 1, signal: Some(declared) },
        });
        s.rules.back_channel = Some(BackChannel { audience_cost_factor: 1.0, turns: 2 });
        let record = Simulator::new(&rebuild(s)).run(SEED, 0);
        assert_eq!((record.signals_sent, record.signals_contradicted), (1, 1));
        record.audience_costs
    };
    assert_eq!(paid(2), 0.0);
    assert_eq!(paid(3), 0.7);
}

/// The exact likelihood sums over what the record does not show — which types bluffed, what
/// the mediator reported — and equals the Monte Carlo frequency of every record: a hawk
/// climbs against a tit-for-tat that signals its red line with bluffs, under a mediator.
#[test]
fn the_exact_likelihood_with_signals_and_mediation_matches_the_frequency_of_records() {
    let n = 6;
    let ladder = Ladder::new(plain_rungs(n, 2), 2).unwrap();
    let uniform = RedLinePrior::new(vec![0.0, 0.25, 0.25, 0.25, 0.25, 0.0, 0.0]).unwrap();
    let mut blue = actor("blue", 0, 0, params(n - 1), PolicyKind::LogitEu, n);
    let mut red = actor("red", 1, 0, params(n - 1), PolicyKind::TitForTat, n);
    blue.params.rationality = 3.0;
    blue.red_line = uniform.clone();
    red.red_line = uniform;
    red.params.response_prob = 0.6;
    red.signal = Some(signal(SignalKind::Costly, Declaration::RedLine, 0.3, 0.5));
    let mut r = rules(2, 3, n - 1);
    r.mediation = Some(Mediation { audience_cost_factor: 0.5, share: 0.4, turns: 2 });
    let scenario =
        Scenario::new("talks".into(), ladder, vec!["x".into(), "y".into()], vec![blue, red], Vec::new(), r).unwrap();
    let (records, total) = crate::mechanisms::records_match_their_likelihoods(&scenario, 20_000, 20);
    assert!(records >= 3, "several records are possible: {records}");
    assert!(total <= 1.0 + 1e-9 && total > 0.95, "the records seen carry nearly all the probability: {total}");
}
