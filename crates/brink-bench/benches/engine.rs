//! Engine throughput: actor decisions per second on the bundled default scenario.
//!
//! `cargo bench -p brink-bench --bench engine`. Divan reports items/s where an item is one
//! actor decision; the `hold` rows run the same scenario with every actor on the scripted
//! `hold` rule, the baseline that isolates the cost of the logit-EU decision rule; the
//! `version1` rows run the default scenario as it stood before its steps and answers became
//! decisions (fixtures/ukraine-2024-v1.toml: forced steps, coin-flip answers), the baseline of
//! issue #20's budget (decisions per second within 25 % of it); `path_grouping` runs the
//! default scenario grouped by path as `brink explain` does.

use brink_engine::{PolicyKind, RunConfig, Scenario, run_many};
use divan::counter::ItemsCount;

fn main() {
    divan::main();
}

const RUNS: u64 = 20_000;

fn default_scenario() -> Scenario {
    brink_scenario::load_bundled(brink_scenario::bundled::DEFAULT, &[]).expect("bundled default loads").scenario
}

fn version1_scenario() -> Scenario {
    let text = include_str!("../fixtures/ukraine-2024-v1.toml");
    brink_scenario::load_str("ukraine-2024-v1.toml", text, &[]).expect("fixture loads").scenario
}

fn all_hold(mut scenario: Scenario) -> Scenario {
    for actor in &mut scenario.actors {
        actor.policy = PolicyKind::Hold;
    }
    scenario
}

fn bench_runs(bencher: divan::Bencher<'_, '_>, scenario: &Scenario, threads: usize) {
    let config = RunConfig { runs: RUNS, seed: 1, threads: Some(threads) };
    let decisions = run_many(scenario, &config, &mut ()).expect("runs").decisions;
    bencher.counter(ItemsCount::new(decisions)).bench(|| run_many(scenario, &config, &mut ()).expect("runs"));
}

#[divan::bench(args = [1, 2], sample_count = 10)]
fn default_scenario_decisions(bencher: divan::Bencher<'_, '_>, threads: usize) {
    bench_runs(bencher, &default_scenario(), threads);
}

#[divan::bench(args = [1, 2], sample_count = 10)]
fn baseline_all_hold(bencher: divan::Bencher<'_, '_>, threads: usize) {
    bench_runs(bencher, &all_hold(default_scenario()), threads);
}

#[divan::bench(args = [1, 2], sample_count = 10)]
fn version1_default_decisions(bencher: divan::Bencher<'_, '_>, threads: usize) {
    bench_runs(bencher, &version1_scenario(), threads);
}

/// `brink explain`'s path grouping on the default scenario (issue #14's budget: at most 2× the
/// plain runs of `default_scenario_decisions`, memory bounded by the table of paths).
#[divan::bench(args = [1, 2], sample_count = 10)]
fn default_scenario_path_grouping(bencher: divan::Bencher<'_, '_>, threads: usize) {
    use brink_engine::analysis::paths::PathGrouping;
    let scenario = default_scenario();
    let config = RunConfig { runs: RUNS, seed: 1, threads: Some(threads) };
    let decisions = run_many(&scenario, &config, &mut ()).expect("runs").decisions;
    bencher.counter(ItemsCount::new(decisions)).bench(|| {
        let mut grouping = PathGrouping::new(Some(brink_engine::Outcome::NuclearUse), 100_000);
        run_many(&scenario, &config, &mut grouping).expect("runs")
    });
}
