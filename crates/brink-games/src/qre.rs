//! Logit quantal response equilibrium (McKelvey & Palfrey 1995, "Quantal response equilibria
//! for normal form games", Games Econ. Behav. 10), for any number of players.
//!
//! At precision λ each player mixes by the logit rule `p_ij ∝ exp(λ u_ij(p))`, where `u_ij(p)`
//! is the expected payoff of strategy `j` against the others' mixtures. At λ = 0 play is
//! uniform; as λ → ∞ the principal branch of QREs converges to a Nash equilibrium (the logit
//! "tracing" selection). In log-probabilities `w_ij = ln p_ij` the QREs are the zeros of
//!
//! ```text
//! H(w, λ):  Σ_j exp(w_ij) − 1 = 0                         for each player i,
//!           w_ij − w_i0 − λ (u_ij(p) − u_i0(p)) = 0       for each i and j ≥ 1,
//! ```
//!
//! a curve in `(w, λ)` space. It is followed from `(ln uniform, 0)` by pseudo-arclength
//! continuation: an Euler predictor along the tangent (the null vector of the Jacobian) and
//! Newton correctors orthogonal to it, with step-size control (Allgower & Georg 1990,
//! "Numerical Continuation Methods", ch. 2 and 6; Turocy 2005, "A dynamic homotopy
//! interpretation of the logistic quantal response equilibrium correspondence", Games Econ.
//! Behav. 51, which also motivates the log-probability coordinates). Arclength, rather than λ,
//! parametrises the curve, so the tracing survives turning points where the branch bends back
//! in λ. All in floating point: QREs are irrational in general.

use crate::game::to_f64;
use crate::{Game, GameError, Rational};

/// One point on the branch: a precision λ and the QRE profile there.
#[derive(Debug, Clone, PartialEq)]
pub struct QrePoint {
    /// The precision λ (≥ 0).
    pub lambda: f64,
    /// One probability vector per player.
    pub profile: Vec<Vec<f64>>,
}

/// Settings of the path follower. The defaults suit payoffs of order 1 to 100.
#[derive(Debug, Clone, PartialEq)]
pub struct QreConfig {
    /// The first arclength step.
    pub initial_step: f64,
    /// The longest arclength step.
    pub max_step: f64,
    /// Give up after this many predictor–corrector steps, accepted or rejected.
    pub max_steps: usize,
    /// Newton stops when its step is below this, relative to the point's size.
    pub tolerance: f64,
}

impl Default for QreConfig {
    fn default() -> Self {
        QreConfig { initial_step: 0.03, max_step: 1e5, max_steps: 100_000, tolerance: 1e-13 }
    }
}

/// The game in the shape the equations need: flat payoffs and global strategy indices.
struct Model {
    shape: Vec<usize>,
    /// First global index of each player's strategies.
    offset: Vec<usize>,
    /// `payoffs[profile * players + player]`.
    payoffs: Vec<f64>,
    profiles: usize,
}

impl Model {
    fn new(game: &Game) -> Model {
        let shape = game.shape();
        let n = shape.len();
        let mut offset = vec![0; n];
        for i in 1..n {
            offset[i] = offset[i - 1] + shape[i - 1];
        }
        let profiles = game.num_profiles();
        let payoffs =
            (0..profiles).flat_map(|k| (0..n).map(move |i| (k, i))).map(|(k, i)| to_f64(game.payoff(k, i))).collect();
        Model { shape, offset, payoffs, profiles }
    }

    fn size(&self) -> usize {
        self.shape.iter().sum()
    }

    /// Expected payoffs `u[g]` of every strategy (global index `g`) and their derivatives
    /// `du[g][h] = ∂u_g/∂p_h` for strategies `h` of other players (0 for the same player).
    fn payoffs_and_derivatives(&self, p: &[f64]) -> (Vec<f64>, Vec<f64>) {
        let n = self.shape.len();
        let size = self.size();
        let mut u = vec![0.0; size];
        let mut du = vec![0.0; size * size];
        let mut pure = vec![0usize; n];
        for k in 0..self.profiles {
            for i in 0..n {
                let payoff = self.payoffs[k * n + i];
                if payoff == 0.0 {
                    continue;
                }
                let gi = self.offset[i] + pure[i];
                let others: f64 = (0..n).filter(|&q| q != i).map(|q| p[self.offset[q] + pure[q]]).product();
                u[gi] += others * payoff;
                for j in (0..n).filter(|&j| j != i) {
                    let gj = self.offset[j] + pure[j];
                    let rest: f64 = (0..n).filter(|&q| q != i && q != j).map(|q| p[self.offset[q] + pure[q]]).product();
                    du[gi * size + gj] += rest * payoff;
                }
            }
            crate::game::advance(&mut pure, &self.shape);
        }
        (u, du)
    }

    /// `H(w, λ)` and its Jacobian (`size` rows, `size + 1` columns, λ last).
    fn system(&self, z: &[f64]) -> (Vec<f64>, Vec<f64>) {
        let size = self.size();
        let lambda = z[size];
        let p: Vec<f64> = z[..size].iter().map(|w| w.exp()).collect();
        let (u, du) = self.payoffs_and_derivatives(&p);
        let cols = size + 1;
        let mut h = vec![0.0; size];
        let mut jac = vec![0.0; size * cols];
        for (i, &k) in self.shape.iter().enumerate() {
            let base = self.offset[i];
            // Row `base`: the probabilities sum to one.
            h[base] = p[base..base + k].iter().sum::<f64>() - 1.0;
            for j in 0..k {
                jac[base * cols + base + j] = p[base + j];
            }
            for j in 1..k {
                let row = base + j;
                let (g, g0) = (base + j, base);
                h[row] = z[g] - z[g0] - lambda * (u[g] - u[g0]);
                jac[row * cols + g] += 1.0;
                jac[row * cols + g0] -= 1.0;
                for h_idx in 0..size {
                    // Chain rule through p = exp(w).
                    let d = du[g * size + h_idx] - du[g0 * size + h_idx];
                    if d != 0.0 {
                        jac[row * cols + h_idx] -= lambda * d * p[h_idx];
                    }
                }
                jac[row * cols + size] = -(u[g] - u[g0]);
            }
        }
        (h, jac)
    }

    fn profile(&self, z: &[f64]) -> Vec<Vec<f64>> {
        self.shape
            .iter()
            .zip(&self.offset)
            .map(|(&k, &o)| {
                let p: Vec<f64> = z[o..o + k].iter().map(|w| w.exp()).collect();
                let total: f64 = p.iter().sum();
                p.into_iter().map(|x| x / total).collect()
            })
            .collect()
    }
}

/// Solves the dense system `a x = b` (`a` is `n × n`, row-major) by Gaussian elimination with
/// partial pivoting; `None` if it is singular to working precision.
fn solve(mut a: Vec<f64>, mut b: Vec<f64>) -> Option<Vec<f64>> {
    let n = b.len();
    for k in 0..n {
        let p = (k..n).max_by(|&x, &y| a[x * n + k].abs().total_cmp(&a[y * n + k].abs()))?;
        if a[p * n + k].abs() < 1e-300 {
            return None;
        }
        if p != k {
            for c in 0..n {
                a.swap(p * n + c, k * n + c);
            }
            b.swap(p, k);
        }
        for r in k + 1..n {
            let f = a[r * n + k] / a[k * n + k];
            if f != 0.0 {
                for c in k..n {
                    a[r * n + c] -= f * a[k * n + c];
                }
                b[r] -= f * b[k];
            }
        }
    }
    let mut x = vec![0.0; n];
    for k in (0..n).rev() {
        let s: f64 = (k + 1..n).map(|c| a[k * n + c] * x[c]).sum();
        x[k] = (b[k] - s) / a[k * n + k];
    }
    x.iter().all(|v| v.is_finite()).then_some(x)
}

/// The square system `[J; tᵀ]` used for the tangent and for the corrector.
fn augmented(jac: &[f64], t: &[f64]) -> Vec<f64> {
    let mut a = jac.to_vec();
    a.extend_from_slice(t);
    a
}

fn max_abs(v: &[f64]) -> f64 {
    v.iter().fold(0.0, |m, x| m.max(x.abs()))
}

/// The unit tangent at `z`, oriented to agree with `previous`.
fn tangent(model: &Model, z: &[f64], previous: &[f64]) -> Option<Vec<f64>> {
    let (_, jac) = model.system(z);
    let mut rhs = vec![0.0; z.len()];
    rhs[z.len() - 1] = 1.0;
    let t = solve(augmented(&jac, previous), rhs)?;
    let norm = t.iter().map(|x| x * x).sum::<f64>().sqrt();
    Some(t.into_iter().map(|x| x / norm).collect())
}

/// Has Newton converged? Its steps shrink quadratically near a solution, so a step that is
/// negligible relative to the point is the test; an absolute residual test would fail at large
/// λ, where `λ u` carries rounding error of order `λ · 1e-16`.
fn converged(delta: &[f64], z: &[f64], tol: f64) -> bool {
    max_abs(delta) <= tol * (1.0 + max_abs(z))
}

/// Newton's method on `H = 0` restricted to the hyperplane through `z` orthogonal to `t`.
fn correct(model: &Model, mut z: Vec<f64>, t: &[f64], tol: f64) -> Option<(Vec<f64>, usize)> {
    for iteration in 1..=12 {
        let (h, jac) = model.system(&z);
        let mut rhs: Vec<f64> = h.iter().map(|x| -x).collect();
        rhs.push(0.0);
        let delta = solve(augmented(&jac, t), rhs)?;
        for (zi, d) in z.iter_mut().zip(&delta) {
            *zi += d;
        }
        if converged(&delta, &z, tol) {
            return Some((z, iteration));
        }
        if max_abs(&delta) > 1.0 {
            return None; // diverging: the step was too long
        }
    }
    None
}

/// Newton's method on `H(·, λ) = 0` for fixed λ, from a nearby point.
fn correct_at(model: &Model, mut z: Vec<f64>, lambda: f64, tol: f64) -> Option<Vec<f64>> {
    let size = model.size();
    z[size] = lambda;
    for _ in 0..50 {
        let (h, jac) = model.system(&z);
        let square: Vec<f64> = (0..size).flat_map(|r| jac[r * (size + 1)..r * (size + 1) + size].to_vec()).collect();
        let delta = solve(square, h.iter().map(|x| -x).collect())?;
        for (zi, d) in z.iter_mut().zip(&delta) {
            *zi += d;
        }
        if converged(&delta, &z, tol) {
            return Some(z);
        }
    }
    None
}

/// Follows the principal branch from λ = 0 until λ reaches `lambda_end` and returns the
/// accepted points, the last one exactly at `lambda_end`.
pub fn trace(game: &Game, lambda_end: f64, config: &QreConfig) -> Result<Vec<QrePoint>, GameError> {
    if !(lambda_end >= 0.0 && lambda_end.is_finite()) {
        return Err(GameError::BadArgument(format!("λ must be a finite number >= 0, not {lambda_end}")));
    }
    let model = Model::new(game);
    let size = model.size();
    let mut z: Vec<f64> = model.shape.iter().flat_map(|&k| std::iter::repeat_n(-(k as f64).ln(), k)).collect();
    z.push(0.0);
    let mut points = vec![QrePoint { lambda: 0.0, profile: model.profile(&z) }];
    if lambda_end == 0.0 {
        return Ok(points);
    }
    if centroid_is_stationary(game) {
        // Every strategy earns the same against the others' uniform mixtures, so the logit
        // response to the centroid is the centroid at every λ: the principal branch is the
        // line {centroid} × [0, ∞). Following it numerically would meet the bifurcations
        // where other branches cross it (the Jacobian is singular there), so it is not
        // followed: the answer is exact.
        points.push(QrePoint { lambda: lambda_end, profile: model.profile(&z) });
        return Ok(points);
    }
    let mut direction = vec![0.0; size + 1];
    direction[size] = 1.0;
    let mut step = config.initial_step;
    let failed = |what: &str| GameError::Numerical(format!("the QRE path follower {what}"));
    for _ in 0..config.max_steps {
        let t = tangent(&model, &z, &direction).ok_or_else(|| failed("met a singular Jacobian"))?;
        let predicted: Vec<f64> = z.iter().zip(&t).map(|(a, b)| a + step * b).collect();
        match correct(&model, predicted, &t, config.tolerance) {
            Some((next, iterations)) => {
                if next[size] >= lambda_end {
                    // Crossed the target: land on it from the nearer point by Newton in w.
                    let fraction = (lambda_end - z[size]) / (next[size] - z[size]);
                    let start: Vec<f64> = z.iter().zip(&next).map(|(a, b)| a + fraction * (b - a)).collect();
                    let at = correct_at(&model, start, lambda_end, config.tolerance)
                        .ok_or_else(|| failed("could not land on the requested λ"))?;
                    points.push(QrePoint { lambda: lambda_end, profile: model.profile(&at) });
                    return Ok(points);
                }
                direction = t;
                z = next;
                points.push(QrePoint { lambda: z[size], profile: model.profile(&z) });
                if iterations <= 3 {
                    step = (step * 1.5).min(config.max_step);
                }
            }
            None => {
                step /= 2.0;
                if step < 1e-12 {
                    return Err(failed("could not continue (step size underflow)"));
                }
            }
        }
    }
    Err(failed("took too many steps"))
}

/// Whether the centroid (every player uniform) is a QRE at every λ: for each player, every
/// strategy's expected payoff against the others' uniform mixtures is the same (in exact
/// arithmetic). Degenerate games such as all-equal payoffs, or Latin-square payoff tables
/// (rock–paper–scissors and its relatives), are of this kind.
pub fn centroid_is_stationary(game: &Game) -> bool {
    let shape = game.shape();
    let players = shape.len();
    // Sums of payoffs over the others' profiles, per (player, strategy): proportional to the
    // expected payoff against uniform play (the factor is the same for every strategy).
    let mut sums: Vec<Vec<Rational>> = shape.iter().map(|&k| vec![Rational::from_integer(0.into()); k]).collect();
    let mut pure = vec![0usize; players];
    for profile in 0..game.num_profiles() {
        for (player, player_sums) in sums.iter_mut().enumerate() {
            player_sums[pure[player]] += game.payoff(profile, player);
        }
        crate::game::advance(&mut pure, &shape);
    }
    sums.iter().all(|s| s.iter().all(|x| *x == s[0]))
}

/// The logit QRE at precision `lambda` on the principal branch.
pub fn qre_at(game: &Game, lambda: f64) -> Result<QrePoint, GameError> {
    let points = trace(game, lambda, &QreConfig::default())?;
    Ok(points.into_iter().last().expect("trace returns at least the starting point"))
}
