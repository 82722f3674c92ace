//! `brink report`: one self-contained HTML file from result files.

use std::path::PathBuf;

use super::{CmdError, CmdResult, report_error};

/// Flags of `brink report`.
#[derive(Debug, clap::Args)]
pub(crate) struct ReportArgs {
    /// JSON results of `brink run`, `sweep`, `compare` or `sensitivity` (`--format json`).
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
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path)
            .map_err(|e| CmdError::BadInput(format!("{name}: error: cannot read the file: {e}")))?;
        let value: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
            CmdError::BadInput(format!("{name}:{}:{}: error: not a brink JSON result: {e}", e.line(), e.column()))
        })?;
        results.push((name, value));
    }
    let html = brink_report::html::report(&results).map_err(report_error)?;
    brink_report::atomic::write_atomic(&args.out, html.as_bytes()).map_err(report_error)
}
