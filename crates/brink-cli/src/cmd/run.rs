//! `brink run`: run a scenario many times and summarise the outcomes.

use std::path::PathBuf;

use brink_app::run::run_report;
use brink_engine::{RunRecord, RunSink};
use brink_report::records::RecordSink;
use brink_scenario::Override;

use super::progress::Progress;
use super::{CmdResult, Format, load_scenario, manifest, report_error};

/// Flags of `brink run`.
#[derive(Debug, clap::Args)]
pub(crate) struct RunArgs {
    /// A bundled scenario name or a TOML file (default: the bundled `ukraine-2024`).
    scenario: Option<String>,
    /// Number of runs (default: the scenario's `run.runs`, else 100000).
    #[arg(short = 'n', long = "runs")]
    runs: Option<u64>,
    /// Master seed (default: the scenario's `run.seed`, else 1).
    #[arg(long)]
    seed: Option<u64>,
    /// Worker threads (default: one per core). Results do not depend on it.
    #[arg(long)]
    threads: Option<usize>,
    /// Override any scenario key: PATH=VALUE, e.g. actors.russia.response_prob=0.6 (repeatable).
    #[arg(long = "set", value_name = "PATH=VALUE")]
    overrides: Vec<Override>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Write one record per run to FILE (.csv, .jsonl or .parquet), with a manifest.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Write every actor's rung per turn to FILE (.csv, .jsonl or .parquet).
    #[arg(long, value_name = "FILE")]
    trajectories: Option<PathBuf>,
}

/// Runs `brink run`.
pub(crate) fn run(args: RunArgs) -> CmdResult {
    let loaded = load_scenario(args.scenario.as_deref(), &args.overrides)?;
    let config = super::run_config(&loaded, args.runs, args.seed, args.threads)?;
    let manifest = manifest(&loaded, &args.overrides, config.seed, config.runs, "runs");
    let records = RecordSink::create(&loaded.scenario, args.out.as_deref(), args.trajectories.as_deref(), &manifest)
        .map_err(report_error)?;
    let mut sink = RunSinks { progress: Progress::bar(config.runs, "runs"), records };
    let report = run_report(&loaded, &args.overrides, &config, &mut sink)?;
    sink.progress.finish();
    sink.records.finish().map_err(report_error)?;
    match args.format {
        Format::Json => super::print_report(&report.report, Format::Json, |_| String::new()),
        Format::Text => super::print(&report.text()),
    }
}

/// The progress bar and the per-run outputs, fed together.
struct RunSinks {
    progress: Progress,
    records: RecordSink,
}

impl RunSink for RunSinks {
    fn wants_records(&self) -> bool {
        self.records.wants_records()
    }

    fn wants_trajectories(&self) -> bool {
        self.records.wants_trajectories()
    }

    fn record(&mut self, record: &RunRecord) {
        self.records.record(record);
    }

    fn progress(&mut self, done: u64) {
        self.progress.progress(done);
    }
}
