//! Unit conversions (exact by definition unless noted) and the validated parameter types.
//!
//! Everything inside the crate is SI (metres, pascals, seconds) except where a model is
//! *defined* in other units (Brode's fit in kilofeet and psi, WSEG-10 in statute miles, mph,
//! kilofeet and megatons); those conversions happen at the model's edge, with these constants.

use crate::error::{EffectsError, non_negative, positive};

/// Metres per international foot (exact).
pub const M_PER_FT: f64 = 0.3048;
/// Metres per kilofoot (exact).
pub const M_PER_KFT: f64 = 304.8;
/// Metres per statute mile (exact).
pub const M_PER_MI: f64 = 1609.344;
/// Kilometres per hour per mile per hour (exact).
pub const KMH_PER_MPH: f64 = 1.609344;
/// Pascals per psi (exact: 0.45359237 kgf / 0.0254² m²).
pub const PA_PER_PSI: f64 = 6_894.757_293_168_361;
/// One kiloton of TNT equivalent in calories (the definition, 10¹² cal; G&D 1977 ch. I).
pub const CAL_PER_KT: f64 = 1.0e12;

/// WSEG-10's shear unit (mph per kilofoot) in km/h per km: 1.609344 / 0.3048 ≈ 5.28.
pub const KMH_PER_KM_PER_MPH_PER_KFT: f64 = KMH_PER_MPH / (M_PER_KFT / 1000.0);

/// Largest yield accepted (100 Mt): twice the largest device ever tested; every model here is
/// an extrapolation long before that.
pub const MAX_YIELD_KT: f64 = 1.0e5;

/// Explosive yield. Validated: finite, > 0 and at most [`MAX_YIELD_KT`].
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Yield {
    kt: f64,
}

impl Yield {
    /// A yield in kilotons of TNT equivalent.
    pub fn kilotons(kt: f64) -> Result<Self, EffectsError> {
        let kt = positive("yield (kt)", kt)?;
        if kt > MAX_YIELD_KT {
            return Err(EffectsError::OutOfDomain {
                quantity: "yield (kt)",
                expected: "at most 100000 (100 Mt)",
                value: kt,
            });
        }
        Ok(Self { kt })
    }

    /// A yield in megatons.
    pub fn megatons(mt: f64) -> Result<Self, EffectsError> {
        Self::kilotons(mt * 1000.0)
    }

    /// The yield in kilotons.
    pub fn kt(self) -> f64 {
        self.kt
    }

    /// The yield in megatons (WSEG-10's native unit).
    pub fn mt(self) -> f64 {
        self.kt / 1000.0
    }

    /// W^(1/3): the cube-root (Hopkinson–Cranz) scale factor relative to 1 kt (G&D 1977 ch. III).
    pub fn cube_root(self) -> f64 {
        self.kt.cbrt()
    }
}

/// Height of burst above the surface, in metres. Validated: finite and >= 0 (0 = surface burst).
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct HeightOfBurst {
    m: f64,
}

impl HeightOfBurst {
    /// A surface burst.
    pub const SURFACE: Self = Self { m: 0.0 };

    /// A height of burst in metres.
    pub fn meters(m: f64) -> Result<Self, EffectsError> {
        Ok(Self { m: non_negative("height of burst (m)", m)? })
    }

    /// The height in metres.
    pub fn m(self) -> f64 {
        self.m
    }
}

/// Horizontal visibility (meteorological range), in kilometres. Validated: finite and > 0.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Visibility {
    km: f64,
}

impl Visibility {
    /// The reference visibility of the thermal fit, 12 statute miles (19.3 km): a clear day.
    pub const REFERENCE: Self = Self { km: 12.0 * M_PER_MI / 1000.0 };

    /// A visibility in kilometres.
    pub fn kilometers(km: f64) -> Result<Self, EffectsError> {
        Ok(Self { km: positive("visibility (km)", km)? })
    }

    /// The visibility in kilometres.
    pub fn km(self) -> f64 {
        self.km
    }
}

/// Fraction of the yield from fission, in (0, 1]. Only fission products make fallout.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct FissionFraction {
    value: f64,
}

impl FissionFraction {
    /// A fission fraction in (0, 1].
    pub fn new(value: f64) -> Result<Self, EffectsError> {
        if value.is_finite() && value > 0.0 && value <= 1.0 {
            Ok(Self { value })
        } else {
            Err(EffectsError::OutOfDomain { quantity: "fission fraction", expected: "in (0, 1]", value })
        }
    }

    /// The fraction.
    pub fn get(self) -> f64 {
        self.value
    }
}

/// One detonation: yield and height of burst. Sea level, ideal (flat, rigid, clean) surface.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Burst {
    /// The yield.
    pub yield_: Yield,
    /// The height of burst.
    pub hob: HeightOfBurst,
}

impl Burst {
    /// A burst of `yield_` at height `hob`.
    pub fn new(yield_: Yield, hob: HeightOfBurst) -> Self {
        Self { yield_, hob }
    }

    /// Validates raw numbers (kilotons, metres) into a burst.
    pub fn from_kt_m(yield_kt: f64, hob_m: f64) -> Result<Self, EffectsError> {
        Ok(Self::new(Yield::kilotons(yield_kt)?, HeightOfBurst::meters(hob_m)?))
    }

    /// Slant range from the burst point to a point on the ground at `ground_range_m`.
    pub fn slant_range_m(&self, ground_range_m: f64) -> f64 {
        ground_range_m.hypot(self.hob.m())
    }

    /// Ground range of a point on the ground at slant range `slant_range_m`, or `None` if that
    /// sphere does not reach the ground.
    pub fn ground_range_m(&self, slant_range_m: f64) -> Option<f64> {
        let h = self.hob.m();
        (slant_range_m >= h).then(|| (slant_range_m * slant_range_m - h * h).sqrt())
    }
}

/// Validates a ground range in metres (finite, >= 0).
pub fn ground_range_m(m: f64) -> Result<f64, EffectsError> {
    non_negative("ground range (m)", m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yields_are_validated() {
        assert!(Yield::kilotons(-1.0).is_err());
        assert!(Yield::kilotons(0.0).is_err());
        assert!(Yield::kilotons(f64::NAN).is_err());
        assert!(Yield::kilotons(f64::INFINITY).is_err());
        assert!(Yield::kilotons(1.0e6).is_err());
        assert_eq!(Yield::megatons(1.0).unwrap().kt(), 1000.0);
    }

    #[test]
    fn fission_fraction_is_in_half_open_unit_interval() {
        assert!(FissionFraction::new(0.0).is_err());
        assert!(FissionFraction::new(1.0001).is_err());
        assert!(FissionFraction::new(f64::NAN).is_err());
        assert!(FissionFraction::new(1.0).is_ok());
    }

    #[test]
    fn heights_and_visibility_are_validated() {
        assert!(HeightOfBurst::meters(-0.1).is_err());
        assert!(HeightOfBurst::meters(0.0).is_ok());
        assert!(Visibility::kilometers(0.0).is_err());
    }

    #[test]
    fn shear_unit_conversion() {
        // 1 mph/kft = 1.609344 km/h per 0.3048 km.
        assert!((KMH_PER_KM_PER_MPH_PER_KFT - 5.28).abs() < 1e-12);
    }
}
