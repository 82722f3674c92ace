//! Range-for-value inversion shared by the models: find where an effect that falls with
//! distance crosses a level, with Brent's method (the `roots` crate) on log-log axes.

use roots::{Convergency, find_root_brent};

/// Brent's stopping rule on log axes: 1e-12 in ln(range) is a relative 1e-12 in range.
struct LogTolerance;

impl Convergency<f64> for LogTolerance {
    fn is_root_found(&mut self, y: f64) -> bool {
        y.abs() < 1e-13
    }
    fn is_converged(&mut self, x1: f64, x2: f64) -> bool {
        (x1 - x2).abs() < 1e-12
    }
    fn is_iteration_limit_reached(&mut self, iter: usize) -> bool {
        iter >= 200
    }
}

/// The outermost distance `r` in `[r_min, r_max]` (or beyond `r_max`, which is doubled while
/// the effect still exceeds `target` there) at which `effect(r) == target`, i.e. the edge of
/// the region where the effect is at least `target`. `None` if the effect stays below
/// `target` all the way in to `r_min`.
///
/// Some effects are not monotone in range (Brode's overpressure at a fixed height of burst
/// has a Mach-reflection shoulder), so this scans inward from far away in geometric steps of
/// `step` (> 1) and refines the first bracket found with Brent's method on
/// ln effect − ln target against ln r. Bumps narrower than one step can be missed; callers
/// pick `step` for their model.
pub(crate) fn outermost_crossing(
    effect: impl Fn(f64) -> f64,
    target: f64,
    r_min: f64,
    mut r_max: f64,
    step: f64,
) -> Option<f64> {
    debug_assert!(target > 0.0 && r_min > 0.0 && r_max > r_min && step > 1.0);
    let ln_target = target.ln();
    // A fit that goes negative or NaN outside its range counts as "far below the target"
    // (ln of the smallest positive f64), so Brent always sees finite values.
    let g = |ln_r: f64| {
        let e = effect(ln_r.exp());
        (if e > 0.0 { e } else { f64::MIN_POSITIVE }).ln() - ln_target
    };
    let mut doublings = 0;
    while g(r_max.ln()) >= 0.0 {
        r_max *= 2.0;
        doublings += 1;
        if doublings > 64 {
            return None;
        }
    }
    let ln_step = step.ln();
    let mut hi = r_max.ln();
    let ln_min = r_min.ln();
    while hi > ln_min {
        let lo = (hi - ln_step).max(ln_min);
        if g(lo) >= 0.0 {
            // The bracket is valid by construction (g(lo) >= 0 > g(hi)), so Brent cannot
            // report NoBracketing; on the impossible iteration limit, take the midpoint.
            let root = find_root_brent(lo, hi, g, &mut LogTolerance).unwrap_or(0.5 * (lo + hi));
            return Some(root.exp());
        }
        hi = lo;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inverts_an_inverse_square_law() {
        let r = outermost_crossing(|r| 1.0e6 / (r * r), 4.0, 1e-3, 10.0, 1.1).unwrap();
        assert!((r - 500.0).abs() < 1e-9 * 500.0, "{r}");
    }

    #[test]
    fn finds_the_outer_crossing_of_a_shouldered_curve() {
        // Falls, rises to a shoulder at r = 10, then falls: level 0.5 is crossed three times.
        let f = |r: f64| 1.0 / r + 2.0 * (-(r - 10.0).powi(2)).exp();
        let r = outermost_crossing(f, 0.5, 1e-3, 1000.0, 1.01).unwrap();
        assert!(r > 10.0 && r < 12.0, "{r}");
        assert!((f(r) - 0.5).abs() < 1e-9);
    }

    #[test]
    fn none_when_never_reached() {
        assert_eq!(outermost_crossing(|r| 1.0 / (1.0 + r), 2.0, 1e-3, 10.0, 1.1), None);
    }
}
