//! `brink sensitivity`: Sobol indices of P(nuclear use) over parameter ranges.

use std::io::IsTerminal;

use brink_engine::analysis::{design, sobol};
use brink_engine::{Outcome, RunConfig};
use brink_scenario::Override;
use serde_json::{Value, json};

use brink_app::experiment::{ParamSpec, load_variant, run_variant};

use super::experiment::ExperimentFlags;
use super::{CmdError, CmdResult, manifest};

/// Flags of `brink sensitivity`.
#[derive(Debug, clap::Args)]
pub(crate) struct SensitivityArgs {
    /// The scenario (bundled name or TOML file).
    scenario: String,
    /// An uncertain parameter and its range: PATH=LOW:HIGH (repeatable, at least one).
    #[arg(long = "param", value_name = "PATH=a:b", required = true)]
    params: Vec<String>,
    /// Base sample size N (the design has N·(k + 2) points).
    #[arg(short = 'n', long = "samples", default_value_t = 64)]
    samples: usize,
    /// Runs per design point (P(nuclear use) is estimated at each point from these).
    #[arg(long, default_value_t = 2_000)]
    runs_per_point: u64,
    /// Bootstrap resamples for the intervals.
    #[arg(long, default_value_t = 500)]
    bootstrap: usize,
    #[command(flatten)]
    common: ExperimentFlags,
}

/// Runs `brink sensitivity`.
pub(crate) fn run(args: SensitivityArgs) -> CmdResult {
    let bad = |m: String| CmdError::BadInput(format!("error: {m}"));
    if args.samples < 2 || args.runs_per_point == 0 || args.common.threads == Some(0) || args.bootstrap == 0 {
        return Err(bad("--samples must be ≥ 2, and --runs-per-point, --bootstrap and --threads ≥ 1".into()));
    }
    let specs = args.params.iter().map(|p| ParamSpec::parse(p, false)).collect::<Result<Vec<_>, _>>().map_err(bad)?;
    let ranges: Vec<design::Range> = specs.iter().map(|s| design::Range { low: s.low, high: s.high }).collect();
    let points = sobol::saltelli_design(args.samples, &ranges, args.common.seed);
    let base = load_variant(&args.scenario, &args.common.overrides, &[])?;
    let config = RunConfig { runs: args.runs_per_point, seed: args.common.seed, threads: args.common.threads };
    let bar = std::io::stderr().is_terminal().then(|| indicatif::ProgressBar::new(points.len() as u64));
    let mut outputs = Vec::with_capacity(points.len());
    for point in &points {
        let sets: Vec<Override> = specs.iter().zip(point).map(|(s, &v)| s.set(v)).collect();
        let loaded = load_variant(&args.scenario, &args.common.overrides, &sets)?;
        let summary = run_variant(&loaded, &config, &mut ())?;
        outputs.push(summary.outcome(Outcome::NuclearUse).p);
        if let Some(bar) = &bar {
            bar.inc(1);
        }
    }
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    let indices = sobol::indices(&outputs, args.samples, specs.len(), args.bootstrap, args.common.seed);
    let m = manifest(&base, &args.common.overrides, args.common.seed, args.runs_per_point, "sensitivity");
    let report = super::result(
        "sensitivity",
        &m,
        json!({
            "output": "P(nuclear use)",
            "samples": args.samples,
            "design_points": points.len(),
            "estimators": "first order: Saltelli et al. (2010); total: Jansen (1999); percentile bootstrap 95%",
            "output_mean": outputs.iter().sum::<f64>() / outputs.len() as f64,
            "indices": specs.iter().zip(&indices).map(|(s, i)| json!({
                "param": s.path,
                "range": [s.low, s.high],
                "first": i.first,
                "first_ci95": [i.first_ci.0, i.first_ci.1],
                "total": i.total,
                "total_ci95": [i.total_ci.0, i.total_ci.1],
            })).collect::<Vec<_>>(),
        }),
    );
    super::print_result(report, args.common.format, text_table)
}

fn text_table(report: &Value) -> String {
    let mut out = format!(
        "Sobol indices of P(nuclear use): N = {}, {} design points × {} runs, seed {}\n\n{:<36} {:>8} {:>20} {:>8} {:>20}\n",
        report["samples"],
        report["design_points"],
        report["runs"],
        report["seed"],
        "parameter",
        "S",
        "95% CI",
        "ST",
        "95% CI"
    );
    for i in report["indices"].as_array().into_iter().flatten() {
        let f = |v: &Value| v.as_f64().unwrap_or(f64::NAN);
        out += &format!(
            "{:<36} {:>8.3} [{:>7.3}, {:>7.3}] {:>8.3} [{:>7.3}, {:>7.3}]\n",
            i["param"].as_str().unwrap_or(""),
            f(&i["first"]),
            f(&i["first_ci95"][0]),
            f(&i["first_ci95"][1]),
            f(&i["total"]),
            f(&i["total_ci95"][0]),
            f(&i["total_ci95"][1])
        );
    }
    out
}
