//! `brink sensitivity`: Sobol indices of P(nuclear use) over parameter ranges.

use brink_app::experiment::{SensitivityRequest, Source};

use super::CmdResult;
use super::experiment::ExperimentFlags;
use super::progress::Progress;

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
    let request = SensitivityRequest {
        source: Source::Spec(args.scenario),
        overrides: args.common.overrides,
        params: args.params,
        samples: args.samples,
        runs_per_point: args.runs_per_point,
        bootstrap: args.bootstrap,
        seed: args.common.seed,
        threads: args.common.threads,
    };
    let mut progress = Progress::bar(request.total_runs(), "runs");
    let report = brink_app::experiment::sensitivity(&request, &mut progress)?;
    progress.finish();
    super::print_report(&report, args.common.format, brink_app::experiment::sensitivity_text)
}
