//! `brink likelihood`: the exact probability that a scenario produces observed crises
//! (docs/EVIDENCE.md).

use std::path::PathBuf;

use brink_app::evidence::{RunChoice, likelihood_report, read_records};
use brink_scenario::Override;

use super::{CmdResult, Format, load_scenario};

/// Flags of `brink likelihood`.
#[derive(Debug, clap::Args)]
pub(crate) struct LikelihoodArgs {
    /// A bundled scenario name or a TOML file.
    scenario: String,
    /// A record of an observed crisis (.toml), or a trajectories file of `brink run
    /// --trajectories` (.csv, .jsonl, .parquet) with --run (repeatable).
    #[arg(long = "record", value_name = "FILE", required = true)]
    records: Vec<PathBuf>,
    /// For a trajectories file: the run to take (its index), or `all` (each run a record).
    #[arg(long, value_name = "K|all")]
    run: Option<RunChoice>,
    /// Override any scenario key: PATH=VALUE (repeatable).
    #[arg(long = "set", value_name = "PATH=VALUE")]
    overrides: Vec<Override>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

/// Runs `brink likelihood`.
pub(crate) fn run(args: LikelihoodArgs) -> CmdResult {
    let loaded = load_scenario(Some(&args.scenario), &args.overrides)?;
    let mut records = Vec::new();
    for path in &args.records {
        records.extend(read_records(&loaded, path, args.run)?);
    }
    let report = likelihood_report(&loaded, &args.overrides, &records)?;
    match args.format {
        Format::Json => super::print_report(&report, Format::Json, |_| String::new()),
        Format::Text => super::print(&brink_app::evidence::text(&report)),
    }
}
