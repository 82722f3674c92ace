//! `brink report`: one self-contained HTML file from result files.

use std::path::PathBuf;

use super::{CmdResult, report_error};

/// Flags of `brink report`.
#[derive(Debug, clap::Args)]
pub(crate) struct ReportArgs {
    /// JSON results of `brink run`, `sweep`, `compare`, `sensitivity` or `explain` (`--format
    /// json`), or per-run records of `brink run --out` (.parquet, .csv, .jsonl).
    #[arg(required = true)]
    results: Vec<PathBuf>,
    /// The HTML file to write.
    #[arg(short = 'o', long = "out", value_name = "FILE")]
    out: PathBuf,
}

/// Runs `brink report`.
pub(crate) fn run(args: ReportArgs) -> CmdResult {
    let mut results = Vec::new();
    for path in &args.results {
        let result = brink_report::html::read_result(path).map_err(report_error)?;
        results.push((path.display().to_string(), result));
    }
    let html = brink_report::html::report(&results).map_err(report_error)?;
    brink_report::atomic::write_atomic(&args.out, html.as_bytes()).map_err(report_error)
}
