//! `brink run` (work in progress).

use super::CmdResult;

/// Flags of `brink run`.
#[derive(Debug, clap::Args)]
pub(crate) struct RunArgs {
    /// A bundled scenario name or a TOML file; the bundled default when absent.
    scenario: Option<String>,
}

/// Runs `brink run`.
pub(crate) fn run(_args: RunArgs) -> CmdResult {
    Ok(())
}
