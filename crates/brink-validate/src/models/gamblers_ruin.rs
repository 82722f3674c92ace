//! Gambler's ruin on the ladder (Feller 1968, *An Introduction to Probability Theory and Its
//! Applications* vol. 1, ch. XIV.2–3).
//!
//! Reduction: one `random-walk` actor (up `p`, down `q`, hold otherwise) on rungs 0..=`top`,
//! starting at `start`; reaching the nuclear top is nuclear use, reaching rung 0 settles at once
//! (settlement after 0 quiet turns at or below rung 0).

use brink_engine::{Outcome, PolicyKind};

use super::{Model, in_open_unit, ladder, one_actor, simulate};
use crate::ValidateError;
use crate::check::{Check, Interval, RunOptions};
use crate::params::{ParamSpec, Params};

/// The model's parameters.
pub const PARAMS: &[ParamSpec] = &[
    ParamSpec {
        name: "p",
        default: "0.35",
        expected: "a probability in (0, 1) with 0.05 ≤ p + q ≤ 1",
        help: "probability of a step up per turn",
    },
    ParamSpec {
        name: "q",
        default: "0.25",
        expected: "a probability in (0, 1) with 0.05 ≤ p + q ≤ 1",
        help: "probability of a step down per turn",
    },
    ParamSpec { name: "top", default: "5", expected: "an integer in [2, 20]", help: "the absorbing nuclear rung n" },
    ParamSpec { name: "start", default: "2", expected: "an integer in [1, top − 1]", help: "the starting rung k" },
];

/// `gamblers-ruin` in the registry.
pub const MODEL: Model = Model {
    name: "gamblers-ruin",
    summary: "random walk up p, down q between absorbing 0 and top: P(nuclear), E[turns]",
    source: "Feller 1968, ch. XIV.2–3",
    params: PARAMS,
    run,
};

/// A lazy random walk between two absorbing barriers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GamblersRuin {
    /// Probability of a step up per turn.
    pub up: f64,
    /// Probability of a step down per turn.
    pub down: f64,
    /// The absorbing top n.
    pub top: usize,
    /// The start k.
    pub start: usize,
}

impl GamblersRuin {
    /// Reads and checks the parameters.
    pub fn from_params(params: &Params) -> Result<Self, ValidateError> {
        let up = params.number("p", PARAMS[0].expected, in_open_unit)?;
        let down = params.number("q", PARAMS[1].expected, |q| in_open_unit(q) && (0.05..=1.0).contains(&(up + q)))?;
        let top = params.integer("top", 2, 20)? as usize;
        let start = params.integer("start", 1, top as u64 - 1)? as usize;
        Ok(Self { up, down, top, start })
    }

    /// P(reaching n before 0) = (1 − r^k)/(1 − r^n), r = q/p; k/n when p = q (Feller XIV.2).
    pub fn p_nuclear(&self) -> f64 {
        let (k, n) = (self.start as f64, self.top as f64);
        if self.symmetric() {
            return k / n;
        }
        let r = self.down / self.up;
        (1.0 - r.powf(k)) / (1.0 - r.powf(n))
    }

    /// E[turns to absorption] = [k − n·P]/((q′ − p′)(p + q)) with p′ = p/(p+q), q′ = q/(p+q)
    /// (Feller XIV.3, eq. 3.4, for the walk that always moves; each move takes a geometric
    /// number of turns with mean 1/(p + q)); k(n − k)/(p + q) when p = q.
    pub fn expected_turns(&self) -> f64 {
        let (k, n) = (self.start as f64, self.top as f64);
        let rate = self.up + self.down;
        if self.symmetric() {
            return k * (n - k) / rate;
        }
        let drift = (self.down - self.up) / rate;
        (k - n * self.p_nuclear()) / (drift * rate)
    }

    fn symmetric(&self) -> bool {
        (self.up - self.down).abs() < 1e-12
    }

    /// The engine scenario.
    pub fn scenario(&self) -> brink_engine::Scenario {
        let ladder = ladder(self.top + 1, 1, |_| {});
        // A turn limit far in the tail (the engine's turn histograms are sized by it).
        let max_turns = (60.0 * self.expected_turns()).clamp(1_000.0, 200_000.0) as u32;
        let mut scenario =
            one_actor(ladder, PolicyKind::RandomWalk { up: self.up, down: self.down }, self.start, max_turns);
        scenario.rules.settle_after_quiet_turns = 0;
        scenario.rules.settle_at_or_below = 0;
        scenario
    }
}

fn run(params: &Params, options: &RunOptions) -> Result<Vec<Check>, ValidateError> {
    let model = GamblersRuin::from_params(params)?;
    let summary = simulate(&model.scenario(), options);
    let pairs = params.pairs();
    Ok(vec![
        Check::monte_carlo(
            MODEL.name,
            "p_nuclear",
            &pairs,
            model.p_nuclear(),
            Interval::proportion(summary.outcome(Outcome::NuclearUse).count, summary.runs),
        ),
        Check::monte_carlo(
            MODEL.name,
            "expected_turns",
            &pairs,
            model.expected_turns(),
            Interval::mean_turns(&summary, 0.0, 1.0),
        ),
    ])
}
