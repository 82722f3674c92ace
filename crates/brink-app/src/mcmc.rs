//! Markov chain Monte Carlo for `brink fit --method mcmc` (docs/EVIDENCE.md, "MCMC"): an
//! adaptive random-walk Metropolis sampler on a box of parameters, run as several independent
//! chains, and the convergence diagnostics of Gelman et al. (2013, *Bayesian Data Analysis*,
//! 3rd ed., §11.4–11.5): split R-hat and the effective sample size with Geyer's initial
//! monotone sequence.
//!
//! The box is mapped to the real line by a logit in each coordinate, so every proposal is
//! inside it; the target gains the log-Jacobian of that map. During warm-up each chain tunes
//! its step: per-coordinate scales from its own early draws, and a global step size by a
//! Robbins–Monro recursion toward an acceptance rate of 0.35 (near the optimum of Roberts,
//! Gelman & Gilks 1997 for one or two dimensions). The step is frozen after warm-up, so the
//! kept draws are a Markov chain with the target as its stationary distribution.
//!
//! Every chain has its own generator seeded from `(seed, chain)`: the draws do not depend on
//! how many threads run the chains.

use rand::rngs::Xoshiro256PlusPlus;
use rand::{RngExt, SeedableRng};
use rand_distr::StandardNormal;

/// How many chains, how long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    /// Independent chains (at least 2 for R-hat).
    pub chains: usize,
    /// Warm-up iterations per chain (tuning; discarded).
    pub warmup: usize,
    /// Kept draws per chain.
    pub draws: usize,
    /// Seed of the chains' generators.
    pub seed: u64,
}

/// The draws of every chain.
#[derive(Debug, Clone, PartialEq)]
pub struct Chains {
    /// `draws[chain][iteration][parameter]`: the kept draws.
    pub draws: Vec<Vec<Vec<f64>>>,
    /// `log_target[chain][iteration]`: the log target (log-likelihood + log prior) at each draw.
    pub log_target: Vec<Vec<f64>>,
    /// Per chain, the share of proposals accepted after warm-up.
    pub acceptance: Vec<f64>,
    /// Evaluations of the target (warm-up, draws and starting points).
    pub evaluations: usize,
    /// Evaluations where the target was impossible (likelihood 0 or prior 0).
    pub impossible: usize,
}

impl Chains {
    /// Parameter `p`'s draws, one vector per chain.
    pub fn parameter(&self, p: usize) -> Vec<Vec<f64>> {
        self.draws.iter().map(|chain| chain.iter().map(|x| x[p]).collect()).collect()
    }
}

/// Logit of `x` in `(low, high)`.
fn to_real(x: f64, low: f64, high: f64) -> f64 {
    let u = ((x - low) / (high - low)).clamp(1e-300, 1.0 - 1e-16);
    (u / (1.0 - u)).ln()
}

/// The point of `(low, high)` at logit `z`, and ln |dx/dz| there.
fn to_box(z: f64, low: f64, high: f64) -> (f64, f64) {
    // u = 1 / (1 + e^-z); du/dz = u (1 - u), in a form that does not overflow for large |z|.
    let u = if z >= 0.0 { 1.0 / (1.0 + (-z).exp()) } else { z.exp() / (1.0 + z.exp()) };
    let log_jacobian = (high - low).ln() - z.abs() - 2.0 * (-z.abs()).exp().ln_1p();
    (low + (high - low) * u, log_jacobian)
}

/// Samples the density `exp(log_target(x))` on the box `bounds` (`None`: density 0), with
/// `chains` chains in parallel (a caller counting progress counts inside `log_target`).
/// Fails when a chain finds no starting point of positive density in 200 tries.
pub fn sample(
    bounds: &[(f64, f64)],
    settings: Settings,
    log_target: &(dyn Fn(&[f64]) -> Option<f64> + Sync),
) -> Result<Chains, String> {
    use rayon::prelude::*;
    let runs: Vec<ChainRun> = (0..settings.chains)
        .into_par_iter()
        .map(|chain| run_chain(bounds, settings, chain, log_target))
        .collect::<Result<_, _>>()?;
    let mut chains =
        Chains { draws: Vec::new(), log_target: Vec::new(), acceptance: Vec::new(), evaluations: 0, impossible: 0 };
    for run in runs {
        chains.acceptance.push(run.accepted as f64 / settings.draws.max(1) as f64);
        chains.evaluations += run.evaluations;
        chains.impossible += run.impossible;
        chains.draws.push(run.draws);
        chains.log_target.push(run.log_target);
    }
    Ok(chains)
}

struct ChainRun {
    draws: Vec<Vec<f64>>,
    log_target: Vec<f64>,
    accepted: usize,
    evaluations: usize,
    impossible: usize,
}

fn run_chain(
    bounds: &[(f64, f64)],
    settings: Settings,
    chain: usize,
    log_target: &(dyn Fn(&[f64]) -> Option<f64> + Sync),
) -> Result<ChainRun, String> {
    let d = bounds.len();
    // A different stream per chain; splitmix-style mixing keeps nearby seeds apart.
    let key =
        settings.seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (chain as u64 + 1).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(key);
    let mut run = ChainRun { draws: Vec::new(), log_target: Vec::new(), accepted: 0, evaluations: 0, impossible: 0 };
    let mut x = vec![0.0; d];
    // ln target in z (the real line): the box target plus the log-Jacobian of the map.
    let evaluate = |z: &[f64], x: &mut [f64], run: &mut ChainRun| -> Option<(f64, f64)> {
        let mut jacobian = 0.0;
        for (i, (&zi, &(low, high))) in z.iter().zip(bounds).enumerate() {
            let (xi, lj) = to_box(zi, low, high);
            x[i] = xi;
            jacobian += lj;
        }
        run.evaluations += 1;
        match log_target(x) {
            Some(l) if l.is_finite() => Some((l + jacobian, l)),
            _ => {
                run.impossible += 1;
                None
            }
        }
    };

    // Start: a uniform point of the box's central 90% (overdispersed for R-hat).
    let mut z = vec![0.0; d];
    let mut current = None;
    for _ in 0..200 {
        for (zi, &(low, high)) in z.iter_mut().zip(bounds) {
            let u: f64 = rng.random::<f64>();
            *zi = to_real(low + (high - low) * (0.05 + 0.9 * u), low, high);
        }
        if let Some(value) = evaluate(&z, &mut x, &mut run) {
            current = Some(value);
            break;
        }
    }
    let Some((mut log_z, mut log_x)) = current else {
        return Err(format!(
            "chain {chain} found no starting point where the records are possible in 200 tries: narrow the ranges or check the records"
        ));
    };

    let mut scale = vec![1.0; d];
    let mut log_step = (2.4 / (d as f64).sqrt()).ln();
    let mut early: Vec<Vec<f64>> = Vec::new();
    let total = settings.warmup + settings.draws;
    let mut proposal = vec![0.0; d];
    for iteration in 0..total {
        let warming = iteration < settings.warmup;
        let size = log_step.exp();
        for i in 0..d {
            let n: f64 = rng.sample(StandardNormal);
            proposal[i] = z[i] + size * scale[i] * n;
        }
        let u: f64 = rng.random::<f64>();
        let accepted = match evaluate(&proposal, &mut x, &mut run) {
            Some((lz, lx)) if u.ln() < lz - log_z => {
                z.copy_from_slice(&proposal);
                log_z = lz;
                log_x = lx;
                true
            }
            _ => false,
        };
        if warming {
            // Robbins–Monro on the log step toward 35% acceptance.
            let gain = ((iteration + 1) as f64).powf(-0.6);
            log_step += gain * (f64::from(u8::from(accepted)) - 0.35);
            if iteration < settings.warmup / 2 {
                early.push(z.clone());
            } else if iteration == settings.warmup / 2 && early.len() > 10 {
                // Per-coordinate scales from the first half of warm-up, then the step again.
                for (i, s) in scale.iter_mut().enumerate() {
                    let mean = early.iter().map(|e| e[i]).sum::<f64>() / early.len() as f64;
                    let var = early.iter().map(|e| (e[i] - mean).powi(2)).sum::<f64>() / (early.len() - 1) as f64;
                    if var > 1e-12 {
                        *s = var.sqrt();
                    }
                }
                log_step = (2.4 / (d as f64).sqrt()).ln();
            }
        } else {
            run.accepted += usize::from(accepted);
            let point: Vec<f64> = z.iter().zip(bounds).map(|(&zi, &(low, high))| to_box(zi, low, high).0).collect();
            run.draws.push(point);
            run.log_target.push(log_x);
        }
    }
    Ok(run)
}

/// Mean and variance (divisor n − 1) of `x`.
fn mean_var(x: &[f64]) -> (f64, f64) {
    let n = x.len() as f64;
    let mean = x.iter().sum::<f64>() / n;
    let var = if x.len() > 1 { x.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1.0) } else { 0.0 };
    (mean, var)
}

/// Each chain cut into halves (BDA3 §11.4: split chains also detect drift within a chain).
fn split(chains: &[Vec<f64>]) -> Vec<&[f64]> {
    chains
        .iter()
        .flat_map(|c| {
            let half = c.len() / 2;
            [&c[..half], &c[c.len() - half..]]
        })
        .collect()
}

/// Within-chain variance W and the pooled variance estimate var⁺ (BDA3 eq. 11.3).
fn variances(chains: &[&[f64]]) -> (f64, f64) {
    let n = chains[0].len() as f64;
    let stats: Vec<(f64, f64)> = chains.iter().map(|c| mean_var(c)).collect();
    let w = stats.iter().map(|s| s.1).sum::<f64>() / stats.len() as f64;
    let means: Vec<f64> = stats.iter().map(|s| s.0).collect();
    let b_over_n = mean_var(&means).1;
    (w, (n - 1.0) / n * w + b_over_n)
}

/// Split R-hat (BDA3 §11.4): √(var⁺ / W) over the halves of every chain; near 1 when the
/// chains agree (≥ 1.01 is worth a look, ≥ 1.1 means not converged). NaN with fewer than 4
/// draws per chain; 1 when every draw is equal.
pub fn split_rhat(chains: &[Vec<f64>]) -> f64 {
    if chains.is_empty() || chains.iter().any(|c| c.len() < 4) {
        return f64::NAN;
    }
    let halves = split(chains);
    let (w, var_plus) = variances(&halves);
    if w <= 0.0 {
        return if var_plus <= 0.0 { 1.0 } else { f64::INFINITY };
    }
    (var_plus / w).sqrt()
}

/// Effective sample size (BDA3 §11.5): m·n / (1 + 2 Σ ρ̂ₜ) over split chains, the
/// autocorrelations ρ̂ₜ = 1 − (W − mean autocovariance at lag t) / var⁺ summed in pairs while
/// the pair sums stay positive and made monotone (Geyer 1992). At most m·n·log₁₀(m·n), as
/// Stan caps it. NaN with fewer than 4 draws per chain.
pub fn effective_sample_size(chains: &[Vec<f64>]) -> f64 {
    if chains.is_empty() || chains.iter().any(|c| c.len() < 4) {
        return f64::NAN;
    }
    let halves = split(chains);
    let m = halves.len();
    let n = halves[0].len();
    let total = (m * n) as f64;
    let (w, var_plus) = variances(&halves);
    if var_plus <= 0.0 {
        return total;
    }
    let means: Vec<f64> = halves.iter().map(|c| mean_var(c).0).collect();
    // Mean over chains of the autocovariance at lag t (divisor n).
    let autocovariance = |t: usize| -> f64 {
        halves
            .iter()
            .zip(&means)
            .map(|(c, &mean)| (0..n - t).map(|i| (c[i] - mean) * (c[i + t] - mean)).sum::<f64>() / n as f64)
            .sum::<f64>()
            / m as f64
    };
    let rho = |t: usize| 1.0 - (w - autocovariance(t)) / var_plus;
    let mut sum = 0.0;
    let mut previous_pair = f64::INFINITY;
    let mut t = 0;
    while t + 1 < n {
        let pair = (rho(t) + rho(t + 1)).min(previous_pair);
        if pair <= 0.0 {
            break;
        }
        sum += pair;
        previous_pair = pair;
        t += 2;
    }
    // Σ over pairs from lag 0 counts ρ₀ = 1 once: τ = −1 + 2 Σ pairs.
    let tau = (-1.0 + 2.0 * sum).max(1.0 / total.log10());
    total / tau
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_box_map_round_trips_and_its_jacobian_is_the_derivative() {
        for &z in &[-30.0, -3.0, -0.5, 0.0, 0.7, 4.0, 30.0] {
            let (x, lj) = to_box(z, 2.0, 7.0);
            assert!((2.0..=7.0).contains(&x));
            if z.abs() < 10.0 {
                assert!((to_real(x, 2.0, 7.0) - z).abs() < 1e-9, "{z}");
            }
            let h = 1e-6;
            let derivative = (to_box(z + h, 2.0, 7.0).0 - to_box(z - h, 2.0, 7.0).0) / (2.0 * h);
            if derivative > 1e-8 {
                assert!((lj - derivative.ln()).abs() < 1e-5, "{z}: {lj} vs {}", derivative.ln());
            }
        }
    }

    /// An AR(1) series x' = φ x + √(1 − φ²) ε (unit stationary variance).
    fn ar1(phi: f64, n: usize, seed: u64) -> Vec<f64> {
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
        let mut x: f64 = rng.sample(StandardNormal);
        (0..n)
            .map(|_| {
                let e: f64 = rng.sample(StandardNormal);
                x = phi * x + (1.0 - phi * phi).sqrt() * e;
                x
            })
            .collect()
    }

    #[test]
    fn effective_sample_size_of_an_ar1_chain_is_its_closed_form() {
        // For AR(1), τ = (1 + φ) / (1 − φ): ESS = N (1 − φ) / (1 + φ).
        for &phi in &[0.0, 0.5, 0.9] {
            let chains: Vec<Vec<f64>> = (0..4).map(|c| ar1(phi, 20_000, 11 + c)).collect();
            let expected = 80_000.0 * (1.0 - phi) / (1.0 + phi);
            let ess = effective_sample_size(&chains);
            assert!((ess / expected - 1.0).abs() < 0.1, "φ = {phi}: ESS {ess} vs {expected}");
            let rhat = split_rhat(&chains);
            assert!((rhat - 1.0).abs() < 0.01, "φ = {phi}: R-hat {rhat}");
        }
    }

    #[test]
    fn split_rhat_flags_chains_that_disagree_or_drift() {
        let mut chains: Vec<Vec<f64>> = (0..4).map(|c| ar1(0.3, 2_000, 40 + c)).collect();
        for x in &mut chains[0] {
            *x += 3.0;
        }
        assert!(split_rhat(&chains) > 1.2);
        // One chain drifting upward: only splitting sees it within the chain.
        let drifting: Vec<Vec<f64>> =
            vec![(0..2_000).map(|i| i as f64 / 200.0).collect(), (0..2_000).map(|i| i as f64 / 200.0).collect()];
        assert!(split_rhat(&drifting) > 1.5);
    }

    #[test]
    fn the_sampler_recovers_a_normal_target_and_the_box_edges() {
        // N(3, 0.5²) on [0, 10] (the box cuts nothing that matters), and an exponential
        // density e^{-2x} on [0, 4] (mass piled on the lower edge: mean ≈ 0.5, sd ≈ 0.5).
        let target = |x: &[f64]| Some(-0.5 * ((x[0] - 3.0) / 0.5).powi(2) - 2.0 * x[1]);
        let settings = Settings { chains: 4, warmup: 1_000, draws: 4_000, seed: 3 };
        let chains = sample(&[(0.0, 10.0), (0.0, 4.0)], settings, &target).unwrap();
        let truncated_exponential_mean = 0.5 - 4.0 * (-8.0f64).exp() / (1.0 - (-8.0f64).exp());
        for (p, (mean, sd)) in [(3.0, 0.5), (truncated_exponential_mean, 0.5)].into_iter().enumerate() {
            let draws = chains.parameter(p);
            let flat: Vec<f64> = draws.iter().flatten().copied().collect();
            let (m, v) = mean_var(&flat);
            let ess = effective_sample_size(&draws);
            assert!(ess > 1_000.0, "parameter {p}: ESS {ess}");
            assert!((m - mean).abs() < 4.0 * sd / ess.sqrt(), "parameter {p}: mean {m} vs {mean} (ESS {ess})");
            assert!((v.sqrt() / sd - 1.0).abs() < 0.06, "parameter {p}: sd {} vs {sd}", v.sqrt());
            assert!(split_rhat(&draws) < 1.01);
        }
        for a in &chains.acceptance {
            assert!((0.2..0.55).contains(a), "acceptance {a}");
        }
        // Same seed, same draws, whatever the thread count (chains are independent streams).
        let again = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap()
            .install(|| sample(&[(0.0, 10.0), (0.0, 4.0)], settings, &target).unwrap());
        assert_eq!(again, chains);
    }
}
