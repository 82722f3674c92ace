//! `brink strike`: fatalities and injuries of a strike plan over the embedded population.

use std::path::{Path, PathBuf};

use brink_app::strike::{assess_plan_with, body, geojson, load, report_text};
use brink_consequences::CasualtyModel;
use brink_consequences::fallout::FalloutModel;
use serde_json::Value;

use super::{CmdError, CmdResult, Format};

/// Flags of `brink strike`.
#[derive(Debug, clap::Args)]
pub(crate) struct StrikeArgs {
    /// A bundled plan name (hiroshima-1945, plan-a-2019, india-pakistan-15kt, -50kt, -100kt,
    /// us-russia-countervalue) or a TOML plan file.
    plan: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Also write the effect rings as GeoJSON polygons to FILE (written atomically).
    #[arg(long, value_name = "FILE")]
    geojson: Option<PathBuf>,
    /// Count fallout deaths (WSEG-10, off by default): effective wind speed in km/h. Needs the
    /// other three --fallout-* flags; there are no default values.
    #[arg(long, value_name = "KMH", allow_negative_numbers = true,
          requires_all = ["fallout_wind_toward_deg", "fallout_fission_fraction", "fallout_protection_factor"])]
    fallout_wind_kmh: Option<f64>,
    /// Direction the wind blows toward, degrees clockwise from north.
    #[arg(long, value_name = "DEG", allow_negative_numbers = true, requires = "fallout_wind_kmh")]
    fallout_wind_toward_deg: Option<f64>,
    /// Fission fraction of every weapon, in (0, 1].
    #[arg(long, value_name = "F", allow_negative_numbers = true, requires = "fallout_wind_kmh")]
    fallout_fission_fraction: Option<f64>,
    /// Shelter protection factor >= 1 (the 30-day dose is divided by it).
    #[arg(long, value_name = "PF", allow_negative_numbers = true, requires = "fallout_wind_kmh")]
    fallout_protection_factor: Option<f64>,
}

impl StrikeArgs {
    /// The casualty model the flags ask for; bad fallout values → exit 2.
    fn model(&self) -> Result<CasualtyModel, CmdError> {
        let mut model = CasualtyModel::default();
        if let (Some(wind), Some(toward), Some(ff), Some(pf)) = (
            self.fallout_wind_kmh,
            self.fallout_wind_toward_deg,
            self.fallout_fission_fraction,
            self.fallout_protection_factor,
        ) {
            let fallout = FalloutModel::new(wind, toward, ff, pf)
                .map_err(|e| CmdError::BadInput(format!("error: --fallout-*: {e}")))?;
            model.fallout = Some(fallout);
        }
        Ok(model)
    }
}

/// Runs `brink strike`.
pub(crate) fn run(args: StrikeArgs) -> CmdResult {
    let started = std::time::Instant::now();
    let model = args.model()?;
    let plan = load(&args.plan)?;
    let progress = super::progress::Progress::spinner(&format!("assessing the strike plan {}", args.plan));
    let (detonations, result) = assess_plan_with(&plan, &model)?;
    progress.finish();
    if let Some(path) = &args.geojson {
        write_atomically(path, &geojson(&detonations, &result))?;
    }
    let report = brink_app::report(body(&plan, &model, &detonations, &result), started);
    super::print_report(&report, args.format, report_text)
}

/// Writes JSON to `path` atomically ([`super::write_file_atomically`]).
fn write_atomically(path: &Path, value: &Value) -> CmdResult {
    let text = serde_json::to_string(value).map_err(anyhow::Error::from)?;
    super::write_file_atomically(path, text.as_bytes(), "--geojson")
}
