//! Invariants over random inputs (proptest): effects fall with range and rise with yield;
//! the range for a value inverts the forward model.

use brink_effects::blast::{self, BlastModel};
use brink_effects::fallout::{DEFAULT_SHEAR_KMH_PER_KM, Wseg10};
use brink_effects::{Burst, FissionFraction, HeightOfBurst, Visibility, Yield, radiation, thermal};
use proptest::prelude::*;

fn burst(kt: f64, hob_m: f64) -> Burst {
    Burst::new(Yield::kilotons(kt).unwrap(), HeightOfBurst::meters(hob_m).unwrap())
}

/// Log-uniform yields from 0.1 kt to 20 Mt.
fn yields() -> impl Strategy<Value = f64> {
    (-1.0f64..4.3).prop_map(|e| 10f64.powf(e))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn surface_overpressure_falls_with_range_and_rises_with_yield(
        kt in yields(), r_scaled in 1.0f64..4000.0, k in 1.001f64..2.0,
    ) {
        // Out to 4 km/kt^(1/3) (0.25 psi), inside Brode's validity at the surface.
        let r = r_scaled * kt.cbrt();
        for model in [BlastModel::Brode, BlastModel::Dna] {
            let p = blast::overpressure_psi(model, &burst(kt, 0.0), r).unwrap();
            prop_assert!(blast::overpressure_psi(model, &burst(kt, 0.0), r * k).unwrap() < p);
            prop_assert!(blast::overpressure_psi(model, &burst((kt * k).min(1e5), 0.0), r).unwrap() >= p);
        }
    }

    #[test]
    fn thermal_and_dose_fall_with_range_and_rise_with_yield(
        kt in yields(), hob in 0.0f64..3000.0, d in 10.0f64..1e5, k in 1.001f64..3.0, vis in 1.0f64..100.0,
    ) {
        let v = Visibility::kilometers(vis).unwrap();
        let b = burst(kt, hob);
        let q = thermal::fluence_cal_cm2(&b, d, v).unwrap();
        prop_assert!(thermal::fluence_cal_cm2(&b, d * k, v).unwrap() < q);
        let dose = radiation::prompt_dose_rem(&b, d).unwrap();
        prop_assert!(radiation::prompt_dose_rem(&b, d * k).unwrap() < dose);
        // Rise with yield at a fixed point (surface or high air burst, where the blend between
        // the surface and air-burst forms does not move).
        for h in [0.0, 1e5] {
            let (lo, hi) = (burst(kt, h), burst((kt * k).min(1e5), h));
            prop_assert!(thermal::fluence_cal_cm2(&hi, d, v).unwrap() >= thermal::fluence_cal_cm2(&lo, d, v).unwrap());
            prop_assert!(radiation::prompt_dose_rem(&hi, d).unwrap() >= radiation::prompt_dose_rem(&lo, d).unwrap());
        }
    }

    #[test]
    fn overpressure_range_inverts_the_forward_model(
        kt in yields(), hob_scaled in 0.0f64..400.0, psi in 1.0f64..500.0,
    ) {
        let b = burst(kt, hob_scaled * kt.cbrt());
        // The raw fit, so that points just beyond the ring (below the 1 psi floor of the
        // checked function) can be compared too.
        let op = |r: f64| blast::brode_overpressure_psi_unchecked(kt, b.hob.m(), r);
        if let Some(r) = blast::ground_range_for_overpressure_m(BlastModel::Brode, &b, psi).unwrap() {
            prop_assert!((op(r) / psi - 1.0).abs() < 1e-8, "{} vs {psi}", op(r));
            // It is the outermost crossing: beyond it, the overpressure stays below.
            for f in [1.02, 1.3, 3.0] {
                prop_assert!(op(r * f) < psi);
            }
        } else {
            // Not reached: then not even directly beneath the burst.
            prop_assert!(op(0.0) < psi);
        }
    }

    #[test]
    fn thermal_and_dose_ranges_invert_the_forward_model(
        kt in yields(), hob in 0.0f64..2000.0, q in 0.5f64..50.0, rem in 1.0f64..1e4,
    ) {
        let b = burst(kt, hob);
        let v = Visibility::REFERENCE;
        let d = thermal::slant_range_for_fluence_m(&b, q, v).unwrap();
        prop_assert!((thermal::fluence_cal_cm2(&b, d, v).unwrap() / q - 1.0).abs() < 1e-8);
        let d = radiation::slant_range_for_dose_m(&b, rem).unwrap();
        prop_assert!((radiation::prompt_dose_rem(&b, d).unwrap() / rem - 1.0).abs() < 1e-8);
    }

    #[test]
    fn fallout_falls_across_the_wind_and_is_symmetric(
        mt in 0.05f64..20.0, ff in 0.05f64..1.0, kmh in 5.0f64..100.0, x in -5e4f64..1e6, y in 0.0f64..1e5, k in 1.01f64..3.0,
    ) {
        let f = Wseg10::new(Yield::megatons(mt).unwrap(), FissionFraction::new(ff).unwrap(), kmh, DEFAULT_SHEAR_KMH_PER_KM).unwrap();
        let p = f.at(x, y);
        prop_assert!(p.dose_rate_h1_r_per_h >= 0.0 && p.dose_30day_erd_r >= 0.0);
        prop_assert_eq!(f.at(x, -y), p);
        if p.dose_rate_h1_r_per_h > 0.0 {
            prop_assert!(f.at(x, y * k + 1.0).dose_rate_h1_r_per_h < p.dose_rate_h1_r_per_h);
        }
        // The ERD/H+1 ratio stays under the t^-1.2 ceiling of 5.74 (correction 3).
        prop_assert!(p.dose_30day_erd_r <= 5.75 * p.dose_rate_h1_r_per_h);
    }
}
