//! Shared pieces of the commands that run a scenario at many parameter values (`sweep`,
//! `compare`, `sensitivity`): parameter specifications and running one variant.

use brink_scenario::{Loaded, Override};

use super::{CmdError, Format};

pub(crate) use brink_app::experiment::ParamSpec;

/// Flags shared by the commands that run many variants of a scenario.
#[derive(Debug, clap::Args)]
pub(crate) struct ExperimentFlags {
    /// Master seed, the same for every variant (common random numbers across variants).
    #[arg(long, default_value_t = 1)]
    pub(crate) seed: u64,
    /// Worker threads (results do not depend on it).
    #[arg(long)]
    pub(crate) threads: Option<usize>,
    /// Overrides applied to the base scenario before each variant's own: PATH=VALUE (repeatable).
    #[arg(long = "set", value_name = "PATH=VALUE")]
    pub(crate) overrides: Vec<Override>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub(crate) format: Format,
}

/// Loads the base scenario with `base` overrides plus `extra`; bad values name the flag.
pub(crate) fn load_variant(spec: &str, base: &[Override], extra: &[Override]) -> Result<Loaded, CmdError> {
    Ok(brink_app::experiment::load_variant(spec, base, extra)?)
}

/// Runs a loaded variant.
pub(crate) fn run_variant(
    loaded: &Loaded,
    config: &brink_engine::RunConfig,
    sink: &mut (dyn brink_engine::RunSink + Send),
) -> Result<brink_engine::Summary, CmdError> {
    Ok(brink_app::experiment::run_variant(loaded, config, sink)?)
}
