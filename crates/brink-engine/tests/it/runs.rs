//! Single runs checked against hand computation, and reproducibility.

use brink_engine::testing::{actor, params, plain_rungs, rules, two_actor_ladder};
use brink_engine::{BeliefSpec, Ladder, Outcome, PolicyKind, RedLinePrior, RunConfig, Scenario, Simulator, run_many};

/// Blue (hawk) climbs while red (no red line, holds) never answers. Blue's belief about red's
/// red line, uniform on rungs 1..=5 with s = 0.8, after rungs 1 and 2 go unanswered, is
/// (1, 5, 25, 25, 25)/81 (research/escalation-models.md §1.10).
#[test]
fn unanswered_steps_update_beliefs_by_bayes() {
    let n = 7;
    let ladder = Ladder::new(plain_rungs(n, 2), 2).unwrap();
    let mut blue = actor("blue", 0, 0, params(n - 1), PolicyKind::Hawk, n);
    blue.beliefs.push(BeliefSpec {
        about: 1,
        prior: RedLinePrior::new(vec![0.0, 0.2, 0.2, 0.2, 0.2, 0.2, 0.0, 0.0]).unwrap(),
        bias: 0.0,
        update_weight: 1.0,
    });
    let mut red_params = params(n - 1);
    red_params.response_prob = 0.8;
    let red = actor("red", 1, 0, red_params, PolicyKind::Hold, n);
    let scenario = Scenario::new(
        "bayes".into(),
        ladder,
        vec!["b".into(), "r".into()],
        vec![blue, red],
        vec![],
        rules(2, 2, n - 1),
    )
    .unwrap();
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
    let ladder = Ladder::new(plain_rungs(n, 2), 2).unwrap();
    let mut blue = actor("blue", 0, 0, params(n - 1), PolicyKind::Hawk, n);
    blue.params.max_rung = 1;
    blue.beliefs.push(BeliefSpec {
        about: 1,
        prior: RedLinePrior::new(vec![0.0, 0.2, 0.2, 0.2, 0.2, 0.2, 0.0, 0.0]).unwrap(),
        bias: 0.0,
        update_weight: 1.0,
    });
    let mut red_params = params(n - 1);
    red_params.response_prob = 1.0;
    let mut red = actor("red", 1, 0, red_params, PolicyKind::Hold, n);
    red.red_line = RedLinePrior::at(1, n);
    let scenario =
        Scenario::new("trap".into(), ladder, vec!["b".into(), "r".into()], vec![blue, red], vec![], rules(2, 1, n - 1))
            .unwrap();
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
