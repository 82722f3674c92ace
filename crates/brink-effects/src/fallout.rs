//! WSEG-10 fallout (Weapons Systems Evaluation Group, 1959), as documented by D. W. Hanifen,
//! *Documentation and Analysis of the WSEG-10 Fallout Prediction Model*, AFIT thesis,
//! March 1980, with the three published corrections to its common open
//! implementation applied (see docs/EFFECTS.md):
//!
//! 1. the fission fraction scales the activity only, and is kept out of the shape exponent n;
//! 2. the arrival time uses (x + 2σx)² and σx² where they belong;
//! 3. the biological factor uses the square of the logarithm, (ln(t/31.6))², not ln((t/31.6)²).
//!
//! The model is defined in statute miles, mph, kilofeet, hours and megatons; this module
//! converts at its edge and takes metres and km/h. Coordinates are along the wind
//! (downwind > 0) and across it, with ground zero at the origin.

use crate::error::{EffectsError, non_negative, positive};
use crate::units::{FissionFraction, KMH_PER_KM_PER_MPH_PER_KFT, KMH_PER_MPH, M_PER_MI, Yield};

/// WSEG-10's normalisation: 2×10⁶ (R/h at H+1) · mi² per megaton of fission yield
/// (Hanifen 1980): the integral of the H+1 field over the plane.
pub const K_R_PER_H_MI2_PER_MT: f64 = 2.0e6;

/// The customary WSEG-10 wind shear, 0.23 mph per kilofoot, in km/h per km (≈ 1.214).
pub const DEFAULT_SHEAR_KMH_PER_KM: f64 = 0.23 * KMH_PER_KM_PER_MPH_PER_KFT;

const SQRT_2PI: f64 = 2.506_628_274_631_000_7;

/// Standard normal CDF Φ(x).
#[inline]
fn normal_cdf(x: f64) -> f64 {
    0.5 * libm::erfc(-x * std::f64::consts::FRAC_1_SQRT_2)
}

/// A WSEG-10 fallout field for one surface burst and one effective wind, with the
/// per-burst constants precomputed. Construct with [`Wseg10::new`].
#[derive(Debug, Clone, PartialEq)]
pub struct Wseg10 {
    yield_mt: f64,
    fission_fraction: f64,
    wind_mph: f64,
    /// Cloud-centre height H_c (kft).
    cloud_height_kft: f64,
    /// Initial cloud radius σ0 (mi).
    sigma0_mi: f64,
    /// Downwind spread σx (mi).
    sigma_x_mi: f64,
    /// Time constant T_c (h).
    time_constant_h: f64,
    /// L0 = v T_c (mi).
    l0_mi: f64,
    /// L = √(L0² + 2σx²) (mi).
    l_mi: f64,
    /// Shape exponent n of the downwind deposition function.
    n: f64,
    /// α1: upwind-spread correction.
    alpha1: f64,
    /// L · Γ(1 + 1/n), the normaliser of g(x).
    g_norm: f64,
    /// 0.001 H_c v / σ0, shared by α1 and α2.
    k_alpha: f64,
    /// σh · s · T_c (mi): the shear's contribution to crosswind growth.
    shear_spread_mi: f64,
}

/// The crosswind-independent part of the field at one downwind distance. Grids evaluate
/// this once per row and then only a Gaussian per point.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Downwind {
    /// 2×10⁶ · Y · ff · φ(x) · g(x): activity per mile of downwind distance (R/h · mi).
    line_rate: f64,
    /// Crosswind standard deviation σy (mi).
    sigma_y_mi: f64,
    /// α2 · σy (mi): the width of the crosswind Gaussian.
    width_mi: f64,
    /// Mean arrival time (h).
    arrival_h: f64,
    /// Bio(t_a): 30-day equivalent residual dose per unit H+1 dose rate (h).
    bio: f64,
}

/// Dose rate and dose at one point of a WSEG-10 field.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FalloutPoint {
    /// H+1 reference dose rate (R/h): the rate at one hour after the burst from all the
    /// activity that will be deposited there (a normalisation, not a reading at H+1).
    pub dose_rate_h1_r_per_h: f64,
    /// Mean fallout arrival time (h), at least 0.5.
    pub arrival_h: f64,
    /// 30-day equivalent residual dose (R): 90 % reparable with a 30-day time constant.
    pub dose_30day_erd_r: f64,
}

impl Wseg10 {
    /// A field for a surface burst of `yield_` with `fission_fraction`, in an effective wind
    /// of `wind_kmh` (> 0) with shear `shear_kmh_per_km` (>= 0; WSEG-10's customary value is
    /// [`DEFAULT_SHEAR_KMH_PER_KM`]).
    ///
    /// WSEG-10 neglects the cloud stem, so it is poor for yields below about 100 kt.
    pub fn new(
        yield_: Yield,
        fission_fraction: FissionFraction,
        wind_kmh: f64,
        shear_kmh_per_km: f64,
    ) -> Result<Self, EffectsError> {
        let wind_kmh = positive("wind speed (km/h)", wind_kmh)?;
        let shear_kmh_per_km = non_negative("wind shear (km/h per km)", shear_kmh_per_km)?;
        let y = yield_.mt();
        let v = wind_kmh / KMH_PER_MPH;
        let s = shear_kmh_per_km / KMH_PER_KM_PER_MPH_PER_KFT;
        let ln_y = y.ln();
        // Cloud-centre height (kft): H_c = 44 + 6.1 ln Y − 0.205 |ln Y + 2.42| (ln Y + 2.42).
        let d = ln_y + 2.42;
        let hc = 44.0 + 6.1 * ln_y - 0.205 * d.abs() * d;
        // Initial cloud radius (mi): σ0 = exp(0.7 + ln Y / 3 − 3.25 / (4 + (ln Y + 5.4)²)).
        let sigma0 = (0.7 + ln_y / 3.0 - 3.25 / (4.0 + (ln_y + 5.4).powi(2))).exp();
        // Vertical cloud thickness σh = 0.18 H_c (kft).
        let sigma_h = 0.18 * hc;
        // Time constant (h): T_c = 1.0573203 (12 H/60 − 2.5 (H/60)²)(1 − ½ exp(−(H/25)²)).
        let h60 = hc / 60.0;
        let tc = 1.0573203 * (12.0 * h60 - 2.5 * h60 * h60) * (1.0 - 0.5 * (-(hc / 25.0).powi(2)).exp());
        let l0 = v * tc;
        let l02 = l0 * l0;
        let s02 = sigma0 * sigma0;
        let sx2 = s02 * (l02 + 8.0 * s02) / (l02 + 2.0 * s02);
        let l = (l02 + 2.0 * sx2).sqrt();
        // Correction 1: no fission fraction here.
        let n = (l02 + sx2) / (l02 + 0.5 * sx2);
        let k_alpha = 0.001 * hc * v / sigma0;
        Ok(Self {
            yield_mt: y,
            fission_fraction: fission_fraction.get(),
            wind_mph: v,
            cloud_height_kft: hc,
            sigma0_mi: sigma0,
            sigma_x_mi: sx2.sqrt(),
            time_constant_h: tc,
            l0_mi: l0,
            l_mi: l,
            n,
            alpha1: 1.0 / (1.0 + k_alpha),
            g_norm: l * libm::tgamma(1.0 + 1.0 / n),
            k_alpha,
            shear_spread_mi: sigma_h * s * tc,
        })
    }

    /// Stabilised cloud-centre height (m).
    pub fn cloud_center_height_m(&self) -> f64 {
        self.cloud_height_kft * crate::units::M_PER_KFT
    }

    /// The crosswind-independent terms at `downwind_m` metres downwind of ground zero
    /// (negative: upwind).
    pub fn downwind(&self, downwind_m: f64) -> Downwind {
        let x = downwind_m / M_PER_MI;
        let (l, l0, sx) = (self.l_mi, self.l0_mi, self.sigma_x_mi);
        let (l2, l02, sx2) = (l * l, l0 * l0, sx * sx);
        // Downwind deposition g(x) = exp(−(|x|/L)^n) / (L Γ(1 + 1/n)).
        let g = (-(x.abs() / l).powf(self.n)).exp() / self.g_norm;
        // Upwind cut-off φ(x) = Φ((L0/L) · x / (α1 σx)).
        let phi = normal_cdf(l0 / l * x / (self.alpha1 * sx));
        let line_rate = K_R_PER_H_MI2_PER_MT * self.yield_mt * self.fission_fraction * phi * g;
        // Crosswind spread: initial cloud, growth along the path, and shear.
        let xs = x + 2.0 * sx;
        let shear = self.shear_spread_mi;
        let sigma_y2 = self.sigma0_mi * self.sigma0_mi * (1.0 + 8.0 * xs.abs() / l)
            + 2.0 * (sx * shear).powi(2) / l2
            + (xs * l0 * shear).powi(2) / (l2 * l2);
        let sigma_y = sigma_y2.sqrt();
        let alpha2 = 1.0 / (1.0 + self.k_alpha * (1.0 - normal_cdf(2.0 * x / self.wind_mph)));
        // Correction 2: (x + 2σx)² and σx² (Hanifen 1980), T1 = 1 h.
        let denom = l02 + 0.5 * sx2;
        let tc = self.time_constant_h;
        let arrival_h = (0.25 + l02 * xs * xs * tc * tc / (l2 * denom) + 2.0 * sx2 / denom).sqrt();
        // Correction 3: Bio = exp(−(0.287 + 0.52 ln(t/31.6) + 0.04475 (ln(t/31.6))²)).
        let lt = (arrival_h / 31.6).ln();
        let bio = (-(0.287 + 0.52 * lt + 0.04475 * lt * lt)).exp();
        Downwind { line_rate, sigma_y_mi: sigma_y, width_mi: alpha2 * sigma_y, arrival_h, bio }
    }

    /// H+1 dose rate, arrival time and 30-day dose at (`downwind_m`, `crosswind_m`).
    pub fn at(&self, downwind_m: f64, crosswind_m: f64) -> FalloutPoint {
        self.downwind(downwind_m).at(crosswind_m)
    }

    /// H+1 reference dose rate (R/h).
    pub fn dose_rate_h1_r_per_h(&self, downwind_m: f64, crosswind_m: f64) -> f64 {
        self.at(downwind_m, crosswind_m).dose_rate_h1_r_per_h
    }

    /// Mean fallout arrival time (h) at `downwind_m`; WSEG-10's arrival is the same across
    /// the wind.
    pub fn arrival_time_h(&self, downwind_m: f64) -> f64 {
        self.downwind(downwind_m).arrival_h
    }

    /// 30-day equivalent residual dose (R).
    pub fn dose_30day_erd_r(&self, downwind_m: f64, crosswind_m: f64) -> f64 {
        self.at(downwind_m, crosswind_m).dose_30day_erd_r
    }

    /// Fills row-major grids (`downwind_m.len()` rows × `crosswind_m.len()` columns) of the
    /// H+1 dose rate and the 30-day dose. The crosswind-independent terms are computed once
    /// per row. Panics if an output slice has the wrong length (a caller bug, not an input).
    pub fn fill_grid(
        &self,
        downwind_m: &[f64],
        crosswind_m: &[f64],
        rate_r_per_h: &mut [f64],
        dose_30day_r: &mut [f64],
    ) {
        let cols = crosswind_m.len();
        assert_eq!(rate_r_per_h.len(), downwind_m.len() * cols, "rate grid has the wrong size");
        assert_eq!(dose_30day_r.len(), downwind_m.len() * cols, "dose grid has the wrong size");
        if cols == 0 {
            return;
        }
        for ((x, rate_row), dose_row) in
            downwind_m.iter().zip(rate_r_per_h.chunks_exact_mut(cols)).zip(dose_30day_r.chunks_exact_mut(cols))
        {
            let dw = self.downwind(*x);
            let peak = dw.line_rate / (SQRT_2PI * dw.sigma_y_mi);
            let inv_w_mi = 1.0 / (dw.width_mi * M_PER_MI);
            for ((y, rate), dose) in crosswind_m.iter().zip(rate_row).zip(dose_row) {
                let u = y * inv_w_mi;
                let r = peak * (-0.5 * u * u).exp();
                *rate = r;
                *dose = r * dw.bio;
            }
        }
    }
}

impl Downwind {
    /// The point at `crosswind_m` metres across the wind.
    pub fn at(&self, crosswind_m: f64) -> FalloutPoint {
        let u = crosswind_m / M_PER_MI / self.width_mi;
        let rate = self.line_rate * (-0.5 * u * u).exp() / (SQRT_2PI * self.sigma_y_mi);
        FalloutPoint { dose_rate_h1_r_per_h: rate, arrival_h: self.arrival_h, dose_30day_erd_r: rate * self.bio }
    }

    /// Mean fallout arrival time (h).
    pub fn arrival_h(&self) -> f64 {
        self.arrival_h
    }

    /// Bio(t_a): the ratio of the 30-day equivalent residual dose to the H+1 dose rate.
    pub fn bio(&self) -> f64 {
        self.bio
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(mt: f64, ff: f64, mph: f64) -> Wseg10 {
        Wseg10::new(
            Yield::megatons(mt).unwrap(),
            FissionFraction::new(ff).unwrap(),
            mph * KMH_PER_MPH,
            DEFAULT_SHEAR_KMH_PER_KM,
        )
        .unwrap()
    }

    #[test]
    fn cloud_height_at_one_megaton() {
        // ln 1 = 0: H_c = 44 − 0.205 · 2.42² = 42.80 kft.
        let f = field(1.0, 1.0, 15.0);
        assert!((f.cloud_height_kft - (44.0 - 0.205 * 2.42 * 2.42)).abs() < 1e-12);
    }

    #[test]
    fn fission_fraction_scales_the_field_and_nothing_else() {
        // Correction 1: halving ff halves the field everywhere (the shape does not change).
        let (a, b) = (field(1.0, 1.0, 15.0), field(1.0, 0.5, 15.0));
        for (x, y) in [(-5e3, 0.0), (3e3, 0.0), (50e3, 4e3), (300e3, -2e3)] {
            let (pa, pb) = (a.at(x, y), b.at(x, y));
            assert!((pb.dose_rate_h1_r_per_h / pa.dose_rate_h1_r_per_h - 0.5).abs() < 1e-12);
            assert_eq!(pa.arrival_h, pb.arrival_h);
        }
    }

    #[test]
    fn bio_never_exceeds_the_t_minus_1_2_ceiling() {
        // Correction 3: the dose from t_a >= 0.5 h to infinity is at most 5.74 × the H+1
        // rate; the uncorrected factor gives about 9 near ground zero.
        let f = field(1.0, 1.0, 15.0);
        for x_km in [-20.0, 0.0, 1.0, 10.0, 100.0, 1000.0] {
            let dw = f.downwind(x_km * 1e3);
            assert!(dw.bio() < 5.743 && dw.bio() > 0.0, "{x_km}: {}", dw.bio());
        }
    }

    #[test]
    fn grid_matches_points() {
        let f = field(0.5, 0.7, 20.0);
        let xs = [-1e3, 0.0, 2e4, 1.5e5];
        let ys = [-3e3, 0.0, 1e3];
        let mut rate = vec![0.0; 12];
        let mut dose = vec![0.0; 12];
        f.fill_grid(&xs, &ys, &mut rate, &mut dose);
        for (i, x) in xs.iter().enumerate() {
            for (j, y) in ys.iter().enumerate() {
                let p = f.at(*x, *y);
                assert!((rate[i * 3 + j] / p.dose_rate_h1_r_per_h - 1.0).abs() < 1e-12);
                assert!((dose[i * 3 + j] / p.dose_30day_erd_r - 1.0).abs() < 1e-12);
            }
        }
    }

    #[test]
    fn bad_wind_is_refused() {
        let y = Yield::megatons(1.0).unwrap();
        let ff = FissionFraction::new(1.0).unwrap();
        assert!(Wseg10::new(y, ff, 0.0, 1.0).is_err());
        assert!(Wseg10::new(y, ff, f64::NAN, 1.0).is_err());
        assert!(Wseg10::new(y, ff, 10.0, -1.0).is_err());
    }
}
