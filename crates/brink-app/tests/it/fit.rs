//! `brink fit` on a grid: records simulated at a known parameter value give a posterior whose
//! 95% interval covers it, and the grid posterior is the normalised product of prior and the
//! exact likelihood.

use brink_app::evidence::{FitRequest, LoadedRecord, Prior, fit};
use brink_app::experiment::{ParamSpec, Source};
use brink_engine::Simulator;
use brink_engine::likelihood::{Observed, ObservedTurn};
use brink_scenario::Override;

/// `count` records: the first `turns` turns of runs of teaching-symmetric with `overrides`.
fn records(overrides: &[Override], count: u64, turns: usize) -> Vec<LoadedRecord> {
    let loaded = brink_scenario::load_bundled("teaching-symmetric", overrides).unwrap();
    let n = loaded.scenario.actors.len();
    let mut simulator = Simulator::new(&loaded.scenario);
    simulator.set_record_trajectories(true);
    (0..count)
        .map(|run| {
            let record = simulator.run(99, run);
            let observed = record
                .trajectory
                .chunks(n)
                .take(turns)
                .enumerate()
                .map(|(t, r)| ObservedTurn { turn: t as u32 + 1, rungs: r.iter().map(|&x| usize::from(x)).collect() })
                .collect();
            LoadedRecord {
                name: format!("run {run}"),
                origin: "simulated".into(),
                record_scenario: None,
                observed: Observed { turns: observed, end: None },
            }
        })
        .collect()
}

#[test]
fn records_simulated_at_a_known_value_are_covered_by_the_posterior() {
    let path = "actors.blue.rationality";
    let truth = 4.0;
    let set: Override = format!("{path}={truth}").parse().unwrap();
    let request = FitRequest {
        source: Source::Spec("teaching-symmetric".into()),
        overrides: vec![],
        records: records(&[set], 60, 3),
        params: vec![(ParamSpec::parse(&format!("{path}=2.5:6.5"), false).unwrap(), Prior::Uniform)],
        points: 33,
        predictive_runs: 0,
        seed: 1,
    };
    let report = fit(&request).unwrap();
    let body = &report.body;
    let param = &body.params[0];
    assert!(param.ci95[0] <= truth && truth <= param.ci95[1], "{param:?}");
    // The grid resolves the posterior (no point holds most of it), and the range holds it.
    assert!(body.diagnostics.max_point_mass < 0.5, "{:?}", body.diagnostics);
    assert!(body.diagnostics.edge_mass < 0.01, "{:?}", body.diagnostics);
    assert!(param.ci95[1] - param.ci95[0] < 0.75 * (6.5 - 2.5), "the records inform λ: {param:?}");
    // The posterior is prior × likelihood, normalised (uniform prior: ∝ likelihood).
    let total: f64 = body.grid.iter().map(|p| p.posterior).sum();
    assert!((total - 1.0).abs() < 1e-9);
    let (a, b) = (&body.grid[2], &body.grid[7]);
    let ratio = a.posterior / b.posterior;
    let expected = (a.log_likelihood.unwrap() - b.log_likelihood.unwrap()).exp();
    assert!((ratio / expected - 1.0).abs() < 1e-9, "{ratio} vs {expected}");
}
