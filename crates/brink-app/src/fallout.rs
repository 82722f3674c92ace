//! The WSEG-10 fallout field of one surface burst at given points: the report of
//! `brink fallout`.

use brink_effects::fallout::{DEFAULT_SHEAR_KMH_PER_KM, FalloutPoint, Wseg10};
use brink_effects::{EffectsError, FissionFraction, Yield};
use std::time::Instant;

use brink_types::FalloutReport;
use brink_types::tools::{FalloutBody, FalloutPointDoc};

use crate::AppError;

/// Points on the hot line reported when none are given (km downwind).
pub const DEFAULT_DOWNWIND_KM: [f64; 7] = [1.0, 5.0, 10.0, 25.0, 50.0, 100.0, 200.0];

/// What to compute: the burst, the wind, and the points (km downwind, km crosswind).
#[derive(Debug, Clone, PartialEq)]
pub struct FalloutRequest {
    /// Yield (kt), a surface burst.
    pub yield_kt: f64,
    /// Fraction of the yield from fission, in (0, 1].
    pub fission_fraction: f64,
    /// Effective (cloud-averaged) wind speed (km/h).
    pub wind_kmh: f64,
    /// Wind shear (km/h per km of height).
    pub shear_kmh_per_km: f64,
    /// Points (downwind km, crosswind km); empty means [`DEFAULT_DOWNWIND_KM`] on the hot line.
    pub at: Vec<(f64, f64)>,
}

impl FalloutRequest {
    /// A request with WSEG-10's customary shear and the default hot-line points.
    pub fn new(yield_kt: f64, fission_fraction: f64, wind_kmh: f64) -> Self {
        Self { yield_kt, fission_fraction, wind_kmh, shear_kmh_per_km: DEFAULT_SHEAR_KMH_PER_KM, at: Vec::new() }
    }
}

/// The field at each point of a [`FalloutRequest`].
#[derive(Debug, Clone, PartialEq)]
pub struct Fallout {
    /// The request, as computed (with the default points filled in).
    pub request: FalloutRequest,
    /// (downwind km, crosswind km, values) per point.
    pub points: Vec<(f64, f64, FalloutPoint)>,
}

/// Evaluates the WSEG-10 field; errors name the invalid parameter.
pub fn compute(request: &FalloutRequest) -> Result<Fallout, EffectsError> {
    let field = Wseg10::new(
        Yield::kilotons(request.yield_kt)?,
        FissionFraction::new(request.fission_fraction)?,
        request.wind_kmh,
        request.shear_kmh_per_km,
    )?;
    let mut request = request.clone();
    if request.at.is_empty() {
        request.at = DEFAULT_DOWNWIND_KM.iter().map(|&x| (x, 0.0)).collect();
    }
    let points = request.at.iter().map(|&(x, y)| (x, y, field.at(x * 1000.0, y * 1000.0))).collect();
    Ok(Fallout { request, points })
}

/// Computes `request` and reports it (`brink fallout`); invalid values are bad input.
pub fn fallout(request: &FalloutRequest) -> Result<FalloutReport, AppError> {
    let started = Instant::now();
    let fallout = compute(request).map_err(AppError::bad)?;
    Ok(crate::report(body(&fallout), started))
}

/// The body of the report of a computed field.
pub fn body(fallout: &Fallout) -> FalloutBody {
    let r = &fallout.request;
    FalloutBody {
        yield_kt: r.yield_kt,
        fission_fraction: r.fission_fraction,
        wind_kmh: r.wind_kmh,
        shear_kmh_per_km: r.shear_kmh_per_km,
        points: fallout
            .points
            .iter()
            .map(|(x, y, p)| FalloutPointDoc {
                downwind_km: *x,
                crosswind_km: *y,
                dose_rate_h1_r_per_h: p.dose_rate_h1_r_per_h,
                arrival_h: p.arrival_h,
                dose_30day_erd_r: p.dose_30day_erd_r,
            })
            .collect(),
    }
}

/// The readable table of `brink fallout`.
pub fn to_text(report: &FalloutReport) -> String {
    let r = &report.body;
    let mut out = format!(
        "WSEG-10 fallout: {} kt surface burst, fission fraction {}, wind {} km/h, shear {:.3} km/h per km\n",
        r.yield_kt, r.fission_fraction, r.wind_kmh, r.shear_kmh_per_km
    );
    if r.yield_kt < 100.0 {
        out += "note: WSEG-10 neglects the cloud stem and is poor below about 100 kt\n";
    }
    out += &format!(
        "\n{:>12} {:>13} {:>18} {:>11} {:>18}\n",
        "downwind km", "crosswind km", "H+1 rate R/h", "arrival h", "30-day ERD R"
    );
    for p in &r.points {
        out += &format!(
            "{:>12} {:>13} {:>18.4} {:>11.2} {:>18.4}\n",
            p.downwind_km, p.crosswind_km, p.dose_rate_h1_r_per_h, p.arrival_h, p.dose_30day_erd_r
        );
    }
    out
}
