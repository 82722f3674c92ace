//! Blast, thermal and prompt-radiation effects of one detonation: the report of
//! `brink effects`, `POST /api/effects`-style tools and `brink.effects`.

use brink_effects::blast::{self, BlastModel};
use brink_effects::thermal::{self, BurnDegree};
use brink_effects::{Burst, EffectsError, Visibility, fireball, radiation};
use std::time::Instant;

use brink_types::tools::{EffectRanges, EffectsBody};
use brink_types::{EffectsReport, IndexMap};

use crate::AppError;

/// What to compute: one burst, the ranges at which to evaluate every effect, the visibility
/// and the blast model.
#[derive(Debug, Clone, PartialEq)]
pub struct EffectsRequest {
    /// Yield (kt of TNT equivalent).
    pub yield_kt: f64,
    /// Height of burst (m; 0 is a surface burst).
    pub hob_m: f64,
    /// Ground ranges (m) at which to evaluate every effect.
    pub range_m: Vec<f64>,
    /// Horizontal visibility (km).
    pub visibility_km: f64,
    /// The overpressure model.
    pub blast_model: BlastModel,
}

impl EffectsRequest {
    /// A request for `yield_kt` at `hob_m` with the defaults of `brink effects`: ranges of
    /// 0.5, 1, 2, 5 and 10 km, a clear day (12 statute miles) and Brode's blast fit.
    pub fn new(yield_kt: f64, hob_m: f64) -> Self {
        Self {
            yield_kt,
            hob_m,
            range_m: DEFAULT_RANGES_M.to_vec(),
            visibility_km: Visibility::REFERENCE.km(),
            blast_model: BlastModel::Brode,
        }
    }
}

/// Ground ranges (m) evaluated when none are given.
pub const DEFAULT_RANGES_M: [f64; 5] = [500.0, 1000.0, 2000.0, 5000.0, 10000.0];

/// Overpressure levels (psi) whose ground ranges are reported.
const OVERPRESSURES_PSI: [f64; 5] = [1.0, 2.0, 5.0, 10.0, 20.0];
/// Radiant exposures (cal/cm²) whose ground ranges are reported.
const FLUENCES_CAL_CM2: [f64; 5] = [1.0, 2.0, 5.0, 10.0, 20.0];
/// Prompt doses (rem) whose ground ranges are reported.
const DOSES_REM: [f64; 3] = [100.0, 500.0, 1000.0];
const BURNS: [(&str, BurnDegree); 3] =
    [("1st", BurnDegree::First), ("2nd", BurnDegree::Second), ("3rd", BurnDegree::Third)];

/// The effects at one ground range.
#[derive(Debug, Clone, PartialEq)]
pub struct EffectsPoint {
    /// Ground range from ground zero (m).
    pub ground_range_m: f64,
    /// Slant range from the burst (m).
    pub slant_range_m: f64,
    /// Peak overpressure (psi); `None` where the blast fit is outside its validity range.
    pub overpressure_psi: Option<f64>,
    /// Thermal fluence (cal/cm²).
    pub thermal_cal_cm2: f64,
    /// Prompt radiation dose (rem).
    pub prompt_dose_rem: f64,
}

/// Everything `brink effects` reports, before formatting. Ranges are ground ranges in metres;
/// `None` where a level is not reached.
#[derive(Debug, Clone, PartialEq)]
pub struct Effects {
    /// Yield (kt).
    pub yield_kt: f64,
    /// Height of burst (m).
    pub hob_m: f64,
    /// The blast model used.
    pub blast_model: BlastModel,
    /// Fireball radius (m).
    pub fireball_radius_m: f64,
    /// The effects at each requested range.
    pub points: Vec<EffectsPoint>,
    /// (overpressure psi, ground range m) for 1, 2, 5, 10 and 20 psi.
    pub overpressure: Vec<(f64, Option<f64>)>,
    /// (fluence cal/cm², ground range m) for 1, 2, 5, 10 and 20 cal/cm².
    pub thermal: Vec<(f64, Option<f64>)>,
    /// (prompt dose rem, ground range m) for 100, 500 and 1000 rem.
    pub dose: Vec<(f64, Option<f64>)>,
    /// ("1st" | "2nd" | "3rd", ground range m) of each burn degree.
    pub burns: Vec<(&'static str, Option<f64>)>,
}

/// Computes every effect `request` asks for. Errors: an invalid yield, height, range or
/// visibility, or a model asked outside its definition (the DNA curve for an air burst).
pub fn compute(request: &EffectsRequest) -> Result<Effects, EffectsError> {
    let burst = Burst::from_kt_m(request.yield_kt, request.hob_m)?;
    let visibility = Visibility::kilometers(request.visibility_km)?;
    let model = request.blast_model;
    let mut points = Vec::with_capacity(request.range_m.len());
    for &r in &request.range_m {
        let overpressure_psi = match blast::overpressure_psi(model, &burst, r) {
            Ok(p) => Some(p),
            Err(EffectsError::OutsideValidity { .. }) => None,
            Err(e) => return Err(e),
        };
        let slant = burst.slant_range_m(r);
        points.push(EffectsPoint {
            ground_range_m: r,
            slant_range_m: slant,
            overpressure_psi,
            thermal_cal_cm2: thermal::fluence_cal_cm2(&burst, slant, visibility)?,
            prompt_dose_rem: radiation::prompt_dose_rem(&burst, slant)?,
        });
    }
    let overpressure = OVERPRESSURES_PSI
        .iter()
        .map(|&p| Ok((p, blast::ground_range_for_overpressure_m(model, &burst, p)?)))
        .collect::<Result<_, EffectsError>>()?;
    let thermal = FLUENCES_CAL_CM2
        .iter()
        .map(|&q| Ok((q, burst.ground_range_m(thermal::slant_range_for_fluence_m(&burst, q, visibility)?))))
        .collect::<Result<_, EffectsError>>()?;
    let dose = DOSES_REM
        .iter()
        .map(|&d| Ok((d, burst.ground_range_m(radiation::slant_range_for_dose_m(&burst, d)?))))
        .collect::<Result<_, EffectsError>>()?;
    let burns = BURNS
        .iter()
        .map(|&(name, degree)| {
            Ok((name, burst.ground_range_m(thermal::burn_slant_range_m(&burst, degree, visibility)?)))
        })
        .collect::<Result<_, EffectsError>>()?;
    Ok(Effects {
        yield_kt: burst.yield_.kt(),
        hob_m: burst.hob.m(),
        blast_model: model,
        fireball_radius_m: fireball::fireball_radius_m(&burst),
        points,
        overpressure,
        thermal,
        dose,
        burns,
    })
}

/// "1", "2.5": the level as a JSON key.
fn key(level: f64) -> String {
    format!("{level}")
}

fn ranges<K: ToString>(rows: &[(K, Option<f64>)]) -> IndexMap<String, Option<f64>> {
    rows.iter().map(|(k, r)| (k.to_string(), *r)).collect()
}

/// The name of a blast model in reports: `brode` or `dna`.
pub fn blast_model_name(model: BlastModel) -> &'static str {
    match model {
        BlastModel::Brode => "brode",
        BlastModel::Dna => "dna",
    }
}

/// Computes `request` and reports it (`brink effects`); invalid values are bad input.
pub fn effects(request: &EffectsRequest) -> Result<EffectsReport, AppError> {
    let started = Instant::now();
    let effects = compute(request).map_err(AppError::bad)?;
    Ok(crate::report(body(&effects), started))
}

/// The body of the report of `effects`.
pub fn body(effects: &Effects) -> EffectsBody {
    let keyed = |rows: &[(f64, Option<f64>)]| -> Vec<(String, Option<f64>)> {
        rows.iter().map(|&(l, r)| (key(l), r)).collect()
    };
    EffectsBody {
        yield_kt: effects.yield_kt,
        hob_m: effects.hob_m,
        blast_model: blast_model_name(effects.blast_model).to_owned(),
        fireball_radius_m: effects.fireball_radius_m,
        points: effects
            .points
            .iter()
            .map(|p| brink_types::tools::EffectsPoint {
                ground_range_m: p.ground_range_m,
                slant_range_m: p.slant_range_m,
                overpressure_psi: p.overpressure_psi,
                thermal_cal_cm2: p.thermal_cal_cm2,
                prompt_dose_rem: p.prompt_dose_rem,
            })
            .collect(),
        ranges_m: EffectRanges {
            overpressure_psi: ranges(&keyed(&effects.overpressure)),
            thermal_cal_cm2: ranges(&keyed(&effects.thermal)),
            prompt_dose_rem: ranges(&keyed(&effects.dose)),
            burns: ranges(&effects.burns),
        },
    }
}

fn fmt_m(r: Option<f64>) -> String {
    match r {
        Some(m) if m >= 10_000.0 => format!("{:.1} km", m / 1000.0),
        Some(m) => format!("{m:.0} m"),
        None => "not reached".to_owned(),
    }
}

fn fmt_value(v: f64) -> String {
    if v >= 100.0 {
        format!("{v:.0}")
    } else if v >= 1.0 {
        format!("{v:.2}")
    } else if v >= 0.001 {
        format!("{v:.3}")
    } else {
        format!("{v:.2e}")
    }
}

/// The readable table of `brink effects`.
pub fn to_text(report: &EffectsReport) -> String {
    use std::fmt::Write;
    let report = &report.body;
    let mut out = String::new();
    let model_name = match report.blast_model.as_str() {
        "dna" => "DNA free-air, 2W surface",
        _ => "Brode 1986",
    };
    let _ = writeln!(
        out,
        "{} kt at {} m height of burst; fireball radius {:.0} m; blast model: {model_name}",
        report.yield_kt, report.hob_m, report.fireball_radius_m
    );
    let _ = writeln!(out, "\nGround range of each level (sea level, ideal surface):");
    let ranges = &report.ranges_m;
    for (p, r) in &ranges.overpressure_psi {
        let _ = writeln!(out, "  overpressure {p:>5} psi      {:>12}", fmt_m(*r));
    }
    for (q, r) in &ranges.thermal_cal_cm2 {
        let _ = writeln!(out, "  thermal      {q:>5} cal/cm²  {:>12}", fmt_m(*r));
    }
    for (d, r) in &ranges.prompt_dose_rem {
        let _ = writeln!(out, "  prompt dose  {d:>5} rem      {:>12}", fmt_m(*r));
    }
    for (name, r) in &ranges.burns {
        let _ = writeln!(out, "  burns        {name:>5} degree   {:>12}", fmt_m(*r));
    }
    if !report.points.is_empty() {
        let _ = writeln!(
            out,
            "\n{:>14} {:>14} {:>16} {:>16} {:>16}",
            "ground range", "slant range", "overpressure psi", "thermal cal/cm²", "prompt dose rem"
        );
        for p in &report.points {
            let op = p.overpressure_psi.map_or_else(|| "(out of fit)".to_owned(), fmt_value);
            // The models describe the air outside the fireball; say so rather than print
            // a fluence or dose inside it as if it meant something.
            let inside = if p.slant_range_m < report.fireball_radius_m { "  inside the fireball" } else { "" };
            let _ = writeln!(
                out,
                "{:>14} {:>14} {:>16} {:>16} {:>16}{inside}",
                fmt_m(Some(p.ground_range_m)),
                fmt_m(Some(p.slant_range_m)),
                op,
                fmt_value(p.thermal_cal_cm2),
                fmt_value(p.prompt_dose_rem)
            );
        }
    }
    out
}
