//! Countervalue strike plans from a few words: the N most populous cities of some countries,
//! K weapons each — the operation behind `brink plan`.
//!
//! **Ranking.** Cities of the embedded GeoNames table (≥ 1 000 people, CC BY 4.0) whose ISO
//! 3166-1 alpha-2 country code is one of those asked for, ordered by GeoNames population,
//! largest first (ties by GeoNames id), across all the countries together. GeoNames lists some
//! districts of a metropolis as cities of their own; they are ranked like any other city.
//!
//! **Aim points.** The K weapons of a city are spread over its area on a hexagonal pattern:
//! one on the city's coordinates, then rings of 6, 12, … aim points at multiples of the
//! spacing 2 r_fire, r_fire the weapon's mass-fire radius ([`brink_consequences::fire`]), so
//! the fire zones touch without overlapping (as Toon et al. 2007 and 2019 spread their
//! weapons over a city). Each aim point carries one weapon.
//!
//! **Combining.** `add` takes earlier plans (bundled names or files) whose detonations come
//! first, unchanged; every detonation of the new part carries the phase `"BY on CC,CC"`
//! (or `"on CC,CC"`), so per-phase totals separate the parts.

use std::fmt::Write as _;

use brink_consequences::{World, geo};
use brink_effects::blast::optimum_height_of_burst;
use brink_effects::{Burst, Visibility, Yield};

use crate::AppError;

/// Overpressure whose range an `air` burst maximises (psi): 5 psi, the ring where most
/// buildings collapse (OTA 1979). brink's choice for a countervalue air burst.
pub const AIR_BURST_PSI: f64 = 5.0;

/// The height of burst asked for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Height {
    /// A given height (m).
    Meters(f64),
    /// The height that maximises the 5 psi range.
    Air,
    /// A contact surface burst.
    Surface,
}

/// What `brink plan` is asked for.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanRequest {
    /// ISO 3166-1 alpha-2 codes of the target countries.
    pub countries: Vec<String>,
    /// Number of cities (the most populous first).
    pub cities: usize,
    /// Weapons per city, ≥ 1.
    pub weapons_per_city: u32,
    /// Yield of each weapon (kt).
    pub yield_kt: f64,
    /// Height of burst.
    pub height: Height,
    /// The attacker's name, for the phase and the title.
    pub by: Option<String>,
    /// Plans whose detonations come first.
    pub add: Vec<String>,
    /// The plan's name (the output file's stem).
    pub name: String,
}

/// A generated plan: its TOML text and what it contains.
#[derive(Debug, Clone, PartialEq)]
pub struct GeneratedPlan {
    /// The plan file's text (readable by `brink strike`).
    pub toml: String,
    /// The cities targeted by the new part, largest first: (display name, population).
    pub cities: Vec<(String, f64)>,
    /// Detonations in the whole plan (the added plans' and the new part's).
    pub detonations: usize,
    /// Height of burst used (m).
    pub hob_m: f64,
    /// The new part's phase.
    pub phase: String,
}

/// The `n` most populous cities of `countries` (ISO alpha-2, any case), largest first: indices
/// into `world`. An unknown code (no city in the table) is an error naming it.
pub fn largest_cities(world: &World, countries: &[String], n: usize) -> Result<Vec<usize>, AppError> {
    let codes: Vec<String> = countries.iter().map(|c| c.trim().to_ascii_uppercase()).collect();
    for code in &codes {
        if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(AppError::bad(format!("--on {code}: expected ISO 3166-1 alpha-2 codes such as IN,PK")));
        }
    }
    let mut found: Vec<(f64, u32, usize)> = Vec::new();
    let mut seen = vec![false; codes.len()];
    for (i, s) in world.settlements().iter().enumerate() {
        let Some(info) = world.info(i) else { continue };
        if let Some(k) = codes.iter().position(|c| *c == info.country) {
            seen[k] = true;
            found.push((s.population, info.geonameid, i));
        }
    }
    if let Some(k) = seen.iter().position(|s| !s) {
        return Err(AppError::bad(format!("--on {}: no city of that country in the embedded table", codes[k])));
    }
    if n == 0 {
        return Err(AppError::bad("--cities must be at least 1"));
    }
    if n > found.len() {
        return Err(AppError::bad(format!(
            "--cities {n}: the embedded table has only {} cities of {} (>= 1 000 people)",
            found.len(),
            codes.join(",")
        )));
    }
    found.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    Ok(found.into_iter().take(n).map(|(_, _, i)| i).collect())
}

/// Offsets (m east, m north) of `k` aim points on a hexagonal pattern of spacing `spacing_m`.
pub fn aim_offsets(k: u32, spacing_m: f64) -> Vec<(f64, f64)> {
    let mut out = vec![(0.0, 0.0)];
    let mut ring = 1;
    while out.len() < k as usize {
        // Ring `ring`: 6·ring points on the hexagon of radius ring·spacing.
        let corners: Vec<(f64, f64)> = (0..6)
            .map(|c| {
                let a = std::f64::consts::PI / 3.0 * f64::from(c);
                (a.sin() * spacing_m * f64::from(ring), a.cos() * spacing_m * f64::from(ring))
            })
            .collect();
        for c in 0..6 {
            let (a, b) = (corners[c], corners[(c + 1) % 6]);
            for s in 0..ring {
                let t = f64::from(s) / f64::from(ring);
                out.push((a.0 + t * (b.0 - a.0), a.1 + t * (b.1 - a.1)));
            }
        }
        ring += 1;
    }
    out.truncate(k as usize);
    out
}

fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for ch in s.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// One `[[detonation]]` table to write.
struct AimPoint<'a> {
    label: &'a str,
    phase: Option<&'a str>,
    lat: f64,
    lon: f64,
    yield_kt: f64,
    hob_m: f64,
    count: u32,
}

fn push_detonation(out: &mut String, a: &AimPoint<'_>) {
    let _ = writeln!(out, "\n[[detonation]]");
    if let Some(p) = a.phase {
        let _ = writeln!(out, "phase = {}", toml_string(p));
    }
    let _ = writeln!(out, "label = {}", toml_string(a.label));
    let _ = writeln!(
        out,
        "lat = {:.5}\nlon = {:.5}\nyield_kt = {}\nhob_m = {:.1}\ncount = {}",
        a.lat, a.lon, a.yield_kt, a.hob_m, a.count
    );
}

/// Builds the plan of `request`.
pub fn plan(request: &PlanRequest) -> Result<GeneratedPlan, AppError> {
    if request.weapons_per_city == 0 {
        return Err(AppError::bad("--weapons-per-city must be at least 1"));
    }
    let yield_ = Yield::kilotons(request.yield_kt).map_err(|e| AppError::bad(format!("--yield-kt: {e}")))?;
    let hob_m = match request.height {
        Height::Meters(h) => h,
        Height::Surface => 0.0,
        Height::Air => {
            optimum_height_of_burst(yield_, AIR_BURST_PSI)
                .map_err(|e| AppError::bad(format!("--burst air: {e}")))?
                .hob_m
        }
    };
    let burst = Burst::from_kt_m(request.yield_kt, hob_m).map_err(|e| AppError::bad(format!("--hob-m: {e}")))?;
    let fire_r = brink_consequences::fire::fire_radius_m(&burst, Visibility::REFERENCE)
        .map_err(|e| AppError::bad(format!("--yield-kt/--hob-m: {e}")))?;
    let spacing_m = (2.0 * fire_r).max(1000.0);
    let world = World::embedded();
    let picked = largest_cities(world, &request.countries, request.cities)?;
    let codes: Vec<String> = request.countries.iter().map(|c| c.trim().to_ascii_uppercase()).collect();
    let phase = match &request.by {
        Some(by) => format!("{by} on {}", codes.join(",")),
        None => format!("on {}", codes.join(",")),
    };

    let mut toml = String::new();
    let _ = writeln!(
        toml,
        "# brink strike plan written by `brink plan` (countervalue: the most populous cities, largest first)."
    );
    let mut sources: Vec<(String, String)> = Vec::new();
    let mut body = String::new();
    let mut detonations = 0;
    let mut titles = Vec::new();
    let mut descriptions = Vec::new();
    for spec in &request.add {
        let earlier = crate::strike::load(spec)?;
        titles.push(earlier.title.clone().unwrap_or_else(|| earlier.name.clone()));
        descriptions.extend(earlier.description.clone());
        for d in &earlier.detonations {
            let (lat, lon) = d.lat_lon();
            let label = d.display_label();
            let aim = AimPoint {
                label: &label,
                phase: d.phase.as_deref(),
                lat,
                lon,
                yield_kt: d.yield_kt,
                hob_m: d.hob_m,
                count: d.count,
            };
            push_detonation(&mut body, &aim);
            detonations += 1;
        }
        for (k, v) in &earlier.sources {
            sources.push((format!("{}.{k}", earlier.name), v.clone()));
        }
    }
    let mut cities = Vec::new();
    let offsets = aim_offsets(request.weapons_per_city, spacing_m);
    for &i in &picked {
        let s = &world.settlements()[i];
        let name = world.info(i).map_or_else(|| format!("{:.4}, {:.4}", s.lat_deg, s.lon_deg), |c| c.display());
        cities.push((name.clone(), s.population));
        for (k, &(east, north)) in offsets.iter().enumerate() {
            let (lat, lon) = if k == 0 {
                (s.lat_deg, s.lon_deg)
            } else {
                geo::destination(s.lat_deg, s.lon_deg, east.atan2(north).to_degrees(), east.hypot(north))
            };
            let label = if offsets.len() == 1 { name.clone() } else { format!("{name} (aim point {})", k + 1) };
            let aim =
                AimPoint { label: &label, phase: Some(&phase), lat, lon, yield_kt: request.yield_kt, hob_m, count: 1 };
            push_detonation(&mut body, &aim);
            detonations += 1;
        }
    }
    titles.push(format!(
        "{}{} {} kt on the {} largest cities of {}",
        request.by.as_deref().map(|b| format!("{b}: ")).unwrap_or_default(),
        picked.len() * request.weapons_per_city as usize,
        request.yield_kt,
        picked.len(),
        codes.join(",")
    ));
    let _ = writeln!(
        toml,
        "\n[plan]\nname = {}\ntitle = {}",
        toml_string(&request.name),
        toml_string(&titles.join("; then "))
    );
    descriptions.push(format!(
        "Countervalue plan: {} weapons of {} kt at {:.0} m on each of the {} most populous cities of {} (GeoNames \
population, largest first), spread over each city on a hexagonal pattern {:.1} km apart (twice the mass-fire radius).",
        request.weapons_per_city,
        request.yield_kt,
        hob_m,
        picked.len(),
        codes.join(","),
        spacing_m / 1000.0
    ));
    let _ = writeln!(toml, "description = {}", toml_string(&descriptions.join(" Then: ")));
    toml.push_str(&body);
    sources.push((
        "cities".into(),
        "GeoNames cities >= 1 000 (CC BY 4.0), ranked by population, largest first; see data/PROVENANCE.md".into(),
    ));
    sources.push((
        "hob_m".into(),
        match request.height {
            Height::Air => format!("air burst at the height that maximises the {AIR_BURST_PSI} psi range (Brode 1986)"),
            Height::Surface => "contact surface burst".into(),
            Height::Meters(_) => "given by --hob-m".into(),
        },
    ));
    let _ = writeln!(toml, "\n[sources]");
    for (k, v) in &sources {
        let _ = writeln!(toml, "{} = {}", toml_string(k), toml_string(v));
    }
    Ok(GeneratedPlan { toml, cities, detonations, hob_m, phase })
}

/// The readable summary `brink plan` prints after writing the file.
pub fn summary_text(plan: &GeneratedPlan, path: &str) -> String {
    let mut out = format!(
        "wrote {path}: {} detonations; new phase \"{}\" at {:.0} m on {} cities:\n",
        plan.detonations,
        plan.phase,
        plan.hob_m,
        plan.cities.len()
    );
    for (i, (name, population)) in plan.cities.iter().enumerate().take(10) {
        let _ = writeln!(out, "  {:>3}. {name} ({population:.0})", i + 1);
    }
    if plan.cities.len() > 10 {
        let _ = writeln!(out, "  … and {} more", plan.cities.len() - 10);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hexagonal_aim_points_are_spaced() {
        let pts = aim_offsets(7, 1000.0);
        assert_eq!(pts.len(), 7);
        for p in &pts[1..] {
            assert!((p.0.hypot(p.1) - 1000.0).abs() < 1e-6);
        }
        let pts = aim_offsets(19, 1000.0);
        for (i, a) in pts.iter().enumerate() {
            for b in &pts[i + 1..] {
                assert!((a.0 - b.0).hypot(a.1 - b.1) > 999.0);
            }
        }
    }

    #[test]
    fn ranking_is_largest_first_and_checks_codes() {
        let world = World::embedded();
        let idx = largest_cities(world, &["in".into(), "PK".into()], 5).unwrap();
        let pops: Vec<f64> = idx.iter().map(|&i| world.settlements()[i].population).collect();
        assert!(pops.windows(2).all(|w| w[0] >= w[1]), "{pops:?}");
        assert!(largest_cities(world, &["XX".into()], 1).is_err());
        assert!(largest_cities(world, &["USA".into()], 1).is_err());
    }
}
