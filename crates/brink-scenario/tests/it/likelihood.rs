//! Exact likelihoods (brink_engine::likelihood) against simulation, and their normalisation.

use std::collections::HashMap;

use brink_engine::likelihood::{Observed, ObservedTurn, Settings, likelihood, likelihood_and_settings};
use brink_engine::{Outcome, Scenario, Simulator};

/// Per run: every turn's rungs (turn-major), the outcome and the turn it ended in.
fn simulate(scenario: &Scenario, seed: u64, runs: u64) -> Vec<(Vec<Vec<usize>>, Outcome, u32)> {
    let n = scenario.actors.len();
    let mut simulator = Simulator::new(scenario);
    simulator.set_record_trajectories(true);
    (0..runs)
        .map(|run| {
            let record = simulator.run(seed, run);
            let turns = record.trajectory.chunks(n).map(|c| c.iter().map(|&r| usize::from(r)).collect()).collect();
            (turns, record.outcome, record.turns)
        })
        .collect()
}

fn prefix(turns: &[Vec<usize>], length: usize) -> Observed {
    Observed {
        turns: turns[..length]
            .iter()
            .enumerate()
            .map(|(i, rungs)| ObservedTurn { turn: i as u32 + 1, rungs: rungs.clone() })
            .collect(),
        end: None,
    }
}

/// For records cut from simulated runs (the 2–4 turn prefixes of the most frequent paths of
/// several scenarios), the exact likelihood equals the share of runs with the same prefix
/// within 4 standard errors.
#[test]
fn likelihoods_of_prefixes_equal_the_simulated_shares() {
    let runs = 20_000;
    let mut checked = 0;
    for (name, lengths) in
        [("teaching-symmetric", &[2usize, 3, 4][..]), ("cuban-1962", &[2, 3]), ("korea-1951", &[2, 3])]
    {
        let loaded = brink_scenario::load_bundled(name, &[]).unwrap();
        let scenario = &loaded.scenario;
        let sims = simulate(scenario, 7, runs);
        for &length in lengths {
            let mut counts: HashMap<&[Vec<usize>], u64> = HashMap::new();
            for (turns, _, _) in &sims {
                if turns.len() >= length {
                    *counts.entry(&turns[..length]).or_default() += 1;
                }
            }
            let mut frequent: Vec<_> = counts.into_iter().collect();
            frequent.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
            // The most frequent prefix and a rarer one.
            for (turns, count) in [frequent[0], frequent[frequent.len().min(3) - 1]] {
                let exact = likelihood(scenario, &prefix(turns, length), &Settings::default()).unwrap();
                let share = count as f64 / runs as f64;
                let se = (exact.likelihood * (1.0 - exact.likelihood) / runs as f64).sqrt().max(1e-12);
                assert!(
                    (exact.likelihood - share).abs() <= 4.0 * se,
                    "{name}, {length} turns {turns:?}: exact {} vs simulated {share} ({count} runs)",
                    exact.likelihood
                );
                let sum: f64 = exact.per_turn.iter().map(|(_, l)| l).sum();
                assert!((sum - exact.likelihood.ln()).abs() < 1e-9);
                checked += 1;
            }
        }
    }
    assert!(checked >= 10, "{checked} records checked");
}

/// Every way the first two turns can go, with the endings at turn 1: their likelihoods sum to 1,
/// in simultaneous turns (the bundled rule) and sequential ones. (The sum counts every branch
/// the filter skips as unable to match a record: one skipped wrongly would leave it short.)
#[test]
fn likelihoods_over_every_prefix_sum_to_one() {
    // The third: Blue often concedes, so the run often ends before Red carries out its choice.
    for (order, sets) in [
        ("simultaneous", &[][..]),
        ("sequential", &["rules.turn_order=sequential"]),
        ("simultaneous, Blue conceding", &["actors.blue.concede_value=1"]),
    ] {
        let sets: Vec<brink_scenario::Override> = sets.iter().map(|s| s.parse().unwrap()).collect();
        let loaded = brink_scenario::load_bundled("teaching-symmetric", &sets).unwrap();
        every_prefix_sums_to_one(&loaded.scenario, order);
    }
}

fn every_prefix_sums_to_one(scenario: &Scenario, order: &str) {
    let rungs = scenario.ladder.len();
    let n = scenario.actors.len();
    assert_eq!(n, 2);
    let mut total = 0.0;
    let pairs: Vec<Vec<usize>> = (0..rungs).flat_map(|a| (0..rungs).map(move |b| vec![a, b])).collect();
    for first in &pairs {
        for outcome in Outcome::ALL {
            let observed =
                Observed { turns: vec![ObservedTurn { turn: 1, rungs: first.clone() }], end: Some((outcome, 1)) };
            total += likelihood(scenario, &observed, &Settings::EXACT).unwrap().likelihood;
        }
        for second in &pairs {
            let observed = Observed {
                turns: vec![
                    ObservedTurn { turn: 1, rungs: first.clone() },
                    ObservedTurn { turn: 2, rungs: second.clone() },
                ],
                end: None,
            };
            total += likelihood(scenario, &observed, &Settings::EXACT).unwrap().likelihood;
        }
    }
    assert!((total - 1.0).abs() < 1e-9, "{order} turns: total {total}");
}

/// A turn the record leaves out is summed over: the likelihood of turns 1 and 3 is the sum of
/// those of turns 1, 2 and 3 over every pair of rungs at turn 2 (a run that ends at turn 2 does
/// not reach turn 3), in simultaneous turns and sequential ones.
#[test]
fn a_turn_left_out_is_the_sum_over_its_rungs() {
    for sets in [&[][..], &["rules.turn_order=sequential"]] {
        let sets: Vec<brink_scenario::Override> = sets.iter().map(|s| s.parse().unwrap()).collect();
        let loaded = brink_scenario::load_bundled("teaching-symmetric", &sets).unwrap();
        let scenario = &loaded.scenario;
        let sims = simulate(scenario, 5, 2000);
        // The most frequent first and third turns among runs that last three turns.
        let mut counts: HashMap<(&[usize], &[usize]), u64> = HashMap::new();
        for (turns, _, _) in sims.iter().filter(|s| s.0.len() >= 3) {
            *counts.entry((&turns[0][..], &turns[2][..])).or_default() += 1;
        }
        let ((first, third), _) = counts.into_iter().max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0))).unwrap();
        let turn = |turn, rungs: &[usize]| ObservedTurn { turn, rungs: rungs.to_vec() };
        let gap = Observed { turns: vec![turn(1, first), turn(3, third)], end: None };
        let with_gap = likelihood(scenario, &gap, &Settings::EXACT).unwrap().likelihood;
        let rungs = scenario.ladder.len();
        let mut total = 0.0;
        for a in 0..rungs {
            for b in 0..rungs {
                let turns = vec![turn(1, first), turn(2, &[a, b]), turn(3, third)];
                total += likelihood(scenario, &Observed { turns, end: None }, &Settings::EXACT).unwrap().likelihood;
            }
        }
        assert!(with_gap > 0.0);
        assert!((with_gap - total).abs() <= 1e-12 * with_gap.max(1.0), "{sets:?}: {with_gap} vs {total}");
    }
}

/// An actor on `policy = "equilibrium"` is refused with its name, not replayed as logit.
#[test]
fn an_equilibrium_policy_is_refused_not_replayed_as_logit() {
    let set: brink_scenario::Override = "actors.red.policy=equilibrium".parse().unwrap();
    let loaded = brink_scenario::load_bundled("teaching-symmetric", &[set]).unwrap();
    let observed = Observed { turns: vec![ObservedTurn { turn: 1, rungs: vec![1, 0] }], end: None };
    let error = likelihood(&loaded.scenario, &observed, &Settings::default()).unwrap_err();
    assert!(matches!(&error, brink_engine::likelihood::LikelihoodError::EquilibriumPolicy(a) if a == "red"), "{error}");
}

/// The default settings drop branches below 10⁻¹⁰ of a turn's mass: on records of every
/// bundled scenario the exact likelihood lies between the result and the result raised by its
/// error bound, and the bound is within the settings' `max_error`.
#[test]
fn dropped_branches_stay_within_the_reported_bound_of_the_exact_sum() {
    let mut dropping = 0;
    for (name, length) in [("teaching-symmetric", 8), ("cuban-1962", 6), ("korea-1951", 5), ("ukraine-2024", 2)] {
        let loaded = brink_scenario::load_bundled(name, &[]).unwrap();
        let scenario = &loaded.scenario;
        let sims = simulate(scenario, 11, 200);
        let longest = sims.iter().max_by_key(|s| s.0.len()).unwrap();
        let observed = prefix(&longest.0, length.min(longest.0.len()));
        let exact = likelihood(scenario, &observed, &Settings::EXACT).unwrap();
        let fast = likelihood(scenario, &observed, &Settings::default()).unwrap();
        assert_eq!(exact.error_bound, 0.0);
        let gap = exact.log_likelihood - fast.log_likelihood;
        assert!(gap >= -1e-12 && gap <= fast.error_bound + 1e-12, "{name}: exact {exact:?} fast {fast:?}");
        assert!(fast.error_bound <= Settings::default().max_error, "{name}: bound {}", fast.error_bound);
        if fast.branches < exact.branches {
            dropping += 1;
        }
    }
    assert!(dropping >= 2, "the tolerance dropped branches on {dropping} scenarios");
}

/// A first tolerance far too coarse for `max_error` is retried with thresholds scaled by the
/// rest of the record's probability, and still ends within the bound of the exact sum; the
/// settings `likelihood_and_settings` proposes from one parameter value keep that guarantee at
/// others (retrying where they must) and replay fewer branches than the default there.
#[test]
fn retries_and_proposed_settings_stay_within_the_bound_of_the_exact_sum() {
    let coarse = Settings::with_precision(false, Some(1e-5), Some(1e-6)).unwrap();
    let at = |rationality: f64| {
        let overrides: Vec<brink_scenario::Override> = ["blue", "red"]
            .iter()
            .map(|actor| format!("actors.{actor}.rationality={rationality}").parse().unwrap())
            .collect();
        brink_scenario::load_bundled("teaching-symmetric", &overrides).unwrap().scenario
    };
    let scenario = at(20.0);
    let sims = simulate(&scenario, 5, 40);
    let mut proposed_fewer = 0;
    for (k, sim) in sims.iter().filter(|s| s.0.len() >= 6).take(3).enumerate() {
        let observed = prefix(&sim.0, 6);
        let (first, proposed) = likelihood_and_settings(&scenario, &observed, &coarse).unwrap();
        assert!(first.tolerance < coarse.tolerance, "record {k}: the coarse first pass was accepted: {first:?}");
        assert!(proposed.expected.is_some() && proposed.tolerance > 0.0, "record {k}: {proposed:?}");
        for rationality in [8.0, 20.0, 35.0] {
            let scenario = at(rationality);
            let exact = likelihood(&scenario, &observed, &Settings::EXACT).unwrap();
            for (what, settings) in [("coarse", coarse), ("proposed", proposed)] {
                let fast = likelihood(&scenario, &observed, &settings).unwrap();
                let gap = exact.log_likelihood - fast.log_likelihood;
                assert!(
                    gap >= -1e-12 && gap <= fast.error_bound + 1e-12,
                    "record {k}, λ = {rationality}, {what}: exact {} got {fast:?}",
                    exact.log_likelihood
                );
            }
            let default = likelihood(&scenario, &observed, &Settings::default()).unwrap();
            let proposed = likelihood(&scenario, &observed, &proposed).unwrap();
            if proposed.branches < default.branches {
                proposed_fewer += 1;
            }
        }
    }
    assert!(proposed_fewer >= 6, "the proposed settings replayed fewer branches at {proposed_fewer} of 9 points");
}

/// A likelihood is the same bit for bit however the thread's spare states were used before:
/// computed again after likelihoods of scenarios with other actors and ladders (whose states
/// the next one reuses), and on another thread.
#[test]
fn a_likelihood_does_not_depend_on_the_likelihoods_computed_before_it() {
    let record = |name: &str, length: usize| {
        let scenario = brink_scenario::load_bundled(name, &[]).unwrap().scenario;
        let sims = simulate(&scenario, 3, 100);
        let longest = sims.iter().max_by_key(|s| s.0.len()).unwrap();
        let observed = prefix(&longest.0, length.min(longest.0.len()));
        (scenario, observed)
    };
    let (teaching, observed) = record("teaching-symmetric", 5);
    let bits = |scenario: &Scenario, observed: &Observed| {
        let l = likelihood(scenario, observed, &Settings::default()).unwrap();
        (
            l.log_likelihood.to_bits(),
            l.error_bound.to_bits(),
            l.per_turn.iter().map(|t| t.1.to_bits()).collect::<Vec<_>>(),
        )
    };
    let first = std::thread::spawn({
        let (teaching, observed) = (teaching.clone(), observed.clone());
        move || bits(&teaching, &observed)
    })
    .join()
    .unwrap();
    for (name, length) in [("ukraine-2024", 2), ("cuban-1962", 4), ("korea-1951", 3)] {
        let (scenario, other) = record(name, length);
        likelihood(&scenario, &other, &Settings::default()).unwrap();
        assert_eq!(bits(&teaching, &observed), first, "after {name}");
    }
}
