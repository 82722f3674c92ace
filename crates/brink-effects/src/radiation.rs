//! Prompt (initial) nuclear radiation: neutron plus gamma dose in rem against slant range.
//!
//! The form of CEX-62.2 eq. 2.114 (Fletcher et al., *Nuclear Bomb Effects Computer*, USAEC,
//! c. 1963):
//!
//! D = (W / R²) · (4997.41 · e^(−9.263158 ρ R) + 1033 · s · G(W) · e^(−5.415384 ρ R))
//!
//! with D in rem, W in kt, R the slant range in statute miles, ρ the air density relative to
//! the standard (0.9 for an air burst, 1.0 at the surface), s = 1 for an air burst and 2/3
//! for a contact surface burst (half the gamma source is below ground). The first term is the
//! neutron and prompt gamma dose; the second the delayed (fission-product) gamma dose from
//! the rising cloud, whose growth with yield G(W) carries the hydrodynamic enhancement.
//!
//! CEX-62.2 gives G as its eq. 2.115 fit, which leaves the 100–1000 rem ranges 5–10 % long
//! at 1 kt and 10–25 % short from 1 Mt up against Glasstone & Dolan (1977) ch. VIII. brink
//! instead takes G(W) from a table calibrated to G&D's own procedure (1-kt neutron,
//! secondary-gamma and fission-product gamma curves with the air-burst effective-yield curve,
//! pp. 368–382, "offense", low-leakage case): for each yield G is the factor that best fits
//! the 100, 500 and 1000 rem slant ranges, and it is interpolated linearly in log–log
//! between the knots. The fit's largest error is 2 % from 1 kt to 20 Mt (tests:
//! `prompt_dose_ranges_against_glasstone_dolan_chapter_8`). A contact surface burst has its
//! own table, fitted the same way to G&D's surface-burst procedure (largest error 4 %, at
//! 1 kt); between the two, log G is blended over the height of burst like ρ and s. The range for a dose is found
//! by root finding on this forward formula, so CEX-62.2's sign-flipped inverse fit (eq. 2.116)
//! never enters.

use crate::error::{EffectsError, positive};
use crate::fireball::airburst_fraction;
use crate::solve::outermost_crossing;
use crate::units::{Burst, M_PER_MI};

/// Knots (log10 W in kt, log10 G) of the delayed-gamma factor, fitted to the 100, 500 and
/// 1000 rem slant ranges of Glasstone & Dolan (1977) ch. VIII, pp. 368–382 (air burst,
/// fission weapon, low-leakage curves). The last knot is the end of G&D's effective-yield
/// curve (about 19.4 Mt).
const DELAYED_GAMMA_KNOTS: [(f64, f64); 10] = [
    (0.0, -0.525),
    (0.5, -0.385),
    (1.0, -0.200),
    (1.5, -0.035),
    (2.0, 0.130),
    (2.5, 0.410),
    (3.0, 0.775),
    (3.5, 1.315),
    (4.0, 2.345),
    (4.2888, 3.015),
];

/// The same for a contact surface burst (with s = 2/3 and ρ = 1 in the formula), fitted to
/// G&D's surface-burst procedure (neutron and secondary gamma halved, the surface-burst
/// effective yield of the fission-product gamma dose, pp. 368–382). At 19.4 Mt only the 500
/// and 1000 rem ranges are on the digitised curves (the 100 rem range is beyond 6 000 yd).
const DELAYED_GAMMA_KNOTS_SURFACE: [(f64, f64); 10] = [
    (0.0, -0.460),
    (0.5, -0.095),
    (1.0, 0.180),
    (1.5, 0.415),
    (2.0, 0.680),
    (2.5, 1.060),
    (3.0, 1.615),
    (3.5, 2.430),
    (4.0, 3.655),
    (4.2888, 4.285),
];

/// Delayed (fission-product) gamma factor G(W) of the dose formula for an air burst: the
/// hydrodynamic enhancement of the cloud's gamma dose relative to CEX-62.2's
/// 1033 rem·mi²/kt, calibrated to Glasstone & Dolan (1977) ch. VIII. Continuous and
/// non-decreasing in yield; held at its end values below 1 kt and above about 19.4 Mt.
pub fn delayed_gamma_factor(yield_kt: f64) -> f64 {
    10f64.powf(log_knots(yield_kt, &DELAYED_GAMMA_KNOTS))
}

/// G(W) for a contact surface burst (G&D's surface-burst effective yield is larger: the
/// fireball's ground contact lets the cloud's shock enhance the gamma dose more). Between
/// the surface and an air burst brink blends log G linearly over the height of burst, as it
/// blends ρ and s.
pub fn delayed_gamma_factor_surface(yield_kt: f64) -> f64 {
    10f64.powf(log_knots(yield_kt, &DELAYED_GAMMA_KNOTS_SURFACE))
}

/// log10 G at `yield_kt` on `k`, linear in log10 W, held at the ends.
fn log_knots(yield_kt: f64, k: &[(f64, f64)]) -> f64 {
    let l = yield_kt.max(1e-12).log10();
    if l <= k[0].0 {
        return k[0].1;
    }
    for pair in k.windows(2) {
        let ((a, ga), (b, gb)) = (pair[0], pair[1]);
        if l <= b {
            return ga + (gb - ga) * (l - a) / (b - a);
        }
    }
    k[k.len() - 1].1
}

/// Prompt dose (rem) without validation, for grids. Infinite at zero slant range.
pub fn prompt_dose_rem_unchecked(yield_kt: f64, hob_m: f64, slant_m: f64) -> f64 {
    let air = airburst_fraction(yield_kt, hob_m);
    let density_ratio = 1.0 - 0.1 * air;
    let surface = 2.0 / 3.0 + air / 3.0;
    let log_g = air * log_knots(yield_kt, &DELAYED_GAMMA_KNOTS)
        + (1.0 - air) * log_knots(yield_kt, &DELAYED_GAMMA_KNOTS_SURFACE);
    let r_mi = slant_m / M_PER_MI;
    yield_kt / (r_mi * r_mi)
        * (4997.41 * (-9.263158 * density_ratio * r_mi).exp()
            + 1033.0 * surface * 10f64.powf(log_g) * (-5.415384 * density_ratio * r_mi).exp())
}

/// Prompt dose (rem) at `slant_range_m` from `burst`.
pub fn prompt_dose_rem(burst: &Burst, slant_range_m: f64) -> Result<f64, EffectsError> {
    if slant_range_m == 0.0 {
        return Err(EffectsError::Undefined {
            model: "prompt radiation dose",
            reason: "at zero slant range (the burst point itself)",
        });
    }
    let d = positive("slant range (m)", slant_range_m)?;
    Ok(prompt_dose_rem_unchecked(burst.yield_.kt(), burst.hob.m(), d))
}

/// Slant range (m) at which the prompt dose is `dose_rem`. The dose is strictly decreasing
/// in range, so there is exactly one.
pub fn slant_range_for_dose_m(burst: &Burst, dose_rem: f64) -> Result<f64, EffectsError> {
    let target = positive("dose (rem)", dose_rem)?;
    let (w, h) = (burst.yield_.kt(), burst.hob.m());
    outermost_crossing(|d| prompt_dose_rem_unchecked(w, h, d), target, 1e-3, 1e6, 1.5)
        .ok_or(EffectsError::Undefined { model: "prompt radiation range", reason: "for this dose" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delayed_gamma_factor_is_continuous_and_monotone() {
        let mut last = 0.0;
        for i in 0..480 {
            let w = 10f64.powf(i as f64 / 80.0 - 0.5); // 0.3 kt .. 300 Mt
            let g = delayed_gamma_factor(w);
            assert!(g >= last - 1e-12, "{w}: {g} < {last}");
            last = g;
        }
        // On a knot: 1 Mt → 10^0.775.
        assert!((delayed_gamma_factor(1000.0) - 10f64.powf(0.775)).abs() < 1e-9);
        let mut last = 0.0;
        for i in 0..480 {
            let g = delayed_gamma_factor_surface(10f64.powf(i as f64 / 80.0 - 0.5));
            assert!(g >= last - 1e-12);
            last = g;
        }
    }

    #[test]
    fn zero_range_is_an_error() {
        let b = Burst::from_kt_m(1.0, 0.0).unwrap();
        assert!(prompt_dose_rem(&b, 0.0).is_err());
        assert!(slant_range_for_dose_m(&b, -5.0).is_err());
    }
}
