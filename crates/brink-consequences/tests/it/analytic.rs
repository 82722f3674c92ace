//! A uniform-density disc against the analytic areas of the effect rings.

use std::f64::consts::PI;

use brink_consequences::casualty::{OTA_RING_FRACTIONS, OTA_RING_PSI};
use brink_consequences::{CasualtyModel, Profile, geo};
use brink_effects::blast::{self, BlastModel};

use crate::util::{at, blast_only, burst, one_settlement, run};

/// OTA's ring fractions times the analytic annulus areas π(r₁² − r₀²) times the density.
fn analytic_blast(b: &brink_effects::Burst, density: f64) -> (f64, f64) {
    let mut inner = 0.0;
    let (mut killed, mut injured) = (0.0, 0.0);
    for (&psi, &(k, i)) in OTA_RING_PSI.iter().zip(&OTA_RING_FRACTIONS) {
        let r = blast::ground_range_for_overpressure_m(BlastModel::Brode, b, psi).unwrap().unwrap();
        let area = PI * (r * r - inner * inner);
        killed += k * area * density;
        injured += i * area * density;
        inner = r;
    }
    (killed, injured)
}

#[test]
fn uniform_disc_centred_on_the_burst_matches_the_ring_areas() {
    // 1 Mt surface burst (OTA's own case) on a 40 km disc of 2 000 people/km².
    let b = burst(1000.0, 0.0);
    let radius = 40_000.0;
    let density = 2000.0e-6;
    let world = one_settlement(10.0, 20.0, density * PI * radius * radius, Profile::UniformDisc { radius_m: radius });
    let got = run(&world, &[at(10.0, 20.0, b, 1)], &blast_only());
    let (killed, injured) = analytic_blast(&b, density);
    assert!((got.total.fatalities / killed - 1.0).abs() < 1e-6, "{} vs {killed}", got.total.fatalities);
    assert!((got.total.injuries / injured - 1.0).abs() < 1e-6, "{} vs {injured}", got.total.injuries);
    // People in reach: the 1 psi disc.
    let r1 = blast::ground_range_for_overpressure_m(BlastModel::Brode, &b, 1.0).unwrap().unwrap();
    assert!((got.total.population_in_reach / (density * PI * r1 * r1) - 1.0).abs() < 1e-6);
}

#[test]
fn small_disc_inside_one_ring_takes_that_rings_fractions() {
    // A 300 m disc centred 3.5 km east of a 1 Mt surface burst lies inside the 5–2 psi ring
    // (5 psi at ~4.7 km, 12 psi at ~2.9 km for Brode): OTA gives 5 % killed, 45 % injured.
    let b = burst(1000.0, 0.0);
    let r5 = blast::ground_range_for_overpressure_m(BlastModel::Brode, &b, 5.0).unwrap().unwrap();
    let r12 = blast::ground_range_for_overpressure_m(BlastModel::Brode, &b, 12.0).unwrap().unwrap();
    let (lat, lon) = geo::destination(0.0, 0.0, 90.0, 0.5 * (r5 + r12));
    assert!(r5 - r12 > 700.0);
    let world = one_settlement(lat, lon, 10_000.0, Profile::UniformDisc { radius_m: 300.0 });
    // A fine grid (cells ~40 m × 45 m here): the disc's edge cuts cells, 5 % on its population.
    let grid = brink_consequences::GridConfig { radial_cells: 384, angular_cells: 512 };
    let got = brink_consequences::assess(&world, &[at(0.0, 0.0, b, 1)], &blast_only(), &grid).unwrap();
    assert!((got.total.population_in_reach / 10_000.0 - 1.0).abs() < 0.05, "{}", got.total.population_in_reach);
    assert!((got.total.fatalities / got.total.population_in_reach - 0.50).abs() < 1e-9);
    assert!((got.total.injuries / got.total.population_in_reach - 0.40).abs() < 1e-9);
}

#[test]
fn thermal_and_radiation_add_to_blast_by_independent_risks() {
    // Against a 1-D quadrature of the combined risk (fine midpoint rule on 200 000 rings) over
    // a uniform disc: checks the 2-D grid, not the risk model.
    let b = burst(15.0, 580.0);
    let model = CasualtyModel::default();
    let profile = brink_consequences::WeaponProfile::new(b, &model).unwrap();
    let radius = 20_000.0;
    let density = 5000.0e-6;
    let world = one_settlement(34.4, 132.45, density * PI * radius * radius, Profile::UniformDisc { radius_m: radius });
    let got = run(&world, &[at(34.4, 132.45, b, 1)], &model);
    let n = 200_000;
    let dr = profile.reach_m() / n as f64;
    let (mut killed, mut injured) = (0.0, 0.0);
    for i in 0..n {
        let r = (i as f64 + 0.5) * dr;
        let h = profile.harm_at(r);
        let people = density * 2.0 * PI * r * dr;
        killed += people * (1.0 - h.alive);
        injured += people * (h.alive - h.unhurt);
    }
    assert!((got.total.fatalities / killed - 1.0).abs() < 0.005, "{} vs {killed}", got.total.fatalities);
    assert!((got.total.injuries / injured - 1.0).abs() < 0.005, "{} vs {injured}", got.total.injuries);
}
