//! Thermal and prompt-radiation ranges against independent published figures.

use brink_effects::radiation::slant_range_for_dose_m;
use brink_effects::thermal::slant_range_for_fluence_m;
use brink_effects::{Burst, HeightOfBurst, Visibility, Yield};

use crate::assert_within;

/// An air burst high enough that its fireball clears the ground (100 m · W^0.4 > 61 m · W^0.4).
fn air_burst(kt: f64) -> Burst {
    Burst::new(Yield::kilotons(kt).unwrap(), HeightOfBurst::meters(100.0 * kt.powf(0.4)).unwrap())
}

#[test]
fn burn_exposure_ranges_against_the_atomic_archive_table() {
    // Radiant exposures and ranges for 1st/2nd/3rd-degree burns (atomicarchive.com after
    // G&D 1977; research note §2.3). At 20 kt, where the path is a few km and transmittance
    // matters little, 15 %. At megaton yields the ranges are tens of km, the result hangs on
    // the transmittance assumed, and published sources spread by 20–30 % (the Soviet
    // nomogram runs 20–25 % longer than this table at 1 Mt, research note §2.3); brink runs
    // 11–32 % longer, within that spread: 35 %.
    let table = [
        (20.0, 0.15, [(2.5, 4.3), (5.0, 3.2), (8.0, 2.7)]),
        (1000.0, 0.35, [(3.2, 18.0), (6.0, 14.4), (10.0, 12.0)]),
        (20_000.0, 0.35, [(5.0, 52.0), (8.5, 45.0), (12.0, 39.0)]),
    ];
    for (kt, tol, rows) in table {
        for (q, km) in rows {
            let r = slant_range_for_fluence_m(&air_burst(kt), q, Visibility::REFERENCE).unwrap();
            assert_within(&format!("{kt} kt, {q} cal/cm²"), r, km * 1e3, tol);
        }
    }
}

#[test]
fn eight_calories_against_the_soviet_nomogram() {
    // *Iadernoe oruzhie* (1987) pp. 49–50, clear air, air burst, slant range to 8 cal/cm²
    // (research note §2.3). The Soviet nomogram runs 10–20 % longer than US fits: 20 %.
    for (kt, km) in [(1.0, 0.63), (20.0, 2.75), (100.0, 6.02), (300.0, 9.89), (1000.0, 16.1)] {
        let r = slant_range_for_fluence_m(&air_burst(kt), 8.0, Visibility::REFERENCE).unwrap();
        assert_within(&format!("{kt} kt, 8 cal/cm²"), r, km * 1e3, 0.20);
    }
}

#[test]
fn prompt_dose_ranges_against_glasstone_dolan_chapter_8() {
    // Slant range (m) to 100, 500 and 1000 rem for a fission air burst, read from Glasstone &
    // Dolan (1977) ch. VIII by its own procedure, pp. 368–382: the 1-kt neutron and
    // secondary-gamma curves (low-leakage, "offense") × W plus the 1-kt fission-product gamma
    // curve × the air-burst effective yield for hydrodynamic enhancement. Readings from E.
    // Geist's digitisation of those figures (glasstone, MIT licence); 19.4 Mt is where the
    // effective-yield curve ends; its 100 rem range lies beyond the curves' 6 000 yd (NaN:
    // not a reading). brink must be within 10 % at every yield and dose the CLI offers (the
    // old CEX-62.2 eq. 2.115 enhancement was −20 % to −25 % from 5 Mt up).
    let air: [(f64, [f64; 3]); 7] = [
        (1.0, [1035.0, 774.0, 674.0]),
        (10.0, [1508.0, 1196.0, 1073.0]),
        (20.0, [1698.0, 1363.0, 1221.0]),
        (100.0, [2182.0, 1818.0, 1652.0]),
        (1000.0, [3153.0, 2784.0, 2601.0]),
        (5000.0, [4250.0, 3770.0, 3557.0]),
        (19_400.0, [f64::NAN, 5062.0, 4847.0]),
    ];
    // Contact surface bursts by G&D's surface procedure (neutron and secondary gamma halved,
    // the surface-burst effective yield); the old model was −10 % to −17 % from 10 kt up.
    let surface: [(f64, [f64; 3]); 7] = [
        (1.0, [974.0, 712.0, 611.0]),
        (10.0, [1488.0, 1163.0, 1039.0]),
        (20.0, [1680.0, 1348.0, 1199.0]),
        (100.0, [2212.0, 1857.0, 1694.0]),
        (1000.0, [3286.0, 2891.0, 2750.0]),
        (5000.0, [4483.0, 4042.0, 3838.0]),
        (19_400.0, [f64::NAN, 5259.0, 5073.0]),
    ];
    for (kind, table) in [("air", air), ("surface", surface)] {
        for (kt, ranges) in table {
            let burst = if kind == "air" { air_burst(kt) } else { Burst::from_kt_m(kt, 0.0).unwrap() };
            for (rem, gd_m) in [100.0, 500.0, 1000.0].into_iter().zip(ranges) {
                if gd_m.is_nan() {
                    continue;
                }
                let r = slant_range_for_dose_m(&burst, rem).unwrap();
                assert_within(&format!("{kind} {kt} kt, {rem} rem"), r, gd_m, 0.10);
            }
        }
    }
}

#[test]
fn prompt_dose_ranges_against_the_soviet_manual() {
    // *Iadernoe oruzhie* (1987), summer, slant range (km) to a dose (research note §2.4), an
    // independent second source: within 15 % (the two manuals differ by up to 12 %).
    let table = [
        (1.0, [(100.0, 1.10), (500.0, 0.83), (1000.0, 0.73), (5000.0, 0.51)]),
        (20.0, [(100.0, 1.69), (500.0, 1.34), (1000.0, 1.22), (5000.0, 0.95)]),
        (100.0, [(100.0, 2.19), (500.0, 1.78), (1000.0, 1.63), (5000.0, 1.31)]),
        (1000.0, [(100.0, 2.94), (500.0, 2.50), (1000.0, 2.33), (5000.0, 1.97)]),
    ];
    for (kt, rows) in table {
        for (rem, sov_km) in rows {
            let r = slant_range_for_dose_m(&air_burst(kt), rem).unwrap();
            assert_within(&format!("{kt} kt, {rem} rem (Soviet)"), r, sov_km * 1e3, 0.15);
        }
    }
}

#[test]
fn haze_shortens_thermal_ranges() {
    // Lower visibility means more extinction along the path (G&D 1977 ch. VII).
    let b = air_burst(100.0);
    let clear = slant_range_for_fluence_m(&b, 5.0, Visibility::kilometers(50.0).unwrap()).unwrap();
    let reference = slant_range_for_fluence_m(&b, 5.0, Visibility::REFERENCE).unwrap();
    let hazy = slant_range_for_fluence_m(&b, 5.0, Visibility::kilometers(5.0).unwrap()).unwrap();
    assert!(clear > reference && reference > hazy, "{clear} {reference} {hazy}");
}
