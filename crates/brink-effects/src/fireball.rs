//! Fireball and crater size, and the t^-1.2 decay of fission-product radiation.

use crate::error::{EffectsError, positive};
use crate::units::{Burst, M_PER_MI, Yield};

/// Maximum fireball radius of an air burst, metres per kt^0.4: 0.03788 mi · W^0.4
/// (NUKEMAP's fit to G&D 1977 fireball data, after C. F. Miller, *Fallout and Radiological
/// Countermeasures*, SRI 1963).
pub const FIREBALL_AIR_M_PER_KT04: f64 = 0.03788 * M_PER_MI;
/// Maximum fireball radius of a surface burst, metres per kt^0.4: 0.04924 mi · W^0.4 (same
/// source). The surface doubles the energy the fireball sees, so it is larger: 2^0.4 ≈ 1.32.
pub const FIREBALL_SURFACE_M_PER_KT04: f64 = 0.04924 * M_PER_MI;

/// Maximum radius (m) of the fireball of an air burst of `yield_`.
pub fn fireball_radius_air_m(yield_: Yield) -> f64 {
    FIREBALL_AIR_M_PER_KT04 * yield_.kt().powf(0.4)
}

/// Maximum fireball radius (m) for `burst`: the air-burst radius when the fireball stays
/// clear of the ground (height of burst at least that radius), otherwise the surface radius.
pub fn fireball_radius_m(burst: &Burst) -> f64 {
    let air = fireball_radius_air_m(burst.yield_);
    if burst.hob.m() >= air { air } else { FIREBALL_SURFACE_M_PER_KT04 * burst.yield_.kt().powf(0.4) }
}

/// Fraction in [0, 1] of the way from a contact surface burst (0) to a burst whose fireball
/// just clears the ground (1): min(HOB / air-burst fireball radius, 1). The thermal and
/// prompt-radiation models use it to blend their surface and air-burst forms continuously.
pub fn airburst_fraction(yield_kt: f64, hob_m: f64) -> f64 {
    (hob_m / (FIREBALL_AIR_M_PER_KT04 * yield_kt.powf(0.4))).min(1.0)
}

/// Apparent crater of a surface burst in dry soil, metres.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Crater {
    /// Apparent crater radius (m).
    pub radius_m: f64,
    /// Radius of the lip (m).
    pub lip_radius_m: f64,
    /// Apparent depth (m).
    pub depth_m: f64,
}

/// Crater of a contact surface burst in dry soil, cube-root scaled: apparent radius
/// 0.01199 mi, lip radius 0.02398 mi, depth 0.005739 mi, each × W^(1/3) (NUKEMAP's crater
/// fit after G&D 1977 ch. VI, dry soil). `None` for a burst above the surface: this fit is
/// for contact bursts, and G&D's crater shrinks quickly with height.
pub fn crater(burst: &Burst) -> Option<Crater> {
    if burst.hob.m() > 0.0 {
        return None;
    }
    let w13 = burst.yield_.cube_root();
    Some(Crater {
        radius_m: 0.01199 * M_PER_MI * w13,
        lip_radius_m: 0.02398 * M_PER_MI * w13,
        depth_m: 0.005739 * M_PER_MI * w13,
    })
}

/// Way–Wigner decay exponent of mixed fission products: R(t) = R₁ t^−1.2, t in hours after
/// the burst (the "7:10 rule", G&D 1977 ch. IX).
pub const DECAY_EXPONENT: f64 = 1.2;

/// Dose rate at `t_h` hours after the burst, given the H+1 reference dose rate.
pub fn dose_rate_at(h1_rate: f64, t_h: f64) -> Result<f64, EffectsError> {
    let t = positive("time after burst (h)", t_h)?;
    Ok(h1_rate * t.powf(-DECAY_EXPONENT))
}

/// Dose accumulated from `from_h` to `to_h` hours (`to_h` may be infinite) under t^−1.2
/// decay: ∫ R₁ t^−1.2 dt = 5 R₁ (t_a^−0.2 − t_b^−0.2).
pub fn dose_between(h1_rate: f64, from_h: f64, to_h: f64) -> Result<f64, EffectsError> {
    let a = positive("exposure start (h)", from_h)?;
    if to_h.is_nan() || to_h < a {
        return Err(EffectsError::OutOfDomain {
            quantity: "exposure end (h)",
            expected: "at least the start",
            value: to_h,
        });
    }
    let tail = if to_h.is_infinite() { 0.0 } else { to_h.powf(-0.2) };
    Ok(5.0 * h1_rate * (a.powf(-0.2) - tail))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seven_ten_rule() {
        // G&D 1977 ch. IX: for every 7-fold increase in time the dose rate falls 10-fold.
        // The rule rounds 7^1.2 = 10.3, so allow 4 % per factor of 7 (7 % over two).
        let r7 = dose_rate_at(1000.0, 7.0).unwrap();
        assert!((r7 / 100.0 - 1.0).abs() < 0.04, "{r7}");
        let r49 = dose_rate_at(1000.0, 49.0).unwrap();
        assert!((r49 / 10.0 - 1.0).abs() < 0.07, "{r49}");
    }

    #[test]
    fn infinite_dose_from_half_hour() {
        // 5 · 0.5^-0.2 = 5.743: the ceiling on WSEG-10's dose/H+1-rate ratio.
        let d = dose_between(1.0, 0.5, f64::INFINITY).unwrap();
        assert!((d - 5.743).abs() < 1e-3, "{d}");
        assert!(dose_between(1.0, 2.0, 1.0).is_err());
        assert!(dose_rate_at(1.0, 0.0).is_err());
    }

    #[test]
    fn fireball_radii_match_the_published_formula() {
        let one = Yield::kilotons(1.0).unwrap();
        assert!((fireball_radius_air_m(one) - 60.96).abs() < 0.01);
        let mt = Burst::from_kt_m(1000.0, 0.0).unwrap();
        assert!((fireball_radius_m(&mt) - 1256.0).abs() < 1.0);
        assert!(crater(&Burst::from_kt_m(1.0, 10.0).unwrap()).is_none());
    }
}
