//! Invariants: no double counting, monotone in yield, zero far from every city.

use brink_consequences::{CasualtyModel, GridConfig, World, assess};
use proptest::prelude::*;

use crate::util::{at, burst, run};

fn hiroshima() -> (f64, f64) {
    let world = World::embedded();
    let s = &world.settlements()[world.find_city("Hiroshima, JP").unwrap()];
    (s.lat_deg, s.lon_deg)
}

#[test]
fn nobody_is_counted_twice_when_weapons_overlap() {
    // Ten 300 kt weapons on one city, partly overlapping: casualties never exceed the people
    // in reach, and the people in reach never exceed the population of the cities within reach.
    let world = World::embedded();
    let (lat, lon) = hiroshima();
    let plan: Vec<_> = (0..10)
        .map(|k| {
            let (la, lo) = brink_consequences::geo::destination(lat, lon, 36.0 * k as f64, 2_000.0 * (k % 3) as f64);
            at(la, lo, burst(300.0, 1_800.0), 1 + k % 2)
        })
        .collect();
    let got = run(world, &plan, &CasualtyModel::default());
    let t = got.total;
    assert!(t.fatalities + t.injuries <= t.population_in_reach * (1.0 + 1e-12));
    let cities: f64 = world.near(lat, lon, 60_000.0).iter().map(|&(i, _, _)| world.settlements()[i].population).sum();
    assert!(t.population_in_reach <= cities, "{} > {cities}", t.population_in_reach);
    // Ten weapons on the same point with count 10 kill at least as many as one, and fewer
    // than ten times as many (the same people cannot die twice).
    let one = run(world, &[at(lat, lon, burst(300.0, 1_800.0), 1)], &CasualtyModel::default()).total;
    let ten = run(world, &[at(lat, lon, burst(300.0, 1_800.0), 10)], &CasualtyModel::default()).total;
    assert!(ten.fatalities > one.fatalities && ten.fatalities < 10.0 * one.fatalities);
    assert!((ten.population_in_reach / one.population_in_reach - 1.0).abs() < 1e-12);
    // Two co-located entries are the same as one entry with count 2.
    let pair = run(
        world,
        &[at(lat, lon, burst(300.0, 1_800.0), 1), at(lat, lon, burst(300.0, 1_800.0), 1)],
        &CasualtyModel::default(),
    )
    .total;
    let two = run(world, &[at(lat, lon, burst(300.0, 1_800.0), 2)], &CasualtyModel::default()).total;
    assert!((pair.fatalities / two.fatalities - 1.0).abs() < 1e-9, "{} vs {}", pair.fatalities, two.fatalities);
}

#[test]
fn zero_far_from_every_city() {
    // Point Nemo (48.88 S, 123.39 W), the ocean pole of inaccessibility: 2 700 km from land.
    let got = run(World::embedded(), &[at(-48.88, -123.39, burst(20_000.0, 0.0), 5)], &CasualtyModel::default());
    assert_eq!(got.total.fatalities, 0.0);
    assert_eq!(got.total.injuries, 0.0);
    assert_eq!(got.total.population_in_reach, 0.0);
}

#[test]
fn grid_resolution_changes_results_by_under_one_percent() {
    let world = World::embedded();
    let (lat, lon) = hiroshima();
    let plan = [at(lat, lon, burst(15.0, 580.0), 1), at(lat + 0.05, lon + 0.05, burst(300.0, 0.0), 1)];
    let coarse = assess(world, &plan, &CasualtyModel::default(), &GridConfig::default()).unwrap().total;
    let fine = assess(world, &plan, &CasualtyModel::default(), &GridConfig { radial_cells: 384, angular_cells: 256 })
        .unwrap()
        .total;
    assert!((coarse.fatalities / fine.fatalities - 1.0).abs() < 0.01, "{} vs {}", coarse.fatalities, fine.fatalities);
    assert!((coarse.injuries / fine.injuries - 1.0).abs() < 0.01, "{} vs {}", coarse.injuries, fine.injuries);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn fatalities_rise_with_yield(kt in 1.0f64..2000.0, factor in 1.2f64..5.0, hob_scaled in 0.0f64..250.0) {
        // Same scaled height (m/kt^(1/3)), so only the yield changes the picture.
        let (lat, lon) = hiroshima();
        let small = burst(kt, hob_scaled * kt.cbrt());
        let big = burst(kt * factor, hob_scaled * (kt * factor).cbrt());
        let world = World::embedded();
        let a = run(world, &[at(lat, lon, small, 1)], &CasualtyModel::default()).total;
        let b = run(world, &[at(lat, lon, big, 1)], &CasualtyModel::default()).total;
        prop_assert!(b.fatalities >= a.fatalities, "{} kt: {} > {} at ×{factor}", kt, a.fatalities, b.fatalities);
        prop_assert!(b.population_in_reach >= a.population_in_reach);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    #[test]
    fn random_overlapping_plans_never_count_anyone_twice(
        bursts in proptest::collection::vec((0.0f64..360.0, 0.0f64..15_000.0, 1.0f64..1000.0, 0.0f64..1.0, 1u32..4), 1..6)
    ) {
        let world = World::embedded();
        let (lat, lon) = hiroshima();
        let plan: Vec<_> = bursts
            .iter()
            .map(|&(azimuth, distance, kt, hob_fraction, count)| {
                let (la, lo) = brink_consequences::geo::destination(lat, lon, azimuth, distance);
                at(la, lo, burst(kt, hob_fraction * 250.0 * kt.cbrt()), count)
            })
            .collect();
        let got = run(world, &plan, &CasualtyModel::default());
        for d in &got.detonations {
            prop_assert!(d.fatalities + d.injuries <= d.population_in_reach * (1.0 + 1e-12));
            prop_assert!(d.fatalities >= 0.0 && d.injuries >= 0.0);
        }
        let cities: f64 =
            world.near(lat, lon, 15_000.0 + 40_000.0).iter().map(|&(i, _, _)| world.settlements()[i].population).sum();
        prop_assert!(got.total.population_in_reach <= cities * (1.0 + 1e-9));
        // One more weapon can only add deaths (up to grid noise: ownership moves cells between
        // polar grids).
        let fewer = run(world, &plan[..plan.len() - 1], &CasualtyModel::default()).total;
        prop_assert!(got.total.fatalities >= fewer.fatalities * 0.99, "{} < {}", got.total.fatalities, fewer.fatalities);
    }
}
