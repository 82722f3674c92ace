//! Optional fallout deaths: WSEG-10 30-day doses (`brink-effects`) from every burst low
//! enough to make local fallout, a protection factor for shelter, and the lognormal
//! lethality of [`crate::casualty`] (LD50 450, σ 0.42; roentgen taken as rad).
//!
//! Off by default, like NUKEMAP and the published Plan A figures: fallout deaths depend on
//! the wind, the fission fraction and what people do (shelter, evacuation), none of which a
//! strike plan states. With it on, fallout is one more independent risk: among people the
//! prompt effects left alive, P(killed by fallout) = Φ(ln(ERD/PF/LD50)/σ), so nobody is
//! counted twice, and the injured who die of fallout move from injured to dead.
//!
//! Assumptions (docs/CONSEQUENCES.md): one effective wind for every burst; a burst makes local
//! fallout only if its height is below the air-burst fireball radius (NUKEMAP's criterion is
//! close to it: 0.03409 W^0.4 mi against 0.03788 W^0.4 mi), and then it is treated as a surface
//! burst; doses from several bursts add; each settlement is integrated on its own polar grid,
//! with the burst-to-cell offsets taken in the settlement's local frame.

use brink_effects::FissionFraction;
use brink_effects::fallout::{DEFAULT_SHEAR_KMH_PER_KM, Wseg10};
use brink_effects::fireball::fireball_radius_air_m;
use rayon::prelude::*;

use crate::assess::Detonation;
use crate::casualty::{WeaponProfile, lognormal_cdf};
use crate::error::{ConsequencesError, in_range};
use crate::geo;
use crate::population::World;

/// Fallout assumptions. All required: there is no neutral default wind.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FalloutModel {
    /// Effective (cloud-averaged) wind speed (km/h), > 0.
    pub wind_kmh: f64,
    /// Direction the wind blows *toward* (degrees clockwise from north).
    pub wind_toward_deg: f64,
    /// Fission fraction of every weapon, in (0, 1].
    pub fission_fraction: f64,
    /// Dose reduction by shelter, ≥ 1 (1 = everyone in the open for 30 days).
    pub protection_factor: f64,
    /// Median lethal dose (rad): 450.
    pub ld50_rad: f64,
    /// Lognormal shape: 0.42.
    pub ld_sigma: f64,
}

impl FalloutModel {
    /// Validated fallout assumptions with the default lethality (LD50 450 rad, σ 0.42).
    pub fn new(
        wind_kmh: f64,
        wind_toward_deg: f64,
        fission_fraction: f64,
        protection_factor: f64,
    ) -> Result<Self, ConsequencesError> {
        in_range("wind speed (km/h)", "in (0, 500]", wind_kmh, f64::MIN_POSITIVE, 500.0)?;
        in_range("wind direction (degrees)", "in [0, 360]", wind_toward_deg, 0.0, 360.0)?;
        FissionFraction::new(fission_fraction)?;
        in_range("protection factor", "in [1, 1000]", protection_factor, 1.0, 1000.0)?;
        Ok(Self { wind_kmh, wind_toward_deg, fission_fraction, protection_factor, ld50_rad: 450.0, ld_sigma: 0.42 })
    }
}

/// 30-day dose (R) below which fallout deaths are ignored, before shelter (Φ at 50 R against
/// LD50 450 is 10⁻⁷).
const DOSE_FLOOR_R: f64 = 50.0;
/// Furthest downwind distance considered (m).
const MAX_DOWNWIND_M: f64 = 3_000_000.0;
/// Polar grid of a settlement (radial × angular cells).
const CITY_GRID: (usize, usize) = (24, 32);

/// Fallout's effect on the totals: deaths added, and injured who died (to subtract from the
/// injuries).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct FalloutDeaths {
    /// People alive after the prompt effects who die of fallout.
    pub fatalities: f64,
    /// Of those, the people the prompt effects had injured.
    pub previously_injured: f64,
}

struct Plume {
    field: Wseg10,
    lat: f64,
    lon: f64,
    unit: [f64; 3],
    reach_m: f64,
    /// Co-located weapons: their doses add.
    count: f64,
}

fn chord2(a: &[f64; 3], b: &[f64; 3]) -> f64 {
    (0..3).map(|k| (a[k] - b[k]) * (a[k] - b[k])).sum()
}

/// Fallout deaths of `detonations` over `world` (see the module docs).
pub(crate) fn fallout_deaths(
    world: &World,
    detonations: &[Detonation],
    profiles: &[WeaponProfile],
    model: &FalloutModel,
) -> Result<FalloutDeaths, ConsequencesError> {
    let ff = FissionFraction::new(model.fission_fraction)?;
    let mut plumes = Vec::new();
    for d in detonations {
        if d.burst.hob.m() >= fireball_radius_air_m(d.burst.yield_) {
            continue;
        }
        let field = Wseg10::new(d.burst.yield_, ff, model.wind_kmh, DEFAULT_SHEAR_KMH_PER_KM)?;
        // Doses add over co-located weapons: `count` fields in one.
        let count = f64::from(d.count);
        let mut reach_m = 0.0;
        let mut x = 5_000.0;
        while x <= MAX_DOWNWIND_M {
            if count * field.dose_30day_erd_r(x, 0.0) >= DOSE_FLOOR_R {
                reach_m = x;
            }
            x += 5_000.0;
        }
        plumes.push(Plume {
            field,
            lat: d.lat_deg,
            lon: d.lon_deg,
            unit: geo::unit_vector(d.lat_deg, d.lon_deg),
            reach_m: reach_m + 5_000.0,
            count,
        });
    }
    if plumes.is_empty() {
        return Ok(FalloutDeaths::default());
    }
    // Settlements that any plume can reach.
    let mut candidates: Vec<usize> =
        plumes.iter().flat_map(|p| world.near(p.lat, p.lon, p.reach_m).into_iter().map(|(i, _, _)| i)).collect();
    candidates.sort_unstable();
    candidates.dedup();
    let toward = model.wind_toward_deg.to_radians();
    let (sin_w, cos_w) = toward.sin_cos();
    let per_city: Vec<FalloutDeaths> = candidates
        .par_iter()
        .map(|&i| {
            let s = &world.settlements()[i];
            let ext = s.extent_m();
            // Plumes and prompt effects in the settlement's frame.
            let unit = geo::unit_vector(s.lat_deg, s.lon_deg);
            let local: Vec<(f64, f64, &Plume)> = plumes
                .iter()
                .filter(|p| chord2(&p.unit, &unit) <= geo::chord2_for_distance(p.reach_m + ext))
                .map(|p| {
                    let (x, y) = geo::local_offset_m(s.lat_deg, s.lon_deg, p.lat, p.lon);
                    (x, y, p)
                })
                .filter(|(x, y, p)| x.hypot(*y) <= p.reach_m + ext)
                .collect();
            if local.is_empty() {
                return FalloutDeaths::default();
            }
            let prompt: Vec<(f64, f64, &WeaponProfile, u32)> = detonations
                .iter()
                .zip(profiles)
                .filter(|(d, prof)| {
                    chord2(&geo::unit_vector(d.lat_deg, d.lon_deg), &unit)
                        <= geo::chord2_for_distance(prof.reach_m() + ext)
                })
                .filter_map(|(d, prof)| {
                    let (x, y) = geo::local_offset_m(s.lat_deg, s.lon_deg, d.lat_deg, d.lon_deg);
                    (x.hypot(y) <= prof.reach_m() + ext).then_some((x, y, prof, d.count))
                })
                .collect();
            let (nr, nt) = CITY_GRID;
            let dtheta = std::f64::consts::TAU / nt as f64;
            let mut out = FalloutDeaths::default();
            for ir in 0..nr {
                let (r0, r1) = (ext * ir as f64 / nr as f64, ext * (ir + 1) as f64 / nr as f64);
                let rc = 2.0 / 3.0 * (r1 * r1 * r1 - r0 * r0 * r0) / (r1 * r1 - r0 * r0);
                let people_per_cell = s.density_m2(rc) * 0.5 * dtheta * (r1 * r1 - r0 * r0);
                for it in 0..nt {
                    let (sin, cos) = ((it as f64 + 0.5) * dtheta).sin_cos();
                    let (px, py) = (rc * sin, rc * cos);
                    let mut dose = 0.0;
                    for (bx, by, p) in &local {
                        let (dx, dy) = (px - bx, py - by);
                        let downwind = dx * sin_w + dy * cos_w;
                        let crosswind = dx * cos_w - dy * sin_w;
                        if downwind > -50_000.0 && downwind <= p.reach_m {
                            dose += p.count * p.field.dose_30day_erd_r(downwind, crosswind);
                        }
                    }
                    if dose < DOSE_FLOOR_R {
                        continue;
                    }
                    let killed = lognormal_cdf(dose / model.protection_factor, model.ld50_rad, model.ld_sigma);
                    let mut harm = crate::casualty::Harm::NONE;
                    for (bx, by, prof, count) in &prompt {
                        harm = harm.and(prof.harm_at((px - bx).hypot(py - by)).times(*count));
                    }
                    out.fatalities += people_per_cell * harm.alive * killed;
                    out.previously_injured += people_per_cell * (harm.alive - harm.unhurt) * killed;
                }
            }
            out
        })
        .collect();
    let mut total = FalloutDeaths::default();
    for c in per_city {
        total.fatalities += c.fatalities;
        total.previously_injured += c.previously_injured;
    }
    Ok(total)
}
