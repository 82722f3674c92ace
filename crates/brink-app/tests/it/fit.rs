//! `brink fit` on a grid: records simulated at a known parameter value give a posterior whose
//! 95% interval covers it, and the grid posterior is the normalised product of prior and the
//! exact likelihood.

use brink_app::evidence::{FitMethod, FitRequest, LoadedRecord, Prior, fit};
use brink_app::experiment::{ParamSpec, Source};
use brink_engine::Simulator;
use brink_engine::likelihood::{Observed, Settings};
use brink_scenario::Override;

/// `count` records: the first `turns` turns of runs of teaching-symmetric with `overrides`.
fn records(overrides: &[Override], count: u64, turns: usize) -> Vec<LoadedRecord> {
    records_seeded(overrides, 99, count, turns)
}

/// As [`records`], from runs of `seed`.
fn records_seeded(overrides: &[Override], seed: u64, count: u64, turns: usize) -> Vec<LoadedRecord> {
    let loaded = brink_scenario::load_bundled("teaching-symmetric", overrides).unwrap();
    let n = loaded.scenario.actors.len();
    let mut simulator = Simulator::new(&loaded.scenario);
    simulator.set_record_trajectories(true);
    (0..count)
        .map(|run| {
            let record = simulator.run(seed, run);
            LoadedRecord {
                name: format!("run {run}"),
                origin: "simulated".into(),
                record_scenario: None,
                observed: Observed::from_trajectory(&record.trajectory, n, turns),
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
        method: FitMethod::Grid { points: 33 },
        predictive_runs: 0,
        seed: 1,
        outcomes: vec![],
        outcome_runs: 0,
        likelihood: Settings::default(),
    };
    let report = fit(&request, &|| {}).unwrap();
    let body = &report.body;
    let param = &body.params[0];
    assert!(param.ci95[0] <= truth && truth <= param.ci95[1], "{param:?}");
    // The grid resolves the posterior (no point holds most of it), and the range holds it.
    assert!(body.diagnostics.max_point_mass.unwrap() < 0.5, "{:?}", body.diagnostics);
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

/// Two parameters, the same posterior by grid and by MCMC: the MCMC means lie within 0.1
/// posterior sd of the grid's, and the sds within 15% (the 25 × 25 grid's own error is far
/// smaller: the posterior spans most of the range).
#[test]
fn grid_and_mcmc_agree_on_a_two_parameter_posterior() {
    let (blue, red) = ("actors.blue.rationality", "actors.red.rationality");
    let set: Vec<Override> = vec![format!("{blue}=4").parse().unwrap(), format!("{red}=6").parse().unwrap()];
    let params = || {
        vec![
            (ParamSpec::parse(&format!("{blue}=1.0:12.0"), false).unwrap(), Prior::Uniform),
            (ParamSpec::parse(&format!("{red}=1.0:12.0"), false).unwrap(), Prior::Normal { mean: 6.0, sd: 4.0 }),
        ]
    };
    let recs = records(&set, 4, 2);
    let request = |method| FitRequest {
        source: Source::Spec("teaching-symmetric".into()),
        overrides: vec![],
        records: recs.clone(),
        params: params(),
        method,
        predictive_runs: 0,
        seed: 5,
        outcomes: vec![],
        outcome_runs: 0,
        likelihood: Settings::default(),
    };
    let grid = fit(&request(FitMethod::Grid { points: 25 }), &|| {}).unwrap().body;
    let mcmc = fit(&request(FitMethod::Mcmc { chains: 4, samples: 2400 }), &|| {}).unwrap().body;
    for (g, m) in grid.params.iter().zip(&mcmc.params) {
        assert!((g.mean - m.mean).abs() < 0.1 * g.sd, "{}: grid {} ± {}, MCMC {}", g.path, g.mean, g.sd, m.mean);
        assert!((m.sd / g.sd - 1.0).abs() < 0.15, "{}: sd grid {} MCMC {}", g.path, g.sd, m.sd);
        // The chains converged, and the Monte Carlo error of the MCMC mean (sd/√ESS ≤ 0.063 sd)
        // is well inside the tolerance.
        assert!(m.rhat.unwrap() < 1.02 && m.ess.unwrap() > 250.0, "{m:?}");
    }
}

/// Simulation-based calibration (Talts et al. 2018, arXiv:1804.06788): draw λ from the prior,
/// simulate records at it, fit, and take the rank of the true λ in its posterior. When the
/// simulator, the likelihood and the posterior agree, the rank is uniform. With a prior on the
/// grid's own points the grid posterior is exact, so the randomised rank
/// F(λ*−) + U·P(λ*) is exactly uniform on [0, 1): a chi-square test on 10 bins, fixed seed.
#[test]
fn simulation_based_calibration_ranks_are_uniform() {
    use rand::{RngExt, SeedableRng};
    let path = "actors.blue.rationality";
    let grid: Vec<f64> = (0..9).map(|i| 1.0 + i as f64).collect();
    let spec = ParamSpec::parse(&format!("{path}=1.0:9.0"), false).unwrap();
    let mut rng = rand::rngs::Xoshiro256PlusPlus::seed_from_u64(2018);
    let replications = 100;
    let mut bins = [0u32; 10];
    for replication in 0..replications {
        let truth = grid[rng.random_range(0..grid.len())];
        let set: Override = format!("{path}={truth}").parse().unwrap();
        let request = FitRequest {
            source: Source::Spec("teaching-symmetric".into()),
            overrides: vec![],
            records: records_seeded(&[set], 1000 + replication, 8, 3),
            params: vec![(spec.clone(), Prior::Uniform)],
            method: FitMethod::Grid { points: grid.len() },
            predictive_runs: 0,
            seed: 1,
            outcomes: vec![],
            outcome_runs: 0,
            likelihood: Settings::default(),
        };
        let body = fit(&request, &|| {}).unwrap().body;
        let below: f64 = body.grid.iter().filter(|p| p.values[0] < truth - 1e-9).map(|p| p.posterior).sum();
        let at = body.grid.iter().find(|p| (p.values[0] - truth).abs() < 1e-9).unwrap().posterior;
        let u: f64 = rng.random::<f64>();
        let rank = (below + u * at).clamp(0.0, 1.0 - 1e-12);
        bins[(rank * 10.0) as usize] += 1;
    }
    let expected = replications as f64 / 10.0;
    let chi2: f64 = bins.iter().map(|&b| (f64::from(b) - expected).powi(2) / expected).sum();
    // The 0.999 quantile of chi-square with 9 degrees of freedom.
    assert!(chi2 < 27.88, "rank histogram {bins:?}: chi-square {chi2:.2}");
}

/// `--outcomes`: with no records, a grid point's log-likelihood is the multinomial
/// ln(N!/Π nₒ!) + Σ nₒ ln p̃ₒ of the stated formula, p̃ₒ = (cₒ + ½)/(Σ c + ½K) from the
/// scenario's own runs at that point (same runs and seed), recomputed here from the summary.
#[test]
fn outcome_counts_add_the_multinomial_term_of_the_runs() {
    let path = "actors.*.rationality";
    let file = concat!(env!("CARGO_MANIFEST_DIR"), "/../../records/icb-two-nuclear.toml");
    let counts = brink_scenario::outcomes::load_outcomes(std::path::Path::new(file)).unwrap();
    assert_eq!(counts.counts.iter().map(|c| c.1).sum::<u64>(), 36);
    let request = FitRequest {
        source: Source::Spec("teaching-symmetric".into()),
        overrides: vec![],
        records: vec![],
        params: vec![(ParamSpec::parse(&format!("{path}=5.0:20.0"), false).unwrap(), Prior::Uniform)],
        method: FitMethod::Grid { points: 3 },
        predictive_runs: 0,
        seed: 9,
        outcomes: vec![counts.clone()],
        outcome_runs: 3000,
        likelihood: Settings::default(),
    };
    let body = fit(&request, &|| {}).unwrap().body;
    assert_eq!(body.outcomes, vec!["icb-two-nuclear".to_owned()]);
    for point in &body.grid {
        let set: Override = format!("{path}={}", point.values[0]).parse().unwrap();
        let loaded = brink_scenario::load_bundled("teaching-symmetric", &[set]).unwrap();
        let config = brink_engine::RunConfig { runs: 3000, seed: 9, threads: Some(4) };
        let summary = brink_engine::run_many(&loaded.scenario, &config, &mut ()).unwrap();
        let index = |o: brink_engine::Outcome| brink_engine::Outcome::ALL.iter().position(|&x| x == o).unwrap();
        let listed: f64 = counts.counts.iter().map(|&(o, _)| summary.outcomes[index(o)] as f64).sum();
        let ln_factorial = |n: u64| (1..=n).map(|i| (i as f64).ln()).sum::<f64>();
        let mut expected = ln_factorial(36);
        for &(o, n) in &counts.counts {
            let p = (summary.outcomes[index(o)] as f64 + 0.5) / (listed + 0.5 * 3.0);
            expected += n as f64 * p.ln() - ln_factorial(n);
        }
        let got = point.log_likelihood.unwrap();
        assert!((got - expected).abs() < 1e-9, "λ = {}: {got} vs {expected}", point.values[0]);
    }
}
