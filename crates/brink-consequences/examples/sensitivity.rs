//! Sensitivity of the headline figures to the population and exposure assumptions.
//!
//! `cargo run --release -p brink-consequences --example sensitivity`
//!
//! Varies one assumption at a time around the defaults (Clark scale 1.6 km at 10⁶ people,
//! exposed fraction 0.25, burn mortality 0.5) and prints Hiroshima with its 1945 population
//! and the bundled Plan A-like plan. Asserts what must hold whatever the assumptions: the
//! default row equals the library default, and casualties never exceed the people in reach.

use brink_consequences::population::{CITIES_TSV, CLARK_SCALE_AT_1M_M};
use brink_consequences::{CasualtyModel, Detonation, GridConfig, Settlement, World, assess};
use brink_effects::Burst;
use brink_scenario::plan::{ResolvedCity, load_plan};

fn main() {
    let default_world = World::embedded();
    let resolve = |q: &str| -> Result<ResolvedCity, String> {
        let i = default_world.find_city(q).map_err(|e| e.to_string())?;
        let s = &default_world.settlements()[i];
        Ok(ResolvedCity { display: q.to_owned(), lat_deg: s.lat_deg, lon_deg: s.lon_deg })
    };
    let plan = load_plan("plan-a-2019", &resolve).expect("bundled plan");
    let detonations: Vec<Detonation> = plan
        .detonations
        .iter()
        .map(|d| {
            let (lat, lon) = d.lat_lon();
            Detonation::new(d.display_label(), lat, lon, Burst::from_kt_m(d.yield_kt, d.hob_m).unwrap(), d.count)
                .unwrap()
        })
        .collect();
    let hypocentre = (34.3955, 132.4536);
    let hiroshima_burst =
        [Detonation::new("Hiroshima", hypocentre.0, hypocentre.1, Burst::from_kt_m(15.0, 580.0).unwrap(), 1).unwrap()];
    let default = CasualtyModel::default();
    let rows: [(&str, f64, CasualtyModel); 7] = [
        ("defaults", CLARK_SCALE_AT_1M_M, default),
        ("Clark scale 1.2 km", 1_200.0, default),
        ("Clark scale 3 km (before calibration)", 3_000.0, default),
        ("exposed 0.10", CLARK_SCALE_AT_1M_M, CasualtyModel { exposed_fraction: 0.10, ..default }),
        ("exposed 0.50", CLARK_SCALE_AT_1M_M, CasualtyModel { exposed_fraction: 0.50, ..default }),
        ("burn mortality 0.25", CLARK_SCALE_AT_1M_M, CasualtyModel { burn_mortality: 0.25, ..default }),
        ("burn mortality 0.75", CLARK_SCALE_AT_1M_M, CasualtyModel { burn_mortality: 0.75, ..default }),
    ];
    println!("| assumption | Hiroshima 1945 dead | injured | Plan A-like dead | injured |");
    println!("|---|---|---|---|---|");
    for (name, scale, model) in rows {
        let world = World::from_table(CITIES_TSV, scale);
        let b = scale * (255_000.0f64 / 1e6).cbrt();
        let town = World::new(vec![(
            Settlement::new(
                hypocentre.0,
                hypocentre.1,
                255_000.0,
                brink_consequences::Profile::Exponential { scale_m: b },
            )
            .unwrap(),
            None,
        )]);
        let h = assess(&town, &hiroshima_burst, &model, &GridConfig::default()).unwrap().total;
        let p = assess(&world, &detonations, &model, &GridConfig::default()).unwrap().total;
        assert!(
            h.fatalities + h.injuries <= h.population_in_reach && p.fatalities + p.injuries <= p.population_in_reach
        );
        if name == "defaults" {
            let lib = assess(default_world, &detonations, &default, &GridConfig::default()).unwrap().total;
            assert!((lib.fatalities - p.fatalities).abs() < 1e-6 * lib.fatalities);
        }
        println!(
            "| {name} | {:.0} k | {:.0} k | {:.1} M | {:.1} M |",
            h.fatalities / 1e3,
            h.injuries / 1e3,
            p.fatalities / 1e6,
            p.injuries / 1e6
        );
    }
}
