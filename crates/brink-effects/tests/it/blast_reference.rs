//! Blast ranges against Glasstone & Dolan 1977 and OTA 1979; cube-root scaling.

use brink_effects::Burst;
use brink_effects::blast::{BlastModel, ground_range_for_overpressure_m, optimum_height_of_burst};

use crate::assert_within;

const M_PER_FT: f64 = 0.3048;
const M_PER_MI: f64 = 1609.344;

fn range(model: BlastModel, kt: f64, hob_m: f64, psi: f64) -> f64 {
    ground_range_for_overpressure_m(model, &Burst::from_kt_m(kt, hob_m).unwrap(), psi)
        .unwrap()
        .expect("overpressure reaches the ground")
}

/// G&D 1977 Fig. 3.73 (1 kt, height-of-burst curves), surface-burst intercepts in feet, as
/// pixel-digitised by NUKEMAP (research note effects-models.md §2.2). 5 psi is interpolated
/// there between the 4 and 6 psi curves.
const GD_HOB0_1KT_FT: [(f64, f64); 5] = [(1.0, 3860.0), (2.0, 2558.0), (5.0, 1509.0), (10.0, 1024.0), (20.0, 714.0)];

#[test]
fn brode_surface_burst_matches_glasstone_dolan_at_5_to_20_psi() {
    // Brode (1986) states about ±10 % against the calculations it fits; G&D's figure is read
    // to a few per cent. At 5–20 psi both describe the same ideal-surface physics: 5 %.
    for &(psi, ft) in &GD_HOB0_1KT_FT[2..] {
        assert_within(
            &format!("Brode {psi} psi, 1 kt surface"),
            range(BlastModel::Brode, 1.0, 0.0, psi),
            ft * M_PER_FT,
            0.05,
        );
        assert_within(
            &format!("DNA {psi} psi, 1 kt surface"),
            range(BlastModel::Dna, 1.0, 0.0, psi),
            ft * M_PER_FT,
            0.05,
        );
    }
}

#[test]
fn low_overpressure_surface_ranges_exceed_glasstone_dolan_by_the_documented_margin() {
    // G&D's HOB-0 curve is shorter at low overpressure than the ideal-surface, twice-yield
    // models (Brode, DNA): about 9 % at 2 psi and 17–21 % at 1 psi (research note §2.2;
    // docs/EFFECTS.md). brink keeps the ideal-surface convention; this pins the size of that
    // choice so a change in either direction is noticed.
    for model in [BlastModel::Brode, BlastModel::Dna] {
        let r2 = range(model, 1.0, 0.0, 2.0) / (2558.0 * M_PER_FT);
        let r1 = range(model, 1.0, 0.0, 1.0) / (3860.0 * M_PER_FT);
        assert!((1.0..=1.12).contains(&r2), "{model:?} 2 psi ratio {r2}");
        assert!((1.10..=1.25).contains(&r1), "{model:?} 1 psi ratio {r1}");
    }
}

#[test]
fn optimum_height_ranges_match_glasstone_dolan_knees() {
    // G&D Fig. 3.73 maximum ground range over all heights of burst (1 kt), feet: 1 psi 7021,
    // 2 psi 4207, 10 psi 1455, 20 psi 922 (NUKEMAP digitisation). Brode's stated ±10 %.
    for (psi, ft) in [(1.0, 7021.0), (2.0, 4207.0), (10.0, 1455.0), (20.0, 922.0)] {
        let opt = optimum_height_of_burst(brink_effects::Yield::kilotons(1.0).unwrap(), psi).unwrap();
        assert_within(&format!("max range of {psi} psi, 1 kt"), opt.ground_range_m, ft * M_PER_FT, 0.10);
        // The optimum is a genuine air burst, and lower for higher overpressures.
        assert!(opt.hob_m > 100.0 && opt.hob_m < 700.0, "{psi} psi optimum at {} m", opt.hob_m);
    }
}

#[test]
fn cube_root_scaling_holds_exactly() {
    // G&D 1977 ch. III: d/d₁ = (W/W₁)^(1/3), with the height of burst scaled the same way.
    for model in [BlastModel::Brode, BlastModel::Dna] {
        for psi in [1.0, 5.0, 20.0] {
            let r1 = range(model, 1.0, 0.0, psi);
            for kt in [20.0, 1000.0] {
                assert_within("cube-root scaling", range(model, kt, 0.0, psi), r1 * f64::cbrt(kt), 1e-9);
            }
        }
    }
    let r1 = range(BlastModel::Brode, 1.0, 200.0, 5.0);
    assert_within("cube-root scaling with HOB", range(BlastModel::Brode, 1000.0, 2000.0, 5.0), 10.0 * r1, 1e-9);
}

#[test]
fn one_megaton_surface_burst_against_ota_1979() {
    // OTA, *The Effects of Nuclear War* (1979), 1 Mt surface burst ring radii: 12 psi 1.7 mi,
    // 5 psi 2.7 mi. OTA rounds to 0.1 mi (3–6 %) and follows G&D; 10 %.
    assert_within("OTA 12 psi", range(BlastModel::Brode, 1000.0, 0.0, 12.0), 1.7 * M_PER_MI, 0.10);
    assert_within("OTA 5 psi", range(BlastModel::Brode, 1000.0, 0.0, 5.0), 2.7 * M_PER_MI, 0.10);
}
