//! Fatalities and injuries of a strike plan over the embedded population: the report of
//! `brink strike`.

use brink_consequences::{Assessment, CasualtyModel, Detonation, GridConfig, World, assess, geo};
use brink_effects::Burst;
use brink_scenario::plan::{self, ResolvedCity, StrikePlan};
use std::time::Instant;

use brink_types::StrikeReport;
use brink_types::tools::{
    Casualties, FalloutDeaths, Ring, StrikeBody, StrikeFalloutModel, StrikeModel, StrikeTarget, StrikeTotal,
};
use serde_json::{Value, json};

use crate::AppError;

/// What every output says about the figures.
pub const CAVEAT: &str = "Estimates under stated assumptions (docs/CONSEQUENCES.md): GeoNames cities >= 1 000 \
with a modelled density, OTA 1979 blast rings, burns and prompt radiation; fallout only if \
asked for. City fires give soot, and the soot global cooling and hunger, from published model runs \
(docs/CONSEQUENCES.md). Not a prediction.";

/// Resolves "Name, CC" against the embedded city table, for the plan reader.
pub fn resolve_city(query: &str) -> Result<ResolvedCity, String> {
    let world = World::embedded();
    let index = world.find_city(query).map_err(|e| e.to_string())?;
    let s = &world.settlements()[index];
    let display = world.info(index).map_or_else(|| query.to_owned(), |c| c.display());
    Ok(ResolvedCity { display, lat_deg: s.lat_deg, lon_deg: s.lon_deg })
}

/// Loads a plan by bundled name or path; a bad plan is bad input with file, line, column and
/// field.
pub fn load(spec: &str) -> Result<StrikePlan, AppError> {
    plan::load_plan(spec, &resolve_city).map_err(|e| AppError::BadInput(e.to_string()))
}

/// Lowers a read plan into detonations (yields and heights were validated by the reader; the
/// effects crate checks them again and any refusal is bad input).
pub fn lower(plan: &StrikePlan) -> Result<Vec<Detonation>, AppError> {
    plan.detonations
        .iter()
        .enumerate()
        .map(|(index, d)| {
            let (lat, lon) = d.lat_lon();
            let burst = Burst::from_kt_m(d.yield_kt, d.hob_m)
                .map_err(|e| AppError::BadInput(format!("{}: error: detonation.{index}: {e}", plan.origin)))?;
            let mut det = Detonation::new(d.display_label(), lat, lon, burst, d.count)
                .map_err(|e| AppError::BadInput(format!("{}: error: detonation.{index}: {e}", plan.origin)))?;
            det.phase = d.phase.clone();
            Ok(det)
        })
        .collect()
}

/// Assesses a plan with the default model (prompt effects only) and grid.
pub fn assess_plan(plan: &StrikePlan) -> Result<(Vec<Detonation>, Assessment), AppError> {
    assess_plan_with(plan, &CasualtyModel::default())
}

/// Assesses a plan with `model` and the default grid.
pub fn assess_plan_with(plan: &StrikePlan, model: &CasualtyModel) -> Result<(Vec<Detonation>, Assessment), AppError> {
    let detonations = lower(plan)?;
    let result = assess(World::embedded(), &detonations, model, &GridConfig::default())
        .map_err(|e| AppError::BadInput(format!("{}: error: {e}", plan.origin)))?;
    Ok((detonations, result))
}

/// Per-phase totals, in order of first appearance.
fn phases(detonations: &[Detonation], result: &Assessment) -> Vec<(String, f64, f64)> {
    let mut out: Vec<(String, f64, f64)> = Vec::new();
    for (d, r) in detonations.iter().zip(&result.detonations) {
        let Some(phase) = &d.phase else { continue };
        match out.iter_mut().find(|(p, _, _)| p == phase) {
            Some(slot) => {
                slot.1 += r.fatalities;
                slot.2 += r.injuries;
            }
            None => out.push((phase.clone(), r.fatalities, r.injuries)),
        }
    }
    out
}

/// Loads the plan `spec` (a bundled name or a file) and assesses it with `model`: the
/// report of `brink strike` and `brink.strike`.
pub fn strike(spec: &str, model: &CasualtyModel) -> Result<StrikeReport, AppError> {
    let started = Instant::now();
    let plan = load(spec)?;
    let (detonations, result) = assess_plan_with(&plan, model)?;
    Ok(crate::report(body(&plan, model, &detonations, &result), started))
}

/// Assesses a plan already read (the web API's bundled plans and single points) with the
/// default model.
pub fn strike_plan(plan: &StrikePlan) -> Result<StrikeReport, AppError> {
    let started = Instant::now();
    let model = CasualtyModel::default();
    let (detonations, result) = assess_plan_with(plan, &model)?;
    Ok(crate::report(body(plan, &model, &detonations, &result), started))
}

/// The body of a strike report.
pub fn body(plan: &StrikePlan, model: &CasualtyModel, detonations: &[Detonation], result: &Assessment) -> StrikeBody {
    let targets = detonations
        .iter()
        .zip(&result.detonations)
        .map(|(d, r)| StrikeTarget {
            label: d.label.clone(),
            phase: d.phase.clone(),
            lat: d.lat_deg,
            lon: d.lon_deg,
            yield_kt: d.burst.yield_.kt(),
            hob_m: d.burst.hob.m(),
            count: d.count,
            fatalities: r.fatalities,
            injuries: r.injuries,
            population_in_reach: r.population_in_reach,
            reach_m: r.reach_m,
            burned_area_km2: r.fire.burned_area_km2(),
            soot_tg: r.fire.soot_tg().1,
            rings: r
                .rings
                .iter()
                .map(|ring| Ring {
                    effect: ring.effect.to_string(),
                    radius_m: ring.radius_m,
                    area_km2: std::f64::consts::PI * ring.radius_m * ring.radius_m / 1e6,
                })
                .collect(),
        })
        .collect();
    StrikeBody {
        plan: plan.name.clone(),
        plan_origin: plan.origin.clone(),
        title: plan.title.clone(),
        note: CAVEAT.to_owned(),
        model: StrikeModel {
            population: format!(
                "GeoNames cities >= 1000 (CC BY 4.0), Clark exponential density, b = {} km (P/1e6)^(1/3), \
                 fitted to published city populations and areas",
                brink_consequences::population::CLARK_SCALE_AT_1M_M / 1e3
            ),
            blast: "OTA 1979 rings (12/5/2/1 psi), Brode 1986 ranges".into(),
            thermal_exposed_fraction: model.exposed_fraction,
            burn_mortality: model.burn_mortality,
            radiation_ld50_rem: model.ld50_rem,
            radiation_sigma: model.ld_sigma,
            visibility_km: model.visibility_km,
            fallout: model.fallout.map(|f| StrikeFalloutModel {
                model: "WSEG-10 30-day ERD, lognormal LD50 450 rad, sigma 0.42, among prompt survivors".into(),
                wind_kmh: f.wind_kmh,
                wind_toward_deg: f.wind_toward_deg,
                fission_fraction: f.fission_fraction,
                protection_factor: f.protection_factor,
            }),
        },
        fallout: result
            .fallout
            .map(|f| FalloutDeaths { fatalities: f.fatalities, previously_injured: f.previously_injured }),
        total: StrikeTotal {
            fatalities: result.total.fatalities,
            injuries: result.total.injuries,
            population_in_reach: result.total.population_in_reach,
        },
        phases: phases(detonations, result)
            .into_iter()
            .map(|(p, fatalities, injuries)| (p, Casualties { fatalities, injuries }))
            .collect(),
        fire: crate::aftermath::strike_fire(&result.fire),
        aftermath: crate::aftermath::strike_aftermath(result.fire.soot_tg().1),
        targets,
    }
}

fn people(x: f64) -> String {
    if x >= 1e6 { format!("{:.2} M", x / 1e6) } else { format!("{:.0}", x) }
}

/// The readable report of `brink strike`.
pub fn report_text(report: &StrikeReport) -> String {
    let body = &report.body;
    let mut out = String::new();
    out += &format!("{}\n", body.title.as_deref().unwrap_or(&body.plan));
    out += &format!("plan {} ({}), {} aim points\n", body.plan, body.plan_origin, body.targets.len());
    out += &format!("note: {}\n\n", body.note);
    out += &format!(
        "{:<44} {:>9} {:>7} {:>5} {:>12} {:>12} {:>9}\n",
        "target", "yield kt", "hob m", "count", "fatalities", "injuries", "reach km"
    );
    for t in &body.targets {
        let label: String = t.label.chars().take(44).collect();
        out += &format!(
            "{label:<44} {:>9} {:>7} {:>5} {:>12} {:>12} {:>9.2}\n",
            t.yield_kt,
            t.hob_m,
            t.count,
            people(t.fatalities),
            people(t.injuries),
            t.reach_m / 1000.0
        );
    }
    // Rings once per distinct weapon (yield, height), in order of first appearance.
    let mut seen: Vec<(f64, f64)> = Vec::new();
    for t in &body.targets {
        let key = (t.yield_kt, t.hob_m);
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        out += &format!("\neffect rings of {} kt at {} m (first used on {}):\n", key.0, key.1, t.label);
        for ring in &t.rings {
            out += &format!(
                "  {:<26} radius {:>7.2} km   area {:>9.2} km²\n",
                ring.effect,
                ring.radius_m / 1000.0,
                ring.area_km2
            );
        }
    }
    if !body.phases.is_empty() {
        out += "\nby phase:\n";
        for (p, c) in &body.phases {
            out +=
                &format!("  {p:<20} fatalities {:>12}   injuries {:>12}\n", people(c.fatalities), people(c.injuries));
        }
    }
    if let Some(f) = &body.fallout {
        out += &format!(
            "\nfallout (WSEG-10, among survivors of the prompt effects): {} deaths, of whom {} had been injured\n",
            people(f.fatalities),
            people(f.previously_injured)
        );
    }
    out += &format!(
        "\ntotal: {} fatalities, {} injuries, among {} people within reach of the prompt effects\n",
        people(body.total.fatalities),
        people(body.total.injuries),
        people(body.total.population_in_reach)
    );
    let f = &body.fire;
    out += &format!(
        "fire: {:.1} km² of populated area burned ({} people living there); soot to the stratosphere {:.2} Tg (low {:.2}, high {:.2})\n",
        f.burned_area_km2,
        people(f.people_in_burned_area),
        f.soot_tg,
        f.soot_tg_low,
        f.soot_tg_high
    );
    let a = &body.aftermath;
    out += &format!(
        "aftermath: global cooling {:.2} °C at the peak; {} people without food at the end of year two ({})\n",
        a.cooling_c,
        people(a.people_without_food),
        a.basis
    );
    out += "\nNote: these figures follow from the stated assumptions of the plan and the models (docs/CONSEQUENCES.md); they are not a forecast.\n";
    out
}

/// The rings as a GeoJSON FeatureCollection of polygons (72 geodesic vertices each).
pub fn geojson(detonations: &[Detonation], result: &Assessment) -> Value {
    let mut features = Vec::new();
    for (d, r) in detonations.iter().zip(&result.detonations) {
        for ring in &r.rings {
            let mut coords: Vec<Value> = (0..=72)
                .map(|k| {
                    let (lat, lon) = geo::destination(d.lat_deg, d.lon_deg, 5.0 * f64::from(k % 72), ring.radius_m);
                    json!([lon, lat])
                })
                .collect();
            // RFC 7946: exterior rings counter-clockwise; the azimuths above go clockwise.
            coords.reverse();
            features.push(json!({
                "type": "Feature",
                "geometry": { "type": "Polygon", "coordinates": [coords] },
                "properties": {
                    "label": d.label,
                    "phase": d.phase,
                    "effect": ring.effect,
                    "radius_m": ring.radius_m,
                    "yield_kt": d.burst.yield_.kt(),
                    "hob_m": d.burst.hob.m(),
                    "count": d.count,
                },
            }));
        }
        features.push(json!({
            "type": "Feature",
            "geometry": { "type": "Point", "coordinates": [d.lon_deg, d.lat_deg] },
            "properties": { "label": d.label, "phase": d.phase, "fatalities": r.fatalities, "injuries": r.injuries },
        }));
    }
    json!({ "type": "FeatureCollection", "features": features })
}
