//! Variance-based (Sobol) sensitivity indices of a scalar output — here P(nuclear use) — to
//! uncertain parameters.
//!
//! Design (Saltelli 2002; Saltelli et al. 2010, "Variance based sensitivity analysis of model
//! output", Comput. Phys. Commun. 181:259–270): two independent N×k sample matrices A and B,
//! and for each parameter i the matrix A_B^(i) — A with column i taken from B; N(k + 2) model
//! runs. Estimators, with V the variance of the outputs on A and B:
//!
//! - first order (Saltelli 2010, table 2 (b)): S_i = (1/N) Σ_j f(B)_j (f(A_B^(i))_j − f(A)_j) / V
//! - total (Jansen 1999): S_Ti = (1/2N) Σ_j (f(A)_j − f(A_B^(i))_j)² / V
//!
//! Intervals: percentile bootstrap over the N rows (Archer, Saltelli & Sobol 1997).

use super::design::Range;
use crate::stream::{Purpose, RunStreams};

/// The points to evaluate, in order: the N rows of A, the N rows of B, then N rows of each
/// A_B^(i) for i = 1..k.
pub fn saltelli_design(n: usize, ranges: &[Range], seed: u64) -> Vec<Vec<f64>> {
    let k = ranges.len();
    let mut stream = RunStreams::new(seed, u64::MAX - 1).at(Purpose::Setup, 0);
    let mut sample =
        || -> Vec<Vec<f64>> { (0..n).map(|_| ranges.iter().map(|r| r.at(stream.uniform())).collect()).collect() };
    let a = sample();
    let b = sample();
    let mut points = Vec::with_capacity(n * (k + 2));
    points.extend(a.iter().cloned());
    points.extend(b.iter().cloned());
    for i in 0..k {
        for (row_a, row_b) in a.iter().zip(&b) {
            let mut mixed = row_a.clone();
            mixed[i] = row_b[i];
            points.push(mixed);
        }
    }
    points
}

/// One parameter's indices with 95% bootstrap intervals.
#[derive(Debug, Clone, PartialEq)]
pub struct SobolIndex {
    /// First-order index S_i.
    pub first: f64,
    /// Its interval.
    pub first_ci: (f64, f64),
    /// Total index S_Ti.
    pub total: f64,
    /// Its interval.
    pub total_ci: (f64, f64),
}

/// Indices from `outputs` evaluated on [`saltelli_design`]`(n, k params)`, with `resamples`
/// bootstrap resamples drawn from `seed`.
pub fn indices(outputs: &[f64], n: usize, k: usize, resamples: usize, seed: u64) -> Vec<SobolIndex> {
    assert_eq!(outputs.len(), n * (k + 2), "outputs must follow saltelli_design");
    let f_a = &outputs[..n];
    let f_b = &outputs[n..2 * n];
    let rows: Vec<usize> = (0..n).collect();
    let point = |i: usize, rows: &[usize]| estimate(f_a, f_b, &outputs[(2 + i) * n..(3 + i) * n], rows);
    let mut stream = RunStreams::new(seed, u64::MAX - 2).at(Purpose::Setup, 0);
    let mut boot: Vec<Vec<(f64, f64)>> = vec![Vec::with_capacity(resamples); k];
    let mut sample = vec![0; n];
    for _ in 0..resamples {
        for slot in sample.iter_mut() {
            *slot = ((stream.uniform() * n as f64) as usize).min(n - 1);
        }
        for (i, estimates) in boot.iter_mut().enumerate() {
            estimates.push(point(i, &sample));
        }
    }
    (0..k)
        .map(|i| {
            let (first, total) = point(i, &rows);
            let mut firsts: Vec<f64> = boot[i].iter().map(|e| e.0).collect();
            let mut totals: Vec<f64> = boot[i].iter().map(|e| e.1).collect();
            SobolIndex {
                first,
                first_ci: percentile_interval(&mut firsts),
                total,
                total_ci: percentile_interval(&mut totals),
            }
        })
        .collect()
}

/// (S_i, S_Ti) over the given rows.
fn estimate(f_a: &[f64], f_b: &[f64], f_ab: &[f64], rows: &[usize]) -> (f64, f64) {
    let m = rows.len() as f64;
    let mean = rows.iter().map(|&j| f_a[j] + f_b[j]).sum::<f64>() / (2.0 * m);
    let variance = rows.iter().map(|&j| (f_a[j] - mean).powi(2) + (f_b[j] - mean).powi(2)).sum::<f64>() / (2.0 * m);
    if variance <= 0.0 {
        return (0.0, 0.0);
    }
    let first = rows.iter().map(|&j| f_b[j] * (f_ab[j] - f_a[j])).sum::<f64>() / m / variance;
    let total = rows.iter().map(|&j| (f_a[j] - f_ab[j]).powi(2)).sum::<f64>() / (2.0 * m) / variance;
    (first, total)
}

fn percentile_interval(values: &mut [f64]) -> (f64, f64) {
    if values.is_empty() {
        return (f64::NAN, f64::NAN);
    }
    values.sort_by(f64::total_cmp);
    let at = |q: f64| values[((q * (values.len() - 1) as f64).round() as usize).min(values.len() - 1)];
    (at(0.025), at(0.975))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::f64::consts::PI;

    /// Ishigami & Homma (1990): f = sin x1 + a sin² x2 + b x3⁴ sin x1 on [−π, π]³, a = 7,
    /// b = 0.1. Analytic indices (Sobol & Levitan 1999; Saltelli et al. 2008 §4.9):
    /// V = a²/8 + bπ⁴/5 + b²π⁸/18 + 1/2, V1 = (1 + bπ⁴/5)²/2, V2 = a²/8, V3 = 0,
    /// VT3 = 8b²π⁸/225 (the x1–x3 interaction).
    #[test]
    fn ishigami_indices_match_their_analytic_values() {
        let (a, b) = (7.0, 0.1);
        let v = a * a / 8.0 + b * PI.powi(4) / 5.0 + b * b * PI.powi(8) / 18.0 + 0.5;
        let v1 = (1.0 + b * PI.powi(4) / 5.0).powi(2) / 2.0;
        let v2 = a * a / 8.0;
        let v13 = 8.0 * b * b * PI.powi(8) / 225.0;
        let exact_first = [v1 / v, v2 / v, 0.0];
        let exact_total = [(v1 + v13) / v, v2 / v, v13 / v];
        assert!((exact_first[0] - 0.3139).abs() < 1e-4 && (exact_total[2] - 0.2437).abs() < 1e-4);

        let n = 20_000;
        let ranges = vec![Range { low: -PI, high: PI }; 3];
        let outputs: Vec<f64> = saltelli_design(n, &ranges, 1)
            .iter()
            .map(|x| x[0].sin() + a * x[1].sin().powi(2) + b * x[2].powi(4) * x[0].sin())
            .collect();
        let found = indices(&outputs, n, 3, 200, 2);
        for i in 0..3 {
            let s = &found[i];
            assert!((s.first - exact_first[i]).abs() < 0.03, "S{} = {} vs {}", i + 1, s.first, exact_first[i]);
            assert!((s.total - exact_total[i]).abs() < 0.03, "ST{} = {} vs {}", i + 1, s.total, exact_total[i]);
            assert!(s.first_ci.0 <= s.first && s.first <= s.first_ci.1);
            assert!(s.total_ci.0 - 0.01 <= exact_total[i] && exact_total[i] <= s.total_ci.1 + 0.01);
        }
    }
}
