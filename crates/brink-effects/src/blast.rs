//! Peak static overpressure on the ground: Brode's 1986 analytic fit (the default) and the
//! DNA 1-kt free-air standard with twice-yield scaling for surface bursts.
//!
//! Both are 1-kt fits at sea level over an ideal (flat, rigid, thermally reflective) surface;
//! other yields follow by cube-root scaling of range and height (G&D 1977 ch. III, scaling laws):
//! the overpressure of a yield W at (ground range R, height H) is that of 1 kt at
//! (R / W^(1/3), H / W^(1/3)).

use crate::error::EffectsError;
use crate::lanes::{Arith, LANES, Lanes, run_wide};
use crate::solve::outermost_crossing;
use crate::units::{Burst, M_PER_KFT, PA_PER_PSI, Yield, ground_range_m};

/// Which overpressure model to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BlastModel {
    /// H. L. Brode, *Airblast from Nuclear Bursts: Analytic Approximations*, Pacific-Sierra
    /// Research Corp., 1986, pp. 60–71: any height of burst; about ±10 % against the ideal-
    /// surface calculations it was fitted to.
    #[default]
    Brode,
    /// The DNA 1-kt free-air overpressure standard (Speicher & Brode, as printed in the help
    /// text of DNA's BLAST program, reproduced by NRDC 2001) with twice-yield scaling: defined
    /// here for surface bursts only. The DNA height-of-burst switching fit is deliberately not
    /// implemented (its public transcription is wrong near ground zero; see docs/EFFECTS.md).
    Dna,
}

/// Caps z = H/R in Brode's fit. Beneath the burst z → ∞; at z = 1000 every rational term of
/// the fit is at its limit to better than 1e-40, and z¹⁸ = 1e54 cannot overflow.
const BRODE_Z_MAX: f64 = 1.0e3;

/// The terms of Brode's fit that depend only on the scaled height of burst y (kft/kt^(1/3)):
/// j(y), k(y) and 1/(1 + 2y). A grid over one burst computes them once ([`BrodeBurst`]).
#[derive(Debug, Clone, Copy, PartialEq)]
struct HeightTerms {
    y_kft: f64,
    inv_1p2y: f64,
    j: f64,
    k: f64,
}

impl HeightTerms {
    #[inline]
    fn new(y_kft: f64) -> Self {
        let y2 = y_kft * y_kft;
        let y4 = y2 * y2;
        // j = 0.000629 y⁴/(3.493e−9 + y⁴) − 2.67 y²/(1 + 1e7 y^4.3); k = 5.18 + 0.2803 y^3.5/(3.788e−6 + y⁴).
        let (j, k) = if y_kft > 0.0 {
            let y3_5 = y2 * y_kft * y_kft.sqrt();
            let y4_3 = y4 * (0.3 * y_kft.ln()).exp();
            (0.000629 * y4 / (3.493e-9 + y4) - 2.67 * y2 / (1.0 + 1.0e7 * y4_3), 5.18 + 0.2803 * y3_5 / (3.788e-6 + y4))
        } else {
            (0.0, 5.18)
        };
        Self { y_kft, inv_1p2y: 1.0 / (1.0 + 2.0 * y_kft), j, k }
    }
}

/// Brode (1986) peak overpressure in psi for a 1-kt burst, with the scaled ground range
/// `x_kft` and scaled height of burst `y_kft` in kilofeet per kt^(1/3).
///
/// P = 10.47/r^a + b/r^c + d·e/(1 + f·r^g) + h + j/r^k, with r the scaled slant range,
/// z = y/x, and a…h functions of z (h also of r and y), j and k of y (Brode 1986, p. 60 ff.;
/// every coefficient is listed in docs/EFFECTS.md). Infinite at r = 0.
#[inline]
pub fn brode_1kt_psi(x_kft: f64, y_kft: f64) -> f64 {
    brode_core(x_kft, &HeightTerms::new(y_kft))
}

/// The fit at scaled ground range `x_kft` given the height terms, on one value (`f64`, with
/// libm's exp and ln) or on [`LANES`] values at once (the batch path, [`crate::lanes`]).
///
/// Written for speed (it is the inner loop of blast grids) without changing the formula:
/// fractional powers of z come from square roots and products instead of `powf`; the sums of
/// rational terms inside b, c, d·e/(1 + f r^g) and h are each put over one common
/// denominator (8 divisions instead of 20); the powers of r share one logarithm. At the cap
/// z = 1000 the largest product of denominators is about 1e170, far from overflow.
#[inline(always)]
fn brode_core<N: Arith>(x_kft: N, t: &HeightTerms) -> N {
    let one = N::splat(1.0);
    let c = N::splat;
    let y = c(t.y_kft);
    let r2 = x_kft * x_kft + y * y;
    let r = r2.sqrt();
    let z = x_kft.positive_select((y / x_kft).min(c(BRODE_Z_MAX)), c(BRODE_Z_MAX));

    // Powers of z.
    let z2 = z * z;
    let z3 = z2 * z;
    let z5 = z3 * z2;
    let z6 = z3 * z3;
    let z8 = z6 * z2;
    let z9 = z8 * z;
    let z14 = z8 * z6;
    let z17 = z9 * z8;
    let z18 = z9 * z9;
    let zh = z.sqrt(); // z^0.5
    let zq = zh.sqrt(); // z^0.25
    let z1_5 = z * zh;
    let z1_75 = z1_5 * zq;
    let z2_5 = z2 * zh;
    let z3_5 = z3 * zh;
    let z9_25 = z9 * zq;
    let z14_5 = z14 * zh;

    // a = 1.22 − 3.908 z²/(1 + 810.2 z⁵)
    let a = c(1.22) - c(3.908) * z2 / (one + c(810.2) * z5);
    // b = 2.321 + 6.195 z¹⁸/B1 − 0.03831 z¹⁷/B2 + 0.6692/B3
    let (b1, b2, b3) = (one + c(1.113) * z18, one + c(0.02415) * z17, one + c(4164.0) * z8);
    let b = c(2.321) + (c(6.195) * z18 * b2 * b3 - c(0.03831) * z17 * b1 * b3 + c(0.6692) * b1 * b2) / (b1 * b2 * b3);
    // c = 4.153 − 1.149 z¹⁸/C1 − 1.1/C2
    let (c1, c2) = (one + c(1.641) * z18, one + c(2.771) * z2_5);
    let cc = c(4.153) - (c(1.149) * z18 * c2 + c(1.1) * c1) / (c1 * c2);
    // d = −4.166 + 25.76 z^1.75/D1 + 8.257 z/D2 = dn/(D1 D2)
    let (d1, d2) = (one + c(1.382) * z18, one + c(3.219) * z);
    let dn = c(-4.166) * d1 * d2 + c(25.76) * z1_75 * d2 + c(8.257) * z * d1;
    // e = 1 − 0.004642 z¹⁸/E1 = en/E1
    let e1 = one + c(0.003886) * z18;
    let en = e1 - c(0.004642) * z18;
    // f = 0.6096 + 2.879 z^9.25/F1 − 17.5 z²/F2 = fn/(F1 F2)
    let (f1, f2) = (one + c(2.359) * z14_5, one + c(71.66) * z3);
    let fnum = c(0.6096) * f1 * f2 + c(2.879) * z9_25 * f2 - c(17.5) * z2 * f1;
    // g = 1.83 + 5.361 z²/(1 + 0.3139 z⁶)
    let g = c(1.83) + c(5.361) * z2 / (one + c(0.3139) * z6);
    // h = 8.808 z^1.5/H1 − (0.2905 + 64.67 z⁵)/H2 − 1.389 z/H3 + 1.094 r²/((781.2 − 123.4 r + 37.98 r^1.5 + r²)(1 + 2y))
    let (h1, h2, h3) = (one + c(154.5) * z3_5, one + c(441.5) * z5, one + c(49.03) * z5);
    let h_z =
        (c(8.808) * z1_5 * h2 * h3 - (c(0.2905) + c(64.67) * z5) * h1 * h3 - c(1.389) * z * h1 * h2) / (h1 * h2 * h3);
    let r1_5 = r * r.sqrt();
    let h_r = c(1.094) * r2 * c(t.inv_1p2y) / (c(781.2) - c(123.4) * r + c(37.98) * r1_5 + r2);

    let ln_r = r.ln();
    let r_g = (g * ln_r).exp();
    // d·e/(1 + f r^g) = dn·en·F1F2 / (D1 D2 · E1 · (F1 F2 + fn r^g))
    let f12 = f1 * f2;
    let de_term = dn * en * f12 / (d1 * d2 * e1 * (f12 + fnum * r_g));
    let p = c(10.47) * (-a * ln_r).exp() + b * (-cc * ln_r).exp() + de_term + h_z + h_r;
    if t.j == 0.0 { p } else { p + c(t.j) * (c(-t.k) * ln_r).exp() }
}

/// Brode overpressure (psi) at `ground_range_m` from a burst of `yield_kt` at `hob_m`,
/// without validation: for grids. Infinite at zero slant range; NaN for negative yields.
#[inline]
pub fn brode_overpressure_psi_unchecked(yield_kt: f64, hob_m: f64, ground_range_m: f64) -> f64 {
    let per_kft = 1.0 / (M_PER_KFT * yield_kt.cbrt());
    brode_1kt_psi(ground_range_m * per_kft, hob_m * per_kft)
}

/// Brode's fit for one burst, with everything that depends only on the yield and the height
/// precomputed: the fast path for maps and grids around one detonation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BrodeBurst {
    per_kft: f64,
    terms: HeightTerms,
}

impl BrodeBurst {
    /// Precomputes the fit for `burst`.
    pub fn new(burst: &Burst) -> Self {
        let per_kft = 1.0 / (M_PER_KFT * burst.yield_.cube_root());
        Self { per_kft, terms: HeightTerms::new(burst.hob.m() * per_kft) }
    }

    /// Peak overpressure (psi) at `ground_range_m`, without validation (see
    /// [`overpressure_psi`] for the checked version and the fit's validity range).
    #[inline]
    pub fn overpressure_psi_unchecked(&self, ground_range_m: f64) -> f64 {
        brode_core(ground_range_m * self.per_kft, &self.terms)
    }

    /// Fills `out_psi` with the overpressure at each of `ground_ranges_m`, [`LANES`] points at
    /// a time in SIMD registers (AVX2 when the CPU has it, chosen at run time; SSE2
    /// otherwise). Same function as [`Self::overpressure_psi_unchecked`] to about 1e-14
    /// relative (the lanes use their own exp and ln, [`crate::lanes`]), and the same bits on
    /// every CPU. Panics if the slices differ in length (a caller bug).
    pub fn overpressure_psi_batch_unchecked(&self, ground_ranges_m: &[f64], out_psi: &mut [f64]) {
        assert_eq!(ground_ranges_m.len(), out_psi.len(), "output length differs from input");
        run_wide(
            #[inline(always)]
            || self.batch(ground_ranges_m, out_psi),
        );
    }

    /// The same as [`Self::overpressure_psi_batch_unchecked`], compiled for the x86-64
    /// baseline (SSE2) whatever the CPU: the reference the wide paths are measured and tested
    /// against (they give the same bits).
    pub fn overpressure_psi_batch_baseline_unchecked(&self, ground_ranges_m: &[f64], out_psi: &mut [f64]) {
        assert_eq!(ground_ranges_m.len(), out_psi.len(), "output length differs from input");
        self.batch(ground_ranges_m, out_psi);
    }

    #[inline(always)]
    fn batch(&self, ground_ranges_m: &[f64], out_psi: &mut [f64]) {
        let mut inputs = ground_ranges_m.chunks_exact(LANES);
        let mut outputs = out_psi.chunks_exact_mut(LANES);
        let scale = Lanes::splat(self.per_kft);
        for (r, o) in (&mut inputs).zip(&mut outputs) {
            let x = Lanes(r.try_into().expect("chunks_exact gives LANES values")) * scale;
            o.copy_from_slice(&brode_core(x, &self.terms).0);
        }
        let (r, o) = (inputs.remainder(), outputs.into_remainder());
        if !r.is_empty() {
            // The tail through the same lane code (padded), so every point gets the same bits.
            let mut padded = [1.0; LANES];
            padded[..r.len()].copy_from_slice(r);
            let p = brode_core(Lanes(padded) * scale, &self.terms);
            o.copy_from_slice(&p.0[..r.len()]);
        }
    }
}

/// Lowest overpressure (psi) at which Brode's fit is used for an air burst. Beyond the ~1 psi
/// ring the fit of an elevated burst turns over and goes negative (at 1 kt and 150 m, from
/// about 26 kft/kt^(1/3) out), so lower values are refused (research note §3: "do not use
/// below about 1 psi for HOB > 0").
pub const BRODE_MIN_PSI_AIR: f64 = 1.0;
/// Lowest overpressure (psi) at which Brode's fit is used for a surface burst. The surface fit
/// falls monotonically to 0.044 psi at 66 kft/kt^(1/3) and then rises again (a fitting
/// artefact), so it is used down to 0.1 psi (31 kft/kt^(1/3)).
pub const BRODE_MIN_PSI_SURFACE: f64 = 0.1;
/// Largest scaled ground range (m/kt^(1/3)) at which Brode's fit is evaluated: 40 kft, past
/// every valid level above for any height.
pub const BRODE_MAX_SCALED_RANGE_M: f64 = 40.0 * M_PER_KFT;

/// The validity floor of Brode's fit for a burst at `hob_m`.
pub fn brode_min_psi(hob_m: f64) -> f64 {
    if hob_m > 0.0 { BRODE_MIN_PSI_AIR } else { BRODE_MIN_PSI_SURFACE }
}

/// The DNA 1-kt free-air peak overpressure standard, in pascals, at slant range `r_m` metres:
/// P = 3.04e11/r³ + 1.13e9/r² + 7.9e6 / (r·√ln(r/445.42 + 3·exp(−√(r/445.42)/3)))
/// (DNA BLAST help text, as reproduced in NRDC, *The U.S. Nuclear War Plan*, 2001).
#[inline]
pub fn dna_free_air_1kt_pa(r_m: f64) -> f64 {
    let s = r_m / 445.42;
    let log_term = (s + 3.0 * (-s.sqrt() / 3.0).exp()).ln();
    3.04e11 / (r_m * r_m * r_m) + 1.13e9 / (r_m * r_m) + 7.9e6 / (r_m * log_term.sqrt())
}

/// DNA surface-burst overpressure (psi) at `ground_range_m` from `yield_kt`: the free-air
/// curve at twice the yield ("twice-yield scaling" for a burst on an ideal reflecting
/// surface, DNA BLAST help text). No validation.
#[inline]
pub fn dna_surface_overpressure_psi_unchecked(yield_kt: f64, ground_range_m: f64) -> f64 {
    let r_1kt = ground_range_m / (2.0 * yield_kt).cbrt();
    dna_free_air_1kt_pa(r_1kt) / PA_PER_PSI
}

/// Peak static overpressure (psi) at `ground_range_m` metres from ground zero.
///
/// Errors: a negative or non-finite range; zero slant range (a surface burst at ground zero,
/// where both fits diverge); [`BlastModel::Dna`] with a height of burst above 0; a point
/// where Brode's fit is out of its validity range (below [`brode_min_psi`], or beyond
/// [`BRODE_MAX_SCALED_RANGE_M`]) — [`EffectsError::OutsideValidity`], never a silent clamp.
pub fn overpressure_psi(model: BlastModel, burst: &Burst, ground_range_m_: f64) -> Result<f64, EffectsError> {
    let r = ground_range_m(ground_range_m_)?;
    let hob = burst.hob.m();
    if r == 0.0 && hob == 0.0 {
        return Err(EffectsError::Undefined {
            model: "peak overpressure",
            reason: "at ground zero of a surface burst (zero slant range); give a range > 0",
        });
    }
    match model {
        BlastModel::Brode => {
            let p = brode_overpressure_psi_unchecked(burst.yield_.kt(), hob, r);
            // A relative 1e-9 of slack, so that the range returned for the floor level itself
            // (accurate to 1e-12) is accepted.
            if r / burst.yield_.cube_root() > BRODE_MAX_SCALED_RANGE_M
                || p.is_nan()
                || p < brode_min_psi(hob) * (1.0 - 1e-9)
            {
                return Err(brode_out_of_range(hob));
            }
            Ok(p)
        }
        BlastModel::Dna => {
            dna_requires_surface(burst)?;
            Ok(dna_surface_overpressure_psi_unchecked(burst.yield_.kt(), r))
        }
    }
}

fn brode_out_of_range(hob_m: f64) -> EffectsError {
    EffectsError::OutsideValidity {
        model: "Brode's overpressure fit",
        reason: if hob_m > 0.0 {
            "(it is used down to 1 psi for air bursts)"
        } else {
            "(it is used down to 0.1 psi for surface bursts)"
        },
    }
}

fn dna_requires_surface(burst: &Burst) -> Result<(), EffectsError> {
    if burst.hob.m() > 0.0 {
        return Err(EffectsError::Unsupported {
            model: "the DNA free-air curve",
            reason: "is provided for surface bursts only (height of burst 0); use the Brode model for air bursts",
        });
    }
    Ok(())
}

fn check_overpressure(overpressure_psi: f64) -> Result<f64, EffectsError> {
    crate::error::positive("overpressure (psi)", overpressure_psi)
}

/// Scaled (1-kt) search bounds in metres: 1 cm out to 100 km (DNA) or to Brode's limit.
const R_MIN_1KT_M: f64 = 1.0e-2;
const R_MAX_1KT_M: f64 = 1.0e5;

/// The largest ground range (m) at which the peak overpressure is at least
/// `overpressure_psi`: the radius of that overpressure ring. `None` for an air burst too high
/// for that overpressure to reach the ground at all. Brode: an error below [`brode_min_psi`].
///
/// Solved at 1 kt on the scaled height and scaled back (cube-root scaling is exact in both
/// fits). At a fixed height Brode's curve is not monotone in range near the Mach-stem
/// shoulder, so the search scans inward in 1 % steps and returns the outermost crossing.
pub fn ground_range_for_overpressure_m(
    model: BlastModel,
    burst: &Burst,
    overpressure_psi: f64,
) -> Result<Option<f64>, EffectsError> {
    let p = check_overpressure(overpressure_psi)?;
    let w13 = burst.yield_.cube_root();
    let scaled = match model {
        BlastModel::Brode => {
            if p < brode_min_psi(burst.hob.m()) {
                return Err(brode_out_of_range(burst.hob.m()));
            }
            let y_kft = burst.hob.m() / (M_PER_KFT * w13);
            outermost_crossing(
                |r_m| brode_1kt_psi(r_m / M_PER_KFT, y_kft),
                p,
                R_MIN_1KT_M,
                BRODE_MAX_SCALED_RANGE_M,
                1.01,
            )
        }
        BlastModel::Dna => {
            dna_requires_surface(burst)?;
            outermost_crossing(|r_m| dna_surface_overpressure_psi_unchecked(1.0, r_m), p, R_MIN_1KT_M, R_MAX_1KT_M, 1.1)
        }
    };
    Ok(scaled.map(|r| r * w13))
}

/// The height of burst that maximises the ground range of one overpressure, and that range.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OptimumBurst {
    /// The optimum height of burst (m).
    pub hob_m: f64,
    /// The ground range (m) of the overpressure at that height.
    pub ground_range_m: f64,
}

/// The height of burst that maximises the ground range at which `overpressure_psi` occurs
/// (the "knee" of the height-of-burst curve, G&D 1977 Fig. 3.73), with Brode's fit.
///
/// A scan of the scaled height in 5 m steps up to 3 km/kt^(1/3) (the range curve can have
/// two local maxima), refined by golden-section search around the best step.
pub fn optimum_height_of_burst(yield_: Yield, overpressure_psi: f64) -> Result<OptimumBurst, EffectsError> {
    let p = check_overpressure(overpressure_psi)?;
    if p < BRODE_MIN_PSI_AIR {
        return Err(brode_out_of_range(1.0));
    }
    let range_1kt = |hob_1kt_m: f64| {
        let y_kft = hob_1kt_m / M_PER_KFT;
        outermost_crossing(|r_m| brode_1kt_psi(r_m / M_PER_KFT, y_kft), p, R_MIN_1KT_M, BRODE_MAX_SCALED_RANGE_M, 1.01)
            .unwrap_or(0.0)
    };
    const STEP_M: f64 = 5.0;
    let (mut best_h, mut best_r) = (0.0, range_1kt(0.0));
    for i in 1..=600 {
        let h = i as f64 * STEP_M;
        let r = range_1kt(h);
        if r > best_r {
            (best_h, best_r) = (h, r);
        }
    }
    // Golden-section refinement on [best - step, best + step].
    let (mut lo, mut hi) = ((best_h - STEP_M).max(0.0), best_h + STEP_M);
    let inv_phi = (5f64.sqrt() - 1.0) / 2.0;
    let mut c = hi - inv_phi * (hi - lo);
    let mut d = lo + inv_phi * (hi - lo);
    let (mut fc, mut fd) = (range_1kt(c), range_1kt(d));
    for _ in 0..40 {
        if fc > fd {
            hi = d;
            (d, fd) = (c, fc);
            c = hi - inv_phi * (hi - lo);
            fc = range_1kt(c);
        } else {
            lo = c;
            (c, fc) = (d, fd);
            d = lo + inv_phi * (hi - lo);
            fd = range_1kt(d);
        }
    }
    let h = 0.5 * (lo + hi);
    let r = range_1kt(h);
    let (h, r) = if r >= best_r { (h, r) } else { (best_h, best_r) };
    let w13 = yield_.cube_root();
    Ok(OptimumBurst { hob_m: h * w13, ground_range_m: r * w13 })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::units::HeightOfBurst;

    fn burst(kt: f64, hob_m: f64) -> Burst {
        Burst::from_kt_m(kt, hob_m).unwrap()
    }

    #[test]
    fn brode_surface_value_by_hand() {
        // At z = 0, r = 1 kft: a = 1.22, b = 2.9902, c = 3.053, d = -4.166, e = 1, f = 0.6096,
        // h = -0.2905 + 1.094/696.78, j = 0: P = 10.47 + 2.9902 - 4.166/1.6096 - 0.28893.
        let expected = 10.47 + 2.9902 - 4.166 / 1.6096 - 0.2905 + 1.094 / (781.2 - 123.4 + 37.98 + 1.0);
        assert!((brode_1kt_psi(1.0, 0.0) - expected).abs() < 1e-9);
    }

    /// Brode's fit written term by term with `powf`, exactly as printed, to check that the
    /// rearranged fast form computes the same function.
    fn brode_as_printed(x: f64, y: f64) -> f64 {
        let r = (x * x + y * y).sqrt();
        let z = if x > 0.0 { (y / x).min(BRODE_Z_MAX) } else { BRODE_Z_MAX };
        let p = |b: f64, e: f64| b.powf(e);
        let a = 1.22 - 3.908 * p(z, 2.0) / (1.0 + 810.2 * p(z, 5.0));
        let b = 2.321 + 6.195 * p(z, 18.0) / (1.0 + 1.113 * p(z, 18.0))
            - 0.03831 * p(z, 17.0) / (1.0 + 0.02415 * p(z, 17.0))
            + 0.6692 / (1.0 + 4164.0 * p(z, 8.0));
        let c = 4.153 - 1.149 * p(z, 18.0) / (1.0 + 1.641 * p(z, 18.0)) - 1.1 / (1.0 + 2.771 * p(z, 2.5));
        let d = -4.166 + 25.76 * p(z, 1.75) / (1.0 + 1.382 * p(z, 18.0)) + 8.257 * z / (1.0 + 3.219 * z);
        let e = 1.0 - 0.004642 * p(z, 18.0) / (1.0 + 0.003886 * p(z, 18.0));
        let f = 0.6096 + 2.879 * p(z, 9.25) / (1.0 + 2.359 * p(z, 14.5)) - 17.5 * p(z, 2.0) / (1.0 + 71.66 * p(z, 3.0));
        let g = 1.83 + 5.361 * p(z, 2.0) / (1.0 + 0.3139 * p(z, 6.0));
        let h = 8.808 * p(z, 1.5) / (1.0 + 154.5 * p(z, 3.5))
            - (0.2905 + 64.67 * p(z, 5.0)) / (1.0 + 441.5 * p(z, 5.0))
            - 1.389 * z / (1.0 + 49.03 * p(z, 5.0))
            + 1.094 * r * r / ((781.2 - 123.4 * r + 37.98 * p(r, 1.5) + r * r) * (1.0 + 2.0 * y));
        let j = 0.000629 * p(y, 4.0) / (3.493e-9 + p(y, 4.0)) - 2.67 * p(y, 2.0) / (1.0 + 1.0e7 * p(y, 4.3));
        let k = 5.18 + 0.2803 * p(y, 3.5) / (3.788e-6 + p(y, 4.0));
        10.47 / p(r, a) + b / p(r, c) + d * e / (1.0 + f * p(r, g)) + h + j / p(r, k)
    }

    #[test]
    fn fast_form_equals_the_printed_formula() {
        for &y in &[0.0, 0.05, 0.2, 0.5, 1.0, 2.0, 3.0] {
            for i in 0..200 {
                let x = 0.01 * 1.04f64.powi(i); // 0.01 .. 25 kft
                let (fast, printed) = (brode_1kt_psi(x, y), brode_as_printed(x, y));
                assert!((fast - printed).abs() <= 1e-10 * printed.abs().max(1e-3), "x {x} y {y}: {fast} vs {printed}");
            }
            let b = BrodeBurst::new(&burst(8.0, y * M_PER_KFT * 2.0));
            assert_eq!(
                b.overpressure_psi_unchecked(1000.0),
                brode_overpressure_psi_unchecked(8.0, y * M_PER_KFT * 2.0, 1000.0)
            );
        }
    }

    #[test]
    fn batch_equals_scalar() {
        for hob in [0.0, 150.0, 700.0] {
            let b = BrodeBurst::new(&burst(50.0, hob));
            let ranges: Vec<f64> = (0..103).map(|i| 5.0 * 1.07f64.powi(i)).collect();
            let mut out = vec![0.0; ranges.len()];
            b.overpressure_psi_batch_unchecked(&ranges, &mut out);
            for (r, p) in ranges.iter().zip(&out) {
                let s = b.overpressure_psi_unchecked(*r);
                assert!((p - s).abs() <= 1e-13 * s.abs().max(1e-3), "{hob} {r}: {p} vs {s}");
            }
        }
    }

    #[test]
    fn batch_gives_the_same_bits_on_every_instruction_set() {
        for hob in [0.0, 80.0, 150.0, 700.0, 3000.0] {
            let b = BrodeBurst::new(&burst(300.0, hob));
            // 1001 points: not a multiple of the lane count, so the padded tail is covered too.
            let ranges: Vec<f64> = (0..1001).map(|i| 0.5 * 1.013f64.powi(i)).collect();
            let (mut wide, mut baseline) = (vec![0.0; ranges.len()], vec![0.0; ranges.len()]);
            b.overpressure_psi_batch_unchecked(&ranges, &mut wide);
            b.overpressure_psi_batch_baseline_unchecked(&ranges, &mut baseline);
            let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
            assert_eq!(bits(&wide), bits(&baseline), "hob {hob}");
        }
    }

    #[test]
    fn zero_slant_range_is_an_error_not_a_panic() {
        assert!(overpressure_psi(BlastModel::Brode, &burst(1.0, 0.0), 0.0).is_err());
        assert!(overpressure_psi(BlastModel::Brode, &burst(1.0, 0.0), -1.0).is_err());
        assert!(overpressure_psi(BlastModel::Dna, &burst(1.0, 0.0), 0.0).is_err());
        // Directly beneath an air burst the fit is finite.
        let p = overpressure_psi(BlastModel::Brode, &burst(1.0, 300.0), 0.0).unwrap();
        assert!(p.is_finite() && p > 0.0);
    }

    #[test]
    fn dna_refuses_air_bursts() {
        assert!(matches!(
            overpressure_psi(BlastModel::Dna, &burst(1.0, 100.0), 500.0),
            Err(EffectsError::Unsupported { .. })
        ));
    }

    #[test]
    fn brode_refuses_points_outside_its_fit() {
        let air = burst(1.0, 150.0);
        // 1 kt at 150 m: the fit is negative at 30 kft; refuse rather than report nonsense.
        assert!(brode_1kt_psi(30.0, 150.0 / M_PER_KFT) < 0.0);
        assert!(matches!(
            overpressure_psi(BlastModel::Brode, &air, 30.0 * M_PER_KFT),
            Err(EffectsError::OutsideValidity { .. })
        ));
        assert!(ground_range_for_overpressure_m(BlastModel::Brode, &air, 0.5).is_err());
        assert!(ground_range_for_overpressure_m(BlastModel::Brode, &burst(1.0, 0.0), 0.2).unwrap().is_some());
        assert!(overpressure_psi(BlastModel::Brode, &burst(1.0, 0.0), 1e5).is_err());
    }

    #[test]
    fn high_air_burst_may_not_reach_the_ground() {
        let b = Burst::new(Yield::kilotons(1.0).unwrap(), HeightOfBurst::meters(3000.0).unwrap());
        assert_eq!(ground_range_for_overpressure_m(BlastModel::Brode, &b, 20.0).unwrap(), None);
    }

    #[test]
    fn range_inverts_overpressure() {
        for (model, hob) in [(BlastModel::Brode, 0.0), (BlastModel::Brode, 200.0), (BlastModel::Dna, 0.0)] {
            let b = burst(20.0, hob);
            for p in [1.0, 5.0, 20.0, 100.0] {
                let r = ground_range_for_overpressure_m(model, &b, p).unwrap().unwrap();
                let back = overpressure_psi(model, &b, r).unwrap();
                assert!((back / p - 1.0).abs() < 1e-9, "{model:?} {hob} {p}: {back}");
            }
        }
    }
}
