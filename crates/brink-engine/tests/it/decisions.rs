//! The decisions of docs/MODEL.md §4 against their closed forms: the answer as a decision
//! (Fearon's audience cost and the credibility at stake), and what a step buys (coercion: the
//! adversary's chance of backing down, weighed against the believed chance of an answer).

use brink_engine::model::{AnswerMode, RedLinePrior, RungId};
use brink_engine::testing::{actor, params, plain_rungs, rules};
use brink_engine::utility::{Action, answer_chance, expected_utilities, yield_prob};
use brink_engine::{ActorParams, BeliefSpec, Ladder, PolicyKind, RunConfig, Scenario, Simulator, run_many};
use proptest::prelude::*;

const RUNGS: usize = 4;
const HAZARD: [f64; RUNGS] = [0.002, 0.01, 0.02, 0.0];
const COST: [[f64; RUNGS]; 2] = [[0.0, 0.05, 0.1, 0.0], [0.0, 0.2, 0.4, 0.0]];

fn sigma(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

/// Two actors on rungs 0..=3 (values 0..=3, rung 3 nuclear, no public rungs, no accidents):
/// `a` in camp 0 and `b` in camp 1, both at rung 0; `a_bias` tilts a's belief about b.
fn duel(a: ActorParams, b: ActorParams, b_red_line: &[f64], policy_a: PolicyKind, a_bias: f64) -> Scenario {
    let mut rungs = plain_rungs(RUNGS, 2);
    for (r, rung) in rungs.iter_mut().enumerate() {
        rung.public = false;
        rung.chance_hazard = HAZARD[r];
        rung.cost = vec![COST[0][r], COST[1][r]];
    }
    let ladder = Ladder::new(rungs, 2).unwrap();
    let prior = RedLinePrior::new(b_red_line.to_vec()).unwrap();
    let mut first = actor("a", 0, 0, a, policy_a, RUNGS);
    first.beliefs = vec![BeliefSpec { about: 1, prior: prior.clone(), bias: a_bias, update_weight: 1.0 }];
    let mut second = actor("b", 1, 0, b, PolicyKind::Hold, RUNGS);
    second.red_line = prior;
    Scenario::new(
        "duel".into(),
        ladder,
        vec!["x".into(), "y".into()],
        vec![first, second],
        vec![],
        rules(2, 1, RUNGS - 1),
    )
    .unwrap()
}

fn rungs(a: RungId, b: RungId) -> [RungId; 8] {
    let mut all = [0; 8];
    all[0] = a;
    all[1] = b;
    all
}

/// B's answer parameters for the answer tests: decision mode, s = 0.9 as the reading rate.
fn answerer(audience_cost: f64, reputation_weight: f64) -> ActorParams {
    ActorParams {
        answer: AnswerMode::Decision,
        response_prob: 0.9,
        answer_cost: 0.5,
        audience_cost,
        reputation_weight,
        rationality: 8.0,
        ..params(RUNGS - 1)
    }
}

/// Red line at rung 1 or never, half and half.
const HALF_AT_ONE: [f64; RUNGS + 1] = [0.0, 0.5, 0.0, 0.0, 0.5];

/// The answer decision's closed form. A's step 0 → 1 crosses B's line at 1 (if it is there).
/// Answering moves B to 1: one turn is worth (1 − h(1))·W·(v(1) − v(0))/span more; credibility:
/// A's belief (½ at 1, ½ never) becomes certain of 1 after an answer (κ⁺ = s) and (0.05, 0.5)/0.55
/// after silence (κ⁻ = s·0.05/0.55), from κ = s·½. So
/// D = (1 − h₁)/3 − k + a + R·(κ⁺ − κ⁻), P(answer) = σ(λ·D).
#[test]
fn the_answer_decision_matches_its_closed_form() {
    let (a, r, k, s, lambda) = (0.1, 0.2, 0.5, 0.9, 8.0);
    let scenario = duel(params(RUNGS - 1), answerer(a, r), &HALF_AT_ONE, PolicyKind::Hawk, 0.0);
    let simulator = Simulator::new(&scenario);
    let view = simulator.decision_view(0);
    let kappa_plus = s;
    let kappa_minus = s * 0.05 / 0.55;
    let d = (1.0 - HAZARD[1]) / 3.0 - k + a + r * (kappa_plus - kappa_minus);
    let expected = sigma(lambda * d);
    let got = answer_chance(&view, 1, &rungs(1, 0), 0, 1);
    assert!((got - expected).abs() < 1e-12, "{got} vs {expected}");
    assert!((expected - 0.678_98).abs() < 1e-4, "the hand value of the inputs: {expected}");
    // Rule mode ignores all of it: the chance is response_prob.
    let rule = duel(
        params(RUNGS - 1),
        ActorParams { answer: AnswerMode::Rule, ..answerer(a, r) },
        &HALF_AT_ONE,
        PolicyKind::Hawk,
        0.0,
    );
    let simulator = Simulator::new(&rule);
    assert_eq!(answer_chance(&simulator.decision_view(0), 1, &rungs(1, 0), 0, 1), s);
}

/// In runs, a crossing is answered as often as the decision says: P(line at 1)·σ(λ·D).
#[test]
fn runs_answer_at_the_decided_rate() {
    let scenario = duel(params(RUNGS - 1), answerer(0.1, 0.2), &HALF_AT_ONE, PolicyKind::Hawk, 0.0);
    let view_chance = answer_chance(&Simulator::new(&scenario).decision_view(0), 1, &rungs(1, 0), 0, 1);
    let runs = 200_000;
    let summary = run_many(&scenario, &RunConfig { runs, seed: 11, threads: None }, &mut ()).unwrap();
    let rate = summary.responses as f64 / runs as f64;
    let expected = 0.5 * view_chance;
    let se = (expected * (1.0 - expected) / runs as f64).sqrt();
    assert!((rate - expected).abs() < 5.0 * se, "{rate} vs {expected} ± {se}");
}

/// Coercion: the adversary's chance of backing down after a step, q = σ(λ_B·(Q_B − U_stay)),
/// with U_stay = h·Z_B + (1 − h)·(W_B·(v(own) − v(threat))/span − c_B + π·W_B + (1 − π)·Q_B)
/// for its lookahead of one turn (two here: the test's second case).
fn coerced(b_red_line: &[f64], a_bias: f64) -> Scenario {
    let a = ActorParams { coercion: true, stake: 1.0, disaster_value: -10.0, rationality: 5.0, ..params(RUNGS - 1) };
    let b = ActorParams {
        can_concede: true,
        stake: 1.0,
        concede_value: -1.0,
        disaster_value: -10.0,
        rationality: 3.0,
        prevail_belief: Some(0.6),
        response_prob: 0.6,
        ..params(RUNGS - 1)
    };
    duel(a, b, b_red_line, PolicyKind::LogitEu, a_bias)
}

/// Step against hold, one adversary, lookahead 1: ΔEU = (q₁ − q₀)·W + (1 − q₁)·B − (1 − q₀)·H
/// with B = p·A + (1 − p)·S (research note coercion-and-answers §1.3), each term written here
/// from the model's definitions.
#[test]
fn a_step_is_valued_by_coercion_and_the_believed_answer() {
    let scenario = coerced(&HALF_AT_ONE, 0.0);
    let simulator = Simulator::new(&scenario);
    let view = simulator.decision_view(0);
    let terminal_b = 0.6 * 1.0 - 0.4 * 1.0; // π·W + (1 − π)·Q
    let stay = |own: f64, threat: f64, joint: usize| {
        HAZARD[joint] * -10.0 + (1.0 - HAZARD[joint]) * ((own - threat) / 3.0 - COST[1][joint] + terminal_b)
    };
    let q0 = sigma(3.0 * (-1.0 - stay(0.0, 0.0, 0)));
    let q1 = sigma(3.0 * (-1.0 - stay(0.0, 1.0, 1)));
    assert!((yield_prob(&view, 1, &rungs(0, 0)) - q0).abs() < 1e-12);
    assert!((yield_prob(&view, 1, &rungs(1, 0)) - q1).abs() < 1e-12);
    // With a lookahead of two turns, holding is worth two turns before the terminal value.
    let mut far = scenario.clone();
    far.actors[1].params.lookahead = 2;
    let far_sim = Simulator::new(&far);
    let turn = |own: f64, threat: f64, joint: usize, next: f64| {
        HAZARD[joint] * -10.0 + (1.0 - HAZARD[joint]) * ((own - threat) / 3.0 - COST[1][joint] + next)
    };
    let stay2 = turn(0.0, 1.0, 1, turn(0.0, 1.0, 1, terminal_b));
    let q1_far = sigma(3.0 * (-1.0 - stay2));
    assert!((yield_prob(&far_sim.decision_view(0), 1, &rungs(1, 0)) - q1_far).abs() < 1e-12);
    assert!(q1 > q0, "a step raises the pressure to back down");
    let own_turn = |own: f64, threat: f64, joint: usize| {
        HAZARD[joint] * -10.0 + (1.0 - HAZARD[joint]) * ((own - threat) / 3.0 - COST[0][joint])
    };
    let hold = own_turn(0.0, 0.0, 0);
    let unanswered = own_turn(1.0, 0.0, 1);
    let answered = own_turn(1.0, 1.0, 1);
    let p = 0.5 * 0.6;
    let step = p * answered + (1.0 - p) * unanswered;
    let mut eu = [0.0; 2];
    expected_utilities(&view, &[Action::MoveTo(0), Action::MoveTo(1)], &mut eu);
    assert!((eu[0] - (q0 * 1.0 + (1.0 - q0) * hold)).abs() < 1e-12, "hold: {}", eu[0]);
    assert!((eu[1] - (q1 * 1.0 + (1.0 - q1) * step)).abs() < 1e-12, "step: {}", eu[1]);
    // Without coercion the step is worth only what it does on the ladder.
    let mut plain = scenario.clone();
    plain.actors[0].params.coercion = false;
    let simulator = Simulator::new(&plain);
    expected_utilities(&simulator.decision_view(0), &[Action::MoveTo(0), Action::MoveTo(1)], &mut eu);
    assert!((eu[1] - eu[0] - (step - hold)).abs() < 1e-12);
}

/// The believed chance of an answer and the chance of a step, for a's bias about b.
fn step_and_answer(bias: f64) -> (f64, f64) {
    let scenario = coerced(&[0.0, 0.3, 0.3, 0.0, 0.4], bias);
    let simulator = Simulator::new(&scenario);
    let view = simulator.decision_view(0);
    let mut eu = [0.0; 2];
    expected_utilities(&view, &[Action::MoveTo(0), Action::MoveTo(1)], &mut eu);
    (sigma(5.0 * (eu[1] - eu[0])), view.judged_response_prob(1))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// The bet of the source material: the less a side believes the other will answer, the
    /// likelier its step.
    #[test]
    fn a_step_grows_likelier_as_the_believed_answer_falls(low in -3.0f64..3.0, delta in 0.01f64..3.0) {
        let (step_low, answer_low) = step_and_answer(low);
        let (step_high, answer_high) = step_and_answer(low + delta);
        prop_assert!(answer_high < answer_low);
        prop_assert!(step_high > step_low, "bias {low}: {step_low} then {step_high}");
    }

    /// The crossed side answers more often the more silence costs it at home (a) and abroad (R).
    #[test]
    fn answering_rises_with_audience_cost_and_reputation(a in 0.0f64..1.0, r in 0.0f64..1.0, more in 0.01f64..1.0) {
        let chance = |a: f64, r: f64| {
            let scenario = duel(params(RUNGS - 1), answerer(a, r), &HALF_AT_ONE, PolicyKind::Hawk, 0.0);
            answer_chance(&Simulator::new(&scenario).decision_view(0), 1, &rungs(1, 0), 0, 1)
        };
        let base = chance(a, r);
        prop_assert!(chance(a + more, r) > base);
        prop_assert!(chance(a, r + more) > base);
    }
}

/// The summary's new counts against runs whose story is known: A climbs every turn believing
/// B never answers; B's line is at rung 1 and it always answers (rule, s = 1), so every run's
/// first step is a miscalculation, and the chain of answers ends at the nuclear rung.
#[test]
fn nuclear_use_after_a_miscalculation_is_counted() {
    let b = ActorParams { response_prob: 1.0, ..params(RUNGS - 1) };
    let mut scenario = duel(params(RUNGS - 1), b, &[0.0, 1.0, 0.0, 0.0, 0.0], PolicyKind::Hawk, 0.0);
    scenario.actors[0].beliefs[0].prior = RedLinePrior::never(RUNGS);
    scenario.rules.max_turns = 10;
    let summary = run_many(&scenario, &RunConfig { runs: 500, seed: 3, threads: None }, &mut ()).unwrap();
    let nuclear = summary.outcomes[0];
    assert_eq!(nuclear, 500, "the chain always ends in nuclear use");
    assert_eq!(summary.nuclear_after_miscalculation, nuclear);
    // Without the red line nobody answers: the hawk walks up alone, with no miscalculation.
    let mut quiet = scenario.clone();
    quiet.actors[1].red_line = RedLinePrior::never(RUNGS);
    let summary = run_many(&quiet, &RunConfig { runs: 500, seed: 3, threads: None }, &mut ()).unwrap();
    assert_eq!(summary.outcomes[0], 500);
    assert_eq!(summary.nuclear_after_miscalculation, 0);
}

/// Every run at the turn limit has exactly one reason: B holds rung 2 above a settlement level
/// of 1 (held above), or the settlement needs more quiet turns than the run has (still moving).
#[test]
fn every_run_at_the_turn_limit_has_one_reason() {
    let ladder = Ladder::new(plain_rungs(RUNGS, 2), 2).unwrap();
    let quiet = |b_start: RungId, quiet_turns: u32| {
        let mut rules = rules(2, 5, RUNGS - 1);
        rules.settle_after_quiet_turns = quiet_turns;
        rules.settle_at_or_below = 1;
        let first = actor("a", 0, 0, params(RUNGS - 1), PolicyKind::Hold, RUNGS);
        let second = actor("b", 1, b_start, params(RUNGS - 1), PolicyKind::Hold, RUNGS);
        let scenario = Scenario::new(
            "held".into(),
            ladder.clone(),
            vec!["x".into(), "y".into()],
            vec![first, second],
            vec![],
            rules,
        )
        .unwrap();
        run_many(&scenario, &RunConfig { runs: 200, seed: 5, threads: None }, &mut ()).unwrap()
    };
    let held = quiet(2, 1);
    assert_eq!(held.outcomes[3], 200);
    assert_eq!(held.limit_reasons, [200, 0]);
    let moving = quiet(0, 10);
    assert_eq!(moving.outcomes[3], 200);
    assert_eq!(moving.limit_reasons, [0, 200]);
    // Low enough and quiet long enough: every run settles, none is at the limit.
    assert_eq!(quiet(0, 1).limit_reasons, [0, 0]);
}

/// Bargaining between two camps holding rung 2 at a flow cost c, with W = 1, Q = −1, a
/// terminal value of 0 (prevail_belief ½) and a one-turn horizon: each side's value of fighting
/// on is v = (−c + 1)/2. With the belief U[0.2, 0.6] the offers follow the screening rule
/// x = (1 − v + lo)/2 and rejections raise lo (docs/MODEL.md §4, "Bargaining"):
/// - c = 0.6, v = 0.2: the first offer (0.5) is accepted in turn 1;
/// - c = 0.1, v = 0.45: 0.375 is refused in turns 1 and 2, 0.4625 accepted in turn 3;
/// - c = 0, v = 0.5 each: no deal leaves both their value (v + v = 1), so none is ever made.
#[test]
fn bargaining_settles_when_a_deal_beats_fighting_on() {
    let settle_turn = |cost: f64, bargaining: bool| {
        let mut rungs = plain_rungs(RUNGS, 2);
        rungs[2].cost = vec![cost, cost];
        let ladder = Ladder::new(rungs, 2).unwrap();
        let p = ActorParams { concede_value: -1.0, prevail_belief: Some(0.5), ..params(RUNGS - 1) };
        let mut rules = rules(2, 10, RUNGS - 1);
        rules.bargaining = bargaining.then_some(brink_engine::Bargaining { low: 0.2, high: 0.6 });
        let actors = vec![actor("a", 0, 2, p, PolicyKind::Hold, RUNGS), actor("b", 1, 2, p, PolicyKind::Hold, RUNGS)];
        let scenario =
            Scenario::new("deal".into(), ladder, vec!["x".into(), "y".into()], actors, vec![], rules).unwrap();
        let record = Simulator::new(&scenario).run(1, 0);
        (record.negotiated, record.turns, record.outcome)
    };
    assert_eq!(settle_turn(0.6, true), (true, 1, brink_engine::Outcome::Settlement));
    assert_eq!(settle_turn(0.1, true), (true, 3, brink_engine::Outcome::Settlement));
    assert_eq!(settle_turn(0.0, true), (false, 10, brink_engine::Outcome::TurnLimit));
    assert_eq!(settle_turn(0.6, false), (false, 10, brink_engine::Outcome::TurnLimit));
}

/// A run's recorded path, told by hand: A climbs every turn believing B never answers (a belief
/// the answers cannot move: it gives them probability 0), B's line is at 1 and it always
/// answers. Each of A's first two steps crosses B's line and is answered: two miscalculations;
/// B's answers cross nothing (A has no red line); A's third step reaches the nuclear rung.
#[test]
fn a_run_records_its_path() {
    use brink_engine::StepCause::{Decision, Response};
    let b = ActorParams { response_prob: 1.0, ..params(RUNGS - 1) };
    let mut scenario = duel(params(RUNGS - 1), b, &[0.0, 1.0, 0.0, 0.0, 0.0], PolicyKind::Hawk, 0.0);
    scenario.actors[0].beliefs[0].prior = RedLinePrior::never(RUNGS);
    scenario.rules.max_turns = 10;
    let mut simulator = Simulator::new(&scenario);
    simulator.set_record_paths(true);
    let record = simulator.run(3, 0);
    let steps: Vec<_> = record
        .path
        .iter()
        .map(|s| (s.turn, s.actor, s.from, s.to, s.cause, s.miscalculation, s.crossed_red_line))
        .collect();
    assert_eq!(
        steps,
        vec![
            (1, 0, 0, 1, Decision, true, true),
            (1, 1, 0, 1, Response, false, false),
            (2, 0, 1, 2, Decision, true, true),
            (2, 1, 1, 2, Response, false, false),
            (3, 0, 2, 3, Decision, false, false),
        ]
    );
    assert_eq!(record.miscalculations as usize, record.path.iter().filter(|s| s.miscalculation).count());
    // Without recording, the same run, and no path.
    let plain = Simulator::new(&scenario).run(3, 0);
    assert!(plain.path.is_empty());
    assert_eq!(
        (plain.outcome, plain.turns, plain.miscalculations),
        (record.outcome, record.turns, record.miscalculations)
    );
}

/// Every rule's `distribution` is what `decide` samples: on a fine grid of draws, the share
/// mapped to each action equals the action's probability (to the grid's resolution). Exact
/// likelihoods branch on `distribution`; runs sample with `decide`.
#[test]
fn each_rule_distribution_is_what_it_samples() {
    let kinds = [
        PolicyKind::LogitEu,
        PolicyKind::LevelK { level: 2 },
        PolicyKind::Threshold { target: 2, concede_at: None, concede_prob: 0.3 },
        PolicyKind::Threshold { target: 2, concede_at: Some(0), concede_prob: 0.3 },
        PolicyKind::Hawk,
        PolicyKind::Dove,
        PolicyKind::Hold,
        PolicyKind::TitForTat,
        PolicyKind::RandomWalk { up: 0.35, down: 0.25 },
    ];
    let grid = 100_000;
    for kind in kinds {
        let mut a = params(RUNGS - 1);
        a.can_concede = true;
        a.rationality = 1.5;
        let scenario = duel(a, params(RUNGS - 1), &[0.0, 0.3, 0.4, 0.3, 0.0], kind.clone(), 0.0);
        let mut simulator = Simulator::new(&scenario);
        simulator.run(3, 0);
        let view = simulator.decision_view(0);
        let policy = brink_engine::policy::build(&kind);
        let distribution = policy.distribution(&view);
        let total: f64 = distribution.iter().map(|(_, p)| p).sum();
        assert!((total - 1.0).abs() < 1e-12, "{kind:?}: probabilities sum to {total}");
        let mut expected: Vec<(Action, f64)> = Vec::new();
        for &(action, p) in &distribution {
            match expected.iter_mut().find(|(a, _)| *a == action) {
                Some((_, q)) => *q += p,
                None => expected.push((action, p)),
            }
        }
        let mut counts = vec![0u64; expected.len()];
        for i in 0..grid {
            let u = (i as f64 + 0.5) / grid as f64;
            let chosen = policy.decide(&view, u);
            let k = expected.iter().position(|(a, _)| *a == chosen);
            let k = k.unwrap_or_else(|| panic!("{kind:?}: decide chose {chosen:?}, not in {distribution:?}"));
            counts[k] += 1;
        }
        for ((action, p), count) in expected.iter().zip(counts) {
            let share = count as f64 / grid as f64;
            assert!((share - p).abs() <= 2.0 / grid as f64, "{kind:?} {action:?}: sampled {share}, distribution {p}");
        }
    }
}
