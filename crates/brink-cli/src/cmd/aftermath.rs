//! `brink aftermath`: global cooling and people without food after a war's soot.

use brink_app::aftermath::{SootSource, aftermath, report_text};

use super::{CmdError, CmdResult, Format};

/// Flags of `brink aftermath`.
#[derive(Debug, clap::Args)]
pub(crate) struct AftermathArgs {
    /// A bundled plan name or a TOML plan file: its fires give the soot.
    #[arg(required_unless_present = "soot_tg", conflicts_with = "soot_tg")]
    plan: Option<String>,
    /// Stratospheric soot (Tg) instead of a plan.
    #[arg(long, value_name = "X", allow_negative_numbers = true)]
    soot_tg: Option<f64>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

/// Runs `brink aftermath`.
pub(crate) fn run(args: AftermathArgs) -> CmdResult {
    let source = match (args.plan, args.soot_tg) {
        (Some(plan), None) => SootSource::Plan(plan),
        (None, Some(x)) => SootSource::Given(x),
        _ => return Err(CmdError::BadInput("error: give a PLAN or --soot-tg X, not both".into())),
    };
    let report = aftermath(&source)?;
    super::print_report(&report, args.format, report_text)
}
