//! The continuous `arms` mode: Richardson's arms-race equations integrated in time, and the
//! least-squares fit Richardson used on yearly budgets (docs/MODEL.md §10).
//!
//!   dx/dt = k·y − a·x + g,   dy/dt = l·x − b·y + h
//!
//! (Richardson 1960, *Arms and Insecurity*; 1951, Nature 168:567): k, l are defence (reaction)
//! coefficients, a, b fatigue-and-expense coefficients, g, h grievances. The mode is separate
//! from the turn-based ladder: it integrates the two levels with the classical fourth-order
//! Runge–Kutta scheme and fits observed series. Pure and deterministic.

use crate::error::ModelError;

/// Richardson's coefficients.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Richardson {
    /// k: how x reacts to y.
    pub k: f64,
    /// l: how y reacts to x.
    pub l: f64,
    /// a: x's fatigue and expense.
    pub a: f64,
    /// b: y's fatigue and expense.
    pub b: f64,
    /// g: x's grievance.
    pub g: f64,
    /// h: y's grievance.
    pub h: f64,
}

impl Richardson {
    /// The system; every coefficient must be finite.
    pub fn new(k: f64, l: f64, a: f64, b: f64, g: f64, h: f64) -> Result<Self, ModelError> {
        if [k, l, a, b, g, h].iter().any(|c| !c.is_finite()) {
            return Err(ModelError::Invalid("Richardson coefficients must be finite".into()));
        }
        Ok(Self { k, l, a, b, g, h })
    }

    /// (dx/dt, dy/dt) at (x, y).
    pub fn rate(&self, x: f64, y: f64) -> (f64, f64) {
        (self.k * y - self.a * x + self.g, self.l * x - self.b * y + self.h)
    }

    /// One classical Runge–Kutta (RK4) step of length `dt` from (x, y).
    pub fn rk4_step(&self, (x, y): (f64, f64), dt: f64) -> (f64, f64) {
        let (k1x, k1y) = self.rate(x, y);
        let (k2x, k2y) = self.rate(x + 0.5 * dt * k1x, y + 0.5 * dt * k1y);
        let (k3x, k3y) = self.rate(x + 0.5 * dt * k2x, y + 0.5 * dt * k2y);
        let (k4x, k4y) = self.rate(x + dt * k3x, y + dt * k3y);
        (x + dt / 6.0 * (k1x + 2.0 * k2x + 2.0 * k3x + k4x), y + dt / 6.0 * (k1y + 2.0 * k2y + 2.0 * k3y + k4y))
    }

    /// The levels at times 0, `every`, 2·`every`, … (`samples` points) from `start`, with RK4
    /// steps of at most `dt`.
    pub fn trajectory(&self, start: (f64, f64), every: f64, samples: usize, dt: f64) -> Vec<(f64, f64)> {
        let steps = (every / dt).ceil().max(1.0) as usize;
        let step = every / steps as f64;
        let mut point = start;
        let mut out = Vec::with_capacity(samples);
        for sample in 0..samples {
            if sample > 0 {
                for _ in 0..steps {
                    point = self.rk4_step(point, step);
                }
            }
            out.push(point);
        }
        out
    }

    /// Integrates from `start` until the rates fall below `tolerance` (a rest point reached:
    /// `Some(point)`) or `max_time` passes or the levels exceed 1e12 (`None`: no rest point
    /// reached from here — the unstable case).
    pub fn settle(&self, start: (f64, f64), dt: f64, max_time: f64, tolerance: f64) -> Option<(f64, f64)> {
        let mut point = start;
        let mut time = 0.0;
        while time < max_time {
            let (dx, dy) = self.rate(point.0, point.1);
            if dx.abs().max(dy.abs()) < tolerance {
                return Some(point);
            }
            if point.0.abs().max(point.1.abs()) > 1e12 {
                return None;
            }
            point = self.rk4_step(point, dt);
            time += dt;
        }
        None
    }
}

/// A least-squares line y = slope·x + intercept.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LineFit {
    /// Slope.
    pub slope: f64,
    /// Intercept.
    pub intercept: f64,
}

impl LineFit {
    /// Where the line crosses zero: −intercept/slope.
    pub fn zero(&self) -> f64 {
        -self.intercept / self.slope
    }
}

/// Richardson's fit of the additive form d(U+V)/dt = (k − a)(U + V) + (g + h) to a yearly
/// series of totals: the yearly increments Δ_n = T_{n+1} − T_n regressed by ordinary least
/// squares on the mid-year levels (T_n + T_{n+1})/2 (Richardson 1960; the method as described
/// in research note §1.7; the textbook source was not re-checked). `None` with fewer than
/// three totals or constant levels.
pub fn fit_additive(totals: &[f64]) -> Option<LineFit> {
    if totals.len() < 3 {
        return None;
    }
    let points: Vec<(f64, f64)> = totals.windows(2).map(|w| ((w[0] + w[1]) / 2.0, w[1] - w[0])).collect();
    let n = points.len() as f64;
    let mean_x = points.iter().map(|p| p.0).sum::<f64>() / n;
    let mean_y = points.iter().map(|p| p.1).sum::<f64>() / n;
    let sxx: f64 = points.iter().map(|p| (p.0 - mean_x).powi(2)).sum();
    let sxy: f64 = points.iter().map(|p| (p.0 - mean_x) * (p.1 - mean_y)).sum();
    if sxx == 0.0 {
        return None;
    }
    let slope = sxy / sxx;
    Some(LineFit { slope, intercept: mean_y - slope * mean_x })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// dx/dt = −x has x(1) = e^(−1); RK4 with 1000 steps is accurate to ~1e-15.
    #[test]
    fn rk4_solves_exponential_decay() {
        let decay = Richardson::new(0.0, 0.0, 1.0, 1.0, 0.0, 0.0).unwrap();
        let path = decay.trajectory((1.0, 2.0), 1.0, 2, 1e-3);
        assert!((path[1].0 - (-1.0f64).exp()).abs() < 1e-13);
        assert!((path[1].1 - 2.0 * (-1.0f64).exp()).abs() < 1e-13);
    }

    /// A line through exact points is recovered; too few points give none.
    #[test]
    fn fit_recovers_a_line() {
        // Totals with increments 1, 2, 4 at midpoints 1.5, 3, 6: Δ = (2/3)·mid — exactly linear.
        let fit = fit_additive(&[1.0, 2.0, 4.0, 8.0]).unwrap();
        assert!((fit.slope - 2.0 / 3.0).abs() < 1e-12 && fit.intercept.abs() < 1e-12);
        assert!(fit_additive(&[1.0, 2.0]).is_none());
    }

    #[test]
    fn unstable_systems_do_not_settle() {
        let runaway = Richardson::new(1.2, 1.0, 0.8, 0.9, 0.5, 0.3).unwrap();
        assert!(runaway.settle((0.0, 0.0), 1e-2, 1e4, 1e-12).is_none());
    }
}
