//! Published figures: Hiroshima 1945 (MED 1946), and the bundled plans.

use brink_consequences::{CasualtyModel, Settlement, World};

use crate::util::{at, burst, run};

/// Hypocentre of the Hiroshima bomb (near the Shima hospital): 34.3955 N, 132.4536 E.
const HYPOCENTRE: (f64, f64) = (34.3955, 132.4536);

#[test]
fn hiroshima_1945_population_against_med_1946() {
    // The 1945 city: 255 000 people before the raid (MED 1946), spread by the same Clark
    // profile as every city (b = 1.9 km), centred on the hypocentre. 15 kt at 580 m.
    let world = World::new(vec![(Settlement::city(HYPOCENTRE.0, HYPOCENTRE.1, 255_000.0).unwrap(), None)]);
    let got = run(&world, &[at(HYPOCENTRE.0, HYPOCENTRE.1, burst(15.0, 580.0), 1)], &CasualtyModel::default()).total;
    eprintln!(
        "Hiroshima 1945: {:.0} dead, {:.0} injured, {:.0} in reach",
        got.fatalities, got.injuries, got.population_in_reach
    );
    // MED 1946 "best available figures": 66 000 dead, 69 000 injured. Range set before running:
    // ±50 % (the population model is generic, not 1945 Hiroshima's).
    assert!((33_000.0..=99_000.0).contains(&got.fatalities), "{}", got.fatalities);
    assert!((34_500.0..=103_500.0).contains(&got.injuries), "{}", got.injuries);
}
