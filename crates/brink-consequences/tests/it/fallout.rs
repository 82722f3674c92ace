//! Optional fallout deaths: against the WSEG-10 point dose and the lognormal lethality, and
//! the no-double-counting invariants.

use brink_consequences::casualty::lognormal_cdf;
use brink_consequences::fallout::FalloutModel;
use brink_consequences::{CasualtyModel, Profile, World, geo};

use crate::util::{at, burst, one_settlement, run};

/// 15 mph (WSEG-10's reference case in the research note) in km/h.
const WIND_KMH: f64 = 15.0 * 1.609_344;

#[test]
fn small_town_on_the_hot_line_dies_at_the_lognormal_rate_of_the_wseg10_dose() {
    // 1 Mt, fission fraction 1, 15 mph: 30-day ERD on the hot line 50 mi downwind = 1 139 R
    // (research note effects-models.md §2.5, glasstone with Stepanov's corrections).
    let (lat, lon) = geo::destination(0.0, 0.0, 90.0, 50.0 * 1609.344);
    let town = one_settlement(lat, lon, 10_000.0, Profile::UniformDisc { radius_m: 500.0 });
    for pf in [1.0, 3.0] {
        let model = CasualtyModel {
            fallout: Some(FalloutModel::new(WIND_KMH, 90.0, 1.0, pf).unwrap()),
            ..CasualtyModel::default()
        };
        let got = run(&town, &[at(0.0, 0.0, burst(1000.0, 0.0), 1)], &model);
        let expected = 10_000.0 * lognormal_cdf(1139.0 / pf, 450.0, 0.42);
        assert!(
            (got.total.fatalities / expected - 1.0).abs() < 0.03,
            "PF {pf}: {} vs {expected}",
            got.total.fatalities
        );
        // Prompt effects do not reach 80 km.
        assert_eq!(got.detonations[0].fatalities, 0.0);
    }
    // Upwind, nothing.
    let (lat, lon) = geo::destination(0.0, 0.0, 270.0, 50.0 * 1609.344);
    let upwind = one_settlement(lat, lon, 10_000.0, Profile::UniformDisc { radius_m: 500.0 });
    let model = CasualtyModel {
        fallout: Some(FalloutModel::new(WIND_KMH, 90.0, 1.0, 1.0).unwrap()),
        ..CasualtyModel::default()
    };
    assert_eq!(run(&upwind, &[at(0.0, 0.0, burst(1000.0, 0.0), 1)], &model).total.fatalities, 0.0);
}

#[test]
fn high_air_bursts_make_no_local_fallout() {
    let world = World::embedded();
    let s = &world.settlements()[world.find_city("Hiroshima, JP").unwrap()];
    let plan = [at(s.lat_deg, s.lon_deg, burst(15.0, 580.0), 1)];
    let with =
        CasualtyModel { fallout: Some(FalloutModel::new(20.0, 45.0, 1.0, 1.0).unwrap()), ..CasualtyModel::default() };
    let a = run(world, &plan, &with);
    let b = run(world, &plan, &CasualtyModel::default());
    assert_eq!(a.fallout.unwrap().fatalities, 0.0);
    assert_eq!(a.total, b.total);
}

#[test]
fn fallout_moves_people_from_alive_to_dead_and_never_counts_twice() {
    let world = World::embedded();
    let s = &world.settlements()[world.find_city("Hiroshima, JP").unwrap()];
    let plan = [at(s.lat_deg, s.lon_deg, burst(300.0, 0.0), 2)];
    let prompt = run(world, &plan, &CasualtyModel::default()).total;
    let with =
        CasualtyModel { fallout: Some(FalloutModel::new(30.0, 60.0, 0.5, 2.0).unwrap()), ..CasualtyModel::default() };
    let got = run(world, &plan, &with);
    let f = got.fallout.unwrap();
    assert!(f.fatalities > 0.0 && f.previously_injured <= f.fatalities);
    assert!(got.total.fatalities > prompt.fatalities && got.total.injuries <= prompt.injuries);
    // Everyone killed or injured lives within the plume's or the blast's reach: bounded by the
    // population of every city within 1 000 km.
    let nearby: f64 =
        world.near(s.lat_deg, s.lon_deg, 1_000_000.0).iter().map(|&(i, _, _)| world.settlements()[i].population).sum();
    assert!(got.total.fatalities + got.total.injuries <= nearby);
}

#[test]
fn fallout_inputs_are_validated() {
    assert!(FalloutModel::new(0.0, 90.0, 1.0, 1.0).is_err());
    assert!(FalloutModel::new(20.0, 400.0, 1.0, 1.0).is_err());
    assert!(FalloutModel::new(20.0, 90.0, 0.0, 1.0).is_err());
    assert!(FalloutModel::new(20.0, 90.0, 1.0, 0.5).is_err());
}
