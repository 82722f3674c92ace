//! From one detonation's effects to the chance that a person at a ground range is killed or
//! injured.
//!
//! Three mechanisms, each giving, at a ground range, the probability k of being killed and i
//! of being injured but not killed (k + i ≤ 1):
//!
//! * **Blast**, by the overpressure rings of the Office of Technology Assessment, *The Effects
//!   of Nuclear War* (1979), for its 1 Mt surface-burst case: > 12 psi 98 % killed; 5–12 psi
//!   50 % killed and 40 % injured; 2–5 psi 5 % killed and 45 % injured; 1–2 psi 25 % injured.
//!   The ring radii come from Brode's overpressure fit (`brink-effects`), so they scale with
//!   yield and height of burst.
//! * **Thermal**: within the 50 % third-degree burn range (G&D 1977 Fig. 12.65 thresholds), a
//!   fraction [`CasualtyModel::exposed_fraction`] of people is in the open or behind a window
//!   in line of sight; of those, [`CasualtyModel::burn_mortality`] die and the rest are
//!   injured; within the second-degree range, the exposed are injured.
//! * **Prompt radiation**: a lognormal lethality in the free-field dose, LD50 = 450 rem and
//!   σ = 0.42 in ln dose (the example of E. Geist's `glasstone`, which quotes LD10 = 263 and
//!   LD95 = 900 rem; research note effects-models.md §1.6). No injury is counted from it.
//!
//! **No double counting**: the mechanisms are combined as independent risks, so a person
//! survives only if every mechanism spares them, P(alive) = Π(1 − kₘ), and is unhurt only if
//! every mechanism leaves them unhurt, P(unhurt) = Π(1 − kₘ − iₘ); the injured are
//! P(alive) − P(unhurt). Several weapons combine the same way (see `assess`). So killed +
//! injured never exceeds the people present.

use brink_effects::blast::{self, BlastModel};
use brink_effects::radiation;
use brink_effects::thermal::{self, BurnDegree};
use brink_effects::{Burst, Visibility};

use crate::error::ConsequencesError;

/// Overpressure ring edges (psi) of the OTA 1979 model, innermost first.
pub const OTA_RING_PSI: [f64; 4] = [12.0, 5.0, 2.0, 1.0];
/// (killed, injured) fractions inside each OTA ring, innermost first (OTA 1979, the 1 Mt
/// surface-burst case as reproduced by PBS; research note effects-models.md §2.7). The OTA table gives no
/// injured share above 12 psi; brink uses 0 there.
pub const OTA_RING_FRACTIONS: [(f64, f64); 4] = [(0.98, 0.0), (0.50, 0.40), (0.05, 0.45), (0.0, 0.25)];

/// The casualty model's parameters. [`Default`] is the documented model (docs/CONSEQUENCES.md).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CasualtyModel {
    /// Count blast casualties (OTA rings).
    pub blast: bool,
    /// Count burn casualties.
    pub thermal: bool,
    /// Count prompt-radiation deaths.
    pub radiation: bool,
    /// Share of people in line of sight of the fireball (brink's assumption: 0.25, a daytime
    /// population mostly indoors).
    pub exposed_fraction: f64,
    /// Share of the exposed with third-degree burns who die (brink's assumption: 0.5, burns with
    /// medical care overwhelmed; no source giving one figure was found).
    pub burn_mortality: f64,
    /// Median lethal prompt dose (rem): 450.
    pub ld50_rem: f64,
    /// Lognormal shape (natural log of dose): 0.42.
    pub ld_sigma: f64,
    /// Visibility for thermal transmittance (km): 19.3 (a clear day, 12 statute miles).
    pub visibility_km: f64,
    /// Fallout deaths, off by default ([`crate::fallout`]).
    pub fallout: Option<crate::fallout::FalloutModel>,
}

impl Default for CasualtyModel {
    fn default() -> Self {
        Self {
            blast: true,
            thermal: true,
            radiation: true,
            exposed_fraction: 0.25,
            burn_mortality: 0.5,
            ld50_rem: 450.0,
            ld_sigma: 0.42,
            visibility_km: 19.3,
            fallout: None,
        }
    }
}

/// Prompt dose (rem) below which radiation deaths are ignored: the lognormal gives
/// 1.7 × 10⁻⁴ at 100 rem, so the reach of the model is never set by radiation alone.
const DOSE_FLOOR_REM: f64 = 100.0;
/// Intervals of the radiation lethality table.
const RADIATION_TABLE: usize = 1024;

/// One ring of a detonation's effects, for reports and maps.
#[derive(Debug, Clone, PartialEq)]
pub struct Ring {
    /// What the ring edge is, e.g. "blast 5 psi", "3rd-degree burns", "500 rem", "mass fire".
    pub effect: &'static str,
    /// Ground range of the ring's edge (m).
    pub radius_m: f64,
}

/// Probabilities for one person at one place: alive, and alive and unhurt.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Harm {
    /// P(alive).
    pub alive: f64,
    /// P(alive and unhurt) ≤ P(alive).
    pub unhurt: f64,
}

impl Harm {
    /// Nobody hurt.
    pub const NONE: Harm = Harm { alive: 1.0, unhurt: 1.0 };

    /// Combines independent risks (see the module docs).
    pub fn and(self, other: Harm) -> Harm {
        Harm { alive: self.alive * other.alive, unhurt: self.unhurt * other.unhurt }
    }

    /// `count` independent draws of the same risk (several weapons on one aim point).
    pub fn times(self, count: u32) -> Harm {
        Harm { alive: self.alive.powi(count as i32), unhurt: self.unhurt.powi(count as i32) }
    }

    /// From a mechanism's killed and injured-not-killed probabilities.
    fn from_killed_injured(killed: f64, injured: f64) -> Harm {
        Harm { alive: 1.0 - killed, unhurt: 1.0 - killed - injured }
    }
}

/// The effects of one weapon, reduced to step rings and a dose law, ready for fast lookups.
#[derive(Debug, Clone, PartialEq)]
pub struct WeaponProfile {
    burst: Burst,
    /// (radius, killed, injured) of the blast rings, innermost first.
    blast: Vec<(f64, f64, f64)>,
    /// (radius, killed, injured) of the thermal rings, innermost first.
    thermal: Vec<(f64, f64, f64)>,
    /// Ground range beyond which the dose is below [`DOSE_FLOOR_REM`] (0 when off).
    radiation_reach_m: f64,
    /// P(killed by prompt radiation) tabulated on [`RADIATION_TABLE`] even steps of ground
    /// range from 0 to `radiation_reach_m` (linear interpolation: the grid integration calls
    /// this per cell and per neighbouring weapon; the steps are under 5 m at 100 kt).
    radiation_table: Vec<f64>,
    /// Every ring edge, for reports.
    rings: Vec<Ring>,
    /// Ground range beyond which nobody is hurt.
    reach_m: f64,
    /// Ground range out to which the city burns ([`crate::fire`]), at most `reach_m`.
    fire_radius_m: f64,
}

impl WeaponProfile {
    /// Computes the ring radii of `burst` under `model`.
    pub fn new(burst: Burst, model: &CasualtyModel) -> Result<Self, ConsequencesError> {
        let visibility = Visibility::kilometers(model.visibility_km)?;
        let mut rings = Vec::new();
        let mut blast_rings = Vec::new();
        if model.blast {
            for (&psi, &(killed, injured)) in OTA_RING_PSI.iter().zip(&OTA_RING_FRACTIONS) {
                if let Some(r) = blast::ground_range_for_overpressure_m(BlastModel::Brode, &burst, psi)? {
                    blast_rings.push((r, killed, injured));
                    rings.push(Ring { effect: blast_label(psi), radius_m: r });
                }
            }
        }
        let mut thermal_rings = Vec::new();
        if model.thermal {
            let f = model.exposed_fraction;
            let third = burst.ground_range_m(thermal::burn_slant_range_m(&burst, BurnDegree::Third, visibility)?);
            let second = burst.ground_range_m(thermal::burn_slant_range_m(&burst, BurnDegree::Second, visibility)?);
            if let Some(r) = third {
                thermal_rings.push((r, f * model.burn_mortality, f * (1.0 - model.burn_mortality)));
                rings.push(Ring { effect: "3rd-degree burns (50 %)", radius_m: r });
            }
            if let Some(r) = second {
                thermal_rings.push((r, 0.0, f));
                rings.push(Ring { effect: "2nd-degree burns (50 %)", radius_m: r });
            }
        }
        let mut radiation_reach_m = 0.0;
        if model.radiation {
            if let Some(r) = burst.ground_range_m(radiation::slant_range_for_dose_m(&burst, DOSE_FLOOR_REM)?) {
                radiation_reach_m = r;
            }
            if let Some(r) = burst.ground_range_m(radiation::slant_range_for_dose_m(&burst, model.ld50_rem)?) {
                rings.push(Ring { effect: "prompt dose LD50", radius_m: r });
            }
        }
        let radiation_table = if radiation_reach_m > 0.0 {
            (0..=RADIATION_TABLE)
                .map(|k| {
                    let ground = radiation_reach_m * k as f64 / RADIATION_TABLE as f64;
                    let slant = burst.slant_range_m(ground).max(1.0);
                    let dose = radiation::prompt_dose_rem_unchecked(burst.yield_.kt(), burst.hob.m(), slant);
                    lognormal_cdf(dose, model.ld50_rem, model.ld_sigma)
                })
                .collect()
        } else {
            Vec::new()
        };
        let reach_m = blast_rings.iter().chain(&thermal_rings).map(|&(r, _, _)| r).fold(radiation_reach_m, f64::max);
        let fire_radius_m = crate::fire::fire_radius_m(&burst, visibility)?.min(reach_m);
        if fire_radius_m > 0.0 {
            rings.push(Ring { effect: "mass fire", radius_m: fire_radius_m });
        }
        Ok(Self {
            burst,
            blast: blast_rings,
            thermal: thermal_rings,
            radiation_reach_m,
            radiation_table,
            rings,
            reach_m,
            fire_radius_m,
        })
    }

    /// Ground range out to which the city burns (m; [`crate::fire`]), capped at the reach.
    pub fn fire_radius_m(&self) -> f64 {
        self.fire_radius_m
    }

    /// The burst.
    pub fn burst(&self) -> &Burst {
        &self.burst
    }

    /// Ground range beyond which nobody is hurt (m).
    pub fn reach_m(&self) -> f64 {
        self.reach_m
    }

    /// The ring edges (blast, burns, LD50 dose).
    pub fn rings(&self) -> &[Ring] {
        &self.rings
    }

    /// Radii at which the step mechanisms change value (so an integration grid can put cell
    /// edges there and integrate the steps exactly).
    pub fn step_radii_m(&self) -> impl Iterator<Item = f64> + '_ {
        self.blast.iter().chain(&self.thermal).map(|&(r, _, _)| r)
    }

    /// Harm of one weapon at ground range `ground_m`.
    pub fn harm_at(&self, ground_m: f64) -> Harm {
        if ground_m > self.reach_m {
            return Harm::NONE;
        }
        let mut harm = Harm::NONE;
        // Rings are innermost first: the first ring containing the point applies.
        if let Some(&(_, k, i)) = self.blast.iter().find(|&&(r, _, _)| ground_m <= r) {
            harm = harm.and(Harm::from_killed_injured(k, i));
        }
        if let Some(&(_, k, i)) = self.thermal.iter().find(|&&(r, _, _)| ground_m <= r) {
            harm = harm.and(Harm::from_killed_injured(k, i));
        }
        if ground_m <= self.radiation_reach_m {
            let t = ground_m / self.radiation_reach_m * RADIATION_TABLE as f64;
            let k = (t as usize).min(RADIATION_TABLE - 1);
            let frac = t - k as f64;
            let killed = self.radiation_table[k] + frac * (self.radiation_table[k + 1] - self.radiation_table[k]);
            harm = harm.and(Harm::from_killed_injured(killed, 0.0));
        }
        harm
    }
}

fn blast_label(psi: f64) -> &'static str {
    match psi as u32 {
        12 => "blast 12 psi",
        5 => "blast 5 psi",
        2 => "blast 2 psi",
        _ => "blast 1 psi",
    }
}

/// P(lethal) at `dose` for a lognormal tolerance with median `median` and shape `sigma`.
pub fn lognormal_cdf(dose: f64, median: f64, sigma: f64) -> f64 {
    if dose <= 0.0 {
        return 0.0;
    }
    0.5 * libm::erfc(-(dose / median).ln() / (sigma * std::f64::consts::SQRT_2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lognormal_reproduces_the_quoted_ld10_and_ld95() {
        // glasstone's example quotes LD10 = 263 rem and LD95 = 900 rem for LD50 450, σ 0.42.
        assert!((lognormal_cdf(450.0, 450.0, 0.42) - 0.5).abs() < 1e-12);
        assert!((lognormal_cdf(263.0, 450.0, 0.42) - 0.10).abs() < 0.01);
        assert!((lognormal_cdf(900.0, 450.0, 0.42) - 0.95).abs() < 0.01);
    }

    #[test]
    fn harm_is_a_probability_split() {
        let p = WeaponProfile::new(Burst::from_kt_m(15.0, 580.0).unwrap(), &CasualtyModel::default()).unwrap();
        for i in 0..200 {
            let h = p.harm_at(i as f64 * 30.0);
            assert!((0.0..=1.0).contains(&h.unhurt) && h.unhurt <= h.alive + 1e-15 && h.alive <= 1.0);
        }
        assert_eq!(p.harm_at(p.reach_m() + 1.0), Harm::NONE);
    }

    #[test]
    fn radiation_table_matches_the_direct_formula() {
        let model = CasualtyModel { blast: false, thermal: false, ..CasualtyModel::default() };
        let burst = Burst::from_kt_m(15.0, 580.0).unwrap();
        let p = WeaponProfile::new(burst, &model).unwrap();
        for i in 0..500 {
            let ground = i as f64 * 4.0;
            let dose = radiation::prompt_dose_rem_unchecked(15.0, 580.0, burst.slant_range_m(ground));
            let direct = lognormal_cdf(dose, 450.0, 0.42);
            assert!((1.0 - p.harm_at(ground).alive - direct).abs() < 2e-3, "{ground}");
        }
    }
}
