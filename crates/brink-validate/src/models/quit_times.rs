//! Continuous quit-time strategies on the engine's turn grid, for the `private-quit` rule.
//!
//! A turn lasts Δ. In turn k, side i decides at time τ_i(k) = (k − 1 + o_i)Δ (o_i = 0, or ½ so
//! that two sides' decision grids interleave and never tie). A continuous quit time T is
//! rounded to the nearest decision time: the side concedes at turn K with
//! P(K ≤ k) = F_T(τ_i(k) + Δ/2). Rounding to the nearest point makes the error in any smooth
//! expectation O(Δ²) rather than O(Δ).

use brink_engine::model::QuitTurns;
use brink_engine::{Ladder, PolicyKind, Scenario, TurnOrder};

use super::duel;

/// The quit-turn table of a quit time with CDF `cdf`, turn length `dt`, offset `offset`
/// (in turns) and `turns` entries.
pub(crate) fn quit_turns(cdf: impl Fn(f64) -> f64, dt: f64, offset: f64, turns: u32) -> QuitTurns {
    let mut running: f64 = 0.0;
    let table = (1..=turns)
        .map(|k| {
            let p = cdf((f64::from(k) - 1.0 + offset) * dt + dt / 2.0).clamp(0.0, 1.0);
            running = running.max(p);
            running
        })
        .collect();
    QuitTurns::new(table).expect("a clamped running maximum is a valid CDF")
}

/// Two `private-quit` actors holding rung 1 of `ladder`, moving in `order`.
pub(crate) fn quit_duel(ladder: Ladder, tables: [QuitTurns; 2], max_turns: u32, order: TurnOrder) -> Scenario {
    let [t1, t2] = tables;
    let policy = |quit_turns| PolicyKind::PrivateQuit { target: 1, quit_turns };
    let mut scenario = duel(ladder, 1, [policy(t1), policy(t2)], max_turns);
    scenario.rules.turn_order = order;
    scenario
}

/// The inverse of an increasing function `f` on [0, `high`) at `y`, by bisection
/// (returns `high` if f never reaches y below it).
pub(crate) fn invert(f: impl Fn(f64) -> f64, y: f64, high: f64) -> f64 {
    let (mut lo, mut hi) = (0.0, high);
    if f(hi) <= y {
        return hi;
    }
    for _ in 0..100 {
        let mid = 0.5 * (lo + hi);
        if f(mid) < y { lo = mid } else { hi = mid }
    }
    0.5 * (lo + hi)
}

/// ∫_a^b g by composite Simpson's rule with `n` (even) intervals.
pub(crate) fn simpson(g: impl Fn(f64) -> f64, a: f64, b: f64, n: usize) -> f64 {
    let h = (b - a) / n as f64;
    let mut total = g(a) + g(b);
    for i in 1..n {
        total += g(a + i as f64 * h) * if i % 2 == 1 { 4.0 } else { 2.0 };
    }
    total * h / 3.0
}
