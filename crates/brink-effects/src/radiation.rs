//! Prompt (initial) nuclear radiation: neutron plus gamma dose in rem against slant range.
//!
//! CEX-62.2 eq. 2.114 (Fletcher et al., *Nuclear Bomb Effects Computer*, USAEC, c. 1963):
//!
//! D = (W / R²) · (4997.41 · e^(−9.263158 ρ R) + 1033 · s · F(W) · e^(−5.415384 ρ R))
//!
//! with D in rem, W in kt, R the slant range in statute miles, ρ the air density relative to
//! the standard (0.9 for an air burst, 1.0 at the surface), s = 1 for an air burst and 2/3
//! for a contact surface burst (half the gamma source is below ground), and F(W) the
//! hydrodynamic enhancement of the fission-product gamma dose (eq. 2.115,
//! log10 F = Σ cᵢ (log10 W)ⁱ for 10 kt ≤ W ≤ 20 Mt; F = 1 below). The first term is the
//! neutron and prompt gamma dose; the second the delayed gamma dose from the rising cloud.
//! The range for a dose is found by root finding on this forward formula, so the
//! sign-flipped coefficient of the published inverse fit (eq. 2.116) never enters.

use crate::error::{EffectsError, positive};
use crate::fireball::airburst_fraction;
use crate::solve::outermost_crossing;
use crate::units::{Burst, M_PER_MI};

/// CEX-62.2 eq. 2.115 coefficients, in powers of log10 W.
const CEX_2_115: [f64; 6] = [-2.1343121, 5.6948378, -5.7707609, 2.7712520, -0.6206012, 0.0526380];

/// Hydrodynamic enhancement F(W) of CEX-62.2 eq. 2.115, continuous and non-decreasing:
/// 1 below 10 kt, max(1, fit) from 10 kt (the fit is 0.984 at exactly 10 kt and crosses 1
/// near 12 kt; taking the max removes a 1.6 % step that would make the dose fall as the yield
/// rises), and held at its 20 Mt value above the fit's range.
pub fn hydrodynamic_enhancement(yield_kt: f64) -> f64 {
    if yield_kt < 10.0 {
        return 1.0;
    }
    let l = yield_kt.min(20_000.0).log10();
    let mut log_f = 0.0;
    for &c in CEX_2_115.iter().rev() {
        log_f = log_f * l + c;
    }
    10f64.powf(log_f).max(1.0)
}

/// Prompt dose (rem) without validation, for grids. Infinite at zero slant range.
pub fn prompt_dose_rem_unchecked(yield_kt: f64, hob_m: f64, slant_m: f64) -> f64 {
    let air = airburst_fraction(yield_kt, hob_m);
    let density_ratio = 1.0 - 0.1 * air;
    let surface = 2.0 / 3.0 + air / 3.0;
    let r_mi = slant_m / M_PER_MI;
    yield_kt / (r_mi * r_mi)
        * (4997.41 * (-9.263158 * density_ratio * r_mi).exp()
            + 1033.0 * surface * hydrodynamic_enhancement(yield_kt) * (-5.415384 * density_ratio * r_mi).exp())
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
    fn enhancement_is_continuous_and_monotone() {
        let mut last = 0.0;
        for i in 0..400 {
            let w = 10f64.powf(i as f64 / 80.0); // 1 kt .. 100 Mt
            let f = hydrodynamic_enhancement(w);
            assert!(f >= last - 1e-12, "{w}: {f} < {last}");
            last = f;
        }
        // About 2.3 at 1 Mt (the fit evaluated by hand: log10 F = 0.3595).
        assert!((hydrodynamic_enhancement(1000.0) - 10f64.powf(0.3595)).abs() < 0.01);
    }

    #[test]
    fn zero_range_is_an_error() {
        let b = Burst::from_kt_m(1.0, 0.0).unwrap();
        assert!(prompt_dose_rem(&b, 0.0).is_err());
        assert!(slant_range_for_dose_m(&b, -5.0).is_err());
    }
}
