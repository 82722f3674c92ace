//! One comparison of a closed form with the engine, and the statistics that decide it.

use brink_engine::{RunConfig, Summary};

/// Normal quantile of a two-sided 95% interval.
pub const Z95: f64 = 1.959_963_984_540_054;
/// Normal quantile of a two-sided 99.9% interval: the pass criterion of Monte Carlo checks.
pub const Z999: f64 = 3.290_526_731_491_926;
/// Relative tolerance of deterministic checks.
pub const DETERMINISTIC_TOLERANCE: f64 = 1e-9;

/// How much Monte Carlo to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RunOptions {
    /// Runs per simulated quantity.
    pub runs: u64,
    /// Master seed.
    pub seed: u64,
    /// Worker threads (`None`: one per core). Results do not depend on it.
    pub threads: Option<usize>,
}

impl RunOptions {
    /// The engine's run configuration.
    pub fn config(&self) -> RunConfig {
        RunConfig { runs: self.runs, seed: self.seed, threads: self.threads }
    }
}

impl Default for RunOptions {
    /// 100,000 runs from seed 1.
    fn default() -> Self {
        Self { runs: 100_000, seed: 1, threads: None }
    }
}

/// A Monte Carlo estimate with its 95% interval (reported) and 99.9% interval (the pass test).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    /// The estimate.
    pub estimate: f64,
    /// 95% interval.
    pub ci95: (f64, f64),
    /// 99.9% interval.
    pub ci999: (f64, f64),
}

impl Interval {
    /// A proportion `count`/`n` with Wilson score intervals (Wilson 1927; Agresti & Coull 1998).
    pub fn proportion(count: u64, n: u64) -> Self {
        let estimate = if n == 0 { 0.0 } else { count as f64 / n as f64 };
        Self {
            estimate,
            ci95: brink_engine::wilson_interval(count, n, Z95),
            ci999: brink_engine::wilson_interval(count, n, Z999),
        }
    }

    /// A sample mean from its sum and sum of squares over `n` draws, with normal intervals
    /// mean ± z·s/√n (central limit theorem; s the sample standard deviation).
    pub fn mean(sum: f64, sum_sq: f64, n: u64) -> Self {
        let n_f = n as f64;
        let mean = sum / n_f;
        let variance = ((sum_sq - n_f * mean * mean) / (n_f - 1.0).max(1.0)).max(0.0);
        let se = (variance / n_f).sqrt();
        Self { estimate: mean, ci95: (mean - Z95 * se, mean + Z95 * se), ci999: (mean - Z999 * se, mean + Z999 * se) }
    }

    /// The mean of `scale · (turns − offset)` over every run of `summary`, from its integer
    /// turn histograms (so the result is exact and independent of the thread count).
    pub fn mean_turns(summary: &Summary, offset: f64, scale: f64) -> Self {
        let (mut sum, mut sum_sq) = (0.0, 0.0);
        for histogram in &summary.turns {
            for (turns, &count) in histogram.iter().enumerate() {
                if count > 0 {
                    let value = scale * (turns as f64 - offset);
                    sum += value * count as f64;
                    sum_sq += value * value * count as f64;
                }
            }
        }
        Self::mean(sum, sum_sq, summary.runs)
    }
}

/// One closed form against the engine.
#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    /// Model name, as `brink validate` accepts it.
    pub model: &'static str,
    /// What is compared (e.g. `p_disaster`).
    pub quantity: String,
    /// Every parameter of the model, as used (NAME, VALUE).
    pub params: Vec<(String, String)>,
    /// The closed form's value.
    pub closed_form: f64,
    /// The engine's value.
    pub simulated: f64,
    /// The 95% interval of a Monte Carlo value; `None` for a deterministic one.
    pub ci95: Option<(f64, f64)>,
    /// The 99.9% interval used by the pass test; `None` for a deterministic value.
    pub ci999: Option<(f64, f64)>,
    /// Whether the closed form lies in the 99.9% interval (Monte Carlo) or within 1e-9
    /// relative (deterministic).
    pub pass: bool,
}

impl Check {
    /// A Monte Carlo check: passes when `closed_form` lies inside the 99.9% interval.
    pub fn monte_carlo(
        model: &'static str,
        quantity: &str,
        params: &[(String, String)],
        closed_form: f64,
        simulated: Interval,
    ) -> Self {
        let (low, high) = simulated.ci999;
        Self {
            model,
            quantity: quantity.to_owned(),
            params: params.to_vec(),
            closed_form,
            simulated: simulated.estimate,
            ci95: Some(simulated.ci95),
            ci999: Some(simulated.ci999),
            pass: closed_form.is_finite() && low <= closed_form && closed_form <= high,
        }
    }

    /// A deterministic check: passes within 1e-9 relative (absolute below magnitude 1).
    pub fn deterministic(
        model: &'static str,
        quantity: &str,
        params: &[(String, String)],
        closed_form: f64,
        simulated: f64,
    ) -> Self {
        let scale = closed_form.abs().max(simulated.abs()).max(1.0);
        let pass = if closed_form.is_finite() || simulated.is_finite() {
            (closed_form - simulated).abs() <= DETERMINISTIC_TOLERANCE * scale
        } else {
            closed_form == simulated
        };
        Self {
            model,
            quantity: quantity.to_owned(),
            params: params.to_vec(),
            closed_form,
            simulated,
            ci95: None,
            ci999: None,
            pass,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pass_test_can_fail() {
        let p = Interval::proportion(500, 1000);
        assert!(Check::monte_carlo("m", "q", &[], 0.5, p).pass);
        assert!(!Check::monte_carlo("m", "q", &[], 0.6, p).pass);
        assert!(Check::deterministic("m", "q", &[], 0.25, 0.25 + 1e-12).pass);
        assert!(!Check::deterministic("m", "q", &[], 0.25, 0.2501).pass);
        assert!(!Check::monte_carlo("m", "q", &[], f64::NAN, p).pass);
    }

    #[test]
    fn mean_interval_matches_hand_computation() {
        // Draws 1, 2, 3: mean 2, sample variance 1, se = 1/√3.
        let m = Interval::mean(6.0, 14.0, 3);
        assert!((m.estimate - 2.0).abs() < 1e-15);
        assert!((m.ci95.1 - (2.0 + Z95 / 3f64.sqrt())).abs() < 1e-12);
    }
}
