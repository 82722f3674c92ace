//! Lives at stake in escalation outcomes: the distribution, over Monte Carlo runs, of the
//! casualties of the strike plan attached to the nuclear rung each run reached.
//!
//! The engine reports how many runs ended at each nuclear rung (its `Summary::nuclear_rung`);
//! the plans are assessed once ([`crate::assess`]); this module combines the two. A run
//! without nuclear use counts zero casualties. The plan's figure is a point estimate under
//! the documented assumptions, so the spread shown here is the spread of *which rung* was
//! reached, not of the casualties of a given strike (that uncertainty is larger and is not
//! modelled; docs/CONSEQUENCES.md).

/// Casualties assigned to one rung.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RungCasualties {
    /// Deaths of the rung's plan.
    pub fatalities: f64,
    /// Injuries of the rung's plan.
    pub injuries: f64,
}

/// The distribution of fatalities over runs.
#[derive(Debug, Clone, PartialEq)]
pub struct FatalityDistribution {
    /// Runs in all.
    pub runs: u64,
    /// Runs that reached a nuclear rung with no plan attached (counted as zero below, so every
    /// statistic is then a lower bound).
    pub unassessed_runs: u64,
    /// Mean fatalities per run.
    pub mean_fatalities: f64,
    /// Mean injuries per run.
    pub mean_injuries: f64,
    /// (q, fatalities): the smallest value v with P(F ≤ v) ≥ q, for each requested q.
    pub quantiles: Vec<(f64, f64)>,
    /// (threshold X, runs with F > X), for each requested threshold.
    pub exceedance: Vec<(f64, u64)>,
}

/// Combines runs per rung (`runs_by_rung[r]` runs ended by nuclear use at rung r) with the
/// casualties of each rung's plan (`None`: no plan). Runs not in `runs_by_rung` (no nuclear
/// use) count zero. Reductions use integer counts, so the result does not depend on how the
/// runs were split over threads.
pub fn fatality_distribution(
    runs: u64,
    runs_by_rung: &[u64],
    casualties_by_rung: &[Option<RungCasualties>],
    quantiles: &[f64],
    thresholds: &[f64],
) -> FatalityDistribution {
    // (fatalities, injuries, runs), with the zero outcome first.
    let nuclear: u64 = runs_by_rung.iter().sum();
    let mut unassessed = 0;
    let mut points: Vec<(f64, f64, u64)> = vec![(0.0, 0.0, runs.saturating_sub(nuclear))];
    for (count, casualties) in runs_by_rung.iter().zip(casualties_by_rung.iter().chain(std::iter::repeat(&None))) {
        match casualties {
            Some(c) => points.push((c.fatalities, c.injuries, *count)),
            None => {
                unassessed += count;
                points[0].2 += count;
            }
        }
    }
    let denominator = runs.max(1) as f64;
    let mean_fatalities = points.iter().map(|&(f, _, n)| f * n as f64).sum::<f64>() / denominator;
    let mean_injuries = points.iter().map(|&(_, i, n)| i * n as f64).sum::<f64>() / denominator;
    let mut sorted = points.clone();
    sorted.sort_by(|a, b| a.0.total_cmp(&b.0));
    let quantiles = quantiles
        .iter()
        .map(|&q| {
            let needed = (q * runs as f64).ceil().max(1.0) as u64;
            let mut cumulative = 0;
            let value = sorted
                .iter()
                .find(|&&(_, _, n)| {
                    cumulative += n;
                    cumulative >= needed
                })
                .map_or(sorted.last().map_or(0.0, |p| p.0), |p| p.0);
            (q, value)
        })
        .collect();
    let exceedance = thresholds.iter().map(|&x| (x, points.iter().filter(|p| p.0 > x).map(|p| p.2).sum())).collect();
    FatalityDistribution { runs, unassessed_runs: unassessed, mean_fatalities, mean_injuries, quantiles, exceedance }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hand_computed_mixture() {
        // 1000 runs: 900 without nuclear use, 80 at rung 7 (1 M dead), 20 at rung 8 (50 M dead).
        let mut by_rung = vec![0; 9];
        by_rung[7] = 80;
        by_rung[8] = 20;
        let mut casualties = vec![None; 9];
        casualties[7] = Some(RungCasualties { fatalities: 1e6, injuries: 2e6 });
        casualties[8] = Some(RungCasualties { fatalities: 50e6, injuries: 60e6 });
        let d = fatality_distribution(1000, &by_rung, &casualties, &[0.5, 0.9, 0.95, 0.99], &[0.0, 1e6, 1e7]);
        // Mean: (80 × 1e6 + 20 × 50e6)/1000 = 1.08e6.
        assert!((d.mean_fatalities - 1.08e6).abs() < 1e-6);
        assert!((d.mean_injuries - 1.36e6).abs() < 1e-6);
        assert_eq!(d.quantiles, vec![(0.5, 0.0), (0.9, 0.0), (0.95, 1e6), (0.99, 50e6)]);
        assert_eq!(d.exceedance, vec![(0.0, 100), (1e6, 20), (1e7, 20)]);
        assert_eq!(d.unassessed_runs, 0);
    }

    #[test]
    fn rungs_without_a_plan_are_flagged() {
        let d = fatality_distribution(10, &[0, 3], &[None, None], &[0.5], &[0.0]);
        assert_eq!(d.unassessed_runs, 3);
        assert_eq!(d.mean_fatalities, 0.0);
        assert_eq!(d.exceedance, vec![(0.0, 0)]);
    }
}
