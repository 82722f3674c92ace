//! `brink effects`: blast, thermal and prompt-radiation effects of one detonation.

use brink_app::effects::{self, DEFAULT_RANGES_M, EffectsRequest};
use brink_effects::Visibility;
use brink_effects::blast::BlastModel;

use super::CmdResult;

/// Output format shared by the effects commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum OutputFormat {
    /// A readable table.
    Text,
    /// One JSON document on stdout.
    Json,
}

/// The blast model, as spelled on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum BlastModelArg {
    /// Brode (1986) analytic fit, any height of burst.
    Brode,
    /// DNA 1-kt free-air standard with twice-yield scaling (surface bursts only).
    Dna,
}

/// Flags of `brink effects`.
#[derive(Debug, clap::Args)]
pub(crate) struct EffectsArgs {
    /// Yield in kilotons of TNT equivalent.
    #[arg(long = "yield-kt", allow_negative_numbers = true)]
    yield_kt: f64,
    /// Height of burst in metres (0 = surface burst).
    #[arg(long = "hob-m", default_value_t = 0.0, allow_negative_numbers = true)]
    hob_m: f64,
    /// Ground ranges (m) at which to evaluate every effect, comma-separated.
    #[arg(long = "range-m", value_delimiter = ',', allow_negative_numbers = true,
          default_values_t = DEFAULT_RANGES_M)]
    range_m: Vec<f64>,
    /// Horizontal visibility in km (default: 12 statute miles, a clear day).
    #[arg(long = "visibility-km", default_value_t = Visibility::REFERENCE.km(), allow_negative_numbers = true)]
    visibility_km: f64,
    /// Overpressure model.
    #[arg(long = "blast-model", value_enum, default_value_t = BlastModelArg::Brode)]
    blast_model: BlastModelArg,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    format: OutputFormat,
}

/// Runs `brink effects`.
pub(crate) fn run(args: EffectsArgs) -> CmdResult {
    let request = EffectsRequest {
        yield_kt: args.yield_kt,
        hob_m: args.hob_m,
        range_m: args.range_m,
        visibility_km: args.visibility_km,
        blast_model: match args.blast_model {
            BlastModelArg::Brode => BlastModel::Brode,
            BlastModelArg::Dna => BlastModel::Dna,
        },
    };
    let report = effects::effects(&request)?;
    super::print_report(&report, args.format.into(), effects::to_text)
}

impl From<OutputFormat> for super::Format {
    fn from(format: OutputFormat) -> Self {
        match format {
            OutputFormat::Text => super::Format::Text,
            OutputFormat::Json => super::Format::Json,
        }
    }
}
