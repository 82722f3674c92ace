//! Exact likelihoods of observed crises (issue #15: a 20-turn record on ukraine-2024 in under
//! 50 ms; docs/EVIDENCE.md, "Cost"). Rows: the bundled Cuban missile crisis record on
//! cuban-1962 (12 observed days and the ending), a 20-turn simulated record of
//! teaching-symmetric, and the first two turns of a simulated ukraine-2024 record; beside them,
//! the baseline of the same scenarios' run of 1 000 simulations (same machine, same run).
//!
//! Run with `cargo bench -p brink-bench --bench evidence`.

use brink_engine::likelihood::{Observed, ObservedTurn, Settings, likelihood};
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
    let rows: Vec<ObservedTurn> = record
        .trajectory
        .chunks(n)
        .take(turns)
        .enumerate()
        .map(|(t, rungs)| ObservedTurn { turn: t as u32 + 1, rungs: rungs.iter().map(|&r| usize::from(r)).collect() })
        .collect();
    Observed { turns: rows, end: None }
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
