//! `brink validate`: the engine against the closed forms of the canonical escalation models
//! (docs/VALIDATION.md). The checks are computed by `brink-validate` and reported by
//! `brink_app::validate`; this prints them.

use brink_app::validate as app;
use brink_validate::RunOptions;

use super::{CmdError, CmdResult, Format};

/// Flags of `brink validate`.
#[derive(Debug, clap::Args)]
pub(crate) struct ValidateArgs {
    /// The model to check (default: every model at its defaults). See --list.
    model: Option<String>,
    /// A model parameter, NAME=VALUE (repeatable), e.g. --param theta1=0.3.
    #[arg(long = "param", value_name = "NAME=VALUE")]
    params: Vec<String>,
    /// Monte Carlo runs per simulated quantity.
    #[arg(short = 'n', long = "runs", default_value_t = 100_000)]
    runs: u64,
    /// Master seed.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Worker threads (default: one per core). Results do not depend on it.
    #[arg(long)]
    threads: Option<usize>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// List the models, their parameters and defaults, and exit.
    #[arg(long)]
    list: bool,
}

/// Runs `brink validate`.
pub(crate) fn run(args: ValidateArgs) -> CmdResult {
    if args.list {
        let models = app::models(args.model.as_deref())?;
        return print(&match args.format {
            Format::Json => {
                format!("{}\n", serde_json::to_string_pretty(&app::list_json(&models)).expect("JSON values serialise"))
            }
            Format::Text => app::list_text(&models),
        });
    }
    let options = RunOptions { runs: args.runs, seed: args.seed, threads: args.threads };
    let report = app::validate(args.model.as_deref(), &args.params, &options)?;
    super::print_report(&report, args.format, app::checks_text)?;
    let checks = &report.body.checks;
    let failed = checks.iter().filter(|c| !c.pass).count();
    if failed > 0 {
        return Err(CmdError::ChecksFailed(format!("{failed} of {} checks failed", checks.len())));
    }
    Ok(())
}

fn print(text: &str) -> CmdResult {
    super::print(text)
}
