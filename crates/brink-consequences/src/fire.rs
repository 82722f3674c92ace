//! City fires and the soot they loft into the stratosphere, after Toon et al. (2007, 2019).
//!
//! For each detonation:
//!
//! 1. **Burned area.** Everything within the ground range where the thermal fluence reaches
//!    the mass-fire threshold Q_fire(W) burns, where there is fuel. Q_fire is G&D 1977
//!    Fig. 12.65's third-degree burn exposure at the same yield (`brink_effects::thermal`)
//!    times [`MASS_FIRE_FACTOR`], chosen so that the Hiroshima burst (15 kt at 580 m, clear
//!    day) burns 13 km², the per-weapon fire zone of Toon et al. 2007 (the area recorded as
//!    burned out in 1946 is 4.4 square miles, 11.4 km²; docs/CONSEQUENCES.md). That gives
//!    7.8 cal/cm² at 15 kt, inside the 4–10 cal/cm² at which G&D 1977 Table 7.40 has
//!    household and outdoor kindling ignite; the
//!    threshold rises with yield as the burn exposures do (a longer pulse). Several weapons on
//!    one aim point burn the same disc; discs of different aim points are joined, not added.
//! 2. **Fuel.** Fuel loading is proportional to population density (Toon et al. 2007: the
//!    fuel in a city scales with the people who live and work there), so the fuel burned is
//!    the number of people in the burned area × the fuel per person.
//! 3. **Soot to the stratosphere** = fuel burned × soot emission factor × (1 − the fraction
//!    rained out in the fire plume).
//!
//! | value | fuel per person (kg) | emission factor | rained out | soot per person (kg) | source |
//! | --- | --- | --- | --- | --- | --- |
//! | central | 1.1 × 10⁴ | 0.02 | 0.2 | 176 | Toon et al. 2007, 2019 |
//! | high | 1.1 × 10⁴ | 0.03 | 0.2 | 264 | brink's assumption (1.5 × the central factor) |
//! | low | — | — | — | 17.6 | Reisner et al. 2018 (a tenth of the central value) |
//!
//! Reisner et al. (2018, JGR Atmospheres) simulated the fires of 100 × 15 kt with a
//! fire-resolving model and a lower fuel loading, found no firestorm, and lofted roughly an
//! order of magnitude less black carbon to the stratosphere than Toon et al.; brink's low
//! value is the central value ÷ 10, a reading of that conclusion rather than a number from
//! their tables. The fuel per person and emission factors are the values recalled from
//! Toon et al. 2007 and 2019 (docs/CONSEQUENCES.md says which were not re-checked against
//! the papers). The whole chain is tested against Toon et al. 2019's totals (16–36 Tg for
//! 250 weapons of 15–100 kt) and Toon et al. 2007's 5 Tg for 100 × 15 kt.

use brink_effects::thermal::{self, BurnDegree};
use brink_effects::{Burst, Visibility};

use crate::ConsequencesError;

/// Mass-fire threshold as a multiple of the third-degree burn exposure at the same yield,
/// calibrated to Hiroshima's 13 km² burned area (see the module docs).
pub const MASS_FIRE_FACTOR: f64 = 1.05;

/// Soot reaching the stratosphere per person living in the burned area (kg): low, central,
/// high (module docs).
pub const SOOT_KG_PER_PERSON: [f64; 3] = [17.6, 176.0, 264.0];

/// Mass-fire threshold (cal/cm²) for `burst`'s yield.
pub fn mass_fire_threshold_cal_cm2(burst: &Burst) -> f64 {
    MASS_FIRE_FACTOR * thermal::burn_threshold_cal_cm2(burst.yield_, BurnDegree::Third)
}

/// Ground range (m) out to which a city burns; 0 when even ground zero is below the
/// threshold (a very high burst).
pub fn fire_radius_m(burst: &Burst, visibility: Visibility) -> Result<f64, ConsequencesError> {
    let slant = thermal::slant_range_for_fluence_m(burst, mass_fire_threshold_cal_cm2(burst), visibility)?;
    Ok(burst.ground_range_m(slant).unwrap_or(0.0))
}

/// The fire and soot of a plan (or one detonation).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct FireResult {
    /// Populated (fuelled) area inside the fire zones (m²).
    pub burned_area_m2: f64,
    /// People living in it (the fuel is proportional to them).
    pub people_in_burned_area: f64,
}

impl FireResult {
    /// Soot lofted to the stratosphere (Tg): (low, central, high).
    pub fn soot_tg(&self) -> (f64, f64, f64) {
        let [lo, mid, hi] = SOOT_KG_PER_PERSON.map(|k| self.people_in_burned_area * k / 1e9);
        (lo, mid, hi)
    }

    /// Burned area (km²).
    pub fn burned_area_km2(&self) -> f64 {
        self.burned_area_m2 / 1e6
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hiroshima_burns_its_13_km2() {
        // Toon et al. 2007's 13 km² per 15 kt weapon (the records of 1946 give 4.4 square
        // miles, 11.4 km², burned out: docs/CONSEQUENCES.md).
        // G&D 1977 Table 7.40: kindling ignites at about 4–10 cal/cm².
        let b = Burst::from_kt_m(15.0, 580.0).unwrap();
        let r = fire_radius_m(&b, Visibility::REFERENCE).unwrap();
        let area_km2 = std::f64::consts::PI * r * r / 1e6;
        assert!((area_km2 / 13.0 - 1.0).abs() < 0.05, "{area_km2} km² at r = {r} m");
        let q = mass_fire_threshold_cal_cm2(&b);
        assert!((4.0..=10.0).contains(&q), "{q} cal/cm²");
    }

    #[test]
    fn fire_zone_grows_with_yield() {
        let mut last = 0.0;
        for kt in [1.0, 15.0, 50.0, 100.0, 1000.0] {
            let r = fire_radius_m(&Burst::from_kt_m(kt, 0.0).unwrap(), Visibility::REFERENCE).unwrap();
            assert!(r > last, "{kt} kt: {r}");
            last = r;
        }
    }
}
