//! Exact likelihoods of observed crises and fits to them (issue #15: a 20-turn record on
//! ukraine-2024 in under 50 ms; a 50 × 50 grid fit to 40 records in under 30 s on 2 cores, here
//! at 10 × 10;
//! docs/EVIDENCE.md, "Cost"). Rows: the bundled Cuban missile crisis record on cuban-1962 (12
//! observed days and the ending), a 20-turn simulated record of teaching-symmetric, a 20-turn
//! simulated record of ukraine-2024 (default settings) and the exact sum of its first 3 turns,
//! the grid fit; beside them, the baseline of 1 000 simulated runs of ukraine-2024 (same
//! machine, same run).
//!
//! Run with `cargo bench -p brink-bench --bench evidence`.

use brink_engine::likelihood::{Observed, Settings, likelihood};
use brink_engine::{RunConfig, Scenario, Simulator, run_many};
use divan::Bencher;

fn main() {
    divan::main();
}

fn bundled(name: &str) -> Scenario {
    brink_scenario::load_bundled(name, &[]).expect("bundled scenario").scenario
}

/// The first `turns` turns of the longest of the first 200 runs (seed 7) as a record.
fn simulated(scenario: &Scenario, turns: usize) -> Observed {
    let n = scenario.actors.len();
    let mut simulator = Simulator::new(scenario);
    simulator.set_record_trajectories(true);
    let record = (0..200).map(|run| simulator.run(7, run)).max_by_key(|r| r.turns).expect("runs");
    Observed::from_trajectory(&record.trajectory, n, turns)
}

#[divan::bench(sample_count = 10)]
fn cuban_1962_bundled_record(bencher: Bencher) {
    let scenario = bundled("cuban-1962");
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../records/cuban-1962.toml");
    let record = brink_scenario::record::load_record(std::path::Path::new(path), &scenario).expect("record");
    bencher.bench(|| likelihood(&scenario, &record.observed, &Settings::default()).expect("likelihood"));
}

#[divan::bench(sample_count = 10)]
fn teaching_symmetric_20_turns(bencher: Bencher) {
    let scenario = bundled("teaching-symmetric");
    let observed = simulated(&scenario, 20);
    bencher.bench(|| likelihood(&scenario, &observed, &Settings::default()).expect("likelihood"));
}

/// The figure: 20 turns of ukraine-2024 (default settings: within 1e-6 in the log).
#[divan::bench(sample_count = 10)]
fn ukraine_2024_20_turns(bencher: Bencher) {
    let scenario = bundled("ukraine-2024");
    let observed = simulated(&scenario, 20);
    bencher.bench(|| likelihood(&scenario, &observed, &Settings::default()).expect("likelihood"));
}

/// The exact sum (no branch dropped) of the first 3 turns of the same record.
#[divan::bench(sample_count = 3)]
fn ukraine_2024_3_turns_exact(bencher: Bencher) {
    let scenario = bundled("ukraine-2024");
    let observed = simulated(&scenario, 3);
    bencher.bench(|| likelihood(&scenario, &observed, &Settings::EXACT).expect("likelihood"));
}

/// Baseline: 1 000 simulated runs of ukraine-2024 on one thread.
#[divan::bench(sample_count = 10)]
fn baseline_ukraine_2024_1000_runs(bencher: Bencher) {
    let scenario = bundled("ukraine-2024");
    let config = RunConfig { runs: 1000, seed: 1, threads: Some(1) };
    bencher.bench(|| run_many(&scenario, &config, &mut ()).expect("runs"));
}

/// `count` records: the first `turns` turns of runs of teaching-symmetric (seed 99).
fn teaching_records(count: u64, turns: usize) -> Vec<brink_app::evidence::LoadedRecord> {
    let scenario = bundled("teaching-symmetric");
    let n = scenario.actors.len();
    let mut simulator = Simulator::new(&scenario);
    simulator.set_record_trajectories(true);
    (0..count)
        .map(|run| {
            let record = simulator.run(99, run);
            brink_app::evidence::LoadedRecord {
                name: format!("run {run}"),
                origin: "simulated".into(),
                record_scenario: None,
                observed: Observed::from_trajectory(&record.trajectory, n, turns),
            }
        })
        .collect()
}

/// The fit at a tenth of its points per parameter: a two-parameter grid fit, 10 × 10
/// points, to 40 records (the first 5 turns of simulated teaching-symmetric runs), on every
/// core. The 50 × 50 grid costs 25 times as much (every point is one likelihood per
/// distinct record); its target is under 30 s on 2 cores. Both rationalities over 2–8, below
/// the λ = 20 the records were simulated at: the posterior piles on the edge (the fit's own
/// diagnostics say so), where the records are improbable and costly to sum.
#[divan::bench(sample_count = 1)]
fn fit_grid_10x10_to_40_records(bencher: Bencher) {
    fit_grid_10x10(bencher, "2:8", Settings::default());
}

/// The same fit with `--tolerance 1e-8 --max-error 1e-2` (docs/EVIDENCE.md, "Cost": the
/// posterior agrees with the default's to about 1e-6).
#[divan::bench(sample_count = 1)]
fn fit_grid_10x10_to_40_records_tolerance_1e_8(bencher: Bencher) {
    fit_grid_10x10(bencher, "2:8", Settings::with_precision(false, Some(1e-8), Some(1e-2)).expect("settings"));
}

/// The same fit over 5–40, a range that holds the records' λ = 20 (at 50 × 50 points, 2 % of
/// the posterior on its edges): the fit a user would run.
#[divan::bench(sample_count = 1)]
fn fit_grid_10x10_to_40_records_bracketing(bencher: Bencher) {
    fit_grid_10x10(bencher, "5:40", Settings::default());
}

fn fit_grid_10x10(bencher: Bencher, range: &str, likelihood: Settings) {
    use brink_app::evidence::{FitMethod, FitRequest, Prior, fit};
    use brink_app::experiment::{ParamSpec, Source};
    let param = |path: &str| (ParamSpec::parse(&format!("{path}={range}"), false).expect("param"), Prior::Uniform);
    let request = FitRequest {
        source: Source::Spec("teaching-symmetric".into()),
        overrides: vec![],
        records: teaching_records(40, 5),
        params: vec![param("actors.blue.rationality"), param("actors.red.rationality")],
        method: FitMethod::Grid { points: 10 },
        predictive_runs: 0,
        seed: 1,
        outcomes: vec![],
        outcome_runs: 0,
        likelihood,
    };
    bencher.bench(|| fit(&request, &|| {}).expect("fit"));
}
