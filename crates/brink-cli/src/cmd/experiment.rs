//! The flags shared by the commands that run a scenario at many parameter values (`sweep`,
//! `compare`, `sensitivity`); the rest is `brink_app::experiment`.

use brink_scenario::Override;

use super::Format;

/// Flags shared by the commands that run many variants of a scenario.
#[derive(Debug, clap::Args)]
pub(crate) struct ExperimentFlags {
    /// Master seed, the same for every variant (common random numbers across variants);
    /// default: the scenario's `run.seed`, else 1 (as `brink run`).
    #[arg(long)]
    pub(crate) seed: Option<u64>,
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
