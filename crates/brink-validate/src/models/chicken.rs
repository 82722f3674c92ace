//! Chicken with incomplete information and its logit QRE (research note §1.8; logit QRE
//! after McKelvey & Palfrey 1995).
//!
//! Payoffs to side i: escalate vs back down W; back down vs escalate −L; both back down 0;
//! both escalate −c_i. Against escalation probability p, EU(E) − EU(B) = W − p(W + c − L).
//!
//! `chicken-bayes`: c_i iid U[0, C] private. A side escalates iff c_i ≤ c*, where the cutoff
//! type is indifferent when the other escalates with probability c*/C:
//! W·C = c*(W + c* − L), so c* = [−(W − L) + √((W − L)² + 4W·C)]/2 (interior iff C > L).
//! Then P(escalate) = c*/C, P(disaster) = (c*/C)², P(both back down) = (1 − c*/C)².
//!
//! `chicken-qre`: known c; the symmetric logit equilibrium p solves
//! p = 1/(1 + e^(−λ(W − p(W + c − L)))); here by Newton's method (the engine bisects).
//!
//! Reduction: the engine's one-shot 2×2 stage ([`brink_engine::stage`]): its equilibrium
//! solvers, then Monte Carlo play of the solved strategies on the engine's streams.

use brink_engine::stage::{Chicken, StageRule};

use super::Model;
use crate::ValidateError;
use crate::check::{Check, Interval, RunOptions};
use crate::params::{ParamSpec, Params};

/// `chicken-bayes` parameters.
pub const BAYES_PARAMS: &[ParamSpec] = &[
    ParamSpec {
        name: "W",
        default: "1",
        expected: "a number in (0, 100]",
        help: "payoff of escalating against a side that backs down",
    },
    ParamSpec {
        name: "L",
        default: "1",
        expected: "a number in [0, 100]",
        help: "loss from backing down against a side that escalates",
    },
    ParamSpec {
        name: "C",
        default: "4",
        expected: "a number in (L, 1000]",
        help: "private disaster costs are iid U[0, C]",
    },
];

/// `chicken-qre` parameters.
pub const QRE_PARAMS: &[ParamSpec] = &[
    ParamSpec {
        name: "W",
        default: "1",
        expected: "a number in (0, 100]",
        help: "payoff of escalating against a side that backs down",
    },
    ParamSpec {
        name: "L",
        default: "1",
        expected: "a number in [0, 100]",
        help: "loss from backing down against a side that escalates",
    },
    ParamSpec { name: "c", default: "4", expected: "a number in (L − W, 1000]", help: "the (known) disaster cost" },
    ParamSpec { name: "lambda", default: "1", expected: "a number in [0, 1000]", help: "logit rationality λ" },
];

/// `chicken-bayes` in the registry.
pub const BAYES: Model = Model {
    name: "chicken-bayes",
    summary: "Chicken with private disaster costs c ~ U[0, C]: cutoff c* and P(disaster)",
    source: "research note §1.8 (symmetric Bayesian Nash equilibrium)",
    params: BAYES_PARAMS,
    run: run_bayes,
};

/// `chicken-qre` in the registry.
pub const QRE: Model = Model {
    name: "chicken-qre",
    summary: "Chicken's symmetric logit quantal-response equilibrium probability of escalating",
    source: "McKelvey & Palfrey 1995; research note §1.8",
    params: QRE_PARAMS,
    run: run_qre,
};

fn payoffs(params: &Params) -> Result<Chicken, ValidateError> {
    let win = params.number("W", BAYES_PARAMS[0].expected, |x| x > 0.0 && x <= 100.0)?;
    let lose = params.number("L", BAYES_PARAMS[1].expected, |x| (0.0..=100.0).contains(&x))?;
    Ok(Chicken { win, lose })
}

/// c* = [−(W − L) + √((W − L)² + 4W·C)]/2.
pub fn cutoff(game: &Chicken, cost_max: f64) -> f64 {
    let d = game.win - game.lose;
    (-d + (d * d + 4.0 * game.win * cost_max).sqrt()) / 2.0
}

/// The logit fixed point by Newton's method on g(p) = p − σ(λ(W − p(W + c − L))),
/// safeguarded by the bracket g(0) < 0 < g(1) (a step leaving the bracket bisects instead).
pub fn logit_fixed_point(game: &Chicken, cost: f64, lambda: f64) -> f64 {
    let slope = game.win + cost - game.lose;
    let sigma = |p: f64| 1.0 / (1.0 + (-lambda * (game.win - p * slope)).exp());
    let (mut low, mut high, mut p) = (0.0, 1.0, 0.5);
    for _ in 0..200 {
        let s = sigma(p);
        let g = p - s;
        if g < 0.0 {
            low = p
        } else {
            high = p
        }
        let newton = p - g / (1.0 + lambda * slope * s * (1.0 - s));
        p = if newton > low && newton < high { newton } else { 0.5 * (low + high) };
    }
    p
}

fn run_bayes(params: &Params, options: &RunOptions) -> Result<Vec<Check>, ValidateError> {
    let game = payoffs(params)?;
    let cost_max = params.number("C", BAYES_PARAMS[2].expected, |x| x > game.lose && x <= 1000.0)?;
    let pairs = params.pairs();
    let engine_cutoff = game.cutoff_equilibrium(|c| (c / cost_max).clamp(0.0, 1.0), cost_max);
    let closed = cutoff(&game, cost_max);
    let share = closed / cost_max;
    let rule = StageRule::Cutoff { cutoff: engine_cutoff, cost_max };
    let counts = game.play([rule, rule], options.seed, options.runs);
    let n = counts.runs;
    Ok(vec![
        Check::deterministic(BAYES.name, "cutoff", &pairs, closed, engine_cutoff),
        Check::monte_carlo(BAYES.name, "p_escalate", &pairs, share, Interval::proportion(counts.side1_escalated, n)),
        Check::monte_carlo(BAYES.name, "p_disaster", &pairs, share * share, Interval::proportion(counts.disaster, n)),
        Check::monte_carlo(
            BAYES.name,
            "p_both_back_down",
            &pairs,
            (1.0 - share).powi(2),
            Interval::proportion(counts.both_back_down, n),
        ),
    ])
}

fn run_qre(params: &Params, options: &RunOptions) -> Result<Vec<Check>, ValidateError> {
    let game = payoffs(params)?;
    let floor = game.lose - game.win;
    let cost = params.number("c", QRE_PARAMS[2].expected, |x| x > floor && x <= 1000.0)?;
    let lambda = params.number("lambda", QRE_PARAMS[3].expected, |x| (0.0..=1000.0).contains(&x))?;
    let pairs = params.pairs();
    let closed = logit_fixed_point(&game, cost, lambda);
    let engine = game.logit_equilibrium(cost, lambda);
    let rule = StageRule::Logit { cost, rationality: lambda, belief: engine };
    let counts = game.play([rule, rule], options.seed, options.runs);
    Ok(vec![
        Check::deterministic(QRE.name, "p_escalate", &pairs, closed, engine),
        Check::monte_carlo(
            QRE.name,
            "p_escalate_played",
            &pairs,
            closed,
            Interval::proportion(counts.side1_escalated, counts.runs),
        ),
    ])
}
