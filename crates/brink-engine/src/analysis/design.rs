//! Experimental designs: where in parameter space to run.

use crate::stream::{Purpose, RunStreams};

/// One parameter's range.
#[derive(Debug, Clone, PartialEq)]
pub struct Range {
    /// Lower bound.
    pub low: f64,
    /// Upper bound.
    pub high: f64,
}

impl Range {
    /// The point at fraction `u` ∈ [0, 1] of the range.
    pub fn at(&self, u: f64) -> f64 {
        self.low + u * (self.high - self.low)
    }
}

/// `n` evenly spaced values from `low` to `high` inclusive (`n = 1` gives `low`).
pub fn linspace(low: f64, high: f64, n: usize) -> Vec<f64> {
    match n {
        0 => Vec::new(),
        1 => vec![low],
        _ => (0..n).map(|i| low + (high - low) * i as f64 / (n - 1) as f64).collect(),
    }
}

/// The full factorial grid of `axes`, last axis varying fastest.
pub fn grid(axes: &[Vec<f64>]) -> Vec<Vec<f64>> {
    let mut points = vec![Vec::new()];
    for axis in axes {
        let mut next = Vec::with_capacity(points.len() * axis.len());
        for point in &points {
            for &value in axis {
                let mut extended = point.clone();
                extended.push(value);
                next.push(extended);
            }
        }
        points = next;
    }
    if axes.is_empty() { Vec::new() } else { points }
}

/// A Latin hypercube of `n` points over `ranges` (McKay, Beckman & Conover 1979): each range
/// is cut into `n` equal strata and every stratum holds exactly one point per dimension.
/// Deterministic in `seed` (its own random stream).
pub fn latin_hypercube(n: usize, ranges: &[Range], seed: u64) -> Vec<Vec<f64>> {
    let mut stream = RunStreams::new(seed, u64::MAX).at(Purpose::Setup, 0);
    let mut columns: Vec<Vec<f64>> = Vec::with_capacity(ranges.len());
    for range in ranges {
        let mut strata: Vec<usize> = (0..n).collect();
        // Fisher–Yates shuffle of the strata.
        for i in (1..n).rev() {
            let j = (stream.uniform() * (i + 1) as f64) as usize;
            strata.swap(i, j.min(i));
        }
        columns.push(strata.iter().map(|&k| range.at((k as f64 + stream.uniform()) / n as f64)).collect());
    }
    (0..n).map(|i| columns.iter().map(|c| c[i]).collect()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grids_enumerate_every_combination() {
        let g = grid(&[linspace(0.0, 1.0, 3), vec![10.0, 20.0]]);
        assert_eq!(g.len(), 6);
        assert_eq!(g[0], vec![0.0, 10.0]);
        assert_eq!(g[1], vec![0.0, 20.0]);
        assert_eq!(g[5], vec![1.0, 20.0]);
        assert_eq!(linspace(0.2, 0.4, 3), vec![0.2, 0.30000000000000004, 0.4]);
    }

    #[test]
    fn latin_hypercube_has_one_point_per_stratum() {
        let ranges = [Range { low: 0.0, high: 1.0 }, Range { low: -5.0, high: 5.0 }];
        let points = latin_hypercube(50, &ranges, 9);
        assert_eq!(points.len(), 50);
        for (d, range) in ranges.iter().enumerate() {
            let mut seen = [false; 50];
            for p in &points {
                let stratum = (((p[d] - range.low) / (range.high - range.low)) * 50.0) as usize;
                assert!(!seen[stratum], "two points in stratum {stratum} of dimension {d}");
                seen[stratum] = true;
            }
        }
        assert_eq!(points, latin_hypercube(50, &ranges, 9), "deterministic in the seed");
        assert_ne!(points, latin_hypercube(50, &ranges, 10));
    }
}
