//! Thermal radiation: radiant exposure (fluence) against slant range, and burn ranges.
//!
//! Point source (G&D 1977 ch. VII): Q = f · W · τ · 10¹² cal / (4π D²), with f the fraction of
//! the yield radiated as heat (0.35 for air bursts, G&D ch. VII) and τ the atmospheric
//! transmittance. For a clear day (visibility 12 mi) τ is taken from the CEX-62.2 fit of
//! Q/W against slant range (Fletcher et al., *Nuclear Bomb Effects Computer*, USAEC
//! CEX-62.2, eq. 2.106) divided by the bare point source; other visibilities rescale the path
//! by the ratio of extinction lengths (Koschmieder: extinction ∝ 1/visibility), so that
//! τ(D, V) = τ₁₂(D · V₁₂ / V). A contact surface burst radiates 0.7 of an air burst
//! (CEX-62.2, as used by NUKEMAP), blended linearly to 1 as the fireball clears the ground.

use crate::error::{EffectsError, positive};
use crate::fireball::airburst_fraction;
use crate::solve::outermost_crossing;
use crate::units::{Burst, CAL_PER_KT, M_PER_MI, Visibility, Yield};

/// Thermal partition of a low air burst (G&D 1977 ch. VII: about 0.35 for low air bursts).
pub const THERMAL_PARTITION_AIR: f64 = 0.35;
/// Thermal yield of a contact surface burst relative to an air burst (CEX-62.2).
pub const SURFACE_THERMAL_FACTOR: f64 = 0.7;

/// CEX-62.2 eq. 2.106: log10(Q/W) = Σ cᵢ (log10 D)ⁱ, Q in cal/cm², W in kt, D in miles;
/// stated validity 0.05 ≤ D ≤ 50 mi.
const CEX_2_106: [f64; 4] = [-0.0401874, -2.0823477, -0.0511744, -0.0074958];
/// Below this slant range (0.0903 mi, 145 m) the transmittance implied by eq. 2.106 would
/// *rise* with distance (d log τ / d log D = 2 + d log Q / d log D > 0 for D < 0.0903 mi and
/// above 0.0003 mi), which is unphysical; τ is held at its value there instead.
const TAU_FLOOR_MI: f64 = 0.090_344_742;

/// Bare point source per kt and per unit partition at D miles (cal/cm²):
/// 10¹² / (4π (D · 160934.4 cm)²) = 3.0725 / D².
fn point_source_per_kt(d_mi: f64) -> f64 {
    let d_cm = d_mi * M_PER_MI * 100.0;
    CAL_PER_KT / (4.0 * std::f64::consts::PI * d_cm * d_cm)
}

/// Clear-day (12-mile visibility) transmittance at `d_mi` miles, from CEX-62.2 eq. 2.106
/// divided by the point source with f = 0.35: 0.92 at 145 m, 0.85 at 1 mi, 0.61 at 10 mi.
/// Held constant below [`TAU_FLOOR_MI`], so it never rises with distance; never above 1.
fn transmittance_clear(d_mi: f64) -> f64 {
    let d = d_mi.max(TAU_FLOOR_MI);
    let l = d.log10();
    let log_q = CEX_2_106[0] + l * (CEX_2_106[1] + l * (CEX_2_106[2] + l * CEX_2_106[3]));
    (10f64.powf(log_q) / (THERMAL_PARTITION_AIR * point_source_per_kt(d))).min(1.0)
}

/// Atmospheric transmittance at slant range `slant_m` and visibility `visibility_km`.
pub fn transmittance(slant_m: f64, visibility_km: f64) -> f64 {
    let d_mi = slant_m / M_PER_MI * (Visibility::REFERENCE.km() / visibility_km);
    transmittance_clear(d_mi)
}

/// Radiant exposure (cal/cm²) without validation: for grids. Infinite at zero slant range.
pub fn fluence_cal_cm2_unchecked(yield_kt: f64, hob_m: f64, slant_m: f64, visibility_km: f64) -> f64 {
    let surface_blend = SURFACE_THERMAL_FACTOR + (1.0 - SURFACE_THERMAL_FACTOR) * airburst_fraction(yield_kt, hob_m);
    let d_cm = slant_m * 100.0;
    THERMAL_PARTITION_AIR * surface_blend * yield_kt * CAL_PER_KT * transmittance(slant_m, visibility_km)
        / (4.0 * std::f64::consts::PI * d_cm * d_cm)
}

/// Radiant exposure (cal/cm²) on a surface facing the burst at `slant_range_m`.
pub fn fluence_cal_cm2(burst: &Burst, slant_range_m: f64, visibility: Visibility) -> Result<f64, EffectsError> {
    let d = positive_range(slant_range_m)?;
    Ok(fluence_cal_cm2_unchecked(burst.yield_.kt(), burst.hob.m(), d, visibility.km()))
}

fn positive_range(slant_range_m: f64) -> Result<f64, EffectsError> {
    if slant_range_m == 0.0 {
        return Err(EffectsError::Undefined {
            model: "thermal fluence and prompt dose",
            reason: "at zero slant range (the burst point itself)",
        });
    }
    positive("slant range (m)", slant_range_m)
}

/// Slant range (m) at which the radiant exposure is `fluence_cal_cm2`.
pub fn slant_range_for_fluence_m(
    burst: &Burst,
    fluence_cal_cm2: f64,
    visibility: Visibility,
) -> Result<f64, EffectsError> {
    let q = positive("radiant exposure (cal/cm²)", fluence_cal_cm2)?;
    let (w, h, v) = (burst.yield_.kt(), burst.hob.m(), visibility.km());
    // Fluence is strictly decreasing in slant range (see docs/EFFECTS.md), so the outermost
    // crossing is the only one; the bounds 1 mm .. 10⁴ km cover any sensible level.
    outermost_crossing(|d| fluence_cal_cm2_unchecked(w, h, d, v), q, 1e-3, 1e7, 1.5)
        .ok_or(EffectsError::Undefined { model: "thermal range", reason: "for this radiant exposure" })
}

/// Burn severity on bare skin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BurnDegree {
    /// First degree (erythema).
    First,
    /// Second degree (blisters).
    Second,
    /// Third degree (full-thickness).
    Third,
}

/// Yields (kt) of the rows of [`BURN_THRESHOLDS`].
const BURN_YIELDS_KT: [f64; 6] = [1.0, 15.0, 20.0, 100.0, 1000.0, 20_000.0];
/// Radiant exposure (cal/cm²) for a 50 % probability of first-, second- and third-degree
/// burns to bare skin of an unshielded population, read from G&D 1977 Fig. 12.65 at the
/// yields above (research note effects-models.md §2.3). The threshold rises with yield
/// because a bigger weapon delivers its heat over a longer pulse, which the skin partly
/// conducts away.
const BURN_THRESHOLDS: [[f64; 6]; 3] =
    [[1.94, 2.42, 2.47, 2.75, 3.20, 3.82], [4.01, 4.88, 4.97, 5.50, 6.24, 7.22], [6.00, 7.41, 7.57, 8.46, 9.73, 11.35]];

/// Radiant exposure (cal/cm²) for a 50 % probability of a `degree` burn at `yield_`:
/// G&D Fig. 12.65 interpolated linearly in ln W; held constant outside 1 kt – 20 Mt.
pub fn burn_threshold_cal_cm2(yield_: Yield, degree: BurnDegree) -> f64 {
    let row = &BURN_THRESHOLDS[degree as usize];
    let w = yield_.kt().clamp(BURN_YIELDS_KT[0], BURN_YIELDS_KT[5]);
    let i = BURN_YIELDS_KT.partition_point(|&y| y <= w).clamp(1, 5);
    let (x0, x1) = (BURN_YIELDS_KT[i - 1].ln(), BURN_YIELDS_KT[i].ln());
    let t = (w.ln() - x0) / (x1 - x0);
    row[i - 1] + t * (row[i] - row[i - 1])
}

/// Slant range (m) to a 50 % probability of a `degree` burn on bare skin.
pub fn burn_slant_range_m(burst: &Burst, degree: BurnDegree, visibility: Visibility) -> Result<f64, EffectsError> {
    slant_range_for_fluence_m(burst, burn_threshold_cal_cm2(burst.yield_, degree), visibility)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn point_source_constant() {
        // 10¹² cal / (4π (1 mi)²) = 3.0725 cal/cm² per kt (research note §2.1: "3.07 f W τ / D²").
        assert!((point_source_per_kt(1.0) - 3.0725).abs() < 1e-3);
    }

    #[test]
    fn transmittance_is_a_fraction_that_falls_with_distance() {
        let mut last = 1.0;
        for d_m in [10.0, 100.0, 1e3, 1e4, 5e4, 1e5] {
            let t = transmittance(d_m, 19.31);
            assert!(t > 0.0 && t <= 1.0 && t <= last + 1e-12, "{d_m}: {t}");
            last = t;
        }
        // Worse visibility, lower transmittance.
        assert!(transmittance(1e4, 5.0) < transmittance(1e4, 19.31));
    }

    #[test]
    fn thresholds_reproduce_the_table_and_rise_with_yield() {
        let y = |kt| Yield::kilotons(kt).unwrap();
        assert!((burn_threshold_cal_cm2(y(20.0), BurnDegree::Third) - 7.57).abs() < 1e-12);
        assert!(burn_threshold_cal_cm2(y(50.0), BurnDegree::Second) > 4.97);
        assert!(burn_threshold_cal_cm2(y(50.0), BurnDegree::Second) < 5.50);
        assert_eq!(burn_threshold_cal_cm2(y(0.1), BurnDegree::First), 1.94);
    }

    #[test]
    fn zero_range_is_an_error() {
        let b = Burst::from_kt_m(1.0, 0.0).unwrap();
        assert!(fluence_cal_cm2(&b, 0.0, Visibility::REFERENCE).is_err());
        assert!(fluence_cal_cm2(&b, f64::NAN, Visibility::REFERENCE).is_err());
    }
}
