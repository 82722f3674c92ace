//! The issue's full fit, timed once (too slow for a benchmark row): a 50 × 50 grid fit of both
//! rationalities of teaching-symmetric to 40 records (the first 5 turns of runs simulated at the
//! scenario's λ = 20; docs/EVIDENCE.md, "Cost").
//!
//! ```text
//! cargo run --release -p brink-bench --example fit50 -- [POINTS] [default|loose] [LOW:HIGH]
//! ```
//!
//! `loose` is `--tolerance 1e-8 --max-error 1e-2`; the range defaults to 5:40, which holds the
//! records' λ (2:8 is the range of the first 10 × 10 benchmark row, where the posterior piles
//! on the upper edge).

use brink_app::evidence::{FitMethod, FitRequest, LoadedRecord, Prior, fit};
use brink_app::experiment::{ParamSpec, Source};
use brink_engine::Simulator;
use brink_engine::likelihood::{Observed, Settings};

fn main() {
    let mut args = std::env::args().skip(1);
    let points: usize = args.next().map_or(50, |a| a.parse().expect("POINTS: a whole number"));
    let loose = args.next().is_some_and(|a| a == "loose");
    let range = args.next().unwrap_or_else(|| "5:40".into());
    let scenario = brink_scenario::load_bundled("teaching-symmetric", &[]).expect("bundled").scenario;
    let n = scenario.actors.len();
    let mut simulator = Simulator::new(&scenario);
    simulator.set_record_trajectories(true);
    let records = (0..40u64)
        .map(|run| LoadedRecord {
            name: format!("run {run}"),
            origin: "simulated".into(),
            record_scenario: None,
            observed: Observed::from_trajectory(&simulator.run(99, run).trajectory, n, 5),
        })
        .collect();
    let param = |path: &str| (ParamSpec::parse(&format!("{path}={range}"), false).expect("LOW:HIGH"), Prior::Uniform);
    let likelihood = if loose {
        Settings::with_precision(false, Some(1e-8), Some(1e-2)).expect("settings")
    } else {
        Settings::default()
    };
    let request = FitRequest {
        source: Source::Spec("teaching-symmetric".into()),
        overrides: vec![],
        records,
        params: vec![param("actors.blue.rationality"), param("actors.red.rationality")],
        method: FitMethod::Grid { points },
        predictive_runs: 0,
        seed: 1,
        outcomes: vec![],
        outcome_runs: 0,
        likelihood,
    };
    let started = std::time::Instant::now();
    let report = fit(&request, &|| {}).expect("fit");
    let precision = if loose { "--tolerance 1e-8 --max-error 1e-2" } else { "default precision" };
    println!("{points} x {points} over {range}, {precision}: {:.1} s", started.elapsed().as_secs_f64());
    for p in &report.body.params {
        println!("  {}: mean {:.4}, sd {:.4}", p.path, p.mean, p.sd);
    }
    println!("  mass on the range's edges: {:.3}", report.body.diagnostics.edge_mass);
}
