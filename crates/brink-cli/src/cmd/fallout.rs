//! `brink fallout`: the WSEG-10 fallout field of one surface burst.

use brink_app::fallout::{self, FalloutRequest};
use brink_effects::fallout::DEFAULT_SHEAR_KMH_PER_KM;

use super::CmdResult;
use super::effects::OutputFormat;

/// Flags of `brink fallout`.
#[derive(Debug, clap::Args)]
pub(crate) struct FalloutArgs {
    /// Yield in kilotons of TNT equivalent (a surface burst).
    #[arg(long = "yield-kt", allow_negative_numbers = true)]
    yield_kt: f64,
    /// Fraction of the yield from fission, in (0, 1].
    #[arg(long = "fission-fraction", allow_negative_numbers = true)]
    fission_fraction: f64,
    /// Effective (cloud-averaged) wind speed in km/h.
    #[arg(long = "wind-kmh", allow_negative_numbers = true)]
    wind_kmh: f64,
    /// Wind shear in km/h per km of height (default: WSEG-10's customary 0.23 mph/kft).
    #[arg(long = "shear-kmh-per-km", default_value_t = DEFAULT_SHEAR_KMH_PER_KM, allow_negative_numbers = true)]
    shear_kmh_per_km: f64,
    /// A point DOWNWIND_KM,CROSSWIND_KM relative to ground zero (repeatable; default: a few
    /// points on the hot line).
    #[arg(long = "at", value_name = "DOWNWIND_KM,CROSSWIND_KM", value_parser = parse_point, allow_hyphen_values = true)]
    at: Vec<(f64, f64)>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    format: OutputFormat,
}

/// Parses "X,Y" (kilometres) into a finite pair.
fn parse_point(s: &str) -> Result<(f64, f64), String> {
    let (x, y) = s.split_once(',').ok_or_else(|| format!("expected DOWNWIND_KM,CROSSWIND_KM, got {s:?}"))?;
    let num = |t: &str| -> Result<f64, String> {
        let v: f64 = t.trim().parse().map_err(|_| format!("not a number: {t:?}"))?;
        if v.is_finite() { Ok(v) } else { Err(format!("not a finite number: {t:?}")) }
    };
    Ok((num(x)?, num(y)?))
}

/// Runs `brink fallout`.
pub(crate) fn run(args: FalloutArgs) -> CmdResult {
    let request = FalloutRequest {
        yield_kt: args.yield_kt,
        fission_fraction: args.fission_fraction,
        wind_kmh: args.wind_kmh,
        shear_kmh_per_km: args.shear_kmh_per_km,
        at: args.at,
    };
    let report = fallout::fallout(&request)?;
    super::print_report(&report, args.format.into(), fallout::to_text)
}
