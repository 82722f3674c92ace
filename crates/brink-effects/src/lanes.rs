//! A few `f64`s processed as one value, for the batch paths of the fits (Brode's blast grid).
//!
//! [`Lanes`] is a plain array whose operations are lane-by-lane loops that the compiler turns
//! into SIMD instructions. Unlike a SIMD crate whose vector width is fixed when the crate is
//! compiled (`wide` picks SSE2 unless the whole build targets AVX), these loops take the width
//! of the function they are inlined into: the batch kernels are compiled three times, for the
//! baseline x86-64 (SSE2, two lanes per instruction), AVX2 (four) and AVX-512 (eight), and the
//! widest the CPU has is chosen at run time ([`run_wide`]).
//!
//! `exp` and `ln` are written here because the standard ones are calls into libm, which no
//! compiler vectorises: both reduce the argument by powers of two (Cody & Waite 1980;
//! J.-M. Muller, *Elementary Functions*, 3rd ed., 2016, ch. 11) and sum a short series whose
//! truncation error is below 2e-16 relative on the reduced interval. They agree with the
//! standard library to a few ulp (tested below over the ranges the fits use).

use std::ops::{Add, Div, Mul, Neg, Sub};

/// Lanes per value: eight `f64`s are two AVX2 registers or four SSE2 registers, enough
/// independent work to hide the latency of the divisions in Brode's fit.
pub(crate) const LANES: usize = 8;

/// [`LANES`] `f64`s operated on lane by lane.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Lanes(pub(crate) [f64; LANES]);

/// The arithmetic Brode's fit needs, on one `f64` or on [`Lanes`], so that one formula
/// serves the scalar and the batch paths.
pub(crate) trait Arith:
    Copy + Add<Output = Self> + Sub<Output = Self> + Mul<Output = Self> + Div<Output = Self> + Neg<Output = Self>
{
    /// `value` (in every lane).
    fn splat(value: f64) -> Self;
    /// Square root (an IEEE-exact operation).
    fn sqrt(self) -> Self;
    /// Natural logarithm.
    fn ln(self) -> Self;
    /// e^x.
    fn exp(self) -> Self;
    /// The smaller of the two.
    fn min(self, other: Self) -> Self;
    /// `if_true` where `self > 0`, else `if_false`.
    fn positive_select(self, if_true: Self, if_false: Self) -> Self;
}

/// One value: the standard library's functions (libm's exp and ln).
impl Arith for f64 {
    #[inline(always)]
    fn splat(value: f64) -> Self {
        value
    }
    #[inline(always)]
    fn sqrt(self) -> Self {
        f64::sqrt(self)
    }
    #[inline(always)]
    fn ln(self) -> Self {
        f64::ln(self)
    }
    #[inline(always)]
    fn exp(self) -> Self {
        f64::exp(self)
    }
    #[inline(always)]
    fn min(self, other: Self) -> Self {
        f64::min(self, other)
    }
    #[inline(always)]
    fn positive_select(self, if_true: Self, if_false: Self) -> Self {
        if self > 0.0 { if_true } else { if_false }
    }
}

impl Lanes {
    /// Applies `f` to every lane.
    #[inline(always)]
    fn map(self, f: impl Fn(f64) -> f64) -> Self {
        let mut out = [0.0; LANES];
        for (o, x) in out.iter_mut().zip(self.0) {
            *o = f(x);
        }
        Lanes(out)
    }

    /// Applies `f` to every pair of lanes.
    #[inline(always)]
    fn zip(self, other: Self, f: impl Fn(f64, f64) -> f64) -> Self {
        let mut out = [0.0; LANES];
        for ((o, a), b) in out.iter_mut().zip(self.0).zip(other.0) {
            *o = f(a, b);
        }
        Lanes(out)
    }
}

/// [`LANES`] values, lane by lane, with the branch-free exp and ln below.
impl Arith for Lanes {
    #[inline(always)]
    fn splat(value: f64) -> Self {
        Lanes([value; LANES])
    }

    #[inline(always)]
    fn sqrt(self) -> Self {
        self.map(f64::sqrt)
    }

    /// ln x, lane by lane: x = m · 2^e with m in [√½, √2), ln m = 2 atanh(s) with
    /// s = (m − 1)/(m + 1), |s| ≤ 0.1716, by its series to s²¹ (truncation < 1e-17).
    /// ln 0 = −∞, ln ∞ = ∞, ln of a negative number or NaN is NaN; subnormals are exact.
    #[inline(always)]
    fn ln(self) -> Self {
        self.map(ln_lane)
    }

    /// e^x, lane by lane: x = n ln 2 + r with |r| ≤ ln 2 / 2, e^r by its Taylor series to
    /// r¹² (truncation < 2e-16 relative), times 2^n built in the exponent bits. Overflows to
    /// +∞ above about 709.78; flushes to 0 below −708 (where e^x is subnormal); NaN stays NaN.
    #[inline(always)]
    fn exp(self) -> Self {
        self.map(exp_lane)
    }

    /// The smaller of each pair (`other` where `self` is NaN).
    #[inline(always)]
    fn min(self, other: Self) -> Self {
        self.zip(other, |a, b| if a < b { a } else { b })
    }

    #[inline(always)]
    fn positive_select(self, if_true: Self, if_false: Self) -> Self {
        let mut out = [0.0; LANES];
        for (((o, x), t), f) in out.iter_mut().zip(self.0).zip(if_true.0).zip(if_false.0) {
            *o = if x > 0.0 { t } else { f };
        }
        Lanes(out)
    }
}

/// 1.5 · 2⁵²: adding it rounds a double of magnitude below 2⁵¹ to the nearest integer,
/// which then sits in the low bits of the sum.
const ROUNDING_SHIFTER: f64 = 6_755_399_441_055_744.0;
/// ln 2 split so that n · LN2_HI is exact for |n| < 2¹¹ (fdlibm's constants: the high part
/// has its 32 low mantissa bits zero; the two sum to ln 2 within 1e-26).
const LN2_HI: f64 = f64::from_bits(0x3fe6_2e42_fee0_0000);
const LN2_LO: f64 = f64::from_bits(0x3dea_39ef_3579_3c76);

// The lane functions below are branch-free (every special case is a select of constants
// applied at the end), so that the compiler can put all lanes in one vector register.

#[inline(always)]
fn exp_lane(x: f64) -> f64 {
    // Clamp so the exponent arithmetic cannot wrap (NaN passes both comparisons unchanged).
    // At 710, n = 1024 and 2^n reads +∞, so larger x overflow to +∞ as they should.
    let high = if x > 710.0 { 710.0 } else { x };
    let clamped = if high < -708.0 { -708.0 } else { high };
    let shifted = clamped * std::f64::consts::LOG2_E + ROUNDING_SHIFTER;
    let n = shifted - ROUNDING_SHIFTER;
    let r = (clamped - n * LN2_HI) - n * LN2_LO;
    // Taylor series of e^r to r^12, in Horner form (coefficients 1/k!).
    let mut p = 1.0 / 479_001_600.0;
    for inverse_factorial in [
        1.0 / 39_916_800.0,
        1.0 / 3_628_800.0,
        1.0 / 362_880.0,
        1.0 / 40_320.0,
        1.0 / 5_040.0,
        1.0 / 720.0,
        1.0 / 120.0,
        1.0 / 24.0,
        1.0 / 6.0,
        0.5,
        1.0,
        1.0,
    ] {
        p = p * r + inverse_factorial;
    }
    // n is an integer in [−1021, 1024]: 2^n has the biased exponent n + 1023.
    let n_bits = shifted.to_bits().wrapping_sub(ROUNDING_SHIFTER.to_bits());
    let two_to_n = f64::from_bits(n_bits.wrapping_add(1023) << 52);
    // Below −708 e^x is subnormal or zero: flush to 0.
    let underflow = if x < -708.0 { 0.0 } else { 1.0 };
    p * two_to_n * underflow
}

/// 2⁵²: a double whose low mantissa bits are set to k reads 2⁵² + k.
const TWO_TO_52: f64 = 4_503_599_627_370_496.0;

#[inline(always)]
fn ln_lane(x: f64) -> f64 {
    // Scale subnormals into the normal range (2⁵⁴ is exact).
    let subnormal = x < f64::MIN_POSITIVE;
    let scaled = if subnormal { x * 18_014_398_509_481_984.0 } else { x };
    let bits = scaled.to_bits();
    let mut mantissa = f64::from_bits((bits & 0x000f_ffff_ffff_ffff) | 0x3ff0_0000_0000_0000);
    // The biased exponent as a double, without an integer-to-float conversion (which has no
    // SSE2 or AVX2 instruction for 64-bit integers).
    let biased = f64::from_bits(0x4330_0000_0000_0000 | (bits >> 52)) - TWO_TO_52;
    let mut exponent = biased - if subnormal { 1023.0 + 54.0 } else { 1023.0 };
    if mantissa > std::f64::consts::SQRT_2 {
        mantissa *= 0.5;
        exponent += 1.0;
    }
    let s = (mantissa - 1.0) / (mantissa + 1.0);
    let s2 = s * s;
    // 2 atanh(s) = 2 (s + s³/3 + s⁵/5 + … + s²¹/21).
    let mut series = 1.0 / 21.0;
    for inverse_odd in
        [1.0 / 19.0, 1.0 / 17.0, 1.0 / 15.0, 1.0 / 13.0, 1.0 / 11.0, 1.0 / 9.0, 1.0 / 7.0, 1.0 / 5.0, 1.0 / 3.0, 1.0]
    {
        series = series * s2 + inverse_odd;
    }
    let ln_mantissa = 2.0 * s * series;
    let value = exponent * LN2_HI + (ln_mantissa + exponent * LN2_LO);
    // `value` is finite for every input; the special cases are added on: 0 for a positive
    // finite x, −∞ for 0, +∞ for +∞, NaN for a negative x or NaN.
    let special = if x > 0.0 && x < f64::INFINITY {
        0.0
    } else if x == 0.0 {
        f64::NEG_INFINITY
    } else if x == f64::INFINITY {
        f64::INFINITY
    } else {
        f64::NAN
    };
    value + special
}

impl Add for Lanes {
    type Output = Self;
    #[inline(always)]
    fn add(self, rhs: Self) -> Self {
        self.zip(rhs, |a, b| a + b)
    }
}

impl Sub for Lanes {
    type Output = Self;
    #[inline(always)]
    fn sub(self, rhs: Self) -> Self {
        self.zip(rhs, |a, b| a - b)
    }
}

impl Mul for Lanes {
    type Output = Self;
    #[inline(always)]
    fn mul(self, rhs: Self) -> Self {
        self.zip(rhs, |a, b| a * b)
    }
}

impl Div for Lanes {
    type Output = Self;
    #[inline(always)]
    fn div(self, rhs: Self) -> Self {
        self.zip(rhs, |a, b| a / b)
    }
}

impl Neg for Lanes {
    type Output = Self;
    #[inline(always)]
    fn neg(self) -> Self {
        self.map(|a| -a)
    }
}

/// Runs `kernel` compiled for the widest vectors the CPU has: AVX-512 (eight lanes per
/// instruction), AVX2 (four) or the x86-64 baseline SSE2 (two).
///
/// `kernel` must be `#[inline(always)]` all the way down (as [`Lanes`] is), so that it is
/// compiled inside each of the functions below with their instruction sets. All give the
/// same bits: the lane code uses no fused multiply-add (the compiler never fuses on its own)
/// and only operations that IEEE 754 rounds exactly, whatever the vector width.
#[inline(always)]
pub(crate) fn run_wide<T>(kernel: impl FnOnce() -> T) -> T {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::is_x86_feature_detected as has;
        if has!("avx512f") && has!("avx2") {
            #[allow(unsafe_code)]
            // SAFETY: `with_avx512` requires only AVX-512F and AVX2, both checked just above.
            return unsafe { with_avx512(kernel) };
        }
        if has!("avx2") {
            #[allow(unsafe_code)]
            // SAFETY: `with_avx2` requires only AVX2, checked just above.
            return unsafe { with_avx2(kernel) };
        }
    }
    kernel()
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx2")]
fn with_avx512<T>(kernel: impl FnOnce() -> T) -> T {
    kernel()
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn with_avx2<T>(kernel: impl FnOnce() -> T) -> T {
    kernel()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lanes_of(f: impl Fn(Lanes) -> Lanes, x: f64) -> f64 {
        f(Lanes::splat(x)).0[LANES - 1]
    }

    /// Relative difference in units of f64 epsilon.
    fn ulps(a: f64, b: f64) -> f64 {
        ((a - b) / b).abs() / f64::EPSILON
    }

    #[test]
    fn exp_agrees_with_the_standard_library() {
        let mut worst: f64 = 0.0;
        for i in 0..=200_000 {
            let x = -700.0 + 1409.0 * f64::from(i) / 200_000.0;
            worst = worst.max(ulps(lanes_of(Lanes::exp, x), x.exp()));
        }
        assert!(worst < 4.0, "exp differs from std by {worst} ulp");
        assert_eq!(lanes_of(Lanes::exp, 0.0), 1.0);
        assert_eq!(lanes_of(Lanes::exp, 710.0), f64::INFINITY);
        assert_eq!(lanes_of(Lanes::exp, f64::INFINITY), f64::INFINITY);
        assert_eq!(lanes_of(Lanes::exp, f64::NEG_INFINITY), 0.0);
        assert!(lanes_of(Lanes::exp, f64::NAN).is_nan());
    }

    #[test]
    fn ln_agrees_with_the_standard_library() {
        let mut worst: f64 = 0.0;
        for i in 0..=200_000 {
            // 1e-300 … 1e300, plus points next to 1 where ln is small.
            let x = 10f64.powf(-300.0 + 600.0 * f64::from(i) / 200_000.0);
            worst = worst.max(ulps(lanes_of(Lanes::ln, x), x.ln()));
            let near_one = 1.0 + (f64::from(i) - 100_000.0) * 1e-6;
            if near_one != 1.0 {
                worst = worst.max(ulps(lanes_of(Lanes::ln, near_one), near_one.ln()));
            }
        }
        assert!(worst < 4.0, "ln differs from std by {worst} ulp");
        let subnormal = 1e-310;
        assert!(ulps(lanes_of(Lanes::ln, subnormal), subnormal.ln()) < 4.0);
        assert_eq!(lanes_of(Lanes::ln, 1.0), 0.0);
        assert_eq!(lanes_of(Lanes::ln, 0.0), f64::NEG_INFINITY);
        assert_eq!(lanes_of(Lanes::ln, f64::INFINITY), f64::INFINITY);
        assert!(lanes_of(Lanes::ln, -1.0).is_nan());
        assert!(lanes_of(Lanes::ln, f64::NAN).is_nan());
    }

    #[test]
    fn the_wide_and_the_baseline_kernels_give_the_same_bits() {
        let x = Lanes(std::array::from_fn(|i| 0.37 + i as f64 * 1.9));
        let kernel = || (x.ln() * Lanes::splat(-1.7)).exp() / x.sqrt();
        assert_eq!(run_wide(kernel).0.map(f64::to_bits), kernel().0.map(f64::to_bits));
    }
}
