//! Countervalue strike plans from a few words: the N most populous cities of some countries,
//! K weapons each, or W weapons on their most densely populated places (Toon et al.'s
//! placement) — the operation behind `brink plan`.
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
//! **Densest aim points (`Aim::Densest`, `--aim densest`).** The method of Toon et al. 2007
//! and 2019: each weapon goes to the most densely populated place not yet targeted, and no two
//! fire zones overlap. Candidates are the coordinates of every city of the countries (or of the
//! `--cities N` largest) and the points of the same hexagonal lattice (spacing 2 r_fire)
//! around each city out to half its populated radius ([`DENSEST_REACH_OF_EXTENT`]). Each
//! candidate is scored by the people brink's density model puts inside its fire zone (disc of
//! radius r_fire, [`people_in_disc`]); the candidates are taken best first, one weapon each,
//! skipping any whose fire zone would overlap one already chosen (so the people a new zone
//! covers are never already covered). The first W of this order are the plan, in that order.
//!
//! **Combining.** `add` takes earlier plans (bundled names or files) whose detonations come
//! first, unchanged; every detonation of the new part carries the phase `"BY on CC,CC"`
//! (or `"on CC,CC"`), so per-phase totals separate the parts.

use std::fmt::Write as _;

use brink_consequences::{World, geo};
use brink_effects::blast::optimum_height_of_burst;
use brink_effects::{Burst, Visibility, Yield};
use rayon::prelude::*;

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

/// How `brink plan` places its weapons.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Aim {
    /// K weapons on each of the N most populous cities: the city's coordinates, then the
    /// hexagonal rings around it (brink's own allocation; the default).
    #[default]
    PerCity,
    /// `weapons` weapons, each on the candidate aim point whose fire zone holds the most people
    /// not yet covered, no two fire zones overlapping (Toon et al. 2007, 2019; module docs).
    Densest {
        /// Number of weapons, ≥ 1.
        weapons: u32,
    },
}

/// A candidate lattice around a city reaches out to this fraction of the city's populated
/// radius (for a Clark profile, 4 scale lengths, where the density is 1.8 % of the centre's).
pub const DENSEST_REACH_OF_EXTENT: f64 = 0.5;

/// Two fire zones overlap when their centres are closer than 2 r_fire × (1 − this) (the
/// tolerance absorbs the geodesic rounding of lattice points that touch).
pub const OVERLAP_TOLERANCE: f64 = 1e-3;

/// What `brink plan` is asked for.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanRequest {
    /// ISO 3166-1 alpha-2 codes of the target countries.
    pub countries: Vec<String>,
    /// Number of cities (the most populous first). Required with [`Aim::PerCity`]; with
    /// [`Aim::Densest`] the candidate cities, `None` for every city of the countries.
    pub cities: Option<usize>,
    /// Weapons per city, ≥ 1 ([`Aim::PerCity`] only).
    pub weapons_per_city: u32,
    /// How the weapons are placed.
    pub aim: Aim,
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
/// into `world`; `n = None` for all of them. An unknown code (no city in the table) is an error
/// naming it.
pub fn largest_cities(world: &World, countries: &[String], n: Option<usize>) -> Result<Vec<usize>, AppError> {
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
    let n = n.unwrap_or(found.len());
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

/// People living within `radius_m` of a point by brink's density model (every settlement whose
/// disc reaches it), on a polar grid of 8 equal-width rings × 16 sectors, each cell's density
/// taken at its area centroid: coarser than [`World::population_within`], enough to rank
/// candidate aim points.
pub fn people_in_disc(world: &World, lat_deg: f64, lon_deg: f64, radius_m: f64) -> f64 {
    world.population_within_on(lat_deg, lon_deg, radius_m, 8, 16)
}

/// Where the `k`-th point of a city's aim lattice lies ([`aim_offsets`]: `offset` metres east
/// and north): the city's own coordinates for the first, else along the geodesic.
fn lattice_point(s: &brink_consequences::Settlement, k: usize, (east, north): (f64, f64)) -> (f64, f64) {
    if k == 0 {
        (s.lat_deg, s.lon_deg)
    } else {
        geo::destination(s.lat_deg, s.lon_deg, east.atan2(north).to_degrees(), east.hypot(north))
    }
}

/// An aim point chosen by [`densest_aim_points`].
#[derive(Debug, Clone, PartialEq)]
pub struct DenseAim {
    /// The city whose lattice it belongs to (index into the world).
    pub city: usize,
    /// Its place on that city's lattice: 0 the city's coordinates, then the rings ([`aim_offsets`]).
    pub lattice_index: usize,
    /// Latitude (degrees).
    pub lat: f64,
    /// Longitude (degrees).
    pub lon: f64,
    /// People inside its fire zone by [`people_in_disc`].
    pub people: f64,
}

/// The `weapons` aim points of Toon et al.'s method (module docs): candidates are the centres of
/// `cities` (indices into `world`, as [`largest_cities`] gives them) and their hexagonal lattices of spacing 2 `fire_radius_m`, taken by the people in
/// their fire zone, most first, skipping any that would overlap a chosen fire zone. Returned in
/// the order chosen. Errors when fewer than `weapons` non-overlapping candidates exist.
pub fn densest_aim_points(
    world: &World,
    cities: &[usize],
    weapons: u32,
    fire_radius_m: f64,
) -> Result<Vec<DenseAim>, AppError> {
    if weapons == 0 {
        return Err(AppError::bad("--weapons must be at least 1"));
    }
    if !(fire_radius_m.is_finite() && fire_radius_m > 0.0) {
        return Err(AppError::bad(
            "--aim densest: the weapon's fire zone is empty at this height of burst, so no aim point can be ranked",
        ));
    }
    let spacing = 2.0 * fire_radius_m;
    let settlements = world.settlements();
    let mut candidates: Vec<DenseAim> = Vec::new();
    for &c in cities {
        let s = &settlements[c];
        let rings = (DENSEST_REACH_OF_EXTENT * s.extent_m() / spacing).floor().min(50.0) as u32;
        let count = 1 + 3 * rings * (rings + 1);
        for (k, &offset) in aim_offsets(count, spacing).iter().enumerate() {
            let (lat, lon) = lattice_point(s, k, offset);
            candidates.push(DenseAim { city: c, lattice_index: k, lat, lon, people: 0.0 });
        }
    }
    // Each candidate's score is independent of the others: scored in parallel, then sorted.
    candidates.par_iter_mut().for_each(|a| a.people = people_in_disc(world, a.lat, a.lon, fire_radius_m));
    // Most people first; ties by the city's rank in `cities`, then the lattice order.
    let rank: std::collections::HashMap<usize, usize> = cities.iter().enumerate().map(|(r, &c)| (c, r)).collect();
    candidates.sort_by(|a, b| {
        b.people
            .total_cmp(&a.people)
            .then(rank[&a.city].cmp(&rank[&b.city]))
            .then(a.lattice_index.cmp(&b.lattice_index))
    });
    let min_distance = spacing * (1.0 - OVERLAP_TOLERANCE);
    let mut chosen: Vec<DenseAim> = Vec::with_capacity((weapons as usize).min(candidates.len()));
    for a in candidates {
        if chosen.iter().all(|b| geo::distance_azimuth(a.lat, a.lon, b.lat, b.lon).0 >= min_distance) {
            chosen.push(a);
            if chosen.len() == weapons as usize {
                return Ok(chosen);
            }
        }
    }
    Err(AppError::bad(format!(
        "--weapons {weapons}: only {} aim points with non-overlapping fire zones among the candidate cities (give more --cities or fewer --weapons)",
        chosen.len()
    )))
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
    match request.aim {
        Aim::PerCity => {
            if request.weapons_per_city == 0 {
                return Err(AppError::bad("--weapons-per-city must be at least 1"));
            }
            if request.cities.is_none() {
                return Err(AppError::bad(
                    "--cities N is required with --aim per-city (or give --aim densest --weapons W)",
                ));
            }
        }
        Aim::Densest { weapons } => {
            if request.weapons_per_city != 1 {
                return Err(AppError::bad(
                    "--weapons-per-city is for --aim per-city; with --aim densest give the total as --weapons W",
                ));
            }
            if weapons == 0 {
                return Err(AppError::bad("--weapons must be at least 1"));
            }
        }
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
        "# brink strike plan written by `brink plan` (countervalue: {}).",
        match request.aim {
            Aim::PerCity => "the most populous cities, largest first",
            Aim::Densest { .. } => "the most densely populated fire zones, densest first",
        }
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
    let city_name = |i: usize| {
        let s = &world.settlements()[i];
        world.info(i).map_or_else(|| format!("{:.4}, {:.4}", s.lat_deg, s.lon_deg), |c| c.display())
    };
    // One weapon of this plan's own part (the earlier plans' keep theirs, above).
    let push_new = |body: &mut String, label: &str, lat: f64, lon: f64| {
        let aim = AimPoint { label, phase: Some(&phase), lat, lon, yield_kt: request.yield_kt, hob_m, count: 1 };
        push_detonation(body, &aim);
    };
    let mut cities = Vec::new();
    let by_prefix = request.by.as_deref().map(|b| format!("{b}: ")).unwrap_or_default();
    match request.aim {
        Aim::PerCity => {
            let offsets = aim_offsets(request.weapons_per_city, spacing_m);
            for &i in &picked {
                let s = &world.settlements()[i];
                let name = city_name(i);
                cities.push((name.clone(), s.population));
                for (k, &offset) in offsets.iter().enumerate() {
                    let (lat, lon) = lattice_point(s, k, offset);
                    let label = if offsets.len() == 1 { name.clone() } else { format!("{name} (aim point {})", k + 1) };
                    push_new(&mut body, &label, lat, lon);
                    detonations += 1;
                }
            }
            titles.push(format!(
                "{by_prefix}{} {} kt on the {} largest cities of {}",
                picked.len() * request.weapons_per_city as usize,
                request.yield_kt,
                picked.len(),
                codes.join(",")
            ));
            descriptions.push(format!(
                "Countervalue plan: {} weapons of {} kt at {:.0} m on each of the {} most populous cities of {} \
(GeoNames population, largest first), spread over each city on a hexagonal pattern {:.1} km apart (twice the \
mass-fire radius).",
                request.weapons_per_city,
                request.yield_kt,
                hob_m,
                picked.len(),
                codes.join(","),
                spacing_m / 1000.0
            ));
        }
        Aim::Densest { weapons } => {
            let chosen = densest_aim_points(world, &picked, weapons, fire_r)?;
            let mut seen = std::collections::HashSet::new();
            for a in &chosen {
                let name = city_name(a.city);
                if seen.insert(a.city) {
                    cities.push((name.clone(), world.settlements()[a.city].population));
                }
                push_new(&mut body, &format!("{name} (aim point {})", a.lattice_index + 1), a.lat, a.lon);
                detonations += 1;
            }
            titles.push(format!(
                "{by_prefix}{weapons} {} kt on the most densely populated places of {}",
                request.yield_kt,
                codes.join(",")
            ));
            descriptions.push(format!(
                "Countervalue plan after Toon et al. (2007, 2019): {weapons} weapons of {} kt at {:.0} m, one on each of \
the {weapons} aim points whose fire zones (radius {:.2} km) hold the most people, chosen greedily so that no two \
fire zones overlap, among the centres of {} cities of {} and the hexagonal lattices {:.2} km apart around them; \
densest first ({} cities hit).",
                request.yield_kt,
                hob_m,
                fire_r / 1000.0,
                picked.len(),
                codes.join(","),
                2.0 * fire_r / 1000.0,
                cities.len()
            ));
        }
    }
    let _ = writeln!(
        toml,
        "\n[plan]\nname = {}\ntitle = {}",
        toml_string(&request.name),
        toml_string(&titles.join("; then "))
    );
    let _ = writeln!(toml, "description = {}", toml_string(&descriptions.join(" Then: ")));
    toml.push_str(&body);
    sources.push((
        "cities".into(),
        "GeoNames cities >= 1 000 (CC BY 4.0), ranked by population, largest first; see data/PROVENANCE.md".into(),
    ));
    if let Aim::Densest { .. } = request.aim {
        sources.push((
            "aim".into(),
            "Toon et al. 2007 (ACP 7, 1973) and 2019 (Sci. Adv. 5, eaay5478): weapons on the most densely populated \
places, fire zones not overlapping; brink ranks candidate aim points by its own density model (docs/CONSEQUENCES.md)"
                .into(),
        ));
    }
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
        let idx = largest_cities(world, &["in".into(), "PK".into()], Some(5)).unwrap();
        let pops: Vec<f64> = idx.iter().map(|&i| world.settlements()[i].population).collect();
        assert!(pops.windows(2).all(|w| w[0] >= w[1]), "{pops:?}");
        assert!(largest_cities(world, &["XX".into()], Some(1)).is_err());
        assert!(largest_cities(world, &["USA".into()], Some(1)).is_err());
    }

    fn densest(countries: &[&str], cities: Option<usize>, weapons: u32) -> PlanRequest {
        PlanRequest {
            countries: countries.iter().map(|c| (*c).into()).collect(),
            cities,
            weapons_per_city: 1,
            aim: Aim::Densest { weapons },
            yield_kt: 15.0,
            height: Height::Air,
            by: None,
            add: Vec::new(),
            name: "t".into(),
        }
    }

    #[test]
    fn densest_aim_points_are_greedy_and_do_not_overlap() {
        let world = World::embedded();
        let cities = largest_cities(world, &["PK".into()], None).unwrap();
        let r = 2000.0;
        let chosen = densest_aim_points(world, &cities, 30, r).unwrap();
        assert_eq!(chosen.len(), 30);
        // Most people first, each fire zone clear of the others.
        assert!(chosen.windows(2).all(|w| w[0].people >= w[1].people));
        for (i, a) in chosen.iter().enumerate() {
            for b in &chosen[i + 1..] {
                assert!(geo::distance_azimuth(a.lat, a.lon, b.lat, b.lon).0 >= 2.0 * r * (1.0 - OVERLAP_TOLERANCE));
            }
        }
        // Prefix-consistent: 10 weapons go where the first 10 of 30 went.
        assert_eq!(densest_aim_points(world, &cities, 10, r).unwrap(), chosen[..10].to_vec());
        // The first is the single densest fire zone of all candidates, and it is populated.
        assert!(chosen[0].people > 0.0);
        assert_eq!(densest_aim_points(world, &cities, 1, r).unwrap()[0], chosen[0]);
        // Fewer candidates than weapons, no weapons, or no fire zone: errors, not panics.
        let one_town = &cities[cities.len() - 1..];
        assert!(densest_aim_points(world, one_town, 2, r).unwrap_err().to_string().contains("--weapons 2"));
        assert!(densest_aim_points(world, &cities, 0, r).is_err());
        assert!(densest_aim_points(world, &cities, 1, 0.0).is_err());
        assert!(densest_aim_points(world, &cities, 1, f64::NAN).is_err());
    }

    #[test]
    fn densest_plans_and_their_errors() {
        let p = plan(&densest(&["PK"], None, 5)).unwrap();
        assert_eq!(p.detonations, 5);
        assert!(p.toml.contains("Toon et al."), "{}", p.toml);
        let p = plan(&densest(&["PK"], Some(3), 5)).unwrap();
        assert!(p.cities.len() <= 3);
        for (req, needle) in [
            (densest(&["PK"], None, 0), "--weapons"),
            (densest(&["PK"], None, u32::MAX), "--weapons 4294967295"),
            (densest(&["PK"], Some(1), 10_000), "--weapons 10000"),
            (PlanRequest { weapons_per_city: 2, ..densest(&["PK"], None, 5) }, "--weapons-per-city"),
            (PlanRequest { aim: Aim::PerCity, ..densest(&["PK"], None, 5) }, "--cities"),
            (PlanRequest { height: Height::Meters(50_000.0), ..densest(&["PK"], None, 5) }, "fire zone"),
        ] {
            let e = plan(&req).unwrap_err().to_string();
            assert!(e.contains(needle), "{req:?}: {e}");
        }
    }
}
