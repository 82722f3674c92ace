//! `brink explain`: the chains of steps behind an outcome (docs/OUTPUTS.md).

use brink_app::explain::{Pick, explain_report, parse_outcome, story_report};
use brink_scenario::Override;

use super::progress::Progress;
use super::{CmdResult, Format, load_scenario};

/// Flags of `brink explain`.
#[derive(Debug, clap::Args)]
pub(crate) struct ExplainArgs {
    /// A bundled scenario name or a TOML file (default: the bundled `ukraine-2024`).
    scenario: Option<String>,
    /// Number of runs (default: the scenario's `run.runs`, else 100000), as `brink run`.
    #[arg(short = 'n', long = "runs")]
    runs: Option<u64>,
    /// Master seed (default: the scenario's `run.seed`, else 1), as `brink run`.
    #[arg(long)]
    seed: Option<u64>,
    /// Worker threads (default: one per core). Results do not depend on it.
    #[arg(long)]
    threads: Option<usize>,
    /// Override any scenario key: PATH=VALUE (repeatable).
    #[arg(long = "set", value_name = "PATH=VALUE")]
    overrides: Vec<Override>,
    /// The outcome whose runs are grouped: nuclear_use, settlement, concession, turn_limit, or all.
    #[arg(long, default_value = "nuclear_use")]
    outcome: String,
    /// How many of the most frequent paths to list.
    #[arg(long, default_value_t = 10)]
    top: usize,
    /// Tell run K turn by turn instead (the same run as row K of `brink run --out`).
    #[arg(long, value_name = "K", conflicts_with = "find")]
    run: Option<u64>,
    /// Tell the first run that ends in this outcome (e.g. nuclear_use).
    #[arg(long, value_name = "OUTCOME")]
    find: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

/// Runs `brink explain`.
pub(crate) fn run(args: ExplainArgs) -> CmdResult {
    let outcome = parse_outcome(&args.outcome)?;
    let loaded = load_scenario(args.scenario.as_deref(), &args.overrides)?;
    let config = super::run_config(&loaded, args.runs, args.seed, args.threads)?;
    let pick = Pick::from_choice(args.run, args.find.as_deref())?;
    if let Some(pick) = pick {
        let report = story_report(&loaded, &args.overrides, &config, pick)?;
        return match args.format {
            Format::Json => super::print_report(&report, Format::Json, |_| String::new()),
            Format::Text => super::print(&brink_app::explain::story_text(&report)),
        };
    }
    let mut progress = Progress::bar(config.runs, "runs");
    let report = explain_report(&loaded, &args.overrides, &config, outcome, args.top, &mut progress)?;
    progress.finish();
    match args.format {
        Format::Json => super::print_report(&report, Format::Json, |_| String::new()),
        Format::Text => super::print(&brink_app::explain::text(&report)),
    }
}
