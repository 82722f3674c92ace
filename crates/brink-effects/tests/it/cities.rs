//! Hiroshima and Nagasaki: the models against what happened.
//!
//! Bursts: Hiroshima 15 kt at 580 m, Nagasaki 21 kt at 503 m (Ohkita 1985, via SCOPE 28;
//! DS02 heights). These are sanity checks of order and scale: the cities were not ideal
//! surfaces, and casualties mix blast, fire and radiation.

use brink_effects::blast::{BlastModel, ground_range_for_overpressure_m};
use brink_effects::radiation::slant_range_for_dose_m;
use brink_effects::thermal::{BurnDegree, burn_slant_range_m};
use brink_effects::{Burst, Visibility};

use crate::assert_within;

const M_PER_FT: f64 = 0.3048;
const M_PER_MI: f64 = 1609.344;

fn hiroshima() -> Burst {
    Burst::from_kt_m(15.0, 580.0).unwrap()
}

fn nagasaki() -> Burst {
    Burst::from_kt_m(21.0, 503.0).unwrap()
}

fn ground(b: &Burst, slant_m: f64) -> f64 {
    b.ground_range_m(slant_m).expect("reaches the ground")
}

#[test]
fn hiroshima_radiation_ld50_at_three_quarters_of_a_mile() {
    // MED (1946): people in the open had a 50 % chance of surviving the radiation at about
    // ¾ mile from X. LD50 ≈ 450 rad (the lognormal model of G&D ch. XII). "About" ¾ mile
    // and a ±20 % yield uncertainty (15 ± 3 kt): 20 %.
    let b = hiroshima();
    let r = ground(&b, slant_range_for_dose_m(&b, 450.0).unwrap());
    assert_within("Hiroshima 450 rem ground range", r, 0.75 * M_PER_MI, 0.20);
}

#[test]
fn hiroshima_destroyed_zone_lies_between_the_5_and_2_psi_rings() {
    // SCOPE 28 (Pittock et al. 1986): about 13 km² of Hiroshima laid waste, an equivalent
    // radius of 2.03 km. Brick and wooden buildings fail between 5 psi (most buildings
    // collapse) and 2 psi (residences badly damaged) (G&D ch. V); fire spread beyond.
    let b = hiroshima();
    let edge = (13.0e6 / std::f64::consts::PI).sqrt();
    let r5 = ground_range_for_overpressure_m(BlastModel::Brode, &b, 5.0).unwrap().unwrap();
    let r2 = ground_range_for_overpressure_m(BlastModel::Brode, &b, 2.0).unwrap().unwrap();
    assert!(r5 < edge && edge < r2, "5 psi {r5:.0} m, edge {edge:.0} m, 2 psi {r2:.0} m");
}

#[test]
fn casualties_end_near_the_first_degree_burn_range() {
    // MED (1946): casualties extended to about 12 000 ft at Hiroshima and 14 000 ft at
    // Nagasaki. Flash burns to exposed skin are the longest-reaching injury; compare with
    // the 50 % first-degree burn range (G&D Fig. 12.65 threshold). The MED figures are
    // round thousands of feet (±4–8 %), the threshold a 50 % point: 15 %.
    for (name, b, ft) in [("Hiroshima", hiroshima(), 12_000.0), ("Nagasaki", nagasaki(), 14_000.0)] {
        let r = ground(&b, burn_slant_range_m(&b, BurnDegree::First, Visibility::REFERENCE).unwrap());
        assert_within(&format!("{name} first-degree burn range"), r, ft * M_PER_FT, 0.15);
    }
}

#[test]
fn nagasaki_deaths_fall_off_where_the_radiation_ld50_is() {
    // MED (1946) Nagasaki casualties by distance: killed/(killed + injured) is 34 % at
    // 3 300–4 900 ft and 2 % at 4 900–6 550 ft; the radiation LD50 (450 rem) ground range
    // should fall inside the band where mortality collapses.
    let b = nagasaki();
    let r = ground(&b, slant_range_for_dose_m(&b, 450.0).unwrap());
    assert!((3300.0 * M_PER_FT..=4900.0 * M_PER_FT).contains(&r), "Nagasaki 450 rem at {r:.0} m");
}
