//! `brink fallout`: the WSEG-10 fallout field of one surface burst.

use brink_effects::fallout::{DEFAULT_SHEAR_KMH_PER_KM, FalloutPoint, Wseg10};
use brink_effects::{EffectsError, FissionFraction, Yield};
use serde_json::{Value, json};

use super::CmdResult;
use super::effects::{OutputFormat, bad_input};

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

/// Points on the hot line reported when no `--at` is given (km downwind).
const DEFAULT_DOWNWIND_KM: [f64; 7] = [1.0, 5.0, 10.0, 25.0, 50.0, 100.0, 200.0];

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
    let field = model(&args).map_err(bad_input)?;
    let points: Vec<(f64, f64)> =
        if args.at.is_empty() { DEFAULT_DOWNWIND_KM.iter().map(|&x| (x, 0.0)).collect() } else { args.at.clone() };
    let values: Vec<(f64, f64, FalloutPoint)> =
        points.iter().map(|&(x, y)| (x, y, field.at(x * 1000.0, y * 1000.0))).collect();
    match args.format {
        OutputFormat::Json => {
            let points: Vec<Value> = values
                .iter()
                .map(|(x, y, p)| {
                    json!({
                        "downwind_km": x,
                        "crosswind_km": y,
                        "dose_rate_h1_r_per_h": p.dose_rate_h1_r_per_h,
                        "arrival_h": p.arrival_h,
                        "dose_30day_erd_r": p.dose_30day_erd_r,
                    })
                })
                .collect();
            let text = serde_json::to_string_pretty(&json!({ "points": points })).map_err(anyhow::Error::from)?;
            println!("{text}");
        }
        OutputFormat::Text => {
            println!(
                "WSEG-10 fallout: {} kt surface burst, fission fraction {}, wind {} km/h, shear {:.3} km/h per km",
                args.yield_kt, args.fission_fraction, args.wind_kmh, args.shear_kmh_per_km
            );
            if args.yield_kt < 100.0 {
                println!("note: WSEG-10 neglects the cloud stem and is poor below about 100 kt");
            }
            println!(
                "\n{:>12} {:>13} {:>18} {:>11} {:>18}",
                "downwind km", "crosswind km", "H+1 rate R/h", "arrival h", "30-day ERD R"
            );
            for (x, y, p) in &values {
                println!(
                    "{x:>12} {y:>13} {:>18.4} {:>11.2} {:>18.4}",
                    p.dose_rate_h1_r_per_h, p.arrival_h, p.dose_30day_erd_r
                );
            }
        }
    }
    Ok(())
}

fn model(args: &FalloutArgs) -> Result<Wseg10, EffectsError> {
    Wseg10::new(
        Yield::kilotons(args.yield_kt)?,
        FissionFraction::new(args.fission_fraction)?,
        args.wind_kmh,
        args.shear_kmh_per_km,
    )
}
