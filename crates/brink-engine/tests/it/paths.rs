//! Path grouping (`analysis::paths`) against a scenario whose paths are enumerated by hand.

use brink_engine::analysis::paths::{PathGrouping, StepKey};
use brink_engine::model::RedLinePrior;
use brink_engine::testing::{actor, params, plain_rungs, rules};
use brink_engine::{ActorParams, Ladder, Outcome, PolicyKind, RunConfig, Scenario, StepCause, run_many};

/// Three rungs (2 nuclear), no hazards or accidents: A climbs every turn; B holds and answers a
/// crossing of its line with certainty. B's line is at rung 1 with 0.3, else never. So with 0.3
/// the path is A 0→1, B 0→1 (answer), A 1→2; with 0.7 it is A 0→1, A 1→2; both end in A's
/// deliberate nuclear use.
fn hand_scenario() -> Scenario {
    let ladder = Ladder::new(plain_rungs(3, 2), 2).unwrap();
    let a = actor("a", 0, 0, params(2), PolicyKind::Hawk, 3);
    let mut b = actor("b", 1, 0, ActorParams { response_prob: 1.0, ..params(2) }, PolicyKind::Hold, 3);
    b.red_line = RedLinePrior::new(vec![0.0, 0.3, 0.0, 0.7]).unwrap();
    Scenario::new("hand".into(), ladder, vec!["x".into(), "y".into()], vec![a, b], vec![], rules(2, 5, 2)).unwrap()
}

#[test]
fn path_shares_equal_the_hand_computed_probabilities() {
    let scenario = hand_scenario();
    let runs = 20_000;
    let mut grouping = PathGrouping::new(Some(Outcome::NuclearUse), 1000);
    let summary = run_many(&scenario, &RunConfig { runs, seed: 9, threads: Some(2) }, &mut grouping).unwrap();
    assert_eq!(grouping.outcome_runs, summary.outcomes[0]);
    assert_eq!(grouping.outcome_runs, runs, "every run ends in nuclear use");
    let (top, other) = grouping.top(10);
    assert_eq!((top.len(), other, grouping.distinct_paths()), (2, 0, 2));
    let step = |actor, from, to, cause| StepKey { actor, from, to, cause };
    let answered = vec![
        step(0, 0, 1, StepCause::Decision),
        step(1, 0, 1, StepCause::Response),
        step(0, 1, 2, StepCause::Decision),
    ];
    let unanswered = vec![step(0, 0, 1, StepCause::Decision), step(0, 1, 2, StepCause::Decision)];
    for group in top {
        let (p, turns, crossed) = if group.key.steps == answered {
            (0.3, vec![1, 1, 2], vec![1.0, 0.0, 0.0])
        } else {
            assert_eq!(group.key.steps, unanswered);
            (0.7, vec![1, 2], vec![0.0, 0.0])
        };
        let share = group.count as f64 / runs as f64;
        let se = (p * (1.0 - p) / runs as f64).sqrt();
        assert!((share - p).abs() < 4.0 * se, "{share} vs {p}");
        let mean_turns: Vec<u64> = group.turn_sums.iter().map(|t| t / group.count).collect();
        assert_eq!(mean_turns, turns);
        let crossed_shares: Vec<f64> = group.crossed_red_lines.iter().map(|&c| c as f64 / group.count as f64).collect();
        assert_eq!(crossed_shares, crossed);
    }
}

/// Memory is bounded: with room for one path, the other path's runs are counted as other runs,
/// and the counts still add up to the runs with the outcome; the result is the same on any
/// number of threads.
#[test]
fn a_full_table_counts_the_rest_as_other_runs() {
    let scenario = hand_scenario();
    let mut counts = Vec::new();
    for threads in [1, 2] {
        let mut grouping = PathGrouping::new(Some(Outcome::NuclearUse), 1);
        run_many(&scenario, &RunConfig { runs: 3000, seed: 9, threads: Some(threads) }, &mut grouping).unwrap();
        let (top, other) = grouping.top(10);
        assert_eq!(top.len(), 1);
        assert_eq!(top[0].count + other, grouping.outcome_runs);
        assert!(grouping.truncated());
        counts.push((top[0].count, top[0].first_run, other));
    }
    assert_eq!(counts[0], counts[1]);
}

/// A told run is the same run: outcome, turns, rungs turn by turn, path; every decision's
/// probabilities sum to 1 and the chosen option had a positive probability.
#[test]
fn a_told_run_is_the_run() {
    let scenario = brink_engine::testing::two_actor_ladder(0.05);
    let n = scenario.actors.len();
    let mut plain = brink_engine::Simulator::new(&scenario);
    plain.set_record_trajectories(true);
    plain.set_record_paths(true);
    let mut teller = brink_engine::Simulator::new(&scenario);
    let mut nuclear = 0;
    for run in 0..200 {
        let record = plain.run(4, run);
        let (told, story) = teller.tell(4, run);
        assert_eq!((told.outcome, told.turns, &told.path), (record.outcome, record.turns, &record.path), "run {run}");
        nuclear += usize::from(record.outcome == Outcome::NuclearUse);
        assert_eq!(story.turns.len(), record.turns as usize);
        for turn in &story.turns {
            if !turn.rungs.is_empty() {
                let t = turn.turn as usize - 1;
                let want: Vec<usize> = record.trajectory[t * n..(t + 1) * n].iter().map(|&r| usize::from(r)).collect();
                assert_eq!(turn.rungs, want, "run {run} turn {}", turn.turn);
            }
            for decision in &turn.decisions {
                let total: f64 = decision.options.iter().map(|o| o.p).sum();
                assert!((total - 1.0).abs() < 1e-9, "probabilities sum to {total}");
                let chosen = decision.options.iter().find(|o| o.action == decision.chosen).unwrap();
                assert!(chosen.p > 0.0, "run {run}: chose an option of probability 0");
            }
        }
        assert_eq!(story.true_red_lines.len(), n);
    }
    assert!(nuclear > 0, "the sample holds nuclear and other runs");
}
