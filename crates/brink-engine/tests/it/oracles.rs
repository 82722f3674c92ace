//! The engine against closed forms (research/escalation-models.md §1.1, §4.5).
//! Monte Carlo checks use a fixed seed and a 4σ tolerance.

use brink_engine::testing::{actor, params, plain_rungs, rules};
use brink_engine::{Cause, JumpDistribution, Ladder, Outcome, PolicyKind, RunConfig, Scenario, Summary, run_many};

fn one_actor(rungs: Vec<brink_engine::Rung>, policy: PolicyKind, start: usize, max_turns: u32) -> Scenario {
    let n = rungs.len();
    let ladder = Ladder::new(rungs, 1).unwrap();
    let a = actor("walker", 0, start, params(n - 1), policy, n);
    Scenario::new("oracle".into(), ladder, vec!["only".into()], vec![a], Vec::new(), rules(1, max_turns, n - 1))
        .unwrap()
}

fn run(scenario: &Scenario, runs: u64) -> Summary {
    run_many(scenario, &RunConfig { runs, seed: 20261125, threads: None }, &mut ()).unwrap()
}

/// |estimate − exact| within 4 binomial standard errors.
fn assert_proportion(summary: &Summary, outcome: Outcome, exact: f64) {
    let n = summary.runs as f64;
    let p = summary.outcome(outcome).p;
    let tolerance = 4.0 * (exact * (1.0 - exact) / n).sqrt();
    assert!((p - exact).abs() <= tolerance, "P({}) = {p}, exact {exact}, tolerance {tolerance}", outcome.name());
}

/// A fixed path up the ladder with per-rung chance hazards p_k: P(nuclear) = 1 − Π(1 − p_k).
fn compound_risk(hazards: &[f64]) -> (Summary, f64) {
    let mut rungs = plain_rungs(hazards.len() + 2, 1);
    for (k, &h) in hazards.iter().enumerate() {
        rungs[k + 1].chance_hazard = h;
    }
    let scenario = one_actor(rungs, PolicyKind::Hawk, 0, hazards.len() as u32);
    let exact = 1.0 - hazards.iter().map(|h| 1.0 - h).product::<f64>();
    (run(&scenario, 200_000), exact)
}

#[test]
fn compound_risk_matches_the_product_formula() {
    for (hazards, published) in [
        (vec![0.01; 10], 0.095618),
        (vec![0.02; 20], 0.332392),
        (vec![0.05; 5], 0.226219),
        (vec![0.0, 0.01, 0.02, 0.05, 0.10], 0.170479),
    ] {
        let (summary, exact) = compound_risk(&hazards);
        assert!((exact - published).abs() < 5e-7, "closed form {exact} vs published {published}");
        assert_proportion(&summary, Outcome::NuclearUse, exact);
        assert_eq!(summary.nuclear_causes[3], summary.outcomes[0], "every use is by chance");
    }
}

/// Accident-only ladder: each rung k on the path slips straight to the nuclear top with
/// probability p_k, so P(nuclear) = 1 − Π(1 − p_k), every use caused by an accident.
#[test]
fn accident_only_ladder_matches_the_product_formula() {
    let accident_rates = [0.01, 0.03, 0.0, 0.05, 0.02, 0.04];
    let mut rungs = plain_rungs(accident_rates.len() + 2, 1);
    for (k, &p) in accident_rates.iter().enumerate() {
        rungs[k + 1].accident_rate = p;
        rungs[k + 1].accident_jump = JumpDistribution::new(vec![(100, 1.0)]).unwrap();
    }
    let scenario = one_actor(rungs, PolicyKind::Hawk, 0, accident_rates.len() as u32);
    let summary = run(&scenario, 200_000);
    let exact = 1.0 - accident_rates.iter().map(|p| 1.0 - p).product::<f64>();
    assert_proportion(&summary, Outcome::NuclearUse, exact);
    assert_eq!(summary.nuclear_causes[2], summary.outcomes[0], "every use is an accident");
    assert_eq!(summary.accidents, summary.outcomes[0]);
}

/// Gambler's ruin on rungs 0..=5: settlement absorbs at 0, nuclear use at 5, start at 2.
/// P(nuclear) = (1 − r^k)/(1 − r^n) with r = q/p (k/n if p = q), and
/// E[turns] = [k/(q′ − p′) − n·P/(q′ − p′)]/(p + q) (k(n − k)/(p + q) if p = q).
#[test]
fn random_walk_matches_gamblers_ruin() {
    for (up, down, p_nuclear, mean_turns) in [(0.3f64, 0.3f64, 0.4, 10.0), (0.35, 0.25, 0.601666, 10.0833)] {
        let (k, n) = (2.0f64, 5.0f64);
        let exact_p = if up == down { k / n } else { (1.0 - (down / up).powf(k)) / (1.0 - (down / up).powf(n)) };
        let exact_turns = if up == down {
            k * (n - k) / (up + down)
        } else {
            let (pp, qq) = (up / (up + down), down / (up + down));
            (k / (qq - pp) - n / (qq - pp) * exact_p) / (up + down)
        };
        assert!((exact_p - p_nuclear).abs() < 1e-6 && (exact_turns - mean_turns).abs() < 1e-4);

        let mut scenario = one_actor(plain_rungs(6, 1), PolicyKind::RandomWalk { up, down }, 2, 100_000);
        scenario.rules.settle_after_quiet_turns = 0;
        scenario.rules.settle_at_or_below = 0;
        let summary = run(&scenario, 200_000);
        assert_eq!(summary.outcomes[2] + summary.outcomes[3], 0, "absorbed every time");
        assert_proportion(&summary, Outcome::NuclearUse, exact_p);

        // Mean absorption time over both ends, with its standard error from the histograms.
        let (mut count, mut sum, mut sum_sq) = (0.0, 0.0, 0.0);
        for histogram in &summary.turns {
            for (t, &c) in histogram.iter().enumerate() {
                count += c as f64;
                sum += (t as f64) * c as f64;
                sum_sq += (t as f64).powi(2) * c as f64;
            }
        }
        let mean = sum / count;
        let standard_error = ((sum_sq / count - mean * mean) / count).sqrt();
        assert!(
            (mean - exact_turns).abs() < 4.0 * standard_error,
            "E[turns] {mean} vs {exact_turns} ± {standard_error}"
        );
    }
}

/// With no accidents, no chance hazard and actors who cannot choose a nuclear rung, no run
/// ever ends in nuclear use, whatever the policies and responses.
#[test]
fn no_hazard_no_accident_no_nuclear_use() {
    let mut scenario = brink_engine::testing::two_actor_ladder(0.0);
    for rung in scenario.ladder.rungs().iter() {
        assert!(rung.chance_hazard == 0.0);
    }
    let rungs: Vec<_> = scenario
        .ladder
        .rungs()
        .iter()
        .cloned()
        .map(|mut r| {
            r.accident_rate = 0.0;
            r
        })
        .collect();
    scenario.ladder = Ladder::new(rungs, 2).unwrap();
    for actor in &mut scenario.actors {
        actor.params.max_rung = 4;
        actor.params.rationality = 2.0;
        actor.params.response_prob = 1.0;
    }
    let summary = run(&scenario, 20_000);
    assert_eq!(summary.outcome(Outcome::NuclearUse).count, 0);
    assert_eq!(summary.nuclear_causes, [0; 5]);
    let _ = Cause::ALL;
}
